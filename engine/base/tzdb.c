/*
** tzdb.c — the proleptic Gregorian calendar, a reader for the system's
** TZif time-zone files, and fractional-duration splitting (see tzdb.h).
**
** Calendar conversions use Howard Hinnant's days-from-civil algorithm on
** 400-year eras, which is exact over the whole int64 range we use.
**
** A TZif file (RFC 8536) holds a list of transition instants, each naming
** a local time type (UTC offset, DST flag), and since version 2 a footer
** with a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3") that describes
** the rule for instants after the last transition. We read the 64-bit
** (version 2+) data block when present, else the version 1 block, and
** ignore leap-second records: Cypher's clock has no leap seconds. Before
** the first transition, local time type 0 applies.
**
** Loaded zones are kept in an array guarded by a mutex and are never
** changed afterwards, so lookups hand out plain pointers.
*/
#include "base/tzdb.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"

/* ==== Calendar ========================================================== */

int64_t tzdb_floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b) != 0 && ((a < 0) != (b < 0))) q--;
  return q;
}

int64_t tzdb_floor_mod(int64_t a, int64_t b) {
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

bool tzdb_is_leap(int64_t y) {
  return (y % 4 == 0) && (y % 100 != 0 || y % 400 == 0);
}

int tzdb_days_in_month(int64_t y, int m) {
  static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  assert(m >= 1 && m <= 12);
  if (m == 2 && tzdb_is_leap(y)) return 29;
  return aDays[m - 1];
}

int tzdb_days_in_year(int64_t y) { return tzdb_is_leap(y) ? 366 : 365; }

int64_t tzdb_days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;                                   /* 0..399 */
  int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
  return era * 146097 + doe - 719468;
}

void tzdb_civil_from_days(int64_t z, int64_t *pY, int *pM, int *pD) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;                                      /* 0..146096 */
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
  int64_t mp = (5 * doy + 2) / 153;                                    /* 0..11 */
  int d = (int)(doy - (153 * mp + 2) / 5 + 1);
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *pY = y + (m <= 2);
  *pM = m;
  *pD = d;
}

int64_t tzdb_min_days(void) { return tzdb_days_from_civil(TZDB_MIN_YEAR, 1, 1); }
int64_t tzdb_max_days(void) { return tzdb_days_from_civil(TZDB_MAX_YEAR, 12, 31); }

int tzdb_weekday(int64_t z) {
  /* 1970-01-01 was a Thursday (4). */
  return (int)tzdb_floor_mod(z + 3, 7) + 1;
}

/* Epoch day of the Monday that starts ISO week 1 of weekYear. */
static int64_t tzdbWeekOneMonday(int64_t weekYear) {
  int64_t jan4 = tzdb_days_from_civil(weekYear, 1, 4);
  return jan4 - (tzdb_weekday(jan4) - 1);
}

void tzdb_iso_week(int64_t z, int64_t *pWeekYear, int *pWeek) {
  /* The week belongs to the year that holds its Thursday. */
  int64_t thursday = z - (tzdb_weekday(z) - 1) + 3;
  int64_t y;
  int m, d;
  tzdb_civil_from_days(thursday, &y, &m, &d);
  *pWeekYear = y;
  *pWeek = (int)((thursday - tzdb_days_from_civil(y, 1, 1)) / 7 + 1);
}

int tzdb_weeks_in_year(int64_t weekYear) {
  /* December 28 always lies in the last week of its week-year. */
  int64_t y;
  int w;
  tzdb_iso_week(tzdb_days_from_civil(weekYear, 12, 28), &y, &w);
  return w;
}

int64_t tzdb_days_from_week(int64_t weekYear, int week, int dayOfWeek) {
  return tzdbWeekOneMonday(weekYear) + (int64_t)(week - 1) * 7 + (dayOfWeek - 1);
}

/* ==== POSIX TZ rules (the TZif footer) ================================== */

/* When in the year a DST switch happens. */
typedef struct TzRuleDay {
  char eKind;        /* 'M' month/week/day, 'J' Julian 1..365 (no Feb 29), 'N' 0..365 */
  int m, w, d;       /* 'M': month 1..12, week 1..5 (5 = last), weekday 0..6 (0 = Sunday) */
  int n;             /* 'J', 'N': the day number */
  int32_t iTime;     /* local time of the switch, seconds after midnight (may be <0 or >24h) */
} TzRuleDay;

