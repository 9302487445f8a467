/*
** expr.c — evaluation of expressions over the current row (see expr.h).
**
** One switch over the AST kinds. Operators follow Cypher's rules: null in,
** null out (except the boolean connectives, IS NULL and CASE); integers
** overflow with an error instead of wrapping; comparisons across types are
** null; a value of the wrong type raises a TypeError at the expression.
*/
#include "eval/expr.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdio.h>

#include "eval/func.h"
#include "store/graph.h"
#include "base/htab.h"
#include "base/mem.h"
#include "parser.h"
#include "base/strbuf.h"
#include "value/point.h"
#include "value/temporal.h"
#include "base/vec.h"

#define EXPR_REDUCE_SLACK (64 * 1024)  /* scratch a reduce step may use before a copy */

static bool exprTypeError(ExecCtx *pCtx, const AstNode *p, const char *zWhat, const Value *pVal) {
  exec_error(pCtx, p->iOfst, ERR_TYPE_MISMATCH, "%s, got %s", zWhat,
             value_type_name(pVal->type));
  return false;
}

/* Unary + or - (node p) applied to a value that is no number. */
static bool exprSignError(ExecCtx *pCtx, const AstNode *p, const Value *pVal) {
  char zMsg[200];
  expr_sign_message(zMsg, sizeof(zMsg), p->op, value_type_name(pVal->type));
  exec_error(pCtx, p->p1->iOfst, ERR_TYPE_MISMATCH, "%s", zMsg);
  return false;
}

/* ---- Graph entities -------------------------------------------------- */

static bool exprCheckLive(ExecCtx *pCtx, const AstNode *p, const Value *pEnt) {
  Graph *g = pCtx->pGraph;
  if (pEnt->type == VAL_NODE) {
    if (graph_node_exists(g, pEnt->u.id)) return true;
    if (graph_node_deleted(g, pEnt->u.id)) {
      exec_error(pCtx, p->iOfst, ERR_DELETED_ENTITY_ACCESS, "node");
      return false;
    }
  } else {
    if (graph_rel_exists(g, pEnt->u.id)) return true;
    if (graph_rel_deleted(g, pEnt->u.id)) {
      exec_error(pCtx, p->iOfst, ERR_DELETED_ENTITY_ACCESS, "relationship");
      return false;
    }
  }
  exec_error(pCtx, p->iOfst, ERR_DELETED_ENTITY_ACCESS,
             pEnt->type == VAL_NODE ? "node" : "relationship");
  return false;
}

Value expr_entity_props(const Graph *g, const Value *pEntity, Arena *pA) {
  int ent = pEntity->type == VAL_NODE ? ENT_NODE : ENT_REL;
  const PropList *pl = graph_props(g, ent, pEntity->u.id);
  Value m = value_map_new(pA, pl ? pl->n : 0);
  for (uint32_t i = 0; pl && i < pl->n; i++) {
    m.u.m[i].zKey = intern_name(&g->keys, pl->a[i].key);
    m.u.m[i].nKey = (uint32_t)strlen(m.u.m[i].zKey);
    m.u.m[i].v = pl->a[i].v;
  }
  return m;
}

/*
** Calls xName for each name a dynamic label or type expression gives (a
** string, or a list of strings); false with the error set for anything
** else (null included) or an empty name. xName returns false to stop.
*/
bool expr_dynamic_names(ExecCtx *pCtx, const AstNode *pDyn, Arena *pA,
                        bool (*xName)(const char *z, uint32_t n, void *pArg), void *pArg) {
  Value v;
  if (!expr_eval(pCtx, pDyn->p1, pA, &v)) return false;
  uint32_t nItem = v.type == VAL_LIST ? v.n : 1;
  for (uint32_t i = 0; i < nItem; i++) {
    const Value *e = v.type == VAL_LIST ? &v.u.a[i] : &v;
    if (e->type != VAL_STRING || e->n == 0) {
      const char *zWhy = e->type == VAL_STRING ? "an empty string" : value_type_name(e->type);
      exec_error(pCtx, pDyn->p1->iOfst, ERR_TYPE_MISMATCH,
                 "a dynamic label or type needs a non-empty string or a list of them, got %s", zWhy);
      return false;
    }
    if (!xName(e->u.z, e->n, pArg)) break;
  }
  return true;
}

/* expr_dynamic_names' callback for matching: does the node have the label? */
typedef struct DynLabelMatch {
  const Graph *g;
  NodeId n;
  bool bAny;
  bool bResult;
} DynLabelMatch;

static bool exprDynLabelHas(const char *z, uint32_t nz, void *pArg) {
  DynLabelMatch *m = pArg;
  int32_t id = intern_find(&m->g->labels, z, nz);
  bool bHas = id >= 0 && graph_node_has_label(m->g, m->n, (uint32_t)id);
  m->bResult = bHas;
  return m->bAny ? !bHas : bHas;   /* stop at the first that decides */
}

/* Does node n have the labels of $(e) / $all(e) (every one) or $any(e)? */
static bool exprDynamicLabelMatch(ExecCtx *pCtx, NodeId n, const AstNode *p) {
  DynLabelMatch m = {pCtx->pGraph, n, p->op != 0, p->op == 0};
  Arena a;
  arena_init(&a);
  bool bOk = expr_dynamic_names(pCtx, p, &a, exprDynLabelHas, &m);
  arena_free(&a);
  return bOk && m.bResult;
}

/* Does node n satisfy the label expression p (check.c put label ids in iAux)? */
bool expr_label_match(ExecCtx *pCtx, NodeId n, const AstNode *p) {
  const Graph *g = pCtx->pGraph;
  switch (p->kind) {
    case AST_LABEL: return p->iAux >= 0 && graph_node_has_label(g, n, (uint32_t)p->iAux);
    case AST_LABEL_AND: return expr_label_match(pCtx, n, p->p1) && expr_label_match(pCtx, n, p->p2);
    case AST_LABEL_OR: return expr_label_match(pCtx, n, p->p1) || expr_label_match(pCtx, n, p->p2);
    case AST_LABEL_NOT: return !expr_label_match(pCtx, n, p->p1);
    case AST_LABEL_DYNAMIC: return exprDynamicLabelMatch(pCtx, n, p);
    case AST_LABEL_ANY: {
      uint32_t nLabel;
      graph_node_labels(g, n, &nLabel);
      return nLabel > 0;
    }
    default: return false;
  }
}

/* expr_dynamic_names' callback for a relationship: is the name its type? */
typedef struct DynTypeMatch {
  const char *zType;
  uint32_t nType;
  bool bAny;
  bool bResult;
} DynTypeMatch;

static bool exprDynTypeIs(const char *z, uint32_t nz, void *pArg) {
  DynTypeMatch *m = pArg;
  bool bIs = nz == m->nType && memcmp(z, m->zType, nz) == 0;
  m->bResult = bIs;
  return m->bAny ? !bIs : bIs;
}

/* Does a relationship of type `type` satisfy label expression p (WHERE
** r:KNOWS|LIKES)? Names are compared, as check.c gave label ids, not
** type ids, to a variable it could not type. */
static bool exprTypeMatch(ExecCtx *pCtx, uint32_t type, const AstNode *p) {
  const Graph *g = pCtx->pGraph;
  switch (p->kind) {
    case AST_LABEL:
      return p->n == intern_name_len(&g->types, type) && memcmp(p->z, intern_name(&g->types, type), p->n) == 0;
    case AST_LABEL_AND: return exprTypeMatch(pCtx, type, p->p1) && exprTypeMatch(pCtx, type, p->p2);
    case AST_LABEL_OR: return exprTypeMatch(pCtx, type, p->p1) || exprTypeMatch(pCtx, type, p->p2);
    case AST_LABEL_NOT: return !exprTypeMatch(pCtx, type, p->p1);
    case AST_LABEL_ANY: return true;   /* every relationship has a type */
    case AST_LABEL_DYNAMIC: {
      DynTypeMatch m = {intern_name(&g->types, type), intern_name_len(&g->types, type), p->op != 0, p->op == 0};
      Arena a;
      arena_init(&a);
      bool bOk = expr_dynamic_names(pCtx, p, &a, exprDynTypeIs, &m);
      arena_free(&a);
      return bOk && m.bResult;
    }
    default: return false;
  }
}

