/*
** op_in_transactions.c — CALL { } IN TRANSACTIONS: runs the subquery for
** the outer rows in batches of n rows, each batch its own transaction,
** committed before the next begins (so a large load does not hold all its
** changes in one undo log, and what committed stays committed).
**
** A batch's outer rows and its output are kept until the batch commits:
** a batch that fails is rolled back, and with ON ERROR CONTINUE or BREAK
** its rows come out with the subquery's columns null (BREAK: every later
** row too, its batch not started); with FAIL (the default) the statement
** fails, earlier batches staying committed. RETRY runs a failed batch
** again for up to the given seconds (an error here is never transient,
** so in practice once more) before acting as its THEN says. REPORT STATUS
** binds a map {started, committed, transactionId, errorMessage} per row.
**
** Batches run one after another: a single writer holds the database, so
** `IN n CONCURRENT TRANSACTIONS` is accepted and runs them in turn.
*/
#include "exec/op.h"
#include "syntax/ast.h"

#include <stdio.h>
#include <time.h>

typedef struct OpInTx {
  Op base;
  const AstNode *pSpec;    /* AST_IN_TX: rows per batch, ON ERROR, REPORT STATUS */
  SlotList inner;          /* the subquery's output slots (nulled for a failed batch) */
  int64_t iStatus;         /* REPORT STATUS slot, or -1 */
  bool bReturns;           /* the subquery ends with RETURN (else each outer row once) */
  RowBuffer outer;         /* the current batch's outer rows */
  RowBuffer out;           /* its output rows, given once it has committed */
  int64_t nBatch;          /* rows per batch */
  int64_t nRetryMs;        /* RETRY FOR: how long a batch may be retried */
  uint64_t nStarted;       /* batches begun (transaction ids) */
  Value status;            /* REPORT STATUS of the rows in out (scratch arena) */
  bool bBroken;            /* ON ERROR BREAK happened: no batch runs any more */
  bool bDone;              /* the outer rows are used up */
} OpInTx;

static void inTxOpen(Op *p) {
  OpInTx *t = (OpInTx *)p;
  op_open(p->pChild);
  row_buffer_reset(&t->outer);
  row_buffer_reset(&t->out);
  t->nBatch = -1;
  t->nStarted = 0;
  t->bBroken = t->bDone = false;
}

/* Reads OF n ROWS and RETRY FOR n SECONDS once per run. */
static bool inTxSettle(OpInTx *t) {
  ExecCtx *pCtx = t->base.pCtx;
  if (t->nBatch >= 0) return true;
  if (pCtx->xEndBatch == NULL) {
    exec_error(pCtx, t->pSpec->iOfst, ERR_INVALID_CLAUSE_COMPOSITION,
               "CALL { } IN TRANSACTIONS commits as it goes, so it runs only as a statement of its own, "
               "not inside BEGIN ... COMMIT");
    return false;
  }
  int64_t n = 1000;
  if (t->pSpec->p1 && !op_eval_count(pCtx, t->pSpec->p1, &t->base.scratch, "OF ... ROWS", &n)) return false;
  if (n < 1) {
    exec_error(pCtx, t->pSpec->p1->iOfst, ERR_ARGUMENT_VALUE, "OF ... ROWS needs a positive number of rows");
    return false;
  }
  int64_t nSec = 30;   /* Neo4j's default retry time */
  if (t->pSpec->p2 && !op_eval_count(pCtx, t->pSpec->p2, &t->base.scratch, "RETRY FOR ... SECONDS", &nSec)) {
    return false;
  }
  t->nBatch = n;
  t->nRetryMs = nSec > INT64_MAX / 1000 ? INT64_MAX : nSec * 1000;
  return true;
}

