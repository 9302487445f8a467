/*
** remote.c — the shell against a Bolt server (see remote.h).
**
** One statement at a time: split off the text, sent, its rows read in
** batches and written through the format writers by way of the local
** formatting statement, then a summary from the server's counters. The
** output rules are shell.c's: rows on stdout, everything else on stderr.
**
** Two things differ from a local database, as they do for every Bolt
** client: a statement that fails inside an explicit transaction ends the
** transaction (the server rolls it back when the client sends RESET), and
** Ctrl-C cannot stop a statement the server is running; it stops the
** output, and the statement's rows are dropped when they come.
*/
#include "remote.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "server/auth.h"
#include "server/bolt_client.h"

struct Remote {
  BoltClient *pClient;     /* NULL after a failed reconnect */
  BoltClientConfig cfg;    /* how to connect again after the connection was lost */
  char *zUri;              /* as given */
  char *zUser;             /* or NULL */
  char zPassword[AUTH_PASSWORD_MAX + 1];
  char zDesc[800];         /* remote_describe() */
};

/* Transaction-control statements, as stmt.c reads them. */
enum { TXN_NONE, TXN_BEGIN, TXN_COMMIT, TXN_ROLLBACK };

static double remoteNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- Connecting -------------------------------------------------------------------- */

/* Fills p->zDesc from the connection. */
static void remoteDescribe(Remote *p) {
  int major, minor;
  bolt_client_version(p->pClient, &major, &minor);
  snprintf(p->zDesc, sizeof(p->zDesc), "%s%s%s (%s, Bolt %d.%d)", p->zUri, p->zUser ? " as " : "",
           p->zUser ? p->zUser : "", bolt_client_agent(p->pClient), major, minor);
}

int remote_open(const char *zUri, const char *zUser, const char *zPassword, Remote **ppRemote) {
  *ppRemote = NULL;
  BoltUri uri;
  char zErr[400];
  if (!bolt_uri_parse(zUri, &uri, zErr, sizeof(zErr))) {
    fprintf(stderr, "tangle: --connect: %s\n", zErr);
    return 2;
  }
  Remote *p = calloc(1, sizeof(Remote));
  if (p == NULL) abort();
  p->zUri = strdup(zUri);
  p->zUser = zUser ? strdup(zUser) : NULL;
  if (p->zUri == NULL || (zUser && p->zUser == NULL)) abort();
  if (zUser) {
    const char *zEnv = getenv("TANGLE_PASSWORD");
    if (zPassword == NULL) zPassword = zEnv;
    if (zPassword) {
      snprintf(p->zPassword, sizeof(p->zPassword), "%s", zPassword);
    } else if (isatty(STDIN_FILENO)) {
      char zPrompt[400];
      snprintf(zPrompt, sizeof(zPrompt), "Password for %.64s at %.300s: ", zUser, uri.zHostPort);
      size_t n = 0;
      AuthError err;
      if (auth_read_password(zPrompt, false, p->zPassword, &n, &err) != AUTH_OK) {
        fprintf(stderr, "tangle: --connect: %s\n", err.zMsg);
        remote_close(p);
        return 2;
      }
    } else {
      fprintf(stderr, "tangle: --connect -u %s needs a password: -p PASSWORD, $TANGLE_PASSWORD, or a terminal to\n"
                      "ask it at (standard input is not one)\n", zUser);
      remote_close(p);
      return 2;
    }
  }
  p->cfg.zUri = p->zUri;
  p->cfg.zUser = p->zUser;
  p->cfg.zPassword = p->zPassword;
  p->cfg.zUserAgent = "tangle/" TG_VERSION_STRING;
  p->cfg.pStop = &shell_interrupted;
  BoltError err;
  if (bolt_client_open(&p->cfg, &p->pClient, &err) != BOLT_OK) {
    if (err.eKind == BOLT_ERR_SERVER) {
      fprintf(stderr, "tangle: %s refused the login%s%s: %s: %s%s\n", uri.zHostPort, zUser ? " of " : "",
              zUser ? zUser : " without a user", err.zCode, err.zMessage, zUser ? "" : " (log in with -u USER)");
    } else {
      fprintf(stderr, "tangle: %s\n", err.zMessage);
    }
    remote_close(p);
    return 1;
  }
  remoteDescribe(p);
  *ppRemote = p;
  return 0;
}

void remote_close(Remote *p) {
  if (p == NULL) return;
  bolt_client_close(p->pClient);
  explicit_bzero(p->zPassword, sizeof(p->zPassword));
  free(p->zUri);
  free(p->zUser);
  free(p);
}

