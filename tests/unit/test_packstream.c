/*
** test_packstream.c — unit tests for the PackStream codec (server/packstream.c):
** every scalar at each size boundary, strings, lists and maps at their
** header boundaries, nesting, the temporal structures in their Bolt 5 and
** Bolt 4.4 forms against byte vectors worked out by hand from the Bolt
** documentation, nodes, relationships and paths written from a real
** database (and after their deletion), the low-level readers on Bolt
** messages, and hostile input: every truncation of a valid message, sizes
** claiming more than the message holds, deep nesting, reserved markers,
** non-string keys, byte arrays and entities sent as values. Points
** (Point2D, Point3D) both ways, and the points a client may not send.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"
#include "base/tzdb.h"
#include "base/utf8.h"
#include "server/packstream.h"
#include "value/point.h"
#include "value/temporal.h"

static Arena gArena;     /* values decoded by the current test */

static int setupTest(void **state) {
  (void)state;
  arena_init(&gArena);
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

/* Bytes from hex text ("C9 00 80"); spaces are ignored. Returns the count. */
static size_t unhex(const char *zHex, uint8_t *aOut, size_t nMax) {
  size_t n = 0;
  for (const char *z = zHex; *z;) {
    if (*z == ' ') {
      z++;
      continue;
    }
    unsigned x;
    assert_int_equal(sscanf(z, "%2x", &x), 1);
    assert_true(n < nMax);
    aOut[n++] = (uint8_t)x;
    z += 2;
  }
  return n;
}

/* The bytes of b as hex text, in a static buffer. */
static const char *tohex(const StrBuf *b) {
  static char z[8192];
  size_t k = 0;
  for (size_t i = 0; i < b->n && k + 4 < sizeof(z); i++) {
    k += (size_t)snprintf(z + k, sizeof(z) - k, i ? " %02X" : "%02X", (uint8_t)b->z[i]);
  }
  z[k] = 0;
  return z;
}

/* Encodes *p (no database) with flags and checks the bytes. */
static void expectEncoding(const Value *p, int flags, const char *zHex) {
  StrBuf b;
  strbuf_init(&b);
  char zErr[PS_ERR_MAX];
  assert_true(ps_put_value(&b, NULL, p, flags, zErr, sizeof(zErr)));
  assert_string_equal(tohex(&b), zHex);
  strbuf_free(&b);
}

/* Decodes n bytes as one value, which must use them all. */
static Value decodeBytes(const uint8_t *a, size_t n) {
  PsReader r;
  ps_reader_init(&r, a, n);
  Value v;
  if (!ps_read_value(&r, &gArena, &v)) fail_msg("decode failed: %s", r.zErr);
  assert_int_equal(ps_remaining(&r), 0);
  assert_string_equal(r.zErr, "");
  return v;
}

static Value decodeHex(const char *zHex) {
  static uint8_t a[4096];
  size_t n = unhex(zHex, a, sizeof(a));
  return decodeBytes(a, n);
}

/* Decoding n bytes must fail with an error containing zPart. */
static void expectDecodeErrorBytes(const uint8_t *a, size_t n, const char *zPart) {
  PsReader r;
  ps_reader_init(&r, a, n);
  Value v;
  if (ps_read_value(&r, &gArena, &v)) fail_msg("decoded, expected error '%s'", zPart);
  if (strncmp(r.zErr, "PackStream: ", 12) != 0 || strstr(r.zErr, zPart) == NULL) {
    fail_msg("error '%s' does not contain '%s'", r.zErr, zPart);
  }
}

static void expectDecodeError(const char *zHex, const char *zPart) {
  uint8_t a[4096];
  size_t n = unhex(zHex, a, sizeof(a));
  expectDecodeErrorBytes(a, n, zPart);
}

/* Encodes *p, decodes the bytes, and checks the result is equivalent. */
static void roundTrip(const Value *p) {
  StrBuf b;
  strbuf_init(&b);
  char zErr[PS_ERR_MAX];
  assert_true(ps_put_value(&b, NULL, p, PS_BOLT_V5, zErr, sizeof(zErr)));
  Value v = decodeBytes((const uint8_t *)b.z, b.n);
  assert_true(value_equivalent(p, &v));
  assert_int_equal(v.type, p->type);
  strbuf_free(&b);
}

/* A string of n bytes of 'x' in the test arena. */
static Value bigString(uint32_t n) {
  char *z = arena_alloc(&gArena, n + 1);
  memset(z, 'x', n);
  z[n] = 0;
  return value_str(z, n);
}

/* The value of the only column of a one-row query. */
static Value queryValue(tg_db *pDb, const char *zQuery) {
  tg_stmt *pStmt;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK) fail_msg("%s: %s", zQuery, tg_errmsg(pDb));
  if (tg_step(pStmt) != TG_ROW) fail_msg("%s: %s", zQuery, tg_errmsg(pDb));
  Value v = value_copy(&gArena, tg_column_value(pStmt, 0));
  tg_finalize(pStmt);
  return v;
}

/* ---- Scalars ----------------------------------------------------------- */

static void test_null_bool(void **state) {
  (void)state;
  Value v = value_null();
  expectEncoding(&v, PS_BOLT_V5, "C0");
  v = value_bool(false);
  expectEncoding(&v, PS_BOLT_V5, "C2");
  roundTrip(&v);
  v = value_bool(true);
  expectEncoding(&v, PS_BOLT_V5, "C3");
  roundTrip(&v);
  assert_int_equal(decodeHex("C0").type, VAL_NULL);
}

