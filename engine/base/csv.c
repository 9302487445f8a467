/*
** csv.c — the streaming CSV reader (see csv.h for what it accepts).
**
** One record is parsed in a single pass over the buffer. Unquoted runs are
** scanned with a 256-entry stop table (delimiter, CR, LF, NUL); the buffer
** keeps a NUL sentinel after its last byte, so the scan needs no bounds
** check. Quoted fields are unescaped in place ("" becomes ", shifting the
** rest of the field left), and each field's end is overwritten with a NUL.
**
** When a record runs past the end of the buffer, the partial record is
** moved to the front, more input is read behind it, and parsing resumes
** where it stopped: positions inside the record are kept relative to its
** start, so nothing already parsed is scanned again. The buffer grows
** (doubling) only when one record does not fit, and the limits are
** checked before every refill and at the end of every field, so it never
** grows past about twice nMaxRecord.
*/
#include "base/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/utf8.h"

#define CSV_BUF_MAX_INITIAL ((size_t)1 << 20)   /* first buffer for a large file */
#define CSV_BUF_MIN ((size_t)4096)

/* ======================================================================
** Set-up
** ==================================================================== */

/* Any byte but the quote, CR, LF and NUL (csv.h). */
bool csv_delimiter_ok(char c) { return c != '"' && c != '\n' && c != '\r' && c != 0; }

/* Common initialisation; the buffer is allocated by the caller. */
static bool csvInit(CsvReader *p, char cDelim) {
  memset(p, 0, sizeof(*p));
  p->fd = -1;
  p->nLeft = -1;
  p->cDelim = cDelim;
  p->iLine = 1;
  if (!csv_delimiter_ok(cDelim)) {
    snprintf(p->zErr, sizeof(p->zErr), "the field delimiter cannot be %s",
             cDelim == '"' ? "'\"'" : cDelim == 0 ? "empty" : "a line break");
    return false;
  }
  p->aStop[(uint8_t)cDelim] = 1;
  p->aStop['\n'] = 1;
  p->aStop['\r'] = 1;
  p->aStop[0] = 1;
  CsvOptions opts = {0};
  opts.bMultiline = true;
  csv_set_options(p, &opts);
  return true;
}

/* Sets limits and choices (csv.h); zero limits take the defaults. */
void csv_set_options(CsvReader *p, const CsvOptions *pOpts) {
  p->nMaxField = pOpts->nMaxField ? TG_MIN(pOpts->nMaxField, CSV_LIMIT_CEILING) : CSV_DEFAULT_MAX_FIELD;
  p->nMaxRecord = pOpts->nMaxRecord ? TG_MIN(pOpts->nMaxRecord, CSV_LIMIT_CEILING) : CSV_DEFAULT_MAX_RECORD;
  p->nMaxFields = (uint32_t)TG_MAX(p->nMaxRecord / 16, CSV_MIN_FIELDS);
  p->bMultiline = pOpts->bMultiline;
  p->bUtf8 = pOpts->bUtf8;
  p->xStop = pOpts->xStop;
  p->pStopArg = pOpts->pStopArg;
}

/* Drops a UTF-8 byte order mark at the start of the input. */
static void csvSkipBom(CsvReader *p) {
  if (p->nBuf >= 3 && (uint8_t)p->zBuf[0] == 0xEF && (uint8_t)p->zBuf[1] == 0xBB &&
      (uint8_t)p->zBuf[2] == 0xBF) {
    p->iPos = 3;
  }
}

