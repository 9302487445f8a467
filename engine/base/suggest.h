/*
** suggest.h — "did you mean ...?" for mistyped names.
**
** A misspelt keyword, function or procedure is far easier to fix when the
** error names the word that was probably meant. Each caller knows its own
** candidates (the clause keywords, the function table, the registered
** procedures); this module only measures how far a word is from each one
** and keeps the nearest, so all three give suggestions by the same rule.
**
** The rule: the candidate with the smallest edit distance (insertions,
** deletions, substitutions and swaps of two adjacent characters, ASCII
** case ignored) wins if the distance is small for the word's length: one
** edit for 3 or 4 bytes, two for 5 to 7, three from 8 on, and none (only
** a difference of case) below 3 bytes, where one edit reaches too many
** words. Ties keep the candidate seen first. Words longer than
** SUGGEST_MAX_WORD bytes get no suggestion.
*/
#ifndef TANGLE_SUGGEST_H
#define TANGLE_SUGGEST_H

#include <stddef.h>

#define SUGGEST_MAX_WORD 64

/* A search in progress. Fill it with suggest_init(), offer candidates with
** suggest_consider(), then read suggest_best(). */
typedef struct Suggest {
  const char *zWord;   /* the word as written (borrowed) */
  size_t nWord;        /* its bytes */
  int nLimit;          /* the largest distance still worth suggesting */
  const char *zBest;   /* nearest candidate so far (borrowed), or NULL */
  int iBest;           /* its distance */
} Suggest;

void suggest_init(Suggest *p, const char *zWord, size_t nWord);

/* Offers zCand (NUL-terminated); the pointer is kept, so it must outlive
** the search. */
void suggest_consider(Suggest *p, const char *zCand);

/* The nearest close-enough candidate, or NULL when none is. */
const char *suggest_best(const Suggest *p);

/* Edit distance between two words as described above (ASCII case
** ignored), or a large number when either is longer than
** SUGGEST_MAX_WORD. */
int suggest_distance(const char *zA, size_t nA, const char *zB, size_t nB);

#endif /* TANGLE_SUGGEST_H */