static void test_int_boundaries(void **state) {
  (void)state;
  static const struct {
    int64_t i;
    const char *zHex;
  } aCase[] = {
    {0, "00"},
    {1, "01"},
    {42, "2A"},
    {127, "7F"},
    {-1, "FF"},
    {-16, "F0"},
    {-17, "C8 EF"},
    {-128, "C8 80"},
    {128, "C9 00 80"},
    {-129, "C9 FF 7F"},
    {32767, "C9 7F FF"},
    {-32768, "C9 80 00"},
    {32768, "CA 00 00 80 00"},
    {-32769, "CA FF FF 7F FF"},
    {INT32_MAX, "CA 7F FF FF FF"},
    {INT32_MIN, "CA 80 00 00 00"},
    {(int64_t)INT32_MAX + 1, "CB 00 00 00 00 80 00 00 00"},
    {(int64_t)INT32_MIN - 1, "CB FF FF FF FF 7F FF FF FF"},
    {INT64_MAX, "CB 7F FF FF FF FF FF FF FF"},
    {INT64_MIN, "CB 80 00 00 00 00 00 00 00"},
  };
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    Value v = value_int(aCase[i].i);
    expectEncoding(&v, PS_BOLT_V5, aCase[i].zHex);
    Value w = decodeHex(aCase[i].zHex);
    assert_int_equal(w.type, VAL_INT);
    assert_true(w.u.i == aCase[i].i);
  }
  /* Longer forms than needed are read too. */
  assert_int_equal(decodeHex("C8 01").u.i, 1);
  assert_int_equal(decodeHex("C9 FF FF").u.i, -1);
  assert_int_equal(decodeHex("CA 00 00 00 05").u.i, 5);
  assert_int_equal(decodeHex("CB FF FF FF FF FF FF FF FE").u.i, -2);
  /* ps_read_int takes any form. */
  uint8_t a[] = {0xC9, 0x01, 0x00};
  PsReader r;
  ps_reader_init(&r, a, sizeof(a));
  int64_t i;
  assert_true(ps_read_int(&r, &i));
  assert_int_equal(i, 256);
  ps_reader_init(&r, "\x81x", 2);
  assert_false(ps_read_int(&r, &i));
  assert_string_equal(r.zErr, "PackStream: expected an integer, found a string");
}

static void test_floats(void **state) {
  (void)state;
  Value v = value_float(1.1);   /* the example of the PackStream page */
  expectEncoding(&v, PS_BOLT_V5, "C1 3F F1 99 99 99 99 99 9A");
  roundTrip(&v);
  v = value_float(-0.0);
  expectEncoding(&v, PS_BOLT_V5, "C1 80 00 00 00 00 00 00 00");
  Value w = decodeHex("C1 80 00 00 00 00 00 00 00");
  assert_true(w.type == VAL_FLOAT && w.u.f == 0 && signbit(w.u.f));
  v = value_float(INFINITY);
  roundTrip(&v);
  v = value_float(-1e300);
  roundTrip(&v);
  w = decodeHex("C1 7F F8 00 00 00 00 00 00");
  assert_true(w.type == VAL_FLOAT && isnan(w.u.f));
}

static void test_strings(void **state) {
  (void)state;
  Value v = value_str("", 0);
  expectEncoding(&v, PS_BOLT_V5, "80");
  v = value_str("A", 1);
  expectEncoding(&v, PS_BOLT_V5, "81 41");
  /* The PackStream page's example, 18 bytes of UTF-8. */
  v = value_str("Größenmaßstäbe", 18);
  expectEncoding(&v, PS_BOLT_V5,
                 "D0 12 47 72 C3 B6 C3 9F 65 6E 6D 61 C3 9F 73 74 C3 A4 62 65");
  roundTrip(&v);
  /* Header at each size boundary. */
  static const struct {
    uint32_t n;
    const char *zHead;
    int nHead;
  } aCase[] = {
    {15, "8F", 1}, {16, "D0 10", 2}, {255, "D0 FF", 2}, {256, "D1 01 00", 3},
    {65535, "D1 FF FF", 3}, {65536, "D2 00 01 00 00", 5}, {70000, "D2 00 01 11 70", 5},
  };
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    v = bigString(aCase[i].n);
    StrBuf b;
    strbuf_init(&b);
    ps_put_string(&b, v.u.z, v.n);
    assert_int_equal(b.n, aCase[i].n + (size_t)aCase[i].nHead);
    StrBuf head = {b.z, (size_t)aCase[i].nHead, 0};
    assert_string_equal(tohex(&head), aCase[i].zHead);
    Value w = decodeBytes((const uint8_t *)b.z, b.n);
    assert_true(w.type == VAL_STRING && w.n == aCase[i].n && memcmp(w.u.z, v.u.z, v.n) == 0);
    assert_int_equal(w.u.z[w.n], 0);
    strbuf_free(&b);
  }
  /* ps_read_string copies into the arena. */
  PsReader r;
  ps_reader_init(&r, "\x83" "abc", 4);
  Value w;
  assert_true(ps_read_string(&r, &gArena, &w));
  assert_string_equal(w.u.z, "abc");
  expectDecodeError("82 C3 28", "not valid UTF-8");
  expectDecodeError("81 FF", "not valid UTF-8");
  /* NUL is valid UTF-8: kept, with the length. */
  w = decodeHex("83 61 00 62");
  assert_int_equal(w.n, 3);
}

/* ---- Lists and maps ---------------------------------------------------- */

/* A list of n small integers (i % 100). */
static Value intList(uint32_t n) {
  Value v = value_list_new(&gArena, n);
  for (uint32_t i = 0; i < n; i++) v.u.a[i] = value_int(i % 100);
  return v;
}

static void test_lists(void **state) {
  (void)state;
  Value v = intList(0);
  expectEncoding(&v, PS_BOLT_V5, "90");
  v = intList(3);
  v.u.a[0] = value_int(1);
  v.u.a[1] = value_int(2);
  v.u.a[2] = value_int(3);
  expectEncoding(&v, PS_BOLT_V5, "93 01 02 03");
  static const struct {
    uint32_t n;
    const char *zHead;
    int nHead;
  } aCase[] = {
    {15, "9F", 1}, {16, "D4 10", 2}, {255, "D4 FF", 2}, {256, "D5 01 00", 3},
    {65535, "D5 FF FF", 3}, {65536, "D6 00 01 00 00", 5},
  };
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    v = intList(aCase[i].n);
    StrBuf b;
    strbuf_init(&b);
    char zErr[PS_ERR_MAX];
    assert_true(ps_put_value(&b, NULL, &v, PS_BOLT_V5, zErr, sizeof(zErr)));
    assert_int_equal(b.n, aCase[i].n + (size_t)aCase[i].nHead);
    StrBuf head = {b.z, (size_t)aCase[i].nHead, 0};
    assert_string_equal(tohex(&head), aCase[i].zHead);
    Value w = decodeBytes((const uint8_t *)b.z, b.n);
    assert_true(value_equivalent(&v, &w));
    assert_int_equal(w.depth, 1);
    strbuf_free(&b);
  }
  /* A mixed list. */
  v = decodeHex("94 01 C1 3F F1 99 99 99 99 99 9A 81 41 C0");
  assert_int_equal(v.n, 4);
  assert_int_equal(v.u.a[2].type, VAL_STRING);
}

