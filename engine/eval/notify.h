/*
** notify.h — notifications: remarks on a statement that succeeds anyway.
**
** A query that names a label nobody has used is not wrong, but it is
** almost always a typo, and it quietly returns nothing; a LOAD CSV that
** MERGEs on an unindexed property works, but slowly. Such remarks travel
** with the statement as notifications, each a GQL status code (Neo4j's:
** 01N50 unknown label, 01N51 unknown relationship type, 01N52 unknown
** property key, 03N93 no index for a MATCH or MERGE under LOAD CSV) and a
** one-line message. tangle.h exposes them through tg_stmt_notification*(); the shell prints them on
** stderr as warnings.
**
** They are raised while preparing (names the graph does not hold) and
** while running (the LOAD CSV hint); each distinct one is kept once.
*/
#ifndef TANGLE_NOTIFY_H
#define TANGLE_NOTIFY_H

#include "base/common.h"
#include "base/vec.h"
#include "store/graph.h"
#include "syntax/ast.h"

#define NOTIFY_UNKNOWN_LABEL "01N50"
#define NOTIFY_UNKNOWN_REL_TYPE "01N51"
#define NOTIFY_UNKNOWN_PROPERTY_KEY "01N52"
#define NOTIFY_MISSING_INDEX "03N93"

/* One notification; held in the statement's vector, freed with it. */
typedef struct Notification {
  const char *zCode;      /* NOTIFY_* (static) */
  int iOfst;              /* byte offset in the statement text it is about, or -1 */
  char zMsg[256];         /* the message */
} Notification;

/* A MATCH or MERGE after LOAD CSV that looks nodes up by label and
** property, as `MERGE (p:Person {name: row.name})` does. The strings are
** the statement's (arena) and live as long as it. */
typedef struct CsvLookup {
  const char *zClause;    /* "MATCH" or "MERGE" */
  const char *zLabel;     /* the label */
  const char *zKey;       /* the property key */
} CsvLookup;

/* A statement's notifications and what it needs to raise them while
** running; the statement owns it (stmt.h) and its ExecCtx points at it. */
typedef struct Notices {
  VEC(Notification) notes;   /* in the order raised */
  VEC(CsvLookup) csvLookups; /* MATCH/MERGE lookups after LOAD CSV */
} Notices;

/* Frees the vectors of *p. */
void notices_free(Notices *p);

/* Adds a notification about the text at byte offset iOfst (or -1), unless
** the same code and message are there already. */
void notify_add(Notices *pNotices, int iOfst, const char *zCode, const char *zFmt, ...)
    TG_PRINTF(4, 5);

/*
** Walks a parsed statement (before planning) and adds 01N50/01N51/01N52
** for each label, relationship type or property key that a MATCH pattern,
** a label test or a property read names but that the graph does not hold
** and the statement does not itself write. Property reads count only on
** variables bound by a pattern, so keys of maps (LOAD CSV rows) are not
** reported. They are listed in the order the names appear in the text.
*/
void notify_unknown_names(Notices *pNotices, const Graph *g, const AstNode *pAst);

/* Rows a LOAD CSV reads before a MATCH or MERGE on a property without an
** index earns the 03N93 hint: below this a scan per row is cheap enough. */
#define NOTIFY_CSV_ROWS 5000

/*
** Walks a parsed statement and records in pNotices->csvLookups each node
** pattern with a label and a property map in a MATCH or MERGE that follows
** a LOAD CSV in the same query (subqueries and FOREACH included).
*/
void notify_find_csv_lookups(Notices *pNotices, const AstNode *pAst);

/* Called by the LoadCsv operator when it has read more than
** NOTIFY_CSV_ROWS rows: adds the 03N93 hint, with the CREATE INDEX
** statement to run, for each recorded lookup that has no index. */
void notify_csv_rows(Notices *pNotices, const Graph *g);

#endif /* TANGLE_NOTIFY_H */
