/*
** ast.h — the abstract syntax tree built by the parser.
**
** One node type serves every construct (SQLite's Expr habit): a kind, an
** operator code, flags, the source span, a name, a literal, up to four
** children and two child lists. Which fields a kind uses is listed next to
** the kind below. Operator codes are the parser's TK_* token codes, so
** there is no second operator enum to keep in step.
**
** Nodes live in the statement arena (allocated by the parser, freed with
** the statement). Every node records the byte offset of its first token
** (iOfst), used for error positions, and, for projections, the end offset
** so that an unaliased column is named by its source text.
**
** check.c fills in the annotation fields (iSlot, iAux, pDef) in place.
*/
#ifndef TANGLE_AST_H
#define TANGLE_AST_H

#include "base/arena.h"
#include "value/value.h"

typedef struct AstNode AstNode;

/* A growable list of nodes in the arena. */
typedef struct AstList {
  uint32_t n;            /* nodes */
  uint32_t nAlloc;       /* capacity */
  AstNode **a;           /* the nodes */
} AstList;

/* ORDER ASTKIND: keep ast.c's name table in step. */
typedef enum AstKind {
  /* Statements */
  AST_QUERY,          /* pList: clauses */
  AST_UNION,          /* p1, p2: queries; F_ALL */
  AST_EXPLAIN,        /* p1: statement; op 0 = EXPLAIN, 1 = PROFILE */
  AST_CREATE_INDEX,   /* z: name or NULL; p1: AST_LABEL; pList: property keys (AST_NAME); F_IF_NOT_EXISTS */
  AST_DROP_INDEX,     /* z: name, or p1/pList as above; F_IF_EXISTS */
  AST_CREATE_CONSTRAINT, /* z: name; p1: AST_LABEL; p2: variable; p3: property expression; F_IF_NOT_EXISTS */
  AST_DROP_CONSTRAINT,   /* z: name, or p1/p2/p3 as above; F_IF_EXISTS */
  AST_CREATE_FULLTEXT,   /* z: name or NULL; pList2: labels or types (AST_NAME); op: 1 for relationships;
                            pList: property keys (AST_NAME); p1: OPTIONS map or NULL; F_IF_NOT_EXISTS */
  /* Clauses */
  AST_MATCH,          /* pList: pattern parts; p1: WHERE; F_OPTIONAL */
  AST_UNWIND,         /* p1: list; z: variable */
  AST_WITH,           /* p1: AST_PROJECTION; p2: WHERE */
  AST_RETURN,         /* p1: AST_PROJECTION */
  AST_CREATE,         /* pList: pattern parts */
  AST_MERGE,          /* p1: pattern part; pList: AST_MERGE_ACTION */
  AST_MERGE_ACTION,   /* pList: set items; F_ON_CREATE or F_ON_MATCH */
  AST_SET,            /* pList: set items */
  AST_REMOVE,         /* pList: remove items */
  AST_DELETE,         /* pList: expressions; F_DETACH */
  AST_CALL,           /* z: procedure name; pList: args (NULL: none given); pList2: yield items; p1: WHERE; F_YIELD_STAR */
  AST_CALL_SUBQUERY,  /* p1: query; F_SCOPED with pList the imported AST_VARs;
                      ** F_OPTIONAL for OPTIONAL CALL */
  AST_FOREACH,        /* z: variable; p1: list; pList: clauses */
  AST_LOAD_CSV,       /* p1: url; z: variable; p2: field terminator; F_HEADERS */
  AST_RENDER,         /* pList: expressions; p1: TO; p2: AS; p3: USING; p4: DIRECTION; pList2: OPTIONS entries */
  AST_FINISH,         /* FINISH: ends a query that returns nothing (Neo4j 5) */
  /* Clause parts */
  AST_PROJECTION,     /* pList: items; pList2: sort items; p1: SKIP; p2: LIMIT; F_DISTINCT, F_STAR */
  AST_PROJ_ITEM,      /* p1: expression; z: alias or source text; F_ALIASED */
  AST_SORT_ITEM,      /* p1: expression; F_DESC */
  AST_YIELD_ITEM,     /* z: field; p1: AST_NAME alias or NULL */
  AST_SET_PROP,       /* p1: AST_PROP target, or AST_INDEX (n[key]); p2: value */
  AST_SET_MAP,        /* p1: variable; p2: map expression; F_PLUS (+=) */
  AST_SET_LABELS,     /* p1: variable; p2: labels (AST_LABEL / AST_LABEL_AND) */
  AST_REMOVE_PROP,    /* p1: AST_PROP target */
  AST_REMOVE_LABELS,  /* p1: variable; p2: labels */
  /* Patterns */
  AST_PATH,           /* z: path variable or NULL; pList: node, rel (or AST_QPP), node, ...;
                      ** F_SHORTEST, F_ALL_SHORTEST; op: PATHSEL_* selector, i1 its k */
  AST_NODE_PAT,       /* z: variable or NULL; p1: label expression; p2: properties; p3: inline
                         WHERE (only until ast_match folds it into the clause's WHERE) */
  AST_REL_PAT,        /* z: variable or NULL; p1: type expression; p2: properties; op: DIR_*; F_VARLEN with i1..i2;
                         p3: inline WHERE, as for AST_NODE_PAT */
  AST_LABEL,          /* z: label or type name */
  AST_LABEL_AND,      /* p1, p2 */
  AST_LABEL_OR,       /* p1, p2 */
  AST_LABEL_NOT,      /* p1 */
  AST_LABEL_ANY,      /* % */
  AST_LABEL_DYNAMIC,  /* $(p1), $all(p1); op 1: $any(p1) */
  /* Expressions */
  AST_LITERAL,        /* lit */
  AST_PARAM,          /* z: name */
  AST_VAR,            /* z: name */
  AST_PROP,           /* p1: map/entity; z: key */
  AST_INDEX,          /* p1: list/map; p2: index */
  AST_SLICE,          /* p1: list; p2: from or NULL; p3: to or NULL */
  AST_BINARY,         /* op: TK_*; p1, p2 */
  AST_UNARY,          /* op: TK_MINUS, TK_PLUS, TK_NOT; p1 */
  AST_IS_NULL,        /* p1; F_NOT for IS NOT NULL */
  AST_HAS_LABELS,     /* p1: expression; p2: label expression */
  AST_LIST,           /* pList: elements */
  AST_MAP,            /* pList: AST_MAP_ENTRY */
  AST_MAP_ENTRY,      /* z: key; p1: value */
  AST_FUNC,           /* z: name (dotted); pList: args; F_DISTINCT; F_STAR (count(*)) */
  AST_CASE,           /* p1: test or NULL; pList: AST_WHEN; p2: ELSE or NULL */
  AST_WHEN,           /* p1: condition or value; p2: result; pList: more values (WHEN a, b) */
  AST_LIST_COMP,      /* z: variable; p1: list; p2: WHERE; p3: projection */
  AST_PATTERN_COMP,   /* p1: AST_PATH; p2: WHERE; p3: projection */
  AST_QUANT,          /* op: TK_ALL/TK_ANY/TK_NONE/TK_SINGLE; z: variable; p1: list; p2: predicate */
  AST_REDUCE,         /* z: accumulator; p1: init; p4: AST_VAR element; p2: list; p3: step */
  AST_PATTERN_EXPR,   /* p1: AST_PATH (a pattern predicate) */
  AST_EXISTS,         /* p1: AST_QUERY or AST_MATCH (pattern form) */
  AST_COUNT_SUB,      /* p1: as AST_EXISTS */
  AST_COLLECT_SUB,    /* p1: AST_QUERY ending in a one-column RETURN; p3: that column (resolved) */
  AST_MAP_PROJ,       /* p1: variable; pList: AST_MP_* items */
  AST_MP_PROP,        /* z: key (.key) */
  AST_MP_ALL,         /* .* */
  AST_MP_ENTRY,       /* z: key; p1: value */
  AST_MP_VAR,         /* z: variable */
  AST_NAME,           /* z: a bare name (property key in schema commands, aliases) */
  AST_STAR,           /* * in RETURN * */
  AST_IN_TX,          /* CALL { } IN TRANSACTIONS (the subquery's p4): p1: rows per batch
                      ** (NULL: 1000); op: TXERR_*; p2: RETRY FOR seconds; i1: TXERR_* after
                      ** the retries; z: REPORT STATUS variable or NULL */
  /* Made by the planner, never by the parser */
  AST_PATH_BUILD,     /* pList: AST_VAR nodes, node, rel(s), node, ...; F_VARLEN on
                      ** a var-length segment's variable (a relationship list) */
  AST_PROPS_MATCH,    /* p1: entity; p2: map: every entry equals the entity's property */
  /* Neo4j 5 quantified path pattern ((a)-[r]->(b) WHERE ...){m,n}, in a
  ** chain's relationship position: pList: inner chain; p1: its predicate
  ** (inner WHERE and inline WHEREs, AND-ed); i1..i2: bounds (i2 -1:
  ** unbounded); iSlot (planner): the slot of all its relationships */
  AST_QPP,
  AST__COUNT
} AstKind;

