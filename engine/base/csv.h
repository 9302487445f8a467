/*
** csv.h — a streaming RFC 4180 CSV reader, shared by the bulk import
** (import.c) and LOAD CSV (loadcsv.c).
**
** The reader pulls a file through one buffer with read(2) (1 MiB at a
** time, grown only when a single record is larger) and splits it into
** records in place: each field is unquoted inside the buffer and
** NUL-terminated there, so a record costs no allocation. What it accepts:
**
**   - any one-byte delimiter except '"', CR, LF and NUL;
**   - fields in double quotes, holding delimiters, CR/LF and "" for one
**     '"'; a quote inside an unquoted field is an ordinary character;
**   - records ended by LF, CRLF or a lone CR, the last one optionally
**     unterminated; blank lines are skipped (they are not records);
**   - a UTF-8 byte order mark at the start of the input, which is dropped.
**
** Every record carries the 1-based line on which it starts (a quoted field
** with embedded newlines makes a record span several lines). Malformed
** input (a quoted field never closed, a character after a closing quote)
** makes csv_next() return CSV_ERROR with a message in zErr; reading can
** continue after it, from the next line.
**
** A reader is used by one thread; separate readers share nothing.
*/
#ifndef TANGLE_CSV_H
#define TANGLE_CSV_H

#include "base/common.h"

/* csv_next() results. */
#define CSV_ROW 1          /* a record is ready in aField/nField */
#define CSV_DONE 0         /* end of input */
#define CSV_ERROR (-1)     /* malformed record or read failure; see zErr */

/* One field of the current record. z points into the reader's buffer and
** is NUL-terminated at z[n]; it stays valid until the next csv_next() or
** csv_close(). The caller may modify the bytes z[0..n]. */
typedef struct CsvField {
  char *z;             /* the unquoted text */
  uint32_t n;          /* bytes, not counting the NUL */
  bool bQuoted;        /* written in quotes ("" is an empty quoted field) */
} CsvField;

/* The reader. Fields are public for reading; change them only through the
** functions below. Zero-initialised is a closed reader. */
typedef struct CsvReader {
  int fd;              /* input file, or -1 (memory input, or closed) */
  char *zBuf;          /* buffer: nBuf bytes of input, then a NUL sentinel */
  size_t nAlloc;       /* buffer size (always > nBuf) */
  size_t nBuf;         /* bytes of input in the buffer */
  size_t iPos;         /* where the next record starts */
  bool bEof;           /* the input has no more bytes to read */
  bool bSkipLF;        /* the previous record ended with CR: drop one LF */
  char cDelim;         /* field delimiter */
  int64_t iLine;       /* 1-based line at iPos */
  int64_t iRecLine;    /* line on which the current record starts */
  CsvField *aField;    /* the current record's fields */
  uint32_t *aOff;      /* during parsing: field offsets from the record start */
  uint32_t nField;     /* fields in the current record */
  uint32_t nFieldAlloc;/* capacity of aField and aOff */
  int64_t nRecord;     /* records returned so far */
  uint8_t aStop[256];  /* bytes that end an unquoted run: delimiter, CR, LF, NUL */
  char zErr[200];      /* message of the last CSV_ERROR */
} CsvReader;

/* Opens zPath for reading with delimiter cDelim. Returns true on success;
** false with the reason in p->zErr ("cannot open
** ...: No such file or directory", "the delimiter cannot be '\"'"). The
** reader must be closed with csv_close() either way. */
bool csv_open_file(CsvReader *p, const char *zPath, char cDelim);

/* Opens n bytes of memory (copied) as input. Returns false, with zErr set,
** only for an unusable delimiter. */
bool csv_open_mem(CsvReader *p, const char *z, size_t n, char cDelim);

/* Reads the next record into p->aField / p->nField and p->iRecLine.
** Returns CSV_ROW, CSV_DONE or CSV_ERROR (p->zErr says why; p->iRecLine is
** the line of the bad record; the next call continues after it). */
int csv_next(CsvReader *p);

/* Releases the buffer and closes the file. Safe on a closed reader. */
void csv_close(CsvReader *p);

/* Is c usable as a delimiter? */
bool csv_delimiter_ok(char c);

#endif /* TANGLE_CSV_H */
