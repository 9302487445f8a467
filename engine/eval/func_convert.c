/*
** func_convert.c — type conversion and a few scalar functions:
** toString(), toInteger(), toFloat(), toBoolean(), their ...OrNull
** variants and ...List variants, coalesce() and timestamp(); and LOAD
** CSV's file() and linenumber().
**
** The rules, from the openCypher TCK (TypeConversion1-4) and Neo4j:
**   toString   INTEGER, FLOAT (1.0 -> '1.0', NaN -> 'NaN'), BOOLEAN,
**              STRING, the temporal types (ISO 8601, temporal.h) and
**              points (point({x: 1.0, y: 2.0, crs: 'cartesian'})).
**   toInteger  INTEGER; FLOAT truncated towards zero (82.9 -> 82, -2.9
**              -> -2); BOOLEAN (true -> 1); STRING holding an integer or a
**              float ('42' -> 42, '1.7' -> 1, '1e3' -> 1000).
**   toFloat    FLOAT; INTEGER; STRING holding a number ('5' -> 5.0,
**              '1e3', 'NaN', 'Infinity', '-Infinity').
**   toBoolean  BOOLEAN; STRING 'true' or 'false' (any case); INTEGER
**              (0 -> false, anything else -> true).
** A string that does not hold a value of the target type converts to
** null (so does a numeric string beyond the INTEGER range); surrounding
** whitespace is ignored. Any other argument type (a list, a map, a node,
** a float for toBoolean(), a boolean for toFloat() ...) is a TypeError
** whose TCK detail is InvalidArgumentValue, as the TCK requires; the
** ...OrNull variants return null instead. A FLOAT that is NaN, infinite or
** outside the INTEGER range cannot become an INTEGER: an ArgumentError
** (NumberOutOfRange) for toInteger(), null for toIntegerOrNull().
** The ...List variants convert each element of a list as ...OrNull does.
** Null gives null throughout.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "eval/func.h"
#include "base/arena.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "value/point.h"
#include "value/temporal.h"
#include "base/utf8.h"
#include "syntax/ast.h"
#include "syntax/typespec.h"

/* ---- Errors ---------------------------------------------------------------- */

/*
** Raises the TypeError the TCK expects when a conversion function is given
** a value of a type it cannot convert (kind TYPE, detail
** InvalidArgumentValue).
*/
static void funcConvertInvalid(FuncCtx *pCtx, const char *zFunc, const Value *p) {
  func_error(pCtx, ERR_CANNOT_CONVERT, zFunc, value_type_name(p->type));
}

/* ---- Parsing numbers from strings -------------------------------------------- */

/* Trims White_Space from both ends of z[0..*pn); returns the new start. */
static const char *funcConvertTrim(const char *z, size_t *pn) {
  size_t n = *pn, i = 0, iStart = n, iEnd = 0;
  while (i < n) {
    size_t iChar = i;
    if (!utf8_is_space(utf8_next(z, n, &i))) {
      if (iStart == n) iStart = iChar;
      iEnd = i;
    }
  }
  if (iStart == n) {
    *pn = 0;
    return z;
  }
  *pn = iEnd - iStart;
  return z + iStart;
}

/*
** Parses z[0..n) (already trimmed) as a decimal integer: an optional sign
** and one or more digits. Returns false if it is not of that form or does
** not fit in 64 bits.
*/
static bool funcConvertParseInt(const char *z, size_t n, int64_t *piOut) {
  size_t i = 0;
  bool bNeg = false;
  if (i < n && (z[i] == '+' || z[i] == '-')) bNeg = z[i++] == '-';
  if (i == n) return false;
  uint64_t u = 0;
  for (; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return false;
    unsigned d = (unsigned)(z[i] - '0');
    if (u > (UINT64_MAX - d) / 10) return false;
    u = u * 10 + d;
  }
  if (bNeg) {
    if (u > (uint64_t)INT64_MAX + 1) return false;
    *piOut = (int64_t)(0 - u);
  } else {
    if (u > (uint64_t)INT64_MAX) return false;
    *piOut = (int64_t)u;
  }
  return true;
}

