/*
** net.h — the server's transport layer: listening sockets, and connections
** that hide whether the bytes travel over plain TCP, TLS, or WebSocket
** (RFC 6455) over either.
**
** The server runs one thread per connection. Each call here blocks its
** thread, but never for longer than the timeout it is given: sockets are
** switched to non-blocking mode internally and every wait is a poll() with
** a deadline, so a client that stops reading or writing costs a timeout,
** never a thread.
**
** Life of a server connection:
**
**   net_listen()          bind "host:port"; net_listener_port() tells the
**                         port the kernel chose for ":0"
**   net_accept()          waits for a client (or a timeout, or
**                         net_listener_wake() from any thread or signal
**                         handler); returns a NetConn not yet started
**   net_conn_start()      on the connection's own thread: looks at the
**                         first bytes and sets up TLS and/or WebSocket
**   net_read_full()       exactly n bytes of the payload stream (for
**                         WebSocket: the binary messages' bytes, with pings
**                         answered and closes honoured along the way)
**   net_write_all()       all n bytes (WebSocket: one binary frame)
**   net_close()
**
** Results are NetResult codes; a NetConn keeps a readable message about its
** last failure (net_conn_error) for the log. A NetConn is used by one thread
** at a time, except net_conn_interrupt(), which any thread may call.
**
** SIGPIPE: OpenSSL writes to its socket with write(), which raises SIGPIPE
** when the peer has gone. net_listen() and net_connect() therefore set
** SIGPIPE to "ignore" for the process if it still has the default action.
*/
#ifndef TANGLE_SERVER_NET_H
#define TANGLE_SERVER_NET_H

#include <openssl/types.h>

#include "base/common.h"

/* What a call achieved. Every failure is negative. */
typedef enum NetResult {
  NET_OK = 0,
  NET_EOF = -1,       /* the peer went away: closed, reset, or sent a
                      ** WebSocket close (which was answered) */
  NET_TIMEOUT = -2,   /* the deadline passed first */
  NET_ERROR = -3,     /* an I/O or protocol error; see net_conn_error() */
  NET_SHUTDOWN = -4   /* net_listener_wake() or net_conn_interrupt() */
} NetResult;

/* How a connection's bytes travel, as negotiated by net_conn_start(). */
typedef enum NetTransport {
  NET_TCP = 0,        /* raw Bolt over plain TCP */
  NET_TLS,            /* raw Bolt over TLS */
  NET_WS,             /* Bolt inside WebSocket binary frames, plain TCP */
  NET_WSS             /* Bolt inside WebSocket binary frames, over TLS */
} NetTransport;

#define NET_ERRMSG_MAX 256             /* size of every error buffer here */
#define NET_DEFAULT_PORT 7687          /* Bolt's port, when none is written */
#define NET_HTTP_HEADER_MAX 8192       /* WebSocket upgrade request, bytes */
#define NET_WS_FRAME_MAX (64u << 20)   /* largest WebSocket frame accepted */
#define NET_SEND_TIMEOUT_MS 30000      /* default for net_write_all() */

typedef struct NetListener NetListener;
typedef struct NetConn NetConn;

/* "bolt", "bolt+tls", "websocket", "websocket+tls": for logs. */
const char *net_transport_name(NetTransport eTransport);

/* ---- listening ------------------------------------------------------- */

/* Binds and listens on zHostPort: "127.0.0.1:7687", "[::1]:7687",
** "localhost:7687", "0.0.0.0:0" (any free port), ":7687" (every IPv4
** interface); without ":port", NET_DEFAULT_PORT. A name that resolves to
** several addresses binds the first that works. The socket has
** SO_REUSEADDR and close-on-exec. On failure returns NET_ERROR, *ppL NULL
** and a message in zErr. */
int net_listen(const char *zHostPort, NetListener **ppL, char zErr[NET_ERRMSG_MAX]);

int net_listener_port(const NetListener *pL);        /* the bound port */
const char *net_listener_address(const NetListener *pL); /* "127.0.0.1:7687" */
/* True when the bound address is loopback (127.0.0.0/8 or ::1, which
** is what "localhost" resolves to): only this machine can connect. */
bool net_listener_is_loopback(const NetListener *pL);

/* Waits up to timeoutMs (negative: no limit) for a client. NET_OK with a
** new, not yet started *ppConn; NET_TIMEOUT; NET_SHUTDOWN once
** net_listener_wake() was called (and ever after); NET_ERROR with a
** message in zErr when accept() fails for want of file descriptors or
** memory (the call has already paused ~100 ms, so a loop that logs and
** retries does not spin). Accepted sockets have TCP_NODELAY. */
int net_accept(NetListener *pL, int timeoutMs, NetConn **ppConn,
               char zErr[NET_ERRMSG_MAX]);

/* Makes every present and future net_accept() on pL return NET_SHUTDOWN.
** Thread-safe and async-signal-safe (it writes one byte to a pipe), so a
** SIGINT handler may call it. */
void net_listener_wake(NetListener *pL);

/* Hands the listening socket to another owner (libmicrohttpd, for the
** HTTP port): returns its descriptor, which net_listener_close() will then
** leave open. */
int net_listener_release_fd(NetListener *pL);

/* Closes the socket and frees pL (NULL is fine). No net_accept() may be
** running on it. */
void net_listener_close(NetListener *pL);

/* ---- TLS --------------------------------------------------------------- */

