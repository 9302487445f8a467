/*
** op_skip_limit.c — SkipLimit: drops the first SKIP rows and stops after
** LIMIT rows. Both are evaluated once per run (they are constants or
** parameters); a negative or non-integer value is an error. When the rows
** below come from updating clauses, the input is still read to its end:
** Cypher applies updates to every row, whatever LIMIT keeps.
*/
#include "exec/op.h"
#include "eval/expr.h"

typedef struct OpSkipLimit {
  Op base;
  const struct AstNode *pSkip, *pLimit;
  int64_t nSkip, nLimit;   /* evaluated at open; nLimit -1 = none */
  int64_t nSeen;           /* rows passed so far */
  bool bReady;             /* nSkip/nLimit evaluated */
  bool bDrain;             /* read the input to its end after the limit (this run) */
  bool bDrainPlanned;      /* the input writes */
} OpSkipLimit;

/* Evaluates a SKIP or LIMIT expression into *pn (-1 when absent). */
bool op_eval_count(ExecCtx *pCtx, const AstNode *p, Arena *pA, const char *zWhat, int64_t *pn) {
  *pn = -1;
  if (p == NULL) return true;
  Value v;
  if (!expr_eval(pCtx, p, pA, &v)) return false;
  if (v.type == VAL_FLOAT && v.u.f == (double)(int64_t)v.u.f) v = value_int((int64_t)v.u.f);
  if (v.type != VAL_INT) {
    exec_error(pCtx, p->iOfst, ERR_ARGUMENT_TYPE, "%s must be an integer, got %s", zWhat,
               value_type_name(v.type));
    return false;
  }
  if (v.u.i < 0) {
    exec_error(pCtx, p->iOfst, ERR_NEGATIVE_INTEGER_ARGUMENT, zWhat);
    return false;
  }
  *pn = v.u.i;
  return true;
}

static void skipLimitOpen(Op *p) {
  OpSkipLimit *s = (OpSkipLimit *)p;
  op_open(p->pChild);
  s->nSeen = 0;
  s->bReady = false;
  s->bDrain = s->bDrainPlanned;
}

static int skipLimitNext(Op *p) {
  OpSkipLimit *s = (OpSkipLimit *)p;
  if (!s->bReady) {
    if (!op_eval_count(p->pCtx, s->pSkip, &p->scratch, "SKIP", &s->nSkip)) return OP_ERROR;
    if (!op_eval_count(p->pCtx, s->pLimit, &p->scratch, "LIMIT", &s->nLimit)) return OP_ERROR;
    if (s->nSkip < 0) s->nSkip = 0;
    s->bReady = true;
  }
  for (;;) {
    if (s->nLimit >= 0 && s->nSeen >= s->nSkip + s->nLimit) {
      if (s->bDrain) {
        int rc;
        while ((rc = op_next(p->pChild)) == OP_ROW) {
        }
        if (rc == OP_ERROR) return OP_ERROR;
        s->bDrain = false;
      }
      return OP_DONE;
    }
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    if (s->nSeen++ >= s->nSkip) return OP_ROW;
  }
}

static void skipLimitClose(Op *p) { op_close(p->pChild); }

static const OpVtab skipLimitVtab = {"SkipLimit", skipLimitOpen, skipLimitNext, skipLimitClose,
                                     NULL, NULL};

Op *op_skip_limit(ExecCtx *pCtx, Op *pChild, const AstNode *pSkip, const AstNode *pLimit,
                  bool bDrain) {
  OpSkipLimit *s = (OpSkipLimit *)op_alloc(pCtx, sizeof(OpSkipLimit), &skipLimitVtab, pChild);
  s->pSkip = pSkip;
  s->pLimit = pLimit;
  s->bDrainPlanned = bDrain;
  return &s->base;
}
