/*
** pty_drive.c — runs a program on a pseudo-terminal and plays a script
** against it, as a person at a terminal would: type keys, wait for text,
** check what the screen shows, time how fast something appears.
**
**   pty_drive [-r ROWS] [-c COLS] [-t SECONDS] [-l RAWLOG] SCRIPT -- PROGRAM [ARGS...]
**
** SCRIPT is a file ("-" for stdin) of one command per line; arguments use
** C escapes (\r \n \t \e \xHH \\). Lines starting with '#' are comments.
**
**   send TEXT        write TEXT to the terminal (keys: \r Enter, \t Tab,
**                    \x03 Ctrl-C, \x04 Ctrl-D, \e[A Up)
**   expect TEXT      wait until the output, escape sequences removed,
**                    shows TEXT after the previous match; the next expect
**                    searches after this match
**   screen TEXT      wait until a row of the emulated screen contains TEXT
**   absent TEXT      fail if the output since the previous match has TEXT
**   quiet MS TEXT    fail if TEXT appears in the next MS milliseconds
**   within MS        fail unless the last expect matched within MS ms of
**                    the last send; prints "latency N ms" either way
**   aligned          every table on the screen has its column rules at
**                    the same cells on every row (wide characters count 2)
**   timeout SECONDS  how long expect, screen and exit wait (default 10)
**   exit CODE        wait for the program to exit with status CODE
**   dump             print the screen (for writing tests)
**   note TEXT        print TEXT
**
** The screen is a small VT100 emulator, and the program runs with
** TERM=vt100 so that it sends nothing else. -l saves every byte the
** program wrote (escape sequences included). Exit status: 0 when every
** command passed, 1 on the first failure (with the output's tail and the
** screen on stderr), 2 on bad usage.
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/utf8.h"

/* ---- Types ------------------------------------------------------------------ */

#define CELL_WIDE_TAIL 0xFFFFFFFFu   /* second cell of a double-width character */

/* The emulated terminal: a grid of code points and a cursor. */
typedef struct Screen {
  int nRow, nCol;          /* size */
  uint32_t *aCell;         /* nRow * nCol code points (' ' when blank) */
  bool *abWrapped;         /* row r continues on row r+1 (automatic wrap) */
  int iRow, iCol;          /* cursor, 0-based */
  int iSavedRow, iSavedCol;/* ESC 7 / ESC 8 */
  bool bWrapPending;       /* the last column was written (xenl) */
  int eState;              /* parser state, SCR_* */
  char zParam[64];         /* CSI parameters collected */
  int nParam;
  uint8_t aUtf8[4];        /* a multi-byte character being collected */
  int nUtf8, nUtf8Need;
} Screen;

enum { SCR_NORMAL, SCR_ESC, SCR_CSI, SCR_OSC, SCR_CHARSET };

/* Everything the driver knows. */
typedef struct Drive {
  int fd;                  /* pty master */
  pid_t pid;               /* the program */
  bool bExited;            /* it has exited */
  int iStatus;             /* its wait status */
  Screen scr;
  char *zLog;              /* output with escape sequences removed */
  size_t nLog, nLogAlloc;
  size_t iMark;            /* expect searches from here */
  int eLogState;           /* escape-stripping state, SCR_* */
  double tSend, tMatch;    /* monotonic ms of the last send and match */
  double timeoutMs;
  int iLine;               /* script line, for messages */
  FILE *pRaw;              /* -l: every byte of output, for debugging */
} Drive;

/* ---- Helpers ------------------------------------------------------------------- */

static double driveNowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void driveDumpScreen(Drive *d, FILE *f);

/* Reports a failure with the output's tail and the screen, stops the
** program, and exits 1. */
static void driveFail(Drive *d, const char *zFmt, ...) {
  va_list ap;
  fprintf(stderr, "pty_drive: script line %d: ", d->iLine);
  va_start(ap, zFmt);
  vfprintf(stderr, zFmt, ap);
  va_end(ap);
  size_t nTail = d->nLog > 1500 ? 1500 : d->nLog;
  fprintf(stderr, "\n--- output tail (escapes removed) ---\n%.*s\n--- screen ---\n", (int)nTail,
          d->zLog + d->nLog - nTail);
  driveDumpScreen(d, stderr);
  if (!d->bExited) kill(d->pid, SIGKILL);
  exit(1);
}

