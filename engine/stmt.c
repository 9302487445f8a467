/*
** stmt.c — the life of a prepared statement (see stmt.h): prepare (parse,
** check, plan), step (stream, or run-and-buffer inside a transaction),
** reset and finalize.
*/
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

#include "store/index.h"
#include "base/mem.h"
#include "parallel.h"
#include "syntax/parse.h"
#include "compile/compile.h"
#include "exec/schema.h"
#include "stmt.h"

#include "conn.h"
#include "store/durable.h"
#include "store/redo.h"
#include "store/undo.h"

/* ---- Prepare ------------------------------------------------------------ */

static int stmtPrepare(struct tg_db *pDb, const char *zText, int nText, tg_stmt **ppStmt,
                       const char **pzTail);

static void stmtFree(tg_stmt *p) {
  if (p == NULL) return;
  if (p->pPlan && p->pPlan->pRoot) op_close(p->pPlan->pRoot);
  exec_ctx_free(&p->ctx);
  notices_free(&p->notices);
  for (uint32_t i = 0; p->aParam && i < p->ctx.nParam; i++) value_heap_free(&p->aParam[i]);
  if (p->aText) {
    for (uint32_t i = 0; p->pPlan && i < p->pPlan->nCol; i++) strbuf_free(&p->aText[i]);
    tg_free(p->aText);
  }
  tg_free(p->abTextValid);
  vec_free(&p->bufRows);
  arena_free(&p->bufArena);
  strbuf_free(&p->planText);
  arena_free(&p->arena);
  tg_free(p);
}

/* Fills the plan text (EXPLAIN, and PROFILE after it ran). It is built
** only when asked for: its indentation grows with the plan's depth, so
** building it for every statement made preparing a long query quadratic. */
static void stmtBuildPlanText(tg_stmt *p) {
  p->bPlanText = true;
  strbuf_truncate(&p->planText, 0);
  if (p->pPlan->pSchema) {
    strbuf_puts(&p->planText, "SchemaCommand\n");
  } else if (p->pPlan->pRoot) {
    op_explain(p->pPlan->pRoot, &p->planText, p->pPlan->eExplain == PLAN_PROFILE);
  }
}

/* Preparing runs in its own memory budget: a query's size is capped, but
** the cap is generous and a machine may be small. Returns false with the
** statement's error set when preparing ran out. */
static bool stmtPrepareFits(tg_stmt *p) {
  if (mem_exhausted() == MEM_FINE) return true;
  ExecCtx ctx = {.pErr = &p->err, .nMaxMemory = p->pDb->nMaxMemory};
  exec_out_of_memory(&ctx);
  p->err.bRuntime = false;
  return false;
}

int stmt_prepare(struct tg_db *pDb, const char *zText, int nText, tg_stmt **ppStmt,
                 const char **pzTail) {
  *ppStmt = NULL;
  error_clear(&pDb->err);
  bool bTookShared;
  if (!conn_compile_begin(pDb, &pDb->err, &bTookShared)) return TG_ERROR;
  mem_budget_begin(pDb->nMaxMemory);
  int rc = stmtPrepare(pDb, zText, nText, ppStmt, pzTail);
  mem_budget_end();
  conn_compile_end(pDb, bTookShared);
  return rc;
}

/* Skips white space and comments from z[i]; returns the next offset. */
static int stmtSkipSpace(const char *z, int n, int i) {
  for (;;) {
    while (i < n && (z[i] == ' ' || z[i] == '\t' || z[i] == '\n' || z[i] == '\r')) i++;
    if (i + 1 < n && z[i] == '/' && z[i + 1] == '/') {
      while (i < n && z[i] != '\n') i++;
    } else if (i + 1 < n && z[i] == '/' && z[i + 1] == '*') {
      const char *zEnd = NULL;
      for (int k = i + 2; k + 1 < n; k++) {
        if (z[k] == '*' && z[k + 1] == '/') {
          zEnd = z + k + 2;
          break;
        }
      }
      if (zEnd == NULL) return i;   /* the parser reports the open comment */
      i = (int)(zEnd - z);
    } else {
      return i;
    }
  }
}

/* Is z[i..] the word zWord (any case), not followed by an identifier
** character? */
static bool stmtWordAt(const char *z, int n, int i, const char *zWord) {
  int k = (int)strlen(zWord);
  if (i + k > n || strncasecmp(z + i, zWord, (size_t)k) != 0) return false;
  char c = i + k < n ? z[i + k] : 0;
  return !(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c & 0x80));
}

