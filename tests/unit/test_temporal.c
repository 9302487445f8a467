/*
** test_temporal.c — unit tests for Cypher's temporal types: parsing and
** ISO formatting, construction from maps, component access, zone rules
** (Europe/Stockholm summer and winter, gaps and overlaps, the footer rule
** far in the future), arithmetic, truncation, duration.between(),
** comparison and hashing, the calendar at its edges, errors, and the
** import's parser (temporal_from_text) against the functions.
**
** The functions are called through their FuncDef entries in
** func_temporal_defs, the way the evaluator calls them, with a fixed
** statement clock (2023-11-14T22:13:20.123456789Z) in UTC.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "eval/func.h"
#include "value/temporal.h"
#include "value/temporal_parse.h"
#include "base/tzdb.h"

#define STMT_TIME_NS 1700000000123456789LL

static Arena gArena;          /* results of the current test */
static TgError gErr;          /* error of the last call */

static int setupTest(void **state) {
  (void)state;
  arena_init(&gArena);
  error_clear(&gErr);
  return 0;
}

static int teardownTest(void **state) {
  (void)state;
  arena_free(&gArena);
  return 0;
}

static int teardownGroup(void **state) {
  (void)state;
  tzdb_shutdown();
  return 0;
}

/* ---- Helpers ------------------------------------------------------------ */

/* The definition of a temporal function; names match case-insensitively,
** as func_lookup() matches them. */
static const FuncDef *findDef(const char *zName) {
  for (int i = 0; i < func_temporal_count; i++) {
    const char *a = func_temporal_defs[i].zName, *b = zName;
    while (*a && *b && (*a | 0x20) == (*b | 0x20)) a++, b++;
    if (*a == 0 && *b == 0) return &func_temporal_defs[i];
  }
  fail_msg("no temporal function %s", zName);
  return NULL;
}

/* Calls a temporal function; returns its value, or null with gErr set. */
static Value callN(const char *zName, int nArg, const Value *aArg) {
  const FuncDef *pDef = findDef(zName);
  assert_true(nArg >= pDef->nMinArg && (pDef->nMaxArg < 0 || nArg <= pDef->nMaxArg));
  error_clear(&gErr);
  if (pDef->flags & FUNCF_NULL_IN_NULL_OUT) {
    for (int i = 0; i < nArg; i++) {
      if (aArg[i].type == VAL_NULL) return value_null();
    }
  }
  FuncCtx ctx;
  memset(&ctx, 0, sizeof(ctx));
  ctx.pArena = &gArena;
  ctx.pErr = &gErr;
  ctx.iOfst = -1;
  ctx.iStmtTimeNs = STMT_TIME_NS;
  ctx.zLocalZone = "UTC";
  error_clear(&gErr);
  Value out = value_null();
  pDef->xImpl(&ctx, nArg, aArg, &out);
  return gErr.code ? value_null() : out;
}

static Value str(const char *z) { return value_cstr(&gArena, z); }

/* fn('text') */
static Value parse(const char *zFn, const char *zText) {
  Value a = str(zText);
  return callN(zFn, 1, &a);
}

/* A map from alternating key / Value pairs, ended by NULL. */
static Value mapOf(const char *zKey, ...) {
  MapEntry aEnt[24];
  int n = 0;
  va_list ap;
  va_start(ap, zKey);
  for (const char *k = zKey; k; k = va_arg(ap, const char *)) {
    aEnt[n].zKey = k;
    aEnt[n].nKey = (uint32_t)strlen(k);
    aEnt[n].v = va_arg(ap, Value);
    n++;
  }
  va_end(ap);
  Value m = value_map_new(&gArena, (uint32_t)n);
  for (int i = 0; i < n; i++) m.u.m[i] = aEnt[i];
  return m;
}

/* fn(map) */
static Value build(const char *zFn, Value map) { return callN(zFn, 1, &map); }

static Value I(int64_t i) { return value_int(i); }
static Value F(double f) { return value_float(f); }

/* Asserts v formats as zWant. */
static void assertIso(Value v, const char *zWant) {
  assert_int_equal(gErr.code, TG_ERR_NONE);
  assert_true(value_is_temporal(&v));
  StrBuf b;
  strbuf_init(&b);
  temporal_format(&b, &v);
  assert_string_equal(strbuf_cstr(&b), zWant);
  strbuf_free(&b);
}

/* Asserts the last call failed with the given error kind. */
static void assertError(Value v, int code) {
  assert_int_equal(v.type, VAL_NULL);
  assert_int_equal(gErr.code, code);
}

/* An integer component. */
static int64_t comp(Value v, const char *zKey) {
  Value out;
  assert_true(temporal_component(&gArena, &v, zKey, &out));
  assert_int_equal(out.type, VAL_INT);
  return out.u.i;
}

/* A string component. */
static const char *compStr(Value v, const char *zKey) {
  Value out;
  assert_true(temporal_component(&gArena, &v, zKey, &out));
  assert_int_equal(out.type, VAL_STRING);
  return out.u.z;
}

