/*
** test_api.c — unit tests for the public C interface (tangle.h) as an
** embedder uses it: only the header's functions, on an empty database.
** Covers what the header promises about statements and parameters:
** tg_stmt_readonly, binding by name (an unknown name is an error that
** names it), text given with n = -1, and notifications (unknown labels,
** relationship types and property keys warn without failing).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tangle.h"

static tg_db *apiTestDb;

static int apiTestSetup(void **pState) {
  (void)pState;
  return tg_open(&apiTestDb) == TG_OK ? 0 : -1;
}

static int apiTestTeardown(void **pState) {
  (void)pState;
  tg_close(apiTestDb);
  apiTestDb = NULL;
  return 0;
}

/* Prepares zQuery, which must compile to one statement. */
static tg_stmt *apiPrepare(const char *zQuery) {
  tg_stmt *pStmt = NULL;
  if (tg_prepare(apiTestDb, zQuery, -1, &pStmt, NULL) != TG_OK || pStmt == NULL) {
    fail_msg("prepare %s: %s", zQuery, tg_errmsg(apiTestDb));
  }
  return pStmt;
}

/* ---- Statements ------------------------------------------------------------ */

static void test_readonly(void **pState) {
  (void)pState;
  static const struct {
    const char *zQuery;
    int bReadonly;
  } aCase[] = {
      {"MATCH (n) RETURN n", 1},
      {"RETURN 1", 1},
      {"CREATE (n:A)", 0},
      {"MATCH (n) SET n.x = 1", 0},
      {"MATCH (n) DETACH DELETE n", 0},
      {"CREATE INDEX FOR (n:A) ON (n.k)", 0},
  };
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    tg_stmt *pStmt = apiPrepare(aCase[i].zQuery);
    if ((tg_stmt_readonly(pStmt) != 0) != aCase[i].bReadonly) {
      fail_msg("tg_stmt_readonly(%s) should be %d", aCase[i].zQuery, aCase[i].bReadonly);
    }
    tg_finalize(pStmt);
  }
}

/* ---- Parameters ------------------------------------------------------------ */

/* Every tg_bind_* refuses a name the statement does not use, and the
** error names it. */
static void test_bind_unknown_name(void **pState) {
  (void)pState;
  tg_stmt *pStmt = apiPrepare("RETURN $a AS a");
  tg_value *pVal = tg_value_parse(apiTestDb, "[1, 2]");
  assert_non_null(pVal);
  int aRc[7];
  aRc[0] = tg_bind_null(pStmt, "nosuch");
  aRc[1] = tg_bind_bool(pStmt, "nosuch", 1);
  aRc[2] = tg_bind_int(pStmt, "nosuch", 1);
  aRc[3] = tg_bind_double(pStmt, "nosuch", 1.5);
  aRc[4] = tg_bind_text(pStmt, "nosuch", "x", -1);
  aRc[5] = tg_bind_value(pStmt, "nosuch", pVal);
  aRc[6] = tg_bind_literal(pStmt, "nosuch", "1");
  for (int i = 0; i < 7; i++) {
    if (aRc[i] != TG_ERROR) fail_msg("bind #%d of an unknown name returned %d", i, aRc[i]);
  }
  assert_non_null(strstr(tg_errmsg(apiTestDb), "$nosuch"));
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_ARGUMENT);

  /* The statement is unharmed: bind the real one and run it. */
  assert_int_equal(tg_bind_value(pStmt, "a", pVal), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_string_equal(tg_column_text(pStmt, 0), "[1, 2]");
  assert_int_equal(tg_step(pStmt), TG_DONE);
  /* A name with its '$' is the same name. */
  assert_int_equal(tg_bind_int(pStmt, "$a", 7), TG_OK);
  tg_value_free(pVal);
  tg_finalize(pStmt);
}

/* tg_param_count/tg_param_name list exactly the names a statement uses. */
static void test_param_names(void **pState) {
  (void)pState;
  tg_stmt *pStmt = apiPrepare("MATCH (n) WHERE n.x = $x RETURN $y AS y, $x AS x");
  assert_int_equal(tg_param_count(pStmt), 2);
  int bX = 0, bY = 0;
  for (int i = 0; i < tg_param_count(pStmt); i++) {
    bX |= strcmp(tg_param_name(pStmt, i), "x") == 0;
    bY |= strcmp(tg_param_name(pStmt, i), "y") == 0;
  }
  assert_true(bX && bY);
  assert_null(tg_param_name(pStmt, 2));
  tg_finalize(pStmt);
}

