/*
** repl.c — the interactive loop on libedit (its native histedit API).
**
** Reads a statement over as many lines as it takes (until a ';' outside
** quotes and comments), with "tangle> " and then "   ...> " prompts, and
** runs it through shell.c; lines that start with ':' are commands
** (meta.c). Keeps the history in a file, saved after every entry. Tab
** asks complete.c for candidates and applies them.
**
** Ctrl-C: while a statement runs, the terminal is in its normal mode and
** Ctrl-C raises SIGINT, whose handler (main.c) calls tg_interrupt(). While
** a line is being edited, the terminal's signal keys are off (setty
** -isig), so Ctrl-C arrives as a key, bound here to clearing the input.
** Ctrl-Z is bound to suspending the shell in the same way.
*/
#include "repl.h"

#include <histedit.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "complete.h"
#include "meta.h"
#include "base/utf8.h"

/* ---- Types ---------------------------------------------------------------- */

/*
** The loop's state, reachable from libedit callbacks through
** EL_CLIENTDATA. Lives on repl_run()'s stack.
*/
typedef struct Repl {
  Shell *s;                /* the session */
  EditLine *el;            /* the line editor */
  History *pHist;          /* its history */
  const char *zHistFile;   /* history file, or NULL for none */
  char *zPending;          /* lines of an unfinished statement (malloc) */
  size_t nPending;         /* bytes in zPending */
  size_t nPendingAlloc;    /* allocated bytes */
  ShellScan scan;          /* does zPending end a statement? */
  bool bCancelled;         /* Ctrl-C was pressed on this line */
  bool bColor;             /* colour the prompt */
} Repl;

static Repl *replOf(EditLine *el) {
  void *p = NULL;
  el_get(el, EL_CLIENTDATA, &p);
  return p;
}

/* The prompt: "tangle> ", "tangle# " while a transaction is open (as
** cypher-shell marks it), or "   ...> " inside a statement. Colour codes
** sit between \1 markers so libedit does not count them as columns. */
static char *replPrompt(EditLine *el) {
  Repl *r = replOf(el);
  bool bMore = r->nPending > 0;
  bool bTxn = shell_in_transaction(r->s);
  if (r->bColor) {
    if (bMore) return "\1\033[2m\1   ...>\1\033[0m\1 ";
    return bTxn ? "\1\033[1;33m\1tangle#\1\033[0m\1 " : "\1\033[1;32m\1tangle>\1\033[0m\1 ";
  }
  return bMore ? "   ...> " : bTxn ? "tangle# " : "tangle> ";
}

/* ---- Key bindings -------------------------------------------------------------- */

/* Ctrl-C while editing: show ^C, drop the line and any unfinished
** statement, and give a fresh prompt. The newline pushed back ends
** el_gets() the ordinary way, so the display is left tidy. */
static unsigned char replOnCancel(EditLine *el, int ch) {
  (void)ch;
  Repl *r = replOf(el);
  const LineInfoW *li = el_wline(el);
  el_cursor(el, (int)(li->lastchar - li->cursor));
  el_insertstr(el, "^C");
  r->bCancelled = true;
  el_push(el, "\n");
  return CC_REFRESH;
}

/* Ctrl-Z while editing: suspend as the terminal would, and redraw the
** line on return. */
static unsigned char replOnSuspend(EditLine *el, int ch) {
  (void)ch;
  struct sigaction saDefault, saOld;
  memset(&saDefault, 0, sizeof(saDefault));
  saDefault.sa_handler = SIG_DFL;
  sigemptyset(&saDefault.sa_mask);
  el_set(el, EL_PREP_TERM, 0);
  fputc('\n', stdout);
  fflush(stdout);
  sigaction(SIGTSTP, &saDefault, &saOld);
  raise(SIGTSTP);
  sigaction(SIGTSTP, &saOld, NULL);
  el_set(el, EL_PREP_TERM, 1);
  el_resize(el);
  return CC_REDISPLAY;
}

