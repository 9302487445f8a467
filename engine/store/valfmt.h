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
#define VALFMT_EXPR 0x02     /* Cypher that evaluates to the value: temporal
                                values as date('...') and the like, NaN and
                                infinities as 0.0/0.0 and 1.0/0.0 (dumps) */

/* Appends v to pOut. g is needed for nodes, relationships and paths. */
void valfmt_append(StrBuf *pOut, const Value *v, const Graph *g, int flags);

/* Appends a label, type or key name: bare when it is a plain identifier
** (and not bAlwaysQuote), else in backticks, with ` doubled. */
void valfmt_name(StrBuf *pOut, const char *z, size_t n, bool bAlwaysQuote);

/* Appends a string as a single-quoted Cypher literal with escapes. */
void valfmt_quote(StrBuf *pOut, const char *z, size_t n);

#endif /* TANGLE_VALFMT_H */
