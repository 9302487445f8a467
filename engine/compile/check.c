/*
** check.c — semantic analysis of expressions (see check.h).
**
** check_expr() walks an expression once: it binds variables to slots,
** resolves functions, numbers parameters, interns names, computes static
** type masks and raises compile-time errors. Subqueries inside the
** expression (EXISTS, COUNT, pattern predicates and comprehensions) are
** compiled here by calling back into the planner.
*/
#include "compile/check.h"

#include <stdarg.h>
#include <stdio.h>

#include "eval/expr.h"
#include "eval/func.h"
#include "parser.h"
#include "compile/plan.h"
#include "syntax/walk.h"

/* ---- Errors ------------------------------------------------------------- */

void check_error_at(Compiler *c, int iOfst, ErrId eId, ...) {
  va_list ap;
  va_start(ap, eId);
  error_vat(c->pErr, c->zText, iOfst, eId, ap);
  va_end(ap);
}

void check_error(Compiler *c, const AstNode *p, ErrId eId, ...) {
  va_list ap;
  va_start(ap, eId);
  error_vat(c->pErr, c->zText, p ? p->iOfst : -1, eId, ap);
  va_end(ap);
}

const char *check_kind_name(VarKind e) {
  switch (e) {
    case VK_NODE: return "a node";
    case VK_REL: return "a relationship";
    case VK_PATH: return "a path";
    case VK_RELLIST: return "a list of relationships";
    default: return "a value";
  }
}

/* ---- Scopes ------------------------------------------------------------- */

uint32_t check_new_slot(Compiler *c) {
  const char *zNone = NULL;
  vec_push(&c->slotNames, zNone);
  return c->nSlot++;
}

Scope *check_alloc_scope(Compiler *c, Scope *pOuter) {
  Scope *s = arena_zalloc(c->pArena, sizeof(Scope));
  s->pOuter = pOuter;
  s->bIndexed = true;
  htab_init(&s->byName);
  vec_push(&c->allScopes, s);
  return s;
}

void check_free_scopes(Compiler *c) {
  for (uint32_t i = 0; i < c->allScopes.n; i++) {
    vec_free(&c->allScopes.a[i]->vars);
    htab_free(&c->allScopes.a[i]->byName);
  }
  vec_free(&c->allScopes);
}

Scope *check_new_scope(Compiler *c) {
  c->pScope = check_alloc_scope(c, c->pScope ? c->pScope->pOuter : NULL);
  return c->pScope;
}

Scope *check_push_scope(Compiler *c) {
  c->pScope = check_alloc_scope(c, c->pScope);
  return c->pScope;
}

void check_pop_scope(Compiler *c) { c->pScope = c->pScope->pOuter; }

/* Scopes with fewer variables are scanned. */
#define CHECK_SCOPE_SCAN 16

/* The name a lookup asks for. */
typedef struct CheckName {
  const char *z;
  uint32_t n;
} CheckName;

static bool checkVarNameEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const Var *v = &((const Scope *)pCtx)->vars.a[iEntry];
  const CheckName *k = pKey;
  return v->n == k->n && memcmp(v->z, k->z, k->n) == 0;
}

/* Adds the variables bound since the last lookup to s->byName, each
** replacing an earlier holder of its name. */
static void checkIndexScope(Scope *s) {
  for (; s->nIndexed < s->vars.n; s->nIndexed++) {
    const Var *v = &s->vars.a[s->nIndexed];
    CheckName k = {v->z, v->n};
    uint64_t h = htab_hash_bytes(v->z, v->n);
    int64_t iOld = htab_find(&s->byName, h, checkVarNameEq, s, &k);
    if (iOld >= 0) htab_reindex(&s->byName, h, (uint32_t)iOld, s->nIndexed);
    else htab_insert(&s->byName, h, s->nIndexed);
  }
}

Var *check_lookup_local(Scope *s, const char *z, uint32_t n) {
  if (s->bIndexed && s->vars.n > CHECK_SCOPE_SCAN) {
    checkIndexScope(s);
    CheckName k = {z, n};
    int64_t i = htab_find(&s->byName, htab_hash_bytes(z, n), checkVarNameEq, s, &k);
    return i >= 0 ? &s->vars.a[i] : NULL;
  }
  for (uint32_t i = s->vars.n; i-- > 0;) {
    Var *v = &s->vars.a[i];
    if (v->n == n && memcmp(v->z, z, n) == 0) return v;
  }
  return NULL;
}

