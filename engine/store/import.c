/*
** import.c — bulk import of CSV files in neo4j-admin import's format
** (tg_import in tangle.h) into an empty database.
**
** Input. Each node or relationship "source" is a spec "[Name=]FILE[,FILE...]".
** Its files are read as one logical file whose first record is the header,
** so "header.csv,part1.csv,part2.csv" gives a header in a file of its own
** (neo4j-admin's rule). Header fields are `name:type{options}`:
**
**   name:ID(group)        node id; `name` also stores it as a property.
**                         As neo4j-admin's default --id-type=string, the
**                         property is a string; `{id-type:long}` (or int)
**                         makes ids integers and the property an integer.
**                         `:ID` with no name keeps the id out of the graph.
**   :START_ID(g) :END_ID(g)  relationship ends, looked up in group g
**                         (the default group when no group is named)
**   :LABEL  :TYPE         labels (split on the array delimiter) / the type
**   name:T, name:T[]      property of type string (default), char, int,
**                         long, short, byte, float, double, boolean, date,
**                         localtime, time, localdatetime, datetime,
**                         duration (Cypher's ISO 8601 text; a time or
**                         datetime without an offset or zone is in UTC),
**                         point ({x:1, y:2}, {latitude:55.6,
**                         longitude:13.0, crs:WGS-84}; the header's
**                         {crs:...} is the default CRS);
**                         T[] splits the field on the array delimiter
**   :IGNORE               a column to skip
**
** Labels are the spec's (Label=, or Label1:Label2=) plus the :LABEL column;
** when there is neither, the file name without its extension (and without a
** trailing "_header") is the label: Person.csv holds :Person nodes. A
** relationship's type is its :TYPE field, else the spec's, else the file
** name: Person_knows_Person.csv holds :Person_knows_Person relationships.
** An empty unquoted field sets no property; "" sets an empty string.
**
** Bad rows (wrong field count, unparsable value, empty or duplicate id,
** dangling relationship end, malformed CSV, a field that is not UTF-8) stop
** the import with an error naming file and line, and the database is left
** empty; with bSkipBadRows they are counted, passed to xBadRow and
** skipped. As in neo4j-admin, a quoted field may not span lines unless
** bMultilineFields is set, so one stray quote spoils one row rather than
** swallowing the rows after it. A header error, an unknown id group, an
** unreadable file, a field or record past the csv.max_field /
** csv.max_record settings, or an interrupt always stops the import.
**
** How it runs. Parsing is spread over worker threads (one per core, at
** most four; TANGLE_IMPORT_THREADS overrides) while the calling thread
** alone writes the graph. The work comes in units: a file, or a range of
** about 1 MiB of a large one that begins after a line feed (a record never
** spans lines unless bMultilineFields is set, which keeps files whole), so
** that one big relationship file keeps every core busy. Workers turn
** records into batches of parsed rows (typed property values, ids already
** hashed) and queue them per unit; the main thread takes the units in
** command-line and file order and turns each row's line within its range
** into its line in the file, so node ids, relationship ids and error
** reports are the same whatever the thread timing and the cuts. Nodes are
** loaded first (the main thread fills one table per id group, sized from
** the files, the ids inline in its slots); then relationship files are
** parsed, and because the id tables no longer change, workers resolve both
** ends themselves, a batch at a time with the slots fetched ahead, and hand
** over node ids. A bounded queue per unit, and a window of units that
** workers may parse ahead of the main thread, keep memory flat. Relationship records are
** appended unlinked, and at the end every adjacency list is written once,
** directly in graph_compact()'s packed layout (see "The bulk relationship
** store" below).
**
** Writes go straight to the graph with no undo log; on failure
** graph_clear() empties it. The database must hold no live node or
** relationship (slots left by deleted ones are fine; indexes are kept and
** filled as nodes arrive). xProgress, called from the calling thread about
** once a second, gets the file being loaded, the rows of its source taken
** so far and the seconds since that source began.
*/
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/csv.h"
#include "store/db.h"
#include "store/graph.h"
#include "base/htab.h"
#include "base/mem.h"
#include "store/durable.h"
#include "store/index.h"
#include "tangle.h"
#include "value/point.h"
#include "value/temporal_parse.h"

/* ======================================================================
** Types
** ==================================================================== */

/* Column kinds. */
#define ICOL_PROP 0
#define ICOL_ID 1
#define ICOL_START 2
#define ICOL_END 3
#define ICOL_LABEL 4
#define ICOL_TYPE 5
#define ICOL_IGNORE 6

/* Property value types. */
#define ITYPE_STRING 0
#define ITYPE_INT 1
#define ITYPE_FLOAT 2
#define ITYPE_BOOL 3
#define ITYPE_TEMPORAL 4   /* ImpCol.eTemporal says which */
#define ITYPE_POINT 5      /* {x:1, y:2, crs:cartesian}; ImpCol.iSrid the default CRS */

/* One header column. Built by the main thread before parsing starts and
** read-only afterwards. */
typedef struct ImpCol {
  uint8_t eKind;         /* ICOL_* */
  uint8_t eType;         /* ITYPE_* (properties) */
  uint8_t eTemporal;     /* ITYPE_TEMPORAL: VAL_DATE .. VAL_DURATION */
  bool bArray;           /* type[] */
  int32_t iSrid;         /* ITYPE_POINT: the srid of the header's {crs:...}, or 0 */
  int64_t iMin, iMax;    /* range of ITYPE_INT (byte, short, int, long) */
  char *zHead;           /* the header field as written, for messages */
  char *zName;           /* property name (PROP, named ID), else NULL */
  uint32_t key;          /* its interned property key */
  int iGroup;            /* id group (ID, START_ID, END_ID), else -1 */
  int iProp;             /* slot among the row's property values, or -1 */
} ImpCol;

/* A parsed id: an integer, or a string that is not a canonical integer.
** Canonical decimal strings ("42", "-7", not "042") become integers, so a
** string id and an integer id are equal exactly when their text is. */
typedef struct ImpKey {
  uint64_t h;            /* hash (XXH3) */
  int64_t i;             /* the integer, when z is NULL */
  const char *z;         /* the id's bytes, or NULL for an integer */
  uint32_t n;            /* bytes of z */
} ImpKey;

/* One slot of an id group's table: 16 bytes, the id itself inline, so a
** lookup of an integer id touches one cache line (millions of random
** lookups make the misses most of a relationship file's cost). A string
** id's slot keeps its pool offset and the top bits of its hash, so a probe
** reads the pool only when the hash bits and the length agree. */
typedef struct ImpIdSlot {
  uint64_t iKey;         /* integer id, or the hash's top 24 bits | pool offset */
  uint32_t nStr;         /* 0 for an integer id, else bytes of the string id */
  uint32_t node1;        /* the node + 1; 0 marks an empty slot */
} ImpIdSlot;

#define IMP_STR_OFF_BITS 40   /* pool offsets below 1 TiB */
#define IMP_MAX_SLOTS ((uint64_t)1 << 32)          /* an id table's largest size */
#define IMP_MAX_IDS ((uint32_t)(IMP_MAX_SLOTS / 4 * 3)) /* ids one group holds: 3/4 of it */
#define IMP_STR_OFF_MASK (((uint64_t)1 << IMP_STR_OFF_BITS) - 1)

/* An id space: external ids to nodes, in an open-addressing table with
** linear probing (grown at 3/4 load). Filled by the main thread while
** nodes load; only read (by workers too) while relationships load. */
typedef struct ImpGroup {
  char *zName;           /* "" for the default group */
  bool bIntIds;          /* {id-type:long}: ids are integers */
  ImpIdSlot *aSlot;      /* nMask + 1 slots, or NULL while empty */
  uint32_t nMask;
  uint32_t nUsed;
  VEC(char) pool;        /* bytes of string ids */
} ImpGroup;

/* One parsed row, as a worker hands it to the main thread. */
typedef struct ImpRow {
  int64_t iLine;         /* 1-based line in its file */
  const char *zBad;      /* why the row is bad (batch arena), or NULL */
  Value *aProp;          /* property values by ImpCol.iProp (null: none) */
  const char *zTags;     /* :LABEL / :TYPE field (batch arena), or NULL */
  uint32_t nTags;        /* its bytes */
  uint16_t iFile;        /* file within the source */
  bool bFatal;           /* stops the import even when skipping bad rows */
  uint8_t eFatalKind;    /* ... with this TG_ERR_* kind (IO, LIMIT, INTERRUPT) */
  uint8_t fEnds;         /* relationship rows: bit e set when aEnd[e] was parsed */
  ImpKey key;            /* node rows: the id (bytes in the batch arena) */
  ImpKey aEnd[2];        /* relationship rows: the start and end ids, until resolved */
  NodeId src, dst;       /* relationship rows: the resolved ends */
} ImpRow;

#define IMP_BATCH_ROWS 8192   /* rows per batch */
#define IMP_MAX_QUEUED 8      /* batches queued per unit before a worker waits: more
                              ** than a 1 MiB unit of short rows fills, so a worker
                              ** ahead of the main thread finishes its unit */

/* A batch of rows and the arena holding their strings and values. */
typedef struct ImpBatch {
  struct ImpBatch *pNext;
  Arena arena;
  uint32_t nRow;
  ImpRow aRow[IMP_BATCH_ROWS];
} ImpBatch;

/* One --nodes / --relationships source. */
typedef struct ImpSource {
  bool bRel;             /* relationship source */
  char **azFile;         /* the files (heap copies) */
  int nFile;
  uint32_t *aLabel;      /* node labels given to every row */
  uint32_t nLabel;
  int64_t iType;         /* default relationship type id, or -1 */
  ImpCol *aCol;          /* header columns */
  uint32_t nCol;
  uint32_t nProp;        /* property columns */
  uint32_t *aPropKey;    /* property key by ImpCol.iProp */
  int iId, iStart, iEnd, iTags;  /* column indexes, or -1 */
  int64_t iHeaderEnd;    /* offset in its first file just past the header record */
  int iFirstUnit, nUnit; /* its units of work (Importer.units) */
  int64_t nRowsGuess;    /* rows, as guessed from its files' sizes (impPlanUnits) */
  int64_t nRows;         /* rows taken by the main thread */
} ImpSource;

/* A unit of parsing work: one file of a source, or a byte range of a
** large one. A range starts just after a line feed and ends with one, so
** it holds whole records: without bMultilineFields no record spans a line
** break. Splitting one large file lets every worker parse it at once. */
typedef struct ImpUnit {
  int iSrc;
  uint16_t iFile;        /* file within the source */
  bool bHeader;          /* begins with the source's header record (skipped) */
  int64_t iOff, nLen;    /* the byte range; nLen < 0: to the end of the file */
  /* Queue of parsed batches (guarded by Importer.mu). */
  ImpBatch *pHead, *pTail;
  uint32_t nQueued;
  bool bDone;            /* the worker has queued its last batch */
  int64_t nLines;        /* line breaks in the range, once bDone */
} ImpUnit;

