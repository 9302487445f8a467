/*
** test_durable.c — databases on disk: what survives, what a damaged file
** does, and what a failing disk does.
**
** Each test makes a database in a fresh temporary directory. "Crashed"
** databases are made by a child process that commits and then _exits
** without closing, so the log is left as a crash leaves it (no closing
** checkpoint). States are compared by a canonical fingerprint
** (tests/tools/fingerprint.h) against the same statements run in memory.
**
** Torn and corrupt files: the log cut at every byte offset of its last
** records; bits flipped in the log and the snapshot; the log removed; a
** stale temporary snapshot. I/O faults (dbfile.h): short writes, EIO,
** ENOSPC and fsync failures at every write or fsync of a commit and of a
** checkpoint. Also the write lock, read-only opens, group commit and
** --recover.
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "../tools/fingerprint.h"
#include "base/crc32c.h"
#include "base/common.h"
#include "store/dbfile.h"
#include "store/wal.h"
#include "tangle.h"

static char zTestDir[256];   /* the test's temporary directory */
static char zDb[300];        /* its database */

static int durSetup(void **pState) {
  (void)pState;
  snprintf(zTestDir, sizeof(zTestDir), "/tmp/tangle-durable-XXXXXX");
  if (mkdtemp(zTestDir) == NULL) return -1;
  snprintf(zDb, sizeof(zDb), "%s/db", zTestDir);
  return 0;
}

static int durTeardown(void **pState) {
  (void)pState;
  dbfile_fault(DBFAULT_NONE, 0);
  char zCmd[400];
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zTestDir);
  return system(zCmd) == 0 ? 0 : -1;
}

/* The workload: one statement per log record. */
static const char *const azWork[] = {
    "CREATE (:P:Q {name: 'a', n: 1, f: 2.5, b: true, l: [1, 2], s: ['x', 'y'], d: date('2020-01-02'), "
    "dt: datetime('2020-01-02T03:04:05[Europe/Stockholm]'), du: duration('P1M2DT3S')})",
    "MATCH (p:P {name: 'a'}) CREATE (p)-[:R {w: 1}]->(:P {name: 'b'})",
    "MATCH (p:P {name: 'a'}) SET p.n = 2, p:Z REMOVE p:Q",
    "MATCH (p {name: 'b'}) DETACH DELETE p",
    "UNWIND range(1, 12) AS i CREATE (:Many {i: i, text: 'item ' + toString(i)})",
    "MATCH (m:Many) WHERE m.i % 3 = 0 SET m.third = true",
};
#define N_WORK ((int)(sizeof(azWork) / sizeof(azWork[0])))

static tg_db *durOpen(int flags) {
  tg_db *db = NULL;
  if (tg_open_v2(zDb, &db, flags) != TG_OK) fail_msg("open %s: %s", zDb, tg_errmsg(db));
  return db;
}

static void durExec(tg_db *db, const char *z) {
  if (tg_exec(db, z, NULL) != TG_OK) fail_msg("%s: %s", z, tg_errmsg(db));
}

/* Fingerprints of the states after 0..N_WORK statements, in memory. */
static char *azState[N_WORK + 1];
static void durStates(void) {
  if (azState[0]) return;
  tg_db *db;
  tg_open(&db);
  azState[0] = fingerprint(db);
  for (int i = 0; i < N_WORK; i++) {
    durExec(db, azWork[i]);
    azState[i + 1] = fingerprint(db);
  }
  tg_close(db);
}

/* Which state the database matches, or -1. */
static int durWhichState(tg_db *db) {
  durStates();
  char *z = fingerprint(db);
  int iState = -1;
  for (int i = 0; i <= N_WORK && iState < 0; i++) {
    if (strcmp(z, azState[i]) == 0) iState = i;
  }
  free(z);
  return iState;
}

/* Commits the first nCheckpoint statements and checkpoints, then the rest
** of the workload, then "crashes": the log holds the rest. */
static void durMakeCrashed(int nCheckpoint) {
  pid_t pid = fork();
  if (pid == 0) {
    tg_db *db = NULL;
    if (tg_open_v2(zDb, &db, TG_OPEN_CREATE) != TG_OK) _exit(2);
    for (int i = 0; i < N_WORK; i++) {
      if (tg_exec(db, azWork[i], NULL) != TG_OK) _exit(3);
      if (i + 1 == nCheckpoint && tg_checkpoint(db) != TG_OK) _exit(4);
    }
    _exit(0);
  }
  int status;
  waitpid(pid, &status, 0);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static char *durRead(const char *zPath, size_t *pn) {
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) fail_msg("cannot read %s", zPath);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *z = malloc((size_t)n + 1);
  if (n && fread(z, 1, (size_t)n, f) != (size_t)n) fail_msg("short read");
  fclose(f);
  *pn = (size_t)n;
  return z;
}

static void durWrite(const char *zPath, const char *z, size_t n) {
  FILE *f = fopen(zPath, "wb");
  if (f == NULL || (n && fwrite(z, 1, n, f) != n)) fail_msg("cannot write %s", zPath);
  fclose(f);
}

static void durFile(char *zOut, size_t nOut, const char *zName) { snprintf(zOut, nOut, "%s/%s", zDb, zName); }

