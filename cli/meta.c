/*
** meta.c — the :command table and one handler per command (see meta.h).
**
** Everything a person learns about the commands comes from meta_commands[]:
** :help prints its rows, completion offers its names and argument kinds,
** and an unknown name is matched against it to suggest the nearest. The
** handlers use the public API (tangle.h) and the shell runner only.
**
** Output rule (shell.h): what a command was asked to show (:help, :params,
** :schema) goes to stdout; confirmations and errors go to stderr, and
** confirmations only for a person at a terminal.
*/
#include "meta.h"
#include "base/suggest.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ---- Private prototypes --------------------------------------------------- */

static int metaHelp(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaSchema(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaParam(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaParams(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaFormat(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaTiming(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaExplain(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaProfile(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaThreads(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaTimeout(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaMaxMemory(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaRender(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaRead(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaQuit(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaBegin(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaDump(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaExportCsv(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaCommit(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaRollback(Shell *s, const char *zArg, const MetaWhere *pWhere);
static int metaCheckpoint(Shell *s, const char *zArg, const MetaWhere *pWhere);

/* ---- The table ------------------------------------------------------------- */

const MetaCommand meta_commands[] = {
    {"help", {"h", "?", NULL}, "[TOPIC]", "list the commands, or explain one (:help schema)",
     "With no topic, lists every command and the editing keys. With a topic\n"
     "(a command name, with or without its ':', or 'keys'), explains it.",
     META_ARG_TOPIC, NULL, metaHelp},
    {"schema", {NULL}, "", "labels, relationship types, property keys (with counts), indexes",
     "Shows what the graph holds: each label with its number of nodes, each\n"
     "relationship type with its number of relationships, each property key\n"
     "with the number of nodes and relationships that have it, and the\n"
     "indexes and uniqueness constraints.",
     META_ARG_NONE, NULL, metaSchema},
    {"param", {NULL}, "NAME => VALUE", "set $NAME for the statements that follow",
     "Sets a parameter that every later statement can use as $NAME. VALUE is\n"
     "any Cypher expression, evaluated once (it may use parameters already\n"
     "set):\n"
     "  :param name => 'Elon Musk'\n"
     "  :param since => date('2024-01-01')\n"
     "  :param {limit: 10, kinds: ['Firm', 'Person']}   (several at once)\n"
     "':param NAME' shows one parameter; ':param' lists them all.",
     META_ARG_PARAM, NULL, metaParam},
    {"params", {NULL}, "[clear]", "list the parameters, or forget them all",
     "Lists every parameter with its value as a Cypher literal. ':params clear'\n"
     "removes them all.",
     META_ARG_WORDS, "clear", metaParams},
    {"format", {"mode", NULL}, "[FORMAT]", "how results are written: table, csv, tsv, json, markdown",
     "table     a box, fitted to the terminal width (the default)\n"
     "csv       comma-separated, header row first\n"
     "tsv       tab-separated\n"
     "json      one JSON object per row and line (NaN and infinities as strings)\n"
     "markdown  a GitHub-style table\n"
     "Tables take their column widths from the first 1,000 rows, then print\n"
     "each row as it comes; a wider row later widens its column from there\n"
     "(under a new rule), as far as the terminal allows. Ctrl-C stops the\n"
     "output. With no argument, shows the current format.",
     META_ARG_FORMAT, NULL, metaFormat},
    {"timing", {NULL}, "[on|off]", "show the elapsed time after each statement",
     "Turns the elapsed time shown after each result on or off (with no\n"
     "argument, switches it). It is on by default at a terminal.",
     META_ARG_ONOFF, NULL, metaTiming},
    {"explain", {NULL}, "[on|off]", "show each statement's plan instead of running it",
     "While on, statements are not run: each shows its operator tree, as if\n"
     "it started with EXPLAIN. With no argument, switches it on or off.",
     META_ARG_ONOFF, NULL, metaExplain},
    {"profile", {NULL}, "[on|off]", "run each statement with PROFILE (rows and time per operator)",
     "While on, statements run as if they started with PROFILE: the rows,\n"
     "then the plan with the rows and time of each operator. With no\n"
     "argument, switches it on or off.",
     META_ARG_ONOFF, NULL, metaProfile},
    {"threads", {NULL}, "[N]", "workers for a counting or top-rows query over a large graph (0: one per core)",
     "A read query whose answer is made of count, min or max (in total or\n"
     "per group), or that ends in ORDER BY ... LIMIT, over many nodes (8192\n"
     "scanned, or 64 that are expanded)\n"
     "is split between N workers, each reading a share of the nodes; the\n"
     "rows come out as one worker would give them. N = 1 never splits, 0\n"
     "(the default) uses one worker per core, at most 8. With no argument,\n"
     "shows the setting. Same as the --threads option.",
     META_ARG_NONE, NULL, metaThreads},
    {"timeout", {NULL}, "[DURATION]", "stop statements running longer than DURATION (0: never)",
     "A statement still running DURATION after it started (500ms, 2s, 1m,\n"
     "1h; a bare number is seconds) stops with a ResourceLimit error and\n"
     "is rolled back, so the graph is as it was; the session goes on. 0\n"
     "switches the limit off. With no argument, shows the setting. Same\n"
     "as the --timeout option. With --connect, the server is asked to end\n"
     "each transaction after DURATION (Bolt's tx_timeout).",
     META_ARG_NONE, NULL, metaTimeout},
    {"max-memory", {NULL}, "[SIZE]", "stop statements that need more than SIZE of memory (0: no limit)",
     "A statement that needs more memory than SIZE (512MB, 2GB; units are\n"
     "powers of 1024) on top of what the graph holds stops with a\n"
     "ResourceLimit error and is rolled back; the session goes on. The\n"
     "default is half the machine's memory; 0 lifts the limit (running\n"
     "out of memory still fails only the statement). With no argument,\n"
     "shows the setting. Same as the --max-memory option.",
     META_ARG_NONE, NULL, metaMaxMemory},
    {"render", {NULL}, "[FILE]", "draw the nodes, relationships and paths of the last result",
     "Draws the graph values (nodes, relationships, paths and lists of them)\n"
     "of the last result with Graphviz. FILE's extension picks the format:\n"
     ".svg, .png, .pdf or .dot. Without FILE, an SVG file is written to the\n"
     "temporary directory; the message says where.",
     META_ARG_FILE, NULL, metaRender},
    {"read", {"source", NULL}, "FILE", "run the statements and commands in FILE",
     "Runs FILE as a script: statements end with ';', and lines that start\n"
     "with ':' are commands. Errors name the file and the line.",
     META_ARG_FILE, NULL, metaRead},
    {"dump", {NULL}, "[FILE]", "write a Cypher script that recreates the graph",
     "Writes a script of Cypher statements that recreates the graph, its\n"
     "indexes and constraints included, to FILE (replaced if it exists),\n"
     "or to the screen. Run it on an empty graph to get the same graph\n"
     "back: tangle --empty -f FILE. Node ids are not kept. Same as the\n"
     "--dump option.",
     META_ARG_FILE, NULL, metaDump},
    {"export-csv", {NULL}, "DIR", "write the graph as neo4j-admin import CSV files into DIR",
     "Writes one CSV file per set of labels and per relationship type,\n"
     "with neo4j-admin's typed headers, into the folder DIR (created when\n"
     "missing; an existing one must be empty), and DIR/README.txt with the\n"
     "neo4j-admin and tangle commands that import them. Refused inside a\n"
     "transaction. Same as the --export-csv option.",
     META_ARG_FILE, NULL, metaExportCsv},
    {"checkpoint", {NULL}, "", "write a new snapshot of the database on disk and empty its log",
     "Writes the whole graph as a new snapshot of the database opened with\n"
     "tangle PATH and starts an empty write-ahead log, as CALL db.checkpoint()\n"
     "does. Tangle also does it when the log passes --checkpoint-size, and\n"
     "when it closes the database.",
     META_ARG_NONE, NULL, metaCheckpoint},
    {"begin", {NULL}, "", "open a transaction: statements run in it until :commit or :rollback",
     "Opens an explicit transaction, as the statement BEGIN does. The\n"
     "statements after it see each other's changes; a failing one undoes\n"
     "only its own. :commit keeps them all, :rollback undoes them all. The\n"
     "prompt reads tangle# while it is open. Schema commands (CREATE INDEX,\n"
     "...) cannot run inside it.",
     META_ARG_NONE, NULL, metaBegin},
    {"commit", {NULL}, "", "keep the changes of the open transaction",
     "Commits the transaction :begin opened, as the statement COMMIT does.",
     META_ARG_NONE, NULL, metaCommit},
    {"rollback", {NULL}, "", "undo every change of the open transaction",
     "Rolls back the transaction :begin opened, as the statement ROLLBACK\n"
     "does: the graph is as it was before :begin.",
     META_ARG_NONE, NULL, metaRollback},
    {"quit", {"q", "exit", NULL}, "", "leave Tangle (Ctrl-D also does)",
     "Leaves the shell. The history is saved as you go, so nothing is lost.",
     META_ARG_NONE, NULL, metaQuit},
};
const int meta_command_count = (int)(sizeof(meta_commands) / sizeof(meta_commands[0]));

const MetaTopic meta_topics[] = {
    {"keys", "editing keys and completion",
     "Enter        run the statement once it ends with ';' (else continue it)\n"
     "Tab          complete: keywords, functions, procedures after CALL,\n"
     "             labels after ':' in (...), relationship types after ':'\n"
     "             in [...], property keys after 'var.', $parameters,\n"
     "             :commands and file names after :read\n"
     "Up, Down     recall earlier statements (kept in ~/.tangle_history,\n"
     "             or $TANGLE_HISTORY, or --history FILE)\n"
     "Ctrl-R       search the history\n"
     "Ctrl-C       cancel the running statement, or clear what you typed\n"
     "Ctrl-D       leave (on an empty line)\n"
     "Settings of your own go in ~/.editrc (e.g. 'bind -v' for vi keys)."},
};
const int meta_topic_count = (int)(sizeof(meta_topics) / sizeof(meta_topics[0]));

/* ---- API -------------------------------------------------------------------- */

const MetaCommand *meta_find(const char *zName) {
  for (int i = 0; i < meta_command_count; i++) {
    const MetaCommand *p = &meta_commands[i];
    if (strcmp(p->zName, zName) == 0) return p;
    for (int k = 0; p->azAlias[k]; k++) {
      if (strcmp(p->azAlias[k], zName) == 0) return p;
    }
  }
  return NULL;
}

/* Prints a message about a command to stderr, naming the script line. */
static void metaError(const MetaWhere *pWhere, const char *zFmt, ...) {
  va_list ap;
  fflush(stdout);
  if (pWhere && pWhere->zFile) fprintf(stderr, "%s, line %d: ", pWhere->zFile, pWhere->iLine);
  va_start(ap, zFmt);
  vfprintf(stderr, zFmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

/*
** The name nearest to zWord among the command names, aliases and (when
** bTopics) help topics, or NULL when none is close: an edit distance of
** at most a third of the word (at least 1, at most 3), or zWord being the
** start of the name.
*/
static const char *metaNearest(const char *zWord, bool bTopics) {
  const char *zBest = NULL;
  int nBest = INT_MAX;
  size_t nWord = strlen(zWord);
  int nMax = (int)(nWord + 2) / 3;
  if (nMax < 1) nMax = 1;
  if (nMax > 3) nMax = 3;
  for (int i = 0; i < meta_command_count + (bTopics ? meta_topic_count : 0); i++) {
    const char *azName[4] = {NULL, NULL, NULL, NULL};
    if (i < meta_command_count) {
      azName[0] = meta_commands[i].zName;
      for (int k = 0; k < 2 && meta_commands[i].azAlias[k]; k++) azName[k + 1] = meta_commands[i].azAlias[k];
    } else {
      azName[0] = meta_topics[i - meta_command_count].zName;
    }
    for (int k = 0; k < 3 && azName[k]; k++) {
      int d = suggest_distance(zWord, strlen(zWord), azName[k], strlen(azName[k]));
      if (nWord >= 2 && strncmp(azName[k], zWord, nWord) == 0) d = 1;
      if (d < nBest && d <= nMax) {
        nBest = d;
        zBest = i < meta_command_count ? meta_commands[i].zName : azName[k];
      }
    }
  }
  return zBest;
}

int meta_run(Shell *s, const char *zLine, const char *zFile, int iLine) {
  MetaWhere where = {zFile, iLine, zLine, 0};
  while (*zLine == ' ' || *zLine == '\t') zLine++;
  if (*zLine == ':') zLine++;
  size_t nName = strcspn(zLine, " \t\r\n;");
  char zName[64];
  snprintf(zName, sizeof(zName), "%.*s", (int)(nName < 63 ? nName : 63), zLine);
  /* The argument: the rest, trimmed, without a trailing ';'. */
  const char *zRest = zLine + nName;
  while (*zRest == ' ' || *zRest == '\t') zRest++;
  where.iArg = (size_t)(zRest - where.zLine);
  size_t nRest = strlen(zRest);
  while (nRest && strchr(" \t\r\n;", zRest[nRest - 1])) nRest--;
  char *zArg = strndup(zRest, nRest);
  if (zArg == NULL) abort();
  int rc;
  const MetaCommand *p = meta_find(zName);
  if (p) {
    rc = p->xRun(s, zArg, &where);
  } else if (zName[0] == 0) {
    metaError(&where, "A command name must follow ':'. Type :help for the list.");
    rc = META_FAIL;
  } else {
    const char *zNear = metaNearest(zName, false);
    if (zNear) metaError(&where, "Unknown command :%s; did you mean :%s? (:help lists the commands)", zName, zNear);
    else metaError(&where, "Unknown command :%s. Type :help for the list of commands.", zName);
    rc = META_FAIL;
  }
  free(zArg);
  return rc;
}

/* ---- Helpers ------------------------------------------------------------------ */

/* Parses "on"/"off" (also true/false, 1/0, yes/no); "" switches bCur.
** Returns 1, 0, or -1 for anything else. */
static int metaOnOff(const char *zArg, bool bCur) {
  if (*zArg == 0) return !bCur;
  static const char *const azOn[] = {"on", "true", "1", "yes"};
  static const char *const azOff[] = {"off", "false", "0", "no"};
  for (int i = 0; i < 4; i++) {
    if (strcasecmp(zArg, azOn[i]) == 0) return 1;
    if (strcasecmp(zArg, azOff[i]) == 0) return 0;
  }
  return -1;
}

/* A file name argument: quotes removed, a leading "~/" made $HOME/.
** Returns malloc'd text. */
static char *metaPath(const char *zArg) {
  size_t n = strlen(zArg);
  if (n >= 2 && (zArg[0] == '\'' || zArg[0] == '"') && zArg[n - 1] == zArg[0]) {
    zArg++;
    n -= 2;
  }
  const char *zHome = getenv("HOME");
  char *z;
  if (n >= 1 && zArg[0] == '~' && (n == 1 || zArg[1] == '/') && zHome) {
    size_t nHome = strlen(zHome);
    z = malloc(nHome + n + 1);
    if (z == NULL) abort();
    memcpy(z, zHome, nHome);
    memcpy(z + nHome, zArg + 1, n - 1);
    z[nHome + n - 1] = 0;
  } else {
    z = strndup(zArg, n);
    if (z == NULL) abort();
  }
  return z;
}

/* With --connect, a command that works on the local database only says
** so and fails (true); without, returns false. */
static bool metaLocalOnly(Shell *s, const MetaWhere *pWhere, const char *zCmd, const char *zInstead) {
  if (s->pRemote == NULL) return false;
  metaError(pWhere, ":%s works on a database of this shell's own (tangle [PATH]); with --connect the graph is "
                    "the server's.%s%s", zCmd, zInstead ? " " : "", zInstead ? zInstead : "");
  return true;
}

/* Prints a heading for a section of :schema output. */
static void metaHeading(Shell *s, const char *zTitle, int64_t n) {
  if (s->fmt.bColor) printf("\033[1m%s\033[0m", zTitle);
  else fputs(zTitle, stdout);
  if (n >= 0) printf(" (%lld)", (long long)n);
  fputc('\n', stdout);
}

/* Runs zQuery quietly (no summaries, no :explain), writing its rows. */
static int metaRunQuiet(Shell *s, const char *zQuery) {
  bool bQuiet = s->bQuiet;
  s->bQuiet = true;
  int nFail = shell_run(s, zQuery, NULL, 1);
  s->bQuiet = bQuiet;
  return nFail;
}

/* ---- Handlers ------------------------------------------------------------------ */

/* :help [TOPIC] */
static int metaHelp(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  const char *zB = s->fmt.bColor ? "\033[1m" : "", *zOff = s->fmt.bColor ? "\033[0m" : "";
  if (*zArg == 0) {
    printf("%sCommands%s (at the start of a line; also in scripts and piped input):\n", zB, zOff);
    for (int i = 0; i < meta_command_count; i++) {
      const MetaCommand *p = &meta_commands[i];
      char zHead[64];
      snprintf(zHead, sizeof(zHead), ":%s %s", p->zName, p->zUsage);
      printf("  %-22s %s\n", zHead, p->zSummary);
    }
    printf("\n%sStatements%s are Cypher and end with ';'; they may span several lines.\n", zB, zOff);
    printf("%sKeys%s: Tab completes, Up/Down recall history, Ctrl-C cancels the running\n"
           "statement or clears the line, Ctrl-D leaves.\n", zB, zOff);
    printf("More: :help COMMAND, :help keys. Try: MATCH (p:Person) RETURN p.name LIMIT 5;\n");
    return META_OK;
  }
  const char *zTopic = zArg[0] == ':' ? zArg + 1 : zArg;
  const MetaCommand *p = meta_find(zTopic);
  if (p) {
    printf("%s:%s%s%s%s\n  %s\n\n%s\n", zB, p->zName, *p->zUsage ? " " : "", p->zUsage, zOff, p->zSummary,
           p->zHelp);
    if (p->azAlias[0]) {
      printf("Also written:");
      for (int k = 0; p->azAlias[k]; k++) printf(" :%s", p->azAlias[k]);
      printf("\n");
    }
    return META_OK;
  }
  for (int i = 0; i < meta_topic_count; i++) {
    if (strcasecmp(meta_topics[i].zName, zTopic) == 0) {
      printf("%s%s%s — %s\n\n%s\n", zB, meta_topics[i].zName, zOff, meta_topics[i].zSummary,
             meta_topics[i].zHelp);
      return META_OK;
    }
  }
  const char *zNear = metaNearest(zTopic, true);
  if (zNear) metaError(pWhere, "No help on '%s'; did you mean :help %s?", zTopic, zNear);
  else metaError(pWhere, "No help on '%s'. Type :help for the list of commands.", zTopic);
  return META_FAIL;
}

/* :schema */
static int metaSchema(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (*zArg) {
    metaError(pWhere, ":schema takes no argument.");
    return META_FAIL;
  }
  static const struct {
    const char *zTitle;    /* heading */
    const char *zCount;    /* how many rows the section has */
    const char *zQuery;    /* the rows */
  } aSection[] = {
      {"Labels", "CALL db.labels() YIELD label RETURN count(*)",
       "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS nodes ORDER BY label"},
      {"Relationship types", "CALL db.relationshipTypes() YIELD relationshipType RETURN count(*)",
       "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS relationships ORDER BY type"},
      {"Property keys", "CALL db.propertyKeys() YIELD propertyKey RETURN count(*)",
       "OPTIONAL MATCH (n) WITH collect(n) AS ns "
       "OPTIONAL MATCH ()-[r]->() WITH ns, collect(r) AS rs "
       "UNWIND [x IN ns | [x, 1]] + [x IN rs | [x, 0]] AS pair "
       "UNWIND keys(pair[0]) AS key "
       "RETURN key, sum(pair[1]) AS nodes, sum(1 - pair[1]) AS relationships ORDER BY key"},
      {"Indexes and constraints", "CALL db.indexes() YIELD name RETURN count(*)",
       "CALL db.indexes() YIELD name, label, property, type "
       "RETURN name, label, property, type ORDER BY label, property, type"},
  };
  int nFail = 0;
  int64_t nNode, nRel;
  shell_graph_counts(s, &nNode, &nRel);
  printf("Graph: %lld nodes, %lld relationships\n", (long long)nNode, (long long)nRel);
  for (size_t i = 0; i < sizeof(aSection) / sizeof(aSection[0]) && !shell_interrupted; i++) {
    int64_t n = shell_query_int(s, aSection[i].zCount);
    metaHeading(s, aSection[i].zTitle, n);
    if (n == 0) {
      printf("  (none)\n");
      continue;
    }
    nFail += metaRunQuiet(s, aSection[i].zQuery);
  }
  fflush(stdout);
  return nFail ? META_FAIL : META_OK;
}

/* Is c a character of an unquoted parameter name? */
static bool metaNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (unsigned char)c >= 0x80;
}

/* Prints one parameter as "$name => literal". */
static void metaPrintParam(Shell *s, const ShellParam *p) {
  char *z = tg_value_format(s->pDb, p->pVal);
  printf("$%s => %s\n", p->zName, z ? z : "?");
  tg_free(z);
}

/* Evaluates the value at z, a place in zArg (the command's argument), with
** errors placed in the command's own line. */
static tg_value *metaEvalArg(Shell *s, const char *zArg, const char *z, const MetaWhere *pWhere) {
  return shell_eval_value(s, pWhere->zLine, pWhere->iArg + (size_t)(z - zArg), pWhere->zFile,
                          pWhere->iLine > 0 ? pWhere->iLine : 1);
}

/* Confirms a parameter just set, at a terminal: "$name => literal" on
** stderr (a report of what was done, not output that was asked for). */
static void metaEchoParam(Shell *s, const char *zName, const tg_value *pVal) {
  char *zLit = tg_value_format(s->pDb, pVal);
  fprintf(stderr, "$%s => %s\n", zName, zLit ? zLit : "?");
  tg_free(zLit);
}

/* :param NAME => VALUE, :param {map}, :param NAME, :param */
static int metaParam(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (*zArg == 0) return metaParams(s, zArg, pWhere);
  if (*zArg == '{') {
    tg_value *pMap = metaEvalArg(s, zArg, zArg, pWhere);
    if (pMap == NULL) return META_FAIL;
    if (tg_value_type(pMap) != TG_MAP) {
      metaError(pWhere, ":param {...} needs a map, such as {name: 'X', limit: 5}.");
      tg_value_free(pMap);
      return META_FAIL;
    }
    for (int i = 0; i < tg_value_size(pMap); i++) {
      tg_value *pItem = tg_value_dup(tg_value_item(pMap, i));
      if (pItem == NULL) continue;
      shell_set_param_value(s, tg_value_key(pMap, i), pItem);
      if (s->bInteractive) metaEchoParam(s, tg_value_key(pMap, i), pItem);
    }
    tg_value_free(pMap);
    return META_OK;
  }
  const char *z = zArg;
  if (*z == '$') z++;
  char *zName;
  if (*z == '`') {
    const char *zEnd = strchr(z + 1, '`');
    if (zEnd == NULL) {
      metaError(pWhere, "The parameter name lacks its closing '`'.");
      return META_FAIL;
    }
    zName = strndup(z + 1, (size_t)(zEnd - z - 1));
    z = zEnd + 1;
  } else {
    const char *zStart = z;
    while (metaNameChar(*z)) z++;
    zName = strndup(zStart, (size_t)(z - zStart));
  }
  if (zName == NULL) abort();
  while (*z == ' ' || *z == '\t') z++;
  int rc = META_OK;
  if (zName[0] == 0) {
    metaError(pWhere, "Usage: :param NAME => VALUE (for example :param name => 'Elon Musk').");
    rc = META_FAIL;
  } else if (*z == 0) {
    /* Show one parameter. */
    int i;
    for (i = 0; i < s->nParam && strcmp(s->aParam[i].zName, zName) != 0; i++) {}
    if (i < s->nParam) {
      metaPrintParam(s, &s->aParam[i]);
    } else {
      metaError(pWhere, "$%s is not set. Set it with :param %s => VALUE.", zName, zName);
      rc = META_FAIL;
    }
  } else {
    if (z[0] == '=' && z[1] == '>') z += 2;
    else if (*z == '=' || *z == ':') z++;
    else {
      metaError(pWhere, "Usage: :param NAME => VALUE (for example :param name => 'Elon Musk').");
      free(zName);
      return META_FAIL;
    }
    while (*z == ' ' || *z == '\t') z++;
    if (*z == 0) {
      metaError(pWhere, "Usage: :param NAME => VALUE; the value is missing.");
      rc = META_FAIL;
    } else {
      tg_value *pVal = metaEvalArg(s, zArg, z, pWhere);
      if (pVal == NULL) {
        rc = META_FAIL;
      } else {
        shell_set_param_value(s, zName, pVal);
        if (s->bInteractive) metaEchoParam(s, zName, pVal);
      }
    }
  }
  free(zName);
  return rc;
}

/* :params [clear] */
static int metaParams(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (strcmp(zArg, "clear") == 0) {
    shell_clear_params(s);
    if (s->bInteractive) fprintf(stderr, "Parameters cleared.\n");
    return META_OK;
  }
  if (*zArg) {
    metaError(pWhere, "Usage: :params [clear]");
    return META_FAIL;
  }
  if (s->nParam == 0 && s->bInteractive) {
    fprintf(stderr, "No parameters. Set one with :param NAME => VALUE.\n");
  }
  for (int i = 0; i < s->nParam; i++) metaPrintParam(s, &s->aParam[i]);
  return META_OK;
}

/* :format [NAME] */
static int metaFormat(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (*zArg == 0) {
    printf("%s\n", format_kind_name(s->fmt.eKind));
    return META_OK;
  }
  FormatKind e;
  if (!format_parse_kind(zArg, &e)) {
    metaError(pWhere, "Unknown format '%s'. Choose table, csv, tsv, json or markdown.", zArg);
    return META_FAIL;
  }
  s->fmt.eKind = e;
  if (s->bInteractive) fprintf(stderr, "Results are now written as %s.\n", format_kind_name(e));
  return META_OK;
}

/* Sets *pb from an on/off argument, reporting a bad one. */
static bool metaSetFlag(const char *zCmd, const char *zArg, bool *pb, const MetaWhere *pWhere) {
  int v = metaOnOff(zArg, *pb);
  if (v < 0) {
    metaError(pWhere, "Usage: :%s [on|off]", zCmd);
    return false;
  }
  *pb = v == 1;
  return true;
}

/* :timing [on|off] */
static int metaTiming(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (!metaSetFlag("timing", zArg, &s->bTiming, pWhere)) return META_FAIL;
  if (s->bInteractive) fprintf(stderr, "Timing is %s.\n", s->bTiming ? "on" : "off");
  return META_OK;
}

/* A limit setting shown and set by a command (:timeout, :max-memory): with
** no argument it prints the setting, else parses, sets and confirms it. */
typedef struct MetaLimit {
  const char *zSetting;                            /* tg_config name */
  bool (*xParse)(const char *, int64_t *);
  void (*xFormat)(int64_t, char *, size_t);
  const char *zUsage;                              /* the error for a bad argument */
  const char *zConfirm;                            /* "<zConfirm>: <value>." on a terminal */
} MetaLimit;

static int metaLimit(Shell *s, const char *zArg, const MetaWhere *pWhere, const MetaLimit *pL) {
  char zShow[40];
  if (*zArg == 0) {
    pL->xFormat(tg_config_get(s->pDb, pL->zSetting), zShow, sizeof(zShow));
    printf("%s\n", zShow);
    return META_OK;
  }
  int64_t n;
  if (!pL->xParse(zArg, &n)) {
    metaError(pWhere, "%s", pL->zUsage);
    return META_FAIL;
  }
  tg_config_set(s->pDb, pL->zSetting, n);
  pL->xFormat(n, zShow, sizeof(zShow));
  if (s->bInteractive) fprintf(stderr, "%s: %s.\n", pL->zConfirm, zShow);
  return META_OK;
}

/* :timeout [DURATION] */
static int metaTimeout(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  static const MetaLimit limit = {"timeout", shell_parse_duration, shell_format_duration,
                                  "Usage: :timeout [DURATION], such as 500ms, 2s, 1m, or 0 for none.",
                                  "Statement time limit"};
  return metaLimit(s, zArg, pWhere, &limit);
}

/* :max-memory [SIZE] */
static int metaMaxMemory(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (metaLocalOnly(s, pWhere, "max-memory", "The server's limit is tangle serve --max-memory.")) return META_FAIL;
  static const MetaLimit limit = {"max_memory", shell_parse_size, shell_format_size,
                                  "Usage: :max-memory [SIZE], such as 512MB, 2GB, or 0 for none.",
                                  "Statement memory limit"};
  return metaLimit(s, zArg, pWhere, &limit);
}

/* :threads [N] */
static int metaThreads(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (metaLocalOnly(s, pWhere, "threads", NULL)) return META_FAIL;
  if (*zArg == 0) {
    int64_t n = tg_config_get(s->pDb, "threads");
    if (n == 0) printf("0 (one per core: %ld)\n", sysconf(_SC_NPROCESSORS_ONLN));
    else printf("%lld\n", (long long)n);
    return META_OK;
  }
  char *zEnd = NULL;
  long n = strtol(zArg, &zEnd, 10);
  if (zEnd == zArg || *zEnd != 0 || n < 0 || n > 1024) {
    metaError(pWhere, "Usage: :threads [N], N from 0 (one per core) to 1024.");
    return META_FAIL;
  }
  tg_config_set(s->pDb, "threads", n);
  if (s->bInteractive && n == 0) fprintf(stderr, "Counting queries now use one worker per core.\n");
  else if (s->bInteractive) fprintf(stderr, "Counting queries now use at most %ld worker%s.\n", n, n == 1 ? "" : "s");
  return META_OK;
}

/* :explain [on|off] */
static int metaExplain(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (!metaSetFlag("explain", zArg, &s->bExplainAll, pWhere)) return META_FAIL;
  if (s->bExplainAll) s->bProfileAll = false;
  if (s->bInteractive) {
    fprintf(stderr, s->bExplainAll ? "Statements now show their plan and do not run (:explain off to run them).\n"
                                   : "Explain is off: statements run.\n");
  }
  return META_OK;
}

/* :profile [on|off] */
static int metaProfile(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (!metaSetFlag("profile", zArg, &s->bProfileAll, pWhere)) return META_FAIL;
  if (s->bProfileAll) s->bExplainAll = false;
  if (s->bInteractive) {
    fprintf(stderr, s->bProfileAll ? "Statements now run with PROFILE: rows, then the plan with rows and time per operator.\n"
                                   : "Profile is off.\n");
  }
  return META_OK;
}

/* Growable list of entity ids, for counting distinct ones. */
typedef struct MetaIds {
  int64_t *a;
  int n, nAlloc;
} MetaIds;

static void metaIdsAdd(MetaIds *p, int64_t id) {
  if (p->n == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 64;
    p->a = realloc(p->a, sizeof(int64_t) * (size_t)p->nAlloc);
    if (p->a == NULL) abort();
  }
  p->a[p->n++] = id;
}

static int metaIdCmp(const void *pA, const void *pB) {
  int64_t a = *(const int64_t *)pA, b = *(const int64_t *)pB;
  return a < b ? -1 : a > b;
}

/* Sorts the ids and returns how many distinct ones there are. */
static int metaIdsDistinct(MetaIds *p) {
  if (p->n == 0) return 0;
  if (p->n > 1) qsort(p->a, (size_t)p->n, sizeof(int64_t), metaIdCmp);
  int n = 1;
  for (int i = 1; i < p->n; i++) n += p->a[i] != p->a[i - 1];
  return n;
}

/* Collects the node and relationship ids in v (lists and paths walked). */
static void metaCollectIds(const tg_value *v, MetaIds *pNodes, MetaIds *pRels) {
  switch (tg_value_type(v)) {
    case TG_NODE: metaIdsAdd(pNodes, tg_value_id(v)); break;
    case TG_RELATIONSHIP: metaIdsAdd(pRels, tg_value_id(v)); break;
    case TG_PATH:
    case TG_LIST:
      for (int i = 0; i < tg_value_size(v); i++) metaCollectIds(tg_value_item(v, i), pNodes, pRels);
      break;
    default: break;
  }
}

/* :render [FILE] */
static int metaRender(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (metaLocalOnly(s, pWhere, "render",
                    "End a query with RENDER instead: MATCH p = (:Person)-[:OWNS]->() RENDER p;")) {
    return META_FAIL;
  }
  if (s->nLast == 0) {
    metaError(pWhere, "Nothing to draw: the last result holds no nodes, relationships or paths.\n"
                      "Run a query that returns some, e.g. MATCH p=(:Person)-[:OWNS]->() RETURN p;");
    return META_FAIL;
  }
  char *zFile;
  if (*zArg) {
    zFile = metaPath(zArg);
  } else {
    /* A fresh file in the temporary directory, never overwriting one. */
    const char *zDir = getenv("TMPDIR");
    if (zDir == NULL || *zDir == 0) zDir = "/tmp";
    size_t n = strlen(zDir) + 40;
    zFile = malloc(n);
    if (zFile == NULL) abort();
    snprintf(zFile, n, "%s/tangle-render-XXXXXX.svg", zDir);
    int fd = mkstemps(zFile, 4);
    if (fd < 0) {
      metaError(pWhere, "IOError: cannot create a file in %s: %s", zDir, strerror(errno));
      free(zFile);
      return META_FAIL;
    }
    close(fd);
  }
  tg_render_opts opts;
  memset(&opts, 0, sizeof(opts));
  opts.zFile = zFile;
  int rc = tg_render(s->pDb, (const tg_value *const *)s->apLast, s->nLast, &opts, NULL, NULL);
  if (rc != TG_OK) {
    const char *zMsg = tg_errmsg(s->pDb);
    if (tg_errcode(s->pDb)) {
      metaError(pWhere, "%s: cannot render to %s: %s", tg_errkind(s->pDb), zFile, zMsg);
    } else {
      metaError(pWhere, "Cannot render to %s: rendering is not available in this build.", zFile);
    }
    if (*zArg == 0) unlink(zFile);
    free(zFile);
    return META_FAIL;
  }
  char zAbs[PATH_MAX];
  const char *zShow = realpath(zFile, zAbs) ? zAbs : zFile;
  MetaIds nodes = {0}, rels = {0};
  for (int i = 0; i < s->nLast; i++) metaCollectIds(s->apLast[i], &nodes, &rels);
  int nNode = metaIdsDistinct(&nodes), nRel = metaIdsDistinct(&rels);
  fprintf(stderr, "Drew %d node%s and %d relationship%s to %s\n", nNode, nNode == 1 ? "" : "s", nRel,
          nRel == 1 ? "" : "s", zShow);
  free(nodes.a);
  free(rels.a);
  free(zFile);
  return META_OK;
}

/* :read FILE */
static int metaRead(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (*zArg == 0) {
    metaError(pWhere, "Usage: :read FILE");
    return META_FAIL;
  }
  if (s->nReadDepth >= 16) {
    metaError(pWhere, ":read is nested too deeply (16 files); is a file reading itself?");
    return META_FAIL;
  }
  char *zPath = metaPath(zArg);
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) {
    metaError(pWhere, "IOError: cannot open %s: %s", zPath, strerror(errno));
    free(zPath);
    return META_FAIL;
  }
  s->nReadDepth++;
  unsigned iGen = s->iDataGen;
  int nFail = shell_run_stream(s, f, zPath);
  if (iGen == s->iDataGen) s->iDataGen++;   /* a script may have changed anything */
  s->nReadDepth--;
  fclose(f);
  free(zPath);
  return nFail ? META_FAIL : META_OK;
}

/* :export-csv DIR. */
static int metaExportCsv(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (metaLocalOnly(s, pWhere, "export-csv", NULL)) return META_FAIL;
  if (*zArg == 0) {
    metaError(pWhere, ":export-csv needs a folder: :export-csv DIR");
    return META_FAIL;
  }
  return shell_export_csv(s, zArg) ? META_FAIL : META_OK;
}

/* :dump [FILE]. The script goes to FILE.tmp, renamed over FILE once
** whole, so a dump that fails leaves FILE as it was. */
static int metaDump(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  if (metaLocalOnly(s, pWhere, "dump", NULL)) return META_FAIL;
  if (*zArg == 0) return shell_dump(s, stdout) ? META_FAIL : META_OK;
  size_t nPath = strlen(zArg) + 5;
  char *zTmp = malloc(nPath);
  if (zTmp == NULL) abort();
  snprintf(zTmp, nPath, "%s.tmp", zArg);
  FILE *f = fopen(zTmp, "w");
  if (f == NULL) {
    metaError(pWhere, "IOError: cannot write %s: %s", zTmp, strerror(errno));
    free(zTmp);
    return META_FAIL;
  }
  int rc = shell_dump(s, f);
  if (fclose(f) != 0 && rc == 0) {
    metaError(pWhere, "IOError: cannot write %s: %s", zTmp, strerror(errno));
    rc = 1;
  }
  if (rc == 0 && rename(zTmp, zArg) != 0) {
    metaError(pWhere, "IOError: cannot write %s: %s", zArg, strerror(errno));
    rc = 1;
  }
  if (rc != 0) unlink(zTmp);
  free(zTmp);
  if (rc == 0 && s->bInteractive) {
    fprintf(stderr, "Wrote %s: %lld nodes, %lld relationships.\n", zArg,
            (long long)tg_node_count(s->pDb), (long long)tg_relationship_count(s->pDb));
  }
  return rc ? META_FAIL : META_OK;
}

/* :begin, :commit and :rollback run the statements of the same names. */
static int metaTxn(Shell *s, const char *zStatement) {
  return metaRunQuiet(s, zStatement) ? META_FAIL : META_OK;
}
static int metaBegin(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  (void)zArg;
  (void)pWhere;
  return metaTxn(s, "BEGIN");
}
static int metaCommit(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  (void)zArg;
  (void)pWhere;
  return metaTxn(s, "COMMIT");
}
static int metaRollback(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  (void)zArg;
  (void)pWhere;
  return metaTxn(s, "ROLLBACK");
}

/* :checkpoint runs CALL db.checkpoint(). */
static int metaCheckpoint(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  (void)zArg;
  (void)pWhere;
  return metaTxn(s, "CALL db.checkpoint()");
}

/* :quit */
static int metaQuit(Shell *s, const char *zArg, const MetaWhere *pWhere) {
  (void)zArg;
  (void)pWhere;
  s->bQuit = true;
  return META_OK;
}
