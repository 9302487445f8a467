/*
** durable.c — opening, committing to, checkpointing and salvaging a
** database directory (see durable.h).
*/
#include "store/durable.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "store/dbfile.h"
#include "store/index.h"
#include "store/redo.h"
#include "store/snapshot.h"

struct Durable {
  char *zDir;              /* the database directory */
  char *zSnapshot, *zWal, *zLock;   /* its files */
  int fdLock;              /* held with flock(LOCK_EX); -1 when read-only */
  bool bReadOnly;
  Wal *pWal;               /* NULL when read-only */
  WalSync eSync;
  int64_t nCheckpointBytes;
  RedoNames names;         /* names the log knows */
  StrBuf rec;              /* the record being built */
};

/* PATH/NAME in a new heap string. */
static char *durPath(const char *zDir, const char *zName) {
  size_t n = strlen(zDir) + strlen(zName) + 2;
  char *z = tg_malloc(n);
  snprintf(z, n, "%s/%s", zDir, zName);
  return z;
}

static void durFree(Durable *d) {
  if (d == NULL) return;
  wal_close(d->pWal);
  if (d->fdLock >= 0) dbfile_close(d->fdLock);   /* releases the flock */
  tg_free(d->zDir);
  tg_free(d->zSnapshot);
  tg_free(d->zWal);
  tg_free(d->zLock);
  strbuf_free(&d->rec);
  tg_free(d);
}

static Durable *durNew(const char *zPath) {
  Durable *d = tg_calloc(1, sizeof(Durable));
  size_t n = strlen(zPath);
  while (n > 1 && zPath[n - 1] == '/') n--;
  d->zDir = tg_strndup(zPath, n);
  d->zSnapshot = durPath(d->zDir, "snapshot");
  d->zWal = durPath(d->zDir, "wal");
  d->zLock = durPath(d->zDir, "lock");
  d->fdLock = -1;
  strbuf_init(&d->rec);
  return d;
}

static bool durExists(const char *z) {
  struct stat st;
  return stat(z, &st) == 0;
}

/* The folder holding zPath, for syncing a new entry in it. */
static void durParentSync(const char *zDir) {
  char *z = tg_strndup(zDir, strlen(zDir));
  char *zSlash = strrchr(z, '/');
  if (zSlash == z) zSlash[1] = 0;
  else if (zSlash) *zSlash = 0;
  else strcpy(z, ".");
  dbfile_sync_dir(z);
  tg_free(z);
}

