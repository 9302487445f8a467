/*
** tangle.c — the public C interface (tangle.h) over the engine.
**
** Thin by design: databases and scripts, errors, parameters, columns,
** value accessors and procedures. Statement execution lives in stmt.c.
*/
#include "tangle.h"

#include <stdio.h>

#include "store/db.h"
#include "base/csv.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "syntax/parse.h"
#include "eval/proc.h"
#include "out/render.h"
#include "conn.h"
#include "stmt.h"
#include "store/dump.h"
#include "store/durable.h"
#include "store/export.h"
#include "store/index.h"
#include "store/valfmt.h"

/* ---- Databases ---------------------------------------------------------- */

int tg_open(tg_db **ppDb) { return tg_open_v2(NULL, ppDb, 0); }

int tg_open_v2(const char *zPath, tg_db **ppDb, int flags) {
  tg_db *pDb = tg_calloc(1, sizeof(tg_db));
  pDb->pGraph = graph_new();
  strbuf_init(&pDb->openReport);
  error_clear(&pDb->err);
  pDb->nRenderMax = RENDER_DEFAULT_MAX_NODES;
  pDb->nRenderMaxRels = RENDER_DEFAULT_MAX_RELS;
  pDb->nMaxMemory = mem_default_budget();
  pDb->nCsvMaxField = (int64_t)CSV_DEFAULT_MAX_FIELD;
  pDb->nCsvMaxRecord = (int64_t)CSV_DEFAULT_MAX_RECORD;
  pDb->zLocalZone = "UTC";
  pDb->nLockTimeoutMs = CONN_DEFAULT_LOCK_TIMEOUT_MS;
  proc_register_builtins(pDb);
  *ppDb = pDb;
  if (zPath == NULL) return TG_OK;
  DurableOpts opts = {.bReadOnly = (flags & TG_OPEN_READONLY) != 0,
                      .bCreate = (flags & TG_OPEN_CREATE) != 0,
                      .eSync = WAL_SYNC_FULL,
                      .nCheckpointBytes = DURABLE_CHECKPOINT_BYTES};
  pDb->pDurable = durable_open(zPath, &opts, pDb->pGraph, &pDb->bCreated, &pDb->openReport, &pDb->err);
  if (pDb->pDurable == NULL) return TG_ERROR;
  pDb->bReadOnly = opts.bReadOnly;
  return TG_OK;
}

const char *tg_open_report(tg_db *pDb) { return strbuf_cstr(&pDb->openReport); }
int tg_db_created(tg_db *pDb) { return pDb->bCreated; }
const char *tg_db_path(tg_db *pDb) { return pDb->pDurable ? durable_path(pDb->pDurable) : NULL; }

int tg_recover(const char *zPath, const char *zTo, char **pzReport, char **pzErr) {
  StrBuf report;
  strbuf_init(&report);
  TgError err;
  error_clear(&err);
  bool bOk = durable_recover(zPath, zTo, &report, &err);
  strbuf_puts(&report, "");
  *pzReport = strbuf_detach(&report);
  *pzErr = bOk ? NULL : tg_strndup(err.zMsg, strlen(err.zMsg));
  return bOk ? TG_OK : TG_ERROR;
}

int tg_checkpoint(tg_db *pDb) {
  error_clear(&pDb->err);
  if (pDb->pDurable == NULL) {
    error_raw(&pDb->err, TG_ERR_SEMANTIC, "", "the database is in memory: there is nothing to checkpoint");
    return TG_ERROR;
  }
  if (pDb->bInTxn || pDb->eLock != DB_LOCK_NONE) {
    error_raw(&pDb->err, TG_ERR_SEMANTIC, "", "cannot checkpoint inside a transaction; COMMIT or ROLLBACK first");
    return TG_ERROR;
  }
  if (!conn_lock_exclusive(pDb, &pDb->err)) return TG_ERROR;
  bool bOk = pDb->pGraph->pUndo == NULL && durable_checkpoint(pDb->pDurable, pDb->pGraph, &pDb->err);
  if (pDb->pGraph->pUndo) {
    error_raw(&pDb->err, TG_ERR_SEMANTIC, "", "cannot checkpoint inside a transaction; COMMIT or ROLLBACK first");
  }
  conn_unlock_exclusive(pDb);
  return bOk ? TG_OK : TG_ERROR;
}

