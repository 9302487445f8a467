/*
** micro.c — the storage micro-benchmark (./build.sh bench).
**
** Through the public C API: creates 1,000,000 nodes and 5,000,000
** relationships of three types, then measures
**   - insertion rate (nodes/s, relationships/s),
**   - typed 1-hop and 2-hop expansion rate (pattern rows per second),
**   - a label scan with a property filter,
**   - memory per relationship (both adjacency directions included),
** each query as the median of five runs after one warm-up. As a peer in the
** same run, the same counts are computed by a plain C walk over the graph's
** adjacency arrays (what the operators would cost with no engine at all),
** and the ratio engine/raw is printed. Prints figures; asserts nothing.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "store/graph.h"
#include "tangle.h"

#define BENCH_NODES 1000000
#define BENCH_RELS_PER_TYPE 1666667   /* three types: 5,000,001 relationships */
#define BENCH_BATCH 500000
#define BENCH_RUNS 5

static double benchNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void benchFail(tg_db *pDb, const char *zWhat) {
  fprintf(stderr, "bench: %s failed: %s %s\n", zWhat, tg_errkind(pDb), tg_errmsg(pDb));
  exit(1);
}

/* Runs a statement with integer parameters lo/hi; returns the first
** column of the last row (or 0). */
static int64_t benchRun(tg_db *pDb, const char *zQuery, int64_t lo, int64_t hi) {
  tg_stmt *pStmt;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK) benchFail(pDb, zQuery);
  tg_bind_int(pStmt, "lo", lo);
  tg_bind_int(pStmt, "hi", hi);
  int64_t v = 0;
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) v = tg_column_int(pStmt, 0);
  if (rc != TG_DONE) benchFail(pDb, zQuery);
  tg_finalize(pStmt);
  return v;
}

static int benchCmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The median of BENCH_RUNS timings (sorts them). */
static double benchMedianOf(double *a) {
  qsort(a, BENCH_RUNS, sizeof(double), benchCmpDouble);
  return a[BENCH_RUNS / 2];
}

/* Median seconds of BENCH_RUNS runs (after a warm-up); *pResult gets the value. */
static double benchMedian(tg_db *pDb, const char *zQuery, int64_t *pResult) {
  double a[BENCH_RUNS];
  *pResult = benchRun(pDb, zQuery, 0, 0);
  for (int i = 0; i < BENCH_RUNS; i++) {
    double t0 = benchNow();
    *pResult = benchRun(pDb, zQuery, 0, 0);
    a[i] = benchNow() - t0;
  }
  return benchMedianOf(a);
}

/* The peer: count 1-hop or 2-hop typed paths by walking adjacency in C. */
static int64_t benchRawCount(const Graph *g, uint32_t t1, int64_t t2) {
  int64_t n = 0;
  for (NodeId a = 0; a < g->nNodeSlot; a++) {
    const AdjEntry *e1;
    uint32_t n1 = graph_adj(g, a, DIR_OUT, t1, &e1);
    if (t2 < 0) {
      n += n1;
      continue;
    }
    for (uint32_t i = 0; i < n1; i++) {
      const AdjEntry *e2;
      n += graph_adj(g, e1[i].nbr, DIR_OUT, t2, &e2);
    }
  }
  return n;
}

static double benchRawMedian(const Graph *g, uint32_t t1, int64_t t2, int64_t *pResult) {
  double a[BENCH_RUNS];
  *pResult = benchRawCount(g, t1, t2);
  for (int i = 0; i < BENCH_RUNS; i++) {
    double t0 = benchNow();
    *pResult = benchRawCount(g, t1, t2);
    a[i] = benchNow() - t0;
  }
  return benchMedianOf(a);
}

