/*
** test_index_order.c — the sorted order of range indexes (store/index.h):
** after random insertions, changes and removals of values (and statement
** rollbacks), the order holds each posting once, sorted by value_compare,
** and index_range() finds the bounds a linear scan finds. Also the
** existence and property type constraints' broken-node counts.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "store/graph.h"
#include "store/index.h"

/* Removes property key of node n (a null value removes). */
static void removeProp(Graph *g, NodeId n, uint32_t key) {
  Value v = value_null();
  graph_set_prop(g, ENT_NODE, n, key, &v);
}

/* Checks the order against the postings: a permutation, sorted. */
static void checkOrder(const PropIndex *pIdx) {
  assert_int_equal(pIdx->order.n, pIdx->postings.n);
  uint8_t *abSeen = calloc(pIdx->postings.n + 1, 1);
  uint64_t nEntries = 0;
  for (uint32_t i = 0; i < pIdx->order.n; i++) {
    uint32_t iPost = pIdx->order.a[i];
    assert_true(iPost < pIdx->postings.n);
    assert_false(abSeen[iPost]);
    abSeen[iPost] = 1;
    nEntries += pIdx->postings.a[iPost].nodes.n;
    if (i > 0) assert_true(value_compare(&index_at(pIdx, i - 1)->key, &index_at(pIdx, i)->key) <= 0);
  }
  assert_int_equal(nEntries, pIdx->nEntries);
  free(abSeen);
}

/* A value of a few types: ints, floats that may equal them, strings, a bool. */
static Value randomValue(unsigned *pSeed, char *zBuf) {
  int r = rand_r(pSeed) % 10;
  if (r < 4) return value_int(rand_r(pSeed) % 20 - 5);
  if (r < 6) return value_float((rand_r(pSeed) % 40) / 2.0 - 5);
  if (r == 6) return value_float(NAN);
  if (r == 7) return value_bool(rand_r(pSeed) % 2);
  int n = 1 + rand_r(pSeed) % 3;
  for (int i = 0; i < n; i++) zBuf[i] = (char)('a' + rand_r(pSeed) % 3);
  return value_str(zBuf, (uint32_t)n);
}

static void test_order_follows_changes(void **state) {
  (void)state;
  Graph *g = graph_new();
  bool bViolated;
  PropIndex *pIdx = index_create_simple(g, "i", 0, 0, false, &bViolated, NULL);
  assert_non_null(pIdx);
  unsigned seed = 7;
  NodeId aNode[60];
  for (int i = 0; i < 60; i++) {
    aNode[i] = graph_add_node(g);
    if (i % 4) graph_add_label(g, aNode[i], 0);
  }
  char zBuf[8];
  for (int step = 0; step < 3000; step++) {
    NodeId n = aNode[rand_r(&seed) % 60];
    int op = rand_r(&seed) % 10;
    bool bTxn = step % 50 == 0;
    if (bTxn) graph_begin(g);
    if (op < 6) {
      Value v = randomValue(&seed, zBuf);
      graph_set_prop(g, ENT_NODE, n, 0, &v);
    } else if (op < 8) {
      removeProp(g, n, 0);
    } else if (op == 8) {
      graph_add_label(g, n, 0);
    } else {
      graph_remove_label(g, n, 0);
    }
    if (bTxn) {
      if (step % 100 == 0) graph_rollback(g);
      else graph_commit(g);
    }
    checkOrder(pIdx);
  }
  /* Bounds against a linear scan, for numbers and strings. */
  Value aBound[] = {value_int(3), value_float(2.5), value_str("b", 1), value_int(-100), value_float(NAN)};
  for (int b = 0; b < 5; b++) {
    for (int incl = 0; incl < 2; incl++) {
      uint32_t lo, hi;
      index_range(pIdx, &aBound[b], incl, NULL, false, &lo, &hi);
      for (uint32_t i = 0; i < pIdx->order.n; i++) {
        int c = value_compare(&index_at(pIdx, i)->key, &aBound[b]);
        bool bIn = incl ? c >= 0 : c > 0;
        assert_int_equal(bIn, i >= lo && i < hi);
      }
      index_range(pIdx, NULL, false, &aBound[b], incl, &lo, &hi);
      for (uint32_t i = 0; i < pIdx->order.n; i++) {
        int c = value_compare(&index_at(pIdx, i)->key, &aBound[b]);
        bool bIn = incl ? c <= 0 : c < 0;
        assert_int_equal(bIn, i >= lo && i < hi);
      }
    }
  }
  graph_free(g);
}

