/*
** valfmt.h — values written as text.
**
** The Cypher-literal form used by tg_column_text(), tg_value_format(), the
** table writer and the TCK runner: strings quoted inside collections,
** nodes as (:Label {key: value}), relationships as [:TYPE {key: value}],
** paths as <(...)-[...]->(...)>, temporal values as ISO 8601 text.
*/
#ifndef TANGLE_VALFMT_H
#define TANGLE_VALFMT_H

#include "store/graph.h"
#include "base/strbuf.h"
#include "value/value.h"

#define VALFMT_QUOTE 0x01    /* quote a top-level string ('text') */

/* Appends v to pOut. g is needed for nodes, relationships and paths. */
void valfmt_append(StrBuf *pOut, const Value *v, const Graph *g, int flags);

/* Appends a string as a single-quoted Cypher literal with escapes. */
void valfmt_quote(StrBuf *pOut, const char *z, size_t n);

#endif /* TANGLE_VALFMT_H */
