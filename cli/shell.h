/*
** shell.h — what the command line, scripts and the REPL share: the open
** database, output options, parameters, and running text that holds one
** or more statements with results and errors printed.
*/
#ifndef TANGLE_SHELL_H
#define TANGLE_SHELL_H

#include <stdbool.h>
#include <stdio.h>

#include "format.h"
#include "tangle.h"

typedef struct ShellParam {
  char *zName;             /* without the '$' */
  char *zLiteral;          /* Cypher literal text */
} ShellParam;

typedef struct Shell {
  tg_db *pDb;
  FormatOptions fmt;       /* how rows are written */
  ShellParam *aParam;      /* --param / :param values */
  int nParam;
  bool bTiming;            /* report elapsed time per statement */
  bool bContinue;          /* go on after a failing statement */
  bool bInteractive;       /* a person at a terminal (messages, summaries) */
  bool bColorErr;          /* colour error messages */
  bool bExplainAll;        /* REPL :explain toggle */
  bool bProfileAll;        /* REPL :profile toggle */
  const char *zGraphDesc;  /* "the built-in knowledge graph" or "an empty graph" */
} Shell;

/* Sets a parameter (replacing one of the same name). false: not a literal. */
bool shell_set_param(Shell *s, const char *zName, const char *zLiteral);
void shell_clear_params(Shell *s);
void shell_free(Shell *s);

/*
** Runs every statement in zText, printing results to stdout and errors to
** stderr. zFile names the source for messages (NULL for -e or the REPL);
** iLineBase is the line zText starts on within it (1-based). Returns the
** number of statements that failed (it stops at the first unless
** bContinue).
*/
int shell_run(Shell *s, const char *zText, const char *zFile, int iLineBase);

/* Prints the database's current error with the offending source line and
** a caret under the column. zText is the text the line counts from. */
void shell_print_error(Shell *s, const char *zText, const char *zFile, int iLineBase);

#endif /* TANGLE_SHELL_H */
