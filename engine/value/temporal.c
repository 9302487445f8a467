/*
** temporal.c — what a Temporal record means: ISO 8601 text, component
** access (d.year, t.offset, dur.minutes ...), equality, ordering, hashing
** and the arithmetic of + - * / on temporal values (see temporal.h for
** the record layout).
**
** The calendar and time-zone rules come from tzdb.c; the functions that
** build temporal values (date(), duration.between() ...) are in
** func_temporal.c.
**
** Arithmetic follows Cypher (and java.time, which the openCypher TCK was
** produced with): a duration is added as its months first (the day of the
** month is clamped to the month's length), then its days, then its
** seconds and nanoseconds. For a datetime in a named zone, months and days
** move the wall clock (the offset is re-resolved, keeping the old one in an
** overlap) while seconds move the instant. A date takes whole days of the
** duration's seconds (truncated toward zero); times ignore months and
** days and wrap around midnight.
*/
#include "value/temporal.h"

#include <inttypes.h>
#include <stdio.h>

#include "base/htab.h"
#include "base/tzdb.h"

#define NANOS_PER_SEC TZDB_NANOS_PER_SEC
#define SECS_PER_DAY TZDB_SECS_PER_DAY

Value temporal_value(Arena *pA, int type, const Temporal *pT) {
  Temporal *p = arena_alloc(pA, sizeof(Temporal));
  *p = *pT;
  if (p->zZone) p->zZone = arena_strdup(pA, p->zZone);
  Value v = {0};
  v.type = (uint8_t)type;
  v.u.t = p;
  return v;
}

/* ==== Instants and comparison =========================================== */

/* UTC seconds of a datetime (local wall clock minus the offset). */
static int64_t temporalEpochSecs(const Temporal *p) {
  return p->days * SECS_PER_DAY + p->seconds - p->offset;
}

/* UTC nanoseconds of the day of a time (not wrapped into one day). */
static int64_t temporalTimeUtcNanos(const Temporal *p) {
  return (p->seconds - p->offset) * NANOS_PER_SEC + p->nanos;
}

