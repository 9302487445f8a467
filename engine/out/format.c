/*
** format.c — result writers (see format.h).
**
** The table (and Markdown) writer holds the cells of the first
** nLayoutRows rows, because column widths depend on them; then it fixes
** the widths, writes the header and those rows, and writes every later row
** as it comes, from a scratch arena reset per row. A result of millions of
** rows thus costs what its first thousand do. The other writers stream
** from the first row.
*/
#include "out/format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/vec.h"

static const char *const azFormatName[] = {"table", "csv", "tsv", "json", "markdown"};
_Static_assert(sizeof(azFormatName) / sizeof(azFormatName[0]) == FORMAT__COUNT, "format names");

bool format_parse_kind(const char *zName, FormatKind *pe) {
  for (int i = 0; i < FORMAT__COUNT; i++) {
    if (strcmp(zName, azFormatName[i]) == 0) {
      *pe = (FormatKind)i;
      return true;
    }
  }
  return false;
}

const char *format_kind_name(FormatKind e) { return azFormatName[e]; }

typedef struct FormatCell {
  char *z;                 /* text (arena) */
  size_t n;                /* bytes */
  bool bNull;              /* shown as null */
  bool bRight;             /* numbers align right */
  bool bWhole;             /* never shortened: a number, temporal value, point or null */
} FormatCell;

struct FormatWriter {
  FILE *pOut;
  FormatOptions opts;
  tg_db *pDb;
  int nCol;
  const char **azCol;      /* column names (owned by the statement, or escaped in cells) */
  long nRow;               /* rows seen */
  long nShown;             /* rows written (or held) */
  Arena cells;             /* table: column names and the held rows' text */
  VEC(FormatCell *) rows;  /* table: rows held until the layout is fixed */
  Arena rowArena;          /* table, streaming: the current row's cells */
  size_t *aWidth;          /* table: column widths once fixed, else NULL */
  bool bStreaming;         /* table: header written, rows written as they come */
  bool bStopped;           /* *opts.pStop was seen: no more rows are written */
};

static bool formatIsTable(const FormatWriter *w) {
  return (w->opts.eKind == FORMAT_TABLE || w->opts.eKind == FORMAT_MARKDOWN) && w->nCol > 0;
}

/* Has the caller asked to stop writing rows? Latched in bStopped. */
static bool formatStopped(FormatWriter *w) {
  if (!w->bStopped && w->opts.pStop && *w->opts.pStop) w->bStopped = true;
  return w->bStopped;
}

/*
** A cell's (or a column name's) text as a table shows it, copied into the
** cells arena: one line per row, so \n, \t and \r are written as escapes,
** and every other control character (C0, DEL, C1) as \uXXXX, so that data
** cannot drive the terminal (RETURN '\u001b[2J' would clear it); in
** Markdown, | is escaped too.
*/
static char *formatEscapeCell(FormatWriter *w, Arena *pA, const char *z, size_t n, size_t *pn) {
  StrBuf b;
  strbuf_init(&b);
  for (size_t k = 0; k < n; k++) {
    unsigned char c = (unsigned char)z[k];
    if (c == '\n') strbuf_puts(&b, "\\n");
    else if (c == '\t') strbuf_puts(&b, "\\t");
    else if (c == '\r') strbuf_puts(&b, "\\r");
    else if (c < 0x20 || c == 0x7F) strbuf_printf(&b, "\\u%04X", (unsigned)c);
    else if (c == 0xC2 && k + 1 < n && (unsigned char)z[k + 1] >= 0x80 && (unsigned char)z[k + 1] <= 0x9F) {
      strbuf_printf(&b, "\\u%04X", (unsigned)(unsigned char)z[++k]);
    } else if (w->opts.eKind == FORMAT_MARKDOWN && c == '|') strbuf_puts(&b, "\\|");
    else strbuf_putc(&b, (char)c);
  }
  char *zOut = arena_strndup(pA, strbuf_cstr(&b), b.n);
  *pn = b.n;
  strbuf_free(&b);
  return zOut;
}