typedef struct Importer {
  tg_db *pDb;
  Graph *g;
  MemBudget *pBudget;    /* the import's memory budget, which its workers count against */
  tg_import_opts opts;   /* with defaults filled in */
  ImpSource *aSrc;       /* node sources first, then relationship sources */
  int nSrc;
  int nNodeSrc;
  VEC(ImpGroup) groups;
  VEC(ImpUnit) units;    /* every source's units, in source order */
  /* Shared with workers (guarded by mu). */
  pthread_mutex_t mu;
  pthread_cond_t cvData;    /* a batch was queued */
  pthread_cond_t cvSpace;   /* a batch was taken (or the import stops) */
  int iNext;                /* next unit a worker takes */
  int iPhaseEnd;            /* units of this phase end here */
  int iMainUnit;            /* the unit the main thread is taking rows from */
  int nWindow;              /* units from iMainUnit on that workers may parse */
  bool bStop;               /* stop parsing (error) */
  bool bNoWait;             /* no worker threads: queues are unbounded */
  ImpBatch *pFree;          /* recycled batches */
  /* Main thread only. */
  tg_import_stats stats;
  double tStart;
  double tLastProgress;
} Importer;

/* ======================================================================
** Private prototypes
** ==================================================================== */

static double impNow(void);
static bool impFail(Importer *imp, int code, const char *zFile, int64_t iLine, const char *zFmt, ...)
    TG_PRINTF(5, 6);

/* ======================================================================
** The API
** ==================================================================== */

static bool impPrepare(Importer *imp, int nNodeSpec, const char *const *azNodeSpec,
                       int nRelSpec, const char *const *azRelSpec);
static void impPlanUnits(Importer *imp, int iSrc);
static void impReserveGroups(Importer *imp);
static bool impRunPhase(Importer *imp, int iFirst, int iEnd);
static bool impMemoryFits(Importer *imp, const char *zFile, int64_t iLine);
static void impLinkRels(Importer *imp);
static void impFreeGroups(Importer *imp);
static void impFree(Importer *imp);

/*
** tg_import: see tangle.h and the file comment. Returns TG_OK, or TG_ERROR
** with pDb's error naming file and line and the graph emptied. pStats may
** be NULL; it is filled in either way.
*/
int tg_import(tg_db *pDb, int nNodeSpec, const char *const *azNodeSpec, int nRelSpec,
              const char *const *azRelSpec, const tg_import_opts *pOpts, tg_import_stats *pStats) {
  Importer imp;
  memset(&imp, 0, sizeof(imp));
  imp.pDb = pDb;
  imp.g = pDb->pGraph;
  if (pOpts) imp.opts = *pOpts;
  if (imp.opts.cDelimiter == 0) imp.opts.cDelimiter = ',';
  if (imp.opts.cArrayDelimiter == 0) imp.opts.cArrayDelimiter = ';';
  imp.tStart = imp.tLastProgress = impNow();
  error_clear(&pDb->err);
  pDb->bInterrupt = 0;
  pthread_mutex_init(&imp.mu, NULL);
  pthread_cond_init(&imp.cvData, NULL);
  pthread_cond_init(&imp.cvSpace, NULL);

  bool bOk = true;
  if (pDb->bInTxn) {
    bOk = impFail(&imp, TG_ERR_SEMANTIC, NULL, 0, "cannot import inside a transaction; COMMIT or ROLLBACK first");
  } else if (pDb->nStreaming > 0 || imp.g->pUndo) {
    bOk = impFail(&imp, TG_ERR_SEMANTIC, NULL, 0, "cannot import while a statement is running");
  } else if (imp.g->nNodeLive || imp.g->nRelLive) {
    bOk = impFail(&imp, TG_ERR_SEMANTIC, NULL, 0,
                  "the database is not empty: import loads into an empty database");
  } else if (!csv_delimiter_ok(imp.opts.cDelimiter)) {
    bOk = impFail(&imp, TG_ERR_ARGUMENT, NULL, 0, "the delimiter cannot be '%c'",
                  imp.opts.cDelimiter);
  } else if (imp.opts.cArrayDelimiter == imp.opts.cDelimiter) {
    bOk = impFail(&imp, TG_ERR_ARGUMENT, NULL, 0,
                  "the array delimiter must differ from the field delimiter");
  }
  bool bStarted = bOk;   /* from here on a failure empties the graph */
  mem_budget_begin(pDb->nMaxMemory);   /* an import is held to a statement's budget */
  if (bOk) bOk = impPrepare(&imp, nNodeSpec, azNodeSpec, nRelSpec, azRelSpec);
  if (bOk) impReserveGroups(&imp);
  if (bOk) bOk = impRunPhase(&imp, 0, imp.nNodeSrc);
  if (bOk) bOk = impRunPhase(&imp, imp.nNodeSrc, imp.nSrc);
  if (bOk) {
    impFreeGroups(&imp);   /* the id tables are done with: free them before the slab */
    impLinkRels(&imp);
    bOk = impMemoryFits(&imp, NULL, 0);
  }
  if (bOk && index_violated(imp.g)) {
    /* A constraint the imported data breaks that rows are not checked
    ** against one by one (existence, type, key; uniqueness of
    ** relationships): nothing is kept. */
    StrBuf why;
    strbuf_init(&why);
    const GraphSite *pSite;
    if (!index_describe_duplicate(imp.g, &why, &pSite)) index_describe_broken(imp.g, &why);
    bOk = impFail(&imp, TG_ERR_CONSTRAINT, NULL, 0, "the import would break the %s", strbuf_cstr(&why));
    strbuf_free(&why);
  }
  mem_budget_end();
  /* On disk, an import is kept by a checkpoint: the snapshot holds it. */
  if (bOk && pDb->pDurable && !durable_checkpoint(pDb->pDurable, imp.g, &pDb->err)) bOk = false;
  if (!bOk) {
    if (bStarted) graph_clear(imp.g);
    imp.stats.nNodes = imp.stats.nRels = 0;
  }
  imp.g->iVersion++;
  imp.stats.seconds = impNow() - imp.tStart;
  if (pStats) *pStats = imp.stats;
  impFree(&imp);
  pthread_cond_destroy(&imp.cvSpace);
  pthread_cond_destroy(&imp.cvData);
  pthread_mutex_destroy(&imp.mu);
  return bOk ? TG_OK : TG_ERROR;
}

/* ======================================================================
** Errors and small helpers
** ==================================================================== */

static double impNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
** Sets the database error (first one wins): "FILE:LINE: message" when a
** file is known (LINE omitted when 0), with the file and line recorded for
** tg_error_file(). Always returns false, for `return impFail(...)`.
*/
static bool impFail(Importer *imp, int code, const char *zFile, int64_t iLine, const char *zFmt, ...) {
  TgError *pErr = &imp->pDb->err;
  if (pErr->code) return false;
  char zMsg[400];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  if (zFile && iLine > 0) {
    error_raw(pErr, code, "", "%s:%lld: %s", zFile, (long long)iLine, zMsg);
  } else if (zFile) {
    error_raw(pErr, code, "", "%s: %s", zFile, zMsg);
  } else {
    error_raw(pErr, code, "", "%s", zMsg);
  }
  if (zFile) error_in_file(pErr, zFile, iLine);
  pErr->bRuntime = true;
  return false;
}

/* Case-insensitive comparison of z[0..n) with the lower-case literal zLit. */
static bool impIs(const char *z, size_t n, const char *zLit) {
  size_t m = strlen(zLit);
  if (n != m) return false;
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != zLit[i]) return false;
  }
  return true;
}

/* Trims ASCII spaces and tabs from both ends of [*pz, *pz + *pn). */
static void impTrim(const char **pz, uint32_t *pn) {
  const char *z = *pz;
  uint32_t n = *pn;
  while (n && (z[0] == ' ' || z[0] == '\t')) z++, n--;
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  *pz = z;
  *pn = n;
}

/* A printable excerpt of a field for messages (at most 40 bytes). */
static const char *impExcerpt(char *zBuf, size_t nBuf, const char *z, uint32_t n) {
  if (n > 40) {
    snprintf(zBuf, nBuf, "%.37s...", z);
  } else {
    snprintf(zBuf, nBuf, "%.*s", (int)n, z);
  }
  for (char *p = zBuf; *p; p++) {
    if ((uint8_t)*p < 0x20) *p = ' ';
  }
  return zBuf;
}

/* ======================================================================
** Ids
** ==================================================================== */

/* Parses a decimal integer (optional sign, digits only). */
static bool impParseInt(const char *z, uint32_t n, int64_t *pOut) {
  if (n == 0) return false;
  bool bNeg = false;
  uint32_t i = 0;
  if (z[0] == '-' || z[0] == '+') {
    bNeg = z[0] == '-';
    i = 1;
    if (n == 1) return false;
  }
  uint64_t v = 0;
  const uint64_t lim = bNeg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  /* Eighteen digits cannot overflow: only longer ids pay for the check. */
  bool bCheck = n - i > 18;
  for (; i < n; i++) {
    unsigned d = (unsigned)(uint8_t)z[i] - '0';
    if (d > 9) return false;
    if (bCheck && v > (lim - d) / 10) return false;
    v = v * 10 + d;
  }
  *pOut = bNeg ? (int64_t)(0 - v) : (int64_t)v;
  return true;
}

/* Is z[0..n) the canonical text of an integer (what %lld would print)? */
static bool impCanonicalInt(const char *z, uint32_t n, int64_t *pOut) {
  if (n == 0 || n > 20) return false;
  uint32_t i = z[0] == '-' ? 1 : 0;
  if (i == n) return false;
  if (z[i] == '0' && (n - i > 1 || i == 1)) return false;   /* "007", "-0" */
  if (z[i] < '0' || z[i] > '9') return false;               /* "+5" */
  return impParseInt(z, n, pOut);
}

/*
** Makes the key of id text z[0..n) in a group. Integer groups accept any
** integer text (surrounding spaces allowed); string groups keep the text
** as it is. Returns false when an integer group's id is not an integer.
*/
static bool impMakeKey(const ImpGroup *grp, const char *z, uint32_t n, ImpKey *pKey) {
  int64_t i;
  if (grp->bIntIds) {
    impTrim(&z, &n);
    if (!impParseInt(z, n, &i)) return false;
  } else if (!impCanonicalInt(z, n, &i)) {
    pKey->z = z;
    pKey->n = n;
    pKey->i = 0;
    pKey->h = htab_hash_bytes(z, n);
    return true;
  }
  pKey->z = NULL;
  pKey->n = 0;
  pKey->i = i;
  pKey->h = htab_hash_u64((uint64_t)i);
  return true;
}

/* Does slot p hold key k? */
static bool impSlotHolds(const ImpGroup *grp, const ImpIdSlot *p, const ImpKey *k) {
  if (k->z == NULL) return p->nStr == 0 && (int64_t)p->iKey == k->i;
  return p->nStr == k->n && (p->iKey & ~IMP_STR_OFF_MASK) == (k->h & ~IMP_STR_OFF_MASK) &&
         memcmp(grp->pool.a + (p->iKey & IMP_STR_OFF_MASK), k->z, k->n) == 0;
}

/* Asks the CPU for the cache line where a lookup of hash h starts, so
** that a batch of lookups overlaps its misses. */
static void impPrefetch(const ImpGroup *grp, uint64_t h) {
#if defined(__GNUC__)
  if (grp->aSlot) __builtin_prefetch(&grp->aSlot[h & grp->nMask]);
#else
  (void)grp, (void)h;
#endif
}

/* The node with the key, or GRAPH_NO_ID. */
static NodeId impLookup(const ImpGroup *grp, const ImpKey *k) {
  if (grp->aSlot == NULL) return GRAPH_NO_ID;
  for (uint32_t i = (uint32_t)k->h & grp->nMask;; i = (i + 1) & grp->nMask) {
    const ImpIdSlot *p = &grp->aSlot[i];
    if (p->node1 == 0) return GRAPH_NO_ID;
    if (impSlotHolds(grp, p, k)) return p->node1 - 1;
  }
}

