/*
** plan.c — clause-by-clause planning of a statement (see plan.h).
**
** Sections: projections (WITH/RETURN), reading clauses, writing clauses,
** the clause loop and its composition rules, UNION, subqueries.
*/
#include "compile/plan.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/htab.h"
#include "base/mem.h"
#include "eval/func.h"
#include "parser.h"
#include "eval/proc.h"
#include "syntax/walk.h"

/* State of the clause loop for one query part. */
typedef struct QueryState {
  Op *pOp;                 /* pipeline so far */
  bool bReadSinceEager;    /* the pipeline read the graph since its last barrier */
  bool bWroteSinceEager;   /* the pipeline wrote since its last barrier */
  Plan *pPlan;             /* where RETURN columns go (NULL in subqueries) */
  bool bReturned;          /* a RETURN was planned */
  bool bSubquery;          /* inside EXISTS/COUNT/CALL { } */
  bool bStandaloneCall;    /* the query is a single CALL clause */
} QueryState;

/* A resolved reference to slot iSlot. */
static AstNode *planSlotRef(Compiler *c, uint32_t iSlot, int iOfst) {
  AstNode *p = ast_new(c->pArena, AST_VAR, iOfst);
  p->flags = AST_F_SLOTREF;
  p->iSlot = (int32_t)iSlot;
  return p;
}

/* Every slot visible in the current scope (what an eager barrier keeps). */
static SlotList planScopeSlots(Compiler *c) {
  SlotList sl;
  uint32_t n = 0;
  for (Scope *s = c->pScope; s; s = s->pOuter) n += s->vars.n;
  sl.a = arena_alloc(c->pArena, sizeof(uint32_t) * (n + 1));
  sl.n = 0;
  for (Scope *s = c->pScope; s; s = s->pOuter) {
    for (uint32_t i = 0; i < s->vars.n; i++) sl.a[sl.n++] = s->vars.a[i].iSlot;
  }
  return sl;
}

/* Inserts an eager barrier when the pipeline did what kind of work. */
static void planBarrier(Compiler *c, QueryState *q) {
  SlotList keep = planScopeSlots(c);
  q->pOp = op_eager(c->pCtx, q->pOp, &keep);
  q->bReadSinceEager = false;
  q->bWroteSinceEager = false;
}

/* ======================================================================
** Projections
** ==================================================================== */

typedef struct ProjItem {
  AstNode *pItem;          /* AST_PROJ_ITEM (or a synthesized one for *) */
  AstNode *pExpr;          /* its expression */
  const char *zName;       /* column / variable name */
  uint32_t nName;
  uint32_t iSlot;          /* output slot */
  bool bAgg;               /* contains an aggregate */
  bool bPass;              /* a variable passed through under its own name */
  Var *pVar;               /* the variable when pExpr is a plain variable */
  TypeMask tm;             /* static type */
} ProjItem;

static int planCmpVarNames(const void *a, const void *b) {
  const Var *x = *(const Var *const *)a, *y = *(const Var *const *)b;
  int c = memcmp(x->z, y->z, TG_MIN(x->n, y->n));
  return c ? c : (int)x->n - (int)y->n;
}

/* Is a grouping key simple enough to be referred to inside an aggregating
** expression: a variable, or a property of a variable? */
static bool planSimpleKey(const AstNode *p) {
  if (p->flags & AST_F_PAREN && p->kind != AST_VAR && p->kind != AST_PROP) return false;
  return p->kind == AST_VAR || (p->kind == AST_PROP && p->p1->kind == AST_VAR);
}

/* Slots of comprehension variables in scope while walking an item; grows
** with the nesting, which the user's text decides. */
typedef VEC(int32_t) PlanLocalSlots;

/*
** Checks the non-aggregate parts of an aggregating item: each must be a
** simple grouping key (then it reads the key's output slot), a constant, a
** parameter, or a variable of an enclosing comprehension. Raises
** AmbiguousAggregationExpression otherwise.
*/
/* What planAggItemParts' walk needs. */
typedef struct PlanAggParts {
  Compiler *c;
  ProjItem *aItem;
  uint32_t nItem;
  PlanLocalSlots *pLocal;  /* variables of the comprehensions around the node */
} PlanAggParts;

static int planAggPartNode(AstWalker *w, AstNode *p) {
  PlanAggParts *a = w->pArg;
  if (p->flags & AST_F_SLOTREF) return WALK_PRUNE;
  if (p->kind == AST_FUNC && p->pDef && (((const FuncDef *)p->pDef)->flags & FUNCF_AGGREGATE)) {
    return WALK_PRUNE;
  }
  for (uint32_t i = 0; i < a->nItem; i++) {
    if (!a->aItem[i].bAgg && planSimpleKey(a->aItem[i].pExpr) && check_same_expr(a->aItem[i].pExpr, p)) {
      p->flags |= AST_F_SLOTREF;
      p->iSlot = (int32_t)a->aItem[i].iSlot;
      return WALK_PRUNE;
    }
  }
  if (p->kind == AST_VAR || p->kind == AST_MP_VAR) {
    for (uint32_t i = 0; i < a->pLocal->n; i++) {
      if (a->pLocal->a[i] == p->iSlot) return WALK_PRUNE;
    }
    check_error(a->c, p, ERR_AMBIGUOUS_AGGREGATION,
                "an expression mixing aggregates with other values may only use grouping keys "
                "that are variables or properties");
    return WALK_ABORT;
  }
  if (p->kind == AST_LIST_COMP || p->kind == AST_QUANT || p->kind == AST_REDUCE) {
    vec_push(a->pLocal, p->iSlot);   /* the variable; for reduce, the accumulator */
    if (p->kind == AST_REDUCE) vec_push(a->pLocal, p->p4->iSlot);
  }
  return WALK_CONTINUE;
}

/* Leaving a comprehension: its variables go out of scope. */
static void planAggPartAfter(AstWalker *w, AstNode *p) {
  PlanAggParts *a = w->pArg;
  if (p->kind == AST_LIST_COMP || p->kind == AST_QUANT) a->pLocal->n -= 1;
  if (p->kind == AST_REDUCE) a->pLocal->n -= 2;
}

static bool planAggItemParts(Compiler *c, AstNode *p, ProjItem *aItem, uint32_t nItem,
                             PlanLocalSlots *pLocal) {
  PlanAggParts a = {c, aItem, nItem, pLocal};
  AstWalker w = {planAggPartNode, planAggPartAfter, &a, 0};
  return ast_walk(p, &w) != WALK_ABORT;
}

/* The projection planSubstituteProjected matches against. */
typedef struct PlanSubstitute {
  ProjItem *aItem;
  uint32_t nItem;
} PlanSubstitute;

static int planSubstituteNode(AstWalker *w, AstNode *p) {
  const PlanSubstitute *ps = w->pArg;
  if (p->flags & AST_F_SLOTREF) return WALK_PRUNE;
  for (uint32_t i = 0; i < ps->nItem; i++) {
    bool bCandidate = planSimpleKey(ps->aItem[i].pExpr) ||
                      (ps->aItem[i].pExpr->kind == AST_FUNC && ps->aItem[i].bAgg);
    if (bCandidate && p->kind != AST_VAR && check_same_expr(ps->aItem[i].pExpr, p)) {
      p->flags |= AST_F_SLOTREF;
      p->iSlot = (int32_t)ps->aItem[i].iSlot;
      return WALK_PRUNE;
    }
  }
  if (p->kind == AST_EXISTS || p->kind == AST_COUNT_SUB || p->kind == AST_COLLECT_SUB || p->kind == AST_PATTERN_COMP) return WALK_PRUNE;
  return WALK_CONTINUE;
}

/*
** After aggregation or DISTINCT, ORDER BY and WHERE see only the projected
** columns. A subexpression equal to a projected simple expression (a
** variable or a property of one) or to a projected aggregate reads that
** column instead: `WITH a.name AS n, count(*) AS c ORDER BY a.name + 'x'`.
*/
static void planSubstituteProjected(AstNode *p, ProjItem *aItem, uint32_t nItem) {
  PlanSubstitute ps = {aItem, nItem};
  AstWalker w = {planSubstituteNode, NULL, &ps, 0};
  ast_walk(p, &w);
}

static int planUnresolvedNode(AstWalker *w, AstNode *p) {
  if (p->flags & AST_F_SLOTREF) return WALK_PRUNE;
  if (p->kind == AST_FUNC) {
    const FuncDef *pDef = p->pDef ? p->pDef : func_lookup(p->z, p->n);
    if (pDef && (pDef->flags & FUNCF_AGGREGATE)) return WALK_PRUNE;
  }
  if (p->kind == AST_VAR && p->iSlot < 0) {
    *(const AstNode **)w->pArg = p;
    return WALK_ABORT;
  }
  return WALK_CONTINUE;
}

/* The first variable in p, outside aggregate calls, that is not resolved
** to a slot, or NULL. */
static const AstNode *planFirstUnresolvedVar(const AstNode *p) {
  const AstNode *pFound = NULL;
  AstWalker w = {planUnresolvedNode, NULL, &pFound, 0};
  ast_walk((AstNode *)p, &w);
  return pFound;
}

static int planMentionsNode(AstWalker *w, AstNode *p) {
  const char *zName = w->pArg;
  return p->kind == AST_VAR && p->z && strcmp(p->z, zName) == 0 ? WALK_ABORT : WALK_CONTINUE;
}

/* Does expression p mention variable zName? */
static bool planMentionsVar(const AstNode *p, const char *zName) {
  if (zName == NULL) return false;
  AstWalker w = {planMentionsNode, NULL, (void *)zName, 0};
  return ast_walk((AstNode *)p, &w) == WALK_ABORT;
}

/* Validates SKIP and LIMIT expressions: constant, integer, not negative. */
static bool planCheckSkipLimit(Compiler *c, AstNode *p, const char *zWhat) {
  if (p == NULL) return true;
  Scope *pSave = c->pScope;
  Scope empty;
  memset(&empty, 0, sizeof(empty));
  c->pScope = &empty;   /* no variables: they must be constant */
  TypeMask tm = check_expr(c, p, 0);
  c->pScope = pSave;
  if (c->pErr->code) {
    error_reclassify(c->pErr, ERR_UNDEFINED_VARIABLE, ERR_NON_CONSTANT_EXPRESSION);
    return false;
  }
  if (p->kind == AST_LITERAL) {
    if (p->lit.type == VAL_INT && p->lit.u.i < 0) {
      check_error(c, p, ERR_NEGATIVE_INTEGER_ARGUMENT_C, zWhat);
      return false;
    }
    if (p->lit.type != VAL_INT) {
      check_error(c, p, ERR_INVALID_ARGUMENT_TYPE_SKIP, zWhat);
      return false;
    }
  } else if (tm != TM_ANY && (tm & ~(TM(VAL_INT) | TM(VAL_NULL)))) {
    check_error(c, p, ERR_INVALID_ARGUMENT_TYPE_SKIP, zWhat);
    return false;
  }
  return true;
}

/* A WITH or RETURN body being planned: planProjection's steps share it. */
typedef struct Projection {
  Compiler *c;
  QueryState *q;
  AstNode *pProj;          /* the AST_PROJECTION */
  bool bReturn;            /* RETURN (else WITH) */
  bool bDistinct;          /* DISTINCT */
  bool bAnyAgg;            /* some item aggregates */
  VEC(ProjItem) items;     /* the items, `*` expanded */
  SlotList outList;        /* their output slots */
  Scope *pOld;             /* the scope before the projection */
  Scope *pNew;             /* the projected names */
} Projection;