bool expr_make_path(ExecCtx *pCtx, NodeId start, const RelId *aRel, uint32_t nRel, Arena *pA,
                    Value *pOut) {
  Value path = value_path_new(pA, nRel);
  NodeId cur = start;
  path.u.a[0] = value_node(cur);
  for (uint32_t i = 0; i < nRel; i++) {
    const RelRec *r = graph_rel(pCtx->pGraph, aRel[i]);
    NodeId next = r->src == cur ? r->dst : r->src;
    path.u.a[2 * i + 1] = value_rel(aRel[i]);
    path.u.a[2 * i + 2] = value_node(next);
    cur = next;
  }
  *pOut = path;
  return true;
}

/* ---- Arithmetic --------------------------------------------------------- */

static bool exprOverflow(ExecCtx *pCtx, int iOfst, const char *zOp) {
  exec_error(pCtx, iOfst, ERR_INTEGER_OVERFLOW, zOp);
  return false;
}

/* Appends a number, boolean, temporal or string as text (for string
** concatenation: Neo4j's `time + '-'` is the time's text and a dash). */
static void exprAppendText(StrBuf *pBuf, const Value *v) {
  char z[40];
  if (value_is_temporal(v)) {
    temporal_format(pBuf, v);
  } else if (v->type == VAL_STRING) {
    strbuf_append(pBuf, v->u.z, v->n);
  } else if (v->type == VAL_INT) {
    snprintf(z, sizeof(z), "%lld", (long long)v->u.i);
    strbuf_puts(pBuf, z);
  } else if (v->type == VAL_FLOAT) {
    value_format_double(z, sizeof(z), v->u.f);
    strbuf_puts(pBuf, z);
  } else if (v->type == VAL_BOOL) {
    strbuf_puts(pBuf, v->u.b ? "true" : "false");
  }
}

bool expr_seal_depth(ExecCtx *pCtx, int iOfst, Value *p) {
  if (value_seal_depth(p)) return true;
  exec_error(pCtx, iOfst, ERR_LIMIT, "lists and maps may nest at most %d levels deep",
             VALUE_MAX_DEPTH);
  return false;
}

/* list + list, list + element, element + list. */
static bool exprListConcat(ExecCtx *pCtx, int iOfst, const Value *a, const Value *b, Arena *pA,
                           Value *pOut) {
  uint32_t na = a->type == VAL_LIST ? a->n : 1;
  uint32_t nb = b->type == VAL_LIST ? b->n : 1;
  if ((uint64_t)na + nb > VALUE_MAX_LIST) {
    exec_error(pCtx, iOfst, ERR_LIMIT, "a list may hold at most %u elements", VALUE_MAX_LIST);
    return false;
  }
  Value out = value_list_new(pA, na + nb);
  if (a->type == VAL_LIST) {
    if (na) memcpy(out.u.a, a->u.a, sizeof(Value) * na);
  } else {
    out.u.a[0] = *a;
  }
  if (b->type == VAL_LIST) {
    if (nb) memcpy(out.u.a + na, b->u.a, sizeof(Value) * nb);
  } else {
    out.u.a[na] = *b;
  }
  /* The items are those of the lists, and the lone element: no deeper than
  ** the deepest of a list, or one level below the element. */
  uint32_t nDepth = TG_MAX(a->type == VAL_LIST ? a->depth : 1 + value_depth(a),
                           b->type == VAL_LIST ? b->depth : 1 + value_depth(b));
  if (nDepth > VALUE_MAX_DEPTH) return expr_seal_depth(pCtx, iOfst, &out);
  out.depth = (uint16_t)nDepth;
  *pOut = out;
  return true;
}

void expr_arith_message(char *zBuf, size_t nBuf, int op, const char *zLeft, const char *zRight,
                        bool bRightBad) {
  const char *zOp, *zFmt;
  bool bSwap = false;   /* the format names the right operand first */
  switch (op) {
    case TK_PLUS: zOp = "+"; zFmt = "cannot add %s and %s"; break;
    case TK_MINUS: zOp = "-"; zFmt = "cannot subtract %s from %s"; bSwap = true; break;
    case TK_STAR: zOp = "*"; zFmt = "cannot multiply %s by %s"; break;
    case TK_SLASH: zOp = "/"; zFmt = "cannot divide %s by %s"; break;
    case TK_PERCENT: zOp = "%"; zFmt = "cannot take %s modulo %s"; break;
    default: zOp = "^"; zFmt = "cannot raise %s to the power of %s"; break;
  }
  int n = snprintf(zBuf, nBuf, zFmt, bSwap ? zRight : zLeft, bSwap ? zLeft : zRight);
  if (n < 0 || (size_t)n >= nBuf) return;
  snprintf(zBuf + n, nBuf - (size_t)n, ": the %s operand of %s is %s", bRightBad ? "right" : "left",
           zOp, bRightBad ? zRight : zLeft);
}

void expr_sign_message(char *zBuf, size_t nBuf, int op, const char *zType) {
  if (op == TK_MINUS) {
    snprintf(zBuf, nBuf, "cannot negate %s: the operand of unary - is %s, not a number or a DURATION",
             zType, zType);
  } else {
    snprintf(zBuf, nBuf, "cannot apply unary + to %s: its operand is %s, not a number", zType,
             zType);
  }
}

/*
** Which operand of a failed arithmetic operation to blame: the left one
** when its type takes part in no arithmetic with op at all, else the right
** one (the left is fine; the right does not fit it, as INTEGER after a DATE).
*/
static bool exprArithBlamesRight(int op, const Value *a) {
  if (value_is_number(a)) return true;
  if (value_is_temporal(a)) return op == TK_PLUS || op == TK_MINUS || op == TK_STAR || op == TK_SLASH;
  return op == TK_PLUS && a->type == VAL_STRING;
}

static bool exprStringTooLong(ExecCtx *pCtx, int iOfst) {
  exec_error(pCtx, iOfst, ERR_LIMIT, "a string may hold at most %u bytes", VALUE_MAX_STRING);
  return false;
}

/* a || b: two strings or two lists joined; null when either is null. */
static bool exprConcat(ExecCtx *pCtx, int iOfst, const Value *a, const Value *b, Arena *pA,
                       Value *pOut) {
  if (a->type == VAL_NULL || b->type == VAL_NULL) {
    *pOut = value_null();
    return true;
  }
  if (a->type == VAL_LIST && b->type == VAL_LIST) return exprListConcat(pCtx, iOfst, a, b, pA, pOut);
  if (a->type == VAL_STRING && b->type == VAL_STRING) {
    if ((uint64_t)a->n + b->n > VALUE_MAX_STRING) return exprStringTooLong(pCtx, iOfst);
    char *z = arena_alloc(pA, (size_t)a->n + b->n + 1);
    memcpy(z, a->u.z, a->n);
    memcpy(z + a->n, b->u.z, b->n);
    z[a->n + b->n] = 0;
    *pOut = value_str(z, a->n + b->n);
    return true;
  }
  exec_error(pCtx, iOfst, ERR_TYPE_MISMATCH, "|| joins two strings or two lists, not %s and %s",
             value_type_name(a->type), value_type_name(b->type));
  return false;
}