const char *remote_describe(Remote *p) { return p->zDesc; }

bool remote_in_transaction(Remote *p) { return p->pClient && bolt_client_in_transaction(p->pClient); }

/* Connects again when the connection was lost (the server restarted, a
** broken reply), saying so. False, with the reason printed, when it
** cannot. */
static bool remoteEnsureConnected(Shell *s) {
  Remote *p = s->pRemote;
  if (p->pClient && bolt_client_usable(p->pClient)) return true;
  bolt_client_close(p->pClient);
  p->pClient = NULL;
  BoltError err;
  if (bolt_client_open(&p->cfg, &p->pClient, &err) != BOLT_OK) {
    fprintf(stderr, "ConnectionError: %s%s%s\n", err.zCode, err.zCode[0] ? ": " : "", err.zMessage);
    return false;
  }
  if (s->bInteractive) fprintf(stderr, "Reconnected to %s.\n", p->zUri);
  return true;
}

/* ---- Errors -------------------------------------------------------------------------- */

/* Prints a failed request: the server's status code and message (or what
** happened to the connection), where the statement came from, and whether
** the transaction it was in is gone. */
static void remotePrintError(Shell *s, const BoltError *e, const char *zFile, int iLine) {
  const char *zRed = s->bColorErr ? "\033[1;31m" : "", *zOff = s->bColorErr ? "\033[0m" : "";
  const char *zKind = e->eKind == BOLT_ERR_SERVER       ? e->zCode
                      : e->eKind == BOLT_ERR_CONNECTION ? "ConnectionError"
                      : e->eKind == BOLT_ERR_PROTOCOL   ? "ProtocolError"
                                                        : "Interrupted";
  fflush(stdout);
  fprintf(stderr, "%s%s%s: ", zRed, zKind, zOff);
  if (zFile) fprintf(stderr, "%s, statement at line %d: ", zFile, iLine);
  fprintf(stderr, "%s\n", e->zMessage);
  if (e->bTxEnded) {
    fputs(e->eKind == BOLT_ERR_SERVER
              ? "The transaction was rolled back: the server ends a transaction when one of its statements fails.\n"
              : "The transaction was lost with the connection: the server rolls it back.\n",
          stderr);
  }
}

/* ---- Statements ------------------------------------------------------------------------ */

/* Is c part of a name (so a keyword does not end there)? */
static bool remoteNameChar(char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (unsigned char)c >= 0x80;
}

/* Skips spaces; then, when the word zWord (any case) is there, past it. */
static bool remoteWord(const char **pz, const char *zWord) {
  const char *z = *pz + strspn(*pz, " \t\r\n");
  size_t n = strlen(zWord);
  if (strncasecmp(z, zWord, n) != 0 || remoteNameChar(z[n])) return false;
  *pz = z + n;
  return true;
}

/* BEGIN, START TRANSACTION, COMMIT or ROLLBACK (each maybe followed by
** TRANSACTION), alone in the statement: TXN_*, else TXN_NONE. */
static int remoteTxnStatement(const char *z) {
  int eTxn = TXN_NONE;
  if (remoteWord(&z, "BEGIN")) eTxn = TXN_BEGIN;
  else if (remoteWord(&z, "COMMIT")) eTxn = TXN_COMMIT;
  else if (remoteWord(&z, "ROLLBACK")) eTxn = TXN_ROLLBACK;
  else if (remoteWord(&z, "START")) {
    if (!remoteWord(&z, "TRANSACTION")) return TXN_NONE;
    eTxn = TXN_BEGIN;
  }
  if (eTxn == TXN_NONE) return TXN_NONE;
  remoteWord(&z, "TRANSACTION");
  return z[strspn(z, " \t\r\n")] == 0 ? eTxn : TXN_NONE;
}

