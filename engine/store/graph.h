/*
** graph.h — the in-memory property graph.
**
** Nodes and relationships live in chunked arrays addressed by 32-bit ids;
** deleted slots go to a free list and are reused after the deleting
** statement commits. A node holds a small set of label ids, its property
** list and two adjacency lists (outgoing, incoming). Each adjacency list is
** one buffer grouped by relationship type:
**
**     [nGroup][type0,end0][type1,end1]...[rel,nbr][rel,nbr]...
**
** so typed expansion reads one contiguous run of (relationship, neighbour)
** pairs: 8 bytes per relationship per direction. Inserting into a group
** moves one entry per later group (O(groups)), not the whole list. After a
** bulk import graph_compact() packs all lists into one slab (compressed
** sparse rows); a later write copies the touched list out again.
**
** Labels are indexed by one bitmap per label (ascending-id scans, O(1)
** add/remove). Property maps keep insertion order and own their values
** (value_heap_copy).
**
** Every mutation goes through the functions below, which record an undo
** entry while a statement is open (graph_begin). graph_rollback() restores
** the graph exactly; graph_commit() releases what the statement replaced
** or deleted. Nothing a statement may still be reading is freed before
** commit, so values borrowed from the graph stay valid for the statement.
*/
#ifndef TANGLE_GRAPH_H
#define TANGLE_GRAPH_H

#include "base/arena.h"
#include "base/intern.h"
#include "value/value.h"
#include "base/vec.h"

typedef uint32_t NodeId;
typedef uint32_t RelId;
#define GRAPH_NO_ID UINT32_MAX

/* Node and relationship records live in fixed-size chunks, so the stores
** grow without copying and without the slack of a doubling array. */
#define GRAPH_CHUNK_BITS 16
#define GRAPH_CHUNK ((uint32_t)1 << GRAPH_CHUNK_BITS)
#define GRAPH_CHUNK_MASK (GRAPH_CHUNK - 1)

/* Kinds of entities that carry properties. */
#define ENT_NODE 0
#define ENT_REL 1

/* One property: an interned key and a graph-owned value. */
typedef struct Prop {
  uint32_t key;        /* property key id */
  Value v;             /* value (heap copy), never null */
} Prop;

/* A property list, in insertion order. Lists loaded from a snapshot are
** carved out of one arena (Graph.loaded) and flagged borrowed:
** they are changed in place, but never grown or freed; growing one copies
** it out first (graph_raw_prop_room). */
typedef struct PropList {
  uint32_t n;          /* properties */
  uint32_t cap;        /* capacity, with PROPLIST_BORROWED */
  Prop a[];            /* the properties */
} PropList;

#define PROPLIST_BORROWED 0x80000000u

/* One adjacency entry. */
typedef struct AdjEntry {
  RelId rel;           /* the relationship */
  NodeId nbr;          /* the node at its other end */
} AdjEntry;

/* An adjacency list (see the layout above). */
typedef struct AdjList {
  uint32_t *a;         /* buffer: group directory then entries; NULL if empty */
  uint32_t n;          /* entries */
  uint32_t cap;        /* buffer capacity in words; 0 = borrowed from the slab */
} AdjList;

typedef struct NodeRec {
  uint32_t flags;      /* NODEF_* */
  uint32_t nLabel;     /* labels */
  union {
    uint32_t aInline[2];  /* nLabel <= 2 */
    uint32_t *aHeap;      /* nLabel > 2, sorted */
  } labels;
  PropList *pProps;    /* properties or NULL */
  AdjList aAdj[2];     /* DIR_OUT, DIR_IN */
} NodeRec;

#define NODEF_LIVE 0x01      /* slot holds a node */
#define NODEF_DELETED 0x02   /* deleted by the open statement (not yet free) */

/* 16 bytes. A relationship's properties live in a side table
** (Graph.apRelPropChunk) allocated only for chunks that have any. */
typedef struct RelRec {
  uint32_t type;       /* relationship type id */
  uint32_t flags;      /* RELF_* */
  NodeId src;          /* start node */
  NodeId dst;          /* end node */
} RelRec;

#define RELF_LIVE 0x01
#define RELF_DELETED 0x02

/* Bitmap index of one label. */
typedef struct LabelIndex {
  uint64_t *aWord;     /* bit i set when node i has the label */
  uint32_t nWord;      /* words allocated */
  uint32_t nCount;     /* nodes with the label */
} LabelIndex;

