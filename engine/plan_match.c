/*
** plan_match.c — planning graph patterns (MATCH, OPTIONAL MATCH, pattern
** predicates, the match half of MERGE).
**
** A pattern is turned into a small graph of pattern nodes and pattern
** relationships, each with a row slot (anonymous ones get hidden slots).
** Its predicates — WHERE conjuncts, property maps, labels — each record the
** pattern slots they read. Planning is greedy: start from the node with the
** lowest estimated cardinality (id seek < index seek < label scan < all
** nodes), then repeatedly expand along the relationship whose far end is
** cheapest, preferring relationships whose both ends are bound (a check
** rather than an expansion); a disconnected part starts again with a scan
** over the pipeline so far. Each predicate is applied as soon as its slots
** are bound. Relationship uniqueness inside one MATCH is enforced by the
** expansions (each knows the relationship slots bound before it).
*/
#include "check.h"
#include "exec/op.h"
#include "index.h"
#include "parser.h"
#include "plan.h"

typedef struct PNode {
  uint32_t iSlot;          /* row slot */
  bool bBound;             /* bound (before this pattern, or already planned) */
  AstNode *pLabels;        /* label expression (AND of every occurrence), or NULL */
  AstNode *pFirst;         /* first occurrence, for error positions */
} PNode;

typedef struct PRel {
  AstNode *pAst;           /* the relationship pattern */
  uint32_t iSlot;          /* row slot (relationship, or list for var-length) */
  uint32_t iLeft, iRight;  /* pattern nodes as written, left to right */
  int iDir;                /* DIR_OUT: left->right; DIR_IN: right->left; DIR_BOTH */
  bool bBoundBefore;       /* the variable was bound before this pattern */
  bool bDone;              /* planned */
  bool bShortest;          /* part of a shortestPath() part */
  bool bAllShortest;
  uint32_t iPathSlot;      /* shortest path: the path variable's slot */
  AstNode *pRelPred;       /* predicate on one relationship (properties) */
  uint32_t iRelTmp;        /* slot the predicate reads (var-length) */
} PRel;

typedef struct PPred {
  AstNode *pExpr;          /* the predicate */
  VEC(uint32_t) deps;      /* pattern slots it reads */
  bool bAll;               /* reads everything (contains a subquery) */
  bool bDone;              /* applied */
} PPred;

typedef struct PathInfo {
  AstNode *pPath;          /* the pattern part */
  uint32_t iSlot;          /* path variable slot */
  bool bShortest;
} PathInfo;

typedef struct MatchPlan {
  Compiler *c;
  VEC(PNode) nodes;
  VEC(PRel) rels;
  VEC(PPred) preds;
  VEC(PathInfo) paths;
  VEC(uint32_t) relSlotsBound;   /* relationship slots bound so far in this pattern */
  VEC(uint32_t) newSlots;        /* slots this pattern declared (OPTIONAL nulls them) */
} MatchPlan;

static void mpFree(MatchPlan *m) {
  for (uint32_t i = 0; i < m->preds.n; i++) vec_free(&m->preds.a[i].deps);
  vec_free(&m->nodes);
  vec_free(&m->rels);
  vec_free(&m->preds);
  vec_free(&m->paths);
  vec_free(&m->relSlotsBound);
  vec_free(&m->newSlots);
}

/* ---- Building the pattern graph ------------------------------------------- */

/* A reference to a row slot, already resolved (check_expr skips it). */
static AstNode *mpVarNode(Compiler *c, uint32_t iSlot, int iOfst) {
  AstNode *p = arena_zalloc(c->pArena, sizeof(AstNode));
  p->kind = AST_VAR;
  p->flags = AST_F_SLOTREF;
  p->iSlot = (int32_t)iSlot;
  p->iOfst = iOfst;
  p->iEnd = -1;
  p->iAux = -1;
  return p;
}

static AstNode *mpNewNode(Compiler *c, int kind, int iOfst) {
  AstNode *p = arena_zalloc(c->pArena, sizeof(AstNode));
  p->kind = (uint16_t)kind;
  p->iOfst = iOfst;
  p->iEnd = -1;
  p->iSlot = -1;
  p->iAux = -1;
  return p;
}

/* Adds a predicate; its slots are collected when it is analysed. */
static void mpAddPred(MatchPlan *m, AstNode *pExpr) {
  PPred pr;
  memset(&pr, 0, sizeof(pr));
  pr.pExpr = pExpr;
  vec_push(&m->preds, pr);
}

