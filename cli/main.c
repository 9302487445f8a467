/*
** main.c — the `tangle` command: flags, modes and exit status.
**
**   tangle                       REPL on the built-in knowledge graph
**   tangle -e 'QUERY' [-e ...]   run queries in order and print the rows
**   tangle -f FILE.cypher        run a script (statements end with ';')
**   ... | tangle                 read statements from stdin
**   tangle --connect URI ...     all of the above against a Bolt server
**
** -e and -f run in command-line order; stdin is read only when neither is
** given (as sqlite3 and duckdb do), or where `-f -` names it, so a call in
** a `while read` loop leaves the loop's input alone. The REPL starts only when there is neither -e nor -f and both
** stdin and stdout are terminals; otherwise there are no prompts, banners
** or colour, rows go to stdout and messages to stderr.
**
** Exit status: 0 success, 1 a statement failed (the first failure stops
** the run unless --continue), 2 bad usage. The knowledge graph is compiled
** in (build/gen/kg_data.c); --empty starts from an empty graph, and the
** bulk-import flags (import_cli.h) from the graph they import. With
** --connect the statements run on a server (remote.h), and the options
** that only make sense for a database of the shell's own are refused.
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import_cli.h"
#include "meta.h"
#include "remote.h"
#include "repl.h"
#include "serve_cli.h"
#include "shell.h"
#include "tangle.h"

extern const char tangle_builtin_kg[];
extern const unsigned tangle_builtin_kg_len;

static const char zUsage[] =
    "Usage: tangle [PATH] [OPTIONS]\n"
    "Tangle is a knowledge-graph engine that speaks Cypher. With no query and\n"
    "a terminal, it opens an interactive shell. PATH is a database on disk (a\n"
    "directory, created when missing): every committed change is kept there.\n"
    "Without PATH, Tangle works in memory on its built-in knowledge graph and\n"
    "saves nothing.\n"
    "\n"
    "  -e, --execute QUERY     run QUERY (repeatable; -e and -f run in order)\n"
    "  -f, --file FILE         run the ';'-separated statements in FILE ('-' is stdin)\n"
    "                          without -e or -f, statements are read from stdin\n"
    "  --format FORMAT         table (default), csv, tsv, json, markdown; every format\n"
    "                          streams (tables are laid out from their first 1,000 rows)\n"
    "  --param NAME=VALUE      bind $NAME to VALUE, a Cypher expression (repeatable)\n"
    "  --connect URI           run statements on a server instead (cypher-shell's job):\n"
    "                          bolt://HOST[:PORT] (port 7687 by default), bolt+s:// (TLS),\n"
    "                          bolt+ssc:// (TLS, self-signed certificates accepted);\n"
    "                          neo4j://, neo4j+s://, neo4j+ssc:// reach the one server named\n"
    "  -u, --user USER         with --connect: log in as USER (without: no authentication)\n"
    "  -p, --password PASSWORD with --connect: USER's password (better: $TANGLE_PASSWORD;\n"
    "                          without either it is asked at the terminal)\n"
    "  --empty                 without PATH: start from an empty graph in memory\n"
    "  --read-only             open PATH without writing anything (other processes may\n"
    "                          be writing it); run only statements that change neither\n"
    "                          the graph nor a file (EXPLAIN of any statement works)\n"
    "  --sync MODE             full (default): a commit returns once it is on disk;\n"
    "                          normal: the log is synced about once a second (a power\n"
    "                          failure may lose that second, a crash nothing); off\n"
    "  --checkpoint-size SIZE  write a new snapshot once the log passes SIZE (64M)\n"
    "  --recover               salvage what can be read of a damaged PATH into a new\n"
    "                          database PATH.recovered, and list what was lost\n"
    "  --continue              keep going after a failing statement (exit 1 at the end)\n"
    "  --timing                report rows or changes, and time, for each statement\n"
    "  --max-width N           fit tables into N columns by shortening text (default:\n"
    "                          the terminal's width; no limit when not writing to a\n"
    "                          terminal); numbers and dates are never shortened\n"
    "  --max-rows N            show at most N rows per result, with a note of the rest\n"
    "  --threads N             workers for a counting or top-rows query over a large\n"
    "                          graph (default: one per core; 1: never in parallel)\n"
    "  --timeout DURATION      stop a statement running longer (500ms, 2s, 1m; it\n"
    "                          fails with ResourceLimit and is rolled back; default none)\n"
    "  --max-memory SIZE       stop a statement that needs more memory (512MB, 2GB; it\n"
    "                          fails with ResourceLimit and is rolled back; default\n"
    "                          half the machine's memory; 0: no limit)\n"
    "  --files DIR             LOAD CSV and RENDER TO may only use files inside DIR\n"
    "                          (relative paths are taken inside it)\n"
    "  --no-files              LOAD CSV and RENDER TO may use no file at all\n"
    "  --dump                  write a Cypher script that recreates the graph (after\n"
    "                          any -e, -f or import) to stdout, then exit\n"
    "  --export-csv DIR        write the graph as neo4j-admin import CSV files into\n"
    "                          DIR (new or empty; after any -e, -f or import), then exit\n"
    "  --csv-max-field SIZE    largest CSV field LOAD CSV and the import read (4M;\n"
    "                          K, M, G suffixes); a larger one is a ResourceLimit\n"
    "  --csv-max-record SIZE   largest CSV record, and a sixteenth of it the most\n"
    "                          fields a record may have (default 16M)\n"
    "  --history FILE          REPL history file (default $TANGLE_HISTORY, else\n"
    "                          ~/.tangle_history; an empty name keeps no history)\n"
    "  --no-color              no colour, even on a terminal (also NO_COLOR=1)\n"
    "  --add-user NAME         add a user who may log in to `tangle serve PATH`\n"
    "                          (password asked twice, or one line of stdin);\n"
    "    --role ROLE           reader (default: reads only), editor (writes too),\n"
    "                          admin (the schema too)\n"
    "  --passwd NAME           change a user's password\n"
    "  --set-role NAME --role ROLE, --remove-user NAME, --list-users\n"
    "  --users FILE            manage the users in FILE instead of PATH/users\n"
    "%s"
    "  -h, --help              show this help\n"
    "  -v, --version           show the version\n"
    "\n"
    "In the shell, statements end with ';' and may span lines; Tab completes\n"
    "(keywords, labels, relationship types, property keys, functions, files);\n"
    "Ctrl-C cancels the running statement or clears the line; Ctrl-D leaves.\n"
    "Commands (also in scripts and piped input, at the start of a line):\n"
    "%s"
    "\n"
    "Without a terminal there are no prompts, banners or colour: rows go to\n"
    "stdout, messages to stderr.\n"
    "\n"
    "To serve a graph to Neo4j's drivers and tools over Bolt: tangle serve --help.\n"
    "\n"
    "Examples:\n"
    "  tangle my.db -e \"CREATE (:Person {name: 'Ann'})\"\n"
    "  tangle my.db -e \"MATCH (p:Person) RETURN p.name\"\n"
    "  tangle -e \"CALL tangle.find('ماسك') YIELD node RETURN node.name\"\n"
    "  tangle --format csv -f queries/01-musk-firm-ties.cypher\n"
    "  tangle --connect bolt://localhost:7687 -u ann -e 'MATCH (n) RETURN count(n)'\n"
    "  echo 'MATCH (n) RETURN count(n);' | tangle --format csv\n"
    "\n"
    "Exit status: 0 success, 1 a statement failed, 2 bad usage.\n";

/* One -e or -f argument, kept in command-line order. */
typedef struct Job {
  bool bFile;              /* z is a file name ("-": stdin), else a query */
  const char *z;
} Job;

