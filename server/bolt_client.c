/*
** bolt_client.c — a synchronous Bolt client (see bolt_client.h).
**
** Requests are PackStream structures cut into chunks (two bytes of size,
** the bytes, and a zero-size chunk to end the message); a RUN goes out
** with its first PULL in one write, so a statement costs one round trip.
** Replies are read one message at a time into aMsg. The client keeps
** count of the requests whose replies are still to come (nPending): after
** a FAILURE the server answers each of them IGNORED until a RESET, whose
** SUCCESS brings the connection back to a known state.
**
** The state of a result: RESULT_NONE; RESULT_STREAMING (a PULL is out
** and its records are being read); RESULT_HAS_MORE (the PULL ended with
** has_more: another PULL, or a DISCARD, may be sent).
*/
#include "server/bolt_client.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "server/packstream.h"

/* Request and reply signatures (the Bolt protocol's). */
#define BC_HELLO 0x01
#define BC_GOODBYE 0x02
#define BC_RESET 0x0F
#define BC_RUN 0x10
#define BC_BEGIN 0x11
#define BC_COMMIT 0x12
#define BC_ROLLBACK 0x13
#define BC_DISCARD 0x2F
#define BC_PULL 0x3F
#define BC_LOGON 0x6A
#define BC_SUCCESS 0x70
#define BC_RECORD 0x71
#define BC_IGNORED 0x7E
#define BC_FAILURE 0x7F

/* A wait for the server is cut into slices this long to notice *pStop. */
#define BC_SLICE_MS 100

enum { RESULT_NONE, RESULT_STREAMING, RESULT_HAS_MORE };

struct BoltClient {
  NetConn *pNet;               /* NULL once closed or lost */
  char zAddress[300];          /* "host:port" */
  char zAgent[128];            /* the server's "server" field */
  int major, minor;            /* the version agreed */
  volatile sig_atomic_t *pStop;
  bool bTx;                    /* BEGIN ... open */
  int nPending;                /* requests sent, replies not yet read */
  /* The result */
  int eResult;
  int nCol;
  const char **azCol;          /* column names (resArena) */
  BoltSummary summary;         /* of the last statement (resArena) */
  Arena resArena;              /* per statement: columns, summary */
  Arena rowArena;              /* per reply: the record or metadata read */
  /* I/O */
  uint8_t *aMsg;               /* the reply being read */
  size_t nMsg, nMsgAlloc;
  StrBuf body;                 /* one request being built */
  StrBuf out;                  /* chunked requests waiting to be written */
};

/* ---- Errors ----------------------------------------------------------------------- */

/* Sets a local error (no server code) and returns BOLT_ERROR. */
static int bcErrorV(BoltError *pErr, BoltErrorKind eKind, const char *zFmt, va_list ap) {
  pErr->eKind = eKind;
  pErr->zCode[0] = 0;
  vsnprintf(pErr->zMessage, sizeof(pErr->zMessage), zFmt, ap);
  return BOLT_ERROR;
}

static int bcError(BoltError *pErr, BoltErrorKind eKind, const char *zFmt, ...) TG_PRINTF(3, 4);
static int bcError(BoltError *pErr, BoltErrorKind eKind, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  bcErrorV(pErr, eKind, zFmt, ap);
  va_end(ap);
  return BOLT_ERROR;
}

static void bcClearError(BoltError *pErr) {
  pErr->eKind = BOLT_ERR_NONE;
  pErr->bTxEnded = false;
  pErr->zCode[0] = 0;
  pErr->zMessage[0] = 0;
}

/* The connection can no longer be trusted: says why (the message is
** formatted before the connection, which it may quote, is closed) and
** closes it. A transaction open on it is rolled back by the server. */
static int bcBroken(BoltClient *c, BoltError *pErr, BoltErrorKind eKind, const char *zFmt, ...) TG_PRINTF(4, 5);
static int bcBroken(BoltClient *c, BoltError *pErr, BoltErrorKind eKind, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  bcErrorV(pErr, eKind, zFmt, ap);
  va_end(ap);
  if (c->bTx) pErr->bTxEnded = true;
  c->bTx = false;
  c->eResult = RESULT_NONE;
  c->nPending = 0;
  net_close(c->pNet);
  c->pNet = NULL;
  return BOLT_ERROR;
}

/* ---- URIs ---------------------------------------------------------------------------- */