/* Is the statement at the start of z a transaction-control statement,
** BEGIN, COMMIT or ROLLBACK (each optionally followed by TRANSACTION), or
** START TRANSACTION?
** Returns TXN_*, with *piTail just past its ';' (or at the end). These are
** not Cypher, so they are read here rather than by the grammar, which
** keeps `begin`, `commit` and `rollback` free as names. */
static int stmtTxnStatement(const char *z, int n, int *piTail) {
  static const struct {
    const char *zWord;
    int eTxn;
    bool bNeedsTransaction;   /* START must be followed by TRANSACTION */
  } aWord[] = {{"BEGIN", TXN_BEGIN, false}, {"START", TXN_BEGIN, true},
               {"COMMIT", TXN_COMMIT, false}, {"ROLLBACK", TXN_ROLLBACK, false}};
  int i = stmtSkipSpace(z, n, 0);
  for (size_t w = 0; w < sizeof(aWord) / sizeof(aWord[0]); w++) {
    if (!stmtWordAt(z, n, i, aWord[w].zWord)) continue;
    int j = stmtSkipSpace(z, n, i + (int)strlen(aWord[w].zWord));
    bool bTransaction = stmtWordAt(z, n, j, "TRANSACTION");
    if (aWord[w].bNeedsTransaction && !bTransaction) return TXN_NONE;
    if (bTransaction) j = stmtSkipSpace(z, n, j + 11);
    if (j < n && z[j] != ';') return TXN_NONE;
    *piTail = j < n ? j + 1 : j;
    return aWord[w].eTxn;
  }
  return TXN_NONE;
}

/* stmt_prepare inside its budget. */
static int stmtPrepare(struct tg_db *pDb, const char *zText, int nText, tg_stmt **ppStmt,
                       const char **pzTail) {
  char *zOwned = NULL;
  const char *zBuf = zText;
  int n;
  if (nText < 0) {
    n = (int)strlen(zText);
  } else {
    zOwned = tg_strndup(zText, (size_t)nText);
    zBuf = zOwned;
    n = nText;
  }
  tg_stmt *p = tg_calloc(1, sizeof(tg_stmt));
  p->pDb = pDb;
  arena_init(&p->arena);
  arena_init(&p->bufArena);
  error_clear(&p->err);
  int iTail = n;
  p->eTxn = stmtTxnStatement(zBuf, n, &iTail);
  if (p->eTxn != TXN_NONE) {
    p->zText = arena_strndup(&p->arena, zBuf, (size_t)iTail);
    if (pzTail) *pzTail = zText + iTail;
    tg_free(zOwned);
    p->pPlan = arena_zalloc(&p->arena, sizeof(Plan));
    p->ctx.pErr = &p->err;
    p->aRow = arena_zalloc(&p->arena, sizeof(Value));
    p->aText = tg_calloc(1, sizeof(StrBuf));
    p->abTextValid = tg_calloc(1, sizeof(bool));
    *ppStmt = p;
    return TG_OK;
  }
  AstNode *pAst = parse_statement(&p->arena, zBuf, n, &p->err, &iTail);
  p->zText = arena_strndup(&p->arena, zBuf, (size_t)iTail);
  if (pzTail) *pzTail = zText + iTail;
  tg_free(zOwned);
  if (p->err.code == 0) stmtPrepareFits(p);
  if (p->err.code || pAst == NULL) {
    int rc = p->err.code ? TG_ERROR : TG_OK;
    pDb->err = p->err;
    stmtFree(p);
    return rc;
  }

  ExecCtx *pCtx = &p->ctx;
  pCtx->pDb = pDb;
  pCtx->pGraph = pDb->pGraph;
  pCtx->pErr = &p->err;
  pCtx->zText = p->zText;
  pCtx->pArena = &p->arena;
  pCtx->pInterrupt = &pDb->bInterrupt;
  pCtx->zLocalZone = pDb->zLocalZone;
  pCtx->nRenderMax = pDb->nRenderMax;
  pCtx->nRenderMaxRels = pDb->nRenderMaxRels;
  pCtx->pNotices = &p->notices;

  p->pPlan = compile_statement(pCtx, pAst, pDb->bReferencePlan);
  if (p->pPlan && !stmtPrepareFits(p)) p->pPlan = NULL;
  if (p->pPlan && pDb->bReadOnly && p->pPlan->eExplain != PLAN_EXPLAIN &&
      (p->pPlan->bWrites || p->pPlan->pSchema || p->pPlan->bWritesFiles)) {
    error_raw(&p->err, TG_ERR_SEMANTIC, "",
              "the database is read-only (--read-only): this statement %s, so it was not run",
              p->pPlan->bWritesFiles && !p->pPlan->bWrites ? "writes a file" : "changes the graph");
    p->pPlan = NULL;
  }
  if (p->pPlan == NULL) {
    pDb->err = p->err;
    stmtFree(p);
    return TG_ERROR;
  }
  p->aParam = arena_zalloc(&p->arena, sizeof(Value) * (pCtx->nParam + 1));
  p->abSet = arena_zalloc(&p->arena, sizeof(bool) * (pCtx->nParam + 1));
  pCtx->aParam = p->aParam;
  pCtx->abParamSet = p->abSet;
  pCtx->bProfile = p->pPlan->eExplain == PLAN_PROFILE;
  if (p->pPlan->eExplain == PLAN_EXPLAIN) {
    /* EXPLAIN's result is the plan, one line per row. */
    static const char *azPlanCol[] = {"plan"};
    p->pPlan->nCol = 1;
    p->pPlan->azCol = azPlanCol;
  }
  uint32_t nCol = p->pPlan->nCol;
  p->aRow = arena_zalloc(&p->arena, sizeof(Value) * (nCol + 1));
  p->aText = tg_calloc(nCol + 1, sizeof(StrBuf));
  p->abTextValid = tg_calloc(nCol + 1, sizeof(bool));
  *ppStmt = p;
  return TG_OK;
}