/* a op b, asserting the types combine and no error. */
static Value arith(int op, Value a, Value b) {
  Value out;
  error_clear(&gErr);
  assert_true(temporal_arith(&gArena, op, &a, &b, &out, &gErr));
  return out;
}

/* ---- Parsing and formatting --------------------------------------------- */

static void test_parse_dates(void **state) {
  (void)state;
  assertIso(parse("date", "2015-07-21"), "2015-07-21");
  assertIso(parse("date", "20150721"), "2015-07-21");
  assertIso(parse("date", "2015-07"), "2015-07-01");
  assertIso(parse("date", "2015-W30-2"), "2015-07-21");
  assertIso(parse("date", "2015W302"), "2015-07-21");
  assertIso(parse("date", "2015-W30"), "2015-07-20");
  assertIso(parse("date", "2015-202"), "2015-07-21");
  assertIso(parse("date", "2015202"), "2015-07-21");
  assertIso(parse("date", "2015"), "2015-01-01");
  assertError(parse("date", "2015-13-01"), TG_ERR_ARGUMENT);
  assertError(parse("date", "2015-07-21T10:00"), TG_ERR_ARGUMENT);
  assertError(parse("date", "15-07-21"), TG_ERR_ARGUMENT);
}

static void test_parse_times(void **state) {
  (void)state;
  assertIso(parse("localtime", "21:40:32.142"), "21:40:32.142");
  assertIso(parse("localtime", "214032.142"), "21:40:32.142");
  assertIso(parse("localtime", "2140"), "21:40");
  assertIso(parse("localtime", "21"), "21:00");
  assertIso(parse("localtime", "21:40:32,5"), "21:40:32.5");
  assertIso(parse("time", "21:40:32.142+0100"), "21:40:32.142+01:00");
  assertIso(parse("time", "214032-0100"), "21:40:32-01:00");
  assertIso(parse("time", "2140-00:00"), "21:40Z");
  assertIso(parse("time", "22+18:00"), "22:00+18:00");
  assertIso(parse("time", "12:34:56+02:05:59"), "12:34:56+02:05:59");
  assertIso(parse("time", "10:00"), "10:00Z");    /* the default zone is UTC */
  assertError(parse("time", "22+19:00"), TG_ERR_ARGUMENT);
  assertError(parse("localtime", "24:00"), TG_ERR_ARGUMENT);
  assertError(parse("localtime", "12:00+01:00"), TG_ERR_ARGUMENT);
}

static void test_parse_datetimes(void **state) {
  (void)state;
  assertIso(parse("localdatetime", "2015-W30-2T214032.142"), "2015-07-21T21:40:32.142");
  assertIso(parse("localdatetime", "2015T214032"), "2015-01-01T21:40:32");
  assertIso(parse("datetime", "2015-202T21:40:32+01:00"), "2015-07-21T21:40:32+01:00");
  assertIso(parse("datetime", "2015-W30T2140-02"), "2015-07-20T21:40-02:00");
  assertIso(parse("datetime", "2015-07-21T21:40:32.142+0845[Australia/Eucla]"),
            "2015-07-21T21:40:32.142+08:45[Australia/Eucla]");
  assertIso(parse("datetime", "2015-07-21T21:40:32.142[Europe/London]"),
            "2015-07-21T21:40:32.142+01:00[Europe/London]");
  /* An offset that disagrees with the zone fixes the instant. */
  assertIso(parse("datetime", "2015-07-21T21:40:32.142+01:00[Europe/Stockholm]"),
            "2015-07-21T22:40:32.142+02:00[Europe/Stockholm]");
  /* A space stands for an underscore, as Neo4j allows. */
  assertIso(parse("datetime", "2024-05-01T10:00[America/Los Angeles]"), "2024-05-01T10:00-07:00[America/Los_Angeles]");
  assertError(parse("datetime", "2015-07-21T21:40[Mars/Olympus_Mons]"), TG_ERR_ARGUMENT);
  assertError(parse("datetime", "2015-07-21T21:40[../../etc/passwd]"), TG_ERR_ARGUMENT);
}

static void test_format_years(void **state) {
  (void)state;
  assertIso(build("date", mapOf("year", I(28), "month", I(11), "day", I(11), NULL)), "0028-11-11");
  assertIso(build("date", mapOf("year", I(-1), NULL)), "-0001-01-01");
  assertIso(build("date", mapOf("year", I(10000), NULL)), "+10000-01-01");
  assertIso(parse("date", "-999999999-01-01"), "-999999999-01-01");
  assertIso(parse("date", "+999999999-12-31"), "+999999999-12-31");
  assertError(build("date", mapOf("year", I(1000000000), NULL)), TG_ERR_ARGUMENT);
}

