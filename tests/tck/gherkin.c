/*
** gherkin.c — the TCK runner's Gherkin reader (see gherkin.h).
**
** Two passes. gherkinParseLines() walks the file line by line and builds a
** raw form: the Background steps and, per Scenario or Scenario Outline, its
** tags, steps and Examples tables. gherkinExpand() then turns each raw
** scenario into one expanded GherkinScenario (or one per Examples row),
** copying the Background steps in front and substituting <placeholders>.
** The raw form lives in a scratch arena freed when parsing ends, and the
** expanded result in the GherkinFeature's arena, so that a parse leaves
** few heap blocks behind (see tck_arena_grow() in tck_util.h).
*/
#include "gherkin.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tck_util.h"

/* ======================================================================
** Types
** ==================================================================== */

/* A list of steps under construction (Background or one scenario). */
typedef struct GherkinStepList {
  int nStep;           /* steps so far */
  GherkinStep *aStep;  /* the steps */
} GherkinStepList;

/* One Examples block of an outline. */
typedef struct GherkinExamples {
  int bIgnore;          /* the block is tagged @ignore */
  GherkinTable table;   /* header row then one row per scenario */
} GherkinExamples;

/* A Scenario or Scenario Outline before expansion. */
typedef struct GherkinRawScenario {
  char *zName;               /* title */
  int iLine;                 /* line of the keyword */
  int bOutline;              /* Scenario Outline / Template */
  int bIgnore;               /* tagged @ignore */
  GherkinStepList steps;     /* its own steps */
  int nExamples;             /* Examples blocks (outlines only) */
  GherkinExamples *aExamples;
} GherkinRawScenario;

/*
** The whole file before expansion, plus the parser's position. Every
** pointer in the raw form points into the scratch arena, which is freed
** in one go when parsing ends.
*/
typedef struct GherkinParse {
  const char *zFile;          /* file name for messages and ids */
  Arena scratch;              /* the raw form's memory */
  StrBuf work;                /* reusable text buffer */
  char *zFeature;             /* Feature title, or NULL before Feature: */
  int bFeatureIgnore;         /* Feature tagged @ignore */
  GherkinStepList background; /* Background steps */
  int nRaw;                   /* scenarios so far */
  GherkinRawScenario *aRaw;
  GherkinStepList *pSteps;    /* where new steps go (NULL: nowhere yet) */
  GherkinExamples *pExamples; /* where table rows go after Examples: */
  int bDescription;           /* free text is allowed (just after a heading) */
  int bPendingIgnore;         /* an @ignore tag waits for the next heading */
  char *zErr;                 /* first error (tg_malloc'd) */
} GherkinParse;

/* ======================================================================
** Small helpers
** ==================================================================== */

/* Skips spaces and tabs. */
static const char *gherkinSkipBlank(const char *z) {
  while (*z == ' ' || *z == '\t') z++;
  return z;
}

/* Returns a copy of z[0..n), in the arena, without leading and trailing blanks. */
static char *gherkinTrimDup(Arena *pArena, const char *z, size_t n) {
  while (n > 0 && isspace((unsigned char)*z)) {
    z++;
    n--;
  }
  while (n > 0 && isspace((unsigned char)z[n - 1])) n--;
  return arena_strndup(pArena, z, n);
}

/* If line zLine starts with zWord, returns the text after it, else NULL. */
static const char *gherkinAfter(const char *zLine, const char *zWord) {
  size_t n = strlen(zWord);
  return strncmp(zLine, zWord, n) == 0 ? zLine + n : NULL;
}

/* Records the first parse error as "file:line: message". */
static void gherkinError(GherkinParse *p, int iLine, const char *zMsg) {
  if (p->zErr) return;
  StrBuf b = {0};
  strbuf_printf(&b, "%s:%d: %s", p->zFile, iLine, zMsg);
  p->zErr = strbuf_detach(&b);
}

/* Empties the work buffer, keeping its memory. */
static void gherkinWorkReset(GherkinParse *p) { strbuf_truncate(&p->work, 0); }

/* ======================================================================
** Pass 1: lines to the raw form
** ==================================================================== */