void tg_close(tg_db *pDb) {
  if (pDb == NULL) return;
  if (pDb->pMain) {
    conn_close(pDb);
    return;
  }
  if (pDb->bInTxn) graph_rollback(pDb->pGraph);
  durable_close(pDb->pDurable, pDb->pGraph);
  strbuf_free(&pDb->openReport);
  proc_free_all(pDb);
  files_free(&pDb->files);
  tg_free(pDb->zClientUser);
  tg_free(pDb->zClientRole);
  graph_free(pDb->pGraph);
  if (pDb->pShare) {
    pthread_mutex_destroy(&pDb->pShare->mu);
    pthread_cond_destroy(&pDb->pShare->cv);
    pthread_mutex_destroy(&pDb->pShare->compile);
    tg_free(pDb->pShare);
  }
  tg_free(pDb);
}

/* Counts the lines before offset n of z (0-based line count). */
static int tgLinesBefore(const char *z, const char *zEnd) {
  int n = 0;
  for (; z < zEnd; z++) n += *z == '\n';
  return n;
}

int tg_exec(tg_db *pDb, const char *zScript, const char *zName) {
  const char *z = zScript;
  while (*z) {
    tg_stmt *pStmt = NULL;
    const char *zTail = NULL;
    int rc = tg_prepare(pDb, z, -1, &pStmt, &zTail);
    if (rc == TG_OK && pStmt) {
      while ((rc = tg_step(pStmt)) == TG_ROW) {
      }
      if (rc == TG_DONE) rc = TG_OK;
      /* Keep the error: finalize does not touch pDb->err. */
      tg_finalize(pStmt);
    }
    if (rc != TG_OK) {
      if (pDb->err.iLine > 0) pDb->err.iLine += tgLinesBefore(zScript, z);
      if (zName) error_in_file(&pDb->err, zName, pDb->err.iLine);
      return TG_ERROR;
    }
    if (zTail == NULL || zTail == z) break;
    z = zTail;
  }
  return TG_OK;
}

void tg_interrupt(tg_db *pDb) { pDb->bInterrupt = 1; }

/* tg_dump's bridge from dump.c's writer to the API's. */
typedef struct TgDumpSink {
  int (*xWrite)(void *, const char *, int);
  void *pArg;
} TgDumpSink;

static bool tgDumpWrite(void *pArg, const char *z, size_t n) {
  TgDumpSink *p = pArg;
  while (n > 0) {
    int k = n > (size_t)INT32_MAX ? INT32_MAX : (int)n;
    if (!p->xWrite(p->pArg, z, k)) return false;
    z += k;
    n -= (size_t)k;
  }
  return true;
}

int tg_dump(tg_db *pDb, int (*xWrite)(void *pArg, const char *z, int n), void *pArg) {
  error_clear(&pDb->err);
  if (pDb->bInTxn) {
    error_raw(&pDb->err, TG_ERR_SEMANTIC, "",
              "cannot dump inside a transaction (its changes are not committed); COMMIT or ROLLBACK first");
    return TG_ERROR;
  }
  TgDumpSink sink = {xWrite, pArg};
  if (!conn_lock_shared(pDb, &pDb->err)) return TG_ERROR;
  int rc = dump_graph(pDb->pGraph, tgDumpWrite, &sink);
  conn_unlock_shared(pDb);
  if (rc == DUMP_OK) return TG_OK;
  if (rc == DUMP_NAME_IN_USE) {
    error_raw(&pDb->err, TG_ERR_SEMANTIC, "",
              "cannot dump: nodes already use the label " DUMP_TEMP_LABEL " or the key " DUMP_TEMP_KEY
              ", which the dump script needs for itself");
  } else {
    error_raw(&pDb->err, TG_ERR_IO, "", "the dump could not be written");
  }
  return TG_ERROR;
}