/* Puts slot e into the first free slot from hash h's home. */
static void impPlace(ImpGroup *grp, uint64_t h, const ImpIdSlot *e) {
  uint32_t i = (uint32_t)h & grp->nMask;
  while (grp->aSlot[i].node1) i = (i + 1) & grp->nMask;
  grp->aSlot[i] = *e;
}

/* Makes the table nSlot slots (a power of two, more than its entries) and
** reinserts its slots. A large table is prefaulted (mem.h) before it is
** cleared: one fault per huge page instead of one per page. */
static void impResize(ImpGroup *grp, uint64_t nSlot) {
  uint64_t nOld = grp->aSlot ? (uint64_t)grp->nMask + 1 : 0;
  ImpIdSlot *aOld = grp->aSlot;
  grp->aSlot = tg_malloc(sizeof(ImpIdSlot) * nSlot);
  if (nSlot >= ((uint64_t)1 << 16)) mem_prefault(grp->aSlot, sizeof(ImpIdSlot) * nSlot);
  memset(grp->aSlot, 0, sizeof(ImpIdSlot) * nSlot);
  grp->nMask = (uint32_t)(nSlot - 1);
  for (uint64_t i = 0; i < nOld; i++) {
    const ImpIdSlot *e = &aOld[i];
    if (e->node1 == 0) continue;
    uint64_t h = e->nStr == 0
        ? htab_hash_u64(e->iKey)
        : htab_hash_bytes(grp->pool.a + (e->iKey & IMP_STR_OFF_MASK), e->nStr);
    impPlace(grp, h, e);
  }
  tg_free(aOld);
}

/* Sizes an empty group's table for about nRows ids, as guessed from the
** size of its node files (impPlanUnits): growing a table of millions of
** slots by doubling costs more than the nodes themselves. A guess is only
** a guess, so the table is held to nMaxBytes (a share of the memory
** budget): a wrong one must not fail an import that fits, and the table
** still grows past the guess when the ids come. */
static void impReserve(ImpGroup *grp, int64_t nRows, int64_t nMaxBytes) {
  uint64_t nSlot = 1024;
  while (nSlot < IMP_MAX_SLOTS && (uint64_t)nRows * 4 > nSlot * 3 &&
         sizeof(ImpIdSlot) * nSlot * 2 <= (uint64_t)nMaxBytes) {
    nSlot *= 2;
  }
  if (grp->aSlot == NULL && nSlot > 1024) impResize(grp, nSlot);
}

/* Records key -> node (the key must be absent, and the group must hold
** fewer than IMP_MAX_IDS ids: impApplyNode checks). */
static void impRemember(ImpGroup *grp, const ImpKey *k, NodeId node) {
  if (grp->aSlot == NULL || (uint64_t)(grp->nUsed + 1) * 4 > ((uint64_t)grp->nMask + 1) * 3) {
    impResize(grp, grp->aSlot ? ((uint64_t)grp->nMask + 1) * 2 : 1024);
  }
  ImpIdSlot e;
  e.node1 = node + 1;
  if (k->z) {
    e.iKey = (k->h & ~IMP_STR_OFF_MASK) | (uint64_t)grp->pool.n;
    e.nStr = k->n;
    vec_reserve(&grp->pool, grp->pool.n + k->n);
    memcpy(grp->pool.a + grp->pool.n, k->z, k->n);
    grp->pool.n += k->n;
  } else {
    e.iKey = (uint64_t)k->i;
    e.nStr = 0;
  }
  impPlace(grp, k->h, &e);
  grp->nUsed++;
}

/* The group named z[0..n), or -1. */
static int impFindGroup(const Importer *imp, const char *z, size_t n) {
  for (uint32_t i = 0; i < imp->groups.n; i++) {
    const char *zG = imp->groups.a[i].zName;
    if (strlen(zG) == n && memcmp(zG, z, n) == 0) return (int)i;
  }
  return -1;
}

/* Text of an id for messages: a key's bytes or its integer. */
static const char *impKeyText(char *zBuf, size_t nBuf, const ImpKey *k) {
  if (k->z) return impExcerpt(zBuf, nBuf, k->z, k->n);
  snprintf(zBuf, nBuf, "%lld", (long long)k->i);
  return zBuf;
}

/* ======================================================================
** Headers and specs
** ==================================================================== */

/* The reader's xStop: was the import interrupted? Workers ask it before
** every read, so a file that never ends still lets the import stop. */
static bool impMustStop(void *pArg) { return ((tg_db *)pArg)->bInterrupt != 0; }

/*
** Opens one input file for reading with the import's choices: its
** delimiter, the database's csv.max_field / csv.max_record caps, quoted
** line breaks only with bMultilineFields, UTF-8 required. Returns false
** with rd->zErr set; the reader must be closed either way.
*/
static bool impOpenCsv(const Importer *imp, CsvReader *rd, const char *zFile, int64_t iOff,
                       int64_t nLen) {
  if (!csv_open_file_range(rd, zFile, imp->opts.cDelimiter, iOff, nLen)) return false;
  CsvOptions o = {0};
  o.nMaxField = (size_t)imp->pDb->nCsvMaxField;
  o.nMaxRecord = (size_t)imp->pDb->nCsvMaxRecord;
  o.bMultiline = imp->opts.bMultilineFields != 0;
  o.bUtf8 = true;
  o.xStop = impMustStop;
  o.pStopArg = imp->pDb;
  csv_set_options(rd, &o);
  return true;
}

/* Property types of the header, with the integer ranges. */
static const struct {
  const char *zName;
  uint8_t eType;
  uint8_t eTemporal;       /* the VAL_* type of ITYPE_TEMPORAL */
  int64_t iMin, iMax;
} aImpType[] = {
    {"string", ITYPE_STRING, 0, 0, 0},
    {"char", ITYPE_STRING, 0, 0, 0},
    {"int", ITYPE_INT, 0, INT32_MIN, INT32_MAX},
    {"long", ITYPE_INT, 0, INT64_MIN, INT64_MAX},
    {"short", ITYPE_INT, 0, INT16_MIN, INT16_MAX},
    {"byte", ITYPE_INT, 0, INT8_MIN, INT8_MAX},
    {"float", ITYPE_FLOAT, 0, 0, 0},
    {"double", ITYPE_FLOAT, 0, 0, 0},
    {"boolean", ITYPE_BOOL, 0, 0, 0},
    {"date", ITYPE_TEMPORAL, VAL_DATE, 0, 0},
    {"localtime", ITYPE_TEMPORAL, VAL_LOCALTIME, 0, 0},
    {"time", ITYPE_TEMPORAL, VAL_TIME, 0, 0},
    {"localdatetime", ITYPE_TEMPORAL, VAL_LOCALDATETIME, 0, 0},
    {"datetime", ITYPE_TEMPORAL, VAL_DATETIME, 0, 0},
    {"duration", ITYPE_TEMPORAL, VAL_DURATION, 0, 0},
    {"point", ITYPE_POINT, 0, 0, 0},
};

/* The default CRS a point column's header options name ({crs:WGS-84} or
** {srid:4326}); 0 when they name none. False with zErr on a bad one. */
static bool impPointOptions(const ImpCol *pCol, const char *zOpt, size_t nOpt, int32_t *piSrid,
                            char *zErr, size_t nErr) {
  *piSrid = 0;
  if (zOpt == NULL) return true;
  Arena a;
  arena_init(&a);
  char *zText = arena_alloc(&a, nOpt + 3);
  zText[0] = '{';
  memcpy(zText + 1, zOpt, nOpt);
  zText[nOpt + 1] = '}';
  zText[nOpt + 2] = 0;
  Value map;
  char zWhy[200];
  bool bOk = point_parse_map_text(&a, zText, nOpt + 2, &map, zWhy, sizeof(zWhy));
  const PointCrs *pCrs = NULL;
  if (bOk) {
    const Value *pCrsName = value_map_get(&map, "crs", 3), *pSrid = value_map_get(&map, "srid", 4);
    if (pCrsName && pCrsName->type == VAL_STRING) pCrs = point_crs_by_name(pCrsName->u.z, pCrsName->n);
    else if (pSrid && pSrid->type == VAL_INT) pCrs = point_crs_by_srid(pSrid->u.i);
    bOk = pCrs != NULL || (pCrsName == NULL && pSrid == NULL);
    if (!bOk) snprintf(zWhy, sizeof(zWhy), "unknown coordinate reference system");
  }
  if (bOk) {
    *piSrid = pCrs ? pCrs->srid : 0;
  } else {
    snprintf(zErr, nErr, "column '%s': %s", pCol->zHead, zWhy);
  }
  arena_free(&a);
  return bOk;
}

/* A point from neo4j-admin's text, the column's default CRS applying when
** the text names none. Returns NULL or a message (pA). */
static const char *impParsePoint(const ImpCol *c, const char *z, uint32_t n, Arena *pA, Value *pOut) {
  Value map;
  char zWhy[256];
  char zEx[64];
  if (!point_parse_map_text(pA, z, n, &map, zWhy, sizeof(zWhy))) {
    return arena_printf(pA, "column '%s': '%s': %s", c->zHead, impExcerpt(zEx, sizeof(zEx), z, n), zWhy);
  }
  if (c->iSrid && !value_map_get(&map, "crs", 3) && !value_map_get(&map, "srid", 4)) {
    Value m2 = value_map_new(pA, map.n + 1);
    if (map.n) memcpy(m2.u.m, map.u.m, sizeof(MapEntry) * map.n);
    m2.u.m[map.n].zKey = "srid";
    m2.u.m[map.n].nKey = 4;
    m2.u.m[map.n].v = value_int(c->iSrid);
    map = m2;
  }
  Point pt;
  bool bNull;
  if (!point_from_map(&map, &pt, &bNull, zWhy, sizeof(zWhy))) {
    return arena_printf(pA, "column '%s': '%s': %s", c->zHead, impExcerpt(zEx, sizeof(zEx), z, n), zWhy);
  }
  *pOut = bNull ? value_null() : point_value(pA, &pt);
  return NULL;
}

/*
** Parses the `{...}` options of an :ID column: id-type string, or long /
** int / integer / short / byte for integer ids. Other options (neo4j's
** `label:` for incremental imports) are accepted and ignored. Returns
** false with zErr set on a bad id-type.
*/
static bool impIdOptions(const char *z, size_t n, bool *pbInt, char *zErr, size_t nErr) {
  const char *zEnd = z + n;
  const char *p = z;
  while (p < zEnd) {
    /* One "key: value" entry up to ',' */
    const char *zEntry = p;
    while (p < zEnd && *p != ',') p++;
    const char *zColon = memchr(zEntry, ':', (size_t)(p - zEntry));
    if (zColon) {
      const char *zk = zEntry, *zv = zColon + 1;
      uint32_t nk = (uint32_t)(zColon - zEntry), nv = (uint32_t)(p - zv);
      impTrim(&zk, &nk);
      impTrim(&zv, &nv);
      if (nv >= 2 && (zv[0] == '\'' || zv[0] == '"') && zv[nv - 1] == zv[0]) zv++, nv -= 2;
      if (impIs(zk, nk, "id-type")) {
        if (impIs(zv, nv, "string")) {
          *pbInt = false;
        } else if (impIs(zv, nv, "long") || impIs(zv, nv, "int") || impIs(zv, nv, "integer") ||
                   impIs(zv, nv, "short") || impIs(zv, nv, "byte")) {
          *pbInt = true;
        } else {
          snprintf(zErr, nErr, "unknown id-type '%.*s' (string or long)", (int)nv, zv);
          return false;
        }
      }
    }
    if (p < zEnd) p++;
  }
  return true;
}

