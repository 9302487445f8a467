/*
** textan.h — text analysis for full-text search: turning a string into
** the terms an inverted index stores and a query looks up.
**
** An analyzer folds the text as tangle.find always did (utf8_fold_for_lookup:
** NFKC, case folding, accents and Arabic diacritics dropped, Arabic letter
** variants unified, tatweel and the Japanese middle dot removed), splits it
** into words, and then filters the words for its language (stop words,
** light stemming). Scripts written without spaces (kana, CJK ideographs,
** Thai...) need no dictionary: each run of them becomes overlapping
** character bigrams (テスラ -> テス, スラ), so a query matches any text that
** shares its bigrams, whatever particles or dots sit between the words.
**
** Analyzers have Neo4j's names (the `fulltext.analyzer` index option):
** standard-no-stop-words (the default), standard, simple, whitespace,
** keyword, english, arabic, cjk, indonesian; plus multilingual, the one
** tangle.find uses (standard with the light stemming of Arabic words and
** English plurals).
** Nothing here knows about graphs.
*/
#ifndef TANGLE_TEXTAN_H
#define TANGLE_TEXTAN_H

#include "base/arena.h"
#include "base/common.h"
#include "base/vec.h"

typedef enum TextAnalyzer {
  TEXTAN_STANDARD_NO_STOP = 0,  /* the default */
  TEXTAN_STANDARD,              /* + English stop words */
  TEXTAN_SIMPLE,                /* lower case, split at non-letters, no folding */
  TEXTAN_WHITESPACE,            /* split at white space, nothing else */
  TEXTAN_KEYWORD,               /* the whole value is one term */
  TEXTAN_ENGLISH,               /* + stop words, plural stemming */
  TEXTAN_ARABIC,                /* + stop words, prefix/suffix stemming */
  TEXTAN_CJK,                   /* bigrams (as standard) + English stop words */
  TEXTAN_INDONESIAN,            /* + stop words, affix stemming */
  TEXTAN_MULTILINGUAL,          /* standard, Arabic words and Latin plurals stemmed */
  TEXTAN__COUNT
} TextAnalyzer;

/* One term: its text (arena memory, NUL-terminated) and its position in
** the token stream (a removed stop word leaves a gap). */
typedef struct TextToken {
  const char *z;
  uint32_t n;
  uint32_t iPos;
} TextToken;

typedef VEC(TextToken) TextTokens;

/* The analyzer named z (case-insensitive), or -1. */
int textan_find(const char *z, size_t n);
/* The name of analyzer e. */
const char *textan_name(int e);

/* Appends the terms of z[0..n) to *pOut (a heap vector the caller frees
** with vec_free), their text in pA. Positions start at iPos0; returns the
** position after the last term (so that the values of a list do not form
** phrases across their boundaries, callers add a gap). */
uint32_t textan_run(int e, Arena *pA, const char *z, size_t n, uint32_t iPos0, TextTokens *pOut);

/* The folded form of a prefix query's text (`gigafac*`): folded as the
** analyzer folds, but neither split nor stemmed. Arena memory. */
char *textan_fold_prefix(int e, Arena *pA, const char *z, size_t n, size_t *pnOut);

#endif /* TANGLE_TEXTAN_H */