static int temporalCmpI64(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

/* NULL-tolerant string comparison for zone names (NULL sorts first). */
static int temporalCmpZone(const char *a, const char *b) {
  if (a == NULL || b == NULL) return (a != NULL) - (b != NULL);
  return strcmp(a, b);
}

/*
** Orders two values of one temporal type by the instant or local value
** they denote: <0, 0, >0. Times and datetimes with the same instant compare
** equal here; durations compare by their average length.
*/
static int temporalCmpPoint(int type, const Temporal *a, const Temporal *b) {
  int c;
  switch (type) {
    case VAL_DATE: return temporalCmpI64(a->days, b->days);
    case VAL_LOCALTIME:
      c = temporalCmpI64(a->seconds, b->seconds);
      return c ? c : temporalCmpI64(a->nanos, b->nanos);
    case VAL_TIME: return temporalCmpI64(temporalTimeUtcNanos(a), temporalTimeUtcNanos(b));
    case VAL_LOCALDATETIME:
      c = temporalCmpI64(a->days, b->days);
      if (c == 0) c = temporalCmpI64(a->seconds, b->seconds);
      return c ? c : temporalCmpI64(a->nanos, b->nanos);
    case VAL_DATETIME:
      c = temporalCmpI64(temporalEpochSecs(a), temporalEpochSecs(b));
      return c ? c : temporalCmpI64(a->nanos, b->nanos);
    default: {
      __int128 la = (__int128)a->months * TZDB_SECS_PER_AVG_MONTH
                    + (__int128)a->days * SECS_PER_DAY + a->seconds;
      __int128 lb = (__int128)b->months * TZDB_SECS_PER_AVG_MONTH
                    + (__int128)b->days * SECS_PER_DAY + b->seconds;
      if (la != lb) return la < lb ? -1 : 1;
      return temporalCmpI64(a->nanos, b->nanos);
    }
  }
}

/* True if the fields that matter for the type are all equal. */
static bool temporalSame(int type, const Temporal *a, const Temporal *b) {
  switch (type) {
    case VAL_DATE: return a->days == b->days;
    case VAL_LOCALTIME: return a->seconds == b->seconds && a->nanos == b->nanos;
    case VAL_TIME:
      return a->seconds == b->seconds && a->nanos == b->nanos && a->offset == b->offset;
    case VAL_LOCALDATETIME:
      return a->days == b->days && a->seconds == b->seconds && a->nanos == b->nanos;
    case VAL_DATETIME:
      return a->days == b->days && a->seconds == b->seconds && a->nanos == b->nanos
             && a->offset == b->offset && temporalCmpZone(a->zZone, b->zZone) == 0;
    default:
      return a->months == b->months && a->days == b->days && a->seconds == b->seconds
             && a->nanos == b->nanos;
  }
}

/*
** Equality follows java.time, as the TCK does: two times or datetimes are
** equal when they show the same wall clock in the same offset (and zone),
** not merely the same instant. Durations are equal when months, days,
** seconds and nanoseconds all are.
*/
Tri temporal_equals(const Value *a, const Value *b) {
  if (a->type != b->type || !value_is_temporal(a)) return TRI_FALSE;
  return temporalSame(a->type, a->u.t, b->u.t) ? TRI_TRUE : TRI_FALSE;
}

/* a < b by instant (times and datetimes) or local value; null for durations
** and for values of different types. */
Tri temporal_less(const Value *a, const Value *b) {
  if (a->type != b->type || !value_is_temporal(a) || a->type == VAL_DURATION) return TRI_NULL;
  return temporalCmpPoint(a->type, a->u.t, b->u.t) < 0 ? TRI_TRUE : TRI_FALSE;
}

/*
** The ORDER BY order: by instant (or local value, or average length for
** durations), then by the remaining fields so that only equal values
** compare 0.
*/
int temporal_compare(const Value *a, const Value *b) {
  if (a->type != b->type) return a->type < b->type ? -1 : 1;
  const Temporal *x = a->u.t, *y = b->u.t;
  int c = temporalCmpPoint(a->type, x, y);
  if (c) return c;
  switch (a->type) {
    case VAL_TIME: return temporalCmpI64(x->offset, y->offset);
    case VAL_DATETIME:
      c = temporalCmpI64(x->offset, y->offset);
      return c ? c : temporalCmpZone(x->zZone, y->zZone);
    case VAL_DURATION:
      c = temporalCmpI64(x->months, y->months);
      if (c == 0) c = temporalCmpI64(x->days, y->days);
      return c;
    default: return 0;
  }
}

/* Hashes exactly the fields temporalSame() compares, so equal values hash
** alike whatever their unused fields hold. */
uint64_t temporal_hash(const Value *p) {
  const Temporal *t = p->u.t;
  uint64_t h = htab_hash_u64(0x74656d70ULL + p->type);
  switch (p->type) {
    case VAL_DATE: return htab_hash_combine(h, (uint64_t)t->days);
    case VAL_DURATION: h = htab_hash_combine(h, (uint64_t)t->months); break;
    default: break;
  }
  if (p->type != VAL_LOCALTIME && p->type != VAL_TIME) h = htab_hash_combine(h, (uint64_t)t->days);
  h = htab_hash_combine(h, (uint64_t)t->seconds);
  h = htab_hash_combine(h, (uint64_t)t->nanos);
  if (p->type == VAL_TIME || p->type == VAL_DATETIME) {
    h = htab_hash_combine(h, (uint64_t)(int64_t)t->offset);
  }
  if (p->type == VAL_DATETIME && t->zZone) {
    h = htab_hash_combine(h, htab_hash_bytes(t->zZone, strlen(t->zZone)));
  }
  return h;
}

/* ==== ISO 8601 text ===================================================== */

/* Year as java.time prints it: at least 4 digits, '+' above 9999. */
static void temporalFmtYear(StrBuf *pOut, int64_t y) {
  if (y > -1000 && y < 1000) {
    strbuf_printf(pOut, y < 0 ? "-%04" PRId64 : "%04" PRId64, y < 0 ? -y : y);
  } else {
    strbuf_printf(pOut, y > 9999 ? "+%" PRId64 : "%" PRId64, y);
  }
}

static void temporalFmtDate(StrBuf *pOut, int64_t days) {
  int64_t y;
  int m, d;
  tzdb_civil_from_days(days, &y, &m, &d);
  temporalFmtYear(pOut, y);
  strbuf_printf(pOut, "-%02d-%02d", m, d);
}

/* Nanoseconds (1..999999999) as a fraction with trailing zeros trimmed. */
static void temporalFmtFraction(StrBuf *pOut, int64_t nanos) {
  char z[16];
  snprintf(z, sizeof(z), "%09" PRId64, nanos);
  int n = 9;
  while (n > 1 && z[n - 1] == '0') n--;
  strbuf_putc(pOut, '.');
  strbuf_append(pOut, z, (size_t)n);
}

/*
** Wall-clock time: HH:MM, then :SS when the seconds or the fraction are
** non-zero, then the fraction with trailing zeros trimmed (12:00,
** 21:40:32.142, 12:31:14.000000003, 10:00:00.5).
*/
static void temporalFmtTime(StrBuf *pOut, int64_t secOfDay, int32_t nanos) {
  int h = (int)(secOfDay / 3600), m = (int)(secOfDay / 60 % 60), s = (int)(secOfDay % 60);
  strbuf_printf(pOut, "%02d:%02d", h, m);
  if (s == 0 && nanos == 0) return;
  strbuf_printf(pOut, ":%02d", s);
  if (nanos != 0) temporalFmtFraction(pOut, nanos);
}

/* An offset as java.time prints it: Z, +HH:MM or +HH:MM:SS. */
static void temporalFmtOffset(StrBuf *pOut, int32_t off) {
  if (off == 0) {
    strbuf_putc(pOut, 'Z');
    return;
  }
  int32_t a = off < 0 ? -off : off;
  strbuf_printf(pOut, "%c%02d:%02d", off < 0 ? '-' : '+', (int)(a / 3600), (int)(a / 60 % 60));
  if (a % 60) strbuf_printf(pOut, ":%02d", (int)(a % 60));
}

/*
** A duration as Cypher prints it: P[nY][nM][nD][T[nH][nM][n[.f]S]], each
** part signed on its own, PT0S when zero. Months split into years and
** months; days are never folded into months nor seconds into days.
*/
static void temporalFmtDuration(StrBuf *pOut, const Temporal *t) {
  if (t->months == 0 && t->days == 0 && t->seconds == 0 && t->nanos == 0) {
    strbuf_puts(pOut, "PT0S");
    return;
  }
  strbuf_putc(pOut, 'P');
  if (t->months / 12) strbuf_printf(pOut, "%" PRId64 "Y", t->months / 12);
  if (t->months % 12) strbuf_printf(pOut, "%" PRId64 "M", t->months % 12);
  if (t->days) strbuf_printf(pOut, "%" PRId64 "D", t->days);
  if (t->seconds == 0 && t->nanos == 0) return;
  int64_t s = t->seconds, n = t->nanos;
  if (s < 0 && n > 0) {
    /* Show -1.5s as -1.5 rather than -2 + 0.5. */
    s += 1;
    n -= NANOS_PER_SEC;
  }
  strbuf_putc(pOut, 'T');
  if (s / 3600) strbuf_printf(pOut, "%" PRId64 "H", s / 3600);
  s %= 3600;
  if (s / 60) strbuf_printf(pOut, "%" PRId64 "M", s / 60);
  s %= 60;
  if (s != 0) {
    strbuf_printf(pOut, "%" PRId64, s);
    if (n != 0) temporalFmtFraction(pOut, n < 0 ? -n : n);
    strbuf_putc(pOut, 'S');
  } else if (n != 0) {
    strbuf_puts(pOut, n < 0 ? "-0" : "0");
    temporalFmtFraction(pOut, n < 0 ? -n : n);
    strbuf_putc(pOut, 'S');
  }
}

void temporal_format(StrBuf *pOut, const Value *p) {
  const Temporal *t = p->u.t;
  switch (p->type) {
    case VAL_DATE: temporalFmtDate(pOut, t->days); break;
    case VAL_LOCALTIME: temporalFmtTime(pOut, t->seconds, t->nanos); break;
    case VAL_TIME:
      temporalFmtTime(pOut, t->seconds, t->nanos);
      temporalFmtOffset(pOut, t->offset);
      break;
    case VAL_LOCALDATETIME:
      temporalFmtDate(pOut, t->days);
      strbuf_putc(pOut, 'T');
      temporalFmtTime(pOut, t->seconds, t->nanos);
      break;
    case VAL_DATETIME:
      temporalFmtDate(pOut, t->days);
      strbuf_putc(pOut, 'T');
      temporalFmtTime(pOut, t->seconds, t->nanos);
      temporalFmtOffset(pOut, t->offset);
      if (t->zZone) strbuf_printf(pOut, "[%s]", t->zZone);
      break;
    case VAL_DURATION: temporalFmtDuration(pOut, t); break;
    default: break;
  }
}

/* ==== Components ======================================================== */

static bool temporalHasDate(int type) {
  return type == VAL_DATE || type == VAL_LOCALDATETIME || type == VAL_DATETIME;
}

static bool temporalHasTime(int type) {
  return type == VAL_LOCALTIME || type == VAL_TIME || type == VAL_LOCALDATETIME
         || type == VAL_DATETIME;
}

/* A string value of an offset (Z, +01:00 ...) in the arena. */
static Value temporalOffsetValue(Arena *pA, int32_t off) {
  StrBuf b;
  strbuf_init(&b);
  temporalFmtOffset(&b, off);
  Value v = value_str_copy(pA, b.z, b.n);
  strbuf_free(&b);
  return v;
}

/* Date components of epoch day z; false if zKey is not one. */
static bool temporalDateComponent(int64_t z, const char *zKey, Value *pOut) {
  int64_t y, wy;
  int m, d, w;
  tzdb_civil_from_days(z, &y, &m, &d);
  if (strcmp(zKey, "year") == 0) {
    *pOut = value_int(y);
  } else if (strcmp(zKey, "month") == 0) {
    *pOut = value_int(m);
  } else if (strcmp(zKey, "day") == 0) {
    *pOut = value_int(d);
  } else if (strcmp(zKey, "quarter") == 0) {
    *pOut = value_int((m - 1) / 3 + 1);
  } else if (strcmp(zKey, "dayOfQuarter") == 0) {
    int qm = (m - 1) / 3 * 3 + 1;
    *pOut = value_int(z - tzdb_days_from_civil(y, qm, 1) + 1);
  } else if (strcmp(zKey, "ordinalDay") == 0) {
    *pOut = value_int(z - tzdb_days_from_civil(y, 1, 1) + 1);
  } else if (strcmp(zKey, "dayOfWeek") == 0 || strcmp(zKey, "weekDay") == 0) {
    *pOut = value_int(tzdb_weekday(z));
  } else if (strcmp(zKey, "week") == 0) {
    tzdb_iso_week(z, &wy, &w);
    *pOut = value_int(w);
  } else if (strcmp(zKey, "weekYear") == 0) {
    tzdb_iso_week(z, &wy, &w);
    *pOut = value_int(wy);
  } else {
    return false;
  }
  return true;
}

/* Time-of-day components; false if zKey is not one. */
static bool temporalTimeComponent(int64_t sec, int32_t nanos, const char *zKey, Value *pOut) {
  if (strcmp(zKey, "hour") == 0) {
    *pOut = value_int(sec / 3600);
  } else if (strcmp(zKey, "minute") == 0) {
    *pOut = value_int(sec / 60 % 60);
  } else if (strcmp(zKey, "second") == 0) {
    *pOut = value_int(sec % 60);
  } else if (strcmp(zKey, "millisecond") == 0) {
    *pOut = value_int(nanos / 1000000);
  } else if (strcmp(zKey, "microsecond") == 0) {
    *pOut = value_int(nanos / 1000);
  } else if (strcmp(zKey, "nanosecond") == 0) {
    *pOut = value_int(nanos);
  } else {
    return false;
  }
  return true;
}

/* Sets *pOut to a*b + c, or null on overflow. */
static void temporalMulAdd(int64_t a, int64_t b, int64_t c, Value *pOut) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r) || __builtin_add_overflow(r, c, &r)) {
    *pOut = value_null();
  } else {
    *pOut = value_int(r);
  }
}

