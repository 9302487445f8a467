/*
** op_load_csv.c — LoadCsv: for each input row, opens the file its URL
** expression names and yields one row per CSV record, binding the
** variable to a list of strings or, WITH HEADERS, to a map from the header
** names to strings.
**
** An empty unquoted field is null (as in Neo4j); an empty quoted field
** ("") is the empty string. Quoted fields may hold line breaks (as in
** Neo4j). Every field must be valid UTF-8, and fields and records are
** capped by the csv.max_field and csv.max_record settings: a file that
** breaks either rule fails the statement with an error naming the file
** and line (an IOError, or a ResourceLimit for a cap), and reading stops
** at once when the statement is interrupted or times out, even inside a
** long record. With headers, a record shorter than the header
** gives nulls for the missing columns and extra fields are dropped; when
** a name repeats, the last column of that name wins.
**
** Each row also sets the context that file() and linenumber() read
** (ExecCtx.zCsvFile, iCsvLine); it is cleared after the last row. Past
** NOTIFY_CSV_ROWS rows it asks for the missing-index hint (notify.h).
**
** Value lifetime: field strings point into the reader's buffer, which
** stays put until the next record is read, i.e. until this operator's next
** row (exec_ctx.h's rule); the list or map holding them is in the scratch
** arena, reset per row. Header names live in a per-run arena.
*/
#include "exec/op.h"

#include <stdio.h>
#include <strings.h>

#include "base/csv.h"
#include "base/htab.h"
#include "eval/expr.h"
#include "base/mem.h"
#include "store/db.h"
#include "eval/notify.h"

typedef struct OpLoadCsv {
  Op base;
  uint32_t iSlot;          /* the row variable */
  const AstNode *pUrl;     /* file name or file: URL */
  char cDelim;             /* field delimiter */
  bool bHeaders;           /* WITH HEADERS */
  int iOfst;               /* the clause, for error positions */
  bool bActive;            /* records of the current input row's file remain */
  bool bFileOpen;          /* rd is open (kept after its end until the next
                           ** file or close: the last row's values point into it) */
  CsvReader rd;            /* the file */
  char *zPath;             /* its path (heap), for messages */
  Arena headArena;         /* header names (per run) */
  uint32_t nKey;           /* distinct header names */
  MapEntry *aKey;          /* their map entries (values unset) */
  uint32_t *aColKey;       /* column -> index in aKey */
  uint32_t nCol;           /* header columns */
  int64_t nRow;            /* rows yielded since open (for the 03N93 hint) */
} OpLoadCsv;

/* Closes the file, if one is open. */
static void loadCsvCloseFile(OpLoadCsv *l) {
  ExecCtx *pCtx = l->base.pCtx;
  if (pCtx->zCsvFile == l->zPath) pCtx->zCsvFile = NULL;   /* file() must not see a freed path */
  if (l->bFileOpen) csv_close(&l->rd);
  l->bFileOpen = false;
  l->bActive = false;
  tg_free(l->zPath);
  l->zPath = NULL;
}

/* Decodes %XX escapes of a file URL in place. */
static void loadCsvPercentDecode(char *z) {
  char *w = z;
  for (const char *r = z; *r; r++) {
    int hi, lo;
    if (r[0] == '%' && r[1] && r[2] &&
        (hi = r[1] >= 'a' ? r[1] - 'a' + 10 : r[1] >= 'A' ? r[1] - 'A' + 10 : r[1] - '0') >= 0 &&
        hi < 16 && (lo = r[2] >= 'a' ? r[2] - 'a' + 10 : r[2] >= 'A' ? r[2] - 'A' + 10 : r[2] - '0') >= 0 &&
        lo < 16) {
      *w++ = (char)(hi * 16 + lo);
      r += 2;
    } else {
      *w++ = *r;
    }
  }
  *w = 0;
}

/*
** The path a URL names: file:///abs/path, file://localhost/abs/path and
** file:/abs/path give /abs/path (with %XX decoded); text without a scheme
** is a path as it is (relative to the working directory). Returns a heap
** string, or NULL (error raised) for another scheme.
*/
static char *loadCsvPath(OpLoadCsv *l, const char *z, uint32_t n) {
  if (n >= 5 && strncasecmp(z, "file:", 5) == 0) {
    const char *p = z + 5;
    if (strncmp(p, "//", 2) == 0) {
      p += 2;
      if (strncasecmp(p, "localhost/", 10) == 0) p += 9;
      else if (*p != '/') {
        exec_error(l->base.pCtx, l->iOfst, ERR_IO, "LOAD CSV: cannot read '%s': only local files are supported", z);
        return NULL;
      }
    }
    char *zPath = tg_strndup(p, n - (uint32_t)(p - z));
    loadCsvPercentDecode(zPath);
    return zPath;
  }
  const char *zColon = memchr(z, ':', n);
  if (zColon && zColon > z && zColon + 2 < z + n && zColon[1] == '/' && zColon[2] == '/') {
    exec_error(l->base.pCtx, l->iOfst, ERR_IO, "LOAD CSV: cannot read '%s': only local files are supported", z);
    return NULL;
  }
  return tg_strndup(z, n);
}

