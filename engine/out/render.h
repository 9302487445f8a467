/*
** render.h — RENDER, Tangle's extension that draws the subgraph reachable
** from a query's values with Graphviz (cgraph builds the graph, gvc lays it
** out and writes DOT, SVG, PNG, PDF or JSON). What render.c shares with the
** planner (compile/plan_render.c) and the operator (exec/op_render.c);
** embedders see tg_render() in tangle.h.
**
** A RENDER runs in three steps:
**   1. the options (TO, AS, USING, DIRECTION, OPTIONS) are evaluated and
**      checked, so that a bad format fails before any row is read;
**   2. every value the RENDER expressions produce is walked and the nodes
**      and relationships in it are gathered into a RenderSet (duplicates
**      merged, a relationship bringing its two end nodes), stopping with a
**      ResourceLimit error as soon as the node or relationship cap is
**      passed;
**   3. render_output() builds a cgraph graph of the set, styles it, lays it
**      out with gvc when the format needs positions, and returns the bytes
**      or writes them to a file atomically. A layout (which Graphviz cannot
**      interrupt, and which dot may spend minutes on) runs in a child
**      process: the caller waits, asking xStop every few milliseconds, and
**      kills the child when told to stop (Ctrl-C, a timeout).
** The operator (op_render.c) and tg_render() (render.c) both run these
** steps, so a query and the C API draw identical pictures.
*/
#ifndef TANGLE_RENDER_H
#define TANGLE_RENDER_H

#include "eval/exec_ctx.h"
#include "syntax/ast.h"
#include "store/files.h"
#include "store/graph.h"
#include "base/strbuf.h"
#include "base/vec.h"

/* Pango takes a comma-separated family list and falls back along it per
** character; SVG writes the same list into font-family, which browsers
** read the same way. All three resolve with fonts-noto-core and
** fonts-noto-cjk installed (fc-match). */
#define RENDER_FONT "Noto Sans,Noto Naskh Arabic,Noto Sans CJK JP"

/* One bit per entity id: has it been gathered yet? */
typedef VEC(uint64_t) RenderBits;

/*
** The subgraph being gathered. Ids keep the order in which they were first
** seen, so a picture is the same every time the same query runs. The set
** owns heap memory: render_set_free() releases it.
*/
typedef struct RenderSet {
  VEC(uint32_t) nodes;     /* node ids, first-seen order */
  VEC(uint32_t) rels;      /* relationship ids, first-seen order */
  RenderBits seenNode;     /* bitmap over node ids */
  RenderBits seenRel;      /* bitmap over relationship ids */
  int64_t nMaxNodes;       /* the cap; more nodes than this is an error */
  bool bCapFromOptions;    /* the cap came from OPTIONS {maxNodes} (for the message) */
  int64_t nMaxRels;        /* the cap on relationships */
  bool bRelCapFromOptions; /* ... from OPTIONS {maxRelationships} */
} RenderSet;

/* Default caps: the settings render.max_nodes and render.max_relationships.
** sfdp lays out 500 nodes and 2,000 relationships in about 0.3 s; dot,
** on a tangle of 300 nodes and 500 relationships, takes 40 s. */
#define RENDER_DEFAULT_MAX_NODES 500
#define RENDER_DEFAULT_MAX_RELS 2000

/*
** Everything a RENDER was asked for, as strings (NULL when not given).
** Strings are borrowed from the caller for the duration of the call. The
** offsets point into zText so that errors can show where the offending
** option was written; they are -1 (and zText NULL) for the C API.
*/
typedef struct RenderOpts {
  const char *zFile;       /* TO: write here; NULL returns the bytes */
  const FilePolicy *pFiles;/* where TO may write (NULL: anywhere) */
  const char *zFormat;     /* AS: dot, svg, png, pdf, json; NULL: from zFile, else dot */
  const char *zLayout;     /* USING: a Graphviz engine; NULL: chosen by size */
  const char *zDirection;  /* DIRECTION: LR, RL, TB, BT (or spelled out); NULL: LR */
  const char *zTitle;      /* OPTIONS {title}: caption above the picture, or NULL */
  bool bNoLegend;          /* OPTIONS {legend: false} */
  bool bCluster;           /* OPTIONS {cluster: true}: a box around each label's nodes */
  const char *zText;       /* statement text for error positions, or NULL */
  int iOfstClause;         /* RENDER keyword */
  int iOfstTo, iOfstAs, iOfstUsing, iOfstDirection, iOfstOptions;
  /* Asked every few milliseconds while a layout runs: true stops it (the
  ** child is killed) and render_output() fails with the error xStop set,
  ** or "query interrupted" when it set none. NULL: never stopped. */
  bool (*xStop)(void *pArg);
  void *pStopArg;
  /* Called in the parent as soon as the child of a layout has its copy of
  ** the graph (the parent reads no more of it), or NULL. tg_render lets
  ** writers in there. */
  void (*xForked)(void *pArg);
  void *pForkedArg;
} RenderOpts;

