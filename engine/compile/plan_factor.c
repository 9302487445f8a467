/*
** plan_factor.c — counting an acyclic pattern by dynamic programming
** (FactorisedCount, op_factor_count.c) instead of enumerating its rows.
**
** `MATCH (:Country)<-[:IN]-(:City)<-[:LIVES]-(p:Person)-[:LIKES]->(t:Tag)
** RETURN count(*)` has as many rows as the sum over countries of products
** of sums along the pattern: the count costs one walk over the adjacency
** the pattern touches, however many rows there are. The rewrite applies
** to an Aggregate sitting on a chain the MATCH planner made of filters and
** at least two expansions (each binding a new node: a tree) from a label
** or all-nodes scan, when:
**   - every aggregate is count, sum, min or max, and every grouping key
**     and aggregate argument reads at most one node variable of the
**     pattern (the tree is rooted there; else at the scanned node);
**   - every filter reads one node variable, or one relationship and its
**     two ends, and nothing bound outside the pattern;
**   - every relationship uniqueness excludes is the pattern's own.
** Two relationships that must differ (in one MATCH) and may have the same
** type could bind one relationship, which the count would include; for
** such pairs the operator checks at run time that the labels at their
** ends cannot meet (else it runs the enumerating plan, kept as its second
** child). Pairs with disjoint types need no check.
** Filters move into the operator; the Aggregate weighs each root node's
** row by its count (op_aggregate_weight).
*/
#include <strings.h>

#include "compile/plan.h"
#include "eval/func.h"
#include "syntax/walk.h"

/* Slots an expression reads, up to a few. */
#define PF_MAX_READ 8
typedef struct PfReads {
  uint32_t n;
  uint32_t a[PF_MAX_READ];
  bool bMany;              /* more than PF_MAX_READ distinct slots */
} PfReads;

static int pfReadNode(AstWalker *w, AstNode *p) {
  PfReads *r = w->pArg;
  if (p->iSlot < 0) return WALK_CONTINUE;
  for (uint32_t i = 0; i < r->n; i++) {
    if (r->a[i] == (uint32_t)p->iSlot) return WALK_CONTINUE;
  }
  if (r->n == PF_MAX_READ) {
    r->bMany = true;
    return WALK_ABORT;
  }
  r->a[r->n++] = (uint32_t)p->iSlot;
  return WALK_CONTINUE;
}

/* Adds the slots expression p reads (subqueries included) to *r. */
static void pfReads(const AstNode *p, PfReads *r) {
  AstWalker w = {pfReadNode, NULL, r, 0};
  ast_walk((AstNode *)p, &w);
}

/* Does *r read only slots among a[0..n)? */
static bool pfReadsWithin(const PfReads *r, const uint32_t *a, uint32_t n) {
  if (r->bMany) return false;
  for (uint32_t i = 0; i < r->n; i++) {
    bool bIn = false;
    for (uint32_t k = 0; k < n; k++) bIn |= r->a[i] == a[k];
    if (!bIn) return false;
  }
  return true;
}

/* Can two expansions bind the same relationship? Not when both are typed
** and have no type in common. */
static bool pfTypesOverlap(const ExpandSpec *a, const ExpandSpec *b) {
  if (a->nType == 0 || b->nType == 0) return true;
  for (uint32_t i = 0; i < a->nType; i++) {
    for (uint32_t k = 0; k < b->nType; k++) {
      if (a->aType[i] >= 0 && a->aType[i] == b->aType[k]) return true;
    }
  }
  return false;
}

/* The pattern as the chain gave it: node variables, and per expansion
** the edge between two of them. */
typedef struct PfPattern {
  uint32_t nNode;
  uint32_t aNodeSlot[PLAN_FACTOR_MAX_VARS];
  int64_t aLabel[PLAN_FACTOR_MAX_VARS];     /* the scanned node's label, or -1 */
  const AstNode *apLabels[PLAN_FACTOR_MAX_VARS];
  uint32_t nEdge;
  ExpandSpec *apEdge[PLAN_FACTOR_MAX_VARS]; /* bottom-up: each iFrom bound before */
  uint32_t aEdgeFrom[PLAN_FACTOR_MAX_VARS], aEdgeTo[PLAN_FACTOR_MAX_VARS]; /* node indexes */
} PfPattern;

