/*
** test_auth.c — the server's users and logins (server/auth.h): hashing and
** verifying, the one answer for unknown users and wrong passwords, user
** management, the users file (round trip, atomic saves under injected
** write and fsync faults, malformed and hostile files), the throttle of
** failed logins on an injected clock, verifications from four threads
** while the file is reloaded, and password entry from a pipe.
**
** The argon2 cost is lowered for the suite (auth_set_hash_cost_for_tests,
** t=1, m=8 KiB) so hashes take microseconds; one test restores the real
** cost to compare the time an unknown name takes with a known one.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <argon2.h>
#include <cmocka.h>

#include "base/mem.h"
#include "server/auth.h"
#include "store/dbfile.h"

static char zTestDir[256];   /* the test's temporary directory */
static char zUsers[320];     /* zTestDir/users */

static int authSetup(void **pState) {
  (void)pState;
  assert_int_equal(auth_set_hash_cost_for_tests(1, 8, 1), AUTH_OK);
  snprintf(zTestDir, sizeof(zTestDir), "/tmp/tangle-auth-XXXXXX");
  if (mkdtemp(zTestDir) == NULL) return -1;
  snprintf(zUsers, sizeof(zUsers), "%s/%s", zTestDir, AUTH_USERS_FILE);
  return 0;
}

static int authTeardown(void **pState) {
  (void)pState;
  dbfile_fault(DBFAULT_NONE, 0);
  char zCmd[400];
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zTestDir);
  return system(zCmd) == 0 ? 0 : -1;
}