/* BEGIN, COMMIT or ROLLBACK as Bolt requests. */
static int remoteTxn(Shell *s, int eTxn, const char *zFile, int iLine, double t0) {
  BoltClient *c = s->pRemote->pClient;
  static const char *const azName[] = {"", "BEGIN", "COMMIT", "ROLLBACK"};
  bool bOpen = bolt_client_in_transaction(c);
  if (eTxn == TXN_BEGIN && bOpen) {
    fprintf(stderr, "SemanticError: a transaction is already open; COMMIT or ROLLBACK it first\n");
    return 1;
  }
  if (eTxn != TXN_BEGIN && !bOpen) {
    fprintf(stderr, "SemanticError: %s: no transaction is open (BEGIN starts one)\n", azName[eTxn]);
    return 1;
  }
  BoltError err;
  int rc = eTxn == TXN_BEGIN    ? bolt_client_begin(c, tg_config_get(s->pDb, "timeout"), &err)
           : eTxn == TXN_COMMIT ? bolt_client_commit(c, &err)
                                : bolt_client_rollback(c, &err);
  if (eTxn != TXN_BEGIN) s->iDataGen++;
  if (rc != BOLT_OK) {
    remotePrintError(s, &err, zFile, iLine);
    return 1;
  }
  if (!s->bQuiet) {
    tg_changes none;
    memset(&none, 0, sizeof(none));
    shell_print_summary(s, 0, 0, &none, NULL, remoteNowMs() - t0);
  }
  return 0;
}

/* Does zStmt end in RENDER, so that its one column "render" is a
** drawing to write as it is? Asked of the local engine, which parses
** Tangle's Cypher; text it cannot parse is not a RENDER. */
static bool remoteIsRender(Shell *s, const char *zStmt) {
  if (strcasestr(zStmt, "render") == NULL) return false;
  tg_stmt *pStmt = NULL;
  bool bRender = tg_prepare(s->pDb, zStmt, -1, &pStmt, NULL) == TG_OK && pStmt && tg_stmt_is_render(pStmt);
  tg_finalize(pStmt);
  return bRender;
}

/* The local statement that formats the rows of the open result:
** RETURN $c0 AS `name0`, $c1 AS `name1`, ... NULL, with the reason
** printed, when the column names cannot be used. */
static tg_stmt *remoteFormatStmt(Shell *s, BoltClient *c) {
  int nCol = bolt_client_column_count(c);
  size_t nText = 16;
  for (int i = 0; i < nCol; i++) nText += 2 * strlen(bolt_client_column_name(c, i)) + 24;
  char *zText = malloc(nText);
  if (zText == NULL) abort();
  size_t k = (size_t)snprintf(zText, nText, "RETURN ");
  for (int i = 0; i < nCol; i++) {
    k += (size_t)snprintf(zText + k, nText - k, "%s$c%d AS `", i ? ", " : "", i);
    for (const char *z = bolt_client_column_name(c, i); *z; z++) {
      if (*z == '`') zText[k++] = '`';
      zText[k++] = *z;
    }
    zText[k++] = '`';
  }
  zText[k] = 0;
  tg_stmt *pStmt = NULL;
  if (tg_prepare(s->pDb, zText, -1, &pStmt, NULL) != TG_OK || pStmt == NULL) {
    fprintf(stderr, "ProtocolError: the result's columns cannot be shown: %s\n", tg_errmsg(s->pDb));
    tg_finalize(pStmt);
    pStmt = NULL;
  }
  free(zText);
  return pStmt;
}

