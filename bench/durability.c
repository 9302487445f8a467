/*
** durability.c — what keeping a database on disk costs (./build.sh bench
** durability; docs/performance.md, "Durability").
**
** Three measurements, every configuration in the same process and on the
** same disk (a scratch folder, --dir), timed runs interleaved so that a
** burst of load from elsewhere hits all configurations alike:
**
**   1. commits per second of a one-node autocommit transaction
**      (CREATE (:N {i: $i})) with sync "full" and "normal", next to
**      SQLite in WAL mode with synchronous=FULL and NORMAL doing a one-row
**      INSERT per transaction, and next to Tangle in memory;
**   2. throughput of a bulk of small explicit transactions (BEGIN, ten
**      CREATE statements of a node pair and a relationship, COMMIT) with
**      sync "normal" and "full", as a ratio of the same work in memory;
**   3. opening a large graph from its snapshot (tg_open_v2) against
**      importing it from CSV (tg_import) into memory and into a new
**      database (whose import ends by writing the snapshot), warm (files
**      in the page cache) and cold (the files dropped from the page cache
**      with posix_fadvise first), with the snapshot's size. The graph is
**      the CSV files given with --nodes/--relationships (the LSQB data
**      set, from bench/durability/run.sh) or, with no files, one of
**      LSQB SF0.1's size made by a deterministic generator.
**
** Each figure is the median of --runs timed runs. Figures go to stdout as
** tables; --summary FILE also writes them as "key value" lines for the
** script that adds the peers. Asserts nothing about speed; exits 1 only
** when something fails or a reopened graph has the wrong counts.
**
** "durability --evict PATH..." only drops the files under each PATH from
** the page cache (for the script's cold opens of the peers' databases).
*/
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tangle.h"

/* ---- Types ---------------------------------------------------------------- */

/* What the command line asked for. The spec arrays point into argv. */
typedef struct DurOpts DurOpts;
struct DurOpts {
  const char *zDir;          /* scratch folder, created and emptied here */
  const char *zSummary;      /* "key value" lines go here, or NULL */
  int nRuns;                 /* timed runs per configuration */
  double seconds;            /* length of one timed run of parts 1 and 2 */
  int nOpenRuns;             /* timed opens (and imports) in part 3 */
  int bNoOpen;               /* skip part 3 */
  char cDelimiter;           /* CSV field separator of the import */
  int nNode;                 /* node file specs */
  const char **azNode;
  int nRel;                  /* relationship file specs */
  const char **azRel;
};

/* A configuration of parts 1 and 2: who commits, and how. */
typedef struct DurConfig DurConfig;
struct DurConfig {
  const char *zName;         /* label in the tables and the summary */
  int eSystem;               /* DUR_TANGLE or DUR_SQLITE */
  const char *zSync;         /* Tangle "sync" / SQLite "synchronous", NULL: memory */
  double aRate[64];          /* the rate of each timed run */
};
#define DUR_TANGLE 0
#define DUR_SQLITE 1
#define DUR_MAX_RUNS 64

/* The graph that the generator writes when no CSV files are given:
** LSQB SF0.1's totals over four labels and six relationship types. */
#define DUR_GEN_NODES 432235
#define DUR_GEN_RELS 2080404
#define DUR_GEN_LABELS 4
#define DUR_GEN_TYPES 6

static FILE *durSummary;     /* the --summary file, or NULL */

/* ---- Helpers -------------------------------------------------------------- */

static double durNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int durCmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The median of n figures (sorts a copy, so a[] keeps its order). */
static double durMedian(const double *a, int n) {
  double aCopy[DUR_MAX_RUNS];
  memcpy(aCopy, a, sizeof(double) * (size_t)n);
  qsort(aCopy, (size_t)n, sizeof(double), durCmpDouble);
  return n % 2 ? aCopy[n / 2] : (aCopy[n / 2 - 1] + aCopy[n / 2]) / 2;
}

/* Reports a failed Tangle call and exits. */
static void durFailTangle(tg_db *pDb, const char *zWhat) {
  fprintf(stderr, "durability: %s failed: %s %s\n", zWhat, pDb ? tg_errkind(pDb) : "",
          pDb ? tg_errmsg(pDb) : "");
  exit(1);
}

