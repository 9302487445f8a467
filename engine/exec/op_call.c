/*
** op_call.c — ProcedureCall: runs a procedure once per input row with the
** evaluated arguments (checked against the declared types; an integer is
** accepted where a float is declared), then yields one row per output row
** with the yielded fields bound, filtered by YIELD ... WHERE.
*/
#include "eval/expr.h"
#include "exec/op.h"
#include "eval/proc.h"

typedef struct OpCall {
  Op base;
  const ProcDef *pDef;
  AstNode **apArg;
  uint32_t *aOutSlot;
  const struct AstNode *pWhere;
  Arena out;               /* the current call's output rows */
  struct tg_proc_ctx call;
  uint32_t iNext;
  bool bActive;
} OpCall;

static void callOpen(Op *p) {
  OpCall *c = (OpCall *)p;
  op_open(p->pChild);
  arena_init(&c->out);
  memset(&c->call, 0, sizeof(c->call));
  c->bActive = false;
}

/* Runs the procedure for the current input row; rows go to c->call.rows. */
static bool callRun(OpCall *c) {
  ExecCtx *pCtx = c->base.pCtx;
  const ProcDef *pDef = c->pDef;
  arena_reset(&c->out);
  c->call.rows.n = 0;
  c->call.pCtx = pCtx;
  c->call.pDef = pDef;
  c->call.pA = &c->out;
  c->call.bFailed = false;
  Value *aArg = arena_alloc(&c->out, sizeof(Value) * (pDef->nIn + 1));
  for (uint32_t i = 0; i < pDef->nIn; i++) {
    if (!expr_eval(pCtx, c->apArg[i], &c->out, &aArg[i])) return false;
    TypeMask tm = pDef->aIn[i].tm;
    if (aArg[i].type == VAL_INT && !(tm & TM(VAL_INT)) && (tm & TM(VAL_FLOAT))) {
      aArg[i] = value_float((double)aArg[i].u.i);
    }
    if (!(tm & TM(aArg[i].type))) {
      exec_error(pCtx, c->apArg[i]->iOfst, ERR_TYPE_MISMATCH,
                 "argument `%s` of %s must be %s, got %s", pDef->aIn[i].zName, pDef->zName,
                 pDef->aIn[i].zType, value_type_name(aArg[i].type));
      return false;
    }
  }
  if (pDef->xBuiltin) {
    if (!pDef->xBuiltin(&c->call, aArg)) return false;
  } else {
    const tg_value **apArg = arena_alloc(&c->out, sizeof(tg_value *) * (pDef->nIn + 1));
    for (uint32_t i = 0; i < pDef->nIn; i++) apArg[i] = &aArg[i];
    if (pDef->xProc(&c->call, (int)pDef->nIn, apArg, pDef->pArg) != TG_OK && !c->call.bFailed) {
      error_raw(pCtx->pErr, TG_ERR_PROCEDURE, "", "procedure %s failed", pDef->zName);
      pCtx->pErr->bRuntime = true;
    }
  }
  return pCtx->pErr->code == 0;
}

static int callNext(Op *p) {
  OpCall *c = (OpCall *)p;
  ExecCtx *pCtx = p->pCtx;
  for (;;) {
    while (c->bActive && c->iNext < c->call.rows.n) {
      Value *aRow = c->call.rows.a[c->iNext++];
      for (uint32_t i = 0; i < c->pDef->nOut; i++) pCtx->aSlot[c->aOutSlot[i]] = aRow[i];
      if (c->pWhere) {
        ArenaMark m = arena_mark(&p->scratch);
        int t = expr_truth(pCtx, c->pWhere, &p->scratch);
        arena_rewind(&p->scratch, m);
        if (t < 0) return OP_ERROR;
        if (t == 0) continue;
      }
      return OP_ROW;
    }
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    if (!callRun(c)) return OP_ERROR;
    c->bActive = true;
    c->iNext = 0;
    if (c->pDef->nOut == 0) return OP_ROW;   /* a void procedure passes the row on */
  }
}

static void callClose(Op *p) {
  OpCall *c = (OpCall *)p;
  op_close(p->pChild);
  vec_free(&c->call.rows);
  arena_free(&c->out);
}

static void callExplain(Op *p, StrBuf *pOut) { strbuf_puts(pOut, ((OpCall *)p)->pDef->zName); }

static const OpVtab callVtab = {"ProcedureCall", callOpen, callNext, callClose, callExplain, NULL};

Op *op_call(ExecCtx *pCtx, Op *pChild, const ProcDef *pDef, AstNode **apArg,
            const uint32_t *aOutSlot, const AstNode *pWhere) {
  OpCall *c = (OpCall *)op_alloc(pCtx, sizeof(OpCall), &callVtab, pChild);
  c->pDef = pDef;
  c->apArg = apArg;
  c->aOutSlot = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (pDef->nOut + 1));
  if (pDef->nOut) memcpy(c->aOutSlot, aOutSlot, sizeof(uint32_t) * pDef->nOut);
  c->pWhere = pWhere;
  return &c->base;
}