Var *check_lookup(Compiler *c, const char *z, uint32_t n) {
  for (Scope *s = c->pScope; s; s = s->pOuter) {
    Var *v = check_lookup_local(s, z, n);
    if (v) return v;
  }
  return NULL;
}

Var *check_bind(Compiler *c, Scope *s, const char *z, uint32_t n, uint32_t iSlot,
                VarKind eKind, TypeMask tm) {
  Var v;
  v.z = z;
  v.n = n;
  v.iSlot = iSlot;
  v.eKind = (uint8_t)eKind;
  v.tm = tm;
  if (iSlot < c->slotNames.n && c->slotNames.a[iSlot] == NULL) c->slotNames.a[iSlot] = z;
  vec_push(&s->vars, v);
  return &s->vars.a[s->vars.n - 1];
}

Var *check_declare(Compiler *c, const char *z, uint32_t n, VarKind eKind, TypeMask tm) {
  return check_bind(c, c->pScope, z, n, check_new_slot(c), eKind, tm);
}

/* ---- Names -------------------------------------------------------------- */

uint32_t check_label_id(Compiler *c, const char *z, uint32_t n) {
  return intern_add(&c->pGraph->labels, z, n);
}
uint32_t check_type_id(Compiler *c, const char *z, uint32_t n) {
  return intern_add(&c->pGraph->types, z, n);
}
uint32_t check_key_id(Compiler *c, const char *z, uint32_t n) {
  return intern_add(&c->pGraph->keys, z, n);
}

/* check_label_expr's callbacks: a label's id, or a relationship type's. */
static void checkLabelId(AstNode *pLabel, void *pArg) {
  pLabel->iAux = (int32_t)check_label_id(pArg, pLabel->z, pLabel->n);
}
static void checkTypeId(AstNode *pLabel, void *pArg) {
  pLabel->iAux = (int32_t)check_type_id(pArg, pLabel->z, pLabel->n);
}

/* The expressions of dynamic labels ($(e), $any(e)) are checked where the
** label expression stands. */
static int checkDynamicLabel(AstWalker *w, AstNode *p) {
  if (p->kind != AST_LABEL_DYNAMIC) return WALK_CONTINUE;
  check_expr(w->pArg, p->p1, 0);
  return WALK_PRUNE;
}

void check_label_expr(Compiler *c, AstNode *p, bool bRelType) {
  ast_walk_labels(p, bRelType ? checkTypeId : checkLabelId, c);
  AstWalker w = {checkDynamicLabel, NULL, c, 0};
  ast_walk(p, &w);
}

uint32_t check_param(Compiler *c, const char *z, uint32_t n) {
  for (uint32_t i = 0; i < c->params.n; i++) {
    if (strlen(c->params.a[i]) == n && memcmp(c->params.a[i], z, n) == 0) return i;
  }
  const char *zCopy = arena_strndup(c->pArena, z, n);
  vec_push(&c->params, zCopy);
  return c->params.n - 1;
}

/* ---- Structural helpers ------------------------------------------------- */

/* Stops at a resolved aggregate call; aggregates inside subqueries and
** comprehensions belong to them. */
static int checkAggregateNode(AstWalker *w, AstNode *p) {
  (void)w;
  if (p->kind == AST_FUNC && p->pDef && (((const FuncDef *)p->pDef)->flags & FUNCF_AGGREGATE)) {
    return WALK_ABORT;
  }
  if (p->kind == AST_EXISTS || p->kind == AST_COUNT_SUB || p->kind == AST_COLLECT_SUB || p->kind == AST_PATTERN_COMP ||
      p->kind == AST_PATTERN_EXPR) {
    return WALK_PRUNE;
  }
  return WALK_CONTINUE;
}

bool check_has_aggregate(const AstNode *p) {
  AstWalker w = {checkAggregateNode, NULL, NULL, 0};
  return ast_walk((AstNode *)p, &w) == WALK_ABORT;
}

