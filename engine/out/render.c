/*
** render.c — RENDER: the subgraph reachable from a query's values, drawn
** with Graphviz (see render.h for the three steps).
**
** The clause is planned in compile/plan_render.c. This file gathers the subgraph from
** values (render_collect), checks the options, and turns the styled graph
** that render_draw.c builds into bytes: DOT straight from cgraph, or SVG,
** PNG and PDF through a gvc layout. Files are written to a temporary file
** beside the target and renamed over it. It also holds tg_render(), the C
** API, which runs the same steps; exec/op_render.c is the operator.
**
** Graphviz keeps global state (the error handler, one long-lived
** context): rendering is not thread-safe.
*/
#include "out/render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gvc.h>

#include "store/db.h"
#include "out/render.h"

/* ======================================================================
** Limits and names
** ==================================================================== */

/* Without USING, dot draws pictures up to this size; beyond it dot's
** crossing minimisation and coordinate solver take seconds to minutes on
** tangled graphs, so the scalable force-directed sfdp is used instead. */
#define RENDER_DOT_MAX_NODES 150
#define RENDER_DOT_MAX_RELS 200

static const char *const azRenderFormat[] = {"dot", "svg", "png", "pdf"};
static const char *const azRenderLayout[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};

/* DIRECTION spellings and dot's rankdir for each. */
static const struct {
  const char *zName;
  const char *zRankdir;
} aRenderDirection[] = {
    {"LR", "LR"}, {"RL", "RL"}, {"TB", "TB"}, {"BT", "BT"},
    {"left-to-right", "LR"}, {"right-to-left", "RL"},
    {"top-to-bottom", "TB"}, {"bottom-to-top", "BT"},
};

/* ======================================================================
** Gathering the subgraph
** ==================================================================== */

void render_set_init(RenderSet *pSet, int64_t nMaxNodes, bool bCapFromOptions) {
  memset(pSet, 0, sizeof(*pSet));
  pSet->nMaxNodes = nMaxNodes;
  pSet->bCapFromOptions = bCapFromOptions;
}

void render_set_free(RenderSet *pSet) {
  vec_free(&pSet->nodes);
  vec_free(&pSet->rels);
  vec_free(&pSet->seenNode);
  vec_free(&pSet->seenRel);
}

/* Sets bit id; true if it was clear (the entity is new to the set). */
static bool renderMark(RenderBits *p, uint32_t id) {
  uint32_t iWord = id >> 6;
  if (iWord >= p->n) {
    vec_reserve(p, iWord + 1);
    memset(p->a + p->n, 0, sizeof(uint64_t) * (iWord + 1 - p->n));
    p->n = iWord + 1;
  }
  uint64_t m = (uint64_t)1 << (id & 63);
  if (p->a[iWord] & m) return false;
  p->a[iWord] |= m;
  return true;
}

static bool renderAddNode(RenderSet *pSet, const Graph *g, NodeId n, TgError *pErr,
                          const char *zText, int iOfst) {
  if (!graph_node_exists(g, n)) {
    if (graph_node_deleted(g, n)) {
      error_at(pErr, zText, iOfst, ERR_DELETED_ENTITY_ACCESS, "node");
    } else {
      error_at(pErr, zText, iOfst, ERR_ARGUMENT_VALUE,
               "RENDER was given node %u, which is not in the graph", (unsigned)n);
    }
    return false;
  }
  if (!renderMark(&pSet->seenNode, n)) return true;
  vec_push(&pSet->nodes, n);
  if ((int64_t)pSet->nodes.n > pSet->nMaxNodes) {
    error_at(pErr, zText, iOfst, ERR_LIMIT,
             "RENDER would draw more than %lld nodes (the limit set by %s); narrow the query, "
             "or raise the limit with OPTIONS {maxNodes: N}",
             (long long)pSet->nMaxNodes,
             pSet->bCapFromOptions ? "OPTIONS maxNodes" : "render.max_nodes");
    return false;
  }
  return true;
}