int main(void) {
  tg_db *pDb;
  tg_open(&pDb);
  printf("Tangle micro-benchmark: %d nodes, %d relationships of 3 types\n", BENCH_NODES,
         3 * BENCH_RELS_PER_TYPE);

  int64_t mem0 = tg_memory_used();
  double t0 = benchNow();
  benchRun(pDb, "UNWIND range(0, 999999) AS i CREATE (:Node {id: i})", 0, 0);
  double tNodes = benchNow() - t0;
  int64_t mem1 = tg_memory_used();

  static const char *azCreate[3] = {
      "UNWIND range($lo, $hi) AS i MATCH (a) WHERE id(a) = i % 1000000 "
      "MATCH (b) WHERE id(b) = (i * 7919 + 13) % 1000000 CREATE (a)-[:T0]->(b)",
      "UNWIND range($lo, $hi) AS i MATCH (a) WHERE id(a) = (i * 31) % 1000000 "
      "MATCH (b) WHERE id(b) = (i * 104729 + 7) % 1000000 CREATE (a)-[:T1]->(b)",
      "UNWIND range($lo, $hi) AS i MATCH (a) WHERE id(a) = (i * 17 + 5) % 1000000 "
      "MATCH (b) WHERE id(b) = (i * 3571 + 1) % 1000000 CREATE (a)-[:T2]->(b)"};
  t0 = benchNow();
  for (int t = 0; t < 3; t++) {
    for (int64_t lo = 0; lo < BENCH_RELS_PER_TYPE; lo += BENCH_BATCH) {
      int64_t hi = lo + BENCH_BATCH - 1;
      if (hi >= BENCH_RELS_PER_TYPE) hi = BENCH_RELS_PER_TYPE - 1;
      benchRun(pDb, azCreate[t], lo, hi);
    }
  }
  double tRels = benchNow() - t0;
  int64_t mem2 = tg_memory_used();
  int64_t nRels = tg_relationship_count(pDb);

  printf("\ninsertion\n");
  printf("  nodes          %8.2f s   %10.0f nodes/s\n", tNodes, BENCH_NODES / tNodes);
  printf("  relationships  %8.2f s   %10.0f relationships/s (batches of %d, 3 MATCH-by-id + CREATE each)\n",
         tRels, nRels / tRels, BENCH_BATCH);
  printf("\nmemory\n");
  printf("  per node          %6.1f bytes (record, label bitmap, one property)\n",
         (double)(mem1 - mem0) / BENCH_NODES);
  printf("  per relationship  %6.1f bytes (record + both adjacency directions)\n",
         (double)(mem2 - mem1) / (double)nRels);
  graph_compact(pDb->pGraph);
  int64_t mem3 = tg_memory_used();
  printf("  per relationship  %6.1f bytes after graph_compact() (adjacency packed)\n",
         (double)(mem3 - mem1) / (double)nRels);

  /* One worker first, to compare with the single-threaded loop; then the
  ** default (one worker per core) for the parallel speed-up. */
  int64_t n1, n2, r1, r2, nScan;
  double p1 = benchRawMedian(pDb->pGraph, 1, -1, &r1);
  double p2 = benchRawMedian(pDb->pGraph, 1, 2, &r2);
  for (int nThreads = 1; nThreads >= 0; nThreads--) {
    tg_config_set(pDb, "threads", nThreads);
    printf("\nqueries, %s (median of %d runs; peer = the same count by a C loop over adjacency)\n",
           nThreads ? "one worker" : "one worker per core", BENCH_RUNS);
    double t1 = benchMedian(pDb, "MATCH (a:Node)-[:T1]->(b) RETURN count(*)", &n1);
    printf("  1-hop typed      %8.3f s  %12lld rows  %10.2f M rows/s   raw %8.3f s  ratio %5.1fx%s\n", t1,
           (long long)n1, n1 / t1 / 1e6, p1, t1 / p1, n1 == r1 ? "" : "  MISMATCH");
    double t2 = benchMedian(pDb, "MATCH (a:Node)-[:T1]->(b)-[:T2]->(c) RETURN count(*)", &n2);
    printf("  2-hop typed      %8.3f s  %12lld rows  %10.2f M rows/s   raw %8.3f s  ratio %5.1fx%s\n", t2,
           (long long)n2, n2 / t2 / 1e6, p2, t2 / p2, n2 == r2 ? "" : "  MISMATCH");
    double t3 = benchMedian(pDb, "MATCH (n:Node) WHERE n.id % 10 = 3 RETURN count(*)", &nScan);
    printf("  label scan+filter %7.3f s  %12lld rows  %10.2f M nodes/s scanned\n", t3,
           (long long)nScan, BENCH_NODES / t3 / 1e6);
  }
  tg_close(pDb);
  return 0;
}
