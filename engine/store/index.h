/*
** index.h — property indexes (range) and constraints (uniqueness,
** existence, property type).
**
** Every index and constraint is described by an IndexDesc: its kind, the
** entity it is on, its labels (or relationship types), its keys and an
** options text. That descriptor is what snapshots and the redo log keep
** (full-text indexes will use several labels and keys; today's range
** indexes and constraints use one of each, on nodes).
**
** A range index maps (label, key) -> value -> the nodes having that
** label and that value for the key. A composite index (several keys)
** indexes the list of the values, in key order, of the nodes that have
** every key; the sort order of lists (element by element) makes the
** nodes sharing the first keys' values one run of the order. Each index is a hash table keyed by
** value_hash() (XXH3) over an array of postings; a posting holds one
** distinct value (heap copy) and its node ids. Numbers that are equal in
** Cypher (1 and 1.0) share a posting. The postings are also kept in the
** global sort order (value_compare) in a sorted array of posting numbers,
** maintained on every insertion and removal of a distinct value, for
** range seeks (<, >=, STARTS WITH ...) and ordered reads.
**
** A text index keeps postings too, of string values only (other values
** are as if absent); CONTAINS and ENDS WITH seeks test each distinct
** string rather than each node. (No trigram postings yet.)
**
** A point index keeps postings of point values only; their sort order
** (srid, then x, y, z) makes the points of one CRS within a range of x one
** run, which bounding-box and distance seeks walk (candidates: the
** predicate is tested again on each).
**
** An existence or property-type constraint holds no postings: the hooks
** count the nodes that break it (nBroken), like the duplicates of a
** uniqueness constraint.
**
** graph.c calls the index_on_* hooks for every change, so indexes are
** always current, including inside a statement and across rollbacks.
** A uniqueness constraint is an index flagged unique: the hooks count
** postings holding more than one node; a statement that ends with a
** non-zero count violates the constraint and is rolled back.
*/
#ifndef TANGLE_INDEX_H
#define TANGLE_INDEX_H

#include "store/graph.h"
#include "base/htab.h"
#include "base/strbuf.h"
#include "store/codec.h"

typedef struct IndexPosting {
  Value key;               /* the value (heap copy) */
  uint64_t h;              /* its hash */
  VEC(NodeId) nodes;       /* nodes with this value */
  GraphSite site;          /* uniqueness constraints: where the second node
                              came in (iOfst -1 when unknown; zFile a heap copy) */
} IndexPosting;

/* What an entry of the schema is. Stored in files: never renumber. */
typedef enum IndexKind {
  IDX_RANGE = 0,           /* a range index (CREATE [RANGE] INDEX) */
  IDX_UNIQUE = 1,          /* a uniqueness constraint (owns a range index) */
  IDX_EXISTS = 2,          /* an existence constraint: IS NOT NULL */
  IDX_TYPE = 3,            /* a property type constraint: IS :: T (zOptions: T) */
  IDX_TEXT = 4,            /* a text index: string values only, for CONTAINS / ENDS WITH */
  IDX_POINT = 5,           /* a point index: point values only, for bounding boxes and distances */
  IDX_FULLTEXT = 6,        /* a full-text index (fulltext.h; only in stored schemas) */
  IDX_KEY = 7,             /* a node key: unique and every key present (owns a range index) */
  IDX__COUNT
} IndexKind;

/* A definition, as created, shown and stored. */
typedef struct IndexDesc {
  const char *zName;
  uint8_t kind;            /* IndexKind */
  uint8_t ent;             /* ENT_NODE or ENT_REL */
  uint32_t nTarget;        /* labels (nodes) or relationship types */
  const uint32_t *aTarget;
  uint32_t nKey;           /* property keys */
  const uint32_t *aKey;
  const char *zOptions;    /* kind-specific text ("" when none) */
} IndexDesc;

typedef struct PropIndex {
  char *zName;             /* index or constraint name */
  uint8_t kind;            /* IndexKind */
  uint8_t ent;             /* ENT_NODE or ENT_REL (label is then a type; the
                              postings' "nodes" are relationship ids) */
  VEC(uint32_t) targets;   /* labels or types (one today) */
  VEC(uint32_t) keys;      /* property keys (one today) */
  char *zOptions;          /* kind-specific text, never NULL */
  uint32_t label;          /* targets.a[0] */
  uint32_t key;            /* keys.a[0] */
  bool bUnique;            /* kind == IDX_UNIQUE */
  bool bPostings;          /* keeps postings (range, unique) */
  uint32_t typeMask;       /* IDX_TYPE: VAL_* types accepted (bit per type) */
  uint32_t listMask;       /* IDX_TYPE: element types of accepted lists */
  int64_t nBroken;         /* IDX_EXISTS / IDX_TYPE / IDX_KEY: nodes breaking it */
  uint64_t nRead;          /* seeks served (SHOW INDEXES readCount) */
  uint64_t nEntries;       /* (node, value) pairs held, for estimates */
  HTab ht;                 /* value hash -> posting */
  VEC(IndexPosting) postings;
  VEC(uint32_t) order;     /* posting numbers in value_compare order */
} PropIndex;

