/*
** crashtest.c — kill -9 while committing, then check that nothing
** acknowledged was lost and nothing unacknowledged appeared.
**
**   crashtest [--kills N] [--seed S] [--dir D]
**
** Each round forks a child that opens the database (replaying whatever the
** last round left), runs a random write workload from where the last round
** stopped — single creates, sets, label changes, deletes, merges,
** multi-statement transactions, transactions rolled back and statements
** failing inside one — and after each transaction writes its number to a
** pipe. The parent kills it with SIGKILL after a random number of
** acknowledgements and a random pause, so the kill lands anywhere: inside
** a commit, an fsync, a checkpoint (the checkpoint size is tiny). The
** parent then opens the database itself and compares it with a model (the
** same workload run in memory): it must equal the model after the last
** acknowledged transaction, or after one more (killed between its fsync
** and its acknowledgement), and db.checkIntegrity() must be clean. Rounds
** alternate the sync policies full and normal (a process crash loses
** nothing under either). Prints TAP, one line per kill.
*/
#include <fcntl.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fingerprint.h"
#include "tangle.h"

/* splitmix64: the workload's choices depend only on (seed, step). */
static uint64_t crashRand(uint64_t *p) {
  uint64_t z = (*p += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Runs transaction number iStep of the workload on db. Failures that the
** workload provokes on purpose are part of it; others abort. */
static void crashStep(tg_db *db, uint64_t iSeed, int64_t iStep) {
  uint64_t r = iSeed * 1000003 + (uint64_t)iStep;
  uint64_t kind = crashRand(&r) % 10;
  long long k = (long long)(crashRand(&r) % (uint64_t)(iStep + 1));   /* an existing-or-not node */
  long long v = (long long)(crashRand(&r) % 1000);
  char z[1024];
  switch (kind) {
    case 0:
    case 1:
      snprintf(z, sizeof(z), "CREATE (:N {k: %lld, v: %lld, s: 'node %lld'})", (long long)iStep, v, v);
      break;
    case 2:
      snprintf(z, sizeof(z), "MATCH (n:N {k: %lld}) SET n.v = %lld, n.l = ['%lld', 'x'], n:Tagged", k, v, v);
      break;
    case 3:
      snprintf(z, sizeof(z), "MATCH (n:N {k: %lld}) REMOVE n:Tagged, n.s", k);
      break;
    case 4:
      snprintf(z, sizeof(z), "MATCH (n:N {k: %lld}) DETACH DELETE n", k);
      break;
    case 5:
      snprintf(z, sizeof(z),
               "MERGE (m:M {k: %lld}) ON CREATE SET m.hits = 1 ON MATCH SET m.hits = m.hits + 1", v % 20);
      break;
    case 6:
      snprintf(z, sizeof(z),
               "BEGIN; CREATE (:N {k: %lld, v: 1}); MATCH (a:N {k: %lld}), (b:N {k: %lld}) "
               "CREATE (a)-[:R {w: %lld}]->(b); MATCH (a:N {k: %lld}) SET a.d = date('2024-01-01'); COMMIT",
               (long long)iStep, k, (long long)iStep, v, k);
      break;
    case 7:
      snprintf(z, sizeof(z), "BEGIN; CREATE (:Gone {k: %lld}); MATCH (n:N {k: %lld}) DETACH DELETE n; ROLLBACK",
               (long long)iStep, k);
      break;
    case 8:
      /* A statement failing inside a transaction undoes only itself. */
      snprintf(z, sizeof(z),
               "BEGIN; CREATE (:N {k: %lld, v: 2}); MATCH (n:N {k: %lld}) SET n.bad = 1 / 0; "
               "MATCH ()-[r:R]->() WHERE r.w = %lld DELETE r; COMMIT",
               (long long)iStep, (long long)iStep, v);
      break;
    default:
      snprintf(z, sizeof(z), "MATCH (a:N {k: %lld}), (b:M) WITH a, b LIMIT 1 CREATE (a)-[:S {at: %lld}]->(b)", k, v);
      break;
  }
  /* Statement by statement, so the failing one does not stop the rest. */
  char *zCopy = strdup(z), *zSave = NULL;
  for (char *zStmt = strtok_r(zCopy, ";", &zSave); zStmt; zStmt = strtok_r(NULL, ";", &zSave)) {
    if (tg_exec(db, zStmt, NULL) != TG_OK && strstr(zStmt, "1 / 0") == NULL) {
      fprintf(stderr, "crashtest: step %lld: %s: %s\n", (long long)iStep, zStmt, tg_errmsg(db));
      abort();
    }
  }
  free(zCopy);
}

static tg_db *crashOpen(const char *zDir) {
  tg_db *db = NULL;
  if (tg_open_v2(zDir, &db, TG_OPEN_CREATE) != TG_OK) {
    fprintf(stderr, "crashtest: cannot open %s: %s\n", zDir, tg_errmsg(db));
    return NULL;
  }
  return db;
}

/* The child: run from step iFrom on, acknowledging each on fd. */
static void crashChild(const char *zDir, uint64_t iSeed, int64_t iFrom, int fd, const char *zSync) {
  tg_db *db = crashOpen(zDir);
  if (db == NULL) _exit(3);
  tg_config_set_text(db, "sync", zSync);
  tg_config_set(db, "checkpoint_size", 6000);
  for (int64_t i = iFrom;; i++) {
    crashStep(db, iSeed, i);
    if (write(fd, &i, sizeof(i)) != sizeof(i)) _exit(4);
  }
}

int main(int argc, char **argv) {
  int nKill = 50;
  uint64_t iSeed = 1;
  char zDir[256] = "";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--kills") == 0) nKill = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--seed") == 0) iSeed = strtoull(argv[i + 1], NULL, 10);
    else if (strcmp(argv[i], "--dir") == 0) snprintf(zDir, sizeof(zDir), "%s", argv[i + 1]);
  }
  char zTmp[] = "/tmp/tangle-crashtest-XXXXXX";
  if (zDir[0] == 0) {
    if (mkdtemp(zTmp) == NULL) return 1;
    snprintf(zDir, sizeof(zDir), "%s/db", zTmp);
  }
  signal(SIGPIPE, SIG_IGN);
  tg_db *pModel = NULL;
  tg_open_v2(NULL, &pModel, 0);
  int64_t iModel = 0;   /* steps applied to the model */
  uint64_t rKill = iSeed;
  int nFail = 0;
  int64_t nAckTotal = 0;
  for (int iRound = 1; iRound <= nKill; iRound++) {
    const char *zSync = iRound % 2 ? "full" : "normal";
    int aPipe[2];
    if (pipe(aPipe) != 0) return 1;
    pid_t pid = fork();
    if (pid == 0) {
      close(aPipe[0]);
      crashChild(zDir, iSeed, iModel, aPipe[1], zSync);
    }
    close(aPipe[1]);
    /* Let it acknowledge 0..40 transactions, then kill it 0..3 ms later. */
    int64_t nWant = (int64_t)(crashRand(&rKill) % 41), nAck = 0, iLast = iModel - 1, x;
    while (nAck < nWant && read(aPipe[0], &x, sizeof(x)) == sizeof(x)) {
      iLast = x;
      nAck++;
    }
    struct timespec ts = {0, (long)(crashRand(&rKill) % 3000) * 1000};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    while (read(aPipe[0], &x, sizeof(x)) == sizeof(x)) iLast = x;   /* acks already sent count */
    close(aPipe[0]);
    int status;
    waitpid(pid, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
      printf("not ok %d - round %d: the child ended by itself (status %d)\n", iRound, iRound, status);
      nFail++;
      break;
    }
    nAckTotal += iLast + 1 - iModel;
    /* The model catches up with every acknowledged transaction. */
    while (iModel <= iLast) crashStep(pModel, iSeed, iModel++);
    tg_db *db = crashOpen(zDir);
    if (db == NULL) {
      printf("not ok %d - round %d (sync %s): the database does not open after the kill\n", iRound, iRound, zSync);
      nFail++;
      break;
    }
    char *zGot = fingerprint(db), *zWant = fingerprint(pModel);
    bool bSame = strcmp(zGot, zWant) == 0;
    if (!bSame) {
      /* Killed after its commit was durable, before acknowledging it. */
      crashStep(pModel, iSeed, iModel);
      free(zWant);
      zWant = fingerprint(pModel);
      bSame = strcmp(zGot, zWant) == 0;
      if (bSame) iModel++;
      else nFail++;
    }
    int nProblem = fingerprintIntegrity(db);
    printf("%s %d - round %d (sync %s): %lld transactions acknowledged, database matches the model%s\n",
           bSame && nProblem == 0 ? "ok" : "not ok", iRound, iRound, zSync, (long long)iModel,
           nProblem ? " but db.checkIntegrity() reports problems" : "");
    if (nProblem) nFail++;
    free(zGot);
    free(zWant);
    tg_close(db);
    if (!bSame) break;
  }
  tg_close(pModel);
  printf("# crashtest: %d kill points, %lld transactions acknowledged in all, %d failed (seed %llu)\n", nKill,
         (long long)nAckTotal, nFail, (unsigned long long)iSeed);
  if (zTmp[0] && strcmp(zTmp, "/tmp/tangle-crashtest-XXXXXX") != 0 && nFail == 0) {
    char zCmd[600];
    snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zTmp);
    if (system(zCmd) != 0) return 1;
  }
  return nFail ? 1 : 0;
}