bool bolt_uri_parse(const char *zUri, BoltUri *pUri, char *zErr, size_t nErr) {
  static const struct {
    const char *zName;
    NetClientTls eTls;
  } aScheme[] = {{"bolt", NET_CLIENT_PLAIN},      {"bolt+s", NET_CLIENT_TLS},  {"bolt+ssc", NET_CLIENT_TLS_NOVERIFY},
                 {"neo4j", NET_CLIENT_PLAIN},     {"neo4j+s", NET_CLIENT_TLS}, {"neo4j+ssc", NET_CLIENT_TLS_NOVERIFY}};
  memset(pUri, 0, sizeof(*pUri));
  const char *zSep = strstr(zUri, "://");
  const char *zHost = zUri;
  snprintf(pUri->zScheme, sizeof(pUri->zScheme), "bolt");
  if (zSep) {
    size_t nScheme = (size_t)(zSep - zUri);
    size_t k = 0;
    for (; k < sizeof(aScheme) / sizeof(aScheme[0]); k++) {
      if (strlen(aScheme[k].zName) == nScheme && strncasecmp(zUri, aScheme[k].zName, nScheme) == 0) break;
    }
    if (k == sizeof(aScheme) / sizeof(aScheme[0])) {
      snprintf(zErr, nErr, "'%.*s://' is not a Bolt address; use bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// or neo4j+ssc://",
               (int)TG_MIN(nScheme, 40), zUri);
      return false;
    }
    snprintf(pUri->zScheme, sizeof(pUri->zScheme), "%s", aScheme[k].zName);
    pUri->eTls = aScheme[k].eTls;
    zHost = zSep + 3;
  }
  /* host, [v6 host], with an optional :port, an optional '/', nothing else
  ** (a neo4j:// routing context after '?' is ignored: one server). */
  size_t nAll = strcspn(zHost, "/?");
  const char *zRest = zHost + nAll;
  if (*zRest == '/') zRest++;
  if ((*zRest && *zRest != '?') || (*zRest == '?' && strncmp(pUri->zScheme, "neo4j", 5) != 0)) {
    snprintf(zErr, nErr, "'%s': a Bolt address is scheme://host:port, with nothing after it", zUri);
    return false;
  }
  if (memchr(zHost, '@', nAll)) {
    snprintf(zErr, nErr, "'%s': give the user with -u USER, not in the address", zUri);
    return false;
  }
  size_t nHost = nAll;
  const char *zPort = NULL;
  if (zHost[0] == '[') {
    const char *zClose = memchr(zHost, ']', nAll);
    if (zClose == NULL) {
      snprintf(zErr, nErr, "'%s': an IPv6 address needs its closing ']'", zUri);
      return false;
    }
    nHost = (size_t)(zClose - zHost) + 1;
    if (nHost < nAll && zHost[nHost] != ':') {
      snprintf(zErr, nErr, "'%s': expected ':port' after the ']'", zUri);
      return false;
    }
  } else {
    const char *zColon = memchr(zHost, ':', nAll);
    if (zColon) nHost = (size_t)(zColon - zHost);
  }
  if (nHost < nAll) zPort = zHost + nHost + 1;
  if (nHost == 0 || nHost >= 256) {
    snprintf(zErr, nErr, "'%s': the address has no host", zUri);
    return false;
  }
  long port = NET_DEFAULT_PORT;
  if (zPort) {
    size_t nPort = (size_t)(zHost + nAll - zPort);
    port = 0;
    for (size_t i = 0; i < nPort; i++) {
      if (!isdigit((unsigned char)zPort[i]) || port > 65535) {
        port = -1;
        break;
      }
      port = port * 10 + (zPort[i] - '0');
    }
    if (nPort == 0 || port < 1 || port > 65535) {
      snprintf(zErr, nErr, "'%s': the port must be a number from 1 to 65535", zUri);
      return false;
    }
  }
  snprintf(pUri->zHostPort, sizeof(pUri->zHostPort), "%.*s:%ld", (int)nHost, zHost, port);
  return true;
}

/* ---- Writing requests ----------------------------------------------------------------- */

/* Cuts the request in c->body into chunks at the end of c->out. */
static void bcEndRequest(BoltClient *c) {
  const char *z = c->body.z;
  size_t n = c->body.n;
  while (n > 0) {
    size_t k = n > 65535 ? 65535 : n;
    char hdr[2] = {(char)(k >> 8), (char)(k & 0xFF)};
    strbuf_append(&c->out, hdr, 2);
    strbuf_append(&c->out, z, k);
    z += k;
    n -= k;
  }
  strbuf_append(&c->out, "\0\0", 2);
  strbuf_truncate(&c->body, 0);
  c->nPending++;
}

/* Writes the requests waiting in c->out. */
static int bcFlush(BoltClient *c, BoltError *pErr) {
  if (c->pNet == NULL) {
    strbuf_truncate(&c->out, 0);
    return bcError(pErr, BOLT_ERR_CONNECTION, "the connection to %s was lost", c->zAddress);
  }
  int rc = net_write_all(c->pNet, c->out.z, c->out.n);
  strbuf_truncate(&c->out, 0);
  if (rc == NET_OK) return BOLT_OK;
  return bcBroken(c, pErr, BOLT_ERR_CONNECTION, "the connection to %s was lost while sending: %s", c->zAddress,
                  rc == NET_TIMEOUT ? "the server does not read" : net_conn_error(c->pNet));
}

static void bcPutStr(BoltClient *c, const char *zKey, const char *zVal) {
  ps_put_string(&c->body, zKey, strlen(zKey));
  ps_put_string(&c->body, zVal, strlen(zVal));
}

