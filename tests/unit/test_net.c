/*
** test_net.c — the transport layer (server/net.c) on 127.0.0.1, port 0.
**
** A server thread accepts one connection, starts it, and echoes
** length-prefixed messages (2-byte big-endian length, then the bytes) until
** a read fails, recording what each step returned. Clients are net_connect
** for plain and TLS, and hand-made byte streams for WebSocket and for
** hostile clients. The TLS certificate is self-signed, made with OpenSSL's
** API in a temporary folder when the tests start.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "base/mem.h"
#include "server/net.h"

/* ---- a self-signed certificate ------------------------------------------ */

static char gzDir[64];
static char gzCert[128], gzKey[128], gzOtherKey[128], gzOtherCert[128], gzJunk[128];

static void writeKey(const char *zPath, EVP_PKEY *pKey) {
  FILE *f = fopen(zPath, "w");
  assert_non_null(f);
  assert_int_equal(PEM_write_PrivateKey(f, pKey, NULL, NULL, 0, NULL, NULL), 1);
  fclose(f);
}

/* A certificate for CN=localhost naming localhost and 127.0.0.1. */
static void writeSelfSigned(const char *zPath, EVP_PKEY *pKey) {
  X509 *pX = X509_new();
  X509_set_version(pX, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(pX), 1);
  X509_gmtime_adj(X509_getm_notBefore(pX), -3600);
  X509_gmtime_adj(X509_getm_notAfter(pX), 86400);
  X509_set_pubkey(pX, pKey);
  X509_NAME *pName = X509_get_subject_name(pX);
  X509_NAME_add_entry_by_txt(pName, "CN", MBSTRING_ASC, (const unsigned char *)"localhost",
                             -1, -1, 0);
  X509_set_issuer_name(pX, pName);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, pX, pX, NULL, NULL, 0);
  const struct { int nid; const char *zValue; } aExt[] = {
      {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
      {NID_basic_constraints, "critical,CA:TRUE"},
  };
  for (int i = 0; i < 2; i++) {
    X509_EXTENSION *pExt = X509V3_EXT_conf_nid(NULL, &ctx, aExt[i].nid, aExt[i].zValue);
    assert_non_null(pExt);
    X509_add_ext(pX, pExt, -1);
    X509_EXTENSION_free(pExt);
  }
  assert_true(X509_sign(pX, pKey, EVP_sha256()) > 0);
  FILE *f = fopen(zPath, "w");
  assert_non_null(f);
  assert_int_equal(PEM_write_X509(f, pX), 1);
  fclose(f);
  X509_free(pX);
}

static int setupCerts(void **state) {
  (void)state;
  snprintf(gzDir, sizeof gzDir, "/tmp/tangle-net-XXXXXX");
  if (mkdtemp(gzDir) == NULL) return -1;
  snprintf(gzCert, sizeof gzCert, "%s/cert.pem", gzDir);
  snprintf(gzKey, sizeof gzKey, "%s/key.pem", gzDir);
  snprintf(gzOtherKey, sizeof gzOtherKey, "%s/other.pem", gzDir);
  snprintf(gzOtherCert, sizeof gzOtherCert, "%s/other-cert.pem", gzDir);
  snprintf(gzJunk, sizeof gzJunk, "%s/junk.pem", gzDir);
  EVP_PKEY *pKey = EVP_EC_gen("P-256");
  EVP_PKEY *pOther = EVP_EC_gen("P-256");
  if (pKey == NULL || pOther == NULL) return -1;
  writeKey(gzKey, pKey);
  writeKey(gzOtherKey, pOther);
  writeSelfSigned(gzCert, pKey);
  writeSelfSigned(gzOtherCert, pOther);
  EVP_PKEY_free(pKey);
  EVP_PKEY_free(pOther);
  FILE *f = fopen(gzJunk, "w");
  if (f == NULL) return -1;
  fputs("this is not a certificate\n", f);
  fclose(f);
  return 0;
}

static int teardownCerts(void **state) {
  (void)state;
  unlink(gzCert);
  unlink(gzKey);
  unlink(gzOtherKey);
  unlink(gzOtherCert);
  unlink(gzJunk);
  rmdir(gzDir);
  return 0;
}

/* ---- the echo server thread ---------------------------------------------- */

typedef struct Srv {
  NetListener *pL;
  SSL_CTX *pTls;
  int handshakeMs;
  int readMs;
  int startRc;            /* what net_conn_start returned */
  int endRc;              /* the read or write result that ended the echo */
  int nEchoed;            /* messages echoed */
  NetTransport eTransport;
  bool bPeerLoopback;
  bool bLocalPagesOnly;   /* net_conn_local_pages_only before the start */
  char zPeerIp[64];
  char zErr[NET_ERRMSG_MAX];
  pthread_t thread;
} Srv;

static void *srvMain(void *pArg) {
  Srv *s = pArg;
  NetConn *c = NULL;
  char zErr[NET_ERRMSG_MAX];
  s->startRc = net_accept(s->pL, 5000, &c, zErr);
  if (s->startRc != NET_OK) {
    snprintf(s->zErr, sizeof s->zErr, "%s", zErr);
    return NULL;
  }
  snprintf(s->zPeerIp, sizeof s->zPeerIp, "%s", net_conn_peer_ip(c));
  s->bPeerLoopback = net_conn_peer_is_loopback(c);
  if (s->bLocalPagesOnly) net_conn_local_pages_only(c);
  s->startRc = net_conn_start(c, s->pTls, s->handshakeMs);
  s->eTransport = net_conn_transport(c);
  if (s->startRc == NET_OK) {
    uint8_t *aBuf = tg_malloc(2 + 65535);
    for (;;) {
      int rc = net_read_full(c, aBuf, 2, s->readMs);
      size_t n = (size_t)(aBuf[0] << 8 | aBuf[1]);
      if (rc == NET_OK) rc = net_read_full(c, aBuf + 2, n, s->readMs);
      if (rc == NET_OK) rc = net_write_all(c, aBuf, n + 2);
      if (rc != NET_OK) {
        s->endRc = rc;
        break;
      }
      s->nEchoed++;
    }
    tg_free(aBuf);
  }
  snprintf(s->zErr, sizeof s->zErr, "%s", net_conn_error(c));
  net_close(c);
  return NULL;
}