/* Takes the write lock, or explains who holds it. */
static bool durLock(Durable *d, TgError *pErr) {
  d->fdLock = dbfile_open(d->zLock, O_RDWR | O_CREAT);
  if (d->fdLock < 0) {
    error_raw(pErr, TG_ERR_IO, "", "cannot open %s: %s", d->zLock, strerror(errno));
    return false;
  }
  if (flock(d->fdLock, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    char zPid[32] = "";
    ssize_t k = pread(d->fdLock, zPid, sizeof(zPid) - 1, 0);
    zPid[k > 0 ? k : 0] = 0;
    long pid = strtol(zPid, NULL, 10);
    if (e == EWOULDBLOCK && pid > 0) {
      error_raw(pErr, TG_ERR_IO, "",
                "the database %s is open for writing by process %ld; close it there, or open it with --read-only",
                d->zDir, pid);
    } else if (e == EWOULDBLOCK) {
      error_raw(pErr, TG_ERR_IO, "",
                "the database %s is open for writing by another process; close it there, or open it with --read-only",
                d->zDir);
    } else {
      error_raw(pErr, TG_ERR_IO, "", "cannot lock %s: %s", d->zLock, strerror(e));
    }
    return false;
  }
  char zPid[32];
  int n = snprintf(zPid, sizeof(zPid), "%ld\n", (long)getpid());
  if (dbfile_truncate(d->fdLock, 0) != 0 || dbfile_write_at(d->fdLock, zPid, (size_t)n, 0) != 0) {
    /* The pid is only for messages: the flock is what excludes. */
  }
  return true;
}

/* Writes g as the snapshot: snapshot.tmp, synced, renamed, folder synced. */
static int durWriteSnapshot(Durable *d, const Graph *g, uint64_t iSeq) {
  char *zTmp = durPath(d->zDir, "snapshot.tmp");
  int fd = dbfile_open(zTmp, O_WRONLY | O_CREAT | O_TRUNC);
  int rc = fd < 0 ? errno : snapshot_write(g, fd, iSeq);
  if (rc == 0) rc = dbfile_sync(fd);
  dbfile_close(fd);
  if (rc == 0) rc = dbfile_rename(zTmp, d->zSnapshot, d->zDir);
  if (rc != 0) unlink(zTmp);
  tg_free(zTmp);
  return rc;
}

/* Is the directory empty (but for what a half-made database leaves)? */
static bool durDirEmpty(const char *zDir) {
  DIR *p = opendir(zDir);
  if (p == NULL) return false;
  bool bEmpty = true;
  struct dirent *e;
  while ((e = readdir(p)) != NULL) {
    const char *z = e->d_name;
    if (strcmp(z, ".") && strcmp(z, "..") && strcmp(z, "lock") && strcmp(z, "wal") && strcmp(z, "wal.tmp") &&
        strcmp(z, "snapshot.tmp")) {
      bEmpty = false;
    }
  }
  closedir(p);
  return bEmpty;
}

/* Replays the log into g after a snapshot holding up to iSnapSeq. Sets
** *piEnd (the good bytes) and *piLastSeq. A salvage (pLost) stops at the
** first bad record and notes the loss instead of failing. */
static bool durReplay(const char *zWal, Graph *g, uint64_t iSnapSeq, bool bReadOnly, StrBuf *pReport,
                      StrBuf *pLost, int64_t *piEnd, uint64_t *piLastSeq, TgError *pErr) {
  WalScan s;
  if (!wal_scan_open(&s, zWal, pErr)) return false;
  const uint8_t *p;
  size_t n;
  uint64_t iSeq, nApplied = 0;
  bool bOk = true, bFirst = true;
  *piLastSeq = iSnapSeq;
  if (s.iOfst && s.iFirstSeq > iSnapSeq + 1) {
    /* A log begun after a later snapshot than this one (a reader that
    ** raced a checkpoint), or one whose start was lost. */
    if (pLost) {
      strbuf_printf(pLost, "lost: the log (it begins at record %llu, after the snapshot's %llu)\n",
                    (unsigned long long)s.iFirstSeq, (unsigned long long)iSnapSeq);
    } else {
      error_raw(pErr, TG_ERR_IO, "",
                "%s: the log begins at record %llu but the snapshot ends at %llu; the database is damaged "
                "(tangle PATH --recover salvages what it can)",
                zWal, (unsigned long long)s.iFirstSeq, (unsigned long long)iSnapSeq);
    }
    *piEnd = WAL_HEADER;
    wal_scan_close(&s);
    return pLost != NULL;
  }
  while (bOk && wal_scan_next(&s, &p, &n, &iSeq)) {
    if (iSeq <= iSnapSeq) {
      bFirst = false;   /* already in the snapshot (a crash ended a checkpoint) */
      continue;
    }
    if (iSeq != *piLastSeq + 1 || (bFirst && iSeq != iSnapSeq + 1)) {
      if (pLost) {
        strbuf_printf(pLost, "lost: log records from sequence %llu (they do not follow the snapshot)\n",
                      (unsigned long long)iSeq);
        break;
      }
      error_raw(pErr, TG_ERR_IO, "",
                "%s: the log's record %llu does not follow the snapshot (which ends at %llu); the database is "
                "damaged (tangle PATH --recover salvages what it can)",
                zWal, (unsigned long long)iSeq, (unsigned long long)iSnapSeq);
      bOk = false;
      break;
    }
    bFirst = false;
    char zWhere[4200];
    snprintf(zWhere, sizeof(zWhere), "%s: record %llu", zWal, (unsigned long long)iSeq);
    /* A salvage keeps a record whole or not at all: its operations are
    ** applied as one statement, undone when one of them does not fit. */
    if (pLost) graph_begin(g);
    bool bApplied = redo_apply(g, p, n, zWhere, pErr);
    if (pLost && bApplied) graph_commit(g);
    if (pLost && !bApplied) graph_rollback(g);
    if (!bApplied) {
      if (pLost) {
        strbuf_printf(pLost, "lost: log record %llu and after (%s)\n", (unsigned long long)iSeq, pErr->zMsg);
        error_clear(pErr);
        break;
      }
      bOk = false;
      break;
    }
    *piLastSeq = iSeq;
    nApplied++;
  }
  if (bOk && s.eEnd == WALEND_DAMAGED && pLost == NULL) {
    error_raw(pErr, TG_ERR_IO, "",
              "%s: the log is damaged after record %llu, and %llu intact records follow the damage; the "
              "database is damaged (tangle PATH --recover salvages what it can)",
              zWal, (unsigned long long)*piLastSeq, (unsigned long long)s.nCutRecords - 1);
    bOk = false;
  } else if (bOk && s.eEnd != WALEND_CLEAN) {
    StrBuf *pOut = pLost ? pLost : pReport;
    strbuf_printf(pOut,
                  "%s: the log ended in %llu incomplete or damaged record%s (%lld bytes after record %llu, "
                  "from a crash while writing): %s\n",
                  zWal, (unsigned long long)s.nCutRecords, s.nCutRecords == 1 ? "" : "s",
                  (long long)s.nCutBytes, (unsigned long long)*piLastSeq,
                  bReadOnly ? "ignored (read-only)" : "cut off");
  }
  *piEnd = s.iGoodEnd ? s.iGoodEnd : WAL_HEADER;
  wal_scan_close(&s);
  return bOk;
}

/* Loads the snapshot and replays the log into g (empty): *piEnd gets the
** log's good bytes, *piLastSeq its last record. */
static bool durLoad(Durable *d, Graph *g, StrBuf *pReport, int64_t *piEnd, uint64_t *piLastSeq, TgError *pErr) {
  int fd = dbfile_open(d->zSnapshot, O_RDONLY);
  if (fd < 0) {
    error_raw(pErr, TG_ERR_IO, "", "cannot open %s: %s", d->zSnapshot, strerror(errno));
    return false;
  }
  SnapshotLoad load = {0};
  strbuf_init(&load.report);
  bool bLoaded = snapshot_load(g, fd, d->zSnapshot, &load, pErr);
  dbfile_close(fd);
  strbuf_free(&load.report);
  if (!bLoaded) return false;
  if (!durExists(d->zWal)) {
    error_raw(pErr, TG_ERR_IO, "",
              "the log %s is missing: transactions committed since the last checkpoint would be lost; "
              "tangle PATH --recover makes a new database of what the snapshot holds",
              d->zWal);
    return false;
  }
  return durReplay(d->zWal, g, load.iSeq, d->bReadOnly, pReport, NULL, piEnd, piLastSeq, pErr);
}

/* Is a writer (the process named in the lock file) alive? A reader asks
** without touching the lock itself, which a writer opening at that moment
** would find taken. */
static bool durWriterActive(const Durable *d) {
  int fd = dbfile_open(d->zLock, O_RDONLY);
  if (fd < 0) return false;
  char zPid[32] = "";
  ssize_t k = pread(fd, zPid, sizeof(zPid) - 1, 0);
  dbfile_close(fd);
  zPid[k > 0 ? k : 0] = 0;
  long pid = strtol(zPid, NULL, 10);
  return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* Empties g entirely, its indexes and constraints too (a failed load). */
static void durEmpty(Graph *g) {
  graph_clear(g);
  while (g->pIndexes->aIndex.n) {
    char *zName = tg_strndup(g->pIndexes->aIndex.a[0]->zName, strlen(g->pIndexes->aIndex.a[0]->zName));
    index_drop(g, zName);
    tg_free(zName);
  }
}

Durable *durable_open(const char *zPath, const DurableOpts *pOpts, Graph *g, bool *pbCreated,
                      StrBuf *pReport, TgError *pErr) {
  *pbCreated = false;
  struct stat st;
  if (stat(zPath, &st) != 0) {
    if (errno != ENOENT || !pOpts->bCreate || pOpts->bReadOnly) {
      error_raw(pErr, TG_ERR_IO, "", "cannot open the database %s: %s", zPath,
                errno == ENOENT ? "there is none (it is created only when opened for writing)" : strerror(errno));
      return NULL;
    }
    if (mkdir(zPath, 0755) != 0) {
      error_raw(pErr, TG_ERR_IO, "", "cannot create the database %s: %s", zPath, strerror(errno));
      return NULL;
    }
    *pbCreated = true;
  } else if (!S_ISDIR(st.st_mode)) {
    error_raw(pErr, TG_ERR_IO, "",
              "%s is a file, not a Tangle database (a database is a directory Tangle creates); to run a file "
              "of queries, use -f %s",
              zPath, zPath);
    return NULL;
  }
  Durable *d = durNew(zPath);
  if (*pbCreated) durParentSync(d->zDir);
  d->bReadOnly = pOpts->bReadOnly;
  d->eSync = pOpts->eSync;
  d->nCheckpointBytes = pOpts->nCheckpointBytes;
  if (!d->bReadOnly && !durLock(d, pErr)) goto fail;
  if (!d->bReadOnly) {
    /* Temporary files are whole only once renamed: any left were being
    ** written when a process stopped. */
    char *azTmp[2] = {durPath(d->zDir, "snapshot.tmp"), durPath(d->zDir, "wal.tmp")};
    for (int i = 0; i < 2; i++) {
      if (durExists(azTmp[i]) && unlink(azTmp[i]) == 0) {
        strbuf_printf(pReport, "removed %s, left half-written when a process stopped\n", azTmp[i]);
      }
      tg_free(azTmp[i]);
    }
  }
  if (!durExists(d->zSnapshot)) {
    /* New, or creation was cut short (the log is made first, the
    ** snapshot last): start it again if the folder holds nothing else. */
    if (!durDirEmpty(d->zDir)) {
      error_raw(pErr, TG_ERR_IO, "",
                "%s is a folder but not a Tangle database (it has no snapshot file and holds other files)",
                d->zDir);
      goto fail;
    }
    if (d->bReadOnly) {
      error_raw(pErr, TG_ERR_IO, "", "the database %s is empty and unfinished; open it once for writing", d->zDir);
      goto fail;
    }
    int rc = wal_create(d->zWal, d->zDir, 1);
    if (rc == 0) rc = durWriteSnapshot(d, g, 0);
    if (rc != 0) {
      error_raw(pErr, TG_ERR_IO, "", "cannot create the database %s: %s", d->zDir, strerror(rc));
      goto fail;
    }
    *pbCreated = true;
  }
  int64_t iEnd;
  uint64_t iLastSeq;
  /* A reader may race a writer's checkpoint (the snapshot it read replaced
  ** before it opened the log) or its append (a record half written):
  ** while a writer holds the lock, a failed read is tried again, and a
  ** half-written record is no news. */
  for (int iTry = 0;; iTry++) {
    bool bWriter = d->bReadOnly && durWriterActive(d);
    StrBuf quiet;
    strbuf_init(&quiet);
    bool bOk = durLoad(d, g, bWriter ? &quiet : pReport, &iEnd, &iLastSeq, pErr);
    strbuf_free(&quiet);
    if (bOk) break;
    if (!bWriter || iTry == 20) goto fail;
    durEmpty(g);
    error_clear(pErr);
    struct timespec ts = {0, 5 * 1000000};
    nanosleep(&ts, NULL);
  }
  d->names = redo_names_of(g);
  if (!d->bReadOnly) {
    d->pWal = wal_open(d->zWal, iEnd, iLastSeq + 1, d->eSync, pErr);
    if (d->pWal == NULL) goto fail;
  }
  return d;
fail:
  durEmpty(g);
  durFree(d);
  return NULL;
}

void durable_close(Durable *d, Graph *g) {
  if (d == NULL) return;
  if (d->pWal && wal_bytes(d->pWal) > WAL_HEADER && wal_broken(d->pWal) == 0) {
    TgError err;
    error_clear(&err);
    durable_checkpoint(d, g, &err);   /* on failure the log still holds everything */
  }
  durFree(d);
}

/* The error for a log write that failed: the commit did not happen. */
static bool durLogFailed(Durable *d, int rc, TgError *pErr) {
  error_raw(pErr, TG_ERR_IO, "", "the commit could not be written to %s: %s; the transaction was rolled back",
            d->zWal, strerror(rc));
  return false;
}

/* Appends d->rec as a record and waits until it is durable. */
static bool durLogRecord(Durable *d, RedoNames namesBefore, TgError *pErr) {
  WalTicket ticket;
  int rc = wal_append(d->pWal, d->rec.z, d->rec.n, &ticket);
  if (rc == 0) rc = wal_commit_sync(d->pWal, &ticket);
  strbuf_truncate(&d->rec, 0);
  if (d->rec.nCap > (1u << 20)) strbuf_free(&d->rec);
  if (rc != 0) {
    d->names = namesBefore;   /* the names it defined are not in the log */
    return durLogFailed(d, rc, pErr);
  }
  return true;
}

bool durable_commit(Durable *d, Graph *g, TgError *pErr) {
  if (d->pWal == NULL) return true;
  RedoNames namesBefore = d->names;
  strbuf_truncate(&d->rec, 0);
  if (!redo_build(g, &d->names, &d->rec)) return true;
  return durLogRecord(d, namesBefore, pErr);
}

bool durable_schema(Durable *d, Graph *g, TgError *pErr) {
  if (d->pWal == NULL) return true;
  RedoNames namesBefore = d->names;
  strbuf_truncate(&d->rec, 0);
  redo_build_schema(g, &d->names, &d->rec);
  return durLogRecord(d, namesBefore, pErr);
}

bool durable_checkpoint(Durable *d, Graph *g, TgError *pErr) {
  if (d->pWal == NULL) {
    error_raw(pErr, TG_ERR_IO, "", "the database %s is open read-only: nothing can be checkpointed", d->zDir);
    return false;
  }
  uint64_t iSeq = wal_next_seq(d->pWal) - 1;
  int rc = wal_sync_all(d->pWal);
  if (rc == 0) rc = durWriteSnapshot(d, g, iSeq);
  if (rc != 0) {
    error_raw(pErr, TG_ERR_IO, "", "the checkpoint could not write %s: %s (the log still holds every commit)",
              d->zSnapshot, strerror(rc));
    return false;
  }
  /* The snapshot holds everything: a new, empty log replaces the old. If
  ** that fails the old one stays, its records skipped at the next open. */
  rc = wal_create(d->zWal, d->zDir, iSeq + 1);
  Wal *pNew = NULL;
  if (rc == 0) {
    TgError err;
    error_clear(&err);
    pNew = wal_open(d->zWal, WAL_HEADER, iSeq + 1, d->eSync, &err);
  }
  if (pNew) {
    wal_close(d->pWal);
    d->pWal = pNew;
  } else {
    /* The new log may already have replaced the old one (its folder's
    ** sync failed after the rename): records written to the old file
    ** could be lost, so none is written. The snapshot holds everything
    ** committed; reopening the database starts a new log. */
    wal_set_broken(d->pWal, rc ? rc : EIO);
    error_raw(pErr, TG_ERR_IO, "",
              "the checkpoint wrote %s but could not start a new log: %s; reopen the database to commit again",
              d->zSnapshot, strerror(rc ? rc : EIO));
    d->names = redo_names_of(g);
    return false;
  }
  d->names = redo_names_of(g);
  return true;
}

void durable_maybe_checkpoint(Durable *d, Graph *g) {
  if (d->pWal == NULL || d->nCheckpointBytes <= 0 || wal_bytes(d->pWal) <= d->nCheckpointBytes) return;
  TgError err;
  error_clear(&err);
  durable_checkpoint(d, g, &err);
}

void durable_set_sync(Durable *d, WalSync eSync) {
  d->eSync = eSync;
  if (d->pWal) wal_set_sync(d->pWal, eSync);
}
void durable_set_checkpoint_bytes(Durable *d, int64_t n) { d->nCheckpointBytes = n; }
WalSync durable_sync(const Durable *d) { return d->eSync; }
int64_t durable_checkpoint_bytes(const Durable *d) { return d->nCheckpointBytes; }
const char *durable_path(const Durable *d) { return d->zDir; }
bool durable_read_only(const Durable *d) { return d->bReadOnly; }
int64_t durable_wal_bytes(const Durable *d) { return d->pWal ? wal_bytes(d->pWal) : 0; }
int64_t durable_sync_count(const Durable *d) { return d->pWal ? wal_sync_count(d->pWal) : 0; }

bool durable_recover(const char *zPath, const char *zTo, StrBuf *pReport, TgError *pErr) {
  Durable *d = durNew(zPath);
  Graph *g = graph_new();
  bool bOk = false;
  int fd = dbfile_open(d->zSnapshot, O_RDONLY);
  if (fd < 0) {
    error_raw(pErr, TG_ERR_IO, "", "cannot open %s: %s", d->zSnapshot, strerror(errno));
  } else {
    SnapshotLoad load = {.bSalvage = true};
    strbuf_init(&load.report);
    bOk = snapshot_load(g, fd, d->zSnapshot, &load, pErr);
    dbfile_close(fd);
    strbuf_append(pReport, load.report.z ? load.report.z : "", load.report.n);
    strbuf_free(&load.report);
    if (bOk && durExists(d->zWal)) {
      int64_t iEnd;
      uint64_t iLast;
      StrBuf ignore;
      strbuf_init(&ignore);
      TgError errWal;
      error_clear(&errWal);
      if (!durReplay(d->zWal, g, load.iSeq, true, &ignore, pReport, &iEnd, &iLast, &errWal)) {
        strbuf_printf(pReport, "lost: the whole log (%s)\n", errWal.zMsg);
      }
      strbuf_free(&ignore);
    } else if (bOk) {
      strbuf_printf(pReport, "lost: whatever the missing log %s held\n", d->zWal);
    }
  }
  if (bOk) {
    if (durExists(zTo)) {
      error_raw(pErr, TG_ERR_IO, "", "%s already exists; --recover writes a new database there", zTo);
      bOk = false;
    } else {
      DurableOpts opts = {.bCreate = true, .eSync = WAL_SYNC_FULL};
      Graph *gNew = graph_new();
      bool bCreated;
      StrBuf rep;
      strbuf_init(&rep);
      Durable *pNew = durable_open(zTo, &opts, gNew, &bCreated, &rep, pErr);
      strbuf_free(&rep);
      graph_free(gNew);
      bOk = pNew != NULL;
      if (pNew) {
        int rc = durWriteSnapshot(pNew, g, 0);
        if (rc != 0) {
          error_raw(pErr, TG_ERR_IO, "", "cannot write %s: %s", pNew->zSnapshot, strerror(rc));
          bOk = false;
        }
        durFree(pNew);
      }
    }
  }
  graph_free(g);
  durFree(d);
  return bOk;
}