/* A map of n entries "k0".."k<n-1>" -> i. */
static Value intMap(uint32_t n) {
  Value v = value_map_new(&gArena, n);
  for (uint32_t i = 0; i < n; i++) {
    v.u.m[i].zKey = arena_printf(&gArena, "k%u", i);
    v.u.m[i].nKey = (uint32_t)strlen(v.u.m[i].zKey);
    v.u.m[i].v = value_int(i);
  }
  return v;
}

static void test_maps(void **state) {
  (void)state;
  Value v = decodeHex("A1 83 6F 6E 65 84 65 69 6E 73");   /* {one: "eins"} */
  assert_int_equal(v.type, VAL_MAP);
  assert_int_equal(v.n, 1);
  assert_string_equal(v.u.m[0].zKey, "one");
  assert_string_equal(v.u.m[0].v.u.z, "eins");
  expectEncoding(&v, PS_BOLT_V5, "A1 83 6F 6E 65 84 65 69 6E 73");
  static const struct {
    uint32_t n;
    const char *zHead;
  } aCase[] = {{0, "A0"}, {15, "AF"}, {16, "D8 10"}, {255, "D8 FF"}, {256, "D9 01 00"},
               {65536, "DA 00 01 00 00"}};
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    v = intMap(aCase[i].n);
    StrBuf b;
    strbuf_init(&b);
    char zErr[PS_ERR_MAX];
    assert_true(ps_put_value(&b, NULL, &v, PS_BOLT_V5, zErr, sizeof(zErr)));
    size_t nHead = (strlen(aCase[i].zHead) + 1) / 3;
    StrBuf head = {b.z, nHead, 0};
    assert_string_equal(tohex(&head), aCase[i].zHead);
    Value w = decodeBytes((const uint8_t *)b.z, b.n);
    /* In order (value_equivalent looks keys up one by one: slow here). */
    assert_int_equal(w.n, v.n);
    for (uint32_t k = 0; k < v.n; k++) {
      assert_string_equal(w.u.m[k].zKey, v.u.m[k].zKey);
      assert_int_equal(w.u.m[k].v.u.i, v.u.m[k].v.u.i);
    }
    strbuf_free(&b);
  }
  /* A repeated key keeps its first place and takes the last value, in a
  ** small map and in one large enough to be hashed. */
  v = decodeHex("A3 81 61 01 81 62 02 81 61 03");
  assert_int_equal(v.n, 2);
  assert_string_equal(v.u.m[0].zKey, "a");
  assert_int_equal(v.u.m[0].v.u.i, 3);
  assert_string_equal(v.u.m[1].zKey, "b");
  Value big = intMap(40);
  big.u.m[39].zKey = "k7";
  big.u.m[39].nKey = 2;
  big.u.m[39].v = value_int(-5);
  StrBuf b;
  strbuf_init(&b);
  char zErr[PS_ERR_MAX];
  assert_true(ps_put_value(&b, NULL, &big, PS_BOLT_V5, zErr, sizeof(zErr)));
  v = decodeBytes((const uint8_t *)b.z, b.n);
  strbuf_free(&b);
  assert_int_equal(v.n, 39);
  assert_string_equal(v.u.m[7].zKey, "k7");
  assert_int_equal(v.u.m[7].v.u.i, -5);
  assert_string_equal(v.u.m[38].zKey, "k38");
  /* Keys must be strings. */
  expectDecodeError("A1 01 01", "a map key must be a string, not an integer");
  expectDecodeError("A1 C0 01", "a map key must be a string, not null");
  expectDecodeError("A1 90 01", "a map key must be a string, not a list");
}

static void test_nested(void **state) {
  (void)state;
  /* {a: [1, {b: [true, null, "x"]}, []], c: {}} */
  const char *zHex = "A2 81 61 93 01 A1 81 62 93 C3 C0 81 78 90 81 63 A0";
  Value v = decodeHex(zHex);
  assert_int_equal(v.depth, 4);
  expectEncoding(&v, PS_BOLT_V5, zHex);
  roundTrip(&v);
  /* PS_MAX_DEPTH levels are fine, one more is not. */
  uint8_t a[PS_MAX_DEPTH + 2];
  memset(a, 0x91, PS_MAX_DEPTH);
  a[PS_MAX_DEPTH - 1] = 0x90;
  v = decodeBytes(a, PS_MAX_DEPTH);
  assert_int_equal(v.depth, PS_MAX_DEPTH);
  memset(a, 0x91, PS_MAX_DEPTH + 1);
  a[PS_MAX_DEPTH] = 0x90;
  expectDecodeErrorBytes(a, PS_MAX_DEPTH + 1, "nested deeper than 100 levels");
  /* Writing is not recursive: a value at the engine's depth limit. */
  Value deep = value_list_new(&gArena, 0);
  for (int i = 1; i < VALUE_MAX_DEPTH; i++) {
    Value outer = value_list_new(&gArena, 1);
    outer.u.a[0] = deep;
    assert_true(value_seal_depth(&outer));
    deep = outer;
  }
  StrBuf b;
  strbuf_init(&b);
  char zErr[PS_ERR_MAX];
  assert_true(ps_put_value(&b, NULL, &deep, PS_BOLT_V5, zErr, sizeof(zErr)));
  assert_int_equal(b.n, VALUE_MAX_DEPTH);
  assert_int_equal((uint8_t)b.z[0], 0x91);
  assert_int_equal((uint8_t)b.z[VALUE_MAX_DEPTH - 1], 0x90);
  strbuf_free(&b);
}

/* ---- Temporal values ---------------------------------------------------- */

/* Checks the engine value of a query expression encodes to zHex5 (Bolt 5)
** and zHex4 (Bolt 4.4), and that both decode back to the same value. */
static void expectTemporal(tg_db *pDb, const char *zExpr, const char *zHex5, const char *zHex4) {
  char zQuery[256];
  snprintf(zQuery, sizeof(zQuery), "RETURN %s", zExpr);
  Value v = queryValue(pDb, zQuery);
  const char *azHex[2] = {zHex5, zHex4};
  for (int i = 0; i < 2; i++) {
    StrBuf b;
    strbuf_init(&b);
    char zErr[PS_ERR_MAX];
    assert_true(ps_put_value(&b, pDb, &v, i == 0 ? PS_BOLT_V5 : PS_BOLT_V4, zErr, sizeof(zErr)));
    if (strcmp(tohex(&b), azHex[i]) != 0) {
      fail_msg("%s (%s): got %s, expected %s", zExpr, i ? "4.4" : "5", tohex(&b), azHex[i]);
    }
    Value w = decodeBytes((const uint8_t *)b.z, b.n);
    StrBuf t1, t2;
    strbuf_init(&t1);
    strbuf_init(&t2);
    temporal_format(&t1, &v);
    temporal_format(&t2, &w);
    assert_string_equal(strbuf_cstr(&t1), strbuf_cstr(&t2));
    assert_int_equal(value_equals(&v, &w), TRI_TRUE);
    strbuf_free(&t1);
    strbuf_free(&t2);
    strbuf_free(&b);
  }
}

