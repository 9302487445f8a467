/*
** value.c — Cypher's equality, comparison, ordering and hashing of values,
** and value copies (see value.h for the rules).
**
** Nothing here knows about the graph: nodes and relationships compare by
** id. Temporal values delegate to temporal.c, points to point.c.
*/
#include "value/value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/htab.h"
#include "base/mem.h"
#include "value/point.h"
#include "value/temporal.h"

/* ---- Constructors ------------------------------------------------------ */

Value value_str_copy(Arena *pA, const char *z, size_t n) {
  return value_str(arena_strndup(pA, z, n), (uint32_t)n);
}

Value value_cstr(Arena *pA, const char *z) { return value_str_copy(pA, z, strlen(z)); }

Value value_list_new(Arena *pA, uint32_t n) {
  Value v = {0};
  v.type = VAL_LIST;
  v.depth = 1;
  v.n = n;
  v.u.a = n ? arena_zalloc(pA, sizeof(Value) * n) : NULL;
  return v;
}

Value value_map_new(Arena *pA, uint32_t n) {
  Value v = {0};
  v.type = VAL_MAP;
  v.depth = 1;
  v.n = n;
  v.u.m = n ? arena_zalloc(pA, sizeof(MapEntry) * n) : NULL;
  return v;
}

bool value_seal_depth(Value *p) {
  uint32_t nMax = 0;
  for (uint32_t i = 0; i < p->n; i++) {
    uint32_t d = value_depth(p->type == VAL_MAP ? &p->u.m[i].v : &p->u.a[i]);
    if (d > nMax) nMax = d;
  }
  if (nMax >= VALUE_MAX_DEPTH) {
    p->depth = VALUE_MAX_DEPTH;
    return false;
  }
  p->depth = (uint16_t)(nMax + 1);
  return true;
}

Value value_path_new(Arena *pA, uint32_t nRel) {
  Value v = value_list_new(pA, 2 * nRel + 1);
  v.type = VAL_PATH;
  return v;
}

const Value *value_map_get(const Value *pMap, const char *zKey, uint32_t nKey) {
  for (uint32_t i = 0; i < pMap->n; i++) {
    const MapEntry *e = &pMap->u.m[i];
    if (e->nKey == nKey && memcmp(e->zKey, zKey, nKey) == 0) return &e->v;
  }
  return NULL;
}

/* ---- Numbers ------------------------------------------------------------ */

/*
** Compares an integer with a double exactly (no rounding of the integer
** to double). Returns <0, 0 or >0. The double must not be NaN.
*/
static int valueCmpIntDouble(int64_t i, double f) {
  if (f >= 9223372036854775808.0) return -1;
  if (f < -9223372036854775808.0) return 1;
  double fl = floor(f);
  int64_t fi = (int64_t)fl;
  if (i < fi) return -1;
  if (i > fi) return 1;
  return f > fl ? -1 : 0;
}

/* Compares two non-NaN numbers exactly. */
static int valueCmpNumbers(const Value *a, const Value *b) {
  if (a->type == VAL_INT && b->type == VAL_INT) {
    return a->u.i < b->u.i ? -1 : a->u.i > b->u.i;
  }
  if (a->type == VAL_INT) return valueCmpIntDouble(a->u.i, b->u.f);
  if (b->type == VAL_INT) return -valueCmpIntDouble(b->u.i, a->u.f);
  return a->u.f < b->u.f ? -1 : a->u.f > b->u.f;
}

static bool valueIsNaN(const Value *p) { return p->type == VAL_FLOAT && isnan(p->u.f); }

static int valueCmpBytes(const char *a, uint32_t na, const char *b, uint32_t nb) {
  int c = memcmp(a, b, TG_MIN(na, nb));
  if (c) return c;
  return na < nb ? -1 : na > nb;
}

/* ---- Equality ----------------------------------------------------------- */

/* Combines element-wise results: any false wins, else any null, else true. */
static Tri valueTriAnd(Tri acc, Tri x) {
  if (acc == TRI_FALSE || x == TRI_FALSE) return TRI_FALSE;
  if (acc == TRI_NULL || x == TRI_NULL) return TRI_NULL;
  return TRI_TRUE;
}

