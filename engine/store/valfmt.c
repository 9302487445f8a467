/*
** valfmt.c — writing values as Cypher literals (see valfmt.h).
*/
#include "store/valfmt.h"

#include <math.h>

#include <stdio.h>

#include "value/point.h"
#include "value/temporal.h"

void valfmt_quote(StrBuf *pOut, const char *z, size_t n) {
  strbuf_putc(pOut, '\'');
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    switch (c) {
      case '\'': strbuf_puts(pOut, "\\'"); break;
      case '\\': strbuf_puts(pOut, "\\\\"); break;
      case '\n': strbuf_puts(pOut, "\\n"); break;
      case '\t': strbuf_puts(pOut, "\\t"); break;
      case '\r': strbuf_puts(pOut, "\\r"); break;
      default:
        /* Other control characters (NUL included) as unicode escapes
        ** (backslash, u, four hex digits): written raw
        ** they would end the C string or move a terminal's cursor, and the
        ** text would not read back as the same literal. */
        if ((unsigned char)c < 0x20 || c == 0x7F) {
          strbuf_printf(pOut, "\\u%04X", (unsigned)(unsigned char)c);
        } else if ((unsigned char)c == 0xC2 && i + 1 < n && (unsigned char)z[i + 1] >= 0x80 &&
                   (unsigned char)z[i + 1] <= 0x9F) {
          strbuf_printf(pOut, "\\u%04X", (unsigned)(unsigned char)z[++i]);   /* C1 */
        } else {
          strbuf_putc(pOut, c);
        }
        break;
    }
  }
  strbuf_putc(pOut, '\'');
}

/* Map keys that are not plain identifiers are written in backticks. */
void valfmt_name(StrBuf *pOut, const char *z, size_t n, bool bAlwaysQuote) {
  bool bPlain = n > 0 && !bAlwaysQuote;
  for (size_t i = 0; i < n && bPlain; i++) {
    unsigned char c = (unsigned char)z[i];
    bPlain = c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (i > 0 && c >= '0' && c <= '9');
  }
  if (bPlain) {
    strbuf_append(pOut, z, n);
  } else {
    strbuf_putc(pOut, '`');
    for (size_t i = 0; i < n; i++) {
      if (z[i] == '`') strbuf_putc(pOut, '`');   /* `` is one backtick */
      strbuf_putc(pOut, z[i]);
    }
    strbuf_putc(pOut, '`');
  }
}

static void valfmtKey(StrBuf *pOut, const char *z, size_t n) { valfmt_name(pOut, z, n, false); }

static void valfmtProps(StrBuf *pOut, const PropList *pl, const Graph *g) {
  if (pl == NULL || pl->n == 0) return;
  strbuf_puts(pOut, " {");
  for (uint32_t i = 0; i < pl->n; i++) {
    if (i) strbuf_puts(pOut, ", ");
    const char *zKey = intern_name(&g->keys, pl->a[i].key);
    valfmtKey(pOut, zKey, strlen(zKey));
    strbuf_puts(pOut, ": ");
    valfmt_append(pOut, &pl->a[i].v, g, VALFMT_QUOTE);
  }
  strbuf_putc(pOut, '}');
}

static void valfmtNode(StrBuf *pOut, NodeId n, const Graph *g) {
  strbuf_putc(pOut, '(');
  if (g && n < g->nNodeSlot && (graph_node_rec(g, n)->flags & NODEF_LIVE)) {
    uint32_t nLabel;
    const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
    for (uint32_t i = 0; i < nLabel; i++) {
      strbuf_putc(pOut, ':');
      const char *z = intern_name(&g->labels, aLabel[i]);
      valfmtKey(pOut, z, strlen(z));
    }
    valfmtProps(pOut, graph_props(g, ENT_NODE, n), g);
  }
  strbuf_putc(pOut, ')');
}

static void valfmtRel(StrBuf *pOut, RelId r, const Graph *g) {
  strbuf_putc(pOut, '[');
  if (g && r < g->nRelSlot && (graph_rel_rec(g, r)->flags & RELF_LIVE)) {
    strbuf_putc(pOut, ':');
    const char *z = intern_name(&g->types, graph_rel(g, r)->type);
    valfmtKey(pOut, z, strlen(z));
    valfmtProps(pOut, graph_props(g, ENT_REL, r), g);
  }
  strbuf_putc(pOut, ']');
}

