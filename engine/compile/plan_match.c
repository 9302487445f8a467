/*
** plan_match.c — planning graph patterns (MATCH, OPTIONAL MATCH, pattern
** predicates, the match half of MERGE).
**
** A pattern is turned into a small graph of pattern nodes and pattern
** relationships, each with a row slot (anonymous ones get hidden slots).
** Its predicates — WHERE conjuncts, property maps, labels — each record the
** pattern slots they read. Consecutive MATCH clauses are planned as one
** pattern (they are one join; only relationship uniqueness stays per
** clause), so `MATCH (a) MATCH (a)-->(b)` costs what `MATCH (a)-->(b)` does.
**
** The order is chosen by cost. Statistics (stats.c) give the average
** number of relationships of each type per node of each label and the
** labels found at their ends; from them every step has an estimated output
** (rows) and work (adjacency entries read). Expansions are picked greedily
** by smallest output, which makes checks between two bound nodes ("expand
** into") come as early as possible; the starting node is chosen by
** simulating that greedy plan from every candidate and keeping the
** cheapest. A node bound from scratch starts by an id lookup, an index
** seek or a scan, whichever the estimates say is cheapest: the indexes'
** own statistics (index_est_*: exact counts for literal values, binary
** searches for literal bounds) weigh each applicable seek against a scan
** of the node's smallest label. Each predicate is applied as soon as its slots are bound —
** subquery predicates included, whose slots are the outer ones they read.
** Relationship uniqueness is enforced by the expansions (each knows the
** relationship slots of its clause bound before it).
*/
#include <math.h>

#include "compile/check.h"
#include "exec/op.h"
#include "store/index.h"
#include "parser.h"
#include "compile/plan.h"
#include "store/stats.h"
#include "syntax/walk.h"

typedef struct PNode {
  uint32_t iSlot;          /* row slot */
  bool bBound;             /* bound (before this pattern, or already planned) */
  uint32_t iBoundSeq;      /* order of binding while planning (0: before the pattern) */
  bool bHidden;            /* not part of the pipeline being planned (hash join build side) */
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
  uint32_t iClause;        /* which MATCH clause it came from (uniqueness scope) */
  QppSpec *pQpp;           /* a quantified path pattern (pAst is its AST_QPP), or NULL */
  uint32_t *aGroup;        /* its group variables' slots */
  uint32_t nGroup;
} PRel;

typedef struct PPred {
  AstNode *pExpr;          /* the predicate */
  VEC(uint32_t) deps;      /* pattern slots it reads */
  bool bSubquery;          /* contains a subquery */
  bool bVolatile;          /* calls rand() or another volatile function */
  bool bDone;              /* applied */
} PPred;

typedef struct PathInfo {
  AstNode *pPath;          /* the pattern part */
  uint32_t iSlot;          /* path variable slot */
  bool bShortest;
} PathInfo;

typedef struct MatchPlan {
  Compiler *c;
  const GraphStats *pStats;      /* for estimates */
  uint32_t iClause;              /* clause being built */
  uint32_t nBoundSeq;            /* nodes bound so far while emitting */
  bool bBuildSide;               /* planning a hash join's build side: */
  VEC(uint32_t) buildSlots;      /* only predicates reading these apply */
  VEC(PNode) nodes;
  VEC(PRel) rels;
  VEC(PPred) preds;
  VEC(PathInfo) paths;
  VEC(uint32_t) relsBound;       /* indexes of the relationships bound so far */
  VEC(uint32_t) newSlots;        /* slots this pattern declared (OPTIONAL nulls them) */
} MatchPlan;

static void mpFree(MatchPlan *m) {
  for (uint32_t i = 0; i < m->preds.n; i++) vec_free(&m->preds.a[i].deps);
  vec_free(&m->nodes);
  vec_free(&m->rels);
  vec_free(&m->preds);
  vec_free(&m->paths);
  vec_free(&m->relsBound);
  vec_free(&m->buildSlots);
  vec_free(&m->newSlots);
}

/* ---- Building the pattern graph ------------------------------------------- */


/* A reference to a row slot, already resolved (check_expr skips it). */
static void mpAndInto(Compiler *c, AstNode **pp, AstNode *b);
static AstNode *mpDynamicTypeTest(Compiler *c, uint32_t iRelSlot, const AstNode *pDyn);
static const AstNode *mpPatternTypes(const AstNode *pRelPat);

static AstNode *mpVarNode(Compiler *c, uint32_t iSlot, int iOfst) {
  AstNode *p = ast_new(c->pArena, AST_VAR, iOfst);
  p->flags = AST_F_SLOTREF;
  p->iSlot = (int32_t)iSlot;
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
      AstNode *pProp = ast_new(c->pArena, AST_PROP, pE->iOfst);
      pProp->p1 = mpVarNode(c, iSlot, pE->iOfst);
      pProp->z = pE->z;
      pProp->n = pE->n;
      pProp->iAux = (int32_t)check_key_id(c, pE->z, pE->n);
      AstNode *pEq = ast_new(c->pArena, AST_BINARY, pE->iOfst);
      pEq->op = TK_EQ;
      pEq->p1 = pProp;
      pEq->p2 = pE->p1;
      if (ppRelPred) {
        if (pAll == NULL) {
          pAll = pEq;
        } else {
          AstNode *pAnd = ast_new(c->pArena, AST_BINARY, pE->iOfst);
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
    AstNode *pMatch = ast_new(c->pArena, AST_PROPS_MATCH, pProps->iOfst);
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
  AstNode *p = ast_new(m->c->pArena, AST_HAS_LABELS, pn->pFirst->iOfst);
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
            AstNode *pAnd = ast_new(c->pArena, AST_LABEL_AND, pNode->iOfst);
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
  pr.iClause = m->iClause;
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
  bool bDynamicType = pRel->p1 && pRel->p1->kind == AST_LABEL_DYNAMIC;
  if (pRel->p2 || bDynamicType) {
    pr.iRelTmp = bVarLen ? check_new_slot(c) : pr.iSlot;
    mpPropPreds(m, pr.iRelTmp, pRel->p2, &pr.pRelPred);
    if (bDynamicType) mpAndInto(c, &pr.pRelPred, mpDynamicTypeTest(c, pr.iRelTmp, pRel->p1));
    if (check_expr(c, pr.pRelPred, 0) == 0 && c->pErr->code) return false;
  }
  vec_push(&m->rels, pr);
  return true;
}

/* -[r:$(e)]- or $any(e): the expansion takes every type and tests each
** relationship with FUNC_TYPE_MATCHES(r, e, any) (its relationship
** predicate); mpPatternTypes() then names no type. */
static AstNode *mpDynamicTypeTest(Compiler *c, uint32_t iRelSlot, const AstNode *pDyn) {
  AstNode *pCall = ast_new(c->pArena, AST_FUNC, pDyn->iOfst);
  pCall->z = FUNC_TYPE_MATCHES;
  pCall->n = (uint32_t)strlen(FUNC_TYPE_MATCHES);
  AstList *pArgs = arena_zalloc(c->pArena, sizeof(AstList));
  pArgs->n = pArgs->nAlloc = 3;
  pArgs->a = arena_alloc(c->pArena, sizeof(AstNode *) * 3);
  pArgs->a[0] = mpVarNode(c, iRelSlot, pDyn->iOfst);
  pArgs->a[1] = pDyn->p1;
  pArgs->a[2] = ast_new(c->pArena, AST_LITERAL, pDyn->iOfst);
  pArgs->a[2]->lit = value_bool(pDyn->op != 0);
  pCall->pList = pArgs;
  return pCall;
}

/* The types an expansion of a pattern relationship filters on: none for a
** dynamic type, which its relationship predicate tests instead. */
static const AstNode *mpPatternTypes(const AstNode *pRelPat) {
  const AstNode *p = pRelPat->p1;
  return p && p->kind == AST_LABEL_DYNAMIC ? NULL : p;
}

/* ---- Quantified path patterns ---------------------------------------------- */

typedef VEC(int64_t) TypeIdVec;
static bool mpTypes(Compiler *c, const AstNode *p, TypeIdVec *pOut);

/* What mpQppReadsNode checks: slots the group's predicate may not read. */
typedef struct MpQppRead {
  MatchPlan *m;
  const uint32_t *aOwn;    /* the group's singleton slots */
  uint32_t nOwn;
  const AstNode *pBad;     /* first offending reference */
} MpQppRead;

static int mpQppReadsNode(AstWalker *w, AstNode *p) {
  MpQppRead *r = w->pArg;
  if (p->kind != AST_VAR || p->iSlot < 0 || (p->flags & AST_F_SLOTREF)) return WALK_CONTINUE;
  for (uint32_t i = 0; i < r->nOwn; i++) {
    if (r->aOwn[i] == (uint32_t)p->iSlot) return WALK_CONTINUE;
  }
  if (mpIsNewSlot(r->m, (uint32_t)p->iSlot)) {
    r->pBad = p;
    return WALK_ABORT;
  }
  return WALK_CONTINUE;
}

/* ANDs b onto *pp. */
static void mpAndInto(Compiler *c, AstNode **pp, AstNode *b) {
  if (b == NULL) return;
  if (*pp == NULL) {
    *pp = b;
    return;
  }
  AstNode *pAnd = ast_new(c->pArena, AST_BINARY, b->iOfst);
  pAnd->op = TK_AND;
  pAnd->p1 = *pp;
  pAnd->p2 = b;
  *pp = pAnd;
}

/* A group variable: a new name, declared as a list outside the group. */
static bool mpGroupVar(MatchPlan *m, const AstNode *pElem, uint32_t *piGroup) {
  Compiler *c = m->c;
  *piGroup = UINT32_MAX;
  if (pElem->z == NULL) return true;
  if (check_lookup(c, pElem->z, pElem->n)) {
    check_error(c, pElem, ERR_VARIABLE_ALREADY_BOUND, pElem->z);
    return false;
  }
  if (c->bNoNewVars) {
    check_error(c, pElem, ERR_UNDEFINED_VARIABLE, pElem->z);
    return false;
  }
  Var *v = check_declare(c, pElem->z, pElem->n, VK_VALUE, TM(VAL_LIST) | TM(VAL_NULL));
  *piGroup = v->iSlot;
  vec_push(&m->newSlots, v->iSlot);
  return true;
}

/*
** Adds a quantified path pattern between pattern nodes iLeft and iRight:
** singleton slots for its inner variables, its predicate (inner labels,
** property maps and WHEREs) checked with the inner names meaning one
** iteration's node or relationship, then the names declared outside as
** group variables (lists). The predicate may read its own variables and
** those bound before the MATCH, as in Neo4j.
*/
static bool mpAddQpp(MatchPlan *m, AstNode *pQ, uint32_t iLeft, uint32_t iRight) {
  Compiler *c = m->c;
  AstList *pIn = pQ->pList;
  uint32_t nHop = pIn->n / 2;
  QppSpec *qs = arena_zalloc(c->pArena, sizeof(QppSpec));
  qs->nHop = nHop;
  qs->aHop = arena_zalloc(c->pArena, sizeof(ExpandSpec) * nHop);
  qs->aNodeSlot = arena_alloc(c->pArena, sizeof(uint32_t) * (nHop + 1));
  qs->aNodeGroup = arena_alloc(c->pArena, sizeof(uint32_t) * (nHop + 1));
  qs->aRelSlot = arena_alloc(c->pArena, sizeof(uint32_t) * nHop);
  qs->aRelGroup = arena_alloc(c->pArena, sizeof(uint32_t) * nHop);
  qs->iMin = pQ->i1;
  qs->iMax = pQ->i2;
  uint32_t *aOwn = arena_alloc(c->pArena, sizeof(uint32_t) * (pIn->n + 1));
  /* Singletons, visible in an inner scope only. */
  Scope *pInner = check_push_scope(c);
  AstNode *pPred = NULL;
  for (uint32_t i = 0; i < pIn->n; i++) {
    AstNode *e = pIn->a[i];
    uint32_t iSlot = check_new_slot(c);
    aOwn[i] = iSlot;
    e->iSlot = (int32_t)iSlot;
    bool bNode = (i % 2) == 0;
    if (e->z) {
      for (uint32_t k = 0; k < i; k++) {
        if (pIn->a[k]->z && strcmp(pIn->a[k]->z, e->z) == 0) {
          check_pop_scope(c);
          check_error(c, e, ERR_VARIABLE_ALREADY_BOUND, e->z);
          return false;
        }
      }
      check_bind(c, pInner, e->z, e->n, iSlot, bNode ? VK_NODE : VK_REL, TM(bNode ? VAL_NODE : VAL_REL));
    }
    if (bNode) {
      qs->aNodeSlot[i / 2] = iSlot;
      if (e->p1) {
        check_label_expr(c, e->p1, false);
        AstNode *pHas = ast_new(c->pArena, AST_HAS_LABELS, e->iOfst);
        pHas->p1 = mpVarNode(c, iSlot, e->iOfst);
        pHas->p2 = e->p1;
        mpAndInto(c, &pPred, pHas);
      }
      AstNode *pProps = NULL;
      mpPropPreds(m, iSlot, e->p2, &pProps);
      mpAndInto(c, &pPred, pProps);
    } else {
      ExpandSpec *h = &qs->aHop[i / 2];
      qs->aRelSlot[i / 2] = iSlot;
      h->iDir = e->op;
      h->iRelTmp = iSlot;
      h->iTo = UINT32_MAX;
      h->iPathSlot = UINT32_MAX;
      if (e->p1) check_label_expr(c, e->p1, true);
      TypeIdVec types = {0};
      if (!mpTypes(c, mpPatternTypes(e), &types)) {
        vec_free(&types);
        check_pop_scope(c);
        check_error(c, e, ERR_UNSUPPORTED, "this relationship type expression");
        return false;
      }
      h->nType = types.n;
      h->aType = types.n ? arena_alloc(c->pArena, sizeof(int64_t) * types.n) : NULL;
      if (types.n) memcpy(h->aType, types.a, sizeof(int64_t) * types.n);
      vec_free(&types);
      AstNode *pRelPred = NULL;
      mpPropPreds(m, iSlot, e->p2, &pRelPred);
      if (e->p1 && e->p1->kind == AST_LABEL_DYNAMIC) mpAndInto(c, &pRelPred, mpDynamicTypeTest(c, iSlot, e->p1));
      if (pRelPred && check_expr(c, pRelPred, 0) == 0 && c->pErr->code) {
        check_pop_scope(c);
        return false;
      }
      h->pRelPred = pRelPred;
    }
  }
  mpAndInto(c, &pPred, pQ->p1);
  if (pPred) {
    TypeMask tm = check_expr(c, pPred, CK_PRED);
    if (c->pErr->code == 0 && (tm & ~TM(VAL_NULL)) && !(tm & TM(VAL_BOOL))) {
      check_error(c, pQ->p1 ? pQ->p1 : pPred, ERR_INVALID_ARGUMENT_TYPE_C, "WHERE needs a boolean");
    }
  }
  check_pop_scope(c);
  if (c->pErr->code) return false;
  MpQppRead rd = {m, aOwn, pIn->n, NULL};
  AstWalker w = {mpQppReadsNode, NULL, &rd, 0};
  if (pPred && ast_walk(pPred, &w) == WALK_ABORT) {
    check_error(c, rd.pBad, ERR_SYNTAX,
                "a quantified path pattern may refer only to its own variables and to variables bound "
                "before this MATCH");
    return false;
  }
  qs->pPred = pPred;
  /* Group variables, outside. */
  PRel pr;
  memset(&pr, 0, sizeof(pr));
  pr.aGroup = arena_alloc(c->pArena, sizeof(uint32_t) * (pIn->n + 1));
  for (uint32_t i = 0; i < pIn->n; i++) {
    uint32_t *pG = i % 2 == 0 ? &qs->aNodeGroup[i / 2] : &qs->aRelGroup[i / 2];
    if (!mpGroupVar(m, pIn->a[i], pG)) return false;
    if (*pG != UINT32_MAX) pr.aGroup[pr.nGroup++] = *pG;
  }
  pr.pAst = pQ;
  pr.pQpp = qs;
  pr.iLeft = iLeft;
  pr.iRight = iRight;
  pr.iDir = DIR_OUT;
  pr.iClause = m->iClause;
  pr.iSlot = check_new_slot(c);   /* every relationship, in order */
  qs->iRelList = pr.iSlot;
  pQ->iSlot = (int32_t)pr.iSlot;
  vec_push(&m->newSlots, pr.iSlot);
  vec_push(&m->rels, pr);
  return true;
}

/* Emits a quantified path pattern from its left node (bound). */
static Op *mpExpandQpp(MatchPlan *m, Op *pOp, PRel *pr) {
  Compiler *c = m->c;
  PNode *pFrom = &m->nodes.a[pr->iLeft], *pTo = &m->nodes.a[pr->iRight];
  QppSpec *qs = pr->pQpp;
  qs->iFrom = pFrom->iSlot;
  qs->iTo = pTo->iSlot;
  qs->bInto = pTo->bBound;
  uint32_t iIntoSlot = UINT32_MAX;
  if (c->bReference && pTo->bBound) {
    iIntoSlot = pTo->iSlot;
    qs->iTo = check_new_slot(c);
    qs->bInto = false;
  }
  qs->pToLabels = !pTo->bBound && pTo->pLabels && !c->bReference ? mpLabelPred(m, pTo)->p2 : NULL;
  qs->exclude.a = arena_alloc(c->pArena, sizeof(uint32_t) * (m->relsBound.n + 1));
  qs->exclude.n = 0;
  for (uint32_t i = 0; i < m->relsBound.n; i++) {
    const PRel *pOther = &m->rels.a[m->relsBound.a[i]];
    if (pOther->iClause == pr->iClause) qs->exclude.a[qs->exclude.n++] = pOther->iSlot;
  }
  for (uint32_t i = 0; i < qs->nHop; i++) qs->aHop[i].exclude = qs->exclude;
  pOp = op_qpp(c->pCtx, pOp, qs);
  if (iIntoSlot != UINT32_MAX) {
    AstNode *pEq = ast_new(c->pArena, AST_BINARY, pr->pAst->iOfst);
    pEq->op = TK_EQ;
    pEq->p1 = mpVarNode(c, qs->iTo, pr->pAst->iOfst);
    pEq->p2 = mpVarNode(c, iIntoSlot, pr->pAst->iOfst);
    pOp = op_filter(c->pCtx, pOp, pEq);
  } else if (c->bReference && !pTo->bBound && pTo->pLabels) {
    pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pTo));
  }
  pr->bDone = true;
  if (!pTo->bBound) pTo->iBoundSeq = ++m->nBoundSeq;
  pTo->bBound = true;
  vec_push(&m->relsBound, (uint32_t)(pr - m->rels.a));
  return pOp;
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
      bool bOk = i == 0 ? true
                 : pChain->a[i - 1]->kind == AST_QPP
                     ? mpAddQpp(m, pChain->a[i - 1], (uint32_t)iPrev, (uint32_t)iNode)
                     : mpAddRel(m, pChain->a[i - 1], (uint32_t)iPrev, (uint32_t)iNode, pPath->flags);
      if (!bOk) return false;
      iPrev = iNode;
    }
    if (pPath->flags & (AST_F_SHORTEST | AST_F_ALL_SHORTEST)) {
      if (pChain->n != 3 || pChain->a[1]->kind == AST_QPP) {
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
    for (uint32_t k = 0; k < m->rels.a[i].nGroup; k++) {
      if (m->rels.a[i].aGroup[k] == iSlot) return true;
    }
  }
  for (uint32_t i = 0; i < m->paths.n; i++) {
    if (m->paths.a[i].iSlot == iSlot) return true;
  }
  return false;
}