/*
** Moves the bytes from iKeep on to the front of the buffer and reads more
** input behind them, growing the buffer when it is full. Returns false on
** a read error (zErr set; the input is then treated as ended). Callers
** subtract iKeep from their positions.
*/
static bool csvFill(CsvReader *p, size_t iKeep) {
  size_t nKeep = p->nBuf - iKeep;
  if (iKeep && nKeep) memmove(p->zBuf, p->zBuf + iKeep, nKeep);
  p->nBuf = nKeep;
  p->iBufOff += (int64_t)iKeep;
  if (p->nBuf + 1 >= p->nAlloc) {
    p->nAlloc *= 2;
    p->zBuf = tg_realloc(p->zBuf, p->nAlloc);
  }
  if (p->fd < 0) {
    p->bEof = true;
  } else if (p->xStop && p->xStop(p->pStopArg)) {
    snprintf(p->zErr, sizeof(p->zErr), "reading was stopped");
    p->eErr = CSVE_STOPPED;
    p->bEof = true;
    p->zBuf[p->nBuf] = 0;
    return false;
  } else {
    ssize_t n = 0;
    size_t nWant = p->nAlloc - 1 - p->nBuf;
    if (p->nLeft >= 0 && (uint64_t)p->nLeft < nWant) nWant = (size_t)p->nLeft;
    while (nWant > 0 && (n = read(p->fd, p->zBuf + p->nBuf, nWant)) < 0 && errno == EINTR) {
    }
    if (n < 0) {
      snprintf(p->zErr, sizeof(p->zErr), "read failed: %s", strerror(errno));
      p->eErr = CSVE_READ;
      p->bEof = true;
      p->zBuf[p->nBuf] = 0;
      return false;
    }
    if (n == 0) p->bEof = true;
    if (p->nLeft >= 0) p->nLeft -= n;
    p->nBuf += (size_t)n;
  }
  p->zBuf[p->nBuf] = 0;
  return true;
}

/* Opens a file (csv.h); reads the first buffer and drops a BOM. */
bool csv_open_file(CsvReader *p, const char *zPath, char cDelim) {
  return csv_open_file_range(p, zPath, cDelim, 0, -1);
}