/*
** Splits a table line (starting at its first '|') into cells. Raw cells
** are the text between unescaped pipes, trimmed; then "\\" becomes "\",
** "\|" becomes "|" and "\n" a newline, and any other backslash is kept.
** Text after the last pipe is ignored. A lone "|" gives no cells.
*/
static void gherkinParseRow(GherkinParse *p, const char *zLine, GherkinRow *pRow) {
  const char *z = zLine + 1;
  pRow->nCell = 0;
  pRow->azCell = NULL;
  for (;;) {
    const char *zEnd = z;
    while (*zEnd && *zEnd != '|') zEnd += (zEnd[0] == '\\' && zEnd[1]) ? 2 : 1;
    if (*zEnd != '|') break;   /* no closing pipe: the rest is not a cell */
    const char *zc = z, *zcEnd = zEnd;
    while (zc < zcEnd && isspace((unsigned char)*zc)) zc++;
    while (zcEnd > zc && isspace((unsigned char)zcEnd[-1])) zcEnd--;
    gherkinWorkReset(p);
    for (; zc < zcEnd; zc++) {
      if (zc[0] == '\\' && zc + 1 < zcEnd && zc[1] == 'n') {
        strbuf_putc(&p->work, '\n');
        zc++;
      } else if (zc[0] == '\\' && zc + 1 < zcEnd && (zc[1] == '\\' || zc[1] == '|')) {
        strbuf_putc(&p->work, zc[1]);
        zc++;
      } else {
        strbuf_putc(&p->work, *zc);
      }
    }
    pRow->azCell = tck_arena_grow(&p->scratch, pRow->azCell, pRow->nCell, sizeof(char *));
    pRow->azCell[pRow->nCell++] = arena_strndup(&p->scratch, p->work.z, p->work.n);
    z = zEnd + 1;
  }
}

/* Appends a row to a table of the raw form. */
static void gherkinTableAdd(GherkinParse *p, GherkinTable *pTab, const GherkinRow *pRow) {
  pTab->aRow = tck_arena_grow(&p->scratch, pTab->aRow, pTab->nRow, sizeof(GherkinRow));
  pTab->aRow[pTab->nRow++] = *pRow;
}

/* Returns the step keyword at the start of z, or NULL. */
static const char *gherkinStepKeyword(const char *z) {
  static const char *const azKeyword[] = {"Given", "When", "Then", "And", "But", "*"};
  for (size_t i = 0; i < sizeof(azKeyword) / sizeof(azKeyword[0]); i++) {
    size_t n = strlen(azKeyword[i]);
    if (strncmp(z, azKeyword[i], n) == 0 && (z[n] == ' ' || z[n] == '\t')) return azKeyword[i];
  }
  return NULL;
}

/* Scans tags on a line ("@a @b"); notes @ignore for the next heading. */
static void gherkinParseTags(GherkinParse *p, const char *z) {
  while (*z) {
    z = gherkinSkipBlank(z);
    const char *zEnd = z;
    while (*zEnd && *zEnd != ' ' && *zEnd != '\t') zEnd++;
    if (zEnd - z == 7 && strncmp(z, "@ignore", 7) == 0) p->bPendingIgnore = 1;
    z = zEnd;
  }
}

/* Starts a new raw scenario from a Scenario/Outline heading. */
static void gherkinStartScenario(GherkinParse *p, const char *zName, int iLine, int bOutline) {
  p->aRaw = tck_arena_grow(&p->scratch, p->aRaw, p->nRaw, sizeof(GherkinRawScenario));
  GherkinRawScenario *pRaw = &p->aRaw[p->nRaw++];
  memset(pRaw, 0, sizeof(*pRaw));
  pRaw->zName = gherkinTrimDup(&p->scratch, zName, strlen(zName));
  pRaw->iLine = iLine;
  pRaw->bOutline = bOutline;
  pRaw->bIgnore = p->bPendingIgnore;
  p->bPendingIgnore = 0;
  p->pSteps = &pRaw->steps;
  p->pExamples = NULL;
  p->bDescription = 1;
}

/*
** Reads a docstring whose opening delimiter is on line *piLine (0-based
** index into azLine). Each content line loses up to nIndent leading
** blanks (the opening delimiter's indentation). On return *piLine is the
** closing delimiter's index. Returns the content (in the scratch arena),
** or NULL if it is unterminated.
*/
static char *gherkinReadDocString(GherkinParse *p, char **azLine, int nLine, int *piLine,
                                  size_t nIndent, const char *zDelim) {
  gherkinWorkReset(p);
  StrBuf *b = &p->work;
  int bFirst = 1;
  for (int i = *piLine + 1; i < nLine; i++) {
    const char *zLine = azLine[i];
    const char *zText = gherkinSkipBlank(zLine);
    if (strncmp(zText, zDelim, 3) == 0) {
      *piLine = i;
      return arena_strndup(&p->scratch, b->z, b->n);
    }
    size_t nSkip = 0;
    while (nSkip < nIndent && (zLine[nSkip] == ' ' || zLine[nSkip] == '\t')) nSkip++;
    if (!bFirst) strbuf_putc(b, '\n');
    bFirst = 0;
    /* Gherkin lets a docstring contain an escaped delimiter. */
    for (const char *z = zLine + nSkip; *z; z++) {
      if (z[0] == '\\' && z[1] == zDelim[0] && z[2] == '\\' && z[3] == zDelim[0] && z[4] == '\\' &&
          z[5] == zDelim[0]) {
        strbuf_append(b, zDelim, 3);
        z += 5;
      } else {
        strbuf_putc(b, *z);
      }
    }
  }
  return NULL;
}