/* What the dependency walks fill in. */
typedef struct MpDepWalk {
  MatchPlan *m;
  PPred *pr;
} MpDepWalk;

/* Inside a subquery: its own variables have slots of their own, so any
** slot of this pattern found inside is a read. */
static int mpSubqueryDepNode(AstWalker *w, AstNode *p) {
  MpDepWalk *d = w->pArg;
  if (p->iSlot >= 0 && mpIsPatternSlot(d->m, (uint32_t)p->iSlot)) vec_push(&d->pr->deps, (uint32_t)p->iSlot);
  return WALK_CONTINUE;
}

/* Outside: variables and slot references read their slot; a subquery
** marks the predicate and is searched as a whole. */
static int mpDepNode(AstWalker *w, AstNode *p) {
  MpDepWalk *d = w->pArg;
  if (p->kind == AST_EXISTS || p->kind == AST_COUNT_SUB || p->kind == AST_COLLECT_SUB || p->kind == AST_PATTERN_EXPR ||
      p->kind == AST_PATTERN_COMP) {
    d->pr->bSubquery = true;
    AstWalker sub = {mpSubqueryDepNode, NULL, d, 0};
    ast_walk(p, &sub);
    return WALK_PRUNE;
  }
  if ((p->kind == AST_VAR || (p->flags & AST_F_SLOTREF) || p->kind == AST_MP_VAR) && p->iSlot >= 0 &&
      mpIsPatternSlot(d->m, (uint32_t)p->iSlot)) {
    vec_push(&d->pr->deps, (uint32_t)p->iSlot);
  }
  return WALK_CONTINUE;
}

/* Collects the pattern slots an expression reads into pr->deps. */
static void mpCollectDeps(MatchPlan *m, const AstNode *p, PPred *pr) {
  MpDepWalk d = {m, pr};
  AstWalker w = {mpDepNode, NULL, &d, 0};
  ast_walk((AstNode *)p, &w);
}

/* An AND goes on to its operands; anything else is one conjunct. */
static int mpSplitAndNode(AstWalker *w, AstNode *p) {
  if (p->kind == AST_BINARY && p->op == TK_AND) return WALK_CONTINUE;
  mpAddPred(w->pArg, p);
  return WALK_PRUNE;
}

/* Splits a WHERE expression into its AND-ed conjuncts, left to right. */
static void mpSplitAnd(MatchPlan *m, AstNode *p) {
  AstWalker w = {mpSplitAndNode, NULL, m, 0};
  ast_walk(p, &w);
}

static bool mpSlotBound(const MatchPlan *m, uint32_t iSlot) {
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    if (m->nodes.a[i].iSlot == iSlot) return m->nodes.a[i].bBound;
  }
  for (uint32_t i = 0; i < m->rels.n; i++) {
    if (m->rels.a[i].iSlot == iSlot) return m->rels.a[i].bDone || m->rels.a[i].bBoundBefore;
    for (uint32_t k = 0; k < m->rels.a[i].nGroup; k++) {
      if (m->rels.a[i].aGroup[k] == iSlot) return m->rels.a[i].bDone;
    }
  }
  return false;   /* path slots: bound at the end */
}

static bool mpPredReady(const MatchPlan *m, const PPred *pr, bool bFinal) {
  if (bFinal) return true;   /* everything is bound at the end */
  /* A volatile predicate is drawn anew for each row of the whole pattern,
  ** so it waits for the end: placed early, `rand() < 0.5` would keep or
  ** drop a whole cartesian product at once. */
  if (pr->bVolatile) return false;
  for (uint32_t i = 0; i < pr->deps.n; i++) {
    if (!mpSlotBound(m, pr->deps.a[i])) return false;
  }
  return true;
}

/* `[NOT] EXISTS { (a)-[:T]-(b) }` (or a pattern predicate) whose subquery
** is a single check between two bound nodes becomes that check itself, a
** semi- or anti-join Expand, instead of a subquery run per row. Returns
** NULL when the predicate has another shape. */
static Op *mpExistsJoin(MatchPlan *m, Op *pOp, const AstNode *p) {
  bool bAnti = false;
  if (p->kind == AST_UNARY && p->op == TK_NOT) {
    bAnti = true;
    p = p->p1;
  }
  if ((p->kind != AST_EXISTS && p->kind != AST_PATTERN_EXPR) || p->pPlan == NULL) return NULL;
  Op *pRoot = ((const SubPlan *)p->pPlan)->pRoot;
  ExpandSpec *s = op_expand_spec(pRoot);
  if (s == NULL || !s->bInto || !op_is_argument(pRoot->pChild)) return NULL;
  Op *pJoin = op_expand(m->c->pCtx, pOp, s);
  op_expand_exists(pJoin, bAnti);
  return pJoin;
}

/* The slots mpReadsOnly accepts. */
typedef struct MpSlotSet {
  const uint32_t *aSlot;
  uint32_t nSlot;
} MpSlotSet;

static int mpReadsOnlyNode(AstWalker *w, AstNode *p) {
  const MpSlotSet *pSet = w->pArg;
  if (p->iSlot < 0) return WALK_CONTINUE;
  for (uint32_t i = 0; i < pSet->nSlot; i++) {
    if (pSet->aSlot[i] == (uint32_t)p->iSlot) return WALK_CONTINUE;
  }
  return WALK_ABORT;
}

/* Does every slot reference in p (anywhere inside) name one of aSlot? */
static bool mpReadsOnly(const AstNode *p, const uint32_t *aSlot, uint32_t nSlot) {
  MpSlotSet set = {aSlot, nSlot};
  AstWalker w = {mpReadsOnlyNode, NULL, &set, 0};
  return ast_walk((AstNode *)p, &w) != WALK_ABORT;
}

/* Can predicate pr be applied now? On a build side only when it reads
** nothing but the build side's own slots (the rest are not set there). */
static bool mpPredApplicable(const MatchPlan *m, const PPred *pr, bool bFinal) {
  if (pr->bDone || !mpPredReady(m, pr, bFinal)) return false;
  return !m->bBuildSide || mpReadsOnly(pr->pExpr, m->buildSlots.a, m->buildSlots.n);
}

/* Adds filters for every predicate whose slots are now bound. */
static Op *mpApplyReady(MatchPlan *m, Op *pOp, bool bFinal) {
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    if (!mpPredApplicable(m, pr, bFinal)) continue;
    pr->bDone = true;
    Op *pJoin = pr->bSubquery && !m->c->bReference ? mpExistsJoin(m, pOp, pr->pExpr) : NULL;
    pOp = pJoin ? pJoin : op_filter(m->c->pCtx, pOp, pr->pExpr);
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
  bool bOk = !tmp.bSubquery;
  for (uint32_t i = 0; bOk && i < tmp.deps.n; i++) {
    if (!mpSlotBound(m, tmp.deps.a[i])) bOk = false;
  }
  vec_free(&tmp.deps);
  return bOk;
}

