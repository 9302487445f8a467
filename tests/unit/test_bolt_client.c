/*
** test_bolt_client.c — unit tests for the Bolt client side
** (server/bolt_result.c, server/bolt_client.c).
**
** The result decoder: nodes, relationships, paths (both directions, a
** revisited node, a self-loop, one node), and entities inside lists and
** maps, written by ps_put_value from a real database in the Bolt 5 and
** 4.4 forms, must read back as exactly the text the engine writes for
** them (BOLT_SHOW_TEXT) and as the JSON the json writer prints for them
** (BOLT_SHOW_MAP); points and byte arrays; and hostile bytes: every
** truncation, sizes claiming more than the message holds, nesting past
** the limit, structures with wrong fields, path indices out of range, a
** path whose text would explode, and random mutations — an error, never a
** crash. URIs. The client against a scripted fake server: a version
** nobody offered, a refused login, a FAILURE followed by RESET (the
** connection goes on), a broken record and a server that hangs up (the
** connection is closed, with a message naming the address).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/tzdb.h"
#include "out/format.h"
#include "server/bolt_client.h"
#include "value/point.h"

static Arena gArena;

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

/* ---- Helpers ------------------------------------------------------------------ */

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

/* Reads n bytes as one result value, which must use them all. */
static Value readBytes(const uint8_t *a, size_t n, BoltShow eShow) {
  PsReader r;
  ps_reader_init(&r, a, n);
  Value v;
  if (!bolt_result_read_value(&r, &gArena, eShow, &v)) fail_msg("read failed: %s", r.zErr);
  assert_int_equal(ps_remaining(&r), 0);
  return v;
}

static Value readHex(const char *zHex, BoltShow eShow) {
  static uint8_t a[4096];
  size_t n = unhex(zHex, a, sizeof(a));
  return readBytes(a, n, eShow);
}

/* Reading n bytes must fail, in both forms, with an error holding zPart. */
static void expectErrorBytes(const uint8_t *a, size_t n, const char *zPart) {
  for (int eShow = BOLT_SHOW_TEXT; eShow <= BOLT_SHOW_MAP; eShow++) {
    PsReader r;
    ps_reader_init(&r, a, n);
    Value v;
    if (bolt_result_read_value(&r, &gArena, (BoltShow)eShow, &v)) fail_msg("read, expected error '%s'", zPart);
    if (strncmp(r.zErr, "PackStream: ", 12) != 0 || strstr(r.zErr, zPart) == NULL) {
      fail_msg("error '%s' does not contain '%s'", r.zErr, zPart);
    }
  }
}

static void expectError(const char *zHex, const char *zPart) {
  uint8_t a[4096];
  size_t n = unhex(zHex, a, sizeof(a));
  expectErrorBytes(a, n, zPart);
}

/* The json writer's text for v. */
static char *jsonOf(tg_db *pDb, const Value *v) {
  char *z = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&z, &n);
  format_json_value(f, pDb, v);
  fclose(f);
  return z;
}