/*
** Parses z[0..n) (already trimmed) as a float: an optional sign, digits
** with an optional fraction (at least one digit in all: '1', '1.', '.5'),
** an optional exponent ('e' or 'E', optional sign, digits); or one of
** NaN, Infinity, +Infinity, -Infinity. Values beyond the FLOAT range
** become infinite, as in Java. Returns false for anything else (hex
** floats, 'inf', suffixes, embedded spaces).
*/
static bool funcConvertParseFloat(const char *z, size_t n, double *pfOut) {
  size_t i = 0;
  bool bNeg = false;
  if (i < n && (z[i] == '+' || z[i] == '-')) bNeg = z[i++] == '-';
  if (n - i == 3 && memcmp(z + i, "NaN", 3) == 0) {
    *pfOut = NAN;
    return true;
  }
  if (n - i == 8 && memcmp(z + i, "Infinity", 8) == 0) {
    *pfOut = bNeg ? -INFINITY : INFINITY;
    return true;
  }
  size_t nDigit = 0;
  while (i < n && z[i] >= '0' && z[i] <= '9') i++, nDigit++;
  if (i < n && z[i] == '.') {
    i++;
    while (i < n && z[i] >= '0' && z[i] <= '9') i++, nDigit++;
  }
  if (nDigit == 0) return false;
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) i++;
    size_t nExp = 0;
    while (i < n && z[i] >= '0' && z[i] <= '9') i++, nExp++;
    if (nExp == 0) return false;
  }
  if (i != n) return false;
  char aBuf[64];
  char *zCopy = n < sizeof(aBuf) ? aBuf : tg_malloc(n + 1);   /* strtod needs a NUL */
  memcpy(zCopy, z, n);
  zCopy[n] = 0;
  *pfOut = strtod(zCopy, NULL);   /* ERANGE: +-HUGE_VAL or a denormal/zero, as Java */
  if (zCopy != aBuf) tg_free(zCopy);
  return true;
}

/* Truncates a double towards zero into *piOut; false if it is NaN,
** infinite or outside the INTEGER range. */
static bool funcConvertDoubleToInt(double f, int64_t *piOut) {
  if (isnan(f)) return false;
  double t = trunc(f);
  if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0)) return false;
  *piOut = (int64_t)t;
  return true;
}

/* ---- The four conversions ------------------------------------------------------ */

/* Result of one conversion. */
#define FUNC_CONV_OK 0        /* *pOut is set (possibly to null) */
#define FUNC_CONV_BADTYPE 1   /* the argument type cannot be converted */
#define FUNC_CONV_RANGE 2     /* a float outside the INTEGER range (toInteger) */

/* toString() of one non-null value. */
static int funcConvertString(FuncCtx *pCtx, const Value *p, Value *pOut) {
  char zBuf[64];
  switch (p->type) {
    case VAL_STRING: *pOut = *p; return FUNC_CONV_OK;
    case VAL_BOOL: *pOut = value_str(p->u.b ? "true" : "false", p->u.b ? 4 : 5); return FUNC_CONV_OK;
    case VAL_INT:
      snprintf(zBuf, sizeof(zBuf), "%lld", (long long)p->u.i);
      *pOut = value_cstr(pCtx->pArena, zBuf);
      return FUNC_CONV_OK;
    case VAL_FLOAT:
      value_format_double(zBuf, sizeof(zBuf), p->u.f);
      *pOut = value_cstr(pCtx->pArena, zBuf);
      return FUNC_CONV_OK;
    default:
      if (value_is_temporal(p) || p->type == VAL_POINT) {
        StrBuf sb;
        strbuf_init(&sb);
        if (p->type == VAL_POINT) point_format(&sb, p->u.pt);
        else temporal_format(&sb, p);
        *pOut = value_str_copy(pCtx->pArena, strbuf_cstr(&sb), sb.n);
        strbuf_free(&sb);
        return FUNC_CONV_OK;
      }
      return FUNC_CONV_BADTYPE;
  }
}

