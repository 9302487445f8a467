/*
** tck_main.c — the openCypher TCK runner: command line, the suite of
** feature files, one forked child per scenario, and the reports.
**
**   tck_runner --report [--failures] [--filter SUBSTRING] TCKDIR
**   tck_runner --write-passing FILE [--filter SUBSTRING] TCKDIR
**   tck_runner --ratchet FILE TCKDIR
**   tck_runner --list [--filter SUBSTRING] TCKDIR
** Common options: --jobs N (default: CPUs), --timeout SECONDS (default 20),
** --no-fork (run scenarios in this process, for a debugger).
**
** Every scenario runs in its own child (tck_scenario_run() on a fresh
** database), which writes "PASS\n" or "FAIL\t<reason>\n<report>" to a
** pipe and then calls exit(0), so that LeakSanitizer (sanitizer build)
** checks it and turns a leak into a non-zero exit status. The parent keeps
** only the scenario ids (TckScenRef); each child parses its own feature
** file again. That keeps the parent small, which matters because every
** child pays for the parent's heap twice: at fork, and when LeakSanitizer
** scans every live block at the child's exit. The child's
** stdout and stderr go to a second pipe and are kept for the report. The
** parent only schedules children, reads pipes, enforces the time limit
** (SIGKILL, counted as "timeout") and judges exit statuses: a crash, a
** non-zero exit or a leak fails the scenario even if its steps passed.
**
** Per-folder denominators come from TCKDIR/scenario-counts.tsv, as do
** the tiers. A scenario's id is "<path under features/> [n]" or, for an
** Examples row, "<path under features/> [n] #k".
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gherkin.h"
#include "tck_scenario.h"
#include "tck_util.h"

/* ======================================================================
** Types
** ==================================================================== */

/* What the parent remembers of one expanded scenario. */
typedef struct TckScenRef {
  char *zId;     /* stable id (in gTck.arena) */
  int bIgnore;   /* tagged @ignore */
} TckScenRef;

/* One feature file: its scenario ids and its row of scenario-counts.tsv. */
typedef struct TckFile {
  char *zRel;              /* path under features/, e.g. "clauses/match/Match4.feature" */
  char *zFolder;           /* its folder, e.g. "clauses/match" */
  int nCounted;            /* scenarios according to scenario-counts.tsv (-1: not listed) */
  int iTier;               /* tier from scenario-counts.tsv (0: unknown) */
  int nScen;               /* expanded scenarios found in the file */
  TckScenRef *aScen;       /* their ids, in file order (in gTck.arena) */
} TckFile;

/* Paths of feature files under features/ (each freed with tg_free()). */
typedef VEC(char *) TckNameVec;

/* A scenario chosen to run, and its verdict once it has run. */
typedef struct TckItem {
  const TckFile *pFile;  /* its file, or NULL for a ratchet id that does not exist */
  int iScen;             /* its index in the file's expanded scenarios */
  const char *zId;       /* the id (from aScen or the ratchet line) */
  int bPass;             /* verdict */
  char *zReason;         /* short cause of failure (tg_malloc'd) */
  char *zDetail;         /* report (tg_malloc'd) */
} TckItem;

/* A running child. fdOut/fdErr are -1 once they reached end of file. */
typedef struct TckJob {
  int bActive;       /* slot in use */
  TckItem *pItem;    /* the scenario it runs */
  pid_t pid;         /* the child */
  int fdOut;         /* result pipe (read end) */
  int fdErr;         /* child's stdout+stderr (read end) */
  StrBuf out;        /* bytes from fdOut */
  StrBuf err;        /* bytes from fdErr (the first nTckErrKeep) */
  double tDeadline;  /* monotonic seconds after which it is killed */
} TckJob;

/* Command-line options. */
typedef struct TckOptions {
  enum { TCK_MODE_NONE, TCK_MODE_REPORT, TCK_MODE_WRITE, TCK_MODE_RATCHET, TCK_MODE_LIST } eMode;
  const char *zModeFile;  /* FILE of --write-passing / --ratchet */
  const char *zTckDir;    /* TCKDIR */
  const char *zFilter;    /* --filter, or NULL */
  int bFailures;          /* --failures */
  int nJobs;              /* --jobs */
  double rTimeout;        /* --timeout, seconds */
  int bNoFork;            /* --no-fork */
} TckOptions;

/* The whole run. Global so that forked children (and LeakSanitizer in
** them) see the parent's data as reachable. */
static struct TckSuite {
  TckOptions opt;      /* options */
  Arena arena;         /* file names and scenario ids (few heap blocks: see tck_util.h) */
  VEC(TckFile) aFile;  /* feature files */
  VEC(TckItem) aItem;  /* scenarios selected to run */
  int nJob;            /* job slots (opt.nJobs) */
  TckJob *aJob;
} gTck;

/* Bytes of a child's stderr kept for the report. */
static const size_t nTckErrKeep = 8192;

/* Self-pipe written by the SIGCHLD handler, so that poll() wakes up as
** soon as a child exits: [0] read end, [1] write end, both non-blocking. */
static int aTckChildPipe[2] = {-1, -1};

/* ======================================================================
** Loading the suite
** ==================================================================== */