static Tri valueMapEquals(const Value *a, const Value *b) {
  if (a->n != b->n) return TRI_FALSE;
  Tri acc = TRI_TRUE;
  for (uint32_t i = 0; i < a->n; i++) {
    const MapEntry *e = &a->u.m[i];
    const Value *pOther = value_map_get(b, e->zKey, e->nKey);
    if (pOther == NULL) return TRI_FALSE;
    acc = valueTriAnd(acc, value_equals(&e->v, pOther));
    if (acc == TRI_FALSE) return acc;
  }
  return acc;
}

Tri value_equals(const Value *a, const Value *b) {
  if (a->type == VAL_NULL || b->type == VAL_NULL) return TRI_NULL;
  if (value_is_number(a) && value_is_number(b)) {
    if (valueIsNaN(a) || valueIsNaN(b)) return TRI_FALSE;
    return valueCmpNumbers(a, b) == 0 ? TRI_TRUE : TRI_FALSE;
  }
  if (a->type != b->type) return TRI_FALSE;
  switch (a->type) {
    case VAL_BOOL: return a->u.b == b->u.b ? TRI_TRUE : TRI_FALSE;
    case VAL_STRING:
      return (a->n == b->n && memcmp(a->u.z, b->u.z, a->n) == 0) ? TRI_TRUE : TRI_FALSE;
    case VAL_NODE:
    case VAL_REL: return a->u.id == b->u.id ? TRI_TRUE : TRI_FALSE;
    case VAL_LIST:
    case VAL_PATH: {
      if (a->n != b->n) return TRI_FALSE;
      Tri acc = TRI_TRUE;
      for (uint32_t i = 0; i < a->n && acc != TRI_FALSE; i++) {
        acc = valueTriAnd(acc, value_equals(&a->u.a[i], &b->u.a[i]));
      }
      return acc;
    }
    case VAL_MAP: return valueMapEquals(a, b);
    case VAL_POINT: return point_equals(a->u.pt, b->u.pt) ? TRI_TRUE : TRI_FALSE;
    default:
      if (value_is_temporal(a)) return temporal_equals(a, b);
      return TRI_FALSE;
  }
}

bool value_equivalent(const Value *a, const Value *b) {
  if (a->type == VAL_NULL || b->type == VAL_NULL) return a->type == b->type;
  if (value_is_number(a) && value_is_number(b)) {
    bool bNanA = valueIsNaN(a), bNanB = valueIsNaN(b);
    if (bNanA || bNanB) return bNanA && bNanB;
    return valueCmpNumbers(a, b) == 0;
  }
  if (a->type != b->type) return false;
  switch (a->type) {
    case VAL_LIST:
    case VAL_PATH:
      if (a->n != b->n) return false;
      for (uint32_t i = 0; i < a->n; i++) {
        if (!value_equivalent(&a->u.a[i], &b->u.a[i])) return false;
      }
      return true;
    case VAL_MAP:
      if (a->n != b->n) return false;
      for (uint32_t i = 0; i < a->n; i++) {
        const MapEntry *e = &a->u.m[i];
        const Value *pOther = value_map_get(b, e->zKey, e->nKey);
        if (pOther == NULL || !value_equivalent(&e->v, pOther)) return false;
      }
      return true;
    default:
      return value_equals(a, b) == TRI_TRUE;
  }
}

/* ---- Comparison (<, <=, >, >=) ----------------------------------------- */

