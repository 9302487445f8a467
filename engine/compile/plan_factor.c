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
**     two ends, and nothing bound outside the pattern; but one filter
**     `id(a) <> id(b)` may join two nodes two or three relationships
**     apart (the operator takes off the matches where they are one),
**     and one NOT EXISTS test on two nodes next to one (likewise); a
**     filter `id(a) <> id(x)` that test implies is dropped (pfAntiImplies);
**   - every relationship uniqueness excludes is the pattern's own.
** Two relationships that must differ (in one MATCH) and may have the same
** type could bind one relationship, which the count would include; for
** such pairs the operator checks at run time that the labels at their
** ends cannot meet (else it runs the enumerating plan, kept as its second
** child). Pairs with disjoint types need no check.
** Filters move into the operator; the Aggregate weighs each root node's
** row by its count (op_aggregate_weight).
*/
#include <string.h>
#include <strings.h>

#include "compile/plan.h"
#include "parser.h"
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
** the edge between two of them. Group 0 is the MATCH; group g > 0 the
** g-th OPTIONAL MATCH, entered from a node of group 0 through a node of
** its own standing for the same one (an edge without a relationship). */
typedef struct PfPattern {
  uint32_t nNode;
  uint32_t aNodeSlot[PLAN_FACTOR_MAX_VARS];
  int64_t aLabel[PLAN_FACTOR_MAX_VARS];     /* the scanned node's label, or -1 */
  const AstNode *apLabels[PLAN_FACTOR_MAX_VARS];
  uint32_t aNodeGroup[PLAN_FACTOR_MAX_VARS];
  uint32_t nEdge;
  ExpandSpec *apEdge[PLAN_FACTOR_MAX_VARS]; /* NULL: an OPTIONAL MATCH's entry */
  uint32_t aEdgeFrom[PLAN_FACTOR_MAX_VARS], aEdgeTo[PLAN_FACTOR_MAX_VARS]; /* node indexes */
  uint32_t aEdgeGroup[PLAN_FACTOR_MAX_VARS];
  uint32_t nPair;                           /* edges that may be one relationship */
  uint32_t aPairEdge[2 * PLAN_FACTOR_MAX_VARS];
} PfPattern;

/* The node of group g a slot holds, or -1. */
static int pfNodeIndex(const PfPattern *pat, uint32_t iSlot, uint32_t g) {
  for (uint32_t i = 0; i < pat->nNode; i++) {
    if (pat->aNodeSlot[i] == iSlot && pat->aNodeGroup[i] == g) return (int)i;
  }
  return -1;
}

/* Is the slot any node's or relationship's of the pattern? */
static bool pfSlotUsed(const PfPattern *pat, uint32_t iSlot) {
  for (uint32_t i = 0; i < pat->nNode; i++) {
    if (pat->aNodeSlot[i] == iSlot) return true;
  }
  for (uint32_t e = 0; e < pat->nEdge; e++) {
    if (pat->apEdge[e] && pat->apEdge[e]->iRel == iSlot) return true;
  }
  return false;
}

static bool pfAddNode(PfPattern *pat, uint32_t iSlot, int64_t label, const AstNode *pLabels, uint32_t g) {
  if (pat->nNode == PLAN_FACTOR_MAX_VARS) return false;
  pat->aNodeSlot[pat->nNode] = iSlot;
  pat->aLabel[pat->nNode] = label;
  pat->apLabels[pat->nNode] = pLabels;
  pat->aNodeGroup[pat->nNode++] = g;
  return true;
}

static bool pfAddEdge(PfPattern *pat, ExpandSpec *s, uint32_t from, uint32_t to, uint32_t g) {
  if (pat->nEdge == PLAN_FACTOR_MAX_VARS) return false;
  pat->apEdge[pat->nEdge] = s;
  pat->aEdgeFrom[pat->nEdge] = from;
  pat->aEdgeTo[pat->nEdge] = to;
  pat->aEdgeGroup[pat->nEdge++] = g;
  return true;
}