static void test_format_fractions(void **state) {
  (void)state;
  /* Times print seconds only when needed, and trim the fraction. */
  Value t = build("localtime", mapOf("hour", I(12), "minute", I(31), "second", I(14),
                                     "nanosecond", I(3), NULL));
  assertIso(t, "12:31:14.000000003");
  assertIso(build("localtime", mapOf("hour", I(12), "minute", I(31), "second", I(14),
                                     "microsecond", I(645876), NULL)),
            "12:31:14.645876");
  assertIso(build("localtime", mapOf("hour", I(12), NULL)), "12:00");
  assertIso(parse("localdatetime", "2018-01-01T10:00:00.20"), "2018-01-01T10:00:00.2");
  assertIso(parse("time", "10:00:00.000100+01:00"), "10:00:00.0001+01:00");
  /* Durations trim trailing zeros. */
  assertIso(parse("duration", "PT0.75M"), "PT45S");
  assertIso(parse("duration", "P0.75M"), "P22DT19H51M49.5S");
  assertIso(build("duration", mapOf("seconds", I(0), NULL)), "PT0S");
}

/* ---- Maps ------------------------------------------------------------- */

static void test_map_dates(void **state) {
  (void)state;
  assertIso(build("date", mapOf("year", I(1817), "week", I(1), NULL)), "1816-12-30");
  assertIso(build("date", mapOf("year", I(1818), "week", I(53), NULL)), "1818-12-28");
  assertIso(build("date", mapOf("year", I(1984), "ordinalDay", I(202), NULL)), "1984-07-20");
  assertIso(build("date", mapOf("year", I(1984), "quarter", I(3), "dayOfQuarter", I(45), NULL)),
            "1984-08-14");
  Value d = parse("date", "1984-11-11");
  assertIso(build("date", mapOf("date", d, "week", I(1), NULL)), "1984-01-08");
  assertIso(build("date", mapOf("date", d, "quarter", I(3), NULL)), "1984-08-11");
  assertIso(build("date", mapOf("date", d, "year", I(28), NULL)), "0028-11-11");
  /* A base day that no longer fits its month is clamped. */
  assertIso(build("date", mapOf("date", parse("date", "2020-01-31"), "month", I(2), NULL)),
            "2020-02-29");
  assertError(build("date", mapOf("year", I(1984), "month", I(13), NULL)), TG_ERR_ARGUMENT);
  assertError(build("date", mapOf("year", I(1984), "month", I(2), "day", I(30), NULL)),
              TG_ERR_ARGUMENT);
  assertError(build("date", mapOf("month", I(2), NULL)), TG_ERR_ARGUMENT);
  assertError(build("date", mapOf("year", I(1984), "month", I(2), "week", I(3), NULL)),
              TG_ERR_ARGUMENT);
  assertError(build("date", mapOf("year", str("1984"), NULL)), TG_ERR_TYPE);
  assertError(build("date", mapOf("yaer", I(1984), NULL)), TG_ERR_ARGUMENT);
}

static void test_map_times_and_zones(void **state) {
  (void)state;
  assertIso(build("time", mapOf("hour", I(12), "minute", I(31), "second", I(14), "nanosecond",
                                I(789), "millisecond", I(123), "microsecond", I(456), NULL)),
            "12:31:14.123456789Z");
  Value t = build("time", mapOf("hour", I(12), "minute", I(31), "second", I(14), "microsecond",
                                I(645876), "timezone", str("+01:00"), NULL));
  /* timezone converts a value that has a zone, and attaches to one that has none. */
  assertIso(build("time", mapOf("time", t, "timezone", str("+05:00"), NULL)),
            "16:31:14.645876+05:00");
  assertIso(build("datetime", mapOf("year", I(1984), "month", I(10), "day", I(11), "time", t,
                                    "second", I(42), "timezone", str("Pacific/Honolulu"), NULL)),
            "1984-10-11T01:31:42.645876-10:00[Pacific/Honolulu]");
  Value lt = parse("localtime", "12:31:14");
  assertIso(build("time", mapOf("time", lt, "timezone", str("+05:00"), NULL)), "12:31:14+05:00");
  assertError(build("localtime", mapOf("minute", I(3), NULL)), TG_ERR_ARGUMENT);
  assertError(build("localtime", mapOf("hour", I(1), "minute", I(2), "second", I(3),
                                       "millisecond", I(1000), NULL)),
              TG_ERR_ARGUMENT);
  assertIso(build("datetime", mapOf("year", I(2024), "month", I(5), "day", I(1), "timezone",
                                    str("America/Los Angeles"), NULL)),
            "2024-05-01T00:00-07:00[America/Los_Angeles]");
  assertError(build("datetime", mapOf("year", I(1984), "timezone", str("Nowhere/City"), NULL)),
              TG_ERR_ARGUMENT);
  assertError(build("datetime", mapOf("year", I(1984), "timezone", I(1), NULL)), TG_ERR_TYPE);
}