static void durFailSqlite(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "durability: SQLite %s failed: %s\n", zWhat, sqlite3_errmsg(db));
  exit(1);
}

/* Writes one "key value" line to the summary file, when there is one. */
static void durNote(const char *zKey, double v) {
  if (durSummary) fprintf(durSummary, "%s %.10g\n", zKey, v);
}

/* nftw callback of durRemove: removes each entry, children first. */
static int durRemoveEntry(const char *zPath, const struct stat *pSt, int eType, struct FTW *pFtw) {
  (void)pSt;
  (void)eType;
  (void)pFtw;
  if (remove(zPath) != 0 && errno != ENOENT) {
    fprintf(stderr, "durability: cannot remove %s: %s\n", zPath, strerror(errno));
    exit(1);
  }
  return 0;
}

/* Removes the file or folder zPath and everything under it (no error
** when it does not exist). */
static void durRemove(const char *zPath) {
  struct stat st;
  if (lstat(zPath, &st) != 0) return;
  nftw(zPath, durRemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
}

/* nftw callback of durEvict: drops one regular file from the page cache
** (fdatasync first, as dirty pages cannot be dropped). */
static int durEvictEntry(const char *zPath, const struct stat *pSt, int eType, struct FTW *pFtw) {
  (void)pFtw;
  if (eType != FTW_F || !S_ISREG(pSt->st_mode)) return 0;
  int fd = open(zPath, O_RDONLY);
  if (fd < 0) return 0;
  fdatasync(fd);
  posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  close(fd);
  return 0;
}

/* Drops every file under zPath from the page cache, so that the next
** open reads them from the disk. */
static void durEvict(const char *zPath) {
  nftw(zPath, durEvictEntry, 16, FTW_PHYS);
}

/* nftw callback of durBytes: adds up regular file sizes. */
static int64_t durByteSum;
static int durBytesEntry(const char *zPath, const struct stat *pSt, int eType, struct FTW *pFtw) {
  (void)zPath;
  (void)pFtw;
  if (eType == FTW_F && S_ISREG(pSt->st_mode)) durByteSum += (int64_t)pSt->st_size;
  return 0;
}

/* Bytes of all regular files under zPath. */
static int64_t durBytes(const char *zPath) {
  durByteSum = 0;
  nftw(zPath, durBytesEntry, 16, FTW_PHYS);
  return durByteSum;
}

/* ---- Part 1 and 2: committing -------------------------------------------- */

/*
** One timed run of part 1 for Tangle: a new database at zPath (NULL: in
** memory) with sync zSync, one autocommit CREATE per commit for `seconds`.
** Returns commits per second. Closing (which checkpoints) is not timed.
*/
static double durTangleCommits(const char *zPath, const char *zSync, double seconds) {
  tg_db *pDb;
  if (zPath) durRemove(zPath);
  if (tg_open_v2(zPath, &pDb, TG_OPEN_CREATE) != TG_OK) durFailTangle(pDb, "tg_open_v2");
  if (zSync && tg_config_set_text(pDb, "sync", zSync) != TG_OK) durFailTangle(pDb, "sync");
  tg_stmt *pStmt;
  if (tg_prepare(pDb, "CREATE (:N {i: $i})", -1, &pStmt, NULL) != TG_OK) durFailTangle(pDb, "prepare");
  int64_t n = 0;
  double t0 = durNow(), t;
  do {
    tg_bind_int(pStmt, "i", n);
    if (tg_step(pStmt) != TG_DONE) durFailTangle(pDb, "CREATE");
    tg_reset(pStmt);
    n++;
  } while ((t = durNow() - t0) < seconds);
  tg_finalize(pStmt);
  if (tg_node_count(pDb) != n) {
    fprintf(stderr, "durability: %lld commits but %lld nodes\n", (long long)n,
            (long long)tg_node_count(pDb));
    exit(1);
  }
  tg_close(pDb);
  return (double)n / t;
}

/* Runs one SQL statement with no result, or exits. */
static void durSqliteExec(sqlite3 *db, const char *zSql) {
  char *zErr = NULL;
  if (sqlite3_exec(db, zSql, NULL, NULL, &zErr) != SQLITE_OK) {
    fprintf(stderr, "durability: SQLite \"%s\" failed: %s\n", zSql, zErr ? zErr : "");
    exit(1);
  }
}

/*
** One timed run of part 1 for SQLite: a new database file in zDir, WAL
** journal, synchronous=zSync, one INSERT of one row per (autocommit)
** transaction for `seconds`. Returns commits per second.
*/
static double durSqliteCommits(const char *zDir, const char *zSync, double seconds) {
  char zFile[4400], zSql[64];
  durRemove(zDir);
  if (mkdir(zDir, 0777) != 0) {
    fprintf(stderr, "durability: cannot create %s: %s\n", zDir, strerror(errno));
    exit(1);
  }
  snprintf(zFile, sizeof(zFile), "%s/bench.sqlite", zDir);
  sqlite3 *db;
  if (sqlite3_open(zFile, &db) != SQLITE_OK) durFailSqlite(db, "open");
  durSqliteExec(db, "PRAGMA journal_mode=WAL");
  snprintf(zSql, sizeof(zSql), "PRAGMA synchronous=%s", zSync);
  durSqliteExec(db, zSql);
  durSqliteExec(db, "CREATE TABLE n(i INTEGER)");
  sqlite3_stmt *pStmt;
  if (sqlite3_prepare_v2(db, "INSERT INTO n(i) VALUES(?1)", -1, &pStmt, NULL) != SQLITE_OK) {
    durFailSqlite(db, "prepare");
  }
  int64_t n = 0;
  double t0 = durNow(), t;
  do {
    sqlite3_bind_int64(pStmt, 1, n);
    if (sqlite3_step(pStmt) != SQLITE_DONE) durFailSqlite(db, "INSERT");
    sqlite3_reset(pStmt);
    n++;
  } while ((t = durNow() - t0) < seconds);
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  return (double)n / t;
}

/*
** One timed run of part 2: a new database at zPath (NULL: in memory) with
** sync zSync; transactions of ten statements, each creating two nodes and
** a relationship, for `seconds`. Returns transactions per second.
*/
static double durTangleBulk(const char *zPath, const char *zSync, double seconds) {
  tg_db *pDb;
  if (zPath) durRemove(zPath);
  if (tg_open_v2(zPath, &pDb, TG_OPEN_CREATE) != TG_OK) durFailTangle(pDb, "tg_open_v2");
  if (zSync && tg_config_set_text(pDb, "sync", zSync) != TG_OK) durFailTangle(pDb, "sync");
  tg_stmt *pStmt;
  if (tg_prepare(pDb, "CREATE (:N {i: $i, s: $s})-[:R {w: $i}]->(:M {i: $i})", -1, &pStmt, NULL) !=
      TG_OK) {
    durFailTangle(pDb, "prepare");
  }
  int64_t nTx = 0, i = 0;
  double t0 = durNow(), t;
  do {
    if (tg_begin(pDb) != TG_OK) durFailTangle(pDb, "tg_begin");
    for (int k = 0; k < 10; k++, i++) {
      char zS[32];
      int nS = snprintf(zS, sizeof(zS), "item-%lld", (long long)i);
      tg_bind_int(pStmt, "i", i);
      tg_bind_text(pStmt, "s", zS, nS);
      if (tg_step(pStmt) != TG_DONE) durFailTangle(pDb, "CREATE");
      tg_reset(pStmt);
    }
    if (tg_commit(pDb) != TG_OK) durFailTangle(pDb, "tg_commit");
    nTx++;
  } while ((t = durNow() - t0) < seconds);
  tg_finalize(pStmt);
  if (tg_node_count(pDb) != 2 * i || tg_relationship_count(pDb) != i) {
    fprintf(stderr, "durability: %lld statements but %lld nodes, %lld relationships\n", (long long)i,
            (long long)tg_node_count(pDb), (long long)tg_relationship_count(pDb));
    exit(1);
  }
  tg_close(pDb);
  return (double)nTx / t;
}

/* Part 1: the commit table. */
static void durPartCommits(const DurOpts *p) {
  DurConfig aCfg[] = {
      {"tangle-full", DUR_TANGLE, "full", {0}},   {"sqlite-full", DUR_SQLITE, "FULL", {0}},
      {"tangle-normal", DUR_TANGLE, "normal", {0}}, {"sqlite-normal", DUR_SQLITE, "NORMAL", {0}},
      {"tangle-memory", DUR_TANGLE, NULL, {0}},
  };
  int nCfg = (int)(sizeof(aCfg) / sizeof(aCfg[0]));
  char zTangle[4200], zSqlite[4200];
  snprintf(zTangle, sizeof(zTangle), "%s/commit.tangle", p->zDir);
  snprintf(zSqlite, sizeof(zSqlite), "%s/commit.sqlite", p->zDir);

  printf("\n1. Commits per second, one-node transaction (autocommit), %d runs of %.1f s each\n",
         p->nRuns, p->seconds);
  printf("   Tangle: CREATE (:N {i: $i}); SQLite %s, WAL: INSERT INTO n(i) VALUES(?)\n",
         sqlite3_libversion());
  for (int r = 0; r < p->nRuns; r++) {
    for (int c = 0; c < nCfg; c++) {
      DurConfig *pc = &aCfg[c];
      pc->aRate[r] = pc->eSystem == DUR_SQLITE ? durSqliteCommits(zSqlite, pc->zSync, p->seconds)
                                               : durTangleCommits(pc->zSync ? zTangle : NULL, pc->zSync,
                                                                  p->seconds);
    }
  }
  double aMed[8];
  for (int c = 0; c < nCfg; c++) {
    aMed[c] = durMedian(aCfg[c].aRate, p->nRuns);
    char zKey[64];
    snprintf(zKey, sizeof(zKey), "commits.%s", aCfg[c].zName);
    durNote(zKey, aMed[c]);
  }
  printf("\n   %-8s %16s %16s %14s   %s\n", "sync", "Tangle commit/s", "SQLite commit/s", "Tangle/SQLite",
         "Tangle runs (min..max)");
  for (int m = 0; m < 2; m++) {
    DurConfig *pt = &aCfg[2 * m];
    double lo = pt->aRate[0], hi = pt->aRate[0];
    for (int r = 1; r < p->nRuns; r++) {
      if (pt->aRate[r] < lo) lo = pt->aRate[r];
      if (pt->aRate[r] > hi) hi = pt->aRate[r];
    }
    printf("   %-8s %16.0f %16.0f %14.2f   %.0f..%.0f\n", pt->zSync, aMed[2 * m], aMed[2 * m + 1],
           aMed[2 * m] / aMed[2 * m + 1], lo, hi);
    durNote(m == 0 ? "commits.ratio-full" : "commits.ratio-normal", aMed[2 * m] / aMed[2 * m + 1]);
  }
  printf("   %-8s %16.0f %16s\n", "memory", aMed[4], "-");
  durRemove(zTangle);
  durRemove(zSqlite);
}

/* Part 2: the bulk table. */
static void durPartBulk(const DurOpts *p) {
  DurConfig aCfg[] = {
      {"memory", DUR_TANGLE, NULL, {0}},
      {"normal", DUR_TANGLE, "normal", {0}},
      {"full", DUR_TANGLE, "full", {0}},
  };
  char zPath[4200];
  snprintf(zPath, sizeof(zPath), "%s/bulk.tangle", p->zDir);
  printf("\n2. Small transactions in bulk: BEGIN; 10 x CREATE (:N {i, s})-[:R {w}]->(:M {i}); COMMIT\n");
  printf("   %d runs of %.1f s each\n", p->nRuns, p->seconds);
  for (int r = 0; r < p->nRuns; r++) {
    for (int c = 0; c < 3; c++) {
      aCfg[c].aRate[r] = durTangleBulk(aCfg[c].zSync ? zPath : NULL, aCfg[c].zSync, p->seconds);
    }
  }
  double mem = durMedian(aCfg[0].aRate, p->nRuns);
  printf("\n   %-8s %14s %16s %14s\n", "sync", "transactions/s", "statements/s", "of in-memory");
  for (int c = 0; c < 3; c++) {
    double v = durMedian(aCfg[c].aRate, p->nRuns);
    printf("   %-8s %14.0f %16.0f %14.2f\n", aCfg[c].zName, v, 10 * v, v / mem);
    char zKey[64];
    snprintf(zKey, sizeof(zKey), "bulk.%s", aCfg[c].zName);
    durNote(zKey, v);
    snprintf(zKey, sizeof(zKey), "bulk.ratio-%s", aCfg[c].zName);
    durNote(zKey, v / mem);
  }
  durRemove(zPath);
}

/* ---- Part 3: opening ------------------------------------------------------ */

/*
** Writes the generated graph's CSV files into zGenDir ('|'-separated,
** neo4j-admin headers) and points p's specs at them. The same seed gives
** the same files on every machine: nodes are spread round-robin over the
** labels, and each relationship joins two pseudo-random nodes (a 64-bit
** linear congruential generator), its type chosen by its index.
*/
static void durGenerate(DurOpts *p, const char *zGenDir) {
  static const char *azLabel[DUR_GEN_LABELS] = {"Person", "Post", "Comment", "Tag"};
  static const char *azType[DUR_GEN_TYPES] = {"knows", "likes", "hasCreator", "hasTag", "replyOf", "containerOf"};
  static char azNodeSpec[DUR_GEN_LABELS][4300], azRelSpec[DUR_GEN_TYPES][4300];
  static const char *apNode[DUR_GEN_LABELS], *apRel[DUR_GEN_TYPES];
  mkdir(zGenDir, 0777);
  for (int l = 0; l < DUR_GEN_LABELS; l++) {
    snprintf(azNodeSpec[l], sizeof(azNodeSpec[l]), "%s/%s.csv", zGenDir, azLabel[l]);
    FILE *f = fopen(azNodeSpec[l], "w");
    if (f == NULL) {
      fprintf(stderr, "durability: cannot write %s: %s\n", azNodeSpec[l], strerror(errno));
      exit(1);
    }
    fprintf(f, "id:ID(Node)|name\n");
    for (int64_t i = l; i < DUR_GEN_NODES; i += DUR_GEN_LABELS) {
      fprintf(f, "%lld|%s-%lld\n", (long long)i, azLabel[l], (long long)i);
    }
    fclose(f);
    apNode[l] = azNodeSpec[l];
  }
  FILE *aF[DUR_GEN_TYPES];
  for (int t = 0; t < DUR_GEN_TYPES; t++) {
    snprintf(azRelSpec[t], sizeof(azRelSpec[t]), "%s/%s.csv", zGenDir, azType[t]);
    aF[t] = fopen(azRelSpec[t], "w");
    if (aF[t] == NULL) {
      fprintf(stderr, "durability: cannot write %s: %s\n", azRelSpec[t], strerror(errno));
      exit(1);
    }
    fprintf(aF[t], ":START_ID(Node)|:END_ID(Node)\n");
    apRel[t] = azRelSpec[t];
  }
  uint64_t x = 0x2545F4914F6CDD1Dull;
  for (int64_t i = 0; i < DUR_GEN_RELS; i++) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t a = (x >> 33) % DUR_GEN_NODES;
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t b = (x >> 33) % DUR_GEN_NODES;
    fprintf(aF[i % DUR_GEN_TYPES], "%llu|%llu\n", (unsigned long long)a, (unsigned long long)b);
  }
  for (int t = 0; t < DUR_GEN_TYPES; t++) fclose(aF[t]);
  p->nNode = DUR_GEN_LABELS;
  p->azNode = apNode;
  p->nRel = DUR_GEN_TYPES;
  p->azRel = apRel;
  p->cDelimiter = '|';
}

