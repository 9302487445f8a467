/*
** row_buffer.c — rows kept to be given again later (see row_buffer.h):
** the one place where operators copy slots out of the row and back.
*/
#include "exec/row_buffer.h"
#include "base/mem.h"

SlotList op_copy_slots(ExecCtx *pCtx, const SlotList *pSlots) {
  SlotList copy;
  copy.n = pSlots->n;
  copy.a = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (pSlots->n + 1));
  if (pSlots->n) memcpy(copy.a, pSlots->a, sizeof(uint32_t) * pSlots->n);
  return copy;
}

void row_buffer_init(RowBuffer *b, ExecCtx *pCtx, const SlotList *pSlots) {
  memset(b, 0, sizeof(*b));
  b->slots = op_copy_slots(pCtx, pSlots);
  arena_init(&b->mem);
}

void row_buffer_reset(RowBuffer *b) {
  arena_reset(&b->mem);
  b->rows.n = 0;
  b->iNext = 0;
}

uint32_t row_buffer_save(RowBuffer *b, const Value *aSlot) {
  const SlotList *s = &b->slots;
  Value *a = arena_alloc(&b->mem, sizeof(Value) * (s->n + 1));
  for (uint32_t i = 0; i < s->n; i++) a[i] = value_copy(&b->mem, &aSlot[s->a[i]]);
  vec_push(&b->rows, a);
  return b->rows.n - 1;
}

void row_buffer_save_from(RowBuffer *b, const RowBuffer *src, uint32_t iRow) {
  uint32_t n = b->slots.n;
  Value *a = arena_alloc(&b->mem, sizeof(Value) * (n + 1));
  for (uint32_t i = 0; i < n; i++) a[i] = value_copy(&b->mem, &src->rows.a[iRow][i]);
  vec_push(&b->rows, a);
}

void row_buffer_restore(const RowBuffer *b, uint32_t iRow, Value *aSlot) {
  const SlotList *s = &b->slots;
  const Value *a = b->rows.a[iRow];
  for (uint32_t i = 0; i < s->n; i++) aSlot[s->a[i]] = a[i];
}

bool row_buffer_replay(RowBuffer *b, Value *aSlot) {
  if (b->iNext >= b->rows.n) return false;
  row_buffer_restore(b, b->iNext++, aSlot);
  return true;
}

/*
** Stable merge sort of a[0..n) with aTmp (room for n rows), top-down as
** glibc's qsort (which Sort used before) does, so that the small merges
** work in cache. When the halves are already in order nothing moves. A
** row goes ahead of an earlier one only when it compares strictly
** smaller, which keeps the sort stable.
*/
static void rowBufferMergeSort(Value **a, Value **aTmp, uint32_t n,
                               int (*xCmp)(const Value *, const Value *, const void *),
                               const void *pArg) {
  if (n < 2) return;
  uint32_t n1 = n / 2, n2 = n - n1;
  Value **b = a + n1;
  rowBufferMergeSort(a, aTmp, n1, xCmp, pArg);
  rowBufferMergeSort(b, aTmp, n2, xCmp, pArg);
  if (xCmp(b[0], a[n1 - 1], pArg) >= 0) return;
  uint32_t i = 0, j = 0, k = 0;
  while (i < n1 && j < n2) aTmp[k++] = xCmp(b[j], a[i], pArg) < 0 ? b[j++] : a[i++];
  /* What is left of b is already in place; what is left of a goes last. */
  if (i < n1) {
    memcpy(&aTmp[k], &a[i], sizeof(Value *) * (n1 - i));
    k += n1 - i;
  }
  memcpy(a, aTmp, sizeof(Value *) * k);
}

void row_buffer_sort(RowBuffer *b,
                     int (*xCmp)(const Value *aA, const Value *aB, const void *pArg),
                     const void *pArg) {
  uint32_t n = b->rows.n;
  if (n < 2) return;
  Value **aTmp = tg_malloc(sizeof(Value *) * n);
  rowBufferMergeSort(b->rows.a, aTmp, n, xCmp, pArg);
  tg_free(aTmp);
}

void row_buffer_truncate(RowBuffer *b, uint32_t n) {
  if (n < b->rows.n) b->rows.n = n;
  if (b->iNext > b->rows.n) b->iNext = b->rows.n;
}

void row_buffer_truncate_compact(RowBuffer *b, uint32_t n) {
  row_buffer_truncate(b, n);
  Arena fresh;
  arena_init(&fresh);
  for (uint32_t r = 0; r < b->rows.n; r++) {
    const Value *aOld = b->rows.a[r];
    Value *a = arena_alloc(&fresh, sizeof(Value) * (b->slots.n + 1));
    for (uint32_t i = 0; i < b->slots.n; i++) a[i] = value_copy(&fresh, &aOld[i]);
    b->rows.a[r] = a;
  }
  arena_free(&b->mem);
  b->mem = fresh;
}

void row_buffer_free(RowBuffer *b) {
  vec_free(&b->rows);
  arena_free(&b->mem);
  b->iNext = 0;
}
