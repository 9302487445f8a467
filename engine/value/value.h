/*
** value.h — the tagged Value and Cypher's rules for comparing values.
**
** A Value is 16 bytes: a type tag, a length and an 8-byte payload. It never
** owns memory. Strings, lists, maps and paths point into an arena (a
** statement's or an operator's), into the graph (property values) or into
** a heap block made by value_heap_copy(); whoever owns that memory decides
** how long the value lives (see arena.h and the lifetime notes in eval/exec_ctx.h).
**
** Cypher's rules live here:
**   - equality (=) is three-valued: comparing with null gives null, lists
**     compare element-wise, integers and floats compare numerically, NaN
**     equals nothing;
**   - equivalence (DISTINCT, grouping, IN-list dedup) is equality where
**     null equals null and NaN equals NaN;
**   - comparison (<, <=, ...) is defined within a type family and null
**     (unknown) across families;
**   - the global sort order (ORDER BY) orders every pair of values:
**     map < node < relationship < list < path < datetime < localdatetime
**     < date < time < localtime < duration < string < boolean < number
**     < null, with NaN after every other number;
**   - hashing is consistent with equivalence (1 and 1.0 hash alike).
*/
#ifndef TANGLE_VALUE_H
#define TANGLE_VALUE_H

#include "base/arena.h"
#include "base/common.h"
#include "tangle.h"

/* ORDER VALTYPE: equal to tg_type in tangle.h. */
/* Directions of a relationship pattern, an adjacency list or an
** expansion: the parser writes them into the AST, the graph keeps one
** adjacency list per direction (OUT, IN). */
#define DIR_OUT 0
#define DIR_IN 1
#define DIR_BOTH 2

typedef enum ValType {
  VAL_NULL = TG_NULL,
  VAL_BOOL = TG_BOOL,
  VAL_INT = TG_INT,
  VAL_FLOAT = TG_FLOAT,
  VAL_STRING = TG_STRING,
  VAL_LIST = TG_LIST,
  VAL_MAP = TG_MAP,
  VAL_NODE = TG_NODE,
  VAL_REL = TG_RELATIONSHIP,
  VAL_PATH = TG_PATH,
  VAL_DATE = TG_DATE,
  VAL_LOCALTIME = TG_LOCALTIME,
  VAL_TIME = TG_TIME,
  VAL_LOCALDATETIME = TG_LOCALDATETIME,
  VAL_DATETIME = TG_DATETIME,
  VAL_DURATION = TG_DURATION,
  VAL_POINT = TG_POINT,
  VAL__COUNT
} ValType;

typedef struct MapEntry MapEntry;
typedef struct Temporal Temporal;
typedef struct Point Point;

/*
** A value. Which payload field is live depends on `type`:
**   BOOL b; INT i; FLOAT f;
**   STRING z (n bytes of UTF-8, always followed by a NUL);
**   LIST a (n elements); MAP m (n entries, keys unique, insertion order);
**   NODE, REL id; PATH a (n = 2*length+1 items: node, rel, node, ...);
**   temporal types t (see temporal.h); POINT pt (see point.h).
*/
typedef struct Value {
  uint8_t type;          /* ValType */
  uint8_t flags;         /* VALF_* */
  uint16_t depth;        /* lists and maps: levels of nesting, 1 when flat
                            (value_depth(); at most VALUE_MAX_DEPTH) */
  uint32_t n;            /* string bytes, list/map/path item count */
  union {
    bool b;
    int64_t i;
    double f;
    const char *z;
    struct Value *a;
    MapEntry *m;
    uint32_t id;
    const Temporal *t;
    const Point *pt;
  } u;
} Value;

/* Lists and maps may nest this many levels. Every routine that walks a
** value (copy, compare, hash, print, free) recurses once per level, so
** the depth must be bounded where values are built, not left to the
** input: `reduce(l = [], x IN range(1, 100000) | [l])` would otherwise
** build a value no routine could walk. */
#define VALUE_MAX_DEPTH 1000

/* Elements one list may hold: range(), +, collect() and the rest refuse to
** build a longer one (ResourceLimit), long before memory runs out. */
#define VALUE_MAX_LIST 100000000u

/* Bytes one string may hold (its length is 32 bits): concatenation and the
** string functions refuse to build a longer one. */
#define VALUE_MAX_STRING (256u * 1024 * 1024)

/* Value.flags */
#define VALF_HEAP 0x01   /* payload is one block from value_heap_copy() */

/* One key/value pair of a map. */
struct MapEntry {
  const char *zKey;      /* NUL-terminated key */
  uint32_t nKey;         /* key bytes */
  Value v;               /* the value */
};

/* Three-valued logic. */
typedef enum Tri { TRI_FALSE = 0, TRI_TRUE = 1, TRI_NULL = 2 } Tri;