/*
** Pass 1 over the lines of the file. Fills p; on a line it cannot place,
** records an error in p->zErr and stops.
*/
static void gherkinParseLines(GherkinParse *p, char **azLine, int nLine) {
  for (int i = 0; i < nLine && p->zErr == NULL; i++) {
    const char *zLine = azLine[i];
    const char *z = gherkinSkipBlank(zLine);
    const char *zRest;
    int iLine = i + 1;
    if (*z == 0 || *z == '#') continue;
    if (*z == '@') {
      gherkinParseTags(p, z);
    } else if ((zRest = gherkinAfter(z, "Feature:")) != NULL) {
      p->zFeature = gherkinTrimDup(&p->scratch, zRest, strlen(zRest));
      p->bFeatureIgnore = p->bPendingIgnore;
      p->bPendingIgnore = 0;
      p->pSteps = NULL;
      p->bDescription = 1;
    } else if (gherkinAfter(z, "Background:") != NULL) {
      p->pSteps = &p->background;
      p->pExamples = NULL;
      p->bDescription = 1;
    } else if ((zRest = gherkinAfter(z, "Scenario Outline:")) != NULL ||
               (zRest = gherkinAfter(z, "Scenario Template:")) != NULL) {
      gherkinStartScenario(p, zRest, iLine, 1);
    } else if ((zRest = gherkinAfter(z, "Scenario:")) != NULL ||
               (zRest = gherkinAfter(z, "Example:")) != NULL) {
      gherkinStartScenario(p, zRest, iLine, 0);
    } else if (gherkinAfter(z, "Examples:") != NULL || gherkinAfter(z, "Scenarios:") != NULL) {
      GherkinRawScenario *pRaw = p->nRaw ? &p->aRaw[p->nRaw - 1] : NULL;
      if (pRaw == NULL || !pRaw->bOutline) {
        gherkinError(p, iLine, "Examples outside a Scenario Outline");
        break;
      }
      pRaw->aExamples =
          tck_arena_grow(&p->scratch, pRaw->aExamples, pRaw->nExamples, sizeof(GherkinExamples));
      p->pExamples = &pRaw->aExamples[pRaw->nExamples++];
      memset(p->pExamples, 0, sizeof(*p->pExamples));
      p->pExamples->bIgnore = p->bPendingIgnore;
      p->bPendingIgnore = 0;
      p->pSteps = NULL;
      p->bDescription = 1;
    } else if (*z == '|') {
      GherkinRow row;
      gherkinParseRow(p, z, &row);
      if (p->pExamples) {
        gherkinTableAdd(p, &p->pExamples->table, &row);
      } else if (p->pSteps && p->pSteps->nStep > 0) {
        GherkinStep *pStep = &p->pSteps->aStep[p->pSteps->nStep - 1];
        if (pStep->pTable == NULL) pStep->pTable = arena_zalloc(&p->scratch, sizeof(GherkinTable));
        gherkinTableAdd(p, pStep->pTable, &row);
      } else {
        gherkinError(p, iLine, "table row without a step or Examples");
      }
      p->bDescription = 0;
    } else if (strncmp(z, "\"\"\"", 3) == 0 || strncmp(z, "```", 3) == 0) {
      char zDelim[4];
      memcpy(zDelim, z, 3);
      zDelim[3] = 0;
      GherkinStep *pStep =
          p->pSteps && p->pSteps->nStep > 0 ? &p->pSteps->aStep[p->pSteps->nStep - 1] : NULL;
      if (pStep == NULL || pStep->zDoc != NULL) {
        gherkinError(p, iLine, "docstring without a step");
        break;
      }
      pStep->zDoc = gherkinReadDocString(p, azLine, nLine, &i, (size_t)(z - zLine), zDelim);
      if (pStep->zDoc == NULL) gherkinError(p, iLine, "unterminated docstring");
      p->bDescription = 0;
    } else if (gherkinStepKeyword(z) != NULL) {
      const char *zKeyword = gherkinStepKeyword(z);
      if (p->pSteps == NULL) {
        gherkinError(p, iLine, "step outside a Scenario or Background");
        break;
      }
      GherkinStepList *pList = p->pSteps;
      pList->aStep = tck_arena_grow(&p->scratch, pList->aStep, pList->nStep, sizeof(GherkinStep));
      GherkinStep *pStep = &pList->aStep[pList->nStep++];
      memset(pStep, 0, sizeof(*pStep));
      pStep->zKeyword = arena_strdup(&p->scratch, zKeyword);
      zRest = z + strlen(zKeyword);
      pStep->zText = gherkinTrimDup(&p->scratch, zRest, strlen(zRest));
      pStep->iLine = iLine;
      p->bDescription = 0;
    } else if (!p->bDescription) {
      gherkinError(p, iLine, "unrecognised line");
    }
  }
}

