/*
** wal.c — appending to, syncing and scanning the write-ahead log (see
** wal.h for the format and the sync policies).
*/
#include "store/wal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "base/crc32c.h"
#include "base/mem.h"
#include "store/dbfile.h"

#define WAL_MAGIC "TNGLWAL"

/* Cut-backs remembered, to tell a waiting committer whether the cut after
** its record's removed it. A committer would have to sleep through this
** many failed fsyncs between its append and its wait to be told "cut"
** without checking (a commit reported failed, never one reported done). */
#define WAL_CUT_MEMORY 64

struct Wal {
  int fd;
  char *zPath;
  WalSync eSync;
  pthread_mutex_t mu;
  pthread_cond_t cv;          /* an fsync finished, or the thread must stop */
  int64_t iEnd;               /* bytes of header and records */
  int64_t iAlloc;             /* bytes in the file: zeros after iEnd */
  uint64_t iNextSeq;          /* the next record's sequence number */
  uint64_t iSynced;           /* the last record known durable */
  int64_t iSyncedEnd;         /* its end offset */
  bool bSyncing;              /* an fsync runs (its caller leads the group) */
  int rcBroken;               /* errno once the log refuses records */
  uint64_t nCut;              /* cut-backs after failed fsyncs (WalTicket) */
  int rcCut;                  /* the failed fsync's errno, for the records it cut */
  uint64_t aCutSynced[WAL_CUT_MEMORY];  /* cut j kept records up to [j % N] */
  int64_t nSync;              /* fsyncs done */
  StrBuf rec;                 /* the record being written */
  pthread_t thread;           /* NORMAL: the once-a-second syncer */
  bool bThread, bStop;
};

static int64_t walAlign(int64_t n) { return (n + 7) & ~(int64_t)7; }

/* The log grows by writing zeros ahead of the records this many bytes at a
** time, so that a commit overwrites bytes the file already has: its
** fdatasync then writes data only, not the file's new size (as SQLite's
** reused WAL does). Readers stop at the zeros: no record has sequence 0. */
#define WAL_GROW ((int64_t)1 << 20)

/* Are bytes [iFrom, iTo) of fd all zero? */
static bool walZeros(int fd, int64_t iFrom, int64_t iTo) {
  static const uint8_t aZero[4096];
  uint8_t a[4096];
  while (iFrom < iTo) {
    size_t n = (size_t)TG_MIN((int64_t)sizeof(a), iTo - iFrom);
    if (dbfile_read_at(fd, a, n, iFrom) != 0 || memcmp(a, aZero, n) != 0) return false;
    iFrom += (int64_t)n;
  }
  return true;
}

int wal_create(const char *zPath, const char *zDir, uint64_t iFirstSeq) {
  char zTmp[4200];
  snprintf(zTmp, sizeof(zTmp), "%s.tmp", zPath);
  int fd = dbfile_open(zTmp, O_WRONLY | O_CREAT | O_TRUNC);
  if (fd < 0) return errno;
  uint8_t h[WAL_HEADER] = {0};
  uint32_t version = WAL_VERSION;
  memcpy(h, WAL_MAGIC, 8);
  memcpy(h + 8, &version, 4);
  memcpy(h + 16, &iFirstSeq, 8);
  int rc = dbfile_write(fd, h, sizeof(h));
  if (rc == 0) rc = dbfile_sync(fd);
  dbfile_close(fd);
  if (rc == 0) rc = dbfile_rename(zTmp, zPath, zDir);
  if (rc != 0) unlink(zTmp);
  return rc;
}

/* NORMAL: syncs about once a second while records wait. */
static void *walSyncThread(void *pArg) {
  Wal *w = pArg;
  pthread_mutex_lock(&w->mu);
  while (!w->bStop) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 1;
    pthread_cond_timedwait(&w->cv, &w->mu, &ts);
    if (w->bStop) break;
    if (w->iNextSeq - 1 > w->iSynced && !w->bSyncing && w->eSync == WAL_SYNC_NORMAL) {
      pthread_mutex_unlock(&w->mu);
      wal_sync_all(w);
      pthread_mutex_lock(&w->mu);
    }
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

static void walStartThread(Wal *w) {
  if (w->bThread || w->eSync != WAL_SYNC_NORMAL) return;
  w->bStop = false;
  w->bThread = pthread_create(&w->thread, NULL, walSyncThread, w) == 0;
}

static void walStopThread(Wal *w) {
  if (!w->bThread) return;
  pthread_mutex_lock(&w->mu);
  w->bStop = true;
  pthread_cond_broadcast(&w->cv);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->thread, NULL);
  w->bThread = false;
}