/* Predicates for a property map on the entity in slot iSlot:
** one `e.key = value` per entry, or a PROPS_MATCH for a parameter map. */
static void mpPropPreds(MatchPlan *m, uint32_t iSlot, AstNode *pProps, AstNode **ppRelPred) {
  Compiler *c = m->c;
  if (pProps == NULL) return;
  if (pProps->kind == AST_PARAM) {
    check_error(c, pProps, ERR_INVALID_PARAMETER_USE,
                "a parameter map cannot stand for properties in a pattern to match");
    return;
  }
  AstNode *pAll = NULL;
  if (pProps->kind == AST_MAP) {
    for (uint32_t i = 0; i < pProps->pList->n; i++) {
      AstNode *pE = pProps->pList->a[i];
      AstNode *pProp = mpNewNode(c, AST_PROP, pE->iOfst);
      pProp->p1 = mpVarNode(c, iSlot, pE->iOfst);
      pProp->z = pE->z;
      pProp->n = pE->n;
      pProp->iAux = (int32_t)check_key_id(c, pE->z, pE->n);
      AstNode *pEq = mpNewNode(c, AST_BINARY, pE->iOfst);
      pEq->op = TK_EQ;
      pEq->p1 = pProp;
      pEq->p2 = pE->p1;
      if (ppRelPred) {
        if (pAll == NULL) {
          pAll = pEq;
        } else {
          AstNode *pAnd = mpNewNode(c, AST_BINARY, pE->iOfst);
          pAnd->op = TK_AND;
          pAnd->p1 = pAll;
          pAnd->p2 = pEq;
          pAll = pAnd;
        }
      } else {
        mpAddPred(m, pEq);
      }
    }
  } else {
    AstNode *pMatch = mpNewNode(c, AST_PROPS_MATCH, pProps->iOfst);
    pMatch->p1 = mpVarNode(c, iSlot, pProps->iOfst);
    pMatch->p2 = pProps;
    if (ppRelPred) pAll = pMatch;
    else mpAddPred(m, pMatch);
  }
  if (ppRelPred) *ppRelPred = pAll;
}

static bool mpIsNewSlot(const MatchPlan *m, uint32_t iSlot) {
  for (uint32_t i = 0; i < m->newSlots.n; i++) {
    if (m->newSlots.a[i] == iSlot) return true;
  }
  return false;
}

/* Label test for a pattern node, as a predicate. */
static AstNode *mpLabelPred(MatchPlan *m, const PNode *pn) {
  AstNode *p = mpNewNode(m->c, AST_HAS_LABELS, pn->pFirst->iOfst);
  p->p1 = mpVarNode(m->c, pn->iSlot, pn->pFirst->iOfst);
  p->p2 = pn->pLabels;
  return p;
}

/* The pattern node for a node pattern: shared by name within the pattern,
** bound when the name was in scope before. Returns its index or -1. */
static int64_t mpNodeFor(MatchPlan *m, AstNode *pNode) {
  Compiler *c = m->c;
  uint32_t iSlot;
  bool bBound = false;
  if (pNode->z) {
    Var *v = check_lookup(c, pNode->z, pNode->n);
    if (v) {
      bool bMaybeNode = v->eKind == VK_VALUE && ((v->tm & TM(VAL_NODE)) || v->tm == TM(VAL_NULL));
      if (v->eKind != VK_NODE && !bMaybeNode) {
        check_error(c, pNode, ERR_VARIABLE_TYPE_CONFLICT, pNode->z, check_kind_name(v->eKind),
                    "a node");
        return -1;
      }
      iSlot = v->iSlot;
      bBound = !mpIsNewSlot(m, iSlot);
      for (uint32_t i = 0; i < m->nodes.n; i++) {
        if (m->nodes.a[i].iSlot != iSlot) continue;
        PNode *pn = &m->nodes.a[i];
        pNode->iSlot = (int32_t)iSlot;
        if (pNode->p1) {
          check_label_expr(c, pNode->p1, false);
          if (pn->pLabels) {
            AstNode *pAnd = mpNewNode(c, AST_LABEL_AND, pNode->iOfst);
            pAnd->p1 = pn->pLabels;
            pAnd->p2 = pNode->p1;
            pn->pLabels = pAnd;
          } else {
            pn->pLabels = pNode->p1;
          }
        }
        mpPropPreds(m, iSlot, pNode->p2, NULL);
        return i;
      }
    } else {
      if (c->bNoNewVars) {
        check_error(c, pNode, ERR_UNDEFINED_VARIABLE, pNode->z);
        return -1;
      }
      v = check_declare(c, pNode->z, pNode->n, VK_NODE, TM(VAL_NODE) | TM(VAL_NULL));
      iSlot = v->iSlot;
      vec_push(&m->newSlots, iSlot);
    }
  } else {
    iSlot = check_new_slot(c);
    vec_push(&m->newSlots, iSlot);
  }
  pNode->iSlot = (int32_t)iSlot;
  PNode pn;
  memset(&pn, 0, sizeof(pn));
  pn.iSlot = iSlot;
  pn.bBound = bBound;
  pn.pFirst = pNode;
  if (pNode->p1) {
    check_label_expr(c, pNode->p1, false);
    pn.pLabels = pNode->p1;
  }
  vec_push(&m->nodes, pn);
  mpPropPreds(m, iSlot, pNode->p2, NULL);
  return m->nodes.n - 1;
}

