/*
** test_walk.c — unit tests for walk.c: the visiting order (node, p1..p4,
** pList, pList2), pruning, aborting, the after-children callback and the
** depth it reports, a 200,000-level chain walked without recursion, and
** ast_walk_labels.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/strbuf.h"
#include "syntax/parse.h"
#include "syntax/walk.h"

/* Parses zQuery into arena pA; fails the test on an error. */
static AstNode *walkParse(Arena *pA, const char *zQuery) {
  TgError err;
  error_clear(&err);
  int iTail;
  AstNode *p = parse_statement(pA, zQuery, (int)strlen(zQuery), &err, &iTail);
  if (p == NULL) fail_msg("parse %s: %s", zQuery, err.zMsg);
  return p;
}

/* Records "kind" (pre-order) and "/kind" (after) into the StrBuf in pArg. */
static int walkRecord(AstWalker *w, AstNode *p) {
  StrBuf *b = w->pArg;
  strbuf_printf(b, "%s%s:%u", b->n ? " " : "", ast_kind_name(p->kind), w->nDepth);
  return WALK_CONTINUE;
}
static void walkRecordAfter(AstWalker *w, AstNode *p) {
  StrBuf *b = w->pArg;
  strbuf_printf(b, " /%s", ast_kind_name(p->kind));
}

/* RETURN 1 + 2 AS x: query, clause, projection, item, binary, literals. */
static void test_order_and_depth(void **pState) {
  (void)pState;
  Arena a;
  arena_init(&a);
  StrBuf b;
  strbuf_init(&b);
  AstWalker w = {walkRecord, NULL, &b, 0};
  AstNode *p = walkParse(&a, "RETURN 1 + 2 AS x");
  assert_int_equal(ast_walk(p, &w), WALK_CONTINUE);
  assert_string_equal(strbuf_cstr(&b),
                      "QUERY:1 RETURN:2 PROJECTION:3 PROJ_ITEM:4 BINARY:5 LITERAL:6 LITERAL:6");
  strbuf_truncate(&b, 0);
  w.xAfter = walkRecordAfter;
  ast_walk(walkParse(&a, "RETURN 1 - 2 AS x"), &w);
  assert_string_equal(strbuf_cstr(&b),
                      "QUERY:1 RETURN:2 PROJECTION:3 PROJ_ITEM:4 BINARY:5 LITERAL:6 /LITERAL "
                      "LITERAL:6 /LITERAL /BINARY /PROJ_ITEM /PROJECTION /RETURN /QUERY");
  strbuf_free(&b);
  arena_free(&a);
}

/* Prunes below BINARY nodes; counts what it saw. */
static int walkPruneBinary(AstWalker *w, AstNode *p) {
  (*(int *)w->pArg)++;
  return p->kind == AST_BINARY ? WALK_PRUNE : WALK_CONTINUE;
}

/* Stops at the first literal. */
static int walkAbortAtLiteral(AstWalker *w, AstNode *p) {
  (*(int *)w->pArg)++;
  return p->kind == AST_LITERAL ? WALK_ABORT : WALK_CONTINUE;
}

static void test_prune_and_abort(void **pState) {
  (void)pState;
  Arena a;
  arena_init(&a);
  AstNode *p = walkParse(&a, "RETURN 1 + 2 AS x, 3 AS y");
  int n = 0;
  AstWalker w = {walkPruneBinary, NULL, &n, 0};
  assert_int_equal(ast_walk(p, &w), WALK_CONTINUE);
  /* query, return, projection, item, binary (pruned), item, literal */
  assert_int_equal(n, 7);
  n = 0;
  w.xNode = walkAbortAtLiteral;
  assert_int_equal(ast_walk(p, &w), WALK_ABORT);
  assert_int_equal(n, 6);   /* ... binary, then the first literal */
  n = 0;
  assert_int_equal(ast_walk(NULL, &w), WALK_CONTINUE);
  assert_int_equal(n, 0);
  arena_free(&a);
}

