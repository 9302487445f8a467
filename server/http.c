/*
** http.c — the HTTP port of `tangle serve` (http.h): libmicrohttpd's
** daemon with one thread per connection, and what every request goes
** through before a handler sees it.
**
** In order, for each request:
**   1. the per-address rate limit (a token bucket: --http-rate a second,
**      bursts of twice that), else 429;
**   2. the method (GET, HEAD, POST, DELETE), else 405; a body over
**      --max-message is refused with 413 from its Content-Length, before
**      it is read, or as soon as it passes the limit;
**   3. on POST and DELETE, the Origin header, when present, must be this
**      server's own (scheme and Host), else 403: a page elsewhere cannot
**      make a browser write through a logged-in session;
**   4. static files (the explorer, GET only) need no login: the page must
**      load to show its login form;
**   5. everything else needs a user: HTTP basic auth on the request, or
**      the session cookie that POST /login sets (HttpOnly, SameSite=Strict,
**      Secure under TLS; its token is 256 random bits, kept only here, in
**      memory, dropped after SESSION_IDLE_MS unused). Failed logins are
**      throttled per address as on Bolt (auth.h);
**   6. the handler runs on the connection's own thread, with a connection
**      handle (tg_connect) made for this HTTP connection on first use.
** Every reply carries the security headers (httpSecurityHeaders): a
** Content-Security-Policy allowing only this origin's scripts and styles,
** nosniff, no framing, no referrer, no caching of API answers.
*/
#include "server/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "server/bolt.h"
#include "server/net.h"
#include "server/serve.h"
#include "server/web_assets.h"

#define HTTP_SESSION_COOKIE "tangle_session"
#define HTTP_SESSIONS_MAX 4096             /* logged-in browser sessions kept */
#define HTTP_SESSION_IDLE_MS (8 * 3600 * 1000LL) /* a session unused this long ends */
#define HTTP_RATE_SLOTS 1024               /* addresses the rate limiter tracks */
#define HTTP_HEADER_MEMORY (64 * 1024)     /* per connection: request line and headers */
#define HTTP_IDLE_TIMEOUT_S 30             /* a connection silent this long is closed */
#define HTTP_PER_ADDRESS_CONNECTIONS 64    /* connections one address may hold */
#define HTTP_LOGIN_BODY_MAX 4096           /* bytes of a POST /login body */
#define HTTP_TLS_FILE_MAX (1 << 20)        /* bytes of a PEM file */

static const char httpCsp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

/* A logged-in browser session. */
typedef struct HttpSession {
  char zToken[48];          /* base64url of 32 random bytes; "" when free */
  char zUser[AUTH_NAME_MAX + 1];
  int64_t iLastUseMs;
} HttpSession;

/* One address's token bucket. */
typedef struct HttpRate {
  char zAddr[64];           /* "" when free */
  double rTokens;
  int64_t iLastMs;
} HttpRate;

/* One HTTP connection: its engine handle, made on first use. */
typedef struct HttpConnState {
  tg_db *pConn;
  char zPeer[64];           /* client address, no port */
  struct HttpConnState *pNext, *pPrev;  /* the server's list, for shutdown */
} HttpConnState;

/* A request being received: its body so far. */
typedef struct HttpPending {
  StrBuf body;
  bool bTooLarge;
  bool bAnswered;           /* a reply was queued before the body was read */
} HttpPending;

struct HttpServer {
  tg_db *pDb;
  const ServeConfig *pCfg;
  AuthStore *pAuth;               /* NULL under --auth none */
  AuthThrottle *pThrottle;
  HttpHandlers handlers;
  struct MHD_Daemon *pMhd;
  bool bTls;
  int port;
  char zUrl[128];
  char *zTlsCert, *zTlsKey;       /* PEM text, alive as long as the daemon */
  atomic_bool bStopping;

  pthread_mutex_t mu;             /* guards everything below */
  HttpSession aSession[HTTP_SESSIONS_MAX];
  HttpRate aRate[HTTP_RATE_SLOTS];
  HttpConnState *pConns;          /* open connections */
};

static int64_t httpNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ======================================================================
** Rate limit and sessions
** ==================================================================== */

