/*
** undo.h — the statement undo log.
**
** While a statement runs, every graph change appends one record here
** (graph.c does it; nothing else writes the graph). Rolling back replays
** the records in reverse through graph.c's unlogged primitives, leaving the
** graph exactly as before the statement. Committing releases what the
** statement replaced or deleted: old property values, deleted nodes'
** labels and properties, and the ids of deleted slots, which only now go to
** the free lists (so no id is reused inside the statement that freed it).
**
** The log also keeps the statement's change counters (tg_changes).
*/
#ifndef TANGLE_UNDO_H
#define TANGLE_UNDO_H

#include "store/graph.h"

typedef enum UndoKind {
  UNDO_NODE_ADD,     /* id: node created */
  UNDO_REL_ADD,      /* id: relationship created */
  UNDO_NODE_DEL,     /* id: node marked deleted */
  UNDO_REL_DEL,      /* id: relationship marked deleted and unlinked */
  UNDO_PROP,         /* ent, id, key: property replaced; old (or absent) */
  UNDO_LABEL_ADD,    /* id, key=label: label added */
  UNDO_LABEL_DEL     /* id, key=label: label removed */
} UndoKind;

typedef struct UndoRec {
  uint8_t kind;      /* UndoKind */
  uint8_t ent;       /* ENT_NODE or ENT_REL (UNDO_PROP) */
  uint8_t bHadOld;   /* UNDO_PROP: the property existed before */
  uint32_t id;       /* node or relationship id */
  uint32_t key;      /* property key or label id */
  Value old;         /* UNDO_PROP: the replaced value, owned by the log */
} UndoRec;

typedef struct Undo {
  VEC(UndoRec) log;  /* records in order */
  tg_changes changes; /* counters since graph_begin */
} Undo;

void undo_push(Undo *u, const UndoRec *pRec);
/* Reverses every record (newest first) and empties the log. */
void undo_rollback(Undo *u, Graph *g);
/* Reverses the records from the newest down to number iKeep, and keeps
** the iKeep before them (a savepoint). */
void undo_rollback_to(Undo *u, Graph *g, uint32_t iKeep);
/* Releases what the records keep and empties the log. */
void undo_commit(Undo *u, Graph *g);

#endif /* TANGLE_UNDO_H */