/* Starts the echo server; its reads wait at most readMs. */
static void srvStartAs(Srv *s, SSL_CTX *pTls, int handshakeMs, int readMs, bool bLocalPagesOnly) {
  char zErr[NET_ERRMSG_MAX];
  memset(s, 0, sizeof *s);
  assert_int_equal(net_listen("127.0.0.1:0", &s->pL, zErr), NET_OK);
  assert_true(net_listener_port(s->pL) > 0);
  s->pTls = pTls;
  s->handshakeMs = handshakeMs;
  s->readMs = readMs;
  s->bLocalPagesOnly = bLocalPagesOnly;
  assert_int_equal(pthread_create(&s->thread, NULL, srvMain, s), 0);
}

static void srvStartWith(Srv *s, SSL_CTX *pTls, int handshakeMs, int readMs) {
  srvStartAs(s, pTls, handshakeMs, readMs, false);
}

static void srvStart(Srv *s, SSL_CTX *pTls, int handshakeMs) {
  srvStartWith(s, pTls, handshakeMs, 2000);
}

static void srvJoin(Srv *s) {
  pthread_join(s->thread, NULL);
  net_listener_close(s->pL);
}

static void srvAddress(Srv *s, char *zOut, size_t nOut) {
  snprintf(zOut, nOut, "127.0.0.1:%d", net_listener_port(s->pL));
}

/* ---- clients ---------------------------------------------------------------- */

/* A client that is either a raw socket (hand-made bytes) or a NetConn from
** net_connect (for WebSocket over TLS, still hand-made bytes). */
typedef struct Cli {
  int fd;
  NetConn *pConn;
} Cli;

static Cli rawConnect(Srv *s) {
  Cli cli = {socket(AF_INET, SOCK_STREAM, 0), NULL};
  assert_true(cli.fd >= 0);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)net_listener_port(s->pL));
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(connect(cli.fd, (struct sockaddr *)&sa, sizeof sa), 0);
  struct timeval tv = {3, 0};
  setsockopt(cli.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return cli;
}

static Cli tlsConnect(Srv *s) {
  char zAddr[64], zErr[NET_ERRMSG_MAX];
  Cli cli = {-1, NULL};
  srvAddress(s, zAddr, sizeof zAddr);
  assert_int_equal(net_connect(zAddr, NET_CLIENT_TLS, gzCert, 2000, &cli.pConn, zErr), NET_OK);
  return cli;
}

static void cliSend(Cli *cli, const void *p, size_t n) {
  if (cli->pConn) {
    assert_int_equal(net_write_all(cli->pConn, p, n), NET_OK);
    return;
  }
  const uint8_t *z = p;
  while (n > 0) {
    ssize_t r = send(cli->fd, z, n, MSG_NOSIGNAL);
    assert_true(r > 0);
    z += r;
    n -= (size_t)r;
  }
}

/* Sends in pieces of the given sizes (the last piece takes the rest), with
** a pause between them so the server sees them in separate reads. */
static void cliSendSplit(Cli *cli, const uint8_t *p, size_t n, const int *aPiece, int nPiece) {
  for (int i = 0; i < nPiece && n > 0; i++) {
    size_t take = TG_MIN((size_t)aPiece[i], n);
    cliSend(cli, p, take);
    p += take;
    n -= take;
    usleep(3000);
  }
  if (n > 0) cliSend(cli, p, n);
}

/* Exactly n bytes, or false at end of stream or timeout. */
static bool cliRecv(Cli *cli, void *p, size_t n) {
  if (cli->pConn) return net_read_full(cli->pConn, p, n, 3000) == NET_OK;
  uint8_t *z = p;
  while (n > 0) {
    ssize_t r = recv(cli->fd, z, n, 0);
    if (r <= 0) return false;
    z += r;
    n -= (size_t)r;
  }
  return true;
}

/* Reads an HTTP response head (up to the blank line) into zOut. */
static void cliRecvHttpHead(Cli *cli, char *zOut, size_t nOut) {
  size_t n = 0;
  while (n + 1 < nOut) {
    if (!cliRecv(cli, zOut + n, 1)) break;
    n++;
    if (n >= 4 && memcmp(zOut + n - 4, "\r\n\r\n", 4) == 0) break;
  }
  zOut[n] = 0;
}

/* True once the server has closed the stream. */
static bool cliSeesEnd(Cli *cli) {
  uint8_t b;
  if (cli->pConn) return net_read_full(cli->pConn, &b, 1, 3000) != NET_OK;
  return recv(cli->fd, &b, 1, 0) <= 0;
}

static void cliClose(Cli *cli) {
  if (cli->pConn) net_close(cli->pConn);
  if (cli->fd >= 0) close(cli->fd);
}

/* ---- WebSocket frames, as a client writes and reads them ------------------ */

/* Builds a frame; masked with a fixed key unless bMask is false. */
static size_t wsFrame(uint8_t *pOut, bool bFin, int opcode, const void *pPayload, size_t n,
                      bool bMask) {
  static const uint8_t aKey[4] = {0x37, 0xfa, 0x21, 0x3d};
  size_t i = 0;
  pOut[i++] = (uint8_t)((bFin ? 0x80 : 0) | opcode);
  uint8_t maskBit = bMask ? 0x80 : 0;
  if (n < 126) {
    pOut[i++] = (uint8_t)(maskBit | n);
  } else if (n < 65536) {
    pOut[i++] = maskBit | 126;
    pOut[i++] = (uint8_t)(n >> 8);
    pOut[i++] = (uint8_t)n;
  } else {
    pOut[i++] = maskBit | 127;
    for (int k = 7; k >= 0; k--) pOut[i++] = (uint8_t)((uint64_t)n >> (8 * k));
  }
  if (bMask) {
    memcpy(pOut + i, aKey, 4);
    i += 4;
  }
  const uint8_t *z = pPayload;
  for (size_t k = 0; k < n; k++) pOut[i + k] = bMask ? z[k] ^ aKey[k % 4] : z[k];
  return i + n;
}