/* Takes one token from zAddr's bucket; false when it is empty. The table
** is a small hash with linear probing; when an address finds no slot, the
** least recently seen one in its probe run is reused. */
static bool httpRateAllow(HttpServer *h, const char *zAddr) {
  int nRate = h->pCfg->nHttpRatePerSec;
  if (nRate <= 0) return true;
  uint32_t hash = 2166136261u;
  for (const char *z = zAddr; *z; z++) hash = (hash ^ (unsigned char)*z) * 16777619u;
  int64_t now = httpNowMs();
  pthread_mutex_lock(&h->mu);
  HttpRate *pSlot = NULL, *pOldest = NULL;
  for (int i = 0; i < 8; i++) {
    HttpRate *p = &h->aRate[(hash + (uint32_t)i) % HTTP_RATE_SLOTS];
    if (strcmp(p->zAddr, zAddr) == 0) {
      pSlot = p;
      break;
    }
    if (pOldest == NULL || p->zAddr[0] == 0 || p->iLastMs < pOldest->iLastMs) {
      if (pOldest == NULL || pOldest->zAddr[0] != 0) pOldest = p;
    }
  }
  if (pSlot == NULL) {
    pSlot = pOldest;
    snprintf(pSlot->zAddr, sizeof(pSlot->zAddr), "%s", zAddr);
    pSlot->rTokens = 2.0 * nRate;
    pSlot->iLastMs = now;
  }
  pSlot->rTokens += (double)(now - pSlot->iLastMs) * nRate / 1000.0;
  if (pSlot->rTokens > 2.0 * nRate) pSlot->rTokens = 2.0 * nRate;
  pSlot->iLastMs = now;
  bool bAllow = pSlot->rTokens >= 1.0;
  if (bAllow) pSlot->rTokens -= 1.0;
  pthread_mutex_unlock(&h->mu);
  return bAllow;
}

/* A new session for zUser; writes its token into zToken. */
static void httpSessionNew(HttpServer *h, const char *zUser, char zToken[48]) {
  static const char aB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  unsigned char aRand[32];
  if (RAND_bytes(aRand, sizeof(aRand)) != 1) {
    /* No randomness: no session (the caller answers 500). */
    zToken[0] = 0;
    return;
  }
  int j = 0;
  for (int i = 0; i < 32; i += 3) {
    uint32_t v = (uint32_t)aRand[i] << 16 | (i + 1 < 32 ? (uint32_t)aRand[i + 1] << 8 : 0) |
                 (i + 2 < 32 ? aRand[i + 2] : 0);
    zToken[j++] = aB64[v >> 18 & 63];
    zToken[j++] = aB64[v >> 12 & 63];
    if (i + 1 < 32) zToken[j++] = aB64[v >> 6 & 63];
    if (i + 2 < 32) zToken[j++] = aB64[v & 63];
  }
  zToken[j] = 0;
  int64_t now = httpNowMs();
  pthread_mutex_lock(&h->mu);
  HttpSession *pSlot = &h->aSession[0];
  for (int i = 0; i < HTTP_SESSIONS_MAX; i++) {
    HttpSession *p = &h->aSession[i];
    if (p->zToken[0] == 0 || now - p->iLastUseMs > HTTP_SESSION_IDLE_MS) {
      pSlot = p;
      break;
    }
    if (p->iLastUseMs < pSlot->iLastUseMs) pSlot = p;
  }
  snprintf(pSlot->zToken, sizeof(pSlot->zToken), "%s", zToken);
  snprintf(pSlot->zUser, sizeof(pSlot->zUser), "%s", zUser);
  pSlot->iLastUseMs = now;
  pthread_mutex_unlock(&h->mu);
}

/* Compares tokens in time independent of where they differ. */
static bool httpTokenEqual(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  unsigned char diff = (unsigned char)(na != nb);
  for (size_t i = 0; i < na && i < nb; i++) diff |= (unsigned char)(a[i] ^ b[i]);
  return diff == 0;
}

/* The user of session zToken (copied into zUser), or false. */
static bool httpSessionUser(HttpServer *h, const char *zToken, char zUser[AUTH_NAME_MAX + 1]) {
  if (zToken == NULL || strlen(zToken) < 40) return false;
  int64_t now = httpNowMs();
  bool bFound = false;
  pthread_mutex_lock(&h->mu);
  for (int i = 0; i < HTTP_SESSIONS_MAX; i++) {
    HttpSession *p = &h->aSession[i];
    if (p->zToken[0] && httpTokenEqual(p->zToken, zToken)) {
      if (now - p->iLastUseMs > HTTP_SESSION_IDLE_MS) {
        p->zToken[0] = 0;
      } else {
        p->iLastUseMs = now;
        snprintf(zUser, AUTH_NAME_MAX + 1, "%s", p->zUser);
        bFound = true;
      }
      break;
    }
  }
  pthread_mutex_unlock(&h->mu);
  return bFound;
}

static void httpSessionEnd(HttpServer *h, const char *zToken) {
  if (zToken == NULL) return;
  pthread_mutex_lock(&h->mu);
  for (int i = 0; i < HTTP_SESSIONS_MAX; i++) {
    if (h->aSession[i].zToken[0] && httpTokenEqual(h->aSession[i].zToken, zToken)) {
      memset(&h->aSession[i], 0, sizeof(h->aSession[i]));
    }
  }
  pthread_mutex_unlock(&h->mu);
}