/* Does the node's label expression require label? */
static bool mpRequiresLabel(const PNode *pn, uint32_t label) {
  const AstNode *pL = pn->pLabels;
  while (pL) {
    if (pL->kind == AST_LABEL) return pL->iAux == (int32_t)label;
    if (pL->kind != AST_LABEL_AND) return false;
    if (pL->p2->kind == AST_LABEL && pL->p2->iAux == (int32_t)label) return true;
    pL = pL->p1;
  }
  return false;
}

/* A seek on one key: what it must pass and the predicates that say so. */
typedef struct MpKeySeek {
  IndexSeek seek;
  PPred *pr, *pr2;         /* the predicates it serves (pr2: a range's other bound) */
  AstNode *pConj;          /* or the property map conjunct it serves (pr NULL) */
  int rank;                /* lower is more selective: = 0, IN 1, range 2, prefix 3, one bound 4,
                              IS NOT NULL 5, CONTAINS / ENDS WITH 6, point box or distance 7 */
} MpKeySeek;

/* An index seek the planner may use for a pattern node. */
typedef struct MpIndexUse {
  uint32_t label;
  uint32_t nKey;
  const uint32_t *aKey;    /* the index's keys (read at once: the op copies them) */
  MpKeySeek aPart[INDEX_MAX_KEYS];
  int rank;                /* the first key's rank; -1 for = on every key of a composite index */
  const PropIndex *pIdx;   /* the index */
  double est;              /* entries it is expected to find (mpUseEstimate) */
} MpIndexUse;

static double mpUseEstimate(const MpIndexUse *pu);

/* The property key of `n.key` on node slot iSlot, or -1. */
static int64_t mpPropOf(const AstNode *p, uint32_t iSlot) {
  if (p->kind != AST_PROP || p->p1->kind != AST_VAR || p->p1->iSlot != (int32_t)iSlot || p->iAux < 0) {
    return -1;
  }
  return p->iAux;
}

/* Reads predicate p as a seek on n.key: its mode (and bound side) in *pu.
** Returns the key, or -1 when p is not such a predicate. */
static int64_t mpSeekShape(MatchPlan *m, const AstNode *p, uint32_t iSlot, MpKeySeek *pu, bool *pbLower) {
  /* point.withinBBox(n.p, lowerLeft, upperRight) */
  if (p->kind == AST_FUNC && p->z && strcasecmp(p->z, "point.withinBBox") == 0 && p->pList && p->pList->n == 3 &&
      mpIndependent(m, p->pList->a[1]) && mpIndependent(m, p->pList->a[2])) {
    pu->seek.mode = SEEK_POINT_BBOX;
    pu->seek.pLo = p->pList->a[1];
    pu->seek.pHi = p->pList->a[2];
    pu->rank = 7;
    return mpPropOf(p->pList->a[0], iSlot);
  }
  /* point.distance(n.p, q) < r, <= r; r > point.distance(q, n.p) ... */
  if (p->kind == AST_BINARY && (p->op == TK_LT || p->op == TK_LE || p->op == TK_GT || p->op == TK_GE)) {
    bool bFnLeft = p->op == TK_LT || p->op == TK_LE;
    const AstNode *pFn = bFnLeft ? p->p1 : p->p2, *pR = bFnLeft ? p->p2 : p->p1;
    if (pFn->kind == AST_FUNC && pFn->z && strcasecmp(pFn->z, "point.distance") == 0 && pFn->pList &&
        pFn->pList->n == 2 && mpIndependent(m, pR)) {
      for (int i = 0; i < 2; i++) {
        int64_t key = mpPropOf(pFn->pList->a[i], iSlot);
        if (key < 0 || !mpIndependent(m, pFn->pList->a[1 - i])) continue;
        pu->seek.mode = SEEK_POINT_DIST;
        pu->seek.pValue = pFn->pList->a[1 - i];
        pu->seek.pHi = pR;
        pu->seek.bHiIncl = p->op == TK_LE || p->op == TK_GE;
        pu->rank = 7;
        return key;
      }
    }
  }
  if (p->kind == AST_IS_NULL && (p->flags & AST_F_NOT)) {
    pu->seek.mode = SEEK_EXISTS;
    pu->rank = 5;
    return mpPropOf(p->p1, iSlot);
  }
  if (p->kind != AST_BINARY) return -1;
  for (int side = 0; side < 2; side++) {
    const AstNode *pProp = side ? p->p2 : p->p1, *pVal = side ? p->p1 : p->p2;
    int64_t key = mpPropOf(pProp, iSlot);
    if (key < 0 || !mpIndependent(m, pVal)) continue;
    int op = p->op;
    if (side) {
      /* v < n.p is n.p > v. */
      if (op == TK_LT) op = TK_GT;
      else if (op == TK_GT) op = TK_LT;
      else if (op == TK_LE) op = TK_GE;
      else if (op == TK_GE) op = TK_LE;
      else if (op != TK_EQ) continue;   /* 'x' STARTS WITH n.p is no seek */
    }
    switch (op) {
      case TK_EQ: pu->seek.mode = SEEK_EQ; pu->seek.pValue = pVal; pu->rank = 0; return key;
      case TK_IN: pu->seek.mode = SEEK_IN; pu->seek.pValue = pVal; pu->rank = 1; return key;
      case TK_STARTS: pu->seek.mode = SEEK_PREFIX; pu->seek.pValue = pVal; pu->rank = 3; return key;
      case TK_CONTAINS: pu->seek.mode = SEEK_CONTAINS; pu->seek.pValue = pVal; pu->rank = 6; return key;
      case TK_ENDS: pu->seek.mode = SEEK_ENDS; pu->seek.pValue = pVal; pu->rank = 6; return key;
      case TK_GT: case TK_GE:
        pu->seek.mode = SEEK_RANGE;
        pu->seek.pLo = pVal;
        pu->seek.bLoIncl = op == TK_GE;
        *pbLower = true;
        pu->rank = 4;
        return key;
      case TK_LT: case TK_LE:
        pu->seek.mode = SEEK_RANGE;
        pu->seek.pHi = pVal;
        pu->seek.bHiIncl = op == TK_LE;
        *pbLower = false;
        pu->rank = 4;
        return key;
      default: break;
    }
  }
  return -1;
}

/* Can an index of this kind serve a seek of this mode? A text index serves
** CONTAINS and ENDS WITH, a point index bounding boxes and distances, a
** range index the rest. */
static bool mpModeFits(int kind, int mode) {
  bool bText = mode == SEEK_CONTAINS || mode == SEEK_ENDS;
  bool bPoint = mode == SEEK_POINT_BBOX || mode == SEEK_POINT_DIST;
  return kind == IDX_TEXT ? bText : kind == IDX_POINT ? bPoint : !bText && !bPoint;
}

/* Does the seek find exactly what its predicate keeps (not only candidates)? */
static bool mpSeekExact(const MpKeySeek *pu) {
  return pu->seek.mode != SEEK_POINT_BBOX && pu->seek.mode != SEEK_POINT_DIST;
}

/* Most conjuncts of a relationship's property map looked at for a seek. */
#define MP_MAX_CONJ 32

/* The AND-ed conjuncts of p, up to MP_MAX_CONJ, into ap; their count. */
static uint32_t mpConjuncts(AstNode *p, AstNode **ap, uint32_t n) {
  if (p == NULL || n >= MP_MAX_CONJ) return n;
  if (p->kind == AST_BINARY && p->op == TK_AND) return mpConjuncts(p->p2, ap, mpConjuncts(p->p1, ap, n));
  ap[n++] = p;
  return n;
}

/* The most selective seek on the property key of the entity in slot iSlot
** (a pattern node or relationship): one predicate, or a lower and an upper
** bound from two. pExtra (may be NULL): a relationship's property map
** predicate, whose conjuncts serve too (with pr NULL: the filter that
** tests the map stays). False when no predicate fits. */
static bool mpKeySeek(MatchPlan *m, uint32_t iSlot, uint32_t key, int kind, AstNode *pExtra, MpKeySeek *pBest) {
  bool bFound = false;
  AstNode *apConj[MP_MAX_CONJ];
  uint32_t nConj = mpConjuncts(pExtra, apConj, 0);
  for (uint32_t i = 0; i < nConj; i++) {
    MpKeySeek u;
    memset(&u, 0, sizeof(u));
    bool bLower = false;
    if (mpSeekShape(m, apConj[i], iSlot, &u, &bLower) != (int64_t)key || !mpModeFits(kind, u.seek.mode)) {
      continue;
    }
    u.pConj = apConj[i];
    if (!bFound || u.rank < pBest->rank) {
      *pBest = u;
      bFound = true;
    }
  }
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    if (pr->bDone || pr->bVolatile || pr->bSubquery) continue;
    MpKeySeek u;
    memset(&u, 0, sizeof(u));
    bool bLower = false;
    if (mpSeekShape(m, pr->pExpr, iSlot, &u, &bLower) != (int64_t)key) continue;
    if (!mpModeFits(kind, u.seek.mode)) continue;
    u.pr = pr;
    if (u.seek.mode == SEEK_RANGE) {
      /* The other bound, from another predicate on the same key. */
      for (uint32_t k = 0; k < m->preds.n; k++) {
        PPred *pr2 = &m->preds.a[k];
        if (pr2 == pr || pr2->bDone || pr2->bVolatile || pr2->bSubquery) continue;
        MpKeySeek u2;
        memset(&u2, 0, sizeof(u2));
        bool bLower2 = false;
        if (mpSeekShape(m, pr2->pExpr, iSlot, &u2, &bLower2) != (int64_t)key || u2.seek.mode != SEEK_RANGE ||
            bLower2 == bLower) {
          continue;
        }
        if (bLower2) {
          u.seek.pLo = u2.seek.pLo;
          u.seek.bLoIncl = u2.seek.bLoIncl;
        } else {
          u.seek.pHi = u2.seek.pHi;
          u.seek.bHiIncl = u2.seek.bHiIncl;
        }
        u.pr2 = pr2;
        u.rank = 2;
        break;
      }
    }
    if (!bFound || u.rank < pBest->rank) {
      *pBest = u;
      bFound = true;
    }
  }
  return bFound;
}

/* Is seek a better than seek b: fewer expected entries, or as many and a
** more selective kind of predicate? */
static bool mpUseBetter(const MpIndexUse *a, const MpIndexUse *b) {
  if (a->est != b->est) return a->est < b->est;
  return a->rank < b->rank;
}

/* Can index pIdx serve the entity in slot iSlot (every key a seek of
** kind `kind`, = on the first of a composite)? If so and it beats *pBest
** (or bHave is false: nothing yet), *pBest becomes it. True when it did. */
static bool mpTryIndex(MatchPlan *m, uint32_t iSlot, const PropIndex *pIdx, int kind, AstNode *pExtra,
                       MpIndexUse *pBest, bool bHave) {
  MpIndexUse u;
  memset(&u, 0, sizeof(u));
  u.label = pIdx->label;
  u.nKey = pIdx->keys.n;
  u.aKey = pIdx->keys.a;
  bool bAll = true, bAllEq = true;
  for (uint32_t j = 0; j < u.nKey && bAll; j++) {
    bAll = mpKeySeek(m, iSlot, pIdx->keys.a[j], kind, pExtra, &u.aPart[j]);
    if (bAll && u.aPart[j].rank != 0) bAllEq = false;
  }
  if (!bAll || (u.nKey > 1 && u.aPart[0].rank != 0)) return false;
  u.rank = u.nKey > 1 ? (bAllEq ? -1 : 1) : u.aPart[0].rank;
  u.pIdx = pIdx;
  u.est = mpUseEstimate(&u);
  if (bHave && !mpUseBetter(&u, pBest)) return false;
  *pBest = u;
  return true;
}

/* Finds the most selective index seek for pattern node pn: predicates on
** n.key (=, IN, <, <=, >, >=, a range from two of them, STARTS WITH,
** IS NOT NULL) whose value side is independent of unbound slots, with a
** range index on (label, key) for a label the node requires. A composite
** index needs a predicate on every key (it holds only nodes having all
** of them), = on the first. Among several indexes the one expected to
** find the fewest entries wins (mpUseEstimate). */
static bool mpIndexPred(MatchPlan *m, const PNode *pn, MpIndexUse *pBest) {
  Graph *g = m->c->pGraph;
  if (g->pIndexes->aIndex.n == 0 || pn->pLabels == NULL) return false;
  bool bFound = false;
  for (uint32_t k = 0; k < g->pIndexes->aIndex.n; k++) {
    const PropIndex *pIdx = g->pIndexes->aIndex.a[k];
    if (pIdx->ent != ENT_NODE || !pIdx->bPostings || !mpRequiresLabel(pn, pIdx->label)) continue;
    bFound |= mpTryIndex(m, pn->iSlot, pIdx, pIdx->kind, NULL, pBest, bFound);
  }
  return bFound;
}

