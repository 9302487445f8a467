/*
** op_filter.c — Filter: passes the rows for which a predicate is true
** (false and null both drop the row).
*/
#include "exec/op.h"
#include "eval/expr.h"

typedef struct OpFilter {
  Op base;
  const struct AstNode *pPred;
} OpFilter;

static void filterOpen(Op *p) { op_open(p->pChild); }

static int filterNext(Op *p) {
  OpFilter *f = (OpFilter *)p;
  for (;;) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    ArenaMark m = arena_mark(&p->scratch);
    int t = expr_truth(p->pCtx, f->pPred, &p->scratch);
    arena_rewind(&p->scratch, m);
    if (t < 0) return OP_ERROR;
    if (t) return OP_ROW;
  }
}

static void filterClose(Op *p) { op_close(p->pChild); }

static void filterExplain(Op *p, StrBuf *pOut) { op_put_expr(p, pOut, ((OpFilter *)p)->pPred); }

static const OpVtab filterVtab = {"Filter", filterOpen, filterNext, filterClose, filterExplain, NULL};

Op *op_filter(ExecCtx *pCtx, Op *pChild, const AstNode *pPred) {
  OpFilter *f = (OpFilter *)op_alloc(pCtx, sizeof(OpFilter), &filterVtab, pChild);
  f->pPred = pPred;
  return &f->base;
}

const AstNode *op_filter_pred(const Op *p) {
  return p->pVtab == &filterVtab ? ((const OpFilter *)p)->pPred : NULL;
}
