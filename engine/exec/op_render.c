/*
** op_render.c — Render: the last operator of a query ending in RENDER.
**
** On its first call it evaluates the options (TO, AS, USING, DIRECTION,
** OPTIONS: constants and parameters, checked before any row is read),
** then pulls every input row and gathers the nodes and relationships its
** RENDER expressions hold (render_collect: duplicates merged, the node and
** relationship caps enforced as rows arrive), draws the set once
** (render_output, whose layout Ctrl-C and the timeout can stop) and yields
** a single row: the drawing itself in column "render", or, with TO, the
** file written, its format and the node and relationship counts. The
** second call reports the end.
**
** Row values are evaluated in an arena of their own, reset per row; the
** options and the output row live in the operator's scratch arena until
** the operator is closed.
*/
#include "eval/expr.h"
#include "exec/op.h"
#include "out/render.h"
#include "store/db.h"

typedef struct OpRender {
  Op base;
  RenderSpec spec;         /* what plan_render() decided */
  RenderSet set;           /* the subgraph gathered so far */
  Arena rowArena;          /* values of the current input row */
  StrBuf out;              /* the drawing, when it is the result */
  bool bDone;              /* the one output row has been produced */
} OpRender;

static void renderOpOpen(Op *p) {
  OpRender *r = (OpRender *)p;
  op_open(p->pChild);
  arena_init(&r->rowArena);
  strbuf_init(&r->out);
  render_set_init(&r->set, p->pCtx->nRenderMax, p->pCtx->nRenderMaxRels);
  r->bDone = false;
}

/* Evaluates option pExpr into *pz: a string, or NULL when not given. */
static bool renderOpString(Op *p, const AstNode *pExpr, const char *zWhat, const char **pz) {
  *pz = NULL;
  if (pExpr == NULL) return true;
  Value v;
  if (!expr_eval(p->pCtx, pExpr, &p->scratch, &v)) return false;
  if (v.type != VAL_STRING) {
    exec_error(p->pCtx, pExpr->iOfst, ERR_TYPE_MISMATCH, "%s must be a string, not %s", zWhat,
               value_type_name(v.type));
    return false;
  }
  *pz = v.u.z;
  return true;
}

/* Fills *pOpts from the clause's options. Returns false with the error
** set. The cap goes to the gathered set. */
static bool renderOpOptions(OpRender *r, RenderOpts *pOpts) {
  Op *p = &r->base;
  ExecCtx *pCtx = p->pCtx;
  const RenderSpec *s = &r->spec;
  memset(pOpts, 0, sizeof(*pOpts));
  pOpts->zText = pCtx->zText;
  pOpts->pFiles = &pCtx->pDb->files;
  pOpts->iOfstClause = s->iOfst;
  pOpts->iOfstTo = s->pTo ? s->pTo->iOfst : s->iOfst;
  pOpts->iOfstAs = s->pAs ? s->pAs->iOfst : s->iOfst;
  pOpts->iOfstUsing = s->pUsing ? s->pUsing->iOfst : s->iOfst;
  pOpts->iOfstDirection = s->pDirection ? s->pDirection->iOfst : s->iOfst;
  pOpts->iOfstOptions = s->pOptions ? s->pOptions->iOfst : s->iOfst;
  pOpts->xStop = render_must_stop;   /* Ctrl-C and the timeout stop a layout */
  pOpts->pStopArg = pCtx;
  if (!renderOpString(p, s->pTo, "RENDER TO", &pOpts->zFile) ||
      !renderOpString(p, s->pAs, "RENDER AS", &pOpts->zFormat) ||
      !renderOpString(p, s->pUsing, "RENDER USING", &pOpts->zLayout) ||
      !renderOpString(p, s->pDirection, "RENDER DIRECTION", &pOpts->zDirection)) {
    return false;
  }
  if (s->pOptions) {
    Value map;
    if (!expr_eval(pCtx, s->pOptions, &p->scratch, &map)) return false;
    if (!render_read_options(&map, pOpts, &r->set, pCtx->pErr)) return false;
  }
  return render_check_opts(pOpts, pCtx->pErr);
}

/* Gathers every input row's values. Returns OP_DONE when the input is
** exhausted, OP_ERROR on failure. */
static int renderOpGather(OpRender *r) {
  Op *p = &r->base;
  ExecCtx *pCtx = p->pCtx;
  int rc;
  while ((rc = op_next(p->pChild)) == OP_ROW) {
    arena_reset(&r->rowArena);
    for (uint32_t i = 0; i < r->spec.nExpr; i++) {
      const AstNode *pExpr = r->spec.apExpr[i];
      Value v;
      if (!expr_eval(pCtx, pExpr, &r->rowArena, &v)) return OP_ERROR;
      if (!render_collect(&r->set, pCtx->pGraph, &v, pCtx->pErr, pCtx->zText, pExpr->iOfst)) {
        return OP_ERROR;
      }
    }
  }
  return rc;
}

static int renderOpNext(Op *p) {
  OpRender *r = (OpRender *)p;
  ExecCtx *pCtx = p->pCtx;
  if (r->bDone) return OP_DONE;
  r->bDone = true;
  RenderOpts opts;
  RenderInfo info;
  if (!renderOpOptions(r, &opts) || renderOpGather(r) == OP_ERROR ||
      !render_output(pCtx->pGraph, &r->set, &opts, &r->out, &info, pCtx->pErr)) {
    pCtx->pErr->bRuntime = true;
    return OP_ERROR;
  }
  const uint32_t *aSlot = r->spec.aOutSlot;
  if (opts.zFile) {
    pCtx->aSlot[aSlot[0]] = value_cstr(&p->scratch, opts.zFile);
    pCtx->aSlot[aSlot[1]] = value_cstr(&p->scratch, info.zFormat);
    pCtx->aSlot[aSlot[2]] = value_int(info.nNode);
    pCtx->aSlot[aSlot[3]] = value_int(info.nRel);
  } else {
    pCtx->aSlot[aSlot[0]] = value_str_copy(&p->scratch, r->out.z, r->out.n);
    strbuf_free(&r->out);
  }
  return OP_ROW;
}

static void renderOpClose(Op *p) {
  OpRender *r = (OpRender *)p;
  op_close(p->pChild);
  render_set_free(&r->set);
  strbuf_free(&r->out);
  arena_free(&r->rowArena);
}

static void renderOpExplain(Op *p, StrBuf *pOut) {
  OpRender *r = (OpRender *)p;
  for (uint32_t i = 0; i < r->spec.nExpr; i++) {
    const AstNode *e = r->spec.apExpr[i];
    if (i) strbuf_puts(pOut, ", ");
    if (e->kind == AST_VAR && e->z) strbuf_puts(pOut, e->z);
    else strbuf_puts(pOut, "expr");
  }
  if (r->spec.pTo) strbuf_puts(pOut, " TO file");
}

static const OpVtab renderOpVtab = {"Render", renderOpOpen, renderOpNext, renderOpClose,
                                    renderOpExplain, NULL};

Op *op_render(ExecCtx *pCtx, Op *pChild, const RenderSpec *pSpec) {
  OpRender *r = (OpRender *)op_alloc(pCtx, sizeof(OpRender), &renderOpVtab, pChild);
  r->spec = *pSpec;
  return &r->base;
}
