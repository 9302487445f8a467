/*
** op.h — the operator interface: a pull-based (Volcano) pipeline.
**
** Each operator embeds Op as its first member and implements OpVtab. The
** parent calls op_next() on its child until it returns OP_DONE. Operators
** write their outputs into the shared row (ExecCtx.aSlot); see eval/exec_ctx.h for
** how long those values live. xOpen starts a run (opening children as the
** operator needs: apply-style operators reopen their inner side once per
** outer row), xClose ends it and frees per-run memory; an operator can be
** opened again after it is closed.
**
** One file per operator under exec/; the constructors are declared below.
** op_explain() prints the tree for EXPLAIN, with rows and time for PROFILE.
*/
#ifndef TANGLE_OP_H
#define TANGLE_OP_H

#include <stdatomic.h>

#include "base/arena.h"
#include "syntax/ast.h"
#include "base/vec.h"
#include "eval/exec_ctx.h"
#include "base/strbuf.h"
#include "exec/row_buffer.h"

struct AstNode;

#define OP_ERROR (-1)
#define OP_DONE 0
#define OP_ROW 1

typedef struct Op Op;

typedef struct OpVtab {
  const char *zName;                       /* shown by EXPLAIN */
  void (*xOpen)(Op *p);                    /* start a run */
  int (*xNext)(Op *p);                     /* OP_ROW, OP_DONE or OP_ERROR */
  void (*xClose)(Op *p);                   /* end a run; free per-run memory */
  void (*xExplain)(Op *p, StrBuf *pOut);   /* details after the name, or NULL */
  void (*xFree)(Op *p);                    /* free heap state at finalize, or NULL */
} OpVtab;

struct Op {
  const OpVtab *pVtab;     /* behaviour */
  Op *pChild;              /* input, or NULL for a leaf */
  Op *pChild2;             /* second input (apply, union, join), or NULL */
  ExecCtx *pCtx;           /* the statement */
  Arena scratch;           /* values written for the current row */
  int64_t nRows;           /* rows produced (PROFILE) */
  int64_t nNanos;          /* time inside xNext, children included (PROFILE) */
  bool bOpen;              /* between xOpen and xClose */
  bool bEst;               /* the planner estimated this start (EXPLAIN shows it): */
  double est;              /* rows expected */
  const char *zEstOther;   /* a scan: the index seek it beat (statement arena), or NULL */
  double estOther;         /* and the entries that seek was expected to find */
};

/* Allocates an operator of nSize bytes in the statement arena; the
** statement releases it (xClose, xFree) when finalized. */
Op *op_alloc(ExecCtx *pCtx, size_t nSize, const OpVtab *pVtab, Op *pChild);

void op_open(Op *p);
typedef struct ScanMorsels ScanMorsels;   /* below */

/* Parallel shares (parallel.c): opens each of the n partners (the same
** operator in clones of the statement) and runs xShare on it on a thread
** of its own, counting against the caller's memory budget, while xShare
** runs on p here; a partner whose thread cannot be made runs here after.
** iScanSlot is the shared scan's node slot and pM its morsels. False when
** any share failed, with p's context holding the error one worker would
** have met first: the one at the lowest scanned node. A share that fails
** stops the others from taking blocks past that node. */
bool op_run_shares(Op *p, Op *const *apPartner, uint32_t n, uint32_t iScanSlot, ScanMorsels *pM,
                   bool (*xShare)(Op *));
int op_next(Op *p);
void op_close(Op *p);
void op_explain(Op *p, StrBuf *pOut, bool bProfile);
/* Records the planner's estimate for a start operator (zOther, when not
** NULL: the index seek a scan was preferred to, expected to find
** estOther entries), and appends it for EXPLAIN: "est. 4 rows", "est. 18
** rows; index person_name est. 17 rows". */
void op_set_estimate(Op *p, double est, const char *zOther, double estOther);
void op_put_estimate(const Op *p, StrBuf *pOut);

/* Evaluates a SKIP/LIMIT-style count: a non-negative integer, or -1 when
** p is NULL. Raises a run-time error otherwise. */
bool op_eval_count(ExecCtx *pCtx, const struct AstNode *p, Arena *pA, const char *zWhat,
                   int64_t *pn);