/* n = -1 binds NUL-terminated text; n >= 0 binds exactly n bytes. */
static void test_bind_text_length(void **pState) {
  (void)pState;
  tg_stmt *pStmt = apiPrepare("RETURN $s AS s, size($s) AS n");
  assert_int_equal(tg_bind_text(pStmt, "s", "ماسك", -1), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_string_equal(tg_column_text(pStmt, 0), "ماسك");
  assert_int_equal(tg_column_int(pStmt, 1), 4);
  tg_reset(pStmt);
  assert_int_equal(tg_bind_text(pStmt, "s", "abcdef", 3), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_string_equal(tg_column_text(pStmt, 0), "abc");
  tg_finalize(pStmt);
}


/* ---- Notifications ----------------------------------------------------------- */

/* Runs zQuery to the end (it must succeed). */
static void apiRun(const char *zQuery) {
  tg_stmt *pStmt = apiPrepare(zQuery);
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) {
  }
  if (rc != TG_DONE) fail_msg("run %s: %s", zQuery, tg_errmsg(apiTestDb));
  tg_finalize(pStmt);
}

/* A name the graph does not hold gives a notification; the query runs. */
/* Text that is not valid UTF-8 (an embedder's bytes) is refused when it
** is bound, naming the parameter and the byte, so no string Tangle holds
** breaks JSON output or =~ later; valid text still binds. */
static void test_bind_text_refuses_invalid_utf8(void **pState) {
  (void)pState;
  tg_stmt *pStmt = apiPrepare("RETURN $s =~ 'a.*' AS m");
  assert_int_equal(tg_bind_text(pStmt, "s", "a\xff\xfe", 3), TG_ERROR);
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_ARGUMENT);
  assert_string_equal(tg_errmsg(apiTestDb), "the text bound to $s is not valid UTF-8: byte 0xFF after 1 valid byte");
  assert_int_equal(tg_step(pStmt), TG_ERROR);   /* nothing was bound */
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_PARAMETER);
  tg_reset(pStmt);
  assert_int_equal(tg_bind_text(pStmt, "$s", "ab\xc3\xa9", -1), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_int_equal(tg_column_int(pStmt, 0), 1);
  tg_finalize(pStmt);
}

/* Text the C API is given with a length may hold a NUL byte or bytes that
** are not UTF-8: both are SyntaxErrors at their place, never a statement
** cut short. */
static void test_prepare_nul_and_invalid_utf8(void **pState) {
  (void)pState;
  tg_stmt *pStmt = NULL;
  const char zNul[] = "CREATE (:A)\n \0 RETURN 1/0";
  assert_int_equal(tg_prepare(apiTestDb, zNul, (int)sizeof(zNul) - 1, &pStmt, NULL), TG_ERROR);
  assert_null(pStmt);
  assert_string_equal(tg_errmsg(apiTestDb), "the text holds a NUL byte here");
  assert_int_equal(tg_error_line(apiTestDb), 2);
  assert_int_equal(tg_error_column(apiTestDb), 2);
  assert_int_equal(tg_prepare(apiTestDb, "RETURN 'caf\xe9' AS x", -1, &pStmt, NULL), TG_ERROR);
  assert_string_equal(tg_errmsg(apiTestDb), "the text is not valid UTF-8 here");
  assert_int_equal(tg_error_column(apiTestDb), 12);
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_SYNTAX);
}

/* The "timeout" setting: a statement past it fails with TG_ERR_LIMIT, the
** graph is rolled back, and the next statement runs. */
static void test_timeout(void **pState) {
  (void)pState;
  assert_int_equal(tg_config_get(apiTestDb, "timeout"), 0);
  assert_int_equal(tg_config_set(apiTestDb, "timeout", 100), TG_OK);
  assert_int_equal(tg_config_get(apiTestDb, "timeout"), 100);
  assert_int_equal(tg_config_set(apiTestDb, "timeout", -1), TG_ERROR);
  tg_stmt *pStmt = apiPrepare("UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                              "CREATE (:T) RETURN count(*)");
  assert_int_equal(tg_step(pStmt), TG_ERROR);
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_LIMIT);
  tg_finalize(pStmt);
  assert_int_equal(tg_node_count(apiTestDb), 0);
  assert_int_equal(tg_config_set(apiTestDb, "timeout", 0), TG_OK);
  pStmt = apiPrepare("RETURN 1");
  assert_int_equal(tg_step(pStmt), TG_ROW);
  tg_finalize(pStmt);
}