/* A server TLS context (TLS 1.2 and later) from a PEM certificate chain
** and a PEM private key; it may be shared by every connection. NULL with
** a readable message in zErr when a file is missing, unreadable, not PEM,
** or the key does not match the certificate. Free with net_tls_free. */
SSL_CTX *net_tls_context(const char *zCertFile, const char *zKeyFile,
                         char zErr[NET_ERRMSG_MAX]);
void net_tls_free(SSL_CTX *pCtx);   /* NULL is fine */

/* ---- a connection ------------------------------------------------------ */

/* Sets up the transport of an accepted connection within
** handshakeTimeoutMs. The first byte decides:
**   0x16 (a TLS ClientHello): the TLS handshake with pTls; without a
**        context the client is sent a TLS alert and refused (NET_ERROR);
**   'G'  (over plain or TLS): an HTTP/1.1 WebSocket upgrade request,
**        answered with 101, or with 400/426/431 and NET_ERROR when it is
**        not a valid upgrade;
**   0x60 (the Bolt magic's first byte): raw Bolt;
**   anything else: NET_ERROR ("neither Bolt, TLS nor WebSocket").
** Bytes looked at are still delivered by net_read_full(). Returns NET_OK,
** NET_TIMEOUT (nothing or too little came in time), NET_EOF or NET_ERROR;
** on failure the caller logs net_conn_error() and calls net_close(). */
int net_conn_start(NetConn *pConn, SSL_CTX *pTls, int handshakeTimeoutMs);
/* Before net_conn_start: a WebSocket upgrade whose Origin header names a
** page not served from this machine (localhost, 127.x.x.x, [::1]) is
** refused with 403. For a server that asks no password: any web page a
** browser shows could otherwise open a WebSocket to it. */
void net_conn_local_pages_only(NetConn *pConn);

NetTransport net_conn_transport(const NetConn *pConn);
const char *net_conn_peer(const NetConn *pConn);     /* "1.2.3.4:5678", "[::1]:5678" */
const char *net_conn_peer_ip(const NetConn *pConn);  /* "1.2.3.4", "::1" (IPv4-mapped
                                                     ** IPv6 shown as IPv4) */
bool net_conn_peer_is_loopback(const NetConn *pConn);
/* The last failure's message ("" if none), valid until the next call. */
const char *net_conn_error(const NetConn *pConn);
/* True when bytes have arrived that net_read_full has not yet returned
** (a cheap look, no system call): a writer that batches replies may keep
** buffering while the client's pipelined requests are still coming. False
** does not promise that none are in flight. */
bool net_conn_has_buffered_input(const NetConn *pConn);

/* Reads exactly n bytes of the payload stream within timeoutMs (negative:
** no limit; the whole read shares one deadline, so a client dripping a byte
** at a time cannot stretch it). NET_OK, NET_EOF (including end of stream
** in the middle of the n bytes), NET_TIMEOUT (the bytes that did arrive
** are kept for the next call), NET_ERROR (an I/O error, or for WebSocket a
** text frame, an unmasked frame, a frame over NET_WS_FRAME_MAX or another
** protocol violation, after which a close frame 1002/1003/1009 has been
** sent), or NET_SHUTDOWN. After EOF, ERROR or SHUTDOWN every further read
** and write fails. */
int net_read_full(NetConn *pConn, void *pBuf, size_t n, int timeoutMs);

/* Writes all n bytes (WebSocket: as one unmasked binary frame; n==0 writes
** nothing) within the connection's send timeout: NET_OK, NET_TIMEOUT (the
** client does not read; the connection is then unusable), NET_EOF,
** NET_ERROR or NET_SHUTDOWN. */
int net_write_all(NetConn *pConn, const void *pBuf, size_t n);

/* The time net_write_all() may wait for the peer to make room
** (NET_SEND_TIMEOUT_MS unless set; negative: no limit). */
void net_conn_set_send_timeout(NetConn *pConn, int timeoutMs);

/* Makes the connection's blocked and future reads and writes return
** NET_SHUTDOWN (it shuts the socket down; the descriptor stays open until
** net_close). Any thread may call it while another uses the connection,
** but never after or during net_close (keep connections in a registry
** under a lock that net_close's caller also takes). */
void net_conn_interrupt(NetConn *pConn);

/* Ends the connection politely where cheap (a WebSocket close frame, a TLS
** close_notify, each waiting at most ~100 ms for room to send), closes the
** socket and frees pConn (NULL is fine). */
void net_close(NetConn *pConn);

/* ---- the client side (tests, a future `tangle --connect`) ------------- */

typedef enum NetClientTls {
  NET_CLIENT_PLAIN = 0,      /* no TLS */
  NET_CLIENT_TLS,            /* TLS; the certificate must chain to zCaFile
                             ** (NULL: the system's store) and name the host */
  NET_CLIENT_TLS_NOVERIFY    /* TLS, any certificate (self-signed servers) */
} NetClientTls;

/* Connects to zHostPort (same forms as net_listen; every address the name
** resolves to is tried in turn) and, when asked, completes the TLS
** handshake, all within timeoutMs. NET_OK with *ppConn ready for reads and
** writes (no WebSocket), or NET_TIMEOUT/NET_ERROR with *ppConn NULL and a
** message in zErr. */
int net_connect(const char *zHostPort, NetClientTls eTls, const char *zCaFile,
                int timeoutMs, NetConn **ppConn, char zErr[NET_ERRMSG_MAX]);

#endif /* TANGLE_SERVER_NET_H */