static tg_db *mainDb;

/* SIGINT: stop the running statement. Installed without SA_RESTART so
** that a blocking read of piped input returns; the REPL adds SA_RESTART.
** A third Ctrl-C before the shell has dealt with the first two ends the
** process, in case a statement does not stop. */
static void mainOnSigint(int sig) {
  (void)sig;
  if (shell_interrupted < 100) shell_interrupted++;
  if (mainDb) tg_interrupt(mainDb);
  if (shell_interrupted >= 3) {
    static const char zMsg[] = "\nInterrupted three times; quitting.\n";
    ssize_t n = write(STDERR_FILENO, zMsg, sizeof(zMsg) - 1);
    (void)n;
    _exit(130);
  }
}

static int mainUsageError(const char *zFmt, const char *zArg) {
  fprintf(stderr, "tangle: ");
  fprintf(stderr, zFmt, zArg);
  fprintf(stderr, "\nTry 'tangle --help'.\n");
  return 2;
}

/* A word without a dash names the database; one that looks like a query
** (or a second word) is a mistake: say what Tangle expects instead. */
static int mainPositionalError(const char *zArg, const char *zPath) {
  if (strpbrk(zArg, " \t\n(")) {
    fprintf(stderr, "tangle: '%s' is not an option; to run it as a query, use -e 'QUERY'\n", zArg);
  } else {
    fprintf(stderr,
            "tangle: '%s': one database at a time (already given: %s). To run a file of\n"
            "queries, use -f %s\n",
            zArg, zPath, zArg);
  }
  fprintf(stderr, "Try 'tangle --help'.\n");
  return 2;
}

