/*
** net.c — listening sockets and connections over TCP, TLS and WebSocket.
**
** A connection is a stack of at most three layers, each reading through
** the one below:
**
**   payload    net_read_full / net_write_all; for WebSocket, wslay's frame
**              codec (wslay_frame_recv/send) turns frames into a byte
**              stream and back; a small "unread" store keeps bytes a
**              timed-out read had already taken
**   stream     an input buffer (aIn) in front of the transport, so small
**              reads (Bolt's 2-byte chunk headers) cost no system call, and
**              so bytes read while sniffing the HTTP upgrade are not lost
**   transport  recv/send on the socket, or SSL_read/SSL_write
**
** Sockets are non-blocking; every wait is a poll() bounded by a deadline
** (milliseconds on the monotonic clock, -1 for none). OpenSSL is driven in
** the usual non-blocking way: call, and on WANT_READ/WANT_WRITE poll for
** that and call again with the same arguments. Because SSL_read is always
** called before polling, bytes OpenSSL holds decrypted (SSL_pending) are
** never left waiting on a poll that will not wake.
**
** The first byte of an accepted connection is only peeked (MSG_PEEK), so a
** ClientHello stays in the socket for OpenSSL to read.
*/
#include "server/net.h"

#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <fcntl.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <wslay/wslay.h>

#include "base/mem.h"

/* ======================================================================
** Types
** ====================================================================== */

#define NET_INBUF 16384           /* the stream layer's input buffer */
#define NET_CLOSE_WAIT_MS 100     /* polite goodbyes wait no longer */
#define NET_LINGER_MS 200         /* draining a refused client's bytes */
#define NET_WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

struct NetListener {
  int fd;                 /* the listening socket */
  int aWake[2];           /* a pipe: a byte in it means "shut down" */
  int port;               /* bound port */
  bool bLoopback;         /* bound to a loopback address */
  char zAddr[80];         /* "127.0.0.1:7687", for the banner */
};

struct NetConn {
  int fd;
  SSL *pSsl;                  /* NULL unless TLS */
  bool bTlsBroken;            /* a TLS error: no close_notify may follow */
  NetTransport eTransport;
  bool bStarted;              /* ready for payload reads and writes */
  int eDead;                  /* 0, or the NetResult every call now gets */
  atomic_bool bInterrupted;   /* net_conn_interrupt() was called */
  int sendTimeoutMs;
  char zPeer[80];             /* "1.2.3.4:5678" */
  char zPeerIp[64];           /* "1.2.3.4" */
  bool bPeerLoopback;
  bool bLocalPagesOnly;       /* net_conn_local_pages_only() */
  char zErr[NET_ERRMSG_MAX];

  /* Stream layer: aIn[iIn..nIn) is read from the transport, not yet used. */
  size_t iIn, nIn;
  uint8_t aIn[NET_INBUF];

  /* Payload bytes a timed-out net_read_full had taken: read first. */
  uint8_t *aUnread;
  size_t nUnread, nUnreadAlloc;

  /* WebSocket (eTransport NET_WS/NET_WSS). */
  wslay_frame_context_ptr pWs;
  int64_t ioDeadline;         /* deadline for wslay's callbacks */
  int ioStatus;               /* why a wslay callback failed (a NetResult) */
  const uint8_t *pWsData;     /* unread part of the last binary piece,  */
  size_t nWsData;             /* inside wslay's buffer until next recv  */
  bool bWsInFrame;            /* inside a frame's payload */
  bool bWsInMessage;          /* a fragmented binary message is open */
  uint8_t wsOpcode;           /* the current frame's opcode */
  uint64_t nWsFrameLen;       /* its payload length */
  uint64_t nWsFrameGot;       /* payload bytes seen so far */
  uint8_t aWsCtrl[125];       /* a control frame's payload */
  size_t nWsCtrl;
  bool bWsCloseSent;
};

/* ======================================================================
** Small helpers: time, errors, addresses
** ====================================================================== */

static int64_t nowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The deadline timeoutMs from now; -1 (none) for a negative timeout. */
static int64_t deadlineIn(int timeoutMs) {
  return timeoutMs < 0 ? -1 : nowMs() + timeoutMs;
}

/* Milliseconds left before deadline, for poll(): -1 for none, 0 if past. */
static int msLeft(int64_t deadline) {
  if (deadline < 0) return -1;
  int64_t left = deadline - nowMs();
  if (left <= 0) return 0;
  return left > INT_MAX ? INT_MAX : (int)left;
}

static void putErr(char *zErr, const char *zFmt, ...) TG_PRINTF(2, 3);
static void putErr(char *zErr, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zErr, NET_ERRMSG_MAX, zFmt, ap);
  va_end(ap);
}

/* errno as text, thread-safely (GNU strerror_r). */
static const char *errText(int err, char *zBuf, size_t nBuf) {
  return strerror_r(err, zBuf, nBuf);
}

/*
** Records why an operation failed and returns rc. Once the connection was
** interrupted, every failure is reported as NET_SHUTDOWN: the EOF or error
** seen is only the consequence of shutdown(2).
*/
static int connFail(NetConn *c, int rc, const char *zFmt, ...) TG_PRINTF(3, 4);
static int connFail(NetConn *c, int rc, const char *zFmt, ...) {
  if (atomic_load(&c->bInterrupted)) {
    snprintf(c->zErr, sizeof c->zErr, "the connection was interrupted");
    return NET_SHUTDOWN;
  }
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(c->zErr, sizeof c->zErr, zFmt, ap);
  va_end(ap);
  return rc;
}

/* Makes every later call on c return rc (a failure), keeping zErr. */
static int connKill(NetConn *c, int rc) {
  if (c->eDead == 0) c->eDead = rc;
  return rc;
}

/* The most useful line of OpenSSL's error queue, which it then clears. */
static void tlsErrText(char *zBuf, size_t nBuf) {
  unsigned long e = ERR_get_error(), eLast = 0;
  while (e != 0) {
    if (eLast == 0) eLast = e;          /* the first is the root cause */
    e = ERR_get_error();
  }
  if (eLast == 0) {
    snprintf(zBuf, nBuf, "unknown TLS error");
    return;
  }
  const char *zReason = ERR_reason_error_string(eLast);
  if (zReason) snprintf(zBuf, nBuf, "%s", zReason);
  else ERR_error_string_n(eLast, zBuf, nBuf);
}

/* OpenSSL writes with write(), which raises SIGPIPE on a closed peer. */
static void ignoreSigpipe(void) {
  struct sigaction sa;
  if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGPIPE, &sa, NULL);
  }
}

static bool sockaddrIsLoopback(const struct sockaddr *pSa) {
  if (pSa->sa_family == AF_INET) {
    const struct sockaddr_in *p4 = (const struct sockaddr_in *)pSa;
    return (ntohl(p4->sin_addr.s_addr) >> 24) == 127;
  }
  if (pSa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *p6 = (const struct sockaddr_in6 *)pSa;
    if (IN6_IS_ADDR_LOOPBACK(&p6->sin6_addr)) return true;
    return IN6_IS_ADDR_V4MAPPED(&p6->sin6_addr) && p6->sin6_addr.s6_addr[12] == 127;
  }
  return false;
}