/* Prints candidates in columns below the line being edited. */
static void replListCandidates(const CompleteResult *p) {
  size_t nMax = 0;
  for (int i = 0; i < p->n; i++) {
    size_t w = utf8_width(p->a[i].z, strlen(p->a[i].z));
    if (w > nMax) nMax = w;
  }
  int nTerm = shell_terminal_width();
  int nCol = (int)((size_t)nTerm / (nMax + 2));
  if (nCol < 1) nCol = 1;
  int nShow = p->n > 300 ? 300 : p->n;
  int nRow = (nShow + nCol - 1) / nCol;
  fputc('\n', stdout);
  for (int row = 0; row < nRow; row++) {
    for (int col = 0; col < nCol; col++) {
      int i = col * nRow + row;
      if (i >= nShow) break;
      const char *z = p->a[i].z;
      size_t w = utf8_width(z, strlen(z));
      fputs(z, stdout);
      if (col + 1 < nCol && (col + 1) * nRow + row < nShow) {
        for (size_t k = w; k < nMax + 2; k++) fputc(' ', stdout);
      }
    }
    fputc('\n', stdout);
  }
  if (nShow < p->n) printf("... and %d more\n", p->n - nShow);
  fflush(stdout);
}

/* Replaces the nOld code points before the cursor with z[0..n). */
static void replReplaceWord(EditLine *el, size_t nOld, const char *z, size_t n) {
  if (nOld) el_deletestr(el, (int)nOld);
  char *zCopy = strndup(z, n);
  if (zCopy == NULL) abort();
  el_insertstr(el, zCopy);
  free(zCopy);
}

/* Tab: complete the word before the cursor. A single candidate is put in
** (with a space or '(' after it); several share a longer start, which is
** put in; otherwise they are listed. */
static unsigned char replOnTab(EditLine *el, int ch) {
  (void)ch;
  Repl *r = replOf(el);
  const LineInfo *li = el_line(el);
  size_t nLine = (size_t)(li->cursor - li->buffer);
  char *zText = malloc(r->nPending + nLine + 1);
  if (zText == NULL) abort();
  if (r->nPending) memcpy(zText, r->zPending, r->nPending);
  memcpy(zText + r->nPending, li->buffer, nLine);
  zText[r->nPending + nLine] = 0;
  CompleteResult res;
  memset(&res, 0, sizeof(res));
  complete_find(r->s, zText, &res);
  unsigned char rc = CC_REFRESH_BEEP;
  const char *zWord = zText + res.iStart;
  size_t nWordBytes = strlen(zWord), nWordChars = utf8_length(zWord, nWordBytes);
  if (res.n == 1) {
    const CompleteItem *it = &res.a[0];
    replReplaceWord(el, nWordChars, it->z, strlen(it->z));
    const LineInfo *li2 = el_line(el);
    char cNext = li2->cursor < li2->lastchar ? *li2->cursor : 0;
    if (it->cAfter && cNext != it->cAfter) {
      char zAfter[2] = {it->cAfter, 0};
      el_insertstr(el, zAfter);
    }
    rc = CC_REFRESH;
  } else if (res.n > 1) {
    /* The longest start all candidates share (ASCII case ignored). */
    size_t nCommon = strlen(res.a[0].z);
    for (int i = 1; i < res.n; i++) {
      size_t k = 0;
      while (k < nCommon && res.a[i].z[k] &&
             (res.a[i].z[k] == res.a[0].z[k] ||
              ((unsigned char)res.a[0].z[k] < 0x80 &&
               (res.a[i].z[k] | 0x20) == (res.a[0].z[k] | 0x20) &&
               ((res.a[0].z[k] | 0x20) >= 'a' && (res.a[0].z[k] | 0x20) <= 'z')))) {
        k++;
      }
      nCommon = k;
    }
    while (nCommon > 0 && ((unsigned char)res.a[0].z[nCommon] & 0xC0) == 0x80) nCommon--;
    if (nCommon > nWordBytes) {
      replReplaceWord(el, nWordChars, res.a[0].z, nCommon);
      rc = CC_REFRESH;
    } else {
      replListCandidates(&res);
      rc = CC_REDISPLAY;
    }
  }
  complete_result_free(&res);
  free(zText);
  return rc;
}