static void writeFile(const char *zPath, const char *z, size_t n) {
  FILE *f = fopen(zPath, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(z, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
}

/* The file's bytes, NUL-terminated, in a tg_malloc'd buffer. */
static char *readFile(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  assert_non_null(f);
  char *z = tg_malloc(1 << 16);
  size_t n = fread(z, 1, (1 << 16) - 1, f);
  z[n] = 0;
  fclose(f);
  return z;
}

/* How many entries of the test directory there are (temporaries left?). */
static int countDirEntries(void) {
  DIR *d = opendir(zTestDir);
  assert_non_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  }
  closedir(d);
  return n;
}

static AuthStatus verify(AuthStore *p, const char *zName, const char *zPassword, AuthRole *peRole) {
  return auth_verify(p, zName, strlen(zName), zPassword, strlen(zPassword), peRole);
}

static AuthStatus addUser(AuthStore *p, const char *zName, AuthRole eRole, const char *zPassword) {
  AuthError err;
  AuthStatus rc = auth_add_user(p, zName, eRole, zPassword, strlen(zPassword), &err);
  if (rc != AUTH_OK) print_message("add %s: %s\n", zName, err.zMsg);
  return rc;
}

/* ---- Hashing and verifying ------------------------------------------------ */

static void test_hash_and_verify(void **state) {
  (void)state;
  AuthStore *p = auth_new();
  AuthRole e = AUTH_ROLE_ADMIN;
  assert_int_equal(addUser(p, "ann", AUTH_ROLE_EDITOR, "s3cret"), AUTH_OK);
  assert_int_equal(addUser(p, "bob.smith@example-1_x", AUTH_ROLE_READER, "hunter2"), AUTH_OK);
  assert_int_equal(verify(p, "ann", "s3cret", &e), AUTH_OK);
  assert_int_equal(e, AUTH_ROLE_EDITOR);
  assert_int_equal(verify(p, "bob.smith@example-1_x", "hunter2", &e), AUTH_OK);
  assert_int_equal(e, AUTH_ROLE_READER);
  /* A password with a NUL inside is checked whole. */
  assert_int_equal(auth_add_user(p, "nul", AUTH_ROLE_ADMIN, "a\0b", 3, NULL), AUTH_OK);
  assert_int_equal(auth_verify(p, "nul", 3, "a\0b", 3, &e), AUTH_OK);
  assert_int_equal(e, AUTH_ROLE_ADMIN);
  assert_int_equal(auth_verify(p, "nul", 3, "a", 1, &e), AUTH_UNAUTHORIZED);
  assert_int_equal(auth_count(p), 3);
  auth_free(p);
}

static void test_wrong_password_and_unknown_user_are_one_answer(void **state) {
  (void)state;
  AuthStore *p = auth_new();
  AuthRole e = AUTH_ROLE_ADMIN;
  assert_int_equal(addUser(p, "ann", AUTH_ROLE_ADMIN, "s3cret"), AUTH_OK);
  assert_int_equal(verify(p, "ann", "s3cret!", &e), AUTH_UNAUTHORIZED);
  assert_int_equal(e, AUTH_ROLE_NONE);
  assert_int_equal(verify(p, "ann", "S3cret", &e), AUTH_UNAUTHORIZED);
  assert_int_equal(verify(p, "anne", "s3cret", &e), AUTH_UNAUTHORIZED);
  assert_int_equal(verify(p, "nobody", "x", &e), AUTH_UNAUTHORIZED);
  /* Twice: the dummy hash is made once and reused. */
  assert_int_equal(verify(p, "nobody", "x", &e), AUTH_UNAUTHORIZED);
  /* A name off the wire with a NUL must not match its prefix. */
  assert_int_equal(auth_verify(p, "ann\0evil", 8, "s3cret", 6, &e), AUTH_UNAUTHORIZED);
  assert_int_equal(auth_verify(p, "ann", 2, "s3cret", 6, &e), AUTH_UNAUTHORIZED);
  /* Names and passwords breaking the rules. */
  assert_int_equal(verify(p, "", "s3cret", &e), AUTH_UNAUTHORIZED);
  assert_int_equal(verify(p, "ann", "", &e), AUTH_UNAUTHORIZED);
  assert_int_equal(auth_verify(p, NULL, 0, "x", 1, &e), AUTH_UNAUTHORIZED);
  char zLong[AUTH_PASSWORD_MAX + 2];
  memset(zLong, 'x', sizeof(zLong) - 1);
  zLong[sizeof(zLong) - 1] = 0;
  assert_int_equal(verify(p, "ann", zLong, &e), AUTH_UNAUTHORIZED);
  /* An empty store still answers. */
  AuthStore *pEmpty = auth_new();
  assert_int_equal(verify(pEmpty, "ann", "s3cret", &e), AUTH_UNAUTHORIZED);
  auth_free(pEmpty);
  auth_free(p);
}

/* With the real cost, an unknown name takes about as long as a known name
** with a wrong password (both run one argon2 verification). Loose bounds:
** the point is that the unknown name is not answered at once. */
static void test_unknown_user_takes_as_long(void **state) {
  (void)state;
  assert_int_equal(auth_set_hash_cost_for_tests(2, 19 * 1024, 1), AUTH_OK);
  AuthStore *p = auth_new();
  AuthRole e;
  assert_int_equal(addUser(p, "ann", AUTH_ROLE_READER, "s3cret"), AUTH_OK);
  assert_int_equal(verify(p, "warmup", "x", &e), AUTH_UNAUTHORIZED);   /* makes the dummy */
  double aKnown = 1e9, aUnknown = 1e9;
  for (int i = 0; i < 3; i++) {
    struct timespec t0, t1, t2;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(verify(p, "ann", "wrong", &e), AUTH_UNAUTHORIZED);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(verify(p, "bob", "wrong", &e), AUTH_UNAUTHORIZED);
    clock_gettime(CLOCK_MONOTONIC, &t2);
    double k = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double u = (double)(t2.tv_sec - t1.tv_sec) + (double)(t2.tv_nsec - t1.tv_nsec) / 1e9;
    if (k < aKnown) aKnown = k;
    if (u < aUnknown) aUnknown = u;
  }
  print_message("argon2id t=2 m=19MiB p=1: known %.1f ms, unknown %.1f ms\n", aKnown * 1e3, aUnknown * 1e3);
  assert_true(aUnknown > aKnown * 0.3);
  assert_true(aUnknown < aKnown * 3.0);
  auth_free(p);
}

static void test_cost_setter_bounds(void **state) {
  (void)state;
  assert_int_equal(auth_set_hash_cost_for_tests(0, 8, 1), AUTH_BAD_INPUT);
  assert_int_equal(auth_set_hash_cost_for_tests(1, 7, 1), AUTH_BAD_INPUT);
  assert_int_equal(auth_set_hash_cost_for_tests(1, 16, 3), AUTH_BAD_INPUT);   /* m < 8p */
  assert_int_equal(auth_set_hash_cost_for_tests(1, 8, 9), AUTH_BAD_INPUT);
  assert_int_equal(auth_set_hash_cost_for_tests(17, 8, 1), AUTH_BAD_INPUT);
  assert_int_equal(auth_set_hash_cost_for_tests(1, 256 * 1024 + 1, 1), AUTH_BAD_INPUT);
  assert_int_equal(auth_set_hash_cost_for_tests(1, 8, 1), AUTH_OK);
}

/* ---- Management ----------------------------------------------------------- */

static void test_manage_users(void **state) {
  (void)state;
  AuthStore *p = auth_new();
  AuthError err;
  AuthRole e;
  assert_int_equal(addUser(p, "carol", AUTH_ROLE_READER, "c"), AUTH_OK);
  assert_int_equal(addUser(p, "ann", AUTH_ROLE_EDITOR, "a"), AUTH_OK);
  assert_int_equal(addUser(p, "bob", AUTH_ROLE_ADMIN, "b"), AUTH_OK);
  assert_int_equal(auth_add_user(p, "ann", AUTH_ROLE_READER, "z", 1, &err), AUTH_EXISTS);
  assert_string_equal(err.zMsg, "user 'ann' already exists");
  assert_int_equal(auth_role_of(p, "ann"), AUTH_ROLE_EDITOR);
  assert_int_equal(auth_role_of(p, "zed"), AUTH_ROLE_NONE);

  /* Rules. */
  assert_int_equal(auth_add_user(p, "a b", AUTH_ROLE_READER, "z", 1, &err), AUTH_BAD_INPUT);
  assert_non_null(strstr(err.zMsg, "invalid user name 'a b'"));
  assert_int_equal(auth_add_user(p, "", AUTH_ROLE_READER, "z", 1, &err), AUTH_BAD_INPUT);
  assert_int_equal(auth_add_user(p, "x:y", AUTH_ROLE_READER, "z", 1, &err), AUTH_BAD_INPUT);
  assert_int_equal(auth_add_user(p, "evil\n", AUTH_ROLE_READER, "z", 1, &err), AUTH_BAD_INPUT);
  assert_non_null(strstr(err.zMsg, "'evil?'"));
  char zName[AUTH_NAME_MAX + 2];
  memset(zName, 'n', AUTH_NAME_MAX);
  zName[AUTH_NAME_MAX] = 0;
  assert_int_equal(addUser(p, zName, AUTH_ROLE_READER, "z"), AUTH_OK);   /* 64: fine */
  zName[AUTH_NAME_MAX] = 'n';
  zName[AUTH_NAME_MAX + 1] = 0;
  assert_int_equal(auth_add_user(p, zName, AUTH_ROLE_READER, "z", 1, &err), AUTH_BAD_INPUT);
  assert_int_equal(auth_add_user(p, "dan", AUTH_ROLE_NONE, "z", 1, &err), AUTH_BAD_INPUT);
  assert_int_equal(auth_add_user(p, "dan", (AuthRole)7, "z", 1, &err), AUTH_BAD_INPUT);
  assert_int_equal(auth_add_user(p, "dan", AUTH_ROLE_READER, "", 0, &err), AUTH_BAD_INPUT);
  assert_string_equal(err.zMsg, "the password is empty");
  static char zLong[AUTH_PASSWORD_MAX + 1];
  memset(zLong, 'p', sizeof(zLong));
  assert_int_equal(auth_add_user(p, "dan", AUTH_ROLE_READER, zLong, AUTH_PASSWORD_MAX + 1, &err), AUTH_BAD_INPUT);
  assert_int_equal(auth_add_user(p, "dan", AUTH_ROLE_READER, zLong, AUTH_PASSWORD_MAX, &err), AUTH_OK);
  assert_int_equal(auth_verify(p, "dan", 3, zLong, AUTH_PASSWORD_MAX, &e), AUTH_OK);

  /* Password and role changes. */
  assert_int_equal(auth_set_password(p, "ann", "new", 3, &err), AUTH_OK);
  assert_int_equal(verify(p, "ann", "a", &e), AUTH_UNAUTHORIZED);
  assert_int_equal(verify(p, "ann", "new", &e), AUTH_OK);
  assert_int_equal(auth_set_password(p, "zed", "new", 3, &err), AUTH_NO_USER);
  assert_string_equal(err.zMsg, "no user 'zed'");
  assert_int_equal(auth_set_password(p, "ann", "", 0, &err), AUTH_BAD_INPUT);
  assert_int_equal(auth_set_role(p, "ann", AUTH_ROLE_ADMIN, &err), AUTH_OK);
  assert_int_equal(verify(p, "ann", "new", &e), AUTH_OK);
  assert_int_equal(e, AUTH_ROLE_ADMIN);
  assert_int_equal(auth_set_role(p, "zed", AUTH_ROLE_ADMIN, &err), AUTH_NO_USER);
  assert_int_equal(auth_set_role(p, "ann", AUTH_ROLE_NONE, &err), AUTH_BAD_INPUT);

  /* Removal. */
  assert_int_equal(auth_remove_user(p, "bob", &err), AUTH_OK);
  assert_int_equal(verify(p, "bob", "b", &e), AUTH_UNAUTHORIZED);
  assert_int_equal(auth_remove_user(p, "bob", &err), AUTH_NO_USER);
  assert_int_equal(auth_remove_user(p, "b b", NULL), AUTH_BAD_INPUT);

  /* The list, in name order. */
  AuthUserInfo *a;
  uint32_t n;
  auth_list(p, &a, &n);
  assert_int_equal(n, 4);
  assert_string_equal(a[0].zName, "ann");
  assert_int_equal(a[0].eRole, AUTH_ROLE_ADMIN);
  assert_string_equal(a[1].zName, "carol");
  assert_string_equal(a[2].zName, "dan");
  assert_int_equal(strlen(a[3].zName), AUTH_NAME_MAX);
  tg_free(a);
  auth_free(p);

  AuthStore *pEmpty = auth_new();
  auth_list(pEmpty, &a, &n);
  assert_null(a);
  assert_int_equal(n, 0);
  auth_free(pEmpty);
}

static void test_roles_and_names(void **state) {
  (void)state;
  assert_int_equal(auth_role_parse("reader"), AUTH_ROLE_READER);
  assert_int_equal(auth_role_parse("editor"), AUTH_ROLE_EDITOR);
  assert_int_equal(auth_role_parse("admin"), AUTH_ROLE_ADMIN);
  assert_int_equal(auth_role_parse("Admin"), AUTH_ROLE_NONE);
  assert_int_equal(auth_role_parse("none"), AUTH_ROLE_NONE);
  assert_int_equal(auth_role_parse(""), AUTH_ROLE_NONE);
  assert_int_equal(auth_role_parse(NULL), AUTH_ROLE_NONE);
  assert_string_equal(auth_role_name(AUTH_ROLE_EDITOR), "editor");
  assert_string_equal(auth_role_name((AuthRole)42), "none");
  assert_true(auth_name_valid("A-z_0.9@x", 9));
  assert_false(auth_name_valid("é", strlen("é")));
  assert_false(auth_name_valid("a/b", 3));
  assert_string_equal(auth_status_name(AUTH_UNAUTHORIZED), "unauthorized");
}

/* ---- The users file ------------------------------------------------------- */

static void test_file_round_trip(void **state) {
  (void)state;
  AuthStore *p = auth_new();
  AuthError err;
  AuthRole e;
  assert_int_equal(addUser(p, "ann", AUTH_ROLE_EDITOR, "s3cret"), AUTH_OK);
  assert_int_equal(addUser(p, "bob", AUTH_ROLE_ADMIN, "hunter2"), AUTH_OK);
  assert_int_equal(addUser(p, "Zoe", AUTH_ROLE_READER, "pw"), AUTH_OK);
  assert_int_equal(auth_save(p, zUsers, &err), AUTH_OK);

  struct stat st;
  assert_int_equal(stat(zUsers, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0600);
  assert_int_equal(countDirEntries(), 1);   /* no temporary left */
  char *zText = readFile(zUsers);
  /* Bytewise order: capitals first. */
  assert_true(strncmp(zText, "Zoe:reader:$argon2id$v=19$m=8,t=1,p=1$", 38) == 0);
  assert_non_null(strstr(zText, "\nann:editor:$argon2id$v=19$"));
  assert_non_null(strstr(zText, "\nbob:admin:$argon2id$v=19$"));
  tg_free(zText);

  AuthStore *q = auth_new();
  assert_int_equal(auth_load(q, zUsers, &err), AUTH_OK);
  assert_int_equal(auth_count(q), 3);
  assert_int_equal(verify(q, "ann", "s3cret", &e), AUTH_OK);
  assert_int_equal(e, AUTH_ROLE_EDITOR);
  assert_int_equal(verify(q, "bob", "hunter2", &e), AUTH_OK);
  assert_int_equal(e, AUTH_ROLE_ADMIN);
  assert_int_equal(verify(q, "Zoe", "pw", &e), AUTH_OK);
  assert_int_equal(verify(q, "zoe", "pw", &e), AUTH_UNAUTHORIZED);

  /* Saving over an existing file (and a relative path) works too. */
  assert_int_equal(auth_remove_user(q, "bob", NULL), AUTH_OK);
  char zCwd[512];
  assert_non_null(getcwd(zCwd, sizeof(zCwd)));
  assert_int_equal(chdir(zTestDir), 0);
  assert_int_equal(auth_save(q, AUTH_USERS_FILE, &err), AUTH_OK);
  assert_int_equal(chdir(zCwd), 0);
  assert_int_equal(auth_load(p, zUsers, &err), AUTH_OK);   /* a reload replaces */
  assert_int_equal(auth_count(p), 2);
  assert_int_equal(auth_role_of(p, "bob"), AUTH_ROLE_NONE);
  assert_int_equal(countDirEntries(), 1);

  /* An empty store saves an empty file, which loads as no users. */
  AuthStore *pEmpty = auth_new();
  assert_int_equal(auth_save(pEmpty, zUsers, &err), AUTH_OK);
  assert_int_equal(auth_load(p, zUsers, &err), AUTH_OK);
  assert_int_equal(auth_count(p), 0);
  auth_free(pEmpty);
  auth_free(q);
  auth_free(p);
}

/* A hash made elsewhere with another (in-bounds) cost and salt length
** loads and verifies: the cost travels in the encoded form. */
static void test_file_foreign_hash(void **state) {
  (void)state;
  char zHash[256];
  const uint8_t aSalt[24] = "abcdefghijklmnopqrstuvw";
  assert_int_equal(argon2id_hash_encoded(3, 64, 2, "pw", 2, aSalt, sizeof(aSalt), 20, zHash, sizeof(zHash)),
                   ARGON2_OK);
  char zLine[400];
  int n = snprintf(zLine, sizeof(zLine), "\nann:reader:%s", zHash);   /* a blank line, no final newline */
  writeFile(zUsers, zLine, (size_t)n);
  AuthStore *p = auth_new();
  AuthError err;
  AuthRole e;
  assert_int_equal(auth_load(p, zUsers, &err), AUTH_OK);
  assert_int_equal(verify(p, "ann", "pw", &e), AUTH_OK);
  assert_int_equal(e, AUTH_ROLE_READER);
  assert_int_equal(verify(p, "ann", "pW", &e), AUTH_UNAUTHORIZED);
  auth_free(p);
}

/* Each write, and the fsync, fails in turn: the save fails, the old file
** is intact, and no temporary is left. */
static void test_save_is_atomic(void **state) {
  (void)state;
  AuthStore *p = auth_new();
  AuthError err;
  assert_int_equal(addUser(p, "ann", AUTH_ROLE_EDITOR, "s3cret"), AUTH_OK);
  assert_int_equal(auth_save(p, zUsers, &err), AUTH_OK);
  char *zBefore = readFile(zUsers);
  assert_int_equal(addUser(p, "bob", AUTH_ROLE_ADMIN, "hunter2"), AUTH_OK);

  const DbFault aFault[] = {DBFAULT_EIO, DBFAULT_ENOSPC, DBFAULT_SHORT_WRITE, DBFAULT_FSYNC};
  for (int i = 0; i < 4; i++) {
    dbfile_fault(aFault[i], 1);
    assert_int_equal(auth_save(p, zUsers, &err), AUTH_IO_ERROR);
    assert_non_null(strstr(err.zMsg, "the users file is unchanged"));
    dbfile_fault(DBFAULT_NONE, 0);
    char *zAfter = readFile(zUsers);
    assert_string_equal(zAfter, zBefore);
    tg_free(zAfter);
    assert_int_equal(countDirEntries(), 1);
  }

  /* A folder that does not exist. */
  char zPath[400];
  snprintf(zPath, sizeof(zPath), "%s/no/such/dir/users", zTestDir);
  assert_int_equal(auth_save(p, zPath, &err), AUTH_IO_ERROR);
  assert_non_null(strstr(err.zMsg, "cannot create a temporary file"));

  /* The rename fails: a folder stands where the file would go. */
  snprintf(zPath, sizeof(zPath), "%s/taken", zTestDir);
  assert_int_equal(mkdir(zPath, 0700), 0);
  assert_int_equal(auth_save(p, zPath, &err), AUTH_IO_ERROR);
  assert_non_null(strstr(err.zMsg, "cannot put the new users file in place"));
  assert_int_equal(countDirEntries(), 2);   /* users and taken/, no temporary */

  /* And once the fault is gone, the save goes through. */
  assert_int_equal(auth_save(p, zUsers, &err), AUTH_OK);
  AuthStore *q = auth_new();
  assert_int_equal(auth_load(q, zUsers, &err), AUTH_OK);
  assert_int_equal(auth_count(q), 2);
  auth_free(q);
  tg_free(zBefore);
  auth_free(p);
}

/* Loads zText as the users file, expecting failure with a message that
** holds zWant; the store keeps its one user. */
static void expectBadFile(AuthStore *p, const char *zText, size_t nText, AuthStatus eWant, const char *zWant) {
  AuthError err;
  writeFile(zUsers, zText, nText);
  memset(err.zMsg, 0, sizeof(err.zMsg));
  AuthStatus rc = auth_load(p, zUsers, &err);
  if (rc != eWant || strstr(err.zMsg, zWant) == NULL) {
    print_message("load gave %s: '%s'; wanted '%s'\n", auth_status_name(rc), err.zMsg, zWant);
  }
  assert_int_equal(rc, eWant);
  assert_non_null(strstr(err.zMsg, zWant));
  assert_int_equal(auth_count(p), 1);
  assert_int_equal(auth_role_of(p, "keep"), AUTH_ROLE_READER);
}

#define BAD(zText, zWant) expectBadFile(p, zText, sizeof(zText) - 1, AUTH_BAD_FILE, zWant)

static void test_malformed_files(void **state) {
  (void)state;
  AuthStore *p = auth_new();
  AuthError err;
  assert_int_equal(addUser(p, "keep", AUTH_ROLE_READER, "k"), AUTH_OK);
  char zGood[200];
  snprintf(zGood, sizeof(zGood), "%s", "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$");
  /* A real hash to build lines from. */
  AuthStore *pHash = auth_new();
  assert_int_equal(addUser(pHash, "x", AUTH_ROLE_READER, "x"), AUTH_OK);
  assert_int_equal(auth_save(pHash, zUsers, &err), AUTH_OK);
  auth_free(pHash);
  char *zSaved = readFile(zUsers);
  const char *zH = strchr(strchr(zSaved, ':') + 1, ':') + 1;
  char zHash[200];
  snprintf(zHash, sizeof(zHash), "%.*s", (int)strcspn(zH, "\n"), zH);
  tg_free(zSaved);
  (void)zGood;

  char zText[2048];
  int n;
  /* Unknown role, on line 2. */
  n = snprintf(zText, sizeof(zText), "ann:reader:%s\nbob:root:%s\n", zHash, zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, "/users:2: unknown role 'root'");
  n = snprintf(zText, sizeof(zText), "ann:Reader:%s\n", zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":1: unknown role 'Reader'");
  n = snprintf(zText, sizeof(zText), "ann::%s\n", zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":1: unknown role ''");
  /* Missing fields. */
  BAD("ann:reader\n", ":1: expected name:role:hash");
  BAD("ann\n", ":1: expected name:role:hash");
  n = snprintf(zText, sizeof(zText), "ann:reader:%s\n\nbob\n", zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":3: expected name:role:hash");
  BAD("ann:reader:\n", ":1: the password hash is not argon2id");
  /* Bad names. */
  n = snprintf(zText, sizeof(zText), ":reader:%s\n", zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":1: invalid user name ''");
  n = snprintf(zText, sizeof(zText), "a\x01" "b:reader:%s\n", zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":1: invalid user name 'a?b'");
  /* A NUL byte inside a line. */
  n = snprintf(zText, sizeof(zText), "ann:reader:%s\n", zHash);
  zText[1] = 0;
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":1: invalid user name 'a?n'");
  /* A CRLF file: the CR makes the hash malformed. */
  n = snprintf(zText, sizeof(zText), "ann:reader:%s\r\n", zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":1: the password hash's digest is malformed");
  /* An overlong line. */
  memset(zText, 'a', AUTH_LINE_MAX);
  zText[AUTH_LINE_MAX] = '\n';
  expectBadFile(p, zText, AUTH_LINE_MAX + 1, AUTH_BAD_FILE, ":1: line longer than 511 bytes");
  expectBadFile(p, zText, AUTH_LINE_MAX, AUTH_BAD_FILE, ":1: line longer than 511 bytes");   /* no newline */
  /* Exactly the limit is not "overlong" (it fails on its fields). */
  zText[AUTH_LINE_MAX - 1] = '\n';
  expectBadFile(p, zText, AUTH_LINE_MAX, AUTH_BAD_FILE, ":1: expected name:role:hash");
  /* Duplicates. */
  n = snprintf(zText, sizeof(zText), "bob:reader:%s\nann:reader:%s\nbob:admin:%s\n", zHash, zHash, zHash);
  expectBadFile(p, zText, (size_t)n, AUTH_BAD_FILE, ":3: user 'bob' is already on line 1");

  /* Hashes: other algorithms, versions, hostile costs, bad base64. */
  BAD("ann:reader:$argon2i$v=19$m=8,t=1,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "not argon2id version 19");
  BAD("ann:reader:$argon2id$v=16$m=8,t=1,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "not argon2id version 19");
  BAD("ann:reader:$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n",
      "cost is out of bounds (t 1-16, p 1-8, m 8*p-262144 KiB; it has t=1, p=1, m=4194304)");
  BAD("ann:reader:$argon2id$v=19$m=8,t=4294967295,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "out of bounds");
  BAD("ann:reader:$argon2id$v=19$m=8,t=99999999999999,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n",
      "parameters are malformed");
  BAD("ann:reader:$argon2id$v=19$m=64,t=1,p=255$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "out of bounds");
  BAD("ann:reader:$argon2id$v=19$m=8,t=0,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "out of bounds");
  BAD("ann:reader:$argon2id$v=19$t=1,m=8,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "parameters are malformed");
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "parameters are malformed");
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "salt is malformed");   /* 4 bytes */
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZXNh!HQ$YWFhYWFhYWFhYWFhYWFhYQ\n", "salt is malformed");
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ=$YWFhYWFhYWFhYWFhYWFhYQ\n", "salt is malformed");
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$YWFh\n", "digest is malformed");   /* 3 bytes */
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYR\n", "digest is malformed");
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYQ$x\n", "digest is malformed");
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ\n", "salt is malformed");
  BAD("ann:reader:$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$YWFhYWFh:YWFhYWFhYWFhYQ\n", "digest is malformed");

  /* Not a regular file; too large; missing. */
  char zPath[400];
  snprintf(zPath, sizeof(zPath), "%s/adir", zTestDir);
  assert_int_equal(mkdir(zPath, 0700), 0);
  assert_int_equal(auth_load(p, zPath, &err), AUTH_BAD_FILE);
  assert_non_null(strstr(err.zMsg, "not a regular file"));
  snprintf(zPath, sizeof(zPath), "%s/fifo", zTestDir);
  assert_int_equal(mkfifo(zPath, 0600), 0);
  assert_int_equal(auth_load(p, zPath, &err), AUTH_BAD_FILE);
  snprintf(zPath, sizeof(zPath), "%s/huge", zTestDir);
  int fd = open(zPath, O_CREAT | O_WRONLY, 0600);
  assert_true(fd >= 0);
  assert_int_equal(ftruncate(fd, AUTH_FILE_MAX + 1), 0);
  close(fd);
  assert_int_equal(auth_load(p, zPath, &err), AUTH_BAD_FILE);
  assert_non_null(strstr(err.zMsg, "larger than 8 MiB"));
  snprintf(zPath, sizeof(zPath), "%s/missing", zTestDir);
  assert_int_equal(auth_load(p, zPath, &err), AUTH_NOT_FOUND);
  assert_non_null(strstr(err.zMsg, "missing: no such file"));
  assert_int_equal(auth_count(p), 1);

  /* Empty files, and blank lines, hold no users (and do load). */
  writeFile(zUsers, "", 0);
  assert_int_equal(auth_load(p, zUsers, &err), AUTH_OK);
  assert_int_equal(auth_count(p), 0);
  writeFile(zUsers, "\n\n", 2);
  assert_int_equal(auth_load(p, zUsers, &err), AUTH_OK);
  assert_int_equal(auth_count(p), 0);
  auth_free(p);
}

/* ---- Throttling ----------------------------------------------------------- */

static int64_t fakeClock(void *pCtx) { return *(int64_t *)pCtx; }

/* Attempts allowed but not yet reported count against the limit, so a
** burst of simultaneous logins cannot all be checked. */
static void test_throttle_pending_attempts(void **state) {
  (void)state;
  int64_t now = 1000000;
  AuthThrottle *t = auth_throttle_new(0, fakeClock, &now);
  for (int i = 0; i < AUTH_THROTTLE_FAILS; i++) assert_true(auth_throttle_allow(t, "192.0.2.9", NULL));
  int64_t nWait = 0;
  assert_false(auth_throttle_allow(t, "192.0.2.9", &nWait));
  assert_true(nWait > 0);
  assert_true(auth_throttle_allow(t, "192.0.2.10", NULL));   /* another address is not held up */
  for (int i = 0; i < AUTH_THROTTLE_FAILS; i++) auth_throttle_failure(t, "192.0.2.9");
  assert_false(auth_throttle_allow(t, "192.0.2.9", NULL));   /* now locked out */
  auth_throttle_success(t, "192.0.2.10");
  auth_throttle_free(t);
}

static void test_throttle(void **state) {
  (void)state;
  int64_t now = 1000000;
  AuthThrottle *t = auth_throttle_new(0, fakeClock, &now);
  int64_t nWait = 0;
  const char *zA = "192.0.2.7", *zB = "2001:db8:1:2::";

  /* Four failures: still allowed. The fifth locks for 5 s. */
  for (int i = 0; i < 4; i++) {
    assert_true(auth_throttle_allow(t, zA, &nWait));
    auth_throttle_failure(t, zA);
    now += 1000;
  }
  assert_true(auth_throttle_allow(t, zA, &nWait));
  auth_throttle_failure(t, zA);
  assert_false(auth_throttle_allow(t, zA, &nWait));
  assert_int_equal(nWait, AUTH_THROTTLE_BACKOFF_MS);
  assert_true(auth_throttle_allow(t, zB, &nWait));   /* another address is not affected */
  now += 4999;
  assert_false(auth_throttle_allow(t, zA, &nWait));
  assert_int_equal(nWait, 1);
  now += 1;
  assert_true(auth_throttle_allow(t, zA, &nWait));

  /* Still failing after a lockout: each failure locks, twice as long, up
  ** to five minutes. */
  int64_t nExpect = AUTH_THROTTLE_BACKOFF_MS;
  for (int i = 0; i < 10; i++) {
    nExpect = nExpect * 2 > AUTH_THROTTLE_BACKOFF_MAX_MS ? AUTH_THROTTLE_BACKOFF_MAX_MS : nExpect * 2;
    auth_throttle_failure(t, zA);
    assert_false(auth_throttle_allow(t, zA, &nWait));
    assert_int_equal(nWait, nExpect);
    /* A failure that raced the lockout does not lengthen it. */
    auth_throttle_failure(t, zA);
    assert_false(auth_throttle_allow(t, zA, NULL));
    now += nWait;
    assert_true(auth_throttle_allow(t, zA, &nWait));
  }
  assert_int_equal(nExpect, AUTH_THROTTLE_BACKOFF_MAX_MS);

  /* A success forgets it all. */
  auth_throttle_success(t, zA);
  for (int i = 0; i < 4; i++) auth_throttle_failure(t, zA);
  assert_true(auth_throttle_allow(t, zA, &nWait));

  /* Failures spread wider than the window never lock. */
  auth_throttle_success(t, zA);
  for (int i = 0; i < 20; i++) {
    auth_throttle_failure(t, zA);
    now += AUTH_THROTTLE_WINDOW_MS / 4 + 1;
    assert_true(auth_throttle_allow(t, zA, &nWait));
  }

  /* Locked, then quiet long enough: forgotten, so one failure does not lock. */
  for (int i = 0; i < 5; i++) auth_throttle_failure(t, zB);
  assert_false(auth_throttle_allow(t, zB, &nWait));
  now += AUTH_THROTTLE_FORGET_MS + 1;
  assert_true(auth_throttle_allow(t, zB, &nWait));
  auth_throttle_failure(t, zB);
  assert_true(auth_throttle_allow(t, zB, &nWait));

  /* Only the first 63 bytes are compared. */
  char zLong1[100], zLong2[100];
  memset(zLong1, 'x', 99);
  zLong1[99] = 0;
  memcpy(zLong2, zLong1, 100);
  zLong2[98] = 'y';
  for (int i = 0; i < 5; i++) auth_throttle_failure(t, zLong1);
  assert_false(auth_throttle_allow(t, zLong2, NULL));
  auth_throttle_success(t, "unknown address");   /* harmless */
  auth_throttle_free(t);
}

/* A table of 2 slots: a new address evicts the least recently failed
** address that is not locked out, else the least recently failed. */
static void test_throttle_eviction(void **state) {
  (void)state;
  int64_t now = 0;
  AuthThrottle *t = auth_throttle_new(2, fakeClock, &now);
  for (int i = 0; i < 5; i++) auth_throttle_failure(t, "locked");
  now += 10;
  auth_throttle_failure(t, "open1");
  now += 10;
  auth_throttle_failure(t, "open2");   /* evicts open1, not the older locked one */
  assert_false(auth_throttle_allow(t, "locked", NULL));
  for (int i = 0; i < 4; i++) auth_throttle_failure(t, "open2");
  assert_false(auth_throttle_allow(t, "open2", NULL));
  /* Both locked: the least recently failed goes. */
  auth_throttle_failure(t, "third");
  assert_true(auth_throttle_allow(t, "locked", NULL));
  assert_false(auth_throttle_allow(t, "open2", NULL));
  auth_throttle_free(t);

  /* The real clock works too. */
  t = auth_throttle_new(0, NULL, NULL);
  for (int i = 0; i < 5; i++) auth_throttle_failure(t, "a");
  int64_t nWait = 0;
  assert_false(auth_throttle_allow(t, "a", &nWait));
  assert_true(nWait > 0 && nWait <= AUTH_THROTTLE_BACKOFF_MS);
  auth_throttle_free(t);
}

/* ---- Threads -------------------------------------------------------------- */

typedef struct VerifyJob {
  AuthStore *p;
  int iThread;
  int nWrong;   /* answers that were not what they should be */
} VerifyJob;

static void *verifyMany(void *pArg) {
  VerifyJob *j = pArg;
  for (int i = 0; i < 200; i++) {
    AuthRole e;
    char zName[16], zPw[16];
    int k = (i + j->iThread) % 8;
    snprintf(zName, sizeof(zName), "user%d", k);
    snprintf(zPw, sizeof(zPw), "pw%d", k);
    if (verify(j->p, zName, zPw, &e) != AUTH_OK || e != (k % 2 ? AUTH_ROLE_EDITOR : AUTH_ROLE_READER)) j->nWrong++;
    if (verify(j->p, zName, "nope", &e) != AUTH_UNAUTHORIZED) j->nWrong++;
    if (verify(j->p, "ghost", zPw, &e) != AUTH_UNAUTHORIZED) j->nWrong++;
  }
  return NULL;
}

/* Four threads verify while the main thread reloads the file over and
** over (each reload swaps the whole set). */
static void test_concurrent_verify(void **state) {
  (void)state;
  AuthStore *p = auth_new();
  AuthError err;
  for (int k = 0; k < 8; k++) {
    char zName[16], zPw[16];
    snprintf(zName, sizeof(zName), "user%d", k);
    snprintf(zPw, sizeof(zPw), "pw%d", k);
    assert_int_equal(addUser(p, zName, k % 2 ? AUTH_ROLE_EDITOR : AUTH_ROLE_READER, zPw), AUTH_OK);
  }
  assert_int_equal(auth_save(p, zUsers, &err), AUTH_OK);
  VerifyJob aJob[4];
  pthread_t aThread[4];
  for (int i = 0; i < 4; i++) {
    aJob[i] = (VerifyJob){p, i, 0};
    assert_int_equal(pthread_create(&aThread[i], NULL, verifyMany, &aJob[i]), 0);
  }
  for (int i = 0; i < 50; i++) assert_int_equal(auth_load(p, zUsers, &err), AUTH_OK);
  for (int i = 0; i < 4; i++) {
    pthread_join(aThread[i], NULL);
    assert_int_equal(aJob[i].nWrong, 0);
  }
  auth_free(p);
}

/* ---- Password entry ------------------------------------------------------- */

/* Runs auth_read_password with zInput as standard input (a pipe). */
static AuthStatus readWithInput(const char *zInput, size_t nInput, char *zOut, size_t *pnOut, AuthError *pErr) {
  int aFd[2];
  assert_int_equal(pipe(aFd), 0);
  size_t nDone = 0;
  while (nDone < nInput) {
    ssize_t k = write(aFd[1], zInput + nDone, nInput - nDone);
    assert_true(k > 0);
    nDone += (size_t)k;
  }
  close(aFd[1]);
  int fdSaved = dup(STDIN_FILENO);
  assert_true(fdSaved >= 0);
  assert_int_equal(dup2(aFd[0], STDIN_FILENO), STDIN_FILENO);
  close(aFd[0]);
  AuthStatus rc = auth_read_password("Password: ", true, zOut, pnOut, pErr);
  assert_int_equal(dup2(fdSaved, STDIN_FILENO), STDIN_FILENO);
  close(fdSaved);
  return rc;
}

static void test_read_password_from_pipe(void **state) {
  (void)state;
  char zPw[AUTH_PASSWORD_MAX + 1];
  size_t n = 99;
  AuthError err;
  assert_int_equal(readWithInput("s3cret\nrest\n", 12, zPw, &n, &err), AUTH_OK);
  assert_string_equal(zPw, "s3cret");
  assert_int_equal(n, 6);
  assert_int_equal(readWithInput("s3cret\r\n", 8, zPw, &n, &err), AUTH_OK);
  assert_string_equal(zPw, "s3cret");
  assert_int_equal(readWithInput("no newline", 10, zPw, &n, &err), AUTH_OK);
  assert_string_equal(zPw, "no newline");
  assert_int_equal(readWithInput("  spaces kept \n", 15, zPw, &n, &err), AUTH_OK);
  assert_string_equal(zPw, "  spaces kept ");
  assert_int_equal(readWithInput("\n", 1, zPw, &n, &err), AUTH_BAD_INPUT);
  assert_string_equal(err.zMsg, "the password is empty");
  assert_int_equal(readWithInput("", 0, zPw, &n, &err), AUTH_IO_ERROR);
  assert_string_equal(err.zMsg, "no password: the input ended");
  static char zLong[AUTH_PASSWORD_MAX + 10];
  memset(zLong, 'p', sizeof(zLong));
  zLong[AUTH_PASSWORD_MAX] = '\n';
  assert_int_equal(readWithInput(zLong, AUTH_PASSWORD_MAX + 1, zPw, &n, &err), AUTH_OK);
  assert_int_equal(n, AUTH_PASSWORD_MAX);
  zLong[AUTH_PASSWORD_MAX] = '\r';
  zLong[AUTH_PASSWORD_MAX + 1] = '\n';
  assert_int_equal(readWithInput(zLong, AUTH_PASSWORD_MAX + 2, zPw, &n, &err), AUTH_OK);
  assert_int_equal(n, AUTH_PASSWORD_MAX);
  zLong[AUTH_PASSWORD_MAX] = 'p';
  assert_int_equal(readWithInput(zLong, AUTH_PASSWORD_MAX + 2, zPw, &n, &err), AUTH_BAD_INPUT);
  assert_non_null(strstr(err.zMsg, "longer than 1024 bytes"));
  assert_int_equal(readWithInput(zLong, sizeof(zLong), zPw, &n, &err), AUTH_BAD_INPUT);
}

int main(void) {
#define AUTH_TEST(X) cmocka_unit_test_setup_teardown(X, authSetup, authTeardown)
  const struct CMUnitTest tests[] = {
      AUTH_TEST(test_hash_and_verify),
      AUTH_TEST(test_wrong_password_and_unknown_user_are_one_answer),
      AUTH_TEST(test_unknown_user_takes_as_long),
      AUTH_TEST(test_cost_setter_bounds),
      AUTH_TEST(test_manage_users),
      AUTH_TEST(test_roles_and_names),
      AUTH_TEST(test_file_round_trip),
      AUTH_TEST(test_file_foreign_hash),
      AUTH_TEST(test_save_is_atomic),
      AUTH_TEST(test_malformed_files),
      AUTH_TEST(test_throttle),
      AUTH_TEST(test_throttle_eviction),
      AUTH_TEST(test_throttle_pending_attempts),
      AUTH_TEST(test_concurrent_verify),
      AUTH_TEST(test_read_password_from_pipe),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
