/*
** render_run.c — RENDER for C callers: tg_render() draws values the caller
** holds, tg_render_stmt() runs a read statement and draws every value of
** every row (the explorer's POST /render). Both run the steps of
** out/render.h, so they draw what a RENDER clause would.
**
** They live at the engine's root because they take the connection lock
** (conn.h): on a served database other sessions write while a picture is
** drawn, so the values are gathered and the graph is read under the
** shared lock. A layout reads the graph in a child process, which has its
** own copy from the moment of the fork: the lock is released there
** (RenderOpts.xForked), so that writers never wait for Graphviz.
*/
#include "tangle.h"

#include "base/mem.h"
#include "eval/exec_ctx.h"
#include "out/render.h"
#include "store/db.h"
#include "conn.h"

/* The shared lock a drawing holds until its layout has forked. */
typedef struct RenderHold {
  tg_db *pDb;
  bool bHeld;
} RenderHold;

static void renderRelease(void *pArg) {
  RenderHold *p = pArg;
  if (p->bHeld) conn_unlock_shared(p->pDb);
  p->bHeld = false;
}

/* What both API calls set up: the options, the caps and the stop test. */
typedef struct RenderCall {
  RenderOpts o;
  RenderSet set;
  ExecCtx stop;            /* tg_interrupt() and the timeout setting */
  RenderHold hold;
} RenderCall;

/*
** Fills *pCall from pOpts and checks the options (false with the
** database error set). The time limit (the timeout setting) counts from
** now.
*/
static bool renderCallInit(RenderCall *pCall, tg_db *pDb, const tg_render_opts *pOpts,
                           char **pzOut, int *pnOut) {
  memset(pCall, 0, sizeof(*pCall));
  RenderOpts *o = &pCall->o;
  o->iOfstClause = o->iOfstTo = o->iOfstAs = o->iOfstUsing = o->iOfstDirection =
      o->iOfstOptions = -1;
  if (pOpts) {
    o->zFile = pOpts->zFile;
    o->zFormat = pOpts->zFormat;
    o->zLayout = pOpts->zLayout;
    o->zDirection = pOpts->zDirection;
    o->zTitle = pOpts->zTitle;
    o->bNoLegend = pOpts->bNoLegend != 0;
    o->bCluster = pOpts->bCluster != 0;
  }
  o->pFiles = &pDb->files;
  if (pzOut) *pzOut = NULL;
  if (pnOut) *pnOut = 0;
  render_set_init(&pCall->set, pDb->nRenderMax, pDb->nRenderMaxRels);
  if (o->zFile == NULL && (pzOut == NULL || pnOut == NULL)) {
    error_at(&pDb->err, NULL, -1, ERR_ARGUMENT_VALUE,
             "tg_render needs pzOut and pnOut when no file is named");
    return false;
  }
  if (!render_check_opts(o, &pDb->err)) return false;
  if (pOpts && pOpts->nMaxNodes > 0) {
    pCall->set.nMaxNodes = pOpts->nMaxNodes;
    pCall->set.bCapFromOptions = true;
  }
  if (pOpts && pOpts->nMaxRelationships > 0) {
    pCall->set.nMaxRels = pOpts->nMaxRelationships;
    pCall->set.bRelCapFromOptions = true;
  }
  /* tg_interrupt() and the timeout setting stop a layout here as they
  ** stop a statement's: through a context holding just those. */
  ExecCtx *pStop = &pCall->stop;
  pStop->pInterrupt = &pDb->bInterrupt;
  pStop->pErr = &pDb->err;
  pStop->nTimeoutMs = pDb->nTimeoutMs;
  pStop->iDeadlineNs = pDb->nTimeoutMs ? exec_monotonic_ns() + pDb->nTimeoutMs * 1000000 : 0;
  o->xStop = render_must_stop;
  o->pStopArg = pStop;
  pCall->hold.pDb = pDb;
  o->xForked = renderRelease;
  o->pForkedArg = &pCall->hold;
  return true;
}

/* Takes the shared lock (false with the database error set). */
static bool renderCallLock(RenderCall *pCall) {
  tg_db *pDb = pCall->hold.pDb;
  if (!conn_lock_shared(pDb, &pDb->err)) return false;
  pCall->hold.bHeld = true;
  return true;
}

/* Draws what was gathered (when bOk), releases everything, and hands the
** bytes over. Returns TG_OK or TG_ERROR. */
static int renderCallFinish(RenderCall *pCall, bool bOk, char **pzOut, int *pnOut) {
  tg_db *pDb = pCall->hold.pDb;
  StrBuf out;
  strbuf_init(&out);
  if (bOk) bOk = render_output(pDb->pGraph, &pCall->set, &pCall->o, &out, NULL, &pDb->err);
  renderRelease(&pCall->hold);
  render_set_free(&pCall->set);
  if (bOk && pCall->o.zFile == NULL) {
    *pnOut = (int)out.n;
    *pzOut = strbuf_detach(&out);
  }
  strbuf_free(&out);
  return bOk ? TG_OK : TG_ERROR;
}

int tg_render(tg_db *pDb, const tg_value *const *apVal, int nVal, const tg_render_opts *pOpts,
              char **pzOut, int *pnOut) {
  error_clear(&pDb->err);
  RenderCall call;
  if (!renderCallInit(&call, pDb, pOpts, pzOut, pnOut)) {
    render_set_free(&call.set);
    return TG_ERROR;
  }
  pDb->bInterrupt = 0;
  bool bOk = renderCallLock(&call);
  for (int i = 0; bOk && i < nVal; i++) {
    if (apVal[i]) bOk = render_collect(&call.set, pDb->pGraph, apVal[i], &pDb->err, NULL, -1);
  }
  return renderCallFinish(&call, bOk, pzOut, pnOut);
}

int tg_render_stmt(tg_stmt *pStmt, const tg_render_opts *pOpts, char **pzOut, int *pnOut) {
  tg_db *pDb = tg_stmt_db(pStmt);
  error_clear(&pDb->err);
  RenderCall call;
  if (!renderCallInit(&call, pDb, pOpts, pzOut, pnOut)) {
    render_set_free(&call.set);
    return TG_ERROR;
  }
  if (!tg_stmt_readonly(pStmt) || (tg_stmt_files(pStmt) & TG_FILES_WRITE) ||
      tg_stmt_is_txn_control(pStmt)) {
    render_set_free(&call.set);
    error_at(&pDb->err, NULL, -1, ERR_ARGUMENT_VALUE,
             "tg_render_stmt draws what a statement reads; this one writes");
    return TG_ERROR;
  }
  /* Held from before the first row to the fork: the rows and the picture
  ** see one graph. */
  bool bOk = renderCallLock(&call);
  while (bOk) {
    int rc = tg_step(pStmt);
    if (rc == TG_DONE) break;
    if (rc != TG_ROW) {
      bOk = false;
      break;
    }
    for (int i = 0; bOk && i < tg_column_count(pStmt); i++) {
      const tg_value *v = tg_column_value(pStmt, i);
      if (v) bOk = render_collect(&call.set, pDb->pGraph, v, &pDb->err, NULL, -1);
    }
  }
  if (!bOk) {
    /* The statement's own error, or the cap's: keep it past the reset. */
    TgError err = pDb->err;
    tg_reset(pStmt);
    pDb->err = err;
  }
  return renderCallFinish(&call, bOk, pzOut, pnOut);
}
