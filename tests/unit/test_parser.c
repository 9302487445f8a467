/*
** test_parser.c — the lexer and the grammar: tokens for Unicode names,
** numbers and strings; the tree built for representative statements
** (printed with ast_dump); column names taken from source text; errors
** with line and column; a dotted function name of a million parts.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "syntax/lexer.h"
#include "syntax/parse.h"
#include "parser.h"
#include "base/strbuf.h"

static int lexAll(const char *z, int *aTk, int nMax) {
  Lexer L = {z, (const unsigned char *)z, (const unsigned char *)z, (const unsigned char *)z + strlen(z)};
  Token t;
  int n = 0, tk;
  while ((tk = lex_next(&L, &t)) != 0 && n < nMax) aTk[n++] = tk;
  return n;
}

static void test_lexer_tokens(void **state) {
  (void)state;
  int a[32];
  int n = lexAll("MaTcH (إيلون:`Firm X`) // comment\n RETURN 0x1F, 1.5e3, .5, 'a\\'b', $p", a, 32);
  int want[] = {TK_MATCH, TK_LP, TK_ID, TK_COLON, TK_QID, TK_RP, TK_RETURN, TK_INTEGER,
                TK_COMMA, TK_FLOAT, TK_COMMA, TK_FLOAT, TK_COMMA, TK_STRING, TK_COMMA, TK_PARAM};
  assert_int_equal(n, (int)(sizeof(want) / sizeof(want[0])));
  for (int i = 0; i < n; i++) assert_int_equal(a[i], want[i]);
  n = lexAll("[*1..3] -[ イーロン ]-> 12abc", a, 32);
  int want2[] = {TK_LB, TK_STAR, TK_INTEGER, TK_DOTDOT, TK_INTEGER, TK_RB, TK_MINUS, TK_LB,
                 TK_ID, TK_RB, TK_MINUS, TK_GT, TK_BADNUMBER};
  assert_int_equal(n, (int)(sizeof(want2) / sizeof(want2[0])));
  for (int i = 0; i < n; i++) assert_int_equal(a[i], want2[i]);
}

/* Parses z and returns the dump of its tree (arena memory), or the error. */
static const char *dump(Arena *pA, const char *z) {
  TgError err;
  error_clear(&err);
  int iTail;
  AstNode *p = parse_statement(pA, z, (int)strlen(z), &err, &iTail);
  if (err.code) return arena_printf(pA, "error %d:%d %s", err.iLine, err.iCol, err.zMsg);
  StrBuf b;
  strbuf_init(&b);
  ast_dump(&b, p, 0);
  const char *zOut = arena_strdup(pA, strbuf_cstr(&b));
  strbuf_free(&b);
  return zOut;
}

static void test_pattern_tree(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  const char *z = dump(&a, "MATCH p = (a:Person {name: 'x'})-[r:OWNS|FOUNDED*1..2]->(b) RETURN b");
  assert_non_null(strstr(z, "PATH 'p'"));
  assert_non_null(strstr(z, "NODE_PAT 'a'"));
  assert_non_null(strstr(z, "LABEL_OR"));
  assert_non_null(strstr(z, "REL_PAT 'r' *1..2"));
  arena_free(&a);
}

static void test_precedence_and_chains(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  /* -2^2 groups as (-2)^2; 1 < 2 < 3 is (1 < 2) AND (2 < 3). */
  const char *z = dump(&a, "RETURN -2^2, 1 < 2 < 3");
  assert_non_null(strstr(z, "LITERAL -2"));
  assert_non_null(strstr(z, "flags=0x200000"));  /* AST_F_CHAINED */
  arena_free(&a);
}

static void test_column_names_from_source(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  const char *z = dump(&a, "RETURN cOuNt( * ), n.name AS x, 1+2");
  assert_non_null(strstr(z, "PROJ_ITEM 'cOuNt( * )'"));
  assert_non_null(strstr(z, "PROJ_ITEM 'x'"));
  assert_non_null(strstr(z, "PROJ_ITEM '1+2'"));
  arena_free(&a);
}

static void test_pattern_predicates_and_comprehensions(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  const char *z = dump(&a, "MATCH (n) WHERE (n)-->() AND (n.x - 1) > 0 RETURN [(n)-[:R]->(m) | m.v], [x IN [1,2] WHERE x > 1 | x * 2]");
  assert_non_null(strstr(z, "PATTERN_EXPR"));
  assert_non_null(strstr(z, "PATTERN_COMP"));
  assert_non_null(strstr(z, "LIST_COMP 'x'"));
  arena_free(&a);
}

static void test_errors_have_places(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  assert_string_equal(dump(&a, "MATCH (n)\nRETURN n n"), "error 2:10 syntax error near 'n'");
  assert_string_equal(dump(&a, "RETURN 'abc"), "error 1:8 unterminated string");
  assert_string_equal(dump(&a, "RETURN 18446744073709551616"),
                      "error 1:8 integer literal '18446744073709551616' is too large");
  /* 2^63 parses (flagged); only its negation is a valid integer. */
  assert_non_null(strstr(dump(&a, "RETURN -9223372036854775808"), "LITERAL -9223372036854775808\n"));
  assert_string_equal(dump(&a, "MATCH (n"), "error 1:9 incomplete input");
  arena_free(&a);
}

/* A function name of 1,000,000 dotted parts is read without recursing
** once per part (it overflowed the C stack). */
static void test_long_dotted_function_name(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  const int nPart = 1000000;
  StrBuf q;
  strbuf_init(&q);
  strbuf_puts(&q, "RETURN a");
  strbuf_repeat(&q, ".b", nPart);
  strbuf_puts(&q, "() AS x");
  TgError err;
  error_clear(&err);
  int iTail;
  AstNode *p = parse_statement(&a, q.z, (int)q.n, &err, &iTail);
  assert_int_equal(err.code, 0);
  AstNode *pFunc = p->pList->a[0]->p1->pList->a[0]->p1;
  assert_int_equal(pFunc->kind, AST_FUNC);
  assert_int_equal(pFunc->n, 1 + 2 * nPart);
  assert_memory_equal(pFunc->z, "a.b.b", 5);
  assert_string_equal(pFunc->z + pFunc->n - 4, ".b.b");
  assert_string_equal(dump(&a, "RETURN (a.b).c()"),
                      "error 1:14 a function name must be a name or a dotted name");
  strbuf_free(&q);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lexer_tokens),
      cmocka_unit_test(test_pattern_tree),
      cmocka_unit_test(test_precedence_and_chains),
      cmocka_unit_test(test_column_names_from_source),
      cmocka_unit_test(test_pattern_predicates_and_comprehensions),
      cmocka_unit_test(test_errors_have_places),
      cmocka_unit_test(test_long_dotted_function_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