/* Counts nodes and the deepest depth seen. */
typedef struct WalkCount {
  uint32_t nNode, nMaxDepth;
} WalkCount;
static int walkCount(AstWalker *w, AstNode *p) {
  (void)p;
  WalkCount *c = w->pArg;
  c->nNode++;
  if (w->nDepth > c->nMaxDepth) c->nMaxDepth = w->nDepth;
  return WALK_CONTINUE;
}

/* Counts after-callbacks. */
static void walkCountAfter(AstWalker *w, AstNode *p) {
  (void)p;
  (*(uint32_t *)w->pArg)++;
}

/* Stops at the chain's bottom literal (the one at offset 1). */
static int walkAbortAtBottom(AstWalker *w, AstNode *p) {
  (void)w;
  return p->kind == AST_LITERAL && p->iOfst == 1 ? WALK_ABORT : WALK_CONTINUE;
}

/* A left-deep chain of 200,000 additions, built directly (the parser
** refuses it), walked in pre-order, in post-order and to an abort at its
** bottom: the walk must not recurse. */
static void test_deep_chain(void **pState) {
  (void)pState;
  Arena a;
  arena_init(&a);
  AstNode *p = ast_new(&a, AST_LITERAL, 1);
  for (int i = 0; i < 200000; i++) {
    AstNode *pAdd = ast_new(&a, AST_BINARY, 0);
    pAdd->p1 = p;
    pAdd->p2 = ast_new(&a, AST_LITERAL, 0);
    p = pAdd;
  }
  WalkCount c = {0, 0};
  AstWalker w = {walkCount, NULL, &c, 0};
  assert_int_equal(ast_walk(p, &w), WALK_CONTINUE);
  assert_int_equal(c.nNode, 400001);
  assert_int_equal(c.nMaxDepth, 200001);
  uint32_t nAfter = 0;
  AstWalker after = {NULL, walkCountAfter, &nAfter, 0};
  assert_int_equal(ast_walk(p, &after), WALK_CONTINUE);
  assert_int_equal(nAfter, 400001);
  nAfter = 0;
  after.xNode = walkAbortAtBottom;
  assert_int_equal(ast_walk(p, &after), WALK_ABORT);
  assert_int_equal(nAfter, 0);
  arena_free(&a);
}

/* A node with every kind of child, built directly: each child is a NAME
** whose z says where it hangs. */
static AstNode *walkNamed(Arena *pA, const char *z) {
  AstNode *p = ast_new(pA, AST_NAME, 0);
  p->z = z;
  p->n = (uint32_t)strlen(z);
  return p;
}
static AstList *walkListOf(Arena *pA, const char *z1, const char *z2) {
  AstList *pList = arena_zalloc(pA, sizeof(AstList));
  pList->a = arena_alloc(pA, 2 * sizeof(AstNode *));
  pList->a[0] = walkNamed(pA, z1);
  pList->a[1] = z2 ? walkNamed(pA, z2) : NULL;
  pList->n = pList->nAlloc = 2;
  return pList;
}

/* Records each node's name (or kind) before and after its children. */
static int walkRecordName(AstWalker *w, AstNode *p) {
  StrBuf *b = w->pArg;
  strbuf_printf(b, "%s%s", b->n ? " " : "", p->z ? p->z : ast_kind_name(p->kind));
  return WALK_CONTINUE;
}
static void walkRecordNameAfter(AstWalker *w, AstNode *p) {
  StrBuf *b = w->pArg;
  strbuf_printf(b, " /%s", p->z ? p->z : ast_kind_name(p->kind));
}