/* ======================================================================
** Replies
** ==================================================================== */

static void httpSecurityHeaders(struct MHD_Response *r, bool bStatic) {
  MHD_add_response_header(r, "Content-Security-Policy", httpCsp);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header(r, "Cache-Control", bStatic ? "no-cache" : "no-store");
}

/* Queues pReply on c. */
static enum MHD_Result httpSend(struct MHD_Connection *c, HttpReply *pReply, bool bStatic) {
  size_t n = pReply->body.n;
  struct MHD_Response *r = MHD_create_response_from_buffer(n, n ? pReply->body.z : (void *)"", MHD_RESPMEM_MUST_COPY);
  if (r == NULL) return MHD_NO;
  httpSecurityHeaders(r, bStatic);
  if (pReply->zContentType) MHD_add_response_header(r, "Content-Type", pReply->zContentType);
  for (int i = 0; i < pReply->nHeader; i++) {
    MHD_add_response_header(r, pReply->azHeaderName[i], pReply->azHeaderValue[i]);
  }
  enum MHD_Result rc = MHD_queue_response(c, (unsigned)pReply->nStatus, r);
  MHD_destroy_response(r);
  return rc;
}

static void httpReplyInit(HttpReply *pReply) {
  memset(pReply, 0, sizeof(*pReply));
  pReply->nStatus = 200;
  strbuf_init(&pReply->body);
}

/* An error reply, sent at once. */
static enum MHD_Result httpSendError(struct MHD_Connection *c, int nStatus, const char *zCode, const char *zMsg,
                                     const char *zHeader, const char *zHeaderValue) {
  HttpReply reply;
  httpReplyInit(&reply);
  http_reply_error(&reply, nStatus, zCode, zMsg);
  if (zHeader) http_reply_header(&reply, zHeader, zHeaderValue);
  enum MHD_Result rc = httpSend(c, &reply, false);
  strbuf_free(&reply.body);
  return rc;
}

/* ======================================================================
** Requests
** ==================================================================== */

static const char *httpHeader(struct MHD_Connection *c, const char *zName) {
  const char *z = MHD_lookup_connection_value(c, MHD_HEADER_KIND, zName);
  return z ? z : "";
}

static const char *httpQueryArg(const HttpRequest *pReq, const char *zName) {
  return MHD_lookup_connection_value((struct MHD_Connection *)pReq->pImpl, MHD_GET_ARGUMENT_KIND, zName);
}

/* The connection's state, made when MHD reported it started. */
static HttpConnState *httpConnState(struct MHD_Connection *c) {
  const union MHD_ConnectionInfo *pInfo = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return pInfo ? (HttpConnState *)pInfo->socket_context : NULL;
}

/* The connection's engine handle, set up as a Bolt session's is, for the
** user now making the request. */
static tg_db *httpConnFor(HttpServer *h, HttpConnState *pState, const char *zUser, AuthRole eRole) {
  if (pState->pConn == NULL) {
    tg_db *pConn = NULL;
    if (tg_connect(h->pDb, &pConn) != TG_OK) return NULL;
    serve_configure_conn(pConn, h->pCfg);
    pthread_mutex_lock(&h->mu);
    pState->pConn = pConn;
    pthread_mutex_unlock(&h->mu);
  }
  tg_config_set_text(pState->pConn, "client.user", zUser);
  tg_config_set_text(pState->pConn, "client.role", auth_role_name(eRole));
  return pState->pConn;
}

/* Is the Origin header, when there is one, this server? It must be the
** scheme this port speaks followed by the Host header the request came to. */
static bool httpOriginAllowed(HttpServer *h, struct MHD_Connection *c) {
  const char *zOrigin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
  if (zOrigin == NULL) {
    /* No Origin: not a browser's cross-site write (browsers send it on
    ** every POST); Sec-Fetch-Site still tells, where sent. */
    const char *zSite = httpHeader(c, "Sec-Fetch-Site");
    return strcmp(zSite, "cross-site") != 0 && strcmp(zSite, "same-site") != 0;
  }
  const char *zHost = httpHeader(c, "Host");
  const char *zScheme = h->bTls ? "https://" : "http://";
  size_t nScheme = strlen(zScheme);
  return zHost[0] && strncmp(zOrigin, zScheme, nScheme) == 0 && strcmp(zOrigin + nScheme, zHost) == 0;
}