const char *stmt_plan_text(tg_stmt *p) {
  if (!p->bPlanText) stmtBuildPlanText(p);
  return strbuf_cstr(&p->planText);
}

/* ---- Step --------------------------------------------------------------- */

/* The statement's memory budget is open from its first step until it is
** done, fails or is reset (mem.h). */
static void stmtBudgetOpen(tg_stmt *p) {
  p->ctx.nMaxMemory = p->pDb->nMaxMemory;
  mem_budget_begin(p->ctx.nMaxMemory);
  p->bBudget = true;
}

static void stmtBudgetClose(tg_stmt *p) {
  if (!p->bBudget) return;
  p->bBudget = false;
  mem_budget_end();
}

/* Lets go of the lock the statement holds (conn.h). */
static void stmtUnlock(tg_stmt *p) {
  if (p->bShared) conn_unlock_shared(p->pDb);
  if (p->bExclusive) conn_unlock_exclusive(p->pDb);
  p->bShared = p->bExclusive = false;
}

static int stmtFail(tg_stmt *p) {
  stmtBudgetClose(p);
  stmtUnlock(p);
  p->eState = STMT_FAILED;
  p->pDb->err = p->err;
  return TG_ERROR;
}

static void stmtInvalidateText(tg_stmt *p) {
  for (uint32_t i = 0; i < p->pPlan->nCol; i++) p->abTextValid[i] = false;
}

static int64_t stmtNowNs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Saves the current row's columns into the buffer. */
static void stmtBufferRow(tg_stmt *p) {
  uint32_t nCol = p->pPlan->nCol;
  Value *aRow = arena_alloc(&p->bufArena, sizeof(Value) * (nCol + 1));
  for (uint32_t i = 0; i < nCol; i++) {
    aRow[i] = value_copy(&p->bufArena, &p->ctx.aSlot[p->pPlan->aColSlot[i]]);
  }
  vec_push(&p->bufRows, aRow);
}

