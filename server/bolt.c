/*
** bolt.c — a Bolt session, from the handshake to the close (bolt.h).
**
** The states are Bolt's own: CONNECTED (waiting for HELLO), AUTHENTICATION
** (5.1+: waiting for LOGON), READY, STREAMING (an autocommit result is
** open), TX_READY and TX_STREAMING (inside BEGIN ... COMMIT), FAILED (a
** request failed: everything but RESET and GOODBYE is IGNORED until
** RESET) and DEFUNCT (the connection is closing). Requests are handled
** one at a time in arrival order; answers are collected in a buffer and
** written when the next read would wait, so a driver's pipelined RUN and
** PULL cost one write.
**
** Statements run on the session's connection handle. A result is stepped
** once when RUN arrives, so that errors in writing statements (which run
** whole on their first step) come back to RUN, and then row by row as
** PULL asks: a large result is never held in memory by the server.
**
** Time limits: a transaction (explicit, or the one an autocommit
** statement makes) may stay open at most tx_timeout, running or idle; the
** engine's timeout setting ends a statement that runs past it, and an
** idle one is ended here by the wait for the next message. Either way the
** transaction is rolled back and the next request gets a FAILURE.
*/
#include "server/bolt.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "server/access.h"
#include "server/auth.h"
#include "server/net.h"
#include "server/packstream.h"
#include "value/value.h"

/* Request and response signatures. */
#define MSG_HELLO 0x01
#define MSG_GOODBYE 0x02
#define MSG_RESET 0x0F
#define MSG_RUN 0x10
#define MSG_BEGIN 0x11
#define MSG_COMMIT 0x12
#define MSG_ROLLBACK 0x13
#define MSG_DISCARD 0x2F
#define MSG_PULL 0x3F
#define MSG_TELEMETRY 0x54
#define MSG_ROUTE 0x66
#define MSG_LOGON 0x6A
#define MSG_LOGOFF 0x6B
#define MSG_SUCCESS 0x70
#define MSG_RECORD 0x71
#define MSG_IGNORED 0x7E
#define MSG_FAILURE 0x7F

enum {
  ST_CONNECTED,
  ST_AUTHENTICATION,
  ST_READY,
  ST_STREAMING,
  ST_TX_READY,
  ST_TX_STREAMING,
  ST_FAILED,
  ST_DEFUNCT
};

/* Roles, as auth.h names them. */
#define ROLE_READER AUTH_ROLE_READER
#define ROLE_EDITOR AUTH_ROLE_EDITOR
#define ROLE_ADMIN AUTH_ROLE_ADMIN

/* Prepared statements a session keeps. */
#define BOLT_CACHE_SIZE 32
/* Results a transaction may hold open at once. */
#define BOLT_MAX_RESULTS 16
/* No time limit may exceed a year (its nanoseconds must fit 64 bits). */
#define BOLT_MAX_TIMEOUT_MS (366LL * 24 * 3600 * 1000)
/* Decoding a request and binding its parameters may take this many times
** its size (a 1-byte integer becomes a 16-byte value, then a copy). Large
** requests (over BOLT_SMALL_REQUEST bytes) reserve that much from a pool
** the whole server shares, BOLT_REQUEST_POOL or one largest request, so
** many clients sending large requests at once cannot exhaust memory. */
#define BOLT_REQUEST_FACTOR 40
#define BOLT_SMALL_REQUEST 65536
#define BOLT_REQUEST_POOL (1LL << 30)
/* The largest message accepted before login. */
#define BOLT_MAX_LOGIN_MESSAGE 65536
/* Answers are written once this many bytes wait, even mid-result. */
#define BOLT_FLUSH_BYTES 65536
/* An idle wait is cut into slices this long to notice a shutdown. */
#define BOLT_WAIT_SLICE_MS 200
/* The server's version as drivers read it, and the database's name. */
#define BOLT_AGENT "Neo4j/5.26.0 (compatible; Tangle/" TG_VERSION_STRING ")"
#define BOLT_DB_NAME "neo4j"

/* A prepared statement kept for the next RUN of the same text: drivers
** send the same parameterized queries again and again, and compiling is
** most of a point lookup's work. An entry is re-prepared when the schema
** changed since or the graph's size doubled or halved (tg_plan_version),
** so plans use the indexes there are and follow the statistics. */
typedef struct BoltCached {
  char *zText;           /* the query; NULL for a free slot */
  size_t nText;
  tg_stmt *pStmt;
  bool bInUse;           /* an open result runs it */
  uint64_t iLastUse;     /* for least-recently-used eviction */
  uint64_t iSchema;      /* tg_plan_version when prepared */
} BoltCached;

typedef struct BoltResult {
  tg_stmt *pStmt;
  BoltCached *pCached;   /* its cache entry, or NULL (finalized when dropped) */
  int64_t qid;
  int rcNext;            /* what the last tg_step gave and PULL has not sent: TG_ROW, TG_DONE */
  int64_t iStartNs;      /* when RUN arrived */
  bool bReadOnly;
  bool bSchema;
  /* A buffered result ran to its end early (an autocommit write, so its
  ** lock goes at once; or an open read in a transaction about to write,
  ** which the engine cannot do while a read streams). Its statement is
  ** released; PULL sends from here. */
  bool bBuffered;
  StrBuf records;        /* RECORD bodies, each after its 4-byte length */
  size_t iNextRecord;    /* offset of the next one to send */
  StrBuf summary;        /* the final SUCCESS's entries ... */
  int nSummary;          /* ... and how many */
  char *zText;           /* the query, for --query-log (NULL without it) */
} BoltResult;

typedef struct BoltSession {
  BoltServer *pSrv;
  struct NetConn *pNet;
  tg_db *pConn;
  uint64_t iId;
  int64_t iConnectNs;     /* when it connected */
  char zPeer[80];         /* "address:port", for the log */
  char zAddr[80];         /* the address alone, for throttling failed logins */
  int major, minor;      /* the protocol version agreed */
  bool bUtcPatch;        /* 4.4 with the "utc" patch: DateTime in the 5.x form */
  int eState;
  char zUser[80];
  AuthRole eRole;
  /* The transaction */
  bool bTx;              /* BEGIN ... open */
  bool bTxRead;          /* it was begun with mode "r" (no engine transaction) */
  int64_t iTxDeadlineNs; /* when it times out (0: no limit) */
  int64_t nTxLimitMs;    /* its time limit, for messages */
  int64_t nNextQid;
  BoltResult aResult[BOLT_MAX_RESULTS];
  int nResult;
  BoltCached aCache[BOLT_CACHE_SIZE];
  uint64_t iUseClock;
  /* A failure to report on the next request (the transaction timed out). */
  const char *zPendingCode;
  char zPendingMsg[200];
  /* I/O */
  uint8_t *aMsg;         /* the message being read */
  size_t nMsg, nMsgAlloc;
  StrBuf body;           /* one message being written, before chunking */
  StrBuf out;            /* chunked messages waiting to be written */
  Arena arena;           /* decoded request fields; reset per request */
} BoltSession;

static int64_t boltNowNs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- The log -------------------------------------------------------------- */

static pthread_mutex_t boltLogMutex = PTHREAD_MUTEX_INITIALIZER;

void bolt_log(const char *zFmt, ...) {
  char zTime[40];
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  gmtime_r(&ts.tv_sec, &tm);
  strftime(zTime, sizeof(zTime), "%Y-%m-%dT%H:%M:%S", &tm);
  va_list ap;
  va_start(ap, zFmt);
  pthread_mutex_lock(&boltLogMutex);
  fprintf(stderr, "%s.%03ldZ ", zTime, ts.tv_nsec / 1000000);
  vfprintf(stderr, zFmt, ap);
  fputc('\n', stderr);
  fflush(stderr);
  pthread_mutex_unlock(&boltLogMutex);
  va_end(ap);
}

