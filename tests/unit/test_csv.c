/*
** test_csv.c — the CSV reader (csv.h): RFC 4180 quoting with "" escapes,
** delimiters and line breaks inside quotes, line numbers of records, a
** UTF-8 byte order mark, CRLF and lone CR, blank lines, the last record
** without a line break, errors (unterminated quote, text after a closing
** quote) and recovery, other delimiters, and files larger than the
** reader's buffer so that records straddle refills; and hostile input:
** the field, record and field-count caps (on /dev/zero too), quoted line
** breaks refused so that a stray quote spoils one line, fields that are
** not UTF-8, and the stop callback on an endless input.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/csv.h"
#include "base/mem.h"

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
  assert_non_null(strstr(r.zErr, "quoted field is never closed"));
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
  /* A quote opened on a later line of a multi-line record is named. */
  z = "\"x\ny\",\"open\nz\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.iRecLine, 1);
  assert_non_null(strstr(r.zErr, "quoted field opened on line 2 is never closed"));
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

/* The caps: a field or record past its limit, or too many fields, fails
** with CSVE_LIMIT, names the limit, and ends the input; records up to the
** limits are read. */
static void test_limits(void **state) {
  (void)state;
  CsvReader r;
  CsvOptions o = {0};
  o.nMaxField = 4;
  o.nMaxRecord = 64;
  o.bMultiline = true;
  const char *z = "abcd,\"ab\"\"c\"\nabcde,x\nnever,read\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  csv_set_options(&r, &o);
  expectRecord(&r, 1, 2, "abcd", "ab\"c");   /* 4 bytes each: at the limit */
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_LIMIT);
  assert_int_equal(r.iRecLine, 2);
  assert_true(csv_error_abandons(r.eErr));
  assert_non_null(strstr(r.zErr, "field 1 is larger than 4 bytes"));
  assert_non_null(strstr(r.zErr, "csv.max_field"));
  assert_int_equal(csv_next(&r), CSV_DONE);   /* the input is abandoned */
  csv_close(&r);

  /* A record: 3 fields of 25 bytes pass no field cap but pass 64 bytes. */
  o.nMaxField = 0;
  z = "a,b\n1234567890123456789012345,1234567890123456789012345,1234567890123456789012345\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  csv_set_options(&r, &o);
  expectRecord(&r, 1, 2, "a", "b");
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_LIMIT);
  assert_non_null(strstr(r.zErr, "the record is larger than 64 bytes"));
  csv_close(&r);

  /* Fields per record: a sixteenth of the record cap, at least 1,024:
  ** 1,024 fields pass, 1,025 do not. */
  char zCommas[2100];
  memset(zCommas, ',', 1023);
  zCommas[1023] = '\n';
  memset(zCommas + 1024, ',', 1024);
  zCommas[2048] = '\n';
  zCommas[2049] = 0;
  o.nMaxRecord = 4096;
  assert_true(csv_open_mem(&r, zCommas, strlen(zCommas), ','));
  csv_set_options(&r, &o);
  assert_int_equal(csv_next(&r), CSV_ROW);
  assert_int_equal(r.nField, 1024);
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_non_null(strstr(r.zErr, "more than 1024 fields"));
  csv_close(&r);
  o.nMaxRecord = 64;

  /* A quote never closed in a file larger than the buffer runs into the
  ** record cap, and the message says where it opened. */
  char zPath[] = "/tmp/tangle_test_csv_XXXXXX";
  int fd = mkstemp(zPath);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs("ok\n\"two\nlines\",\"open\n", f);
  for (int i = 0; i < 300000; i++) fputs("a line,\n", f);
  fclose(f);
  assert_true(csv_open_file(&r, zPath, ','));
  o.nMaxRecord = (size_t)64 << 10;
  csv_set_options(&r, &o);
  expectRecord(&r, 1, 1, "ok");
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_LIMIT);
  assert_non_null(strstr(r.zErr, "the record is larger than 64 KiB"));
  assert_non_null(strstr(r.zErr, "a quoted field opened on line 3 is still open"));
  csv_close(&r);

  /* Opened on the record's own line, which the caller reports: the line is
  ** not named again (a reader of a range would name it from the range's
  ** start). */
  f = fopen(zPath, "w");
  assert_non_null(f);
  fputs("ok\n\"open\n", f);
  for (int i = 0; i < 300000; i++) fputs("a line,\n", f);
  fclose(f);
  assert_true(csv_open_file(&r, zPath, ','));
  csv_set_options(&r, &o);
  expectRecord(&r, 1, 1, "ok");
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_LIMIT);
  assert_int_equal(r.iRecLine, 2);
  assert_non_null(strstr(r.zErr, "; a quoted field is still open"));
  assert_null(strstr(r.zErr, "line"));
  csv_close(&r);
  unlink(zPath);
}

