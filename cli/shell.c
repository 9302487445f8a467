/*
** shell.c — running statements for the command line, scripts and the
** REPL: prepare, bind parameters, step, write rows with the chosen format,
** keep the last result's graph values for :render, and print errors with
** the source line and a caret (see shell.h).
**
** It owns no terminal handling (repl.c) and no command parsing (meta.c);
** script input hands lines that start with ':' to meta_run().
*/
#include "shell.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "complete.h"
#include "meta.h"
#include "remote.h"
#include "base/utf8.h"

volatile sig_atomic_t shell_interrupted;

int shell_terminal_width(void) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

/* Most graph values kept from one result for :render. */
#define SHELL_MAX_KEPT 100000

/* ---- Parameters ------------------------------------------------------------ */

tg_value *shell_eval_value(Shell *s, const char *zLine, size_t iValue, const char *zWhere, int iLine) {
  const char *z = zLine + iValue;
  while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r') z++;
  if (*z == 0 || *z == ';') {
    fprintf(stderr, "%s%sthe value is missing\n", zWhere ? zWhere : "", zWhere ? ": " : "");
    return NULL;
  }
  /* "RETURN" alone on the first line, then zLine with the text before the
  ** value blanked, one space per character: an error's line and column
  ** are then the user's, and the caret is drawn under zLine itself. */
  size_t n = strlen(zLine);
  char *zText = malloc(n + 8), *zShown = malloc(n + 8);
  if (zText == NULL || zShown == NULL) abort();
  size_t k = 0;
  memcpy(zText, "RETURN\n", 7);
  k = 7;
  for (size_t i = 0; i < iValue; i++) {
    if (((unsigned char)zLine[i] & 0xC0) != 0x80) zText[k++] = zLine[i] == '\t' ? '\t' : ' ';
  }
  memcpy(zText + k, zLine + iValue, n - iValue + 1);
  snprintf(zShown, n + 8, "RETURN\n%s", zLine);
  tg_stmt *pStmt = NULL;
  tg_value *pVal = NULL;
  const char *zTail = NULL;
  int rc = tg_prepare(s->pDb, zText, -1, &pStmt, &zTail);
  if (rc == TG_OK && pStmt) {
    while (zTail && (*zTail == ' ' || *zTail == '\t' || *zTail == '\n' || *zTail == '\r')) zTail++;
    if (zTail && *zTail) {
      fprintf(stderr, "%s%sthe value must be one expression; found more after it: %s\n",
              zWhere ? zWhere : "", zWhere ? ": " : "", zTail);
      tg_finalize(pStmt);
      free(zText);
      free(zShown);
      return NULL;
    }
    shell_bind_params(s, pStmt);
    if (tg_column_count(pStmt) == 1 && tg_step(pStmt) == TG_ROW) {
      pVal = tg_value_dup(tg_column_value(pStmt, 0));
    }
  }
  if (pVal == NULL) shell_print_error(s, zShown, zWhere, iLine - 1);
  tg_finalize(pStmt);
  free(zText);
  free(zShown);
  return pVal;
}

void shell_set_param_value(Shell *s, const char *zName, tg_value *pVal) {
  if (zName[0] == '$') zName++;
  for (int i = 0; i < s->nParam; i++) {
    if (strcmp(s->aParam[i].zName, zName) == 0) {
      tg_value_free(s->aParam[i].pVal);
      s->aParam[i].pVal = pVal;
      return;
    }
  }
  s->aParam = realloc(s->aParam, sizeof(ShellParam) * (size_t)(s->nParam + 1));
  if (s->aParam == NULL) abort();
  s->aParam[s->nParam].zName = strdup(zName);
  s->aParam[s->nParam].pVal = pVal;
  if (s->aParam[s->nParam].zName == NULL) abort();
  s->nParam++;
}

void shell_clear_params(Shell *s) {
  for (int i = 0; i < s->nParam; i++) {
    free(s->aParam[i].zName);
    tg_value_free(s->aParam[i].pVal);
  }
  free(s->aParam);
  s->aParam = NULL;
  s->nParam = 0;
}

void shell_bind_params(Shell *s, tg_stmt *pStmt) {
  for (int i = 0; i < tg_param_count(pStmt); i++) {
    const char *zName = tg_param_name(pStmt, i);
    for (int k = 0; k < s->nParam; k++) {
      if (strcmp(s->aParam[k].zName, zName) == 0) {
        tg_bind_value(pStmt, zName, s->aParam[k].pVal);
        break;
      }
    }
  }
}

