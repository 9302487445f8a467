/*
** proc.c — the procedure registry, procedure signatures, the built-in
** procedures and the planning of CALL clauses (see proc.h).
*/
#include "eval/proc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/db.h"

/* The procedures of a database are kept by the database a connection was
** made from (store/db.h). */
#define procsOf(pDb) (&((pDb)->pMain ? (pDb)->pMain : (pDb))->procs)
#include "eval/func.h"
#include "store/durable.h"
#include "store/fulltext.h"
#include "store/index.h"
#include "store/integrity.h"
#include "base/mem.h"
#include "parser.h"
#include "base/suggest.h"

/* ======================================================================
** Signatures
** ==================================================================== */

/* Maps a declared type name to a type mask. Unknown names give 0. */
static TypeMask procTypeMask(const char *z, size_t n) {
  static const struct { const char *zName; TypeMask tm; } aType[] = {
      {"ANY", TM_ANY},          {"INTEGER", TM(VAL_INT)},   {"INT", TM(VAL_INT)},
      {"FLOAT", TM(VAL_FLOAT)}, {"NUMBER", TM_NUMBER},      {"STRING", TM(VAL_STRING)},
      {"BOOLEAN", TM(VAL_BOOL)}, {"MAP", TM(VAL_MAP)},      {"NODE", TM(VAL_NODE)},
      {"RELATIONSHIP", TM(VAL_REL)}, {"PATH", TM(VAL_PATH)}, {"DATE", TM(VAL_DATE)},
      {"DATETIME", TM(VAL_DATETIME)}, {"DURATION", TM(VAL_DURATION)}, {"POINT", TM(VAL_POINT)},
  };
  if (n >= 4 && strncasecmp(z, "LIST", 4) == 0) return TM(VAL_LIST);
  for (int i = 0; i < ARRAY_SIZE(aType); i++) {
    if (strlen(aType[i].zName) == n && strncasecmp(aType[i].zName, z, n) == 0) return aType[i].tm;
  }
  return 0;
}

static const char *procSkipSpace(const char *z) {
  while (*z && isspace((unsigned char)*z)) z++;
  return z;
}

/*
** Parses "(name :: TYPE?, ...)" at *pz into a parameter list. Returns false
** on malformed text. A bare "VOID" gives an empty list. "name = default ::
** TYPE" marks an optional input, as Neo4j prints them; a call that leaves
** it out passes null, which the procedure reads as the default. Optional
** inputs come last.
*/
static bool procParseParams(const char **pz, uint32_t *pn, ProcParam **pa) {
  const char *z = procSkipSpace(*pz);
  VEC(ProcParam) params = {0};
  if (strncasecmp(z, "VOID", 4) == 0) {
    *pz = z + 4;
    *pn = 0;
    *pa = NULL;
    return true;
  }
  if (*z != '(') return false;
  z = procSkipSpace(z + 1);
  while (*z && *z != ')') {
    const char *zName = z;
    while (*z && (isalnum((unsigned char)*z) || *z == '_')) z++;
    size_t nName = (size_t)(z - zName);
    z = procSkipSpace(z);
    bool bOptional = *z == '=';
    if (bOptional) {
      while (*z && !(z[0] == ':' && z[1] == ':') && *z != ')') z++;
    } else if (params.n && params.a[params.n - 1].bOptional) {
      goto fail;
    }
    if (nName == 0 || z[0] != ':' || z[1] != ':') goto fail;
    z = procSkipSpace(z + 2);
    const char *zType = z;
    while (*z && *z != ',' && *z != ')') z++;
    const char *zEnd = z;
    while (zEnd > zType && isspace((unsigned char)zEnd[-1])) zEnd--;
    bool bNullable = zEnd > zType && zEnd[-1] == '?';
    size_t nType = (size_t)(zEnd - zType) - (bNullable ? 1 : 0);
    ProcParam pp;
    pp.zName = tg_strndup(zName, nName);
    pp.zType = tg_strndup(zType, (size_t)(zEnd - zType));
    pp.tm = procTypeMask(zType, nType);
    if (pp.tm == 0) {
      tg_free((void *)pp.zName);
      tg_free((void *)pp.zType);
      goto fail;
    }
    pp.bOptional = bOptional;
    if (bNullable || bOptional) pp.tm |= TM(VAL_NULL);
    vec_push(&params, pp);
    z = procSkipSpace(z);
    if (*z == ',') z = procSkipSpace(z + 1);
  }
  if (*z != ')') goto fail;
  *pz = z + 1;
  *pn = params.n;
  *pa = params.a;
  return true;
fail:
  for (uint32_t i = 0; i < params.n; i++) {
    tg_free((void *)params.a[i].zName);
    tg_free((void *)params.a[i].zType);
  }
  vec_free(&params);
  return false;
}

static void procFreeDef(ProcDef *p) {
  if (p->xDestroy) p->xDestroy(p->pArg);
  for (uint32_t i = 0; i < p->nIn; i++) {
    tg_free((void *)p->aIn[i].zName);
    tg_free((void *)p->aIn[i].zType);
  }
  for (uint32_t i = 0; i < p->nOut; i++) {
    tg_free((void *)p->aOut[i].zName);
    tg_free((void *)p->aOut[i].zType);
  }
  tg_free(p->aIn);
  tg_free(p->aOut);
  tg_free(p->zName);
  tg_free(p->zSignature);
  tg_free(p);
}