/* The REPORT STATUS map of a row, in the op's scratch arena. */
static Value inTxStatus(OpInTx *t, bool bStarted, bool bCommitted, const char *zError) {
  Arena *pA = &t->base.scratch;
  Value m = value_map_new(pA, 4);
  MapEntry *e = (MapEntry *)m.u.m;
  e[0].zKey = "committed", e[0].nKey = 9, e[0].v = value_bool(bCommitted);
  e[1].zKey = "errorMessage", e[1].nKey = 12;
  e[1].v = zError ? value_cstr(pA, zError) : value_null();
  e[2].zKey = "started", e[2].nKey = 7, e[2].v = value_bool(bStarted);
  e[3].zKey = "transactionId", e[3].nKey = 13, e[3].v = value_null();
  if (bStarted) {
    char zId[32];
    snprintf(zId, sizeof zId, "tangle-batch-%llu", (unsigned long long)t->nStarted);
    e[3].v = value_cstr(pA, zId);
  }
  return m;
}

/* Keeps outer row iRow as an output row with the subquery's columns null
** (a batch that failed or never ran). */
static void inTxEmitNulls(OpInTx *t, uint32_t iRow, bool bStarted, const char *zError) {
  Value *aSlot = t->base.pCtx->aSlot;
  row_buffer_restore(&t->outer, iRow, aSlot);
  for (uint32_t i = 0; i < t->inner.n; i++) aSlot[t->inner.a[i]] = value_null();
  row_buffer_save(&t->out, aSlot);
  if (t->iStatus >= 0) t->status = inTxStatus(t, bStarted, false, zError);
}

/* Runs the subquery for every row of the batch, keeping its output; false
** when it fails (the error is set). */
static bool inTxRunBatch(OpInTx *t) {
  Op *pInner = t->base.pChild2;
  Value *aSlot = t->base.pCtx->aSlot;
  for (uint32_t i = 0; i < t->outer.rows.n; i++) {
    row_buffer_restore(&t->outer, i, aSlot);
    op_open(pInner);
    int rc;
    while ((rc = op_next(pInner)) == OP_ROW) {
      if (t->bReturns) row_buffer_save(&t->out, aSlot);
    }
    op_close(pInner);
    if (rc == OP_ERROR) return false;
    if (!t->bReturns) {
      row_buffer_restore(&t->outer, i, aSlot);
      row_buffer_save(&t->out, aSlot);
    }
  }
  return true;
}

static int64_t inTxNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Is the error one a batch may survive? Interrupts and resource limits
** stop the statement whatever ON ERROR says. */
static bool inTxRecoverable(const TgError *pErr) {
  return pErr->eId != ERR_INTERRUPTED && pErr->eId != ERR_LIMIT;
}

/* Reads, runs and ends the next batch; false on a fatal error. */
static bool inTxNextBatch(OpInTx *t) {
  ExecCtx *pCtx = t->base.pCtx;
  row_buffer_reset(&t->outer);
  row_buffer_reset(&t->out);
  arena_reset(&t->base.scratch);
  int rc = OP_DONE;
  while (t->outer.rows.n < (uint64_t)t->nBatch && (rc = op_next(t->base.pChild)) == OP_ROW) {
    row_buffer_save(&t->outer, pCtx->aSlot);
  }
  if (rc == OP_ERROR) return false;
  if (rc == OP_DONE) t->bDone = true;
  if (t->outer.rows.n == 0) return true;
  if (t->bBroken) {
    for (uint32_t i = 0; i < t->outer.rows.n; i++) inTxEmitNulls(t, i, false, NULL);
    return true;
  }
  int eOnError = t->pSpec->op;
  int64_t iRetryEnd = eOnError == TXERR_RETRY ? inTxNowMs() + t->nRetryMs : 0;
  for (;;) {
    t->nStarted++;
    bool bOk = inTxRunBatch(t) && pCtx->xEndBatch(pCtx, true);
    if (bOk) break;
    if (!inTxRecoverable(pCtx->pErr)) return false;
    /* The batch failed: its output goes, and its changes (a failed commit
    ** has rolled them back already; rolling back again is harmless). */
    row_buffer_reset(&t->out);
    if (eOnError == TXERR_RETRY && inTxNowMs() < iRetryEnd) {
      error_clear(pCtx->pErr);
      pCtx->xEndBatch(pCtx, false);
      continue;
    }
    int eAct = eOnError == TXERR_RETRY ? (int)t->pSpec->i1 : eOnError;
    if (eAct == TXERR_FAIL) return false;
    char zMsg[sizeof pCtx->pErr->zMsg];
    snprintf(zMsg, sizeof zMsg, "%s", pCtx->pErr->zMsg);
    error_clear(pCtx->pErr);
    pCtx->xEndBatch(pCtx, false);
    for (uint32_t i = 0; i < t->outer.rows.n; i++) inTxEmitNulls(t, i, true, zMsg);
    if (eAct == TXERR_BREAK) t->bBroken = true;
    return true;
  }
  if (t->iStatus >= 0) t->status = inTxStatus(t, true, true, NULL);
  return true;
}