FormatWriter *format_begin(FILE *pOut, const FormatOptions *pOpts, tg_stmt *pStmt) {
  FormatWriter *w = tg_calloc(1, sizeof(FormatWriter));
  w->pOut = pOut;
  w->opts = *pOpts;
  w->pDb = tg_stmt_db(pStmt);
  w->nCol = tg_column_count(pStmt);
  w->azCol = tg_malloc(sizeof(char *) * (size_t)(w->nCol + 1));
  if (w->opts.nLayoutRows <= 0) w->opts.nLayoutRows = FORMAT_LAYOUT_ROWS;
  arena_init(&w->cells);
  arena_init(&w->rowArena);
  for (int i = 0; i < w->nCol; i++) {
    const char *z = tg_column_name(pStmt, i);
    size_t n;
    bool bTable = w->opts.eKind == FORMAT_TABLE || w->opts.eKind == FORMAT_MARKDOWN;
    w->azCol[i] = bTable ? formatEscapeCell(w, &w->cells, z, strlen(z), &n) : z;
  }
  switch (w->opts.eKind) {
    case FORMAT_CSV:
    case FORMAT_TSV: {
      char sep = w->opts.eKind == FORMAT_CSV ? ',' : '\t';
      for (int i = 0; i < w->nCol; i++) {
        if (i) fputc(sep, pOut);
        fputs(w->azCol[i], pOut);
      }
      if (w->nCol) fputc('\n', pOut);
      break;
    }
    default:
      break;
  }
  return w;
}

/* ---- JSON ---------------------------------------------------------------- */

/*
** Writes z[0..n) as a JSON string. JSON text must be UTF-8: a string that
** is not (only the C API can store one: LOAD CSV and the import refuse
** such bytes, and queries are checked) has each bad sequence written as
** U+FFFD, so the line still parses.
*/
static void formatJsonString(FILE *pOut, const char *z, size_t n) {
  if (!utf8_valid(z, n)) {
    StrBuf fixed;
    strbuf_init(&fixed);
    char aEnc[4];
    for (size_t i = 0; i < n;) strbuf_append(&fixed, aEnc, (size_t)utf8_encode(utf8_next(z, n, &i), aEnc));
    formatJsonString(pOut, fixed.z, fixed.n);   /* valid now: one level only */
    strbuf_free(&fixed);
    return;
  }
  fputc('"', pOut);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    switch (c) {
      case '"': fputs("\\\"", pOut); break;
      case '\\': fputs("\\\\", pOut); break;
      case '\n': fputs("\\n", pOut); break;
      case '\r': fputs("\\r", pOut); break;
      case '\t': fputs("\\t", pOut); break;
      default:
        if (c < 0x20) fprintf(pOut, "\\u%04x", c);
        else fputc((int)c, pOut);
    }
  }
  fputc('"', pOut);
}

static void formatJsonProps(FILE *pOut, tg_db *pDb, const tg_value *v) {
  fputs("\"properties\":{", pOut);
  int n = tg_entity_prop_count(pDb, v);
  for (int i = 0; i < n; i++) {
    if (i) fputc(',', pOut);
    const char *zKey = tg_entity_prop_key(pDb, v, i);
    formatJsonString(pOut, zKey, strlen(zKey));
    fputc(':', pOut);
    format_json_value(pOut, pDb, tg_entity_prop_value(pDb, v, i));
  }
  fputc('}', pOut);
}