/* Registers a procedure from a signature; replaces one of the same name. */
static ProcDef *procAdd(struct tg_db *pDb, const char *zName, const char *zSignature,
                        TgError *pErr) {
  ProcDef *p = tg_calloc(1, sizeof(ProcDef));
  const char *z = zSignature;
  if (!procParseParams(&z, &p->nIn, &p->aIn)) goto bad;
  p->nRequired = p->nIn;
  while (p->nRequired > 0 && p->aIn[p->nRequired - 1].bOptional) p->nRequired--;
  z = procSkipSpace(z);
  if (z[0] != ':' || z[1] != ':') goto bad;
  z += 2;
  if (!procParseParams(&z, &p->nOut, &p->aOut)) goto bad;
  if (*procSkipSpace(z) != 0) goto bad;
  p->zName = tg_strndup(zName, strlen(zName));
  p->zSignature = tg_strndup(zSignature, strlen(zSignature));
  for (uint32_t i = 0; i < procsOf(pDb)->n; i++) {
    if (strcmp(procsOf(pDb)->a[i]->zName, zName) == 0) {
      procFreeDef(procsOf(pDb)->a[i]);
      procsOf(pDb)->a[i] = p;
      return p;
    }
  }
  vec_push(procsOf(pDb), p);
  return p;
bad:
  error_raw(pErr, TG_ERR_SYNTAX, "UnexpectedSyntax", "bad procedure signature: %s", zSignature);
  procFreeDef(p);
  return NULL;
}

int proc_create(struct tg_db *pDb, const char *zName, const char *zSignature, tg_proc_fn xProc,
                void *pArg, void (*xDestroy)(void *), TgError *pErr) {
  ProcDef *p = procAdd(pDb, zName, zSignature, pErr);
  if (p == NULL) return TG_ERROR;
  p->xProc = xProc;
  p->pArg = pArg;
  p->xDestroy = xDestroy;
  return TG_OK;
}

const ProcDef *proc_find(struct tg_db *pDb, const char *zName) {
  for (uint32_t i = 0; i < procsOf(pDb)->n; i++) {
    if (strcmp(procsOf(pDb)->a[i]->zName, zName) == 0) return procsOf(pDb)->a[i];
  }
  /* Built-in names also match case-insensitively (db.LABELS()). */
  for (uint32_t i = 0; i < procsOf(pDb)->n; i++) {
    if (procsOf(pDb)->a[i]->xBuiltin && strcasecmp(procsOf(pDb)->a[i]->zName, zName) == 0) {
      return procsOf(pDb)->a[i];
    }
  }
  return NULL;
}

void proc_free_all(struct tg_db *pDb) {
  for (uint32_t i = 0; i < procsOf(pDb)->n; i++) procFreeDef(procsOf(pDb)->a[i]);
  vec_free(procsOf(pDb));
}

void proc_emit(struct tg_proc_ctx *pCall, const Value *aOut) {
  uint32_t n = pCall->pDef->nOut;
  Value *aRow = arena_alloc(pCall->pA, sizeof(Value) * (n + 1));
  for (uint32_t i = 0; i < n; i++) aRow[i] = value_copy(pCall->pA, &aOut[i]);
  vec_push(&pCall->rows, aRow);
}

/* ======================================================================
** Built-in procedures
** ==================================================================== */

static int procCmpStr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Emits the names of an intern table whose ids pass xUsed, sorted. */
static void procEmitNames(struct tg_proc_ctx *pCall, const Intern *pNames,
                          bool (*xUsed)(const Graph *, uint32_t)) {
  const Graph *g = pCall->pCtx->pGraph;
  VEC(const char *) names = {0};
  for (uint32_t i = 0; i < intern_count(pNames); i++) {
    if (xUsed(g, i)) vec_push(&names, intern_name(pNames, i));
  }
  if (names.n) qsort(names.a, names.n, sizeof(char *), procCmpStr);
  for (uint32_t i = 0; i < names.n; i++) {
    Value v = value_str(names.a[i], (uint32_t)strlen(names.a[i]));
    proc_emit(pCall, &v);
  }
  vec_free(&names);
}

static bool procLabelUsed(const Graph *g, uint32_t id) { return graph_label_count(g, id) > 0; }
static bool procTypeUsed(const Graph *g, uint32_t id) { return graph_type_count(g, id) > 0; }

static bool procDbLabels(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  procEmitNames(pCall, &pCall->pCtx->pGraph->labels, procLabelUsed);
  return true;
}

static bool procDbTypes(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  procEmitNames(pCall, &pCall->pCtx->pGraph->types, procTypeUsed);
  return true;
}

static bool procDbKeys(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  const Graph *g = pCall->pCtx->pGraph;
  uint32_t nKey = intern_count(&g->keys);
  bool *abUsed = tg_calloc(nKey + 1, sizeof(bool));
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    if (!graph_node_exists(g, n)) continue;
    const PropList *pl = graph_props(g, ENT_NODE, n);
    for (uint32_t i = 0; pl && i < pl->n; i++) abUsed[pl->a[i].key] = true;
  }
  for (RelId r = 0; r < g->nRelSlot; r++) {
    if (!graph_rel_exists(g, r)) continue;
    const PropList *pl = graph_props(g, ENT_REL, r);
    for (uint32_t i = 0; pl && i < pl->n; i++) abUsed[pl->a[i].key] = true;
  }
  VEC(const char *) names = {0};
  for (uint32_t i = 0; i < nKey; i++) {
    if (abUsed[i]) vec_push(&names, intern_name(&g->keys, i));
  }
  tg_free(abUsed);
  if (names.n) qsort(names.a, names.n, sizeof(char *), procCmpStr);
  for (uint32_t i = 0; i < names.n; i++) {
    Value v = value_str(names.a[i], (uint32_t)strlen(names.a[i]));
    proc_emit(pCall, &v);
  }
  vec_free(&names);
  return true;
}

