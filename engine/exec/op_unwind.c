/*
** op_unwind.c — Unwind: one row per element of a list (a null yields no
** row, any other non-list value yields one row holding it).
*/
#include "op.h"
#include "expr.h"

typedef struct OpUnwind {
  Op base;
  uint32_t iSlot;          /* the element variable */
  const struct AstNode *pList;
  Value list;              /* current list (in scratch) */
  uint32_t iNext;          /* next element */
} OpUnwind;

static void unwindOpen(Op *p) {
  OpUnwind *u = (OpUnwind *)p;
  op_open(p->pChild);
  u->list = value_null();
  u->iNext = 0;
}

static int unwindNext(Op *p) {
  OpUnwind *u = (OpUnwind *)p;
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
  return &u->base;
}