/* The same before resolution: the function is looked up by name. */
static int checkAggregateCallNode(AstWalker *w, AstNode *p) {
  (void)w;
  if (p->kind == AST_FUNC) {
    const FuncDef *pDef = p->pDef ? p->pDef : func_lookup(p->z, p->n);
    if (pDef && (pDef->flags & FUNCF_AGGREGATE)) return WALK_ABORT;
  }
  if (p->kind == AST_EXISTS || p->kind == AST_COUNT_SUB || p->kind == AST_COLLECT_SUB || p->kind == AST_PATTERN_COMP) return WALK_PRUNE;
  return WALK_CONTINUE;
}

bool check_has_aggregate_call(const AstNode *p) {
  AstWalker w = {checkAggregateCallNode, NULL, NULL, 0};
  return ast_walk((AstNode *)p, &w) == WALK_ABORT;
}

static bool checkSameList(const AstList *a, const AstList *b) {
  uint32_t na = a ? a->n : 0, nb = b ? b->n : 0;
  if (na != nb) return false;
  for (uint32_t i = 0; i < na; i++) {
    if (!check_same_expr(a->a[i], b->a[i])) return false;
  }
  return true;
}

bool check_same_expr(const AstNode *a, const AstNode *b) {
  if (a == b) return true;
  if (a == NULL || b == NULL) return false;
  if (a->kind != b->kind || a->op != b->op) return false;
  uint32_t mask = AST_F_DISTINCT | AST_F_STAR | AST_F_NOT;
  if ((a->flags & mask) != (b->flags & mask)) return false;
  if (a->n != b->n || (a->n && memcmp(a->z, b->z, a->n) != 0)) return false;
  if (a->kind == AST_VAR && a->iSlot >= 0 && b->iSlot >= 0 && a->iSlot != b->iSlot) return false;
  if (a->kind == AST_LITERAL && !(a->lit.type == b->lit.type && value_equivalent(&a->lit, &b->lit))) {
    return false;
  }
  return check_same_expr(a->p1, b->p1) && check_same_expr(a->p2, b->p2) &&
         check_same_expr(a->p3, b->p3) && check_same_expr(a->p4, b->p4) &&
         checkSameList(a->pList, b->pList) && checkSameList(a->pList2, b->pList2);
}

/* ---- Type masks --------------------------------------------------------- */

static TypeMask checkLiteralMask(const Value *v) { return TM(v->type); }

/* Is a mask definitely outside `accept` (ignoring null)? */
static bool checkWrongType(TypeMask tm, TypeMask accept) {
  TypeMask t = tm & ~TM(VAL_NULL);
  return t != 0 && (t & accept) == 0;
}

static const char *checkMaskName(TypeMask tm) {
  for (int t = 0; t < VAL__COUNT; t++) {
    if (tm & TM(t) && t != VAL_NULL) return value_type_name(t);
  }
  return "NULL";
}

static TypeMask checkTypeError(Compiler *c, const AstNode *p, const char *zWhat, TypeMask tm) {
  check_error(c, p, ERR_INVALID_ARGUMENT_TYPE_C, "%s, not %s", zWhat, checkMaskName(tm));
  return 0;
}

/* The one type a mask allows besides null, "NULL" when only null, else
** "ANY" (the operand's type is not known before the query runs). */
static const char *checkMaskTypeName(TypeMask tm) {
  TypeMask t = tm & ~TM(VAL_NULL);
  if (t == 0) return "NULL";
  if ((t & (t - 1)) != 0) return "ANY";
  return checkMaskName(t);
}

/* An arithmetic operator (binary p) with an operand that cannot take part:
** the message names the operator, both types and the operand at fault. */
static TypeMask checkArithError(Compiler *c, const AstNode *p, TypeMask a, TypeMask b,
                                bool bRightBad) {
  char zMsg[200];
  expr_arith_message(zMsg, sizeof(zMsg), p->op, checkMaskTypeName(a), checkMaskTypeName(b),
                     bRightBad);
  check_error(c, bRightBad ? p->p2 : p->p1, ERR_INVALID_ARGUMENT_TYPE_C, "%s", zMsg);
  return 0;
}

/* Argument types some functions demand, checked at compile time. */
typedef struct FuncArgRule {
  const char *zName;
  TypeMask tmArg0;
} FuncArgRule;

