/*
** query_api.c — Neo4j's Query API v2 (query_api.h): routing, the request
** body, running one statement into a JSON reply, and the registry of
** explicit transactions.
**
** A request runs on the thread libmicrohttpd gave it. Autocommit
** statements use the request's own connection (pReq->pConn); an explicit
** transaction has a connection of its own, kept in the registry between
** requests. The registry's mutex guards only the table and each entry's
** flags: statements run outside it. An entry is "busy" while a request
** uses it (a second request at once gets 409), and only the thread that
** made it busy, or query_api_tick when it is idle, may end it, so a
** connection is never closed under a running statement.
*/
#include "server/query_api.h"

#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include "base/mem.h"
#include "server/access.h"
#include "server/auth.h"
#include "server/bolt.h"
#include "server/json_value.h"

#define QA_ID_LEN 16                    /* characters of a transaction id */
#define QA_DEFAULT_MAX_REPLY (16u << 20)
#define QA_LOG_TEXT 300                 /* characters of a statement in the log */

static const char qaPlain[] = "application/json";
static const char qaTyped[] = "application/vnd.neo4j.query";
static const char qaTyped11[] = "application/vnd.neo4j.query.v1.1";

/* An open explicit transaction. */
typedef struct QaTx {
  char zId[QA_ID_LEN + 1];
  char zUser[AUTH_NAME_MAX + 1];
  tg_db *pConn;
  bool bRead;            /* READ access mode: no engine transaction */
  bool bBusy;            /* a request is using it */
  bool bExpired;         /* it expired while busy: that request ends it */
  int64_t iExpiresMs;    /* monotonic clock */
} QaTx;

struct QueryApi {
  tg_db *pDb;
  const ServeConfig *pCfg;
  pthread_mutex_t mu;    /* guards the table and the entries' flags */
  QaTx *apTx[QUERY_API_MAX_TX];
  int nTx;
  uint64_t nIdSeq;       /* mixed into ids when the system has no randomness */
};

/* A parsed request body. */
typedef struct QaAsk {
  json_t *pBody;         /* the document (owned), or NULL for an empty body */
  const char *zStatement;/* NULL when none was given */
  size_t nStatement;
  json_t *pParams;       /* borrowed from pBody, or NULL */
  bool bCounters;        /* includeCounters */
  bool bReadMode;        /* accessMode READ */
  bool bTyped;           /* reply in typed JSON */
  const char *zReplyType;
} QaAsk;

static int64_t qaNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t qaTimeoutMs(const QueryApi *q) {
  return q->pCfg->nTxTimeoutMs > 0 ? q->pCfg->nTxTimeoutMs : 30000;
}

static size_t qaMaxReply(const QueryApi *q) {
  return q->pCfg->nMaxMessage > 0 ? (size_t)q->pCfg->nMaxMessage : QA_DEFAULT_MAX_REPLY;
}

/* ======================================================================
** Errors
** ==================================================================== */

/* The HTTP status for a Neo4j status code. */
static int qaStatusOf(const char *zCode) {
  static const struct {
    const char *zCode;
    int nStatus;
  } aExact[] = {
      {"Neo.ClientError.Security.Unauthorized", 401},
      {"Neo.ClientError.Security.Forbidden", 403},
      {"Neo.ClientError.General.ForbiddenOnReadOnlyDatabase", 403},
      {"Neo.ClientError.Database.DatabaseNotFound", 404},
      {"Neo.ClientError.Transaction.TransactionNotFound", 404},
      {"Neo.TransientError.Transaction.MaximumTransactionLimitReached", 429},
  };
  for (size_t i = 0; i < sizeof(aExact) / sizeof(aExact[0]); i++) {
    if (strcmp(zCode, aExact[i].zCode) == 0) return aExact[i].nStatus;
  }
  if (strncmp(zCode, "Neo.ClientError.", 16) == 0) return 400;
  if (strncmp(zCode, "Neo.TransientError.", 19) == 0) return 503;
  return 500;
}

/* An error reply; iLine 0 means no position. */
static void qaErrorAt(HttpReply *pReply, int nStatus, const char *zCode, const char *zMsg, int iLine, int iCol,
                      int iOfst) {
  pReply->nStatus = nStatus ? nStatus : qaStatusOf(zCode);
  pReply->zContentType = qaPlain;
  StrBuf *pOut = &pReply->body;
  strbuf_truncate(pOut, 0);
  strbuf_puts(pOut, "{\"errors\":[{\"code\":");
  http_json_string(pOut, zCode, strlen(zCode));
  strbuf_puts(pOut, ",\"message\":");
  http_json_string(pOut, zMsg, strlen(zMsg));
  if (iLine > 0) {
    strbuf_printf(pOut, ",\"position\":{\"line\":%d,\"column\":%d,\"offset\":%d}", iLine, iCol, iOfst < 0 ? 0 : iOfst);
  }
  strbuf_puts(pOut, "}]}");
}

static void qaError(HttpReply *pReply, const char *zCode, const char *zMsg) {
  qaErrorAt(pReply, 0, zCode, zMsg, 0, 0, 0);
}

