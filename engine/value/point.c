/*
** point.c — spatial values: the four coordinate reference systems,
** comparison, text forms, components, point() from a map, distance and
** bounding boxes (see point.h for the rules).
*/
#include "value/point.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "base/htab.h"

static const PointCrs aPointCrs[] = {
    {POINT_SRID_WGS84, 2, true, "wgs-84"},
    {POINT_SRID_WGS84_3D, 3, true, "wgs-84-3d"},
    {POINT_SRID_CARTESIAN, 2, false, "cartesian"},
    {POINT_SRID_CARTESIAN_3D, 3, false, "cartesian-3d"},
};

const PointCrs *point_crs_by_srid(int64_t srid) {
  for (size_t i = 0; i < ARRAY_SIZE(aPointCrs); i++) {
    if (aPointCrs[i].srid == srid) return &aPointCrs[i];
  }
  return NULL;
}

const PointCrs *point_crs_by_name(const char *z, size_t n) {
  for (size_t i = 0; i < ARRAY_SIZE(aPointCrs); i++) {
    if (strlen(aPointCrs[i].zName) == n && strncasecmp(aPointCrs[i].zName, z, n) == 0) {
      return &aPointCrs[i];
    }
  }
  /* The manual also writes the 2D geographic CRS as 'WGS-84-2D'. */
  if (n == 9 && strncasecmp(z, "wgs-84-2d", 9) == 0) return &aPointCrs[0];
  return NULL;
}

Value point_value(Arena *pA, const Point *p) {
  Point *pCopy = arena_alloc(pA, sizeof(Point));
  *pCopy = *p;
  Value v = {0};
  v.type = VAL_POINT;
  v.u.pt = pCopy;
  return v;
}

/* Longitudes outside -180..180 are wrapped around into it, as Neo4j does. */
static double pointWrapLongitude(double x) {
  if (!(x < -180.0 || x > 180.0) || !isfinite(x)) return x;
  double r = fmod(x + 180.0, 360.0);
  if (r < 0) r += 360.0;
  return r - 180.0;
}

const char *point_check(Point *p, char *zBuf, size_t nBuf) {
  const PointCrs *pCrs = point_crs_by_srid(p->srid);
  if (pCrs == NULL) return "unknown coordinate reference system";
  if (pCrs->nDim != p->nDim) return "wrong number of coordinates for its coordinate reference system";
  if (pCrs->nDim == 2) p->a[2] = 0;
  if (pCrs->bGeographic) {
    p->a[0] = pointWrapLongitude(p->a[0]);
    if (!(p->a[1] >= -90.0 && p->a[1] <= 90.0)) {
      char zX[40], zY[40];
      value_format_double(zX, sizeof(zX), p->a[0]);
      value_format_double(zY, sizeof(zY), p->a[1]);
      snprintf(zBuf, nBuf,
               "Cannot create WGS84 point with invalid coordinate: [%s, %s]. Valid range for Y "
               "coordinate is [-90, 90].",
               zX, zY);
      return zBuf;
    }
  }
  return NULL;
}

/* ---- Rules ------------------------------------------------------------- */

bool point_equals(const Point *a, const Point *b) {
  if (a->srid != b->srid) return false;
  for (int i = 0; i < a->nDim; i++) {
    if (!(a->a[i] == b->a[i])) return false;
  }
  return true;
}

/* Doubles in a total order: NaN after every number. */
static int pointCmpDouble(double x, double y) {
  bool bNanX = isnan(x), bNanY = isnan(y);
  if (bNanX || bNanY) return (int)bNanX - (int)bNanY;
  return x < y ? -1 : x > y;
}

int point_compare(const Point *a, const Point *b) {
  if (a->srid != b->srid) return a->srid < b->srid ? -1 : 1;
  for (int i = 0; i < a->nDim; i++) {
    int c = pointCmpDouble(a->a[i], b->a[i]);
    if (c) return c;
  }
  return 0;
}

uint64_t point_hash(const Point *p) {
  uint64_t h = htab_hash_u64(0x706f696e74ULL + (uint64_t)p->srid);
  for (int i = 0; i < p->nDim; i++) {
    double f = p->a[i] == 0 ? 0.0 : p->a[i];   /* -0.0 equals 0.0 */
    uint64_t bits;
    memcpy(&bits, &f, sizeof(bits));
    h = htab_hash_combine(h, htab_hash_u64(bits));
  }
  return h;
}

/* ---- Text ---------------------------------------------------------------- */