static const FuncArgRule aFuncArgRule[] = {
    {"labels", TM(VAL_NODE)},
    {"type", TM(VAL_REL)},
    {"properties", TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_MAP)},
    {"keys", TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_MAP)},
    {"length", TM(VAL_PATH)},
    {"nodes", TM(VAL_PATH)},
    {"relationships", TM(VAL_PATH)},
    {"size", TM(VAL_LIST) | TM(VAL_STRING)},
    {"startnode", TM(VAL_REL)},
    {"endnode", TM(VAL_REL)},
    {"id", TM(VAL_NODE) | TM(VAL_REL)},
};

/* Result types of some functions, for later checks (others: TM_ANY). */
static TypeMask checkFuncResult(const char *zName) {
  static const struct { const char *z; TypeMask tm; } aRes[] = {
      {"labels", TM(VAL_LIST)}, {"keys", TM(VAL_LIST)}, {"nodes", TM(VAL_LIST)},
      {"relationships", TM(VAL_LIST)}, {"type", TM(VAL_STRING)}, {"id", TM(VAL_INT)},
      {"size", TM(VAL_INT)}, {"length", TM(VAL_INT)}, {"count", TM(VAL_INT)},
      {"collect", TM(VAL_LIST)}, {"tostring", TM(VAL_STRING)}, {"properties", TM(VAL_MAP)},
      {"startnode", TM(VAL_NODE)}, {"endnode", TM(VAL_NODE)}, {"range", TM(VAL_LIST)},
  };
  for (int i = 0; i < ARRAY_SIZE(aRes); i++) {
    if (strcasecmp(aRes[i].z, zName) == 0) return aRes[i].tm | TM(VAL_NULL);
  }
  return TM_ANY;
}

/* ---- Functions ---------------------------------------------------------- */

static TypeMask checkFunc(Compiler *c, AstNode *p, uint32_t flags) {
  /* exists(n.prop) and exists((a)-->(b)) are special forms. */
  if (strcasecmp(p->z, "exists") == 0 && p->pList && p->pList->n == 1) {
    AstNode *pArg = p->pList->a[0];
    if (pArg->kind == AST_PATTERN_EXPR) {
      int iOfst = p->iOfst;
      *p = *pArg;
      p->iOfst = iOfst;
      return check_expr(c, p, flags | CK_PRED);
    }
    if (pArg->kind != AST_PROP) {
      check_error(c, pArg, ERR_INVALID_ARGUMENT_TYPE_C,
                  "exists() needs a property (n.key) or a pattern");
      return 0;
    }
    AstNode *pInner = pArg;
    p->kind = AST_IS_NULL;
    p->flags |= AST_F_NOT;
    p->p1 = pInner;
    p->pList = NULL;
    if (check_expr(c, pInner, flags) == 0 && c->pErr->code) return 0;
    return TM(VAL_BOOL);
  }
  const FuncDef *pDef = func_lookup(p->z, p->n);
  if (pDef == NULL) {
    const char *zMeant = func_nearest(p->z, p->n);
    if (zMeant) check_error(c, p, ERR_UNKNOWN_FUNCTION_SUGGEST, p->z, zMeant);
    else check_error(c, p, ERR_UNKNOWN_FUNCTION, p->z);
    return 0;
  }
  p->pDef = pDef;
  uint32_t nArg = p->pList ? p->pList->n : 0;
  bool bAgg = (pDef->flags & FUNCF_AGGREGATE) != 0;
  if (p->flags & AST_F_STAR) {
    nArg = 1;   /* count(*) counts rows: treat as one argument for arity */
  }
  if ((int)nArg < pDef->nMinArg || (pDef->nMaxArg >= 0 && (int)nArg > pDef->nMaxArg)) {
    char zCount[32];
    if (pDef->nMaxArg == pDef->nMinArg) {
      snprintf(zCount, sizeof(zCount), "%d", pDef->nMinArg);
    } else if (pDef->nMaxArg < 0) {
      snprintf(zCount, sizeof(zCount), "at least %d", pDef->nMinArg);
    } else {
      snprintf(zCount, sizeof(zCount), "%d to %d", pDef->nMinArg, pDef->nMaxArg);
    }
    check_error(c, p, ERR_WRONG_ARG_COUNT, pDef->zName, zCount,
                pDef->nMaxArg == 1 ? "" : "s", (int)nArg);
    return 0;
  }
  if ((p->flags & AST_F_DISTINCT) && !bAgg) {
    check_error(c, p, ERR_INVALID_ARG_PASSING, "DISTINCT is only allowed in aggregate functions");
    return 0;
  }
  if (bAgg) {
    if (flags & CK_IN_AGG) {
      check_error(c, p, ERR_NESTED_AGGREGATION);
      return 0;
    }
    if (!(flags & CK_AGG)) {
      check_error(c, p, ERR_INVALID_AGGREGATION,
                  "aggregate functions are only allowed in RETURN and WITH");
      return 0;
    }
    vec_push(&c->aggs, p);
  }
  if ((pDef->flags & FUNCF_VOLATILE) && (flags & CK_IN_AGG)) {
    check_error(c, p, ERR_NON_CONSTANT_EXPRESSION, "the argument of an aggregate (rand() varies)");
    return 0;
  }
  uint32_t argFlags = bAgg ? ((flags & ~CK_AGG) | CK_IN_AGG) : flags;
  for (uint32_t i = 0; p->pList && i < p->pList->n; i++) {
    TypeMask tm = check_expr(c, p->pList->a[i], argFlags);
    if (tm == 0 && c->pErr->code) return 0;
    if (i == 0) {
      for (int k = 0; k < ARRAY_SIZE(aFuncArgRule); k++) {
        if (strcasecmp(aFuncArgRule[k].zName, pDef->zName) == 0 &&
            checkWrongType(tm, aFuncArgRule[k].tmArg0)) {
          char zWhat[128];
          snprintf(zWhat, sizeof(zWhat), "%s() cannot take a value of type %s", pDef->zName, checkMaskName(tm));
          check_error(c, p->pList->a[i], ERR_INVALID_ARGUMENT_TYPE_C, zWhat);
          return 0;
        }
      }
    }
  }
  return checkFuncResult(pDef->zName);
}

