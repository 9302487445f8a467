/*
** op_sort.c — Sort: reads every input row, orders them by the key slots
** with Cypher's global sort order (nulls last ascending, first
** descending), then yields them. Ties keep input order. With a LIMIT the
** planner passes SKIP+LIMIT so only that many rows need to be kept sorted
** (a bounded selection keeps memory at the top rows): once the buffer was
** cut down to them, a row that does not beat the last one kept is not
** kept at all. The rows are kept in
** a RowBuffer, whose sort is stable.
**
** In parallel (parallel.c), a Sort with a LIMIT has partners: the same
** Sort in clones of the statement, each over another share of one scan,
** each on a thread keeping its own top rows; this one then adds theirs to
** its own and keeps the top of all. Rows whose keys tie are ordered by the
** scanned node's id, then by arrival: one worker reads the nodes in id
** order, so the rows kept are exactly the ones a single worker keeps.
*/
#include "exec/op.h"
#include "eval/expr.h"

typedef struct OpSort {
  Op base;
  uint32_t nKey;
  SortKey *aKey;
  uint32_t *aKeyPos;       /* each key's position in a kept row */
  const struct AstNode *pTop;  /* rows needed (SKIP+LIMIT), or NULL */
  RowBuffer rows;          /* the input rows, key slots included */
  const Value *aCut;       /* with a LIMIT, once trimmed: the last row kept */
  bool bSorted;
  VEC(Op *) partners;      /* parallel: the same Sort of clones of the query */
  uint32_t iScanSlot;      /* parallel: the shared scan's node slot, or UINT32_MAX */
  uint32_t iScanPos;       /* ... its position in a kept row */
  ScanMorsels *pMorsels;   /* parallel: that scan's blocks */
} OpSort;

/* Orders two scanned nodes by id (0 when not parallel). */
static int sortScanCmp(const OpSort *s, const Value *pA, const Value *pB) {
  if (s->iScanSlot == UINT32_MAX || pA->type != VAL_NODE || pB->type != VAL_NODE) return 0;
  return pA->u.id < pB->u.id ? -1 : pA->u.id > pB->u.id;
}

/* Orders two kept rows by the sort keys (ties are left to the stable sort). */
static int sortCmp(const Value *aA, const Value *aB, const void *pArg) {
  const OpSort *s = pArg;
  for (uint32_t i = 0; i < s->nKey; i++) {
    uint32_t k = s->aKeyPos[i];
    int c = value_compare(&aA[k], &aB[k]);
    if (c) return s->aKey[i].bDesc ? -c : c;
  }
  return s->iScanSlot == UINT32_MAX ? 0 : sortScanCmp(s, &aA[s->iScanPos], &aB[s->iScanPos]);
}

/* Would the current row (in the slots) come after the kept row aCut?
** Ties count as after: the row came later, and the sort is stable. */
static bool sortAfterCut(const OpSort *s, const Value *aSlot) {
  for (uint32_t i = 0; i < s->nKey; i++) {
    int c = value_compare(&aSlot[s->aKey[i].iSlot], &s->aCut[s->aKeyPos[i]]);
    if (c) return (s->aKey[i].bDesc ? -c : c) > 0;
  }
  if (s->iScanSlot == UINT32_MAX) return true;
  return sortScanCmp(s, &aSlot[s->iScanSlot], &s->aCut[s->iScanPos]) >= 0;
}

static void sortOpen(Op *p) {
  OpSort *s = (OpSort *)p;
  op_open(p->pChild);
  row_buffer_reset(&s->rows);
  s->aCut = NULL;
  s->bSorted = false;
}

/* Keeps only the best nTop rows once the buffer holds twice that many
** (and 1024 more), giving back the others' memory; the last row kept is
** then the cut that later rows must beat to be kept at all. The first
** cut is set as soon as there are nTop rows, for the TopCuts below. */
static void sortTrim(OpSort *s, int64_t nTop) {
  if (nTop <= 0) return;
  uint64_t n = s->rows.rows.n;
  if (s->aCut ? n < 2 * (uint64_t)nTop + 1024 : n < (uint64_t)nTop) return;
  row_buffer_sort(&s->rows, sortCmp, s);
  row_buffer_truncate_compact(&s->rows, (uint32_t)nTop);
  s->aCut = s->rows.rows.a[nTop - 1];
}

