/*
** func_list.c — the list functions: size(), head(), last(), tail(),
** range() and reverse().
**
** size() and reverse() also take strings, measured and reversed by code
** point (utf8.h). Lists are copied shallowly: elements are Values, which
** borrow their payloads (value.h), so a result list may share strings and
** sub-lists with its argument. A null argument gives null; an argument of
** the wrong type is a TypeError (size() of a path is rejected at compile
** time by the checker; here it is the same TypeError at run time).
*/
#include <stdio.h>

#include "eval/func.h"
#include "base/utf8.h"

/* Most elements range() may produce (each costs sizeof(Value) bytes). */

/* ---- size, head, last, tail ------------------------------------------------ */

/* size(): code points of a string, elements of a list. */
static void funcListSize(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type == VAL_LIST) {
    *pOut = value_int(p->n);
  } else if (p->type == VAL_STRING) {
    *pOut = value_int((int64_t)utf8_length(p->u.z, p->n));
  } else {
    func_type_error(pCtx, "size", "the argument", "a STRING or a LIST", p);
  }
}

/* isEmpty(): whether a string, list or map has nothing in it. */
static void funcListIsEmpty(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type == VAL_LIST || p->type == VAL_STRING || p->type == VAL_MAP) {
    *pOut = value_bool(p->n == 0);
  } else {
    func_type_error(pCtx, "isEmpty", "the argument", "a STRING, a LIST or a MAP", p);
  }
}

/* head(): the first element, or null for an empty list. */
static void funcListHead(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type != VAL_LIST) {
    func_type_error(pCtx, "head", "the argument", "a LIST", p);
    return;
  }
  if (p->n) *pOut = p->u.a[0];
}

/* last(): the last element, or null for an empty list. */
static void funcListLast(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type != VAL_LIST) {
    func_type_error(pCtx, "last", "the argument", "a LIST", p);
    return;
  }
  if (p->n) *pOut = p->u.a[p->n - 1];
}

/* tail(): every element but the first, copied; [] for an empty list. */
static void funcListTail(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type != VAL_LIST) {
    func_type_error(pCtx, "tail", "the argument", "a LIST", p);
    return;
  }
  Value v = value_list_new(pCtx->pArena, p->n > 1 ? p->n - 1 : 0);
  if (v.n) memcpy(v.u.a, p->u.a + 1, sizeof(Value) * v.n);
  v.depth = p->depth;   /* a part is no deeper than the whole */
  *pOut = v;
}

/* ---- range ------------------------------------------------------------------ */

/*
** range(start, end [, step]): the integers start, start+step, ... up to and
** including end (down to, for a negative step). An empty list when the
** step points away from end. Every argument must be an INTEGER (a float,
** even 1.0, is a TypeError); a zero step is an ArgumentError
** (NumberOutOfRange); more than VALUE_MAX_LIST elements is refused. The
** element count is computed in unsigned 64-bit arithmetic, which cannot
** overflow for any pair of int64 bounds.
*/
bool func_range_plan(FuncCtx *pCtx, int nArg, const Value *aArg, FuncRange *pR) {
  static const char *const azArg[] = {"start", "end", "step"};
  for (int k = 0; k < nArg; k++) {
    if (aArg[k].type != VAL_INT) {
      func_type_error(pCtx, "range", azArg[k], "an INTEGER", &aArg[k]);
      return false;
    }
  }
  int64_t iStart = aArg[0].u.i, iEnd = aArg[1].u.i;
  int64_t iStep = nArg > 2 ? aArg[2].u.i : 1;
  if (iStep == 0) {
    func_error(pCtx, ERR_NUMBER_OUT_OF_RANGE, "range(): step must not be zero");
    return false;
  }
  pR->iStart = iStart;
  pR->iStep = iStep;
  pR->nCount = 0;
  uint64_t nSpan, nStride;   /* |end - start| and |step| */
  if (iStep > 0) {
    if (iStart > iEnd) return true;
    nSpan = (uint64_t)iEnd - (uint64_t)iStart;
    nStride = (uint64_t)iStep;
  } else {
    if (iStart < iEnd) return true;
    nSpan = (uint64_t)iStart - (uint64_t)iEnd;
    nStride = 0 - (uint64_t)iStep;
  }
  /* nSpan / nStride + 1 elements; 2^64 of them only for the full int64
  ** span with step 1, counted as 2^64 - 1 (nobody waits for either). */
  uint64_t nStep = nSpan / nStride;
  pR->nCount = nStep == UINT64_MAX ? nStep : nStep + 1;
  return true;
}

