/*
** temporal_parse.c — ISO 8601 text to temporal values: the parsers that
** the temporal functions (eval/func_temporal.c: date('2015-07-21'),
** duration('P1DT2H') ...) and the bulk import (store/import.c: columns of
** type date, datetime, duration ...) share.
**
** The text forms are Cypher's: calendar, week and ordinal dates with
** signed years of up to nine digits; times with optional seconds and a
** fraction of up to nine digits; offsets Z, +HH, +HHMM, +HH:MM(:SS); a
** zone name in brackets after a datetime; durations in the unit form
** P1Y2M3W4DT5H6M7.5S or the alternative form P0001-02-03T04:05:06.
** Parsing here stops at syntax and calendar checks: what a missing zone
** means (the session's zone for a function, UTC for an import) is the
** caller's choice, except in temporal_from_text(), which takes UTC.
*/
#include "value/temporal_parse.h"

#include "base/tzdb.h"

#define NANOS_PER_SEC TZDB_NANOS_PER_SEC
#define SECS_PER_DAY TZDB_SECS_PER_DAY

/* ==== Numbers and offsets =============================================== */

/* How many ASCII digits start at z[i] (within n bytes). */
static int tparseDigits(const char *z, int n, int i) {
  int k = 0;
  while (i + k < n && z[i + k] >= '0' && z[i + k] <= '9') k++;
  return k;
}

/* The k digits at z[i] as a number (the caller has checked they are digits). */
static int64_t tparseNumber(const char *z, int i, int k) {
  int64_t v = 0;
  for (int j = 0; j < k; j++) v = v * 10 + (z[i + j] - '0');
  return v;
}

/*
** Parses an offset at z[*pi]: Z, or +/- followed by HH, HHMM, HHMMSS,
** HH:MM or HH:MM:SS. Advances *pi. False if there is none or it is out of
** range.
*/
bool temporal_parse_offset(const char *z, int n, int *pi, int32_t *pOffset) {
  int i = *pi;
  if (i < n && (z[i] == 'Z' || z[i] == 'z')) {
    *pOffset = 0;
    *pi = i + 1;
    return true;
  }
  if (i >= n || (z[i] != '+' && z[i] != '-')) return false;
  int sign = z[i++] == '-' ? -1 : 1;
  int64_t aPart[3] = {0, 0, 0};
  int k = tparseDigits(z, n, i);
  if (k == 2 && i + 2 < n && z[i + 2] == ':') {
    for (int p = 0; p < 3; p++) {
      if (p > 0) {
        if (i >= n || z[i] != ':') break;
        i++;
      }
      if (tparseDigits(z, n, i) != 2) return false;
      aPart[p] = tparseNumber(z, i, 2);
      i += 2;
    }
  } else if (k == 2 || k == 4 || k == 6) {
    for (int p = 0; p < k / 2; p++) aPart[p] = tparseNumber(z, i + 2 * p, 2);
    i += k;
  } else {
    return false;
  }
  if (aPart[1] > 59 || aPart[2] > 59) return false;
  int64_t off = aPart[0] * 3600 + aPart[1] * 60 + aPart[2];
  if (off > TZDB_MAX_OFFSET) return false;
  *pOffset = (int32_t)(sign * off);
  *pi = i;
  return true;
}

/* ==== Dates and times =================================================== */

bool temporal_days_ok(int64_t days) {
  return days >= tzdb_min_days() && days <= tzdb_max_days();
}

/* Validates and converts a calendar date; false when invalid. */
bool temporal_civil_days(int64_t y, int64_t m, int64_t d, int64_t *pDays) {
  if (y < TZDB_MIN_YEAR || y > TZDB_MAX_YEAR || m < 1 || m > 12) return false;
  if (d < 1 || d > tzdb_days_in_month(y, (int)m)) return false;
  *pDays = tzdb_days_from_civil(y, (int)m, (int)d);
  return true;
}

/* Validates and converts a week date; false when invalid. */
bool temporal_week_days(int64_t wy, int64_t w, int64_t dow, int64_t *pDays) {
  if (wy < TZDB_MIN_YEAR || wy > TZDB_MAX_YEAR || dow < 1 || dow > 7) return false;
  if (w < 1 || w > tzdb_weeks_in_year(wy)) return false;
  *pDays = tzdb_days_from_week(wy, (int)w, (int)dow);
  return temporal_days_ok(*pDays);
}

