/*
** serve.c — `tangle serve`: listen, start a session thread per
** connection, shut down cleanly (serve.h).
**
** Threads: the caller's thread accepts; each connection runs on a thread
** of its own with its own connection handle (tg_connect), so a slow
** client or a long query holds only its own thread. SIGTERM and SIGINT
** set a flag that the accept loop and the sessions poll (every 200 ms at
** most); sessions that are idle end at once, those inside a transaction
** get the grace period, then their statements are interrupted and their
** transactions rolled back. A database on disk is checkpointed last.
*/
#include "server/serve.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "server/auth.h"
#include "server/bolt.h"
#include "server/http.h"
#include "server/net.h"
#include "server/query_api.h"
#include "server/render_api.h"

/* Accept waits this long between looks at the stop flag. */
#define SERVE_ACCEPT_SLICE_MS 200

static volatile sig_atomic_t serveStopRequested = 0;
static NetListener *serveListener;   /* woken by a stop request */

void serve_stop(void) {
  serveStopRequested = 1;
  if (serveListener) net_listener_wake(serveListener);
}

/* SIGTERM, SIGINT: a clean stop; a second one while stopping ends the
** process at once, for a statement that will not stop. */
static void serveOnSignal(int sig) {
  (void)sig;
  if (serveStopRequested) {
    static const char zMsg[] = "tangle serve: stopped at once (a second signal); the log keeps every commit\n";
    ssize_t n = write(STDERR_FILENO, zMsg, sizeof(zMsg) - 1);
    (void)n;
    _exit(1);
  }
  serve_stop();
}

void serve_config_default(ServeConfig *p) {
  memset(p, 0, sizeof(*p));
  p->zListen = "127.0.0.1:7687";
  p->nTxTimeoutMs = 30000;
  p->nMaxConnections = 256;
  p->nMaxMessage = 16 << 20;
  p->nGraceMs = 10000;
  p->nHandshakeTimeoutMs = 10000;
  p->nHttpRatePerSec = 200;
}

/* The sessions alive, so shutdown can wait for them and interrupt them. */
typedef struct ServeSessions {
  pthread_mutex_t mu;
  pthread_cond_t cvEmpty;
  int n;
  tg_db **apConn;        /* nMax slots, NULL where free */
  NetConn **apNet;       /* the same slots' connections */
  int nMax;
} ServeSessions;

typedef struct SessionStart {
  BoltServer *pSrv;
  ServeSessions *pSessions;
  NetConn *pNet;
  SSL_CTX *pTls;
  tg_db *pConn;
  int iSlot;
} SessionStart;

static void *serveSessionMain(void *pArg) {
  SessionStart *st = pArg;
  ServeSessions *ss = st->pSessions;
  if (st->pSrv->pCfg->bAuthNone) net_conn_local_pages_only(st->pNet);
  int rc = net_conn_start(st->pNet, st->pTls, (int)st->pSrv->pCfg->nHandshakeTimeoutMs);
  NetTransport eTransport = net_conn_transport(st->pNet);
  if (rc == NET_OK && st->pTls && (eTransport == NET_TCP || eTransport == NET_WS)) {
    bolt_log("connection from %s refused: this server requires TLS (bolt+s://, neo4j+s://, wss://)",
             net_conn_peer(st->pNet));
  } else if (rc == NET_OK) {
    bolt_session(st->pSrv, st->pNet, st->pConn);
  } else {
    bolt_log("connection from %s refused: %s", net_conn_peer(st->pNet),
             rc == NET_TIMEOUT ? "nothing arrived in time" : net_conn_error(st->pNet));
  }
  /* Out of the table first, so shutdown no longer interrupts it, then closed. */
  pthread_mutex_lock(&ss->mu);
  ss->apConn[st->iSlot] = NULL;
  ss->apNet[st->iSlot] = NULL;
  pthread_mutex_unlock(&ss->mu);
  net_close(st->pNet);
  tg_close(st->pConn);
  pthread_mutex_lock(&ss->mu);
  if (--ss->n == 0) pthread_cond_broadcast(&ss->cvEmpty);
  pthread_mutex_unlock(&ss->mu);
  tg_free(st);
  return NULL;
}

