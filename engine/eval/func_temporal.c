/*
** func_temporal.c — the temporal functions: date(), localtime(), time(),
** localdatetime(), datetime() and duration(), each from nothing (the
** statement clock), an ISO 8601 string, a map of components or another
** temporal value; their .statement(), .transaction() and .realtime()
** clocks; X.truncate(); datetime.fromepoch() and fromepochmillis(); and
** duration.between(), inMonths(), inDays() and inSeconds().
**
** Every constructor goes through one intermediate form, TemporalParts: a
** local date and/or wall-clock time plus an optional zone (a fixed offset
** or a named IANA zone). Strings, maps and other temporals are turned
** into TemporalParts, and funcTemporalValue() makes the Temporal record
** from it, resolving a named zone's offset for the local date-time (gaps
** move later, overlaps keep the previous offset or take the earlier one,
** as java.time does).
**
** Map semantics follow the openCypher TCK: {date: x}, {time: x} and
** {datetime: x} select parts of another value and the other keys override
** its components (year, month, day, week, dayOfWeek, ordinalDay, quarter,
** dayOfQuarter, hour ... nanosecond). A timezone key converts a value that
** already has a zone to the same instant in the new zone, and attaches a
** zone to one that has none; in X.truncate() it always attaches.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "eval/func.h"
#include "value/temporal.h"
#include "value/temporal_parse.h"
#include "base/tzdb.h"

#define NANOS_PER_SEC TZDB_NANOS_PER_SEC
#define SECS_PER_DAY TZDB_SECS_PER_DAY

/* ==== Intermediate form ================================================= */

/* TemporalZone.eKind */
#define FTZ_NONE 0     /* local: no zone */
#define FTZ_OFFSET 1   /* a fixed offset */
#define FTZ_NAMED 2    /* a named zone */

/* A zone as given by a timezone string or carried by a value. */
typedef struct TemporalZone {
  int eKind;              /* FTZ_* */
  int32_t offset;         /* FTZ_OFFSET: the offset */
  const TzZone *pZone;    /* FTZ_NAMED: the zone (lives in the tzdb cache) */
} TemporalZone;

/* A temporal value under construction. */
typedef struct TemporalParts {
  bool bDate;             /* days is set */
  bool bTime;             /* sec and nanos are set */
  int64_t days;           /* local epoch days */
  int64_t sec;            /* local second of the day */
  int32_t nanos;          /* 0..999999999 */
  TemporalZone zone;      /* the zone */
  bool bOffset;           /* offset below is known (it is kept when valid) */
  int32_t offset;         /* the offset in force, when bOffset */
} TemporalParts;

/* ==== Errors ============================================================ */

/* Raises eId (whose format is "%s") with a printf-style message. */
static void funcTemporalError(FuncCtx *pCtx, ErrId eId, const char *zFmt, ...) TG_PRINTF(3, 4);
static void funcTemporalError(FuncCtx *pCtx, ErrId eId, const char *zFmt, ...) {
  char zMsg[300];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  func_error(pCtx, eId, zMsg);
}

static const char *funcTemporalTypeName(int type) {
  switch (type) {
    case VAL_DATE: return "date";
    case VAL_LOCALTIME: return "localtime";
    case VAL_TIME: return "time";
    case VAL_LOCALDATETIME: return "localdatetime";
    case VAL_DATETIME: return "datetime";
    default: return "duration";
  }
}

/* ==== Clocks and zones ================================================== */

/* The current instant: the statement clock, or the real one. */
static void funcTemporalNow(const FuncCtx *pCtx, bool bRealtime, int64_t *pSec, int32_t *pNanos) {
  int64_t ns = pCtx->iStmtTimeNs;
  if (bRealtime) {
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) == TIME_UTC) {
      *pSec = (int64_t)ts.tv_sec;
      *pNanos = (int32_t)ts.tv_nsec;
      return;
    }
  }
  *pSec = tzdb_floor_div(ns, NANOS_PER_SEC);
  *pNanos = (int32_t)tzdb_floor_mod(ns, NANOS_PER_SEC);
}

/* Case-insensitive equality of n bytes of z with the C string zLit. */
static bool funcTemporalEqualsNoCase(const char *z, size_t n, const char *zLit) {
  size_t i = 0;
  for (; i < n && zLit[i]; i++) {
    char a = z[i], b = zLit[i];
    if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
    if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
    if (a != b) return false;
  }
  return i == n && zLit[i] == 0;
}

/* Finds a named zone; raises an error when it is unknown. */
static bool funcTemporalNamedZone(FuncCtx *pCtx, const char *z, size_t n, TemporalZone *pZone) {
  char zName[80];
  if (n == 0 || n >= sizeof(zName)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "invalid time zone '%.*s'", (int)(n > 60 ? 60 : n),
                      z);
    return false;
  }
  memcpy(zName, z, n);
  zName[n] = 0;
  const TzZone *p = tzdb_find(zName);
  if (p == NULL) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "unknown time zone '%s'", zName);
    return false;
  }
  pZone->eKind = FTZ_NAMED;
  pZone->offset = 0;
  pZone->pZone = p;
  return true;
}

/* A timezone string: an offset (Z, +01:00, -0130 ...) or a zone name. */
static bool funcTemporalZoneFromString(FuncCtx *pCtx, const char *z, size_t n,
                                       TemporalZone *pZone) {
  int i = 0;
  int32_t off;
  if (temporal_parse_offset(z, (int)n, &i, &off) && (size_t)i == n) {
    pZone->eKind = FTZ_OFFSET;
    pZone->offset = off;
    pZone->pZone = NULL;
    return true;
  }
  if (n > 0 && (z[0] == '+' || z[0] == '-')) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "invalid time zone offset '%.*s'",
                      (int)(n > 60 ? 60 : n), z);
    return false;
  }
  return funcTemporalNamedZone(pCtx, z, n, pZone);
}

/* The session's default zone (FuncCtx.zLocalZone); UTC when unset. */
static void funcTemporalDefaultZone(const FuncCtx *pCtx, TemporalZone *pZone) {
  memset(pZone, 0, sizeof(*pZone));
  pZone->eKind = FTZ_OFFSET;
  const char *z = pCtx->zLocalZone;
  if (z == NULL || z[0] == 0 || strcmp(z, "UTC") == 0 || strcmp(z, "Z") == 0) return;
  int i = 0;
  int32_t off;
  int n = (int)strlen(z);
  if (temporal_parse_offset(z, n, &i, &off) && i == n) {
    pZone->offset = off;
    return;
  }
  const TzZone *p = tzdb_find(z);
  if (p) {
    pZone->eKind = FTZ_NAMED;
    pZone->pZone = p;
  }
}

/* Offset of a zone at instant iUtc. */
static int32_t funcTemporalZoneOffsetAt(const TemporalZone *pZone, int64_t iUtc) {
  if (pZone->eKind == FTZ_NAMED) return tzdb_offset_at(pZone->pZone, iUtc);
  return pZone->eKind == FTZ_OFFSET ? pZone->offset : 0;
}

/* The parts of an instant seen in a zone. */
static void funcTemporalPartsAtInstant(int64_t iUtc, int32_t nanos, const TemporalZone *pZone,
                                       TemporalParts *p) {
  memset(p, 0, sizeof(*p));
  int32_t off = funcTemporalZoneOffsetAt(pZone, iUtc);
  int64_t local = iUtc + off;
  p->bDate = p->bTime = true;
  p->days = tzdb_floor_div(local, SECS_PER_DAY);
  p->sec = tzdb_floor_mod(local, SECS_PER_DAY);
  p->nanos = nanos;
  p->zone = *pZone;
  p->bOffset = true;
  p->offset = off;
}

/* The current date and time in a zone. */
static void funcTemporalPartsNow(FuncCtx *pCtx, bool bRealtime, const TemporalZone *pZone,
                                 TemporalParts *p) {
  int64_t sec;
  int32_t nanos;
  funcTemporalNow(pCtx, bRealtime, &sec, &nanos);
  funcTemporalPartsAtInstant(sec, nanos, pZone, p);
}

