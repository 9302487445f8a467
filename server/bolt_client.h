/*
** bolt_client.h — a synchronous Bolt client: what `tangle --connect` uses
** to run statements on a server (Tangle's own, or Neo4j).
**
** One connection, one statement at a time, in the order a shell needs:
**
**   bolt_client_open()      connect (plain or TLS), agree on a version
**                           (5.4 down to 5.0, or 4.4) and log in
**   bolt_client_run()       RUN a statement with its parameters; the
**                           columns are then known
**   bolt_client_next()      the next row; rows come in batches of
**                           BOLT_CLIENT_BATCH (PULL n), so a large result
**                           streams in bounded memory
**   bolt_client_summary()   after the last row: counters, notifications
**   bolt_client_discard()   stop a result early (Ctrl-C)
**   bolt_client_begin(), _commit(), _rollback()   an explicit transaction
**   bolt_client_close()     GOODBYE, and the connection is closed
**
** A FAILURE from the server comes back as a BoltError with the server's
** status code and message; the client then sends RESET, as drivers do, so
** the connection can go on. On the server that RESET also ends an open
** transaction: BoltError.bTxEnded says so. Every wait for the server is
** cut into short slices that look at *pStop (the shell's Ctrl-C flag).
**
** URIs: bolt://, bolt+s:// (TLS, the certificate checked against the
** system's store), bolt+ssc:// (TLS, any certificate: self-signed
** servers), and the same three for neo4j:// — which is routing in the
** drivers, and here simply the one server named. Port 7687 by default.
** What the server sends is untrusted: messages are limited to
** BOLT_CLIENT_MAX_MESSAGE bytes and read with bolt_result.h.
*/
#ifndef TANGLE_SERVER_BOLT_CLIENT_H
#define TANGLE_SERVER_BOLT_CLIENT_H

#include <signal.h>

#include "server/bolt_result.h"
#include "server/net.h"
#include "tangle.h"

#define BOLT_CLIENT_BATCH 1000                  /* records asked for per PULL */
#define BOLT_CLIENT_MAX_MESSAGE ((size_t)256 << 20)  /* largest message accepted */
#define BOLT_CLIENT_TIMEOUT_MS 15000            /* to connect and log in */

/* Results of the calls below. */
typedef enum BoltStatus {
  BOLT_OK = 0,
  BOLT_ERROR = 1,          /* see the BoltError */
  BOLT_ROW = 100,          /* bolt_client_next: a row is ready */
  BOLT_DONE = 101          /* bolt_client_next: no more rows; the summary is ready */
} BoltStatus;

/* What went wrong. */
typedef enum BoltErrorKind {
  BOLT_ERR_NONE = 0,
  BOLT_ERR_SERVER,         /* a FAILURE: zCode is the server's status code */
  BOLT_ERR_CONNECTION,     /* cannot connect, or the connection was lost */
  BOLT_ERR_PROTOCOL,       /* the server sent something that is not Bolt (the
                           ** connection is closed) */
  BOLT_ERR_INTERRUPTED     /* *pStop was set while waiting */
} BoltErrorKind;

typedef struct BoltError {
  BoltErrorKind eKind;
  bool bTxEnded;           /* an explicit transaction was open and is no more */
  char zCode[128];         /* BOLT_ERR_SERVER: "Neo.ClientError.Statement.SyntaxError" */
  char zMessage[2048];     /* readable, "" when eKind is NONE */
} BoltError;

/* A URI taken apart. */
typedef struct BoltUri {
  char zScheme[16];        /* "bolt", "neo4j+ssc", ... */
  char zHostPort[300];     /* "host:port", the port filled in */
  NetClientTls eTls;
} BoltUri;

/* Parses zUri (see the top of the file). False with a message in zErr
** for another scheme, a missing host, or a path or query after it. */
bool bolt_uri_parse(const char *zUri, BoltUri *pUri, char *zErr, size_t nErr);

