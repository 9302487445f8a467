/*
** compile.c — compile_statement(): sets up the Compiler, runs the checker
** and planner over the statement, hands the results to the run-time
** context, and frees the Compiler's insides (see compile.h).
*/
#include "compile/compile.h"

#include <string.h>

/* Copies the names in a compiler vector into an arena array (NULL-ended). */
static const char **compileNames(Arena *pA, const char *const *az, uint32_t n) {
  const char **azOut = arena_alloc(pA, sizeof(char *) * (n + 1));
  if (n) memcpy(azOut, az, sizeof(char *) * n);
  azOut[n] = NULL;
  return azOut;
}

Plan *compile_statement(ExecCtx *pCtx, AstNode *pAst, bool bReference) {
  notify_unknown_names(pCtx->pNotices, pCtx->pGraph, pAst);
  notify_find_csv_lookups(pCtx->pNotices, pAst);

  Compiler c;
  memset(&c, 0, sizeof(c));
  c.pCtx = pCtx;
  c.pArena = pCtx->pArena;
  c.pErr = pCtx->pErr;
  c.zText = pCtx->zText;
  c.pGraph = pCtx->pGraph;
  c.bReference = bReference;
  Plan *pPlan = plan_statement(&c, pAst);

  pCtx->azSlotName = compileNames(pCtx->pArena, c.slotNames.a, c.slotNames.n);
  pCtx->nParam = c.params.n;
  pCtx->azParam = compileNames(pCtx->pArena, c.params.a, c.params.n);
  pCtx->nSlot = c.nSlot;
  pCtx->aSlot = arena_zalloc(pCtx->pArena, sizeof(Value) * (c.nSlot + 1));
  check_free_scopes(&c);
  vec_free(&c.aggs);
  vec_free(&c.slotNames);
  vec_free(&c.params);

  if (pCtx->nOp > COMPILE_MAX_OPERATORS) {
    error_at(pCtx->pErr, pCtx->zText, 0, ERR_LIMIT,
             "the statement needs %u operators to run, more than the %d allowed (each runs "
             "inside the one after it); split it into several statements",
             pCtx->nOp, COMPILE_MAX_OPERATORS);
  }
  if (pPlan == NULL || pCtx->pErr->code) {
    if (pCtx->pErr->code == 0) error_raw(pCtx->pErr, TG_ERR_INTERNAL, "", "planning failed");
    return NULL;
  }
  return pPlan;
}