/* Do entry iEntry of a VEC(Var *) and the Var pKey have the same name? */
static bool projVarNameEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const Var *a = ((const VEC(Var *) *)pCtx)->a[iEntry], *b = pKey;
  return a->n == b->n && memcmp(a->z, b->z, a->n) == 0;
}

/* Do item iEntry of a VEC(ProjItem) and the item pKey have the same name? */
static bool projItemNameEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const ProjItem *a = &((const VEC(ProjItem) *)pCtx)->a[iEntry], *b = pKey;
  return a->nName == b->nName && memcmp(a->zName, b->zName, a->nName) == 0;
}

/* Step 1a: `*` becomes the visible named variables, sorted by name (a
** variable shadowed by a later one of the same name appears once). */
static bool projExpandStar(Projection *P, AstNode *pItem) {
  Compiler *c = P->c;
  VEC(Var *) vars = {0};
  HTab seen;
  htab_init(&seen);
  /* Latest first, so the one a name resolves to is the one kept. */
  for (uint32_t k = c->pScope->vars.n; k-- > 0;) {
    Var *v = &c->pScope->vars.a[k];
    uint64_t h = htab_hash_bytes(v->z, v->n);
    if (htab_find(&seen, h, projVarNameEq, &vars, v) >= 0) continue;
    vec_push(&vars, v);
    htab_insert(&seen, h, vars.n - 1);
  }
  htab_free(&seen);
  if (vars.n == 0 && P->bReturn) {
    vec_free(&vars);
    check_error(c, pItem, ERR_NO_VARIABLES_IN_SCOPE);
    return false;
  }
  if (vars.n > 1) qsort(vars.a, vars.n, sizeof(Var *), planCmpVarNames);
  for (uint32_t k = 0; k < vars.n; k++) {
    ProjItem it;
    memset(&it, 0, sizeof(it));
    it.pExpr = ast_new(c->pArena, AST_VAR, pItem->iOfst);
    it.pExpr->z = vars.a[k]->z;
    it.pExpr->n = vars.a[k]->n;
    it.zName = vars.a[k]->z;
    it.nName = vars.a[k]->n;
    vec_push(&P->items, it);
  }
  vec_free(&vars);
  return true;
}

/* Step 1: the items, `*` first, then the written ones with their column
** names. WITH needs an alias for anything but a variable. */
static bool projGatherItems(Projection *P) {
  AstList *pItems = P->pProj->pList;
  for (uint32_t i = 0; i < pItems->n; i++) {
    if (pItems->a[i]->kind == AST_STAR && !projExpandStar(P, pItems->a[i])) return false;
  }
  for (uint32_t i = 0; i < pItems->n; i++) {
    AstNode *pItem = pItems->a[i];
    if (pItem->kind == AST_STAR) continue;
    ProjItem it;
    memset(&it, 0, sizeof(it));
    it.pItem = pItem;
    it.pExpr = pItem->p1;
    it.zName = pItem->z;
    it.nName = pItem->n;
    if (!P->bReturn && !(pItem->flags & AST_F_ALIASED) && pItem->p1->kind != AST_VAR) {
      check_error(P->c, pItem->p1, ERR_NO_EXPRESSION_ALIAS);
      return false;
    }
    if (!(pItem->flags & AST_F_ALIASED) && pItem->p1->kind == AST_VAR &&
        !(pItem->p1->flags & AST_F_PAREN)) {
      it.zName = pItem->p1->z;
      it.nName = pItem->p1->n;
    }
    /* An unaliased map projection is named after its variable, as Neo4j
    ** names it: RETURN keanu {.name} gives the column keanu. */
    if (!(pItem->flags & AST_F_ALIASED) && pItem->p1->kind == AST_MAP_PROJ &&
        pItem->p1->p1->kind == AST_VAR && !(pItem->p1->flags & AST_F_PAREN)) {
      it.zName = pItem->p1->p1->z;
      it.nName = pItem->p1->p1->n;
    }
    vec_push(&P->items, it);
  }
  return true;
}

/* Step 2: resolves each expression and finds the aggregates; column names
** must be unique (a hash of the names keeps this linear: a RETURN of
** 100,000 items compared every pair). */
static bool projResolveItems(Projection *P) {
  Compiler *c = P->c;
  for (uint32_t i = 0; i < P->items.n; i++) {
    ProjItem *it = &P->items.a[i];
    c->aggs.n = 0;
    it->tm = check_expr(c, it->pExpr, CK_AGG);
    if (c->pErr->code) return false;
    it->bAgg = c->aggs.n > 0;
    P->bAnyAgg |= it->bAgg;
    if (it->pExpr->kind == AST_VAR) it->pVar = check_lookup(c, it->pExpr->z, it->pExpr->n);
  }
  /* The conflict reported is the one whose first use comes earliest, at
  ** its second use. */
  HTab names;
  htab_init(&names);
  uint32_t iFirst = UINT32_MAX, iSecond = 0;
  uint32_t *aSecond = tg_calloc(P->items.n + 1, sizeof(uint32_t));   /* 0: none yet */
  for (uint32_t i = 0; i < P->items.n; i++) {
    const ProjItem *it = &P->items.a[i];
    uint64_t h = htab_hash_bytes(it->zName, it->nName);
    int64_t j = htab_find(&names, h, projItemNameEq, &P->items, it);
    if (j < 0) {
      htab_insert(&names, h, i);
    } else if (aSecond[j] == 0) {
      aSecond[j] = i;
      if ((uint32_t)j < iFirst) {
        iFirst = (uint32_t)j;
        iSecond = i;
      }
    }
  }
  htab_free(&names);
  tg_free(aSecond);
  if (iFirst == UINT32_MAX) return true;
  const ProjItem *pDup = &P->items.a[iSecond];
  check_error(c, pDup->pItem ? pDup->pItem : pDup->pExpr, ERR_COLUMN_NAME_CONFLICT, pDup->zName);
  return false;
}

/* Step 3: output slots. A variable passed through under its own name keeps
** its slot; everything else gets a new one. */
static void projAssignSlots(Projection *P) {
  for (uint32_t i = 0; i < P->items.n; i++) {
    ProjItem *it = &P->items.a[i];
    if (it->pVar && it->pVar->n == it->nName && memcmp(it->pVar->z, it->zName, it->nName) == 0) {
      it->bPass = true;
      it->iSlot = it->pVar->iSlot;
    } else {
      it->iSlot = check_new_slot(P->c);
    }
  }
}

/* Gathers the aggregate calls of one item not yet given a slot, in
** written order (an aggregate call is a leaf here: aggregates do not nest,
** and those inside subqueries are theirs). */
static int projAggNode(AstWalker *w, AstNode *p) {
  if (p->kind == AST_FUNC && p->pDef && (((const FuncDef *)p->pDef)->flags & FUNCF_AGGREGATE)) {
    if (!(p->flags & AST_F_SLOTREF)) vec_push((VEC(AstNode *) *)w->pArg, p);
    return WALK_PRUNE;
  }
  if (p->kind == AST_EXISTS || p->kind == AST_COUNT_SUB || p->kind == AST_COLLECT_SUB || p->kind == AST_PATTERN_COMP ||
      p->kind == AST_PATTERN_EXPR) {
    return WALK_PRUNE;
  }
  return WALK_CONTINUE;
}

/* Gives each aggregate call of item pExpr an output slot and appends it to
** *pAggs, last written first (the order plans have always listed them in). */
static void projAddAggregates(Compiler *c, AstNode *pExpr, void *pAggs) {
  VEC(AggSpec) *pv = pAggs;
  VEC(AstNode *) calls = {0};
  AstWalker w = {projAggNode, NULL, &calls, 0};
  ast_walk(pExpr, &w);
  for (uint32_t i = calls.n; i-- > 0;) {
    AggSpec spec;
    spec.pCall = calls.a[i];
    spec.iSlot = check_new_slot(c);
    vec_push(pv, spec);
    /* After aggregation the call reads its slot. Its arguments are
    ** evaluated by the aggregate operator before that flag matters. */
    calls.a[i]->iSlot = (int32_t)spec.iSlot;
  }
  vec_free(&calls);
}

/* Projects the items that need computing (aggregated: the aggregating ones;
** plain: all but the passed-through variables). */
static void projProjectItems(Projection *P, bool bAggregated) {
  VEC(uint32_t) outSlots = {0};
  VEC(AstNode *) outExprs = {0};
  for (uint32_t i = 0; i < P->items.n; i++) {
    const ProjItem *it = &P->items.a[i];
    if (bAggregated ? !it->bAgg : it->bPass) continue;
    vec_push(&outSlots, it->iSlot);
    vec_push(&outExprs, it->pExpr);
  }
  if (bAggregated || outSlots.n) {
    P->q->pOp = op_project(P->c->pCtx, P->q->pOp, outSlots.n, outSlots.a, outExprs.a);
  }
  vec_free(&outSlots);
  vec_free(&outExprs);
}

/* Is p `n.key` on a variable? */
static bool projIsVarProp(const AstNode *p) {
  return p && p->kind == AST_PROP && p->iAux >= 0 && p->p1->kind == AST_VAR && p->p1->iSlot >= 0;
}

/* Step 4 with aggregates: the other items are the grouping keys; an
** Aggregate computes each aggregate call into its slot, then a Project
** computes the aggregating items from those. */
static bool projAggregate(Projection *P) {
  Compiler *c = P->c;
  VEC(uint32_t) keySlots = {0};
  VEC(AstNode *) keyExprs = {0};
  VEC(AggSpec) aggs = {0};
  for (uint32_t i = 0; i < P->items.n; i++) {
    if (P->items.a[i].bAgg) continue;
    vec_push(&keySlots, P->items.a[i].iSlot);
    vec_push(&keyExprs, P->items.a[i].pExpr);
  }
  for (uint32_t i = 0; i < P->items.n && !c->pErr->code; i++) {
    ProjItem *it = &P->items.a[i];
    if (!it->bAgg) continue;
    c->aggs.n = 0;
    projAddAggregates(c, it->pExpr, &aggs);
    PlanLocalSlots locals = {0};
    bool bPartsOk = planAggItemParts(c, it->pExpr, P->items.a, P->items.n, &locals);
    vec_free(&locals);
    if (!bPartsOk) break;
  }
  bool bOk = c->pErr->code == 0;
  if (bOk) {
    QueryState *q = P->q;
    q->pOp = op_aggregate(c->pCtx, q->pOp, keySlots.n, keySlots.a, keyExprs.a, aggs.n, aggs.a);
    if (!c->bReference && !q->bWroteSinceEager && keySlots.n == 1 && projIsVarProp(keyExprs.a[0])) {
      op_aggregate_cache_node_key(q->pOp, (uint32_t)keyExprs.a[0]->p1->iSlot);
    }
    if (!c->bReference && !plan_factor_count(c, q->pOp, keySlots.n, keyExprs.a, aggs.n, aggs.a)) {
      plan_count_fold(c, q->pOp, keySlots.n, keyExprs.a, aggs.n, aggs.a);
    }
    for (uint32_t i = 0; i < aggs.n; i++) ((AstNode *)aggs.a[i].pCall)->flags |= AST_F_SLOTREF;
    projProjectItems(P, true);
    q->bReadSinceEager = false;
    q->bWroteSinceEager = false;
  }
  vec_free(&keySlots);
  vec_free(&keyExprs);
  vec_free(&aggs);
  return bOk;
}

