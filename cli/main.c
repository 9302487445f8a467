/*
** main.c — the `tangle` command: flags, modes and exit status.
**
**   tangle                       REPL on the built-in knowledge graph
**   tangle -e 'QUERY' [-e ...]   run queries in order and print the rows
**   tangle -f FILE.cypher        run a script (statements end with ';')
**   ... | tangle                 read statements from stdin
**
** Exit status: 0 success, 1 a statement failed, 2 bad usage. Data goes to
** stdout, messages to stderr. The knowledge graph is compiled in
** (build/gen/kg_data.c); --empty starts from an empty graph.
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "repl.h"
#include "shell.h"
#include "tangle.h"

extern const char tangle_builtin_kg[];
extern const unsigned tangle_builtin_kg_len;

static const char zUsage[] =
    "Usage: tangle [OPTIONS]\n"
    "Tangle is a knowledge-graph engine that speaks Cypher. With no query it\n"
    "opens an interactive shell on its built-in knowledge graph.\n"
    "\n"
    "  -e, --execute QUERY     run QUERY (repeatable, run in order)\n"
    "  -f, --file FILE         run the ';'-separated statements in FILE\n"
    "                          (stdin is read too when it is not a terminal)\n"
    "  --format FORMAT         table (default), csv, tsv, json, markdown\n"
    "  --param NAME=VALUE      bind $NAME to VALUE, a Cypher literal (repeatable)\n"
    "  --empty                 start from an empty graph\n"
    "  --continue              keep going after a failing statement (exit 1 at the end)\n"
    "  --timing                report rows and time for each statement\n"
    "  --max-width N           fit tables into N columns (default: terminal width)\n"
    "  --max-rows N            show at most N rows per result\n"
    "  --history FILE          REPL history file (default ~/.tangle_history,\n"
    "                          or $TANGLE_HISTORY)\n"
    "  --no-color              no colour, even on a terminal (also NO_COLOR=1)\n"
    "  -h, --help              show this help\n"
    "  -v, --version           show the version\n"
    "\n"
    "Examples:\n"
    "  tangle -e \"CALL tangle.find('ماسك') YIELD node RETURN node.name\"\n"
    "  tangle --format csv -f queries/01-who-owns-what.cypher\n"
    "  echo 'MATCH (n) RETURN count(n);' | tangle --format csv\n"
    "\n"
    "Exit status: 0 success, 1 a statement failed, 2 bad usage.\n";

/* One -e or -f argument, kept in command-line order. */
typedef struct Job {
  bool bFile;
  const char *z;
} Job;

static tg_db *mainDb;

static void mainOnSigint(int sig) {
  (void)sig;
  if (mainDb) tg_interrupt(mainDb);
}

static int mainUsageError(const char *zFmt, const char *zArg) {
  fprintf(stderr, "tangle: ");
  fprintf(stderr, zFmt, zArg);
  fprintf(stderr, "\nTry 'tangle --help'.\n");
  return 2;
}

