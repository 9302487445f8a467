/*
** op_all_nodes.c — AllNodesScan: binds a slot to every node, once per
** input row (a cross product with the input).
**
** The scan stops at the slot count seen when it started on the current
** input row, so nodes created later in the same statement are not visited
** (writes are separated from reads by eager barriers anyway).
*/
#include "exec/op.h"

typedef struct OpAllNodes {
  Op base;
  uint32_t iSlot;          /* the node variable */
  ScanRange r;             /* ids being read (all, or one morsel at a time) */
  bool bActive;            /* an input row is being scanned */
} OpAllNodes;

static void allNodesOpen(Op *p) {
  op_open(p->pChild);
  ((OpAllNodes *)p)->bActive = false;
}

static int allNodesNext(Op *p) {
  OpAllNodes *s = (OpAllNodes *)p;
  const Graph *g = p->pCtx->pGraph;
  for (;;) {
    if (!s->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      s->bActive = scan_range_start(&s->r, g->nNodeSlot);
      if (!s->bActive) continue;
    }
    while (s->r.next < s->r.end) {
      NodeId n = s->r.next++;
      if (graph_node_exists(g, n)) {
        p->pCtx->aSlot[s->iSlot] = value_node(n);
        return OP_ROW;
      }
    }
    if (!scan_range_refill(&s->r)) s->bActive = false;
  }
}

static void allNodesClose(Op *p) { op_close(p->pChild); }

static void allNodesExplain(Op *p, StrBuf *pOut) {
  op_put_slot(p, pOut, ((OpAllNodes *)p)->iSlot);
}

static const OpVtab allNodesVtab = {"AllNodesScan", allNodesOpen, allNodesNext, allNodesClose,
                                    allNodesExplain, NULL};

Op *op_all_nodes(ExecCtx *pCtx, Op *pChild, uint32_t iSlot) {
  OpAllNodes *s = (OpAllNodes *)op_alloc(pCtx, sizeof(OpAllNodes), &allNodesVtab, pChild);
  s->iSlot = iSlot;
  return &s->base;
}

uint32_t op_all_nodes_size(const Op *p, NodeId *pLo, NodeId *pHi) {
  *pLo = *pHi = 0;
  if (p->pVtab != &allNodesVtab) return 0;
  *pHi = p->pCtx->pGraph->nNodeSlot;
  return p->pCtx->pGraph->nNodeLive;
}

uint32_t op_all_nodes_slot(const Op *p) {
  return p->pVtab == &allNodesVtab ? ((const OpAllNodes *)p)->iSlot : UINT32_MAX;
}

void op_all_nodes_share(Op *p, ScanMorsels *pM) {
  if (p->pVtab == &allNodesVtab) ((OpAllNodes *)p)->r.pMorsels = pM;
}