static void test_now_and_epoch(void **state) {
  (void)state;
  assertIso(callN("datetime", 0, NULL), "2023-11-14T22:13:20.123456789Z");
  assertIso(callN("date", 0, NULL), "2023-11-14");
  Value tokyo = str("Asia/Tokyo");
  assertIso(callN("date.statement", 1, &tokyo), "2023-11-15");
  assertIso(callN("time.transaction", 1, &tokyo), "07:13:20.123456789+09:00");
  assertIso(build("localdatetime", mapOf("timezone", str("Asia/Tokyo"), NULL)),
            "2023-11-15T07:13:20.123456789");
  Value aEpoch[2] = {I(416779), I(999999999)};
  assertIso(callN("datetime.fromepoch", 2, aEpoch), "1970-01-05T19:46:19.999999999Z");
  Value ms = I(-1);
  assertIso(callN("datetime.fromepochmillis", 1, &ms), "1969-12-31T23:59:59.999Z");
  Value nul = value_null();
  assert_int_equal(callN("date.realtime", 1, &nul).type, VAL_NULL);
  assert_int_equal(gErr.code, TG_ERR_NONE);
}

/* ---- Components -------------------------------------------------------- */

static void test_components(void **state) {
  (void)state;
  Value d = parse("date", "1984-10-11");
  assert_int_equal(comp(d, "year"), 1984);
  assert_int_equal(comp(d, "quarter"), 4);
  assert_int_equal(comp(d, "week"), 41);
  assert_int_equal(comp(d, "weekDay"), 4);
  assert_int_equal(comp(d, "ordinalDay"), 285);
  assert_int_equal(comp(d, "dayOfQuarter"), 11);
  Value out;
  assert_false(temporal_component(&gArena, &d, "hour", &out));
  assert_int_equal(out.type, VAL_NULL);

  /* 1984-01-01 is a Sunday in the last week of week-year 1983. */
  Value jan1 = parse("date", "1984-01-01");
  assert_int_equal(comp(jan1, "weekYear"), 1983);
  assert_int_equal(comp(jan1, "week"), 52);
  assert_int_equal(comp(jan1, "dayOfWeek"), 7);

  Value dt = build("datetime", mapOf("year", I(1984), "month", I(11), "day", I(11), "hour", I(12),
                                     "minute", I(31), "second", I(14), "nanosecond", I(645876123),
                                     "timezone", str("Europe/Stockholm"), NULL));
  assert_string_equal(compStr(dt, "timezone"), "Europe/Stockholm");
  assert_string_equal(compStr(dt, "offset"), "+01:00");
  assert_int_equal(comp(dt, "offsetMinutes"), 60);
  assert_int_equal(comp(dt, "epochSeconds"), 469020674);
  assert_int_equal(comp(dt, "epochMillis"), 469020674645LL);
  assert_int_equal(comp(dt, "microsecond"), 645876);

  Value dur = build("duration", mapOf("years", I(1), "months", I(4), "days", I(10), "hours", I(1),
                                      "minutes", I(1), "seconds", I(1), "nanoseconds",
                                      I(111111111), NULL));
  assert_int_equal(comp(dur, "quarters"), 5);
  assert_int_equal(comp(dur, "monthsOfYear"), 4);
  assert_int_equal(comp(dur, "quartersOfYear"), 1);
  assert_int_equal(comp(dur, "daysOfWeek"), 3);
  assert_int_equal(comp(dur, "minutes"), 61);
  assert_int_equal(comp(dur, "milliseconds"), 3661111);
  assert_int_equal(comp(dur, "nanoseconds"), 3661111111111LL);
  assert_int_equal(comp(dur, "millisecondsOfSecond"), 111);

  /* A negative fraction: seconds floor, nanoseconds stay positive. */
  Value neg = parse("duration", "PT-0.5S");
  assert_int_equal(comp(neg, "seconds"), -1);
  assert_int_equal(comp(neg, "nanosecondsOfSecond"), 500000000);
}

/* ---- Zones -------------------------------------------------------------- */