static int tckCmpStrPtr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends every *.feature under zDir (relative name zRel) to *paOut. */
static void tckFindFeatures(const char *zDir, const char *zRel, TckNameVec *paOut) {
  DIR *pDir = opendir(zDir);
  if (pDir == NULL) return;
  struct dirent *pEnt;
  while ((pEnt = readdir(pDir)) != NULL) {
    if (pEnt->d_name[0] == '.') continue;
    StrBuf full = {0}, rel = {0};
    strbuf_printf(&full, "%s/%s", zDir, pEnt->d_name);
    strbuf_printf(&rel, "%s%s%s", zRel, zRel[0] ? "/" : "", pEnt->d_name);
    struct stat st;
    if (stat(full.z, &st) == 0 && S_ISDIR(st.st_mode)) {
      tckFindFeatures(full.z, rel.z, paOut);
      strbuf_free(&rel);
    } else {
      size_t n = strlen(pEnt->d_name);
      if (n > 8 && strcmp(pEnt->d_name + n - 8, ".feature") == 0) {
        vec_push(paOut, strbuf_detach(&rel));
      } else {
        strbuf_free(&rel);
      }
    }
    strbuf_free(&full);
  }
  closedir(pDir);
}

/*
** Reads scenario-counts.tsv (columns: file, feature, scenarios,
** expect_error, side_effect_table, tier) into the matching TckFile rows.
** A listed file that does not exist gets a row with no feature.
*/
static void tckLoadCounts(void) {
  StrBuf path = {0};
  strbuf_printf(&path, "%s/scenario-counts.tsv", gTck.opt.zTckDir);
  char *zText = tck_read_file(path.z);
  if (zText == NULL) {
    fprintf(stderr, "tck_runner: cannot read %s: per-folder totals use the scenarios found\n", path.z);
    strbuf_free(&path);
    return;
  }
  strbuf_free(&path);
  char *zLine = zText;
  int bHeader = 1;
  while (zLine && *zLine) {
    char *zEol = strchr(zLine, '\n');
    if (zEol) *zEol = 0;
    char *azField[6] = {0};
    int nField = 0;
    for (char *z = zLine; nField < 6;) {
      azField[nField++] = z;
      char *zTab = strchr(z, '\t');
      if (zTab == NULL) break;
      *zTab = 0;
      z = zTab + 1;
    }
    if (!bHeader && nField == 6 && strncmp(azField[0], "features/", 9) == 0) {
      const char *zRel = azField[0] + 9;
      TckFile *pFile = NULL;
      for (uint32_t i = 0; i < gTck.aFile.n && pFile == NULL; i++) {
        if (strcmp(gTck.aFile.a[i].zRel, zRel) == 0) pFile = &gTck.aFile.a[i];
      }
      if (pFile == NULL) {
        fprintf(stderr, "tck_runner: %s is listed in scenario-counts.tsv but missing\n", zRel);
        vec_reserve(&gTck.aFile, gTck.aFile.n + 1);
        pFile = &gTck.aFile.a[gTck.aFile.n++];
        memset(pFile, 0, sizeof(*pFile));
        pFile->zRel = arena_strdup(&gTck.arena, zRel);
        const char *zSlash = strrchr(zRel, '/');
        pFile->zFolder = arena_strndup(&gTck.arena, zRel, zSlash ? (size_t)(zSlash - zRel) : 0);
      }
      pFile->nCounted = atoi(azField[2]);
      pFile->iTier = atoi(azField[5]);
    }
    bHeader = 0;
    zLine = zEol ? zEol + 1 : NULL;
  }
  tg_free(zText);
}

/*
** Reads and parses one feature file. Returns the feature (free it with
** gherkin_free()), or NULL after writing a message to *pzErr (free it
** with tg_free()).
*/
static GherkinFeature *tckLoadFeature(const char *zRel, char **pzErr) {
  StrBuf path = {0};
  strbuf_printf(&path, "%s/features/%s", gTck.opt.zTckDir, zRel);
  GherkinFeature *pFeat = NULL;
  char *zText = tck_read_file(path.z);
  if (zText == NULL) {
    StrBuf msg = {0};
    strbuf_printf(&msg, "cannot read %s: %s", path.z, strerror(errno));
    *pzErr = strbuf_detach(&msg);
  } else {
    pFeat = gherkin_parse(zRel, zText, pzErr);
  }
  tg_free(zText);
  strbuf_free(&path);
  return pFeat;
}

