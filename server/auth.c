/*
** auth.c — users, password hashes, login checks, throttling of failed
** logins, and password entry for the CLI (see auth.h for the contract).
**
** The users are a vector sorted by name, guarded by the store's mutex.
** Nothing slow happens under the mutex: hashing and verification run on
** copies, so many connection threads check logins at once while a reload
** or a management call swaps or edits the vector.
*/
#include "server/auth.h"

#include <argon2.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/strbuf.h"
#include "base/vec.h"
#include "store/dbfile.h"

/* ======================================================================
** Hash parameters
** ====================================================================== */

/* The cost of new hashes: argon2id, 2 passes over 19 MiB, 1 lane, the
** minimum OWASP's password storage guidance gives for argon2id. A server
** verifies every login (and every unknown name, against the dummy) with
** it, so it must stay in tens of milliseconds on one core: ~20-40 ms
** here, and 19 MiB per login in flight (capped by
** AUTH_MAX_PARALLEL_VERIFY). Against offline guessing from a stolen users
** file, the 19 MiB per guess is what costs: it makes GPU and ASIC
** attackers pay for memory, not just arithmetic. One lane, because the
** server gets its parallelism from concurrent logins, not within one. */
#define AUTH_HASH_T 2
#define AUTH_HASH_M (19u * 1024)   /* KiB */
#define AUTH_HASH_P 1
#define AUTH_SALT_BYTES 16
#define AUTH_DIGEST_BYTES 32

/* What a stored hash may ask for: the file is untrusted, and argon2
** allocates m KiB and starts p threads for each verification. */
#define AUTH_MAX_T 16
#define AUTH_MAX_M (256u * 1024)   /* KiB: 256 MiB */
#define AUTH_MAX_P 8
#define AUTH_SALT_MIN 8
#define AUTH_SALT_MAX 64
#define AUTH_DIGEST_MIN 16
#define AUTH_DIGEST_MAX 64
/* Longest valid encoded hash is ~220 bytes; lines are bounded below it. */
#define AUTH_ENCODED_MAX AUTH_LINE_MAX

static _Atomic uint32_t authCostT = AUTH_HASH_T;
static _Atomic uint32_t authCostM = AUTH_HASH_M;
static _Atomic uint32_t authCostP = AUTH_HASH_P;

static bool authCostInBounds(uint64_t t, uint64_t m, uint64_t p) {
  return t >= 1 && t <= AUTH_MAX_T && p >= 1 && p <= AUTH_MAX_P && m >= 8 * p && m <= AUTH_MAX_M;
}

AuthStatus auth_set_hash_cost_for_tests(uint32_t nPasses, uint32_t nMemKiB, uint32_t nLanes) {
  if (!authCostInBounds(nPasses, nMemKiB, nLanes)) return AUTH_BAD_INPUT;
  atomic_store(&authCostT, nPasses);
  atomic_store(&authCostM, nMemKiB);
  atomic_store(&authCostP, nLanes);
  return AUTH_OK;
}

/* ======================================================================
** Names, roles, messages
** ====================================================================== */

static const char *const azRoleName[] = {"none", "reader", "editor", "admin"};

const char *auth_role_name(AuthRole eRole) {
  return (eRole >= AUTH_ROLE_NONE && eRole <= AUTH_ROLE_ADMIN) ? azRoleName[eRole] : "none";
}

static AuthRole authRoleParseN(const char *z, size_t n) {
  for (int i = AUTH_ROLE_READER; i <= AUTH_ROLE_ADMIN; i++) {
    if (strlen(azRoleName[i]) == n && memcmp(azRoleName[i], z, n) == 0) return (AuthRole)i;
  }
  return AUTH_ROLE_NONE;
}

AuthRole auth_role_parse(const char *zRole) { return zRole ? authRoleParseN(zRole, strlen(zRole)) : AUTH_ROLE_NONE; }

static bool authRoleValid(AuthRole e) { return e >= AUTH_ROLE_READER && e <= AUTH_ROLE_ADMIN; }

bool auth_name_valid(const char *zName, size_t nName) {
  if (zName == NULL || nName < 1 || nName > AUTH_NAME_MAX) return false;
  for (size_t i = 0; i < nName; i++) {
    unsigned char c = (unsigned char)zName[i];
    bool bOk = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '.' || c == '@' || c == '-';
    if (!bOk) return false;
  }
  return true;
}

const char *auth_status_name(AuthStatus e) {
  switch (e) {
    case AUTH_OK: return "ok";
    case AUTH_UNAUTHORIZED: return "unauthorized";
    case AUTH_EXISTS: return "user exists";
    case AUTH_NO_USER: return "no such user";
    case AUTH_BAD_INPUT: return "invalid input";
    case AUTH_NOT_FOUND: return "file not found";
    case AUTH_BAD_FILE: return "malformed users file";
    case AUTH_IO_ERROR: return "I/O error";
    case AUTH_FAILED: return "hashing failed";
  }
  return "unknown status";
}

/* Sets the message (when pErr is given) and returns eStatus. */
static AuthStatus authFail(AuthError *pErr, AuthStatus eStatus, const char *zFmt, ...) TG_PRINTF(3, 4);
static AuthStatus authFail(AuthError *pErr, AuthStatus eStatus, const char *zFmt, ...) {
  if (pErr) {
    va_list ap;
    va_start(ap, zFmt);
    vsnprintf(pErr->zMsg, sizeof(pErr->zMsg), zFmt, ap);
    va_end(ap);
  }
  return eStatus;
}

