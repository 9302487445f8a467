/*
** parallel.c — aggregating queries on several cores.
**
** "How many ...?" and "which are the top k ...?" questions over a large
** graph spend their time in one
** pipeline: a scan of nodes, expansions and filters, and an Aggregate that
** counts. Such a statement is run by N workers: the statement itself and
** N-1 clones compiled from the same text (so each worker has its own
** operators, row and memory and shares nothing it writes). The scans of
** all copies take blocks of node ids from one shared counter (morsels),
** so every node is read by exactly one worker and a worker that finishes
** early takes more. Each clone's Aggregate runs on a thread; the
** statement's own Aggregate reads its share meanwhile, then folds the
** clones' results into its own (op_aggregate_partner).
**
** What qualifies, checked on the plan: a read-only statement whose first
** Aggregate (from the top) has only count, min and max, none DISTINCT
** (grouping keys are fine: groups merge by key, in the order one worker
** would have made them, so results do not change from run to run); above it only single-row work (Project, Filter, Sort, SkipLimit);
** or, with no such Aggregate, one whose lowest such Sort has a LIMIT
** (ORDER BY ... LIMIT k: each worker keeps its top k, op_sort.c merges
** them, ties ordered as one worker orders them);
** below it a chain that is correct on any share of the scanned nodes
** (expansions, filters, projections, unwinding, optional matches, hash
** joins on their probe side, WcoJoin, and a FactorisedCount with no enumerating
** plan to fall back on: each worker keeps its own memo) ending in a label or all-nodes scan
** that runs once; and enough work to pay for the threads: many nodes, or
** fewer nodes that each fan out through expansions. The ids holding the
** scanned nodes are cut into about 64 blocks per worker (at most 1024
** ids each), so that a few nodes with many neighbours do not leave one
** worker with most of the work. The graph is
** not written while a read statement runs, and the engine's shared state
** (allocation counter, time zones, function table) is thread-safe.
*/
#include "parallel.h"

#include <string.h>
#include <unistd.h>

#include "base/mem.h"

/* Below this many scanned nodes one core is as quick; when the nodes are
** expanded, below the second figure. */
#define PARALLEL_MIN_NODES 8192
#define PARALLEL_MIN_EXPANDED_NODES 64
/* Blocks of ids per worker, for balance. */
#define PARALLEL_BLOCKS_PER_WORKER 64
/* Workers at most, whatever the core count. */
#define PARALLEL_MAX_WORKERS 8

static bool parIs(const Op *p, const char *zName) { return strcmp(p->pVtab->zName, zName) == 0; }

/* Finds the operator to split (an Aggregate, else a Sort with a LIMIT)
** and the scan that drives it, and whether an expansion lies between them
** (*pbExpands); false when the plan does not qualify. */
static bool parFindShape(Op *pRoot, Op **ppAgg, Op **ppScan, bool *pbExpands) {
  Op *p = pRoot, *pTopSort = NULL;
  while (p && (parIs(p, "Project") || parIs(p, "Filter") || parIs(p, "Sort") || parIs(p, "SkipLimit"))) {
    if (parIs(p, "Sort")) pTopSort = op_sort_splittable(p) ? p : NULL;
    p = p->pChild;
  }
  if (p == NULL) return false;
  if (op_aggregate_splittable(p)) {
    *ppAgg = p;
  } else if (pTopSort) {
    *ppAgg = pTopSort;   /* the rows below it are enumerated on several cores */
    p = pTopSort;
  } else {
    return false;
  }
  *pbExpands = false;
  for (p = p->pChild; p; p = p->pChild) {
    if (parIs(p, "NodeByLabelScan") || parIs(p, "AllNodesScan")) {
      *ppScan = p;
      return p->pChild && op_is_argument(p->pChild);
    }
    /* A FactorisedCount counts per root node, each on its own; not when
    ** it keeps an enumerating plan to fall back on, whose scan would not
    ** be shared. */
    bool bFactor = parIs(p, "FactorisedCount") && p->pChild2 == NULL;
    /* A TopCut (op_sort.c) lets one worker, reading the nodes in key
    ** order, stop making rows early; workers with shares each need their
    ** own top rows first, and LSQB's row queries took as long or longer
    ** on two cores (q6r: 3.5 ms on one, 8 on two). */
    if (!(parIs(p, "Expand") || parIs(p, "Filter") || parIs(p, "Project") || parIs(p, "Unwind") ||
          parIs(p, "VarLengthExpand") || parIs(p, "ShortestPath") || parIs(p, "HashJoin") ||
          parIs(p, "Apply") || parIs(p, "WcoJoin") || bFactor)) {
      return false;
    }
    if (parIs(p, "Expand") || parIs(p, "VarLengthExpand") || parIs(p, "ShortestPath") || parIs(p, "WcoJoin") || bFactor) *pbExpands = true;
  }
  return false;
}