/* Splits "Basic base64(user:password)". Returns false when absent or
** malformed. zBuf receives the decoded text. */
static bool httpBasicCredentials(const char *zAuth, char *zBuf, size_t nBuf, const char **pzUser, size_t *pnUser,
                                 const char **pzPass, size_t *pnPass) {
  if (strncasecmp(zAuth, "Basic ", 6) != 0) return false;
  const char *z = zAuth + 6;
  while (*z == ' ') z++;
  size_t nIn = strlen(z);
  while (nIn > 0 && z[nIn - 1] == ' ') nIn--;
  if (nIn == 0 || nIn % 4 != 0 || nIn / 4 * 3 >= nBuf) return false;
  int n = EVP_DecodeBlock((unsigned char *)zBuf, (const unsigned char *)z, (int)nIn);
  if (n < 0) return false;
  if (nIn >= 1 && z[nIn - 1] == '=') n--;
  if (nIn >= 2 && z[nIn - 2] == '=') n--;
  zBuf[n] = 0;
  const char *zColon = memchr(zBuf, ':', (size_t)n);
  if (zColon == NULL) return false;
  *pzUser = zBuf;
  *pnUser = (size_t)(zColon - zBuf);
  *pzPass = zColon + 1;
  *pnPass = (size_t)(n - (zColon + 1 - zBuf));
  return true;
}

typedef enum HttpAuthResult { HTTP_AUTH_OK, HTTP_AUTH_NONE, HTTP_AUTH_BAD, HTTP_AUTH_THROTTLED } HttpAuthResult;

/* Checks a name and password, throttled per address. */
static HttpAuthResult httpVerify(HttpServer *h, const char *zPeer, const char *zUser, size_t nUser, const char *zPass,
                                 size_t nPass, AuthRole *peRole, int64_t *pnWaitMs) {
  if (!auth_throttle_allow(h->pThrottle, zPeer, pnWaitMs)) return HTTP_AUTH_THROTTLED;
  if (auth_verify(h->pAuth, zUser, nUser, zPass, nPass, peRole) == AUTH_OK) {
    auth_throttle_success(h->pThrottle, zPeer);
    return HTTP_AUTH_OK;
  }
  auth_throttle_failure(h->pThrottle, zPeer);
  char zName[AUTH_NAME_MAX + 1];
  size_t i = 0;
  for (; i < nUser && i < AUTH_NAME_MAX; i++) zName[i] = (unsigned char)zUser[i] < 0x20 ? '?' : zUser[i];
  zName[i] = 0;
  bolt_log("http: login refused for %s from %s", nUser ? zName : "(no name)", zPeer);
  return HTTP_AUTH_BAD;
}

/* Who makes the request: basic auth, else the session cookie. */
static HttpAuthResult httpAuthenticate(HttpServer *h, struct MHD_Connection *c, const char *zPeer,
                                       char zUser[AUTH_NAME_MAX + 1], AuthRole *peRole, int64_t *pnWaitMs) {
  if (h->pAuth == NULL) {
    zUser[0] = 0;
    *peRole = AUTH_ROLE_ADMIN;
    return HTTP_AUTH_OK;
  }
  const char *zAuth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
  if (zAuth) {
    char zBuf[AUTH_NAME_MAX + AUTH_PASSWORD_MAX + 8];
    const char *zName, *zPass;
    size_t nName, nPass;
    if (!httpBasicCredentials(zAuth, zBuf, sizeof(zBuf), &zName, &nName, &zPass, &nPass)) return HTTP_AUTH_BAD;
    HttpAuthResult rc = httpVerify(h, zPeer, zName, nName, zPass, nPass, peRole, pnWaitMs);
    if (rc == HTTP_AUTH_OK) snprintf(zUser, AUTH_NAME_MAX + 1, "%.*s", (int)nName, zName);
    OPENSSL_cleanse(zBuf, sizeof(zBuf));
    return rc;
  }
  const char *zToken = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, HTTP_SESSION_COOKIE);
  if (zToken && httpSessionUser(h, zToken, zUser)) {
    *peRole = auth_role_of(h->pAuth, zUser);
    if (*peRole != AUTH_ROLE_NONE) return HTTP_AUTH_OK;
    httpSessionEnd(h, zToken);   /* the user was removed */
  }
  return HTTP_AUTH_NONE;
}

