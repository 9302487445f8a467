/*
** fuzz_import.c — fuzzing the bulk import (engine/store/import.c: headers,
** typed columns, ids and groups, arrays, bad rows), and replaying
** tests/fuzz/import.
**
** An input is a node file and a relationship file separated by a line
** "----"; the first byte chooses --skip-bad-rows (odd) or not. The files
** are written to a private temporary directory and imported into an empty
** database. Promises checked besides not crashing: a failed import leaves
** the database empty; a successful one holds exactly the nodes and
** relationships its statistics report; and files cut into ranges of 1 to
** 8 bytes (the first byte's bits 1-3; import.c's units for several
** workers) import exactly as whole ones: same outcome, counts and error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tangle.h"

static char fuzzImportDirName[64];

static void fuzzImportRemoveDir(void) { rmdir(fuzzImportDirName); }

/* The private directory for the two files, made once per process and
** removed at exit. */
static const char *fuzzImportDir(void) {
  if (fuzzImportDirName[0] == 0) {
    snprintf(fuzzImportDirName, sizeof(fuzzImportDirName), "/tmp/tangle-fuzz-import-XXXXXX");
    if (mkdtemp(fuzzImportDirName) == NULL) abort();
    atexit(fuzzImportRemoveDir);
  }
  return fuzzImportDirName;
}

/* Writes n bytes to zPath. */
static void fuzzWrite(const char *zPath, const char *z, size_t n) {
  FILE *f = fopen(zPath, "wb");
  if (f == NULL) abort();
  if (n && fwrite(z, 1, n, f) != n) abort();
  fclose(f);
}

static int fuzzImportOnce(const char *zNodes, const char *zRelFile, int bSkip, int64_t a[4],
                          char *zErr, size_t nErr);

static int fuzzOne(const char *z, size_t n) {
  int bSkip = n && (z[0] & 1);
  const char *zIn = n ? z + 1 : z;
  size_t nIn = n ? n - 1 : 0;
  size_t nNodes = nIn;
  const char *zRels = NULL;
  for (size_t i = 0; i + 4 <= nIn; i++) {
    if ((i == 0 || zIn[i - 1] == '\n') && memcmp(zIn + i, "----", 4) == 0) {
      nNodes = i;
      zRels = zIn + i + 4;
      if (zRels < zIn + nIn && *zRels == '\n') zRels++;
      break;
    }
  }
  char zNodes[128], zRelFile[128];
  snprintf(zNodes, sizeof(zNodes), "%s/nodes.csv", fuzzImportDir());
  snprintf(zRelFile, sizeof(zRelFile), "%s/rels.csv", fuzzImportDir());
  fuzzWrite(zNodes, zIn, nNodes);
  if (zRels) fuzzWrite(zRelFile, zRels, (size_t)(zIn + nIn - zRels));

  int bBad = 0;
  char zChunk[8], zErrWhole[512];
  snprintf(zChunk, sizeof(zChunk), "%d", n ? ((z[0] >> 1) & 7) + 1 : 1);
  int64_t aWhole[4];
  for (int iRun = 0; iRun < 2 && !bBad; iRun++) {
    if (iRun == 0) unsetenv("TANGLE_IMPORT_CHUNK");
    else setenv("TANGLE_IMPORT_CHUNK", zChunk, 1);
    int64_t a[4];
    char zErr[512];
    bBad = fuzzImportOnce(zNodes, zRels ? zRelFile : NULL, bSkip, a, zErr, sizeof(zErr));
    if (iRun == 0) {
      memcpy(aWhole, a, sizeof(a));
      memcpy(zErrWhole, zErr, sizeof(zErr));
    } else if (memcmp(a, aWhole, sizeof(a)) != 0 || strcmp(zErr, zErrWhole) != 0) {
      bBad = 1;
    }
  }
  unsetenv("TANGLE_IMPORT_CHUNK");
  unlink(zNodes);
  if (zRels) unlink(zRelFile);
  return bBad;
}

/* Imports the files once; a[] gets the return code, nodes, relationships
** and bad rows, zErr the error message. Returns 1 when a promise broke. */
static int fuzzImportOnce(const char *zNodes, const char *zRelFile, int bSkip, int64_t a[4],
                          char *zErr, size_t nErr) {
  const char *zRels = zRelFile;
  tg_db *pDb;
  tg_open(&pDb);
  const char *azNode[] = {zNodes};
  const char *azRel[] = {zRelFile};
  tg_import_opts opts;
  memset(&opts, 0, sizeof(opts));
  opts.bSkipBadRows = bSkip;
  tg_import_stats stats;
  memset(&stats, 0, sizeof(stats));
  int rc = tg_import(pDb, 1, azNode, zRels ? 1 : 0, azRel, &opts, &stats);
  int bBad;
  if (rc == TG_OK) {
    bBad = tg_node_count(pDb) != stats.nNodes || tg_relationship_count(pDb) != stats.nRels;
  } else {
    bBad = tg_node_count(pDb) != 0 || tg_relationship_count(pDb) != 0;
  }
  a[0] = rc;
  a[1] = stats.nNodes;
  a[2] = stats.nRels;
  a[3] = stats.nBadRows;
  snprintf(zErr, nErr, "%s", rc == TG_OK ? "" : tg_errmsg(pDb));
  tg_close(pDb);
  return bBad;
}

#include "fuzz_replay.h"