/*
** Duration components, as Cypher defines them: the "total" ones (years,
** months, days, hours, seconds, nanoseconds ...) convert within a group
** (months, days, seconds) and the "...Of..." ones give the remainder.
*/
static bool temporalDurationComponent(const Temporal *t, const char *zKey, Value *pOut) {
  static const struct {
    const char *zName;
    int eGroup;       /* 0 months, 1 days, 2 seconds, 3 sub-second */
    int64_t iDiv;     /* divide the group's value by this */
    int64_t iMod;     /* then take the remainder by this (0: none) */
  } aComp[] = {
      {"years", 0, 12, 0},         {"quarters", 0, 3, 0},
      {"months", 0, 1, 0},         {"quartersOfYear", 0, 3, 4},
      {"monthsOfQuarter", 0, 1, 3}, {"monthsOfYear", 0, 1, 12},
      {"weeks", 1, 7, 0},          {"days", 1, 1, 0},
      {"daysOfWeek", 1, 1, 7},     {"hours", 2, 3600, 0},
      {"minutes", 2, 60, 0},       {"seconds", 2, 1, 0},
      {"minutesOfHour", 2, 60, 60}, {"secondsOfMinute", 2, 1, 60},
      {"millisecondsOfSecond", 3, 1000000, 0},
      {"microsecondsOfSecond", 3, 1000, 0},
      {"nanosecondsOfSecond", 3, 1, 0},
  };
  for (int i = 0; i < ARRAY_SIZE(aComp); i++) {
    if (strcmp(zKey, aComp[i].zName) != 0) continue;
    int64_t v;
    switch (aComp[i].eGroup) {
      case 0: v = t->months; break;
      case 1: v = t->days; break;
      case 2: v = t->seconds; break;
      default: v = t->nanos; break;
    }
    v /= aComp[i].iDiv;
    if (aComp[i].iMod) v %= aComp[i].iMod;
    *pOut = value_int(v);
    return true;
  }
  if (strcmp(zKey, "milliseconds") == 0) {
    temporalMulAdd(t->seconds, 1000, t->nanos / 1000000, pOut);
  } else if (strcmp(zKey, "microseconds") == 0) {
    temporalMulAdd(t->seconds, 1000000, t->nanos / 1000, pOut);
  } else if (strcmp(zKey, "nanoseconds") == 0) {
    temporalMulAdd(t->seconds, NANOS_PER_SEC, t->nanos, pOut);
  } else {
    return false;
  }
  return true;
}