/* Writes the rows of the result RUN just opened, then its summary.
** Returns 0 or 1, as shell.c's runner does. */
static int remoteResult(Shell *s, const char *zStmt, const char *zFile, int iLine, double t0) {
  BoltClient *c = s->pRemote->pClient;
  int nCol = bolt_client_column_count(c);
  bool bRaw = nCol == 1 && strcmp(bolt_client_column_name(c, 0), "render") == 0 && remoteIsRender(s, zStmt);
  tg_stmt *pFmt = NULL;
  BoltError err;
  if (nCol > 0 && !bRaw && (pFmt = remoteFormatStmt(s, c)) == NULL) {
    bolt_client_discard(c, &err);
    return 1;
  }
  shell_update_width(s);
  FormatWriter *w = NULL;
  FormatOptions fmt = s->fmt;
  fmt.pStop = &shell_interrupted;
  BoltShow eShow = s->fmt.eKind == FORMAT_JSON ? BOLT_SHOW_MAP : BOLT_SHOW_TEXT;
  char zDrawing[4200] = "";
  const tg_value *aRow = NULL;
  bool bStopped = false, bLocalError = false;
  int rc;
  while ((rc = bolt_client_next(c, eShow, &aRow, &err)) == BOLT_ROW) {
    if (shell_interrupted) {
      bStopped = true;
      break;
    }
    if (bRaw) {
      int n = 0;
      const char *z = tg_value_text(&aRow[0], &n);
      if (z) shell_write_drawing(s, z, (size_t)n, zDrawing, sizeof(zDrawing));
      continue;
    }
    if (pFmt == NULL) continue;
    tg_reset(pFmt);
    for (int i = 0; i < nCol; i++) {
      char zName[24];
      snprintf(zName, sizeof(zName), "c%d", i);
      tg_bind_value(pFmt, zName, &aRow[i]);
    }
    if (tg_step(pFmt) != TG_ROW) {
      bLocalError = true;
      break;
    }
    if (w == NULL) w = format_begin(stdout, &fmt, pFmt);
    format_row(w, pFmt);
  }
  if (rc == BOLT_ERROR && err.eKind == BOLT_ERR_INTERRUPTED) bStopped = true;
  if (bStopped || bLocalError) {
    BoltError errDiscard;
    if (bolt_client_discard(c, &errDiscard) != BOLT_OK) {
      err = errDiscard;
      rc = BOLT_ERROR;
      bStopped = false;
    }
  }
  bool bFailed = (rc == BOLT_ERROR && !bStopped) || bLocalError;
  if (pFmt && w == NULL && !bFailed && !bStopped) w = format_begin(stdout, &fmt, pFmt);
  long nHidden = 0, nRow = 0;
  if (bFailed || bStopped || shell_interrupted) {
    format_discard(w);
    w = NULL;
  }
  if (w) nRow = format_end(w, &nHidden);
  double ms = remoteNowMs() - t0;
  fflush(stdout);
  const BoltSummary *pSum = bolt_client_summary(c);
  bool bWrote = strchr(pSum->zType, 'w') != NULL || strchr(pSum->zType, 's') != NULL;
  if (bLocalError) {
    fprintf(stderr, "%s: a row cannot be shown: %s\n", tg_errkind(s->pDb), tg_errmsg(s->pDb));
  } else if (bFailed) {
    remotePrintError(s, &err, zFile, iLine);
  }
  tg_finalize(pFmt);
  if (bFailed) {
    s->iDataGen++;   /* the transaction may be gone */
    return 1;
  }
  if (bWrote) s->iDataGen++;
  if (bStopped || shell_interrupted) {
    if (s->bInteractive) fputc('\n', stderr);
    fprintf(stderr, "Interrupted: output stopped%s\n", bWrote ? "; the statement had already run and its changes were kept" : "");
    return 1;
  }
  if (nHidden > 0) fprintf(stderr, "(%ld more row%s not shown)\n", nHidden, nHidden == 1 ? "" : "s");
  if (s->bQuiet) return 0;
  for (int i = 0; i < pSum->nNotification; i++) {
    shell_print_notification(strstr(pSum->azNoteCode[i], "Warning") != NULL, pSum->azNoteDescription[i],
                             pSum->azNoteCode[i]);
  }
  shell_print_summary(s, nCol, nRow, &pSum->changes, bRaw ? zDrawing : NULL, ms);
  return 0;
}

/* Runs one statement (its text without the ';'); iLine is where it
** starts in zFile. */
static int remoteStatement(Shell *s, const char *zStmt, const char *zFile, int iLine) {
  double t0 = remoteNowMs();
  if (!remoteEnsureConnected(s)) return 1;
  int eTxn = remoteTxnStatement(zStmt);
  if (eTxn != TXN_NONE) return remoteTxn(s, eTxn, zFile, iLine, t0);
  /* :explain and :profile: the statement goes with the keyword before it. */
  char *zWrapped = NULL;
  const char *zSend = zStmt;
  if ((s->bExplainAll || s->bProfileAll) && !s->bQuiet) {
    const char *z = zStmt;
    if (!remoteWord(&z, "EXPLAIN") && !remoteWord(&z, "PROFILE")) {
      size_t n = strlen(zStmt) + 16;
      zWrapped = malloc(n);
      if (zWrapped == NULL) abort();
      snprintf(zWrapped, n, "%s\n%s", s->bProfileAll ? "PROFILE" : "EXPLAIN", zStmt);
      zSend = zWrapped;
    }
  }
  const char **azParam = calloc((size_t)s->nParam + 1, sizeof(char *));
  const tg_value **apParam = calloc((size_t)s->nParam + 1, sizeof(tg_value *));
  if (azParam == NULL || apParam == NULL) abort();
  for (int i = 0; i < s->nParam; i++) {
    azParam[i] = s->aParam[i].zName;
    apParam[i] = s->aParam[i].pVal;
  }
  BoltError err;
  int nFail = 0;
  BoltClient *c = s->pRemote->pClient;
  if (bolt_client_run(c, zSend, s->nParam, azParam, apParam, tg_config_get(s->pDb, "timeout"), &err) != BOLT_OK) {
    if (err.eKind == BOLT_ERR_INTERRUPTED) {
      if (s->bInteractive) fputc('\n', stderr);
      fprintf(stderr, "Interrupted: the statement ran to its end on the server; its rows were dropped\n");
    } else {
      remotePrintError(s, &err, zFile, iLine);
    }
    s->iDataGen++;
    nFail = 1;
  } else {
    nFail = remoteResult(s, zSend, zFile, iLine, t0);
  }
  free(azParam);
  free(apParam);
  free(zWrapped);
  return nFail;
}