/* POST /login {"user": ..., "password": ...}: a session cookie. */
static void httpLogin(HttpServer *h, const HttpRequest *pReq, HttpReply *pReply) {
  if (h->pAuth == NULL) {
    pReply->zContentType = "application/json";
    strbuf_puts(&pReply->body, "{\"user\":\"\",\"role\":\"admin\",\"auth\":false}");
    return;
  }
  json_error_t jerr;
  json_t *pBody = pReq->nBody <= HTTP_LOGIN_BODY_MAX ? json_loadb(pReq->pBody, pReq->nBody, JSON_REJECT_DUPLICATES, &jerr)
                                                      : NULL;
  const char *zName = pBody ? json_string_value(json_object_get(pBody, "user")) : NULL;
  json_t *pPass = pBody ? json_object_get(pBody, "password") : NULL;
  if (zName == NULL || !json_is_string(pPass)) {
    http_reply_error(pReply, 400, "Neo.ClientError.Request.Invalid",
                     "POST /login takes a JSON object {\"user\": \"...\", \"password\": \"...\"}");
    json_decref(pBody);
    return;
  }
  AuthRole eRole = AUTH_ROLE_NONE;
  int64_t nWaitMs = 0;
  HttpAuthResult rc = httpVerify(h, pReq->zPeer, zName, json_string_length(json_object_get(pBody, "user")),
                                 json_string_value(pPass), json_string_length(pPass), &eRole, &nWaitMs);
  if (rc == HTTP_AUTH_THROTTLED) {
    char zMsg[160], zSec[24];
    snprintf(zMsg, sizeof(zMsg), "Too many failed logins from this address; try again in %lld s",
             (long long)(nWaitMs + 999) / 1000);
    snprintf(zSec, sizeof(zSec), "%lld", (long long)(nWaitMs + 999) / 1000);
    http_reply_error(pReply, 429, "Neo.ClientError.Security.AuthenticationRateLimit", zMsg);
    http_reply_header(pReply, "Retry-After", zSec);
  } else if (rc != HTTP_AUTH_OK) {
    http_reply_error(pReply, 401, "Neo.ClientError.Security.Unauthorized",
                     "The client is unauthorized due to authentication failure.");
  } else {
    char zToken[48], zCookie[160];
    httpSessionNew(h, zName, zToken);
    if (zToken[0] == 0) {
      http_reply_error(pReply, 500, "Neo.DatabaseError.General.UnknownError", "no randomness for a session token");
    } else {
      snprintf(zCookie, sizeof(zCookie), HTTP_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s", zToken,
               h->bTls ? "; Secure" : "");
      http_reply_header(pReply, "Set-Cookie", zCookie);
      pReply->zContentType = "application/json";
      strbuf_puts(&pReply->body, "{\"user\":");
      http_json_string(&pReply->body, zName, strlen(zName));
      strbuf_printf(&pReply->body, ",\"role\":\"%s\",\"auth\":true}", auth_role_name(eRole));
      bolt_log("http: %s logged in from %s", zName, pReq->zPeer);
    }
  }
  json_decref(pBody);
}

/* GET /whoami: who the page is logged in as, and what the server allows. */
static void httpWhoami(HttpServer *h, const HttpRequest *pReq, HttpReply *pReply) {
  pReply->zContentType = "application/json";
  strbuf_puts(&pReply->body, "{\"user\":");
  http_json_string(&pReply->body, pReq->zUser, strlen(pReq->zUser));
  strbuf_printf(&pReply->body, ",\"role\":\"%s\",\"auth\":%s,\"readOnly\":%s,\"database\":\"neo4j\"}",
                auth_role_name(pReq->eRole), h->pAuth ? "true" : "false", h->pCfg->bReadOnly ? "true" : "false");
}

/* Serves an embedded explorer file, or false when zPath is none. */
static bool httpStatic(const char *zPath, HttpReply *pReply) {
  if (strcmp(zPath, "/") == 0) zPath = "/index.html";
  for (unsigned i = 0; i < web_assets_count; i++) {
    if (strcmp(web_assets[i].zPath, zPath) == 0) {
      pReply->zContentType = web_assets[i].zContentType;
      strbuf_append(&pReply->body, (const char *)web_assets[i].aData, web_assets[i].nData);
      return true;
    }
  }
  return false;
}

/* Routes a complete, authenticated request. */
static void httpRoute(HttpServer *h, HttpRequest *pReq, HttpReply *pReply) {
  const char *zPath = pReq->zPath;
  if (strncmp(zPath, "/db/", 4) == 0 && h->handlers.xQuery) {
    h->handlers.xQuery(h->handlers.pQueryArg, pReq, pReply);
  } else if ((strcmp(zPath, "/render") == 0 || strcmp(zPath, "/render/style") == 0) && h->handlers.xRender) {
    h->handlers.xRender(h->handlers.pRenderArg, pReq, pReply);
  } else if (strcmp(zPath, "/whoami") == 0) {
    httpWhoami(h, pReq, pReply);
  } else {
    http_reply_error(pReply, 404, "Neo.ClientError.Request.Invalid", "No such resource");
  }
}

