/*
** render.c — RENDER: the subgraph reachable from a query's values, drawn
** with Graphviz (see render.h for the three steps).
**
** The clause is planned in compile/plan_render.c. This file gathers the
** subgraph from values (render_collect), checks the options, and turns the
** styled graph that render_draw.c builds into bytes: DOT straight from
** cgraph, or SVG, PNG, PDF and JSON (positions, for a page that draws)
** through a gvc layout. Files are written to a temporary file beside the
** target and renamed over it. exec/op_render.c is the
** operator; render_run.c at the engine's root the C API (tg_render).
**
** A layout runs in a child process. Graphviz's layouts cannot be
** interrupted, and dot spends minutes on a few hundred tangled
** relationships, so render_output() forks, the child builds the graph,
** lays it out and draws it, and sends the bytes back through a pipe (a
** status byte, '+' or '!', then the drawing or Graphviz's message) before
** _exit(). The parent reads the pipe, waking every few milliseconds to ask
** RenderOpts.xStop whether the statement was interrupted or timed out;
** then it kills the child. The child sees a copy of the graph as it was at
** the fork and writes nothing else anywhere; files are written by the
** parent.
**
** Graphviz keeps global state (the error handler, cgraph's own), and
** server sessions render on threads of their own: the parent's Graphviz
** work (writing DOT) and each fork (which copies that state into the
** child) happen under one mutex. The child takes no lock.
*/
#include "out/render.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* json is Graphviz's own JSON of the laid-out graph (positions, sizes,
** splines), for a page that draws the picture itself. */
static const char *const azRenderFormat[] = {"dot", "svg", "png", "pdf", "json"};
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