/* Adds the relationship pattern between nodes iLeft and iRight. */
static bool mpAddRel(MatchPlan *m, AstNode *pRel, uint32_t iLeft, uint32_t iRight,
                     uint32_t flags) {
  Compiler *c = m->c;
  bool bVarLen = (pRel->flags & AST_F_VARLEN) != 0;
  PRel pr;
  memset(&pr, 0, sizeof(pr));
  pr.pAst = pRel;
  pr.iLeft = iLeft;
  pr.iRight = iRight;
  pr.iDir = pRel->op;
  pr.bShortest = (flags & (AST_F_SHORTEST | AST_F_ALL_SHORTEST)) != 0;
  pr.bAllShortest = (flags & AST_F_ALL_SHORTEST) != 0;
  if (pRel->z) {
    Var *v = check_lookup(c, pRel->z, pRel->n);
    if (v && mpIsNewSlot(m, v->iSlot)) {
      if (v->eKind == VK_REL || v->eKind == VK_RELLIST) {
        check_error(c, pRel, ERR_REL_UNIQUENESS, pRel->z);
      } else {
        check_error(c, pRel, ERR_VARIABLE_TYPE_CONFLICT, pRel->z, check_kind_name(v->eKind),
                    "a relationship");
      }
      return false;
    }
    if (v) {
      VarKind eWant = bVarLen ? VK_RELLIST : VK_REL;
      bool bOk = v->eKind == eWant ||
                 (v->eKind == VK_VALUE && ((v->tm & TM(bVarLen ? VAL_LIST : VAL_REL)) ||
                                           v->tm == TM(VAL_NULL)));
      if (!bOk) {
        check_error(c, pRel, ERR_VARIABLE_TYPE_CONFLICT, pRel->z, check_kind_name(v->eKind),
                    check_kind_name(eWant));
        return false;
      }
      pr.iSlot = v->iSlot;
      pr.bBoundBefore = true;
    } else {
      if (c->bNoNewVars) {
        check_error(c, pRel, ERR_UNDEFINED_VARIABLE, pRel->z);
        return false;
      }
      v = check_declare(c, pRel->z, pRel->n, bVarLen ? VK_RELLIST : VK_REL,
                        (bVarLen ? TM(VAL_LIST) : TM(VAL_REL)) | TM(VAL_NULL));
      pr.iSlot = v->iSlot;
      vec_push(&m->newSlots, pr.iSlot);
    }
  } else {
    pr.iSlot = check_new_slot(c);
    vec_push(&m->newSlots, pr.iSlot);
  }
  pRel->iSlot = (int32_t)pr.iSlot;
  if (pRel->p1) check_label_expr(c, pRel->p1, true);
  if (pRel->p2) {
    pr.iRelTmp = bVarLen ? check_new_slot(c) : pr.iSlot;
    mpPropPreds(m, pr.iRelTmp, pRel->p2, &pr.pRelPred);
    if (check_expr(c, pr.pRelPred, 0) == 0 && c->pErr->code) return false;
  }
  vec_push(&m->rels, pr);
  return true;
}

