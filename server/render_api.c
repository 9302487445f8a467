/*
** render_api.c — GET /render/style and POST /render (render_api.h): what
** the explorer page needs from RENDER.
**
** The page draws its force-directed view itself, with the colours, shapes
** and captions of GET /render/style, and asks POST /render for Graphviz
** layouts (AS 'json': positions to animate to) and for exports (SVG, PNG,
** DOT) of the nodes and relationships it shows, with a statement such as
**   MATCH (n) WHERE id(n) IN $nodes
**   OPTIONAL MATCH (n)-[r]-(m) WHERE id(r) IN $rels AND id(m) IN $nodes
**   RETURN n, r
** The statement must only read (a reader may draw; nothing may change
** through a drawing), and runs on the request's own connection with the
** server's transaction time limit, which also stops a runaway layout
** (tg_render_stmt kills its child process).
*/
#include "server/render_api.h"
#include "server/json_value.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "server/bolt.h"
#include "server/serve.h"


/* The formats POST /render answers in, with their media types. */
static const struct {
  const char *zFormat;
  const char *zContentType;
} aRenderApiFormat[] = {
    {"svg", "image/svg+xml"},
    {"dot", "text/vnd.graphviz"},
    {"png", "image/png"},
    {"json", "application/json"},
    {"pdf", "application/pdf"},
};

/* The body's keys, for the message about an unknown one. */
static const char *const azRenderApiKey[] = {"statement", "parameters", "format", "layout",
                                             "direction", "title", "legend", "cluster", "maxNodes",
                                             "maxRelationships"};
#define RENDER_API_KEYS \
  "statement, parameters, format, layout, direction, title, legend, cluster, maxNodes, maxRelationships"

/* Sets a 400 reply: the request itself is wrong. */
static void renderApiBad(HttpReply *pReply, const char *zMessage) {
  http_reply_error(pReply, 400, "Neo.ClientError.Request.Invalid", zMessage);
}

/* GET /render/style. */
static void renderApiStyle(HttpReply *pReply) {
  char *z = tg_render_style_json();
  pReply->nStatus = 200;
  pReply->zContentType = "application/json";
  strbuf_puts(&pReply->body, z);
  tg_free(z);
  http_reply_header(pReply, "Cache-Control", "no-cache");
}

/* ---- The request -------------------------------------------------------- */

/* What POST /render was asked, read from its body (strings borrowed from
** the parsed JSON). */
typedef struct RenderApiAsk {
  const char *zStatement;
  size_t nStatement;
  json_t *pParams;           /* an object, or NULL */
  const char *zContentType;  /* of the format */
  tg_render_opts opts;
} RenderApiAsk;

/* An optional string field: true when absent, null or a string (*pz set,
** NULL for null); else a 400 naming it. */
static bool renderApiString(json_t *pBody, const char *zKey, const char **pz, HttpReply *pReply) {
  json_t *v = json_object_get(pBody, zKey);
  *pz = NULL;
  if (v == NULL || json_is_null(v)) return true;
  if (json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v)) {
    *pz = json_string_value(v);
    return true;
  }
  char zMsg[120];
  snprintf(zMsg, sizeof(zMsg), "\"%s\" must be a string", zKey);
  renderApiBad(pReply, zMsg);
  return false;
}

/* An optional positive integer field (0 when absent or null). */
static bool renderApiCount(json_t *pBody, const char *zKey, int64_t *pn, HttpReply *pReply) {
  json_t *v = json_object_get(pBody, zKey);
  *pn = 0;
  if (v == NULL || json_is_null(v)) return true;
  if (json_is_integer(v) && json_integer_value(v) > 0) {
    *pn = json_integer_value(v);
    return true;
  }
  char zMsg[120];
  snprintf(zMsg, sizeof(zMsg), "\"%s\" must be a positive integer", zKey);
  renderApiBad(pReply, zMsg);
  return false;
}

