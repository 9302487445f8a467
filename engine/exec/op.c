/*
** op.c — what every operator shares: allocation, the open/next/close
** protocol with PROFILE counters, EXPLAIN printing, and the ranges of
** node ids that parallel scans share.
*/
#include <math.h>
#include <pthread.h>

#include "exec/op.h"

#include "base/mem.h"

/* One share, as its thread runs it (op_run_shares). */
typedef struct OpShareRun {
  Op *p;
  bool (*xShare)(Op *);
  MemBudget *pBudget;      /* the caller's budget, which the thread counts against */
  uint32_t iScanSlot;      /* the shared scan's node slot */
  ScanMorsels *pMorsels;   /* its blocks */
  bool bOk;
  NodeId iFailAt;          /* when !bOk: the scanned node it failed on (0: none) */
} OpShareRun;

/* Runs one share. On failure it notes the node the scan was on (0 when
** the slot holds none: an error before any row, which every share would
** meet) and lowers the morsels' stop to it, so that the other shares take
** no block past it: whatever they would find there comes after. */
static void opShareRun(OpShareRun *r) {
  r->bOk = r->xShare(r->p);
  if (r->bOk) return;
  const Value *v = r->iScanSlot == UINT32_MAX ? NULL : &r->p->pCtx->aSlot[r->iScanSlot];
  r->iFailAt = v && v->type == VAL_NODE ? v->u.id : 0;
  if (r->pMorsels == NULL) return;
  NodeId iStop = atomic_load(&r->pMorsels->iStopAt);
  while (r->iFailAt < iStop && !atomic_compare_exchange_weak(&r->pMorsels->iStopAt, &iStop, r->iFailAt)) {
  }
}

static void *opShareMain(void *pArg) {
  OpShareRun *r = pArg;
  MemBudget *pOwn = mem_budget_current();
  mem_budget_adopt(r->pBudget);
  op_open(r->p);
  opShareRun(r);
  mem_budget_adopt(pOwn);
  return NULL;
}

bool op_run_shares(Op *p, Op *const *apPartner, uint32_t n, uint32_t iScanSlot, ScanMorsels *pM,
                   bool (*xShare)(Op *)) {
  OpShareRun *aRun = tg_calloc((size_t)n + 1, sizeof(OpShareRun));
  pthread_t *aThread = tg_calloc(n, sizeof(pthread_t));
  bool *abStarted = tg_calloc(n, sizeof(bool));
  for (uint32_t i = 0; i <= n; i++) {
    aRun[i].p = i < n ? apPartner[i] : p;
    aRun[i].xShare = xShare;
    aRun[i].pBudget = mem_budget_current();
    aRun[i].iScanSlot = iScanSlot;
    aRun[i].pMorsels = pM;
  }
  for (uint32_t i = 0; i < n; i++) {
    abStarted[i] = pthread_create(&aThread[i], NULL, opShareMain, &aRun[i]) == 0;
  }
  opShareRun(&aRun[n]);   /* this share, here */
  for (uint32_t i = 0; i < n; i++) {
    if (abStarted[i]) pthread_join(aThread[i], NULL);
    else opShareMain(&aRun[i]);   /* no thread: read its share here */
  }
  /* The error one worker would have met: the lowest node's, this share's
  ** on a tie (the order of the shares is fixed, not the timing). */
  const OpShareRun *pFirst = NULL;
  for (uint32_t k = 0; k <= n; k++) {
    const OpShareRun *r = &aRun[k == 0 ? n : k - 1];
    if (!r->bOk && (pFirst == NULL || r->iFailAt < pFirst->iFailAt)) pFirst = r;
  }
  if (pFirst && pFirst->p != p) *p->pCtx->pErr = *pFirst->p->pCtx->pErr;
  tg_free(abStarted);
  tg_free(aThread);
  tg_free(aRun);
  return pFirst == NULL;
}

/* Ends an operator's life at finalize: close, free its heap state and
** scratch memory. Its struct lives in the statement arena, freed after. */
static void opRelease(void *pArg) {
  Op *p = pArg;
  op_close(p);
  if (p->pVtab->xFree) p->pVtab->xFree(p);
  arena_free(&p->scratch);
}

/* Every operator is registered with its statement, so the operators of
** subqueries inside expressions (not reachable from the plan's root) are
** released too. */
Op *op_alloc(ExecCtx *pCtx, size_t nSize, const OpVtab *pVtab, Op *pChild) {
  Op *p = arena_zalloc(pCtx->pArena, nSize);
  p->pVtab = pVtab;
  p->pChild = pChild;
  p->pCtx = pCtx;
  arena_init(&p->scratch);
  exec_defer_free(pCtx, opRelease, p);
  pCtx->nOp++;
  return p;
}

