/*
** import_cli.c — parsing and running the bulk-import flags (see
** import_cli.h). Owns only the flag values; the import itself is
** tg_import() in the engine.
*/
#include "import_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char import_cli_help[] =
    "  --nodes [LABEL=]FILE    import nodes from a CSV file in neo4j-admin format\n"
    "                          (repeatable; FILE may be HEADER,PART1,...; the label\n"
    "                          defaults to the file name); starts from an empty graph\n"
    "  --relationships [TYPE=]FILE  import relationships likewise\n"
    "  --delimiter C           field delimiter for the import (default ','; '\\t' for tab)\n"
    "  --array-delimiter C     separator inside array fields and :LABEL (default ';')\n"
    "  --skip-bad-rows         report and skip bad rows instead of failing\n"
    "  --multiline-fields      quoted fields may hold line breaks (without it, such a\n"
    "                          field is a bad row: one stray quote spoils one row)\n";

/* ---- Flags -------------------------------------------------------------- */

/* Matches "--name VALUE" or "--name=VALUE". Returns 1 with *pzValue set
** (NULL when the value is missing), 0 when argv[*pi] is another flag. */
static int importCliFlag(int argc, char **argv, int *pi, const char *zName, const char **pzValue) {
  const char *a = argv[*pi];
  size_t n = strlen(zName);
  if (strncmp(a, zName, n) != 0) return 0;
  if (a[n] == '=') {
    *pzValue = a + n + 1;
    return 1;
  }
  if (a[n] != 0) return 0;
  *pzValue = *pi + 1 < argc ? argv[++*pi] : NULL;
  return 1;
}

/* A delimiter argument: one byte, or \t / tab / TAB for a tab. */
static bool importCliDelimiter(const char *z, char *pc) {
  if (z == NULL) return false;
  if (strcmp(z, "\\t") == 0 || strcmp(z, "tab") == 0 || strcmp(z, "TAB") == 0) {
    *pc = '\t';
    return true;
  }
  if (strlen(z) != 1 || z[0] == '"' || z[0] == '\n' || z[0] == '\r') return false;
  *pc = z[0];
  return true;
}

/* Appends zSpec to a spec list. */
static void importCliAdd(const char ***paz, int *pn, const char *zSpec) {
  const char **az = realloc(*paz, sizeof(char *) * (size_t)(*pn + 1));
  if (az == NULL) abort();
  az[(*pn)++] = zSpec;
  *paz = az;
}

/* One import flag, or 0 for anything else (import_cli.h). */
int import_cli_option(ImportCli *p, int argc, char **argv, int *pi) {
  const char *a = argv[*pi], *v = NULL;
  if (strcmp(a, "--skip-bad-rows") == 0) {
    p->bSkipBadRows = true;
    return 1;
  }
  if (strcmp(a, "--multiline-fields") == 0 || strcmp(a, "--multiline-fields=true") == 0) {
    p->bMultilineFields = true;
    return 1;
  }
  if (strcmp(a, "--multiline-fields=false") == 0) {
    p->bMultilineFields = false;
    return 1;
  }
  bool bNodes = importCliFlag(argc, argv, pi, "--nodes", &v);
  if (bNodes || importCliFlag(argc, argv, pi, "--relationships", &v)) {
    if (v == NULL || v[0] == 0) {
      fprintf(stderr, "tangle: %s needs a file (%s [NAME=]FILE)\nTry 'tangle --help'.\n",
              bNodes ? "--nodes" : "--relationships", bNodes ? "--nodes" : "--relationships");
      return -1;
    }
    if (bNodes) importCliAdd(&p->azNode, &p->nNode, v);
    else importCliAdd(&p->azRel, &p->nRel, v);
    return 1;
  }
  bool bArray = importCliFlag(argc, argv, pi, "--array-delimiter", &v);
  if (bArray || importCliFlag(argc, argv, pi, "--delimiter", &v)) {
    char c;
    if (!importCliDelimiter(v, &c)) {
      fprintf(stderr, "tangle: %s needs one character (or '\\t'), got '%s'\nTry 'tangle --help'.\n",
              bArray ? "--array-delimiter" : "--delimiter", v ? v : "");
      return -1;
    }
    if (bArray) p->cArrayDelimiter = c;
    else p->cDelimiter = c;
    return 1;
  }
  return 0;
}

/* Any source given? */
bool import_cli_wanted(const ImportCli *p) { return p->nNode > 0 || p->nRel > 0; }

/* Frees the spec lists (the strings belong to argv). */
void import_cli_free(ImportCli *p) {
  free(p->azNode);
  free(p->azRel);
  memset(p, 0, sizeof(*p));
}

/* ---- Running -------------------------------------------------------------- */

/* Clears the progress line, if one is showing. */
static void importCliClearProgress(ImportCli *p) {
  if (p->bProgressShown) {
    fputs("\r\033[K", stderr);
    p->bProgressShown = false;
  }
}

/* tg_import callback: one bad row. */
static void importCliBadRow(void *pArg, const char *zFile, int64_t iLine, const char *zMsg) {
  ImportCli *p = pArg;
  importCliClearProgress(p);
  fprintf(stderr, "%s:%lld: %s\n", zFile, (long long)iLine, zMsg);
}

/* tg_import callback, about once a second: rows and rate of the file
** being loaded, on one rewritten terminal line. */
static void importCliProgress(void *pArg, const char *zFile, int64_t nRows, double seconds) {
  ImportCli *p = pArg;
  if (!p->bTty) return;
  double rate = seconds > 0 ? (double)nRows / seconds : 0;
  const char *zBase = strrchr(zFile, '/');   /* the base name keeps the line short */
  fprintf(stderr, "\r\033[Kimporting %s: %lld rows (%.0f rows/s)", zBase ? zBase + 1 : zFile,
          (long long)nRows, rate);
  fflush(stderr);
  p->bProgressShown = true;
}

/* Runs tg_import with the flags; bad rows, progress and the summary go to
** stderr (import_cli.h). */
int import_cli_run(ImportCli *p, tg_db *pDb) {
  tg_import_opts opts;
  memset(&opts, 0, sizeof(opts));
  opts.cDelimiter = p->cDelimiter;
  opts.cArrayDelimiter = p->cArrayDelimiter;
  opts.bSkipBadRows = p->bSkipBadRows;
  opts.bMultilineFields = p->bMultilineFields;
  opts.xBadRow = importCliBadRow;
  opts.xProgress = importCliProgress;
  opts.pArg = p;
  p->bTty = isatty(STDERR_FILENO);
  tg_import_stats st;
  int rc = tg_import(pDb, p->nNode, p->azNode, p->nRel, p->azRel, &opts, &st);
  importCliClearProgress(p);
  if (rc != TG_OK) {
    fprintf(stderr, "%s: %s\n", tg_errkind(pDb), tg_errmsg(pDb));
    fputs("tangle: the import failed; nothing was loaded\n", stderr);
    return 1;
  }
  fprintf(stderr, "Imported %lld node%s and %lld relationship%s in %.2f s", (long long)st.nNodes,
          st.nNodes == 1 ? "" : "s", (long long)st.nRels, st.nRels == 1 ? "" : "s", st.seconds);
  if (st.nBadRows) fprintf(stderr, "; skipped %lld bad row%s", (long long)st.nBadRows, st.nBadRows == 1 ? "" : "s");
  fputs(".\n", stderr);
  return 0;
}