static bool procDbIndexes(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  const Graph *g = pCall->pCtx->pGraph;
  for (uint32_t i = 0; i < g->pIndexes->aIndex.n; i++) {
    const PropIndex *pIdx = g->pIndexes->aIndex.a[i];
    const char *zLabel = intern_name(pIdx->ent == ENT_REL ? &g->types : &g->labels, pIdx->label);
    const char *zKey = intern_name(&g->keys, pIdx->key);
    Value aOut[4];
    aOut[0] = value_str(pIdx->zName, (uint32_t)strlen(pIdx->zName));
    aOut[1] = value_str(zLabel, (uint32_t)strlen(zLabel));
    aOut[2] = value_str(zKey, (uint32_t)strlen(zKey));
    const char *zKind = pIdx->kind == IDX_RANGE ? "INDEX" : index_kind_name(pIdx);   /* TEXT for a text index */
    aOut[3] = value_str(zKind, (uint32_t)strlen(zKind));
    proc_emit(pCall, aOut);
  }
  /* A full-text index: its labels (types) joined by '|', keys by ','. */
  for (uint32_t i = 0; i < fulltext_count(g); i++) {
    FulltextDef d;
    fulltext_def(g, i, &d);
    StrBuf labels, keys;
    strbuf_init(&labels);
    strbuf_init(&keys);
    for (uint32_t k = 0; k < d.nLabel; k++) strbuf_printf(&labels, "%s%s", k ? "|" : "", d.azLabel[k]);
    for (uint32_t k = 0; k < d.nKey; k++) strbuf_printf(&keys, "%s%s", k ? "," : "", d.azKey[k]);
    Value aOut[4] = {value_str(d.zName, (uint32_t)strlen(d.zName)), value_str_copy(pCall->pA, strbuf_cstr(&labels), labels.n),
                     value_str_copy(pCall->pA, strbuf_cstr(&keys), keys.n), value_str("FULLTEXT", 8)};
    proc_emit(pCall, aOut);
    strbuf_free(&labels);
    strbuf_free(&keys);
  }
  return true;
}

static bool procDbmsProcedures(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  struct tg_db *pDb = pCall->pCtx->pDb;
  for (uint32_t i = 0; i < procsOf(pDb)->n; i++) {
    const ProcDef *p = procsOf(pDb)->a[i];
    const char *zDesc = p->zDescription ? p->zDescription : "";
    Value aOut[3];
    aOut[0] = value_str(p->zName, (uint32_t)strlen(p->zName));
    aOut[1] = value_str(p->zSignature, (uint32_t)strlen(p->zSignature));
    aOut[2] = value_str(zDesc, (uint32_t)strlen(zDesc));
    proc_emit(pCall, aOut);
  }
  return true;
}

static void procEachFunc(const FuncDef *pDef, void *pArg) {
  struct tg_proc_ctx *pCall = pArg;
  Value aOut[3];
  aOut[0] = value_str(pDef->zName, (uint32_t)strlen(pDef->zName));
  aOut[1] = value_str(pDef->zSignature ? pDef->zSignature : "",
                      (uint32_t)strlen(pDef->zSignature ? pDef->zSignature : ""));
  aOut[2] = value_str(pDef->zDescription ? pDef->zDescription : "",
                      (uint32_t)strlen(pDef->zDescription ? pDef->zDescription : ""));
  proc_emit(pCall, aOut);
}

static bool procDbmsFunctions(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  func_foreach(procEachFunc, pCall);
  return true;
}

/* db.checkIntegrity(): one row per problem (integrity.h), none when clean. */
static void procOnProblem(void *pArg, const char *zCheck, const char *zProblem) {
  Value aOut[2] = {value_str(zCheck, (uint32_t)strlen(zCheck)), value_str(zProblem, (uint32_t)strlen(zProblem))};
  proc_emit(pArg, aOut);
}

static bool procDbCheckIntegrity(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  integrity_check(pCall->pCtx->pGraph, 1000, procOnProblem, pCall);
  return true;
}

/* db.checkpoint(): a new snapshot of a database on disk. */
static bool procDbCheckpoint(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  struct tg_db *pDb = pCall->pCtx->pDb;
  TgError *pErr = pCall->pCtx->pErr;
  if (pDb->pDurable == NULL) {
    error_raw(pErr, TG_ERR_PROCEDURE, "", "db.checkpoint(): the database is in memory: there is nothing to checkpoint");
    return false;
  }
  if (pDb->pShare) {
    /* Other connections may be reading (or checkpointing) this moment. */
    error_raw(pErr, TG_ERR_PROCEDURE, "",
              "db.checkpoint() cannot run while the database has other connections (a server checkpoints "
              "by itself as its log grows and when it stops)");
    return false;
  }
  if (pDb->bInTxn || pDb->pGraph->pUndo) {
    /* A snapshot holds committed data only: not a statement's own writes. */
    error_raw(pErr, TG_ERR_PROCEDURE, "",
              "db.checkpoint() cannot run inside a transaction or a statement that writes; run it on its own");
    return false;
  }
  if (!durable_checkpoint(pDb->pDurable, pDb->pGraph, pErr)) return false;
  const char *zPath = durable_path(pDb->pDurable);
  Value aOut[3] = {value_str(zPath, (uint32_t)strlen(zPath)), value_int(pDb->pGraph->nNodeLive),
                   value_int(pDb->pGraph->nRelLive)};
  proc_emit(pCall, aOut);
  return true;
}

/* What the database is, for tools that ask on connecting. */
static bool procDbmsComponents(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  Value version = value_list_new(pCall->pA, 1);
  version.u.a[0] = value_str(TG_VERSION_STRING, (uint32_t)strlen(TG_VERSION_STRING));
  Value aOut[3] = {value_str("Tangle", 6), version, value_str("community", 9)};
  proc_emit(pCall, aOut);
  return true;
}

/* The client the connection serves, as the embedder (a server) named it
** with the settings client.user and client.role. */
static bool procDbmsShowCurrentUser(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  struct tg_db *pDb = pCall->pCtx->pDb;
  const char *zUser = pDb->zClientUser ? pDb->zClientUser : "";
  Value roles = value_list_new(pCall->pA, pDb->zClientRole ? 1 : 0);
  if (pDb->zClientRole) roles.u.a[0] = value_str(pDb->zClientRole, (uint32_t)strlen(pDb->zClientRole));
  Value aOut[3] = {value_str(zUser, (uint32_t)strlen(zUser)), roles, value_list_new(pCall->pA, 0)};
  proc_emit(pCall, aOut);
  return true;
}