/* A footer rule: standard offset, and optionally DST with its switch days. */
typedef struct TzRule {
  int32_t iStdOff;   /* seconds east of UTC */
  int32_t iDstOff;   /* seconds east of UTC, when bDst */
  bool bDst;         /* has daylight saving time */
  TzRuleDay start;   /* DST starts (in standard local time) */
  TzRuleDay end;     /* DST ends (in DST local time) */
} TzRule;

/* A loaded zone. Immutable once in the cache. */
struct TzZone {
  char *zName;       /* IANA name */
  int nTrans;        /* transitions */
  int64_t *aTrans;   /* transition instants, ascending */
  uint8_t *aIdx;     /* local time type in force from each transition */
  int nType;         /* local time types (at least 1) */
  int32_t *aOff;     /* UTC offset of each type */
  bool bRule;        /* the footer rule applies after the last transition */
  TzRule rule;       /* the footer rule */
};

/* Parses a POSIX name: alphabetic, or anything between < and >. */
static bool tzdbRuleName(const char **pz) {
  const char *z = *pz;
  if (*z == '<') {
    z++;
    while (*z && *z != '>') z++;
    if (*z != '>') return false;
    *pz = z + 1;
    return true;
  }
  const char *zStart = z;
  while ((*z >= 'a' && *z <= 'z') || (*z >= 'A' && *z <= 'Z')) z++;
  if (z - zStart < 3) return false;
  *pz = z;
  return true;
}

/* Parses [+-]hh[:mm[:ss]] into seconds (hours up to 167). */
static bool tzdbRuleTime(const char **pz, int32_t *pSecs) {
  const char *z = *pz;
  int sign = 1;
  if (*z == '+' || *z == '-') sign = (*z++ == '-') ? -1 : 1;
  if (*z < '0' || *z > '9') return false;
  int32_t aPart[3] = {0, 0, 0};
  for (int i = 0; i < 3; i++) {
    if (i > 0) {
      if (*z != ':') break;
      z++;
    }
    int nDigit = 0;
    int32_t v = 0;
    while (*z >= '0' && *z <= '9' && nDigit < 3) {
      v = v * 10 + (*z++ - '0');
      nDigit++;
    }
    if (nDigit == 0) return false;
    aPart[i] = v;
  }
  if (aPart[0] > 167 || aPart[1] > 59 || aPart[2] > 59) return false;
  *pSecs = sign * (aPart[0] * 3600 + aPart[1] * 60 + aPart[2]);
  *pz = z;
  return true;
}

/* Parses a small unsigned integer. */
static bool tzdbRuleNum(const char **pz, int *pN) {
  const char *z = *pz;
  int n = 0, nDigit = 0;
  while (*z >= '0' && *z <= '9' && nDigit < 4) {
    n = n * 10 + (*z++ - '0');
    nDigit++;
  }
  if (nDigit == 0) return false;
  *pN = n;
  *pz = z;
  return true;
}

/* Parses one switch day: Mm.w.d, Jn or n, with an optional /time. */
static bool tzdbRuleDay(const char **pz, TzRuleDay *p) {
  const char *z = *pz;
  memset(p, 0, sizeof(*p));
  if (*z == 'M') {
    z++;
    p->eKind = 'M';
    if (!tzdbRuleNum(&z, &p->m) || *z++ != '.') return false;
    if (!tzdbRuleNum(&z, &p->w) || *z++ != '.') return false;
    if (!tzdbRuleNum(&z, &p->d)) return false;
    if (p->m < 1 || p->m > 12 || p->w < 1 || p->w > 5 || p->d > 6) return false;
  } else if (*z == 'J') {
    z++;
    p->eKind = 'J';
    if (!tzdbRuleNum(&z, &p->n) || p->n < 1 || p->n > 365) return false;
  } else {
    p->eKind = 'N';
    if (!tzdbRuleNum(&z, &p->n) || p->n > 365) return false;
  }
  p->iTime = 7200;
  if (*z == '/') {
    z++;
    if (!tzdbRuleTime(&z, &p->iTime)) return false;
  }
  *pz = z;
  return true;
}

