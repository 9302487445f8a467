/*
** snapshot.c — writing and loading snapshot files (see snapshot.h and
** docs/storage.md).
**
** Layout. Header (64 bytes): "TNGLSNAP", version, flags, log sequence
** number, node and relationship slots, adjacency words, name counts,
** section count, and a CRC of the header's first 60 bytes. Then sections,
** each 8-byte aligned: kind, chunk number, payload bytes, CRC of the
** payload, CRC of those four fields; then the payload. In order:
**
**   DICT        label, type and key names; which keys ever held a value
**   NODES  k    node slots of chunk k: flags, label counts, adjacency
**               word counts (out, in), then the label ids
**   ADJ    k    the adjacency words of chunk k's nodes, as in memory
**   RELS   k    relationship records of chunk k, as in memory
**   NPROPS k    property lists of chunk k's nodes (slot, count, pairs)
**   RPROPS k    the same for relationships
**   SCHEMA      indexes and constraints: descriptors (index.h); format 1
**               had name, label, key, unique
**   COUNTS      nodes per label and relationships per type
**   END
**
** Chunks are graph.h's 65,536 slots, so a damaged section costs a salvage
** one chunk's worth, not the file.
*/
#include "store/snapshot.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "base/crc32c.h"
#include "base/mem.h"
#include "store/codec.h"
#include "store/dbfile.h"
#include "store/index.h"


#define SNAP_MAGIC "TNGLSNAP"
#define SNAP_HEADER 64
#define SNAP_SECTION_HEADER 24

enum {
  SEC_DICT = 1,
  SEC_NODES,
  SEC_ADJ,
  SEC_RELS,
  SEC_NPROPS,
  SEC_RPROPS,
  SEC_SCHEMA,
  SEC_COUNTS,
  SEC_END
};

static const char *const azSecName[] = {"",       "names",           "nodes",   "adjacency",
                                        "relationships", "node properties", "relationship properties",
                                        "schema", "counts",          "end"};

/* ======================================================================
** Writing
** ==================================================================== */

typedef struct SnapWriter {
  int fd;
  int rc;             /* first errno met, 0 while all is well */
  StrBuf out;         /* bytes not yet written */
  StrBuf sec;         /* the section being built */
  uint32_t nSection;
} SnapWriter;

static void swFlush(SnapWriter *w) {
  if (w->rc == 0 && w->out.n) w->rc = dbfile_write(w->fd, w->out.z, w->out.n);
  strbuf_truncate(&w->out, 0);
}

/* Writes one section whose payload is the n bytes at p. */
static void swSectionBytes(SnapWriter *w, uint32_t kind, uint32_t iChunk, const void *p, size_t n) {
  uint8_t h[SNAP_SECTION_HEADER];
  uint64_t n64 = n;
  uint32_t crc = crc32c(0, p, n);
  memcpy(h, &kind, 4);
  memcpy(h + 4, &iChunk, 4);
  memcpy(h + 8, &n64, 8);
  memcpy(h + 16, &crc, 4);
  uint32_t hcrc = crc32c(0, h, 20);
  memcpy(h + 20, &hcrc, 4);
  strbuf_append(&w->out, (const char *)h, sizeof(h));
  if (n >= (1u << 20)) {
    swFlush(w);
    if (w->rc == 0) w->rc = dbfile_write(w->fd, p, n);
  } else {
    strbuf_append(&w->out, p, n);
  }
  static const char zPad[8] = {0};
  if (n % 8) strbuf_append(&w->out, zPad, 8 - n % 8);
  if (w->out.n >= (1u << 20)) swFlush(w);
  w->nSection++;
}

/* Writes the section built in w->sec. */
static void swSection(SnapWriter *w, uint32_t kind, uint32_t iChunk) {
  swSectionBytes(w, kind, iChunk, w->sec.z ? w->sec.z : "", w->sec.n);
  strbuf_truncate(&w->sec, 0);
}

static void swNames(StrBuf *p, const Intern *pNames) {
  uint32_t n = intern_count(pNames);
  codec_put_u32(p, n);
  for (uint32_t i = 0; i < n; i++) {
    const char *z = intern_name(pNames, i);
    codec_put_str(p, z, (uint32_t)strlen(z));
  }
}

/* Slots in chunk k of a store of nSlot slots. */
static uint32_t snapChunkSlots(uint32_t nSlot, uint32_t k) {
  uint64_t nLeft = (uint64_t)nSlot - (uint64_t)k * GRAPH_CHUNK;
  return nLeft > GRAPH_CHUNK ? GRAPH_CHUNK : (uint32_t)nLeft;
}

/* The NODES and ADJ sections of chunk k. */
static void swNodeChunk(SnapWriter *w, const Graph *g, uint32_t k) {
  uint32_t nSlot = snapChunkSlots(g->nNodeSlot, k), iFirst = k * GRAPH_CHUNK;
  StrBuf *s = &w->sec;
  for (uint32_t i = 0; i < nSlot; i++) {
    codec_put_u32(s, graph_node_rec(g, iFirst + i)->flags & NODEF_LIVE);
  }
  for (uint32_t i = 0; i < nSlot; i++) codec_put_u32(s, graph_node_rec(g, iFirst + i)->nLabel);
  for (int d = 0; d < 2; d++) {
    for (uint32_t i = 0; i < nSlot; i++) {
      const uint32_t *a;
      codec_put_u32(s, graph_adj_words(g, iFirst + i, d, &a));
    }
  }
  for (uint32_t i = 0; i < nSlot; i++) {
    uint32_t nLabel;
    const uint32_t *a = graph_node_labels(g, iFirst + i, &nLabel);
    strbuf_append(s, (const char *)a, sizeof(uint32_t) * nLabel);
  }
  swSection(w, SEC_NODES, k);
  for (uint32_t i = 0; i < nSlot; i++) {
    for (int d = 0; d < 2; d++) {
      const uint32_t *a;
      uint32_t nWord = graph_adj_words(g, iFirst + i, d, &a);
      strbuf_append(s, (const char *)a, sizeof(uint32_t) * nWord);
    }
  }
  swSection(w, SEC_ADJ, k);
}

/* A NPROPS or RPROPS section for chunk k, when any entity there has
** properties. */
static void swPropChunk(SnapWriter *w, const Graph *g, int ent, uint32_t k) {
  uint32_t nSlot = snapChunkSlots(ent == ENT_NODE ? g->nNodeSlot : g->nRelSlot, k);
  uint32_t iFirst = k * GRAPH_CHUNK;
  for (uint32_t i = 0; i < nSlot; i++) {
    uint32_t id = iFirst + i;
    bool bLive = ent == ENT_NODE ? (graph_node_rec(g, id)->flags & NODEF_LIVE)
                                 : (graph_rel_rec(g, id)->flags & RELF_LIVE);
    const PropList *pl = bLive ? graph_props(g, ent, id) : NULL;
    if (pl == NULL || pl->n == 0) continue;
    codec_put_u32(&w->sec, i);
    codec_put_u32(&w->sec, pl->n);
    for (uint32_t j = 0; j < pl->n; j++) {
      codec_put_u32(&w->sec, pl->a[j].key);
      codec_put_value(&w->sec, &pl->a[j].v);
    }
  }
  if (w->sec.n) swSection(w, ent == ENT_NODE ? SEC_NPROPS : SEC_RPROPS, k);
}

