/*
** op_label_scan.c — NodeByLabelScan: binds a slot to every node carrying
** a label, in ascending id order, once per input row. Walks the label's
** bitmap (graph.h).
*/
#include "exec/op.h"

typedef struct OpLabelScan {
  Op base;
  uint32_t iSlot;          /* the node variable */
  uint32_t label;          /* label id */
  ScanRange r;             /* ids being read (all, or one morsel at a time) */
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
      s->bActive = scan_range_start(&s->r, g->nNodeSlot);
      if (!s->bActive) continue;
    }
    NodeId n = graph_label_next_below(g, s->label, s->r.next, s->r.end);
    if (n != GRAPH_NO_ID) {
      s->r.next = n + 1;
      p->pCtx->aSlot[s->iSlot] = value_node(n);
      return OP_ROW;
    }
    if (!scan_range_refill(&s->r)) s->bActive = false;
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

uint32_t op_scan_size(const Op *p, NodeId *pLo, NodeId *pHi) {
  if (p->pVtab != &labelScanVtab) return op_all_nodes_size(p, pLo, pHi);
  uint32_t label = ((const OpLabelScan *)p)->label;
  graph_label_span(p->pCtx->pGraph, label, pLo, pHi);
  return graph_label_count(p->pCtx->pGraph, label);
}

uint32_t op_scan_slot(const Op *p) {
  if (p->pVtab != &labelScanVtab) return op_all_nodes_slot(p);
  return ((const OpLabelScan *)p)->iSlot;
}

void op_scan_share(Op *p, ScanMorsels *pM) {
  if (p->pVtab == &labelScanVtab) ((OpLabelScan *)p)->r.pMorsels = pM;
  else op_all_nodes_share(p, pM);
}