Tri value_less(const Value *a, const Value *b) {
  if (a->type == VAL_NULL || b->type == VAL_NULL) return TRI_NULL;
  if (value_is_number(a) && value_is_number(b)) {
    if (valueIsNaN(a) || valueIsNaN(b)) return TRI_FALSE;
    return valueCmpNumbers(a, b) < 0 ? TRI_TRUE : TRI_FALSE;
  }
  if (a->type != b->type) return TRI_NULL;
  switch (a->type) {
    case VAL_BOOL: return (!a->u.b && b->u.b) ? TRI_TRUE : TRI_FALSE;
    case VAL_STRING:
      return valueCmpBytes(a->u.z, a->n, b->u.z, b->n) < 0 ? TRI_TRUE : TRI_FALSE;
    case VAL_LIST: {
      /* Lexicographic: the first pair that is not equal decides. */
      uint32_t n = TG_MIN(a->n, b->n);
      for (uint32_t i = 0; i < n; i++) {
        const Value *x = &a->u.a[i], *y = &b->u.a[i];
        Tri eq = value_equals(x, y);
        if (eq == TRI_TRUE) continue;
        if (eq == TRI_NULL) return TRI_NULL;
        return value_less(x, y);
      }
      return a->n < b->n ? TRI_TRUE : TRI_FALSE;
    }
    default:
      if (value_is_temporal(a)) return temporal_less(a, b);
      return TRI_NULL;
  }
}

/* ---- Global order (ORDER BY) -------------------------------------------- */

/* Position of a type in the ascending global order. */
static int valueOrderClass(int type) {
  switch (type) {
    case VAL_MAP: return 0;
    case VAL_NODE: return 1;
    case VAL_REL: return 2;
    case VAL_LIST: return 3;
    case VAL_PATH: return 4;
    case VAL_POINT: return 5;   /* before the temporals, after paths */
    case VAL_DATETIME: return 6;
    case VAL_LOCALDATETIME: return 7;
    case VAL_DATE: return 8;
    case VAL_TIME: return 9;
    case VAL_LOCALTIME: return 10;
    case VAL_DURATION: return 11;
    case VAL_STRING: return 12;
    case VAL_BOOL: return 13;
    case VAL_INT:
    case VAL_FLOAT: return 14;
    default: return 15; /* null */
  }
}

static int valueCmpSeq(const Value *a, uint32_t na, const Value *b, uint32_t nb) {
  uint32_t n = TG_MIN(na, nb);
  for (uint32_t i = 0; i < n; i++) {
    int c = value_compare(&a[i], &b[i]);
    if (c) return c;
  }
  return na < nb ? -1 : na > nb;
}

static int valueCmpEntryKeys(const void *x, const void *y) {
  const MapEntry *a = *(const MapEntry *const *)x, *b = *(const MapEntry *const *)y;
  return valueCmpBytes(a->zKey, a->nKey, b->zKey, b->nKey);
}

/* Maps order by their entries sorted by key: key first, then value. */
static int valueCmpMaps(const Value *a, const Value *b) {
  const MapEntry *aStackA[16], *aStackB[16];
  const MapEntry **pa = a->n <= 16 ? aStackA : tg_malloc(sizeof(*pa) * a->n);
  const MapEntry **pb = b->n <= 16 ? aStackB : tg_malloc(sizeof(*pb) * b->n);
  for (uint32_t i = 0; i < a->n; i++) pa[i] = &a->u.m[i];
  for (uint32_t i = 0; i < b->n; i++) pb[i] = &b->u.m[i];
  if (a->n > 1) qsort(pa, a->n, sizeof(*pa), valueCmpEntryKeys);
  if (b->n > 1) qsort(pb, b->n, sizeof(*pb), valueCmpEntryKeys);
  int c = 0;
  uint32_t n = TG_MIN(a->n, b->n);
  for (uint32_t i = 0; i < n && c == 0; i++) {
    c = valueCmpBytes(pa[i]->zKey, pa[i]->nKey, pb[i]->zKey, pb[i]->nKey);
    if (c == 0) c = value_compare(&pa[i]->v, &pb[i]->v);
  }
  if (c == 0) c = a->n < b->n ? -1 : a->n > b->n;
  if (pa != aStackA) tg_free(pa);
  if (pb != aStackB) tg_free(pb);
  return c;
}