/* ---- Constructors (no allocation unless an Arena is passed) ---------- */

static inline Value value_null(void) { Value v = {0}; return v; }
static inline Value value_bool(bool b) { Value v = {0}; v.type = VAL_BOOL; v.u.b = b; return v; }
static inline Value value_int(int64_t i) { Value v = {0}; v.type = VAL_INT; v.u.i = i; return v; }
static inline Value value_float(double f) { Value v = {0}; v.type = VAL_FLOAT; v.u.f = f; return v; }
static inline Value value_node(uint32_t id) { Value v = {0}; v.type = VAL_NODE; v.u.id = id; return v; }
static inline Value value_rel(uint32_t id) { Value v = {0}; v.type = VAL_REL; v.u.id = id; return v; }
static inline Value value_tri(Tri t) { return t == TRI_NULL ? value_null() : value_bool(t == TRI_TRUE); }
/* A string borrowing z, which must be NUL-terminated at z[n]. */
static inline Value value_str(const char *z, uint32_t n) {
  Value v = {0}; v.type = VAL_STRING; v.n = n; v.u.z = z; return v;
}
static inline bool value_is_null(const Value *p) { return p->type == VAL_NULL; }
static inline bool value_is_number(const Value *p) { return p->type == VAL_INT || p->type == VAL_FLOAT; }
static inline bool value_is_temporal(const Value *p) { return p->type >= VAL_DATE && p->type <= VAL_DURATION; }
static inline double value_as_double(const Value *p) {
  return p->type == VAL_INT ? (double)p->u.i : p->u.f;
}

Value value_str_copy(Arena *pA, const char *z, size_t n);   /* copies into pA */
Value value_cstr(Arena *pA, const char *z);                 /* copies a C string into pA */
Value value_list_new(Arena *pA, uint32_t n);                /* n elements, all null */
Value value_map_new(Arena *pA, uint32_t n);                 /* n entries, zeroed */
Value value_path_new(Arena *pA, uint32_t nRel);             /* 2*nRel+1 items, all null */

/* Map lookup by key; NULL when absent. */
const Value *value_map_get(const Value *pMap, const char *zKey, uint32_t nKey);

/* ---- Cypher's comparison rules ---------------------------------------- */

Tri value_equals(const Value *a, const Value *b);        /* a = b */
bool value_equivalent(const Value *a, const Value *b);   /* DISTINCT / grouping */
Tri value_less(const Value *a, const Value *b);          /* a < b; null if incomparable */
int value_compare(const Value *a, const Value *b);       /* ORDER BY total order: <0, 0, >0 */
uint64_t value_hash(const Value *p);                     /* consistent with equivalence */
Tri value_truth(const Value *p, bool *pbTypeError);      /* boolean or null; else type error */

/* ---- Copies ----------------------------------------------------------- */

/* Deep copy into an arena: the copy lives as long as the arena. */
Value value_copy(Arena *pA, const Value *p);
/* Deep copy into a single tg_malloc block (flag VALF_HEAP); scalars need no
** block. Free with value_heap_free(). Used for values stored in the graph. */
Value value_heap_copy(const Value *p);
void value_heap_free(Value *p);
/* Bytes of heap a value_heap_copy() of p uses (for memory accounting). */
size_t value_heap_size(const Value *p);

/* ---- Names ------------------------------------------------------------ */

const char *value_type_name(int type);   /* "INTEGER", "STRING", "NODE", ... */

/* Writes a float the way Cypher prints it: shortest text that reads back
** to the same double, always with a '.', 'e', "NaN" or "Infinity". */
void value_format_double(char *zBuf, size_t nBuf, double f);

/* A set of value types: the static type of an expression (compile/check.h)
** and the types a procedure parameter accepts (eval/proc.h). */
typedef uint32_t TypeMask;
#define TM(t) ((TypeMask)1 << (t))
#define TM_ANY ((TypeMask)((1u << VAL__COUNT) - 1))
#define TM_NUMBER (TM(VAL_INT) | TM(VAL_FLOAT))
#define TM_TEMPORAL (TM(VAL_DATE) | TM(VAL_LOCALTIME) | TM(VAL_TIME) | TM(VAL_LOCALDATETIME) | \
                     TM(VAL_DATETIME) | TM(VAL_DURATION))

/* Levels of lists and maps in *p: 0 for anything else, 1 for a flat list
** or map. */
static inline uint32_t value_depth(const Value *p) {
  return (p->type == VAL_LIST || p->type == VAL_MAP) ? p->depth : 0;
}

/* Sets p->depth of a list or map whose items have just been filled in,
** from theirs. Returns false when it would pass VALUE_MAX_DEPTH (the
** caller raises the error: it knows the place). */
bool value_seal_depth(Value *p);

#endif /* TANGLE_VALUE_H */