/* The error of the last engine call on c, with its place in the text. */
static void qaEngineError(QueryApi *q, HttpReply *pReply, tg_db *c) {
  const char *zCode = bolt_status_code(tg_errcode(c), tg_errdetail(c), tg_errmsg(c));
  StrBuf m;
  strbuf_init(&m);
  if (strcmp(zCode, "Neo.TransientError.Transaction.TransactionTimedOut") == 0) {
    strbuf_printf(&m, "the statement ran past the server's time limit of %lld ms (--tx-timeout); it was stopped "
                  "and rolled back", (long long)qaTimeoutMs(q));
  } else if (tg_errcode(c) == TG_ERR_IO && strstr(tg_errmsg(c), "(--no-files)")) {
    strbuf_puts(&m, "file access is off for this server's clients (tangle serve --files DIR allows a folder)");
  } else {
    strbuf_puts(&m, tg_errmsg(c));
  }
  int iLine = tg_error_line(c), iCol = tg_error_column(c), iOfst = tg_error_offset(c);
  if (iLine > 0) strbuf_printf(&m, " (line %d, column %d (offset: %d))", iLine, iCol, iOfst < 0 ? 0 : iOfst);
  qaErrorAt(pReply, 0, zCode, strbuf_cstr(&m), iLine, iCol, iOfst);
  strbuf_free(&m);
}

/* ======================================================================
** The request
** ==================================================================== */

/* The media type of a Content-Type value (before any ';'), compared
** without case. */
static bool qaMediaIs(const char *zHeader, const char *zType) {
  while (*zHeader == ' ' || *zHeader == '\t') zHeader++;
  size_t n = strcspn(zHeader, ";");
  while (n > 0 && (zHeader[n - 1] == ' ' || zHeader[n - 1] == '\t')) n--;
  return n == strlen(zType) && strncasecmp(zHeader, zType, n) == 0;
}

/* Does the Accept header name zType (its own list entry)? */
static bool qaAccepts(const char *zAccept, const char *zType) {
  const char *z = zAccept;
  while (*z) {
    size_t n = strcspn(z, ",");
    char zItem[128];
    snprintf(zItem, sizeof(zItem), "%.*s", (int)(n < sizeof(zItem) - 1 ? n : sizeof(zItem) - 1), z);
    if (qaMediaIs(zItem, zType)) return true;
    z += n;
    if (*z == ',') z++;
  }
  return false;
}

static void qaAskFree(QaAsk *pAsk) {
  if (pAsk->pBody) json_decref(pAsk->pBody);
  memset(pAsk, 0, sizeof(*pAsk));
}