int tg_export_csv(tg_db *pDb, const char *zDir) {
  error_clear(&pDb->err);
  if (pDb->bInTxn) {
    error_raw(&pDb->err, TG_ERR_SEMANTIC, "",
              "cannot export inside a transaction (its changes are not committed); COMMIT or ROLLBACK first");
    return TG_ERROR;
  }
  if (!conn_lock_shared(pDb, &pDb->err)) return TG_ERROR;
  bool bOk = export_csv(pDb->pGraph, zDir, &pDb->err, NULL);
  conn_unlock_shared(pDb);
  return bOk ? TG_OK : TG_ERROR;
}

/* tg_begin, tg_commit and tg_rollback: the statements' work, with the
** error in the database's error. */
static int tgTxn(tg_db *pDb, int eTxn) {
  error_clear(&pDb->err);
  return stmt_txn(pDb, eTxn, &pDb->err) ? TG_OK : TG_ERROR;
}
int tg_begin(tg_db *pDb) { return tgTxn(pDb, TXN_BEGIN); }
int tg_commit(tg_db *pDb) { return tgTxn(pDb, TXN_COMMIT); }
int tg_rollback(tg_db *pDb) { return tgTxn(pDb, TXN_ROLLBACK); }
int tg_in_transaction(tg_db *pDb) { return pDb->bInTxn; }

int64_t tg_node_count(tg_db *pDb) { return pDb->pGraph->nNodeLive; }
int64_t tg_relationship_count(tg_db *pDb) { return pDb->pGraph->nRelLive; }

/* ---- Errors ------------------------------------------------------------- */

int tg_errcode(tg_db *pDb) { return pDb->err.code; }
const char *tg_errkind(tg_db *pDb) { return error_kind_name(pDb->err.code); }
const char *tg_errdetail(tg_db *pDb) { return pDb->err.zDetail ? pDb->err.zDetail : ""; }
const char *tg_errmsg(tg_db *pDb) { return pDb->err.zMsg; }
int tg_error_line(tg_db *pDb) { return pDb->err.iLine; }
int tg_error_column(tg_db *pDb) { return pDb->err.iCol; }
int tg_error_offset(tg_db *pDb) { return pDb->err.iOfst; }
int tg_error_runtime(tg_db *pDb) { return pDb->err.bRuntime; }
const char *tg_error_file(tg_db *pDb) { return pDb->err.zFile[0] ? pDb->err.zFile : NULL; }
int64_t tg_error_file_line(tg_db *pDb) { return pDb->err.iRow; }
const char *tg_errkind_name(int errcode) { return error_kind_name(errcode); }

/* ---- Statements --------------------------------------------------------- */

int tg_prepare(tg_db *pDb, const char *zText, int nText, tg_stmt **ppStmt, const char **pzTail) {
  return stmt_prepare(pDb, zText, nText, ppStmt, pzTail);
}

int tg_step(tg_stmt *pStmt) { return stmt_step(pStmt); }
int tg_reset(tg_stmt *pStmt) { return stmt_reset(pStmt); }

int tg_finalize(tg_stmt *pStmt) {
  stmt_finalize(pStmt);
  return TG_OK;
}

tg_db *tg_stmt_db(tg_stmt *pStmt) { return pStmt->pDb; }
int tg_stmt_readonly(tg_stmt *pStmt) { return !pStmt->pPlan->bWrites && !pStmt->pPlan->pSchema; }
int tg_stmt_files(tg_stmt *pStmt) {
  return (pStmt->pPlan->bReadsFiles ? TG_FILES_READ : 0) | (pStmt->pPlan->bWritesFiles ? TG_FILES_WRITE : 0);
}
int tg_stmt_is_explain(tg_stmt *pStmt) { return pStmt->pPlan->eExplain; }
int tg_stmt_is_schema(tg_stmt *pStmt) { return pStmt->pPlan->pSchema != NULL; }

int tg_clear_bindings(tg_stmt *pStmt) {
  for (uint32_t i = 0; i < pStmt->ctx.nParam; i++) {
    value_heap_free(&pStmt->aParam[i]);
    pStmt->aParam[i] = value_null();
    pStmt->abSet[i] = false;
  }
  return TG_OK;
}