int value_compare(const Value *a, const Value *b) {
  int ca = valueOrderClass(a->type), cb = valueOrderClass(b->type);
  if (ca != cb) return ca < cb ? -1 : 1;
  switch (a->type) {
    case VAL_NULL: return 0;
    case VAL_INT:
    case VAL_FLOAT: {
      bool bNanA = valueIsNaN(a), bNanB = valueIsNaN(b);
      if (bNanA || bNanB) return (int)bNanA - (int)bNanB;
      return valueCmpNumbers(a, b);
    }
    case VAL_BOOL: return (int)a->u.b - (int)b->u.b;
    case VAL_STRING: return valueCmpBytes(a->u.z, a->n, b->u.z, b->n);
    case VAL_NODE:
    case VAL_REL: return a->u.id < b->u.id ? -1 : a->u.id > b->u.id;
    case VAL_LIST:
    case VAL_PATH: return valueCmpSeq(a->u.a, a->n, b->u.a, b->n);
    case VAL_MAP: return valueCmpMaps(a, b);
    case VAL_POINT: return point_compare(a->u.pt, b->u.pt);
    default: return temporal_compare(a, b);
  }
}

/* ---- Hashing ------------------------------------------------------------ */

uint64_t value_hash(const Value *p) {
  switch (p->type) {
    case VAL_NULL: return 0x6e756c6cULL;
    case VAL_BOOL: return p->u.b ? 0x74727565ULL : 0x66616c73ULL;
    case VAL_INT: return htab_hash_u64((uint64_t)p->u.i);
    case VAL_FLOAT: {
      double f = p->u.f;
      if (isnan(f)) return 0x4e614eULL;
      if (f == floor(f) && f >= -9223372036854775808.0 && f < 9223372036854775808.0) {
        return htab_hash_u64((uint64_t)(int64_t)f);   /* 1.0 hashes as 1 */
      }
      uint64_t bits;
      memcpy(&bits, &f, sizeof(bits));
      return htab_hash_u64(bits);
    }
    case VAL_STRING: return htab_hash_bytes(p->u.z, p->n);
    case VAL_NODE: return htab_hash_combine(1, p->u.id);
    case VAL_REL: return htab_hash_combine(2, p->u.id);
    case VAL_LIST:
    case VAL_PATH: {
      uint64_t h = htab_hash_u64(p->n + (p->type == VAL_PATH ? 0x1000000ULL : 0));
      for (uint32_t i = 0; i < p->n; i++) h = htab_hash_combine(h, value_hash(&p->u.a[i]));
      return h;
    }
    case VAL_MAP: {
      /* Order-independent: a sum of per-entry hashes. */
      uint64_t h = htab_hash_u64(0x6d6170ULL + p->n);
      for (uint32_t i = 0; i < p->n; i++) {
        const MapEntry *e = &p->u.m[i];
        h += htab_hash_combine(htab_hash_bytes(e->zKey, e->nKey), value_hash(&e->v));
      }
      return h;
    }
    case VAL_POINT: return point_hash(p->u.pt);
    default: return temporal_hash(p);
  }
}

Tri value_truth(const Value *p, bool *pbTypeError) {
  if (p->type == VAL_NULL) return TRI_NULL;
  if (p->type == VAL_BOOL) return p->u.b ? TRI_TRUE : TRI_FALSE;
  if (pbTypeError) *pbTypeError = true;
  return TRI_NULL;
}

/* ---- Copies ------------------------------------------------------------- */

Value value_copy(Arena *pA, const Value *p) {
  Value v = *p;
  v.flags = 0;
  switch (p->type) {
    case VAL_STRING: v.u.z = arena_strndup(pA, p->u.z, p->n); break;
    case VAL_LIST:
    case VAL_PATH:
      if (p->n) {
        v.u.a = arena_alloc(pA, sizeof(Value) * p->n);
        for (uint32_t i = 0; i < p->n; i++) v.u.a[i] = value_copy(pA, &p->u.a[i]);
      }
      break;
    case VAL_MAP:
      if (p->n) {
        v.u.m = arena_alloc(pA, sizeof(MapEntry) * p->n);
        for (uint32_t i = 0; i < p->n; i++) {
          v.u.m[i].zKey = arena_strndup(pA, p->u.m[i].zKey, p->u.m[i].nKey);
          v.u.m[i].nKey = p->u.m[i].nKey;
          v.u.m[i].v = value_copy(pA, &p->u.m[i].v);
        }
      }
      break;
    case VAL_POINT: v.u.pt = point_value(pA, p->u.pt).u.pt; break;
    default:
      if (value_is_temporal(p)) {
        Temporal *pT = arena_alloc(pA, sizeof(Temporal));
        *pT = *p->u.t;
        if (pT->zZone) pT->zZone = arena_strdup(pA, pT->zZone);
        v.u.t = pT;
      }
      break;
  }
  return v;
}