/* Adds the expansions aOp (top-down, as the chain lists them) of group g.
** For g > 0 the first one (bottom) starts at a node of group 0, which
** gets its stand-in. False when they do not make a tree. */
static bool pfAddExpands(PfPattern *pat, Op *const *aOp, uint32_t nOp, uint32_t g) {
  for (uint32_t k = nOp; k-- > 0;) {
    ExpandSpec *s = op_expand_spec(aOp[k]);
    if (s->bVarLen || s->bInto || s->iTo == s->iFrom) return false;
    int iFrom = pfNodeIndex(pat, s->iFrom, g);
    if (iFrom < 0 && g > 0 && k == nOp - 1) {
      int iOuter = pfNodeIndex(pat, s->iFrom, 0);
      if (iOuter < 0) return false;
      iFrom = (int)pat->nNode;
      if (!pfAddNode(pat, s->iFrom, pat->aLabel[iOuter], pat->apLabels[iOuter], g)) return false;
      if (!pfAddEdge(pat, NULL, (uint32_t)iOuter, (uint32_t)iFrom, g)) return false;
    }
    if (iFrom < 0 || pfSlotUsed(pat, s->iTo) || pfSlotUsed(pat, s->iRel) || s->iRel == s->iTo) return false;
    /* Labels must not read the row; the relationship predicate only the relationship. */
    PfReads r = {0};
    pfReads(s->pToLabels, &r);
    if (r.n || r.bMany) return false;
    pfReads(s->pRelPred, &r);
    uint32_t aRel[2] = {s->iRelTmp, s->iRel};
    if (!pfReadsWithin(&r, aRel, 2)) return false;
    /* Relationship uniqueness: the excluded relationships must be this
    ** group's; those that may have this one's type are checked. */
    for (uint32_t x = 0; x < s->exclude.n; x++) {
      bool bFound = false;
      for (uint32_t e = 0; e < pat->nEdge; e++) {
        if (pat->apEdge[e] == NULL || pat->apEdge[e]->iRel != s->exclude.a[x]) continue;
        if (pat->aEdgeGroup[e] != g) return false;
        bFound = true;
        if (pfTypesOverlap(pat->apEdge[e], s)) {
          if (pat->nPair == PLAN_FACTOR_MAX_VARS) return false;
          pat->aPairEdge[2 * pat->nPair] = e;
          pat->aPairEdge[2 * pat->nPair + 1] = pat->nEdge;
          pat->nPair++;
        }
      }
      if (!bFound) return false;
    }
    if (!pfAddEdge(pat, s, (uint32_t)iFrom, pat->nNode, g)) return false;
    if (!pfAddNode(pat, s->iTo, -1, s->pToLabels, g)) return false;
  }
  return true;
}

/* Collects the filters and expansions of a chain from p down, into the
** arrays (top-down), stopping at the first other operator, returned. */
typedef struct PfChain {
  const AstNode *apFilter[PLAN_FACTOR_MAX_PREDS];
  uint32_t nFilter;
  Op *aExpand[PLAN_FACTOR_MAX_VARS];
  uint32_t nExpand;
  Op *aOptional[PLAN_FACTOR_MAX_VARS];   /* the main chain: inner sides of optional applies */
  uint32_t nOptional;
  ExpandSpec *pAnti;       /* the main chain: one NOT EXISTS test between two of its nodes */
  bool bFull;              /* more than the arrays hold */
} PfChain;

static Op *pfWalkChain(Op *p, PfChain *ch, bool bMain) {
  for (; p; p = p->pChild) {
    const AstNode *pPred = op_filter_pred(p);
    if (pPred) {
      if (ch->nFilter == PLAN_FACTOR_MAX_PREDS) ch->bFull = true;
      else ch->apFilter[ch->nFilter++] = pPred;
    } else if (bMain && ch->pAnti == NULL && op_expand_anti_spec(p)) {
      ch->pAnti = op_expand_anti_spec(p);
    } else if (op_expand_spec(p)) {
      if (ch->nExpand == PLAN_FACTOR_MAX_VARS) ch->bFull = true;
      else ch->aExpand[ch->nExpand++] = p;
    } else if (bMain && op_apply_mode(p) == APPLY_OPTIONAL) {
      if (ch->nOptional == PLAN_FACTOR_MAX_VARS) ch->bFull = true;
      else ch->aOptional[ch->nOptional++] = p->pChild2;
    } else {
      return p;
    }
  }
  return NULL;
}