static void funcListRange(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  FuncRange r;
  if (!func_range_plan(pCtx, nArg, aArg, &r)) return;
  if (r.nCount > VALUE_MAX_LIST) {
    char zMsg[160];
    snprintf(zMsg, sizeof(zMsg), "range() would produce %llu elements (limit %u)",
             (unsigned long long)r.nCount, VALUE_MAX_LIST);
    func_error(pCtx, ERR_LIMIT, zMsg);
    return;
  }
  uint32_t n = (uint32_t)r.nCount;
  Value v = value_list_new(pCtx->pArena, n);
  uint64_t u = (uint64_t)r.iStart;
  for (uint32_t i = 0; i < n; i++) {
    if ((i & 0xFFFFF) == 0xFFFFF && pCtx->pInterrupt && *pCtx->pInterrupt) {
      func_error(pCtx, ERR_INTERRUPTED);
      return;
    }
    v.u.a[i] = value_int((int64_t)u);   /* every element lies between start and end */
    u += (uint64_t)r.iStep;
  }
  *pOut = v;
}

/* ---- reverse ------------------------------------------------------------------ */

/*
** reverse(): a list with its elements in reverse order, or a string with
** its code points in reverse order (a combining accent then precedes its
** base, as in Neo4j; UTF-8 sequences stay intact).
*/
static void funcListReverse(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type == VAL_LIST) {
    Value v = value_list_new(pCtx->pArena, p->n);
    for (uint32_t i = 0; i < p->n; i++) v.u.a[i] = p->u.a[p->n - 1 - i];
    v.depth = p->depth;
    *pOut = v;
    return;
  }
  if (p->type != VAL_STRING) {
    func_type_error(pCtx, "reverse", "the argument", "a STRING or a LIST", p);
    return;
  }
  const char *z = p->u.z;
  size_t n = p->n;
  char *zOut = arena_alloc(pCtx->pArena, n + 1);
  size_t i = 0;
  while (i < n) {
    size_t iChar = i;
    utf8_next(z, n, &i);
    memcpy(zOut + (n - i), z + iChar, i - iChar);   /* lands mirrored from the end */
  }
  zOut[n] = 0;
  *pOut = value_str(zOut, (uint32_t)n);
}

/* ---- The table ------------------------------------------------------------------ */

#define NN FUNCF_NULL_IN_NULL_OUT

const FuncDef func_list_defs[] = {
    {"isEmpty", 1, 1, NN, funcListIsEmpty, "isEmpty(input :: STRING | LIST<ANY> | MAP) :: BOOLEAN",
     "Whether a string, list or map is empty."},
    {"head", 1, 1, NN, funcListHead, "head(list :: LIST<ANY>) :: ANY",
     "The first element of a list, or null if it is empty."},
    {"last", 1, 1, NN, funcListLast, "last(list :: LIST<ANY>) :: ANY",
     "The last element of a list, or null if it is empty."},
    {"range", 2, 3, NN, funcListRange,
     "range(start :: INTEGER, end :: INTEGER, step :: INTEGER?) :: LIST<INTEGER>",
     "The integers from start to end inclusive, stepping by step (default 1)."},
    {"reverse", 1, 1, NN, funcListReverse, "reverse(input :: STRING | LIST<ANY>) :: STRING | LIST<ANY>",
     "A string or list in reverse order."},
    {"size", 1, 1, NN, funcListSize, "size(input :: STRING | LIST<ANY>) :: INTEGER",
     "The number of code points in a string or of elements in a list."},
    {"tail", 1, 1, NN, funcListTail, "tail(list :: LIST<ANY>) :: LIST<ANY>",
     "A list without its first element."},
};

const int func_list_count = ARRAY_SIZE(func_list_defs);