/* Reads and checks the body's fields into *pAsk; false with the reply set. */
static bool renderApiRead(json_t *pBody, RenderApiAsk *pAsk, HttpReply *pReply) {
  memset(pAsk, 0, sizeof(*pAsk));
  if (!json_is_object(pBody)) {
    renderApiBad(pReply, "POST /render takes a JSON object: {\"statement\": \"...\", ...}");
    return false;
  }
  const char *zKey;
  json_t *v;
  json_object_foreach(pBody, zKey, v) {
    bool bKnown = false;
    for (size_t i = 0; i < sizeof(azRenderApiKey) / sizeof(azRenderApiKey[0]); i++) {
      if (strcmp(zKey, azRenderApiKey[i]) == 0) bKnown = true;
    }
    if (!bKnown) {
      StrBuf msg;
      strbuf_init(&msg);
      strbuf_puts(&msg, "unknown field ");
      http_json_string(&msg, zKey, strlen(zKey));
      strbuf_puts(&msg, " (known: " RENDER_API_KEYS ")");
      renderApiBad(pReply, strbuf_cstr(&msg));
      strbuf_free(&msg);
      return false;
    }
  }
  json_t *pStatement = json_object_get(pBody, "statement");
  if (!json_is_string(pStatement)) {
    renderApiBad(pReply, "\"statement\" must be a string: the query whose values are drawn");
    return false;
  }
  pAsk->zStatement = json_string_value(pStatement);
  pAsk->nStatement = json_string_length(pStatement);
  pAsk->pParams = json_object_get(pBody, "parameters");
  if (pAsk->pParams && json_is_null(pAsk->pParams)) pAsk->pParams = NULL;
  if (pAsk->pParams && !json_is_object(pAsk->pParams)) {
    renderApiBad(pReply, "\"parameters\" must be an object of parameter names and values");
    return false;
  }
  tg_render_opts *o = &pAsk->opts;
  const char *zFormat;
  if (!renderApiString(pBody, "format", &zFormat, pReply) ||
      !renderApiString(pBody, "layout", &o->zLayout, pReply) ||
      !renderApiString(pBody, "direction", &o->zDirection, pReply) ||
      !renderApiString(pBody, "title", &o->zTitle, pReply) ||
      !renderApiCount(pBody, "maxNodes", &o->nMaxNodes, pReply) ||
      !renderApiCount(pBody, "maxRelationships", &o->nMaxRelationships, pReply)) {
    return false;
  }
  if (zFormat == NULL) zFormat = "svg";
  for (size_t i = 0; i < sizeof(aRenderApiFormat) / sizeof(aRenderApiFormat[0]); i++) {
    if (strcasecmp(zFormat, aRenderApiFormat[i].zFormat) == 0) {
      o->zFormat = aRenderApiFormat[i].zFormat;
      pAsk->zContentType = aRenderApiFormat[i].zContentType;
    }
  }
  if (o->zFormat == NULL) {
    StrBuf msg;
    strbuf_init(&msg);
    strbuf_puts(&msg, "unknown format ");
    http_json_string(&msg, zFormat, strlen(zFormat));
    strbuf_puts(&msg, " (use svg, dot, png, json or pdf)");
    renderApiBad(pReply, strbuf_cstr(&msg));
    strbuf_free(&msg);
    return false;
  }
  json_t *pLegend = json_object_get(pBody, "legend");
  if (pLegend && !json_is_null(pLegend)) {
    if (!json_is_boolean(pLegend)) {
      renderApiBad(pReply, "\"legend\" must be true or false");
      return false;
    }
    o->bNoLegend = json_is_false(pLegend);
  }
  json_t *pCluster = json_object_get(pBody, "cluster");
  if (pCluster && !json_is_null(pCluster)) {
    if (!json_is_boolean(pCluster)) {
      renderApiBad(pReply, "\"cluster\" must be true or false");
      return false;
    }
    o->bCluster = json_is_true(pCluster);
  }
  return true;
}

/* The HTTP status for a Neo4j status code: client errors 400 (security
** 403), transient ones 503, the database's own 500. */
static int renderApiStatus(const char *zCode) {
  if (strncmp(zCode, "Neo.ClientError.Security.", 25) == 0) return 403;
  if (strncmp(zCode, "Neo.ClientError.", 16) == 0) return 400;
  if (strncmp(zCode, "Neo.TransientError.", 19) == 0) return 503;
  return 500;
}

/* Sets the reply for the connection's current error, with its position
** in the statement when it has one. */
static void renderApiEngineError(tg_db *pConn, HttpReply *pReply) {
  const char *zCode = bolt_status_code(tg_errcode(pConn), tg_errdetail(pConn), tg_errmsg(pConn));
  char zMsg[800];
  if (tg_error_line(pConn) > 0) {
    snprintf(zMsg, sizeof(zMsg), "%s: line %d, column %d: %s", tg_errkind(pConn),
             tg_error_line(pConn), tg_error_column(pConn), tg_errmsg(pConn));
  } else {
    snprintf(zMsg, sizeof(zMsg), "%s: %s", tg_errkind(pConn), tg_errmsg(pConn));
  }
  http_reply_error(pReply, renderApiStatus(zCode), zCode, zMsg);
}

/* Is the request's body JSON (Content-Type application/json, any
** parameters after a ';')? */
static bool renderApiIsJson(const char *zContentType) {
  static const char zJson[] = "application/json";
  size_t n = sizeof(zJson) - 1;
  if (strncasecmp(zContentType, zJson, n) != 0) return false;
  char c = zContentType[n];
  return c == 0 || c == ';' || c == ' ' || c == '\t';
}

