/*
** shell.c — running statements for the command line and the REPL:
** prepare, bind parameters, step, write rows with the chosen format, and
** print errors with the source line and a caret (see shell.h).
*/
#include "shell.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "utf8.h"

bool shell_set_param(Shell *s, const char *zName, const char *zLiteral) {
  if (zName[0] == '$') zName++;
  tg_value *v = tg_value_parse(s->pDb, zLiteral);
  if (v == NULL) return false;
  tg_value_free(v);
  for (int i = 0; i < s->nParam; i++) {
    if (strcmp(s->aParam[i].zName, zName) == 0) {
      free(s->aParam[i].zLiteral);
      s->aParam[i].zLiteral = strdup(zLiteral);
      return true;
    }
  }
  s->aParam = realloc(s->aParam, sizeof(ShellParam) * (size_t)(s->nParam + 1));
  if (s->aParam == NULL) abort();
  s->aParam[s->nParam].zName = strdup(zName);
  s->aParam[s->nParam].zLiteral = strdup(zLiteral);
  s->nParam++;
  return true;
}

void shell_clear_params(Shell *s) {
  for (int i = 0; i < s->nParam; i++) {
    free(s->aParam[i].zName);
    free(s->aParam[i].zLiteral);
  }
  free(s->aParam);
  s->aParam = NULL;
  s->nParam = 0;
}

void shell_free(Shell *s) { shell_clear_params(s); }

/* Line number (0-based) of position zAt within zText. */
static int shellLinesBefore(const char *zText, const char *zAt) {
  int n = 0;
  for (const char *z = zText; z < zAt; z++) n += *z == '\n';
  return n;
}

void shell_print_error(Shell *s, const char *zText, const char *zFile, int iLineBase) {
  tg_db *pDb = s->pDb;
  int iLine = tg_error_line(pDb), iCol = tg_error_column(pDb);
  const char *zRed = s->bColorErr ? "\033[1;31m" : "", *zOff = s->bColorErr ? "\033[0m" : "";
  fprintf(stderr, "%s%s%s: ", zRed, tg_errkind(pDb), zOff);
  if (zFile) fprintf(stderr, "%s, ", zFile);
  if (iLine > 0) fprintf(stderr, "line %d, column %d: ", iLine + iLineBase - 1, iCol);
  fprintf(stderr, "%s\n", tg_errmsg(pDb));
  if (iLine <= 0 || zText == NULL) return;
  /* The offending line, then a caret under the column (display width). */
  const char *z = zText;
  for (int i = 1; i < iLine && *z; i++) {
    const char *zNl = strchr(z, '\n');
    if (zNl == NULL) return;
    z = zNl + 1;
  }
  const char *zEnd = strchr(z, '\n');
  size_t nLine = zEnd ? (size_t)(zEnd - z) : strlen(z);
  if (nLine && z[nLine - 1] == '\r') nLine--;
  fprintf(stderr, "  %.*s\n  ", (int)nLine, z);
  size_t iByte = utf8_offset(z, nLine, (size_t)(iCol > 0 ? iCol - 1 : 0));
  for (size_t i = 0; i < iByte;) {
    if (z[i] == '\t') {
      fputc('\t', stderr);
      i++;
      continue;
    }
    size_t iNext = i;
    utf8_next(z, iByte, &iNext);
    size_t w = utf8_width(z + i, iNext - i);
    for (size_t k = 0; k < w; k++) fputc(' ', stderr);
    i = iNext;
  }
  fprintf(stderr, "%s^%s\n", zRed, zOff);
}

static double shellNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Prints "Created 2 nodes, set 3 properties" for a person at a terminal. */
static void shellPrintChanges(tg_stmt *pStmt) {
  tg_changes c;
  tg_stmt_changes(pStmt, &c);
  struct { int64_t n; const char *zWhat; } a[] = {
      {c.nNodesCreated, "created %lld node%s"},     {c.nNodesDeleted, "deleted %lld node%s"},
      {c.nRelsCreated, "created %lld relationship%s"}, {c.nRelsDeleted, "deleted %lld relationship%s"},
      {c.nPropsSet, "set %lld propert%s"},          {c.nPropsRemoved, "removed %lld propert%s"},
      {c.nLabelsAdded, "added %lld label%s"},       {c.nLabelsRemoved, "removed %lld label%s"},
  };
  bool bAny = false;
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (a[i].n == 0) continue;
    fputs(bAny ? ", " : "", stderr);
    bool bProp = strstr(a[i].zWhat, "propert") != NULL;
    fprintf(stderr, a[i].zWhat, (long long)a[i].n,
            bProp ? (a[i].n == 1 ? "y" : "ies") : (a[i].n == 1 ? "" : "s"));
    bAny = true;
  }
  if (bAny) fputs(".\n", stderr);
}

