/*
** fulltext.c — full-text indexes (see fulltext.h).
**
** Layout of one index:
**   terms     dictionary: term text -> FtTerm (document frequency, postings)
**   docs      one FtDoc per indexed entity, in the order they were indexed;
**             a re-indexed entity gets a new FtDoc and the old one dies, so
**             postings (appended in document order) stay sorted
**   docOf     entity id -> its live document, or FT_NONE
** A dead document stays in the postings until enough die, when the index
** is compacted (ftCompact: live documents renumbered, dictionary rebuilt).
** A document's tokens are sorted by (term, position): a term's tokens are
** one run, found by binary search, and phrase checks compare positions.
** Fields (properties) take disjoint position ranges, so a phrase never
** spans two properties, nor two values of a list.
*/
#include "store/fulltext.h"

#include <math.h>
#include <pthread.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/htab.h"
#include "base/mem.h"
#include "base/textan.h"
#include "base/utf8.h"

#define FT_NONE UINT32_MAX
#define FT_FIELD_GAP 1000000u   /* positions of field k start at k * gap */
#define FT_VALUE_GAP 100u       /* between the values of a list */
#define FT_MAX_FIELDS 256u      /* find index: name + at most 255 aliases */
#define FT_MAX_DEPTH 32         /* query nesting */
#define FT_MAX_EXPAND 1024u     /* terms a prefix query may expand to */
#define FT_BM25_K1 1.2
#define FT_BM25_B 0.75

typedef struct FtPost {
  uint32_t iDoc;
  uint32_t nFreq;              /* occurrences in the document */
} FtPost;

typedef struct FtTerm {
  char *z;                     /* heap copy */
  uint32_t n;
  uint32_t nDf;                /* live documents holding it */
  VEC(FtPost) post;
} FtTerm;

typedef struct FtTok {
  uint32_t term;
  uint32_t pos;
  uint32_t field;
} FtTok;

typedef struct FtDoc {
  uint32_t id;                 /* entity */
  bool bLive;
  uint32_t nTok;
  FtTok *aTok;                 /* sorted by (term, pos) */
} FtDoc;

typedef struct FtIndex {
  char *zName;                 /* NULL for tangle.find's index */
  bool bRels;
  bool bAnyLabel;              /* every entity (tangle.find) */
  bool bPerValue;              /* a field per value, not per key (tangle.find) */
  int eAnalyzer;
  uint32_t nLabel, nKey;
  char **azLabel, **azKey;
  uint32_t *aLabel;            /* label or type ids */
  uint32_t *aKey;              /* key ids; FT_NONE while the key does not exist */
  VEC(FtTerm) terms;
  HTab termHash;
  VEC(FtDoc) docs;
  VEC(uint32_t) docOf;
  uint32_t nLive;
  uint64_t nTotalTok;          /* tokens in live documents */
  uint64_t nRead;              /* queries served (SHOW INDEXES readCount) */
} FtIndex;

struct FulltextSet {
  VEC(FtIndex *) a;            /* user indexes, in creation order */
  FtIndex *pFind;              /* tangle.find's, once built */
  VEC(uint32_t) dirty[2];      /* marked entities, by kind */
  VEC(uint64_t) dirtyBits[2];
  bool bStale;                 /* rebuild everything at the next query */
  uint64_t nGeneration;
  pthread_mutex_t mu;
};

/* ---- Set --------------------------------------------------------------------- */

FulltextSet *fulltext_set_new(void) {
  FulltextSet *p = tg_calloc(1, sizeof(FulltextSet));
  pthread_mutex_init(&p->mu, NULL);
  return p;
}

static void ftIndexClear(FtIndex *x) {
  for (uint32_t i = 0; i < x->terms.n; i++) {
    tg_free(x->terms.a[i].z);
    vec_free(&x->terms.a[i].post);
  }
  x->terms.n = 0;
  htab_clear(&x->termHash);
  for (uint32_t i = 0; i < x->docs.n; i++) tg_free(x->docs.a[i].aTok);
  x->docs.n = 0;
  x->docOf.n = 0;
  x->nLive = 0;
  x->nTotalTok = 0;
}

static void ftIndexFree(FtIndex *x) {
  if (x == NULL) return;
  ftIndexClear(x);
  vec_free(&x->terms);
  htab_free(&x->termHash);
  vec_free(&x->docs);
  vec_free(&x->docOf);
  for (uint32_t i = 0; i < x->nLabel; i++) tg_free(x->azLabel[i]);
  for (uint32_t i = 0; i < x->nKey; i++) tg_free(x->azKey[i]);
  tg_free(x->azLabel);
  tg_free(x->azKey);
  tg_free(x->aLabel);
  tg_free(x->aKey);
  tg_free(x->zName);
  tg_free(x);
}

static void ftDirtyClear(FulltextSet *p) {
  for (int e = 0; e < 2; e++) {
    for (uint32_t i = 0; i < p->dirty[e].n; i++) {
      uint32_t id = p->dirty[e].a[i];
      p->dirtyBits[e].a[id / 64] &= ~((uint64_t)1 << (id % 64));
    }
    p->dirty[e].n = 0;
  }
}

void fulltext_set_free(FulltextSet *p) {
  if (p == NULL) return;
  for (uint32_t i = 0; i < p->a.n; i++) ftIndexFree(p->a.a[i]);
  vec_free(&p->a);
  ftIndexFree(p->pFind);
  for (int e = 0; e < 2; e++) {
    vec_free(&p->dirty[e]);
    vec_free(&p->dirtyBits[e]);
  }
  pthread_mutex_destroy(&p->mu);
  tg_free(p);
}

void fulltext_set_stale(FulltextSet *p) {
  if (p->a.n == 0 && p->pFind == NULL) return;
  ftDirtyClear(p);
  p->bStale = true;
}

/* ---- Hooks ---------------------------------------------------------------------- */

void fulltext_touch(Graph *g, int ent, uint32_t id) {
  FulltextSet *p = g->pFulltext;
  if ((p->a.n == 0 && p->pFind == NULL) || p->bStale) return;
  if (ent == ENT_REL) {
    bool bAny = false;
    for (uint32_t i = 0; i < p->a.n && !bAny; i++) bAny = p->a.a[i]->bRels;
    if (!bAny) return;
  }
  VEC(uint64_t) *pBits = (void *)&p->dirtyBits[ent];
  while (pBits->n <= id / 64) vec_push(pBits, (uint64_t)0);
  uint64_t bit = (uint64_t)1 << (id % 64);
  if (pBits->a[id / 64] & bit) return;
  pBits->a[id / 64] |= bit;
  vec_push(&p->dirty[ent], id);
}