int snapshot_write(const Graph *g, int fd, uint64_t iSeq) {
  SnapWriter w = {.fd = fd};
  strbuf_init(&w.out);
  strbuf_init(&w.sec);
  uint8_t hdr[SNAP_HEADER] = {0};
  strbuf_append(&w.out, (const char *)hdr, sizeof(hdr));   /* the real one comes last */

  swNames(&w.sec, &g->labels);
  swNames(&w.sec, &g->types);
  swNames(&w.sec, &g->keys);
  uint32_t nKey = intern_count(&g->keys);
  for (uint32_t i = 0; i < nKey; i++) codec_put_u8(&w.sec, graph_key_stored(g, i));
  swSection(&w, SEC_DICT, 0);

  uint64_t nSlabWords = 0;
  uint32_t nNodeChunk = (g->nNodeSlot + GRAPH_CHUNK - 1) / GRAPH_CHUNK;
  uint32_t nRelChunk = (g->nRelSlot + GRAPH_CHUNK - 1) / GRAPH_CHUNK;
  for (uint32_t i = 0; i < g->nNodeSlot; i++) {
    for (int d = 0; d < 2; d++) {
      const uint32_t *a;
      nSlabWords += graph_adj_words(g, i, d, &a);
    }
  }
  for (uint32_t k = 0; k < nNodeChunk && w.rc == 0; k++) swNodeChunk(&w, g, k);
  for (uint32_t k = 0; k < nRelChunk && w.rc == 0; k++) {
    swSectionBytes(&w, SEC_RELS, k, g->apRelChunk[k], sizeof(RelRec) * snapChunkSlots(g->nRelSlot, k));
  }
  for (uint32_t k = 0; k < nNodeChunk && w.rc == 0; k++) swPropChunk(&w, g, ENT_NODE, k);
  for (uint32_t k = 0; k < nRelChunk && w.rc == 0; k++) swPropChunk(&w, g, ENT_REL, k);

  index_schema_write(g, &w.sec);
  swSection(&w, SEC_SCHEMA, 0);

  uint32_t nLabel = intern_count(&g->labels), nType = intern_count(&g->types);
  codec_put_u32(&w.sec, g->nNodeLive);
  codec_put_u32(&w.sec, g->nRelLive);
  codec_put_u32(&w.sec, nLabel);
  for (uint32_t i = 0; i < nLabel; i++) codec_put_u32(&w.sec, graph_label_count(g, i));
  codec_put_u32(&w.sec, nType);
  for (uint32_t i = 0; i < nType; i++) codec_put_u32(&w.sec, graph_type_count(g, i));
  swSection(&w, SEC_COUNTS, 0);
  swSection(&w, SEC_END, 0);
  swFlush(&w);

  uint32_t version = SNAPSHOT_VERSION, aCount[7] = {g->nNodeSlot, g->nRelSlot, 0, 0, nLabel, nType, nKey};
  memcpy(hdr, SNAP_MAGIC, 8);
  memcpy(hdr + 8, &version, 4);
  memcpy(hdr + 16, &iSeq, 8);
  memcpy(hdr + 24, &aCount[0], 8);
  memcpy(hdr + 32, &nSlabWords, 8);
  memcpy(hdr + 40, &aCount[4], 12);
  memcpy(hdr + 52, &w.nSection, 4);
  uint32_t crc = crc32c(0, hdr, 60);
  memcpy(hdr + 60, &crc, 4);
  if (w.rc == 0) w.rc = dbfile_write_at(fd, hdr, sizeof(hdr), 0);
  strbuf_free(&w.out);
  strbuf_free(&w.sec);
  return w.rc;
}

/* ======================================================================
** Loading
** ==================================================================== */

/* The mixer of the keyed hash (splitmix64's finaliser). */
static uint64_t srMix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* One adjacency entry's keyed hash: a random odd multiplier and offset,
** then one full mix. */
static inline uint64_t srEntryHash(const uint64_t *aKey, RelId rel, uint32_t type, NodeId nbr) {
  return srMix((((uint64_t)rel << 32) | nbr) * aKey[0] + (((uint64_t)type << 32) ^ aKey[1]));
}

/* A fresh random key for srEntryHash. */
static void srNewKey(uint64_t *aKey) {
  if (getrandom(aKey, 2 * sizeof(uint64_t), GRND_NONBLOCK) != 2 * sizeof(uint64_t)) {
    aKey[0] = srMix((uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32));
    aKey[1] = srMix(aKey[0] + (uint64_t)clock());
  }
  aKey[0] |= 1;   /* odd: multiplying by it loses no bit */
}

/*
** The checker thread. Opening a mapped snapshot is CPU work on data
** already in memory: checksums over the relationship and adjacency
** sections, and the keyed hash sums of the relationship records and the
** adjacency lists (see srCheckAdjacency). A second thread does those
** while the loading thread parses nodes and properties; the loading
** thread accepts nothing until it has joined it. Everything the loading
** thread does with a section not yet checked is bounds-checked anyway.
*/
typedef struct SrBig {
  const uint8_t *p;     /* payload, in the mapping */
  uint64_t n;
  uint32_t crc;
  uint32_t kind, iChunk;
} SrBig;

typedef struct SrChecker {
  pthread_t thread;
  bool bRunning;
  bool bNoChecksum;
  VEC(SrBig) big;       /* RELS and ADJ sections found by the pre-scan */
  int64_t iBad;         /* the first whose checksum failed, or -1 */
  uint64_t aKey[2];     /* the hash key (srCheckAdjacency) */
  uint32_t nNodeSlot;
  uint64_t *aRelSum;    /* per node and direction: hash sums of full,
                           mapped relationship chunks */
  uint8_t *aRelDone;    /* per relationship chunk: summed here */
  const uint8_t **apNodes; /* per node chunk: its NODES payload (the
                           adjacency word counts), NULL when not found once */
  uint64_t *aAdjSum;    /* per node and direction: hash sums of its lists */
  bool bAdjOk;          /* every ADJ section was summed (and well formed) */
  bool bJoined;         /* it ran and was joined: its sums are complete */
} SrChecker;

