/*
** test_error.c — unit tests for error.c: each error carries the id of its
** TG_ERROR_LIST entry, the first error wins, and reclassification works
** by id (never by comparing message text) and keeps message and place.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/error.h"

/* error_at records the id, the kind and TCK detail of its entry, and the
** line and column of the offset. */
static void test_id_and_place(void **pState) {
  (void)pState;
  TgError e;
  error_clear(&e);
  error_at(&e, "RETURN\n  x", 9, ERR_UNDEFINED_VARIABLE, "x");
  assert_int_equal(e.eId, ERR_UNDEFINED_VARIABLE);
  assert_int_equal(e.code, TG_ERR_SYNTAX);
  assert_string_equal(e.zDetail, "UndefinedVariable");
  assert_string_equal(e.zMsg, "variable `x` is not defined");
  assert_int_equal(e.iLine, 2);
  assert_int_equal(e.iCol, 3);
  /* The first error wins. */
  error_at(&e, NULL, -1, ERR_DIVISION_BY_ZERO);
  assert_int_equal(e.eId, ERR_UNDEFINED_VARIABLE);
}

/* Reclassifying changes id, kind and detail only when the id matches. */
static void test_reclassify(void **pState) {
  (void)pState;
  TgError e;
  error_clear(&e);
  assert_false(error_reclassify(&e, ERR_UNDEFINED_VARIABLE, ERR_NON_CONSTANT_EXPRESSION));
  assert_int_equal(e.code, 0);

  error_at(&e, "SKIP x", 5, ERR_UNDEFINED_VARIABLE, "x");
  assert_false(error_reclassify(&e, ERR_DIVISION_BY_ZERO, ERR_NON_CONSTANT_EXPRESSION));
  assert_int_equal(e.eId, ERR_UNDEFINED_VARIABLE);
  assert_true(error_reclassify(&e, ERR_UNDEFINED_VARIABLE, ERR_NON_CONSTANT_EXPRESSION));
  assert_int_equal(e.eId, ERR_NON_CONSTANT_EXPRESSION);
  assert_string_equal(e.zDetail, "NonConstantExpression");
  assert_string_equal(e.zMsg, "variable `x` is not defined");
  assert_int_equal(e.iOfst, 5);

  /* Into an entry of another kind: the kind follows the id. */
  error_clear(&e);
  error_at(&e, NULL, -1, ERR_SEMANTIC, "cannot merge using a null property value");
  assert_true(error_reclassify(&e, ERR_SEMANTIC, ERR_DIVISION_BY_ZERO));
  assert_int_equal(e.code, TG_ERR_ARGUMENT);
  assert_string_equal(e.zDetail, "DivisionByZero");
}

/* error_raw errors are not in the table and say so. */
static void test_raw(void **pState) {
  (void)pState;
  TgError e;
  error_clear(&e);
  error_raw(&e, TG_ERR_PROCEDURE, "", "procedure %s failed", "my.proc");
  assert_int_equal(e.eId, ERR_UNLISTED);
  assert_int_equal(e.code, TG_ERR_PROCEDURE);
  assert_string_equal(e.zMsg, "procedure my.proc failed");
  assert_false(error_reclassify(&e, ERR_PROCEDURE, ERR_SEMANTIC));
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_id_and_place),
      cmocka_unit_test(test_reclassify),
      cmocka_unit_test(test_raw),
  };
  return cmocka_run_group_tests_name("error", aTest, NULL, NULL);
}