/* Does index x read key `key`? Resolves keys that did not exist yet. */
static bool ftIndexHasKey(const Graph *g, FtIndex *x, uint32_t key) {
  for (uint32_t i = 0; i < x->nKey; i++) {
    if (x->aKey[i] == FT_NONE) {
      int32_t k = intern_find(&g->keys, x->azKey[i], (uint32_t)strlen(x->azKey[i]));
      if (k >= 0) x->aKey[i] = (uint32_t)k;
    }
    if (x->aKey[i] == key) return true;
  }
  return false;
}

void fulltext_touch_prop(Graph *g, int ent, uint32_t id, uint32_t key) {
  FulltextSet *p = g->pFulltext;
  if (p->a.n == 0 && p->pFind == NULL) return;
  bool bHit = ent == ENT_NODE && p->pFind && ftIndexHasKey(g, p->pFind, key);
  for (uint32_t i = 0; i < p->a.n && !bHit; i++) {
    bHit = p->a.a[i]->bRels == (ent == ENT_REL) && ftIndexHasKey(g, p->a.a[i], key);
  }
  if (bHit) fulltext_touch(g, ent, id);
}

/* ---- Building ----------------------------------------------------------------- */

static bool ftTermEq(const void *pCtx, uint32_t i, const void *pKey) {
  const FtIndex *x = pCtx;
  const TextToken *t = pKey;
  return x->terms.a[i].n == t->n && memcmp(x->terms.a[i].z, t->z, t->n) == 0;
}

static int64_t ftTermFind(const FtIndex *x, const char *z, uint32_t n) {
  TextToken t = {z, n, 0};
  return htab_find(&x->termHash, htab_hash_bytes(z, n), ftTermEq, x, &t);
}

static uint32_t ftTermAdd(FtIndex *x, const char *z, uint32_t n) {
  int64_t i = ftTermFind(x, z, n);
  if (i >= 0) return (uint32_t)i;
  FtTerm t = {0};
  t.z = tg_strndup(z, n);
  t.n = n;
  vec_push(&x->terms, t);
  htab_insert(&x->termHash, htab_hash_bytes(z, n), x->terms.n - 1);
  return x->terms.n - 1;
}

