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
** Hostile input is bounded (csv_set_options): a field may hold at most
** nMaxField bytes and a record nMaxRecord bytes and nMaxRecord / 16
** fields (at least CSV_MIN_FIELDS), so memory stays within about twice nMaxRecord whatever the file
** (/dev/zero, a quote never closed); passing a limit abandons the input,
** as does a read error or the xStop callback, which is asked before every
** read so that a caller can interrupt a long file. Line breaks inside
** quoted fields can be refused, so that one stray quote spoils one line
** rather than swallowing the rest of the file, and fields can be required
** to be valid UTF-8. eErr tells these failures apart.
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

/* What went wrong, in CsvReader.eErr after CSV_ERROR. The first two
** spoil one record and reading goes on; the others abandon the input
** (csv_next() then reports CSV_DONE). */
#define CSVE_MALFORMED 1   /* bad quoting */
#define CSVE_UTF8 2        /* a field is not valid UTF-8 (bUtf8) */
#define CSVE_LIMIT 3       /* a field or record past its limit */
#define CSVE_READ 4        /* read(2) failed */
#define CSVE_STOPPED 5     /* xStop asked to stop */

/* Default limits (the csv.max_field and csv.max_record settings). Four
** MiB per field is what neo4j-admin import's read buffer allows. */
#define CSV_DEFAULT_MAX_FIELD ((size_t)4 << 20)
#define CSV_DEFAULT_MAX_RECORD ((size_t)16 << 20)
/* Fields a record may hold: a sixteenth of nMaxRecord, but at least this
** many (so that a small record cap does not also cap the columns). */
#define CSV_MIN_FIELDS 1024
/* The largest value either limit may be set to (offsets are 32-bit). */
#define CSV_LIMIT_CEILING ((size_t)1 << 30)

/* How a reader treats hostile or unusual input. Zero-initialised: the
** default limits, no line breaks inside quoted fields, no UTF-8 check, no
** stop callback. */
typedef struct CsvOptions {
  size_t nMaxField;        /* bytes of one field's text; 0: CSV_DEFAULT_MAX_FIELD */
  size_t nMaxRecord;       /* bytes of one record (without its line break); 0: default */
  bool bMultiline;         /* a quoted field may hold line breaks (RFC 4180) */
  bool bUtf8;              /* every field must be valid UTF-8 */
  bool (*xStop)(void *pArg);   /* asked before each read: true abandons the input */
  void *pStopArg;          /* passed to xStop */
} CsvOptions;

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
  int64_t nLeft;       /* bytes of the file still to read, or -1: up to its end */
  char *zBuf;          /* buffer: nBuf bytes of input, then a NUL sentinel */
  size_t nAlloc;       /* buffer size (always > nBuf) */
  size_t nBuf;         /* bytes of input in the buffer */
  size_t iPos;         /* where the next record starts */
  int64_t iBufOff;     /* offset in the file of zBuf[0] */
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
  size_t nMaxField;    /* limits and choices (CsvOptions) */
  size_t nMaxRecord;
  uint32_t nMaxFields; /* fields per record: nMaxRecord / 16, at least CSV_MIN_FIELDS */
  bool bMultiline;
  bool bUtf8;
  bool (*xStop)(void *);
  void *pStopArg;
  int eErr;            /* CSVE_* of the last CSV_ERROR */
  char zErr[200];      /* message of the last CSV_ERROR */
} CsvReader;

/* Opens zPath for reading with delimiter cDelim. Returns true on success;
** false with the reason in p->zErr ("cannot open
** ...: No such file or directory", "the delimiter cannot be '\"'"). The
** reader must be closed with csv_close() either way. */
bool csv_open_file(CsvReader *p, const char *zPath, char cDelim);
/* Opens nLen bytes of zPath from byte iOff (nLen < 0: to the end) as the
** whole input, so that several readers can share out one large file.
** A byte order mark is dropped only at offset 0; line numbers count from
** the range's start. */
bool csv_open_file_range(CsvReader *p, const char *zPath, char cDelim, int64_t iOff, int64_t nLen);

/* The offset in the input of the first byte no record has taken yet:
** after csv_next() returns a record, where the bytes after it begin (past
** its line break; after a CR, at the LF that may follow). */
static inline int64_t csv_offset(const CsvReader *p) { return p->iBufOff + (int64_t)p->iPos; }

/* Opens n bytes of memory (copied) as input. Returns false, with zErr set,
** only for an unusable delimiter. */
bool csv_open_mem(CsvReader *p, const char *z, size_t n, char cDelim);

/* Sets the limits and choices for the records still to be read. Without
** this call a reader has the default limits and accepts line breaks in
** quoted fields (RFC 4180), and checks no UTF-8. */
void csv_set_options(CsvReader *p, const CsvOptions *pOpts);

/* Reads the next record into p->aField / p->nField and p->iRecLine.
** Returns CSV_ROW, CSV_DONE or CSV_ERROR (p->zErr says why and p->eErr
** how; p->iRecLine is the line of the bad record; after CSVE_MALFORMED or
** CSVE_UTF8 the next call continues after it, after the others the input
** is abandoned). */
int csv_next(CsvReader *p);

/* Releases the buffer and closes the file. Safe on a closed reader. */
void csv_close(CsvReader *p);

/* Is c usable as a delimiter? */
bool csv_delimiter_ok(char c);

/* Does error eErr (CSVE_*) abandon the input, rather than one record? */
static inline bool csv_error_abandons(int eErr) { return eErr >= CSVE_LIMIT; }

#endif /* TANGLE_CSV_H */