/* Raises an IOError naming the file and line, and records them. */
static int loadCsvFail(OpLoadCsv *l, int64_t iLine, const char *zMsg) {
  ExecCtx *pCtx = l->base.pCtx;
  if (iLine > 0) {
    exec_error(pCtx, l->iOfst, ERR_IO, "LOAD CSV: %s:%lld: %s", l->zPath, (long long)iLine, zMsg);
  } else {
    exec_error(pCtx, l->iOfst, ERR_IO, "LOAD CSV: %s", zMsg);
  }
  error_in_file(pCtx->pErr, l->zPath, iLine);
  return OP_ERROR;
}

/* Fails on the reader's last CSV_ERROR: a cap passed is a ResourceLimit;
** a stop asked for by the statement (interrupt, timeout) has already set
** its error; anything else is an IOError. All but the stop name the file
** and line. */
static int loadCsvReadFail(OpLoadCsv *l) {
  ExecCtx *pCtx = l->base.pCtx;
  const CsvReader *rd = &l->rd;
  if (rd->eErr == CSVE_STOPPED && pCtx->pErr->code) return OP_ERROR;
  if (rd->eErr == CSVE_LIMIT) {
    exec_error(pCtx, l->iOfst, ERR_LIMIT, "LOAD CSV: %s:%lld: %s", l->zPath, (long long)rd->iRecLine,
               rd->zErr);
    error_in_file(pCtx->pErr, l->zPath, rd->iRecLine);
    return OP_ERROR;
  }
  return loadCsvFail(l, rd->iRecLine, rd->zErr);
}

/* The reader's xStop: has the statement been interrupted or run out of
** time (the error is then set)? Asked before every read, so a file that
** is one endless record still stops promptly. */
static bool loadCsvMustStop(void *pArg) { return exec_must_stop((ExecCtx *)pArg); }

/* Does header key iEntry of l (a MapEntry array) hold the field pKey? */
static bool loadCsvKeyEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const MapEntry *e = &((const OpLoadCsv *)pCtx)->aKey[iEntry];
  const CsvField *f = pKey;
  return e->nKey == f->n && memcmp(e->zKey, f->z, f->n) == 0;
}

/* Keeps the header record: distinct names (last column of a name wins),
** found through a hash so a header of 100,000 columns is not compared
** pair by pair. */
static void loadCsvHeaders(OpLoadCsv *l) {
  const CsvReader *rd = &l->rd;
  l->nCol = rd->nField;
  l->aKey = arena_zalloc(&l->headArena, sizeof(MapEntry) * (rd->nField + 1));
  l->aColKey = arena_alloc(&l->headArena, sizeof(uint32_t) * (rd->nField + 1));
  l->nKey = 0;
  HTab names;
  htab_init(&names);
  for (uint32_t i = 0; i < rd->nField; i++) {
    const CsvField *f = &rd->aField[i];
    uint64_t h = htab_hash_bytes(f->z, f->n);
    int64_t k = htab_find(&names, h, loadCsvKeyEq, l, f);
    if (k < 0) {
      k = l->nKey++;
      l->aKey[k].zKey = arena_strndup(&l->headArena, f->z, f->n);
      l->aKey[k].nKey = f->n;
      htab_insert(&names, h, (uint32_t)k);
    }
    l->aColKey[i] = (uint32_t)k;
  }
  htab_free(&names);
}

/* Opens the file of the current input row. Returns OP_ROW when rows may
** follow, OP_DONE when the file holds nothing (no header), OP_ERROR. */
static int loadCsvOpen(OpLoadCsv *l) {
  Op *p = &l->base;
  loadCsvCloseFile(l);
  Value url;
  if (!expr_eval(p->pCtx, l->pUrl, &p->scratch, &url)) return OP_ERROR;
  if (url.type != VAL_STRING) {
    exec_error(p->pCtx, l->pUrl->iOfst, ERR_TYPE_MISMATCH,
               "LOAD CSV FROM needs a string (a file name or file:/// URL), not %s",
               value_type_name(url.type));
    return OP_ERROR;
  }
  l->zPath = loadCsvPath(l, url.u.z, url.n);
  if (l->zPath == NULL) return OP_ERROR;
  char *zAllowed = NULL, zWhy[400];
  if (!files_allow(&p->pCtx->pDb->files, l->zPath, false, &zAllowed, zWhy, sizeof(zWhy))) {
    char zMsg[600];
    snprintf(zMsg, sizeof(zMsg), "cannot read '%s': %s", l->zPath, zWhy);
    return loadCsvFail(l, 0, zMsg);
  }
  tg_free(l->zPath);
  l->zPath = zAllowed;
  if (!csv_open_file(&l->rd, l->zPath, l->cDelim)) {
    char zMsg[sizeof(l->rd.zErr)];
    memcpy(zMsg, l->rd.zErr, sizeof(zMsg));
    csv_close(&l->rd);
    return loadCsvFail(l, 0, zMsg);
  }
  const tg_db *pDb = p->pCtx->pDb;
  CsvOptions opts = {0};
  opts.nMaxField = (size_t)pDb->nCsvMaxField;
  opts.nMaxRecord = (size_t)pDb->nCsvMaxRecord;
  opts.bMultiline = true;
  opts.bUtf8 = true;
  opts.xStop = loadCsvMustStop;
  opts.pStopArg = p->pCtx;
  csv_set_options(&l->rd, &opts);
  l->bFileOpen = true;
  l->bActive = true;
  if (l->bHeaders) {
    int rc = csv_next(&l->rd);
    if (rc == CSV_ERROR) return loadCsvReadFail(l);
    if (rc == CSV_DONE) return OP_DONE;
    arena_reset(&l->headArena);
    loadCsvHeaders(l);
  }
  return OP_ROW;
}