/* Finds `id(n) = expr` for node slot iSlot. */
static PPred *mpIdPred(MatchPlan *m, uint32_t iSlot, AstNode **ppValue) {
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    AstNode *p = pr->pExpr;
    if (pr->bDone || pr->bVolatile || p->kind != AST_BINARY || p->op != TK_EQ) continue;
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

/* ---- Choosing how to start: seeks against scans --------------------------- */

/* The value of p when it is a literal (known now, unlike a parameter). */
static const Value *mpConst(const AstNode *p) { return p && p->kind == AST_LITERAL ? &p->lit : NULL; }

/* Most IN list items looked up one by one for an estimate. */
#define MP_EST_IN_ITEMS 64

/* Entries the seek on one key finds in single-key index pIdx: counted
** from the index (index_est_*) when the values are literals, else a
** share of its entries: a tenth for two bounds or a prefix, a third for
** one bound, five values' worth for an IN list not written out. */
static double mpPartEstimate(const PropIndex *pIdx, const MpKeySeek *pk) {
  double nAll = (double)pIdx->nEntries, avg = index_est_avg(pIdx);
  const IndexSeek *q = &pk->seek;
  const Value *v = mpConst(q->pValue), *lo = mpConst(q->pLo), *hi = mpConst(q->pHi);
  switch (q->mode) {
    case SEEK_EQ: return v ? index_est_eq(pIdx, v) : avg;
    case SEEK_IN:
      if (q->pValue->kind == AST_LIST && q->pValue->pList) {
        const AstList *pL = q->pValue->pList;
        double n = 0;
        for (uint32_t i = 0; i < pL->n; i++) {
          const Value *pItem = i < MP_EST_IN_ITEMS ? mpConst(pL->a[i]) : NULL;
          n += pItem ? index_est_eq(pIdx, pItem) : avg;
        }
        return TG_MIN(n, nAll);
      }
      return TG_MIN(5 * avg, nAll);
    case SEEK_RANGE:
      if ((q->pLo == NULL || lo) && (q->pHi == NULL || hi)) {
        return index_est_range(pIdx, lo, q->bLoIncl, hi, q->bHiIncl);
      }
      return q->pLo && q->pHi ? nAll / 10 : nAll / 3;
    case SEEK_PREFIX: return v ? index_est_prefix(pIdx, v) : nAll / 10;
    case SEEK_EXISTS: return nAll;
    case SEEK_CONTAINS: case SEEK_ENDS: return nAll / 5;
    default: return nAll / 4;   /* point boxes and distances */
  }
}

/* The share of a composite index's entries past its leading keys that
** the seek on one more key keeps (a rough guess: the index is sorted on
** the leading keys first). */
static double mpPartShare(const MpKeySeek *pk) {
  switch (pk->seek.mode) {
    case SEEK_EQ: return 0.1;
    case SEEK_IN: return 0.3;
    case SEEK_RANGE: return pk->seek.pLo && pk->seek.pHi ? 0.1 : 1.0 / 3;
    case SEEK_PREFIX: return 0.1;
    default: return 1;
  }
}

/* Entries index seek *pu is expected to find. A composite index: the
** entries sharing the leading = values written as literals, counted from
** the index, then a share for each other key; without such a value an
** average posting (= on every key) or ten (= on the first key only). */
static double mpUseEstimate(const MpIndexUse *pu) {
  const PropIndex *pIdx = pu->pIdx;
  if (pIdx == NULL) return 0;
  if (pu->nKey == 1) return mpPartEstimate(pIdx, &pu->aPart[0]);
  Value aItem[INDEX_MAX_KEYS];
  uint32_t nLead = 0;
  while (nLead < pu->nKey && pu->aPart[nLead].seek.mode == SEEK_EQ) {
    const Value *v = mpConst(pu->aPart[nLead].seek.pValue);
    if (v == NULL) break;
    aItem[nLead++] = *v;
  }
  if (nLead == 0) {
    double avg = index_est_avg(pIdx);
    return pu->rank == -1 ? avg : TG_MIN(10 * avg, (double)pIdx->nEntries);
  }
  double n = index_est_list_prefix(pIdx, aItem, nLead);
  for (uint32_t j = nLead; j < pu->nKey; j++) n *= mpPartShare(&pu->aPart[j]);
  return n;
}

/* Work per node of a scan, against 1 per entry an index seek takes: the
** scan reads each node and then tests the predicates the seek would have
** served (a property look-up each). Measured with PROFILE on 300000 :P
** nodes that all have the key: `IS NOT NULL` by the seek 23-36 ms, by
** the label scan and its filter 95 ms. So a seek beats a scan of its own
** label even when it finds every node, and loses to a scan of a label
** under a third of its size. */
#define MP_SCAN_NODE_COST 3.0

/* Would seek *pu give pattern node pn's rows in the order the projection
** after the pattern sorts by (Compiler.pOrderHint, op_index_seek_provide_order)? */
static bool mpGivesHintedOrder(const MatchPlan *m, const PNode *pn, const MpIndexUse *pu) {
  const Compiler *c = m->c;
  const AstNode *pHint = c->pOrderHint, *pVar = pHint ? pHint->p1 : NULL;
  if (pHint == NULL || pu->nKey != 1) return false;
  const IndexSeek *q = &pu->aPart[0].seek;
  if (q->mode != SEEK_EQ && q->mode != SEEK_RANGE && q->mode != SEEK_PREFIX && q->mode != SEEK_EXISTS) return false;
  const char *zVar = pn->iSlot < c->slotNames.n ? c->slotNames.a[pn->iSlot] : NULL;
  const char *zKey = intern_name(&c->pGraph->keys, pu->aKey[0]);
  return zVar && strlen(zVar) == pVar->n && memcmp(zVar, pVar->z, pVar->n) == 0 && strlen(zKey) == pHint->n &&
         memcmp(zKey, pHint->z, pHint->n) == 0;
}

/* How a pattern node is best bound from scratch. */
typedef enum MpStartKind { MP_START_ID, MP_START_SEEK, MP_START_LABEL, MP_START_ALL } MpStartKind;

typedef struct MpStart {
  MpStartKind kind;
  double rows;             /* nodes it is expected to yield */
  double cost;             /* and the work */
  double nScan;            /* nodes a scan would read */
  int64_t label;           /* MP_START_LABEL: the label scanned */
  MpIndexUse use;          /* MP_START_SEEK: the seek; else the best seek lost (use.pIdx NULL: none) */
} MpStart;

/* Chooses between an id lookup, the most selective index seek, a scan of
** the node's smallest required label and a scan of every node, by
** estimated work. */
static MpStart mpChooseNodeStart(MatchPlan *m, const PNode *pn) {
  const Graph *g = m->c->pGraph;
  MpStart st;
  memset(&st, 0, sizeof(st));
  AstNode *pValue;
  if (mpIdPred(m, pn->iSlot, &pValue)) {
    st.kind = MP_START_ID;
    st.rows = st.cost = 1;
    return st;
  }
  st.label = mpScanLabel(g, pn->pLabels);
  if (st.label >= 0) {
    st.kind = MP_START_LABEL;
    st.rows = graph_label_count(g, (uint32_t)st.label);
  } else {
    st.kind = MP_START_ALL;
    st.rows = g->nNodeLive;
  }
  st.nScan = st.rows;
  /* A scan starts for 1 as a seek does: on an empty label the seek wins
  ** the tie, so a plan made before the data comes (and cached) uses the
  ** index. */
  st.cost = 1 + st.rows * MP_SCAN_NODE_COST;
  if (st.kind == MP_START_ALL || pn->pLabels->kind != AST_LABEL) st.rows = mpLabelEstimate(g, pn->pLabels);
  if (mpIndexPred(m, pn, &st.use)) {
    double cost = 1 + st.use.est;
    /* A scan would need the sort this seek's order saves (of no more rows
    ** than either yields). */
    if (mpGivesHintedOrder(m, pn, &st.use)) {
      double nSort = TG_MIN(st.rows, st.use.est);
      st.cost += nSort * log2(2 + nSort);
    }
    if (cost <= st.cost) {
      st.kind = MP_START_SEEK;
      st.rows = st.use.est;
      st.cost = cost;
    }
  }
  return st;
}

/* Emits the cheapest way to bind pattern node pn (mpChooseNodeStart). */
static Op *mpBindNode(MatchPlan *m, Op *pOp, PNode *pn) {
  Compiler *c = m->c;
  AstNode *pValue;
  PPred *pr = NULL;
  if (c->bReference) {
    pOp = op_all_nodes(c->pCtx, pOp, pn->iSlot);
    if (pn->pLabels) pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
    pn->bBound = true;
    pn->iBoundSeq = ++m->nBoundSeq;
    return pOp;
  }
  MpStart st = mpChooseNodeStart(m, pn);
  if (st.kind == MP_START_ID && (pr = mpIdPred(m, pn->iSlot, &pValue)) != NULL) {
    pr->bDone = true;
    pOp = op_node_by_id(c->pCtx, pOp, pn->iSlot, pValue, false);
    if (pn->pLabels) pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
  } else if (st.kind == MP_START_SEEK) {
    MpIndexUse *pu = &st.use;
    IndexSeek aSeek[INDEX_MAX_KEYS];
    for (uint32_t j = 0; j < pu->nKey; j++) {
      /* A point seek gives candidates: its predicate stays a filter. */
      if (pu->aPart[j].pr && mpSeekExact(&pu->aPart[j])) pu->aPart[j].pr->bDone = true;
      if (pu->aPart[j].pr2) pu->aPart[j].pr2->bDone = true;
      aSeek[j] = pu->aPart[j].seek;
    }
    pOp = op_index_seek(c->pCtx, pOp, pn->iSlot, pu->label, pu->nKey, pu->aKey, aSeek);
    op_set_estimate(pOp, st.rows, NULL, 0);
    if (pn->pLabels && !(pn->pLabels->kind == AST_LABEL && pn->pLabels->iAux == (int32_t)pu->label)) {
      pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
    }
  } else {
    /* A scan; when it beat an index seek, EXPLAIN says which and why. */
    if (st.label >= 0) {
      pOp = op_label_scan(c->pCtx, pOp, pn->iSlot, (uint32_t)st.label);
    } else {
      pOp = op_all_nodes(c->pCtx, pOp, pn->iSlot);
    }
    if (st.use.pIdx) op_set_estimate(pOp, st.nScan, st.use.pIdx->zName, st.use.est);
    if (pn->pLabels && (st.label < 0 || pn->pLabels->kind != AST_LABEL)) {
      pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
    }
  }
  pn->bBound = true;
  pn->iBoundSeq = ++m->nBoundSeq;
  return pOp;
}

/* ---- Expansions ------------------------------------------------------------ */

/* Adds a type name's id to the TypeIdVec in w->pArg, once; gives up on
** anything but names joined by |. */
static int mpTypesNode(AstWalker *w, AstNode *p) {
  TypeIdVec *pOut = w->pArg;
  if (p->kind == AST_LABEL_OR) return WALK_CONTINUE;
  if (p->kind != AST_LABEL) return WALK_ABORT;
  for (uint32_t i = 0; i < pOut->n; i++) {
    if (pOut->a[i] == p->iAux) return WALK_PRUNE;
  }
  vec_push(pOut, (int64_t)p->iAux);
  return WALK_PRUNE;
}

/* The relationship types of a type expression (names joined by |), each
** once, in the order written. Returns false for expressions an expansion
** cannot filter by id. */
static bool mpTypes(Compiler *c, const AstNode *p, TypeIdVec *pOut) {
  (void)c;
  AstWalker w = {mpTypesNode, NULL, pOut, 0};
  return ast_walk((AstNode *)p, &w) != WALK_ABORT;
}

/* Can one relationship match both patterns? Not when both name their
** types and no type is common (then uniqueness needs no check). */
static bool mpTypesMayOverlap(Compiler *c, const PRel *pA, const PRel *pB) {
  TypeIdVec a = {0}, b = {0};
  bool bOverlap = true;
  if (pA->pAst->p1 && pB->pAst->p1 && mpTypes(c, pA->pAst->p1, &a) && mpTypes(c, pB->pAst->p1, &b)) {
    bOverlap = false;
    for (uint32_t i = 0; i < a.n && !bOverlap; i++) {
      for (uint32_t k = 0; k < b.n; k++) {
        if (a.a[i] >= 0 && a.a[i] == b.a[k]) bOverlap = true;
      }
    }
  }
  vec_free(&a);
  vec_free(&b);
  return bOverlap;
}

/* Fills a spec's relationship types and its uniqueness list (the
** relationships of pr's clause bound before it). False on error. */
static bool mpSpecTypes(MatchPlan *m, const PRel *pr, ExpandSpec *pSpec) {
  Compiler *c = m->c;
  TypeIdVec types = {0};
  if (!mpTypes(c, mpPatternTypes(pr->pAst), &types)) {
    vec_free(&types);
    check_error(c, pr->pAst, ERR_UNSUPPORTED, "this relationship type expression");
    return false;
  }
  pSpec->nType = types.n;
  pSpec->aType = types.n ? arena_alloc(c->pArena, sizeof(int64_t) * types.n) : NULL;
  if (types.n) memcpy(pSpec->aType, types.a, sizeof(int64_t) * types.n);
  vec_free(&types);
  pSpec->exclude.a = arena_alloc(c->pArena, sizeof(uint32_t) * (m->relsBound.n + 1));
  pSpec->exclude.n = 0;
  for (uint32_t i = 0; i < m->relsBound.n; i++) {
    const PRel *pOther = &m->rels.a[m->relsBound.a[i]];
    if (pOther->iClause == pr->iClause && mpTypesMayOverlap(c, pr, pOther)) {
      pSpec->exclude.a[pSpec->exclude.n++] = pOther->iSlot;
    }
  }
  return true;
}

/* Emits the expansion of pr from its bound end (both may be bound). */
static Op *mpExpand(MatchPlan *m, Op *pOp, PRel *pr) {
  Compiler *c = m->c;
  if (pr->pQpp) return mpExpandQpp(m, pOp, pr);
  PNode *pL = &m->nodes.a[pr->iLeft], *pR = &m->nodes.a[pr->iRight];
  bool bFromLeft = pL->bBound;
  /* A check between two bound nodes starts from the one bound last: the
  ** other changes less often, so its adjacency is worth hashing. */
  bool bRef = c->bReference;
  if (pL->bBound && pR->bBound && !pr->bShortest && !(pr->pAst->flags & AST_F_VARLEN) && !bRef) {
    bFromLeft = pL->iBoundSeq >= pR->iBoundSeq;
  }
  PNode *pFrom = bFromLeft ? pL : pR, *pTo = bFromLeft ? pR : pL;
  ExpandSpec spec;
  memset(&spec, 0, sizeof(spec));
  spec.iFrom = pFrom->iSlot;
  spec.iTo = pTo->iSlot;
  spec.bInto = pTo->bBound;
  /* The reference never expands into a bound node: it expands to a fresh
  ** slot and compares, and tests the far end's labels with a filter. */
  uint32_t iIntoSlot = UINT32_MAX;
  if (bRef && pTo->bBound && !pr->bShortest) {
    iIntoSlot = pTo->iSlot;
    spec.iTo = check_new_slot(c);
    spec.bInto = false;
  }
  spec.iDir = pr->iDir == DIR_BOTH ? DIR_BOTH : bFromLeft ? pr->iDir : (pr->iDir == DIR_OUT ? DIR_IN : DIR_OUT);
  spec.bVarLen = (pr->pAst->flags & AST_F_VARLEN) != 0;
  spec.iMin = pr->pAst->i1;
  spec.iMax = pr->pAst->i2;
  spec.pRelPred = pr->pRelPred;
  spec.iRelTmp = pr->iRelTmp;
  spec.iPathSlot = UINT32_MAX;
  spec.bReverse = !bFromLeft;   /* relationship lists stay in pattern order */
  if (!pTo->bBound && pTo->pLabels && !bRef) spec.pToLabels = mpLabelPred(m, pTo)->p2;
  if (!mpSpecTypes(m, pr, &spec)) return NULL;
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
    AstNode *pEq = ast_new(c->pArena, AST_BINARY, pr->pAst->iOfst);
    pEq->op = TK_EQ;
    pEq->p1 = mpVarNode(c, spec.iRel, pr->pAst->iOfst);
    pEq->p2 = mpVarNode(c, iBoundRel, pr->pAst->iOfst);
    pOp = op_filter(c->pCtx, pOp, pEq);
  }
  if (iIntoSlot != UINT32_MAX) {
    AstNode *pEq = ast_new(c->pArena, AST_BINARY, pr->pAst->iOfst);
    pEq->op = TK_EQ;
    pEq->p1 = mpVarNode(c, spec.iTo, pr->pAst->iOfst);
    pEq->p2 = mpVarNode(c, iIntoSlot, pr->pAst->iOfst);
    pOp = op_filter(c->pCtx, pOp, pEq);
  } else if (bRef && !pTo->bBound && pTo->pLabels) {
    pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pTo));
  }
  pr->bDone = true;
  if (!pTo->bBound) pTo->iBoundSeq = ++m->nBoundSeq;
  pTo->bBound = true;
  vec_push(&m->relsBound, (uint32_t)(pr - m->rels.a));
  return pOp;
}

