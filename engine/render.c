/*
** render.c — RENDER: the subgraph reachable from a query's values, drawn
** with Graphviz (see render.h, and render_int.h for the three steps).
**
** This file owns the drawing conventions, so that a picture reads without
** a key: one shape and colour per label (a table for the knowledge
** graph's labels, a fixed palette by name hash for any other), captions
** from the name-like property wrapped and shortened with "…", tooltips
** with every property (SVG), edges labelled with their type and their key
** property written for people ($44B, 25%, 12,000, 28 Apr 2024),
** contradicted claims and CONTRADICTS edges in bold red, and a legend of
** the labels and types present. Fonts are Noto families that fontconfig
** resolves, listed so that Arabic and Japanese text has glyphs.
**
** It also holds render_plan() (the clause, compiled) and tg_render() (the
** C API); exec/op_render.c is the operator between them. Graphviz is used
** through the wrappers in one section below, the only place that casts
** away const for cgraph 2.42's char * parameters. Graphviz keeps global
** state (error handler, plugin registry): rendering is not thread-safe.
*/
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

#include <gvc.h>

#include "db.h"
#include "expr.h"
#include "mem.h"
#include "render_int.h"
#include "temporal.h"
#include "utf8.h"
#include "valfmt.h"

/* ======================================================================
** Conventions: fonts, sizes, styles
** ==================================================================== */

/* Pango takes a comma-separated family list and falls back along it per
** character; SVG writes the same list into font-family, which browsers
** read the same way. All three resolve with fonts-noto-core and
** fonts-noto-cjk installed (fc-match). */
#define RENDER_FONT "Noto Sans,Noto Naskh Arabic,Noto Sans CJK JP"

#define RENDER_CAPTION_COLS 24   /* caption line width, in terminal columns */
#define RENDER_CAPTION_LINES 3   /* caption lines before "…" */
#define RENDER_DETAIL_COLS 28    /* an edge's text property, shortened */
#define RENDER_TIP_COLS 160      /* one tooltip value, shortened */
#define RENDER_LEGEND_PER_ROW 4  /* legend entries side by side */

/* Without USING, dot draws pictures up to this size; beyond it dot's
** crossing minimisation and coordinate solver take seconds to minutes on
** tangled graphs, so the scalable force-directed sfdp is used instead. */
#define RENDER_DOT_MAX_NODES 150
#define RENDER_DOT_MAX_RELS 200

/* How one label is drawn. zLine also colours the label in the legend. */
typedef struct RenderNodeStyle {
  const char *zLabel;      /* label the style is for; NULL in the palette */
  const char *zShape;      /* Graphviz shape */
  const char *zStyle;      /* Graphviz style */
  const char *zFill;       /* fill colour */
  const char *zLine;       /* outline colour */
} RenderNodeStyle;

/* The knowledge graph's labels (datasets/SCHEMA.md). */
static const RenderNodeStyle aRenderLabelStyle[] = {
    {"Person", "ellipse", "filled", "#dbeafe", "#1d4ed8"},
    {"Firm", "box", "rounded,filled", "#dcfce7", "#15803d"},
    {"Chip", "octagon", "filled", "#fef3c7", "#b45309"},
    {"System", "box3d", "filled", "#ede9fe", "#6d28d9"},
    {"Place", "house", "filled", "#ccfbf1", "#0f766e"},
    {"Document", "note", "filled", "#f3f4f6", "#4b5563"},
    {"Claim", "box", "filled,dashed", "#fce7f3", "#be185d"},
    {"Event", "cds", "filled", "#ffedd5", "#c2410c"},
    {"Metric", "parallelogram", "filled", "#e0f2fe", "#0369a1"},
    {"Product", "component", "filled", "#fae8ff", "#a21caf"},
};

/* Any other label takes one of these, chosen by a hash of its name, so
** its colour is the same in every picture. */
static const RenderNodeStyle aRenderPalette[] = {
    {NULL, "box", "rounded,filled", "#f1f5f9", "#475569"},
    {NULL, "box", "rounded,filled", "#fef9c3", "#a16207"},
    {NULL, "box", "rounded,filled", "#e0e7ff", "#4338ca"},
    {NULL, "box", "rounded,filled", "#ecfccb", "#4d7c0f"},
    {NULL, "box", "rounded,filled", "#ffe4e6", "#be123c"},
    {NULL, "box", "rounded,filled", "#cffafe", "#0e7490"},
    {NULL, "box", "rounded,filled", "#f5f5f4", "#57534e"},
    {NULL, "box", "rounded,filled", "#fdf4ff", "#86198f"},
};

static const RenderNodeStyle renderNoLabelStyle = {NULL, "box", "rounded,filled", "#ffffff",
                                                   "#9ca3af"};

/* A Claim some document contradicts (an incoming CONTRADICTS anywhere in
** the graph, drawn or not). */
static const RenderNodeStyle renderContradictedStyle = {"Claim", "box", "filled", "#fee2e2",
                                                        "#dc2626"};
#define RENDER_CONTRADICTED_TEXT "#7f1d1d"

/* How relationship types that carry an argument are drawn. */
typedef struct RenderRelStyle {
  const char *zType;       /* type name */
  const char *zColor;      /* line and label colour */
  const char *zStyle;      /* Graphviz style, or NULL */
  const char *zPenwidth;   /* line width, or NULL */
} RenderRelStyle;

static const RenderRelStyle aRenderRelStyle[] = {
    {"CONTRADICTS", "#dc2626", "bold", "2.5"},
    {"SUPPORTS", "#16a34a", NULL, "1.8"},
    {"DISAGREES_WITH", "#ea580c", "dashed", "1.5"},
};
static const RenderRelStyle renderDefaultRelStyle = {"", "#6b7280", NULL, NULL};

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
      error_at(pErr, zText, iOfst, ERR_ARGUMENT_VALUE, "RENDER was given node %u, which is not in the graph",
               (unsigned)n);
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
** Text for people: escapes, captions, numbers, dates
** ==================================================================== */