/* Declares everything a pattern binds and builds the pattern graph. */
static bool mpBuild(MatchPlan *m, AstList *pPattern) {
  Compiler *c = m->c;
  for (uint32_t iPart = 0; iPart < pPattern->n; iPart++) {
    AstNode *pPath = pPattern->a[iPart];
    AstList *pChain = pPath->pList;
    int64_t iPrev = -1;
    for (uint32_t i = 0; i < pChain->n; i += 2) {
      int64_t iNode = mpNodeFor(m, pChain->a[i]);
      if (iNode < 0) return false;
      if (i > 0 && !mpAddRel(m, pChain->a[i - 1], (uint32_t)iPrev, (uint32_t)iNode,
                             pPath->flags)) {
        return false;
      }
      iPrev = iNode;
    }
    if (pPath->flags & (AST_F_SHORTEST | AST_F_ALL_SHORTEST)) {
      if (pChain->n != 3) {
        check_error(c, pPath, ERR_SYNTAX, "shortestPath() needs a pattern with one relationship");
        return false;
      }
    }
    if (pPath->z) {
      if (check_lookup(c, pPath->z, pPath->n)) {
        check_error(c, pPath, ERR_VARIABLE_ALREADY_BOUND, pPath->z);
        return false;
      }
      Var *v = check_declare(c, pPath->z, pPath->n, VK_PATH, TM(VAL_PATH) | TM(VAL_NULL));
      vec_push(&m->newSlots, v->iSlot);
      PathInfo pi = {pPath, v->iSlot, (pPath->flags & (AST_F_SHORTEST | AST_F_ALL_SHORTEST)) != 0};
      vec_push(&m->paths, pi);
      if (pi.bShortest) m->rels.a[m->rels.n - 1].iPathSlot = v->iSlot;
    } else if (pPath->flags & (AST_F_SHORTEST | AST_F_ALL_SHORTEST)) {
      m->rels.a[m->rels.n - 1].iPathSlot = UINT32_MAX;
    }
  }
  return true;
}

/* Nodes bound before the pattern are neither scanned nor expanded to, so
** their labels in the pattern become predicates. */
static void mpBoundNodeLabels(MatchPlan *m) {
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    PNode *pn = &m->nodes.a[i];
    if (pn->bBound && pn->pLabels) mpAddPred(m, mpLabelPred(m, pn));
  }
}

/* ---- Predicate analysis ------------------------------------------------- */

static bool mpIsPatternSlot(const MatchPlan *m, uint32_t iSlot) {
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    if (m->nodes.a[i].iSlot == iSlot) return !m->nodes.a[i].bBound;
  }
  for (uint32_t i = 0; i < m->rels.n; i++) {
    if (m->rels.a[i].iSlot == iSlot) return !m->rels.a[i].bBoundBefore;
  }
  for (uint32_t i = 0; i < m->paths.n; i++) {
    if (m->paths.a[i].iSlot == iSlot) return true;
  }
  return false;
}

/* Collects the pattern slots an expression reads into pr->deps. */
static void mpCollectDeps(MatchPlan *m, const AstNode *p, PPred *pr) {
  if (p == NULL) return;
  if (p->kind == AST_EXISTS || p->kind == AST_COUNT_SUB || p->kind == AST_PATTERN_EXPR ||
      p->kind == AST_PATTERN_COMP) {
    pr->bAll = true;
    return;
  }
  if ((p->kind == AST_VAR || (p->flags & AST_F_SLOTREF) || p->kind == AST_MP_VAR) && p->iSlot >= 0 &&
      mpIsPatternSlot(m, (uint32_t)p->iSlot)) {
    vec_push(&pr->deps, (uint32_t)p->iSlot);
  }
  mpCollectDeps(m, p->p1, pr);
  mpCollectDeps(m, p->p2, pr);
  mpCollectDeps(m, p->p3, pr);
  mpCollectDeps(m, p->p4, pr);
  for (int k = 0; k < 2; k++) {
    const AstList *pL = k ? p->pList2 : p->pList;
    for (uint32_t i = 0; pL && i < pL->n; i++) mpCollectDeps(m, pL->a[i], pr);
  }
}

/* Splits a WHERE expression into its AND-ed conjuncts. */
static void mpSplitAnd(MatchPlan *m, AstNode *p) {
  if (p->kind == AST_BINARY && p->op == TK_AND) {
    mpSplitAnd(m, p->p1);
    mpSplitAnd(m, p->p2);
  } else {
    mpAddPred(m, p);
  }
}

static bool mpSlotBound(const MatchPlan *m, uint32_t iSlot) {
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    if (m->nodes.a[i].iSlot == iSlot) return m->nodes.a[i].bBound;
  }
  for (uint32_t i = 0; i < m->rels.n; i++) {
    if (m->rels.a[i].iSlot == iSlot) return m->rels.a[i].bDone || m->rels.a[i].bBoundBefore;
  }
  return false;   /* path slots: bound at the end */
}

static bool mpPredReady(const MatchPlan *m, const PPred *pr, bool bFinal) {
  if (bFinal) return true;   /* everything is bound at the end */
  if (pr->bAll) return false;
  for (uint32_t i = 0; i < pr->deps.n; i++) {
    if (!mpSlotBound(m, pr->deps.a[i])) return false;
  }
  return true;
}

