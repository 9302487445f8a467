/*
** complete.h — Tab completion for the REPL, from the live graph.
**
** complete_find() looks at the text typed so far (the lines of an
** unfinished statement and the current line up to the cursor) and decides
** what the word before the cursor is: a :command or its argument, a label
** after ':' in a node pattern, a relationship type after ':' in [...], a
** property key after 'var.', a $parameter, a procedure after CALL, or a
** keyword, function or variable. It has no terminal code: repl.c applies
** the result through libedit, and tests can call it directly.
**
** Names from the graph (labels, types, keys) are cached on the Shell and
** read again after a statement has written (Shell.iDataGen); function
** and procedure names are read once (dbms.functions(), dbms.procedures()).
** With --connect they are the server's (remote.h).
*/
#ifndef TANGLE_COMPLETE_H
#define TANGLE_COMPLETE_H

#include <stddef.h>

#include "shell.h"

/* One candidate: the text that replaces the word, and what to add after
** it when it is the only candidate (' ' after keywords and commands, '('
** after functions, 0 after labels, keys and directories). */
typedef struct CompleteItem {
  char *z;                 /* replacement text (owned) */
  char cAfter;             /* appended when unique, or 0 */
} CompleteItem;

/* The candidates for the word ending at the end of the text. */
typedef struct CompleteResult {
  size_t iStart;           /* byte offset in the text where the word starts */
  CompleteItem *a;         /* candidates, sorted (case-insensitively), distinct */
  int n;                   /* number of candidates */
  int nAlloc;              /* allocated entries in a */
} CompleteResult;

/* Fills *p with the candidates for the end of zText (which the caller
** has cut at the cursor). *p must be zeroed or freed before. */
void complete_find(Shell *s, const char *zText, CompleteResult *p);

/* Frees the candidates (the struct itself is the caller's). */
void complete_result_free(CompleteResult *p);

/* Frees the name cache on the Shell (s->pComplete). */
void complete_cache_free(Shell *s);

#endif /* TANGLE_COMPLETE_H */