/* What was drawn, for the result row of RENDER ... TO. */
typedef struct RenderInfo {
  const char *zFormat;     /* format written (static string) */
  const char *zLayout;     /* engine used, NULL for DOT without layout (static) */
  uint32_t nNode;          /* nodes drawn */
  uint32_t nRel;           /* relationships drawn */
} RenderInfo;

void render_set_init(RenderSet *pSet, int64_t nMaxNodes, int64_t nMaxRels);
void render_set_free(RenderSet *pSet);

/*
** Gathers the nodes and relationships in v (a node, relationship or path,
** or a list or map holding them at any depth; anything else is ignored)
** into pSet. Returns false with *pErr set when the cap is passed or an
** entity was deleted by the running statement; iOfst places that error.
*/
bool render_collect(RenderSet *pSet, const Graph *g, const Value *v, TgError *pErr,
                    const char *zText, int iOfst);

/*
** Checks the options on their own (known format, layout and direction;
** a file name whose extension gives the format), before any row is read.
** Returns false with *pErr set.
*/
bool render_check_opts(const RenderOpts *pOpts, TgError *pErr);

/*
** Draws pSet. With pOpts->zFile NULL the bytes are appended to pOut;
** otherwise they are written to a temporary file beside zFile, which is
** then renamed over it (nothing is left behind on failure). Fills *pInfo.
** SVG, PNG, PDF and JSON are laid out and drawn in a child process (see the
** file comment); DOT needs no layout and is written here. Returns false
** with *pErr set (nothing to draw, unknown format or layout, Graphviz
** failure, stopped by xStop, unwritable file).
*/
bool render_output(const Graph *g, const RenderSet *pSet, const RenderOpts *pOpts, StrBuf *pOut,
                   RenderInfo *pInfo, TgError *pErr);

/*
** render_draw.c: builds the styled Graphviz graph of pSet, meant for
** layout engine zEngine (zRankdir is dot's rankdir). agwrite() on it
** appends DOT to the StrBuf passed as its channel. The caller closes it
** with agclose().
*/
struct Agraph_s;
struct Agraph_s *render_draw(const Graph *g, const RenderSet *pSet, const RenderOpts *pOpts,
                             const char *zEngine, const char *zRankdir);

/* ---- The operator (exec/op_render.c) -------------------------------------- */

/* What plan_render() hands the operator. AST nodes live in the statement
** arena. */
typedef struct RenderSpec {
  uint32_t nExpr;          /* RENDER expressions */
  AstNode **apExpr;        /* ... checked by check_expr */
  AstNode *pTo;            /* TO, or NULL */
  AstNode *pAs;            /* AS, or NULL */
  AstNode *pUsing;         /* USING, or NULL */
  AstNode *pDirection;     /* DIRECTION, or NULL */
  AstNode *pOptions;       /* OPTIONS map, or NULL */
  int iOfst;               /* the RENDER keyword */
  uint32_t aOutSlot[4];    /* render; or file, format, nodes, relationships */
} RenderSpec;

/* Reads an OPTIONS map value into pOpts (title, legend) and pSet's caps
** (maxNodes, maxRelationships; left alone when absent). Returns false with
** *pErr set on an unknown key or a value of the wrong type. */
bool render_read_options(const Value *pMap, RenderOpts *pOpts, RenderSet *pSet, TgError *pErr);

/* RenderOpts.xStop for a running statement (or tg_render): pExecCtx is
** its ExecCtx; stops on an interrupt or past the time limit, with the
** error set (exec_must_stop). */
bool render_must_stop(void *pExecCtx);

/* Is zKey an OPTIONS key RENDER knows? (The planner checks literal maps
** with it; RENDER_OPTION_KEYS lists them for messages.) */
bool render_option_known(const char *zKey);
#define RENDER_OPTION_KEYS "maxNodes, maxRelationships, title, legend, cluster"

#endif /* TANGLE_RENDER_H */