void point_format(StrBuf *pOut, const Point *p) {
  static const char *const azKey[] = {"x", "y", "z"};
  char z[40];
  strbuf_puts(pOut, "point({");
  for (int i = 0; i < p->nDim; i++) {
    value_format_double(z, sizeof(z), p->a[i]);
    strbuf_printf(pOut, "%s: %s, ", azKey[i], z);
  }
  const PointCrs *pCrs = point_crs(p);
  strbuf_printf(pOut, "crs: '%s'})", pCrs ? pCrs->zName : "?");
}

void point_format_wkt(StrBuf *pOut, const Point *p) {
  char z[40];
  strbuf_printf(pOut, "SRID=%d;POINT%s (", (int)p->srid, p->nDim == 3 ? " Z" : "");
  for (int i = 0; i < p->nDim; i++) {
    value_format_double(z, sizeof(z), p->a[i]);
    if (i) strbuf_putc(pOut, ' ');
    strbuf_puts(pOut, z);
  }
  strbuf_putc(pOut, ')');
}

/* Skips spaces in z[*pi..n). */
static void pointSkipSpace(const char *z, size_t n, size_t *pi) {
  while (*pi < n && z[*pi] == ' ') (*pi)++;
}

/* Takes the word zWord (any case) at z[*pi]. */
static bool pointTakeWord(const char *z, size_t n, size_t *pi, const char *zWord) {
  size_t m = strlen(zWord);
  if (n - *pi < m || strncasecmp(z + *pi, zWord, m) != 0) return false;
  *pi += m;
  return true;
}

/* Takes a number (digits, sign, point, exponent, or NaN/Infinity). */
static bool pointTakeNumber(const char *z, size_t n, size_t *pi, double *pf) {
  char aBuf[64];
  size_t j = *pi, k = 0;
  while (j < n && k + 1 < sizeof(aBuf) && z[j] != ' ' && z[j] != ')' && z[j] != ';') {
    aBuf[k++] = z[j++];
  }
  aBuf[k] = 0;
  if (k == 0 || (j < n && k + 1 >= sizeof(aBuf))) return false;
  char *zEnd = NULL;
  if (strcmp(aBuf, "NaN") == 0) {
    *pf = NAN;
  } else if (strcmp(aBuf, "Infinity") == 0) {
    *pf = INFINITY;
  } else if (strcmp(aBuf, "-Infinity") == 0) {
    *pf = -INFINITY;
  } else {
    if (strspn(aBuf, "0123456789+-.eE") != k) return false;
    *pf = strtod(aBuf, &zEnd);
    if (zEnd == NULL || *zEnd != 0) return false;
  }
  *pi = j;
  return true;
}

bool point_parse_wkt(const char *z, size_t n, Point *pOut) {
  size_t i = 0;
  memset(pOut, 0, sizeof(*pOut));
  pointSkipSpace(z, n, &i);
  if (!pointTakeWord(z, n, &i, "SRID=")) return false;
  int64_t srid = 0;
  size_t iStart = i;
  while (i < n && z[i] >= '0' && z[i] <= '9' && i - iStart < 6) srid = srid * 10 + (z[i++] - '0');
  if (i == iStart || i >= n || z[i] != ';') return false;
  i++;
  pointSkipSpace(z, n, &i);
  if (!pointTakeWord(z, n, &i, "POINT")) return false;
  pointSkipSpace(z, n, &i);
  int nDim = 2;
  if (pointTakeWord(z, n, &i, "Z")) {
    nDim = 3;
    pointSkipSpace(z, n, &i);
  }
  if (i >= n || z[i] != '(') return false;
  i++;
  for (int d = 0; d < nDim; d++) {
    pointSkipSpace(z, n, &i);
    if (!pointTakeNumber(z, n, &i, &pOut->a[d])) return false;
  }
  pointSkipSpace(z, n, &i);
  if (i >= n || z[i] != ')') return false;
  i++;
  pointSkipSpace(z, n, &i);
  if (i != n) return false;
  pOut->srid = (int32_t)srid;
  pOut->nDim = nDim;
  return true;
}

/* ---- neo4j-admin's map text ------------------------------------------------ */

/* Most entries the map text of a point may have. */
#define POINT_MAX_TEXT_KEYS 16