/*
** Appends z[0..n) for a Graphviz escString attribute. Control characters
** become spaces. Graphviz reads backslash escapes (\N, \G, \n...) in such
** attributes, so each backslash of the data is written nSlash times: a
** label unescapes once (2), a tooltip twice (4), which keeps a name like
** "a\N" from turning into the node's id.
*/
static void renderEscape(StrBuf *pOut, const char *z, size_t n, int nSlash) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c == '\\') strbuf_repeat(pOut, "\\", nSlash);
    else if (c < 0x20 || c == 0x7f) strbuf_putc(pOut, ' ');
    else strbuf_putc(pOut, (char)c);
  }
}

/* Appends z[0..n) with &, <, > and " escaped, for HTML-like labels. */
static void renderHtml(StrBuf *pOut, const char *z, size_t n) {
  for (size_t i = 0; i < n; i++) {
    switch (z[i]) {
      case '&': strbuf_puts(pOut, "&amp;"); break;
      case '<': strbuf_puts(pOut, "&lt;"); break;
      case '>': strbuf_puts(pOut, "&gt;"); break;
      case '"': strbuf_puts(pOut, "&quot;"); break;
      default:
        if ((unsigned char)z[i] < 0x20) strbuf_putc(pOut, ' ');
        else strbuf_putc(pOut, z[i]);
    }
  }
}

/* Appends z[0..n) escaped (nSlash as renderEscape), cut to nMaxCol
** columns with a trailing "…" when it is longer. */
static void renderShort(StrBuf *pOut, const char *z, size_t n, size_t nMaxCol, int nSlash) {
  if (utf8_width(z, n) <= nMaxCol) {
    renderEscape(pOut, z, n, nSlash);
    return;
  }
  size_t nKeep = utf8_prefix_width(z, n, nMaxCol - 1, NULL);
  while (nKeep > 0 && z[nKeep - 1] == ' ') nKeep--;
  renderEscape(pOut, z, nKeep, nSlash);
  strbuf_puts(pOut, "…");
}

static bool renderIsBreak(uint32_t c) { return c < 0x20 || utf8_is_space(c); }

/*
** Appends a caption: z[0..n) wrapped at spaces into lines of at most
** RENDER_CAPTION_COLS columns (a word longer than a line is split), at
** most RENDER_CAPTION_LINES of them; text that does not fit ends the last
** line with "…". Lines are joined with the label escape "\n".
**
** Each line is a byte range of z (wrapping only drops spaces), so the
** words keep their order and Arabic runs stay whole for the bidi layout.
*/
static void renderCaption(StrBuf *pOut, const char *z, size_t n) {
  size_t aStart[RENDER_CAPTION_LINES + 1], aEnd[RENDER_CAPTION_LINES + 1];
  int nLine = 0;
  size_t i = 0;
  bool bMore = false;
  for (;;) {
    while (i < n) {               /* spaces between lines are dropped */
      size_t j = i;
      if (!renderIsBreak(utf8_next(z, n, &j))) break;
      i = j;
    }
    if (i >= n) break;
    if (nLine == RENDER_CAPTION_LINES) {
      bMore = true;
      break;
    }
    size_t iStart = i, iEnd = n, iNext = n;
    size_t nCol = 0;
    size_t iLastSpace = 0, iAfterSpace = 0;   /* last break opportunity, 0 = none */
    size_t j = i;
    while (j < n) {
      size_t k = j;
      uint32_t c = utf8_next(z, n, &k);
      bool bBreak = renderIsBreak(c);
      size_t w = bBreak ? 1 : (size_t)utf8_char_width(c);
      if (nCol + w > RENDER_CAPTION_COLS && j > iStart) {
        if (bBreak) {
          iEnd = j;
          iNext = k;
        } else if (iLastSpace > iStart) {
          iEnd = iLastSpace;
          iNext = iAfterSpace;
        } else {
          iEnd = j;             /* one long word: split it */
          iNext = j;
        }
        break;
      }
      if (bBreak) {
        iLastSpace = j;
        iAfterSpace = k;
      }
      nCol += w;
      j = k;
    }
    while (iEnd > iStart && (z[iEnd - 1] == ' ' || z[iEnd - 1] == '\t')) iEnd--;
    aStart[nLine] = iStart;
    aEnd[nLine] = iEnd;
    nLine++;
    i = iNext;
  }
  for (int k = 0; k < nLine; k++) {
    if (k) strbuf_puts(pOut, "\\n");
    size_t nByte = aEnd[k] - aStart[k];
    if (bMore && k == nLine - 1) {
      /* Room for the ellipsis; do not end on a space or a comma. */
      const char *zLine = z + aStart[k];
      size_t nFull = nByte;
      nByte = utf8_prefix_width(zLine, nFull, RENDER_CAPTION_COLS - 1, NULL);
      if (nByte < nFull && zLine[nByte] != ' ') {
        /* Mid-word: end at the last space instead, unless that loses
        ** more than half the line. */
        size_t iSpace = nByte;
        while (iSpace > 0 && zLine[iSpace - 1] != ' ') iSpace--;
        if (iSpace > nByte / 2) nByte = iSpace;
      }
      while (nByte > 0 && zLine[nByte - 1] != 0 && strchr(" ,;:-", zLine[nByte - 1])) nByte--;
      renderEscape(pOut, z + aStart[k], nByte, 2);
      strbuf_puts(pOut, "…");
    } else {
      renderEscape(pOut, z + aStart[k], nByte, 2);
    }
  }
}

/* Appends the integer with thousands separators: 12,000. */
static void renderThousands(StrBuf *pOut, int64_t v) {
  char z[32];
  snprintf(z, sizeof(z), "%llu", v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
  if (v < 0) strbuf_putc(pOut, '-');
  size_t n = strlen(z);
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) strbuf_putc(pOut, ',');
    strbuf_putc(pOut, z[i]);
  }
}

