/*
** serve_cli.c — the command line of `tangle serve` and of user management
** (`tangle PATH --add-user NAME`, `--passwd NAME`, ...), see serve_cli.h.
**
** Both live here rather than in main.c because they share nothing with
** the shell's flags: serving opens the database and hands it to
** server/serve.c; user management edits the users file beside a database
** (or the file --users names) and never opens the graph.
*/
#include "serve_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/auth.h"
#include "server/serve.h"
#include "shell.h"
#include "tangle.h"

extern const char tangle_builtin_kg[];

static const char zServeUsage[] =
    "Usage: tangle serve [PATH] [OPTIONS]\n"
    "Serves the database at PATH (or, without PATH, the built-in knowledge graph in\n"
    "memory) over Bolt, the protocol of Neo4j's drivers and tools, and over Bolt on\n"
    "WebSocket on the same port; and over HTTP: Neo4j's Query API and the graph\n"
    "explorer, a page to open in a browser (the URL is printed when it starts).\n"
    "Logs go to stderr; SIGTERM or Ctrl-C stops it cleanly.\n"
    "\n"
    "  --listen HOST:PORT      where to listen (default 127.0.0.1:7687; 0.0.0.0:7687\n"
    "                          for every interface; port 0 picks a free one)\n"
    "  --http HOST:PORT        where the HTTP API and the explorer listen (default\n"
    "                          127.0.0.1:7474; port 0 picks a free one)\n"
    "  --no-http               serve Bolt only\n"
    "  --http-rate N           HTTP requests a second one address may make (default\n"
    "                          200, in bursts of twice that; 0: no limit)\n"
    "  --read-only             refuse every write, on Bolt and HTTP alike\n"
    "  --auth basic|none       basic (default): users and passwords, from PATH/users\n"
    "                          or --users FILE; none: anyone, only on a loopback address\n"
    "  --users FILE            the users file (made with --add-user; default PATH/users)\n"
    "  --tls-cert FILE         PEM certificate chain: clients connect with bolt+s://,\n"
    "  --tls-key FILE            neo4j+s://, wss:// or https:// (both flags are needed)\n"
    "  --tx-timeout DURATION   longest a transaction may stay open, running or idle\n"
    "                          (default 30s; past it it is rolled back)\n"
    "  --max-memory SIZE       memory one statement may use (default: half the machine's)\n"
    "  --max-connections N     clients served at once (default 256)\n"
    "  --max-message SIZE      largest Bolt message or HTTP request body accepted\n"
    "                          (default 16M; 64K before a Bolt client has logged in)\n"
    "  --handshake-timeout DURATION  how long a new client has to log in (default 10s)\n"
    "  --grace DURATION        on shutdown, how long running transactions may finish\n"
    "                          before they are interrupted (default 10s)\n"
    "  --files DIR             LOAD CSV and RENDER TO may use files inside DIR (by\n"
    "                          default queries from clients touch no file)\n"
    "  --query-log             log every statement with its time\n"
    "  --empty                 without PATH: serve an empty graph in memory\n"
    "  --sync MODE             full (default), normal or off (see tangle --help)\n"
    "  -h, --help              show this help\n"
    "\n"
    "Examples:\n"
    "  tangle my.db --add-user ann --role admin     (asks for a password)\n"
    "  tangle serve my.db --listen 0.0.0.0:7687\n"
    "  tangle serve --auth none                     (the built-in graph, loopback only)\n";

/* Reads a value flag: "--flag VALUE" or "--flag=VALUE". */
static bool scliOption(int argc, char **argv, int *pi, const char *zLong, const char **pzVal) {
  const char *a = argv[*pi];
  size_t n = strlen(zLong);
  if (strncmp(a, zLong, n) != 0) return false;
  if (a[n] == '=') {
    *pzVal = a + n + 1;
    return true;
  }
  if (a[n] != 0) return false;
  *pzVal = *pi + 1 < argc ? argv[++*pi] : NULL;
  return true;
}

/* A duration flag's value: at most a year (its nanoseconds must fit). */
static bool scliDuration(const char *v, int64_t *pnMs) {
  return v && shell_parse_duration(v, pnMs) && *pnMs >= 0 && *pnMs <= 366LL * 24 * 3600 * 1000;
}