/*
** Parses one header field into *pCol. The options block `{...}` is cut
** off the end, then the text splits at its last ':' into name and type;
** without a ':' the field is a string property. Groups are found or made
** here (node :ID) or must exist (relationship ends). Returns false with
** zErr set.
*/
static bool impParseColumn(Importer *imp, ImpSource *src, const char *z, uint32_t n, ImpCol *pCol,
                           char *zErr, size_t nErr) {
  memset(pCol, 0, sizeof(*pCol));
  pCol->iGroup = -1;
  pCol->iProp = -1;
  pCol->zHead = tg_strndup(z, n);
  impTrim(&z, &n);
  const char *zOpt = NULL;
  size_t nOpt = 0;
  if (n && z[n - 1] == '}') {
    const char *zOpen = NULL;
    for (uint32_t i = n; i-- > 0;) {
      if (z[i] == '{') {
        zOpen = z + i;
        break;
      }
    }
    if (zOpen) {
      zOpt = zOpen + 1;
      nOpt = (size_t)(z + n - 1 - zOpt);
      n = (uint32_t)(zOpen - z);
    }
  }
  const char *zColon = NULL;
  for (uint32_t i = n; i-- > 0;) {
    if (z[i] == ':') {
      zColon = z + i;
      break;
    }
  }
  const char *zName = z, *zType = "";
  uint32_t nName = n, nType = 0;
  if (zColon) {
    nName = (uint32_t)(zColon - z);
    zType = zColon + 1;
    nType = (uint32_t)(z + n - zType);
  }
  impTrim(&zName, &nName);
  impTrim(&zType, &nType);
  /* "(group)" after the kind */
  const char *zGroup = NULL;
  uint32_t nGroup = 0;
  const char *zParen = memchr(zType, '(', nType);
  if (zParen) {
    if (zType[nType - 1] != ')') {
      snprintf(zErr, nErr, "column '%s': missing ')' after the id group", pCol->zHead);
      return false;
    }
    zGroup = zParen + 1;
    nGroup = (uint32_t)(zType + nType - 1 - zGroup);
    nType = (uint32_t)(zParen - zType);
  }
  if (impIs(zType, nType, "id")) pCol->eKind = ICOL_ID;
  else if (impIs(zType, nType, "start_id")) pCol->eKind = ICOL_START;
  else if (impIs(zType, nType, "end_id")) pCol->eKind = ICOL_END;
  else if (impIs(zType, nType, "label")) pCol->eKind = ICOL_LABEL;
  else if (impIs(zType, nType, "type")) pCol->eKind = ICOL_TYPE;
  else if (impIs(zType, nType, "ignore")) pCol->eKind = ICOL_IGNORE;
  else {
    pCol->eKind = ICOL_PROP;
    if (nType >= 2 && zType[nType - 2] == '[' && zType[nType - 1] == ']') {
      pCol->bArray = true;
      nType -= 2;
    }
    int iType = -1;
    if (nType == 0) {
      iType = 0;  /* no type: string */
    }
    for (int i = 0; iType < 0 && i < ARRAY_SIZE(aImpType); i++) {
      if (impIs(zType, nType, aImpType[i].zName)) iType = i;
    }
    if (iType < 0) {
      snprintf(zErr, nErr, "column '%s': unknown type '%.*s'", pCol->zHead, (int)nType, zType);
      return false;
    }
    pCol->eType = aImpType[iType].eType;
    pCol->eTemporal = aImpType[iType].eTemporal;
    pCol->iMin = aImpType[iType].iMin;
    pCol->iMax = aImpType[iType].iMax;
    if (pCol->eType == ITYPE_POINT && !impPointOptions(pCol, zOpt, nOpt, &pCol->iSrid, zErr, nErr)) {
      return false;
    }
    if (nName == 0) {
      snprintf(zErr, nErr, "column '%s' has no property name", pCol->zHead);
      return false;
    }
  }
  if (zGroup && pCol->eKind != ICOL_ID && pCol->eKind != ICOL_START && pCol->eKind != ICOL_END) {
    snprintf(zErr, nErr, "column '%s': only :ID, :START_ID and :END_ID take an id group",
             pCol->zHead);
    return false;
  }
  if (zGroup == NULL) zGroup = "";
  /* Kinds allowed in this source. */
  bool bNodeKind = pCol->eKind == ICOL_ID || pCol->eKind == ICOL_LABEL;
  bool bRelKind = pCol->eKind == ICOL_START || pCol->eKind == ICOL_END || pCol->eKind == ICOL_TYPE;
  if ((src->bRel && bNodeKind) || (!src->bRel && bRelKind)) {
    snprintf(zErr, nErr, "column '%s' belongs in a %s file", pCol->zHead,
             src->bRel ? "node" : "relationship");
    return false;
  }
  if (pCol->eKind == ICOL_ID) {
    bool bInt = false;
    if (zOpt && !impIdOptions(zOpt, nOpt, &bInt, zErr, nErr)) return false;
    int iG = impFindGroup(imp, zGroup, nGroup);
    if (iG < 0) {
      ImpGroup grp;
      memset(&grp, 0, sizeof(grp));
      grp.zName = tg_strndup(zGroup, nGroup);
      grp.bIntIds = bInt;
      vec_push(&imp->groups, grp);
      iG = (int)imp->groups.n - 1;
    } else if (imp->groups.a[iG].bIntIds != bInt) {
      snprintf(zErr, nErr, "column '%s': id group '%s' was declared with another id-type",
               pCol->zHead, imp->groups.a[iG].zName);
      return false;
    }
    pCol->iGroup = iG;
    if (nName) {
      pCol->zName = tg_strndup(zName, nName);
      pCol->eType = bInt ? ITYPE_INT : ITYPE_STRING;
    }
  } else if (pCol->eKind == ICOL_START || pCol->eKind == ICOL_END) {
    int iG = impFindGroup(imp, zGroup, nGroup);
    if (iG < 0) {
      if (nGroup) {
        snprintf(zErr, nErr, "column '%s': unknown id group '%.*s' (no node file has :ID(%.*s))",
                 pCol->zHead, (int)nGroup, zGroup, (int)nGroup, zGroup);
      } else {
        snprintf(zErr, nErr, "column '%s': no node file has an :ID column without a group",
                 pCol->zHead);
      }
      return false;
    }
    pCol->iGroup = iG;
  } else if (pCol->eKind == ICOL_PROP) {
    pCol->zName = tg_strndup(zName, nName);
  }
  return true;
}

/* The label or type a file name implies: the base name up to its last
** '.', without a trailing "_header" / "-header" / ".header". */
static char *impStem(const char *zPath) {
  const char *zBase = strrchr(zPath, '/');
  zBase = zBase ? zBase + 1 : zPath;
  const char *zDot = strrchr(zBase, '.');
  size_t n = zDot && zDot != zBase ? (size_t)(zDot - zBase) : strlen(zBase);
  static const char *const azSuffix[] = {"_header", "-header", ".header"};
  for (int i = 0; i < ARRAY_SIZE(azSuffix); i++) {
    size_t m = strlen(azSuffix[i]);
    if (n > m && impIs(zBase + n - m, m, azSuffix[i])) {
      n -= m;
      break;
    }
  }
  return tg_strndup(zBase, n);
}

/*
** Splits a spec "[Name=]FILE[,FILE...]" into the source's names and
** files. The part before the first '=' is a name when it holds no '/';
** node names may list several labels joined by ':'.
*/
static void impSplitSpec(Importer *imp, ImpSource *src, const char *zSpec) {
  const char *zEq = strchr(zSpec, '=');
  const char *zFiles = zSpec;
  if (zEq && zEq > zSpec && memchr(zSpec, '/', (size_t)(zEq - zSpec)) == NULL) {
    zFiles = zEq + 1;
    if (src->bRel) {
      src->iType = intern_add(&imp->g->types, zSpec, (uint32_t)(zEq - zSpec));
    } else {
      const char *p = zSpec;
      while (p < zEq) {
        const char *q = memchr(p, ':', (size_t)(zEq - p));
        if (q == NULL) q = zEq;
        if (q > p) {
          src->aLabel = tg_realloc(src->aLabel, sizeof(uint32_t) * (src->nLabel + 1));
          src->aLabel[src->nLabel++] = intern_add(&imp->g->labels, p, (uint32_t)(q - p));
        }
        p = q + 1;
      }
    }
  }
  const char *p = zFiles;
  for (;;) {
    const char *q = strchr(p, ',');
    size_t n = q ? (size_t)(q - p) : strlen(p);
    if (n) {
      src->azFile = tg_realloc(src->azFile, sizeof(char *) * (size_t)(src->nFile + 1));
      src->azFile[src->nFile++] = tg_strndup(p, n);
    }
    if (q == NULL) break;
    p = q + 1;
  }
}

/*
** Reads and checks one source's header (the first record of its first
** file) and makes sure every file can be opened. Returns false with the
** database error set.
*/
static bool impReadHeader(Importer *imp, ImpSource *src, const char *zSpec) {
  if (src->nFile == 0) return impFail(imp, TG_ERR_ARGUMENT, NULL, 0, "'%s' names no file", zSpec);
  if (src->nFile > UINT16_MAX) {
    return impFail(imp, TG_ERR_ARGUMENT, NULL, 0, "'%.40s...' names more than %d files", zSpec, UINT16_MAX);
  }
  for (int i = 0; i < src->nFile; i++) {
    if (access(src->azFile[i], R_OK) != 0) {
      return impFail(imp, TG_ERR_IO, src->azFile[i], 0, "cannot open the file: %s", strerror(errno));
    }
  }
  const char *zFile = src->azFile[0];
  CsvReader rd;
  if (!impOpenCsv(imp, &rd, zFile, 0, -1)) {
    csv_close(&rd);
    return impFail(imp, TG_ERR_IO, zFile, 0, "%s", rd.zErr);
  }
  int rc = csv_next(&rd);
  if (rc != CSV_ROW) {
    bool b = rc == CSV_DONE ? impFail(imp, TG_ERR_IO, zFile, 0, "the file is empty: no header")
           : rd.eErr == CSVE_STOPPED ? impFail(imp, TG_ERR_INTERRUPT, NULL, 0, "import interrupted")
           : impFail(imp, rd.eErr == CSVE_LIMIT ? TG_ERR_LIMIT : TG_ERR_IO, zFile, rd.iRecLine,
                     "header: %s", rd.zErr);
    csv_close(&rd);
    return b;
  }
  int64_t iLine = rd.iRecLine;
  src->iHeaderEnd = csv_offset(&rd);
  src->nCol = rd.nField;
  src->aCol = tg_calloc(src->nCol, sizeof(ImpCol));
  src->iId = src->iStart = src->iEnd = src->iTags = -1;
  char zErr[300];
  bool bOk = true;
  VEC(uint8_t) seenKeys = {0};   /* by property key id: named by a column already */
  for (uint32_t i = 0; i < src->nCol && bOk; i++) {
    ImpCol *c = &src->aCol[i];
    if (!impParseColumn(imp, src, rd.aField[i].z, rd.aField[i].n, c, zErr, sizeof(zErr))) {
      bOk = impFail(imp, TG_ERR_IO, zFile, iLine, "%s", zErr);
      break;
    }
    int *piOne = c->eKind == ICOL_ID ? &src->iId
               : c->eKind == ICOL_START ? &src->iStart
               : c->eKind == ICOL_END ? &src->iEnd
               : (c->eKind == ICOL_LABEL || c->eKind == ICOL_TYPE) ? &src->iTags : NULL;
    if (piOne) {
      if (*piOne >= 0) {
        bOk = impFail(imp, TG_ERR_IO, zFile, iLine, "column '%s' appears twice", c->zHead);
        break;
      }
      *piOne = (int)i;
    }
    if (c->zName) {
      /* A property named twice: checked through the interned key ids, so a
      ** header of 100,000 columns takes linear time, not a pass per column. */
      c->key = intern_add(&imp->g->keys, c->zName, (uint32_t)strlen(c->zName));
      while (seenKeys.n <= c->key) vec_push(&seenKeys, 0);
      if (seenKeys.a[c->key]) {
        bOk = impFail(imp, TG_ERR_IO, zFile, iLine, "property '%s' appears twice", c->zName);
        break;
      }
      seenKeys.a[c->key] = 1;
      c->iProp = (int)src->nProp++;
    }
  }
  vec_free(&seenKeys);
  csv_close(&rd);
  if (!bOk) return false;
  if (src->bRel && (src->iStart < 0 || src->iEnd < 0)) {
    return impFail(imp, TG_ERR_IO, zFile, iLine,
                   "a relationship file needs both :START_ID and :END_ID columns");
  }
  src->aPropKey = tg_malloc(sizeof(uint32_t) * (src->nProp + 1));
  for (uint32_t i = 0; i < src->nCol; i++) {
    if (src->aCol[i].iProp >= 0) src->aPropKey[src->aCol[i].iProp] = src->aCol[i].key;
  }
  /* Names from the file when neither the spec nor a column gives them. */
  char *zStem = impStem(src->azFile[0]);
  if (!src->bRel && src->nLabel == 0 && src->iTags < 0 && zStem[0]) {
    src->aLabel = tg_malloc(sizeof(uint32_t));
    src->aLabel[0] = intern_add(&imp->g->labels, zStem, (uint32_t)strlen(zStem));
    src->nLabel = 1;
  }
  if (src->bRel && src->iType < 0 && src->iTags < 0 && zStem[0]) {
    src->iType = intern_add(&imp->g->types, zStem, (uint32_t)strlen(zStem));
  }
  tg_free(zStem);
  return true;
}