static size_t valueAlign(size_t n) { return (n + 15) & ~(size_t)15; }

/* Bytes of out-of-line storage a deep copy of p needs (payload only). */
static size_t valueDeepSize(const Value *p) {
  switch (p->type) {
    case VAL_STRING: return valueAlign(p->n + 1);
    case VAL_LIST:
    case VAL_PATH: {
      size_t n = valueAlign(sizeof(Value) * p->n);
      for (uint32_t i = 0; i < p->n; i++) n += valueDeepSize(&p->u.a[i]);
      return n;
    }
    case VAL_MAP: {
      size_t n = valueAlign(sizeof(MapEntry) * p->n);
      for (uint32_t i = 0; i < p->n; i++) {
        n += valueAlign(p->u.m[i].nKey + 1) + valueDeepSize(&p->u.m[i].v);
      }
      return n;
    }
    case VAL_POINT: return valueAlign(sizeof(Point));
    default:
      if (value_is_temporal(p)) {
        size_t n = valueAlign(sizeof(Temporal));
        if (p->u.t->zZone) n += valueAlign(strlen(p->u.t->zZone) + 1);
        return n;
      }
      return 0;
  }
}

/* Copies p's payload into the block at *ppBuf, advancing *ppBuf. */
static Value valueDeepCopyInto(const Value *p, char **ppBuf) {
  Value v = *p;
  v.flags = 0;
  char *z = *ppBuf;
  switch (p->type) {
    case VAL_STRING:
      memcpy(z, p->u.z, p->n);
      z[p->n] = 0;
      v.u.z = z;
      *ppBuf += valueAlign(p->n + 1);
      break;
    case VAL_LIST:
    case VAL_PATH: {
      Value *a = (Value *)z;
      *ppBuf += valueAlign(sizeof(Value) * p->n);
      for (uint32_t i = 0; i < p->n; i++) a[i] = valueDeepCopyInto(&p->u.a[i], ppBuf);
      v.u.a = p->n ? a : NULL;
      break;
    }
    case VAL_MAP: {
      MapEntry *m = (MapEntry *)z;
      *ppBuf += valueAlign(sizeof(MapEntry) * p->n);
      for (uint32_t i = 0; i < p->n; i++) {
        char *zKey = *ppBuf;
        memcpy(zKey, p->u.m[i].zKey, p->u.m[i].nKey);
        zKey[p->u.m[i].nKey] = 0;
        *ppBuf += valueAlign(p->u.m[i].nKey + 1);
        m[i].zKey = zKey;
        m[i].nKey = p->u.m[i].nKey;
        m[i].v = valueDeepCopyInto(&p->u.m[i].v, ppBuf);
      }
      v.u.m = p->n ? m : NULL;
      break;
    }
    case VAL_POINT: {
      Point *pPt = (Point *)z;
      *pPt = *p->u.pt;
      *ppBuf += valueAlign(sizeof(Point));
      v.u.pt = pPt;
      break;
    }
    default:
      if (value_is_temporal(p)) {
        Temporal *pT = (Temporal *)z;
        *pT = *p->u.t;
        *ppBuf += valueAlign(sizeof(Temporal));
        if (p->u.t->zZone) {
          size_t n = strlen(p->u.t->zZone);
          memcpy(*ppBuf, p->u.t->zZone, n + 1);
          pT->zZone = *ppBuf;
          *ppBuf += valueAlign(n + 1);
        }
        v.u.t = pT;
      }
      break;
  }
  return v;
}

