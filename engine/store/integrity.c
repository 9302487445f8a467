/*
** integrity.c — the checks of db.checkIntegrity() (see integrity.h).
*/
#include "store/integrity.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/mem.h"
#include "store/index.h"

typedef struct Checker {
  const Graph *g;
  int64_t nFound, nMax;
  void (*xProblem)(void *, const char *, const char *);
  void *pArg;
} Checker;

static void ckReport(Checker *c, const char *zCheck, const char *zFmt, ...) TG_PRINTF(3, 4);
static void ckReport(Checker *c, const char *zCheck, const char *zFmt, ...) {
  if (c->nFound++ >= c->nMax) return;
  char z[300];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof(z), zFmt, ap);
  va_end(ap);
  c->xProblem(c->pArg, zCheck, z);
}

/* Adjacency: each list entry is a live relationship of the group's type
** with this node at the right end; each relationship is met exactly once
** per direction (a bitmap per direction). */
static void ckAdjacency(Checker *c) {
  const Graph *g = c->g;
  uint8_t *aSeen = tg_calloc(g->nRelSlot ? g->nRelSlot : 1, 1);
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    if (!graph_node_exists(g, n)) {
      const uint32_t *a;
      if (graph_adj_words(g, n, DIR_OUT, &a) + graph_adj_words(g, n, DIR_IN, &a) && !graph_node_deleted(g, n)) {
        ckReport(c, "adjacency", "node slot %u is free but has relationships", n);
      }
      continue;
    }
    for (int d = 0; d < 2; d++) {
      const uint32_t *aPair;
      uint32_t nGroup = graph_adj_groups(g, n, d, &aPair), iStart = 0;
      const AdjEntry *e;
      graph_adj(g, n, d, -1, &e);
      for (uint32_t k = 0; k < nGroup; k++) {
        uint32_t type = aPair[2 * k], iEnd = aPair[2 * k + 1];
        for (uint32_t i = iStart; i < iEnd; i++) {
          RelId r = e[i].rel;
          if (!graph_rel_exists(g, r)) {
            ckReport(c, "adjacency", "node %u lists relationship %u, which does not exist", n, r);
            continue;
          }
          const RelRec *p = graph_rel(g, r);
          NodeId me = d == DIR_OUT ? p->src : p->dst, other = d == DIR_OUT ? p->dst : p->src;
          if (p->type != type || me != n || other != e[i].nbr) {
            ckReport(c, "adjacency", "node %u lists relationship %u under the wrong type or ends", n, r);
          }
          uint8_t bit = (uint8_t)(1 << d);
          if (aSeen[r] & bit) ckReport(c, "adjacency", "relationship %u is listed twice at node %u", r, n);
          aSeen[r] |= bit;
        }
        iStart = iEnd;
      }
    }
  }
  uint32_t nLive = 0;
  VEC(uint32_t) perType = {0};
  for (RelId r = 0; r < g->nRelSlot; r++) {
    if (!graph_rel_exists(g, r)) continue;
    nLive++;
    const RelRec *p = graph_rel(g, r);
    if (!graph_node_exists(g, p->src) || !graph_node_exists(g, p->dst)) {
      ckReport(c, "relationships", "relationship %u has an end node that does not exist", r);
    }
    if (aSeen[r] != 3) ckReport(c, "adjacency", "relationship %u is missing from an end node's list", r);
    while (perType.n <= p->type) vec_push(&perType, 0u);
    perType.a[p->type]++;
  }
  if (nLive != g->nRelLive) ckReport(c, "counts", "%u relationships exist but the count says %u", nLive, g->nRelLive);
  uint32_t nType = intern_count(&g->types);
  for (uint32_t t = 0; t < nType; t++) {
    uint32_t nHave = t < perType.n ? perType.a[t] : 0;
    if (nHave != graph_type_count(g, t)) {
      ckReport(c, "counts", "%u relationships of type %s exist but the count says %u", nHave,
               intern_name(&g->types, t), graph_type_count(g, t));
    }
  }
  vec_free(&perType);
  tg_free(aSeen);
}

/* Labels: each node's labels against the bitmaps and the counts. */
static void ckLabels(Checker *c) {
  const Graph *g = c->g;
  uint32_t nLabel = intern_count(&g->labels), nLive = 0;
  uint32_t *aCount = tg_calloc(nLabel + 1, sizeof(uint32_t));
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    if (!graph_node_exists(g, n)) continue;
    nLive++;
    uint32_t nL;
    const uint32_t *a = graph_node_labels(g, n, &nL);
    for (uint32_t i = 0; i < nL; i++) {
      if (a[i] >= nLabel) {
        ckReport(c, "labels", "node %u has a label id out of range", n);
        continue;
      }
      aCount[a[i]]++;
      if (!graph_label_bit(g, n, a[i])) {
        ckReport(c, "labels", "node %u has :%s but the label's bitmap misses it", n, intern_name(&g->labels, a[i]));
      }
    }
  }
  if (nLive != g->nNodeLive) ckReport(c, "counts", "%u nodes exist but the count says %u", nLive, g->nNodeLive);
  for (uint32_t l = 0; l < nLabel; l++) {
    if (aCount[l] != graph_label_count(g, l)) {
      ckReport(c, "labels", "%u nodes have :%s but its bitmap counts %u", aCount[l], intern_name(&g->labels, l),
               graph_label_count(g, l));
    }
  }
  tg_free(aCount);
}

/* Indexes: postings against the nodes' properties. */
static void ckIndexes(Checker *c) {
  const Graph *g = c->g;
  const IndexSet *pSet = g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    const PropIndex *pIdx = pSet->aIndex.a[i];
    if (!pIdx->bPostings) continue;   /* existence and type constraints hold no postings */
    uint64_t nIndexed = 0, nExpected = 0;
    for (uint32_t k = 0; k < pIdx->postings.n; k++) {
      const IndexPosting *pp = &pIdx->postings.a[k];
      if (pIdx->bUnique && pp->nodes.n > 1) {
        ckReport(c, "indexes", "constraint %s holds %u nodes under one value", pIdx->zName, pp->nodes.n);
      }
      for (uint32_t j = 0; j < pp->nodes.n; j++) {
        NodeId n = pp->nodes.a[j];
        Value aTmp[INDEX_MAX_KEYS], list;
        const Value *pVal = graph_node_exists(g, n) ? index_node_value(g, pIdx, n, aTmp, &list) : NULL;
        if (pVal == NULL || !graph_node_has_label(g, n, pIdx->label) || !value_equivalent(pVal, &pp->key)) {
          ckReport(c, "indexes", "index %s lists node %u under a value it does not have", pIdx->zName, n);
        }
        nIndexed++;
      }
    }
    for (NodeId n = graph_label_next(g, pIdx->label, 0); n != GRAPH_NO_ID; n = graph_label_next(g, pIdx->label, n + 1)) {
      Value aTmp[INDEX_MAX_KEYS], list;
      if (index_node_value(g, pIdx, n, aTmp, &list)) nExpected++;
    }
    if (nIndexed != nExpected) {
      ckReport(c, "indexes", "index %s holds %llu nodes but %llu have the label and key", pIdx->zName,
               (unsigned long long)nIndexed, (unsigned long long)nExpected);
    }
  }
}

int64_t integrity_check(const Graph *g, int64_t nMax,
                        void (*xProblem)(void *pArg, const char *zCheck, const char *zProblem), void *pArg) {
  Checker c = {.g = g, .nMax = nMax, .xProblem = xProblem, .pArg = pArg};
  ckLabels(&c);
  ckAdjacency(&c);
  ckIndexes(&c);
  return c.nFound;
}