/* Reads the input and keeps its top rows (all without a LIMIT), sorted. */
static bool sortConsume(OpSort *s) {
  Op *p = &s->base;
  int64_t nTop = -1;
  if (s->pTop && !op_eval_count(p->pCtx, s->pTop, &p->scratch, "LIMIT", &nTop)) return false;
  int rc;
  while ((rc = op_next(p->pChild)) == OP_ROW) {
    if (exec_check_interrupt(p->pCtx)) return false;
    if (nTop == 0 || (s->aCut && sortAfterCut(s, p->pCtx->aSlot))) continue;
    row_buffer_save(&s->rows, p->pCtx->aSlot);
    sortTrim(s, nTop);
  }
  if (rc == OP_ERROR) return false;
  row_buffer_sort(&s->rows, sortCmp, s);
  if (nTop >= 0 && s->rows.rows.n > nTop) row_buffer_truncate(&s->rows, (uint32_t)nTop);
  return true;
}

static bool sortShare(Op *p) { return sortConsume((OpSort *)p); }

/* Reads this share and the partners' (on threads), then keeps the top of
** all their rows. */
static bool sortConsumeParallel(OpSort *s) {
  uint32_t n = s->partners.n;
  ExecCtx *pCtx = s->base.pCtx;
  bool bOk = op_run_shares(&s->base, s->partners.a, n, s->iScanSlot, s->pMorsels, sortShare);
  for (uint32_t i = 0; i < n && bOk; i++) {
    const OpSort *b = (const OpSort *)s->partners.a[i];
    for (uint32_t k = 0; k < b->rows.rows.n; k++) row_buffer_save_from(&s->rows, &b->rows, k);
  }
  if (bOk) {
    int64_t nTop = -1;
    bOk = op_eval_count(pCtx, s->pTop, &s->base.scratch, "LIMIT", &nTop);
    row_buffer_sort(&s->rows, sortCmp, s);
    if (bOk && nTop >= 0 && s->rows.rows.n > nTop) row_buffer_truncate(&s->rows, (uint32_t)nTop);
  }
  return bOk;
}

static int sortNext(Op *p) {
  OpSort *s = (OpSort *)p;
  if (!s->bSorted) {
    if (!(s->partners.n ? sortConsumeParallel(s) : sortConsume(s))) return OP_ERROR;
    s->bSorted = true;
  }
  return row_buffer_replay(&s->rows, p->pCtx->aSlot) ? OP_ROW : OP_DONE;
}

static void sortClose(Op *p) {
  OpSort *s = (OpSort *)p;
  op_close(p->pChild);
  row_buffer_free(&s->rows);
}

static void sortFree(Op *p) { vec_free(&((OpSort *)p)->partners); }

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

static const OpVtab sortVtab = {"Sort", sortOpen, sortNext, sortClose, sortExplain, sortFree};

/* TopCut: low in the plan under a Sort with a LIMIT, drops the rows whose
** first nKey sort keys (expressions on variables bound below, the same for
** every row made from this one) already come after those keys of the last
** row the Sort keeps: all the rows made from it would be cut away. Ties
** pass, for the later keys to decide. */
typedef struct OpTopCut {
  Op base;
  uint32_t nKey;
  const struct AstNode **apKey;
  const OpSort *pSort;
  bool bOrdered;           /* the scan below reads in the first key's order */
} OpTopCut;

static void topCutOpen(Op *p) { op_open(p->pChild); }

/* Does the row come after the cut on the first nKey keys? 1, 0, or -1 on
** error; 2 when already its first key comes after. */
static int topCutAfter(OpTopCut *t) {
  Op *p = &t->base;
  const OpSort *s = t->pSort;
  for (uint32_t i = 0; i < t->nKey; i++) {
    ArenaMark m = arena_mark(&p->scratch);
    Value v;
    if (!expr_eval(p->pCtx, t->apKey[i], &p->scratch, &v)) return -1;
    int c = value_compare(&v, &s->aCut[s->aKeyPos[i]]);
    arena_rewind(&p->scratch, m);
    if (c) return (s->aKey[i].bDesc ? -c : c) > 0 ? (i == 0 ? 2 : 1) : 0;
  }
  return 0;
}

/* Over a scan in the first key's order, a node whose first key comes
** after the cut ends the scan: every later node's does too. */
static int topCutNext(Op *p) {
  OpTopCut *t = (OpTopCut *)p;
  for (;;) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW || t->pSort->aCut == NULL) return rc;
    int after = topCutAfter(t);
    if (after < 0) return OP_ERROR;
    if (after == 2 && t->bOrdered) return OP_DONE;
    if (!after) return OP_ROW;
  }
}