/* Reads one server frame (which must be unmasked and final); its payload
** goes to pOut (up to nCap bytes). Returns the payload length, or -1. */
static long wsRecvFrame(Cli *cli, int *pOpcode, uint8_t *pOut, size_t nCap) {
  uint8_t h[2];
  if (!cliRecv(cli, h, 2)) return -1;
  assert_int_equal(h[0] & 0x80, 0x80);          /* the server never fragments */
  assert_int_equal(h[1] & 0x80, 0);             /* nor masks */
  *pOpcode = h[0] & 0x0f;
  uint64_t n = h[1] & 0x7f;
  if (n >= 126) {
    uint8_t e[8];
    int nExt = n == 126 ? 2 : 8;
    if (!cliRecv(cli, e, (size_t)nExt)) return -1;
    n = 0;
    for (int k = 0; k < nExt; k++) n = n << 8 | e[k];
  }
  assert_true(n <= nCap);
  if (!cliRecv(cli, pOut, (size_t)n)) return -1;
  return (long)n;
}

static const char *kUpgrade =
    "GET / HTTP/1.1\r\n"
    "Host: 127.0.0.1\r\n"
    "Upgrade: websocket\r\n"
    "Connection: keep-alive, Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Origin: http://localhost:7474\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "\r\n";

/* Performs the upgrade; pExtra (frames) goes out in the same write. */
static void wsHandshake(Cli *cli, const uint8_t *pExtra, size_t nExtra) {
  uint8_t aReq[1024];
  size_t n = strlen(kUpgrade);
  memcpy(aReq, kUpgrade, n);
  if (nExtra > 0) memcpy(aReq + n, pExtra, nExtra);
  static const int aPiece[] = {7, 30};
  cliSendSplit(cli, aReq, n + nExtra, aPiece, 2);
  char zHead[1024];
  cliRecvHttpHead(cli, zHead, sizeof zHead);
  assert_non_null(strstr(zHead, "HTTP/1.1 101 Switching Protocols\r\n"));
  /* The example of RFC 6455, section 1.3. */
  assert_non_null(strstr(zHead, "\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
  assert_null(strstr(zHead, "Sec-WebSocket-Protocol"));
}

/* ---- tests: plain and TLS ---------------------------------------------------- */

/* Echoes messages of several sizes through c. The first message starts
** with 0x60, as Bolt's magic does, for the server to take the stream as
** raw Bolt. */
static void echoRoundTrips(NetConn *c) {
  uint8_t aFirst[2] = {0x60, 0x04};
  assert_int_equal(net_write_all(c, aFirst, 2), NET_OK);
  assert_int_equal(net_write_all(c, aFirst, 0), NET_OK);     /* writes nothing */
  uint8_t *aMsg = tg_calloc(1, 0x6004 + 2);
  assert_int_equal(net_write_all(c, aMsg, 0x6004), NET_OK);
  assert_int_equal(net_read_full(c, aMsg, 0x6004 + 2, 3000), NET_OK);
  assert_int_equal(aMsg[0], 0x60);
  assert_int_equal(aMsg[1], 0x04);
  tg_free(aMsg);

  static const size_t aSize[] = {0, 1, 5, 1000, 16383, 16384, 40000, 65535};
  uint8_t *aOut = tg_malloc(2 + 65535), *aIn = tg_malloc(2 + 65535);
  for (int i = 0; i < ARRAY_SIZE(aSize); i++) {
    size_t n = aSize[i];
    aOut[0] = (uint8_t)(n >> 8);
    aOut[1] = (uint8_t)n;
    for (size_t k = 0; k < n; k++) aOut[2 + k] = (uint8_t)(k * 7 + i);
    int rc = net_write_all(c, aOut, n + 2);
    if (rc == NET_OK) rc = net_read_full(c, aIn, n + 2, 3000);
    if (rc != NET_OK) fail_msg("echo of %zu bytes: %s", n, net_conn_error(c));
    assert_memory_equal(aIn, aOut, n + 2);
  }
  tg_free(aOut);
  tg_free(aIn);
}

static void test_plain_echo(void **state) {
  (void)state;
  int64_t memBefore = mem_in_use();
  Srv s;
  srvStart(&s, NULL, 2000);
  char zAddr[64], zErr[NET_ERRMSG_MAX];
  srvAddress(&s, zAddr, sizeof zAddr);
  NetConn *c;
  assert_int_equal(net_connect(zAddr, NET_CLIENT_PLAIN, NULL, 2000, &c, zErr), NET_OK);
  assert_int_equal(net_conn_transport(c), NET_TCP);
  assert_true(net_conn_peer_is_loopback(c));
  echoRoundTrips(c);
  net_close(c);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_OK);
  assert_int_equal(s.eTransport, NET_TCP);
  assert_int_equal(s.endRc, NET_EOF);
  assert_int_equal(s.nEchoed, 1 + 8);
  assert_string_equal(s.zPeerIp, "127.0.0.1");
  assert_true(s.bPeerLoopback);
  assert_string_equal(net_transport_name(NET_WSS), "websocket+tls");
  assert_int_equal(mem_in_use(), memBefore);
}

static void test_tls_echo(void **state) {
  (void)state;
  char zErr[NET_ERRMSG_MAX];
  SSL_CTX *pTls = net_tls_context(gzCert, gzKey, zErr);
  assert_non_null(pTls);
  Srv s;
  srvStart(&s, pTls, 2000);
  char zAddr[64];
  snprintf(zAddr, sizeof zAddr, "localhost:%d", net_listener_port(s.pL));
  NetConn *c;
  /* Verified against the self-signed certificate, by host name. */
  assert_int_equal(net_connect(zAddr, NET_CLIENT_TLS, gzCert, 2000, &c, zErr), NET_OK);
  assert_int_equal(net_conn_transport(c), NET_TLS);
  echoRoundTrips(c);
  net_close(c);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_OK);
  assert_int_equal(s.eTransport, NET_TLS);
  assert_int_equal(s.endRc, NET_EOF);
  assert_int_equal(s.nEchoed, 9);

  /* A client trusting another certificate refuses this one. (Not the
  ** system's store: loading it takes seconds under the sanitizers.) */
  srvStart(&s, pTls, 2000);
  snprintf(zAddr, sizeof zAddr, "127.0.0.1:%d", net_listener_port(s.pL));
  assert_int_equal(net_connect(zAddr, NET_CLIENT_TLS, gzOtherCert, 2000, &c, zErr), NET_ERROR);
  assert_null(c);
  assert_non_null(strstr(zErr, "not trusted"));
  srvJoin(&s);
  assert_int_not_equal(s.startRc, NET_OK);

  /* Without verification it is accepted. */
  srvStart(&s, pTls, 2000);
  snprintf(zAddr, sizeof zAddr, "127.0.0.1:%d", net_listener_port(s.pL));
  assert_int_equal(net_connect(zAddr, NET_CLIENT_TLS_NOVERIFY, NULL, 2000, &c, zErr), NET_OK);
  echoRoundTrips(c);
  net_close(c);
  srvJoin(&s);
  assert_int_equal(s.endRc, NET_EOF);
  net_tls_free(pTls);
}

