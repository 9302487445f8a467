/*
** codec.c — binary encoding of integers, strings and values (codec.h).
*/
#include "store/codec.h"

#include "base/tzdb.h"
#include "base/utf8.h"
#include "value/point.h"
#include "value/temporal.h"

void codec_put_u8(StrBuf *p, uint8_t x) { strbuf_append(p, (const char *)&x, 1); }
void codec_put_u32(StrBuf *p, uint32_t x) { strbuf_append(p, (const char *)&x, 4); }
void codec_put_u64(StrBuf *p, uint64_t x) { strbuf_append(p, (const char *)&x, 8); }

void codec_put_str(StrBuf *p, const char *z, uint32_t n) {
  codec_put_u32(p, n);
  strbuf_append(p, z, n);
}

void codec_put_value(StrBuf *p, const Value *pVal) {
  codec_put_u8(p, pVal->type);
  switch (pVal->type) {
    case VAL_BOOL: codec_put_u8(p, pVal->u.b ? 1 : 0); break;
    case VAL_INT: codec_put_u64(p, (uint64_t)pVal->u.i); break;
    case VAL_FLOAT: strbuf_append(p, (const char *)&pVal->u.f, 8); break;
    case VAL_STRING: codec_put_str(p, pVal->u.z, pVal->n); break;
    case VAL_LIST:
      codec_put_u32(p, pVal->n);
      for (uint32_t i = 0; i < pVal->n; i++) codec_put_value(p, &pVal->u.a[i]);
      break;
    case VAL_MAP:
      codec_put_u32(p, pVal->n);
      for (uint32_t i = 0; i < pVal->n; i++) {
        codec_put_str(p, pVal->u.m[i].zKey, pVal->u.m[i].nKey);
        codec_put_value(p, &pVal->u.m[i].v);
      }
      break;
    case VAL_DATE:
    case VAL_LOCALTIME:
    case VAL_TIME:
    case VAL_LOCALDATETIME:
    case VAL_DATETIME:
    case VAL_DURATION: {
      const Temporal *t = pVal->u.t;
      codec_put_u64(p, (uint64_t)t->months);
      codec_put_u64(p, (uint64_t)t->days);
      codec_put_u64(p, (uint64_t)t->seconds);
      codec_put_u32(p, (uint32_t)t->nanos);
      codec_put_u32(p, (uint32_t)t->offset);
      codec_put_str(p, t->zZone ? t->zZone : "", t->zZone ? (uint32_t)strlen(t->zZone) : 0);
      break;
    }
    case VAL_POINT: {
      /* srid, then its 2 or 3 coordinates as IEEE doubles */
      const Point *pt = pVal->u.pt;
      codec_put_u32(p, (uint32_t)pt->srid);
      for (int i = 0; i < pt->nDim; i++) strbuf_append(p, (const char *)&pt->a[i], 8);
      break;
    }
    default:
      break;   /* null, and graph entities, which are never stored */
  }
}

/* Takes n bytes, or marks the reader bad and returns NULL. */
static const uint8_t *codecTake(ByteReader *r, size_t n) {
  if (r->bBad || n > r->n - r->i) {
    r->bBad = true;
    return NULL;
  }
  const uint8_t *p = r->p + r->i;
  r->i += n;
  return p;
}

uint8_t codec_u8(ByteReader *r) {
  const uint8_t *p = codecTake(r, 1);
  return p ? p[0] : 0;
}

uint32_t codec_u32(ByteReader *r) {
  uint32_t x = 0;
  const uint8_t *p = codecTake(r, 4);
  if (p) memcpy(&x, p, 4);
  return x;
}

uint64_t codec_u64(ByteReader *r) {
  uint64_t x = 0;
  const uint8_t *p = codecTake(r, 8);
  if (p) memcpy(&x, p, 8);
  return x;
}

const char *codec_str(ByteReader *r, uint32_t *pn) {
  uint32_t n = codec_u32(r);
  const uint8_t *p = codecTake(r, n);
  *pn = 0;
  if (p == NULL || !utf8_valid((const char *)p, n) || memchr(p, 0, n)) {
    r->bBad = true;
    return NULL;
  }
  *pn = n;
  return (const char *)p;
}