/* Imports p's files into a new database at zPath (NULL: in memory) and
** closes it; returns the seconds from open to the end of tg_import (for a
** database on disk that includes writing its snapshot). */
static double durImport(const DurOpts *p, const char *zPath, int64_t *pnNode, int64_t *pnRel) {
  tg_db *pDb;
  if (zPath) durRemove(zPath);
  double t0 = durNow();
  if (tg_open_v2(zPath, &pDb, TG_OPEN_CREATE) != TG_OK) durFailTangle(pDb, "tg_open_v2");
  tg_import_opts opts;
  memset(&opts, 0, sizeof(opts));
  opts.cDelimiter = p->cDelimiter;
  opts.cArrayDelimiter = ';';
  tg_import_stats st;
  if (tg_import(pDb, p->nNode, p->azNode, p->nRel, p->azRel, &opts, &st) != TG_OK) {
    durFailTangle(pDb, "tg_import");
  }
  double t = durNow() - t0;
  *pnNode = st.nNodes;
  *pnRel = st.nRels;
  tg_close(pDb);
  return t;
}

/* Opens the database at zPath (after dropping its files from the page
** cache when bCold), checks its counts, closes it; returns the seconds
** tg_open_v2 took. */
static double durOpen(const char *zPath, int bCold, int64_t nNode, int64_t nRel) {
  if (bCold) durEvict(zPath);
  tg_db *pDb;
  double t0 = durNow();
  if (tg_open_v2(zPath, &pDb, 0) != TG_OK) durFailTangle(pDb, "tg_open_v2 of the snapshot");
  double t = durNow() - t0;
  if (tg_node_count(pDb) != nNode || tg_relationship_count(pDb) != nRel) {
    fprintf(stderr, "durability: reopened %s has %lld nodes, %lld relationships; imported %lld, %lld\n",
            zPath, (long long)tg_node_count(pDb), (long long)tg_relationship_count(pDb), (long long)nNode,
            (long long)nRel);
    exit(1);
  }
  tg_close(pDb);
  return t;
}

