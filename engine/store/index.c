/*
** index.c — property indexes and constraints (see index.h): the hash of
** postings, their sorted order, and the counts that tell a statement it
** broke a constraint.
*/
#include "store/index.h"

#include "base/mem.h"
#include "store/fulltext.h"
#include "store/valfmt.h"

/* Forgets where a posting became a duplicate. */
static void indexClearSite(IndexPosting *p) {
  tg_free((char *)p->site.zFile);
  p->site.zFile = NULL;
  p->site.iOfst = -1;
  p->site.iRow = 0;
}

IndexSet *index_set_new(void) { return tg_calloc(1, sizeof(IndexSet)); }

/* Frees every posting of an index, leaving it empty. */
static void indexFreePostings(PropIndex *pIdx) {
  for (uint32_t i = 0; i < pIdx->postings.n; i++) {
    value_heap_free(&pIdx->postings.a[i].key);
    vec_free(&pIdx->postings.a[i].nodes);
    indexClearSite(&pIdx->postings.a[i]);
  }
  vec_free(&pIdx->postings);
  vec_free(&pIdx->order);
  htab_free(&pIdx->ht);
  pIdx->nEntries = 0;
}

static void indexFree(PropIndex *pIdx) {
  indexFreePostings(pIdx);
  vec_free(&pIdx->targets);
  vec_free(&pIdx->keys);
  tg_free(pIdx->zOptions);
  tg_free(pIdx->zName);
  tg_free(pIdx);
}

void index_set_empty(IndexSet *p) {
  for (uint32_t i = 0; i < p->aIndex.n; i++) {
    indexFreePostings(p->aIndex.a[i]);
    p->aIndex.a[i]->nBroken = 0;
  }
  p->nDuplicate = 0;
  p->nBroken = 0;
}

void index_set_free(IndexSet *p) {
  if (p == NULL) return;
  for (uint32_t i = 0; i < p->aIndex.n; i++) indexFree(p->aIndex.a[i]);
  vec_free(&p->aIndex);
  tg_free(p);
}

static bool indexPostingEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const PropIndex *pIdx = pCtx;
  return value_equivalent(&pIdx->postings.a[iEntry].key, (const Value *)pKey);
}