static enum MHD_Result httpAccess(void *pArg, struct MHD_Connection *c, const char *zUrl, const char *zMethod,
                                  const char *zVersion, const char *pUpload, size_t *pnUpload, void **ppReq) {
  (void)zVersion;
  HttpServer *h = pArg;
  HttpConnState *pState = httpConnState(c);
  const char *zPeer = pState ? pState->zPeer : "?";
  HttpPending *pPending = *ppReq;
  if (pPending == NULL) {
    /* First call: headers only. Refuse early what can be refused. */
    pPending = tg_calloc(1, sizeof(HttpPending));
    strbuf_init(&pPending->body);
    *ppReq = pPending;
    if (atomic_load(&h->bStopping)) {
      pPending->bAnswered = true;
      return httpSendError(c, 503, "Neo.TransientError.General.DatabaseUnavailable", "The server is shutting down",
                           "Connection", "close");
    }
    if (!httpRateAllow(h, zPeer)) {
      pPending->bAnswered = true;
      return httpSendError(c, 429, "Neo.ClientError.Request.Invalid",
                           "Too many requests from this address (--http-rate); slow down", "Retry-After", "1");
    }
    bool bKnown = strcmp(zMethod, "GET") == 0 || strcmp(zMethod, "HEAD") == 0 || strcmp(zMethod, "POST") == 0 ||
                  strcmp(zMethod, "DELETE") == 0;
    if (!bKnown) {
      pPending->bAnswered = true;
      return httpSendError(c, 405, "Neo.ClientError.Request.Invalid", "Method not allowed", "Allow",
                           "GET, HEAD, POST, DELETE");
    }
    const char *zLength = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (zLength && strtoull(zLength, NULL, 10) > (unsigned long long)h->pCfg->nMaxMessage) {
      pPending->bAnswered = true;
      return httpSendError(c, 413, "Neo.ClientError.Request.Invalid",
                           "The request body is larger than this server accepts (--max-message)", "Connection",
                           "close");
    }
    return MHD_YES;
  }
  if (*pnUpload > 0) {
    if (!pPending->bTooLarge && pPending->body.n + *pnUpload > (size_t)h->pCfg->nMaxMessage) {
      pPending->bTooLarge = true;
      strbuf_free(&pPending->body);
    }
    if (!pPending->bTooLarge) strbuf_append(&pPending->body, pUpload, *pnUpload);
    *pnUpload = 0;
    return MHD_YES;
  }
  if (pPending->bAnswered) return MHD_YES;
  if (pPending->bTooLarge) {
    return httpSendError(c, 413, "Neo.ClientError.Request.Invalid",
                         "The request body is larger than this server accepts (--max-message)", "Connection", "close");
  }

  bool bWrite = strcmp(zMethod, "POST") == 0 || strcmp(zMethod, "DELETE") == 0;
  if (bWrite && !httpOriginAllowed(h, c)) {
    return httpSendError(c, 403, "Neo.ClientError.Security.Forbidden",
                         "Cross-origin request refused: the Origin header is not this server", NULL, NULL);
  }

  HttpReply reply;
  httpReplyInit(&reply);
  enum MHD_Result rc;
  bool bGet = strcmp(zMethod, "GET") == 0 || strcmp(zMethod, "HEAD") == 0;
  if (bGet && httpStatic(zUrl, &reply)) {
    rc = httpSend(c, &reply, true);
    strbuf_free(&reply.body);
    return rc;
  }

  HttpRequest req;
  memset(&req, 0, sizeof(req));
  req.zMethod = zMethod;
  req.zPath = zUrl;
  req.zContentType = httpHeader(c, "Content-Type");
  req.zAccept = httpHeader(c, "Accept");
  req.pBody = strbuf_cstr(&pPending->body);
  req.nBody = pPending->body.n;
  req.zPeer = zPeer;
  req.xQueryArg = httpQueryArg;
  req.pImpl = c;

  if (strcmp(zUrl, "/login") == 0 && bWrite) {
    httpLogin(h, &req, &reply);
  } else if (strcmp(zUrl, "/logout") == 0 && bWrite) {
    httpSessionEnd(h, MHD_lookup_connection_value(c, MHD_COOKIE_KIND, HTTP_SESSION_COOKIE));
    http_reply_header(&reply, "Set-Cookie", HTTP_SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    reply.zContentType = "application/json";
    strbuf_puts(&reply.body, "{}");
  } else {
    char zUser[AUTH_NAME_MAX + 1];
    AuthRole eRole = AUTH_ROLE_NONE;
    int64_t nWaitMs = 0;
    HttpAuthResult eAuth = httpAuthenticate(h, c, zPeer, zUser, &eRole, &nWaitMs);
    if (eAuth == HTTP_AUTH_THROTTLED) {
      char zSec[24];
      snprintf(zSec, sizeof(zSec), "%lld", (long long)(nWaitMs + 999) / 1000);
      http_reply_error(&reply, 429, "Neo.ClientError.Security.AuthenticationRateLimit",
                       "Too many failed logins from this address; try again later");
      http_reply_header(&reply, "Retry-After", zSec);
    } else if (eAuth != HTTP_AUTH_OK) {
      http_reply_error(&reply, 401, "Neo.ClientError.Security.Unauthorized",
                       eAuth == HTTP_AUTH_NONE ? "Authentication required: HTTP basic auth, or log in (POST /login)"
                                               : "The client is unauthorized due to authentication failure.");
      /* A browser's page logs in with its own form; curl and HTTP
      ** clients are told to use basic auth. */
      if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Mode") == NULL) {
        http_reply_header(&reply, "WWW-Authenticate", "Basic realm=\"tangle\", charset=\"UTF-8\"");
      }
    } else {
      req.zUser = zUser;
      req.eRole = eRole;
      req.pConn = pState ? httpConnFor(h, pState, zUser, eRole) : NULL;
      if (req.pConn == NULL) {
        http_reply_error(&reply, 503, "Neo.TransientError.General.OutOfMemoryError", "no connection could be made");
      } else {
        httpRoute(h, &req, &reply);
        if (tg_in_transaction(req.pConn)) tg_rollback(req.pConn);
      }
    }
  }
  rc = httpSend(c, &reply, false);
  strbuf_free(&reply.body);
  return rc;
}

