/*
** auth.h — who may log in to `tangle serve`, and with which role.
**
** Users live in a text file, one a line:
**
**     name:role:$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH
**
** role is reader, editor or admin; the third field is libargon2's encoded
** form, which carries its own salt and cost parameters. A database served
** from disk keeps the file as PATH/users beside its snapshot and log
** (AUTH_USERS_FILE; docs/storage.md lists the database's own names); an
** in-memory server names any file with a flag. The file is written whole
** and atomically (a temporary file in the same folder, synced, renamed over
** the old one, the folder synced) with mode 0600, and read as untrusted
** input: bounded size and line length, every field checked, including the
** cost parameters of each hash, so a doctored file cannot make one login
** allocate gigabytes or run for minutes. A bad line fails the load with a
** message naming the file and the line.
**
** An AuthStore holds the users in memory. auth_verify() answers many
** connection threads at once: it copies the user's hash out under a mutex
** and runs argon2 outside it, so logins do not queue behind each other,
** and auth_load() on a loaded store swaps in the new set under the same
** mutex (a reload). Unknown user and wrong password are one answer,
** AUTH_UNAUTHORIZED, and take the same time: an unknown name is checked
** against a dummy hash of the same cost. At most AUTH_MAX_PARALLEL_VERIFY
** verifications run at once (each holds ~19 MiB), so a crowd of
** connections logging in together cannot exhaust memory.
**
** AuthThrottle counts failed logins per client address and refuses an
** address that fails too often (see below). auth_read_password() reads a
** password for the CLI's --add-user and --passwd.
*/
#ifndef TANGLE_SERVER_AUTH_H
#define TANGLE_SERVER_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The users file's name inside a database folder. */
#define AUTH_USERS_FILE "users"

#define AUTH_NAME_MAX 64          /* bytes of a user name: [A-Za-z0-9_.@-]{1,64} */
#define AUTH_PASSWORD_MAX 1024    /* bytes of a password (at least 1) */
#define AUTH_LINE_MAX 512         /* bytes of a line of the users file, newline included */
#define AUTH_FILE_MAX (8u << 20)  /* bytes of the users file */
#define AUTH_MAX_PARALLEL_VERIFY 8

typedef enum AuthRole {
  AUTH_ROLE_NONE = 0,   /* no such user; never stored */
  AUTH_ROLE_READER,     /* may read */
  AUTH_ROLE_EDITOR,     /* may read and write the graph */
  AUTH_ROLE_ADMIN       /* may also manage users and the server */
} AuthRole;

typedef enum AuthStatus {
  AUTH_OK = 0,
  AUTH_UNAUTHORIZED,    /* verify: unknown user or wrong password (one answer on purpose) */
  AUTH_EXISTS,          /* add: the name is taken */
  AUTH_NO_USER,         /* set password/role, remove: no such user */
  AUTH_BAD_INPUT,       /* a name, role or password breaking the rules above */
  AUTH_NOT_FOUND,       /* load: the file does not exist (the store is left as it was) */
  AUTH_BAD_FILE,        /* load: the file is malformed (the message names file and line) */
  AUTH_IO_ERROR,        /* a file or the terminal could not be read or written */
  AUTH_FAILED           /* hashing failed: argon2 had no memory, or no randomness */
} AuthStatus;

/* A failure's message, for the operator. Fixed size: reporting never
** allocates. Every function taking one accepts NULL. */
typedef struct AuthError {
  char zMsg[512];
} AuthError;

/* One user as auth_list() reports it. */
typedef struct AuthUserInfo {
  char zName[AUTH_NAME_MAX + 1];
  AuthRole eRole;
} AuthUserInfo;

typedef struct AuthStore AuthStore;

/* "reader", "editor", "admin" ("none" for AUTH_ROLE_NONE), and back;
** auth_role_parse() returns AUTH_ROLE_NONE for anything else. */
const char *auth_role_name(AuthRole eRole);
AuthRole auth_role_parse(const char *zRole);
/* Does zName follow the name rules? (1-64 bytes of [A-Za-z0-9_.@-]) */
bool auth_name_valid(const char *zName, size_t nName);
/* A short English name for a status ("unauthorized", ...). */
const char *auth_status_name(AuthStatus eStatus);

/* An empty store (no users); auth_free() releases it. */
AuthStore *auth_new(void);
void auth_free(AuthStore *pStore);

/* Replaces the store's users with those of the file zPath, at once for
** every thread; on any failure the store keeps the users it had. A missing
** file is AUTH_NOT_FOUND; an empty one holds no users. */
AuthStatus auth_load(AuthStore *pStore, const char *zPath, AuthError *pErr);

/* Writes the store's users to zPath atomically, mode 0600. On failure the
** file that was there is left as it was, and no temporary file remains. */
AuthStatus auth_save(AuthStore *pStore, const char *zPath, AuthError *pErr);

/* The login check. On AUTH_OK sets *peRole. The name and password come
** with lengths because they come off the wire (an embedded NUL must not
** shorten them). An unknown name, a name or password breaking the rules,
** and a wrong password all give AUTH_UNAUTHORIZED, and the first and last
** take the time of one argon2 verification. AUTH_FAILED: argon2 failed
** (no memory); the caller should refuse the login. Thread-safe. */
AuthStatus auth_verify(AuthStore *pStore, const char *zName, size_t nName, const char *zPassword,
                       size_t nPassword, AuthRole *peRole);