/* Prints the usage text, with the commands listed from the table. */
static void mainPrintUsage(void) {
  char zCmds[4096];
  size_t n = 0;
  zCmds[0] = 0;
  for (int i = 0; i < meta_command_count && n < sizeof(zCmds); i++) {
    const MetaCommand *p = &meta_commands[i];
    char zHead[64];
    snprintf(zHead, sizeof(zHead), ":%s %s", p->zName, p->zUsage);
    n += (size_t)snprintf(zCmds + n, sizeof(zCmds) - n, "  %-24s%s\n", zHead, p->zSummary);
  }
  printf(zUsage, import_cli_help, zCmds);
}

/* Matches "--name VALUE" and "--name=VALUE"; advances *pi past VALUE. */
static bool mainOption(int argc, char **argv, int *pi, const char *zShort, const char *zLong,
                       const char **pzValue) {
  const char *a = argv[*pi];
  size_t n = strlen(zLong);
  if ((zShort && strcmp(a, zShort) == 0) || strcmp(a, zLong) == 0) {
    if (*pi + 1 >= argc) {
      *pzValue = NULL;
      return true;
    }
    *pzValue = argv[++*pi];
    return true;
  }
  if (strncmp(a, zLong, n) == 0 && a[n] == '=') {
    *pzValue = a + n + 1;
    return true;
  }
  return false;
}

/* Runs one -e query: a line starting with ':' is a command. */
static int mainRunQuery(Shell *s, const char *zQuery) {
  const char *z = zQuery + strspn(zQuery, " \t\r\n");
  if (*z == ':') return meta_run(s, z, NULL, 0) == META_OK ? 0 : 1;
  return shell_run(s, zQuery, NULL, 1);
}

/* Runs one -f file ("-" for stdin). */
static int mainRunFile(Shell *s, const char *zPath) {
  if (strcmp(zPath, "-") == 0) return shell_run_stream(s, stdin, NULL);
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) {
    fprintf(stderr, "IOError: cannot open %s: %s\n", zPath, strerror(errno));
    return 1;
  }
  int nFail = shell_run_stream(s, f, zPath);
  fclose(f);
  return nFail;
}

