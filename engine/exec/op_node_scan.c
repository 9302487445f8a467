/*
** op_node_scan.c — the two node scans, one loop: AllNodesScan binds a
** slot to every node, NodeByLabelScan to every node carrying a label
** (walking the label's bitmap, graph.h); both in ascending id order, once
** per input row (a cross product with the input).
**
** A scan stops at the slot count seen when it started on the current input
** row, so nodes created later in the same statement are not visited
** (writes are separated from reads by eager barriers anyway). In a
** parallel query each worker's scan reads the morsels it takes (op.h).
**
** Under ORDER BY n.key ... LIMIT (a TopCut just above, plan.c) a scan may
** read its nodes in key order instead (op_scan_order_by): the rows of the
** first nodes fill the sort's top rows, after which the cut drops every
** node that follows. The nodes are put in a binary heap keyed by the
** property (ties by id, the order of a plain scan), built in linear time
** and popped one node per row, so a scan cut short after k nodes costs
** O(n + k log n) rather than a full sort.
*/
#include "exec/op.h"
#include "eval/expr.h"

#define SCAN_ALL_LABELS UINT32_MAX   /* OpNodeScan.label of AllNodesScan */
#define SCAN_NO_ORDER UINT32_MAX     /* OpNodeScan.orderKey of a scan in id order */

/* A node of an ordered scan and its key (NULL: the property is absent). */
typedef struct ScanOrderItem {
  const Value *pKey;
  NodeId id;
} ScanOrderItem;

typedef struct OpNodeScan {
  Op base;
  uint32_t iSlot;          /* the node variable */
  uint32_t label;          /* label id, or SCAN_ALL_LABELS */
  ScanRange r;             /* ids being read (all, or one morsel at a time) */
  bool bActive;            /* an input row is being scanned */
  uint32_t orderKey;       /* read in this property's order, or SCAN_NO_ORDER */
  bool bOrderDesc;         /* ... descending */
  VEC(ScanOrderItem) heap; /* the nodes not yet read, a heap on the order */
} OpNodeScan;

static void nodeScanOpen(Op *p) {
  op_open(p->pChild);
  ((OpNodeScan *)p)->bActive = false;
}

/* The next node of the range the scan wants, or GRAPH_NO_ID. */
static NodeId nodeScanNextId(const Graph *g, OpNodeScan *s) {
  if (s->label != SCAN_ALL_LABELS) return graph_label_next_below(g, s->label, s->r.next, s->r.end);
  while (s->r.next < s->r.end) {
    if (graph_node_exists(g, s->r.next)) return s->r.next;
    s->r.next++;
  }
  return GRAPH_NO_ID;
}

/* Does item a come before item b in the scan's order? By key (Cypher's
** ORDER BY order, reversed when descending), then by id. */
static bool scanOrderBefore(const OpNodeScan *s, const ScanOrderItem *a, const ScanOrderItem *b) {
  static const Value nullValue = {.type = VAL_NULL};
  int c = value_compare(a->pKey ? a->pKey : &nullValue, b->pKey ? b->pKey : &nullValue);
  if (c) return s->bOrderDesc ? c > 0 : c < 0;
  return a->id < b->id;
}

/* Moves heap item i down to its place. */
static void scanHeapSift(OpNodeScan *s, uint32_t i) {
  ScanOrderItem *a = s->heap.a;
  uint32_t n = s->heap.n;
  for (;;) {
    uint32_t l = 2 * i + 1, best = i;
    if (l < n && scanOrderBefore(s, &a[l], &a[best])) best = l;
    if (l + 1 < n && scanOrderBefore(s, &a[l + 1], &a[best])) best = l + 1;
    if (best == i) return;
    ScanOrderItem t = a[i];
    a[i] = a[best];
    a[best] = t;
    i = best;
  }
}

/* Puts every node the scan would read, with its key, in the heap. False
** (with the error set) when the statement must stop. */
static bool scanHeapBuild(OpNodeScan *s) {
  ExecCtx *pCtx = s->base.pCtx;
  const Graph *g = pCtx->pGraph;
  s->heap.n = 0;
  for (NodeId n; (n = nodeScanNextId(g, s)) != GRAPH_NO_ID; s->r.next = n + 1) {
    if (exec_check_interrupt(pCtx)) return false;
    ScanOrderItem it = {graph_prop(g, ENT_NODE, n, s->orderKey), n};
    vec_push(&s->heap, it);
  }
  for (uint32_t i = s->heap.n / 2; i-- > 0;) scanHeapSift(s, i);
  return true;
}

/* The ordered scan's next node, or GRAPH_NO_ID. */
static NodeId scanHeapPop(OpNodeScan *s) {
  if (s->heap.n == 0) return GRAPH_NO_ID;
  NodeId n = s->heap.a[0].id;
  s->heap.a[0] = s->heap.a[--s->heap.n];
  scanHeapSift(s, 0);
  return n;
}

static int nodeScanNext(Op *p) {
  OpNodeScan *s = (OpNodeScan *)p;
  const Graph *g = p->pCtx->pGraph;
  if (s->orderKey != SCAN_NO_ORDER) {
    for (;;) {
      if (!s->bActive) {
        int rc = op_next(p->pChild);
        if (rc != OP_ROW) return rc;
        s->bActive = scan_range_start(&s->r, g->nNodeSlot);
        if (s->bActive && !scanHeapBuild(s)) return OP_ERROR;
      }
      NodeId n = scanHeapPop(s);
      if (n != GRAPH_NO_ID) {
        p->pCtx->aSlot[s->iSlot] = value_node(n);
        return OP_ROW;
      }
      s->bActive = false;
    }
  }
  for (;;) {
    if (!s->bActive) {
      int rc = op_next(p->pChild);
      if (rc != OP_ROW) return rc;
      s->bActive = scan_range_start(&s->r, g->nNodeSlot);
      if (!s->bActive) continue;
    }
    NodeId n = nodeScanNextId(g, s);
    if (n != GRAPH_NO_ID) {
      s->r.next = n + 1;
      p->pCtx->aSlot[s->iSlot] = value_node(n);
      return OP_ROW;
    }
    if (!scan_range_refill(&s->r)) s->bActive = false;
  }
}