Wal *wal_open(const char *zPath, int64_t iEnd, uint64_t iNextSeq, WalSync eSync, TgError *pErr) {
  int fd = dbfile_open(zPath, O_RDWR);
  if (fd < 0) {
    error_raw(pErr, TG_ERR_IO, "", "cannot open the log %s: %s", zPath, strerror(errno));
    return NULL;
  }
  int64_t nFile = dbfile_size(fd);
  if (nFile > iEnd && !walZeros(fd, iEnd, nFile)) {
    int rc = dbfile_truncate(fd, iEnd);
    if (rc == 0) rc = dbfile_sync(fd);
    if (rc != 0) {
      error_raw(pErr, TG_ERR_IO, "", "cannot cut the damaged end off the log %s: %s", zPath, strerror(rc));
      dbfile_close(fd);
      return NULL;
    }
  }
  Wal *w = tg_calloc(1, sizeof(Wal));
  w->fd = fd;
  w->zPath = tg_strndup(zPath, strlen(zPath));
  w->eSync = eSync;
  w->iEnd = w->iSyncedEnd = iEnd;
  w->iAlloc = TG_MAX(dbfile_size(fd), iEnd);
  w->iNextSeq = iNextSeq;
  w->iSynced = iNextSeq - 1;
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->cv, NULL);
  strbuf_init(&w->rec);
  walStartThread(w);
  return w;
}

void wal_close(Wal *w) {
  if (w == NULL) return;
  walStopThread(w);
  if (w->eSync != WAL_SYNC_OFF && w->rcBroken == 0) wal_sync_all(w);
  dbfile_close(w->fd);
  pthread_cond_destroy(&w->cv);
  pthread_mutex_destroy(&w->mu);
  strbuf_free(&w->rec);
  tg_free(w->zPath);
  tg_free(w);
}

void wal_set_sync(Wal *w, WalSync eSync) {
  if (eSync != WAL_SYNC_NORMAL) walStopThread(w);
  w->eSync = eSync;
  walStartThread(w);
}

/* Cuts the log back to iEnd after a failed write or sync (mutex held).
** If that fails too, the log refuses records from now on. */
static void walCutBack(Wal *w, int64_t iEnd, int rcCause) {
  int rc = dbfile_truncate(w->fd, iEnd);
  if (rc == 0) rc = dbfile_sync(w->fd);
  if (rc != 0) {
    w->rcBroken = rcCause;
    return;
  }
  w->iEnd = w->iAlloc = iEnd;
}

/* Did a cut-back remove the ticket's record? The first cut after it was
** appended decides: records synced before it are safe for good. */
static bool walTicketCut(const Wal *w, const WalTicket *pTicket) {
  if (pTicket->nCut == w->nCut) return false;
  if (w->nCut - pTicket->nCut >= WAL_CUT_MEMORY) return true;
  return pTicket->iSeq > w->aCutSynced[(pTicket->nCut + 1) % WAL_CUT_MEMORY];
}

int wal_append(Wal *w, const void *p, size_t n, WalTicket *pTicket) {
  if (n > WAL_MAX_RECORD) return EFBIG;
  pthread_mutex_lock(&w->mu);
  if (w->rcBroken) {
    int rc = w->rcBroken;
    pthread_mutex_unlock(&w->mu);
    return rc;
  }
  uint64_t iSeq = w->iNextSeq;
  uint32_t n32 = (uint32_t)n;
  uint32_t crc = crc32c(crc32c(0, &iSeq, 8), p, n);
  StrBuf *r = &w->rec;
  strbuf_truncate(r, 0);
  strbuf_append(r, (const char *)&n32, 4);
  strbuf_append(r, (const char *)&crc, 4);
  strbuf_append(r, (const char *)&iSeq, 8);
  strbuf_append(r, p, n);
  static const char zPad[8] = {0};
  if (r->n % 8) strbuf_append(r, zPad, 8 - r->n % 8);
  int rc = 0;
  if (w->iEnd + (int64_t)r->n > w->iAlloc) {
    /* Zeros ahead, in blocks of WAL_GROW (more when one record needs it). */
    int64_t nGrow = TG_MAX(WAL_GROW, walAlign(w->iEnd + (int64_t)r->n - w->iAlloc));
    char *zZero = tg_calloc(1, (size_t)nGrow);
    rc = dbfile_write_at(w->fd, zZero, (size_t)nGrow, w->iAlloc);
    tg_free(zZero);
    if (rc == 0) w->iAlloc += nGrow;
  }
  if (rc == 0) rc = dbfile_write_at(w->fd, r->z, r->n, w->iEnd);
  if (rc != 0) {
    walCutBack(w, w->iEnd, rc);
  } else {
    w->iEnd += (int64_t)r->n;
    w->iNextSeq++;
    pTicket->iSeq = iSeq;
    pTicket->nCut = w->nCut;
  }
  if (r->nCap > (1u << 20)) strbuf_free(r);   /* keep no huge buffer */
  pthread_mutex_unlock(&w->mu);
  return rc;
}