/* ---- Worst-case-optimal joins ------------------------------------------------ */

static int mpOppositeDir(int dir) { return dir == DIR_OUT ? DIR_IN : dir == DIR_IN ? DIR_OUT : dir; }

/* Relationships binding one node by intersection: at most this many
** (mpWcoPays reads MP_WCO_MIN_FANOUT). */
#define MP_WCO_MAX_LEGS 8
#define MP_WCO_MIN_FANOUT 2.0

/* Can pr be a leg of a WcoJoin binding pattern node iNode: a plain,
** unplanned relationship (one hop, a fresh variable) from a bound node
** other than iNode? */
static bool mpWcoLeg(const MatchPlan *m, const PRel *pr, uint32_t iNode) {
  if (pr->bDone || pr->bShortest || pr->pQpp || pr->bBoundBefore || (pr->pAst->flags & AST_F_VARLEN)) {
    return false;
  }
  if (pr->iLeft == pr->iRight) return false;
  uint32_t iOther = pr->iLeft == iNode ? pr->iRight : pr->iRight == iNode ? pr->iLeft : UINT32_MAX;
  if (iOther == UINT32_MAX) return false;
  const PNode *pOther = &m->nodes.a[iOther];
  return pOther->bBound && !pOther->bHidden;
}

/* The legs that would bind pattern node iNode by intersection (indexes
** into m->rels, at most MP_WCO_MAX_LEGS): 0 when the reference is
** planned or iNode is bound, and fewer than 2 when no intersection
** applies. */
static uint32_t mpWcoLegs(const MatchPlan *m, uint32_t iNode, uint32_t *aLeg) {
  const PNode *pn = &m->nodes.a[iNode];
  if (m->c->bReference || pn->bBound || pn->bHidden) return 0;
  uint32_t n = 0;
  for (uint32_t i = 0; i < m->rels.n && n < MP_WCO_MAX_LEGS; i++) {
    if (mpWcoLeg(m, &m->rels.a[i], iNode)) aLeg[n++] = i;
  }
  return n;
}

/* Emits a WcoJoin binding pattern node iNode through the legs aLeg. */
static Op *mpWcoJoin(MatchPlan *m, Op *pOp, uint32_t iNode, const uint32_t *aLeg, uint32_t nLeg) {
  Compiler *c = m->c;
  PNode *pTo = &m->nodes.a[iNode];
  WcoSpec ws;
  memset(&ws, 0, sizeof(ws));
  ws.iTo = pTo->iSlot;
  ws.pToLabels = pTo->pLabels ? mpLabelPred(m, pTo)->p2 : NULL;
  ws.nLeg = nLeg;
  ws.aLeg = arena_zalloc(c->pArena, sizeof(ExpandSpec) * nLeg);
  ws.aDiffer = arena_zalloc(c->pArena, (size_t)nLeg * nLeg);
  for (uint32_t k = 0; k < nLeg; k++) {
    const PRel *pr = &m->rels.a[aLeg[k]];
    bool bFromLeft = pr->iRight == iNode;
    ExpandSpec *s = &ws.aLeg[k];
    s->iFrom = m->nodes.a[bFromLeft ? pr->iLeft : pr->iRight].iSlot;
    s->iTo = pTo->iSlot;
    s->iRel = pr->iSlot;
    s->iDir = pr->iDir == DIR_BOTH ? DIR_BOTH : bFromLeft ? pr->iDir : mpOppositeDir(pr->iDir);
    s->pRelPred = pr->pRelPred;
    s->iRelTmp = pr->iRelTmp;
    s->iPathSlot = UINT32_MAX;
    if (!mpSpecTypes(m, pr, s)) return NULL;
    for (uint32_t j = 0; j < k; j++) {
      const PRel *pOther = &m->rels.a[aLeg[j]];
      if (pOther->iClause == pr->iClause && mpTypesMayOverlap(c, pr, pOther)) {
        ws.aDiffer[k * nLeg + j] = ws.aDiffer[j * nLeg + k] = 1;
      }
    }
  }
  pOp = op_wco_join(c->pCtx, pOp, &ws);
  for (uint32_t k = 0; k < nLeg; k++) {
    m->rels.a[aLeg[k]].bDone = true;
    vec_push(&m->relsBound, aLeg[k]);
  }
  pTo->iBoundSeq = ++m->nBoundSeq;
  pTo->bBound = true;
  return pOp;
}

/* ---- The cost model -------------------------------------------------------- */

/* Relationships of the given types (none: any) in direction dir at nodes
** matching a label expression (NULL: any node); with bSquares, the sum of
** the squares of each node's count instead (per type and direction, so an
** underestimate for several). */
static double mpRelsAt(const MatchPlan *m, const AstNode *pLabels, const TypeIdVec *pTypes, int dir,
                       bool bSquares) {
  if (dir == DIR_BOTH) {
    return mpRelsAt(m, pLabels, pTypes, DIR_OUT, bSquares) + mpRelsAt(m, pLabels, pTypes, DIR_IN, bSquares);
  }
  if (pLabels && pLabels->kind == AST_LABEL_AND) {
    return TG_MIN(mpRelsAt(m, pLabels->p1, pTypes, dir, bSquares), mpRelsAt(m, pLabels->p2, pTypes, dir, bSquares));
  }
  if (pLabels && pLabels->kind == AST_LABEL_OR) {
    return mpRelsAt(m, pLabels->p1, pTypes, dir, bSquares) + mpRelsAt(m, pLabels->p2, pTypes, dir, bSquares);
  }
  int64_t label = -1;
  if (pLabels && pLabels->kind == AST_LABEL) {
    if (pLabels->iAux < 0) return 0;
    label = pLabels->iAux;
  }
  double (*xCount)(const GraphStats *, int64_t, int, int64_t) = bSquares ? stats_rels_squared : stats_rels;
  if (pTypes->n == 0) return xCount(m->pStats, -1, dir, label);
  double n = 0;
  for (uint32_t i = 0; i < pTypes->n; i++) {
    if (pTypes->a[i] >= 0) n += xCount(m->pStats, pTypes->a[i], dir, label);
  }
  return n;
}

/* Has pattern node iNode already been expanded, in this plan, along
** relationships of the same types in the same direction as pr (dir, seen
** from iNode)? Its rows are then as many as its relationships of that
** kind, so the nodes with many of them weigh more than the plain average
** says, and so does expanding the siblings (the country of a person's
** city has, on average over persons, far more cities than the average
** country). */
static bool mpExpandedAlike(const MatchPlan *m, const PRel *pr, uint32_t iNode, int dir, const TypeIdVec *pTypes) {
  for (uint32_t i = 0; i < m->rels.n; i++) {
    const PRel *q = &m->rels.a[i];
    if (q == pr || !q->bDone || q->pQpp || q->bShortest || (q->pAst->flags & AST_F_VARLEN)) continue;
    if (q->iLeft != iNode && q->iRight != iNode) continue;
    int qDir = q->iDir == DIR_BOTH || q->iLeft == iNode ? q->iDir : mpOppositeDir(q->iDir);
    if (qDir != dir) continue;
    TypeIdVec types = {0};
    if (!mpTypes(m->c, mpPatternTypes(q->pAst), &types)) types.n = 0;
    bool bSame = types.n == pTypes->n;
    for (uint32_t k = 0; bSame && k < types.n; k++) {
      bool bFound = false;
      for (uint32_t j = 0; j < pTypes->n && !bFound; j++) bFound = pTypes->a[j] == types.a[k];
      bSame = bFound;
    }
    vec_free(&types);
    if (bSame) return true;
  }
  return false;
}

/* Estimated output rows and adjacency entries read by one planning step. */
typedef struct MpEstimate {
  double rows;
  double work;
} MpEstimate;