/*
** Writes pSa as "ip" into zIp and "ip:port" (or "[ip]:port") into zFull.
** IPv4-mapped IPv6 addresses are written as plain IPv4, so a client is
** known by one name for rate limiting whichever socket family it came by.
*/
static void sockaddrText(const struct sockaddr *pSa, socklen_t nSa, char *zIp,
                         size_t nIp, char *zFull, size_t nFull) {
  char zHost[64], zServ[8];     /* numeric: an IPv6 address, a scope, a port */
  if (getnameinfo(pSa, nSa, zHost, sizeof zHost, zServ, sizeof zServ,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    snprintf(zIp, nIp, "?");
    snprintf(zFull, nFull, "?");
    return;
  }
  const char *zShown = zHost;
  if (pSa->sa_family == AF_INET6 && strncasecmp(zHost, "::ffff:", 7) == 0 &&
      strchr(zHost + 7, '.') != NULL) {
    zShown = zHost + 7;
  }
  snprintf(zIp, nIp, "%s", zShown);
  if (strchr(zShown, ':')) snprintf(zFull, nFull, "[%s]:%s", zShown, zServ);
  else snprintf(zFull, nFull, "%s:%s", zShown, zServ);
}

/*
** Splits "host:port", "[v6]:port", ":port", "host" or a bare IPv6 address
** into zHost (possibly "") and *pPort (defaultPort when none is written).
** Returns false with a message in zErr for malformed text.
*/
static bool splitHostPort(const char *zHostPort, char *zHost, size_t nHost,
                          int *pPort, char *zErr) {
  const char *zPort = NULL;
  size_t nH;
  const char *zH = zHostPort;
  if (zHostPort[0] == '[') {
    const char *zEnd = strchr(zHostPort, ']');
    if (zEnd == NULL) {
      putErr(zErr, "'%s': a '[' without its ']'", zHostPort);
      return false;
    }
    zH = zHostPort + 1;
    nH = (size_t)(zEnd - zH);
    if (zEnd[1] == ':') zPort = zEnd + 2;
    else if (zEnd[1] != 0) {
      putErr(zErr, "'%s': expected ':port' after ']'", zHostPort);
      return false;
    }
  } else {
    const char *zColon = strchr(zHostPort, ':');
    if (zColon != NULL && strchr(zColon + 1, ':') == NULL) {
      nH = (size_t)(zColon - zHostPort);
      zPort = zColon + 1;
    } else {
      nH = strlen(zHostPort);   /* a name, or a bare IPv6 address */
    }
  }
  if (nH >= nHost) {
    putErr(zErr, "'%s': the host name is too long", zHostPort);
    return false;
  }
  memcpy(zHost, zH, nH);
  zHost[nH] = 0;
  *pPort = NET_DEFAULT_PORT;
  if (zPort != NULL) {
    long port = 0;
    if (zPort[0] == 0 || strlen(zPort) > 5) port = -1;
    for (const char *z = zPort; port >= 0 && *z; z++) {
      port = (*z >= '0' && *z <= '9') ? port * 10 + (*z - '0') : -1;
    }
    if (port < 0 || port > 65535) {
      putErr(zErr, "'%s': the port must be a number from 0 to 65535", zHostPort);
      return false;
    }
    *pPort = (int)port;
  }
  return true;
}

static void setNoDelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static NetConn *connNew(int fd) {
  NetConn *c = tg_calloc(1, sizeof *c);
  c->fd = fd;
  c->sendTimeoutMs = NET_SEND_TIMEOUT_MS;
  atomic_init(&c->bInterrupted, false);
  return c;
}

const char *net_transport_name(NetTransport eTransport) {
  switch (eTransport) {
    case NET_TCP: return "bolt";
    case NET_TLS: return "bolt+tls";
    case NET_WS: return "websocket";
    case NET_WSS: return "websocket+tls";
  }
  return "?";
}

/* ======================================================================
** Listening
** ====================================================================== */

/* Tries to bind and listen on one resolved address; the socket, or -1. */
static int listenOn(const struct addrinfo *pAi, char *zWhy, size_t nWhy) {
  char zBuf[128];
  int fd = socket(pAi->ai_family, pAi->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                  pAi->ai_protocol);
  if (fd < 0) {
    snprintf(zWhy, nWhy, "socket: %s", errText(errno, zBuf, sizeof zBuf));
    return -1;
  }
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, pAi->ai_addr, pAi->ai_addrlen) != 0) {
    snprintf(zWhy, nWhy, "%s", errText(errno, zBuf, sizeof zBuf));
    close(fd);
    return -1;
  }
  if (listen(fd, SOMAXCONN) != 0) {
    snprintf(zWhy, nWhy, "listen: %s", errText(errno, zBuf, sizeof zBuf));
    close(fd);
    return -1;
  }
  return fd;
}

int net_listen(const char *zHostPort, NetListener **ppL, char zErr[NET_ERRMSG_MAX]) {
  char zHost[256], zPortText[8], zWhy[160] = "no address";
  int port;
  *ppL = NULL;
  zErr[0] = 0;
  if (!splitHostPort(zHostPort, zHost, sizeof zHost, &port, zErr)) return NET_ERROR;
  if (zHost[0] == 0) snprintf(zHost, sizeof zHost, "0.0.0.0");
  snprintf(zPortText, sizeof zPortText, "%d", port);
  ignoreSigpipe();

  struct addrinfo hints, *pList = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  int rc = getaddrinfo(zHost, zPortText, &hints, &pList);
  if (rc != 0) {
    putErr(zErr, "cannot listen on '%s': %s", zHostPort, gai_strerror(rc));
    return NET_ERROR;
  }
  /* IPv4 first: "localhost" then means 127.0.0.1, which every client of
  ** "localhost" can reach, even where IPv6 is switched off. */
  int fd = -1;
  for (int pass = 0; pass < 2 && fd < 0; pass++) {
    for (struct addrinfo *p = pList; p != NULL && fd < 0; p = p->ai_next) {
      if ((p->ai_family == AF_INET) == (pass == 0)) fd = listenOn(p, zWhy, sizeof zWhy);
    }
  }
  freeaddrinfo(pList);
  if (fd < 0) {
    putErr(zErr, "cannot listen on '%s': %s", zHostPort, zWhy);
    return NET_ERROR;
  }

  NetListener *pL = tg_calloc(1, sizeof *pL);
  pL->fd = fd;
  if (pipe2(pL->aWake, O_CLOEXEC | O_NONBLOCK) != 0) {
    char zBuf[128];
    putErr(zErr, "cannot listen on '%s': pipe: %s", zHostPort,
           errText(errno, zBuf, sizeof zBuf));
    close(fd);
    tg_free(pL);
    return NET_ERROR;
  }
  struct sockaddr_storage ss;
  socklen_t nSs = sizeof ss;
  char zIp[64];
  getsockname(fd, (struct sockaddr *)&ss, &nSs);
  pL->bLoopback = sockaddrIsLoopback((struct sockaddr *)&ss);
  sockaddrText((struct sockaddr *)&ss, nSs, zIp, sizeof zIp, pL->zAddr, sizeof pL->zAddr);
  pL->port = ss.ss_family == AF_INET ? ntohs(((struct sockaddr_in *)&ss)->sin_port)
                                     : ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
  *ppL = pL;
  return NET_OK;
}

int net_listener_port(const NetListener *pL) { return pL->port; }
const char *net_listener_address(const NetListener *pL) { return pL->zAddr; }
bool net_listener_is_loopback(const NetListener *pL) { return pL->bLoopback; }

void net_listener_wake(NetListener *pL) {
  /* A full pipe is already readable: nothing to do when this fails. */
  if (write(pL->aWake[1], "x", 1) < 0) {
  }
}

int net_listener_release_fd(NetListener *pL) {
  int fd = pL->fd;
  pL->fd = -1;
  return fd;
}

void net_listener_close(NetListener *pL) {
  if (pL == NULL) return;
  if (pL->fd >= 0) close(pL->fd);
  close(pL->aWake[0]);
  close(pL->aWake[1]);
  tg_free(pL);
}

