/*
** shell.h — what the command line, scripts and the REPL share: the open
** database, output options, parameters, the last result's graph values
** (for :render), and running text that holds one or more statements with
** results and errors printed.
**
** Output rule: rows (data) go to stdout; messages (errors, row counts,
** timings, notes) go to stderr, so that piped output holds data only.
** The shell uses the public API (tangle.h) and the writers of format.h
** only; it never reaches into the engine.
*/
#ifndef TANGLE_SHELL_H
#define TANGLE_SHELL_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "out/format.h"
#include "tangle.h"

/* A $parameter the shell binds to every statement that uses it. */
typedef struct ShellParam {
  char *zName;             /* without the '$' (owned) */
  tg_value *pVal;          /* its value (owned; tg_value_free) */
} ShellParam;

/*
** The session. One per process; main.c fills it from the command line and
** frees it with shell_free(). Lifetime of the pointers: the Shell owns
** aParam, apLast and pComplete; pDb is owned by main.c.
*/
typedef struct Shell {
  tg_db *pDb;              /* the open database (not owned) */
  FormatOptions fmt;       /* how rows are written */
  int nMaxWidthOpt;        /* --max-width, or -1: follow the terminal */
  ShellParam *aParam;      /* --param / :param values */
  int nParam;              /* entries in aParam */
  bool bTiming;            /* report elapsed time per statement */
  bool bContinue;          /* go on after a failing statement */
  bool bInteractive;       /* a person at a terminal (messages, summaries) */
  bool bColorErr;          /* colour error messages */
  bool bExplainAll;        /* :explain toggle: show plans instead of running */
  bool bProfileAll;        /* :profile toggle: run with PROFILE */
  bool bQuit;              /* :quit seen: stop reading input */
  bool bQuiet;             /* running the shell's own queries (:schema): no
                           ** summaries, no :explain wrapping, last result kept */
  int nReadDepth;          /* nesting of :read, to stop runaway recursion */
  unsigned iDataGen;       /* bumped after each statement that wrote */
  const char *zGraphDesc;  /* "the built-in knowledge graph" or "an empty graph" */
  tg_value **apLast;       /* graph-like values of the last result (owned copies) */
  int nLast;               /* entries in apLast */
  int nLastAlloc;          /* allocated slots in apLast */
  int nRender;             /* :render files written so far (default names) */
  struct CompleteCache *pComplete; /* completion lists (complete.c), or NULL */
  struct Remote *pRemote;  /* tangle --connect: the server statements run on
                           ** (remote.h; owned by main.c), else NULL; pDb is
                           ** then an empty local database that formats rows
                           ** and evaluates :param values */
} Shell;

/* Set from the SIGINT handler (main.c): the user asked to stop. Runners
** check it between statements and lines; the REPL clears it before each
** input it runs. */
extern volatile sig_atomic_t shell_interrupted;

/* Evaluates the text of zLine from byte iValue on: one Cypher expression
** that may use the parameters already set (date('2024-01-01'), 6 * 7,
** {a: 1}); returns a copy of its value, or NULL when it fails, with the
** error printed. Columns and the caret line are those of zLine, the text
** the user wrote (":param d => date(" or "d=date("); zWhere (such as
** "--param d", or a script's name) starts the message when not NULL, and
** iLine is zLine's line there. The one way --param and :param read a value. */
tg_value *shell_eval_value(Shell *s, const char *zLine, size_t iValue, const char *zWhere, int iLine);

/* Sets $zName to pVal, taking ownership of pVal. */
void shell_set_param_value(Shell *s, const char *zName, tg_value *pVal);

/* Binds to pStmt those --param/:param values whose names it uses (a
** statement refuses names it does not use); the rest are left unbound,
** and tg_step() reports them missing. */
void shell_bind_params(Shell *s, tg_stmt *pStmt);

/* Removes every parameter. */
void shell_clear_params(Shell *s);

/* Frees what the Shell owns (not the database). */
void shell_free(Shell *s);

/* Before output to a terminal: re-reads the terminal width into the
** table options unless --max-width fixed it. */
void shell_update_width(Shell *s);

/*
** Runs every statement in zText, printing results to stdout and errors to
** stderr. zFile names the source for messages (NULL for -e or the REPL);
** iLineBase is the line zText starts on within it (1-based). Returns the
** number of statements that failed (it stops at the first unless
** bContinue, and after an interrupt).
*/
int shell_run(Shell *s, const char *zText, const char *zFile, int iLineBase);

