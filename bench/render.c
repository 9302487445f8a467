/*
** render.c — the RENDER benchmark (./build.sh bench).
**
** Through the public C API: builds a knowledge-graph-like graph of 500
** nodes (Person, Firm, Chip, System, Document, Claim, Event, Place, each
** with a name, aliases and sources) and 1,500 relationships of eight
** types with the properties RENDER formats (stake, units, price_usd,
** date, quote), endpoints drawn by a fixed-seed generator with a bias
** towards a few hubs, as the real graph has. It then renders the whole
** graph, 500 nodes and 1,500 relationships, to SVG several times and prints
** the median wall time (the target is under a second; a picture this big is
** laid out by sfdp, see render.c). As a peer in the same run it prints
** the median time of the same RENDER to plain DOT (no layout), which is
** what building the styled graph costs on its own. Prints figures;
** asserts nothing.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "tangle.h"
#include "base/strbuf.h"

#define RENDER_BENCH_NODES 500
#define RENDER_BENCH_RELS 1500
#define RENDER_BENCH_HUBS 25
#define RENDER_BENCH_RUNS 7

/* Seconds on a clock: CLOCK_MONOTONIC (wall) or CLOCK_PROCESS_CPUTIME_ID
** (CPU, all threads; what the render costs when other work shares the
** machine's cores). The CPU figure adds that of reaped child processes:
** a layout runs in one (engine/out/render.c). */
static double renderBenchNow(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  double t = ts.tv_sec + ts.tv_nsec / 1e9;
  if (clock == CLOCK_PROCESS_CPUTIME_ID) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    t += ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  }
  return t;
}

static void renderBenchFail(tg_db *pDb, const char *zWhat) {
  fprintf(stderr, "bench render: %s failed: %s %s\n", zWhat, tg_errkind(pDb), tg_errmsg(pDb));
  exit(1);
}