/* /dev/zero: one endless field of NUL bytes stops at the field cap with
** the buffer bounded, instead of growing until memory runs out. */
static void test_dev_zero(void **state) {
  (void)state;
  CsvReader r;
  assert_true(csv_open_file(&r, "/dev/zero", ','));
  CsvOptions o = {0};
  o.nMaxField = (size_t)1 << 20;
  o.nMaxRecord = (size_t)2 << 20;
  csv_set_options(&r, &o);
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_LIMIT);
  assert_int_equal(r.iRecLine, 1);
  assert_non_null(strstr(r.zErr, "field 1 is larger than 1 MiB"));
  assert_true(r.nAlloc <= ((size_t)4 << 20));
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
  /* The defaults apply without csv_set_options: 4 MiB per field. */
  assert_true(csv_open_file(&r, "/dev/zero", ','));
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_non_null(strstr(r.zErr, "field 1 is larger than 4 MiB"));
  assert_true(r.nAlloc <= 2 * CSV_DEFAULT_MAX_RECORD);
  csv_close(&r);
}

/* Without bMultiline a quoted field that reaches a line break is one bad
** record, and reading goes on at the next line: a stray quote spoils its
** own line only (each such line is its own error). With it, the field
** spans lines. */
static void test_multiline_choice(void **state) {
  (void)state;
  CsvReader r;
  CsvOptions o = {0};
  const char *z = "id,name\n1,\"Ann\n2,Bob\n3,\"Cy\r\n4,\"D\"\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  csv_set_options(&r, &o);
  expectRecord(&r, 1, 2, "id", "name");
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_MALFORMED);
  assert_false(csv_error_abandons(r.eErr));
  assert_int_equal(r.iRecLine, 2);
  assert_non_null(strstr(r.zErr, "not closed on its line"));
  expectRecord(&r, 3, 2, "2", "Bob");
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.iRecLine, 4);
  expectRecord(&r, 5, 2, "4", "D");
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
  z = "1,\"Ann\nSmith\",x\n2,Bob\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  csv_set_options(&r, &o);
  assert_int_equal(csv_next(&r), CSV_ERROR);
  expectRecord(&r, 2, 2, "Smith\"", "x");   /* the rest of the field, read as a record */
  expectRecord(&r, 3, 2, "2", "Bob");
  csv_close(&r);
  o.bMultiline = true;
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  csv_set_options(&r, &o);
  expectRecord(&r, 1, 3, "1", "Ann\nSmith", "x");
  expectRecord(&r, 3, 2, "2", "Bob");
  csv_close(&r);
}

/* bUtf8: a field that is not UTF-8 fails its record, naming the field and
** the byte; the next record is read. */
static void test_utf8_check(void **state) {
  (void)state;
  CsvReader r;
  CsvOptions o = {0};
  o.bUtf8 = true;
  const char *z = "a,b\ncaf\xC3\xA9,\xE3\x83\x9E\n1,caf\xE9\n2,\xED\xA0\x80\n3,ok\n";
  assert_true(csv_open_mem(&r, z, strlen(z), ','));
  csv_set_options(&r, &o);
  expectRecord(&r, 1, 2, "a", "b");
  expectRecord(&r, 2, 2, "caf\xC3\xA9", "\xE3\x83\x9E");
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_UTF8);
  assert_int_equal(r.iRecLine, 3);
  assert_non_null(strstr(r.zErr, "field 2 is not valid UTF-8: byte 0xE9 after 3 valid bytes"));
  assert_int_equal(csv_next(&r), CSV_ERROR);   /* a surrogate is not UTF-8 either */
  assert_int_equal(r.iRecLine, 4);
  expectRecord(&r, 5, 2, "3", "ok");
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
}

/* xStop is asked before every read: an endless input stops. */
static int nStopCalls;
static bool stopOnSecondRead(void *pArg) {
  (void)pArg;
  return ++nStopCalls > 1;
}
static void test_stop_callback(void **state) {
  (void)state;
  CsvReader r;
  assert_true(csv_open_file(&r, "/dev/zero", ','));
  CsvOptions o = {0};
  o.xStop = stopOnSecondRead;
  csv_set_options(&r, &o);
  nStopCalls = 0;
  assert_int_equal(csv_next(&r), CSV_ERROR);
  assert_int_equal(r.eErr, CSVE_STOPPED);
  assert_int_equal(nStopCalls, 2);
  assert_int_equal(csv_next(&r), CSV_DONE);
  csv_close(&r);
}

static void test_format_size(void **state) {
  (void)state;
  char z[32];
  mem_format_size((size_t)4 << 20, z, sizeof(z));
  assert_string_equal(z, "4 MiB");
  mem_format_size(1536, z, sizeof(z));
  assert_string_equal(z, "1536 bytes");
  mem_format_size(2048, z, sizeof(z));
  assert_string_equal(z, "2 KiB");
  mem_format_size((size_t)1 << 30, z, sizeof(z));
  assert_string_equal(z, "1 GiB");
  mem_format_size(1, z, sizeof(z));
  assert_string_equal(z, "1 byte");
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
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_dev_zero),
      cmocka_unit_test(test_multiline_choice),
      cmocka_unit_test(test_utf8_check),
      cmocka_unit_test(test_stop_callback),
      cmocka_unit_test(test_format_size),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