/* Where the records of a log end: the log grows by zeros ahead of them
** (wal.c), and no record has sequence number 0. */
static size_t durLogEnd(const char *zLog, size_t n) {
  size_t i = WAL_HEADER;
  while (i + 16 <= n) {
    uint32_t nPayload;
    uint64_t iSeq;
    memcpy(&nPayload, zLog + i, 4);
    memcpy(&iSeq, zLog + i + 8, 8);
    if (iSeq == 0) break;
    i += (16 + nPayload + 7) & ~(size_t)7;
  }
  return i;
}

/* Checks that db holds the graph fingerprinted as zWant (which it frees)
** and passes db.checkIntegrity(). */
static void durExpect(tg_db *db, char *zWant) {
  char *zGot = fingerprint(db);
  assert_string_equal(zGot, zWant);
  assert_int_equal(fingerprintIntegrity(db), 0);
  free(zGot);
  free(zWant);
}

/* ---- Tests ---------------------------------------------------------------- */

static void test_crc32c_check_value(void **pState) {
  (void)pState;
  /* The check value of CRC-32C (RFC 3720, appendix B.4). */
  assert_int_equal(crc32c(0, "123456789", 9), 0xE3069283u);
  assert_int_equal(crc32c_portable(0, "123456789", 9), 0xE3069283u);
  char a[1000];
  for (int i = 0; i < 1000; i++) a[i] = (char)(i * 31 + 7);
  for (size_t n = 0; n < 1000; n += 37) assert_int_equal(crc32c(5, a + 1, n), crc32c_portable(5, a + 1, n));
  /* Extending in two pieces is the same as one. */
  assert_int_equal(crc32c(crc32c(0, a, 300), a + 300, 700), crc32c(0, a, 1000));
}

static void test_reopen_keeps_everything(void **pState) {
  (void)pState;
  tg_db *db = durOpen(TG_OPEN_CREATE);
  assert_int_equal(tg_db_created(db), 1);
  for (int i = 0; i < N_WORK; i++) durExec(db, azWork[i]);
  durExec(db, "CREATE CONSTRAINT FOR (p:P) REQUIRE p.name IS UNIQUE");
  durExec(db, "CREATE INDEX FOR (m:Many) ON (m.i)");
  tg_close(db);
  db = durOpen(0);
  assert_int_equal(tg_db_created(db), 0);
  assert_int_equal(durWhichState(db), N_WORK);
  assert_int_equal(fingerprintIntegrity(db), 0);
  /* The constraint came back and still holds. */
  assert_int_equal(tg_exec(db, "CREATE (:P {name: 'a'})", NULL), TG_ERROR);
  tg_close(db);
  db = durOpen(TG_OPEN_READONLY);
  assert_int_equal(durWhichState(db), N_WORK);
  assert_int_equal(tg_exec(db, "CREATE ()", NULL), TG_ERROR);
  tg_close(db);
}

static void test_crash_replays_the_log(void **pState) {
  (void)pState;
  durMakeCrashed(2);
  char zWal[400];
  durFile(zWal, sizeof(zWal), "wal");
  struct stat st;
  assert_int_equal(stat(zWal, &st), 0);
  assert_true(st.st_size > WAL_HEADER);   /* the crash left records in the log */
  tg_db *db = durOpen(0);
  assert_int_equal(durWhichState(db), N_WORK);
  assert_string_equal(tg_open_report(db), "");
  assert_int_equal(fingerprintIntegrity(db), 0);
  tg_close(db);
}

static void test_transaction_rollback_leaves_no_trace(void **pState) {
  (void)pState;
  tg_db *db = durOpen(TG_OPEN_CREATE);
  durExec(db, azWork[0]);
  durExec(db, "BEGIN");
  durExec(db, "CREATE (:Gone)");
  durExec(db, "MATCH (p:P) DELETE p");
  durExec(db, "ROLLBACK");
  tg_close(db);
  db = durOpen(0);
  assert_int_equal(durWhichState(db), 1);
  tg_close(db);
}

/* A graph opened from a snapshot keeps its relationship records and
** adjacency lists in the mapped file and its property lists in shared
** blocks: every kind of change to them, undone or kept, and reopened. */
static void test_changes_to_a_loaded_graph(void **pState) {
  (void)pState;
  static const char *const azMore[] = {
      "MATCH (m:Many) SET m.extra = 1, m.more = [1, 2], m.i = m.i * 10",
      "MATCH (m:Many) WHERE m.i > 50 REMOVE m.text",
      "BEGIN; MATCH (m:Many) REMOVE m.extra, m.more; MATCH (p:P) DETACH DELETE p; ROLLBACK",
      "MATCH (m:Many) WHERE m.i < 40 DETACH DELETE m",
      "MATCH (a:Many), (b:Many) WHERE a.i = 50 AND b.i > 50 CREATE (a)-[:NEXT {at: b.i}]->(b)",
      "MATCH ()-[r:NEXT]->() WHERE r.at % 20 = 0 DELETE r",
  };
  tg_db *db = durOpen(TG_OPEN_CREATE), *pModel;
  tg_open(&pModel);
  for (int i = 0; i < N_WORK; i++) {
    durExec(db, azWork[i]);
    durExec(pModel, azWork[i]);
  }
  tg_close(db);
  for (int i = 0; i < (int)(sizeof(azMore) / sizeof(azMore[0])); i++) {
    db = durOpen(0);   /* each change on a graph freshly loaded */
    char *zCopy = strdup(azMore[i]), *zSave = NULL;
    for (char *z = strtok_r(zCopy, ";", &zSave); z; z = strtok_r(NULL, ";", &zSave)) {
      durExec(db, z);
      durExec(pModel, z);
    }
    free(zCopy);
    char *zGot = fingerprint(db), *zWant = fingerprint(pModel);
    if (strcmp(zGot, zWant) != 0) fail_msg("after %s:\n%s\nnot\n%s", azMore[i], zGot, zWant);
    assert_int_equal(fingerprintIntegrity(db), 0);
    free(zGot);
    free(zWant);
    tg_close(db);
  }
  db = durOpen(TG_OPEN_READONLY);
  char *zGot = fingerprint(db), *zWant = fingerprint(pModel);
  assert_string_equal(zGot, zWant);
  free(zGot);
  free(zWant);
  tg_close(db);
  tg_close(pModel);
}