typedef struct IndexSet {
  VEC(PropIndex *) aIndex;   /* all indexes and constraints */
  int64_t nDuplicate;        /* unique postings with more than one node */
  int64_t nBroken;           /* sum of the existence / type constraints' nBroken */
  uint64_t nGeneration;      /* bumped by every index or constraint made or dropped */
} IndexSet;

/* Most keys of a composite index. */
#define INDEX_MAX_KEYS 16

/* A descriptor read from a file, owning its text and ids. */
typedef struct IndexDef {
  IndexDesc d;             /* points into the fields below */
  char *zName, *zOptions;
  uint32_t *aId;           /* targets, then keys */
} IndexDef;

/* The stored form of a descriptor (snapshot SCHEMA section from format 2,
** redo SCHEMA2): name (str), kind (u8), entity (u8), target count (u32)
** and ids (u32 each), key count and ids, options (str). */
void index_desc_write(StrBuf *pOut, const IndexDesc *pDesc);
/* Reads one; false (the reader marked bad) when malformed. Free with
** index_def_free() either way. */
bool index_def_read(ByteReader *b, IndexDef *p);
void index_def_free(IndexDef *p);

/* The whole schema as stored: a count, then the descriptors of every
** index and constraint and then of every full-text index (fulltext.h). */
void index_schema_write(const Graph *g, StrBuf *pOut);
/* Creates what a stored descriptor describes (any kind, full-text
** included). False when it cannot: *pbViolated says whether the data
** breaks it (else it is a duplicate name or malformed). */
bool index_schema_add(Graph *g, const IndexDesc *pDesc, bool *pbViolated);
/* Drops every index, constraint and full-text index. */
void index_schema_clear(Graph *g);

/* Is this kind an index (range, text, point, full-text) rather than a
** constraint? */
bool index_kind_is_index(int kind);

/* The descriptor of an existing entry (pointing into it). */
IndexDesc index_desc(const PropIndex *pIdx);
/* "RANGE", "UNIQUENESS", "NODE_PROPERTY_EXISTENCE"... as SHOW lists them. */
const char *index_kind_name(const PropIndex *pIdx);
/* Does a property type constraint's type text name types it can check
** (scalars, LIST<T NOT NULL>, unions of them)? */
bool index_type_text_ok(const char *zType);

IndexSet *index_set_new(void);
void index_set_free(IndexSet *p);
/* Forgets every indexed value (the graph was emptied); the indexes and
** constraints themselves stay. */
void index_set_empty(IndexSet *p);

/* Creates an index or constraint from *pDesc and fills it from the graph.
** Returns NULL if an entry of the same kind on the same label and key
** exists or the descriptor is not supported. For a constraint,
** *pbViolated is set when the existing data already breaks it (it is then
** not kept), and pWhy, when not NULL, says how: ":Person nodes 3 and 7
** both have name = 'Ann'", ":Person node 4 has no age". */
PropIndex *index_create(Graph *g, const IndexDesc *pDesc, bool *pbViolated, StrBuf *pWhy);
/* The former one-label, one-key form: a range index or a uniqueness constraint. */
PropIndex *index_create_simple(Graph *g, const char *zName, uint32_t label, uint32_t key,
                               bool bUnique, bool *pbViolated, StrBuf *pWhy);