int net_accept(NetListener *pL, int timeoutMs, NetConn **ppConn,
               char zErr[NET_ERRMSG_MAX]) {
  int64_t deadline = deadlineIn(timeoutMs);
  char zBuf[128];
  *ppConn = NULL;
  zErr[0] = 0;
  for (;;) {
    struct pollfd a[2] = {{pL->aWake[0], POLLIN, 0}, {pL->fd, POLLIN, 0}};
    int r = poll(a, 2, msLeft(deadline));
    if (r < 0) {
      if (errno == EINTR) continue;
      putErr(zErr, "poll: %s", errText(errno, zBuf, sizeof zBuf));
      return NET_ERROR;
    }
    if (a[0].revents) return NET_SHUTDOWN;        /* the byte stays: sticky */
    if (r == 0) {
      if (msLeft(deadline) == 0) return NET_TIMEOUT;
      continue;
    }
    struct sockaddr_storage ss;
    socklen_t nSs = sizeof ss;
    int fd = accept4(pL->fd, (struct sockaddr *)&ss, &nSs, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
      int err = errno;
      if (err == EINTR || err == EAGAIN || err == EWOULDBLOCK || err == ECONNABORTED ||
          err == EPROTO) {
        continue;                 /* the client left before we took it */
      }
      putErr(zErr, "accept: %s", errText(err, zBuf, sizeof zBuf));
      /* Out of descriptors or memory: the socket stays readable, so pause
      ** here (still listening for a wake) rather than let a caller spin. */
      struct pollfd w = {pL->aWake[0], POLLIN, 0};
      if (poll(&w, 1, 100) > 0) return NET_SHUTDOWN;
      return NET_ERROR;
    }
    setNoDelay(fd);
    NetConn *c = connNew(fd);
    sockaddrText((struct sockaddr *)&ss, nSs, c->zPeerIp, sizeof c->zPeerIp, c->zPeer,
                 sizeof c->zPeer);
    c->bPeerLoopback = sockaddrIsLoopback((struct sockaddr *)&ss);
    *ppConn = c;
    return NET_OK;
  }
}

/* ======================================================================
** Transport: the socket or OpenSSL, with deadlines
** ====================================================================== */

/* Waits until the socket is ready for events or the deadline passes. */
static int waitFd(NetConn *c, short events, int64_t deadline) {
  char zBuf[128];
  for (;;) {
    if (atomic_load(&c->bInterrupted)) return connFail(c, NET_SHUTDOWN, "interrupted");
    int ms = msLeft(deadline);
    if (ms == 0) return connFail(c, NET_TIMEOUT, "timed out");
    struct pollfd p = {c->fd, events, 0};
    int r = poll(&p, 1, ms);
    if (r > 0) return NET_OK;         /* errors and hang-ups too: the call says */
    if (r < 0 && errno != EINTR) {
      return connFail(c, NET_ERROR, "poll: %s", errText(errno, zBuf, sizeof zBuf));
    }
  }
}

/* Turns a failed SSL_read/SSL_write/SSL_do_handshake into a wait (NET_OK:
** call again) or a result. */
static int tlsRetry(NetConn *c, int r, int64_t deadline, const char *zWhat) {
  int err = errno;
  int e = SSL_get_error(c->pSsl, r);
  char zBuf[160];
  switch (e) {
    case SSL_ERROR_WANT_READ: return waitFd(c, POLLIN, deadline);
    case SSL_ERROR_WANT_WRITE: return waitFd(c, POLLOUT, deadline);
    case SSL_ERROR_ZERO_RETURN:
      /* Also a plain end of stream: SSL_OP_IGNORE_UNEXPECTED_EOF. */
      if (!SSL_is_init_finished(c->pSsl)) {
        return connFail(c, NET_EOF, "the peer closed the connection during %s", zWhat);
      }
      return connFail(c, NET_EOF, "the peer closed the TLS session");
    case SSL_ERROR_SYSCALL:
      c->bTlsBroken = true;
      ERR_clear_error();
      if (r == 0 || err == 0 || err == ECONNRESET || err == EPIPE) {
        return connFail(c, NET_EOF, "the peer closed the connection during %s", zWhat);
      }
      return connFail(c, NET_ERROR, "%s: %s", zWhat, errText(err, zBuf, sizeof zBuf));
    default:
      c->bTlsBroken = true;
      tlsErrText(zBuf, sizeof zBuf);
      return connFail(c, NET_ERROR, "%s: %s", zWhat, zBuf);
  }
}

/* Reads at least one and at most n bytes: the count, or a NetResult. */
static int tpRead(NetConn *c, uint8_t *p, size_t n, int64_t deadline) {
  char zBuf[128];
  if (n > INT_MAX) n = INT_MAX;
  for (;;) {
    int rc;
    if (c->pSsl) {
      ERR_clear_error();
      errno = 0;
      int r = SSL_read(c->pSsl, p, (int)n);
      if (r > 0) return r;
      rc = tlsRetry(c, r, deadline, "TLS read");
    } else {
      ssize_t r = recv(c->fd, p, n, 0);
      if (r > 0) return (int)r;
      if (r == 0) return connFail(c, NET_EOF, "the peer closed the connection");
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        rc = waitFd(c, POLLIN, deadline);
      } else if (errno == ECONNRESET) {
        return connFail(c, NET_EOF, "the peer reset the connection");
      } else {
        return connFail(c, NET_ERROR, "read: %s", errText(errno, zBuf, sizeof zBuf));
      }
    }
    if (rc != NET_OK) return rc;
  }
}

/* Writes all n bytes: NET_OK or a failure. */
static int tpWrite(NetConn *c, const uint8_t *p, size_t n, int flags, int64_t deadline) {
  char zBuf[128];
  while (n > 0) {
    int rc;
    if (c->pSsl) {
      ERR_clear_error();
      errno = 0;
      /* After WANT_*, OpenSSL wants the same buffer and length again:
      ** p and n only move on success. */
      int r = SSL_write(c->pSsl, p, n > (1u << 30) ? (1 << 30) : (int)n);
      if (r > 0) {
        p += r;
        n -= (size_t)r;
        continue;
      }
      rc = tlsRetry(c, r, deadline, "TLS write");
    } else {
      ssize_t r = send(c->fd, p, n, MSG_NOSIGNAL | flags);
      if (r > 0) {
        p += r;
        n -= (size_t)r;
        continue;
      }
      if (r < 0 && errno == EINTR) continue;
      if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        rc = waitFd(c, POLLOUT, deadline);
      } else if (r < 0 && (errno == EPIPE || errno == ECONNRESET)) {
        return connFail(c, NET_EOF, "the peer closed the connection");
      } else {
        return connFail(c, NET_ERROR, "write: %s", errText(errno, zBuf, sizeof zBuf));
      }
    }
    if (rc == NET_TIMEOUT) {
      return connFail(c, NET_TIMEOUT, "the peer took no data for %d ms", c->sendTimeoutMs);
    }
    if (rc != NET_OK) return rc;
  }
  return NET_OK;
}

/* ======================================================================
** Stream: the input buffer in front of the transport
** ====================================================================== */

/* Reads 1..n bytes, from aIn when it holds any: the count or a NetResult. */
static int streamRead(NetConn *c, uint8_t *p, size_t n, int64_t deadline) {
  if (c->iIn == c->nIn) {
    if (n >= NET_INBUF) return tpRead(c, p, n, deadline);
    int r = tpRead(c, c->aIn, NET_INBUF, deadline);
    if (r < 0) return r;
    c->iIn = 0;
    c->nIn = (size_t)r;
  }
  size_t take = TG_MIN(n, c->nIn - c->iIn);
  memcpy(p, c->aIn + c->iIn, take);
  c->iIn += take;
  return (int)take;
}

