/*
** tangle_lsqb.c — the Tangle side of the LSQB benchmark (bench/lsqb/run.sh).
**
** Imports the data set with the same flags as the `tangle` command
** (--nodes, --relationships, --delimiter ...; parsed by cli/import_cli.c),
** then runs each query of a query file once to warm up and N more times,
** timing each run. Runs in its own process so that its peak resident set
** (VmHWM) is Tangle's alone.
**
** Usage: tangle_lsqb [--runs N] [--threads N] [--explain]
**                    [--rows ROWS_FILE --rows-dir DIR [--row-runs N]]
**                    QUERY_FILE IMPORT_FLAGS...
**
** The query file holds statements ended by ';', each preceded by a comment
** line "// qN" naming it. ROWS_FILE (bench/lsqb/rows.cypher) is another
** such file, of queries that return rows: the rows of each one's warm-up
** run are written to DIR/NAME, one line each, cells joined by '|', null as
** "null", for run.sh to compare with DuckDB's; they get --row-runs timed
** runs (default: as many as --runs). Output, one fact per line,
** for run.sh to parse:
**   load SECONDS
**   rss-after-load KB
**   query NAME COUNT MS1 MS2 ... MSn
**   rss-counts KB          (peak so far, after the count queries)
**   rows NAME NROWS MS1 MS2 ... MSn
**   rss KB
** With --explain, each query's plan is printed first, under "plan NAME".
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import_cli.h"
#include "tangle.h"

/* One named query of the query file. */
typedef struct LsqbQuery {
  char zName[32];
  char *zText;
} LsqbQuery;

static double lsqbNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size of this process in kB (VmHWM). */
static long lsqbPeakRssKb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char zLine[256];
  long kb = 0;
  if (f == NULL) return 0;
  while (fgets(zLine, sizeof(zLine), f)) {
    if (strncmp(zLine, "VmHWM:", 6) == 0) kb = atol(zLine + 6);
  }
  fclose(f);
  return kb;
}

/* Reads the query file: "// name" lines name the statement that follows
** (up to the ';' that ends a line). Returns the count; *paQ is malloc'd. */
static int lsqbReadQueries(const char *zPath, LsqbQuery **paQ) {
  FILE *f = fopen(zPath, "r");
  if (f == NULL) {
    perror(zPath);
    exit(2);
  }
  LsqbQuery *aQ = NULL;
  int nQ = 0;
  char zLine[8192];
  char zName[32] = "";
  char *zAcc = NULL;
  size_t nAcc = 0;
  while (fgets(zLine, sizeof(zLine), f)) {
    char *z = zLine + strspn(zLine, " \t");
    if (strncmp(z, "//", 2) == 0) {
      if (sscanf(z + 2, " %31s", zName) != 1) zName[0] = 0;
      continue;
    }
    size_t n = strlen(z);
    while (n && (z[n - 1] == '\n' || z[n - 1] == '\r' || z[n - 1] == ' ')) z[--n] = 0;
    if (n == 0) continue;
    zAcc = realloc(zAcc, nAcc + n + 2);
    if (zAcc == NULL) abort();
    memcpy(zAcc + nAcc, z, n);
    nAcc += n;
    zAcc[nAcc++] = ' ';
    zAcc[nAcc] = 0;
    if (z[n - 1] == ';') {
      aQ = realloc(aQ, sizeof(LsqbQuery) * (size_t)(nQ + 1));
      if (aQ == NULL) abort();
      snprintf(aQ[nQ].zName, sizeof(aQ[nQ].zName), "%s", zName[0] ? zName : "q?");
      aQ[nQ].zText = zAcc;
      nQ++;
      zAcc = NULL;
      nAcc = 0;
      zName[0] = 0;
    }
  }
  free(zAcc);
  fclose(f);
  *paQ = aQ;
  return nQ;
}

/* Runs a query returning one integer (the count); -1 on error. */
static long long lsqbCount(tg_db *pDb, const char *zText) {
  tg_stmt *pStmt = NULL;
  if (tg_prepare(pDb, zText, -1, &pStmt, NULL) != TG_OK || pStmt == NULL) {
    fprintf(stderr, "%s: %s\n", tg_errkind(pDb), tg_errmsg(pDb));
    return -1;
  }
  long long n = -1;
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) n = (long long)tg_column_int(pStmt, 0);
  if (rc != TG_DONE) {
    fprintf(stderr, "%s: %s\n", tg_errkind(pDb), tg_errmsg(pDb));
    n = -1;
  }
  tg_finalize(pStmt);
  return n;
}

/* Runs a query and writes its rows to out (when not NULL); returns the
** number of rows, -1 on error. */
static long long lsqbRows(tg_db *pDb, const char *zText, FILE *out) {
  tg_stmt *pStmt = NULL;
  if (tg_prepare(pDb, zText, -1, &pStmt, NULL) != TG_OK || pStmt == NULL) {
    fprintf(stderr, "%s: %s\n", tg_errkind(pDb), tg_errmsg(pDb));
    return -1;
  }
  long long n = 0;
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) {
    n++;
    if (out == NULL) continue;
    int nCol = tg_column_count(pStmt);
    for (int i = 0; i < nCol; i++) {
      if (i) fputc('|', out);
      int t = tg_column_type(pStmt, i);
      if (t == TG_NULL) fputs("null", out);
      else if (t == TG_INT) fprintf(out, "%lld", (long long)tg_column_int(pStmt, i));
      else fputs(tg_column_text(pStmt, i), out);
    }
    fputc('\n', out);
  }
  if (rc != TG_DONE) {
    fprintf(stderr, "%s: %s\n", tg_errkind(pDb), tg_errmsg(pDb));
    n = -1;
  }
  tg_finalize(pStmt);
  return n;
}