/*
** Every column of every row of zQuery, sent as Bolt 5 and 4.4 write it,
** must read back as the engine's own text for it and as the JSON the json
** writer prints for it.
*/
static void expectShownAsLocal(tg_db *pDb, const char *zQuery) {
  tg_stmt *pStmt;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK) fail_msg("%s: %s", zQuery, tg_errmsg(pDb));
  int nRow = 0;
  while (tg_step(pStmt) == TG_ROW) {
    nRow++;
    for (int i = 0; i < tg_column_count(pStmt); i++) {
      const Value *pLocal = tg_column_value(pStmt, i);
      for (int flags = PS_BOLT_V4; flags <= PS_BOLT_V5; flags += PS_BOLT_V5) {
        StrBuf b;
        strbuf_init(&b);
        char zErr[PS_ERR_MAX];
        assert_true(ps_put_value(&b, pDb, pLocal, flags, zErr, sizeof(zErr)));
        Value text = readBytes((const uint8_t *)b.z, b.n, BOLT_SHOW_TEXT);
        /* As the table writer shows a column: a string as it is, the rest
        ** as literals (tg_column_text). */
        char *zWant = tg_strndup(tg_column_text(pStmt, i), (size_t)tg_column_bytes(pStmt, i));
        const char *zGot = text.type == VAL_STRING ? text.u.z : NULL;
        char *zGotFmt = zGot ? NULL : tg_value_format(pDb, &text);
        if (strcmp(zGot ? zGot : zGotFmt, zWant) != 0) {
          fail_msg("%s, column %d, flags %d:\n got %s\nwant %s", zQuery, i, flags, zGot ? zGot : zGotFmt, zWant);
        }
        /* Scalars and temporal values keep their type (tables align
        ** numbers right, never shorten dates). */
        if (pLocal->type != VAL_LIST && pLocal->type != VAL_MAP &&
            (pLocal->type < VAL_NODE || pLocal->type > VAL_PATH)) {
          assert_int_equal(text.type, pLocal->type);
        }
        Value map = readBytes((const uint8_t *)b.z, b.n, BOLT_SHOW_MAP);
        char *zJsonWant = jsonOf(pDb, pLocal), *zJsonGot = jsonOf(pDb, &map);
        if (strcmp(zJsonGot, zJsonWant) != 0) {
          fail_msg("%s, column %d, flags %d, json:\n got %s\nwant %s", zQuery, i, flags, zJsonGot, zJsonWant);
        }
        free(zJsonWant);
        free(zJsonGot);
        tg_free(zWant);
        tg_free(zGotFmt);
        strbuf_free(&b);
      }
    }
  }
  assert_true(nRow > 0);
  tg_finalize(pStmt);
}

/* ---- Showing entities ---------------------------------------------------------- */

static void test_entities_show_as_local(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_exec(pDb,
                           "CREATE (a:Person:Admin {name: 'Ann', age: 30, tags: ['x', 'y']})"
                           "-[:KNOWS {since: 2020, w: 0.5}]->(b:Person {name: 'Bob', `odd key`: 'it\\'s'}),"
                           " (b)<-[:LIKES]-(c:`Odd Label` {name: 'Cy', at: date('2024-01-02')}),"
                           " (x:L)-[:R]->(y:L)-[:R]->(x), (s:S)-[:R]->(s)",
                           NULL),
                   TG_OK);
  expectShownAsLocal(pDb, "MATCH (a {name: 'Ann'}) RETURN a, a.name, a.tags");
  expectShownAsLocal(pDb, "MATCH ()-[r:KNOWS]->() RETURN r");
  expectShownAsLocal(pDb, "MATCH p = (a {name: 'Ann'})-[:KNOWS]->(b)<-[:LIKES]-(c) RETURN p, [a, {x: b}], {p: [p]}");
  expectShownAsLocal(pDb, "MATCH p = (a {name: 'Cy'})-[:LIKES]->(b)<-[:KNOWS]-(c) RETURN p, nodes(p), relationships(p)");
  expectShownAsLocal(pDb, "MATCH p = (x:L)-[:R]->(y)-[:R]->(x) RETURN p");
  expectShownAsLocal(pDb, "MATCH p = (s:S)-[:R]->(s) RETURN p");
  expectShownAsLocal(pDb, "MATCH p = (s:S) RETURN p, [[[s]]]");
  expectShownAsLocal(pDb, "RETURN 1 AS i, 'text' AS s, [1, 'two', null] AS l, {k: 1.5} AS m, date('2024-02-29') AS d");
  expectShownAsLocal(pDb, "RETURN point({x: 1, y: 2}) AS p, [point({longitude: 1, latitude: 2, height: 3})] AS l,"
                          " {at: point({x: 0.5, y: -1, z: 1e20})} AS m");
  tg_close(pDb);
}