static int pfNodeIndex(const PfPattern *pat, uint32_t iSlot) {
  for (uint32_t i = 0; i < pat->nNode; i++) {
    if (pat->aNodeSlot[i] == iSlot) return (int)i;
  }
  return -1;
}

/* Can a node stand for variables a and b whatever the graph holds (the
** same variable, or one of them has no single label)? */
static bool pfSurelyOneNode(const FactorSpec *s, uint32_t a, uint32_t b) {
  if (a == b) return true;
  const FactorVar *va = &s->aVar[a], *vb = &s->aVar[b];
  bool bLa = va->label >= 0 || (va->pLabels && va->pLabels->kind == AST_LABEL);
  bool bLb = vb->label >= 0 || (vb->pLabels && vb->pLabels->kind == AST_LABEL);
  return !bLa || !bLb;
}

/* Would the run-time check (op_factor_count.c) always find that the
** relationships of child variables a and b may be one, so that counting
** never happens? Then the plan is better left as it was. */
static bool pfSurelyMeet(const FactorSpec *s, uint32_t a, uint32_t b) {
  uint32_t aEnds[2][2][2];   /* [variable][orientation][start, end] */
  int an[2];
  for (int i = 0; i < 2; i++) {
    const FactorVar *v = &s->aVar[i ? b : a];
    uint32_t c = i ? b : a, p = v->iParent;
    an[i] = v->edge.iDir == DIR_BOTH ? 2 : 1;
    bool bOut = v->edge.iDir != DIR_IN;
    aEnds[i][0][0] = bOut ? p : c;
    aEnds[i][0][1] = bOut ? c : p;
    aEnds[i][1][0] = c;
    aEnds[i][1][1] = p;
  }
  for (int x = 0; x < an[0]; x++) {
    for (int y = 0; y < an[1]; y++) {
      if (pfSurelyOneNode(s, aEnds[0][x][0], aEnds[1][y][0]) && pfSurelyOneNode(s, aEnds[0][x][1], aEnds[1][y][1])) {
        return true;
      }
    }
  }
  return false;
}

/* Is the aggregate one FactorisedCount's weights can feed? */
static bool pfAggOk(const AggSpec *s) {
  if (s->pCall->flags & AST_F_STAR) return true;
  const char *z = ((const FuncDef *)s->pCall->pDef)->zName;
  return strcasecmp(z, "count") == 0 || strcasecmp(z, "sum") == 0 || strcasecmp(z, "min") == 0 ||
         strcasecmp(z, "max") == 0;
}