/* AST_IN_TX: what a failing batch does (ON ERROR ...). */
#define TXERR_FAIL     0   /* the statement fails (earlier batches stay committed) */
#define TXERR_CONTINUE 1   /* roll the batch back, its columns null, go on */
#define TXERR_BREAK    2   /* ... and run no further batch */
#define TXERR_RETRY    3   /* run the batch again, then act as i1 says */

/* AstNode.flags */
#define AST_F_PAREN          0x00000001  /* written in parentheses */
#define AST_F_DISTINCT       0x00000002
#define AST_F_OPTIONAL       0x00000004
#define AST_F_DETACH         0x00000008
#define AST_F_ALL            0x00000010  /* UNION ALL */
#define AST_F_STAR           0x00000020  /* count(*), RETURN * */
#define AST_F_DESC           0x00000040
#define AST_F_PLUS           0x00000080  /* SET n += map */
#define AST_F_VARLEN         0x00000100
#define AST_F_ON_CREATE      0x00000200
#define AST_F_ON_MATCH       0x00000400
#define AST_F_HEADERS        0x00000800
#define AST_F_NOT            0x00001000  /* IS NOT NULL */
#define AST_F_SHORTEST       0x00002000
#define AST_F_ALL_SHORTEST   0x00004000
#define AST_F_IF_NOT_EXISTS  0x00008000
#define AST_F_IF_EXISTS      0x00010000
#define AST_F_INT_MIN        0x00020000  /* literal 9223372036854775808, valid only negated */
#define AST_F_YIELD_STAR     0x00040000
#define AST_F_ALIASED        0x00080000
#define AST_F_UNIQUE         0x00100000
#define AST_F_KEY            0x02000000  /* constraint IS NODE KEY (with AST_F_UNIQUE) */
#define AST_F_TEXT           0x04000000  /* CREATE TEXT INDEX */
#define AST_F_REL            0x08000000  /* schema command FOR ()-[r:T]-() */
#define AST_F_RELKEY         0x10000000  /* constraint written IS RELATIONSHIP KEY */
#define AST_F_POINT          0x20000000  /* CREATE POINT INDEX */
#define AST_F_CHAINED        0x00200000  /* comparison built from a chain a < b < c */
#define AST_F_CONST          0x00400000  /* check.c: constant, value in lit */
#define AST_F_SCOPED         0x01000000  /* CALL (x, y) { }: sees only the variables listed */
#define AST_F_QUANTIFIED     0x02000000  /* relationship written -[...]->{m,n}, + or * */
#define AST_F_SLOTREF        0x00800000  /* check.c: evaluate as the row slot iSlot
                                         ** (aggregates, grouping keys after aggregation) */