/* Copies client-given text for the log: control characters become '?'
** (a newline must not forge a line) and it is cut to nOut-1 bytes. */
static void boltLogText(char *zOut, size_t nOut, const char *zIn) {
  size_t i = 0;
  for (; zIn && zIn[i] && i + 1 < nOut; i++) {
    unsigned char c = (unsigned char)zIn[i];
    zOut[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
  }
  zOut[i] = 0;
}

/* ---- Status codes ------------------------------------------------------------ */

const char *bolt_status_code(int errcode, const char *zDetail, const char *zMsg) {
  switch (errcode) {
    case TG_ERR_SYNTAX: return "Neo.ClientError.Statement.SyntaxError";
    case TG_ERR_SEMANTIC: return "Neo.ClientError.Statement.SemanticError";
    case TG_ERR_TYPE: return "Neo.ClientError.Statement.TypeError";
    case TG_ERR_ARGUMENT: return "Neo.ClientError.Statement.ArgumentError";
    case TG_ERR_NOT_FOUND: return "Neo.ClientError.Statement.EntityNotFound";
    case TG_ERR_CONSTRAINT: return "Neo.ClientError.Schema.ConstraintValidationFailed";
    case TG_ERR_PROCEDURE: return "Neo.ClientError.Procedure.ProcedureCallFailed";
    case TG_ERR_PARAMETER: return "Neo.ClientError.Statement.ParameterMissing";
    case TG_ERR_IO: return "Neo.ClientError.Statement.ExternalResourceFailed";
    case TG_ERR_LIMIT:
      if (zDetail && strcmp(zDetail, "LockTimeout") == 0) return "Neo.TransientError.Transaction.LockAcquisitionTimeout";
      if (zMsg && strstr(zMsg, "memory")) return "Neo.TransientError.General.MemoryPoolOutOfMemoryError";
      if (zMsg && strstr(zMsg, "timeout")) return "Neo.TransientError.Transaction.TransactionTimedOut";
      return "Neo.ClientError.Statement.ResourceLimit";
    case TG_ERR_INTERRUPT: return "Neo.TransientError.Transaction.Terminated";
    default: return "Neo.DatabaseError.General.UnknownError";
  }
}

/* ---- Writing messages ------------------------------------------------------- */

/* Cuts the message in s->body into chunks in s->out and ends it. */
static void boltEndMessage(BoltSession *s) {
  const char *z = s->body.z;
  size_t n = s->body.n;
  while (n > 0) {
    size_t k = n > 65535 ? 65535 : n;
    char hdr[2] = {(char)(k >> 8), (char)(k & 0xFF)};
    strbuf_append(&s->out, hdr, 2);
    strbuf_append(&s->out, z, k);
    z += k;
    n -= k;
  }
  strbuf_append(&s->out, "\0\0", 2);
  strbuf_truncate(&s->body, 0);
}

static bool boltFlush(BoltSession *s) {
  if (s->out.n == 0) return true;
  bool bOk = net_write_all(s->pNet, s->out.z, s->out.n) == NET_OK;
  strbuf_truncate(&s->out, 0);
  if (!bOk) s->eState = ST_DEFUNCT;
  return bOk;
}

static void boltPutKey(BoltSession *s, const char *zKey) { ps_put_string(&s->body, zKey, strlen(zKey)); }

static void boltPutStr(BoltSession *s, const char *zKey, const char *zVal) {
  boltPutKey(s, zKey);
  ps_put_string(&s->body, zVal, strlen(zVal));
}

static void boltPutInt(BoltSession *s, const char *zKey, int64_t i) {
  boltPutKey(s, zKey);
  ps_put_int(&s->body, i);
}

/* SUCCESS with an empty map. */
static void boltSuccessEmpty(BoltSession *s) {
  ps_put_struct_header(&s->body, MSG_SUCCESS, 1);
  ps_put_map_header(&s->body, 0);
  boltEndMessage(s);
}

static void boltIgnored(BoltSession *s) {
  ps_put_struct_header(&s->body, MSG_IGNORED, 0);
  boltEndMessage(s);
}

static void boltFailure(BoltSession *s, const char *zCode, const char *zMsg) {
  ps_put_struct_header(&s->body, MSG_FAILURE, 1);
  ps_put_map_header(&s->body, 2);
  boltPutStr(s, "code", zCode);
  boltPutStr(s, "message", zMsg);
  boltEndMessage(s);
  if (s->eState != ST_DEFUNCT) s->eState = ST_FAILED;
}

/* The engine's error on the connection, with its place in the text
** written the way Neo4j writes it: "(line 1, column 8 (offset: 7))", then
** the line and a caret under the column. */
static void boltEngineFailure(BoltSession *s, const char *zText) {
  tg_db *c = s->pConn;
  const char *zCode = bolt_status_code(tg_errcode(c), tg_errdetail(c), tg_errmsg(c));
  StrBuf m;
  strbuf_init(&m);
  if (strcmp(zCode, "Neo.TransientError.Transaction.TransactionTimedOut") == 0) {
    /* The engine's message names the shell's flags; a client set the limit here. */
    strbuf_printf(&m, "the transaction ran past its time limit of %lld ms (the driver's transaction timeout, "
                      "else the server's --tx-timeout); it was stopped and rolled back",
                  (long long)s->nTxLimitMs);
  } else if (tg_errcode(c) == TG_ERR_IO && strstr(tg_errmsg(c), "(--no-files)")) {
    strbuf_puts(&m, "file access is off for this server's clients (tangle serve --files DIR allows a folder)");
  } else {
    strbuf_puts(&m, tg_errmsg(c));
  }
  int iLine = tg_error_line(c), iCol = tg_error_column(c), iOfst = tg_error_offset(c);
  if (iLine > 0 && zText) {
    strbuf_printf(&m, " (line %d, column %d (offset: %d))", iLine, iCol, iOfst < 0 ? 0 : iOfst);
    const char *z = zText;
    for (int i = 1; i < iLine && z; i++) {
      z = strchr(z, '\n');
      if (z) z++;
    }
    if (z) {
      const char *zEnd = strchr(z, '\n');
      size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
      if (n <= 400) {
        strbuf_puts(&m, "\n\"");
        strbuf_append(&m, z, n);
        strbuf_puts(&m, "\"\n");
        strbuf_repeat(&m, " ", iCol);
        strbuf_puts(&m, "^");
      }
    }
  }
  boltFailure(s, zCode, strbuf_cstr(&m));
  strbuf_free(&m);
}

static void boltDropAll(BoltSession *s);

/* ---- Reading messages ------------------------------------------------------- */

/* Reads one whole message into s->aMsg. Returns 1, 0 when the connection
** ended (or must end), or -1 on a timeout at the message boundary with
** *pbIdle (the caller decides what idle means). */
static int boltReadChunkHeader(BoltSession *s, uint16_t *pn, int nWaitMs) {
  uint8_t h[2];
  int rc = net_read_full(s->pNet, h, 2, nWaitMs);
  if (rc == NET_TIMEOUT) return -1;
  if (rc != NET_OK) return 0;
  *pn = (uint16_t)((h[0] << 8) | h[1]);
  return 1;
}

/* At a message boundary, whether or not the next message is already here:
** ends a session that has not logged in within --handshake-timeout, or
** that must go because the server stops; ends a transaction past its
** deadline (rolled back now; the client is told at its next request).
** False when the session must end. */
static bool boltCheckLimits(BoltSession *s) {
  const ServeConfig *pCfg = s->pSrv->pCfg;
  int64_t now = boltNowNs();
  bool bHolding = s->bTx;   /* a transaction, or a statement still running (it holds the lock) */
  for (int i = 0; i < s->nResult && !bHolding; i++) bHolding = !s->aResult[i].bBuffered;
  if ((s->eState == ST_CONNECTED || s->eState == ST_AUTHENTICATION) &&
      now - s->iConnectNs > pCfg->nHandshakeTimeoutMs * 1000000) {
    bolt_log("bolt %llu %s: did not log in within --handshake-timeout; closed", (unsigned long long)s->iId, s->zPeer);
    return false;
  }
  if (atomic_load(&s->pSrv->bStopping) && (!bHolding || atomic_load(&s->pSrv->bInterrupting))) return false;
  if (bHolding && s->iTxDeadlineNs && now > s->iTxDeadlineNs) {
    boltDropAll(s);
    if (tg_in_transaction(s->pConn)) tg_rollback(s->pConn);
    s->bTx = false;
    s->iTxDeadlineNs = 0;
    s->zPendingCode = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";
    snprintf(s->zPendingMsg, sizeof(s->zPendingMsg),
             "the transaction has been terminated: it was open longer than its timeout "
             "(%lld ms: the driver's transaction timeout, else the server's --tx-timeout) and was rolled back",
             (long long)s->nTxLimitMs);
    bolt_log("bolt %llu %s: transaction past its timeout; rolled back", (unsigned long long)s->iId, s->zPeer);
  }
  return true;
}

/* Reads the next message into s->aMsg, checking the limits at each
** boundary (boltCheckLimits) and giving a message once begun at most
** --handshake-timeout to arrive whole, however its chunks trickle in.
** False when the session must end. */
static bool boltReadMessage(BoltSession *s) {
  const ServeConfig *pCfg = s->pSrv->pCfg;
  s->nMsg = 0;
  int64_t iMsgDeadline = 0;   /* set when the message's first chunk arrives */
  for (;;) {
    uint16_t n;
    int rc;
    if (iMsgDeadline == 0) {
      /* The message boundary: waiting here is being idle. Answers wait
      ** while the client's next request is already here (pipelining). */
      if ((s->out.n >= BOLT_FLUSH_BYTES || !net_conn_has_buffered_input(s->pNet)) && !boltFlush(s)) return false;
      do {
        if (!boltCheckLimits(s)) return false;
        rc = boltReadChunkHeader(s, &n, BOLT_WAIT_SLICE_MS);
      } while (rc < 0);
      if (rc == 0) return false;
      if (n == 0) continue;   /* a NOOP between messages (keep-alive) */
      iMsgDeadline = boltNowNs() + pCfg->nHandshakeTimeoutMs * 1000000;
    } else {
      int64_t nLeftMs = (iMsgDeadline - boltNowNs()) / 1000000;
      if (nLeftMs <= 0 || boltReadChunkHeader(s, &n, (int)nLeftMs) <= 0) return false;
      if (n == 0) return true;
    }
    /* Before login a message is small (HELLO, LOGON): a stranger may not
    ** make the server hold megabytes. */
    bool bLoggedOut = s->eState == ST_CONNECTED || s->eState == ST_AUTHENTICATION;
    int64_t nLimit = bLoggedOut ? TG_MIN(pCfg->nMaxMessage, BOLT_MAX_LOGIN_MESSAGE) : pCfg->nMaxMessage;
    if ((int64_t)(s->nMsg + n) > nLimit) {
      boltFailure(s, "Neo.ClientError.Request.Invalid", "the message is larger than the server accepts");
      boltFlush(s);
      return false;
    }
    if (s->nMsg + n > s->nMsgAlloc) {
      size_t nNew = s->nMsgAlloc ? s->nMsgAlloc * 2 : 4096;
      while (nNew < s->nMsg + n) nNew *= 2;
      s->aMsg = tg_realloc(s->aMsg, nNew);
      s->nMsgAlloc = nNew;
    }
    int64_t nLeftMs = (iMsgDeadline - boltNowNs()) / 1000000;
    if (nLeftMs <= 0 || net_read_full(s->pNet, s->aMsg + s->nMsg, n, (int)nLeftMs) != NET_OK) return false;
    s->nMsg += n;
  }
}

/* ---- Request fields --------------------------------------------------------- */

/* A string field of a map, or NULL. */
static const char *boltMapStr(const Value *pMap, const char *zKey) {
  if (pMap == NULL || pMap->type != VAL_MAP) return NULL;
  const Value *v = value_map_get(pMap, zKey, (uint32_t)strlen(zKey));
  return v && v->type == VAL_STRING ? v->u.z : NULL;
}

/* An integer field of a map, or iDefault. */
static int64_t boltMapInt(const Value *pMap, const char *zKey, int64_t iDefault) {
  if (pMap == NULL || pMap->type != VAL_MAP) return iDefault;
  const Value *v = value_map_get(pMap, zKey, (uint32_t)strlen(zKey));
  return v && v->type == VAL_INT ? v->u.i : iDefault;
}

/* Is the database the request names ours (absent, null, or "neo4j")? */
static bool boltDbOk(BoltSession *s, const Value *pExtra) {
  const char *zDb = boltMapStr(pExtra, "db");
  if (zDb == NULL || zDb[0] == 0 || strcmp(zDb, BOLT_DB_NAME) == 0) return true;
  char zMsg[200];
  snprintf(zMsg, sizeof(zMsg), "Database does not exist. Database name: '%.100s'. This server has one database, '" BOLT_DB_NAME "'.", zDb);
  boltFailure(s, "Neo.ClientError.Database.DatabaseNotFound", zMsg);
  return false;
}

/* ---- Authentication ------------------------------------------------------------ */

/* Checks the credentials of a HELLO (before 5.1) or LOGON map. */
static bool boltLogin(BoltSession *s, const Value *pAuthMap) {
  BoltServer *pSrv = s->pSrv;
  const char *zScheme = boltMapStr(pAuthMap, "scheme");
  const char *zUser = boltMapStr(pAuthMap, "principal");
  const char *zPass = boltMapStr(pAuthMap, "credentials");
  if (pSrv->pAuth == NULL) {
    boltLogText(s->zUser, sizeof(s->zUser), zUser && zUser[0] ? zUser : "anonymous");
    s->eRole = ROLE_ADMIN;
    tg_config_set_text(s->pConn, "client.user", s->zUser);
    tg_config_set_text(s->pConn, "client.role", "admin");
    return true;
  }
  int64_t nWaitMs = 0;
  if (!auth_throttle_allow(pSrv->pThrottle, s->zAddr, &nWaitMs)) {
    boltFailure(s, "Neo.ClientError.Security.AuthenticationRateLimit",
                "The client has provided incorrect authentication details too many times in a row; try again later.");
    bolt_log("bolt %llu %s: login refused: too many failures from this address", (unsigned long long)s->iId, s->zPeer);
    return false;
  }
  AuthRole eRole = AUTH_ROLE_NONE;
  if (!(zScheme && strcmp(zScheme, "basic") == 0 && zUser && zPass) ||
      auth_verify(pSrv->pAuth, zUser, strlen(zUser), zPass, strlen(zPass), &eRole) != AUTH_OK) {
    eRole = AUTH_ROLE_NONE;
  }
  if (eRole == AUTH_ROLE_NONE) {
    auth_throttle_failure(pSrv->pThrottle, s->zAddr);
    boltFailure(s, "Neo.ClientError.Security.Unauthorized",
                "The client is unauthorized due to authentication failure.");
    char zUserLog[80];
    boltLogText(zUserLog, sizeof(zUserLog), zUser);
    bolt_log("bolt %llu %s: login failed for '%s'", (unsigned long long)s->iId, s->zPeer, zUserLog);
    return false;
  }
  auth_throttle_success(pSrv->pThrottle, s->zAddr);
  snprintf(s->zUser, sizeof(s->zUser), "%s", zUser);
  s->eRole = eRole;
  tg_config_set_text(s->pConn, "client.user", s->zUser);
  tg_config_set_text(s->pConn, "client.role", auth_role_name(eRole));
  /* Files as the server allows them, but never for a reader (RENDER ... TO
  ** writes); set at each login, since LOGOFF/LOGON may change the user. */
  tg_config_set(s->pConn, "files", eRole != ROLE_READER && pSrv->pCfg->zFilesRoot != NULL);
  return true;
}

/* ---- Results ------------------------------------------------------------------ */

static BoltResult *boltFindResult(BoltSession *s, int64_t qid) {
  if (s->nResult == 0) return NULL;
  if (qid < 0) return &s->aResult[s->nResult - 1];
  for (int i = 0; i < s->nResult; i++) {
    if (s->aResult[i].qid == qid) return &s->aResult[i];
  }
  return NULL;
}

/* Lets go of a result's statement (back to the cache, or finalized). */
static void boltReleaseStmt(BoltResult *r) {
  if (r->pStmt == NULL) return;
  if (r->pCached) {
    tg_reset(r->pStmt);
    tg_clear_bindings(r->pStmt);
    r->pCached->bInUse = false;
  } else {
    tg_finalize(r->pStmt);
  }
  r->pStmt = NULL;
  r->pCached = NULL;
}

static void boltDropResult(BoltSession *s, BoltResult *r) {
  boltReleaseStmt(r);
  strbuf_free(&r->records);
  strbuf_free(&r->summary);
  tg_free(r->zText);
  int i = (int)(r - s->aResult);
  memmove(&s->aResult[i], &s->aResult[i + 1], sizeof(BoltResult) * (size_t)(s->nResult - i - 1));
  s->nResult--;
}

static void boltDropAll(BoltSession *s) {
  while (s->nResult > 0) boltDropResult(s, &s->aResult[s->nResult - 1]);
}

static void boltCacheFree(BoltCached *c) {
  tg_finalize(c->pStmt);
  tg_free(c->zText);
  memset(c, 0, sizeof(*c));
}

/* Forgets every cached statement not in use (LOGOFF, the end). */
static void boltCacheClear(BoltSession *s) {
  for (int i = 0; i < BOLT_CACHE_SIZE; i++) {
    if (s->aCache[i].zText && !s->aCache[i].bInUse) boltCacheFree(&s->aCache[i]);
  }
}

/* A cached statement for zText ready to run (reset, unbound), or NULL. */
static BoltCached *boltCacheFind(BoltSession *s, const char *zText, size_t nText) {
  uint64_t iSchema = tg_plan_version(s->pConn);
  for (int i = 0; i < BOLT_CACHE_SIZE; i++) {
    BoltCached *c = &s->aCache[i];
    if (c->zText == NULL || c->bInUse || c->nText != nText || memcmp(c->zText, zText, nText) != 0) continue;
    if (c->iSchema != iSchema) {
      boltCacheFree(c);
      return NULL;
    }
    c->bInUse = true;
    c->iLastUse = ++s->iUseClock;
    return c;
  }
  return NULL;
}

/* Keeps a newly prepared statement, evicting the least recently used one
** not in use; NULL when every slot is busy (then it is not cached). */
static BoltCached *boltCacheAdd(BoltSession *s, const char *zText, size_t nText, tg_stmt *pStmt) {
  BoltCached *pVictim = NULL;
  for (int i = 0; i < BOLT_CACHE_SIZE; i++) {
    BoltCached *c = &s->aCache[i];
    if (c->bInUse) continue;
    if (c->zText == NULL) {
      pVictim = c;
      break;
    }
    if (pVictim == NULL || c->iLastUse < pVictim->iLastUse) pVictim = c;
  }
  if (pVictim == NULL) return NULL;
  if (pVictim->zText) boltCacheFree(pVictim);
  pVictim->zText = tg_strndup(zText, nText);
  pVictim->nText = nText;
  pVictim->pStmt = pStmt;
  pVictim->bInUse = true;
  pVictim->iLastUse = ++s->iUseClock;
  pVictim->iSchema = tg_plan_version(s->pConn);
  return pVictim;
}

/* The state to return to once no result is open. */
static int boltIdleState(BoltSession *s) {
  if (s->bTx) return s->nResult ? ST_TX_STREAMING : ST_TX_READY;
  return s->nResult ? ST_STREAMING : ST_READY;
}

/* Binds the parameters the statement uses from the RUN map. */
static void boltBind(tg_stmt *pStmt, const Value *pParams) {
  if (pParams == NULL || pParams->type != VAL_MAP) return;
  for (int i = 0; i < tg_param_count(pStmt); i++) {
    const char *zName = tg_param_name(pStmt, i);
    const Value *v = value_map_get(pParams, zName, (uint32_t)strlen(zName));
    if (v) tg_bind_value(pStmt, zName, v);
  }
}

static int boltPutSummaryHere(BoltSession *s, BoltResult *r);

/* Writes the entries of a finished result's summary (its statement not
** yet released) into *pOut; returns how many. */
static int boltPutSummary(BoltSession *s, BoltResult *r, StrBuf *pOut) {
  StrBuf saved = s->body;
  s->body = *pOut;
  int n = boltPutSummaryHere(s, r);
  *pOut = s->body;
  s->body = saved;
  return n;
}

/* boltPutSummary, into s->body. */
static int boltPutSummaryHere(BoltSession *s, BoltResult *r) {
  int nEntry = 0;
  tg_changes c;
  tg_stmt_changes(r->pStmt, &c);
  const char *zType = r->bSchema ? "s" : r->bReadOnly ? "r" : "rw";
  boltPutStr(s, "type", zType);
  boltPutInt(s, "t_last", (boltNowNs() - r->iStartNs) / 1000000);
  boltPutStr(s, "db", BOLT_DB_NAME);
  nEntry += 3;
  struct {
    const char *zKey;
    int64_t n;
  } aStat[] = {{"nodes-created", c.nNodesCreated},    {"nodes-deleted", c.nNodesDeleted},
               {"relationships-created", c.nRelsCreated}, {"relationships-deleted", c.nRelsDeleted},
               {"properties-set", c.nPropsSet + c.nPropsRemoved}, {"labels-added", c.nLabelsAdded},
               {"labels-removed", c.nLabelsRemoved}};
  int nStat = 0;
  for (size_t i = 0; i < sizeof(aStat) / sizeof(aStat[0]); i++) nStat += aStat[i].n != 0;
  if (nStat) {
    boltPutKey(s, "stats");
    ps_put_map_header(&s->body, (uint32_t)nStat + 1);
    boltPutKey(s, "contains-updates");
    ps_put_bool(&s->body, true);
    for (size_t i = 0; i < sizeof(aStat) / sizeof(aStat[0]); i++) {
      if (aStat[i].n) boltPutInt(s, aStat[i].zKey, aStat[i].n);
    }
    nEntry++;
  }
  int nNote = tg_stmt_notification_count(r->pStmt);
  if (nNote > 0) {
    boltPutKey(s, "notifications");
    ps_put_list_header(&s->body, (uint32_t)nNote);
    for (int i = 0; i < nNote; i++) {
      const char *zGql = tg_stmt_notification_code(r->pStmt, i);
      const char *zCode = strcmp(zGql, "01N50") == 0   ? "Neo.ClientNotification.Statement.UnknownLabelWarning"
                          : strcmp(zGql, "01N51") == 0 ? "Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning"
                          : strcmp(zGql, "01N52") == 0 ? "Neo.ClientNotification.Statement.UnknownPropertyKeyWarning"
                                                       : "Neo.ClientNotification.Statement.PerformanceWarning";
      ps_put_map_header(&s->body, 5);
      boltPutStr(s, "code", zCode);
      boltPutStr(s, "title", tg_stmt_notification(r->pStmt, i));
      boltPutStr(s, "description", tg_stmt_notification(r->pStmt, i));
      boltPutStr(s, "severity", "WARNING");
      boltPutStr(s, "category", zGql[1] == '1' ? "UNRECOGNIZED" : "PERFORMANCE");
    }
    nEntry++;
  }
  return nEntry;
}

/* A commit was acknowledged: the next bookmark. */
static int64_t boltCommitted(BoltSession *s) { return atomic_fetch_add(&s->pSrv->nCommits, 1) + 1; }

static void boltPutBookmark(BoltSession *s, int64_t iCommit) {
  char zBookmark[40];
  snprintf(zBookmark, sizeof(zBookmark), "tangle:%lld", (long long)iCommit);
  boltPutStr(s, "bookmark", zBookmark);
}

/* ---- Requests ----------------------------------------------------------------- */

static void boltHello(BoltSession *s, const Value *pExtra) {
  const char *zAgent = boltMapStr(pExtra, "user_agent");
  if (zAgent == NULL) {
    boltFailure(s, "Neo.ClientError.Request.Invalid", "HELLO needs a user_agent");
    return;
  }
  bool bLogonLater = s->major > 5 || (s->major == 5 && s->minor >= 1);
  if (!bLogonLater && !boltLogin(s, pExtra)) {
    s->eState = ST_DEFUNCT;
    return;
  }
  if (s->major == 4 && pExtra && pExtra->type == VAL_MAP) {
    const Value *pPatch = value_map_get(pExtra, "patch_bolt", 10);
    for (uint32_t i = 0; pPatch && pPatch->type == VAL_LIST && i < pPatch->n; i++) {
      const Value *v = &pPatch->u.a[i];
      if (v->type == VAL_STRING && strcmp(v->u.z, "utc") == 0) s->bUtcPatch = true;
    }
  }
  char zId[32];
  snprintf(zId, sizeof(zId), "bolt-%llu", (unsigned long long)s->iId);
  ps_put_struct_header(&s->body, MSG_SUCCESS, 1);
  ps_put_map_header(&s->body, s->bUtcPatch ? 4 : 3);
  boltPutStr(s, "server", BOLT_AGENT);
  boltPutStr(s, "connection_id", zId);
  boltPutKey(s, "hints");
  ps_put_map_header(&s->body, 0);
  if (s->bUtcPatch) {
    boltPutKey(s, "patch_bolt");
    ps_put_list_header(&s->body, 1);
    ps_put_string(&s->body, "utc", 3);
  }
  boltEndMessage(s);
  s->eState = bLogonLater ? ST_AUTHENTICATION : ST_READY;
  char zAgentLog[200];
  boltLogText(zAgentLog, sizeof(zAgentLog), zAgent);
  bolt_log("bolt %llu %s: %s over %s, Bolt %d.%d%s%s%s", (unsigned long long)s->iId, s->zPeer, zAgentLog,
           net_transport_name(net_conn_transport(s->pNet)), s->major, s->minor, bLogonLater ? "" : ", user '",
           bLogonLater ? "" : s->zUser, bLogonLater ? "" : "'");
}

static void boltLogon(BoltSession *s, const Value *pAuthMap) {
  if (!boltLogin(s, pAuthMap)) {
    s->eState = ST_DEFUNCT;
    return;
  }
  boltSuccessEmpty(s);
  s->eState = ST_READY;
  bolt_log("bolt %llu %s: logged in as '%s'", (unsigned long long)s->iId, s->zPeer, s->zUser);
}

/* Ends the transaction and every result (RESET, ROLLBACK, close). */
static void boltAbandon(BoltSession *s) {
  boltDropAll(s);
  if (tg_in_transaction(s->pConn)) tg_rollback(s->pConn);
  s->bTx = s->bTxRead = false;
  s->iTxDeadlineNs = 0;
}

/* The time limit of a transaction starting now: the request's tx_timeout
** (ms) when it gives one, else the server's. */
static int64_t boltDeadline(BoltSession *s, const Value *pExtra) {
  /* A driver may ask for less time than the server allows, not more. */
  int64_t nMax = s->pSrv->pCfg->nTxTimeoutMs;
  int64_t nMs = boltMapInt(pExtra, "tx_timeout", -1);
  if (nMs <= 0 || (nMax > 0 && nMs > nMax)) nMs = nMax;
  if (nMs > BOLT_MAX_TIMEOUT_MS) nMs = BOLT_MAX_TIMEOUT_MS;
  s->nTxLimitMs = nMs;
  return nMs > 0 ? boltNowNs() + nMs * 1000000 : 0;
}

/* Sets the engine's statement timeout to what is left of the transaction. */
static void boltArmTimeout(BoltSession *s) {
  int64_t nLeftMs = 0;
  if (s->iTxDeadlineNs) {
    nLeftMs = (s->iTxDeadlineNs - boltNowNs()) / 1000000;
    if (nLeftMs < 1) nLeftMs = 1;
  }
  tg_config_set(s->pConn, "timeout", nLeftMs);
}

/* How values are written in the version agreed. */
static int boltValueFlags(const BoltSession *s) {
  if (s->major >= 5) return PS_BOLT_V5;
  return s->bUtcPatch ? PS_BOLT_UTC : PS_BOLT_V4;
}

/* Appends the current row of r's statement as a RECORD body to *pOut. */
static void boltPutRecord(BoltSession *s, BoltResult *r, StrBuf *pOut) {
  int nCol = tg_column_count(r->pStmt);
  ps_put_struct_header(pOut, MSG_RECORD, 1);
  ps_put_list_header(pOut, (uint32_t)nCol);
  for (int i = 0; i < nCol; i++) {
    char zErr[100];
    ps_put_value(pOut, s->pConn, tg_column_value(r->pStmt, i), boltValueFlags(s), zErr, sizeof(zErr));
  }
}

/* Runs r to its end now, keeping its records and summary (see
** BoltResult.bBuffered), and releases its statement. False on an error,
** which the engine's error on the connection then describes. */
static bool boltBufferResult(BoltSession *s, BoltResult *r) {
  StrBuf one;
  strbuf_init(&one);
  while (r->rcNext == TG_ROW) {
    strbuf_truncate(&one, 0);
    boltPutRecord(s, r, &one);
    uint32_t n = (uint32_t)one.n;
    strbuf_append(&r->records, (const char *)&n, sizeof(n));
    strbuf_append(&r->records, one.z, one.n);
    r->rcNext = tg_step(r->pStmt);
  }
  strbuf_free(&one);
  if (r->rcNext == TG_ERROR) return false;
  r->nSummary = boltPutSummary(s, r, &r->summary);
  r->bBuffered = true;
  boltReleaseStmt(r);
  return true;
}

/* Sends the final SUCCESS of a result that has ended and drops it. */
static void boltFinishResult(BoltSession *s, BoltResult *r) {
  int nEntry = r->nSummary;
  StrBuf entries = r->summary;
  strbuf_init(&r->summary);
  if (!r->bBuffered) {
    nEntry = boltPutSummary(s, r, &entries);
  }
  if (!s->bTx) {
    int64_t iCommit = r->bReadOnly ? atomic_load(&s->pSrv->nCommits) : boltCommitted(s);
    StrBuf saved = s->body;
    s->body = entries;
    boltPutBookmark(s, iCommit);
    entries = s->body;
    s->body = saved;
    nEntry++;
  }
  ps_put_struct_header(&s->body, MSG_SUCCESS, 1);
  ps_put_map_header(&s->body, (uint32_t)nEntry);
  strbuf_append(&s->body, entries.z, entries.n);
  strbuf_free(&entries);
  boltEndMessage(s);
  if (r->zText) {
    char zText[301];
    boltLogText(zText, sizeof(zText), r->zText);
    bolt_log("bolt %llu %s: %lld ms: %s", (unsigned long long)s->iId, s->zPeer,
             (long long)((boltNowNs() - r->iStartNs) / 1000000), zText);
  }
  boltDropResult(s, r);
  if (!s->bTx) s->iTxDeadlineNs = 0;
  s->eState = boltIdleState(s);
}

/* A result's error: FAILURE, logged, and the result dropped. */
static void boltResultFailed(BoltSession *s, BoltResult *r) {
  boltEngineFailure(s, NULL);
  bolt_log("bolt %llu %s: statement failed: %s", (unsigned long long)s->iId, s->zPeer, tg_errmsg(s->pConn));
  boltDropResult(s, r);
}

static void boltRun(BoltSession *s, const Value *pQuery, const Value *pParams, const Value *pExtra) {
  if (pQuery->type != VAL_STRING) {
    boltFailure(s, "Neo.ClientError.Request.Invalid", "RUN needs the query as a string");
    return;
  }
  if (s->nResult >= BOLT_MAX_RESULTS) {
    boltFailure(s, "Neo.ClientError.Request.Invalid", "too many open results in this transaction; PULL or DISCARD them first");
    return;
  }
  if (!s->bTx && !boltDbOk(s, pExtra)) return;
  const char *zMode = boltMapStr(pExtra, "mode");
  bool bReadMode = s->bTx ? s->bTxRead : (zMode && strcmp(zMode, "r") == 0);
  int64_t iStart = boltNowNs();
  if (!s->bTx) s->iTxDeadlineNs = boltDeadline(s, pExtra);
  boltArmTimeout(s);
  const char *zText = pQuery->u.z;
  tg_stmt *pStmt = NULL;
  const char *zTail = NULL;
  BoltCached *pCached = boltCacheFind(s, zText, pQuery->n);
  if (pCached) {
    pStmt = pCached->pStmt;
  } else if (tg_prepare(s->pConn, zText, (int)pQuery->n, &pStmt, &zTail) != TG_OK || pStmt == NULL) {
    if (pStmt == NULL && tg_errcode(s->pConn) == 0) {
      boltFailure(s, "Neo.ClientError.Statement.SyntaxError", "the query is empty");
    } else {
      boltEngineFailure(s, zText);
    }
    if (pStmt) tg_finalize(pStmt);
    return;
  }
  while (zTail && *zTail && (*zTail == ' ' || *zTail == '\n' || *zTail == '\t' || *zTail == '\r' || *zTail == ';')) zTail++;
  if (zTail && *zTail) {
    tg_finalize(pStmt);
    boltFailure(s, "Neo.ClientError.Statement.SyntaxError", "RUN takes one statement; send each statement in a RUN of its own");
    return;
  }
  bool bReadOnly = tg_stmt_readonly(pStmt) != 0;
  bool bSchema = tg_stmt_is_schema(pStmt) != 0;
  const char *zRefusalCode = NULL;
  const char *zRefusal = access_refusal(s->eRole, s->pSrv->pCfg->bReadOnly, bReadMode, s->bTx, pStmt, &zRefusalCode);
  if (zRefusal) {
    if (pCached) pCached->bInUse = false;
    else tg_finalize(pStmt);
    boltFailure(s, zRefusalCode, zRefusal);
    return;
  }
  if (pCached == NULL && !tg_stmt_is_txn_control(pStmt)) pCached = boltCacheAdd(s, zText, pQuery->n, pStmt);
  if (!bReadOnly) {
    /* The engine cannot write while a read of this session streams: run
    ** the transaction's open results to their ends first (drivers write
    ** while reading, e.g. for each record of a read, a write). */
    for (int i = 0; i < s->nResult; i++) {
      BoltResult *pOpen = &s->aResult[i];
      if (!pOpen->bBuffered && !boltBufferResult(s, pOpen)) {
        if (pCached) pCached->bInUse = false;
        else tg_finalize(pStmt);
        boltResultFailed(s, pOpen);
        return;
      }
    }
  }
  boltBind(pStmt, pParams);
  BoltResult *r = &s->aResult[s->nResult++];
  memset(r, 0, sizeof(*r));
  r->pStmt = pStmt;
  r->pCached = pCached;
  r->qid = s->bTx ? s->nNextQid++ : -1;
  r->iStartNs = iStart;
  r->bReadOnly = bReadOnly;
  r->bSchema = bSchema;
  if (s->pSrv->pCfg->bQueryLog) r->zText = tg_strndup(zText, pQuery->n);
  r->rcNext = tg_step(pStmt);
  if (r->rcNext == TG_ERROR) {
    boltEngineFailure(s, zText);
    bolt_log("bolt %llu %s: statement failed: %s", (unsigned long long)s->iId, s->zPeer, tg_errmsg(s->pConn));
    boltDropResult(s, r);
    return;
  }
  /* RUN's SUCCESS, written while the statement is at hand. */
  int nCol = tg_column_count(pStmt);
  ps_put_struct_header(&s->body, MSG_SUCCESS, 1);
  ps_put_map_header(&s->body, s->bTx ? 3 : 2);
  boltPutKey(s, "fields");
  ps_put_list_header(&s->body, (uint32_t)nCol);
  for (int i = 0; i < nCol; i++) {
    const char *zCol = tg_column_name(pStmt, i);
    ps_put_string(&s->body, zCol, strlen(zCol));
  }
  boltPutInt(s, "t_first", (boltNowNs() - iStart) / 1000000);
  if (s->bTx) boltPutInt(s, "qid", r->qid);
  /* An autocommit write has committed: its rows are kept here and its
  ** exclusive lock let go now, however slowly the client pulls them. */
  if (!bReadOnly && !s->bTx && !boltBufferResult(s, r)) {
    strbuf_truncate(&s->body, 0);
    boltEngineFailure(s, zText);
    bolt_log("bolt %llu %s: statement failed: %s", (unsigned long long)s->iId, s->zPeer, tg_errmsg(s->pConn));
    boltDropResult(s, r);
    return;
  }
  boltEndMessage(s);
  s->eState = boltIdleState(s);
}

/* The SUCCESS that ends a batch of a result that goes on. */
static void boltHasMore(BoltSession *s) {
  ps_put_struct_header(&s->body, MSG_SUCCESS, 1);
  ps_put_map_header(&s->body, 1);
  boltPutKey(s, "has_more");
  ps_put_bool(&s->body, true);
  boltEndMessage(s);
}

/* PULL (bDiscard false) or DISCARD: up to n records of result qid. */
static void boltPull(BoltSession *s, const Value *pExtra, bool bDiscard) {
  int64_t n = boltMapInt(pExtra, "n", -1);
  int64_t qid = boltMapInt(pExtra, "qid", -1);
  BoltResult *r = boltFindResult(s, qid);
  if (r == NULL || n == 0 || n < -1) {
    boltFailure(s, "Neo.ClientError.Request.Invalid", r ? "PULL and DISCARD need n > 0 or n = -1 (all)" : "there is no such result to PULL or DISCARD");
    return;
  }
  int64_t nSent = 0;
  if (r->bBuffered) {
    while (r->iNextRecord < r->records.n && (bDiscard || n < 0 || nSent < n)) {
      uint32_t nBody;
      memcpy(&nBody, r->records.z + r->iNextRecord, sizeof(nBody));
      if (!bDiscard) {
        strbuf_append(&s->body, r->records.z + r->iNextRecord + sizeof(nBody), nBody);
        boltEndMessage(s);
        if (s->out.n >= BOLT_FLUSH_BYTES && !boltFlush(s)) return;
      }
      r->iNextRecord += sizeof(nBody) + nBody;
      nSent++;
    }
    if (r->iNextRecord < r->records.n) {
      boltHasMore(s);
      return;
    }
    boltFinishResult(s, r);
    return;
  }
  while (r->rcNext == TG_ROW && (n < 0 || nSent < n)) {
    if (!bDiscard) {
      boltPutRecord(s, r, &s->body);
      boltEndMessage(s);
      if (s->out.n >= BOLT_FLUSH_BYTES && !boltFlush(s)) return;
      nSent++;
    } else if (!r->bReadOnly) {
      /* A write's rows are already made: skip them (its changes stay counted). */
    } else {
      break;   /* a read that is not wanted any more: stop it */
    }
    r->rcNext = tg_step(r->pStmt);
  }
  if (r->rcNext == TG_ERROR) {
    boltResultFailed(s, r);
    return;
  }
  if (r->rcNext == TG_ROW && !bDiscard) {
    boltHasMore(s);
    return;
  }
  boltFinishResult(s, r);
}

static void boltBegin(BoltSession *s, const Value *pExtra) {
  if (!boltDbOk(s, pExtra)) return;
  const char *zMode = boltMapStr(pExtra, "mode");
  /* A reader's transactions read, whatever the driver asks: they must not
  ** hold the exclusive lock. */
  s->bTxRead = (zMode && strcmp(zMode, "r") == 0) || s->eRole == ROLE_READER;
  s->iTxDeadlineNs = boltDeadline(s, pExtra);
  s->nNextQid = 0;
  if (!s->bTxRead) {
    boltArmTimeout(s);
    if (tg_begin(s->pConn) != TG_OK) {
      boltEngineFailure(s, NULL);
      s->iTxDeadlineNs = 0;
      return;
    }
  }
  s->bTx = true;
  boltSuccessEmpty(s);
  s->eState = ST_TX_READY;
}

static void boltCommit(BoltSession *s) {
  if (s->nResult > 0) {
    boltFailure(s, "Neo.ClientError.Request.Invalid", "COMMIT with results still open; PULL or DISCARD them first");
    return;
  }
  bool bWrote = !s->bTxRead;
  if (bWrote && tg_commit(s->pConn) != TG_OK) {
    boltEngineFailure(s, NULL);
    boltAbandon(s);
    s->eState = ST_FAILED;
    return;
  }
  s->bTx = false;
  s->iTxDeadlineNs = 0;
  int64_t iCommit = bWrote ? boltCommitted(s) : atomic_load(&s->pSrv->nCommits);
  ps_put_struct_header(&s->body, MSG_SUCCESS, 1);
  ps_put_map_header(&s->body, 1);
  boltPutBookmark(s, iCommit);
  boltEndMessage(s);
  s->eState = ST_READY;
}

/* A routing table of one server that reads, writes and routes. */
static void boltRoute(BoltSession *s, const Value *pContext) {
  const char *zAddress = boltMapStr(pContext, "address");
  if (zAddress == NULL || zAddress[0] == 0) zAddress = s->pSrv->zAddress;
  static const char *const azRole[] = {"ROUTE", "READ", "WRITE"};
  ps_put_struct_header(&s->body, MSG_SUCCESS, 1);
  ps_put_map_header(&s->body, 1);
  boltPutKey(s, "rt");
  ps_put_map_header(&s->body, 3);
  boltPutInt(s, "ttl", 300);
  boltPutStr(s, "db", BOLT_DB_NAME);
  boltPutKey(s, "servers");
  ps_put_list_header(&s->body, 3);
  for (int i = 0; i < 3; i++) {
    ps_put_map_header(&s->body, 2);
    boltPutKey(s, "addresses");
    ps_put_list_header(&s->body, 1);
    ps_put_string(&s->body, zAddress, strlen(zAddress));
    boltPutStr(s, "role", azRole[i]);
  }
  boltEndMessage(s);
}

/* Is message tag valid in the session's state? */
static bool boltAllowed(int eState, int tag) {
  switch (tag) {
    case MSG_HELLO: return eState == ST_CONNECTED;
    case MSG_LOGON: return eState == ST_AUTHENTICATION;
    case MSG_LOGOFF: return eState == ST_READY;
    case MSG_RUN: return eState == ST_READY || eState == ST_TX_READY || eState == ST_TX_STREAMING;
    case MSG_PULL:
    case MSG_DISCARD: return eState == ST_STREAMING || eState == ST_TX_STREAMING;
    case MSG_BEGIN: return eState == ST_READY;
    case MSG_COMMIT: return eState == ST_TX_READY;
    case MSG_ROLLBACK: return eState == ST_TX_READY || eState == ST_TX_STREAMING;
    case MSG_ROUTE:
    case MSG_TELEMETRY: return eState == ST_READY;
    default: return false;
  }
}

/* Fields each request carries (at least, at most). */
static bool boltFieldCount(BoltSession *s, int tag, int nField) {
  switch (tag) {
    case MSG_HELLO:
    case MSG_LOGON:
    case MSG_BEGIN:
    case MSG_TELEMETRY: return nField == 1;
    case MSG_PULL:
    case MSG_DISCARD: return nField == 1 || (s->major < 4 && nField == 0);
    case MSG_RUN: return nField == 3 || nField == 2;
    case MSG_ROUTE: return nField == 3;
    default: return nField == 0;
  }
}

static void boltDispatchMessage(BoltSession *s);

/* Handles one message in s->aMsg, reserving memory for a large one. */
static void boltDispatch(BoltSession *s) {
  int64_t nReserve = s->nMsg > BOLT_SMALL_REQUEST ? (int64_t)s->nMsg * BOLT_REQUEST_FACTOR : 0;
  if (nReserve) {
    int64_t nPool = TG_MAX(BOLT_REQUEST_POOL, s->pSrv->pCfg->nMaxMessage * BOLT_REQUEST_FACTOR);
    if (atomic_fetch_add(&s->pSrv->nRequestBytes, nReserve) + nReserve > nPool) {
      atomic_fetch_sub(&s->pSrv->nRequestBytes, nReserve);
      if (s->eState == ST_FAILED) {
        boltIgnored(s);
      } else {
        boltFailure(s, "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
                    "the server is decoding other large requests; try again");
      }
      return;
    }
  }
  boltDispatchMessage(s);
  /* The decoded fields go (the statement holds its own copies); after a
  ** large request, so do the buffers it grew, so an idle session is small. */
  if (nReserve) {
    arena_free(&s->arena);
    arena_init(&s->arena);
    tg_free(s->aMsg);
    s->aMsg = NULL;
    s->nMsgAlloc = 0;
    atomic_fetch_sub(&s->pSrv->nRequestBytes, nReserve);
  } else {
    arena_reset(&s->arena);
  }
}

/* Handles one message in s->aMsg. */
static void boltDispatchMessage(BoltSession *s) {
  PsReader rd;
  ps_reader_init(&rd, s->aMsg, s->nMsg);
  uint8_t tag;
  uint32_t nField;
  if (!ps_read_struct_header(&rd, &tag, &nField) || nField > 3) {
    boltFailure(s, "Neo.ClientError.Request.InvalidFormat", "a message must be a PackStream structure");
    s->eState = ST_DEFUNCT;
    return;
  }
  Value aField[3];
  for (uint32_t i = 0; i < nField; i++) {
    if (!ps_read_value(&rd, &s->arena, &aField[i])) {
      char zMsg[300];
      snprintf(zMsg, sizeof(zMsg), "malformed message: %s", rd.zErr);
      bool bLoggedOut = s->eState == ST_CONNECTED || s->eState == ST_AUTHENTICATION;
      boltFailure(s, "Neo.ClientError.Request.InvalidFormat", zMsg);
      if (bLoggedOut) s->eState = ST_DEFUNCT;
      return;
    }
  }
  if (ps_remaining(&rd) != 0) {
    boltFailure(s, "Neo.ClientError.Request.InvalidFormat", "malformed message: bytes after its last field");
    return;
  }
  if (tag == MSG_GOODBYE) {
    s->eState = ST_DEFUNCT;
    return;
  }
  if (tag == MSG_RESET) {
    boltAbandon(s);
    s->zPendingCode = NULL;
    boltSuccessEmpty(s);
    s->eState = s->eState == ST_CONNECTED || s->eState == ST_AUTHENTICATION ? s->eState : ST_READY;
    return;
  }
  if (s->eState == ST_FAILED) {
    boltIgnored(s);
    return;
  }
  if (s->zPendingCode && s->eState != ST_CONNECTED && s->eState != ST_AUTHENTICATION) {
    const char *zCode = s->zPendingCode;
    s->zPendingCode = NULL;
    boltFailure(s, zCode, s->zPendingMsg);
    return;
  }
  /* Before login a broken request ends the connection. */
  bool bLoggedOut = s->eState == ST_CONNECTED || s->eState == ST_AUTHENTICATION;
  if (!boltFieldCount(s, tag, (int)nField)) {
    boltFailure(s, "Neo.ClientError.Request.Invalid", "a request with the wrong number of fields");
    if (bLoggedOut) s->eState = ST_DEFUNCT;
    return;
  }
  if (!boltAllowed(s->eState, tag)) {
    char zMsg[120];
    snprintf(zMsg, sizeof(zMsg), "message 0x%02X is not valid in this state of the session", tag);
    boltFailure(s, "Neo.ClientError.Request.Invalid", zMsg);
    if (bLoggedOut) s->eState = ST_DEFUNCT;
    return;
  }
  /* The first field must be a map, except RUN's (the query) and ROUTE's (a map too). */
  if (nField > 0 && tag != MSG_RUN && aField[0].type != VAL_MAP && aField[0].type != VAL_NULL) {
    boltFailure(s, "Neo.ClientError.Request.Invalid", "the request's field must be a map");
    return;
  }
  switch (tag) {
    case MSG_HELLO: boltHello(s, &aField[0]); break;
    case MSG_LOGON: boltLogon(s, &aField[0]); break;
    case MSG_LOGOFF:
      boltAbandon(s);
      boltCacheClear(s);
      s->zUser[0] = 0;
      boltSuccessEmpty(s);
      s->eState = ST_AUTHENTICATION;
      break;
    case MSG_RUN: boltRun(s, &aField[0], &aField[1], nField > 2 ? &aField[2] : NULL); break;
    case MSG_PULL: boltPull(s, nField ? &aField[0] : NULL, false); break;
    case MSG_DISCARD: boltPull(s, nField ? &aField[0] : NULL, true); break;
    case MSG_BEGIN: boltBegin(s, &aField[0]); break;
    case MSG_COMMIT: boltCommit(s); break;
    case MSG_ROLLBACK:
      boltAbandon(s);
      boltSuccessEmpty(s);
      s->eState = ST_READY;
      break;
    case MSG_ROUTE: boltRoute(s, &aField[0]); break;
    case MSG_TELEMETRY: boltSuccessEmpty(s); break;
  }
}

/* ---- Handshake --------------------------------------------------------------- */

/* Is (major, minor) one we speak? */
static bool boltSpeaks(int major, int minor) {
  return (major == 5 && minor >= 0 && minor <= 4) || (major == 4 && minor == 4);
}

/* Reads the preamble and four proposals; answers with the best version we
** share, or zeros (and false) when there is none. */
static bool boltHandshake(BoltSession *s) {
  uint8_t a[20];
  if (net_read_full(s->pNet, a, 20, (int)s->pSrv->pCfg->nHandshakeTimeoutMs) != NET_OK) return false;
  if (a[0] != 0x60 || a[1] != 0x60 || a[2] != 0xB0 || a[3] != 0x17) {
    bolt_log("bolt %llu %s: not a Bolt client (bad preamble); closed", (unsigned long long)s->iId, s->zPeer);
    return false;
  }
  int bestMajor = 0, bestMinor = 0;
  for (int i = 0; i < 4 && bestMajor == 0; i++) {
    const uint8_t *p = a + 4 + 4 * i;
    int range = p[1], minor = p[2], major = p[3];
    /* Proposals come in the client's order of preference. */
    for (int m = minor; m >= 0 && m >= minor - range; m--) {
      if (boltSpeaks(major, m)) {
        bestMajor = major;
        bestMinor = m;
        break;
      }
    }
  }
  uint8_t reply[4] = {0, 0, (uint8_t)bestMinor, (uint8_t)bestMajor};
  if (net_write_all(s->pNet, reply, 4) != NET_OK) return false;
  if (bestMajor == 0) {
    bolt_log("bolt %llu %s: no Bolt version in common (we speak 5.0-5.4 and 4.4); closed",
             (unsigned long long)s->iId, s->zPeer);
    return false;
  }
  s->major = bestMajor;
  s->minor = bestMinor;
  return true;
}

void bolt_session(BoltServer *pSrv, struct NetConn *pNet, tg_db *pConn) {
  BoltSession *s = tg_calloc(1, sizeof(BoltSession));
  s->pSrv = pSrv;
  s->pNet = pNet;
  s->pConn = pConn;
  s->iId = atomic_fetch_add(&pSrv->nNextId, 1) + 1;
  s->iConnectNs = boltNowNs();
  snprintf(s->zPeer, sizeof(s->zPeer), "%s", net_conn_peer(pNet));
  snprintf(s->zAddr, sizeof(s->zAddr), "%s", net_conn_peer_ip(pNet));
  strbuf_init(&s->body);
  strbuf_init(&s->out);
  arena_init(&s->arena);
  s->eState = ST_CONNECTED;
  if (boltHandshake(s)) {
    while (s->eState != ST_DEFUNCT && boltReadMessage(s)) {
      boltDispatch(s);
    }
    boltFlush(s);
  }
  if (s->bTx || s->nResult) {
    bolt_log("bolt %llu %s: closed with a transaction open; rolled back", (unsigned long long)s->iId, s->zPeer);
  }
  boltAbandon(s);
  boltCacheClear(s);
  bolt_log("bolt %llu %s: disconnected", (unsigned long long)s->iId, s->zPeer);
  strbuf_free(&s->body);
  strbuf_free(&s->out);
  arena_free(&s->arena);
  tg_free(s->aMsg);
  tg_free(s);
}