static void test_zone_offsets(void **state) {
  (void)state;
  const TzZone *pZone = tzdb_find("Europe/Stockholm");
  assert_non_null(pZone);
  assert_string_equal(tzdb_name(pZone), "Europe/Stockholm");
  assert_ptr_equal(tzdb_find("Europe/Stockholm"), pZone);     /* cached */
  /* 2017-01-15T12:00Z winter, 2017-07-15T12:00Z summer. */
  assert_int_equal(tzdb_offset_at(pZone, 1484481600), 3600);
  assert_int_equal(tzdb_offset_at(pZone, 1500120000), 7200);
  /* 2200-07-01T00:00Z: beyond the transitions, from the footer rule. */
  assert_int_equal(tzdb_offset_at(pZone, 7273756800LL), 7200);
  assert_null(tzdb_find("Europe/Nowhere"));
  assert_null(tzdb_find("../zoneinfo/UTC"));
  assert_null(tzdb_find("right/UTC"));

  assertIso(build("datetime", mapOf("year", I(1984), "month", I(10), "day", I(11),
                                    "timezone", str("Europe/Stockholm"), NULL)),
            "1984-10-11T00:00+01:00[Europe/Stockholm]");
  assertIso(build("datetime", mapOf("year", I(1984), "ordinalDay", I(202),
                                    "timezone", str("Europe/Stockholm"), NULL)),
            "1984-07-20T00:00+02:00[Europe/Stockholm]");
  /* In the spring gap 02:30 does not exist: it moves an hour later. */
  assertIso(build("datetime", mapOf("year", I(2017), "month", I(3), "day", I(26), "hour", I(2),
                                    "minute", I(30), "timezone", str("Europe/Stockholm"), NULL)),
            "2017-03-26T03:30+02:00[Europe/Stockholm]");
  /* In the autumn overlap 02:30 happens twice: the earlier offset wins... */
  assertIso(build("datetime", mapOf("year", I(2017), "month", I(10), "day", I(29), "hour", I(2),
                                    "minute", I(30), "timezone", str("Europe/Stockholm"), NULL)),
            "2017-10-29T02:30+02:00[Europe/Stockholm]");
  /* ...unless the text names the later one. */
  assertIso(parse("datetime", "2017-10-29T02:30+01:00[Europe/Stockholm]"),
            "2017-10-29T02:30+01:00[Europe/Stockholm]");
  /* Negative DST (Dublin's winter time). */
  assertIso(parse("datetime", "2017-01-01T12:00[Europe/Dublin]"),
            "2017-01-01T12:00Z[Europe/Dublin]");
}

/* ---- Arithmetic ------------------------------------------------------- */

static void test_arith_dates(void **state) {
  (void)state;
  Value d = parse("date", "1984-10-11");
  Value dur =
      build("duration", mapOf("years", I(12), "months", I(5), "days", I(14), "hours", I(16),
                              "minutes", I(12), "seconds", I(70), "nanoseconds", I(2), NULL));
  assertIso(arith(TEMPORAL_OP_ADD, d, dur), "1997-03-25");
  assertIso(arith(TEMPORAL_OP_SUB, d, dur), "1972-04-27");
  assertIso(arith(TEMPORAL_OP_ADD, dur, d), "1997-03-25");      /* commutes */
  /* Months first, clamping the day; then days. */
  assertIso(arith(TEMPORAL_OP_ADD, parse("date", "2020-01-31"), parse("duration", "P1M")),
            "2020-02-29");
  assertIso(arith(TEMPORAL_OP_ADD, parse("date", "2019-01-31"), parse("duration", "P1M1D")),
            "2019-03-01");
  /* A date takes whole days of the seconds, truncated toward zero. */
  assertIso(arith(TEMPORAL_OP_SUB, d, parse("duration", "PT47H")), "1984-10-10");
  assertIso(arith(TEMPORAL_OP_ADD, parse("localtime", "12:31:14.000000001"), dur),
            "04:44:24.000000003");
  assertIso(arith(TEMPORAL_OP_SUB, parse("localtime", "00:00"), parse("duration", "PT1S")),
            "23:59:59");
  Value out;
  assert_false(temporal_arith(&gArena, TEMPORAL_OP_SUB, &dur, &d, &out, &gErr));
  assert_false(temporal_arith(&gArena, TEMPORAL_OP_ADD, &d, &d, &out, &gErr));
  /* Out of range is an ArgumentError, not a wrap-around. */
  out = arith(TEMPORAL_OP_ADD, parse("date", "+999999999-12-31"), parse("duration", "P1D"));
  assertError(out, TG_ERR_ARGUMENT);
}

static void test_arith_zoned(void **state) {
  (void)state;
  Value dt = parse("datetime", "2017-03-25T12:00[Europe/Stockholm]");
  /* A day moves the wall clock; 24 hours move the instant across the DST switch. */
  assertIso(arith(TEMPORAL_OP_ADD, dt, parse("duration", "P1D")),
            "2017-03-26T12:00+02:00[Europe/Stockholm]");
  assertIso(arith(TEMPORAL_OP_ADD, dt, parse("duration", "PT24H")),
            "2017-03-26T13:00+02:00[Europe/Stockholm]");
  Value fixed = parse("datetime", "1984-10-11T12:31:14.000000001+01:00");
  Value dur = build("duration", mapOf("years", F(12.5), "months", F(5.5), "days", F(14.5),
                                      "hours", F(16.5), "minutes", F(12.5), "seconds", F(70.5),
                                      "nanoseconds", I(3), NULL));
  assertIso(arith(TEMPORAL_OP_ADD, fixed, dur), "1997-10-11T22:29:27.500000004+01:00");
  assertIso(arith(TEMPORAL_OP_SUB, fixed, dur), "1971-10-12T02:33:00.499999998+01:00");
}