/* Adds filters for every predicate whose slots are now bound. */
static Op *mpApplyReady(MatchPlan *m, Op *pOp, bool bFinal) {
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    if (pr->bDone || !mpPredReady(m, pr, bFinal)) continue;
    pr->bDone = true;
    pOp = op_filter(m->c->pCtx, pOp, pr->pExpr);
  }
  return pOp;
}

/* ---- Estimates ------------------------------------------------------------ */

/* Nodes a label expression may match (an upper bound). */
static double mpLabelEstimate(const Graph *g, const AstNode *p) {
  if (p == NULL) return g->nNodeLive;
  switch (p->kind) {
    case AST_LABEL: return p->iAux >= 0 ? graph_label_count(g, (uint32_t)p->iAux) : 0;
    case AST_LABEL_AND: return TG_MIN(mpLabelEstimate(g, p->p1), mpLabelEstimate(g, p->p2));
    case AST_LABEL_OR: return mpLabelEstimate(g, p->p1) + mpLabelEstimate(g, p->p2);
    default: return g->nNodeLive;
  }
}

/* A label that a label expression requires, usable for a label scan; -1 if none. */
static int64_t mpScanLabel(const Graph *g, const AstNode *p) {
  if (p == NULL) return -1;
  if (p->kind == AST_LABEL) return p->iAux;
  if (p->kind == AST_LABEL_AND) {
    int64_t a = mpScanLabel(g, p->p1), b = mpScanLabel(g, p->p2);
    if (a < 0) return b;
    if (b < 0) return a;
    return graph_label_count(g, (uint32_t)a) <= graph_label_count(g, (uint32_t)b) ? a : b;
  }
  return -1;
}

/* Is p an expression that does not read any unbound pattern slot? */
static bool mpIndependent(MatchPlan *m, const AstNode *p) {
  PPred tmp;
  memset(&tmp, 0, sizeof(tmp));
  mpCollectDeps(m, p, &tmp);
  bool bOk = !tmp.bAll;
  for (uint32_t i = 0; bOk && i < tmp.deps.n; i++) {
    if (!mpSlotBound(m, tmp.deps.a[i])) bOk = false;
  }
  vec_free(&tmp.deps);
  return bOk;
}

/* Finds `n.key = expr` (or reversed) for node slot iSlot whose value side
** is independent of unbound slots, with an index on (label, key). */
static PPred *mpIndexPred(MatchPlan *m, const PNode *pn, uint32_t *pLabel, uint32_t *pKey,
                          AstNode **ppValue) {
  Graph *g = m->c->pGraph;
  if (g->pIndexes->aIndex.n == 0 || pn->pLabels == NULL) return NULL;
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    AstNode *p = pr->pExpr;
    if (pr->bDone || p->kind != AST_BINARY || p->op != TK_EQ) continue;
    for (int side = 0; side < 2; side++) {
      AstNode *pProp = side ? p->p2 : p->p1, *pVal = side ? p->p1 : p->p2;
      if (pProp->kind != AST_PROP || pProp->p1->kind != AST_VAR ||
          pProp->p1->iSlot != (int32_t)pn->iSlot || pProp->iAux < 0) {
        continue;
      }
      if (!mpIndependent(m, pVal)) continue;
      for (uint32_t k = 0; k < g->pIndexes->aIndex.n; k++) {
        PropIndex *pIdx = g->pIndexes->aIndex.a[k];
        if (pIdx->key != (uint32_t)pProp->iAux) continue;
        /* The node must be required to carry the index's label. */
        const AstNode *pL = pn->pLabels;
        bool bHas = false;
        while (pL) {
          if (pL->kind == AST_LABEL) {
            bHas = pL->iAux == (int32_t)pIdx->label;
            break;
          }
          if (pL->kind != AST_LABEL_AND) break;
          if (pL->p2->kind == AST_LABEL && pL->p2->iAux == (int32_t)pIdx->label) {
            bHas = true;
            break;
          }
          pL = pL->p1;
        }
        if (!bHas) continue;
        *pLabel = pIdx->label;
        *pKey = pIdx->key;
        *ppValue = pVal;
        return pr;
      }
    }
  }
  return NULL;
}

/* Finds `id(n) = expr` for node slot iSlot. */
static PPred *mpIdPred(MatchPlan *m, uint32_t iSlot, AstNode **ppValue) {
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    AstNode *p = pr->pExpr;
    if (pr->bDone || p->kind != AST_BINARY || p->op != TK_EQ) continue;
    for (int side = 0; side < 2; side++) {
      AstNode *pFn = side ? p->p2 : p->p1, *pVal = side ? p->p1 : p->p2;
      if (pFn->kind != AST_FUNC || strcasecmp(pFn->z, "id") != 0 || pFn->pList->n != 1) continue;
      AstNode *pArg = pFn->pList->a[0];
      if (pArg->kind != AST_VAR || pArg->iSlot != (int32_t)iSlot) continue;
      if (!mpIndependent(m, pVal)) continue;
      *ppValue = pVal;
      return pr;
    }
  }
  return NULL;
}