typedef struct BoltClientConfig {
  const char *zUri;
  const char *zUser;       /* NULL: no authentication (scheme "none") */
  const char *zPassword;   /* with zUser */
  const char *zUserAgent;  /* "tangle/0.4.0" */
  const char *zCaFile;     /* bolt+s: the certificates to trust, NULL: the system's */
  int nTimeoutMs;          /* connecting and logging in; 0: BOLT_CLIENT_TIMEOUT_MS */
  volatile sig_atomic_t *pStop;  /* waits end early once *pStop is set; may be NULL */
} BoltClientConfig;

/* What a finished statement reports (BOLT_DONE). */
typedef struct BoltSummary {
  tg_changes changes;      /* from "stats" (properties removed count as set) */
  int64_t nIndexesAdded, nIndexesRemoved, nConstraintsAdded, nConstraintsRemoved;
  char zType[4];           /* "r", "rw", "w", "s", or "" */
  int nNotification;
  const char **azNoteCode;         /* "Neo.ClientNotification.Statement.UnknownLabelWarning" */
  const char **azNoteDescription;  /* the message */
} BoltSummary;

typedef struct BoltClient BoltClient;

/* Connects and logs in. On failure *ppC is NULL and *pErr says why (a
** server's FAILURE, e.g. Neo.ClientError.Security.Unauthorized, or what
** stopped the connection, naming the address). */
int bolt_client_open(const BoltClientConfig *pCfg, BoltClient **ppC, BoltError *pErr);

/* GOODBYE, then closes and frees (NULL is fine). */
void bolt_client_close(BoltClient *c);

const char *bolt_client_address(const BoltClient *c);   /* "host:port" */
const char *bolt_client_agent(const BoltClient *c);     /* the server's "server" field */
void bolt_client_version(const BoltClient *c, int *pMajor, int *pMinor);
bool bolt_client_usable(const BoltClient *c);           /* not lost or broken */
bool bolt_client_in_transaction(const BoltClient *c);

/*
** Runs zQuery (one statement) with nParam parameters, $azParam[i] =
** apParam[i] (no entities); nTxTimeoutMs (> 0) asks the server to end the
** autocommit transaction after so long. A result still open is discarded
** first. On BOLT_OK the columns are known and rows follow through
** bolt_client_next(). Ctrl-C (*pStop) before the statement answers lets
** it finish on the server and drops its rows: BOLT_ERR_INTERRUPTED.
*/
int bolt_client_run(BoltClient *c, const char *zQuery, int nParam, const char *const *azParam,
                    const Value *const *apParam, int64_t nTxTimeoutMs, BoltError *pErr);

int bolt_client_column_count(const BoltClient *c);
const char *bolt_client_column_name(const BoltClient *c, int i);

/* The next row: BOLT_ROW with *paRow the row's values (as eShow shows
** entities; valid until the next call), BOLT_DONE, or BOLT_ERROR (a
** FAILURE while streaming, a lost connection, or BOLT_ERR_INTERRUPTED:
** then the result is still open; bolt_client_discard() ends it). */
int bolt_client_next(BoltClient *c, BoltShow eShow, const Value **paRow, BoltError *pErr);

/* After BOLT_DONE: the statement's summary (valid until the next run). */
const BoltSummary *bolt_client_summary(const BoltClient *c);

/* Ends the open result without its remaining rows, waiting for the
** server's answer whatever *pStop says: outside a transaction with RESET,
** which makes the server drop the statement at once (the summary is then
** empty); inside one with DISCARD, which keeps the transaction (the
** server may step through the rest of the result). BOLT_OK also when no
** result is open. */
int bolt_client_discard(BoltClient *c, BoltError *pErr);

/* An explicit transaction. nTxTimeoutMs as for bolt_client_run. */
int bolt_client_begin(BoltClient *c, int64_t nTxTimeoutMs, BoltError *pErr);
int bolt_client_commit(BoltClient *c, BoltError *pErr);
int bolt_client_rollback(BoltClient *c, BoltError *pErr);

#endif /* TANGLE_SERVER_BOLT_CLIENT_H */