/* ======================================================================
** WebSocket framing (wslay does the byte-level work)
** ====================================================================== */

static ssize_t wsRecvCallback(uint8_t *pBuf, size_t n, int flags, void *pUser) {
  NetConn *c = pUser;
  (void)flags;
  int r = streamRead(c, pBuf, n, c->ioDeadline);
  if (r < 0) {
    c->ioStatus = r;
    return -1;
  }
  return r;
}

static ssize_t wsSendCallback(const uint8_t *pData, size_t n, int flags, void *pUser) {
  NetConn *c = pUser;
  int rc = tpWrite(c, pData, n, (flags & WSLAY_MSG_MORE) ? MSG_MORE : 0, c->ioDeadline);
  if (rc != NET_OK) {
    c->ioStatus = rc;
    return -1;
  }
  return (ssize_t)n;
}

/* Only a client masks; this side never asks for a mask. */
static int wsMaskCallback(uint8_t *pBuf, size_t n, void *pUser) {
  (void)pUser;
  memset(pBuf, 0, n);
  return 0;
}

/* Sends one complete, unmasked frame: NET_OK or a failure. */
static int wsSendFrame(NetConn *c, uint8_t opcode, const uint8_t *pData, size_t n,
                       int64_t deadline) {
  struct wslay_frame_iocb io;
  memset(&io, 0, sizeof io);
  io.fin = 1;
  io.opcode = opcode;
  io.payload_length = n;
  io.data = pData;
  io.data_length = n;
  c->ioDeadline = deadline;
  c->ioStatus = NET_OK;
  for (;;) {
    ssize_t r = wslay_frame_send(c->pWs, &io);
    if (r < 0) {
      if (c->ioStatus != NET_OK) return c->ioStatus;
      return connFail(c, NET_ERROR, "WebSocket send failed (wslay error %d)", (int)r);
    }
    io.data += r;
    io.data_length -= (size_t)r;
    if (io.data_length == 0) return NET_OK;
  }
}

/* Sends a close frame with a status code (best effort, briefly). */
static void wsSendClose(NetConn *c, int code) {
  if (c->bWsCloseSent) return;
  c->bWsCloseSent = true;
  uint8_t a[2] = {(uint8_t)(code >> 8), (uint8_t)code};
  char zKeep[NET_ERRMSG_MAX];
  memcpy(zKeep, c->zErr, sizeof zKeep);     /* the reason matters more */
  wsSendFrame(c, WSLAY_CONNECTION_CLOSE, a, code ? 2 : 0, deadlineIn(NET_CLOSE_WAIT_MS));
  memcpy(c->zErr, zKeep, sizeof zKeep);
}

/* A protocol violation: tell the client with close code, fail for good. */
static int wsViolation(NetConn *c, int code, const char *zFmt, ...) TG_PRINTF(3, 4);
static int wsViolation(NetConn *c, int code, const char *zFmt, ...) {
  char zWhy[NET_ERRMSG_MAX];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zWhy, sizeof zWhy, zFmt, ap);
  va_end(ap);
  wsSendClose(c, code);
  return connKill(c, connFail(c, NET_ERROR, "%s", zWhy));
}

/* A frame has begun: is it one a Bolt client may send here? */
static int wsCheckFrameStart(NetConn *c, const struct wslay_frame_iocb *io) {
  if (io->rsv != 0) {
    return wsViolation(c, WSLAY_CODE_PROTOCOL_ERROR,
                       "WebSocket frame with reserved bits set (no extension was agreed)");
  }
  if (!io->mask) {
    return wsViolation(c, WSLAY_CODE_PROTOCOL_ERROR,
                       "unmasked WebSocket frame (a client must mask every frame)");
  }
  switch (io->opcode) {
    case WSLAY_CONTINUATION_FRAME:
      if (!c->bWsInMessage) {
        return wsViolation(c, WSLAY_CODE_PROTOCOL_ERROR,
                           "WebSocket continuation frame with no message to continue");
      }
      break;
    case WSLAY_BINARY_FRAME:
      if (c->bWsInMessage) {
        return wsViolation(c, WSLAY_CODE_PROTOCOL_ERROR,
                           "WebSocket message begun before the previous one ended");
      }
      break;
    case WSLAY_TEXT_FRAME:
      return wsViolation(c, WSLAY_CODE_UNSUPPORTED_DATA,
                         "WebSocket text frame (Bolt travels in binary frames)");
    case WSLAY_CONNECTION_CLOSE:
    case WSLAY_PING:
    case WSLAY_PONG:
      return NET_OK;
    default:
      return wsViolation(c, WSLAY_CODE_PROTOCOL_ERROR, "WebSocket frame with unknown opcode %d",
                         io->opcode);
  }
  if (io->payload_length > NET_WS_FRAME_MAX) {
    char zLimit[32];
    mem_format_size(NET_WS_FRAME_MAX, zLimit, sizeof zLimit);
    return wsViolation(c, WSLAY_CODE_MESSAGE_TOO_BIG,
                       "WebSocket frame of %llu bytes (the limit is %s)",
                       (unsigned long long)io->payload_length, zLimit);
  }
  c->bWsInMessage = !io->fin;
  return NET_OK;
}