/* The documented order: p1, p2, p3, p4, pList's items, pList2's items,
** each subtree whole before the next; NULL children (p3 here, and a NULL
** list item) are skipped; post-order names a node after its children. */
static void test_child_order(void **pState) {
  (void)pState;
  Arena a;
  arena_init(&a);
  AstNode *p = ast_new(&a, AST_FUNC, 0);
  p->p4 = walkNamed(&a, "p4");
  p->p2 = walkNamed(&a, "p2");
  p->p1 = walkNamed(&a, "p1");
  p->p1->p1 = walkNamed(&a, "p1.p1");
  p->pList2 = walkListOf(&a, "list2[0]", "list2[1]");
  p->pList = walkListOf(&a, "list[0]", NULL);
  StrBuf b;
  strbuf_init(&b);
  AstWalker w = {walkRecordName, walkRecordNameAfter, &b, 0};
  assert_int_equal(ast_walk(p, &w), WALK_CONTINUE);
  assert_string_equal(strbuf_cstr(&b),
                      "FUNC p1 p1.p1 /p1.p1 /p1 p2 /p2 p4 /p4 list[0] /list[0] "
                      "list2[0] /list2[0] list2[1] /list2[1] /FUNC");
  /* ast_walk_list walks each item the same way. */
  strbuf_truncate(&b, 0);
  w.xAfter = NULL;
  assert_int_equal(ast_walk_list(p->pList2, &w), WALK_CONTINUE);
  assert_string_equal(strbuf_cstr(&b), "list2[0] list2[1]");
  strbuf_free(&b);
  arena_free(&a);
}

/* A pruned node gets no after-callback; an abort ends the walk with no
** after-callbacks for the nodes still open. */
static int walkPruneP1(AstWalker *w, AstNode *p) {
  walkRecordName(w, p);
  return p->z && strcmp(p->z, "p1") == 0 ? WALK_PRUNE : WALK_CONTINUE;
}
static int walkAbortAtP2(AstWalker *w, AstNode *p) {
  walkRecordName(w, p);
  return p->z && strcmp(p->z, "p2") == 0 ? WALK_ABORT : WALK_CONTINUE;
}

static void test_after_with_prune_and_abort(void **pState) {
  (void)pState;
  Arena a;
  arena_init(&a);
  AstNode *p = ast_new(&a, AST_FUNC, 0);
  p->p1 = walkNamed(&a, "p1");
  p->p1->p1 = walkNamed(&a, "p1.p1");
  p->p2 = walkNamed(&a, "p2");
  p->p2->p1 = walkNamed(&a, "p2.p1");
  StrBuf b;
  strbuf_init(&b);
  AstWalker w = {walkPruneP1, walkRecordNameAfter, &b, 0};
  assert_int_equal(ast_walk(p, &w), WALK_CONTINUE);
  assert_string_equal(strbuf_cstr(&b), "FUNC p1 p2 p2.p1 /p2.p1 /p2 /FUNC");
  strbuf_truncate(&b, 0);
  w.xNode = walkAbortAtP2;
  assert_int_equal(ast_walk(p, &w), WALK_ABORT);
  assert_string_equal(strbuf_cstr(&b), "FUNC p1 p1.p1 /p1.p1 /p1 p2");
  strbuf_free(&b);
  arena_free(&a);
}

/* Appends a label's name to the StrBuf in pArg. */
static void walkRecordLabel(AstNode *pLabel, void *pArg) {
  StrBuf *b = pArg;
  strbuf_printf(b, "%s%s", b->n ? " " : "", pLabel->z);
}

/* ast_walk_labels: every name of a label expression, left to right. */
static void test_walk_labels(void **pState) {
  (void)pState;
  Arena a;
  arena_init(&a);
  AstNode *pQuery = walkParse(&a, "MATCH (n:A:(B|!C)&D) RETURN n");
  AstNode *pNode = pQuery->pList->a[0]->pList->a[0]->pList->a[0];
  assert_int_equal(pNode->kind, AST_NODE_PAT);
  StrBuf b;
  strbuf_init(&b);
  ast_walk_labels(pNode->p1, walkRecordLabel, &b);
  assert_string_equal(strbuf_cstr(&b), "A B C D");
  strbuf_truncate(&b, 0);
  ast_walk_labels(NULL, walkRecordLabel, &b);
  assert_string_equal(strbuf_cstr(&b), "");
  strbuf_free(&b);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_order_and_depth),
      cmocka_unit_test(test_prune_and_abort),
      cmocka_unit_test(test_deep_chain),
      cmocka_unit_test(test_child_order),
      cmocka_unit_test(test_after_with_prune_and_abort),
      cmocka_unit_test(test_walk_labels),
  };
  return cmocka_run_group_tests_name("walk", aTest, NULL, NULL);
}