/* Part 3: the open table. */
static void durPartOpen(DurOpts *p) {
  char zGen[4200], zPath[4200], zSnap[4300], zWal[4300];
  int bGenerated = p->nNode + p->nRel == 0;
  if (bGenerated) {
    snprintf(zGen, sizeof(zGen), "%s/generated-csv", p->zDir);
    durGenerate(p, zGen);
  }
  snprintf(zPath, sizeof(zPath), "%s/open.tangle", p->zDir);
  int n = p->nOpenRuns;
  double aMem[DUR_MAX_RUNS], aDisk[DUR_MAX_RUNS], aWarm[DUR_MAX_RUNS], aCold[DUR_MAX_RUNS];
  int64_t nNode = 0, nRel = 0;
  for (int r = 0; r < n; r++) {
    aMem[r] = durImport(p, NULL, &nNode, &nRel);
    aDisk[r] = durImport(p, zPath, &nNode, &nRel);
  }
  for (int r = 0; r < n; r++) {
    aWarm[r] = durOpen(zPath, 0, nNode, nRel);
    aCold[r] = durOpen(zPath, 1, nNode, nRel);
  }
  snprintf(zSnap, sizeof(zSnap), "%s/snapshot", zPath);
  snprintf(zWal, sizeof(zWal), "%s/wal", zPath);
  struct stat st;
  double snapMB = stat(zSnap, &st) == 0 ? st.st_size / 1e6 : -1;
  double dirMB = durBytes(zPath) / 1e6;
  int64_t csvBytes = 0;
  for (int i = 0; i < p->nNode + p->nRel; i++) {
    const char *z = i < p->nNode ? p->azNode[i] : p->azRel[i - p->nNode];
    const char *zEq = strchr(z, '=');
    if (stat(zEq ? zEq + 1 : z, &st) == 0) csvBytes += st.st_size;
  }
  double mem = durMedian(aMem, n), disk = durMedian(aDisk, n);
  double warm = durMedian(aWarm, n), cold = durMedian(aCold, n);

  printf("\n3. Opening from the snapshot vs importing the CSV files: %s\n",
         bGenerated ? "generated graph of LSQB SF0.1's size" : "the given CSV files");
  printf("   %lld nodes, %lld relationships; %d runs each, medians\n\n", (long long)nNode, (long long)nRel, n);
  printf("   %-46s %10s %14s\n", "", "seconds", "of CSV import");
  printf("   %-46s %10.3f %14.2f\n", "import CSV into memory (tg_import)", mem, 1.0);
  printf("   %-46s %10.3f %14.2f\n", "import CSV into a new database (+ snapshot)", disk, disk / mem);
  printf("   %-46s %10.3f %14.2f\n", "open the snapshot, files in page cache", warm, warm / mem);
  printf("   %-46s %10.3f %14.2f\n", "open the snapshot, files dropped from cache", cold, cold / mem);
  printf("\n   on disk: snapshot %.1f MB, database folder %.1f MB; CSV files %.1f MB\n", snapMB, dirMB,
         csvBytes / 1e6);
  durNote("open.nodes", (double)nNode);
  durNote("open.rels", (double)nRel);
  durNote("open.import-memory", mem);
  durNote("open.import-disk", disk);
  durNote("open.warm", warm);
  durNote("open.cold", cold);
  durNote("open.snapshot-mb", snapMB);
  durNote("open.folder-mb", dirMB);
  durNote("open.csv-mb", csvBytes / 1e6);
  (void)zWal;
  if (bGenerated) durRemove(zGen);
}