/* Bytes of a file each worker takes at a time: TANGLE_IMPORT_CHUNK (tests
** set it small to cut files at many places), else 1 MiB. */
static int64_t impChunkBytes(void) {
  const char *z = getenv("TANGLE_IMPORT_CHUNK");
  long long n = z && *z ? atoll(z) : 0;
  return n >= 1 ? (int64_t)n : (int64_t)1 << 20;
}

/* The offset just after the first line feed at or after iFrom in file
** fd, or -1 when there is none within a megabyte (one huge record: the
** range goes on). */
static int64_t impLineStart(int fd, int64_t iFrom) {
  char aBuf[65536];
  for (int64_t iAt = iFrom; iAt < iFrom + ((int64_t)1 << 20);) {
    ssize_t n = pread(fd, aBuf, sizeof(aBuf), (off_t)iAt);
    if (n <= 0) return -1;
    const char *p = memchr(aBuf, '\n', (size_t)n);
    if (p) return iAt + (p - aBuf) + 1;
    iAt += n;
  }
  return -1;
}

/* Rows in a file of nSize bytes, guessed from the line feeds in 64 KiB
** at its start, middle and end: the lowest of the three guesses, since
** too low a guess costs a table doubling or two and too high a one costs
** memory (0 when a sample has too few line feeds to tell). */
static int64_t impGuessRows(int fd, int64_t nSize) {
  char aBuf[65536];
  int64_t nGuess = INT64_MAX;
  int64_t aAt[3] = {0, nSize / 2, nSize - (int64_t)sizeof(aBuf)};
  for (int k = 0; k < 3; k++) {
    ssize_t n = pread(fd, aBuf, sizeof(aBuf), (off_t)TG_MAX(aAt[k], 0));
    int64_t nLf = 0;
    for (ssize_t i = 0; i < n; i++) nLf += aBuf[i] == '\n';
    if (nLf < 16) return 0;
    nGuess = TG_MIN(nGuess, nSize / (n / nLf));
  }
  return nGuess;
}

/*
** Splits source iSrc into units: one per file, and a large regular file
** into ranges of about impChunkBytes() that begin after a line feed.
** Files are not split when a quoted field may hold line breaks, since a
** line feed then need not end a record. A file that cannot be opened
** stays one unit, which reports the error when it is parsed. The first
** file's first range reaches past the header record, which it skips,
** however many blank lines come before the header.
*/
static void impPlanUnits(Importer *imp, int iSrc) {
  ImpSource *src = &imp->aSrc[iSrc];
  int64_t nChunk = impChunkBytes();
  src->iFirstUnit = (int)imp->units.n;
  for (int iFile = 0; iFile < src->nFile; iFile++) {
    ImpUnit u;
    memset(&u, 0, sizeof(u));
    u.iSrc = iSrc;
    u.iFile = (uint16_t)iFile;
    u.bHeader = iFile == 0;
    u.nLen = -1;
    struct stat st;
    int fd = imp->opts.bMultilineFields ? -1 : open(src->azFile[iFile], O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      src->nRowsGuess += impGuessRows(fd, st.st_size);
      for (int64_t iNext; u.iOff + nChunk < st.st_size; u.iOff = iNext, u.bHeader = false) {
        int64_t iCut = u.iOff + nChunk;
        if (u.bHeader && iCut < src->iHeaderEnd) iCut = src->iHeaderEnd;
        iNext = impLineStart(fd, iCut - 1);
        if (iNext < 0 || iNext >= st.st_size) break;
        u.nLen = iNext - u.iOff;
        vec_push(&imp->units, u);
        u.nLen = -1;
      }
    }
    if (fd >= 0) close(fd);
    vec_push(&imp->units, u);   /* the file, or its last range */
  }
  src->nUnit = (int)imp->units.n - src->iFirstUnit;
}

/* Sets up the sources: node specs first, then relationship specs. */
static bool impPrepare(Importer *imp, int nNodeSpec, const char *const *azNodeSpec,
                       int nRelSpec, const char *const *azRelSpec) {
  imp->nSrc = nNodeSpec + nRelSpec;
  imp->nNodeSrc = nNodeSpec;
  imp->aSrc = tg_calloc((size_t)imp->nSrc + 1, sizeof(ImpSource));
  for (int i = 0; i < imp->nSrc; i++) {
    ImpSource *src = &imp->aSrc[i];
    src->bRel = i >= nNodeSpec;
    src->iType = -1;
    const char *zSpec = src->bRel ? azRelSpec[i - nNodeSpec] : azNodeSpec[i];
    impSplitSpec(imp, src, zSpec);
    if (!impReadHeader(imp, src, zSpec)) return false;
    impPlanUnits(imp, i);
  }
  return true;
}

/* ======================================================================
** Values
** ==================================================================== */

/* Names of the temporal types in messages, from VAL_DATE on. ORDER VALTYPE */
static const char *const aImpTemporalName[] = {
    "date (such as 2015-07-21)", "localtime (such as 21:40:32)", "time (such as 21:40:32+01:00)",
    "localdatetime (such as 2015-07-21T21:40:32)",
    "datetime (such as 2015-07-21T21:40:32+01:00[Europe/London])",
    "duration (such as P1DT2H)"};

/*
** Parses one scalar of the column's type from z[0..n) into *pOut, with
** strings copied into pA. Returns NULL, or a message (arena) naming the
** column and the bad text.
*/
static const char *impParseScalar(const ImpCol *c, const char *z, uint32_t n, Arena *pA, Value *pOut) {
  char zEx[64];
  if (c->eType == ITYPE_STRING) {
    *pOut = value_str_copy(pA, z, n);
    return NULL;
  }
  impTrim(&z, &n);
  switch (c->eType) {
    case ITYPE_INT: {
      int64_t i;
      if (!impParseInt(z, n, &i)) {
        return arena_printf(pA, "column '%s': '%s' is not an integer", c->zHead,
                            impExcerpt(zEx, sizeof(zEx), z, n));
      }
      if (i < c->iMin || i > c->iMax) {
        return arena_printf(pA, "column '%s': %lld is out of range", c->zHead, (long long)i);
      }
      *pOut = value_int(i);
      return NULL;
    }
    case ITYPE_FLOAT: {
      char zNum[72];
      char *zEnd = NULL;
      if (n && n < sizeof(zNum)) {
        memcpy(zNum, z, n);
        zNum[n] = 0;
        double f = strtod(zNum, &zEnd);
        if (zEnd == zNum + n) {
          *pOut = value_float(f);
          return NULL;
        }
      }
      return arena_printf(pA, "column '%s': '%s' is not a number", c->zHead,
                          impExcerpt(zEx, sizeof(zEx), z, n));
    }
    case ITYPE_BOOL:
      if (impIs(z, n, "true")) {
        *pOut = value_bool(true);
        return NULL;
      }
      if (impIs(z, n, "false")) {
        *pOut = value_bool(false);
        return NULL;
      }
      return arena_printf(pA, "column '%s': '%s' is not true or false", c->zHead,
                          impExcerpt(zEx, sizeof(zEx), z, n));
    case ITYPE_TEMPORAL:
      if (!temporal_from_text(pA, c->eTemporal, z, (int)n, pOut)) {
        return arena_printf(pA, "column '%s': '%s' is not a %s", c->zHead,
                            impExcerpt(zEx, sizeof(zEx), z, n), aImpTemporalName[c->eTemporal - VAL_DATE]);
      }
      return NULL;
    case ITYPE_POINT: return impParsePoint(c, z, n, pA, pOut);
    default: return arena_printf(pA, "column '%s': unknown type", c->zHead);
  }
}

/*
** Parses a property field. An empty unquoted field is no value (null); an
** empty quoted field is "" for strings. Arrays split on the array
** delimiter; an empty element is "" in a string array and an error
** otherwise. Returns NULL or a message (arena).
*/
static const char *impParseValue(const Importer *imp, const ImpCol *c, const CsvField *f, Arena *pA,
                                 Value *pOut) {
  if (f->n == 0) {
    *pOut = c->eType == ITYPE_STRING && f->bQuoted && !c->bArray ? value_str_copy(pA, "", 0)
                                                                 : value_null();
    return NULL;
  }
  if (!c->bArray) return impParseScalar(c, f->z, f->n, pA, pOut);
  char cSep = imp->opts.cArrayDelimiter;
  uint32_t nElem = 1;
  for (uint32_t i = 0; i < f->n; i++) nElem += f->z[i] == cSep;
  Value list = value_list_new(pA, nElem);
  const char *p = f->z, *zEnd = f->z + f->n;
  for (uint32_t k = 0; k < nElem; k++) {
    const char *q = memchr(p, cSep, (size_t)(zEnd - p));
    if (q == NULL) q = zEnd;
    uint32_t n = (uint32_t)(q - p);
    if (n == 0 && c->eType != ITYPE_STRING) {
      return arena_printf(pA, "column '%s': empty element in an array", c->zHead);
    }
    const char *zMsg = impParseScalar(c, p, n, pA, &list.u.a[k]);
    if (zMsg) return zMsg;
    p = q + 1;
  }
  *pOut = list;
  return NULL;
}

/* ======================================================================
** Workers: records to rows
** ==================================================================== */