/* ---- SHOW INDEXES / CONSTRAINTS / FUNCTIONS / PROCEDURES (syntax/show.c) ---- */

static Value procStr(struct tg_proc_ctx *pCall, const char *z) {
  return value_str_copy(pCall->pA, z, strlen(z));
}

/* A one-string list. */
static Value procList1(struct tg_proc_ctx *pCall, const char *z) {
  Value v = value_list_new(pCall->pA, 1);
  v.u.a[0] = procStr(pCall, z);
  return v;
}

/* The index's property keys, as a list of names. */
static Value procKeyList(struct tg_proc_ctx *pCall, const PropIndex *pIdx) {
  const Graph *g = pCall->pCtx->pGraph;
  Value v = value_list_new(pCall->pA, pIdx->keys.n);
  for (uint32_t i = 0; i < pIdx->keys.n; i++) v.u.a[i] = procStr(pCall, intern_name(&g->keys, pIdx->keys.a[i]));
  return v;
}

/* {indexProvider: 'range-1.0', indexConfig: {}}, the options of an index
** (provider 'text-2.0' for a text index, 'point-1.0' for a point index). */
static Value procRangeOptions(struct tg_proc_ctx *pCall, const char *zProvider) {
  Value m = value_map_new(pCall->pA, 2);
  MapEntry *a = (MapEntry *)m.u.m;
  a[0].zKey = "indexConfig";
  a[0].nKey = 11;
  a[0].v = value_map_new(pCall->pA, 0);
  a[1].zKey = "indexProvider";
  a[1].nKey = 13;
  a[1].v = value_str(zProvider, (uint32_t)strlen(zProvider));
  return m;
}

/* The statement that creates an entry, as SHOW prints it. */
static Value procCreateStatement(struct tg_proc_ctx *pCall, const PropIndex *pIdx) {
  const Graph *g = pCall->pCtx->pGraph;
  StrBuf sb;
  strbuf_init(&sb);
  bool bRel = pIdx->ent == ENT_REL;
  const char *zLabel = intern_name(bRel ? &g->types : &g->labels, pIdx->label);
  StrBuf keys, on;
  strbuf_init(&keys);
  strbuf_init(&on);
  for (uint32_t i = 0; i < pIdx->keys.n; i++) {
    strbuf_printf(&keys, "%s%s.`%s`", i ? ", " : "", bRel ? "r" : "n", intern_name(&g->keys, pIdx->keys.a[i]));
  }
  strbuf_printf(&on, bRel ? "()-[r:`%s`]-()" : "(n:`%s`)", zLabel);
  if (pIdx->kind == IDX_POINT) {
    strbuf_printf(&sb, "CREATE POINT INDEX `%s` FOR %s ON (%s)", pIdx->zName, strbuf_cstr(&on), strbuf_cstr(&keys));
  } else if (pIdx->kind == IDX_TEXT) {
    strbuf_printf(&sb, "CREATE TEXT INDEX `%s` FOR %s ON (%s)", pIdx->zName, strbuf_cstr(&on), strbuf_cstr(&keys));
  } else if (pIdx->kind == IDX_RANGE) {
    strbuf_printf(&sb, "CREATE RANGE INDEX `%s` FOR %s ON (%s)", pIdx->zName, strbuf_cstr(&on), strbuf_cstr(&keys));
  } else {
    strbuf_printf(&sb, "CREATE CONSTRAINT `%s` FOR %s REQUIRE (%s) ", pIdx->zName, strbuf_cstr(&on), strbuf_cstr(&keys));
    if (pIdx->kind == IDX_UNIQUE) strbuf_puts(&sb, "IS UNIQUE");
    else if (pIdx->kind == IDX_KEY) strbuf_puts(&sb, bRel ? "IS RELATIONSHIP KEY" : "IS NODE KEY");
    else if (pIdx->kind == IDX_EXISTS) strbuf_puts(&sb, "IS NOT NULL");
    else strbuf_printf(&sb, "IS :: %s", pIdx->zOptions);
  }
  Value v = value_str_copy(pCall->pA, strbuf_cstr(&sb), sb.n);
  strbuf_free(&sb);
  strbuf_free(&keys);
  strbuf_free(&on);
  return v;
}

typedef VEC(const PropIndex *) ProcIndexList;

/* The schema entries in name order. */
static void procSchemaSorted(const Graph *g, ProcIndexList *pOut) {
  for (uint32_t i = 0; i < g->pIndexes->aIndex.n; i++) {
    const PropIndex *pIdx = g->pIndexes->aIndex.a[i];
    uint32_t at = pOut->n;
    vec_push(pOut, pIdx);
    while (at > 0 && strcmp(pOut->a[at - 1]->zName, pIdx->zName) > 0) {
      pOut->a[at] = pOut->a[at - 1];
      at--;
    }
    pOut->a[at] = pIdx;
  }
}

/* The id SHOW gives an entry: its place in creation order, from 1. */
static int64_t procSchemaId(const Graph *g, const PropIndex *pIdx) {
  for (uint32_t i = 0; i < g->pIndexes->aIndex.n; i++) {
    if (g->pIndexes->aIndex.a[i] == pIdx) return (int64_t)i + 1;
  }
  return 0;
}

/* A list of strings from names. */
static Value procNameList(struct tg_proc_ctx *pCall, const char *const *az, uint32_t n) {
  Value v = value_list_new(pCall->pA, n);
  for (uint32_t i = 0; i < n; i++) v.u.a[i] = procStr(pCall, az[i]);
  return v;
}

