/*
** http.h — `tangle serve --http`: the HTTP side of the server, for curl,
** HTTP clients and the explorer page in a browser.
**
** libmicrohttpd parses HTTP and runs one thread per connection; http.c
** owns that daemon and everything every request shares: authentication
** (basic auth on each request, or the explorer's session cookie), the
** security headers (Content-Security-Policy, nosniff, frame denial), the
** Origin check on writes, the body size and per-address rate limits, the
** static files of the explorer (web_assets.h), and routing. A route's
** handler sees a complete request (body read and bounded) and fills a
** reply; it never touches the socket:
**
**   /db/{name}/query/v2...     query_api.c  (Neo4j's Query API)
**   /render, /render/style     render_api.c (RENDER for the explorer)
**   /login, /logout, /whoami   http.c
**   GET anything else          the embedded explorer files
*/
#ifndef TANGLE_SERVER_HTTP_H
#define TANGLE_SERVER_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "server/auth.h"
#include "tangle.h"

#define HTTP_DEFAULT_LISTEN "127.0.0.1:7474"
#define HTTP_DEFAULT_MAX_BODY (16u << 20)   /* bytes of a request body (--max-message) */

/* A complete request, as a handler sees it. Strings are never NULL. */
typedef struct HttpRequest {
  const char *zMethod;       /* "GET", "POST", "DELETE", ... */
  const char *zPath;         /* the path, percent-decoded, without the query string */
  const char *zContentType;  /* Content-Type header, or "" */
  const char *zAccept;       /* Accept header, or "" */
  const char *pBody;         /* the body, NUL-terminated (nBody excludes the NUL) */
  size_t nBody;
  const char *zUser;         /* the authenticated user; "" under --auth none */
  AuthRole eRole;            /* their role; AUTH_ROLE_ADMIN under --auth none */
  const char *zPeer;         /* the client's address, for the log */
  /* A connection handle for this request alone (tg_connect), set up as a
  ** Bolt session's is (files, memory, lock timeout, client.user/role). A
  ** handler may run autocommit statements on it; it must leave no
  ** transaction open on it. */
  tg_db *pConn;
  /* The query string's value for zName (percent-decoded), or NULL. */
  const char *(*xQueryArg)(const struct HttpRequest *pReq, const char *zName);
  void *pImpl;               /* http.c's own */
} HttpRequest;

#define HTTP_REPLY_HEADERS_MAX 4

/* What a handler answers. http.c initialises it (status 200, empty body)
** and adds the security headers; a handler sets the status, the content
** type (a static string) and the body, and may add up to
** HTTP_REPLY_HEADERS_MAX headers of its own (copied). */
typedef struct HttpReply {
  int nStatus;
  const char *zContentType;
  StrBuf body;
  int nHeader;
  char azHeaderName[HTTP_REPLY_HEADERS_MAX][64];
  char azHeaderValue[HTTP_REPLY_HEADERS_MAX][512];
} HttpReply;

/* Adds a header to the reply (ignored past HTTP_REPLY_HEADERS_MAX). */
void http_reply_header(HttpReply *pReply, const char *zName, const char *zValue);

/* Sets a JSON error reply as Neo4j's Query API writes one:
** {"errors":[{"code":zCode,"message":zMessage}]} with status nStatus. */
void http_reply_error(HttpReply *pReply, int nStatus, const char *zCode, const char *zMessage);

/* Appends z as a JSON string (quoted and escaped; invalid UTF-8 becomes
** U+FFFD) to pOut. */
void http_json_string(StrBuf *pOut, const char *z, size_t n);

/* ---- the server --------------------------------------------------------- */

struct ServeConfig;

/* A route's handler; pArg is what was registered with it. */
typedef void (*HttpHandlerFn)(void *pArg, const HttpRequest *pReq, HttpReply *pReply);

/* The handlers of the routes http.c does not answer itself (serve.c
** wires them, so this layer knows nothing of them). NULL: 404. */
typedef struct HttpHandlers {
  HttpHandlerFn xQuery;      /* /db/... */
  void *pQueryArg;
  HttpHandlerFn xRender;     /* /render, /render/style */
  void *pRenderArg;
} HttpHandlers;

typedef struct HttpServer HttpServer;

/* Binds pCfg->zHttpListen (HTTP_DEFAULT_LISTEN when NULL) and starts
** serving on threads of its own; with pCfg->zTlsCert, HTTPS. pAuth NULL
** means --auth none, allowed on loopback only. Returns 0, or 1 with a
** message in zErr. */
int http_start(HttpServer **ppH, tg_db *pDb, const struct ServeConfig *pCfg, AuthStore *pAuth,
               AuthThrottle *pThrottle, const HttpHandlers *pHandlers, char *zErr, size_t nErr);
int http_port(const HttpServer *h);             /* the bound port */
const char *http_url(const HttpServer *h);      /* "http://127.0.0.1:7474/", to print */
/* From now on every new request gets 503. */
void http_begin_shutdown(HttpServer *h);
/* Interrupts the statements running on the HTTP connections. */
void http_interrupt(HttpServer *h);
/* Stops the daemon (waiting for its threads) and frees h (NULL is fine). */
void http_free(HttpServer *h);

#endif /* TANGLE_SERVER_HTTP_H */