/* Decodes zHex and checks the value prints as zIso. */
static void expectDecodedIso(const char *zHex, const char *zIso) {
  Value v = decodeHex(zHex);
  assert_true(value_is_temporal(&v));
  StrBuf t;
  strbuf_init(&t);
  temporal_format(&t, &v);
  assert_string_equal(strbuf_cstr(&t), zIso);
  strbuf_free(&t);
}

static void test_temporal(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  /* Date: days since 1970-01-01. */
  expectTemporal(pDb, "date('1970-01-01')", "B1 44 00", "B1 44 00");
  expectTemporal(pDb, "date('1969-12-31')", "B1 44 FF", "B1 44 FF");
  expectTemporal(pDb, "date('2000-01-01')", "B1 44 C9 2A CD", "B1 44 C9 2A CD");
  expectTemporal(pDb, "date('1600-02-29')", "B1 44 CA FF FD F0 57", "B1 44 CA FF FD F0 57");
  /* LocalTime and Time: nanoseconds since midnight (local), offset. */
  expectTemporal(pDb, "localtime('12:34:56.789')", "B1 74 CB 00 00 29 32 7B 04 8F 40",
                 "B1 74 CB 00 00 29 32 7B 04 8F 40");
  expectTemporal(pDb, "time('12:34:56.789+01:00')", "B2 54 CB 00 00 29 32 7B 04 8F 40 C9 0E 10",
                 "B2 54 CB 00 00 29 32 7B 04 8F 40 C9 0E 10");
  expectTemporal(pDb, "time('00:00:00.000000001-05:00')", "B2 54 01 C9 B9 B0", "B2 54 01 C9 B9 B0");
  /* LocalDateTime: local seconds since the epoch, nanoseconds. */
  expectTemporal(pDb, "localdatetime('2000-01-01T00:00:01.5')", "B2 64 CA 38 6D 43 81 CA 1D CD 65 00",
                 "B2 64 CA 38 6D 43 81 CA 1D CD 65 00");
  expectTemporal(pDb, "localdatetime('1969-12-31T23:59:59.25')", "B2 64 FF CA 0E E6 B2 80",
                 "B2 64 FF CA 0E E6 B2 80");
  /* DateTime with an offset: UTC seconds in Bolt 5 ('I'), local in 4.4 ('F'). */
  expectTemporal(pDb, "datetime('2000-01-01T01:00:00+01:00')", "B3 49 CA 38 6D 43 80 00 C9 0E 10",
                 "B3 46 CA 38 6D 51 90 00 C9 0E 10");
  expectTemporal(pDb, "datetime('1960-06-15T08:30:15.000000001-05:00')",
                 "B3 49 CA EE 0B 9F 67 01 C9 B9 B0", "B3 46 CA EE 0B 59 17 01 C9 B9 B0");
  expectTemporal(pDb, "datetime('1970-01-01T00:00:00Z')", "B3 49 00 00 00", "B3 46 00 00 00");
  /* DateTime with a zone: 'i' (UTC) and 'f' (local); Stockholm is +02:00 in summer. */
  expectTemporal(pDb, "datetime('2000-07-01T12:00:00[Europe/Stockholm]')",
                 "B3 69 CA 39 5D C1 20 00 D0 10 45 75 72 6F 70 65 2F 53 74 6F 63 6B 68 6F 6C 6D",
                 "B3 66 CA 39 5D DD 40 00 D0 10 45 75 72 6F 70 65 2F 53 74 6F 63 6B 68 6F 6C 6D");
  /* Duration: months, days, seconds, nanoseconds; seconds carry the sign. */
  expectTemporal(pDb, "duration('P1M2DT3.5S')", "B4 45 01 02 03 CA 1D CD 65 00",
                 "B4 45 01 02 03 CA 1D CD 65 00");
  expectTemporal(pDb, "duration('PT-0.5S')", "B4 45 00 00 FF CA 1D CD 65 00",
                 "B4 45 00 00 FF CA 1D CD 65 00");
  expectTemporal(pDb, "duration('P-14M')", "B4 45 F2 00 00 00", "B4 45 F2 00 00 00");
  /* A duration's fields are written as they are, however large. */
  Temporal tExtreme = {.months = INT64_MIN, .days = INT64_MAX, .seconds = INT64_MIN, .nanos = 999999999};
  Value vExtreme = temporal_value(&gArena, VAL_DURATION, &tExtreme);
  expectEncoding(&vExtreme, PS_BOLT_V5,
                 "B4 45 CB 80 00 00 00 00 00 00 00 CB 7F FF FF FF FF FF FF FF"
                 " CB 80 00 00 00 00 00 00 00 CA 3B 9A C9 FF");
  roundTrip(&vExtreme);
  /* Decoding: negative nanoseconds of a duration move into seconds. */
  expectDecodedIso("B4 45 00 00 00 CA E2 32 9B 00", "PT-0.5S");
  expectDecodedIso("B4 45 00 00 02 CA 3B 9A CA 00", "PT3S");
  /* A zone in 'f' is resolved on the local clock; in 'i' on the instant. */
  expectDecodedIso("B3 66 CA 39 5D DD 40 00 8C 45 75 72 6F 70 65 2F 50 61 72 69 73",
                   "2000-07-01T12:00+02:00[Europe/Paris]");
  expectDecodedIso("B3 69 CA 39 5D C1 20 00 8C 45 75 72 6F 70 65 2F 50 61 72 69 73",
                   "2000-07-01T12:00+02:00[Europe/Paris]");
  expectDecodedIso("B3 69 00 00 83 55 54 43", "1970-01-01T00:00Z[UTC]");
  /* Local times in a gap move later by its length; in an overlap they
  ** take the earlier offset (Stockholm, spring and autumn 2000, 02:30). */
  expectDecodedIso("B3 66 CA 38 DD 76 28 00 D0 10 45 75 72 6F 70 65 2F 53 74 6F 63 6B 68 6F 6C 6D",
                   "2000-03-26T03:30+02:00[Europe/Stockholm]");
  expectDecodedIso("B3 66 CA 39 FB 8B A8 00 D0 10 45 75 72 6F 70 65 2F 53 74 6F 63 6B 68 6F 6C 6D",
                   "2000-10-29T02:30+02:00[Europe/Stockholm]");
  /* Bad fields. */
  expectDecodeError("B3 69 00 00 88 4E 6F 2F 53 75 63 68 5A", "unknown time zone 'No/SuchZ'");
  expectDecodeError("B3 69 00 00 85 2E 2E 2F 2E 2E", "unknown time zone");
  /* A long unknown name is cut in the message at a character boundary. */
  uint8_t aLong[96] = {0xB3, 0x69, 0x00, 0x00, 0xD0, 71, 'x'};
  for (int i = 0; i < 35; i++) {
    aLong[7 + 2 * i] = 0xC3;
    aLong[8 + 2 * i] = 0xA9;
  }
  PsReader r;
  ps_reader_init(&r, aLong, 77);
  Value v;
  assert_false(ps_read_value(&r, &gArena, &v));
  assert_true(utf8_valid(r.zErr, strlen(r.zErr)));
  assert_non_null(strstr(r.zErr, "unknown time zone 'x\xC3\xA9"));
  assert_int_equal(strlen(strchr(r.zErr, '\'') + 1), 59 + 1);
  expectDecodeError("B3 69 00 00 01", "tz_id must be a string, not an integer");
  expectDecodeError("B3 49 00 00 CA 00 01 51 81", "offset of 86401 seconds out of range");
  expectDecodeError("B3 49 00 CA 3B 9A CA 00 00", "nanoseconds 1000000000 out of range");
  expectDecodeError("B3 49 00 FF 00", "nanoseconds -1 out of range");
  expectDecodeError("B3 49 CB 7F FF FF FF FF FF FF FF 00 C9 0E 10", "outside the supported range");
  expectDecodeError("B3 69 CB 7F FF FF FF FF FF FF FF 00 83 55 54 43",
                    "outside the supported range");
  expectDecodeError("B3 66 CB 80 00 00 00 00 00 00 00 00 83 55 54 43",
                    "outside the supported range");
  expectDecodeError("B1 44 CB 7F FF FF FF FF FF FF FF", "days is out of range");
  expectDecodeError("B1 74 CB 00 00 4E 94 91 4F 00 00", "is not a time of day");
  expectDecodeError("B1 74 FF", "is not a time of day");
  expectDecodeError("B2 44 01 02", "Date structure with 2 fields (expected 1)");
  expectDecodeError("B1 44 81 61", "days must be an integer, not a string");
  expectDecodeError("B4 45 00 00 CB 7F FF FF FF FF FF FF FF CA 3B 9A CA 00", "seconds out of range");
  /* Date-times inside a parameter map. */
  v = decodeHex("A1 81 74 B3 49 00 00 00");
  assert_int_equal(v.u.m[0].v.type, VAL_DATETIME);
  tg_close(pDb);
}