/*
** Inside an EXISTS, COUNT or COLLECT subquery, a WITH or UNWIND may not
** declare a name the enclosing query already has (Neo4j 5 refuses it as
** shadowing): the subquery would silently read its own value where the
** reader expects the outer one. iSlot is the slot the name gets; passing
** the outer variable through (WITH x) keeps its slot and is allowed.
*/
static bool planNotShadowing(Compiler *c, int iOfst, const char *z, uint32_t n, int64_t iSlot) {
  if (c->pExprOuter == NULL) return true;
  for (Scope *s = c->pExprOuter; s; s = s->pOuter) {
    Var *v = check_lookup_local(s, z, n);
    if (v == NULL) continue;
    if ((int64_t)v->iSlot == iSlot) return true;
    check_error_at(c, iOfst, ERR_VARIABLE_SHADOWING, v->z);
    return false;
  }
  return true;
}

/* Step 5: DISTINCT, and the new scope of the projected names. */
static bool projBindScope(Projection *P) {
  Compiler *c = P->c;
  P->outList.n = P->items.n;
  P->outList.a = arena_alloc(c->pArena, sizeof(uint32_t) * (P->items.n + 1));
  for (uint32_t i = 0; i < P->items.n; i++) P->outList.a[i] = P->items.a[i].iSlot;
  if (P->bDistinct) P->q->pOp = op_distinct(c->pCtx, P->q->pOp, &P->outList);
  P->pOld = c->pScope;
  P->pNew = check_alloc_scope(c, P->pOld->pOuter);
  for (uint32_t i = 0; i < P->items.n; i++) {
    ProjItem *it = &P->items.a[i];
    VarKind eKind = it->pVar ? (VarKind)it->pVar->eKind : VK_VALUE;
    TypeMask tm = it->pVar ? it->pVar->tm : it->tm;
    const AstNode *pAt = it->pItem ? it->pItem : it->pExpr;
    int iAt = (pAt->flags & AST_F_ALIASED) ? pAt->iEnd : pAt->iOfst;
    if (!P->bReturn && !planNotShadowing(c, iAt, it->zName, it->nName,
                                         it->pVar ? (int64_t)it->pVar->iSlot : -1)) {
      return false;
    }
    check_bind(c, P->pNew, it->zName, it->nName, it->iSlot, eKind, tm);
  }
  return true;
}

/* The sort keys being built for ORDER BY. */
typedef struct ProjSort {
  Scope scope;                 /* what the keys see */
  VEC(SortKey) keys;
  VEC(uint32_t) keySlots;      /* keys computed into new slots ... */
  VEC(AstNode *) keyExprs;     /* ... from these expressions */
} ProjSort;

/* Resolves the expression of one ORDER BY key into the slot it reads, or
** UINT32_MAX with the error set. A bare name reads the projected variable
** (or, for a plain projection, the earlier one); another expression equal
** to a projected one reads that column; the rest is computed. */
static uint32_t projSortKeySlot(Projection *P, ProjSort *s, AstNode *pExpr) {
  Compiler *c = P->c;
  bool bRestricted = P->bAnyAgg || P->bDistinct;
  if (pExpr->kind != AST_VAR || (pExpr->flags & AST_F_PAREN)) {
    for (uint32_t k = 0; k < P->items.n; k++) {
      if (check_same_expr(P->items.a[k].pExpr, pExpr)) return P->items.a[k].iSlot;
    }
  }
  bool bHasAgg = false;
  if (bRestricted) {
    planSubstituteProjected(pExpr, P->items.a, P->items.n);
    bHasAgg = check_has_aggregate_call(pExpr);
  }
  Scope *pSave = c->pScope;
  c->pScope = &s->scope;
  c->aggs.n = 0;
  check_expr(c, pExpr, P->bAnyAgg ? CK_AGG : 0);
  c->pScope = pSave;
  if (c->pErr->code && bHasAgg && c->pErr->eId == ERR_UNDEFINED_VARIABLE) {
    /* A name that is part of a projected expression, inside an
    ** aggregating sort key, is ambiguous rather than undefined. */
    const AstNode *pVar = planFirstUnresolvedVar(pExpr);
    for (uint32_t k = 0; pVar && k < P->items.n; k++) {
      if (!P->items.a[k].bAgg && planMentionsVar(P->items.a[k].pExpr, pVar->z)) {
        error_reclassify(c->pErr, ERR_UNDEFINED_VARIABLE, ERR_AMBIGUOUS_AGGREGATION);
        break;
      }
    }
  }
  if (c->pErr->code) return UINT32_MAX;
  if (c->aggs.n) {
    check_error(c, pExpr, ERR_INVALID_AGGREGATION,
                "ORDER BY may only use aggregates that are also returned");
    return UINT32_MAX;
  }
  if (pExpr->kind == AST_VAR) return (uint32_t)pExpr->iSlot;
  uint32_t iKeySlot = check_new_slot(c);
  vec_push(&s->keySlots, iKeySlot);
  vec_push(&s->keyExprs, pExpr);
  return iKeySlot;
}

/* The slots a sort keeps: the projected ones, its computed keys, and for
** a WITH ... WHERE after a plain projection the earlier variables, which
** the WHERE may read too. */
static SlotList projSortKeeps(Projection *P, const ProjSort *s, bool bWhere) {
  SlotList older = {0, NULL};
  if (bWhere && !(P->bAnyAgg || P->bDistinct)) older = planScopeSlots(P->c);
  SlotList keep;
  keep.n = P->outList.n + s->keySlots.n + older.n;
  keep.a = arena_alloc(P->c->pArena, sizeof(uint32_t) * (keep.n + 1));
  if (P->outList.n) memcpy(keep.a, P->outList.a, sizeof(uint32_t) * P->outList.n);
  if (s->keySlots.n) memcpy(keep.a + P->outList.n, s->keySlots.a, sizeof(uint32_t) * s->keySlots.n);
  if (older.n) memcpy(keep.a + P->outList.n + s->keySlots.n, older.a, sizeof(uint32_t) * older.n);
  return keep;
}

/* The expression sort key slot iSlot stands for (a computed key, or a
** projected item), or NULL. */
static const AstNode *projSortKeyExpr(const Projection *P, const ProjSort *s, uint32_t iSlot) {
  for (uint32_t i = 0; i < s->keySlots.n; i++) {
    if (s->keySlots.a[i] == iSlot) return s->keyExprs.a[i];
  }
  for (uint32_t i = 0; i < P->items.n; i++) {
    if (P->items.a[i].iSlot == iSlot) return P->items.a[i].pExpr;
  }
  return NULL;
}

/* Does an index seek below already give the rows in the one sort key's
** order (ORDER BY n.p, or an alias of n.p, over MATCH ... WHERE on n.p)?
** Then the sort is left out (op_index_seek_provide_order). */
static bool projOrderProvided(Projection *P, const ProjSort *s) {
  Compiler *c = P->c;
  if (s->keys.n != 1 || c->bReference || P->bAnyAgg || P->bDistinct) return false;
  const AstNode *pExpr = projSortKeyExpr(P, s, s->keys.a[0].iSlot);
  if (!projIsVarProp(pExpr)) return false;
  return op_index_seek_provide_order(P->q->pOp, (uint32_t)pExpr->p1->iSlot, (uint32_t)pExpr->iAux,
                                     s->keys.a[0].bDesc);
}

static bool projOpIs(const Op *p, const char *zName) { return strcmp(p->pVtab->zName, zName) == 0; }

/* For a Sort with a LIMIT whose first keys are `n.key`, `m.key`...: puts
** a TopCut for the first i keys just above the scan or expansion that
** binds the i-th key's variable, when the earlier keys' variables are
** bound there too and only operators that make rows from rows one by one
** lie between (projections, filters, expansions, WcoJoins, scans, the
** outer side of an Apply; so every row made from a dropped one would have had the same
** keys, and been cut away). ORDER BY a.id, b.id LIMIT 1000 over a
** large pattern then enumerates little beyond the first a's and b's. */
#define PROJ_MAX_CUT_DEPTH 64
static void projPushTopCut(Projection *P, const ProjSort *s, Op *pSort) {
  Compiler *c = P->c;
  /* A write in the pipeline could change a key between the cut and the sort. */
  if (c->bReference || P->bAnyAgg || P->bDistinct || P->q->bWroteSinceEager) return;
  Op **apLink[PROJ_MAX_CUT_DEPTH];   /* the links down the chain, from the Sort */
  uint32_t nLink = 0;
  for (Op **pp = &pSort->pChild; *pp && nLink < PROJ_MAX_CUT_DEPTH; pp = &(*pp)->pChild) {
    Op *p = *pp;
    apLink[nLink++] = pp;
    /* (an Apply's rows are made from its outer side's, pChild) */
    if (!(projOpIs(p, "Project") || projOpIs(p, "Filter") || projOpIs(p, "Expand") ||
          projOpIs(p, "NodeByLabelScan") || projOpIs(p, "AllNodesScan") || projOpIs(p, "Apply") ||
          projOpIs(p, "WcoJoin"))) {
      break;
    }
  }
  const AstNode *apKey[PROJ_MAX_CUT_DEPTH];
  uint32_t aDepth[PROJ_MAX_CUT_DEPTH];   /* where the cut for keys [0, i] goes; 0: none */
  uint32_t nKey = 0, iShallowest = UINT32_MAX;
  for (; nKey < s->keys.n && nKey < PROJ_MAX_CUT_DEPTH; nKey++) {
    const AstNode *pKey = projSortKeyExpr(P, s, s->keys.a[nKey].iSlot);
    if (!projIsVarProp(pKey)) break;
    uint32_t iVar = (uint32_t)pKey->p1->iSlot, d = 0;
    for (uint32_t k = 0; k < nLink && d == 0; k++) {
      Op *p = *apLink[k];
      const ExpandSpec *pSpec = op_expand_spec(p);
      if (op_scan_slot(p) == iVar || (pSpec && !pSpec->bInto && !pSpec->bVarLen && pSpec->iTo == iVar)) d = k + 1;
    }
    if (d == 0) break;
    apKey[nKey] = pKey;
    /* Deeper than an earlier key's binding, this key's cut could not read it. */
    aDepth[nKey] = d <= iShallowest ? d : 0;
    if (d < iShallowest) iShallowest = d;
  }
  /* One cut per binding operator, the longest prefix it can test. */
  for (uint32_t i = nKey; i-- > 0;) {
    if (aDepth[i] == 0) continue;
    bool bLonger = false;
    for (uint32_t k = i + 1; k < nKey; k++) bLonger |= aDepth[k] == aDepth[i];
    if (bLonger) continue;
    Op **pp = apLink[aDepth[i] - 1];
    /* Cut right above the scan of the first key's variable: the scan
    ** reads in that key's order, so the cut can end it. */
    bool bOrdered = aDepth[i] == aDepth[0] && op_scan_slot(*pp) == (uint32_t)apKey[0]->p1->iSlot &&
                    op_scan_order_by(*pp, (uint32_t)apKey[0]->iAux, s->keys.a[0].bDesc);
    *pp = op_top_cut(c->pCtx, *pp, i + 1, apKey, pSort);
    if (bOrdered) op_top_cut_over_ordered_scan(*pp);
  }
}