/* A TLS client meets a server without a certificate: refused with a TLS
** alert on the client's side and a clear message on the server's. */
static void test_tls_refused_without_context(void **state) {
  (void)state;
  Srv s;
  srvStart(&s, NULL, 2000);
  char zAddr[64], zErr[NET_ERRMSG_MAX];
  srvAddress(&s, zAddr, sizeof zAddr);
  NetConn *c;
  assert_int_equal(net_connect(zAddr, NET_CLIENT_TLS_NOVERIFY, NULL, 2000, &c, zErr), NET_ERROR);
  assert_non_null(strstr(zErr, "handshake failure"));
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_ERROR);
  assert_non_null(strstr(s.zErr, "no TLS certificate"));
}

static void test_tls_context_errors(void **state) {
  (void)state;
  char zErr[NET_ERRMSG_MAX];
  char zMissing[160];
  snprintf(zMissing, sizeof zMissing, "%s/missing.pem", gzDir);
  assert_null(net_tls_context(zMissing, gzKey, zErr));
  assert_non_null(strstr(zErr, "cannot read the TLS certificate file"));
  assert_non_null(strstr(zErr, "missing.pem"));
  assert_null(net_tls_context(gzCert, zMissing, zErr));
  assert_non_null(strstr(zErr, "cannot read the TLS key file"));
  assert_null(net_tls_context(gzJunk, gzKey, zErr));
  assert_non_null(strstr(zErr, "holds no usable PEM certificate"));
  assert_null(net_tls_context(gzCert, gzJunk, zErr));
  assert_non_null(strstr(zErr, "holds no usable PEM private key"));
  assert_null(net_tls_context(gzCert, gzOtherKey, zErr));
  assert_non_null(strstr(zErr, "does not belong to the certificate"));
}

/* ---- tests: WebSocket ---------------------------------------------------- */

/* The WebSocket conversation, over whichever client: odd splits, a
** fragmented message with a ping inside, long lengths, a close. */
static void wsConversation(Cli *cli) {
  uint8_t aFrame[70000 + 14], aIn[70000];
  int opcode;

  /* Upgrade, with the first 3 bytes of a frame in the same write. */
  static const uint8_t aHello[] = {0x00, 0x05, 'h', 'e', 'l', 'l', 'o'};
  size_t n = wsFrame(aFrame, true, 2, aHello, sizeof aHello, true);
  wsHandshake(cli, aFrame, 3);
  static const int aPiece[] = {1, 2, 1, 3};
  cliSendSplit(cli, aFrame + 3, n - 3, aPiece, 4);
  assert_int_equal(wsRecvFrame(cli, &opcode, aIn, sizeof aIn), sizeof aHello);
  assert_int_equal(opcode, 2);
  assert_memory_equal(aIn, aHello, sizeof aHello);

  /* One message in three fragments, a ping between them; the echo's length
  ** prefix itself straddles two frames. */
  size_t m = 0;
  static const uint8_t aPart1[] = {0x00};
  static const uint8_t aPart2[] = {0x03, 'x'};
  static const uint8_t aPart3[] = {'y', 'z'};
  m += wsFrame(aFrame + m, false, 2, aPart1, 1, true);
  m += wsFrame(aFrame + m, true, 9, "abc", 3, true);
  m += wsFrame(aFrame + m, false, 0, aPart2, 2, true);
  m += wsFrame(aFrame + m, true, 0, aPart3, 2, true);
  static const int aPiece2[] = {5, 1, 9, 2};
  cliSendSplit(cli, aFrame, m, aPiece2, 4);
  assert_int_equal(wsRecvFrame(cli, &opcode, aIn, sizeof aIn), 3);
  assert_int_equal(opcode, 0xa);                          /* pong, same payload */
  assert_memory_equal(aIn, "abc", 3);
  assert_int_equal(wsRecvFrame(cli, &opcode, aIn, sizeof aIn), 5);
  assert_int_equal(opcode, 2);
  assert_memory_equal(aIn, "\x00\x03xyz", 5);

  /* 16-bit and 64-bit frame lengths, both ways; a pong from the client is
  ** ignored, an empty ping answered. */
  static uint8_t aBig[65537];
  for (size_t k = 0; k < sizeof aBig; k++) aBig[k] = (uint8_t)(k * 13);
  aBig[0] = 0xff;
  aBig[1] = 0xff;
  m = wsFrame(aFrame, true, 0xa, "zz", 2, true);
  m += wsFrame(aFrame + m, true, 9, NULL, 0, true);
  cliSend(cli, aFrame, m);
  assert_int_equal(wsRecvFrame(cli, &opcode, aIn, sizeof aIn), 0);
  assert_int_equal(opcode, 0xa);
  aBig[0] = 0x01;
  aBig[1] = 0x2c;                                          /* 300 bytes */
  n = wsFrame(aFrame, true, 2, aBig, 302, true);
  cliSend(cli, aFrame, n);
  assert_int_equal(wsRecvFrame(cli, &opcode, aIn, sizeof aIn), 302);
  assert_memory_equal(aIn, aBig, 302);
  aBig[0] = 0xff;
  aBig[1] = 0xff;
  n = wsFrame(aFrame, true, 2, aBig, sizeof aBig, true);
  static const int aPiece3[] = {1, 9, 4097, 12000};
  cliSendSplit(cli, aFrame, n, aPiece3, 4);
  assert_int_equal(wsRecvFrame(cli, &opcode, aIn, sizeof aIn), sizeof aBig);
  assert_memory_equal(aIn, aBig, sizeof aBig);

  /* Close with 1000: the server answers with the same code. */
  static const uint8_t aCode[2] = {0x03, 0xe8};
  n = wsFrame(aFrame, true, 8, aCode, 2, true);
  cliSend(cli, aFrame, n);
  assert_int_equal(wsRecvFrame(cli, &opcode, aIn, sizeof aIn), 2);
  assert_int_equal(opcode, 8);
  assert_memory_equal(aIn, aCode, 2);
  assert_true(cliSeesEnd(cli));
}