int remote_run(Shell *s, const char *zText, const char *zFile, int iLineBase) {
  int nFail = 0, iLine = iLineBase;
  const char *z = zText;
  while (*z) {
    if (shell_interrupted) {
      fputs("Interrupted.\n", stderr);
      return nFail + 1;
    }
    size_t n = shell_statement_end(z);
    /* The statement starts at its first non-space; its ';' is not sent. */
    const char *zStart = z;
    while (zStart < z + n && strchr(" \t\r\n", *zStart)) {
      if (*zStart == '\n') iLine++;
      zStart++;
    }
    size_t nStmt = (size_t)(z + n - zStart);
    if (nStmt && zStart[nStmt - 1] == ';') nStmt--;
    ShellScan scan;
    shell_scan_init(&scan);
    shell_scan_feed(&scan, zStart, nStmt);
    if (scan.bAny) {
      char *zStmt = strndup(zStart, nStmt);
      if (zStmt == NULL) abort();
      nFail += remoteStatement(s, zStmt, zFile, iLine);
      free(zStmt);
      if (nFail && (!s->bContinue || shell_interrupted)) return nFail;
    }
    for (const char *q = zStart; q < z + n; q++) iLine += *q == '\n';
    z += n;
  }
  return nFail;
}

int remote_end_transaction(Shell *s, bool bCommit) {
  return remoteTxn(s, bCommit ? TXN_COMMIT : TXN_ROLLBACK, NULL, 0, remoteNowMs());
}

/* ---- Queries of the shell's own ------------------------------------------------------- */

/* Runs zQuery for the shell itself: no output; a failure that ends the
** transaction is still said. Returns true with the result open. */
static bool remoteQuietRun(Shell *s, const char *zQuery) {
  if (!remoteEnsureConnected(s)) return false;
  BoltError err;
  if (bolt_client_run(s->pRemote->pClient, zQuery, 0, NULL, NULL, 0, &err) == BOLT_OK) return true;
  if (err.bTxEnded) remotePrintError(s, &err, NULL, 0);
  return false;
}

int64_t remote_query_int(Shell *s, const char *zQuery) {
  if (!remoteQuietRun(s, zQuery)) return -1;
  BoltClient *c = s->pRemote->pClient;
  const tg_value *aRow = NULL;
  BoltError err;
  int64_t n = -1;
  if (bolt_client_next(c, BOLT_SHOW_TEXT, &aRow, &err) == BOLT_ROW && bolt_client_column_count(c) > 0 &&
      tg_value_type(&aRow[0]) == TG_INT) {
    n = tg_value_int(&aRow[0]);
  }
  bolt_client_discard(c, &err);
  return n;
}

char **remote_query_strings(Shell *s, const char *zQuery, int *pn) {
  *pn = 0;
  if (remote_in_transaction(s->pRemote) || !remoteQuietRun(s, zQuery)) return NULL;
  BoltClient *c = s->pRemote->pClient;
  char **az = NULL;
  int nAlloc = 0, rc;
  const tg_value *aRow = NULL;
  BoltError err;
  while ((rc = bolt_client_next(c, BOLT_SHOW_TEXT, &aRow, &err)) == BOLT_ROW) {
    const char *z = bolt_client_column_count(c) > 0 ? tg_value_text(&aRow[0], NULL) : NULL;
    if (z == NULL) continue;
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 64;
      az = realloc(az, sizeof(char *) * (size_t)nAlloc);
      if (az == NULL) abort();
    }
    if ((az[(*pn)++] = strdup(z)) == NULL) abort();
  }
  if (rc != BOLT_DONE) bolt_client_discard(c, &err);
  if (az == NULL) az = calloc(1, sizeof(char *));
  if (az == NULL) abort();
  return az;
}