/* The parts of a (non-duration) temporal value. */
static void funcTemporalPartsOf(const Value *v, TemporalParts *p) {
  const Temporal *t = v->u.t;
  memset(p, 0, sizeof(*p));
  p->bDate = v->type == VAL_DATE || v->type == VAL_LOCALDATETIME || v->type == VAL_DATETIME;
  p->bTime = v->type != VAL_DATE;
  p->days = p->bDate ? t->days : 0;
  p->sec = p->bTime ? t->seconds : 0;
  p->nanos = p->bTime ? t->nanos : 0;
  if (v->type == VAL_TIME || v->type == VAL_DATETIME) {
    p->zone.eKind = FTZ_OFFSET;
    p->zone.offset = t->offset;
    if (v->type == VAL_DATETIME && t->zZone) {
      const TzZone *pZone = tzdb_find(t->zZone);
      if (pZone) {
        p->zone.eKind = FTZ_NAMED;
        p->zone.pZone = pZone;
      }
    }
    p->bOffset = true;
    p->offset = t->offset;
  }
}

/*
** Makes the value of the given type from parts, resolving a named zone's
** offset for the local date-time. Raises an error (and returns false) when
** the date is out of range.
*/
static bool funcTemporalValue(FuncCtx *pCtx, int type, TemporalParts *p, Value *pOut) {
  Temporal t;
  memset(&t, 0, sizeof(t));
  if (type == VAL_DATETIME && p->zone.eKind == FTZ_NAMED) {
    int32_t off;
    int64_t utc = tzdb_local_to_utc(p->zone.pZone, p->days * SECS_PER_DAY + p->sec, p->bOffset,
                                    p->offset, &off);
    p->days = tzdb_floor_div(utc + off, SECS_PER_DAY);
    p->sec = tzdb_floor_mod(utc + off, SECS_PER_DAY);
    p->offset = off;
    t.zZone = tzdb_name(p->zone.pZone);
  } else if (p->zone.eKind == FTZ_OFFSET) {
    p->offset = p->zone.offset;
  } else if (type == VAL_TIME && p->zone.eKind == FTZ_NAMED && !p->bOffset) {
    /* A time has no date to resolve a named zone with: use today's offset. */
    int64_t sec;
    int32_t nanos;
    funcTemporalNow(pCtx, false, &sec, &nanos);
    p->offset = tzdb_offset_at(p->zone.pZone, sec);
  }
  if ((type == VAL_DATE || type == VAL_LOCALDATETIME || type == VAL_DATETIME) &&
      !temporal_days_ok(p->days)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE,
                      "%s is out of the supported range (years %lld..%lld)",
                      funcTemporalTypeName(type), TZDB_MIN_YEAR, TZDB_MAX_YEAR);
    return false;
  }
  switch (type) {
    case VAL_DATE: t.days = p->days; break;
    case VAL_LOCALTIME: t.seconds = p->sec; t.nanos = p->nanos; break;
    case VAL_TIME: t.seconds = p->sec; t.nanos = p->nanos; t.offset = p->offset; break;
    case VAL_LOCALDATETIME: t.days = p->days; t.seconds = p->sec; t.nanos = p->nanos; break;
    default:
      t.days = p->days;
      t.seconds = p->sec;
      t.nanos = p->nanos;
      t.offset = p->offset;
      break;
  }
  *pOut = temporal_value(pCtx->pArena, type, &t);
  return true;
}

/* ==== ISO 8601 strings ================================================== */

/*
** Parses the text of a date, localtime, time, localdatetime or datetime
** into parts, with the zone rules of each type. Raises an error on text
** that does not parse.
*/
static bool funcTemporalParseTemporal(FuncCtx *pCtx, int type, const char *z, int n,
                                      TemporalParts *p) {
  memset(p, 0, sizeof(*p));
  TemporalText txt;
  if (!temporal_parse_text(type, z, n, &txt)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "text cannot be parsed to a %s: '%.*s'",
                      funcTemporalTypeName(type), n > 80 ? 80 : n, z);
    return false;
  }
  p->bDate = type == VAL_DATE || type == VAL_LOCALDATETIME || type == VAL_DATETIME;
  p->bTime = type != VAL_DATE;
  p->days = txt.days;
  p->sec = txt.sec;
  p->nanos = txt.nanos;
  bool bZoneName = txt.zZone != NULL, bOffset = txt.bOffset;
  int32_t offset = txt.offset;
  if (type == VAL_TIME || type == VAL_DATETIME) {
    if (bZoneName) {
      if (!funcTemporalNamedZone(pCtx, txt.zZone, (size_t)txt.nZone, &p->zone)) return false;
      if (bOffset) {
        /* An offset and a zone: the offset fixes the instant. */
        TemporalZone zone = p->zone;
        int64_t utc = p->days * SECS_PER_DAY + p->sec - offset;
        funcTemporalPartsAtInstant(utc, p->nanos, &zone, p);
      }
    } else if (bOffset) {
      p->zone.eKind = FTZ_OFFSET;
      p->zone.offset = offset;
    } else {
      funcTemporalDefaultZone(pCtx, &p->zone);
    }
  }
  return true;
}

/* ==== Maps of components ================================================ */

/* Keys of a temporal map. ORDER FTF */
enum {
  FTF_YEAR, FTF_MONTH, FTF_DAY, FTF_WEEK, FTF_DAYOFWEEK, FTF_ORDINALDAY, FTF_QUARTER,
  FTF_DAYOFQUARTER,
  FTF_HOUR, FTF_MINUTE, FTF_SECOND, FTF_MILLISECOND, FTF_MICROSECOND, FTF_NANOSECOND,
  FTF_TIMEZONE, FTF_DATE, FTF_TIME, FTF_DATETIME, FTF_EPOCHSECONDS, FTF_EPOCHMILLIS,
  FTF__COUNT
};

/* ORDER FTF */
static const char *const azTemporalField[FTF__COUNT] = {
    "year", "month", "day", "week", "dayOfWeek", "ordinalDay", "quarter", "dayOfQuarter",
    "hour", "minute", "second", "millisecond", "microsecond", "nanosecond",
    "timezone", "date", "time", "datetime", "epochSeconds", "epochMillis",
};

/* The components given in a map. */
typedef struct TemporalFields {
  bool aHas[FTF__COUNT];          /* key present (and not null) */
  int64_t aInt[FTF__COUNT];       /* integer components */
  const Value *aVal[FTF__COUNT];  /* timezone, date, time, datetime */
} TemporalFields;

static bool funcTemporalAnyOf(const TemporalFields *f, int iFirst, int iLast) {
  for (int i = iFirst; i <= iLast; i++) {
    if (f->aHas[i]) return true;
  }
  return false;
}

/*
** Reads a map of components into *f, checking each key and value type.
** Keys match case-insensitively; null values count as absent.
*/
static bool funcTemporalCollect(FuncCtx *pCtx, const Value *pMap, TemporalFields *f) {
  memset(f, 0, sizeof(*f));
  for (uint32_t i = 0; i < pMap->n; i++) {
    const MapEntry *e = &pMap->u.m[i];
    int iField = -1;
    for (int j = 0; j < FTF__COUNT; j++) {
      if (funcTemporalEqualsNoCase(e->zKey, e->nKey, azTemporalField[j])) iField = j;
    }
    if (iField < 0) {
      funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "unknown temporal component '%.*s'", (int)e->nKey,
                        e->zKey);
      return false;
    }
    const Value *v = &e->v;
    if (v->type == VAL_NULL) continue;
    if (iField == FTF_TIMEZONE) {
      if (v->type != VAL_STRING) {
        funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "timezone must be a STRING, not %s",
                          value_type_name(v->type));
        return false;
      }
    } else if (iField == FTF_DATE || iField == FTF_TIME || iField == FTF_DATETIME) {
      if (!value_is_temporal(v) || v->type == VAL_DURATION) {
        funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "%s must be a temporal value, not %s",
                          azTemporalField[iField], value_type_name(v->type));
        return false;
      }
    } else if (v->type != VAL_INT) {
      funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "%s must be an INTEGER, not %s",
                        azTemporalField[iField], value_type_name(v->type));
      return false;
    } else {
      f->aInt[iField] = v->u.i;
    }
    f->aHas[iField] = true;
    f->aVal[iField] = v;
  }
  return true;
}

