/*
** stmt.h — the prepared statement behind tangle.h's tg_stmt.
**
** A statement owns one arena holding its text, AST, plan and operators;
** tg_finalize frees it in one go. Running it follows one of three paths:
**   - a read-only query streams: each tg_step pulls one row from the plan;
**   - a query that writes runs to completion inside a graph transaction on
**     its first step, buffering its rows, then commits (or rolls back on
**     any error, leaving the graph exactly as it was);
**   - EXPLAIN yields the plan's lines; schema commands run directly.
*/
#ifndef TANGLE_STMT_H
#define TANGLE_STMT_H

#include "syntax/ast.h"
#include "store/db.h"
#include "eval/exec_ctx.h"
#include "eval/notify.h"
#include "compile/plan.h"
#include "base/strbuf.h"

#define STMT_READY 0        /* prepared or reset, not yet stepped */
#define STMT_STREAMING 1    /* a read query part-way through its rows */
#define STMT_BUFFERED 2     /* yielding rows collected by a write run */
#define STMT_DONE 3         /* finished */
#define STMT_FAILED 4       /* stopped by an error */

/* Transaction-control statements (tg_stmt.eTxn). */
#define TXN_NONE 0
#define TXN_BEGIN 1
#define TXN_COMMIT 2
#define TXN_ROLLBACK 3

/* Opens, commits or rolls back the explicit transaction of pDb; false
** with pErr set when there is none to end, one already open, or a
** statement still returning rows. (tg_begin, BEGIN, ...) */
bool stmt_txn(struct tg_db *pDb, int eTxn, TgError *pErr);

struct tg_stmt {
  struct tg_db *pDb;       /* owning database */
  Arena arena;             /* text, AST, plan, operators */
  const char *zText;       /* the statement text (offsets count from here) */
  Plan *pPlan;             /* the compiled plan */
  ExecCtx ctx;             /* shared by the operators */
  TgError err;             /* this statement's error */
  int eState;              /* STMT_* */
  int eTxn;                /* TXN_*: BEGIN, COMMIT or ROLLBACK (no plan runs) */
  /* Parameters */
  Value *aParam;           /* by number; heap copies owned here */
  bool *abSet;
  /* Buffered rows (write statements, EXPLAIN) */
  Arena bufArena;
  VEC(Value *) bufRows;
  uint32_t iBuf;
  /* The current row */
  Value *aRow;             /* nCol values */
  StrBuf *aText;           /* tg_column_text cache, one per column */
  bool *abTextValid;
  tg_changes changes;      /* what the statement changed */
  GraphSavepoint batchStart; /* a write's start, or that of its current batch
                              (CALL { } IN TRANSACTIONS commits batches) */
  StrBuf planText;         /* tg_stmt_plan (stmt_plan_text builds it) */
  bool bPlanText;          /* planText is built */
  bool bBudget;            /* holds a memory budget open (mem.h), from the first step to the end */
  bool bShared;            /* holds the database's shared lock (conn.h), from the first step to the end */
  bool bExclusive;         /* holds its exclusive lock: an autocommit write, until its last row */
  VEC(struct tg_stmt *) clones; /* parallel workers' copies (parallel.c) */
  Notices notices;         /* notifications (notify.h) */
};

/* Internal entry points used by tangle.c. */
int stmt_prepare(struct tg_db *pDb, const char *zText, int nText, tg_stmt **ppStmt,
                 const char **pzTail);
int stmt_step(tg_stmt *pStmt);
/* The plan as text (EXPLAIN's lines; PROFILE's figures once it ran). */
const char *stmt_plan_text(tg_stmt *pStmt);
int stmt_reset(tg_stmt *pStmt);
void stmt_finalize(tg_stmt *pStmt);

#endif /* TANGLE_STMT_H */
