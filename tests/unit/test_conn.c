/*
** test_conn.c — connections (tg_connect): several threads, each with its
** own handle on one graph, read side by side and write one at a time.
** Writers add nodes in pairs inside explicit transactions and single
** nodes in autocommit statements; readers count all the while and must
** never see half a transaction; new labels appear (compiling adds names
** while others read); at the end every acknowledged write is there once.
** Also: a transaction holds writers off until lock_timeout, a reader's
** open result holds writers off until it ends, a closed connection rolls
** its transaction back, interrupts end a wait, and per-connection settings
** and errors stay with their connection; tg_clear_bindings and
** tg_schema_version, which the server's statement cache relies on; a
** transaction begun on one thread and committed on another (the HTTP
** API's requests) lets go of the lock.
*/
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tangle.h"

static int64_t connCount(tg_db *p, const char *zQuery) {
  tg_stmt *s = NULL;
  if (tg_prepare(p, zQuery, -1, &s, NULL) != TG_OK) return -1;
  int64_t n = tg_step(s) == TG_ROW ? tg_column_int(s, 0) : -1;
  tg_finalize(s);
  return n;
}

typedef struct Worker {
  tg_db *pConn;
  int iWorker;
  int nOps;
  int64_t nAcked;       /* nodes whose creation was acknowledged */
  int nOddSeen;         /* reads that saw half a transaction */
  int nErrors;
} Worker;

static void *writerMain(void *pArg) {
  Worker *w = pArg;
  char zQ[200];
  for (int i = 0; i < w->nOps; i++) {
    if (i % 2 == 0) {
      /* A transaction of two nodes. */
      snprintf(zQ, sizeof(zQ), "CREATE (:Pair {w: %d, i: %d})", w->iWorker, i);
      if (tg_begin(w->pConn) != TG_OK || tg_exec(w->pConn, zQ, NULL) != TG_OK ||
          tg_exec(w->pConn, zQ, NULL) != TG_OK || tg_commit(w->pConn) != TG_OK) {
        w->nErrors++;
        if (tg_in_transaction(w->pConn)) tg_rollback(w->pConn);
        continue;
      }
      w->nAcked += 2;
    } else {
      /* Two nodes in one autocommit statement, with a new label each time. */
      snprintf(zQ, sizeof(zQ), "CREATE (:Pair:L%d_%d {w: %d}), (:Pair {w: %d})", w->iWorker, i,
               w->iWorker, w->iWorker);
      if (tg_exec(w->pConn, zQ, NULL) != TG_OK) {
        w->nErrors++;
        continue;
      }
      w->nAcked += 2;
    }
  }
  return NULL;
}

static void *readerMain(void *pArg) {
  Worker *w = pArg;
  for (int i = 0; i < w->nOps; i++) {
    int64_t n = connCount(w->pConn, "MATCH (p:Pair) RETURN count(*)");
    if (n < 0) w->nErrors++;
    else if (n % 2) w->nOddSeen++;
    /* A name never seen before: compiling adds it while others read. */
    char zQ[100];
    snprintf(zQ, sizeof(zQ), "MATCH (n:Unseen%d_%d) RETURN count(n)", w->iWorker, i);
    if (connCount(w->pConn, zQ) != 0) w->nErrors++;
    if (connCount(w->pConn, "CALL db.labels() YIELD label RETURN count(label)") < 1) w->nErrors++;
  }
  return NULL;
}

static void testConcurrentReadersAndWriters(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_exec(pDb, "CREATE (:Seed)", NULL), TG_OK);
  enum { N_WRITER = 3, N_READER = 3 };
  Worker aW[N_WRITER + N_READER];
  pthread_t aT[N_WRITER + N_READER];
  memset(aW, 0, sizeof(aW));
  for (int i = 0; i < N_WRITER + N_READER; i++) {
    assert_int_equal(tg_connect(pDb, &aW[i].pConn), TG_OK);
    aW[i].iWorker = i;
    aW[i].nOps = i < N_WRITER ? 60 : 80;
  }
  for (int i = 0; i < N_WRITER + N_READER; i++) {
    pthread_create(&aT[i], NULL, i < N_WRITER ? writerMain : readerMain, &aW[i]);
  }
  int64_t nAcked = 0;
  for (int i = 0; i < N_WRITER + N_READER; i++) {
    pthread_join(aT[i], NULL);
    assert_int_equal(aW[i].nErrors, 0);
    assert_int_equal(aW[i].nOddSeen, 0);
    nAcked += aW[i].nAcked;
    tg_close(aW[i].pConn);
  }
  assert_int_equal(connCount(pDb, "MATCH (p:Pair) RETURN count(*)"), nAcked);
  assert_int_equal(nAcked, N_WRITER * 60 * 2);
  tg_close(pDb);
}