/*
** Parses one record into row r: field count, ids, labels/type text and
** property values, all copied into the batch arena. Relationship ends are
** resolved here (the id tables are read-only by then). A problem leaves a
** message in r->zBad.
*/
static void impParseRecord(const Importer *imp, const ImpSource *src, const CsvReader *rd, ImpRow *r,
                           Arena *pA) {
  if (rd->nField != src->nCol) {
    r->zBad = arena_printf(pA, "expected %u fields (as in the header), found %u", src->nCol,
                           rd->nField);
    return;
  }
  if (src->nProp) r->aProp = arena_zalloc(pA, sizeof(Value) * src->nProp);
  char zEx[64];
  for (uint32_t i = 0; i < src->nCol; i++) {
    const ImpCol *c = &src->aCol[i];
    const CsvField *f = &rd->aField[i];
    switch (c->eKind) {
      case ICOL_ID: {
        const ImpGroup *grp = &imp->groups.a[c->iGroup];
        if (f->n == 0) {
          r->zBad = arena_printf(pA, "column '%s': empty id", c->zHead);
          return;
        }
        if (!impMakeKey(grp, f->z, f->n, &r->key)) {
          r->zBad = arena_printf(pA, "column '%s': id '%s' is not an integer", c->zHead,
                                 impExcerpt(zEx, sizeof(zEx), f->z, f->n));
          return;
        }
        if (r->key.z) r->key.z = arena_strndup(pA, r->key.z, r->key.n);
        if (c->iProp >= 0) {
          r->aProp[c->iProp] = grp->bIntIds ? value_int(r->key.i)
                                            : value_str_copy(pA, f->z, f->n);
        }
        break;
      }
      case ICOL_START:
      case ICOL_END: {
        const ImpGroup *grp = &imp->groups.a[c->iGroup];
        const char *zEnd = c->eKind == ICOL_START ? "start" : "end";
        int e = c->eKind == ICOL_START ? 0 : 1;
        ImpKey *k = &r->aEnd[e];
        if (f->n == 0) {
          r->zBad = arena_printf(pA, "column '%s': empty %s id", c->zHead, zEnd);
          return;
        }
        if (!impMakeKey(grp, f->z, f->n, k)) {
          r->zBad = arena_printf(pA, "column '%s': id '%s' is not an integer", c->zHead,
                                 impExcerpt(zEx, sizeof(zEx), f->z, f->n));
          return;
        }
        if (k->z) k->z = arena_strndup(pA, k->z, k->n);
        r->fEnds |= (uint8_t)(1u << e);   /* looked up by impResolveEnds */
        break;
      }
      case ICOL_LABEL:
      case ICOL_TYPE:
        if (f->n) {
          r->zTags = arena_strndup(pA, f->z, f->n);
          r->nTags = f->n;
        }
        break;
      case ICOL_PROP: {
        const char *zMsg = impParseValue(imp, c, f, pA, &r->aProp[c->iProp]);
        if (zMsg) {
          r->zBad = zMsg;
          return;
        }
        break;
      }
      default: break;
    }
  }
}

/* A batch for a worker to fill: recycled, or new. */
static ImpBatch *impBatchGet(Importer *imp) {
  pthread_mutex_lock(&imp->mu);
  ImpBatch *b = imp->pFree;
  if (b) imp->pFree = b->pNext;
  pthread_mutex_unlock(&imp->mu);
  if (b == NULL) {
    b = tg_malloc(sizeof(ImpBatch));
    arena_init(&b->arena);
  }
  b->pNext = NULL;
  b->nRow = 0;
  return b;
}

/* Returns a consumed batch to the free list. */
static void impBatchPut(Importer *imp, ImpBatch *b) {
  arena_reset(&b->arena);
  pthread_mutex_lock(&imp->mu);
  b->pNext = imp->pFree;
  imp->pFree = b;
  pthread_mutex_unlock(&imp->mu);
}

/*
** Queues batch b (may be NULL) on unit iUnit, waiting while the queue is
** full; bLast marks the unit finished, with nLines line breaks read. When
** the import is stopping the batch is dropped. Returns false when the
** worker should stop.
*/
static bool impPush(Importer *imp, int iUnit, ImpBatch *b, bool bLast, int64_t nLines) {
  ImpUnit *u = &imp->units.a[iUnit];
  pthread_mutex_lock(&imp->mu);
  while (!imp->bStop && !imp->bNoWait && u->nQueued >= IMP_MAX_QUEUED) {
    pthread_cond_wait(&imp->cvSpace, &imp->mu);
  }
  bool bStop = imp->bStop;
  if (b && !bStop) {
    if (u->pTail) u->pTail->pNext = b;
    else u->pHead = b;
    u->pTail = b;
    u->nQueued++;
    b = NULL;
  }
  if (bLast) {
    u->bDone = true;
    u->nLines = nLines;
  }
  pthread_cond_broadcast(&imp->cvData);
  pthread_mutex_unlock(&imp->mu);
  if (b) impBatchPut(imp, b);
  return !bStop;
}

/* Appends a row that stops the import: a file that cannot be opened or
** read on (iLine 0 when no line is to blame), of error kind eKind. */
static void impFileError(ImpBatch *b, int iFile, int64_t iLine, int eKind, const char *zMsg) {
  ImpRow *r = &b->aRow[b->nRow++];
  memset(r, 0, sizeof(*r));
  r->iFile = (uint16_t)iFile;
  r->iLine = iLine;
  r->bFatal = true;
  r->eFatalKind = (uint8_t)eKind;
  r->zBad = arena_strdup(&b->arena, zMsg);
}

/*
** Looks up the start and end ids of a batch of relationship rows. Done
** for the whole batch after parsing, rather than field by field, so
** that the slot of the row IMP_AHEAD rows on is fetched from memory while
** this row's is compared: with millions of nodes nearly every lookup
** misses the cache, and overlapping the misses is most of the gain. A
** row keeps the error of its first bad column: an end whose column comes
** before the one that failed to parse was parsed, and is looked up here.
*/
#define IMP_AHEAD 32
static void impResolveEnds(const Importer *imp, const ImpSource *src, ImpBatch *b) {
  if (src->iStart < 0 || src->iEnd < 0) return;
  const ImpGroup *aGrp[2] = {&imp->groups.a[src->aCol[src->iStart].iGroup],
                             &imp->groups.a[src->aCol[src->iEnd].iGroup]};
  int iFirst = src->iStart < src->iEnd ? 0 : 1;   /* the end whose column comes first */
  for (uint32_t i = 0; i < b->nRow + IMP_AHEAD; i++) {
    if (i < b->nRow) {
      const ImpRow *q = &b->aRow[i];
      for (int e = 0; e < 2; e++) {
        if (q->fEnds & (1u << e)) impPrefetch(aGrp[e], q->aEnd[e].h);
      }
    }
    if (i < IMP_AHEAD) continue;
    ImpRow *r = &b->aRow[i - IMP_AHEAD];
    for (int j = 0; j < 2; j++) {
      int e = j == 0 ? iFirst : 1 - iFirst;
      if (!(r->fEnds & (1u << e))) continue;
      NodeId node = impLookup(aGrp[e], &r->aEnd[e]);
      if (node == GRAPH_NO_ID) {
        const char *zEnd = e == 0 ? "start" : "end";
        char zEx[64];
        impKeyText(zEx, sizeof(zEx), &r->aEnd[e]);
        r->zBad = aGrp[e]->zName[0]
            ? arena_printf(&b->arena, "%s node '%s' not found in id group '%s'", zEnd, zEx,
                           aGrp[e]->zName)
            : arena_printf(&b->arena, "%s node '%s' not found", zEnd, zEx);
        break;
      }
      if (e == 0) r->src = node;
      else r->dst = node;
    }
  }
}

/* Parses unit iUnit into queued batches. */
static void impParseUnit(Importer *imp, int iUnit) {
  const ImpUnit *u = &imp->units.a[iUnit];
  const ImpSource *src = &imp->aSrc[u->iSrc];
  ImpBatch *b = impBatchGet(imp);
  CsvReader rd;
  if (!impOpenCsv(imp, &rd, src->azFile[u->iFile], u->iOff, u->nLen)) {
    impFileError(b, u->iFile, 0, TG_ERR_IO, rd.zErr);
    csv_close(&rd);
    impPush(imp, iUnit, b, true, 0);
    return;
  }
  bool bHeader = u->bHeader;
  for (;;) {
    int rc = csv_next(&rd);
    if (rc == CSV_DONE) break;
    if (bHeader) {   /* read and checked by impReadHeader */
      bHeader = false;
      continue;
    }
    if (rc == CSV_ERROR && csv_error_abandons(rd.eErr)) {
      /* A cap passed, a read error or an interrupt: the file cannot be
      ** read on, so the import stops here whatever the bad-row policy. */
      impFileError(b, u->iFile, rd.iRecLine,
                   rd.eErr == CSVE_LIMIT ? TG_ERR_LIMIT
                   : rd.eErr == CSVE_STOPPED ? TG_ERR_INTERRUPT : TG_ERR_IO, rd.zErr);
      break;
    }
    /* Only the fields every row needs are cleared (a memset of the whole
    ** row was a tenth of a relationship file's parsing): the id keys are
    ** read only once parsed, the ends only once resolved. */
    ImpRow *r = &b->aRow[b->nRow++];
    r->iLine = rd.iRecLine;
    r->zBad = NULL;
    r->aProp = NULL;
    r->zTags = NULL;
    r->nTags = 0;
    r->iFile = u->iFile;
    r->bFatal = false;
    r->eFatalKind = 0;
    r->fEnds = 0;
    r->key.h = 0;
    if (rc == CSV_ERROR) {
      r->zBad = arena_strdup(&b->arena, rd.zErr);
    } else {
      impParseRecord(imp, src, &rd, r, &b->arena);
    }
    if (b->nRow == IMP_BATCH_ROWS) {
      impResolveEnds(imp, src, b);
      bool bGo = impPush(imp, iUnit, b, false, 0);
      b = impBatchGet(imp);
      if (!bGo) break;
    }
  }
  int64_t nLines = rd.iLine - 1;
  csv_close(&rd);
  impResolveEnds(imp, src, b);
  impPush(imp, iUnit, b, true, nLines);
}

/* Worker thread: takes units in order until the phase has none left,
** waiting while the next one lies beyond the main thread's window (so
** that parsed rows never pile up far ahead of it). */
static void *impWorker(void *pArg) {
  Importer *imp = pArg;
  mem_budget_adopt(imp->pBudget);
  for (;;) {
    pthread_mutex_lock(&imp->mu);
    while (!imp->bStop && imp->iNext < imp->iPhaseEnd &&
           imp->iNext >= imp->iMainUnit + imp->nWindow) {
      pthread_cond_wait(&imp->cvSpace, &imp->mu);
    }
    int i = imp->bStop || imp->iNext >= imp->iPhaseEnd ? -1 : imp->iNext++;
    pthread_mutex_unlock(&imp->mu);
    if (i < 0) break;
    impParseUnit(imp, i);
  }
  return NULL;
}