bool expr_binary(ExecCtx *pCtx, int op, int iOfst, const Value *a, const Value *b, Arena *pA,
                 Value *pOut) {
  if (op == TK_CONCAT) return exprConcat(pCtx, iOfst, a, b, pA, pOut);
  if (op == TK_PLUS && (a->type == VAL_LIST || b->type == VAL_LIST)) {
    return exprListConcat(pCtx, iOfst, a, b, pA, pOut);
  }
  if (a->type == VAL_NULL || b->type == VAL_NULL) {
    *pOut = value_null();
    return true;
  }
  if (value_is_number(a) && value_is_number(b)) {
    if (a->type == VAL_INT && b->type == VAL_INT && op != TK_CARET) {
      int64_t x = a->u.i, y = b->u.i, r = 0;
      switch (op) {
        case TK_PLUS:
          if (__builtin_add_overflow(x, y, &r)) return exprOverflow(pCtx, iOfst, "addition");
          break;
        case TK_MINUS:
          if (__builtin_sub_overflow(x, y, &r)) return exprOverflow(pCtx, iOfst, "subtraction");
          break;
        case TK_STAR:
          if (__builtin_mul_overflow(x, y, &r)) return exprOverflow(pCtx, iOfst, "multiplication");
          break;
        case TK_SLASH:
          if (y == 0) {
            exec_error(pCtx, iOfst, ERR_DIVISION_BY_ZERO);
            return false;
          }
          if (x == INT64_MIN && y == -1) return exprOverflow(pCtx, iOfst, "division");
          r = x / y;
          break;
        case TK_PERCENT:
          if (y == 0) {
            exec_error(pCtx, iOfst, ERR_DIVISION_BY_ZERO);
            return false;
          }
          r = (x == INT64_MIN && y == -1) ? 0 : x % y;
          break;
        default: break;
      }
      *pOut = value_int(r);
      return true;
    }
    double x = value_as_double(a), y = value_as_double(b), r = 0;
    switch (op) {
      case TK_PLUS: r = x + y; break;
      case TK_MINUS: r = x - y; break;
      case TK_STAR: r = x * y; break;
      case TK_SLASH: r = x / y; break;
      case TK_PERCENT: r = fmod(x, y); break;
      case TK_CARET: r = pow(x, y); break;
      default: break;
    }
    *pOut = value_float(r);
    return true;
  }
  if (op == TK_PLUS && (a->type == VAL_STRING || b->type == VAL_STRING)) {
    const Value *pOther = a->type == VAL_STRING ? b : a;
    if (pOther->type == VAL_STRING || value_is_number(pOther) || pOther->type == VAL_BOOL ||
        value_is_temporal(pOther)) {
      /* A temporal's n is 0; its text takes at most 64 bytes. */
      uint64_t nText = (uint64_t)a->n + b->n + (value_is_temporal(pOther) ? 64 : 0);
      if (nText > VALUE_MAX_STRING) return exprStringTooLong(pCtx, iOfst);
      StrBuf buf;
      strbuf_init(&buf);
      exprAppendText(&buf, a);
      exprAppendText(&buf, b);
      *pOut = value_str_copy(pA, strbuf_cstr(&buf), buf.n);
      strbuf_free(&buf);
      return true;
    }
  }
  if (value_is_temporal(a) || value_is_temporal(b)) {
    int tOp = op == TK_PLUS ? TEMPORAL_OP_ADD : op == TK_MINUS ? TEMPORAL_OP_SUB
            : op == TK_STAR ? TEMPORAL_OP_MUL : op == TK_SLASH ? TEMPORAL_OP_DIV : 0;
    if (tOp && temporal_arith(pA, tOp, a, b, pOut, pCtx->pErr)) {
      if (pCtx->pErr->code) {
        pCtx->pErr->bRuntime = true;
        if (pCtx->pErr->iOfst < 0) {
          pCtx->pErr->iOfst = iOfst;
          error_locate(pCtx->pErr, pCtx->zText);
        }
        return false;
      }
      return true;
    }
    if (pCtx->pErr->code) return false;
  }
  char zMsg[200];
  expr_arith_message(zMsg, sizeof(zMsg), op, value_type_name(a->type), value_type_name(b->type),
                     exprArithBlamesRight(op, a));
  exec_error(pCtx, iOfst, ERR_TYPE_MISMATCH, "%s", zMsg);
  return false;
}

/* ---- Comparison --------------------------------------------------------- */

Tri expr_compare(int op, const Value *a, const Value *b) {
  switch (op) {
    case TK_EQ: return value_equals(a, b);
    case TK_NE: {
      Tri t = value_equals(a, b);
      return t == TRI_NULL ? TRI_NULL : t == TRI_TRUE ? TRI_FALSE : TRI_TRUE;
    }
    case TK_LT: return value_less(a, b);
    case TK_GT: return value_less(b, a);
    case TK_LE:
    case TK_GE: {
      const Value *x = op == TK_LE ? a : b, *y = op == TK_LE ? b : a;
      Tri lt = value_less(x, y);
      if (lt == TRI_TRUE) return TRI_TRUE;
      if (lt == TRI_NULL) return TRI_NULL;
      /* x < y is false: x <= y holds when they are equal. */
      Tri eq = value_equals(x, y);
      return eq;
    }
    default: return TRI_NULL;
  }
}

static Tri exprIn(const Value *pItem, const Value *pList) {
  bool bNull = false;
  for (uint32_t i = 0; i < pList->n; i++) {
    Tri t = value_equals(pItem, &pList->u.a[i]);
    if (t == TRI_TRUE) return TRI_TRUE;
    if (t == TRI_NULL) bNull = true;
  }
  return bNull ? TRI_NULL : TRI_FALSE;
}

/* ---- Strings ------------------------------------------------------------ */

static bool exprStringOp(int op, const Value *a, const Value *b) {
  if (b->n > a->n) return false;
  switch (op) {
    case TK_STARTS: return memcmp(a->u.z, b->u.z, b->n) == 0;
    case TK_ENDS: return memcmp(a->u.z + a->n - b->n, b->u.z, b->n) == 0;
    default: return b->n == 0 || memmem(a->u.z, a->n, b->u.z, b->n) != NULL;
  }
}

/* Compiled regular expression cached on the AST node (constant patterns). */
typedef struct ExprRegex {
  pcre2_code *pCode;          /* compiled, anchored pattern */
  pcre2_match_data *pMatch;   /* match scratch for pCode */
  char *zPattern;             /* the pattern text pCode was compiled from */
  size_t nPatternCap;         /* bytes available at zPattern */
} ExprRegex;

/* Frees a regex cache's PCRE objects (registered with exec_defer_free). */
static void exprRegexFree(void *p) {
  ExprRegex *pRe = p;
  pcre2_code_free(pRe->pCode);
  pcre2_match_data_free(pRe->pMatch);
}

static pcre2_code *exprRegexCompile(ExecCtx *pCtx, const AstNode *p, const Value *pPat) {
  /* Cypher's =~ matches the whole string: anchor the pattern. */
  char *zAnchored = arena_printf(pCtx->pArena, "(?:%s)\\z", pPat->u.z);
  int errCode;
  PCRE2_SIZE errOfst;
  pcre2_code *pCode = pcre2_compile((PCRE2_SPTR)zAnchored, PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_ANCHORED, &errCode, &errOfst, NULL);
  if (pCode == NULL) {
    PCRE2_UCHAR zMsg[128];
    pcre2_get_error_message(errCode, zMsg, sizeof(zMsg));
    exec_error(pCtx, p->iOfst, ERR_ARGUMENT_VALUE, (const char *)zMsg);
  }
  return pCode;
}

