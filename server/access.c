/*
** access.c — who may run a prepared statement on the server (access.h).
**
** The checks run in a fixed order so that a statement refused for several
** reasons always gets the same answer: transaction control first (never
** a statement on the server), then the server's --read-only, then the
** role, then the access mode, then schema commands inside a transaction.
*/
#include "server/access.h"

#include <stddef.h>

/* EXPLAIN only plans its statement, so an EXPLAIN of a write writes
** nothing (PROFILE runs it). */
bool access_stmt_writes(tg_stmt *pStmt) {
  if (tg_stmt_is_explain(pStmt) == 1) return false;
  return !tg_stmt_readonly(pStmt) || (tg_stmt_files(pStmt) & TG_FILES_WRITE) != 0;
}

const char *access_refusal(AuthRole eRole, bool bServerReadOnly, bool bReadMode, bool bInTx, tg_stmt *pStmt,
                           const char **pzCode) {
  bool bWrites = access_stmt_writes(pStmt);
  bool bSchema = tg_stmt_is_schema(pStmt) != 0;
  if (tg_stmt_is_txn_control(pStmt)) {
    *pzCode = "Neo.ClientError.Statement.SemanticError";
    return "BEGIN, COMMIT and ROLLBACK are requests of the protocol here, not statements: use the client's "
           "transactions";
  }
  if (bWrites && bServerReadOnly) {
    *pzCode = "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase";
    return "Write operations are not allowed: the server runs with --read-only";
  }
  if (bWrites && eRole == AUTH_ROLE_READER) {
    *pzCode = "Neo.ClientError.Security.Forbidden";
    return "Write operations are not allowed: the user has the role 'reader'";
  }
  if (bSchema && eRole != AUTH_ROLE_ADMIN) {
    *pzCode = "Neo.ClientError.Security.Forbidden";
    return "Schema operations are not allowed: the user has the role 'editor' (admins may change the schema)";
  }
  if (bWrites && bReadMode) {
    *pzCode = "Neo.ClientError.Statement.AccessMode";
    return "Writing in read access mode not allowed";
  }
  if (bSchema && bInTx) {
    *pzCode = "Neo.ClientError.Transaction.ForbiddenDueToTransactionType";
    return "Schema modification operations are not allowed in an explicit transaction; run them on their own";
  }
  *pzCode = NULL;
  return NULL;
}
