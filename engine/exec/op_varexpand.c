/*
** op_varexpand.c — VarLengthExpand: paths of between iMin and iMax
** relationships from a bound node, depth first, never using a
** relationship twice in one path (Cypher's relationship isomorphism).
** Binds the list of relationships and the node where the path ends.
**
** The walk keeps an explicit stack of adjacency cursors, one per depth, so
** it can stop after any row and resume, and checks the interrupt flag as it
** goes: an unbounded pattern on a dense graph can run for a long time
** without producing rows.
*/
#include "exec/expand_common.h"
#include "base/vec.h"
#include "base/mem.h"

typedef struct OpVarExpand {
  Op base;
  ExpandSpec s;
  VEC(AdjCursor) stack;    /* cursor per depth; stack.a[0] is the start node */
  VEC(RelId) path;         /* relationships of the current path */
  bool bActive;            /* an input row is being expanded */
  bool bZeroPending;       /* the zero-length path is still to be offered */
  bool bPopPending;        /* pop the last relationship before continuing */
} OpVarExpand;

static void varExpandOpen(Op *p) {
  OpVarExpand *e = (OpVarExpand *)p;
  op_open(p->pChild);
  e->bActive = false;
  e->stack.n = 0;
  e->path.n = 0;
}

static bool varExpandInPath(const OpVarExpand *e, RelId r) {
  for (uint32_t i = 0; i < e->path.n; i++) {
    if (e->path.a[i] == r) return true;
  }
  return false;
}

/* Writes the current path into the row: relationship list and end node. */
static void varExpandEmit(Op *p, NodeId end) {
  OpVarExpand *e = (OpVarExpand *)p;
  arena_reset(&p->scratch);
  Value list = value_list_new(&p->scratch, e->path.n);
  for (uint32_t i = 0; i < e->path.n; i++) {
    uint32_t k = e->s.bReverse ? e->path.n - 1 - i : i;
    list.u.a[i] = value_rel(e->path.a[k]);
  }
  p->pCtx->aSlot[e->s.iRel] = list;
  if (!e->s.bInto) p->pCtx->aSlot[e->s.iTo] = value_node(end);
}

/* Is node n an acceptable end of a path? */
static bool varExpandEndOk(OpVarExpand *e, const Graph *g, NodeId n) {
  const Value *aSlot = e->base.pCtx->aSlot;
  if (e->s.bInto) return aSlot[e->s.iTo].type == VAL_NODE && aSlot[e->s.iTo].u.id == n;
  (void)g;
  return expand_target_ok(&e->s, e->base.pCtx, n);
}

static int varExpandNext(Op *p) {
  OpVarExpand *e = (OpVarExpand *)p;
  ExecCtx *pCtx = p->pCtx;
  const Graph *g = pCtx->pGraph;
  for (;;) {
    if (!e->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      const Value *pFrom = &pCtx->aSlot[e->s.iFrom];
      if (pFrom->type != VAL_NODE || !graph_node_exists(g, pFrom->u.id)) continue;
      if (e->s.bInto && pCtx->aSlot[e->s.iTo].type != VAL_NODE) continue;
      e->stack.n = 0;
      e->path.n = 0;
      AdjCursor c;
      expand_cursor_start(&e->s, g, pFrom->u.id, &c);
      vec_push(&e->stack, c);
      e->bActive = true;
      e->bZeroPending = e->s.iMin == 0;
      e->bPopPending = false;
    }
    if (e->bZeroPending) {
      e->bZeroPending = false;
      NodeId start = e->stack.a[0].node;
      if (varExpandEndOk(e, g, start)) {
        varExpandEmit(p, start);
        return OP_ROW;
      }
    }
    if (e->bPopPending) {
      e->bPopPending = false;
      e->path.n--;
    }
    while (e->stack.n && (e->s.iMax < 0 || e->s.iMax >= 1)) {
      if (exec_check_interrupt(pCtx)) return OP_ERROR;
      AdjCursor *c = &e->stack.a[e->stack.n - 1];
      AdjEntry ent;
      if (!expand_cursor_next(&e->s, g, c, &ent)) {
        /* Exhausted this depth: back up one relationship. */
        e->stack.n--;
        if (e->path.n) e->path.n--;
        continue;
      }
      if (varExpandInPath(e, ent.rel)) continue;
      if (e->s.exclude.n && expand_excluded(&e->s, pCtx->aSlot, ent.rel)) continue;
      if (e->s.pRelPred) {
        int t = expand_rel_ok(&e->s, pCtx, &p->scratch, ent.rel);
        if (t < 0) return OP_ERROR;
        if (t == 0) continue;
      }
      vec_push(&e->path, ent.rel);
      uint32_t depth = e->path.n;
      bool bDescend = e->s.iMax < 0 || (int64_t)depth < e->s.iMax;
      if (bDescend) {
        AdjCursor next;
        expand_cursor_start(&e->s, g, ent.nbr, &next);
        vec_push(&e->stack, next);
      }
      bool bInRange = (int64_t)depth >= e->s.iMin && (e->s.iMax < 0 || (int64_t)depth <= e->s.iMax);
      if (bInRange && varExpandEndOk(e, g, ent.nbr)) {
        varExpandEmit(p, ent.nbr);
        if (!bDescend) e->bPopPending = true;
        return OP_ROW;
      }
      if (!bDescend) e->path.n--;
    }
    e->bActive = false;
  }
}

static void varExpandClose(Op *p) {
  OpVarExpand *e = (OpVarExpand *)p;
  op_close(p->pChild);
  vec_free(&e->stack);
  vec_free(&e->path);
}

static void varExpandExplain(Op *p, StrBuf *pOut) { expand_explain(p, &((OpVarExpand *)p)->s, pOut); }

static const OpVtab varExpandVtab = {"VarLengthExpand", varExpandOpen, varExpandNext,
                                     varExpandClose, varExpandExplain, NULL};

Op *op_varexpand(ExecCtx *pCtx, Op *pChild, const ExpandSpec *pSpec) {
  OpVarExpand *e = (OpVarExpand *)op_alloc(pCtx, sizeof(OpVarExpand), &varExpandVtab, pChild);
  e->s = *pSpec;
  return &e->base;
}