/* For EXPLAIN: a slot's variable name ("anon_7" when anonymous), and an
** expression printed as Cypher. */
void op_put_slot(Op *p, StrBuf *pOut, uint32_t iSlot);
void op_put_expr(Op *p, StrBuf *pOut, const struct AstNode *pExpr);

/* ---- Constructors (one file each) -------------------------------------- */

/* Leaves */
Op *op_argument(ExecCtx *pCtx);
bool op_is_argument(const Op *p);
Op *op_all_nodes(ExecCtx *pCtx, Op *pChild, uint32_t iSlot);
Op *op_label_scan(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, uint32_t label);

/* Morsels: parallel copies of one scan take blocks of node ids from a
** shared counter, so each id is read by exactly one of them and a copy
** that finishes early takes more. The blocks cover [iBase, iEnd), the ids
** that hold the scanned nodes, nIds ids each. */
#define SCAN_MORSEL_MAX_IDS 1024
struct ScanMorsels {
  _Atomic uint32_t iNextBlock;
  _Atomic NodeId iStopAt;  /* no block starting at or past it is taken: a share
                           ** failed on that node (GRAPH_NO_ID: none has) */
  NodeId iBase, iEnd;      /* the ids to share */
  uint32_t nIds;           /* ids per block */
};
/* For a label or all-nodes scan: the nodes it would read (0 for other
** operators), and the ids [*pLo, *pHi) they lie in; and makes it read
** only the morsels it takes from pM. */
uint32_t op_scan_size(const Op *p, NodeId *pLo, NodeId *pHi);
uint32_t op_scan_slot(const Op *p);   /* the slot it binds */
void op_scan_share(Op *p, ScanMorsels *pM);
/* Reading a scan in bulk, for a consumer that needs the node ids and not
** a row per node (a counting Expand): op_scan_bulk_row pulls the scan's
** next input row (OP_ROW, OP_DONE or OP_ERROR), then op_scan_bulk_ids
** fills a[] with up to cap ids it reads for that row (0: none left). The
** scan's slot is not written. */
int op_scan_bulk_row(Op *p);
uint32_t op_scan_bulk_ids(Op *p, NodeId *a, uint32_t cap);

/* The ids a scan is reading: [next, end) of the ids below limit, either
** all at once or one morsel at a time. */
typedef struct ScanRange {
  NodeId next, end;        /* the current run */
  NodeId limit;            /* slot count when the scan started */
  ScanMorsels *pMorsels;   /* shared counter, or NULL */
} ScanRange;
/* Starts over (a new input row); false when there is nothing to read. */
bool scan_range_start(ScanRange *r, NodeId limit);
/* Moves to the next morsel; false when none is left. */
bool scan_range_refill(ScanRange *r);
/* What a NodeIndexSeek looks for (the planner's choice, plan_match.c). */
typedef enum IndexSeekMode {
  SEEK_EQ,                 /* n.p = value */
  SEEK_IN,                 /* n.p IN list */
  SEEK_RANGE,              /* lo <(=) n.p <(=) hi, either side open */
  SEEK_PREFIX,             /* n.p STARTS WITH string */
  SEEK_EXISTS,             /* n.p IS NOT NULL */
  SEEK_CONTAINS,           /* n.p CONTAINS string (a text index) */
  SEEK_ENDS,               /* n.p ENDS WITH string (a text index) */
  SEEK_POINT_BBOX,         /* point.withinBBox(n.p, pLo, pHi) (a point index; candidates) */
  SEEK_POINT_DIST          /* point.distance(n.p, pValue) < (bHiIncl: <=) pHi (a point index; candidates) */
} IndexSeekMode;

typedef struct IndexSeek {
  int mode;                        /* IndexSeekMode */
  const struct AstNode *pValue;    /* EQ, IN, PREFIX */
  const struct AstNode *pLo, *pHi; /* RANGE bounds (NULL: open) */
  bool bLoIncl, bHiIncl;
  int8_t order;                    /* rows in key order: 1 ascending, -1 descending, 0 any */
} IndexSeek;

/* A seek on the index on (label, aKey[0..nKey)), one IndexSeek per key;
** a composite index (nKey > 1) needs = on its first key. CONTAINS and
** ENDS WITH seeks read the text index on (label, aKey[0]). */
Op *op_index_seek(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, uint32_t label, uint32_t nKey,
                  const uint32_t *aKey, const IndexSeek *aSeek);