uint64_t tg_schema_version(tg_db *pDb) {
  /* Read without the lock (index.c writes it atomically). */
  return __atomic_load_n(&pDb->pGraph->pIndexes->nGeneration, __ATOMIC_RELAXED);
}
uint64_t tg_plan_version(tg_db *pDb) {
  /* Read without the lock: a size class, not an exact count. */
  uint64_t n = (uint64_t)__atomic_load_n(&pDb->pGraph->nNodeLive, __ATOMIC_RELAXED) +
               __atomic_load_n(&pDb->pGraph->nRelLive, __ATOMIC_RELAXED);
  uint64_t nBits = 0;
  while (n) {
    nBits++;
    n >>= 1;
  }
  return (tg_schema_version(pDb) << 7) | nBits;
}
int tg_stmt_is_txn_control(tg_stmt *pStmt) { return pStmt->eTxn != TXN_NONE; }
const char *tg_stmt_text(tg_stmt *pStmt) { return pStmt->zText; }
const char *tg_stmt_plan(tg_stmt *pStmt) { return stmt_plan_text(pStmt); }

void tg_stmt_changes(tg_stmt *pStmt, tg_changes *pOut) { *pOut = pStmt->changes; }

int tg_stmt_notification_count(tg_stmt *pStmt) { return (int)pStmt->notices.notes.n; }
const char *tg_stmt_notification(tg_stmt *pStmt, int i) {
  return i >= 0 && (uint32_t)i < pStmt->notices.notes.n ? pStmt->notices.notes.a[i].zMsg : NULL;
}
const char *tg_stmt_notification_code(tg_stmt *pStmt, int i) {
  return i >= 0 && (uint32_t)i < pStmt->notices.notes.n ? pStmt->notices.notes.a[i].zCode : NULL;
}

/* ---- Parameters --------------------------------------------------------- */

/* Parameter number for a name, or -1 when the statement does not use it. */
static int tgParamIndex(tg_stmt *pStmt, const char *zName) {
  if (zName && zName[0] == '$') zName++;
  for (uint32_t i = 0; i < pStmt->ctx.nParam; i++) {
    if (strcmp(pStmt->ctx.azParam[i], zName) == 0) return (int)i;
  }
  return -1;
}

int tg_bind_value(tg_stmt *pStmt, const char *zName, const tg_value *pVal) {
  int i = tgParamIndex(pStmt, zName);
  if (i < 0) {
    /* As sqlite3_bind_* refuses a bad index: a misspelt name would
    ** otherwise fail later as an unrelated missing parameter, or not at all. */
    error_clear(&pStmt->pDb->err);
    error_raw(&pStmt->pDb->err, TG_ERR_ARGUMENT, "", "the statement has no parameter $%s",
              zName[0] == '$' ? zName + 1 : zName);
    return TG_ERROR;
  }
  value_heap_free(&pStmt->aParam[i]);
  pStmt->aParam[i] = value_heap_copy(pVal);
  pStmt->abSet[i] = true;
  return TG_OK;
}

int tg_bind_null(tg_stmt *pStmt, const char *zName) {
  Value v = value_null();
  return tg_bind_value(pStmt, zName, &v);
}
int tg_bind_bool(tg_stmt *pStmt, const char *zName, int b) {
  Value v = value_bool(b != 0);
  return tg_bind_value(pStmt, zName, &v);
}
int tg_bind_int(tg_stmt *pStmt, const char *zName, int64_t i) {
  Value v = value_int(i);
  return tg_bind_value(pStmt, zName, &v);
}
int tg_bind_double(tg_stmt *pStmt, const char *zName, double f) {
  Value v = value_float(f);
  return tg_bind_value(pStmt, zName, &v);
}
int tg_bind_text(tg_stmt *pStmt, const char *zName, const char *z, int n) {
  size_t nByte = n < 0 ? strlen(z) : (size_t)n;
  size_t nGood = utf8_valid_prefix(z, nByte);
  if (nGood < nByte) {
    /* Strings are UTF-8 everywhere (queries, CSV files); a bound one too,
    ** or it would break JSON output and code-point functions later. */
    TgError *pErr = &pStmt->pDb->err;
    error_clear(pErr);
    error_at(pErr, NULL, -1, ERR_ARGUMENT_VALUE,
             "the text bound to $%s is not valid UTF-8: byte 0x%02X after %zu valid byte%s",
             zName[0] == '$' ? zName + 1 : zName, (unsigned)(unsigned char)z[nGood], nGood,
             nGood == 1 ? "" : "s");
    return TG_ERROR;
  }
  char *zCopy = tg_strndup(z, nByte);
  Value v = value_str(zCopy, (uint32_t)nByte);
  int rc = tg_bind_value(pStmt, zName, &v);
  tg_free(zCopy);
  return rc;
}

