/*
** test_graph.c — the graph store: typed adjacency grouped per direction
** (insertions and removals across groups), labels and their bitmaps,
** properties, deletion, compaction into a slab, and statement rollback
** restoring the graph exactly.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "store/graph.h"
#include "store/index.h"

/* Counts n's adjacency of a type in a direction and checks each entry's
** relationship really has that type and those ends. */
static uint32_t checkedDegree(const Graph *g, NodeId n, int dir, int64_t type) {
  const AdjEntry *a;
  uint32_t k = graph_adj(g, n, dir, type, &a);
  for (uint32_t i = 0; i < k; i++) {
    const RelRec *r = graph_rel(g, a[i].rel);
    if (type >= 0) assert_int_equal(r->type, (uint32_t)type);
    assert_int_equal(dir == DIR_OUT ? r->src : r->dst, n);
    assert_int_equal(dir == DIR_OUT ? r->dst : r->src, a[i].nbr);
  }
  return k;
}

static void test_typed_adjacency(void **state) {
  (void)state;
  Graph *g = graph_new();
  NodeId hub = graph_add_node(g);
  NodeId aOther[30];
  RelId aRel[30];
  /* Interleave three types so groups must be inserted into the middle. */
  for (int i = 0; i < 30; i++) {
    aOther[i] = graph_add_node(g);
    aRel[i] = graph_add_rel(g, (uint32_t)((i * 7) % 3), hub, aOther[i]);
  }
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, 0), 10);
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, 1), 10);
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, 2), 10);
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, -1), 30);
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, 7), 0);
  assert_int_equal(checkedDegree(g, aOther[4], DIR_IN, -1), 1);
  /* Remove all of type 1 and one of type 0. */
  for (int i = 0; i < 30; i++) {
    if ((i * 7) % 3 == 1) graph_delete_rel(g, aRel[i]);
  }
  graph_delete_rel(g, aRel[0]);
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, 0), 9);
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, 1), 0);
  assert_int_equal(checkedDegree(g, hub, DIR_OUT, 2), 10);
  assert_int_equal(graph_degree(g, hub, DIR_BOTH, -1), 19);
  assert_int_equal(graph_type_count(g, 1), 0);
  graph_free(g);
}

static void test_labels_and_scans(void **state) {
  (void)state;
  Graph *g = graph_new();
  for (int i = 0; i < 200; i++) {
    NodeId n = graph_add_node(g);
    if (i % 3 == 0) graph_add_label(g, n, 5);
    graph_add_label(g, n, (uint32_t)(i % 4));
  }
  assert_int_equal(graph_label_count(g, 5), 67);
  uint32_t nSeen = 0;
  for (NodeId n = graph_label_next(g, 5, 0); n != GRAPH_NO_ID; n = graph_label_next(g, 5, n + 1)) {
    assert_int_equal(n % 3, 0);
    assert_true(graph_node_has_label(g, n, 5));
    nSeen++;
  }
  assert_int_equal(nSeen, 67);
  /* In bulk: batches of 7 from id 10 below 190 give every third id, in
  ** order; an unknown label reads nothing but still moves to the end. */
  NodeId aId[7], from = 10, want = 12;
  uint32_t nBulk = 0, nFill;
  while ((nFill = graph_label_fill(g, 5, &from, 190, aId, 7)) > 0) {
    for (uint32_t i = 0; i < nFill; i++, want += 3) assert_int_equal(aId[i], want);
    nBulk += nFill;
  }
  assert_int_equal(nBulk, 60);
  assert_int_equal(from, 190);
  from = 0;
  assert_int_equal(graph_label_fill(g, 99, &from, 200, aId, 7), 0);
  assert_int_equal(from, 200);
  assert_false(graph_add_label(g, 0, 5));
  assert_true(graph_remove_label(g, 0, 5));
  assert_int_equal(graph_label_count(g, 5), 66);
  graph_free(g);
}