struct Undo;
struct IndexSet;
struct FulltextSet;

/* Where the running statement is writing, for the error of a broken
** uniqueness constraint: the write operators set it before each write
** (exec_note_write_site), and the index copies it into a posting that
** gains a second node. Reset when a statement begins and ends. */
typedef struct GraphSite {
  int iOfst;           /* byte offset in the statement text, -1 when unknown */
  int64_t iRow;        /* LOAD CSV: line of the row being written, 0 when none */
  const char *zFile;   /* ... and its file (borrowed; copied by the index), or NULL */
} GraphSite;

typedef struct Graph {
  NodeRec **apNodeChunk;   /* node slots, GRAPH_CHUNK per chunk */
  uint32_t nNodeChunk;     /* chunks allocated */
  uint32_t nNodeSlot;      /* slots in use (high-water mark) */
  uint32_t nNodeLive;      /* live nodes (deleted-in-statement excluded) */
  RelRec **apRelChunk;     /* relationship slots */
  PropList ***apRelPropChunk; /* per relationship chunk: property lists, or NULL */
  uint32_t nRelChunk;
  uint32_t nRelSlot;
  uint32_t nRelLive;
  VEC(uint32_t) freeNodes;  /* reusable node ids */
  VEC(uint32_t) freeRels;   /* reusable relationship ids */
  Intern labels;       /* label names */
  Intern types;        /* relationship type names */
  Intern keys;         /* property keys */
  VEC(LabelIndex) labelIdx; /* by label id */
  VEC(uint32_t) typeCount;  /* live relationships per type id */
  VEC(uint8_t) keyStored;   /* by key id: 1 once a value was stored under the
                               key (kept through deletes and rollbacks, like a
                               Neo4j token); for the unknown-key notification */
  uint32_t *pSlab;     /* compacted adjacency (graph_compact), or NULL */
  Arena loaded;        /* property lists (borrowed) and values read from a
                          snapshot: one arena, freed with the graph */
  void *pMap;          /* the snapshot file this graph was opened from, mapped
                          copy-on-write: full relationship chunks and the
                          adjacency lists it read point into it; or NULL */
  size_t nMap;         /* its bytes */
  struct Undo *pUndo;  /* open statement's undo log, or NULL */
  struct IndexSet *pIndexes; /* property indexes and constraints */
  struct FulltextSet *pFulltext; /* full-text indexes (fulltext.h) */
  uint64_t iVersion;   /* bumped by every committed change */
  struct GraphStats *pStats; /* planner statistics (stats.c), or NULL */
  uint64_t nChange;    /* bumped whenever an adjacency list or a label
                          bitmap changes: operators caching what they read
                          check it (bulk imports bump iVersion instead) */
  GraphSite site;      /* where the running statement writes (see GraphSite) */
} Graph;

Graph *graph_new(void);
void graph_free(Graph *g);
void graph_clear(Graph *g);     /* removes every node and relationship (not undoable);
                                   indexes and constraints stay, emptied */

/* ---- Statements --------------------------------------------------------- */

void graph_begin(Graph *g);     /* start recording undo entries */
void graph_commit(Graph *g);    /* keep the changes */
void graph_rollback(Graph *g);  /* undo every change since graph_begin */

/* A point inside an open transaction (graph_begin) to which a failed
** statement rolls back, leaving the transaction's earlier changes. */
typedef struct GraphSavepoint {
  uint32_t iLog;           /* undo records before the point */
  tg_changes changes;      /* the counters at the point */
} GraphSavepoint;
GraphSavepoint graph_savepoint(Graph *g);
void graph_rollback_to(Graph *g, const GraphSavepoint *pSp);
/* What changed since the savepoint (the statement's tg_changes). */
void graph_changes_since(const Graph *g, const GraphSavepoint *pSp, tg_changes *pOut);

/* ---- Changes (recorded for undo while a statement is open) ------------- */