static Tri exprRegexMatch(ExecCtx *pCtx, const AstNode *p, const Value *pStr, const Value *pPat) {
  ExprRegex *pRe = (ExprRegex *)p->pPlan;
  if (pRe == NULL || pRe->zPattern == NULL || strcmp(pRe->zPattern, pPat->u.z) != 0) {
    pcre2_code *pCode = exprRegexCompile(pCtx, p, pPat);
    if (pCode == NULL) return TRI_NULL;
    if (pRe == NULL) {
      /* The cache lives in the statement arena; its PCRE objects are freed
      ** when the statement is finalized, or when the pattern changes. */
      pRe = arena_zalloc(pCtx->pArena, sizeof(ExprRegex));
      ((AstNode *)p)->pPlan = pRe;
      exec_defer_free(pCtx, exprRegexFree, pRe);
    } else {
      exprRegexFree(pRe);
    }
    pRe->pCode = pCode;
    pRe->pMatch = pcre2_match_data_create_from_pattern(pCode, NULL);
    /* The pattern text is kept in heap memory owned with the cache. */
    size_t nPat = strlen(pPat->u.z);
    pRe->zPattern = pRe->nPatternCap > nPat ? pRe->zPattern : NULL;
    if (pRe->zPattern == NULL) {
      pRe->zPattern = arena_alloc(pCtx->pArena, nPat + 1);
      pRe->nPatternCap = nPat + 1;
    }
    memcpy(pRe->zPattern, pPat->u.z, nPat + 1);
  }
  int rc = pcre2_match(pRe->pCode, (PCRE2_SPTR)pStr->u.z, pStr->n, 0, 0, pRe->pMatch, NULL);
  if (rc >= 0) return TRI_TRUE;
  if (rc == PCRE2_ERROR_NOMATCH) return TRI_FALSE;
  /* Anything else (the match or depth limit reached by a pattern that
  ** backtracks without end, a string that is not valid UTF-8) means the
  ** question was not answered: saying "no match" would be a wrong answer. */
  PCRE2_UCHAR zMsg[128];
  pcre2_get_error_message(rc, zMsg, sizeof(zMsg));
  exec_error(pCtx, p->iOfst, ERR_ARGUMENT_VALUE, "the regular expression could not be matched: %s",
             (const char *)zMsg);
  return TRI_NULL;
}

/* ---- Subqueries --------------------------------------------------------- */

/* Runs a subplan: counts rows (up to nStop), or with pProj collects
** the projection of each row into a list. */
static bool exprRunSubplan(ExecCtx *pCtx, const AstNode *p, int64_t nStop, const AstNode *pProj,
                           Arena *pA, int64_t *pnRow, Value *pList) {
  SubPlan *pSub = p->pPlan;
  if (NEVER(pSub == NULL)) return false;
  struct Op *pRoot = pSub->pRoot;
  pSub->xOpen(pRoot);
  int64_t nRow = 0;
  VEC(Value) items = {0};
  while ((nStop < 0 || nRow < nStop) && pSub->xNext(pRoot) == SUBPLAN_ROW) {
    nRow++;
    if (pProj) {
      Value v;
      if (!expr_eval(pCtx, pProj, pA, &v)) break;
      vec_push(&items, value_copy(pA, &v));
    }
  }
  pSub->xClose(pRoot);
  bool bOk = pCtx->pErr->code == 0;
  if (bOk && pList) {
    *pList = value_list_new(pA, items.n);
    if (items.n) memcpy(pList->u.a, items.a, sizeof(Value) * items.n);
    bOk = expr_seal_depth(pCtx, p->iOfst, pList);
  }
  vec_free(&items);
  *pnRow = nRow;
  return bOk;
}

/* ---- Functions ---------------------------------------------------------- */

void expr_func_ctx(ExecCtx *pCtx, const AstNode *pCall, Arena *pA, FuncCtx *pFc) {
  memset(pFc, 0, sizeof(*pFc));
  pFc->pArena = pA;
  pFc->pGraph = pCtx->pGraph;
  pFc->pErr = pCtx->pErr;
  pFc->zText = pCtx->zText;
  pFc->iOfst = pCall->iOfst;
  pFc->iStmtTimeNs = pCtx->iStmtTimeNs;
  pFc->zLocalZone = pCtx->zLocalZone;
  pFc->pInterrupt = pCtx->pInterrupt;
  pFc->zCsvFile = pCtx->zCsvFile;
  pFc->iCsvLine = pCtx->iCsvLine;
}

static bool exprCallFunc(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  const FuncDef *pDef = p->pDef;
  if (NEVER(pDef == NULL || pDef->xImpl == NULL)) return false;
  uint32_t nArg = p->pList ? p->pList->n : 0;
  Value aStack[8];
  Value *aArg = nArg <= 8 ? aStack : arena_alloc(pA, sizeof(Value) * nArg);
  bool bNull = false;
  for (uint32_t i = 0; i < nArg; i++) {
    if (!expr_eval(pCtx, p->pList->a[i], pA, &aArg[i])) return false;
    if (aArg[i].type == VAL_NULL) bNull = true;
  }
  if (bNull && (pDef->flags & FUNCF_NULL_IN_NULL_OUT)) {
    *pOut = value_null();
    return true;
  }
  FuncCtx fc;
  expr_func_ctx(pCtx, p, pA, &fc);
  *pOut = value_null();
  pDef->xImpl(&fc, (int)nArg, aArg, pOut);
  if (pCtx->pErr->code) {
    pCtx->pErr->bRuntime = true;
    return false;
  }
  return true;
}

/* ---- Comprehensions and quantifiers --------------------------------------- */

static bool exprListComp(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value list;
  if (!expr_eval(pCtx, p->p1, pA, &list)) return false;
  if (list.type == VAL_NULL) {
    *pOut = value_null();
    return true;
  }
  if (list.type != VAL_LIST) return exprTypeError(pCtx, p->p1, "a list comprehension needs a list", &list);
  Value out = value_list_new(pA, list.n);
  uint32_t n = 0;
  Value *pVar = &pCtx->aSlot[p->iSlot];
  for (uint32_t i = 0; i < list.n; i++) {
    if (exec_check_interrupt(pCtx)) return false;
    *pVar = list.u.a[i];
    if (p->p2) {
      int t = expr_truth(pCtx, p->p2, pA);
      if (t < 0) return false;
      if (t == 0) continue;
    }
    if (p->p3) {
      if (!expr_eval(pCtx, p->p3, pA, &out.u.a[n])) return false;
    } else {
      out.u.a[n] = list.u.a[i];
    }
    n++;
  }
  out.n = n;
  *pOut = out;
  return expr_seal_depth(pCtx, p->iOfst, pOut);
}