/* ---- Nodes, relationships, paths ---------------------------------------- */

/* The value of column iCol of the only row of zQuery, encoded with flags. */
static void expectColumn(tg_db *pDb, const char *zQuery, int iCol, int flags, const char *zHex) {
  tg_stmt *pStmt;
  assert_int_equal(tg_prepare(pDb, zQuery, -1, &pStmt, NULL), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  StrBuf b;
  strbuf_init(&b);
  char zErr[PS_ERR_MAX];
  assert_true(ps_put_value(&b, pDb, tg_column_value(pStmt, iCol), flags, zErr, sizeof(zErr)));
  if (strcmp(tohex(&b), zHex) != 0) fail_msg("%s col %d:\n got %s\nwant %s", zQuery, iCol, tohex(&b), zHex);
  strbuf_free(&b);
  tg_finalize(pStmt);
}

/* Hex of a tiny string. */
#define S_PERSON "86 50 65 72 73 6F 6E"
#define S_ADMIN "85 41 64 6D 69 6E"
#define S_NAME "84 6E 61 6D 65"
#define S_ALICE "85 41 6C 69 63 65"
#define S_BOB "83 42 6F 62"
#define S_CAROL "85 43 61 72 6F 6C"
#define S_AGE "83 61 67 65"
#define S_KNOWS "85 4B 4E 4F 57 53"
#define S_LIKES "85 4C 49 4B 45 53"
#define S_SINCE "85 73 69 6E 63 65"

/* Node bytes, Bolt 5 and 4.4. */
#define NODE_ALICE_5 "B4 4E 00 92 " S_PERSON " " S_ADMIN " A2 " S_NAME " " S_ALICE " " S_AGE " 1E 81 30"
#define NODE_ALICE_4 "B3 4E 00 92 " S_PERSON " " S_ADMIN " A2 " S_NAME " " S_ALICE " " S_AGE " 1E"
#define NODE_BOB_5 "B4 4E 01 91 " S_PERSON " A1 " S_NAME " " S_BOB " 81 31"
#define NODE_BOB_4 "B3 4E 01 91 " S_PERSON " A1 " S_NAME " " S_BOB
#define NODE_CAROL_5 "B4 4E 02 91 " S_PERSON " A1 " S_NAME " " S_CAROL " 81 32"
#define NODE_CAROL_4 "B3 4E 02 91 " S_PERSON " A1 " S_NAME " " S_CAROL

/* Points: Point2D (0x58) {srid, x, y} and Point3D (0x59) {srid, x, y, z},
** with the srid as an integer and the coordinates as floats. */
static void test_points(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  static const struct {
    const char *zQuery;
    const char *zHex;
  } aCase[] = {
      {"RETURN point({x: 1, y: 2})",
       "B3 58 C9 1C 23 C1 3F F0 00 00 00 00 00 00 C1 40 00 00 00 00 00 00 00"},
      {"RETURN point({x: 1, y: 2, z: 3})",
       "B4 59 C9 23 C5 C1 3F F0 00 00 00 00 00 00 C1 40 00 00 00 00 00 00 00"
       " C1 40 08 00 00 00 00 00 00"},
      {"RETURN point({longitude: 56, latitude: 12})",
       "B3 58 C9 10 E6 C1 40 4C 00 00 00 00 00 00 C1 40 28 00 00 00 00 00 00"},
      {"RETURN point({longitude: 56, latitude: 12, height: 1000})",
       "B4 59 C9 13 73 C1 40 4C 00 00 00 00 00 00 C1 40 28 00 00 00 00 00 00"
       " C1 40 8F 40 00 00 00 00 00"},
  };
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    Value v = queryValue(pDb, aCase[i].zQuery);
    assert_int_equal(v.type, VAL_POINT);
    expectEncoding(&v, PS_BOLT_V5, aCase[i].zHex);
    expectEncoding(&v, PS_BOLT_V4, aCase[i].zHex);   /* the same in every version */
    Value w = decodeHex(aCase[i].zHex);
    assert_int_equal(w.type, VAL_POINT);
    assert_true(value_equivalent(&v, &w));
    roundTrip(&v);
  }
  /* Integer coordinates are taken as floats; longitudes wrap into -180..180. */
  Value w = decodeHex("B3 58 C9 1C 23 01 02");
  Value want = queryValue(pDb, "RETURN point({x: 1.0, y: 2.0})");
  assert_true(value_equivalent(&w, &want));
  w = decodeHex("B3 58 C9 10 E6 C9 00 BE 00");
  assert_true(w.u.pt->a[0] == -170.0 && w.u.pt->a[1] == 0.0);
  /* In a list, as a parameter would come. */
  w = decodeHex("92 B3 58 C9 1C 23 01 02 B3 58 C9 1C 23 01 02");
  assert_int_equal(w.type, VAL_LIST);
  assert_true(value_equivalent(&w.u.a[0], &want) && value_equivalent(&w.u.a[1], &want));
  /* What a client may not send. */
  expectDecodeError("B3 58 01 C1 3F F0 00 00 00 00 00 00 C1 3F F0 00 00 00 00 00 00",
                    "Point2D: unknown coordinate reference system 1");
  expectDecodeError("B4 59 01 01 01 01", "Point3D: unknown coordinate reference system 1");
  expectDecodeError("B3 58 C9 23 C5 01 02", "Point2D: srid 9157 is a 3D coordinate reference system");
  expectDecodeError("B4 59 C9 1C 23 01 02 03", "Point3D: srid 7203 is a 2D coordinate reference system");
  expectDecodeError("B2 58 C9 1C 23 01", "Point2D structure with 2 fields (expected 3)");
  expectDecodeError("B3 58 C9 10 E6 00 C1 40 59 00 00 00 00 00 00",
                    "Valid range for Y coordinate is [-90, 90]");
  expectDecodeError("B3 58 81 61 01 02", "Point2D: srid must be an integer, not a string");
  expectDecodeError("B3 58 C9 1C 23 81 61 02", "Point2D: x must be a float, not a string");
  expectDecodeError("B3 58 C9 1C 23 01", "");   /* truncated */
  tg_close(pDb);
}

