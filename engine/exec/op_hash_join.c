/*
** op_hash_join.c — HashJoin: rows of two independent inputs whose keys
** are equal, as for `MATCH (a:Person), (b:Company) WHERE a.employer =
** b.name`.
**
** The build side (pChild2) is read once per run: each row's key is
** evaluated and the row's slots are saved (a RowBuffer) with the key in
** a table hashed by the key (value_hash, under which equal values hash
** alike). Then each probe row
** (pChild) looks its key up and is emitted once per build row whose key
** is equal in Cypher's sense (`=` is true: null keys never join), with
** that build row's slots restored. A nested loop would evaluate the
** predicate for every pair; this reads each side once.
*/
#include "eval/expr.h"
#include "base/htab.h"
#include "exec/op.h"
#include "base/vec.h"

/* The key of one build row; rows.a[i] belongs to row i of the buffer. */
typedef struct JoinRow {
  Value key;               /* the build key (copied into build.mem) */
  uint64_t h;              /* its hash */
  uint32_t iNext;          /* next row with the same hash, or UINT32_MAX */
} JoinRow;

typedef struct OpHashJoin {
  Op base;
  const AstNode *pProbeKey;
  const AstNode *pBuildKey;
  RowBuffer build;         /* build rows: the slots the build side binds */
  VEC(JoinRow) rows;       /* their keys */
  HTab ht;                 /* key hash -> first row with that hash */
  bool bBuilt;
  Value probeKey;          /* key of the current probe row */
  uint64_t probeHash;      /* its hash */
  uint32_t iNext;          /* next candidate row, or UINT32_MAX */
} OpHashJoin;

typedef struct JoinProbe {
  const OpHashJoin *j;
  uint64_t h;
} JoinProbe;

/* Rows are chained by full hash; the table only finds the chain. */
static bool joinHashEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const OpHashJoin *j = pCtx;
  return j->rows.a[iEntry].h == ((const JoinProbe *)pKey)->h;
}

static bool joinBuild(OpHashJoin *j) {
  Op *p = &j->base;
  Op *pBuild = p->pChild2;
  op_open(pBuild);
  int rc;
  while ((rc = op_next(pBuild)) == OP_ROW) {
    arena_reset(&p->scratch);
    Value key;
    if (!expr_eval(p->pCtx, j->pBuildKey, &p->scratch, &key)) return false;
    if (key.type == VAL_NULL) continue;   /* never equal to anything */
    JoinRow r;
    r.key = value_copy(&j->build.mem, &key);
    r.iNext = UINT32_MAX;
    uint64_t h = r.h = value_hash(&key);
    JoinProbe probe = {j, h};
    int64_t iHead = htab_find(&j->ht, h, joinHashEq, j, &probe);
    uint32_t i = row_buffer_save(&j->build, p->pCtx->aSlot);
    vec_push(&j->rows, r);
    assert(i == j->rows.n - 1);
    if (iHead < 0) {
      htab_insert(&j->ht, h, i);
    } else {
      j->rows.a[i].iNext = j->rows.a[iHead].iNext;
      j->rows.a[iHead].iNext = i;
    }
  }
  op_close(pBuild);
  return rc != OP_ERROR;
}

static void hashJoinOpen(Op *p) {
  OpHashJoin *j = (OpHashJoin *)p;
  op_open(p->pChild);
  row_buffer_reset(&j->build);
  htab_init(&j->ht);
  j->rows.n = 0;
  j->bBuilt = false;
  j->iNext = UINT32_MAX;
}

static int hashJoinNext(Op *p) {
  OpHashJoin *j = (OpHashJoin *)p;
  ExecCtx *pCtx = p->pCtx;
  for (;;) {
    while (j->iNext != UINT32_MAX) {
      uint32_t iRow = j->iNext;
      const JoinRow *r = &j->rows.a[iRow];
      j->iNext = r->iNext;
      if (r->h != j->probeHash || value_equals(&j->probeKey, &r->key) != TRI_TRUE) continue;
      row_buffer_restore(&j->build, iRow, pCtx->aSlot);
      return OP_ROW;
    }
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    /* The table is built once the first probe row exists: the probe side
    ** may write (CREATE ... WITH ... MATCH), and the build side must see
    ** those writes, as the reference plan's nested loop does. */
    if (!j->bBuilt) {
      if (!joinBuild(j)) return OP_ERROR;
      j->bBuilt = true;
    }
    arena_reset(&p->scratch);
    if (!expr_eval(pCtx, j->pProbeKey, &p->scratch, &j->probeKey)) return OP_ERROR;
    if (j->probeKey.type == VAL_NULL) continue;
    uint64_t h = j->probeHash = value_hash(&j->probeKey);
    JoinProbe probe = {j, h};
    int64_t iHead = htab_find(&j->ht, h, joinHashEq, j, &probe);
    j->iNext = iHead < 0 ? UINT32_MAX : (uint32_t)iHead;
  }
}

static void hashJoinClose(Op *p) {
  OpHashJoin *j = (OpHashJoin *)p;
  op_close(p->pChild);
  op_close(p->pChild2);
  vec_free(&j->rows);
  htab_free(&j->ht);
  row_buffer_free(&j->build);
}

static void hashJoinExplain(Op *p, StrBuf *pOut) {
  OpHashJoin *j = (OpHashJoin *)p;
  op_put_expr(p, pOut, j->pProbeKey);
  strbuf_puts(pOut, " = ");
  op_put_expr(p, pOut, j->pBuildKey);
}

static const OpVtab hashJoinVtab = {"HashJoin", hashJoinOpen, hashJoinNext, hashJoinClose,
                                    hashJoinExplain, NULL};

Op *op_hash_join(ExecCtx *pCtx, Op *pProbe, Op *pBuild, const AstNode *pProbeKey,
                 const AstNode *pBuildKey, const SlotList *pBuildSlots) {
  OpHashJoin *j = (OpHashJoin *)op_alloc(pCtx, sizeof(OpHashJoin), &hashJoinVtab, pProbe);
  j->base.pChild2 = pBuild;
  j->pProbeKey = pProbeKey;
  j->pBuildKey = pBuildKey;
  row_buffer_init(&j->build, pCtx, pBuildSlots);
  return &j->base;
}