static int inTxNext(Op *p) {
  OpInTx *t = (OpInTx *)p;
  if (!inTxSettle(t)) return OP_ERROR;
  for (;;) {
    if (row_buffer_replay(&t->out, p->pCtx->aSlot)) {
      if (t->iStatus >= 0) p->pCtx->aSlot[t->iStatus] = t->status;   /* one status per batch */
      return OP_ROW;
    }
    if (t->bDone) return OP_DONE;
    if (!inTxNextBatch(t)) return OP_ERROR;
  }
}

static void inTxClose(Op *p) {
  OpInTx *t = (OpInTx *)p;
  op_close(p->pChild);
  row_buffer_free(&t->outer);
  row_buffer_free(&t->out);
}

static void inTxExplain(Op *p, StrBuf *pOut) {
  OpInTx *t = (OpInTx *)p;
  static const char *const azMode[] = {"fail", "continue", "break", "retry"};
  strbuf_puts(pOut, "of ");
  if (t->pSpec->p1) op_put_expr(p, pOut, t->pSpec->p1);
  else strbuf_puts(pOut, "1000");
  strbuf_printf(pOut, " rows, on error %s", azMode[t->pSpec->op & 3]);
  if (t->pSpec->op == TXERR_RETRY) strbuf_printf(pOut, " then %s", azMode[t->pSpec->i1 & 3]);
  if (t->iStatus >= 0) {
    strbuf_puts(pOut, ", report status as ");
    op_put_slot(p, pOut, (uint32_t)t->iStatus);
  }
}

static const OpVtab inTxVtab = {"ApplyInTransactions", inTxOpen, inTxNext, inTxClose, inTxExplain, NULL};

Op *op_in_transactions(ExecCtx *pCtx, Op *pOuter, Op *pInner, const AstNode *pSpec,
                       const SlotList *pOuterSlots, const SlotList *pInnerSlots, int64_t iStatus,
                       bool bReturns) {
  OpInTx *t = (OpInTx *)op_alloc(pCtx, sizeof(OpInTx), &inTxVtab, pOuter);
  t->base.pChild2 = pInner;
  t->pSpec = pSpec;
  t->inner = op_copy_slots(pCtx, pInnerSlots);
  t->iStatus = iStatus;
  t->bReturns = bReturns;
  row_buffer_init(&t->outer, pCtx, pOuterSlots);
  /* An output row: the outer slots, then the subquery's. */
  SlotList all;
  all.n = pOuterSlots->n + pInnerSlots->n;
  all.a = arena_alloc(pCtx->pArena, sizeof(uint32_t) * (all.n + 1));
  if (pOuterSlots->n) memcpy(all.a, pOuterSlots->a, sizeof(uint32_t) * pOuterSlots->n);
  if (pInnerSlots->n) memcpy(all.a + pOuterSlots->n, pInnerSlots->a, sizeof(uint32_t) * pInnerSlots->n);
  row_buffer_init(&t->out, pCtx, &all);
  return &t->base;
}
