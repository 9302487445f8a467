/*
** conn.c — connections (tg_connect) and the lock their statements take.
**
** See conn.h for the rules. The lock is a read-write lock that prefers
** writers, so a stream of readers cannot keep a writer out for ever; a
** handle takes it once however many of its statements hold it, since a
** writer-preferring lock must not be taken twice for reading by one
** handle. It is counted under a mutex (DbShare) instead of being a POSIX
** rwlock because a handle may move between threads while it holds it (an
** HTTP transaction begun by one request and committed by another). Waits
** are cut into short slices so that tg_interrupt and the lock_timeout
** setting end them.
*/
#include "conn.h"

#include <time.h>

#include "base/mem.h"
#include "tangle.h"

/* A wait is re-checked this often for an interrupt. */
#define CONN_WAIT_SLICE_NS 20000000

static int64_t connNowNs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Can the lock be taken in this mode now? (s->mu held) */
static bool connFree(const DbShare *s, bool bExclusive) {
  if (bExclusive) return !s->bWriter && s->nReaders == 0;
  return !s->bWriter && s->nWritersWaiting == 0;
}

/* Waits for the lock in slices; bExclusive chooses the mode. */
static bool connWait(struct tg_db *pDb, bool bExclusive, TgError *pErr) {
  DbShare *s = pDb->pShare;
  int64_t iStart = connNowNs();
  int64_t nLimitNs = pDb->nLockTimeoutMs > 0 ? pDb->nLockTimeoutMs * 1000000 : INT64_MAX;
  bool bOk = false;
  pthread_mutex_lock(&s->mu);
  if (bExclusive) s->nWritersWaiting++;
  for (;;) {
    if (connFree(s, bExclusive)) {
      if (bExclusive) s->bWriter = true;
      else s->nReaders++;
      bOk = true;
      break;
    }
    int64_t iNow = connNowNs();
    if (pDb->bInterrupt) {
      error_at(pErr, NULL, -1, ERR_INTERRUPTED);
      break;
    }
    if (iNow - iStart >= nLimitNs) {
      error_raw(pErr, TG_ERR_LIMIT, "LockTimeout",
                "another transaction held the database for %lld ms, longer than lock_timeout allows",
                (long long)((iNow - iStart) / 1000000));
      break;
    }
    /* The condition variable waits on the monotonic clock (connShareNew). */
    int64_t iUntil = iNow + CONN_WAIT_SLICE_NS;
    struct timespec ts = {.tv_sec = iUntil / 1000000000, .tv_nsec = iUntil % 1000000000};
    pthread_cond_timedwait(&s->cv, &s->mu, &ts);
  }
  if (bExclusive) {
    s->nWritersWaiting--;
    /* Readers queued behind this writer may go when it gave up. */
    if (!bOk) pthread_cond_broadcast(&s->cv);
  }
  pthread_mutex_unlock(&s->mu);
  return bOk;
}

