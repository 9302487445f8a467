/*
** test_csv.c — the CSV reader (csv.h): RFC 4180 quoting with "" escapes,
** delimiters and line breaks inside quotes, line numbers of records, a
** UTF-8 byte order mark, CRLF and lone CR, blank lines, the last record
** without a line break, errors (unterminated quote, text after a closing
** quote) and recovery, other delimiters, and files larger than the
** reader's buffer so that records straddle refills.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/csv.h"

/* Reads the next record and checks it has the given fields. */
static void expectRecord(CsvReader *r, int64_t iLine, int nField, ...) {
  assert_int_equal(csv_next(r), CSV_ROW);
  assert_int_equal(r->iRecLine, iLine);
  assert_int_equal(r->nField, nField);
  va_list ap;
  va_start(ap, nField);
  for (int i = 0; i < nField; i++) {
    const char *z = va_arg(ap, const char *);
    assert_int_equal(r->aField[i].n, strlen(z));
    assert_memory_equal(r->aField[i].z, z, strlen(z));
    assert_int_equal(r->aField[i].z[r->aField[i].n], 0);   /* NUL-terminated */
  }
  va_end(ap);
}

static void test_plain_and_quoted(void **state) {
  (void)state;
  CsvReader r;
  const char *z = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\n\"\",plain\"quote,z";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  expectRecord(&r, 1, 3, "a", "b", "c");
  expectRecord(&r, 2, 3, "x,y", "say \"hi\"", "");
  assert_true(r.aField[0].bQuoted);
  assert_false(r.aField[2].bQuoted);   /* empty and unquoted */
  expectRecord(&r, 3, 3, "", "plain\"quote", "z");   /* last line has no LF */
  assert_true(r.aField[0].bQuoted);    /* "" is an empty quoted field */
  assert_int_equal(csv_next(&r), CSV_DONE);
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
}

static void test_embedded_newlines_count_lines(void **state) {
  (void)state;
  CsvReader r;
  const char *z = "id,text\n1,\"two\nlines\"\n2,\"three\r\nlines\nhere\"\n3,end\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  expectRecord(&r, 1, 2, "id", "text");
  expectRecord(&r, 2, 2, "1", "two\nlines");
  expectRecord(&r, 4, 2, "2", "three\r\nlines\nhere");
  expectRecord(&r, 7, 2, "3", "end");
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
}

static void test_bom_crlf_blank_lines(void **state) {
  (void)state;
  CsvReader r;
  const char *z = "\xEF\xBB\xBFname|n\r\n\r\nAnn|1\r\n\n\nBob|2\rCy|3\r\n";
  assert_true(csv_open_mem(&r, z, strlen(z), '|'));
  expectRecord(&r, 1, 2, "name", "n");   /* the BOM is gone */
  expectRecord(&r, 3, 2, "Ann", "1");    /* blank line 2 skipped */
  expectRecord(&r, 6, 2, "Bob", "2");    /* lone CR ends a record */
  expectRecord(&r, 7, 2, "Cy", "3");
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
}

static void test_tab_and_trailing_delimiter(void **state) {
  (void)state;
  CsvReader r;
  const char *z = "a\tb\t\n\t\t\"q\tq\"";
  assert_true(csv_open_mem(&r, z, strlen(z), '\t'));
  expectRecord(&r, 1, 3, "a", "b", "");
  expectRecord(&r, 2, 3, "", "", "q\tq");
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
}

static void test_errors_and_recovery(void **state) {
  (void)state;
  CsvReader r;
  const char *z = "a,b\n\"bad\"x,c\nok,1\n\"open,2\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  expectRecord(&r, 1, 2, "a", "b");
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.iRecLine, 2);
  assert_non_null(strstr(r.zErr, "after a closing quote"));
  expectRecord(&r, 3, 2, "ok", "1");   /* reading goes on at the next line */
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.iRecLine, 4);
  assert_non_null(strstr(r.zErr, "unterminated"));
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
}

static void test_bad_delimiters(void **state) {
  (void)state;
  CsvReader r;
  assert_false(csv_open_mem(&r, "x", 1, '"'));
  assert_non_null(strstr(r.zErr, "delimiter"));
  csv_close(&r);
  assert_false(csv_open_file(&r, "/nonexistent/dir/file.csv", ','));
  assert_non_null(strstr(r.zErr, "/nonexistent/dir/file.csv"));
  csv_close(&r);
}

/* A file of 60,000 records, several with quoted fields spanning lines,
** one record of 3 MB: records straddle buffer refills and the buffer must
** grow once. Every field and line number is checked. */
static void test_large_file_refills(void **state) {
  (void)state;
  char zPath[] = "/tmp/tangle_test_csv_XXXXXX";
  int fd = mkstemp(zPath);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  const int nRec = 60000;
  fputs("\xEF\xBB\xBFid,text,n\r\n", f);
  for (int i = 0; i < nRec; i++) {
    if (i == 30000) {
      fputc('"', f);
      for (int k = 0; k < 3 * 1024 * 1024; k++) fputc(k % 100 == 99 ? '\n' : 'x', f);
      fputs("\",big,0\r\n", f);
    } else if (i % 7 == 0) {
      fprintf(f, "%d,\"line one, \"\"quoted\"\"\nline two\",%d\r\n", i, i * 3);
    } else {
      fprintf(f, "%d,plain text %d,%d\r\n", i, i, i * 3);
    }
  }
  fclose(f);
  CsvReader r;
  assert_true(csv_open_file(&r, zPath, ','));
  assert_int_equal(csv_next(&r), CSV_ROW);
  assert_string_equal(r.aField[0].z, "id");
  int64_t iLine = 2;
  char zWant[64];
  for (int i = 0; i < nRec; i++) {
    assert_int_equal(csv_next(&r), CSV_ROW);
    assert_int_equal(r.nField, 3);
    assert_int_equal(r.iRecLine, iLine);
    if (i == 30000) {
      assert_int_equal(r.aField[0].n, 3 * 1024 * 1024);
      assert_string_equal(r.aField[1].z, "big");
      iLine += 3 * 1024 * 1024 / 100 + 1;
      continue;
    }
    snprintf(zWant, sizeof(zWant), "%d", i);
    assert_string_equal(r.aField[0].z, zWant);
    if (i % 7 == 0) {
      assert_string_equal(r.aField[1].z, "line one, \"quoted\"\nline two");
      iLine += 2;
    } else {
      snprintf(zWant, sizeof(zWant), "plain text %d", i);
      assert_string_equal(r.aField[1].z, zWant);
      iLine += 1;
    }
    snprintf(zWant, sizeof(zWant), "%d", i * 3);
    assert_string_equal(r.aField[2].z, zWant);
  }
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
  unlink(zPath);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_and_quoted),
      cmocka_unit_test(test_embedded_newlines_count_lines),
      cmocka_unit_test(test_bom_crlf_blank_lines),
      cmocka_unit_test(test_tab_and_trailing_delimiter),
      cmocka_unit_test(test_errors_and_recovery),
      cmocka_unit_test(test_bad_delimiters),
      cmocka_unit_test(test_large_file_refills),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