/* Where a relationship index seek puts what it finds: the relationship,
** its end nodes as written (iDir: DIR_OUT for (l)-[r]->(rt), DIR_IN for
** (l)<-[r]-(rt), DIR_BOTH), which ends are bound before (checked, not
** bound; for (a)-[r]-(a) the right end, checked against the left), and
** the relationship slots it must differ from. */
typedef struct RelSeekSpec {
  uint32_t iRel, iLeft, iRight;
  int iDir;
  bool bLeftInto, bRightInto;
  SlotList exclude;
} RelSeekSpec;
/* Directed/UndirectedRelationshipIndexSeek: the relationships of the
** index on (type, aKey) passing aSeek (as op_index_seek). */
Op *op_rel_index_seek(ExecCtx *pCtx, Op *pChild, const RelSeekSpec *pSpec, uint32_t type, uint32_t nKey,
                      const uint32_t *aKey, const IndexSeek *aSeek);
/* Can the rows of plan p come out ordered by node iSlot's property key
** (descending when bDesc) without a sort? Yes when, below filters and
** projections only, a NodeIndexSeek on that key (=, a range, a prefix or
** IS NOT NULL) runs once (under an Argument); the seek is then set to
** emit its nodes in that order. */
bool op_index_seek_provide_order(Op *p, uint32_t iSlot, uint32_t key, bool bDesc);
Op *op_node_by_id(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, const struct AstNode *pId,
                  bool bRel);

/* Expansion */
typedef struct ExpandSpec {
  uint32_t iFrom;          /* slot of the bound start node */
  uint32_t iRel;           /* slot for the relationship (or relationship list) */
  uint32_t iTo;            /* slot for the other node */
  int iDir;                /* DIR_OUT, DIR_IN, DIR_BOTH (relative to iFrom) */
  uint32_t nType;          /* relationship types allowed (0: any) */
  int64_t *aType;          /* type ids; -1 for a name unknown to the graph */
  bool bInto;              /* iTo is already bound: check, do not bind */
  int64_t iMin, iMax;      /* variable length: bounds (iMax -1 = unbounded) */
  bool bVarLen;            /* variable length */
  const struct AstNode *pRelPred; /* per-relationship predicate (properties), or NULL */
  uint32_t iRelTmp;        /* var-length: slot holding the relationship pRelPred tests */
  const struct AstNode *pToLabels; /* label expression the other node must satisfy, or NULL */
  SlotList exclude;        /* relationship slots bound earlier in the pattern (uniqueness) */
  uint32_t iPathSlot;      /* var-length: slot receiving the node list, or UINT32_MAX */
  bool bReverse;           /* var-length: expanding right to left; reverse the list */
} ExpandSpec;
Op *op_expand(ExecCtx *pCtx, Op *pChild, const ExpandSpec *pSpec);
Op *op_varexpand(ExecCtx *pCtx, Op *pChild, const ExpandSpec *pSpec);
/* The spec of a plain (not counting) Expand, or NULL for any other operator. */
ExpandSpec *op_expand_spec(Op *p);
/* The spec of an Expand turned into a NOT EXISTS test (op_expand_exists
** with bAnti), or NULL. */
ExpandSpec *op_expand_anti_spec(Op *p);
/* WcoJoin (op_wco_join.c): binds node iTo, tied by each leg's relationship
** to the leg's bound node (iFrom), by intersecting their adjacency lists.
** A leg is a plain ExpandSpec from iFrom to iTo (single hop, not into; its
** exclude: the relationships bound before the join); aDiffer[i * nLeg + j]
** says legs i and j must bind different relationships (same clause). The
** rows are those of an Expand of leg 0 followed by an Expand (into) per
** other leg. */
typedef struct WcoSpec {
  uint32_t iTo;
  const struct AstNode *pToLabels; /* labels iTo must satisfy, or NULL */
  uint32_t nLeg;
  ExpandSpec *aLeg;
  uint8_t *aDiffer;
} WcoSpec;
Op *op_wco_join(ExecCtx *pCtx, Op *pChild, const WcoSpec *pSpec);
/* Turns an Expand into counting mode: one row per input row with at least
** one match, the match count in slot iWeight; apPred are filters on the
** expanded variables, tested per candidate (arena-owned). bStartUnread:
** nothing above reads the start node, so that straight over a scan of it
** the counts of all the nodes the scan reads are summed in one row. */
void op_expand_count(Op *p, uint32_t iWeight, uint32_t nPred, const struct AstNode **apPred,
                     bool bStartUnread);