void op_open(Op *p) {
  if (p->bOpen) op_close(p);
  p->bOpen = true;
  p->pVtab->xOpen(p);
}

int op_next(Op *p) {
  if (p->pCtx->pErr->code) return OP_ERROR;
  int rc;
  if (unlikely(p->pCtx->bProfile)) {
    int64_t t0 = exec_monotonic_ns();
    rc = p->pVtab->xNext(p);
    p->nNanos += exec_monotonic_ns() - t0;
  } else {
    rc = p->pVtab->xNext(p);
  }
  if (rc == OP_ROW) {
    p->nRows++;
    if (unlikely(mem_exhausted() != MEM_FINE) && exec_out_of_memory(p->pCtx)) return OP_ERROR;
    if (unlikely(p->pCtx->pInterrupt && *p->pCtx->pInterrupt)) {
      error_at(p->pCtx->pErr, NULL, -1, ERR_INTERRUPTED);
      p->pCtx->pErr->bRuntime = true;
      return OP_ERROR;
    }
    /* The time limit, looked at every 1024 rows (the clock costs more than
    ** the flag). */
    if (unlikely(p->pCtx->iDeadlineNs) && (++p->pCtx->nTick & 1023) == 0 &&
        exec_past_deadline(p->pCtx)) {
      return OP_ERROR;
    }
  }
  if (rc != OP_ROW && p->pCtx->pErr->code) rc = OP_ERROR;
  return rc;
}

void op_close(Op *p) {
  if (!p->bOpen) return;
  p->bOpen = false;
  if (p->pVtab->xClose) p->pVtab->xClose(p);
  arena_reset(&p->scratch);
}


/* Prints one operator line and its children, indented. */
static void opExplainRec(Op *p, StrBuf *pOut, bool bProfile, int iDepth) {
  strbuf_repeat(pOut, "  ", iDepth);
  strbuf_printf(pOut, "%s", p->pVtab->zName);
  if (p->pVtab->xExplain) {
    strbuf_putc(pOut, ' ');
    p->pVtab->xExplain(p, pOut);
  }
  if (bProfile) {
    strbuf_printf(pOut, "  (rows=%lld, time=%.3f ms)", (long long)p->nRows, p->nNanos / 1e6);
  }
  strbuf_putc(pOut, '\n');
  if (p->pChild2) opExplainRec(p->pChild2, pOut, bProfile, iDepth + 1);
  if (p->pChild) opExplainRec(p->pChild, pOut, bProfile, iDepth + 1);
}

void op_explain(Op *p, StrBuf *pOut, bool bProfile) { opExplainRec(p, pOut, bProfile, 0); }

void op_set_estimate(Op *p, double est, const char *zOther, double estOther) {
  p->bEst = true;
  p->est = est;
  p->zEstOther = zOther ? arena_strdup(p->pCtx->pArena, zOther) : NULL;
  p->estOther = estOther;
}

void op_put_estimate(const Op *p, StrBuf *pOut) {
  if (!p->bEst) return;
  double n = round(p->est), nOther = round(p->estOther);
  strbuf_printf(pOut, "est. %.0f row%s", n, n == 1 ? "" : "s");
  if (p->zEstOther) strbuf_printf(pOut, "; index %s est. %.0f row%s", p->zEstOther, nOther, nOther == 1 ? "" : "s");
}

void op_put_slot(Op *p, StrBuf *pOut, uint32_t iSlot) {
  const char **az = p->pCtx->azSlotName;
  if (az && az[iSlot]) strbuf_puts(pOut, az[iSlot]);
  else strbuf_printf(pOut, "anon_%u", iSlot);
}

void op_put_expr(Op *p, StrBuf *pOut, const AstNode *pExpr) {
  ast_print(pOut, pExpr, (const char *const *)p->pCtx->azSlotName);
}

/* ---- Scans shared between parallel workers ------------------------------ */

bool scan_range_refill(ScanRange *r) {
  if (r->pMorsels == NULL) return false;
  const ScanMorsels *m = r->pMorsels;
  uint32_t b = atomic_fetch_add_explicit(&r->pMorsels->iNextBlock, 1, memory_order_relaxed);
  uint64_t start = m->iBase + (uint64_t)b * m->nIds;
  uint64_t limit = TG_MIN((uint64_t)r->limit, (uint64_t)m->iEnd);
  limit = TG_MIN(limit, (uint64_t)atomic_load_explicit(&r->pMorsels->iStopAt, memory_order_relaxed) + 1);
  if (start >= limit) return false;
  r->next = (NodeId)start;
  r->end = (NodeId)TG_MIN(start + m->nIds, limit);
  return true;
}

bool scan_range_start(ScanRange *r, NodeId limit) {
  r->limit = limit;
  if (r->pMorsels) return scan_range_refill(r);
  r->next = 0;
  r->end = limit;
  return true;
}
