/*
** repl.c — the interactive loop on libedit: reads statements over several
** lines until ';', keeps a history file, and runs each statement through
** shell.c. Lines starting with ':' are commands (:help, :quit).
*/
#include "repl.h"

#include <editline/readline.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int repl_terminal_width(void) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

/* Does the buffered input end a statement (a ';' outside quotes and comments)? */
static bool replComplete(const char *z) {
  char cQuote = 0;
  bool bEnded = false;
  for (; *z; z++) {
    char c = *z;
    if (cQuote) {
      if (c == '\\' && z[1]) z++;
      else if (c == cQuote) cQuote = 0;
      continue;
    }
    if (c == '/' && z[1] == '/') {
      while (*z && *z != '\n') z++;
      if (!*z) break;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      cQuote = c;
      bEnded = false;
    } else if (c == ';') {
      bEnded = true;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      bEnded = false;
    }
  }
  return bEnded && !cQuote;
}

int repl_run(Shell *s, const char *zHistory) {
  char zHistPath[4096];
  if (zHistory == NULL) {
    const char *zHome = getenv("HOME");
    snprintf(zHistPath, sizeof(zHistPath), "%s/.tangle_history", zHome ? zHome : ".");
    zHistory = zHistPath;
  }
  using_history();
  read_history(zHistory);
  fprintf(stderr, "Tangle %s on %s (%lld nodes, %lld relationships). Type :help for help.\n",
          TG_VERSION_STRING, s->zGraphDesc, (long long)tg_node_count(s->pDb),
          (long long)tg_relationship_count(s->pDb));
  int nFail = 0;
  char *zBuf = NULL;
  size_t nBuf = 0;
  for (;;) {
    char *zLine = readline(nBuf ? "    ...> " : "tangle> ");
    if (zLine == NULL) break;
    if (nBuf == 0 && zLine[0] == ':') {
      if (strncmp(zLine, ":q", 2) == 0) {
        free(zLine);
        break;
      }
      if (strncmp(zLine, ":help", 5) == 0) {
        fputs("Type Cypher statements ending with ';'. :quit leaves.\n", stderr);
      } else {
        fprintf(stderr, "unknown command %s\n", zLine);
      }
      add_history(zLine);
      free(zLine);
      continue;
    }
    size_t n = strlen(zLine);
    zBuf = realloc(zBuf, nBuf + n + 2);
    if (zBuf == NULL) abort();
    memcpy(zBuf + nBuf, zLine, n);
    nBuf += n;
    zBuf[nBuf++] = '\n';
    zBuf[nBuf] = 0;
    free(zLine);
    if (!replComplete(zBuf)) continue;
    zBuf[nBuf - 1] = 0;
    add_history(zBuf);
    nFail += shell_run(s, zBuf, NULL, 1);
    nBuf = 0;
  }
  free(zBuf);
  write_history(zHistory);
  return nFail;
}
