/*
** op_expand.c — Expand: from a bound node, one row per adjacent
** relationship of the wanted types and direction, binding the
** relationship and the node at its other end (or, when that node is
** already bound, keeping only relationships that reach it: "expand into").
*/
#include "expand_common.h"

typedef struct OpExpand {
  Op base;
  ExpandSpec s;
  AdjCursor cur;           /* position in the current node's adjacency */
  bool bActive;            /* an input row is being expanded */
} OpExpand;

static void expandOpen(Op *p) {
  op_open(p->pChild);
  ((OpExpand *)p)->bActive = false;
}

static int expandNext(Op *p) {
  OpExpand *e = (OpExpand *)p;
  ExecCtx *pCtx = p->pCtx;
  const Graph *g = pCtx->pGraph;
  Value *aSlot = pCtx->aSlot;
  for (;;) {
    if (!e->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      const Value *pFrom = &aSlot[e->s.iFrom];
      if (pFrom->type != VAL_NODE || !graph_node_exists(g, pFrom->u.id)) continue;
      if (e->s.bInto && aSlot[e->s.iTo].type != VAL_NODE) continue;
      expand_cursor_start(&e->s, g, pFrom->u.id, &e->cur);
      e->bActive = true;
    }
    AdjEntry ent;
    while (expand_cursor_next(&e->s, g, &e->cur, &ent)) {
      if (e->s.bInto && aSlot[e->s.iTo].u.id != ent.nbr) continue;
      if (e->s.exclude.n && expand_excluded(&e->s, aSlot, ent.rel)) continue;
      if (!e->s.bInto && !expand_target_ok(&e->s, g, ent.nbr)) continue;
      if (e->s.pRelPred) {
        int t = expand_rel_ok(&e->s, pCtx, &p->scratch, ent.rel);
        if (t < 0) return OP_ERROR;
        if (t == 0) continue;
      }
      aSlot[e->s.iRel] = value_rel(ent.rel);
      if (!e->s.bInto) aSlot[e->s.iTo] = value_node(ent.nbr);
      return OP_ROW;
    }
    e->bActive = false;
  }
}

static void expandClose(Op *p) { op_close(p->pChild); }

/* Describes an expansion: ($from)-[$rel:TYPE|TYPE]->($to). Shared with the
** other expansion operators through expand_explain. */
void expand_explain(Op *p, const ExpandSpec *s, StrBuf *pOut) {
  const Graph *g = p->pCtx->pGraph;
  strbuf_putc(pOut, '(');
  op_put_slot(p, pOut, s->iFrom);
  strbuf_printf(pOut, ")%s[", s->iDir == DIR_IN ? "<-" : "-");
  op_put_slot(p, pOut, s->iRel);
  for (uint32_t i = 0; i < s->nType; i++) {
    strbuf_printf(pOut, "%s%s", i ? "|" : ":",
                  s->aType[i] >= 0 ? intern_name(&g->types, (uint32_t)s->aType[i]) : "?");
  }
  if (s->bVarLen) {
    if (s->iMax < 0) strbuf_printf(pOut, "*%lld..", (long long)s->iMin);
    else strbuf_printf(pOut, "*%lld..%lld", (long long)s->iMin, (long long)s->iMax);
  }
  strbuf_printf(pOut, "]%s(", s->iDir == DIR_OUT ? "->" : "-");
  op_put_slot(p, pOut, s->iTo);
  if (s->pToLabels) {
    strbuf_putc(pOut, ':');
    op_put_expr(p, pOut, s->pToLabels);
  }
  strbuf_printf(pOut, ")%s", s->bInto ? " (into)" : "");
}

static void expandExplain(Op *p, StrBuf *pOut) { expand_explain(p, &((OpExpand *)p)->s, pOut); }

static const OpVtab expandVtab = {"Expand", expandOpen, expandNext, expandClose, expandExplain,
                                  NULL};

Op *op_expand(ExecCtx *pCtx, Op *pChild, const ExpandSpec *pSpec) {
  OpExpand *e = (OpExpand *)op_alloc(pCtx, sizeof(OpExpand), &expandVtab, pChild);
  e->s = *pSpec;
  return &e->base;
}