static void test_points_and_bytes(void **state) {
  (void)state;
  /* Point2D {srid: 4326, x: 1.5, y: -2.0}; Point3D with an integer z:
  ** points of a known CRS are points, as the local shell has them. */
  Value v = readHex("B3 58 C9 10 E6 C1 3F F8 00 00 00 00 00 00 C1 C0 00 00 00 00 00 00 00", BOLT_SHOW_TEXT);
  assert_int_equal(v.type, VAL_POINT);
  assert_int_equal(v.u.pt->srid, 4326);
  assert_true(v.u.pt->a[0] == 1.5 && v.u.pt->a[1] == -2.0);
  v = readHex("92 01 B4 59 C9 23 C5 01 02 03", BOLT_SHOW_TEXT);
  assert_int_equal(v.type, VAL_LIST);
  assert_int_equal(v.u.a[1].type, VAL_POINT);
  assert_true(v.u.a[1].u.pt->nDim == 3 && v.u.a[1].u.pt->a[2] == 3.0);
  /* Others (an srid Tangle does not know) show as their fields. */
  v = readHex("B3 58 01 C1 3F F8 00 00 00 00 00 00 02", BOLT_SHOW_TEXT);
  assert_string_equal(v.u.z, "point({srid: 1, x: 1.5, y: 2})");
  v = readHex("B3 58 01 02 03", BOLT_SHOW_MAP);
  assert_int_equal(v.type, VAL_MAP);
  assert_int_equal(v.n, 3);
  assert_string_equal(v.u.m[0].zKey, "srid");
  /* A byte array becomes a list of its bytes. */
  v = readHex("CC 03 00 7F FF", BOLT_SHOW_TEXT);
  assert_int_equal(v.type, VAL_LIST);
  assert_int_equal(v.n, 3);
  assert_int_equal(v.u.a[2].u.i, 255);
  /* A record: a list of fields, entities among them. */
  uint8_t a[64];
  size_t n = unhex("93 01 B3 4E 07 91 81 41 A0 81 78", a, sizeof(a));
  PsReader r;
  ps_reader_init(&r, a, n);
  Value *aField;
  uint32_t nField;
  assert_true(bolt_result_read_record(&r, &gArena, BOLT_SHOW_TEXT, &aField, &nField));
  assert_int_equal(nField, 3);
  assert_string_equal(aField[1].u.z, "(:A)");
  assert_int_equal(aField[1].flags, 0);
  assert_string_equal(aField[2].u.z, "x");
}

/* ---- Hostile bytes ---------------------------------------------------------------- */

static void test_hostile_structures(void **state) {
  (void)state;
  expectError("B3 4E 81 41 90 A0", "Node: id must be INTEGER");
  expectError("B3 4E 01 91 01 A0", "labels must be strings");
  expectError("B3 4E 01 90 90", "properties must be MAP");
  expectError("B7 4E 01 90 A0 01 01 01 01", "a Node structure with 7 fields");
  expectError("B5 52 01 81 41 02 81 54 A0", "Relationship: start must be INTEGER");
  expectError("B3 72 01 02 A0", "type must be STRING");
  /* Paths: nodes must be nodes, indices in range, an even count. */
  expectError("B3 50 91 01 90 90", "Path: its nodes must be Node structures");
  expectError("B3 50 90 90 90", "at least one node");
  expectError("B3 50 91 B3 4E 01 90 A0 90 91 01", "an even number");
  expectError("B3 50 91 B3 4E 01 90 A0 90 92 01 00", "index 0 is out of range");
  expectError("B3 50 91 B3 4E 01 90 A0 91 B3 72 01 81 52 A0 92 01 05", "index 1 is out of range");
  expectError("B3 50 91 B3 4E 01 90 A0 91 B3 72 01 81 52 A0 92 00 00", "index 0 is out of range");
  expectError("B3 50 91 B3 4E 01 90 A0 91 B3 72 01 81 52 A0 92 FE 00", "index 0 is out of range");
  expectError("B3 58 01 81 41 02", "Point2D: x must be a number");
  /* Other structures go on to ps_read_value and its errors. */
  expectError("B1 33 01", "unknown structure tag 0x33");
  expectError("B1 44 81 41", "Date: days must be an integer");
  expectError("91 B1 4E", "a Node structure with 1 fields");
}

static void test_hostile_sizes(void **state) {
  (void)state;
  expectError("D6 FF FF FF FF", "list of 4294967295 items in 0 bytes");
  expectError("92 B3 4E 01 90 DA FF FF FF FF", "map of 4294967295 items");
  expectError("92 B3 4E 01 90 A0 CE FF FF FF FF", "byte array of 4294967295 bytes");
  expectError("B3 4E 01 91 D2 FF FF FF FF A0", "string of 4294967295 bytes");
  expectError("B3 4E 01 90 A1 01 01", "expected a string, found an integer");
  expectError("B3 4E", "ends where a value should start");
  expectError("C7", "unknown marker byte 0xC7");
  expectError("DF", "unknown marker byte 0xDF");
}