/* Validates and converts an ordinal date; false when invalid. */
bool temporal_ordinal_days(int64_t y, int64_t od, int64_t *pDays) {
  if (y < TZDB_MIN_YEAR || y > TZDB_MAX_YEAR || od < 1 || od > tzdb_days_in_year(y)) return false;
  *pDays = tzdb_days_from_civil(y, 1, 1) + od - 1;
  return true;
}

/*
** Parses a date at z[*pi]: a year (4 digits, or a sign and 1 to 9 digits),
** then nothing, -MM, -MM-DD, -Www, -Www-D or -DDD, or without the dashes
** (MM, MMDD, Www, WwwD, DDD) after a 4-digit year. Advances *pi.
*/
static bool tparseDate(const char *z, int n, int *pi, int64_t *pDays) {
  int i = *pi;
  int64_t y;
  bool bSigned = i < n && (z[i] == '+' || z[i] == '-');
  if (bSigned) {
    bool bNeg = z[i++] == '-';
    int k = tparseDigits(z, n, i);
    if (k < 1 || k > 9) return false;
    y = tparseNumber(z, i, k);
    if (bNeg) y = -y;
    i += k;
  } else {
    if (tparseDigits(z, n, i) < 4) return false;
    y = tparseNumber(z, i, 4);
    i += 4;
  }
  bool bOk;
  if (i < n && z[i] == '-') {
    i++;
    if (i < n && z[i] == 'W') {
      i++;
      if (tparseDigits(z, n, i) != 2) return false;
      int64_t w = tparseNumber(z, i, 2), dow = 1;
      i += 2;
      if (i < n && z[i] == '-') {
        if (tparseDigits(z, n, i + 1) != 1) return false;
        dow = z[i + 1] - '0';
        i += 2;
      }
      bOk = temporal_week_days(y, w, dow, pDays);
    } else {
      int k = tparseDigits(z, n, i);
      if (k == 3) {
        bOk = temporal_ordinal_days(y, tparseNumber(z, i, 3), pDays);
        i += 3;
      } else if (k == 2) {
        int64_t m = tparseNumber(z, i, 2), d = 1;
        i += 2;
        if (i < n && z[i] == '-') {
          if (tparseDigits(z, n, i + 1) != 2) return false;
          d = tparseNumber(z, i + 1, 2);
          i += 3;
        }
        bOk = temporal_civil_days(y, m, d, pDays);
      } else {
        return false;
      }
    }
  } else if (!bSigned && i < n && z[i] == 'W') {
    i++;
    int k = tparseDigits(z, n, i);
    if (k != 2 && k != 3) return false;
    bOk = temporal_week_days(y, tparseNumber(z, i, 2), k == 3 ? z[i + 2] - '0' : 1, pDays);
    i += k;
  } else {
    int k = bSigned ? 0 : tparseDigits(z, n, i);
    if (k == 4) {
      bOk =
          temporal_civil_days(y, tparseNumber(z, i, 2), tparseNumber(z, i + 2, 2), pDays);
    } else if (k == 3) {
      bOk = temporal_ordinal_days(y, tparseNumber(z, i, 3), pDays);
    } else if (k == 2) {
      bOk = temporal_civil_days(y, tparseNumber(z, i, 2), 1, pDays);
    } else if (k == 0) {
      bOk = temporal_civil_days(y, 1, 1, pDays);
    } else {
      return false;
    }
    i += k;
  }
  *pi = i;
  return bOk;
}

/*
** Parses a wall-clock time at z[*pi]: HH, HH:MM, HH:MM:SS or the basic
** HHMM, HHMMSS, with an optional fraction of 1 to 9 digits after the
** seconds ('.' or ','). Advances *pi.
*/
static bool tparseTime(const char *z, int n, int *pi, int64_t *pSec, int32_t *pNanos) {
  int i = *pi;
  int64_t h, m = 0, s = 0;
  bool bSeconds = false;
  int k = tparseDigits(z, n, i);
  if (k == 2 && i + 2 < n && z[i + 2] == ':') {
    h = tparseNumber(z, i, 2);
    i += 3;
    if (tparseDigits(z, n, i) != 2) return false;
    m = tparseNumber(z, i, 2);
    i += 2;
    if (i < n && z[i] == ':') {
      if (tparseDigits(z, n, i + 1) != 2) return false;
      s = tparseNumber(z, i + 1, 2);
      i += 3;
      bSeconds = true;
    }
  } else if (k == 2 || k == 4 || k == 6) {
    h = tparseNumber(z, i, 2);
    if (k >= 4) m = tparseNumber(z, i + 2, 2);
    if (k == 6) s = tparseNumber(z, i + 4, 2);
    bSeconds = k == 6;
    i += k;
  } else {
    return false;
  }
  int64_t nanos = 0;
  if (bSeconds && i < n && (z[i] == '.' || z[i] == ',')) {
    int f = tparseDigits(z, n, i + 1);
    if (f < 1 || f > 9) return false;
    nanos = tparseNumber(z, i + 1, f);
    for (int j = f; j < 9; j++) nanos *= 10;
    i += 1 + f;
  }
  if (h > 23 || m > 59 || s > 59) return false;
  *pSec = h * 3600 + m * 60 + s;
  *pNanos = (int32_t)nanos;
  *pi = i;
  return true;
}