/* ======================================================================
** The bulk relationship store
**
** graph_add_rel() links each relationship into two growing adjacency
** lists, which graph_compact() later copies into one slab: for millions of
** relationships that is most of an import's time (a malloc per list, a
** realloc per growth, the copy) and twice the adjacency's memory at the
** end. Since an import starts from a graph without relationships, it
** instead appends the relationship records only (graph_raw_append_rel),
** and once all are in, impLinkRels() writes every adjacency list straight
** into one slab in the compacted layout of graph.h
** ([nGroup][type,end]...[rel,nbr]..., groups by ascending type, each
** group's entries in relationship-id order; graph_add_rel + graph_compact
** give the same groups, though its order within a group can differ when
** types were interleaved). These know the store's layout; tests/unit/test_import.c checks the result against
** graph_add_rel. They belong in graph.c as a bulk-load entry point.
** ==================================================================== */


/* One direction's share of impLinkRels(). */
typedef struct ImpLink {
  Graph *g;
  const uint32_t *aByType;   /* relationship ids sorted by type */
  uint32_t nRel, nNode;
  int d;                     /* DIR_OUT or DIR_IN */
  uint32_t *aE;              /* entries per node */
  uint32_t *aG;              /* distinct types (groups) per node */
  uint64_t nWord;            /* slab words this direction needs */
  uint32_t *pBase;           /* where its lists go in the slab */
} ImpLink;

/* Counts entries and groups per node for one direction. Walking ids in
** type order, a node's type changes exactly once per distinct type. */
static void *impLinkCount(void *pArg) {
  ImpLink *j = pArg;
  const Graph *g = j->g;
  j->aE = tg_calloc(j->nNode, sizeof(uint32_t));
  j->aG = tg_calloc(j->nNode, sizeof(uint32_t));
  uint32_t *aLast = tg_malloc(sizeof(uint32_t) * j->nNode);
  memset(aLast, 0xff, sizeof(uint32_t) * j->nNode);
  for (uint32_t k = 0; k < j->nRel; k++) {
    const RelRec *p = graph_rel_rec(g, j->aByType[k]);
    NodeId n = j->d == DIR_OUT ? p->src : p->dst;
    j->aE[n]++;
    if (aLast[n] != p->type) {
      aLast[n] = p->type;
      j->aG[n]++;
    }
  }
  tg_free(aLast);
  j->nWord = 0;
  for (NodeId n = 0; n < j->nNode; n++) {
    if (j->aE[n]) j->nWord += 1 + 2 * (uint64_t)j->aG[n] + 2 * (uint64_t)j->aE[n];
  }
  return NULL;
}

/* Lays out one direction's lists from pBase and fills them: a new group
** when the type changes, each entry at its group's end. */
static void *impLinkFill(void *pArg) {
  ImpLink *j = pArg;
  Graph *g = j->g;
  /* Each direction faults in its own part of the slab: the kernel clears
  ** the pages on both cores at once. */
  mem_prefault(j->pBase, sizeof(uint32_t) * j->nWord);
  uint32_t *pCur = j->pBase;
  for (NodeId n = 0; n < j->nNode; n++) {
    if (j->aE[n] == 0) continue;
    AdjList *pL = &graph_node_rec(g, n)->aAdj[j->d];
    pL->a = pCur;
    pL->n = j->aE[n];
    pL->cap = 0;   /* borrowed from the slab */
    pCur[0] = 0;   /* groups so far */
    pCur += 1 + 2 * j->aG[n] + 2 * j->aE[n];
  }
  for (uint32_t k = 0; k < j->nRel; k++) {
    RelId r = j->aByType[k];
    const RelRec *p = graph_rel_rec(g, r);
    NodeId n = j->d == DIR_OUT ? p->src : p->dst;
    uint32_t *a = graph_node_rec(g, n)->aAdj[j->d].a;
    uint32_t nG = a[0];
    if (nG == 0 || a[1 + 2 * (nG - 1)] != p->type) {
      a[1 + 2 * nG] = p->type;
      a[2 + 2 * nG] = nG ? a[2 * nG] : 0;
      a[0] = ++nG;
    }
    AdjEntry *e = (AdjEntry *)(a + 1 + 2 * j->aG[n]);
    uint32_t i = a[2 * nG]++;
    e[i].rel = r;
    e[i].nbr = j->d == DIR_OUT ? p->dst : p->src;
  }
  return NULL;
}

/* Runs xWork on aJob[0] here and on aJob[1] in a second thread (or here
** too when no thread can be made). */
typedef struct ImpThreadStart {
  void *(*xWork)(void *);
  void *pArg;
  MemBudget *pBudget;
} ImpThreadStart;

/* A second thread's start: counts against the import's budget. */
static void *impThreadMain(void *pArg) {
  ImpThreadStart *p = pArg;
  mem_budget_adopt(p->pBudget);
  return p->xWork(p->pArg);
}

static void impLinkBoth(void *(*xWork)(void *), ImpLink *aJob) {
  pthread_t t;
  ImpThreadStart start = {xWork, &aJob[1], mem_budget_current()};
  bool bThread = pthread_create(&t, NULL, impThreadMain, &start) == 0;
  xWork(&aJob[0]);
  if (bThread) pthread_join(t, NULL);
  else xWork(&aJob[1]);
}

/*
** Links every relationship record into the adjacency of both its ends,
** building the compacted slab directly. Relationship ids are first sorted
** by type (a stable counting sort), so walking them in that order visits
** each node's entries grouped by ascending type and, within a type, by id.
** Each direction is then counted and filled on its own thread; the slab
** holds all out-lists, then all in-lists. Temporary memory: 4 bytes per
** relationship plus 20 bytes per node.
*/
static void impLinkRels(Importer *imp) {
  Graph *g = imp->g;
  uint32_t nSlot = g->nRelSlot, nNode = g->nNodeSlot, nType = intern_count(&g->types);
  if (g->nRelLive == 0) return;
  /* Every live relationship is new: the graph had none before the
  ** import. Dead slots (left by relationships deleted earlier) are
  ** skipped, and an old slab is no longer referenced by any live node. */
  uint32_t *aStart = tg_calloc((size_t)nType + 1, sizeof(uint32_t));
  uint32_t nRel = 0;
  for (RelId r = 0; r < nSlot; r++) {
    const RelRec *p = graph_rel_rec(g, r);
    if (p->flags & RELF_LIVE) aStart[p->type + 1]++, nRel++;
  }
  while (g->typeCount.n < nType) vec_push(&g->typeCount, 0u);
  for (uint32_t t = 0; t < nType; t++) {
    g->typeCount.a[t] += aStart[t + 1];
    aStart[t + 1] += aStart[t];
  }
  uint32_t *aByType = tg_malloc(sizeof(uint32_t) * nRel);
  mem_prefault(aByType, sizeof(uint32_t) * nRel);
  for (RelId r = 0; r < nSlot; r++) {
    const RelRec *p = graph_rel_rec(g, r);
    if (p->flags & RELF_LIVE) aByType[aStart[p->type]++] = r;
  }
  tg_free(aStart);

  ImpLink aJob[2];
  for (int d = 0; d < 2; d++) {
    memset(&aJob[d], 0, sizeof(ImpLink));
    aJob[d].g = g;
    aJob[d].aByType = aByType;
    aJob[d].nRel = nRel;
    aJob[d].nNode = nNode;
    aJob[d].d = d;
  }
  impLinkBoth(impLinkCount, aJob);
  uint32_t *pSlab = tg_malloc(sizeof(uint32_t) * (aJob[0].nWord + aJob[1].nWord));
  aJob[DIR_OUT].pBase = pSlab;
  aJob[DIR_IN].pBase = pSlab + aJob[DIR_OUT].nWord;
  impLinkBoth(impLinkFill, aJob);
  for (int d = 0; d < 2; d++) {
    tg_free(aJob[d].aE);
    tg_free(aJob[d].aG);
  }
  tg_free(aByType);
  tg_free(g->pSlab);
  g->pSlab = pSlab;
}

/* ======================================================================
** The main thread: rows to the graph
** ==================================================================== */

/* Handles a bad row: reported and counted when skipping, else the error
** (of kind eKind) that stops the import. Returns true to go on. */
static bool impBadRowOfKind(Importer *imp, const ImpSource *src, const ImpRow *r, int eKind,
                            const char *zMsg) {
  const char *zFile = src->azFile[r->iFile];
  if (imp->opts.bSkipBadRows && !r->bFatal) {
    imp->stats.nBadRows++;
    if (imp->opts.xBadRow) imp->opts.xBadRow(imp->opts.pArg, zFile, r->iLine, zMsg);
    return true;
  }
  return impFail(imp, eKind, zFile, r->iLine, "%s", zMsg);
}

/* A bad row of the file's making (an IOError when it stops the import). */
static bool impBadRow(Importer *imp, const ImpSource *src, const ImpRow *r, const char *zMsg) {
  return impBadRowOfKind(imp, src, r, TG_ERR_IO, zMsg);
}

/*
** A row whose node n (just made) breaks a uniqueness constraint of the
** database: the node is taken out again, and the row is bad, with a
** message naming the constraint, its label and key, and the value.
*/
static bool impUniqueBadRow(Importer *imp, const ImpSource *src, const ImpRow *r, NodeId n) {
  StrBuf why;
  strbuf_init(&why);
  const GraphSite *pSite = NULL;
  index_describe_duplicate(imp->g, &why, &pSite);
  graph_delete_node(imp->g, n);
  char zMsg[400];
  snprintf(zMsg, sizeof(zMsg), "the row would break the %s", strbuf_cstr(&why));
  strbuf_free(&why);
  return impBadRowOfKind(imp, src, r, TG_ERR_CONSTRAINT, zMsg);
}

/* Gives a new entity a property list with room for the row's properties,
** carved from the graph's arena rather than allocated one by one. */
static void impPropRoom(Graph *g, int ent, uint32_t id, const ImpSource *src, const ImpRow *r) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < src->nProp; i++) n += r->aProp[i].type != VAL_NULL;
  if (n == 0) return;
  PropList **ppl = graph_raw_props(g, ent, id);
  if (*ppl == NULL) *ppl = graph_borrowed_props(g, n);
}

/* Creates the node of a row: id, labels, properties. */
static bool impApplyNode(Importer *imp, const ImpSource *src, const ImpRow *r) {
  Graph *g = imp->g;
  ImpGroup *grp = src->iId >= 0 ? &imp->groups.a[src->aCol[src->iId].iGroup] : NULL;
  if (grp && grp->nUsed >= IMP_MAX_IDS) {
    return impFail(imp, TG_ERR_LIMIT, src->azFile[r->iFile], r->iLine,
                   "more than %u ids in one id group, the most one group holds", IMP_MAX_IDS);
  }
  if (grp && impLookup(grp, &r->key) != GRAPH_NO_ID) {
    char zEx[64], zMsg[160];
    if (grp->zName[0]) {
      snprintf(zMsg, sizeof(zMsg), "duplicate id '%s' in id group '%s'",
               impKeyText(zEx, sizeof(zEx), &r->key), grp->zName);
    } else {
      snprintf(zMsg, sizeof(zMsg), "duplicate id '%s'", impKeyText(zEx, sizeof(zEx), &r->key));
    }
    return impBadRow(imp, src, r, zMsg);
  }
  NodeId n = graph_bulk_add_node(g, mem_prefault);
  for (uint32_t i = 0; i < src->nLabel; i++) graph_add_label(g, n, src->aLabel[i]);
  if (r->zTags) {
    const char *p = r->zTags, *zEnd = r->zTags + r->nTags;
    while (p <= zEnd) {
      const char *q = memchr(p, imp->opts.cArrayDelimiter, (size_t)(zEnd - p));
      if (q == NULL) q = zEnd;
      const char *z = p;
      uint32_t nz = (uint32_t)(q - p);
      impTrim(&z, &nz);
      if (nz) graph_add_label(g, n, intern_add(&g->labels, z, nz));
      p = q + 1;
    }
  }
  impPropRoom(g, ENT_NODE, n, src, r);
  for (uint32_t i = 0; i < src->nProp; i++) {
    if (r->aProp[i].type != VAL_NULL) graph_set_new_prop(g, ENT_NODE, n, src->aPropKey[i], &r->aProp[i]);
  }
  if (g->pIndexes->nDuplicate > 0) return impUniqueBadRow(imp, src, r, n);
  imp->stats.nNodes++;
  if (grp) impRemember(grp, &r->key, n);
  return true;
}