static void testTransactionHoldsWritersOff(void **state) {
  (void)state;
  tg_db *pDb, *a, *b;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_connect(pDb, &a), TG_OK);
  assert_int_equal(tg_connect(pDb, &b), TG_OK);
  assert_int_equal(tg_config_set(b, "lock_timeout", 100), TG_OK);
  assert_int_equal(tg_config_get(a, "lock_timeout"), 30000);
  assert_int_equal(tg_begin(a), TG_OK);
  assert_int_equal(tg_exec(a, "CREATE (:Pending)", NULL), TG_OK);
  /* b can neither write nor read until a ends: a waits at most 100 ms. */
  assert_int_equal(tg_exec(b, "CREATE (:Other)", NULL), TG_ERROR);
  assert_int_equal(tg_errcode(b), TG_ERR_LIMIT);
  assert_non_null(strstr(tg_errmsg(b), "lock_timeout"));
  assert_int_equal(connCount(b, "MATCH (n) RETURN count(n)"), -1);
  /* a's own error state is untouched by b's. */
  assert_int_equal(tg_errcode(a), 0);
  /* Closing a rolls its transaction back and frees the lock. */
  tg_close(a);
  assert_int_equal(connCount(b, "MATCH (n:Pending) RETURN count(n)"), 0);
  assert_int_equal(tg_exec(b, "CREATE (:Other)", NULL), TG_OK);
  tg_close(b);
  assert_int_equal(connCount(pDb, "MATCH (n) RETURN count(n)"), 1);
  tg_close(pDb);
}

/* Threads of testTransactionMovesBetweenThreads: each does one step. */
static void *beginMain(void *pArg) {
  tg_db *c = pArg;
  if (tg_begin(c) != TG_OK || tg_exec(c, "CREATE (:Moved)", NULL) != TG_OK) return c;
  return NULL;
}

static void *commitMain(void *pArg) {
  tg_db *c = pArg;
  return tg_commit(c) == TG_OK ? NULL : c;
}

static void testTransactionMovesBetweenThreads(void **state) {
  (void)state;
  tg_db *pDb, *a, *b;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_connect(pDb, &a), TG_OK);
  assert_int_equal(tg_connect(pDb, &b), TG_OK);
  assert_int_equal(tg_config_set(b, "lock_timeout", 2000), TG_OK);
  pthread_t t;
  void *pRet = NULL;
  assert_int_equal(pthread_create(&t, NULL, beginMain, a), 0);
  pthread_join(t, &pRet);
  assert_null(pRet);
  assert_int_equal(pthread_create(&t, NULL, commitMain, a), 0);
  pthread_join(t, &pRet);
  assert_null(pRet);
  /* Both a read and a write on another handle get the lock at once. */
  assert_int_equal(connCount(b, "MATCH (n:Moved) RETURN count(n)"), 1);
  assert_int_equal(tg_exec(b, "CREATE (:Other)", NULL), TG_OK);
  tg_close(a);
  tg_close(b);
  tg_close(pDb);
}

static void testOpenResultHoldsWritersOff(void **state) {
  (void)state;
  tg_db *pDb, *a, *b;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_exec(pDb, "UNWIND range(1, 10) AS i CREATE (:N {i: i})", NULL), TG_OK);
  assert_int_equal(tg_connect(pDb, &a), TG_OK);
  assert_int_equal(tg_connect(pDb, &b), TG_OK);
  assert_int_equal(tg_config_set(b, "lock_timeout", 50), TG_OK);
  tg_stmt *s;
  assert_int_equal(tg_prepare(a, "MATCH (n:N) RETURN n.i", -1, &s, NULL), TG_OK);
  assert_int_equal(tg_step(s), TG_ROW);
  /* Another reader is welcome; a writer waits. */
  assert_int_equal(connCount(b, "MATCH (n:N) RETURN count(n)"), 10);
  assert_int_equal(tg_exec(b, "MATCH (n:N) DETACH DELETE n", NULL), TG_ERROR);
  assert_int_equal(tg_errcode(b), TG_ERR_LIMIT);
  /* a itself cannot write while its own result is open. */
  assert_int_equal(tg_exec(a, "CREATE (:X)", NULL), TG_ERROR);
  int nRow = 1;
  while (tg_step(s) == TG_ROW) nRow++;
  assert_int_equal(nRow, 10);
  tg_finalize(s);
  assert_int_equal(tg_exec(b, "MATCH (n:N) DETACH DELETE n", NULL), TG_OK);
  tg_close(a);
  tg_close(b);
  tg_close(pDb);
}