/* Lets go of the lock held in one mode. */
static void connRelease(DbShare *s, bool bExclusive) {
  pthread_mutex_lock(&s->mu);
  if (bExclusive) s->bWriter = false;
  else s->nReaders--;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

bool conn_lock_shared(struct tg_db *pDb, TgError *pErr) {
  if (pDb->pShare == NULL || pDb->eLock == DB_LOCK_EXCLUSIVE) return true;
  if (pDb->eLock == DB_LOCK_NONE) {
    if (!connWait(pDb, false, pErr)) return false;
    pDb->eLock = DB_LOCK_SHARED;
  }
  pDb->nSharedHolders++;
  return true;
}

void conn_unlock_shared(struct tg_db *pDb) {
  if (pDb->pShare == NULL || pDb->eLock != DB_LOCK_SHARED) return;
  if (--pDb->nSharedHolders > 0) return;
  pDb->eLock = DB_LOCK_NONE;
  connRelease(pDb->pShare, false);
}

bool conn_lock_exclusive(struct tg_db *pDb, TgError *pErr) {
  if (pDb->pShare == NULL || pDb->eLock == DB_LOCK_EXCLUSIVE) return true;
  if (pDb->eLock == DB_LOCK_SHARED) {
    error_raw(pErr, TG_ERR_SEMANTIC, "",
              "another statement is still returning rows; finish or reset it before writing");
    return false;
  }
  if (!connWait(pDb, true, pErr)) return false;
  pDb->eLock = DB_LOCK_EXCLUSIVE;
  return true;
}

void conn_unlock_exclusive(struct tg_db *pDb) {
  if (pDb->pShare == NULL || pDb->eLock != DB_LOCK_EXCLUSIVE) return;
  pDb->eLock = DB_LOCK_NONE;
  connRelease(pDb->pShare, true);
}

bool conn_compile_begin(struct tg_db *pDb, TgError *pErr, bool *pbTookShared) {
  *pbTookShared = false;
  if (pDb->pShare == NULL) return true;
  if (pDb->eLock == DB_LOCK_NONE) {
    if (!conn_lock_shared(pDb, pErr)) return false;
    *pbTookShared = true;
  }
  pthread_mutex_lock(&pDb->pShare->compile);
  return true;
}

void conn_compile_end(struct tg_db *pDb, bool bTookShared) {
  if (pDb->pShare == NULL) return;
  pthread_mutex_unlock(&pDb->pShare->compile);
  if (bTookShared) conn_unlock_shared(pDb);
}

/* The lock and mutex, made by the first tg_connect. */
static DbShare *connShareNew(void) {
  DbShare *s = tg_calloc(1, sizeof(DbShare));
  pthread_mutex_init(&s->mu, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&s->cv, &attr);
  pthread_condattr_destroy(&attr);
  pthread_mutex_init(&s->compile, NULL);
  atomic_init(&s->nConn, 0);
  return s;
}

int tg_connect(tg_db *pDb, tg_db **ppConn) {
  tg_db *pMain = pDb->pMain ? pDb->pMain : pDb;
  if (pMain->pShare == NULL) {
    pMain->pShare = connShareNew();
    pMain->nLockTimeoutMs = pMain->nLockTimeoutMs ? pMain->nLockTimeoutMs : CONN_DEFAULT_LOCK_TIMEOUT_MS;
  }
  tg_db *c = tg_calloc(1, sizeof(tg_db));
  c->pMain = pMain;
  c->pShare = pMain->pShare;
  c->pGraph = pMain->pGraph;
  c->pDurable = pMain->pDurable;
  strbuf_init(&c->openReport);
  error_clear(&c->err);
  /* Settings start as the database's are now. */
  c->nRenderMax = pDb->nRenderMax;
  c->nRenderMaxRels = pDb->nRenderMaxRels;
  c->nThreads = pDb->nThreads;
  c->nParallelMinNodes = pDb->nParallelMinNodes;
  c->bReferencePlan = pDb->bReferencePlan;
  c->nTimeoutMs = pDb->nTimeoutMs;
  c->nMaxMemory = pDb->nMaxMemory;
  c->bReadOnly = pDb->bReadOnly;
  c->files.bOff = pDb->files.bOff;
  c->files.zRoot = pDb->files.zRoot ? tg_strndup(pDb->files.zRoot, strlen(pDb->files.zRoot)) : NULL;
  c->nCsvMaxField = pDb->nCsvMaxField;
  c->nCsvMaxRecord = pDb->nCsvMaxRecord;
  c->zLocalZone = pDb->zLocalZone;
  c->nLockTimeoutMs = pDb->nLockTimeoutMs ? pDb->nLockTimeoutMs : CONN_DEFAULT_LOCK_TIMEOUT_MS;
  atomic_fetch_add(&pMain->pShare->nConn, 1);
  *ppConn = c;
  return TG_OK;
}

void conn_close(struct tg_db *c) {
  if (c->bInTxn) {
    graph_rollback(c->pGraph);
    c->bInTxn = false;
  }
  if (c->eLock == DB_LOCK_EXCLUSIVE) conn_unlock_exclusive(c);
  if (c->eLock == DB_LOCK_SHARED) {
    c->nSharedHolders = 1;
    conn_unlock_shared(c);
  }
  atomic_fetch_sub(&c->pShare->nConn, 1);
  strbuf_free(&c->openReport);
  files_free(&c->files);
  tg_free(c->zClientUser);
  tg_free(c->zClientRole);
  tg_free(c);
}
