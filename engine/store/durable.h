/*
** durable.h — a database on disk: a directory holding the snapshot, the
** write-ahead log and a lock file (docs/storage.md).
**
**   PATH/snapshot   the graph as of a checkpoint (snapshot.h)
**   PATH/wal        transactions committed since (wal.h)
**   PATH/lock       flock(2)ed by the one process that may write; holds
**                   its pid, for the error a second writer gets
**
** Opening loads the snapshot and replays the log. Each commit appends one
** record (redo.h) and, under the FULL policy, returns once it is on disk.
** A checkpoint writes a new snapshot to snapshot.tmp, syncs it, renames it
** over the old one, syncs the directory, and only then starts an empty
** log, so a crash at any moment leaves a database that opens: either the
** old snapshot and the whole log, or the new snapshot and a log whose
** records it already holds (skipped by sequence number).
*/
#ifndef TANGLE_DURABLE_H
#define TANGLE_DURABLE_H

#include "base/error.h"
#include "base/strbuf.h"
#include "store/graph.h"
#include "store/wal.h"

typedef struct Durable Durable;

typedef struct DurableOpts {
  bool bReadOnly;          /* take no lock, write nothing */
  bool bCreate;            /* create the database when missing */
  WalSync eSync;
  int64_t nCheckpointBytes; /* checkpoint after a commit leaves the log larger (0: never) */
} DurableOpts;

/* The log size past which a commit checkpoints, by default. */
#define DURABLE_CHECKPOINT_BYTES ((int64_t)64 << 20)

/*
** Opens the database at zPath into g (new and empty). *pbCreated says
** whether it was created now. What recovery did (a torn log tail cut off,
** stale temporary files removed) is appended to pReport as sentences.
** Returns NULL with an IOError in pErr naming the path and the problem.
*/
Durable *durable_open(const char *zPath, const DurableOpts *pOpts, Graph *g, bool *pbCreated,
                      StrBuf *pReport, TgError *pErr);
/* Checkpoints when the log holds anything (unless read-only), then
** releases the lock. The graph is the caller's. */
void durable_close(Durable *d, Graph *g);

/*
** Logs the transaction open in g (before graph_commit): returns true when
** it is durable under the policy (or changed nothing), false with an
** IOError in pErr when it could not be logged (the caller rolls back).
*/
bool durable_commit(Durable *d, Graph *g, TgError *pErr);
/* Logs g's indexes and constraints after a schema command changed them;
** false with an IOError when that failed (the caller undoes the command). */
bool durable_schema(Durable *d, Graph *g, TgError *pErr);
/* Checkpoints when the log has passed its size. A failure leaves the log
** in use and is kept for durable_checkpoint to report. */
void durable_maybe_checkpoint(Durable *d, Graph *g);
/* Writes a snapshot of g (no statement open) and starts an empty log. */
bool durable_checkpoint(Durable *d, Graph *g, TgError *pErr);

void durable_set_sync(Durable *d, WalSync eSync);
void durable_set_checkpoint_bytes(Durable *d, int64_t n);
WalSync durable_sync(const Durable *d);
int64_t durable_checkpoint_bytes(const Durable *d);
const char *durable_path(const Durable *d);
bool durable_read_only(const Durable *d);
int64_t durable_wal_bytes(const Durable *d);
int64_t durable_sync_count(const Durable *d);

/*
** tangle PATH --recover: reads what can be read of the database at zPath
** (damaged snapshot sections skipped, the log replayed up to its first
** damaged record) and writes it as a new database at zTo, which must not
** exist. pReport gets what was lost, one line each. The damaged database
** is not touched.
*/
bool durable_recover(const char *zPath, const char *zTo, StrBuf *pReport, TgError *pErr);

#endif /* TANGLE_DURABLE_H */
