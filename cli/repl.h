/*
** repl.h — the interactive shell (libedit): prompts, multi-line input,
** history, completion and :commands.
*/
#ifndef TANGLE_REPL_H
#define TANGLE_REPL_H

#include "shell.h"

/* Runs the interactive loop until :quit or end of input. zHistory is the
** history file (NULL: ~/.tangle_history). Returns statements that failed. */
int repl_run(Shell *s, const char *zHistory);

/* Columns of the terminal on stdout, or 80. */
int repl_terminal_width(void);

#endif /* TANGLE_REPL_H */