int tg_bind_literal(tg_stmt *pStmt, const char *zName, const char *zLiteral) {
  Arena a;
  arena_init(&a);
  Value v;
  TgError err;
  error_clear(&err);
  int rc = TG_OK;
  if (parse_literal(&a, zLiteral, &v, &err)) {
    rc = tg_bind_value(pStmt, zName, &v);
  } else {
    pStmt->pDb->err = err;
    rc = TG_ERROR;
  }
  arena_free(&a);
  return rc;
}

int tg_param_count(tg_stmt *pStmt) { return (int)pStmt->ctx.nParam; }
const char *tg_param_name(tg_stmt *pStmt, int i) {
  return i >= 0 && (uint32_t)i < pStmt->ctx.nParam ? pStmt->ctx.azParam[i] : NULL;
}

/* ---- Columns ------------------------------------------------------------ */

static const Value tgNull = {0};

static const Value *tgColumn(tg_stmt *pStmt, int iCol) {
  if (iCol < 0 || (uint32_t)iCol >= pStmt->pPlan->nCol) return &tgNull;
  return &pStmt->aRow[iCol];
}

int tg_column_count(tg_stmt *pStmt) { return (int)pStmt->pPlan->nCol; }

const char *tg_column_name(tg_stmt *pStmt, int iCol) {
  if (iCol < 0 || (uint32_t)iCol >= pStmt->pPlan->nCol) return NULL;
  return pStmt->pPlan->azCol[iCol];
}

int tg_column_type(tg_stmt *pStmt, int iCol) { return tgColumn(pStmt, iCol)->type; }
const tg_value *tg_column_value(tg_stmt *pStmt, int iCol) { return tgColumn(pStmt, iCol); }
int64_t tg_column_int(tg_stmt *pStmt, int iCol) { return tg_value_int(tgColumn(pStmt, iCol)); }
double tg_column_double(tg_stmt *pStmt, int iCol) { return tg_value_double(tgColumn(pStmt, iCol)); }

const char *tg_column_text(tg_stmt *pStmt, int iCol) {
  if (iCol < 0 || (uint32_t)iCol >= pStmt->pPlan->nCol) return NULL;
  const Value *v = &pStmt->aRow[iCol];
  if (v->type == VAL_STRING) return v->u.z;
  if (!pStmt->abTextValid[iCol]) {
    strbuf_truncate(&pStmt->aText[iCol], 0);
    valfmt_append(&pStmt->aText[iCol], v, pStmt->pDb->pGraph, 0);
    pStmt->abTextValid[iCol] = true;
  }
  return strbuf_cstr(&pStmt->aText[iCol]);
}

int tg_column_bytes(tg_stmt *pStmt, int iCol) {
  const char *z = tg_column_text(pStmt, iCol);
  if (z == NULL) return 0;
  const Value *v = &pStmt->aRow[iCol];
  return v->type == VAL_STRING ? (int)v->n : (int)pStmt->aText[iCol].n;
}

/* ---- Values ------------------------------------------------------------- */

int tg_value_type(const tg_value *p) { return p->type; }
const char *tg_type_name(int type) { return value_type_name(type); }
int tg_value_bool(const tg_value *p) { return p->type == VAL_BOOL && p->u.b; }

int64_t tg_value_int(const tg_value *p) {
  if (p->type == VAL_INT) return p->u.i;
  if (p->type == VAL_FLOAT) return (int64_t)p->u.f;
  if (p->type == VAL_BOOL) return p->u.b;
  return 0;
}

double tg_value_double(const tg_value *p) {
  if (p->type == VAL_FLOAT) return p->u.f;
  if (p->type == VAL_INT) return (double)p->u.i;
  return 0.0;
}

const char *tg_value_text(const tg_value *p, int *pnByte) {
  if (p->type != VAL_STRING) return NULL;
  if (pnByte) *pnByte = (int)p->n;
  return p->u.z;
}