/* Prints the plan of EXPLAIN zText. */
static void lsqbExplain(tg_db *pDb, const char *zName, const char *zText) {
  size_t n = strlen(zText) + 16;
  char *z = malloc(n);
  if (z == NULL) abort();
  snprintf(z, n, "EXPLAIN %s", zText);
  tg_stmt *pStmt = NULL;
  printf("plan %s\n", zName);
  if (tg_prepare(pDb, z, -1, &pStmt, NULL) == TG_OK && pStmt) {
    while (tg_step(pStmt) == TG_ROW) printf("  %s\n", tg_column_text(pStmt, 0));
    tg_finalize(pStmt);
  } else {
    printf("  (%s)\n", tg_errmsg(pDb));
  }
  free(z);
}

int main(int argc, char **argv) {
  int nRuns = 5;
  int nRowRuns = -1;
  int nThreads = 0;   /* the engine's default: one worker per core */
  bool bExplain = false;
  const char *zQueries = NULL;
  const char *zRows = NULL;
  const char *zRowsDir = NULL;
  ImportCli imp;
  memset(&imp, 0, sizeof(imp));
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      nRuns = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
      nThreads = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc) {
      zRows = argv[++i];
    } else if (strcmp(argv[i], "--row-runs") == 0 && i + 1 < argc) {
      nRowRuns = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--rows-dir") == 0 && i + 1 < argc) {
      zRowsDir = argv[++i];
    } else if (strcmp(argv[i], "--explain") == 0) {
      bExplain = true;
    } else {
      int r = import_cli_option(&imp, argc, argv, &i);
      if (r < 0) return 2;
      if (r == 0) {
        if (zQueries || argv[i][0] == '-') {
          fprintf(stderr, "tangle_lsqb: unexpected argument '%s'\n", argv[i]);
          return 2;
        }
        zQueries = argv[i];
      }
    }
  }
  if (zQueries == NULL || !import_cli_wanted(&imp) || (zRows != NULL) != (zRowsDir != NULL)) {
    fprintf(stderr, "usage: tangle_lsqb [--runs N] [--threads N] [--explain] [--rows FILE --rows-dir DIR] "
                    "QUERY_FILE --nodes ... --relationships ...\n");
    return 2;
  }
  LsqbQuery *aQ = NULL;
  int nQ = lsqbReadQueries(zQueries, &aQ);

  tg_db *pDb = NULL;
  tg_open(&pDb);
  tg_config_set(pDb, "threads", nThreads);
  double t0 = lsqbNow();
  if (import_cli_run(&imp, pDb) != 0) return 1;
  printf("load %.3f\n", lsqbNow() - t0);
  printf("rss-after-load %ld\n", lsqbPeakRssKb());
  fflush(stdout);

  for (int q = 0; q < nQ; q++) {
    if (bExplain) lsqbExplain(pDb, aQ[q].zName, aQ[q].zText);
    long long n = lsqbCount(pDb, aQ[q].zText);   /* warm-up */
    printf("query %s %lld", aQ[q].zName, n);
    for (int r = 0; r < nRuns && n >= 0; r++) {
      double t = lsqbNow();
      lsqbCount(pDb, aQ[q].zText);
      printf(" %.2f", (lsqbNow() - t) * 1e3);
    }
    printf("\n");
    fflush(stdout);
  }
  printf("rss-counts %ld\n", lsqbPeakRssKb());
  LsqbQuery *aR = NULL;
  int nR = zRows ? lsqbReadQueries(zRows, &aR) : 0;
  for (int q = 0; q < nR; q++) {
    char zPath[4096];
    snprintf(zPath, sizeof(zPath), "%s/%s", zRowsDir, aR[q].zName);
    FILE *out = fopen(zPath, "w");
    if (out == NULL) {
      perror(zPath);
      return 1;
    }
    long long n = lsqbRows(pDb, aR[q].zText, out);   /* warm-up, written */
    fclose(out);
    printf("rows %s %lld", aR[q].zName, n);
    for (int r = 0; r < (nRowRuns < 0 ? nRuns : nRowRuns) && n >= 0; r++) {
      double t = lsqbNow();
      lsqbRows(pDb, aR[q].zText, NULL);
      printf(" %.2f", (lsqbNow() - t) * 1e3);
    }
    printf("\n");
    fflush(stdout);
  }
  printf("rss %ld\n", lsqbPeakRssKb());
  for (int q = 0; q < nR; q++) free(aR[q].zText);
  free(aR);
  tg_close(pDb);
  for (int q = 0; q < nQ; q++) free(aQ[q].zText);
  free(aQ);
  import_cli_free(&imp);
  return 0;
}
