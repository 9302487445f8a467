/*
** op_delete.c — Delete: removes nodes, relationships and paths named by
** expressions. It reads all input rows first and deletes afterwards —
** relationships before nodes — so that `MATCH (n)-[r]-() DELETE n, r`
** works whatever the row order; a node that still has relationships at
** that point is an error unless DETACH DELETE was asked for. The input
** rows are then yielded unchanged.
*/
#include "eval/expr.h"
#include "exec/op.h"
#include "base/vec.h"

typedef struct OpDelete {
  Op base;
  uint32_t nExpr;
  AstNode **apExpr;
  bool bDetach;
  RowBuffer rows;          /* the input rows, yielded after deleting */
  VEC(NodeId) nodes;
  VEC(RelId) rels;
  bool bDone;
} OpDelete;

/* Collects what value v names for deletion. */
static bool deleteCollect(OpDelete *d, const AstNode *pExpr, const Value *v) {
  switch (v->type) {
    case VAL_NULL: return true;
    case VAL_NODE: vec_push(&d->nodes, v->u.id); return true;
    case VAL_REL: vec_push(&d->rels, v->u.id); return true;
    case VAL_PATH:
      for (uint32_t i = 0; i < v->n; i++) {
        if (!deleteCollect(d, pExpr, &v->u.a[i])) return false;
      }
      return true;
    case VAL_LIST:
      for (uint32_t i = 0; i < v->n; i++) {
        if (!deleteCollect(d, pExpr, &v->u.a[i])) return false;
      }
      return true;
    default:
      exec_error(d->base.pCtx, pExpr->iOfst, ERR_TYPE_MISMATCH,
                 "only nodes, relationships and paths can be deleted, not %s",
                 value_type_name(v->type));
      return false;
  }
}

static void deleteOpen(Op *p) {
  OpDelete *d = (OpDelete *)p;
  op_open(p->pChild);
  row_buffer_reset(&d->rows);
  d->nodes.n = d->rels.n = 0;
  d->bDone = false;
}

/* Deletes everything collected: relationships, then nodes. */
static bool deleteApply(OpDelete *d) {
  ExecCtx *pCtx = d->base.pCtx;
  Graph *g = pCtx->pGraph;
  for (uint32_t i = 0; i < d->rels.n; i++) graph_delete_rel(g, d->rels.a[i]);
  for (uint32_t i = 0; i < d->nodes.n; i++) {
    NodeId n = d->nodes.a[i];
    if (!graph_node_exists(g, n)) continue;
    if (d->bDetach) {
      for (int dir = 0; dir < 2; dir++) {
        const AdjEntry *a;
        while (graph_adj(g, n, dir, -1, &a) > 0) graph_delete_rel(g, a[0].rel);
      }
    }
    if (!graph_delete_node(g, n)) {
      exec_error(pCtx, d->apExpr[0]->iOfst, ERR_DELETE_CONNECTED_NODE);
      return false;
    }
  }
  return true;
}

static int deleteNext(Op *p) {
  OpDelete *d = (OpDelete *)p;
  ExecCtx *pCtx = p->pCtx;
  if (!d->bDone) {
    int rc;
    while ((rc = op_next(p->pChild)) == OP_ROW) {
      arena_reset(&p->scratch);
      for (uint32_t i = 0; i < d->nExpr; i++) {
        Value v;
        if (!expr_eval(pCtx, d->apExpr[i], &p->scratch, &v)) return OP_ERROR;
        if (!deleteCollect(d, d->apExpr[i], &v)) return OP_ERROR;
      }
      row_buffer_save(&d->rows, p->pCtx->aSlot);
    }
    if (rc == OP_ERROR) return OP_ERROR;
    if (!deleteApply(d)) return OP_ERROR;
    d->bDone = true;
  }
  return row_buffer_replay(&d->rows, p->pCtx->aSlot) ? OP_ROW : OP_DONE;
}

static void deleteClose(Op *p) {
  OpDelete *d = (OpDelete *)p;
  op_close(p->pChild);
  row_buffer_free(&d->rows);
  vec_free(&d->nodes);
  vec_free(&d->rels);
}

static void deleteExplain(Op *p, StrBuf *pOut) {
  if (((OpDelete *)p)->bDetach) strbuf_puts(pOut, "detach");
}

static const OpVtab deleteVtab = {"Delete", deleteOpen, deleteNext, deleteClose, deleteExplain,
                                  NULL};

Op *op_delete(ExecCtx *pCtx, Op *pChild, uint32_t nExpr, AstNode *const *apExpr, bool bDetach,
              const SlotList *pKeep) {
  OpDelete *d = (OpDelete *)op_alloc(pCtx, sizeof(OpDelete), &deleteVtab, pChild);
  d->nExpr = nExpr;
  d->apExpr = arena_alloc(pCtx->pArena, sizeof(AstNode *) * (nExpr + 1));
  memcpy(d->apExpr, apExpr, sizeof(AstNode *) * nExpr);
  d->bDetach = bDetach;
  row_buffer_init(&d->rows, pCtx, pKeep);
  return &d->base;
}
