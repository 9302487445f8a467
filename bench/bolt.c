/*
** bolt.c — what serving over Bolt costs: `tangle serve` against the same
** work through the in-process C API (./build.sh bench bolt; issue 15).
**
** The set-up, and why it is fair. This one process opens a database on
** disk (in the scratch folder --dir), imports a generated graph into it,
** and serves that database with serve_run() (server/serve.h, the code
** `tangle serve` runs) on a thread of its own, on 127.0.0.1 at a port the
** kernel picks, --auth none (or, with --auth basic, a users file made
** here). The Bolt clients are threads of this process, one connection
** each, speaking Bolt 5.4 through the small synchronous client below (in
** C, so that the figures measure the server, not a driver); the
** in-process figures come from threads with a connection each
** (tg_connect) on the same tg_db. So both sides read the very same graph
** in the same memory, and the Bolt figures hold everything a client on
** the same machine costs: its own CPU (on the same cores as the server's
** threads: the goal is stated "on 2 cores"), loopback TCP,
** PackStream both ways, and the server's work per request, which includes
** compiling each RUN's query (the server prepares every RUN; in-process,
** each thread prepares once, as the C API invites). Rows marked
** "prepare per query" do the in-process work the server's way (tg_prepare,
** bind, step, tg_finalize per query), which tells the price of compiling
** from the price of the wire, and rows marked "TCP ping-pong alone" send
** a point lookup's bytes to a thread that answers with as many bytes as
** the server does and does nothing else: what the kernel alone charges
** for one round trip on this machine, a floor for any server that answers
** a query in one round trip over TCP. Clients connect and log in
** once, before anything is timed, and stay connected (idle) between runs.
**
** The graph: --persons :Person nodes {id (an integer), name: "person-ID"}
** with an index on :Person(id), each with --knows :KNOWS relationships to
** pseudo-random others, written as CSV and loaded with tg_import (well
** under a second for 100,000 nodes and 1,000,000 relationships).
**
** Measured, closed loop (each client sends its next request once the last
** is answered; latency is per query or transaction, taken by the client):
**   1. point lookups  MATCH (p:Person {id: $id}) RETURN p.name
**   2. 2-hop reads    MATCH (p:Person {id: $id})-[:KNOWS]->()-[:KNOWS]->(f)
**                     RETURN count(DISTINCT f)
**      over Bolt with 1, 8 and 32 clients (RUN and PULL sent together, as
**      drivers do); in-process with 1 and 8 threads, prepared once per
**      thread (tg_reset, tg_bind_int, tg_step) and prepared per query;
**   3. small write transactions with sync "full" (each commit on disk
**      before it is answered): over Bolt BEGIN, RUN CREATE (:Item {i: $i})
**      with PULL, COMMIT (three round trips), 1 and 8 clients; in-process
**      tg_begin, tg_exec("CREATE (:Item {i: N})"), tg_commit, 1 and 8
**      threads.
** Ids are pseudo-random per client. Every answer is checked (the name of
** the person asked for; one row), and before timing, the two sides must
** give the same answers for a sample of ids. Each configuration runs
** --runs times (5) for --seconds (1) after a short warm-up, the runs of
** all configurations interleaved, each round in another order, so that a
** burst of load from elsewhere hits them alike; the figures are medians
** of the runs (p50 and p99 are taken over all queries of a run). Five
** short runs rather than fewer long ones: the median of five shrugs off
** two disturbed runs. The whole takes under two minutes. The report ends
** with the goals, each marked met or not met from the figures.
**
** The server's log (a line per connection) goes to DIR/server.log. Exits 1
** when something fails or the answers differ; asserts nothing about speed.
*/
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "server/auth.h"
#include "server/net.h"
#include "server/packstream.h"
#include "server/serve.h"
#include "tangle.h"
#include "value/value.h"

/* ---- Types ---------------------------------------------------------------- */

/* What the command line asked for. */
typedef struct BenchOpts {
  const char *zDir;          /* scratch folder: the database, CSV files, server log */
  int nRuns;                 /* timed runs per configuration */
  double seconds;            /* length of one timed run */
  int64_t nPersons;          /* :Person nodes */
  int nKnows;                /* :KNOWS relationships from each */
  bool bAuthBasic;           /* log in with a user and password instead of scheme none */
  int eOnly;                 /* one workload (WORK_*), or -1: all three */
} BenchOpts;

/* A small synchronous Bolt 5.4 client: one connection, one request (or a
** RUN and its PULL) in flight at a time. */
typedef struct BoltClient {
  NetConn *pNet;
  StrBuf body;               /* the message being built, before chunking */
  StrBuf out;                /* chunked messages waiting to be sent */
  uint8_t *aMsg;             /* the message being read */
  size_t nMsg, nMsgAlloc;
  Arena arena;               /* values of the last message read */
  int64_t nBytesIn;          /* bytes read since connecting, chunk headers included */
  char zErr[400];            /* what went wrong, for the report */
} BoltClient;

/* Who does the work of a configuration, and how. */
enum {
  PATH_INPROC,               /* in-process, each thread prepares once */
  PATH_INPROC_REPREPARE,     /* in-process, tg_prepare and tg_finalize per query */
  PATH_BOLT,                 /* over Bolt, one client connection per thread */
  PATH_TCP_FLOOR             /* a point lookup's bytes to and fro on loopback TCP, no work */
};

/* What is done. */
enum { WORK_POINT, WORK_TWO_HOP, WORK_WRITE, WORK__COUNT };

#define BENCH_MAX_RUNS 32
#define BENCH_MAX_INPROC 8       /* in-process threads at most */
#define BENCH_MAX_CLIENTS 32     /* Bolt clients at most */
#define BENCH_WARMUP_READS 200   /* untimed queries per thread before a run */
#define BENCH_WARMUP_WRITES 3    /* untimed transactions per thread before a run */
#define BENCH_CHECK_IDS 64       /* ids whose answers both sides must agree on */
#define BENCH_MAX_FLOOR 8        /* TCP floor connections at most */
#define BENCH_FLOOR_MAX_ANSWER 4096   /* bytes of the floor's answer at most */

/* One configuration: a path, a workload, a number of threads; the figures
** of each run. */
typedef struct BenchConfig {
  int ePath;
  int eWork;
  int nThreads;
  double aRate[BENCH_MAX_RUNS];   /* queries (or transactions) per second */
  double aP50[BENCH_MAX_RUNS];    /* latency, microseconds */
  double aP99[BENCH_MAX_RUNS];
} BenchConfig;

/* The medians of a configuration's runs. */
typedef struct BenchFigures {
  double rate, p50, p99, lo, hi;   /* lo..hi: the slowest and fastest run's rate */
} BenchFigures;

/* Everything the threads share. */
typedef struct Bench {
  BenchOpts o;
  tg_db *pDb;                                  /* the database the server serves */
  tg_db *apConn[BENCH_MAX_INPROC];             /* in-process threads' connections */
  BoltClient *apClient[BENCH_MAX_CLIENTS];     /* Bolt clients, connected once */
  char zAddress[64];                           /* "127.0.0.1:PORT" */
  int aFloorFd[BENCH_MAX_FLOOR];               /* TCP floor: the client ends */
  pthread_t aFloorEcho[BENCH_MAX_FLOOR];       /* ... and the threads answering them */
  StrBuf floorRequest;                         /* a point lookup's RUN and PULL, chunked */
  size_t nFloorAnswer;                         /* bytes of a point lookup's answer */
  _Atomic int64_t nCommitted;                  /* write transactions committed, all paths */
} Bench;