/* True if lo <= v <= hi; otherwise raises an error naming the component. */
static bool funcTemporalInRange(FuncCtx *pCtx, const char *zName, int64_t v, int64_t lo,
                                int64_t hi) {
  if (v >= lo && v <= hi) return true;
  funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "%s must be in %lld..%lld, not %lld", zName,
                    (long long)lo, (long long)hi, (long long)v);
  return false;
}

/*
** The date of a map's components, on top of an optional base date (from a
** date: or datetime: key). One of four forms is used: week (week,
** dayOfWeek; year is then the week-year), ordinal (ordinalDay), quarter
** (quarter, dayOfQuarter) or calendar (month, day). With a base, missing
** components come from it and a day that no longer fits its month is
** clamped (java.time's with()).
*/
static bool funcTemporalResolveDate(FuncCtx *pCtx, const TemporalFields *f, const int64_t *pBase,
                                    int64_t *pDays) {
  const bool *h = f->aHas;
  const int64_t *v = f->aInt;
  bool bWeek = h[FTF_WEEK] || h[FTF_DAYOFWEEK];
  bool bOrdinal = h[FTF_ORDINALDAY];
  bool bQuarter = h[FTF_QUARTER] || h[FTF_DAYOFQUARTER];
  bool bCalendar = h[FTF_MONTH] || h[FTF_DAY];
  if ((int)bWeek + (int)bOrdinal + (int)bQuarter + (int)bCalendar > 1) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE,
                      "cannot mix calendar, week, ordinal and quarter components of a date");
    return false;
  }
  int64_t by = 1970;
  int bm = 1, bd = 1;
  if (pBase) {
    tzdb_civil_from_days(*pBase, &by, &bm, &bd);
  } else if (!h[FTF_YEAR]) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "a date needs a year");
    return false;
  }
  if (!pBase && ((h[FTF_DAY] && !h[FTF_MONTH]) || (h[FTF_DAYOFWEEK] && !h[FTF_WEEK])
                 || (h[FTF_DAYOFQUARTER] && !h[FTF_QUARTER]))) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "a date component is missing its larger unit");
    return false;
  }
  int64_t y = h[FTF_YEAR] ? v[FTF_YEAR] : by;
  if (!funcTemporalInRange(pCtx, bWeek ? "weekYear" : "year", y, TZDB_MIN_YEAR, TZDB_MAX_YEAR)) {
    return false;
  }
  bool bOk;
  if (bWeek) {
    int64_t w = 1, dow = 1;
    if (pBase) {
      int64_t wy;
      int bw;
      tzdb_iso_week(*pBase, &wy, &bw);
      w = bw;
      dow = tzdb_weekday(*pBase);
      if (!h[FTF_YEAR]) y = wy;
    }
    if (h[FTF_WEEK]) w = v[FTF_WEEK];
    if (h[FTF_DAYOFWEEK]) dow = v[FTF_DAYOFWEEK];
    if (!funcTemporalInRange(pCtx, "week", w, 1, tzdb_weeks_in_year(y))
        || !funcTemporalInRange(pCtx, "dayOfWeek", dow, 1, 7)) {
      return false;
    }
    bOk = temporal_week_days(y, w, dow, pDays);
  } else if (bOrdinal) {
    if (!funcTemporalInRange(pCtx, "ordinalDay", v[FTF_ORDINALDAY], 1, tzdb_days_in_year(y))) {
      return false;
    }
    bOk = temporal_ordinal_days(y, v[FTF_ORDINALDAY], pDays);
  } else if (bQuarter) {
    int64_t q = h[FTF_QUARTER] ? v[FTF_QUARTER] : (bm - 1) / 3 + 1;
    if (!funcTemporalInRange(pCtx, "quarter", q, 1, 4)) return false;
    int64_t first = tzdb_days_from_civil(y, (int)(q - 1) * 3 + 1, 1);
    int64_t nDays = tzdb_days_from_civil(y + (q == 4), q == 4 ? 1 : (int)q * 3 + 1, 1) - first;
    if (h[FTF_DAYOFQUARTER]) {
      if (!funcTemporalInRange(pCtx, "dayOfQuarter", v[FTF_DAYOFQUARTER], 1, nDays)) return false;
      *pDays = first + v[FTF_DAYOFQUARTER] - 1;
    } else {
      int m = (int)(q - 1) * 3 + (pBase ? (bm - 1) % 3 : 0) + 1;
      int dim = tzdb_days_in_month(y, m);
      *pDays = tzdb_days_from_civil(y, m, pBase ? (bd < dim ? bd : dim) : 1);
    }
    bOk = true;
  } else {
    int64_t m = h[FTF_MONTH] ? v[FTF_MONTH] : bm;
    if (!funcTemporalInRange(pCtx, "month", m, 1, 12)) return false;
    int dim = tzdb_days_in_month(y, (int)m);
    int64_t d = h[FTF_DAY] ? v[FTF_DAY] : (pBase ? (bd < dim ? bd : dim) : 1);
    if (!funcTemporalInRange(pCtx, "day", d, 1, dim)) return false;
    bOk = temporal_civil_days(y, m, d, pDays);
  }
  if (!bOk || !temporal_days_ok(*pDays)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "date is out of the supported range");
    return false;
  }
  return true;
}

/*
** The fraction of a second given by millisecond, microsecond and
** nanosecond components: ms*1e6 + us*1e3 + ns. Each smaller unit must stay
** below the next larger one when that is given. False when out of range.
*/
static bool funcTemporalSubSeconds(FuncCtx *pCtx, const TemporalFields *f, int64_t *pNanos) {
  const bool *h = f->aHas;
  const int64_t *v = f->aInt;
  bool bMs = h[FTF_MILLISECOND], bUs = h[FTF_MICROSECOND];
  if (!funcTemporalInRange(pCtx, "millisecond", v[FTF_MILLISECOND], 0, 999)
      || !funcTemporalInRange(pCtx, "microsecond", v[FTF_MICROSECOND], 0, bMs ? 999 : 999999)
      || !funcTemporalInRange(pCtx, "nanosecond", v[FTF_NANOSECOND], 0,
                              bMs || bUs ? 999 : 999999999)) {
    return false;
  }
  *pNanos = v[FTF_MILLISECOND] * 1000000 + v[FTF_MICROSECOND] * 1000 + v[FTF_NANOSECOND];
  return true;
}

/*
** The wall-clock time of a map's components, on top of an optional base
** time. Sub-second components add up: millisecond*1e6 + microsecond*1e3 +
** nanosecond, and replace the base's fraction when any is given.
*/
static bool funcTemporalResolveTime(FuncCtx *pCtx, const TemporalFields *f,
                                    const TemporalParts *pBase, int64_t *pSec, int32_t *pNanos) {
  const bool *h = f->aHas;
  const int64_t *v = f->aInt;
  bool bSub = h[FTF_MILLISECOND] || h[FTF_MICROSECOND] || h[FTF_NANOSECOND];
  if (!pBase && ((h[FTF_MINUTE] && !h[FTF_HOUR]) || (h[FTF_SECOND] && !h[FTF_MINUTE])
                 || (bSub && !h[FTF_SECOND]))) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "a time component is missing its larger unit");
    return false;
  }
  int64_t bs = pBase ? pBase->sec : 0;
  int64_t hh = h[FTF_HOUR] ? v[FTF_HOUR] : bs / 3600;
  int64_t mm = h[FTF_MINUTE] ? v[FTF_MINUTE] : bs / 60 % 60;
  int64_t ss = h[FTF_SECOND] ? v[FTF_SECOND] : bs % 60;
  int64_t nanos = pBase ? pBase->nanos : 0;
  if (!funcTemporalInRange(pCtx, "hour", hh, 0, 23)
      || !funcTemporalInRange(pCtx, "minute", mm, 0, 59)
      || !funcTemporalInRange(pCtx, "second", ss, 0, 59)
      || (bSub && !funcTemporalSubSeconds(pCtx, f, &nanos))) {
    return false;
  }
  *pSec = hh * 3600 + mm * 60 + ss;
  *pNanos = (int32_t)nanos;
  return true;
}

/* The local date-time of p in UTC seconds, using its zone. */
static int64_t funcTemporalPartsUtc(const TemporalParts *p) {
  int64_t local = p->days * SECS_PER_DAY + p->sec;
  if (p->zone.eKind == FTZ_NAMED) {
    int32_t off;
    return tzdb_local_to_utc(p->zone.pZone, local, p->bOffset, p->offset, &off);
  }
  return local - (p->zone.eKind == FTZ_OFFSET ? p->zone.offset : 0);
}