/* ---- Comprehensions ------------------------------------------------------ */

/* Declares the iteration variable of a comprehension/quantifier in a new
** inner scope and stores its slot in p->iSlot. Over a list literal the
** variable has the literal's element types. */
static void checkDeclareIter(Compiler *c, AstNode *p) {
  TypeMask tm = TM_ANY;
  if (p->p1 && p->p1->kind == AST_LIST && p->p1->iAux > 0) tm = (TypeMask)p->p1->iAux;
  check_push_scope(c);
  Var *v = check_declare(c, p->z, p->n, VK_VALUE, tm);
  p->iSlot = (int32_t)v->iSlot;
}

/* ---- The checker -------------------------------------------------------- */

static TypeMask checkBinary(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask a = check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  TypeMask b = check_expr(c, p->p2, flags);
  if (c->pErr->code) return 0;
  switch (p->op) {
    case TK_AND: case TK_OR: case TK_XOR:
      if (checkWrongType(a, TM(VAL_BOOL))) return checkTypeError(c, p->p1, "expected a boolean", a);
      if (checkWrongType(b, TM(VAL_BOOL))) return checkTypeError(c, p->p2, "expected a boolean", b);
      return TM(VAL_BOOL) | TM(VAL_NULL);
    case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
    case TK_STARTS: case TK_ENDS: case TK_CONTAINS: case TK_REGEX:
      return TM(VAL_BOOL) | TM(VAL_NULL);
    case TK_IN:
      if (checkWrongType(b, TM(VAL_LIST))) return checkTypeError(c, p->p2, "IN needs a list", b);
      return TM(VAL_BOOL) | TM(VAL_NULL);
    case TK_CONCAT: {
      /* || joins two strings or two lists (Neo4j 5, GQL); nothing else. */
      TypeMask ok = TM(VAL_STRING) | TM(VAL_LIST) | TM(VAL_NULL);
      if (checkWrongType(a, ok)) return checkTypeError(c, p->p1, "|| joins strings or lists", a);
      if (checkWrongType(b, ok)) return checkTypeError(c, p->p2, "|| joins strings or lists", b);
      return ok;
    }
    case TK_PLUS: {
      TypeMask ok = TM_NUMBER | TM(VAL_STRING) | TM(VAL_LIST) | TM_TEMPORAL;
      TypeMask tList = TM(VAL_LIST) | TM(VAL_NULL);
      bool bListA = (a & ~TM(VAL_NULL)) && !(a & ~tList);
      bool bListB = (b & ~TM(VAL_NULL)) && !(b & ~tList);
      if (bListA || bListB) return tList;   /* list concatenation or append */
      if (!(a & TM(VAL_LIST)) && !(b & TM(VAL_LIST))) {
        if (checkWrongType(a, ok)) return checkArithError(c, p, a, b, false);
        if (checkWrongType(b, ok)) return checkArithError(c, p, a, b, true);
      }
      TypeMask tNum = TM_NUMBER | TM(VAL_NULL);
      if (!(a & ~tNum) && !(b & ~tNum)) {
        return ((a | b) & TM(VAL_FLOAT)) ? tNum : TM(VAL_INT) | TM(VAL_NULL);
      }
      return TM_ANY;
    }
    default: {
      TypeMask ok = TM_NUMBER | TM_TEMPORAL;
      if (checkWrongType(a, ok)) return checkArithError(c, p, a, b, false);
      if (checkWrongType(b, ok)) return checkArithError(c, p, a, b, true);
      if (!((a | b) & ~(TM_NUMBER | TM(VAL_NULL)))) {
        if (p->op == TK_CARET) return TM(VAL_FLOAT) | TM(VAL_NULL);
        if (!((a | b) & TM(VAL_FLOAT))) return TM(VAL_INT) | TM(VAL_NULL);
        return TM_NUMBER | TM(VAL_NULL);
      }
      return TM_ANY;
    }
  }
}