/*
** Reads the headers and body of a request into *pAsk. bNeedStatement: the
** body must hold a statement (autocommit). False after setting an error
** reply.
*/
static bool qaParse(const HttpRequest *pReq, HttpReply *pReply, bool bNeedStatement, QaAsk *pAsk) {
  static const char *const azKey[] = {"statement", "parameters", "includeCounters", "bookmarks", "accessMode",
                                      "impersonatedUser"};
  memset(pAsk, 0, sizeof(*pAsk));
  const char *zAccept = pReq->zAccept ? pReq->zAccept : "";
  if (qaAccepts(zAccept, qaTyped11)) {
    pAsk->bTyped = true;
    pAsk->zReplyType = qaTyped11;
  } else if (qaAccepts(zAccept, qaTyped)) {
    pAsk->bTyped = true;
    pAsk->zReplyType = qaTyped;
  } else if (zAccept[0] == 0 || qaAccepts(zAccept, qaPlain) || qaAccepts(zAccept, "*/*") ||
             qaAccepts(zAccept, "application/*")) {
    pAsk->zReplyType = qaPlain;
  } else {
    qaErrorAt(pReply, 406, "Neo.ClientError.Request.Invalid",
              "the Accept header allows neither application/json nor application/vnd.neo4j.query", 0, 0, 0);
    return false;
  }
  bool bEmpty = strspn(pReq->pBody, " \t\r\n") == pReq->nBody;
  if (bEmpty && !bNeedStatement) return true;
  const char *zType = pReq->zContentType ? pReq->zContentType : "";
  if (!qaMediaIs(zType, qaPlain) && !qaMediaIs(zType, qaTyped) && !qaMediaIs(zType, qaTyped11)) {
    char zMsg[300];
    snprintf(zMsg, sizeof(zMsg),
             "the request body must be JSON, sent with Content-Type: application/json (or "
             "application/vnd.neo4j.query), not '%.100s'", zType);
    qaErrorAt(pReply, 415, "Neo.ClientError.Request.InvalidFormat", zMsg, 0, 0, 0);
    return false;
  }
  if (bEmpty) {
    qaError(pReply, "Neo.ClientError.Request.Invalid", "the request body is empty: send {\"statement\": \"...\"}");
    return false;
  }
  json_error_t jerr;
  pAsk->pBody = json_loadb(pReq->pBody, pReq->nBody, JSON_REJECT_DUPLICATES, &jerr);
  if (pAsk->pBody == NULL) {
    char zMsg[400];
    snprintf(zMsg, sizeof(zMsg), "the request body is not valid JSON: %s (line %d, column %d)", jerr.text, jerr.line,
             jerr.column);
    qaError(pReply, "Neo.ClientError.Request.InvalidFormat", zMsg);
    return false;
  }
  json_t *pBody = pAsk->pBody;
  const char *zBad = NULL;
  if (!json_is_object(pBody)) {
    zBad = "the request body must be a JSON object: {\"statement\": \"...\", \"parameters\": {...}}";
  }
  const char *zKey;
  json_t *v;
  if (zBad == NULL) {
    json_object_foreach(pBody, zKey, v) {
      bool bKnown = false;
      for (size_t i = 0; i < sizeof(azKey) / sizeof(azKey[0]); i++) bKnown |= strcmp(zKey, azKey[i]) == 0;
      if (!bKnown) {
        char zMsg[300];
        snprintf(zMsg, sizeof(zMsg), "unknown field \"%.80s\" in the request (known: statement, parameters, "
                 "includeCounters, bookmarks, accessMode)", zKey);
        qaError(pReply, "Neo.ClientError.Request.Invalid", zMsg);
        qaAskFree(pAsk);
        return false;
      }
    }
    json_t *pStmt = json_object_get(pBody, "statement");
    json_t *pMode = json_object_get(pBody, "accessMode");
    json_t *pMarks = json_object_get(pBody, "bookmarks");
    json_t *pCount = json_object_get(pBody, "includeCounters");
    json_t *pImp = json_object_get(pBody, "impersonatedUser");
    pAsk->pParams = json_object_get(pBody, "parameters");
    if (pStmt && !json_is_string(pStmt)) {
      zBad = "\"statement\" must be a string";
    } else if (pStmt == NULL && bNeedStatement) {
      zBad = "the request has no \"statement\"";
    } else if (pAsk->pParams && !json_is_object(pAsk->pParams) && !json_is_null(pAsk->pParams)) {
      zBad = "\"parameters\" must be an object of parameter names and values";
    } else if (pCount && !json_is_boolean(pCount)) {
      zBad = "\"includeCounters\" must be true or false";
    } else if (pMode && !(json_is_string(pMode) && (strcasecmp(json_string_value(pMode), "READ") == 0 ||
                                                   strcasecmp(json_string_value(pMode), "WRITE") == 0))) {
      zBad = "\"accessMode\" must be \"READ\" or \"WRITE\"";
    } else if (pMarks && !json_is_array(pMarks) && !json_is_null(pMarks)) {
      zBad = "\"bookmarks\" must be a list of strings";
    } else if (pImp && !json_is_null(pImp)) {
      qaError(pReply, "Neo.ClientError.Security.Forbidden",
              "impersonation is not supported: log in as the user whose rights the statement needs");
      qaAskFree(pAsk);
      return false;
    }
    for (size_t i = 0; zBad == NULL && json_is_array(pMarks) && i < json_array_size(pMarks); i++) {
      if (!json_is_string(json_array_get(pMarks, i))) zBad = "\"bookmarks\" must be a list of strings";
    }
    if (zBad == NULL) {
      if (pStmt) {
        pAsk->zStatement = json_string_value(pStmt);
        pAsk->nStatement = json_string_length(pStmt);
      }
      pAsk->bCounters = json_is_true(pCount);
      pAsk->bReadMode = pMode && strcasecmp(json_string_value(pMode), "READ") == 0;
    }
  }
  if (zBad) {
    qaError(pReply, "Neo.ClientError.Request.Invalid", zBad);
    qaAskFree(pAsk);
    return false;
  }
  return true;
}

/* ======================================================================
** Running a statement
** ==================================================================== */

/* The counters of a finished statement, as Neo4j names them. */
static void qaPutCounters(StrBuf *pOut, tg_stmt *pStmt, bool bSchemaChanged) {
  tg_changes c;
  tg_stmt_changes(pStmt, &c);
  int64_t nProps = c.nPropsSet + c.nPropsRemoved;
  bool bUpdates = c.nNodesCreated || c.nNodesDeleted || c.nRelsCreated || c.nRelsDeleted || nProps ||
                  c.nLabelsAdded || c.nLabelsRemoved || bSchemaChanged;
  strbuf_printf(pOut,
                ",\"counters\":{\"containsUpdates\":%s,\"nodesCreated\":%lld,\"nodesDeleted\":%lld,"
                "\"propertiesSet\":%lld,\"relationshipsCreated\":%lld,\"relationshipsDeleted\":%lld,"
                "\"labelsAdded\":%lld,\"labelsRemoved\":%lld,\"indexesAdded\":0,\"indexesRemoved\":0,"
                "\"constraintsAdded\":0,\"constraintsRemoved\":0,\"containsSystemUpdates\":false,"
                "\"systemUpdates\":0}",
                bUpdates ? "true" : "false", (long long)c.nNodesCreated, (long long)c.nNodesDeleted,
                (long long)nProps, (long long)c.nRelsCreated, (long long)c.nRelsDeleted,
                (long long)c.nLabelsAdded, (long long)c.nLabelsRemoved);
}

