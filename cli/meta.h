/*
** meta.h — the shell's :commands (:help, :schema, :param, :format, ...).
**
** One table, meta_commands[], describes every command: its names, usage,
** summary, help text, what its argument is, and its handler. :help prints
** from it, Tab completion (complete.c) reads it, and an unknown command is
** matched against it by edit distance to suggest the nearest. Adding a
** command is adding one row.
**
** Commands work the same in the REPL, in -e, in -f scripts, in :read files
** and in piped input (a line that starts with ':' where a statement would
** start).
*/
#ifndef TANGLE_META_H
#define TANGLE_META_H

#include "shell.h"

/* What a command's argument is, so completion can offer it. ORDER METAARG */
typedef enum MetaArg {
  META_ARG_NONE = 0,       /* takes no argument */
  META_ARG_TOPIC,          /* a help topic (command names and topics) */
  META_ARG_FILE,           /* a file name */
  META_ARG_FORMAT,         /* an output format name */
  META_ARG_ONOFF,          /* on or off */
  META_ARG_PARAM,          /* a parameter name */
  META_ARG_WORDS           /* one of the words in zWords */
} MetaArg;

/* Where a command line came from, for messages. */
typedef struct MetaWhere {
  const char *zFile;       /* script name, or NULL (REPL, -e, stdin) */
  int iLine;               /* 1-based line in it, 0 when unknown */
  const char *zLine;       /* the command's whole line, for error carets */
  size_t iArg;             /* byte offset of the argument in zLine */
} MetaWhere;

/*
** One command. The table is static and read-only; names are given
** without the ':'.
*/
typedef struct MetaCommand {
  const char *zName;       /* canonical name, e.g. "schema" */
  const char *azAlias[3];  /* other accepted names, NULL-terminated */
  const char *zUsage;      /* arguments as :help shows them, "" if none */
  const char *zSummary;    /* one line for the :help list */
  const char *zHelp;       /* the text of :help NAME (may span lines) */
  MetaArg eArg;            /* what Tab completes after the name */
  const char *zWords;      /* META_ARG_WORDS: space-separated choices */
  /* Runs the command; zArg is the rest of the line, trimmed (never NULL).
  ** Returns META_OK or META_FAIL, with any message already printed. */
  int (*xRun)(Shell *s, const char *zArg, const MetaWhere *pWhere);
} MetaCommand;

/* A help topic that is not a command (":help keys"). */
typedef struct MetaTopic {
  const char *zName;       /* topic name */
  const char *zSummary;    /* one line */
  const char *zHelp;       /* its text */
} MetaTopic;

#define META_OK 0
#define META_FAIL 1

extern const MetaCommand meta_commands[];
extern const int meta_command_count;
extern const MetaTopic meta_topics[];
extern const int meta_topic_count;

/*
** Runs one command line (it starts with ':'; a trailing ';' and spaces
** are ignored). zFile and iLine say where it came from (NULL, 0 for the
** REPL). Returns META_OK or META_FAIL. :quit sets s->bQuit.
*/
int meta_run(Shell *s, const char *zLine, const char *zFile, int iLine);

/* The command named zName (without ':'; aliases accepted), or NULL. */
const MetaCommand *meta_find(const char *zName);

#endif /* TANGLE_META_H */