/* Step 6: ORDER BY (a sort that keeps only SKIP + LIMIT rows when there is
** a LIMIT), SKIP and LIMIT. ORDER BY sees the projected names and, after a
** plain projection, the previous scope behind them. */
static bool projOrderSkipLimit(Projection *P, bool bWhere) {
  Compiler *c = P->c;
  AstNode *pProj = P->pProj;
  if (pProj->pList2) {
    ProjSort s;
    memset(&s, 0, sizeof(s));
    s.scope.vars = P->pNew->vars;
    s.scope.pOuter = (P->bAnyAgg || P->bDistinct) ? P->pOld->pOuter : P->pOld;
    for (uint32_t i = 0; i < pProj->pList2->n && !c->pErr->code; i++) {
      AstNode *pSort = pProj->pList2->a[i];
      SortKey k;
      k.iSlot = projSortKeySlot(P, &s, pSort->p1);
      k.bDesc = (pSort->flags & AST_F_DESC) != 0;
      vec_push(&s.keys, k);
    }
    s.scope.vars.a = NULL;   /* borrowed from pNew */
    bool bOk = c->pErr->code == 0;
    if (bOk && s.keySlots.n) {
      P->q->pOp = op_project(c->pCtx, P->q->pOp, s.keySlots.n, s.keySlots.a, s.keyExprs.a);
    }
    SlotList keep = {0, NULL};
    if (bOk) keep = projSortKeeps(P, &s, bWhere);
    bOk = bOk && planCheckSkipLimit(c, pProj->p1, "SKIP") && planCheckSkipLimit(c, pProj->p2, "LIMIT");
    if (bOk) {
      /* A LIMIT lets the sort keep only the top rows (SKIP + LIMIT). */
      AstNode *pTop = pProj->p2;
      if (pProj->p2 && pProj->p1) {
        pTop = ast_new(c->pArena, AST_BINARY, pProj->p2->iOfst);
        pTop->op = TK_PLUS;
        pTop->p1 = pProj->p1;
        pTop->p2 = pProj->p2;
      }
      if (!projOrderProvided(P, &s)) {
        P->q->pOp = op_sort(c->pCtx, P->q->pOp, s.keys.n, s.keys.a, &keep, pTop);
        if (pTop) projPushTopCut(P, &s, P->q->pOp);
      }
    }
    vec_free(&s.keys);
    vec_free(&s.keySlots);
    vec_free(&s.keyExprs);
    if (!bOk) return false;
  } else if (!planCheckSkipLimit(c, pProj->p1, "SKIP") || !planCheckSkipLimit(c, pProj->p2, "LIMIT")) {
    return false;
  }
  if (pProj->p1 || pProj->p2) {
    /* Updates apply to every row even when LIMIT needs fewer: drain. */
    P->q->pOp = op_skip_limit(c->pCtx, P->q->pOp, pProj->p1, pProj->p2, P->q->bWroteSinceEager);
  }
  return true;
}

/* Step 7: switches to the new scope. WITH ... WHERE sees the projected
** names and, after a plain projection (no aggregation, no DISTINCT), the
** earlier ones behind them, as ORDER BY does. */
static bool projWhere(Projection *P, AstNode *pWhere) {
  Compiler *c = P->c;
  c->pScope = P->pNew;
  if (pWhere == NULL) return true;
  bool bRestricted = P->bAnyAgg || P->bDistinct;
  Scope whereScope;
  memset(&whereScope, 0, sizeof(whereScope));
  whereScope.vars = P->pNew->vars;
  whereScope.pOuter = bRestricted ? P->pOld->pOuter : P->pOld;
  c->pScope = &whereScope;
  if (bRestricted) planSubstituteProjected(pWhere, P->items.a, P->items.n);
  TypeMask tm = check_expr(c, pWhere, CK_PRED);
  c->pScope = P->pNew;
  if (c->pErr->code) return false;
  if ((tm & ~TM(VAL_NULL)) && !(tm & TM(VAL_BOOL))) {
    check_error(c, pWhere, ERR_INVALID_ARGUMENT_TYPE_C, "WHERE needs a boolean");
    return false;
  }
  P->q->pOp = op_filter(c->pCtx, P->q->pOp, pWhere);
  return true;
}

/* Step 8: a RETURN's items are the statement's columns. */
static void projSetColumns(Projection *P) {
  Plan *pPlan = P->q->pPlan;
  Arena *pA = P->c->pArena;
  pPlan->nCol = P->items.n;
  pPlan->azCol = arena_alloc(pA, sizeof(char *) * (P->items.n + 1));
  pPlan->aColSlot = arena_alloc(pA, sizeof(uint32_t) * (P->items.n + 1));
  for (uint32_t i = 0; i < P->items.n; i++) {
    pPlan->azCol[i] = arena_strndup(pA, P->items.a[i].zName, P->items.a[i].nName);
    pPlan->aColSlot[i] = P->items.a[i].iSlot;
  }
}

/*
** Plans a WITH or RETURN body, step by step (see each step). On return the
** current scope holds exactly the projected variables.
*/
static bool planProjection(Compiler *c, QueryState *q, AstNode *pProj, bool bReturn,
                           AstNode *pWhere) {
  Projection P;
  memset(&P, 0, sizeof(P));
  P.c = c;
  P.q = q;
  P.pProj = pProj;
  P.bReturn = bReturn;
  P.bDistinct = (pProj->flags & AST_F_DISTINCT) != 0;
  bool bOk = projGatherItems(&P) && projResolveItems(&P);
  if (bOk) {
    projAssignSlots(&P);
    if (P.bAnyAgg) bOk = projAggregate(&P);
    else projProjectItems(&P, false);
  }
  if (bOk) bOk = projBindScope(&P);
  if (bOk) {
    bOk = projOrderSkipLimit(&P, pWhere != NULL) && projWhere(&P, pWhere);
  }
  if (bOk && bReturn && q->pPlan) projSetColumns(&P);
  vec_free(&P.items);
  return bOk;
}

/* ======================================================================
** Writing clauses
** ==================================================================== */

/* Label ids of a conjunction of labels (CREATE/SET take only those), and
** the dynamic ones ($(e)) apart, their expressions checked. */
static bool planLabelList(Compiler *c, AstNode *p, uint32_t *pn, uint32_t **paLabel, uint32_t *pnDynamic,
                          const AstNode ***papDynamic) {
  VEC(uint32_t) out = {0};
  VEC(const AstNode *) dyn = {0};
  VEC(AstNode *) stack = {0};   /* grows: a node may carry any number of labels */
  if (p) vec_push(&stack, p);
  while (stack.n) {
    AstNode *x = stack.a[--stack.n];
    if (x->kind == AST_LABEL) {
      vec_push(&out, check_label_id(c, x->z, x->n));
    } else if (x->kind == AST_LABEL_AND) {
      vec_push(&stack, x->p2);
      vec_push(&stack, x->p1);
    } else if (x->kind == AST_LABEL_DYNAMIC && x->op == 0) {
      vec_push(&dyn, x);
      check_expr(c, x->p1, 0);
    } else {
      check_error(c, x, ERR_SYNTAX, x->kind == AST_LABEL_DYNAMIC ? "$any(...) cannot be written; use $(...)"
                                                                  : "only plain labels (:A:B) can be written");
    }
    if (c->pErr->code) {
      vec_free(&stack);
      vec_free(&out);
      vec_free(&dyn);
      return false;
    }
  }
  vec_free(&stack);
  *pn = out.n;
  *paLabel = arena_alloc(c->pArena, sizeof(uint32_t) * (out.n + 1));
  if (out.n) memcpy(*paLabel, out.a, sizeof(uint32_t) * out.n);
  *pnDynamic = dyn.n;
  *papDynamic = arena_alloc(c->pArena, sizeof(AstNode *) * (dyn.n + 1));
  if (dyn.n) memcpy(*papDynamic, dyn.a, sizeof(AstNode *) * dyn.n);
  vec_free(&out);
  vec_free(&dyn);
  return true;
}

/* Checks a property map of a pattern to create; NULL is fine. */
static bool planCheckProps(Compiler *c, AstNode *pProps) {
  if (pProps == NULL) return true;
  TypeMask tm = check_expr(c, pProps, 0);
  if (c->pErr->code) return false;
  if ((tm & ~TM(VAL_NULL)) && !(tm & TM(VAL_MAP))) {
    check_error(c, pProps, ERR_INVALID_ARGUMENT_TYPE_C, "properties must be a map");
    return false;
  }
  return true;
}

/* A relationship that CREATE or MERGE may make: of fixed length and with
** exactly one type. */
static bool planCheckRelToMake(Compiler *c, AstNode *pRel) {
  if (pRel->flags & AST_F_VARLEN) {
    check_error(c, pRel, ERR_CREATING_VAR_LENGTH);
    return false;
  }
  bool bDynamic = pRel->p1 && pRel->p1->kind == AST_LABEL_DYNAMIC && pRel->p1->op == 0;
  if (pRel->p1 == NULL || (pRel->p1->kind != AST_LABEL && !bDynamic)) {
    check_error(c, pRel, ERR_NO_SINGLE_REL_TYPE);
    return false;
  }
  if (bDynamic) check_expr(c, pRel->p1->p1, 0);
  return c->pErr->code == 0;
}

/* What CREATE must make, gathered part by part (planCreateSpec). */
typedef struct CreateBuild {
  VEC(CreateNode) nodes;
  VEC(CreateRel) rels;
  VEC(CreatePath) paths;
} CreateBuild;

/* The node patterns of one part: a variable bound before is reused (and
** may carry no labels or properties); the others are new nodes. */
static bool planCreateNodes(Compiler *c, AstList *pChain, CreateBuild *b) {
  for (uint32_t i = 0; i < pChain->n; i += 2) {
    AstNode *pNode = pChain->a[i];
    Var *v = pNode->z ? check_lookup(c, pNode->z, pNode->n) : NULL;
    if (v) {
      if (v->eKind != VK_NODE && !(v->eKind == VK_VALUE && (v->tm & TM(VAL_NODE)))) {
        check_error(c, pNode, ERR_VARIABLE_TYPE_CONFLICT, pNode->z, check_kind_name(v->eKind),
                    "a node");
        return false;
      }
      if (pNode->p1 || pNode->p2 || pChain->n == 1) {
        /* A bound node may only be an end of a relationship to create. */
        check_error(c, pNode, ERR_VARIABLE_ALREADY_BOUND, pNode->z);
        return false;
      }
      pNode->iSlot = (int32_t)v->iSlot;
      continue;
    }
    CreateNode cn;
    memset(&cn, 0, sizeof(cn));
    if (pNode->z) {
      v = check_declare(c, pNode->z, pNode->n, VK_NODE, TM(VAL_NODE) | TM(VAL_NULL));
      cn.iSlot = v->iSlot;
    } else {
      cn.iSlot = check_new_slot(c);
    }
    pNode->iSlot = (int32_t)cn.iSlot;
    if (pNode->p1 && !planLabelList(c, pNode->p1, &cn.nLabel, &cn.aLabel, &cn.nDynamic, &cn.apDynamic)) return false;
    if (!planCheckProps(c, pNode->p2)) return false;
    cn.pProps = pNode->p2;
    vec_push(&b->nodes, cn);
  }
  return true;
}

