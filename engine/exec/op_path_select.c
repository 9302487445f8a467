/*
** op_path_select.c — PathSelector: Neo4j 5's path selectors (ANY k,
** SHORTEST k, ALL SHORTEST, SHORTEST k GROUPS) applied to the matches of
** one path pattern.
**
** The child yields every match of the pattern for one outer row (it is
** the inner side of an Apply, reopened per outer row), with the pattern's
** own predicates already applied: Neo4j filters before it selects. The
** matches are kept, partitioned by their pair of end nodes and ordered by
** length, and each partition keeps what its selector asks for. Reading
** the matches checks the time and memory limits as it goes.
*/
#include "exec/op.h"

#include <stdlib.h>

#include "base/mem.h"
#include "base/vec.h"

/* One kept match: its partition, length and row number. */
typedef struct SelKey {
  NodeId start, end;
  int64_t len;
  uint32_t iRow;
} SelKey;

typedef struct OpPathSelect {
  Op base;
  PathSelectSpec s;
  RowBuffer rows;          /* the matches */
  VEC(SelKey) keys;
  VEC(uint32_t) out;       /* rows selected, in order */
  uint32_t iOut;
  bool bFilled;
} OpPathSelect;

static void selectOpen(Op *p) {
  OpPathSelect *o = (OpPathSelect *)p;
  op_open(p->pChild);
  row_buffer_reset(&o->rows);
  o->keys.n = o->out.n = 0;
  o->iOut = 0;
  o->bFilled = false;
}

static int selectCmp(const void *pA, const void *pB) {
  const SelKey *a = pA, *b = pB;
  if (a->start != b->start) return a->start < b->start ? -1 : 1;
  if (a->end != b->end) return a->end < b->end ? -1 : 1;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  return a->iRow < b->iRow ? -1 : a->iRow > b->iRow;
}

/* The length of the current match: its relationships. */
static int64_t selectLength(const OpPathSelect *o, const Value *aSlot) {
  int64_t n = 0;
  for (uint32_t i = 0; i < o->s.nRelSlot; i++) {
    const Value *v = &aSlot[o->s.aRelSlot[i]];
    n += v->type == VAL_REL ? 1 : v->type == VAL_LIST ? (int64_t)v->n : 0;
  }
  return n;
}

/* Reads every match, then picks per partition. False on error. */
static bool selectFill(OpPathSelect *o) {
  Op *p = &o->base;
  ExecCtx *pCtx = p->pCtx;
  int rc;
  while ((rc = op_next(p->pChild)) == OP_ROW) {
    if (exec_check_interrupt(pCtx)) return false;
    const Value *a = &pCtx->aSlot[o->s.iStart], *b = &pCtx->aSlot[o->s.iEnd];
    if (a->type != VAL_NODE || b->type != VAL_NODE) continue;
    SelKey k = {a->u.id, b->u.id, selectLength(o, pCtx->aSlot), 0};
    k.iRow = row_buffer_save(&o->rows, pCtx->aSlot);
    vec_push(&o->keys, k);
  }
  if (rc == OP_ERROR) return false;
  if (o->keys.n) qsort(o->keys.a, o->keys.n, sizeof(SelKey), selectCmp);
  for (uint32_t i = 0; i < o->keys.n;) {
    uint32_t j = i;
    while (j < o->keys.n && o->keys.a[j].start == o->keys.a[i].start && o->keys.a[j].end == o->keys.a[i].end) j++;
    int64_t nTaken = 0, nGroups = 0, lastLen = -1;
    for (uint32_t r = i; r < j; r++) {
      const SelKey *k = &o->keys.a[r];
      if (o->s.eKind == PATHSEL_GROUPS) {
        if (k->len != lastLen) {
          nGroups++;
          lastLen = k->len;
        }
        if (nGroups > o->s.k) break;
      } else if (nTaken >= o->s.k) {
        break;
      }
      vec_push(&o->out, k->iRow);
      nTaken++;
    }
    i = j;
  }
  return true;
}

static int selectNext(Op *p) {
  OpPathSelect *o = (OpPathSelect *)p;
  if (!o->bFilled) {
    o->bFilled = true;
    if (!selectFill(o)) return OP_ERROR;
  }
  if (o->iOut >= o->out.n) return OP_DONE;
  row_buffer_restore(&o->rows, o->out.a[o->iOut++], p->pCtx->aSlot);
  return OP_ROW;
}

static void selectClose(Op *p) {
  OpPathSelect *o = (OpPathSelect *)p;
  op_close(p->pChild);
  row_buffer_free(&o->rows);
  vec_free(&o->keys);
  vec_free(&o->out);
}

static void selectExplain(Op *p, StrBuf *pOut) {
  OpPathSelect *o = (OpPathSelect *)p;
  const char *z = o->s.eKind == PATHSEL_ANY ? "ANY" : "SHORTEST";
  strbuf_printf(pOut, "%s %lld%s per (", z, (long long)o->s.k, o->s.eKind == PATHSEL_GROUPS ? " GROUPS" : "");
  op_put_slot(p, pOut, o->s.iStart);
  strbuf_puts(pOut, ", ");
  op_put_slot(p, pOut, o->s.iEnd);
  strbuf_putc(pOut, ')');
}

static const OpVtab selectVtab = {"PathSelector", selectOpen, selectNext, selectClose, selectExplain,
                                  NULL};

Op *op_path_select(ExecCtx *pCtx, Op *pChild, const PathSelectSpec *pSpec) {
  OpPathSelect *o = (OpPathSelect *)op_alloc(pCtx, sizeof(OpPathSelect), &selectVtab, pChild);
  o->s = *pSpec;
  row_buffer_init(&o->rows, pCtx, &pSpec->keep);
  return &o->base;
}
