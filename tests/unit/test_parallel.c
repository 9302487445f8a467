/*
** test_parallel.c — counting queries run on several workers (parallel.c)
** give exactly the answers of one worker: counts, min and max over
** expansions, optional matches and parameters; an error raised on a
** worker thread reaches the caller; a reset statement runs in parallel
** again; plans that cannot be split (grouping keys, collect, DISTINCT,
** writes, small graphs, a FactorisedCount with a plan to fall back on)
** are not split; FactorisedCount is; ORDER BY ... LIMIT is, with ties in
** one worker's order. The statement's clones are
** inspected through stmt.h to prove the parallel path really ran. Grouped
** counts come out in the same order as on one worker.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "stmt.h"
#include "tangle.h"

/* 20000 nodes (above the parallel threshold), two R edges each, by two
** multiplicative maps, so that two-hop counts are not trivial. */
static const char zGraph[] =
    "UNWIND range(0, 19999) AS i CREATE (:N {id: i, v: (i * 37) % 1001});"
    "CREATE INDEX FOR (n:N) ON (n.id);"
    "UNWIND range(0, 19999) AS i MATCH (a:N {id: i}), (b:N {id: (i * 7 + 1) % 20000})"
    "  CREATE (a)-[:R {w: i % 13}]->(b);"
    "UNWIND range(0, 19999) AS i MATCH (a:N {id: i}), (b:N {id: (i * 11 + 3) % 20000})"
    "  CREATE (a)-[:R {w: i % 17}]->(b);"
    "CREATE (:Small {id: 1});"
    /* 100 hubs of 200 neighbours each: few scanned nodes, much work. */
    "UNWIND range(0, 99) AS h CREATE (hub:Hub {id: h}) WITH hub, h"
    "  UNWIND range(0, 199) AS k MATCH (n:N {id: h * 200 + k}) CREATE (hub)-[:H]->(n);";

static tg_db *pDb;

static int setup(void **state) {
  (void)state;
  if (tg_open(&pDb) != TG_OK) return -1;
  if (tg_exec(pDb, zGraph, NULL) != TG_OK) {
    fprintf(stderr, "setup: %s\n", tg_errmsg(pDb));
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tg_close(pDb);
  return 0;
}

/* The rows of a query as "a|b|c;a|b|c" (integers, strings and nulls), in
** the order they came, run with nThreads workers; nClone is how many
** clones helped. */
typedef struct Answer {
  char z[4096];
  uint32_t nClone;
} Answer;

static Answer run(const char *zQuery, int nThreads, const char *zParam, int64_t iParam) {
  Answer a = {{0}, 0};
  tg_config_set(pDb, "threads", nThreads);
  tg_stmt *pStmt = NULL;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK) fail_msg("prepare %s: %s", zQuery, tg_errmsg(pDb));
  if (zParam) tg_bind_int(pStmt, zParam, iParam);
  int rc;
  size_t n = 0;
  for (int iRow = 0; (rc = tg_step(pStmt)) == TG_ROW; iRow++) {
    a.nClone = pStmt->clones.n;
    for (int i = 0; i < tg_column_count(pStmt) && n < sizeof(a.z); i++) {
      const char *zSep = i ? "|" : iRow ? ";" : "";
      int t = tg_column_type(pStmt, i);
      if (t == TG_NULL) {
        n += (size_t)snprintf(a.z + n, sizeof(a.z) - n, "%snull", zSep);
      } else if (t == TG_STRING) {
        n += (size_t)snprintf(a.z + n, sizeof(a.z) - n, "%s%s", zSep, tg_column_text(pStmt, i));
      } else {
        n += (size_t)snprintf(a.z + n, sizeof(a.z) - n, "%s%lld", zSep, (long long)tg_column_int(pStmt, i));
      }
    }
  }
  if (rc != TG_DONE) fail_msg("step %s: %s", zQuery, tg_errmsg(pDb));
  assert_true(n < sizeof(a.z));
  tg_finalize(pStmt);
  return a;
}

/* zQuery gives the same answer on 1, 2 and 4 workers, and 2 and 4 do use
** clones when bSplit. */
static void check_same(const char *zQuery, bool bSplit, const char *zParam, int64_t iParam) {
  Answer one = run(zQuery, 1, zParam, iParam);
  assert_int_equal(one.nClone, 0);
  for (int nThreads = 2; nThreads <= 4; nThreads += 2) {
    Answer many = run(zQuery, nThreads, zParam, iParam);
    assert_string_equal(many.z, one.z);
    assert_int_equal(many.nClone, bSplit ? (uint32_t)nThreads - 1 : 0);
  }
}