NodeId graph_add_node(Graph *g);
bool graph_add_label(Graph *g, NodeId n, uint32_t label);     /* false: had it */
bool graph_remove_label(Graph *g, NodeId n, uint32_t label);  /* false: lacked it */
RelId graph_add_rel(Graph *g, uint32_t type, NodeId src, NodeId dst);
/* Sets (or with a null value removes) a property. Returns true if the
** stored value changed. */
bool graph_set_prop(Graph *g, int ent, uint32_t id, uint32_t key, const Value *pVal);
/* graph_set_prop for a key the entity is known not to have (a bulk load
** whose header has distinct keys): no search of its properties, so a row
** of 100,000 properties costs linear time. */
bool graph_set_new_prop(Graph *g, int ent, uint32_t id, uint32_t key, const Value *pVal);
/* A node or relationship at a given slot, for replaying a log whose
** records name their ids: false when the slot is taken (or an end of the
** relationship does not exist). Holes below the slot become free slots. */
bool graph_add_node_at(Graph *g, NodeId n);
bool graph_add_rel_at(Graph *g, RelId r, uint32_t type, NodeId src, NodeId dst);
void graph_delete_rel(Graph *g, RelId r);
/* Deletes a node with no relationships; false if it still has some. */
bool graph_delete_node(Graph *g, NodeId n);

/* ---- Reading ------------------------------------------------------------ */

static inline NodeRec *graph_node_rec(const Graph *g, NodeId n) {
  return &g->apNodeChunk[n >> GRAPH_CHUNK_BITS][n & GRAPH_CHUNK_MASK];
}
static inline RelRec *graph_rel_rec(const Graph *g, RelId r) {
  return &g->apRelChunk[r >> GRAPH_CHUNK_BITS][r & GRAPH_CHUNK_MASK];
}

/* Live and not deleted by the open statement. */
static inline bool graph_node_exists(const Graph *g, NodeId n) {
  return n < g->nNodeSlot && (graph_node_rec(g, n)->flags & (NODEF_LIVE | NODEF_DELETED)) == NODEF_LIVE;
}
static inline bool graph_rel_exists(const Graph *g, RelId r) {
  return r < g->nRelSlot && (graph_rel_rec(g, r)->flags & (RELF_LIVE | RELF_DELETED)) == RELF_LIVE;
}
/* Deleted by the open statement (still readable until commit). */
static inline bool graph_node_deleted(const Graph *g, NodeId n) {
  return n < g->nNodeSlot && (graph_node_rec(g, n)->flags & NODEF_DELETED);
}
static inline bool graph_rel_deleted(const Graph *g, RelId r) {
  return r < g->nRelSlot && (graph_rel_rec(g, r)->flags & RELF_DELETED);
}

const uint32_t *graph_node_labels(const Graph *g, NodeId n, uint32_t *pnLabel);
/* Does node n carry `label`, by the label's bitmap (no node record read)?
** Only for nodes not deleted in the open statement, such as any node
** reached through an adjacency list. */
static inline bool graph_label_bit(const Graph *g, NodeId n, uint32_t label) {
  if (label >= g->labelIdx.n) return false;
  const LabelIndex *li = &g->labelIdx.a[label];
  return n / 64 < li->nWord && ((li->aWord[n / 64] >> (n % 64)) & 1);
}
bool graph_node_has_label(const Graph *g, NodeId n, uint32_t label);
static inline const RelRec *graph_rel(const Graph *g, RelId r) { return graph_rel_rec(g, r); }

/* A property value, or NULL when absent. */
const Value *graph_prop(const Graph *g, int ent, uint32_t id, uint32_t key);
/* All properties (may be NULL). */
const PropList *graph_props(const Graph *g, int ent, uint32_t id);

/* Adjacency of node n in direction dir (DIR_OUT or DIR_IN) restricted to
** relationship type `type` (or all types when type < 0). Returns the entry
** count and sets *pa; valid until the graph next changes. */
uint32_t graph_adj(const Graph *g, NodeId n, int dir, int64_t type, const AdjEntry **pa);
/* Degree with the same arguments; DIR_BOTH counts both lists (a
** self-loop once per list). */
uint32_t graph_degree(const Graph *g, NodeId n, int dir, int64_t type);
/* The type groups of node n's adjacency in direction dir: returns the group
** count and sets *paPair to that many (type, end) word pairs, sorted by
** type, `end` being the cumulative entry count through the group. */
uint32_t graph_adj_groups(const Graph *g, NodeId n, int dir, const uint32_t **paPair);