static int scliUsage(const char *zFmt, const char *zArg) {
  fprintf(stderr, "tangle serve: ");
  fprintf(stderr, zFmt, zArg ? zArg : "");
  fprintf(stderr, "\nTry 'tangle serve --help'.\n");
  return 2;
}

int serve_cli_main(int argc, char **argv) {
  ServeConfig cfg;
  serve_config_default(&cfg);
  const char *zPath = NULL, *zSync = NULL, *zPortFile = NULL;
  bool bEmpty = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    int64_t n;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(zServeUsage, stdout);
      return 0;
    } else if (strcmp(a, "--empty") == 0) {
      bEmpty = true;
    } else if (strcmp(a, "--query-log") == 0) {
      cfg.bQueryLog = true;
    } else if (scliOption(argc, argv, &i, "--listen", &v)) {
      if (v == NULL || strchr(v, ':') == NULL) return scliUsage("--listen needs HOST:PORT, got '%s'", v);
      cfg.zListen = v;
    } else if (scliOption(argc, argv, &i, "--http", &v)) {
      if (v == NULL || strchr(v, ':') == NULL) return scliUsage("--http needs HOST:PORT, got '%s'", v);
      cfg.zHttpListen = v;
    } else if (strcmp(a, "--no-http") == 0) {
      cfg.bNoHttp = true;
    } else if (strcmp(a, "--read-only") == 0) {
      cfg.bReadOnly = true;
    } else if (scliOption(argc, argv, &i, "--http-rate", &v)) {
      if (v == NULL || strspn(v, "0123456789") != strlen(v) || !*v || atoi(v) > 1000000) {
        return scliUsage("--http-rate needs a number of requests a second (0: no limit), got '%s'", v);
      }
      cfg.nHttpRatePerSec = atoi(v);
    } else if (scliOption(argc, argv, &i, "--auth", &v)) {
      if (v == NULL || (strcmp(v, "basic") && strcmp(v, "none"))) return scliUsage("--auth needs basic or none, got '%s'", v);
      cfg.bAuthNone = strcmp(v, "none") == 0;
    } else if (scliOption(argc, argv, &i, "--users", &v)) {
      if (v == NULL || !*v) return scliUsage("--users needs a file name%s", "");
      cfg.zUsersFile = v;
    } else if (scliOption(argc, argv, &i, "--tls-cert", &v)) {
      if (v == NULL || !*v) return scliUsage("--tls-cert needs a file name%s", "");
      cfg.zTlsCert = v;
    } else if (scliOption(argc, argv, &i, "--tls-key", &v)) {
      if (v == NULL || !*v) return scliUsage("--tls-key needs a file name%s", "");
      cfg.zTlsKey = v;
    } else if (scliOption(argc, argv, &i, "--tx-timeout", &v)) {
      if (!scliDuration(v, &n)) return scliUsage("--tx-timeout needs a duration up to a year, such as 30s, got '%s'", v);
      cfg.nTxTimeoutMs = n;
    } else if (scliOption(argc, argv, &i, "--grace", &v)) {
      if (!scliDuration(v, &n)) return scliUsage("--grace needs a duration up to a year, such as 10s, got '%s'", v);
      cfg.nGraceMs = n;
    } else if (scliOption(argc, argv, &i, "--handshake-timeout", &v)) {
      if (!scliDuration(v, &n) || n <= 0) return scliUsage("--handshake-timeout needs a duration up to a year, such as 10s, got '%s'", v);
      cfg.nHandshakeTimeoutMs = n;
    } else if (scliOption(argc, argv, &i, "--max-memory", &v)) {
      if (v == NULL || !shell_parse_size(v, &n)) return scliUsage("--max-memory needs a size such as 512MB, got '%s'", v);
      cfg.nMaxMemory = n;
    } else if (scliOption(argc, argv, &i, "--max-message", &v)) {
      if (v == NULL || !shell_parse_size(v, &n) || n < 1024) return scliUsage("--max-message needs a size of at least 1K, got '%s'", v);
      cfg.nMaxMessage = n;
    } else if (scliOption(argc, argv, &i, "--max-connections", &v)) {
      if (v == NULL || atoi(v) <= 0 || atoi(v) > 10000) return scliUsage("--max-connections needs a number from 1 to 10000, got '%s'", v);
      cfg.nMaxConnections = atoi(v);
    } else if (scliOption(argc, argv, &i, "--files", &v)) {
      if (v == NULL || !*v) return scliUsage("--files needs a directory%s", "");
      cfg.zFilesRoot = v;
    } else if (scliOption(argc, argv, &i, "--sync", &v)) {
      if (v == NULL || (strcmp(v, "full") && strcmp(v, "normal") && strcmp(v, "off"))) {
        return scliUsage("--sync needs full, normal or off, got '%s'", v);
      }
      zSync = v;
    } else if (scliOption(argc, argv, &i, "--port-file", &v)) {
      /* For tests: the port, once listening (with --listen HOST:0). */
      if (v == NULL) return scliUsage("--port-file needs a file name%s", "");
      zPortFile = v;
    } else if (a[0] != '-' && zPath == NULL) {
      zPath = a;
    } else {
      return scliUsage(a[0] == '-' ? "unknown option '%s'" : "only one database can be served, got '%s' too", a);
    }
  }
  if (zPath && bEmpty) return scliUsage("--empty is for a graph in memory; %s holds what it holds", zPath);
  if (zSync && zPath == NULL) return scliUsage("--sync needs a database: tangle serve PATH --sync %s", zSync);
  tg_db *pDb = NULL;
  if (tg_open_v2(zPath, &pDb, TG_OPEN_CREATE) != TG_OK) {
    fprintf(stderr, "tangle serve: %s\n", tg_errmsg(pDb));
    tg_close(pDb);
    return 1;
  }
  if (*tg_open_report(pDb)) fprintf(stderr, "tangle serve: %s", tg_open_report(pDb));
  if (zSync) tg_config_set_text(pDb, "sync", zSync);
  if (zPath == NULL && !bEmpty && tg_exec(pDb, tangle_builtin_kg, "built-in knowledge graph") != TG_OK) {
    fprintf(stderr, "tangle serve: the built-in knowledge graph failed to load: %s\n", tg_errmsg(pDb));
    tg_close(pDb);
    return 1;
  }
  int rc = serve_run(pDb, &cfg, zPortFile);
  tg_close(pDb);
  return rc;
}