/* The notifications of a finished statement, when it has any. */
static void qaPutNotifications(StrBuf *pOut, tg_stmt *pStmt) {
  int nNote = tg_stmt_notification_count(pStmt);
  if (nNote <= 0) return;
  strbuf_puts(pOut, ",\"notifications\":[");
  for (int i = 0; i < nNote; i++) {
    const char *zGql = tg_stmt_notification_code(pStmt, i);
    const char *zMsg = tg_stmt_notification(pStmt, i);
    const char *zCode = strcmp(zGql, "01N50") == 0   ? "Neo.ClientNotification.Statement.UnknownLabelWarning"
                        : strcmp(zGql, "01N51") == 0 ? "Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning"
                        : strcmp(zGql, "01N52") == 0 ? "Neo.ClientNotification.Statement.UnknownPropertyKeyWarning"
                                                     : "Neo.ClientNotification.Statement.PerformanceWarning";
    if (i) strbuf_putc(pOut, ',');
    strbuf_puts(pOut, "{\"code\":");
    http_json_string(pOut, zCode, strlen(zCode));
    strbuf_puts(pOut, ",\"gqlStatus\":");
    http_json_string(pOut, zGql, strlen(zGql));
    strbuf_puts(pOut, ",\"title\":");
    http_json_string(pOut, zMsg, strlen(zMsg));
    strbuf_puts(pOut, ",\"description\":");
    http_json_string(pOut, zMsg, strlen(zMsg));
    strbuf_printf(pOut, ",\"severity\":\"WARNING\",\"category\":\"%s\"}",
                  zGql[1] == '1' ? "UNRECOGNIZED" : "PERFORMANCE");
  }
  strbuf_putc(pOut, ']');
}

/* Writes a statement and its time to the server log (--query-log). */
static void qaLogStatement(const HttpRequest *pReq, const char *zText, size_t nText, int64_t iStartMs,
                           const char *zOutcome) {
  char zShow[QA_LOG_TEXT + 1];
  size_t n = nText < QA_LOG_TEXT ? nText : QA_LOG_TEXT;
  for (size_t i = 0; i < n; i++) zShow[i] = (zText[i] == '\n' || zText[i] == '\r') ? ' ' : zText[i];
  zShow[n] = 0;
  bolt_log("http %s %s: %lld ms%s: %s", pReq->zUser[0] ? pReq->zUser : "-", pReq->zPeer,
           (long long)(qaNowMs() - iStartMs), zOutcome, zShow);
}

/*
** Runs pAsk's statement on c and appends "data", and "counters" and
** "notifications" when there are, to the reply's body (the object's
** members, after its "{"). bInTx: inside an explicit transaction; bRead:
** in READ access mode. False after setting an error reply.
*/
static bool qaRun(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply, tg_db *c, const QaAsk *pAsk, bool bInTx,
                  bool bRead) {
  const ServeConfig *pCfg = q->pCfg;
  int64_t iStartMs = qaNowMs();
  if (pAsk->nStatement > INT_MAX) {
    qaError(pReply, "Neo.ClientError.Request.Invalid", "the statement is too long");
    return false;
  }
  tg_config_set(c, "timeout", qaTimeoutMs(q));
  tg_stmt *pStmt = NULL;
  const char *zTail = NULL;
  if (tg_prepare(c, pAsk->zStatement, (int)pAsk->nStatement, &pStmt, &zTail) != TG_OK) {
    qaEngineError(q, pReply, c);
    tg_finalize(pStmt);
    if (pCfg->bQueryLog) qaLogStatement(pReq, pAsk->zStatement, pAsk->nStatement, iStartMs, " (failed)");
    return false;
  }
  if (pStmt == NULL) {
    qaError(pReply, "Neo.ClientError.Statement.SyntaxError", "the statement is empty");
    return false;
  }
  const char *zEnd = pAsk->zStatement + pAsk->nStatement;
  while (zTail && zTail < zEnd && strchr(" \t\r\n;", *zTail)) zTail++;
  if (zTail && zTail < zEnd) {
    tg_finalize(pStmt);
    qaError(pReply, "Neo.ClientError.Statement.SyntaxError",
            "a request runs one statement; send each statement in a request of its own (or in one transaction)");
    return false;
  }
  const char *zCode = NULL;
  const char *zRefusal = access_refusal(pReq->eRole, pCfg->bReadOnly, bRead, bInTx, pStmt, &zCode);
  if (zRefusal) {
    tg_finalize(pStmt);
    qaError(pReply, zCode, zRefusal);
    return false;
  }
  char zErr[512];
  if (!jv_bind_params(pStmt, pAsk->pParams, zErr, sizeof(zErr))) {
    tg_finalize(pStmt);
    qaError(pReply, "Neo.ClientError.Request.Invalid", zErr);
    return false;
  }
  uint64_t iSchema = tg_schema_version(c);
  StrBuf *pOut = &pReply->body;
  size_t nMax = qaMaxReply(q);
  int nCol = tg_column_count(pStmt);
  strbuf_puts(pOut, "\"data\":{\"fields\":[");
  for (int i = 0; i < nCol; i++) {
    const char *zCol = tg_column_name(pStmt, i);
    if (i) strbuf_putc(pOut, ',');
    http_json_string(pOut, zCol, strlen(zCol));
  }
  strbuf_puts(pOut, "],\"values\":[");
  int rc;
  bool bFirst = true;
  while ((rc = tg_step(pStmt)) == TG_ROW) {
    strbuf_puts(pOut, bFirst ? "[" : ",[");
    bFirst = false;
    for (int i = 0; i < nCol; i++) {
      if (i) strbuf_putc(pOut, ',');
      jv_write_value(pOut, c, tg_column_value(pStmt, i), pAsk->bTyped);
    }
    strbuf_putc(pOut, ']');
    if (pOut->n > nMax) break;
  }
  if (rc == TG_ROW) {
    /* Past the reply's cap: stop reading (a read changed nothing). */
    tg_finalize(pStmt);
    char zMsg[300];
    snprintf(zMsg, sizeof(zMsg),
             "the result is larger than a reply may be (%zu bytes, --max-message): return fewer rows or columns "
             "(LIMIT, SKIP), or page through it", nMax);
    qaError(pReply, "Neo.ClientError.Statement.ResourceLimit", zMsg);
    if (pCfg->bQueryLog) qaLogStatement(pReq, pAsk->zStatement, pAsk->nStatement, iStartMs, " (reply too large)");
    return false;
  }
  if (rc == TG_ERROR) {
    qaEngineError(q, pReply, c);
    tg_finalize(pStmt);
    if (pCfg->bQueryLog) qaLogStatement(pReq, pAsk->zStatement, pAsk->nStatement, iStartMs, " (failed)");
    return false;
  }
  strbuf_puts(pOut, "]}");
  if (pAsk->bCounters) qaPutCounters(pOut, pStmt, tg_schema_version(c) != iSchema);
  qaPutNotifications(pOut, pStmt);
  tg_finalize(pStmt);
  if (pCfg->bQueryLog) qaLogStatement(pReq, pAsk->zStatement, pAsk->nStatement, iStartMs, "");
  return true;
}