/* Sums the hashes of the adjacency lists in the ADJ section b, reading
** their lengths from the chunk's NODES section. Nothing here is trusted
** yet: every length is checked against the bytes there are. False when
** something does not fit (the loading thread then reports it). */
static bool srCheckerAdj(SrChecker *c, const SrBig *b) {
  const uint8_t *pNodes = b->iChunk < (c->nNodeSlot + GRAPH_CHUNK - 1) / GRAPH_CHUNK ? c->apNodes[b->iChunk] : NULL;
  if (pNodes == NULL) return false;
  uint64_t nFirst = (uint64_t)b->iChunk * GRAPH_CHUNK, nLeft = b->n / 4;
  uint32_t nSlot = (uint32_t)TG_MIN((uint64_t)GRAPH_CHUNK, c->nNodeSlot - nFirst);
  const uint32_t *aW = (const uint32_t *)(pNodes + 8 * (size_t)nSlot);   /* out counts, then in */
  const uint32_t *a = (const uint32_t *)b->p;
  for (uint32_t i = 0; i < nSlot; i++) {
    for (int d = 0; d < 2; d++) {
      uint32_t nW = aW[(size_t)d * nSlot + i];
      if (nW > nLeft) return false;
      uint64_t sum = 0;
      if (nW) {
        uint32_t nGroup = a[0];
        if (nGroup == 0 || 1 + 2 * (uint64_t)nGroup > nW) return false;
        uint32_t nEntry = (uint32_t)((nW - 1 - 2 * (uint64_t)nGroup) / 2), iStart = 0;
        const uint32_t *e = a + 1 + 2 * (size_t)nGroup;
        for (uint32_t k = 0; k < nGroup; k++) {
          uint32_t iEnd = a[2 + 2 * k], type = a[1 + 2 * k];
          if (iEnd < iStart || iEnd > nEntry) return false;
          for (uint32_t j = iStart; j < iEnd; j++) sum += srEntryHash(c->aKey, e[2 * j], type, e[2 * j + 1]);
          iStart = iEnd;
        }
      }
      c->aAdjSum[2 * (nFirst + i) + (uint64_t)d] = sum;
      a += nW;
      nLeft -= nW;
    }
  }
  return true;
}


static void *srCheckerMain(void *pArg) {
  SrChecker *c = pArg;
  for (uint32_t i = 0; i < c->big.n; i++) {
    const SrBig *b = &c->big.a[i];
    if (!c->bNoChecksum && crc32c(0, b->p, b->n) != b->crc) {
      if (c->iBad < 0) c->iBad = i;
      continue;
    }
    if (b->kind == SEC_ADJ) {
      if (c->bAdjOk) c->bAdjOk = srCheckerAdj(c, b);
      continue;
    }
    if (b->kind != SEC_RELS || b->n != sizeof(RelRec) * GRAPH_CHUNK) continue;
    const RelRec *a = (const RelRec *)b->p;
    for (uint32_t j = 0; j < GRAPH_CHUNK; j++) {
      if (a[j].flags != RELF_LIVE || a[j].src >= c->nNodeSlot || a[j].dst >= c->nNodeSlot) continue;
      RelId r = b->iChunk * GRAPH_CHUNK + j;
      c->aRelSum[2 * (size_t)a[j].src] += srEntryHash(c->aKey, r, a[j].type, a[j].dst);
      c->aRelSum[2 * (size_t)a[j].dst + 1] += srEntryHash(c->aKey, r, a[j].type, a[j].src);
    }
    c->aRelDone[b->iChunk] = 1;
  }
  return NULL;
}

typedef struct SnapReader {
  Graph *g;
  int fd;
  const char *zPath;
  SnapshotLoad *pLoad;
  TgError *pErr;
  int64_t nFile;        /* file bytes */
  uint32_t nLabel, nType, nKey;
  uint64_t nSlabWords;  /* adjacency words the header promises */
  uint64_t iSlabUsed;   /* adjacency words placed so far */
  uint32_t *aAdjWords;  /* the last NODES section's word counts (2 x slots) */
  int64_t iAdjChunk;    /* its chunk, -1 when none is pending */
  uint8_t *aNodeSeen;   /* per node chunk: NODES (1) and ADJ (2) read */
  uint8_t *aRelSeen;    /* per relationship chunk: RELS read */
  SrChecker checker;    /* the checker thread (mapped, normal loads) */
  uint64_t aAdjEntries[2]; /* adjacency entries read, per direction */
  uint64_t *aNodeLive;  /* bit n: node n is live in a NODES section read (a
                           small bitmap, where relationships check their ends) */
  VEC(IndexDef) schema;      /* SCHEMA, created once every node is in */
  uint32_t version;          /* the file's format */
  uint32_t aCount[2];   /* COUNTS: live nodes, relationships */
  StrBuf countsBlob;    /* COUNTS: per label and type, checked at the end */
  bool bCounts, bEnd;
} SnapReader;

/* Sets the error (first one wins); returns false. */
static bool srFail(SnapReader *r, const char *zFmt, ...) TG_PRINTF(2, 3);
static bool srFail(SnapReader *r, const char *zFmt, ...) {
  if (r->pErr->code) return false;
  char zMsg[400];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  error_raw(r->pErr, TG_ERR_IO, "", "%s: %s", r->zPath, zMsg);
  return false;
}

/* A salvage notes a loss and goes on; a normal load fails. */
static bool srLoss(SnapReader *r, uint32_t kind, uint32_t iChunk, const char *zWhat) {
  const char *zSec = kind < ARRAY_SIZE(azSecName) ? azSecName[kind] : "unknown";
  if (!r->pLoad->bSalvage) {
    return srFail(r, "the %s section (chunk %u) %s; the database is damaged (tangle PATH --recover salvages what it can)",
                  zSec, iChunk, zWhat);
  }
  strbuf_printf(&r->pLoad->report, "lost: %s of slots %llu to %llu (%s)\n", zSec,
                (unsigned long long)iChunk * GRAPH_CHUNK,
                (unsigned long long)iChunk * GRAPH_CHUNK + GRAPH_CHUNK - 1, zWhat);
  return true;
}

static bool srNames(SnapReader *r, ByteReader *b, Intern *pNames) {
  uint32_t n = codec_u32(b);
  if (n > b->n - b->i) return false;   /* each name takes at least 4 bytes */
  for (uint32_t i = 0; i < n && !b->bBad; i++) {
    uint32_t nName;
    const char *z = codec_str(b, &nName);
    if (z == NULL || nName == 0) return false;
    if (intern_add(pNames, z, nName) != i) return false;   /* a name twice */
  }
  (void)r;
  return !b->bBad;
}

static bool srDict(SnapReader *r, const uint8_t *p, size_t n) {
  Graph *g = r->g;
  ByteReader b;
  codec_reader(&b, p, n);
  if (!srNames(r, &b, &g->labels) || !srNames(r, &b, &g->types) || !srNames(r, &b, &g->keys) ||
      intern_count(&g->labels) != r->nLabel || intern_count(&g->types) != r->nType ||
      intern_count(&g->keys) != r->nKey) {
    return srFail(r, "the names section is malformed");
  }
  for (uint32_t i = 0; i < r->nKey; i++) {
    uint8_t bStored = codec_u8(&b);
    vec_push(&g->keyStored, bStored);
  }
  if (b.bBad || b.i != b.n) return srFail(r, "the names section is malformed");
  return true;
}