static void topCutClose(Op *p) { op_close(p->pChild); }

static void topCutExplain(Op *p, StrBuf *pOut) {
  const OpTopCut *t = (const OpTopCut *)p;
  for (uint32_t i = 0; i < t->nKey; i++) {
    if (i) strbuf_puts(pOut, ", ");
    op_put_expr(p, pOut, t->apKey[i]);
  }
  strbuf_puts(pOut, " within the sort's top ");
  op_put_expr(p, pOut, t->pSort->pTop);
}

static const OpVtab topCutVtab = {"TopCut", topCutOpen, topCutNext, topCutClose, topCutExplain, NULL};

Op *op_top_cut(ExecCtx *pCtx, Op *pChild, uint32_t nKey, const AstNode **apKey, const Op *pSort) {
  if (NEVER(pSort->pVtab != &sortVtab || ((const OpSort *)pSort)->pTop == NULL)) return pChild;
  if (NEVER(nKey == 0 || nKey > ((const OpSort *)pSort)->nKey)) return pChild;
  OpTopCut *t = (OpTopCut *)op_alloc(pCtx, sizeof(OpTopCut), &topCutVtab, pChild);
  t->nKey = nKey;
  t->apKey = arena_alloc(pCtx->pArena, sizeof(AstNode *) * nKey);
  memcpy(t->apKey, apKey, sizeof(AstNode *) * nKey);
  t->pSort = (const OpSort *)pSort;
  return &t->base;
}

void op_top_cut_over_ordered_scan(Op *pCut) {
  if (NEVER(pCut->pVtab != &topCutVtab || !op_scan_ordered(pCut->pChild))) return;
  ((OpTopCut *)pCut)->bOrdered = true;
}

Op *op_sort(ExecCtx *pCtx, Op *pChild, uint32_t nKey, const SortKey *aKey, const SlotList *pKeep,
            const AstNode *pTop) {
  OpSort *s = (OpSort *)op_alloc(pCtx, sizeof(OpSort), &sortVtab, pChild);
  s->nKey = nKey;
  s->aKey = arena_alloc(pCtx->pArena, sizeof(SortKey) * (nKey + 1));
  memcpy(s->aKey, aKey, sizeof(SortKey) * nKey);
  /* The kept slots must include each key slot; add the missing ones. */
  SlotList keep;
  keep.a = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (pKeep->n + nKey + 1));
  memcpy(keep.a, pKeep->a, sizeof(uint32_t) * pKeep->n);
  keep.n = pKeep->n;
  s->aKeyPos = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (nKey + 1));
  for (uint32_t i = 0; i < nKey; i++) {
    uint32_t k = 0;
    while (k < keep.n && keep.a[k] != aKey[i].iSlot) k++;
    if (k == keep.n) keep.a[keep.n++] = aKey[i].iSlot;
    s->aKeyPos[i] = k;
  }
  row_buffer_init(&s->rows, pCtx, &keep);
  s->pTop = pTop;
  s->iScanSlot = s->iScanPos = UINT32_MAX;
  return &s->base;
}

bool op_sort_splittable(const Op *p) { return p->pVtab == &sortVtab && ((const OpSort *)p)->pTop; }

void op_sort_partner(Op *p, Op *pPartner, uint32_t iScanSlot, ScanMorsels *pM) {
  OpSort *s = (OpSort *)p;
  if (NEVER(p->pVtab != &sortVtab)) return;
  s->pMorsels = pM;
  if (pPartner == NULL) s->partners.n = 0;
  else vec_push(&s->partners, pPartner);
  s->iScanSlot = iScanSlot;
  if (iScanSlot == UINT32_MAX) return;
  /* Keep the scanned node with each row, for ties. */
  const SlotList *pKeep = &s->rows.slots;
  uint32_t k = 0;
  while (k < pKeep->n && pKeep->a[k] != iScanSlot) k++;
  if (k == pKeep->n) {
    SlotList keep;
    keep.a = arena_alloc(p->pCtx->pArena, sizeof(uint32_t) * (pKeep->n + 2));
    memcpy(keep.a, pKeep->a, sizeof(uint32_t) * pKeep->n);
    keep.a[pKeep->n] = iScanSlot;
    keep.n = pKeep->n + 1;
    row_buffer_free(&s->rows);
    row_buffer_init(&s->rows, p->pCtx, &keep);
  }
  s->iScanPos = k;
}