/* The Query API's handler as http.h calls it. */
static void serveQueryApi(void *pArg, const HttpRequest *pReq, HttpReply *pReply) {
  query_api_handle(pArg, pReq, pReply);
}

void serve_configure_conn(tg_db *c, const ServeConfig *pCfg) {
  tg_config_set(c, "files", pCfg->zFilesRoot ? 1 : 0);
  if (pCfg->zFilesRoot) tg_config_set_text(c, "files.root", pCfg->zFilesRoot);
  if (pCfg->nMaxMemory > 0) tg_config_set(c, "max_memory", pCfg->nMaxMemory);
  tg_config_set(c, "lock_timeout", pCfg->nTxTimeoutMs > 0 ? pCfg->nTxTimeoutMs : 30000);
}

/* Loads the users, or says why the server cannot start. */
static AuthStore *serveLoadUsers(tg_db *pDb, const ServeConfig *pCfg) {
  char zPath[4096];
  if (pCfg->zUsersFile) {
    snprintf(zPath, sizeof(zPath), "%s", pCfg->zUsersFile);
  } else if (tg_db_path(pDb)) {
    snprintf(zPath, sizeof(zPath), "%s/%s", tg_db_path(pDb), AUTH_USERS_FILE);
  } else {
    fprintf(stderr, "tangle serve: authentication needs users: serve a database on disk (tangle serve PATH, "
                    "after tangle PATH --add-user NAME), or name a users file with --users FILE, "
                    "or, on a loopback address only, --auth none\n");
    return NULL;
  }
  AuthStore *pAuth = auth_new();
  AuthError err;
  AuthStatus rc = auth_load(pAuth, zPath, &err);
  if (rc != AUTH_OK || auth_count(pAuth) == 0) {
    if (rc == AUTH_OK || rc == AUTH_NOT_FOUND) {
      fprintf(stderr, "tangle serve: no users in %s: add one with `tangle %s --add-user NAME --role admin`%s\n", zPath,
              pCfg->zUsersFile ? "--users FILE" : tg_db_path(pDb),
              pCfg->zUsersFile ? "" : " (or serve with --auth none on a loopback address)");
    } else {
      fprintf(stderr, "tangle serve: %s\n", err.zMsg);
    }
    auth_free(pAuth);
    return NULL;
  }
  return pAuth;
}

/* Writes the ports for tests, Bolt's on the first line and HTTP's (0 when
** off) on the second, through a rename so a reader never sees half. */
static void serveWritePortFile(const char *zPortFile, int nBoltPort, int nHttpPort) {
  char zTmp[4200];
  snprintf(zTmp, sizeof(zTmp), "%s.tmp", zPortFile);
  FILE *f = fopen(zTmp, "w");
  if (f == NULL) return;
  fprintf(f, "%d\n%d\n", nBoltPort, nHttpPort);
  if (fclose(f) == 0) rename(zTmp, zPortFile);
}