/* Creates the relationship of a row. */
static bool impApplyRel(Importer *imp, const ImpSource *src, const ImpRow *r) {
  Graph *g = imp->g;
  int64_t iType = src->iType;
  if (r->zTags) {
    const char *z = r->zTags;
    uint32_t n = r->nTags;
    impTrim(&z, &n);
    if (n) iType = intern_add(&g->types, z, n);
  }
  if (iType < 0) {
    return impBadRow(imp, src, r, "no relationship type (give TYPE=FILE or fill the :TYPE column)");
  }
  RelId rel = graph_raw_append_rel(g, (uint32_t)iType, r->src, r->dst, mem_prefault);
  if (g->pIndexes->aIndex.n) index_on_rel(g, rel, true);   /* existence constraints count it */
  imp->stats.nRels++;
  impPropRoom(g, ENT_REL, rel, src, r);
  for (uint32_t i = 0; i < src->nProp; i++) {
    if (r->aProp[i].type != VAL_NULL) graph_set_new_prop(g, ENT_REL, rel, src->aPropKey[i], &r->aProp[i]);
  }
  return true;
}

/* Takes the next batch of source iSrc, waiting for it; NULL when done. */
static ImpBatch *impPop(Importer *imp, int iUnit) {
  ImpUnit *u = &imp->units.a[iUnit];
  pthread_mutex_lock(&imp->mu);
  while (u->pHead == NULL && !u->bDone) pthread_cond_wait(&imp->cvData, &imp->mu);
  ImpBatch *b = u->pHead;
  if (b) {
    u->pHead = b->pNext;
    if (u->pHead == NULL) u->pTail = NULL;
    u->nQueued--;
    pthread_cond_broadcast(&imp->cvSpace);
  }
  pthread_mutex_unlock(&imp->mu);
  return b;
}

/* Has the import run out of memory, or past the max_memory budget (mem.h)?
** Then it fails, naming the file and line it had reached. */
static bool impMemoryFits(Importer *imp, const char *zFile, int64_t iLine) {
  MemState e = mem_exhausted();
  if (e == MEM_FINE) return true;
  if (e == MEM_OVER_BUDGET) {
    char zLimit[40];
    mem_format_size((size_t)imp->pDb->nMaxMemory, zLimit, sizeof(zLimit));
    return impFail(imp, TG_ERR_LIMIT, zFile, iLine,
                   "the import needed more than its memory limit of %s (the max_memory "
                   "setting: --max-memory); it was stopped and the database left empty", zLimit);
  }
  return impFail(imp, TG_ERR_LIMIT, zFile, iLine,
                 "out of memory: the machine could not give the import the memory it asked for; "
                 "it was stopped and the database left empty");
}

static bool impConsumeUnit(Importer *imp, ImpSource *src, int iUnit, int64_t nBase,
                           const ImpGroup *grp, double tSrc);

/* Tells the workers that the main thread has moved on to unit iUnit. */
static void impMainAt(Importer *imp, int iUnit) {
  pthread_mutex_lock(&imp->mu);
  imp->iMainUnit = iUnit;
  pthread_cond_broadcast(&imp->cvSpace);
  pthread_mutex_unlock(&imp->mu);
}

/* Applies every row of source iSrc to the graph, in order: its units one
** after another, each row's line made a line of its file (a unit counts
** from the start of its range). */
static bool impConsume(Importer *imp, int iSrc) {
  ImpSource *src = &imp->aSrc[iSrc];
  double tSrc = impNow();
  const ImpGroup *grp = !src->bRel && src->iId >= 0 ? &imp->groups.a[src->aCol[src->iId].iGroup]
                                                     : NULL;
  int64_t nBase = 0;   /* line breaks in the file before the unit */
  for (int iUnit = src->iFirstUnit; iUnit < src->iFirstUnit + src->nUnit; iUnit++) {
    const ImpUnit *u = &imp->units.a[iUnit];
    if (iUnit > src->iFirstUnit && u->iFile != u[-1].iFile) nBase = 0;
    impMainAt(imp, iUnit);
    if (!impConsumeUnit(imp, src, iUnit, nBase, grp, tSrc)) return false;
    nBase += u->nLines;
  }
  return true;
}

/* Applies the rows of one unit (impConsume). */
static bool impConsumeUnit(Importer *imp, ImpSource *src, int iUnit, int64_t nBase,
                           const ImpGroup *grp, double tSrc) {
  ImpBatch *b;
  while ((b = impPop(imp, iUnit)) != NULL) {
    bool bOk = true;
    for (uint32_t i = 0; i < b->nRow; i++) {
      if (b->aRow[i].iLine > 0) b->aRow[i].iLine += nBase;
    }
    for (uint32_t i = 0; i < b->nRow && bOk; i++) {
      const ImpRow *r = &b->aRow[i];
      /* A node's id is looked up, then stored: fetch the slot early. */
      if (grp && i + IMP_AHEAD < b->nRow) impPrefetch(grp, b->aRow[i + IMP_AHEAD].key.h);
      if (r->bFatal && r->eFatalKind == TG_ERR_INTERRUPT) {
        bOk = impFail(imp, TG_ERR_INTERRUPT, NULL, 0, "import interrupted");
      } else if (r->bFatal) {
        bOk = impFail(imp, r->eFatalKind, src->azFile[r->iFile], r->iLine, "%s", r->zBad);
      } else if (r->zBad) {
        bOk = impBadRow(imp, src, r, r->zBad);
      } else {
        bOk = src->bRel ? impApplyRel(imp, src, r) : impApplyNode(imp, src, r);
      }
    }
    src->nRows += b->nRow;
    /* The line reached: the batch's last, or for an empty batch (the end
    ** of a unit) the line before the unit. */
    int iFile = imp->units.a[iUnit].iFile;
    int64_t iLine = b->nRow ? b->aRow[b->nRow - 1].iLine : nBase;
    impBatchPut(imp, b);
    if (!bOk) return false;
    if (!impMemoryFits(imp, src->azFile[iFile], iLine)) return false;
    if (imp->pDb->bInterrupt) {
      imp->pDb->bInterrupt = 0;
      return impFail(imp, TG_ERR_INTERRUPT, NULL, 0, "import interrupted");
    }
    double t = impNow();
    if (imp->opts.xProgress && t - imp->tLastProgress >= 1.0) {
      imp->tLastProgress = t;
      imp->opts.xProgress(imp->opts.pArg, src->azFile[iFile], src->nRows, t - tSrc);
    }
  }
  return true;
}

/* Number of parsing threads: TANGLE_IMPORT_THREADS, else one per core (at
** most four). 0 parses on the calling thread. */
static int impThreadCount(void) {
  const char *z = getenv("TANGLE_IMPORT_THREADS");
  if (z && *z) {
    int n = atoi(z);
    return n < 0 ? 0 : n > 16 ? 16 : n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

/*
** Runs sources [iFirst, iEnd): workers parse, this thread applies. On an
** error the workers are told to stop, then joined, and the queues freed.
** Returns false with the database error set.
*/
static bool impRunPhase(Importer *imp, int iFirst, int iEnd) {
  if (iFirst >= iEnd) return true;
  int uFirst = imp->aSrc[iFirst].iFirstUnit;
  int uEnd = imp->aSrc[iEnd - 1].iFirstUnit + imp->aSrc[iEnd - 1].nUnit;
  imp->iNext = uFirst;
  imp->iPhaseEnd = uEnd;
  imp->iMainUnit = uFirst;
  imp->bStop = false;
  int nThread = impThreadCount();
  if (nThread > uEnd - uFirst) nThread = uEnd - uFirst;
  imp->nWindow = nThread + 1;
  pthread_t aThread[16];
  int nStarted = 0;
  imp->pBudget = mem_budget_current();
  for (int i = 0; i < nThread; i++) {
    if (pthread_create(&aThread[nStarted], NULL, impWorker, imp) == 0) nStarted++;
  }
  bool bOk = true;
  for (int i = iFirst; i < iEnd && bOk; i++) {
    if (nStarted == 0) {
      /* No threads: parse the source here first, with unbounded queues. */
      imp->bNoWait = true;
      const ImpSource *src = &imp->aSrc[i];
      for (int u = src->iFirstUnit; u < src->iFirstUnit + src->nUnit; u++) impParseUnit(imp, u);
    }
    bOk = impConsume(imp, i);
  }
  pthread_mutex_lock(&imp->mu);
  imp->bStop = true;
  pthread_cond_broadcast(&imp->cvSpace);
  pthread_mutex_unlock(&imp->mu);
  for (int i = 0; i < nStarted; i++) pthread_join(aThread[i], NULL);
  for (int i = uFirst; i < uEnd; i++) {
    ImpUnit *u = &imp->units.a[i];
    while (u->pHead) {
      ImpBatch *b = u->pHead;
      u->pHead = b->pNext;
      impBatchPut(imp, b);
    }
    u->pTail = NULL;
    u->nQueued = 0;
  }
  imp->bNoWait = false;
  return bOk;
}

/* Sizes each id group's table for the node rows its sources seem to hold,
** each table held to an eighth of the memory budget. */
static void impReserveGroups(Importer *imp) {
  int64_t nBudget = imp->pDb->nMaxMemory > 0 ? imp->pDb->nMaxMemory : mem_default_budget();
  for (uint32_t g = 0; g < imp->groups.n; g++) {
    int64_t nRows = 0;
    for (int i = 0; i < imp->nNodeSrc; i++) {
      const ImpSource *src = &imp->aSrc[i];
      if (src->iId >= 0 && src->aCol[src->iId].iGroup == (int)g) nRows += src->nRowsGuess;
    }
    impReserve(&imp->groups.a[g], nRows, nBudget / 8);
  }
}

/* Frees the id groups. */
static void impFreeGroups(Importer *imp) {
  for (uint32_t i = 0; i < imp->groups.n; i++) {
    ImpGroup *grp = &imp->groups.a[i];
    tg_free(grp->zName);
    tg_free(grp->aSlot);
    vec_free(&grp->pool);
  }
  vec_free(&imp->groups);
}

/* Frees everything the importer allocated (the graph stays). */
static void impFree(Importer *imp) {
  for (int i = 0; i < imp->nSrc; i++) {
    ImpSource *src = &imp->aSrc[i];
    for (int k = 0; k < src->nFile; k++) tg_free(src->azFile[k]);
    tg_free(src->azFile);
    for (uint32_t k = 0; k < src->nCol; k++) {
      tg_free(src->aCol[k].zHead);
      tg_free(src->aCol[k].zName);
    }
    tg_free(src->aCol);
    tg_free(src->aLabel);
    tg_free(src->aPropKey);
  }
  tg_free(imp->aSrc);
  vec_free(&imp->units);
  impFreeGroups(imp);
  while (imp->pFree) {
    ImpBatch *b = imp->pFree;
    imp->pFree = b->pNext;
    arena_free(&b->arena);
    tg_free(b);
  }
}