/*
** Finds and parses every feature file under TCKDIR/features, keeps the
** scenario ids and reads the counts. Returns 0 if a file fails to parse
** (the message is printed).
*/
static int tckLoadSuite(void) {
  StrBuf dir = {0};
  strbuf_printf(&dir, "%s/features", gTck.opt.zTckDir);
  TckNameVec aRel = {0};
  tckFindFeatures(dir.z, "", &aRel);
  if (aRel.n == 0) {
    fprintf(stderr, "tck_runner: no .feature files under %s\n", dir.z);
    strbuf_free(&dir);
    return 0;
  }
  if (aRel.n > 1) qsort(aRel.a, aRel.n, sizeof(char *), tckCmpStrPtr);
  int bOk = 1;
  for (uint32_t i = 0; i < aRel.n; i++) {
    vec_reserve(&gTck.aFile, gTck.aFile.n + 1);
    TckFile *pFile = &gTck.aFile.a[gTck.aFile.n++];
    memset(pFile, 0, sizeof(*pFile));
    pFile->zRel = arena_strdup(&gTck.arena, aRel.a[i]);
    const char *zSlash = strrchr(aRel.a[i], '/');
    pFile->zFolder = arena_strndup(&gTck.arena, aRel.a[i], zSlash ? (size_t)(zSlash - aRel.a[i]) : 0);
    pFile->nCounted = -1;
    char *zErr = NULL;
    GherkinFeature *pFeat = tckLoadFeature(aRel.a[i], &zErr);
    if (pFeat == NULL) {
      fprintf(stderr, "tck_runner: %s\n", zErr);
      tg_free(zErr);
      bOk = 0;
    } else {
      pFile->nScen = pFeat->nScenario;
      pFile->aScen = arena_zalloc(&gTck.arena, sizeof(TckScenRef) * (size_t)pFeat->nScenario);
      for (int k = 0; k < pFeat->nScenario; k++) {
        pFile->aScen[k].zId = arena_strdup(&gTck.arena, pFeat->aScenario[k].zId);
        pFile->aScen[k].bIgnore = pFeat->aScenario[k].bIgnore;
      }
      gherkin_free(pFeat);
    }
    tg_free(aRel.a[i]);
  }
  vec_free(&aRel);
  strbuf_free(&dir);
  tckLoadCounts();
  /* The reader's counts must agree with the reference counts. */
  for (uint32_t i = 0; i < gTck.aFile.n; i++) {
    const TckFile *pFile = &gTck.aFile.a[i];
    if (pFile->nCounted >= 0 && pFile->nCounted != pFile->nScen) {
      fprintf(stderr, "tck_runner: warning: %s has %d scenarios, scenario-counts.tsv says %d\n",
              pFile->zRel, pFile->nScen, pFile->nCounted);
    }
  }
  return bOk;
}

/* Adds a scenario to the run list (pFile NULL: an unknown ratchet id). */
static void tckAddItem(const TckFile *pFile, int iScen, const char *zId) {
  vec_reserve(&gTck.aItem, gTck.aItem.n + 1);
  TckItem *pItem = &gTck.aItem.a[gTck.aItem.n++];
  memset(pItem, 0, sizeof(*pItem));
  pItem->pFile = pFile;
  pItem->iScen = iScen;
  pItem->zId = zId;
}

/* Selects every scenario that is not @ignore and matches --filter. */
static void tckSelectAll(void) {
  for (uint32_t i = 0; i < gTck.aFile.n; i++) {
    const TckFile *pFile = &gTck.aFile.a[i];
    for (int k = 0; k < pFile->nScen; k++) {
      const TckScenRef *pRef = &pFile->aScen[k];
      if (pRef->bIgnore) continue;
      if (gTck.opt.zFilter && strstr(pRef->zId, gTck.opt.zFilter) == NULL) continue;
      tckAddItem(pFile, k, pRef->zId);
    }
  }
}

/*
** Selects the scenarios listed in a ratchet file (one id per line; blank
** lines and lines starting with '#' are skipped). Returns 0 if the file
** cannot be read. *pzText receives the file text, which the ids point into.
*/
static int tckSelectListed(const char *zPath, char **pzText) {
  char *zText = tck_read_file(zPath);
  *pzText = zText;
  if (zText == NULL) {
    fprintf(stderr, "tck_runner: cannot read %s: %s\n", zPath, strerror(errno));
    return 0;
  }
  for (char *zLine = zText; zLine && *zLine;) {
    char *zEol = strchr(zLine, '\n');
    if (zEol) *zEol = 0;
    size_t n = strlen(zLine);
    while (n > 0 && (zLine[n - 1] == '\r' || zLine[n - 1] == ' ' || zLine[n - 1] == '\t')) zLine[--n] = 0;
    if (n > 0 && zLine[0] != '#') {
      const TckFile *pFound = NULL;
      int iFound = -1;
      for (uint32_t i = 0; i < gTck.aFile.n && pFound == NULL; i++) {
        const TckFile *pFile = &gTck.aFile.a[i];
        /* Ids start with the file path: skip files that cannot hold it. */
        size_t nRel = strlen(pFile->zRel);
        if (strncmp(zLine, pFile->zRel, nRel) != 0 || zLine[nRel] != ' ') continue;
        for (int k = 0; k < pFile->nScen && pFound == NULL; k++) {
          if (strcmp(pFile->aScen[k].zId, zLine) == 0) {
            pFound = pFile;
            iFound = k;
          }
        }
      }
      tckAddItem(pFound, iFound, zLine);
    }
    zLine = zEol ? zEol + 1 : NULL;
  }
  return 1;
}

/* ======================================================================
** Running children
** ==================================================================== */

