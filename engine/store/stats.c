/*
** stats.c — planner statistics: relationship and node counts per
** (type, direction, label), gathered from the adjacency directories,
** with the sum of squared counts that measures their skew.
**
** The counts live in one dense array indexed by (type + 1, direction,
** label + 1), index 0 standing for "any". A graph with very many labels and
** types would make that array large, so past STATS_MAX_CELLS only the "any
** label" column is kept and per-label questions answer as for any node.
*/
#include "store/stats.h"

#include "base/mem.h"

#define STATS_MAX_CELLS (1u << 18)   /* 6 MiB of counts at most */
#define STATS_SMALL_GRAPH 50000      /* below this size, any change refreshes */

typedef struct StatCell {
  uint64_t nRel;           /* relationships */
  uint64_t nNode;          /* nodes with at least one */
  double sumSq;            /* sum over those nodes of their count squared */
} StatCell;

struct GraphStats {
  uint64_t iVersion;       /* graph version gathered at */
  uint64_t nSize;          /* live nodes + relationships then */
  uint32_t nType;          /* types known then (columns: nType + 1) */
  uint32_t nLabel;         /* labels known then */
  uint32_t nLabelCol;      /* label columns kept: nLabel + 1, or 1 */
  StatCell *aCell;
};

static StatCell *statsCell(const GraphStats *s, uint32_t iType, int dir, uint32_t iLabel) {
  size_t i = ((size_t)iType * 2 + (size_t)(dir == DIR_IN)) * s->nLabelCol + iLabel;
  return &s->aCell[i];
}

/* Adds node n's adjacency in direction dir to the cells of its labels. */
static void statsAddNode(GraphStats *s, const Graph *g, NodeId n, int dir, const uint32_t *aLabel,
                         uint32_t nLabel) {
  const uint32_t *aPair;
  uint32_t nGroup = graph_adj_groups(g, n, dir, &aPair);
  if (nGroup == 0) return;
  uint32_t nCol = s->nLabelCol > 1 ? nLabel + 1 : 1;
  uint32_t prevEnd = 0;
  for (uint32_t k = 0; k < nGroup; k++) {
    uint32_t type = aPair[2 * k], end = aPair[2 * k + 1];
    if (type >= s->nType || end == prevEnd) {
      prevEnd = end;
      continue;
    }
    for (uint32_t c = 0; c < nCol; c++) {
      StatCell *p = statsCell(s, type + 1, dir, c ? aLabel[c - 1] + 1 : 0);
      p->nRel += end - prevEnd;
      p->nNode++;
      p->sumSq += (double)(end - prevEnd) * (double)(end - prevEnd);
    }
    prevEnd = end;
  }
  for (uint32_t c = 0; c < nCol && prevEnd; c++) {
    StatCell *p = statsCell(s, 0, dir, c ? aLabel[c - 1] + 1 : 0);
    p->nRel += prevEnd;
    p->nNode++;
    p->sumSq += (double)prevEnd * (double)prevEnd;
  }
}

static void statsGather(GraphStats *s, const Graph *g) {
  tg_free(s->aCell);
  s->iVersion = g->iVersion;
  s->nSize = (uint64_t)g->nNodeLive + g->nRelLive;
  s->nType = intern_count(&g->types);
  s->nLabel = intern_count(&g->labels);
  size_t nRow = ((size_t)s->nType + 1) * 2;
  s->nLabelCol = nRow * (s->nLabel + 1) <= STATS_MAX_CELLS ? s->nLabel + 1 : 1;
  s->aCell = tg_calloc(nRow * s->nLabelCol, sizeof(StatCell));
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    if (!graph_node_exists(g, n)) continue;
    uint32_t nLabel;
    const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
    statsAddNode(s, g, n, DIR_OUT, aLabel, nLabel);
    statsAddNode(s, g, n, DIR_IN, aLabel, nLabel);
  }
}

static bool statsStale(const GraphStats *s, const Graph *g) {
  if (s->iVersion == g->iVersion) return false;
  if (s->nType != intern_count(&g->types) || s->nLabel != intern_count(&g->labels)) return true;
  uint64_t nNow = (uint64_t)g->nNodeLive + g->nRelLive;
  if (nNow < STATS_SMALL_GRAPH) return true;
  uint64_t nDrift = nNow > s->nSize ? nNow - s->nSize : s->nSize - nNow;
  return nDrift * 10 > s->nSize;
}

const GraphStats *stats_get(Graph *g) {
  if (g->pStats == NULL) {
    g->pStats = tg_calloc(1, sizeof(GraphStats));
    statsGather(g->pStats, g);
  } else if (statsStale(g->pStats, g)) {
    statsGather(g->pStats, g);
  }
  return g->pStats;
}

void stats_free(GraphStats *s) {
  if (s == NULL) return;
  tg_free(s->aCell);
  tg_free(s);
}

/* The cell for (type, dir, label), or NULL when the statistics predate them. */
static const StatCell *statsLookup(const GraphStats *s, int64_t type, int dir, int64_t label) {
  if (type >= (int64_t)s->nType || label >= (int64_t)s->nLabel) return NULL;
  uint32_t iLabel = 0;
  if (label >= 0 && s->nLabelCol > 1) iLabel = (uint32_t)label + 1;
  return statsCell(s, type < 0 ? 0 : (uint32_t)type + 1, dir, iLabel);
}

double stats_rels(const GraphStats *s, int64_t type, int dir, int64_t label) {
  const StatCell *p = statsLookup(s, type, dir, label);
  return p ? (double)p->nRel : 0.0;
}

double stats_rels_squared(const GraphStats *s, int64_t type, int dir, int64_t label) {
  const StatCell *p = statsLookup(s, type, dir, label);
  return p ? p->sumSq : 0.0;
}

double stats_nodes(const GraphStats *s, int64_t type, int dir, int64_t label) {
  const StatCell *p = statsLookup(s, type, dir, label);
  return p ? (double)p->nNode : 0.0;
}