/* The relationship patterns of one part: each new, of one type, directed,
** of fixed length, between the nodes on either side. */
static bool planCreateRels(Compiler *c, AstList *pChain, CreateBuild *b) {
  for (uint32_t i = 1; i < pChain->n; i += 2) {
    AstNode *pRel = pChain->a[i];
    if (pRel->z && check_lookup(c, pRel->z, pRel->n)) {
      check_error(c, pRel, ERR_VARIABLE_ALREADY_BOUND, pRel->z);
      return false;
    }
    if (!planCheckRelToMake(c, pRel)) return false;
    if (pRel->op == DIR_BOTH) {
      check_error(c, pRel, ERR_REQUIRES_DIRECTED);
      return false;
    }
    CreateRel cr;
    memset(&cr, 0, sizeof(cr));
    cr.iOfst = pRel->iOfst;
    cr.iSlot = pRel->z ? check_declare(c, pRel->z, pRel->n, VK_REL, TM(VAL_REL) | TM(VAL_NULL))->iSlot
                       : check_new_slot(c);
    pRel->iSlot = (int32_t)cr.iSlot;
    if (pRel->p1->kind == AST_LABEL_DYNAMIC) cr.pDynamicType = pRel->p1;
    else cr.type = check_type_id(c, pRel->p1->z, pRel->p1->n);
    uint32_t iLeft = (uint32_t)pChain->a[i - 1]->iSlot, iRight = (uint32_t)pChain->a[i + 1]->iSlot;
    bool bIn = pRel->op == DIR_IN;
    cr.iFrom = bIn ? iRight : iLeft;
    cr.iTo = bIn ? iLeft : iRight;
    if (!planCheckProps(c, pRel->p2)) return false;
    cr.pProps = pRel->p2;
    vec_push(&b->rels, cr);
  }
  return true;
}

/* A named part (p = (a)-[:T]->(b)): the path is built from the slots of
** its nodes and relationships once they exist. */
static bool planCreatePath(Compiler *c, AstNode *pPath, CreateBuild *b) {
  if (check_lookup(c, pPath->z, pPath->n)) {
    check_error(c, pPath, ERR_VARIABLE_ALREADY_BOUND, pPath->z);
    return false;
  }
  AstList *pChain = pPath->pList;
  CreatePath cp;
  cp.iSlot = check_declare(c, pPath->z, pPath->n, VK_PATH, TM(VAL_PATH))->iSlot;
  cp.pBuild = ast_new(c->pArena, AST_PATH_BUILD, pPath->iOfst);
  AstList *pL = arena_zalloc(c->pArena, sizeof(AstList));
  pL->n = pL->nAlloc = pChain->n;
  pL->a = arena_alloc(c->pArena, sizeof(AstNode *) * pL->n);
  for (uint32_t k = 0; k < pChain->n; k++) {
    pL->a[k] = planSlotRef(c, (uint32_t)pChain->a[k]->iSlot, pPath->iOfst);
  }
  cp.pBuild->pList = pL;
  vec_push(&b->paths, cp);
  return true;
}

/*
** Builds what CREATE must make for a pattern. Variables bound before are
** reused and may not carry labels or properties (VariableAlreadyBound);
** new variables are declared.
*/
static bool planCreateSpec(Compiler *c, AstList *pPattern, CreateSpec *pSpec) {
  CreateBuild b;
  memset(&b, 0, sizeof(b));
  bool bOk = true;
  for (uint32_t iPart = 0; iPart < pPattern->n && bOk; iPart++) {
    AstNode *pPath = pPattern->a[iPart];
    if (pPath->flags & (AST_F_SHORTEST | AST_F_ALL_SHORTEST)) {
      check_error(c, pPath, ERR_SYNTAX, "shortestPath() cannot be created");
      bOk = false;
      break;
    }
    bOk = planCreateNodes(c, pPath->pList, &b) && planCreateRels(c, pPath->pList, &b) &&
          (pPath->z == NULL || planCreatePath(c, pPath, &b));
  }
  if (bOk) {
    pSpec->nNode = b.nodes.n;
    pSpec->nRel = b.rels.n;
    pSpec->nPath = b.paths.n;
    pSpec->aNode = arena_alloc(c->pArena, sizeof(CreateNode) * (b.nodes.n + 1));
    pSpec->aRel = arena_alloc(c->pArena, sizeof(CreateRel) * (b.rels.n + 1));
    pSpec->aPath = arena_alloc(c->pArena, sizeof(CreatePath) * (b.paths.n + 1));
    if (b.nodes.n) memcpy(pSpec->aNode, b.nodes.a, sizeof(CreateNode) * b.nodes.n);
    if (b.rels.n) memcpy(pSpec->aRel, b.rels.a, sizeof(CreateRel) * b.rels.n);
    if (b.paths.n) memcpy(pSpec->aPath, b.paths.a, sizeof(CreatePath) * b.paths.n);
  }
  vec_free(&b.nodes);
  vec_free(&b.rels);
  vec_free(&b.paths);
  return bOk;
}

/* Resolves SET / REMOVE items into SetItem records. */
static bool planSetItems(Compiler *c, AstList *pList, uint32_t *pn, SetItem **paItem) {
  SetItem *a = arena_zalloc(c->pArena, sizeof(SetItem) * (pList->n + 1));
  for (uint32_t i = 0; i < pList->n; i++) {
    AstNode *pIt = pList->a[i];
    SetItem *s = &a[i];
    s->iOfst = pIt->iOfst;
    TypeMask tm;
    switch (pIt->kind) {
      case AST_SET_PROP:
      case AST_REMOVE_PROP: {
        AstNode *pTarget = pIt->p1;   /* AST_PROP */
        s->eKind = SETK_PROP;
        tm = check_expr(c, pTarget->p1, 0);
        if (c->pErr->code) return false;
        if ((tm & ~TM(VAL_NULL)) && !(tm & (TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_MAP)))) {
          check_error(c, pTarget->p1, ERR_INVALID_ARGUMENT_TYPE_C,
                      "only nodes and relationships have properties to set");
          return false;
        }
        s->pTarget = pTarget->p1;
        if (pTarget->kind == AST_INDEX) {
          /* n[key]: the key is computed for each row. */
          TypeMask tmKey = check_expr(c, pTarget->p2, 0);
          if (c->pErr->code) return false;
          if (!(tmKey & TM(VAL_STRING))) {
            check_error(c, pTarget->p2, ERR_INVALID_ARGUMENT_TYPE_C, "a property key must be a STRING");
            return false;
          }
          s->pKey = pTarget->p2;
        } else {
          s->key = check_key_id(c, pTarget->z, pTarget->n);
        }
        if (pIt->kind == AST_SET_PROP) {
          check_expr(c, pIt->p2, 0);
          s->pValue = pIt->p2;
        }
        break;
      }
      case AST_SET_MAP:
        s->eKind = (pIt->flags & AST_F_PLUS) ? SETK_MERGE : SETK_REPLACE;
        check_expr(c, pIt->p1, 0);
        tm = check_expr(c, pIt->p2, 0);
        if (c->pErr->code) return false;
        s->pTarget = pIt->p1;
        s->pValue = pIt->p2;
        break;
      case AST_SET_LABELS:
      case AST_REMOVE_LABELS:
        s->eKind = pIt->kind == AST_SET_LABELS ? SETK_LABELS : SETK_UNLABEL;
        tm = check_expr(c, pIt->p1, 0);
        if (c->pErr->code) return false;
        if ((tm & ~TM(VAL_NULL)) && !(tm & TM(VAL_NODE))) {
          check_error(c, pIt->p1, ERR_INVALID_ARGUMENT_TYPE_C, "only nodes have labels");
          return false;
        }
        s->pTarget = pIt->p1;
        if (!planLabelList(c, pIt->p2, &s->nLabel, &s->aLabel, &s->nDynamic, &s->apDynamic)) return false;
        break;
      default:
        check_error(c, pIt, ERR_INTERNAL, "unexpected SET item");
        return false;
    }
    if (c->pErr->code) return false;
  }
  *pn = pList->n;
  *paItem = a;
  return true;
}

static bool planCreate(Compiler *c, QueryState *q, AstNode *pClause) {
  if (q->bReadSinceEager) planBarrier(c, q);
  CreateSpec spec;
  if (!planCreateSpec(c, pClause->pList, &spec)) return false;
  q->pOp = op_create(c->pCtx, q->pOp, &spec);
  q->bWroteSinceEager = true;
  c->bWrites = true;
  return true;
}

static bool planSlotIn(const SlotList *pL, uint32_t iSlot) {
  for (uint32_t i = 0; i < pL->n; i++) {
    if (pL->a[i] == iSlot) return true;
  }
  return false;
}

/*
** The create half of MERGE: makes every element the match half declared
** (pNew), in the slots the match uses, so later clauses see one set of
** variables whichever half ran. Bound nodes may not carry labels or
** properties; relationships must all be new.
*/
static bool planMergeSpec(Compiler *c, AstNode *pPath, const SlotList *pNew, CreateSpec *pSpec) {
  AstList *pChain = pPath->pList;
  uint32_t nMax = pChain->n + 1;
  pSpec->aNode = arena_zalloc(c->pArena, sizeof(CreateNode) * nMax);
  pSpec->aRel = arena_zalloc(c->pArena, sizeof(CreateRel) * nMax);
  pSpec->aPath = arena_zalloc(c->pArena, sizeof(CreatePath) * 2);
  pSpec->nNode = pSpec->nRel = pSpec->nPath = 0;
  if (pPath->flags & (AST_F_SHORTEST | AST_F_ALL_SHORTEST)) {
    check_error(c, pPath, ERR_SYNTAX, "shortestPath() cannot be merged");
    return false;
  }
  for (uint32_t i = 0; i < pChain->n; i += 2) {
    AstNode *pNode = pChain->a[i];
    uint32_t iSlot = (uint32_t)pNode->iSlot;
    if (!planSlotIn(pNew, iSlot)) {
      if (pNode->p1 || pNode->p2 || pChain->n == 1) {
        check_error(c, pNode, ERR_VARIABLE_ALREADY_BOUND, pNode->z ? pNode->z : "");
        return false;
      }
      continue;
    }
    bool bSeen = false;
    for (uint32_t k = 0; k < pSpec->nNode; k++) bSeen |= pSpec->aNode[k].iSlot == iSlot;
    if (bSeen) continue;
    CreateNode *cn = &pSpec->aNode[pSpec->nNode++];
    cn->iSlot = iSlot;
    if (pNode->p1 && !planLabelList(c, pNode->p1, &cn->nLabel, &cn->aLabel, &cn->nDynamic, &cn->apDynamic)) {
      return false;
    }
    cn->pProps = pNode->p2;
  }
  for (uint32_t i = 1; i < pChain->n; i += 2) {
    AstNode *pRel = pChain->a[i];
    if (!planSlotIn(pNew, (uint32_t)pRel->iSlot)) {
      check_error(c, pRel, ERR_VARIABLE_ALREADY_BOUND, pRel->z ? pRel->z : "");
      return false;
    }
    if (!planCheckRelToMake(c, pRel)) return false;
    CreateRel *cr = &pSpec->aRel[pSpec->nRel++];
    cr->iSlot = (uint32_t)pRel->iSlot;
    if (pRel->p1->kind == AST_LABEL_DYNAMIC) cr->pDynamicType = pRel->p1;
    else cr->type = check_type_id(c, pRel->p1->z, pRel->p1->n);
    uint32_t iLeft = (uint32_t)pChain->a[i - 1]->iSlot, iRight = (uint32_t)pChain->a[i + 1]->iSlot;
    bool bIn = pRel->op == DIR_IN;
    cr->iFrom = bIn ? iRight : iLeft;
    cr->iTo = bIn ? iLeft : iRight;
    cr->pProps = pRel->p2;
    cr->iOfst = pRel->iOfst;
  }
  if (pPath->z) {
    Var *v = check_lookup(c, pPath->z, pPath->n);
    if (ALWAYS(v)) {
      CreatePath *cp = &pSpec->aPath[pSpec->nPath++];
      cp->iSlot = v->iSlot;
      cp->pBuild = ast_new(c->pArena, AST_PATH_BUILD, pPath->iOfst);
      AstList *pL = arena_zalloc(c->pArena, sizeof(AstList));
      pL->n = pL->nAlloc = pChain->n;
      pL->a = arena_alloc(c->pArena, sizeof(AstNode *) * pL->n);
      for (uint32_t k = 0; k < pChain->n; k++) {
        pL->a[k] = planSlotRef(c, (uint32_t)pChain->a[k]->iSlot, pPath->iOfst);
      }
      cp->pBuild->pList = pL;
    }
  }
  return true;
}