/* The error of a write that leaves two nodes with one value under a
** uniqueness constraint: names the constraint, the label and key, the
** value and two of the nodes, and is placed where the second node got the
** value (the SET item, or the properties of the CREATE or MERGE), with
** the file and line of the LOAD CSV row that was being written. */
static void stmtUniquenessError(tg_stmt *p) {
  const Graph *g = p->pDb->pGraph;
  StrBuf why;
  strbuf_init(&why);
  const GraphSite *pSite = NULL;
  if (g->pIndexes->nDuplicate == 0 && index_describe_broken(g, &why)) {
    /* An existence or property type constraint (no site is kept). */
    error_at(&p->err, NULL, -1, ERR_CONSTRAINT, "the statement would break the %s", strbuf_cstr(&why));
  } else if (!index_describe_duplicate(g, &why, &pSite)) {
    error_at(&p->err, NULL, -1, ERR_CONSTRAINT, "the statement would break a uniqueness constraint");
  } else if (pSite->zFile) {
    error_at(&p->err, p->zText, pSite->iOfst, ERR_CONSTRAINT,
             "the statement would break the %s (writing the LOAD CSV row at %s:%lld)",
             strbuf_cstr(&why), pSite->zFile, (long long)pSite->iRow);
    error_in_file(&p->err, pSite->zFile, pSite->iRow);
  } else {
    error_at(&p->err, p->zText, pSite->iOfst, ERR_CONSTRAINT, "the statement would break the %s",
             strbuf_cstr(&why));
  }
  strbuf_free(&why);
}

/* Runs a schema command. On a database on disk the new schema is logged;
** when that fails the command is undone (indexes are not in the undo log)
** by putting back the schema as it was. */
static bool stmtRunSchema(tg_stmt *p) {
  Durable *d = p->pDb->pDurable;
  Graph *g = p->pDb->pGraph;
  if (d == NULL) return schema_run(&p->ctx, p->pPlan->pSchema);   /* checks memory itself */
  StrBuf before;
  strbuf_init(&before);
  RedoNames names = redo_names_of(g);
  redo_build_schema(g, &names, &before);
  bool bOk = schema_run(&p->ctx, p->pPlan->pSchema);
  if (bOk && !durable_schema(d, g, &p->err)) {
    TgError ignored;
    error_clear(&ignored);
    redo_apply(g, (const uint8_t *)before.z, before.n, "schema", &ignored);
    bOk = false;
  }
  strbuf_free(&before);
  return bOk;
}

/* Adds what changed since the batch began to the statement's counters. */
static void stmtCountBatch(tg_stmt *p) {
  tg_changes d;
  graph_changes_since(p->pDb->pGraph, &p->batchStart, &d);
  tg_changes *c = &p->changes;
  c->nNodesCreated += d.nNodesCreated, c->nNodesDeleted += d.nNodesDeleted;
  c->nRelsCreated += d.nRelsCreated, c->nRelsDeleted += d.nRelsDeleted;
  c->nPropsSet += d.nPropsSet, c->nPropsRemoved += d.nPropsRemoved;
  c->nLabelsAdded += d.nLabelsAdded, c->nLabelsRemoved += d.nLabelsRemoved;
}

/*
** ExecCtx.xEndBatch for an autocommit write: commits the batch (checking
** the constraints and logging it, as a statement's end does) or rolls it
** back, then begins the next batch's transaction.
*/
static bool stmtEndBatch(ExecCtx *pCtx, bool bCommit) {
  tg_stmt *p = pCtx->pBatchArg;
  Graph *g = p->pDb->pGraph;
  if (bCommit && g->pIndexes->nDuplicate > 0) {
    stmtUniquenessError(p);
    bCommit = false;
  } else if (bCommit && p->pDb->pDurable && !durable_commit(p->pDb->pDurable, g, &p->err)) {
    bCommit = false;
  }
  if (bCommit) {
    stmtCountBatch(p);
    graph_commit(g);
    if (p->pDb->pDurable) durable_maybe_checkpoint(p->pDb->pDurable, g);
  } else {
    graph_rollback(g);
  }
  graph_begin(g);
  p->batchStart = graph_savepoint(g);
  return bCommit;
}