void render_set_init(RenderSet *pSet, int64_t nMaxNodes, int64_t nMaxRels) {
  memset(pSet, 0, sizeof(*pSet));
  pSet->nMaxNodes = nMaxNodes;
  pSet->nMaxRels = nMaxRels;
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

/* Is the set still within its node (or relationship) cap? Else the
** ResourceLimit error names the cap, where it was set and how to raise it. */
static bool renderWithinCap(const RenderSet *pSet, bool bRels, TgError *pErr, const char *zText,
                            int iOfst) {
  int64_t n = bRels ? pSet->rels.n : pSet->nodes.n;
  int64_t nMax = bRels ? pSet->nMaxRels : pSet->nMaxNodes;
  if (n <= nMax) return true;
  const char *zWhat = bRels ? "relationships" : "nodes";
  const char *zOption = bRels ? "maxRelationships" : "maxNodes";
  bool bFromOptions = bRels ? pSet->bRelCapFromOptions : pSet->bCapFromOptions;
  error_at(pErr, zText, iOfst, ERR_LIMIT,
           "RENDER would draw more than %lld %s (the limit set by %s%s); narrow the query, or "
           "raise the limit with OPTIONS {%s: N}",
           (long long)nMax, zWhat, bFromOptions ? "OPTIONS " : "",
           bFromOptions ? zOption : bRels ? "render.max_relationships" : "render.max_nodes", zOption);
  return false;
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
  return renderWithinCap(pSet, false, pErr, zText, iOfst);
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
      if (!renderWithinCap(pSet, true, pErr, zText, iOfst)) return false;
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
  const char *zFormat;     /* dot, svg, png, pdf, json */
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
               "unknown RENDER format '%s' (use 'dot', 'svg', 'png', 'pdf' or 'json')", o->zFormat);
      return false;
    }
  } else if (o->zFile) {
    const char *zExt = renderExtension(o->zFile);
    pC->zFormat = zExt[0] == 0 || strcasecmp(zExt, "gv") == 0
                      ? "dot"
                      : renderLookup(azRenderFormat, ARRAY_SIZE(azRenderFormat), zExt);
    if (pC->zFormat == NULL) {
      error_at(pErr, o->zText, o->iOfstTo, ERR_ARGUMENT_VALUE,
               "cannot tell the format of '%s' from its extension: name a .svg, .png, .pdf, "
               ".json or .dot file, or add AS 'svg', 'png', 'pdf', 'json' or 'dot'",
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

bool render_must_stop(void *pExecCtx) { return exec_must_stop((ExecCtx *)pExecCtx); }

bool render_option_known(const char *zKey) {
  static const char *const azKey[] = {"maxNodes", "maxRelationships", "title", "legend", "cluster"};
  for (int i = 0; i < ARRAY_SIZE(azKey); i++) {
    if (strcmp(azKey[i], zKey) == 0) return true;
  }
  return false;
}

bool render_read_options(const Value *pMap, RenderOpts *pOpts, RenderSet *pSet, TgError *pErr) {
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
    bool bRels = strcmp(zKey, "maxRelationships") == 0;
    if (bRels || strcmp(zKey, "maxNodes") == 0) {
      if (v->type != VAL_INT || v->u.i <= 0) {
        error_at(pErr, zText, iOfst, ERR_ARGUMENT_VALUE, "OPTIONS %s must be a positive integer", zKey);
        return false;
      }
      *(bRels ? &pSet->nMaxRels : &pSet->nMaxNodes) = v->u.i;
      *(bRels ? &pSet->bRelCapFromOptions : &pSet->bCapFromOptions) = true;
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
    } else if (strcmp(zKey, "cluster") == 0) {
      if (v->type != VAL_BOOL) {
        error_at(pErr, zText, iOfst, ERR_TYPE_MISMATCH, "OPTIONS cluster must be a boolean, not %s",
                 value_type_name(v->type));
        return false;
      }
      pOpts->bCluster = v->u.b;
    } else {
      error_at(pErr, zText, iOfst, ERR_ARGUMENT_VALUE,
               "unknown RENDER option '%s' (known: " RENDER_OPTION_KEYS ")", zKey);
      return false;
    }
  }
  return true;
}

/* ======================================================================
** Output: lay out, render, write
** ==================================================================== */

/* Held around the parent's use of Graphviz and around fork() (see the
** file comment). */
static pthread_mutex_t renderGvMutex = PTHREAD_MUTEX_INITIALIZER;

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
  char zMsg[400];
  snprintf(zMsg, sizeof(zMsg), "Graphviz could not %s%s%s", zWhat, n ? ": " : "", z);
  error_at(pErr, o->zText, o->iOfstClause, ERR_INTERNAL, zMsg);
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
**
** Layouts run in child processes (renderInChild), and each makes the
** context itself: the parent never touches pango. Pango loads fonts on
** threads of its own; a parent that had drawn anything could fork while
** one of them held a lock (of fontconfig, or of the sanitizers' allocator),
** and the child would wait for that lock for ever. Each child pays some
** 35 ms for loading the fonts instead.
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
    if (gvRenderData(pGvc, pAg, strcmp(zFormat, "json") == 0 ? "json0" : zFormat, &zData, &nData) != 0 || zData == NULL || nData == 0) {
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

/*
** Builds the styled graph of pSet for engine zEngine and passes it to
** xWrite (DOT, or a layout and a drawing), with Graphviz's errors gathered
** for renderGvFail() and its warnings kept quiet. Returns what xWrite does.
*/
static bool renderWithGraph(const Graph *g, const RenderSet *pSet, const RenderOpts *o,
                            const char *zEngine, const char *zFormat, const char *zRankdir,
                            StrBuf *pOut, TgError *pErr) {
  renderGvMsg[0] = 0;
  agusererrf xOldErr = agseterrf(renderGvError);
  agerrlevel_t eOldLevel = agseterr(AGERR);   /* warnings stay quiet */
  /* The context comes first: it installs Graphviz's defaults. */
  bool bLayout = strcmp(zFormat, "dot") != 0;
  GVC_t *pGvc = bLayout ? renderContext() : NULL;
  Agraph_t *pAg = render_draw(g, pSet, o, zEngine, zRankdir);
  bool bOk;
  if (!bLayout) {
    bOk = agwrite(pAg, pOut) == 0;
    if (!bOk) renderGvFail(o, pErr, "write DOT");
  } else {
    bOk = renderWithLayout(pGvc, pAg, zEngine, zFormat, o, pOut, pErr);
  }
  agclose(pAg);
  agseterr(eOldLevel);
  agseterrf(xOldErr);
  return bOk;
}

/* Writes all n bytes at z to fd (the child's end of the pipe); false when
** the reader has gone. */
static bool renderPipeWrite(int fd, const void *z, size_t n) {
  const char *p = z;
  while (n > 0) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= (size_t)k;
  }
  return true;
}

/* The child: lays out and draws, sends '+' and the bytes, or '!' and its
** TgError (the struct itself: the pointers in it are to static strings,
** at the same addresses in both processes), and ends without running
** exit handlers or flushing the parent's stdio buffers. */
static void renderChild(int fd, const Graph *g, const RenderSet *pSet, const RenderOpts *o,
                        const char *zEngine, const char *zFormat, const char *zRankdir) {
  signal(SIGINT, SIG_IGN);    /* Ctrl-C reaches the whole process group: the parent decides */
  signal(SIGPIPE, SIG_DFL);   /* the parent gone: nothing to draw for */
  StrBuf out;
  strbuf_init(&out);
  TgError err;
  error_clear(&err);
  bool bOk = renderWithGraph(g, pSet, o, zEngine, zFormat, zRankdir, &out, &err);
  char cStatus = bOk ? '+' : '!';
  if (renderPipeWrite(fd, &cStatus, 1)) {
    if (bOk) renderPipeWrite(fd, out.z, out.n);
    else renderPipeWrite(fd, &err, sizeof(err));
  }
  _exit(0);
}

/* Ends a child that is still running: killed, then reaped. */
static void renderKillChild(pid_t pid) {
  kill(pid, SIGKILL);
  while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
  }
}

/*
** Lays out and draws pSet in a child process (see the file comment),
** appending the bytes to pOut. Waits on the pipe in steps of 10 ms, asking
** o->xStop after each; when it says stop, the child is killed and false
** returned, with xStop's error (or "query interrupted"). Returns false with
** *pErr set also when the child fails, dies or cannot be started.
*/
static bool renderInChild(const Graph *g, const RenderSet *pSet, const RenderOpts *o,
                          const char *zEngine, const char *zFormat, const char *zRankdir,
                          StrBuf *pOut, TgError *pErr) {
  int aFd[2];
  if (pipe2(aFd, O_CLOEXEC) != 0) {
    error_at(pErr, o->zText, o->iOfstClause, ERR_LIMIT, "RENDER could not start its layout: %s",
             strerror(errno));
    return false;
  }
  pthread_mutex_lock(&renderGvMutex);
  pid_t pid = fork();
  if (pid != 0) pthread_mutex_unlock(&renderGvMutex);
  if (pid > 0 && o->xForked) o->xForked(o->pForkedArg);   /* the child has its copy */
  if (pid < 0) {
    int iErrno = errno;
    close(aFd[0]);
    close(aFd[1]);
    error_at(pErr, o->zText, o->iOfstClause, ERR_LIMIT, "RENDER could not start its layout: %s",
             strerror(iErrno));
    return false;
  }
  if (pid == 0) {
    close(aFd[0]);
    renderChild(aFd[1], g, pSet, o, zEngine, zFormat, zRankdir);
  }
  close(aFd[1]);
  StrBuf got;
  strbuf_init(&got);
  bool bStopped = false, bReadError = false;
  char aChunk[65536];
  for (;;) {
    if (o->xStop && o->xStop(o->pStopArg)) {
      bStopped = true;
      break;
    }
    struct pollfd pfd = {aFd[0], POLLIN, 0};
    int rc = poll(&pfd, 1, 10);
    if (rc == 0 || (rc < 0 && errno == EINTR)) continue;
    ssize_t n = rc > 0 ? read(aFd[0], aChunk, sizeof(aChunk)) : -1;
    if (n > 0) {
      strbuf_append(&got, aChunk, (size_t)n);
    } else if (n == 0) {
      break;   /* the child has written everything */
    } else if (errno != EINTR && errno != EAGAIN) {
      bReadError = true;
      break;
    }
  }
  close(aFd[0]);
  int status = 0;
  bool bReaped = false;
  if (bStopped || bReadError) {
    renderKillChild(pid);
  } else {
    pid_t r;
    while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
    }
    bReaped = r == pid;
  }
  bool bOk = false;
  if (bStopped) {
    if (pErr->code == 0) error_at(pErr, NULL, -1, ERR_INTERRUPTED);
  } else if (got.n > 0 && got.z[0] == '+') {
    strbuf_append(pOut, got.z + 1, got.n - 1);
    bOk = true;
  } else if (got.n == 1 + sizeof(TgError) && got.z[0] == '!') {
    if (pErr->code == 0) memcpy(pErr, got.z + 1, sizeof(TgError));
  } else {
    char zWhy[80] = "";
    if (bReaped && WIFSIGNALED(status)) snprintf(zWhy, sizeof(zWhy), " (killed by signal %d)", WTERMSIG(status));
    error_at(pErr, o->zText, o->iOfstClause, ERR_LIMIT,
             "RENDER's layout ended without a drawing%s; is the machine short of memory?", zWhy);
  }
  strbuf_free(&got);
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
  const char *zRankdir = choice.zRankdir ? choice.zRankdir : "LR";
  bool bLayout = strcmp(choice.zFormat, "dot") != 0;

  StrBuf bytes;
  strbuf_init(&bytes);
  StrBuf *pDest = o->zFile ? &bytes : pOut;
  size_t nBefore = pDest->n;
  /* DOT is written straight from the graph, in time linear in its size;
  ** a layout may take minutes, so it runs where it can be stopped. */
  bool bOk;
  if (bLayout) {
    bOk = renderInChild(g, pSet, o, zEngine, choice.zFormat, zRankdir, pDest, pErr);
  } else {
    pthread_mutex_lock(&renderGvMutex);
    bOk = renderWithGraph(g, pSet, o, zEngine, choice.zFormat, zRankdir, pDest, pErr);
    pthread_mutex_unlock(&renderGvMutex);
  }
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