/* A small deterministic generator (xorshift64*), so every run builds the
** same graph. */
static uint64_t renderBenchSeed = 0x9E3779B97F4A7C15ULL;
static uint32_t renderBenchRand(uint32_t n) {
  renderBenchSeed ^= renderBenchSeed >> 12;
  renderBenchSeed ^= renderBenchSeed << 25;
  renderBenchSeed ^= renderBenchSeed >> 27;
  return (uint32_t)((renderBenchSeed * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

/* Creates the nodes, label by label; node ids are 0..499 in order. */
static void renderBenchNodes(tg_db *pDb) {
  static const char *azLabel[] = {"Person", "Firm", "Chip", "System",
                                  "Document", "Claim", "Event", "Place"};
  int nLabel = (int)(sizeof(azLabel) / sizeof(azLabel[0]));
  int nPer = RENDER_BENCH_NODES / nLabel;
  char zSql[512];
  for (int k = 0; k < nLabel; k++) {
    int lo = k * nPer, hi = k == nLabel - 1 ? RENDER_BENCH_NODES - 1 : lo + nPer - 1;
    const char *zCaption = strcmp(azLabel[k], "Claim") == 0 ? "text" : "name";
    snprintf(zSql, sizeof(zSql),
             "UNWIND range(%d, %d) AS i CREATE (:%s {%s: '%s number ' + toString(i) + "
             "' of the benchmark graph', aliases: ['ماسك ' + toString(i), 'マスク' + toString(i)], "
             "sources: ['seed-000', 'seed-003']})",
             lo, hi, azLabel[k], zCaption, azLabel[k]);
    if (tg_exec(pDb, zSql, NULL) != TG_OK) renderBenchFail(pDb, "creating nodes");
  }
}

/* Creates the relationships in one statement per type, from literal lists
** of [start, end] id pairs. */
static void renderBenchRels(tg_db *pDb) {
  static const struct {
    const char *zType;
    const char *zProps;
  } aType[] = {
      {"OWNS", "{stake: 0.25, sources: ['seed-000']}"},
      {"SHIPPED", "{units: 12000, date: date('2024-04-28')}"},
      {"ACQUIRED", "{price_usd: 44000000000, year: 2022}"},
      {"WORKS_AT", "{role: 'research engineer'}"},
      {"MENTIONS", "{sources: ['seed-002']}"},
      {"CONTRADICTS", "{quote: 'conflicts with bookings'}"},
      {"SUPPORTS", "{basis: 'same figures'}"},
      {"ABOUT", "{}"},
  };
  int nType = (int)(sizeof(aType) / sizeof(aType[0]));
  StrBuf sql;
  strbuf_init(&sql);
  for (int k = 0; k < nType; k++) {
    int nRel = RENDER_BENCH_RELS / nType + (k < RENDER_BENCH_RELS % nType ? 1 : 0);
    strbuf_truncate(&sql, 0);
    strbuf_puts(&sql, "UNWIND [");
    for (int i = 0; i < nRel; i++) {
      /* Two ends in three touch a hub, as in the knowledge graph. */
      uint32_t a = renderBenchRand(3) ? renderBenchRand(RENDER_BENCH_HUBS)
                                      : renderBenchRand(RENDER_BENCH_NODES);
      uint32_t b = renderBenchRand(RENDER_BENCH_NODES);
      strbuf_printf(&sql, "%s[%u, %u]", i ? ", " : "", a, b);
    }
    strbuf_printf(&sql,
                  "] AS pair MATCH (a), (b) WHERE id(a) = pair[0] AND id(b) = pair[1] "
                  "CREATE (a)-[:%s %s]->(b)",
                  aType[k].zType, aType[k].zProps);
    if (tg_exec(pDb, strbuf_cstr(&sql), NULL) != TG_OK) {
      renderBenchFail(pDb, "creating relationships");
    }
  }
  strbuf_free(&sql);
}

/* Runs one RENDER and returns the bytes produced. */
static int renderBenchOnce(tg_db *pDb, const char *zQuery) {
  tg_stmt *pStmt;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK) renderBenchFail(pDb, zQuery);
  if (tg_step(pStmt) != TG_ROW) renderBenchFail(pDb, zQuery);
  int n = tg_column_bytes(pStmt, 0);
  tg_finalize(pStmt);
  return n;
}

static int renderBenchCmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Median wall seconds of RENDER_BENCH_RUNS runs after one warm-up;
** *pCpu receives the median CPU seconds. */
static double renderBenchMedian(tg_db *pDb, const char *zQuery, int *pnBytes, double *pCpu) {
  double aWall[RENDER_BENCH_RUNS], aCpu[RENDER_BENCH_RUNS];
  *pnBytes = renderBenchOnce(pDb, zQuery);
  for (int i = 0; i < RENDER_BENCH_RUNS; i++) {
    double t0 = renderBenchNow(CLOCK_MONOTONIC), c0 = renderBenchNow(CLOCK_PROCESS_CPUTIME_ID);
    *pnBytes = renderBenchOnce(pDb, zQuery);
    aWall[i] = renderBenchNow(CLOCK_MONOTONIC) - t0;
    aCpu[i] = renderBenchNow(CLOCK_PROCESS_CPUTIME_ID) - c0;
  }
  qsort(aWall, RENDER_BENCH_RUNS, sizeof(double), renderBenchCmp);
  qsort(aCpu, RENDER_BENCH_RUNS, sizeof(double), renderBenchCmp);
  *pCpu = aCpu[RENDER_BENCH_RUNS / 2];
  return aWall[RENDER_BENCH_RUNS / 2];
}

int main(void) {
  tg_db *pDb;
  tg_open(&pDb);
  renderBenchNodes(pDb);
  renderBenchRels(pDb);
  printf("render: graph of %lld nodes, %lld relationships\n", (long long)tg_node_count(pDb),
         (long long)tg_relationship_count(pDb));

  /* Every node, and every relationship (which brings its ends anyway). */
  const char *zSvg = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RENDER n, r AS 'svg'";
  const char *zDot = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RENDER n, r AS 'dot'";
  int nSvg, nDot;
  double cSvg, cDot;
  double tSvg = renderBenchMedian(pDb, zSvg, &nSvg, &cSvg);
  double tDot = renderBenchMedian(pDb, zDot, &nDot, &cDot);
  printf("render: SVG (sfdp layout)  median %7.1f ms wall, %7.1f ms CPU over %d runs, %d bytes%s\n",
         tSvg * 1e3, cSvg * 1e3, RENDER_BENCH_RUNS, nSvg,
         tSvg < 1.0 ? "" : "  (wall time over the 1 s target)");
  printf("render: DOT (no layout)    median %7.1f ms wall, %7.1f ms CPU over %d runs, %d bytes"
         "  (peer)\n",
         tDot * 1e3, cDot * 1e3, RENDER_BENCH_RUNS, nDot);
  printf("render: layout and SVG writing take %.1fx the time of building the styled graph\n",
         tDot > 0 ? tSvg / tDot : 0.0);
  tg_close(pDb);
  return 0;
}