static void test_websocket(void **state) {
  (void)state;
  int64_t memBefore = mem_in_use();
  Srv s;
  srvStart(&s, NULL, 2000);
  Cli cli = rawConnect(&s);
  wsConversation(&cli);
  cliClose(&cli);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_OK);
  assert_int_equal(s.eTransport, NET_WS);
  assert_int_equal(s.nEchoed, 4);
  assert_int_equal(s.endRc, NET_EOF);
  assert_non_null(strstr(s.zErr, "closed the WebSocket (code 1000)"));
  assert_int_equal(mem_in_use(), memBefore);
}

static void test_websocket_over_tls(void **state) {
  (void)state;
  char zErr[NET_ERRMSG_MAX];
  SSL_CTX *pTls = net_tls_context(gzCert, gzKey, zErr);
  assert_non_null(pTls);
  Srv s;
  srvStart(&s, pTls, 2000);
  Cli cli = tlsConnect(&s);
  wsConversation(&cli);
  cliClose(&cli);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_OK);
  assert_int_equal(s.eTransport, NET_WSS);
  assert_int_equal(s.nEchoed, 4);
  assert_int_equal(s.endRc, NET_EOF);
  net_tls_free(pTls);
}

/* The server closes a healthy WebSocket with 1000 (here: after an idle
** timeout ends its echo loop). */
static void test_websocket_server_close(void **state) {
  (void)state;
  Srv s;
  srvStartWith(&s, NULL, 2000, 150);
  Cli cli = rawConnect(&s);
  wsHandshake(&cli, NULL, 0);
  uint8_t aIn[16];
  int opcode;
  assert_int_equal(wsRecvFrame(&cli, &opcode, aIn, sizeof aIn), 2);
  assert_int_equal(opcode, 8);
  assert_int_equal(aIn[0] << 8 | aIn[1], 1000);
  cliClose(&cli);
  srvJoin(&s);
  assert_int_equal(s.endRc, NET_TIMEOUT);
  assert_non_null(strstr(s.zErr, "no data from the client for 150 ms"));
}

/* ---- tests: hostile and confused clients ---------------------------------- */

static void test_silent_client_times_out(void **state) {
  (void)state;
  Srv s;
  srvStart(&s, NULL, 200);
  Cli cli = rawConnect(&s);
  srvJoin(&s);                    /* returns once the handshake timed out */
  assert_int_equal(s.startRc, NET_TIMEOUT);
  assert_non_null(strstr(s.zErr, "timed out after 200 ms"));
  assert_true(cliSeesEnd(&cli));
  cliClose(&cli);

  /* Half an upgrade request, then silence. */
  srvStart(&s, NULL, 200);
  cli = rawConnect(&s);
  cliSend(&cli, "GET / HTTP/1.1\r\nHost: x\r\n", 25);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_TIMEOUT);
  assert_non_null(strstr(s.zErr, "WebSocket upgrade request"));
  cliClose(&cli);

  /* The start of a TLS record, then silence. */
  char zErr[NET_ERRMSG_MAX];
  SSL_CTX *pTls = net_tls_context(gzCert, gzKey, zErr);
  assert_non_null(pTls);
  srvStart(&s, pTls, 200);
  cli = rawConnect(&s);
  cliSend(&cli, "\x16\x03\x01", 3);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_TIMEOUT);
  assert_non_null(strstr(s.zErr, "in the TLS handshake"));
  cliClose(&cli);
  net_tls_free(pTls);
}

static void test_client_leaves_at_once(void **state) {
  (void)state;
  Srv s;
  srvStart(&s, NULL, 2000);
  Cli cli = rawConnect(&s);
  cliClose(&cli);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_EOF);
}

static void test_oversized_http_header(void **state) {
  (void)state;
  Srv s;
  srvStart(&s, NULL, 2000);
  Cli cli = rawConnect(&s);
  char zReq[12000];
  size_t n = (size_t)snprintf(zReq, sizeof zReq, "GET / HTTP/1.1\r\n");
  while (n + 40 < sizeof zReq) {
    n += (size_t)snprintf(zReq + n, sizeof zReq - n, "X-Padding: %028d\r\n", 7);
  }
  cliSend(&cli, zReq, n);
  char zHead[1024];
  cliRecvHttpHead(&cli, zHead, sizeof zHead);
  assert_non_null(strstr(zHead, "HTTP/1.1 431 "));
  cliClose(&cli);
  srvJoin(&s);
  assert_int_equal(s.startRc, NET_ERROR);
  assert_non_null(strstr(s.zErr, "exceeds 8192 bytes"));
}