/* Emits the cheapest way to bind pattern node pn. */
static Op *mpBindNode(MatchPlan *m, Op *pOp, PNode *pn) {
  Compiler *c = m->c;
  Graph *g = c->pGraph;
  AstNode *pValue;
  uint32_t label, key;
  PPred *pr = mpIdPred(m, pn->iSlot, &pValue);
  if (pr) {
    pr->bDone = true;
    pOp = op_node_by_id(c->pCtx, pOp, pn->iSlot, pValue, false);
    if (pn->pLabels) pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
  } else if ((pr = mpIndexPred(m, pn, &label, &key, &pValue)) != NULL) {
    pr->bDone = true;
    pOp = op_index_seek(c->pCtx, pOp, pn->iSlot, label, key, pValue);
    if (pn->pLabels && !(pn->pLabels->kind == AST_LABEL && pn->pLabels->iAux == (int32_t)label)) {
      pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
    }
  } else {
    int64_t iLabel = mpScanLabel(g, pn->pLabels);
    if (iLabel >= 0) {
      pOp = op_label_scan(c->pCtx, pOp, pn->iSlot, (uint32_t)iLabel);
      if (!(pn->pLabels->kind == AST_LABEL)) pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
    } else {
      pOp = op_all_nodes(c->pCtx, pOp, pn->iSlot);
      if (pn->pLabels) pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
    }
  }
  pn->bBound = true;
  return pOp;
}

/* ---- Expansions ------------------------------------------------------------ */

typedef VEC(int64_t) TypeIdVec;

/* The relationship types of a type expression (names joined by |).
** Returns false for expressions an expansion cannot filter by id. */
static bool mpTypes(Compiler *c, const AstNode *p, TypeIdVec *pOut) {
  (void)c;
  if (p == NULL) return true;
  if (p->kind == AST_LABEL) {
    int64_t t = p->iAux;
    for (uint32_t i = 0; i < pOut->n; i++) {
      if (pOut->a[i] == t) return true;
    }
    vec_push(pOut, t);
    return true;
  }
  if (p->kind == AST_LABEL_OR) return mpTypes(c, p->p1, pOut) && mpTypes(c, p->p2, pOut);
  return false;
}

/* Estimated rows produced by expanding pr from its bound end. */
static double mpExpandCost(MatchPlan *m, const PRel *pr) {
  const Graph *g = m->c->pGraph;
  const PNode *pL = &m->nodes.a[pr->iLeft], *pR = &m->nodes.a[pr->iRight];
  if (pL->bBound && pR->bBound) return 0.0;
  const PNode *pFrom = pL->bBound ? pL : pR, *pTo = pL->bBound ? pR : pL;
  double nRel = g->nRelLive;
  TypeIdVec types = {0};
  if (pr->pAst->p1 && mpTypes(m->c, pr->pAst->p1, &types) && types.n) {
    nRel = 0;
    for (uint32_t i = 0; i < types.n; i++) {
      if (types.a[i] >= 0) nRel += graph_type_count(g, (uint32_t)types.a[i]);
    }
  }
  vec_free(&types);
  double nFrom = TG_MAX(1.0, mpLabelEstimate(g, pFrom->pLabels));
  double nAll = TG_MAX(1.0, (double)g->nNodeLive);
  double fanout = nRel / (pFrom->pLabels ? nFrom : nAll);
  if (pr->pAst->flags & AST_F_VARLEN) fanout *= 10;
  double sel = pTo->pLabels ? mpLabelEstimate(g, pTo->pLabels) / nAll : 1.0;
  return 1.0 + fanout * sel;
}