void format_json_value(FILE *pOut, tg_db *pDb, const tg_value *v) {
  switch (tg_value_type(v)) {
    case TG_NULL: fputs("null", pOut); break;
    case TG_BOOL: fputs(tg_value_bool(v) ? "true" : "false", pOut); break;
    case TG_INT: fprintf(pOut, "%lld", (long long)tg_value_int(v)); break;
    case TG_FLOAT: {
      double f = tg_value_double(v);
      if (isnan(f) || isinf(f)) {
        char *z = tg_value_format(pDb, v);
        formatJsonString(pOut, z, strlen(z));
        tg_free(z);
      } else {
        char *z = tg_value_format(pDb, v);
        fputs(z, pOut);
        tg_free(z);
      }
      break;
    }
    case TG_STRING: {
      int n;
      const char *z = tg_value_text(v, &n);
      formatJsonString(pOut, z, (size_t)n);
      break;
    }
    case TG_LIST: {
      fputc('[', pOut);
      for (int i = 0; i < tg_value_size(v); i++) {
        if (i) fputc(',', pOut);
        format_json_value(pOut, pDb, tg_value_item(v, i));
      }
      fputc(']', pOut);
      break;
    }
    case TG_MAP: {
      fputc('{', pOut);
      for (int i = 0; i < tg_value_size(v); i++) {
        if (i) fputc(',', pOut);
        const char *zKey = tg_value_key(v, i);
        formatJsonString(pOut, zKey, strlen(zKey));
        fputc(':', pOut);
        format_json_value(pOut, pDb, tg_value_item(v, i));
      }
      fputc('}', pOut);
      break;
    }
    case TG_NODE: {
      fprintf(pOut, "{\"id\":%lld,\"labels\":[", (long long)tg_value_id(v));
      for (int i = 0; i < tg_node_label_count(pDb, v); i++) {
        if (i) fputc(',', pOut);
        const char *z = tg_node_label(pDb, v, i);
        formatJsonString(pOut, z, strlen(z));
      }
      fputs("],", pOut);
      formatJsonProps(pOut, pDb, v);
      fputc('}', pOut);
      break;
    }
    case TG_RELATIONSHIP: {
      const char *zType = tg_rel_type(pDb, v);
      fprintf(pOut, "{\"id\":%lld,\"type\":", (long long)tg_value_id(v));
      formatJsonString(pOut, zType ? zType : "", zType ? strlen(zType) : 0);
      fprintf(pOut, ",\"start\":%lld,\"end\":%lld,", (long long)tg_rel_start(pDb, v),
              (long long)tg_rel_end(pDb, v));
      formatJsonProps(pOut, pDb, v);
      fputc('}', pOut);
      break;
    }
    case TG_PATH: {
      for (int k = 0; k < 2; k++) {
        fputs(k ? ",\"relationships\":[" : "{\"nodes\":[", pOut);
        for (int i = k, j = 0; i < tg_value_size(v); i += 2, j++) {
          if (j) fputc(',', pOut);
          format_json_value(pOut, pDb, tg_value_item(v, i));
        }
        fputc(']', pOut);
      }
      fputc('}', pOut);
      break;
    }
    default: {
      char *z = tg_value_format(pDb, v);
      formatJsonString(pOut, z, strlen(z));
      tg_free(z);
      break;
    }
  }
}

/* ---- Cells ---------------------------------------------------------------- */

/* The text of column i: strings as they are, other values as literals. */
static const char *formatCellText(tg_stmt *pStmt, int i, size_t *pn) {
  const char *z = tg_column_text(pStmt, i);
  *pn = (size_t)tg_column_bytes(pStmt, i);
  return z ? z : "";
}

static void formatDelimited(FormatWriter *w, tg_stmt *pStmt, char sep) {
  for (int i = 0; i < w->nCol; i++) {
    if (i) fputc(sep, w->pOut);
    if (tg_column_type(pStmt, i) == TG_NULL) continue;
    size_t n;
    const char *z = formatCellText(pStmt, i, &n);
    if (sep == ',') {
      bool bQuote = false;
      for (size_t k = 0; k < n && !bQuote; k++) {
        bQuote = z[k] == ',' || z[k] == '"' || z[k] == '\n' || z[k] == '\r';
      }
      if (n && (z[0] == ' ' || z[n - 1] == ' ')) bQuote = true;
      if (!bQuote) {
        fwrite(z, 1, n, w->pOut);
        continue;
      }
      fputc('"', w->pOut);
      for (size_t k = 0; k < n; k++) {
        if (z[k] == '"') fputc('"', w->pOut);
        fputc(z[k], w->pOut);
      }
      fputc('"', w->pOut);
    } else {
      for (size_t k = 0; k < n; k++) {
        if (z[k] == '\t') fputs("\\t", w->pOut);
        else if (z[k] == '\n') fputs("\\n", w->pOut);
        else if (z[k] == '\r') fputs("\\r", w->pOut);
        else if (z[k] == '\\') fputs("\\\\", w->pOut);
        else fputc(z[k], w->pOut);
      }
    }
  }
  fputc('\n', w->pOut);
}

/* The current row's cells as a table shows them, in arena pA. */
static FormatCell *formatMakeCells(FormatWriter *w, tg_stmt *pStmt, Arena *pA) {
  FormatCell *aCell = arena_alloc(pA, sizeof(FormatCell) * (size_t)(w->nCol + 1));
  for (int i = 0; i < w->nCol; i++) {
    int type = tg_column_type(pStmt, i);
    size_t n;
    const char *z = formatCellText(pStmt, i, &n);
    aCell[i].z = formatEscapeCell(w, pA, z, n, &aCell[i].n);
    aCell[i].bNull = type == TG_NULL;
    aCell[i].bRight = type == TG_INT || type == TG_FLOAT;
    aCell[i].bWhole = aCell[i].bRight || aCell[i].bNull || (type >= TG_DATE && type <= TG_POINT);
  }
  return aCell;
}