/* Is p a boolean connective whose operands are predicates too? */
static bool checkIsLogical(const AstNode *p) {
  return (p->kind == AST_BINARY && (p->op == TK_AND || p->op == TK_OR || p->op == TK_XOR)) ||
         (p->kind == AST_UNARY && p->op == TK_NOT);
}

/* A variable: its slot and what it holds. */
static TypeMask checkVar(Compiler *c, AstNode *p) {
  Var *v = check_lookup(c, p->z, p->n);
  if (v == NULL) {
    check_error(c, p, ERR_UNDEFINED_VARIABLE, p->z);
    return 0;
  }
  p->iSlot = (int32_t)v->iSlot;
  return v->tm;
}

/* e.key: a node, relationship, map, temporal or point value has properties. */
static TypeMask checkProp(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask tm = check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  TypeMask ok = TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_MAP) | TM_TEMPORAL | TM(VAL_POINT);
  if (checkWrongType(tm, ok)) {
    return checkTypeError(c, p->p1, "property access needs a node, relationship or map", tm);
  }
  p->iAux = (int32_t)check_key_id(c, p->z, p->n);
  return TM_ANY;
}

/* l[from..to]: only lists are sliced. */
static TypeMask checkSlice(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask tm = check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  if (checkWrongType(tm, TM(VAL_LIST))) return checkTypeError(c, p->p1, "only lists can be sliced", tm);
  check_expr(c, p->p2, flags);
  check_expr(c, p->p3, flags);
  return TM(VAL_LIST) | TM(VAL_NULL);
}

/* NOT x needs a boolean; -x and +x a number or a duration. */
static TypeMask checkUnary(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask tm = check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  if (p->op == TK_NOT) {
    if (checkWrongType(tm, TM(VAL_BOOL))) return checkTypeError(c, p->p1, "NOT needs a boolean", tm);
    return TM(VAL_BOOL) | TM(VAL_NULL);
  }
  if (checkWrongType(tm, TM_NUMBER | TM(VAL_DURATION))) {
    char zMsg[200];
    expr_sign_message(zMsg, sizeof(zMsg), p->op, checkMaskTypeName(tm));
    check_error(c, p->p1, ERR_INVALID_ARGUMENT_TYPE_C, "%s", zMsg);
    return 0;
  }
  return tm;
}

/* n:Label needs a node. */
static TypeMask checkHasLabels(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask tm = check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  if (checkWrongType(tm, TM(VAL_NODE) | TM(VAL_REL))) {
    return checkTypeError(c, p->p1, "a label or type test needs a node or a relationship", tm);
  }
  check_label_expr(c, p->p2, false);
  return TM(VAL_BOOL) | TM(VAL_NULL);
}

/* A list literal; the element types (iAux) serve comprehension variables. */
static TypeMask checkList(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask tmElem = 0;
  for (uint32_t i = 0; p->pList && i < p->pList->n; i++) {
    tmElem |= check_expr(c, p->pList->a[i], flags);
    if (c->pErr->code) return 0;
  }
  p->iAux = (int32_t)(p->pList->n ? tmElem : TM_ANY);
  return TM(VAL_LIST);
}