/* Component access: date parts for types with a date, time parts for
** types with a time, zone parts for time and datetime, epoch parts for
** datetime. Keys are case-sensitive, like property keys. */
bool temporal_component(Arena *pA, const Value *p, const char *zKey, Value *pOut) {
  *pOut = value_null();
  if (!value_is_temporal(p)) return false;
  const Temporal *t = p->u.t;
  int type = p->type;
  if (type == VAL_DURATION) return temporalDurationComponent(t, zKey, pOut);
  if (temporalHasDate(type) && temporalDateComponent(t->days, zKey, pOut)) return true;
  if (temporalHasTime(type) && temporalTimeComponent(t->seconds, t->nanos, zKey, pOut)) return true;
  if (type == VAL_TIME || type == VAL_DATETIME) {
    if (strcmp(zKey, "timezone") == 0) {
      *pOut = t->zZone ? value_cstr(pA, t->zZone) : temporalOffsetValue(pA, t->offset);
      return true;
    }
    if (strcmp(zKey, "offset") == 0) {
      *pOut = temporalOffsetValue(pA, t->offset);
      return true;
    }
    if (strcmp(zKey, "offsetMinutes") == 0) {
      *pOut = value_int(t->offset / 60);
      return true;
    }
    if (strcmp(zKey, "offsetSeconds") == 0) {
      *pOut = value_int(t->offset);
      return true;
    }
  }
  if (type == VAL_DATETIME) {
    if (strcmp(zKey, "epochSeconds") == 0) {
      *pOut = value_int(temporalEpochSecs(t));
      return true;
    }
    if (strcmp(zKey, "epochMillis") == 0) {
      temporalMulAdd(temporalEpochSecs(t), 1000, t->nanos / 1000000, pOut);
      return true;
    }
  }
  return false;
}

