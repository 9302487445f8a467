/*
** redo.h — a committed transaction as a log record, and back.
**
** At commit the undo log says which nodes, relationships, labels and
** properties the transaction touched; redo_build() turns that into the
** record the WAL keeps: the final state of each touched thing, not the
** history (a property set ten times is logged once, a node created and
** deleted in the same transaction not at all). Records name nodes and
** relationships by id, and replay puts them at the same ids, so ids are
** stable across restarts.
**
** Names of labels, types and keys travel as ids too; a record first
** defines every name interned since the previous record, so replay,
** interning them in the same order, gets the same ids.
**
** Record payload: operations, each a byte then its fields —
**   NAME      kind (0 label, 1 type, 2 key), id, name
**   REL_DEL   id                 NODE_DEL  id
**   NODE_NEW  id, labels, properties
**   LABELS    id, labels         (the node's whole label set now)
**   PROP      kind, id, key, value (a null value removes it)
**   REL_NEW   id, type, start, end, properties
**   SCHEMA2   every index and constraint (descriptors, index.h); the older
**             SCHEMA (name, label, key, unique) is still replayed
** in that order of kinds, so deletions free what creations need.
*/
#ifndef TANGLE_REDO_H
#define TANGLE_REDO_H

#include "base/error.h"
#include "base/strbuf.h"
#include "store/graph.h"

/* Names already logged: ids below these are known to the log. */
typedef struct RedoNames {
  uint32_t nLabel, nType, nKey;
} RedoNames;

/* The names a graph holds now (what a fresh snapshot makes known). */
RedoNames redo_names_of(const Graph *g);

/*
** Appends to pOut the record of the open transaction of g (its undo log,
** before graph_commit), updating *pNames. Returns false when the
** transaction changed nothing (pOut then holds no operation).
*/
bool redo_build(const Graph *g, RedoNames *pNames, StrBuf *pOut);

/* Appends a SCHEMA operation holding g's indexes and constraints now (with
** any names not yet logged first). */
void redo_build_schema(const Graph *g, RedoNames *pNames, StrBuf *pOut);

/*
** Applies one record to g (no statement open). Returns false with an
** IOError in pErr (naming zWhere: file and sequence number) when the
** record is malformed or does not fit the graph; the graph may then hold
** part of it, and the caller discards the graph.
*/
bool redo_apply(Graph *g, const uint8_t *p, size_t n, const char *zWhere, TgError *pErr);

#endif /* TANGLE_REDO_H */