static bool srNodes(SnapReader *r, uint32_t k, const uint8_t *p, size_t n) {
  Graph *g = r->g;
  uint32_t nSlot = snapChunkSlots(g->nNodeSlot, k), iFirst = k * GRAPH_CHUNK;
  if (n < (size_t)16 * nSlot) return srLoss(r, SEC_NODES, k, "is too short");
  const uint32_t *aFlags = (const uint32_t *)p, *aNLabel = aFlags + nSlot;
  const uint32_t *aWords = aNLabel + nSlot, *aLabel = aWords + 2 * (size_t)nSlot;
  uint64_t nLabelTotal = 0;
  for (uint32_t i = 0; i < nSlot; i++) {
    if (aFlags[i] > NODEF_LIVE || (aFlags[i] == 0 && (aNLabel[i] || aWords[i] || aWords[nSlot + i]))) {
      return srLoss(r, SEC_NODES, k, "holds a malformed node");
    }
    nLabelTotal += aNLabel[i];
  }
  if (n != 16 * (size_t)nSlot + 4 * nLabelTotal) return srLoss(r, SEC_NODES, k, "has the wrong length");
  for (uint32_t i = 0; i < nSlot; i++) {
    const uint32_t *a = aLabel;
    for (uint32_t j = 0; j < aNLabel[i]; j++) {
      if (a[j] >= r->nLabel || (j > 0 && a[j] <= a[j - 1])) {
        return srLoss(r, SEC_NODES, k, "holds a label id out of range");
      }
    }
    aLabel += aNLabel[i];
  }
  aLabel = aWords + 2 * (size_t)nSlot;
  for (uint32_t i = 0; i < nSlot; i++) {
    NodeRec *pRec = graph_node_rec(g, iFirst + i);
    memset(pRec, 0, sizeof(*pRec));
    pRec->flags = aFlags[i];
    if (aFlags[i]) r->aNodeLive[(iFirst + i) / 64] |= (uint64_t)1 << ((iFirst + i) % 64);
    pRec->nLabel = aNLabel[i];
    if (aNLabel[i] <= 2) {
      memcpy(pRec->labels.aInline, aLabel, sizeof(uint32_t) * aNLabel[i]);
    } else {
      pRec->labels.aHeap = tg_malloc(sizeof(uint32_t) * aNLabel[i]);
      memcpy(pRec->labels.aHeap, aLabel, sizeof(uint32_t) * aNLabel[i]);
    }
    aLabel += aNLabel[i];
  }
  r->aNodeSeen[k] |= 1;
  if (!r->pLoad->bSalvage) {
    memcpy(r->aAdjWords, aWords, sizeof(uint32_t) * 2 * nSlot);
    r->iAdjChunk = k;
  }
  return true;
}

/* Is the section whose payload starts at p checked by the checker thread? */
static bool srCheckerHas(const SnapReader *r, const uint8_t *p) {
  const SrChecker *c = &r->checker;
  if (!c->bRunning || c->big.n == 0 || p < c->big.a[0].p || p > c->big.a[c->big.n - 1].p) return false;
  uint32_t lo = 0, hi = c->big.n;
  while (lo < hi) {   /* the sections lie in file order */
    uint32_t mid = (lo + hi) / 2;
    if (c->big.a[mid].p < p) lo = mid + 1;
    else hi = mid;
  }
  return lo < c->big.n && c->big.a[lo].p == p;
}

static void srCheckerFree(SrChecker *c);

/* Finds the big sections of a mapped snapshot by their headers alone and
** starts the checker thread on them. Nothing is started when a header is
** damaged: the loading thread then meets it and reports it. */
static void srCheckerStart(SnapReader *r, const uint64_t *aKey) {
  SrChecker *c = &r->checker;
  Graph *g = r->g;
  c->iBad = -1;
  c->bNoChecksum = r->pLoad->bNoChecksum;
  memcpy(c->aKey, aKey, sizeof(c->aKey));
  c->nNodeSlot = g->nNodeSlot;
  const uint8_t *pMap = g->pMap;
  c->apNodes = tg_calloc(g->nNodeChunk + 1, sizeof(uint8_t *));
  uint8_t *aNodesSeen = tg_calloc(g->nNodeChunk + 1, 1);
  int64_t iOfst = SNAP_HEADER;
  while (iOfst + SNAP_SECTION_HEADER <= r->nFile) {
    const uint8_t *h = pMap + iOfst;
    uint32_t kind, k, crc, hcrc;
    uint64_t n;
    memcpy(&kind, h, 4);
    memcpy(&k, h + 4, 4);
    memcpy(&n, h + 8, 8);
    memcpy(&crc, h + 16, 4);
    memcpy(&hcrc, h + 20, 4);
    if ((!c->bNoChecksum && crc32c(0, h, 20) != hcrc) || n > (uint64_t)(r->nFile - iOfst - SNAP_SECTION_HEADER)) {
      vec_free(&c->big);
      tg_free(aNodesSeen);
      return;
    }
    if (kind == SEC_NODES && k < g->nNodeChunk && n >= 16 * (uint64_t)snapChunkSlots(g->nNodeSlot, k)) {
      /* A chunk's NODES twice is damage: sum none of its lists. */
      c->apNodes[k] = aNodesSeen[k]++ ? NULL : h + SNAP_SECTION_HEADER;
    }
    bool bPlaced = kind == SEC_RELS ? k < g->nRelChunk && n == sizeof(RelRec) * (uint64_t)snapChunkSlots(g->nRelSlot, k)
                                    : kind == SEC_ADJ && k < g->nNodeChunk;
    if (bPlaced) {   /* a section out of place is the loading thread's to report */
      SrBig b = {h + SNAP_SECTION_HEADER, n, crc, kind, k};
      vec_push(&c->big, b);
    }
    if (kind == SEC_END) break;
    iOfst += SNAP_SECTION_HEADER + (int64_t)((n + 7) & ~(uint64_t)7);
  }
  tg_free(aNodesSeen);
  c->aRelSum = tg_calloc(2 * (size_t)g->nNodeSlot + 1, sizeof(uint64_t));
  c->aAdjSum = tg_calloc(2 * (size_t)g->nNodeSlot + 1, sizeof(uint64_t));
  c->aRelDone = tg_calloc(g->nRelChunk + 1, 1);
  c->bAdjOk = true;
  c->bRunning = pthread_create(&c->thread, NULL, srCheckerMain, c) == 0;
  if (!c->bRunning) srCheckerFree(c);
}

/* Waits for the checker; false (with the loss reported) when a checksum
** failed. Safe to call when it never started, and twice. */
static bool srCheckerJoin(SnapReader *r) {
  SrChecker *c = &r->checker;
  if (c->bRunning) {
    pthread_join(c->thread, NULL);
    c->bRunning = false;
    c->bJoined = true;
  }
  if (c->iBad >= 0) {
    const SrBig *b = &c->big.a[c->iBad];
    c->iBad = -1;
    return srLoss(r, b->kind, b->iChunk, "fails its checksum");
  }
  return true;
}

static void srCheckerFree(SrChecker *c) {
  vec_free(&c->big);
  tg_free(c->aRelSum);
  tg_free(c->aAdjSum);
  tg_free(c->aRelDone);
  tg_free(c->apNodes);
  c->aRelSum = c->aAdjSum = NULL;
  c->aRelDone = NULL;
  c->apNodes = NULL;
  c->bAdjOk = false;
}