/* Decodes C escapes in place; returns the new length. */
static size_t driveUnescape(char *z) {
  size_t j = 0;
  for (size_t i = 0; z[i]; i++) {
    if (z[i] != '\\' || z[i + 1] == 0) {
      z[j++] = z[i];
      continue;
    }
    char c = z[++i];
    switch (c) {
      case 'r': z[j++] = '\r'; break;
      case 'n': z[j++] = '\n'; break;
      case 't': z[j++] = '\t'; break;
      case 'e': z[j++] = '\033'; break;
      case '\\': z[j++] = '\\'; break;
      case 'x': {
        int v = 0, k = 0;
        while (k < 2 && z[i + 1] && strchr("0123456789abcdefABCDEF", z[i + 1])) {
          char h = z[++i];
          v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
          k++;
        }
        z[j++] = (char)v;
        break;
      }
      default: z[j++] = c; break;
    }
  }
  z[j] = 0;
  return j;
}

/* ---- The screen ------------------------------------------------------------------ */

static uint32_t *driveScrCell(Screen *s, int r, int c) { return &s->aCell[r * s->nCol + c]; }

static void driveScrClearCells(Screen *s, int r, int c0, int c1) {
  for (int c = c0; c < c1 && c < s->nCol; c++) *driveScrCell(s, r, c) = ' ';
}

static void driveScrLineFeed(Screen *s) {
  if (s->iRow + 1 < s->nRow) {
    s->iRow++;
    return;
  }
  memmove(s->aCell, s->aCell + s->nCol, sizeof(uint32_t) * (size_t)(s->nCol * (s->nRow - 1)));
  memmove(s->abWrapped, s->abWrapped + 1, sizeof(bool) * (size_t)(s->nRow - 1));
  s->abWrapped[s->nRow - 1] = false;
  driveScrClearCells(s, s->nRow - 1, 0, s->nCol);
}

static void driveScrReverseIndex(Screen *s) {
  if (s->iRow > 0) {
    s->iRow--;
    return;
  }
  memmove(s->aCell + s->nCol, s->aCell, sizeof(uint32_t) * (size_t)(s->nCol * (s->nRow - 1)));
  memmove(s->abWrapped + 1, s->abWrapped, sizeof(bool) * (size_t)(s->nRow - 1));
  s->abWrapped[0] = false;
  driveScrClearCells(s, 0, 0, s->nCol);
}

static void driveScrPut(Screen *s, uint32_t cp) {
  int w = utf8_char_width(cp);
  if (w == 0) return;   /* combining marks ride on the previous cell */
  if (s->bWrapPending || s->iCol + w > s->nCol) {
    s->abWrapped[s->iRow] = true;
    s->iCol = 0;
    driveScrLineFeed(s);
    s->bWrapPending = false;
  }
  *driveScrCell(s, s->iRow, s->iCol) = cp;
  if (w == 2) *driveScrCell(s, s->iRow, s->iCol + 1) = CELL_WIDE_TAIL;
  s->iCol += w;
  if (s->iCol >= s->nCol) {
    s->iCol = s->nCol - 1;
    s->bWrapPending = true;
  }
}

static int driveScrArg(const char *zParam, int i, int iDefault) {
  const char *z = zParam;
  if (*z == '?') z++;
  for (int k = 0; k < i; k++) {
    z = strchr(z, ';');
    if (z == NULL) return iDefault;
    z++;
  }
  if (*z < '0' || *z > '9') return iDefault;
  return atoi(z);
}