static void test_entities(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_exec(pDb,
                           "CREATE (a:Person:Admin {name: 'Alice', age: 30})"
                           "-[:KNOWS {since: 2020}]->(b:Person {name: 'Bob'}),"
                           " (b)<-[:LIKES]-(c:Person {name: 'Carol'})",
                           NULL),
                   TG_OK);
  const char *zQuery =
      "MATCH p = (a {name: 'Alice'})-[r:KNOWS]->(b)<-[l:LIKES]-(c) RETURN a, r, p, [a, {x: r}]";
  expectColumn(pDb, zQuery, 0, PS_BOLT_V5, NODE_ALICE_5);
  expectColumn(pDb, zQuery, 0, PS_BOLT_V4, NODE_ALICE_4);
  /* Relationship {id, start, end, type, props[, element ids]}. */
  expectColumn(pDb, zQuery, 1, PS_BOLT_V5,
               "B8 52 00 00 01 " S_KNOWS " A1 " S_SINCE " C9 07 E4 81 30 81 30 81 31");
  expectColumn(pDb, zQuery, 1, PS_BOLT_V4, "B5 52 00 00 01 " S_KNOWS " A1 " S_SINCE " C9 07 E4");
  /* Path: nodes [Alice, Bob, Carol], rels [KNOWS, LIKES], indices
  ** [1, 1, -2, 2]: LIKES is walked against its direction. */
  expectColumn(pDb, zQuery, 2, PS_BOLT_V5,
               "B3 50 93 " NODE_ALICE_5 " " NODE_BOB_5 " " NODE_CAROL_5
               " 92 B4 72 00 " S_KNOWS " A1 " S_SINCE " C9 07 E4 81 30"
               " B4 72 01 " S_LIKES " A0 81 31 94 01 01 FE 02");
  expectColumn(pDb, zQuery, 2, PS_BOLT_V4,
               "B3 50 93 " NODE_ALICE_4 " " NODE_BOB_4 " " NODE_CAROL_4
               " 92 B3 72 00 " S_KNOWS " A1 " S_SINCE " C9 07 E4"
               " B3 72 01 " S_LIKES " A0 94 01 01 FE 02");
  /* Entities inside lists and maps. */
  expectColumn(pDb, zQuery, 3, PS_BOLT_V4,
               "92 " NODE_ALICE_4 " A1 81 78 B5 52 00 00 01 " S_KNOWS " A1 " S_SINCE " C9 07 E4");
  /* A path that comes back to a node: nodes are listed once. */
  assert_int_equal(tg_exec(pDb, "CREATE (x:L)-[:R]->(y:L)-[:R]->(x), (s:S)-[:R]->(s)", NULL), TG_OK);
  expectColumn(pDb, "MATCH p = (x:L)-[:R]->(y)-[:R]->(x) WHERE id(x) = 3 RETURN p", 0, PS_BOLT_V4,
               "B3 50 92 B3 4E 03 91 81 4C A0 B3 4E 04 91 81 4C A0"
               " 92 B3 72 02 81 52 A0 B3 72 03 81 52 A0 94 01 01 02 00");
  /* A self-loop is walked forwards; a path of one node has no steps. */
  expectColumn(pDb, "MATCH p = (s:S)-[:R]->(s) RETURN p", 0, PS_BOLT_V4,
               "B3 50 91 B3 4E 05 91 81 53 A0 91 B3 72 04 81 52 A0 92 01 00");
  expectColumn(pDb, "MATCH p = (s:S) RETURN p", 0, PS_BOLT_V5,
               "B3 50 91 B4 4E 05 91 81 53 A0 81 35 90 90");
  /* Without a database, entities cannot be written. */
  StrBuf b;
  strbuf_init(&b);
  char zErr[PS_ERR_MAX];
  Value list = value_list_new(&gArena, 2);
  list.u.a[1] = value_node(0);
  assert_false(ps_put_value(&b, NULL, &list, PS_BOLT_V5, zErr, sizeof(zErr)));
  assert_non_null(strstr(zErr, "needs the database"));
  strbuf_free(&b);
  /* Entities cannot come back as values. */
  expectDecodeError("B3 4E 00 90 A0", "a node cannot be sent as a value");
  expectDecodeError("B5 52 00 00 01 80 A0", "a relationship cannot be sent as a value");
  expectDecodeError("B3 72 00 80 A0", "a relationship cannot be sent as a value");
  expectDecodeError("B3 50 90 90 90", "a path cannot be sent as a value");
  tg_close(pDb);
}