static bool exprQuant(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value list;
  if (!expr_eval(pCtx, p->p1, pA, &list)) return false;
  if (list.type == VAL_NULL) {
    *pOut = value_null();
    return true;
  }
  Value one;
  if (list.type != VAL_LIST) {
    /* A single value stands for a list of itself, as in Neo4j. */
    one = list;
    list.type = VAL_LIST;
    list.n = 1;
    list.u.a = &one;
  }
  Value *pVar = &pCtx->aSlot[p->iSlot];
  uint32_t nTrue = 0, nNull = 0;
  for (uint32_t i = 0; i < list.n; i++) {
    if (exec_check_interrupt(pCtx)) return false;
    *pVar = list.u.a[i];
    Tri t = TRI_TRUE;
    if (p->p2) {
      Value v;
      if (!expr_eval(pCtx, p->p2, pA, &v)) return false;
      bool bBad = false;
      t = value_truth(&v, &bBad);
      if (bBad) return exprTypeError(pCtx, p->p2, "a quantifier predicate must be a boolean", &v);
    }
    if (t == TRI_TRUE) nTrue++;
    else if (t == TRI_NULL) nNull++;
  }
  uint32_t nFalse = list.n - nTrue - nNull;
  Tri r;
  switch (p->op) {
    case TK_ANY: r = nTrue ? TRI_TRUE : nNull ? TRI_NULL : TRI_FALSE; break;
    case TK_ALL: r = nFalse ? TRI_FALSE : nNull ? TRI_NULL : TRI_TRUE; break;
    case TK_NONE: r = nTrue ? TRI_FALSE : nNull ? TRI_NULL : TRI_TRUE; break;
    default: /* SINGLE */
      r = nTrue > 1 ? TRI_FALSE : nNull ? TRI_NULL : nTrue == 1 ? TRI_TRUE : TRI_FALSE;
      break;
  }
  *pOut = value_tri(r);
  return true;
}

/* The growing accumulator of a reduce whose step is `acc + x`: appending
** in place makes building a string or list of n items linear instead of
** quadratic (each step would copy all of acc).
**
** A string grows by realloc in z: nothing but acc can point into it (a
** step's result is a new string, or a slice of acc, handled). A list's
** items may be captured by the step (`l + [l]`, `l + [l[1..]]`), so its
** arrays are never moved or freed: each growth takes a new one from keep,
** and an old value still sees its own items, which appends never touch.
** The step's right side is evaluated into keep too, as the appended items
** point into it. */
typedef struct ReduceAppend {
  char *z;              /* string accumulator bytes (NUL-terminated) */
  size_t nZCap;
  Value *a;             /* list accumulator items, in keep */
  size_t nACap;
  Arena keep;           /* list arrays and the items appended */
} ReduceAppend;

/* Is the step of reduce p `acc + <expr>`? */
static bool exprReduceAppends(const AstNode *p) {
  const AstNode *pStep = p->p3;
  return pStep->kind == AST_BINARY && pStep->op == TK_PLUS && pStep->p1->kind == AST_VAR &&
         pStep->p1->iSlot >= 0 && pStep->p1->iSlot == p->iSlot;
}

/* Room for nNeed: doubling. */
static size_t exprReduceCap(size_t nCap, size_t nNeed) {
  size_t nNew = nCap ? nCap * 2 : 64;
  while (nNew < nNeed) nNew *= 2;
  return nNew;
}

/* acc + r in place, when both are strings, or acc is a list (list + list
** concatenates, list + anything else appends it, as `+` does). Returns 1
** when done, 0 when the general `+` must do it, -1 on error. */
static int exprReduceAppend(ExecCtx *pCtx, const AstNode *pStep, ReduceAppend *pR, Value *pAcc,
                            const Value *r) {
  if (pAcc->type == VAL_STRING && r->type == VAL_STRING) {
    if ((uint64_t)pAcc->n + r->n > VALUE_MAX_STRING) {
      exprStringTooLong(pCtx, pStep->iOfst);
      return -1;
    }
    size_t nOld = pAcc->n, nNew = nOld + r->n;
    bool bInPlace = pR->z != NULL && pAcc->u.z == pR->z;
    /* r may be acc, or a slice of it: keep its offset across the realloc. */
    uintptr_t b = (uintptr_t)pR->z, x = (uintptr_t)r->u.z;
    ptrdiff_t iR = bInPlace && x >= b && x <= b + nOld ? (ptrdiff_t)(x - b) : -1;
    if (nNew + 1 > pR->nZCap) {
      pR->nZCap = exprReduceCap(pR->nZCap, nNew + 1);
      pR->z = tg_realloc(pR->z, pR->nZCap);
    }
    if (!bInPlace) memcpy(pR->z, pAcc->u.z, nOld);
    memmove(pR->z + nOld, iR >= 0 ? pR->z + iR : r->u.z, r->n);
    pR->z[nNew] = 0;
    *pAcc = value_str(pR->z, (uint32_t)nNew);
    return 1;
  }
  if (pAcc->type != VAL_LIST) return 0;
  uint32_t nAdd = r->type == VAL_LIST ? r->n : 1;   /* a lone element is a list of one */
  const Value *aAdd = r->type == VAL_LIST ? r->u.a : r;
  uint32_t nDepth = r->type == VAL_LIST ? r->depth : 1 + value_depth(r);
  if (nDepth > VALUE_MAX_DEPTH) return 0;   /* the general + reports it */
  if ((uint64_t)pAcc->n + nAdd > VALUE_MAX_LIST) {
    exec_error(pCtx, pStep->iOfst, ERR_LIMIT, "a list may hold at most %u elements", VALUE_MAX_LIST);
    return -1;
  }
  size_t nOld = pAcc->n, nNew = nOld + nAdd;
  bool bInPlace = pR->a != NULL && pAcc->u.a == pR->a;
  if (!bInPlace || nNew > pR->nACap) {
    size_t nCap = exprReduceCap(bInPlace ? pR->nACap : 0, nNew);
    Value *a = arena_alloc(&pR->keep, sizeof(Value) * nCap);
    for (size_t i = 0; i < nOld; i++) {
      /* Items from elsewhere (the first step) are copied into keep. */
      a[i] = bInPlace ? pAcc->u.a[i] : value_copy(&pR->keep, &pAcc->u.a[i]);
    }
    pR->a = a;
    pR->nACap = nCap;
  }
  memcpy(pR->a + nOld, aAdd, sizeof(Value) * nAdd);   /* aAdd lives in keep */
  Value out = *pAcc;
  out.u.a = pR->a;
  out.n = (uint32_t)nNew;
  out.depth = (uint16_t)TG_MAX(pAcc->depth, nDepth);
  *pAcc = out;
  return 1;
}

static bool exprReduce(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value acc, list;
  if (!expr_eval(pCtx, p->p1, pA, &acc)) return false;
  if (!expr_eval(pCtx, p->p2, pA, &list)) return false;
  if (list.type == VAL_NULL) {
    *pOut = value_null();
    return true;
  }
  if (list.type != VAL_LIST) return exprTypeError(pCtx, p->p2, "reduce() needs a list", &list);
  /* The steps are evaluated into a scratch arena; once it holds much more
  ** than the accumulator needs, the accumulator is copied into a second
  ** one and the first is emptied. Memory stays a few times the live
  ** accumulator (building a 400 KB string took 7.6 GB when every step's
  ** result stayed in pA), and the copies cost no more than the steps. */
  Arena aBuf[2];
  arena_init(&aBuf[0]);
  arena_init(&aBuf[1]);
  ReduceAppend app = {0};
  arena_init(&app.keep);
  bool bAppends = exprReduceAppends(p);
  int iCur = 0;
  size_t nLive = 0;
  bool bOk = true;
  for (uint32_t i = 0; i < list.n && bOk; i++) {
    if (exec_check_interrupt(pCtx)) {
      bOk = false;
      break;
    }
    pCtx->aSlot[p->iSlot] = acc;
    pCtx->aSlot[p->p4->iSlot] = list.u.a[i];
    if (bAppends) {
      Value r;
      bOk = expr_eval(pCtx, p->p3->p2, acc.type == VAL_LIST ? &app.keep : &aBuf[iCur], &r);
      int rc = bOk ? exprReduceAppend(pCtx, p->p3, &app, &acc, &r) : -1;
      if (rc == 0) bOk = expr_binary(pCtx, TK_PLUS, p->p3->iOfst, &acc, &r, &aBuf[iCur], &acc);
      if (rc != 0) bOk = rc > 0;
      if (rc > 0) {
        /* acc lives in app now: nothing in the scratch arena is needed. */
        arena_reset(&aBuf[iCur]);
        nLive = 0;
        continue;
      }
    } else {
      bOk = expr_eval(pCtx, p->p3, &aBuf[iCur], &acc);
    }
    if (bOk && aBuf[iCur].nUsed > 2 * nLive + EXPR_REDUCE_SLACK) {
      int iOther = 1 - iCur;
      arena_reset(&aBuf[iOther]);
      acc = value_copy(&aBuf[iOther], &acc);
      nLive = aBuf[iOther].nUsed;
      arena_reset(&aBuf[iCur]);
      iCur = iOther;
    }
  }
  if (bOk) *pOut = value_copy(pA, &acc);
  arena_free(&aBuf[0]);
  arena_free(&aBuf[1]);
  tg_free(app.z);
  arena_free(&app.keep);
  return bOk;
}

