/*
** index.h — property indexes and uniqueness constraints.
**
** A property index maps (label, key) -> value -> the nodes having that
** label and that value for the key. Each index is a hash table keyed by
** value_hash() (XXH3) over an array of postings; a posting holds one
** distinct value (heap copy) and its node ids. Numbers that are equal in
** Cypher (1 and 1.0) share a posting.
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

typedef struct IndexPosting {
  Value key;               /* the value (heap copy) */
  uint64_t h;              /* its hash */
  VEC(NodeId) nodes;       /* nodes with this value */
  GraphSite site;          /* uniqueness constraints: where the second node
                              came in (iOfst -1 when unknown; zFile a heap copy) */
} IndexPosting;

typedef struct PropIndex {
  char *zName;             /* index or constraint name */
  uint32_t label;          /* label id */
  uint32_t key;            /* property key id */
  bool bUnique;            /* a uniqueness constraint */
  HTab ht;                 /* value hash -> posting */
  VEC(IndexPosting) postings;
} PropIndex;

typedef struct IndexSet {
  VEC(PropIndex *) aIndex;   /* all indexes and constraints */
  int64_t nDuplicate;        /* unique postings with more than one node */
  uint64_t nGeneration;      /* bumped by every index or constraint made or dropped */
} IndexSet;

IndexSet *index_set_new(void);
void index_set_free(IndexSet *p);
/* Forgets every indexed value (the graph was emptied); the indexes and
** constraints themselves stay. */
void index_set_empty(IndexSet *p);

/* Creates an index on (label, key) and fills it from the graph. Returns
** NULL if one exists. For a unique index, *pbViolated is set when the
** existing data already has duplicates (the index is then not kept), and
** pWhy, when not NULL, receives two of them: ":Person nodes 3 and 7 both
** have name = 'Ann'". */
PropIndex *index_create(Graph *g, const char *zName, uint32_t label, uint32_t key,
                        bool bUnique, bool *pbViolated, StrBuf *pWhy);
bool index_drop(Graph *g, const char *zName);
PropIndex *index_find(const Graph *g, uint32_t label, uint32_t key);
PropIndex *index_find_by_name(const Graph *g, const char *zName);

/* Nodes whose indexed property is equivalent to *pVal (NULL, 0 if none). */
const NodeId *index_lookup(const PropIndex *pIdx, const Value *pVal, uint32_t *pn);

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

/* Hooks called by graph.c. pOld/pNew may be NULL (absent). */
void index_on_prop(Graph *g, NodeId n, uint32_t key, const Value *pOld, const Value *pNew);
void index_on_label(Graph *g, NodeId n, uint32_t label, bool bAdd);

#endif /* TANGLE_INDEX_H */
