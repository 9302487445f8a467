/*
** bolt_result.h — reading the values of a Bolt result on the client side
** (tangle --connect), nodes, relationships and paths included, for display.
**
** packstream.h reads what a client may send, which is what a parameter
** may hold; a server's RECORD may also hold nodes, relationships, paths
** (of unbound relationships), points and byte arrays. The client has no
** graph to put the entities in, so they become ordinary Values that show
** as the local shell shows the real thing, in one of two forms:
**
**   BOLT_SHOW_TEXT  a column whose value holds an entity becomes one
**                   string, its Cypher literal as the engine writes it
**                   (store/valfmt.h): "(:Person {name: 'Ann'})",
**                   "[:OWNS {stake: 0.42}]", a path "<(:A)-[:R]->(:B)>"
**                   with each arrow pointing the way its relationship
**                   does, a list "[(:A), 1]" — for the table, csv, tsv and
**                   markdown writers, which print a node as this text;
**   BOLT_SHOW_MAP   an entity becomes the map the json writer prints for
**                   the real thing: a node {id, labels, properties}, a
**                   relationship {id, type, start, end, properties}, a
**                   path {nodes, relationships}.
**
** Points of the four CRSs Tangle knows come back as points (from
** ps_read_value()); others become "point({srid: 1, x: 1.0, y: 2.0})" (a
** map of srid, x, y and z in BOLT_SHOW_MAP). Byte arrays become a list of
** integers. Values with none of these come back exactly as
** ps_read_value() reads them, which is tried first.
**
** The reader is iterative (an explicit stack of at most PS_MAX_DEPTH open
** lists, maps and structures) and checks every count against the bytes
** left before allocating, so hostile bytes cost an error message in the
** reader's zErr, never a crash or unbounded memory.
*/
#ifndef TANGLE_SERVER_BOLT_RESULT_H
#define TANGLE_SERVER_BOLT_RESULT_H

#include "server/packstream.h"

/* How entities are shown (see above). */
typedef enum BoltShow {
  BOLT_SHOW_TEXT = 0,
  BOLT_SHOW_MAP
} BoltShow;

/* Reads one value of a result into pA. False on bad input, with the
** reason in r->zErr. */
bool bolt_result_read_value(PsReader *r, Arena *pA, BoltShow eShow, Value *pOut);

/* Reads the list of a RECORD message: *pnField values into *paField (in
** pA). False on bad input, with the reason in r->zErr. */
bool bolt_result_read_record(PsReader *r, Arena *pA, BoltShow eShow, Value **paField,
                             uint32_t *pnField);

#endif /* TANGLE_SERVER_BOLT_RESULT_H */