/*
** Builds a value of the given type from map components (see the file
** header). bAttach: a timezone key attaches the zone to the wall clock
** instead of converting the instant (X.truncate()).
*/
static void funcTemporalBuild(FuncCtx *pCtx, int type, const TemporalFields *f, bool bAttach,
                              Value *pOut) {
  const bool *h = f->aHas;
  bool bDateType = type == VAL_DATE || type == VAL_LOCALDATETIME || type == VAL_DATETIME;
  bool bTimeType = type != VAL_DATE;
  bool bZoneType = type == VAL_TIME || type == VAL_DATETIME;
  bool bDateF = funcTemporalAnyOf(f, FTF_YEAR, FTF_DAYOFQUARTER);
  bool bTimeF = funcTemporalAnyOf(f, FTF_HOUR, FTF_NANOSECOND);
  bool bEpoch = h[FTF_EPOCHSECONDS] || h[FTF_EPOCHMILLIS];
  TemporalZone tz;
  memset(&tz, 0, sizeof(tz));
  if (h[FTF_TIMEZONE]) {
    const Value *z = f->aVal[FTF_TIMEZONE];
    if (!funcTemporalZoneFromString(pCtx, z->u.z, z->n, &tz)) return;
  } else {
    funcTemporalDefaultZone(pCtx, &tz);
  }

  if ((!bDateType && (bDateF || h[FTF_DATE])) || (!bTimeType && (bTimeF || h[FTF_TIME]))
      || (bEpoch && type != VAL_DATETIME)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "component not supported by %s()",
                      funcTemporalTypeName(type));
    return;
  }
  if (h[FTF_DATETIME] && (h[FTF_DATE] || h[FTF_TIME])) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "datetime cannot be combined with date or time");
    return;
  }

  TemporalParts r;
  if (bEpoch) {
    /* datetime({epochSeconds|epochMillis, [sub-seconds], [timezone]}) */
    if (bDateF || h[FTF_HOUR] || h[FTF_MINUTE] || h[FTF_SECOND] || h[FTF_DATE] || h[FTF_TIME]
        || h[FTF_DATETIME] || (h[FTF_EPOCHSECONDS] && h[FTF_EPOCHMILLIS])) {
      funcTemporalError(pCtx, ERR_ARGUMENT_VALUE,
                        "epochSeconds/epochMillis cannot be combined with these components");
      return;
    }
    int64_t nanos;
    if (!funcTemporalSubSeconds(pCtx, f, &nanos)) return;
    int64_t iUtc = h[FTF_EPOCHSECONDS] ? f->aInt[FTF_EPOCHSECONDS]
                                        : tzdb_floor_div(f->aInt[FTF_EPOCHMILLIS], 1000);
    if (h[FTF_EPOCHMILLIS]) nanos += tzdb_floor_mod(f->aInt[FTF_EPOCHMILLIS], 1000) * 1000000;
    if (nanos >= NANOS_PER_SEC || iUtc < tzdb_min_days() * SECS_PER_DAY
        || iUtc > tzdb_max_days() * SECS_PER_DAY) {
      funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "epoch value out of range");
      return;
    }
    funcTemporalPartsAtInstant(iUtc, (int32_t)nanos, &tz, &r);
    funcTemporalValue(pCtx, type, &r, pOut);
    return;
  }

  if (!bDateF && !bTimeF && !h[FTF_DATE] && !h[FTF_TIME] && !h[FTF_DATETIME]) {
    /* Only (perhaps) a timezone: the current value there. */
    funcTemporalPartsNow(pCtx, false, &tz, &r);
    funcTemporalValue(pCtx, type, &r, pOut);
    return;
  }

  memset(&r, 0, sizeof(r));
  const Value *pDateSrc = h[FTF_DATE] ? f->aVal[FTF_DATE] : f->aVal[FTF_DATETIME];
  const Value *pTimeSrc = h[FTF_TIME] ? f->aVal[FTF_TIME] : f->aVal[FTF_DATETIME];
  if (bDateType) {
    TemporalParts src;
    bool bBase = false;
    if (pDateSrc) {
      funcTemporalPartsOf(pDateSrc, &src);
      if (!src.bDate) {
        funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "a %s has no date",
                          funcTemporalTypeName(pDateSrc->type));
        return;
      }
      bBase = true;
    }
    if (!funcTemporalResolveDate(pCtx, f, bBase ? &src.days : NULL, &r.days)) return;
    r.bDate = true;
  }
  if (bTimeType) {
    TemporalParts src;
    memset(&src, 0, sizeof(src));
    bool bBase = false;
    if (pTimeSrc) {
      funcTemporalPartsOf(pTimeSrc, &src);
      if (!src.bTime && pTimeSrc == f->aVal[FTF_TIME]) {
        funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "a %s has no time",
                          funcTemporalTypeName(pTimeSrc->type));
        return;
      }
      bBase = true;     /* a date as datetime: midnight */
    }
    if (!bBase && !bTimeF && !bDateType) {
      funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "a %s needs a time", funcTemporalTypeName(type));
      return;
    }
    if (!funcTemporalResolveTime(pCtx, f, bBase ? &src : NULL, &r.sec, &r.nanos)) return;
    r.bTime = true;
    if (bZoneType) {
      bool bSrcZone = bBase && src.zone.eKind != FTZ_NONE;
      if (h[FTF_TIMEZONE] && bSrcZone && !bAttach) {
        /* The same instant, seen in the new zone. */
        r.zone = src.zone;
        r.bOffset = src.bOffset;
        r.offset = src.offset;
        if (type == VAL_TIME) {
          int32_t off = tz.offset;
          if (tz.eKind == FTZ_NAMED) {
            int64_t sec;
            int32_t nanos;
            funcTemporalNow(pCtx, false, &sec, &nanos);
            off = tzdb_offset_at(tz.pZone, sec);
          }
          r.sec = tzdb_floor_mod(r.sec - src.offset + off, SECS_PER_DAY);
          r.zone = tz;
          r.bOffset = true;
          r.offset = off;
        } else {
          funcTemporalPartsAtInstant(funcTemporalPartsUtc(&r), r.nanos, &tz, &r);
        }
      } else if (h[FTF_TIMEZONE] || !bSrcZone) {
        r.zone = tz;
      } else {
        r.zone = src.zone;
        r.bOffset = src.bOffset;
        r.offset = src.offset;
      }
    }
  }
  funcTemporalValue(pCtx, type, &r, pOut);
}

/* ==== Constructors ====================================================== */

/* Builds a type from a value of another temporal type. */
static void funcTemporalConvert(FuncCtx *pCtx, int type, const Value *pSrc, Value *pOut) {
  TemporalFields f;
  memset(&f, 0, sizeof(f));
  int iKey = type == VAL_DATE ? FTF_DATE
             : (type == VAL_LOCALTIME || type == VAL_TIME) ? FTF_TIME
                                                           : FTF_DATETIME;
  f.aHas[iKey] = true;
  f.aVal[iKey] = pSrc;
  TemporalParts p;
  funcTemporalPartsOf(pSrc, &p);
  if ((iKey != FTF_TIME && !p.bDate) || (iKey == FTF_TIME && !p.bTime)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "cannot make a %s from a %s",
                      funcTemporalTypeName(type), funcTemporalTypeName(pSrc->type));
    return;
  }
  funcTemporalBuild(pCtx, type, &f, false, pOut);
}