/*
** Prepares the one statement of the request, refusing what /render does
** not run: several statements, a statement that writes (to the graph, the
** schema or a file: RENDER ... TO), transaction control, and RENDER itself
** (its one value is a picture, not graph values). Returns the statement,
** or NULL with the reply set.
*/
static tg_stmt *renderApiPrepare(tg_db *pConn, const RenderApiAsk *pAsk, HttpReply *pReply) {
  if (pAsk->nStatement > INT32_MAX) {
    renderApiBad(pReply, "the statement is too long");
    return NULL;
  }
  tg_stmt *pStmt = NULL;
  const char *zTail = NULL;
  if (tg_prepare(pConn, pAsk->zStatement, (int)pAsk->nStatement, &pStmt, &zTail) != TG_OK) {
    renderApiEngineError(pConn, pReply);
    return NULL;
  }
  const char *zWhy = NULL;
  const char *zCode = "Neo.ClientError.Request.Invalid";
  int nStatus = 400;
  if (pStmt == NULL) {
    zWhy = "the statement is empty";
  } else {
    tg_stmt *pNext = NULL;
    const char *zEnd = pAsk->zStatement + pAsk->nStatement;
    if (zTail && zTail < zEnd) {
      /* Anything but spaces and comments after the first statement? */
      if (tg_prepare(pConn, zTail, (int)(zEnd - zTail), &pNext, NULL) != TG_OK || pNext) {
        zWhy = "POST /render runs one statement; send the others separately";
      }
      tg_finalize(pNext);
    }
  }
  if (zWhy == NULL && tg_stmt_is_txn_control(pStmt)) {
    zWhy = "POST /render runs one read statement on its own; it cannot begin or end a transaction";
  } else if (zWhy == NULL && (!tg_stmt_readonly(pStmt) || (tg_stmt_files(pStmt) & TG_FILES_WRITE))) {
    zWhy = "POST /render only reads: the statement would change the graph, the schema or a file";
    zCode = "Neo.ClientError.Security.Forbidden";
    nStatus = 403;
  } else if (zWhy == NULL && tg_stmt_is_render(pStmt)) {
    zWhy = "POST /render draws the values a statement returns: end it with RETURN, not RENDER "
           "(the body's format, layout, direction, title and legend are RENDER's options)";
  }
  if (zWhy) {
    tg_finalize(pStmt);
    http_reply_error(pReply, nStatus, zCode, zWhy);
    return NULL;
  }
  return pStmt;
}

/* POST /render. */
static void renderApiDraw(const ServeConfig *pCfg, const HttpRequest *pReq, HttpReply *pReply) {
  if (!renderApiIsJson(pReq->zContentType)) {
    http_reply_error(pReply, 415, "Neo.ClientError.Request.Invalid",
                     "POST /render takes a JSON body (Content-Type: application/json)");
    return;
  }
  json_error_t jerr;
  json_t *pBody = json_loadb(pReq->pBody, pReq->nBody, JSON_REJECT_DUPLICATES, &jerr);
  if (pBody == NULL) {
    char zMsg[300];
    snprintf(zMsg, sizeof(zMsg), "the body is not valid JSON: line %d, column %d: %s", jerr.line,
             jerr.column, jerr.text);
    http_reply_error(pReply, 400, "Neo.ClientError.Request.InvalidFormat", zMsg);
    return;
  }
  RenderApiAsk ask;
  tg_db *pConn = pReq->pConn;
  tg_stmt *pStmt = NULL;
  if (renderApiRead(pBody, &ask, pReply) && (pStmt = renderApiPrepare(pConn, &ask, pReply)) != NULL) {
    char zErr[300];
    if (!jv_bind_params(pStmt, ask.pParams, zErr, sizeof(zErr))) {
      http_reply_error(pReply, 400, "Neo.ClientError.Statement.ArgumentError", zErr);
    } else {
      /* The server's transaction time limit bounds the statement and the
      ** layout together (tg_render_stmt counts from its start). */
      int64_t nOldTimeout = tg_config_get(pConn, "timeout");
      if (pCfg && pCfg->nTxTimeoutMs > 0 &&
          (nOldTimeout <= 0 || nOldTimeout > pCfg->nTxTimeoutMs)) {
        tg_config_set(pConn, "timeout", pCfg->nTxTimeoutMs);
      }
      char *z = NULL;
      int n = 0;
      if (tg_render_stmt(pStmt, &ask.opts, &z, &n) != TG_OK) {
        renderApiEngineError(pConn, pReply);
      } else {
        pReply->nStatus = 200;
        pReply->zContentType = ask.zContentType;
        strbuf_append(&pReply->body, z, (size_t)n);
        http_reply_header(pReply, "Cache-Control", "no-store");
      }
      tg_free(z);
      tg_config_set(pConn, "timeout", nOldTimeout);
    }
    tg_finalize(pStmt);
  }
  json_decref(pBody);
}

void render_api_handle(void *pArg, const HttpRequest *pReq, HttpReply *pReply) {
  const ServeConfig *pCfg = pArg;
  bool bStyle = strcmp(pReq->zPath, "/render/style") == 0;
  const char *zMethod = bStyle ? "GET" : "POST";
  if (strcmp(pReq->zMethod, zMethod) != 0 && !(bStyle && strcmp(pReq->zMethod, "HEAD") == 0)) {
    char zMsg[80];
    snprintf(zMsg, sizeof(zMsg), "%s takes %s only", pReq->zPath, zMethod);
    http_reply_error(pReply, 405, "Neo.ClientError.Request.Invalid", zMsg);
    http_reply_header(pReply, "Allow", bStyle ? "GET, HEAD" : "POST");
    return;
  }
  if (bStyle) renderApiStyle(pReply);
  else renderApiDraw(pCfg, pReq, pReply);
}
