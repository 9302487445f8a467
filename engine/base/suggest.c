/*
** suggest.c — nearest-name search for "did you mean ...?" (see suggest.h).
**
** The distance is the "optimal string alignment" variant of Damerau's:
** Levenshtein's three edits plus the swap of two neighbouring characters,
** the most common typing slip (MACTH). It is computed with three rolling
** rows on the stack, so a search never allocates.
*/
#include "base/suggest.h"

#include <limits.h>
#include <string.h>

static char suggestLower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

int suggest_distance(const char *zA, size_t nA, const char *zB, size_t nB) {
  if (nA > SUGGEST_MAX_WORD || nB > SUGGEST_MAX_WORD) return INT_MAX / 2;
  int aRow[3][SUGGEST_MAX_WORD + 1];   /* rows i-2, i-1 and i, by i % 3 */
  for (size_t j = 0; j <= nB; j++) aRow[0][j] = (int)j;
  for (size_t i = 1; i <= nA; i++) {
    int *pCur = aRow[i % 3], *pPrev = aRow[(i - 1) % 3], *pPrev2 = aRow[(i + 1) % 3];
    pCur[0] = (int)i;
    char a = suggestLower(zA[i - 1]);
    for (size_t j = 1; j <= nB; j++) {
      char b = suggestLower(zB[j - 1]);
      int d = pPrev[j - 1] + (a != b);
      if (pPrev[j] + 1 < d) d = pPrev[j] + 1;
      if (pCur[j - 1] + 1 < d) d = pCur[j - 1] + 1;
      if (i > 1 && j > 1 && a == suggestLower(zB[j - 2]) && suggestLower(zA[i - 2]) == b &&
          pPrev2[j - 2] + 1 < d) {
        d = pPrev2[j - 2] + 1;
      }
      pCur[j] = d;
    }
  }
  return aRow[nA % 3][nB];
}

void suggest_init(Suggest *p, const char *zWord, size_t nWord) {
  p->zWord = zWord;
  p->nWord = nWord;
  int nLimit = nWord < 3 ? 0 : (int)((nWord + 1) / 3);
  p->nLimit = nLimit > 3 ? 3 : nLimit;
  p->zBest = NULL;
  p->iBest = INT_MAX;
}

void suggest_consider(Suggest *p, const char *zCand) {
  if (p->nWord > SUGGEST_MAX_WORD) return;
  int d = suggest_distance(p->zWord, p->nWord, zCand, strlen(zCand));
  if (d <= p->nLimit && d < p->iBest) {
    p->iBest = d;
    p->zBest = zCand;
  }
}

const char *suggest_best(const Suggest *p) { return p->zBest; }
