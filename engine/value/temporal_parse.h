/*
** temporal_parse.h — ISO 8601 text to temporal values, shared by the
** temporal functions (eval/func_temporal.c) and the bulk import
** (store/import.c). See temporal_parse.c for the forms accepted.
*/
#ifndef TANGLE_TEMPORAL_PARSE_H
#define TANGLE_TEMPORAL_PARSE_H

#include "value/temporal.h"

/* A date, time or datetime as written, before its zone is resolved. */
typedef struct TemporalText {
  int64_t days;          /* local epoch days (types with a date) */
  int64_t sec;           /* local second of the day (types with a time) */
  int32_t nanos;         /* 0..999999999 */
  bool bOffset;          /* an offset was written ... */
  int32_t offset;        /* ... this one, seconds east of UTC */
  const char *zZone;     /* a [Zone] name was written: its bytes (into the text) */
  int nZone;             /* ... and their count */
} TemporalText;

/* Parses the text of a temporal type VAL_DATE .. VAL_DATETIME (not
** duration): syntax and calendar. False when it does not parse. */
bool temporal_parse_text(int type, const char *z, int n, TemporalText *p);

/* Parses an offset at z[*pi] (Z, +HH, +HHMM, +HHMMSS, +HH:MM, +HH:MM:SS)
** and advances *pi. False when there is none or it is out of range. */
bool temporal_parse_offset(const char *z, int n, int *pi, int32_t *pOffset);

/* Calendar checks: a date within Cypher's range (years -999999999 ..
** 999999999) as epoch days. False when invalid. */
bool temporal_days_ok(int64_t days);
bool temporal_civil_days(int64_t y, int64_t m, int64_t d, int64_t *pDays);
bool temporal_week_days(int64_t weekYear, int64_t week, int64_t dayOfWeek, int64_t *pDays);
bool temporal_ordinal_days(int64_t y, int64_t ordinalDay, int64_t *pDays);

/* Duration components, in the order they appear in ISO text. ORDER TDUR */
enum {
  TDUR_YEARS, TDUR_MONTHS, TDUR_WEEKS, TDUR_DAYS, TDUR_HOURS, TDUR_MINUTES, TDUR_SECONDS,
  TDUR_MILLISECONDS, TDUR_MICROSECONDS, TDUR_NANOSECONDS, TDUR__COUNT
};

/* One duration component: an integer or a fraction. */
typedef struct DurationPart {
  bool bSet;          /* given */
  bool bInt;          /* i holds it exactly; otherwise r */
  int64_t i;
  long double r;
} DurationPart;

/* Parses duration text into a[TDUR__COUNT]. False when it does not parse. */
bool temporal_parse_duration(const char *z, int n, DurationPart *a);

/* The duration record of a[TDUR__COUNT]; false when a field overflows. */
bool temporal_duration_of(const DurationPart *a, Temporal *pOut);

/*
** Text of type (VAL_DATE .. VAL_DURATION) to a value whose record is
** copied into pA. A time or datetime that names no zone is in UTC. False
** when the text does not parse, names an unknown zone or is out of range.
*/
bool temporal_from_text(Arena *pA, int type, const char *z, int n, Value *pOut);

#endif /* TANGLE_TEMPORAL_PARSE_H */
