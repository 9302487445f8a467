/*
** access.h — who may run a prepared statement on the server: one rule
** for Bolt (bolt.c) and HTTP (query_api.c), so both ports refuse the same
** statements with the same Neo4j status codes.
**
** The rule looks at the user's role, the server's --read-only, the access
** mode the client asked for (Bolt's mode "r", the Query API's
** accessMode READ), whether an explicit transaction is open, and what the
** statement does (tg_stmt_readonly, tg_stmt_is_schema, tg_stmt_files,
** tg_stmt_is_txn_control). A RENDER ... TO FILE writes a file, so it
** counts as a write here although it leaves the graph alone.
*/
#ifndef TANGLE_SERVER_ACCESS_H
#define TANGLE_SERVER_ACCESS_H

#include <stdbool.h>

#include "server/auth.h"
#include "tangle.h"

/* Why pStmt may not run, or NULL when it may. On a refusal *pzCode gets
** the Neo4j status code. Both strings are static. */
const char *access_refusal(AuthRole eRole, bool bServerReadOnly, bool bReadMode, bool bInTx, tg_stmt *pStmt,
                           const char **pzCode);

/* Does pStmt change anything: the graph, the schema or a file? */
bool access_stmt_writes(tg_stmt *pStmt);

#endif /* TANGLE_SERVER_ACCESS_H */
