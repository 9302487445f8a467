/*
** tck_scenario.c — executes the steps of one TCK scenario (see
** tck_scenario.h).
**
** A TckRun holds the database and what the steps have produced so far:
** the parameters, the result of the last query (main or control), and the
** graph snapshot taken just before the main query. Each step handler
** either succeeds or calls tckRunFail() with a short reason and a report,
** which stops the scenario. Results are read through tangle.h only and
** converted into TckValue trees while each row is current, so that they
** can be compared after the statement has finished.
**
** Error phases: "compile time" means tg_prepare() failed, or the first
** tg_step() failed with tg_error_runtime()==0 before any row; "runtime"
** means a tg_step() failure otherwise.
*/
#include "tck_scenario.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tangle.h"
#include "tck_util.h"
#include "tck_value.h"

/* ======================================================================
** Types
** ==================================================================== */

/*
** The outcome of one query. Either bError is set (with the error's kind,
** detail, message and phase) or nCol/azCol and nRow rows of nCol values
** are filled in. Owns all its strings and values.
*/
typedef struct TckResult {
  int bRan;            /* a query has been run into this result */
  int bError;          /* the query failed */
  int bCompile;        /* the failure was at compile time (else runtime) */
  char *zKind;         /* tg_errkind(), e.g. "SyntaxError" */
  char *zDetail;       /* tg_errdetail(), e.g. "UndefinedVariable" */
  char *zMsg;          /* tg_errmsg() */
  int nCol;            /* result columns */
  char **azCol;        /* their names */
  int nRow;            /* rows read */
  TckValue **apCell;   /* nRow*nCol values, row by row */
} TckResult;

/*
** A picture of the graph for side-effect counting: node and relationship
** ids, the distinct label names, and one "kind id key value" string per
** property, each array sorted so that two snapshots diff by merging.
*/
typedef VEC(char *) TckStrVec;   /* strings, each freed with tg_free() */
typedef struct TckSnapshot {
  int nNode;         /* node ids */
  int64_t *aNode;
  int nRel;          /* relationship ids */
  int64_t *aRel;
  TckStrVec aLabel;  /* distinct label names */
  TckStrVec aProp;   /* property triples, encoded */
} TckSnapshot;

/* Side-effect counters, in the order of azTckEffect. ORDER EFFECT */
#define TCK_N_EFFECT 8
static const char *const azTckEffect[TCK_N_EFFECT] = {
    "+nodes", "-nodes", "+relationships", "-relationships",
    "+properties", "-properties", "+labels", "-labels"};

/* A procedure defined by a table: rows of input cells and output values. */
typedef struct TckProc {
  tg_db *pDb;            /* the database it is registered in */
  int nIn, nOut;         /* inputs and outputs per row */
  int nRow;              /* table rows (header excluded) */
  TckValue **apIn;       /* nRow*nIn expected arguments */
  tg_value **apOut;      /* nRow*nOut values to emit */
} TckProc;

/* A query parameter from "parameters are:": its name and literal text. */
typedef struct TckParam {
  char *zName;    /* without the $ */
  char *zValue;   /* Cypher literal, bound with tg_bind_literal() */
} TckParam;

/* One scenario's execution state. */
typedef struct TckRun {
  const GherkinScenario *pScen; /* the scenario */
  const char *zTckDir;          /* TCK root */
  tg_db *pDb;                   /* fresh database */
  VEC(TckParam) aParam;         /* parameters */
  TckResult result;             /* last query run */
  const char *zQuery;           /* its text (borrowed from the step) */
  int bControl;                 /* the last query was a control query */
  int bNeedSnapshot;            /* some step checks side effects */
  int bHaveBefore;              /* before is filled in */
  TckSnapshot before;           /* graph just before the main query */
  int bFailed;                  /* a step failed */
  char *zReason;                /* its short reason */
  StrBuf detail;                /* its report */
} TckRun;

/* ======================================================================
** Failure reporting
** ==================================================================== */