bool point_parse_map_text(Arena *pA, const char *z, size_t n, Value *pMap, char *zErr, size_t nErr) {
  MapEntry aEntry[POINT_MAX_TEXT_KEYS];
  uint32_t nEntry = 0;
  size_t i = 0;
  pointSkipSpace(z, n, &i);
  if (i >= n || z[i] != '{') {
    snprintf(zErr, nErr, "a point is written {x:1.0, y:2.0} or {latitude:55.6, longitude:13.0}");
    return false;
  }
  i++;
  pointSkipSpace(z, n, &i);
  while (i < n && z[i] != '}') {
    if (nEntry == POINT_MAX_TEXT_KEYS) {
      snprintf(zErr, nErr, "a point has at most %d keys", POINT_MAX_TEXT_KEYS);
      return false;
    }
    size_t iKey = i;
    while (i < n && (z[i] == '_' || (z[i] >= 'a' && z[i] <= 'z') || (z[i] >= 'A' && z[i] <= 'Z') ||
                     (z[i] >= '0' && z[i] <= '9'))) {
      i++;
    }
    size_t nKey = i - iKey;
    pointSkipSpace(z, n, &i);
    if (nKey == 0 || i >= n || z[i] != ':') {
      snprintf(zErr, nErr, "a point's keys are names followed by ':'");
      return false;
    }
    i++;
    pointSkipSpace(z, n, &i);
    Value v;
    if (i < n && (z[i] == '\'' || z[i] == '"')) {
      char q = z[i++];
      size_t iVal = i;
      while (i < n && z[i] != q) i++;
      if (i >= n) {
        snprintf(zErr, nErr, "unterminated quoted value in a point");
        return false;
      }
      v = value_str_copy(pA, z + iVal, i - iVal);
      i++;
    } else {
      size_t iVal = i;
      while (i < n && z[i] != ',' && z[i] != '}') i++;
      size_t nVal = i;
      while (nVal > iVal && z[nVal - 1] == ' ') nVal--;
      char aBuf[64];
      size_t m = nVal - iVal;
      if (m == 0) {
        snprintf(zErr, nErr, "a point's key '%.*s' has no value", (int)TG_MIN(nKey, 40u), z + iKey);
        return false;
      }
      char *zEnd = NULL;
      if (m < sizeof(aBuf)) {
        memcpy(aBuf, z + iVal, m);
        aBuf[m] = 0;
        if (strcmp(aBuf, "NaN") == 0 || strcmp(aBuf, "Infinity") == 0 || strcmp(aBuf, "-Infinity") == 0) {
          zEnd = aBuf + m;
          v = value_float(aBuf[0] == 'N' ? NAN : aBuf[0] == '-' ? -INFINITY : INFINITY);
        } else if (strspn(aBuf, "0123456789+-") == m) {
          long long x = strtoll(aBuf, &zEnd, 10);
          if (*zEnd == 0) v = value_int(x);
        } else if (strspn(aBuf, "0123456789+-.eE") == m) {
          double f = strtod(aBuf, &zEnd);
          if (*zEnd == 0) v = value_float(f);
        }
      }
      if (zEnd == NULL || *zEnd != 0) v = value_str_copy(pA, z + iVal, m);
    }
    for (uint32_t k = 0; k < nEntry; k++) {
      if (aEntry[k].nKey == nKey && memcmp(aEntry[k].zKey, z + iKey, nKey) == 0) {
        snprintf(zErr, nErr, "a point's key '%.*s' appears twice", (int)TG_MIN(nKey, 40u), z + iKey);
        return false;
      }
    }
    aEntry[nEntry].zKey = value_str_copy(pA, z + iKey, nKey).u.z;
    aEntry[nEntry].nKey = (uint32_t)nKey;
    aEntry[nEntry].v = v;
    nEntry++;
    pointSkipSpace(z, n, &i);
    if (i < n && z[i] == ',') {
      i++;
      pointSkipSpace(z, n, &i);
    } else if (i >= n || z[i] != '}') {
      snprintf(zErr, nErr, "expected ',' or '}' in a point");
      return false;
    }
  }
  if (i >= n) {
    snprintf(zErr, nErr, "a point's text ends without '}'");
    return false;
  }
  i++;
  pointSkipSpace(z, n, &i);
  if (i != n) {
    snprintf(zErr, nErr, "text after the '}' of a point");
    return false;
  }
  *pMap = value_map_new(pA, nEntry);
  if (nEntry) memcpy(pMap->u.m, aEntry, sizeof(MapEntry) * nEntry);
  return true;
}

void point_format_map_text(StrBuf *pOut, const Point *p) {
  static const char *const azKey[] = {"x", "y", "z"};
  char z[40];
  strbuf_putc(pOut, '{');
  for (int i = 0; i < p->nDim; i++) {
    value_format_double(z, sizeof(z), p->a[i]);
    strbuf_printf(pOut, "%s:%s, ", azKey[i], z);
  }
  const PointCrs *pCrs = point_crs(p);
  strbuf_printf(pOut, "crs:%s}", pCrs ? pCrs->zName : "");
}

