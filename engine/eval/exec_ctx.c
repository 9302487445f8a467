/*
** exec_ctx.c — the services every expression and operator of a running
** statement calls through its ExecCtx: raising a run-time error, and
** handing over heap objects to free when the statement ends.
*/
#include "eval/exec_ctx.h"

#include <stdarg.h>

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