struct AstNode {
  uint16_t kind;         /* AstKind */
  uint16_t op;           /* operator (TK_*), direction (DIR_*) or sub-kind */
  uint32_t flags;        /* AST_F_* */
  int32_t iOfst;         /* byte offset of the first token */
  int32_t iEnd;          /* byte offset past the last token, or -1 */
  const char *z;         /* name, NUL-terminated, or NULL */
  uint32_t n;            /* bytes in z */
  Value lit;             /* AST_LITERAL value */
  AstNode *p1, *p2, *p3, *p4;   /* children (see kinds) */
  AstList *pList;        /* child list (see kinds) */
  AstList *pList2;       /* second child list (see kinds) */
  int64_t i1, i2;        /* AST_REL_PAT: length bounds (i2 = -1: unbounded) */
  /* Annotations written by check.c. */
  int32_t iSlot;         /* row slot of a variable, or -1 */
  int32_t iAux;          /* aggregate number, subquery number, ... */
  const void *pDef;      /* resolved FuncDef or procedure */
  void *pPlan;           /* compiled subplan (EXISTS, COUNT, pattern comprehension) */
};

/* AST_PATH.op: a Neo4j 5 path selector (ANY SHORTEST is SHORTEST 1, ALL
** SHORTEST is SHORTEST 1 GROUPS). */
#define PATHSEL_ALL 0        /* none, or ALL: every path */
#define PATHSEL_ANY 1        /* ANY k: k paths per pair of end nodes */
#define PATHSEL_SHORTEST 2   /* SHORTEST k: the k shortest per pair */
#define PATHSEL_GROUPS 3     /* SHORTEST k GROUPS: every path of the k shortest lengths */

/* The one way to make a node, for the parser and for the planner's
** rewrites alike: zeroed, in arena pA, at byte offset iOfst, with no slot
** (iSlot, iAux -1) and no end offset. */
AstNode *ast_new(Arena *pA, int kind, int iOfst);

const char *ast_kind_name(int kind);

/* Appends the tree as indented text (for tests and debugging). */
struct StrBuf;
void ast_dump(struct StrBuf *pOut, const AstNode *p, int iIndent);

/* Appends an expression (or pattern) as Cypher text (unparse.c). Slot
** references without a name are printed from azSlotName (may be NULL). */
void ast_print(struct StrBuf *pOut, const AstNode *p, const char *const *azSlotName);

/* The function `x IS [form] NORMALIZED` is parsed into (func_string.c);
** the '$' keeps it out of reach of names a query can write. */
#define FUNC_IS_NORMALIZED "$isNormalized"
/* ... and `x IS :: T`, T's canonical text (syntax/typespec.h) its second
** argument. */
#define FUNC_IS_TYPED "$isTyped"
/* ... and a relationship pattern's dynamic type -[r:$(e)]- or $any(e):
** FUNC_TYPE_MATCHES(r, names, any). */
#define FUNC_TYPE_MATCHES "$typeMatches"
/* ... and trim(BOTH|LEADING|TRAILING c FROM s): FUNC_TRIM_FROM(s, 'BOTH'[, c]). */
#define FUNC_TRIM_FROM "$trimFrom"

#endif /* TANGLE_AST_H */