static int ftTokCmp(const void *pA, const void *pB) {
  const FtTok *a = pA, *b = pB;
  if (a->term != b->term) return a->term < b->term ? -1 : 1;
  return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Is the entity in the index's scope (exists, has a label or type)? */
static bool ftInScope(const Graph *g, const FtIndex *x, uint32_t id) {
  if (x->bRels) {
    if (!graph_rel_exists(g, id)) return false;
    uint32_t type = graph_rel(g, id)->type;
    for (uint32_t i = 0; i < x->nLabel; i++) {
      if (x->aLabel[i] == type) return true;
    }
    return false;
  }
  if (!graph_node_exists(g, id)) return false;
  if (x->bAnyLabel) return true;
  for (uint32_t i = 0; i < x->nLabel; i++) {
    if (graph_node_has_label(g, id, x->aLabel[i])) return true;
  }
  return false;
}

/* Adds the document of entity id (when in scope and with some term). */
static void ftIndexEntity(const Graph *g, FtIndex *x, uint32_t id) {
  if (!ftInScope(g, x, id)) return;
  Arena a;
  arena_init(&a);
  TextTokens toks = {0};
  VEC(uint32_t) fields = {0};
  uint32_t iField = 0;
  for (uint32_t k = 0; k < x->nKey; k++) {
    if (x->aKey[k] == FT_NONE) continue;
    const Value *v = graph_prop(g, x->bRels ? ENT_REL : ENT_NODE, id, x->aKey[k]);
    if (v == NULL) continue;
    uint32_t nVal = v->type == VAL_LIST ? v->n : 1;
    for (uint32_t j = 0; j < nVal; j++) {
      const Value *e = v->type == VAL_LIST ? &v->u.a[j] : v;
      if (e->type != VAL_STRING) continue;
      uint32_t f = x->bPerValue ? iField++ : k;
      if (f >= FT_MAX_FIELDS) break;
      uint32_t iPos0 = f * FT_FIELD_GAP + (x->bPerValue ? 0 : (j < 5000 ? j : 5000) * FT_VALUE_GAP);
      uint32_t nBefore = toks.n;
      textan_run(x->eAnalyzer, &a, e->u.z, e->n, iPos0, &toks);
      for (uint32_t t = nBefore; t < toks.n; t++) vec_push(&fields, f);
    }
  }
  if (toks.n) {
    FtDoc d = {id, true, toks.n, tg_malloc(sizeof(FtTok) * toks.n)};
    for (uint32_t t = 0; t < toks.n; t++) {
      d.aTok[t].term = ftTermAdd(x, toks.a[t].z, toks.a[t].n);
      d.aTok[t].pos = toks.a[t].iPos;
      d.aTok[t].field = fields.a[t];
    }
    qsort(d.aTok, d.nTok, sizeof(FtTok), ftTokCmp);
    uint32_t iDoc = x->docs.n;
    vec_push(&x->docs, d);
    for (uint32_t t = 0; t < d.nTok;) {
      uint32_t u = t;
      while (u < d.nTok && d.aTok[u].term == d.aTok[t].term) u++;
      FtTerm *pT = &x->terms.a[d.aTok[t].term];
      FtPost post = {iDoc, u - t};
      vec_push(&pT->post, post);
      pT->nDf++;
      t = u;
    }
    while (x->docOf.n <= id) vec_push(&x->docOf, FT_NONE);
    x->docOf.a[id] = iDoc;
    x->nLive++;
    x->nTotalTok += d.nTok;
  }
  vec_free(&toks);
  vec_free(&fields);
  arena_free(&a);
}

/* Kills the live document of entity id, if any. */
static void ftUnindex(FtIndex *x, uint32_t id) {
  if (id >= x->docOf.n || x->docOf.a[id] == FT_NONE) return;
  FtDoc *d = &x->docs.a[x->docOf.a[id]];
  x->docOf.a[id] = FT_NONE;
  d->bLive = false;
  for (uint32_t t = 0; t < d->nTok; t++) {
    if (t == 0 || d->aTok[t].term != d->aTok[t - 1].term) x->terms.a[d->aTok[t].term].nDf--;
  }
  x->nLive--;
  x->nTotalTok -= d->nTok;
  tg_free(d->aTok);
  d->aTok = NULL;
  d->nTok = 0;
}

/* Drops dead documents and unused terms, renumbering both. */
static void ftCompact(FtIndex *x) {
  uint32_t nTermOld = x->terms.n;
  uint32_t *aMap = tg_malloc(sizeof(uint32_t) * (nTermOld ? nTermOld : 1));
  uint32_t nTerm = 0;
  for (uint32_t i = 0; i < nTermOld; i++) {
    FtTerm *t = &x->terms.a[i];
    vec_free(&t->post);
    if (t->nDf == 0) {
      tg_free(t->z);
      aMap[i] = FT_NONE;
    } else {
      aMap[i] = nTerm;
      x->terms.a[nTerm++] = *t;
    }
  }
  x->terms.n = nTerm;
  htab_clear(&x->termHash);
  for (uint32_t i = 0; i < nTerm; i++) {
    x->terms.a[i].nDf = 0;
    memset(&x->terms.a[i].post, 0, sizeof(x->terms.a[i].post));
    htab_insert(&x->termHash, htab_hash_bytes(x->terms.a[i].z, x->terms.a[i].n), i);
  }
  uint32_t nDoc = 0;
  for (uint32_t i = 0; i < x->docs.n; i++) {
    FtDoc d = x->docs.a[i];
    if (!d.bLive) continue;
    for (uint32_t t = 0; t < d.nTok; t++) d.aTok[t].term = aMap[d.aTok[t].term];
    /* Term ids keep their order, so the tokens stay sorted. */
    x->docs.a[nDoc] = d;
    x->docOf.a[d.id] = nDoc;
    for (uint32_t t = 0; t < d.nTok;) {
      uint32_t u = t;
      while (u < d.nTok && d.aTok[u].term == d.aTok[t].term) u++;
      FtPost post = {nDoc, u - t};
      vec_push(&x->terms.a[d.aTok[t].term].post, post);
      x->terms.a[d.aTok[t].term].nDf++;
      t = u;
    }
    nDoc++;
  }
  x->docs.n = nDoc;
  tg_free(aMap);
}

static void ftRebuild(const Graph *g, FtIndex *x) {
  ftIndexClear(x);
  uint32_t nSlot = x->bRels ? g->nRelSlot : g->nNodeSlot;
  for (uint32_t id = 0; id < nSlot; id++) ftIndexEntity(g, x, id);
}

static void ftReindex(const Graph *g, FtIndex *x, uint32_t id) {
  ftUnindex(x, id);
  ftIndexEntity(g, x, id);
}

static void ftMaybeCompact(FtIndex *x) {
  uint32_t nDead = x->docs.n - x->nLive;
  if (nDead > 256 && nDead > x->nLive) ftCompact(x);
}

/* Brings every index up to date with the graph. Holds p->mu. */
static void ftRefresh(const Graph *g, FulltextSet *p) {
  if (p->bStale) {
    for (uint32_t i = 0; i < p->a.n; i++) ftRebuild(g, p->a.a[i]);
    if (p->pFind) ftRebuild(g, p->pFind);
    p->bStale = false;
    return;
  }
  for (int e = 0; e < 2; e++) {
    for (uint32_t k = 0; k < p->dirty[e].n; k++) {
      uint32_t id = p->dirty[e].a[k];
      for (uint32_t i = 0; i < p->a.n; i++) {
        if (p->a.a[i]->bRels == (e == ENT_REL)) ftReindex(g, p->a.a[i], id);
      }
      if (e == ENT_NODE && p->pFind) ftReindex(g, p->pFind, id);
    }
  }
  ftDirtyClear(p);
  for (uint32_t i = 0; i < p->a.n; i++) ftMaybeCompact(p->a.a[i]);
  if (p->pFind) ftMaybeCompact(p->pFind);
}

/* ---- Definitions --------------------------------------------------------------- */

static FtIndex *ftByName(const FulltextSet *p, const char *zName) {
  for (uint32_t i = 0; i < p->a.n; i++) {
    if (strcmp(p->a.a[i]->zName, zName) == 0) return p->a.a[i];
  }
  return NULL;
}

static char **ftCopyNames(const char *const *az, uint32_t n) {
  char **azOut = tg_malloc(sizeof(char *) * n);
  for (uint32_t i = 0; i < n; i++) azOut[i] = tg_strndup(az[i], strlen(az[i]));
  return azOut;
}

static FtIndex *ftNew(const char *const *azLabel, uint32_t nLabel, const char *const *azKey,
                      uint32_t nKey, int eAnalyzer) {
  FtIndex *x = tg_calloc(1, sizeof(FtIndex));
  x->eAnalyzer = eAnalyzer;
  x->nLabel = nLabel;
  x->nKey = nKey;
  x->azLabel = ftCopyNames(azLabel, nLabel);
  x->azKey = ftCopyNames(azKey, nKey);
  x->aLabel = tg_malloc(sizeof(uint32_t) * (nLabel ? nLabel : 1));
  x->aKey = tg_malloc(sizeof(uint32_t) * nKey);
  htab_init(&x->termHash);
  return x;
}

bool fulltext_create(Graph *g, const char *zName, bool bRels, const char *const *azLabel,
                     uint32_t nLabel, const char *const *azKey, uint32_t nKey,
                     const char *zAnalyzer, StrBuf *pErr) {
  FulltextSet *p = g->pFulltext;
  if (ftByName(p, zName)) {
    strbuf_printf(pErr, "a full-text index named %s already exists", zName);
    return false;
  }
  if (nLabel == 0 || nKey == 0) {
    strbuf_printf(pErr, "a full-text index needs at least one %s and one property",
                  bRels ? "relationship type" : "label");
    return false;
  }
  if (nKey > FT_MAX_FIELDS || nLabel > FT_MAX_FIELDS) {
    strbuf_printf(pErr, "a full-text index can cover at most %u %s and %u properties", FT_MAX_FIELDS,
                  bRels ? "relationship types" : "labels", FT_MAX_FIELDS);
    return false;
  }
  int e = zAnalyzer ? textan_find(zAnalyzer, strlen(zAnalyzer)) : TEXTAN_STANDARD_NO_STOP;
  if (e < 0 || e == TEXTAN_MULTILINGUAL) {
    strbuf_printf(pErr, "unknown full-text analyzer '%s'; known: ", zAnalyzer);
    for (int i = 0; i < TEXTAN_MULTILINGUAL; i++) strbuf_printf(pErr, "%s%s", i ? ", " : "", textan_name(i));
    return false;
  }
  FtIndex *x = ftNew(azLabel, nLabel, azKey, nKey, e);
  x->zName = tg_strndup(zName, strlen(zName));
  x->bRels = bRels;
  for (uint32_t i = 0; i < nLabel; i++) {
    x->aLabel[i] = intern_add(bRels ? &g->types : &g->labels, azLabel[i], (uint32_t)strlen(azLabel[i]));
  }
  for (uint32_t i = 0; i < nKey; i++) x->aKey[i] = intern_add(&g->keys, azKey[i], (uint32_t)strlen(azKey[i]));
  pthread_mutex_lock(&p->mu);
  ftRefresh(g, p);   /* the pending marks predate this index: settle them first */
  ftRebuild(g, x);
  vec_push(&p->a, x);
  p->nGeneration++;
  pthread_mutex_unlock(&p->mu);
  return true;
}

bool fulltext_drop(Graph *g, const char *zName) {
  FulltextSet *p = g->pFulltext;
  for (uint32_t i = 0; i < p->a.n; i++) {
    if (strcmp(p->a.a[i]->zName, zName) != 0) continue;
    pthread_mutex_lock(&p->mu);
    ftIndexFree(p->a.a[i]);
    memmove(&p->a.a[i], &p->a.a[i + 1], sizeof(FtIndex *) * (p->a.n - i - 1));
    p->a.n--;
    p->nGeneration++;
    pthread_mutex_unlock(&p->mu);
    return true;
  }
  return false;
}

bool fulltext_exists(const Graph *g, const char *zName) { return ftByName(g->pFulltext, zName) != NULL; }

uint32_t fulltext_count(const Graph *g) { return g->pFulltext->a.n; }

uint64_t fulltext_generation(const Graph *g) { return g->pFulltext->nGeneration; }

bool fulltext_def(const Graph *g, uint32_t i, FulltextDef *pDef) {
  if (i >= g->pFulltext->a.n) return false;
  const FtIndex *x = g->pFulltext->a.a[i];
  pDef->zName = x->zName;
  pDef->bRels = x->bRels;
  pDef->nLabel = x->nLabel;
  pDef->azLabel = (const char *const *)x->azLabel;
  pDef->nKey = x->nKey;
  pDef->azKey = (const char *const *)x->azKey;
  pDef->zAnalyzer = textan_name(x->eAnalyzer);
  pDef->nRead = __atomic_load_n(&x->nRead, __ATOMIC_RELAXED);
  return true;
}

IndexDesc fulltext_desc(const Graph *g, uint32_t i) {
  const FtIndex *x = g->pFulltext->a.a[i];
  IndexDesc d = {x->zName, IDX_FULLTEXT, x->bRels ? ENT_REL : ENT_NODE, x->nLabel, x->aLabel,
                 x->nKey, x->aKey, textan_name(x->eAnalyzer)};
  return d;
}

bool fulltext_create_desc(Graph *g, const IndexDesc *pDesc, StrBuf *pErr) {
  bool bRels = pDesc->ent == ENT_REL;
  const Intern *pTargets = bRels ? &g->types : &g->labels;
  if (pDesc->kind != IDX_FULLTEXT || pDesc->nTarget > FT_MAX_FIELDS || pDesc->nKey > FT_MAX_FIELDS) {
    strbuf_printf(pErr, "the full-text index %s is malformed", pDesc->zName);
    return false;
  }
  const char *azLabel[FT_MAX_FIELDS], *azKey[FT_MAX_FIELDS];
  for (uint32_t i = 0; i < pDesc->nTarget; i++) azLabel[i] = intern_name(pTargets, pDesc->aTarget[i]);
  for (uint32_t i = 0; i < pDesc->nKey; i++) azKey[i] = intern_name(&g->keys, pDesc->aKey[i]);
  return fulltext_create(g, pDesc->zName, bRels, azLabel, pDesc->nTarget, azKey, pDesc->nKey,
                         pDesc->zOptions, pErr);
}

void fulltext_drop_all(Graph *g) {
  FulltextSet *p = g->pFulltext;
  pthread_mutex_lock(&p->mu);
  for (uint32_t i = 0; i < p->a.n; i++) ftIndexFree(p->a.a[i]);
  if (p->a.n) p->nGeneration++;
  p->a.n = 0;
  pthread_mutex_unlock(&p->mu);
}

/* ---- Query parsing ----------------------------------------------------------------- */

enum { FTQ_TERM, FTQ_PHRASE, FTQ_PREFIX, FTQ_BOOL };
enum { FT_SHOULD, FT_MUST, FT_MUST_NOT };

typedef struct FtQ FtQ;
struct FtQ {
  int kind;
  int iField;                  /* -1: every field; -2: a field the index lacks */
  double boost;
  uint32_t nTerm;              /* TERM (1), PHRASE (n), PREFIX (1: the prefix) */
  const char **azTerm;
  uint32_t *aTermLen;
  uint32_t *aPos;              /* PHRASE: relative positions */
  uint32_t nChild;             /* BOOL */
  FtQ **aChild;
  int *aOccur;
};

typedef struct FtParse {
  const FtIndex *x;
  int eAnalyzer;               /* the index's, or the query's own */
  Arena *pA;
  const char *z;
  size_t n, i;
  StrBuf *pErr;
  bool bErr;
} FtParse;

static bool ftErr(FtParse *q, size_t iAt, const char *zWhat) {
  if (!q->bErr) {
    strbuf_printf(q->pErr, "invalid full-text query: %s at character %zu of \"%.*s\"", zWhat, iAt + 1,
                  (int)(q->n > 200 ? 200 : q->n), q->z);
  }
  q->bErr = true;
  return false;
}

static void ftSkipSpace(FtParse *q) {
  while (q->i < q->n) {
    size_t j = q->i;
    if (!utf8_is_space(utf8_next(q->z, q->n, &j))) break;
    q->i = j;
  }
}

/* Characters that end a bare term. */
static bool ftSpecial(char c) { return strchr("()\":^[]{}~?", c) != NULL && c != 0; }

/* Is the keyword kw (AND OR NOT) at q->i, followed by a break? */
static bool ftKeyword(FtParse *q, const char *kw) {
  size_t m = strlen(kw);
  if (q->i + m > q->n || memcmp(q->z + q->i, kw, m) != 0) return false;
  if (q->i + m == q->n) return true;
  char c = q->z[q->i + m];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == '"';
}

static FtQ *ftNewQ(FtParse *q, int kind) {
  FtQ *p = arena_zalloc(q->pA, sizeof(FtQ));
  p->kind = kind;
  p->iField = -1;
  p->boost = 1.0;
  return p;
}

/* Analyzes text into a TERM, a PHRASE (bPhrase) or a BOOL of SHOULD terms
** (text that analyzes into several terms, like bigrams); NULL when it
** yields no term (a stop word). */
static FtQ *ftAnalyzed(FtParse *q, const char *z, size_t n, bool bPhrase) {
  TextTokens toks = {0};
  textan_run(q->eAnalyzer, q->pA, z, n, 0, &toks);
  FtQ *p = NULL;
  if (toks.n == 1 || (bPhrase && toks.n > 1)) {
    p = ftNewQ(q, toks.n == 1 ? FTQ_TERM : FTQ_PHRASE);
    p->nTerm = toks.n;
    p->azTerm = arena_alloc(q->pA, sizeof(char *) * toks.n);
    p->aTermLen = arena_alloc(q->pA, sizeof(uint32_t) * toks.n);
    p->aPos = arena_alloc(q->pA, sizeof(uint32_t) * toks.n);
    for (uint32_t i = 0; i < toks.n; i++) {
      p->azTerm[i] = toks.a[i].z;
      p->aTermLen[i] = toks.a[i].n;
      p->aPos[i] = toks.a[i].iPos - toks.a[0].iPos;
    }
  } else if (toks.n > 1) {
    p = ftNewQ(q, FTQ_BOOL);
    p->nChild = toks.n;
    p->aChild = arena_alloc(q->pA, sizeof(FtQ *) * toks.n);
    p->aOccur = arena_alloc(q->pA, sizeof(int) * toks.n);
    for (uint32_t i = 0; i < toks.n; i++) {
      FtQ *t = ftNewQ(q, FTQ_TERM);
      t->nTerm = 1;
      t->azTerm = arena_alloc(q->pA, sizeof(char *));
      t->aTermLen = arena_alloc(q->pA, sizeof(uint32_t));
      t->azTerm[0] = toks.a[i].z;
      t->aTermLen[0] = toks.a[i].n;
      p->aChild[i] = t;
      p->aOccur[i] = FT_SHOULD;
    }
  }
  vec_free(&toks);
  return p;
}

static void ftSetField(FtQ *p, int iField) {
  if (p == NULL) return;
  p->iField = iField;
  for (uint32_t i = 0; i < p->nChild; i++) ftSetField(p->aChild[i], iField);
}

static FtQ *ftParseBool(FtParse *q, int depth);

/* One clause after its modifiers: (group), "phrase", field:..., term, term*.
** *pbEmpty is set when it analyzed to nothing. */
static FtQ *ftParseClause(FtParse *q, int depth, bool bFieldOk, bool *pbEmpty) {
  *pbEmpty = false;
  if (q->i >= q->n) return ftErr(q, q->i, "a term is missing at the end"), NULL;
  size_t iStart = q->i;
  FtQ *p;
  char c = q->z[q->i];
  if (c == '(') {
    if (depth >= FT_MAX_DEPTH) return ftErr(q, q->i, "parentheses nested too deeply"), NULL;
    q->i++;
    p = ftParseBool(q, depth + 1);
    if (p == NULL) return NULL;
    if (q->i >= q->n || q->z[q->i] != ')') return ftErr(q, iStart, "unbalanced '('"), NULL;
    q->i++;
    if (p->nChild == 0) *pbEmpty = true;
  } else if (c == '"') {
    StrBuf sb;
    strbuf_init(&sb);
    q->i++;
    while (q->i < q->n && q->z[q->i] != '"') {
      if (q->z[q->i] == '\\' && q->i + 1 < q->n) q->i++;
      strbuf_append(&sb, q->z + q->i, 1);
      q->i++;
    }
    if (q->i >= q->n) {
      strbuf_free(&sb);
      return ftErr(q, iStart, "unterminated phrase (missing '\"')"), NULL;
    }
    q->i++;
    p = ftAnalyzed(q, strbuf_cstr(&sb), sb.n, true);
    strbuf_free(&sb);
    if (p == NULL) *pbEmpty = true;
  } else {
    if (ftSpecial(c)) {
      char zWhat[96];
      snprintf(zWhat, sizeof(zWhat), "unexpected '%c'%s", c,
               strchr("[]{}~?", c) ? " (ranges, fuzzy and ? wildcards are not supported)" : "");
      return ftErr(q, q->i, zWhat), NULL;
    }
    StrBuf sb;
    strbuf_init(&sb);
    bool bStar = false;
    while (q->i < q->n) {
      char d = q->z[q->i];
      if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || ftSpecial(d)) break;
      if (d == '\\' && q->i + 1 < q->n) {
        q->i++;
        strbuf_append(&sb, q->z + q->i, 1);
        q->i++;
        continue;
      }
      if (d == '*') {
        bool bEnd = q->i + 1 == q->n || strchr(" \t\n\r)^", q->z[q->i + 1]);
        if (!bEnd || sb.n == 0) {
          strbuf_free(&sb);
          return ftErr(q, q->i, "'*' is supported only at the end of a term"), NULL;
        }
        bStar = true;
        q->i++;
        break;
      }
      strbuf_append(&sb, &d, 1);
      q->i++;
    }
    if (!bStar && q->i < q->n && q->z[q->i] == ':') {
      /* field:clause */
      if (!bFieldOk) {
        strbuf_free(&sb);
        return ftErr(q, q->i, "a field name inside a field clause"), NULL;
      }
      int iField = -2;
      for (uint32_t k = 0; k < q->x->nKey; k++) {
        if (strcmp(q->x->azKey[k], strbuf_cstr(&sb)) == 0) iField = (int)k;
      }
      strbuf_free(&sb);
      q->i++;
      p = ftParseClause(q, depth, false, pbEmpty);
      ftSetField(p, iField);
      return p;
    }
    if (bStar) {
      size_t nF;
      char *zF = textan_fold_prefix(q->eAnalyzer, q->pA, strbuf_cstr(&sb), sb.n, &nF);
      strbuf_free(&sb);
      if (nF == 0) return ftErr(q, iStart, "a prefix query needs letters before '*'"), NULL;
      p = ftNewQ(q, FTQ_PREFIX);
      p->nTerm = 1;
      p->azTerm = arena_alloc(q->pA, sizeof(char *));
      p->aTermLen = arena_alloc(q->pA, sizeof(uint32_t));
      p->azTerm[0] = zF;
      p->aTermLen[0] = (uint32_t)nF;
    } else {
      p = ftAnalyzed(q, strbuf_cstr(&sb), sb.n, false);
      strbuf_free(&sb);
      if (p == NULL) *pbEmpty = true;
    }
  }
  if (q->i < q->n && q->z[q->i] == '^') {
    size_t iAt = q->i++;
    char *zEnd;
    char zNum[32];
    size_t m = 0;
    while (q->i < q->n && m + 1 < sizeof(zNum) && (isdigit((unsigned char)q->z[q->i]) || q->z[q->i] == '.')) {
      zNum[m++] = q->z[q->i++];
    }
    zNum[m] = 0;
    double b = strtod(zNum, &zEnd);
    if (m == 0 || *zEnd || !(b > 0) || b > 1e6) return ftErr(q, iAt, "'^' needs a positive number"), NULL;
    if (p) p->boost *= b;
  }
  return p;
}

