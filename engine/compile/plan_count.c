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
** A filter `id(x) <> id(b)` on the expanded node b is counted as the
** matches less those reaching x, with no expression evaluated.
*/
#include <string.h>
#include <strings.h>

#include "compile/plan.h"
#include "parser.h"
#include "syntax/walk.h"

static int pcReadsSlotNode(AstWalker *w, AstNode *p) {
  return p->iSlot == (int32_t)*(const uint32_t *)w->pArg ? WALK_ABORT : WALK_CONTINUE;
}

/* Does expression p read slot iSlot (anywhere, subqueries included)? */
static bool pcReadsSlot(const AstNode *p, uint32_t iSlot) {
  AstWalker w = {pcReadsSlotNode, NULL, &iSlot, 0};
  return ast_walk((AstNode *)p, &w) == WALK_ABORT;
}

bool plan_distinct_pair(const AstNode *p, uint32_t *pA, uint32_t *pB) {
  if (p->kind != AST_BINARY || p->op != TK_NE || (p->flags & AST_F_CHAINED)) return false;
  const AstNode *ap[2] = {p->p1, p->p2};
  uint32_t aSlot[2];
  for (int i = 0; i < 2; i++) {
    const AstNode *q = ap[i];
    if (q && q->kind == AST_FUNC && q->z && strcasecmp(q->z, "id") == 0 && q->pList && q->pList->n == 1) {
      q = q->pList->a[0];
    }
    if (q == NULL || q->kind != AST_VAR || q->iSlot < 0) return false;
    aSlot[i] = (uint32_t)q->iSlot;
  }
  if (aSlot[0] == aSlot[1]) return false;
  *pA = aSlot[0];
  *pB = aSlot[1];
  return true;
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
  /* One filter `id(x) <> id(to)` goes last: counted by comparing ids. The
  ** others keep their order, since one may guard the next against an error
  ** (`x.v IS NOT NULL AND toInteger(x.v) > 3`). */
  uint32_t iUnequal = UINT32_MAX;
  for (uint32_t i = 0; i < nFilter && !s->bInto && iUnequal == UINT32_MAX; i++) {
    uint32_t a, b;
    if (!plan_distinct_pair(apPred[i], &a, &b) || (a != s->iTo && b != s->iTo)) continue;
    uint32_t x = a == s->iTo ? b : a;
    if (x == s->iRel) continue;
    const AstNode *t = apPred[i];
    memmove(&apPred[i], &apPred[i + 1], sizeof(AstNode *) * (nFilter - 1 - i));
    apPred[nFilter - 1] = t;
    iUnequal = x;
  }
  uint32_t iWeight = check_new_slot(c);
  op_expand_count(p, iWeight, nFilter, apPred, bStartUnread);
  if (iUnequal != UINT32_MAX) op_expand_count_unequal(p, iUnequal);
  op_aggregate_weight(pAgg, iWeight);
  pAgg->pChild = p;
}