/* Estimates expanding pr from its bound end, starting from `rows` rows. */
static MpEstimate mpEstimateExpand(const MatchPlan *m, const PRel *pr, double rows) {
  const Graph *g = m->c->pGraph;
  const PNode *pL = &m->nodes.a[pr->iLeft], *pR = &m->nodes.a[pr->iRight];
  bool bFromLeft = pL->bBound;
  const PNode *pFrom = bFromLeft ? pL : pR, *pTo = bFromLeft ? pR : pL;
  int dir = pr->iDir == DIR_BOTH || bFromLeft ? pr->iDir : mpOppositeDir(pr->iDir);
  TypeIdVec types = {0};
  if (!mpTypes(m->c, mpPatternTypes(pr->pAst), &types)) types.n = 0;
  double nAll = TG_MAX(1.0, (double)g->nNodeLive);
  double nFrom = TG_MAX(1.0, pFrom->pLabels ? mpLabelEstimate(g, pFrom->pLabels) : nAll);
  double nTo = TG_MAX(1.0, pTo->pLabels ? mpLabelEstimate(g, pTo->pLabels) : nAll);
  double fanout = mpRelsAt(m, pFrom->pLabels, &types, dir, false) / nFrom;
  if (!(pL->bBound && pR->bBound) && mpExpandedAlike(m, pr, bFromLeft ? pr->iLeft : pr->iRight, dir, &types)) {
    double nRel = mpRelsAt(m, pFrom->pLabels, &types, dir, false);
    if (nRel > 0) fanout = TG_MAX(fanout, mpRelsAt(m, pFrom->pLabels, &types, dir, true) / nRel);
  }
  double relsAll = TG_MAX(1.0, mpRelsAt(m, NULL, &types, dir, false));
  double fracTo = pTo->pLabels ? TG_MIN(1.0, mpRelsAt(m, pTo->pLabels, &types, mpOppositeDir(dir), false) / relsAll)
                               : 1.0;
  double fanin = mpRelsAt(m, pTo->pLabels, &types, mpOppositeDir(dir), false) / nTo;
  vec_free(&types);
  MpEstimate e;
  if (pr->bShortest) {
    e.rows = rows;
    e.work = rows * TG_MAX(fanout, 1.0) * 100;
  } else if (pr->pAst->flags & AST_F_VARLEN) {
    int64_t nHop = pr->pAst->i2 < 0 ? 3 : TG_MIN(pr->pAst->i2, 3);
    double per = 1;
    for (int64_t i = 0; i < nHop; i++) per *= TG_MAX(fanout, 1.0);
    e.rows = rows * per * (pL->bBound && pR->bBound ? 1.0 / nTo : fracTo);
    e.work = rows * per;
  } else if (pL->bBound && pR->bBound) {
    e.rows = rows * fanout * fracTo / nTo;
    e.work = rows * TG_MIN(fanout, fanin);
  } else {
    e.rows = rows * fanout * fracTo;
    e.work = rows * fanout;
  }
  if (pr->pRelPred) e.rows *= 0.1;
  return e;
}

/* A rough selectivity for a predicate, for ordering only. */
static double mpSelectivity(const AstNode *p) {
  switch (p->kind) {
    case AST_BINARY:
      switch (p->op) {
        case TK_AND: return mpSelectivity(p->p1) * mpSelectivity(p->p2);
        case TK_OR: return TG_MIN(1.0, mpSelectivity(p->p1) + mpSelectivity(p->p2));
        case TK_EQ: return 0.1;
        case TK_NE: return 0.9;
        case TK_LT: case TK_LE: case TK_GT: case TK_GE: return 0.3;
        default: return 0.5;
      }
    case AST_UNARY:
      if (p->op == TK_NOT) return TG_MAX(0.1, 1.0 - mpSelectivity(p->p1));
      return 0.5;
    case AST_PROPS_MATCH: return 0.1;
    default: return 0.5;
  }
}

/* Marks the predicates whose slots are bound as applied; returns their
** combined selectivity (the planning twin of mpApplyReady). */
static double mpSimulateReady(MatchPlan *m) {
  double sel = 1;
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    if (!mpPredApplicable(m, pr, false)) continue;
    pr->bDone = true;
    sel *= mpSelectivity(pr->pExpr);
  }
  return sel;
}

/* Is an intersection worth it? Not when some leg reaches about one node
** per row (MP_WCO_MIN_FANOUT) but the leg from the node bound last (the
** inner loop, whose list is read per row) reaches many: expanding the
** short leg and checking the others (into, cached on the repeated side)
** is then cheaper. */
static bool mpWcoPays(MatchPlan *m, uint32_t iNode, const uint32_t *aLeg, uint32_t nLeg) {
  double fMin = 0, fLast = 0;
  uint32_t iLastSeq = 0;
  for (uint32_t k = 0; k < nLeg; k++) {
    const PRel *pr = &m->rels.a[aLeg[k]];
    double f = mpEstimateExpand(m, pr, 1.0).rows;
    const PNode *pFrom = &m->nodes.a[pr->iLeft == iNode ? pr->iRight : pr->iLeft];
    if (k == 0 || f < fMin) fMin = f;
    if (k == 0 || pFrom->iBoundSeq > iLastSeq || (pFrom->iBoundSeq == iLastSeq && f > fLast)) {
      iLastSeq = pFrom->iBoundSeq;
      fLast = f;
    }
  }
  return fMin >= MP_WCO_MIN_FANOUT || fLast <= 2 * fMin;
}

/* Estimates binding pattern node iNode by intersecting the legs aLeg:
** the rows of the chain it replaces (an Expand, then an Expand (into) per
** other leg), for the work the probes of the shortest list. */
static MpEstimate mpEstimateWco(MatchPlan *m, uint32_t iNode, const uint32_t *aLeg, uint32_t nLeg,
                                double rows) {
  MpEstimate first = {0, 0};
  uint32_t iFirst = 0;
  double work = 0;
  for (uint32_t k = 0; k < nLeg; k++) {
    MpEstimate e = mpEstimateExpand(m, &m->rels.a[aLeg[k]], rows);
    if (k == 0 || e.rows < first.rows) {
      first = e;
      iFirst = k;
    }
    if (k == 0 || e.work < work) work = e.work;
  }
  PNode *pn = &m->nodes.a[iNode];
  pn->bBound = true;
  MpEstimate out = {first.rows, work * nLeg};
  for (uint32_t k = 0; k < nLeg; k++) {
    if (k != iFirst) out.rows *= mpEstimateExpand(m, &m->rels.a[aLeg[k]], 1.0).rows;
  }
  pn->bBound = false;
  return out;
}

/* The relationship to expand next: the one with the smallest output among
** those with a bound end (shortest paths need both ends). NULL if none.
** When it binds a node that two or more plain relationships tie to bound
** nodes, *piWco is that node (they are joined by intersection, and
** estimated so); UINT32_MAX otherwise. */
static PRel *mpNextExpand(MatchPlan *m, double rows, MpEstimate *pEst, uint32_t *piWco) {
  PRel *pBest = NULL;
  MpEstimate best = {0, 0};
  uint32_t iBestWco = UINT32_MAX;
  uint32_t aLeg[MP_WCO_MAX_LEGS];
  for (uint32_t i = 0; i < m->rels.n; i++) {
    PRel *pr = &m->rels.a[i];
    if (pr->bDone) continue;
    bool bL = m->nodes.a[pr->iLeft].bBound, bR = m->nodes.a[pr->iRight].bBound;
    if (!bL && !bR) continue;
    if (pr->bShortest && !(bL && bR)) continue;
    if (pr->pQpp && !bL) continue;   /* a group is matched left to right */
    uint32_t iNew = bL && bR ? UINT32_MAX : bL ? pr->iRight : pr->iLeft;
    uint32_t nLeg = iNew != UINT32_MAX && mpWcoLeg(m, pr, iNew) ? mpWcoLegs(m, iNew, aLeg) : 0;
    if (nLeg >= 2 && !mpWcoPays(m, iNew, aLeg, nLeg)) nLeg = 0;
    MpEstimate e = nLeg >= 2 ? mpEstimateWco(m, iNew, aLeg, nLeg, rows) : mpEstimateExpand(m, pr, rows);
    if (pBest == NULL || e.rows < best.rows || (e.rows == best.rows && e.work < best.work)) {
      pBest = pr;
      best = e;
      iBestWco = nLeg >= 2 ? iNew : UINT32_MAX;
    }
  }
  if (pEst) *pEst = best;
  if (piWco) *piWco = iBestWco;
  return pBest;
}

/* Rows binding pattern node pn from scratch yields (before predicates). */
static double mpScanEstimate(MatchPlan *m, const PNode *pn) { return mpChooseNodeStart(m, pn).rows; }

/* Planning flags, saved around a simulation. */
typedef VEC(uint8_t) MpFlags;

static void mpSaveFlags(const MatchPlan *m, MpFlags *f) {
  f->n = 0;
  for (uint32_t i = 0; i < m->nodes.n; i++) vec_push(f, m->nodes.a[i].bBound);
  for (uint32_t i = 0; i < m->rels.n; i++) vec_push(f, m->rels.a[i].bDone);
  for (uint32_t i = 0; i < m->preds.n; i++) vec_push(f, m->preds.a[i].bDone);
}

static void mpRestoreFlags(MatchPlan *m, const MpFlags *f) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nodes.n; i++) m->nodes.a[i].bBound = f->a[k++];
  for (uint32_t i = 0; i < m->rels.n; i++) m->rels.a[i].bDone = f->a[k++];
  for (uint32_t i = 0; i < m->preds.n; i++) m->preds.a[i].bDone = f->a[k++];
}

/* Binds a node in a simulation, in order (mpWcoPays reads the order; the
** real binding numbers it again). */
static void mpSimulateBind(MatchPlan *m, PNode *pn) {
  if (pn->bBound) return;
  pn->bBound = true;
  pn->iBoundSeq = ++m->nBoundSeq;
}

/* The estimated cost (rows produced plus entries read) of finishing the
** plan from the current state, starting with a scan of pStart. Later
** disconnected parts start from their smallest node. Changes the flags. */
static double mpSimulate(MatchPlan *m, PNode *pStart, double rows) {
  double cost = 0;
  PNode *pScan = pStart;
  for (;;) {
    MpEstimate e;
    uint32_t iWco;
    PRel *pr = pScan ? NULL : mpNextExpand(m, rows, &e, &iWco);
    if (pr) {
      if (iWco != UINT32_MAX) {
        uint32_t aLeg[MP_WCO_MAX_LEGS];
        uint32_t nLeg = mpWcoLegs(m, iWco, aLeg);
        for (uint32_t k = 0; k < nLeg; k++) m->rels.a[aLeg[k]].bDone = true;
      }
      pr->bDone = true;
      mpSimulateBind(m, &m->nodes.a[pr->iLeft]);
      mpSimulateBind(m, &m->nodes.a[pr->iRight]);
      cost += e.work + e.rows;
      rows = e.rows * mpSimulateReady(m);
      continue;
    }
    if (pScan == NULL) {
      for (uint32_t i = 0; i < m->nodes.n; i++) {
        PNode *pn = &m->nodes.a[i];
        if (!pn->bBound && !pn->bHidden &&
            (pScan == NULL || mpScanEstimate(m, pn) < mpScanEstimate(m, pScan))) {
          pScan = pn;
        }
      }
      if (pScan == NULL) return cost;
    }
    double nScan = mpScanEstimate(m, pScan);
    mpSimulateBind(m, pScan);
    pScan = NULL;
    cost += rows * nScan;
    rows = rows * nScan * mpSimulateReady(m);
  }
}

/* How much dearer (by the simulated cost) a plan starting from the first
** ORDER BY key's variable may be, when a LIMIT follows. */
#define MP_TOP_START_SLACK 8.0

/* Is pn the variable of the first key of an ORDER BY with a LIMIT after
** the pattern (Compiler.pTopHint)? */
static bool mpIsTopHint(const MatchPlan *m, const PNode *pn) {
  const Compiler *c = m->c;
  const AstNode *pVar = c->pTopHint ? c->pTopHint->p1 : NULL;
  if (pVar == NULL || c->bReference) return false;
  const char *zVar = pn->iSlot < c->slotNames.n ? c->slotNames.a[pn->iSlot] : NULL;
  return zVar && strlen(zVar) == pVar->n && memcmp(zVar, pVar->z, pVar->n) == 0;
}

/* The node to scan when nothing can be expanded: the start of the
** cheapest simulated plan (the smallest node for very large patterns). */
static PNode *mpChooseStart(MatchPlan *m) {
  PNode *pBest = NULL;
  double best = 0;
  uint32_t nUnbound = 0;
  for (uint32_t i = 0; i < m->nodes.n; i++) nUnbound += !m->nodes.a[i].bBound && !m->nodes.a[i].bHidden;
  if (nUnbound > 24) {
    for (uint32_t i = 0; i < m->nodes.n; i++) {
      PNode *pn = &m->nodes.a[i];
      if (pn->bBound || pn->bHidden) continue;
      double est = mpScanEstimate(m, pn);
      if (pBest == NULL || est < best) {
        pBest = pn;
        best = est;
      }
    }
    return pBest;
  }
  MpFlags saved = {0};
  mpSaveFlags(m, &saved);
  PNode *pTop = NULL;
  double topCost = 0;
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    PNode *pn = &m->nodes.a[i];
    if (pn->bBound || pn->bHidden) continue;
    double cost = mpSimulate(m, pn, 1.0);
    mpRestoreFlags(m, &saved);
    if (pBest == NULL || cost < best) {
      pBest = pn;
      best = cost;
    }
    if (mpIsTopHint(m, pn)) {
      pTop = pn;
      topCost = cost;
    }
  }
  vec_free(&saved);
  /* ORDER BY n.key ... LIMIT k after the pattern: starting from n lets the
  ** sort's cut (TopCut) drop most of the pattern early, which the cost of
  ** enumerating everything does not see; worth a plan a few times dearer. */
  if (pTop && topCost <= MP_TOP_START_SLACK * best) return pTop;
  return pBest;
}

/* ---- Hash joins ----------------------------------------------------------------- */

/* A join between the pipeline so far and a part not connected to it:
** `probe = build`, each side reading only its own part's variables. */
typedef struct MpJoin {
  PPred *pPred;            /* the equality */
  AstNode *pProbeKey;      /* reads what is bound */
  AstNode *pBuildKey;      /* reads only the part */
} MpJoin;