static void test_arith_durations(void **state) {
  (void)state;
  Value a = build("duration", mapOf("years", I(12), "months", I(5), "days", I(14), "hours", I(16),
                                    "minutes", I(12), "seconds", I(70), "nanoseconds", I(1), NULL));
  Value b = build("duration", mapOf("months", I(1), "days", I(-14), "hours", I(16), "minutes",
                                    I(-12), "seconds", I(70), NULL));
  assertIso(arith(TEMPORAL_OP_ADD, a, b), "P12Y6MT32H2M20.000000001S");
  assertIso(arith(TEMPORAL_OP_SUB, b, a), "P-12Y-4M-28DT-24M-0.000000001S");
  assertIso(arith(TEMPORAL_OP_SUB, a, a), "PT0S");
  assertIso(arith(TEMPORAL_OP_MUL, a, I(2)), "P24Y10M28DT32H26M20.000000002S");
  assertIso(arith(TEMPORAL_OP_MUL, a, F(0.5)), "P6Y2M22DT13H21M8S");
  assertIso(arith(TEMPORAL_OP_DIV, a, I(2)), "P6Y2M22DT13H21M8S");
  assertIso(arith(TEMPORAL_OP_DIV, a, F(0.5)), "P24Y10M28DT32H26M20.000000002S");
  assertIso(arith(TEMPORAL_OP_DIV, parse("duration", "PT-0.5S"), I(2)), "PT-0.25S");
  assertError(arith(TEMPORAL_OP_DIV, a, I(0)), TG_ERR_ARGUMENT);
  assertError(arith(TEMPORAL_OP_MUL, a, I(INT64_MAX)), TG_ERR_ARGUMENT);
  Value big = build("duration", mapOf("seconds", I(INT64_MAX), NULL));
  assertError(arith(TEMPORAL_OP_ADD, big, parse("duration", "PT1S")), TG_ERR_ARGUMENT);
}

/* ---- Truncation ------------------------------------------------------- */

static Value truncate3(const char *zFn, const char *zUnit, Value v, Value map) {
  Value a[3] = {str(zUnit), v, map};
  return callN(zFn, 3, a);
}

static void test_truncate(void **state) {
  (void)state;
  Value dt = parse("datetime", "1984-10-11T12:31:14.645876123-01:00");
  Value empty = mapOf(NULL);
  assertIso(truncate3("date.truncate", "millennium", parse("date", "2017-10-11"), empty),
            "2000-01-01");
  assertIso(truncate3("date.truncate", "weekYear", parse("date", "1984-01-01"), empty),
            "1983-01-03");
  assertIso(truncate3("date.truncate", "week", dt, mapOf("dayOfWeek", I(2), NULL)), "1984-10-09");
  assertIso(
      truncate3("datetime.truncate", "hour", dt, mapOf("timezone", str("Europe/Stockholm"), NULL)),
      "1984-10-11T12:00+01:00[Europe/Stockholm]");
  assertIso(truncate3("time.truncate", "millisecond", dt, mapOf("nanosecond", I(2), NULL)),
            "12:31:14.645000002-01:00");
  assertIso(truncate3("localtime.truncate", "microsecond", dt, mapOf("nanosecond", I(2), NULL)),
            "12:31:14.645876002");
  assertIso(truncate3("datetime.truncate", "day",
                      parse("datetime", "2017-03-26T12:00[Europe/Stockholm]"), empty),
            "2017-03-26T00:00+01:00[Europe/Stockholm]");
  assertIso(truncate3("date.truncate", "decade", build("date", mapOf("year", I(-1), NULL)), empty),
            "-0010-01-01");
  assertError(truncate3("date.truncate", "hour", dt, empty), TG_ERR_ARGUMENT);
  assertError(truncate3("localtime.truncate", "year", dt, empty), TG_ERR_ARGUMENT);
  assertError(truncate3("date.truncate", "fortnight", dt, empty), TG_ERR_ARGUMENT);
}

/* ---- duration.between ------------------------------------------------- */

static Value between(const char *zFn, Value a, Value b) {
  Value aArg[2] = {a, b};
  return callN(zFn, 2, aArg);
}

static void test_between(void **state) {
  (void)state;
  Value d = parse("date", "1984-10-11");
  assertIso(between("duration.between", d, parse("date", "2015-06-24")), "P30Y8M13D");
  assertIso(between("duration.between", d, parse("datetime", "2015-07-21T21:40:32.142+0100")),
            "P30Y9M10DT21H40M32.142S");
  assertIso(between("duration.between", parse("localtime", "14:30"), parse("date", "2015-06-24")),
            "PT-14H-30M");
  assertIso(between("duration.between", parse("datetime", "2014-07-21T21:40:36.143+0200"),
                    parse("datetime", "2015-07-21T21:40:32.142+0100")),
            "P1YT59M55.999S");
  assertIso(between("duration.inmonths", parse("date", "2018-03-11"), parse("date", "2016-06-24")),
            "P-1Y-8M");
  assertIso(between("duration.indays", parse("localdatetime", "2015-07-21T21:40:32.142"),
                    parse("localdatetime", "2016-07-21T21:45:22.142")),
            "P366D");
  assertIso(between("duration.inseconds", parse("localtime", "12:34:54.7"),
                    parse("localtime", "12:34:54.3")),
            "PT-0.4S");
  /* Across the autumn switch: 5 wall-clock hours are 6 real ones. */
  assertIso(
      between("duration.inseconds", parse("datetime", "2017-10-28T23:00+02:00[Europe/Stockholm]"),
              parse("datetime", "2017-10-29T04:00+01:00[Europe/Stockholm]")),
      "PT6H");
  assertIso(between("duration.inseconds",
                    build("date", mapOf("year", I(2017), "month", I(10), "day", I(29), NULL)),
                    parse("datetime", "2017-10-29T04:00[Europe/Stockholm]")),
            "PT5H");
  assertIso(between("duration.between", parse("date", "-999999999-01-01"),
                    parse("date", "+999999999-12-31")),
            "P1999999998Y11M30D");
  assertError(between("duration.between", I(1), d), TG_ERR_TYPE);
  assert_int_equal(between("duration.between", value_null(), d).type, VAL_NULL);
  assert_int_equal(gErr.code, TG_ERR_NONE);
}

