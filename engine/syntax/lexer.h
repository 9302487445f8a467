/*
** lexer.h — the scanner's state and entry point (see lexer.re).
*/
#ifndef TANGLE_LEXER_H
#define TANGLE_LEXER_H

#include "syntax/parse.h"

/* Scanner state over one text. The text must be followed by a NUL byte
** (lim points at it); scanning never reads past it. */
typedef struct Lexer {
  const char *zBase;            /* start of the text (offsets count from here) */
  const unsigned char *cur;     /* next byte */
  const unsigned char *mar;     /* re2c backtracking marker */
  const unsigned char *lim;     /* the terminating NUL */
} Lexer;

/* Reads the next token into *pTok; returns its TK_* code, or 0 at the end. */
int lex_next(Lexer *L, Token *pTok);

#endif /* TANGLE_LEXER_H */
