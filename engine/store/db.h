/*
** db.h — the database handle behind tangle.h's tg_db.
**
** Owns the graph, the registered procedures, the last API error, the
** interrupt flag and the settings. Only stmt.c, tangle.c, conn.c and
** proc.c look inside; everything else sees an ExecCtx.
**
** A connection (tg_connect, engine/conn.c) is a second handle on the same
** graph: it has its own error, transaction, interrupt flag and settings,
** and borrows the graph, the files on disk and the procedures of the
** database it was made from (pMain). Once a database has connections,
** every handle on it takes the shared lock (DbShare) to read and the
** exclusive lock to write.
*/
#ifndef TANGLE_DB_H
#define TANGLE_DB_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include "base/error.h"
#include "store/files.h"
#include "store/graph.h"
#include "base/strbuf.h"
#include "base/vec.h"

struct ProcDef;
struct Durable;

/* What the handles on one database share once it has connections. */
typedef struct DbShare {
  /* The read-write lock (conn.c): shared while a read statement runs or
  ** streams, exclusive for a write statement or an explicit transaction.
  ** Its state is counted under mu rather than kept in a POSIX rwlock, which
  ** must be unlocked by the thread that locked it: a server may begin a
  ** transaction on one thread and commit it on another. */
  pthread_mutex_t mu;
  pthread_cond_t cv;         /* signalled when the lock is let go */
  int nReaders;              /* handles holding it shared */
  bool bWriter;              /* a handle holds it exclusively */
  int nWritersWaiting;       /* handles waiting to: new readers queue behind them */
  pthread_mutex_t compile;   /* one compile at a time: compiling adds names to the
                                graph's dictionaries and refreshes its statistics */
  _Atomic int nConn;         /* open connections (the database closes after them) */
} DbShare;

/* tg_db.eLock */
#define DB_LOCK_NONE 0
#define DB_LOCK_SHARED 1
#define DB_LOCK_EXCLUSIVE 2

struct tg_db {
  Graph *pGraph;                  /* the graph */
  struct Durable *pDurable;       /* the database on disk, or NULL in memory */
  StrBuf openReport;              /* what opening recovered (tg_open_report) */
  bool bCreated;                  /* tg_open_v2 created the database */
  TgError err;                    /* error of the last failing call */
  VEC(struct ProcDef *) procs;    /* registered procedures (built-in and user) */
  volatile sig_atomic_t bInterrupt; /* set by tg_interrupt() */
  int nStreaming;                 /* read statements part-way through their rows */
  int64_t nRenderMax;             /* setting render.max_nodes */
  int64_t nRenderMaxRels;         /* setting render.max_relationships */
  int64_t nThreads;               /* setting threads: workers per query (0: one per core) */
  int64_t nParallelMinNodes;      /* setting parallel.min_nodes: scan size that splits (0: default) */
  bool bReferencePlan;            /* setting planner.reference: plan without rewrites (tests) */
  int64_t nTimeoutMs;             /* setting timeout: a statement's time limit, ms (0: none) */
  int64_t nMaxMemory;             /* setting max_memory: bytes a statement may add (0: no cap) */
  bool bReadOnly;                 /* setting read_only: statements that write are refused */
  bool bInTxn;                    /* an explicit transaction is open (BEGIN, tg_begin) */
  FilePolicy files;               /* settings files, files.root: what LOAD CSV and RENDER TO may touch */
  int64_t nCsvMaxField;           /* setting csv.max_field: bytes of one CSV field (LOAD CSV, import) */
  int64_t nCsvMaxRecord;          /* setting csv.max_record: bytes of one CSV record */
  const char *zLocalZone;         /* default time zone for temporal functions */
  /* Connections (engine/conn.c) */
  struct tg_db *pMain;            /* a connection: the database it was made from; else NULL */
  DbShare *pShare;                /* the locks, once the database has connections; else NULL */
  int eLock;                      /* DB_LOCK_*: what this handle holds */
  int nSharedHolders;             /* this handle's statements holding the shared lock */
  int64_t nLockTimeoutMs;         /* setting lock_timeout: longest wait for a lock, ms */
  char *zClientUser;              /* settings client.user, client.role: whom a server */
  char *zClientRole;              /*   serves on this handle (dbms.showCurrentUser()) */
};

#endif /* TANGLE_DB_H */