/* ---- Indexing ----------------------------------------------------------- */

/* Reads an integer index, or reports a type error. */
static bool exprIndexInt(ExecCtx *pCtx, const AstNode *p, const Value *v, int64_t *pi) {
  if (v->type != VAL_INT) return exprTypeError(pCtx, p, "a list index must be an integer", v);
  *pi = v->u.i;
  return true;
}

static bool exprIndex(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value base, idx;
  if (!expr_eval(pCtx, p->p1, pA, &base)) return false;
  if (!expr_eval(pCtx, p->p2, pA, &idx)) return false;
  *pOut = value_null();
  if (base.type == VAL_NULL || idx.type == VAL_NULL) return true;
  if (base.type == VAL_LIST) {
    int64_t i;
    if (!exprIndexInt(pCtx, p->p2, &idx, &i)) return false;
    if (i < 0) i += base.n;
    if (i >= 0 && i < (int64_t)base.n) *pOut = base.u.a[i];
    return true;
  }
  if (base.type == VAL_MAP || base.type == VAL_NODE || base.type == VAL_REL) {
    if (idx.type != VAL_STRING) {
      exec_error(pCtx, p->p2->iOfst, ERR_MAP_ACCESS_NON_STRING, value_type_name(idx.type));
      return false;
    }
    if (base.type == VAL_MAP) {
      const Value *pV = value_map_get(&base, idx.u.z, idx.n);
      if (pV) *pOut = *pV;
      return true;
    }
    if (!exprCheckLive(pCtx, p, &base)) return false;
    int32_t key = intern_find(&pCtx->pGraph->keys, idx.u.z, idx.n);
    if (key >= 0) {
      const Value *pV = graph_prop(pCtx->pGraph, base.type == VAL_NODE ? ENT_NODE : ENT_REL,
                                   base.u.id, (uint32_t)key);
      if (pV) *pOut = *pV;
    }
    return true;
  }
  return exprTypeError(pCtx, p->p1, "only lists and maps can be indexed", &base);
}

static bool exprSlice(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value base, from = value_null(), to = value_null();
  if (!expr_eval(pCtx, p->p1, pA, &base)) return false;
  if (p->p2 && !expr_eval(pCtx, p->p2, pA, &from)) return false;
  if (p->p3 && !expr_eval(pCtx, p->p3, pA, &to)) return false;
  *pOut = value_null();
  if (base.type == VAL_NULL) return true;
  if (base.type != VAL_LIST) return exprTypeError(pCtx, p->p1, "only lists can be sliced", &base);
  if ((p->p2 && from.type == VAL_NULL) || (p->p3 && to.type == VAL_NULL)) return true;
  int64_t n = base.n, i = 0, j = n;
  if (p->p2 && !exprIndexInt(pCtx, p->p2, &from, &i)) return false;
  if (p->p3 && !exprIndexInt(pCtx, p->p3, &to, &j)) return false;
  if (i < 0) i += n;
  if (j < 0) j += n;
  i = TG_MAX(0, TG_MIN(i, n));
  j = TG_MAX(0, TG_MIN(j, n));
  Value out = value_list_new(pA, j > i ? (uint32_t)(j - i) : 0);
  if (j > i) memcpy(out.u.a, base.u.a + i, sizeof(Value) * (size_t)(j - i));
  out.depth = base.depth;   /* a part is no deeper than the whole */
  *pOut = out;
  return true;
}


/* ---- Building maps ---------------------------------------------------------- */

/* Entries being gathered into a map where a later entry replaces an
** earlier one with the same key, which keeps its place (map literals, map
** projections). Short maps search their few keys; past EXPR_MAP_SCAN
** entries a hash of the keys keeps the work linear (a literal with
** 100,000 keys was quadratic). */
typedef struct ExprMapBuild {
  VEC(MapEntry) e;         /* the entries, keys unique */
  HTab keys;               /* entry index by key, once e is long */
} ExprMapBuild;
#define EXPR_MAP_SCAN 16

static bool exprMapKeyEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const MapEntry *a = ((const ExprMapBuild *)pCtx)->e.a, *k = pKey;
  return a[iEntry].nKey == k->nKey && memcmp(a[iEntry].zKey, k->zKey, k->nKey) == 0;
}

/* Adds e, or replaces the value of the entry with its key. */
static void exprMapPut(ExprMapBuild *b, const MapEntry *e) {
  uint64_t h = 0;
  int64_t iOld = -1;
  if (b->e.n < EXPR_MAP_SCAN) {
    for (uint32_t k = 0; k < b->e.n && iOld < 0; k++) {
      if (exprMapKeyEq(b, k, e)) iOld = k;
    }
  } else {
    if (b->keys.nUsed == 0) {
      for (uint32_t k = 0; k < b->e.n; k++) {
        htab_insert(&b->keys, htab_hash_bytes(b->e.a[k].zKey, b->e.a[k].nKey), k);
      }
    }
    h = htab_hash_bytes(e->zKey, e->nKey);
    iOld = htab_find(&b->keys, h, exprMapKeyEq, b, e);
  }
  if (iOld >= 0) {
    b->e.a[iOld].v = e->v;
    return;
  }
  vec_push(&b->e, *e);
  if (b->keys.nUsed) htab_insert(&b->keys, h, b->e.n - 1);
}

/* The map in arena pA; frees the builder. */
static Value exprMapFinish(ExprMapBuild *b, Arena *pA) {
  Value m = value_map_new(pA, b->e.n);
  if (b->e.n) memcpy(m.u.m, b->e.a, sizeof(MapEntry) * b->e.n);
  vec_free(&b->e);
  htab_free(&b->keys);
  return m;
}

/* n.key on a node, relationship, map, temporal or point value. */
static bool exprProp(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value base;
  if (!expr_eval(pCtx, p->p1, pA, &base)) return false;
  *pOut = value_null();
  switch (base.type) {
    case VAL_NULL: return true;
    case VAL_NODE:
    case VAL_REL: {
      if (!exprCheckLive(pCtx, p, &base)) return false;
      if (p->iAux < 0) return true;
      const Value *pV = graph_prop(pCtx->pGraph, base.type == VAL_NODE ? ENT_NODE : ENT_REL,
                                   base.u.id, (uint32_t)p->iAux);
      if (pV) *pOut = *pV;
      return true;
    }
    case VAL_MAP: {
      const Value *pV = value_map_get(&base, p->z, p->n);
      if (pV) *pOut = *pV;
      return true;
    }
    case VAL_POINT: {
      char zErr[200];
      if (point_component(pA, base.u.pt, p->z, p->n, pOut, zErr, sizeof(zErr))) return true;
      exec_error(pCtx, p->i1, ERR_ARGUMENT_VALUE, zErr);
      return false;
    }
    default:
      if (value_is_temporal(&base)) {
        if (temporal_component(pA, &base, p->z, pOut)) return true;
        exec_error(pCtx, p->i1, ERR_ARGUMENT_VALUE, "no such field of a temporal value");
        return false;
      }
      return exprTypeError(pCtx, p->p1, "property access needs a node, relationship or map", &base);
  }
}