bool render_collect(RenderSet *pSet, const Graph *g, const Value *v, TgError *pErr,
                    const char *zText, int iOfst) {
  switch (v->type) {
    case VAL_NODE: return renderAddNode(pSet, g, v->u.id, pErr, zText, iOfst);
    case VAL_REL: {
      RelId r = v->u.id;
      if (!graph_rel_exists(g, r)) {
        if (graph_rel_deleted(g, r)) {
          error_at(pErr, zText, iOfst, ERR_DELETED_ENTITY_ACCESS, "relationship");
        } else {
          error_at(pErr, zText, iOfst, ERR_ARGUMENT_VALUE,
                   "RENDER was given relationship %u, which is not in the graph", (unsigned)r);
        }
        return false;
      }
      if (!renderMark(&pSet->seenRel, r)) return true;
      vec_push(&pSet->rels, r);
      const RelRec *pRec = graph_rel(g, r);
      return renderAddNode(pSet, g, pRec->src, pErr, zText, iOfst) &&
             renderAddNode(pSet, g, pRec->dst, pErr, zText, iOfst);
    }
    case VAL_LIST:
    case VAL_PATH:
      for (uint32_t i = 0; i < v->n; i++) {
        if (!render_collect(pSet, g, &v->u.a[i], pErr, zText, iOfst)) return false;
      }
      return true;
    case VAL_MAP:
      for (uint32_t i = 0; i < v->n; i++) {
        if (!render_collect(pSet, g, &v->u.m[i].v, pErr, zText, iOfst)) return false;
      }
      return true;
    default:
      return true;   /* numbers, strings, nulls: nothing to draw */
  }
}

/* ======================================================================
** Options
** ==================================================================== */

/* The canonical (static) spelling of z among az[0..n), ignoring case. */
static const char *renderLookup(const char *const *az, int n, const char *z) {
  for (int i = 0; i < n; i++) {
    if (strcasecmp(az[i], z) == 0) return az[i];
  }
  return NULL;
}

/* The extension of a path's last component ("" when none). */
static const char *renderExtension(const char *zPath) {
  const char *zBase = strrchr(zPath, '/');
  zBase = zBase ? zBase + 1 : zPath;
  const char *zDot = strrchr(zBase, '.');
  return (zDot && zDot != zBase) ? zDot + 1 : "";
}

/* The resolved options: static strings. */
typedef struct RenderChoice {
  const char *zFormat;     /* dot, svg, png, pdf */
  const char *zLayout;     /* an engine, or NULL to choose by size */
  const char *zRankdir;    /* LR, RL, TB, BT, or NULL when not given */
} RenderChoice;

static bool renderChoose(const RenderOpts *o, RenderChoice *pC, TgError *pErr) {
  memset(pC, 0, sizeof(*pC));
  if (o->zFile && o->zFile[0] == 0) {
    error_at(pErr, o->zText, o->iOfstTo, ERR_ARGUMENT_VALUE, "RENDER TO needs a file name");
    return false;
  }
  if (o->zFormat) {
    pC->zFormat = renderLookup(azRenderFormat, ARRAY_SIZE(azRenderFormat), o->zFormat);
    if (pC->zFormat == NULL) {
      error_at(pErr, o->zText, o->iOfstAs, ERR_ARGUMENT_VALUE,
               "unknown RENDER format '%s' (use 'dot', 'svg', 'png' or 'pdf')", o->zFormat);
      return false;
    }
  } else if (o->zFile) {
    const char *zExt = renderExtension(o->zFile);
    pC->zFormat = zExt[0] == 0 || strcasecmp(zExt, "gv") == 0
                      ? "dot"
                      : renderLookup(azRenderFormat, ARRAY_SIZE(azRenderFormat), zExt);
    if (pC->zFormat == NULL) {
      error_at(pErr, o->zText, o->iOfstTo, ERR_ARGUMENT_VALUE,
               "cannot tell the format of '%s' from its extension: name a .svg, .png, .pdf or "
               ".dot file, or add AS 'svg', 'png', 'pdf' or 'dot'",
               o->zFile);
      return false;
    }
  } else {
    pC->zFormat = "dot";
  }
  if (o->zLayout) {
    pC->zLayout = renderLookup(azRenderLayout, ARRAY_SIZE(azRenderLayout), o->zLayout);
    if (pC->zLayout == NULL) {
      error_at(pErr, o->zText, o->iOfstUsing, ERR_ARGUMENT_VALUE,
               "unknown RENDER layout '%s' (use 'dot', 'neato', 'fdp', 'sfdp', 'circo' or "
               "'twopi')",
               o->zLayout);
      return false;
    }
  }
  if (o->zDirection) {
    for (int i = 0; i < ARRAY_SIZE(aRenderDirection) && !pC->zRankdir; i++) {
      if (strcasecmp(aRenderDirection[i].zName, o->zDirection) == 0) {
        pC->zRankdir = aRenderDirection[i].zRankdir;
      }
    }
    if (pC->zRankdir == NULL) {
      error_at(pErr, o->zText, o->iOfstDirection, ERR_ARGUMENT_VALUE,
               "unknown RENDER direction '%s' (use 'LR', 'RL', 'TB' or 'BT', or "
               "'left-to-right', 'right-to-left', 'top-to-bottom', 'bottom-to-top')",
               o->zDirection);
      return false;
    }
    if (pC->zLayout && strcmp(pC->zLayout, "dot") != 0) {
      error_at(pErr, o->zText, o->iOfstDirection, ERR_ARGUMENT_VALUE,
               "DIRECTION applies to the dot layout only, not '%s'", pC->zLayout);
      return false;
    }
  }
  return true;
}