/* The ADJ section of chunk k: nBytes at file offset iOfst, read straight
** into the slab after the lists placed so far. */
static bool srAdj(SnapReader *r, uint32_t k, int64_t iOfst, uint64_t nBytes, uint32_t crc) {
  Graph *g = r->g;
  if (r->iAdjChunk != (int64_t)k) return srLoss(r, SEC_ADJ, k, "does not follow its nodes");
  r->iAdjChunk = -1;
  uint32_t nSlot = snapChunkSlots(g->nNodeSlot, k), iFirst = k * GRAPH_CHUNK;
  uint64_t nWord = 0;
  for (uint32_t i = 0; i < 2 * nSlot; i++) nWord += r->aAdjWords[i];
  if (nBytes != 4 * nWord || r->iSlabUsed + nWord > r->nSlabWords) {
    return srLoss(r, SEC_ADJ, k, "has the wrong length");
  }
  uint32_t *pAt;
  if (g->pMap) {
    pAt = (uint32_t *)((char *)g->pMap + iOfst);   /* in place: the lists borrow it */
  } else {
    pAt = g->pSlab + r->iSlabUsed;
    int rc = dbfile_read_at(r->fd, pAt, nBytes, iOfst);
    if (rc != 0) return srFail(r, "cannot read the adjacency: %s", rc < 0 ? "the file ends early" : strerror(rc));
  }
  if (!r->pLoad->bNoChecksum && !srCheckerHas(r, (const uint8_t *)pAt) && crc32c(0, pAt, nBytes) != crc) {
    return srLoss(r, SEC_ADJ, k, "fails its checksum");
  }
  uint32_t *a = pAt;
  for (uint32_t i = 0; i < nSlot; i++) {
    for (int d = 0; d < 2; d++) {
      uint32_t nW = r->aAdjWords[(size_t)d * nSlot + i];
      /* Entries are matched against the relationships once all are in
      ** (srCheckAdjacency); here the list's shape. */
      int64_t nEntry = graph_adj_check(a, nW);
      if (nEntry < 0) return srLoss(r, SEC_ADJ, k, "holds a malformed list");
      graph_raw_set_adj(g, iFirst + i, d, a, (uint32_t)nEntry);
      r->aAdjEntries[d] += (uint64_t)nEntry;
      a += nW;
    }
  }
  r->iSlabUsed += nWord;
  r->aNodeSeen[k] |= 2;
  return true;
}

/* Is node n live in a chunk its NODES section has filled? */
static bool srNodeLoaded(const SnapReader *r, NodeId n) {
  return n < r->g->nNodeSlot && ((r->aNodeLive[n / 64] >> (n % 64)) & 1);
}

/* Checks a relationship chunk read into place; a salvage clears the
** records it cannot keep. */
static bool srRels(SnapReader *r, uint32_t k) {
  Graph *g = r->g;
  uint32_t nSlot = snapChunkSlots(g->nRelSlot, k);
  RelRec *a = g->apRelChunk[k];
  for (uint32_t i = 0; i < nSlot; i++) {
    RelRec *p = &a[i];
    bool bOk = p->flags == 0 ? p->type == 0 && p->src == 0 && p->dst == 0
                             : p->flags == RELF_LIVE && p->type < r->nType && srNodeLoaded(r, p->src) &&
                                   srNodeLoaded(r, p->dst);
    if (bOk) continue;
    if (!r->pLoad->bSalvage) return srLoss(r, SEC_RELS, k, "holds a malformed relationship");
    if (p->flags == RELF_LIVE) {
      strbuf_printf(&r->pLoad->report, "lost: relationship %u (an end node was lost)\n", k * GRAPH_CHUNK + i);
    }
    memset(p, 0, sizeof(*p));
  }
  r->aRelSeen[k] = 1;
  return true;
}

static bool srProps(SnapReader *r, int ent, uint32_t k, const uint8_t *p, size_t n) {
  Graph *g = r->g;
  uint32_t kind = ent == ENT_NODE ? SEC_NPROPS : SEC_RPROPS;
  uint32_t nSlot = snapChunkSlots(ent == ENT_NODE ? g->nNodeSlot : g->nRelSlot, k);
  if (k >= (ent == ENT_NODE ? g->nNodeChunk : g->nRelChunk)) return srLoss(r, kind, k, "names no chunk");
  ByteReader b;
  codec_reader(&b, p, n);
  bool bOk = true;
  int64_t iPrev = -1;
  while (bOk && !codec_at_end(&b)) {
    uint32_t i = codec_u32(&b), nProp = codec_u32(&b);
    uint32_t id = k * GRAPH_CHUNK + i;
    bool bLive = i < nSlot && (ent == ENT_NODE ? srNodeLoaded(r, id) : r->aRelSeen[k] && graph_rel_exists(g, id));
    if (b.bBad || (int64_t)i <= iPrev || !bLive || nProp == 0 || nProp > (b.n - b.i) / 5) {
      bOk = false;
      break;
    }
    iPrev = i;
    PropList *pl = graph_borrowed_props(g, nProp);
    for (uint32_t j = 0; j < nProp; j++) {
      uint32_t key = codec_u32(&b);
      /* Decoded straight into the graph's arena: the graph keeps it. */
      Value v = codec_value(&b, &g->loaded);
      bool bDup = false;
      for (uint32_t q = 0; q < pl->n; q++) bDup = bDup || pl->a[q].key == key;
      if (b.bBad || key >= r->nKey || v.type == VAL_NULL || bDup) {
        bOk = false;
        break;
      }
      pl->a[pl->n].key = key;
      pl->a[pl->n].v = v;
      pl->n++;
    }
    PropList **ppl = graph_raw_props(g, ent, id);
    *ppl = pl;   /* whole or not, the graph owns it now and frees it */
  }
  if (!bOk || b.bBad) {
    if (r->pLoad->bSalvage) {
      /* Keep no half-read list: drop the chunk's properties. */
      for (uint32_t i = 0; i < nSlot; i++) {
        uint32_t id = k * GRAPH_CHUNK + i;
        if (ent == ENT_REL && !(graph_rel_rec(g, id)->flags & RELF_LIVE)) continue;
        if (ent == ENT_NODE && !(graph_node_rec(g, id)->flags & NODEF_LIVE)) continue;
        PropList **ppl = graph_raw_props(g, ent, id);
        if (*ppl) {
          for (uint32_t j = 0; j < (*ppl)->n; j++) value_heap_free(&(*ppl)->a[j].v);
          if (!((*ppl)->cap & PROPLIST_BORROWED)) tg_free(*ppl);
          *ppl = NULL;
        }
      }
    }
    return srLoss(r, kind, k, "holds a malformed property list");
  }
  return true;
}

static bool srSchema(SnapReader *r, const uint8_t *p, size_t n) {
  ByteReader b;
  codec_reader(&b, p, n);
  uint32_t nIdx = codec_u32(&b);
  for (uint32_t i = 0; i < nIdx && !b.bBad; i++) {
    IndexDef def;
    if (r->version >= 2) {
      /* Descriptors (index.h). */
      bool bOk = index_def_read(&b, &def);
      for (uint32_t k = 0; bOk && k < def.d.nTarget; k++) {
        if (def.d.aTarget[k] >= (def.d.ent == ENT_NODE ? r->nLabel : r->nType)) bOk = false;
      }
      for (uint32_t k = 0; bOk && k < def.d.nKey; k++) {
        if (def.d.aKey[k] >= r->nKey) bOk = false;
      }
      if (!bOk || def.d.kind >= IDX__COUNT || def.d.ent > ENT_REL) {
        index_def_free(&def);
        b.bBad = true;
        break;
      }
    } else {
      /* Format 1: name, label, key, unique (node range indexes and
      ** uniqueness constraints). */
      uint32_t nName;
      const char *zName = codec_str(&b, &nName);
      uint32_t label = codec_u32(&b), key = codec_u32(&b);
      uint8_t bUnique = codec_u8(&b);
      if (b.bBad || nName == 0 || label >= r->nLabel || key >= r->nKey || bUnique > 1) {
        b.bBad = true;
        break;
      }
      memset(&def, 0, sizeof(def));
      def.zName = tg_strndup(zName, nName);
      def.zOptions = tg_strndup("", 0);
      def.aId = tg_malloc(2 * sizeof(uint32_t));
      def.aId[0] = label;
      def.aId[1] = key;
      IndexDesc d = {def.zName, bUnique ? IDX_UNIQUE : IDX_RANGE, ENT_NODE, 1, def.aId, 1, def.aId + 1, def.zOptions};
      def.d = d;
    }
    vec_push(&r->schema, def);
  }
  if (b.bBad || b.i != b.n) return srLoss(r, SEC_SCHEMA, 0, "is malformed");
  return true;
}