/* date(), localtime(), time(), localdatetime(), datetime() with 0 or 1 argument. */
static void funcTemporalConstruct(FuncCtx *pCtx, int type, int nArg, const Value *aArg,
                                  Value *pOut) {
  if (nArg == 0) {
    TemporalZone tz;
    TemporalParts p;
    funcTemporalDefaultZone(pCtx, &tz);
    funcTemporalPartsNow(pCtx, false, &tz, &p);
    funcTemporalValue(pCtx, type, &p, pOut);
    return;
  }
  const Value *a = &aArg[0];
  if (a->type == VAL_STRING) {
    TemporalParts p;
    if (funcTemporalParseTemporal(pCtx, type, a->u.z, (int)a->n, &p)) {
      funcTemporalValue(pCtx, type, &p, pOut);
    }
  } else if (a->type == VAL_MAP) {
    TemporalFields f;
    if (funcTemporalCollect(pCtx, a, &f)) funcTemporalBuild(pCtx, type, &f, false, pOut);
  } else if (value_is_temporal(a) && a->type != VAL_DURATION) {
    funcTemporalConvert(pCtx, type, a, pOut);
  } else {
    funcTemporalError(pCtx, ERR_TYPE_MISMATCH,
                      "%s() expects a STRING, a MAP or a temporal value, not %s",
                      funcTemporalTypeName(type), value_type_name(a->type));
  }
}

/* The FuncDef entry points of the five constructors. */
static void funcTemporalDate(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalConstruct(c, VAL_DATE, n, a, o);
}
static void funcTemporalLocalTime(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalConstruct(c, VAL_LOCALTIME, n, a, o);
}
static void funcTemporalTime(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalConstruct(c, VAL_TIME, n, a, o);
}
static void funcTemporalLocalDateTime(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalConstruct(c, VAL_LOCALDATETIME, n, a, o);
}
static void funcTemporalDateTime(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalConstruct(c, VAL_DATETIME, n, a, o);
}

/*
** X.statement(), X.transaction() (the statement clock: Tangle runs each
** statement as its own transaction) and X.realtime(), in the default zone
** or the one named by the optional argument.
*/
static void funcTemporalClock(FuncCtx *pCtx, int type, bool bRealtime, int nArg, const Value *aArg,
                              Value *pOut) {
  TemporalZone tz;
  if (nArg == 0) {
    funcTemporalDefaultZone(pCtx, &tz);
  } else if (aArg[0].type == VAL_STRING) {
    if (!funcTemporalZoneFromString(pCtx, aArg[0].u.z, aArg[0].n, &tz)) return;
  } else {
    funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "%s clock expects a timezone STRING, not %s",
                      funcTemporalTypeName(type), value_type_name(aArg[0].type));
    return;
  }
  TemporalParts p;
  funcTemporalPartsNow(pCtx, bRealtime, &tz, &p);
  funcTemporalValue(pCtx, type, &p, pOut);
}

#define FUNC_TEMPORAL_CLOCKS(NAME, TYPE)                                                           \
  static void NAME##Statement(FuncCtx *c, int n, const Value *a, Value *o) {                       \
    funcTemporalClock(c, TYPE, false, n, a, o);                                                    \
  }                                                                                                \
  static void NAME##Realtime(FuncCtx *c, int n, const Value *a, Value *o) {                        \
    funcTemporalClock(c, TYPE, true, n, a, o);                                                     \
  }
FUNC_TEMPORAL_CLOCKS(funcTemporalDate, VAL_DATE)
FUNC_TEMPORAL_CLOCKS(funcTemporalLocalTime, VAL_LOCALTIME)
FUNC_TEMPORAL_CLOCKS(funcTemporalTime, VAL_TIME)
FUNC_TEMPORAL_CLOCKS(funcTemporalLocalDateTime, VAL_LOCALDATETIME)
FUNC_TEMPORAL_CLOCKS(funcTemporalDateTime, VAL_DATETIME)
#undef FUNC_TEMPORAL_CLOCKS

/* A number argument as an exact integer; raises an error otherwise. */
static bool funcTemporalIntArg(FuncCtx *pCtx, const Value *v, const char *zWhat, int64_t *pOut) {
  if (v->type == VAL_INT) {
    *pOut = v->u.i;
    return true;
  }
  if (v->type == VAL_FLOAT) {
    double f = v->u.f;
    if (f == (double)(int64_t)f && f >= -9.2e18 && f <= 9.2e18) {
      *pOut = (int64_t)f;
      return true;
    }
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "%s must be a whole number", zWhat);
    return false;
  }
  funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "%s must be a number, not %s", zWhat,
                    value_type_name(v->type));
  return false;
}

/* datetime.fromepoch(seconds, nanoseconds), in UTC. */
static void funcTemporalFromEpoch(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  int64_t sec, nanos;
  if (!funcTemporalIntArg(pCtx, &aArg[0], "seconds", &sec) ||
      !funcTemporalIntArg(pCtx, &aArg[1], "nanoseconds", &nanos)) {
    return;
  }
  int64_t carry = tzdb_floor_div(nanos, NANOS_PER_SEC);
  if (__builtin_add_overflow(sec, carry, &sec) || sec < tzdb_min_days() * SECS_PER_DAY
      || sec > tzdb_max_days() * SECS_PER_DAY) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "epoch value out of range");
    return;
  }
  TemporalZone utc = {FTZ_OFFSET, 0, NULL};
  TemporalParts p;
  funcTemporalPartsAtInstant(sec, (int32_t)tzdb_floor_mod(nanos, NANOS_PER_SEC), &utc, &p);
  funcTemporalValue(pCtx, VAL_DATETIME, &p, pOut);
}

/* datetime.fromepochmillis(milliseconds), in UTC. */
static void funcTemporalFromEpochMillis(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  int64_t ms;
  if (!funcTemporalIntArg(pCtx, &aArg[0], "milliseconds", &ms)) return;
  int64_t sec = tzdb_floor_div(ms, 1000);
  if (sec < tzdb_min_days() * SECS_PER_DAY || sec > tzdb_max_days() * SECS_PER_DAY) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "epoch value out of range");
    return;
  }
  TemporalZone utc = {FTZ_OFFSET, 0, NULL};
  TemporalParts p;
  funcTemporalPartsAtInstant(sec, (int32_t)(tzdb_floor_mod(ms, 1000) * 1000000), &utc, &p);
  funcTemporalValue(pCtx, VAL_DATETIME, &p, pOut);
}

/* ==== Truncation ======================================================== */

/* Truncation units, largest first. ORDER FTU */
enum {
  FTU_MILLENNIUM, FTU_CENTURY, FTU_DECADE, FTU_YEAR, FTU_WEEKYEAR, FTU_QUARTER, FTU_MONTH,
  FTU_WEEK, FTU_DAY, FTU_HOUR, FTU_MINUTE, FTU_SECOND, FTU_MILLISECOND, FTU_MICROSECOND,
  FTU__COUNT
};

/* ORDER FTU */
static const char *const azTemporalUnit[FTU__COUNT] = {
    "millennium", "century", "decade", "year", "weekYear", "quarter", "month",
    "week", "day", "hour", "minute", "second", "millisecond", "microsecond",
};

/* Truncates a local date to the start of a date unit (FTU_MILLENNIUM..FTU_DAY). */
static int64_t funcTemporalTruncateDate(int64_t days, int eUnit) {
  int64_t y, wy;
  int m, d, w;
  tzdb_civil_from_days(days, &y, &m, &d);
  switch (eUnit) {
    case FTU_MILLENNIUM: return tzdb_days_from_civil(tzdb_floor_div(y, 1000) * 1000, 1, 1);
    case FTU_CENTURY: return tzdb_days_from_civil(tzdb_floor_div(y, 100) * 100, 1, 1);
    case FTU_DECADE: return tzdb_days_from_civil(tzdb_floor_div(y, 10) * 10, 1, 1);
    case FTU_YEAR: return tzdb_days_from_civil(y, 1, 1);
    case FTU_WEEKYEAR:
      tzdb_iso_week(days, &wy, &w);
      return tzdb_days_from_week(wy, 1, 1);
    case FTU_QUARTER: return tzdb_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
    case FTU_MONTH: return tzdb_days_from_civil(y, m, 1);
    case FTU_WEEK: return days - (tzdb_weekday(days) - 1);
    default: return days;
  }
}

/* Truncates a second-of-day and nanos to a time unit (FTU_DAY..FTU_MICROSECOND). */
static void funcTemporalTruncateTime(int64_t *pSec, int32_t *pNanos, int eUnit) {
  switch (eUnit) {
    case FTU_DAY: *pSec = 0; *pNanos = 0; break;
    case FTU_HOUR: *pSec -= *pSec % 3600; *pNanos = 0; break;
    case FTU_MINUTE: *pSec -= *pSec % 60; *pNanos = 0; break;
    case FTU_SECOND: *pNanos = 0; break;
    case FTU_MILLISECOND: *pNanos -= *pNanos % 1000000; break;
    case FTU_MICROSECOND: *pNanos -= *pNanos % 1000; break;
    default: break;
  }
}

