/*
** render_draw.c — RENDER's drawing conventions: the styled Graphviz graph
** of a gathered subgraph (render.h), made to read without a key.
**
**   - one shape and colour per label: a table for the knowledge graph's
**     labels (Person, Firm, Chip, System, Place, Document, Claim, Event,
**     Metric, Product), a fixed palette chosen by name hash for any other;
**   - captions from the name-like property (name, title, text, id),
**     wrapped at spaces and shortened with "…";
**   - tooltips (SVG) with every property of a node or relationship;
**   - edges labelled with their type and their key property written for
**     people: a stake as 25%, units as 12,000, *_usd as $44B or $500M, a
**     date as 28 Apr 2024, a quote in quotation marks;
**   - contradicted claims (an incoming CONTRADICTS anywhere in the graph)
**     and CONTRADICTS edges in bold red, SUPPORTS in green;
**   - a legend of the labels and types present, with counts, as the root
**     graph's HTML-like label (with the title, if any) at the top left.
** Fonts are Noto families that fontconfig resolves, listed so that Arabic
** and Japanese text has glyphs in PNG (pango falls back along the list)
** and in SVG (the list is written into font-family).
**
** cgraph 2.42 takes char * where it means const char *: the wrappers in
** this file hold the only casts. render.c lays the graph out and writes it.
*/
#include <stdio.h>
#include <stdlib.h>

#include <gvc.h>

#include "base/mem.h"
#include "out/render.h"
#include "value/temporal.h"
#include "base/utf8.h"
#include "store/valfmt.h"

/* ======================================================================
** Conventions: fonts, sizes, styles
** ==================================================================== */

#define RENDER_CAPTION_COLS 26   /* caption line width, in terminal columns */
#define RENDER_CAPTION_LINES 4   /* caption lines before "…" */
#define RENDER_DETAIL_COLS 28    /* an edge's text property, shortened */
#define RENDER_TIP_COLS 160      /* one tooltip value, shortened */
#define RENDER_LEGEND_NODES_PER_ROW 5  /* legend: labels side by side */
#define RENDER_LEGEND_TYPES_PER_ROW 4  /* legend: relationship types side by side */

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
#define RENDER_CONTRADICTED_PENWIDTH "3"

/* What every node and edge shares (numbers as Graphviz reads them). */
#define RENDER_NODE_FONTSIZE "11"
#define RENDER_NODE_FONTCOLOR "#111827"
#define RENDER_NODE_PENWIDTH "1.3"
#define RENDER_EDGE_FONTSIZE "9"
#define RENDER_EDGE_FONTCOLOR "#374151"
#define RENDER_EDGE_ARROWSIZE "0.7"
#define RENDER_GREY "#6b7280"    /* legend headings and counts */

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

/* A node's caption is its first property among these that it has. */
static const char *const azRenderCaptionKey[] = {"name", "title", "text", "id"};

/* An edge's key property, by kind; earlier in a list is preferred. An
** amount is also any other key ending in "_usd" (after these). */
static const char *const azRenderAmountKey[] = {"stake", "units", "price_usd", "amount_usd",
                                                "value_usd"};
static const char *const azRenderWhenKey[] = {"date", "year"};
static const char *const azRenderWordsKey[] = {"role", "extent", "mode", "kind", "quote"};