static void formatTableRow(FormatWriter *w, const FormatCell *aCell, Arena *pTmp);
static void formatWidenFor(FormatWriter *w, const FormatCell *aCell);
static void formatStartStreaming(FormatWriter *w);

void format_row(FormatWriter *w, tg_stmt *pStmt) {
  w->nRow++;
  if (w->opts.nMaxRows >= 0 && w->nShown >= w->opts.nMaxRows) return;
  if (formatStopped(w)) return;
  w->nShown++;
  switch (w->opts.eKind) {
    case FORMAT_CSV: formatDelimited(w, pStmt, ','); return;
    case FORMAT_TSV: formatDelimited(w, pStmt, '\t'); return;
    case FORMAT_JSON:
      fputc('{', w->pOut);
      for (int i = 0; i < w->nCol; i++) {
        if (i) fputc(',', w->pOut);
        formatJsonString(w->pOut, w->azCol[i], strlen(w->azCol[i]));
        fputc(':', w->pOut);
        format_json_value(w->pOut, w->pDb, tg_column_value(pStmt, i));
      }
      fputs("}\n", w->pOut);
      return;
    default:
      if (w->bStreaming) {
        /* The layout is fixed: write the row now, from scratch memory. */
        arena_reset(&w->rowArena);
        FormatCell *aCell = formatMakeCells(w, pStmt, &w->rowArena);
        formatWidenFor(w, aCell);
        formatTableRow(w, aCell, &w->rowArena);
        return;
      }
      vec_push(&w->rows, formatMakeCells(w, pStmt, &w->cells));
      if ((long)w->rows.n >= w->opts.nLayoutRows) formatStartStreaming(w);
      return;
  }
}

/* ---- Table ----------------------------------------------------------------- */

static void formatRepeat(FILE *pOut, const char *z, size_t n) {
  for (size_t i = 0; i < n; i++) fputs(z, pOut);
}

/* Is z[i] part of a word that may hold a number: a letter or digit, or a
** '.' or ',' between digits' places ("3.25", "1,000")? */
static bool formatWordChar(const char *z, size_t n, size_t i) {
  char c = z[i];
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return (c == '.' || c == ',') && i + 1 < n && z[i + 1] >= '0' && z[i + 1] <= '9';
}

/*
** Where to cut z[0..n) so that at most nKeep bytes stay, without leaving a
** number (or a word holding digits, such as "H100") just before the '…':
** "1234567…" reads as a smaller number, and even a whole "3.25…" may hide
** more digits. Such a word is dropped whole.
*/
static size_t formatCutOutsideNumber(const char *z, size_t n, size_t nKeep) {
  size_t iStart = nKeep;
  while (iStart > 0 && formatWordChar(z, n, iStart - 1)) iStart--;
  for (size_t i = iStart; i < nKeep; i++) {
    if (z[i] >= '0' && z[i] <= '9') return iStart;
  }
  return nKeep;
}

/* Writes text padded to nWidth display columns: shortened with … (never in
** the middle of a number) when it is wider, unless bWhole, when it is
** written whole and what follows on the line moves right. */
static void formatPadded(FormatWriter *w, Arena *pA, const char *z, size_t n, size_t nWidth,
                         bool bRight, bool bWhole, const char *zColor) {
  const char *zShow = z;
  size_t nShow = n;
  size_t nCol = utf8_width(z, n);
  if (nCol > nWidth && !bWhole) {
    zShow = utf8_truncate(pA, z, n, nWidth, &nShow, NULL);
    size_t nKeep = nShow >= 3 ? nShow - 3 : 0;   /* the bytes before U+2026 */
    size_t nCut = formatCutOutsideNumber(z, n, nKeep);
    if (nCut < nKeep) {
      char *zCut = arena_alloc(pA, nCut + 4);
      memcpy(zCut, z, nCut);
      memcpy(zCut + nCut, "\xE2\x80\xA6", 4);   /* U+2026 and the NUL */
      zShow = zCut;
      nShow = nCut + 3;
    }
    nCol = utf8_width(zShow, nShow);
  }
  size_t nPad = nWidth > nCol ? nWidth - nCol : 0;
  if (bRight) formatRepeat(w->pOut, " ", nPad);
  if (zColor) fputs(zColor, w->pOut);
  fwrite(zShow, 1, nShow, w->pOut);
  if (zColor) fputs("\033[0m", w->pOut);
  if (!bRight) formatRepeat(w->pOut, " ", nPad);
}