/* A snapshot with full chunks of relationships (65,536 and more): those
** are used where they lie in the mapped file and checked by a second
** thread. A bit flipped in one is caught; the graph loads whole. */
static void test_large_snapshot(void **pState) {
  (void)pState;
  tg_db *db = durOpen(TG_OPEN_CREATE);
  durExec(db, "UNWIND range(1, 70000) AS i CREATE (:A {i: i})-[:R {i: i}]->(:B)");
  durExec(db, "MATCH (a:A) WHERE a.i % 1000 = 0 MATCH (a)-[r:R]->() DELETE r");
  char *zWant = fingerprint(db);
  tg_close(db);
  db = durOpen(TG_OPEN_READONLY);
  assert_int_equal(tg_relationship_count(db), 70000 - 70);
  durExpect(db, zWant);
  tg_close(db);
  /* Writes to the mapped records copy them; the file is untouched. */
  db = durOpen(0);
  durExec(db, "MATCH ()-[r:R]->() WHERE r.i < 100 DELETE r");
  durExec(db, "MATCH (a:A {i: 5}), (b:B) WITH a, b LIMIT 3 CREATE (a)-[:S]->(b)");
  assert_int_equal(fingerprintIntegrity(db), 0);
  tg_close(db);
  db = durOpen(TG_OPEN_READONLY);
  assert_int_equal(tg_relationship_count(db), 70000 - 70 - 99 + 3);
  tg_close(db);
  /* A flipped bit in the first relationship chunk. */
  char zSnap[400];
  durFile(zSnap, sizeof(zSnap), "snapshot");
  size_t n;
  char *zData = durRead(zSnap, &n);
  char *zRel = memmem(zData, n, "\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x10\x00", 12);
  assert_non_null(zRel);   /* the header of RELS chunk 0: kind 4, chunk 0, 1 MiB */
  zRel[24 + 1000] ^= 0x01;
  durWrite(zSnap, zData, n);
  db = NULL;
  assert_int_equal(tg_open_v2(zDb, &db, TG_OPEN_READONLY), TG_ERROR);
  if (strstr(tg_errmsg(db), "relationships section (chunk 0) fails its checksum") == NULL) fail_msg("%s", tg_errmsg(db));
  tg_close(db);
  free(zData);
}

/* The log cut at every byte offset of its last three records, with and
** without zeros after the cut: the database opens, holds the records
** before the cut, and says what it cut. */
static void test_torn_log_every_offset(void **pState) {
  (void)pState;
  durMakeCrashed(1);
  char zWal[400], zSnap[400];
  durFile(zWal, sizeof(zWal), "wal");
  durFile(zSnap, sizeof(zSnap), "snapshot");
  size_t n, nSnap;
  char *zLog = durRead(zWal, &n), *zSnapData = durRead(zSnap, &nSnap);
  /* As left, with zeros after the records: whole and clean. */
  size_t nFile = n;
  n = durLogEnd(zLog, nFile);
  assert_true(nFile > n);
  tg_db *pWhole = durOpen(TG_OPEN_READONLY);
  assert_int_equal(durWhichState(pWhole), N_WORK);
  assert_string_equal(tg_open_report(pWhole), "");
  tg_close(pWhole);
  /* Where each record starts (length word, padded to 8 bytes). */
  size_t aStart[64], nRec = 0;
  for (size_t i = WAL_HEADER; i + 16 <= n && nRec < 64;) {
    uint32_t nPayload;
    memcpy(&nPayload, zLog + i, 4);
    aStart[nRec++] = i;
    i += (16 + nPayload + 7) & ~(size_t)7;
  }
  assert_int_equal(nRec, N_WORK - 1);
  int nCut = 0;
  /* Each cut twice: the file ending there, and zeros after it up to the
  ** file's old size (a write stopped inside the zeros the log grows by). */
  size_t nZeroed = n + 4096;   /* enough zeros to stand for the rest */
  char *zZeroed = calloc(1, nZeroed);
  for (size_t iTry = 2 * aStart[nRec - 3]; iTry <= 2 * n + 1; iTry++) {
    size_t iCut = iTry / 2;
    durWrite(zSnap, zSnapData, nSnap);
    if (iTry % 2) {
      memcpy(zZeroed, zLog, iCut);
      memset(zZeroed + iCut, 0, nZeroed - iCut);
      durWrite(zWal, zZeroed, nZeroed);
    } else {
      durWrite(zWal, zLog, iCut);
    }
    tg_db *db = durOpen(0);
    int iState = durWhichState(db);
    /* Whole records before the cut are kept, the rest is not. With zeros
    ** after the cut, a record whose cut bytes were zeros anyway (padding)
    ** is still whole. */
    int nWhole = 0;
    size_t iGood = WAL_HEADER;
    for (size_t k = 0; k < nRec; k++) {
      size_t iEnd = k + 1 < nRec ? aStart[k + 1] : n;
      bool bWhole = iEnd <= iCut;
      if (!bWhole && iTry % 2) {
        bWhole = true;
        for (size_t i = TG_MAX(iCut, aStart[k]); i < iEnd && bWhole; i++) bWhole = zLog[i] == 0;
      }
      if (!bWhole) break;
      nWhole++;
      iGood = iEnd;
    }
    if (iState != 1 + nWhole) fail_msg("cut at %zu of %zu: state %d, not %d", iCut, n, iState, 1 + nWhole);
    assert_int_equal(fingerprintIntegrity(db), 0);
    /* A report when something other than zeros follows the whole records. */
    bool bTail = false;
    for (size_t i = iGood; i < iCut && !bTail; i++) bTail = zLog[i] != 0;
    if (bTail) {
      assert_non_null(strstr(tg_open_report(db), "cut off"));
      nCut++;
    } else {
      assert_string_equal(tg_open_report(db), "");
    }
    tg_close(db);
  }
  print_message("# torn log: %d cuts inside records, each cut off and reported\n", nCut);
  free(zZeroed);
  free(zLog);
  free(zSnapData);
}