/* Forgets the values kept from the last result. */
static void shellClearLast(Shell *s) {
  for (int i = 0; i < s->nLast; i++) tg_value_free(s->apLast[i]);
  s->nLast = 0;
}

void shell_free(Shell *s) {
  shell_clear_params(s);
  shellClearLast(s);
  free(s->apLast);
  s->apLast = NULL;
  s->nLastAlloc = 0;
  complete_cache_free(s);
}

void shell_update_width(Shell *s) {
  if (s->nMaxWidthOpt > 0) s->fmt.nMaxWidth = s->nMaxWidthOpt;
  else if (isatty(STDOUT_FILENO)) s->fmt.nMaxWidth = shell_terminal_width();
  else s->fmt.nMaxWidth = 0;
}

bool shell_in_transaction(Shell *s) {
  return s->pRemote ? remote_in_transaction(s->pRemote) : tg_in_transaction(s->pDb) != 0;
}

int64_t shell_query_int(Shell *s, const char *zQuery) {
  if (s->pRemote) return remote_query_int(s, zQuery);
  tg_stmt *pStmt = NULL;
  int64_t n = -1;
  if (tg_prepare(s->pDb, zQuery, -1, &pStmt, NULL) == TG_OK && pStmt) {
    if (tg_step(pStmt) == TG_ROW) n = tg_column_int(pStmt, 0);
  }
  tg_finalize(pStmt);
  return n;
}

void shell_graph_counts(Shell *s, int64_t *pnNode, int64_t *pnRel) {
  if (s->pRemote) {
    *pnNode = remote_query_int(s, "MATCH (n) RETURN count(n)");
    *pnRel = remote_query_int(s, "MATCH ()-[r]->() RETURN count(r)");
  } else {
    *pnNode = tg_node_count(s->pDb);
    *pnRel = tg_relationship_count(s->pDb);
  }
}

/* ---- Errors -------------------------------------------------------------------- */

/* Line number (0-based) of position zAt within zText. */
static int shellLinesBefore(const char *zText, const char *zAt) {
  int n = 0;
  for (const char *z = zText; z < zAt; z++) n += *z == '\n';
  return n;
}

static void shellEchoLine(const char *z, size_t nLine, size_t iCaret, const char *zRed,
                          const char *zOff);

void shell_print_error(Shell *s, const char *zText, const char *zFile, int iLineBase) {
  tg_db *pDb = s->pDb;
  int iLine = tg_error_line(pDb), iCol = tg_error_column(pDb);
  const char *zRed = s->bColorErr ? "\033[1;31m" : "", *zOff = s->bColorErr ? "\033[0m" : "";
  fprintf(stderr, "%s%s%s: ", zRed, tg_errkind(pDb), zOff);
  if (zFile) fprintf(stderr, "%s, ", zFile);
  if (iLine > 0) fprintf(stderr, "line %d, column %d: ", iLine + iLineBase - 1, iCol);
  else if (zFile) fprintf(stderr, "statement at line %d: ", iLineBase);   /* a runtime error */
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
  size_t iCaret = utf8_offset(z, nLine, (size_t)(iCol > 0 ? iCol - 1 : 0));
  shellEchoLine(z, nLine, iCaret, zRed, zOff);
}

/* Writes code point c (bytes z[0..n)) as an echoed source line shows it,
** to f when f is not NULL; returns the columns it takes. A control
** character (C0 but tab, DEL, C1) is written as \uXXXX: raw, it would
** drive the terminal (clear it, move the cursor) instead of showing. */
static size_t shellEchoChar(FILE *f, const char *z, size_t n, uint32_t c) {
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
    if (c == '\t') {
      if (f) fputc('\t', f);
      return 1;
    }
    if (f) fprintf(f, "\\u%04X", (unsigned)c);
    return 6;
  }
  if (f) fwrite(z, 1, n, f);
  return utf8_width(z, n);
}