/* Label scans: the first node with the label at or after id `from`, or
** GRAPH_NO_ID. */
NodeId graph_label_next(const Graph *g, uint32_t label, NodeId from);
/* The same, GRAPH_NO_ID unless the node is below `end` (reads no further). */
NodeId graph_label_next_below(const Graph *g, uint32_t label, NodeId from, NodeId end);
/* Up to cap ids of the nodes with the label in [*pFrom, end), ascending,
** into a; moves *pFrom past what it read (to end when all is read). For
** readers that take a scan in bulk. */
uint32_t graph_label_fill(const Graph *g, uint32_t label, NodeId *pFrom, NodeId end, NodeId *a, uint32_t cap);
/* [*pLo, *pHi): the smallest range of ids holding every node with the
** label (empty, 0 and 0, when none has it). */
void graph_label_span(const Graph *g, uint32_t label, NodeId *pLo, NodeId *pHi);
uint32_t graph_label_count(const Graph *g, uint32_t label);
uint32_t graph_type_count(const Graph *g, uint32_t type);
/* Has any node or relationship ever been given a value under `key`? */
bool graph_key_stored(const Graph *g, uint32_t key);

/* Packs every adjacency list into one slab (after bulk loads). */
void graph_compact(Graph *g);

/* Bytes used by the graph (nodes, relationships, adjacency, properties,
** indexes), measured through mem.c. */
int64_t graph_memory(const Graph *g);

/* ---- Changes not logged: undo.c reverses changes with these; the bulk
** import (import.c) appends relationships with the last one. ----------- */
void graph_raw_free_node_slot(Graph *g, NodeId n);
void graph_raw_free_rel_slot(Graph *g, RelId r);
void graph_raw_unlink_rel(Graph *g, RelId r);
void graph_raw_link_rel(Graph *g, RelId r);
void graph_raw_label(Graph *g, NodeId n, uint32_t label, bool bAdd);
void graph_raw_restore_node(Graph *g, NodeId n);   /* undo a deletion */
PropList **graph_raw_props(Graph *g, int ent, uint32_t id);
/* Makes room for one more property in *ppl (allocating, growing, or
** copying a borrowed list out), keeping its properties. */
void graph_raw_prop_room(PropList **ppl);

/*
** Appends a relationship record at a new slot (a freed one is never
** reused): live, of the type and ends given, counted in nRelLive, but not
** linked into the adjacency lists (graph_raw_link_rel) and not logged.
** xNewChunk, when not NULL, gets each block of records allocated for it
** before anything is written there. graph_add_rel uses it, and so does the
** bulk import, which links all its relationships at once (and prefaults
** the blocks).
*/
RelId graph_raw_append_rel(Graph *g, uint32_t type, NodeId src, NodeId dst,
                           void (*xNewChunk)(void *p, size_t n));

/* graph_add_node for bulk loads: a new block of node slots is passed to
** xNewChunk (mem_prefault) before anything is written there. */
NodeId graph_bulk_add_node(Graph *g, void (*xNewChunk)(void *p, size_t n));

/* An empty property list with room for nProp, carved from the graph's
** arena of loaded things and marked PROPLIST_BORROWED: no allocation per
** list. For bulk loads (snapshot, import), whose lists are written once. */
PropList *graph_borrowed_props(Graph *g, uint32_t nProp);

/* ---- For the snapshot (snapshot.c), which writes adjacency lists and
** reads them back as whole blocks. ------------------------------------- */

/* Node n's adjacency list in direction dir as its raw words (layout
** above): returns their count, 0 when the list is empty. */
uint32_t graph_adj_words(const Graph *g, NodeId n, int dir, const uint32_t **pa);
/* Checks the shape of nWord words read from a file as an adjacency list:
** groups sorted by type, ends rising to the entry count. Returns the entry
** count, or -1 when malformed. (The entries themselves are checked by the
** snapshot against the relationship records.) */
int64_t graph_adj_check(const uint32_t *a, uint32_t nWord);
/* Points node n's list at words inside g->pSlab (not owned). */
void graph_raw_set_adj(Graph *g, NodeId n, int dir, uint32_t *a, uint32_t nEntry);
/* After node and relationship records were filled in directly: recounts
** live nodes and relationships, label bitmaps and per-type counts, and
** rebuilds the free lists from the holes. */
void graph_raw_rebuild_counts(Graph *g);

#endif /* TANGLE_GRAPH_H */
