/*
** row_buffer.h — rows kept to be given again later.
**
** An operator that must read rows before it can yield them (Eager, Sort,
** Delete, the build side of HashJoin, the matches of Merge) or remember
** them (the keys Distinct has seen) keeps each row as the values of a
** fixed list of slots, copied into the buffer's own arena so that they
** outlive the operators that wrote them. Rows are numbered in the order
** they were saved; they can be put back into the row one after another
** (replay) or by number (restore).
**
** Lifetime: init at operator build time, reset at each open (or new
** batch), free at close; a freed buffer can be reset and used again.
*/
#ifndef TANGLE_ROW_BUFFER_H
#define TANGLE_ROW_BUFFER_H

#include "base/arena.h"
#include "base/vec.h"
#include "eval/exec_ctx.h"

/* A list of row slots (what a materializing operator keeps). */
typedef struct SlotList {
  uint32_t n;
  uint32_t *a;
} SlotList;

/* A copy of *pSlots in the statement arena, for an operator to keep. */
SlotList op_copy_slots(ExecCtx *pCtx, const SlotList *pSlots);

/*
** The kept rows. Row i is rows.a[i], an array of slots.n values in the
** order of slots.a. An owner may put its own per-row extras (a join key,
** a file name) into mem: they live exactly as long as the rows.
*/
typedef struct RowBuffer {
  SlotList slots;          /* the slots a row keeps (statement arena) */
  Arena mem;               /* the kept values */
  VEC(Value *) rows;       /* one array of slots.n values per row */
  uint32_t iNext;          /* the next row row_buffer_replay gives */
} RowBuffer;

/* Prepares b to keep the slots in *pSlots (copied into the statement
** arena); at operator build time. */
void row_buffer_init(RowBuffer *b, ExecCtx *pCtx, const SlotList *pSlots);

/* Empties b for a new run (open) or a new batch, keeping one chunk. */
void row_buffer_reset(RowBuffer *b);

/* Keeps only the first n rows and gives back the memory of the others
** (their values are copied out of the arena that held them all): for a
** buffer that is cut down again and again. */
void row_buffer_truncate_compact(RowBuffer *b, uint32_t n);

/* Keeps a copy of the buffer's slots of aSlot (the current row) and
** returns the new row's number. */
uint32_t row_buffer_save(RowBuffer *b, const Value *aSlot);

/* Writes kept row iRow back into the buffer's slots of aSlot. The values
** stay owned by b (valid until it is reset or freed). */
void row_buffer_restore(const RowBuffer *b, uint32_t iRow, Value *aSlot);
/* Copies row iRow of buffer src (which keeps the same slots) into b. */
void row_buffer_save_from(RowBuffer *b, const RowBuffer *src, uint32_t iRow);

/* Restores the next kept row (in row order from the last reset, or the
** sort order after row_buffer_sort); false when all were given. */
bool row_buffer_replay(RowBuffer *b, Value *aSlot);

/*
** Sorts the kept rows by xCmp, which compares two rows (arrays of
** slots.n values) as strcmp does; pArg is passed through. The sort is
** stable: rows that compare equal stay in the order they were saved (or
** were in after an earlier sort). Row numbers follow the new order.
*/
void row_buffer_sort(RowBuffer *b,
                     int (*xCmp)(const Value *aA, const Value *aB, const void *pArg),
                     const void *pArg);

/* Forgets every row after the first n (their memory stays in use until
** the next reset); rows saved later are numbered from n. */
void row_buffer_truncate(RowBuffer *b, uint32_t n);

/* Frees what b keeps (at close). */
void row_buffer_free(RowBuffer *b);

#endif /* TANGLE_ROW_BUFFER_H */
