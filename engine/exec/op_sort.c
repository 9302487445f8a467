/*
** op_sort.c — Sort: reads every input row, orders them by the key slots
** with Cypher's global sort order (nulls last ascending, first
** descending), then yields them. Ties keep input order. With a LIMIT the
** planner passes SKIP+LIMIT so only that many rows need to be kept sorted
** (a bounded selection keeps memory at the top rows).
*/
#include <stdlib.h>

#include "exec/op.h"
#include "base/mem.h"
#include "base/vec.h"

typedef struct SortRow {
  Value *aVal;             /* the kept slots, in keep order */
  uint64_t iSeq;           /* input order, for ties */
} SortRow;

typedef struct OpSort {
  Op base;
  uint32_t nKey;
  SortKey *aKey;
  uint32_t *aKeyPos;       /* each key's position in the kept slots */
  SlotList keep;           /* slots saved per row */
  const struct AstNode *pTop;  /* rows needed (SKIP+LIMIT), or NULL */
  Arena rows;              /* saved rows */
  VEC(SortRow) all;
  uint32_t iNext;
  bool bSorted;
} OpSort;

/* qsort has no context argument: the comparator reads the operator here.
** Sorting happens on one thread per statement, never reentrantly. */
static _Thread_local const OpSort *sortCurrent;

static int sortCmp(const void *x, const void *y) {
  const SortRow *a = x, *b = y;
  const OpSort *s = sortCurrent;
  for (uint32_t i = 0; i < s->nKey; i++) {
    uint32_t k = s->aKeyPos[i];
    int c = value_compare(&a->aVal[k], &b->aVal[k]);
    if (c) return s->aKey[i].bDesc ? -c : c;
  }
  return a->iSeq < b->iSeq ? -1 : a->iSeq > b->iSeq;
}

static void sortOpen(Op *p) {
  OpSort *s = (OpSort *)p;
  op_open(p->pChild);
  arena_init(&s->rows);
  s->all.n = 0;
  s->iNext = 0;
  s->bSorted = false;
}

/* Keeps only the best nTop rows once the buffer holds twice that many. */
static void sortTrim(OpSort *s, int64_t nTop) {
  if (nTop < 0 || s->all.n < 2 * (uint64_t)nTop + 1024) return;
  sortCurrent = s;
  if (s->all.n > 1) qsort(s->all.a, s->all.n, sizeof(SortRow), sortCmp);
  s->all.n = (uint32_t)nTop;
}

static int sortNext(Op *p) {
  OpSort *s = (OpSort *)p;
  if (!s->bSorted) {
    int64_t nTop = -1;
    if (s->pTop && !op_eval_count(p->pCtx, s->pTop, &p->scratch, "LIMIT", &nTop)) return OP_ERROR;
    uint64_t iSeq = 0;
    int rc;
    while ((rc = op_next(p->pChild)) == OP_ROW) {
      SortRow r;
      r.aVal = op_save_row(p, &s->rows, &s->keep);
      r.iSeq = iSeq++;
      vec_push(&s->all, r);
      sortTrim(s, nTop);
      if (exec_check_interrupt(p->pCtx)) return OP_ERROR;
    }
    if (rc == OP_ERROR) return OP_ERROR;
    sortCurrent = s;
    if (s->all.n > 1) qsort(s->all.a, s->all.n, sizeof(SortRow), sortCmp);
    if (nTop >= 0 && s->all.n > nTop) s->all.n = (uint32_t)nTop;
    s->bSorted = true;
  }
  if (s->iNext >= s->all.n) return OP_DONE;
  op_restore_row(p, &s->keep, s->all.a[s->iNext++].aVal);
  return OP_ROW;
}

static void sortClose(Op *p) {
  OpSort *s = (OpSort *)p;
  op_close(p->pChild);
  vec_free(&s->all);
  arena_free(&s->rows);
}

static void sortExplain(Op *p, StrBuf *pOut) {
  OpSort *s = (OpSort *)p;
  for (uint32_t i = 0; i < s->nKey; i++) {
    if (i) strbuf_puts(pOut, ", ");
    op_put_slot(p, pOut, s->aKey[i].iSlot);
    if (s->aKey[i].bDesc) strbuf_puts(pOut, " DESC");
  }
  if (s->pTop) {
    strbuf_puts(pOut, " (top ");
    op_put_expr(p, pOut, s->pTop);
    strbuf_putc(pOut, ')');
  }
}

static const OpVtab sortVtab = {"Sort", sortOpen, sortNext, sortClose, sortExplain, NULL};

Op *op_sort(ExecCtx *pCtx, Op *pChild, uint32_t nKey, const SortKey *aKey, const SlotList *pKeep,
            const AstNode *pTop) {
  OpSort *s = (OpSort *)op_alloc(pCtx, sizeof(OpSort), &sortVtab, pChild);
  s->nKey = nKey;
  s->aKey = arena_alloc(pCtx->pArena, sizeof(SortKey) * (nKey + 1));
  memcpy(s->aKey, aKey, sizeof(SortKey) * nKey);
  /* The keep list must contain each key slot; add the missing ones. */
  s->keep.a = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (pKeep->n + nKey + 1));
  memcpy(s->keep.a, pKeep->a, sizeof(uint32_t) * pKeep->n);
  s->keep.n = pKeep->n;
  s->aKeyPos = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (nKey + 1));
  for (uint32_t i = 0; i < nKey; i++) {
    uint32_t k = 0;
    while (k < s->keep.n && s->keep.a[k] != aKey[i].iSlot) k++;
    if (k == s->keep.n) s->keep.a[s->keep.n++] = aKey[i].iSlot;
    s->aKeyPos[i] = k;
  }
  s->pTop = pTop;
  return &s->base;
}