/* Copies at most 64 bytes of untrusted text into zOut for a message,
** with anything but printable ASCII shown as '?'. */
static const char *authPrintable(const char *z, size_t n, char zOut[72]) {
  size_t i, nShown = n > 64 ? 64 : n;
  for (i = 0; i < nShown; i++) {
    unsigned char c = (unsigned char)z[i];
    zOut[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
  }
  if (n > nShown) memcpy(zOut + i, "...", 4);
  else zOut[i] = 0;
  return zOut;
}

static const char zNameRules[] = "1 to 64 characters of A-Z a-z 0-9 _ . @ -";

/* Checks a user name given by a caller; AUTH_OK or AUTH_BAD_INPUT. */
static AuthStatus authCheckName(const char *zName, AuthError *pErr) {
  size_t n = zName ? strlen(zName) : 0;
  if (auth_name_valid(zName, n)) return AUTH_OK;
  char zShown[72];
  return authFail(pErr, AUTH_BAD_INPUT, "invalid user name '%s' (%s)", authPrintable(zName ? zName : "", n, zShown),
                  zNameRules);
}

static AuthStatus authCheckPassword(const char *zPassword, size_t nPassword, AuthError *pErr) {
  if (zPassword == NULL || nPassword == 0) return authFail(pErr, AUTH_BAD_INPUT, "the password is empty");
  if (nPassword > AUTH_PASSWORD_MAX) {
    return authFail(pErr, AUTH_BAD_INPUT, "the password is longer than %d bytes", AUTH_PASSWORD_MAX);
  }
  return AUTH_OK;
}

/* ======================================================================
** Checking an encoded hash from the file
** ====================================================================== */

static int authBase64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/* Reads an unpadded base64 run at z[*pi..n) up to '$' or the end; sets
** *pnBytes to the bytes it decodes to. False when it is malformed (a bad
** character, an impossible length, stray low bits that argon2's decoder
** would refuse). */
static bool authBase64Run(const char *z, size_t n, size_t *pi, size_t *pnBytes) {
  size_t i = *pi, nChars = 0;
  int vLast = 0;
  while (i < n && z[i] != '$') {
    vLast = authBase64Value(z[i]);
    if (vLast < 0) return false;
    i++;
    nChars++;
  }
  if (nChars == 0 || nChars % 4 == 1) return false;
  if (nChars % 4 == 2 && (vLast & 0x0f)) return false;
  if (nChars % 4 == 3 && (vLast & 0x03)) return false;
  *pnBytes = nChars / 4 * 3 + (nChars % 4 ? nChars % 4 - 1 : 0);
  *pi = i;
  return true;
}

/* Reads "KEY=digits" at z[*pi..n); false on anything else or > 10 digits. */
static bool authDecimal(const char *z, size_t n, size_t *pi, const char *zKey, uint64_t *pv) {
  size_t i = *pi, nKey = strlen(zKey);
  if (n - i < nKey || memcmp(z + i, zKey, nKey) != 0) return false;
  i += nKey;
  uint64_t v = 0;
  size_t nDigits = 0;
  while (i < n && z[i] >= '0' && z[i] <= '9' && nDigits <= 10) {
    v = v * 10 + (uint64_t)(z[i] - '0');
    i++;
    nDigits++;
  }
  if (nDigits == 0 || nDigits > 10) return false;
  *pv = v;
  *pi = i;
  return true;
}

/* Is z[0..n) an argon2id encoded hash whose cost is within bounds? When
** not, says why in zWhy. */
static bool authHashValid(const char *z, size_t n, char *zWhy, size_t nWhy) {
  static const char zPrefix[] = "$argon2id$v=19$";
  size_t i = sizeof(zPrefix) - 1;
  uint64_t m, t, p;
  size_t nSalt, nDigest;
  if (n < i || memcmp(z, zPrefix, i) != 0) {
    snprintf(zWhy, nWhy, "the password hash is not argon2id version 19 ($argon2id$v=19$...)");
    return false;
  }
  if (!authDecimal(z, n, &i, "m=", &m) || !authDecimal(z, n, &i, ",t=", &t) || !authDecimal(z, n, &i, ",p=", &p) ||
      i >= n || z[i] != '$') {
    snprintf(zWhy, nWhy, "the password hash's parameters are malformed (expected m=KiB,t=passes,p=lanes)");
    return false;
  }
  if (!authCostInBounds(t, m, p)) {
    snprintf(zWhy, nWhy,
             "the password hash's cost is out of bounds (t 1-%d, p 1-%d, m 8*p-%u KiB; it has t=%llu, p=%llu, "
             "m=%llu)",
             AUTH_MAX_T, AUTH_MAX_P, AUTH_MAX_M, (unsigned long long)t, (unsigned long long)p,
             (unsigned long long)m);
    return false;
  }
  i++;
  if (!authBase64Run(z, n, &i, &nSalt) || i >= n || z[i] != '$' || nSalt < AUTH_SALT_MIN || nSalt > AUTH_SALT_MAX) {
    snprintf(zWhy, nWhy, "the password hash's salt is malformed (base64 of %d-%d bytes)", AUTH_SALT_MIN,
             AUTH_SALT_MAX);
    return false;
  }
  i++;
  if (!authBase64Run(z, n, &i, &nDigest) || i != n || nDigest < AUTH_DIGEST_MIN || nDigest > AUTH_DIGEST_MAX) {
    snprintf(zWhy, nWhy, "the password hash's digest is malformed (base64 of %d-%d bytes)", AUTH_DIGEST_MIN,
             AUTH_DIGEST_MAX);
    return false;
  }
  return true;
}

/* ======================================================================
** Hashing
** ====================================================================== */

/* Fills p with n random bytes from the kernel. */
static bool authRandom(void *p, size_t n) {
  uint8_t *a = p;
  while (n > 0) {
    ssize_t k = getrandom(a, n, 0);
    if (k < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    a += k;
    n -= (size_t)k;
  }
  return true;
}

/* Hashes a password with a fresh salt at the current cost into
** zOut[AUTH_ENCODED_MAX]. AUTH_OK or AUTH_FAILED. */
static AuthStatus authHash(const char *zPassword, size_t nPassword, char *zOut, AuthError *pErr) {
  uint8_t aSalt[AUTH_SALT_BYTES];
  if (!authRandom(aSalt, sizeof(aSalt))) {
    return authFail(pErr, AUTH_FAILED, "cannot get random bytes for a salt: %s", strerror(errno));
  }
  int rc = argon2id_hash_encoded(atomic_load(&authCostT), atomic_load(&authCostM), atomic_load(&authCostP),
                                 zPassword, nPassword, aSalt, sizeof(aSalt), AUTH_DIGEST_BYTES, zOut,
                                 AUTH_ENCODED_MAX);
  if (rc != ARGON2_OK) return authFail(pErr, AUTH_FAILED, "cannot hash the password: %s", argon2_error_message(rc));
  return AUTH_OK;
}

/* ======================================================================
** The store
** ====================================================================== */

typedef struct AuthUser {
  char *zName;     /* valid name, NUL-terminated, owned */
  AuthRole eRole;
  char *zHash;     /* valid encoded argon2id hash, owned */
} AuthUser;

typedef VEC(AuthUser) AuthUserVec;

/* The users vector is sorted by name (bytewise), without duplicates, and
** only touched under mu. The dummy hash, for unknown names, is made on
** first need and remade when the test-only cost setter changed the cost. */
struct AuthStore {
  pthread_mutex_t mu;
  pthread_mutex_t muSave;         /* held through a whole auth_save() */
  pthread_cond_t cvSlot;          /* signalled when a verification ends */
  int nVerifying;                 /* verifications running (<= AUTH_MAX_PARALLEL_VERIFY) */
  AuthUserVec users;
  bool bDummy;
  uint32_t aDummyCost[3];         /* t, m, p the dummy was made with */
  char zDummy[AUTH_ENCODED_MAX];
};

static void authUsersFree(AuthUserVec *pUsers) {
  for (uint32_t i = 0; i < pUsers->n; i++) {
    tg_free(pUsers->a[i].zName);
    tg_free(pUsers->a[i].zHash);
  }
  vec_free(pUsers);
}

/* Compares a (pointer, length) name with a stored one, as strcmp would. */
static int authNameCmp(const char *z, size_t n, const char *zStored) {
  size_t nStored = strlen(zStored);
  int c = memcmp(z, zStored, n < nStored ? n : nStored);
  if (c) return c;
  return n < nStored ? -1 : (n > nStored ? 1 : 0);
}

/* Binary search: true when found at *piAt; else *piAt is where it goes. */
static bool authFind(const AuthUserVec *pUsers, const char *z, size_t n, uint32_t *piAt) {
  uint32_t lo = 0, hi = pUsers->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = authNameCmp(z, n, pUsers->a[mid].zName);
    if (c == 0) {
      *piAt = mid;
      return true;
    }
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  *piAt = lo;
  return false;
}

AuthStore *auth_new(void) {
  AuthStore *p = tg_calloc(1, sizeof(*p));
  pthread_mutex_init(&p->mu, NULL);
  pthread_mutex_init(&p->muSave, NULL);
  pthread_cond_init(&p->cvSlot, NULL);
  return p;
}

void auth_free(AuthStore *p) {
  if (p == NULL) return;
  authUsersFree(&p->users);
  pthread_cond_destroy(&p->cvSlot);
  pthread_mutex_destroy(&p->muSave);
  pthread_mutex_destroy(&p->mu);
  tg_free(p);
}

uint32_t auth_count(AuthStore *p) {
  pthread_mutex_lock(&p->mu);
  uint32_t n = p->users.n;
  pthread_mutex_unlock(&p->mu);
  return n;
}

AuthRole auth_role_of(AuthStore *p, const char *zName) {
  if (zName == NULL) return AUTH_ROLE_NONE;
  uint32_t i;
  AuthRole e = AUTH_ROLE_NONE;
  pthread_mutex_lock(&p->mu);
  if (authFind(&p->users, zName, strlen(zName), &i)) e = p->users.a[i].eRole;
  pthread_mutex_unlock(&p->mu);
  return e;
}

void auth_list(AuthStore *p, AuthUserInfo **paUsers, uint32_t *pnUsers) {
  pthread_mutex_lock(&p->mu);
  uint32_t n = p->users.n;
  AuthUserInfo *a = n ? tg_calloc(n, sizeof(*a)) : NULL;
  for (uint32_t i = 0; i < n; i++) {
    snprintf(a[i].zName, sizeof(a[i].zName), "%s", p->users.a[i].zName);
    a[i].eRole = p->users.a[i].eRole;
  }
  pthread_mutex_unlock(&p->mu);
  *paUsers = a;
  *pnUsers = n;
}

/* ---- Loading ---------------------------------------------------------- */

/* A user read from the file, with its line for duplicate reports. */
typedef struct AuthLoaded {
  AuthUser u;
  uint32_t iLine;
} AuthLoaded;

static int authLoadedCmp(const void *pA, const void *pB) {
  const AuthLoaded *a = pA, *b = pB;
  int c = strcmp(a->u.zName, b->u.zName);
  if (c) return c;
  return a->iLine < b->iLine ? -1 : (a->iLine > b->iLine ? 1 : 0);
}

/* Reads the whole file into pText, refusing anything but a regular file
** of at most AUTH_FILE_MAX bytes. */
static AuthStatus authReadFile(const char *zPath, StrBuf *pText, AuthError *pErr) {
  /* O_NONBLOCK: a FIFO put in the file's place must not hang the open. */
  int fd = dbfile_open(zPath, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) return authFail(pErr, AUTH_NOT_FOUND, "%s: no such file", zPath);
    return authFail(pErr, AUTH_IO_ERROR, "%s: cannot open: %s", zPath, strerror(errno));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    dbfile_close(fd);
    return authFail(pErr, AUTH_IO_ERROR, "%s: %s", zPath, strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    dbfile_close(fd);
    return authFail(pErr, AUTH_BAD_FILE, "%s: not a regular file", zPath);
  }
  char aBuf[8192];
  for (;;) {
    ssize_t k = read(fd, aBuf, sizeof(aBuf));
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      int e = errno;
      dbfile_close(fd);
      return authFail(pErr, AUTH_IO_ERROR, "%s: cannot read: %s", zPath, strerror(e));
    }
    if (k == 0) break;
    if (pText->n + (size_t)k > AUTH_FILE_MAX) {
      dbfile_close(fd);
      return authFail(pErr, AUTH_BAD_FILE, "%s: larger than %u MiB; not a users file", zPath, AUTH_FILE_MAX >> 20);
    }
    strbuf_append(pText, aBuf, (size_t)k);
  }
  dbfile_close(fd);
  return AUTH_OK;
}

/* Parses one non-empty line (without its newline) into *pOut. */
static AuthStatus authParseLine(const char *zPath, uint32_t iLine, const char *z, size_t n, AuthUser *pOut,
                                AuthError *pErr) {
  const char *zColon1 = memchr(z, ':', n);
  const char *zColon2 = zColon1 ? memchr(zColon1 + 1, ':', n - (size_t)(zColon1 + 1 - z)) : NULL;
  if (zColon2 == NULL) {
    return authFail(pErr, AUTH_BAD_FILE, "%s:%u: expected name:role:hash (a field is missing)", zPath, iLine);
  }
  size_t nName = (size_t)(zColon1 - z), nRole = (size_t)(zColon2 - zColon1 - 1);
  const char *zHash = zColon2 + 1;
  size_t nHash = n - (size_t)(zHash - z);
  char zShown[72], zWhy[200];
  if (!auth_name_valid(z, nName)) {
    return authFail(pErr, AUTH_BAD_FILE, "%s:%u: invalid user name '%s' (%s)", zPath, iLine,
                    authPrintable(z, nName, zShown), zNameRules);
  }
  AuthRole eRole = authRoleParseN(zColon1 + 1, nRole);
  if (eRole == AUTH_ROLE_NONE) {
    return authFail(pErr, AUTH_BAD_FILE, "%s:%u: unknown role '%s' (reader, editor or admin)", zPath, iLine,
                    authPrintable(zColon1 + 1, nRole, zShown));
  }
  if (!authHashValid(zHash, nHash, zWhy, sizeof(zWhy))) {
    return authFail(pErr, AUTH_BAD_FILE, "%s:%u: %s", zPath, iLine, zWhy);
  }
  pOut->zName = tg_strndup(z, nName);
  pOut->eRole = eRole;
  pOut->zHash = tg_strndup(zHash, nHash);
  return AUTH_OK;
}

/* Parses the file's text into *pUsers, sorted; on failure *pUsers is
** left empty. */
static AuthStatus authParse(const char *zPath, const char *z, size_t n, AuthUserVec *pUsers, AuthError *pErr) {
  VEC(AuthLoaded) loaded = {0};
  AuthStatus rc = AUTH_OK;
  uint32_t iLine = 0;
  size_t i = 0;
  while (i < n && rc == AUTH_OK) {
    iLine++;
    const char *zEnd = memchr(z + i, '\n', n - i);
    size_t nLine = zEnd ? (size_t)(zEnd - (z + i)) : n - i;
    if (nLine + 1 > AUTH_LINE_MAX) {
      rc = authFail(pErr, AUTH_BAD_FILE, "%s:%u: line longer than %d bytes", zPath, iLine, AUTH_LINE_MAX - 1);
      break;
    }
    if (nLine > 0) {
      AuthLoaded one = {.iLine = iLine};
      rc = authParseLine(zPath, iLine, z + i, nLine, &one.u, pErr);
      if (rc == AUTH_OK) vec_push(&loaded, one);
    }
    i += nLine + 1;
  }
  if (rc == AUTH_OK && loaded.n > 1) {
    qsort(loaded.a, loaded.n, sizeof(loaded.a[0]), authLoadedCmp);
    for (uint32_t k = 1; k < loaded.n; k++) {
      if (strcmp(loaded.a[k - 1].u.zName, loaded.a[k].u.zName) == 0) {
        rc = authFail(pErr, AUTH_BAD_FILE, "%s:%u: user '%s' is already on line %u", zPath, loaded.a[k].iLine,
                      loaded.a[k].u.zName, loaded.a[k - 1].iLine);
        break;
      }
    }
  }
  for (uint32_t k = 0; k < loaded.n; k++) {
    if (rc == AUTH_OK) {
      vec_push(pUsers, loaded.a[k].u);
    } else {
      tg_free(loaded.a[k].u.zName);
      tg_free(loaded.a[k].u.zHash);
    }
  }
  vec_free(&loaded);
  return rc;
}

AuthStatus auth_load(AuthStore *p, const char *zPath, AuthError *pErr) {
  StrBuf text;
  strbuf_init(&text);
  AuthUserVec fresh = {0};
  AuthStatus rc = authReadFile(zPath, &text, pErr);
  if (rc == AUTH_OK) rc = authParse(zPath, text.z ? text.z : "", text.n, &fresh, pErr);
  strbuf_free(&text);
  if (rc != AUTH_OK) {
    authUsersFree(&fresh);
    return rc;
  }
  pthread_mutex_lock(&p->mu);
  AuthUserVec old = p->users;
  p->users = fresh;
  pthread_mutex_unlock(&p->mu);
  authUsersFree(&old);
  return AUTH_OK;
}

/* ---- Saving ----------------------------------------------------------- */

AuthStatus auth_save(AuthStore *p, const char *zPath, AuthError *pErr) {
  StrBuf text, tmp;
  strbuf_init(&text);
  strbuf_init(&tmp);
  /* Saves run one at a time, so an older copy never lands after a newer. */
  pthread_mutex_lock(&p->muSave);
  pthread_mutex_lock(&p->mu);
  for (uint32_t i = 0; i < p->users.n; i++) {
    const AuthUser *u = &p->users.a[i];
    strbuf_printf(&text, "%s:%s:%s\n", u->zName, auth_role_name(u->eRole), u->zHash);
  }
  pthread_mutex_unlock(&p->mu);

  /* The folder, for the temporary file and the sync after the rename. */
  const char *zSlash = strrchr(zPath, '/');
  char *zDir = zSlash == NULL ? tg_strndup(".", 1)
                              : tg_strndup(zPath, zSlash == zPath ? 1 : (size_t)(zSlash - zPath));
  strbuf_printf(&tmp, "%s.tmp.XXXXXX", zPath);
  AuthStatus rc = AUTH_OK;
  int e = 0;
  /* mkostemp makes the file with mode 0600, whatever the umask. */
  int fd = mkostemp(tmp.z, O_CLOEXEC);
  if (fd < 0) {
    rc = authFail(pErr, AUTH_IO_ERROR, "%s: cannot create a temporary file in %s: %s", zPath, zDir, strerror(errno));
    goto done;
  }
  if (fchmod(fd, 0600) != 0) e = errno;
  if (e == 0) e = dbfile_write(fd, text.z ? text.z : "", text.n);
  if (e == 0) e = dbfile_sync(fd);
  if (close(fd) != 0 && e == 0) e = errno;
  if (e != 0) {
    unlink(tmp.z);
    rc = authFail(pErr, AUTH_IO_ERROR, "%s: cannot write %s: %s (the users file is unchanged)", zPath, tmp.z,
                  strerror(e));
    goto done;
  }
  if (rename(tmp.z, zPath) != 0) {
    e = errno;
    unlink(tmp.z);
    rc = authFail(pErr, AUTH_IO_ERROR, "%s: cannot put the new users file in place: %s (the users file is unchanged)",
                  zPath, strerror(e));
    goto done;
  }
  e = dbfile_sync_dir(zDir);
  if (e != 0) {
    rc = authFail(pErr, AUTH_IO_ERROR, "%s: written, but syncing its folder %s failed: %s (a crash now may undo it)",
                  zPath, zDir, strerror(e));
  }
done:
  pthread_mutex_unlock(&p->muSave);
  strbuf_free(&tmp);
  strbuf_free(&text);
  tg_free(zDir);
  return rc;
}

/* ---- Management ------------------------------------------------------- */

static bool authExists(AuthStore *p, const char *zName) {
  uint32_t i;
  pthread_mutex_lock(&p->mu);
  bool b = authFind(&p->users, zName, strlen(zName), &i);
  pthread_mutex_unlock(&p->mu);
  return b;
}

static AuthStatus authBadRole(AuthError *pErr) {
  return authFail(pErr, AUTH_BAD_INPUT, "invalid role (reader, editor or admin)");
}

AuthStatus auth_add_user(AuthStore *p, const char *zName, AuthRole eRole, const char *zPassword, size_t nPassword,
                         AuthError *pErr) {
  AuthStatus rc = authCheckName(zName, pErr);
  if (rc != AUTH_OK) return rc;
  if (!authRoleValid(eRole)) return authBadRole(pErr);
  if ((rc = authCheckPassword(zPassword, nPassword, pErr)) != AUTH_OK) return rc;
  /* Checked before the slow hash, and again after it under the lock. */
  if (authExists(p, zName)) return authFail(pErr, AUTH_EXISTS, "user '%s' already exists", zName);
  char zHash[AUTH_ENCODED_MAX];
  if ((rc = authHash(zPassword, nPassword, zHash, pErr)) != AUTH_OK) return rc;
  uint32_t i;
  pthread_mutex_lock(&p->mu);
  if (authFind(&p->users, zName, strlen(zName), &i)) {
    rc = authFail(pErr, AUTH_EXISTS, "user '%s' already exists", zName);
  } else {
    AuthUser u = {tg_strndup(zName, strlen(zName)), eRole, tg_strndup(zHash, strlen(zHash))};
    vec_reserve(&p->users, p->users.n + 1);
    memmove(&p->users.a[i + 1], &p->users.a[i], (p->users.n - i) * sizeof(AuthUser));
    p->users.a[i] = u;
    p->users.n++;
  }
  pthread_mutex_unlock(&p->mu);
  return rc;
}

AuthStatus auth_set_password(AuthStore *p, const char *zName, const char *zPassword, size_t nPassword,
                             AuthError *pErr) {
  AuthStatus rc = authCheckName(zName, pErr);
  if (rc != AUTH_OK) return rc;
  if ((rc = authCheckPassword(zPassword, nPassword, pErr)) != AUTH_OK) return rc;
  if (!authExists(p, zName)) return authFail(pErr, AUTH_NO_USER, "no user '%s'", zName);
  char zHash[AUTH_ENCODED_MAX];
  if ((rc = authHash(zPassword, nPassword, zHash, pErr)) != AUTH_OK) return rc;
  uint32_t i;
  pthread_mutex_lock(&p->mu);
  if (authFind(&p->users, zName, strlen(zName), &i)) {
    tg_free(p->users.a[i].zHash);
    p->users.a[i].zHash = tg_strndup(zHash, strlen(zHash));
  } else {
    rc = authFail(pErr, AUTH_NO_USER, "no user '%s'", zName);
  }
  pthread_mutex_unlock(&p->mu);
  return rc;
}

AuthStatus auth_set_role(AuthStore *p, const char *zName, AuthRole eRole, AuthError *pErr) {
  AuthStatus rc = authCheckName(zName, pErr);
  if (rc != AUTH_OK) return rc;
  if (!authRoleValid(eRole)) return authBadRole(pErr);
  uint32_t i;
  pthread_mutex_lock(&p->mu);
  if (authFind(&p->users, zName, strlen(zName), &i)) p->users.a[i].eRole = eRole;
  else rc = authFail(pErr, AUTH_NO_USER, "no user '%s'", zName);
  pthread_mutex_unlock(&p->mu);
  return rc;
}

AuthStatus auth_remove_user(AuthStore *p, const char *zName, AuthError *pErr) {
  AuthStatus rc = authCheckName(zName, pErr);
  if (rc != AUTH_OK) return rc;
  uint32_t i;
  AuthUser gone = {0};
  pthread_mutex_lock(&p->mu);
  if (authFind(&p->users, zName, strlen(zName), &i)) {
    gone = p->users.a[i];
    memmove(&p->users.a[i], &p->users.a[i + 1], (p->users.n - i - 1) * sizeof(AuthUser));
    p->users.n--;
  } else {
    rc = authFail(pErr, AUTH_NO_USER, "no user '%s'", zName);
  }
  pthread_mutex_unlock(&p->mu);
  tg_free(gone.zName);
  tg_free(gone.zHash);
  return rc;
}

/* ---- Verifying -------------------------------------------------------- */

/* Copies into zOut the dummy hash an unknown name is checked against,
** making it first when there is none at the current cost. It is the
** hash of random bytes, so no password matches it, and its cost is the
** cost of new hashes, so checking it takes as long as a real user's. */
static AuthStatus authDummy(AuthStore *p, char *zOut) {
  uint32_t aCost[3] = {atomic_load(&authCostT), atomic_load(&authCostM), atomic_load(&authCostP)};
  pthread_mutex_lock(&p->mu);
  bool bHave = p->bDummy && memcmp(p->aDummyCost, aCost, sizeof(aCost)) == 0;
  if (bHave) memcpy(zOut, p->zDummy, AUTH_ENCODED_MAX);
  pthread_mutex_unlock(&p->mu);
  if (bHave) return AUTH_OK;
  uint8_t aSecret[32];
  if (!authRandom(aSecret, sizeof(aSecret))) return AUTH_FAILED;
  AuthStatus rc = authHash((const char *)aSecret, sizeof(aSecret), zOut, NULL);
  if (rc != AUTH_OK) return rc;
  pthread_mutex_lock(&p->mu);
  memcpy(p->zDummy, zOut, AUTH_ENCODED_MAX);
  memcpy(p->aDummyCost, aCost, sizeof(aCost));
  p->bDummy = true;
  pthread_mutex_unlock(&p->mu);
  return AUTH_OK;
}

AuthStatus auth_verify(AuthStore *p, const char *zName, size_t nName, const char *zPassword, size_t nPassword,
                       AuthRole *peRole) {
  *peRole = AUTH_ROLE_NONE;
  /* No user can have a name or password breaking the rules: refusing at
  ** once tells the caller nothing about which names exist. */
  if (!auth_name_valid(zName, nName) || zPassword == NULL || nPassword == 0 || nPassword > AUTH_PASSWORD_MAX) {
    return AUTH_UNAUTHORIZED;
  }
  char zHash[AUTH_ENCODED_MAX];
  AuthRole eRole = AUTH_ROLE_NONE;
  uint32_t i;

  pthread_mutex_lock(&p->mu);
  while (p->nVerifying >= AUTH_MAX_PARALLEL_VERIFY) pthread_cond_wait(&p->cvSlot, &p->mu);
  p->nVerifying++;
  bool bKnown = authFind(&p->users, zName, nName, &i);
  if (bKnown) {
    snprintf(zHash, sizeof(zHash), "%s", p->users.a[i].zHash);
    eRole = p->users.a[i].eRole;
  }
  pthread_mutex_unlock(&p->mu);

  AuthStatus rc = bKnown ? AUTH_OK : authDummy(p, zHash);
  int rcArgon = ARGON2_VERIFY_MISMATCH;
  if (rc == AUTH_OK) rcArgon = argon2id_verify(zHash, zPassword, nPassword);

  pthread_mutex_lock(&p->mu);
  p->nVerifying--;
  pthread_cond_signal(&p->cvSlot);
  pthread_mutex_unlock(&p->mu);

  if (rc != AUTH_OK) return rc;
  if (rcArgon == ARGON2_MEMORY_ALLOCATION_ERROR || rcArgon == ARGON2_THREAD_FAIL) return AUTH_FAILED;
  if (!bKnown || rcArgon != ARGON2_OK) return AUTH_UNAUTHORIZED;
  *peRole = eRole;
  return AUTH_OK;
}

/* ======================================================================
** Throttling failed logins
** ====================================================================== */

#define AUTH_ADDR_MAX 64

/* One address's record. A slot is free when its aHash entry is 0. */
typedef struct ThrottleSlot {
  char zAddr[AUTH_ADDR_MAX];   /* the first 63 bytes of the address */
  uint32_t nFails;             /* failures since tWindow */
  uint32_t nLockouts;          /* lockouts since the last success (or forgetting) */
  uint32_t nPending;           /* attempts allowed and not yet reported: they count as
                                  failures until they are, so that a burst of logins
                                  at once cannot slip past the limit */
  int64_t tWindow;             /* start of the counting window */
  int64_t tLastFail;           /* the latest failure: age for eviction and forgetting */
  int64_t tUntil;              /* refused until then */
} ThrottleSlot;

/* aHash[] holds each slot's address hash apart from the slots, so finding
** an address scans 8 bytes a slot. */
struct AuthThrottle {
  pthread_mutex_t mu;
  AuthClockFn xNow;
  void *pClockCtx;
  uint32_t nSlots;
  uint64_t *aHash;
  ThrottleSlot *aSlot;
};

static int64_t authMonotonicMs(void *pCtx) {
  (void)pCtx;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

AuthThrottle *auth_throttle_new(uint32_t nSlots, AuthClockFn xNow, void *pClockCtx) {
  AuthThrottle *t = tg_calloc(1, sizeof(*t));
  pthread_mutex_init(&t->mu, NULL);
  t->xNow = xNow ? xNow : authMonotonicMs;
  t->pClockCtx = pClockCtx;
  t->nSlots = nSlots ? nSlots : AUTH_THROTTLE_SLOTS;
  t->aHash = tg_calloc(t->nSlots, sizeof(uint64_t));
  t->aSlot = tg_calloc(t->nSlots, sizeof(ThrottleSlot));
  return t;
}

void auth_throttle_free(AuthThrottle *t) {
  if (t == NULL) return;
  tg_free(t->aHash);
  tg_free(t->aSlot);
  pthread_mutex_destroy(&t->mu);
  tg_free(t);
}

/* FNV-1a over the first 63 bytes, never 0 (0 marks a free slot). */
static uint64_t authAddrHash(const char *zAddr, char zKey[AUTH_ADDR_MAX]) {
  snprintf(zKey, AUTH_ADDR_MAX, "%s", zAddr ? zAddr : "");
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char *z = zKey; *z; z++) h = (h ^ (uint8_t)*z) * 0x100000001b3ULL;
  return h ? h : 1;
}

static int32_t authThrottleFind(AuthThrottle *t, uint64_t h, const char *zKey) {
  for (uint32_t i = 0; i < t->nSlots; i++) {
    if (t->aHash[i] == h && strcmp(t->aSlot[i].zAddr, zKey) == 0) return (int32_t)i;
  }
  return -1;
}

static bool authThrottleForgotten(const ThrottleSlot *s, int64_t now) {
  return now - s->tLastFail > AUTH_THROTTLE_FORGET_MS && now >= s->tUntil;
}

/* A slot for a new address: a free or forgotten one, else the least
** recently failed one not locked out, else the least recently failed. */
static uint32_t authThrottleClaim(AuthThrottle *t, int64_t now) {
  int64_t iFree = -1, iOpen = -1, iAny = -1;
  for (uint32_t i = 0; i < t->nSlots && iFree < 0; i++) {
    const ThrottleSlot *s = &t->aSlot[i];
    if (t->aHash[i] == 0 || authThrottleForgotten(s, now)) iFree = i;
    else {
      if (now >= s->tUntil && (iOpen < 0 || s->tLastFail < t->aSlot[iOpen].tLastFail)) iOpen = i;
      if (iAny < 0 || s->tLastFail < t->aSlot[iAny].tLastFail) iAny = i;
    }
  }
  return (uint32_t)(iFree >= 0 ? iFree : (iOpen >= 0 ? iOpen : iAny));
}

bool auth_throttle_allow(AuthThrottle *t, const char *zAddr, int64_t *pnWaitMs) {
  char zKey[AUTH_ADDR_MAX];
  uint64_t h = authAddrHash(zAddr, zKey);
  bool bAllow = true;
  pthread_mutex_lock(&t->mu);
  int64_t now = t->xNow(t->pClockCtx);
  int32_t i = authThrottleFind(t, h, zKey);
  if (i >= 0 && now < t->aSlot[i].tUntil) {
    bAllow = false;
    if (pnWaitMs) *pnWaitMs = t->aSlot[i].tUntil - now;
  } else if (i >= 0 && now - t->aSlot[i].tWindow <= AUTH_THROTTLE_WINDOW_MS &&
             t->aSlot[i].nFails + t->aSlot[i].nPending >= AUTH_THROTTLE_FAILS) {
    /* Enough attempts are still being checked to reach the limit. */
    bAllow = false;
    if (pnWaitMs) *pnWaitMs = AUTH_THROTTLE_BACKOFF_MS;
  } else {
    if (i < 0 || authThrottleForgotten(&t->aSlot[i], now)) {
      if (i < 0) i = (int32_t)authThrottleClaim(t, now);
      ThrottleSlot *s = &t->aSlot[i];
      memset(s, 0, sizeof(*s));
      memcpy(s->zAddr, zKey, sizeof(zKey));
      s->tWindow = now;
      s->tLastFail = now;
      t->aHash[i] = h;
    }
    t->aSlot[i].nPending++;
  }
  pthread_mutex_unlock(&t->mu);
  return bAllow;
}

void auth_throttle_failure(AuthThrottle *t, const char *zAddr) {
  char zKey[AUTH_ADDR_MAX];
  uint64_t h = authAddrHash(zAddr, zKey);
  pthread_mutex_lock(&t->mu);
  int64_t now = t->xNow(t->pClockCtx);
  int32_t i = authThrottleFind(t, h, zKey);
  ThrottleSlot *s;
  if (i < 0 || authThrottleForgotten(&t->aSlot[i], now)) {
    if (i < 0) i = (int32_t)authThrottleClaim(t, now);
    s = &t->aSlot[i];
    memset(s, 0, sizeof(*s));
    memcpy(s->zAddr, zKey, sizeof(zKey));
    s->tWindow = now;
    t->aHash[i] = h;
  }
  s = &t->aSlot[i];
  s->tLastFail = now;
  if (s->nPending > 0) s->nPending--;
  /* A failure that raced a lockout (its attempt was allowed just before)
  ** neither counts nor lengthens it. */
  if (now < s->tUntil) goto done;
  if (now - s->tWindow > AUTH_THROTTLE_WINDOW_MS) {
    s->tWindow = now;
    s->nFails = 0;
  }
  s->nFails++;
  if (s->nFails >= AUTH_THROTTLE_FAILS || s->nLockouts > 0) {
    int64_t nBackoff = AUTH_THROTTLE_BACKOFF_MS;
    for (uint32_t k = 0; k < s->nLockouts && nBackoff < AUTH_THROTTLE_BACKOFF_MAX_MS; k++) nBackoff *= 2;
    if (nBackoff > AUTH_THROTTLE_BACKOFF_MAX_MS) nBackoff = AUTH_THROTTLE_BACKOFF_MAX_MS;
    s->tUntil = now + nBackoff;
    if (s->nLockouts < UINT32_MAX) s->nLockouts++;
    s->nFails = 0;
    s->tWindow = now;
  }
done:
  pthread_mutex_unlock(&t->mu);
}

void auth_throttle_success(AuthThrottle *t, const char *zAddr) {
  char zKey[AUTH_ADDR_MAX];
  uint64_t h = authAddrHash(zAddr, zKey);
  pthread_mutex_lock(&t->mu);
  int32_t i = authThrottleFind(t, h, zKey);
  if (i >= 0) {
    t->aHash[i] = 0;
    memset(&t->aSlot[i], 0, sizeof(t->aSlot[i]));
  }
  pthread_mutex_unlock(&t->mu);
}

/* ======================================================================
** Reading a password for the CLI
** ====================================================================== */

/* The signal that interrupted a password read at the terminal (0: none).
** While echo is off, the signals that would end or stop the process are
** caught (without SA_RESTART, so the read returns EINTR), the terminal is
** put back, and the signal is raised again with its own disposition. */
static volatile sig_atomic_t authCaughtSignal;
static const int aAuthSignals[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU};

static void authOnSignal(int iSig) { authCaughtSignal = iSig; }

/* Reads one line from fd, a byte at a time so that nothing after it is
** consumed, into zOut without the newline (or a CR before it). */
static AuthStatus authReadLine(int fd, char zOut[AUTH_PASSWORD_MAX + 1], size_t *pnOut, AuthError *pErr) {
  size_t n = 0;
  bool bLong = false, bAny = false;
  for (;;) {
    char c;
    ssize_t k = read(fd, &c, 1);
    if (k < 0 && errno == EINTR && !authCaughtSignal) continue;
    if (k < 0) {
      int e = errno;
      explicit_bzero(zOut, AUTH_PASSWORD_MAX + 1);
      if (authCaughtSignal) return authFail(pErr, AUTH_IO_ERROR, "interrupted");
      return authFail(pErr, AUTH_IO_ERROR, "cannot read the password: %s", strerror(e));
    }
    if (k == 0 || c == '\n') {
      if (k == 1) bAny = true;
      break;
    }
    bAny = true;
    if (n < AUTH_PASSWORD_MAX + 1) zOut[n++] = c;
    else bLong = true;   /* read on to the end of the line, storing nothing */
  }
  if (n > 0 && zOut[n - 1] == '\r') n--;
  if (n > AUTH_PASSWORD_MAX) bLong = true;
  zOut[n > AUTH_PASSWORD_MAX ? AUTH_PASSWORD_MAX : n] = 0;
  if (!bAny) return authFail(pErr, AUTH_IO_ERROR, "no password: the input ended");
  if (bLong) {
    explicit_bzero(zOut, AUTH_PASSWORD_MAX + 1);
    return authFail(pErr, AUTH_BAD_INPUT, "the password is longer than %d bytes", AUTH_PASSWORD_MAX);
  }
  if (n == 0) return authFail(pErr, AUTH_BAD_INPUT, "the password is empty");
  *pnOut = n;
  return AUTH_OK;
}

static void authWriteAll(int fd, const char *z) {
  size_t n = strlen(z);
  while (n > 0) {
    ssize_t k = write(fd, z, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return;
    z += k;
    n -= (size_t)k;
  }
}

/* Prompts on the terminal fd and reads a line with echo off (the newline
** the user types still shows, ECHONL), putting the terminal and the
** signal dispositions back after, and then delivering a signal caught
** meanwhile. */
static AuthStatus authReadTty(int fd, const char *zPrompt, char zOut[AUTH_PASSWORD_MAX + 1], size_t *pnOut,
                              AuthError *pErr) {
  struct termios old, quiet;
  if (tcgetattr(fd, &old) != 0) {
    return authFail(pErr, AUTH_IO_ERROR, "cannot read the terminal's settings: %s", strerror(errno));
  }
  struct sigaction aOld[ARRAY_SIZE(aAuthSignals)], sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = authOnSignal;
  sigemptyset(&sa.sa_mask);
  authCaughtSignal = 0;
  for (int i = 0; i < ARRAY_SIZE(aAuthSignals); i++) sigaction(aAuthSignals[i], &sa, &aOld[i]);
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t)ECHO;
  quiet.c_lflag |= ECHONL;
  AuthStatus rc;
  /* Echo off (discarding what was typed before) first, then the prompt:
  ** what is typed after the prompt must not be flushed with it. */
  if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
    rc = authFail(pErr, AUTH_IO_ERROR, "cannot turn the terminal's echo off: %s", strerror(errno));
  } else {
    authWriteAll(fd, zPrompt);
    rc = authReadLine(fd, zOut, pnOut, pErr);
    tcsetattr(fd, TCSAFLUSH, &old);
  }
  if (authCaughtSignal) authWriteAll(fd, "\n");
  for (int i = 0; i < ARRAY_SIZE(aAuthSignals); i++) sigaction(aAuthSignals[i], &aOld[i], NULL);
  int iSig = authCaughtSignal;
  authCaughtSignal = 0;
  /* When it does not end the process (a stop, or a handler of the CLI's
  ** own), the read fails as "interrupted" unless the line was complete. */
  if (iSig) raise(iSig);
  return rc;
}