/* A sequence of clauses joined by AND / OR / NOT / && / || / ! / + / -,
** up to ')' or the end. Lucene's rules: the default operator is OR; AND
** makes the clauses on both sides required; OR makes them optional. */
static FtQ *ftParseBool(FtParse *q, int depth) {
  FtQ *p = ftNewQ(q, FTQ_BOOL);
  VEC(FtQ *) kids = {0};
  VEC(int) occ = {0};
  bool bPrevAnd = false;   /* the last connector was AND */
  bool bAny = false;
  for (;;) {
    ftSkipSpace(q);
    if (q->i >= q->n || q->z[q->i] == ')') break;
    int conj = 0;   /* 0 none, 1 AND, 2 OR */
    if (ftKeyword(q, "AND") || (q->i + 1 < q->n && memcmp(q->z + q->i, "&&", 2) == 0)) {
      conj = 1;
      q->i += q->z[q->i] == '&' ? 2 : 3;
    } else if (ftKeyword(q, "OR") || (q->i + 1 < q->n && memcmp(q->z + q->i, "||", 2) == 0)) {
      conj = 2;
      q->i += 2;
    }
    if (conj && !bAny) {
      ftErr(q, q->i - (conj == 1 ? 3 : 2), conj == 1 ? "AND with nothing before it" : "OR with nothing before it");
      break;
    }
    ftSkipSpace(q);
    int mod = 0;   /* 0 none, 1 required, 2 prohibited */
    if (q->i < q->n && q->z[q->i] == '+') {
      mod = 1;
      q->i++;
    } else if (q->i < q->n && q->z[q->i] == '-') {
      mod = 2;
      q->i++;
    } else if (q->i < q->n && q->z[q->i] == '!') {
      mod = 2;
      q->i++;
    } else if (ftKeyword(q, "NOT")) {
      mod = 2;
      q->i += 3;
    }
    ftSkipSpace(q);
    if (q->i >= q->n || q->z[q->i] == ')') {
      ftErr(q, q->i, conj || mod ? "an operator with no term after it" : "a term is missing");
      break;
    }
    bool bEmpty;
    FtQ *c = ftParseClause(q, depth, true, &bEmpty);
    if (q->bErr) break;
    bAny = true;
    if (conj == 1 && kids.n && occ.a[occ.n - 1] != FT_MUST_NOT) occ.a[occ.n - 1] = FT_MUST;
    if (conj == 2 && kids.n && occ.a[occ.n - 1] != FT_MUST_NOT) occ.a[occ.n - 1] = FT_SHOULD;
    bPrevAnd = conj == 1;
    if (bEmpty || c == NULL) continue;
    int o = mod == 2 ? FT_MUST_NOT : mod == 1 || bPrevAnd ? FT_MUST : FT_SHOULD;
    vec_push(&kids, c);
    vec_push(&occ, o);
  }
  if (!q->bErr) {
    p->nChild = kids.n;
    p->aChild = arena_alloc(q->pA, sizeof(FtQ *) * (kids.n ? kids.n : 1));
    p->aOccur = arena_alloc(q->pA, sizeof(int) * (kids.n ? kids.n : 1));
    if (kids.n) {
      memcpy(p->aChild, kids.a, sizeof(FtQ *) * kids.n);
      memcpy(p->aOccur, occ.a, sizeof(int) * kids.n);
    }
  }
  vec_free(&kids);
  vec_free(&occ);
  return q->bErr ? NULL : p;
}

