/*
** tzdb.h — civil time: the proleptic Gregorian calendar, IANA time zones
** read from the system tz database, and the calendar-aware splitting of
** fractional durations.
**
** This is the arithmetic that temporal.c (the Temporal record semantics)
** and func_temporal.c (the constructors and functions) share. Nothing here
** knows about Values.
**
** Calendar. Days are counted from 1970-01-01 ("epoch days") in the
** proleptic Gregorian calendar, for years TZDB_MIN_YEAR..TZDB_MAX_YEAR
** (the range Cypher supports). Weeks are ISO 8601 weeks: they start on
** Monday, and week 1 of a week-year is the week that holds its first
** Thursday.
**
** Zones. tzdb_find() loads /usr/share/zoneinfo/<name> (or $TZDIR/<name>),
** a TZif file, on first use and keeps it in a process-wide cache guarded
** by a mutex; the returned zone is immutable and lives until
** tzdb_shutdown(), so callers may keep the pointer. Instants after the
** last transition follow the POSIX TZ rule in the file's footer. Offsets
** are seconds east of UTC.
*/
#ifndef TANGLE_TZDB_H
#define TANGLE_TZDB_H

#include "base/common.h"

/* ---- Calendar ------------------------------------------------------- */

#define TZDB_MIN_YEAR (-999999999LL)
#define TZDB_MAX_YEAR 999999999LL
#define TZDB_SECS_PER_DAY 86400LL
#define TZDB_NANOS_PER_SEC 1000000000LL
#define TZDB_MAX_OFFSET (18 * 3600)        /* offsets lie within +-18:00 */

int64_t tzdb_floor_div(int64_t a, int64_t b);   /* b > 0 */
int64_t tzdb_floor_mod(int64_t a, int64_t b);   /* b > 0; result in 0..b-1 */

bool tzdb_is_leap(int64_t y);
int tzdb_days_in_month(int64_t y, int m);       /* m in 1..12 */
int tzdb_days_in_year(int64_t y);

/* Epoch days of y-m-d; m and d must be valid (d may not exceed the month). */
int64_t tzdb_days_from_civil(int64_t y, int m, int d);
/* The civil date of epoch day z. */
void tzdb_civil_from_days(int64_t z, int64_t *pY, int *pM, int *pD);

/* Epoch days of the first and last supported dates. */
int64_t tzdb_min_days(void);
int64_t tzdb_max_days(void);

/* ISO day of the week of epoch day z: 1 = Monday .. 7 = Sunday. */
int tzdb_weekday(int64_t z);
/* ISO week-year and week (1..53) of epoch day z. */
void tzdb_iso_week(int64_t z, int64_t *pWeekYear, int *pWeek);
/* Number of ISO weeks (52 or 53) in a week-year. */
int tzdb_weeks_in_year(int64_t weekYear);
/* Epoch day of (weekYear, week, dayOfWeek); no range checks. */
int64_t tzdb_days_from_week(int64_t weekYear, int week, int dayOfWeek);

/* ---- Time zones ----------------------------------------------------- */

typedef struct TzZone TzZone;

/* The zone named zName ("Europe/Stockholm"; a space stands for an
** underscore, as Neo4j allows: "America/Los Angeles"), or NULL when there
** is no such zone or the name is not a plain zone name. Its tzdb_name()
** is the name with underscores. Thread-safe. */
const TzZone *tzdb_find(const char *zName);

/* The zone's IANA name, NUL-terminated; lives as long as the zone. */
const char *tzdb_name(const TzZone *pZone);

/* Offset from UTC in force at instant iUtc (seconds since the epoch). */
int32_t tzdb_offset_at(const TzZone *pZone, int64_t iUtc);

/*
** The instant (UTC seconds) of local wall-clock time iLocal (seconds since
** 1970-01-01T00:00 local) in the zone, with the offset chosen written to
** *pOffset. Follows java.time's rule: in an overlap the preferred offset
** is kept when it is one of the two (bPrefer), else the earlier offset
** (the one before the transition); in a gap the local time is moved
** later by the length of the gap.
*/
int64_t tzdb_local_to_utc(const TzZone *pZone, int64_t iLocal, bool bPrefer,
                          int32_t iPreferred, int32_t *pOffset);

/* Frees every cached zone. Pointers from tzdb_find() become invalid.
** For tests and orderly shutdown only; not safe while other threads
** use zones. */
void tzdb_shutdown(void);

/* ---- Durations ------------------------------------------------------ */

/* The average Gregorian month: 365.2425 days / 12, in seconds. */
#define TZDB_SECS_PER_AVG_MONTH 2629746LL

/*
** Splits a duration given as possibly fractional months, days, seconds and
** nanoseconds into whole units, Cypher's way: the fraction of a month
** becomes days (at the average month length), the fraction of a day
** becomes seconds, the fraction of a second becomes nanoseconds, and a
** fraction of a nanosecond is dropped (truncated, as Neo4j does). aOut receives
** months, days, seconds, nanos with nanos in 0..999999999 and seconds
** carrying the sign. Returns false when a part does not fit in 64 bits or
** an input is not finite.
*/
bool tzdb_duration_approx(long double rMonths, long double rDays,
                          long double rSecs, long double rNanos, int64_t aOut[4]);

#endif /* TANGLE_TZDB_H */
