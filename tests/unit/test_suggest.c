/*
** test_suggest.c — the "did you mean" distance and its cut-off: swaps of
** neighbouring letters cost one edit, case is ignored, short words only
** match up to case, and the first of two equally near candidates wins.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/suggest.h"

static int dist(const char *zA, const char *zB) {
  return suggest_distance(zA, strlen(zA), zB, strlen(zB));
}

/* The nearest of a NULL-terminated list of candidates, or NULL. */
static const char *nearest(const char *zWord, const char *const *azCand) {
  Suggest s;
  suggest_init(&s, zWord, strlen(zWord));
  for (int i = 0; azCand[i]; i++) suggest_consider(&s, azCand[i]);
  return suggest_best(&s);
}

static void test_distance(void **state) {
  (void)state;
  assert_int_equal(dist("MATCH", "MATCH"), 0);
  assert_int_equal(dist("match", "MATCH"), 0);        /* case is ignored */
  assert_int_equal(dist("MACTH", "MATCH"), 1);        /* a swap is one edit */
  assert_int_equal(dist("RETRN", "RETURN"), 1);       /* a deletion */
  assert_int_equal(dist("toUppr", "toUpper"), 1);
  assert_int_equal(dist("abc", ""), 3);
  assert_int_equal(dist("", ""), 0);
  assert_int_equal(dist("kitten", "sitting"), 3);
  char zLong[SUGGEST_MAX_WORD + 2];
  memset(zLong, 'a', sizeof(zLong) - 1);
  zLong[sizeof(zLong) - 1] = 0;
  assert_true(dist(zLong, "a") > 1000);               /* too long to measure */
}

static void test_nearest(void **state) {
  (void)state;
  static const char *const azKw[] = {"MATCH", "MERGE", "RETURN", "LIMIT", "AS", NULL};
  assert_string_equal(nearest("MACTH", azKw), "MATCH");
  assert_string_equal(nearest("LIMT", azKw), "LIMIT");
  assert_null(nearest("banana", azKw));               /* nothing near */
  assert_null(nearest("a", azKw));                    /* short words need an exact match */
  assert_string_equal(nearest("as", azKw), "AS");     /* ... which case does not spoil */
  static const char *const azProc[] = {"db.labels", "db.relationshipTypes", NULL};
  assert_string_equal(nearest("db.label", azProc), "db.labels");
  /* Ties keep the first candidate offered. */
  static const char *const azTie[] = {"abcx", "abcy", NULL};
  assert_string_equal(nearest("abcz", azTie), "abcx");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_distance),
      cmocka_unit_test(test_nearest),
  };
  return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