/* Bits flipped in the log: the open fails with an error naming the log,
** or gives a state the workload passed through; never a crash. */
static void test_log_bit_flips(void **pState) {
  (void)pState;
  durMakeCrashed(1);
  char zWal[400];
  durFile(zWal, sizeof(zWal), "wal");
  size_t n;
  char *zLog = durRead(zWal, &n);
  size_t nRecords = durLogEnd(zLog, n);
  uint64_t r = 12345;
  int nFailed = 0, nOpened = 0;
  for (int k = 0; k < 60; k++) {
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    size_t iByte = WAL_HEADER + (size_t)((r >> 33) % (nRecords - WAL_HEADER));
    char *zBad = malloc(n);
    memcpy(zBad, zLog, n);
    zBad[iByte] ^= (char)(1 << ((r >> 20) % 8));
    durWrite(zWal, zBad, n);
    free(zBad);
    tg_db *db = NULL;
    if (tg_open_v2(zDb, &db, 0) != TG_OK) {
      assert_non_null(strstr(tg_errmsg(db), "wal"));
      nFailed++;
    } else {
      int iState = durWhichState(db);
      assert_true(iState >= 1);
      assert_int_equal(fingerprintIntegrity(db), 0);
      nOpened++;
    }
    tg_close(db);
    durWrite(zWal, zLog, n);
    /* A successful open checkpointed: start again from the crashed files. */
    if (nOpened) {
      char zCmd[400];
      snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDb);
      assert_int_equal(system(zCmd), 0);
      durMakeCrashed(1);
      free(zLog);
      zLog = durRead(zWal, &n);
      nRecords = durLogEnd(zLog, n);
      nOpened = 0;
    }
  }
  assert_true(nFailed > 0);
  free(zLog);
}

/* Runs the workload (and zMore, when not NULL) in a new database, closes
** it, and returns its snapshot's bytes (*pn of them, malloc) and path. */
static char *durSnapshotOfWork(const char *zMore, char *zSnap, size_t nSnap, size_t *pn) {
  tg_db *db = durOpen(TG_OPEN_CREATE);
  for (int i = 0; i < N_WORK; i++) durExec(db, azWork[i]);
  if (zMore) durExec(db, zMore);
  tg_close(db);
  durFile(zSnap, nSnap, "snapshot");
  return durRead(zSnap, pn);
}

/* Bits flipped in the snapshot: a clear error, and --recover salvages. */
static void test_snapshot_bit_flips(void **pState) {
  (void)pState;
  char zSnap[400];
  size_t n;
  char *zData = durSnapshotOfWork(NULL, zSnap, sizeof(zSnap), &n);
  tg_db *db;
  uint64_t r = 99;
  for (int k = 0; k < 60; k++) {
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    size_t iByte = (size_t)((r >> 33) % n);
    char *zBad = malloc(n);
    memcpy(zBad, zData, n);
    zBad[iByte] ^= (char)(1 << ((r >> 20) % 8));
    durWrite(zSnap, zBad, n);
    free(zBad);
    db = NULL;
    if (tg_open_v2(zDb, &db, TG_OPEN_READONLY) != TG_OK) {
      assert_non_null(strstr(tg_errmsg(db), "snapshot"));
    } else {
      /* Only padding is outside the checksums. */
      assert_int_equal(durWhichState(db), N_WORK);
    }
    tg_close(db);
    char zTo[400], *zReport = NULL, *zErr = NULL;
    snprintf(zTo, sizeof(zTo), "%s/recovered-%d", zTestDir, k);
    if (tg_recover(zDb, zTo, &zReport, &zErr) == TG_OK) {
      tg_db *pRec = NULL;
      assert_int_equal(tg_open_v2(zTo, &pRec, 0), TG_OK);
      assert_int_equal(fingerprintIntegrity(pRec), 0);
      tg_close(pRec);
    } else {
      assert_non_null(zErr);
    }
    tg_free(zReport);
    tg_free(zErr);
  }
  durWrite(zSnap, zData, n);
  free(zData);
}