/* toInteger() of one non-null value. */
static int funcConvertInteger(const Value *p, Value *pOut) {
  int64_t i;
  double f;
  switch (p->type) {
    case VAL_INT: *pOut = *p; return FUNC_CONV_OK;
    case VAL_BOOL: *pOut = value_int(p->u.b ? 1 : 0); return FUNC_CONV_OK;
    case VAL_FLOAT:
      if (!funcConvertDoubleToInt(p->u.f, &i)) return FUNC_CONV_RANGE;
      *pOut = value_int(i);
      return FUNC_CONV_OK;
    case VAL_STRING: {
      size_t n = p->n;
      const char *z = funcConvertTrim(p->u.z, &n);
      if (funcConvertParseInt(z, n, &i) ||
          (funcConvertParseFloat(z, n, &f) && funcConvertDoubleToInt(f, &i))) {
        *pOut = value_int(i);
      }
      return FUNC_CONV_OK;   /* null when not an integer */
    }
    default: return FUNC_CONV_BADTYPE;
  }
}

/* toFloat() of one non-null value. */
static int funcConvertFloat(const Value *p, Value *pOut) {
  double f;
  switch (p->type) {
    case VAL_FLOAT: *pOut = *p; return FUNC_CONV_OK;
    case VAL_INT: *pOut = value_float((double)p->u.i); return FUNC_CONV_OK;
    case VAL_STRING: {
      size_t n = p->n;
      const char *z = funcConvertTrim(p->u.z, &n);
      if (funcConvertParseFloat(z, n, &f)) *pOut = value_float(f);
      return FUNC_CONV_OK;
    }
    default: return FUNC_CONV_BADTYPE;
  }
}

/* toBoolean() of one non-null value. */
static int funcConvertBoolean(const Value *p, Value *pOut) {
  switch (p->type) {
    case VAL_BOOL: *pOut = *p; return FUNC_CONV_OK;
    case VAL_INT: *pOut = value_bool(p->u.i != 0); return FUNC_CONV_OK;
    case VAL_STRING: {
      size_t n = p->n;
      const char *z = funcConvertTrim(p->u.z, &n);
      if (n == 4 && strncasecmp(z, "true", 4) == 0) *pOut = value_bool(true);
      if (n == 5 && strncasecmp(z, "false", 5) == 0) *pOut = value_bool(false);
      return FUNC_CONV_OK;
    }
    default: return FUNC_CONV_BADTYPE;
  }
}

/* Which conversion to perform (the eTarget arguments below). */
#define FUNC_TO_STRING 0
#define FUNC_TO_INTEGER 1
#define FUNC_TO_FLOAT 2
#define FUNC_TO_BOOLEAN 3

static int funcConvertOne(FuncCtx *pCtx, int eTarget, const Value *p, Value *pOut) {
  *pOut = value_null();
  if (p->type == VAL_NULL) return FUNC_CONV_OK;
  switch (eTarget) {
    case FUNC_TO_STRING: return funcConvertString(pCtx, p, pOut);
    case FUNC_TO_INTEGER: return funcConvertInteger(p, pOut);
    case FUNC_TO_FLOAT: return funcConvertFloat(p, pOut);
    default: return funcConvertBoolean(p, pOut);
  }
}