/* Syncs up to record iSeq (UINT64_MAX: all appended): one caller leads an
** fsync covering everything appended when it starts; others wait for it.
** bCommit: the records' commits wait on this sync (FULL) and fail with it,
** so a failed fsync cuts them off. Otherwise (NORMAL's thread, OFF, a
** checkpoint) their commits already returned: a failed fsync cuts nothing
** and the log refuses further records, its durability being unknown.
** pTicket (bCommit only): the record waited for; once a cut removed it,
** the wait ends with the cut's error (without this a waiter whose record
** was cut waited for a sequence number that no record held any more, or
** that a later record took, syncing in a loop or reporting success). */
static int walSync(Wal *w, uint64_t iSeq, const WalTicket *pTicket, bool bCommit) {
  int rc = 0;
  pthread_mutex_lock(&w->mu);
  if (iSeq == UINT64_MAX) iSeq = w->iNextSeq - 1;
  while (rc == 0) {
    if (pTicket && pTicket->nCut != w->nCut) {
      rc = walTicketCut(w, pTicket) ? w->rcCut : 0;
      break;
    }
    if (w->iSynced >= iSeq) break;
    if (w->rcBroken) {
      rc = w->rcBroken;
      break;
    }
    if (w->bSyncing) {
      pthread_cond_wait(&w->cv, &w->mu);
      continue;
    }
    w->bSyncing = true;
    uint64_t iTarget = w->iNextSeq - 1;
    int64_t iTargetEnd = w->iEnd;
    pthread_mutex_unlock(&w->mu);
    rc = dbfile_sync(w->fd);
    pthread_mutex_lock(&w->mu);
    w->bSyncing = false;
    w->nSync++;
    if (rc == 0) {
      w->iSynced = iTarget;
      w->iSyncedEnd = iTargetEnd;
    } else if (bCommit) {
      /* What the failed fsync covered may or may not be on disk: cut it
      ** off, so no record whose commit failed is ever replayed. */
      walCutBack(w, w->iSyncedEnd, rc);
      w->iNextSeq = w->iSynced + 1;
      w->nCut++;
      w->aCutSynced[w->nCut % WAL_CUT_MEMORY] = w->iSynced;
      w->rcCut = rc;
    } else if (w->rcBroken == 0) {
      w->rcBroken = rc;
    }
    pthread_cond_broadcast(&w->cv);
  }
  pthread_mutex_unlock(&w->mu);
  return rc;
}

int wal_commit_sync(Wal *w, const WalTicket *pTicket) {
  if (w->eSync != WAL_SYNC_FULL) return 0;
  return walSync(w, pTicket->iSeq, pTicket, true);
}

int wal_sync_all(Wal *w) { return walSync(w, UINT64_MAX, NULL, false); }

int64_t wal_bytes(const Wal *w) { return w->iEnd; }
uint64_t wal_next_seq(const Wal *w) { return w->iNextSeq; }
int64_t wal_sync_count(const Wal *w) { return w->nSync; }
int wal_broken(const Wal *w) { return w->rcBroken; }

void wal_set_broken(Wal *w, int rc) {
  pthread_mutex_lock(&w->mu);
  if (w->rcBroken == 0) w->rcBroken = rc ? rc : EIO;
  pthread_mutex_unlock(&w->mu);
}

/* ======================================================================
** Scanning
** ==================================================================== */