static bool planMerge(Compiler *c, QueryState *q, AstNode *pClause) {
  if (q->bReadSinceEager || q->bWroteSinceEager) planBarrier(c, q);
  AstList *pPattern = arena_zalloc(c->pArena, sizeof(AstList));
  pPattern->n = pPattern->nAlloc = 1;
  pPattern->a = arena_alloc(c->pArena, sizeof(AstNode *));
  pPattern->a[0] = pClause->p1;
  SlotList newSlots;
  Op *pMatch = plan_match_ex(c, op_argument(c->pCtx), pPattern, NULL, false, &newSlots);
  if (pMatch == NULL) return false;
  CreateSpec spec;
  if (!planMergeSpec(c, pClause->p1, &newSlots, &spec)) return false;
  uint32_t nOnCreate = 0, nOnMatch = 0;
  SetItem *aOnCreate = NULL, *aOnMatch = NULL;
  for (uint32_t i = 0; pClause->pList && i < pClause->pList->n; i++) {
    AstNode *pAct = pClause->pList->a[i];
    uint32_t n;
    SetItem *a;
    if (!planSetItems(c, pAct->pList, &n, &a)) return false;
    bool bCreate = (pAct->flags & AST_F_ON_CREATE) != 0;
    SetItem **ppDst = bCreate ? &aOnCreate : &aOnMatch;
    uint32_t *pnDst = bCreate ? &nOnCreate : &nOnMatch;
    SetItem *aAll = arena_alloc(c->pArena, sizeof(SetItem) * (*pnDst + n + 1));
    if (*pnDst) memcpy(aAll, *ppDst, sizeof(SetItem) * *pnDst);
    memcpy(aAll + *pnDst, a, sizeof(SetItem) * n);
    *ppDst = aAll;
    *pnDst += n;
  }
  q->pOp = op_merge(c->pCtx, q->pOp, pMatch, &spec, nOnCreate, aOnCreate, nOnMatch, aOnMatch,
                    &newSlots);
  q->bWroteSinceEager = true;
  q->bReadSinceEager = true;
  c->bWrites = true;
  return true;
}

static bool planSet(Compiler *c, QueryState *q, AstNode *pClause) {
  if (q->bReadSinceEager) planBarrier(c, q);
  uint32_t n;
  SetItem *a;
  if (!planSetItems(c, pClause->pList, &n, &a)) return false;
  q->pOp = op_set(c->pCtx, q->pOp, n, a);
  q->bWroteSinceEager = true;
  c->bWrites = true;
  return true;
}

static bool planDelete(Compiler *c, QueryState *q, AstNode *pClause) {
  AstList *pL = pClause->pList;
  for (uint32_t i = 0; i < pL->n; i++) {
    if (pL->a[i]->kind == AST_HAS_LABELS) {
      check_error(c, pL->a[i], ERR_INVALID_DELETE,
                  "DELETE removes nodes and relationships; use REMOVE for labels");
      return false;
    }
    TypeMask tm = check_expr(c, pL->a[i], 0);
    if (c->pErr->code) return false;
    if ((tm & ~TM(VAL_NULL)) &&
        !(tm & (TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_PATH) | TM(VAL_LIST)))) {
      check_error(c, pL->a[i], ERR_INVALID_ARGUMENT_TYPE_C,
                  "only nodes, relationships and paths can be deleted");
      return false;
    }
  }
  SlotList keep = planScopeSlots(c);
  q->pOp = op_delete(c->pCtx, q->pOp, pL->n, pL->a, (pClause->flags & AST_F_DETACH) != 0, &keep);
  q->bReadSinceEager = false;
  q->bWroteSinceEager = true;
  c->bWrites = true;
  return true;
}

/* ======================================================================
** The clause loop
** ==================================================================== */

static bool planUnwind(Compiler *c, QueryState *q, AstNode *pClause) {
  check_expr(c, pClause->p1, 0);
  if (c->pErr->code) return false;
  if (check_lookup_local(c->pScope, pClause->z, pClause->n)) {
    check_error_at(c, (int)pClause->i1, ERR_VARIABLE_ALREADY_BOUND, pClause->z);
    return false;
  }
  if (!planNotShadowing(c, (int)pClause->i1, pClause->z, pClause->n, -1)) return false;
  Var *v = check_declare(c, pClause->z, pClause->n, VK_VALUE, TM_ANY);
  q->pOp = op_unwind(c->pCtx, q->pOp, v->iSlot, pClause->p1);
  return true;
}

/* Is this clause one that only writes (a query may end with it)? */
static bool planIsUpdating(const AstNode *p) {
  if (p->kind == AST_CALL_SUBQUERY) {
    /* A unit subquery (no RETURN) runs for its updates and may end a query. */
    const AstNode *pQ = p->p1;
    return pQ->kind == AST_QUERY && pQ->pList->a[pQ->pList->n - 1]->kind != AST_RETURN;
  }
  return p->kind == AST_CREATE || p->kind == AST_MERGE || p->kind == AST_SET ||
         p->kind == AST_REMOVE || p->kind == AST_DELETE || p->kind == AST_FOREACH;
}

static bool planClause(Compiler *c, QueryState *q, AstNode *pClause);
static bool planIsUpdating(const AstNode *p);
static Op *planSingleQuery(Compiler *c, AstNode *pQuery, Op *pInput, Plan *pPlan, bool bSubquery);
static Op *planUnion(Compiler *c, AstNode *pQuery, Plan *pPlan, bool bSubquery);

/*
** FOREACH (x IN list | updates): for each row, the updating clauses run
** once per element with x bound; the row itself passes on unchanged.
*/
static bool planForeach(Compiler *c, QueryState *q, AstNode *pClause) {
  check_expr(c, pClause->p1, 0);
  if (c->pErr->code) return false;
  if (q->bReadSinceEager) planBarrier(c, q);
  Scope *pSaved = c->pScope;
  check_push_scope(c);
  Var *v = check_declare(c, pClause->z, pClause->n, VK_VALUE, TM_ANY);
  QueryState inner;
  memset(&inner, 0, sizeof(inner));
  inner.pOp = op_unwind(c->pCtx, op_argument(c->pCtx), v->iSlot, pClause->p1);
  inner.bSubquery = true;
  for (uint32_t i = 0; i < pClause->pList->n; i++) {
    AstNode *pU = pClause->pList->a[i];
    if (!planIsUpdating(pU)) {
      c->pScope = pSaved;
      check_error(c, pU, ERR_INVALID_CLAUSE_COMPOSITION, "FOREACH may only contain updating clauses");
      return false;
    }
    if (!planClause(c, &inner, pU)) {
      c->pScope = pSaved;
      return false;
    }
  }
  c->pScope = pSaved;   /* x and anything the updates bound end here */
  q->pOp = op_apply(c->pCtx, q->pOp, inner.pOp, APPLY_DRAIN, NULL);
  q->bWroteSinceEager = true;
  c->bWrites = true;
  return true;
}

/*
** The first clause of CALL { WITH x, y ... } imports outer variables when
** it names one. Neo4j 5 then allows only plain references in it: no
** aliases or expressions, no WHERE, DISTINCT, ORDER BY, SKIP or LIMIT
** (filter in a second WITH). Others are ordinary projections. Returns
** IMPORT_NONE, IMPORT_LISTED, IMPORT_ALL (WITH *) or IMPORT_ERROR.
*/
enum { IMPORT_ERROR, IMPORT_NONE, IMPORT_LISTED, IMPORT_ALL };
static int planImportingWith(Compiler *c, AstNode *pFirst) {
  if (pFirst->kind != AST_WITH) return IMPORT_NONE;
  AstNode *pProj = pFirst->p1;
  bool bImports = (pProj->flags & AST_F_STAR) != 0;
  for (uint32_t i = 0; !bImports && i < pProj->pList->n; i++) {
    AstNode *e = pProj->pList->a[i]->p1;
    bImports = e && e->kind == AST_VAR && check_lookup(c, e->z, e->n) != NULL;
  }
  if (!bImports) return IMPORT_NONE;
  const char *zWhy = NULL;
  AstNode *pAt = pFirst;
  for (uint32_t i = 0; zWhy == NULL && i < pProj->pList->n; i++) {
    AstNode *pItem = pProj->pList->a[i];
    if (pItem->kind == AST_STAR) continue;
    AstNode *e = pItem->p1;
    if (e->kind != AST_VAR || (e->n != pItem->n || memcmp(e->z, pItem->z, e->n) != 0)) {
      zWhy = "aliases and expressions are not allowed; project them in a second WITH";
      pAt = pItem;
    }
  }
  if (zWhy == NULL && pFirst->p2) zWhy = "WHERE is not allowed; filter in a second WITH", pAt = pFirst->p2;
  if (zWhy == NULL && (pProj->flags & AST_F_DISTINCT)) zWhy = "DISTINCT is not allowed; use a second WITH";
  if (zWhy == NULL && pProj->pList2) zWhy = "ORDER BY is not allowed; use a second WITH";
  if (zWhy == NULL && (pProj->p1 || pProj->p2)) zWhy = "SKIP and LIMIT are not allowed; use a second WITH";
  if (zWhy == NULL) return (pProj->flags & AST_F_STAR) ? IMPORT_ALL : IMPORT_LISTED;
  char zMsg[160];
  snprintf(zMsg, sizeof zMsg, "an importing WITH may only list outer variables (%s)",
           zWhy);
  check_error(c, pAt, ERR_INVALID_CLAUSE_COMPOSITION, zMsg);
  return IMPORT_ERROR;
}