/* A control frame is complete: answer a ping, honour a close. */
static int wsControlDone(NetConn *c) {
  if (c->wsOpcode == WSLAY_PING) {
    return wsSendFrame(c, WSLAY_PONG, c->aWsCtrl, c->nWsCtrl, deadlineIn(c->sendTimeoutMs));
  }
  if (c->wsOpcode == WSLAY_CONNECTION_CLOSE) {
    int code = c->nWsCtrl >= 2 ? (c->aWsCtrl[0] << 8 | c->aWsCtrl[1]) : 0;
    /* Codes a peer may send (RFC 6455, 7.4): 1000-1003, 1007-1011 (IANA
    ** has since registered up to 1014) and 3000-4999. */
    bool bCodeOk = code == 0 || (code >= 1000 && code <= 1003) ||
                   (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    if (c->nWsCtrl == 1 || !bCodeOk) {
      return wsViolation(c, WSLAY_CODE_PROTOCOL_ERROR, "WebSocket close frame with %s",
                         c->nWsCtrl == 1 ? "a 1-byte payload" : "an invalid status code");
    }
    wsSendClose(c, code);                       /* echo the code, as RFC 6455 asks */
    if (code) connFail(c, NET_EOF, "the client closed the WebSocket (code %d)", code);
    else connFail(c, NET_EOF, "the client closed the WebSocket");
    return connKill(c, NET_EOF);
  }
  return NET_OK;                                /* a pong: nothing to do */
}

/* Reads 1..n payload bytes of binary messages: the count or a NetResult. */
static int wsRead(NetConn *c, uint8_t *p, size_t n, int64_t deadline) {
  for (;;) {
    if (c->nWsData > 0) {
      size_t take = TG_MIN(n, c->nWsData);
      if (take > INT_MAX) take = INT_MAX;
      memcpy(p, c->pWsData, take);
      c->pWsData += take;
      c->nWsData -= take;
      return (int)take;
    }
    struct wslay_frame_iocb io;
    memset(&io, 0, sizeof io);
    c->ioDeadline = deadline;
    c->ioStatus = NET_OK;
    ssize_t r = wslay_frame_recv(c->pWs, &io);
    if (r == WSLAY_ERR_WANT_READ) {
      if (c->ioStatus == NET_OK) continue;      /* part of a header came */
      if (c->ioStatus == NET_TIMEOUT) return c->ioStatus;
      return connKill(c, c->ioStatus);
    }
    if (r < 0) {
      return wsViolation(c, WSLAY_CODE_PROTOCOL_ERROR,
                         "malformed WebSocket frame (a control frame over 125 bytes or "
                         "fragmented, or a length not in its shortest form)");
    }
    if (!c->bWsInFrame) {                       /* a new frame's first piece */
      int rc = wsCheckFrameStart(c, &io);
      if (rc != NET_OK) return rc;
      c->bWsInFrame = true;
      c->wsOpcode = io.opcode;
      c->nWsFrameLen = io.payload_length;
      c->nWsFrameGot = 0;
      c->nWsCtrl = 0;
    }
    c->nWsFrameGot += (uint64_t)r;
    if (wslay_is_ctrl_frame(c->wsOpcode)) {
      /* wslay rejects control frames over 125 bytes: this fits. */
      size_t take = TG_MIN((size_t)r, sizeof c->aWsCtrl - c->nWsCtrl);
      memcpy(c->aWsCtrl + c->nWsCtrl, io.data, take);
      c->nWsCtrl += take;
    } else {
      c->pWsData = io.data;
      c->nWsData = (size_t)r;
    }
    if (c->nWsFrameGot == c->nWsFrameLen) {
      c->bWsInFrame = false;
      if (wslay_is_ctrl_frame(c->wsOpcode)) {
        int rc = wsControlDone(c);
        if (rc != NET_OK) return connKill(c, rc);
      }
    }
  }
}

/* ======================================================================
** Starting a server connection: sniffing, TLS, the WebSocket upgrade
** ====================================================================== */

/*
** After refusing a client, reads and drops what it still sends for a short
** while (or until it closes): closing a socket with unread bytes makes the
** kernel send a reset, which can destroy the refusal before it is read.
*/
static void lingerAndDrain(NetConn *c) {
  uint8_t aJunk[4096];
  size_t nTotal = 0;
  int64_t deadline = deadlineIn(NET_LINGER_MS);
  if (c->pSsl == NULL) shutdown(c->fd, SHUT_WR);
  while (nTotal < (1u << 20)) {
    int r;
    if (c->pSsl) {
      r = tpRead(c, aJunk, sizeof aJunk, deadline);   /* decrypts, to see EOF */
    } else {
      struct pollfd p = {c->fd, POLLIN, 0};
      int ms = msLeft(deadline);
      if (ms == 0 || poll(&p, 1, ms) <= 0) break;
      r = (int)recv(c->fd, aJunk, sizeof aJunk, 0);
    }
    if (r <= 0) break;
    nTotal += (size_t)r;
  }
}

/* Looks at the first byte without taking it from the socket. */
static int peekFirstByte(NetConn *c, uint8_t *pByte, int64_t deadline) {
  char zBuf[128];
  for (;;) {
    ssize_t r = recv(c->fd, pByte, 1, MSG_PEEK);
    if (r == 1) return NET_OK;
    if (r == 0) return connFail(c, NET_EOF, "the client closed the connection without a word");
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return connFail(c, errno == ECONNRESET ? NET_EOF : NET_ERROR, "read: %s",
                      errText(errno, zBuf, sizeof zBuf));
    }
    int rc = waitFd(c, POLLIN, deadline);
    if (rc != NET_OK) return rc;
  }
}

/* The server side of the TLS handshake. */
static int tlsAccept(NetConn *c, SSL_CTX *pTls, int64_t deadline) {
  char zBuf[160];
  c->pSsl = SSL_new(pTls);
  if (c->pSsl == NULL || SSL_set_fd(c->pSsl, c->fd) != 1) {
    tlsErrText(zBuf, sizeof zBuf);
    c->bTlsBroken = true;
    return connFail(c, NET_ERROR, "TLS setup failed: %s", zBuf);
  }
  for (;;) {
    ERR_clear_error();
    errno = 0;
    int r = SSL_accept(c->pSsl);
    if (r == 1) return NET_OK;
    int rc = tlsRetry(c, r, deadline, "TLS handshake");
    if (rc != NET_OK) {
      c->bTlsBroken = true;       /* no close_notify after a failed handshake */
      return rc;
    }
  }
}