/* ---- Users ------------------------------------------------------------------- */

bool serve_cli_is_user_flag(const char *a) {
  static const char *const az[] = {"--add-user", "--passwd", "--remove-user", "--set-role", "--list-users"};
  for (size_t i = 0; i < sizeof(az) / sizeof(az[0]); i++) {
    size_t n = strlen(az[i]);
    if (strncmp(a, az[i], n) == 0 && (a[n] == 0 || a[n] == '=')) return true;
  }
  return false;
}

int serve_cli_users(int argc, char **argv) {
  const char *zPath = NULL, *zUsers = NULL, *zRole = NULL, *zName = NULL;
  enum { U_NONE, U_ADD, U_PASSWD, U_REMOVE, U_SET_ROLE, U_LIST } eOp = U_NONE;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    int eThis = U_NONE;
    if (strcmp(a, "--list-users") == 0) {
      eThis = U_LIST;
    } else if (scliOption(argc, argv, &i, "--add-user", &v)) {
      eThis = U_ADD;
    } else if (scliOption(argc, argv, &i, "--passwd", &v)) {
      eThis = U_PASSWD;
    } else if (scliOption(argc, argv, &i, "--remove-user", &v)) {
      eThis = U_REMOVE;
    } else if (scliOption(argc, argv, &i, "--set-role", &v)) {
      eThis = U_SET_ROLE;
    } else if (scliOption(argc, argv, &i, "--role", &v)) {
      if (v == NULL || auth_role_parse(v) == AUTH_ROLE_NONE) {
        fprintf(stderr, "tangle: --role needs reader, editor or admin, got '%s'\n", v ? v : "");
        return 2;
      }
      zRole = v;
      continue;
    } else if (scliOption(argc, argv, &i, "--users", &v)) {
      if (v == NULL || !*v) {
        fprintf(stderr, "tangle: --users needs a file name\n");
        return 2;
      }
      zUsers = v;
      continue;
    } else if (a[0] != '-' && zPath == NULL) {
      zPath = a;
      continue;
    } else {
      fprintf(stderr, "tangle: '%s' does not go with user management (--add-user, --passwd, --remove-user, --set-role, --list-users)\n", a);
      return 2;
    }
    if (eOp != U_NONE) {
      fprintf(stderr, "tangle: one user command at a time\n");
      return 2;
    }
    if (eThis != U_LIST && (v == NULL || !auth_name_valid(v, strlen(v)))) {
      fprintf(stderr, "tangle: %s needs a user name (1 to %d of A-Z a-z 0-9 _ . @ -), got '%s'\n", a,
              AUTH_NAME_MAX, v ? v : "");
      return 2;
    }
    eOp = eThis;
    zName = v;
  }
  char zFile[4096];
  if (zUsers) {
    snprintf(zFile, sizeof(zFile), "%s", zUsers);
  } else if (zPath) {
    /* The database must exist (it is made by opening it). */
    tg_db *pDb = NULL;
    if (tg_open_v2(zPath, &pDb, TG_OPEN_CREATE) != TG_OK) {
      fprintf(stderr, "tangle: %s\n", tg_errmsg(pDb));
      tg_close(pDb);
      return 1;
    }
    tg_close(pDb);
    snprintf(zFile, sizeof(zFile), "%s/%s", zPath, AUTH_USERS_FILE);
  } else {
    fprintf(stderr, "tangle: user management needs a database (tangle PATH --add-user NAME) or --users FILE\n");
    return 2;
  }
  if (zRole && eOp != U_ADD && eOp != U_SET_ROLE) {
    fprintf(stderr, "tangle: --role goes with --add-user or --set-role\n");
    return 2;
  }
  AuthStore *pStore = auth_new();
  AuthError err;
  AuthStatus rc = auth_load(pStore, zFile, &err);
  if (rc != AUTH_OK && rc != AUTH_NOT_FOUND) {
    fprintf(stderr, "tangle: %s\n", err.zMsg);
    auth_free(pStore);
    return 1;
  }
  char zPassword[AUTH_PASSWORD_MAX + 1];
  size_t nPassword = 0;
  int rcExit = 0;
  if (eOp == U_LIST) {
    AuthUserInfo *a = NULL;
    uint32_t n = 0;
    auth_list(pStore, &a, &n);
    for (uint32_t i = 0; i < n; i++) printf("%s\t%s\n", a[i].zName, auth_role_name(a[i].eRole));
    tg_free(a);
    auth_free(pStore);
    return 0;
  }
  if (eOp == U_ADD || eOp == U_PASSWD) {
    char zPrompt[200];
    snprintf(zPrompt, sizeof(zPrompt), "Password for %s: ", zName);
    if (auth_read_password(zPrompt, eOp == U_ADD || eOp == U_PASSWD, zPassword, &nPassword, &err) != AUTH_OK) {
      fprintf(stderr, "tangle: %s\n", err.zMsg);
      auth_free(pStore);
      return 1;
    }
  }
  switch (eOp) {
    case U_ADD: rc = auth_add_user(pStore, zName, auth_role_parse(zRole ? zRole : "reader"), zPassword, nPassword, &err); break;
    case U_PASSWD: rc = auth_set_password(pStore, zName, zPassword, nPassword, &err); break;
    case U_REMOVE: rc = auth_remove_user(pStore, zName, &err); break;
    case U_SET_ROLE:
      if (zRole == NULL) {
        fprintf(stderr, "tangle: --set-role NAME needs --role reader|editor|admin\n");
        auth_free(pStore);
        return 2;
      }
      rc = auth_set_role(pStore, zName, auth_role_parse(zRole), &err);
      break;
    default: rc = AUTH_OK; break;
  }
  memset(zPassword, 0, sizeof(zPassword));
  if (rc == AUTH_OK) rc = auth_save(pStore, zFile, &err);
  if (rc != AUTH_OK) {
    fprintf(stderr, "tangle: %s\n", err.zMsg);
    rcExit = 1;
  } else {
    static const char *const azDone[] = {"", "added", "changed the password of", "removed", "changed the role of", ""};
    fprintf(stderr, "tangle: %s user %s (%s)\n", azDone[eOp], zName, zFile);
  }
  auth_free(pStore);
  return rcExit;
}