static void test_existence_and_type_counts(void **state) {
  (void)state;
  Graph *g = graph_new();
  bool bViolated;
  uint32_t label = 0, key = 0;
  IndexDesc dExists = {"e", IDX_EXISTS, ENT_NODE, 1, &label, 1, &key, ""};
  IndexDesc dType = {"t", IDX_TYPE, ENT_NODE, 1, &label, 1, &key, "INTEGER | LIST<STRING NOT NULL>"};
  IndexDesc dBad = {"b", IDX_TYPE, ENT_NODE, 1, &label, 1, &key, "MAP"};
  assert_non_null(index_create(g, &dExists, &bViolated, NULL));
  assert_non_null(index_create(g, &dType, &bViolated, NULL));
  assert_null(index_create(g, &dBad, &bViolated, NULL));
  NodeId n = graph_add_node(g);
  graph_add_label(g, n, 0);
  assert_int_equal(g->pIndexes->nBroken, 1);   /* no value */
  Value s = value_str("x", 1);
  graph_set_prop(g, ENT_NODE, n, 0, &s);
  assert_int_equal(g->pIndexes->nBroken, 1);   /* a string, not an integer */
  Value i = value_int(4);
  graph_set_prop(g, ENT_NODE, n, 0, &i);
  assert_int_equal(g->pIndexes->nBroken, 0);
  graph_begin(g);
  removeProp(g, n, 0);
  assert_int_equal(g->pIndexes->nBroken, 1);
  graph_rollback(g);
  assert_int_equal(g->pIndexes->nBroken, 0);
  graph_remove_label(g, n, 0);
  graph_set_prop(g, ENT_NODE, n, 0, &s);
  assert_int_equal(g->pIndexes->nBroken, 0);   /* no label, no rule */
  assert_true(index_drop(g, "t"));
  graph_add_label(g, n, 0);
  assert_int_equal(g->pIndexes->nBroken, 0);
  removeProp(g, n, 0);
  assert_int_equal(g->pIndexes->nBroken, 1);
  assert_true(index_drop(g, "e"));
  assert_int_equal(g->pIndexes->nBroken, 0);
  graph_free(g);
}

/* Is k in the same run of the order as v (numbers, strings, ...)? */
static bool sameRun(const Value *k, const Value *v) {
  bool bNumK = k->type == VAL_INT || k->type == VAL_FLOAT, bNumV = v->type == VAL_INT || v->type == VAL_FLOAT;
  return bNumK ? bNumV : k->type == v->type;
}

/* Entries of pIdx whose value passes lo (<= when bLoIncl) and hi, each
** bound on values of its own run; the postings in that range in *pnPost. */
static double countRange(const PropIndex *pIdx, const Value *pLo, bool bLoIncl, const Value *pHi, bool bHiIncl,
                         uint32_t *pnPost) {
  double n = 0;
  *pnPost = 0;
  for (uint32_t i = 0; i < pIdx->order.n; i++) {
    const IndexPosting *p = index_at(pIdx, i);
    if (pLo && (!sameRun(&p->key, pLo) || value_compare(&p->key, pLo) < (bLoIncl ? 0 : 1))) continue;
    if (pHi && (!sameRun(&p->key, pHi) || value_compare(&p->key, pHi) > (bHiIncl ? 0 : -1))) continue;
    n += p->nodes.n;
    (*pnPost)++;
  }
  return n;
}

/* Checks every estimate of a single-key index against a linear count. */
static void checkEstimates(const PropIndex *pIdx) {
  char zBuf[8];
  unsigned seed = 11;
  for (int t = 0; t < 40; t++) {
    Value v = randomValue(&seed, zBuf);
    double n = 0;
    for (uint32_t i = 0; i < pIdx->postings.n; i++) {
      if (value_equivalent(&pIdx->postings.a[i].key, &v)) n += pIdx->postings.a[i].nodes.n;
    }
    assert_true(index_est_eq(pIdx, &v) == n);
    Value w = randomValue(&seed, zBuf);
    if (v.type == VAL_BOOL || w.type == VAL_BOOL || (v.type == VAL_FLOAT && isnan(v.u.f)) ||
        (w.type == VAL_FLOAT && isnan(w.u.f))) {
      continue;
    }
    const Value *aCase[][2] = {{&v, NULL}, {NULL, &v}, {&v, &w}};
    for (int c = 0; c < 3; c++) {
      for (int incl = 0; incl < 2; incl++) {
        uint32_t nPost;
        double nWant = countRange(pIdx, aCase[c][0], incl, aCase[c][1], !incl, &nPost);
        double nEst = index_est_range(pIdx, aCase[c][0], incl, aCase[c][1], !incl);
        if (nPost <= 64) assert_true(nEst == nWant);   /* counted one by one */
        else assert_true(nEst >= nWant * 0.5 && nEst <= nWant * 1.5);   /* sampled */
      }
    }
  }
  /* Prefixes. */
  const char *azPrefix[] = {"", "a", "b", "ab", "cc", "abc", "d"};
  for (int i = 0; i < 7; i++) {
    Value pre = value_str(azPrefix[i], (uint32_t)strlen(azPrefix[i]));
    double n = 0;
    for (uint32_t k = 0; k < pIdx->postings.n; k++) {
      const Value *key = &pIdx->postings.a[k].key;
      if (key->type == VAL_STRING && key->n >= pre.n && memcmp(key->u.z, pre.u.z, pre.n) == 0) {
        n += pIdx->postings.a[k].nodes.n;
      }
    }
    assert_true(index_est_prefix(pIdx, &pre) == n);
  }
  double avg = pIdx->postings.n ? (double)pIdx->nEntries / pIdx->postings.n : 0;
  assert_true(index_est_avg(pIdx) == avg);
}