/* Fills SHOW INDEXES' columns for full-text index i (its id follows the
** other indexes' and constraints'). */
static void procFulltextRow(struct tg_proc_ctx *pCall, uint32_t i, Value *a) {
  const Graph *g = pCall->pCtx->pGraph;
  FulltextDef d;
  fulltext_def(g, i, &d);
  a[0] = value_int((int64_t)g->pIndexes->aIndex.n + i + 1);
  a[1] = procStr(pCall, d.zName);
  a[2] = value_str("ONLINE", 6);
  a[3] = value_float(100.0);
  a[4] = value_str("FULLTEXT", 8);
  a[5] = d.bRels ? value_str("RELATIONSHIP", 12) : value_str("NODE", 4);
  a[6] = procNameList(pCall, d.azLabel, d.nLabel);
  a[7] = procNameList(pCall, d.azKey, d.nKey);
  a[8] = value_str("fulltext-1.0", 12);
  a[9] = value_null();
  a[10] = value_null();
  a[11] = value_int((int64_t)d.nRead);
  a[12] = value_null();
  Value cfg = value_map_new(pCall->pA, 2);
  MapEntry *c = (MapEntry *)cfg.u.m;
  c[0].zKey = "fulltext.analyzer";
  c[0].nKey = 17;
  c[0].v = procStr(pCall, d.zAnalyzer);
  c[1].zKey = "fulltext.eventually_consistent";
  c[1].nKey = 30;
  c[1].v = value_bool(false);
  a[13] = procRangeOptions(pCall, "fulltext-1.0");
  ((MapEntry *)a[13].u.m)[0].v = cfg;
  a[14] = value_str("", 0);
  StrBuf sb;
  strbuf_init(&sb);
  const char *zVar = d.bRels ? "r" : "n";
  strbuf_printf(&sb, "CREATE FULLTEXT INDEX `%s` FOR %s%s:", d.zName, d.bRels ? "()-[" : "(", zVar);
  for (uint32_t k = 0; k < d.nLabel; k++) strbuf_printf(&sb, "%s`%s`", k ? "|" : "", d.azLabel[k]);
  strbuf_printf(&sb, "%s ON EACH [", d.bRels ? "]-()" : ")");
  for (uint32_t k = 0; k < d.nKey; k++) strbuf_printf(&sb, "%s%s.`%s`", k ? ", " : "", zVar, d.azKey[k]);
  strbuf_printf(&sb, "] OPTIONS {indexConfig: {`fulltext.analyzer`: '%s', `fulltext.eventually_consistent`: false}, "
                "indexProvider: 'fulltext-1.0'}", d.zAnalyzer);
  a[15] = value_str_copy(pCall->pA, strbuf_cstr(&sb), sb.n);
  strbuf_free(&sb);
}

/* Fills SHOW INDEXES' columns for a range, text or point index. */
static void procIndexRow(struct tg_proc_ctx *pCall, const PropIndex *pIdx, Value *a) {
  const Graph *g = pCall->pCtx->pGraph;
  bool bIsText = pIdx->kind == IDX_TEXT, bIsPoint = pIdx->kind == IDX_POINT;
  const char *zProvider = bIsText ? "text-2.0" : bIsPoint ? "point-1.0" : "range-1.0";
  a[0] = value_int(procSchemaId(g, pIdx));
  a[1] = procStr(pCall, pIdx->zName);
  a[2] = value_str("ONLINE", 6);
  a[3] = value_float(100.0);
  a[4] = bIsText ? value_str("TEXT", 4) : bIsPoint ? value_str("POINT", 5) : value_str("RANGE", 5);
  a[5] = pIdx->ent == ENT_REL ? value_str("RELATIONSHIP", 12) : value_str("NODE", 4);
  a[6] = procList1(pCall, intern_name(pIdx->ent == ENT_REL ? &g->types : &g->labels, pIdx->label));
  a[7] = procKeyList(pCall, pIdx);
  a[8] = procStr(pCall, zProvider);
  a[9] = pIdx->bUnique ? procStr(pCall, pIdx->zName) : value_null();
  a[10] = value_null();
  a[11] = value_int((int64_t)__atomic_load_n(&pIdx->nRead, __ATOMIC_RELAXED));
  a[12] = value_null();
  a[13] = procRangeOptions(pCall, zProvider);
  a[14] = value_str("", 0);
  a[15] = procCreateStatement(pCall, pIdx);
}

typedef struct ProcFtName {
  const char *zName;
  uint32_t i;                  /* full-text index number */
} ProcFtName;

static int procFtNameCmp(const void *x, const void *y) {
  return strcmp(((const ProcFtName *)x)->zName, ((const ProcFtName *)y)->zName);
}

static bool procShowIndexes(struct tg_proc_ctx *pCall, const Value *aArg) {
  const Graph *g = pCall->pCtx->pGraph;
  const char *zFilter = aArg[0].type == VAL_STRING ? aArg[0].u.z : "";
  uint32_t nFilter = aArg[0].type == VAL_STRING ? aArg[0].n : 0;
  bool bAll = nFilter == 0 || (nFilter == 3 && memcmp(zFilter, "ALL", 3) == 0);
  bool bRange = bAll || (nFilter == 5 && memcmp(zFilter, "RANGE", 5) == 0);
  bool bText = bAll || (nFilter == 4 && memcmp(zFilter, "TEXT", 4) == 0);
  bool bPoint = bAll || (nFilter == 5 && memcmp(zFilter, "POINT", 5) == 0);
  bool bFulltext = bAll || (nFilter == 8 && memcmp(zFilter, "FULLTEXT", 8) == 0);
  ProcIndexList list = {0};
  procSchemaSorted(g, &list);
  /* Full-text indexes in name order too, merged with the others. */
  uint32_t nFt = bFulltext ? fulltext_count(g) : 0;
  ProcFtName *aFt = tg_malloc(sizeof(ProcFtName) * (nFt ? nFt : 1));
  for (uint32_t i = 0; i < nFt; i++) {
    FulltextDef d;
    fulltext_def(g, i, &d);
    aFt[i].zName = d.zName;
    aFt[i].i = i;
  }
  if (nFt) qsort(aFt, nFt, sizeof(ProcFtName), procFtNameCmp);
  uint32_t i = 0, j = 0;
  while (i < list.n || j < nFt) {
    Value a[16];
    const PropIndex *pIdx = i < list.n ? list.a[i] : NULL;
    if (pIdx) {
      bool bIsText = pIdx->kind == IDX_TEXT, bIsPoint = pIdx->kind == IDX_POINT;
      if (!pIdx->bPostings || !(bIsText ? bText : bIsPoint ? bPoint : bRange)) {
        i++;
        continue;
      }
    }
    FulltextDef d;
    if (j < nFt) fulltext_def(g, aFt[j].i, &d);
    if (pIdx && (j == nFt || strcmp(pIdx->zName, d.zName) < 0)) {
      procIndexRow(pCall, pIdx, a);
      i++;
    } else {
      procFulltextRow(pCall, aFt[j].i, a);
      j++;
    }
    proc_emit(pCall, a);
  }
  tg_free(aFt);
  vec_free(&list);
  return true;
}