/* ==== Arithmetic ======================================================== */

/* Sets an ArgumentError about a result outside the supported range. */
static void temporalRangeError(TgError *pErr, const char *zWhat) {
  error_at(pErr, NULL, -1, ERR_ARGUMENT_VALUE, zWhat);
}

/* Sets an overflow error for duration arithmetic. */
static void temporalOverflow(TgError *pErr) {
  error_at(pErr, NULL, -1, ERR_INTEGER_OVERFLOW, "duration arithmetic");
}

static bool temporalDaysOk(int64_t days) {
  return days >= tzdb_min_days() && days <= tzdb_max_days();
}

/*
** Moves epoch day *pDays by nMonths calendar months, clamping the day of
** the month to the new month's length. False if the year leaves the
** supported range.
*/
static bool temporalPlusMonths(int64_t *pDays, int64_t nMonths) {
  if (nMonths == 0) return true;
  int64_t y, total;
  int m, d;
  tzdb_civil_from_days(*pDays, &y, &m, &d);
  if (__builtin_add_overflow(y * 12 + (m - 1), nMonths, &total)) return false;
  int64_t ny = tzdb_floor_div(total, 12);
  int nm = (int)tzdb_floor_mod(total, 12) + 1;
  if (ny < TZDB_MIN_YEAR || ny > TZDB_MAX_YEAR) return false;
  int nDim = tzdb_days_in_month(ny, nm);
  *pDays = tzdb_days_from_civil(ny, nm, d < nDim ? d : nDim);
  return true;
}