/* ======================================================================
** Pass 2: expansion
** ==================================================================== */

/*
** Returns a copy of z, in the arena, with every <name> that names a
** column of pHeader replaced by the matching cell of pValues. pHeader
** NULL: a plain copy. z NULL gives NULL.
*/
static char *gherkinSubstitute(GherkinParse *p, Arena *pArena, const char *z,
                               const GherkinRow *pHeader, const GherkinRow *pValues) {
  if (z == NULL) return NULL;
  if (pHeader == NULL || strchr(z, '<') == NULL) return arena_strdup(pArena, z);
  gherkinWorkReset(p);
  while (*z) {
    if (*z == '<') {
      const char *zClose = strchr(z + 1, '>');
      int iCol = -1;
      if (zClose) {
        size_t n = (size_t)(zClose - z - 1);
        for (int i = 0; i < pHeader->nCell && i < pValues->nCell; i++) {
          if (strlen(pHeader->azCell[i]) == n && strncmp(pHeader->azCell[i], z + 1, n) == 0) {
            iCol = i;
            break;
          }
        }
      }
      if (iCol >= 0) {
        strbuf_puts(&p->work, pValues->azCell[iCol]);
        z = zClose + 1;
        continue;
      }
    }
    strbuf_putc(&p->work, *z++);
  }
  return arena_strndup(pArena, p->work.z, p->work.n);
}

/* Copies a step into the arena, substituting placeholders (pHeader may be NULL). */
static void gherkinCopyStep(GherkinParse *p, Arena *pArena, GherkinStep *pTo,
                            const GherkinStep *pFrom, const GherkinRow *pHeader,
                            const GherkinRow *pValues) {
  pTo->zKeyword = arena_strdup(pArena, pFrom->zKeyword);
  pTo->zText = gherkinSubstitute(p, pArena, pFrom->zText, pHeader, pValues);
  pTo->zDoc = gherkinSubstitute(p, pArena, pFrom->zDoc, pHeader, pValues);
  pTo->iLine = pFrom->iLine;
  pTo->pTable = NULL;
  if (pFrom->pTable) {
    GherkinTable *pTab = arena_zalloc(pArena, sizeof(GherkinTable));
    pTab->nRow = pFrom->pTable->nRow;
    pTab->aRow = arena_zalloc(pArena, sizeof(GherkinRow) * (size_t)pTab->nRow);
    for (int r = 0; r < pTab->nRow; r++) {
      const GherkinRow *pSrc = &pFrom->pTable->aRow[r];
      pTab->aRow[r].nCell = pSrc->nCell;
      pTab->aRow[r].azCell = arena_zalloc(pArena, sizeof(char *) * (size_t)pSrc->nCell);
      for (int c = 0; c < pSrc->nCell; c++) {
        pTab->aRow[r].azCell[c] = gherkinSubstitute(p, pArena, pSrc->azCell[c], pHeader, pValues);
      }
    }
    pTo->pTable = pTab;
  }
}

/*
** The scenario number: the n of a title that starts "[n]", else the
** scenario's 1-based position in the file.
*/
static int gherkinScenarioNumber(const char *zName, int iPos) {
  if (zName[0] == '[' && isdigit((unsigned char)zName[1])) {
    char *zEnd;
    long n = strtol(zName + 1, &zEnd, 10);
    if (*zEnd == ']') return (int)n;
  }
  return iPos;
}

