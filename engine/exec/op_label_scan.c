/*
** op_label_scan.c — NodeByLabelScan: binds a slot to every node carrying
** a label, in ascending id order, once per input row. Walks the label's
** bitmap (graph.h).
*/
#include "op.h"

typedef struct OpLabelScan {
  Op base;
  uint32_t iSlot;          /* the node variable */
  uint32_t label;          /* label id */
  NodeId next;             /* next id to look from */
  NodeId end;              /* stop at this id (slot count at start) */
  bool bActive;
} OpLabelScan;

static void labelScanOpen(Op *p) {
  op_open(p->pChild);
  ((OpLabelScan *)p)->bActive = false;
}

static int labelScanNext(Op *p) {
  OpLabelScan *s = (OpLabelScan *)p;
  const Graph *g = p->pCtx->pGraph;
  for (;;) {
    if (!s->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      s->bActive = true;
      s->next = 0;
      s->end = g->nNodeSlot;
    }
    NodeId n = s->next < s->end ? graph_label_next(g, s->label, s->next) : GRAPH_NO_ID;
    if (n != GRAPH_NO_ID && n < s->end) {
      s->next = n + 1;
      p->pCtx->aSlot[s->iSlot] = value_node(n);
      return OP_ROW;
    }
    s->bActive = false;
  }
}

static void labelScanClose(Op *p) { op_close(p->pChild); }

static void labelScanExplain(Op *p, StrBuf *pOut) {
  OpLabelScan *s = (OpLabelScan *)p;
  op_put_slot(p, pOut, s->iSlot);
  strbuf_printf(pOut, ":%s", intern_name(&p->pCtx->pGraph->labels, s->label));
}

static const OpVtab labelScanVtab = {"NodeByLabelScan", labelScanOpen, labelScanNext,
                                     labelScanClose, labelScanExplain, NULL};

Op *op_label_scan(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, uint32_t label) {
  OpLabelScan *s = (OpLabelScan *)op_alloc(pCtx, sizeof(OpLabelScan), &labelScanVtab, pChild);
  s->iSlot = iSlot;
  s->label = label;
  return &s->base;
}