/* Parses a POSIX TZ string into *p. Returns false if it is malformed. */
static bool tzdbParseRule(const char *z, TzRule *p) {
  memset(p, 0, sizeof(*p));
  int32_t iOff;
  if (!tzdbRuleName(&z) || !tzdbRuleTime(&z, &iOff)) return false;
  p->iStdOff = -iOff;             /* POSIX offsets count west of UTC */
  if (*z == 0) return true;
  if (!tzdbRuleName(&z)) return false;
  p->bDst = true;
  p->iDstOff = p->iStdOff + 3600;
  if (*z && *z != ',') {
    if (!tzdbRuleTime(&z, &iOff)) return false;
    p->iDstOff = -iOff;
  }
  if (*z == 0) {
    /* No rule given: POSIX leaves it to the implementation; use the US one. */
    const char *zDefault = "M3.2.0,M11.1.0";
    return tzdbRuleDay(&zDefault, &p->start) && *zDefault++ == ','
           && tzdbRuleDay(&zDefault, &p->end);
  }
  if (*z++ != ',' || !tzdbRuleDay(&z, &p->start)) return false;
  if (*z++ != ',' || !tzdbRuleDay(&z, &p->end)) return false;
  return *z == 0;
}

/* Epoch day of a switch day in year y. */
static int64_t tzdbRuleDate(const TzRuleDay *p, int64_t y) {
  switch (p->eKind) {
    case 'J': {
      /* 1..365, February 29 is never counted. */
      int64_t z = tzdb_days_from_civil(y, 1, 1) + p->n - 1;
      if (tzdb_is_leap(y) && p->n >= 60) z++;
      return z;
    }
    case 'N': return tzdb_days_from_civil(y, 1, 1) + p->n;
    default: {
      int64_t first = tzdb_days_from_civil(y, p->m, 1);
      int firstDow = tzdb_weekday(first) % 7;       /* 0 = Sunday */
      int day = 1 + (p->d - firstDow + 7) % 7 + (p->w - 1) * 7;
      int nDays = tzdb_days_in_month(y, p->m);
      while (day > nDays) day -= 7;
      return first + day - 1;
    }
  }
}

/* Offset the footer rule gives at instant t. */
static int32_t tzdbRuleOffset(const TzRule *p, int64_t t) {
  if (!p->bDst) return p->iStdOff;
  int64_t y;
  int m, d;
  tzdb_civil_from_days(tzdb_floor_div(t + p->iStdOff, TZDB_SECS_PER_DAY), &y, &m, &d);
  int64_t start = tzdbRuleDate(&p->start, y) * TZDB_SECS_PER_DAY + p->start.iTime - p->iStdOff;
  int64_t end = tzdbRuleDate(&p->end, y) * TZDB_SECS_PER_DAY + p->end.iTime - p->iDstOff;
  bool bDst;
  if (start < end) {
    bDst = t >= start && t < end;          /* northern hemisphere */
  } else {
    bDst = !(t >= end && t < start);       /* southern: DST spans the new year */
  }
  return bDst ? p->iDstOff : p->iStdOff;
}

/* ==== TZif reading ====================================================== */