/* At the end of a session with a transaction still open: at a terminal
** ask whether to commit it; in a script roll it back. Either way, say so. */
static void mainEndTransaction(Shell *s, bool bAsk) {
  if (!shell_in_transaction(s)) return;
  bool bCommit = false;
  if (bAsk) {
    fprintf(stderr, "A transaction is still open. Commit it? [y/N] ");
    fflush(stderr);
    char zAnswer[16] = "";
    bCommit = fgets(zAnswer, sizeof(zAnswer), stdin) != NULL && (zAnswer[0] == 'y' || zAnswer[0] == 'Y');
  }
  bool bQuiet = s->bQuiet;
  s->bQuiet = true;   /* no "Done" after the question */
  if (bCommit && (s->pRemote ? remote_end_transaction(s, true) == 0 : tg_commit(s->pDb) == TG_OK)) {
    fprintf(stderr, "Committed.\n");
  } else {
    if (s->pRemote && shell_in_transaction(s)) remote_end_transaction(s, false);
    else if (!s->pRemote) tg_rollback(s->pDb);
    fprintf(stderr, bAsk ? "Rolled back.\n"
                         : "tangle: the transaction still open at the end was rolled back\n");
  }
  s->bQuiet = bQuiet;
}

/* tangle PATH --recover: salvage into PATH.recovered, list the losses. */
static int mainRecover(const char *zPath) {
  size_t n = strlen(zPath);
  while (n > 1 && zPath[n - 1] == '/') n--;
  char *zTo = malloc(n + 16);
  if (zTo == NULL) abort();
  snprintf(zTo, n + 16, "%.*s.recovered", (int)n, zPath);
  char *zReport = NULL, *zErr = NULL;
  int rc = tg_recover(zPath, zTo, &zReport, &zErr);
  if (zReport && *zReport) fputs(zReport, stderr);
  if (rc != TG_OK) {
    fprintf(stderr, "tangle: --recover: %s\n", zErr ? zErr : "failed");
  } else {
    fprintf(stderr, "tangle: salvaged %s into %s%s\n", zPath, zTo,
            zReport && *zReport ? " (the lines above list what was lost)" : "; nothing was lost");
  }
  tg_free(zReport);
  tg_free(zErr);
  free(zTo);
  return rc == TG_OK ? 0 : 1;
}