/* Does constraint pIdx pass SHOW's filter words ("", "ALL", "NODE UNIQUE",
** "EXIST", "RELATIONSHIP KEY"...)? */
static bool procConstraintPasses(const PropIndex *pIdx, const char *zFilter) {
  if (zFilter[0] == 0 || strcmp(zFilter, "ALL") == 0) return true;
  if (strstr(zFilter, "REL") && pIdx->ent != ENT_REL) return false;
  if (strstr(zFilter, "NODE") && pIdx->ent != ENT_NODE) return false;
  if (strstr(zFilter, "KEY")) return pIdx->kind == IDX_KEY;
  if (strstr(zFilter, "UNIQUE")) return pIdx->kind == IDX_UNIQUE;
  if (strstr(zFilter, "EXIST")) return pIdx->kind == IDX_EXISTS;
  if (strstr(zFilter, "TYPE")) return pIdx->kind == IDX_TYPE;
  return true;   /* NODE */
}

static bool procShowConstraints(struct tg_proc_ctx *pCall, const Value *aArg) {
  const Graph *g = pCall->pCtx->pGraph;
  char zFilter[128] = "";
  if (aArg[0].type == VAL_STRING && aArg[0].n < sizeof(zFilter)) {
    memcpy(zFilter, aArg[0].u.z, aArg[0].n);
    zFilter[aArg[0].n] = 0;
  }
  ProcIndexList list = {0};
  procSchemaSorted(g, &list);
  for (uint32_t i = 0; i < list.n; i++) {
    const PropIndex *pIdx = list.a[i];
    bool bConstraint = pIdx->kind == IDX_UNIQUE || pIdx->kind == IDX_EXISTS || pIdx->kind == IDX_TYPE ||
                       pIdx->kind == IDX_KEY;
    if (!bConstraint || !procConstraintPasses(pIdx, zFilter)) continue;
    Value a[10];
    a[0] = value_int(procSchemaId(g, pIdx));
    a[1] = procStr(pCall, pIdx->zName);
    a[2] = procStr(pCall, index_kind_name(pIdx));
    a[3] = pIdx->ent == ENT_REL ? value_str("RELATIONSHIP", 12) : value_str("NODE", 4);
    a[4] = procList1(pCall, intern_name(pIdx->ent == ENT_REL ? &g->types : &g->labels, pIdx->label));
    a[5] = procKeyList(pCall, pIdx);
    a[6] = pIdx->bUnique ? procStr(pCall, pIdx->zName) : value_null();
    a[7] = pIdx->kind == IDX_TYPE ? procStr(pCall, pIdx->zOptions) : value_null();
    a[8] = pIdx->bUnique ? procRangeOptions(pCall, "range-1.0") : value_null();
    a[9] = procCreateStatement(pCall, pIdx);
    proc_emit(pCall, a);
  }
  vec_free(&list);
  return true;
}

/* The type after the last "::" of a signature ("ANY" when none). */
static const char *procReturnType(const char *zSig, Arena *pA) {
  const char *z = zSig ? strstr(zSig, ") ::") : NULL;
  if (z == NULL) return "ANY";
  z += 4;
  while (*z == ' ') z++;
  return arena_strndup(pA, z, strlen(z));
}

/* A function's category, as Neo4j groups them, from its kind and return type. */
static const char *procFuncCategory(const FuncDef *pDef, const char *zRet) {
  if (pDef->flags & FUNCF_AGGREGATE) return "Aggregating";
  if (strncmp(zRet, "STRING", 6) == 0) return "String";
  if (strncmp(zRet, "INTEGER", 7) == 0 || strncmp(zRet, "FLOAT", 5) == 0 || strncmp(zRet, "NUMBER", 6) == 0) {
    return "Numeric";
  }
  if (strncmp(zRet, "LIST", 4) == 0) return "List";
  if (strncmp(zRet, "BOOLEAN", 7) == 0) return "Predicate";
  if (strncmp(zRet, "DATE", 4) == 0 || strncmp(zRet, "LOCAL", 5) == 0 || strncmp(zRet, "ZONED", 5) == 0 ||
      strncmp(zRet, "DURATION", 8) == 0 || strncmp(zRet, "TIME", 4) == 0) {
    return "Temporal";
  }
  return "Scalar";
}

typedef struct ProcShowFunc {
  struct tg_proc_ctx *pCall;
  VEC(const FuncDef *) defs;
} ProcShowFunc;

static void procCollectFunc(const FuncDef *pDef, void *pArg) {
  ProcShowFunc *p = pArg;
  vec_push(&p->defs, pDef);
}

static int procCmpFunc(const void *a, const void *b) {
  return strcasecmp((*(const FuncDef *const *)a)->zName, (*(const FuncDef *const *)b)->zName);
}