/*
** The strict form (toString() ...): converts aArg[0] or raises the
** conversion's error. zFunc names the function in messages.
*/
static void funcConvertStrict(FuncCtx *pCtx, int eTarget, const char *zFunc, const Value *p,
                              Value *pOut) {
  int rc = funcConvertOne(pCtx, eTarget, p, pOut);
  if (rc == FUNC_CONV_BADTYPE) {
    funcConvertInvalid(pCtx, zFunc, p);
  } else if (rc == FUNC_CONV_RANGE) {
    char zNum[40], zMsg[120];
    value_format_double(zNum, sizeof(zNum), p->u.f);
    snprintf(zMsg, sizeof(zMsg), "%s(): %s is not in the INTEGER range", zFunc, zNum);
    func_error(pCtx, ERR_NUMBER_OUT_OF_RANGE, zMsg);
  }
}

/* The ...OrNull form: null wherever the strict form would fail. */
static void funcConvertOrNull(FuncCtx *pCtx, int eTarget, const Value *p, Value *pOut) {
  if (funcConvertOne(pCtx, eTarget, p, pOut) != FUNC_CONV_OK) *pOut = value_null();
}

/* The ...List form: a list of ...OrNull conversions. */
static void funcConvertList(FuncCtx *pCtx, int eTarget, const char *zFunc, const Value *p,
                            Value *pOut) {
  if (p->type != VAL_LIST) {
    func_type_error(pCtx, zFunc, "the argument", "a LIST", p);
    return;
  }
  Value v = value_list_new(pCtx->pArena, p->n);
  for (uint32_t i = 0; i < p->n; i++) funcConvertOrNull(pCtx, eTarget, &p->u.a[i], &v.u.a[i]);
  value_seal_depth(&v);   /* items are converted scalars or nulls: always 1 */
  *pOut = v;
}

/* Defines the strict, OrNull and List implementations for one target. */
#define FUNC_CONVERT_DEFINE(STEM, ETARGET, ZNAME)                                     \
  static void funcConvertTo##STEM(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) { \
    (void)nArg;                                                                       \
    funcConvertStrict(pCtx, ETARGET, ZNAME, &aArg[0], pOut);                          \
  }                                                                                   \
  static void funcConvertTo##STEM##OrNull(FuncCtx *pCtx, int nArg, const Value *aArg,        \
                                   Value *pOut) {                                     \
    (void)nArg;                                                                       \
    funcConvertOrNull(pCtx, ETARGET, &aArg[0], pOut);                                 \
  }                                                                                   \
  static void funcConvertTo##STEM##List(FuncCtx *pCtx, int nArg, const Value *aArg,          \
                                 Value *pOut) {                                       \
    (void)nArg;                                                                       \
    funcConvertList(pCtx, ETARGET, ZNAME "List", &aArg[0], pOut);                     \
  }

FUNC_CONVERT_DEFINE(String, FUNC_TO_STRING, "toString")
FUNC_CONVERT_DEFINE(Integer, FUNC_TO_INTEGER, "toInteger")
FUNC_CONVERT_DEFINE(Float, FUNC_TO_FLOAT, "toFloat")
FUNC_CONVERT_DEFINE(Boolean, FUNC_TO_BOOLEAN, "toBoolean")

/* ---- coalesce, timestamp ---------------------------------------------------------- */

/* coalesce(): the first argument that is not null, or null. */
static void funcConvertCoalesce(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)pCtx;
  for (int i = 0; i < nArg; i++) {
    if (aArg[i].type != VAL_NULL) {
      *pOut = aArg[i];
      return;
    }
  }
}

/* nullIf(v1, v2): null when v1 = v2 holds, else v1 (Neo4j 5). A null on
** either side makes = null, not true, so v1 comes back. */
static void funcConvertNullIf(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)pCtx;
  (void)nArg;
  *pOut = value_equals(&aArg[0], &aArg[1]) == TRI_TRUE ? value_null() : aArg[0];
}

/* timestamp(): milliseconds since 1970-01-01T00:00Z on the statement clock
** (the same for every call in one statement), rounded down. */
static void funcConvertTimestamp(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg, (void)aArg;
  int64_t ns = pCtx->iStmtTimeNs;
  int64_t ms = ns / 1000000;
  if (ns % 1000000 < 0) ms--;
  *pOut = value_int(ms);
}