int main(int argc, char **argv) {
  /* `tangle serve ...` and user management have flags of their own. */
  if (argc > 1 && strcmp(argv[1], "serve") == 0) return serve_cli_main(argc - 1, argv + 1);
  for (int i = 1; i < argc; i++) {
    if (serve_cli_is_user_flag(argv[i])) return serve_cli_users(argc, argv);
  }
  Job *aJob = calloc((size_t)argc + 1, sizeof(Job));
  int nJob = 0;
  const char *zNoColor = getenv("NO_COLOR");
  bool bEmpty = false, bNoColor = zNoColor != NULL && zNoColor[0] != 0;
  int nThreads = 0;   /* tg_config "threads": 0 = one worker per core */
  int64_t nTimeoutMs = 0;   /* tg_config "timeout": 0 = none */
  int64_t nMaxMemory = -1;  /* tg_config "max_memory": -1 = the engine's default */
  const char *zFilesRoot = NULL;   /* --files DIR */
  bool bNoFiles = false;           /* --no-files */
  bool bReadOnly = false;          /* --read-only */
  bool bDump = false;              /* --dump */
  const char *zExportDir = NULL;   /* --export-csv DIR */
  int64_t nCsvMaxField = 0, nCsvMaxRecord = 0;   /* --csv-max-field, --csv-max-record (0: default) */
  bool bTimingFlag = false, bReferencePlan = false;
  const char *zPath = NULL;        /* PATH: the database on disk */
  const char *zSync = NULL;        /* --sync */
  int64_t nCheckpointSize = -1;    /* --checkpoint-size */
  bool bRecover = false;           /* --recover */
  const char *zHistory = getenv("TANGLE_HISTORY");
  const char *zConnect = NULL, *zUser = NULL, *zPassword = NULL;   /* --connect, -u, -p */
  const char *zLocalOnly = NULL;   /* the first option that needs a database of our own */
  Remote *pRemote = NULL;
  Shell shell;
  memset(&shell, 0, sizeof(shell));
  shell.fmt.eKind = FORMAT_TABLE;
  shell.fmt.nMaxRows = -1;
  shell.nMaxWidthOpt = -1;
  ImportCli imp;
  memset(&imp, 0, sizeof(imp));
  const char **azParam = calloc((size_t)argc + 1, sizeof(char *));
  int nParamArg = 0;
  int rcExit = 0;
  if (aJob == NULL || azParam == NULL) abort();

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      mainPrintUsage();
      goto done;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
      printf("tangle %s\n", TG_VERSION_STRING);
      goto done;
    } else if (strcmp(a, "--empty") == 0) {
      bEmpty = true;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--empty";
    } else if (mainOption(argc, argv, &i, NULL, "--connect", &v)) {
      if (v == NULL || *v == 0) { rcExit = mainUsageError("%s needs a server's address, such as bolt://localhost:7687", a); goto done; }
      zConnect = v;
    } else if (mainOption(argc, argv, &i, "-u", "--user", &v)) {
      if (v == NULL || *v == 0) { rcExit = mainUsageError("%s needs a user name", a); goto done; }
      zUser = v;
    } else if (mainOption(argc, argv, &i, "-p", "--password", &v)) {
      if (v == NULL) { rcExit = mainUsageError("%s needs a password", a); goto done; }
      zPassword = v;
    } else if (strcmp(a, "--continue") == 0) {
      shell.bContinue = true;
    } else if (strcmp(a, "--timing") == 0) {
      bTimingFlag = true;
    } else if (strcmp(a, "--reference-plan") == 0) {
      /* Hidden, for reproducing differential-tester cases (tests/difftest). */
      bReferencePlan = true;
    } else if (strcmp(a, "--no-color") == 0 || strcmp(a, "--no-colour") == 0) {
      bNoColor = true;
    } else if (mainOption(argc, argv, &i, "-e", "--execute", &v)) {
      if (v == NULL) { rcExit = mainUsageError("%s needs a query", a); goto done; }
      aJob[nJob++] = (Job){false, v};
    } else if (mainOption(argc, argv, &i, "-f", "--file", &v)) {
      if (v == NULL) { rcExit = mainUsageError("%s needs a file name", a); goto done; }
      aJob[nJob++] = (Job){true, v};
    } else if (mainOption(argc, argv, &i, NULL, "--format", &v)) {
      if (v == NULL || !format_parse_kind(v, &shell.fmt.eKind)) {
        rcExit = mainUsageError("unknown format '%s' (table, csv, tsv, json, markdown)", v ? v : "");
        goto done;
      }
    } else if (mainOption(argc, argv, &i, NULL, "--param", &v)) {
      if (v == NULL || strchr(v, '=') == NULL) {
        rcExit = mainUsageError("--param needs NAME=VALUE, got '%s'", v ? v : "");
        goto done;
      }
      azParam[nParamArg++] = v;
    } else if (mainOption(argc, argv, &i, NULL, "--max-width", &v)) {
      if (v == NULL || atoi(v) <= 0) { rcExit = mainUsageError("--max-width needs a positive number, got '%s'", v ? v : ""); goto done; }
      shell.nMaxWidthOpt = atoi(v);
    } else if (mainOption(argc, argv, &i, NULL, "--max-rows", &v)) {
      if (v == NULL || atol(v) < 0 || (atol(v) == 0 && strcmp(v, "0") != 0)) {
        rcExit = mainUsageError("--max-rows needs a number, got '%s'", v ? v : "");
        goto done;
      }
      shell.fmt.nMaxRows = atol(v);
    } else if (mainOption(argc, argv, &i, NULL, "--files", &v)) {
      if (v == NULL || *v == 0) { rcExit = mainUsageError("%s needs a directory", "--files"); goto done; }
      zFilesRoot = v;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--files";
    } else if (strcmp(a, "--no-files") == 0) {
      bNoFiles = true;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--no-files";
    } else if (strcmp(a, "--read-only") == 0) {
      bReadOnly = true;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--read-only";
    } else if (strcmp(a, "--dump") == 0) {
      bDump = true;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--dump";
    } else if (strcmp(a, "--recover") == 0) {
      bRecover = true;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--recover";
    } else if (mainOption(argc, argv, &i, NULL, "--sync", &v)) {
      if (v == NULL || (strcmp(v, "full") && strcmp(v, "normal") && strcmp(v, "off"))) {
        rcExit = mainUsageError("--sync needs full, normal or off, got '%s'", v ? v : "");
        goto done;
      }
      zSync = v;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--sync";
    } else if (mainOption(argc, argv, &i, NULL, "--checkpoint-size", &v)) {
      if (v == NULL || !shell_parse_size(v, &nCheckpointSize)) {
        rcExit = mainUsageError("--checkpoint-size needs a size such as 64M, got '%s'", v ? v : "");
        goto done;
      }
      zLocalOnly = zLocalOnly ? zLocalOnly : "--checkpoint-size";
    } else if (mainOption(argc, argv, &i, NULL, "--export-csv", &v)) {
      if (v == NULL || *v == 0) { rcExit = mainUsageError("%s needs a directory", "--export-csv"); goto done; }
      zExportDir = v;
      zLocalOnly = zLocalOnly ? zLocalOnly : "--export-csv";
    } else if (mainOption(argc, argv, &i, NULL, "--csv-max-field", &v) ||
               mainOption(argc, argv, &i, NULL, "--csv-max-record", &v)) {
      bool bField = strncmp(a, "--csv-max-field", 15) == 0;
      int64_t n;
      if (v == NULL || !shell_parse_size(v, &n) || n < 1 || n > ((int64_t)1 << 30)) {
        rcExit = mainUsageError(bField ? "--csv-max-field needs a size from 1 to 1G, such as 4M, got '%s'"
                                       : "--csv-max-record needs a size from 1 to 1G, such as 16M, got '%s'",
                                v ? v : "");
        goto done;
      }
      *(bField ? &nCsvMaxField : &nCsvMaxRecord) = n;
      zLocalOnly = zLocalOnly ? zLocalOnly : bField ? "--csv-max-field" : "--csv-max-record";
    } else if (mainOption(argc, argv, &i, NULL, "--timeout", &v)) {
      if (v == NULL || !shell_parse_duration(v, &nTimeoutMs)) {
        rcExit = mainUsageError("--timeout needs a duration such as 500ms, 2s or 1m, got '%s'", v ? v : "");
        goto done;
      }
    } else if (mainOption(argc, argv, &i, NULL, "--max-memory", &v)) {
      if (v == NULL || !shell_parse_size(v, &nMaxMemory)) {
        rcExit = mainUsageError("--max-memory needs a size such as 512MB or 2GB, got '%s'", v ? v : "");
        goto done;
      }
      zLocalOnly = zLocalOnly ? zLocalOnly : "--max-memory";
    } else if (mainOption(argc, argv, &i, NULL, "--threads", &v)) {
      if (v == NULL || atoi(v) <= 0) { rcExit = mainUsageError("--threads needs a positive number, got '%s'", v ? v : ""); goto done; }
      nThreads = atoi(v);
      zLocalOnly = zLocalOnly ? zLocalOnly : "--threads";
    } else if (mainOption(argc, argv, &i, NULL, "--history", &v)) {
      if (v == NULL) { rcExit = mainUsageError("%s needs a file name", a); goto done; }
      zHistory = v;
    } else {
      /* The bulk-import flags (import_cli.h), else an unknown option. */
      int rc = import_cli_option(&imp, argc, argv, &i);
      if (rc < 0) {
        rcExit = 2;
        goto done;
      }
      if (rc == 0 && a[0] != '-' && zPath == NULL && !strpbrk(a, " \t\n(")) {
        zPath = a;
        continue;
      }
      if (rc == 0) {
        rcExit = a[0] == '-' ? mainUsageError("unknown option '%s'", a) : mainPositionalError(a, zPath ? zPath : "none");
        goto done;
      }
    }
  }

  if (zConnect) {
    if (import_cli_wanted(&imp)) zLocalOnly = "--nodes/--relationships";
    if (zPath) zLocalOnly = zPath;
    if (zLocalOnly) {
      rcExit = mainUsageError(zPath && zLocalOnly == zPath
                                  ? "--connect runs statements on the server; '%s' names a database of the shell's own"
                                  : "%s is for a database of the shell's own; with --connect the server has its own settings",
                              zLocalOnly);
      goto done;
    }
  } else if (zUser || zPassword) {
    rcExit = mainUsageError("%s is for logging in to a server: add --connect URI", zUser ? "-u" : "-p");
    goto done;
  }
  if (zPath && bEmpty) {
    rcExit = mainUsageError("--empty is for a graph in memory; the database %s holds what it holds", zPath);
    goto done;
  }
  if ((zSync || nCheckpointSize >= 0 || bRecover) && zPath == NULL) {
    rcExit = mainUsageError("%s needs a database: tangle PATH ...", bRecover ? "--recover" : zSync ? "--sync" : "--checkpoint-size");
    goto done;
  }
  if (bRecover) {
    rcExit = mainRecover(zPath);
    goto done;
  }
  if (zConnect) {
    int rc = remote_open(zConnect, zUser, zPassword, &pRemote);
    if (rc != 0) {
      rcExit = rc;
      goto done;
    }
    shell.pRemote = pRemote;
  }
  if (tg_open_v2(zPath, &mainDb, bReadOnly ? TG_OPEN_READONLY : TG_OPEN_CREATE) != TG_OK) {
    fprintf(stderr, "tangle: %s\n", tg_errmsg(mainDb));
    rcExit = 1;
    goto done;
  }
  if (*tg_open_report(mainDb)) fprintf(stderr, "tangle: %s", tg_open_report(mainDb));
  if (zPath && tg_db_created(mainDb) && isatty(STDERR_FILENO)) {
    fprintf(stderr, "tangle: created the database %s\n", zPath);
  }
  if (zSync) tg_config_set_text(mainDb, "sync", zSync);
  if (nCheckpointSize >= 0) tg_config_set(mainDb, "checkpoint_size", nCheckpointSize);
  tg_config_set(mainDb, "threads", nThreads);
  tg_config_set(mainDb, "timeout", nTimeoutMs);
  if (nMaxMemory >= 0) tg_config_set(mainDb, "max_memory", nMaxMemory);
  if (bNoFiles) tg_config_set(mainDb, "files", 0);
  if (nCsvMaxField) tg_config_set(mainDb, "csv.max_field", nCsvMaxField);
  if (nCsvMaxRecord) tg_config_set(mainDb, "csv.max_record", nCsvMaxRecord);
  if (zFilesRoot && tg_config_set_text(mainDb, "files.root", zFilesRoot) != TG_OK) {
    fprintf(stderr, "tangle: --files: %s\n", tg_errmsg(mainDb) + strlen("files.root: "));
    rcExit = 2;
    goto done;
  }
  if (bReferencePlan) tg_config_set(mainDb, "planner.reference", 1);
  shell.pDb = mainDb;
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = mainOnSigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);

  bool bStdinTty = isatty(STDIN_FILENO), bStdoutTty = isatty(STDOUT_FILENO);
  bool bTerminal = bStdinTty && bStdoutTty;   /* a person is watching */
  bool bRepl = nJob == 0 && bTerminal;
  shell.bColorErr = !bNoColor && bTerminal && isatty(STDERR_FILENO);
  shell.fmt.bColor = !bNoColor && bTerminal;
  shell.bTiming = bTimingFlag || bRepl;
  shell_update_width(&shell);

  for (int i = 0; i < nParamArg; i++) {
    const char *zEq = strchr(azParam[i], '=');
    char *zName = strndup(azParam[i], (size_t)(zEq - azParam[i]));
    if (zName == NULL) abort();
    char zWhere[300];
    snprintf(zWhere, sizeof(zWhere), "--param %s", zName);
    tg_value *pVal = shell_eval_value(&shell, azParam[i], (size_t)(zEq + 1 - azParam[i]), zWhere, 1);
    if (pVal == NULL) {
      free(zName);
      rcExit = 2;
      goto done;
    }
    shell_set_param_value(&shell, zName, pVal);
    free(zName);
  }

  if (import_cli_wanted(&imp)) {
    /* --nodes / --relationships: the graph is the imported one. */
    if (import_cli_run(&imp, mainDb) != 0) {
      rcExit = 1;
      goto done;
    }
  } else if (!bEmpty && zPath == NULL && pRemote == NULL) {
    if (tg_exec(mainDb, tangle_builtin_kg, "built-in knowledge graph") != TG_OK) {
      fprintf(stderr, "tangle: the built-in knowledge graph failed to load: %s (line %d)\n",
              tg_errmsg(mainDb), tg_error_line(mainDb));
      rcExit = 1;
      goto done;
    }
  }
  if (bReadOnly) tg_config_set(mainDb, "read_only", 1);   /* after the graph is loaded */
  char zDesc[4200];
  if (pRemote) {
    snprintf(zDesc, sizeof(zDesc), "%s", remote_describe(pRemote));
  } else if (zPath) {
    snprintf(zDesc, sizeof(zDesc), "%s%s", zPath, bReadOnly ? " (read-only)" : "");
  } else {
    snprintf(zDesc, sizeof(zDesc), "%s (in memory: nothing is saved)",
             import_cli_wanted(&imp) ? "the imported graph" : bEmpty ? "an empty graph" : "the built-in knowledge graph");
  }
  shell.zGraphDesc = zDesc;
  shell_interrupted = 0;

  int nFail = 0;
  for (int i = 0; i < nJob && (nFail == 0 || shell.bContinue) && !shell.bQuit && !shell_interrupted; i++) {
    nFail += aJob[i].bFile ? mainRunFile(&shell, aJob[i].z) : mainRunQuery(&shell, aJob[i].z);
  }
  if (bDump || zExportDir) {
    mainEndTransaction(&shell, false);   /* the dump holds only what was committed */
    bool bGo = (nFail == 0 || shell.bContinue) && !shell_interrupted;
    if (bGo && bDump && shell_dump(&shell, stdout) != 0) nFail++;
    if (bGo && zExportDir && shell_export_csv(&shell, zExportDir) != 0) nFail++;
  } else if (bRepl) {
    shell.bInteractive = true;
    repl_run(&shell, zHistory);
    nFail = 0;   /* errors in an interactive session do not set the exit status */
  } else if (nJob == 0 && (nFail == 0 || shell.bContinue) &&
             !shell.bQuit && !shell_interrupted) {
    nFail += shell_run_stream(&shell, stdin, NULL);
  }
  rcExit = nFail ? 1 : 0;
  mainEndTransaction(&shell, bRepl);

done:
  import_cli_free(&imp);
  shell_free(&shell);
  remote_close(pRemote);
  if (mainDb) tg_close(mainDb);
  free(aJob);
  free(azParam);
  return rcExit;
}