/*
** X.truncate(unit, value [, map]): value truncated to the unit, then the
** map's components applied on top (its timezone attaches; sub-second
** keys keep the truncated millisecond or microsecond they refine).
*/
static void funcTemporalTruncate(FuncCtx *pCtx, int type, int nArg, const Value *aArg,
                                 Value *pOut) {
  const Value *pUnit = &aArg[0], *pSrc = &aArg[1];
  if (pUnit->type != VAL_STRING) {
    funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "truncate unit must be a STRING, not %s",
                      value_type_name(pUnit->type));
    return;
  }
  if (!value_is_temporal(pSrc) || pSrc->type == VAL_DURATION) {
    funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "%s.truncate() expects a temporal value, not %s",
                      funcTemporalTypeName(type), value_type_name(pSrc->type));
    return;
  }
  TemporalFields f;
  memset(&f, 0, sizeof(f));
  if (nArg > 2) {
    if (aArg[2].type != VAL_MAP) {
      funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "truncate components must be a MAP, not %s",
                        value_type_name(aArg[2].type));
      return;
    }
    if (!funcTemporalCollect(pCtx, &aArg[2], &f)) return;
    if (f.aHas[FTF_DATE] || f.aHas[FTF_TIME] || f.aHas[FTF_DATETIME] || f.aHas[FTF_EPOCHSECONDS]
        || f.aHas[FTF_EPOCHMILLIS]) {
      funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "truncate components cannot select other values");
      return;
    }
  }
  int eUnit = -1;
  for (int i = 0; i < FTU__COUNT; i++) {
    if (funcTemporalEqualsNoCase(pUnit->u.z, pUnit->n, azTemporalUnit[i])) eUnit = i;
  }
  bool bDateType = type == VAL_DATE || type == VAL_LOCALDATETIME || type == VAL_DATETIME;
  TemporalParts p;
  funcTemporalPartsOf(pSrc, &p);
  if (eUnit < 0 || (type == VAL_DATE && eUnit > FTU_DAY) || (!bDateType && eUnit < FTU_DAY)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "cannot truncate a %s to unit '%.*s'",
                      funcTemporalTypeName(type), (int)(pUnit->n > 40 ? 40 : pUnit->n), pUnit->u.z);
    return;
  }
  if ((bDateType && !p.bDate) || (!bDateType && !p.bTime)) {
    funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "cannot truncate a %s to a %s",
                      funcTemporalTypeName(pSrc->type), funcTemporalTypeName(type));
    return;
  }
  if (eUnit <= FTU_DAY) {
    if (p.bDate) p.days = funcTemporalTruncateDate(p.days, eUnit);
    p.sec = 0;
    p.nanos = 0;
  } else {
    funcTemporalTruncateTime(&p.sec, &p.nanos, eUnit);
  }
  p.bTime = true;

  /* The truncated value becomes the base the components apply to. */
  Temporal t;
  memset(&t, 0, sizeof(t));
  t.days = p.days;
  t.seconds = p.sec;
  t.nanos = p.nanos;
  t.offset = p.offset;
  int baseType;
  if (type == VAL_DATE) {
    baseType = VAL_DATE;
  } else if (!bDateType) {
    baseType = p.zone.eKind != FTZ_NONE ? VAL_TIME : VAL_LOCALTIME;
  } else {
    baseType = p.zone.eKind != FTZ_NONE ? VAL_DATETIME : VAL_LOCALDATETIME;
    if (p.zone.eKind == FTZ_NAMED) t.zZone = tzdb_name(p.zone.pZone);
  }
  Value base = temporal_value(pCtx->pArena, baseType, &t);
  int iKey = type == VAL_DATE ? FTF_DATE : bDateType ? FTF_DATETIME : FTF_TIME;
  f.aHas[iKey] = true;
  f.aVal[iKey] = &base;
  if (eUnit == FTU_MILLISECOND && !f.aHas[FTF_MILLISECOND]
      && (f.aHas[FTF_MICROSECOND] || f.aHas[FTF_NANOSECOND])) {
    f.aHas[FTF_MILLISECOND] = true;
    f.aInt[FTF_MILLISECOND] = p.nanos / 1000000;
  } else if (eUnit == FTU_MICROSECOND && !f.aHas[FTF_MICROSECOND] && !f.aHas[FTF_MILLISECOND]
             && f.aHas[FTF_NANOSECOND]) {
    f.aHas[FTF_MICROSECOND] = true;
    f.aInt[FTF_MICROSECOND] = p.nanos / 1000;
  }
  funcTemporalBuild(pCtx, type, &f, true, pOut);
}

/* The FuncDef entry points of X.truncate(). */
static void funcTemporalDateTruncate(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalTruncate(c, VAL_DATE, n, a, o);
}
static void funcTemporalLocalTimeTruncate(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalTruncate(c, VAL_LOCALTIME, n, a, o);
}
static void funcTemporalTimeTruncate(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalTruncate(c, VAL_TIME, n, a, o);
}
static void funcTemporalLocalDateTimeTruncate(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalTruncate(c, VAL_LOCALDATETIME, n, a, o);
}
static void funcTemporalDateTimeTruncate(FuncCtx *c, int n, const Value *a, Value *o) {
  funcTemporalTruncate(c, VAL_DATETIME, n, a, o);
}

/* ==== Durations ========================================================= */

/* ORDER TDUR */
static const char *const azDurationField[TDUR__COUNT] = {
    "years", "months", "weeks", "days", "hours", "minutes", "seconds",
    "milliseconds", "microseconds", "nanoseconds",
};

/* duration(text | map | duration) */
static void funcTemporalDuration(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *v = &aArg[0];
  DurationPart a[TDUR__COUNT];
  memset(a, 0, sizeof(a));
  if (v->type == VAL_STRING) {
    if (!temporal_parse_duration(v->u.z, (int)v->n, a)) {
      funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "text cannot be parsed to a duration: '%.*s'",
                        (int)(v->n > 80 ? 80 : v->n), v->u.z);
      return;
    }
  } else if (v->type == VAL_MAP) {
    for (uint32_t i = 0; i < v->n; i++) {
      const MapEntry *e = &v->u.m[i];
      int j = 0;
      while (j < TDUR__COUNT && !funcTemporalEqualsNoCase(e->zKey, e->nKey, azDurationField[j])) j++;
      if (j == TDUR__COUNT) {
        funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "unknown duration component '%.*s'",
                          (int)e->nKey, e->zKey);
        return;
      }
      if (e->v.type == VAL_NULL) continue;
      if (e->v.type == VAL_INT) {
        a[j].bSet = a[j].bInt = true;
        a[j].i = e->v.u.i;
      } else if (e->v.type == VAL_FLOAT) {
        if (!isfinite(e->v.u.f)) {
          funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "duration component %s is not finite",
                            azDurationField[j]);
          return;
        }
        a[j].bSet = true;
        a[j].r = e->v.u.f;
      } else {
        funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "duration component %s must be a number, not %s",
                          azDurationField[j], value_type_name(e->v.type));
        return;
      }
    }
  } else if (v->type == VAL_DURATION) {
    *pOut = temporal_value(pCtx->pArena, VAL_DURATION, v->u.t);
    return;
  } else {
    funcTemporalError(pCtx, ERR_TYPE_MISMATCH, "duration() expects a STRING or a MAP, not %s",
                      value_type_name(v->type));
    return;
  }
  Temporal t;
  if (!temporal_duration_of(a, &t)) {
    func_error(pCtx, ERR_INTEGER_OVERFLOW, "duration()");
    return;
  }
  *pOut = temporal_value(pCtx->pArena, VAL_DURATION, &t);
}

/* ---- duration.between and friends --------------------------------------- */

/* A value with a date but no time gets midnight. */
static void funcTemporalAttachTime(TemporalParts *p) {
  if (!p->bTime) {
    p->bTime = true;
    p->sec = 0;
    p->nanos = 0;
  }
}

