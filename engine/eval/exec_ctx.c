/*
** exec_ctx.c — the services every expression and operator of a running
** statement calls through its ExecCtx: raising a run-time error, and
** handing over heap objects to free when the statement ends.
*/
#include "eval/exec_ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

void exec_error(ExecCtx *pCtx, int iOfst, ErrId eId, ...) {
  va_list ap;
  va_start(ap, eId);
  error_vat(pCtx->pErr, pCtx->zText, iOfst, eId, ap);
  va_end(ap);
  pCtx->pErr->bRuntime = true;
}

void exec_defer_free(ExecCtx *pCtx, void (*xFree)(void *), void *p) {
  DeferredFree d = {xFree, p};
  vec_push(&pCtx->deferred, d);
}

void exec_ctx_free(ExecCtx *pCtx) {
  for (uint32_t i = 0; i < pCtx->deferred.n; i++) pCtx->deferred.a[i].xFree(pCtx->deferred.a[i].p);
  vec_free(&pCtx->deferred);
}

int64_t exec_monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

bool exec_out_of_memory(ExecCtx *pCtx) {
  MemState e = mem_exhausted();
  if (e == MEM_FINE) return false;
  if (e == MEM_OVER_BUDGET) {
    char zLimit[40];
    mem_format_size((size_t)pCtx->nMaxMemory, zLimit, sizeof(zLimit));
    error_at(pCtx->pErr, NULL, -1, ERR_LIMIT,
             "the statement needed more than its memory limit of %s (the max_memory setting: "
             "--max-memory, :max-memory); it was stopped and rolled back", zLimit);
  } else {
    error_at(pCtx->pErr, NULL, -1, ERR_LIMIT,
             "out of memory: the machine could not give the statement the memory it asked for; "
             "it was stopped and rolled back");
  }
  pCtx->pErr->bRuntime = true;
  return true;
}

bool exec_past_deadline(ExecCtx *pCtx) {
  if (exec_monotonic_ns() < pCtx->iDeadlineNs) return false;
  char zLimit[40];
  int64_t ms = pCtx->nTimeoutMs;
  if (ms % 1000 == 0) snprintf(zLimit, sizeof(zLimit), "%lld s", (long long)(ms / 1000));
  else snprintf(zLimit, sizeof(zLimit), "%lld ms", (long long)ms);
  error_at(pCtx->pErr, NULL, -1, ERR_LIMIT,
           "the statement ran past its time limit of %s (the timeout setting: --timeout, "
           ":timeout); it was stopped and rolled back", zLimit);
  pCtx->pErr->bRuntime = true;
  return true;
}
