/*
** op_qpp.c — Repeat(Trail): a quantified path pattern
** (x)((a)-[r]->(b) WHERE ...){m,n}(y) matched from the bound node x.
**
** One iteration matches the inner chain of nHop relationships; iteration
** i+1 starts at the node where iteration i ended. The walk is depth first
** over single relationships (hop d uses the inner relationship d mod nHop),
** with an explicit stack of adjacency cursors, so it can stop after any row,
** resume, and never recurse however long the path grows. As Neo4j does, a
** relationship is used at most once in a path (trail semantics), nor may it
** be one bound earlier in the clause. When an iteration is complete its
** inner variables' singleton slots are written and its predicate tested;
** a failing iteration ends that branch. Each accepted path of between m
** and n iterations becomes a row: group variables (lists over iterations),
** every relationship in order (for the path and for uniqueness), and y.
** The interrupt, time and memory checks run as it walks: an unbounded
** group over a dense graph can take long without producing rows.
*/
#include "exec/expand_common.h"
#include "base/vec.h"
#include "base/mem.h"

typedef struct OpQpp {
  Op base;
  QppSpec s;
  VEC(AdjCursor) stack;    /* cursor per depth */
  VEC(RelId) rels;         /* relationships of the current path */
  VEC(NodeId) nodes;       /* its nodes (one more) */
  bool bActive;            /* an input row is being expanded */
  bool bZeroPending;       /* the zero-iteration path is still to be offered */
  bool bPopPending;        /* pop the last relationship before continuing */
} OpQpp;

static void qppOpen(Op *p) {
  OpQpp *q = (OpQpp *)p;
  op_open(p->pChild);
  q->bActive = false;
}

static bool qppInPath(const OpQpp *q, RelId r) {
  for (uint32_t i = 0; i < q->rels.n; i++) {
    if (q->rels.a[i] == r) return true;
  }
  return false;
}

/* Is n an acceptable last node y? */
static bool qppEndOk(OpQpp *q, NodeId n) {
  const Value *pTo = &q->base.pCtx->aSlot[q->s.iTo];
  if (q->s.bInto) return pTo->type == VAL_NODE && pTo->u.id == n;
  return q->s.pToLabels == NULL || expr_label_match(q->base.pCtx, n, q->s.pToLabels);
}

/* Tests the iteration that the last relationship completed: writes its
** singleton slots and evaluates the predicate. 1, 0, or -1 on error. */
static int qppIterationOk(OpQpp *q) {
  ExecCtx *pCtx = q->base.pCtx;
  uint32_t nHop = q->s.nHop;
  uint32_t iBase = q->rels.n - nHop;
  for (uint32_t i = 0; i <= nHop; i++) pCtx->aSlot[q->s.aNodeSlot[i]] = value_node(q->nodes.a[iBase + i]);
  for (uint32_t i = 0; i < nHop; i++) pCtx->aSlot[q->s.aRelSlot[i]] = value_rel(q->rels.a[iBase + i]);
  if (q->s.pPred == NULL) return 1;
  ArenaMark m = arena_mark(&q->base.scratch);
  int t = expr_truth(pCtx, q->s.pPred, &q->base.scratch);
  arena_rewind(&q->base.scratch, m);
  return t;
}

/* Writes the current path into the row. */
static void qppEmit(OpQpp *q) {
  ExecCtx *pCtx = q->base.pCtx;
  Arena *pA = &q->base.scratch;
  uint32_t nHop = q->s.nHop, nRel = q->rels.n, nIter = nRel / nHop;
  arena_reset(pA);
  Value all = value_list_new(pA, nRel);
  for (uint32_t i = 0; i < nRel; i++) all.u.a[i] = value_rel(q->rels.a[i]);
  pCtx->aSlot[q->s.iRelList] = all;
  for (uint32_t i = 0; i <= nHop; i++) {
    if (q->s.aNodeGroup[i] == UINT32_MAX) continue;
    Value l = value_list_new(pA, nIter);
    for (uint32_t t = 0; t < nIter; t++) l.u.a[t] = value_node(q->nodes.a[t * nHop + i]);
    pCtx->aSlot[q->s.aNodeGroup[i]] = l;
  }
  for (uint32_t i = 0; i < nHop; i++) {
    if (q->s.aRelGroup[i] == UINT32_MAX) continue;
    Value l = value_list_new(pA, nIter);
    for (uint32_t t = 0; t < nIter; t++) l.u.a[t] = value_rel(q->rels.a[t * nHop + i]);
    pCtx->aSlot[q->s.aRelGroup[i]] = l;
  }
  if (!q->s.bInto) pCtx->aSlot[q->s.iTo] = value_node(q->nodes.a[q->nodes.n - 1]);
}

static void qppPop(OpQpp *q) {
  q->rels.n--;
  q->nodes.n--;
}