/* ---- Comparison and hashing --------------------------------------------- */

static void test_compare_and_hash(void **state) {
  (void)state;
  Value a = parse("time", "10:00+01:00"), b = parse("time", "09:35:14Z");
  assert_int_equal(temporal_less(&a, &b), TRI_TRUE);      /* 09:00Z < 09:35Z */
  assert_int_equal(temporal_equals(&a, &b), TRI_FALSE);
  /* Same instant, different offset: ordered apart but not equal. */
  Value x = parse("datetime", "2020-01-01T01:00+01:00"), y = parse("datetime", "2020-01-01T00:00Z");
  assert_int_equal(temporal_less(&x, &y), TRI_FALSE);
  assert_int_equal(temporal_less(&y, &x), TRI_FALSE);
  assert_int_equal(temporal_equals(&x, &y), TRI_FALSE);
  assert_true(temporal_compare(&x, &y) != 0);
  /* Equal values hash alike, also after a copy to the heap. */
  Value x2 = parse("datetime", "2020-01-01T01:00+01:00");
  assert_int_equal(temporal_equals(&x, &x2), TRI_TRUE);
  assert_int_equal(temporal_compare(&x, &x2), 0);
  assert_true(temporal_hash(&x) == temporal_hash(&x2));
  Value z = parse("datetime", "2015-07-21T21:40:32.142[Europe/Stockholm]");
  Value zc = value_heap_copy(&z);
  assert_int_equal(value_equals(&z, &zc), TRI_TRUE);
  assert_true(value_hash(&z) == value_hash(&zc));
  value_heap_free(&zc);
  /* Durations are equal field by field and not ordered with <. */
  Value d1 = parse("duration", "P12Y5M14DT16H12M70S"),
        d2 = parse("duration", "P12Y5M14DT16H13M10S");
  Value d3 = parse("duration", "P12Y5M13DT40H13M10S");
  assert_int_equal(temporal_equals(&d1, &d2), TRI_TRUE);
  assert_int_equal(temporal_equals(&d1, &d3), TRI_FALSE);
  assert_int_equal(temporal_less(&d1, &d3), TRI_NULL);
  /* Different types are never equal. */
  Value dt = parse("date", "1984-10-11");
  assert_int_equal(value_equals(&d1, &dt), TRI_FALSE);
  assert_int_equal(value_less(&dt, &d1), TRI_NULL);
}

/* ---- Calendar ------------------------------------------------------------- */

static void test_calendar(void **state) {
  (void)state;
  assert_int_equal(tzdb_days_from_civil(1970, 1, 1), 0);
  assert_int_equal(tzdb_days_from_civil(2000, 3, 1), 11017);
  assert_true(tzdb_is_leap(2000));
  assert_false(tzdb_is_leap(1900));
  assert_true(tzdb_is_leap(-4));
  assert_int_equal(tzdb_days_in_month(2024, 2), 29);
  assert_int_equal(tzdb_weeks_in_year(2015), 53);
  assert_int_equal(tzdb_weeks_in_year(2014), 52);
  /* Round trip and day-by-day continuity over both ends of the range. */
  int64_t aStart[3] = {tzdb_min_days(), -800000, tzdb_max_days() - 800000};
  for (int k = 0; k < 3; k++) {
    int64_t py = 0;
    int pm = 0, pd = 0;
    for (int64_t z = aStart[k]; z < aStart[k] + 800000; z++) {
      int64_t y;
      int m, d;
      tzdb_civil_from_days(z, &y, &m, &d);
      if (tzdb_days_from_civil(y, m, d) != z) fail_msg("round trip fails at %lld", (long long)z);
      if (z > aStart[k]) {
        bool bNext = (y == py && m == pm && d == pd + 1) || (y == py && m == pm + 1 && d == 1)
                     || (y == py + 1 && m == 1 && d == 1 && pm == 12);
        if (!bNext) fail_msg("discontinuity at %lld", (long long)z);
      }
      py = y, pm = m, pd = d;
    }
  }
  assert_int_equal(tzdb_min_days(), tzdb_days_from_civil(-999999999, 1, 1));
}

/* ---- Durations from text and maps --------------------------------------- */

