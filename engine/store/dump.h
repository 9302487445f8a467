/*
** dump.h — the graph as a Cypher script that recreates it (tg_dump,
** --dump, :dump), in the manner of sqlite3's .dump.
**
** The script loads in batches, so that replaying a large graph costs a few
** statements per thousand entities rather than one each: nodes are grouped
** by their set of labels and created by UNWIND over a list of maps, each
** carrying a temporary key under a temporary label with a uniqueness
** constraint (so the relationships, grouped by type, find their ends by an
** index seek); then the temporary label, key and constraint go, and the
** graph's own indexes and constraints are created last. Values are
** written as Cypher that evaluates to them exactly (valfmt's VALFMT_EXPR):
** shortest round-trip floats, temporal values as date('...') and so on.
** Node and relationship ids are not kept.
*/
#ifndef TANGLE_DUMP_H
#define TANGLE_DUMP_H

#include "store/graph.h"

/* Receives the script in pieces; false stops the dump (a write failed). */
typedef bool (*DumpWriteFn)(void *pArg, const char *z, size_t n);

#define DUMP_OK 0
#define DUMP_WRITE_FAILED 1     /* xWrite returned false */
#define DUMP_NAME_IN_USE 2      /* a node holds the temporary label or key */

/* Writes the script for g. Returns DUMP_*. */
int dump_graph(const Graph *g, DumpWriteFn xWrite, void *pArg);

/* The temporary label and key the script uses (a graph whose nodes hold
** them already cannot be dumped faithfully: dump_graph refuses it). */
#define DUMP_TEMP_LABEL "_TangleDump"
#define DUMP_TEMP_KEY "_tangle_dump_id"

#endif /* TANGLE_DUMP_H */