/* The file settings: "files" and "files.root". */
static void test_file_settings(void **pState) {
  (void)pState;
  assert_int_equal(tg_config_get(apiTestDb, "files"), 1);
  assert_null(tg_config_get_text(apiTestDb, "files.root"));
  assert_int_equal(tg_config_set_text(apiTestDb, "files.root", "/nonexistent-dir"), TG_ERROR);
  assert_int_equal(tg_config_set_text(apiTestDb, "files.root", "/tmp"), TG_OK);
  assert_non_null(tg_config_get_text(apiTestDb, "files.root"));
  tg_stmt *pStmt = apiPrepare("LOAD CSV FROM '/etc/passwd' AS r RETURN r");
  assert_int_equal(tg_step(pStmt), TG_ERROR);
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_IO);
  assert_non_null(strstr(tg_errmsg(apiTestDb), "lies outside"));
  tg_finalize(pStmt);
  assert_int_equal(tg_config_set_text(apiTestDb, "files.root", NULL), TG_OK);
  assert_int_equal(tg_config_set(apiTestDb, "files", 0), TG_OK);
  pStmt = apiPrepare("LOAD CSV FROM '/etc/passwd' AS r RETURN r");
  assert_int_equal(tg_step(pStmt), TG_ERROR);
  assert_non_null(strstr(tg_errmsg(apiTestDb), "file access is off"));
  tg_finalize(pStmt);
}

/* tg_stmt_readonly says whether the graph changes; tg_stmt_files whether
** files are touched; "read_only" refuses what would change anything. */
static void test_stmt_files_and_read_only(void **pState) {
  (void)pState;
  struct { const char *zQuery; int bReadOnly, eFiles; } aCase[] = {
      {"MATCH (n) RETURN n", 1, 0},
      {"CREATE (:A)", 0, 0},
      {"LOAD CSV FROM 'x.csv' AS r RETURN r", 1, TG_FILES_READ},
      {"LOAD CSV FROM 'x.csv' AS r CREATE (:A)", 0, TG_FILES_READ},
      {"MATCH (n) RENDER n TO 'x.svg'", 1, TG_FILES_WRITE},
      {"MATCH (n) RENDER n", 1, 0},
  };
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    tg_stmt *pStmt = apiPrepare(aCase[i].zQuery);
    assert_int_equal(tg_stmt_readonly(pStmt), aCase[i].bReadOnly);
    assert_int_equal(tg_stmt_files(pStmt), aCase[i].eFiles);
    tg_finalize(pStmt);
  }
  assert_int_equal(tg_config_set(apiTestDb, "read_only", 1), TG_OK);
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(apiTestDb, "CREATE (:A)", -1, &pStmt, NULL), TG_ERROR);
  assert_null(pStmt);
  assert_int_equal(tg_prepare(apiTestDb, "MATCH (n) RENDER n TO 'x.svg'", -1, &pStmt, NULL), TG_ERROR);
  pStmt = apiPrepare("MATCH (n) RETURN count(n)");
  tg_finalize(pStmt);
  assert_int_equal(tg_config_set(apiTestDb, "read_only", 0), TG_OK);
}

static void test_notification_unknown_names(void **pState) {
  (void)pState;
  apiRun("CREATE (:Person {name: 'Ada'})-[:KNOWS]->(:Person {name: 'Bob'})");
  tg_stmt *pStmt = apiPrepare("MATCH (p:Persn)-[:KNOWZ]->(q) RETURN p.nme");
  assert_int_equal(tg_stmt_notification_count(pStmt), 3);
  assert_string_equal(tg_stmt_notification_code(pStmt, 0), "01N50");
  assert_string_equal(tg_stmt_notification(pStmt, 0), "the label Persn does not exist in the graph");
  assert_string_equal(tg_stmt_notification_code(pStmt, 1), "01N51");
  assert_string_equal(tg_stmt_notification(pStmt, 1),
                      "the relationship type KNOWZ does not exist in the graph");
  assert_string_equal(tg_stmt_notification_code(pStmt, 2), "01N52");
  assert_string_equal(tg_stmt_notification(pStmt, 2), "the property key nme does not exist in the graph");
  assert_null(tg_stmt_notification(pStmt, 3));
  assert_null(tg_stmt_notification_code(pStmt, -1));
  assert_int_equal(tg_step(pStmt), TG_DONE);   /* not an error */
  assert_int_equal(tg_stmt_notification_count(pStmt), 3);
  tg_finalize(pStmt);
}

