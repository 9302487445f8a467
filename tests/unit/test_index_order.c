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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_order_follows_changes),
      cmocka_unit_test(test_existence_and_type_counts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
