/*
** test_rel_index.c — relationship indexes and constraints (store/index.h)
** follow every change: relationships made and deleted, properties set and
** removed, inside statements that commit or roll back. After each step
** the postings of a range index on -[:T0]-(key 0) are checked against a
** scan of the relationships, and the broken count of an existence
** constraint on -[:T0]-(key 1) against the relationships lacking key 1.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "store/graph.h"
#include "store/index.h"

/* Is r a live relationship of type 0? */
static bool liveOfType0(const Graph *g, RelId r) { return graph_rel_exists(g, r) && graph_rel(g, r)->type == 0; }

/* The index against a scan of the relationships. */
static void checkIndex(const Graph *g, const PropIndex *pIdx, const PropIndex *pExists) {
  uint64_t nIndexed = 0, nExpected = 0;
  int64_t nLacking = 0;
  for (uint32_t k = 0; k < pIdx->postings.n; k++) {
    const IndexPosting *pp = &pIdx->postings.a[k];
    assert_true(pp->nodes.n > 0);
    for (uint32_t j = 0; j < pp->nodes.n; j++) {
      RelId r = pp->nodes.a[j];
      assert_true(liveOfType0(g, r));
      const Value *v = graph_prop(g, ENT_REL, r, 0);
      assert_non_null(v);
      assert_true(value_equivalent(v, &pp->key));
      nIndexed++;
    }
  }
  for (RelId r = 0; r < g->nRelSlot; r++) {
    if (!liveOfType0(g, r)) continue;
    if (graph_prop(g, ENT_REL, r, 0)) nExpected++;
    if (!graph_prop(g, ENT_REL, r, 1)) nLacking++;
  }
  assert_int_equal(nIndexed, nExpected);
  assert_int_equal(pIdx->nEntries, nExpected);
  assert_int_equal(pIdx->order.n, pIdx->postings.n);
  assert_int_equal(pExists->nBroken, nLacking);
}

/* A live relationship picked at random, or GRAPH_NO_ID when none. */
static RelId randomRel(const Graph *g, unsigned *pSeed) {
  if (g->nRelSlot == 0) return GRAPH_NO_ID;
  for (int tries = 0; tries < 8; tries++) {
    RelId r = (RelId)(rand_r(pSeed) % g->nRelSlot);
    if (graph_rel_exists(g, r)) return r;
  }
  return GRAPH_NO_ID;
}

static void test_rel_index_follows_changes(void **state) {
  (void)state;
  Graph *g = graph_new();
  uint32_t type = 0, key0 = 0, key1 = 1;
  IndexDesc dRange = {"r", IDX_RANGE, ENT_REL, 1, &type, 1, &key0, ""};
  IndexDesc dExists = {"e", IDX_EXISTS, ENT_REL, 1, &type, 1, &key1, ""};
  bool bViolated;
  PropIndex *pIdx = index_create(g, &dRange, &bViolated, NULL);
  PropIndex *pExists = index_create(g, &dExists, &bViolated, NULL);
  assert_non_null(pIdx);
  assert_non_null(pExists);
  assert_null(index_find_keys(g, 0, 1, &key0));   /* a node lookup does not find it */
  assert_ptr_equal(index_find_keys_ent(g, ENT_REL, 0, 1, &key0), pIdx);
  NodeId aNode[8];
  for (int i = 0; i < 8; i++) aNode[i] = graph_add_node(g);
  unsigned seed = 11;
  bool bOpen = false;
  for (int step = 0; step < 4000; step++) {
    if (!bOpen && rand_r(&seed) % 4 == 0) {
      graph_begin(g);
      bOpen = true;
    }
    int op = rand_r(&seed) % 10;
    RelId r = randomRel(g, &seed);
    if (op < 3 || r == GRAPH_NO_ID) {
      graph_add_rel(g, (uint32_t)(rand_r(&seed) % 2), aNode[rand_r(&seed) % 8], aNode[rand_r(&seed) % 8]);
    } else if (op < 7) {
      Value v = rand_r(&seed) % 3 ? value_int(rand_r(&seed) % 6) : value_float((rand_r(&seed) % 12) / 2.0);
      graph_set_prop(g, ENT_REL, r, (uint32_t)(rand_r(&seed) % 2), &v);
    } else if (op < 9) {
      Value v = value_null();
      graph_set_prop(g, ENT_REL, r, (uint32_t)(rand_r(&seed) % 2), &v);
    } else {
      graph_delete_rel(g, r);
    }
    if (bOpen && rand_r(&seed) % 8 == 0) {
      if (rand_r(&seed) % 2) graph_rollback(g);
      else graph_commit(g);
      bOpen = false;
    }
    checkIndex(g, pIdx, pExists);
  }
  if (bOpen) graph_rollback(g);
  checkIndex(g, pIdx, pExists);
  graph_free(g);
}

/* A uniqueness constraint on relationships counts duplicates and names
** relationships when it is broken; creating one over duplicates fails. */
static void test_rel_uniqueness(void **state) {
  (void)state;
  Graph *g = graph_new();
  uint32_t type = intern_add(&g->types, "PAID", 4), key = intern_add(&g->keys, "ref", 3);
  NodeId a = graph_add_node(g), b = graph_add_node(g);
  RelId r1 = graph_add_rel(g, type, a, b), r2 = graph_add_rel(g, type, b, a);
  Value v = value_int(7);
  graph_set_prop(g, ENT_REL, r1, key, &v);
  graph_set_prop(g, ENT_REL, r2, key, &v);
  IndexDesc d = {"u", IDX_UNIQUE, ENT_REL, 1, &type, 1, &key, ""};
  bool bViolated;
  StrBuf why;
  strbuf_init(&why);
  assert_null(index_create(g, &d, &bViolated, &why));
  assert_true(bViolated);
  assert_string_equal(strbuf_cstr(&why), "()-[:PAID]-() relationships 0 and 1 both have ref = 7");
  Value w = value_int(8);
  graph_set_prop(g, ENT_REL, r2, key, &w);
  assert_non_null(index_create(g, &d, &bViolated, NULL));
  assert_false(index_violated(g));
  graph_begin(g);
  graph_set_prop(g, ENT_REL, r2, key, &v);
  assert_true(index_violated(g));
  strbuf_truncate(&why, 0);
  const GraphSite *pSite;
  assert_true(index_describe_duplicate(g, &why, &pSite));
  assert_string_equal(strbuf_cstr(&why),
                      "uniqueness constraint u: ()-[:PAID]-() relationships 0 and 1 would both have ref = 7");
  graph_rollback(g);
  assert_false(index_violated(g));
  graph_begin(g);
  graph_delete_rel(g, r1);
  graph_set_prop(g, ENT_REL, r2, key, &v);   /* r1 is gone: no duplicate */
  assert_false(index_violated(g));
  graph_rollback(g);
  assert_false(index_violated(g));
  strbuf_free(&why);
  graph_free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rel_index_follows_changes),
      cmocka_unit_test(test_rel_uniqueness),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
