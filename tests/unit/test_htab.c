/*
** test_htab.c — the open-addressing hash table and the interning built on
** it: inserts that grow the table, lookups, backward-shift removals that
** keep every entry reachable, reindexing, and interned ids.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "base/htab.h"
#include "base/intern.h"

typedef struct Keys {
  uint64_t a[5000];
} Keys;

static bool eqKey(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const Keys *k = pCtx;
  return k->a[iEntry] == *(const uint64_t *)pKey;
}

static void test_insert_find_remove(void **state) {
  (void)state;
  static Keys keys;
  HTab ht;
  htab_init(&ht);
  for (uint32_t i = 0; i < 5000; i++) {
    keys.a[i] = i * 7919ULL;
    htab_insert(&ht, htab_hash_u64(keys.a[i]), i);
  }
  for (uint32_t i = 0; i < 5000; i++) {
    assert_int_equal(htab_find(&ht, htab_hash_u64(keys.a[i]), eqKey, &keys, &keys.a[i]), i);
  }
  uint64_t missing = 3;
  assert_int_equal(htab_find(&ht, htab_hash_u64(missing), eqKey, &keys, &missing), -1);
  /* Remove every other entry; the rest must still be found. */
  for (uint32_t i = 0; i < 5000; i += 2) assert_true(htab_remove(&ht, htab_hash_u64(keys.a[i]), i));
  for (uint32_t i = 0; i < 5000; i++) {
    int64_t want = (i % 2) ? (int64_t)i : -1;
    assert_int_equal(htab_find(&ht, htab_hash_u64(keys.a[i]), eqKey, &keys, &keys.a[i]), want);
  }
  assert_int_equal(ht.nUsed, 2500);
  /* Move entry 4999 to index 0. */
  keys.a[0] = keys.a[4999];
  htab_reindex(&ht, htab_hash_u64(keys.a[4999]), 4999, 0);
  assert_int_equal(htab_find(&ht, htab_hash_u64(keys.a[0]), eqKey, &keys, &keys.a[0]), 0);
  htab_free(&ht);
}

static void test_intern_ids_are_dense_and_stable(void **state) {
  (void)state;
  Intern in;
  intern_init(&in);
  assert_int_equal(intern_add(&in, "Person", 6), 0);
  assert_int_equal(intern_add(&in, "شركة", strlen("شركة")), 1);
  assert_int_equal(intern_add(&in, "Person", 6), 0);
  assert_int_equal(intern_find(&in, "Firm", 4), -1);
  for (int i = 0; i < 1000; i++) {
    char z[16];
    snprintf(z, sizeof(z), "k%d", i);
    assert_int_equal(intern_add(&in, z, (uint32_t)strlen(z)), (uint32_t)i + 2);
  }
  assert_string_equal(intern_name(&in, 1), "شركة");
  assert_int_equal(intern_count(&in), 1002);
  intern_free(&in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_insert_find_remove),
      cmocka_unit_test(test_intern_ids_are_dense_and_stable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