/* Reads a payload into a fresh buffer and checks its CRC. NULL on error
** (reported) or damage (reported as a loss, *pbLost set). */
static uint8_t *srPayload(SnapReader *r, uint32_t kind, uint32_t iChunk, int64_t iOfst, uint64_t n,
                          uint32_t crc, bool *pbLost) {
  if (r->g->pMap) {
    /* In place, in the mapped file (the caller frees only a copy). */
    uint8_t *p = (uint8_t *)r->g->pMap + iOfst;
    if (!r->pLoad->bNoChecksum && crc32c(0, p, n) != crc) {
      *pbLost = true;
      srLoss(r, kind, iChunk, "fails its checksum");
      return NULL;
    }
    return p;
  }
  uint8_t *p = tg_malloc(n ? n : 1);
  int rc = dbfile_read_at(r->fd, p, n, iOfst);
  if (rc != 0) {
    tg_free(p);
    srFail(r, "cannot read it: %s", rc < 0 ? "the file ends early" : strerror(rc));
    return NULL;
  }
  if (!r->pLoad->bNoChecksum && crc32c(0, p, n) != crc) {
    tg_free(p);
    *pbLost = true;
    srLoss(r, kind, iChunk, "fails its checksum");
    return NULL;
  }
  return p;
}

/* One section at iOfst with header h; false ends the load. */
static bool srSection(SnapReader *r, const uint8_t *h, int64_t iOfst) {
  Graph *g = r->g;
  uint32_t kind, k, crc;
  uint64_t n;
  memcpy(&kind, h, 4);
  memcpy(&k, h + 4, 4);
  memcpy(&n, h + 8, 8);
  memcpy(&crc, h + 16, 4);
  int64_t iData = iOfst + SNAP_SECTION_HEADER;
  switch (kind) {
    case SEC_RELS: {
      if (k >= g->nRelChunk || r->aRelSeen[k]) return srLoss(r, kind, k, "is out of place");
      if (n != sizeof(RelRec) * (uint64_t)snapChunkSlots(g->nRelSlot, k)) return srLoss(r, kind, k, "has the wrong length");
      if (g->pMap && n == sizeof(RelRec) * GRAPH_CHUNK) {
        /* A full chunk is used where it lies in the mapped file (written
        ** to, it is copied page by page). The last, partial one gets its
        ** own memory: new relationships are appended there. */
        tg_free(g->apRelChunk[k]);
        g->apRelChunk[k] = (RelRec *)((char *)g->pMap + iData);
      } else {
        int rc = dbfile_read_at(r->fd, g->apRelChunk[k], n, iData);
        if (rc != 0) return srFail(r, "cannot read it: %s", rc < 0 ? "the file ends early" : strerror(rc));
      }
      if (!r->pLoad->bNoChecksum && !srCheckerHas(r, (const uint8_t *)g->apRelChunk[k]) &&
          crc32c(0, g->apRelChunk[k], n) != crc) {
        memset(g->apRelChunk[k], 0, n);
        r->aRelSeen[k] = 1;
        return srLoss(r, kind, k, "fails its checksum");
      }
      return srRels(r, k);
    }
    case SEC_ADJ:
      if (r->pLoad->bSalvage) return true;   /* rebuilt from the relationships */
      if (k >= g->nNodeChunk) return srLoss(r, kind, k, "is out of place");
      return srAdj(r, k, iData, n, crc);
    case SEC_DICT:
    case SEC_NODES:
    case SEC_NPROPS:
    case SEC_RPROPS:
    case SEC_SCHEMA:
    case SEC_COUNTS:
    case SEC_END:
      break;
    default:
      return srLoss(r, kind, k, "is of an unknown kind");
  }
  if (kind == SEC_NODES && (k >= g->nNodeChunk || (r->aNodeSeen[k] & 1))) return srLoss(r, kind, k, "is out of place");
  bool bLost = false;
  uint8_t *p = srPayload(r, kind, k, iData, n, crc, &bLost);
  if (p == NULL) {
    if (kind == SEC_DICT) return srFail(r, "the names section is damaged: nothing can be read without it");
    return bLost && r->pErr->code == 0;
  }
  bool bOk = true;
  switch (kind) {
    case SEC_DICT: bOk = srDict(r, p, n); break;
    case SEC_NODES: bOk = srNodes(r, k, p, n); break;
    case SEC_NPROPS: bOk = srProps(r, ENT_NODE, k, p, n); break;
    case SEC_RPROPS: bOk = srProps(r, ENT_REL, k, p, n); break;
    case SEC_SCHEMA: bOk = srSchema(r, p, n); break;
    case SEC_COUNTS:
      if (n < 8) {
        bOk = srLoss(r, kind, 0, "is malformed");
        break;
      }
      memcpy(r->aCount, p, 8);
      strbuf_append(&r->countsBlob, (const char *)p + 8, n - 8);
      r->bCounts = true;
      break;
    case SEC_END: r->bEnd = true; break;
  }
  if (g->pMap == NULL) tg_free(p);
  return bOk;
}