int tg_value_size(const tg_value *p) {
  return (p->type == VAL_LIST || p->type == VAL_MAP || p->type == VAL_PATH) ? (int)p->n : 0;
}

const tg_value *tg_value_item(const tg_value *p, int i) {
  if (i < 0 || (uint32_t)i >= (uint32_t)tg_value_size(p)) return NULL;
  return p->type == VAL_MAP ? &p->u.m[i].v : &p->u.a[i];
}

const char *tg_value_key(const tg_value *p, int i) {
  if (p->type != VAL_MAP || i < 0 || (uint32_t)i >= p->n) return NULL;
  return p->u.m[i].zKey;
}

int64_t tg_value_id(const tg_value *p) {
  return (p->type == VAL_NODE || p->type == VAL_REL) ? (int64_t)p->u.id : -1;
}

int tg_node_label_count(tg_db *pDb, const tg_value *pNode) {
  if (pNode->type != VAL_NODE || pNode->u.id >= pDb->pGraph->nNodeSlot) return 0;
  uint32_t n;
  graph_node_labels(pDb->pGraph, pNode->u.id, &n);
  return (int)n;
}

const char *tg_node_label(tg_db *pDb, const tg_value *pNode, int i) {
  if (i < 0 || i >= tg_node_label_count(pDb, pNode)) return NULL;
  uint32_t n;
  const uint32_t *a = graph_node_labels(pDb->pGraph, pNode->u.id, &n);
  return intern_name(&pDb->pGraph->labels, a[i]);
}

const char *tg_rel_type(tg_db *pDb, const tg_value *pRel) {
  if (pRel->type != VAL_REL || pRel->u.id >= pDb->pGraph->nRelSlot) return NULL;
  return intern_name(&pDb->pGraph->types, graph_rel(pDb->pGraph, pRel->u.id)->type);
}

int64_t tg_rel_start(tg_db *pDb, const tg_value *pRel) {
  if (pRel->type != VAL_REL || pRel->u.id >= pDb->pGraph->nRelSlot) return -1;
  return graph_rel(pDb->pGraph, pRel->u.id)->src;
}

int64_t tg_rel_end(tg_db *pDb, const tg_value *pRel) {
  if (pRel->type != VAL_REL || pRel->u.id >= pDb->pGraph->nRelSlot) return -1;
  return graph_rel(pDb->pGraph, pRel->u.id)->dst;
}

static const PropList *tgProps(tg_db *pDb, const tg_value *p) {
  const Graph *g = pDb->pGraph;
  if (p->type == VAL_NODE && p->u.id < g->nNodeSlot) return graph_props(g, ENT_NODE, p->u.id);
  if (p->type == VAL_REL && p->u.id < g->nRelSlot) return graph_props(g, ENT_REL, p->u.id);
  return NULL;
}

int tg_entity_prop_count(tg_db *pDb, const tg_value *pEntity) {
  const PropList *pl = tgProps(pDb, pEntity);
  return pl ? (int)pl->n : 0;
}

const char *tg_entity_prop_key(tg_db *pDb, const tg_value *pEntity, int i) {
  const PropList *pl = tgProps(pDb, pEntity);
  if (pl == NULL || i < 0 || (uint32_t)i >= pl->n) return NULL;
  return intern_name(&pDb->pGraph->keys, pl->a[i].key);
}

const tg_value *tg_entity_prop_value(tg_db *pDb, const tg_value *pEntity, int i) {
  const PropList *pl = tgProps(pDb, pEntity);
  if (pl == NULL || i < 0 || (uint32_t)i >= pl->n) return NULL;
  return &pl->a[i].v;
}

char *tg_value_format(tg_db *pDb, const tg_value *p) {
  StrBuf b;
  strbuf_init(&b);
  valfmt_append(&b, p, pDb ? pDb->pGraph : NULL, VALFMT_QUOTE);
  return strbuf_detach(&b);
}

tg_value *tg_value_parse(tg_db *pDb, const char *zLiteral) {
  Arena a;
  arena_init(&a);
  Value v;
  TgError err;
  error_clear(&err);
  tg_value *pOut = NULL;
  if (parse_literal(&a, zLiteral, &v, &err)) {
    pOut = tg_malloc(sizeof(Value));
    *pOut = value_heap_copy(&v);
  } else if (pDb) {
    pDb->err = err;
  }
  arena_free(&a);
  return pOut;
}

