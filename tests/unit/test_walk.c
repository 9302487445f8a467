/*
** test_walk.c — unit tests for walk.c: the visiting order (node, p1..p4,
** pList, pList2), pruning, aborting, the after-children callback and the
** depth it reports, and a 200,000-level chain walked without recursion.
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

/* A left-deep chain of 200,000 additions, built directly (the parser
** refuses it): the walk must not recurse. */
static void test_deep_chain(void **pState) {
  (void)pState;
  Arena a;
  arena_init(&a);
  AstNode *p = ast_new(&a, AST_LITERAL, 0);
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
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_order_and_depth),
      cmocka_unit_test(test_prune_and_abort),
      cmocka_unit_test(test_deep_chain),
  };
  return cmocka_run_group_tests_name("walk", aTest, NULL, NULL);
}