bool render_check_opts(const RenderOpts *pOpts, TgError *pErr) {
  RenderChoice choice;
  return renderChoose(pOpts, &choice, pErr);
}

bool render_read_options(const Value *pMap, RenderOpts *pOpts, int64_t *pnMax, bool *pbMaxSet,
                         TgError *pErr) {
  const char *zText = pOpts->zText;
  int iOfst = pOpts->iOfstOptions;
  if (pMap->type == VAL_NULL) return true;
  if (pMap->type != VAL_MAP) {
    error_at(pErr, zText, iOfst, ERR_TYPE_MISMATCH, "RENDER OPTIONS must be a map, not %s",
             value_type_name(pMap->type));
    return false;
  }
  for (uint32_t i = 0; i < pMap->n; i++) {
    const char *zKey = pMap->u.m[i].zKey;
    const Value *v = &pMap->u.m[i].v;
    if (strcmp(zKey, "maxNodes") == 0) {
      if (v->type != VAL_INT || v->u.i <= 0) {
        error_at(pErr, zText, iOfst, ERR_ARGUMENT_VALUE,
                 "OPTIONS maxNodes must be a positive integer");
        return false;
      }
      *pnMax = v->u.i;
      *pbMaxSet = true;
    } else if (strcmp(zKey, "title") == 0) {
      if (v->type != VAL_STRING && v->type != VAL_NULL) {
        error_at(pErr, zText, iOfst, ERR_TYPE_MISMATCH, "OPTIONS title must be a string, not %s",
                 value_type_name(v->type));
        return false;
      }
      pOpts->zTitle = v->type == VAL_STRING ? v->u.z : NULL;
    } else if (strcmp(zKey, "legend") == 0) {
      if (v->type != VAL_BOOL) {
        error_at(pErr, zText, iOfst, ERR_TYPE_MISMATCH, "OPTIONS legend must be a boolean, not %s",
                 value_type_name(v->type));
        return false;
      }
      pOpts->bNoLegend = !v->u.b;
    } else {
      error_at(pErr, zText, iOfst, ERR_ARGUMENT_VALUE,
               "unknown RENDER option '%s' (known: maxNodes, title, legend)", zKey);
      return false;
    }
  }
  return true;
}

/* ======================================================================
** Output: lay out, render, write
** ==================================================================== */

/* Graphviz errors, gathered while one render runs (the error callback has
** no context argument, hence a static buffer). */
static char renderGvMsg[256];

static int renderGvError(char *zMsg) {
  size_t n = strlen(renderGvMsg);
  if (n + 1 < sizeof(renderGvMsg)) snprintf(renderGvMsg + n, sizeof(renderGvMsg) - n, "%s", zMsg);
  return 0;
}

/* Copies Graphviz's gathered error text into *pErr. */
static void renderGvFail(const RenderOpts *o, TgError *pErr, const char *zWhat) {
  char *z = renderGvMsg;
  if (strncmp(z, "Error: ", 7) == 0) z += 7;
  size_t n = strlen(z);
  while (n > 0 && (z[n - 1] == '\n' || z[n - 1] == ' ')) z[--n] = 0;
  error_at(pErr, o->zText, o->iOfstClause, ERR_INTERNAL, "Graphviz could not %s%s%s", zWhat,
           n ? ": " : "", z);
}

/*
** Writes z[0..n) to zPath atomically: to a new temporary file in the same
** directory (so that rename() cannot cross file systems), then renamed
** over zPath. On any failure the temporary file is removed and an IOError
** names zPath and the reason.
*/
static bool renderWriteAllowed(const RenderOpts *o, const char *zPath, const char *z, size_t n,
                               TgError *pErr);

