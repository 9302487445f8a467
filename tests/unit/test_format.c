/*
** test_format.c — the result writers (engine/out/format.c): JSON that
** stays valid whatever the string bytes (a sequence that is not UTF-8 is
** written as U+FFFD) and NaN and infinities written as strings, as
** documented in docs/cli.md.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "out/format.h"
#include "value/value.h"

/* format_json_value of v, as a malloc'd string. */
static char *jsonOf(tg_db *pDb, const Value *v) {
  char *z = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&z, &n);
  assert_non_null(f);
  format_json_value(f, pDb, v);
  fclose(f);
  return z;
}

static void test_json_invalid_utf8_becomes_replacement(void **state) {
  (void)state;
  tg_db *pDb;
  tg_open(&pDb);
  Value v = value_str("caf\xE9 \xE3\x83\x9E \xED\xA0\x80!", 13);
  char *z = jsonOf(pDb, &v);
  /* Each bad sequence (a lone Latin-1 byte, an encoded surrogate) is one
  ** U+FFFD; the valid ones stay. */
  assert_string_equal(z, "\"caf\xEF\xBF\xBD \xE3\x83\x9E \xEF\xBF\xBD!\"");
  free(z);
  v = value_str("ok \"q\"\n", 7);
  z = jsonOf(pDb, &v);
  assert_string_equal(z, "\"ok \\\"q\\\"\\n\"");
  free(z);
  tg_close(pDb);
}

static void test_json_nan_and_infinities_are_strings(void **state) {
  (void)state;
  tg_db *pDb;
  tg_open(&pDb);
  const double aF[] = {NAN, INFINITY, -INFINITY, 1.5};
  const char *azWant[] = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1.5"};
  for (int i = 0; i < 4; i++) {
    Value v = value_float(aF[i]);
    char *z = jsonOf(pDb, &v);
    assert_string_equal(z, azWant[i]);
    free(z);
  }
  tg_close(pDb);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_invalid_utf8_becomes_replacement),
      cmocka_unit_test(test_json_nan_and_infinities_are_strings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