/* Each section of the snapshot dropped whole, the others intact and the
** file shortened to match: the open fails (the header counts the
** sections), whichever section it was. */
static void test_snapshot_section_dropped(void **pState) {
  (void)pState;
  char zSnap[400];
  size_t n;
  char *zData = durSnapshotOfWork("CREATE INDEX many_i FOR (m:Many) ON (m.i)", zSnap, sizeof(zSnap), &n);
  tg_db *db;
  int nDropped = 0;
  for (size_t iOfst = 64; iOfst + 24 <= n;) {   /* the file header, then sections */
    uint32_t kind;
    uint64_t nData;
    memcpy(&kind, zData + iOfst, 4);
    memcpy(&nData, zData + iOfst + 8, 8);
    size_t iNext = iOfst + 24 + (size_t)((nData + 7) & ~(uint64_t)7);
    assert_true(iNext <= n);
    if (iNext == n) break;   /* the end marker */
    char *zBad = malloc(n);
    memcpy(zBad, zData, iOfst);
    memcpy(zBad + iOfst, zData + iNext, n - iNext);
    durWrite(zSnap, zBad, n - (iNext - iOfst));
    free(zBad);
    db = NULL;
    assert_int_equal(tg_open_v2(zDb, &db, TG_OPEN_READONLY), TG_ERROR);
    assert_non_null(strstr(tg_errmsg(db), "snapshot"));
    tg_close(db);
    nDropped++;
    iOfst = iNext;
  }
  assert_true(nDropped >= 6);
  durWrite(zSnap, zData, n);
  free(zData);
  db = NULL;
  assert_int_equal(tg_open_v2(zDb, &db, TG_OPEN_READONLY), TG_OK);
  tg_close(db);
}

/* A transaction that creates and deletes millions of nodes, then keeps
** one: its log record names a slot 4.2 million past the graph's end. The
** replay after a crash used to call that damage (a fixed limit of 4 Mi
** slots) and refuse to open the database. */
static void test_replay_creation_far_past_the_end(void **pState) {
  (void)pState;
  pid_t pid = fork();
  if (pid == 0) {
    tg_db *db = NULL;
    if (tg_open_v2(zDb, &db, TG_OPEN_CREATE) != TG_OK) _exit(2);
    if (tg_exec(db, "CALL { UNWIND range(1, 4200000) AS i CREATE (n) WITH n DELETE n } "
                    "CREATE (:M {k: 1})", NULL) != TG_OK) {
      _exit(3);
    }
    _exit(0);   /* no checkpoint: the open replays the log */
  }
  int status;
  waitpid(pid, &status, 0);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  tg_db *db = NULL;
  assert_int_equal(tg_open_v2(zDb, &db, 0), TG_OK);
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(db, "MATCH (m) RETURN id(m), m.k", -1, &pStmt, NULL), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_int_equal(tg_column_int(pStmt, 0), 4200000);
  assert_int_equal(tg_column_int(pStmt, 1), 1);
  assert_int_equal(tg_step(pStmt), TG_DONE);
  tg_finalize(pStmt);
  tg_close(db);
}

static void test_missing_log_and_stale_temporary(void **pState) {
  (void)pState;
  durMakeCrashed(3);
  char zWal[400], zTmp[400];
  durFile(zTmp, sizeof(zTmp), "snapshot.tmp");
  durWrite(zTmp, "half a snapshot", 15);
  tg_db *db = durOpen(0);
  assert_int_equal(durWhichState(db), N_WORK);
  assert_non_null(strstr(tg_open_report(db), "snapshot.tmp"));
  tg_close(db);
  assert_int_equal(access(zTmp, F_OK), -1);
  /* Drop the log of a crashed database: refused, and --recover keeps the snapshot. */
  char zCmd[400];
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDb);
  assert_int_equal(system(zCmd), 0);
  durMakeCrashed(3);
  durFile(zWal, sizeof(zWal), "wal");
  assert_int_equal(unlink(zWal), 0);
  db = NULL;
  assert_int_equal(tg_open_v2(zDb, &db, 0), TG_ERROR);
  assert_non_null(strstr(tg_errmsg(db), "is missing"));
  tg_close(db);
  char zTo[400], *zReport = NULL, *zErr = NULL;
  snprintf(zTo, sizeof(zTo), "%s/recovered", zTestDir);
  assert_int_equal(tg_recover(zDb, zTo, &zReport, &zErr), TG_OK);
  assert_non_null(strstr(zReport, "missing log"));
  tg_free(zReport);
  tg_free(zErr);
  db = NULL;
  assert_int_equal(tg_open_v2(zTo, &db, 0), TG_OK);
  assert_int_equal(durWhichState(db), 3);
  tg_close(db);
}