/* The node of group 0 next to both nodes a and b (by relationships of
** group 0), or -1. */
static int pfCommonNeighbour(const PfPattern *pat, uint32_t a, uint32_t b) {
  for (uint32_t m = 0; m < pat->nNode; m++) {
    bool bA = false, bB = false;
    for (uint32_t e = 0; e < pat->nEdge; e++) {
      if (pat->apEdge[e] == NULL || pat->aEdgeGroup[e] != 0) continue;
      uint32_t o = pat->aEdgeFrom[e] == m ? pat->aEdgeTo[e] : pat->aEdgeTo[e] == m ? pat->aEdgeFrom[e] : UINT32_MAX;
      bA |= o == a;
      bB |= o == b;
    }
    if (bA && bB) return (int)m;
  }
  return -1;
}

/* Are nodes x and y joined by a relationship of group 0? */
static bool pfAdjacent(const PfPattern *pat, uint32_t x, uint32_t y) {
  for (uint32_t e = 0; e < pat->nEdge; e++) {
    if (pat->apEdge[e] == NULL || pat->aEdgeGroup[e] != 0) continue;
    if ((pat->aEdgeFrom[e] == x && pat->aEdgeTo[e] == y) || (pat->aEdgeFrom[e] == y && pat->aEdgeTo[e] == x)) {
      return true;
    }
  }
  return false;
}

/* For nodes a and b three relationships apart, a - u - v - b (a tree has
** one such path): sets u and v, or returns false. */
static bool pfCousinPath(const PfPattern *pat, uint32_t a, uint32_t b, uint32_t *pU, uint32_t *pV) {
  for (uint32_t u = 0; u < pat->nNode; u++) {
    if (u == a || u == b || !pfAdjacent(pat, a, u)) continue;
    for (uint32_t v = 0; v < pat->nNode; v++) {
      if (v == a || v == b || v == u || !pfAdjacent(pat, u, v) || !pfAdjacent(pat, v, b)) continue;
      *pU = u;
      *pV = v;
      return true;
    }
  }
  return false;
}

static int pfReverse(int iDir) { return iDir == DIR_OUT ? DIR_IN : iDir == DIR_IN ? DIR_OUT : DIR_BOTH; }

/* Is `id(a) <> id(x)` implied by the NOT EXISTS test pAnti joining a to a
** node b, because a relationship e of the pattern joins b to x with only
** types the test names (or it names none), in the test's direction from
** b? Then x being a would join b to a as the test forbids, so the test
** has removed every row where they are one (LSQB q8: a message's tag and
** a tag of a comment replying to it, where the comment has not the
** message's tag). Sets *pb to b and *pe to e. */
static bool pfAntiImplies(const PfPattern *pat, const ExpandSpec *pAnti, uint32_t a, uint32_t x,
                          uint32_t *pb, uint32_t *pe) {
  int a0 = pfNodeIndex(pat, pAnti->iFrom, 0), a1 = pfNodeIndex(pat, pAnti->iTo, 0);
  if (a0 < 0 || a1 < 0 || (a != (uint32_t)a0 && a != (uint32_t)a1)) return false;
  uint32_t b = a == (uint32_t)a0 ? (uint32_t)a1 : (uint32_t)a0;
  int iDirBA = b == (uint32_t)a0 ? pAnti->iDir : pfReverse(pAnti->iDir);   /* the test, from b */
  for (uint32_t e = 0; e < pat->nEdge; e++) {
    const ExpandSpec *q = pat->apEdge[e];
    if (q == NULL || pat->aEdgeGroup[e] != 0 || q->bVarLen) continue;
    int iDirBX;
    if (pat->aEdgeFrom[e] == b && pat->aEdgeTo[e] == x) iDirBX = q->iDir;
    else if (pat->aEdgeTo[e] == b && pat->aEdgeFrom[e] == x) iDirBX = pfReverse(q->iDir);
    else continue;
    if (iDirBA != DIR_BOTH && iDirBX != iDirBA) continue;
    bool bTypes = pAnti->nType == 0;
    if (!bTypes && q->nType > 0) {
      bTypes = true;
      for (uint32_t i = 0; i < q->nType && bTypes; i++) {
        bool bIn = false;
        for (uint32_t j = 0; j < pAnti->nType; j++) bIn |= q->aType[i] == pAnti->aType[j];
        bTypes = bIn;
      }
    }
    if (!bTypes) continue;
    *pb = b;
    *pe = e;
    return true;
  }
  return false;
}