/* Reads a whole file (or stdin for NULL); NULL with a message on failure. */
static char *mainReadAll(const char *zPath) {
  FILE *f = zPath ? fopen(zPath, "rb") : stdin;
  if (f == NULL) {
    fprintf(stderr, "IOError: cannot open %s: %s\n", zPath, strerror(errno));
    return NULL;
  }
  size_t n = 0, cap = 65536;
  char *z = malloc(cap);
  if (z == NULL) abort();
  size_t got;
  while ((got = fread(z + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (n + 1 == cap) {
      cap *= 2;
      z = realloc(z, cap);
      if (z == NULL) abort();
    }
  }
  z[n] = 0;
  if (zPath) fclose(f);
  return z;
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

int main(int argc, char **argv) {
  Job *aJob = calloc((size_t)argc + 1, sizeof(Job));
  int nJob = 0;
  bool bEmpty = false, bNoColor = getenv("NO_COLOR") != NULL;
  const char *zHistory = getenv("TANGLE_HISTORY");
  Shell shell;
  memset(&shell, 0, sizeof(shell));
  shell.fmt.eKind = FORMAT_TABLE;
  shell.fmt.nMaxRows = -1;
  int nMaxWidth = -1;
  const char **azParam = calloc((size_t)argc + 1, sizeof(char *));
  int nParamArg = 0;
  int rcExit = 0;
  if (aJob == NULL || azParam == NULL) abort();

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(zUsage, stdout);
      goto done;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
      printf("tangle %s\n", TG_VERSION_STRING);
      goto done;
    } else if (strcmp(a, "--empty") == 0) {
      bEmpty = true;
    } else if (strcmp(a, "--continue") == 0) {
      shell.bContinue = true;
    } else if (strcmp(a, "--timing") == 0) {
      shell.bTiming = true;
    } else if (strcmp(a, "--no-color") == 0) {
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
      nMaxWidth = atoi(v);
    } else if (mainOption(argc, argv, &i, NULL, "--max-rows", &v)) {
      if (v == NULL || atol(v) < 0 || (atol(v) == 0 && strcmp(v, "0") != 0)) {
        rcExit = mainUsageError("--max-rows needs a number, got '%s'", v ? v : "");
        goto done;
      }
      shell.fmt.nMaxRows = atol(v);
    } else if (mainOption(argc, argv, &i, NULL, "--history", &v)) {
      if (v == NULL) { rcExit = mainUsageError("%s needs a file name", a); goto done; }
      zHistory = v;
    } else {
      rcExit = mainUsageError("unknown option '%s'", a);
      goto done;
    }
  }

  tg_open(&mainDb);
  shell.pDb = mainDb;
  signal(SIGINT, mainOnSigint);
  bool bStdinTty = isatty(STDIN_FILENO), bStdoutTty = isatty(STDOUT_FILENO);
  shell.bColorErr = !bNoColor && isatty(STDERR_FILENO);
  shell.fmt.bColor = !bNoColor && bStdoutTty;
  shell.fmt.nMaxWidth = nMaxWidth > 0 ? nMaxWidth : (bStdoutTty ? repl_terminal_width() : 0);

  for (int i = 0; i < nParamArg; i++) {
    const char *zEq = strchr(azParam[i], '=');
    char *zName = strndup(azParam[i], (size_t)(zEq - azParam[i]));
    if (!shell_set_param(&shell, zName, zEq + 1)) {
      fprintf(stderr, "tangle: --param %s: the value is not a Cypher literal: %s\n", zName, tg_errmsg(mainDb));
      free(zName);
      rcExit = 2;
      goto done;
    }
    free(zName);
  }

  if (!bEmpty) {
    if (tg_exec(mainDb, tangle_builtin_kg, "built-in knowledge graph") != TG_OK) {
      fprintf(stderr, "tangle: the built-in knowledge graph failed to load: %s (line %d)\n",
              tg_errmsg(mainDb), tg_error_line(mainDb));
      rcExit = 1;
      goto done;
    }
  }
  shell.zGraphDesc = bEmpty ? "an empty graph" : "the built-in knowledge graph";

  int nFail = 0;
  for (int i = 0; i < nJob && (nFail == 0 || shell.bContinue); i++) {
    if (aJob[i].bFile) {
      char *zText = mainReadAll(aJob[i].z);
      if (zText == NULL) {
        nFail++;
        continue;
      }
      nFail += shell_run(&shell, zText, aJob[i].z, 1);
      free(zText);
    } else {
      nFail += shell_run(&shell, aJob[i].z, NULL, 1);
    }
  }
  if (!bStdinTty && (nFail == 0 || shell.bContinue)) {
    char *zText = mainReadAll(NULL);
    if (zText) {
      nFail += shell_run(&shell, zText, NULL, 1);
      free(zText);
    }
  } else if (nJob == 0 && bStdinTty) {
    shell.bInteractive = true;
    nFail += repl_run(&shell, zHistory);
    nFail = 0;   /* errors in an interactive session do not set the exit status */
  }
  rcExit = nFail ? 1 : 0;

done:
  shell_free(&shell);
  if (mainDb) tg_close(mainDb);
  free(aJob);
  free(azParam);
  return rcExit;
}