static void bcPutInt(BoltClient *c, const char *zKey, int64_t i) {
  ps_put_string(&c->body, zKey, strlen(zKey));
  ps_put_int(&c->body, i);
}

/* A request with one map field: {} or {tx_timeout: n}. */
static void bcRequestTimeout(BoltClient *c, uint8_t tag, int64_t nTxTimeoutMs) {
  ps_put_struct_header(&c->body, tag, 1);
  ps_put_map_header(&c->body, nTxTimeoutMs > 0 ? 1 : 0);
  if (nTxTimeoutMs > 0) bcPutInt(c, "tx_timeout", nTxTimeoutMs);
  bcEndRequest(c);
}

/* A request without fields (RESET, COMMIT, ROLLBACK, GOODBYE). */
static void bcRequestBare(BoltClient *c, uint8_t tag) {
  ps_put_struct_header(&c->body, tag, 0);
  bcEndRequest(c);
}

/* PULL or DISCARD of n records (-1: all). */
static void bcRequestPull(BoltClient *c, uint8_t tag, int64_t n) {
  ps_put_struct_header(&c->body, tag, 1);
  ps_put_map_header(&c->body, 1);
  bcPutInt(c, "n", n);
  bcEndRequest(c);
}

/* ---- Reading replies -------------------------------------------------------------------- */

static int64_t bcNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
** Reads exactly n bytes. iDeadlineMs (bcNowMs time, 0: none) bounds the
** wait; bStoppable lets *pStop end it (only ever at a message boundary,
** so the stream stays in step).
*/
static int bcRead(BoltClient *c, void *p, size_t n, int64_t iDeadlineMs, bool bStoppable, BoltError *pErr) {
  for (;;) {
    if (c->pNet == NULL) return bcError(pErr, BOLT_ERR_CONNECTION, "the connection to %s was lost", c->zAddress);
    int rc = net_read_full(c->pNet, p, n, BC_SLICE_MS);
    if (rc == NET_OK) return BOLT_OK;
    if (rc == NET_TIMEOUT) {
      if (bStoppable && c->pStop && *c->pStop) {
        return bcError(pErr, BOLT_ERR_INTERRUPTED, "interrupted while waiting for %s", c->zAddress);
      }
      if (iDeadlineMs == 0 || bcNowMs() < iDeadlineMs) continue;
      return bcBroken(c, pErr, BOLT_ERR_CONNECTION, "no answer from %s in time", c->zAddress);
    }
    if (rc == NET_EOF) return bcBroken(c, pErr, BOLT_ERR_CONNECTION, "the server at %s closed the connection", c->zAddress);
    return bcBroken(c, pErr, BOLT_ERR_CONNECTION, "the connection to %s was lost: %s", c->zAddress,
                    net_conn_error(c->pNet));
  }
}

/* Reads one whole reply message into c->aMsg (NOOP chunks skipped). */
static int bcReadMessage(BoltClient *c, int64_t iDeadlineMs, bool bStoppable, BoltError *pErr) {
  c->nMsg = 0;
  for (;;) {
    uint8_t h[2];
    if (bcRead(c, h, 2, iDeadlineMs, bStoppable && c->nMsg == 0, pErr) != BOLT_OK) return BOLT_ERROR;
    size_t n = (size_t)((h[0] << 8) | h[1]);
    if (n == 0) {
      if (c->nMsg == 0) continue;
      return BOLT_OK;
    }
    if (c->nMsg + n > BOLT_CLIENT_MAX_MESSAGE) {
      return bcBroken(c, pErr, BOLT_ERR_PROTOCOL, "the server at %s sent a message larger than %zu MiB", c->zAddress,
                      BOLT_CLIENT_MAX_MESSAGE >> 20);
    }
    if (c->nMsg + n > c->nMsgAlloc) {
      size_t nNew = c->nMsgAlloc ? c->nMsgAlloc * 2 : 4096;
      while (nNew < c->nMsg + n) nNew *= 2;
      c->aMsg = tg_realloc(c->aMsg, nNew);
      c->nMsgAlloc = nNew;
    }
    if (bcRead(c, c->aMsg + c->nMsg, n, iDeadlineMs, false, pErr) != BOLT_OK) return BOLT_ERROR;
    c->nMsg += n;
  }
}

/* A map entry of a metadata map, or NULL. */
static const Value *bcMeta(const Value *pMeta, const char *zKey) {
  if (pMeta == NULL || pMeta->type != VAL_MAP) return NULL;
  return value_map_get(pMeta, zKey, (uint32_t)strlen(zKey));
}

static const char *bcMetaStr(const Value *pMeta, const char *zKey) {
  const Value *v = bcMeta(pMeta, zKey);
  return v && v->type == VAL_STRING ? v->u.z : NULL;
}