/* ---- Components ---------------------------------------------------------- */

bool point_component(Arena *pA, const Point *p, const char *zKey, uint32_t nKey, Value *pOut,
                     char *zErr, size_t nErr) {
  static const struct {
    const char *zName;
    int iCoord;        /* coordinate index, -1 crs, -2 srid */
    bool bGeographic;  /* only on WGS-84 points */
  } aField[] = {
      {"x", 0, false},         {"y", 1, false},        {"z", 2, false},
      {"longitude", 0, true},  {"latitude", 1, true},  {"height", 2, true},
      {"crs", -1, false},      {"srid", -2, false},
  };
  const PointCrs *pCrs = point_crs(p);
  for (size_t i = 0; i < ARRAY_SIZE(aField); i++) {
    if (strlen(aField[i].zName) != nKey || memcmp(aField[i].zName, zKey, nKey) != 0) continue;
    int iCoord = aField[i].iCoord;
    if (iCoord == -1) {
      *pOut = value_cstr(pA, pCrs ? pCrs->zName : "");
      return true;
    }
    if (iCoord == -2) {
      *pOut = value_int(p->srid);
      return true;
    }
    const char *zWhy = NULL;
    if (aField[i].bGeographic && !(pCrs && pCrs->bGeographic)) {
      zWhy = "cartesian point";
    } else if (iCoord >= p->nDim) {
      zWhy = "point";
    }
    if (zWhy) {
      StrBuf text;
      strbuf_init(&text);
      point_format(&text, p);
      snprintf(zErr, nErr, "Field: %s is not available on %s: %s", aField[i].zName, zWhy,
               text.z ? text.z : "");
      strbuf_free(&text);
      return false;
    }
    *pOut = value_float(p->a[iCoord]);
    return true;
  }
  snprintf(zErr, nErr, "No such field: %.*s", (int)TG_MIN(nKey, 100u), zKey);
  return false;
}

/* ---- point(map) ------------------------------------------------------------ */

/* A key point() reads. */
enum { PK_X, PK_Y, PK_Z, PK_LONGITUDE, PK_LATITUDE, PK_HEIGHT, PK_CRS, PK_SRID, PK__COUNT };

bool point_from_map(const Value *pMap, Point *pOut, bool *pbNull, char *zErr, size_t nErr) {
  static const char *const azKey[PK__COUNT] = {"x", "y", "z", "longitude", "latitude",
                                               "height", "crs", "srid"};
  const Value *ap[PK__COUNT];
  *pbNull = false;
  memset(pOut, 0, sizeof(*pOut));
  for (int k = 0; k < PK__COUNT; k++) {
    ap[k] = value_map_get(pMap, azKey[k], (uint32_t)strlen(azKey[k]));
    if (ap[k] && ap[k]->type == VAL_NULL) {
      *pbNull = true;   /* a null component makes a null point */
      return true;
    }
  }
  for (int k = PK_X; k <= PK_HEIGHT; k++) {
    if (ap[k] && !value_is_number(ap[k])) {
      snprintf(zErr, nErr, "point(): '%s' must be a number, not %s", azKey[k],
               value_type_name(ap[k]->type));
      return false;
    }
  }
  /* The coordinates: x|longitude, y|latitude, z|height. */
  static const int aPair[3][2] = {{PK_X, PK_LONGITUDE}, {PK_Y, PK_LATITUDE}, {PK_Z, PK_HEIGHT}};
  bool bGeoKeys = ap[PK_LONGITUDE] || ap[PK_LATITUDE] || ap[PK_HEIGHT];
  int nDim = 0;
  for (int d = 0; d < 3; d++) {
    const Value *pA = ap[aPair[d][0]], *pB = ap[aPair[d][1]];
    if (pA && pB) {
      snprintf(zErr, nErr, "point(): cannot specify both '%s' and '%s'", azKey[aPair[d][0]],
               azKey[aPair[d][1]]);
      return false;
    }
    const Value *p = pA ? pA : pB;
    if (p) {
      pOut->a[d] = value_as_double(p);
      if (d < 2) nDim++;
    }
  }
  if (nDim < 2) {
    snprintf(zErr, nErr,
             "A point must contain either 'x' and 'y' or 'latitude' and 'longitude'");
    return false;
  }
  if (ap[PK_Z] || ap[PK_HEIGHT]) nDim = 3;
  if (bGeoKeys && (ap[PK_X] || ap[PK_Y])) {
    snprintf(zErr, nErr, "point(): cannot mix 'x' and 'y' with 'longitude' and 'latitude'");
    return false;
  }
  /* The CRS: named, numbered, or implied by the keys and the dimensions. */
  const PointCrs *pCrs = NULL;
  if (ap[PK_CRS] && ap[PK_SRID]) {
    snprintf(zErr, nErr, "Cannot specify both CRS and SRID");
    return false;
  }
  if (ap[PK_CRS]) {
    if (ap[PK_CRS]->type != VAL_STRING) {
      snprintf(zErr, nErr, "point(): 'crs' must be a string, not %s",
               value_type_name(ap[PK_CRS]->type));
      return false;
    }
    pCrs = point_crs_by_name(ap[PK_CRS]->u.z, ap[PK_CRS]->n);
    if (pCrs == NULL) {
      snprintf(zErr, nErr, "Unknown coordinate reference system: %.*s",
               (int)TG_MIN(ap[PK_CRS]->n, 100u), ap[PK_CRS]->u.z);
      return false;
    }
  } else if (ap[PK_SRID]) {
    if (ap[PK_SRID]->type != VAL_INT) {
      snprintf(zErr, nErr, "point(): 'srid' must be an integer, not %s",
               value_type_name(ap[PK_SRID]->type));
      return false;
    }
    pCrs = point_crs_by_srid(ap[PK_SRID]->u.i);
    if (pCrs == NULL) {
      snprintf(zErr, nErr, "Unknown coordinate reference system: code=%lld",
               (long long)ap[PK_SRID]->u.i);
      return false;
    }
  } else if (bGeoKeys) {
    pCrs = point_crs_by_srid(nDim == 3 ? POINT_SRID_WGS84_3D : POINT_SRID_WGS84);
  } else {
    pCrs = point_crs_by_srid(nDim == 3 ? POINT_SRID_CARTESIAN_3D : POINT_SRID_CARTESIAN);
  }
  if (bGeoKeys && !pCrs->bGeographic) {
    snprintf(zErr, nErr, "Geographic points does not support coordinate reference system: %s",
             pCrs->zName);
    return false;
  }
  if (pCrs->nDim != nDim) {
    snprintf(zErr, nErr, "Cannot create point with %dD coordinate reference system and %d coordinates",
             pCrs->nDim, nDim);
    return false;
  }
  pOut->srid = pCrs->srid;
  pOut->nDim = nDim;
  const char *zWhy = point_check(pOut, zErr, nErr);
  if (zWhy && zWhy != zErr) snprintf(zErr, nErr, "%s", zWhy);
  return zWhy == NULL;
}