/* The first position of the sorted order whose value is not below *pVal
** (bAfter: not below or equal), by binary search. */
static uint32_t indexOrderBound(const PropIndex *pIdx, const Value *pVal, bool bAfter) {
  uint32_t lo = 0, hi = pIdx->order.n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = value_compare(&pIdx->postings.a[pIdx->order.a[mid]].key, pVal);
    if (c < 0 || (bAfter && c == 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The position in the sorted order that holds posting number iPost. */
static uint32_t indexOrderFind(const PropIndex *pIdx, uint32_t iPost) {
  uint32_t i = indexOrderBound(pIdx, &pIdx->postings.a[iPost].key, false);
  while (i < pIdx->order.n && pIdx->order.a[i] != iPost) i++;   /* values that compare equal */
  return ALWAYS(i < pIdx->order.n) ? i : 0;
}

/* Index of the posting for *pVal, creating it when bCreate; -1 if absent. */
static int64_t indexPosting(PropIndex *pIdx, const Value *pVal, bool bCreate) {
  uint64_t h = value_hash(pVal);
  int64_t i = htab_find(&pIdx->ht, h, indexPostingEq, pIdx, pVal);
  if (i >= 0 || !bCreate) return i;
  IndexPosting post = {0};
  post.site.iOfst = -1;
  post.key = value_heap_copy(pVal);
  post.h = h;
  vec_push(&pIdx->postings, post);
  uint32_t iNew = pIdx->postings.n - 1;
  htab_insert(&pIdx->ht, h, iNew);
  /* Into the sorted order, after the values that compare equal. */
  uint32_t at = indexOrderBound(pIdx, pVal, true);
  vec_push(&pIdx->order, 0);
  memmove(&pIdx->order.a[at + 1], &pIdx->order.a[at], sizeof(uint32_t) * (pIdx->order.n - 1 - at));
  pIdx->order.a[at] = iNew;
  return iNew;
}

/* Adds node n under *pVal. A uniqueness posting that gains its second
** node counts as a duplicate and remembers pSite (may be NULL), the write
** to blame. */
static void indexAdd(IndexSet *pSet, PropIndex *pIdx, NodeId n, const Value *pVal,
                     const GraphSite *pSite) {
  if (pVal->type == VAL_NULL) return;
  int64_t iPost = indexPosting(pIdx, pVal, true);   /* may grow the array */
  IndexPosting *p = &pIdx->postings.a[iPost];
  vec_push(&p->nodes, n);
  pIdx->nEntries++;
  if (pIdx->bUnique && p->nodes.n == 2) {
    pSet->nDuplicate++;
    if (pSite) {
      p->site.iOfst = pSite->iOfst;
      p->site.iRow = pSite->iRow;
      p->site.zFile = pSite->zFile ? tg_strndup(pSite->zFile, strlen(pSite->zFile)) : NULL;
    }
  }
}

static void indexDel(IndexSet *pSet, PropIndex *pIdx, NodeId n, const Value *pVal) {
  if (pVal->type == VAL_NULL) return;
  int64_t iPost = indexPosting(pIdx, pVal, false);
  if (NEVER(iPost < 0)) return;
  IndexPosting *p = &pIdx->postings.a[iPost];
  for (uint32_t i = 0; i < p->nodes.n; i++) {
    if (p->nodes.a[i] == n) {
      p->nodes.a[i] = p->nodes.a[--p->nodes.n];
      pIdx->nEntries--;
      break;
    }
  }
  if (pIdx->bUnique && p->nodes.n == 1) {
    pSet->nDuplicate--;
    indexClearSite(p);
  }
  if (p->nodes.n == 0) {
    /* Drop the posting: out of the sorted order, then move the last one
    ** into its place (renumbering it in the order too). */
    uint32_t at = indexOrderFind(pIdx, (uint32_t)iPost);
    memmove(&pIdx->order.a[at], &pIdx->order.a[at + 1], sizeof(uint32_t) * (pIdx->order.n - 1 - at));
    pIdx->order.n--;
    htab_remove(&pIdx->ht, p->h, (uint32_t)iPost);
    value_heap_free(&p->key);
    vec_free(&p->nodes);
    uint32_t iLast = pIdx->postings.n - 1;
    if ((uint32_t)iPost != iLast) {
      pIdx->order.a[indexOrderFind(pIdx, iLast)] = (uint32_t)iPost;
      pIdx->postings.a[iPost] = pIdx->postings.a[iLast];
      htab_reindex(&pIdx->ht, pIdx->postings.a[iPost].h, iLast, (uint32_t)iPost);
    }
    pIdx->postings.n--;
  }
}

/* ---- Indexed values ---------------------------------------------------------- */

/* The value node n holds for index pIdx: its property, or for a composite
** index the list of its properties in key order (built in aTmp, which
** must hold INDEX_MAX_KEYS values). Key `key` reads *pOver instead of the
** stored value (NULL: absent) when bOver: the hooks run before the store
** changes. NULL when a key is absent: the node is not in the index. */
static const Value *indexValueOf(const Graph *g, const PropIndex *pIdx, NodeId n, bool bOver, uint32_t key,
                                 const Value *pOver, Value *aTmp, Value *pList) {
  if (pIdx->keys.n == 1) {
    const Value *p = bOver ? pOver : graph_prop(g, pIdx->ent, n, pIdx->key);
    if (pIdx->kind == IDX_TEXT && p && p->type != VAL_STRING) return NULL;   /* text: strings only */
    if (pIdx->kind == IDX_POINT && p && p->type != VAL_POINT) return NULL;   /* point: points only */
    return p;
  }
  for (uint32_t i = 0; i < pIdx->keys.n; i++) {
    const Value *p = bOver && pIdx->keys.a[i] == key ? pOver : graph_prop(g, pIdx->ent, n, pIdx->keys.a[i]);
    if (p == NULL) return NULL;
    aTmp[i] = *p;
  }
  memset(pList, 0, sizeof(*pList));
  pList->type = VAL_LIST;
  pList->n = pIdx->keys.n;
  pList->u.a = aTmp;
  return pList;
}

const Value *index_node_value(const Graph *g, const PropIndex *pIdx, NodeId n, Value *aTmp, Value *pList) {
  return indexValueOf(g, pIdx, n, false, 0, NULL, aTmp, pList);
}

/* Is key one of the index's keys? */
static bool indexHasKey(const PropIndex *pIdx, uint32_t key) {
  for (uint32_t i = 0; i < pIdx->keys.n; i++) {
    if (pIdx->keys.a[i] == key) return true;
  }
  return false;
}

/* Is relationship r live (not deleted by the open statement) and of the type? */
static bool indexRelHas(const Graph *g, RelId r, uint32_t type) {
  if (r >= g->nRelSlot) return false;
  const RelRec *p = graph_rel_rec(g, r);
  return (p->flags & (RELF_LIVE | RELF_DELETED)) == RELF_LIVE && p->type == type;
}

/* Does the entity id (a node or a relationship, as the index is on) carry
** the index's label or type? */
static bool indexEntHas(const Graph *g, const PropIndex *pIdx, uint32_t id) {
  if (pIdx->ent == ENT_REL) return indexRelHas(g, id, pIdx->label);
  return graph_node_has_label(g, id, pIdx->label);
}

/* The first entity from `from` on that the index covers (nodes of its
** label, or relationships of its type), or GRAPH_NO_ID. */
static uint32_t indexEntNext(const Graph *g, const PropIndex *pIdx, uint32_t from) {
  if (pIdx->ent == ENT_NODE) return graph_label_next(g, pIdx->label, from);
  for (RelId r = from; r < g->nRelSlot; r++) {
    if (indexRelHas(g, r, pIdx->label)) return r;
  }
  return GRAPH_NO_ID;
}

/* ":Person node" or "()-[:KNOWS]-() relationship" (plural with an s),
** appended to pOut. */
static void indexEntPhrase(const Graph *g, const PropIndex *pIdx, bool bPlural, StrBuf *pOut) {
  if (pIdx->ent == ENT_REL) {
    strbuf_printf(pOut, "()-[:%s]-() relationship%s", intern_name(&g->types, pIdx->label), bPlural ? "s" : "");
  } else {
    strbuf_printf(pOut, ":%s node%s", intern_name(&g->labels, pIdx->label), bPlural ? "s" : "");
  }
}

/* ---- Property type constraints ------------------------------------------ */

/* Type names a property type constraint may use, with their value types. */
static const struct { const char *zName; uint8_t type; } aIndexType[] = {
    {"BOOLEAN", VAL_BOOL},          {"STRING", VAL_STRING},
    {"INTEGER", VAL_INT},           {"FLOAT", VAL_FLOAT},
    {"DATE", VAL_DATE},             {"LOCAL TIME", VAL_LOCALTIME},
    {"ZONED TIME", VAL_TIME},       {"LOCAL DATETIME", VAL_LOCALDATETIME},
    {"ZONED DATETIME", VAL_DATETIME}, {"DURATION", VAL_DURATION},
};

/* The value type named by z[0..n), or -1. */
static int indexTypeOf(const char *z, size_t n) {
  for (int i = 0; i < ARRAY_SIZE(aIndexType); i++) {
    if (strlen(aIndexType[i].zName) == n && memcmp(aIndexType[i].zName, z, n) == 0) return aIndexType[i].type;
  }
  return -1;
}

/* Reads canonical type text (syntax/typespec.h) made of scalar names and
** LIST<NAME NOT NULL>, joined by " | ", into two masks of VAL_* bits: the
** scalars accepted and the element types of the lists accepted. A trailing
** " NOT NULL" on a scalar changes nothing (a stored value is never null).
** Returns false on anything else. */
static bool indexTypeMasks(const char *z, uint32_t *pScalar, uint32_t *pList) {
  *pScalar = *pList = 0;
  while (*z) {
    const char *zEnd = strstr(z, " | ");
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    if (n > 9 && memcmp(z + n - 9, " NOT NULL", 9) == 0) n -= 9;
    if (n > 6 && memcmp(z, "LIST<", 5) == 0 && z[n - 1] == '>') {
      size_t nIn = n - 6;
      if (nIn <= 9 || memcmp(z + 5 + nIn - 9, " NOT NULL", 9) != 0) return false;
      int t = indexTypeOf(z + 5, nIn - 9);
      if (t < 0) return false;
      *pList |= 1u << t;
    } else {
      int t = indexTypeOf(z, n);
      if (t < 0) return false;
      *pScalar |= 1u << t;
    }
    if (zEnd == NULL) break;
    z = zEnd + 3;
  }
  return *pScalar || *pList;
}

bool index_type_text_ok(const char *zType) {
  uint32_t a, b;
  return indexTypeMasks(zType, &a, &b);
}

/* Does a property type constraint accept the stored value *v? */
static bool indexTypeAccepts(const PropIndex *pIdx, const Value *v) {
  if (pIdx->typeMask & (1u << v->type)) return true;
  if (v->type != VAL_LIST || pIdx->listMask == 0) return false;
  for (uint32_t i = 0; i < v->n; i++) {
    if (!(pIdx->listMask & (1u << v->u.a[i].type))) return false;
  }
  return true;
}

/* Does node n (carrying the label) break existence or type constraint
** pIdx when its property is *pVal (NULL: absent)? */
static bool indexBreaks(const PropIndex *pIdx, const Value *pVal) {
  if (pIdx->kind == IDX_EXISTS || pIdx->kind == IDX_KEY) return pVal == NULL;
  return pVal != NULL && !indexTypeAccepts(pIdx, pVal);
}

static void indexCountBroken(IndexSet *pSet, PropIndex *pIdx, int64_t d) {
  pIdx->nBroken += d;
  pSet->nBroken += d;
}

/* ---- Entries ------------------------------------------------------------------ */

PropIndex *index_find_kind_ent(const Graph *g, int ent, int kind, uint32_t label, uint32_t key) {
  const IndexSet *p = g->pIndexes;
  for (uint32_t i = 0; i < p->aIndex.n; i++) {
    const PropIndex *pIdx = p->aIndex.a[i];
    if (pIdx->ent == ent && pIdx->kind == kind && pIdx->label == label && pIdx->key == key) return p->aIndex.a[i];
  }
  return NULL;
}

PropIndex *index_find_kind(const Graph *g, int kind, uint32_t label, uint32_t key) {
  return index_find_kind_ent(g, ENT_NODE, kind, label, key);
}

PropIndex *index_find(const Graph *g, uint32_t label, uint32_t key) {
  const IndexSet *p = g->pIndexes;
  for (uint32_t i = 0; i < p->aIndex.n; i++) {
    const PropIndex *pIdx = p->aIndex.a[i];
    if (pIdx->ent == ENT_NODE && pIdx->bPostings && pIdx->kind != IDX_TEXT && pIdx->kind != IDX_POINT && pIdx->keys.n == 1 &&
        pIdx->label == label && pIdx->key == key) {
      return p->aIndex.a[i];
    }
  }
  return NULL;
}

PropIndex *index_find_keys_ent(const Graph *g, int ent, uint32_t label, uint32_t nKey, const uint32_t *aKey) {
  const IndexSet *p = g->pIndexes;
  for (uint32_t i = 0; i < p->aIndex.n; i++) {
    const PropIndex *pIdx = p->aIndex.a[i];
    if (pIdx->ent != ent || !pIdx->bPostings || pIdx->kind == IDX_TEXT || pIdx->kind == IDX_POINT || pIdx->label != label ||
        pIdx->keys.n != nKey) {
      continue;
    }
    if (memcmp(pIdx->keys.a, aKey, sizeof(uint32_t) * nKey) == 0) return p->aIndex.a[i];
  }
  return NULL;
}

PropIndex *index_find_keys(const Graph *g, uint32_t label, uint32_t nKey, const uint32_t *aKey) {
  return index_find_keys_ent(g, ENT_NODE, label, nKey, aKey);
}

PropIndex *index_find_by_name(const Graph *g, const char *zName) {
  const IndexSet *p = g->pIndexes;
  for (uint32_t i = 0; i < p->aIndex.n; i++) {
    if (strcmp(p->aIndex.a[i]->zName, zName) == 0) return p->aIndex.a[i];
  }
  return NULL;
}

IndexDesc index_desc(const PropIndex *pIdx) {
  IndexDesc d;
  d.zName = pIdx->zName;
  d.kind = pIdx->kind;
  d.ent = pIdx->ent;
  d.nTarget = pIdx->targets.n;
  d.aTarget = pIdx->targets.a;
  d.nKey = pIdx->keys.n;
  d.aKey = pIdx->keys.a;
  d.zOptions = pIdx->zOptions;
  return d;
}

void index_desc_write(StrBuf *pOut, const IndexDesc *pDesc) {
  codec_put_str(pOut, pDesc->zName, (uint32_t)strlen(pDesc->zName));
  codec_put_u8(pOut, pDesc->kind);
  codec_put_u8(pOut, pDesc->ent);
  codec_put_u32(pOut, pDesc->nTarget);
  for (uint32_t i = 0; i < pDesc->nTarget; i++) codec_put_u32(pOut, pDesc->aTarget[i]);
  codec_put_u32(pOut, pDesc->nKey);
  for (uint32_t i = 0; i < pDesc->nKey; i++) codec_put_u32(pOut, pDesc->aKey[i]);
  const char *zOpt = pDesc->zOptions ? pDesc->zOptions : "";
  codec_put_str(pOut, zOpt, (uint32_t)strlen(zOpt));
}

bool index_kind_is_index(int kind) {
  return kind == IDX_RANGE || kind == IDX_TEXT || kind == IDX_POINT || kind == IDX_FULLTEXT;
}

void index_schema_write(const Graph *g, StrBuf *pOut) {
  const IndexSet *pSet = g->pIndexes;
  uint32_t nFulltext = fulltext_count(g);
  codec_put_u32(pOut, pSet->aIndex.n + nFulltext);
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    IndexDesc d = index_desc(pSet->aIndex.a[i]);
    index_desc_write(pOut, &d);
  }
  for (uint32_t i = 0; i < nFulltext; i++) {
    IndexDesc d = fulltext_desc(g, i);
    index_desc_write(pOut, &d);
  }
}

bool index_schema_add(Graph *g, const IndexDesc *pDesc, bool *pbViolated) {
  *pbViolated = false;
  if (index_find_by_name(g, pDesc->zName) || fulltext_exists(g, pDesc->zName)) return false;
  if (pDesc->kind != IDX_FULLTEXT) return index_create(g, pDesc, pbViolated, NULL) != NULL;
  StrBuf why;
  strbuf_init(&why);
  bool bOk = fulltext_create_desc(g, pDesc, &why);
  strbuf_free(&why);
  return bOk;
}

void index_schema_clear(Graph *g) {
  IndexSet *pSet = g->pIndexes;
  while (pSet->aIndex.n) {
    PropIndex *pIdx = pSet->aIndex.a[pSet->aIndex.n - 1];
    char *zName = tg_strndup(pIdx->zName, strlen(pIdx->zName));
    index_drop(g, zName);
    tg_free(zName);
  }
  fulltext_drop_all(g);
}

/* Most labels or keys one stored descriptor may list. */
#define INDEX_MAX_IDS 1024

bool index_def_read(ByteReader *b, IndexDef *p) {
  memset(p, 0, sizeof(*p));
  uint32_t nName, nOpt;
  const char *zName = codec_str(b, &nName);
  p->d.kind = codec_u8(b);
  p->d.ent = codec_u8(b);
  p->d.nTarget = codec_u32(b);
  if (b->bBad || nName == 0 || p->d.nTarget > INDEX_MAX_IDS) return b->bBad = true, false;
  p->aId = tg_malloc(sizeof(uint32_t) * (2 * INDEX_MAX_IDS));
  for (uint32_t i = 0; i < p->d.nTarget; i++) p->aId[i] = codec_u32(b);
  p->d.nKey = codec_u32(b);
  if (b->bBad || p->d.nKey > INDEX_MAX_IDS) return b->bBad = true, false;
  for (uint32_t i = 0; i < p->d.nKey; i++) p->aId[p->d.nTarget + i] = codec_u32(b);
  const char *zOpt = codec_str(b, &nOpt);
  if (b->bBad) return false;
  p->zName = tg_strndup(zName, nName);
  p->zOptions = tg_strndup(zOpt, nOpt);
  p->d.zName = p->zName;
  p->d.zOptions = p->zOptions;
  p->d.aTarget = p->aId;
  p->d.aKey = p->aId + p->d.nTarget;
  return true;
}

void index_def_free(IndexDef *p) {
  tg_free(p->zName);
  tg_free(p->zOptions);
  tg_free(p->aId);
  memset(p, 0, sizeof(*p));
}

const char *index_kind_name(const PropIndex *pIdx) {
  bool bRel = pIdx->ent == ENT_REL;
  switch (pIdx->kind) {
    case IDX_RANGE: return "RANGE";
    case IDX_UNIQUE: return bRel ? "RELATIONSHIP_UNIQUENESS" : "UNIQUENESS";
    case IDX_EXISTS: return bRel ? "RELATIONSHIP_PROPERTY_EXISTENCE" : "NODE_PROPERTY_EXISTENCE";
    case IDX_TYPE: return bRel ? "RELATIONSHIP_PROPERTY_TYPE" : "NODE_PROPERTY_TYPE";
    case IDX_TEXT: return "TEXT";
    case IDX_POINT: return "POINT";
    case IDX_FULLTEXT: return "FULLTEXT";
    case IDX_KEY: return bRel ? "RELATIONSHIP_KEY" : "NODE_KEY";
    default: return "UNKNOWN";
  }
}

/* Appends ":Label nodes A and B <zVerb> key = VALUE" for posting p of
** pIdx, the value cut to 80 characters. */
static void indexDescribePosting(const Graph *g, const PropIndex *pIdx, const IndexPosting *p,
                                 const char *zVerb, StrBuf *pOut) {
  StrBuf v;
  strbuf_init(&v);
  valfmt_append(&v, &p->key, g, VALFMT_QUOTE);
  if (v.n > 80) {
    strbuf_truncate(&v, 77);
    strbuf_puts(&v, "...");
  }
  indexEntPhrase(g, pIdx, true, pOut);
  strbuf_printf(pOut, " %u and %u %s ", (unsigned)p->nodes.a[0], (unsigned)p->nodes.a[1], zVerb);
  for (uint32_t i = 0; i < pIdx->keys.n; i++) {
    strbuf_printf(pOut, "%s%s", i == 0 ? (pIdx->keys.n > 1 ? "(" : "") : ", ", intern_name(&g->keys, pIdx->keys.a[i]));
  }
  strbuf_printf(pOut, "%s = %s", pIdx->keys.n > 1 ? ")" : "", strbuf_cstr(&v));
  strbuf_free(&v);
}

/* Appends ":Label node N has no key" or "... has key = VALUE, not a TYPE"
** for a node breaking existence or type constraint pIdx. */
static void indexDescribeBroken(const Graph *g, const PropIndex *pIdx, NodeId n, StrBuf *pOut) {
  const char *zKey = intern_name(&g->keys, pIdx->key);
  indexEntPhrase(g, pIdx, false, pOut);
  if (pIdx->kind == IDX_KEY) {
    strbuf_printf(pOut, " %u lacks ", (unsigned)n);
    const char *zSep = "";
    for (uint32_t i = 0; i < pIdx->keys.n; i++) {
      if (graph_prop(g, pIdx->ent, n, pIdx->keys.a[i])) continue;
      strbuf_printf(pOut, "%s%s", zSep, intern_name(&g->keys, pIdx->keys.a[i]));
      zSep = " and ";
    }
    return;
  }
  const Value *pVal = graph_prop(g, pIdx->ent, n, pIdx->key);
  if (pVal == NULL) {
    strbuf_printf(pOut, " %u has no %s", (unsigned)n, zKey);
    return;
  }
  StrBuf v;
  strbuf_init(&v);
  valfmt_append(&v, pVal, g, VALFMT_QUOTE);
  if (v.n > 80) {
    strbuf_truncate(&v, 77);
    strbuf_puts(&v, "...");
  }
  strbuf_printf(pOut, " %u has %s = %s, which is not of type %s", (unsigned)n, zKey,
                strbuf_cstr(&v), pIdx->zOptions);
  strbuf_free(&v);
}

/* The first node of the label (relationship of the type) that breaks
** constraint pIdx, or GRAPH_NO_ID. */
static NodeId indexFirstBroken(const Graph *g, const PropIndex *pIdx) {
  for (NodeId n = indexEntNext(g, pIdx, 0); n != GRAPH_NO_ID; n = indexEntNext(g, pIdx, n + 1)) {
    Value aTmp[INDEX_MAX_KEYS], list;
    if (indexBreaks(pIdx, indexValueOf(g, pIdx, n, false, 0, NULL, aTmp, &list))) return n;
  }
  return GRAPH_NO_ID;
}

PropIndex *index_create(Graph *g, const IndexDesc *pDesc, bool *pbViolated, StrBuf *pWhy) {
  *pbViolated = false;
  uint32_t tMask = 0, lMask = 0;
  if ((pDesc->ent != ENT_NODE && pDesc->ent != ENT_REL) || pDesc->nTarget != 1 || pDesc->nKey < 1 || pDesc->nKey > INDEX_MAX_KEYS) return NULL;
  if (pDesc->nKey > 1 && pDesc->kind != IDX_RANGE && pDesc->kind != IDX_UNIQUE && pDesc->kind != IDX_KEY) return NULL;
  for (uint32_t i = 0; i < pDesc->nKey; i++) {
    for (uint32_t k = 0; k < i; k++) {
      if (pDesc->aKey[i] == pDesc->aKey[k]) return NULL;   /* a key twice */
    }
  }
  if (pDesc->kind != IDX_RANGE && pDesc->kind != IDX_UNIQUE && pDesc->kind != IDX_EXISTS &&
      pDesc->kind != IDX_TYPE && pDesc->kind != IDX_KEY && pDesc->kind != IDX_TEXT && pDesc->kind != IDX_POINT) {
    return NULL;
  }
  if (pDesc->kind == IDX_TYPE && !indexTypeMasks(pDesc->zOptions ? pDesc->zOptions : "", &tMask, &lMask)) {
    return NULL;
  }
  uint32_t label = pDesc->aTarget[0], key = pDesc->aKey[0];
  bool bPostings = pDesc->kind == IDX_RANGE || pDesc->kind == IDX_UNIQUE || pDesc->kind == IDX_KEY ||
                   pDesc->kind == IDX_TEXT || pDesc->kind == IDX_POINT;
  if (bPostings && pDesc->kind != IDX_TEXT && pDesc->kind != IDX_POINT ? index_find_keys_ent(g, pDesc->ent, label, pDesc->nKey, pDesc->aKey) != NULL
                : index_find_kind_ent(g, pDesc->ent, pDesc->kind, label, key) != NULL) {
    return NULL;
  }
  IndexSet *pSet = g->pIndexes;
  PropIndex *pIdx = tg_calloc(1, sizeof(PropIndex));
  pIdx->zName = tg_strndup(pDesc->zName, strlen(pDesc->zName));
  pIdx->kind = pDesc->kind;
  pIdx->ent = pDesc->ent;
  vec_push(&pIdx->targets, label);
  for (uint32_t i = 0; i < pDesc->nKey; i++) vec_push(&pIdx->keys, pDesc->aKey[i]);
  const char *zOpt = pDesc->zOptions ? pDesc->zOptions : "";
  pIdx->zOptions = tg_strndup(zOpt, strlen(zOpt));
  pIdx->label = label;
  pIdx->key = key;
  pIdx->bUnique = pDesc->kind == IDX_UNIQUE || pDesc->kind == IDX_KEY;
  pIdx->bPostings = bPostings;
  pIdx->typeMask = tMask;
  pIdx->listMask = lMask;
  if (!bPostings) {
    NodeId n = indexFirstBroken(g, pIdx);
    if (n != GRAPH_NO_ID) {
      *pbViolated = true;
      if (pWhy) indexDescribeBroken(g, pIdx, n, pWhy);
      indexFree(pIdx);
      return NULL;
    }
    vec_push(&pSet->aIndex, pIdx);
    __atomic_fetch_add(&pSet->nGeneration, 1, __ATOMIC_RELAXED);   /* read without the lock */
    return pIdx;
  }
  int64_t nDupBefore = pSet->nDuplicate;
  Value aTmp[INDEX_MAX_KEYS], list;
  for (NodeId n = indexEntNext(g, pIdx, 0); n != GRAPH_NO_ID; n = indexEntNext(g, pIdx, n + 1)) {
    const Value *pVal = indexValueOf(g, pIdx, n, false, 0, NULL, aTmp, &list);
    if (pVal) indexAdd(pSet, pIdx, n, pVal, NULL);
  }
  if (pSet->nDuplicate != nDupBefore) {
    pSet->nDuplicate = nDupBefore;
    *pbViolated = true;
    for (uint32_t k = 0; pWhy && k < pIdx->postings.n; k++) {
      if (pIdx->postings.a[k].nodes.n < 2) continue;
      indexDescribePosting(g, pIdx, &pIdx->postings.a[k], "both have", pWhy);
      break;
    }
    indexFree(pIdx);
    return NULL;
  }
  if (pIdx->kind == IDX_KEY) {
    /* Every node of the label has every key: count the ones that do not. */
    NodeId n = indexFirstBroken(g, pIdx);
    if (n != GRAPH_NO_ID) {
      *pbViolated = true;
      if (pWhy) indexDescribeBroken(g, pIdx, n, pWhy);
      indexFree(pIdx);
      return NULL;
    }
  }
  vec_push(&pSet->aIndex, pIdx);
  __atomic_fetch_add(&pSet->nGeneration, 1, __ATOMIC_RELAXED);   /* read without the lock */
  return pIdx;
}

PropIndex *index_create_simple(Graph *g, const char *zName, uint32_t label, uint32_t key,
                               bool bUnique, bool *pbViolated, StrBuf *pWhy) {
  IndexDesc d = {zName, bUnique ? IDX_UNIQUE : IDX_RANGE, ENT_NODE, 1, &label, 1, &key, ""};
  return index_create(g, &d, pbViolated, pWhy);
}

bool index_drop(Graph *g, const char *zName) {
  IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    PropIndex *pIdx = pSet->aIndex.a[i];
    if (strcmp(pIdx->zName, zName) != 0) continue;
    if (pIdx->bUnique) {
      for (uint32_t k = 0; k < pIdx->postings.n; k++) {
        if (pIdx->postings.a[k].nodes.n > 1) pSet->nDuplicate--;
      }
    }
    pSet->nBroken -= pIdx->nBroken;
    indexFree(pIdx);
    memmove(&pSet->aIndex.a[i], &pSet->aIndex.a[i + 1],
            sizeof(PropIndex *) * (pSet->aIndex.n - i - 1));
    pSet->aIndex.n--;
    __atomic_fetch_add(&pSet->nGeneration, 1, __ATOMIC_RELAXED);   /* read without the lock */
    return true;
  }
  return false;
}

const IndexPosting *index_posting(const PropIndex *pIdx, const Value *pVal) {
  if (pVal->type == VAL_NULL) return NULL;
  int64_t i = indexPosting((PropIndex *)pIdx, pVal, false);
  return i < 0 ? NULL : &pIdx->postings.a[i];
}

const NodeId *index_lookup(const PropIndex *pIdx, const Value *pVal, uint32_t *pn) {
  *pn = 0;
  if (pVal->type == VAL_NULL) return NULL;
  int64_t i = indexPosting((PropIndex *)pIdx, pVal, false);
  if (i < 0) return NULL;
  *pn = pIdx->postings.a[i].nodes.n;
  return pIdx->postings.a[i].nodes.a;
}

void index_range(const PropIndex *pIdx, const Value *pLo, bool bLoIncl, const Value *pHi,
                 bool bHiIncl, uint32_t *piLo, uint32_t *piHi) {
  *piLo = pLo ? indexOrderBound(pIdx, pLo, !bLoIncl) : 0;
  *piHi = pHi ? indexOrderBound(pIdx, pHi, bHiIncl) : pIdx->order.n;
  if (*piHi < *piLo) *piHi = *piLo;
}

/* ---- Estimates for the planner -------------------------------------------
** Hash look-ups and binary searches over what the hooks keep current
** (postings, their order, nEntries): nothing here scans the index. */

/* Is *v a number (integers and floats share one run of the order)? */
static bool indexIsNumber(const Value *v) { return v->type == VAL_INT || v->type == VAL_FLOAT; }

/* Do a and b sit in the same run of comparable values (numbers, strings)? */
static bool indexSameRun(const Value *a, const Value *b) {
  return indexIsNumber(a) ? indexIsNumber(b) : a->type == b->type;
}

/* The first position of the sorted order whose value xBefore rejects;
** xBefore must hold for a prefix of the order and fail after it. */
static uint32_t indexPartition(const PropIndex *pIdx, bool (*xBefore)(const Value *k, const Value *v),
                               const Value *v) {
  uint32_t lo = 0, hi = pIdx->order.n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (xBefore(&index_at(pIdx, mid)->key, v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Before the run of v's kind of value (numbers, strings) starts? */
static bool indexBeforeRun(const Value *k, const Value *v) { return !indexSameRun(k, v) && value_compare(k, v) < 0; }
/* Before the run of v's kind ends? */
static bool indexInOrBeforeRun(const Value *k, const Value *v) { return indexSameRun(k, v) || value_compare(k, v) < 0; }
/* Before the end of the strings starting with the string v? */
static bool indexInOrBeforePrefix(const Value *k, const Value *v) {
  if (k->type == VAL_STRING && k->n >= v->n && memcmp(k->u.z, v->u.z, v->n) == 0) return true;
  return value_compare(k, v) < 0;
}

/* Most postings of a span counted one by one; a longer span is sampled. */
#define INDEX_EST_EXACT 64

/* Entries held by the postings at positions [lo, hi) of the order: summed
** when few, else INDEX_EST_EXACT postings spread over the span, scaled. */
static double indexSpanEntries(const PropIndex *pIdx, uint32_t lo, uint32_t hi) {
  if (hi <= lo) return 0;
  uint32_t n = hi - lo;
  if (n <= INDEX_EST_EXACT) {
    uint64_t nSum = 0;
    for (uint32_t i = lo; i < hi; i++) nSum += index_at(pIdx, i)->nodes.n;
    return (double)nSum;
  }
  uint64_t nSum = 0;
  for (uint32_t k = 0; k < INDEX_EST_EXACT; k++) {
    nSum += index_at(pIdx, lo + (uint32_t)((uint64_t)k * n / INDEX_EST_EXACT))->nodes.n;
  }
  return (double)nSum * n / INDEX_EST_EXACT;
}

/* Compares the first v->n items of list k with the items of list v. */
static int indexCmpListPrefix(const Value *k, const Value *v) {
  if (k->type != VAL_LIST) return value_compare(k, v);
  for (uint32_t i = 0; i < v->n; i++) {
    if (i >= k->n) return -1;
    int c = value_compare(&k->u.a[i], &v->u.a[i]);
    if (c) return c;
  }
  return 0;
}
static bool indexBeforeListPrefix(const Value *k, const Value *v) { return indexCmpListPrefix(k, v) < 0; }
static bool indexInOrBeforeListPrefix(const Value *k, const Value *v) { return indexCmpListPrefix(k, v) <= 0; }

double index_est_list_prefix(const PropIndex *pIdx, const Value *aPrefix, uint32_t nPrefix) {
  Value v = value_null();
  v.type = VAL_LIST;
  v.n = nPrefix;
  v.u.a = (Value *)aPrefix;
  uint32_t lo = indexPartition(pIdx, indexBeforeListPrefix, &v);
  uint32_t hi = indexPartition(pIdx, indexInOrBeforeListPrefix, &v);
  return indexSpanEntries(pIdx, lo, TG_MAX(lo, hi));
}

double index_est_avg(const PropIndex *pIdx) {
  return pIdx->postings.n ? (double)pIdx->nEntries / pIdx->postings.n : 0;
}

double index_est_eq(const PropIndex *pIdx, const Value *pVal) {
  const IndexPosting *p = index_posting(pIdx, pVal);
  return p ? p->nodes.n : 0;
}

double index_est_range(const PropIndex *pIdx, const Value *pLo, bool bLoIncl, const Value *pHi, bool bHiIncl) {
  if ((pLo && pLo->type == VAL_NULL) || (pHi && pHi->type == VAL_NULL)) return 0;   /* matches nothing */
  uint32_t lo, hi;
  index_range(pIdx, pLo, bLoIncl, pHi, bHiIncl, &lo, &hi);
  /* A one-sided bound on a number or a string reaches only its own run. */
  const Value *apBound[2] = {pLo, pHi};
  for (int i = 0; i < 2; i++) {
    const Value *v = apBound[i];
    if (v == NULL || !(indexIsNumber(v) || v->type == VAL_STRING)) continue;
    lo = TG_MAX(lo, indexPartition(pIdx, indexBeforeRun, v));
    hi = TG_MIN(hi, indexPartition(pIdx, indexInOrBeforeRun, v));
  }
  return indexSpanEntries(pIdx, lo, hi);
}

double index_est_prefix(const PropIndex *pIdx, const Value *pPrefix) {
  if (pPrefix->type != VAL_STRING) return 0;
  uint32_t lo = indexOrderBound(pIdx, pPrefix, false);
  uint32_t hi = indexPartition(pIdx, indexInOrBeforePrefix, pPrefix);
  return indexSpanEntries(pIdx, lo, TG_MAX(lo, hi));
}

void index_on_prop(Graph *g, int ent, uint32_t n, uint32_t key, const Value *pOld, const Value *pNew) {
  IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    PropIndex *pIdx = pSet->aIndex.a[i];
    if (pIdx->ent != ent || !indexHasKey(pIdx, key) || !indexEntHas(g, pIdx, n)) continue;
    if (!pIdx->bPostings) {
      indexCountBroken(pSet, pIdx, (int64_t)indexBreaks(pIdx, pNew) - (int64_t)indexBreaks(pIdx, pOld));
      continue;
    }
    Value aOld[INDEX_MAX_KEYS], aNew[INDEX_MAX_KEYS], listOld, listNew;
    const Value *pO = indexValueOf(g, pIdx, n, true, key, pOld, aOld, &listOld);
    const Value *pN = indexValueOf(g, pIdx, n, true, key, pNew, aNew, &listNew);
    if (pO) indexDel(pSet, pIdx, n, pO);
    if (pN) indexAdd(pSet, pIdx, n, pN, &g->site);
    if (pIdx->kind == IDX_KEY) indexCountBroken(pSet, pIdx, (int64_t)(pN == NULL) - (int64_t)(pO == NULL));
  }
}

/* An entity enters or leaves what index set covers: a node gains or loses
** a label, a relationship of a type is made or deleted. */
static void indexOnEnter(Graph *g, int ent, uint32_t n, uint32_t label, bool bAdd) {
  IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    PropIndex *pIdx = pSet->aIndex.a[i];
    if (pIdx->ent != ent || pIdx->label != label) continue;
    Value aTmp[INDEX_MAX_KEYS], list;
    const Value *pVal = indexValueOf(g, pIdx, n, false, 0, NULL, aTmp, &list);
    if (!pIdx->bPostings) {
      if (indexBreaks(pIdx, pVal)) indexCountBroken(pSet, pIdx, bAdd ? 1 : -1);
      continue;
    }
    if (pVal == NULL) {
      if (pIdx->kind == IDX_KEY) indexCountBroken(pSet, pIdx, bAdd ? 1 : -1);
      continue;
    }
    if (bAdd) indexAdd(pSet, pIdx, n, pVal, &g->site);
    else indexDel(pSet, pIdx, n, pVal);
  }
}

void index_on_label(Graph *g, NodeId n, uint32_t label, bool bAdd) { indexOnEnter(g, ENT_NODE, n, label, bAdd); }

void index_on_rel(Graph *g, RelId r, bool bAdd) {
  indexOnEnter(g, ENT_REL, r, graph_rel_rec(g, r)->type, bAdd);
}

const IndexPosting *index_find_duplicate(const Graph *g, const PropIndex **ppIdx) {
  const IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    const PropIndex *pIdx = pSet->aIndex.a[i];
    if (!pIdx->bUnique) continue;
    for (uint32_t k = 0; k < pIdx->postings.n; k++) {
      if (pIdx->postings.a[k].nodes.n > 1) {
        *ppIdx = pIdx;
        return &pIdx->postings.a[k];
      }
    }
  }
  *ppIdx = NULL;
  return NULL;
}

bool index_describe_duplicate(const Graph *g, StrBuf *pOut, const GraphSite **ppSite) {
  const PropIndex *pIdx = NULL;
  const IndexPosting *p = index_find_duplicate(g, &pIdx);
  if (p == NULL) return false;
  strbuf_printf(pOut, "%s constraint %s: ",
                pIdx->kind != IDX_KEY ? "uniqueness" : pIdx->ent == ENT_REL ? "relationship key" : "node key",
                pIdx->zName);
  indexDescribePosting(g, pIdx, p, "would both have", pOut);
  *ppSite = &p->site;
  return true;
}

bool index_describe_broken(const Graph *g, StrBuf *pOut) {
  const IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    const PropIndex *pIdx = pSet->aIndex.a[i];
    if (pIdx->nBroken == 0) continue;
    NodeId n = indexFirstBroken(g, pIdx);
    if (n == GRAPH_NO_ID) continue;
    strbuf_printf(pOut, "%s constraint %s: ",
                  pIdx->kind == IDX_EXISTS ? "existence"
                  : pIdx->kind == IDX_KEY  ? (pIdx->ent == ENT_REL ? "relationship key" : "node key")
                                           : "property type",
                  pIdx->zName);
    indexDescribeBroken(g, pIdx, n, pOut);
    return true;
  }
  return false;
}
