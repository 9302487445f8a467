/*
** fuzz_bolt.c — fuzzing the PackStream codec of the Bolt server
** (server/packstream.c), and replaying tests/fuzz/bolt.
**
** The first byte of an input chooses what the rest is:
**   0  one value, as a parameter arrives (ps_read_value)
**   1  a Bolt message: a struct header, then its fields read the way the
**      message layer reads them (strings, maps, integers, any value)
**   2  values one after another until the bytes run out
**   3  one value whose integers become node and relationship ids (and a
**      path through them) written from a small database, deleted slots
**      and ids past the end included
** Promises besides not crashing: a read that fails leaves a message
** starting "PackStream: "; a read that succeeds leaves none; any value read
** writes in both Bolt forms, and its Bolt 5 bytes read back to an
** equivalent value that writes to the same bytes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "server/packstream.h"

static tg_db *fuzzDb = NULL;   /* the small graph of mode 3, made once */

static void fuzzBoltCloseDb(void) {
  tg_close(fuzzDb);
  fuzzDb = NULL;
}

/* A graph with live, deleted and loop relationships, for mode 3. */
static tg_db *fuzzBoltDb(void) {
  if (fuzzDb == NULL) {
    tg_open(&fuzzDb);
    int rc = tg_exec(fuzzDb,
                     "CREATE (a:A:B {k: 1, l: [1, 2], d: date('2020-01-01')})-[:R {w: 0.5}]->(b:B),"
                     " (b)-[:S]->(b), (b)<-[:T]-(c {z: 'x'}), (:Gone)-[:GONE]->(:Gone);"
                     "MATCH (g:Gone) DETACH DELETE g",
                     "fuzz");
    if (rc != TG_OK) {
      fprintf(stderr, "fuzz_bolt: the graph of mode 3: %s\n", tg_errmsg(fuzzDb));
      abort();
    }
    atexit(fuzzBoltCloseDb);
  }
  return fuzzDb;
}

/* Did a failed read explain itself? */
static int fuzzBoltErrOk(const PsReader *r) {
  return strncmp(r->zErr, "PackStream: ", 12) == 0;
}

/* Writes v in both forms; the Bolt 5 bytes must read back to an
** equivalent value with the same bytes. Returns 1 when a promise broke. */
static int fuzzBoltRewrite(const Value *v) {
  int bBroken = 0;
  StrBuf a, b;
  strbuf_init(&a);
  strbuf_init(&b);
  char zErr[PS_ERR_MAX];
  if (!ps_put_value(&a, NULL, v, PS_BOLT_V4, zErr, sizeof(zErr))) bBroken = 1;
  strbuf_truncate(&a, 0);
  if (!ps_put_value(&a, NULL, v, PS_BOLT_V5, zErr, sizeof(zErr))) bBroken = 1;
  Arena arena;
  arena_init(&arena);
  PsReader r;
  ps_reader_init(&r, a.z, a.n);
  Value w;
  if (!ps_read_value(&r, &arena, &w) || ps_remaining(&r) != 0) {
    fprintf(stderr, "fuzz_bolt: rewritten value does not read back: %s\n", r.zErr);
    bBroken = 1;
  } else {
    /* value_equivalent looks map keys up one by one: only for small values. */
    if (a.n <= 4096 && !value_equivalent(v, &w)) {
      fprintf(stderr, "fuzz_bolt: rewritten value differs\n");
      bBroken = 1;
    }
    ps_put_value(&b, NULL, &w, PS_BOLT_V5, zErr, sizeof(zErr));
    if (a.n != b.n || memcmp(a.z, b.z, a.n) != 0) {
      fprintf(stderr, "fuzz_bolt: rewritten bytes differ\n");
      bBroken = 1;
    }
  }
  arena_free(&arena);
  strbuf_free(&a);
  strbuf_free(&b);
  return bBroken;
}

/* Reads a message's fields as the Bolt layer does: by the marker ahead. */
static int fuzzBoltMessage(PsReader *r, Arena *pA) {
  uint8_t tag;
  uint32_t nField;
  if (!ps_read_struct_header(r, &tag, &nField)) return !fuzzBoltErrOk(r);
  for (uint32_t i = 0; i < nField; i++) {
    int m = ps_peek_marker(r);
    Value v;
    bool bOk;
    if (m >= 0x80 && m <= 0x8F) {
      bOk = ps_read_string(r, pA, &v);
    } else if (m >= 0xA0 && m <= 0xAF) {
      bOk = ps_read_map(r, pA, &v);
    } else if (m >= 0 && (m <= 0x7F || m >= 0xF0)) {
      int64_t x;
      bOk = ps_read_int(r, &x);
      v = value_int(x);
    } else {
      bOk = ps_read_value(r, pA, &v);
    }
    if (!bOk) return !fuzzBoltErrOk(r);
    if (fuzzBoltRewrite(&v)) return 1;
  }
  return r->zErr[0] != 0;
}

/* Mode 3: integers found in v (a list, or one integer) as entity ids. */
static int fuzzBoltEntities(const Value *v, Arena *pA) {
  tg_db *pDb = fuzzBoltDb();
  uint32_t nId = v->type == VAL_LIST ? v->n : 1;
  const Value *aItem = v->type == VAL_LIST ? v->u.a : v;
  uint32_t nStep = nId ? (nId - 1) / 2 : 0;
  Value path = value_path_new(pA, nStep);
  Value list = value_list_new(pA, 2 * nId);
  for (uint32_t i = 0; i < nId; i++) {
    uint32_t id = aItem[i].type == VAL_INT ? (uint32_t)aItem[i].u.i : i;
    list.u.a[2 * i] = value_node(id);
    list.u.a[2 * i + 1] = value_rel(id);
    if (i < path.n) path.u.a[i] = (i % 2) ? value_rel(id) : value_node(id);
  }
  int bBroken = 0;
  for (int flags = 0; flags <= PS_BOLT_V5; flags++) {
    StrBuf b;
    strbuf_init(&b);
    char zErr[PS_ERR_MAX];
    if (!ps_put_value(&b, pDb, &list, flags, zErr, sizeof(zErr))) bBroken = 1;
    if (nId && !ps_put_value(&b, pDb, &path, flags, zErr, sizeof(zErr))) bBroken = 1;
    strbuf_free(&b);
  }
  return bBroken;
}

static int fuzzOne(const char *z, size_t n) {
  if (n == 0) return 0;
  int eMode = (unsigned char)z[0] % 4;
  PsReader r;
  ps_reader_init(&r, z + 1, n - 1);
  Arena arena;
  arena_init(&arena);
  int bBroken = 0;
  Value v;
  if (eMode == 1) {
    bBroken = fuzzBoltMessage(&r, &arena);
  } else if (eMode == 2) {
    while (ps_remaining(&r) && !bBroken) {
      if (!ps_read_value(&r, &arena, &v)) {
        bBroken = !fuzzBoltErrOk(&r);
        break;
      }
      bBroken = fuzzBoltRewrite(&v);
    }
  } else if (ps_read_value(&r, &arena, &v)) {
    bBroken = r.zErr[0] != 0 || fuzzBoltRewrite(&v);
    if (eMode == 3 && !bBroken) bBroken = fuzzBoltEntities(&v, &arena);
  } else {
    bBroken = !fuzzBoltErrOk(&r);
  }
  arena_free(&arena);
  return bBroken;
}

#include "fuzz_replay.h"