/*
** Echoes a source line and a caret under byte iCaret. A long line is cut
** to a window around the caret, with … where text was left out (a 10 MB
** line would otherwise be printed whole); tabs are kept in the caret line
** so it stays aligned.
*/
static void shellEchoLine(const char *z, size_t nLine, size_t iCaret, const char *zRed,
                          const char *zOff) {
  enum { ECHO_BEFORE = 60, ECHO_AFTER = 60 };
  /* The window: up to ECHO_BEFORE code points before the caret and
  ** ECHO_AFTER from it. */
  size_t iStart = iCaret, iStop = iCaret;
  for (int k = 0; k < ECHO_BEFORE && iStart > 0; k++) {
    do iStart--; while (iStart > 0 && ((unsigned char)z[iStart] & 0xC0) == 0x80);
  }
  for (int k = 0; k < ECHO_AFTER && iStop < nLine; k++) utf8_next(z, nLine, &iStop);
  fputs(iStart > 0 ? "  …" : "  ", stderr);
  for (size_t i = iStart; i < iStop;) {
    size_t iNext = i;
    uint32_t c = utf8_next(z, iStop, &iNext);
    shellEchoChar(stderr, z + i, iNext - i, c);
    i = iNext;
  }
  fputs(iStop < nLine ? "…\n  " : "\n  ", stderr);
  if (iStart > 0) fputc(' ', stderr);   /* under the … */
  for (size_t i = iStart; i < iCaret;) {
    size_t iNext = i;
    uint32_t c = utf8_next(z, iCaret, &iNext);
    size_t w = shellEchoChar(NULL, z + i, iNext - i, c);
    if (c == '\t') fputc('\t', stderr);
    else for (size_t k = 0; k < w; k++) fputc(' ', stderr);
    i = iNext;
  }
  fprintf(stderr, "%s^%s\n", zRed, zOff);
}

/* ---- Running statements ---------------------------------------------------------- */

static double shellNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Appends "created 2 nodes, set 3 properties" to the summary line in z
** (nz bytes), after a separator if z is not empty. */
static void shellDescribeChanges(const tg_changes *pc, char *z, size_t nz) {
  tg_changes c = *pc;
  struct { int64_t n; const char *zWhat; } a[] = {
      {c.nNodesCreated, "created %lld node%s"},     {c.nNodesDeleted, "deleted %lld node%s"},
      {c.nRelsCreated, "created %lld relationship%s"}, {c.nRelsDeleted, "deleted %lld relationship%s"},
      {c.nPropsSet, "set %lld propert%s"},          {c.nPropsRemoved, "removed %lld propert%s"},
      {c.nLabelsAdded, "added %lld label%s"},       {c.nLabelsRemoved, "removed %lld label%s"},
  };
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (a[i].n == 0) continue;
    size_t n = strlen(z);
    if (n && n + 2 < nz) {
      memcpy(z + n, ", ", 3);
      n += 2;
    }
    bool bProp = strstr(a[i].zWhat, "propert") != NULL;
    snprintf(z + n, nz - n, a[i].zWhat, (long long)a[i].n,
             bProp ? (a[i].n == 1 ? "y" : "ies") : (a[i].n == 1 ? "" : "s"));
  }
}

/* Is v a node, relationship or path, or a list holding one (at any depth)? */
static bool shellGraphLike(const tg_value *v) {
  int t = tg_value_type(v);
  if (t == TG_NODE || t == TG_RELATIONSHIP || t == TG_PATH) return true;
  if (t != TG_LIST) return false;
  for (int i = 0; i < tg_value_size(v); i++) {
    if (shellGraphLike(tg_value_item(v, i))) return true;
  }
  return false;
}

/* Keeps copies of the current row's graph values for :render. */
static void shellKeepRow(Shell *s, tg_stmt *pStmt) {
  for (int i = 0; i < tg_column_count(pStmt); i++) {
    const tg_value *v = tg_column_value(pStmt, i);
    if (v == NULL || !shellGraphLike(v) || s->nLast >= SHELL_MAX_KEPT) continue;
    if (s->nLast == s->nLastAlloc) {
      s->nLastAlloc = s->nLastAlloc ? 2 * s->nLastAlloc : 64;
      s->apLast = realloc(s->apLast, sizeof(tg_value *) * (size_t)s->nLastAlloc);
      if (s->apLast == NULL) abort();
    }
    tg_value *pCopy = tg_value_dup(v);
    if (pCopy) s->apLast[s->nLast++] = pCopy;
  }
}