/* An entity that another statement deleted reads as an empty one. */
static void test_deleted_entities(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_exec(pDb, "CREATE (:A {k: 1})-[:T {w: 2}]->(:B), (:C)-[:U]->(:D)", NULL), TG_OK);
  Value path = queryValue(pDb, "MATCH p = (:A)-[:T]->(:B) RETURN p");
  assert_int_equal(tg_exec(pDb, "MATCH (n) DETACH DELETE n", NULL), TG_OK);
  static const struct {
    Value v;
    const char *zHex;
  } aCase[] = {
    {{.type = VAL_NODE, .u.id = 0}, "B4 4E 00 90 A0 81 30"},
    {{.type = VAL_NODE, .u.id = 3}, "B4 4E 03 90 A0 81 33"},
    {{.type = VAL_NODE, .u.id = 1000000}, "B4 4E CA 00 0F 42 40 90 A0 87 31 30 30 30 30 30 30"},
    {{.type = VAL_REL, .u.id = 1000}, "B8 52 C9 03 E8 FF FF 80 A0 84 31 30 30 30 82 2D 31 82 2D 31"},
  };
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    StrBuf b;
    strbuf_init(&b);
    char zErr[PS_ERR_MAX];
    assert_true(ps_put_value(&b, pDb, &aCase[i].v, PS_BOLT_V5, zErr, sizeof(zErr)));
    assert_string_equal(tohex(&b), aCase[i].zHex);
    strbuf_free(&b);
  }
  /* Relationships and paths over freed slots: well-formed, whatever the
  ** store's zeroed records say. */
  Value aRel[2] = {value_rel(0), value_rel(1)};
  for (int i = 0; i < 3; i++) {
    StrBuf b;
    strbuf_init(&b);
    char zErr[PS_ERR_MAX];
    const Value *p = i < 2 ? &aRel[i] : &path;
    assert_true(ps_put_value(&b, pDb, p, PS_BOLT_V5, zErr, sizeof(zErr)));
    assert_int_equal((uint8_t)b.z[0], i < 2 ? 0xB8 : 0xB3);
    assert_int_equal((uint8_t)b.z[1], i < 2 ? 0x52 : 0x50);
    strbuf_free(&b);
  }
  tg_close(pDb);
}

/* ---- Bolt messages through the low-level readers ------------------------ */

/* RUN "RETURN $x" {x: [1, {y: date}]} {db: "neo4j"}: a struct header, a
** string and two maps. */
static const char *const zRunHex =
    "B3 10 89 52 45 54 55 52 4E 20 24 78 A1 81 78 92 01 A1 81 79 B1 44 C9 2A CD"
    " A1 82 64 62 85 6E 65 6F 34 6A";

/* Reads a RUN message; false (with r->zErr set) when it does not parse. */
static bool readRun(PsReader *r, Value *pQuery, Value *pParams, Value *pExtra) {
  uint8_t tag;
  uint32_t nField;
  if (!ps_read_struct_header(r, &tag, &nField)) return false;
  assert_int_equal(tag, 0x10);
  assert_int_equal(nField, 3);
  return ps_read_string(r, &gArena, pQuery) && ps_read_map(r, &gArena, pParams) &&
         ps_read_map(r, &gArena, pExtra);
}

static void test_messages(void **state) {
  (void)state;
  uint8_t a[256];
  size_t n = unhex(zRunHex, a, sizeof(a));
  PsReader r;
  ps_reader_init(&r, a, n);
  Value q, params, extra;
  assert_true(readRun(&r, &q, &params, &extra));
  assert_int_equal(ps_remaining(&r), 0);
  assert_string_equal(q.u.z, "RETURN $x");
  assert_int_equal(params.depth, 3);
  assert_int_equal(params.u.m[0].v.u.a[1].u.m[0].v.type, VAL_DATE);
  assert_string_equal(value_map_get(&extra, "db", 2)->u.z, "neo4j");
  /* The writers build the same bytes. */
  StrBuf b;
  strbuf_init(&b);
  ps_put_struct_header(&b, 0x10, 3);
  ps_put_string(&b, "RETURN $x", 9);
  char zErr[PS_ERR_MAX];
  assert_true(ps_put_value(&b, NULL, &params, PS_BOLT_V5, zErr, sizeof(zErr)));
  ps_put_map_header(&b, 1);
  ps_put_string(&b, "db", 2);
  ps_put_string(&b, "neo4j", 5);
  assert_string_equal(tohex(&b), zRunHex);
  strbuf_free(&b);
  /* Truncated at every byte: some reader fails with a message. */
  for (size_t k = 0; k < n; k++) {
    ps_reader_init(&r, a, k);
    if (readRun(&r, &q, &params, &extra)) fail_msg("a RUN cut at %zu bytes parsed", k);
    assert_true(strncmp(r.zErr, "PackStream: ", 12) == 0);
  }
  /* Wrong kinds. */
  ps_reader_init(&r, "\x91\x01", 2);
  assert_false(ps_read_map(&r, &gArena, &q));
  assert_string_equal(r.zErr, "PackStream: expected a map, found a list");
  ps_reader_init(&r, "", 0);
  assert_false(ps_read_map(&r, &gArena, &q));
  assert_int_equal(ps_peek_marker(&r), -1);
  ps_reader_init(&r, "\xC0", 1);
  assert_int_equal(ps_peek_marker(&r), 0xC0);
  uint8_t tag;
  uint32_t nField;
  assert_false(ps_read_struct_header(&r, &tag, &nField));
  assert_string_equal(r.zErr, "PackStream: expected a structure, found null");
  ps_reader_init(&r, "\xB0\x0F", 2);   /* GOODBYE: no fields */
  assert_true(ps_read_struct_header(&r, &tag, &nField));
  assert_int_equal(tag, 0x0F);
  assert_int_equal(nField, 0);
  /* The first error is kept. */
  ps_reader_init(&r, "\xC4", 1);
  int64_t i;
  assert_false(ps_read_int(&r, &i));
  assert_false(ps_read_int(&r, &i));
  assert_string_equal(r.zErr, "PackStream: unknown marker byte 0xC4");
}