/* The last of a counting Expand's filters is `id(x) <> id(to)` (or
** `x <> to`) with x in slot iSlot: while x holds a node, the matches
** reaching it are left out by id instead of evaluating the filter. */
void op_expand_count_unequal(Op *p, uint32_t iSlot);
/* Turns an Expand into a test: each input row passes when some (bAnti:
** no) relationship matches. For EXISTS { (a)-[:T]-(b) } with a, b bound. */
void op_expand_exists(Op *p, bool bAnti);
/* FactorisedCount (op_factor_count.c): an acyclic pattern as a tree of
** node variables, aVar[0] the root, each parent before its children (an
** OPTIONAL MATCH on one bound node is a subtree under a bSame variable). Per
** input row (pChild binds the root's slot) it emits the root node once
** with its number of matches in slot iWeight, when that is not 0. */
typedef struct FactorVar {
  uint32_t iSlot;          /* the node variable */
  int64_t label;           /* a label the node must have (-1: none, -2: unknown, never) */
  const struct AstNode *pLabels; /* a label expression it must satisfy, or NULL */
  uint32_t nPred;          /* predicates reading only this node */
  const struct AstNode **apPred;
  uint32_t iParent;        /* index of the parent variable (not for the root) */
  ExpandSpec edge;         /* parent (iFrom) to this node (iTo): direction, types, iRel, pRelPred */
  uint32_t nEdgePred;      /* predicates reading only that relationship and its ends */
  const struct AstNode **apEdgePred;
  bool bSame;              /* no relationship: the parent's node itself, as the entry of an
                           ** OPTIONAL MATCH hanging there (apPred: its WHERE on that node) */
  bool bOptional;          /* with bSame: the factor is max(1, matches) */
  const struct AstNode *pDistinct; /* `id(a) <> id(b)` on two children (indexes
                           ** iDistinctA, iDistinctB), or on a child (iDistinctA)
                           ** and a child of the other (iDistinctBelow, a child of
                           ** iDistinctB): matches where they are one node are
                           ** taken off; or NULL */
  uint32_t iDistinctA, iDistinctB;
  uint32_t iDistinctBelow; /* 0: a and b are both children */
  bool bDistinctSelf;      /* a is this variable, b (iDistinctBelow) a child of
                           ** its child iDistinctB */
  const ExpandSpec *pAnti; /* NOT EXISTS { (a)-[...]-(b) } on the children
                           ** iDistinctA (pAnti->iFrom) and iDistinctB, with
                           ** or without pDistinct on them: matches where a's
                           ** and b's nodes are so joined are taken off; or NULL */
} FactorVar;
typedef struct FactorSpec {
  uint32_t nVar;
  FactorVar *aVar;
  uint32_t iWeight;
  /* Pairs of variables (aPair[2k], aPair[2k+1]) whose relationships to
  ** their parents must differ and have a type in common: before counting,
  ** the labels of their ends must show they cannot be one relationship;
  ** when they do not, the rows of pFallback (the pattern enumerated) are
  ** passed on with weight 1 instead. */
  uint32_t nPair;
  uint32_t *aPair;
} FactorSpec;
Op *op_factor_count(ExecCtx *pCtx, Op *pChild, const FactorSpec *pSpec, Op *pFallback);
/* The label a NodeByLabelScan reads; UINT32_MAX for AllNodesScan (and
** any other operator). */
uint32_t op_scan_label(const Op *p);
/* Makes scan p (under an Argument: one pass per run) read its nodes in
** order of property key (nodes without it as null; ties in id order) for
** a TopCut above it; false when p is no such scan. The order costs a heap
** over the nodes, not a full sort. */
bool op_scan_order_by(Op *p, uint32_t key, bool bDesc);
bool op_scan_ordered(const Op *p);
Op *op_shortest(ExecCtx *pCtx, Op *pChild, const ExpandSpec *pSpec, bool bAll,
                uint32_t iPathSlot);