/* Names a drawing's format from its first bytes: RENDER yields DOT, SVG
** or JSON text, or PNG or PDF bytes. */
static const char *shellDrawingKind(const char *z, size_t n) {
  if (n >= 1 && z[0] == '{') return "JSON";
  if (n >= 4 && memcmp(z, "\x89PNG", 4) == 0) return "PNG";
  if (n >= 4 && memcmp(z, "%PDF", 4) == 0) return "PDF";
  if (memmem(z, n, "<svg", 4) != NULL) return "SVG";
  return "DOT";
}

void shell_write_drawing(Shell *s, const char *z, size_t n, char *zWhat, size_t nWhat) {
  const char *zKind = shellDrawingKind(z, n);
  bool bBinary = memchr(z, 0, n) != NULL || !utf8_valid(z, n);
  snprintf(zWhat, nWhat, "%s drawing, %zu bytes", zKind, n);
  if (!bBinary || !s->bInteractive || !isatty(STDOUT_FILENO)) {
    fwrite(z, 1, n, stdout);
    return;
  }
  const char *zExt = strcmp(zKind, "PNG") == 0 ? ".png" : strcmp(zKind, "PDF") == 0 ? ".pdf" : ".bin";
  const char *zDir = getenv("TMPDIR");
  if (zDir == NULL || *zDir == 0) zDir = "/tmp";
  char zPath[4096];
  snprintf(zPath, sizeof(zPath), "%s/tangle-render-XXXXXX%s", zDir, zExt);
  int fd = mkstemps(zPath, (int)strlen(zExt));
  FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (f == NULL || fwrite(z, 1, n, f) != n) {
    fprintf(stderr, "IOError: cannot save the drawing in %s\n", zDir);
  } else {
    size_t m = strlen(zWhat);
    snprintf(zWhat + m, nWhat - m, ", saved to %s", zPath);
  }
  if (f) fclose(f);
  else if (fd >= 0) close(fd);
}

/*
** Writes the statement's notifications (an unknown label, a missing index
** under LOAD CSV, ...) to stderr, one "Warning: MESSAGE (CODE)" or
** "Hint: MESSAGE (CODE)" line each,
** so that they never mix with the rows on stdout. GQL status codes of
** class 01 are warnings; the rest (03: information) are hints.
*/
static void shellPrintNotifications(tg_stmt *pStmt) {
  for (int i = 0; i < tg_stmt_notification_count(pStmt); i++) {
    const char *zCode = tg_stmt_notification_code(pStmt, i);
    shell_print_notification(strncmp(zCode, "01", 2) == 0, tg_stmt_notification(pStmt, i), zCode);
  }
}

void shell_print_notification(bool bWarning, const char *zMessage, const char *zCode) {
  fprintf(stderr, "%s: %s (%s)\n", bWarning ? "Warning" : "Hint", zMessage, zCode);
}

void shell_print_summary(Shell *s, int nCol, long nRow, const tg_changes *pChanges, const char *zDrawing,
                         double ms) {
  if (!s->bInteractive && !s->bTiming) return;
  /* "3 rows, created 1 node (0.4 ms)"; a drawing says what it is and where
  ** it went; a write reports its changes. */
  char zLine[4608] = "";
  if (zDrawing && zDrawing[0]) snprintf(zLine, sizeof(zLine), "%s", zDrawing);
  else if (nCol) snprintf(zLine, sizeof(zLine), "%ld row%s", nRow, nRow == 1 ? "" : "s");
  shellDescribeChanges(pChanges, zLine, sizeof(zLine));
  if (zLine[0] == 0) snprintf(zLine, sizeof(zLine), "done");
  if (zLine[0] >= 'a' && zLine[0] <= 'z') zLine[0] = (char)(zLine[0] - 'a' + 'A');
  if (s->bTiming) fprintf(stderr, "%s (%.1f ms)\n", zLine, ms);
  else fprintf(stderr, "%s\n", zLine);
}