/* ---- Hostile input ------------------------------------------------------- */

static void test_hostile_sizes(void **state) {
  (void)state;
  expectDecodeError("D6 FF FF FF FF 01 02 03 04 05 06 07 08 09 0A",
                    "list of 4294967295 items in 10 bytes");
  expectDecodeError("D6 80 00 00 00", "list of 2147483648 items in 0 bytes");
  expectDecodeError("DA FF FF FF FF 81 61 01", "map of 4294967295 entries in 3 bytes");
  expectDecodeError("D2 FF FF FF FF 41 42", "string of 4294967295 bytes in 2 bytes");
  expectDecodeError("D1 00 05 41 42", "string of 5 bytes in 2 bytes");
  expectDecodeError("9F 01 02", "list of 15 items in 2 bytes");
  expectDecodeError("A2 81 61 01", "map of 2 entries in 3 bytes");
  expectDecodeError("92 91 01", "the message ends where a value should start");
  expectDecodeError("A2 81 61 01 81", "string of 1 bytes in 0 bytes");
  expectDecodeError("CB 00 00", "the message ends inside a value (8 bytes needed, 2 left)");
  expectDecodeError("C1 00", "the message ends inside a value");
  expectDecodeError("", "the message ends where a value should start");
  expectDecodeError("B1", "the message ends inside a value");
  /* A map whose count fits the bytes left but not two per entry. */
  expectDecodeError("A4 01 02 03 04", "map of 4 entries in 4 bytes");
  /* A million empty lists: the arena grows with the input, no more. */
  size_t n = 5 + 1000000;
  uint8_t *a = tg_malloc(n);
  a[0] = 0xD6;
  a[1] = 0x00;
  a[2] = 0x0F;
  a[3] = 0x42;
  a[4] = 0x40;
  memset(a + 5, 0x90, 1000000);
  Value v = decodeBytes(a, n);
  assert_int_equal(v.n, 1000000);
  assert_true(gArena.nUsed < 40 * n);
  tg_free(a);
}

static void test_hostile_nesting(void **state) {
  (void)state;
  /* 100000 nested lists, and maps, are refused without recursion. */
  size_t n = 100000;
  uint8_t *a = tg_malloc(3 * n + 1);
  memset(a, 0x91, n);
  a[n] = 0x01;
  expectDecodeErrorBytes(a, n + 1, "nested deeper than 100 levels");
  for (size_t i = 0; i < n; i++) {
    a[3 * i] = 0xA1;
    a[3 * i + 1] = 0x81;
    a[3 * i + 2] = 0x6B;
  }
  a[3 * n] = 0x01;
  expectDecodeErrorBytes(a, 3 * n + 1, "nested deeper than 100 levels");
  tg_free(a);
}

static void test_hostile_markers(void **state) {
  (void)state;
  static const uint8_t aReserved[] = {0xC4, 0xC5, 0xC6, 0xC7, 0xCF, 0xD3, 0xD7, 0xDB, 0xDE, 0xDF,
                                      0xE0, 0xE5, 0xEF};
  for (int i = 0; i < ARRAY_SIZE(aReserved); i++) {
    char zWant[64];
    snprintf(zWant, sizeof(zWant), "unknown marker byte 0x%02X", aReserved[i]);
    uint8_t a[3] = {0x91, aReserved[i], 0x00};
    expectDecodeErrorBytes(a + 1, 2, zWant);
    expectDecodeErrorBytes(a, 3, zWant);
  }
  expectDecodeError("DC 01 44 01", "structures of more than 15 fields are not supported");
  expectDecodeError("DD 00 01 44 01", "structures of more than 15 fields are not supported");
  expectDecodeError("CC 02 01 02", "byte arrays are not supported");
  expectDecodeError("91 CD 00 00", "byte arrays are not supported");
  expectDecodeError("CE FF FF FF FF", "byte arrays are not supported");
  expectDecodeError("B0 7A", "unknown structure tag 0x7A");
  expectDecodeError("A1 81 70 B1 00 01", "unknown structure tag 0x00");
}

/* Random bytes, and random mutations of a valid message, under the
** sanitizers: each read either succeeds or fails with a message. */
static void test_random_input(void **state) {
  (void)state;
  uint8_t aRun[256];
  size_t nRun = unhex(zRunHex, aRun, sizeof(aRun));
  uint64_t x = 0x9E3779B97F4A7C15ull;
  uint8_t a[64];
  for (int iter = 0; iter < 20000; iter++) {
    size_t n;
    if (iter % 2) {
      n = nRun;
      memcpy(a, aRun, n);
      for (int k = 0; k < 3; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        a[x % n] = (uint8_t)(x >> 32);
      }
    } else {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      n = x % sizeof(a);
      for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        a[i] = (uint8_t)x;
      }
    }
    PsReader r;
    ps_reader_init(&r, a, n);
    Value v;
    if (ps_read_value(&r, &gArena, &v)) {
      assert_string_equal(r.zErr, "");
      StrBuf b;
      strbuf_init(&b);
      char zErr[PS_ERR_MAX];
      assert_true(ps_put_value(&b, NULL, &v, PS_BOLT_V5, zErr, sizeof(zErr)));
      strbuf_free(&b);
    } else {
      assert_true(strncmp(r.zErr, "PackStream: ", 12) == 0);
    }
    if (iter % 1000 == 0) arena_reset(&gArena);
  }
}

int main(void) {
  const struct CMUnitTest aTest[] = {
    cmocka_unit_test_setup_teardown(test_null_bool, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_int_boundaries, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_floats, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_strings, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_lists, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_maps, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_nested, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_temporal, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_points, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_entities, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_deleted_entities, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_messages, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_hostile_sizes, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_hostile_nesting, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_hostile_markers, setupTest, teardownTest),
    cmocka_unit_test_setup_teardown(test_random_input, setupTest, teardownTest),
  };
  return cmocka_run_group_tests(aTest, NULL, teardownGroup);
}