/*
** The adjacency lists read as blocks must say exactly what the
** relationship records say: node n's outgoing list must hold, as a
** multiset, the (relationship, type, end) of every live relationship
** starting at n, and its incoming list likewise. Both sides are summed per
** node with a hash keyed by a random 128-bit key drawn at each load (a
** file cannot be forged to collide under a key it never sees), in
** sequential passes that the checker thread makes where it could, and the
** sums compared. With the records checked one by one (live ends, known
** types) and the entry counts equal, this is db.checkIntegrity()'s
** adjacency check at a fraction of its cost.
*/
static bool srCheckAdjacency(SnapReader *r) {
  Graph *g = r->g;
  const SrChecker *c = &r->checker;
  const uint64_t *aKey = c->aKey;
  uint64_t *aSum = tg_calloc(2 * (size_t)g->nNodeSlot + 1, sizeof(uint64_t));
  uint64_t nEntry[2] = {r->aAdjEntries[0], r->aAdjEntries[1]};
  bool bAdjDone = c->bJoined && c->bAdjOk;   /* the checker summed the lists */
  for (NodeId n = 0; n < g->nNodeSlot && !bAdjDone; n++) {
    for (int d = 0; d < 2; d++) {
      const uint32_t *aPair;
      uint32_t nGroup = graph_adj_groups(g, n, d, &aPair), iStart = 0;
      const AdjEntry *e;
      graph_adj(g, n, d, -1, &e);
      uint64_t sum = 0;
      for (uint32_t k = 0; k < nGroup; k++) {
        for (uint32_t i = iStart; i < aPair[2 * k + 1]; i++) sum += srEntryHash(aKey, e[i].rel, aPair[2 * k], e[i].nbr);
        iStart = aPair[2 * k + 1];
      }
      aSum[2 * (size_t)n + (size_t)d] = sum;
    }
  }
  /* The relationship side: chunks the checker thread summed, and the rest. */
  for (RelId id = 0; id < g->nRelSlot; id++) {
    if (c->bJoined && c->aRelDone[id >> GRAPH_CHUNK_BITS]) {
      id |= GRAPH_CHUNK_MASK;
      continue;
    }
    const RelRec *p = graph_rel_rec(g, id);
    if (!(p->flags & RELF_LIVE)) continue;
    aSum[2 * (size_t)p->src] -= srEntryHash(aKey, id, p->type, p->dst);
    aSum[2 * (size_t)p->dst + 1] -= srEntryHash(aKey, id, p->type, p->src);
  }
  bool bOk = nEntry[0] == g->nRelLive && nEntry[1] == g->nRelLive;
  for (size_t i = 0; bOk && i < 2 * (size_t)g->nNodeSlot; i++) {
    uint64_t nAdj = bAdjDone ? c->aAdjSum[i] : 0, nRel = c->bJoined ? c->aRelSum[i] : 0;
    bOk = aSum[i] + nAdj == nRel;
  }
  tg_free(aSum);
  return bOk;
}

/* After the sections: every chunk is there, and the counts agree. */
static bool srFinish(SnapReader *r) {
  Graph *g = r->g;
  if (!srCheckerJoin(r)) return false;
  for (uint32_t k = 0; k < g->nNodeChunk; k++) {
    uint8_t want = r->pLoad->bSalvage ? 1 : 3;
    if ((r->aNodeSeen[k] & want) != want && !srLoss(r, SEC_NODES, k, "is missing")) return false;
  }
  for (uint32_t k = 0; k < g->nRelChunk; k++) {
    if (!r->aRelSeen[k] && !srLoss(r, SEC_RELS, k, "is missing")) return false;
  }
  if (r->pLoad->bSalvage) {
    /* Adjacency is rebuilt from the relationships that survived. */
    for (uint32_t i = 0; i < g->nNodeSlot; i++) {
      graph_raw_set_adj(g, i, DIR_OUT, NULL, 0);
      graph_raw_set_adj(g, i, DIR_IN, NULL, 0);
    }
    tg_free(g->pSlab);
    g->pSlab = NULL;
    for (uint32_t i = 0; i < g->nRelSlot; i++) {
      if (graph_rel_rec(g, i)->flags & RELF_LIVE) graph_raw_link_rel(g, i);
    }
    g->typeCount.n = 0;
  } else if (r->iSlabUsed != r->nSlabWords) {
    return srFail(r, "the adjacency sections hold fewer words than the header says");
  }
  graph_raw_rebuild_counts(g);
  if (!r->pLoad->bSalvage) {
    ByteReader b;
    codec_reader(&b, r->countsBlob.z ? r->countsBlob.z : "", r->countsBlob.n);
    bool bOk = r->bCounts && r->aCount[0] == g->nNodeLive && r->aCount[1] == g->nRelLive &&
               codec_u32(&b) == r->nLabel;
    for (uint32_t i = 0; bOk && i < r->nLabel; i++) bOk = codec_u32(&b) == graph_label_count(g, i);
    bOk = bOk && codec_u32(&b) == r->nType;
    for (uint32_t i = 0; bOk && i < r->nType; i++) bOk = codec_u32(&b) == graph_type_count(g, i);
    if (!bOk || b.bBad || b.i != b.n) return srFail(r, "the counts do not match the nodes and relationships read");
  }
  /* The sections passed their checks one by one; the whole must agree
  ** too before anything walks it. Labels and counts were rebuilt from the
  ** nodes and relationships; a salvage rebuilt the adjacency as well. */
  if (!r->pLoad->bSalvage && !srCheckAdjacency(r)) {
    return srFail(r, "the adjacency lists do not match the relationships; the database is damaged "
                     "(tangle PATH --recover salvages what it can)");
  }
  for (uint32_t i = 0; i < r->schema.n; i++) {
    bool bViolated;
    const IndexDesc *d = &r->schema.a[i].d;
    if (!index_schema_add(g, d, &bViolated)) {
      if (!r->pLoad->bSalvage) return srFail(r, "the index or constraint %s cannot be rebuilt", d->zName);
      strbuf_printf(&r->pLoad->report, "lost: the %s %s (%s)\n", index_kind_is_index(d->kind) ? "index" : "constraint",
                    d->zName, bViolated ? "the salvaged data breaks it" : "it is defined twice or unsupported");
    }
  }
  return true;
}