tg_value *tg_value_dup(const tg_value *p) {
  tg_value *pOut = tg_malloc(sizeof(Value));
  *pOut = value_heap_copy(p);
  return pOut;
}

void tg_value_free(tg_value *p) {
  if (p == NULL) return;
  value_heap_free(p);
  tg_free(p);
}

/* ---- Procedures --------------------------------------------------------- */

int tg_proc_emit(tg_proc_ctx *pCtx, const tg_value **apOut) {
  uint32_t n = pCtx->pDef->nOut;
  Value aTmp[16] = {{0}};
  Value *a = n <= 16 ? aTmp : tg_malloc(sizeof(Value) * n);
  for (uint32_t i = 0; i < n; i++) a[i] = *apOut[i];
  proc_emit(pCtx, a);
  if (a != aTmp) tg_free(a);
  return TG_OK;
}

void tg_proc_error(tg_proc_ctx *pCtx, const char *zMsg) {
  error_raw(pCtx->pCtx->pErr, TG_ERR_PROCEDURE, "", "%s", zMsg);
  pCtx->pCtx->pErr->bRuntime = true;
  pCtx->bFailed = true;
}

int tg_create_procedure(tg_db *pDb, const char *zName, const char *zSignature, tg_proc_fn xProc,
                        void *pArg, void (*xDestroy)(void *)) {
  error_clear(&pDb->err);
  return proc_create(pDb, zName, zSignature, xProc, pArg, xDestroy, &pDb->err);
}

int tg_stmt_is_render(tg_stmt *pStmt) { return pStmt->pPlan->bRender; }

int64_t tg_memory_used(void) { return mem_in_use(); }

/* ---- Settings ----------------------------------------------------------- */

int tg_config_set(tg_db *pDb, const char *zName, int64_t iValue) {
  if (strcmp(zName, "render.max_nodes") == 0 && iValue > 0) {
    pDb->nRenderMax = iValue;
    return TG_OK;
  }
  if (strcmp(zName, "render.max_relationships") == 0 && iValue > 0) {
    pDb->nRenderMaxRels = iValue;
    return TG_OK;
  }
  if (strcmp(zName, "threads") == 0 && iValue >= 0) {
    pDb->nThreads = iValue;
    return TG_OK;
  }
  if (strcmp(zName, "parallel.min_nodes") == 0 && iValue >= 0) {
    pDb->nParallelMinNodes = iValue;
    return TG_OK;
  }
  if (strcmp(zName, "planner.reference") == 0 && (iValue == 0 || iValue == 1)) {
    pDb->bReferencePlan = iValue == 1;
    return TG_OK;
  }
  if (strcmp(zName, "timeout") == 0 && iValue >= 0 && iValue <= INT64_MAX / 1000000) {
    pDb->nTimeoutMs = iValue;
    return TG_OK;
  }
  if (strcmp(zName, "max_memory") == 0 && iValue >= 0) {
    pDb->nMaxMemory = iValue;
    return TG_OK;
  }
  if (strcmp(zName, "read_only") == 0 && (iValue == 0 || iValue == 1)) {
    if (iValue == 0 && pDb->pDurable && durable_read_only(pDb->pDurable)) {
      error_raw(&pDb->err, TG_ERR_ARGUMENT, "", "read_only: the database was opened read-only");
      return TG_ERROR;
    }
    pDb->bReadOnly = iValue == 1;
    return TG_OK;
  }
  if (strcmp(zName, "checkpoint_size") == 0 && iValue >= 0) {
    if (pDb->pDurable == NULL) {
      error_raw(&pDb->err, TG_ERR_ARGUMENT, "", "checkpoint_size: the database is in memory (open one by path)");
      return TG_ERROR;
    }
    durable_set_checkpoint_bytes(pDb->pDurable, iValue);
    return TG_OK;
  }
  if (strcmp(zName, "files") == 0 && (iValue == 0 || iValue == 1)) {
    pDb->files.bOff = iValue == 0;
    return TG_OK;
  }
  if (strcmp(zName, "lock_timeout") == 0 && iValue >= 0 && iValue <= INT64_MAX / 1000000) {
    pDb->nLockTimeoutMs = iValue;
    return TG_OK;
  }
  bool bCsvField = strcmp(zName, "csv.max_field") == 0;
  if ((bCsvField || strcmp(zName, "csv.max_record") == 0) && iValue > 0 &&
      iValue <= (int64_t)CSV_LIMIT_CEILING) {
    *(bCsvField ? &pDb->nCsvMaxField : &pDb->nCsvMaxRecord) = iValue;
    return TG_OK;
  }
  error_raw(&pDb->err, TG_ERR_ARGUMENT, "", "unknown setting or bad value: %s", zName);
  return TG_ERROR;
}