/* Names the graph holds, or the statement writes itself, are not reported;
** nor are the keys of maps that are not nodes or relationships. */
static void test_notification_known_names(void **pState) {
  (void)pState;
  apiRun("CREATE (:Person {name: 'Ada'})-[:KNOWS]->(:Person {name: 'Bob'})");
  static const char *const azQuiet[] = {
      "MATCH (p:Person)-[:KNOWS]->(q) WHERE p:Person RETURN p.name, q {.name}",
      "CREATE (n:Robot {serial: 1}) RETURN n.serial",
      "MERGE (n:Robot {serial: 2}) ON CREATE SET n.built = 2024 RETURN n.built",
      "MATCH (p:Person) SET p:Admin, p.level = 1 RETURN p.level",
      "UNWIND [{a: 1}] AS m RETURN m.nosuch",
      "MATCH (p:Person) SET p += $props RETURN p.anything",
      "CREATE INDEX FOR (n:Later) ON (n.key)",
      "RETURN 1",
  };
  for (size_t i = 0; i < sizeof(azQuiet) / sizeof(azQuiet[0]); i++) {
    tg_stmt *pStmt = apiPrepare(azQuiet[i]);
    if (tg_stmt_notification_count(pStmt) != 0) {
      fail_msg("%s: unexpected notification %s", azQuiet[i], tg_stmt_notification(pStmt, 0));
    }
    tg_finalize(pStmt);
  }
  /* Once a key was stored, it is known, even after the value is gone. */
  apiRun("MATCH (p:Person {name: 'Ada'}) SET p.nick = 'A'");
  apiRun("MATCH (p:Person) REMOVE p.nick");
  tg_stmt *pStmt = apiPrepare("MATCH (p:Person) RETURN p.nick");
  assert_int_equal(tg_stmt_notification_count(pStmt), 0);
  tg_finalize(pStmt);
}

/* Each distinct notification is reported once. */
static void test_notification_once(void **pState) {
  (void)pState;
  tg_stmt *pStmt = apiPrepare("MATCH (a:Ghost), (b:Ghost) WHERE a.x = b.x RETURN a.x");
  assert_int_equal(tg_stmt_notification_count(pStmt), 2);
  assert_string_equal(tg_stmt_notification_code(pStmt, 0), "01N50");
  assert_string_equal(tg_stmt_notification_code(pStmt, 1), "01N52");
  tg_finalize(pStmt);
}

/* ---- Transactions ------------------------------------------------------------ */

/* Runs zQuery to the end; returns its last step's result code. */
static int apiTry(const char *zQuery) {
  tg_stmt *pStmt = NULL;
  if (tg_prepare(apiTestDb, zQuery, -1, &pStmt, NULL) != TG_OK) return TG_ERROR;
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) {
  }
  tg_finalize(pStmt);
  return rc;
}

/* The first column of the first row of zQuery, an integer. */
static int64_t apiInt(const char *zQuery) {
  tg_stmt *pStmt = apiPrepare(zQuery);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  int64_t v = tg_value_int(tg_column_value(pStmt, 0));
  tg_finalize(pStmt);
  return v;
}

/* tg_begin/tg_commit/tg_rollback: a failing statement undoes only its
** own changes; ROLLBACK undoes the rest; deleted ids come back. */
static void test_transactions(void **pState) {
  (void)pState;
  assert_int_equal(apiTry("CREATE CONSTRAINT k FOR (p:P) REQUIRE p.k IS UNIQUE"), TG_DONE);
  assert_int_equal(apiTry("CREATE (:P {k: 0})"), TG_DONE);
  assert_int_equal(tg_in_transaction(apiTestDb), 0);
  assert_int_equal(tg_commit(apiTestDb), TG_ERROR);
  assert_int_equal(tg_begin(apiTestDb), TG_OK);
  assert_int_equal(tg_begin(apiTestDb), TG_ERROR);
  assert_int_equal(tg_in_transaction(apiTestDb), 1);
  assert_int_equal(apiTry("CREATE (:P {k: 1})"), TG_DONE);
  /* A duplicate key fails this statement only. */
  assert_int_equal(apiTry("CREATE (:P {k: 2}), (:P {k: 1})"), TG_ERROR);
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_CONSTRAINT);
  assert_int_equal(apiInt("MATCH (p:P) RETURN count(p)"), 2);
  assert_int_equal(apiTry("CREATE INDEX FOR (q:Q) ON (q.x)"), TG_ERROR);
  tg_import_stats stats;
  const char *azNodes[] = {"/dev/null"};
  assert_int_equal(tg_import(apiTestDb, 1, azNodes, 0, NULL, NULL, &stats), TG_ERROR);
  assert_non_null(strstr(tg_errmsg(apiTestDb), "inside a transaction"));
  assert_int_equal(apiTry("MATCH (p:P {k: 0}) DETACH DELETE p"), TG_DONE);
  assert_int_equal(apiInt("MATCH (p:P) RETURN count(p)"), 1);
  assert_int_equal(tg_rollback(apiTestDb), TG_OK);
  assert_int_equal(tg_in_transaction(apiTestDb), 0);
  assert_int_equal(apiInt("MATCH (p:P) RETURN count(p)"), 1);
  assert_int_equal(apiInt("MATCH (p:P) RETURN p.k"), 0);
  assert_int_equal(apiInt("MATCH (p:P) RETURN id(p)"), 0);
  /* COMMIT keeps what the statements that succeeded did. */
  assert_int_equal(tg_begin(apiTestDb), TG_OK);
  assert_int_equal(apiTry("CREATE (:P {k: 5})"), TG_DONE);
  assert_int_equal(apiTry("MATCH (p:P {k: 5}) SET p.k = 1/0"), TG_ERROR);
  assert_int_equal(tg_commit(apiTestDb), TG_OK);
  assert_int_equal(apiInt("MATCH (p:P) RETURN sum(p.k)"), 5);
  /* A statement still returning rows holds the transaction open. */
  assert_int_equal(tg_begin(apiTestDb), TG_OK);
  tg_stmt *pStmt = apiPrepare("MATCH (p:P) RETURN p");
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_int_equal(tg_commit(apiTestDb), TG_ERROR);
  tg_finalize(pStmt);
  assert_int_equal(apiTry("CREATE (:P {k: 9})"), TG_DONE);
  /* Closing the database rolls back what is open (checked by LSan: no leak). */
}

