/*
** integrity.h — CALL db.checkIntegrity(): the graph's redundant structures
** checked against each other, as SQLite's PRAGMA integrity_check does.
**
** Every relationship must sit in its start node's outgoing list and its
** end node's incoming list, under its type, exactly once, and every list
** entry must be such a relationship; label bitmaps must match the nodes'
** labels; the per-label, per-type and live counts must match what is
** there; every index must hold exactly the nodes with its label and key,
** under their values, and a uniqueness constraint no value twice. Runs in
** time linear in the graph.
*/
#ifndef TANGLE_INTEGRITY_H
#define TANGLE_INTEGRITY_H

#include "store/graph.h"

/* Calls xProblem(pArg, zCheck, zProblem) for each problem found, at most
** nMax of them; returns how many were found (0: clean). */
int64_t integrity_check(const Graph *g, int64_t nMax,
                        void (*xProblem)(void *pArg, const char *zCheck, const char *zProblem), void *pArg);

#endif /* TANGLE_INTEGRITY_H */