/* The protocol was broken: say how, and give up the connection. */
static int bcProtocol(BoltClient *c, BoltError *pErr, const char *zWhat) {
  return bcBroken(c, pErr, BOLT_ERR_PROTOCOL, "the server at %s sent a bad reply: %s", c->zAddress, zWhat);
}

/* A reply as bcReadReply leaves it. */
typedef struct BcReply {
  uint8_t tag;             /* its signature */
  Value meta;              /* SUCCESS, FAILURE: the metadata map (rowArena) */
  PsReader rd;             /* RECORD: positioned at its field */
} BcReply;

/*
** Reads the next reply into *p. A FAILURE fills *pErr (server code,
** message) but returns BOLT_OK: the caller decides how to recover.
*/
static int bcReadReply(BoltClient *c, int64_t iDeadlineMs, bool bStoppable, BcReply *p, BoltError *pErr) {
  uint8_t *pTag = &p->tag;
  Value *pMeta = &p->meta;
  PsReader *pRd = &p->rd;
  if (bcReadMessage(c, iDeadlineMs, bStoppable, pErr) != BOLT_OK) return BOLT_ERROR;
  arena_reset(&c->rowArena);
  ps_reader_init(pRd, c->aMsg, c->nMsg);
  uint32_t nField;
  if (!ps_read_struct_header(pRd, pTag, &nField)) return bcProtocol(c, pErr, pRd->zErr);
  if (*pTag != BC_RECORD) {
    /* The reply that ends a request; records come before it. */
    if (c->nPending == 0) return bcProtocol(c, pErr, "a reply to no request");
    c->nPending--;
  }
  *pMeta = value_null();
  switch (*pTag) {
    case BC_SUCCESS:
    case BC_FAILURE:
      if (nField != 1 || !ps_read_map(pRd, &c->rowArena, pMeta)) {
        return bcProtocol(c, pErr, pRd->zErr[0] ? pRd->zErr : "a SUCCESS or FAILURE without its map");
      }
      if (*pTag == BC_FAILURE) {
        const char *zCode = bcMetaStr(pMeta, "code"), *zMsg = bcMetaStr(pMeta, "message");
        pErr->eKind = BOLT_ERR_SERVER;
        snprintf(pErr->zCode, sizeof(pErr->zCode), "%s", zCode ? zCode : "Neo.DatabaseError.General.UnknownError");
        snprintf(pErr->zMessage, sizeof(pErr->zMessage), "%s", zMsg ? zMsg : "(the server gave no message)");
      }
      return BOLT_OK;
    case BC_RECORD:
      if (nField != 1) return bcProtocol(c, pErr, "a RECORD must have one field");
      return BOLT_OK;
    case BC_IGNORED: return BOLT_OK;
    default: {
      char zWhat[80];
      snprintf(zWhat, sizeof(zWhat), "an unknown message 0x%02X", *pTag);
      return bcProtocol(c, pErr, zWhat);
    }
  }
}

/*
** After a FAILURE (already in *pErr): RESET, and read the replies still
** due (IGNORED) up to RESET's SUCCESS. The server's RESET ends an open
** transaction. Returns BOLT_ERROR (the failure stands).
*/
static int bcRecover(BoltClient *c, BoltError *pErr) {
  if (c->bTx) pErr->bTxEnded = true;
  c->bTx = false;
  c->eResult = RESULT_NONE;
  bcRequestBare(c, BC_RESET);
  BoltError err;
  bcClearError(&err);
  if (bcFlush(c, &err) != BOLT_OK) return BOLT_ERROR;
  while (c->nPending > 0) {
    BcReply reply;
    if (bcReadReply(c, 0, false, &reply, &err) != BOLT_OK) return BOLT_ERROR;
    if (reply.tag == BC_RECORD || (reply.tag == BC_FAILURE && c->nPending == 0)) {
      bcProtocol(c, &err, "RESET did not bring the session back");
      return BOLT_ERROR;
    }
  }
  return BOLT_ERROR;
}

/* Sends what c->out holds and reads the one reply of a request that
** answers SUCCESS or FAILURE (BEGIN, COMMIT, ROLLBACK, LOGON). */
static int bcRoundTrip(BoltClient *c, int64_t iDeadlineMs, BoltError *pErr) {
  if (bcFlush(c, pErr) != BOLT_OK) return BOLT_ERROR;
  BcReply reply;
  while (c->nPending > 0) {
    if (bcReadReply(c, iDeadlineMs, false, &reply, pErr) != BOLT_OK) return BOLT_ERROR;
    if (reply.tag == BC_FAILURE) return bcRecover(c, pErr);
    if (reply.tag != BC_SUCCESS) return bcProtocol(c, pErr, "expected SUCCESS or FAILURE");
  }
  return BOLT_OK;
}

/* ---- Connecting ------------------------------------------------------------------------- */