static int mpReadsSlotNode(AstWalker *w, AstNode *p) {
  (void)w;
  bool bRead = p->iSlot >= 0 && (p->kind == AST_VAR || (p->flags & AST_F_SLOTREF) || p->kind == AST_MP_VAR);
  return bRead ? WALK_ABORT : WALK_CONTINUE;
}

/* Does expression p read any row slot (not only literals and parameters)? */
static bool mpReadsAnySlot(const AstNode *p) {
  AstWalker w = {mpReadsSlotNode, NULL, NULL, 0};
  return ast_walk((AstNode *)p, &w) == WALK_ABORT;
}

/* Marks abPart[i] for the unbound nodes joined to node iNode by
** relationships not planned yet (its connected part). */
static void mpPart(const MatchPlan *m, uint32_t iNode, uint8_t *abPart) {
  abPart[iNode] = 1;
  for (uint32_t i = 0; i < m->rels.n; i++) {
    const PRel *pr = &m->rels.a[i];
    if (pr->bDone) continue;
    uint32_t iOther = pr->iLeft == iNode ? pr->iRight : pr->iRight == iNode ? pr->iLeft : UINT32_MAX;
    if (iOther != UINT32_MAX && !abPart[iOther] && !m->nodes.a[iOther].bBound) mpPart(m, iOther, abPart);
  }
}

/* Can the part in abPart be planned on its own as a join's build side?
** Not when one of its nodes has a cheap lookup (a nested loop seeks it
** directly), a shortest path, or a relationship that uniqueness must keep
** apart from one bound already. */
static bool mpPartJoinable(MatchPlan *m, const uint8_t *abPart) {
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    if (!abPart[i]) continue;
    AstNode *pValue;
    MpIndexUse use;
    if (mpIdPred(m, m->nodes.a[i].iSlot, &pValue)) return false;
    if (mpIndexPred(m, &m->nodes.a[i], &use)) return false;
  }
  for (uint32_t i = 0; i < m->rels.n; i++) {
    const PRel *pr = &m->rels.a[i];
    if (pr->bDone || !abPart[pr->iLeft]) continue;
    if (pr->bShortest || pr->bBoundBefore) return false;
    for (uint32_t k = 0; k < m->relsBound.n; k++) {
      const PRel *pOther = &m->rels.a[m->relsBound.a[k]];
      if (pOther->iClause == pr->iClause && mpTypesMayOverlap(m->c, pr, pOther)) return false;
    }
  }
  return true;
}

/* Is side R of an equality a key of one unbound part (returned in abPart)? */
static bool mpBuildKey(MatchPlan *m, const AstNode *pR, uint8_t *abPart) {
  PPred deps;
  memset(&deps, 0, sizeof(deps));
  mpCollectDeps(m, pR, &deps);
  bool bOk = !deps.bSubquery && deps.deps.n > 0;
  memset(abPart, 0, m->nodes.n);
  for (uint32_t k = 0; bOk && k < deps.deps.n; k++) {
    uint32_t iNode = UINT32_MAX;
    for (uint32_t i = 0; i < m->nodes.n; i++) {
      if (m->nodes.a[i].iSlot == deps.deps.a[k]) iNode = i;
    }
    if (iNode == UINT32_MAX || m->nodes.a[iNode].bBound || m->nodes.a[iNode].bHidden) {
      bOk = false;   /* a relationship or path, something bound, or outside this build side */
    } else if (k == 0) {
      mpPart(m, iNode, abPart);
    } else {
      bOk = abPart[iNode];
    }
  }
  vec_free(&deps.deps);
  return bOk;
}

/* Is side L of an equality computable from what is bound? On a build
** side only the build side's own slots are set: a variable bound before
** the pattern (UNWIND, WITH) is not, so a key reading one cannot probe. */
static bool mpProbeKey(MatchPlan *m, const AstNode *pL) {
  if (!mpReadsAnySlot(pL)) return false;   /* a constant: a filter does as well */
  if (m->bBuildSide && !mpReadsOnly(pL, m->buildSlots.a, m->buildSlots.n)) return false;
  PPred deps;
  memset(&deps, 0, sizeof(deps));
  mpCollectDeps(m, pL, &deps);
  bool bOk = !deps.bSubquery;
  for (uint32_t k = 0; bOk && k < deps.deps.n; k++) bOk = mpSlotBound(m, deps.deps.a[k]);
  vec_free(&deps.deps);
  return bOk;
}

/* Finds an equality that joins an unbound part to the pipeline. */
static bool mpFindJoin(MatchPlan *m, MpJoin *pJ, uint8_t *abPart) {
  /* A quantified path pattern is matched from its left node only: a build
  ** side could reach its right node, bound on the probe side, again. */
  for (uint32_t i = 0; i < m->rels.n; i++) {
    if (m->rels.a[i].pQpp && !m->rels.a[i].bDone) return false;
  }
  for (uint32_t i = 0; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    AstNode *p = pr->pExpr;
    if (pr->bDone || pr->bSubquery || pr->bVolatile || p->kind != AST_BINARY || p->op != TK_EQ) {
      continue;
    }
    for (int side = 0; side < 2; side++) {
      AstNode *pL = side ? p->p2 : p->p1, *pR = side ? p->p1 : p->p2;
      if (mpBuildKey(m, pR, abPart) && mpProbeKey(m, pL) && mpPartJoinable(m, abPart)) {
        pJ->pPred = pr;
        pJ->pProbeKey = pL;
        pJ->pBuildKey = pR;
        return true;
      }
    }
  }
  return false;
}

static Op *mpPlanLoop(MatchPlan *m, Op *pOp);

/* The reference plan (Compiler.bReference): relationships in written
** order, each expanded from an end already bound; when none is, a scan of
** all nodes for the first unbound node as written. Every predicate waits
** for the end of the pattern (mpPlan applies them). */
static Op *mpPlanReference(MatchPlan *m, Op *pOp) {
  for (;;) {
    if (m->c->pErr->code || pOp == NULL) return NULL;
    PRel *pNext = NULL;
    for (uint32_t i = 0; i < m->rels.n && pNext == NULL; i++) {
      PRel *pr = &m->rels.a[i];
      bool bL = m->nodes.a[pr->iLeft].bBound, bR = m->nodes.a[pr->iRight].bBound;
      if (!pr->bDone && (pr->bShortest ? bL && bR : pr->pQpp ? bL : bL || bR)) pNext = pr;
    }
    if (pNext) {
      pOp = mpExpand(m, pOp, pNext);
      continue;
    }
    PNode *pStart = NULL;
    for (uint32_t i = 0; i < m->nodes.n && pStart == NULL; i++) {
      if (!m->nodes.a[i].bBound) pStart = &m->nodes.a[i];
    }
    if (pStart == NULL) return pOp;
    pOp = mpBindNode(m, pOp, pStart);
  }
}

/* Plans the part in abPart on its own and joins it to pOp: the rest of
** the pattern is hidden meanwhile, so the build side reads nothing the
** probe side binds. */
static Op *mpHashJoin(MatchPlan *m, Op *pOp, const MpJoin *pJ, const uint8_t *abPart) {
  Compiler *c = m->c;
  VEC(uint8_t) wasBound = {0};
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    PNode *pn = &m->nodes.a[i];
    vec_push(&wasBound, pn->bBound);
    if (!abPart[i]) {
      pn->bHidden = true;
      pn->bBound = false;
    }
  }
  VEC(uint32_t) relsBefore = {0};
  for (uint32_t i = 0; i < m->relsBound.n; i++) vec_push(&relsBefore, m->relsBound.a[i]);
  m->relsBound.n = 0;
  pJ->pPred->bDone = true;
  m->buildSlots.n = 0;
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    if (abPart[i]) vec_push(&m->buildSlots, m->nodes.a[i].iSlot);
  }
  for (uint32_t i = 0; i < m->rels.n; i++) {
    if (!m->rels.a[i].bDone && abPart[m->rels.a[i].iLeft]) vec_push(&m->buildSlots, m->rels.a[i].iSlot);
  }
  m->bBuildSide = true;
  Op *pBuild = mpPlanLoop(m, op_argument(c->pCtx));
  m->bBuildSide = false;
  /* The build side's slots: its nodes' and its relationships'. */
  SlotList slots;
  slots.a = arena_alloc(c->pArena, sizeof(uint32_t) * (m->nodes.n + m->relsBound.n + 1));
  slots.n = 0;
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    if (abPart[i]) slots.a[slots.n++] = m->nodes.a[i].iSlot;
  }
  for (uint32_t i = 0; i < m->relsBound.n; i++) slots.a[slots.n++] = m->rels.a[m->relsBound.a[i]].iSlot;
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    PNode *pn = &m->nodes.a[i];
    if (!abPart[i]) {
      pn->bHidden = false;
      pn->bBound = wasBound.a[i];
    }
  }
  for (uint32_t i = 0; i < relsBefore.n; i++) vec_push(&m->relsBound, relsBefore.a[i]);
  vec_free(&wasBound);
  vec_free(&relsBefore);
  if (pBuild == NULL) return NULL;
  return op_hash_join(c->pCtx, pOp, pBuild, pJ->pProbeKey, pJ->pBuildKey, &slots);
}

/* ---- Relationship index seeks ---------------------------------------------- */

/* The most selective relationship index seek for pattern relationship pr
** (one type, fixed length, not bound before): predicates on r.key from
** WHERE or its property map, as mpIndexPred finds them for nodes. */
static bool mpRelIndexPred(MatchPlan *m, const PRel *pr, MpIndexUse *pBest) {
  Graph *g = m->c->pGraph;
  const AstNode *pType = pr->pAst->p1;
  if (pr->bDone || pr->bBoundBefore || pr->pQpp || pr->bShortest || (pr->pAst->flags & AST_F_VARLEN) ||
      pType == NULL || pType->kind != AST_LABEL || pType->iAux < 0) {
    return false;
  }
  bool bFound = false;
  for (uint32_t k = 0; k < g->pIndexes->aIndex.n; k++) {
    const PropIndex *pIdx = g->pIndexes->aIndex.a[k];
    if (pIdx->ent != ENT_REL || !pIdx->bPostings || pIdx->kind == IDX_TEXT || pIdx->kind == IDX_POINT ||
        pIdx->label != (uint32_t)pType->iAux) {
      continue;
    }
    bFound |= mpTryIndex(m, pr->iSlot, pIdx, IDX_RANGE, pr->pRelPred, pBest, bFound);
  }
  return bFound;
}

/* Rows a relationship index seek is expected to yield (its entries),
** doubled when undirected. */
static double mpRelSeekEstimate(MatchPlan *m, const PRel *pr, const MpIndexUse *pu) {
  (void)m;
  return pr->iDir == DIR_BOTH ? 2 * pu->est : pu->est;
}

/* When nothing can be expanded: a relationship with both ends unbound
** that an index finds in fewer rows than the best node scan or seek
** would give. NULL if none. */
static PRel *mpChooseRelSeek(MatchPlan *m, MpIndexUse *pUse) {
  Graph *g = m->c->pGraph;
  if (g->pIndexes->aIndex.n == 0) return NULL;
  PRel *pBest = NULL;
  double best = 0;
  for (uint32_t i = 0; i < m->rels.n; i++) {
    PRel *pr = &m->rels.a[i];
    const PNode *pL = &m->nodes.a[pr->iLeft], *pR = &m->nodes.a[pr->iRight];
    if (pL->bBound || pR->bBound || pL->bHidden || pR->bHidden) continue;
    MpIndexUse u;
    if (!mpRelIndexPred(m, pr, &u)) continue;
    double est = mpRelSeekEstimate(m, pr, &u);
    if (pBest == NULL || est < best) {
      pBest = pr;
      best = est;
      *pUse = u;
    }
  }
  if (pBest == NULL) return NULL;
  for (uint32_t i = 0; i < m->nodes.n; i++) {
    PNode *pn = &m->nodes.a[i];
    if (!pn->bBound && !pn->bHidden && mpScanEstimate(m, pn) <= best) return NULL;
  }
  return pBest;
}