int tg_config_set_text(tg_db *pDb, const char *zName, const char *zValue) {
  error_clear(&pDb->err);
  bool bUser = strcmp(zName, "client.user") == 0;
  if (bUser || strcmp(zName, "client.role") == 0) {
    char **pz = bUser ? &pDb->zClientUser : &pDb->zClientRole;
    tg_free(*pz);
    *pz = zValue ? tg_strndup(zValue, strlen(zValue)) : NULL;
    return TG_OK;
  }
  if (strcmp(zName, "files.root") == 0) {
    char zWhy[300];
    if (files_set_root(&pDb->files, zValue, zWhy, sizeof(zWhy))) return TG_OK;
    error_raw(&pDb->err, TG_ERR_ARGUMENT, "", "files.root: %s", zWhy);
    return TG_ERROR;
  }
  if (strcmp(zName, "sync") == 0) {
    static const char *const azSync[] = {"full", "normal", "off"};
    for (int i = 0; i < 3 && zValue; i++) {
      if (strcmp(zValue, azSync[i]) != 0) continue;
      if (pDb->pDurable == NULL) {
        error_raw(&pDb->err, TG_ERR_ARGUMENT, "", "sync: the database is in memory (open one by path)");
        return TG_ERROR;
      }
      durable_set_sync(pDb->pDurable, (WalSync)i);
      return TG_OK;
    }
    error_raw(&pDb->err, TG_ERR_ARGUMENT, "", "sync: '%s' is not a policy (full, normal, off)", zValue ? zValue : "");
    return TG_ERROR;
  }
  error_raw(&pDb->err, TG_ERR_ARGUMENT, "", "unknown setting: %s", zName);
  return TG_ERROR;
}

const char *tg_config_get_text(tg_db *pDb, const char *zName) {
  if (strcmp(zName, "files.root") == 0) return pDb->files.zRoot;
  if (strcmp(zName, "client.user") == 0) return pDb->zClientUser;
  if (strcmp(zName, "client.role") == 0) return pDb->zClientRole;
  if (strcmp(zName, "sync") == 0 && pDb->pDurable) {
    static const char *const azSync[] = {"full", "normal", "off"};
    return azSync[durable_sync(pDb->pDurable)];
  }
  return NULL;
}

int64_t tg_config_get(tg_db *pDb, const char *zName) {
  if (strcmp(zName, "render.max_nodes") == 0) return pDb->nRenderMax;
  if (strcmp(zName, "render.max_relationships") == 0) return pDb->nRenderMaxRels;
  if (strcmp(zName, "threads") == 0) return pDb->nThreads;
  if (strcmp(zName, "parallel.min_nodes") == 0) return pDb->nParallelMinNodes;
  if (strcmp(zName, "planner.reference") == 0) return pDb->bReferencePlan;
  if (strcmp(zName, "timeout") == 0) return pDb->nTimeoutMs;
  if (strcmp(zName, "files") == 0) return !pDb->files.bOff;
  if (strcmp(zName, "lock_timeout") == 0) return pDb->nLockTimeoutMs;
  if (strcmp(zName, "read_only") == 0) return pDb->bReadOnly;
  if (strcmp(zName, "max_memory") == 0) return pDb->nMaxMemory;
  if (strcmp(zName, "checkpoint_size") == 0) return pDb->pDurable ? durable_checkpoint_bytes(pDb->pDurable) : -1;
  if (strcmp(zName, "csv.max_field") == 0) return pDb->nCsvMaxField;
  if (strcmp(zName, "csv.max_record") == 0) return pDb->nCsvMaxRecord;
  return -1;
}