/* Runs a writing statement to completion inside a transaction. */
static int stmtRunWrite(tg_stmt *p) {
  Graph *g = p->pDb->pGraph;
  Op *pRoot = p->pPlan->pRoot;
  if (p->pDb->nStreaming > 0) {
    error_raw(&p->err, TG_ERR_SEMANTIC, "",
              "another statement is still returning rows; finish or reset it before writing");
    return stmtFail(p);
  }
  /* Autocommit: the statement is its own transaction. Inside an explicit
  ** one it is a savepoint: failing undoes only its own changes. */
  bool bAutocommit = !p->pDb->bInTxn;
  if (p->pPlan->pSchema && !bAutocommit) {
    error_raw(&p->err, TG_ERR_SEMANTIC, "",
              "a schema command cannot run inside a transaction; COMMIT or ROLLBACK first");
    return stmtFail(p);
  }
  /* Inside a transaction the handle holds the exclusive lock already. */
  if (bAutocommit && p->pDb->pShare) {
    if (!conn_lock_exclusive(p->pDb, &p->err)) return stmtFail(p);
    p->bExclusive = true;
  }
  if (bAutocommit) graph_begin(g);
  GraphSavepoint sp = graph_savepoint(g);
  p->batchStart = sp;
  memset(&p->changes, 0, sizeof(p->changes));
  p->ctx.xEndBatch = bAutocommit ? stmtEndBatch : NULL;
  p->ctx.pBatchArg = p;
  bool bOk;
  if (p->pPlan->pSchema) {
    bOk = stmtRunSchema(p);
  } else {
    op_open(pRoot);
    int rc;
    while ((rc = op_next(pRoot)) == OP_ROW) {
      if (p->pPlan->nCol) stmtBufferRow(p);
    }
    bOk = rc != OP_ERROR && p->err.code == 0 && !exec_out_of_memory(&p->ctx);
    if (bOk && index_violated(g)) {
      stmtUniquenessError(p);
      bOk = false;
    }
    if (bOk) stmtCountBatch(p);
    op_close(pRoot);
  }
  p->ctx.xEndBatch = NULL;
  if (!bOk) {
    if (bAutocommit) graph_rollback(g);
    else graph_rollback_to(g, &sp);
    p->err.bRuntime = true;
    return stmtFail(p);
  }
  if (bAutocommit && !p->pPlan->pSchema && p->pDb->pDurable &&
      !durable_commit(p->pDb->pDurable, g, &p->err)) {
    graph_rollback(g);
    p->err.bRuntime = true;
    return stmtFail(p);
  }
  if (bAutocommit) graph_commit(g);
  if (bAutocommit && p->pDb->pDurable) durable_maybe_checkpoint(p->pDb->pDurable, g);
  stmtBudgetClose(p);
  if (p->pPlan->eExplain == PLAN_PROFILE) stmtBuildPlanText(p);
  p->eState = STMT_BUFFERED;
  p->iBuf = 0;
  return TG_OK;
}

/* An explicit transaction holds the exclusive lock from BEGIN to its end
** (conn.h), so that the transactions of connections are serializable. */
bool stmt_txn(struct tg_db *pDb, int eTxn, TgError *pErr) {
  static const char *const azName[] = {"", "BEGIN", "COMMIT", "ROLLBACK"};
  if (pDb->nStreaming > 0) {
    error_raw(pErr, TG_ERR_SEMANTIC, "",
              "another statement is still returning rows; finish or reset it before %s", azName[eTxn]);
    return false;
  }
  if (eTxn == TXN_BEGIN) {
    if (pDb->bInTxn) {
      error_raw(pErr, TG_ERR_SEMANTIC, "", "a transaction is already open; COMMIT or ROLLBACK it first");
      return false;
    }
    if (!conn_lock_exclusive(pDb, pErr)) return false;
    graph_begin(pDb->pGraph);
    pDb->bInTxn = true;
    return true;
  }
  if (!pDb->bInTxn) {
    error_raw(pErr, TG_ERR_SEMANTIC, "", "%s: no transaction is open (BEGIN starts one)", azName[eTxn]);
    return false;
  }
  pDb->bInTxn = false;
  bool bOk = true;
  if (eTxn == TXN_COMMIT && pDb->pDurable && !durable_commit(pDb->pDurable, pDb->pGraph, pErr)) {
    graph_rollback(pDb->pGraph);
    bOk = false;
  } else if (eTxn == TXN_COMMIT) {
    graph_commit(pDb->pGraph);
    if (pDb->pDurable) durable_maybe_checkpoint(pDb->pDurable, pDb->pGraph);
  } else {
    graph_rollback(pDb->pGraph);
  }
  conn_unlock_exclusive(pDb);
  return bOk;
}

/* Checks that every parameter the statement uses is bound. */
static bool stmtParamsBound(tg_stmt *p) {
  for (uint32_t i = 0; i < p->ctx.nParam; i++) {
    if (!p->abSet[i]) {
      error_at(&p->err, NULL, -1, ERR_MISSING_PARAMETER, p->ctx.azParam[i]);
      return false;
    }
  }
  return true;
}