static int qppNext(Op *p) {
  OpQpp *q = (OpQpp *)p;
  ExecCtx *pCtx = p->pCtx;
  const Graph *g = pCtx->pGraph;
  uint32_t nHop = q->s.nHop;
  for (;;) {
    if (!q->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      const Value *pFrom = &pCtx->aSlot[q->s.iFrom];
      if (pFrom->type != VAL_NODE || !graph_node_exists(g, pFrom->u.id)) continue;
      if (q->s.bInto && pCtx->aSlot[q->s.iTo].type != VAL_NODE) continue;
      q->stack.n = q->rels.n = q->nodes.n = 0;
      vec_push(&q->nodes, pFrom->u.id);
      AdjCursor c;
      expand_cursor_start(&q->s.aHop[0], g, pFrom->u.id, &c);
      vec_push(&q->stack, c);
      q->bActive = true;
      q->bZeroPending = q->s.iMin == 0;
      q->bPopPending = false;
    }
    if (q->bZeroPending) {
      q->bZeroPending = false;
      if (qppEndOk(q, q->nodes.a[0])) {
        qppEmit(q);
        return OP_ROW;
      }
    }
    if (q->bPopPending) {
      q->bPopPending = false;
      qppPop(q);
    }
    while (q->stack.n && q->s.iMax != 0) {
      if (exec_check_interrupt(pCtx)) return OP_ERROR;
      uint32_t d = q->stack.n - 1;
      const ExpandSpec *pHop = &q->s.aHop[d % nHop];
      AdjEntry ent;
      if (!expand_cursor_next(pHop, g, &q->stack.a[d], &ent)) {
        q->stack.n--;
        if (q->rels.n) qppPop(q);
        continue;
      }
      if (qppInPath(q, ent.rel)) continue;
      if (q->s.exclude.n && expand_excluded(pHop, pCtx->aSlot, ent.rel)) continue;
      if (pHop->pRelPred) {
        int t = expand_rel_ok(pHop, pCtx, &p->scratch, ent.rel);
        if (t < 0) return OP_ERROR;
        if (t == 0) continue;
      }
      vec_push(&q->rels, ent.rel);
      vec_push(&q->nodes, ent.nbr);
      bool bComplete = q->rels.n % nHop == 0;
      int64_t nIter = q->rels.n / nHop;
      if (bComplete) {
        int t = qppIterationOk(q);
        if (t < 0) return OP_ERROR;
        if (t == 0) {
          qppPop(q);
          continue;
        }
      }
      bool bDescend = !bComplete || q->s.iMax < 0 || nIter < q->s.iMax;
      if (bDescend) {
        AdjCursor next;
        expand_cursor_start(&q->s.aHop[q->rels.n % nHop], g, ent.nbr, &next);
        vec_push(&q->stack, next);
      }
      if (bComplete && nIter >= q->s.iMin && qppEndOk(q, ent.nbr)) {
        qppEmit(q);
        if (!bDescend) q->bPopPending = true;
        return OP_ROW;
      }
      if (!bDescend) qppPop(q);
    }
    q->bActive = false;
  }
}

static void qppClose(Op *p) {
  OpQpp *q = (OpQpp *)p;
  op_close(p->pChild);
  vec_free(&q->stack);
  vec_free(&q->rels);
  vec_free(&q->nodes);
}

/* (x)((a)-[r:T]->(b)){m,n}(y) */
static void qppExplain(Op *p, StrBuf *pOut) {
  OpQpp *q = (OpQpp *)p;
  const Graph *g = p->pCtx->pGraph;
  strbuf_putc(pOut, '(');
  op_put_slot(p, pOut, q->s.iFrom);
  strbuf_puts(pOut, ") (");
  for (uint32_t i = 0; i < q->s.nHop; i++) {
    const ExpandSpec *h = &q->s.aHop[i];
    strbuf_putc(pOut, '(');
    op_put_slot(p, pOut, q->s.aNodeSlot[i]);
    strbuf_printf(pOut, ")%s[", h->iDir == DIR_IN ? "<-" : "-");
    op_put_slot(p, pOut, q->s.aRelSlot[i]);
    for (uint32_t k = 0; k < h->nType; k++) {
      strbuf_printf(pOut, "%s%s", k ? "|" : ":", h->aType[k] >= 0 ? intern_name(&g->types, (uint32_t)h->aType[k]) : "?");
    }
    strbuf_printf(pOut, "]%s", h->iDir == DIR_OUT ? "->" : "-");
  }
  strbuf_putc(pOut, '(');
  op_put_slot(p, pOut, q->s.aNodeSlot[q->s.nHop]);
  strbuf_putc(pOut, ')');
  if (q->s.pPred) {
    strbuf_puts(pOut, " WHERE ");
    op_put_expr(p, pOut, q->s.pPred);
  }
  if (q->s.iMax < 0) strbuf_printf(pOut, "){%lld,}", (long long)q->s.iMin);
  else strbuf_printf(pOut, "){%lld,%lld}", (long long)q->s.iMin, (long long)q->s.iMax);
  strbuf_puts(pOut, " (");
  op_put_slot(p, pOut, q->s.iTo);
  strbuf_printf(pOut, ")%s", q->s.bInto ? " (into)" : "");
}

static const OpVtab qppVtab = {"Repeat(Trail)", qppOpen, qppNext, qppClose, qppExplain, NULL};

Op *op_qpp(ExecCtx *pCtx, Op *pChild, const QppSpec *pSpec) {
  OpQpp *q = (OpQpp *)op_alloc(pCtx, sizeof(OpQpp), &qppVtab, pChild);
  q->s = *pSpec;
  return &q->base;
}