/* Deep nesting stops at PS_MAX_DEPTH with a message, both with and
** without an entity at the bottom. */
static void test_hostile_nesting(void **state) {
  (void)state;
  enum { N = 300 };
  uint8_t a[N + 16];
  for (int depth = 98; depth <= N; depth += 101) {
    size_t n = 0;
    for (int i = 0; i < depth; i++) a[n++] = 0x91;
    n += unhex("B3 4E 01 90 A0", a + n, sizeof(a) - n);
    if (depth < PS_MAX_DEPTH) {
      Value v = readBytes(a, n, BOLT_SHOW_TEXT);
      assert_int_equal(v.type, VAL_STRING);
      assert_int_equal(v.n, (size_t)(2 * depth + 2));
      v = readBytes(a, n, BOLT_SHOW_MAP);
      assert_int_equal(v.type, VAL_LIST);
    } else {
      expectErrorBytes(a, n, "nested deeper than 100 levels");
    }
  }
  /* Paths inside nodes' lists: structures count as levels too. */
  size_t n = 0;
  for (int i = 0; i < 60; i++) n += unhex("B3 50 91", a + n, sizeof(a) - n);
  expectErrorBytes(a, n, "nested deeper than 100 levels");
}

/* Every truncation of a valid path with lists, maps and entities fails
** cleanly; random mutations never crash. */
static void test_hostile_truncation_and_noise(void **state) {
  (void)state;
  static const char zPath[] =
      "93 B3 50 93 B4 4E 00 92 86 50 65 72 73 6F 6E 85 41 64 6D 69 6E A2 84 6E 61 6D 65 85 41 6C 69 63 65"
      " 83 61 67 65 1E 81 30 B4 4E 01 91 81 50 A0 81 31 B4 4E 02 90 A1 81 6C 92 01 02 81 32"
      " 92 B4 72 00 81 4B A1 81 73 C9 07 E4 81 30 B4 72 01 81 4C A0 81 31 94 01 01 FE 02"
      " A1 81 78 B8 52 05 00 01 81 4B A0 81 35 81 30 81 31 CC 02 01 02";
  uint8_t a[512];
  size_t n = unhex(zPath, a, sizeof(a));
  Value v = readBytes(a, n, BOLT_SHOW_TEXT);
  assert_string_equal(v.u.z,
                      "[<(:Person:Admin {name: 'Alice', age: 30})-[:K {s: 2020}]->(:P)<-[:L]-( {l: [1, 2]})>, "
                      "{x: [:K]}, [1, 2]]");
  for (size_t k = 0; k < n; k++) {
    for (int eShow = BOLT_SHOW_TEXT; eShow <= BOLT_SHOW_MAP; eShow++) {
      PsReader r;
      ps_reader_init(&r, a, k);
      Value w;
      assert_false(bolt_result_read_value(&r, &gArena, (BoltShow)eShow, &w));
      assert_true(strncmp(r.zErr, "PackStream: ", 12) == 0);
    }
  }
  srand(42);
  uint8_t b[512];
  for (int round = 0; round < 20000; round++) {
    memcpy(b, a, n);
    int nFlip = 1 + rand() % 4;
    for (int i = 0; i < nFlip; i++) b[rand() % n] = (uint8_t)rand();
    PsReader r;
    ps_reader_init(&r, b, n);
    Value w;
    if (!bolt_result_read_value(&r, &gArena, (BoltShow)(round % 2), &w)) {
      assert_true(strncmp(r.zErr, "PackStream: ", 12) == 0);
    }
    if (round % 1000 == 0) arena_reset(&gArena);
  }
}