/* Each request is refused with the status given. */
static void test_bad_http_requests(void **state) {
  (void)state;
  static const struct { const char *zReq; const char *zStatus; const char *zWhy; } aCase[] = {
      {"GET / HTTP/1.1\r\nHost: localhost:7687\r\nAccept: text/html\r\n\r\n",
       "HTTP/1.1 426 ", "not a WebSocket upgrade"},
      {"GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n",
       "HTTP/1.1 426 ", "version other than 13"},
      {"GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Version: 13\r\n\r\n",
       "HTTP/1.1 400 ", "Sec-WebSocket-Key"},
      {"GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n",
       "HTTP/1.1 400 ", "Sec-WebSocket-Key"},
      {"GET / HTTP/1.0\r\n\r\n", "HTTP/1.1 400 ", "HTTP/1.1 request line"},
      {"GARBAGE\r\n\r\n", "HTTP/1.1 400 ", "not a GET"},
      {"GET / HTTP/1.1\r\nno colon here\r\n\r\n", "HTTP/1.1 400 ", "malformed header"},
  };
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    Srv s;
    srvStart(&s, NULL, 2000);
    Cli cli = rawConnect(&s);
    cliSend(&cli, aCase[i].zReq, strlen(aCase[i].zReq));
    char zHead[1024];
    cliRecvHttpHead(&cli, zHead, sizeof zHead);
    assert_non_null(strstr(zHead, aCase[i].zStatus));
    if (strstr(aCase[i].zWhy, "version")) {
      assert_non_null(strstr(zHead, "Sec-WebSocket-Version: 13\r\n"));
    }
    cliClose(&cli);
    srvJoin(&s);
    assert_int_equal(s.startRc, NET_ERROR);
    assert_non_null(strstr(s.zErr, aCase[i].zWhy));
  }
}

/* A server that asks no password takes WebSockets only from programs (no
** Origin) and from pages served on this machine; one that does takes any
** page, as Neo4j does (the password protects it). */
static void test_websocket_origin_without_auth(void **state) {
  (void)state;
  static const struct { const char *zOrigin; bool bLocal; } aCase[] = {
      {NULL, true},
      {"http://localhost:7474", true},
      {"https://LOCALHOST", true},
      {"http://127.0.0.1:7474", true},
      {"http://127.10.0.3", true},
      {"http://[::1]:7474", true},
      {"https://evil.example", false},
      {"null", false},
      {"file://", false},
      {"http://localhost.evil.example", false},
      {"http://127.0.0.1.evil.example", false},
      {"http://127.0.0.1:7474.evil.example", false},
      {"http://127.0.0.1:7474/x", false},
      {"http://[::1].evil.example", false},
      {"http://[::1", false},
      {"http://localhost@evil.example", false},
      {"http://127.0.1", false},
  };
  for (int i = 0; i < ARRAY_SIZE(aCase); i++) {
    for (int bAuthNone = 0; bAuthNone <= 1; bAuthNone++) {
      Srv s;
      srvStartAs(&s, NULL, 2000, 300, bAuthNone);
      Cli cli = rawConnect(&s);
      char zReq[512];
      int n = snprintf(zReq, sizeof zReq,
                       "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                       "%s%s%s\r\n",
                       aCase[i].zOrigin ? "Origin: " : "", aCase[i].zOrigin ? aCase[i].zOrigin : "",
                       aCase[i].zOrigin ? "\r\n" : "");
      cliSend(&cli, zReq, (size_t)n);
      char zHead[1024];
      cliRecvHttpHead(&cli, zHead, sizeof zHead);
      bool bRefused = bAuthNone && !aCase[i].bLocal;
      if (strstr(zHead, bRefused ? "HTTP/1.1 403 " : "HTTP/1.1 101 ") == NULL) {
        fail_msg("origin %s, auth %s: %s", aCase[i].zOrigin ? aCase[i].zOrigin : "(none)",
                 bAuthNone ? "none" : "on", zHead);
      }
      cliClose(&cli);
      srvJoin(&s);
      if (bRefused) {
        assert_int_equal(s.startRc, NET_ERROR);
        assert_non_null(strstr(s.zErr, "only pages on this machine"));
      } else {
        assert_int_equal(s.startRc, NET_OK);
      }
    }
  }
}

static void test_garbage_first_bytes(void **state) {
  (void)state;
  static const char *aGarbage[] = {"\x01\x02\x03 hello", "POST / HTTP/1.1\r\n\r\n", "\xff"};
  for (int i = 0; i < ARRAY_SIZE(aGarbage); i++) {
    Srv s;
    srvStart(&s, NULL, 2000);
    Cli cli = rawConnect(&s);
    cliSend(&cli, aGarbage[i], strlen(aGarbage[i]));
    assert_true(cliSeesEnd(&cli));
    cliClose(&cli);
    srvJoin(&s);
    assert_int_equal(s.startRc, NET_ERROR);
    assert_non_null(strstr(s.zErr, "neither Bolt, TLS nor WebSocket"));
  }
}

/* After a good upgrade, a frame the server must refuse: it answers with a
** close frame carrying wantCode and its echo loop ends with NET_ERROR. */
static void wsRefusedFrame(const uint8_t *pFrame, size_t n, int wantCode, const char *zWhy) {
  Srv s;
  srvStart(&s, NULL, 2000);
  Cli cli = rawConnect(&s);
  wsHandshake(&cli, NULL, 0);
  cliSend(&cli, pFrame, n);
  uint8_t aIn[128];
  int opcode;
  assert_int_equal(wsRecvFrame(&cli, &opcode, aIn, sizeof aIn), 2);
  assert_int_equal(opcode, 8);
  assert_int_equal(aIn[0] << 8 | aIn[1], wantCode);
  assert_true(cliSeesEnd(&cli));
  cliClose(&cli);
  srvJoin(&s);
  assert_int_equal(s.endRc, NET_ERROR);
  if (strstr(s.zErr, zWhy) == NULL) fail_msg("'%s' does not say '%s'", s.zErr, zWhy);
}