AuthStatus auth_read_password(const char *zPrompt, bool bConfirm, char zOut[AUTH_PASSWORD_MAX + 1], size_t *pnOut,
                              AuthError *pErr) {
  *pnOut = 0;
  zOut[0] = 0;
  if (!isatty(STDIN_FILENO)) return authReadLine(STDIN_FILENO, zOut, pnOut, pErr);
  int fdTty = dbfile_open("/dev/tty", O_RDWR | O_NOCTTY);
  int fd = fdTty >= 0 ? fdTty : STDIN_FILENO;
  AuthStatus rc = authReadTty(fd, zPrompt ? zPrompt : "Password: ", zOut, pnOut, pErr);
  if (rc == AUTH_OK && bConfirm) {
    char zAgain[AUTH_PASSWORD_MAX + 1];
    size_t nAgain = 0;
    rc = authReadTty(fd, "Retype the password: ", zAgain, &nAgain, pErr);
    if (rc == AUTH_OK && (nAgain != *pnOut || memcmp(zAgain, zOut, nAgain) != 0)) {
      rc = authFail(pErr, AUTH_BAD_INPUT, "the passwords do not match");
    }
    explicit_bzero(zAgain, sizeof(zAgain));
  }
  if (rc != AUTH_OK) {
    explicit_bzero(zOut, AUTH_PASSWORD_MAX + 1);
    *pnOut = 0;
  }
  dbfile_close(fdTty);
  return rc;
}
