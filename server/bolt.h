/*
** bolt.h — one Bolt session: the protocol Neo4j's drivers speak.
**
** bolt_session() owns a connection from the handshake to the close: it
** negotiates the version (5.0-5.4, 4.4), reads chunked messages, runs the
** session's state machine (HELLO, LOGON, RUN, PULL, BEGIN, ...), and
** answers with PackStream-encoded SUCCESS, RECORD, FAILURE and IGNORED
** messages. Statements run on the session's own connection handle, so
** they follow the engine's lock (conn.h): reads side by side, writes and
** explicit write transactions one at a time.
*/
#ifndef TANGLE_BOLT_H
#define TANGLE_BOLT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "server/serve.h"
#include "tangle.h"

struct NetConn;
struct AuthStore;
struct AuthThrottle;

/* What every session of one server shares. */
typedef struct BoltServer {
  tg_db *pDb;                      /* the database (sessions use connections of it) */
  const ServeConfig *pCfg;
  struct AuthStore *pAuth;         /* the users; NULL with --auth none */
  struct AuthThrottle *pThrottle;  /* failed logins per address */
  const char *zAddress;            /* "host:port" the server answers ROUTE with */
  _Atomic bool bStopping;          /* shutting down: finish, then close */
  _Atomic bool bInterrupting;      /* the grace period is over: interrupt statements */
  _Atomic uint64_t nNextId;        /* connection ids for the log and HELLO */
  _Atomic int64_t nCommits;        /* commits acknowledged: bookmarks are "tangle:N" */
  _Atomic int64_t nRequestBytes;   /* memory large requests being decoded may take (bolt.c) */
} BoltServer;

/* Serves one started connection until it ends, on the connection handle
** pConn (tg_connect). Both are left open (pConn rolled back) for the
** caller to close. */
void bolt_session(BoltServer *pSrv, struct NetConn *pNet, tg_db *pConn);

/* Writes one line to the server log (stderr), with a time stamp. */
void bolt_log(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));

/* The Neo4j status code for an engine error (tg_errcode and its message). */
const char *bolt_status_code(int errcode, const char *zDetail, const char *zMsg);

#endif /* TANGLE_BOLT_H */