static bool renderWriteFile(const RenderOpts *o, const char *z, size_t n, TgError *pErr) {
  char *zAllowed = NULL;
  if (o->pFiles) {
    char zWhy[400];
    if (!files_allow(o->pFiles, o->zFile, true, &zAllowed, zWhy, sizeof(zWhy))) {
      error_at(pErr, o->zText, o->iOfstTo, ERR_IO, "cannot write '%s': %s", o->zFile, zWhy);
      return false;
    }
  }
  bool bOk = renderWriteAllowed(o, zAllowed ? zAllowed : o->zFile, z, n, pErr);
  tg_free(zAllowed);
  return bOk;
}

/* Writes the drawing to zPath, which the file policy allows. */
static bool renderWriteAllowed(const RenderOpts *o, const char *zPath, const char *z, size_t n,
                               TgError *pErr) {
  static unsigned iSeq = 0;
  /* The drawing replaces a regular file only: renaming over a device, a
  ** pipe or a directory (or the file a symbolic link points to, through
  ** the link) would destroy something that is not a picture. */
  struct stat st;
  if (lstat(zPath, &st) == 0 && !S_ISREG(st.st_mode)) {
    const char *zWhat = S_ISDIR(st.st_mode) ? "a directory" : S_ISLNK(st.st_mode) ? "a symbolic link"
                                                                                : "not a regular file";
    error_at(pErr, o->zText, o->iOfstTo, ERR_IO, "cannot write '%s': it is %s, which RENDER never replaces",
             zPath, zWhat);
    return false;
  }
  const char *zSlash = strrchr(zPath, '/');
  const char *zBase = zSlash ? zSlash + 1 : zPath;
  StrBuf tmp;
  strbuf_init(&tmp);
  int fd = -1;
  int iErrno = 0;
  for (int iTry = 0; iTry < 100 && fd < 0; iTry++) {
    strbuf_truncate(&tmp, 0);
    if (zSlash) strbuf_append(&tmp, zPath, (size_t)(zSlash - zPath) + 1);
    strbuf_printf(&tmp, ".%.100s.%ld.%u.tmp", zBase, (long)getpid(), iSeq++);
    fd = open(strbuf_cstr(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    iErrno = errno;
  } else {
    size_t i = 0;
    while (i < n) {
      ssize_t k = write(fd, z + i, n - i);
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0) {
        iErrno = k < 0 ? errno : EIO;
        break;
      }
      i += (size_t)k;
    }
    if (close(fd) != 0 && iErrno == 0) iErrno = errno;
    if (iErrno == 0 && rename(strbuf_cstr(&tmp), zPath) != 0) iErrno = errno;
    if (iErrno != 0) unlink(strbuf_cstr(&tmp));
  }
  strbuf_free(&tmp);
  if (iErrno != 0) {
    error_at(pErr, o->zText, o->iOfstTo, ERR_IO, "cannot write '%s': %s", zPath, strerror(iErrno));
    return false;
  }
  return true;
}

/*
** The Graphviz context, made on first use and kept for the life of the
** process (reachable from here, so leak checkers do not count it).
**
** Not freed between renders on purpose: Graphviz 2.42's pango plugin
** caches a pointer to the last font name it measured, and that name lives
** in the context's font dictionary. A context freed after one render
** leaves the cache dangling, and the next render (with a new context)
** reads freed memory (AddressSanitizer: heap-use-after-free in strcmp
** under textspan_size). One context for all renders keeps the name alive,
** and saves reading the plugin configuration every time.
*/
static GVC_t *renderGvc;

static GVC_t *renderContext(void) {
  if (renderGvc == NULL) renderGvc = gvContext();
  return renderGvc;
}

/*
** Lays pAg out with zEngine and renders it as zFormat into pOut.
** Returns false with *pErr set.
*/
static bool renderWithLayout(GVC_t *pGvc, Agraph_t *pAg, const char *zEngine,
                             const char *zFormat, const RenderOpts *o, StrBuf *pOut,
                             TgError *pErr) {
  bool bOk = false;
  if (gvLayout(pGvc, pAg, zEngine) != 0) {
    renderGvFail(o, pErr, "lay out the picture");
  } else {
    char *zData = NULL;
    unsigned int nData = 0;
    if (gvRenderData(pGvc, pAg, zFormat, &zData, &nData) != 0 || zData == NULL || nData == 0) {
      renderGvFail(o, pErr, "draw the picture");
    } else {
      strbuf_append(pOut, zData, nData);
      bOk = true;
    }
    if (zData) gvFreeRenderData(zData);
    gvFreeLayout(pGvc, pAg);
  }
  return bOk;
}

bool render_output(const Graph *g, const RenderSet *pSet, const RenderOpts *o, StrBuf *pOut,
                   RenderInfo *pInfo, TgError *pErr) {
  RenderChoice choice;
  if (!renderChoose(o, &choice, pErr)) return false;
  if (pSet->nodes.n == 0) {
    error_at(pErr, o->zText, o->iOfstClause, ERR_ARGUMENT_VALUE,
             "RENDER found nothing to draw: its values hold no nodes, relationships or paths");
    return false;
  }
  /* DIRECTION asks for dot; otherwise dot while it stays fast. */
  const char *zEngine = choice.zLayout;
  if (zEngine == NULL) {
    bool bSmall = pSet->nodes.n <= RENDER_DOT_MAX_NODES && pSet->rels.n <= RENDER_DOT_MAX_RELS;
    zEngine = (bSmall || choice.zRankdir) ? "dot" : "sfdp";
  }

  renderGvMsg[0] = 0;
  agusererrf xOldErr = agseterrf(renderGvError);
  agerrlevel_t eOldLevel = agseterr(AGERR);   /* warnings stay quiet */

  /* The context comes first: it installs Graphviz's defaults. */
  bool bLayout = strcmp(choice.zFormat, "dot") != 0;
  GVC_t *pGvc = bLayout ? renderContext() : NULL;
  Agraph_t *pAg = render_draw(g, pSet, o, zEngine, choice.zRankdir ? choice.zRankdir : "LR");

  StrBuf bytes;
  strbuf_init(&bytes);
  StrBuf *pDest = o->zFile ? &bytes : pOut;
  size_t nBefore = pDest->n;
  bool bOk;
  if (!bLayout) {
    bOk = agwrite(pAg, pDest) == 0;
    if (!bOk) renderGvFail(o, pErr, "write DOT");
  } else {
    bOk = renderWithLayout(pGvc, pAg, zEngine, choice.zFormat, o, pDest, pErr);
  }
  agclose(pAg);
  agseterr(eOldLevel);
  agseterrf(xOldErr);
  if (bOk && o->zFile) bOk = renderWriteFile(o, bytes.z, bytes.n, pErr);
  if (!bOk && !o->zFile) strbuf_truncate(pOut, nBefore);
  strbuf_free(&bytes);
  if (bOk && pInfo) {
    pInfo->zFormat = choice.zFormat;
    pInfo->zLayout = bLayout ? zEngine : NULL;
    pInfo->nNode = pSet->nodes.n;
    pInfo->nRel = pSet->rels.n;
  }
  return bOk;
}

/* ======================================================================
** The C API
** ==================================================================== */

int tg_render(tg_db *pDb, const tg_value *const *apVal, int nVal, const tg_render_opts *pOpts,
              char **pzOut, int *pnOut) {
  error_clear(&pDb->err);
  RenderOpts o;
  memset(&o, 0, sizeof(o));
  o.iOfstClause = o.iOfstTo = o.iOfstAs = o.iOfstUsing = o.iOfstDirection = o.iOfstOptions = -1;
  if (pOpts) {
    o.zFile = pOpts->zFile;
    o.zFormat = pOpts->zFormat;
    o.zLayout = pOpts->zLayout;
    o.zDirection = pOpts->zDirection;
  }
  o.pFiles = &pDb->files;
  if (pzOut) *pzOut = NULL;
  if (pnOut) *pnOut = 0;
  if (o.zFile == NULL && (pzOut == NULL || pnOut == NULL)) {
    error_at(&pDb->err, NULL, -1, ERR_ARGUMENT_VALUE,
             "tg_render needs pzOut and pnOut when no file is named");
    return TG_ERROR;
  }
  if (!render_check_opts(&o, &pDb->err)) return TG_ERROR;
  RenderSet set;
  render_set_init(&set, pDb->nRenderMax, false);
  bool bOk = true;
  for (int i = 0; bOk && i < nVal; i++) {
    if (apVal[i]) bOk = render_collect(&set, pDb->pGraph, apVal[i], &pDb->err, NULL, -1);
  }
  StrBuf out;
  strbuf_init(&out);
  if (bOk) bOk = render_output(pDb->pGraph, &set, &o, &out, NULL, &pDb->err);
  render_set_free(&set);
  if (!bOk) {
    strbuf_free(&out);
    return TG_ERROR;
  }
  if (o.zFile == NULL) {
    *pnOut = (int)out.n;
    *pzOut = strbuf_detach(&out);
  }
  strbuf_free(&out);
  return TG_OK;
}
