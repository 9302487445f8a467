/*
** serve.h — `tangle serve`: the server's settings and its entry point.
**
** One thread accepts connections; each connection gets a thread of its
** own and a connection handle on the database (tg_connect), so sessions
** run their statements side by side under the engine's lock (conn.h).
** The Bolt session itself is bolt.c; this is the listener, the limits,
** the log and the shutdown.
*/
#ifndef TANGLE_SERVE_H
#define TANGLE_SERVE_H

#include <stdbool.h>
#include <stdint.h>

#include "tangle.h"

typedef struct ServeConfig {
  const char *zListen;          /* "host:port"; default 127.0.0.1:7687 */
  bool bAuthNone;               /* --auth none: only on a loopback address */
  const char *zUsersFile;       /* the users file (default: PATH/users on disk) */
  const char *zTlsCert;         /* PEM certificate chain, or NULL */
  const char *zTlsKey;          /* PEM private key, or NULL */
  int64_t nTxTimeoutMs;         /* longest a transaction may stay open (idle or running) */
  int64_t nMaxMemory;           /* bytes one statement may add (0: the database's default) */
  int nMaxConnections;          /* connections served at once */
  int64_t nMaxMessage;          /* bytes of one Bolt message */
  int64_t nGraceMs;             /* on SIGTERM: how long running statements may finish */
  int64_t nHandshakeTimeoutMs;  /* from accept to a logged-in session */
  const char *zFilesRoot;       /* LOAD CSV / RENDER TO confined here; NULL: no file access */
  bool bQueryLog;               /* log every statement with its time */
  bool bReadOnly;               /* --read-only: every write is refused, on Bolt and HTTP */
  const char *zHttpListen;      /* --http "host:port" (default 127.0.0.1:7474) */
  bool bNoHttp;                 /* --no-http: Bolt only */
  int nHttpRatePerSec;          /* HTTP requests per second one address may make (bursts of twice that) */
} ServeConfig;

/* The defaults above, filled in. */
void serve_config_default(ServeConfig *pCfg);

/* Sets up a client's connection handle as pCfg says: file access, memory
** budget, lock timeout. Bolt sessions and HTTP requests both use it. */
void serve_configure_conn(tg_db *pConn, const ServeConfig *pCfg);

/* Serves pDb until SIGTERM or SIGINT (or serve_stop), then shuts down:
** stops accepting, lets running statements finish within the grace period
** (interrupting them after it), rolls back open transactions, checkpoints
** a database on disk. Returns 0, or 1 with a message on stderr when the
** server could not start (address in use, bad certificate, no users).
** zPortFile, when not NULL, receives the port once listening (tests). */
int serve_run(tg_db *pDb, const ServeConfig *pCfg, const char *zPortFile);

/* Asks a running serve_run to shut down (as SIGTERM does). */
void serve_stop(void);

#endif /* TANGLE_SERVE_H */