/* *pDays += n, false if outside the supported range. */
static bool temporalPlusDays(int64_t *pDays, int64_t n) {
  int64_t r;
  if (__builtin_add_overflow(*pDays, n, &r) || !temporalDaysOk(r)) return false;
  *pDays = r;
  return true;
}

/*
** Adds seconds and nanoseconds to a local (days, second-of-day, nanos)
** triple, carrying into days. False if the date leaves the range.
*/
static bool temporalPlusSeconds(Temporal *t, int64_t nSecs, int64_t nNanos) {
  int64_t n = t->nanos + nNanos;                 /* 0..1999999998 */
  int64_t carry = n / NANOS_PER_SEC;
  int64_t local;
  if (__builtin_add_overflow(t->days * SECS_PER_DAY + t->seconds, nSecs, &local)
      || __builtin_add_overflow(local, carry, &local)) {
    return false;
  }
  int64_t days = tzdb_floor_div(local, SECS_PER_DAY);
  if (!temporalDaysOk(days)) return false;
  t->days = days;
  t->seconds = tzdb_floor_mod(local, SECS_PER_DAY);
  t->nanos = (int32_t)(n % NANOS_PER_SEC);
  return true;
}

/*
** Adds duration d to temporal t of the given type, in place. Returns false
** (with pErr set) when the result is out of range.
*/
static bool temporalPlusDuration(int type, Temporal *t, const Temporal *d, TgError *pErr) {
  switch (type) {
    case VAL_LOCALTIME:
    case VAL_TIME: {
      int64_t n = t->nanos + d->nanos;
      int64_t s = t->seconds + tzdb_floor_mod(d->seconds, SECS_PER_DAY) + n / NANOS_PER_SEC;
      t->seconds = s % SECS_PER_DAY;
      t->nanos = (int32_t)(n % NANOS_PER_SEC);
      return true;
    }
    case VAL_DATE: {
      /* Whole days of the seconds, truncated toward zero (-0.5s is 0). */
      int64_t s = d->seconds < 0 && d->nanos > 0 ? d->seconds + 1 : d->seconds;
      if (!temporalPlusMonths(&t->days, d->months) || !temporalPlusDays(&t->days, d->days)
          || !temporalPlusDays(&t->days, s / SECS_PER_DAY)) {
        break;
      }
      return true;
    }
    case VAL_LOCALDATETIME:
      if (!temporalPlusMonths(&t->days, d->months) || !temporalPlusDays(&t->days, d->days)
          || !temporalPlusSeconds(t, d->seconds, d->nanos)) {
        break;
      }
      return true;
    case VAL_DATETIME: {
      const TzZone *pZone = t->zZone ? tzdb_find(t->zZone) : NULL;
      if (!temporalPlusMonths(&t->days, d->months) || !temporalPlusDays(&t->days, d->days)) break;
      if (pZone == NULL) {
        if (!temporalPlusSeconds(t, d->seconds, d->nanos)) break;
        return true;
      }
      /* Months and days move the wall clock; re-resolve the offset. */
      int32_t off = t->offset;
      int64_t utc = (d->months || d->days)
                        ? tzdb_local_to_utc(pZone, t->days * SECS_PER_DAY + t->seconds, true,
                                            t->offset, &off)
                        : t->days * SECS_PER_DAY + t->seconds - t->offset;
      /* Seconds move the instant. */
      Temporal u = *t;
      u.days = tzdb_floor_div(utc, SECS_PER_DAY);
      u.seconds = tzdb_floor_mod(utc, SECS_PER_DAY);
      if (!temporalPlusSeconds(&u, d->seconds, d->nanos)) break;
      utc = u.days * SECS_PER_DAY + u.seconds;
      off = tzdb_offset_at(pZone, utc);
      t->days = tzdb_floor_div(utc + off, SECS_PER_DAY);
      t->seconds = tzdb_floor_mod(utc + off, SECS_PER_DAY);
      t->nanos = u.nanos;
      t->offset = off;
      if (!temporalDaysOk(t->days)) break;
      return true;
    }
    default: break;
  }
  temporalRangeError(pErr, "temporal arithmetic result is out of the supported range");
  return false;
}

