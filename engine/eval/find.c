/*
** find.c — the text-search procedures, over the full-text machinery of
** store/fulltext.c:
**   tangle.find(text)                              multilingual entity lookup
**   db.index.fulltext.queryNodes(index, query)         Neo4j's full-text queries
**   db.index.fulltext.queryRelationships(index, query)
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

/* The two db.index.fulltext.query* procedures. */
static bool findFulltextQuery(struct tg_proc_ctx *pCall, const Value *aArg, bool bRels) {
  if (aArg[0].type != VAL_STRING || aArg[1].type != VAL_STRING) {
    error_raw(pCall->pCtx->pErr, TG_ERR_PROCEDURE, "", "db.index.fulltext.%s() needs an index name and a query string",
              bRels ? "queryRelationships" : "queryNodes");
    return false;
  }
  FulltextHits hits = {0};
  StrBuf err;
  strbuf_init(&err);
  bool bOk = fulltext_query(pCall->pCtx->pGraph, aArg[0].u.z, bRels, aArg[1].u.z, aArg[1].n, &hits, &err);
  if (!bOk) {
    error_raw(pCall->pCtx->pErr, TG_ERR_PROCEDURE, "", "db.index.fulltext.%s(): %s",
              bRels ? "queryRelationships" : "queryNodes", strbuf_cstr(&err));
  }
  for (uint32_t i = 0; bOk && i < hits.n; i++) {
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