static void test_counts_min_max_agree(void **state) {
  (void)state;
  check_same("MATCH (a:N)-[r:R]->(b)-[:R]->(c) RETURN count(*), min(a.v), max(c.v + r.w)", true, NULL, 0);
  check_same("MATCH (a)-->(b)-->(c)-->(d) RETURN count(*)", true, NULL, 0);
  check_same("MATCH (a:N) WHERE a.v % 3 = 0 MATCH (a)-[:R]->(b) WHERE b.v > a.v RETURN count(b), max(b.id)",
             true, NULL, 0);
  /* Few scanned nodes that fan out are split too (into small blocks). */
  check_same("MATCH (h:Hub)-[:H]->(n)-[:R]->(m) RETURN count(*), max(m.v), min(h.id)", true, NULL, 0);
  /* Nothing matches: count 0, min and max null, whatever the split. */
  check_same("MATCH (a:N) WHERE a.v > 5000 RETURN count(*), min(a.v), max(a.v)", true, NULL, 0);
}

static void test_optional_match_and_parameters(void **state) {
  (void)state;
  check_same("MATCH (a:N) OPTIONAL MATCH (a)-[:R]->(b:N) WHERE b.v > 990 RETURN count(b), count(*)", true,
             NULL, 0);
  check_same("MATCH (a:N)-[:R]->(b) WHERE a.v > $k RETURN count(*), min(b.v)", true, "k", 500);
  Answer a = run("MATCH (a:N)-[:R]->(b) WHERE a.v > $k RETURN count(*)", 4, "k", 2000);
  assert_string_equal(a.z, "0");
}

/* Grouped counts merge by key, and the groups come out in the order of a
** single worker (first appearance), not in an order that varies. */
static void test_grouped_counts_keep_their_order(void **state) {
  (void)state;
  check_same("MATCH (a:N)-[r:R]->(b) RETURN r.w AS w, count(*), min(b.v), max(a.id)", true, NULL, 0);
  check_same("MATCH (a:N)-[:R]->(b) WHERE a.v < 40 RETURN b.v % 7 AS k, a.v AS v, count(*)", true, NULL, 0);
  check_same("MATCH (h:Hub)-[:H]->(n) RETURN 'hub ' + toString(h.id % 10) AS hub, count(n)", true, NULL,
             0);
  check_same("MATCH (a:N)-[:R]->(b) RETURN DISTINCT b.v % 5 AS k", false, NULL, 0);   /* Distinct, not Aggregate */
  check_same("MATCH (a:N)-[r:R]->(b) RETURN r.w AS w, count(*) AS c ORDER BY c DESC, w LIMIT 3", true, NULL,
             0);
}

/* A FactorisedCount is split by its root's nodes, each worker with its
** own memo; not when it keeps an enumerating plan to fall back on (two
** relationships of one type between nodes of one label), whose scan is
** not shared. */
static void test_factorised_counts_split(void **state) {
  (void)state;
  const char *zHub = "MATCH (h:Hub)-[:H]->(n)-[:R]->(m) RETURN count(*)";
  Answer plan = run("EXPLAIN MATCH (h:Hub)-[:H]->(n)-[:R]->(m) RETURN count(*)", 1, NULL, 0);
  assert_non_null(strstr(plan.z, "FactorisedCount"));
  check_same(zHub, true, NULL, 0);
  assert_string_equal(run(zHub, 1, NULL, 0).z, "40000");
  check_same("MATCH (a:N)-[:R]->(b)<-[:H]-(h:Hub) RETURN h.id % 3 AS k, count(*)", true, NULL, 0);
  check_same("MATCH (a:N)-[:R]->(b:N)-[:H]-(h:Hub), (a)<-[:R]-(z) WHERE id(z) <> id(b) RETURN count(*)", true,
             NULL, 0);
  const char *zPair = "MATCH (a:N)-[:R]->(b:N)-[:R]->(c:N) RETURN count(*)";
  plan = run("EXPLAIN MATCH (a:N)-[:R]->(b:N)-[:R]->(c:N) RETURN count(*)", 1, NULL, 0);
  assert_non_null(strstr(plan.z, "UNLESS"));
  check_same(zPair, false, NULL, 0);
  assert_string_equal(run(zPair, 1, NULL, 0).z, "80000");
}

/* A WcoJoin in the chain is split too: each worker intersects the
** adjacency of the nodes its share of the scan reaches. */
static void test_wco_join_splits(void **state) {
  (void)state;
  const char *zCycle = "MATCH (a:N)-[:R]->(b)-[:R]->(c), (a)-[:R]-(c) RETURN count(*), max(c.v)";
  Answer plan = run("EXPLAIN MATCH (a:N)-[:R]->(b)-[:R]->(c), (a)-[:R]-(c) RETURN count(*), max(c.v)", 1, NULL, 0);
  assert_non_null(strstr(plan.z, "WcoJoin"));
  check_same(zCycle, true, NULL, 0);
}