/* CASE: a searched CASE's conditions are booleans; the type is the union
** of the branches' (null without ELSE). */
static TypeMask checkCase(Compiler *c, AstNode *p, uint32_t flags) {
  check_expr(c, p->p1, flags);
  TypeMask tm = 0;
  for (uint32_t i = 0; i < p->pList->n && !c->pErr->code; i++) {
    AstNode *pWhen = p->pList->a[i];
    TypeMask tmCond = check_expr(c, pWhen->p1, p->p1 ? flags : flags | CK_PRED);
    if (!p->p1 && checkWrongType(tmCond, TM(VAL_BOOL))) {
      return checkTypeError(c, pWhen->p1, "a CASE condition must be a boolean", tmCond);
    }
    if (pWhen->pList && !p->p1) {
      error_at(c->pErr, c->zText, pWhen->pList->a[0]->iOfst, ERR_UNSUPPORTED,
               "WHEN with several conditions in a CASE with no value after CASE");
      return 0;
    }
    for (uint32_t k = 0; pWhen->pList && k < pWhen->pList->n && !c->pErr->code; k++) {
      check_expr(c, pWhen->pList->a[k], flags);
    }
    tm |= check_expr(c, pWhen->p2, flags);
  }
  tm |= p->p2 ? check_expr(c, p->p2, flags) : TM(VAL_NULL);
  return c->pErr->code ? 0 : tm;
}

/* [x IN list WHERE pred | expr]: x is declared in a scope of its own;
** aggregates inside belong to no projection. */
static TypeMask checkListComp(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask tm = check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  if (checkWrongType(tm, TM(VAL_LIST))) return checkTypeError(c, p->p1, "expected a list", tm);
  checkDeclareIter(c, p);
  uint32_t inner = flags & ~(uint32_t)CK_AGG;
  check_expr(c, p->p2, inner | CK_PRED);
  check_expr(c, p->p3, inner);
  check_pop_scope(c);
  return c->pErr->code ? 0 : TM(VAL_LIST) | TM(VAL_NULL);
}

/* all/any/none/single(x IN list WHERE pred). As in Neo4j, a value that
** is not a list stands for a list of itself (any(x IN 'abc' WHERE ...)). */
static TypeMask checkQuant(Compiler *c, AstNode *p, uint32_t flags) {
  check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  checkDeclareIter(c, p);
  TypeMask tmPred = check_expr(c, p->p2, (flags & ~(uint32_t)CK_AGG) | CK_PRED);
  check_pop_scope(c);
  if (c->pErr->code) return 0;
  if (p->p2 && checkWrongType(tmPred, TM(VAL_BOOL))) {
    return checkTypeError(c, p->p2, "a quantifier predicate must be a boolean", tmPred);
  }
  return TM(VAL_BOOL) | TM(VAL_NULL);
}

/* reduce(acc = init, x IN list | step): acc and x live in the step. */
static TypeMask checkReduce(Compiler *c, AstNode *p, uint32_t flags) {
  check_expr(c, p->p1, flags);
  TypeMask tm = check_expr(c, p->p2, flags);
  if (c->pErr->code) return 0;
  if (checkWrongType(tm, TM(VAL_LIST))) return checkTypeError(c, p->p2, "reduce() needs a list", tm);
  check_push_scope(c);
  p->iSlot = (int32_t)check_declare(c, p->z, p->n, VK_VALUE, TM_ANY)->iSlot;
  p->p4->iSlot = (int32_t)check_declare(c, p->p4->z, p->p4->n, VK_VALUE, TM_ANY)->iSlot;
  check_expr(c, p->p3, flags & ~(uint32_t)CK_AGG);
  check_pop_scope(c);
  return c->pErr->code ? 0 : TM_ANY;
}