/*
** Parses the text of a date, localtime, time, localdatetime or datetime
** (type is VAL_*): the syntax of each type and the calendar, not yet the
** zone. Returns false when the text does not parse.
*/
bool temporal_parse_text(int type, const char *z, int n, TemporalText *p) {
  memset(p, 0, sizeof(*p));
  int i = 0;
  bool bOk = true;
  if (type == VAL_DATE || type == VAL_LOCALDATETIME || type == VAL_DATETIME) {
    bOk = tparseDate(z, n, &i, &p->days);
  }
  if (bOk && type != VAL_DATE) {
    bool bWantTime = type == VAL_LOCALTIME || type == VAL_TIME;
    if (!bWantTime && i < n && (z[i] == 'T' || z[i] == 't')) {
      i++;
      bWantTime = true;
    }
    if (bWantTime) bOk = tparseTime(z, n, &i, &p->sec, &p->nanos);
    if (bOk && bWantTime && (type == VAL_TIME || type == VAL_DATETIME) && i < n && z[i] != '[') {
      bOk = temporal_parse_offset(z, n, &i, &p->offset);
      p->bOffset = bOk;
    }
    if (bOk && type == VAL_DATETIME && i < n && z[i] == '[') {
      const char *zEnd = memchr(z + i, ']', (size_t)(n - i));
      bOk = zEnd != NULL;
      if (bOk) {
        p->zZone = z + i + 1;
        p->nZone = (int)(zEnd - p->zZone);
        i = (int)(zEnd - z) + 1;
      }
    }
  }
  return bOk && i == n;
}

/*
** Resolves parsed text to the record of its type, with UTC for a time or
** datetime that names no zone. A zone name with an offset keeps the
** instant the offset gives; a zone name alone resolves the local time as
** java.time does. False for an unknown zone or a date out of range.
*/
static bool tparseResolve(int type, TemporalText *p, Temporal *pT) {
  memset(pT, 0, sizeof(*pT));
  if (type == VAL_DATETIME && p->zZone) {
    char zName[80];
    if (p->nZone <= 0 || p->nZone >= (int)sizeof(zName)) return false;
    memcpy(zName, p->zZone, (size_t)p->nZone);
    zName[p->nZone] = 0;
    const TzZone *pZone = tzdb_find(zName);
    if (pZone == NULL) return false;
    int64_t local = p->days * SECS_PER_DAY + p->sec;
    int32_t off;
    if (p->bOffset) {
      int64_t utc = local - p->offset;
      off = tzdb_offset_at(pZone, utc);
      local = utc + off;
    } else {
      int64_t utc = tzdb_local_to_utc(pZone, local, false, 0, &off);
      local = utc + off;
    }
    p->days = tzdb_floor_div(local, SECS_PER_DAY);
    p->sec = tzdb_floor_mod(local, SECS_PER_DAY);
    p->offset = off;
    pT->zZone = tzdb_name(pZone);
  }
  bool bDate = type == VAL_DATE || type == VAL_LOCALDATETIME || type == VAL_DATETIME;
  if (bDate && !temporal_days_ok(p->days)) return false;
  if (bDate) pT->days = p->days;
  if (type != VAL_DATE) {
    pT->seconds = p->sec;
    pT->nanos = p->nanos;
  }
  if (type == VAL_TIME || type == VAL_DATETIME) pT->offset = p->offset;
  return true;
}

bool temporal_from_text(Arena *pA, int type, const char *z, int n, Value *pOut) {
  Temporal t;
  if (type == VAL_DURATION) {
    DurationPart a[TDUR__COUNT];
    if (!temporal_parse_duration(z, n, a) || !temporal_duration_of(a, &t)) return false;
  } else {
    TemporalText txt;
    if (!temporal_parse_text(type, z, n, &txt) || !tparseResolve(type, &txt, &t)) return false;
  }
  *pOut = temporal_value(pA, type, &t);
  return true;
}