/* Dollar amounts are written in these units: $2.8T, $44B, $500M. */
static const struct {
  double fScale;
  const char *zSuffix;
} aRenderUsdUnit[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}};

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
  if (f < 0) {
    strbuf_putc(pOut, '-');
    f = -f;
  }
  strbuf_putc(pOut, '$');
  for (int i = 0; i < ARRAY_SIZE(aRenderUsdUnit); i++) {
    if (f >= aRenderUsdUnit[i].fScale) {
      double x = f / aRenderUsdUnit[i].fScale;
      renderDecimal(pOut, x, x < 10 ? 2 : x < 100 ? 1 : 0);
      strbuf_puts(pOut, aRenderUsdUnit[i].zSuffix);
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

/* The graph's disciplines: cgraph's own, but for output. They are
** constant, and cgraph keeps pointers to them for the graph's life. */
static Agiodisc_t renderIoDisc;
static Agdisc_t renderDisc;

static Agraph_t *renderAgOpen(void) {
  renderIoDisc = AgIoDisc;
  renderIoDisc.putstr = renderIoPut;
  renderIoDisc.flush = renderIoFlush;
  renderDisc.mem = &AgMemDisc;
  renderDisc.id = &AgIdDisc;
  renderDisc.io = &renderIoDisc;
  return agopen((char *)"tangle", Agdirected, &renderDisc);
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

/* A property by name, or NULL when absent. */
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
  for (int k = 0; k < ARRAY_SIZE(azRenderCaptionKey); k++) {
    const Value *v = renderProp(d->g, ENT_NODE, n, azRenderCaptionKey[k]);
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
static int renderRank(const char *const *az, int n, const char *zKey) {
  for (int k = 0; k < n; k++) {
    if (strcmp(zKey, az[k]) == 0) return k;
  }
  return -1;
}
static int renderAmountRank(const char *zKey) {
  int k = renderRank(azRenderAmountKey, ARRAY_SIZE(azRenderAmountKey), zKey);
  if (k >= 0) return k;
  return renderEndsWith(zKey, "_usd") ? ARRAY_SIZE(azRenderAmountKey) : -1;
}
static int renderWhenRank(const char *zKey) {
  return renderRank(azRenderWhenKey, ARRAY_SIZE(azRenderWhenKey), zKey);
}
static int renderWordsRank(const char *zKey) {
  return renderRank(azRenderWordsKey, ARRAY_SIZE(azRenderWordsKey), zKey);
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
** mode, kind, or a quote in quotation marks), else just the date or year.
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
    bool bQuote = strcmp(azRenderWordsKey[rWords], "quote") == 0;   /* in quotation marks */
    if (bQuote) strbuf_puts(b, "“");
    renderShort(b, pl->a[iWords].v.u.z, pl->a[iWords].v.n, RENDER_DETAIL_COLS, 2);
    if (bQuote) strbuf_puts(b, "”");
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

/*
** OPTIONS {cluster: true}: the subgraph that boxes the nodes whose first
** label is zLabel (NULL: no label), made on first use, outlined in the
** label's colour and captioned with its name. dot and fdp draw clusters;
** the other engines ignore them.
*/
static Agraph_t *renderCluster(RenderDraw *d, const char *zLabel, const RenderNodeStyle *pStyle) {
  strbuf_truncate(&d->buf, 0);
  strbuf_printf(&d->buf, "cluster_%s", zLabel ? zLabel : "(no label)");
  Agraph_t *pSub = agsubg(d->pAg, (char *)strbuf_cstr(&d->buf), 0);
  if (pSub) return pSub;
  pSub = agsubg(d->pAg, (char *)strbuf_cstr(&d->buf), 1);
  strbuf_truncate(&d->buf, 0);
  renderEscape(&d->buf, zLabel ? zLabel : "(no label)", strlen(zLabel ? zLabel : "(no label)"), 2);
  renderAgSet(pSub, "label", strbuf_cstr(&d->buf));
  renderAgSet(pSub, "style", "rounded,dashed");
  renderAgSet(pSub, "color", pStyle->zLine);
  renderAgSet(pSub, "fontcolor", pStyle->zLine);
  renderAgSet(pSub, "labeljust", "l");
  return pSub;
}

static void renderAddNodes(RenderDraw *d) {
  char zName[24];
  for (uint32_t i = 0; i < d->pSet->nodes.n; i++) {
    NodeId n = d->pSet->nodes.a[i];
    const char *zLabel;
    const RenderNodeStyle *pStyle = renderNodeStyle(d->g, n, &zLabel);
    bool bContra = renderIsContradicted(d, n, zLabel);
    if (bContra) d->nContradicted++;   /* its own legend entry */
    else renderCount(&d->labels, zLabel ? zLabel : "(no label)", pStyle, NULL);

    snprintf(zName, sizeof(zName), "n%u", (unsigned)n);
    Agnode_t *pNode = renderAgNode(d->pOpts->bCluster ? renderCluster(d, zLabel, pStyle) : d->pAg, zName);
    renderAgSet(pNode, "id", zName);   /* SVG <g id="n12">, JSON "id": the page maps it back */
    const RenderNodeStyle *pDraw = bContra ? &renderContradictedStyle : pStyle;
    renderAgSet(pNode, "shape", pDraw->zShape);
    renderAgSet(pNode, "style", pDraw->zStyle);
    renderAgSet(pNode, "fillcolor", pDraw->zFill);
    renderAgSet(pNode, "color", pDraw->zLine);
    if (bContra) {
      renderAgSet(pNode, "penwidth", RENDER_CONTRADICTED_PENWIDTH);
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
    renderAgSet(pEdge, "id", zName);

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

/* Legend symbols: an ellipse-shaped label, any other label, a type. */
#define RENDER_SYMBOL_ROUND "●"
#define RENDER_SYMBOL_BOX "■"
#define RENDER_SYMBOL_LINE "━"

static int renderCmpItem(const void *a, const void *b) {
  return strcmp(((const RenderLegendItem *)a)->zName, ((const RenderLegendItem *)b)->zName);
}

/*
** Appends one section of the legend: rows of nPerRow entries, each a
** coloured symbol (● for ellipse-shaped labels, ■ for the others, ━ for a
** relationship type), the name in the same colour and the count in grey.
** nContradicted > 0 adds an entry for contradicted claims.
**
** Each row is a single left-aligned cell: Graphviz 2.42 spreads any width
** a table does not need (a long title) over all of its columns, which
** would pull separate swatch cells away from their names. The symbols
** come from Noto Sans CJK JP, which is in the font list.
*/
static void renderLegendRows(StrBuf *pOut, const RenderLegend *pL, uint32_t nContradicted,
                             uint32_t nPerRow) {
  uint32_t nItem = pL->n + (nContradicted ? 1 : 0);
  for (uint32_t i = 0; i < nItem; i++) {
    if (i % nPerRow == 0) {
      strbuf_puts(pOut, i ? "</TD></TR><TR><TD ALIGN=\"LEFT\">" : "<TR><TD ALIGN=\"LEFT\">");
    } else {
      strbuf_puts(pOut, "&#160;&#160;&#160;&#160;");
    }
    const char *zName, *zColor, *zSymbol;
    uint32_t n;
    if (i >= pL->n) {
      zName = "Claim, contradicted";
      zColor = renderContradictedStyle.zLine;
      zSymbol = RENDER_SYMBOL_BOX;
      n = nContradicted;
    } else if (pL->a[i].pNodeStyle) {
      zName = pL->a[i].zName;
      zColor = pL->a[i].pNodeStyle->zLine;
      zSymbol = strcmp(pL->a[i].pNodeStyle->zShape, "ellipse") == 0 ? RENDER_SYMBOL_ROUND
                                                                     : RENDER_SYMBOL_BOX;
      n = pL->a[i].n;
    } else {
      zName = pL->a[i].zName;
      zColor = pL->a[i].pRelStyle->zColor;
      zSymbol = RENDER_SYMBOL_LINE;
      n = pL->a[i].n;
    }
    strbuf_printf(pOut, "<FONT COLOR=\"%s\">%s ", zColor, zSymbol);
    renderHtml(pOut, zName, strlen(zName));
    strbuf_printf(pOut, "</FONT> <FONT COLOR=\"" RENDER_GREY "\">%u</FONT>", (unsigned)n);
  }
  if (nItem) strbuf_puts(pOut, "</TD></TR>");
}

/* Appends a legend row holding one line of text. */
static void renderLegendHeading(StrBuf *pOut, const char *zText, int nPoint, bool bBold) {
  strbuf_printf(pOut, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%d\"%s>%s", nPoint,
                bBold ? "" : " COLOR=\"" RENDER_GREY "\"", bBold ? "<B>" : "");
  renderHtml(pOut, zText, strlen(zText));
  strbuf_printf(pOut, "%s</FONT></TD></TR>", bBold ? "</B>" : "");
}

/*
** Appends the graph's HTML-like label: the title (if any), then the
** legend: each label present with its colour and count, then each
** relationship type with its colour and count. It is the root graph's
** label, drawn at the top left by every layout engine, so it never
** overlaps the picture.
*/
static void renderLegend(RenderDraw *d, StrBuf *pOut) {
  if (d->labels.n > 1) qsort(d->labels.a, d->labels.n, sizeof(RenderLegendItem), renderCmpItem);
  if (d->types.n > 1) qsort(d->types.a, d->types.n, sizeof(RenderLegendItem), renderCmpItem);
  strbuf_puts(pOut, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">");
  if (d->pOpts->zTitle) renderLegendHeading(pOut, d->pOpts->zTitle, 16, true);
  renderLegendHeading(pOut, "NODES", 9, false);
  renderLegendRows(pOut, &d->labels, d->nContradicted, RENDER_LEGEND_NODES_PER_ROW);
  if (d->types.n) {
    renderLegendHeading(pOut, "RELATIONSHIPS", 9, false);
    renderLegendRows(pOut, &d->types, 0, RENDER_LEGEND_TYPES_PER_ROW);
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
  renderAgDefault(pAg, AGNODE, "fontsize", RENDER_NODE_FONTSIZE);
  renderAgDefault(pAg, AGNODE, "fontcolor", RENDER_NODE_FONTCOLOR);
  renderAgDefault(pAg, AGNODE, "margin", "0.12,0.06");
  renderAgDefault(pAg, AGNODE, "penwidth", RENDER_NODE_PENWIDTH);
  renderAgDefault(pAg, AGEDGE, "fontname", RENDER_FONT);
  renderAgDefault(pAg, AGEDGE, "fontsize", RENDER_EDGE_FONTSIZE);
  renderAgDefault(pAg, AGEDGE, "fontcolor", RENDER_EDGE_FONTCOLOR);
  renderAgDefault(pAg, AGEDGE, "color", renderDefaultRelStyle.zColor);
  renderAgDefault(pAg, AGEDGE, "arrowsize", RENDER_EDGE_ARROWSIZE);
}

struct Agraph_s *render_draw(const Graph *g, const RenderSet *pSet, const RenderOpts *pOpts,
                             const char *zEngine, const char *zRankdir) {
  RenderDraw d;
  memset(&d, 0, sizeof(d));
  d.g = g;
  d.pSet = pSet;
  d.pOpts = pOpts;
  d.iContradicts = intern_find(&g->types, "CONTRADICTS", 11);
  d.pAg = renderAgOpen();
  renderGraphAttrs(&d, zEngine, zRankdir);
  renderAddNodes(&d);
  renderAddEdges(&d);
  strbuf_truncate(&d.buf, 0);
  if (!pOpts->bNoLegend) {
    renderLegend(&d, &d.buf);
    renderAgSetHtml(d.pAg, d.pAg, "label", strbuf_cstr(&d.buf));
  } else if (pOpts->zTitle) {
    renderEscape(&d.buf, pOpts->zTitle, strlen(pOpts->zTitle), 2);
    renderAgSet(d.pAg, "label", strbuf_cstr(&d.buf));
  }
  renderAgSet(d.pAg, "labelloc", "t");
  renderAgSet(d.pAg, "labeljust", "l");
  vec_free(&d.labels);
  vec_free(&d.types);
  strbuf_free(&d.buf);
  strbuf_free(&d.buf2);
  return d.pAg;
}

/* ======================================================================
** The conventions as data (tg_render_style_json)
** ==================================================================== */

/* Appends z as a JSON string. The tables hold ASCII and a few symbols,
** but quotes, backslashes and control characters are escaped all the
** same. */
static void renderJsonString(StrBuf *pOut, const char *z) {
  strbuf_putc(pOut, '"');
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    if (c == '"' || c == '\\') strbuf_printf(pOut, "\\%c", c);
    else if (c < 0x20) strbuf_printf(pOut, "\\u%04x", c);
    else strbuf_putc(pOut, (char)c);
  }
  strbuf_putc(pOut, '"');
}

/* Appends "zKey": and the string zValue (zKey a JSON-safe literal). */
static void renderJsonPair(StrBuf *pOut, const char *zKey, const char *zValue) {
  strbuf_printf(pOut, "\"%s\":", zKey);
  renderJsonString(pOut, zValue);
}

/* Appends a JSON array of the n strings az. */
static void renderJsonList(StrBuf *pOut, const char *const *az, int n) {
  strbuf_putc(pOut, '[');
  for (int i = 0; i < n; i++) {
    if (i) strbuf_putc(pOut, ',');
    renderJsonString(pOut, az[i]);
  }
  strbuf_putc(pOut, ']');
}

/* Appends a node style as {"shape","style","fill","line"}. */
static void renderJsonNodeStyle(StrBuf *pOut, const RenderNodeStyle *p) {
  strbuf_putc(pOut, '{');
  renderJsonPair(pOut, "shape", p->zShape);
  strbuf_putc(pOut, ',');
  renderJsonPair(pOut, "style", p->zStyle);
  strbuf_putc(pOut, ',');
  renderJsonPair(pOut, "fill", p->zFill);
  strbuf_putc(pOut, ',');
  renderJsonPair(pOut, "line", p->zLine);
  strbuf_putc(pOut, '}');
}

/* Appends a relationship style as {"color","style","width"}: Graphviz's
** defaults (solid, 1) where the table says nothing. */
static void renderJsonRelStyle(StrBuf *pOut, const RenderRelStyle *p) {
  strbuf_putc(pOut, '{');
  renderJsonPair(pOut, "color", p->zColor);
  strbuf_putc(pOut, ',');
  renderJsonPair(pOut, "style", p->zStyle ? p->zStyle : "solid");
  strbuf_printf(pOut, ",\"width\":%s}", p->zPenwidth ? p->zPenwidth : "1");
}

/*
** Writes everything render_draw() decides from a node's labels or a
** relationship's type and properties, from the same tables and constants,
** so that a page drawing the graph itself (the explorer) looks as RENDER
** does. The rules that are code rather than tables (which label counts,
** the palette hash, captions, edge details) are spelled out as data too.
*/
char *tg_render_style_json(void) {
  StrBuf b;
  strbuf_init(&b);
  strbuf_puts(&b, "{");
  renderJsonPair(&b, "font", RENDER_FONT);
  strbuf_puts(&b, ",\"ids\":{\"node\":\"n<id>\",\"relationship\":\"r<id>\"}");

  strbuf_puts(&b, ",\"node\":{\"fontsize\":" RENDER_NODE_FONTSIZE ",");
  renderJsonPair(&b, "fontcolor", RENDER_NODE_FONTCOLOR);
  strbuf_puts(&b, ",\"penwidth\":" RENDER_NODE_PENWIDTH "}");
  strbuf_puts(&b, ",\"edge\":{\"fontsize\":" RENDER_EDGE_FONTSIZE ",");
  renderJsonPair(&b, "fontcolor", RENDER_EDGE_FONTCOLOR);
  strbuf_puts(&b, ",\"arrowsize\":" RENDER_EDGE_ARROWSIZE "}");

  strbuf_puts(&b, ",\"labels\":{");
  for (int i = 0; i < ARRAY_SIZE(aRenderLabelStyle); i++) {
    if (i) strbuf_putc(&b, ',');
    renderJsonString(&b, aRenderLabelStyle[i].zLabel);
    strbuf_putc(&b, ':');
    renderJsonNodeStyle(&b, &aRenderLabelStyle[i]);
  }
  strbuf_puts(&b, "},");
  renderJsonPair(&b, "labelRule",
                 "a node takes the style of the first of its labels that is in labels; else the "
                 "palette entry of its first label; noLabel when it has none");
  strbuf_puts(&b, ",\"palette\":[");
  for (int i = 0; i < ARRAY_SIZE(aRenderPalette); i++) {
    if (i) strbuf_putc(&b, ',');
    renderJsonNodeStyle(&b, &aRenderPalette[i]);
  }
  /* renderHashName: FNV-1a, 32 bits, over the label's UTF-8 bytes. */
  strbuf_puts(&b, "],\"paletteHash\":{\"name\":\"FNV-1a 32\",\"offsetBasis\":2166136261,"
                  "\"prime\":16777619,");
  renderJsonPair(&b, "rule",
                 "h = offsetBasis; for each UTF-8 byte c of the label: h = ((h XOR c) * prime) "
                 "mod 2^32; entry = palette[h mod palette.length]");
  strbuf_puts(&b, "},\"noLabel\":");
  renderJsonNodeStyle(&b, &renderNoLabelStyle);

  strbuf_puts(&b, ",\"contradicted\":");
  renderJsonNodeStyle(&b, &renderContradictedStyle);
  strbuf_truncate(&b, b.n - 1);   /* reopen the object for the fields below */
  strbuf_puts(&b, ",\"penwidth\":" RENDER_CONTRADICTED_PENWIDTH ",");
  renderJsonPair(&b, "fontcolor", RENDER_CONTRADICTED_TEXT);
  strbuf_putc(&b, ',');
  renderJsonPair(&b, "label", renderContradictedStyle.zLabel);
  strbuf_puts(&b, ",\"relType\":\"CONTRADICTS\",");
  renderJsonPair(&b, "rule",
                 "a node with the label Claim and at least one incoming CONTRADICTS relationship "
                 "anywhere in the graph, drawn or not");
  strbuf_puts(&b, "}");

  strbuf_puts(&b, ",\"relTypes\":{");
  for (int i = 0; i < ARRAY_SIZE(aRenderRelStyle); i++) {
    if (i) strbuf_putc(&b, ',');
    renderJsonString(&b, aRenderRelStyle[i].zType);
    strbuf_putc(&b, ':');
    renderJsonRelStyle(&b, &aRenderRelStyle[i]);
  }
  strbuf_puts(&b, "},\"relDefault\":");
  renderJsonRelStyle(&b, &renderDefaultRelStyle);

  strbuf_puts(&b, ",\"captionKeys\":");
  renderJsonList(&b, azRenderCaptionKey, ARRAY_SIZE(azRenderCaptionKey));
  strbuf_printf(&b, ",\"caption\":{\"columns\":%d,\"lines\":%d,\"ellipsis\":\"…\",",
                RENDER_CAPTION_COLS, RENDER_CAPTION_LINES);
  renderJsonPair(&b, "rule",
                 "the first of captionKeys the node has (a string as is, another value as a "
                 "Cypher literal), else \"<label> #<id>\" (\"node #<id>\" without a label); "
                 "wrapped at spaces into lines of at most columns terminal columns (wide CJK "
                 "characters count 2; a longer word is split), at most lines lines, the last "
                 "ending in ellipsis when text is left over");
  strbuf_puts(&b, "}");

  strbuf_printf(&b, ",\"edgeLabel\":{\"detailColumns\":%d,\"amountKeys\":", RENDER_DETAIL_COLS);
  renderJsonList(&b, azRenderAmountKey, ARRAY_SIZE(azRenderAmountKey));
  strbuf_puts(&b, ",\"amountSuffix\":\"_usd\",\"whenKeys\":");
  renderJsonList(&b, azRenderWhenKey, ARRAY_SIZE(azRenderWhenKey));
  strbuf_puts(&b, ",\"wordsKeys\":");
  renderJsonList(&b, azRenderWordsKey, ARRAY_SIZE(azRenderWordsKey));
  strbuf_puts(&b, ",\"qualifierKey\":\"qualifier\",\"statusKey\":\"status\",\"quoteKey\":\"quote\","
                  "\"usdUnits\":[");
  for (int i = 0; i < ARRAY_SIZE(aRenderUsdUnit); i++) {
    strbuf_printf(&b, "%s[%.0f,", i ? "," : "", aRenderUsdUnit[i].fScale);
    renderJsonString(&b, aRenderUsdUnit[i].zSuffix);
    strbuf_putc(&b, ']');
  }
  strbuf_puts(&b, "],");
  renderJsonPair(
      &b, "rule",
      "line 1: the type; line 2, when there is one: [qualifier ]amount[ (status)][ · when] "
      "with the earliest of amountKeys (or another key ending in amountSuffix) holding a "
      "number, else words[ · when] with the earliest of wordsKeys holding a string (quoteKey in "
      "“ ”), else just when (the earliest of whenKeys). stake as a percentage (0.25: 25%), "
      "*_usd as dollars in usdUnits ($44B; 1 or 2 decimals below 100 and 10, trailing zeros "
      "dropped; under a million with thousands separators), other integers with thousands "
      "separators, a date as 28 Apr 2024; strings cut to detailColumns with …");
  strbuf_puts(&b, "}");

  strbuf_puts(&b, ",\"legend\":{");
  renderJsonPair(&b, "round", RENDER_SYMBOL_ROUND);
  strbuf_putc(&b, ',');
  renderJsonPair(&b, "box", RENDER_SYMBOL_BOX);
  strbuf_putc(&b, ',');
  renderJsonPair(&b, "line", RENDER_SYMBOL_LINE);
  strbuf_putc(&b, ',');
  renderJsonPair(&b, "count", RENDER_GREY);
  strbuf_putc(&b, ',');
  renderJsonPair(&b, "rule",
                 "round for labels of shape ellipse, box for other labels, line for "
                 "relationship types; each in its line colour, then the count in count");
  strbuf_puts(&b, "}}");
  char *z = strbuf_detach(&b);
  strbuf_free(&b);
  return z;
}