/* ---- Dump ------------------------------------------------------------------------ */

typedef struct ApiSink {
  char z[4096];
  int n;
  int nCalls;
  int nStopAfter;   /* calls before the writer says stop (0: never) */
} ApiSink;

static int apiSinkWrite(void *pArg, const char *z, int n) {
  ApiSink *p = pArg;
  if (p->nStopAfter && ++p->nCalls > p->nStopAfter) return 0;
  int k = n < (int)sizeof(p->z) - 1 - p->n ? n : (int)sizeof(p->z) - 1 - p->n;
  memcpy(p->z + p->n, z, (size_t)k);
  p->n += k;
  p->z[p->n] = 0;
  return 1;
}

/* tg_dump writes a script that rebuilds the graph; a writer that says
** stop makes it fail with an IOError. */
static void test_dump(void **pState) {
  (void)pState;
  assert_int_equal(apiTry("CREATE (:A {x: 1})-[:R {w: 2.5}]->(:B {d: date('2024-01-02')})"), TG_DONE);
  ApiSink sink = {{0}, 0, 0, 0};
  assert_int_equal(tg_dump(apiTestDb, apiSinkWrite, &sink), TG_OK);
  assert_non_null(strstr(sink.z, "2 nodes, 1 relationships"));
  assert_non_null(strstr(sink.z, "date('2024-01-02')"));
  tg_db *pCopy;
  tg_open(&pCopy);
  assert_int_equal(tg_exec(pCopy, sink.z, "dump"), TG_OK);
  assert_int_equal(tg_node_count(pCopy), 2);
  assert_int_equal(tg_relationship_count(pCopy), 1);
  tg_close(pCopy);
  ApiSink stop = {{0}, 0, 0, 1};
  assert_int_equal(tg_dump(apiTestDb, apiSinkWrite, &stop), TG_OK);   /* one write is all it needs */
  assert_int_equal(apiTry("UNWIND range(1, 3000) AS i CREATE (:C {i: i, s: 'padding padding padding'})"), TG_DONE);
  ApiSink stop2 = {{0}, 0, 0, 1};
  assert_int_equal(tg_dump(apiTestDb, apiSinkWrite, &stop2), TG_ERROR);
  assert_int_equal(tg_errcode(apiTestDb), TG_ERR_IO);
}

int main(void) {
#define API_TEST(X) cmocka_unit_test_setup_teardown(X, apiTestSetup, apiTestTeardown)
  const struct CMUnitTest aTest[] = {
      API_TEST(test_readonly),
      API_TEST(test_bind_unknown_name),
      API_TEST(test_param_names),
      API_TEST(test_bind_text_length),
      API_TEST(test_bind_text_refuses_invalid_utf8),
      API_TEST(test_prepare_nul_and_invalid_utf8),
      API_TEST(test_timeout),
      API_TEST(test_file_settings),
      API_TEST(test_stmt_files_and_read_only),
      API_TEST(test_notification_unknown_names),
      API_TEST(test_notification_known_names),
      API_TEST(test_notification_once),
      API_TEST(test_transactions),
      API_TEST(test_dump),
  };
#undef API_TEST
  return cmocka_run_group_tests_name("api", aTest, NULL, NULL);
}