/* ---- History ------------------------------------------------------------------- */

/* The text kept in the history for a statement: its lines joined with
** single spaces, so that Up brings it back as one line to edit. A
** statement with a '//' comment keeps its line breaks (joining would
** comment out the rest). Returns malloc'd text. */
static char *replHistoryText(const char *z) {
  size_t n = strlen(z);
  while (n && (z[n - 1] == '\n' || z[n - 1] == ' ' || z[n - 1] == '\r')) n--;
  char *zOut = malloc(n + 1);
  if (zOut == NULL) abort();
  bool bLineComment = false;
  char cQuote = 0;
  for (size_t i = 0; i + 1 < n && !bLineComment; i++) {
    if (cQuote) {
      if (z[i] == '\\' && cQuote != '`') i++;
      else if (z[i] == cQuote) cQuote = 0;
    } else if (z[i] == '\'' || z[i] == '"' || z[i] == '`') {
      cQuote = z[i];
    } else if (z[i] == '/' && z[i + 1] == '/') {
      bLineComment = true;
    }
  }
  size_t j = 0;
  cQuote = 0;
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (cQuote) {
      if (c == '\\' && cQuote != '`' && i + 1 < n) {
        zOut[j++] = c;
        c = z[++i];
      } else if (c == cQuote) {
        cQuote = 0;
      }
      zOut[j++] = c;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') cQuote = c;
    if ((c == '\n' || c == '\r') && !bLineComment) {
      while (j > 0 && (zOut[j - 1] == ' ' || zOut[j - 1] == '\t')) j--;
      while (i + 1 < n && (z[i + 1] == ' ' || z[i + 1] == '\t' || z[i + 1] == '\n' || z[i + 1] == '\r')) i++;
      zOut[j++] = ' ';
      continue;
    }
    zOut[j++] = c;
  }
  zOut[j] = 0;
  return zOut;
}

/* Adds an entry to the history and saves the file. */
static void replRemember(Repl *r, const char *zEntry) {
  HistEvent ev;
  char *z = replHistoryText(zEntry);
  if (*z) {
    history(r->pHist, &ev, H_ENTER, z);
    if (r->zHistFile && history(r->pHist, &ev, H_SAVE, r->zHistFile) >= 0) {
      chmod(r->zHistFile, 0600);   /* queries may hold private data */
    }
  }
  free(z);
}

/* ---- The loop -------------------------------------------------------------------- */

static void replAppendPending(Repl *r, const char *z, size_t n) {
  if (r->nPending + n + 1 > r->nPendingAlloc) {
    r->nPendingAlloc = (r->nPending + n + 1) * 2;
    r->zPending = realloc(r->zPending, r->nPendingAlloc);
    if (r->zPending == NULL) abort();
  }
  memcpy(r->zPending + r->nPending, z, n);
  r->nPending += n;
  r->zPending[r->nPending] = 0;
  shell_scan_feed(&r->scan, z, n);
}

static void replClearPending(Repl *r) {
  r->nPending = 0;
  if (r->zPending) r->zPending[0] = 0;
  shell_scan_init(&r->scan);
}

/* Libedit needs a UTF-8 character type to edit Arabic and Japanese. */
static void replSetLocale(void) {
  const char *z = setlocale(LC_CTYPE, "");
  if (z == NULL || strcmp(z, "C") == 0 || strcmp(z, "POSIX") == 0) {
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.utf8");
  }
}

/* Installs the bindings (again after ~/.editrc, which may reset them). */
static void replBind(EditLine *el) {
  el_set(el, EL_BIND, "^I", "tangle-complete", NULL);
  el_set(el, EL_BIND, "^C", "tangle-cancel", NULL);
  el_set(el, EL_BIND, "^Z", "tangle-suspend", NULL);
}