/* ---- Query evaluation ------------------------------------------------------------ */

typedef struct FtHit {
  uint32_t iDoc;
  double score;
} FtHit;
typedef VEC(FtHit) FtHits;

static double ftIdf(const FtIndex *x, uint32_t nDf) {
  double N = x->nLive;
  return log(1.0 + (N - nDf + 0.5) / (nDf + 0.5));
}

static double ftBm25(const FtIndex *x, double idf, uint32_t tf, uint32_t nDocTok) {
  double avg = x->nLive ? (double)x->nTotalTok / x->nLive : 1.0;
  double norm = FT_BM25_K1 * (1.0 - FT_BM25_B + FT_BM25_B * nDocTok / (avg > 0 ? avg : 1.0));
  return idf * (tf * (FT_BM25_K1 + 1.0)) / (tf + norm);
}

/* The run of term `term` in a document's tokens: [*piLo, return). */
static uint32_t ftDocRun(const FtDoc *d, uint32_t term, uint32_t *piLo) {
  uint32_t lo = 0, hi = d->nTok;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (d->aTok[mid].term < term) lo = mid + 1; else hi = mid;
  }
  *piLo = lo;
  uint32_t e = lo;
  while (e < d->nTok && d->aTok[e].term == term) e++;
  return e;
}