static void nodeScanClose(Op *p) {
  op_close(p->pChild);
  vec_free(&((OpNodeScan *)p)->heap);
}

static void nodeScanExplain(Op *p, StrBuf *pOut) {
  OpNodeScan *s = (OpNodeScan *)p;
  op_put_slot(p, pOut, s->iSlot);
  if (s->label != SCAN_ALL_LABELS) {
    strbuf_printf(pOut, ":%s", intern_name(&p->pCtx->pGraph->labels, s->label));
  }
  if (s->orderKey != SCAN_NO_ORDER) {
    strbuf_puts(pOut, " in order of ");
    op_put_slot(p, pOut, s->iSlot);
    strbuf_printf(pOut, ".%s%s", intern_name(&p->pCtx->pGraph->keys, s->orderKey), s->bOrderDesc ? " DESC" : "");
  }
  if (p->bEst) {
    strbuf_puts(pOut, " (");
    op_put_estimate(p, pOut);
    strbuf_puts(pOut, ")");
  }
}

static const OpVtab allNodesVtab = {"AllNodesScan", nodeScanOpen, nodeScanNext, nodeScanClose,
                                    nodeScanExplain, NULL};
static const OpVtab labelScanVtab = {"NodeByLabelScan", nodeScanOpen, nodeScanNext,
                                     nodeScanClose, nodeScanExplain, NULL};

static Op *nodeScanNew(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, uint32_t label) {
  const OpVtab *pVtab = label == SCAN_ALL_LABELS ? &allNodesVtab : &labelScanVtab;
  OpNodeScan *s = (OpNodeScan *)op_alloc(pCtx, sizeof(OpNodeScan), pVtab, pChild);
  s->iSlot = iSlot;
  s->label = label;
  s->orderKey = SCAN_NO_ORDER;
  return &s->base;
}

Op *op_all_nodes(ExecCtx *pCtx, Op *pChild, uint32_t iSlot) {
  return nodeScanNew(pCtx, pChild, iSlot, SCAN_ALL_LABELS);
}

Op *op_label_scan(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, uint32_t label) {
  return nodeScanNew(pCtx, pChild, iSlot, label);
}

/* The scan p is, or NULL for any other operator. */
static OpNodeScan *nodeScanOf(const Op *p) {
  return p->pVtab == &allNodesVtab || p->pVtab == &labelScanVtab ? (OpNodeScan *)p : NULL;
}

uint32_t op_scan_size(const Op *p, NodeId *pLo, NodeId *pHi) {
  const OpNodeScan *s = nodeScanOf(p);
  *pLo = *pHi = 0;
  if (s == NULL) return 0;
  const Graph *g = p->pCtx->pGraph;
  if (s->label == SCAN_ALL_LABELS) {
    *pHi = g->nNodeSlot;
    return g->nNodeLive;
  }
  graph_label_span(g, s->label, pLo, pHi);
  return graph_label_count(g, s->label);
}

uint32_t op_scan_slot(const Op *p) {
  const OpNodeScan *s = nodeScanOf(p);
  return s ? s->iSlot : UINT32_MAX;
}

void op_scan_share(Op *p, ScanMorsels *pM) {
  OpNodeScan *s = nodeScanOf(p);
  /* (an ordered scan's plan has a TopCut, which parallel.c never splits) */
  if (s && !NEVER(pM && s->orderKey != SCAN_NO_ORDER)) s->r.pMorsels = pM;
}

int op_scan_bulk_row(Op *p) {
  OpNodeScan *s = nodeScanOf(p);
  int rc = op_next(p->pChild);
  if (rc == OP_ROW) s->bActive = scan_range_start(&s->r, p->pCtx->pGraph->nNodeSlot);
  return rc;
}

uint32_t op_scan_bulk_ids(Op *p, NodeId *a, uint32_t cap) {
  OpNodeScan *s = nodeScanOf(p);
  const Graph *g = p->pCtx->pGraph;
  uint32_t n = 0;
  while (s->bActive && n < cap) {
    if (s->label != SCAN_ALL_LABELS) {
      n += graph_label_fill(g, s->label, &s->r.next, s->r.end, a + n, cap - n);
    } else {
      for (; s->r.next < s->r.end && n < cap; s->r.next++) {
        if (graph_node_exists(g, s->r.next)) a[n++] = s->r.next;
      }
    }
    if (s->r.next >= s->r.end && !scan_range_refill(&s->r)) s->bActive = false;
  }
  p->nRows += n;
  return n;
}

uint32_t op_scan_label(const Op *p) {
  const OpNodeScan *s = nodeScanOf(p);
  return s ? s->label : UINT32_MAX;
}

bool op_scan_order_by(Op *p, uint32_t key, bool bDesc) {
  OpNodeScan *s = nodeScanOf(p);
  if (s == NULL || !op_is_argument(p->pChild)) return false;
  s->orderKey = key;
  s->bOrderDesc = bDesc;
  return true;
}

bool op_scan_ordered(const Op *p) {
  const OpNodeScan *s = nodeScanOf(p);
  return s && s->orderKey != SCAN_NO_ORDER;
}
