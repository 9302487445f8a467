/*
** temporal.h — Cypher's temporal types: date, time, localtime, datetime,
** localdatetime and duration.
**
** A temporal Value (type VAL_DATE ... VAL_DURATION) points at a Temporal
** record, allocated in an arena (or in a heap block for values stored in
** the graph). The record keeps the local fields; an instant is derived
** from them and the UTC offset when needed (comparisons, zone changes).
**
**   type            days        seconds       nanos   offset  zZone
**   date            epoch days  0             0       0       NULL
**   localtime       0           of the day    yes     0       NULL
**   time            0           of the day    yes     yes     NULL
**   localdatetime   epoch days  of the day    yes     0       NULL
**   datetime        epoch days  of the day    yes     yes     IANA name or NULL
**   duration        days        seconds       yes     -       -      (+ months)
**
** "epoch days" count from 1970-01-01 in the proleptic Gregorian calendar;
** "of the day" is local wall-clock time; offset is seconds east of UTC.
** A duration keeps months, days, seconds and nanoseconds apart, as Cypher
** requires (a month is not a fixed number of days). For durations, seconds
** and nanos share a sign convention: nanos is in 0..999999999 and seconds
** carries the sign (-0.5s is seconds=-1, nanos=500000000).
*/
#ifndef TANGLE_TEMPORAL_H
#define TANGLE_TEMPORAL_H

#include "base/error.h"
#include "base/strbuf.h"
#include "value/value.h"

struct Temporal {
  int64_t months;       /* duration only */
  int64_t days;         /* see the table above */
  int64_t seconds;      /* see the table above */
  int32_t nanos;        /* 0..999999999 */
  int32_t offset;       /* UTC offset in seconds (time, datetime) */
  const char *zZone;    /* IANA zone name (datetime), NUL-terminated, or NULL */
};

/* A Value of the given temporal type whose record is copied into pA. */
Value temporal_value(Arena *pA, int type, const Temporal *pT);

/* Cypher's rules for temporals (called by value.c for temporal types).
** Equality and comparison are within one type; durations are equal when
** all four fields are equal, and are not orderable with < (null). */
Tri temporal_equals(const Value *a, const Value *b);
Tri temporal_less(const Value *a, const Value *b);
int temporal_compare(const Value *a, const Value *b);  /* same type; total order */
uint64_t temporal_hash(const Value *p);

/* ISO 8601 text as Cypher prints it: 2015-07-21, 21:40:32.142+01:00,
** 2015-07-21T21:40:32.142+02:00[Europe/Stockholm], P14DT16H12M, ... */
void temporal_format(StrBuf *pOut, const Value *p);

/* Property access on a temporal value: d.year, t.hour, dt.timezone,
** dur.minutes, ... Returns false (and leaves *pOut null) when the key is
** not a component of this type. */
bool temporal_component(Arena *pA, const Value *p, const char *zKey, Value *pOut);

/* Temporal arithmetic for the + and - operators: temporal +/- duration,
** duration +/- duration, duration * number, duration / number. Returns
** false when the operand types do not combine (the caller raises a type
** error); errors such as overflow are set in pErr. */
bool temporal_arith(Arena *pA, int op, const Value *a, const Value *b,
                    Value *pOut, TgError *pErr);
#define TEMPORAL_OP_ADD 1
#define TEMPORAL_OP_SUB 2
#define TEMPORAL_OP_MUL 3
#define TEMPORAL_OP_DIV 4

/* The temporal functions (date(), datetime.truncate(), duration.between()
** ...) register through func.h like every other function family. */

#endif /* TANGLE_TEMPORAL_H */