/* file(): the path of the file LOAD CSV is reading the current row from,
** as the FROM clause named it (a file: URL decoded); null outside LOAD CSV. */
static void funcConvertFile(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg, (void)aArg;
  *pOut = pCtx->zCsvFile ? value_str(pCtx->zCsvFile, (uint32_t)strlen(pCtx->zCsvFile)) : value_null();
}

/* linenumber(): the line of that file on which the current row starts,
** counting from 1 with the header line included (so the first row under
** a header is line 2); null outside LOAD CSV. */
static void funcConvertLinenumber(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg, (void)aArg;
  *pOut = pCtx->zCsvFile ? value_int(pCtx->iCsvLine) : value_null();
}

/* ---- The table ----------------------------------------------------------------------- */

#define NN FUNCF_NULL_IN_NULL_OUT

/* ---- Type predicates: x IS :: T ------------------------------------------------ */

/* One type of a parsed canonical type text (syntax/typespec.h): a union
** is a chain through iNext; LIST<...> and ANY<...> point at theirs with
** iInner. */
typedef struct TypeNode {
  TypeName eType;
  bool bNotNull;
  int iInner;            /* first type of the inner union, or -1 */
  int iNext;             /* next type of the same union, or -1 */
} TypeNode;

#define TYPE_NODES_MAX 64

/* Parses canonical type text into aNode (iteratively, with a stack of
** the unions being read); returns the node count, or 0 when the text is
** not canonical type text. */
static int typeParse(const char *z, size_t n, TypeNode *aNode) {
  int nNode = 0, aOpen[TYPESPEC_MAX_DEPTH + 1], nOpen = 0, iPrev = -1;
  size_t i = 0;
  for (;;) {
    int eBest = -1;
    size_t nBest = 0;
    for (int e = 0; e < TYPE__COUNT; e++) {
      const char *zName = typespec_name((TypeName)e);
      size_t nName = strlen(zName);
      if (nName > nBest && i + nName <= n && memcmp(z + i, zName, nName) == 0 &&
          (i + nName == n || strchr("< >|", z[i + nName]))) {
        eBest = e;
        nBest = nName;
      }
    }
    if (eBest < 0 || nNode == TYPE_NODES_MAX) return 0;
    TypeNode *p = &aNode[nNode];
    p->eType = (TypeName)eBest;
    p->bNotNull = false;
    p->iInner = p->iNext = -1;
    if (iPrev >= 0) aNode[iPrev].iNext = nNode;
    iPrev = nNode++;
    i += nBest;
    if (i < n && z[i] == '<') {
      if (nOpen > TYPESPEC_MAX_DEPTH) return 0;
      aOpen[nOpen++] = iPrev;
      aNode[iPrev].iInner = nNode;
      iPrev = -1;
      i++;
      continue;
    }
    for (;;) {
      if (n - i >= 9 && memcmp(z + i, " NOT NULL", 9) == 0) {
        aNode[iPrev].bNotNull = true;
        i += 9;
      }
      if (n - i >= 3 && memcmp(z + i, " | ", 3) == 0) {
        i += 3;
        break;
      }
      if (i == n) return nOpen == 0 ? nNode : 0;
      if (z[i] != '>' || nOpen == 0) return 0;
      iPrev = aOpen[--nOpen];
      i++;
    }
  }
}

static bool typeUnionAccepts(const TypeNode *aNode, int iFirst, const Value *v);

/* The scalar types a property may hold (and a list of one of them). */
static bool typeIsPropertyScalar(const Value *v) {
  return v->type == VAL_BOOL || v->type == VAL_INT || v->type == VAL_FLOAT || v->type == VAL_STRING ||
         value_is_temporal(v) || v->type == VAL_POINT;
}