static uint32_t ftFieldFreq(const FtDoc *d, uint32_t term, int iField) {
  uint32_t lo, hi = ftDocRun(d, term, &lo), k = 0;
  for (uint32_t i = lo; i < hi; i++) k += iField < 0 || d->aTok[i].field == (uint32_t)iField;
  return k;
}

/* Does the document hold term at position pos? */
static bool ftHasAt(const FtDoc *d, uint32_t term, uint32_t pos) {
  uint32_t lo, hi = ftDocRun(d, term, &lo);
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (d->aTok[mid].pos < pos) lo = mid + 1; else hi = mid;
  }
  return lo < d->nTok && d->aTok[lo].term == term && d->aTok[lo].pos == pos;
}

/* Hits of one term (id), restricted to a field when iField >= 0. */
static void ftEvalTerm(const FtIndex *x, uint32_t term, int iField, double boost, FtHits *pOut) {
  const FtTerm *t = &x->terms.a[term];
  double idf = ftIdf(x, t->nDf);
  for (uint32_t i = 0; i < t->post.n; i++) {
    const FtDoc *d = &x->docs.a[t->post.a[i].iDoc];
    if (!d->bLive) continue;
    uint32_t tf = iField < 0 ? t->post.a[i].nFreq : ftFieldFreq(d, term, iField);
    if (tf == 0) continue;
    FtHit h = {t->post.a[i].iDoc, boost * ftBm25(x, idf, tf, d->nTok)};
    vec_push(pOut, h);
  }
}

static void ftEval(const FtIndex *x, const FtQ *p, FtHits *pOut);

