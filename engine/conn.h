/*
** conn.h — several handles on one database, and the lock between them.
**
** A server gives each client session its own tg_db handle on the one
** graph (tg_connect). Their statements may run at once on different
** threads, so the handles take a lock, SQLite-style but in memory:
**   - a read statement holds it shared from its first step until its last
**     row is read (or it is reset): reads run side by side;
**   - a write statement holds it exclusively while it runs and commits;
**     an explicit transaction (BEGIN) holds it exclusively from BEGIN to
**     COMMIT or ROLLBACK, which makes committed transactions serializable;
**   - compiling holds it shared plus the compile mutex.
** A handle holds at most one of the two modes; its own statements share
** its hold (nSharedHolders). Waiting is bounded by the lock_timeout
** setting and stopped by tg_interrupt. Without connections no lock is
** taken at all.
*/
#ifndef TANGLE_CONN_H
#define TANGLE_CONN_H

#include "store/db.h"

/* The default lock_timeout, in ms. */
#define CONN_DEFAULT_LOCK_TIMEOUT_MS 30000

/* Takes the shared lock for one statement of pDb (a no-op, counted, when
** pDb already holds it or holds the exclusive lock; true at once when the
** database has no connections). False with pErr set when the wait timed
** out or was interrupted. */
bool conn_lock_shared(struct tg_db *pDb, TgError *pErr);
void conn_unlock_shared(struct tg_db *pDb);

/* Takes the exclusive lock (true at once when pDb holds it already). An
** error while pDb holds the shared lock: one of its statements is still
** returning rows. */
bool conn_lock_exclusive(struct tg_db *pDb, TgError *pErr);
void conn_unlock_exclusive(struct tg_db *pDb);

/* Around compiling a statement: the shared lock (unless pDb holds a lock
** already) and the compile mutex. conn_compile_end undoes exactly what
** conn_compile_begin did. */
bool conn_compile_begin(struct tg_db *pDb, TgError *pErr, bool *pbTookShared);
void conn_compile_end(struct tg_db *pDb, bool bTookShared);

/* Frees a connection made by tg_connect (rolls back its transaction). */
void conn_close(struct tg_db *pConn);

#endif /* TANGLE_CONN_H */
