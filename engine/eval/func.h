/*
** func.h — built-in scalar functions, described by data.
**
** Each function family (func_string.c, func_math.c, func_list.c,
** func_graph.c, func_temporal.c, func_spatial.c, ...) exports a table of FuncDef records:
** name, arity, flags, implementation, signature and one-line description.
** func.c gathers the tables into one case-insensitive lookup (XXH3 hash
** table) used by the checker (arity errors at compile time), the evaluator,
** :help and tab completion. Aggregate functions are listed here too (flag
** FUNCF_AGGREGATE) so that names resolve in one place; their
** implementation lives in agg.c.
**
** An implementation receives evaluated arguments and writes one result.
** Results that need memory allocate from pCtx->pArena, which lives as long
** as the row being computed. Errors are raised with func_error(), which
** records the place of the call; the implementation then returns at once
** (the value it wrote is ignored).
*/
#ifndef TANGLE_FUNC_H
#define TANGLE_FUNC_H

#include "base/error.h"
#include <signal.h>

#include "value/value.h"

struct Graph;

/* What a function implementation can reach. Filled in by the evaluator. */
typedef struct FuncCtx {
  Arena *pArena;           /* result memory; lives as long as the current row */
  struct Graph *pGraph;    /* the graph (graph functions) */
  TgError *pErr;           /* where errors go */
  const char *zText;       /* statement text, for error positions */
  int iOfst;               /* byte offset of the call in zText */
  int64_t iStmtTimeNs;     /* statement clock: UTC nanoseconds since the epoch,
                           ** fixed for the whole statement (date(), now()) */
  const char *zLocalZone;  /* default time zone (IANA name), e.g. "UTC" */
  volatile sig_atomic_t *pInterrupt; /* set by tg_interrupt(), or NULL */
  const char *zCsvFile;    /* LOAD CSV's current file, or NULL (file()) */
  int64_t iCsvLine;        /* the line its current row starts on (linenumber()) */
} FuncCtx;

/* The integers range(start, end [, step]) stands for: count of them
** (which may exceed what a list can hold), first, and step. */
typedef struct FuncRange {
  int64_t iStart;
  int64_t iStep;
  uint64_t nCount;
} FuncRange;

/* Checks range()'s arguments (errors as range() raises them) and works out
** its integers without making the list; UNWIND streams them. */
bool func_range_plan(FuncCtx *pCtx, int nArg, const Value *aArg, FuncRange *pR);

typedef void (*FuncImpl)(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut);

typedef struct FuncDef {
  const char *zName;        /* as written in docs ("toUpper", "date.truncate"); lookup ignores case */
  int8_t nMinArg;           /* fewest arguments */
  int8_t nMaxArg;           /* most arguments, or -1 for any number */
  uint16_t flags;           /* FUNCF_* */
  FuncImpl xImpl;           /* implementation (NULL for aggregates) */
  const char *zSignature;   /* e.g. "substring(s :: STRING, start :: INTEGER, len :: INTEGER?) :: STRING" */
  const char *zDescription; /* one line for :help */
} FuncDef;

/* FuncDef.flags */
#define FUNCF_NULL_IN_NULL_OUT 0x0001  /* a null argument gives null without calling xImpl */
#define FUNCF_AGGREGATE        0x0002  /* an aggregate; see agg.c */
#define FUNCF_VOLATILE         0x0004  /* result may differ between calls (rand()) */
#define FUNCF_GRAPH            0x0008  /* reads the graph */
#define FUNCF_HIDDEN           0x0010  /* an operator's implementation: not listed */

/* Looks a function up by name (case-insensitive, n bytes). NULL if unknown. */
const FuncDef *func_lookup(const char *zName, size_t n);

/* The built-in function whose name is nearest to the n bytes at zName by
** suggest.h's rule (for "did you mean"), or NULL when none is close. */
const char *func_nearest(const char *zName, size_t n);

/* Calls every function definition, in name order, for listings. */
void func_foreach(void (*xEach)(const FuncDef *, void *), void *pArg);

/* Raises error eId at the call's place; extra arguments fill its format. */
void func_error(FuncCtx *pCtx, ErrId eId, ...);

/* Raises a type error: "zFunc(): zArg must be zWant, not <type of p>"
** (zArg "the argument", zWant "a STRING", say). */
void func_type_error(FuncCtx *pCtx, const char *zFunc, const char *zArg, const char *zWant,
                     const Value *p);

/* Family tables, one per func_*.c file. */
extern const FuncDef func_string_defs[];
extern const int func_string_count;
extern const FuncDef func_math_defs[];
extern const int func_math_count;
extern const FuncDef func_list_defs[];
extern const int func_list_count;
extern const FuncDef func_graph_defs[];
extern const int func_graph_count;
extern const FuncDef func_convert_defs[];
extern const int func_convert_count;
extern const FuncDef func_temporal_defs[];
extern const int func_temporal_count;
extern const FuncDef func_spatial_defs[];
extern const int func_spatial_count;
extern const FuncDef func_agg_defs[];
extern const int func_agg_count;

#endif /* TANGLE_FUNC_H */