/* A path that walks one big node back and forth would show as text far
** larger than its bytes: it stops at a limit instead. */
static void test_hostile_path_amplification(void **state) {
  (void)state;
  enum { PROP = 4000, STEPS = 20000 };
  size_t nMax = PROP + 4 * STEPS + 64, n = 0;
  uint8_t *a = tg_malloc(nMax);
  n += unhex("B3 50 91 B3 4E 00 90 A1 81 70 D1", a + n, nMax - n);
  a[n++] = PROP >> 8;
  a[n++] = PROP & 0xFF;
  memset(a + n, 'x', PROP);
  n += PROP;
  n += unhex("91 B3 72 00 81 52 A0 D5", a + n, nMax - n);
  a[n++] = (2 * STEPS) >> 8;
  a[n++] = (2 * STEPS) & 0xFF;
  for (int i = 0; i < STEPS; i++) {
    a[n++] = i % 2 ? 0x01 : 0xFF;
    a[n++] = 0x00;
  }
  PsReader r;
  ps_reader_init(&r, a, n);
  Value v;
  assert_false(bolt_result_read_value(&r, &gArena, BOLT_SHOW_TEXT, &v));
  assert_non_null(strstr(r.zErr, "passes 64 MiB"));
  /* As maps the steps share their node and relationship: it reads. */
  ps_reader_init(&r, a, n);
  assert_true(bolt_result_read_value(&r, &gArena, BOLT_SHOW_MAP, &v));
  assert_int_equal(v.u.m[0].v.n, STEPS + 1);
  tg_free(a);
}

/* ---- URIs --------------------------------------------------------------------------- */

static void test_uris(void **state) {
  (void)state;
  static const struct {
    const char *zUri;
    const char *zHostPort;   /* NULL: refused */
    NetClientTls eTls;
  } aCase[] = {
      {"bolt://localhost", "localhost:7687", NET_CLIENT_PLAIN},
      {"bolt://127.0.0.1:7000/", "127.0.0.1:7000", NET_CLIENT_PLAIN},
      {"BOLT+S://db.example.com:443", "db.example.com:443", NET_CLIENT_TLS},
      {"bolt+ssc://[::1]:9", "[::1]:9", NET_CLIENT_TLS_NOVERIFY},
      {"neo4j://h?policy=x", "h:7687", NET_CLIENT_PLAIN},
      {"neo4j+s://h:1", "h:1", NET_CLIENT_TLS},
      {"neo4j+ssc://h", "h:7687", NET_CLIENT_TLS_NOVERIFY},
      {"localhost:7688", "localhost:7688", NET_CLIENT_PLAIN},
      {"http://h", NULL, 0},
      {"bolt://", NULL, 0},
      {"bolt://h:0", NULL, 0},
      {"bolt://h:70000", NULL, 0},
      {"bolt://h:x", NULL, 0},
      {"bolt://h/db", NULL, 0},
      {"bolt://h?x=1", NULL, 0},
      {"bolt://ann@h", NULL, 0},
      {"bolt://[::1", NULL, 0},
  };
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    BoltUri uri;
    char zErr[300] = "";
    bool bOk = bolt_uri_parse(aCase[i].zUri, &uri, zErr, sizeof(zErr));
    if (bOk != (aCase[i].zHostPort != NULL)) fail_msg("%s: %s", aCase[i].zUri, bOk ? "accepted" : zErr);
    if (!bOk) continue;
    assert_string_equal(uri.zHostPort, aCase[i].zHostPort);
    assert_int_equal(uri.eTls, aCase[i].eTls);
  }
}

/* ---- A scripted fake server ------------------------------------------------------------ */

/* What the fake server does: answer the handshake with aVersion, then
** for each step read a message and write the messages given (hex, one
** structure each, separated by '|'; chunked here), or on "close" read a
** message and hang up. */
typedef struct Fake {
  int fdListen;
  int port;
  uint8_t aVersion[4];
  const char *azStep[8];
  pthread_t thread;
} Fake;

/* A chunked message of the hex text of one structure. */
static size_t fakeChunk(const char *zHex, uint8_t *a, size_t nMax) {
  size_t n = unhex(zHex, a + 2, nMax - 4);
  a[0] = (uint8_t)(n >> 8);
  a[1] = (uint8_t)n;
  a[n + 2] = a[n + 3] = 0;
  return n + 4;
}

static bool fakeRead(int fd, void *p, size_t n) {
  uint8_t *a = p;
  while (n > 0) {
    ssize_t k = read(fd, a, n);
    if (k <= 0) return false;
    a += k;
    n -= (size_t)k;
  }
  return true;
}

/* Reads one chunked message and drops it. */
static bool fakeReadMessage(int fd) {
  uint8_t aBuf[65536];
  for (;;) {
    uint8_t h[2];
    if (!fakeRead(fd, h, 2)) return false;
    size_t n = (size_t)(h[0] << 8 | h[1]);
    if (n == 0) return true;
    if (!fakeRead(fd, aBuf, n)) return false;
  }
}

