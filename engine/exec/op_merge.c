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
  SlotList pattern;        /* slots the pattern binds */
  Arena matches;           /* saved matches for the current input row */
  VEC(Value *) found;
  uint32_t iNext;
  bool bActive;            /* yielding the current input row's matches */
} OpMerge;

static void mergeOpen(Op *p) {
  OpMerge *m = (OpMerge *)p;
  op_open(p->pChild);
  arena_init(&m->matches);
  m->found.n = 0;
  m->bActive = false;
}

static int mergeNext(Op *p) {
  OpMerge *m = (OpMerge *)p;
  ExecCtx *pCtx = p->pCtx;
  for (;;) {
    if (m->bActive && m->iNext < m->found.n) {
      op_restore_row(p, &m->pattern, m->found.a[m->iNext++]);
      arena_reset(&p->scratch);
      if (!op_set_apply(pCtx, &p->scratch, m->nOnMatch, m->aOnMatch)) return OP_ERROR;
      return OP_ROW;
    }
    m->bActive = false;
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    arena_reset(&m->matches);
    m->found.n = 0;
    m->iNext = 0;
    Op *pMatch = p->pChild2;
    op_open(pMatch);
    while ((rc = op_next(pMatch)) == OP_ROW) {
      vec_push(&m->found, op_save_row(p, &m->matches, &m->pattern));
    }
    op_close(pMatch);
    if (rc == OP_ERROR) return OP_ERROR;
    if (m->found.n) {
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
  vec_free(&m->found);
  arena_free(&m->matches);
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
  m->pattern.n = pPatternSlots->n;
  m->pattern.a = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (pPatternSlots->n + 1));
  memcpy(m->pattern.a, pPatternSlots->a, sizeof(uint32_t) * pPatternSlots->n);
  return &m->base;
}