/* A quantified path pattern (x)((a)-[r]->(b) WHERE ...){m,n}(y) from the
** bound node x (op_qpp.c). Inner variables have a singleton slot, written
** for each iteration while its predicate is tested, and a group slot (the
** list over iterations) written with each row. */
typedef struct QppSpec {
  uint32_t iFrom, iTo;     /* x and y */
  bool bInto;              /* y is bound: check, do not bind */
  const struct AstNode *pToLabels; /* labels y must have (when not bound), or NULL */
  uint32_t nHop;           /* relationships in one iteration */
  ExpandSpec *aHop;        /* per inner relationship: direction, types, pRelPred on iRelTmp */
  uint32_t *aNodeSlot, *aNodeGroup;  /* nHop + 1 inner nodes: singleton, group (UINT32_MAX: none) */
  uint32_t *aRelSlot, *aRelGroup;    /* nHop inner relationships: the same */
  const struct AstNode *pPred;       /* per iteration (labels, properties, WHERE), or NULL */
  int64_t iMin, iMax;      /* iterations (iMax -1: unbounded) */
  uint32_t iRelList;       /* slot receiving every relationship, in order */
  SlotList exclude;        /* relationship slots bound earlier (uniqueness) */
} QppSpec;
Op *op_qpp(ExecCtx *pCtx, Op *pChild, const QppSpec *pSpec);

/* A path selector (op_path_select.c) over every match of its path
** pattern (pChild, run to its end per open): per pair of end nodes, ANY k
** keeps k paths, SHORTEST k the k shortest, SHORTEST k GROUPS every path
** of the k shortest lengths (eKind: PATHSEL_*). A path's length is the
** relationships in aRelSlot (relationships or lists of them). */
typedef struct PathSelectSpec {
  int eKind;               /* PATHSEL_ANY, PATHSEL_SHORTEST, PATHSEL_GROUPS */
  int64_t k;
  uint32_t iStart, iEnd;   /* the path's end nodes */
  uint32_t nRelSlot;
  uint32_t *aRelSlot;
  SlotList keep;           /* the slots the pattern binds */
} PathSelectSpec;
Op *op_path_select(ExecCtx *pCtx, Op *pChild, const PathSelectSpec *pSpec);

/* Row transformations */
Op *op_filter(ExecCtx *pCtx, Op *pChild, const struct AstNode *pPred);
/* The predicate of a Filter, or NULL for any other operator. */
const struct AstNode *op_filter_pred(const Op *p);
Op *op_project(ExecCtx *pCtx, Op *pChild, uint32_t n, const uint32_t *aSlot,
               struct AstNode *const *apExpr);
Op *op_unwind(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, const struct AstNode *pList);
/* bDrain: the input writes; read it to the end even after the limit. */
Op *op_skip_limit(ExecCtx *pCtx, Op *pChild, const struct AstNode *pSkip,
                  const struct AstNode *pLimit, bool bDrain);

/* Materializing */
typedef struct SortKey {
  uint32_t iSlot;          /* slot holding the key (computed before sorting) */
  bool bDesc;
} SortKey;
Op *op_sort(ExecCtx *pCtx, Op *pChild, uint32_t nKey, const SortKey *aKey,
            const SlotList *pKeep, const struct AstNode *pLimit);
/* Under pSort (a Sort with a LIMIT), drops rows whose first nKey sort
** keys, apKey evaluated on this row, come after the last row the Sort
** keeps. */
Op *op_top_cut(ExecCtx *pCtx, Op *pChild, uint32_t nKey, const struct AstNode **apKey, const Op *pSort);
/* Tells a TopCut right above a scan ordered on its first key
** (op_scan_order_by) that it may end the scan at the first node past the cut. */
void op_top_cut_over_ordered_scan(Op *pCut);
/* Is p a Sort with a LIMIT (the top rows only), which can be computed in
** shares and merged? */
bool op_sort_splittable(const Op *p);
/* Adds a partner (the same Sort in a clone of the statement over another
** share of the scan), run on a worker thread; NULL clears them. iScanSlot
** is the shared scan's node slot: rows whose keys tie are ordered by it,
** as one worker would give them (UINT32_MAX when not parallel); pM is the
** scan's morsels (op_run_shares). Call before the Sort is opened. */
void op_sort_partner(Op *p, Op *pPartner, uint32_t iScanSlot, ScanMorsels *pM);
Op *op_distinct(ExecCtx *pCtx, Op *pChild, const SlotList *pKeys);
Op *op_eager(ExecCtx *pCtx, Op *pChild, const SlotList *pKeep);