/* The handshake: the magic, our four proposals (5.4 down to 5.0, then
** 4.4), and the server's choice. */
static int bcHandshake(BoltClient *c, int64_t iDeadlineMs, BoltError *pErr) {
  static const uint8_t aHello[20] = {0x60, 0x60, 0xB0, 0x17, 0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0};
  if (net_write_all(c->pNet, aHello, sizeof(aHello)) != NET_OK) {
    return bcBroken(c, pErr, BOLT_ERR_CONNECTION, "cannot talk to %s: %s", c->zAddress, net_conn_error(c->pNet));
  }
  uint8_t a[4];
  if (bcRead(c, a, 4, iDeadlineMs, true, pErr) != BOLT_OK) {
    if (pErr->eKind == BOLT_ERR_CONNECTION) {
      size_t n = strlen(pErr->zMessage);
      snprintf(pErr->zMessage + n, sizeof(pErr->zMessage) - n,
               " during the Bolt handshake (is it a Bolt server? one that wants TLS needs bolt+s:// or bolt+ssc://)");
    }
    return BOLT_ERROR;
  }
  c->major = a[3];
  c->minor = a[2];
  bool bOk = (c->major == 5 && c->minor <= 4) || (c->major == 4 && c->minor == 4);
  if (!bOk && c->major == 0) {
    return bcBroken(c, pErr, BOLT_ERR_PROTOCOL, "the server at %s speaks none of the Bolt versions 5.0-5.4 and 4.4",
                    c->zAddress);
  }
  if (!bOk) {
    return bcBroken(c, pErr, BOLT_ERR_PROTOCOL, "the server at %s chose Bolt %d.%d, which was not offered",
                    c->zAddress, c->major, c->minor);
  }
  return BOLT_OK;
}

/* The credentials' entries of a HELLO (before 5.1) or LOGON map. */
static int bcPutAuth(BoltClient *c, const BoltClientConfig *pCfg, bool bWrite) {
  if (!bWrite) return pCfg->zUser ? 3 : 1;
  if (pCfg->zUser == NULL) {
    bcPutStr(c, "scheme", "none");
    return 1;
  }
  bcPutStr(c, "scheme", "basic");
  bcPutStr(c, "principal", pCfg->zUser);
  bcPutStr(c, "credentials", pCfg->zPassword ? pCfg->zPassword : "");
  return 3;
}

/* HELLO (with the credentials before 5.1), then LOGON from 5.1, both in
** one write; the server's name from HELLO's SUCCESS. */
static int bcLogin(BoltClient *c, const BoltClientConfig *pCfg, int64_t iDeadlineMs, BoltError *pErr) {
  bool bLogon = c->major == 5 && c->minor >= 1;
  bool bBoltAgent = c->major == 5 && c->minor >= 3;
  const char *zAgent = pCfg->zUserAgent ? pCfg->zUserAgent : "tangle/" TG_VERSION_STRING;
  ps_put_struct_header(&c->body, BC_HELLO, 1);
  ps_put_map_header(&c->body, (uint32_t)(1 + bBoltAgent + (bLogon ? 0 : bcPutAuth(c, pCfg, false))));
  bcPutStr(c, "user_agent", zAgent);
  if (bBoltAgent) {
    ps_put_string(&c->body, "bolt_agent", 10);
    ps_put_map_header(&c->body, 1);
    bcPutStr(c, "product", zAgent);
  }
  if (!bLogon) bcPutAuth(c, pCfg, true);
  bcEndRequest(c);
  if (bLogon) {
    ps_put_struct_header(&c->body, BC_LOGON, 1);
    ps_put_map_header(&c->body, (uint32_t)bcPutAuth(c, pCfg, false));
    bcPutAuth(c, pCfg, true);
    bcEndRequest(c);
  }
  if (bcFlush(c, pErr) != BOLT_OK) return BOLT_ERROR;
  bool bFirst = true;
  while (c->nPending > 0) {
    BcReply reply;
    if (bcReadReply(c, iDeadlineMs, true, &reply, pErr) != BOLT_OK) return BOLT_ERROR;
    if (reply.tag == BC_FAILURE) {
      /* A failed login ends the session (*pErr has the server's reason). */
      net_close(c->pNet);
      c->pNet = NULL;
      c->nPending = 0;
      return BOLT_ERROR;
    }
    if (reply.tag != BC_SUCCESS) return bcProtocol(c, pErr, "expected SUCCESS to HELLO or LOGON");
    if (bFirst) {
      const char *zServer = bcMetaStr(&reply.meta, "server");
      snprintf(c->zAgent, sizeof(c->zAgent), "%s", zServer ? zServer : "a Bolt server");
      bFirst = false;
    }
  }
  return BOLT_OK;
}

