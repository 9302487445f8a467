/*
** wal.h — the write-ahead log: one record per committed transaction,
** appended before the commit returns.
**
** File: a 24-byte header ("TNGLWAL\0", format version, zero, and the
** sequence number its first record takes) then records, each 8-byte
** aligned: payload length (u32), CRC-32C of the
** sequence number and payload (u32), sequence number (u64), payload.
** Sequence numbers rise by one per record across logs: a snapshot names
** the last one it holds, so a record at or below it is skipped at replay.
**
** Durability follows the sync policy. FULL: a commit returns once its
** record is on disk; committers arriving while an fsync runs wait for it
** and share the next one (group commit). NORMAL: records are written at
** once (a crash of the process loses nothing) and a background thread
** syncs about once a second (a power failure loses at most that second).
** OFF: the operating system decides.
**
** A write that fails is cut off again, so the log never keeps a record
** whose commit reported an error; if even that fails the log refuses
** further records until the database is reopened.
*/
#ifndef TANGLE_WAL_H
#define TANGLE_WAL_H

#include "base/error.h"
#include "base/strbuf.h"

#define WAL_VERSION 1
#define WAL_HEADER 24
#define WAL_RECORD_HEADER 16
/* A record's payload may hold at most this many bytes. */
#define WAL_MAX_RECORD ((uint32_t)1 << 30)

typedef enum WalSync { WAL_SYNC_FULL = 0, WAL_SYNC_NORMAL, WAL_SYNC_OFF } WalSync;

typedef struct Wal Wal;

/*
** Creates a new, empty log at zPath whose first record will take sequence
** number iFirstSeq (through zPath.tmp, synced and renamed, then directory
** zDir synced), replacing any there. Returns 0 or an errno value.
*/
int wal_create(const char *zPath, const char *zDir, uint64_t iFirstSeq);

/*
** Opens the log at zPath for appending at byte iEnd (everything after it,
** a torn tail, is cut off now), the next record taking sequence number
** iNextSeq. Returns NULL with the error in pErr.
*/
Wal *wal_open(const char *zPath, int64_t iEnd, uint64_t iNextSeq, WalSync eSync, TgError *pErr);
void wal_close(Wal *w);   /* syncs what is unsynced (unless OFF) */

/* A record appended, for wal_commit_sync: its sequence number, and how
** many times the log had been cut back then. A cut reuses the sequence
** numbers it removed, so the number alone cannot tell a record cut off
** from a later one that took its place. */
typedef struct WalTicket {
  uint64_t iSeq;
  uint64_t nCut;
} WalTicket;

/* Appends one record; *pTicket names it. Returns 0 or an errno value (the
** record is then not in the log). */
int wal_append(Wal *w, const void *p, size_t n, WalTicket *pTicket);
/* Waits until the record is durable under the policy (FULL: fsync, shared
** by concurrent callers; otherwise at once). Returns 0 or an errno value:
** under FULL every record not yet synced is then cut off, and a caller
** whose record another caller's failed fsync cut off gets that error. */
int wal_commit_sync(Wal *w, const WalTicket *pTicket);
/* Syncs everything appended (checkpoints, closing, the NORMAL thread). */
int wal_sync_all(Wal *w);
void wal_set_sync(Wal *w, WalSync eSync);

int64_t wal_bytes(const Wal *w);        /* the log's size */
uint64_t wal_next_seq(const Wal *w);
int64_t wal_sync_count(const Wal *w);   /* fsyncs done (tests, benchmarks) */
/* An errno value once the log refuses records (see above), else 0. */
int wal_broken(const Wal *w);
/* Makes the log refuse records from now on (its file was replaced under
** it, or its durability is unknown), with rc as the reason. */
void wal_set_broken(Wal *w, int rc);

/* ---- Reading (replay at open) ----------------------------------------- */

typedef enum WalEnd {
  WALEND_CLEAN,     /* the last record is whole */
  WALEND_TORN,      /* the tail is incomplete or damaged: cut off */
  WALEND_DAMAGED    /* intact records follow a damaged one */
} WalEnd;

typedef struct WalScan {
  int fd;
  const char *zPath;
  int64_t nFile;        /* file bytes */
  int64_t iOfst;        /* the next record's offset */
  uint64_t iFirstSeq;   /* the header's: the sequence number the first record takes */
  uint64_t iLastSeq;    /* the last good record's sequence number, 0 when none */
  uint8_t *pBuf;        /* the current payload */
  size_t nBufCap;
  /* Set once wal_scan_next returns 0: */
  WalEnd eEnd;
  int64_t iGoodEnd;     /* bytes of whole, checked records (with the header) */
  int64_t nCutBytes;    /* bytes after them */
  uint64_t nCutRecords; /* damaged or incomplete records there, counted
                           as the intact ones that follow plus one */
} WalScan;

/* Opens zPath and checks its header. Returns false with the error set
** (IOError naming the file). */
bool wal_scan_open(WalScan *s, const char *zPath, TgError *pErr);
/* The next whole record: payload in *pp (valid until the next call), *pn
** bytes, sequence number *piSeq. Returns 1, or 0 at the end (eEnd set). */
int wal_scan_next(WalScan *s, const uint8_t **pp, size_t *pn, uint64_t *piSeq);
void wal_scan_close(WalScan *s);

#endif /* TANGLE_WAL_H */