/* Writes an HTTP refusal, lets the client read it, and fails with zWhy. */
static int httpRefuse(NetConn *c, int64_t deadline, const char *zStatus,
                      const char *zExtraHeaders, const char *zWhy) {
  char zResp[1024];
  const char *zBody = "This port speaks Bolt, the protocol of Neo4j's drivers, "
                      "directly or over WebSocket; it serves no web pages.\n";
  int n = snprintf(zResp, sizeof zResp,
                   "HTTP/1.1 %s\r\n%sContent-Type: text/plain; charset=utf-8\r\n"
                   "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                   zStatus, zExtraHeaders, strlen(zBody), zBody);
  if (n > 0 && (size_t)n < sizeof zResp) tpWrite(c, (const uint8_t *)zResp, (size_t)n, 0, deadline);
  lingerAndDrain(c);
  return connKill(c, connFail(c, NET_ERROR, "refused an HTTP request (%s): %s", zStatus, zWhy));
}

/* Is zOrigin (an Origin header: "scheme://host[:port]") a page served from
** this machine: http or https on localhost, 127.x.x.x or [::1]? */
static bool originIsLoopback(const char *zOrigin) {
  const char *zHost = strncmp(zOrigin, "http://", 7) == 0    ? zOrigin + 7
                    : strncmp(zOrigin, "https://", 8) == 0 ? zOrigin + 8
                                                            : NULL;
  if (zHost == NULL) return false;
  const char *zClose = zHost[0] == '[' ? strchr(zHost, ']') : NULL;
  if (zHost[0] == '[' && zClose == NULL) return false;
  size_t nHost = zClose ? (size_t)(zClose + 1 - zHost) : strcspn(zHost, ":/");
  const char *zRest = zHost + nHost;
  if (zRest[0] == ':') zRest += 1 + strspn(zRest + 1, "0123456789");
  if (zRest[0] != 0) return false;   /* a path, or a port that is not a number */
  if (nHost == 9 && strncasecmp(zHost, "localhost", 9) == 0) return true;
  if (nHost == 5 && memcmp(zHost, "[::1]", 5) == 0) return true;
  if (nHost < 7 || strncmp(zHost, "127.", 4) != 0) return false;
  int nDot = 0;
  for (size_t i = 0; i < nHost; i++) {
    if (zHost[i] == '.') nDot++;
    else if (zHost[i] < '0' || zHost[i] > '9') return false;
  }
  return nDot == 3;
}

/* Whether the comma-separated header value zList holds zToken (any case). */
static bool headerHasToken(const char *zList, const char *zToken) {
  size_t nToken = strlen(zToken);
  const char *z = zList;
  while (*z) {
    while (*z == ' ' || *z == '\t' || *z == ',') z++;
    const char *zStart = z;
    while (*z && *z != ',') z++;
    const char *zEnd = z;
    while (zEnd > zStart && (zEnd[-1] == ' ' || zEnd[-1] == '\t')) zEnd--;
    if ((size_t)(zEnd - zStart) == nToken && strncasecmp(zStart, zToken, nToken) == 0) {
      return true;
    }
  }
  return false;
}

/* A Sec-WebSocket-Key must be the base64 form of 16 bytes. */
static bool wsKeyIsValid(const char *zKey) {
  if (strlen(zKey) != 24 || strcmp(zKey + 22, "==") != 0) return false;
  for (int i = 0; i < 22; i++) {
    char ch = zKey[i];
    bool bOk = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
               (ch >= '0' && ch <= '9') || ch == '+' || ch == '/';
    if (!bOk) return false;
  }
  return true;
}

/* Sec-WebSocket-Accept: base64(SHA-1(key + the RFC 6455 GUID)). */
static void wsAcceptValue(const char *zKey, char zOut[32]) {
  char zJoined[64 + sizeof NET_WS_GUID];
  unsigned char aDigest[SHA_DIGEST_LENGTH];
  snprintf(zJoined, sizeof zJoined, "%s%s", zKey, NET_WS_GUID);
  SHA1((const unsigned char *)zJoined, strlen(zJoined), aDigest);
  EVP_EncodeBlock((unsigned char *)zOut, aDigest, SHA_DIGEST_LENGTH);  /* 28 + NUL */
}

/*
** Reads the HTTP request that starts the stream (within
** NET_HTTP_HEADER_MAX bytes), checks it is a WebSocket upgrade and answers
** 101; bytes after the request stay in aIn for wslay. Refuses anything
** else with an HTTP error.
*/
static int wsUpgrade(NetConn *c, int64_t deadline) {
  /* The whole header into aIn, which starts at aIn[0]: it is empty, or
  ** holds the first bytes read over TLS (iIn is 0). */
  size_t nHead = 0, iScan = 3;
  for (;;) {
    size_t nSearch = TG_MIN(c->nIn, (size_t)NET_HTTP_HEADER_MAX);
    for (size_t i = iScan; i < nSearch && nHead == 0; i++) {
      if (memcmp(c->aIn + i - 3, "\r\n\r\n", 4) == 0) nHead = i + 1;
    }
    if (nHead) break;
    iScan = TG_MAX(iScan, nSearch);
    if (c->nIn >= NET_HTTP_HEADER_MAX) {
      char zWhy[96];
      snprintf(zWhy, sizeof zWhy, "the request header exceeds %d bytes", NET_HTTP_HEADER_MAX);
      return httpRefuse(c, deadline, "431 Request Header Fields Too Large", "", zWhy);
    }
    int r = tpRead(c, c->aIn + c->nIn, NET_INBUF - c->nIn, deadline);
    if (r < 0) return r;
    c->nIn += (size_t)r;
  }

  /* Parse it in place: NUL-terminate each line. */
  char *zHead = (char *)c->aIn;
  zHead[nHead - 4] = 0;                       /* at the blank line's "\r\n\r\n" */
  char *zLine = zHead;
  char *zNext = strstr(zLine, "\r\n");
  if (zNext) *zNext = 0;
  if (strncmp(zLine, "GET ", 4) != 0) {
    return httpRefuse(c, deadline, "400 Bad Request", "", "not a GET request");
  }
  const char *zVersion = strrchr(zLine, ' ');
  if (zVersion == NULL || zVersion < zLine + 5 || strcmp(zVersion, " HTTP/1.1") != 0) {
    return httpRefuse(c, deadline, "400 Bad Request", "", "not an HTTP/1.1 request line");
  }
  bool bUpgrade = false, bConnUpgrade = false, bKeyTwice = false;
  const char *zKey = NULL, *zWsVersion = NULL, *zOrigin = NULL;
  while (zNext != NULL) {
    zLine = zNext + 2;
    zNext = strstr(zLine, "\r\n");
    if (zNext) *zNext = 0;
    char *zColon = strchr(zLine, ':');
    if (zColon == NULL || zColon == zLine || zLine[0] == ' ' || zLine[0] == '\t') {
      return httpRefuse(c, deadline, "400 Bad Request", "", "a malformed header line");
    }
    *zColon = 0;
    char *zValue = zColon + 1;
    while (*zValue == ' ' || *zValue == '\t') zValue++;
    size_t nValue = strlen(zValue);
    while (nValue > 0 && (zValue[nValue - 1] == ' ' || zValue[nValue - 1] == '\t')) {
      zValue[--nValue] = 0;
    }
    if (strcasecmp(zLine, "Upgrade") == 0) {
      bUpgrade = bUpgrade || headerHasToken(zValue, "websocket");
    } else if (strcasecmp(zLine, "Connection") == 0) {
      bConnUpgrade = bConnUpgrade || headerHasToken(zValue, "upgrade");
    } else if (strcasecmp(zLine, "Sec-WebSocket-Key") == 0) {
      bKeyTwice = zKey != NULL;
      zKey = zValue;
    } else if (strcasecmp(zLine, "Sec-WebSocket-Version") == 0) {
      zWsVersion = zValue;
    } else if (strcasecmp(zLine, "Origin") == 0) {
      zOrigin = zValue;
    }
  }
  if (!bUpgrade || !bConnUpgrade) {
    return httpRefuse(c, deadline, "426 Upgrade Required",
                      "Upgrade: websocket\r\nConnection: Upgrade\r\n",
                      "a plain HTTP request, not a WebSocket upgrade");
  }
  if (zWsVersion == NULL || strcmp(zWsVersion, "13") != 0) {
    return httpRefuse(c, deadline, "426 Upgrade Required", "Sec-WebSocket-Version: 13\r\n",
                      "a WebSocket version other than 13");
  }
  if (zKey == NULL || bKeyTwice || !wsKeyIsValid(zKey)) {
    return httpRefuse(c, deadline, "400 Bad Request", "",
                      "a missing or malformed Sec-WebSocket-Key");
  }

  /* A browser names the page that opens a WebSocket, and lets any page
  ** open one to any address: without this check a web site could reach a
  ** server that asks no password. Programs send no Origin. */
  if (c->bLocalPagesOnly && zOrigin && !originIsLoopback(zOrigin)) {
    char zWhy[200];
    snprintf(zWhy, sizeof zWhy,
             "a WebSocket from a page at %.80s; without authentication only pages on this machine may connect",
             zOrigin);
    return httpRefuse(c, deadline, "403 Forbidden", "", zWhy);
  }

  /* No Sec-WebSocket-Protocol in the answer: Neo4j's browser driver opens
  ** its WebSocket without asking for a subprotocol. */
  char zAccept[32], zResp[256];
  wsAcceptValue(zKey, zAccept);
  int n = snprintf(zResp, sizeof zResp,
                   "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
                   zAccept);
  c->iIn = nHead;                               /* the frames that follow */
  int rc = tpWrite(c, (const uint8_t *)zResp, (size_t)n, 0, deadline);
  if (rc != NET_OK) return rc;
  struct wslay_frame_callbacks cb = {wsSendCallback, wsRecvCallback, wsMaskCallback};
  if (wslay_frame_context_init(&c->pWs, &cb, c) != 0) {
    c->pWs = NULL;
    return connFail(c, NET_ERROR, "out of memory for the WebSocket context");
  }
  return NET_OK;
}

void net_conn_local_pages_only(NetConn *c) { c->bLocalPagesOnly = true; }

int net_conn_start(NetConn *c, SSL_CTX *pTls, int handshakeTimeoutMs) {
  if (c->eDead) return c->eDead;
  if (c->bStarted) return NET_OK;
  int64_t deadline = deadlineIn(handshakeTimeoutMs);
  const char *zStage = "while waiting for the client's first bytes";
  uint8_t first = 0;
  int rc = peekFirstByte(c, &first, deadline);
  if (rc == NET_OK && first == 0x16) {
    if (pTls == NULL) {
      /* A fatal handshake_failure alert, so the client reports a TLS
      ** problem rather than a dropped connection. */
      static const uint8_t aAlert[7] = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28};
      tpWrite(c, aAlert, sizeof aAlert, 0, deadlineIn(NET_CLOSE_WAIT_MS));
      lingerAndDrain(c);
      connFail(c, NET_ERROR,
               "the client began a TLS handshake, but this server has no TLS "
               "certificate configured");
      return connKill(c, NET_ERROR);
    }
    zStage = "in the TLS handshake";
    rc = tlsAccept(c, pTls, deadline);
    if (rc == NET_OK) {
      c->eTransport = NET_TLS;
      zStage = "while waiting for the client's first bytes over TLS";
      rc = tpRead(c, c->aIn, NET_INBUF, deadline);
      if (rc > 0) {
        c->iIn = 0;
        c->nIn = (size_t)rc;
        first = c->aIn[0];
        rc = NET_OK;
      }
    }
  }
  if (rc == NET_OK && first == 'G') {
    zStage = "while reading the WebSocket upgrade request";
    rc = wsUpgrade(c, deadline);
    if (rc == NET_OK) c->eTransport = c->eTransport == NET_TLS ? NET_WSS : NET_WS;
  } else if (rc == NET_OK && first != 0x60) {
    lingerAndDrain(c);
    connFail(c, NET_ERROR,
             "the client speaks neither Bolt, TLS nor WebSocket (its first byte is 0x%02x)",
             first);
    return connKill(c, NET_ERROR);
  }
  if (rc == NET_TIMEOUT) {
    connFail(c, NET_TIMEOUT, "timed out after %d ms %s", handshakeTimeoutMs, zStage);
  }
  if (rc != NET_OK) return connKill(c, rc);
  c->bStarted = true;
  return NET_OK;
}