static void formatRule(FormatWriter *w, const size_t *aWidth, const char *zLeft, const char *zMid,
                       const char *zRight) {
  fputs(zLeft, w->pOut);
  for (int i = 0; i < w->nCol; i++) {
    if (i) fputs(zMid, w->pOut);
    formatRepeat(w->pOut, "─", aWidth[i] + 2);
  }
  fputs(zRight, w->pOut);
  fputc('\n', w->pOut);
}

/*
** Narrows the widest columns until the table fits nMax display columns.
** A column keeps at least 8 columns and at least aFloor[i], the width of
** its widest number or temporal value, which is never shortened; when only
** such columns are left, the table stays wider than nMax.
*/
static void formatFit(size_t *aWidth, const size_t *aFloor, int nCol, int nMax) {
  if (nMax <= 0) return;
  for (;;) {
    size_t nTotal = 1;
    int iWidest = -1;
    for (int i = 0; i < nCol; i++) {
      nTotal += aWidth[i] + 3;
      bool bShrinks = aWidth[i] > 8 && aWidth[i] > aFloor[i];
      if (bShrinks && (iWidest < 0 || aWidth[i] > aWidth[iWidest])) iWidest = i;
    }
    if (nTotal <= (size_t)nMax || iWidest < 0) return;
    aWidth[iWidest]--;
  }
}

/*
** Fixes the column widths from the column names and the rows held so far
** (at least one column each), fitted into nMaxWidth. Numbers, temporal
** values and nulls set a floor that fitting never goes below.
*/
static void formatLayout(FormatWriter *w) {
  size_t *aWidth = tg_calloc((size_t)w->nCol + 1, sizeof(size_t));
  size_t *aFloor = tg_calloc((size_t)w->nCol + 1, sizeof(size_t));
  for (int i = 0; i < w->nCol; i++) aWidth[i] = utf8_width(w->azCol[i], strlen(w->azCol[i]));
  for (uint32_t r = 0; r < w->rows.n; r++) {
    for (int i = 0; i < w->nCol; i++) {
      size_t n = utf8_width(w->rows.a[r][i].z, w->rows.a[r][i].n);
      if (n > aWidth[i]) aWidth[i] = n;
      if (w->rows.a[r][i].bWhole && n > aFloor[i]) aFloor[i] = n;
    }
  }
  formatFit(aWidth, aFloor, w->nCol, w->opts.nMaxWidth);
  tg_free(aFloor);
  w->aWidth = aWidth;
}

/* Writes the header: the box's top rule, names and middle rule, or the
** Markdown header and its dashes. */
static void formatHeader(FormatWriter *w, Arena *pTmp) {
  const size_t *aWidth = w->aWidth;
  if (w->opts.eKind == FORMAT_MARKDOWN) {
    fputc('|', w->pOut);
    for (int i = 0; i < w->nCol; i++) {
      fputc(' ', w->pOut);
      formatPadded(w, pTmp, w->azCol[i], strlen(w->azCol[i]), aWidth[i], false, false, NULL);
      fputs(" |", w->pOut);
    }
    fputs("\n|", w->pOut);
    for (int i = 0; i < w->nCol; i++) {
      fputc(' ', w->pOut);
      formatRepeat(w->pOut, "-", aWidth[i] ? aWidth[i] : 1);
      fputs(" |", w->pOut);
    }
    fputc('\n', w->pOut);
    return;
  }
  const char *zHead = w->opts.bColor ? "\033[1m" : NULL;
  formatRule(w, aWidth, "┌", "┬", "┐");
  fputs("│", w->pOut);
  for (int i = 0; i < w->nCol; i++) {
    fputc(' ', w->pOut);
    formatPadded(w, pTmp, w->azCol[i], strlen(w->azCol[i]), aWidth[i], false, false, zHead);
    fputs(" │", w->pOut);
  }
  fputc('\n', w->pOut);
  formatRule(w, aWidth, "├", "┼", "┤");
}