/* a := a AND b (scores added); a := a OR b; a := a minus b. */
static void ftMerge(FtHits *a, const FtHits *b, int op) {
  FtHits r = {0};
  uint32_t i = 0, j = 0;
  while (i < a->n || j < b->n) {
    bool bA = i < a->n, bB = j < b->n;
    if (bA && bB && a->a[i].iDoc == b->a[j].iDoc) {
      if (op == FT_MUST || op == FT_SHOULD) {
        FtHit h = {a->a[i].iDoc, a->a[i].score + b->a[j].score};
        vec_push(&r, h);
      }
      i++, j++;
    } else if (bA && (!bB || a->a[i].iDoc < b->a[j].iDoc)) {
      if (op != FT_MUST) vec_push(&r, a->a[i]);
      i++;
    } else {
      if (op == FT_SHOULD) vec_push(&r, b->a[j]);
      j++;
    }
  }
  vec_free(a);
  *a = r;
}

/* a := a with b's scores added where b matches too (optional clauses
** next to required ones). */
static void ftAddScores(FtHits *a, const FtHits *b) {
  uint32_t j = 0;
  for (uint32_t i = 0; i < a->n; i++) {
    while (j < b->n && b->a[j].iDoc < a->a[i].iDoc) j++;
    if (j < b->n && b->a[j].iDoc == a->a[i].iDoc) a->a[i].score += b->a[j].score;
  }
}

static void ftEval(const FtIndex *x, const FtQ *p, FtHits *pOut) {
  if (p->iField == -2) return;
  switch (p->kind) {
    case FTQ_TERM: {
      int64_t t = ftTermFind(x, p->azTerm[0], p->aTermLen[0]);
      if (t >= 0) ftEvalTerm(x, (uint32_t)t, p->iField, p->boost, pOut);
      return;
    }
    case FTQ_PREFIX: {
      uint32_t nExp = 0;
      for (uint32_t t = 0; t < x->terms.n && nExp < FT_MAX_EXPAND; t++) {
        const FtTerm *pT = &x->terms.a[t];
        if (pT->nDf == 0 || pT->n < p->aTermLen[0] || memcmp(pT->z, p->azTerm[0], p->aTermLen[0])) continue;
        nExp++;
        FtHits h = {0};
        ftEvalTerm(x, t, p->iField, p->boost, &h);
        ftMerge(pOut, &h, FT_SHOULD);
        vec_free(&h);
      }
      return;
    }
    case FTQ_PHRASE: {
      uint32_t *aTerm = tg_malloc(sizeof(uint32_t) * p->nTerm);
      bool bAll = true;
      for (uint32_t k = 0; k < p->nTerm && bAll; k++) {
        int64_t t = ftTermFind(x, p->azTerm[k], p->aTermLen[k]);
        bAll = t >= 0;
        aTerm[k] = (uint32_t)t;
      }
      if (bAll) {
        const FtTerm *t0 = &x->terms.a[aTerm[0]];
        for (uint32_t i = 0; i < t0->post.n; i++) {
          const FtDoc *d = &x->docs.a[t0->post.a[i].iDoc];
          if (!d->bLive) continue;
          uint32_t lo, hi = ftDocRun(d, aTerm[0], &lo), nMatch = 0;
          for (uint32_t s = lo; s < hi; s++) {
            if (p->iField >= 0 && d->aTok[s].field != (uint32_t)p->iField) continue;
            bool bOk = true;
            for (uint32_t k = 1; k < p->nTerm && bOk; k++) bOk = ftHasAt(d, aTerm[k], d->aTok[s].pos + p->aPos[k]);
            nMatch += bOk;
          }
          if (nMatch == 0) continue;
          double s = 0;
          for (uint32_t k = 0; k < p->nTerm; k++) s += ftBm25(x, ftIdf(x, x->terms.a[aTerm[k]].nDf), nMatch, d->nTok);
          FtHit h = {t0->post.a[i].iDoc, p->boost * s};
          vec_push(pOut, h);
        }
      }
      tg_free(aTerm);
      return;
    }
    default:
      break;
  }
  /* BOOL */
  bool bMust = false;
  FtHits acc = {0};
  for (uint32_t i = 0; i < p->nChild; i++) {
    if (p->aOccur[i] != FT_MUST) continue;
    FtHits h = {0};
    ftEval(x, p->aChild[i], &h);
    if (!bMust) {
      acc = h;
      bMust = true;
    } else {
      ftMerge(&acc, &h, FT_MUST);
      vec_free(&h);
    }
  }
  for (uint32_t i = 0; i < p->nChild; i++) {
    if (p->aOccur[i] != FT_SHOULD) continue;
    FtHits h = {0};
    ftEval(x, p->aChild[i], &h);
    if (bMust) ftAddScores(&acc, &h); else ftMerge(&acc, &h, FT_SHOULD);
    vec_free(&h);
  }
  for (uint32_t i = 0; i < p->nChild && acc.n; i++) {
    if (p->aOccur[i] != FT_MUST_NOT) continue;
    FtHits h = {0};
    ftEval(x, p->aChild[i], &h);
    ftMerge(&acc, &h, FT_MUST_NOT);
    vec_free(&h);
  }
  for (uint32_t i = 0; i < acc.n; i++) acc.a[i].score *= p->boost;
  ftMerge(pOut, &acc, FT_SHOULD);
  vec_free(&acc);
}