/* ---- Main ----------------------------------------------------------------- */

static void durUsage(void) {
  fprintf(stderr,
          "usage: durability [--dir DIR] [--runs N] [--seconds S] [--open-runs N] [--no-open]\n"
          "                  [--summary FILE] [--delimiter C] [--nodes SPEC]... [--relationships SPEC]...\n"
          "       durability --evict PATH...\n");
  exit(2);
}

int main(int argc, char **argv) {
  DurOpts o;
  memset(&o, 0, sizeof(o));
  o.zDir = "build/durability";
  o.nRuns = 3;
  o.seconds = 1.0;
  o.nOpenRuns = 3;
  o.cDelimiter = ',';
  if (argc > 1 && strcmp(argv[1], "--evict") == 0) {
    for (int i = 2; i < argc; i++) durEvict(argv[i]);
    return 0;
  }
  const char **azNodeArg = calloc((size_t)argc, sizeof(char *));
  const char **azRelArg = calloc((size_t)argc, sizeof(char *));
  if (azNodeArg == NULL || azRelArg == NULL) abort();
  o.azNode = azNodeArg;   /* durGenerate may point these at its own files */
  o.azRel = azRelArg;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--no-open") == 0) {
      o.bNoOpen = 1;
      continue;
    }
    if (v == NULL) durUsage();
    i++;
    if (strcmp(a, "--dir") == 0) o.zDir = v;
    else if (strcmp(a, "--summary") == 0) o.zSummary = v;
    else if (strcmp(a, "--runs") == 0) o.nRuns = atoi(v);
    else if (strcmp(a, "--open-runs") == 0) o.nOpenRuns = atoi(v);
    else if (strcmp(a, "--seconds") == 0) o.seconds = atof(v);
    else if (strcmp(a, "--delimiter") == 0 && strlen(v) == 1) o.cDelimiter = v[0];
    else if (strcmp(a, "--nodes") == 0) azNodeArg[o.nNode++] = v;
    else if (strcmp(a, "--relationships") == 0) azRelArg[o.nRel++] = v;
    else durUsage();
  }
  if (o.nRuns < 1 || o.nRuns > DUR_MAX_RUNS || o.nOpenRuns < 1 || o.nOpenRuns > DUR_MAX_RUNS ||
      o.seconds <= 0) {
    durUsage();
  }
  mkdir(o.zDir, 0777);
  struct stat st;
  if (stat(o.zDir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    fprintf(stderr, "durability: cannot use %s as the scratch folder\n", o.zDir);
    return 1;
  }
  if (o.zSummary && (durSummary = fopen(o.zSummary, "w")) == NULL) {
    fprintf(stderr, "durability: cannot write %s: %s\n", o.zSummary, strerror(errno));
    return 1;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);   /* each line as it is known */
  char zReal[4096];
  printf("Durability benchmark: scratch folder %s\n", realpath(o.zDir, zReal) ? zReal : o.zDir);
  durPartCommits(&o);
  durPartBulk(&o);
  if (!o.bNoOpen) durPartOpen(&o);
  if (durSummary) fclose(durSummary);
  free(azNodeArg);
  free(azRelArg);
  return 0;
}