/*
** Reads statements from f line by line and runs each as soon as its ';'
** arrives (so a pipe is answered statement by statement). A line that
** starts with ':' where a statement would start is a shell command
** (meta.h). zName names the input in messages (NULL for stdin). Returns
** the number of statements and commands that failed. Stops early as
** shell_run() does, on :quit (s->bQuit) and on an interrupt.
*/
int shell_run_stream(Shell *s, FILE *f, const char *zName);

/* Prints the database's current error with the offending source line and
** a caret under the column. zText is the text the line counts from. */
void shell_print_error(Shell *s, const char *zText, const char *zFile, int iLineBase);

/* Prints "Warning: MESSAGE (CODE)" (or "Hint: ...") on stderr. */
void shell_print_notification(bool bWarning, const char *zMessage, const char *zCode);

/* Prints a statement's summary line on stderr ("3 rows, created 1 node
** (0.4 ms)") when a person watches or --timing asks: rows when it has
** nCol columns, the changes, or zDrawing (not NULL) in place of rows. */
void shell_print_summary(Shell *s, int nCol, long nRow, const tg_changes *pChanges, const char *zDrawing,
                         double ms);

/* Writes RENDER's drawing z[0..n) to stdout, except binary bytes at a
** terminal, which go to a new file in $TMPDIR (they would garble the
** screen). Puts what was written in zWhat ("PNG drawing, 2048 bytes,
** saved to PATH"), the statement's summary line in place of a row count. */
void shell_write_drawing(Shell *s, const char *z, size_t n, char *zWhat, size_t nWhat);

/* Is a transaction open (on the server, with --connect)? */
bool shell_in_transaction(Shell *s);

/* The graph's node and relationship counts (asked of the server with
** --connect; -1 when it does not answer). */
void shell_graph_counts(Shell *s, int64_t *pnNode, int64_t *pnRel);

/* Runs zQuery quietly and returns the first column of its first row as an
** integer, or -1 (on the server with --connect). */
int64_t shell_query_int(Shell *s, const char *zQuery);

/*
** Tracks whether input typed or read so far ends a statement: a ';' that
** is outside quotes and comments and is followed only by spaces and
** comments. Fed piece by piece (shell_scan_feed), so long input is
** scanned once.
*/
typedef struct ShellScan {
  char cQuote;             /* open quote character, or 0 */
  bool bBlockComment;      /* inside a block comment */
  bool bLineComment;       /* inside a line comment (ends at '\n') */
  bool bEnded;             /* the last significant character was ';' */
  bool bAny;               /* anything but spaces and comments seen */
} ShellScan;

void shell_scan_init(ShellScan *p);
void shell_scan_feed(ShellScan *p, const char *z, size_t n);

/* True when zText holds one or more statements and ends after a ';'. */
bool shell_input_complete(const char *zText);

/* The length of the first statement of z: up to and including the ';'
** that ends it (outside quotes and comments), else all of z. */
size_t shell_statement_end(const char *z);

/* Columns of the terminal on stdout, or 80 (the table layout's width). */
int shell_terminal_width(void);

/* Reads a duration such as 500ms, 2s, 1.5m, 1h or 0 (a bare number is in
** seconds) into milliseconds. False when the text is not one. */
bool shell_parse_duration(const char *z, int64_t *pnMs);

/* Writes a duration in ms as the shell shows it ("2 s", "500 ms", "none"). */
void shell_format_duration(int64_t nMs, char *zOut, size_t nOut);

/* Writes the dump of the graph (tg_dump) to f. Returns 0, or 1 after
** printing the error. */
int shell_dump(Shell *s, FILE *f);

/* Exports the graph as neo4j-admin CSV files into zDir (tg_export_csv)
** and says on stderr what was written. Returns 0, or 1 after printing the
** error. */
int shell_export_csv(Shell *s, const char *zDir);

/* Reads a memory size such as 512MB, 2G, 1.5GiB or 0 (units are powers of
** 1024; K, M, G, T with or without B or iB; a bare number is in bytes)
** into bytes (--max-memory, :max-memory). */
bool shell_parse_size(const char *z, int64_t *pnBytes);

/* Writes a size in bytes as the shell shows it ("512 MiB", "none"). */
void shell_format_size(int64_t nBytes, char *zOut, size_t nOut);

#endif /* TANGLE_SHELL_H */