/* Appends f with at most nDec decimals, dropping trailing zeros. */
static void renderDecimal(StrBuf *pOut, double f, int nDec) {
  char z[64];
  snprintf(z, sizeof(z), "%.*f", nDec, f);
  size_t n = strlen(z);
  if (strchr(z, '.')) {
    while (n > 0 && z[n - 1] == '0') n--;
    if (n > 0 && z[n - 1] == '.') n--;
  }
  if (n == 2 && z[0] == '-' && z[1] == '0') {   /* "-0" */
    z[0] = '0';
    n = 1;
  }
  strbuf_append(pOut, z, n);
}

/* Appends a dollar amount: $44B, $2.8T, $500M, $12,000. */
static void renderUsd(StrBuf *pOut, double f) {
  static const struct { double fScale; const char *zSuffix; } aUnit[] = {
      {1e12, "T"}, {1e9, "B"}, {1e6, "M"}};
  if (f < 0) {
    strbuf_putc(pOut, '-');
    f = -f;
  }
  strbuf_putc(pOut, '$');
  for (int i = 0; i < ARRAY_SIZE(aUnit); i++) {
    if (f >= aUnit[i].fScale) {
      double x = f / aUnit[i].fScale;
      renderDecimal(pOut, x, x < 10 ? 2 : x < 100 ? 1 : 0);
      strbuf_puts(pOut, aUnit[i].zSuffix);
      return;
    }
  }
  if (f == (double)(int64_t)f) renderThousands(pOut, (int64_t)f);
  else renderDecimal(pOut, f, 2);
}

/* Appends a share as a percentage: 0.25 -> 25%, 0.205 -> 20.5%. */
static void renderPercent(StrBuf *pOut, double f) {
  double x = f * 100.0;
  renderDecimal(pOut, x, (x > -1 && x < 1) ? 2 : 1);
  strbuf_putc(pOut, '%');
}

/* Appends a temporal value; a date as "28 Apr 2024". */
static void renderDate(StrBuf *pOut, const Value *v) {
  static const char *const azMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  StrBuf iso;
  strbuf_init(&iso);
  temporal_format(&iso, v);
  const char *z = strbuf_cstr(&iso);
  int y, m, d;
  char cEnd;
  if (v->type == VAL_DATE && iso.n == 10 && sscanf(z, "%4d-%2d-%2d%c", &y, &m, &d, &cEnd) == 3 &&
      m >= 1 && m <= 12) {
    strbuf_printf(pOut, "%d %s %d", d, azMonth[m - 1], y);
  } else {
    strbuf_append(pOut, z, iso.n);
  }
  strbuf_free(&iso);
}

/* Appends a number in the plain way (ints as written, floats shortest). */
static void renderNumber(StrBuf *pOut, const Value *v) {
  char z[64];
  if (v->type == VAL_INT) snprintf(z, sizeof(z), "%lld", (long long)v->u.i);
  else value_format_double(z, sizeof(z), v->u.f);
  strbuf_puts(pOut, z);
}

/* ======================================================================
** Graphviz wrappers: the only casts from const char * to char *
** ==================================================================== */

/* Graphviz errors, gathered while one render runs (the error callback has
** no context argument, hence a static buffer). */
static char renderGvMsg[256];

static int renderGvError(char *zMsg) {
  size_t n = strlen(renderGvMsg);
  if (n + 1 < sizeof(renderGvMsg)) snprintf(renderGvMsg + n, sizeof(renderGvMsg) - n, "%s", zMsg);
  return 0;
}

/* agwrite() writes through the graph's I/O discipline: ours appends to the
** StrBuf passed as the channel. */
static int renderIoPut(void *pChan, const char *z) {
  strbuf_puts((StrBuf *)pChan, z);
  return 0;
}
static int renderIoFlush(void *pChan) {
  (void)pChan;
  return 0;
}

static Agraph_t *renderAgOpen(Agdisc_t *pDisc, Agiodisc_t *pIo) {
  *pIo = AgIoDisc;
  pIo->putstr = renderIoPut;
  pIo->flush = renderIoFlush;
  pDisc->mem = &AgMemDisc;
  pDisc->id = &AgIdDisc;
  pDisc->io = pIo;
  return agopen((char *)"tangle", Agdirected, pDisc);
}

static Agnode_t *renderAgNode(Agraph_t *pAg, const char *zName) {
  return agnode(pAg, (char *)zName, 1);
}

static Agedge_t *renderAgEdge(Agraph_t *pAg, Agnode_t *pTail, Agnode_t *pHead, const char *zKey) {
  return agedge(pAg, pTail, pHead, (char *)zKey, 1);
}

/* Sets an attribute of one object (declared with an empty default). */
static void renderAgSet(void *pObj, const char *zName, const char *zValue) {
  agsafeset(pObj, (char *)zName, (char *)zValue, (char *)"");
}

/* Sets an attribute of the root graph, or the default for every node or
** edge (kind AGRAPH, AGNODE, AGEDGE). */
static void renderAgDefault(Agraph_t *pAg, int kind, const char *zName, const char *zValue) {
  agattr(pAg, kind, (char *)zName, (char *)zValue);
}

/* Sets an HTML-like label (<TABLE>...) on an object. */
static void renderAgSetHtml(Agraph_t *pAg, void *pObj, const char *zName, const char *zHtml) {
  char *z = agstrdup_html(pAg, (char *)zHtml);
  agsafeset(pObj, (char *)zName, z, (char *)"");
  agstrfree(pAg, z);
}

/* ======================================================================
** Building the styled graph
** ==================================================================== */

/* One legend line: a node label (with its style) or a relationship type. */
typedef struct RenderLegendItem {
  const char *zName;                  /* label or type name (graph-owned) */
  const RenderNodeStyle *pNodeStyle;  /* for labels */
  const RenderRelStyle *pRelStyle;    /* for types */
  uint32_t n;                         /* how many in the picture */
} RenderLegendItem;

typedef VEC(RenderLegendItem) RenderLegend;