static void httpCompleted(void *pArg, struct MHD_Connection *c, void **ppReq, enum MHD_RequestTerminationCode eCode) {
  (void)pArg, (void)c, (void)eCode;
  HttpPending *pPending = *ppReq;
  if (pPending) {
    strbuf_free(&pPending->body);
    tg_free(pPending);
    *ppReq = NULL;
  }
}

/* Connection start and end: the state with the client's address, and its
** engine handle closed at the end. */
static void httpNotifyConnection(void *pArg, struct MHD_Connection *c, void **ppSocket,
                                 enum MHD_ConnectionNotificationCode eCode) {
  HttpServer *h = pArg;
  if (eCode == MHD_CONNECTION_NOTIFY_STARTED) {
    HttpConnState *pState = tg_calloc(1, sizeof(HttpConnState));
    snprintf(pState->zPeer, sizeof(pState->zPeer), "?");
    const union MHD_ConnectionInfo *pInfo = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (pInfo && pInfo->client_addr) {
      struct sockaddr *sa = pInfo->client_addr;
      socklen_t nSa = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
      char zHost[64];
      if (getnameinfo(sa, nSa, zHost, sizeof(zHost), NULL, 0, NI_NUMERICHOST) == 0) {
        const char *z = strncmp(zHost, "::ffff:", 7) == 0 && strchr(zHost + 7, '.') ? zHost + 7 : zHost;
        snprintf(pState->zPeer, sizeof(pState->zPeer), "%s", z);
      }
    }
    pthread_mutex_lock(&h->mu);
    pState->pNext = h->pConns;
    if (h->pConns) h->pConns->pPrev = pState;
    h->pConns = pState;
    pthread_mutex_unlock(&h->mu);
    *ppSocket = pState;
  } else if (eCode == MHD_CONNECTION_NOTIFY_CLOSED) {
    HttpConnState *pState = *ppSocket;
    if (pState == NULL) return;
    pthread_mutex_lock(&h->mu);
    if (pState->pPrev) pState->pPrev->pNext = pState->pNext;
    else h->pConns = pState->pNext;
    if (pState->pNext) pState->pNext->pPrev = pState->pPrev;
    tg_db *pConn = pState->pConn;
    pState->pConn = NULL;
    pthread_mutex_unlock(&h->mu);
    if (pConn) tg_close(pConn);
    tg_free(pState);
    *ppSocket = NULL;
  }
}

static void httpLog(void *pArg, const char *zFmt, va_list ap) {
  (void)pArg;
  char zMsg[512];
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  size_t n = strlen(zMsg);
  while (n > 0 && (zMsg[n - 1] == '\n' || zMsg[n - 1] == '\r')) zMsg[--n] = 0;
  bolt_log("http: %s", zMsg);
}

/* Reads a PEM file (bounded) into a NUL-terminated string. */
static char *httpReadPem(const char *zPath, char *zErr, size_t nErr) {
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) {
    snprintf(zErr, nErr, "cannot read %s: %s", zPath, strerror(errno));
    return NULL;
  }
  char *z = tg_malloc(HTTP_TLS_FILE_MAX + 1);
  size_t n = fread(z, 1, HTTP_TLS_FILE_MAX + 1, f);
  fclose(f);
  if (n > HTTP_TLS_FILE_MAX) {
    snprintf(zErr, nErr, "%s is larger than a PEM file should be", zPath);
    tg_free(z);
    return NULL;
  }
  z[n] = 0;
  return z;
}

/* ======================================================================
** Start and stop
** ==================================================================== */

