/*
** fuzz_store.c — fuzzing the readers of a database on disk: the snapshot
** loader (engine/store/snapshot.c), the log scanner (wal.c) and record
** replay (redo.c); and replaying tests/fuzz/store.
**
** The first byte of an input chooses what the rest is:
**   0  a snapshot file, loaded with its checksums checked
**   1  a snapshot file, checksums ignored (so mutations reach the parser)
**   2  a log file, scanned, each whole record replayed on an empty graph
**   3  one log record's payload, replayed on a small graph
**   4  a snapshot file, loaded as tangle PATH --recover does (salvage)
** Promises besides not crashing: a load or replay that fails leaves an
** error message; a snapshot that loads passes db.checkIntegrity() (the
** loader checks everything it reads), and a salvage loads something
** consistent or fails.
*/
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/mem.h"
#include "store/graph.h"
#include "store/integrity.h"
#include "store/redo.h"
#include "store/snapshot.h"
#include "store/wal.h"

#define FUZZ_MAX_INPUT (1 << 20)

/* A memory file holding n bytes of z, for the readers that take an fd. */
static int fuzzStoreFile(const char *z, size_t n) {
  int fd = memfd_create("tangle-fuzz-store", 0);
  if (fd < 0) abort();
  if (n && write(fd, z, n) != (ssize_t)n) abort();
  return fd;
}

static void fuzzStoreIgnore(void *pArg, const char *zCheck, const char *zProblem) {
  (void)pArg;
  (void)zCheck;
  (void)zProblem;
}

/* A small graph for payload replay: two labelled nodes, one relationship. */
static void fuzzStoreSeed(Graph *g) {
  intern_add(&g->labels, "A", 1);
  intern_add(&g->types, "R", 1);
  intern_add(&g->keys, "k", 1);
  NodeId a = graph_add_node(g), b = graph_add_node(g);
  graph_add_label(g, a, 0);
  Value v = value_int(1);
  graph_set_prop(g, ENT_NODE, b, 0, &v);
  graph_add_rel(g, 0, a, b);
}

static int fuzzOne(const char *z, size_t n) {
  if (n == 0) return 0;
  int eMode = (unsigned char)z[0] % 5;
  z++;
  n--;
  Graph *g = graph_new();
  TgError err;
  error_clear(&err);
  int bBroken = 0;
  if (eMode == 0 || eMode == 1 || eMode == 4) {
    int fd = fuzzStoreFile(z, n);
    SnapshotLoad load = {.bNoChecksum = eMode == 1, .bSalvage = eMode == 4};
    strbuf_init(&load.report);
    bool bOk = snapshot_load(g, fd, "fuzz", &load, &err);
    close(fd);
    strbuf_free(&load.report);
    if (!bOk && err.zMsg[0] == 0) bBroken = 1;
    if (bOk && eMode != 1 && integrity_check(g, 10, fuzzStoreIgnore, NULL) != 0) bBroken = 1;
    if (bOk && eMode == 1) integrity_check(g, 10, fuzzStoreIgnore, NULL);
  } else if (eMode == 2) {
    char zPath[] = "/tmp/tangle-fuzz-wal-XXXXXX";
    int fd = mkstemp(zPath);
    if (fd < 0) abort();
    if (n && write(fd, z, n) != (ssize_t)n) abort();
    close(fd);
    WalScan s;
    if (wal_scan_open(&s, zPath, &err)) {
      const uint8_t *p;
      size_t nRec;
      uint64_t iSeq;
      while (wal_scan_next(&s, &p, &nRec, &iSeq)) {
        error_clear(&err);
        if (!redo_apply(g, p, nRec, "fuzz", &err)) break;
      }
      wal_scan_close(&s);
    } else if (err.zMsg[0] == 0) {
      bBroken = 1;
    }
    unlink(zPath);
  } else {
    fuzzStoreSeed(g);
    if (!redo_apply(g, (const uint8_t *)z, n, "fuzz", &err) && err.zMsg[0] == 0) bBroken = 1;
    if (integrity_check(g, 10, fuzzStoreIgnore, NULL) != 0) bBroken = 1;
  }
  graph_free(g);
  return bBroken;
}

#include "fuzz_replay.h"