static void test_rollback_restores_everything(void **state) {
  (void)state;
  Graph *g = graph_new();
  NodeId a = graph_add_node(g), b = graph_add_node(g);
  graph_add_label(g, a, 0);
  Value v1 = value_int(1);
  graph_set_prop(g, ENT_NODE, a, 0, &v1);
  RelId r = graph_add_rel(g, 0, a, b);
  uint64_t nNodes = g->nNodeLive, nRels = g->nRelLive;

  graph_begin(g);
  NodeId c = graph_add_node(g);
  graph_add_rel(g, 1, c, a);
  Value s = value_str("changed", 7);
  graph_set_prop(g, ENT_NODE, a, 0, &s);
  graph_set_prop(g, ENT_NODE, a, 1, &s);
  graph_remove_label(g, a, 0);
  graph_add_label(g, b, 3);
  graph_delete_rel(g, r);
  assert_true(graph_delete_node(g, b));
  graph_rollback(g);

  assert_int_equal(g->nNodeLive, nNodes);
  assert_int_equal(g->nRelLive, nRels);
  assert_true(graph_node_has_label(g, a, 0));
  assert_false(graph_node_has_label(g, b, 3));
  assert_int_equal(graph_label_count(g, 0), 1);
  assert_int_equal(graph_label_count(g, 3), 0);
  const Value *p = graph_prop(g, ENT_NODE, a, 0);
  assert_non_null(p);
  assert_int_equal(p->type, VAL_INT);
  assert_null(graph_prop(g, ENT_NODE, a, 1));
  assert_true(graph_rel_exists(g, r));
  assert_int_equal(graph_degree(g, a, DIR_OUT, 0), 1);
  assert_int_equal(graph_degree(g, a, DIR_IN, -1), 0);
  assert_true(graph_node_exists(g, b));
  graph_free(g);
}

static void test_commit_frees_deleted_slots(void **state) {
  (void)state;
  Graph *g = graph_new();
  NodeId a = graph_add_node(g), b = graph_add_node(g);
  graph_add_node(g);
  graph_begin(g);
  assert_true(graph_delete_node(g, a));
  NodeId fresh = graph_add_node(g);   /* a's id is not reused inside the statement */
  assert_int_not_equal(fresh, a);
  graph_commit(g);
  assert_false(graph_node_exists(g, a));
  NodeId reused = graph_add_node(g);   /* after commit it is */
  assert_int_equal(reused, a);
  RelId r = graph_add_rel(g, 0, b, reused);
  assert_false(graph_delete_node(g, b));   /* still has a relationship */
  graph_delete_rel(g, r);
  assert_true(graph_delete_node(g, b));
  graph_free(g);
}

static void test_compaction_keeps_adjacency(void **state) {
  (void)state;
  Graph *g = graph_new();
  for (int i = 0; i < 100; i++) graph_add_node(g);
  for (int i = 0; i < 1000; i++) graph_add_rel(g, (uint32_t)(i % 2), (NodeId)(i % 100), (NodeId)((i * 13) % 100));
  graph_compact(g);
  uint32_t nTotal = 0;
  for (NodeId n = 0; n < 100; n++) nTotal += checkedDegree(g, n, DIR_OUT, 0) + checkedDegree(g, n, DIR_OUT, 1);
  assert_int_equal(nTotal, 1000);
  /* Writing after compaction copies a list out of the slab. */
  graph_add_rel(g, 0, 5, 6);
  graph_delete_rel(g, 0);
  assert_int_equal(checkedDegree(g, 5, DIR_OUT, -1), 11);
  graph_free(g);
}

static void test_unique_index_counts_duplicates(void **state) {
  (void)state;
  Graph *g = graph_new();
  bool bViolated;
  assert_non_null(index_create_simple(g, "u", 0, 0, true, &bViolated, NULL));
  NodeId a = graph_add_node(g), b = graph_add_node(g);
  graph_add_label(g, a, 0);
  graph_add_label(g, b, 0);
  Value x = value_str("x", 1);
  graph_set_prop(g, ENT_NODE, a, 0, &x);
  assert_int_equal(g->pIndexes->nDuplicate, 0);
  graph_set_prop(g, ENT_NODE, b, 0, &x);
  assert_int_equal(g->pIndexes->nDuplicate, 1);
  graph_remove_label(g, b, 0);
  assert_int_equal(g->pIndexes->nDuplicate, 0);
  uint32_t n;
  const NodeId *aHit = index_lookup(index_find(g, 0, 0), &x, &n);
  assert_int_equal(n, 1);
  assert_int_equal(aHit[0], a);
  graph_free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_typed_adjacency),
      cmocka_unit_test(test_labels_and_scans),
      cmocka_unit_test(test_rollback_restores_everything),
      cmocka_unit_test(test_commit_frees_deleted_slots),
      cmocka_unit_test(test_compaction_keeps_adjacency),
      cmocka_unit_test(test_unique_index_counts_duplicates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