/* Starts a success reply: status, content type, "{". */
static void qaReplyOpen(HttpReply *pReply, const QaAsk *pAsk) {
  pReply->nStatus = 202;
  pReply->zContentType = pAsk->zReplyType;
  strbuf_truncate(&pReply->body, 0);
  strbuf_putc(&pReply->body, '{');
}

/* Ends a success reply: bookmarks (one server: every commit is visible
** at once, so there are none to wait for) and "}". */
static void qaReplyClose(HttpReply *pReply) { strbuf_puts(&pReply->body, ",\"bookmarks\":[]}"); }

/* ======================================================================
** Transactions
** ==================================================================== */

/* A fresh transaction id: QA_ID_LEN characters of [A-Za-z0-9]. */
static void qaNewId(QueryApi *q, char *zId) {
  static const char aChar[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char aRand[QA_ID_LEN];
  if (getrandom(aRand, sizeof(aRand), GRND_NONBLOCK) != (ssize_t)sizeof(aRand)) {
    /* No randomness: a counter and the clock (ownership still protects). */
    uint64_t x = (uint64_t)qaNowMs() * 6364136223846793005ull + ++q->nIdSeq * 1442695040888963407ull;
    for (size_t i = 0; i < sizeof(aRand); i++) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      aRand[i] = (unsigned char)(x >> 56);
    }
  }
  for (int i = 0; i < QA_ID_LEN; i++) zId[i] = aChar[aRand[i] % (sizeof(aChar) - 1)];
  zId[QA_ID_LEN] = 0;
}

/* Ends a transaction that is out of the table: rolls it back, closes it. */
static void qaTxDestroy(QaTx *pTx) {
  if (pTx == NULL) return;
  if (pTx->pConn) {
    if (tg_in_transaction(pTx->pConn)) tg_rollback(pTx->pConn);
    tg_close(pTx->pConn);
  }
  tg_free(pTx);
}

/* Takes pTx out of the table (the caller holds the mutex). */
static void qaTxUnlink(QueryApi *q, QaTx *pTx) {
  for (int i = 0; i < QUERY_API_MAX_TX; i++) {
    if (q->apTx[i] == pTx) {
      q->apTx[i] = NULL;
      q->nTx--;
      return;
    }
  }
}

/* Appends the "transaction" member: the id and when it expires (UTC). */
static void qaPutTransaction(QueryApi *q, StrBuf *pOut, const QaTx *pTx) {
  time_t tExpires = time(NULL) + (time_t)((qaTimeoutMs(q) + 999) / 1000);
  struct tm tm;
  gmtime_r(&tExpires, &tm);
  char zWhen[40];
  strftime(zWhen, sizeof(zWhen), "%Y-%m-%dT%H:%M:%SZ", &tm);
  strbuf_printf(pOut, ",\"transaction\":{\"id\":\"%s\",\"expires\":\"%s\"}", pTx->zId, zWhen);
}

