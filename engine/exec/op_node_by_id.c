/*
** op_node_by_id.c — NodeByIdSeek: the node (or relationship) whose id
** equals a value, for `WHERE id(n) = expr`, once per input row.
*/
#include "exec/op.h"
#include "eval/expr.h"

typedef struct OpNodeById {
  Op base;
  uint32_t iSlot;
  const struct AstNode *pId;
  bool bRel;               /* seek a relationship instead */
  bool bPending;           /* an input row is waiting for its output */
} OpNodeById;

static void nodeByIdOpen(Op *p) {
  op_open(p->pChild);
  ((OpNodeById *)p)->bPending = false;
}

static int nodeByIdNext(Op *p) {
  OpNodeById *s = (OpNodeById *)p;
  const Graph *g = p->pCtx->pGraph;
  for (;;) {
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    arena_reset(&p->scratch);
    Value v;
    if (!expr_eval(p->pCtx, s->pId, &p->scratch, &v)) return OP_ERROR;
    if (v.type == VAL_FLOAT && v.u.f == (double)(int64_t)v.u.f) v = value_int((int64_t)v.u.f);
    if (v.type != VAL_INT || v.u.i < 0 || v.u.i >= UINT32_MAX) continue;
    uint32_t id = (uint32_t)v.u.i;
    if (s->bRel ? !graph_rel_exists(g, id) : !graph_node_exists(g, id)) continue;
    p->pCtx->aSlot[s->iSlot] = s->bRel ? value_rel(id) : value_node(id);
    return OP_ROW;
  }
}

static void nodeByIdClose(Op *p) { op_close(p->pChild); }

static const OpVtab nodeByIdVtab = {"NodeByIdSeek", nodeByIdOpen, nodeByIdNext, nodeByIdClose,
                                    NULL, NULL};

Op *op_node_by_id(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, const AstNode *pId, bool bRel) {
  OpNodeById *s = (OpNodeById *)op_alloc(pCtx, sizeof(OpNodeById), &nodeByIdVtab, pChild);
  s->iSlot = iSlot;
  s->pId = pId;
  s->bRel = bRel;
  return &s->base;
}
