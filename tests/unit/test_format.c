/*
** test_format.c — the result writers (engine/out/format.c): JSON that
** stays valid whatever the string bytes (a sequence that is not UTF-8 is
** written as U+FFFD) and NaN and infinities written as strings, as
** documented in docs/cli.md; tables laid out from their first rows and
** streamed after (a wider row widens its column under a rule), and the
** stop flag that ends the output with the box closed.
*/
#include <math.h>
#include <setjmp.h>
#include <signal.h>
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

/* Writes every row of zQuery as a table, laid out from its first
** nLayout rows; stops after nStopAfter rows when >= 0 (the stop flag is
** set then). Returns the text (malloc'd). */
static char *tableOf(const char *zQuery, long nLayout, int nMaxWidth, long nStopAfter) {
  tg_db *pDb;
  tg_open(&pDb);
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pDb, zQuery, -1, &pStmt, NULL), TG_OK);
  char *z = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&z, &n);
  volatile sig_atomic_t bStop = 0;
  FormatOptions o;
  memset(&o, 0, sizeof(o));
  o.eKind = FORMAT_TABLE;
  o.nMaxRows = -1;
  o.nMaxWidth = nMaxWidth;
  o.nLayoutRows = nLayout;
  o.pStop = &bStop;
  FormatWriter *w = format_begin(f, &o, pStmt);
  long i = 0;
  while (tg_step(pStmt) == TG_ROW) {
    if (nStopAfter >= 0 && i++ == nStopAfter) bStop = 1;
    format_row(w, pStmt);
  }
  if (bStop) format_discard(w);
  else format_end(w, NULL);
  fclose(f);
  tg_finalize(pStmt);
  tg_close(pDb);
  return z;
}

static void test_table_streams_after_layout_rows(void **state) {
  (void)state;
  char *z = tableOf("UNWIND [1, 22, 333, 4444] AS x RETURN x, 'v' + toString(x) AS s", 2, 0, -1);
  assert_string_equal(z,
                      "┌────┬─────┐\n"
                      "│ x  │ s   │\n"
                      "├────┼─────┤\n"
                      "│  1 │ v1  │\n"
                      "│ 22 │ v22 │\n"
                      "├─────┼──────┤\n"
                      "│ 333 │ v333 │\n"
                      "├──────┼───────┤\n"
                      "│ 4444 │ v4444 │\n"
                      "└──────┴───────┘\n");
  free(z);
  /* The same rows laid out together: one box, as before streaming. */
  z = tableOf("UNWIND [1, 22, 333, 4444] AS x RETURN x, 'v' + toString(x) AS s", 0, 0, -1);
  assert_string_equal(z,
                      "┌──────┬───────┐\n"
                      "│ x    │ s     │\n"
                      "├──────┼───────┤\n"
                      "│    1 │ v1    │\n"
                      "│   22 │ v22   │\n"
                      "│  333 │ v333  │\n"
                      "│ 4444 │ v4444 │\n"
                      "└──────┴───────┘\n");
  free(z);
}

static void test_table_streamed_row_past_max_width(void **state) {
  (void)state;
  /* Widening stops at the width limit: text is cut, a number and a null
  ** are written whole. */
  char *z = tableOf("UNWIND [1, 2] AS i RETURN CASE i WHEN 1 THEN 'short' ELSE 'a much longer text' END AS t, "
                    "CASE i WHEN 1 THEN 7 ELSE 1234567890123 END AS n, CASE i WHEN 1 THEN 'x' END AS z",
                    1, 24, -1);
  assert_string_equal(z,
                      "┌───────┬───┬───┐\n"
                      "│ t     │ n │ z │\n"
                      "├───────┼───┼───┤\n"
                      "│ short │ 7 │ x │\n"
                      "├──────────┼───────────────┼──────┤\n"
                      "│ a much … │ 1234567890123 │ null │\n"
                      "└──────────┴───────────────┴──────┘\n");
  free(z);
}

static void test_table_stop_flag_closes_the_box(void **state) {
  (void)state;
  char *z = tableOf("UNWIND range(1, 10) AS x RETURN x", 3, 0, 5);
  assert_string_equal(z,
                      "┌───┐\n"
                      "│ x │\n"
                      "├───┤\n"
                      "│ 1 │\n"
                      "│ 2 │\n"
                      "│ 3 │\n"
                      "│ 4 │\n"
                      "│ 5 │\n"
                      "└───┘\n");
  free(z);
  /* Stopped while its rows are still held: nothing is written. */
  z = tableOf("UNWIND range(1, 10) AS x RETURN x", 100, 0, 5);
  assert_string_equal(z, "");
  free(z);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_invalid_utf8_becomes_replacement),
      cmocka_unit_test(test_json_nan_and_infinities_are_strings),
      cmocka_unit_test(test_table_streams_after_layout_rows),
      cmocka_unit_test(test_table_streamed_row_past_max_width),
      cmocka_unit_test(test_table_stop_flag_closes_the_box),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