Value value_heap_copy(const Value *p) {
  size_t n = valueDeepSize(p);
  if (n == 0) {
    Value v = *p;
    v.flags = 0;
    return v;
  }
  char *pBlock = tg_malloc(n);
  char *pCur = pBlock;
  Value v = valueDeepCopyInto(p, &pCur);
  assert((size_t)(pCur - pBlock) == n);
  v.flags = VALF_HEAP;
  return v;
}

void value_heap_free(Value *p) {
  if (p->flags & VALF_HEAP) {
    /* The block starts at the first out-of-line payload, which is the
    ** pointer stored in the value itself. */
    tg_free((void *)p->u.z);
  }
  *p = value_null();
}

size_t value_heap_size(const Value *p) { return valueDeepSize(p); }

/* ---- Names and number text ---------------------------------------------- */

const char *value_type_name(int type) {
  /* ORDER VALTYPE */
  static const char *const az[] = {
      "NULL",  "BOOLEAN", "INTEGER", "FLOAT",     "STRING",        "LIST",
      "MAP",   "NODE",    "RELATIONSHIP", "PATH", "DATE",          "LOCAL TIME",
      "ZONED TIME", "LOCAL DATETIME", "ZONED DATETIME", "DURATION", "POINT"};
  _Static_assert(sizeof(az) / sizeof(az[0]) == VAL__COUNT, "type names");
  if (type < 0 || type >= VAL__COUNT) return "UNKNOWN";
  return az[type];
}

void value_format_double(char *zBuf, size_t nBuf, double f) {
  if (isnan(f)) {
    snprintf(zBuf, nBuf, "NaN");
    return;
  }
  if (isinf(f)) {
    snprintf(zBuf, nBuf, f < 0 ? "-Infinity" : "Infinity");
    return;
  }
  /* Shortest scientific form that reads back exactly. */
  char zSci[40];
  for (int p = 0; p <= 17; p++) {
    snprintf(zSci, sizeof(zSci), "%.*e", p, f);
    if (strtod(zSci, NULL) == f) break;
  }
  /* Split "-d.ddde+XX" into sign, digits and exponent. */
  const char *z = zSci;
  bool bNeg = false;
  if (*z == '-') {
    bNeg = true;
    z++;
  }
  char aDigit[24];
  int nDigit = 0;
  while (*z && *z != 'e') {
    if (*z != '.') aDigit[nDigit++] = *z;
    z++;
  }
  int iExp = (*z == 'e') ? atoi(z + 1) : 0;
  while (nDigit > 1 && aDigit[nDigit - 1] == '0') nDigit--;
  char *zOut = zBuf;
  char *zEnd = zBuf + nBuf - 1;
#define VALUE_PUT(c) do { if (zOut < zEnd) *zOut++ = (c); } while (0)
  if (bNeg) VALUE_PUT('-');
  if (iExp >= -5 && iExp < 16) {
    if (iExp < 0) {
      VALUE_PUT('0');
      VALUE_PUT('.');
      for (int i = -1; i > iExp; i--) VALUE_PUT('0');
      for (int i = 0; i < nDigit; i++) VALUE_PUT(aDigit[i]);
    } else {
      for (int i = 0; i <= iExp; i++) VALUE_PUT(i < nDigit ? aDigit[i] : '0');
      VALUE_PUT('.');
      if (nDigit > iExp + 1) {
        for (int i = iExp + 1; i < nDigit; i++) VALUE_PUT(aDigit[i]);
      } else {
        VALUE_PUT('0');
      }
    }
    *zOut = 0;
  } else {
    VALUE_PUT(aDigit[0]);
    VALUE_PUT('.');
    if (nDigit > 1) {
      for (int i = 1; i < nDigit; i++) VALUE_PUT(aDigit[i]);
    } else {
      VALUE_PUT('0');
    }
    *zOut = 0;
    size_t nUsed = (size_t)(zOut - zBuf);
    snprintf(zOut, nBuf - nUsed, "e%d", iExp);
  }
#undef VALUE_PUT
}