static void loadCsvOpenOp(Op *p) {
  OpLoadCsv *l = (OpLoadCsv *)p;
  op_open(p->pChild);
  l->bActive = false;
  l->nRow = 0;
}

static int loadCsvNext(Op *p) {
  OpLoadCsv *l = (OpLoadCsv *)p;
  for (;;) {
    if (!l->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) {
        if (p->pCtx->zCsvFile == l->zPath) p->pCtx->zCsvFile = NULL;   /* past the last row */
        return rc;
      }
      arena_reset(&p->scratch);
      rc = loadCsvOpen(l);
      if (rc == OP_ERROR) return OP_ERROR;
      if (rc == OP_DONE) {
        l->bActive = false;
        continue;
      }
    }
    arena_reset(&p->scratch);
    int rc = csv_next(&l->rd);
    if (rc == CSV_DONE) {
      l->bActive = false;
      continue;
    }
    if (rc == CSV_ERROR) return loadCsvReadFail(l);
    if (exec_check_interrupt(p->pCtx)) return OP_ERROR;
    const CsvReader *rd = &l->rd;
    Value v;
    if (l->bHeaders) {
      v = value_map_new(&p->scratch, l->nKey);
      for (uint32_t k = 0; k < l->nKey; k++) {
        v.u.m[k].zKey = l->aKey[k].zKey;
        v.u.m[k].nKey = l->aKey[k].nKey;
        v.u.m[k].v = value_null();
      }
      for (uint32_t i = 0; i < rd->nField && i < l->nCol; i++) {
        const CsvField *f = &rd->aField[i];
        v.u.m[l->aColKey[i]].v = f->n || f->bQuoted ? value_str(f->z, f->n) : value_null();
      }
    } else {
      v = value_list_new(&p->scratch, rd->nField);
      for (uint32_t i = 0; i < rd->nField; i++) {
        const CsvField *f = &rd->aField[i];
        v.u.a[i] = f->n || f->bQuoted ? value_str(f->z, f->n) : value_null();
      }
    }
    p->pCtx->aSlot[l->iSlot] = v;
    p->pCtx->zCsvFile = l->zPath;
    p->pCtx->iCsvLine = rd->iRecLine;
    if (++l->nRow == NOTIFY_CSV_ROWS + 1 && p->pCtx->pNotices) notify_csv_rows(p->pCtx->pNotices, p->pCtx->pGraph);
    return OP_ROW;
  }
}

static void loadCsvClose(Op *p) {
  OpLoadCsv *l = (OpLoadCsv *)p;
  loadCsvCloseFile(l);
  arena_reset(&l->headArena);
  op_close(p->pChild);
}

static void loadCsvFree(Op *p) {
  OpLoadCsv *l = (OpLoadCsv *)p;
  loadCsvCloseFile(l);
  arena_free(&l->headArena);
}

static void loadCsvExplain(Op *p, StrBuf *pOut) {
  OpLoadCsv *l = (OpLoadCsv *)p;
  if (l->bHeaders) strbuf_puts(pOut, "WITH HEADERS ");
  strbuf_puts(pOut, "FROM ");
  op_put_expr(p, pOut, l->pUrl);
  strbuf_puts(pOut, " AS ");
  op_put_slot(p, pOut, l->iSlot);
  if (l->cDelim != ',') {
    if (l->cDelim == '\t') strbuf_puts(pOut, " FIELDTERMINATOR '\\t'");
    else strbuf_printf(pOut, " FIELDTERMINATOR '%c'", l->cDelim);
  }
}

static const OpVtab loadCsvVtab = {"LoadCsv", loadCsvOpenOp, loadCsvNext, loadCsvClose,
                                   loadCsvExplain, loadCsvFree};

/* Makes the operator in the statement arena (loadcsv.h). */
Op *op_load_csv(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, const AstNode *pUrl, char cDelim,
                bool bHeaders, int iOfst) {
  OpLoadCsv *l = (OpLoadCsv *)op_alloc(pCtx, sizeof(OpLoadCsv), &loadCsvVtab, pChild);
  l->iSlot = iSlot;
  l->pUrl = pUrl;
  l->cDelim = cDelim;
  l->bHeaders = bHeaders;
  l->iOfst = iOfst;
  l->rd.fd = -1;
  arena_init(&l->headArena);
  return &l->base;
}