/* One item of a signature's list, "name [= default] :: TYPE", as a map
** {default (when there is one), description, isDeprecated, name, type}
** (keys in order); a bare "..." (more arguments) gives a null. */
static Value procSignatureItem(struct tg_proc_ctx *pCall, const char *z, size_t n) {
  while (n && z[0] == ' ') z++, n--;
  while (n && z[n - 1] == ' ') n--;
  const char *zSep = NULL;
  for (size_t i = 0; i + 4 <= n && zSep == NULL; i++) {
    if (memcmp(z + i, " :: ", 4) == 0) zSep = z + i;
  }
  if (zSep == NULL) return value_null();
  const char *zEq = memchr(z, '=', (size_t)(zSep - z));
  size_t nName = (size_t)((zEq ? zEq : zSep) - z);
  while (nName && z[nName - 1] == ' ') nName--;
  Value m = value_map_new(pCall->pA, zEq ? 5 : 4);
  MapEntry *a = (MapEntry *)m.u.m;
  uint32_t k = 0;
  if (zEq) {
    const char *zDef = zEq + 1;
    while (zDef < zSep && *zDef == ' ') zDef++;
    a[k].zKey = "default";
    a[k].nKey = 7;
    a[k++].v = value_str_copy(pCall->pA, zDef, (size_t)(zSep - zDef));
  }
  a[k].zKey = "description";
  a[k].nKey = 11;
  a[k++].v = value_str_copy(pCall->pA, z, n);
  a[k].zKey = "isDeprecated";
  a[k].nKey = 12;
  a[k++].v = value_bool(false);
  a[k].zKey = "name";
  a[k].nKey = 4;
  a[k++].v = value_str_copy(pCall->pA, z, nName);
  a[k].zKey = "type";
  a[k].nKey = 4;
  a[k].v = value_str_copy(pCall->pA, zSep + 4, (size_t)(z + n - zSep - 4));
  return m;
}

/* The items of the parenthesised list that starts at or after z (a
** signature's arguments, or after its " :: (" the fields it returns), for
** SHOW PROCEDURES and SHOW FUNCTIONS: commas inside (), [], {} or <> do
** not split. An empty list when there is none. */
static Value procSignatureItems(struct tg_proc_ctx *pCall, const char *z) {
  VEC(Value) items = {0};
  z = z ? strchr(z, '(') : NULL;
  if (z) {
    const char *zItem = ++z;
    for (int depth = 0; *z && (depth > 0 || *z != ')'); z++) {
      if (strchr("([{<", *z)) depth++;
      else if (strchr(")]}>", *z)) depth--;
      else if (*z == ',' && depth == 0) {
        Value v = procSignatureItem(pCall, zItem, (size_t)(z - zItem));
        if (v.type != VAL_NULL) vec_push(&items, v);
        zItem = z + 1;
      }
    }
    Value v = procSignatureItem(pCall, zItem, (size_t)(z - zItem));
    if (v.type != VAL_NULL) vec_push(&items, v);
  }
  Value list = value_list_new(pCall->pA, items.n);
  for (uint32_t i = 0; i < items.n; i++) ((Value *)list.u.a)[i] = items.a[i];
  vec_free(&items);
  return list;
}

static bool procShowFunctions(struct tg_proc_ctx *pCall, const Value *aArg) {
  /* Every function is built in: USER DEFINED lists none. */
  if (aArg[0].type == VAL_STRING && aArg[0].n >= 4 && memcmp(aArg[0].u.z, "USER", 4) == 0) return true;
  ProcShowFunc sf = {pCall, {0}};
  func_foreach(procCollectFunc, &sf);
  if (sf.defs.n) qsort(sf.defs.a, sf.defs.n, sizeof(sf.defs.a[0]), procCmpFunc);
  for (uint32_t i = 0; i < sf.defs.n; i++) {
    const FuncDef *pDef = sf.defs.a[i];
    const char *zRet = procReturnType(pDef->zSignature, pCall->pA);
    Value a[12];
    a[0] = procStr(pCall, pDef->zName);
    a[1] = procStr(pCall, procFuncCategory(pDef, zRet));
    a[2] = procStr(pCall, pDef->zDescription ? pDef->zDescription : "");
    a[3] = procStr(pCall, pDef->zSignature ? pDef->zSignature : "");
    a[4] = value_bool(true);
    a[5] = procSignatureItems(pCall, pDef->zSignature);
    a[6] = procStr(pCall, zRet);
    a[7] = value_bool((pDef->flags & FUNCF_AGGREGATE) != 0);
    a[8] = value_null();
    a[9] = value_null();
    a[10] = value_bool(false);
    a[11] = value_null();
    proc_emit(pCall, a);
  }
  vec_free(&sf.defs);
  return true;
}

static int procCmpProc(const void *a, const void *b) {
  return strcmp((*(const ProcDef *const *)a)->zName, (*(const ProcDef *const *)b)->zName);
}

/* Procedures that write (SHOW PROCEDURES' mode). */
static bool procWrites(const ProcDef *p) { return strcmp(p->zName, "db.checkpoint") == 0; }

static bool procShowProcedures(struct tg_proc_ctx *pCall, const Value *aArg) {
  (void)aArg;
  struct tg_db *pDb = pCall->pCtx->pDb;
  VEC(const ProcDef *) defs = {0};
  for (uint32_t i = 0; i < procsOf(pDb)->n; i++) vec_push(&defs, procsOf(pDb)->a[i]);
  if (defs.n) qsort(defs.a, defs.n, sizeof(defs.a[0]), procCmpProc);
  for (uint32_t i = 0; i < defs.n; i++) {
    const ProcDef *p = defs.a[i];
    StrBuf sig;
    strbuf_init(&sig);
    strbuf_printf(&sig, "%s%s", p->zName, p->zSignature);
    Value a[13];
    a[0] = procStr(pCall, p->zName);
    a[1] = procStr(pCall, p->zDescription ? p->zDescription : "");
    a[2] = procStr(pCall, procWrites(p) ? "DBMS" : "READ");
    a[3] = value_bool(false);
    a[4] = value_str_copy(pCall->pA, strbuf_cstr(&sig), sig.n);
    a[5] = procSignatureItems(pCall, p->zSignature);
    a[6] = procSignatureItems(pCall, p->zSignature ? strstr(p->zSignature, ") :: (") : NULL);
    a[7] = value_bool(false);
    a[8] = value_null();
    a[9] = value_null();
    a[10] = value_bool(false);
    a[11] = value_null();
    a[12] = value_map_new(pCall->pA, 0);
    proc_emit(pCall, a);
    strbuf_free(&sig);
  }
  vec_free(&defs);
  return true;
}