/* A temporal payload, checked to lie within the ranges the engine makes. */
static Value codecTemporal(ByteReader *r, Arena *pA, int type) {
  Temporal t = {0};
  t.months = (int64_t)codec_u64(r);
  t.days = (int64_t)codec_u64(r);
  t.seconds = (int64_t)codec_u64(r);
  t.nanos = (int32_t)codec_u32(r);
  t.offset = (int32_t)codec_u32(r);
  uint32_t nZone;
  const char *zZone = codec_str(r, &nZone);
  if (r->bBad) return value_null();
  bool bOk = t.nanos >= 0 && t.nanos <= 999999999 && t.offset >= -18 * 3600 && t.offset <= 18 * 3600;
  if (type != VAL_DURATION) {
    bOk = bOk && t.months == 0 && t.seconds >= 0 && t.seconds < 86400 &&
          t.days >= tzdb_min_days() - 2 && t.days <= tzdb_max_days() + 2;
  }
  char *z = NULL;
  if (nZone) {
    z = arena_alloc(pA, nZone + 1);
    memcpy(z, zZone, nZone);
    z[nZone] = 0;
    bOk = bOk && type == VAL_DATETIME && tzdb_find(z) != NULL;
  }
  if (!bOk) {
    r->bBad = true;
    return value_null();
  }
  t.zZone = z;
  return temporal_value(pA, type, &t);
}

/* A point payload: a known srid and as many coordinates as it has. */
static Value codecPoint(ByteReader *r, Arena *pA) {
  Point pt;
  memset(&pt, 0, sizeof(pt));
  pt.srid = (int32_t)codec_u32(r);
  const PointCrs *pCrs = point_crs_by_srid(pt.srid);
  char zErr[200];
  if (pCrs == NULL) {
    r->bBad = true;
    return value_null();
  }
  pt.nDim = pCrs->nDim;
  for (int i = 0; i < pt.nDim; i++) {
    uint64_t x = codec_u64(r);
    memcpy(&pt.a[i], &x, 8);
  }
  if (r->bBad || point_check(&pt, zErr, sizeof(zErr)) != NULL) {
    r->bBad = true;
    return value_null();
  }
  return point_value(pA, &pt);
}

/* codec_value at nesting level iDepth (lists and maps count). */
static Value codecValue(ByteReader *r, Arena *pA, uint32_t iDepth) {
  uint8_t type = codec_u8(r);
  Value v = value_null();
  switch (type) {
    case VAL_BOOL: {
      uint8_t b = codec_u8(r);
      if (b > 1) r->bBad = true;
      return value_bool(b == 1);
    }
    case VAL_INT: return value_int((int64_t)codec_u64(r));
    case VAL_FLOAT: {
      uint64_t x = codec_u64(r);
      double f;
      memcpy(&f, &x, 8);
      return value_float(f);
    }
    case VAL_STRING: {
      uint32_t n;
      const char *z = codec_str(r, &n);
      return z ? value_str_copy(pA, z, n) : value_null();
    }
    case VAL_LIST:
    case VAL_MAP: {
      uint32_t n = codec_u32(r);
      /* Each item takes at least one byte: a count beyond the bytes left is
      ** a lie, refused before anything is allocated for it. */
      if (iDepth >= VALUE_MAX_DEPTH || n > r->n - r->i || n > VALUE_MAX_LIST) {
        r->bBad = true;
        return value_null();
      }
      v = type == VAL_LIST ? value_list_new(pA, n) : value_map_new(pA, n);
      for (uint32_t i = 0; i < n && !r->bBad; i++) {
        if (type == VAL_LIST) {
          v.u.a[i] = codecValue(r, pA, iDepth + 1);
        } else {
          uint32_t nKey;
          const char *zKey = codec_str(r, &nKey);
          if (zKey == NULL) break;
          Value k = value_str_copy(pA, zKey, nKey);
          v.u.m[i].zKey = k.u.z;
          v.u.m[i].nKey = nKey;
          v.u.m[i].v = codecValue(r, pA, iDepth + 1);
        }
      }
      if (r->bBad || !value_seal_depth(&v)) {
        r->bBad = true;
        return value_null();
      }
      return v;
    }
    case VAL_DATE:
    case VAL_LOCALTIME:
    case VAL_TIME:
    case VAL_LOCALDATETIME:
    case VAL_DATETIME:
    case VAL_DURATION:
      return codecTemporal(r, pA, type);
    case VAL_POINT: return codecPoint(r, pA);
    default:
      r->bBad = true;
      return value_null();
  }
}

Value codec_value(ByteReader *r, Arena *pA) {
  Value v = codecValue(r, pA, 0);
  return r->bBad ? value_null() : v;
}