int stmt_step(tg_stmt *p) {
  error_clear(&p->pDb->err);
  Plan *pPlan = p->pPlan;
  switch (p->eState) {
    case STMT_DONE: return TG_DONE;
    case STMT_FAILED: p->pDb->err = p->err; return TG_ERROR;
    case STMT_READY: {
      if (p->eTxn != TXN_NONE) {
        if (!stmt_txn(p->pDb, p->eTxn, &p->err)) return stmtFail(p);
        p->eState = STMT_DONE;
        return TG_DONE;
      }
      if (!stmtParamsBound(p)) return stmtFail(p);
      p->ctx.iStmtTimeNs = stmtNowNs();
      p->ctx.nTimeoutMs = p->pDb->nTimeoutMs;
      p->ctx.iDeadlineNs = p->ctx.nTimeoutMs ? exec_monotonic_ns() + p->ctx.nTimeoutMs * 1000000 : 0;
      p->pDb->bInterrupt = 0;
      stmtBudgetOpen(p);
      for (uint32_t i = 0; i < p->ctx.nSlot; i++) p->ctx.aSlot[i] = value_null();
      if (pPlan->eExplain == PLAN_EXPLAIN) {
        /* One row per line of the plan. */
        const char *z = stmt_plan_text(p);
        while (*z) {
          const char *zEnd = strchr(z, '\n');
          size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
          Value *aRow = arena_alloc(&p->bufArena, sizeof(Value));
          aRow[0] = value_str_copy(&p->bufArena, z, n);
          vec_push(&p->bufRows, aRow);
          z += n + (zEnd ? 1 : 0);
        }
        p->eState = STMT_BUFFERED;
        p->iBuf = 0;
        stmtBudgetClose(p);
        break;
      }
      if (pPlan->bWrites || pPlan->pSchema) {
        if (stmtRunWrite(p) != TG_OK) return TG_ERROR;
        break;
      }
      if (p->pDb->pShare && p->pDb->eLock != DB_LOCK_EXCLUSIVE) {
        if (!conn_lock_shared(p->pDb, &p->err)) return stmtFail(p);
        p->bShared = true;
      }
      parallel_setup(p);
      op_open(pPlan->pRoot);
      p->eState = STMT_STREAMING;
      p->pDb->nStreaming++;
      break;
    }
    default:
      break;
  }
  stmtInvalidateText(p);
  if (p->eState == STMT_BUFFERED) {
    if (p->iBuf >= p->bufRows.n) {
      p->eState = STMT_DONE;
      stmtUnlock(p);
      return TG_DONE;
    }
    Value *aRow = p->bufRows.a[p->iBuf++];
    memcpy(p->aRow, aRow, sizeof(Value) * pPlan->nCol);
    return TG_ROW;
  }
  /* Streaming a read query. Rows without columns are not reported. */
  for (;;) {
    int rc = op_next(pPlan->pRoot);
    if (rc == OP_ROW && pPlan->nCol == 0) continue;
    if (rc == OP_ROW) {
      for (uint32_t i = 0; i < pPlan->nCol; i++) p->aRow[i] = p->ctx.aSlot[pPlan->aColSlot[i]];
      return TG_ROW;
    }
    op_close(pPlan->pRoot);
    p->pDb->nStreaming--;
    if (rc == OP_ERROR || p->err.code || exec_out_of_memory(&p->ctx)) {
      p->err.bRuntime = true;
      return stmtFail(p);
    }
    stmtBudgetClose(p);
    stmtUnlock(p);
    if (pPlan->eExplain == PLAN_PROFILE) stmtBuildPlanText(p);
    p->eState = STMT_DONE;
    return TG_DONE;
  }
}

int stmt_reset(tg_stmt *p) {
  if (p->eState == STMT_STREAMING) {
    op_close(p->pPlan->pRoot);
    p->pDb->nStreaming--;
  }
  parallel_release(p);
  stmtBudgetClose(p);
  stmtUnlock(p);
  p->eState = STMT_READY;
  p->bufRows.n = 0;
  p->iBuf = 0;
  arena_reset(&p->bufArena);
  memset(&p->changes, 0, sizeof(p->changes));
  error_clear(&p->err);
  return TG_OK;
}

void stmt_finalize(tg_stmt *p) {
  if (p == NULL) return;
  stmt_reset(p);
  stmtFree(p);
}