/* Gives a zone-less value the zone (and, for a time, the offset) of another. */
static void funcTemporalAttachZone(TemporalParts *p, const TemporalParts *pOther) {
  p->zone = pOther->zone;
  if (p->zone.eKind == FTZ_NAMED && p->bDate) {
    int32_t off;
    tzdb_local_to_utc(p->zone.pZone, p->days * SECS_PER_DAY + p->sec, false, 0, &off);
    p->offset = off;
  } else {
    p->offset = pOther->offset;
  }
  p->bOffset = true;
}

/*
** Makes two values comparable, as Cypher's duration functions do: a value
** without a time gets midnight when the other has one (both do for
** time-based units), a value without a date takes the other's date, and a
** value without a zone takes the other's.
*/
static void funcTemporalAlign(TemporalParts *f, TemporalParts *t, bool bTimeUnit) {
  if (bTimeUnit) {
    funcTemporalAttachTime(f);
    funcTemporalAttachTime(t);
  } else if (f->bTime && !t->bTime) {
    funcTemporalAttachTime(t);
  } else if (t->bTime && !f->bTime) {
    funcTemporalAttachTime(f);
  }
  if (f->bDate && !t->bDate) {
    t->bDate = true;
    t->days = f->days;
  } else if (t->bDate && !f->bDate) {
    f->bDate = true;
    f->days = t->days;
  }
  if (f->zone.eKind != FTZ_NONE && t->zone.eKind == FTZ_NONE) {
    funcTemporalAttachZone(t, f);
  } else if (t->zone.eKind != FTZ_NONE && f->zone.eKind == FTZ_NONE) {
    funcTemporalAttachZone(f, t);
  }
}

/* Local (days, sec) of t seen in f's zone (t converted to the same instant). */
static void funcTemporalInZoneOf(const TemporalParts *f, const TemporalParts *t, int64_t *pDays,
                                 int64_t *pSec) {
  if (f->zone.eKind == FTZ_NONE || t->zone.eKind == FTZ_NONE || !t->bDate) {
    *pDays = t->days;
    *pSec = t->sec;
    return;
  }
  int64_t utc = t->days * SECS_PER_DAY + t->sec - t->offset;
  int32_t off = f->zone.eKind == FTZ_NAMED ? tzdb_offset_at(f->zone.pZone, utc) : f->offset;
  *pDays = tzdb_floor_div(utc + off, SECS_PER_DAY);
  *pSec = tzdb_floor_mod(utc + off, SECS_PER_DAY);
}

/*
** Whole months (bMonths) or days from f to t, as java.time's until():
** the end date steps back (forward) a day when its time of day has not
** reached the start's, and months count by the proleptic month number.
*/
static int64_t funcTemporalUntil(const TemporalParts *f, const TemporalParts *t, bool bMonths) {
  if (!f->bDate || !t->bDate) return 0;
  int64_t endDays, endSec;
  funcTemporalInZoneOf(f, t, &endDays, &endSec);
  if (f->bTime && t->bTime) {
    int c = endSec != f->sec ? (endSec < f->sec ? -1 : 1)
                             : (t->nanos != f->nanos ? (t->nanos < f->nanos ? -1 : 1) : 0);
    if (endDays > f->days && c < 0) endDays--;
    else if (endDays < f->days && c > 0) endDays++;
  }
  if (!bMonths) return endDays - f->days;
  int64_t y1, y2;
  int m1, d1, m2, d2;
  tzdb_civil_from_days(f->days, &y1, &m1, &d1);
  tzdb_civil_from_days(endDays, &y2, &m2, &d2);
  int64_t packed1 = (y1 * 12 + m1 - 1) * 32 + d1, packed2 = (y2 * 12 + m2 - 1) * 32 + d2;
  return (packed2 - packed1) / 32;
}

/* The exact time from f to t (aligned) as seconds and nanos (nanos 0..1e9-1). */
static void funcTemporalDiff(const TemporalParts *f, const TemporalParts *t, int64_t *pSec,
                             int32_t *pNanos) {
  int64_t a = (f->bDate ? f->days * SECS_PER_DAY : 0) + f->sec;
  int64_t b = (t->bDate ? t->days * SECS_PER_DAY : 0) + t->sec;
  if (f->zone.eKind != FTZ_NONE && t->zone.eKind != FTZ_NONE) {
    a -= f->offset;
    b -= t->offset;
  }
  int64_t s = b - a, n = (int64_t)t->nanos - f->nanos;
  if (n < 0) {
    n += NANOS_PER_SEC;
    s -= 1;
  }
  *pSec = s;
  *pNanos = (int32_t)n;
}

/* Moves f's local date by months then days (clamping), keeping its zone valid. */
static bool funcTemporalShiftDate(TemporalParts *f, int64_t nMonths, int64_t nDays) {
  int64_t y, total;
  int m, d;
  tzdb_civil_from_days(f->days, &y, &m, &d);
  total = y * 12 + (m - 1) + nMonths;
  int64_t ny = tzdb_floor_div(total, 12);
  int nm = (int)tzdb_floor_mod(total, 12) + 1;
  if (ny < TZDB_MIN_YEAR || ny > TZDB_MAX_YEAR) return false;
  int dim = tzdb_days_in_month(ny, nm);
  f->days = tzdb_days_from_civil(ny, nm, d < dim ? d : dim) + nDays;
  if (f->zone.eKind == FTZ_NAMED) {
    int32_t off;
    int64_t utc = tzdb_local_to_utc(f->zone.pZone, f->days * SECS_PER_DAY + f->sec, f->bOffset,
                                    f->offset, &off);
    f->days = tzdb_floor_div(utc + off, SECS_PER_DAY);
    f->sec = tzdb_floor_mod(utc + off, SECS_PER_DAY);
    f->offset = off;
  }
  return true;
}

/* funcTemporalBetween() units */
#define FTB_ALL 0
#define FTB_MONTHS 1
#define FTB_DAYS 2
#define FTB_SECONDS 3

/*
** duration.between(a, b) and its single-unit forms. between() counts whole
** months, then whole days, then the exact rest, when both values have a
** date; otherwise only the exact time.
*/
static void funcTemporalBetween(FuncCtx *pCtx, int eUnit, const Value *a, const Value *b,
                                Value *pOut) {
  const Value *aArg[2] = {a, b};
  for (int i = 0; i < 2; i++) {
    if (!value_is_temporal(aArg[i]) || aArg[i]->type == VAL_DURATION) {
      funcTemporalError(pCtx, ERR_TYPE_MISMATCH,
                        "duration functions expect temporal values, not %s",
                        value_type_name(aArg[i]->type));
      return;
    }
  }
  TemporalParts f, t;
  funcTemporalPartsOf(a, &f);
  funcTemporalPartsOf(b, &t);
  bool bBothDates = f.bDate && t.bDate;
  Temporal r;
  memset(&r, 0, sizeof(r));
  if (eUnit == FTB_MONTHS || eUnit == FTB_DAYS) {
    funcTemporalAlign(&f, &t, false);
    if (eUnit == FTB_MONTHS) r.months = funcTemporalUntil(&f, &t, true);
    else r.days = funcTemporalUntil(&f, &t, false);
  } else {
    if (eUnit == FTB_ALL && bBothDates) {
      funcTemporalAlign(&f, &t, false);
      r.months = funcTemporalUntil(&f, &t, true);
      bool bOk = funcTemporalShiftDate(&f, r.months, 0);
      if (bOk) {
        r.days = funcTemporalUntil(&f, &t, false);
        bOk = funcTemporalShiftDate(&f, 0, r.days);
      }
      if (!bOk) {
        funcTemporalError(pCtx, ERR_ARGUMENT_VALUE, "duration is out of range");
        return;
      }
    }
    funcTemporalAlign(&f, &t, true);
    int64_t sec;
    int32_t nanos;
    funcTemporalDiff(&f, &t, &sec, &nanos);
    r.seconds = sec;
    r.nanos = nanos;
  }
  *pOut = temporal_value(pCtx->pArena, VAL_DURATION, &r);
}

