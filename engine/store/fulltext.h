/*
** fulltext.h — full-text indexes: inverted indexes over the string
** properties of nodes (or relationships) with given labels (or types),
** queried with a subset of Lucene's query language and ranked by BM25.
**
** An index keeps one document per entity: the terms of its indexed
** properties (textan.h analyzers), each with its field (the property) and
** position (for phrases). Postings list, per term, the documents holding it
** in ascending order, so boolean queries are merges.
**
** graph.c calls fulltext_touch*() on every change that can alter a
** document (property writes, labels, deletes, and the same changes undone
** by a rollback). A touch only marks the entity; the next query (or
** fulltext_refresh) re-reads marked entities from the graph. So indexes
** are current at every query, inside a transaction and after a rollback,
** and a write costs one bit. Queries may run on several reader threads at
** once: refreshing and searching hold the set's mutex.
**
** tangle.find uses a hidden index of the same kind over the `name` and
** `aliases` of every node, built at its first call (fulltext_find).
**
** Persistence: the stored schema (index.h's descriptors) lists full-text
** indexes after the indexes and constraints, as descriptors of kind
** IDX_FULLTEXT (fulltext_desc); loading one calls fulltext_create_desc().
** The postings themselves are never stored: they are rebuilt from the
** graph at the first query after a load.
*/
#ifndef TANGLE_FULLTEXT_H
#define TANGLE_FULLTEXT_H

#include "store/graph.h"
#include "base/strbuf.h"
#include "store/index.h"

typedef struct FulltextSet FulltextSet;

FulltextSet *fulltext_set_new(void);
void fulltext_set_free(FulltextSet *p);
/* The graph was emptied or reloaded wholesale: everything is re-read at
** the next query. Definitions stay. */
void fulltext_set_stale(FulltextSet *p);

/* ---- Hooks (graph.c, undo.c) ---------------------------------------------- */

/* Entity id of kind ent (ENT_NODE, ENT_REL) changed labels or existence. */
void fulltext_touch(Graph *g, int ent, uint32_t id);
/* Property `key` of the entity changed. */
void fulltext_touch_prop(Graph *g, int ent, uint32_t id, uint32_t key);

/* ---- Definitions ------------------------------------------------------------ */

/*
** Creates index zName over the entities (nodes, or relationships when
** bRels) with any of the labels (types) azLabel[0..nLabel), indexing the
** properties azKey[0..nKey), with the analyzer named zAnalyzer (NULL: the
** default, standard-no-stop-words), and fills it from the graph. Labels
** and keys are interned (call it where a write may intern names). Returns
** false with a message in pErr when the name is taken by another
** full-text index, the analyzer is unknown, or a list is empty.
*/
bool fulltext_create(Graph *g, const char *zName, bool bRels, const char *const *azLabel,
                     uint32_t nLabel, const char *const *azKey, uint32_t nKey,
                     const char *zAnalyzer, StrBuf *pErr);
/* Drops index zName; false when there is none. */
bool fulltext_drop(Graph *g, const char *zName);
bool fulltext_exists(const Graph *g, const char *zName);

/* What a SHOW INDEXES row or a schema record needs. Pointers are valid
** until the index is dropped. */
typedef struct FulltextDef {
  const char *zName;
  bool bRels;                  /* relationships (else nodes) */
  uint32_t nLabel;             /* labels or relationship types */
  const char *const *azLabel;
  uint32_t nKey;               /* properties */
  const char *const *azKey;
  const char *zAnalyzer;       /* analyzer name */
  uint64_t nRead;              /* queries served */
} FulltextDef;
/* Number of full-text indexes, and the i-th (in creation order). */
uint32_t fulltext_count(const Graph *g);
bool fulltext_def(const Graph *g, uint32_t i, FulltextDef *pDef);
/* The i-th index as a stored schema descriptor: kind IDX_FULLTEXT, its
** label (type) and key ids, options the analyzer's name. Valid until the
** index is dropped. */
IndexDesc fulltext_desc(const Graph *g, uint32_t i);
/* Creates an index from a stored descriptor whose ids name existing
** labels (types) and keys; false with a message in pErr as for
** fulltext_create(). */
bool fulltext_create_desc(Graph *g, const IndexDesc *pDesc, StrBuf *pErr);
/* Drops every full-text index (a stored schema is about to replace them). */
void fulltext_drop_all(Graph *g);
/* Bumped by every create and drop, like IndexSet.nGeneration. */
uint64_t fulltext_generation(const Graph *g);

/* ---- Queries ---------------------------------------------------------------- */

typedef struct FulltextHit {
  uint32_t id;                 /* node or relationship */
  double score;
} FulltextHit;
typedef VEC(FulltextHit) FulltextHits;

/*
** Runs query zQuery (Lucene syntax: terms, "phrases", AND OR NOT && || !,
** + and -, (groups), field:term, trailing * for prefixes, ^boost) on index
** zName, which must index relationships when bRels is set, nodes when not.
** Appends the matches to *pOut, best first (ties by id). Returns false
** with a message in pErr for an unknown index, a query on the wrong
** entity kind, an unknown analyzer or bad query text. zAnalyzer (NULL:
** the index's) analyzes the query text.
*/
bool fulltext_query(Graph *g, const char *zName, bool bRels, const char *zQuery, size_t nQuery,
                    const char *zAnalyzer, FulltextHits *pOut, StrBuf *pErr);

/*
** tangle.find: nodes whose `name` or one of whose `aliases` shares terms
** with zText (multilingual analyzer), scored in (0, 1]: 1 when the name
** is the text, 0.95 for an alias; otherwise higher the more of the text
** (weighted by term rarity) the name covers and the more of the name the
** text covers. Appends to *pOut, unordered.
*/
void fulltext_find(Graph *g, const char *zText, size_t nText, FulltextHits *pOut);

#endif /* TANGLE_FULLTEXT_H */
