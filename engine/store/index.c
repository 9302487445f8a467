/*
** index.c — property indexes and uniqueness constraints (see index.h).
*/
#include "store/index.h"

#include "base/mem.h"
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
  htab_free(&pIdx->ht);
}

static void indexFree(PropIndex *pIdx) {
  indexFreePostings(pIdx);
  tg_free(pIdx->zName);
  tg_free(pIdx);
}

void index_set_empty(IndexSet *p) {
  for (uint32_t i = 0; i < p->aIndex.n; i++) indexFreePostings(p->aIndex.a[i]);
  p->nDuplicate = 0;
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
  htab_insert(&pIdx->ht, h, pIdx->postings.n - 1);
  return pIdx->postings.n - 1;
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
      break;
    }
  }
  if (pIdx->bUnique && p->nodes.n == 1) {
    pSet->nDuplicate--;
    indexClearSite(p);
  }
  if (p->nodes.n == 0) {
    /* Drop the posting: move the last one into its place. */
    htab_remove(&pIdx->ht, p->h, (uint32_t)iPost);
    value_heap_free(&p->key);
    vec_free(&p->nodes);
    uint32_t iLast = pIdx->postings.n - 1;
    if ((uint32_t)iPost != iLast) {
      pIdx->postings.a[iPost] = pIdx->postings.a[iLast];
      htab_reindex(&pIdx->ht, pIdx->postings.a[iPost].h, iLast, (uint32_t)iPost);
    }
    pIdx->postings.n--;
  }
}

PropIndex *index_find(const Graph *g, uint32_t label, uint32_t key) {
  const IndexSet *p = g->pIndexes;
  for (uint32_t i = 0; i < p->aIndex.n; i++) {
    if (p->aIndex.a[i]->label == label && p->aIndex.a[i]->key == key) return p->aIndex.a[i];
  }
  return NULL;
}

PropIndex *index_find_by_name(const Graph *g, const char *zName) {
  const IndexSet *p = g->pIndexes;
  for (uint32_t i = 0; i < p->aIndex.n; i++) {
    if (strcmp(p->aIndex.a[i]->zName, zName) == 0) return p->aIndex.a[i];
  }
  return NULL;
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
  strbuf_printf(pOut, ":%s nodes %u and %u %s %s = %s", intern_name(&g->labels, pIdx->label),
                (unsigned)p->nodes.a[0], (unsigned)p->nodes.a[1], zVerb,
                intern_name(&g->keys, pIdx->key), strbuf_cstr(&v));
  strbuf_free(&v);
}

PropIndex *index_create(Graph *g, const char *zName, uint32_t label, uint32_t key,
                        bool bUnique, bool *pbViolated, StrBuf *pWhy) {
  *pbViolated = false;
  if (index_find(g, label, key)) return NULL;
  IndexSet *pSet = g->pIndexes;
  PropIndex *pIdx = tg_calloc(1, sizeof(PropIndex));
  pIdx->zName = tg_strndup(zName, strlen(zName));
  pIdx->label = label;
  pIdx->key = key;
  pIdx->bUnique = bUnique;
  int64_t nDupBefore = pSet->nDuplicate;
  for (NodeId n = graph_label_next(g, label, 0); n != GRAPH_NO_ID;
       n = graph_label_next(g, label, n + 1)) {
    const Value *pVal = graph_prop(g, ENT_NODE, n, key);
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
  vec_push(&pSet->aIndex, pIdx);
  __atomic_fetch_add(&pSet->nGeneration, 1, __ATOMIC_RELAXED);   /* read without the lock */
  return pIdx;
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
    indexFree(pIdx);
    memmove(&pSet->aIndex.a[i], &pSet->aIndex.a[i + 1],
            sizeof(PropIndex *) * (pSet->aIndex.n - i - 1));
    pSet->aIndex.n--;
    __atomic_fetch_add(&pSet->nGeneration, 1, __ATOMIC_RELAXED);   /* read without the lock */
    return true;
  }
  return false;
}

const NodeId *index_lookup(const PropIndex *pIdx, const Value *pVal, uint32_t *pn) {
  *pn = 0;
  if (pVal->type == VAL_NULL) return NULL;
  int64_t i = indexPosting((PropIndex *)pIdx, pVal, false);
  if (i < 0) return NULL;
  *pn = pIdx->postings.a[i].nodes.n;
  return pIdx->postings.a[i].nodes.a;
}

void index_on_prop(Graph *g, NodeId n, uint32_t key, const Value *pOld, const Value *pNew) {
  IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    PropIndex *pIdx = pSet->aIndex.a[i];
    if (pIdx->key != key || !graph_node_has_label(g, n, pIdx->label)) continue;
    if (pOld) indexDel(pSet, pIdx, n, pOld);
    if (pNew) indexAdd(pSet, pIdx, n, pNew, &g->site);
  }
}

void index_on_label(Graph *g, NodeId n, uint32_t label, bool bAdd) {
  IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    PropIndex *pIdx = pSet->aIndex.a[i];
    if (pIdx->label != label) continue;
    const Value *pVal = graph_prop(g, ENT_NODE, n, pIdx->key);
    if (pVal == NULL) continue;
    if (bAdd) indexAdd(pSet, pIdx, n, pVal, &g->site);
    else indexDel(pSet, pIdx, n, pVal);
  }
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
  strbuf_printf(pOut, "uniqueness constraint %s: ", pIdx->zName);
  indexDescribePosting(g, pIdx, p, "would both have", pOut);
  *ppSite = &p->site;
  return true;
}