/* Does type aNode[i] (not its union) accept v? Recurses once per level of
** LIST<...> in the type, which is at most TYPESPEC_MAX_DEPTH. */
static bool typeAccepts(const TypeNode *aNode, int i, const Value *v) {
  const TypeNode *p = &aNode[i];
  if (v->type == VAL_NULL) return p->eType == TYPE_NULL || (!p->bNotNull && p->eType != TYPE_NOTHING);
  switch (p->eType) {
    case TYPE_ANY: return p->iInner < 0 || typeUnionAccepts(aNode, p->iInner, v);
    case TYPE_NOTHING:
    case TYPE_NULL: return false;
    case TYPE_POINT: return v->type == VAL_POINT;
    case TYPE_BOOLEAN: return v->type == VAL_BOOL;
    case TYPE_STRING: return v->type == VAL_STRING;
    case TYPE_INTEGER: return v->type == VAL_INT;
    case TYPE_FLOAT: return v->type == VAL_FLOAT;
    case TYPE_DATE: return v->type == VAL_DATE;
    case TYPE_LOCAL_TIME: return v->type == VAL_LOCALTIME;
    case TYPE_ZONED_TIME: return v->type == VAL_TIME;
    case TYPE_LOCAL_DATETIME: return v->type == VAL_LOCALDATETIME;
    case TYPE_ZONED_DATETIME: return v->type == VAL_DATETIME;
    case TYPE_DURATION: return v->type == VAL_DURATION;
    case TYPE_NODE: return v->type == VAL_NODE;
    case TYPE_RELATIONSHIP: return v->type == VAL_REL;
    case TYPE_MAP: return v->type == VAL_MAP;
    case TYPE_PATH: return v->type == VAL_PATH;
    case TYPE_LIST:
      if (v->type != VAL_LIST) return false;
      for (uint32_t k = 0; k < v->n; k++) {
        if (!typeUnionAccepts(aNode, p->iInner, &v->u.a[k])) return false;
      }
      return true;
    case TYPE_PROPERTY_VALUE:
      if (typeIsPropertyScalar(v)) return true;
      if (v->type != VAL_LIST) return false;
      for (uint32_t k = 0; k < v->n; k++) {
        if (!typeIsPropertyScalar(&v->u.a[k]) || v->u.a[k].type != v->u.a[0].type) return false;
      }
      return true;
    case TYPE__COUNT: break;
  }
  return false;
}

static bool typeUnionAccepts(const TypeNode *aNode, int iFirst, const Value *v) {
  for (int i = iFirst; i >= 0; i = aNode[i].iNext) {
    if (typeAccepts(aNode, i, v)) return true;
  }
  return false;
}

/* x IS :: T (the parser's hidden function, syntax/ast.h): T arrives as
** canonical type text. */
static void funcConvertIsTyped(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  TypeNode aNode[TYPE_NODES_MAX];
  int nNode = aArg[1].type == VAL_STRING ? typeParse(aArg[1].u.z, aArg[1].n, aNode) : 0;
  if (nNode == 0) {
    func_error(pCtx, ERR_ARGUMENT_VALUE, "not a type");
    return;
  }
  *pOut = value_bool(typeUnionAccepts(aNode, 0, &aArg[0]));
}

/* The type a value's own kind names (not for lists and null). */
static TypeName typeOfScalar(const Value *v) {
  switch (v->type) {
    case VAL_BOOL: return TYPE_BOOLEAN;
    case VAL_STRING: return TYPE_STRING;
    case VAL_INT: return TYPE_INTEGER;
    case VAL_FLOAT: return TYPE_FLOAT;
    case VAL_DATE: return TYPE_DATE;
    case VAL_LOCALTIME: return TYPE_LOCAL_TIME;
    case VAL_TIME: return TYPE_ZONED_TIME;
    case VAL_LOCALDATETIME: return TYPE_LOCAL_DATETIME;
    case VAL_DATETIME: return TYPE_ZONED_DATETIME;
    case VAL_DURATION: return TYPE_DURATION;
    case VAL_POINT: return TYPE_POINT;
    case VAL_NODE: return TYPE_NODE;
    case VAL_REL: return TYPE_RELATIONSHIP;
    case VAL_MAP: return TYPE_MAP;
    case VAL_PATH: return TYPE_PATH;
    default: return TYPE_ANY;
  }
}

