/*
** op_unwind.c — Unwind: one row per element of a list (a null yields no
** row, any other non-list value yields one row holding it).
**
** `UNWIND range(a, b) AS i` is streamed: the integers are produced one by
** one rather than as a list first, so a loop of a hundred million
** iterations costs no memory and stops at once when interrupted.
*/
#include <strings.h>

#include "exec/op.h"
#include "eval/expr.h"

typedef struct OpUnwind {
  Op base;
  uint32_t iSlot;          /* the element variable */
  const struct AstNode *pList;
  Value list;              /* current list (in scratch) */
  uint32_t iNext;          /* next element */
  bool bRange;             /* pList is a call to range(): stream it */
  FuncRange range;         /* streaming: what is left of the current range */
} OpUnwind;

static void unwindOpen(Op *p) {
  OpUnwind *u = (OpUnwind *)p;
  op_open(p->pChild);
  u->list = value_null();
  u->iNext = 0;
  u->range.nCount = 0;
}

/* Streaming range(): evaluates the arguments for the current input row. */
static bool unwindStartRange(OpUnwind *u) {
  Op *p = &u->base;
  const AstNode *pCall = u->pList;
  Value aArg[3];
  uint32_t nArg = pCall->pList->n;
  for (uint32_t i = 0; i < nArg; i++) {
    if (!expr_eval(p->pCtx, pCall->pList->a[i], &p->scratch, &aArg[i])) return false;
    if (aArg[i].type == VAL_NULL) {
      u->range.nCount = 0;   /* range() of a null is null: no rows */
      return true;
    }
  }
  FuncCtx fc;
  expr_func_ctx(p->pCtx, pCall, &p->scratch, &fc);
  if (func_range_plan(&fc, (int)nArg, aArg, &u->range)) return true;
  p->pCtx->pErr->bRuntime = true;
  return false;
}

static int unwindNextRange(OpUnwind *u) {
  Op *p = &u->base;
  while (u->range.nCount == 0) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    arena_reset(&p->scratch);
    if (!unwindStartRange(u)) return OP_ERROR;
  }
  p->pCtx->aSlot[u->iSlot] = value_int(u->range.iStart);
  u->range.iStart = (int64_t)((uint64_t)u->range.iStart + (uint64_t)u->range.iStep);
  u->range.nCount--;
  return OP_ROW;
}

static int unwindNext(Op *p) {
  OpUnwind *u = (OpUnwind *)p;
  if (u->bRange) return unwindNextRange(u);
  while (u->list.type != VAL_LIST || u->iNext >= u->list.n) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    arena_reset(&p->scratch);
    Value v;
    if (!expr_eval(p->pCtx, u->pList, &p->scratch, &v)) return OP_ERROR;
    u->iNext = 0;
    if (v.type == VAL_NULL) {
      u->list = value_null();
      continue;
    }
    if (v.type != VAL_LIST) {
      /* UNWIND of a single value gives one row with that value. */
      u->list = value_list_new(&p->scratch, 1);
      u->list.u.a[0] = v;
    } else {
      u->list = v;
    }
  }
  p->pCtx->aSlot[u->iSlot] = u->list.u.a[u->iNext++];
  return OP_ROW;
}

static void unwindClose(Op *p) { op_close(p->pChild); }

static void unwindExplain(Op *p, StrBuf *pOut) {
  OpUnwind *u = (OpUnwind *)p;
  op_put_expr(p, pOut, u->pList);
  strbuf_puts(pOut, " AS ");
  op_put_slot(p, pOut, u->iSlot);
}

static const OpVtab unwindVtab = {"Unwind", unwindOpen, unwindNext, unwindClose, unwindExplain, NULL};

Op *op_unwind(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, const AstNode *pList) {
  OpUnwind *u = (OpUnwind *)op_alloc(pCtx, sizeof(OpUnwind), &unwindVtab, pChild);
  u->iSlot = iSlot;
  u->pList = pList;
  const FuncDef *pDef = pList->kind == AST_FUNC ? pList->pDef : NULL;
  u->bRange = pDef && strcasecmp(pDef->zName, "range") == 0 && pList->pList &&
              pList->pList->n >= 2 && pList->pList->n <= 3;
  return &u->base;
}