/* -d, false on overflow. */
static bool temporalDurNeg(const Temporal *d, Temporal *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  if (d->months == INT64_MIN || d->days == INT64_MIN || d->seconds == INT64_MIN) return false;
  pOut->months = -d->months;
  pOut->days = -d->days;
  if (d->nanos == 0) {
    pOut->seconds = -d->seconds;
  } else {
    pOut->seconds = -d->seconds - 1;
    pOut->nanos = (int32_t)(NANOS_PER_SEC - d->nanos);
  }
  return true;
}

/* a + b field by field, false on overflow. */
static bool temporalDurAdd(const Temporal *a, const Temporal *b, Temporal *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  int64_t n = (int64_t)a->nanos + b->nanos;
  if (__builtin_add_overflow(a->months, b->months, &pOut->months)
      || __builtin_add_overflow(a->days, b->days, &pOut->days)
      || __builtin_add_overflow(a->seconds, b->seconds, &pOut->seconds)
      || __builtin_add_overflow(pOut->seconds, n / NANOS_PER_SEC, &pOut->seconds)) {
    return false;
  }
  pOut->nanos = (int32_t)(n % NANOS_PER_SEC);
  return true;
}

/* d * k for an integer k, exactly; false on overflow. */
static bool temporalDurMulInt(const Temporal *d, int64_t k, Temporal *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  if (__builtin_mul_overflow(d->months, k, &pOut->months)
      || __builtin_mul_overflow(d->days, k, &pOut->days)) {
    return false;
  }
  __int128 total;
  if (__builtin_mul_overflow((__int128)d->seconds * NANOS_PER_SEC + d->nanos, (__int128)k,
                             &total)) {
    return false;
  }
  __int128 secs = total / NANOS_PER_SEC, nanos = total % NANOS_PER_SEC;
  if (nanos < 0) {
    nanos += NANOS_PER_SEC;
    secs -= 1;
  }
  if (secs < INT64_MIN || secs > INT64_MAX) return false;
  pOut->seconds = (int64_t)secs;
  pOut->nanos = (int32_t)nanos;
  return true;
}