/* How many workers to use for a scan of nNodes nodes. */
static int parWorkers(const tg_stmt *p, uint32_t nNodes, bool bExpands) {
  int64_t nMin = p->pDb->nParallelMinNodes;
  if (nMin <= 0) nMin = bExpands ? PARALLEL_MIN_EXPANDED_NODES : PARALLEL_MIN_NODES;
  if (nNodes < nMin) return 1;
  int64_t nWant = p->pDb->nThreads;
  if (nWant <= 0) nWant = sysconf(_SC_NPROCESSORS_ONLN);
  return (int)TG_MAX(1, TG_MIN(nWant, PARALLEL_MAX_WORKERS));
}

/* Adds a partner to the Aggregate or Sort that is split. */
static void parPartner(Op *p, Op *pPartner, uint32_t iScanSlot, ScanMorsels *pM) {
  if (parIs(p, "Sort")) op_sort_partner(p, pPartner, iScanSlot, pM);
  else op_aggregate_partner(p, pPartner, iScanSlot, pM);
}

void parallel_release(tg_stmt *p) {
  for (uint32_t i = 0; i < p->clones.n; i++) {
    tg_stmt *pClone = p->clones.a[i];
    /* The parameters were lent, not copied. */
    for (uint32_t k = 0; k < pClone->ctx.nParam; k++) pClone->aParam[k] = value_null();
    stmt_finalize(pClone);
  }
  vec_free(&p->clones);
}

void parallel_setup(tg_stmt *p) {
  Plan *pPlan = p->pPlan;
  Op *pAgg, *pScan;
  bool bExpands;
  parallel_release(p);
  if (pPlan->bWrites || pPlan->pSchema || pPlan->eExplain || pPlan->bRender || pPlan->bReference) return;
  if (!parFindShape(pPlan->pRoot, &pAgg, &pScan, &bExpands)) return;
  parPartner(pAgg, NULL, UINT32_MAX, NULL);
  op_scan_share(pScan, NULL);
  NodeId lo, hi;
  int nWorker = parWorkers(p, op_scan_size(pScan, &lo, &hi), bExpands);
  if (nWorker < 2) return;
  ScanMorsels *pMorsels = arena_zalloc(&p->arena, sizeof(ScanMorsels));
  atomic_init(&pMorsels->iNextBlock, 0);
  atomic_init(&pMorsels->iStopAt, GRAPH_NO_ID);
  pMorsels->iBase = lo;
  pMorsels->iEnd = hi;
  uint64_t nBlock = (uint64_t)nWorker * PARALLEL_BLOCKS_PER_WORKER;
  pMorsels->nIds = (uint32_t)TG_MAX(1, TG_MIN(SCAN_MORSEL_MAX_IDS, (hi - lo + nBlock - 1) / nBlock));
  StrBuf plan, clonePlan;
  strbuf_init(&plan);
  strbuf_init(&clonePlan);
  op_explain(pPlan->pRoot, &plan, false);
  for (int i = 1; i < nWorker; i++) {
    tg_stmt *pClone = NULL;
    Op *pCloneAgg, *pCloneScan;
    bool bSame = stmt_prepare(p->pDb, p->zText, -1, &pClone, NULL) == TG_OK && pClone &&
                 pClone->pPlan && pClone->pPlan->pRoot;
    if (bSame) {
      /* Statistics gathered since the statement was prepared could give
      ** another plan; shares of different scans would not add up. */
      strbuf_truncate(&clonePlan, 0);
      op_explain(pClone->pPlan->pRoot, &clonePlan, false);
      bSame = strcmp(strbuf_cstr(&plan), strbuf_cstr(&clonePlan)) == 0 &&
              parFindShape(pClone->pPlan->pRoot, &pCloneAgg, &pCloneScan, &bExpands);
    }
    if (!bSame) {
      if (pClone) stmt_finalize(pClone);
      break;   /* the workers so far still agree */
    }
    pClone->ctx.iStmtTimeNs = p->ctx.iStmtTimeNs;
    pClone->ctx.iDeadlineNs = p->ctx.iDeadlineNs;
    pClone->ctx.nTimeoutMs = p->ctx.nTimeoutMs;
    pClone->ctx.nMaxMemory = p->ctx.nMaxMemory;
    for (uint32_t k = 0; k < pClone->ctx.nParam; k++) {
      pClone->aParam[k] = p->aParam[k];
      pClone->abSet[k] = true;
    }
    for (uint32_t k = 0; k < pClone->ctx.nSlot; k++) pClone->ctx.aSlot[k] = value_null();
    op_scan_share(pCloneScan, pMorsels);
    parPartner(pCloneAgg, NULL, op_scan_slot(pCloneScan), pMorsels);
    parPartner(pAgg, pCloneAgg, op_scan_slot(pScan), pMorsels);
    vec_push(&p->clones, pClone);
  }
  strbuf_free(&plan);
  strbuf_free(&clonePlan);
  if (p->clones.n) op_scan_share(pScan, pMorsels);
  error_clear(&p->pDb->err);
}