/* Built-ins: name, signature, implementation, description. */
typedef struct ProcBuiltin {
  const char *zName;
  const char *zSignature;
  bool (*xImpl)(struct tg_proc_ctx *, const Value *);
  const char *zDescription;
} ProcBuiltin;

bool proc_tangle_find(struct tg_proc_ctx *pCall, const Value *aArg);
bool proc_fulltext_query_nodes(struct tg_proc_ctx *pCall, const Value *aArg);
bool proc_fulltext_query_rels(struct tg_proc_ctx *pCall, const Value *aArg);

static const ProcBuiltin aProcBuiltin[] = {
    {"db.labels", "() :: (label :: STRING)", procDbLabels, "labels in use, sorted"},
    {"db.relationshipTypes", "() :: (relationshipType :: STRING)", procDbTypes,
     "relationship types in use, sorted"},
    {"db.propertyKeys", "() :: (propertyKey :: STRING)", procDbKeys,
     "property keys in use, sorted"},
    {"db.indexes", "() :: (name :: STRING, label :: STRING, property :: STRING, type :: STRING)",
     procDbIndexes, "property indexes and uniqueness constraints"},
    {"db.checkIntegrity", "() :: (check :: STRING, problem :: STRING)", procDbCheckIntegrity,
     "checks adjacency against relationships, indexes against properties, and the counts: one row per problem"},
    {"db.checkpoint", "() :: (database :: STRING, nodes :: INTEGER, relationships :: INTEGER)", procDbCheckpoint,
     "writes a new snapshot of a database on disk and starts an empty log"},
    {"dbms.procedures", "() :: (name :: STRING, signature :: STRING, description :: STRING)",
     procDbmsProcedures, "every procedure"},
    {"dbms.functions", "() :: (name :: STRING, signature :: STRING, description :: STRING)",
     procDbmsFunctions, "every built-in function"},
    {"dbms.components", "() :: (name :: STRING, versions :: LIST<STRING>, edition :: STRING)",
     procDbmsComponents, "the database's name, version and edition"},
    {"dbms.showCurrentUser", "() :: (username :: STRING, roles :: LIST<STRING>, flags :: LIST<STRING>)",
     procDbmsShowCurrentUser, "the user of this connection, when a server logged one in"},
    {"tangle.show.indexes",
     "(filter :: STRING) :: (id :: INTEGER, name :: STRING, state :: STRING, populationPercent :: FLOAT, "
     "type :: STRING, entityType :: STRING, labelsOrTypes :: LIST<STRING>, properties :: LIST<STRING>, "
     "indexProvider :: STRING, owningConstraint :: STRING?, lastRead :: DATETIME?, readCount :: INTEGER?, "
     "trackedSince :: DATETIME?, options :: MAP, failureMessage :: STRING, createStatement :: STRING)",
     procShowIndexes, "SHOW INDEXES: the indexes, by name"},
    {"tangle.show.constraints",
     "(filter :: STRING) :: (id :: INTEGER, name :: STRING, type :: STRING, entityType :: STRING, "
     "labelsOrTypes :: LIST<STRING>, properties :: LIST<STRING>, ownedIndex :: STRING?, "
     "propertyType :: STRING?, options :: MAP?, createStatement :: STRING)",
     procShowConstraints, "SHOW CONSTRAINTS: the constraints, by name"},
    {"tangle.show.functions",
     "(filter :: STRING) :: (name :: STRING, category :: STRING, description :: STRING, signature :: STRING, "
     "isBuiltIn :: BOOLEAN, argumentDescription :: LIST<MAP>, returnDescription :: STRING, "
     "aggregating :: BOOLEAN, rolesExecution :: LIST<STRING>?, rolesBoostedExecution :: LIST<STRING>?, "
     "isDeprecated :: BOOLEAN, deprecatedBy :: STRING?)",
     procShowFunctions, "SHOW FUNCTIONS: the functions, by name"},
    {"tangle.show.procedures",
     "(filter :: STRING) :: (name :: STRING, description :: STRING, mode :: STRING, worksOnSystem :: BOOLEAN, "
     "signature :: STRING, argumentDescription :: LIST<MAP>, returnDescription :: LIST<MAP>, admin :: BOOLEAN, "
     "rolesExecution :: LIST<STRING>?, rolesBoostedExecution :: LIST<STRING>?, isDeprecated :: BOOLEAN, "
     "deprecatedBy :: STRING?, option :: MAP)",
     procShowProcedures, "SHOW PROCEDURES: the procedures, by name"},
    {"tangle.find", "(text :: STRING) :: (node :: NODE, score :: FLOAT)", proc_tangle_find,
     "entities whose name or aliases match the text in any language, best first"},
    {"db.index.fulltext.queryNodes",
     "(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (node :: NODE, score :: FLOAT)",
     proc_fulltext_query_nodes, "nodes matching a Lucene-style query in a full-text index, best first"},
    {"db.index.fulltext.queryRelationships",
     "(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (relationship :: RELATIONSHIP, score :: FLOAT)",
     proc_fulltext_query_rels, "relationships matching a Lucene-style query in a full-text index, best first"},
};

void proc_register_builtins(struct tg_db *pDb) {
  TgError err;
  error_clear(&err);
  for (int i = 0; i < ARRAY_SIZE(aProcBuiltin); i++) {
    ProcDef *p = procAdd(pDb, aProcBuiltin[i].zName, aProcBuiltin[i].zSignature, &err);
    if (ALWAYS(p)) {
      p->xBuiltin = aProcBuiltin[i].xImpl;
      p->zDescription = aProcBuiltin[i].zDescription;
    }
  }
}