/* State while one picture is built. */
typedef struct RenderDraw {
  const Graph *g;
  const RenderSet *pSet;
  const RenderOpts *pOpts;
  Agraph_t *pAg;
  int64_t iContradicts;    /* type id of CONTRADICTS, or -1 */
  RenderLegend labels;     /* labels present */
  RenderLegend types;      /* types present */
  uint32_t nContradicted;  /* contradicted claims drawn */
  StrBuf buf;              /* scratch text */
  StrBuf buf2;             /* more scratch text */
} RenderDraw;

static uint32_t renderHashName(const char *z) {
  uint32_t h = 2166136261u;   /* FNV-1a */
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 16777619u;
  return h;
}

/* The style of a node: its first label with a table entry, else its first
** label's palette colour. *pzLabel receives the label shown in the legend. */
static const RenderNodeStyle *renderNodeStyle(const Graph *g, NodeId n, const char **pzLabel) {
  uint32_t nLabel;
  const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
  for (uint32_t i = 0; i < nLabel; i++) {
    const char *zName = intern_name(&g->labels, aLabel[i]);
    for (int k = 0; k < ARRAY_SIZE(aRenderLabelStyle); k++) {
      if (strcmp(zName, aRenderLabelStyle[k].zLabel) == 0) {
        *pzLabel = zName;
        return &aRenderLabelStyle[k];
      }
    }
  }
  if (nLabel == 0) {
    *pzLabel = NULL;
    return &renderNoLabelStyle;
  }
  *pzLabel = intern_name(&g->labels, aLabel[0]);
  return &aRenderPalette[renderHashName(*pzLabel) % ARRAY_SIZE(aRenderPalette)];
}

static const RenderRelStyle *renderRelStyle(const char *zType) {
  for (int k = 0; k < ARRAY_SIZE(aRenderRelStyle); k++) {
    if (strcmp(zType, aRenderRelStyle[k].zType) == 0) return &aRenderRelStyle[k];
  }
  return &renderDefaultRelStyle;
}

static void renderCount(RenderLegend *pL, const char *zName, const RenderNodeStyle *pNode,
                        const RenderRelStyle *pRel) {
  for (uint32_t i = 0; i < pL->n; i++) {
    if (strcmp(pL->a[i].zName, zName) == 0) {
      pL->a[i].n++;
      return;
    }
  }
  RenderLegendItem it = {zName, pNode, pRel, 1};
  vec_push(pL, it);
}

/* A string property by name, or NULL. */
static const Value *renderProp(const Graph *g, int ent, uint32_t id, const char *zKey) {
  int32_t key = intern_find(&g->keys, zKey, (uint32_t)strlen(zKey));
  return key < 0 ? NULL : graph_prop(g, ent, id, (uint32_t)key);
}

/*
** Appends the tooltip of an entity: a heading line, then one line per
** property "key: value" (strings bare, other values as Cypher literals),
** each shortened to RENDER_TIP_COLS columns. Lines are joined with the
** tooltip escape "\n"; data backslashes are quadrupled (renderEscape).
*/
static void renderTooltip(RenderDraw *d, StrBuf *pOut, int ent, uint32_t id, const char *zHead) {
  renderEscape(pOut, zHead, strlen(zHead), 4);
  const PropList *pl = graph_props(d->g, ent, id);
  for (uint32_t i = 0; pl && i < pl->n; i++) {
    const char *zKey = intern_name(&d->g->keys, pl->a[i].key);
    strbuf_puts(pOut, "\\n");
    renderEscape(pOut, zKey, strlen(zKey), 4);
    strbuf_puts(pOut, ": ");
    strbuf_truncate(&d->buf2, 0);
    valfmt_append(&d->buf2, &pl->a[i].v, d->g, 0);
    renderShort(pOut, d->buf2.z, d->buf2.n, RENDER_TIP_COLS, 4);
  }
}

/* Appends the caption of a node: its name, title, text or id (the first
** that is present), else "Label #id". */
static void renderNodeCaption(RenderDraw *d, StrBuf *pOut, NodeId n, const char *zLabel) {
  static const char *const azCaptionKey[] = {"name", "title", "text", "id"};
  for (int k = 0; k < ARRAY_SIZE(azCaptionKey); k++) {
    const Value *v = renderProp(d->g, ENT_NODE, n, azCaptionKey[k]);
    if (v == NULL) continue;
    if (v->type == VAL_STRING) {
      renderCaption(pOut, v->u.z, v->n);
    } else {
      strbuf_truncate(&d->buf2, 0);
      valfmt_append(&d->buf2, v, d->g, 0);
      renderCaption(pOut, d->buf2.z, d->buf2.n);
    }
    return;
  }
  strbuf_truncate(&d->buf2, 0);
  strbuf_printf(&d->buf2, "%s #%u", zLabel ? zLabel : "node", (unsigned)n);
  renderEscape(pOut, d->buf2.z, d->buf2.n, 2);
}

static bool renderEndsWith(const char *z, const char *zSuffix) {
  size_t n = strlen(z), m = strlen(zSuffix);
  return n >= m && strcmp(z + n - m, zSuffix) == 0;
}

/* Ranks of a relationship's properties as the key of its edge label:
** the amount (smaller is preferred), the date, and words for edges with
** no amount. -1: not that kind. */
static int renderAmountRank(const char *zKey) {
  static const char *const az[] = {"stake", "units", "price_usd", "amount_usd", "value_usd"};
  for (int k = 0; k < ARRAY_SIZE(az); k++) {
    if (strcmp(zKey, az[k]) == 0) return k;
  }
  return renderEndsWith(zKey, "_usd") ? ARRAY_SIZE(az) : -1;
}
static int renderWhenRank(const char *zKey) {
  return strcmp(zKey, "date") == 0 ? 0 : strcmp(zKey, "year") == 0 ? 1 : -1;
}
static int renderWordsRank(const char *zKey) {
  static const char *const az[] = {"role", "extent", "mode", "kind"};
  for (int k = 0; k < ARRAY_SIZE(az); k++) {
    if (strcmp(zKey, az[k]) == 0) return k;
  }
  return -1;
}

