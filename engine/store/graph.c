/*
** graph.c — node and relationship stores, typed adjacency, label bitmaps,
** property lists (see graph.h for the layout and the rules).
**
** Sections: adjacency buffers, labels, properties, slots, public changes,
** reading, compaction, unlogged primitives for undo.c.
*/
#include "store/graph.h"

#include <sys/mman.h>

#include "store/index.h"
#include "store/fulltext.h"
#include "base/mem.h"
#include "store/stats.h"
#include "store/undo.h"

/* ======================================================================
** Adjacency buffers
**
** Words: a[0] = nGroup; then nGroup pairs (type, end) sorted by type,
** where `end` is the cumulative entry count through that group; then the
** entries, two words each (relationship, neighbour).
** ==================================================================== */

#define ADJ_GROUPS(a) ((a)[0])
#define ADJ_TYPE(a, g) ((a)[1 + 2 * (g)])
#define ADJ_END(a, g) ((a)[2 + 2 * (g)])
#define ADJ_ENTRIES(a) ((AdjEntry *)((a) + 1 + 2 * ADJ_GROUPS(a)))

static uint32_t adjGroupStart(const uint32_t *a, uint32_t g) {
  return g == 0 ? 0 : ADJ_END(a, g - 1);
}

/* Binary search for type among the groups. Returns the group index, or
** -(insertion point)-1 when absent. */
static int64_t adjFindGroup(const uint32_t *a, uint32_t type) {
  int64_t lo = 0, hi = (int64_t)ADJ_GROUPS(a) - 1;
  while (lo <= hi) {
    int64_t mid = (lo + hi) / 2;
    uint32_t t = ADJ_TYPE(a, mid);
    if (t == type) return mid;
    if (t < type) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

static uint32_t adjWords(const AdjList *p) {
  return p->a ? 1 + 2 * ADJ_GROUPS(p->a) + 2 * p->n : 0;
}

/* Makes sure the list owns a buffer with room for nMore more words. */
static void adjReserve(AdjList *p, uint32_t nMore) {
  uint32_t nUsed = adjWords(p);
  if (p->a == NULL) nUsed = 1;
  if (p->a && p->cap >= nUsed + nMore) return;
  /* Grow by half (not double): adjacency is most of a graph's memory and
  ** most lists stay small, so slack matters more than copies. */
  uint32_t nNew = p->cap ? p->cap + p->cap / 2 : 8;
  if (nNew < nUsed + nMore) nNew = nUsed + nMore;
  nNew = (nNew + 1) & ~1u;
  if (p->a && p->cap == 0) {
    /* Borrowed from the slab: copy out. */
    uint32_t *aNew = tg_malloc(sizeof(uint32_t) * nNew);
    memcpy(aNew, p->a, sizeof(uint32_t) * adjWords(p));
    p->a = aNew;
  } else {
    bool bFresh = p->a == NULL;
    p->a = tg_realloc(p->a, sizeof(uint32_t) * nNew);
    if (bFresh) p->a[0] = 0;
  }
  p->cap = nNew;
}

static void adjFree(AdjList *p) {
  if (p->cap) tg_free(p->a);
  memset(p, 0, sizeof(*p));
}

/* Appends (rel, nbr) to the group of `type`, creating the group. */
static void adjInsert(AdjList *p, uint32_t type, RelId rel, NodeId nbr) {
  adjReserve(p, 4);
  uint32_t *a = p->a;
  int64_t g = adjFindGroup(a, type);
  if (g < 0) {
    /* New group at position ip: shift later directory pairs and all
    ** entries two words right. */
    uint32_t ip = (uint32_t)(-g - 1);
    uint32_t nGroup = ADJ_GROUPS(a);
    uint32_t *pFrom = a + 1 + 2 * ip;
    uint32_t nMove = (uint32_t)(a + 1 + 2 * nGroup + 2 * p->n - pFrom);
    memmove(pFrom + 2, pFrom, sizeof(uint32_t) * nMove);
    pFrom[0] = type;
    pFrom[1] = ip == 0 ? 0 : ADJ_END(a, ip - 1);
    ADJ_GROUPS(a) = nGroup + 1;
    g = ip;
  }
  uint32_t nGroup = ADJ_GROUPS(a);
  AdjEntry *e = ADJ_ENTRIES(a);
  uint32_t iHole = p->n;
  /* Rotate: each later group moves its first entry to its end. */
  for (uint32_t j = nGroup - 1; j > (uint32_t)g; j--) {
    uint32_t iStart = ADJ_END(a, j - 1);
    e[iHole] = e[iStart];
    iHole = iStart;
    ADJ_END(a, j)++;
  }
  e[iHole].rel = rel;
  e[iHole].nbr = nbr;
  ADJ_END(a, g)++;
  p->n++;
}

/* Removes relationship rel from the group of `type`. */
static void adjRemove(AdjList *p, uint32_t type, RelId rel) {
  if (NEVER(p->a == NULL)) return;
  if (p->cap == 0) adjReserve(p, 0);   /* copy out of the slab first */
  uint32_t *a = p->a;
  int64_t g = adjFindGroup(a, type);
  if (NEVER(g < 0)) return;
  AdjEntry *e = ADJ_ENTRIES(a);
  uint32_t iStart = adjGroupStart(a, (uint32_t)g);
  uint32_t iEnd = ADJ_END(a, g);
  uint32_t iPos = iStart;
  while (iPos < iEnd && e[iPos].rel != rel) iPos++;
  if (NEVER(iPos == iEnd)) return;
  e[iPos] = e[iEnd - 1];
  uint32_t iHole = iEnd - 1;
  ADJ_END(a, g)--;
  uint32_t nGroup = ADJ_GROUPS(a);
  for (uint32_t j = (uint32_t)g + 1; j < nGroup; j++) {
    uint32_t iLast = ADJ_END(a, j) - 1;
    e[iHole] = e[iLast];
    iHole = iLast;
    ADJ_END(a, j)--;
  }
  p->n--;
  if (ADJ_END(a, g) == iStart) {
    /* The group is empty: drop its directory pair. */
    uint32_t *pAt = a + 1 + 2 * g;
    uint32_t nMove = (uint32_t)(a + 1 + 2 * nGroup + 2 * p->n - (pAt + 2));
    memmove(pAt, pAt + 2, sizeof(uint32_t) * nMove);
    ADJ_GROUPS(a) = nGroup - 1;
  }
}

/* ======================================================================
** Labels
** ==================================================================== */

static LabelIndex *graphLabelIndex(Graph *g, uint32_t label) {
  while (g->labelIdx.n <= label) {
    LabelIndex li = {0};
    vec_push(&g->labelIdx, li);
  }
  return &g->labelIdx.a[label];
}

static void graphLabelIndexSet(Graph *g, NodeId n, uint32_t label, bool bOn) {
  g->nChange++;
  LabelIndex *li = graphLabelIndex(g, label);
  uint32_t iWord = n / 64;
  if (iWord >= li->nWord) {
    if (!bOn) return;
    uint32_t nNew = li->nWord ? li->nWord : 4;
    while (nNew <= iWord) nNew *= 2;
    li->aWord = tg_realloc(li->aWord, sizeof(uint64_t) * nNew);
    memset(li->aWord + li->nWord, 0, sizeof(uint64_t) * (nNew - li->nWord));
    li->nWord = nNew;
  }
  uint64_t bit = (uint64_t)1 << (n % 64);
  bool bWas = (li->aWord[iWord] & bit) != 0;
  if (bOn && !bWas) {
    li->aWord[iWord] |= bit;
    li->nCount++;
  } else if (!bOn && bWas) {
    li->aWord[iWord] &= ~bit;
    li->nCount--;
  }
}

const uint32_t *graph_node_labels(const Graph *g, NodeId n, uint32_t *pnLabel) {
  const NodeRec *p = graph_node_rec(g, n);
  *pnLabel = p->nLabel;
  return p->nLabel <= 2 ? p->labels.aInline : p->labels.aHeap;
}

bool graph_node_has_label(const Graph *g, NodeId n, uint32_t label) {
  uint32_t nLabel;
  const uint32_t *a = graph_node_labels(g, n, &nLabel);
  for (uint32_t i = 0; i < nLabel; i++) {
    if (a[i] == label) return true;
  }
  return false;
}

/* Adds or removes a label in the node record (kept sorted). */
static bool graphNodeLabelEdit(Graph *g, NodeId n, uint32_t label, bool bAdd) {
  NodeRec *p = graph_node_rec(g, n);
  uint32_t nLabel = p->nLabel;
  uint32_t aTmp[64];
  uint32_t *aAll = nLabel < 64 ? aTmp : tg_malloc(sizeof(uint32_t) * (nLabel + 1));
  memcpy(aAll, nLabel <= 2 ? p->labels.aInline : p->labels.aHeap, sizeof(uint32_t) * nLabel);
  uint32_t i = 0;
  while (i < nLabel && aAll[i] < label) i++;
  bool bHas = i < nLabel && aAll[i] == label;
  bool bChanged = bAdd != bHas;
  if (bChanged) {
    if (bAdd) {
      memmove(aAll + i + 1, aAll + i, sizeof(uint32_t) * (nLabel - i));
      aAll[i] = label;
      nLabel++;
    } else {
      memmove(aAll + i, aAll + i + 1, sizeof(uint32_t) * (nLabel - i - 1));
      nLabel--;
    }
    if (p->nLabel > 2) tg_free(p->labels.aHeap);
    if (nLabel <= 2) {
      memcpy(p->labels.aInline, aAll, sizeof(uint32_t) * nLabel);
    } else {
      p->labels.aHeap = tg_malloc(sizeof(uint32_t) * nLabel);
      memcpy(p->labels.aHeap, aAll, sizeof(uint32_t) * nLabel);
    }
    p->nLabel = nLabel;
  }
  if (aAll != aTmp) tg_free(aAll);
  return bChanged;
}

/* ======================================================================
** Properties
** ==================================================================== */

/* The property-list slot of an entity; for a relationship the side table
** chunk is allocated on first use. */
PropList **graph_raw_props(Graph *g, int ent, uint32_t id) {
  if (ent == ENT_NODE) return &graph_node_rec(g, id)->pProps;
  PropList **aChunk = g->apRelPropChunk[id >> GRAPH_CHUNK_BITS];
  if (aChunk == NULL) {
    aChunk = tg_calloc(GRAPH_CHUNK, sizeof(PropList *));
    g->apRelPropChunk[id >> GRAPH_CHUNK_BITS] = aChunk;
  }
  return &aChunk[id & GRAPH_CHUNK_MASK];
}

const PropList *graph_props(const Graph *g, int ent, uint32_t id) {
  if (ent == ENT_NODE) return graph_node_rec(g, id)->pProps;
  PropList **aChunk = g->apRelPropChunk[id >> GRAPH_CHUNK_BITS];
  return aChunk ? aChunk[id & GRAPH_CHUNK_MASK] : NULL;
}

const Value *graph_prop(const Graph *g, int ent, uint32_t id, uint32_t key) {
  const PropList *pl = graph_props(g, ent, id);
  if (pl == NULL) return NULL;
  for (uint32_t i = 0; i < pl->n; i++) {
    if (pl->a[i].key == key) return &pl->a[i].v;
  }
  return NULL;
}

static void graphPropListFree(PropList *pl) {
  if (pl == NULL) return;
  for (uint32_t i = 0; i < pl->n; i++) value_heap_free(&pl->a[i].v);
  if (!(pl->cap & PROPLIST_BORROWED)) tg_free(pl);
}

PropList *graph_borrowed_props(Graph *g, uint32_t nProp) {
  PropList *pl = arena_alloc(&g->loaded, sizeof(PropList) + sizeof(Prop) * nProp);
  pl->n = 0;
  pl->cap = nProp | PROPLIST_BORROWED;
  return pl;
}

void graph_raw_prop_room(PropList **ppl) {
  PropList *pl = *ppl;
  uint32_t nCap = pl ? pl->cap & ~PROPLIST_BORROWED : 0;
  if (pl && pl->n < nCap) return;
  uint32_t nNew = nCap ? nCap * 2 : 1;
  if (pl && (pl->cap & PROPLIST_BORROWED)) {
    PropList *pOwn = tg_malloc(sizeof(PropList) + sizeof(Prop) * nNew);
    memcpy(pOwn, pl, sizeof(PropList) + sizeof(Prop) * pl->n);
    pl = pOwn;
  } else {
    pl = tg_realloc(pl, sizeof(PropList) + sizeof(Prop) * nNew);
    if (*ppl == NULL) pl->n = 0;
  }
  pl->cap = nNew;
  *ppl = pl;
}

/* ======================================================================
** Slots
** ==================================================================== */

Graph *graph_new(void) {
  Graph *g = tg_calloc(1, sizeof(Graph));
  arena_init(&g->loaded);
  intern_init(&g->labels);
  intern_init(&g->types);
  intern_init(&g->keys);
  g->pIndexes = index_set_new();
  g->pFulltext = fulltext_set_new();
  g->site.iOfst = -1;
  return g;
}

/* No statement is writing: no site to blame. */
static void graphClearSite(Graph *g) {
  g->site.iOfst = -1;
  g->site.iRow = 0;
  g->site.zFile = NULL;
}

/* Frees a relationship's property list, if it has one. */
static void graphRelPropsFree(Graph *g, RelId r) {
  PropList **aChunk = g->apRelPropChunk[r >> GRAPH_CHUNK_BITS];
  if (aChunk == NULL) return;
  graphPropListFree(aChunk[r & GRAPH_CHUNK_MASK]);
  aChunk[r & GRAPH_CHUNK_MASK] = NULL;
}

/* Frees node and relationship contents and the stores themselves. */
static void graphFreeStores(Graph *g) {
  for (uint32_t i = 0; i < g->nNodeSlot; i++) {
    NodeRec *p = graph_node_rec(g, i);
    if (!(p->flags & NODEF_LIVE)) continue;
    graphPropListFree(p->pProps);
    if (p->nLabel > 2) tg_free(p->labels.aHeap);
    adjFree(&p->aAdj[0]);
    adjFree(&p->aAdj[1]);
  }
  for (uint32_t i = 0; i < g->nRelSlot; i++) {
    if (graph_rel_rec(g, i)->flags & RELF_LIVE) graphRelPropsFree(g, i);
  }
  for (uint32_t i = 0; i < g->nNodeChunk; i++) tg_free(g->apNodeChunk[i]);
  for (uint32_t i = 0; i < g->nRelChunk; i++) {
    char *p = (char *)g->apRelChunk[i];
    bool bMapped = g->pMap && p >= (char *)g->pMap && p < (char *)g->pMap + g->nMap;
    if (!bMapped) tg_free(p);
    tg_free(g->apRelPropChunk[i]);
  }
  arena_free(&g->loaded);
  arena_init(&g->loaded);
  if (g->pMap) munmap(g->pMap, g->nMap);
  g->pMap = NULL;
  g->nMap = 0;
  tg_free(g->apNodeChunk);
  tg_free(g->apRelChunk);
  tg_free(g->apRelPropChunk);
  tg_free(g->pSlab);
  g->apNodeChunk = NULL;
  g->apRelChunk = NULL;
  g->apRelPropChunk = NULL;
  g->pSlab = NULL;
  g->nNodeChunk = g->nNodeSlot = g->nNodeLive = 0;
  g->nRelChunk = g->nRelSlot = g->nRelLive = 0;
  vec_free(&g->freeNodes);
  vec_free(&g->freeRels);
  for (uint32_t i = 0; i < g->labelIdx.n; i++) tg_free(g->labelIdx.a[i].aWord);
  vec_free(&g->labelIdx);
  vec_free(&g->typeCount);
  vec_free(&g->keyStored);
}

void graph_free(Graph *g) {
  if (g == NULL) return;
  if (g->pUndo) graph_rollback(g);
  graphFreeStores(g);
  index_set_free(g->pIndexes);
  fulltext_set_free(g->pFulltext);
  stats_free(g->pStats);
  intern_free(&g->labels);
  intern_free(&g->types);
  intern_free(&g->keys);
  tg_free(g);
}

void graph_clear(Graph *g) {
  if (g->pUndo) graph_rollback(g);
  graphFreeStores(g);
  index_set_empty(g->pIndexes);
  fulltext_set_stale(g->pFulltext);
  g->iVersion++;
  g->nChange++;
}

static void graphLog(Graph *g, UndoKind kind, int ent, uint32_t id, uint32_t key) {
  if (g->pUndo == NULL) return;
  UndoRec r = {0};
  r.kind = (uint8_t)kind;
  r.ent = (uint8_t)ent;
  r.id = id;
  r.key = key;
  undo_push(g->pUndo, &r);
}

/* Appends one node slot at the end of the store (a new chunk when full). */
static NodeId graphAppendNodeSlot(Graph *g, void (*xNewChunk)(void *p, size_t n)) {
  if (g->nNodeSlot == g->nNodeChunk * GRAPH_CHUNK) {
    g->apNodeChunk = tg_realloc(g->apNodeChunk, sizeof(NodeRec *) * (g->nNodeChunk + 1));
    g->apNodeChunk[g->nNodeChunk] = tg_malloc(sizeof(NodeRec) * GRAPH_CHUNK);
    if (xNewChunk) xNewChunk(g->apNodeChunk[g->nNodeChunk], sizeof(NodeRec) * GRAPH_CHUNK);
    g->nNodeChunk++;
  }
  memset(graph_node_rec(g, g->nNodeSlot), 0, sizeof(NodeRec));
  return g->nNodeSlot++;
}

/* A free slot id from the list, or GRAPH_NO_ID. Entries may be stale: a
** replayed log takes its slots by id (graph_add_node_at) without
** searching the list, and the store may have shrunk below an entry. */
static uint32_t graphPopFree(Graph *g, bool bNode) {
  uint32_t *a = bNode ? g->freeNodes.a : g->freeRels.a;
  uint32_t *pn = bNode ? &g->freeNodes.n : &g->freeRels.n;
  while (*pn) {
    uint32_t id = a[--*pn];
    if (bNode ? id < g->nNodeSlot && !(graph_node_rec(g, id)->flags & NODEF_LIVE)
              : id < g->nRelSlot && !(graph_rel_rec(g, id)->flags & RELF_LIVE)) {
      return id;
    }
  }
  return GRAPH_NO_ID;
}

/* Makes slot n a live node and logs it. */
static NodeId graphNodeBorn(Graph *g, NodeId n) {
  memset(graph_node_rec(g, n), 0, sizeof(NodeRec));
  graph_node_rec(g, n)->flags = NODEF_LIVE;
  g->nNodeLive++;
  graphLog(g, UNDO_NODE_ADD, ENT_NODE, n, 0);
  if (g->pUndo) g->pUndo->changes.nNodesCreated++;
  return n;
}

NodeId graph_add_node(Graph *g) { return graph_bulk_add_node(g, NULL); }

NodeId graph_bulk_add_node(Graph *g, void (*xNewChunk)(void *p, size_t n)) {
  NodeId n = graphPopFree(g, true);
  if (n == GRAPH_NO_ID) n = graphAppendNodeSlot(g, xNewChunk);
  return graphNodeBorn(g, n);
}

bool graph_add_node_at(Graph *g, NodeId n) {
  if (n == GRAPH_NO_ID) return false;
  if (n < g->nNodeSlot && (graph_node_rec(g, n)->flags & NODEF_LIVE)) return false;
  while (g->nNodeSlot <= n) {
    NodeId k = graphAppendNodeSlot(g, NULL);
    if (k < n) vec_push(&g->freeNodes, k);
  }
  graphNodeBorn(g, n);
  return true;
}

bool graph_add_label(Graph *g, NodeId n, uint32_t label) {
  if (!graphNodeLabelEdit(g, n, label, true)) return false;
  graphLabelIndexSet(g, n, label, true);
  if (g->pIndexes->aIndex.n) index_on_label(g, n, label, true);
  fulltext_touch(g, ENT_NODE, n);
  graphLog(g, UNDO_LABEL_ADD, ENT_NODE, n, label);
  if (g->pUndo) g->pUndo->changes.nLabelsAdded++;
  return true;
}

bool graph_remove_label(Graph *g, NodeId n, uint32_t label) {
  if (!graph_node_has_label(g, n, label)) return false;
  if (g->pIndexes->aIndex.n) index_on_label(g, n, label, false);
  fulltext_touch(g, ENT_NODE, n);
  graphNodeLabelEdit(g, n, label, false);
  graphLabelIndexSet(g, n, label, false);
  graphLog(g, UNDO_LABEL_DEL, ENT_NODE, n, label);
  if (g->pUndo) g->pUndo->changes.nLabelsRemoved++;
  return true;
}

static void graphTypeCountAdd(Graph *g, uint32_t type, int delta) {
  while (g->typeCount.n <= type) vec_push(&g->typeCount, 0u);
  g->typeCount.a[type] = (uint32_t)((int64_t)g->typeCount.a[type] + delta);
}

void graph_raw_link_rel(Graph *g, RelId r) {
  RelRec *p = graph_rel_rec(g, r);
  adjInsert(&graph_node_rec(g, p->src)->aAdj[DIR_OUT], p->type, r, p->dst);
  adjInsert(&graph_node_rec(g, p->dst)->aAdj[DIR_IN], p->type, r, p->src);
  graphTypeCountAdd(g, p->type, 1);
  g->nChange++;
}

void graph_raw_unlink_rel(Graph *g, RelId r) {
  RelRec *p = graph_rel_rec(g, r);
  adjRemove(&graph_node_rec(g, p->src)->aAdj[DIR_OUT], p->type, r);
  adjRemove(&graph_node_rec(g, p->dst)->aAdj[DIR_IN], p->type, r);
  graphTypeCountAdd(g, p->type, -1);
  g->nChange++;
}

/* Makes slot r a live relationship record of the type and ends given. */
static void graphRelInit(Graph *g, RelId r, uint32_t type, NodeId src, NodeId dst) {
  RelRec *p = graph_rel_rec(g, r);
  p->type = type;
  p->flags = RELF_LIVE;
  p->src = src;
  p->dst = dst;
  g->nRelLive++;
}

RelId graph_raw_append_rel(Graph *g, uint32_t type, NodeId src, NodeId dst,
                           void (*xNewChunk)(void *p, size_t n)) {
  if (g->nRelSlot == g->nRelChunk * GRAPH_CHUNK) {
    g->apRelChunk = tg_realloc(g->apRelChunk, sizeof(RelRec *) * (g->nRelChunk + 1));
    g->apRelPropChunk = tg_realloc(g->apRelPropChunk, sizeof(PropList **) * (g->nRelChunk + 1));
    g->apRelChunk[g->nRelChunk] = tg_malloc(sizeof(RelRec) * GRAPH_CHUNK);
    if (xNewChunk) xNewChunk(g->apRelChunk[g->nRelChunk], sizeof(RelRec) * GRAPH_CHUNK);
    g->apRelPropChunk[g->nRelChunk] = NULL;
    g->nRelChunk++;
  }
  RelId r = g->nRelSlot++;
  graphRelInit(g, r, type, src, dst);
  return r;
}

/* Links the new relationship r and logs it. */
static RelId graphRelBorn(Graph *g, RelId r) {
  graph_raw_link_rel(g, r);
  if (g->pIndexes->aIndex.n) index_on_rel(g, r, true);
  graphLog(g, UNDO_REL_ADD, ENT_REL, r, 0);
  if (g->pUndo) g->pUndo->changes.nRelsCreated++;
  return r;
}

RelId graph_add_rel(Graph *g, uint32_t type, NodeId src, NodeId dst) {
  RelId r = graphPopFree(g, false);
  if (r != GRAPH_NO_ID) {
    graphRelInit(g, r, type, src, dst);
  } else {
    r = graph_raw_append_rel(g, type, src, dst, NULL);
  }
  return graphRelBorn(g, r);
}

bool graph_add_rel_at(Graph *g, RelId r, uint32_t type, NodeId src, NodeId dst) {
  if (r == GRAPH_NO_ID || !graph_node_exists(g, src) || !graph_node_exists(g, dst)) return false;
  if (r < g->nRelSlot && (graph_rel_rec(g, r)->flags & RELF_LIVE)) return false;
  while (g->nRelSlot < r) {
    RelId k = graph_raw_append_rel(g, 0, 0, 0, NULL);
    memset(graph_rel_rec(g, k), 0, sizeof(RelRec));   /* a hole, not a relationship */
    g->nRelLive--;
    vec_push(&g->freeRels, k);
  }
  if (r == g->nRelSlot) {
    graph_raw_append_rel(g, type, src, dst, NULL);
  } else {
    graphRelInit(g, r, type, src, dst);
  }
  graphRelBorn(g, r);
  return true;
}

static bool graphStoreProp(Graph *g, int ent, uint32_t id, PropList **ppl, int64_t iAt,
                           uint32_t key, const Value *pVal);

bool graph_set_prop(Graph *g, int ent, uint32_t id, uint32_t key, const Value *pVal) {
  PropList **ppl = graph_raw_props(g, ent, id);
  PropList *pl = *ppl;
  int64_t iAt = -1;
  if (pl) {
    for (uint32_t i = 0; i < pl->n; i++) {
      if (pl->a[i].key == key) {
        iAt = i;
        break;
      }
    }
  }
  return graphStoreProp(g, ent, id, ppl, iAt, key, pVal);
}

/* graph.h: a bulk load's property write, without the search for the key. */
bool graph_set_new_prop(Graph *g, int ent, uint32_t id, uint32_t key, const Value *pVal) {
  PropList **ppl = graph_raw_props(g, ent, id);
  return graphStoreProp(g, ent, id, ppl, -1, key, pVal);
}

/* Writes key = *pVal (null: removes it) into the list *ppl of entity id,
** whose entry for key is at iAt, or -1 when it has none: index hooks, the
** undo record, then the list itself. Returns true if the value changed. */
static bool graphStoreProp(Graph *g, int ent, uint32_t id, PropList **ppl, int64_t iAt,
                           uint32_t key, const Value *pVal) {
  PropList *pl = *ppl;
  bool bRemove = pVal == NULL || pVal->type == VAL_NULL;
  if (iAt < 0 && bRemove) return false;
  if (iAt >= 0 && !bRemove && pl->a[iAt].v.type == pVal->type &&
      value_equivalent(&pl->a[iAt].v, pVal)) {
    return false;   /* writing the same value changes nothing */
  }
  Value old = iAt >= 0 ? pl->a[iAt].v : value_null();
  if (!bRemove) {
    while (g->keyStored.n <= key) vec_push(&g->keyStored, (uint8_t)0);
    g->keyStored.a[key] = 1;
  }
  if (g->pIndexes->aIndex.n) {
    index_on_prop(g, ent, id, key, iAt >= 0 ? &old : NULL, bRemove ? NULL : pVal);
  }
  fulltext_touch_prop(g, ent, id, key);
  if (g->pUndo) {
    UndoRec r = {0};
    r.kind = UNDO_PROP;
    r.ent = (uint8_t)ent;
    r.id = id;
    r.key = key;
    r.bHadOld = iAt >= 0;
    r.old = old;              /* ownership moves to the log */
    undo_push(g->pUndo, &r);
    if (iAt >= 0) g->pUndo->changes.nPropsRemoved++;
    if (!bRemove) g->pUndo->changes.nPropsSet++;
  } else if (iAt >= 0) {
    value_heap_free(&old);
  }
  if (bRemove) {
    memmove(&pl->a[iAt], &pl->a[iAt + 1], sizeof(Prop) * (pl->n - (uint32_t)iAt - 1));
    pl->n--;
    return true;
  }
  Value stored = value_heap_copy(pVal);
  if (iAt >= 0) {
    pl->a[iAt].v = stored;
    return true;
  }
  graph_raw_prop_room(ppl);
  pl = *ppl;
  pl->a[pl->n].key = key;
  pl->a[pl->n].v = stored;
  pl->n++;
  return true;
}

void graph_delete_rel(Graph *g, RelId r) {
  RelRec *p = graph_rel_rec(g, r);
  if (!(p->flags & RELF_LIVE) || (p->flags & RELF_DELETED)) return;
  if (g->pIndexes->aIndex.n) index_on_rel(g, r, false);
  graph_raw_unlink_rel(g, r);
  g->nRelLive--;
  fulltext_touch(g, ENT_REL, r);
  if (g->pUndo) {
    p->flags |= RELF_DELETED;
    graphLog(g, UNDO_REL_DEL, ENT_REL, r, 0);
    g->pUndo->changes.nRelsDeleted++;
  } else {
    graph_raw_free_rel_slot(g, r);
  }
}

bool graph_delete_node(Graph *g, NodeId n) {
  NodeRec *p = graph_node_rec(g, n);
  if (!(p->flags & NODEF_LIVE) || (p->flags & NODEF_DELETED)) return true;
  if (p->aAdj[DIR_OUT].n || p->aAdj[DIR_IN].n) return false;
  uint32_t nLabel;
  const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
  for (uint32_t i = 0; i < nLabel; i++) {
    if (g->pIndexes->aIndex.n) index_on_label(g, n, aLabel[i], false);
    graphLabelIndexSet(g, n, aLabel[i], false);
  }
  g->nNodeLive--;
  fulltext_touch(g, ENT_NODE, n);
  if (g->pUndo) {
    p->flags |= NODEF_DELETED;
    graphLog(g, UNDO_NODE_DEL, ENT_NODE, n, 0);
    g->pUndo->changes.nNodesDeleted++;
  } else {
    graph_raw_free_node_slot(g, n);
  }
  return true;
}

/* ======================================================================
** Reading
** ==================================================================== */

uint32_t graph_adj(const Graph *g, NodeId n, int dir, int64_t type, const AdjEntry **pa) {
  const AdjList *p = &graph_node_rec(g, n)->aAdj[dir];
  if (p->a == NULL || p->n == 0) {
    *pa = NULL;
    return 0;
  }
  const AdjEntry *e = ADJ_ENTRIES(p->a);
  if (type < 0) {
    *pa = e;
    return p->n;
  }
  if (type > UINT32_MAX) {
    *pa = NULL;
    return 0;
  }
  int64_t grp = adjFindGroup(p->a, (uint32_t)type);
  if (grp < 0) {
    *pa = NULL;
    return 0;
  }
  uint32_t iStart = adjGroupStart(p->a, (uint32_t)grp);
  *pa = e + iStart;
  return ADJ_END(p->a, grp) - iStart;
}

uint32_t graph_adj_groups(const Graph *g, NodeId n, int dir, const uint32_t **paPair) {
  const AdjList *p = &graph_node_rec(g, n)->aAdj[dir];
  if (p->a == NULL || p->n == 0) {
    *paPair = NULL;
    return 0;
  }
  *paPair = p->a + 1;
  return ADJ_GROUPS(p->a);
}

uint32_t graph_degree(const Graph *g, NodeId n, int dir, int64_t type) {
  const AdjEntry *a;
  if (dir == DIR_BOTH) {
    return graph_adj(g, n, DIR_OUT, type, &a) + graph_adj(g, n, DIR_IN, type, &a);
  }
  return graph_adj(g, n, dir, type, &a);
}

NodeId graph_label_next(const Graph *g, uint32_t label, NodeId from) {
  return graph_label_next_below(g, label, from, GRAPH_NO_ID);
}

NodeId graph_label_next_below(const Graph *g, uint32_t label, NodeId from, NodeId end) {
  if (label >= g->labelIdx.n || from >= end) return GRAPH_NO_ID;
  const LabelIndex *li = &g->labelIdx.a[label];
  uint32_t iWord = from / 64, nWord = TG_MIN(li->nWord, (uint32_t)(((uint64_t)end + 63) / 64));
  if (iWord >= nWord) return GRAPH_NO_ID;
  uint64_t w = li->aWord[iWord] & (~(uint64_t)0 << (from % 64));
  for (;;) {
    if (w) {
      NodeId n = iWord * 64 + (uint32_t)__builtin_ctzll(w);
      return n < end ? n : GRAPH_NO_ID;
    }
    if (++iWord >= nWord) return GRAPH_NO_ID;
    w = li->aWord[iWord];
  }
}

uint32_t graph_label_fill(const Graph *g, uint32_t label, NodeId *pFrom, NodeId end, NodeId *a, uint32_t cap) {
  NodeId from = *pFrom;
  if (from >= end || cap == 0) return 0;
  if (label >= g->labelIdx.n) {
    *pFrom = end;
    return 0;
  }
  const LabelIndex *li = &g->labelIdx.a[label];
  uint32_t nWord = TG_MIN(li->nWord, (uint32_t)(((uint64_t)end + 63) / 64));
  uint32_t n = 0;
  for (uint32_t iWord = from / 64; iWord < nWord; iWord++) {
    uint64_t w = li->aWord[iWord];
    if (iWord == from / 64) w &= ~(uint64_t)0 << (from % 64);
    while (w) {
      NodeId id = iWord * 64 + (uint32_t)__builtin_ctzll(w);
      if (id >= end) {
        *pFrom = end;
        return n;
      }
      a[n++] = id;
      w &= w - 1;
      if (n == cap) {
        *pFrom = id + 1;
        return n;
      }
    }
  }
  *pFrom = end;
  return n;
}

void graph_label_span(const Graph *g, uint32_t label, NodeId *pLo, NodeId *pHi) {
  *pLo = *pHi = 0;
  NodeId lo = graph_label_next(g, label, 0);
  if (lo == GRAPH_NO_ID) return;
  const LabelIndex *li = &g->labelIdx.a[label];
  uint32_t iWord = li->nWord;
  while (iWord > 0 && li->aWord[iWord - 1] == 0) iWord--;
  *pLo = lo;
  *pHi = (iWord - 1) * 64 + (64 - (uint32_t)__builtin_clzll(li->aWord[iWord - 1]));
}

uint32_t graph_label_count(const Graph *g, uint32_t label) {
  return label < g->labelIdx.n ? g->labelIdx.a[label].nCount : 0;
}

bool graph_key_stored(const Graph *g, uint32_t key) {
  return key < g->keyStored.n && g->keyStored.a[key];
}

uint32_t graph_type_count(const Graph *g, uint32_t type) {
  return type < g->typeCount.n ? g->typeCount.a[type] : 0;
}

/* ======================================================================
** Compaction
** ==================================================================== */

void graph_compact(Graph *g) {
  uint64_t nTotal = 0;
  for (uint32_t i = 0; i < g->nNodeSlot; i++) {
    for (int d = 0; d < 2; d++) nTotal += adjWords(&graph_node_rec(g, i)->aAdj[d]);
  }
  if (nTotal == 0) return;
  uint32_t *pSlab = tg_malloc(sizeof(uint32_t) * nTotal);
  uint32_t *pCur = pSlab;
  for (uint32_t i = 0; i < g->nNodeSlot; i++) {
    for (int d = 0; d < 2; d++) {
      AdjList *p = &graph_node_rec(g, i)->aAdj[d];
      uint32_t nWord = adjWords(p);
      if (nWord == 0) continue;
      memcpy(pCur, p->a, sizeof(uint32_t) * nWord);
      if (p->cap) tg_free(p->a);
      p->a = pCur;
      p->cap = 0;
      pCur += nWord;
    }
  }
  /* Lists still pointing into an older slab were copied above, so the old
  ** slab is no longer referenced. */
  tg_free(g->pSlab);
  g->pSlab = pSlab;
}

uint32_t graph_adj_words(const Graph *g, NodeId n, int dir, const uint32_t **pa) {
  const AdjList *p = &graph_node_rec(g, n)->aAdj[dir];
  *pa = p->a;
  return p->n ? adjWords(p) : 0;   /* a list emptied by deletes keeps a bare header */
}

int64_t graph_adj_check(const uint32_t *a, uint32_t nWord) {
  if (nWord == 0) return 0;
  uint32_t nGroup = a[0];
  if (nGroup == 0 || nGroup > (nWord - 1) / 2) return -1;
  uint64_t nEntryWords = (uint64_t)nWord - 1 - 2 * (uint64_t)nGroup;
  if (nEntryWords % 2) return -1;
  uint32_t nEntry = (uint32_t)(nEntryWords / 2);
  uint32_t iPrevEnd = 0;
  for (uint32_t k = 0; k < nGroup; k++) {
    if (k > 0 && ADJ_TYPE(a, k) <= ADJ_TYPE(a, k - 1)) return -1;
    if (ADJ_END(a, k) <= iPrevEnd && k > 0) return -1;
    if (ADJ_END(a, k) == 0 || ADJ_END(a, k) > nEntry) return -1;
    iPrevEnd = ADJ_END(a, k);
  }
  if (iPrevEnd != nEntry) return -1;
  return nEntry;
}

void graph_raw_set_adj(Graph *g, NodeId n, int dir, uint32_t *a, uint32_t nEntry) {
  AdjList *p = &graph_node_rec(g, n)->aAdj[dir];
  p->a = nEntry ? a : NULL;
  p->n = nEntry;
  p->cap = 0;
}

void graph_raw_rebuild_counts(Graph *g) {
  fulltext_set_stale(g->pFulltext);
  g->nNodeLive = g->nRelLive = 0;
  g->freeNodes.n = g->freeRels.n = 0;
  for (uint32_t i = 0; i < g->labelIdx.n; i++) {
    memset(g->labelIdx.a[i].aWord, 0, sizeof(uint64_t) * g->labelIdx.a[i].nWord);
    g->labelIdx.a[i].nCount = 0;
  }
  for (uint32_t i = 0; i < g->typeCount.n; i++) g->typeCount.a[i] = 0;
  /* Holes go on the free lists highest first, so the lowest is reused first. */
  for (uint32_t i = g->nNodeSlot; i-- > 0;) {
    if (!(graph_node_rec(g, i)->flags & NODEF_LIVE)) {
      vec_push(&g->freeNodes, i);
      continue;
    }
    g->nNodeLive++;
    uint32_t nLabel;
    const uint32_t *aLabel = graph_node_labels(g, i, &nLabel);
    for (uint32_t k = 0; k < nLabel; k++) graphLabelIndexSet(g, i, aLabel[k], true);
  }
  uint32_t nType = intern_count(&g->types);
  if (nType) graphTypeCountAdd(g, nType - 1, 0);   /* sized once for the loop */
  for (uint32_t i = g->nRelSlot; i-- > 0;) {
    const RelRec *p = graph_rel_rec(g, i);
    if (!(p->flags & RELF_LIVE)) {
      vec_push(&g->freeRels, i);
      continue;
    }
    g->nRelLive++;
    if (p->type < g->typeCount.n) g->typeCount.a[p->type]++;
    else graphTypeCountAdd(g, p->type, 1);
  }
  g->iVersion++;
  g->nChange++;
}

int64_t graph_memory(const Graph *g) {
  (void)g;
  return mem_in_use();
}

/* ======================================================================
** Unlogged primitives for undo.c
** ==================================================================== */

void graph_raw_free_node_slot(Graph *g, NodeId n) {
  NodeRec *p = graph_node_rec(g, n);
  graphPropListFree(p->pProps);
  if (p->nLabel > 2) tg_free(p->labels.aHeap);
  adjFree(&p->aAdj[0]);
  adjFree(&p->aAdj[1]);
  memset(p, 0, sizeof(*p));
  if (n + 1 == g->nNodeSlot) {
    g->nNodeSlot--;
  } else {
    vec_push(&g->freeNodes, n);
  }
}

void graph_raw_free_rel_slot(Graph *g, RelId r) {
  RelRec *p = graph_rel_rec(g, r);
  graphRelPropsFree(g, r);
  memset(p, 0, sizeof(*p));
  if (r + 1 == g->nRelSlot) {
    g->nRelSlot--;
  } else {
    vec_push(&g->freeRels, r);
  }
}

void graph_raw_label(Graph *g, NodeId n, uint32_t label, bool bAdd) {
  if (!bAdd && g->pIndexes->aIndex.n) index_on_label(g, n, label, false);
  graphNodeLabelEdit(g, n, label, bAdd);
  graphLabelIndexSet(g, n, label, bAdd);
  if (bAdd && g->pIndexes->aIndex.n) index_on_label(g, n, label, true);
  fulltext_touch(g, ENT_NODE, n);
}

void graph_raw_restore_node(Graph *g, NodeId n) {
  NodeRec *p = graph_node_rec(g, n);
  p->flags &= ~(uint32_t)NODEF_DELETED;
  g->nNodeLive++;
  fulltext_touch(g, ENT_NODE, n);
  uint32_t nLabel;
  const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
  for (uint32_t i = 0; i < nLabel; i++) {
    graphLabelIndexSet(g, n, aLabel[i], true);
    if (g->pIndexes->aIndex.n) index_on_label(g, n, aLabel[i], true);
  }
}

void graph_begin(Graph *g) {
  if (ALWAYS(g->pUndo == NULL)) g->pUndo = tg_calloc(1, sizeof(Undo));
  graphClearSite(g);
}

void graph_commit(Graph *g) {
  Undo *u = g->pUndo;
  if (u == NULL) return;
  if (u->log.n) g->iVersion++;
  undo_commit(u, g);
  vec_free(&u->log);
  tg_free(u);
  g->pUndo = NULL;
  graphClearSite(g);
}

GraphSavepoint graph_savepoint(Graph *g) {
  GraphSavepoint sp = {0};
  graphClearSite(g);
  if (g->pUndo) {
    sp.iLog = g->pUndo->log.n;
    sp.changes = g->pUndo->changes;
  }
  return sp;
}

void graph_rollback_to(Graph *g, const GraphSavepoint *pSp) {
  Undo *u = g->pUndo;
  if (u == NULL) return;
  g->pUndo = NULL;   /* the reversal itself is not logged */
  undo_rollback_to(u, g, pSp->iLog);
  u->changes = pSp->changes;
  g->pUndo = u;
  graphClearSite(g);
}

void graph_changes_since(const Graph *g, const GraphSavepoint *pSp, tg_changes *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  if (g->pUndo == NULL) return;
  const tg_changes *a = &g->pUndo->changes, *b = &pSp->changes;
  pOut->nNodesCreated = a->nNodesCreated - b->nNodesCreated;
  pOut->nNodesDeleted = a->nNodesDeleted - b->nNodesDeleted;
  pOut->nRelsCreated = a->nRelsCreated - b->nRelsCreated;
  pOut->nRelsDeleted = a->nRelsDeleted - b->nRelsDeleted;
  pOut->nPropsSet = a->nPropsSet - b->nPropsSet;
  pOut->nPropsRemoved = a->nPropsRemoved - b->nPropsRemoved;
  pOut->nLabelsAdded = a->nLabelsAdded - b->nLabelsAdded;
  pOut->nLabelsRemoved = a->nLabelsRemoved - b->nLabelsRemoved;
}

void graph_rollback(Graph *g) {
  Undo *u = g->pUndo;
  if (u == NULL) return;
  g->pUndo = NULL;   /* the reversal itself is not logged */
  undo_rollback(u, g);
  vec_free(&u->log);
  tg_free(u);
  graphClearSite(g);
}