/* Every write and fsync of a commit fails in turn, with each kind of
** fault: the commit reports an IOError, the graph is unchanged, the next
** commit works, and the reopened database holds exactly the commits that
** succeeded. */
static void test_io_faults_in_commits(void **pState) {
  (void)pState;
  static const DbFault aKind[] = {DBFAULT_SHORT_WRITE, DBFAULT_EIO, DBFAULT_ENOSPC, DBFAULT_FSYNC};
  tg_db *db = durOpen(TG_OPEN_CREATE);
  durExec(db, azWork[0]);
  int nCommit = 1, nInjected = 0;
  for (int k = 0; k < 4; k++) {
    for (int nth = 1; nth <= 3; nth++) {
      char *zBefore = fingerprint(db);
      dbfile_fault(aKind[k], nth);
      char zStmt[100];
      snprintf(zStmt, sizeof(zStmt), "CREATE (:Fault {k: %d, nth: %d})", k, nth);
      int rc = tg_exec(db, zStmt, NULL);
      bool bFired = dbfile_fault_count() >= nth;
      dbfile_fault(DBFAULT_NONE, 0);
      if (bFired) {
        nInjected++;
        assert_int_equal(rc, TG_ERROR);
        assert_int_equal(tg_errcode(db), TG_ERR_IO);
        char *zAfter = fingerprint(db);
        assert_string_equal(zAfter, zBefore);
        free(zAfter);
      } else {
        assert_int_equal(rc, TG_OK);
        nCommit++;
      }
      free(zBefore);
      snprintf(zStmt, sizeof(zStmt), "CREATE (:Ok {k: %d, nth: %d})", k, nth);
      durExec(db, zStmt);
    }
  }
  assert_true(nInjected >= 4);
  /* A checkpoint that fails leaves the log in use: nothing is lost. */
  char *zWant = fingerprint(db);
  for (int nth = 1; nth <= 2; nth++) {
    dbfile_fault(DBFAULT_ENOSPC, nth);
    int rc = tg_checkpoint(db);
    bool bFired = dbfile_fault_count() >= nth;
    dbfile_fault(DBFAULT_NONE, 0);
    if (bFired) assert_int_equal(rc, TG_ERROR);
  }
  /* Crash now: a child would lose nothing; here, close without the
  ** closing checkpoint by failing it too, then reopen. */
  dbfile_fault(DBFAULT_FSYNC, 1);
  tg_close(db);
  dbfile_fault(DBFAULT_NONE, 0);
  db = durOpen(0);
  durExpect(db, zWant);
  tg_close(db);
  (void)nCommit;
}

/* Failed fsyncs where no commit is waiting: each fsync of a checkpoint
** (the snapshot's, its folder's, the new log's and its folder's), and the
** once-a-second sync under NORMAL. Whatever fails, every commit that
** returned OK is there after reopening; later commits fail rather than
** go to a log that may be gone. */
static void test_fsync_faults_without_a_waiting_commit(void **pState) {
  (void)pState;
  for (int nth = 1; nth <= 6; nth++) {
    char zCmd[400];
    snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDb);
    assert_int_equal(system(zCmd), 0);
    tg_db *db = durOpen(TG_OPEN_CREATE);
    durExec(db, "CREATE (:K {i: 1})");
    int nKept = 1;
    dbfile_fault(DBFAULT_FSYNC, nth);
    tg_checkpoint(db);
    dbfile_fault(DBFAULT_NONE, 0);
    for (int i = 2; i <= 3; i++) {
      char z[64];
      snprintf(z, sizeof(z), "CREATE (:K {i: %d})", i);
      if (tg_exec(db, z, NULL) == TG_OK) nKept++;
      else assert_int_equal(tg_errcode(db), TG_ERR_IO);
    }
    dbfile_fault(DBFAULT_FSYNC, 1);   /* and the closing checkpoint fails too */
    tg_close(db);
    dbfile_fault(DBFAULT_NONE, 0);
    db = durOpen(0);
    if (tg_node_count(db) != nKept) fail_msg("fsync %d of a checkpoint failed: %lld nodes, %d acknowledged", nth, (long long)tg_node_count(db), nKept);
    tg_close(db);
  }
  char zCmd[400];
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDb);
  assert_int_equal(system(zCmd), 0);
  tg_db *db = durOpen(TG_OPEN_CREATE);
  assert_int_equal(tg_config_set_text(db, "sync", "normal"), TG_OK);
  durExec(db, "CREATE (:N {i: 1})");
  dbfile_fault(DBFAULT_FSYNC, 1);
  durExec(db, "CREATE (:N {i: 2})");
  usleep(1500 * 1000);   /* the once-a-second sync meets the fault */
  dbfile_fault(DBFAULT_NONE, 0);
  int rc = tg_exec(db, "CREATE (:N {i: 3})", NULL);
  int64_t nWant = rc == TG_OK ? 3 : 2;
  tg_close(db);
  db = durOpen(0);
  assert_int_equal(tg_node_count(db), nWant);
  tg_close(db);
}

/* A second writer is refused, naming the process; readers are not. */
static void test_write_lock(void **pState) {
  (void)pState;
  tg_db *db = durOpen(TG_OPEN_CREATE);
  durExec(db, azWork[0]);
  int aPipe[2];
  assert_int_equal(pipe(aPipe), 0);
  pid_t pid = fork();
  if (pid == 0) {
    tg_db *p = NULL;
    char c = 'x';
    if (tg_open_v2(zDb, &p, 0) == TG_OK) c = 'o';
    else if (strstr(tg_errmsg(p), "open for writing by process") && strstr(tg_errmsg(p), "--read-only")) c = 'r';
    tg_close(p);
    tg_db *pRead = NULL;
    if (c == 'r' && tg_open_v2(zDb, &pRead, TG_OPEN_READONLY) == TG_OK && tg_node_count(pRead) == 1) c = 'R';
    tg_close(pRead);
    if (write(aPipe[1], &c, 1) != 1) _exit(1);
    _exit(0);
  }
  char c = 0;
  assert_int_equal(read(aPipe[0], &c, 1), 1);
  waitpid(pid, NULL, 0);
  close(aPipe[0]);
  close(aPipe[1]);
  assert_int_equal(c, 'R');
  tg_close(db);
}