/* point({x: 1.0, y: 2.0, crs: 'cartesian'}), as toString() writes it; with
** VALFMT_EXPR a coordinate that is not finite is written as an expression,
** as a float is. */
static void valfmtPoint(StrBuf *pOut, const Point *p, int flags) {
  static const char *const azKey[] = {"x", "y", "z"};
  const PointCrs *pCrs = point_crs(p);
  strbuf_puts(pOut, "point({");
  for (int i = 0; i < p->nDim; i++) {
    strbuf_printf(pOut, "%s: ", azKey[i]);
    Value f = value_float(p->a[i]);
    valfmt_append(pOut, &f, NULL, flags & VALFMT_EXPR);
    strbuf_puts(pOut, ", ");
  }
  strbuf_printf(pOut, "crs: '%s'})", pCrs ? pCrs->zName : "");
}

void valfmt_append(StrBuf *pOut, const Value *v, const Graph *g, int flags) {
  char z[64];
  switch (v->type) {
    case VAL_NULL: strbuf_puts(pOut, "null"); break;
    case VAL_BOOL: strbuf_puts(pOut, v->u.b ? "true" : "false"); break;
    case VAL_INT:
      snprintf(z, sizeof(z), "%lld", (long long)v->u.i);
      strbuf_puts(pOut, z);
      break;
    case VAL_FLOAT:
      if ((flags & VALFMT_EXPR) && !isfinite(v->u.f)) {
        strbuf_puts(pOut, isnan(v->u.f) ? "(0.0 / 0.0)" : v->u.f > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)");
        break;
      }
      value_format_double(z, sizeof(z), v->u.f);
      strbuf_puts(pOut, z);
      break;
    case VAL_STRING:
      if (flags & VALFMT_QUOTE) valfmt_quote(pOut, v->u.z, v->n);
      else strbuf_append(pOut, v->u.z, v->n);
      break;
    case VAL_LIST:
      strbuf_putc(pOut, '[');
      for (uint32_t i = 0; i < v->n; i++) {
        if (i) strbuf_puts(pOut, ", ");
        valfmt_append(pOut, &v->u.a[i], g, VALFMT_QUOTE | (flags & VALFMT_EXPR));
      }
      strbuf_putc(pOut, ']');
      break;
    case VAL_MAP:
      strbuf_putc(pOut, '{');
      for (uint32_t i = 0; i < v->n; i++) {
        if (i) strbuf_puts(pOut, ", ");
        valfmtKey(pOut, v->u.m[i].zKey, v->u.m[i].nKey);
        strbuf_puts(pOut, ": ");
        valfmt_append(pOut, &v->u.m[i].v, g, VALFMT_QUOTE | (flags & VALFMT_EXPR));
      }
      strbuf_putc(pOut, '}');
      break;
    case VAL_NODE: valfmtNode(pOut, v->u.id, g); break;
    case VAL_REL: valfmtRel(pOut, v->u.id, g); break;
    case VAL_PATH: {
      strbuf_putc(pOut, '<');
      for (uint32_t i = 0; i < v->n; i++) {
        const Value *e = &v->u.a[i];
        if (e->type == VAL_REL && g && i > 0 && i + 1 < v->n) {
          /* The arrow shows the relationship's direction along the path. */
          bool bForward = graph_rel(g, e->u.id)->src == v->u.a[i - 1].u.id;
          strbuf_puts(pOut, bForward ? "-" : "<-");
          valfmtRel(pOut, e->u.id, g);
          strbuf_puts(pOut, bForward ? "->" : "-");
        } else {
          valfmt_append(pOut, e, g, VALFMT_QUOTE);
        }
      }
      strbuf_putc(pOut, '>');
      break;
    }
    case VAL_POINT: valfmtPoint(pOut, v->u.pt, flags); break;
    default:
      if (!value_is_temporal(v)) break;
      if (flags & VALFMT_EXPR) {
        static const char *const azFunc[] = {"date", "localtime", "time", "localdatetime",
                                             "datetime", "duration"};
        strbuf_puts(pOut, azFunc[v->type - VAL_DATE]);
        strbuf_puts(pOut, "('");
        temporal_format(pOut, v);
        strbuf_puts(pOut, "')");
      } else {
        temporal_format(pOut, v);
      }
      break;
  }
}