/* Monotonic time in seconds. */
static double tckNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Writes all of z to fd, retrying short writes. */
static void tckWriteAll(int fd, const char *z, size_t n) {
  while (n > 0) {
    ssize_t k = write(fd, z, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return;
    z += k;
    n -= (size_t)k;
  }
}

/* Encodes an outcome as the child's message: "PASS\n" or "FAIL\t<reason>\n<detail>". */
static void tckEncodeOutcome(const TckOutcome *pOut, StrBuf *pMsg) {
  if (pOut->bPass) {
    strbuf_puts(pMsg, "PASS\n");
    return;
  }
  /* The reason ends at the first newline: flatten any inside it. */
  size_t iStart = pMsg->n;
  strbuf_printf(pMsg, "FAIL\t%s", pOut->zReason ? pOut->zReason : "failed");
  for (size_t i = iStart; i < pMsg->n; i++) {
    if (pMsg->z[i] == '\n' || pMsg->z[i] == '\r') pMsg->z[i] = ' ';
  }
  strbuf_putc(pMsg, '\n');
  if (pOut->zDetail) strbuf_puts(pMsg, pOut->zDetail);
}

/*
** Runs pItem's scenario in this process: parses its feature file again,
** checks that the scenario still has the expected id, runs it and frees
** the feature. Fills *pOut (tck_outcome_clear() frees it).
*/
static void tckRunItem(const TckItem *pItem, TckOutcome *pOut) {
  char *zErr = NULL;
  GherkinFeature *pFeat = tckLoadFeature(pItem->pFile->zRel, &zErr);
  if (pFeat && pItem->iScen < pFeat->nScenario &&
      strcmp(pFeat->aScenario[pItem->iScen].zId, pItem->zId) == 0) {
    tck_scenario_run(&pFeat->aScenario[pItem->iScen], gTck.opt.zTckDir, pOut);
  } else {
    memset(pOut, 0, sizeof(*pOut));
    pOut->zReason = tck_strdup("feature file changed during the run");
    StrBuf b = {0};
    strbuf_printf(&b, "%s: cannot find the scenario again: %s\n", pItem->zId, zErr ? zErr : "id moved");
    pOut->zDetail = strbuf_detach(&b);
  }
  tg_free(zErr);
  gherkin_free(pFeat);
}

/*
** Body of a child: runs the scenario, writes the message to fdOut and
** exits with status 0 (LeakSanitizer may change that at exit).
*/
static void tckChild(TckItem *pItem, int fdOut) {
  signal(SIGPIPE, SIG_IGN);
  TckOutcome out;
  tckRunItem(pItem, &out);
  StrBuf msg = {0};
  tckEncodeOutcome(&out, &msg);
  tckWriteAll(fdOut, msg.z, msg.n);
  close(fdOut);
  strbuf_free(&msg);
  tck_outcome_clear(&out);
  exit(0);
}

/* SIGCHLD handler: wakes the scheduler's poll() through the self-pipe. */
static void tckOnChildExit(int iSig) {
  (void)iSig;
  int iSaved = errno;
  char c = 0;
  if (write(aTckChildPipe[1], &c, 1) < 0) { /* full pipe: a wake-up is pending anyway */
  }
  errno = iSaved;
}

/* Creates the self-pipe and installs the SIGCHLD handler. Returns 0 on failure. */
static int tckWatchChildren(void) {
  if (pipe(aTckChildPipe) != 0) return 0;
  for (int i = 0; i < 2; i++) {
    fcntl(aTckChildPipe[i], F_SETFL, fcntl(aTckChildPipe[i], F_GETFL) | O_NONBLOCK);
    fcntl(aTckChildPipe[i], F_SETFD, FD_CLOEXEC);
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = tckOnChildExit;
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigemptyset(&sa.sa_mask);
  return sigaction(SIGCHLD, &sa, NULL) == 0;
}

/* Restores SIGCHLD and closes the self-pipe. */
static void tckUnwatchChildren(void) {
  signal(SIGCHLD, SIG_DFL);
  for (int i = 0; i < 2; i++) {
    if (aTckChildPipe[i] >= 0) close(aTckChildPipe[i]);
    aTckChildPipe[i] = -1;
  }
}

/* Starts a child for pItem in job slot pJob. Returns 0 if fork fails. */
static int tckStartJob(TckJob *pJob, TckItem *pItem) {
  int aOut[2], aErr[2];
  if (pipe(aOut) != 0) return 0;
  if (pipe(aErr) != 0) {
    close(aOut[0]);
    close(aOut[1]);
    return 0;
  }
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(aOut[0]);
    close(aOut[1]);
    close(aErr[0]);
    close(aErr[1]);
    return 0;
  }
  if (pid == 0) {
    signal(SIGCHLD, SIG_DFL);
    close(aTckChildPipe[0]);
    close(aTckChildPipe[1]);
    /* The other children's pipes are not this child's business. */
    for (int i = 0; i < gTck.nJob; i++) {
      if (!gTck.aJob[i].bActive) continue;
      if (gTck.aJob[i].fdOut >= 0) close(gTck.aJob[i].fdOut);
      if (gTck.aJob[i].fdErr >= 0) close(gTck.aJob[i].fdErr);
    }
    close(aOut[0]);
    close(aErr[0]);
    int fdNull = open("/dev/null", O_RDONLY);
    if (fdNull >= 0) {
      dup2(fdNull, 0);
      close(fdNull);
    }
    dup2(aErr[1], 1);
    dup2(aErr[1], 2);
    close(aErr[1]);
    tckChild(pItem, aOut[1]);
  }
  close(aOut[1]);
  close(aErr[1]);
  memset(pJob, 0, sizeof(*pJob));
  pJob->bActive = 1;
  pJob->pItem = pItem;
  pJob->pid = pid;
  pJob->fdOut = aOut[0];
  pJob->fdErr = aErr[0];
  pJob->tDeadline = tckNow() + gTck.opt.rTimeout;
  return 1;
}

/* Reads what is available on one of a job's pipes; closes it at EOF. */
static void tckReadPipe(TckJob *pJob, int bErr) {
  int *pFd = bErr ? &pJob->fdErr : &pJob->fdOut;
  char aChunk[4096];
  ssize_t n = read(*pFd, aChunk, sizeof(aChunk));
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    close(*pFd);
    *pFd = -1;
    return;
  }
  StrBuf *pBuf = bErr ? &pJob->err : &pJob->out;
  if (!bErr || pBuf->n < nTckErrKeep) strbuf_append(pBuf, aChunk, (size_t)n);
}

