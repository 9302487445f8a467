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
**             never leaves part of a number before the '…'. The widths
**             come from the header and the first nLayoutRows rows (1,000
**             by default), which are held until then; the table is then
**             written and the rows after stream through in constant
**             memory: a later text cell wider than its column is
**             shortened with '…', and a later number, temporal value or
**             null that is wider is written whole, pushing the rest of
**             its row to the right;
**   csv       RFC 4180 (quotes when needed), header row first;
**   tsv       tab-separated, tabs and newlines escaped as \t \n;
**   json      one JSON object per row and line (nodes, relationships and
**             paths as objects; temporal values as ISO strings);
**   markdown  a GitHub-style pipe table, laid out and streamed as tables are.
**
** A writer stops writing rows once *pStop (the shell's interrupt flag) is
** set; a table already on the screen is still closed with its bottom rule.
*/
#ifndef TANGLE_FORMAT_H
#define TANGLE_FORMAT_H

#include <signal.h>
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

/* Rows a table holds to lay out its columns before it streams. */
#define FORMAT_LAYOUT_ROWS 1000

typedef struct FormatOptions {
  FormatKind eKind;
  int nMaxWidth;           /* table: total width to fit, 0 = unlimited */
  long nMaxRows;           /* rows to show, < 0 = all */
  bool bColor;             /* table: colour the header and nulls (ANSI) */
  long nLayoutRows;        /* table: rows that set the widths; 0: FORMAT_LAYOUT_ROWS */
  volatile sig_atomic_t *pStop;  /* when set (non-zero), write no more rows; may be NULL */
} FormatOptions;

typedef struct FormatWriter FormatWriter;

/* Parses "table", "csv", ... into *pe; false if unknown. */
bool format_parse_kind(const char *zName, FormatKind *pe);
const char *format_kind_name(FormatKind e);

FormatWriter *format_begin(FILE *pOut, const FormatOptions *pOpts, tg_stmt *pStmt);
/* Writes the statement's current row (a table holds its first
** nLayoutRows rows, then writes them all and streams the rest). */
void format_row(FormatWriter *w, tg_stmt *pStmt);
/* Finishes the output; returns rows seen. *pnHidden gets the rows not
** shown because of nMaxRows. Frees the writer. */
long format_end(FormatWriter *w, long *pnHidden);
/* Ends the output of a statement that failed or was stopped: rows a
** table still holds are dropped (so a failure within the first
** nLayoutRows rows writes nothing), and a table already being written is
** closed with its bottom rule. Frees the writer. */
void format_discard(FormatWriter *w);

/* Writes one value as JSON (used by the json writer and tests). */
void format_json_value(FILE *pOut, tg_db *pDb, const tg_value *v);

#endif /* TANGLE_FORMAT_H */