bool snapshot_load(Graph *g, int fd, const char *zPath, SnapshotLoad *pLoad, TgError *pErr) {
  SnapReader r = {.g = g, .fd = fd, .zPath = zPath, .pLoad = pLoad, .pErr = pErr, .iAdjChunk = -1,
                  .checker = {.iBad = -1}};
  strbuf_init(&r.countsBlob);
  r.nFile = dbfile_size(fd);
  uint8_t hdr[SNAP_HEADER];
  int rc = r.nFile < 0 ? errno : dbfile_read_at(fd, hdr, sizeof(hdr), 0);
  uint32_t version = 0, crc, nSection;
  uint32_t aCount[2];
  bool bOk = true;
  if (rc != 0) {
    bOk = rc < 0 ? srFail(&r, "the file is too short to be a snapshot") : srFail(&r, "cannot read it: %s", strerror(rc));
  } else if (memcmp(hdr, SNAP_MAGIC, 8) != 0) {
    bOk = srFail(&r, "not a Tangle snapshot (its first bytes are wrong)");
  } else {
    memcpy(&version, hdr + 8, 4);
    memcpy(&crc, hdr + 60, 4);
    r.version = version;
    if (version > SNAPSHOT_VERSION) {
      bOk = srFail(&r, "written in snapshot format %u by a newer Tangle; this one reads format %d", version,
                   SNAPSHOT_VERSION);
    } else if (!pLoad->bNoChecksum && crc32c(0, hdr, 60) != crc) {
      bOk = srFail(&r, "the snapshot header fails its checksum; the database is damaged");
    }
  }
  if (bOk) {
    memcpy(&pLoad->iSeq, hdr + 16, 8);
    memcpy(aCount, hdr + 24, 8);
    memcpy(&r.nSlabWords, hdr + 32, 8);
    memcpy(&r.nLabel, hdr + 40, 4);
    memcpy(&r.nType, hdr + 44, 4);
    memcpy(&r.nKey, hdr + 48, 4);
    memcpy(&nSection, hdr + 52, 4);
    /* Every slot and word takes file bytes: a header promising more than
    ** the file holds is damage, refused before allocating for it. */
    if ((uint64_t)aCount[0] * 16 > (uint64_t)r.nFile || (uint64_t)aCount[1] * 16 > (uint64_t)r.nFile ||
        r.nSlabWords * 4 > (uint64_t)r.nFile || aCount[0] == GRAPH_NO_ID || aCount[1] == GRAPH_NO_ID ||
        (uint64_t)r.nLabel + r.nType + r.nKey > (uint64_t)r.nFile) {
      bOk = srFail(&r, "the header's counts exceed what the file holds");
    }
  }
  if (bOk) {
    g->nNodeChunk = (aCount[0] + GRAPH_CHUNK - 1) / GRAPH_CHUNK;
    g->nRelChunk = (aCount[1] + GRAPH_CHUNK - 1) / GRAPH_CHUNK;
    g->nNodeSlot = aCount[0];
    g->nRelSlot = aCount[1];
    g->apNodeChunk = tg_calloc(g->nNodeChunk ? g->nNodeChunk : 1, sizeof(NodeRec *));
    /* Every slot in use is written by its section; a salvage may miss
    ** sections, so its slots start empty. */
    size_t nNodeBytes = sizeof(NodeRec) * GRAPH_CHUNK, nRelBytes = sizeof(RelRec) * GRAPH_CHUNK;
    for (uint32_t k = 0; k < g->nNodeChunk; k++) {
      g->apNodeChunk[k] = pLoad->bSalvage ? tg_calloc(1, nNodeBytes) : tg_malloc(nNodeBytes);
      if (!pLoad->bSalvage) mem_prefault(g->apNodeChunk[k], sizeof(NodeRec) * snapChunkSlots(aCount[0], k));
    }
    g->apRelChunk = tg_calloc(g->nRelChunk ? g->nRelChunk : 1, sizeof(RelRec *));
    g->apRelPropChunk = tg_calloc(g->nRelChunk ? g->nRelChunk : 1, sizeof(PropList **));
    for (uint32_t k = 0; k < g->nRelChunk; k++) {
      g->apRelChunk[k] = pLoad->bSalvage ? tg_calloc(1, nRelBytes) : tg_malloc(nRelBytes);
    }
    /* Map the file (copy-on-write) so that relationship records and
    ** adjacency lists are used where they lie; without a mapping they are
    ** read into memory. A salvage always reads. */
    if (!pLoad->bSalvage && r.nFile > 0) {
      void *pMap = mmap(NULL, (size_t)r.nFile, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
      if (pMap != MAP_FAILED) {
        madvise(pMap, (size_t)r.nFile, MADV_WILLNEED);
        g->pMap = pMap;
        g->nMap = (size_t)r.nFile;
      }
    }
    if (r.nSlabWords && g->pMap == NULL) g->pSlab = tg_malloc(sizeof(uint32_t) * r.nSlabWords);
    r.aAdjWords = tg_malloc(sizeof(uint32_t) * 2 * GRAPH_CHUNK);
    r.aNodeSeen = tg_calloc(g->nNodeChunk + 1, 1);
    r.aRelSeen = tg_calloc(g->nRelChunk + 1, 1);
    r.aNodeLive = tg_calloc((size_t)g->nNodeSlot / 64 + 1, sizeof(uint64_t));
  }
  srNewKey(r.checker.aKey);
  if (bOk && g->pMap) srCheckerStart(&r, r.checker.aKey);
  int64_t iOfst = SNAP_HEADER;
  bool bSawDict = false;
  uint32_t nRead = 0;   /* sections read, the end marker included */
  while (bOk && !r.bEnd) {
    uint8_t h[SNAP_SECTION_HEADER];
    uint32_t hcrc;
    uint64_t n;
    rc = dbfile_read_at(fd, h, sizeof(h), iOfst);
    if (rc > 0) {
      bOk = srFail(&r, "cannot read it: %s", strerror(rc));
      break;
    }
    memcpy(&hcrc, h + 20, 4);
    memcpy(&n, h + 8, 8);
    bool bGood = rc == 0 && (pLoad->bNoChecksum || crc32c(0, h, 20) == hcrc) &&
                 n <= (uint64_t)(r.nFile - iOfst - SNAP_SECTION_HEADER);
    if (!bGood) {
      if (!pLoad->bSalvage || rc < 0) {
        bOk = srFail(&r, rc < 0 ? "the file ends before its last section (it was cut short)"
                                : "a section header at byte %lld is damaged; the database is damaged "
                                  "(tangle PATH --recover salvages what it can)",
                     (long long)iOfst);
        if (rc < 0 && pLoad->bSalvage) {
          strbuf_printf(&pLoad->report, "lost: everything after byte %lld (the file was cut short)\n", (long long)iOfst);
          pErr->code = 0;
          bOk = true;
          break;
        }
        break;
      }
      /* Salvage: look for the next intact section header. */
      iOfst += 8;
      continue;
    }
    uint32_t kind;
    memcpy(&kind, h, 4);
    if (!bSawDict && kind != SEC_DICT) {
      bOk = srFail(&r, "the names section is missing or damaged: nothing can be read without it");
      break;
    }
    bSawDict = true;
    nRead++;
    bOk = srSection(&r, h, iOfst);
    iOfst += SNAP_SECTION_HEADER + (int64_t)((n + 7) & ~(uint64_t)7);
  }
  /* The header counts the sections: one dropped whole (its neighbours
  ** intact, the file no shorter than its data says) is damage too. */
  if (bOk && !pLoad->bSalvage && nRead != nSection) {
    bOk = srFail(&r, "it holds %u sections where its header says %u; the database is damaged "
                 "(tangle PATH --recover salvages what it can)", nRead, nSection);
  }
  if (bOk) bOk = srFinish(&r);
  tg_free(r.aAdjWords);
  for (uint32_t i = 0; i < r.schema.n; i++) index_def_free(&r.schema.a[i]);
  vec_free(&r.schema);
  strbuf_free(&r.countsBlob);
  /* Join before anything it reads is unmapped. A failed checksum explains
  ** whatever malformed data the loading thread met in that section. */
  if (r.checker.bRunning) {
    pthread_join(r.checker.thread, NULL);
    r.checker.bRunning = false;
  }
  if (r.checker.iBad >= 0) {
    error_clear(pErr);
    srCheckerJoin(&r);
    bOk = false;
  }
  srCheckerFree(&r.checker);
  if (!bOk) {
    /* Chunks no section filled hold no records yet: empty them, so that
    ** freeing the graph reads nothing uninitialised. */
    for (uint32_t k = 0; k < g->nNodeChunk && r.aNodeSeen; k++) {
      if (!(r.aNodeSeen[k] & 1)) memset(g->apNodeChunk[k], 0, sizeof(NodeRec) * GRAPH_CHUNK);
    }
    for (uint32_t k = 0; k < g->nRelChunk && r.aRelSeen; k++) {
      if (!r.aRelSeen[k]) memset(g->apRelChunk[k], 0, sizeof(RelRec) * GRAPH_CHUNK);
    }
    graph_clear(g);
  }
  tg_free(r.aNodeSeen);
  tg_free(r.aRelSeen);
  tg_free(r.aNodeLive);
  return bOk;
}