/* One thread of one timed run. */
typedef struct Worker {
  Bench *pB;
  const BenchConfig *pCfg;
  int iThread;
  pthread_barrier_t *pBarrier;   /* every worker of the run starts timing together */
  tg_db *pConn;                  /* in-process paths */
  tg_stmt *pStmt;                /* PATH_INPROC: prepared once */
  BoltClient *pClient;           /* PATH_BOLT */
  int fdFloor;                   /* PATH_TCP_FLOOR */
  uint64_t iRand;                /* the id generator's state */
  uint32_t *aLat;                /* latency of each timed query, ns */
  size_t nLat, nLatAlloc;
  double elapsed;                /* seconds from the start of timing to the last answer */
  char zErr[600];                /* set when the worker failed */
} Worker;

static const char *const azWorkQuery[WORK__COUNT] = {
    "MATCH (p:Person {id: $id}) RETURN p.name",
    "MATCH (p:Person {id: $id})-[:KNOWS]->()-[:KNOWS]->(f) RETURN count(DISTINCT f)",
    "CREATE (:Item {i: $i})",
};

static FILE *benchErr;   /* the real stderr, while the server's log has fd 2 */

/* ---- Helpers -------------------------------------------------------------- */

static int64_t benchNowNs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int benchCmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int benchCmpU32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* The median of n figures (sorts a copy, so a[] keeps its order). */
static double benchMedian(const double *a, int n) {
  double aCopy[BENCH_MAX_RUNS];
  memcpy(aCopy, a, sizeof(double) * (size_t)n);
  qsort(aCopy, (size_t)n, sizeof(double), benchCmpDouble);
  return n % 2 ? aCopy[n / 2] : (aCopy[n / 2 - 1] + aCopy[n / 2]) / 2;
}