int repl_run(Shell *s, const char *zHistory) {
  char zHistPath[4096];
  Repl r;
  memset(&r, 0, sizeof(r));
  r.s = s;
  r.bColor = s->fmt.bColor;
  shell_scan_init(&r.scan);
  if (zHistory == NULL) {
    const char *zHome = getenv("HOME");
    if (zHome && *zHome) {
      snprintf(zHistPath, sizeof(zHistPath), "%s/.tangle_history", zHome);
      r.zHistFile = zHistPath;
    }
  } else if (*zHistory) {
    r.zHistFile = zHistory;
  }

  replSetLocale();
  /* SIGINT (sent by another process: Ctrl-C is a key while editing) must
  ** not cut libedit's read short. libedit reads the terminal's size
  ** before each line. */
  struct sigaction sa;
  sigaction(SIGINT, NULL, &sa);
  sa.sa_flags |= SA_RESTART;
  sigaction(SIGINT, &sa, NULL);

  HistEvent ev;
  r.pHist = history_init();
  history(r.pHist, &ev, H_SETSIZE, 2000);
  history(r.pHist, &ev, H_SETUNIQUE, 1);
  if (r.zHistFile) history(r.pHist, &ev, H_LOAD, r.zHistFile);

  r.el = el_init("tangle", stdin, stdout, stderr);
  el_set(r.el, EL_CLIENTDATA, &r);
  el_set(r.el, EL_EDITOR, "emacs");
  el_set(r.el, EL_SIGNAL, 0);
  el_set(r.el, EL_HIST, history, r.pHist);
  el_set(r.el, EL_PROMPT_ESC, replPrompt, '\1');
  el_set(r.el, EL_SETTY, "-d", "-isig", NULL);
  /* The wide call: the narrow one copies the names and never frees them. */
  el_wset(r.el, EL_ADDFN, L"tangle-complete", L"complete the word before the cursor", replOnTab);
  el_wset(r.el, EL_ADDFN, L"tangle-cancel", L"clear the input", replOnCancel);
  el_wset(r.el, EL_ADDFN, L"tangle-suspend", L"suspend tangle", replOnSuspend);
  replBind(r.el);
  el_source(r.el, NULL);
  replBind(r.el);

  int64_t nNode, nRel;
  shell_graph_counts(s, &nNode, &nRel);
  if (nNode >= 0 && nRel >= 0) {
    fprintf(stderr, "Tangle %s on %s: %lld nodes, %lld relationships.\n", TG_VERSION_STRING, s->zGraphDesc,
            (long long)nNode, (long long)nRel);
  } else {
    fprintf(stderr, "Tangle %s on %s.\n", TG_VERSION_STRING, s->zGraphDesc);
  }
  fprintf(stderr, "Type :help for help; Tab completes; end statements with ';'; Ctrl-D quits.\n");

  int nFail = 0;
  while (!s->bQuit) {
    fflush(stdout);
    fflush(stderr);
    r.bCancelled = false;
    /* Editing mode before the prompt shows (libedit would switch at the
    ** first key), so that keys typed as soon as it shows are not echoed
    ** twice. */
    el_set(r.el, EL_PREP_TERM, 1);
    int nLine = 0;
    const char *zLine = el_gets(r.el, &nLine);
    if (r.bCancelled) {
      replClearPending(&r);
      continue;
    }
    if (zLine == NULL || nLine <= 0) {
      fputc('\n', stdout);   /* Ctrl-D: leave the shell's prompt on a line of its own */
      break;
    }
    if (r.nPending == 0) {
      const char *z = zLine + strspn(zLine, " \t\r\n");
      if (*z == 0) continue;
      if (*z == ':') {
        shell_interrupted = 0;
        meta_run(s, z, NULL, 0);
        /* Up after a restart should bring back work, not :quit. */
        if (!s->bQuit) replRemember(&r, z);
        continue;
      }
    }
    replAppendPending(&r, zLine, (size_t)nLine);
    if (!r.scan.bEnded || r.scan.cQuote || r.scan.bBlockComment) continue;
    replRemember(&r, r.zPending);
    shell_interrupted = 0;
    nFail += shell_run(s, r.zPending, NULL, 1);
    replClearPending(&r);
  }

  el_end(r.el);
  history_end(r.pHist);
  free(r.zPending);
  return nFail;
}