bool plan_factor_count(Compiler *c, Op *pAgg, uint32_t nKey, AstNode *const *apKeyExpr, uint32_t nAgg,
                       const AggSpec *aAgg) {
  if (nAgg == 0) return false;
  PfReads keyReads = {0};
  for (uint32_t i = 0; i < nAgg; i++) {
    if (!pfAggOk(&aAgg[i])) return false;
    if (!(aAgg[i].pCall->flags & AST_F_STAR) && aAgg[i].pCall->pList) {
      for (uint32_t k = 0; k < aAgg[i].pCall->pList->n; k++) pfReads(aAgg[i].pCall->pList->a[k], &keyReads);
    }
  }
  for (uint32_t i = 0; i < nKey; i++) pfReads(apKeyExpr[i], &keyReads);
  if (keyReads.bMany || keyReads.n > 1) return false;

  /* The chain: filters and expansions down to a scan on an Argument. */
  const AstNode *apFilter[PLAN_FACTOR_MAX_PREDS];
  uint32_t nFilter = 0;
  Op *aExpandOp[PLAN_FACTOR_MAX_VARS];
  uint32_t nExpand = 0;
  Op *p = pAgg->pChild;
  for (;; p = p->pChild) {
    if (p == NULL) return false;
    const AstNode *pPred = op_filter_pred(p);
    if (pPred) {
      if (nFilter == PLAN_FACTOR_MAX_PREDS) return false;
      apFilter[nFilter++] = pPred;
      continue;
    }
    if (op_expand_spec(p)) {
      if (nExpand + 1 == PLAN_FACTOR_MAX_VARS) return false;
      aExpandOp[nExpand++] = p;
      continue;
    }
    break;
  }
  uint32_t iScanSlot = op_scan_slot(p);
  if (iScanSlot == UINT32_MAX || p->pChild == NULL || !op_is_argument(p->pChild) || nExpand < 2) return false;
  Op *pScan = p;

  PfPattern pat = {0};
  uint32_t aPairEdge[2 * PLAN_FACTOR_MAX_VARS], nPair = 0;   /* edges that may be one relationship */
  pat.aNodeSlot[0] = iScanSlot;
  uint32_t label = op_scan_label(pScan);
  pat.aLabel[0] = label == UINT32_MAX ? -1 : (int64_t)label;
  pat.nNode = 1;
  for (uint32_t k = nExpand; k-- > 0;) {
    ExpandSpec *s = op_expand_spec(aExpandOp[k]);
    if (s->bVarLen || s->bInto || s->iTo == s->iFrom) return false;
    int iFrom = pfNodeIndex(&pat, s->iFrom);
    if (iFrom < 0 || pfNodeIndex(&pat, s->iTo) >= 0) return false;
    for (uint32_t e = 0; e < pat.nEdge; e++) {
      if (pat.apEdge[e]->iRel == s->iRel || pat.apEdge[e]->iRel == s->iTo) return false;
    }
    if (pfNodeIndex(&pat, s->iRel) >= 0) return false;
    /* Labels must not read the row; the relationship predicate only the relationship. */
    PfReads r = {0};
    pfReads(s->pToLabels, &r);
    if (r.n || r.bMany) return false;
    pfReads(s->pRelPred, &r);
    uint32_t aRel[2] = {s->iRelTmp, s->iRel};
    if (!pfReadsWithin(&r, aRel, 2)) return false;
    /* Relationship uniqueness: the excluded relationships must be this
    ** pattern's, and of other types. */
    for (uint32_t x = 0; x < s->exclude.n; x++) {
      bool bFound = false;
      for (uint32_t e = 0; e < pat.nEdge; e++) {
        if (pat.apEdge[e]->iRel != s->exclude.a[x]) continue;
        bFound = true;
        if (pfTypesOverlap(pat.apEdge[e], s)) {
          if (nPair == PLAN_FACTOR_MAX_VARS) return false;
          aPairEdge[2 * nPair] = e;
          aPairEdge[2 * nPair + 1] = pat.nEdge;
          nPair++;
        }
      }
      if (!bFound) return false;
    }
    pat.aEdgeFrom[pat.nEdge] = (uint32_t)iFrom;
    pat.aEdgeTo[pat.nEdge] = pat.nNode;
    pat.apEdge[pat.nEdge++] = s;
    pat.aNodeSlot[pat.nNode] = s->iTo;
    pat.aLabel[pat.nNode] = -1;
    pat.apLabels[pat.nNode++] = s->pToLabels;
  }

  /* The root: the variable the keys and arguments read, else the scanned one. */
  uint32_t iRoot = 0;
  if (keyReads.n == 1) {
    int i = pfNodeIndex(&pat, keyReads.a[0]);
    if (i < 0) return false;
    iRoot = (uint32_t)i;
  }

  /* Order the variables from the root (breadth first over the tree). */
  Arena *pA = c->pArena;
  FactorSpec spec = {0};
  spec.nVar = pat.nNode;
  spec.aVar = arena_zalloc(pA, sizeof(FactorVar) * pat.nNode);
  uint32_t aOrder[PLAN_FACTOR_MAX_VARS], aEdgeVar[PLAN_FACTOR_MAX_VARS];
  bool abSeen[PLAN_FACTOR_MAX_VARS] = {0};
  uint32_t nOrder = 0;
  aOrder[nOrder++] = iRoot;
  abSeen[iRoot] = true;
  spec.aVar[0].iParent = UINT32_MAX;
  for (uint32_t q = 0; q < nOrder; q++) {
    uint32_t u = aOrder[q];
    for (uint32_t e = 0; e < pat.nEdge; e++) {
      uint32_t v;
      bool bForward;
      if (pat.aEdgeFrom[e] == u && !abSeen[pat.aEdgeTo[e]]) {
        v = pat.aEdgeTo[e];
        bForward = true;
      } else if (pat.aEdgeTo[e] == u && !abSeen[pat.aEdgeFrom[e]]) {
        v = pat.aEdgeFrom[e];
        bForward = false;
      } else {
        continue;
      }
      abSeen[v] = true;
      aEdgeVar[e] = nOrder;
      FactorVar *fv = &spec.aVar[nOrder];
      fv->iParent = q;
      fv->edge = *pat.apEdge[e];
      fv->edge.exclude.n = 0;
      if (!bForward) {
        fv->edge.iFrom = pat.apEdge[e]->iTo;
        fv->edge.iTo = pat.apEdge[e]->iFrom;
        fv->edge.iDir = fv->edge.iDir == DIR_OUT ? DIR_IN : fv->edge.iDir == DIR_IN ? DIR_OUT : DIR_BOTH;
      }
      fv->edge.pToLabels = NULL;
      aOrder[nOrder++] = v;
    }
  }
  if (NEVER(nOrder != pat.nNode)) return false;
  for (uint32_t q = 0; q < nOrder; q++) {
    FactorVar *fv = &spec.aVar[q];
    fv->iSlot = pat.aNodeSlot[aOrder[q]];
    fv->label = pat.aLabel[aOrder[q]];
    fv->pLabels = pat.apLabels[aOrder[q]];
    fv->apPred = arena_alloc(pA, sizeof(AstNode *) * (nFilter + 1));
    fv->apEdgePred = arena_alloc(pA, sizeof(AstNode *) * (nFilter + 1));
  }

  /* Each filter to the one node, or the one edge, it reads (in the order
  ** they were applied: bottom-up). */
  for (uint32_t k = nFilter; k-- > 0;) {
    PfReads r = {0};
    pfReads(apFilter[k], &r);
    if (r.bMany) return false;
    FactorVar *pTo = NULL;
    bool bEdge = false;
    if (r.n == 0) pTo = &spec.aVar[0];
    for (uint32_t q = 0; q < nOrder && pTo == NULL; q++) {
      FactorVar *fv = &spec.aVar[q];
      if (pfReadsWithin(&r, &fv->iSlot, 1)) {
        pTo = fv;
      } else if (q > 0) {
        uint32_t aEnds[3] = {fv->edge.iRel, fv->edge.iFrom, fv->edge.iTo};
        if (pfReadsWithin(&r, aEnds, 3)) {
          pTo = fv;
          bEdge = true;
        }
      }
    }
    if (pTo == NULL) return false;
    if (bEdge) pTo->apEdgePred[pTo->nEdgePred++] = apFilter[k];
    else pTo->apPred[pTo->nPred++] = apFilter[k];
  }

  for (uint32_t k = 0; k < nPair; k++) {
    if (pfSurelyMeet(&spec, aEdgeVar[aPairEdge[2 * k]], aEdgeVar[aPairEdge[2 * k + 1]])) return false;
  }
  spec.nPair = nPair;
  spec.aPair = arena_alloc(pA, sizeof(uint32_t) * (2 * nPair + 1));
  for (uint32_t k = 0; k < 2 * nPair; k++) spec.aPair[k] = aEdgeVar[aPairEdge[k]];

  /* The root's nodes: the scan when it binds the root, else a new one
  ** (on its own Argument: the old scan stays in the enumerating plan). */
  Op *pRootScan = pScan;
  if (iRoot != 0) {
    const AstNode *pL = spec.aVar[0].pLabels;
    Op *pArg = op_argument(c->pCtx);
    if (pL && pL->kind == AST_LABEL && pL->iAux >= 0) {
      pRootScan = op_label_scan(c->pCtx, pArg, spec.aVar[0].iSlot, (uint32_t)pL->iAux);
    } else {
      pRootScan = op_all_nodes(c->pCtx, pArg, spec.aVar[0].iSlot);
    }
  }
  spec.iWeight = check_new_slot(c);
  pAgg->pChild = op_factor_count(c->pCtx, pRootScan, &spec, nPair ? pAgg->pChild : NULL);
  op_aggregate_weight(pAgg, spec.iWeight);
  return true;
}