/* The FuncDef entry points of duration.between() and its unit forms. */
static void funcTemporalDurBetween(FuncCtx *c, int n, const Value *a, Value *o) {
  (void)n;
  funcTemporalBetween(c, FTB_ALL, &a[0], &a[1], o);
}
static void funcTemporalDurInMonths(FuncCtx *c, int n, const Value *a, Value *o) {
  (void)n;
  funcTemporalBetween(c, FTB_MONTHS, &a[0], &a[1], o);
}
static void funcTemporalDurInDays(FuncCtx *c, int n, const Value *a, Value *o) {
  (void)n;
  funcTemporalBetween(c, FTB_DAYS, &a[0], &a[1], o);
}
static void funcTemporalDurInSeconds(FuncCtx *c, int n, const Value *a, Value *o) {
  (void)n;
  funcTemporalBetween(c, FTB_SECONDS, &a[0], &a[1], o);
}

/* ==== The table ========================================================= */

#define NN FUNCF_NULL_IN_NULL_OUT
#define RT (FUNCF_NULL_IN_NULL_OUT | FUNCF_VOLATILE)
#define TEMPORAL_ARG "input :: STRING | MAP | DATE | LOCALTIME | TIME | LOCALDATETIME | DATETIME"
#define TRUNC_ARGS "unit :: STRING, input :: TEMPORAL, fields :: MAP?"

const FuncDef func_temporal_defs[] = {
    {"date", 0, 1, NN, funcTemporalDate, "date(" TEMPORAL_ARG "?) :: DATE",
     "A date: today, or parsed from ISO text, built from components, or taken from another "
     "temporal"},
    {"date.transaction", 0, 1, NN, funcTemporalDateStatement,
     "date.transaction(timezone :: STRING?) :: DATE",
     "The date at the start of the transaction (each statement is one)"},
    {"date.statement", 0, 1, NN, funcTemporalDateStatement,
     "date.statement(timezone :: STRING?) :: DATE", "The date at the start of the statement"},
    {"date.realtime", 0, 1, RT, funcTemporalDateRealtime,
     "date.realtime(timezone :: STRING?) :: DATE", "The date now, read from the real-time clock"},
    {"date.truncate", 2, 3, NN, funcTemporalDateTruncate, "date.truncate(" TRUNC_ARGS ") :: DATE",
     "A date truncated to a unit (millennium .. day), then adjusted by the fields"},
    {"localtime", 0, 1, NN, funcTemporalLocalTime, "localtime(" TEMPORAL_ARG "?) :: LOCALTIME",
     "A local time: now, or parsed, built from components, or taken from another temporal"},
    {"localtime.transaction", 0, 1, NN, funcTemporalLocalTimeStatement,
     "localtime.transaction(timezone :: STRING?) :: LOCALTIME",
     "The local time at the start of the transaction"},
    {"localtime.statement", 0, 1, NN, funcTemporalLocalTimeStatement,
     "localtime.statement(timezone :: STRING?) :: LOCALTIME",
     "The local time at the start of the statement"},
    {"localtime.realtime", 0, 1, RT, funcTemporalLocalTimeRealtime,
     "localtime.realtime(timezone :: STRING?) :: LOCALTIME",
     "The local time now, from the real-time clock"},
    {"localtime.truncate", 2, 3, NN, funcTemporalLocalTimeTruncate,
     "localtime.truncate(" TRUNC_ARGS ") :: LOCALTIME",
     "A local time truncated to a unit (day .. microsecond), then adjusted by the fields"},
    {"time", 0, 1, NN, funcTemporalTime, "time(" TEMPORAL_ARG "?) :: TIME",
     "A time with an offset: now, or parsed, built from components, or taken from another "
     "temporal"},
    {"time.transaction", 0, 1, NN, funcTemporalTimeStatement,
     "time.transaction(timezone :: STRING?) :: TIME", "The time at the start of the transaction"},
    {"time.statement", 0, 1, NN, funcTemporalTimeStatement,
     "time.statement(timezone :: STRING?) :: TIME", "The time at the start of the statement"},
    {"time.realtime", 0, 1, RT, funcTemporalTimeRealtime,
     "time.realtime(timezone :: STRING?) :: TIME", "The time now, from the real-time clock"},
    {"time.truncate", 2, 3, NN, funcTemporalTimeTruncate, "time.truncate(" TRUNC_ARGS ") :: TIME",
     "A time truncated to a unit (day .. microsecond), then adjusted by the fields"},
    {"localdatetime", 0, 1, NN, funcTemporalLocalDateTime,
     "localdatetime(" TEMPORAL_ARG "?) :: LOCALDATETIME",
     "A local date-time: now, or parsed, built from components, or taken from other temporals"},
    {"localdatetime.transaction", 0, 1, NN, funcTemporalLocalDateTimeStatement,
     "localdatetime.transaction(timezone :: STRING?) :: LOCALDATETIME",
     "The local date-time at the start of the transaction"},
    {"localdatetime.statement", 0, 1, NN, funcTemporalLocalDateTimeStatement,
     "localdatetime.statement(timezone :: STRING?) :: LOCALDATETIME",
     "The local date-time at the start of the statement"},
    {"localdatetime.realtime", 0, 1, RT, funcTemporalLocalDateTimeRealtime,
     "localdatetime.realtime(timezone :: STRING?) :: LOCALDATETIME",
     "The local date-time now, from the real-time clock"},
    {"localdatetime.truncate", 2, 3, NN, funcTemporalLocalDateTimeTruncate,
     "localdatetime.truncate(" TRUNC_ARGS ") :: LOCALDATETIME",
     "A local date-time truncated to a unit (millennium .. microsecond), then adjusted by the "
     "fields"},
    {"datetime", 0, 1, NN, funcTemporalDateTime, "datetime(" TEMPORAL_ARG "?) :: DATETIME",
     "A date-time with a zone: now, or parsed, built from components, or taken from other "
     "temporals"},
    {"datetime.transaction", 0, 1, NN, funcTemporalDateTimeStatement,
     "datetime.transaction(timezone :: STRING?) :: DATETIME",
     "The date-time at the start of the transaction"},
    {"datetime.statement", 0, 1, NN, funcTemporalDateTimeStatement,
     "datetime.statement(timezone :: STRING?) :: DATETIME",
     "The date-time at the start of the statement"},
    {"datetime.realtime", 0, 1, RT, funcTemporalDateTimeRealtime,
     "datetime.realtime(timezone :: STRING?) :: DATETIME",
     "The date-time now, from the real-time clock"},
    {"datetime.truncate", 2, 3, NN, funcTemporalDateTimeTruncate,
     "datetime.truncate(" TRUNC_ARGS ") :: DATETIME",
     "A date-time truncated to a unit (millennium .. microsecond), then adjusted by the fields"},
    {"datetime.fromepoch", 2, 2, NN, funcTemporalFromEpoch,
     "datetime.fromepoch(seconds :: INTEGER, nanoseconds :: INTEGER) :: DATETIME",
     "The UTC date-time of a number of seconds (and nanoseconds) since 1970-01-01T00:00Z"},
    {"datetime.fromepochmillis", 1, 1, NN, funcTemporalFromEpochMillis,
     "datetime.fromepochmillis(milliseconds :: INTEGER) :: DATETIME",
     "The UTC date-time of a number of milliseconds since 1970-01-01T00:00Z"},
    {"duration", 1, 1, NN, funcTemporalDuration, "duration(input :: STRING | MAP) :: DURATION",
     "A duration parsed from ISO 8601 text (P1Y2M3DT4H) or built from components (years .. "
     "nanoseconds)"},
    {"duration.between", 2, 2, NN, funcTemporalDurBetween,
     "duration.between(from :: TEMPORAL, to :: TEMPORAL) :: DURATION",
     "The duration from one temporal to another, in months, days, seconds and nanoseconds"},
    {"duration.inMonths", 2, 2, NN, funcTemporalDurInMonths,
     "duration.inMonths(from :: TEMPORAL, to :: TEMPORAL) :: DURATION",
     "The whole months from one temporal to another"},
    {"duration.inDays", 2, 2, NN, funcTemporalDurInDays,
     "duration.inDays(from :: TEMPORAL, to :: TEMPORAL) :: DURATION",
     "The whole days from one temporal to another"},
    {"duration.inSeconds", 2, 2, NN, funcTemporalDurInSeconds,
     "duration.inSeconds(from :: TEMPORAL, to :: TEMPORAL) :: DURATION",
     "The exact time from one temporal to another, in seconds and nanoseconds"},
};

const int func_temporal_count = ARRAY_SIZE(func_temporal_defs);
