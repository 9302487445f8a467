/*
** op_project.c — Project: computes expressions into new slots.
**
** All expressions are evaluated before any slot is written, so an
** expression may read a slot that the same projection overwrites.
*/
#include "exec/op.h"
#include "eval/expr.h"

typedef struct OpProject {
  Op base;
  uint32_t n;              /* outputs */
  uint32_t *aSlot;         /* where each goes */
  AstNode **apExpr;        /* what each is */
  Value *aTmp;             /* evaluated values before assignment */
} OpProject;

static void projectOpen(Op *p) { op_open(p->pChild); }

static int projectNext(Op *p) {
  OpProject *pr = (OpProject *)p;
  int rc = op_next(p->pChild);
  if (rc != OP_ROW) return rc;
  arena_reset(&p->scratch);
  for (uint32_t i = 0; i < pr->n; i++) {
    if (!expr_eval(p->pCtx, pr->apExpr[i], &p->scratch, &pr->aTmp[i])) return OP_ERROR;
  }
  for (uint32_t i = 0; i < pr->n; i++) p->pCtx->aSlot[pr->aSlot[i]] = pr->aTmp[i];
  return OP_ROW;
}

static void projectClose(Op *p) { op_close(p->pChild); }

static void projectExplain(Op *p, StrBuf *pOut) {
  OpProject *pr = (OpProject *)p;
  for (uint32_t i = 0; i < pr->n; i++) {
    if (i) strbuf_puts(pOut, ", ");
    op_put_expr(p, pOut, pr->apExpr[i]);
    strbuf_puts(pOut, " AS ");
    op_put_slot(p, pOut, pr->aSlot[i]);
  }
}

static const OpVtab projectVtab = {"Project", projectOpen, projectNext, projectClose,
                                   projectExplain, NULL};

Op *op_project(ExecCtx *pCtx, Op *pChild, uint32_t n, const uint32_t *aSlot,
               AstNode *const *apExpr) {
  OpProject *pr = (OpProject *)op_alloc(pCtx, sizeof(OpProject), &projectVtab, pChild);
  pr->n = n;
  pr->aSlot = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (n + 1));
  pr->apExpr = arena_alloc(pCtx->pArena, sizeof(AstNode *) * (n + 1));
  pr->aTmp = arena_alloc(pCtx->pArena, sizeof(Value) * (n + 1));
  memcpy(pr->aSlot, aSlot, sizeof(uint32_t) * n);
  memcpy(pr->apExpr, apExpr, sizeof(AstNode *) * n);
  return &pr->base;
}