/* Marks the run failed with a short reason (printf-style). The report
** is appended to r->detail by the caller. Only the first call counts. */
static void tckRunFail(TckRun *r, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
static void tckRunFail(TckRun *r, const char *zFmt, ...) {
  if (r->bFailed) return;
  r->bFailed = 1;
  char aReason[512];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(aReason, sizeof(aReason), zFmt, ap);   /* a reason is one short line */
  va_end(ap);
  r->zReason = tck_strdup(aReason);
}

/* Appends text indented by two spaces per line. */
static void tckRunIndent(StrBuf *b, const char *z) {
  while (*z) {
    const char *zEol = strchr(z, '\n');
    size_t n = zEol ? (size_t)(zEol - z) : strlen(z);
    strbuf_puts(b, "    ");
    strbuf_append(b, z, n);
    strbuf_putc(b, '\n');
    z += n + (zEol ? 1 : 0);
  }
}

/* Appends the last query's text to the report. */
static void tckRunReportQuery(TckRun *r) {
  if (r->zQuery == NULL) return;
  strbuf_puts(&r->detail, r->bControl ? "  Control query:\n" : "  Query:\n");
  tckRunIndent(&r->detail, r->zQuery);
}

/* Describes an error result as "Kind at phase: Detail (message)". */
static void tckRunDescribeError(StrBuf *b, const TckResult *pRes) {
  strbuf_printf(b, "%s at %s: %s", pRes->zKind[0] ? pRes->zKind : "(no kind)",
                 pRes->bCompile ? "compile time" : "runtime",
                 pRes->zDetail[0] ? pRes->zDetail : "(no detail)");
  if (pRes->zMsg[0]) strbuf_printf(b, " (%s)", pRes->zMsg);
}

/*
** Appends a result table: header then up to 60 rows, cells padded to the
** width of their column. apCell holds nRow*nCol values (NULL cells print
** as "?").
*/
static void tckRunReportTable(StrBuf *b, int nCol, char **azCol, int nRow, TckValue **apCell) {
  const int nMaxRow = 60;
  int nShow = nRow < nMaxRow ? nRow : nMaxRow;
  char **azText = tg_calloc((size_t)(nShow + 1) * (size_t)(nCol ? nCol : 1), sizeof(char *));
  size_t *anWidth = tg_calloc((size_t)(nCol ? nCol : 1), sizeof(size_t));
  for (int c = 0; c < nCol; c++) {
    azText[c] = tck_strdup(azCol[c]);
    anWidth[c] = strlen(azText[c]);
  }
  for (int i = 0; i < nShow; i++) {
    for (int c = 0; c < nCol; c++) {
      StrBuf cell = {0};
      const TckValue *pVal = apCell[i * nCol + c];
      if (pVal) {
        tck_value_format(&cell, pVal);
      } else {
        strbuf_puts(&cell, "?");
      }
      char *z = strbuf_detach(&cell);
      if (strlen(z) > anWidth[c]) anWidth[c] = strlen(z);
      azText[(i + 1) * nCol + c] = z;
    }
  }
  for (int i = 0; i <= nShow; i++) {
    strbuf_puts(b, "    |");
    for (int c = 0; c < nCol; c++) {
      const char *z = azText[i * nCol + c];
      strbuf_printf(b, " %s%*s |", z, (int)(anWidth[c] - strlen(z)), "");
    }
    strbuf_putc(b, '\n');
  }
  if (nRow > nShow) strbuf_printf(b, "    ... %d more rows\n", nRow - nShow);
  if (nRow == 0) strbuf_puts(b, "    (no rows)\n");
  for (int i = 0; i < (nShow + 1) * nCol; i++) tg_free(azText[i]);
  tg_free(azText);
  tg_free(anWidth);
}

/* ======================================================================
** Running queries
** ==================================================================== */

static void tckResultClear(TckResult *p) {
  tg_free(p->zKind);
  tg_free(p->zDetail);
  tg_free(p->zMsg);
  for (int i = 0; i < p->nCol; i++) tg_free(p->azCol[i]);
  tg_free(p->azCol);
  for (int i = 0; i < p->nRow * p->nCol; i++) tck_value_free(p->apCell[i]);
  tg_free(p->apCell);
  memset(p, 0, sizeof(*p));
}

/* Records the database's current error in pRes. */
static void tckResultSetError(TckResult *pRes, tg_db *pDb, int bCompile) {
  pRes->bError = 1;
  pRes->bCompile = bCompile;
  pRes->zKind = tck_strdup(tg_errkind(pDb));
  pRes->zDetail = tck_strdup(tg_errdetail(pDb));
  pRes->zMsg = tck_strdup(tg_errmsg(pDb));
}

/* Reads the column names of a prepared statement into pRes. */
static void tckResultReadColumns(TckResult *pRes, tg_stmt *pStmt) {
  for (int i = 0; i < pRes->nCol; i++) tg_free(pRes->azCol[i]);
  tg_free(pRes->azCol);
  pRes->nCol = tg_column_count(pStmt);
  pRes->azCol = tg_calloc((size_t)(pRes->nCol ? pRes->nCol : 1), sizeof(char *));
  for (int i = 0; i < pRes->nCol; i++) {
    const char *z = tg_column_name(pStmt, i);
    pRes->azCol[i] = tck_strdup(z ? z : "");
  }
}

/* Does the statement use $zName? (A scenario's parameters are given for
** all its statements; each statement is bound only the ones it uses.) */
static int tckStmtUsesParam(tg_stmt *pStmt, const char *zName) {
  for (int i = 0; i < tg_param_count(pStmt); i++) {
    if (strcmp(tg_param_name(pStmt, i), zName) == 0) return 1;
  }
  return 0;
}

/*
** Runs the first statement of zText (after binding every parameter of
** the run) and fills *pRes, which is cleared first. *pzTail receives the
** text after the statement (NULL when there is none).
*/
static void tckRunStatement(TckRun *r, const char *zText, TckResult *pRes, const char **pzTail) {
  tckResultClear(pRes);
  pRes->bRan = 1;
  tg_stmt *pStmt = NULL;
  const char *zTail = NULL;
  if (pzTail) *pzTail = NULL;
  if (tg_prepare(r->pDb, zText, -1, &pStmt, &zTail) != TG_OK) {
    tckResultSetError(pRes, r->pDb, 1);
    return;
  }
  if (pzTail) *pzTail = zTail;
  if (pStmt == NULL) return;   /* only spaces and comments */
  for (uint32_t i = 0; i < r->aParam.n; i++) {
    const TckParam *pParam = &r->aParam.a[i];
    if (!tckStmtUsesParam(pStmt, pParam->zName)) continue;   /* binding it would be an error */
    if (tg_bind_literal(pStmt, pParam->zName, pParam->zValue) != TG_OK) {
      tckResultSetError(pRes, r->pDb, 1);
      char *zMsg = pRes->zMsg;
      StrBuf b = {0};
      strbuf_printf(&b, "binding $%s = %s: %s", pParam->zName, pParam->zValue, zMsg);
      pRes->zMsg = strbuf_detach(&b);
      tg_free(zMsg);
      tg_finalize(pStmt);
      return;
    }
  }
  tckResultReadColumns(pRes, pStmt);
  int nAlloc = 0;
  for (;;) {
    int rc = tg_step(pStmt);
    if (rc == TG_ROW) {
      if (tg_column_count(pStmt) != pRes->nCol) {
        /* Column counts are settled at prepare time; be safe anyway. */
        for (int i = 0; i < pRes->nRow * pRes->nCol; i++) tck_value_free(pRes->apCell[i]);
        pRes->nRow = 0;
        tckResultReadColumns(pRes, pStmt);
      }
      if ((pRes->nRow + 1) * pRes->nCol > nAlloc) {
        nAlloc = (pRes->nRow + 1) * pRes->nCol * 2;
        pRes->apCell = tg_realloc(pRes->apCell, sizeof(TckValue *) * (size_t)nAlloc);
      }
      for (int c = 0; c < pRes->nCol; c++) {
        pRes->apCell[pRes->nRow * pRes->nCol + c] = tck_value_from_api(r->pDb, tg_column_value(pStmt, c));
      }
      pRes->nRow++;
    } else if (rc == TG_DONE) {
      break;
    } else {
      int bCompile = pRes->nRow == 0 && !tg_error_runtime(r->pDb);
      tckResultSetError(pRes, r->pDb, bCompile);
      break;
    }
  }
  tg_finalize(pStmt);
}

/*
** Runs every statement of a setup script. Returns 1 on success; on
** failure fails the run with a report naming the statement.
*/
static int tckRunSetup(TckRun *r, const char *zScript, const char *zWhat) {
  TckResult res;
  memset(&res, 0, sizeof(res));
  const char *z = zScript;
  int bOk = 1;
  while (z && *z) {
    const char *zTail = NULL;
    tckRunStatement(r, z, &res, &zTail);
    if (res.bError) {
      tckRunFail(r, "%s failed: %s/%s", zWhat, res.zKind, res.zDetail);
      strbuf_printf(&r->detail, "  %s failed:\n", zWhat);
      tckRunIndent(&r->detail, zScript);
      strbuf_puts(&r->detail, "  Error: ");
      tckRunDescribeError(&r->detail, &res);
      strbuf_putc(&r->detail, '\n');
      bOk = 0;
      break;
    }
    if (zTail == NULL || zTail == z) break;
    z = zTail;
  }
  tckResultClear(&res);
  return bOk;
}

/* ======================================================================
** Side effects
** ==================================================================== */

/* qsort comparators: int64 ids, C strings. */
static int tckCmpInt64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

static int tckCmpStr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Frees a snapshot's arrays and zeroes it. */
static void tckSnapshotClear(TckSnapshot *p) {
  tg_free(p->aNode);
  tg_free(p->aRel);
  for (uint32_t i = 0; i < p->aLabel.n; i++) tg_free(p->aLabel.a[i]);
  vec_free(&p->aLabel);
  for (uint32_t i = 0; i < p->aProp.n; i++) tg_free(p->aProp.a[i]);
  vec_free(&p->aProp);
  memset(p, 0, sizeof(*p));
}

/* Adds the property triples of one entity (cKind 'n' or 'r'). */
static void tckSnapshotAddProps(TckSnapshot *p, char cKind, int64_t iId, const TckValue *pMap) {
  if (pMap->eType != TCKV_MAP) return;
  for (uint32_t i = 0; i < pMap->aItem.n; i++) {
    StrBuf b = {0};
    strbuf_printf(&b, "%c%lld\x1f%s\x1f", cKind, (long long)iId, pMap->aKey.a[i]);
    tck_value_format(&b, pMap->aItem.a[i]);
    vec_push(&p->aProp, strbuf_detach(&b));
  }
}

/*
** Takes a snapshot with two read queries. Returns 1 on success; on
** failure fails the run (the harness cannot count side effects).
*/
static int tckSnapshotTake(TckRun *r, TckSnapshot *p) {
  static const char zNodes[] = "MATCH (n) RETURN id(n), labels(n), properties(n)";
  static const char zRels[] = "MATCH ()-[r]->() RETURN id(r), properties(r)";
  TckResult res;
  memset(&res, 0, sizeof(res));
  memset(p, 0, sizeof(*p));
  uint32_t nSaveParam = r->aParam.n;
  r->aParam.n = 0;   /* the snapshot queries take no parameters */
  tckRunStatement(r, zNodes, &res, NULL);
  int bOk = !res.bError && res.nCol == 3;
  if (bOk) {
    p->aNode = tg_calloc((size_t)res.nRow + 1, sizeof(int64_t));
    for (int i = 0; i < res.nRow; i++) {
      TckValue **a = &res.apCell[i * 3];
      p->aNode[p->nNode++] = a[0]->eType == TCKV_INT ? a[0]->i : -1;
      if (a[1]->eType == TCKV_LIST) {
        for (uint32_t k = 0; k < a[1]->aItem.n; k++) {
          const TckValue *pLabel = a[1]->aItem.a[k];
          if (pLabel->eType != TCKV_STRING) continue;
          vec_push(&p->aLabel, tck_strdup(pLabel->z));
        }
      }
      tckSnapshotAddProps(p, 'n', p->aNode[i], a[2]);
    }
    tckRunStatement(r, zRels, &res, NULL);
    bOk = !res.bError && res.nCol == 2;
  }
  if (bOk) {
    p->aRel = tg_calloc((size_t)res.nRow + 1, sizeof(int64_t));
    for (int i = 0; i < res.nRow; i++) {
      TckValue **a = &res.apCell[i * 2];
      p->aRel[p->nRel++] = a[0]->eType == TCKV_INT ? a[0]->i : -1;
      tckSnapshotAddProps(p, 'r', p->aRel[i], a[1]);
    }
  }
  r->aParam.n = nSaveParam;
  if (!bOk) {
    tckRunFail(r, "side-effect snapshot query failed");
    strbuf_puts(&r->detail, "  The graph snapshot query for side effects failed: ");
    if (res.bError) {
      tckRunDescribeError(&r->detail, &res);
    } else {
      strbuf_printf(&r->detail, "%d columns", res.nCol);
    }
    strbuf_putc(&r->detail, '\n');
    tckResultClear(&res);
    tckSnapshotClear(p);
    return 0;
  }
  tckResultClear(&res);
  /* (qsort must not see the NULL of an empty array.) */
  if (p->nNode > 1) qsort(p->aNode, (size_t)p->nNode, sizeof(int64_t), tckCmpInt64);
  if (p->nRel > 1) qsort(p->aRel, (size_t)p->nRel, sizeof(int64_t), tckCmpInt64);
  if (p->aLabel.n > 1) qsort(p->aLabel.a, p->aLabel.n, sizeof(char *), tckCmpStr);
  if (p->aProp.n > 1) qsort(p->aProp.a, p->aProp.n, sizeof(char *), tckCmpStr);
  /* Labels: keep each distinct name once. */
  uint32_t n = 0;
  for (uint32_t i = 0; i < p->aLabel.n; i++) {
    if (n > 0 && strcmp(p->aLabel.a[n - 1], p->aLabel.a[i]) == 0) {
      tg_free(p->aLabel.a[i]);
    } else {
      p->aLabel.a[n++] = p->aLabel.a[i];
    }
  }
  p->aLabel.n = n;
  return 1;
}

/* Counts ids only in a (*pnOnlyA) and only in b (*pnOnlyB); both sorted. */
static void tckDiffIds(const int64_t *a, int na, const int64_t *b, int nb, int64_t *pnOnlyA,
                       int64_t *pnOnlyB) {
  int i = 0, j = 0;
  *pnOnlyA = *pnOnlyB = 0;
  while (i < na || j < nb) {
    if (j >= nb || (i < na && a[i] < b[j])) {
      (*pnOnlyA)++;
      i++;
    } else if (i >= na || b[j] < a[i]) {
      (*pnOnlyB)++;
      j++;
    } else {
      i++;
      j++;
    }
  }
}

/* Same as tckDiffIds for sorted string arrays. */
static void tckDiffStrs(const TckStrVec *a, const TckStrVec *b, int64_t *pnOnlyA, int64_t *pnOnlyB) {
  uint32_t i = 0, j = 0;
  *pnOnlyA = *pnOnlyB = 0;
  while (i < a->n || j < b->n) {
    int c = i >= a->n ? 1 : j >= b->n ? -1 : strcmp(a->a[i], b->a[j]);
    if (c < 0) {
      (*pnOnlyA)++;
      i++;
    } else if (c > 0) {
      (*pnOnlyB)++;
      j++;
    } else {
      i++;
      j++;
    }
  }
}

/*
** Checks "the side effects should be" (pTable) or "no side effects"
** (pTable NULL): snapshots the graph now and diffs it with the snapshot
** taken before the main query.
*/
static void tckStepSideEffects(TckRun *r, const GherkinTable *pTable) {
  int64_t aExp[TCK_N_EFFECT] = {0}, aAct[TCK_N_EFFECT] = {0};
  for (int i = 0; pTable && i < pTable->nRow; i++) {
    const GherkinRow *pRow = &pTable->aRow[i];
    int k = 0;
    while (k < TCK_N_EFFECT && (pRow->nCell < 2 || strcmp(pRow->azCell[0], azTckEffect[k]) != 0)) k++;
    if (k == TCK_N_EFFECT) {
      tckRunFail(r, "unknown side effect row");
      strbuf_printf(&r->detail, "  Unknown side-effect row: %s\n",
                     pRow->nCell ? pRow->azCell[0] : "(empty)");
      return;
    }
    aExp[k] = strtoll(pRow->azCell[1], NULL, 10);
  }
  if (!r->bHaveBefore) {
    tckRunFail(r, "side effects checked before a query ran");
    return;
  }
  TckSnapshot after;
  if (!tckSnapshotTake(r, &after)) return;
  const TckSnapshot *b = &r->before;
  tckDiffIds(after.aNode, after.nNode, b->aNode, b->nNode, &aAct[0], &aAct[1]);
  tckDiffIds(after.aRel, after.nRel, b->aRel, b->nRel, &aAct[2], &aAct[3]);
  tckDiffStrs(&after.aProp, &b->aProp, &aAct[4], &aAct[5]);
  tckDiffStrs(&after.aLabel, &b->aLabel, &aAct[6], &aAct[7]);
  tckSnapshotClear(&after);
  int bSame = memcmp(aExp, aAct, sizeof(aExp)) == 0;
  if (bSame) return;
  tckRunFail(r, "wrong side effects");
  tckRunReportQuery(r);
  StrBuf *d = &r->detail;
  strbuf_puts(d, "  Side effects (expected / actual):\n");
  for (int k = 0; k < TCK_N_EFFECT; k++) {
    if (aExp[k] == 0 && aAct[k] == 0) continue;
    strbuf_printf(d, "    %-15s %lld / %lld%s\n", azTckEffect[k], (long long)aExp[k], (long long)aAct[k],
                   aExp[k] != aAct[k] ? "   <--" : "");
  }
}

/* ======================================================================
** Procedures defined by tables
** ==================================================================== */

/* Frees a TckProc (the xDestroy of tg_create_procedure). */
static void tckProcFree(void *pArg) {
  TckProc *p = pArg;
  if (p == NULL) return;
  for (int i = 0; i < p->nRow * p->nIn; i++) tck_value_free(p->apIn[i]);
  for (int i = 0; i < p->nRow * p->nOut; i++) tg_value_free(p->apOut[i]);
  tg_free(p->apIn);
  tg_free(p->apOut);
  tg_free(p);
}

/*
** The procedure body: emits the outputs of every table row whose input
** cells equal the arguments. Integers and floats compare numerically,
** since an INTEGER argument may be passed to a FLOAT parameter.
*/
static int tckProcCall(tg_proc_ctx *pCtx, int nArg, const tg_value **apArg, void *pArg) {
  TckProc *p = pArg;
  if (nArg != p->nIn) {
    tg_proc_error(pCtx, "tck_runner: wrong number of arguments");
    return TG_ERROR;
  }
  TckValue **apVal = tg_calloc((size_t)nArg + 1, sizeof(TckValue *));
  for (int i = 0; i < nArg; i++) apVal[i] = tck_value_from_api(p->pDb, apArg[i]);
  int rc = TG_OK;
  for (int r = 0; r < p->nRow && rc == TG_OK; r++) {
    int bMatch = 1;
    for (int i = 0; i < nArg && bMatch; i++) {
      bMatch = tck_value_equal(p->apIn[r * p->nIn + i], apVal[i], TCKV_CMP_NUMERIC);
    }
    if (bMatch && p->nOut > 0) rc = tg_proc_emit(pCtx, (const tg_value **)&p->apOut[r * p->nOut]);
  }
  for (int i = 0; i < nArg; i++) tck_value_free(apVal[i]);
  tg_free(apVal);
  return rc;
}

/* Counts the "name :: TYPE" entries of the parenthesised list at z
** ("VOID" counts 0). Returns the position after it in *pzEnd. */
static int tckProcCountParams(const char *z, const char **pzEnd) {
  while (isspace((unsigned char)*z)) z++;
  if (strncmp(z, "VOID", 4) == 0) {
    *pzEnd = z + 4;
    return 0;
  }
  int n = 0, nDepth = 0;
  for (; *z; z++) {
    if (*z == '(') nDepth++;
    if (*z == ')' && --nDepth == 0) {
      z++;
      break;
    }
    if (nDepth == 1 && z[0] == ':' && z[1] == ':') {
      n++;
      z++;
    }
  }
  *pzEnd = z;
  return n;
}

/* "there exists a procedure NS.name(in :: T?) :: (out :: T?):" + table. */
static void tckStepProcedure(TckRun *r, const GherkinStep *pStep, const char *zDecl) {
  char *zCopy = tck_strdup(zDecl);
  size_t n = strlen(zCopy);
  while (n > 0 && (isspace((unsigned char)zCopy[n - 1]) || zCopy[n - 1] == ':')) zCopy[--n] = 0;
  char *zParen = strchr(zCopy, '(');
  if (zParen == NULL) {
    tckRunFail(r, "bad procedure declaration");
    tg_free(zCopy);
    return;
  }
  const char *zSig = zParen;
  *zParen = 0;
  char *zName = tck_strdup(zCopy);
  *zParen = '(';
  const char *z;
  int nIn = tckProcCountParams(zSig, &z);
  while (isspace((unsigned char)*z)) z++;
  int nOut = 0;
  if (z[0] == ':' && z[1] == ':') nOut = tckProcCountParams(z + 2, &z);

  TckProc *p = tg_calloc(1, sizeof(TckProc));
  p->pDb = r->pDb;
  p->nIn = nIn;
  p->nOut = nOut;
  const GherkinTable *pTab = pStep->pTable;
  int nRow = pTab && pTab->nRow > 1 ? pTab->nRow - 1 : 0;
  p->apIn = tg_calloc((size_t)(nRow * nIn) + 1, sizeof(TckValue *));
  p->apOut = tg_calloc((size_t)(nRow * nOut) + 1, sizeof(tg_value *));
  int bOk = 1;
  for (int i = 0; i < nRow && bOk; i++) {
    const GherkinRow *pRow = &pTab->aRow[i + 1];
    if (pRow->nCell != nIn + nOut) {
      tckRunFail(r, "procedure table row has %d cells, expected %d", pRow->nCell, nIn + nOut);
      bOk = 0;
      break;
    }
    for (int c = 0; c < nIn && bOk; c++) {
      char *zErr = NULL;
      p->apIn[i * nIn + c] = tck_value_parse(pRow->azCell[c], &zErr);
      if (p->apIn[i * nIn + c] == NULL) {
        tckRunFail(r, "bad procedure table cell: %s", zErr);
        bOk = 0;
      }
      tg_free(zErr);
    }
    for (int c = 0; c < nOut && bOk; c++) {
      p->apOut[i * nOut + c] = tg_value_parse(r->pDb, pRow->azCell[nIn + c]);
      if (p->apOut[i * nOut + c] == NULL) {
        tckRunFail(r, "engine cannot parse procedure output %s", pRow->azCell[nIn + c]);
        strbuf_printf(&r->detail, "  tg_value_parse(%s): %s\n", pRow->azCell[nIn + c], tg_errmsg(r->pDb));
        bOk = 0;
      }
    }
    p->nRow = i + 1;
  }
  if (bOk && tg_create_procedure(r->pDb, zName, zSig, tckProcCall, p, tckProcFree) != TG_OK) {
    tckRunFail(r, "tg_create_procedure failed");
    strbuf_printf(&r->detail, "  tg_create_procedure(%s, %s): %s\n", zName, zSig, tg_errmsg(r->pDb));
    bOk = 0;
  }
  if (!bOk) tckProcFree(p);
  tg_free(zName);
  tg_free(zCopy);
}

/* ======================================================================
** Result checks
** ==================================================================== */

/* Fails the run with the error of the last query (an error was not expected). */
static void tckRunUnexpectedError(TckRun *r) {
  tckRunFail(r, "unexpected error: %s/%s", r->result.zKind, r->result.zDetail);
  tckRunReportQuery(r);
  strbuf_puts(&r->detail, "  Unexpected error: ");
  tckRunDescribeError(&r->detail, &r->result);
  strbuf_putc(&r->detail, '\n');
}

/* Does actual row iAct match expected row iExp? */
static int tckRowEqual(TckValue **apExp, int iExp, const TckResult *pRes, int iAct, int mFlags) {
  for (int c = 0; c < pRes->nCol; c++) {
    if (!tck_value_equal(apExp[iExp * pRes->nCol + c], pRes->apCell[iAct * pRes->nCol + c], mFlags)) {
      return 0;
    }
  }
  return 1;
}

/* A result step needs a query that ran and did not fail; else it fails
** the scenario and returns false. */
static bool tckResultReady(TckRun *r) {
  if (!r->result.bRan) {
    tckRunFail(r, "result checked before a query ran");
    return false;
  }
  if (r->result.bError) {
    tckRunUnexpectedError(r);
    return false;
  }
  return true;
}

/*
** "Then the result should be ...": compares the last result with pTable
** (header = column names). bOrdered compares rows in sequence, else as a
** multiset; mFlags may ask for lists to compare as multisets.
*/
static void tckStepResult(TckRun *r, const GherkinTable *pTable, int bOrdered, int mFlags,
                          const char *zHow) {
  TckResult *pRes = &r->result;
  if (!tckResultReady(r)) return;
  int nCol = pTable && pTable->nRow > 0 ? pTable->aRow[0].nCell : 0;
  int nRow = pTable && pTable->nRow > 0 ? pTable->nRow - 1 : 0;
  TckValue **apExp = tg_calloc((size_t)(nRow * nCol) + 1, sizeof(TckValue *));
  int bOk = 1;
  for (int i = 0; i < nRow && bOk; i++) {
    const GherkinRow *pRow = &pTable->aRow[i + 1];
    for (int c = 0; c < nCol && bOk; c++) {
      char *zErr = NULL;
      apExp[i * nCol + c] = c < pRow->nCell ? tck_value_parse(pRow->azCell[c], &zErr) : NULL;
      if (apExp[i * nCol + c] == NULL) {
        tckRunFail(r, "cannot parse expected value");
        strbuf_printf(&r->detail, "  Cannot parse expected cell: %s\n", zErr ? zErr : "(missing cell)");
        bOk = 0;
      }
      tg_free(zErr);
    }
  }
  const char *zWhy = NULL;
  if (bOk) {
    int bColsOk = nCol == pRes->nCol;
    for (int c = 0; c < nCol && bColsOk; c++) bColsOk = strcmp(pTable->aRow[0].azCell[c], pRes->azCol[c]) == 0;
    if (!bColsOk) {
      zWhy = "wrong columns";
    } else if (nRow != pRes->nRow) {
      zWhy = "wrong result";
    } else if (bOrdered) {
      for (int i = 0; i < nRow && !zWhy; i++) {
        if (!tckRowEqual(apExp, i, pRes, i, mFlags)) zWhy = "wrong result";
      }
    } else {
      /* Multiset: greedy assignment is exact because matching is an equivalence. */
      char *aUsed = tg_calloc((size_t)nRow + 1, 1);
      for (int i = 0; i < nRow && !zWhy; i++) {
        int j = 0;
        while (j < nRow && (aUsed[j] || !tckRowEqual(apExp, i, pRes, j, mFlags))) j++;
        if (j == nRow) {
          zWhy = "wrong result";
        } else {
          aUsed[j] = 1;
        }
      }
      tg_free(aUsed);
    }
  }
  if (bOk && zWhy) {
    tckRunFail(r, "%s", zWhy);
    tckRunReportQuery(r);
    strbuf_printf(&r->detail, "  Expected (%s):\n", zHow);
    char **azCol = nCol ? pTable->aRow[0].azCell : NULL;
    tckRunReportTable(&r->detail, nCol, azCol, nRow, apExp);
    strbuf_puts(&r->detail, "  Actual:\n");
    tckRunReportTable(&r->detail, pRes->nCol, pRes->azCol, pRes->nRow, pRes->apCell);
  }
  for (int i = 0; i < nRow * nCol; i++) tck_value_free(apExp[i]);
  tg_free(apExp);
}

/* "Then the result should be empty": no columns and no rows. */
static void tckStepResultEmpty(TckRun *r) {
  TckResult *pRes = &r->result;
  if (!tckResultReady(r)) return;
  if (pRes->nCol == 0 && pRes->nRow == 0) return;
  tckRunFail(r, "result not empty");
  tckRunReportQuery(r);
  strbuf_puts(&r->detail, "  Expected: no columns and no rows\n  Actual:\n");
  tckRunReportTable(&r->detail, pRes->nCol, pRes->azCol, pRes->nRow, pRes->apCell);
}

/*
** "Then a(n) TYPE should be raised at PHASE: DETAIL". TYPE "Error" and
** DETAIL "*" are wildcards, as is the phase "any time".
*/
static void tckStepError(TckRun *r, const char *zText) {
  const char *z = strncmp(zText, "an ", 3) == 0 ? zText + 3 : zText + 2;
  const char *zKindEnd = strchr(z, ' ');
  const char *zAt = strstr(z, " should be raised at ");
  const char *zColon = zAt ? strstr(zAt, ": ") : NULL;
  if (zKindEnd == NULL || zAt == NULL || zColon == NULL) {
    tckRunFail(r, "unsupported step");
    strbuf_printf(&r->detail, "  Cannot read error step: %s\n", zText);
    return;
  }
  char *zKind = tg_strndup(z, (size_t)(zKindEnd - z));
  const char *zPhase = zAt + strlen(" should be raised at ");
  char *zPhaseCopy = tg_strndup(zPhase, (size_t)(zColon - zPhase));
  const char *zDetail = zColon + 2;
  TckResult *pRes = &r->result;
  if (!pRes->bRan) {
    tckRunFail(r, "error checked before a query ran");
  } else if (!pRes->bError) {
    tckRunFail(r, "no error raised (expected %s/%s)", zKind, zDetail);
    tckRunReportQuery(r);
    strbuf_printf(&r->detail, "  Expected: %s at %s: %s\n  Actual: no error, result:\n", zKind,
                   zPhaseCopy, zDetail);
    tckRunReportTable(&r->detail, pRes->nCol, pRes->azCol, pRes->nRow, pRes->apCell);
  } else {
    int bKind = strcmp(zKind, "Error") == 0 || strcmp(zKind, pRes->zKind) == 0;
    int bPhase = strcmp(zPhaseCopy, "any time") == 0 ||
                 (strcmp(zPhaseCopy, "compile time") == 0 && pRes->bCompile) ||
                 (strcmp(zPhaseCopy, "runtime") == 0 && !pRes->bCompile);
    int bDetail = strcmp(zDetail, "*") == 0 || strcmp(zDetail, pRes->zDetail) == 0;
    if (!bKind || !bPhase || !bDetail) {
      StrBuf why = {0};
      strbuf_puts(&why, "error mismatch:");
      if (!bKind) strbuf_printf(&why, " type (%s, got %s)", zKind, pRes->zKind);
      if (!bPhase) {
        strbuf_printf(&why, " phase (%s, got %s)", zPhaseCopy, pRes->bCompile ? "compile time" : "runtime");
      }
      if (!bDetail) strbuf_printf(&why, " detail (%s, got %s)", zDetail, pRes->zDetail);
      tckRunFail(r, "%s", why.z);
      strbuf_free(&why);
      tckRunReportQuery(r);
      strbuf_printf(&r->detail, "  Expected: %s at %s: %s\n  Actual:   ", zKind, zPhaseCopy, zDetail);
      tckRunDescribeError(&r->detail, pRes);
      strbuf_putc(&r->detail, '\n');
    }
  }
  tg_free(zKind);
  tg_free(zPhaseCopy);
}

/* ======================================================================
** Steps
** ==================================================================== */

/* "Given the NAME graph": runs graphs/NAME/NAME.cypher. */
static void tckStepNamedGraph(TckRun *r, const char *zName, size_t nName) {
  StrBuf path = {0};
  strbuf_printf(&path, "%s/graphs/%.*s/%.*s.cypher", r->zTckDir, (int)nName, zName, (int)nName, zName);
  char *zScript = tck_read_file(path.z);
  if (zScript == NULL) {
    tckRunFail(r, "cannot read graph %.*s", (int)nName, zName);
    strbuf_printf(&r->detail, "  Cannot read %s\n", path.z);
  } else if (tg_exec(r->pDb, zScript, path.z) != TG_OK) {
    tckRunFail(r, "graph script failed: %s/%s", tg_errkind(r->pDb), tg_errdetail(r->pDb));
    strbuf_printf(&r->detail, "  %s failed: %s\n", path.z, tg_errmsg(r->pDb));
  }
  tg_free(zScript);
  strbuf_free(&path);
}

/* "And parameters are:" — one | name | value | row per parameter. */
static void tckStepParameters(TckRun *r, const GherkinTable *pTable) {
  for (int i = 0; pTable && i < pTable->nRow; i++) {
    const GherkinRow *pRow = &pTable->aRow[i];
    if (pRow->nCell != 2) {
      tckRunFail(r, "parameter row needs two cells");
      return;
    }
    TckParam param = {tck_strdup(pRow->azCell[0]), tck_strdup(pRow->azCell[1])};
    vec_push(&r->aParam, param);
  }
}

/* "When executing query:" — snapshot (if needed), then run it. */
static void tckStepQuery(TckRun *r, const GherkinStep *pStep, int bControl) {
  if (pStep->zDoc == NULL) {
    tckRunFail(r, "query step without a docstring");
    return;
  }
  if (!bControl && r->bNeedSnapshot) {
    if (r->bHaveBefore) tckSnapshotClear(&r->before);
    r->bHaveBefore = tckSnapshotTake(r, &r->before);
    if (!r->bHaveBefore) return;
  }
  r->zQuery = pStep->zDoc;
  r->bControl = bControl;
  tckRunStatement(r, pStep->zDoc, &r->result, NULL);
}

/* Runs one step; failures are recorded in r. */
static void tckRunStep(TckRun *r, const GherkinStep *pStep) {
  const char *zText = pStep->zText;
  const char *z;
  if (strcmp(zText, "an empty graph") == 0 || strcmp(zText, "any graph") == 0) return;
  if (strncmp(zText, "the ", 4) == 0 && (z = strstr(zText, " graph")) != NULL && z[6] == 0) {
    tckStepNamedGraph(r, zText + 4, (size_t)(z - zText - 4));
  } else if (strcmp(zText, "having executed:") == 0) {
    if (pStep->zDoc == NULL) {
      tckRunFail(r, "setup step without a docstring");
    } else {
      tckRunSetup(r, pStep->zDoc, "setup query");
    }
  } else if (strcmp(zText, "parameters are:") == 0) {
    tckStepParameters(r, pStep->pTable);
  } else if (strncmp(zText, "there exists a procedure ", 25) == 0) {
    tckStepProcedure(r, pStep, zText + 25);
  } else if (strcmp(zText, "executing query:") == 0) {
    tckStepQuery(r, pStep, 0);
  } else if (strcmp(zText, "executing control query:") == 0) {
    tckStepQuery(r, pStep, 1);
  } else if (strcmp(zText, "the result should be empty") == 0) {
    tckStepResultEmpty(r);
  } else if (strncmp(zText, "the result should be", 20) == 0) {
    int bUnorderedLists = strstr(zText, "ignoring element order for lists") != NULL;
    int bOrdered = strstr(zText, "in order") != NULL && strstr(zText, "in any order") == NULL;
    /* ", in any order:" -> "in any order" for the report. */
    const char *zHow = zText + 20;
    while (*zHow == ',' || *zHow == ' ') zHow++;
    char *zHowCopy = tck_strdup(zHow);
    size_t nHow = strlen(zHowCopy);
    if (nHow > 0 && zHowCopy[nHow - 1] == ':') zHowCopy[nHow - 1] = 0;
    tckStepResult(r, pStep->pTable, bOrdered, bUnorderedLists ? TCKV_CMP_LIST_UNORDERED : 0, zHowCopy);
    tg_free(zHowCopy);
  } else if ((strncmp(zText, "a ", 2) == 0 || strncmp(zText, "an ", 3) == 0) &&
             strstr(zText, " should be raised at ") != NULL) {
    tckStepError(r, zText);
  } else if (strcmp(zText, "the side effects should be:") == 0) {
    tckStepSideEffects(r, pStep->pTable);
  } else if (strcmp(zText, "no side effects") == 0) {
    tckStepSideEffects(r, NULL);
  } else {
    tckRunFail(r, "unsupported step");
    strbuf_printf(&r->detail, "  Unsupported step (line %d): %s %s\n", pStep->iLine, pStep->zKeyword,
                   zText);
  }
}

/* ======================================================================
** API
** ==================================================================== */

void tck_scenario_run(const GherkinScenario *pScen, const char *zTckDir, TckOutcome *pOut) {
  TckRun r;
  memset(&r, 0, sizeof(r));
  r.pScen = pScen;
  r.zTckDir = zTckDir;
  for (int i = 0; i < pScen->nStep; i++) {
    const char *zText = pScen->aStep[i].zText;
    if (strcmp(zText, "no side effects") == 0 || strcmp(zText, "the side effects should be:") == 0) {
      r.bNeedSnapshot = 1;
    }
  }
  tg_open(&r.pDb);
  for (int i = 0; i < pScen->nStep && !r.bFailed; i++) tckRunStep(&r, &pScen->aStep[i]);

  memset(pOut, 0, sizeof(*pOut));
  pOut->bPass = !r.bFailed;
  if (r.bFailed) {
    StrBuf b = {0};
    strbuf_printf(&b, "%s: %s\n  Scenario: %s\n", pScen->zId, r.zReason, pScen->zName);
    if (r.detail.z) strbuf_puts(&b, r.detail.z);
    pOut->zReason = r.zReason;
    r.zReason = NULL;
    pOut->zDetail = strbuf_detach(&b);
  }
  tckResultClear(&r.result);
  if (r.bHaveBefore) tckSnapshotClear(&r.before);
  for (uint32_t i = 0; i < r.aParam.n; i++) {
    tg_free(r.aParam.a[i].zName);
    tg_free(r.aParam.a[i].zValue);
  }
  vec_free(&r.aParam);
  tg_free(r.zReason);
  strbuf_free(&r.detail);
  tg_close(r.pDb);
}

/* Frees an outcome's strings (see tck_scenario.h). */
void tck_outcome_clear(TckOutcome *p) {
  tg_free(p->zReason);
  tg_free(p->zDetail);
  memset(p, 0, sizeof(*p));
}