/* ORDER BY ... LIMIT: each worker keeps its top rows and the statement
** keeps the top of theirs; rows whose keys tie come in the order one
** worker gives them (by the scanned node), so the answer never changes. */
static void test_top_rows_split(void **state) {
  (void)state;
  check_same("MATCH (a:N)-[r:R]->(b) RETURN (a.v + b.v) % 50 AS s, b.id ORDER BY s DESC LIMIT 50", true,
             NULL, 0);
  check_same("MATCH (a:N)-[:R]->(b)-[:R]->(c) RETURN a.id, c.id ORDER BY c.v * 2 LIMIT 40", true, NULL, 0);
  check_same("MATCH (a:N)-[r:R]->(b) RETURN r.w, a.id ORDER BY r.w SKIP 7 LIMIT $k", true, "k", 25);
  check_same("MATCH (h:Hub)-[:H]->(n)-[:R]->(m) RETURN h.id, m.v ORDER BY m.v - h.id DESC LIMIT 20", true,
             NULL, 0);
  /* With a TopCut under the Sort (keys are properties of variables) one
  ** worker reading in key order stops early: not split. */
  Answer plan = run("EXPLAIN MATCH (a:N)-[:R]->(b) RETURN a.id, b.id ORDER BY a.id, b.id LIMIT 20", 1, NULL, 0);
  assert_non_null(strstr(plan.z, "TopCut"));
  check_same("MATCH (a:N)-[:R]->(b) RETURN a.id, b.id ORDER BY a.id, b.id LIMIT 20", false, NULL, 0);
  /* A LIMIT of 0 keeps nothing on any worker. */
  assert_string_equal(run("MATCH (a:N) RETURN a.id ORDER BY a.v LIMIT 0", 4, NULL, 0).z, "");
  /* Without a LIMIT every row would move: not split. */
  assert_int_equal(run("MATCH (a:N) WHERE a.id < 5 RETURN a.id ORDER BY a.v", 4, NULL, 0).nClone, 0);
  /* An error on a worker reaches the caller. */
  tg_config_set(pDb, "threads", 4);
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pDb, "MATCH (a:N) RETURN 1 / (a.id - 12345) AS x ORDER BY x LIMIT 3", -1, &pStmt,
                              NULL),
                   TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ERROR);
  assert_non_null(strstr(tg_errmsg(pDb), "division by zero"));
  tg_finalize(pStmt);
}

static void test_plans_that_are_not_split(void **state) {
  (void)state;
  /* sum(), collect() and DISTINCT aggregates are not merged. */
  assert_int_equal(run("MATCH (a:N) WITH a.v % 2 AS k, count(*) AS c RETURN sum(c)", 4, NULL, 0).nClone, 0);
  assert_int_equal(run("MATCH (a:N) RETURN a.v % 2, sum(a.v)", 4, NULL, 0).nClone, 0);
  assert_int_equal(run("MATCH (a:N) RETURN size(collect(a.v))", 4, NULL, 0).nClone, 0);
  assert_int_equal(run("MATCH (a:N)-->(b) RETURN count(DISTINCT b)", 4, NULL, 0).nClone, 0);
  /* Too small a scan is not worth a thread. */
  assert_int_equal(run("MATCH (s:Small) RETURN count(*)", 4, NULL, 0).nClone, 0);
  /* Writes are never split, and their count is right. */
  Answer w = run("MATCH (a:N) WHERE a.id < 10 SET a.seen = true RETURN count(*)", 4, NULL, 0);
  assert_string_equal(w.z, "10");
  assert_int_equal(w.nClone, 0);
  assert_string_equal(run("MATCH (a:N) WHERE a.seen RETURN count(*)", 4, NULL, 0).z, "10");
  assert_int_equal(tg_exec(pDb, "MATCH (a:N) REMOVE a.seen", NULL), TG_OK);
}

static void test_error_on_a_worker_reaches_the_caller(void **state) {
  (void)state;
  tg_config_set(pDb, "threads", 4);
  /* One node of 20000 divides by zero; whichever worker reads it fails. */
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pDb, "MATCH (a:N) RETURN count(1 / (a.id - 12345))", -1, &pStmt, NULL), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ERROR);
  assert_string_equal(tg_errkind(pDb), "ArgumentError");
  assert_non_null(strstr(tg_errmsg(pDb), "division by zero"));
  tg_finalize(pStmt);
  assert_int_equal(tg_node_count(pDb), 20101);
}

static void test_reset_runs_in_parallel_again(void **state) {
  (void)state;
  tg_config_set(pDb, "threads", 3);
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pDb, "MATCH (a:N)-[:R]->(b) RETURN count(*)", -1, &pStmt, NULL), TG_OK);
  for (int round = 0; round < 3; round++) {
    assert_int_equal(tg_step(pStmt), TG_ROW);
    assert_int_equal(tg_column_int(pStmt, 0), 40000);
    assert_int_equal(pStmt->clones.n, 2);
    assert_int_equal(tg_step(pStmt), TG_DONE);
    assert_int_equal(tg_reset(pStmt), TG_OK);
  }
  tg_finalize(pStmt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counts_min_max_agree),
      cmocka_unit_test(test_optional_match_and_parameters),
      cmocka_unit_test(test_grouped_counts_keep_their_order),
      cmocka_unit_test(test_factorised_counts_split),
      cmocka_unit_test(test_wco_join_splits),
      cmocka_unit_test(test_top_rows_split),
      cmocka_unit_test(test_plans_that_are_not_split),
      cmocka_unit_test(test_error_on_a_worker_reaches_the_caller),
      cmocka_unit_test(test_reset_runs_in_parallel_again),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