static int ftHitCmp(const void *pA, const void *pB) {
  const FulltextHit *a = pA, *b = pB;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

bool fulltext_query(Graph *g, const char *zName, bool bRels, const char *zQuery, size_t nQuery,
                    const char *zAnalyzer, FulltextHits *pOut, StrBuf *pErr) {
  FulltextSet *p = g->pFulltext;
  pthread_mutex_lock(&p->mu);
  FtIndex *x = ftByName(p, zName);
  if (x == NULL || x->bRels != bRels) {
    if (x == NULL) {
      strbuf_printf(pErr, "there is no full-text index named %s", zName);
    } else {
      strbuf_printf(pErr, "the full-text index %s indexes %s, not %s", zName,
                    x->bRels ? "relationships" : "nodes", bRels ? "relationships" : "nodes");
    }
    pthread_mutex_unlock(&p->mu);
    return false;
  }
  int eAnalyzer = zAnalyzer ? textan_find(zAnalyzer, strlen(zAnalyzer)) : x->eAnalyzer;
  if (eAnalyzer < 0 || eAnalyzer == TEXTAN_MULTILINGUAL) {
    strbuf_printf(pErr, "unknown full-text analyzer '%s'", zAnalyzer);
    pthread_mutex_unlock(&p->mu);
    return false;
  }
  __atomic_fetch_add(&x->nRead, 1, __ATOMIC_RELAXED);
  ftRefresh(g, p);
  Arena a;
  arena_init(&a);
  FtParse q = {x, eAnalyzer, &a, zQuery, nQuery, 0, pErr, false};
  FtQ *pQ = ftParseBool(&q, 0);
  if (pQ && q.i < q.n) {
    ftErr(&q, q.i, "unbalanced ')'");
    pQ = NULL;
  }
  if (pQ) {
    FtHits h = {0};
    ftEval(x, pQ, &h);
    uint32_t n0 = pOut->n;
    for (uint32_t i = 0; i < h.n; i++) {
      FulltextHit r = {x->docs.a[h.a[i].iDoc].id, h.a[i].score};
      vec_push(pOut, r);
    }
    if (pOut->n > n0) qsort(pOut->a + n0, pOut->n - n0, sizeof(FulltextHit), ftHitCmp);
    vec_free(&h);
  }
  arena_free(&a);
  pthread_mutex_unlock(&p->mu);
  return pQ != NULL;
}

/* ---- tangle.find ------------------------------------------------------------------- */

/*
** Scores one document (a node's name and aliases, one field each) against
** the query's distinct terms aQ[0..nQ) (term ids, FT_NONE for terms no
** name holds) with weights aW (idf) summing to wQ, and nQTok query tokens.
** Per value: matched = weight of the query terms it holds, own = weight
** of its distinct terms; the query covers own/matched of the name and the
** name matched/wQ of the query. A value that is the query (same terms,
** same count) scores 1 (an alias 0.95); any other scores below 0.9.
*/
static double ftFindScore(const FtIndex *x, const FtDoc *d, const uint32_t *aQ, const double *aW,
                          uint32_t nQ, double wQ, uint32_t nQTok) {
  double aMatched[FT_MAX_FIELDS] = {0}, aOwn[FT_MAX_FIELDS] = {0};
  uint32_t aTok[FT_MAX_FIELDS] = {0}, aHit[FT_MAX_FIELDS] = {0};
  uint32_t nField = 0;
  for (uint32_t t = 0; t < d->nTok;) {
    uint32_t u = t;
    while (u < d->nTok && d->aTok[u].term == d->aTok[t].term && d->aTok[u].field == d->aTok[t].field) u++;
    uint32_t f = d->aTok[t].field, term = d->aTok[t].term;
    if (f + 1 > nField) nField = f + 1;
    double w = ftIdf(x, x->terms.a[term].nDf);
    aOwn[f] += w;
    aTok[f] += u - t;
    for (uint32_t k = 0; k < nQ; k++) {
      if (aQ[k] == term) {
        aMatched[f] += aW[k];
        aHit[f]++;
      }
    }
    t = u;
  }
  double best = 0;
  for (uint32_t f = 0; f < nField; f++) {
    if (aMatched[f] <= 0) continue;
    double s;
    if (aHit[f] == nQ && aTok[f] == nQTok && aMatched[f] >= aOwn[f] - 1e-9) {
      s = f == 0 ? 1.0 : 0.95;
    } else {
      double qcov = aMatched[f] / wQ, ncov = aMatched[f] / aOwn[f];
      s = 0.9 * qcov * (0.3 + 0.7 * ncov);
    }
    if (s > best) best = s;
  }
  return best;
}

void fulltext_find(Graph *g, const char *zText, size_t nText, FulltextHits *pOut) {
  FulltextSet *p = g->pFulltext;
  pthread_mutex_lock(&p->mu);
  if (p->pFind == NULL) {
    static const char *const azKey[] = {"name", "aliases"};
    FtIndex *x = ftNew(NULL, 0, azKey, 2, TEXTAN_MULTILINGUAL);
    x->bAnyLabel = true;
    x->bPerValue = true;
    for (uint32_t i = 0; i < 2; i++) {
      int32_t k = intern_find(&g->keys, azKey[i], (uint32_t)strlen(azKey[i]));
      x->aKey[i] = k >= 0 ? (uint32_t)k : FT_NONE;
    }
    ftRefresh(g, p);
    ftRebuild(g, x);
    p->pFind = x;
  } else {
    ftRefresh(g, p);
  }
  FtIndex *x = p->pFind;
  Arena a;
  arena_init(&a);
  TextTokens toks = {0};
  textan_run(x->eAnalyzer, &a, zText, nText, 0, &toks);
  /* Distinct query terms and their weights. */
  uint32_t nQ = 0;
  uint32_t *aQ = arena_alloc(&a, sizeof(uint32_t) * (toks.n ? toks.n : 1));
  double *aW = arena_alloc(&a, sizeof(double) * (toks.n ? toks.n : 1));
  double wQ = 0;
  for (uint32_t i = 0; i < toks.n; i++) {
    bool bDup = false;
    for (uint32_t k = 0; k < i && !bDup; k++) bDup = toks.a[k].n == toks.a[i].n && memcmp(toks.a[k].z, toks.a[i].z, toks.a[i].n) == 0;
    if (bDup) continue;
    int64_t t = ftTermFind(x, toks.a[i].z, toks.a[i].n);
    aQ[nQ] = t >= 0 ? (uint32_t)t : FT_NONE;
    aW[nQ] = ftIdf(x, t >= 0 ? x->terms.a[t].nDf : 0);
    wQ += aW[nQ++];
  }
  /* Candidates: documents holding any query term. */
  FtHits cand = {0};
  for (uint32_t k = 0; k < nQ; k++) {
    if (aQ[k] == FT_NONE) continue;
    FtHits h = {0};
    ftEvalTerm(x, aQ[k], -1, 1.0, &h);
    ftMerge(&cand, &h, FT_SHOULD);
    vec_free(&h);
  }
  /* Scores, then the cut: a match scoring under a tenth of the best is
  ** noise (one bigram shared by unrelated Japanese words). */
  double best = 0;
  for (uint32_t i = 0; i < cand.n; i++) {
    cand.a[i].score = ftFindScore(x, &x->docs.a[cand.a[i].iDoc], aQ, aW, nQ, wQ, toks.n);
    if (cand.a[i].score > best) best = cand.a[i].score;
  }
  for (uint32_t i = 0; i < cand.n; i++) {
    if (cand.a[i].score <= 0 || cand.a[i].score < 0.1 * best) continue;
    FulltextHit r = {x->docs.a[cand.a[i].iDoc].id, cand.a[i].score};
    vec_push(pOut, r);
  }
  vec_free(&cand);
  vec_free(&toks);
  arena_free(&a);
  pthread_mutex_unlock(&p->mu);
}