/*
** Steps one prepared statement, writing its rows. Returns 0 or 1 (error).
** t0 is when its preparation started (for the elapsed time). Every format
** writes as rows come; a table first holds its first 1,000 rows to lay out
** its columns (format.h), so a statement that fails within them leaves no
** half-drawn box, and one that fails later gets its box closed before the
** error. Ctrl-C (shell_interrupted) stops the output at the next row,
** even of a statement that has already run (a write's buffered rows).
*/
static int shellRunStmt(Shell *s, tg_stmt *pStmt, const char *zText, const char *zFile,
                        int iLineBase, double t0) {
  shell_bind_params(s, pStmt);
  int nCol = tg_column_count(pStmt);
  /* RENDER without a file yields its drawing: write the bytes as they are. */
  bool bRaw = tg_stmt_is_render(pStmt) && nCol == 1 &&
              strcmp(tg_column_name(pStmt, 0), "render") == 0;
  bool bKeep = nCol > 0 && !bRaw && tg_stmt_is_explain(pStmt) != 1 && !s->bQuiet;
  if (bKeep) shellClearLast(s);
  shell_update_width(s);
  /* The header waits for the first row (or the end): a statement that
  ** fails on its first step writes nothing to stdout. */
  bool bFormat = nCol && !bRaw;
  FormatWriter *w = NULL;
  FormatOptions fmt = s->fmt;
  fmt.pStop = &shell_interrupted;
  char zDrawing[4200] = "";
  int rc;
  bool bStopped = false;   /* Ctrl-C between rows */
  while ((rc = tg_step(pStmt)) == TG_ROW) {
    if (shell_interrupted) {
      bStopped = true;
      break;
    }
    if (bFormat && w == NULL) w = format_begin(stdout, &fmt, pStmt);
    if (w) format_row(w, pStmt);
    if (bKeep) shellKeepRow(s, pStmt);
    if (bRaw) {
      shell_write_drawing(s, tg_column_text(pStmt, 0), (size_t)tg_column_bytes(pStmt, 0), zDrawing,
                          sizeof(zDrawing));
    }
  }
  if (bFormat && w == NULL && rc != TG_ERROR && !bStopped) w = format_begin(stdout, &fmt, pStmt);
  long nHidden = 0, nRow = 0;
  if (rc == TG_ERROR || bStopped || shell_interrupted) {
    format_discard(w);
    w = NULL;
  }
  if (w) nRow = format_end(w, &nHidden);
  double ms = shellNowMs() - t0;
  fflush(stdout);   /* rows before any message about them */
  if (rc == TG_ERROR) {
    /* At a terminal the ^C echo is still on the line. */
    if (s->bInteractive && tg_errcode(s->pDb) == TG_ERR_INTERRUPT) fputc('\n', stderr);
    shell_print_error(s, zText, zFile, iLineBase);
    return 1;
  }
  if (bStopped || shell_interrupted) {
    /* The statement had produced its rows (a write runs whole on its
    ** first step); only their output was cut short. */
    if (s->bInteractive) fputc('\n', stderr);
    fprintf(stderr, "Interrupted: output stopped%s\n",
            tg_stmt_readonly(pStmt) ? "" : "; the statement had already run and its changes were kept");
    if (!tg_stmt_readonly(pStmt)) s->iDataGen++;
    return 1;
  }
  if (!tg_stmt_readonly(pStmt)) s->iDataGen++;
  if (tg_stmt_is_explain(pStmt) == 2) {
    /* PROFILE's plan is a report about the rows, not rows: it follows a
    ** table on stdout, but every other format is read by programs, so
    ** there it goes to stderr and stdout stays parseable. */
    fputs(tg_stmt_plan(pStmt), s->fmt.eKind == FORMAT_TABLE ? stdout : stderr);
  }
  fflush(stdout);
  if (nHidden > 0) fprintf(stderr, "(%ld more row%s not shown)\n", nHidden, nHidden == 1 ? "" : "s");
  if (s->bQuiet) return 0;
  shellPrintNotifications(pStmt);
  tg_changes changes;
  tg_stmt_changes(pStmt, &changes);
  shell_print_summary(s, nCol, nRow, &changes, bRaw ? zDrawing : NULL, ms);
  return 0;
}

/*
** For the :explain and :profile toggles: prepares "EXPLAIN" or "PROFILE",
** a line break, then the statement z..zTail. The line break keeps error
** columns right; errors then count lines from *pzWrapped, one line
** before the statement. On success *ppStmt is replaced (the old one
** finalized) and *pzWrapped receives the text (malloc'd, the caller
** frees it after the run); a statement that already is an EXPLAIN or
** PROFILE, or one that cannot be wrapped, is left as it is.
*/
static void shellWrapExplain(Shell *s, tg_stmt **ppStmt, const char *z, const char *zTail,
                             char **pzWrapped) {
  *pzWrapped = NULL;
  if (tg_stmt_is_explain(*ppStmt)) return;
  size_t n = (size_t)(zTail - z);
  char *zWrapped = malloc(n + 16);
  if (zWrapped == NULL) abort();
  snprintf(zWrapped, n + 16, "%s\n%.*s", s->bProfileAll ? "PROFILE" : "EXPLAIN", (int)n, z);
  tg_stmt *pWrapped = NULL;
  if (tg_prepare(s->pDb, zWrapped, -1, &pWrapped, NULL) == TG_OK && pWrapped) {
    tg_finalize(*ppStmt);
    *ppStmt = pWrapped;
    *pzWrapped = zWrapped;
  } else {
    tg_finalize(pWrapped);
    free(zWrapped);
  }
}