/*
** CALL { } IN TRANSACTIONS: the subquery pInner (planned, columns in
** *pSub) runs in batches (op_in_transactions.c). Binds the subquery's
** columns and the REPORT STATUS variable after the outer ones.
*/
static bool planInTransactions(Compiler *c, QueryState *q, const AstNode *pInTx, Op *pInner,
                               const Plan *pSub, const AstNode *pLast) {
  check_expr(c, pInTx->p1, 0);
  check_expr(c, pInTx->p2, 0);
  if (c->pErr->code) return false;
  SlotList outer = planScopeSlots(c);
  bool bReturns = pLast->kind == AST_RETURN;
  SlotList inner = {0, NULL};
  if (bReturns) {
    inner.n = pSub->nCol;
    inner.a = pSub->aColSlot;
    for (uint32_t i = 0; i < pSub->nCol; i++) {
      uint32_t n = (uint32_t)strlen(pSub->azCol[i]);
      if (check_lookup(c, pSub->azCol[i], n)) {
        check_error(c, pLast, ERR_VARIABLE_ALREADY_BOUND, pSub->azCol[i]);
        return false;
      }
      check_bind(c, c->pScope, pSub->azCol[i], n, pSub->aColSlot[i], VK_VALUE, TM_ANY);
    }
  }
  int64_t iStatus = -1;
  if (pInTx->z) {
    if (check_lookup(c, pInTx->z, pInTx->n)) {
      check_error_at(c, pInTx->iOfst, ERR_VARIABLE_ALREADY_BOUND, pInTx->z);
      return false;
    }
    iStatus = check_declare(c, pInTx->z, pInTx->n, VK_VALUE, TM(VAL_MAP))->iSlot;
  }
  c->bWrites = true;   /* it commits, so it runs as a write even when the subquery only reads */
  q->pOp = op_in_transactions(c->pCtx, q->pOp, pInner, pInTx, &outer, &inner, iStatus, bReturns);
  q->bReadSinceEager = true;
  q->bWroteSinceEager = true;
  return true;
}

/*
** CALL { query }: the subquery runs once per row and sees the row's
** variables; its RETURN columns join the row (one output row per subquery
** row). A subquery without RETURN runs for its updates and passes the row on.
*/
static bool planCallSubquery(Compiler *c, QueryState *q, AstNode *pClause) {
  AstNode *pQuery = pClause->p1;
  bool bUnion = pQuery->kind == AST_UNION;
  int eImport = IMPORT_ALL;   /* a union's parts each import for themselves */
  if (!(pClause->flags & (AST_F_SCOPED | AST_F_STAR)) && !bUnion) {
    eImport = planImportingWith(c, pQuery->pList->a[0]);
    if (eImport == IMPORT_ERROR) return false;
  }
  const AstNode *pInTx = pClause->p4;
  if (pInTx && q->bSubquery) {
    check_error_at(c, pInTx->iOfst, ERR_INVALID_CLAUSE_COMPOSITION,
                   "CALL { } IN TRANSACTIONS cannot be inside another subquery");
    return false;
  }
  /* Batches commit as they go: the outer rows are read in full first when
  ** they come from the graph, so that no batch changes what they read. */
  if (q->bWroteSinceEager || (pInTx && q->bReadSinceEager)) planBarrier(c, q);
  Scope *pSaved = c->pScope;
  if (eImport == IMPORT_NONE || eImport == IMPORT_LISTED) {
    /* CALL { [WITH x, y] ... }: the subquery sees only what its first
    ** WITH imports (nothing without one). */
    Scope *pInner = check_alloc_scope(c, NULL);
    AstList *pItems = eImport == IMPORT_LISTED ? pQuery->pList->a[0]->p1->pList : NULL;
    for (uint32_t i = 0; pItems && i < pItems->n; i++) {
      AstNode *e = pItems->a[i]->p1;
      Var *pVar = check_lookup(c, e->z, e->n);
      if (pVar) check_bind(c, pInner, pVar->z, pVar->n, pVar->iSlot, pVar->eKind, pVar->tm);
    }
    c->pScope = pInner;
  } else if (pClause->flags & AST_F_SCOPED) {
    /* CALL (x, y) { }: a scope of its own holding just the imports. */
    Scope *pInner = check_alloc_scope(c, NULL);
    for (uint32_t i = 0; pClause->pList && i < pClause->pList->n; i++) {
      AstNode *pImport = pClause->pList->a[i];
      Var *pVar = check_lookup(c, pImport->z, pImport->n);
      if (pVar == NULL) {
        check_error(c, pImport, ERR_UNDEFINED_VARIABLE, pImport->z);
        return false;
      }
      check_bind(c, pInner, pVar->z, pVar->n, pVar->iSlot, pVar->eKind, pVar->tm);
    }
    c->pScope = pInner;
  } else {
    check_push_scope(c);
  }
  Plan sub;
  memset(&sub, 0, sizeof(sub));
  bool bWritesBefore = c->bWrites;
  Op *pInner = bUnion ? planUnion(c, pQuery, &sub, true)
                      : planSingleQuery(c, pQuery, op_argument(c->pCtx), &sub, true);
  c->pScope = pSaved;
  if (pInner == NULL) return false;
  /* A union's parts all end with RETURN (planUnion checks); the clause
  ** named in errors is the first part's. */
  AstNode *pFirst = pQuery;
  while (pFirst->kind == AST_UNION) pFirst = pFirst->p1;
  AstNode *pLast = bUnion ? pFirst->pList->a[pFirst->pList->n - 1] : pQuery->pList->a[pQuery->pList->n - 1];
  if (pInTx) return planInTransactions(c, q, pInTx, pInner, &sub, pLast);
  if (pLast->kind != AST_RETURN) {
    q->pOp = op_apply(c->pCtx, q->pOp, pInner, APPLY_DRAIN, NULL);
  } else {
    for (uint32_t i = 0; i < sub.nCol; i++) {
      uint32_t n = (uint32_t)strlen(sub.azCol[i]);
      if (check_lookup(c, sub.azCol[i], n)) {
        check_error(c, pLast, ERR_VARIABLE_ALREADY_BOUND, sub.azCol[i]);
        return false;
      }
      check_bind(c, c->pScope, sub.azCol[i], n, sub.aColSlot[i], VK_VALUE, TM_ANY);
    }
    if (pClause->flags & AST_F_OPTIONAL) {
      /* OPTIONAL CALL: an outer row the subquery gives nothing for is kept,
      ** with its columns null. */
      SlotList nulls;
      nulls.n = sub.nCol;
      nulls.a = arena_alloc(c->pArena, sizeof(uint32_t) * (sub.nCol + 1));
      for (uint32_t i = 0; i < sub.nCol; i++) nulls.a[i] = sub.aColSlot[i];
      q->pOp = op_apply(c->pCtx, q->pOp, pInner, APPLY_OPTIONAL, &nulls);
    } else {
      q->pOp = op_apply(c->pCtx, q->pOp, pInner, APPLY_CROSS, NULL);
    }
  }
  q->bReadSinceEager = true;
  if (c->bWrites && !bWritesBefore) q->bWroteSinceEager = true;
  return true;
}

static bool planClause(Compiler *c, QueryState *q, AstNode *pClause) {
  switch (pClause->kind) {
    case AST_MATCH: {
      if (q->bWroteSinceEager) planBarrier(c, q);
      Op *pOp = plan_match(c, q->pOp, pClause->pList, pClause->p1,
                           (pClause->flags & AST_F_OPTIONAL) != 0);
      if (pOp == NULL) return false;
      q->pOp = pOp;
      q->bReadSinceEager = true;
      return true;
    }
    case AST_UNWIND: return planUnwind(c, q, pClause);
    case AST_WITH: return planProjection(c, q, pClause->p1, false, pClause->p2);
    case AST_RETURN: return planProjection(c, q, pClause->p1, true, NULL);
    case AST_CREATE: return planCreate(c, q, pClause);
    case AST_MERGE: return planMerge(c, q, pClause);
    case AST_SET:
    case AST_REMOVE: return planSet(c, q, pClause);
    case AST_DELETE: return planDelete(c, q, pClause);
    case AST_CALL: {
      if (q->bWroteSinceEager) planBarrier(c, q);
      Op *pOp = plan_call(c, q->pOp, pClause, q->bStandaloneCall ? q->pPlan : NULL);
      if (pOp == NULL) return false;
      q->pOp = pOp;
      q->bReadSinceEager = true;
      return true;
    }
    case AST_FOREACH: return planForeach(c, q, pClause);
    case AST_CALL_SUBQUERY: return planCallSubquery(c, q, pClause);
    case AST_LOAD_CSV: {
      Op *pOp = plan_load_csv(c, q->pOp, pClause);
      if (pOp == NULL) return false;
      q->pOp = pOp;
      return true;
    }
    case AST_RENDER: {
      if (!q->pPlan || q->bSubquery) {
        check_error(c, pClause, ERR_INVALID_CLAUSE_COMPOSITION, "RENDER must end the query");
        return false;
      }
      Op *pOp = plan_render(c, q->pOp, pClause, q->pPlan);
      if (pOp == NULL) return false;
      q->pOp = pOp;
      q->bReturned = true;   /* RENDER ends the query like RETURN */
      q->pPlan->bRender = true;
      q->pPlan->bWritesFiles = pClause->p1 != NULL;   /* TO */
      return true;
    }
    case AST_FINISH:
      q->bReturned = true;   /* the query ends here, returning nothing */
      return true;
    default:
      check_error(c, pClause, ERR_UNSUPPORTED, "this clause");
      return false;
  }
}

/* The single ORDER BY key of clause pClause (a WITH or RETURN without
** DISTINCT or aggregates) when it is `var.key`, or an alias of one; NULL
** otherwise. With bTop, the first of any number of keys, when the clause
** has a LIMIT. Unchecked: names only. */
static const AstNode *planOrderHint(const AstNode *pClause, bool bTop) {
  if (pClause == NULL || (pClause->kind != AST_WITH && pClause->kind != AST_RETURN)) return NULL;
  const AstNode *pProj = pClause->p1;
  if (pProj == NULL || (pProj->flags & AST_F_DISTINCT) || pProj->pList2 == NULL) return NULL;
  if (bTop ? pProj->p2 == NULL : pProj->pList2->n != 1) return NULL;
  for (uint32_t i = 0; pProj->pList && i < pProj->pList->n; i++) {
    if (pProj->pList->a[i]->p1 && check_has_aggregate_call(pProj->pList->a[i]->p1)) return NULL;
  }
  const AstNode *pKey = pProj->pList2->a[0]->p1;
  if (pKey->kind == AST_VAR) {
    const AstNode *pAliased = NULL;
    for (uint32_t i = 0; pProj->pList && i < pProj->pList->n; i++) {
      const AstNode *pItem = pProj->pList->a[i];
      if ((pItem->flags & AST_F_ALIASED) && pItem->n == pKey->n && memcmp(pItem->z, pKey->z, pKey->n) == 0) {
        pAliased = pItem->p1;
      }
    }
    pKey = pAliased;
  }
  if (pKey == NULL || pKey->kind != AST_PROP || pKey->p1->kind != AST_VAR) return NULL;
  return pKey;
}

/* Plans the run of non-optional MATCH clauses starting at clause i as one
** pattern. Returns how many clauses it planned (0 on error). */
static uint32_t planMatchRun(Compiler *c, QueryState *q, AstList *pL, uint32_t i) {
  uint32_t n = 0;
  while (i + n < pL->n && pL->a[i + n]->kind == AST_MATCH && !(pL->a[i + n]->flags & AST_F_OPTIONAL)) n++;
  if (c->bReference) n = 1;   /* the reference plans each clause on its own */
  if (q->bWroteSinceEager) planBarrier(c, q);
  uint32_t nUsed = 0;
  const AstNode *pOuterHint = c->pOrderHint, *pOuterTop = c->pTopHint;   /* a subquery's MATCH plans inside ours */
  c->pOrderHint = i + n < pL->n ? planOrderHint(pL->a[i + n], false) : NULL;
  c->pTopHint = i + n < pL->n ? planOrderHint(pL->a[i + n], true) : NULL;
  Op *pOp = plan_match_clauses(c, q->pOp, pL->a + i, n, &nUsed);
  c->pOrderHint = pOuterHint;
  c->pTopHint = pOuterTop;
  if (pOp == NULL) return 0;
  q->pOp = pOp;
  q->bReadSinceEager = true;
  return nUsed;
}