NetTransport net_conn_transport(const NetConn *c) { return c->eTransport; }
const char *net_conn_peer(const NetConn *c) { return c->zPeer; }
const char *net_conn_peer_ip(const NetConn *c) { return c->zPeerIp; }
bool net_conn_peer_is_loopback(const NetConn *c) { return c->bPeerLoopback; }
const char *net_conn_error(const NetConn *c) { return c->zErr; }

bool net_conn_has_buffered_input(const NetConn *c) {
  return c->nUnread > 0 || c->iIn < c->nIn || c->nWsData > 0 ||
         (c->pSsl != NULL && SSL_pending(c->pSsl) > 0);
}

void net_conn_set_send_timeout(NetConn *c, int timeoutMs) { c->sendTimeoutMs = timeoutMs; }

/* ======================================================================
** Payload I/O
** ====================================================================== */

int net_read_full(NetConn *c, void *pBuf, size_t n, int timeoutMs) {
  uint8_t *p = pBuf;
  size_t got = 0;
  if (c->eDead) return c->eDead;
  if (!ALWAYS(c->bStarted)) return connFail(c, NET_ERROR, "the connection was not started");
  if (c->nUnread > 0) {
    got = TG_MIN(n, c->nUnread);
    memcpy(p, c->aUnread, got);
    memmove(c->aUnread, c->aUnread + got, c->nUnread - got);
    c->nUnread -= got;
  }
  int64_t deadline = deadlineIn(timeoutMs);
  while (got < n) {
    int r = c->pWs ? wsRead(c, p + got, n - got, deadline)
                   : streamRead(c, p + got, n - got, deadline);
    if (r == NET_TIMEOUT) {
      /* Keep what came (the store is empty: it was taken above). */
      if (got > 0) {
        if (got > c->nUnreadAlloc) {
          c->aUnread = tg_realloc(c->aUnread, got);
          c->nUnreadAlloc = got;
        }
        memcpy(c->aUnread, p, got);
        c->nUnread = got;
      }
      return connFail(c, NET_TIMEOUT, "no data from the client for %d ms", timeoutMs);
    }
    if (r < 0) return connKill(c, r);
    got += (size_t)r;
  }
  return NET_OK;
}

int net_write_all(NetConn *c, const void *pBuf, size_t n) {
  if (c->eDead) return c->eDead;
  if (!ALWAYS(c->bStarted)) return connFail(c, NET_ERROR, "the connection was not started");
  if (n == 0) return NET_OK;
  int64_t deadline = deadlineIn(c->sendTimeoutMs);
  int rc = c->pWs ? wsSendFrame(c, WSLAY_BINARY_FRAME, pBuf, n, deadline)
                  : tpWrite(c, pBuf, n, 0, deadline);
  /* A write cut short leaves half a frame or record: nothing may follow. */
  if (rc != NET_OK) return connKill(c, rc);
  return NET_OK;
}

void net_conn_interrupt(NetConn *c) {
  atomic_store(&c->bInterrupted, true);
  shutdown(c->fd, SHUT_RDWR);
}

void net_close(NetConn *c) {
  if (c == NULL) return;
  bool bHealthy = c->eDead == 0 && !atomic_load(&c->bInterrupted);
  if (c->pWs) {
    if (bHealthy) wsSendClose(c, WSLAY_CODE_NORMAL_CLOSURE);
    wslay_frame_context_free(c->pWs);
  }
  if (c->pSsl) {
    /* One non-blocking try at close_notify; the peer's reply is not awaited. */
    if (bHealthy && !c->bTlsBroken) {
      ERR_clear_error();
      SSL_shutdown(c->pSsl);
    }
    ERR_clear_error();
    SSL_free(c->pSsl);
  }
  close(c->fd);
  tg_free(c->aUnread);
  tg_free(c);
}

/* ======================================================================
** TLS contexts
** ====================================================================== */

/* Keys protected by a passphrase are refused rather than prompted for. */
static int noPassphrase(char *zBuf, int nBuf, int rwflag, void *pUser) {
  (void)zBuf;
  (void)nBuf;
  (void)rwflag;
  (void)pUser;
  return 0;
}

/* Whether zFile can be opened for reading; a message in zErr if not. */
static bool fileReadable(const char *zFile, const char *zWhat, char *zErr) {
  FILE *f = fopen(zFile, "rb");
  if (f == NULL) {
    char zBuf[128];
    putErr(zErr, "cannot read the TLS %s file '%s': %s", zWhat, zFile,
           errText(errno, zBuf, sizeof zBuf));
    return false;
  }
  fclose(f);
  return true;
}

SSL_CTX *net_tls_context(const char *zCertFile, const char *zKeyFile,
                         char zErr[NET_ERRMSG_MAX]) {
  char zWhy[160];
  zErr[0] = 0;
  if (!fileReadable(zCertFile, "certificate", zErr)) return NULL;
  if (!fileReadable(zKeyFile, "key", zErr)) return NULL;
  ERR_clear_error();
  SSL_CTX *pCtx = SSL_CTX_new(TLS_server_method());
  if (pCtx == NULL) {
    tlsErrText(zWhy, sizeof zWhy);
    putErr(zErr, "cannot create a TLS context: %s", zWhy);
    return NULL;
  }
  SSL_CTX_set_min_proto_version(pCtx, TLS1_2_VERSION);
  SSL_CTX_set_options(pCtx, SSL_OP_NO_RENEGOTIATION | SSL_OP_IGNORE_UNEXPECTED_EOF |
                                SSL_OP_CIPHER_SERVER_PREFERENCE);
  /* The key is read apart from the context, so that a key that does not
  ** parse and a key that does not match get different messages. */
  EVP_PKEY *pKey = NULL;
  FILE *f = fopen(zKeyFile, "rb");
  if (f != NULL) {
    pKey = PEM_read_PrivateKey(f, NULL, noPassphrase, NULL);
    fclose(f);
  }
  if (SSL_CTX_use_certificate_chain_file(pCtx, zCertFile) != 1) {
    tlsErrText(zWhy, sizeof zWhy);
    putErr(zErr, "the TLS certificate file '%s' holds no usable PEM certificate (%s)",
           zCertFile, zWhy);
  } else if (pKey == NULL) {
    tlsErrText(zWhy, sizeof zWhy);
    putErr(zErr,
           "the TLS key file '%s' holds no usable PEM private key (%s; keys protected "
           "by a passphrase are not supported)",
           zKeyFile, zWhy);
  } else if (SSL_CTX_use_PrivateKey(pCtx, pKey) != 1 || SSL_CTX_check_private_key(pCtx) != 1) {
    ERR_clear_error();
    putErr(zErr, "the TLS key in '%s' does not belong to the certificate in '%s'", zKeyFile,
           zCertFile);
  } else {
    EVP_PKEY_free(pKey);
    return pCtx;
  }
  ERR_clear_error();
  EVP_PKEY_free(pKey);
  SSL_CTX_free(pCtx);
  return NULL;
}