/* ==== Durations ========================================================= */

static long double tparseDurReal(const DurationPart *p) {
  return p->bInt ? (long double)p->i : p->r;
}

/*
** The duration of a set of components. Integers add up exactly (months,
** days, seconds and nanoseconds kept apart); any fraction sends everything
** through tzdb_duration_approx(), which carries fractions down to the
** next unit. Returns false when a field overflows.
*/
bool temporal_duration_of(const DurationPart *a, Temporal *pOut) {
  bool bAllInt = true;
  for (int i = 0; i < TDUR__COUNT; i++) {
    if (a[i].bSet && !a[i].bInt) bAllInt = false;
  }
  Temporal t;
  memset(&t, 0, sizeof(t));
  if (bAllInt) {
    __int128 months = (__int128)a[TDUR_YEARS].i * 12 + a[TDUR_MONTHS].i;
    __int128 days = (__int128)a[TDUR_WEEKS].i * 7 + a[TDUR_DAYS].i;
    __int128 nanos = ((__int128)a[TDUR_HOURS].i * 3600 + (__int128)a[TDUR_MINUTES].i * 60
                      + a[TDUR_SECONDS].i) * NANOS_PER_SEC
                     + (__int128)a[TDUR_MILLISECONDS].i * 1000000
                     + (__int128)a[TDUR_MICROSECONDS].i * 1000 + a[TDUR_NANOSECONDS].i;
    __int128 secs = nanos / NANOS_PER_SEC, rem = nanos % NANOS_PER_SEC;
    if (rem < 0) {
      rem += NANOS_PER_SEC;
      secs -= 1;
    }
    if (months < INT64_MIN || months > INT64_MAX || days < INT64_MIN || days > INT64_MAX
        || secs < INT64_MIN || secs > INT64_MAX) {
      return false;
    }
    t.months = (int64_t)months;
    t.days = (int64_t)days;
    t.seconds = (int64_t)secs;
    t.nanos = (int32_t)rem;
  } else {
    int64_t aOut[4];
    long double rMonths =
        tparseDurReal(&a[TDUR_YEARS]) * 12 + tparseDurReal(&a[TDUR_MONTHS]);
    long double rDays = tparseDurReal(&a[TDUR_WEEKS]) * 7 + tparseDurReal(&a[TDUR_DAYS]);
    long double rSecs = tparseDurReal(&a[TDUR_HOURS]) * 3600 +
                        tparseDurReal(&a[TDUR_MINUTES]) * 60 +
                        tparseDurReal(&a[TDUR_SECONDS]);
    long double rNanos = tparseDurReal(&a[TDUR_MILLISECONDS]) * 1000000 +
                         tparseDurReal(&a[TDUR_MICROSECONDS]) * 1000 +
                         tparseDurReal(&a[TDUR_NANOSECONDS]);
    if (!tzdb_duration_approx(rMonths, rDays, rSecs, rNanos, aOut)) {
      return false;
    }
    t.months = aOut[0];
    t.days = aOut[1];
    t.seconds = aOut[2];
    t.nanos = (int32_t)aOut[3];
  }
  *pOut = t;
  return true;
}

/* Parses a signed decimal number ([+-]digits[(.|,)digits]) at z[*pi]. */
static bool tparseDurNumber(const char *z, int n, int *pi, DurationPart *p) {
  int i = *pi;
  bool bNeg = false;
  if (i < n && (z[i] == '+' || z[i] == '-')) bNeg = z[i++] == '-';
  int k = tparseDigits(z, n, i);
  if (k == 0 || k > 18) return false;
  int64_t v = tparseNumber(z, i, k);
  i += k;
  p->bSet = true;
  p->bInt = true;
  p->i = bNeg ? -v : v;
  if (i < n && (z[i] == '.' || z[i] == ',')) {
    int f = tparseDigits(z, n, i + 1);
    if (f == 0) return false;
    long double r = 0, scale = 1;
    for (int j = 0; j < f && j < 30; j++) {
      scale /= 10;
      r += (z[i + 1 + j] - '0') * scale;
    }
    p->bInt = false;
    p->r = bNeg ? -((long double)v + r) : (long double)v + r;
    i += 1 + f;
  }
  *pi = i;
  return true;
}

