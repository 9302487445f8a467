/*
** plan_count.c — counting instead of enumerating.
**
** `MATCH (a)-[:KNOWS]-(b)-[:LIKES]->(m) RETURN count(*)` needs the number
** of rows, not the rows. When an Aggregate whose aggregates are all
** count(*) sits on an Expand (possibly under filters on what it binds),
** and no grouping key reads what the Expand binds, the Expand is switched
** to counting mode: it emits each input row once with its number of
** matches, the filters move inside it, and count(*) adds that number. The
** last hop of a pattern, usually the widest, then costs a list length (or
** one pass over a list) per row instead of a row per relationship. When
** the Expand starts from a node scan and no key reads the start node, the
** scan hands its node ids over in bulk and one row carries them all.
*/
#include "compile/plan.h"
#include "syntax/walk.h"

static int pcReadsSlotNode(AstWalker *w, AstNode *p) {
  return p->iSlot == (int32_t)*(const uint32_t *)w->pArg ? WALK_ABORT : WALK_CONTINUE;
}

/* Does expression p read slot iSlot (anywhere, subqueries included)? */
static bool pcReadsSlot(const AstNode *p, uint32_t iSlot) {
  AstWalker w = {pcReadsSlotNode, NULL, &iSlot, 0};
  return ast_walk((AstNode *)p, &w) == WALK_ABORT;
}

void plan_count_fold(Compiler *c, Op *pAgg, uint32_t nKey, AstNode *const *apKeyExpr,
                     uint32_t nAgg, const AggSpec *aAgg) {
  if (nAgg == 0) return;
  for (uint32_t i = 0; i < nAgg; i++) {
    if (!(aAgg[i].pCall->flags & AST_F_STAR)) return;
  }
  uint32_t nFilter = 0;
  Op *p = pAgg->pChild;
  while (op_filter_pred(p)) {
    nFilter++;
    p = p->pChild;
  }
  ExpandSpec *s = op_expand_spec(p);
  if (s == NULL) return;
  bool bStartUnread = true;
  for (uint32_t i = 0; i < nKey; i++) {
    if (pcReadsSlot(apKeyExpr[i], s->iRel)) return;
    if (!s->bInto && pcReadsSlot(apKeyExpr[i], s->iTo)) return;
    if (pcReadsSlot(apKeyExpr[i], s->iFrom)) bStartUnread = false;
  }
  const AstNode **apPred = arena_alloc(c->pArena, sizeof(AstNode *) * (nFilter + 1));
  Op *pF = pAgg->pChild;
  for (uint32_t i = 0; i < nFilter; i++, pF = pF->pChild) apPred[nFilter - 1 - i] = op_filter_pred(pF);
  uint32_t iWeight = check_new_slot(c);
  op_expand_count(p, iWeight, nFilter, apPred, bStartUnread);
  op_aggregate_weight(pAgg, iWeight);
  pAgg->pChild = p;
}