/* Steps one prepared statement, writing its rows. Returns 0 or 1 (error). */
static int shellRunStmt(Shell *s, tg_stmt *pStmt, const char *zText, const char *zFile,
                        int iLineBase) {
  for (int i = 0; i < s->nParam; i++) tg_bind_literal(pStmt, s->aParam[i].zName, s->aParam[i].zLiteral);
  double t0 = shellNowMs();
  /* RENDER without a file yields its drawing: write the bytes as they are. */
  bool bRaw = tg_stmt_is_render(pStmt) && tg_column_count(pStmt) == 1 &&
              strcmp(tg_column_name(pStmt, 0), "render") == 0;
  FormatWriter *w = (tg_column_count(pStmt) && !bRaw) ? format_begin(stdout, &s->fmt, pStmt) : NULL;
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) {
    if (w) format_row(w, pStmt);
    if (bRaw) fwrite(tg_column_text(pStmt, 0), 1, (size_t)tg_column_bytes(pStmt, 0), stdout);
  }
  long nHidden = 0, nRow = 0;
  if (w) nRow = format_end(w, &nHidden);
  double ms = shellNowMs() - t0;
  fflush(stdout);   /* rows before any message about them */
  if (rc == TG_ERROR) {
    shell_print_error(s, zText, zFile, iLineBase);
    return 1;
  }
  if (tg_stmt_is_explain(pStmt) == 2) fputs(tg_stmt_plan(pStmt), stdout);
  if (nHidden > 0) fprintf(stderr, "(%ld more row%s not shown)\n", nHidden, nHidden == 1 ? "" : "s");
  if (s->bInteractive) {
    shellPrintChanges(pStmt);
    if (tg_column_count(pStmt)) fprintf(stderr, "%ld row%s", nRow, nRow == 1 ? "" : "s");
    if (s->bTiming || tg_column_count(pStmt)) {
      fprintf(stderr, "%s(%.1f ms)\n", tg_column_count(pStmt) ? " " : "", ms);
    }
  } else if (s->bTiming) {
    fprintf(stderr, "%ld row%s (%.1f ms)\n", nRow, nRow == 1 ? "" : "s", ms);
  }
  fflush(stdout);
  return 0;
}

int shell_run(Shell *s, const char *zText, const char *zFile, int iLineBase) {
  const char *z = zText;
  int nFail = 0;
  while (*z) {
    tg_stmt *pStmt = NULL;
    const char *zTail = NULL;
    int iBase = iLineBase + shellLinesBefore(zText, z);
    int rc = tg_prepare(s->pDb, z, -1, &pStmt, &zTail);
    if (rc != TG_OK) {
      fflush(stdout);
      shell_print_error(s, z, zFile, iBase);
      nFail++;
      if (!s->bContinue || zTail == NULL || zTail == z) return nFail;
      z = zTail;
      continue;
    }
    if (pStmt == NULL) break;
    if (s->bExplainAll || s->bProfileAll) {
      /* REPL toggles: run the statement again with EXPLAIN / PROFILE. */
      if (!tg_stmt_is_explain(pStmt)) {
        size_t n = (size_t)(zTail - z);
        char *zWrapped = malloc(n + 16);
        if (zWrapped == NULL) abort();
        snprintf(zWrapped, n + 16, "%s %.*s", s->bProfileAll ? "PROFILE" : "EXPLAIN", (int)n, z);
        tg_stmt *pWrapped = NULL;
        if (tg_prepare(s->pDb, zWrapped, -1, &pWrapped, NULL) == TG_OK && pWrapped) {
          tg_finalize(pStmt);
          pStmt = pWrapped;
        }
        free(zWrapped);
      }
    }
    nFail += shellRunStmt(s, pStmt, z, zFile, iBase);
    tg_finalize(pStmt);
    if (nFail && !s->bContinue) return nFail;
    z = zTail;
  }
  return nFail;
}