void net_tls_free(SSL_CTX *pCtx) { SSL_CTX_free(pCtx); }

/* ======================================================================
** The client side
** ====================================================================== */

/* Connects one resolved address within the deadline: the socket or -1. */
static int connectOne(const struct addrinfo *pAi, int64_t deadline, int *pTimedOut,
                      char *zWhy, size_t nWhy) {
  char zBuf[128];
  int fd = socket(pAi->ai_family, pAi->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                  pAi->ai_protocol);
  if (fd < 0) {
    snprintf(zWhy, nWhy, "socket: %s", errText(errno, zBuf, sizeof zBuf));
    return -1;
  }
  int err = 0;
  if (connect(fd, pAi->ai_addr, pAi->ai_addrlen) != 0) {
    err = errno;
    if (err == EINPROGRESS || err == EINTR) {
      struct pollfd p = {fd, POLLOUT, 0};
      int r;
      do {
        r = poll(&p, 1, msLeft(deadline));
      } while (r < 0 && errno == EINTR);
      if (r == 0) {
        *pTimedOut = 1;
        snprintf(zWhy, nWhy, "timed out");
        close(fd);
        return -1;
      }
      socklen_t nErr = sizeof err;
      if (r < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &nErr) != 0) err = errno;
    }
  }
  if (err != 0) {
    snprintf(zWhy, nWhy, "%s", errText(err, zBuf, sizeof zBuf));
    close(fd);
    return -1;
  }
  return fd;
}

/* The client side of the TLS handshake, checking the certificate as asked. */
static int tlsConnect(NetConn *c, const char *zHost, NetClientTls eTls, const char *zCaFile,
                      int64_t deadline) {
  char zWhy[160];
  ERR_clear_error();
  SSL_CTX *pCtx = SSL_CTX_new(TLS_client_method());
  if (pCtx == NULL) {
    tlsErrText(zWhy, sizeof zWhy);
    return connFail(c, NET_ERROR, "cannot create a TLS context: %s", zWhy);
  }
  SSL_CTX_set_min_proto_version(pCtx, TLS1_2_VERSION);
  SSL_CTX_set_options(pCtx, SSL_OP_IGNORE_UNEXPECTED_EOF);
  if (eTls == NET_CLIENT_TLS) {
    SSL_CTX_set_verify(pCtx, SSL_VERIFY_PEER, NULL);
    int ok = zCaFile ? SSL_CTX_load_verify_locations(pCtx, zCaFile, NULL)
                     : SSL_CTX_set_default_verify_paths(pCtx);
    if (ok != 1) {
      tlsErrText(zWhy, sizeof zWhy);
      SSL_CTX_free(pCtx);
      return connFail(c, NET_ERROR, "cannot load the CA certificates%s%s: %s",
                      zCaFile ? " from " : "", zCaFile ? zCaFile : "", zWhy);
    }
  }
  c->pSsl = SSL_new(pCtx);
  SSL_CTX_free(pCtx);                   /* the SSL holds its own reference */
  if (c->pSsl == NULL || SSL_set_fd(c->pSsl, c->fd) != 1) {
    tlsErrText(zWhy, sizeof zWhy);
    c->bTlsBroken = true;
    return connFail(c, NET_ERROR, "TLS setup failed: %s", zWhy);
  }
  unsigned char aIp[16];
  bool bIp = inet_pton(AF_INET, zHost, aIp) == 1 || inet_pton(AF_INET6, zHost, aIp) == 1;
  if (!bIp) SSL_set_tlsext_host_name(c->pSsl, zHost);
  if (eTls == NET_CLIENT_TLS) {
    X509_VERIFY_PARAM *pParam = SSL_get0_param(c->pSsl);
    int ok = bIp ? X509_VERIFY_PARAM_set1_ip_asc(pParam, zHost)
                 : X509_VERIFY_PARAM_set1_host(pParam, zHost, 0);
    if (ok != 1) {
      tlsErrText(zWhy, sizeof zWhy);
      c->bTlsBroken = true;
      return connFail(c, NET_ERROR, "TLS setup failed: %s", zWhy);
    }
  }
  for (;;) {
    ERR_clear_error();
    errno = 0;
    int r = SSL_connect(c->pSsl);
    if (r == 1) return NET_OK;
    long verify = SSL_get_verify_result(c->pSsl);
    int rc = tlsRetry(c, r, deadline, "TLS handshake");
    if (rc != NET_OK) {
      c->bTlsBroken = true;
      if (verify != X509_V_OK && rc == NET_ERROR) {
        connFail(c, rc, "TLS handshake: the server's certificate is not trusted: %s",
                 X509_verify_cert_error_string(verify));
      }
      return rc;
    }
  }
}

int net_connect(const char *zHostPort, NetClientTls eTls, const char *zCaFile,
                int timeoutMs, NetConn **ppConn, char zErr[NET_ERRMSG_MAX]) {
  char zHost[256], zPortText[8], zWhy[160] = "no address";
  int port, bTimedOut = 0;
  *ppConn = NULL;
  zErr[0] = 0;
  if (!splitHostPort(zHostPort, zHost, sizeof zHost, &port, zErr)) return NET_ERROR;
  if (zHost[0] == 0 || port == 0) {
    putErr(zErr, "'%s': a host and a port other than 0 are needed", zHostPort);
    return NET_ERROR;
  }
  snprintf(zPortText, sizeof zPortText, "%d", port);
  ignoreSigpipe();
  int64_t deadline = deadlineIn(timeoutMs);

  struct addrinfo hints, *pList = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  int rc = getaddrinfo(zHost, zPortText, &hints, &pList);
  if (rc != 0) {
    putErr(zErr, "cannot connect to '%s': %s", zHostPort, gai_strerror(rc));
    return NET_ERROR;
  }
  int fd = -1;
  struct addrinfo *pAi = pList;
  for (; pAi != NULL && fd < 0 && !bTimedOut; pAi = pAi->ai_next) {
    fd = connectOne(pAi, deadline, &bTimedOut, zWhy, sizeof zWhy);
    if (fd >= 0) break;
  }
  if (fd < 0) {
    freeaddrinfo(pList);
    putErr(zErr, "cannot connect to '%s': %s", zHostPort, zWhy);
    return bTimedOut ? NET_TIMEOUT : NET_ERROR;
  }
  setNoDelay(fd);
  NetConn *c = connNew(fd);
  sockaddrText(pAi->ai_addr, pAi->ai_addrlen, c->zPeerIp, sizeof c->zPeerIp, c->zPeer,
               sizeof c->zPeer);
  c->bPeerLoopback = sockaddrIsLoopback(pAi->ai_addr);
  freeaddrinfo(pList);
  if (eTls != NET_CLIENT_PLAIN) {
    rc = tlsConnect(c, zHost, eTls, zCaFile, deadline);
    if (rc != NET_OK) {
      if (rc == NET_TIMEOUT) connFail(c, rc, "TLS handshake timed out");
      putErr(zErr, "cannot connect to '%s': %s", zHostPort, c->zErr);
      c->eDead = rc;
      net_close(c);
      return rc;
    }
    c->eTransport = NET_TLS;
  }
  c->bStarted = true;
  *ppConn = c;
  return NET_OK;
}
