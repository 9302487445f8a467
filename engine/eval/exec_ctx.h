/*
** exec_ctx.h — what a running statement's operators and expressions share.
**
** It sits with the expressions (eval/) rather than the operators (exec/)
** because expressions are its first users and the lower layer: operators
** include it from above.
**
** One ExecCtx per prepared statement. The row is a single array of Values
** (aSlot) sized at plan time: every variable of the statement, including
** those of subqueries and comprehensions, has its own slot, so inner plans
** read outer variables directly and nothing is looked up by name at run
** time.
**
** Lifetimes. A value an operator writes into a slot lives in that
** operator's scratch arena (or in the graph, or in the statement arena for
** constants) and stays valid until the operator produces its next row.
** Operators that keep rows (sort, aggregate, distinct, eager, hash join)
** copy what they keep into their own arenas.
*/
#ifndef TANGLE_EXEC_CTX_H
#define TANGLE_EXEC_CTX_H

#include <signal.h>

#include "base/error.h"
#include "base/mem.h"
#include "base/vec.h"
#include "eval/notify.h"
#include "store/graph.h"
#include "value/value.h"

struct tg_db;
struct AstNode;

/* A heap object to free when the statement is finalized. */
typedef struct DeferredFree {
  void (*xFree)(void *);
  void *p;
} DeferredFree;

typedef struct ExecCtx {
  struct tg_db *pDb;       /* the database */
  Graph *pGraph;           /* its graph */
  Value *aSlot;            /* the row */
  uint32_t nSlot;          /* slots in the row */
  TgError *pErr;           /* the statement's error (first wins) */
  const char *zText;       /* statement text, for error positions */
  Value *aParam;           /* parameter values, by parameter number */
  bool *abParamSet;        /* which parameters are bound */
  uint32_t nParam;         /* parameters the statement uses */
  const char **azParam;    /* their names */
  int64_t iStmtTimeNs;     /* statement clock (UTC ns since the epoch) */
  const char *zLocalZone;  /* default time zone */
  volatile sig_atomic_t *pInterrupt; /* set by tg_interrupt() */
  uint32_t nTick;          /* counts work between interrupt checks */
  Arena *pArena;           /* statement arena (plan, constants) */
  const char **azSlotName; /* variable name of each slot (NULL: anonymous), for EXPLAIN */
  bool bProfile;           /* collect per-operator rows and time */
  int64_t nRenderMax;      /* RENDER node cap */
  int64_t nRenderMaxRels;  /* RENDER relationship cap */
  Notices *pNotices;       /* the statement's notifications (notify.h) */
  VEC(DeferredFree) deferred; /* exec_defer_free's list, run by exec_ctx_free */
  uint32_t nOp;            /* operators built for the statement (compile.h's bound) */
  int64_t iDeadlineNs;     /* CLOCK_MONOTONIC time past which the statement
                              stops with ResourceLimit, or 0 for none */
  int64_t nTimeoutMs;      /* the limit it came from, for the message */
  int64_t nMaxMemory;      /* the memory budget (max_memory), for the message */
  const char *zCsvFile;    /* LOAD CSV: path of the file the current row
                              comes from (owned by the LoadCsv operator), or
                              NULL outside LOAD CSV; for file() */
  int64_t iCsvLine;        /* ... and the 1-based line the row starts on, for linenumber() */
  /* CALL { } IN TRANSACTIONS: ends the transaction of one batch, committing
  ** it (bCommit) or rolling it back, and begins the next. A failed commit
  ** rolls back, sets *pErr and returns false. Set by the statement layer
  ** for an autocommit write; NULL where batches cannot commit (inside an
  ** explicit transaction). */
  bool (*xEndBatch)(struct ExecCtx *pCtx, bool bCommit);
  void *pBatchArg;         /* the statement, for xEndBatch */
} ExecCtx;

/* Registers a heap object to free when the statement is finalized
** (compiled regular expressions cached on the AST, ...). */
void exec_defer_free(ExecCtx *pCtx, void (*xFree)(void *), void *p);

/* Runs and empties the deferred frees. */
void exec_ctx_free(ExecCtx *pCtx);

/* Raises error eId at byte offset iOfst as a run-time error. */
void exec_error(ExecCtx *pCtx, int iOfst, ErrId eId, ...);

/* Is the statement past its time limit (the timeout setting)? Then
** raises ResourceLimit and returns true. Reads the monotonic clock. */
bool exec_past_deadline(ExecCtx *pCtx);

/* Has the statement run out of memory (mem.h's flag)? Then raises
** ResourceLimit and returns true. */
bool exec_out_of_memory(ExecCtx *pCtx);

/* The monotonic clock in ns, for deadlines and PROFILE timings. */
int64_t exec_monotonic_ns(void);

/* Checks now whether the statement must stop: interrupted, past its time
** limit, or already failed; true with the error set. For code that waits
** (a child process, a read) rather than loops. */
static inline bool exec_must_stop(ExecCtx *pCtx) {
  if (mem_exhausted() != MEM_FINE) return exec_out_of_memory(pCtx);
  if (pCtx->pInterrupt && *pCtx->pInterrupt) {
    error_at(pCtx->pErr, NULL, -1, ERR_INTERRUPTED);
    pCtx->pErr->bRuntime = true;
    return true;
  }
  if (pCtx->iDeadlineNs && exec_past_deadline(pCtx)) return true;
  return pCtx->pErr->code != 0;
}

/* Notes, before a write, the place in the statement (byte offset iOfst)
** and the LOAD CSV row being written, so that a uniqueness constraint the
** statement breaks is reported there. */
static inline void exec_note_write_site(ExecCtx *pCtx, int iOfst) {
  GraphSite *s = &pCtx->pGraph->site;
  s->iOfst = iOfst;
  s->zFile = pCtx->zCsvFile;
  s->iRow = pCtx->zCsvFile ? pCtx->iCsvLine : 0;
}

/* Checks the interrupt flag every few thousand calls; true (with the
** error set) when the statement must stop. Call it in loops that may run
** long without producing rows. */
static inline bool exec_check_interrupt(ExecCtx *pCtx) {
  if (unlikely(mem_exhausted() != MEM_FINE)) return exec_out_of_memory(pCtx);
  if ((++pCtx->nTick & 1023) != 0) return false;
  return exec_must_stop(pCtx);
}

#endif /* TANGLE_EXEC_CTX_H */
