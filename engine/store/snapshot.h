/*
** snapshot.h — the whole graph in one file, written at a checkpoint and
** read when a database opens (docs/storage.md describes the format).
**
** The file is a 64-byte header and a run of sections, each with its own
** header and CRC-32C. Relationship records and adjacency lists are stored
** exactly as they lie in memory, so opening reads them straight into place
** (no parsing per relationship); nodes, properties and names are small
** records parsed once. Everything read is checked: ids in range, lists
** well formed, counts matching. A file that fails any check is refused,
** never half loaded; a salvage load (tangle PATH --recover) skips damaged
** sections instead and reports what they held.
*/
#ifndef TANGLE_SNAPSHOT_H
#define TANGLE_SNAPSHOT_H

#include "base/error.h"
#include "base/strbuf.h"
#include "store/graph.h"

#define SNAPSHOT_VERSION 2   /* 2: schema descriptors (index.h); 1 still read */

/*
** Writes graph g (no statement open) to the empty file fd as a snapshot
** holding the log up to sequence number iSeq. Returns 0, or the errno
** value of the write that failed. The caller syncs and renames.
*/
int snapshot_write(const Graph *g, int fd, uint64_t iSeq);

typedef struct SnapshotLoad {
  bool bSalvage;      /* in: skip damaged sections, noting each in report */
  bool bNoChecksum;   /* in: ignore CRCs (the fuzzer, to reach the parser) */
  uint64_t iSeq;      /* out: the log sequence number the snapshot holds */
  StrBuf report;      /* out (salvage): one line per loss; caller frees */
} SnapshotLoad;

/*
** Loads the snapshot in fd (named zPath in errors) into g, which must be
** new and empty. On failure returns false with an IOError in pErr naming
** the file, the section and what is wrong, and g is left empty.
*/
bool snapshot_load(Graph *g, int fd, const char *zPath, SnapshotLoad *pLoad, TgError *pErr);

#endif /* TANGLE_SNAPSHOT_H */