static void test_duration_parse(void **state) {
  (void)state;
  assertIso(parse("duration", "P5M1.5D"), "P5M1DT12H");
  assertIso(parse("duration", "P2.5W"), "P17DT12H");
  assertIso(parse("duration", "P12Y5M14DT16H12M70S"), "P12Y5M14DT16H13M10S");
  assertIso(parse("duration", "P2012-02-02T14:37:21.545"), "P2012Y2M2DT14H37M21.545S");
  assertIso(parse("duration", "PT-1M-0.001S"), "PT-1M-0.001S");
  assertIso(parse("duration", "-P1Y2M"), "P-1Y-2M");
  assertIso(build("duration", mapOf("seconds", I(-60), "milliseconds", I(-1), NULL)),
            "PT-1M-0.001S");
  assertIso(build("duration", mapOf("months", F(0.75), NULL)), "P22DT19H51M49.5S");
  assertIso(build("duration", mapOf("weeks", I(1), "days", I(-8), NULL)), "P-1D");
  assertError(parse("duration", "P"), TG_ERR_ARGUMENT);
  assertError(parse("duration", "PT1Y"), TG_ERR_ARGUMENT);
  assertError(parse("duration", "P1D1Y"), TG_ERR_ARGUMENT);
  assertError(build("duration", mapOf("fortnights", I(1), NULL)), TG_ERR_ARGUMENT);
  assertError(build("duration", mapOf("days", str("1"), NULL)), TG_ERR_TYPE);
  assertError(build("duration", mapOf("years", I(INT64_MAX), NULL)), TG_ERR_ARGUMENT);
  assertError(callN("duration", 1, (Value[]){I(1)}), TG_ERR_TYPE);
}

/* The text of a temporal value. */
static const char *textOf(const Value *v) {
  StrBuf b;
  strbuf_init(&b);
  temporal_format(&b, v);
  const char *z = arena_strndup(&gArena, b.z ? b.z : "", b.n);
  strbuf_free(&b);
  return z;
}

/* temporal_from_text (the import's parser) reads what the functions read,
** with UTC where the text names no zone, and refuses what they refuse. */
static void test_from_text(void **state) {
  (void)state;
  static const struct { int type; const char *zFn, *zText; } aCase[] = {
      {VAL_DATE, "date", "2015-07-21"},           {VAL_DATE, "date", "2015-W30-2"},
      {VAL_DATE, "date", "-0044-03-15"},          {VAL_DATE, "date", "+999999-12-31"},
      {VAL_LOCALTIME, "localtime", "21:40:32.142"}, {VAL_TIME, "time", "21:40:32+01:00"},
      {VAL_TIME, "time", "10:00"},                {VAL_LOCALDATETIME, "localdatetime", "2015-07-21T21:40:32.123456789"},
      {VAL_DATETIME, "datetime", "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]"},
      {VAL_DATETIME, "datetime", "2015-07-21T21:40[Europe/Stockholm]"},
      {VAL_DATETIME, "datetime", "2021-03-28T02:30[Europe/Paris]"},
      {VAL_DATETIME, "datetime", "2015-07-21T21:40:32Z"}, {VAL_DATETIME, "datetime", "2015-07-21T21:40:32"},
      {VAL_DURATION, "duration", "P1Y2M3DT4H5M6.7S"}, {VAL_DURATION, "duration", "PT-0.5S"},
      {VAL_DURATION, "duration", "P0001-02-03T04:05:06.5"},
  };
  for (int i = 0; i < (int)(sizeof(aCase) / sizeof(aCase[0])); i++) {
    Value got;
    int n = (int)strlen(aCase[i].zText);
    assert_true(temporal_from_text(&gArena, aCase[i].type, aCase[i].zText, n, &got));
    Value want = parse(aCase[i].zFn, aCase[i].zText);
    assert_int_equal(got.type, want.type);
    assert_string_equal(textOf(&got), textOf(&want));
  }
  Value v;
  assert_false(temporal_from_text(&gArena, VAL_DATE, "2015-02-29", 10, &v));
  assert_false(temporal_from_text(&gArena, VAL_DATETIME, "2015-07-21T21:40[Nowhere/Land]", 29, &v));
  assert_false(temporal_from_text(&gArena, VAL_TIME, "25:00", 5, &v));
  assert_false(temporal_from_text(&gArena, VAL_DURATION, "P999999999999999999Y", 20, &v));
  assert_false(temporal_from_text(&gArena, VAL_LOCALTIME, "", 0, &v));
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test_setup_teardown(test_parse_dates, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_parse_times, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_parse_datetimes, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_format_years, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_format_fractions, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_map_dates, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_map_times_and_zones, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_now_and_epoch, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_components, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_zone_offsets, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_arith_dates, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_arith_zoned, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_arith_durations, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_truncate, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_between, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_compare_and_hash, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_calendar, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_duration_parse, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_from_text, setupTest, teardownTest),
  };
  return cmocka_run_group_tests(aTest, NULL, teardownGroup);
}