int shell_run(Shell *s, const char *zText, const char *zFile, int iLineBase) {
  if (s->pRemote) return remote_run(s, zText, zFile, iLineBase);
  const char *z = zText;
  int nFail = 0;
  while (*z) {
    if (shell_interrupted) {
      fputs("Interrupted.\n", stderr);
      return nFail + 1;
    }
    tg_stmt *pStmt = NULL;
    const char *zTail = NULL;
    int iBase = iLineBase + shellLinesBefore(zText, z);
    double t0 = shellNowMs();
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
    char *zWrapped = NULL;
    if ((s->bExplainAll || s->bProfileAll) && !s->bQuiet) shellWrapExplain(s, &pStmt, z, zTail, &zWrapped);
    if (zWrapped) nFail += shellRunStmt(s, pStmt, zWrapped, zFile, iBase - 1, t0);
    else nFail += shellRunStmt(s, pStmt, z, zFile, iBase, t0);
    tg_finalize(pStmt);
    free(zWrapped);
    if (nFail && (!s->bContinue || shell_interrupted)) return nFail;
    z = zTail;
  }
  return nFail;
}

/* ---- Scripts and pipes ------------------------------------------------------------ */

void shell_scan_init(ShellScan *p) { memset(p, 0, sizeof(*p)); }

/* Feeds z[0..n) to the scan; with bStop, stops just after a ';' that ends
** a statement. Returns the bytes taken. */
static size_t shellScanRun(ShellScan *p, const char *z, size_t n, bool bStop) {
  for (size_t i = 0; i < n; i++) {
    char c = z[i], cNext = i + 1 < n ? z[i + 1] : 0;
    if (p->bLineComment) {
      if (c == '\n') p->bLineComment = false;
      continue;
    }
    if (p->bBlockComment) {
      if (c == '*' && cNext == '/') {
        p->bBlockComment = false;
        i++;
      }
      continue;
    }
    if (p->cQuote) {
      if (c == '\\' && p->cQuote != '`') i++;
      else if (c == p->cQuote) p->cQuote = 0;
      continue;
    }
    if (c == '/' && (cNext == '/' || cNext == '*')) {
      if (cNext == '/') p->bLineComment = true;
      else p->bBlockComment = true;
      i++;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      p->cQuote = c;
      p->bEnded = false;
      p->bAny = true;
    } else if (c == ';') {
      p->bEnded = true;
      p->bAny = true;
      if (bStop) return i + 1;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') {
      p->bEnded = false;
      p->bAny = true;
    }
  }
  return n;
}

void shell_scan_feed(ShellScan *p, const char *z, size_t n) { shellScanRun(p, z, n, false); }

size_t shell_statement_end(const char *z) {
  ShellScan scan;
  shell_scan_init(&scan);
  return shellScanRun(&scan, z, strlen(z), true);
}

bool shell_input_complete(const char *zText) {
  ShellScan scan;
  shell_scan_init(&scan);
  shell_scan_feed(&scan, zText, strlen(zText));
  return scan.bEnded && !scan.cQuote && !scan.bBlockComment;
}

/* A growable text buffer for the statement being read. */
typedef struct ShellText {
  char *z;
  size_t n, nAlloc;
} ShellText;