/* Appends the amount property v (named zKey) written for people. */
static void renderAmount(StrBuf *pOut, const char *zKey, const Value *v) {
  if (!value_is_number(v)) {
    if (v->type == VAL_STRING) renderShort(pOut, v->u.z, v->n, RENDER_DETAIL_COLS, 2);
    return;
  }
  double f = value_as_double(v);
  if (strcmp(zKey, "stake") == 0) renderPercent(pOut, f);
  else if (renderEndsWith(zKey, "_usd")) renderUsd(pOut, f);
  else if (v->type == VAL_INT) renderThousands(pOut, v->u.i);
  else renderNumber(pOut, v);
}

/*
** Appends an edge's label: its type, then on a second line its key
** property: "[qualifier] amount [(status)] [· date]" when it has an amount
** (stake, units, a *_usd figure), else "words [· date]" (role, extent,
** mode, kind), else just the date or year.
*/
static void renderEdgeLabel(RenderDraw *d, StrBuf *pOut, RelId r, const char *zType) {
  renderEscape(pOut, zType, strlen(zType), 2);
  const PropList *pl = graph_props(d->g, ENT_REL, r);
  if (pl == NULL) return;
  int iAmount = -1, iWhen = -1, iWords = -1, iQual = -1, iStatus = -1;
  int rAmount = 99, rWhen = 99, rWords = 99;
  for (uint32_t i = 0; i < pl->n; i++) {
    const char *zKey = intern_name(&d->g->keys, pl->a[i].key);
    const Value *v = &pl->a[i].v;
    int k;
    if ((k = renderAmountRank(zKey)) >= 0 && k < rAmount && (value_is_number(v))) {
      iAmount = (int)i;
      rAmount = k;
    } else if ((k = renderWhenRank(zKey)) >= 0 && k < rWhen) {
      iWhen = (int)i;
      rWhen = k;
    } else if ((k = renderWordsRank(zKey)) >= 0 && k < rWords && v->type == VAL_STRING) {
      iWords = (int)i;
      rWords = k;
    } else if (strcmp(zKey, "qualifier") == 0 && v->type == VAL_STRING) {
      iQual = (int)i;
    } else if (strcmp(zKey, "status") == 0 && v->type == VAL_STRING) {
      iStatus = (int)i;
    }
  }
  StrBuf *b = &d->buf2;
  strbuf_truncate(b, 0);
  if (iAmount >= 0) {
    if (iQual >= 0) {
      renderShort(b, pl->a[iQual].v.u.z, pl->a[iQual].v.n, RENDER_DETAIL_COLS, 2);
      strbuf_putc(b, ' ');
    }
    renderAmount(b, intern_name(&d->g->keys, pl->a[iAmount].key), &pl->a[iAmount].v);
    if (iStatus >= 0) {
      strbuf_puts(b, " (");
      renderShort(b, pl->a[iStatus].v.u.z, pl->a[iStatus].v.n, RENDER_DETAIL_COLS, 2);
      strbuf_putc(b, ')');
    }
  } else if (iWords >= 0) {
    renderShort(b, pl->a[iWords].v.u.z, pl->a[iWords].v.n, RENDER_DETAIL_COLS, 2);
  }
  if (iWhen >= 0) {
    const Value *v = &pl->a[iWhen].v;
    if (b->n) strbuf_puts(b, " · ");
    if (value_is_temporal(v)) renderDate(b, v);
    else if (v->type == VAL_STRING) renderShort(b, v->u.z, v->n, RENDER_DETAIL_COLS, 2);
    else if (value_is_number(v)) renderNumber(b, v);
  }
  if (b->n) {
    strbuf_puts(pOut, "\\n");
    strbuf_append(pOut, b->z, b->n);
  }
}

/* Does some document contradict this claim? */
static bool renderIsContradicted(RenderDraw *d, NodeId n, const char *zLabel) {
  if (d->iContradicts < 0 || zLabel == NULL || strcmp(zLabel, "Claim") != 0) return false;
  return graph_degree(d->g, n, DIR_IN, d->iContradicts) > 0;
}

static void renderAddNodes(RenderDraw *d) {
  char zName[24];
  for (uint32_t i = 0; i < d->pSet->nodes.n; i++) {
    NodeId n = d->pSet->nodes.a[i];
    const char *zLabel;
    const RenderNodeStyle *pStyle = renderNodeStyle(d->g, n, &zLabel);
    bool bContra = renderIsContradicted(d, n, zLabel);
    if (bContra) d->nContradicted++;
    renderCount(&d->labels, zLabel ? zLabel : "(no label)", pStyle, NULL);

    snprintf(zName, sizeof(zName), "n%u", (unsigned)n);
    Agnode_t *pNode = renderAgNode(d->pAg, zName);
    const RenderNodeStyle *pDraw = bContra ? &renderContradictedStyle : pStyle;
    renderAgSet(pNode, "shape", pDraw->zShape);
    renderAgSet(pNode, "style", pDraw->zStyle);
    renderAgSet(pNode, "fillcolor", pDraw->zFill);
    renderAgSet(pNode, "color", pDraw->zLine);
    if (bContra) {
      renderAgSet(pNode, "penwidth", "3");
      renderAgSet(pNode, "fontcolor", RENDER_CONTRADICTED_TEXT);
    }
    strbuf_truncate(&d->buf, 0);
    renderNodeCaption(d, &d->buf, n, zLabel);
    renderAgSet(pNode, "label", strbuf_cstr(&d->buf));

    /* Heading: all labels, the node id, and "contradicted" if it is. */
    strbuf_truncate(&d->buf2, 0);
    uint32_t nLabel;
    const uint32_t *aLabel = graph_node_labels(d->g, n, &nLabel);
    for (uint32_t k = 0; k < nLabel; k++) {
      strbuf_printf(&d->buf2, ":%s", intern_name(&d->g->labels, aLabel[k]));
    }
    strbuf_printf(&d->buf2, "%snode %u%s", nLabel ? " · " : "", (unsigned)n,
                  bContra ? " · contradicted" : "");
    char *zHead = tg_strndup(d->buf2.z, d->buf2.n);
    strbuf_truncate(&d->buf, 0);
    renderTooltip(d, &d->buf, ENT_NODE, n, zHead);
    tg_free(zHead);
    renderAgSet(pNode, "tooltip", strbuf_cstr(&d->buf));
  }
}