static void driveScrCsi(Screen *s, char cFinal) {
  int n = driveScrArg(s->zParam, 0, 1);
  if (n < 1) n = 1;
  s->bWrapPending = false;
  switch (cFinal) {
    case 'A': s->iRow = s->iRow - n < 0 ? 0 : s->iRow - n; break;
    case 'B': s->iRow = s->iRow + n >= s->nRow ? s->nRow - 1 : s->iRow + n; break;
    case 'C': s->iCol = s->iCol + n >= s->nCol ? s->nCol - 1 : s->iCol + n; break;
    case 'D': s->iCol = s->iCol - n < 0 ? 0 : s->iCol - n; break;
    case 'G': s->iCol = n - 1 < s->nCol ? n - 1 : s->nCol - 1; break;
    case 'd': s->iRow = n - 1 < s->nRow ? n - 1 : s->nRow - 1; break;
    case 'H':
    case 'f': {
      int r = driveScrArg(s->zParam, 0, 1), c = driveScrArg(s->zParam, 1, 1);
      s->iRow = r < 1 ? 0 : (r > s->nRow ? s->nRow - 1 : r - 1);
      s->iCol = c < 1 ? 0 : (c > s->nCol ? s->nCol - 1 : c - 1);
      break;
    }
    case 'J': {
      int m = driveScrArg(s->zParam, 0, 0);
      if (m == 0) {
        driveScrClearCells(s, s->iRow, s->iCol, s->nCol);
        for (int r = s->iRow; r < s->nRow; r++) s->abWrapped[r] = false;
        for (int r = s->iRow + 1; r < s->nRow; r++) driveScrClearCells(s, r, 0, s->nCol);
      } else if (m == 1) {
        for (int r = 0; r < s->iRow; r++) driveScrClearCells(s, r, 0, s->nCol);
        driveScrClearCells(s, s->iRow, 0, s->iCol + 1);
      } else {
        for (int r = 0; r < s->nRow; r++) driveScrClearCells(s, r, 0, s->nCol), s->abWrapped[r] = false;
      }
      break;
    }
    case 'K': {
      int m = driveScrArg(s->zParam, 0, 0);
      if (m != 1) s->abWrapped[s->iRow] = false;
      if (m == 0) driveScrClearCells(s, s->iRow, s->iCol, s->nCol);
      else if (m == 1) driveScrClearCells(s, s->iRow, 0, s->iCol + 1);
      else driveScrClearCells(s, s->iRow, 0, s->nCol);
      break;
    }
    case 'P': {
      uint32_t *row = driveScrCell(s, s->iRow, 0);
      if (n > s->nCol - s->iCol) n = s->nCol - s->iCol;
      memmove(row + s->iCol, row + s->iCol + n, sizeof(uint32_t) * (size_t)(s->nCol - s->iCol - n));
      driveScrClearCells(s, s->iRow, s->nCol - n, s->nCol);
      break;
    }
    case '@': {
      uint32_t *row = driveScrCell(s, s->iRow, 0);
      if (n > s->nCol - s->iCol) n = s->nCol - s->iCol;
      memmove(row + s->iCol + n, row + s->iCol, sizeof(uint32_t) * (size_t)(s->nCol - s->iCol - n));
      driveScrClearCells(s, s->iRow, s->iCol, s->iCol + n);
      break;
    }
    case 'X': driveScrClearCells(s, s->iRow, s->iCol, s->iCol + n); break;
    default: break;   /* m (colours), h/l (modes), r (margins): no effect on text */
  }
}