static bool exprMapProj(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value base;
  if (!expr_eval(pCtx, p->p1, pA, &base)) return false;
  if (base.type == VAL_NULL) {
    *pOut = value_null();
    return true;
  }
  Value props;
  if (base.type == VAL_NODE || base.type == VAL_REL) {
    if (!exprCheckLive(pCtx, p, &base)) return false;
    props = expr_entity_props(pCtx->pGraph, &base, pA);
  } else if (base.type == VAL_MAP) {
    props = base;
  } else {
    return exprTypeError(pCtx, p->p1, "a map projection needs a node, relationship or map", &base);
  }
  ExprMapBuild out;
  memset(&out, 0, sizeof(out));
  htab_init(&out.keys);
  for (uint32_t i = 0; i < p->pList->n; i++) {
    const AstNode *pItem = p->pList->a[i];
    MapEntry e;
    memset(&e, 0, sizeof(e));
    if (pItem->kind == AST_MP_ALL) {
      for (uint32_t k = 0; k < props.n; k++) exprMapPut(&out, &props.u.m[k]);
      continue;
    }
    e.zKey = pItem->z;
    e.nKey = pItem->n;
    if (pItem->kind == AST_MP_PROP) {
      const Value *pV = value_map_get(&props, pItem->z, pItem->n);
      e.v = pV ? *pV : value_null();
    } else if (pItem->kind == AST_MP_ENTRY) {
      if (!expr_eval(pCtx, pItem->p1, pA, &e.v)) {
        exprMapFinish(&out, pA);
        return false;
      }
    } else { /* AST_MP_VAR */
      e.v = pCtx->aSlot[pItem->iSlot];
    }
    exprMapPut(&out, &e);
  }
  *pOut = exprMapFinish(&out, pA);
  return expr_seal_depth(pCtx, p->iOfst, pOut);
}

static bool exprPathBuild(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  const AstList *pL = p->pList;
  Value first = pCtx->aSlot[pL->a[0]->iSlot];
  if (first.type != VAL_NODE) {
    *pOut = value_null();
    return true;
  }
  VEC(RelId) rels = {0};
  for (uint32_t i = 1; i < pL->n; i += 2) {
    Value r = pCtx->aSlot[pL->a[i]->iSlot];
    if (r.type == VAL_REL) {
      vec_push(&rels, r.u.id);
    } else if (r.type == VAL_LIST) {
      for (uint32_t k = 0; k < r.n; k++) {
        if (r.u.a[k].type == VAL_REL) vec_push(&rels, r.u.a[k].u.id);
      }
    } else {
      vec_free(&rels);
      *pOut = value_null();
      return true;
    }
  }
  bool bOk = expr_make_path(pCtx, first.u.id, rels.a, rels.n, pA, pOut);
  vec_free(&rels);
  return bOk;
}

/* (n $map) in a pattern: every entry of the map equals n's property. */
static bool exprPropsMatch(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value ent, map;
  if (!expr_eval(pCtx, p->p1, pA, &ent)) return false;
  if (!expr_eval(pCtx, p->p2, pA, &map)) return false;
  if (ent.type == VAL_NULL || map.type == VAL_NULL) {
    *pOut = value_null();
    return true;
  }
  if (map.type != VAL_MAP) return exprTypeError(pCtx, p->p2, "pattern properties must be a map", &map);
  if (ent.type != VAL_NODE && ent.type != VAL_REL) return exprTypeError(pCtx, p->p1, "expected a node or relationship", &ent);
  int ent2 = ent.type == VAL_NODE ? ENT_NODE : ENT_REL;
  for (uint32_t i = 0; i < map.n; i++) {
    int32_t key = intern_find(&pCtx->pGraph->keys, map.u.m[i].zKey, map.u.m[i].nKey);
    const Value *pV = key < 0 ? NULL : graph_prop(pCtx->pGraph, ent2, ent.u.id, (uint32_t)key);
    Value cur = pV ? *pV : value_null();
    if (value_equals(&cur, &map.u.m[i].v) != TRI_TRUE) {
      *pOut = value_bool(false);
      return true;
    }
  }
  *pOut = value_bool(true);
  return true;
}

/* ---- The evaluator ------------------------------------------------------ */

static bool exprBool(ExecCtx *pCtx, const AstNode *p, Arena *pA, Tri *pt) {
  Value v;
  if (!expr_eval(pCtx, p, pA, &v)) return false;
  bool bBad = false;
  *pt = value_truth(&v, &bBad);
  if (bBad) return exprTypeError(pCtx, p, "expected a boolean", &v);
  return true;
}

static bool exprLogic(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Tri a, b;
  if (!exprBool(pCtx, p->p1, pA, &a)) return false;
  if (p->op == TK_AND && a == TRI_FALSE) {
    *pOut = value_bool(false);
    return true;
  }
  if (p->op == TK_OR && a == TRI_TRUE) {
    *pOut = value_bool(true);
    return true;
  }
  if (!exprBool(pCtx, p->p2, pA, &b)) return false;
  Tri r;
  if (p->op == TK_AND) {
    r = b == TRI_FALSE ? TRI_FALSE : (a == TRI_NULL || b == TRI_NULL) ? TRI_NULL : TRI_TRUE;
  } else if (p->op == TK_OR) {
    r = b == TRI_TRUE ? TRI_TRUE : (a == TRI_NULL || b == TRI_NULL) ? TRI_NULL : TRI_FALSE;
  } else {
    r = (a == TRI_NULL || b == TRI_NULL) ? TRI_NULL : (a != b) ? TRI_TRUE : TRI_FALSE;
  }
  *pOut = value_tri(r);
  return true;
}

static bool exprBinaryNode(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  if (p->op == TK_AND || p->op == TK_OR || p->op == TK_XOR) return exprLogic(pCtx, p, pA, pOut);
  Value a, b;
  if (!expr_eval(pCtx, p->p1, pA, &a)) return false;
  if (!expr_eval(pCtx, p->p2, pA, &b)) return false;
  switch (p->op) {
    case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
      *pOut = value_tri(expr_compare(p->op, &a, &b));
      return true;
    case TK_IN:
      if (b.type == VAL_NULL) {
        *pOut = value_null();
        return true;
      }
      if (b.type != VAL_LIST) return exprTypeError(pCtx, p->p2, "IN needs a list", &b);
      if (a.type == VAL_NULL) {
        *pOut = b.n == 0 ? value_bool(false) : value_null();
        return true;
      }
      *pOut = value_tri(exprIn(&a, &b));
      return true;
    case TK_STARTS: case TK_ENDS: case TK_CONTAINS:
      if (a.type != VAL_STRING || b.type != VAL_STRING) {
        *pOut = value_null();
        return true;
      }
      *pOut = value_bool(exprStringOp(p->op, &a, &b));
      return true;
    case TK_REGEX:
      if (a.type != VAL_STRING || b.type != VAL_STRING) {
        *pOut = value_null();
        return true;
      }
      *pOut = value_tri(exprRegexMatch(pCtx, p, &a, &b));
      return pCtx->pErr->code == 0;
    default:
      return expr_binary(pCtx, p->op, p->iOfst, &a, &b, pA, pOut);
  }
}

