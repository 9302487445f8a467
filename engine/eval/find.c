/*
** find.c — the tangle.find(text) procedure: multilingual entity lookup.
**
** Every node with a `name` or `aliases` property is a candidate. The query
** and each name are folded with utf8_fold_for_lookup() (case, accents,
** Arabic diacritics and alef/hamza forms, full-width forms, the Japanese
** middle dot, spacing), then scored:
**   1.0   the folded name equals the query
**   0.95  an alias equals the query
**   0.5+  the query is a whole word run inside a name or alias
**         (more of the name covered scores higher)
**   0.4   the name is a whole word run inside the query
**   0.1+  the query appears inside a word
** Rows come best first, then by name.
*/
#include <stdlib.h>

#include "eval/proc.h"
#include "base/utf8.h"
#include "base/vec.h"

typedef struct FindHit {
  NodeId node;
  double score;
  const char *zName;
} FindHit;

static bool findIsBoundary(const char *z, size_t n, size_t i) {
  return i == 0 || i >= n || z[i - 1] == ' ' || z[i] == ' ';
}

/* Score of one folded candidate against the folded query, or 0. */
static double findScore(const char *zCand, size_t nCand, const char *zQ, size_t nQ, bool bAlias) {
  if (nCand == 0 || nQ == 0) return 0.0;
  if (nCand == nQ && memcmp(zCand, zQ, nQ) == 0) return bAlias ? 0.95 : 1.0;
  double best = 0.0;
  const char *p = zCand;
  while ((p = memmem(p, nCand - (size_t)(p - zCand), zQ, nQ)) != NULL) {
    size_t i = (size_t)(p - zCand);
    bool bWhole = findIsBoundary(zCand, nCand, i) && (i + nQ == nCand || zCand[i + nQ] == ' ');
    double s = bWhole ? 0.5 + 0.4 * (double)nQ / (double)nCand : 0.1 + 0.2 * (double)nQ / (double)nCand;
    if (s > best) best = s;
    p++;
  }
  if (best == 0.0 && nCand < nQ) {
    const char *q = memmem(zQ, nQ, zCand, nCand);
    if (q) {
      size_t i = (size_t)(q - zQ);
      if (findIsBoundary(zQ, nQ, i) && (i + nCand == nQ || zQ[i + nCand] == ' ')) best = 0.4;
    }
  }
  return best;
}

static int findCmp(const void *x, const void *y) {
  const FindHit *a = x, *b = y;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  int c = strcmp(a->zName ? a->zName : "", b->zName ? b->zName : "");
  if (c) return c;
  return a->node < b->node ? -1 : a->node > b->node;
}

bool proc_tangle_find(struct tg_proc_ctx *pCall, const Value *aArg) {
  if (aArg[0].type != VAL_STRING) return true;
  const Graph *g = pCall->pCtx->pGraph;
  Arena a;
  arena_init(&a);
  size_t nQ;
  const char *zQ = utf8_fold_for_lookup(&a, aArg[0].u.z, aArg[0].n, &nQ);
  int32_t keyName = intern_find(&g->keys, "name", 4);
  int32_t keyAliases = intern_find(&g->keys, "aliases", 7);
  VEC(FindHit) hits = {0};
  for (NodeId n = 0; nQ && n < g->nNodeSlot && (keyName >= 0 || keyAliases >= 0); n++) {
    if (!graph_node_exists(g, n)) continue;
    ArenaMark m = arena_mark(&a);
    double best = 0.0;
    const Value *pName = keyName >= 0 ? graph_prop(g, ENT_NODE, n, (uint32_t)keyName) : NULL;
    if (pName && pName->type == VAL_STRING) {
      size_t nF;
      const char *zF = utf8_fold_for_lookup(&a, pName->u.z, pName->n, &nF);
      best = findScore(zF, nF, zQ, nQ, false);
    }
    const Value *pAl = keyAliases >= 0 ? graph_prop(g, ENT_NODE, n, (uint32_t)keyAliases) : NULL;
    for (uint32_t i = 0; pAl && pAl->type == VAL_LIST && i < pAl->n; i++) {
      const Value *e = &pAl->u.a[i];
      if (e->type != VAL_STRING) continue;
      size_t nF;
      const char *zF = utf8_fold_for_lookup(&a, e->u.z, e->n, &nF);
      double s = findScore(zF, nF, zQ, nQ, true);
      if (s > best) best = s;
    }
    arena_rewind(&a, m);
    if (best > 0.0) {
      FindHit h = {n, best, pName && pName->type == VAL_STRING ? pName->u.z : NULL};
      vec_push(&hits, h);
    }
  }
  if (hits.n) qsort(hits.a, hits.n, sizeof(FindHit), findCmp);
  for (uint32_t i = 0; i < hits.n; i++) {
    Value aOut[2] = {value_node(hits.a[i].node), value_float(hits.a[i].score)};
    proc_emit(pCall, aOut);
  }
  vec_free(&hits);
  arena_free(&a);
  return true;
}