/* Opens a byte range of a file (csv.h). */
bool csv_open_file_range(CsvReader *p, const char *zPath, char cDelim, int64_t iOff, int64_t nLen) {
  if (!csvInit(p, cDelim)) return false;
  int fd = open(zPath, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(p->zErr, sizeof(p->zErr), "cannot open '%s': %s", zPath, strerror(errno));
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    snprintf(p->zErr, sizeof(p->zErr), "cannot read '%s': it is a directory", zPath);
    close(fd);
    return false;
  }
  /* A small file gets a buffer of its own size (LOAD CSV of a few rows
  ** should not cost a megabyte); a pipe or large file gets the maximum. */
  size_t nAlloc = CSV_BUF_MAX_INITIAL;
  uint64_t nExpect = nLen >= 0 ? (uint64_t)nLen : S_ISREG(st.st_mode) ? (uint64_t)st.st_size : UINT64_MAX;
  if (nExpect < nAlloc - 2) nAlloc = TG_MAX((size_t)nExpect + 2, CSV_BUF_MIN);
  if (iOff > 0 && lseek(fd, (off_t)iOff, SEEK_SET) < 0) {
    snprintf(p->zErr, sizeof(p->zErr), "cannot read '%s': %s", zPath, strerror(errno));
    close(fd);
    return false;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise(fd, (off_t)iOff, nLen > 0 ? (off_t)nLen : 0, POSIX_FADV_SEQUENTIAL);
#endif
  p->fd = fd;
  p->iBufOff = iOff;
  p->nLeft = nLen;
  p->nAlloc = nAlloc;
  p->zBuf = tg_malloc(nAlloc);
  p->zBuf[0] = 0;
  if (!csvFill(p, 0)) return false;
  if (iOff == 0) csvSkipBom(p);
  return true;
}

/* Opens a copy of n bytes at z (csv.h); used by tests and small inputs. */
bool csv_open_mem(CsvReader *p, const char *z, size_t n, char cDelim) {
  bool bOk = csvInit(p, cDelim);
  p->nAlloc = n + 1;
  p->zBuf = tg_malloc(p->nAlloc);
  if (n) memcpy(p->zBuf, z, n);
  p->nBuf = n;
  p->zBuf[n] = 0;
  p->bEof = true;
  csvSkipBom(p);
  return bOk;
}

/* Frees the buffer and field arrays, closes the file (csv.h). */
void csv_close(CsvReader *p) {
  if (p->fd >= 0) close(p->fd);
  tg_free(p->zBuf);
  tg_free(p->aField);
  tg_free(p->aOff);
  p->fd = -1;
  p->zBuf = NULL;
  p->aField = NULL;
  p->aOff = NULL;
  p->nField = p->nFieldAlloc = 0;
  p->nBuf = p->iPos = 0;
  p->bEof = true;
}

/* ======================================================================
** Records
** ==================================================================== */

/* The limits csvOverLimit() reports. */
#define CSV_OVER_FIELD 0     /* one field's bytes */
#define CSV_OVER_RECORD 1    /* one record's bytes */
#define CSV_OVER_FIELDS 2    /* fields in one record */

/*
** Abandons the input because a limit was passed: zErr names the limit
** and the setting that raises it (and, when a quoted field is still open,
** the line it opened on: a stray quote is the usual cause). Nothing more
** is read; the next csv_next() reports CSV_DONE. Returns CSV_ERROR.
*/
static int csvOverLimit(CsvReader *p, int eWhat, int64_t iQuoteLine) {
  char zSize[32];
  int n;
  if (eWhat == CSV_OVER_FIELDS) {
    n = snprintf(p->zErr, sizeof(p->zErr),
                 "the record has more than %u fields, the limit (a sixteenth of the csv.max_record "
                 "setting, at least %d: --csv-max-record)", p->nMaxFields, CSV_MIN_FIELDS);
  } else {
    bool bField = eWhat == CSV_OVER_FIELD;
    mem_format_size(bField ? p->nMaxField : p->nMaxRecord, zSize, sizeof(zSize));
    n = bField ? snprintf(p->zErr, sizeof(p->zErr),
                          "field %u is larger than %s, the limit (the csv.max_field setting: "
                          "--csv-max-field)", p->nField + 1, zSize)
               : snprintf(p->zErr, sizeof(p->zErr),
                          "the record is larger than %s, the limit (the csv.max_record setting: "
                          "--csv-max-record)", zSize);
  }
  /* The quote's line is named only when it is not the record's own (which
  ** every caller reports): a reader of a range of a file counts lines from
  ** the range's start, and only its caller knows where the range begins. */
  if (iQuoteLine > 0 && n > 0 && (size_t)n < sizeof(p->zErr)) {
    if (iQuoteLine == p->iRecLine) {
      snprintf(p->zErr + n, sizeof(p->zErr) - (size_t)n, "; a quoted field is still open");
    } else {
      snprintf(p->zErr + n, sizeof(p->zErr) - (size_t)n,
               "; a quoted field opened on line %lld is still open", (long long)iQuoteLine);
    }
  }
  p->eErr = CSVE_LIMIT;
  p->nField = 0;
  p->iPos = p->nBuf;
  p->bEof = true;
  return CSV_ERROR;
}

/* Records a field [iStart, iEnd) of the record starting at iRec and writes
** its NUL terminator. Returns false, the input abandoned, when the field
** or the field count passes its limit. */
static bool csvAddField(CsvReader *p, size_t iRec, size_t iStart, size_t iEnd, bool bQuoted) {
  int eOver = iEnd - iStart > p->nMaxField ? CSV_OVER_FIELD
            : p->nField >= p->nMaxFields  ? CSV_OVER_FIELDS
                                          : -1;
  if (eOver >= 0) {
    csvOverLimit(p, eOver, 0);
    return false;
  }
  if (p->nField == p->nFieldAlloc) {
    p->nFieldAlloc = p->nFieldAlloc ? p->nFieldAlloc * 2 : 16;
    p->aField = tg_realloc(p->aField, sizeof(CsvField) * p->nFieldAlloc);
    p->aOff = tg_realloc(p->aOff, sizeof(uint32_t) * p->nFieldAlloc);
  }
  p->aOff[p->nField] = (uint32_t)(iStart - iRec);
  p->aField[p->nField].n = (uint32_t)(iEnd - iStart);
  p->aField[p->nField].bQuoted = bQuoted;
  p->nField++;
  p->zBuf[iEnd] = 0;
  return true;
}

/* Skips to just past the next line break (error recovery). */
static void csvSkipLine(CsvReader *p, size_t i) {
  for (;;) {
    if (i >= p->nBuf) {
      if (p->bEof || !csvFill(p, p->nBuf)) {
        p->iPos = p->nBuf;
        return;
      }
      i = 0;
      continue;
    }
    char c = p->zBuf[i++];
    if (c == '\n' || c == '\r') {
      p->iLine++;
      p->bSkipLF = c == '\r';
      p->iPos = i;
      return;
    }
  }
}

/* Fails the current record: message, then recovery from the next line. */
static int csvFail(CsvReader *p, size_t iResume, const char *zMsg) {
  snprintf(p->zErr, sizeof(p->zErr), "%s", zMsg);
  p->eErr = CSVE_MALFORMED;
  p->nField = 0;
  csvSkipLine(p, iResume);
  return CSV_ERROR;
}

/* Skips blank lines (and the LF of a CRLF). Returns false at the end of
** the input or on a read error (then zErr is set). */
static bool csvSkipBlank(CsvReader *p) {
  for (;;) {
    if (p->iPos >= p->nBuf) {
      if (p->bEof) return false;
      if (!csvFill(p, p->iPos)) return false;
      p->iPos = 0;
      continue;
    }
    char c = p->zBuf[p->iPos];
    if (c == '\n') {
      if (!p->bSkipLF) p->iLine++;
      p->bSkipLF = false;
      p->iPos++;
    } else if (c == '\r') {
      p->iLine++;
      p->bSkipLF = true;
      p->iPos++;
    } else {
      p->bSkipLF = false;
      return true;
    }
  }
}

/* With bUtf8: fails a complete record (already consumed) that holds a
** field which is not UTF-8, naming the field and the first bad byte.
** Returns CSV_ROW when every field is valid. */
static int csvCheckUtf8(CsvReader *p) {
  for (uint32_t k = 0; k < p->nField; k++) {
    const CsvField *f = &p->aField[k];
    size_t nGood = utf8_valid_prefix(f->z, f->n);
    if (nGood == f->n) continue;
    snprintf(p->zErr, sizeof(p->zErr),
             "field %u is not valid UTF-8: byte 0x%02X after %zu valid byte%s (convert the file "
             "to UTF-8, e.g. with iconv)",
             k + 1, (unsigned)(uint8_t)f->z[nGood], nGood, nGood == 1 ? "" : "s");
    p->eErr = CSVE_UTF8;
    p->nField = 0;
    return CSV_ERROR;
  }
  return CSV_ROW;
}

/*
** The record parser. Positions are indexes into zBuf; when the buffer is
** refilled they all move down by the record's start (iRec becomes 0). The
** stop table sends every delimiter, CR, LF and NUL (the sentinel at nBuf)
** out of the unquoted scan. Limits are checked before each refill (the
** record so far, the field so far) and as each field ends.
*/
int csv_next(CsvReader *p) {
  p->nField = 0;
  p->zErr[0] = 0;
  p->eErr = 0;
  if (p->zBuf == NULL) return CSV_DONE;
  if (!csvSkipBlank(p)) return p->zErr[0] ? CSV_ERROR : CSV_DONE;
  size_t iRec = p->iPos;
  p->iRecLine = p->iLine;
  const uint8_t *aStop = p->aStop;
  const char cDelim = p->cDelim;
  size_t i = iRec;
  size_t nRecLen = 0;          /* the record's bytes, without its line break */
  int64_t iQuoteLine = 0;      /* line the open quoted field began on; 0 outside quotes */

/* Refills, moving the record to the front; adjusts the listed positions.
** A record already past its limit is not read further. */
#define CSV_REFILL(...)                                     \
  do {                                                      \
    if (i - iRec > p->nMaxRecord) return csvOverLimit(p, CSV_OVER_RECORD, iQuoteLine); \
    size_t iShift_ = iRec;                                  \
    if (!csvFill(p, iRec)) {                                \
      p->nField = 0;                                        \
      p->iPos = p->nBuf;                                    \
      return CSV_ERROR;                                     \
    }                                                       \
    iRec = 0;                                               \
    size_t *aAdj_[] = {__VA_ARGS__};                        \
    for (size_t k_ = 0; k_ < sizeof(aAdj_) / sizeof(aAdj_[0]); k_++) *aAdj_[k_] -= iShift_; \
  } while (0)

  for (;;) {
    /* At the start of a field. */
    if (i >= p->nBuf && !p->bEof) CSV_REFILL(&i);
    if (i < p->nBuf && p->zBuf[i] == '"') {
      /* Quoted field: copy down over the escapes, w trails i. */
      size_t iStart = ++i, w = i;
      iQuoteLine = p->iLine;
      for (;;) {
        if (i >= p->nBuf) {
          if (p->bEof) {
            p->iPos = p->nBuf;
            p->nField = 0;
            p->eErr = CSVE_MALFORMED;
            /* The line is named only when it is not the record's own
            ** (which every caller reports): a reader of a range of a
            ** file counts lines from the range's start. */
            if (iQuoteLine == p->iRecLine) {
              snprintf(p->zErr, sizeof(p->zErr), "the quoted field is never closed");
            } else {
              snprintf(p->zErr, sizeof(p->zErr), "the quoted field opened on line %lld is never closed",
                       (long long)iQuoteLine);
            }
            return CSV_ERROR;
          }
          if (w - iStart > p->nMaxField) return csvOverLimit(p, CSV_OVER_FIELD, iQuoteLine);
          CSV_REFILL(&i, &w, &iStart);
          continue;
        }
        char c = p->zBuf[i];
        if (c == '"') {
          if (i + 1 >= p->nBuf && !p->bEof) {
            CSV_REFILL(&i, &w, &iStart);
            continue;
          }
          if (i + 1 < p->nBuf && p->zBuf[i + 1] == '"') {
            p->zBuf[w++] = '"';
            i += 2;
            continue;
          }
          i++;   /* the closing quote */
          break;
        }
        if ((c == '\n' || c == '\r') && !p->bMultiline) {
          /* One stray quote must not swallow the lines after it. */
          return csvFail(p, i, "a quoted field is not closed on its line (a stray '\"'?); line "
                               "breaks inside quoted fields need --multiline-fields");
        }
        if (c == '\r' && i + 1 >= p->nBuf && !p->bEof) {
          CSV_REFILL(&i, &w, &iStart);   /* is it CRLF? look at the next byte */
          continue;
        }
        if (c == '\n') p->iLine++;
        else if (c == '\r' && !(i + 1 < p->nBuf && p->zBuf[i + 1] == '\n')) p->iLine++;
        p->zBuf[w++] = c;
        i++;
      }
      iQuoteLine = 0;
      /* After the closing quote: a delimiter, a line end or the end. */
      if (i >= p->nBuf && !p->bEof) CSV_REFILL(&i, &w, &iStart);
      if (i >= p->nBuf) {
        if (!csvAddField(p, iRec, iStart, w, true)) return CSV_ERROR;
        nRecLen = i - iRec;
        break;
      }
      char c = p->zBuf[i];
      if (c == cDelim) {
        if (!csvAddField(p, iRec, iStart, w, true)) return CSV_ERROR;
        i++;
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (!csvAddField(p, iRec, iStart, w, true)) return CSV_ERROR;
        nRecLen = i - iRec;
        p->iLine++;
        p->bSkipLF = c == '\r';
        i++;
        break;
      }
      char zMsg[80];
      if ((uint8_t)c >= 0x20 && (uint8_t)c < 0x7f) {
        snprintf(zMsg, sizeof(zMsg), "unexpected '%c' after a closing quote", c);
      } else {
        snprintf(zMsg, sizeof(zMsg), "unexpected byte 0x%02x after a closing quote", (uint8_t)c);
      }
      return csvFail(p, i, zMsg);
    }
    /* Unquoted field. */
    size_t iStart = i;
    for (;;) {
      while (!aStop[(uint8_t)p->zBuf[i]]) i++;
      if (p->zBuf[i] == 0) {
        if (i < p->nBuf) {   /* a NUL byte in the data */
          i++;
          continue;
        }
        if (!p->bEof) {
          if (i - iStart > p->nMaxField) return csvOverLimit(p, CSV_OVER_FIELD, 0);
          CSV_REFILL(&i, &iStart);
          continue;
        }
      }
      break;
    }
    char c = p->zBuf[i];
    if (!csvAddField(p, iRec, iStart, i, false)) return CSV_ERROR;
    if (i >= p->nBuf) {                     /* end of input */
      nRecLen = i - iRec;
      break;
    }
    i++;
    if (c == cDelim) continue;
    nRecLen = i - 1 - iRec;
    p->iLine++;                             /* LF or CR */
    p->bSkipLF = c == '\r';
    break;
  }
#undef CSV_REFILL
  if (nRecLen > p->nMaxRecord) return csvOverLimit(p, CSV_OVER_RECORD, 0);
  p->iPos = i;
  for (uint32_t k = 0; k < p->nField; k++) p->aField[k].z = p->zBuf + iRec + p->aOff[k];
  p->nRecord++;
  return p->bUtf8 ? csvCheckUtf8(p) : CSV_ROW;
}