/* Emits the expansion of pr from its bound end (both may be bound). */
static Op *mpExpand(MatchPlan *m, Op *pOp, PRel *pr) {
  Compiler *c = m->c;
  PNode *pL = &m->nodes.a[pr->iLeft], *pR = &m->nodes.a[pr->iRight];
  bool bFromLeft = pL->bBound;
  PNode *pFrom = bFromLeft ? pL : pR, *pTo = bFromLeft ? pR : pL;
  ExpandSpec spec;
  memset(&spec, 0, sizeof(spec));
  spec.iFrom = pFrom->iSlot;
  spec.iTo = pTo->iSlot;
  spec.bInto = pTo->bBound;
  spec.iDir = pr->iDir == DIR_BOTH ? DIR_BOTH : bFromLeft ? pr->iDir : (pr->iDir == DIR_OUT ? DIR_IN : DIR_OUT);
  spec.bVarLen = (pr->pAst->flags & AST_F_VARLEN) != 0;
  spec.iMin = pr->pAst->i1;
  spec.iMax = pr->pAst->i2;
  spec.pRelPred = pr->pRelPred;
  spec.iRelTmp = pr->iRelTmp;
  spec.iPathSlot = UINT32_MAX;
  spec.bReverse = !bFromLeft;   /* relationship lists stay in pattern order */
  if (!pTo->bBound && pTo->pLabels) spec.pToLabels = mpLabelPred(m, pTo)->p2;
  TypeIdVec types = {0};
  if (!mpTypes(c, pr->pAst->p1, &types)) {
    vec_free(&types);
    check_error(c, pr->pAst, ERR_UNSUPPORTED, "this relationship type expression");
    return NULL;
  }
  spec.nType = types.n;
  spec.aType = types.n ? arena_alloc(c->pArena, sizeof(int64_t) * types.n) : NULL;
  if (types.n) memcpy(spec.aType, types.a, sizeof(int64_t) * types.n);
  vec_free(&types);
  spec.exclude.n = m->relSlotsBound.n;
  spec.exclude.a = arena_alloc(c->pArena, sizeof(uint32_t) * (m->relSlotsBound.n + 1));
  if (m->relSlotsBound.n) {
    memcpy(spec.exclude.a, m->relSlotsBound.a, sizeof(uint32_t) * m->relSlotsBound.n);
  }
  /* A relationship variable bound before must be matched, not rebound:
  ** expand into a fresh slot and compare. */
  uint32_t iBoundRel = UINT32_MAX;
  spec.iRel = pr->iSlot;
  if (pr->bBoundBefore) {
    iBoundRel = pr->iSlot;
    spec.iRel = check_new_slot(c);
    if (spec.pRelPred && !spec.bVarLen) {
      spec.iRelTmp = spec.iRel;
      mpPropPreds(m, spec.iRel, pr->pAst->p2, (AstNode **)&spec.pRelPred);
    }
  }
  if (pr->bShortest) {
    pOp = op_shortest(c->pCtx, pOp, &spec, pr->bAllShortest, pr->iPathSlot);
  } else if (spec.bVarLen) {
    pOp = op_varexpand(c->pCtx, pOp, &spec);
  } else {
    pOp = op_expand(c->pCtx, pOp, &spec);
  }
  if (iBoundRel != UINT32_MAX) {
    AstNode *pEq = mpNewNode(c, AST_BINARY, pr->pAst->iOfst);
    pEq->op = TK_EQ;
    pEq->p1 = mpVarNode(c, spec.iRel, pr->pAst->iOfst);
    pEq->p2 = mpVarNode(c, iBoundRel, pr->pAst->iOfst);
    pOp = op_filter(c->pCtx, pOp, pEq);
  }
  pr->bDone = true;
  pTo->bBound = true;
  vec_push(&m->relSlotsBound, pr->iSlot);
  return pOp;
}

/* ---- The planning loop ------------------------------------------------------- */

