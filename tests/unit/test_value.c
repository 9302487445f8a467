/*
** test_value.c — Cypher's value rules: three-valued equality, equivalence,
** comparison across types, the global sort order, hashing consistent with
** equivalence, copies, and float formatting.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "value/value.h"

static Arena A;

static int setup(void **state) {
  (void)state;
  arena_init(&A);
  return 0;
}
static int teardown(void **state) {
  (void)state;
  arena_free(&A);
  return 0;
}

static Value str(const char *z) { return value_cstr(&A, z); }

static Value list2(Value a, Value b) {
  Value l = value_list_new(&A, 2);
  l.u.a[0] = a;
  l.u.a[1] = b;
  return l;
}

static void test_equality_is_three_valued(void **state) {
  (void)state;
  Value one = value_int(1), onef = value_float(1.0), nul = value_null();
  assert_int_equal(value_equals(&one, &onef), TRI_TRUE);
  assert_int_equal(value_equals(&one, &nul), TRI_NULL);
  Value a = str("a");
  assert_int_equal(value_equals(&one, &a), TRI_FALSE);
  Value nan = value_float(NAN);
  assert_int_equal(value_equals(&nan, &nan), TRI_FALSE);
  /* [1, null] = [1, 2] is null; [1, null] = [2, null] is false. */
  Value l1 = list2(value_int(1), nul), l2 = list2(value_int(1), value_int(2));
  Value l3 = list2(value_int(2), nul);
  assert_int_equal(value_equals(&l1, &l2), TRI_NULL);
  assert_int_equal(value_equals(&l1, &l3), TRI_FALSE);
}

static void test_equivalence_for_grouping(void **state) {
  (void)state;
  Value nul = value_null(), nan = value_float(NAN), one = value_int(1), onef = value_float(1.0);
  assert_true(value_equivalent(&nul, &nul));
  assert_true(value_equivalent(&nan, &nan));
  assert_true(value_equivalent(&one, &onef));
  assert_int_equal(value_hash(&one), value_hash(&onef));
  Value l1 = list2(nul, one), l2 = list2(nul, onef);
  assert_true(value_equivalent(&l1, &l2));
  assert_int_equal(value_hash(&l1), value_hash(&l2));
}

static void test_exact_int_float_comparison(void **state) {
  (void)state;
  /* 2^53 + 1 is not representable as a double: it must not equal 2^53. */
  Value big = value_int(9007199254740993LL), f = value_float(9007199254740992.0);
  assert_int_equal(value_equals(&big, &f), TRI_FALSE);
  assert_int_equal(value_less(&f, &big), TRI_TRUE);
}

static void test_comparison_across_types_is_null(void **state) {
  (void)state;
  Value one = value_int(1), a = str("a"), t = value_bool(true);
  assert_int_equal(value_less(&one, &a), TRI_NULL);
  assert_int_equal(value_less(&a, &t), TRI_NULL);
  Value b = str("b");
  assert_int_equal(value_less(&a, &b), TRI_TRUE);
}

static void test_global_sort_order(void **state) {
  (void)state;
  /* map < node < relationship < list < path < string < boolean < number < null */
  Value m = value_map_new(&A, 0), n = value_node(3), r = value_rel(1), l = value_list_new(&A, 0);
  Value s = str("x"), b = value_bool(false), i = value_int(-5), nul = value_null();
  Value nan = value_float(NAN), big = value_float(1e300);
  Value seq[] = {m, n, r, l, s, b, i, big, nan, nul};
  for (size_t k = 0; k + 1 < sizeof(seq) / sizeof(seq[0]); k++) {
    assert_true(value_compare(&seq[k], &seq[k + 1]) < 0);
    assert_true(value_compare(&seq[k + 1], &seq[k]) > 0);
  }
}

static void test_heap_copy_is_deep(void **state) {
  (void)state;
  Value inner = list2(str("ماسك"), value_float(2.5));
  Value map = value_map_new(&A, 1);
  map.u.m[0].zKey = "k";
  map.u.m[0].nKey = 1;
  map.u.m[0].v = inner;
  Value copy = value_heap_copy(&map);
  assert_true(copy.flags & VALF_HEAP);
  assert_true(value_equivalent(&copy, &map));
  assert_ptr_not_equal(copy.u.m, map.u.m);
  assert_string_equal(copy.u.m[0].v.u.a[0].u.z, "ماسك");
  value_heap_free(&copy);
  assert_int_equal(copy.type, VAL_NULL);
}

static void test_format_double(void **state) {
  (void)state;
  char z[40];
  value_format_double(z, sizeof(z), 1.0);
  assert_string_equal(z, "1.0");
  value_format_double(z, sizeof(z), 0.1);
  assert_string_equal(z, "0.1");
  value_format_double(z, sizeof(z), 100.0);
  assert_string_equal(z, "100.0");
  value_format_double(z, sizeof(z), 1e20);
  assert_string_equal(z, "1.0e20");
  value_format_double(z, sizeof(z), -2.5e-7);
  assert_string_equal(z, "-2.5e-7");
  value_format_double(z, sizeof(z), NAN);
  assert_string_equal(z, "NaN");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_equality_is_three_valued),
      cmocka_unit_test(test_equivalence_for_grouping),
      cmocka_unit_test(test_exact_int_float_comparison),
      cmocka_unit_test(test_comparison_across_types_is_null),
      cmocka_unit_test(test_global_sort_order),
      cmocka_unit_test(test_heap_copy_is_deep),
      cmocka_unit_test(test_format_double),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