int serve_run(tg_db *pDb, const ServeConfig *pCfg, const char *zPortFile) {
  char zErr[NET_ERRMSG_MAX];
  NetListener *pListener = NULL;
  SSL_CTX *pTls = NULL;
  AuthStore *pAuth = NULL;
  AuthThrottle *pThrottle = NULL;
  int rc = 1;
  if (net_listen(pCfg->zListen, &pListener, zErr) != NET_OK) {
    fprintf(stderr, "tangle serve: %s\n", zErr);
    return 1;
  }
  if (pCfg->bAuthNone && !net_listener_is_loopback(pListener)) {
    fprintf(stderr, "tangle serve: --auth none is only allowed on a loopback address (127.0.0.1, ::1, localhost), not %s\n",
            pCfg->zListen);
    goto done;
  }
  if (!pCfg->bAuthNone && (pAuth = serveLoadUsers(pDb, pCfg)) == NULL) goto done;
  if ((pCfg->zTlsCert == NULL) != (pCfg->zTlsKey == NULL)) {
    fprintf(stderr, "tangle serve: TLS needs both --tls-cert and --tls-key\n");
    goto done;
  }
  if (pCfg->zTlsCert && (pTls = net_tls_context(pCfg->zTlsCert, pCfg->zTlsKey, zErr)) == NULL) {
    fprintf(stderr, "tangle serve: %s\n", zErr);
    goto done;
  }
  pThrottle = auth_throttle_new(0, NULL, NULL);

  /* The first connection must exist before session threads run (conn.h). */
  tg_db *pFirst = NULL;
  tg_connect(pDb, &pFirst);
  tg_close(pFirst);

  char zAddress[300];
  snprintf(zAddress, sizeof(zAddress), "%s", net_listener_address(pListener));
  BoltServer srv;
  memset(&srv, 0, sizeof(srv));
  srv.pDb = pDb;
  srv.pCfg = pCfg;
  srv.pAuth = pAuth;
  srv.pThrottle = pThrottle;
  srv.zAddress = zAddress;

  ServeSessions ss;
  memset(&ss, 0, sizeof(ss));
  pthread_mutex_init(&ss.mu, NULL);
  pthread_cond_init(&ss.cvEmpty, NULL);
  ss.nMax = pCfg->nMaxConnections > 0 ? pCfg->nMaxConnections : 1;
  ss.apConn = tg_calloc((size_t)ss.nMax, sizeof(tg_db *));
  ss.apNet = tg_calloc((size_t)ss.nMax, sizeof(NetConn *));

  struct sigaction sa, saOldTerm, saOldInt, saOldPipe;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = serveOnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, &saOldTerm);
  sigaction(SIGINT, &sa, &saOldInt);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, &saOldPipe);
  serveStopRequested = 0;
  serveListener = pListener;

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 4u << 20);

  HttpServer *pHttp = NULL;
  QueryApi *pQuery = NULL;
  if (!pCfg->bNoHttp) {
    HttpHandlers handlers;
    memset(&handlers, 0, sizeof(handlers));
    pQuery = query_api_new(pDb, pCfg);
    handlers.xQuery = serveQueryApi;
    handlers.pQueryArg = pQuery;
    handlers.xRender = render_api_handle;
    handlers.pRenderArg = (void *)pCfg;
    char zHttpErr[NET_ERRMSG_MAX + 64];
    if (http_start(&pHttp, pDb, pCfg, pAuth, pThrottle, &handlers, zHttpErr, sizeof(zHttpErr)) != 0) {
      fprintf(stderr, "tangle serve: %s\n", zHttpErr);
      query_api_free(pQuery);
      sigaction(SIGTERM, &saOldTerm, NULL);
      sigaction(SIGINT, &saOldInt, NULL);
      sigaction(SIGPIPE, &saOldPipe, NULL);
      pthread_attr_destroy(&attr);
      pthread_mutex_destroy(&ss.mu);
      pthread_cond_destroy(&ss.cvEmpty);
      tg_free(ss.apConn);
      tg_free(ss.apNet);
      serveListener = NULL;
      goto done;
    }
  }

  bolt_log("tangle serve: Bolt%s on %s (also WebSocket), %s, %s%s", pTls ? " with TLS" : "", zAddress,
           tg_db_path(pDb) ? tg_db_path(pDb) : "in memory",
           pAuth ? "authentication on" : "authentication off (--auth none)", pCfg->bReadOnly ? ", read-only" : "");
  if (pHttp) bolt_log("tangle serve: the explorer and the HTTP API: open %s in a browser", http_url(pHttp));
  if (zPortFile) serveWritePortFile(zPortFile, net_listener_port(pListener), pHttp ? http_port(pHttp) : 0);

  while (!serveStopRequested) {
    NetConn *pNet = NULL;
    int rcAccept = net_accept(pListener, SERVE_ACCEPT_SLICE_MS, &pNet, zErr);
    query_api_tick(pQuery);
    if (rcAccept == NET_ERROR) bolt_log("tangle serve: %s", zErr);
    if (rcAccept != NET_OK || pNet == NULL) continue;
    pthread_mutex_lock(&ss.mu);
    int iSlot = -1;
    for (int i = 0; i < ss.nMax && iSlot < 0; i++) {
      if (ss.apConn[i] == NULL) iSlot = i;
    }
    if (iSlot < 0) {
      pthread_mutex_unlock(&ss.mu);
      bolt_log("connection from %s refused: %d connections are open (--max-connections)", net_conn_peer(pNet), ss.nMax);
      net_close(pNet);
      continue;
    }
    SessionStart *st = tg_calloc(1, sizeof(SessionStart));
    st->pSrv = &srv;
    st->pSessions = &ss;
    st->pNet = pNet;
    st->pTls = pTls;
    st->iSlot = iSlot;
    tg_connect(pDb, &st->pConn);
    serve_configure_conn(st->pConn, pCfg);
    ss.apConn[iSlot] = st->pConn;
    ss.apNet[iSlot] = pNet;
    ss.n++;
    pthread_t t;
    if (pthread_create(&t, &attr, serveSessionMain, st) != 0) {
      ss.apConn[iSlot] = NULL;
      ss.apNet[iSlot] = NULL;
      ss.n--;
      pthread_mutex_unlock(&ss.mu);
      bolt_log("connection from %s refused: no thread could be started", net_conn_peer(pNet));
      tg_close(st->pConn);
      net_close(pNet);
      tg_free(st);
      continue;
    }
    pthread_mutex_unlock(&ss.mu);
  }

  /* Shutdown: stop accepting, let transactions finish, then interrupt. */
  http_begin_shutdown(pHttp);
  query_api_interrupt(pQuery);
  serveListener = NULL;
  net_listener_close(pListener);
  pListener = NULL;
  atomic_store(&srv.bStopping, true);
  pthread_mutex_lock(&ss.mu);
  int nOpen = ss.n;
  pthread_mutex_unlock(&ss.mu);
  bolt_log("tangle serve: shutting down (%d session%s open, %lld ms grace)", nOpen, nOpen == 1 ? "" : "s",
           (long long)pCfg->nGraceMs);
  struct timespec tsUntil;
  clock_gettime(CLOCK_REALTIME, &tsUntil);
  tsUntil.tv_sec += pCfg->nGraceMs / 1000;
  tsUntil.tv_nsec += (pCfg->nGraceMs % 1000) * 1000000;
  if (tsUntil.tv_nsec >= 1000000000) {
    tsUntil.tv_sec++;
    tsUntil.tv_nsec -= 1000000000;
  }
  pthread_mutex_lock(&ss.mu);
  while (ss.n > 0 && pthread_cond_timedwait(&ss.cvEmpty, &ss.mu, &tsUntil) != ETIMEDOUT) {
  }
  if (ss.n > 0) {
    /* The grace is over: interrupt what runs and cut the connections; a
    ** statement starting just now would clear one interrupt, so repeat. */
    bolt_log("tangle serve: grace period over; interrupting %d session%s", ss.n, ss.n == 1 ? "" : "s");
    atomic_store(&srv.bInterrupting, true);
    while (ss.n > 0) {
      http_interrupt(pHttp);
      query_api_interrupt(pQuery);
      for (int i = 0; i < ss.nMax; i++) {
        if (ss.apConn[i]) tg_interrupt(ss.apConn[i]);
        if (ss.apNet[i]) net_conn_interrupt(ss.apNet[i]);
      }
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_nsec += 100000000;
      if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
      }
      pthread_cond_timedwait(&ss.cvEmpty, &ss.mu, &ts);
    }
  }
  pthread_mutex_unlock(&ss.mu);
  /* HTTP requests still running get the rest of the grace, then are
  ** interrupted; stopping the daemon waits for its threads. */
  if (pHttp) {
    http_interrupt(pHttp);
    query_api_interrupt(pQuery);
    http_free(pHttp);
    pHttp = NULL;
  }
  query_api_free(pQuery);
  pthread_attr_destroy(&attr);
  pthread_mutex_destroy(&ss.mu);
  pthread_cond_destroy(&ss.cvEmpty);
  tg_free(ss.apConn);
  tg_free(ss.apNet);
  sigaction(SIGTERM, &saOldTerm, NULL);
  sigaction(SIGINT, &saOldInt, NULL);
  sigaction(SIGPIPE, &saOldPipe, NULL);
  rc = 0;
  if (tg_db_path(pDb) && tg_checkpoint(pDb) != TG_OK) {
    bolt_log("tangle serve: checkpoint failed: %s (the log keeps every commit)", tg_errmsg(pDb));
  }
  bolt_log("tangle serve: stopped");

done:
  if (pListener) net_listener_close(pListener);
  if (pTls) net_tls_free(pTls);
  if (pAuth) auth_free(pAuth);
  if (pThrottle) auth_throttle_free(pThrottle);
  return rc;
}