typedef struct AggSpec {
  const struct AstNode *pCall;  /* the aggregate call (AST_FUNC) */
  uint32_t iSlot;               /* output slot */
} AggSpec;
Op *op_aggregate(ExecCtx *pCtx, Op *pChild, uint32_t nKey, const uint32_t *aKeySlot,
                 struct AstNode *const *apKeyExpr, uint32_t nAgg, const AggSpec *aAgg);
/* Makes each input row count as many rows as the integer in slot iWeight
** says (the input is a counting Expand or a FactorisedCount): count(*)
** and count(e) add it, sum(e) adds e times it, min and max and DISTINCT
** aggregates ignore it. */
void op_aggregate_weight(Op *p, uint32_t iWeight);
/* The Aggregate's one key is a property of the node in slot iNodeSlot,
** and nothing below it writes: it may remember each node's group. */
void op_aggregate_cache_node_key(Op *p, uint32_t iNodeSlot);
/* Can the Aggregate be computed in shares and merged (only count, min
** and max, none DISTINCT; grouping keys allowed)? */
bool op_aggregate_splittable(const Op *p);
/* Adds a partner (the same Aggregate in a clone of the statement over
** another share of the scan), run on a worker thread; NULL clears them.
** iScanSlot is the shared scan's node slot, which orders the merged
** groups as one worker would (UINT32_MAX when not parallel); pM is the
** scan's morsels (op_run_shares). */
void op_aggregate_partner(Op *p, Op *pPartner, uint32_t iScanSlot, ScanMorsels *pM);

/* Combining */
#define APPLY_CROSS 0      /* every inner row for every outer row */
#define APPLY_OPTIONAL 1   /* as CROSS, or one row of nulls when inner is empty */
#define APPLY_SEMI 2       /* outer rows with at least one inner row */
#define APPLY_ANTI 3       /* outer rows with no inner row */
#define APPLY_DRAIN 4      /* run the inner side to its end, then yield the outer row
                           ** once (FOREACH, CALL { } without RETURN) */
Op *op_apply(ExecCtx *pCtx, Op *pOuter, Op *pInner, int eMode, const SlotList *pNullSlots);
/* An Apply's APPLY_* mode (pChild is the outer side, pChild2 the inner),
** or -1 for any other operator. */
int op_apply_mode(const Op *p);
/* CALL { } IN TRANSACTIONS (op_in_transactions.c): pSpec the AST_IN_TX;
** the outer rows keep pOuterSlots; pInnerSlots are the subquery's columns;
** iStatus the REPORT STATUS slot or -1; bReturns: the subquery returns rows. */
Op *op_in_transactions(ExecCtx *pCtx, Op *pOuter, Op *pInner, const struct AstNode *pSpec,
                       const SlotList *pOuterSlots, const SlotList *pInnerSlots, int64_t iStatus,
                       bool bReturns);
/* Rows of pProbe and pBuild (independent pipelines) whose keys are equal;
** pBuildSlots are the slots pBuild binds (saved and restored per match). */
Op *op_hash_join(ExecCtx *pCtx, Op *pProbe, Op *pBuild, const struct AstNode *pProbeKey,
                 const struct AstNode *pBuildKey, const SlotList *pBuildSlots);
Op *op_union(ExecCtx *pCtx, Op *pLeft, Op *pRight, uint32_t nCol,
             const uint32_t *aOutSlot, const uint32_t *aLeftSlot, const uint32_t *aRightSlot);