static void shellTextAppend(ShellText *p, const char *z, size_t n) {
  if (p->n + n + 1 > p->nAlloc) {
    p->nAlloc = (p->n + n + 1) * 2;
    p->z = realloc(p->z, p->nAlloc);
    if (p->z == NULL) abort();
  }
  memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

/* A line or a statement of a script may be at most this long: a stream
** without newlines (-f /dev/zero) must end in an error, not in reading
** gigabytes. */
#define SHELL_MAX_STATEMENT ((size_t)128 << 20)

/*
** Reads one line (with its newline) into *pzLine, growing it, like
** getline(); -1 at end of input, -2 on a read error (errno set), -3 when
** the line passes SHELL_MAX_STATEMENT bytes.
*/
static ssize_t shellReadLine(FILE *f, char **pzLine, size_t *pnAlloc) {
  size_t n = 0;
  int c;
  while ((c = getc_unlocked(f)) != EOF) {
    if (n + 2 > *pnAlloc) {
      if (n >= SHELL_MAX_STATEMENT) return -3;
      *pnAlloc = *pnAlloc ? *pnAlloc * 2 : 256;
      *pzLine = realloc(*pzLine, *pnAlloc);
      if (*pzLine == NULL) abort();
    }
    (*pzLine)[n++] = (char)c;
    if (c == '\n') break;
  }
  if (n == 0) return ferror(f) ? -2 : -1;
  (*pzLine)[n] = 0;
  return (ssize_t)n;
}

/* Reports a problem of a script's text at line iLine (column iCol, or 0). */
static void shellTextError(const char *zKind, const char *zName, int iLine, int iCol,
                           const char *zMsg) {
  fprintf(stderr, "%s: %s%sline %d", zKind, zName ? zName : "", zName ? ", " : "", iLine);
  if (iCol > 0) fprintf(stderr, ", column %d", iCol);
  fprintf(stderr, ": %s\n", zMsg);
}

int shell_run_stream(Shell *s, FILE *f, const char *zName) {
  char *zLine = NULL;
  size_t nLineAlloc = 0;
  ShellText text = {0};
  ShellScan scan;
  shell_scan_init(&scan);
  int nFail = 0, iLine = 0, iStart = 1;
  bool bStop = false;
  for (;;) {
    errno = 0;
    ssize_t n = shellReadLine(f, &zLine, &nLineAlloc);
    if (n == -2) {
      char zMsg[300];
      snprintf(zMsg, sizeof(zMsg), "cannot read %s: %s", zName ? zName : "standard input",
               strerror(errno));
      fprintf(stderr, "IOError: %s\n", zMsg);
      nFail++;
      bStop = true;
      break;
    }
    if (n < 0 || text.n + (size_t)n > SHELL_MAX_STATEMENT) {
      if (n == -1) break;
      shellTextError("ResourceLimit", zName, iLine + 1, 0,
                     "a statement longer than 128 MiB; is this a script?");
      nFail++;
      bStop = true;
      break;
    }
    iLine++;
    const char *z = zLine;
    const char *zNul = memchr(z, 0, (size_t)n);
    if (zNul) {
      /* Passed on, the text would end at the NUL and the rest of the
      ** statement would be dropped without a word. */
      int iCol = 1 + (int)utf8_length(z, (size_t)(zNul - z));
      shellTextError("SyntaxError", zName, iLine, iCol, "the text holds a NUL byte");
      nFail++;
      text.n = 0;
      shell_scan_init(&scan);
      if (!s->bContinue) {
        bStop = true;
        break;
      }
      continue;
    }
    if (iLine == 1 && n >= 3 && memcmp(z, "\xEF\xBB\xBF", 3) == 0) {
      z += 3;   /* a UTF-8 byte order mark */
      n -= 3;
    }
    if (!scan.bAny) {
      const char *zFirst = z + strspn(z, " \t\r\n");
      if (*zFirst == ':') {
        /* A shell command where a statement would start. */
        text.n = 0;
        shell_scan_init(&scan);
        int rc = meta_run(s, zFirst, zName, iLine);
        if (rc == META_FAIL) nFail++;
        if (s->bQuit || (nFail && !s->bContinue) || shell_interrupted) {
          bStop = true;
          break;
        }
        continue;
      }
      if (text.n == 0) iStart = iLine;
    }
    shellTextAppend(&text, z, (size_t)n);
    shell_scan_feed(&scan, z, (size_t)n);
    if (scan.bEnded && !scan.cQuote && !scan.bBlockComment) {
      nFail += shell_run(s, text.z, zName, iStart);
      text.n = 0;
      shell_scan_init(&scan);
      if ((nFail && !s->bContinue) || shell_interrupted) {
        bStop = true;
        break;
      }
    }
  }
  if (!bStop && shell_interrupted) {
    fputs("Interrupted.\n", stderr);
    nFail++;
  } else if (!bStop && scan.bAny) {
    nFail += shell_run(s, text.z, zName, iStart);   /* the last statement may lack its ';' */
  }
  free(text.z);
  free(zLine);
  return nFail;
}

/* ---- Durations (--timeout, :timeout) -------------------------------------------- */

bool shell_parse_duration(const char *z, int64_t *pnMs) {
  char *zEnd = NULL;
  errno = 0;
  double v = strtod(z, &zEnd);
  if (zEnd == z || errno || !(v >= 0)) return false;
  double scale;
  if (strcmp(zEnd, "ms") == 0) scale = 1;
  else if (strcmp(zEnd, "s") == 0 || *zEnd == 0) scale = 1000;
  else if (strcmp(zEnd, "m") == 0 || strcmp(zEnd, "min") == 0) scale = 60000;
  else if (strcmp(zEnd, "h") == 0) scale = 3600000;
  else return false;
  double ms = v * scale;
  if (ms > 1e15) return false;
  *pnMs = (int64_t)(ms + 0.5);
  if (*pnMs == 0 && v > 0) *pnMs = 1;   /* a positive limit never reads as none */
  return true;
}

/* tg_dump's writer: to a FILE. */
static int shellDumpWrite(void *pArg, const char *z, int n) {
  return fwrite(z, 1, (size_t)n, (FILE *)pArg) == (size_t)n;
}

int shell_dump(Shell *s, FILE *f) {
  if (tg_dump(s->pDb, shellDumpWrite, f) == TG_OK && fflush(f) == 0 && !ferror(f)) return 0;
  fprintf(stderr, "%s: %s\n", tg_errcode(s->pDb) ? tg_errkind(s->pDb) : "IOError",
          tg_errcode(s->pDb) ? tg_errmsg(s->pDb) : "the dump could not be written");
  return 1;
}

int shell_export_csv(Shell *s, const char *zDir) {
  if (tg_export_csv(s->pDb, zDir) != TG_OK) {
    fprintf(stderr, "%s: %s\n", tg_errkind(s->pDb), tg_errmsg(s->pDb));
    return 1;
  }
  long long nNode = tg_node_count(s->pDb), nRel = tg_relationship_count(s->pDb);
  fprintf(stderr, "Exported %lld node%s and %lld relationship%s to %s; %s/README.txt has the import commands.\n",
          nNode, nNode == 1 ? "" : "s", nRel, nRel == 1 ? "" : "s", zDir, zDir);
  return 0;
}

bool shell_parse_size(const char *z, int64_t *pnBytes) {
  char *zEnd = NULL;
  errno = 0;
  double v = strtod(z, &zEnd);
  if (zEnd == z || errno || !(v >= 0)) return false;
  static const char azUnit[] = "KMGT";
  double scale = 1;
  if (*zEnd) {
    const char *pUnit = strchr(azUnit, toupper((unsigned char)*zEnd));
    if (pUnit == NULL) {
      if (strcmp(zEnd, "B") != 0 && strcmp(zEnd, "b") != 0) return false;
    } else {
      for (const char *q = azUnit; q <= pUnit; q++) scale *= 1024;
      const char *zRest = zEnd + 1;
      if (strcmp(zRest, "") != 0 && strcmp(zRest, "B") != 0 && strcmp(zRest, "b") != 0 &&
          strcmp(zRest, "iB") != 0) {
        return false;
      }
    }
  }
  double n = v * scale;
  if (n > 9e18) return false;
  *pnBytes = (int64_t)n;
  if (*pnBytes == 0 && v > 0) *pnBytes = 1;   /* a positive cap never reads as none */
  return true;
}

void shell_format_size(int64_t nBytes, char *zOut, size_t nOut) {
  static const char *azUnit[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  if (nBytes == 0) {
    snprintf(zOut, nOut, "none");
    return;
  }
  double v = (double)nBytes;
  int i = 0;
  while (v >= 1024 && i < 4) {
    v /= 1024;
    i++;
  }
  if (v == (double)(int64_t)v) snprintf(zOut, nOut, "%lld %s", (long long)v, azUnit[i]);
  else snprintf(zOut, nOut, "%.1f %s", v, azUnit[i]);
}

void shell_format_duration(int64_t nMs, char *zOut, size_t nOut) {
  if (nMs == 0) snprintf(zOut, nOut, "none");
  else if (nMs % 1000 == 0) snprintf(zOut, nOut, "%lld s", (long long)(nMs / 1000));
  else snprintf(zOut, nOut, "%lld ms", (long long)nMs);
}