/* Fills the next expanded scenario of pFeat (its array is preallocated). */
static void gherkinEmit(GherkinFeature *pFeat, GherkinParse *p, const GherkinRawScenario *pRaw,
                        int iPos, int iExample, int bIgnore, const GherkinRow *pHeader,
                        const GherkinRow *pValues) {
  Arena *pArena = &pFeat->arena;
  GherkinScenario *pScen = &pFeat->aScenario[pFeat->nScenario++];
  gherkinWorkReset(p);
  strbuf_printf(&p->work, "%s [%d]", p->zFile, gherkinScenarioNumber(pRaw->zName, iPos));
  if (iExample > 0) strbuf_printf(&p->work, " #%d", iExample);
  pScen->zId = arena_strndup(pArena, p->work.z, p->work.n);
  pScen->zName = gherkinSubstitute(p, pArena, pRaw->zName, pHeader, pValues);
  pScen->bIgnore = bIgnore || pRaw->bIgnore || p->bFeatureIgnore;
  pScen->iLine = pRaw->iLine;
  pScen->nStep = p->background.nStep + pRaw->steps.nStep;
  pScen->aStep = arena_zalloc(pArena, sizeof(GherkinStep) * (size_t)pScen->nStep);
  int k = 0;
  for (int i = 0; i < p->background.nStep; i++) {
    gherkinCopyStep(p, pArena, &pScen->aStep[k++], &p->background.aStep[i], pHeader, pValues);
  }
  for (int i = 0; i < pRaw->steps.nStep; i++) {
    gherkinCopyStep(p, pArena, &pScen->aStep[k++], &pRaw->steps.aStep[i], pHeader, pValues);
  }
}

/* Pass 2: expands every raw scenario into pFeat. */
static void gherkinExpand(GherkinFeature *pFeat, GherkinParse *p) {
  int nTotal = 0;
  for (int s = 0; s < p->nRaw; s++) {
    const GherkinRawScenario *pRaw = &p->aRaw[s];
    if (!pRaw->bOutline) nTotal++;
    for (int e = 0; pRaw->bOutline && e < pRaw->nExamples; e++) {
      if (pRaw->aExamples[e].table.nRow > 1) nTotal += pRaw->aExamples[e].table.nRow - 1;
    }
  }
  pFeat->aScenario = arena_zalloc(&pFeat->arena, sizeof(GherkinScenario) * (size_t)nTotal);
  for (int s = 0; s < p->nRaw; s++) {
    const GherkinRawScenario *pRaw = &p->aRaw[s];
    if (!pRaw->bOutline) {
      gherkinEmit(pFeat, p, pRaw, s + 1, 0, 0, NULL, NULL);
      continue;
    }
    int iExample = 0;
    for (int e = 0; e < pRaw->nExamples; e++) {
      const GherkinTable *pTab = &pRaw->aExamples[e].table;
      for (int r = 1; r < pTab->nRow; r++) {
        gherkinEmit(pFeat, p, pRaw, s + 1, ++iExample, pRaw->aExamples[e].bIgnore, &pTab->aRow[0],
                    &pTab->aRow[r]);
      }
    }
  }
}

/* ======================================================================
** API
** ==================================================================== */

GherkinFeature *gherkin_parse(const char *zFile, const char *zText, char **pzErr) {
  /* Split a private copy of the text into lines (LF or CRLF). */
  char *zCopy = tck_strdup(zText);
  int nLine = 0, nMax = 1;
  for (const char *z = zText; *z; z++) nMax += *z == '\n';
  char **azLine = tg_calloc((size_t)nMax, sizeof(char *));
  for (char *z = zCopy;;) {
    char *zEol = strchr(z, '\n');
    if (zEol) *zEol = 0;
    size_t n = strlen(z);
    if (n > 0 && z[n - 1] == '\r') z[n - 1] = 0;
    azLine[nLine++] = z;
    if (zEol == NULL) break;
    z = zEol + 1;
  }

  GherkinParse p;
  memset(&p, 0, sizeof(p));
  p.zFile = zFile;
  gherkinParseLines(&p, azLine, nLine);
  if (p.zErr == NULL && p.zFeature == NULL) gherkinError(&p, 1, "no Feature: line");

  GherkinFeature *pFeat = NULL;
  if (p.zErr) {
    *pzErr = p.zErr;
  } else {
    pFeat = tg_calloc(1, sizeof(GherkinFeature));
    pFeat->zFile = arena_strdup(&pFeat->arena, zFile);
    pFeat->zName = arena_strdup(&pFeat->arena, p.zFeature);
    gherkinExpand(pFeat, &p);
  }
  arena_free(&p.scratch);
  strbuf_free(&p.work);
  tg_free(azLine);
  tg_free(zCopy);
  return pFeat;
}

/* Frees a feature: its arena holds everything else. */
void gherkin_free(GherkinFeature *p) {
  if (p == NULL) return;
  arena_free(&p->arena);
  tg_free(p);
}