/* Orders the members of a list's element union: by type, as Neo4j lists
** types, then by text (lists of different element types). */
static int typeMemberCmp(const void *a, const void *b) {
  const char *za = *(const char *const *)a, *zb = *(const char *const *)b;
  return strcmp(za, zb);
}

/*
** Appends valueType(v) to pOut: the most specific type of v, as Neo4j
** writes it ("INTEGER NOT NULL", "LIST<INTEGER | STRING NOT NULL> NOT
** NULL", "NULL"). Recurses once per level of list nesting, which values
** bound (VALUE_MAX_DEPTH).
*/
static void typeOfValue(Arena *pA, const Value *v, StrBuf *pOut) {
  if (v->type == VAL_NULL) {
    strbuf_puts(pOut, "NULL");
    return;
  }
  if (v->type != VAL_LIST) {
    strbuf_printf(pOut, "%s NOT NULL", typespec_name(typeOfScalar(v)));
    return;
  }
  /* The distinct element types; a null element makes them nullable. */
  bool bNull = false;
  uint32_t nMember = 0;
  char **azMember = v->n ? arena_alloc(pA, v->n * sizeof(char *)) : NULL;
  for (uint32_t i = 0; i < v->n; i++) {
    if (v->u.a[i].type == VAL_NULL) {
      bNull = true;
      continue;
    }
    StrBuf one;
    strbuf_init(&one);
    /* Each member carries its rank first, so that sorting orders by type. */
    int rank = v->u.a[i].type == VAL_LIST ? TYPE_LIST : (int)typeOfScalar(&v->u.a[i]);
    strbuf_printf(&one, "%02d", rank);
    typeOfValue(pA, &v->u.a[i], &one);
    bool bSeen = false;
    for (uint32_t k = 0; k < nMember && !bSeen; k++) bSeen = strcmp(azMember[k], strbuf_cstr(&one)) == 0;
    if (!bSeen) azMember[nMember++] = arena_strdup(pA, strbuf_cstr(&one));
    strbuf_free(&one);
  }
  if (nMember > 1) qsort(azMember, nMember, sizeof(char *), typeMemberCmp);
  strbuf_puts(pOut, "LIST<");
  if (nMember == 0) strbuf_puts(pOut, bNull ? "NULL" : "NOTHING");
  for (uint32_t k = 0; k < nMember; k++) {
    const char *z = azMember[k] + 2;
    size_t n = strlen(z);
    if (bNull && n > 9 && strcmp(z + n - 9, " NOT NULL") == 0) n -= 9;
    if (k) strbuf_puts(pOut, " | ");
    strbuf_append(pOut, z, n);
  }
  strbuf_puts(pOut, "> NOT NULL");
}

/* valueType(v) (Neo4j 5): the type of v as a type predicate writes it. */
static void funcConvertValueType(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  StrBuf out;
  strbuf_init(&out);
  typeOfValue(pCtx->pArena, &aArg[0], &out);
  *pOut = value_str_copy(pCtx->pArena, strbuf_cstr(&out), out.n);
  strbuf_free(&out);
}