/* Readers open while a writer commits and checkpoints all the time: each
** open succeeds, is consistent, and sees no fewer commits than the last. */
static void test_readers_beside_a_writer(void **pState) {
  (void)pState;
  tg_db *db = durOpen(TG_OPEN_CREATE);
  tg_close(db);
  pid_t pid = fork();
  if (pid == 0) {
    tg_db *w = NULL;
    if (tg_open_v2(zDb, &w, 0) != TG_OK) _exit(2);
    tg_config_set(w, "checkpoint_size", 3000);
    for (int i = 0; i < 100000; i++) {
      char z[100];
      snprintf(z, sizeof(z), "CREATE (:W {i: %d, pad: 'some text to make the log grow'})", i);
      if (tg_exec(w, z, NULL) != TG_OK) _exit(3);
    }
    _exit(0);
  }
  int64_t nLast = 0;
  for (int k = 0; k < 40; k++) {
    tg_db *r = NULL;
    if (tg_open_v2(zDb, &r, TG_OPEN_READONLY) != TG_OK) {
      kill(pid, SIGKILL);
      fail_msg("read-only open %d beside a writer: %s", k, tg_errmsg(r));
    }
    int64_t n = tg_node_count(r);
    assert_true(n >= nLast);
    assert_int_equal(fingerprintIntegrity(r), 0);
    assert_string_equal(tg_open_report(r), "");
    nLast = n;
    tg_close(r);
    usleep(2000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  print_message("# readers beside a writer: 40 opens, the last saw %lld nodes\n", (long long)nLast);
  assert_true(nLast > 0);
}

/* Sync policies and the automatic checkpoint. */
static void test_sync_policies_and_auto_checkpoint(void **pState) {
  (void)pState;
  tg_db *db = durOpen(TG_OPEN_CREATE);
  assert_int_equal(tg_config_set_text(db, "sync", "sometimes"), TG_ERROR);
  assert_int_equal(tg_config_set_text(db, "sync", "normal"), TG_OK);
  assert_string_equal(tg_config_get_text(db, "sync"), "normal");
  assert_int_equal(tg_config_set(db, "checkpoint_size", 2000), TG_OK);
  for (int i = 0; i < 200; i++) durExec(db, "CREATE (:N {text: 'some text to fill the log'})");
  char zWal[400];
  durFile(zWal, sizeof(zWal), "wal");
  size_t nFile;
  char *zLog = durRead(zWal, &nFile);
  assert_true(durLogEnd(zLog, nFile) < 2000 + 200);   /* checkpointed as it passed 2,000 bytes */
  free(zLog);
  assert_int_equal(tg_config_set_text(db, "sync", "off"), TG_OK);
  durExec(db, "CREATE (:Last)");
  tg_close(db);
  db = durOpen(0);
  assert_int_equal(tg_node_count(db), 201);
  tg_close(db);
  tg_db *pMem;
  tg_open(&pMem);
  assert_int_equal(tg_config_set_text(pMem, "sync", "full"), TG_ERROR);
  assert_int_equal(tg_checkpoint(pMem), TG_ERROR);
  tg_close(pMem);
}

/* Group commit: threads appending under FULL share fsyncs, and every
** record is in the log afterwards. */
typedef struct GroupArg {
  Wal *w;
  int n;
} GroupArg;

static void *groupCommitter(void *p) {
  GroupArg *a = p;
  for (int i = 0; i < a->n; i++) {
    WalTicket t;
    char z[64];
    int k = snprintf(z, sizeof(z), "record %d", i);
    if (wal_append(a->w, z, (size_t)k, &t) != 0 || wal_commit_sync(a->w, &t) != 0) return p;
  }
  return NULL;
}

/* Group commit through failing fsyncs: each thread notes which of its
** records were reported committed. */
enum { CUT_THREADS = 6, CUT_EACH = 60 };
typedef struct CutArg {
  Wal *w;
  int iThread;
  bool abDone[CUT_EACH];
} CutArg;

static void *cutCommitter(void *p) {
  CutArg *a = p;
  for (int i = 0; i < CUT_EACH; i++) {
    WalTicket t;
    char z[64];
    int k = snprintf(z, sizeof(z), "t%d r%d", a->iThread, i);
    a->abDone[i] = wal_append(a->w, z, (size_t)k, &t) == 0 && wal_commit_sync(a->w, &t) == 0;
  }
  return NULL;
}

/* A failed fsync under FULL cuts off every record it covered, and every
** committer waiting on one of them is told so: none waits for ever (a
** waiter whose record was cut used to sync in a loop for a sequence
** number no record held), and none is told "done" because a later record
** took its cut record's number. The log afterwards holds exactly the
** records reported committed. */
static void test_group_commit_failed_fsync(void **pState) {
  (void)pState;
  char zWal[400];
  snprintf(zWal, sizeof(zWal), "%s/wal-cut", zTestDir);
  for (int round = 0; round < 4; round++) {
    assert_int_equal(wal_create(zWal, zTestDir, 1), 0);
    TgError err;
    error_clear(&err);
    Wal *w = wal_open(zWal, WAL_HEADER, 1, WAL_SYNC_FULL, &err);
    assert_non_null(w);
    dbfile_fault(DBFAULT_FSYNC, 3 + round * 7);
    static CutArg a[CUT_THREADS];
    pthread_t aThread[CUT_THREADS];
    for (int i = 0; i < CUT_THREADS; i++) {
      memset(&a[i], 0, sizeof(a[i]));
      a[i].w = w;
      a[i].iThread = i;
      pthread_create(&aThread[i], NULL, cutCommitter, &a[i]);
    }
    for (int i = 0; i < CUT_THREADS; i++) pthread_join(aThread[i], NULL);
    dbfile_fault(DBFAULT_NONE, 0);
    int nDone = 0;
    for (int i = 0; i < CUT_THREADS; i++) {
      for (int j = 0; j < CUT_EACH; j++) nDone += a[i].abDone[j];
    }
    assert_true(nDone < CUT_THREADS * CUT_EACH);   /* the fault cut something */
    wal_close(w);
    WalScan s;
    assert_true(wal_scan_open(&s, zWal, &err));
    const uint8_t *p;
    size_t n;
    uint64_t iSeq;
    int nRec = 0;
    while (wal_scan_next(&s, &p, &n, &iSeq)) {
      int iT = -1, iR = -1;
      char z[64];
      memcpy(z, p, n < sizeof(z) - 1 ? n : sizeof(z) - 1);
      z[n < sizeof(z) - 1 ? n : sizeof(z) - 1] = 0;
      assert_int_equal(sscanf(z, "t%d r%d", &iT, &iR), 2);
      assert_true(a[iT].abDone[iR]);   /* in the log only if reported committed */
      a[iT].abDone[iR] = false;        /* and only once */
      nRec++;
    }
    assert_int_equal(s.eEnd, WALEND_CLEAN);
    wal_scan_close(&s);
    assert_int_equal(nRec, nDone);     /* every reported commit is there */
  }
}

static void test_group_commit(void **pState) {
  (void)pState;
  char zWal[400];
  snprintf(zWal, sizeof(zWal), "%s/wal", zTestDir);
  assert_int_equal(wal_create(zWal, zTestDir, 1), 0);
  TgError err;
  error_clear(&err);
  Wal *w = wal_open(zWal, WAL_HEADER, 1, WAL_SYNC_FULL, &err);
  assert_non_null(w);
  enum { N_THREAD = 8, N_EACH = 50 };
  pthread_t aThread[N_THREAD];
  GroupArg a = {w, N_EACH};
  for (int i = 0; i < N_THREAD; i++) pthread_create(&aThread[i], NULL, groupCommitter, &a);
  for (int i = 0; i < N_THREAD; i++) {
    void *pRet;
    pthread_join(aThread[i], &pRet);
    assert_null(pRet);
  }
  int64_t nSync = wal_sync_count(w);
  assert_true(nSync <= N_THREAD * N_EACH);
  print_message("# group commit: %d commits, %lld fsyncs\n", N_THREAD * N_EACH, (long long)nSync);
  wal_close(w);
  WalScan s;
  assert_true(wal_scan_open(&s, zWal, &err));
  const uint8_t *p;
  size_t n;
  uint64_t iSeq;
  int nRec = 0;
  while (wal_scan_next(&s, &p, &n, &iSeq)) nRec++;
  assert_int_equal(s.eEnd, WALEND_CLEAN);
  wal_scan_close(&s);
  assert_int_equal(nRec, N_THREAD * N_EACH);
}

static void test_not_a_database(void **pState) {
  (void)pState;
  char zFile[400];
  snprintf(zFile, sizeof(zFile), "%s/file.cypher", zTestDir);
  durWrite(zFile, "RETURN 1;", 9);
  tg_db *db = NULL;
  assert_int_equal(tg_open_v2(zFile, &db, TG_OPEN_CREATE), TG_ERROR);
  assert_non_null(strstr(tg_errmsg(db), "is a file, not a Tangle database"));
  tg_close(db);
  db = NULL;
  assert_int_equal(tg_open_v2(zDb, &db, TG_OPEN_READONLY), TG_ERROR);   /* none there */
  tg_close(db);
  assert_int_equal(access(zDb, F_OK), -1);   /* read-only created nothing */
}

int main(void) {
#define DUR_TEST(X) cmocka_unit_test_setup_teardown(X, durSetup, durTeardown)
  const struct CMUnitTest aTest[] = {
      DUR_TEST(test_crc32c_check_value),
      DUR_TEST(test_reopen_keeps_everything),
      DUR_TEST(test_crash_replays_the_log),
      DUR_TEST(test_transaction_rollback_leaves_no_trace),
      DUR_TEST(test_changes_to_a_loaded_graph),
      DUR_TEST(test_large_snapshot),
      DUR_TEST(test_torn_log_every_offset),
      DUR_TEST(test_log_bit_flips),
      DUR_TEST(test_snapshot_bit_flips),
      DUR_TEST(test_snapshot_section_dropped),
      DUR_TEST(test_replay_creation_far_past_the_end),
      DUR_TEST(test_missing_log_and_stale_temporary),
      DUR_TEST(test_io_faults_in_commits),
      DUR_TEST(test_fsync_faults_without_a_waiting_commit),
      DUR_TEST(test_write_lock),
      DUR_TEST(test_readers_beside_a_writer),
      DUR_TEST(test_sync_policies_and_auto_checkpoint),
      DUR_TEST(test_group_commit),
      DUR_TEST(test_group_commit_failed_fsync),
      DUR_TEST(test_not_a_database),
  };
  int rc = cmocka_run_group_tests(aTest, NULL, NULL);
  for (int i = 0; i <= N_WORK; i++) free(azState[i]);
  return rc;
}