/*
** Finds the caller's transaction zId and marks it busy. NULL after setting
** the error reply: not found (or another user's: the same answer), or
** busy with another request.
*/
static QaTx *qaTxClaim(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply, const char *zId) {
  QaTx *pTx = NULL;
  bool bBusy = false;
  pthread_mutex_lock(&q->mu);
  for (int i = 0; i < QUERY_API_MAX_TX && pTx == NULL; i++) {
    QaTx *p = q->apTx[i];
    if (p && strcmp(p->zId, zId) == 0 && strcmp(p->zUser, pReq->zUser) == 0 && !p->bExpired) pTx = p;
  }
  if (pTx && pTx->bBusy) {
    bBusy = true;
    pTx = NULL;
  } else if (pTx) {
    pTx->bBusy = true;
    pTx->iExpiresMs = qaNowMs() + qaTimeoutMs(q);
  }
  pthread_mutex_unlock(&q->mu);
  if (bBusy) {
    qaErrorAt(pReply, 409, "Neo.ClientError.Request.Invalid",
              "the transaction is busy with another request; send its requests one after another", 0, 0, 0);
  } else if (pTx == NULL) {
    char zMsg[300];
    snprintf(zMsg, sizeof(zMsg),
             "Transaction with id '%.40s' not found: it was committed or rolled back, ended at an error, expired "
             "after %lld ms idle (--tx-timeout), or was never yours", zId, (long long)qaTimeoutMs(q));
    qaError(pReply, "Neo.ClientError.Transaction.TransactionNotFound", zMsg);
  }
  return pTx;
}

/*
** A request is done with pTx. bEnd: it ended (committed, rolled back, or
** failed). A transaction that expired while busy ends too, and its reply
** says so. The connection is closed outside the mutex.
*/
static void qaTxRelease(QueryApi *q, QaTx *pTx, bool bEnd, HttpReply *pReply) {
  pthread_mutex_lock(&q->mu);
  bool bExpired = pTx->bExpired;
  pTx->bBusy = false;
  if (bEnd || bExpired) {
    qaTxUnlink(q, pTx);
  } else {
    pTx->iExpiresMs = qaNowMs() + qaTimeoutMs(q);
  }
  pthread_mutex_unlock(&q->mu);
  if (bExpired && pReply) {
    char zMsg[200];
    snprintf(zMsg, sizeof(zMsg), "the transaction ran past the server's time limit of %lld ms (--tx-timeout); "
             "it was stopped and rolled back", (long long)qaTimeoutMs(q));
    qaError(pReply, "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", zMsg);
  }
  if (bEnd || bExpired) qaTxDestroy(pTx);
}

/* POST .../tx: begins a transaction, maybe runs a statement in it. */
static void qaBegin(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply) {
  QaAsk ask;
  if (!qaParse(pReq, pReply, false, &ask)) return;
  const ServeConfig *pCfg = q->pCfg;
  QaTx *pTx = tg_calloc(1, sizeof(QaTx));
  snprintf(pTx->zUser, sizeof(pTx->zUser), "%s", pReq->zUser);
  pTx->bRead = ask.bReadMode || pReq->eRole == AUTH_ROLE_READER || pCfg->bReadOnly;
  pTx->bBusy = true;
  if (tg_connect(q->pDb, &pTx->pConn) != TG_OK) {
    tg_free(pTx);
    qaError(pReply, "Neo.TransientError.General.OutOfMemoryError", "no connection could be made");
    qaAskFree(&ask);
    return;
  }
  serve_configure_conn(pTx->pConn, pCfg);
  tg_config_set(pTx->pConn, "files", pReq->eRole != AUTH_ROLE_READER && pCfg->zFilesRoot != NULL);
  tg_config_set_text(pTx->pConn, "client.user", pReq->zUser);
  tg_config_set_text(pTx->pConn, "client.role", auth_role_name(pReq->eRole));
  char zFull[200];
  zFull[0] = 0;
  pthread_mutex_lock(&q->mu);
  int nMine = 0, iFree = -1;
  for (int i = 0; i < QUERY_API_MAX_TX; i++) {
    if (q->apTx[i] == NULL) {
      if (iFree < 0) iFree = i;
    } else if (strcmp(q->apTx[i]->zUser, pReq->zUser) == 0) {
      nMine++;
    }
  }
  if (iFree < 0) {
    snprintf(zFull, sizeof(zFull), "too many open transactions on this server (%d); commit or roll back some, or "
             "wait for them to expire", QUERY_API_MAX_TX);
  } else if (nMine >= QUERY_API_MAX_TX_USER) {
    snprintf(zFull, sizeof(zFull), "this user has too many open transactions (%d); commit or roll back some, or "
             "wait for them to expire", QUERY_API_MAX_TX_USER);
  } else {
    qaNewId(q, pTx->zId);
    pTx->iExpiresMs = qaNowMs() + qaTimeoutMs(q);
    q->apTx[iFree] = pTx;
    q->nTx++;
  }
  pthread_mutex_unlock(&q->mu);
  if (zFull[0]) {
    qaTxDestroy(pTx);
    qaError(pReply, "Neo.TransientError.Transaction.MaximumTransactionLimitReached", zFull);
    qaAskFree(&ask);
    return;
  }
  bool bOk = true;
  if (!pTx->bRead) {
    tg_config_set(pTx->pConn, "timeout", qaTimeoutMs(q));
    if (tg_begin(pTx->pConn) != TG_OK) {
      qaEngineError(q, pReply, pTx->pConn);
      bOk = false;
    }
  }
  if (bOk) {
    qaReplyOpen(pReply, &ask);
    if (ask.zStatement) {
      bOk = qaRun(q, pReq, pReply, pTx->pConn, &ask, true, pTx->bRead);
    } else {
      strbuf_puts(&pReply->body, "\"data\":{\"fields\":[],\"values\":[]}");
    }
  }
  if (bOk) {
    qaPutTransaction(q, &pReply->body, pTx);
    qaReplyClose(pReply);
  }
  qaTxRelease(q, pTx, !bOk, pReply);
  qaAskFree(&ask);
}