/* Writing */
typedef struct CreateNode {
  uint32_t iSlot;          /* slot receiving the node */
  uint32_t nLabel;         /* labels to add */
  uint32_t *aLabel;
  uint32_t nDynamic;       /* ... and $(e) labels, named at run time */
  const struct AstNode **apDynamic;
  const struct AstNode *pProps;  /* AST_MAP or parameter, or NULL */
} CreateNode;
typedef struct CreateRel {
  uint32_t iSlot;          /* slot receiving the relationship */
  uint32_t iFrom, iTo;     /* slots of its start and end nodes */
  uint32_t type;           /* type id */
  const struct AstNode *pDynamicType;  /* -[:$(e)]->: the type named at run time, or NULL */
  const struct AstNode *pProps;
  int iOfst;               /* place, for errors about unbound ends */
} CreateRel;
typedef struct CreatePath {
  uint32_t iSlot;          /* slot receiving the path */
  struct AstNode *pBuild;  /* AST_PATH_BUILD over the element slots */
} CreatePath;
typedef struct CreateSpec {
  uint32_t nNode, nRel, nPath;
  CreateNode *aNode;
  CreateRel *aRel;
  CreatePath *aPath;
} CreateSpec;
Op *op_create(ExecCtx *pCtx, Op *pChild, const CreateSpec *pSpec);
/* Creates one instance of the pattern for the current row (shared with
** MERGE). bMerge: a null property value is an error rather than skipped. */
bool op_create_apply(ExecCtx *pCtx, Arena *pA, const CreateSpec *pSpec, bool bMerge);

/* SET / REMOVE items. */
#define SETK_PROP 1        /* target.key = value (null removes) */
#define SETK_REPLACE 2     /* target = map */
#define SETK_MERGE 3       /* target += map */
#define SETK_LABELS 4      /* target:L1:L2 */
#define SETK_UNLABEL 5     /* REMOVE target:L1 */
typedef struct SetItem {
  int eKind;               /* SETK_* */
  const struct AstNode *pTarget;  /* the entity expression */
  uint32_t key;            /* SETK_PROP: key id */
  const struct AstNode *pKey;     /* SETK_PROP: the key's expression (n[key]), or NULL */
  const struct AstNode *pValue;   /* value or map */
  uint32_t nLabel;         /* SETK_LABELS / SETK_UNLABEL */
  uint32_t *aLabel;
  uint32_t nDynamic;       /* ... and $(e) labels, named at run time */
  const struct AstNode **apDynamic;
  int iOfst;               /* place, for errors */
} SetItem;
Op *op_set(ExecCtx *pCtx, Op *pChild, uint32_t nItem, const SetItem *aItem);
/* Applies SET items to the current row (shared with MERGE). */
bool op_set_apply(ExecCtx *pCtx, Arena *pA, uint32_t nItem, const SetItem *aItem);

Op *op_delete(ExecCtx *pCtx, Op *pChild, uint32_t nExpr, struct AstNode *const *apExpr,
              bool bDetach, const SlotList *pKeep);

/* MERGE: pMatch is the pattern planned from an Argument; when it yields no
** row the pattern is created. */
Op *op_merge(ExecCtx *pCtx, Op *pChild, Op *pMatch, const CreateSpec *pCreate,
             uint32_t nOnCreate, const SetItem *aOnCreate, uint32_t nOnMatch,
             const SetItem *aOnMatch, const SlotList *pPatternSlots);

/* Adds (bRemove: removes) the labels that dynamic label expressions
** ($(e)) name to node n; false with the error set. */
bool op_dynamic_labels(ExecCtx *pCtx, Arena *pA, uint32_t nDynamic, const struct AstNode **apDynamic,
                       NodeId n, bool bRemove);

/* Checks that the current row's value can be stored as a property. */
bool op_check_property_value(ExecCtx *pCtx, int iOfst, const Value *pVal);

/* ---- Operators of clauses planned outside plan.c ---------------------- */

struct ProcDef;
struct RenderSpec;

/* Call (op_call.c): runs a procedure (eval/proc.h) once per input row,
** binding its outputs to aOutSlot; pWhere filters the YIELDed rows. */
Op *op_call(ExecCtx *pCtx, Op *pChild, const struct ProcDef *pDef, AstNode **apArg,
            const uint32_t *aOutSlot, const struct AstNode *pWhere);

/* LoadCsv (op_load_csv.c): for each row of pChild, evaluates pUrl and
** binds iSlot to each record of that file in turn. iOfst places run-time
** errors (the clause). */
Op *op_load_csv(ExecCtx *pCtx, Op *pChild, uint32_t iSlot, const AstNode *pUrl, char cDelim,
                bool bHeaders, int iOfst);

/* Render (op_render.c): consumes every input row, then yields one row
** describing the drawing (out/render.h). */
Op *op_render(ExecCtx *pCtx, Op *pChild, const struct RenderSpec *pSpec);

#endif /* TANGLE_OP_H */
