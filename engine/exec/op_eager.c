/*
** op_eager.c — Eager: reads every input row before yielding any, so that
** the clauses after it see the complete effect of the clauses before it
** (a MATCH after CREATE sees every created node; a CREATE after MATCH does
** not feed the MATCH).
*/
#include "op.h"
#include "vec.h"

typedef struct OpEager {
  Op base;
  SlotList keep;           /* slots saved per row */
  Arena rows;
  VEC(Value *) all;
  uint32_t iNext;
  bool bFilled;
} OpEager;

static void eagerOpen(Op *p) {
  OpEager *e = (OpEager *)p;
  op_open(p->pChild);
  arena_init(&e->rows);
  e->all.n = 0;
  e->iNext = 0;
  e->bFilled = false;
}

static int eagerNext(Op *p) {
  OpEager *e = (OpEager *)p;
  if (!e->bFilled) {
    int rc;
    while ((rc = op_next(p->pChild)) == OP_ROW) vec_push(&e->all, op_save_row(p, &e->rows, &e->keep));
    if (rc == OP_ERROR) return OP_ERROR;
    e->bFilled = true;
  }
  if (e->iNext >= e->all.n) return OP_DONE;
  op_restore_row(p, &e->keep, e->all.a[e->iNext++]);
  return OP_ROW;
}

static void eagerClose(Op *p) {
  OpEager *e = (OpEager *)p;
  op_close(p->pChild);
  vec_free(&e->all);
  arena_free(&e->rows);
}

static const OpVtab eagerVtab = {"Eager", eagerOpen, eagerNext, eagerClose, NULL, NULL};

Op *op_eager(ExecCtx *pCtx, Op *pChild, const SlotList *pKeep) {
  OpEager *e = (OpEager *)op_alloc(pCtx, sizeof(OpEager), &eagerVtab, pChild);
  e->keep.n = pKeep->n;
  e->keep.a = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (pKeep->n + 1));
  memcpy(e->keep.a, pKeep->a, sizeof(uint32_t) * pKeep->n);
  return &e->base;
}