int bolt_client_open(const BoltClientConfig *pCfg, BoltClient **ppC, BoltError *pErr) {
  *ppC = NULL;
  bcClearError(pErr);
  BoltUri uri;
  char zErr[400];
  if (!bolt_uri_parse(pCfg->zUri, &uri, zErr, sizeof(zErr))) return bcError(pErr, BOLT_ERR_CONNECTION, "%s", zErr);
  int nTimeout = pCfg->nTimeoutMs > 0 ? pCfg->nTimeoutMs : BOLT_CLIENT_TIMEOUT_MS;
  int64_t iDeadline = bcNowMs() + nTimeout;
  NetConn *pNet = NULL;
  char zNetErr[NET_ERRMSG_MAX];
  if (net_connect(uri.zHostPort, uri.eTls, pCfg->zCaFile, nTimeout, &pNet, zNetErr) != NET_OK) {
    bool bUntrusted = uri.eTls == NET_CLIENT_TLS && strstr(zNetErr, "certificate") != NULL;
    return bcError(pErr, BOLT_ERR_CONNECTION, "%s%s", zNetErr,
                   bUntrusted ? " (for a server with a self-signed certificate: bolt+ssc://)" : "");
  }
  BoltClient *c = tg_calloc(1, sizeof(BoltClient));
  c->pNet = pNet;
  c->pStop = pCfg->pStop;
  snprintf(c->zAddress, sizeof(c->zAddress), "%s", uri.zHostPort);
  arena_init(&c->resArena);
  arena_init(&c->rowArena);
  strbuf_init(&c->body);
  strbuf_init(&c->out);
  if (bcHandshake(c, iDeadline, pErr) != BOLT_OK || bcLogin(c, pCfg, iDeadline, pErr) != BOLT_OK) {
    bolt_client_close(c);
    return BOLT_ERROR;
  }
  *ppC = c;
  return BOLT_OK;
}

void bolt_client_close(BoltClient *c) {
  if (c == NULL) return;
  if (c->pNet) {
    bcRequestBare(c, BC_GOODBYE);
    BoltError err;
    bcFlush(c, &err);
    net_close(c->pNet);
  }
  arena_free(&c->resArena);
  arena_free(&c->rowArena);
  strbuf_free(&c->body);
  strbuf_free(&c->out);
  tg_free(c->aMsg);
  tg_free(c);
}

const char *bolt_client_address(const BoltClient *c) { return c->zAddress; }
const char *bolt_client_agent(const BoltClient *c) { return c->zAgent; }
bool bolt_client_usable(const BoltClient *c) { return c->pNet != NULL; }
bool bolt_client_in_transaction(const BoltClient *c) { return c->bTx; }

void bolt_client_version(const BoltClient *c, int *pMajor, int *pMinor) {
  *pMajor = c->major;
  *pMinor = c->minor;
}

/* ---- Statements -------------------------------------------------------------------------- */

/* Keeps the column names of RUN's SUCCESS. */
static int bcTakeFields(BoltClient *c, const Value *pMeta, BoltError *pErr) {
  const Value *pFields = bcMeta(pMeta, "fields");
  if (pFields == NULL || pFields->type != VAL_LIST) return bcProtocol(c, pErr, "RUN's SUCCESS has no list of fields");
  c->nCol = (int)pFields->n;
  c->azCol = arena_alloc(&c->resArena, sizeof(char *) * (pFields->n + 1));
  for (uint32_t i = 0; i < pFields->n; i++) {
    const Value *v = &pFields->u.a[i];
    if (v->type != VAL_STRING) return bcProtocol(c, pErr, "a field name is not a string");
    c->azCol[i] = arena_strndup(&c->resArena, v->u.z, v->n);
  }
  return BOLT_OK;
}

/* An integer counter of a stats map, 0 when absent. */
static int64_t bcStat(const Value *pStats, const char *zKey) {
  const Value *v = bcMeta(pStats, zKey);
  return v && v->type == VAL_INT ? v->u.i : 0;
}

/* Keeps what the final SUCCESS of a result says (resArena). */
static void bcTakeSummary(BoltClient *c, const Value *pMeta) {
  BoltSummary *p = &c->summary;
  memset(p, 0, sizeof(*p));
  const Value *pStats = bcMeta(pMeta, "stats");
  p->changes.nNodesCreated = bcStat(pStats, "nodes-created");
  p->changes.nNodesDeleted = bcStat(pStats, "nodes-deleted");
  p->changes.nRelsCreated = bcStat(pStats, "relationships-created");
  p->changes.nRelsDeleted = bcStat(pStats, "relationships-deleted");
  p->changes.nPropsSet = bcStat(pStats, "properties-set");
  p->changes.nLabelsAdded = bcStat(pStats, "labels-added");
  p->changes.nLabelsRemoved = bcStat(pStats, "labels-removed");
  p->nIndexesAdded = bcStat(pStats, "indexes-added");
  p->nIndexesRemoved = bcStat(pStats, "indexes-removed");
  p->nConstraintsAdded = bcStat(pStats, "constraints-added");
  p->nConstraintsRemoved = bcStat(pStats, "constraints-removed");
  const char *zType = bcMetaStr(pMeta, "type");
  snprintf(p->zType, sizeof(p->zType), "%s", zType ? zType : "");
  const Value *pNotes = bcMeta(pMeta, "notifications");
  if (pNotes && pNotes->type == VAL_LIST && pNotes->n > 0) {
    p->azNoteCode = arena_alloc(&c->resArena, sizeof(char *) * pNotes->n);
    p->azNoteDescription = arena_alloc(&c->resArena, sizeof(char *) * pNotes->n);
    for (uint32_t i = 0; i < pNotes->n; i++) {
      const char *zCode = bcMetaStr(&pNotes->u.a[i], "code");
      const char *zDesc = bcMetaStr(&pNotes->u.a[i], "description");
      if (zDesc == NULL) zDesc = bcMetaStr(&pNotes->u.a[i], "title");
      p->azNoteCode[p->nNotification] = arena_strdup(&c->resArena, zCode ? zCode : "");
      p->azNoteDescription[p->nNotification++] = arena_strdup(&c->resArena, zDesc ? zDesc : "");
    }
  }
}