/* d * f (bDivide: d / f) for a float factor, splitting fractions down. */
static bool temporalDurScale(const Temporal *d, long double f, bool bDivide, Temporal *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  long double m = (long double)d->months, dd = (long double)d->days;
  long double s = (long double)d->seconds, n = (long double)d->nanos;
  int64_t a[4];
  bool bOk = bDivide ? tzdb_duration_approx(m / f, dd / f, s / f, n / f, a)
                     : tzdb_duration_approx(m * f, dd * f, s * f, n * f, a);
  if (!bOk) return false;
  pOut->months = a[0];
  pOut->days = a[1];
  pOut->seconds = a[2];
  pOut->nanos = (int32_t)a[3];
  return true;
}

/*
** + - * / on temporal operands. Subtracting a duration adds its negation;
** duration + temporal commutes; a number may multiply a duration from
** either side and divide it from the right. Integer factors are exact;
** float factors and all divisors go through tzdb_duration_approx().
*/
bool temporal_arith(Arena *pA, int op, const Value *a, const Value *b,
                    Value *pOut, TgError *pErr) {
  *pOut = value_null();
  bool bDurA = a->type == VAL_DURATION, bDurB = b->type == VAL_DURATION;
  Temporal r;
  switch (op) {
    case TEMPORAL_OP_ADD:
    case TEMPORAL_OP_SUB: {
      if (bDurA && bDurB) {
        Temporal neg;
        const Temporal *pB = b->u.t;
        if (op == TEMPORAL_OP_SUB) {
          if (!temporalDurNeg(b->u.t, &neg)) goto overflow;
          pB = &neg;
        }
        if (!temporalDurAdd(a->u.t, pB, &r)) goto overflow;
        *pOut = temporal_value(pA, VAL_DURATION, &r);
        return true;
      }
      /* temporal +- duration, or duration + temporal */
      const Value *pPoint, *pDur;
      if (value_is_temporal(a) && !bDurA && bDurB) {
        pPoint = a;
        pDur = b;
      } else if (op == TEMPORAL_OP_ADD && bDurA && value_is_temporal(b) && !bDurB) {
        pPoint = b;
        pDur = a;
      } else {
        return false;
      }
      Temporal dur = *pDur->u.t;
      if (op == TEMPORAL_OP_SUB && !temporalDurNeg(pDur->u.t, &dur)) goto overflow;
      r = *pPoint->u.t;
      if (temporalPlusDuration(pPoint->type, &r, &dur, pErr)) {
        *pOut = temporal_value(pA, pPoint->type, &r);
      }
      return true;
    }
    case TEMPORAL_OP_MUL:
    case TEMPORAL_OP_DIV: {
      const Value *pDur, *pNum;
      if (bDurA && value_is_number(b)) {
        pDur = a;
        pNum = b;
      } else if (op == TEMPORAL_OP_MUL && bDurB && value_is_number(a)) {
        pDur = b;
        pNum = a;
      } else {
        return false;
      }
      bool bOk;
      if (op == TEMPORAL_OP_DIV) {
        if (value_as_double(pNum) == 0.0) {
          error_at(pErr, NULL, -1, ERR_DIVISION_BY_ZERO);
          return true;
        }
        bOk = temporalDurScale(pDur->u.t, pNum->type == VAL_INT ? (long double)pNum->u.i
                                                                : (long double)pNum->u.f,
                               true, &r);
      } else if (pNum->type == VAL_INT) {
        bOk = temporalDurMulInt(pDur->u.t, pNum->u.i, &r);
      } else {
        bOk = temporalDurScale(pDur->u.t, (long double)pNum->u.f, false, &r);
      }
      if (!bOk) goto overflow;
      *pOut = temporal_value(pA, VAL_DURATION, &r);
      return true;
    }
    default: return false;
  }

overflow:
  temporalOverflow(pErr);
  return true;
}