static void renderAddEdges(RenderDraw *d) {
  char zName[24];
  for (uint32_t i = 0; i < d->pSet->rels.n; i++) {
    RelId r = d->pSet->rels.a[i];
    const RelRec *pRec = graph_rel(d->g, r);
    const char *zType = intern_name(&d->g->types, pRec->type);
    const RenderRelStyle *pStyle = renderRelStyle(zType);
    renderCount(&d->types, zType, NULL, pStyle);

    snprintf(zName, sizeof(zName), "n%u", (unsigned)pRec->src);
    Agnode_t *pTail = renderAgNode(d->pAg, zName);
    snprintf(zName, sizeof(zName), "n%u", (unsigned)pRec->dst);
    Agnode_t *pHead = renderAgNode(d->pAg, zName);
    snprintf(zName, sizeof(zName), "r%u", (unsigned)r);
    Agedge_t *pEdge = renderAgEdge(d->pAg, pTail, pHead, zName);

    strbuf_truncate(&d->buf, 0);
    renderEdgeLabel(d, &d->buf, r, zType);
    renderAgSet(pEdge, "label", strbuf_cstr(&d->buf));
    if (pStyle != &renderDefaultRelStyle) {
      renderAgSet(pEdge, "color", pStyle->zColor);
      renderAgSet(pEdge, "fontcolor", pStyle->zColor);
      if (pStyle->zStyle) renderAgSet(pEdge, "style", pStyle->zStyle);
      if (pStyle->zPenwidth) renderAgSet(pEdge, "penwidth", pStyle->zPenwidth);
    }
    strbuf_truncate(&d->buf2, 0);
    strbuf_printf(&d->buf2, "%s · relationship %u", zType, (unsigned)r);
    char *zHead = tg_strndup(d->buf2.z, d->buf2.n);
    strbuf_truncate(&d->buf, 0);
    renderTooltip(d, &d->buf, ENT_REL, r, zHead);
    tg_free(zHead);
    renderAgSet(pEdge, "tooltip", strbuf_cstr(&d->buf));
  }
}

static int renderCmpItem(const void *a, const void *b) {
  return strcmp(((const RenderLegendItem *)a)->zName, ((const RenderLegendItem *)b)->zName);
}