/* ---- Distance and boxes ------------------------------------------------- */

/* Great-circle distance by the haversine formula on a sphere of radius r. */
static double pointHaversine(const Point *a, const Point *b, double r) {
  const double k = 3.14159265358979323846 / 180.0;
  double lat1 = a->a[1] * k, lat2 = b->a[1] * k;
  double dLat = lat2 - lat1, dLon = b->a[0] * k - a->a[0] * k;
  double s1 = sin(dLat / 2), s2 = sin(dLon / 2);
  double h = s1 * s1 + cos(lat1) * cos(lat2) * s2 * s2;
  return 2 * r * atan2(sqrt(h), sqrt(1 - h));
}

bool point_distance(const Point *a, const Point *b, double *pDist) {
  if (a->srid != b->srid) return false;
  const PointCrs *pCrs = point_crs(a);
  if (pCrs && pCrs->bGeographic) {
    if (a->nDim == 2) {
      *pDist = pointHaversine(a, b, POINT_EARTH_RADIUS);
    } else {
      double d = pointHaversine(a, b, POINT_EARTH_RADIUS + (a->a[2] + b->a[2]) / 2);
      double dz = b->a[2] - a->a[2];
      *pDist = sqrt(d * d + dz * dz);
    }
    return true;
  }
  double sum = 0;
  for (int i = 0; i < a->nDim; i++) {
    double d = b->a[i] - a->a[i];
    sum += d * d;
  }
  *pDist = sqrt(sum);
  return true;
}

bool point_within_bbox(const Point *p, const Point *pLow, const Point *pHigh, bool *pbIn) {
  if (p->srid != pLow->srid || p->srid != pHigh->srid) return false;
  const PointCrs *pCrs = point_crs(p);
  bool bIn = true;
  for (int i = 0; i < p->nDim && bIn; i++) {
    double v = p->a[i], lo = pLow->a[i], hi = pHigh->a[i];
    if (i == 0 && pCrs && pCrs->bGeographic && lo > hi) {
      bIn = v >= lo || v <= hi;   /* the box crosses the 180th meridian */
    } else {
      bIn = v >= lo && v <= hi;
    }
  }
  *pbIn = bIn;
  return true;
}