/*
** Appends the scenario's title and query to a report, for children that
** died without saying anything (the feature is parsed again here).
*/
static void tckDescribeScenario(StrBuf *pBuf, const TckItem *pItem) {
  char *zErr = NULL;
  GherkinFeature *pFeat = tckLoadFeature(pItem->pFile->zRel, &zErr);
  tg_free(zErr);
  if (pFeat == NULL || pItem->iScen >= pFeat->nScenario) {
    gherkin_free(pFeat);
    return;
  }
  const GherkinScenario *pScen = &pFeat->aScenario[pItem->iScen];
  strbuf_printf(pBuf, "  Scenario: %s\n", pScen->zName);
  for (int i = 0; i < pScen->nStep; i++) {
    const GherkinStep *pStep = &pScen->aStep[i];
    if (strcmp(pStep->zText, "executing query:") != 0 || pStep->zDoc == NULL) continue;
    strbuf_puts(pBuf, "  Query:\n    ");
    for (const char *z = pStep->zDoc; *z; z++) {
      strbuf_putc(pBuf, *z);
      if (*z == '\n') strbuf_puts(pBuf, "    ");
    }
    strbuf_putc(pBuf, '\n');
    break;
  }
  gherkin_free(pFeat);
}

/*
** Turns a finished child's message and exit status into the verdict of
** its scenario, and frees the job. zForced ("timeout") overrides both.
*/
static void tckFinishJob(TckJob *pJob, int status, const char *zForced) {
  TckItem *pItem = pJob->pItem;
  const char *zMsg = pJob->out.z ? pJob->out.z : "";
  int bPass = 0;
  StrBuf reason = {0}, detail = {0};
  if (strncmp(zMsg, "PASS\n", 5) == 0) {
    bPass = 1;
  } else if (strncmp(zMsg, "FAIL\t", 5) == 0) {
    const char *zEol = strchr(zMsg, '\n');
    size_t n = zEol ? (size_t)(zEol - zMsg - 5) : strlen(zMsg + 5);
    strbuf_append(&reason, zMsg + 5, n);
    strbuf_puts(&detail, zEol ? zEol + 1 : "");
  }
  /* Judge the exit status. */
  const char *zStatus = NULL;
  char aStatus[64];
  if (zForced) {
    zStatus = zForced;
  } else if (WIFSIGNALED(status)) {
    snprintf(aStatus, sizeof(aStatus), "crash (signal %d, %s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    zStatus = aStatus;
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    const char *zErr = pJob->err.z ? pJob->err.z : "";
    if (strstr(zErr, "LeakSanitizer")) {
      zStatus = "leak";
    } else if (strstr(zErr, "AddressSanitizer") || strstr(zErr, "runtime error")) {
      zStatus = "sanitizer error";
    } else {
      snprintf(aStatus, sizeof(aStatus), "exit status %d", WEXITSTATUS(status));
      zStatus = aStatus;
    }
  } else if (!bPass && reason.n == 0) {
    zStatus = "no result from child";
  }
  if (zStatus) {
    if (reason.n == 0) {
      /* The child said nothing: name the scenario and its query here. */
      strbuf_printf(&detail, "%s: %s\n", pItem->zId, zStatus);
      tckDescribeScenario(&detail, pItem);
    }
    if (reason.n) strbuf_puts(&reason, "; ");
    strbuf_puts(&reason, zStatus);
    bPass = 0;
  }
  if (!bPass && pJob->err.n > 0) {
    strbuf_puts(&detail, "  Child output:\n");
    strbuf_append(&detail, pJob->err.z, pJob->err.n < nTckErrKeep ? pJob->err.n : nTckErrKeep);
    if (pJob->err.n >= nTckErrKeep) strbuf_puts(&detail, "\n  ... (truncated)");
    strbuf_putc(&detail, '\n');
  }
  pItem->bPass = bPass;
  if (!bPass) {
    pItem->zReason = strbuf_detach(&reason);
    pItem->zDetail = strbuf_detach(&detail);
  }
  strbuf_free(&reason);
  strbuf_free(&detail);
  if (pJob->fdOut >= 0) close(pJob->fdOut);
  if (pJob->fdErr >= 0) close(pJob->fdErr);
  strbuf_free(&pJob->out);
  strbuf_free(&pJob->err);
  memset(pJob, 0, sizeof(*pJob));
}

/* Runs one scenario in this process (--no-fork). */
static void tckRunInProcess(TckItem *pItem) {
  TckOutcome out;
  tckRunItem(pItem, &out);
  pItem->bPass = out.bPass;
  if (!out.bPass) {
    pItem->zReason = out.zReason;
    pItem->zDetail = out.zDetail;
    out.zReason = out.zDetail = NULL;
  }
  tck_outcome_clear(&out);
}

/* Shows "[done/total]" on stderr while running, when stderr is a terminal. */
static void tckProgress(int nDone) {
  static int bTty = -1;
  if (bTty < 0) bTty = isatty(2);
  if (!bTty) return;
  int nFail = 0;
  for (uint32_t i = 0; i < gTck.aItem.n; i++) nFail += gTck.aItem.a[i].zReason != NULL;
  fprintf(stderr, "\r[%d/%d] %d failed", nDone, (int)gTck.aItem.n, nFail);
  if (nDone == (int)gTck.aItem.n) fprintf(stderr, "\n");
}

/*
** Runs every selected scenario, up to opt.nJobs children at a time, and
** fills in the verdicts. Items without a scenario (unknown ratchet ids)
** fail with "not found".
*/
static void tckRunAll(void) {
  gTck.nJob = gTck.opt.nJobs;
  gTck.aJob = tg_calloc((size_t)gTck.nJob, sizeof(TckJob));
  struct pollfd *aPoll = tg_calloc((size_t)gTck.nJob * 2 + 1, sizeof(struct pollfd));
  if (!gTck.opt.bNoFork && !tckWatchChildren()) {
    fprintf(stderr, "tck_runner: cannot watch children: %s\n", strerror(errno));
  }
  int iNext = 0, nActive = 0;
  for (;;) {
    /* Start children while there are free slots. */
    while (nActive < gTck.nJob && iNext < (int)gTck.aItem.n) {
      TckItem *pItem = &gTck.aItem.a[iNext++];
      if (pItem->pFile == NULL) {
        pItem->zReason = tck_strdup("not found");
        pItem->zDetail = tck_strdup("");
        continue;
      }
      if (gTck.opt.bNoFork) {
        tckRunInProcess(pItem);
        continue;
      }
      TckJob *pJob = NULL;
      for (int i = 0; i < gTck.nJob && pJob == NULL; i++) {
        if (!gTck.aJob[i].bActive) pJob = &gTck.aJob[i];
      }
      if (!tckStartJob(pJob, pItem)) {
        pItem->zReason = tck_strdup("fork failed");
        pItem->zDetail = tck_strdup(strerror(errno));
        continue;
      }
      nActive++;
    }
    if (nActive == 0) break;

    /* Wait for output, an exit or a deadline. */
    int nPoll = 0, bReaping = 0;
    double tNow = tckNow(), tFirst = tNow + 1.0;
    if (aTckChildPipe[0] >= 0) aPoll[nPoll++] = (struct pollfd){.fd = aTckChildPipe[0], .events = POLLIN};
    for (int i = 0; i < gTck.nJob; i++) {
      TckJob *pJob = &gTck.aJob[i];
      if (!pJob->bActive) continue;
      if (pJob->fdOut >= 0) aPoll[nPoll++] = (struct pollfd){.fd = pJob->fdOut, .events = POLLIN};
      if (pJob->fdErr >= 0) aPoll[nPoll++] = (struct pollfd){.fd = pJob->fdErr, .events = POLLIN};
      if (pJob->fdOut < 0 && pJob->fdErr < 0) bReaping = 1;
      if (pJob->tDeadline < tFirst) tFirst = pJob->tDeadline;
    }
    /* A child that has closed its pipes is about to exit: SIGCHLD will
    ** wake us, and the short timeout is only a safety net. */
    int msWait = bReaping ? 50 : (int)((tFirst - tNow) * 1000) + 1;
    if (msWait < 0) msWait = 0;
    poll(aPoll, (nfds_t)nPoll, msWait);
    if (aTckChildPipe[0] >= 0) {
      char aDrain[64];
      while (read(aTckChildPipe[0], aDrain, sizeof(aDrain)) > 0) {
      }
    }

    for (int i = 0; i < gTck.nJob; i++) {
      TckJob *pJob = &gTck.aJob[i];
      if (!pJob->bActive) continue;
      for (int k = 0; k < nPoll; k++) {
        if (aPoll[k].revents == 0) continue;
        if (aPoll[k].fd == pJob->fdOut) tckReadPipe(pJob, 0);
        else if (aPoll[k].fd == pJob->fdErr) tckReadPipe(pJob, 1);
      }
      int status = 0;
      if (pJob->fdOut < 0 && pJob->fdErr < 0 && waitpid(pJob->pid, &status, WNOHANG) == pJob->pid) {
        tckFinishJob(pJob, status, NULL);
        nActive--;
        tckProgress(iNext - nActive);
      } else if (tckNow() > pJob->tDeadline) {
        kill(pJob->pid, SIGKILL);
        waitpid(pJob->pid, &status, 0);
        char aWhy[48];
        snprintf(aWhy, sizeof(aWhy), "timeout (%g s)", gTck.opt.rTimeout);
        tckFinishJob(pJob, status, aWhy);
        nActive--;
        tckProgress(iNext - nActive);
      }
    }
  }
  tckUnwatchChildren();
  tg_free(aPoll);
  tg_free(gTck.aJob);
  gTck.aJob = NULL;
  gTck.nJob = 0;
}

/* ======================================================================
** Reports
** ==================================================================== */

/*
** Prints "TCK <folder>: P/T passed" per folder (in file order), then the
** tiers and the total. Without --filter T comes from scenario-counts.tsv
** (falling back to the scenarios found for unlisted files), less the
** @ignore scenarios; with --filter it is the number of scenarios selected.
*/
static void tckPrintSummary(void) {
  int bFiltered = gTck.opt.zFilter != NULL;
  long anTierPass[4] = {0}, anTierTotal[4] = {0};
  long nPassAll = 0, nTotalAll = 0;
  for (uint32_t i = 0; i < gTck.aFile.n; i++) {
    const char *zFolder = gTck.aFile.a[i].zFolder;
    int bSeen = 0;
    for (uint32_t j = 0; j < i && !bSeen; j++) bSeen = strcmp(gTck.aFile.a[j].zFolder, zFolder) == 0;
    if (bSeen) continue;
    long nPass = 0, nTotal = 0, nSelected = 0;
    for (uint32_t j = i; j < gTck.aFile.n; j++) {
      const TckFile *pFile = &gTck.aFile.a[j];
      if (strcmp(pFile->zFolder, zFolder) != 0) continue;
      long nFilePass = 0, nFileSel = 0;
      for (uint32_t k = 0; k < gTck.aItem.n; k++) {
        if (gTck.aItem.a[k].pFile != pFile) continue;
        nFileSel++;
        nFilePass += gTck.aItem.a[k].bPass;
      }
      /* T counts every scenario but the @ignore ones (the TCK's README). */
      long nIgnored = 0;
      for (int k = 0; k < pFile->nScen; k++) nIgnored += pFile->aScen[k].bIgnore;
      long nFileTotal = bFiltered ? nFileSel
                        : pFile->nCounted >= 0 ? pFile->nCounted - nIgnored
                        : pFile->nScen - nIgnored;
      int iTier = pFile->iTier >= 1 && pFile->iTier <= 3 ? pFile->iTier : 0;
      anTierPass[iTier] += nFilePass;
      anTierTotal[iTier] += nFileTotal;
      nPass += nFilePass;
      nTotal += nFileTotal;
      nSelected += nFileSel;
    }
    nPassAll += nPass;
    nTotalAll += nTotal;
    if (bFiltered && nSelected == 0) continue;
    printf("TCK %s: %ld/%ld passed\n", zFolder, nPass, nTotal);
  }
  for (int t = 1; t <= 3; t++) printf("TCK tier%d: %ld/%ld passed\n", t, anTierPass[t], anTierTotal[t]);
  printf("TCK total: %ld/%ld passed\n", nPassAll, nTotalAll);
}

/* Prints the report of every failed scenario (--failures). */
static void tckPrintFailures(void) {
  for (uint32_t i = 0; i < gTck.aItem.n; i++) {
    const TckItem *pItem = &gTck.aItem.a[i];
    if (pItem->bPass) continue;
    printf("FAIL %s\n", pItem->zDetail && pItem->zDetail[0] ? pItem->zDetail : pItem->zId);
    printf("\n");
  }
}

/* Writes the sorted ids of the passing scenarios to zPath. Returns 0 on error. */
static int tckWritePassing(const char *zPath) {
  const char **azId = tg_calloc((size_t)gTck.aItem.n + 1, sizeof(char *));
  int n = 0;
  for (uint32_t i = 0; i < gTck.aItem.n; i++) {
    if (gTck.aItem.a[i].bPass) azId[n++] = gTck.aItem.a[i].zId;
  }
  if (n > 1) qsort(azId, (size_t)n, sizeof(char *), tckCmpStrPtr);
  FILE *f = fopen(zPath, "w");
  if (f == NULL) {
    fprintf(stderr, "tck_runner: cannot write %s: %s\n", zPath, strerror(errno));
    tg_free(azId);
    return 0;
  }
  fprintf(f,
          "# openCypher TCK scenarios that pass; ./build.sh test checks each one with\n"
          "#   tck_runner --ratchet tests/tck/passing.txt ../shared/tck\n"
          "# Regenerate after engine changes (optimized build) with\n"
          "#   make -s BUILD=rel tests && build/rel/tests/tck_runner --write-passing "
          "tests/tck/passing.txt ../shared/tck\n"
          "# %d scenarios, one id per line: <file under features/> [n] #<Examples row>\n",
          n);
  for (int i = 0; i < n; i++) fprintf(f, "%s\n", azId[i]);
  int bOk = fclose(f) == 0;
  tg_free(azId);
  return bOk;
}

/* Prints the TAP lines and summary of a ratchet run. Returns the failures. */
static int tckPrintRatchet(const char *zFile) {
  int nFail = 0;
  printf("1..%d\n", (int)gTck.aItem.n);
  for (uint32_t i = 0; i < gTck.aItem.n; i++) {
    const TckItem *pItem = &gTck.aItem.a[i];
    if (pItem->bPass) {
      printf("ok - %s\n", pItem->zId);
    } else {
      printf("not ok - %s (%s)\n", pItem->zId, pItem->zReason ? pItem->zReason : "failed");
      nFail++;
    }
  }
  int nItem = (int)gTck.aItem.n;
  printf("# tck ratchet %s: %d/%d passed, %d failed\n", zFile, nItem - nFail, nItem, nFail);
  return nFail;
}

/* ======================================================================
** Main
** ==================================================================== */

static void tckUsage(void) {
  fprintf(stderr,
          "usage: tck_runner --report [--failures] [--filter SUBSTRING] TCKDIR\n"
          "       tck_runner --write-passing FILE [--filter SUBSTRING] TCKDIR\n"
          "       tck_runner --ratchet FILE TCKDIR\n"
          "       tck_runner --list [--filter SUBSTRING] TCKDIR\n"
          "options: --jobs N (default: CPUs)  --timeout SECONDS (default 20)  --no-fork\n");
}

/* Parses argv into gTck.opt. Returns 0 on a usage error. Options may
** come before or after TCKDIR. */
static int tckParseArgs(int argc, char **argv) {
  TckOptions *o = &gTck.opt;
  long nCpu = sysconf(_SC_NPROCESSORS_ONLN);
  o->nJobs = nCpu > 0 ? (int)nCpu : 2;
  o->rTimeout = 20.0;
  for (int i = 1; i < argc; i++) {
    const char *z = argv[i];
    const char *zNext = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(z, "--report") == 0) {
      o->eMode = TCK_MODE_REPORT;
    } else if (strcmp(z, "--list") == 0) {
      o->eMode = TCK_MODE_LIST;
    } else if (strcmp(z, "--failures") == 0) {
      o->bFailures = 1;
    } else if (strcmp(z, "--no-fork") == 0) {
      o->bNoFork = 1;
    } else if ((strcmp(z, "--write-passing") == 0 || strcmp(z, "--ratchet") == 0) && zNext) {
      o->eMode = z[2] == 'w' ? TCK_MODE_WRITE : TCK_MODE_RATCHET;
      o->zModeFile = zNext;
      i++;
    } else if (strcmp(z, "--filter") == 0 && zNext) {
      o->zFilter = zNext;
      i++;
    } else if (strcmp(z, "--jobs") == 0 && zNext) {
      o->nJobs = atoi(zNext);
      i++;
      if (o->nJobs < 1) return 0;
    } else if (strcmp(z, "--timeout") == 0 && zNext) {
      o->rTimeout = atof(zNext);
      i++;
      if (o->rTimeout <= 0) return 0;
    } else if (z[0] == '-' || o->zTckDir) {
      return 0;
    } else {
      o->zTckDir = z;
    }
  }
  return o->eMode != TCK_MODE_NONE && o->zTckDir != NULL;
}