/* Feeds one byte of program output to the emulator. */
static void driveScrFeed(Screen *s, uint8_t b) {
  switch (s->eState) {
    case SCR_ESC:
      s->eState = SCR_NORMAL;
      switch (b) {
        case '[': s->eState = SCR_CSI; s->nParam = 0; s->zParam[0] = 0; break;
        case ']': s->eState = SCR_OSC; break;
        case '(': case ')': s->eState = SCR_CHARSET; break;
        case 'D': driveScrLineFeed(s); break;
        case 'E': s->iCol = 0; driveScrLineFeed(s); break;
        case 'M': driveScrReverseIndex(s); break;
        case '7': s->iSavedRow = s->iRow; s->iSavedCol = s->iCol; break;
        case '8': s->iRow = s->iSavedRow; s->iCol = s->iSavedCol; break;
        default: break;
      }
      return;
    case SCR_CSI:
      if (b >= 0x40 && b <= 0x7e) {
        s->zParam[s->nParam] = 0;
        driveScrCsi(s, (char)b);
        s->eState = SCR_NORMAL;
      } else if (s->nParam < (int)sizeof(s->zParam) - 1) {
        s->zParam[s->nParam++] = (char)b;
      }
      return;
    case SCR_OSC:
      if (b == 7 || b == '\\') s->eState = SCR_NORMAL;
      return;
    case SCR_CHARSET:
      s->eState = SCR_NORMAL;
      return;
    default: break;
  }
  if (s->nUtf8Need) {
    if ((b & 0xC0) == 0x80) {
      s->aUtf8[s->nUtf8++] = b;
      if (s->nUtf8 == s->nUtf8Need) {
        uint32_t cp;
        utf8_decode((const char *)s->aUtf8, (size_t)s->nUtf8, &cp);
        s->nUtf8Need = 0;
        driveScrPut(s, cp);
      }
      return;
    }
    s->nUtf8Need = 0;   /* a broken sequence: drop it */
  }
  if (b >= 0xC0) {
    s->aUtf8[0] = b;
    s->nUtf8 = 1;
    s->nUtf8Need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    return;
  }
  switch (b) {
    case 0x1b: s->eState = SCR_ESC; return;
    case '\r': s->iCol = 0; s->bWrapPending = false; return;
    case '\n': case 0x0b: case 0x0c: driveScrLineFeed(s); s->bWrapPending = false; return;
    case '\b': if (s->iCol > 0) s->iCol--; s->bWrapPending = false; return;
    case '\t': s->iCol = (s->iCol / 8 + 1) * 8; if (s->iCol >= s->nCol) s->iCol = s->nCol - 1; return;
    default: break;
  }
  if (b < 0x20 || b == 0x7f) return;
  driveScrPut(s, b);
}

/* Row r as UTF-8 text, trailing blanks removed unless the row wraps onto
** the next; aCol (if not NULL) receives the cell index of each byte. */
static size_t driveScrRowText(Screen *s, int r, char *zOut, size_t nOut, int *aCol) {
  size_t n = 0;
  for (int c = 0; c < s->nCol; c++) {
    uint32_t cp = *driveScrCell(s, r, c);
    if (cp == CELL_WIDE_TAIL) continue;
    char z[4];
    int k = utf8_encode(cp, z);
    if (n + (size_t)k + 1 >= nOut) break;
    for (int i = 0; i < k; i++) {
      if (aCol) aCol[n] = c;
      zOut[n++] = z[i];
    }
  }
  while (n > 0 && zOut[n - 1] == ' ' && !s->abWrapped[r]) n--;
  zOut[n] = 0;
  return n;
}

static void driveDumpScreen(Drive *d, FILE *f) {
  char zRow[4096];
  int nLast = 0;
  for (int r = 0; r < d->scr.nRow; r++) {
    if (driveScrRowText(&d->scr, r, zRow, sizeof(zRow), NULL)) nLast = r + 1;
  }
  for (int r = 0; r < nLast; r++) {
    driveScrRowText(&d->scr, r, zRow, sizeof(zRow), NULL);
    fprintf(f, "|%s\n", zRow);
  }
}

/* ---- Output ----------------------------------------------------------------------- */