static void *fakeMain(void *pArg) {
  Fake *f = pArg;
  int fd = accept(f->fdListen, NULL, NULL);
  uint8_t a[4096];
  if (fd >= 0 && fakeRead(fd, a, 20) && write(fd, f->aVersion, 4) == 4) {
    for (int i = 0; i < 8 && f->azStep[i]; i++) {
      if (!fakeReadMessage(fd) || strcmp(f->azStep[i], "close") == 0) break;
      /* Steps may hold several messages, separated by '|'. */
      const char *z = f->azStep[i];
      while (*z) {
        char zOne[1024];
        size_t k = strcspn(z, "|");
        if (k > 0) {
          snprintf(zOne, sizeof(zOne), "%.*s", (int)k, z);
          size_t n = fakeChunk(zOne, a, sizeof(a));
          if (write(fd, a, n) != (ssize_t)n) break;
        }
        z += k + (z[k] == '|');
      }
    }
  }
  if (fd >= 0) close(fd);
  return NULL;
}

static void fakeStart(Fake *f) {
  f->fdListen = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof(sa));
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(bind(f->fdListen, (struct sockaddr *)&sa, sizeof(sa)), 0);
  assert_int_equal(listen(f->fdListen, 1), 0);
  socklen_t n = sizeof(sa);
  getsockname(f->fdListen, (struct sockaddr *)&sa, &n);
  f->port = ntohs(sa.sin_port);
  pthread_create(&f->thread, NULL, fakeMain, f);
}

static void fakeStop(Fake *f) {
  pthread_join(f->thread, NULL);
  close(f->fdListen);
}

/* Opens a client on the fake server. */
static int fakeOpen(Fake *f, BoltClient **ppC, BoltError *pErr) {
  char zUri[64];
  snprintf(zUri, sizeof(zUri), "bolt://127.0.0.1:%d", f->port);
  BoltClientConfig cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.zUri = zUri;
  cfg.zUser = "ann";
  cfg.zPassword = "pw";
  cfg.nTimeoutMs = 5000;
  return bolt_client_open(&cfg, ppC, pErr);
}

#define SUCCESS_EMPTY "B1 70 A0"
/* SUCCESS {server: "S"} */
#define SUCCESS_HELLO "B1 70 A1 86 73 65 72 76 65 72 81 53"
/* SUCCESS {fields: ["a"]} */
#define SUCCESS_FIELDS "B1 70 A1 86 66 69 65 6C 64 73 91 81 61"
/* FAILURE {code: "X.Y", message: "boom"} */
#define FAILURE_BOOM "B1 7F A2 84 63 6F 64 65 83 58 2E 59 87 6D 65 73 73 61 67 65 84 62 6F 6F 6D"

static void test_client_versions_and_login(void **state) {
  (void)state;
  BoltClient *c;
  BoltError err;
  /* No version in common. */
  Fake f = {.aVersion = {0, 0, 0, 0}};
  fakeStart(&f);
  assert_int_equal(fakeOpen(&f, &c, &err), BOLT_ERROR);
  assert_null(c);
  assert_int_equal(err.eKind, BOLT_ERR_PROTOCOL);
  assert_non_null(strstr(err.zMessage, "speaks none of the Bolt versions"));
  fakeStop(&f);
  /* A refused login (Bolt 5.0: the credentials in HELLO). */
  Fake g = {.aVersion = {0, 0, 0, 5}, .azStep = {FAILURE_BOOM}};
  fakeStart(&g);
  assert_int_equal(fakeOpen(&g, &c, &err), BOLT_ERROR);
  assert_int_equal(err.eKind, BOLT_ERR_SERVER);
  assert_string_equal(err.zCode, "X.Y");
  assert_string_equal(err.zMessage, "boom");
  fakeStop(&g);
}