/*
** Parses ISO 8601 duration text: [-]P[nY][nM][nW][nD][T[nH][nM][nS]] with
** signed, possibly fractional numbers, or the alternative form
** PYYYY-MM-DDThh:mm:ss[.f]. A leading '-' negates every component.
*/
bool temporal_parse_duration(const char *z, int n, DurationPart *a) {
  memset(a, 0, sizeof(DurationPart) * TDUR__COUNT);
  int i = 0;
  bool bNeg = false;
  if (i < n && (z[i] == '-' || z[i] == '+')) bNeg = z[i++] == '-';
  if (i >= n || (z[i] != 'P' && z[i] != 'p')) return false;
  i++;
  if (tparseDigits(z, n, i) == 4 && i + 4 < n && z[i + 4] == '-') {
    /* PYYYY-MM-DDThh:mm:ss[.f] */
    static const struct { int iPart, nDigit; char cAfter; } aAlt[] = {
        {TDUR_YEARS, 4, '-'}, {TDUR_MONTHS, 2, '-'}, {TDUR_DAYS, 2, 'T'},
        {TDUR_HOURS, 2, ':'}, {TDUR_MINUTES, 2, ':'}, {TDUR_SECONDS, 2, 0},
    };
    for (int j = 0; j < ARRAY_SIZE(aAlt); j++) {
      if (tparseDigits(z, n, i) != aAlt[j].nDigit) return false;
      DurationPart *p = &a[aAlt[j].iPart];
      p->bSet = p->bInt = true;
      p->i = tparseNumber(z, i, aAlt[j].nDigit);
      i += aAlt[j].nDigit;
      if (aAlt[j].cAfter) {
        bool bMatch = i < n && (z[i] == aAlt[j].cAfter || (aAlt[j].cAfter == 'T' && z[i] == 't'));
        if (!bMatch) {
          if (j == 2 && i == n) break;      /* date only */
          return false;
        }
        i++;
      }
    }
    if (i < n && (z[i] == '.' || z[i] == ',')) {
      int f = tparseDigits(z, n, i + 1);
      if (f < 1 || f > 9) return false;
      int64_t nanos = tparseNumber(z, i + 1, f);
      for (int j = f; j < 9; j++) nanos *= 10;
      a[TDUR_NANOSECONDS].bSet = a[TDUR_NANOSECONDS].bInt = true;
      a[TDUR_NANOSECONDS].i = nanos;
      i += 1 + f;
    }
    if (i != n) return false;
  } else {
    static const char aDateUnit[] = {'Y', 'M', 'W', 'D'};
    static const int aDatePart[] = {TDUR_YEARS, TDUR_MONTHS, TDUR_WEEKS, TDUR_DAYS};
    static const char aTimeUnit[] = {'H', 'M', 'S'};
    static const int aTimePart[] = {TDUR_HOURS, TDUR_MINUTES, TDUR_SECONDS};
    bool bAny = false, bTime = false;
    int iNext = 0;
    while (i < n) {
      if (z[i] == 'T' || z[i] == 't') {
        if (bTime) return false;
        bTime = true;
        iNext = 0;
        i++;
        if (i == n) return false;
        continue;
      }
      DurationPart num;
      memset(&num, 0, sizeof(num));
      if (!tparseDurNumber(z, n, &i, &num) || i >= n) return false;
      char c = z[i] >= 'a' && z[i] <= 'z' ? (char)(z[i] - 32) : z[i];
      const char *aUnit = bTime ? aTimeUnit : aDateUnit;
      const int *aPart = bTime ? aTimePart : aDatePart;
      int nUnit = bTime ? 3 : 4;
      int j = iNext;
      while (j < nUnit && aUnit[j] != c) j++;
      if (j == nUnit) return false;
      if (!num.bInt && aPart[j] == TDUR_SECONDS) {
        /* Keep the fraction of a second exact. */
        int iDot = i - 1;
        while (z[iDot] != '.' && z[iDot] != ',') iDot--;
        int f = i - iDot - 1;
        if (f > 9) return false;
        int64_t nanos = tparseNumber(z, iDot + 1, f);
        for (int k = f; k < 9; k++) nanos *= 10;
        bool bNegNum = num.r < 0;
        num.bInt = true;      /* num.i already holds the signed whole part */
        a[TDUR_NANOSECONDS].bSet = a[TDUR_NANOSECONDS].bInt = true;
        a[TDUR_NANOSECONDS].i = bNegNum ? -nanos : nanos;
      }
      a[aPart[j]] = num;
      iNext = j + 1;
      bAny = true;
      i++;
    }
    if (!bAny) return false;
  }
  if (bNeg) {
    for (int j = 0; j < TDUR__COUNT; j++) {
      a[j].i = -a[j].i;
      a[j].r = -a[j].r;
    }
  }
  return true;
}