/* e{.key, key: expr, var, .*} on a node, relationship or map. */
static TypeMask checkMapProj(Compiler *c, AstNode *p, uint32_t flags) {
  TypeMask tm = check_expr(c, p->p1, flags);
  if (c->pErr->code) return 0;
  if (checkWrongType(tm, TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_MAP))) {
    return checkTypeError(c, p->p1, "a map projection needs a node, relationship or map", tm);
  }
  for (uint32_t i = 0; i < p->pList->n && !c->pErr->code; i++) {
    AstNode *pItem = p->pList->a[i];
    if (pItem->kind == AST_MP_ENTRY) {
      check_expr(c, pItem->p1, flags);
    } else if (pItem->kind == AST_MP_VAR) {
      Var *v = check_lookup(c, pItem->z, pItem->n);
      if (v == NULL) {
        check_error(c, pItem, ERR_UNDEFINED_VARIABLE, pItem->z);
        return 0;
      }
      pItem->iSlot = (int32_t)v->iSlot;
    }
  }
  return c->pErr->code ? 0 : TM(VAL_MAP) | TM(VAL_NULL);
}

/* EXISTS { }, COUNT { }, a pattern predicate or comprehension: compiled
** into a subplan of its own. */
static TypeMask checkSubquery(Compiler *c, AstNode *p) {
  p->pPlan = plan_subquery(c, p);
  if (c->pErr->code) return 0;
  if (p->kind == AST_COUNT_SUB) return TM(VAL_INT);
  if (p->kind == AST_PATTERN_COMP || p->kind == AST_COLLECT_SUB) return TM(VAL_LIST);
  return TM(VAL_BOOL);
}

TypeMask check_expr(Compiler *c, AstNode *p, uint32_t flags) {
  if (p == NULL || c->pErr->code) return 0;
  if (p->flags & (AST_F_SLOTREF | AST_F_CONST)) return TM_ANY;
  if (p->kind == AST_PATTERN_EXPR && !(flags & CK_PRED)) {
    check_error(c, p, ERR_SYNTAX,
                "a pattern can only be used as a predicate here; use EXISTS { ... } or COUNT { ... }");
    return 0;
  }
  /* Only boolean connectives pass the predicate position to their operands. */
  if (!checkIsLogical(p)) flags &= ~(uint32_t)CK_PRED;
  switch (p->kind) {
    case AST_LITERAL:
      if (p->flags & AST_F_INT_MIN) {
        check_error(c, p, ERR_INTEGER_LITERAL_OVERFLOW, "9223372036854775808");
        return 0;
      }
      return checkLiteralMask(&p->lit);
    case AST_PARAM:
      p->iAux = (int32_t)check_param(c, p->z, p->n);
      return TM_ANY;
    case AST_VAR: return checkVar(c, p);
    case AST_PROP: return checkProp(c, p, flags);
    case AST_INDEX:
      /* Indexing a non-list is a TypeError, which the TCK expects at run
      ** time, so it is not checked here. */
      check_expr(c, p->p1, flags);
      check_expr(c, p->p2, flags);
      return c->pErr->code ? 0 : TM_ANY;
    case AST_SLICE: return checkSlice(c, p, flags);
    case AST_BINARY: return checkBinary(c, p, flags);
    case AST_UNARY: return checkUnary(c, p, flags);
    case AST_IS_NULL:
      check_expr(c, p->p1, flags);
      return TM(VAL_BOOL);
    case AST_HAS_LABELS: return checkHasLabels(c, p, flags);
    case AST_LIST: return checkList(c, p, flags);
    case AST_MAP:
      for (uint32_t i = 0; i < p->pList->n; i++) check_expr(c, p->pList->a[i]->p1, flags);
      return TM(VAL_MAP);
    case AST_FUNC: return checkFunc(c, p, flags);
    case AST_CASE: return checkCase(c, p, flags);
    case AST_LIST_COMP: return checkListComp(c, p, flags);
    case AST_QUANT: return checkQuant(c, p, flags);
    case AST_REDUCE: return checkReduce(c, p, flags);
    case AST_MAP_PROJ: return checkMapProj(c, p, flags);
    case AST_PATTERN_EXPR:
    case AST_EXISTS:
    case AST_COUNT_SUB:
    case AST_COLLECT_SUB:
    case AST_PATTERN_COMP: return checkSubquery(c, p);
    case AST_PROPS_MATCH:
      check_expr(c, p->p1, flags);
      check_expr(c, p->p2, flags);
      return TM(VAL_BOOL) | TM(VAL_NULL);
    case AST_PATH_BUILD:
      return TM(VAL_PATH);
    default:
      check_error(c, p, ERR_SYNTAX, "unexpected expression");
      return 0;
  }
}
