/*
** fuzz_query.c — fuzzing the query pipeline (lexer, parser, checker,
** planner, executor) and replaying the committed corpus.
**
** Built two ways:
**   - normally (by the Makefile, as a test tool): `fuzz_query DIR` replays
**     every file in DIR as one query against a small graph and prints TAP;
**     a query may fail, but must not crash, leak (sanitizer build), or
**     change the graph when it fails;
**   - with clang -fsanitize=fuzzer -DTANGLE_LIBFUZZER: a libFuzzer target
**     built and run by tests/fuzz/run-fuzzer.sh.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tangle.h"

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

#ifdef TANGLE_LIBFUZZER
int LLVMFuzzerTestOneInput(const unsigned char *aData, size_t n) {
  if (n > 4096) return 0;
  if (fuzzOne((const char *)aData, n)) abort();
  return 0;
}
#else
static int fuzzCmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  const char *zDir = argc > 1 ? argv[1] : "tests/fuzz/corpus";
  DIR *d = opendir(zDir);
  if (d == NULL) {
    printf("not ok 1 - fuzz corpus %s cannot be opened\n", zDir);
    return 1;
  }
  char **azName = NULL;
  int nName = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    azName = realloc(azName, sizeof(char *) * (size_t)(nName + 1));
    if (azName == NULL) abort();
    azName[nName++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(azName, (size_t)nName, sizeof(char *), fuzzCmp);
  int nFail = 0;
  for (int i = 0; i < nName; i++) {
    char zPath[4096];
    snprintf(zPath, sizeof(zPath), "%s/%s", zDir, azName[i]);
    FILE *f = fopen(zPath, "rb");
    char aBuf[8192];
    size_t n = f ? fread(aBuf, 1, sizeof(aBuf), f) : 0;
    if (f) fclose(f);
    int bBad = fuzzOne(aBuf, n);
    nFail += bBad;
    printf("%s %d - fuzz replay %s\n", bBad ? "not ok" : "ok", i + 1, azName[i]);
    free(azName[i]);
  }
  free(azName);
  printf("# fuzz replay: %d inputs, %d failed\n", nName, nFail);
  return nFail ? 1 : 0;
}
#endif