/* Appends output bytes to the log, dropping escape sequences and CRs. */
static void driveLog(Drive *d, const uint8_t *a, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint8_t b = a[i];
    switch (d->eLogState) {
      case SCR_ESC:
        d->eLogState = b == '[' ? SCR_CSI : b == ']' ? SCR_OSC : (b == '(' || b == ')') ? SCR_CHARSET : SCR_NORMAL;
        continue;
      case SCR_CSI:
        if (b >= 0x40 && b <= 0x7e) d->eLogState = SCR_NORMAL;
        continue;
      case SCR_OSC:
        if (b == 7 || b == '\\') d->eLogState = SCR_NORMAL;
        continue;
      case SCR_CHARSET:
        d->eLogState = SCR_NORMAL;
        continue;
      default: break;
    }
    if (b == 0x1b) {
      d->eLogState = SCR_ESC;
      continue;
    }
    if (b == '\r' || b == 0 || b == 7) continue;
    if (d->nLog + 2 > d->nLogAlloc) {
      d->nLogAlloc = d->nLogAlloc ? 2 * d->nLogAlloc : 65536;
      d->zLog = realloc(d->zLog, d->nLogAlloc);
      if (d->zLog == NULL) abort();
    }
    d->zLog[d->nLog++] = (char)b;
    d->zLog[d->nLog] = 0;
  }
}

