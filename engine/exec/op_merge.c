/*
** op_merge.c — Merge: for each input row, matches the pattern (the inner
** pipeline, started from an Argument); every match is yielded after the
** ON MATCH items are applied. With no match the pattern is created, the
** ON CREATE items are applied, and that one row is yielded. Matches are
** read completely before any ON MATCH item runs, so the items cannot
** change what matched.
*/
#include "exec/op.h"
#include "base/vec.h"

typedef struct OpMerge {
  Op base;
  CreateSpec create;
  uint32_t nOnCreate, nOnMatch;
  SetItem *aOnCreate, *aOnMatch;
  RowBuffer found;         /* the current input row's matches (the slots the
                              pattern binds) */
  bool bActive;            /* yielding the current input row's matches */
} OpMerge;

static void mergeOpen(Op *p) {
  OpMerge *m = (OpMerge *)p;
  op_open(p->pChild);
  row_buffer_reset(&m->found);
  m->bActive = false;
}

static int mergeNext(Op *p) {
  OpMerge *m = (OpMerge *)p;
  ExecCtx *pCtx = p->pCtx;
  for (;;) {
    if (m->bActive && row_buffer_replay(&m->found, p->pCtx->aSlot)) {
      arena_reset(&p->scratch);
      if (!op_set_apply(pCtx, &p->scratch, m->nOnMatch, m->aOnMatch)) return OP_ERROR;
      return OP_ROW;
    }
    m->bActive = false;
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    row_buffer_reset(&m->found);
    Op *pMatch = p->pChild2;
    op_open(pMatch);
    while ((rc = op_next(pMatch)) == OP_ROW) row_buffer_save(&m->found, p->pCtx->aSlot);
    op_close(pMatch);
    if (rc == OP_ERROR) return OP_ERROR;
    if (m->found.rows.n) {
      m->bActive = true;
      continue;
    }
    arena_reset(&p->scratch);
    if (!op_create_apply(pCtx, &p->scratch, &m->create, true)) return OP_ERROR;
    if (!op_set_apply(pCtx, &p->scratch, m->nOnCreate, m->aOnCreate)) return OP_ERROR;
    return OP_ROW;
  }
}

static void mergeClose(Op *p) {
  OpMerge *m = (OpMerge *)p;
  op_close(p->pChild);
  op_close(p->pChild2);
  row_buffer_free(&m->found);
}

static const OpVtab mergeVtab = {"Merge", mergeOpen, mergeNext, mergeClose, NULL, NULL};

Op *op_merge(ExecCtx *pCtx, Op *pChild, Op *pMatch, const CreateSpec *pCreate,
             uint32_t nOnCreate, const SetItem *aOnCreate, uint32_t nOnMatch,
             const SetItem *aOnMatch, const SlotList *pPatternSlots) {
  OpMerge *m = (OpMerge *)op_alloc(pCtx, sizeof(OpMerge), &mergeVtab, pChild);
  m->base.pChild2 = pMatch;
  m->create = *pCreate;
  m->nOnCreate = nOnCreate;
  m->nOnMatch = nOnMatch;
  m->aOnCreate = (SetItem *)aOnCreate;
  m->aOnMatch = (SetItem *)aOnMatch;
  row_buffer_init(&m->found, pCtx, pPatternSlots);
  return &m->base;
}