/* Writes one row of cells with the fixed widths. */
static void formatTableRow(FormatWriter *w, const FormatCell *aCell, Arena *pTmp) {
  bool bMd = w->opts.eKind == FORMAT_MARKDOWN;
  const char *zNull = w->opts.bColor && !bMd ? "\033[2m" : NULL;
  fputs(bMd ? "|" : "│", w->pOut);
  for (int i = 0; i < w->nCol; i++) {
    const FormatCell *c = &aCell[i];
    fputc(' ', w->pOut);
    if (c->bNull) formatPadded(w, pTmp, "null", 4, w->aWidth[i], false, true, zNull);
    else formatPadded(w, pTmp, c->z, c->n, w->aWidth[i], c->bRight, c->bWhole, NULL);
    fputs(bMd ? " |" : " │", w->pOut);
  }
  fputc('\n', w->pOut);
}

/*
** Before a streamed row: a cell wider than its column widens the column
** from this row on, as far as nMaxWidth allows (no column narrows), and a
** middle rule drawn with the new widths marks the change. What still does
** not fit is shortened (text) or written whole (numbers, temporal values,
** null) by formatPadded.
*/
static void formatWidenFor(FormatWriter *w, const FormatCell *aCell) {
  size_t *aNew = NULL, *aFloor = NULL;
  for (int i = 0; i < w->nCol; i++) {
    size_t n = aCell[i].bNull ? 4 : utf8_width(aCell[i].z, aCell[i].n);
    if (n <= w->aWidth[i]) continue;
    if (aNew == NULL) {
      aNew = tg_malloc(sizeof(size_t) * (size_t)(w->nCol + 1));
      aFloor = tg_malloc(sizeof(size_t) * (size_t)(w->nCol + 1));
      memcpy(aNew, w->aWidth, sizeof(size_t) * (size_t)w->nCol);
      memcpy(aFloor, w->aWidth, sizeof(size_t) * (size_t)w->nCol);
    }
    aNew[i] = n;
    if (aCell[i].bWhole) aFloor[i] = n;
  }
  if (aNew == NULL) return;
  formatFit(aNew, aFloor, w->nCol, w->opts.nMaxWidth);
  if (memcmp(aNew, w->aWidth, sizeof(size_t) * (size_t)w->nCol) != 0) {
    memcpy(w->aWidth, aNew, sizeof(size_t) * (size_t)w->nCol);
    if (w->opts.eKind != FORMAT_MARKDOWN) formatRule(w, w->aWidth, "├", "┼", "┤");
  }
  tg_free(aNew);
  tg_free(aFloor);
}

/* Lays out the columns from the rows held, writes the header and those
** rows (stopping early if asked to), and frees them: later rows stream. */
static void formatStartStreaming(FormatWriter *w) {
  formatLayout(w);
  Arena tmp;
  arena_init(&tmp);
  formatHeader(w, &tmp);
  for (uint32_t r = 0; r < w->rows.n && !formatStopped(w); r++) {
    formatTableRow(w, w->rows.a[r], &tmp);
    arena_reset(&tmp);
  }
  arena_free(&tmp);
  vec_free(&w->rows);
  w->bStreaming = true;
}

/* Closes a box table with its bottom rule (Markdown has none). */
static void formatFooter(FormatWriter *w) {
  if (w->opts.eKind != FORMAT_MARKDOWN) formatRule(w, w->aWidth, "└", "┴", "┘");
}

/* Frees the writer and everything it holds. */
static void formatFree(FormatWriter *w) {
  vec_free(&w->rows);
  arena_free(&w->cells);
  arena_free(&w->rowArena);
  tg_free(w->aWidth);
  tg_free(w->azCol);
  tg_free(w);
}

long format_end(FormatWriter *w, long *pnHidden) {
  if (formatIsTable(w)) {
    if (!w->bStreaming) formatStartStreaming(w);   /* a short result: laid out from every row */
    formatFooter(w);
  }
  long nRow = w->nRow;
  if (pnHidden) *pnHidden = w->nRow - w->nShown;
  formatFree(w);
  return nRow;
}

void format_discard(FormatWriter *w) {
  if (w == NULL) return;
  if (formatIsTable(w) && w->bStreaming) formatFooter(w);
  formatFree(w);
}