/* Reads what the program wrote, waiting up to msWait. Notes its exit. */
static void drivePump(Drive *d, double msWait) {
  struct pollfd pfd = {d->fd, POLLIN, 0};
  int rc = poll(&pfd, 1, msWait < 0 ? 0 : (int)msWait);
  if (rc > 0) {
    uint8_t buf[8192];
    ssize_t n = read(d->fd, buf, sizeof(buf));
    if (n > 0) {
      if (d->pRaw) fwrite(buf, 1, (size_t)n, d->pRaw), fflush(d->pRaw);
      for (ssize_t i = 0; i < n; i++) driveScrFeed(&d->scr, buf[i]);
      driveLog(d, buf, (size_t)n);
    } else if (n < 0 && errno != EINTR && errno != EAGAIN) {
      /* EIO: the program closed the terminal (it exited). */
      struct timespec ts = {0, 5 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
  }
  if (!d->bExited && waitpid(d->pid, &d->iStatus, WNOHANG) == d->pid) d->bExited = true;
}

/* Does a line on the screen contain z? Rows the terminal wrapped
** automatically are joined into one line first. */
static bool driveScreenHas(Drive *d, const char *z) {
  char zLine[16384];
  size_t n = 0;
  for (int r = 0; r < d->scr.nRow; r++) {
    if (n + 4096 < sizeof(zLine)) n += driveScrRowText(&d->scr, r, zLine + n, 4096, NULL);
    if (d->scr.abWrapped[r] && r + 1 < d->scr.nRow) continue;
    if (strstr(zLine, z)) return true;
    n = 0;
  }
  return false;
}

/* Are the vertical rules of each table on the screen in the same cells
** on every row of it? Returns false and describes the first bad row. */
static bool driveAligned(Drive *d, char *zWhy, size_t nWhy) {
  char zRow[4096];
  int aCol[4096];
  int aRef[256], nRef = -1, nTables = 0;
  for (int r = 0; r < d->scr.nRow; r++) {
    size_t n = driveScrRowText(&d->scr, r, zRow, sizeof(zRow), aCol);
    bool bTable = n >= 3 && (strncmp(zRow, "┌", 3) == 0 || strncmp(zRow, "│", 3) == 0 ||
                             strncmp(zRow, "├", 3) == 0 || strncmp(zRow, "└", 3) == 0);
    if (!bTable) {
      nRef = -1;
      continue;
    }
    int aPos[256], nPos = 0;
    static const char *const azRule[] = {"┌", "┐", "│", "├", "┤", "┼", "┬", "┴", "└", "┘"};
    for (size_t i = 0; i + 3 <= n; i++) {
      for (size_t k = 0; k < sizeof(azRule) / sizeof(azRule[0]); k++) {
        if (strncmp(zRow + i, azRule[k], 3) == 0 && nPos < 256) aPos[nPos++] = aCol[i];
      }
    }
    if (nRef < 0) {
      memcpy(aRef, aPos, sizeof(int) * (size_t)nPos);
      nRef = nPos;
      nTables++;
      continue;
    }
    if (nPos != nRef || memcmp(aPos, aRef, sizeof(int) * (size_t)nPos) != 0) {
      snprintf(zWhy, nWhy, "screen row %d has its rules elsewhere: %s", r + 1, zRow);
      return false;
    }
  }
  if (nTables == 0) {
    snprintf(zWhy, nWhy, "no table on the screen");
    return false;
  }
  return true;
}

/* ---- Main --------------------------------------------------------------------------- */

static void driveUsage(void) {
  fprintf(stderr, "usage: pty_drive [-r ROWS] [-c COLS] [-t SECONDS] [-l RAWLOG] SCRIPT -- PROGRAM [ARGS...]\n");
  exit(2);
}

int main(int argc, char **argv) {
  Drive d;
  memset(&d, 0, sizeof(d));
  d.scr.nRow = 40;
  d.scr.nCol = 100;
  d.timeoutMs = 10000;
  const char *zScript = NULL;
  int i;
  for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) d.scr.nRow = atoi(argv[++i]);
    else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) d.scr.nCol = atoi(argv[++i]);
    else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) d.timeoutMs = atof(argv[++i]) * 1000;
    else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc) d.pRaw = fopen(argv[++i], "wb");
    else if (zScript == NULL) zScript = argv[i];
    else driveUsage();
  }
  if (zScript == NULL || i + 1 >= argc || d.scr.nRow < 2 || d.scr.nCol < 10) driveUsage();
  char **azCmd = argv + i + 1;
  FILE *fScript = strcmp(zScript, "-") == 0 ? stdin : fopen(zScript, "r");
  if (fScript == NULL) {
    fprintf(stderr, "pty_drive: cannot open %s: %s\n", zScript, strerror(errno));
    return 2;
  }
  d.scr.aCell = malloc(sizeof(uint32_t) * (size_t)(d.scr.nRow * d.scr.nCol));
  d.scr.abWrapped = calloc((size_t)d.scr.nRow, sizeof(bool));
  if (d.scr.aCell == NULL || d.scr.abWrapped == NULL) abort();
  for (int k = 0; k < d.scr.nRow * d.scr.nCol; k++) d.scr.aCell[k] = ' ';

  struct winsize ws = {(unsigned short)d.scr.nRow, (unsigned short)d.scr.nCol, 0, 0};
  fflush(stdout);
  d.pid = forkpty(&d.fd, NULL, NULL, &ws);
  if (d.pid < 0) {
    fprintf(stderr, "pty_drive: forkpty: %s\n", strerror(errno));
    return 2;
  }
  if (d.pid == 0) {
    setenv("TERM", "vt100", 1);
    execvp(azCmd[0], azCmd);
    fprintf(stderr, "pty_drive: cannot run %s: %s\n", azCmd[0], strerror(errno));
    _exit(127);
  }

  char *zLine = NULL;
  size_t nLineAlloc = 0;
  ssize_t nRead;
  while ((nRead = getline(&zLine, &nLineAlloc, fScript)) >= 0) {
    d.iLine++;
    while (nRead > 0 && (zLine[nRead - 1] == '\n' || zLine[nRead - 1] == '\r')) zLine[--nRead] = 0;
    char *z = zLine + strspn(zLine, " \t");
    if (*z == 0 || *z == '#') continue;
    char *zArg = z + strcspn(z, " \t");
    if (*zArg) *zArg++ = 0;   /* one separator; the rest is the argument as is */
    const char *zCmd = z;
    if (strcmp(zCmd, "send") == 0) {
      size_t n = driveUnescape(zArg);
      drivePump(&d, 0);
      d.tSend = driveNowMs();
      if (write(d.fd, zArg, n) != (ssize_t)n) driveFail(&d, "cannot write to the terminal");
    } else if (strcmp(zCmd, "expect") == 0 || strcmp(zCmd, "screen") == 0) {
      bool bScreen = zCmd[0] == 's';
      driveUnescape(zArg);
      double tEnd = driveNowMs() + d.timeoutMs;
      for (;;) {
        if (bScreen) {
          if (driveScreenHas(&d, zArg)) {
            d.tMatch = driveNowMs();
            break;
          }
        } else {
          char *zHit = d.nLog > d.iMark ? strstr(d.zLog + d.iMark, zArg) : NULL;
          if (zHit) {
            d.tMatch = driveNowMs();
            d.iMark = (size_t)(zHit - d.zLog) + strlen(zArg);
            break;
          }
        }
        double tLeft = tEnd - driveNowMs();
        if (tLeft <= 0) driveFail(&d, "%s '%s' timed out after %.1f s", zCmd, zArg, d.timeoutMs / 1000);
        if (d.bExited) {
          drivePump(&d, 0);
          if (bScreen ? driveScreenHas(&d, zArg) : strstr(d.zLog + d.iMark, zArg) != NULL) continue;
          driveFail(&d, "%s '%s': the program exited first", zCmd, zArg);
        }
        drivePump(&d, tLeft < 50 ? tLeft : 50);
      }
    } else if (strcmp(zCmd, "absent") == 0) {
      driveUnescape(zArg);
      drivePump(&d, 0);
      if (d.nLog > d.iMark && strstr(d.zLog + d.iMark, zArg)) driveFail(&d, "'%s' appeared", zArg);
    } else if (strcmp(zCmd, "quiet") == 0) {
      double ms = atof(zArg);
      char *zText = zArg + strcspn(zArg, " \t");
      zText += strspn(zText, " \t");
      driveUnescape(zText);
      double tEnd = driveNowMs() + ms;
      for (double tLeft; (tLeft = tEnd - driveNowMs()) > 0;) {
        drivePump(&d, tLeft);
        if (d.nLog > d.iMark && strstr(d.zLog + d.iMark, zText)) {
          driveFail(&d, "'%s' appeared within %.0f ms", zText, ms);
        }
        if (d.bExited) driveFail(&d, "the program exited");
      }
    } else if (strcmp(zCmd, "within") == 0) {
      double ms = atof(zArg), dt = d.tMatch - d.tSend;
      printf("latency %.1f ms\n", dt);
      fflush(stdout);
      if (dt > ms) driveFail(&d, "took %.1f ms, more than %.0f ms", dt, ms);
    } else if (strcmp(zCmd, "aligned") == 0) {
      char zWhy[4200];
      drivePump(&d, 0);
      if (!driveAligned(&d, zWhy, sizeof(zWhy))) driveFail(&d, "tables not aligned: %s", zWhy);
    } else if (strcmp(zCmd, "timeout") == 0) {
      d.timeoutMs = atof(zArg) * 1000;
    } else if (strcmp(zCmd, "exit") == 0) {
      int want = atoi(zArg);
      double tEnd = driveNowMs() + d.timeoutMs;
      while (!d.bExited) {
        double tLeft = tEnd - driveNowMs();
        if (tLeft <= 0) driveFail(&d, "the program did not exit within %.1f s", d.timeoutMs / 1000);
        drivePump(&d, tLeft < 50 ? tLeft : 50);
      }
      for (int k = 0; k < 20; k++) drivePump(&d, 5);   /* the last words */
      if (WIFSIGNALED(d.iStatus)) driveFail(&d, "the program died of signal %d", WTERMSIG(d.iStatus));
      if (WEXITSTATUS(d.iStatus) != want) {
        driveFail(&d, "exit status %d, expected %d", WEXITSTATUS(d.iStatus), want);
      }
    } else if (strcmp(zCmd, "dump") == 0) {
      drivePump(&d, 0);
      driveDumpScreen(&d, stdout);
      fflush(stdout);
    } else if (strcmp(zCmd, "note") == 0) {
      driveUnescape(zArg);
      printf("%s\n", zArg);
      fflush(stdout);
    } else {
      driveFail(&d, "unknown command '%s'", zCmd);
    }
  }
  free(zLine);
  if (fScript != stdin) fclose(fScript);
  if (!d.bExited) {
    kill(d.pid, SIGTERM);
    for (int k = 0; k < 100 && !d.bExited; k++) drivePump(&d, 10);
    if (!d.bExited) {
      kill(d.pid, SIGKILL);
      waitpid(d.pid, &d.iStatus, 0);
    }
  }
  close(d.fd);
  free(d.zLog);
  free(d.scr.aCell);
  free(d.scr.abWrapped);
  return 0;
}