static bool exprUnary(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value v;
  if (p->op == TK_NOT) {
    Tri t;
    if (!exprBool(pCtx, p->p1, pA, &t)) return false;
    *pOut = value_tri(t == TRI_NULL ? TRI_NULL : t == TRI_TRUE ? TRI_FALSE : TRI_TRUE);
    return true;
  }
  if (!expr_eval(pCtx, p->p1, pA, &v)) return false;
  if (v.type == VAL_NULL) {
    *pOut = v;
    return true;
  }
  if (p->op == TK_PLUS) {
    if (!value_is_number(&v)) return exprSignError(pCtx, p, &v);
    *pOut = v;
    return true;
  }
  if (v.type == VAL_INT) {
    if (v.u.i == INT64_MIN) return exprOverflow(pCtx, p->iOfst, "negation");
    *pOut = value_int(-v.u.i);
    return true;
  }
  if (v.type == VAL_FLOAT) {
    *pOut = value_float(-v.u.f);
    return true;
  }
  if (v.type == VAL_DURATION) {
    Value minusOne = value_int(-1);
    return expr_binary(pCtx, TK_STAR, p->iOfst, &v, &minusOne, pA, pOut);
  }
  return exprSignError(pCtx, p, &v);
}

static bool exprCase(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  Value test;
  if (p->p1 && !expr_eval(pCtx, p->p1, pA, &test)) return false;
  for (uint32_t i = 0; i < p->pList->n; i++) {
    const AstNode *pWhen = p->pList->a[i];
    bool bHit;
    if (p->p1) {
      /* WHEN a, b, ...: a hit when the value equals any of them. */
      Value v;
      if (!expr_eval(pCtx, pWhen->p1, pA, &v)) return false;
      bHit = value_equals(&test, &v) == TRI_TRUE;
      for (uint32_t k = 0; !bHit && pWhen->pList && k < pWhen->pList->n; k++) {
        if (!expr_eval(pCtx, pWhen->pList->a[k], pA, &v)) return false;
        bHit = value_equals(&test, &v) == TRI_TRUE;
      }
    } else {
      Tri t;
      Value v;
      if (!expr_eval(pCtx, pWhen->p1, pA, &v)) return false;
      bool bBad = false;
      t = value_truth(&v, &bBad);
      if (bBad) return exprTypeError(pCtx, pWhen->p1, "a CASE condition must be a boolean", &v);
      bHit = t == TRI_TRUE;
    }
    if (bHit) return expr_eval(pCtx, pWhen->p2, pA, pOut);
  }
  if (p->p2) return expr_eval(pCtx, p->p2, pA, pOut);
  *pOut = value_null();
  return true;
}

bool expr_eval(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  if (p->flags & (AST_F_SLOTREF | AST_F_CONST)) {
    *pOut = (p->flags & AST_F_SLOTREF) ? pCtx->aSlot[p->iSlot] : p->lit;
    return true;
  }
  switch (p->kind) {
    case AST_LITERAL:
      *pOut = p->lit;
      return true;
    case AST_PARAM:
      *pOut = pCtx->aParam[p->iAux];
      return true;
    case AST_VAR:
      *pOut = pCtx->aSlot[p->iSlot];
      return true;
    case AST_PROP: return exprProp(pCtx, p, pA, pOut);
    case AST_INDEX: return exprIndex(pCtx, p, pA, pOut);
    case AST_SLICE: return exprSlice(pCtx, p, pA, pOut);
    case AST_BINARY: return exprBinaryNode(pCtx, p, pA, pOut);
    case AST_UNARY: return exprUnary(pCtx, p, pA, pOut);
    case AST_IS_NULL: {
      Value v;
      if (!expr_eval(pCtx, p->p1, pA, &v)) return false;
      bool bNull = v.type == VAL_NULL;
      *pOut = value_bool((p->flags & AST_F_NOT) ? !bNull : bNull);
      return true;
    }
    case AST_HAS_LABELS: {
      Value v;
      if (!expr_eval(pCtx, p->p1, pA, &v)) return false;
      if (v.type == VAL_NULL) {
        *pOut = value_null();
        return true;
      }
      if (v.type == VAL_REL) {
        *pOut = value_bool(exprTypeMatch(pCtx, graph_rel(pCtx->pGraph, v.u.id)->type, p->p2));
        return pCtx->pErr->code == 0;
      }
      if (v.type != VAL_NODE) {
        return exprTypeError(pCtx, p->p1, "a label or type test needs a node or a relationship", &v);
      }
      *pOut = value_bool(expr_label_match(pCtx, v.u.id, p->p2));
      return pCtx->pErr->code == 0;
    }
    case AST_LIST: {
      Value out = value_list_new(pA, p->pList->n);
      for (uint32_t i = 0; i < p->pList->n; i++) {
        if (!expr_eval(pCtx, p->pList->a[i], pA, &out.u.a[i])) return false;
      }
      *pOut = out;
      return expr_seal_depth(pCtx, p->iOfst, pOut);
    }
    case AST_MAP: {
      ExprMapBuild out;
      memset(&out, 0, sizeof(out));
      htab_init(&out.keys);
      for (uint32_t i = 0; i < p->pList->n; i++) {
        const AstNode *pE = p->pList->a[i];
        MapEntry e = {pE->z, pE->n, value_null()};
        if (!expr_eval(pCtx, pE->p1, pA, &e.v)) {
          exprMapFinish(&out, pA);
          return false;
        }
        exprMapPut(&out, &e);
      }
      *pOut = exprMapFinish(&out, pA);
      return expr_seal_depth(pCtx, p->iOfst, pOut);
    }
    case AST_FUNC: return exprCallFunc(pCtx, p, pA, pOut);
    case AST_CASE: return exprCase(pCtx, p, pA, pOut);
    case AST_LIST_COMP: return exprListComp(pCtx, p, pA, pOut);
    case AST_QUANT: return exprQuant(pCtx, p, pA, pOut);
    case AST_REDUCE: return exprReduce(pCtx, p, pA, pOut);
    case AST_MAP_PROJ: return exprMapProj(pCtx, p, pA, pOut);
    case AST_PATH_BUILD: return exprPathBuild(pCtx, p, pA, pOut);
    case AST_PROPS_MATCH: return exprPropsMatch(pCtx, p, pA, pOut);
    case AST_PATTERN_EXPR:
    case AST_EXISTS: {
      int64_t nRow;
      if (!exprRunSubplan(pCtx, p, 1, NULL, pA, &nRow, NULL)) return false;
      *pOut = value_bool(nRow > 0);
      return true;
    }
    case AST_COUNT_SUB: {
      int64_t nRow;
      if (!exprRunSubplan(pCtx, p, -1, NULL, pA, &nRow, NULL)) return false;
      *pOut = value_int(nRow);
      return true;
    }
    case AST_PATTERN_COMP:
    case AST_COLLECT_SUB: {
      int64_t nRow;
      return exprRunSubplan(pCtx, p, -1, p->p3, pA, &nRow, pOut);
    }
    default:
      exec_error(pCtx, p->iOfst, ERR_INTERNAL, "cannot evaluate this expression");
      return false;
  }
}

int expr_truth(ExecCtx *pCtx, const AstNode *p, Arena *pA) {
  Tri t;
  if (!exprBool(pCtx, p, pA, &t)) return -1;
  return t == TRI_TRUE;
}

bool expr_eval_const(ExecCtx *pCtx, const AstNode *p, Arena *pA, Value *pOut) {
  return expr_eval(pCtx, p, pA, pOut);
}