static void benchFail(const char *zFmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void benchFail(const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  fputs("bolt bench: ", benchErr);
  vfprintf(benchErr, zFmt, ap);
  fputc('\n', benchErr);
  va_end(ap);
  exit(1);
}

static void benchFailTangle(tg_db *pDb, const char *zWhat) {
  benchFail("%s failed: %s %s", zWhat, pDb ? tg_errkind(pDb) : "", pDb ? tg_errmsg(pDb) : "");
}

/* The next pseudo-random person id of a worker (a 64-bit LCG). */
static int64_t benchNextId(uint64_t *pState, int64_t nPersons) {
  *pState = *pState * 6364136223846793005ull + 1442695040888963407ull;
  return (int64_t)((*pState >> 33) % (uint64_t)nPersons);
}

/* nftw callback of benchRemove: removes each entry, children first. */
static int benchRemoveEntry(const char *zPath, const struct stat *pSt, int eType, struct FTW *pFtw) {
  (void)pSt;
  (void)eType;
  (void)pFtw;
  if (remove(zPath) != 0 && errno != ENOENT) benchFail("cannot remove %s: %s", zPath, strerror(errno));
  return 0;
}

/* Removes the file or folder zPath and everything under it. */
static void benchRemove(const char *zPath) {
  struct stat st;
  if (lstat(zPath, &st) != 0) return;
  nftw(zPath, benchRemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- The Bolt client ---------------------------------------------------- */

#define BOLT_HELLO 0x01
#define BOLT_GOODBYE 0x02
#define BOLT_RUN 0x10
#define BOLT_BEGIN 0x11
#define BOLT_COMMIT 0x12
#define BOLT_PULL 0x3F
#define BOLT_LOGON 0x6A
#define BOLT_SUCCESS 0x70
#define BOLT_RECORD 0x71
#define BOLT_IGNORED 0x7E
#define BOLT_FAILURE 0x7F

#define CLIENT_TIMEOUT_MS 30000           /* longest wait for an answer */
#define CLIENT_MAX_MESSAGE (16u << 20)    /* largest answer accepted, bytes */

/* Records what failed in c->zErr; returns false for the caller to return. */
static bool clientFail(BoltClient *c, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
static bool clientFail(BoltClient *c, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(c->zErr, sizeof(c->zErr), zFmt, ap);
  va_end(ap);
  return false;
}

static const char *clientNetWhy(BoltClient *c, int rc) {
  switch (rc) {
    case NET_EOF: return "the server closed the connection";
    case NET_TIMEOUT: return "no answer in time";
    case NET_SHUTDOWN: return "interrupted";
    default: return net_conn_error(c->pNet);
  }
}

/* Ends the message in c->body: cuts it into chunks (2-byte size, bytes)
** in c->out, followed by the empty chunk that ends a message. */
static void clientEndMessage(BoltClient *c) {
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
}

/* Sends every message waiting in c->out, in one write. */
static bool clientSend(BoltClient *c) {
  int rc = net_write_all(c->pNet, c->out.z, c->out.n);
  strbuf_truncate(&c->out, 0);
  return rc == NET_OK || clientFail(c, "sending: %s", clientNetWhy(c, rc));
}

/* Reads the next message (skipping the empty chunks a server may send to
** keep a connection alive); leaves *pRd after its struct header, whose
** tag goes to *pTag. Values read from *pRd go into c->arena, which lasts
** until the next call. */
static bool clientRead(BoltClient *c, uint8_t *pTag, PsReader *pRd) {
  c->nMsg = 0;
  arena_reset(&c->arena);
  for (;;) {
    uint8_t h[2];
    int rc = net_read_full(c->pNet, h, 2, CLIENT_TIMEOUT_MS);
    if (rc != NET_OK) return clientFail(c, "reading: %s", clientNetWhy(c, rc));
    size_t n = (size_t)h[0] << 8 | h[1];
    if (n == 0) {
      if (c->nMsg == 0) continue;
      break;
    }
    if (c->nMsg + n > CLIENT_MAX_MESSAGE) return clientFail(c, "an answer over %u bytes", CLIENT_MAX_MESSAGE);
    if (c->nMsg + n > c->nMsgAlloc) {
      size_t nNew = c->nMsgAlloc ? c->nMsgAlloc * 2 : 4096;
      while (nNew < c->nMsg + n) nNew *= 2;
      c->aMsg = tg_realloc(c->aMsg, nNew);
      c->nMsgAlloc = nNew;
    }
    rc = net_read_full(c->pNet, c->aMsg + c->nMsg, n, CLIENT_TIMEOUT_MS);
    if (rc != NET_OK) return clientFail(c, "reading: %s", clientNetWhy(c, rc));
    c->nMsg += n;
    c->nBytesIn += 2 + (int64_t)n;
  }
  c->nBytesIn += 2;
  ps_reader_init(pRd, c->aMsg, c->nMsg);
  uint32_t nField;
  if (!ps_read_struct_header(pRd, pTag, &nField)) return clientFail(c, "a malformed answer: %s", pRd->zErr);
  return true;
}

/* A FAILURE (or another unexpected answer) to zWhat, in c->zErr. */
static bool clientUnexpected(BoltClient *c, uint8_t tag, PsReader *pRd, const char *zWhat) {
  if (tag != BOLT_FAILURE) return clientFail(c, "%s: answered with message 0x%02X", zWhat, tag);
  Value m;
  const char *zCode = "?", *zMsg = "?";
  if (ps_read_map(pRd, &c->arena, &m)) {
    const Value *v = value_map_get(&m, "code", 4);
    if (v && v->type == VAL_STRING) zCode = v->u.z;
    v = value_map_get(&m, "message", 7);
    if (v && v->type == VAL_STRING) zMsg = v->u.z;
  }
  return clientFail(c, "%s failed: %s: %s", zWhat, zCode, zMsg);
}

/* Reads the answer to a request answered by one SUCCESS. */
static bool clientExpectSuccess(BoltClient *c, const char *zWhat) {
  uint8_t tag;
  PsReader rd;
  if (!clientRead(c, &tag, &rd)) return false;
  return tag == BOLT_SUCCESS || clientUnexpected(c, tag, &rd, zWhat);
}

static void clientPutKeyString(BoltClient *c, const char *zKey, const char *zValue) {
  ps_put_string(&c->body, zKey, strlen(zKey));
  ps_put_string(&c->body, zValue, strlen(zValue));
}

/* Frees a client, saying GOODBYE first when it is connected. */
static void clientClose(BoltClient *c) {
  if (c == NULL) return;
  if (c->pNet) {
    ps_put_struct_header(&c->body, BOLT_GOODBYE, 0);
    clientEndMessage(c);
    clientSend(c);
    net_close(c->pNet);
  }
  strbuf_free(&c->body);
  strbuf_free(&c->out);
  arena_free(&c->arena);
  tg_free(c->aMsg);
  tg_free(c);
}

/*
** Connects to zHostPort, agrees on Bolt 5.4, says HELLO and logs in
** (LOGON) with scheme "basic" when zUser is given, else "none". Returns
** the client, or NULL with the reason in zErr (nErr bytes).
*/
static BoltClient *clientConnect(const char *zHostPort, const char *zUser, const char *zPassword, char *zErr,
                                 size_t nErr) {
  BoltClient *c = tg_calloc(1, sizeof(BoltClient));
  strbuf_init(&c->body);
  strbuf_init(&c->out);
  arena_init(&c->arena);
  char zNetErr[NET_ERRMSG_MAX];
  if (net_connect(zHostPort, NET_CLIENT_PLAIN, NULL, CLIENT_TIMEOUT_MS, &c->pNet, zNetErr) != NET_OK) {
    snprintf(zErr, nErr, "%s", zNetErr);
    clientClose(c);
    return NULL;
  }
  /* The preamble, then four version proposals {0, range, minor, major}: 5.4 alone. */
  static const uint8_t aHandshake[20] = {0x60, 0x60, 0xB0, 0x17, 0, 0, 4, 5};
  uint8_t aAgreed[4];
  int rc = net_write_all(c->pNet, aHandshake, sizeof(aHandshake));
  if (rc == NET_OK) rc = net_read_full(c->pNet, aAgreed, 4, CLIENT_TIMEOUT_MS);
  bool bOk = rc == NET_OK || clientFail(c, "handshake: %s", clientNetWhy(c, rc));
  if (bOk && !(aAgreed[2] == 4 && aAgreed[3] == 5)) {
    bOk = clientFail(c, "the server does not speak Bolt 5.4 (it answered %d.%d)", aAgreed[3], aAgreed[2]);
  }
  if (bOk) {
    ps_put_struct_header(&c->body, BOLT_HELLO, 1);
    ps_put_map_header(&c->body, 1);
    clientPutKeyString(c, "user_agent", "tangle-bench/" TG_VERSION_STRING);
    clientEndMessage(c);
    bOk = clientSend(c) && clientExpectSuccess(c, "HELLO");
  }
  if (bOk) {
    ps_put_struct_header(&c->body, BOLT_LOGON, 1);
    ps_put_map_header(&c->body, zUser ? 3 : 1);
    clientPutKeyString(c, "scheme", zUser ? "basic" : "none");
    if (zUser) {
      clientPutKeyString(c, "principal", zUser);
      clientPutKeyString(c, "credentials", zPassword);
    }
    clientEndMessage(c);
    bOk = clientSend(c) && clientExpectSuccess(c, "LOGON");
  }
  if (!bOk) {
    snprintf(zErr, nErr, "%s", c->zErr);
    clientClose(c);
    return NULL;
  }
  return c;
}

/* Writes a value of an answer as text (an integer, or a string as it is). */
static void clientValueText(const Value *v, char *zOut, size_t nOut) {
  if (v->type == VAL_INT) snprintf(zOut, nOut, "%lld", (long long)v->u.i);
  else if (v->type == VAL_STRING) snprintf(zOut, nOut, "%s", v->u.z);
  else snprintf(zOut, nOut, "<a value of type %d>", v->type);
}

/* Appends to c->out a RUN of zQuery with the one integer parameter
** {zParam: iParam}, and a PULL {n: -1} of all its records. */
static void clientPutRunPull(BoltClient *c, const char *zQuery, const char *zParam, int64_t iParam) {
  ps_put_struct_header(&c->body, BOLT_RUN, 3);
  ps_put_string(&c->body, zQuery, strlen(zQuery));
  ps_put_map_header(&c->body, 1);
  ps_put_string(&c->body, zParam, strlen(zParam));
  ps_put_int(&c->body, iParam);
  ps_put_map_header(&c->body, 0);
  clientEndMessage(c);
  ps_put_struct_header(&c->body, BOLT_PULL, 1);
  ps_put_map_header(&c->body, 1);
  ps_put_string(&c->body, "n", 1);
  ps_put_int(&c->body, -1);
  clientEndMessage(c);
}

/*
** Runs zQuery with the one integer parameter {zParam: iParam} and pulls
** every record: RUN and PULL go out in one write, then come SUCCESS (the
** fields), the RECORDs and SUCCESS (the summary). Every record is
** decoded; *pnRow gets their number and zAnswer (nAnswer bytes) the first
** record's first value as text ("" with no record).
*/
static bool clientQuery(BoltClient *c, const char *zQuery, const char *zParam, int64_t iParam, int64_t *pnRow,
                        char *zAnswer, size_t nAnswer) {
  clientPutRunPull(c, zQuery, zParam, iParam);
  if (!clientSend(c) || !clientExpectSuccess(c, "RUN")) return false;
  *pnRow = 0;
  zAnswer[0] = 0;
  for (;;) {
    uint8_t tag;
    PsReader rd;
    if (!clientRead(c, &tag, &rd)) return false;
    if (tag == BOLT_SUCCESS) return true;
    if (tag != BOLT_RECORD) return clientUnexpected(c, tag, &rd, "PULL");
    Value row;
    if (!ps_read_value(&rd, &c->arena, &row) || row.type != VAL_LIST) {
      return clientFail(c, "a malformed RECORD: %s", rd.zErr[0] ? rd.zErr : "not a list");
    }
    if (*pnRow == 0 && row.n > 0) clientValueText(&row.u.a[0], zAnswer, nAnswer);
    (*pnRow)++;
  }
}

/* BEGIN (a write transaction), and its SUCCESS. */
static bool clientBegin(BoltClient *c) {
  ps_put_struct_header(&c->body, BOLT_BEGIN, 1);
  ps_put_map_header(&c->body, 0);
  clientEndMessage(c);
  return clientSend(c) && clientExpectSuccess(c, "BEGIN");
}

/* COMMIT, and its SUCCESS (sent once the commit is durable). */
static bool clientCommit(BoltClient *c) {
  ps_put_struct_header(&c->body, BOLT_COMMIT, 0);
  clientEndMessage(c);
  return clientSend(c) && clientExpectSuccess(c, "COMMIT");
}

/* ---- The in-process side ------------------------------------------------ */

/* Steps a bound read statement to its end: the rows in *pnRow, the first
** row's first value as text in zAnswer; resets it. False on an error. */
static bool inprocSteps(tg_stmt *pStmt, int64_t *pnRow, char *zAnswer, size_t nAnswer) {
  int rc;
  *pnRow = 0;
  zAnswer[0] = 0;
  while ((rc = tg_step(pStmt)) == TG_ROW) {
    if (*pnRow == 0) {
      if (tg_column_type(pStmt, 0) == TG_INT) snprintf(zAnswer, nAnswer, "%lld", (long long)tg_column_int(pStmt, 0));
      else snprintf(zAnswer, nAnswer, "%s", tg_column_text(pStmt, 0));
    }
    (*pnRow)++;
  }
  tg_reset(pStmt);
  return rc == TG_DONE;
}

/* ---- The TCP floor ---------------------------------------------------------- */

/*
** What loopback TCP alone costs: each floor client sends the bytes of a
** point lookup's RUN and PULL and reads as many bytes as the server's
** answer has, from a thread that does nothing but answer them (blocking
** sockets, TCP_NODELAY, one write each way): the kernel's price of a
** round trip, with no work at either end.
*/

/* Reads exactly n bytes from fd; false at the end of the stream or on an error. */
static bool floorReadAll(int fd, void *p, size_t n) {
  uint8_t *z = p;
  while (n > 0) {
    ssize_t k = read(fd, z, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    z += k;
    n -= (size_t)k;
  }
  return true;
}

/* Writes all n bytes to fd (one write, unless the kernel takes fewer). */
static bool floorWriteAll(int fd, const void *p, size_t n) {
  const uint8_t *z = p;
  while (n > 0) {
    ssize_t k = send(fd, z, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    z += k;
    n -= (size_t)k;
  }
  return true;
}

/* One answering end of the floor. */
typedef struct FloorEcho {
  int fd;
  size_t nRequest, nAnswer;
} FloorEcho;

/* Answers each request of nRequest bytes with nAnswer bytes until the
** client closes. */
static void *floorEchoMain(void *pArg) {
  FloorEcho *e = pArg;
  uint8_t aRequest[BENCH_FLOOR_MAX_ANSWER], aAnswer[BENCH_FLOOR_MAX_ANSWER];
  pthread_setname_np(pthread_self(), "tcp-echo");
  memset(aAnswer, 0, sizeof(aAnswer));
  while (floorReadAll(e->fd, aRequest, e->nRequest) && floorWriteAll(e->fd, aAnswer, e->nAnswer)) {
  }
  close(e->fd);
  tg_free(e);
  return NULL;
}

static void floorNoDelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* Opens the floor's connections on 127.0.0.1, each with its echo thread. */
static void benchStartFloor(Bench *b) {
  int fdListen = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof(addr));
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t nAddr = sizeof(addr);
  if (fdListen < 0 || bind(fdListen, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(fdListen, 16) != 0 ||
      getsockname(fdListen, (struct sockaddr *)&addr, &nAddr) != 0) {
    benchFail("TCP floor: cannot listen on 127.0.0.1: %s", strerror(errno));
  }
  for (int i = 0; i < BENCH_MAX_FLOOR; i++) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
      benchFail("TCP floor: cannot connect: %s", strerror(errno));
    }
    int fdServer = accept4(fdListen, NULL, NULL, SOCK_CLOEXEC);
    if (fdServer < 0) benchFail("TCP floor: accept failed: %s", strerror(errno));
    floorNoDelay(fd);
    floorNoDelay(fdServer);
    b->aFloorFd[i] = fd;
    FloorEcho *e = tg_malloc(sizeof(FloorEcho));
    e->fd = fdServer;
    e->nRequest = b->floorRequest.n;
    e->nAnswer = b->nFloorAnswer;
    if (pthread_create(&b->aFloorEcho[i], NULL, floorEchoMain, e) != 0) benchFail("cannot start a thread");
  }
  close(fdListen);
}

/* Closes the floor's connections; their echo threads end. */
static void benchStopFloor(Bench *b) {
  for (int i = 0; i < BENCH_MAX_FLOOR; i++) {
    shutdown(b->aFloorFd[i], SHUT_RDWR);
    pthread_join(b->aFloorEcho[i], NULL);
    close(b->aFloorFd[i]);
  }
}

/* ---- One query or transaction, on any path ------------------------------ */

/* Records a failure of the worker's in-process connection in its zErr. */
static bool workerTangleFail(Worker *w, const char *zWhat) {
  snprintf(w->zErr, sizeof(w->zErr), "%s: %s %s", zWhat, tg_errkind(w->pConn), tg_errmsg(w->pConn));
  return false;
}

/*
** Does one unit of the worker's work with person id (or item number) id
** and checks its answer: a point lookup must name person `id`, a 2-hop
** read give one row. For the check before timing, zAnswer receives the
** answer as text. False with w->zErr set on any failure.
*/
static bool workerOnce(Worker *w, int64_t id, char *zAnswer, size_t nAnswer) {
  const BenchConfig *pc = w->pCfg;
  const char *zQuery = azWorkQuery[pc->eWork];
  int64_t nRow = 0;
  if (pc->ePath == PATH_TCP_FLOOR) {
    uint8_t aAnswer[BENCH_FLOOR_MAX_ANSWER];
    const Bench *b = w->pB;
    errno = 0;
    if (!floorWriteAll(w->fdFloor, b->floorRequest.z, b->floorRequest.n) ||
        !floorReadAll(w->fdFloor, aAnswer, b->nFloorAnswer)) {
      snprintf(w->zErr, sizeof(w->zErr), "TCP floor: %s", errno ? strerror(errno) : "the connection closed");
      return false;
    }
    zAnswer[0] = 0;
    return true;
  }
  if (pc->eWork == WORK_WRITE) {
    if (pc->ePath == PATH_BOLT) {
      BoltClient *c = w->pClient;
      if (!clientBegin(c) || !clientQuery(c, zQuery, "i", id, &nRow, zAnswer, nAnswer) || !clientCommit(c)) {
        snprintf(w->zErr, sizeof(w->zErr), "%s", c->zErr);
        return false;
      }
    } else {
      char zScript[64];
      snprintf(zScript, sizeof(zScript), "CREATE (:Item {i: %lld})", (long long)id);
      if (tg_begin(w->pConn) != TG_OK) return workerTangleFail(w, "tg_begin");
      if (tg_exec(w->pConn, zScript, NULL) != TG_OK) return workerTangleFail(w, "tg_exec");
      if (tg_commit(w->pConn) != TG_OK) return workerTangleFail(w, "tg_commit");
    }
    atomic_fetch_add(&w->pB->nCommitted, 1);
    return true;
  }
  bool bOk;
  if (pc->ePath == PATH_BOLT) {
    bOk = clientQuery(w->pClient, zQuery, "id", id, &nRow, zAnswer, nAnswer);
    if (!bOk) snprintf(w->zErr, sizeof(w->zErr), "%s", w->pClient->zErr);
  } else {
    tg_stmt *pStmt = w->pStmt;
    if (pc->ePath == PATH_INPROC_REPREPARE && tg_prepare(w->pConn, zQuery, -1, &pStmt, NULL) != TG_OK) {
      return workerTangleFail(w, "tg_prepare");
    }
    tg_bind_int(pStmt, "id", id);
    bOk = inprocSteps(pStmt, &nRow, zAnswer, nAnswer);
    if (!bOk) workerTangleFail(w, "tg_step");
    if (pc->ePath == PATH_INPROC_REPREPARE) tg_finalize(pStmt);
  }
  if (!bOk) return false;
  if (nRow != 1) {
    snprintf(w->zErr, sizeof(w->zErr), "%s with id %lld gave %lld rows, not 1", zQuery, (long long)id, (long long)nRow);
    return false;
  }
  if (pc->eWork == WORK_POINT) {
    char zWant[40];
    snprintf(zWant, sizeof(zWant), "person-%lld", (long long)id);
    if (strcmp(zAnswer, zWant) != 0) {
      snprintf(w->zErr, sizeof(w->zErr), "the point lookup of %lld answered '%.80s'", (long long)id, zAnswer);
      return false;
    }
  }
  return true;
}

/* ---- Timed runs ------------------------------------------------------------ */

/* A worker thread: warm-up, wait for the others, then queries for the
** run's length, each one's latency kept. */
static void *workerMain(void *pArg) {
  Worker *w = pArg;
  Bench *b = w->pB;
  const BenchConfig *pc = w->pCfg;
  char zAnswer[128];
  bool bOk = true;
  /* Named for profilers: "perf report --sort comm" tells clients from the
  ** server's threads (named "serve", after the thread that starts them). */
  pthread_setname_np(pthread_self(), pc->ePath == PATH_BOLT        ? "bolt-client"
                                     : pc->ePath == PATH_TCP_FLOOR ? "tcp-client"
                                                                   : "in-process");
  if (pc->ePath == PATH_INPROC && pc->eWork != WORK_WRITE &&
      tg_prepare(w->pConn, azWorkQuery[pc->eWork], -1, &w->pStmt, NULL) != TG_OK) {
    bOk = workerTangleFail(w, "tg_prepare");
  }
  int nWarm = pc->eWork == WORK_WRITE ? BENCH_WARMUP_WRITES : BENCH_WARMUP_READS;
  for (int i = 0; i < nWarm && bOk; i++) {
    bOk = workerOnce(w, benchNextId(&w->iRand, b->o.nPersons), zAnswer, sizeof(zAnswer));
  }
  pthread_barrier_wait(w->pBarrier);   /* reached even after a failure, or the others would wait */
  int64_t t0 = benchNowNs(), tEnd = t0 + (int64_t)(b->o.seconds * 1e9), t = t0;
  while (bOk && t < tEnd) {
    int64_t id = benchNextId(&w->iRand, b->o.nPersons);
    int64_t tQuery = t;
    bOk = workerOnce(w, id, zAnswer, sizeof(zAnswer));
    t = benchNowNs();
    if (w->nLat == w->nLatAlloc) {
      w->nLatAlloc = w->nLatAlloc ? 2 * w->nLatAlloc : 65536;
      w->aLat = tg_realloc(w->aLat, w->nLatAlloc * sizeof(uint32_t));
    }
    int64_t ns = t - tQuery;
    w->aLat[w->nLat++] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
  }
  w->elapsed = (double)(t - t0) / 1e9;
  if (w->pStmt) tg_finalize(w->pStmt);
  w->pStmt = NULL;
  return NULL;
}

/*
** Timed run r of configuration pc: its threads start together, each with
** its own connection (in-process) or client (Bolt); the rate is the sum
** of each thread's queries over its own time, and p50/p99 are taken over
** every query of the run.
*/
static void benchRunConfig(Bench *b, BenchConfig *pc, int r) {
  Worker aW[BENCH_MAX_CLIENTS];
  pthread_t aT[BENCH_MAX_CLIENTS];
  pthread_barrier_t barrier;
  pthread_barrier_init(&barrier, NULL, (unsigned)pc->nThreads);
  memset(aW, 0, sizeof(aW));
  for (int i = 0; i < pc->nThreads; i++) {
    Worker *w = &aW[i];
    w->pB = b;
    w->pCfg = pc;
    w->iThread = i;
    w->pBarrier = &barrier;
    w->iRand = 0x9E3779B97F4A7C15ull * (uint64_t)(1 + i + 64 * r) + (uint64_t)pc->eWork;
    if (pc->ePath == PATH_BOLT) w->pClient = b->apClient[i];
    else if (pc->ePath == PATH_TCP_FLOOR) w->fdFloor = b->aFloorFd[i];
    else w->pConn = b->apConn[i];
    if (pthread_create(&aT[i], NULL, workerMain, w) != 0) benchFail("cannot start a thread");
  }
  for (int i = 0; i < pc->nThreads; i++) pthread_join(aT[i], NULL);
  pthread_barrier_destroy(&barrier);
  size_t nAll = 0;
  double rate = 0;
  for (int i = 0; i < pc->nThreads; i++) {
    if (aW[i].zErr[0]) benchFail("thread %d: %s", i, aW[i].zErr);
    nAll += aW[i].nLat;
    rate += aW[i].elapsed > 0 ? (double)aW[i].nLat / aW[i].elapsed : 0;
  }
  uint32_t *aAll = tg_malloc((nAll ? nAll : 1) * sizeof(uint32_t));
  size_t k = 0;
  for (int i = 0; i < pc->nThreads; i++) {
    memcpy(aAll + k, aW[i].aLat, aW[i].nLat * sizeof(uint32_t));
    k += aW[i].nLat;
    tg_free(aW[i].aLat);
  }
  qsort(aAll, nAll, sizeof(uint32_t), benchCmpU32);
  pc->aRate[r] = rate;
  pc->aP50[r] = nAll ? aAll[nAll / 2] / 1e3 : 0;
  pc->aP99[r] = nAll ? aAll[(size_t)((double)nAll * 0.99)] / 1e3 : 0;
  tg_free(aAll);
}

/* ---- Set-up: the graph, the server, the clients ----------------------- */

/* Writes the graph's CSV files into zDir and imports them into b->pDb,
** then indexes :Person(id). Each person has nKnows relationships to
** others chosen by a 64-bit LCG, so every machine builds the same graph. */
static void benchBuildGraph(Bench *b, const char *zDir) {
  char zPersons[4200], zKnows[4200];
  snprintf(zPersons, sizeof(zPersons), "Person=%s/persons.csv", zDir);
  snprintf(zKnows, sizeof(zKnows), "KNOWS=%s/knows.csv", zDir);
  FILE *f = fopen(zPersons + 7, "w");
  if (f == NULL) benchFail("cannot write %s: %s", zPersons + 7, strerror(errno));
  fprintf(f, "id:ID(Person){id-type:long}|name\n");
  for (int64_t i = 0; i < b->o.nPersons; i++) fprintf(f, "%lld|person-%lld\n", (long long)i, (long long)i);
  fclose(f);
  if ((f = fopen(zKnows + 6, "w")) == NULL) benchFail("cannot write %s: %s", zKnows + 6, strerror(errno));
  fprintf(f, ":START_ID(Person)|:END_ID(Person)\n");
  uint64_t x = 0x2545F4914F6CDD1Dull;
  for (int64_t i = 0; i < b->o.nPersons; i++) {
    for (int k = 0; k < b->o.nKnows; k++) fprintf(f, "%lld|%lld\n", (long long)i, (long long)benchNextId(&x, b->o.nPersons));
  }
  fclose(f);
  const char *azNode[1] = {zPersons}, *azRel[1] = {zKnows};
  tg_import_opts opts;
  memset(&opts, 0, sizeof(opts));
  opts.cDelimiter = '|';
  tg_import_stats st;
  if (tg_import(b->pDb, 1, azNode, 1, azRel, &opts, &st) != TG_OK) benchFailTangle(b->pDb, "tg_import");
  if (tg_exec(b->pDb, "CREATE INDEX person_id FOR (p:Person) ON (p.id)", NULL) != TG_OK) {
    benchFailTangle(b->pDb, "CREATE INDEX");
  }
  remove(zPersons + 7);
  remove(zKnows + 6);
}

/* Writes a users file with one admin, "bench", for --auth basic. */
static void benchWriteUsers(const char *zPath, const char *zPassword) {
  AuthStore *pAuth = auth_new();
  AuthError err;
  if (auth_add_user(pAuth, "bench", AUTH_ROLE_ADMIN, zPassword, strlen(zPassword), &err) != AUTH_OK ||
      auth_save(pAuth, zPath, &err) != AUTH_OK) {
    benchFail("users file %s: %s", zPath, err.zMsg);
  }
  auth_free(pAuth);
}

/* The server's thread: serve_run until serve_stop. */
typedef struct ServerThread {
  tg_db *pDb;
  ServeConfig cfg;
  char zPortFile[4200];
  int rc;
} ServerThread;

static void *serverMain(void *pArg) {
  ServerThread *s = pArg;
  s->rc = serve_run(s->pDb, &s->cfg, s->zPortFile);
  return NULL;
}

/* Waits (up to 10 s) for the server's port file; returns the port. */
static int benchWaitForPort(const char *zPortFile) {
  for (int i = 0; i < 1000; i++) {
    FILE *f = fopen(zPortFile, "r");
    int port = 0;
    if (f) {
      if (fscanf(f, "%d", &port) != 1) port = 0;
      fclose(f);
    }
    if (port > 0) return port;
    usleep(10000);
  }
  benchFail("the server did not start (see its log)");
}

/* Asks both sides the same questions and stops unless they agree. */
static void benchCheckAnswers(Bench *b) {
  BenchConfig aCfg[2] = {{.ePath = PATH_INPROC_REPREPARE}, {.ePath = PATH_BOLT}};
  Worker aW[2];
  memset(aW, 0, sizeof(aW));
  aW[0].pB = aW[1].pB = b;
  aW[0].pCfg = &aCfg[0];
  aW[0].pConn = b->apConn[0];
  aW[1].pCfg = &aCfg[1];
  aW[1].pClient = b->apClient[0];
  for (int eWork = WORK_POINT; eWork <= WORK_TWO_HOP; eWork++) {
    aCfg[0].eWork = aCfg[1].eWork = eWork;
    for (int i = 0; i < BENCH_CHECK_IDS; i++) {
      int64_t id = (int64_t)i * (b->o.nPersons / BENCH_CHECK_IDS) + i % 7;
      char azAnswer[2][128];
      for (int k = 0; k < 2; k++) {
        if (!workerOnce(&aW[k], id, azAnswer[k], sizeof(azAnswer[k]))) benchFail("checking answers: %s", aW[k].zErr);
      }
      if (strcmp(azAnswer[0], azAnswer[1]) != 0) {
        benchFail("%s with id %lld: in-process '%s', over Bolt '%s'", azWorkQuery[eWork], (long long)id, azAnswer[0],
                  azAnswer[1]);
      }
    }
  }
}

/* ---- The report ------------------------------------------------------------- */

static BenchFigures benchFigures(const BenchConfig *pc, int nRuns) {
  BenchFigures fig;
  fig.rate = benchMedian(pc->aRate, nRuns);
  fig.p50 = benchMedian(pc->aP50, nRuns);
  fig.p99 = benchMedian(pc->aP99, nRuns);
  fig.lo = fig.hi = pc->aRate[0];
  for (int r = 1; r < nRuns; r++) {
    if (pc->aRate[r] < fig.lo) fig.lo = pc->aRate[r];
    if (pc->aRate[r] > fig.hi) fig.hi = pc->aRate[r];
  }
  return fig;
}

/* The configuration of (path, work, threads) in aCfg, or NULL. */
static const BenchConfig *benchFind(const BenchConfig *aCfg, int nCfg, int ePath, int eWork, int nThreads) {
  for (int i = 0; i < nCfg; i++) {
    if (aCfg[i].ePath == ePath && aCfg[i].eWork == eWork && aCfg[i].nThreads == nThreads) return &aCfg[i];
  }
  return NULL;
}

/* The in-process prepared-once configuration a row is compared with: the
** same number of threads, or the most there are. */
static const BenchConfig *benchBaseline(const BenchConfig *aCfg, int nCfg, const BenchConfig *pc) {
  int n = pc->nThreads < BENCH_MAX_INPROC ? pc->nThreads : BENCH_MAX_INPROC;
  return benchFind(aCfg, nCfg, PATH_INPROC, pc->eWork, n);
}

/* One workload's table. */
static void benchPrintTable(const Bench *b, const BenchConfig *aCfg, int nCfg, int eWork, const char *zTitle) {
  static const char *const azPath[] = {"in-process, prepared once", "in-process, prepare per query", "Bolt",
                                       "TCP ping-pong alone (floor)"};
  static const char *const zInprocWrite = "in-process, tg_exec";
  int nRuns = b->o.nRuns;
  printf("\n%s\n", zTitle);
  printf("   %-30s %7s %12s %9s %9s %14s   %s\n", "path", "clients", eWork == WORK_WRITE ? "commits/s" : "queries/s",
         "p50 us", "p99 us", "of in-process", "runs min..max");
  for (int i = 0; i < nCfg; i++) {
    const BenchConfig *pc = &aCfg[i];
    if (pc->eWork != eWork) continue;
    BenchFigures fig = benchFigures(pc, nRuns);
    const BenchConfig *pBase = benchBaseline(aCfg, nCfg, pc);
    double base = pBase ? benchFigures(pBase, nRuns).rate : 0;
    char zRatio[40] = "";
    if (base > 0) {
      snprintf(zRatio, sizeof(zRatio), "%.2f%s", fig.rate / base, pBase->nThreads != pc->nThreads ? " (of 8)" : "");
    }
    const char *zPath = pc->eWork == WORK_WRITE && pc->ePath == PATH_INPROC ? zInprocWrite : azPath[pc->ePath];
    printf("   %-30s %7d %12.0f %9.1f %9.1f %14s   %.0f..%.0f\n", zPath, pc->nThreads, fig.rate, fig.p50,
           fig.p99, zRatio, fig.lo, fig.hi);
  }
}

/* The goal lines, each marked from the figures. */
static void benchPrintGoals(const Bench *b, const BenchConfig *aCfg, int nCfg, int nCores) {
  int nRuns = b->o.nRuns;
  printf("\nGoals (issue 15), from the medians above; this machine has %d core%s%s\n", nCores, nCores == 1 ? "" : "s",
         nCores == 2 ? "" : " (the goal speaks of 2)");
  printf("   with 8 clients, >= 50%% of the in-process throughput on 2 cores\n");
  static const char *const azWork[] = {"point lookup", "2-hop read", "write transaction"};
  for (int eWork = WORK_POINT; eWork < WORK__COUNT; eWork++) {
    const BenchConfig *pBolt = benchFind(aCfg, nCfg, PATH_BOLT, eWork, 8);
    const BenchConfig *pIn = benchFind(aCfg, nCfg, PATH_INPROC, eWork, 8);
    if (pBolt == NULL || pIn == NULL) continue;
    double bolt = benchFigures(pBolt, nRuns).rate, in = benchFigures(pIn, nRuns).rate;
    double pct = in > 0 ? 100 * bolt / in : 0;
    printf("      %-18s Bolt %9.0f/s, in-process %9.0f/s: %5.1f%%   %s\n", azWork[eWork], bolt, in, pct,
           pct >= 50 ? "met" : "not met");
    const BenchConfig *pFloor = benchFind(aCfg, nCfg, PATH_TCP_FLOOR, eWork, 8);
    if (pFloor) {
      double floor = benchFigures(pFloor, nRuns).rate;
      printf("      %-18s (loopback TCP alone, the same bytes, 8 clients: %.0f/s, %.1f%% of in-process)\n", "",
             floor, in > 0 ? 100 * floor / in : 0);
    }
  }
  printf("   p99 under 1 ms for a point lookup on loopback\n");
  for (int i = 0; i < nCfg; i++) {
    const BenchConfig *pc = &aCfg[i];
    if (pc->ePath != PATH_BOLT || pc->eWork != WORK_POINT) continue;
    double p99 = benchFigures(pc, nRuns).p99;
    char zWho[32];
    snprintf(zWho, sizeof(zWho), "%d client%s", pc->nThreads, pc->nThreads == 1 ? "" : "s");
    printf("      %-18s p99 %8.1f us   %s\n", zWho, p99, p99 < 1000 ? "met" : "not met");
  }
}

/* ---- Main ----------------------------------------------------------------- */

static void benchUsage(void) {
  fprintf(stderr,
          "usage: bolt [--dir DIR] [--runs N] [--seconds S] [--persons N] [--knows K] [--auth none|basic]\n"
          "            [--only point|two-hop|write]\n");
  exit(2);
}

int main(int argc, char **argv) {
  Bench b;
  memset(&b, 0, sizeof(b));
  benchErr = stderr;
  b.o.zDir = "build/bolt";
  b.o.nRuns = 5;
  b.o.seconds = 1.0;
  b.o.nPersons = 100000;
  b.o.nKnows = 10;
  b.o.eOnly = -1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (v == NULL) benchUsage();
    i++;
    if (strcmp(a, "--dir") == 0) b.o.zDir = v;
    else if (strcmp(a, "--runs") == 0) b.o.nRuns = atoi(v);
    else if (strcmp(a, "--seconds") == 0) b.o.seconds = atof(v);
    else if (strcmp(a, "--persons") == 0) b.o.nPersons = atoll(v);
    else if (strcmp(a, "--knows") == 0) b.o.nKnows = atoi(v);
    else if (strcmp(a, "--only") == 0 && strcmp(v, "point") == 0) b.o.eOnly = WORK_POINT;
    else if (strcmp(a, "--only") == 0 && strcmp(v, "two-hop") == 0) b.o.eOnly = WORK_TWO_HOP;
    else if (strcmp(a, "--only") == 0 && strcmp(v, "write") == 0) b.o.eOnly = WORK_WRITE;
    else if (strcmp(a, "--auth") == 0 && (strcmp(v, "none") == 0 || strcmp(v, "basic") == 0)) b.o.bAuthBasic = v[0] == 'b';
    else benchUsage();
  }
  if (b.o.nRuns < 1 || b.o.nRuns > BENCH_MAX_RUNS || b.o.seconds <= 0 || b.o.nPersons < BENCH_CHECK_IDS ||
      b.o.nKnows < 1 || b.o.nKnows > 1000) {
    benchUsage();
  }
  mkdir(b.o.zDir, 0777);
  struct stat st;
  if (stat(b.o.zDir, &st) != 0 || !S_ISDIR(st.st_mode)) benchFail("cannot use %s as the scratch folder", b.o.zDir);
  char zDbPath[4200], zLog[4200], zUsers[4200];
  snprintf(zDbPath, sizeof(zDbPath), "%s/db", b.o.zDir);
  snprintf(zLog, sizeof(zLog), "%s/server.log", b.o.zDir);
  snprintf(zUsers, sizeof(zUsers), "%s/users", b.o.zDir);
  setvbuf(stdout, NULL, _IOLBF, 0);   /* each line as it is known */
  int nCores = (int)sysconf(_SC_NPROCESSORS_ONLN);

  /* The graph, in a new database on disk that commits with sync "full". */
  benchRemove(zDbPath);
  double tBuild = (double)benchNowNs();
  if (tg_open_v2(zDbPath, &b.pDb, TG_OPEN_CREATE) != TG_OK) benchFailTangle(b.pDb, "tg_open_v2");
  benchBuildGraph(&b, b.o.zDir);
  if (tg_config_set_text(b.pDb, "sync", "full") != TG_OK) benchFailTangle(b.pDb, "sync full");
  tBuild = ((double)benchNowNs() - tBuild) / 1e9;
  for (int i = 0; i < BENCH_MAX_INPROC; i++) {
    if (tg_connect(b.pDb, &b.apConn[i]) != TG_OK) benchFailTangle(b.pDb, "tg_connect");
  }

  /* The server, its log in zLog: fd 2 points there while it runs. */
  ServerThread srv;
  memset(&srv, 0, sizeof(srv));
  srv.pDb = b.pDb;
  serve_config_default(&srv.cfg);
  srv.cfg.zListen = "127.0.0.1:0";
  srv.cfg.bNoHttp = true;   /* Bolt alone is measured */
  srv.cfg.bAuthNone = !b.o.bAuthBasic;
  char zPassword[40];
  snprintf(zPassword, sizeof(zPassword), "bench-%lld-%d", (long long)benchNowNs(), (int)getpid());
  if (b.o.bAuthBasic) {
    remove(zUsers);
    benchWriteUsers(zUsers, zPassword);
    srv.cfg.zUsersFile = zUsers;
  }
  snprintf(srv.zPortFile, sizeof(srv.zPortFile), "%s/port", b.o.zDir);
  remove(srv.zPortFile);
  fflush(stderr);
  int fdStderr = dup(2);
  int fdLog = open(zLog, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fdStderr < 0 || fdLog < 0 || (benchErr = fdopen(fdStderr, "w")) == NULL) benchFail("cannot open %s", zLog);
  setvbuf(benchErr, NULL, _IONBF, 0);
  dup2(fdLog, 2);
  close(fdLog);
  pthread_t tServer;
  if (pthread_create(&tServer, NULL, serverMain, &srv) != 0) benchFail("cannot start the server's thread");
  pthread_setname_np(tServer, "serve");
  snprintf(b.zAddress, sizeof(b.zAddress), "127.0.0.1:%d", benchWaitForPort(srv.zPortFile));
  for (int i = 0; i < BENCH_MAX_CLIENTS; i++) {
    char zErr[400];
    b.apClient[i] = clientConnect(b.zAddress, b.o.bAuthBasic ? "bench" : NULL, zPassword, zErr, sizeof(zErr));
    if (b.apClient[i] == NULL) benchFail("Bolt client %d cannot connect to %s: %s", i, b.zAddress, zErr);
  }
  benchCheckAnswers(&b);
  /* The floor's request: a point lookup's RUN and PULL; its answer: as
  ** many bytes as the server answers one with. */
  BoltClient *c0 = b.apClient[0];
  int64_t nBefore = c0->nBytesIn, nRow;
  char zAnswer[128];
  if (!clientQuery(c0, azWorkQuery[WORK_POINT], "id", b.o.nPersons / 2, &nRow, zAnswer, sizeof(zAnswer))) {
    benchFail("%s", c0->zErr);
  }
  b.nFloorAnswer = (size_t)(c0->nBytesIn - nBefore);
  clientPutRunPull(c0, azWorkQuery[WORK_POINT], "id", b.o.nPersons / 2);
  strbuf_init(&b.floorRequest);
  strbuf_append(&b.floorRequest, c0->out.z, c0->out.n);
  strbuf_truncate(&c0->out, 0);
  if (b.nFloorAnswer > BENCH_FLOOR_MAX_ANSWER || b.floorRequest.n > BENCH_FLOOR_MAX_ANSWER) {
    benchFail("a point lookup's messages are larger than the TCP floor's buffers");
  }
  benchStartFloor(&b);

  char zReal[4096];
  printf("Bolt server benchmark: %d cores; scratch folder %s\n", nCores,
         realpath(b.o.zDir, zReal) ? zReal : b.o.zDir);
  printf("   graph: %lld :Person, %lld :KNOWS (built in %.1f s), index on :Person(id); database on disk, sync full\n",
         (long long)b.o.nPersons, (long long)b.o.nPersons * b.o.nKnows, tBuild);
  printf("   server: serve_run in this process on %s, --auth %s, log in %s\n", b.zAddress,
         b.o.bAuthBasic ? "basic" : "none", zLog);
  printf("   clients: threads of this process, Bolt 5.4, one connection each, closed loop\n");
  printf("   %d runs of %.1f s per configuration, interleaved; medians; latency per query, client side\n",
         b.o.nRuns, b.o.seconds);

  BenchConfig aCfg[32];
  int nCfg = 0;
  for (int eWork = WORK_POINT; eWork < WORK__COUNT; eWork++) {
    if (b.o.eOnly >= 0 && eWork != b.o.eOnly) continue;
    static const int aInproc[] = {1, 8}, aBolt[] = {1, 8, 32}, aBoltWrite[] = {1, 8};
    for (int k = 0; k < 2; k++) aCfg[nCfg++] = (BenchConfig){.ePath = PATH_INPROC, .eWork = eWork, .nThreads = aInproc[k]};
    if (eWork != WORK_WRITE) {
      for (int k = 0; k < 2; k++) {
        aCfg[nCfg++] = (BenchConfig){.ePath = PATH_INPROC_REPREPARE, .eWork = eWork, .nThreads = aInproc[k]};
      }
      for (int k = 0; k < 3; k++) aCfg[nCfg++] = (BenchConfig){.ePath = PATH_BOLT, .eWork = eWork, .nThreads = aBolt[k]};
      for (int k = 0; k < 2 && eWork == WORK_POINT; k++) {
        aCfg[nCfg++] = (BenchConfig){.ePath = PATH_TCP_FLOOR, .eWork = eWork, .nThreads = aInproc[k]};
      }
    } else {
      for (int k = 0; k < 2; k++) {
        aCfg[nCfg++] = (BenchConfig){.ePath = PATH_BOLT, .eWork = eWork, .nThreads = aBoltWrite[k]};
      }
    }
  }
  /* Round r starts at another configuration, so that none always follows
  ** the same one (a write's fsyncs, the 32 clients' threads). */
  for (int r = 0; r < b.o.nRuns; r++) {
    for (int i = 0; i < nCfg; i++) {
      int k = (i + r * (nCfg / b.o.nRuns + 1)) % nCfg;
      benchRunConfig(&b, &aCfg[k], r);
    }
  }

  /* Every commit acknowledged is in the graph. */
  tg_stmt *pCount;
  if (tg_prepare(b.apConn[0], "MATCH (n:Item) RETURN count(n)", -1, &pCount, NULL) != TG_OK ||
      tg_step(pCount) != TG_ROW) {
    benchFailTangle(b.apConn[0], "counting :Item");
  }
  int64_t nItems = tg_column_int(pCount, 0), nCommitted = atomic_load(&b.nCommitted);
  tg_finalize(pCount);
  if (nItems != nCommitted) benchFail("%lld write transactions committed, but %lld :Item nodes", (long long)nCommitted, (long long)nItems);

  if (b.o.eOnly < 0 || b.o.eOnly == WORK_POINT) {
    benchPrintTable(&b, aCfg, nCfg, WORK_POINT,
                    "1. Point lookup: MATCH (p:Person {id: $id}) RETURN p.name   (index seek)");
  }
  if (b.o.eOnly < 0 || b.o.eOnly == WORK_TWO_HOP) {
    benchPrintTable(&b, aCfg, nCfg, WORK_TWO_HOP,
                    "2. 2-hop read: MATCH (p:Person {id: $id})-[:KNOWS]->()-[:KNOWS]->(f) RETURN count(DISTINCT f)");
  }
  if (b.o.eOnly < 0 || b.o.eOnly == WORK_WRITE) {
    benchPrintTable(&b, aCfg, nCfg, WORK_WRITE, "3. Write transaction, sync full: BEGIN; CREATE (:Item {i: $i}); COMMIT");
    printf("   (Bolt: BEGIN, RUN+PULL, COMMIT, three round trips; in-process: tg_begin, tg_exec, tg_commit)\n");
  }
  benchPrintGoals(&b, aCfg, nCfg, nCores);

  /* Shut down: clients, server (which checkpoints), connections, database. */
  for (int i = 0; i < BENCH_MAX_CLIENTS; i++) clientClose(b.apClient[i]);
  benchStopFloor(&b);
  strbuf_free(&b.floorRequest);
  serve_stop();
  pthread_join(tServer, NULL);
  fflush(stderr);
  dup2(fdStderr, 2);
  if (srv.rc != 0) benchFail("the server failed (see %s)", zLog);
  for (int i = 0; i < BENCH_MAX_INPROC; i++) tg_close(b.apConn[i]);
  tg_close(b.pDb);
  fclose(benchErr);
  benchRemove(zDbPath);
  return 0;
}