/* The estimates follow writes and rollbacks: a rolled back statement
** leaves them as they were. */
static void test_estimates(void **state) {
  (void)state;
  Graph *g = graph_new();
  bool bViolated;
  PropIndex *pIdx = index_create_simple(g, "i", 0, 0, false, &bViolated, NULL);
  unsigned seed = 3;
  char zBuf[8];
  NodeId aNode[300];
  for (int i = 0; i < 300; i++) {
    aNode[i] = graph_add_node(g);
    graph_add_label(g, aNode[i], 0);
    Value v = randomValue(&seed, zBuf);
    graph_set_prop(g, ENT_NODE, aNode[i], 0, &v);
  }
  checkEstimates(pIdx);
  Value three = value_int(3);
  double nBefore = index_est_eq(pIdx, &three);
  graph_begin(g);
  for (int i = 0; i < 300; i += 2) graph_set_prop(g, ENT_NODE, aNode[i], 0, &three);
  assert_true(index_est_eq(pIdx, &three) >= 150);
  checkEstimates(pIdx);
  graph_rollback(g);
  assert_true(index_est_eq(pIdx, &three) == nBefore);
  checkEstimates(pIdx);
  for (int i = 0; i < 300; i += 3) removeProp(g, aNode[i], 0);
  checkEstimates(pIdx);
  /* Many distinct values: a wide range is sampled, close to the count. */
  PropIndex *pWide = index_create_simple(g, "w", 0, 1, false, &bViolated, NULL);
  for (int i = 0; i < 300; i++) {
    Value v = value_int(i % 250);
    graph_set_prop(g, ENT_NODE, aNode[i], 1, &v);
  }
  Value lo = value_int(20), hi = value_int(220);
  uint32_t nPost;
  double nWant = countRange(pWide, &lo, true, &hi, false, &nPost);
  double nEst = index_est_range(pWide, &lo, true, &hi, false);
  assert_true(nPost == 200 && nEst >= nWant * 0.8 && nEst <= nWant * 1.2);
  graph_free(g);
}

/* A composite index: the entries sharing leading values. */
static void test_list_prefix_estimates(void **state) {
  (void)state;
  Graph *g = graph_new();
  bool bViolated;
  uint32_t label = 0, aKey[2] = {0, 1};
  IndexDesc d = {"c", IDX_RANGE, ENT_NODE, 1, &label, 2, aKey, ""};
  PropIndex *pIdx = index_create(g, &d, &bViolated, NULL);
  assert_non_null(pIdx);
  for (int i = 0; i < 200; i++) {
    NodeId n = graph_add_node(g);
    graph_add_label(g, n, 0);
    Value a = i % 5 == 0 ? value_float(i % 7) : value_int(i % 7), b = value_int(i % 11);
    graph_set_prop(g, ENT_NODE, n, 0, &a);
    if (i % 13) graph_set_prop(g, ENT_NODE, n, 1, &b);   /* some lack the second key */
  }
  for (int v = -1; v < 8; v++) {
    Value a = value_int(v);
    double n = 0, n2 = 0;
    for (uint32_t i = 0; i < pIdx->postings.n; i++) {
      const Value *key = &pIdx->postings.a[i].key;
      if (value_compare(&key->u.a[0], &a) != 0) continue;
      n += pIdx->postings.a[i].nodes.n;
      if (key->u.a[1].u.i == 2) n2 += pIdx->postings.a[i].nodes.n;
    }
    assert_true(index_est_list_prefix(pIdx, &a, 1) == n);
    Value ab[2] = {a, value_int(2)};
    assert_true(index_est_list_prefix(pIdx, ab, 2) == n2);
  }
  graph_free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_order_follows_changes),
      cmocka_unit_test(test_existence_and_type_counts),
      cmocka_unit_test(test_estimates),
      cmocka_unit_test(test_list_prefix_estimates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