static void test_client_failure_reset_and_broken(void **state) {
  (void)state;
  /* 5.4: HELLO and LOGON; a RUN that fails (its PULL ignored), RESET; a
  ** RUN whose record is broken. */
  Fake f = {.aVersion = {0, 0, 4, 5},
            .azStep = {SUCCESS_HELLO, SUCCESS_EMPTY, FAILURE_BOOM, "B0 7E", SUCCESS_EMPTY,
                       SUCCESS_FIELDS, "B1 71 91 B3 4E 01 91 01 A0"}};
  fakeStart(&f);
  BoltClient *c;
  BoltError err;
  assert_int_equal(fakeOpen(&f, &c, &err), BOLT_OK);
  assert_string_equal(bolt_client_agent(c), "S");
  int major, minor;
  bolt_client_version(c, &major, &minor);
  assert_int_equal(major * 10 + minor, 54);
  assert_int_equal(bolt_client_run(c, "RETURN x", 0, NULL, NULL, 0, &err), BOLT_ERROR);
  assert_int_equal(err.eKind, BOLT_ERR_SERVER);
  assert_string_equal(err.zCode, "X.Y");
  assert_true(bolt_client_usable(c));
  assert_int_equal(bolt_client_run(c, "RETURN 1 AS a", 0, NULL, NULL, 0, &err), BOLT_OK);
  assert_int_equal(bolt_client_column_count(c), 1);
  assert_string_equal(bolt_client_column_name(c, 0), "a");
  const Value *aRow;
  assert_int_equal(bolt_client_next(c, BOLT_SHOW_TEXT, &aRow, &err), BOLT_ERROR);
  assert_int_equal(err.eKind, BOLT_ERR_PROTOCOL);
  assert_non_null(strstr(err.zMessage, "labels must be strings"));
  assert_false(bolt_client_usable(c));
  assert_int_equal(bolt_client_run(c, "RETURN 1", 0, NULL, NULL, 0, &err), BOLT_ERROR);
  assert_int_equal(err.eKind, BOLT_ERR_CONNECTION);
  bolt_client_close(c);
  fakeStop(&f);
}

static void test_client_server_hangs_up(void **state) {
  (void)state;
  /* Rows in two batches, then the server goes away inside a transaction. */
  Fake f = {.aVersion = {0, 0, 4, 4},
            .azStep = {SUCCESS_HELLO, SUCCESS_EMPTY,
                       SUCCESS_FIELDS "|B1 71 91 01|B1 70 A1 88 68 61 73 5F 6D 6F 72 65 C3",
                       "B1 71 91 02|B1 70 A1 84 74 79 70 65 81 72", "", "close"}};
  fakeStart(&f);
  BoltClient *c;
  BoltError err;
  char zAddress[64];
  assert_int_equal(fakeOpen(&f, &c, &err), BOLT_OK);
  snprintf(zAddress, sizeof(zAddress), "127.0.0.1:%d", f.port);
  assert_int_equal(bolt_client_begin(c, 0, &err), BOLT_OK);
  assert_true(bolt_client_in_transaction(c));
  assert_int_equal(bolt_client_run(c, "UNWIND [1, 2] AS a RETURN a", 0, NULL, NULL, 0, &err), BOLT_OK);
  const Value *aRow;
  assert_int_equal(bolt_client_next(c, BOLT_SHOW_TEXT, &aRow, &err), BOLT_ROW);
  assert_int_equal(aRow[0].u.i, 1);
  assert_int_equal(bolt_client_next(c, BOLT_SHOW_TEXT, &aRow, &err), BOLT_ROW);
  assert_int_equal(aRow[0].u.i, 2);
  assert_int_equal(bolt_client_next(c, BOLT_SHOW_TEXT, &aRow, &err), BOLT_DONE);
  assert_string_equal(bolt_client_summary(c)->zType, "r");
  assert_int_equal(bolt_client_commit(c, &err), BOLT_ERROR);
  assert_int_equal(err.eKind, BOLT_ERR_CONNECTION);
  assert_true(err.bTxEnded);
  assert_non_null(strstr(err.zMessage, zAddress));
  assert_false(bolt_client_in_transaction(c));
  bolt_client_close(c);
  fakeStop(&f);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test_setup_teardown(test_entities_show_as_local, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_points_and_bytes, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_hostile_structures, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_hostile_sizes, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_hostile_nesting, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_hostile_truncation_and_noise, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_hostile_path_amplification, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_uris, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_client_versions_and_login, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_client_failure_reset_and_broken, setupTest, teardownTest),
      cmocka_unit_test_setup_teardown(test_client_server_hangs_up, setupTest, teardownTest),
  };
  return cmocka_run_group_tests(aTest, NULL, teardownGroup);
}