/* Binds every pattern node and relationship on top of pOp. */
static Op *mpPlan(MatchPlan *m, Op *pOp) {
  Compiler *c = m->c;
  const Graph *g = c->pGraph;
  pOp = mpApplyReady(m, pOp, false);
  for (;;) {
    if (c->pErr->code) return NULL;
    /* 1. The cheapest expansion from a bound node (shortest paths wait
    **    until both their ends are bound). */
    PRel *pBest = NULL;
    double best = 0;
    for (uint32_t i = 0; i < m->rels.n; i++) {
      PRel *pr = &m->rels.a[i];
      if (pr->bDone) continue;
      bool bL = m->nodes.a[pr->iLeft].bBound, bR = m->nodes.a[pr->iRight].bBound;
      if (!bL && !bR) continue;
      if (pr->bShortest && !(bL && bR)) continue;
      double cost = mpExpandCost(m, pr);
      if (pBest == NULL || cost < best) {
        pBest = pr;
        best = cost;
      }
    }
    if (pBest) {
      pOp = mpExpand(m, pOp, pBest);
      if (pOp == NULL) return NULL;
      pOp = mpApplyReady(m, pOp, false);
      continue;
    }
    /* 2. Otherwise bind the unbound node with the lowest estimate, preferring
    **    endpoints of shortest paths (they cannot be expanded to). */
    PNode *pStart = NULL;
    double bestEst = 0;
    for (uint32_t i = 0; i < m->nodes.n; i++) {
      PNode *pn = &m->nodes.a[i];
      if (pn->bBound) continue;
      AstNode *pValue;
      uint32_t label, key;
      double est = mpLabelEstimate(g, pn->pLabels);
      if (mpIdPred(m, pn->iSlot, &pValue)) est = 1;
      else if (mpIndexPred(m, pn, &label, &key, &pValue)) est = 2;
      if (pStart == NULL || est < bestEst) {
        pStart = pn;
        bestEst = est;
      }
    }
    if (pStart == NULL) break;
    pOp = mpBindNode(m, pOp, pStart);
    pOp = mpApplyReady(m, pOp, false);
  }
  /* Named paths (shortest paths wrote theirs already). */
  for (uint32_t i = 0; i < m->paths.n; i++) {
    PathInfo *pi = &m->paths.a[i];
    if (pi->bShortest) continue;
    AstNode *pBuild = mpNewNode(c, AST_PATH_BUILD, pi->pPath->iOfst);
    AstList *pL = arena_zalloc(c->pArena, sizeof(AstList));
    pL->n = pL->nAlloc = pi->pPath->pList->n;
    pL->a = arena_alloc(c->pArena, sizeof(AstNode *) * pL->n);
    for (uint32_t k = 0; k < pL->n; k++) {
      pL->a[k] = mpVarNode(c, (uint32_t)pi->pPath->pList->a[k]->iSlot, pi->pPath->iOfst);
    }
    pBuild->pList = pL;
    pOp = op_project(c->pCtx, pOp, 1, &pi->iSlot, &pBuild);
  }
  pOp = mpApplyReady(m, pOp, true);
  return pOp;
}

void plan_pattern_vars(Compiler *c, AstList *pPattern) {
  MatchPlan m;
  memset(&m, 0, sizeof(m));
  m.c = c;
  mpBuild(&m, pPattern);
  mpFree(&m);
}

Op *plan_match(Compiler *c, Op *pInput, AstList *pPattern, AstNode *pWhere, bool bOptional) {
  return plan_match_ex(c, pInput, pPattern, pWhere, bOptional, NULL);
}

Op *plan_match_ex(Compiler *c, Op *pInput, AstList *pPattern, AstNode *pWhere, bool bOptional,
                  SlotList *pNewSlots) {
  MatchPlan m;
  memset(&m, 0, sizeof(m));
  m.c = c;
  if (!mpBuild(&m, pPattern)) {
    mpFree(&m);
    return NULL;
  }
  /* Predicates: property maps were added while building; then the WHERE
  ** conjuncts. Each is resolved here (slot references built above are
  ** already resolved and skipped). */
  mpBoundNodeLabels(&m);
  uint32_t nMapPreds = m.preds.n;
  if (pWhere) mpSplitAnd(&m, pWhere);
  for (uint32_t i = 0; i < m.preds.n; i++) {
    PPred *pr = &m.preds.a[i];
    TypeMask tm = check_expr(c, pr->pExpr, CK_PRED);
    if (c->pErr->code) {
      mpFree(&m);
      return NULL;
    }
    if (i >= nMapPreds && (tm & ~TM(VAL_NULL)) && !(tm & TM(VAL_BOOL))) {
      check_error(c, pr->pExpr, ERR_INVALID_ARGUMENT_TYPE_C, "WHERE needs a boolean");
      mpFree(&m);
      return NULL;
    }
    mpCollectDeps(&m, pr->pExpr, pr);
  }
  Op *pOp;
  if (bOptional) {
    Op *pInner = mpPlan(&m, op_argument(c->pCtx));
    if (pInner == NULL) {
      mpFree(&m);
      return NULL;
    }
    SlotList nulls;
    nulls.n = m.newSlots.n;
    nulls.a = arena_alloc(c->pArena, sizeof(uint32_t) * (nulls.n + 1));
    if (nulls.n) memcpy(nulls.a, m.newSlots.a, sizeof(uint32_t) * nulls.n);
    pOp = op_apply(c->pCtx, pInput, pInner, APPLY_OPTIONAL, &nulls);
  } else {
    pOp = mpPlan(&m, pInput);
  }
  if (pNewSlots) {
    pNewSlots->n = m.newSlots.n;
    pNewSlots->a = arena_alloc(c->pArena, sizeof(uint32_t) * (m.newSlots.n + 1));
    if (m.newSlots.n) memcpy(pNewSlots->a, m.newSlots.a, sizeof(uint32_t) * m.newSlots.n);
  }
  mpFree(&m);
  return pOp;
}
