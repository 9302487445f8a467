/*
** repl.h — the interactive shell on libedit: prompts, statements over
** several lines, history, Tab completion, Ctrl-C and :commands.
*/
#ifndef TANGLE_REPL_H
#define TANGLE_REPL_H

#include "shell.h"

/* Runs the interactive loop until :quit or Ctrl-D. zHistory is the
** history file (NULL: ~/.tangle_history; "": no history file). Prints the
** welcome line first. Returns the number of statements that failed. */
int repl_run(Shell *s, const char *zHistory);

#endif /* TANGLE_REPL_H */