/* Frees the suite. */
static void tckFreeSuite(void) {
  for (uint32_t i = 0; i < gTck.aItem.n; i++) {
    tg_free(gTck.aItem.a[i].zReason);
    tg_free(gTck.aItem.a[i].zDetail);
  }
  vec_free(&gTck.aItem);
  vec_free(&gTck.aFile);
  arena_free(&gTck.arena);
  memset(&gTck, 0, sizeof(gTck));
}

/*
** Loads the suite, selects the scenarios the mode asks for, runs them
** and reports. Exit status: 0 on success (for --ratchet: every listed
** scenario passed), 1 on failures, 2 on usage or loading errors.
*/
int main(int argc, char **argv) {
  if (!tckParseArgs(argc, argv)) {
    tckUsage();
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  int bLoaded = tckLoadSuite();
  char *zListText = NULL;
  int rc = 0;
  if (!bLoaded && gTck.opt.eMode != TCK_MODE_RATCHET) {
    rc = 2;
  } else if (gTck.opt.eMode == TCK_MODE_RATCHET) {
    if (!tckSelectListed(gTck.opt.zModeFile, &zListText)) {
      rc = 2;
    } else {
      tckRunAll();
      rc = tckPrintRatchet(gTck.opt.zModeFile) == 0 && bLoaded ? 0 : 1;
    }
  } else if (gTck.opt.eMode == TCK_MODE_LIST) {
    tckSelectAll();
    for (uint32_t i = 0; i < gTck.aItem.n; i++) printf("%s\n", gTck.aItem.a[i].zId);
  } else {
    tckSelectAll();
    tckRunAll();
    if (gTck.opt.bFailures) tckPrintFailures();
    tckPrintSummary();
    if (gTck.opt.eMode == TCK_MODE_WRITE && !tckWritePassing(gTck.opt.zModeFile)) rc = 1;
  }
  fflush(stdout);
  tckFreeSuite();
  tg_free(zListText);
  return rc;
}
