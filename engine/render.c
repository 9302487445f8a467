/*
** render.c — RENDER with Graphviz (see render.h). Being written: until it
** lands, RENDER reports that it is not available yet.
*/
#include "render.h"

#include "tangle.h"

Op *render_plan(Compiler *c, Op *pInput, AstNode *pClause, Plan *pPlan) {
  (void)pInput;
  (void)pPlan;
  check_error(c, pClause, ERR_UNSUPPORTED, "RENDER (not built yet)");
  return NULL;
}

int tg_render(tg_db *pDb, const tg_value *const *apVal, int nVal, const tg_render_opts *pOpts,
              char **pzOut, int *pnOut) {
  (void)apVal;
  (void)nVal;
  (void)pOpts;
  (void)pzOut;
  (void)pnOut;
  (void)pDb;
  return TG_ERROR;
}