static uint32_t tzdbBe32(const unsigned char *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int64_t tzdbBe64(const unsigned char *p) {
  uint64_t u = ((uint64_t)tzdbBe32(p) << 32) | tzdbBe32(p + 4);
  return (int64_t)u;
}

/* The six counts of a TZif header. */
typedef struct TzHeader {
  uint32_t nIsUt, nIsStd, nLeap, nTime, nType, nChar;
} TzHeader;

/* Reads the header at a; false if it is not a TZif header. */
static bool tzdbHeader(const unsigned char *a, size_t n, TzHeader *p) {
  if (n < 44 || memcmp(a, "TZif", 4) != 0) return false;
  p->nIsUt = tzdbBe32(a + 20);
  p->nIsStd = tzdbBe32(a + 24);
  p->nLeap = tzdbBe32(a + 28);
  p->nTime = tzdbBe32(a + 32);
  p->nType = tzdbBe32(a + 36);
  p->nChar = tzdbBe32(a + 40);
  /* Limits far above any real zone; they keep the size sums small. */
  if (p->nTime > 100000 || p->nType == 0 || p->nType > 256 || p->nChar > 100000
      || p->nLeap > 100000 || p->nIsUt > 256 || p->nIsStd > 256) {
    return false;
  }
  return true;
}

/* Bytes of the data block that follows a header, for 4- or 8-byte times. */
static size_t tzdbBlockSize(const TzHeader *p, size_t nTimeSize) {
  return p->nTime * nTimeSize + p->nTime + p->nType * 6 + p->nChar
         + p->nLeap * (nTimeSize + 4) + p->nIsStd + p->nIsUt;
}

static void tzdbZoneFree(TzZone *p) {
  if (p == NULL) return;
  tg_free(p->zName);
  tg_free(p->aTrans);
  tg_free(p->aIdx);
  tg_free(p->aOff);
  tg_free(p);
}

/*
** Builds a zone from the bytes of a TZif file. Returns NULL when the file
** is malformed.
*/
static TzZone *tzdbParse(const char *zName, const unsigned char *a, size_t n) {
  TzHeader h;
  if (!tzdbHeader(a, n, &h)) return NULL;
  size_t nTimeSize = 4;
  const unsigned char *pData = a + 44;
  size_t nBlock = tzdbBlockSize(&h, 4);
  if (44 + nBlock > n) return NULL;
  const unsigned char *pFooter = NULL;
  if (a[4] >= '2') {
    /* Skip the version 1 block; use the 64-bit one. */
    const unsigned char *a2 = a + 44 + nBlock;
    size_t n2 = n - 44 - nBlock;
    if (!tzdbHeader(a2, n2, &h)) return NULL;
    nTimeSize = 8;
    nBlock = tzdbBlockSize(&h, 8);
    if (44 + nBlock > n2) return NULL;
    pData = a2 + 44;
    pFooter = pData + nBlock;
  }

  TzZone *p = tg_calloc(1, sizeof(TzZone));
  p->zName = tg_strndup(zName, strlen(zName));
  p->nTrans = (int)h.nTime;
  p->nType = (int)h.nType;
  p->aTrans = tg_malloc(sizeof(int64_t) * (h.nTime ? h.nTime : 1));
  p->aIdx = tg_malloc(h.nTime ? h.nTime : 1);
  p->aOff = tg_malloc(sizeof(int32_t) * h.nType);
  const unsigned char *q = pData;
  for (uint32_t i = 0; i < h.nTime; i++, q += nTimeSize) {
    p->aTrans[i] = nTimeSize == 8 ? tzdbBe64(q) : (int64_t)(int32_t)tzdbBe32(q);
    if (i > 0 && p->aTrans[i] <= p->aTrans[i - 1]) goto bad;
  }
  for (uint32_t i = 0; i < h.nTime; i++, q++) {
    if (*q >= h.nType) goto bad;
    p->aIdx[i] = *q;
  }
  for (uint32_t i = 0; i < h.nType; i++, q += 6) {
    int32_t iOff = (int32_t)tzdbBe32(q);
    if (iOff < -25 * 3600 || iOff > 26 * 3600) goto bad;
    p->aOff[i] = iOff;
  }

  if (pFooter && pFooter < a + n && *pFooter == '\n') {
    const unsigned char *zEnd = memchr(pFooter + 1, '\n', (size_t)(a + n - pFooter - 1));
    if (zEnd && zEnd - pFooter - 1 < 128) {
      char zRule[128];
      size_t nRule = (size_t)(zEnd - pFooter - 1);
      memcpy(zRule, pFooter + 1, nRule);
      zRule[nRule] = 0;
      if (nRule > 0 && tzdbParseRule(zRule, &p->rule)) p->bRule = true;
    }
  }
  return p;

bad:
  tzdbZoneFree(p);
  return NULL;
}

/*
** True if zName looks like an IANA zone name we may turn into a path:
** letters, digits, '_', '-', '+' and '/' separating non-empty parts that
** do not start with '.'. The "posix/" and "right/" trees (duplicates, and
** leap-second variants) and the host's "localtime" are refused.
*/
static bool tzdbNameOk(const char *zName) {
  size_t n = strlen(zName);
  if (n == 0 || n > 64 || zName[0] == '/' || zName[n - 1] == '/') return false;
  bool bPartStart = true;
  for (size_t i = 0; i < n; i++) {
    char c = zName[i];
    if (c == '/') {
      if (bPartStart) return false;
      bPartStart = true;
      continue;
    }
    bool bOk = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || c == '_' || c == '-' || c == '+';
    if (!bOk) return false;
    bPartStart = false;
  }
  if (strncmp(zName, "posix/", 6) == 0 || strncmp(zName, "right/", 6) == 0) return false;
  if (strcmp(zName, "localtime") == 0 || strcmp(zName, "posixrules") == 0) return false;
  return true;
}

/* Reads and parses the TZif file of a zone. NULL if absent or malformed. */
static TzZone *tzdbLoad(const char *zName) {
  const char *zDir = getenv("TZDIR");
  if (zDir == NULL || zDir[0] == 0) zDir = "/usr/share/zoneinfo";
  char zPath[512];
  int nPath = snprintf(zPath, sizeof(zPath), "%s/%s", zDir, zName);
  if (nPath < 0 || (size_t)nPath >= sizeof(zPath)) return NULL;
  FILE *pFile = fopen(zPath, "rb");
  if (pFile == NULL) return NULL;
  enum { TZDB_MAX_FILE = 1 << 20 };
  unsigned char *a = tg_malloc(TZDB_MAX_FILE);
  size_t n = fread(a, 1, TZDB_MAX_FILE, pFile);
  bool bTooBig = n == TZDB_MAX_FILE;
  fclose(pFile);
  TzZone *p = bTooBig ? NULL : tzdbParse(zName, a, n);
  tg_free(a);
  return p;
}

/* ---- The cache ---------------------------------------------------------- */

static pthread_mutex_t tzdbMutex = PTHREAD_MUTEX_INITIALIZER;
static TzZone **tzdbZones = NULL;   /* loaded zones */
static int tzdbCount = 0;           /* entries used */
static int tzdbAlloc = 0;           /* entries allocated */

const TzZone *tzdb_find(const char *zName) {
  /* Neo4j takes "America/Los Angeles" for "America/Los_Angeles": the
  ** files are named with underscores, so look the name up with them. */
  char zUnderscored[72];
  if (zName && strchr(zName, ' ') && strlen(zName) < sizeof(zUnderscored)) {
    size_t n = strlen(zName);
    for (size_t i = 0; i <= n; i++) zUnderscored[i] = zName[i] == ' ' ? '_' : zName[i];
    zName = zUnderscored;
  }
  if (zName == NULL || !tzdbNameOk(zName)) return NULL;
  TzZone *pFound = NULL;
  pthread_mutex_lock(&tzdbMutex);
  for (int i = 0; i < tzdbCount; i++) {
    if (strcmp(tzdbZones[i]->zName, zName) == 0) {
      pFound = tzdbZones[i];
      break;
    }
  }
  if (pFound == NULL) {
    pFound = tzdbLoad(zName);
    if (pFound) {
      if (tzdbCount == tzdbAlloc) {
        tzdbAlloc = tzdbAlloc ? tzdbAlloc * 2 : 16;
        tzdbZones = tg_realloc(tzdbZones, sizeof(TzZone *) * (size_t)tzdbAlloc);
      }
      tzdbZones[tzdbCount++] = pFound;
    }
  }
  pthread_mutex_unlock(&tzdbMutex);
  return pFound;
}

void tzdb_shutdown(void) {
  pthread_mutex_lock(&tzdbMutex);
  for (int i = 0; i < tzdbCount; i++) tzdbZoneFree(tzdbZones[i]);
  tg_free(tzdbZones);
  tzdbZones = NULL;
  tzdbCount = tzdbAlloc = 0;
  pthread_mutex_unlock(&tzdbMutex);
}

const char *tzdb_name(const TzZone *pZone) { return pZone->zName; }

int32_t tzdb_offset_at(const TzZone *p, int64_t iUtc) {
  if (p->nTrans == 0 || iUtc >= p->aTrans[p->nTrans - 1]) {
    if (p->bRule) return tzdbRuleOffset(&p->rule, iUtc);
    if (p->nTrans == 0) return p->aOff[0];
    return p->aOff[p->aIdx[p->nTrans - 1]];
  }
  if (iUtc < p->aTrans[0]) return p->aOff[0];
  /* Largest i with aTrans[i] <= iUtc. */
  int lo = 0, hi = p->nTrans - 1;
  while (lo < hi) {
    int mid = lo + (hi - lo + 1) / 2;
    if (p->aTrans[mid] <= iUtc) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return p->aOff[p->aIdx[lo]];
}

int64_t tzdb_local_to_utc(const TzZone *p, int64_t iLocal, bool bPrefer,
                          int32_t iPreferred, int32_t *pOffset) {
  /* The offsets in force a day either side bracket any single transition
  ** near iLocal (offsets stay within +-26h, transitions are far apart). */
  int32_t iEarly = tzdb_offset_at(p, iLocal - TZDB_SECS_PER_DAY - 2 * 3600);
  int32_t iLate = tzdb_offset_at(p, iLocal + TZDB_SECS_PER_DAY + 2 * 3600);
  bool bEarlyOk = tzdb_offset_at(p, iLocal - iEarly) == iEarly;
  bool bLateOk = tzdb_offset_at(p, iLocal - iLate) == iLate;
  int32_t iOff;
  if (iEarly == iLate) {
    iOff = bEarlyOk ? iEarly : tzdb_offset_at(p, iLocal - iEarly);
  } else if (bEarlyOk && bLateOk) {
    iOff = (bPrefer && iPreferred == iLate) ? iLate : iEarly;   /* overlap */
  } else if (bEarlyOk) {
    iOff = iEarly;
  } else if (bLateOk) {
    iOff = iLate;
  } else {
    /* A gap: keep the instant the earlier offset gives, which shows as a
    ** local time later by the length of the gap. */
    int64_t iUtc = iLocal - iEarly;
    *pOffset = tzdb_offset_at(p, iUtc);
    return iUtc;
  }
  *pOffset = iOff;
  return iLocal - iOff;
}

/* ==== Durations ========================================================= */

/* x rounded to the nearest integer if it is within eps of it. */
static long double tzdbSnap(long double x, long double eps) {
  long double r = roundl(x);
  return fabsl(x - r) <= eps ? r : x;
}

/* True if x, already whole, fits in int64. */
static bool tzdbFits(long double x) {
  return x > -9223372036854775808.0L && x < 9223372036854775808.0L;
}

bool tzdb_duration_approx(long double rMonths, long double rDays,
                          long double rSecs, long double rNanos, int64_t aOut[4]) {
  if (!isfinite(rMonths) || !isfinite(rDays) || !isfinite(rSecs) || !isfinite(rNanos)) {
    return false;
  }
  /* Snapping absorbs the rounding error of binary fractions, so that half
  ** a month is exactly 15 days and 18873 seconds. */
  long double m = truncl(rMonths);
  long double d = tzdbSnap(rDays + (rMonths - m) * (long double)TZDB_SECS_PER_AVG_MONTH / 86400.0L,
                           1e-9L);
  long double dd = truncl(d);
  long double s = tzdbSnap(rSecs + (d - dd) * 86400.0L, 1e-10L);
  long double ss = truncl(s);
  long double n = tzdbSnap(rNanos + (s - ss) * 1e9L, 1e-4L);
  long double nn = truncl(n);   /* a fraction of a nanosecond is dropped, as Neo4j does */
  if (!tzdbFits(m) || !tzdbFits(dd) || !tzdbFits(ss) || !tzdbFits(nn)) return false;
  int64_t iSecs = (int64_t)ss, iNanos = (int64_t)nn;
  int64_t iCarry = tzdb_floor_div(iNanos, TZDB_NANOS_PER_SEC);
  if (__builtin_add_overflow(iSecs, iCarry, &iSecs)) return false;
  aOut[0] = (int64_t)m;
  aOut[1] = (int64_t)dd;
  aOut[2] = iSecs;
  aOut[3] = tzdb_floor_mod(iNanos, TZDB_NANOS_PER_SEC);
  return true;
}