/* Asks for the next batch of the result's rows (with whatever requests
** wait in c->out). */
static int bcPull(BoltClient *c, BoltError *pErr) {
  bcRequestPull(c, BC_PULL, BOLT_CLIENT_BATCH);
  if (bcFlush(c, pErr) != BOLT_OK) return BOLT_ERROR;
  c->eResult = RESULT_STREAMING;
  return BOLT_OK;
}

int bolt_client_discard(BoltClient *c, BoltError *pErr) {
  bcClearError(pErr);
  if (c->eResult == RESULT_NONE) return BOLT_OK;
  if (!c->bTx) {
    /* RESET: the server drops the statement as soon as it reads it. The
    ** replies still due (records, the PULL's end) are skipped. */
    bcRequestBare(c, BC_RESET);
    if (bcFlush(c, pErr) != BOLT_OK) return BOLT_ERROR;
    while (c->nPending > 0) {
      BcReply reply;
      if (bcReadReply(c, 0, false, &reply, pErr) != BOLT_OK) return BOLT_ERROR;
      if (c->nPending == 0 && reply.tag != BC_SUCCESS) return bcProtocol(c, pErr, "RESET did not bring the session back");
    }
    bcClearError(pErr);   /* a FAILURE of the statement dropped does not matter */
    c->eResult = RESULT_NONE;
    return BOLT_OK;
  }
  if (c->eResult == RESULT_HAS_MORE) {
    bcRequestPull(c, BC_DISCARD, -1);
    if (bcFlush(c, pErr) != BOLT_OK) return BOLT_ERROR;
    c->eResult = RESULT_STREAMING;
  }
  for (;;) {
    BcReply reply;
    if (bcReadReply(c, 0, false, &reply, pErr) != BOLT_OK) return BOLT_ERROR;
    if (reply.tag == BC_RECORD) continue;
    if (reply.tag == BC_FAILURE) return bcRecover(c, pErr);
    if (reply.tag != BC_SUCCESS) return bcProtocol(c, pErr, "expected the end of a result");
    const Value *pMore = bcMeta(&reply.meta, "has_more");
    if (pMore && pMore->type == VAL_BOOL && pMore->u.b) {
      bcRequestPull(c, BC_DISCARD, -1);
      if (bcFlush(c, pErr) != BOLT_OK) return BOLT_ERROR;
      continue;
    }
    bcTakeSummary(c, &reply.meta);
    c->eResult = RESULT_NONE;
    return BOLT_OK;
  }
}

int bolt_client_run(BoltClient *c, const char *zQuery, int nParam, const char *const *azParam,
                    const Value *const *apParam, int64_t nTxTimeoutMs, BoltError *pErr) {
  bcClearError(pErr);
  if (c->pNet == NULL) return bcError(pErr, BOLT_ERR_CONNECTION, "the connection to %s was lost", c->zAddress);
  if (c->eResult != RESULT_NONE && bolt_client_discard(c, pErr) != BOLT_OK) return BOLT_ERROR;
  arena_reset(&c->resArena);
  c->nCol = 0;
  c->azCol = NULL;
  memset(&c->summary, 0, sizeof(c->summary));
  ps_put_struct_header(&c->body, BC_RUN, 3);
  ps_put_string(&c->body, zQuery, strlen(zQuery));
  char zErr[200];
  int flags = c->major >= 5 ? PS_BOLT_V5 : PS_BOLT_V4;
  ps_put_map_header(&c->body, (uint32_t)nParam);
  for (int i = 0; i < nParam; i++) {
    ps_put_string(&c->body, azParam[i], strlen(azParam[i]));
    if (!ps_put_value(&c->body, NULL, apParam[i], flags, zErr, sizeof(zErr))) {
      strbuf_truncate(&c->body, 0);
      return bcError(pErr, BOLT_ERR_PROTOCOL, "$%s cannot be sent: %s", azParam[i], zErr);
    }
  }
  ps_put_map_header(&c->body, nTxTimeoutMs > 0 && !c->bTx ? 1 : 0);
  if (nTxTimeoutMs > 0 && !c->bTx) bcPutInt(c, "tx_timeout", nTxTimeoutMs);
  bcEndRequest(c);
  if (bcPull(c, pErr) != BOLT_OK) return BOLT_ERROR;   /* RUN and PULL in one write */
  BcReply reply;
  if (bcReadReply(c, 0, true, &reply, pErr) != BOLT_OK) {
    if (pErr->eKind != BOLT_ERR_INTERRUPTED) return BOLT_ERROR;
    /* Ctrl-C before the statement answered: let it finish, then drop its rows. */
    BoltError err;
    if (bcReadReply(c, 0, false, &reply, &err) != BOLT_OK) {
      *pErr = err;
      return BOLT_ERROR;
    }
    if (reply.tag == BC_FAILURE) {
      *pErr = err;
      return bcRecover(c, pErr);
    }
    bolt_client_discard(c, &err);
    return bcError(pErr, BOLT_ERR_INTERRUPTED, "interrupted");
  }
  if (reply.tag == BC_FAILURE) return bcRecover(c, pErr);
  if (reply.tag != BC_SUCCESS) return bcProtocol(c, pErr, "expected SUCCESS or FAILURE to RUN");
  return bcTakeFields(c, &reply.meta, pErr);
}