/* The user's role, or AUTH_ROLE_NONE when there is no such user. Not
** timing-safe: for management, never for logins. */
AuthRole auth_role_of(AuthStore *pStore, const char *zName);

/* Management, in memory (auth_save() writes the result). Each checks the
** name, role and password against the rules (AUTH_BAD_INPUT with a
** message). Passwords are (pointer, length) and may hold any bytes. */
AuthStatus auth_add_user(AuthStore *pStore, const char *zName, AuthRole eRole, const char *zPassword,
                         size_t nPassword, AuthError *pErr);
AuthStatus auth_set_password(AuthStore *pStore, const char *zName, const char *zPassword, size_t nPassword,
                             AuthError *pErr);
AuthStatus auth_set_role(AuthStore *pStore, const char *zName, AuthRole eRole, AuthError *pErr);
AuthStatus auth_remove_user(AuthStore *pStore, const char *zName, AuthError *pErr);

/* The users in name order (bytewise): *paUsers is an array of *pnUsers
** that the caller frees with tg_free(); NULL when there are none. */
void auth_list(AuthStore *pStore, AuthUserInfo **paUsers, uint32_t *pnUsers);
uint32_t auth_count(AuthStore *pStore);

/* The argon2id cost of new hashes (and of the dummy hash). The defaults,
** AUTH_HASH_T/M/P in auth.c, are t=2 passes over m=19 MiB with p=1 lane.
** TEST-ONLY: tests lower them (e.g. 1, 8, 1) so a suite of hashes runs in
** milliseconds; a server must never call this. Process-wide; a store's
** dummy hash follows the change at its next use. Returns AUTH_BAD_INPUT
** outside the bounds a users file may hold (t 1..16, m 8p..256 MiB in KiB,
** p 1..8). */
AuthStatus auth_set_hash_cost_for_tests(uint32_t nPasses, uint32_t nMemKiB, uint32_t nLanes);

/* ---- Throttling failed logins --------------------------------------------
**
** Per client address: once an address has AUTH_THROTTLE_FAILS failed
** logins within AUTH_THROTTLE_WINDOW_MS, it is refused for
** AUTH_THROTTLE_BACKOFF_MS; while it keeps failing, each further failure
** after a lockout ends locks it again for twice as long, up to
** AUTH_THROTTLE_BACKOFF_MAX_MS. A success forgets the address, and so
** does AUTH_THROTTLE_FORGET_MS without a failure. The table has a fixed
** number of slots; when it is full, a new address takes the slot of the
** address least recently failed that is not locked out (or, when all are,
** of the one least recently failed).
**
** The address is any text naming the client, e.g. "192.0.2.7"; pass an
** IPv6 client's /64 prefix, since one machine commonly holds a whole /64.
** Text past 63 bytes is not compared. Thread-safe.
**
** The caller: if (!auth_throttle_allow(t, addr, &wait)) refuse; else
** verify, then auth_throttle_failure() or auth_throttle_success().
*/
#define AUTH_THROTTLE_FAILS 5
#define AUTH_THROTTLE_WINDOW_MS 60000
#define AUTH_THROTTLE_BACKOFF_MS 5000
#define AUTH_THROTTLE_BACKOFF_MAX_MS 300000
#define AUTH_THROTTLE_FORGET_MS 900000
#define AUTH_THROTTLE_SLOTS 4096

typedef struct AuthThrottle AuthThrottle;

/* Milliseconds from any fixed origin, never going back. */
typedef int64_t (*AuthClockFn)(void *pCtx);

/* nSlots: addresses tracked at once (0: AUTH_THROTTLE_SLOTS). xNow: the
** clock (NULL: CLOCK_MONOTONIC; tests inject their own). */
AuthThrottle *auth_throttle_new(uint32_t nSlots, AuthClockFn xNow, void *pClockCtx);
void auth_throttle_free(AuthThrottle *pThrottle);

/* May zAddr try to log in now? When not, sets *pnWaitMs (if not NULL) to
** the milliseconds until it may. An allowed attempt counts as a failure
** until auth_throttle_failure or auth_throttle_success reports it (call
** one of them after every allowed attempt), so that many logins at once
** cannot slip past the limit. */
bool auth_throttle_allow(AuthThrottle *pThrottle, const char *zAddr, int64_t *pnWaitMs);
/* Records a failed login from zAddr. */
void auth_throttle_failure(AuthThrottle *pThrottle, const char *zAddr);
/* Records a successful login from zAddr: forgets its failures. */
void auth_throttle_success(AuthThrottle *pThrottle, const char *zAddr);

/* ---- Reading a password for the CLI -------------------------------------
**
** When standard input is a terminal: writes zPrompt to /dev/tty, reads a
** line with echo off and, when bConfirm, asks again ("Retype ...") and
** fails unless both match. Otherwise reads one line from standard input
** (a script: `echo "$PW" | tangle DB --add-user ann --role editor`),
** without the newline (nor a CR before it). The password goes into
** zOut[AUTH_PASSWORD_MAX + 1], NUL-terminated, its length into *pnOut.
** Fails with AUTH_BAD_INPUT on an empty or too long password or a
** mismatch, AUTH_IO_ERROR when nothing could be read. Temporary copies
** are wiped; the caller should wipe zOut (explicit_bzero) when done. */
AuthStatus auth_read_password(const char *zPrompt, bool bConfirm, char zOut[AUTH_PASSWORD_MAX + 1],
                              size_t *pnOut, AuthError *pErr);

#endif /* TANGLE_SERVER_AUTH_H */