bool wal_scan_open(WalScan *s, const char *zPath, TgError *pErr) {
  memset(s, 0, sizeof(*s));
  s->zPath = zPath;
  s->fd = dbfile_open(zPath, O_RDONLY);
  if (s->fd < 0) {
    error_raw(pErr, TG_ERR_IO, "", "cannot open the log %s: %s", zPath, strerror(errno));
    return false;
  }
  s->nFile = dbfile_size(s->fd);
  uint8_t h[WAL_HEADER];
  int rc = dbfile_read_at(s->fd, h, sizeof(h), 0);
  uint32_t version = 0;
  memcpy(&version, h + 8, 4);
  if (rc != 0 || memcmp(h, WAL_MAGIC, 8) != 0) {
    /* A log is only ever put in place whole (written as .tmp, renamed), so
    ** one without its header, even an empty file, is damage. */
    error_raw(pErr, TG_ERR_IO, "", "%s: not a Tangle log (its header is %s)", zPath,
              rc ? "cut short" : "wrong");
  } else if (version > WAL_VERSION) {
    error_raw(pErr, TG_ERR_IO, "", "%s: written in log format %u by a newer Tangle; this one reads format %d",
              zPath, version, WAL_VERSION);
  } else {
    memcpy(&s->iFirstSeq, h + 16, 8);
    s->iOfst = WAL_HEADER;
    return true;
  }
  dbfile_close(s->fd);
  s->fd = -1;
  return false;
}

/* Reads and checks the record at iOfst into the scan's buffer. Returns its
** padded length, or 0 when there is no whole, intact record there. */
static int64_t walRecordAt(WalScan *s, int64_t iOfst, size_t *pn, uint64_t *piSeq) {
  uint8_t h[WAL_RECORD_HEADER];
  if (s->nFile - iOfst < WAL_RECORD_HEADER || dbfile_read_at(s->fd, h, sizeof(h), iOfst) != 0) return 0;
  uint32_t n, crc;
  uint64_t iSeq;
  memcpy(&n, h, 4);
  memcpy(&crc, h + 4, 4);
  memcpy(&iSeq, h + 8, 8);
  /* The padding counts: a record is whole only when all of it was written
  ** (a write cut inside the padding was never acknowledged either). */
  if (n > WAL_MAX_RECORD || walAlign(WAL_RECORD_HEADER + (int64_t)n) > s->nFile - iOfst || iSeq == 0) return 0;
  if (s->nBufCap < (size_t)n + 1) {
    tg_free(s->pBuf);
    s->nBufCap = (size_t)n + 1;
    s->pBuf = tg_malloc(s->nBufCap);
  }
  if (dbfile_read_at(s->fd, s->pBuf, n, iOfst + WAL_RECORD_HEADER) != 0) return 0;
  if (crc32c(crc32c(0, &iSeq, 8), s->pBuf, n) != crc) return 0;
  *pn = n;
  *piSeq = iSeq;
  return walAlign(WAL_RECORD_HEADER + (int64_t)n);
}

int wal_scan_next(WalScan *s, const uint8_t **pp, size_t *pn, uint64_t *piSeq) {
  if (s->fd < 0 || s->iOfst == 0) {
    s->eEnd = WALEND_CLEAN;
    s->iGoodEnd = 0;
    return 0;
  }
  int64_t nRec = walRecordAt(s, s->iOfst, pn, piSeq);
  if (nRec > 0 && (s->iLastSeq == 0 ? *piSeq == s->iFirstSeq : *piSeq == s->iLastSeq + 1)) {
    s->iOfst += nRec;
    s->iLastSeq = *piSeq;
    *pp = s->pBuf;
    return 1;
  }
  /* The end: whole, or a tail to cut. Intact records after the damage
  ** mean more than a torn write. */
  s->iGoodEnd = s->iOfst;
  s->eEnd = WALEND_CLEAN;
  s->nCutBytes = s->nCutRecords = 0;
  if (walZeros(s->fd, s->iOfst, s->nFile)) return 0;   /* the zeros the log grows by */
  s->nCutBytes = s->nFile - s->iOfst;
  s->eEnd = WALEND_TORN;
  s->nCutRecords = 1;
  for (int64_t i = s->iOfst + 8; i + WAL_RECORD_HEADER <= s->nFile; i += 8) {
    size_t n;
    uint64_t iSeq;
    int64_t k = walRecordAt(s, i, &n, &iSeq);
    if (k > 0 && iSeq > s->iLastSeq) {
      s->eEnd = WALEND_DAMAGED;
      s->nCutRecords++;
      i += k - 8;
    }
  }
  return 0;
}

void wal_scan_close(WalScan *s) {
  if (s->fd >= 0) dbfile_close(s->fd);
  s->fd = -1;
  tg_free(s->pBuf);
  s->pBuf = NULL;
}