/* POST .../tx/{id} (bCommit false) and .../tx/{id}/commit (true). */
static void qaContinue(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply, const char *zId, bool bCommit) {
  QaAsk ask;
  if (!qaParse(pReq, pReply, false, &ask)) return;
  QaTx *pTx = qaTxClaim(q, pReq, pReply, zId);
  if (pTx == NULL) {
    qaAskFree(&ask);
    return;
  }
  qaReplyOpen(pReply, &ask);
  bool bOk = true;
  if (ask.zStatement) {
    bOk = qaRun(q, pReq, pReply, pTx->pConn, &ask, true, pTx->bRead);
  } else {
    strbuf_puts(&pReply->body, "\"data\":{\"fields\":[],\"values\":[]}");
  }
  if (bOk && bCommit && tg_in_transaction(pTx->pConn) && tg_commit(pTx->pConn) != TG_OK) {
    qaEngineError(q, pReply, pTx->pConn);
    bOk = false;
  }
  if (bOk && !bCommit) qaPutTransaction(q, &pReply->body, pTx);
  if (bOk) qaReplyClose(pReply);
  /* A commit that went through stands, even if the transaction expired
  ** meanwhile. */
  qaTxRelease(q, pTx, bCommit || !bOk, bCommit && bOk ? NULL : pReply);
  qaAskFree(&ask);
}

/* DELETE .../tx/{id}: rolls back. */
static void qaRollback(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply, const char *zId) {
  QaTx *pTx = qaTxClaim(q, pReq, pReply, zId);
  if (pTx == NULL) return;
  if (tg_in_transaction(pTx->pConn)) tg_rollback(pTx->pConn);
  pReply->nStatus = 200;
  pReply->zContentType = qaPlain;
  strbuf_truncate(&pReply->body, 0);
  strbuf_puts(&pReply->body, "{\"bookmarks\":[]}");
  qaTxRelease(q, pTx, true, NULL);
}

/* POST .../query/v2: one statement, autocommit, on the request's connection. */
static void qaAutocommit(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply) {
  QaAsk ask;
  if (!qaParse(pReq, pReply, true, &ask)) return;
  tg_db *c = pReq->pConn;
  if (c == NULL) {
    qaError(pReply, "Neo.TransientError.General.OutOfMemoryError", "no connection could be made");
    qaAskFree(&ask);
    return;
  }
  /* Files as on Bolt: never for a reader. */
  tg_config_set(c, "files", pReq->eRole != AUTH_ROLE_READER && q->pCfg->zFilesRoot != NULL);
  qaReplyOpen(pReply, &ask);
  if (qaRun(q, pReq, pReply, c, &ask, false, ask.bReadMode)) qaReplyClose(pReply);
  tg_config_set(c, "timeout", 0);
  qaAskFree(&ask);
}

/* ======================================================================
** Routing and the registry's life
** ==================================================================== */

static void qaMethodNotAllowed(HttpReply *pReply, const char *zAllow) {
  char zMsg[120];
  snprintf(zMsg, sizeof(zMsg), "this resource answers %s only", zAllow);
  qaErrorAt(pReply, 405, "Neo.ClientError.Request.Invalid", zMsg, 0, 0, 0);
  http_reply_header(pReply, "Allow", zAllow);
}