/*
** Plans one single query (a list of clauses) on top of pInput. Checks the
** composition rules: RETURN comes last; a query ends with RETURN or an
** updating clause; a standalone CALL may end a query.
*/
static Op *planSingleQuery(Compiler *c, AstNode *pQuery, Op *pInput, Plan *pPlan, bool bSubquery) {
  QueryState q;
  memset(&q, 0, sizeof(q));
  q.pOp = pInput;
  q.pPlan = pPlan;
  q.bSubquery = bSubquery;
  AstList *pL = pQuery->pList;
  q.bStandaloneCall = !bSubquery && pL->n == 1 && pL->a[0]->kind == AST_CALL;
  for (uint32_t i = 0; i < pL->n; i++) {
    AstNode *pClause = pL->a[i];
    if (q.bReturned) {
      int kEnd = pL->a[i - 1]->kind;
      check_error(c, pClause, ERR_INVALID_CLAUSE_COMPOSITION,
                  kEnd == AST_FINISH   ? "FINISH must be the last clause"
                  : kEnd == AST_RENDER ? "RENDER must be the last clause"
                                       : "RETURN must be the last clause");
      return NULL;
    }
    if (pClause->kind == AST_MATCH && !(pClause->flags & AST_F_OPTIONAL)) {
      uint32_t nUsed = planMatchRun(c, &q, pL, i);
      if (nUsed == 0) return NULL;
      i += nUsed - 1;
      continue;
    }
    if (!planClause(c, &q, pClause)) return NULL;
    if (pClause->kind == AST_RETURN) q.bReturned = true;
  }
  AstNode *pLast = pL->a[pL->n - 1];
  if (!bSubquery && !q.bReturned && !planIsUpdating(pLast) && pLast->kind != AST_CALL) {
    check_error(c, pLast, ERR_INVALID_CLAUSE_COMPOSITION,
                "a query must end with RETURN or an updating clause");
    return NULL;
  }
  return q.pOp;
}

/*
** Plans a UNION of queries into pPlan. A top-level union's parts each
** start from an empty scope; a subquery's (CALL, EXISTS, COUNT, COLLECT)
** each see the outer variables, and each must end with RETURN.
*/
static Op *planUnion(Compiler *c, AstNode *pQuery, Plan *pPlan, bool bSubquery) {
  /* Flatten the left-deep UNION chain into parts in written order; UNION
  ** and UNION ALL may not be mixed. */
  VEC(AstNode *) parts = {0};
  AstNode *p = pQuery;
  uint32_t bAll = p->flags & AST_F_ALL;
  while (p->kind == AST_UNION) {
    if ((p->flags & AST_F_ALL) != bAll) {
      vec_free(&parts);
      check_error(c, p, ERR_INVALID_CLAUSE_COMPOSITION, "UNION and UNION ALL cannot be mixed");
      return NULL;
    }
    vec_push(&parts, p->p2);
    p = p->p1;
  }
  vec_push(&parts, p);
  Op *pResult = NULL;
  const uint32_t *aPrevSlot = NULL;
  for (uint32_t i = parts.n; i-- > 0;) {
    Plan part;
    memset(&part, 0, sizeof(part));
    Op *pOp;
    if (bSubquery) {
      AstList *pCl = parts.a[i]->pList;
      if (pCl->a[pCl->n - 1]->kind != AST_RETURN) {
        check_error(c, pCl->a[pCl->n - 1], ERR_INVALID_CLAUSE_COMPOSITION,
                    "each part of a UNION in a subquery must end with RETURN");
        break;
      }
      Scope *pSaved = c->pScope;
      check_push_scope(c);
      pOp = planSingleQuery(c, parts.a[i], op_argument(c->pCtx), &part, true);
      c->pScope = pSaved;
    } else {
      check_new_scope(c);
      pOp = planSingleQuery(c, parts.a[i], op_argument(c->pCtx), &part, false);
    }
    if (pOp == NULL) break;
    if (pResult == NULL) {
      /* The first part fixes the column names; the union writes its
      ** output into slots of its own. */
      pPlan->nCol = part.nCol;
      pPlan->azCol = part.azCol;
      pPlan->aColSlot = arena_alloc(c->pArena, sizeof(uint32_t) * (part.nCol + 1));
      for (uint32_t k = 0; k < part.nCol; k++) pPlan->aColSlot[k] = check_new_slot(c);
      pResult = pOp;
      aPrevSlot = part.aColSlot;
      continue;
    }
    bool bSame = part.nCol == pPlan->nCol;
    for (uint32_t k = 0; bSame && k < part.nCol; k++) bSame = strcmp(part.azCol[k], pPlan->azCol[k]) == 0;
    if (!bSame) {
      check_error(c, parts.a[i], ERR_DIFFERENT_COLUMNS_IN_UNION);
      break;
    }
    pResult = op_union(c->pCtx, pResult, pOp, part.nCol, pPlan->aColSlot, aPrevSlot,
                       part.aColSlot);
    aPrevSlot = pPlan->aColSlot;
  }
  vec_free(&parts);
  if (c->pErr->code || pResult == NULL) return NULL;
  if (!bAll) {
    SlotList sl = {pPlan->nCol, pPlan->aColSlot};
    pResult = op_distinct(c->pCtx, pResult, &sl);
  }
  return pResult;
}

/* Plans a query or a UNION of queries into pPlan. */
static Op *planQuery(Compiler *c, AstNode *pQuery, Plan *pPlan) {
  if (pQuery->kind == AST_UNION) return planUnion(c, pQuery, pPlan, false);
  check_new_scope(c);
  return planSingleQuery(c, pQuery, op_argument(c->pCtx), pPlan, false);
}

Plan *plan_statement(Compiler *c, AstNode *pStmt) {
  Plan *pPlan = arena_zalloc(c->pArena, sizeof(Plan));
  if (pStmt->kind == AST_EXPLAIN) {
    pPlan->eExplain = pStmt->op ? PLAN_PROFILE : PLAN_EXPLAIN;
    pStmt = pStmt->p1;
  }
  switch (pStmt->kind) {
    case AST_CREATE_INDEX: case AST_DROP_INDEX:
    case AST_CREATE_CONSTRAINT: case AST_DROP_CONSTRAINT: case AST_CREATE_FULLTEXT:
      pPlan->pSchema = pStmt;
      pPlan->bWrites = true;
      return pPlan;
    default:
      break;
  }
  pPlan->pRoot = planQuery(c, pStmt, pPlan);
  if (pPlan->pRoot == NULL) return NULL;
  pPlan->bWrites = c->bWrites;
  pPlan->bReadsFiles = c->bReadsFiles;
  pPlan->bReference = c->bReference;
  return pPlan;
}

/* ======================================================================
** Subqueries inside expressions
** ==================================================================== */

_Static_assert(SUBPLAN_ROW == OP_ROW, "expressions read a subplan's rows by OP_ROW");

SubPlan *plan_subquery(Compiler *c, AstNode *p) {
  SubPlan *pSub = arena_zalloc(c->pArena, sizeof(SubPlan));
  pSub->xOpen = op_open;
  pSub->xNext = op_next;
  pSub->xClose = op_close;
  Scope *pSaved = c->pScope;
  Scope *pSavedOuter = c->pExprOuter;
  c->pExprOuter = pSaved;
  check_push_scope(c);
  c->nSubquery++;
  Op *pOp = NULL;
  switch (p->kind) {
    case AST_PATTERN_EXPR: {
      AstList *pL = arena_zalloc(c->pArena, sizeof(AstList));
      pL->n = pL->nAlloc = 1;
      pL->a = arena_alloc(c->pArena, sizeof(AstNode *));
      pL->a[0] = p->p1;
      /* A pattern predicate may not introduce named variables. */
      bool bSave = c->bNoNewVars;
      c->bNoNewVars = true;
      pOp = plan_match(c, op_argument(c->pCtx), pL, NULL, false);
      c->bNoNewVars = bSave;
      break;
    }
    case AST_PATTERN_COMP: {
      AstList *pL = arena_zalloc(c->pArena, sizeof(AstList));
      pL->n = pL->nAlloc = 1;
      pL->a = arena_alloc(c->pArena, sizeof(AstNode *));
      pL->a[0] = p->p1;
      pOp = plan_match(c, op_argument(c->pCtx), pL, p->p2, false);
      if (pOp) check_expr(c, p->p3, 0);
      break;
    }
    case AST_COLLECT_SUB: {
      /* The query's one RETURN column, read by p3 for each row. */
      AstNode *pBody = p->p1;
      bool bUnion = pBody->kind == AST_UNION;
      AstNode *pFirst = pBody;
      while (pFirst->kind == AST_UNION) pFirst = pFirst->p1;
      AstNode *pLast = pFirst->pList->a[pFirst->pList->n - 1];
      if (pLast->kind != AST_RETURN) {
        check_error(c, pLast, ERR_INVALID_CLAUSE_COMPOSITION, "a COLLECT subquery must end with RETURN");
        break;
      }
      Plan sub;
      memset(&sub, 0, sizeof(sub));
      pOp = bUnion ? planUnion(c, pBody, &sub, true) : planSingleQuery(c, pBody, op_argument(c->pCtx), &sub, true);
      if (pOp && sub.nCol != 1) {
        check_error(c, pLast, ERR_INVALID_CLAUSE_COMPOSITION, "a COLLECT subquery must return exactly one column");
        pOp = NULL;
      }
      if (c->bWrites && pOp) {
        check_error(c, p, ERR_INVALID_CLAUSE_COMPOSITION, "a subquery expression cannot write");
        pOp = NULL;
      }
      if (pOp) {
        const char *zCol = sub.azCol[0];
        check_new_scope(c);
        check_bind(c, c->pScope, zCol, (uint32_t)strlen(zCol), sub.aColSlot[0], VK_VALUE, TM_ANY);
        p->p3 = ast_new(c->pArena, AST_VAR, p->iOfst);
        p->p3->z = zCol;
        p->p3->n = (uint32_t)strlen(zCol);
        check_expr(c, p->p3, 0);
      }
      break;
    }
    default: { /* AST_EXISTS, AST_COUNT_SUB */
      AstNode *pBody = p->p1;
      if (pBody->kind == AST_MATCH) {
        pOp = plan_match(c, op_argument(c->pCtx), pBody->pList, pBody->p1, false);
      } else if (pBody->kind == AST_QUERY) {
        pOp = planSingleQuery(c, pBody, op_argument(c->pCtx), NULL, true);
      } else {
        Plan sub;
        memset(&sub, 0, sizeof(sub));
        pOp = planUnion(c, pBody, &sub, true);
      }
      if (c->bWrites && pOp) {
        check_error(c, p, ERR_INVALID_CLAUSE_COMPOSITION, "a subquery expression cannot write");
        pOp = NULL;
      }
      break;
    }
  }
  c->nSubquery--;
  c->pExprOuter = pSavedOuter;
  c->pScope = pSaved;   /* the subquery's scopes end here */
  if (pOp == NULL) return NULL;
  pSub->pRoot = pOp;
  return pSub;
}