int http_start(HttpServer **ppH, tg_db *pDb, const ServeConfig *pCfg, AuthStore *pAuth, AuthThrottle *pThrottle,
               const HttpHandlers *pHandlers, char *zErr, size_t nErr) {
  *ppH = NULL;
  char zNetErr[NET_ERRMSG_MAX];
  NetListener *pL = NULL;
  const char *zListen = pCfg->zHttpListen ? pCfg->zHttpListen : HTTP_DEFAULT_LISTEN;
  if (net_listen(zListen, &pL, zNetErr) != NET_OK) {
    snprintf(zErr, nErr, "--http %s: %s", zListen, zNetErr);
    return 1;
  }
  if (pAuth == NULL && !net_listener_is_loopback(pL)) {
    snprintf(zErr, nErr, "--auth none is only allowed on loopback addresses; --http %s is not one", zListen);
    net_listener_close(pL);
    return 1;
  }
  HttpServer *h = tg_calloc(1, sizeof(HttpServer));
  h->pDb = pDb;
  h->pCfg = pCfg;
  h->pAuth = pAuth;
  h->pThrottle = pThrottle;
  if (pHandlers) h->handlers = *pHandlers;
  h->port = net_listener_port(pL);
  h->bTls = pCfg->zTlsCert != NULL;
  pthread_mutex_init(&h->mu, NULL);
  if (h->bTls) {
    if ((h->zTlsCert = httpReadPem(pCfg->zTlsCert, zErr, nErr)) == NULL ||
        (h->zTlsKey = httpReadPem(pCfg->zTlsKey, zErr, nErr)) == NULL) {
      net_listener_close(pL);
      http_free(h);
      return 1;
    }
  }
  /* The URL to open: a wildcard address is reached through loopback. */
  const char *zAddr = net_listener_address(pL);
  char zHost[96];
  snprintf(zHost, sizeof(zHost), "%s", zAddr);
  char *zColon = strrchr(zHost, ':');
  if (zColon) *zColon = 0;
  if (strcmp(zHost, "0.0.0.0") == 0) snprintf(zHost, sizeof(zHost), "127.0.0.1");
  if (strcmp(zHost, "[::]") == 0) snprintf(zHost, sizeof(zHost), "[::1]");
  snprintf(h->zUrl, sizeof(h->zUrl), "%s://%s:%d/", h->bTls ? "https" : "http", zHost, h->port);

  int fd = net_listener_release_fd(pL);
  net_listener_close(pL);
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                   MHD_USE_ITC | (h->bTls ? MHD_USE_TLS : 0);
  unsigned nConn = pCfg->nMaxConnections > 0 ? (unsigned)pCfg->nMaxConnections : 1;
  struct MHD_OptionItem aOpt[] = {
      {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)httpLog, NULL},
      {MHD_OPTION_LISTEN_SOCKET, fd, NULL},
      {MHD_OPTION_CONNECTION_LIMIT, nConn, NULL},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, HTTP_PER_ADDRESS_CONNECTIONS, NULL},
      {MHD_OPTION_CONNECTION_TIMEOUT, HTTP_IDLE_TIMEOUT_S, NULL},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, HTTP_HEADER_MEMORY, NULL},
      {MHD_OPTION_THREAD_STACK_SIZE, 4u << 20, NULL},
      {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)httpCompleted, h},
      {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)httpNotifyConnection, h},
      {h->bTls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, h->zTlsCert},
      {h->bTls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, h->zTlsKey},
      {MHD_OPTION_END, 0, NULL},
  };
  h->pMhd = MHD_start_daemon(flags, 0, NULL, NULL, httpAccess, h, MHD_OPTION_ARRAY, aOpt, MHD_OPTION_END);
  if (h->pMhd == NULL) {
    snprintf(zErr, nErr, "--http %s: the HTTP server could not start%s", zListen,
             h->bTls ? " (is the TLS certificate and key PEM?)" : "");
    close(fd);
    http_free(h);
    return 1;
  }
  *ppH = h;
  return 0;
}

int http_port(const HttpServer *h) { return h->port; }
const char *http_url(const HttpServer *h) { return h->zUrl; }

void http_begin_shutdown(HttpServer *h) {
  if (h) atomic_store(&h->bStopping, true);
}

void http_interrupt(HttpServer *h) {
  if (h == NULL) return;
  pthread_mutex_lock(&h->mu);
  for (HttpConnState *p = h->pConns; p; p = p->pNext) {
    if (p->pConn) tg_interrupt(p->pConn);
  }
  pthread_mutex_unlock(&h->mu);
}

void http_free(HttpServer *h) {
  if (h == NULL) return;
  if (h->pMhd) MHD_stop_daemon(h->pMhd);
  pthread_mutex_destroy(&h->mu);
  if (h->zTlsKey) OPENSSL_cleanse(h->zTlsKey, strlen(h->zTlsKey));
  tg_free(h->zTlsCert);
  tg_free(h->zTlsKey);
  tg_free(h);
}