typedef struct Interrupter {
  tg_db *p;
  int nDelayMs;
} Interrupter;

static void *interruptMain(void *pArg) {
  Interrupter *x = pArg;
  usleep((useconds_t)x->nDelayMs * 1000);
  tg_interrupt(x->p);
  return NULL;
}

static void testInterruptEndsAWait(void **state) {
  (void)state;
  tg_db *pDb, *a, *b;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_connect(pDb, &a), TG_OK);
  assert_int_equal(tg_connect(pDb, &b), TG_OK);
  assert_int_equal(tg_config_set(b, "lock_timeout", 0), TG_OK);   /* no limit: only the interrupt ends it */
  assert_int_equal(tg_begin(a), TG_OK);
  Interrupter x = {b, 100};
  pthread_t t;
  pthread_create(&t, NULL, interruptMain, &x);
  assert_int_equal(tg_exec(b, "CREATE (:Late)", NULL), TG_ERROR);
  assert_int_equal(tg_errcode(b), TG_ERR_INTERRUPT);
  pthread_join(t, NULL);
  assert_int_equal(tg_commit(a), TG_OK);
  assert_int_equal(tg_exec(b, "CREATE (:Late)", NULL), TG_OK);
  tg_close(a);
  tg_close(b);
  tg_close(pDb);
}

static void testSettingsAreTheConnections(void **state) {
  (void)state;
  tg_db *pDb, *a;
  assert_int_equal(tg_open(&pDb), TG_OK);
  assert_int_equal(tg_config_set(pDb, "timeout", 1234), TG_OK);
  assert_int_equal(tg_connect(pDb, &a), TG_OK);
  assert_int_equal(tg_config_get(a, "timeout"), 1234);
  assert_int_equal(tg_config_set(a, "read_only", 1), TG_OK);
  assert_int_equal(tg_config_set(a, "files", 0), TG_OK);
  assert_int_equal(tg_exec(a, "CREATE (:Nope)", NULL), TG_ERROR);
  assert_int_equal(tg_exec(pDb, "CREATE (:Yes)", NULL), TG_OK);
  assert_int_equal(tg_config_get(pDb, "files"), 1);
  /* Procedures are the database's. */
  assert_int_equal(connCount(a, "CALL db.labels() YIELD label RETURN count(*)"), 1);
  /* A connection of a connection is one more of the database's. */
  tg_db *b;
  assert_int_equal(tg_connect(a, &b), TG_OK);
  assert_int_equal(connCount(b, "MATCH (n:Yes) RETURN count(n)"), 1);
  tg_close(b);
  tg_close(a);
  tg_close(pDb);
}

/* What a cache of prepared statements relies on (server/bolt.c). */
static void testClearBindingsAndSchemaVersion(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  tg_stmt *s;
  assert_int_equal(tg_prepare(pDb, "RETURN $x AS x", -1, &s, NULL), TG_OK);
  assert_int_equal(tg_bind_int(s, "x", 7), TG_OK);
  assert_int_equal(tg_step(s), TG_ROW);
  assert_int_equal(tg_column_int(s, 0), 7);
  tg_reset(s);
  assert_int_equal(tg_step(s), TG_ROW);   /* reset keeps the binding */
  tg_reset(s);
  tg_clear_bindings(s);
  assert_int_equal(tg_step(s), TG_ERROR);
  assert_int_equal(tg_errcode(pDb), TG_ERR_PARAMETER);
  tg_finalize(s);
  uint64_t v0 = tg_schema_version(pDb);
  assert_int_equal(tg_exec(pDb, "CREATE (:P {id: 1})", NULL), TG_OK);
  assert_true(tg_schema_version(pDb) == v0);   /* data is not schema */
  assert_int_equal(tg_exec(pDb, "CREATE INDEX FOR (p:P) ON (p.id)", NULL), TG_OK);
  uint64_t v1 = tg_schema_version(pDb);
  assert_true(v1 != v0);
  assert_int_equal(tg_exec(pDb, "DROP INDEX index_P_id", NULL), TG_OK);
  assert_true(tg_schema_version(pDb) != v1);
  tg_close(pDb);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(testConcurrentReadersAndWriters),
      cmocka_unit_test(testTransactionHoldsWritersOff),
      cmocka_unit_test(testTransactionMovesBetweenThreads),
      cmocka_unit_test(testOpenResultHoldsWritersOff),
      cmocka_unit_test(testInterruptEndsAWait),
      cmocka_unit_test(testSettingsAreTheConnections),
      cmocka_unit_test(testClearBindingsAndSchemaVersion),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
