/*
** remote.h — the shell against a server: `tangle --connect URI`.
**
** Everything the shell does with -e, -f, piped input and the REPL runs on
** a Bolt server instead of a database of its own (server/bolt_client.h).
** Statements are split locally (at ';' outside quotes and comments) and
** each is sent in a RUN; BEGIN, COMMIT and ROLLBACK (and :begin, :commit,
** :rollback) become Bolt's own requests. Rows are written by the same
** format writers as local results: the shell keeps an empty in-memory
** database (Shell.pDb) in which a statement RETURN $c0 AS `col`, ... is
** prepared once per result and stepped once per row with that row's
** values bound, so every output format works unchanged. Nodes,
** relationships and paths arrive as their literal text (or, for json, as
** the objects the json writer prints for them): server/bolt_result.h.
**
** --param and :param values are evaluated in the local database and sent
** with every statement; --timeout and :timeout become the transaction
** timeout the server is asked for (tx_timeout).
*/
#ifndef TANGLE_REMOTE_H
#define TANGLE_REMOTE_H

#include "shell.h"

typedef struct Remote Remote;

/*
** Connects to zUri as zUser (NULL: without authentication). The password
** is zPassword, else $TANGLE_PASSWORD, else asked at the terminal. On
** success *ppRemote is set and 0 returned; otherwise the reason has been
** printed on stderr and the return is 1 (the server is unreachable or
** refused the login) or 2 (bad usage: the URI, or no way to get a
** password).
*/
int remote_open(const char *zUri, const char *zUser, const char *zPassword, Remote **ppRemote);

/* Says GOODBYE, closes and frees (NULL is fine). */
void remote_close(Remote *p);

/* "bolt://host:7687 as ann (Neo4j/5.26.0 (compatible; Tangle/0.4.0), Bolt
** 5.4)": what the banner names. */
const char *remote_describe(Remote *p);

/* shell_run() on the server (see shell.h). */
int remote_run(Shell *s, const char *zText, const char *zFile, int iLineBase);

bool remote_in_transaction(Remote *p);

/* Ends the open transaction with COMMIT (bCommit) or ROLLBACK. Returns 0,
** or 1 after printing the error. */
int remote_end_transaction(Shell *s, bool bCommit);

/* Runs zQuery silently; the first column of its first row as an integer,
** or -1. */
int64_t remote_query_int(Shell *s, const char *zQuery);

/* Runs zQuery silently and returns the strings of its first column
** (malloc'd array of malloc'd strings, *pn of them), or NULL when it
** fails, or inside a transaction (where a failing query would end it). */
char **remote_query_strings(Shell *s, const char *zQuery, int *pn);

#endif /* TANGLE_REMOTE_H */