bool index_drop(Graph *g, const char *zName);
/* The value node n has in index pIdx (see index.c: a list for a composite
** index, built in aTmp[INDEX_MAX_KEYS] and *pList); NULL when it has none. */
const Value *index_node_value(const Graph *g, const PropIndex *pIdx, NodeId n, Value *aTmp, Value *pList);
/* The range index (or uniqueness constraint) on exactly these keys, in
** order; of nodes (index_find_keys) or of entities ent (ENT_NODE, ENT_REL:
** label is then a relationship type). */
PropIndex *index_find_keys_ent(const Graph *g, int ent, uint32_t label, uint32_t nKey, const uint32_t *aKey);
PropIndex *index_find_kind_ent(const Graph *g, int ent, int kind, uint32_t label, uint32_t key);
PropIndex *index_find_keys(const Graph *g, uint32_t label, uint32_t nKey, const uint32_t *aKey);
/* The single-key range index (or uniqueness constraint, which owns one) on (label, key). */
PropIndex *index_find(const Graph *g, uint32_t label, uint32_t key);
/* The entry of this kind on (label, key); NULL if none. */
PropIndex *index_find_kind(const Graph *g, int kind, uint32_t label, uint32_t key);
PropIndex *index_find_by_name(const Graph *g, const char *zName);

/* Positions [*piLo, *piHi) of the sorted order holding the postings whose
** values lie between the bounds in the global sort order (value_compare);
** a NULL bound is open. Callers still test each value with Cypher's
** comparison: the order puts every type in one line. */
void index_range(const PropIndex *pIdx, const Value *pLo, bool bLoIncl, const Value *pHi,
                 bool bHiIncl, uint32_t *piLo, uint32_t *piHi);
/* The posting at position i of the sorted order. */
static inline const IndexPosting *index_at(const PropIndex *pIdx, uint32_t i) {
  return &pIdx->postings.a[pIdx->order.a[i]];
}

/* The posting of values equivalent to *pVal; NULL if none. */
const IndexPosting *index_posting(const PropIndex *pIdx, const Value *pVal);
/* Nodes whose indexed property is equivalent to *pVal (NULL, 0 if none). */
const NodeId *index_lookup(const PropIndex *pIdx, const Value *pVal, uint32_t *pn);

/* Planner estimates of the entries (entity, value pairs) a seek finds,
** read without scanning the index: hash look-ups and binary searches over
** the postings and their order, which the hooks keep current under writes
** and rollbacks. index_est_eq: the entries equivalent to *pVal (exact);
** index_est_avg: entries per distinct value (for a value not known yet);
** index_est_range: between two bounds (a NULL bound is open; a one-sided
** bound on a number or string reaches only numbers or strings), exact for
** up to 64 distinct values in the range, else sampled from 64 of them;
** index_est_prefix: strings starting with the string *pPrefix, likewise;
** index_est_list_prefix: a composite index's entries whose first nPrefix
** values are equivalent to aPrefix's, likewise. */
double index_est_eq(const PropIndex *pIdx, const Value *pVal);
double index_est_avg(const PropIndex *pIdx);
double index_est_range(const PropIndex *pIdx, const Value *pLo, bool bLoIncl, const Value *pHi, bool bHiIncl);
double index_est_prefix(const PropIndex *pIdx, const Value *pPrefix);
double index_est_list_prefix(const PropIndex *pIdx, const Value *aPrefix, uint32_t nPrefix);

/* A posting of a uniqueness constraint that holds more than one node (what
** a violation is), with its index in *ppIdx; NULL when there is none. For
** the error message: it walks the constraints. */
const IndexPosting *index_find_duplicate(const Graph *g, const PropIndex **ppIdx);

/* Describes a broken uniqueness constraint for an error message, appended
** to pOut: "uniqueness constraint NAME: :Label nodes A and B would both have
** key = VALUE" (the value cut to 80 characters), and sets *ppSite to where
** the second of them was written (GraphSite; iOfst -1 when unknown).
** Returns false, appending nothing, when no constraint is broken. */
bool index_describe_duplicate(const Graph *g, StrBuf *pOut, const GraphSite **ppSite);

/* Does the graph break a constraint now (duplicates, missing or mistyped
** values)? */
static inline bool index_violated(const Graph *g) {
  return g->pIndexes->nDuplicate > 0 || g->pIndexes->nBroken > 0;
}
/* Describes a broken existence or type constraint for an error message:
** "existence constraint NAME: :Person node 4 has no name" (found by a
** scan of the label). Returns false when none is broken. */
bool index_describe_broken(const Graph *g, StrBuf *pOut);

/* Hooks called by graph.c. pOld/pNew may be NULL (absent). */
void index_on_prop(Graph *g, int ent, uint32_t id, uint32_t key, const Value *pOld, const Value *pNew);
void index_on_label(Graph *g, NodeId n, uint32_t label, bool bAdd);
/* A relationship was made (or its deletion undone): bAdd; deleted (or its
** creation undone): !bAdd. Its properties are read as they are now. */
void index_on_rel(Graph *g, RelId r, bool bAdd);

#endif /* TANGLE_INDEX_H */