/* Emits the relationship index seek *pu for pr, binding it and its ends
** (checking an end that is bound), then its property map and the new
** ends' labels as filters. */
static Op *mpRelSeek(MatchPlan *m, Op *pOp, PRel *pr, const MpIndexUse *pu) {
  Compiler *c = m->c;
  PNode *pL = &m->nodes.a[pr->iLeft], *pR = &m->nodes.a[pr->iRight];
  RelSeekSpec spec;
  memset(&spec, 0, sizeof(spec));
  spec.iRel = pr->iSlot;
  spec.iLeft = pL->iSlot;
  spec.iRight = pR->iSlot;
  spec.iDir = pr->iDir;
  spec.bLeftInto = pL->bBound;
  spec.bRightInto = pR->bBound || pr->iLeft == pr->iRight;
  spec.exclude.a = arena_alloc(c->pArena, sizeof(uint32_t) * (m->relsBound.n + 1));
  for (uint32_t i = 0; i < m->relsBound.n; i++) {
    const PRel *pOther = &m->rels.a[m->relsBound.a[i]];
    if (pOther->iClause == pr->iClause && mpTypesMayOverlap(c, pr, pOther)) {
      spec.exclude.a[spec.exclude.n++] = pOther->iSlot;
    }
  }
  IndexSeek aSeek[INDEX_MAX_KEYS];
  for (uint32_t j = 0; j < pu->nKey; j++) {
    if (pu->aPart[j].pr) pu->aPart[j].pr->bDone = true;
    if (pu->aPart[j].pr2) pu->aPart[j].pr2->bDone = true;
    aSeek[j] = pu->aPart[j].seek;
  }
  pOp = op_rel_index_seek(c->pCtx, pOp, &spec, pu->label, pu->nKey, pu->aKey, aSeek);
  op_set_estimate(pOp, mpRelSeekEstimate(m, pr, pu), NULL, 0);
  /* What the seek does not test of the property map stays a filter. */
  AstNode *apConj[MP_MAX_CONJ], *pRest = NULL;
  uint32_t nConj = mpConjuncts(pr->pRelPred, apConj, 0);
  bool bAllSeen = nConj < MP_MAX_CONJ;
  for (uint32_t i = 0; i < nConj; i++) {
    bool bServed = false;
    for (uint32_t j = 0; j < pu->nKey && !bServed; j++) bServed = pu->aPart[j].pConj == apConj[i];
    if (bServed) continue;
    if (pRest == NULL) {
      pRest = apConj[i];
    } else {
      AstNode *pAnd = ast_new(c->pArena, AST_BINARY, apConj[i]->iOfst);
      pAnd->op = TK_AND;
      pAnd->p1 = pRest;
      pAnd->p2 = apConj[i];
      pRest = pAnd;
    }
  }
  if (!bAllSeen) pRest = pr->pRelPred;   /* a map too long to split: test it whole */
  if (pRest) pOp = op_filter(c->pCtx, pOp, pRest);
  PNode *aEnd[2] = {pL, pR};
  for (int i = 0; i < 2; i++) {
    PNode *pn = aEnd[i];
    if (pn->bBound) continue;
    if (pn->pLabels) pOp = op_filter(c->pCtx, pOp, mpLabelPred(m, pn));
    pn->bBound = true;
    pn->iBoundSeq = ++m->nBoundSeq;
  }
  pr->bDone = true;
  vec_push(&m->relsBound, (uint32_t)(pr - m->rels.a));
  return pOp;
}

/* ---- The planning loop ------------------------------------------------------- */

/* Binds the pattern's visible nodes and relationships on top of pOp:
** expansions while any is possible, else a hash join or a new scan. */
static Op *mpPlanLoop(MatchPlan *m, Op *pOp) {
  Compiler *c = m->c;
  pOp = mpApplyReady(m, pOp, false);
  VEC(uint8_t) part = {0};
  for (;;) {
    if (c->pErr->code || pOp == NULL) {
      pOp = NULL;
      break;
    }
    MpEstimate est;
    uint32_t iWco;
    PRel *pBest = mpNextExpand(m, 1.0, &est, &iWco);
    MpIndexUse relUse;
    if (pBest && iWco != UINT32_MAX) {
      uint32_t aLeg[MP_WCO_MAX_LEGS];
      uint32_t nLeg = mpWcoLegs(m, iWco, aLeg);
      pOp = mpWcoJoin(m, pOp, iWco, aLeg, nLeg);
      if (pOp) pOp = mpApplyReady(m, pOp, false);
      continue;
    }
    if (pBest && mpRelIndexPred(m, pBest, &relUse) && 2 * mpRelSeekEstimate(m, pBest, &relUse) < est.work) {
      /* A bound end with many relationships: seeking the relationship
      ** and checking its end reads less than expanding. */
      pOp = mpRelSeek(m, pOp, pBest, &relUse);
      pOp = mpApplyReady(m, pOp, false);
      continue;
    }
    if (pBest) {
      pOp = mpExpand(m, pOp, pBest);
      if (pOp) pOp = mpApplyReady(m, pOp, false);
      continue;
    }
    MpJoin join;
    vec_reserve(&part, m->nodes.n + 1);
    if (mpFindJoin(m, &join, part.a)) {
      pOp = mpHashJoin(m, pOp, &join, part.a);
      if (pOp) pOp = mpApplyReady(m, pOp, false);
      continue;
    }
    PRel *pSeekRel = mpChooseRelSeek(m, &relUse);
    if (pSeekRel) {
      pOp = mpRelSeek(m, pOp, pSeekRel, &relUse);
      pOp = mpApplyReady(m, pOp, false);
      continue;
    }
    PNode *pStart = mpChooseStart(m);
    if (pStart == NULL) break;
    pOp = mpBindNode(m, pOp, pStart);
    pOp = mpApplyReady(m, pOp, false);
  }
  vec_free(&part);
  return pOp;
}

/* Binds every pattern node and relationship on top of pOp. */
static Op *mpPlan(MatchPlan *m, Op *pOp) {
  Compiler *c = m->c;
  pOp = c->bReference ? mpPlanReference(m, pOp) : mpPlanLoop(m, pOp);
  if (pOp == NULL) return NULL;
  /* Named paths (shortest paths wrote theirs already). */
  for (uint32_t i = 0; i < m->paths.n; i++) {
    PathInfo *pi = &m->paths.a[i];
    if (pi->bShortest) continue;
    AstNode *pBuild = ast_new(c->pArena, AST_PATH_BUILD, pi->pPath->iOfst);
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

static int mpVolatileNode(AstWalker *w, AstNode *p) {
  (void)w;
  bool bVolatile = p->kind == AST_FUNC && p->pDef && (((const FuncDef *)p->pDef)->flags & FUNCF_VOLATILE);
  return bVolatile ? WALK_ABORT : WALK_CONTINUE;
}

/* Does p call a volatile function (rand(), randomUUID(), the realtime
** clocks)? Its value then differs from row to row even with no variable. */
static bool mpIsVolatile(const AstNode *p) {
  AstWalker w = {mpVolatileNode, NULL, NULL, 0};
  return ast_walk((AstNode *)p, &w) == WALK_ABORT;
}

/* Checks predicates iFrom.. (those from iWhere on are WHERE conjuncts,
** which must be boolean) and records the slots each reads. */
static bool mpResolvePreds(MatchPlan *m, uint32_t iFrom, uint32_t iWhere) {
  Compiler *c = m->c;
  for (uint32_t i = iFrom; i < m->preds.n; i++) {
    PPred *pr = &m->preds.a[i];
    TypeMask tm = check_expr(c, pr->pExpr, CK_PRED);
    if (c->pErr->code) return false;
    if (i >= iWhere && (tm & ~TM(VAL_NULL)) && !(tm & TM(VAL_BOOL))) {
      check_error(c, pr->pExpr, ERR_INVALID_ARGUMENT_TYPE_C, "WHERE needs a boolean");
      return false;
    }
    mpCollectDeps(m, pr->pExpr, pr);
    pr->bVolatile = mpIsVolatile(pr->pExpr);
  }
  return true;
}

/* Adds one clause's pattern and WHERE: property maps become predicates
** while building, then the WHERE conjuncts. */
static bool mpAddClause(MatchPlan *m, AstList *pPattern, AstNode *pWhere) {
  uint32_t nStart = m->preds.n;
  if (!mpBuild(m, pPattern)) return false;
  uint32_t nMapPreds = m->preds.n;
  if (pWhere) mpSplitAnd(m, pWhere);
  return mpResolvePreds(m, nStart, nMapPreds);
}

/* After the last clause: labels written on nodes bound before the pattern. */
static bool mpFinishBuild(MatchPlan *m) {
  uint32_t nStart = m->preds.n;
  mpBoundNodeLabels(m);
  return mpResolvePreds(m, nStart, m->preds.n);
}

/* Does a later clause name a relationship variable an earlier clause of
** this plan declared? (It must then be matched against the earlier one's
** binding, which planning the clauses apart does.) */
static bool mpReusesRelVar(MatchPlan *m, const AstList *pPattern) {
  for (uint32_t iPart = 0; iPart < pPattern->n; iPart++) {
    const AstList *pChain = pPattern->a[iPart]->pList;
    for (uint32_t i = 1; i < pChain->n; i += 2) {
      const AstNode *pRel = pChain->a[i];
      if (pRel->z == NULL) continue;
      Var *v = check_lookup(m->c, pRel->z, pRel->n);
      if (v && mpIsNewSlot(m, v->iSlot)) return true;
    }
  }
  return false;
}

/* Does the pattern have a selective path pattern (ANY, SHORTEST, ...)? */
static bool mpIsSelective(const AstList *pPattern) {
  for (uint32_t i = 0; pPattern && i < pPattern->n; i++) {
    if (pPattern->a[i]->kind == AST_PATH && pPattern->a[i]->op != PATHSEL_ALL) return true;
  }
  return false;
}

static Op *mpPlanSelective(Compiler *c, Op *pInput, AstList *pPattern, AstNode *pWhere, bool bOptional);

Op *plan_match_clauses(Compiler *c, Op *pInput, AstNode *const *apClause, uint32_t nClause,
                       uint32_t *pnUsed) {
  if (mpIsSelective(apClause[0]->pList)) {
    *pnUsed = 1;
    return mpPlanSelective(c, pInput, apClause[0]->pList, apClause[0]->p1, false);
  }
  MatchPlan m;
  memset(&m, 0, sizeof(m));
  m.c = c;
  m.pStats = stats_get(c->pGraph);
  uint32_t k;
  for (k = 0; k < nClause; k++) {
    if (k > 0 && (mpReusesRelVar(&m, apClause[k]->pList) || mpIsSelective(apClause[k]->pList))) break;
    m.iClause = k;
    if (!mpAddClause(&m, apClause[k]->pList, apClause[k]->p1)) {
      mpFree(&m);
      return NULL;
    }
  }
  *pnUsed = k;
  Op *pOp = mpFinishBuild(&m) ? mpPlan(&m, pInput) : NULL;
  mpFree(&m);
  return pOp;
}

Op *plan_match_ex(Compiler *c, Op *pInput, AstList *pPattern, AstNode *pWhere, bool bOptional,
                  SlotList *pNewSlots) {
  if (pNewSlots == NULL && mpIsSelective(pPattern)) return mpPlanSelective(c, pInput, pPattern, pWhere, bOptional);
  MatchPlan m;
  memset(&m, 0, sizeof(m));
  m.c = c;
  m.pStats = stats_get(c->pGraph);
  if (!mpAddClause(&m, pPattern, pWhere) || !mpFinishBuild(&m)) {
    mpFree(&m);
    return NULL;
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
  if (pOp && pNewSlots) {
    pNewSlots->n = m.newSlots.n;
    pNewSlots->a = arena_alloc(c->pArena, sizeof(uint32_t) * (m.newSlots.n + 1));
    if (m.newSlots.n) memcpy(pNewSlots->a, m.newSlots.a, sizeof(uint32_t) * m.newSlots.n);
  }
  mpFree(&m);
  return pOp;
}

/*
** A MATCH whose path pattern has a selector: the pattern, with the
** clause's WHERE (Neo4j applies it before selecting), is planned alone on
** an Argument; a PathSelector keeps what the selector asks for out of its
** matches for each outer row, and an Apply joins them to the input.
*/
static Op *mpPlanSelective(Compiler *c, Op *pInput, AstList *pPattern, AstNode *pWhere, bool bOptional) {
  const AstNode *pPath = pPattern->a[0];
  if (pPattern->n != 1) {
    check_error(c, pPattern->a[1], ERR_UNSUPPORTED,
                "a path selector in a MATCH with more than one path pattern (put the others in their own MATCH)");
    return NULL;
  }
  SlotList newSlots;
  Op *pInner = plan_match_ex(c, op_argument(c->pCtx), pPattern, pWhere, false, &newSlots);
  if (pInner == NULL) return NULL;
  const AstList *pChain = pPath->pList;
  PathSelectSpec spec;
  memset(&spec, 0, sizeof(spec));
  spec.eKind = pPath->op;
  spec.k = pPath->i1;
  spec.iStart = (uint32_t)pChain->a[0]->iSlot;
  spec.iEnd = (uint32_t)pChain->a[pChain->n - 1]->iSlot;
  spec.nRelSlot = pChain->n / 2;
  spec.aRelSlot = arena_alloc(c->pArena, sizeof(uint32_t) * (spec.nRelSlot + 1));
  for (uint32_t i = 0; i < spec.nRelSlot; i++) spec.aRelSlot[i] = (uint32_t)pChain->a[2 * i + 1]->iSlot;
  /* Keep what the pattern binds, its ends and its relationships. */
  spec.keep.a = arena_alloc(c->pArena, sizeof(uint32_t) * (newSlots.n + spec.nRelSlot + 2));
  spec.keep.n = 0;
  for (uint32_t i = 0; i < newSlots.n; i++) spec.keep.a[spec.keep.n++] = newSlots.a[i];
  spec.keep.a[spec.keep.n++] = spec.iStart;
  spec.keep.a[spec.keep.n++] = spec.iEnd;
  for (uint32_t i = 0; i < spec.nRelSlot; i++) spec.keep.a[spec.keep.n++] = spec.aRelSlot[i];
  Op *pSel = op_path_select(c->pCtx, pInner, &spec);
  return op_apply(c->pCtx, pInput, pSel, bOptional ? APPLY_OPTIONAL : APPLY_CROSS, bOptional ? &newSlots : NULL);
}
