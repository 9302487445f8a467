/*
** query_api.h — Neo4j's Query API (v2) over `tangle serve --http`, so
** curl, HTTP clients and the explorer page run Cypher without a driver.
**
** Routes ({db} must be "neo4j", the one database; anything else is 404
** Neo.ClientError.Database.DatabaseNotFound):
**   POST   /db/{db}/query/v2                 one statement, autocommit
**   POST   /db/{db}/query/v2/tx              begin (and maybe run one)
**   POST   /db/{db}/query/v2/tx/{id}         run one in the transaction
**   POST   /db/{db}/query/v2/tx/{id}/commit  (maybe run one, then) commit
**   DELETE /db/{db}/query/v2/tx/{id}         roll back
** A request body is {"statement", "parameters", "includeCounters",
** "bookmarks", "accessMode"}; the reply {"data": {"fields", "values"},
** "counters", "notifications", "bookmarks", "transaction": {"id",
** "expires"}}, in plain JSON or, when the Accept header asks for
** application/vnd.neo4j.query, typed JSON (json_value.h). Errors are
** {"errors": [{"code", "message", "position"}]} with an HTTP status that
** follows the code (docs/server.md has the table).
**
** An explicit transaction lives in a registry with its own connection
** handle (tg_connect), belongs to the user who began it (another user
** gets 404 for its id), ends when it stays idle past the server's
** --tx-timeout (query_api_tick rolls it back; a statement running past it
** is interrupted), and ends at its first error, as in Neo4j. A
** transaction in READ access mode (or a reader's, or any under
** --read-only) takes no engine transaction, so it never holds the write
** lock. At most QUERY_API_MAX_TX are open at once, QUERY_API_MAX_TX_USER
** of them one user's.
*/
#ifndef TANGLE_SERVER_QUERY_API_H
#define TANGLE_SERVER_QUERY_API_H

#include "server/http.h"
#include "server/serve.h"
#include "tangle.h"

#define QUERY_API_DB_NAME "neo4j"
#define QUERY_API_MAX_TX 256
#define QUERY_API_MAX_TX_USER 64

typedef struct QueryApi QueryApi;

/* Makes the API for pDb (connections are made from it) under pCfg, which
** must outlive it. */
QueryApi *query_api_new(tg_db *pDb, const ServeConfig *pCfg);

/* Answers one request for a path beginning /db/ (http.h's contract). */
void query_api_handle(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply);

/* Rolls back the transactions idle past their expiry and interrupts the
** statements running past it. Call it every ~200 ms. */
void query_api_tick(QueryApi *q);

/* At shutdown: interrupts the statements running in transactions and
** rolls back the idle ones (no request will come for them: the server
** answers 503 from now on), so they hold no lock through the grace. */
void query_api_interrupt(QueryApi *q);

/* Rolls back every open transaction and frees q (NULL is fine). No
** request may be running. */
void query_api_free(QueryApi *q);

#endif /* TANGLE_SERVER_QUERY_API_H */