void query_api_handle(QueryApi *q, const HttpRequest *pReq, HttpReply *pReply) {
  const char *zPath = pReq->zPath;
  const char *zMethod = pReq->zMethod;
  bool bPost = strcmp(zMethod, "POST") == 0, bDelete = strcmp(zMethod, "DELETE") == 0;
  if (strncmp(zPath, "/db/", 4) != 0) {
    qaErrorAt(pReply, 404, "Neo.ClientError.Request.Invalid", "No such resource", 0, 0, 0);
    return;
  }
  const char *zDb = zPath + 4;
  size_t nDb = strcspn(zDb, "/");
  const char *zRest = zDb + nDb;
  if (strncmp(zRest, "/query/v2", 9) != 0 || (zRest[9] != 0 && zRest[9] != '/')) {
    qaErrorAt(pReply, 404, "Neo.ClientError.Request.Invalid",
              "No such resource: the Query API is at /db/neo4j/query/v2", 0, 0, 0);
    return;
  }
  if (nDb != strlen(QUERY_API_DB_NAME) || strncmp(zDb, QUERY_API_DB_NAME, nDb) != 0) {
    char zMsg[200];
    snprintf(zMsg, sizeof(zMsg), "Database does not exist. Database name: '%.*s'. This server has one database, '"
             QUERY_API_DB_NAME "'.", (int)(nDb < 100 ? nDb : 100), zDb);
    qaError(pReply, "Neo.ClientError.Database.DatabaseNotFound", zMsg);
    return;
  }
  /* The rest: "", "/tx", "/tx/{id}" or "/tx/{id}/commit". */
  const char *zSub = zRest + 9;
  char zId[64];
  zId[0] = 0;
  bool bCommit = false;
  if (strncmp(zSub, "/tx/", 4) == 0) {
    size_t nId = strcspn(zSub + 4, "/");
    const char *zAfter = zSub + 4 + nId;
    if (nId > 0 && nId < sizeof(zId) && (zAfter[0] == 0 || strcmp(zAfter, "/commit") == 0)) {
      memcpy(zId, zSub + 4, nId);
      zId[nId] = 0;
      bCommit = zAfter[0] != 0;
    }
  }
  if (zSub[0] == 0 || strcmp(zSub, "/tx") == 0 || bCommit) {
    if (!bPost) {
      qaMethodNotAllowed(pReply, "POST");
    } else if (zSub[0] == 0) {
      qaAutocommit(q, pReq, pReply);
    } else if (bCommit) {
      qaContinue(q, pReq, pReply, zId, true);
    } else {
      qaBegin(q, pReq, pReply);
    }
  } else if (zId[0]) {
    if (bPost) {
      qaContinue(q, pReq, pReply, zId, false);
    } else if (bDelete) {
      qaRollback(q, pReq, pReply, zId);
    } else {
      qaMethodNotAllowed(pReply, "POST, DELETE");
    }
  } else {
    qaErrorAt(pReply, 404, "Neo.ClientError.Request.Invalid",
              "No such resource: the Query API has /query/v2, /query/v2/tx, /query/v2/tx/{id} and "
              "/query/v2/tx/{id}/commit", 0, 0, 0);
  }
}

QueryApi *query_api_new(tg_db *pDb, const ServeConfig *pCfg) {
  QueryApi *q = tg_calloc(1, sizeof(QueryApi));
  q->pDb = pDb;
  q->pCfg = pCfg;
  pthread_mutex_init(&q->mu, NULL);
  return q;
}

void query_api_tick(QueryApi *q) {
  if (q == NULL) return;
  QaTx *apDone[QUERY_API_MAX_TX];
  int nDone = 0;
  int64_t now = qaNowMs();
  pthread_mutex_lock(&q->mu);
  for (int i = 0; i < QUERY_API_MAX_TX; i++) {
    QaTx *p = q->apTx[i];
    if (p == NULL || now < p->iExpiresMs) continue;
    if (p->bBusy) {
      /* Its request ends it; until then, interrupt what runs (again at
      ** each tick: a statement starting just now clears an interrupt). */
      if (!p->bExpired) bolt_log("http: transaction %s of %s expired while running; interrupting it", p->zId, p->zUser);
      p->bExpired = true;
      tg_interrupt(p->pConn);
    } else {
      apDone[nDone++] = p;
      q->apTx[i] = NULL;
      q->nTx--;
    }
  }
  pthread_mutex_unlock(&q->mu);
  for (int i = 0; i < nDone; i++) {
    bolt_log("http: transaction %s of %s expired after %lld ms idle; rolled back", apDone[i]->zId,
             apDone[i]->zUser, (long long)qaTimeoutMs(q));
    qaTxDestroy(apDone[i]);
  }
}

void query_api_interrupt(QueryApi *q) {
  if (q == NULL) return;
  QaTx *apDone[QUERY_API_MAX_TX];
  int nDone = 0;
  pthread_mutex_lock(&q->mu);
  for (int i = 0; i < QUERY_API_MAX_TX; i++) {
    QaTx *p = q->apTx[i];
    if (p == NULL) continue;
    if (p->bBusy) {
      tg_interrupt(p->pConn);
    } else {
      apDone[nDone++] = p;
      q->apTx[i] = NULL;
      q->nTx--;
    }
  }
  pthread_mutex_unlock(&q->mu);
  for (int i = 0; i < nDone; i++) qaTxDestroy(apDone[i]);
}

void query_api_free(QueryApi *q) {
  if (q == NULL) return;
  for (int i = 0; i < QUERY_API_MAX_TX; i++) {
    qaTxDestroy(q->apTx[i]);
    q->apTx[i] = NULL;
  }
  pthread_mutex_destroy(&q->mu);
  tg_free(q);
}
