/*
** find.c — the text-search procedures, over the full-text machinery of
** store/fulltext.c:
**   tangle.find(text)                              multilingual entity lookup
**   db.index.fulltext.queryNodes(index, query [, options])   Neo4j's full-text queries
**   db.index.fulltext.queryRelationships(index, query [, options])
**
** tangle.find looks at every node's `name` and `aliases` (a hidden
** full-text index with the multilingual analyzer: folding, words, and
** bigrams for Japanese and Chinese). A name scores 1.0 when it is the
** query (an alias 0.95); otherwise higher the more of the query it covers
** (terms weighted by rarity) and the more of the name the query covers, so
** "Tesla's Texas Gigafactory" finds the Texas Gigafactory before Texas and
** Tesla. Rows come best first, then by name.
*/
#include <stdlib.h>

#include "eval/proc.h"
#include "store/fulltext.h"

typedef struct FindHit {
  NodeId node;
  double score;
  const char *zName;
} FindHit;

static int findCmp(const void *x, const void *y) {
  const FindHit *a = x, *b = y;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  int c = strcmp(a->zName ? a->zName : "", b->zName ? b->zName : "");
  if (c) return c;
  return a->node < b->node ? -1 : a->node > b->node;
}

bool proc_tangle_find(struct tg_proc_ctx *pCall, const Value *aArg) {
  if (aArg[0].type != VAL_STRING) return true;
  Graph *g = pCall->pCtx->pGraph;
  FulltextHits hits = {0};
  fulltext_find(g, aArg[0].u.z, aArg[0].n, &hits);
  int32_t keyName = intern_find(&g->keys, "name", 4);
  FindHit *a = tg_malloc(sizeof(FindHit) * (hits.n ? hits.n : 1));
  for (uint32_t i = 0; i < hits.n; i++) {
    const Value *pName = keyName >= 0 ? graph_prop(g, ENT_NODE, hits.a[i].id, (uint32_t)keyName) : NULL;
    a[i].node = hits.a[i].id;
    a[i].score = hits.a[i].score;
    a[i].zName = pName && pName->type == VAL_STRING ? pName->u.z : NULL;
  }
  if (hits.n) qsort(a, hits.n, sizeof(FindHit), findCmp);
  for (uint32_t i = 0; i < hits.n; i++) {
    Value aOut[2] = {value_node(a[i].node), value_float(a[i].score)};
    proc_emit(pCall, aOut);
  }
  tg_free(a);
  vec_free(&hits);
  return true;
}

/* What a query's options map asks for: {skip: n, limit: n, analyzer: name}.
** False with the error set for another key or a wrong type. */
typedef struct FindOptions {
  int64_t nSkip, nLimit;       /* nLimit < 0: no limit */
  const char *zAnalyzer;       /* NULL: the index's; else zBuf */
  char zBuf[64];
} FindOptions;

static bool findOptions(struct tg_proc_ctx *pCall, const Value *pMap, const char *zProc, FindOptions *pOpt) {
  pOpt->nSkip = 0;
  pOpt->nLimit = -1;
  pOpt->zAnalyzer = NULL;
  if (pMap->type == VAL_NULL) return true;
  const char *zWhy = NULL, *zKey = "";
  if (pMap->type != VAL_MAP) zWhy = "the options must be a map {skip: n, limit: n, analyzer: name}";
  for (uint32_t i = 0; zWhy == NULL && i < pMap->n; i++) {
    const MapEntry *e = &pMap->u.m[i];
    zKey = e->zKey;
    bool bSkip = e->nKey == 4 && memcmp(e->zKey, "skip", 4) == 0;
    bool bLimit = e->nKey == 5 && memcmp(e->zKey, "limit", 5) == 0;
    if (bSkip || bLimit) {
      if (e->v.type != VAL_INT || e->v.u.i < 0) zWhy = "option %s must be a non-negative integer";
      else if (bSkip) pOpt->nSkip = e->v.u.i;
      else pOpt->nLimit = e->v.u.i;
    } else if (e->nKey == 8 && memcmp(e->zKey, "analyzer", 8) == 0) {
      if (e->v.type != VAL_STRING) {
        zWhy = "option %s must be an analyzer's name";
      } else {
        /* A name too long for the buffer is cut, and then unknown. */
        size_t n = e->v.n < sizeof(pOpt->zBuf) - 1 ? e->v.n : sizeof(pOpt->zBuf) - 1;
        memcpy(pOpt->zBuf, e->v.u.z, n);
        pOpt->zBuf[n] = 0;
        pOpt->zAnalyzer = pOpt->zBuf;
      }
    } else {
      zWhy = "unknown option %s (known: skip, limit, analyzer)";
    }
  }
  if (zWhy == NULL) return true;
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb, zWhy, zKey);
  error_raw(pCall->pCtx->pErr, TG_ERR_PROCEDURE, "", "db.index.fulltext.%s(): %s", zProc, strbuf_cstr(&sb));
  strbuf_free(&sb);
  return false;
}

/* The two db.index.fulltext.query* procedures. */
static bool findFulltextQuery(struct tg_proc_ctx *pCall, const Value *aArg, bool bRels) {
  const char *zProc = bRels ? "queryRelationships" : "queryNodes";
  if (aArg[0].type != VAL_STRING || aArg[1].type != VAL_STRING) {
    error_raw(pCall->pCtx->pErr, TG_ERR_PROCEDURE, "", "db.index.fulltext.%s() needs an index name and a query string",
              zProc);
    return false;
  }
  FindOptions opt;
  if (!findOptions(pCall, &aArg[2], zProc, &opt)) return false;
  FulltextHits hits = {0};
  StrBuf err;
  strbuf_init(&err);
  bool bOk = fulltext_query(pCall->pCtx->pGraph, aArg[0].u.z, bRels, aArg[1].u.z, aArg[1].n, opt.zAnalyzer, &hits, &err);
  if (!bOk) {
    error_raw(pCall->pCtx->pErr, TG_ERR_PROCEDURE, "", "db.index.fulltext.%s(): %s", zProc, strbuf_cstr(&err));
  }
  uint64_t iEnd = hits.n;
  if (opt.nLimit >= 0 && (uint64_t)opt.nSkip + (uint64_t)opt.nLimit < iEnd) iEnd = (uint64_t)opt.nSkip + (uint64_t)opt.nLimit;
  for (uint64_t i = (uint64_t)opt.nSkip; bOk && i < iEnd; i++) {
    Value aOut[2] = {bRels ? value_rel(hits.a[i].id) : value_node(hits.a[i].id), value_float(hits.a[i].score)};
    proc_emit(pCall, aOut);
  }
  strbuf_free(&err);
  vec_free(&hits);
  return bOk;
}

bool proc_fulltext_query_nodes(struct tg_proc_ctx *pCall, const Value *aArg) {
  return findFulltextQuery(pCall, aArg, false);
}

bool proc_fulltext_query_rels(struct tg_proc_ctx *pCall, const Value *aArg) {
  return findFulltextQuery(pCall, aArg, true);
}