static void test_websocket_bad_frames(void **state) {
  (void)state;
  uint8_t aFrame[64];
  size_t n;

  /* Unmasked. */
  n = wsFrame(aFrame, true, 2, "\x00\x01z", 3, false);
  wsRefusedFrame(aFrame, n, 1002, "unmasked");

  /* Text. */
  n = wsFrame(aFrame, true, 1, "{}", 2, true);
  wsRefusedFrame(aFrame, n, 1003, "text frame");

  /* A length of 2^40 (then a few payload bytes). */
  n = 0;
  aFrame[n++] = 0x82;
  aFrame[n++] = 0x80 | 127;
  static const uint8_t aLen[8] = {0, 0, 0x01, 0, 0, 0, 0, 0};
  memcpy(aFrame + n, aLen, 8);
  n += 8;
  memcpy(aFrame + n, "\x01\x02\x03\x04" "abcdefgh", 12);
  n += 12;
  wsRefusedFrame(aFrame, n, 1009, "the limit is 64 MiB");

  /* A length with the top bit set: malformed. */
  aFrame[2] = 0x80;
  wsRefusedFrame(aFrame, n, 1002, "malformed");

  /* A continuation with nothing to continue. */
  n = wsFrame(aFrame, true, 0, "ab", 2, true);
  wsRefusedFrame(aFrame, n, 1002, "no message to continue");

  /* A new message while one is open. */
  n = wsFrame(aFrame, false, 2, "a", 1, true);
  n += wsFrame(aFrame + n, true, 2, "b", 1, true);
  wsRefusedFrame(aFrame, n, 1002, "before the previous one ended");

  /* A ping of 126 bytes (control frames stop at 125). */
  n = 0;
  aFrame[n++] = 0x89;
  aFrame[n++] = 0x80 | 126;
  aFrame[n++] = 0;
  aFrame[n++] = 126;
  wsRefusedFrame(aFrame, n, 1002, "malformed");

  /* A close with a status code that must not travel (1005). */
  n = wsFrame(aFrame, true, 8, "\x03\xed", 2, true);
  wsRefusedFrame(aFrame, n, 1002, "invalid status code");

  /* Reserved bits. */
  n = wsFrame(aFrame, true, 2, "ab", 2, true);
  aFrame[0] |= 0x40;
  wsRefusedFrame(aFrame, n, 1002, "reserved bits");
}

/* ---- tests: listening, accepting, timeouts, interrupts ------------------- */

static void test_listen_addresses(void **state) {
  (void)state;
  char zErr[NET_ERRMSG_MAX];
  NetListener *pL;
  assert_int_equal(net_listen("localhost:0", &pL, zErr), NET_OK);
  assert_true(net_listener_is_loopback(pL));
  assert_true(net_listener_port(pL) > 0);
  net_listener_close(pL);

  assert_int_equal(net_listen("127.0.0.9:0", &pL, zErr), NET_OK);
  assert_true(net_listener_is_loopback(pL));
  char zWant[64];
  snprintf(zWant, sizeof zWant, "127.0.0.9:%d", net_listener_port(pL));
  assert_string_equal(net_listener_address(pL), zWant);
  net_listener_close(pL);

  assert_int_equal(net_listen("0.0.0.0:0", &pL, zErr), NET_OK);
  assert_false(net_listener_is_loopback(pL));
  net_listener_close(pL);

  assert_int_equal(net_listen(":0", &pL, zErr), NET_OK);
  assert_false(net_listener_is_loopback(pL));
  net_listener_close(pL);

  /* IPv6 may be switched off where the tests run. */
  if (net_listen("[::1]:0", &pL, zErr) == NET_OK) {
    assert_true(net_listener_is_loopback(pL));
    assert_non_null(strstr(net_listener_address(pL), "[::1]:"));
    net_listener_close(pL);
  }

  assert_int_equal(net_listen("127.0.0.1:65536", &pL, zErr), NET_ERROR);
  assert_null(pL);
  assert_non_null(strstr(zErr, "0 to 65535"));
  assert_int_equal(net_listen("127.0.0.1:x", &pL, zErr), NET_ERROR);
  assert_int_equal(net_listen("[::1:7687", &pL, zErr), NET_ERROR);
  assert_non_null(strstr(zErr, "']'"));

  /* A port in use. */
  NetListener *pL2;
  assert_int_equal(net_listen("127.0.0.1:0", &pL, zErr), NET_OK);
  char zAddr[64];
  snprintf(zAddr, sizeof zAddr, "127.0.0.1:%d", net_listener_port(pL));
  assert_int_equal(net_listen(zAddr, &pL2, zErr), NET_ERROR);
  assert_non_null(strstr(zErr, "in use"));
  net_listener_close(pL);

  /* Connecting where nobody listens. */
  NetConn *c;
  assert_int_equal(net_connect(zAddr, NET_CLIENT_PLAIN, NULL, 1000, &c, zErr), NET_ERROR);
  assert_non_null(strstr(zErr, "refused"));
  assert_int_equal(net_connect("127.0.0.1:0", NET_CLIENT_PLAIN, NULL, 1000, &c, zErr),
                   NET_ERROR);
}

static void *wakeSoon(void *pArg) {
  usleep(50 * 1000);
  net_listener_wake(pArg);
  return NULL;
}

static void test_accept_timeout_and_wake(void **state) {
  (void)state;
  char zErr[NET_ERRMSG_MAX];
  NetListener *pL;
  NetConn *c;
  assert_int_equal(net_listen("127.0.0.1:0", &pL, zErr), NET_OK);
  assert_int_equal(net_accept(pL, 30, &c, zErr), NET_TIMEOUT);
  assert_null(c);
  pthread_t t;
  pthread_create(&t, NULL, wakeSoon, pL);
  assert_int_equal(net_accept(pL, 5000, &c, zErr), NET_SHUTDOWN);
  pthread_join(t, NULL);
  assert_int_equal(net_accept(pL, -1, &c, zErr), NET_SHUTDOWN);   /* sticky */
  net_listener_close(pL);
}

/* A pair of connected NetConns in one thread: the listener's backlog
** completes the connection before accept. The server side is started with
** the Bolt magic's first byte already sent. */
static void connPair(NetListener **ppL, NetConn **ppClient, NetConn **ppServer) {
  char zErr[NET_ERRMSG_MAX], zAddr[64];
  assert_int_equal(net_listen("127.0.0.1:0", ppL, zErr), NET_OK);
  snprintf(zAddr, sizeof zAddr, "127.0.0.1:%d", net_listener_port(*ppL));
  assert_int_equal(net_connect(zAddr, NET_CLIENT_PLAIN, NULL, 1000, ppClient, zErr), NET_OK);
  assert_int_equal(net_accept(*ppL, 1000, ppServer, zErr), NET_OK);
  assert_int_equal(net_write_all(*ppClient, "\x60", 1), NET_OK);
  assert_int_equal(net_conn_start(*ppServer, NULL, 1000), NET_OK);
}

