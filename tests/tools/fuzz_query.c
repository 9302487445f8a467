/*
** fuzz_query.c — fuzzing the query pipeline (lexer, parser, checker,
** planner, executor) and replaying the committed corpus.
**
** Built two ways:
**   - normally (by the Makefile, as a test tool): `fuzz_query DIR` replays
**     every file in DIR (tests/fuzz/query) as one query against a small
**     graph and prints TAP (fuzz_replay.h);
**     a query may fail, but must not crash, leak (sanitizer build), or
**     change the graph when it fails;
**   - with clang -fsanitize=fuzzer -DTANGLE_LIBFUZZER: a libFuzzer target
**     built and run by tests/fuzz/run-fuzzer.sh.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tangle.h"

/* Queries longer than this are not what the query target is about. */
#define FUZZ_MAX_INPUT 8192

static const char zFuzzGraph[] =
    "CREATE (a:Person {name: 'Elon Musk', age: 52, tags: ['ceo', 'x']})-[:OWNS {stake: 0.205}]->"
    "(t:Firm {name: 'Tesla', founded: 2003}), (a)-[:OWNS {stake: 1.0}]->(x:Firm {name: 'X'}), "
    "(x)-[:OWNS {stake: 0.25}]->(ai:Firm {name: 'xAI'}), (a)-[:FOUNDED]->(ai), "
    "(c:Claim {text: 'H100 from 35,000 to 85,000', value: 85000})<-[:MADE]-(a), "
    "(d:Document {name: 'email'})-[:CONTRADICTS]->(c), (n:Node), (n)-[:SELF]->(n)";

/* Counts nodes and relationships, for the unchanged-after-failure check. */
static void fuzzCounts(tg_db *pDb, int64_t *pnNode, int64_t *pnRel) {
  *pnNode = tg_node_count(pDb);
  *pnRel = tg_relationship_count(pDb);
}

/* Runs one query; returns 0, or 1 when a failing query changed the graph. */
static int fuzzOne(const char *zQuery, size_t n) {
  tg_db *pDb;
  tg_open(&pDb);
  tg_exec(pDb, zFuzzGraph, NULL);
  int64_t nNode0, nRel0, nNode1, nRel1;
  fuzzCounts(pDb, &nNode0, &nRel0);
  char *z = malloc(n + 1);
  if (z == NULL) abort();
  memcpy(z, zQuery, n);
  z[n] = 0;
  int bBad = 0;
  const char *zTail = z;
  for (int iStmt = 0; iStmt < 4 && *zTail; iStmt++) {
    tg_stmt *pStmt = NULL;
    const char *zNext = NULL;
    if (tg_prepare(pDb, zTail, -1, &pStmt, &zNext) != TG_OK || pStmt == NULL) break;
    tg_bind_int(pStmt, "p", 1);
    tg_bind_text(pStmt, "s", "ماسك", -1);
    int rc, nRow = 0;
    while ((rc = tg_step(pStmt)) == TG_ROW && nRow < 10000) {
      for (int i = 0; i < tg_column_count(pStmt); i++) tg_column_text(pStmt, i);
      nRow++;
    }
    fuzzCounts(pDb, &nNode1, &nRel1);
    if (rc == TG_ERROR && tg_stmt_readonly(pStmt) == 0 && (nNode1 != nNode0 || nRel1 != nRel0)) {
      bBad = 1;   /* a failed write left changes behind */
    }
    nNode0 = nNode1;
    nRel0 = nRel1;
    tg_finalize(pStmt);
    if (zNext == NULL || zNext == zTail) break;
    zTail = zNext;
  }
  free(z);
  tg_close(pDb);
  return bBad;
}

#include "fuzz_replay.h"
