/*
** op_index_seek.c — NodeIndexSeek: the nodes whose indexed property equals
** a value, looked up in the (label, key) hash index, once per input row.
*/
#include "exec/op.h"
#include "eval/expr.h"
#include "store/index.h"

typedef struct OpIndexSeek {
  Op base;
  uint32_t iSlot;          /* the node variable */
  uint32_t label, key;     /* the index */
  const struct AstNode *pValue;
  const NodeId *aHit;      /* matching nodes for the current input row */
  uint32_t nHit, iHit;
} OpIndexSeek;

static void indexSeekOpen(Op *p) {
  OpIndexSeek *s = (OpIndexSeek *)p;
  op_open(p->pChild);
  s->nHit = s->iHit = 0;
}

static int indexSeekNext(Op *p) {
  OpIndexSeek *s = (OpIndexSeek *)p;
  Graph *g = p->pCtx->pGraph;
  for (;;) {
    while (s->iHit < s->nHit) {
      NodeId n = s->aHit[s->iHit++];
      if (!graph_node_exists(g, n)) continue;
      p->pCtx->aSlot[s->iSlot] = value_node(n);
      return OP_ROW;
    }
    int rc = op_next(p->pChild);
    if (rc != OP_ROW) return rc;
    arena_reset(&p->scratch);
    Value v;
    if (!expr_eval(p->pCtx, s->pValue, &p->scratch, &v)) return OP_ERROR;
    PropIndex *pIdx = index_find(g, s->label, s->key);
    s->aHit = pIdx ? index_lookup(pIdx, &v, &s->nHit) : NULL;
    if (s->aHit == NULL) s->nHit = 0;
    s->iHit = 0;
  }
}

static void indexSeekClose(Op *p) { op_close(p->pChild); }

static void indexSeekExplain(Op *p, StrBuf *pOut) {
  OpIndexSeek *s = (OpIndexSeek *)p;
  const Graph *g = p->pCtx->pGraph;
  op_put_slot(p, pOut, s->iSlot);
  strbuf_printf(pOut, ":%s(%s) = ", intern_name(&g->labels, s->label), intern_name(&g->keys, s->key));
  op_put_expr(p, pOut, s->pValue);
}

static const OpVtab indexSeekVtab = {"NodeIndexSeek", indexSeekOpen, indexSeekNext,
                                     indexSeekClose, indexSeekExplain, NULL};

Op *op_index_seek(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, uint32_t label, uint32_t key,
                  const AstNode *pValue) {
  OpIndexSeek *s = (OpIndexSeek *)op_alloc(pCtx, sizeof(OpIndexSeek), &indexSeekVtab, pChild);
  s->iSlot = iSlot;
  s->label = label;
  s->key = key;
  s->pValue = pValue;
  return &s->base;
}
