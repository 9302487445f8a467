/*
** format.h — writing result rows: table, csv, tsv, json, markdown.
**
** One writer interface for the command line, the REPL and the tests. A
** writer is fed the columns once and then each row of a statement; it
** reads values through the public API only (tangle.h).
**
**   table     a Unicode box; column widths follow display width (East
**             Asian wide characters take two columns, combining marks
**             none), long text cells are shortened with '…' to fit max
**             width; numbers and temporal values never are, and a cut
**             never leaves part of a number before the '…';
**   csv       RFC 4180 (quotes when needed), header row first;
**   tsv       tab-separated, tabs and newlines escaped as \t \n;
**   json      one JSON object per row and line (nodes, relationships and
**             paths as objects; temporal values as ISO strings);
**   markdown  a GitHub-style pipe table.
*/
#ifndef TANGLE_FORMAT_H
#define TANGLE_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "tangle.h"

typedef enum FormatKind {
  FORMAT_TABLE = 0,
  FORMAT_CSV,
  FORMAT_TSV,
  FORMAT_JSON,
  FORMAT_MARKDOWN,
  FORMAT__COUNT
} FormatKind;

typedef struct FormatOptions {
  FormatKind eKind;
  int nMaxWidth;           /* table: total width to fit, 0 = unlimited */
  long nMaxRows;           /* rows to show, < 0 = all */
  bool bColor;             /* table: colour the header and nulls (ANSI) */
} FormatOptions;

typedef struct FormatWriter FormatWriter;

/* Parses "table", "csv", ... into *pe; false if unknown. */
bool format_parse_kind(const char *zName, FormatKind *pe);
const char *format_kind_name(FormatKind e);

FormatWriter *format_begin(FILE *pOut, const FormatOptions *pOpts, tg_stmt *pStmt);
/* Writes (or, for tables, keeps) the statement's current row. */
void format_row(FormatWriter *w, tg_stmt *pStmt);
/* Finishes the output; returns rows seen. *pnHidden gets the rows not
** shown because of nMaxRows. Frees the writer. */
long format_end(FormatWriter *w, long *pnHidden);

/* Writes one value as JSON (used by the json writer and tests). */
void format_json_value(FILE *pOut, tg_db *pDb, const tg_value *v);

#endif /* TANGLE_FORMAT_H */