const FuncDef func_convert_defs[] = {
    {FUNC_IS_TYPED, 2, 2, FUNCF_HIDDEN, funcConvertIsTyped, FUNC_IS_TYPED "(input :: ANY, type :: STRING) :: BOOLEAN",
     "input IS :: type: is the value of that type?"},
    {"valueType", 1, 1, 0, funcConvertValueType, "valueType(input :: ANY) :: STRING",
     "The most specific type of the value, as a type predicate writes it: 'INTEGER NOT NULL'."},
    {"coalesce", 1, -1, 0, funcConvertCoalesce, "coalesce(input :: ANY, ...) :: ANY",
     "The first argument that is not null."},
    {"file", 0, 0, 0, funcConvertFile, "file() :: STRING",
     "In LOAD CSV, the path of the file being read; null elsewhere."},
    {"linenumber", 0, 0, 0, funcConvertLinenumber, "linenumber() :: INTEGER",
     "In LOAD CSV, the line the current row starts on (the header is line 1); null elsewhere."},
    {"nullIf", 2, 2, 0, funcConvertNullIf, "nullIf(v1 :: ANY, v2 :: ANY) :: ANY",
     "null when v1 = v2, otherwise v1."},
    {"timestamp", 0, 0, FUNCF_VOLATILE, funcConvertTimestamp, "timestamp() :: INTEGER",
     "Milliseconds since 1970-01-01T00:00Z at the start of the statement."},
    {"toBoolean", 1, 1, NN, funcConvertToBoolean, "toBoolean(input :: STRING | INTEGER | BOOLEAN) :: BOOLEAN",
     "Converts a string, integer or boolean to a boolean; null for an unrecognised string."},
    {"toBooleanList", 1, 1, NN, funcConvertToBooleanList, "toBooleanList(input :: LIST<ANY>) :: LIST<BOOLEAN>",
     "Converts each element of a list to a boolean, or null where it cannot."},
    {"toBooleanOrNull", 1, 1, NN, funcConvertToBooleanOrNull, "toBooleanOrNull(input :: ANY) :: BOOLEAN",
     "Converts a value to a boolean, or null where toBoolean() would fail."},
    {"toFloat", 1, 1, NN, funcConvertToFloat, "toFloat(input :: STRING | INTEGER | FLOAT) :: FLOAT",
     "Converts a number or string to a float; null for a string that is not a number."},
    {"toFloatList", 1, 1, NN, funcConvertToFloatList, "toFloatList(input :: LIST<ANY>) :: LIST<FLOAT>",
     "Converts each element of a list to a float, or null where it cannot."},
    {"toFloatOrNull", 1, 1, NN, funcConvertToFloatOrNull, "toFloatOrNull(input :: ANY) :: FLOAT",
     "Converts a value to a float, or null where toFloat() would fail."},
    {"toInteger", 1, 1, NN, funcConvertToInteger,
     "toInteger(input :: STRING | INTEGER | FLOAT | BOOLEAN) :: INTEGER",
     "Converts a value to an integer (floats truncate); null for a string that is not a number."},
    {"toIntegerList", 1, 1, NN, funcConvertToIntegerList, "toIntegerList(input :: LIST<ANY>) :: LIST<INTEGER>",
     "Converts each element of a list to an integer, or null where it cannot."},
    {"toIntegerOrNull", 1, 1, NN, funcConvertToIntegerOrNull, "toIntegerOrNull(input :: ANY) :: INTEGER",
     "Converts a value to an integer, or null where toInteger() would fail."},
    {"toString", 1, 1, NN, funcConvertToString,
     "toString(input :: INTEGER | FLOAT | STRING | BOOLEAN | temporal) :: STRING",
     "Converts a number, boolean, string or temporal value to a string."},
    {"toStringList", 1, 1, NN, funcConvertToStringList, "toStringList(input :: LIST<ANY>) :: LIST<STRING>",
     "Converts each element of a list to a string, or null where it cannot."},
    {"toStringOrNull", 1, 1, NN, funcConvertToStringOrNull, "toStringOrNull(input :: ANY) :: STRING",
     "Converts a value to a string, or null where toString() would fail."},
};

const int func_convert_count = ARRAY_SIZE(func_convert_defs);