/* Appends legend entries as table rows of RENDER_LEGEND_PER_ROW cells. */
static void renderLegendRows(StrBuf *pOut, const RenderLegend *pL, uint32_t nExtra,
                             uint32_t nContradicted) {
  uint32_t nItem = pL->n + nExtra;
  for (uint32_t i = 0; i < nItem; i++) {
    if (i % RENDER_LEGEND_PER_ROW == 0) strbuf_puts(pOut, i ? "</TR><TR>" : "<TR>");
    if (i >= pL->n) {
      /* The extra entry: contradicted claims. */
      strbuf_printf(pOut,
                    "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"2\" WIDTH=\"16\" HEIGHT=\"11\" "
                    "FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">Claim, "
                    "contradicted</FONT> <FONT COLOR=\"#6b7280\">%u</FONT></TD>",
                    renderContradictedStyle.zFill, renderContradictedStyle.zLine,
                    renderContradictedStyle.zLine, (unsigned)nContradicted);
      continue;
    }
    const RenderLegendItem *it = &pL->a[i];
    if (it->pNodeStyle) {
      strbuf_printf(pOut,
                    "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\" WIDTH=\"16\" HEIGHT=\"11\" "
                    "FIXEDSIZE=\"TRUE\"%s></TD>",
                    it->pNodeStyle->zFill, it->pNodeStyle->zLine,
                    strstr(it->pNodeStyle->zStyle, "rounded") ? " STYLE=\"rounded\"" : "");
    } else {
      strbuf_printf(pOut,
                    "<TD BGCOLOR=\"%s\" BORDER=\"0\" WIDTH=\"16\" HEIGHT=\"%s\" "
                    "FIXEDSIZE=\"TRUE\"></TD>",
                    it->pRelStyle->zColor, it->pRelStyle->zPenwidth ? "3" : "2");
    }
    const char *zColor = it->pNodeStyle ? it->pNodeStyle->zLine : it->pRelStyle->zColor;
    strbuf_printf(pOut, "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">", zColor);
    renderHtml(pOut, it->zName, strlen(it->zName));
    strbuf_printf(pOut, "</FONT> <FONT COLOR=\"#6b7280\">%u</FONT></TD>", (unsigned)it->n);
  }
  if (nItem) strbuf_puts(pOut, "</TR>");
}

/*
** Appends the graph's HTML-like label: the title (if any), then the
** legend: each label present with its colours and count, then each
** relationship type with its colour and count. It is the root graph's
** label, drawn at the top left by every layout engine, so it never
** overlaps the picture.
*/
static void renderLegend(RenderDraw *d, StrBuf *pOut) {
  if (d->labels.n > 1) qsort(d->labels.a, d->labels.n, sizeof(RenderLegendItem), renderCmpItem);
  if (d->types.n > 1) qsort(d->types.a, d->types.n, sizeof(RenderLegendItem), renderCmpItem);
  int nSpan = 2 * RENDER_LEGEND_PER_ROW;
  strbuf_puts(pOut, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">");
  if (d->pOpts->zTitle) {
    strbuf_printf(pOut, "<TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>", nSpan);
    renderHtml(pOut, d->pOpts->zTitle, strlen(d->pOpts->zTitle));
    strbuf_puts(pOut, "</B></FONT></TD></TR>");
  }
  strbuf_printf(pOut,
                "<TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"#6b7280\">"
                "NODES</FONT></TD></TR>",
                nSpan);
  renderLegendRows(pOut, &d->labels, d->nContradicted ? 1 : 0, d->nContradicted);
  if (d->types.n) {
    strbuf_printf(pOut,
                  "<TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" "
                  "COLOR=\"#6b7280\">RELATIONSHIPS</FONT></TD></TR>",
                  nSpan);
    renderLegendRows(pOut, &d->types, 0, 0);
  }
  strbuf_puts(pOut, "</TABLE>");
}

/* Sets the graph-wide attributes and the defaults every node and edge
** shares. zEngine is the layout the picture is meant for. */
static void renderGraphAttrs(RenderDraw *d, const char *zEngine, const char *zRankdir) {
  Agraph_t *pAg = d->pAg;
  renderAgDefault(pAg, AGRAPH, "layout", zEngine);
  renderAgDefault(pAg, AGRAPH, "fontname", RENDER_FONT);
  renderAgDefault(pAg, AGRAPH, "fontsize", "11");
  renderAgDefault(pAg, AGRAPH, "bgcolor", "white");
  renderAgDefault(pAg, AGRAPH, "pad", "0.25");
  renderAgDefault(pAg, AGRAPH, "outputorder", "edgesfirst");
  if (strcmp(zEngine, "dot") == 0) {
    renderAgDefault(pAg, AGRAPH, "rankdir", zRankdir);
    renderAgDefault(pAg, AGRAPH, "nodesep", "0.3");
    renderAgDefault(pAg, AGRAPH, "ranksep", "0.55");
  } else {
    renderAgDefault(pAg, AGRAPH, "overlap", "false");
    if (zRankdir) renderAgDefault(pAg, AGRAPH, "rankdir", zRankdir);
  }
  renderAgDefault(pAg, AGNODE, "fontname", RENDER_FONT);
  renderAgDefault(pAg, AGNODE, "fontsize", "11");
  renderAgDefault(pAg, AGNODE, "fontcolor", "#111827");
  renderAgDefault(pAg, AGNODE, "margin", "0.12,0.06");
  renderAgDefault(pAg, AGNODE, "penwidth", "1.3");
  renderAgDefault(pAg, AGEDGE, "fontname", RENDER_FONT);
  renderAgDefault(pAg, AGEDGE, "fontsize", "9");
  renderAgDefault(pAg, AGEDGE, "fontcolor", "#374151");
  renderAgDefault(pAg, AGEDGE, "color", renderDefaultRelStyle.zColor);
  renderAgDefault(pAg, AGEDGE, "arrowsize", "0.7");
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
static bool renderWriteFile(const RenderOpts *o, const char *z, size_t n, TgError *pErr) {
  static unsigned iSeq = 0;
  const char *zPath = o->zFile;
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

  RenderDraw d;
  memset(&d, 0, sizeof(d));
  d.g = g;
  d.pSet = pSet;
  d.pOpts = o;
  d.iContradicts = intern_find(&g->types, "CONTRADICTS", 11);
  /* The context comes first: it installs Graphviz's defaults. */
  bool bLayout = strcmp(choice.zFormat, "dot") != 0;
  GVC_t *pGvc = bLayout ? renderContext() : NULL;
  Agdisc_t disc;
  Agiodisc_t io;
  d.pAg = renderAgOpen(&disc, &io);
  renderGraphAttrs(&d, zEngine, choice.zRankdir ? choice.zRankdir : "LR");
  renderAddNodes(&d);
  renderAddEdges(&d);
  strbuf_truncate(&d.buf, 0);
  if (!o->bNoLegend) {
    renderLegend(&d, &d.buf);
    renderAgSetHtml(d.pAg, d.pAg, "label", strbuf_cstr(&d.buf));
  } else if (o->zTitle) {
    renderEscape(&d.buf, o->zTitle, strlen(o->zTitle), 2);
    renderAgSet(d.pAg, "label", strbuf_cstr(&d.buf));
  }
  renderAgSet(d.pAg, "labelloc", "t");
  renderAgSet(d.pAg, "labeljust", "l");

  StrBuf bytes;
  strbuf_init(&bytes);
  StrBuf *pDest = o->zFile ? &bytes : pOut;
  size_t nBefore = pDest->n;
  bool bOk;
  if (!bLayout) {
    bOk = agwrite(d.pAg, pDest) == 0;
    if (!bOk) renderGvFail(o, pErr, "write DOT");
  } else {
    bOk = renderWithLayout(pGvc, d.pAg, zEngine, choice.zFormat, o, pDest, pErr);
  }
  agclose(d.pAg);
  agseterr(eOldLevel);
  agseterrf(xOldErr);
  if (bOk && o->zFile) bOk = renderWriteFile(o, bytes.z, bytes.n, pErr);
  if (!bOk && !o->zFile) strbuf_truncate(pOut, nBefore);
  strbuf_free(&bytes);
  vec_free(&d.labels);
  vec_free(&d.types);
  strbuf_free(&d.buf);
  strbuf_free(&d.buf2);
  if (bOk && pInfo) {
    pInfo->zFormat = choice.zFormat;
    pInfo->zLayout = bLayout ? zEngine : NULL;
    pInfo->nNode = pSet->nodes.n;
    pInfo->nRel = pSet->rels.n;
  }
  return bOk;
}

/* ======================================================================
** Planning: RENDER exprs [TO f] [AS fmt] [USING layout] [DIRECTION d]
**           [OPTIONS {...}]
** ==================================================================== */

#define RENDER_TM_GRAPH (TM(VAL_NODE) | TM(VAL_REL) | TM(VAL_PATH) | TM(VAL_LIST) | TM(VAL_MAP) | \
                         TM(VAL_NULL))

/* The first variable used in p, or NULL. */
static const AstNode *renderFindVar(const AstNode *p) {
  if (p == NULL) return NULL;
  if (p->kind == AST_VAR) return p;
  const AstNode *apKid[] = {p->p1, p->p2, p->p3, p->p4};
  for (int i = 0; i < 4; i++) {
    const AstNode *pVar = renderFindVar(apKid[i]);
    if (pVar) return pVar;
  }
  const AstList *apList[] = {p->pList, p->pList2};
  for (int k = 0; k < 2; k++) {
    for (uint32_t i = 0; apList[k] && i < apList[k]->n; i++) {
      const AstNode *pVar = renderFindVar(apList[k]->a[i]);
      if (pVar) return pVar;
    }
  }
  return NULL;
}

/* A name for a type mask in messages: "INTEGER", or "that type". */
static const char *renderMaskName(TypeMask tm) {
  for (int t = 0; t < VAL__COUNT; t++) {
    if (tm == TM(t)) return value_type_name(t);
  }
  return "a value of that type";
}

/*
** Checks one RENDER option (TO, AS, USING, DIRECTION: zWhat names it):
** it must not read a variable (constants and parameters only), and it
** must be able to produce tmWant. Returns false with the error set.
*/
static bool renderCheckOption(Compiler *c, AstNode *p, const char *zWhat, TypeMask tmWant) {
  if (p == NULL) return true;
  const AstNode *pVar = renderFindVar(p);
  if (pVar) {
    check_error(c, pVar, ERR_NON_CONSTANT_EXPRESSION, zWhat);
    return false;
  }
  Scope *pSave = c->pScope;
  Scope empty;
  memset(&empty, 0, sizeof(empty));
  c->pScope = &empty;
  TypeMask tm = check_expr(c, p, 0);
  c->pScope = pSave;
  if (c->pErr->code) return false;
  if (tm != TM_ANY && !(tm & tmWant)) {
    check_error(c, p, ERR_INVALID_ARGUMENT_TYPE_C, "%s expects a %s, not %s", zWhat,
                tmWant == TM(VAL_MAP) ? "map" : "string", renderMaskName(tm));
    return false;
  }
  return true;
}

/* The string value of a literal option, or NULL when it is not one. */
static const char *renderLiteral(const AstNode *p) {
  return (p && p->kind == AST_LITERAL && p->lit.type == VAL_STRING) ? p->lit.u.z : NULL;
}

Op *render_plan(Compiler *c, Op *pInput, AstNode *pClause, Plan *pPlan) {
  AstList *pL = pClause->pList;
  for (uint32_t i = 0; pL && i < pL->n; i++) {
    TypeMask tm = check_expr(c, pL->a[i], 0);
    if (c->pErr->code) return NULL;
    if (tm != TM_ANY && !(tm & RENDER_TM_GRAPH)) {
      check_error(c, pL->a[i], ERR_INVALID_ARGUMENT_TYPE_C,
                  "RENDER draws nodes, relationships and paths (or lists of them), not %s",
                  renderMaskName(tm));
      return NULL;
    }
  }
  AstNode *pOptions = pClause->pList2 && pClause->pList2->n ? pClause->pList2->a[0] : NULL;
  if (!renderCheckOption(c, pClause->p1, "RENDER TO", TM(VAL_STRING)) ||
      !renderCheckOption(c, pClause->p2, "RENDER AS", TM(VAL_STRING)) ||
      !renderCheckOption(c, pClause->p3, "RENDER USING", TM(VAL_STRING)) ||
      !renderCheckOption(c, pClause->p4, "RENDER DIRECTION", TM(VAL_STRING)) ||
      !renderCheckOption(c, pOptions, "RENDER OPTIONS", TM(VAL_MAP))) {
    return NULL;
  }

  /* Options written as literals are checked now, where they stand. */
  RenderOpts o;
  memset(&o, 0, sizeof(o));
  o.zText = c->zText;
  o.zFile = renderLiteral(pClause->p1);
  o.zFormat = renderLiteral(pClause->p2);
  o.zLayout = renderLiteral(pClause->p3);
  o.zDirection = renderLiteral(pClause->p4);
  o.iOfstTo = pClause->p1 ? pClause->p1->iOfst : -1;
  o.iOfstAs = pClause->p2 ? pClause->p2->iOfst : -1;
  o.iOfstUsing = pClause->p3 ? pClause->p3->iOfst : -1;
  o.iOfstDirection = pClause->p4 ? pClause->p4->iOfst : -1;
  if (!render_check_opts(&o, c->pErr)) return NULL;
  if (pOptions && pOptions->kind == AST_MAP) {
    for (uint32_t i = 0; pOptions->pList && i < pOptions->pList->n; i++) {
      const AstNode *pEntry = pOptions->pList->a[i];
      if (strcmp(pEntry->z, "maxNodes") != 0 && strcmp(pEntry->z, "title") != 0 &&
          strcmp(pEntry->z, "legend") != 0) {
        check_error(c, pEntry, ERR_ARGUMENT_VALUE,
                    "unknown RENDER option '%s' (known: maxNodes, title, legend)", pEntry->z);
        return NULL;
      }
    }
  }

  /* Result columns: the drawing itself, or a description of the file. */
  static const char *azDataCol[] = {"render"};
  static const char *azFileCol[] = {"file", "format", "nodes", "relationships"};
  bool bFile = pClause->p1 != NULL;
  RenderSpec spec;
  memset(&spec, 0, sizeof(spec));
  spec.nExpr = pL ? pL->n : 0;
  spec.apExpr = pL ? pL->a : NULL;
  spec.pTo = pClause->p1;
  spec.pAs = pClause->p2;
  spec.pUsing = pClause->p3;
  spec.pDirection = pClause->p4;
  spec.pOptions = pOptions;
  spec.iOfst = pClause->iOfst;
  pPlan->nCol = bFile ? 4 : 1;
  pPlan->azCol = bFile ? azFileCol : azDataCol;
  pPlan->aColSlot = arena_alloc(c->pArena, sizeof(uint32_t) * pPlan->nCol);
  for (uint32_t i = 0; i < pPlan->nCol; i++) {
    spec.aOutSlot[i] = check_new_slot(c);
    pPlan->aColSlot[i] = spec.aOutSlot[i];
  }
  return op_render(c->pCtx, pInput, &spec);
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