int bolt_client_column_count(const BoltClient *c) { return c->nCol; }

const char *bolt_client_column_name(const BoltClient *c, int i) {
  return i >= 0 && i < c->nCol ? c->azCol[i] : NULL;
}

int bolt_client_next(BoltClient *c, BoltShow eShow, const Value **paRow, BoltError *pErr) {
  bcClearError(pErr);
  *paRow = NULL;
  for (;;) {
    if (c->eResult == RESULT_NONE) return BOLT_DONE;
    if (c->eResult == RESULT_HAS_MORE) {
      if (c->pStop && *c->pStop) return bcError(pErr, BOLT_ERR_INTERRUPTED, "interrupted");
      if (bcPull(c, pErr) != BOLT_OK) return BOLT_ERROR;
    }
    BcReply reply;
    if (bcReadReply(c, 0, true, &reply, pErr) != BOLT_OK) return BOLT_ERROR;
    switch (reply.tag) {
      case BC_RECORD: {
        Value *aRow;
        uint32_t n;
        if (!bolt_result_read_record(&reply.rd, &c->rowArena, eShow, &aRow, &n)) return bcProtocol(c, pErr, reply.rd.zErr);
        if ((int)n != c->nCol) return bcProtocol(c, pErr, "a record with another number of fields than the columns");
        *paRow = aRow;
        return BOLT_ROW;
      }
      case BC_SUCCESS: {
        const Value *pMore = bcMeta(&reply.meta, "has_more");
        if (pMore && pMore->type == VAL_BOOL && pMore->u.b) {
          c->eResult = RESULT_HAS_MORE;
          continue;
        }
        bcTakeSummary(c, &reply.meta);
        c->eResult = RESULT_NONE;
        return BOLT_DONE;
      }
      case BC_FAILURE: return bcRecover(c, pErr);
      default: return bcProtocol(c, pErr, "expected a RECORD or the end of a result");
    }
  }
}

const BoltSummary *bolt_client_summary(const BoltClient *c) { return &c->summary; }

/* ---- Transactions -------------------------------------------------------------------------- */

int bolt_client_begin(BoltClient *c, int64_t nTxTimeoutMs, BoltError *pErr) {
  bcClearError(pErr);
  if (c->pNet == NULL) return bcError(pErr, BOLT_ERR_CONNECTION, "the connection to %s was lost", c->zAddress);
  if (c->eResult != RESULT_NONE && bolt_client_discard(c, pErr) != BOLT_OK) return BOLT_ERROR;
  bcRequestTimeout(c, BC_BEGIN, nTxTimeoutMs);
  if (bcRoundTrip(c, 0, pErr) != BOLT_OK) return BOLT_ERROR;
  c->bTx = true;
  return BOLT_OK;
}

/* COMMIT or ROLLBACK. */
static int bcEndTx(BoltClient *c, uint8_t tag, BoltError *pErr) {
  bcClearError(pErr);
  if (c->pNet == NULL) return bcError(pErr, BOLT_ERR_CONNECTION, "the connection to %s was lost", c->zAddress);
  if (c->eResult != RESULT_NONE && bolt_client_discard(c, pErr) != BOLT_OK) return BOLT_ERROR;
  bcRequestBare(c, tag);
  bool bWasTx = c->bTx;
  int rc = bcRoundTrip(c, 0, pErr);
  c->bTx = false;
  if (rc != BOLT_OK && bWasTx) pErr->bTxEnded = true;
  return rc;
}

int bolt_client_commit(BoltClient *c, BoltError *pErr) { return bcEndTx(c, BC_COMMIT, pErr); }
int bolt_client_rollback(BoltClient *c, BoltError *pErr) { return bcEndTx(c, BC_ROLLBACK, pErr); }