/* A read that times out keeps the bytes it had taken. */
static void test_read_timeout_keeps_bytes(void **state) {
  (void)state;
  NetListener *pL;
  NetConn *pCli, *pSrv;
  connPair(&pL, &pCli, &pSrv);
  assert_int_equal(net_write_all(pCli, "\x61\x62", 2), NET_OK);
  uint8_t a[7];
  assert_false(net_conn_has_buffered_input(pSrv));
  assert_int_equal(net_read_full(pSrv, a, 7, 100), NET_TIMEOUT);   /* 3 came */
  assert_true(net_conn_has_buffered_input(pSrv));
  assert_non_null(strstr(net_conn_error(pSrv), "no data from the client for 100 ms"));
  assert_int_equal(net_write_all(pCli, "\x63\x64\x65", 3), NET_OK);
  assert_int_equal(net_read_full(pSrv, a, 7, 100), NET_TIMEOUT);   /* 6 came */
  assert_int_equal(net_write_all(pCli, "\x66\x67", 2), NET_OK);
  assert_int_equal(net_read_full(pSrv, a, 7, 1000), NET_OK);
  assert_memory_equal(a, "\x60\x61\x62\x63\x64\x65\x66", 7);
  assert_int_equal(net_read_full(pSrv, a, 1, 1000), NET_OK);
  assert_int_equal(a[0], 0x67);
  assert_false(net_conn_has_buffered_input(pSrv));
  net_close(pCli);
  assert_int_equal(net_read_full(pSrv, a, 1, 1000), NET_EOF);
  assert_int_equal(net_read_full(pSrv, a, 1, 1000), NET_EOF);      /* for good */
  assert_int_equal(net_write_all(pSrv, "x", 1), NET_EOF);
  net_close(pSrv);
  net_listener_close(pL);
}

/* A client that never reads makes writes fail with NET_TIMEOUT. */
static void test_write_timeout(void **state) {
  (void)state;
  NetListener *pL;
  NetConn *pCli, *pSrv;
  connPair(&pL, &pCli, &pSrv);
  net_conn_set_send_timeout(pSrv, 200);
  size_t nChunk = 1 << 20;
  uint8_t *aChunk = tg_calloc(1, nChunk);
  int rc = NET_OK;
  for (int i = 0; i < 256 && rc == NET_OK; i++) rc = net_write_all(pSrv, aChunk, nChunk);
  assert_int_equal(rc, NET_TIMEOUT);
  assert_non_null(strstr(net_conn_error(pSrv), "took no data for 200 ms"));
  assert_int_equal(net_write_all(pSrv, aChunk, 1), NET_TIMEOUT);   /* unusable now */
  tg_free(aChunk);
  net_close(pSrv);
  net_close(pCli);
  net_listener_close(pL);
}

static void *dripBytes(void *pArg) {
  for (int i = 0; i < 10; i++) {
    usleep(30 * 1000);
    uint8_t b = (uint8_t)(0x61 + i);
    if (net_write_all(pArg, &b, 1) != NET_OK) break;
  }
  return NULL;
}

/* One deadline covers the whole read: a client dripping a byte now and
** then cannot keep a read alive. */
static void test_read_deadline_is_shared(void **state) {
  (void)state;
  NetListener *pL;
  NetConn *pCli, *pSrv;
  connPair(&pL, &pCli, &pSrv);
  pthread_t t;
  pthread_create(&t, NULL, dripBytes, pCli);
  uint8_t a[11];
  assert_int_equal(net_read_full(pSrv, a, 11, 150), NET_TIMEOUT);
  assert_int_equal(net_read_full(pSrv, a, 11, 3000), NET_OK);
  assert_memory_equal(a, "\x60" "abcdefghij", 11);
  pthread_join(t, NULL);
  net_close(pCli);
  net_close(pSrv);
  net_listener_close(pL);
}

static void *interruptSoon(void *pArg) {
  usleep(50 * 1000);
  net_conn_interrupt(pArg);
  return NULL;
}

/* net_conn_interrupt wakes a read blocked with no timeout. */
static void test_interrupt(void **state) {
  (void)state;
  NetListener *pL;
  NetConn *pCli, *pSrv;
  connPair(&pL, &pCli, &pSrv);
  pthread_t t;
  pthread_create(&t, NULL, interruptSoon, pSrv);
  uint8_t a[4];
  assert_int_equal(net_read_full(pSrv, a, 4, -1), NET_SHUTDOWN);
  pthread_join(t, NULL);
  assert_int_equal(net_write_all(pSrv, "x", 1), NET_SHUTDOWN);
  net_close(pSrv);
  assert_int_equal(net_read_full(pCli, a, 1, 1000), NET_EOF);
  net_close(pCli);
  net_listener_close(pL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_echo),
      cmocka_unit_test(test_tls_echo),
      cmocka_unit_test(test_tls_refused_without_context),
      cmocka_unit_test(test_tls_context_errors),
      cmocka_unit_test(test_websocket),
      cmocka_unit_test(test_websocket_over_tls),
      cmocka_unit_test(test_websocket_server_close),
      cmocka_unit_test(test_silent_client_times_out),
      cmocka_unit_test(test_client_leaves_at_once),
      cmocka_unit_test(test_oversized_http_header),
      cmocka_unit_test(test_bad_http_requests),
      cmocka_unit_test(test_websocket_origin_without_auth),
      cmocka_unit_test(test_garbage_first_bytes),
      cmocka_unit_test(test_websocket_bad_frames),
      cmocka_unit_test(test_listen_addresses),
      cmocka_unit_test(test_accept_timeout_and_wake),
      cmocka_unit_test(test_read_timeout_keeps_bytes),
      cmocka_unit_test(test_read_deadline_is_shared),
      cmocka_unit_test(test_write_timeout),
      cmocka_unit_test(test_interrupt),
  };
  return cmocka_run_group_tests(tests, setupCerts, teardownCerts);
}
