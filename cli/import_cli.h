/*
** import_cli.h — the `tangle` command's bulk-import flags.
**
**   --nodes [Label[:Label...]=]FILE[,FILE...]     (repeatable)
**   --relationships [TYPE=]FILE[,FILE...]        (repeatable)
**   --delimiter C   --array-delimiter C   --skip-bad-rows   --multiline-fields
**
** Each flag takes its value as the next argument or after '='. main.c
** hands every argument it does not recognise to import_cli_option(), and
** after parsing, when import_cli_wanted() is true, calls import_cli_run()
** on a fresh database instead of loading the built-in graph. The run
** prints bad rows (file:line: message), progress on a terminal and a
** summary, all on stderr.
*/
#ifndef TANGLE_IMPORT_CLI_H
#define TANGLE_IMPORT_CLI_H

#include <stdbool.h>

#include "tangle.h"

/* The import flags seen so far. Zero-initialised is empty; release with
** import_cli_free(). The spec strings are borrowed from argv. */
typedef struct ImportCli {
  const char **azNode;     /* --nodes values */
  int nNode;
  const char **azRel;      /* --relationships values */
  int nRel;
  char cDelimiter;         /* 0: default ',' */
  char cArrayDelimiter;    /* 0: default ';' */
  bool bSkipBadRows;
  bool bMultilineFields;   /* quoted fields may span lines */
  bool bProgressShown;     /* a progress line is on the terminal */
  bool bTty;               /* stderr is a terminal */
} ImportCli;

/* Lines for `tangle --help`, each ending in '\n'. */
extern const char import_cli_help[];

/*
** Tries argv[*pi] as an import flag. Returns 1 when it was one (*pi is
** left on the last argument consumed, so the caller's loop continues with
** *pi + 1), 0 when it is not an import flag (nothing consumed), or -1 on a
** bad value, after printing "tangle: ..." to stderr (exit status 2).
*/
int import_cli_option(ImportCli *p, int argc, char **argv, int *pi);

/* Were --nodes or --relationships given? */
bool import_cli_wanted(const ImportCli *p);

/*
** Imports into pDb (which must be empty). Prints bad rows, progress and a
** summary to stderr. Returns 0 on success, 1 when the import failed (the
** error is printed and the database is left empty).
*/
int import_cli_run(ImportCli *p, tg_db *pDb);

void import_cli_free(ImportCli *p);

#endif /* TANGLE_IMPORT_CLI_H */