/* The direction of pattern edge e seen from its node n. */
static int pfDirFrom(const PfPattern *pat, uint32_t e, uint32_t n) {
  return pat->aEdgeFrom[e] == n ? pat->apEdge[e]->iDir : pfReverse(pat->apEdge[e]->iDir);
}

/* Could child variables a and b (of different parents) bind one
** relationship with a and b not one node? Only when some orientation of
** the two puts a and b at different ends. */
static bool pfCousinRelsMayMeet(const FactorSpec *s, uint32_t a, uint32_t b) {
  int da = s->aVar[a].edge.iDir, db = s->aVar[b].edge.iDir;
  if (da == DIR_BOTH || db == DIR_BOTH) return true;
  return da != db;   /* a at the end and b at the start, or the other way */
}

/* Gives filter pPred of group g to the one node (FactorVar.apPred) or
** relationship (apEdgePred) of that group it reads; false when none. */
static bool pfPlaceFilter(FactorSpec *spec, const uint32_t *aGroup, uint32_t g, const AstNode *pPred) {
  PfReads r = {0};
  pfReads(pPred, &r);
  if (r.bMany) return false;
  for (uint32_t q = 0; q < spec->nVar; q++) {
    FactorVar *fv = &spec->aVar[q];
    if (aGroup[q] != g) continue;
    if (r.n == 0 && g == 0 && q != 0) continue;   /* constant: on the root */
    if (pfReadsWithin(&r, &fv->iSlot, 1)) {
      fv->apPred[fv->nPred++] = pPred;
      return true;
    }
  }
  for (uint32_t q = 1; q < spec->nVar; q++) {
    FactorVar *fv = &spec->aVar[q];
    if (aGroup[q] != g || fv->bSame) continue;
    uint32_t aEnds[3] = {fv->edge.iRel, fv->edge.iFrom, fv->edge.iTo};
    if (pfReadsWithin(&r, aEnds, 3)) {
      fv->apEdgePred[fv->nEdgePred++] = pPred;
      return true;
    }
  }
  return false;
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

  /* The chain: filters, expansions and optional matches down to a scan
  ** on an Argument; each optional match's inner side filters and
  ** expansions on an Argument. */
  PfChain main = {0};
  Op *pScan = pfWalkChain(pAgg->pChild, &main, true);
  if (pScan == NULL || main.bFull) return false;
  uint32_t iScanSlot = op_scan_slot(pScan);
  if (iScanSlot == UINT32_MAX || pScan->pChild == NULL || !op_is_argument(pScan->pChild)) return false;
  PfChain aInner[PLAN_FACTOR_MAX_VARS];
  uint32_t nRel = main.nExpand;
  for (uint32_t g = 0; g < main.nOptional; g++) {
    memset(&aInner[g], 0, sizeof(PfChain));
    Op *pEnd = pfWalkChain(main.aOptional[g], &aInner[g], false);
    if (pEnd == NULL || !op_is_argument(pEnd) || aInner[g].bFull || aInner[g].nExpand == 0) return false;
    nRel += aInner[g].nExpand;
  }
  if (nRel < 2) return false;

  PfPattern pat = {0};
  uint32_t label = op_scan_label(pScan);
  pfAddNode(&pat, iScanSlot, label == UINT32_MAX ? -1 : (int64_t)label, NULL, 0);
  if (label != UINT32_MAX) {
    /* As a label expression, so that EXPLAIN shows it wherever the root is. */
    AstNode *pL = ast_new(c->pArena, AST_LABEL, 0);
    pL->z = intern_name(&c->pCtx->pGraph->labels, label);
    pL->n = (uint32_t)strlen(pL->z);
    pL->iAux = (int32_t)label;
    pat.aLabel[0] = -1;
    pat.apLabels[0] = pL;
  }
  if (!pfAddExpands(&pat, main.aExpand, main.nExpand, 0)) return false;
  for (uint32_t g = 0; g < main.nOptional; g++) {
    if (!pfAddExpands(&pat, aInner[g].aExpand, aInner[g].nExpand, g + 1)) return false;
  }

  /* A filter `id(a) <> id(b)` on two nodes next to one node m is kept
  ** by subtracting, at m, the matches where a and b are one node (then
  ** their relationships to m are two, or they would be one: the pair
  ** needs no other uniqueness check). So is one on a - m - o - b, a next
  ** to m and b next to m's neighbour o. One such filter is taken. */
  int iDistinctMid = -1, iDistinctA = -1, iDistinctB = -1;
  int iCousinOther = -1;   /* b two steps away: the child of the middle b hangs from */
  const AstNode *pDistinct = NULL;
  /* A filter the NOT EXISTS test implies (pfAntiImplies) is dropped. */
  const AstNode *pImplied = NULL;
  uint32_t iImpliedA = 0, iImpliedB = 0, iImpliedEdge = 0;
  for (uint32_t k = 0; k < main.nFilter && main.pAnti && pImplied == NULL; k++) {
    uint32_t sa, sb, b, e;
    if (!plan_distinct_pair(main.apFilter[k], &sa, &sb)) continue;
    int na = pfNodeIndex(&pat, sa, 0), nx = pfNodeIndex(&pat, sb, 0);
    if (na < 0 || nx < 0) continue;
    for (int t = 0; t < 2 && pImplied == NULL; t++) {
      if (pfAntiImplies(&pat, main.pAnti, (uint32_t)na, (uint32_t)nx, &b, &e)) {
        pImplied = main.apFilter[k];
        iImpliedA = (uint32_t)na;
        iImpliedB = b;
        iImpliedEdge = e;
      }
      int tmp = na;
      na = nx;
      nx = tmp;
    }
  }
  for (uint32_t k = 0; k < main.nFilter && pDistinct == NULL; k++) {
    uint32_t sa, sb;
    if (main.apFilter[k] == pImplied || !plan_distinct_pair(main.apFilter[k], &sa, &sb)) continue;
    int a = pfNodeIndex(&pat, sa, 0), b = pfNodeIndex(&pat, sb, 0);
    if (a < 0 || b < 0) continue;
    int m = pfCommonNeighbour(&pat, (uint32_t)a, (uint32_t)b);
    uint32_t u, v;
    if (m >= 0) {
      iDistinctMid = m;
    } else if (pfCousinPath(&pat, (uint32_t)a, (uint32_t)b, &u, &v)) {
      /* a - u - v - b: counted at u, or at v with a and b swapped; at the
      ** scanned node when it is one of them, else at one with a label. */
      bool bLabelU = pat.aLabel[u] >= 0 || (pat.apLabels[u] && pat.apLabels[u]->kind == AST_LABEL);
      bool bAtV = v == 0 || (u != 0 && !bLabelU);
      iDistinctMid = (int)(bAtV ? v : u);
      iCousinOther = (int)(bAtV ? u : v);
      if (bAtV) {
        int t = a;
        a = b;
        b = t;
      }
    } else {
      continue;
    }
    iDistinctA = a;
    iDistinctB = b;
    pDistinct = main.apFilter[k];
  }

  /* A NOT EXISTS test between two nodes next to one node m (LSQB q9:
  ** person1 and person3, both next to person2) is kept by subtracting, at
  ** m, the matches where the two nodes are joined; on the pair of the
  ** `id(a) <> id(b)` filter if there is one. */
  const ExpandSpec *pAnti = main.pAnti;
  int iAntiA = -1;
  if (pAnti) {
    if (pAnti->exclude.n || pAnti->pRelPred || pAnti->pToLabels || pAnti->bVarLen) return false;
    int a = pfNodeIndex(&pat, pAnti->iFrom, 0), b = pfNodeIndex(&pat, pAnti->iTo, 0);
    if (a < 0 || b < 0 || a == b || iCousinOther >= 0) return false;
    int m = pfCommonNeighbour(&pat, (uint32_t)a, (uint32_t)b);
    if (m < 0) return false;
    if (pDistinct && !(iDistinctMid == m && ((iDistinctA == a && iDistinctB == b) || (iDistinctA == b && iDistinctB == a)))) {
      return false;
    }
    iDistinctMid = m;
    iDistinctA = a;
    iDistinctB = b;
    iAntiA = a;
    /* With an implied filter, the implying relationship (b to x) and one
    ** between m and a that runs the same way from m as it does from b
    ** are one relationship only if b is m and x is a: a row the test has
    ** removed. Other orientations keep their check. */
    for (uint32_t k = 0; pImplied && k < pat.nPair; k++) {
      uint32_t e1 = pat.aPairEdge[2 * k], e2 = pat.aPairEdge[2 * k + 1];
      uint32_t f = e1 == iImpliedEdge ? e2 : e2 == iImpliedEdge ? e1 : UINT32_MAX;
      if (f == UINT32_MAX || pat.apEdge[f] == NULL) continue;
      bool bMA = (pat.aEdgeFrom[f] == (uint32_t)m && pat.aEdgeTo[f] == iImpliedA) ||
                 (pat.aEdgeTo[f] == (uint32_t)m && pat.aEdgeFrom[f] == iImpliedA);
      int iDirB = pfDirFrom(&pat, iImpliedEdge, iImpliedB), iDirM = pfDirFrom(&pat, f, (uint32_t)m);
      if (!bMA || iDirB == DIR_BOTH || iDirB != iDirM) continue;
      pat.aPairEdge[2 * k] = pat.aPairEdge[2 * (pat.nPair - 1)];
      pat.aPairEdge[2 * k + 1] = pat.aPairEdge[2 * (pat.nPair - 1) + 1];
      pat.nPair--;
      k--;
    }
  }

  /* The root: the variable the keys and arguments read; else the node
  ** of the MATCH with the most relationships in the pattern (the scanned
  ** one on a tie), so that more variables are leaves, which need no memo. */
  uint32_t iRoot = 0;
  if (keyReads.n == 1) {
    int i = pfNodeIndex(&pat, keyReads.a[0], 0);
    if (i < 0) return false;
    iRoot = (uint32_t)i;
  } else if (iDistinctMid >= 0) {
    iRoot = (uint32_t)iDistinctMid;
  } else {
    uint32_t aDeg[PLAN_FACTOR_MAX_VARS] = {0};
    for (uint32_t e = 0; e < pat.nEdge; e++) {
      aDeg[pat.aEdgeFrom[e]]++;
      aDeg[pat.aEdgeTo[e]]++;
    }
    uint32_t iBest = 0;
    for (uint32_t i = 0; i < pat.nNode; i++) {
      if (pat.aNodeGroup[i] != 0) continue;
      bool bLabel = pat.aLabel[i] >= 0 || (pat.apLabels[i] && pat.apLabels[i]->kind == AST_LABEL);
      uint32_t score = aDeg[i] * 4 + (i == 0 ? 2 : 0) + (bLabel ? 1 : 0);
      if (score > iBest) {
        iBest = score;
        iRoot = i;
      }
    }
  }

  /* Order the variables from the root (breadth first over the tree). */
  Arena *pA = c->pArena;
  FactorSpec spec = {0};
  spec.nVar = pat.nNode;
  spec.aVar = arena_zalloc(pA, sizeof(FactorVar) * pat.nNode);
  uint32_t aOrder[PLAN_FACTOR_MAX_VARS], aEdgeVar[PLAN_FACTOR_MAX_VARS], aGroup[PLAN_FACTOR_MAX_VARS];
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
        if (pat.apEdge[e] == NULL) return false;   /* an optional match is entered from its node */
      } else {
        continue;
      }
      abSeen[v] = true;
      aEdgeVar[e] = nOrder;
      FactorVar *fv = &spec.aVar[nOrder];
      fv->iParent = q;
      if (pat.apEdge[e] == NULL) {
        fv->bSame = fv->bOptional = true;
        fv->edge.iFrom = fv->edge.iTo = pat.aNodeSlot[u];
        fv->edge.iRel = UINT32_MAX;
      } else {
        fv->edge = *pat.apEdge[e];
        fv->edge.exclude.n = 0;
        if (!bForward) {
          fv->edge.iFrom = pat.apEdge[e]->iTo;
          fv->edge.iTo = pat.apEdge[e]->iFrom;
          fv->edge.iDir = fv->edge.iDir == DIR_OUT ? DIR_IN : fv->edge.iDir == DIR_IN ? DIR_OUT : DIR_BOTH;
        }
        fv->edge.pToLabels = NULL;
      }
      aOrder[nOrder++] = v;
    }
  }
  if (NEVER(nOrder != pat.nNode)) return false;
  uint32_t nFilterAll = main.nFilter;
  for (uint32_t g = 0; g < main.nOptional; g++) nFilterAll += aInner[g].nFilter;
  for (uint32_t q = 0; q < nOrder; q++) {
    FactorVar *fv = &spec.aVar[q];
    fv->iSlot = pat.aNodeSlot[aOrder[q]];
    fv->label = pat.aLabel[aOrder[q]];
    fv->pLabels = pat.apLabels[aOrder[q]];
    aGroup[q] = pat.aNodeGroup[aOrder[q]];
    fv->apPred = arena_alloc(pA, sizeof(AstNode *) * (nFilterAll + 1));
    fv->apEdgePred = arena_alloc(pA, sizeof(AstNode *) * (nFilterAll + 1));
  }

  /* Each filter to the one node, or the one edge, of its group it reads
  ** (in the order they were applied: bottom-up). */
  for (uint32_t k = main.nFilter; k-- > 0;) {
    if (main.apFilter[k] == pDistinct || main.apFilter[k] == pImplied) continue;
    if (!pfPlaceFilter(&spec, aGroup, 0, main.apFilter[k])) return false;
  }
  if (pDistinct || pAnti) {
    /* a and b must be children of m in the rooted tree, by one relationship each */
    uint32_t qa = UINT32_MAX, qb = UINT32_MAX, qm = UINT32_MAX;
    for (uint32_t q = 0; q < nOrder; q++) {
      if (aOrder[q] == (uint32_t)iDistinctA) qa = q;
      if (aOrder[q] == (uint32_t)iDistinctB) qb = q;
      if (aOrder[q] == (uint32_t)iDistinctMid) qm = q;
    }
    if (qa == UINT32_MAX || qb == UINT32_MAX || qm == UINT32_MAX) return false;
    uint32_t qo = 0;   /* the cousin case: b's parent, a child of m */
    for (uint32_t q = 0; q < nOrder && iCousinOther >= 0; q++) {
      if (aOrder[q] == (uint32_t)iCousinOther) qo = q;
    }
    if (iCousinOther >= 0 && (qo == 0 || spec.aVar[qo].iParent != qm)) return false;
    /* Rooted elsewhere (at a grouping key's variable), one of two nodes
    ** next to m may be m's parent: the matches where the other, m's
    ** child, is that same node are taken off at the parent. */
    bool bSelf = false;
    if (iCousinOther < 0 && qm != 0 && (spec.aVar[qm].iParent == qa || spec.aVar[qm].iParent == qb)) {
      if (spec.aVar[qm].iParent == qb) {
        uint32_t t = qa;
        qa = qb;
        qb = t;
      }
      if (spec.aVar[qb].iParent != qm) return false;
      bSelf = true;
    } else if (spec.aVar[qa].iParent != qm || spec.aVar[qb].iParent != (iCousinOther >= 0 ? qo : qm)) {
      return false;
    }
    /* Rooted beyond the pair, the test is walked from the parent's node
    ** (LSQB q8g: from each tag to every comment with it), which cost more
    ** than the enumeration with the implied filter (70 ms against 55). */
    if (bSelf && pImplied) return false;
    FactorVar *fm = &spec.aVar[bSelf ? qa : qm];
    fm->pDistinct = pDistinct;
    fm->bDistinctSelf = bSelf;
    fm->iDistinctA = qa;
    fm->iDistinctB = iCousinOther >= 0 ? qo : bSelf ? qm : qb;
    fm->iDistinctBelow = iCousinOther >= 0 || bSelf ? qb : 0;
    if (pAnti) {
      /* oriented from a's node to b's */
      ExpandSpec *pOriented = arena_alloc(pA, sizeof(ExpandSpec));
      *pOriented = *pAnti;
      if (aOrder[qa] != (uint32_t)iAntiA) {
        pOriented->iFrom = pAnti->iTo;
        pOriented->iTo = pAnti->iFrom;
        pOriented->iDir = pAnti->iDir == DIR_OUT ? DIR_IN : pAnti->iDir == DIR_IN ? DIR_OUT : DIR_BOTH;
      }
      pOriented->bInto = false;   /* walked from a's node to all it reaches */
      fm->pAnti = pOriented;
    }
    /* Their two relationships cannot be one while a and b differ (for the
    ** cousins, when every orientation would make a and b one node; for m's
    ** parent and child, m's two relationships are one only if they are). */
    bool bDropPair = pDistinct && (iCousinOther < 0 || !pfCousinRelsMayMeet(&spec, qa, qb));
    uint32_t qRelA = bSelf ? qm : qa;
    for (uint32_t k = 0; k < pat.nPair && bDropPair; k++) {
      uint32_t x = aEdgeVar[pat.aPairEdge[2 * k]], y = aEdgeVar[pat.aPairEdge[2 * k + 1]];
      if ((x == qRelA && y == qb) || (x == qb && y == qRelA)) {
        pat.aPairEdge[2 * k] = pat.aPairEdge[2 * (pat.nPair - 1)];
        pat.aPairEdge[2 * k + 1] = pat.aPairEdge[2 * (pat.nPair - 1) + 1];
        pat.nPair--;
        k--;
      }
    }
  }
  for (uint32_t g = 0; g < main.nOptional; g++) {
    for (uint32_t k = aInner[g].nFilter; k-- > 0;) {
      if (!pfPlaceFilter(&spec, aGroup, g + 1, aInner[g].apFilter[k])) return false;
    }
  }

  for (uint32_t k = 0; k < pat.nPair; k++) {
    if (pfSurelyMeet(&spec, aEdgeVar[pat.aPairEdge[2 * k]], aEdgeVar[pat.aPairEdge[2 * k + 1]])) return false;
  }
  spec.nPair = pat.nPair;
  spec.aPair = arena_alloc(pA, sizeof(uint32_t) * (2 * pat.nPair + 1));
  for (uint32_t k = 0; k < 2 * pat.nPair; k++) spec.aPair[k] = aEdgeVar[pat.aPairEdge[k]];

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
  pAgg->pChild = op_factor_count(c->pCtx, pRootScan, &spec, pat.nPair ? pAgg->pChild : NULL);
  op_aggregate_weight(pAgg, spec.iWeight);
  return true;
}
