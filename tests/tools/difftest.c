/*
** difftest.c — the differential tester of the planner.
**
** The TCK checks the language; it does not see the shapes our planner
** rewrites (hash joins, semi- and anti-joins, counting shortcuts, index
** seeks, parallel scans). This tool finds planner bugs the way SQLancer and
** GDsmith do: it makes small random property graphs (several labels and
** types, missing properties, lists, duplicate values, self-loops, parallel
** relationships) and random queries over them, runs each query several ways
** and compares what should be equal:
**
**   ref      the optimized plan against the reference plan (the
**            "planner.reference" setting: nested loops in written order,
**            filters last, no joins, seeks, counting or parallelism);
**   index    the optimized plan on a copy with indexes against the reference;
**   threads  the optimized plan on 3 workers (every scan split) against it;
**   tlp      ternary-logic partitioning: Q WHERE p, Q WHERE NOT p and
**            Q WHERE p IS NULL together give exactly Q's rows;
**   write    a random write statement applied to two copies, one optimized,
**            one reference, leaves identical graphs and returns the same rows.
**
** Rows are compared as multisets, or as sequences when ORDER BY covers
** every column. When a case disagrees the tool shrinks it (drops nodes,
** relationships and query pieces while the disagreement stays) and prints
** a ready-to-paste reproduction in the format of tests/bugs/.
**
**   difftest [--seed N] [--queries N] [--seconds S] [--quiet] [--show]
**
** Output is TAP: one line per oracle with its counts. Everything is
** derived from the seed, so a failure reproduces with the same arguments.
*/
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "tangle.h"

/* ---- Random numbers (splitmix64: small, seedable, good enough) --------- */

static uint64_t rngState;

static uint64_t rngNext(void) {
  uint64_t z = (rngState += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int rnd(int n) { return n <= 1 ? 0 : (int)(rngNext() % (uint64_t)n); }
static bool chance(int pct) { return rnd(100) < pct; }
static const char *pick(const char *const *a, int n) { return a[rnd(n)]; }

/* ---- Growable strings ----------------------------------------------------- */

typedef struct Str {
  char *z;
  size_t n, nAlloc;
} Str;

static void strAddV(Str *s, const char *zFmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, zFmt, ap2);
  va_end(ap2);
  if (s->n + (size_t)n + 1 > s->nAlloc) {
    s->nAlloc = (s->n + (size_t)n + 1) * 2;
    s->z = realloc(s->z, s->nAlloc);
    if (s->z == NULL) abort();
  }
  vsnprintf(s->z + s->n, (size_t)n + 1, zFmt, ap);
  s->n += (size_t)n;
}

static void strAdd(Str *s, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  strAddV(s, zFmt, ap);
  va_end(ap);
}

static char *strDup(const char *z) {
  char *p = strdup(z);
  if (p == NULL) abort();
  return p;
}

static char *strFmt(const char *zFmt, ...) {
  Str s = {0};
  va_list ap;
  va_start(ap, zFmt);
  strAddV(&s, zFmt, ap);
  va_end(ap);
  return s.z;
}

/* ---- Random graphs -------------------------------------------------------- */

#define MAX_NODES 10
#define MAX_RELS 36

typedef struct GNode {
  unsigned labels;         /* bit i: label "ABCD"[i] */
  int k;                   /* property k (0..3), -1: absent */
  int s;                   /* property s ('a'..'c'), -1: absent */
  int l;                   /* property l: a list of l ints, -1: absent */
  bool bLive;              /* not removed by shrinking */
} GNode;

typedef struct GRel {
  int from, to;            /* node indexes */
  int type;                /* "RST"[type] */
  int w;                   /* property w (0..3), -1: absent */
  bool bLive;
} GRel;

typedef struct GraphSpec {
  int nNode, nRel;
  GNode aNode[MAX_NODES];
  GRel aRel[MAX_RELS];
  unsigned indexes;        /* bit i: aIndexDdl[i] is created on the index copy */
} GraphSpec;

static const char *const aIndexDdl[] = {
    "CREATE INDEX FOR (n:A) ON (n.k)", "CREATE INDEX FOR (n:B) ON (n.s)",
    "CREATE INDEX FOR (n:C) ON (n.k)", "CREATE INDEX FOR (n:A) ON (n.s)",
    "CREATE RANGE INDEX FOR (n:B) ON (n.k)", "CREATE INDEX FOR (n:D) ON (n.s, n.k)",
    "CREATE TEXT INDEX FOR (n:B) ON (n.s)",
    "CREATE INDEX FOR ()-[r:R]-() ON (r.w)", "CREATE INDEX FOR ()-[r:T]->() ON (r.w)",
    "CREATE POINT INDEX FOR (n:A) ON (n.p)",
};
#define N_INDEX 10

static void graphRandom(GraphSpec *g) {
  memset(g, 0, sizeof(*g));
  g->nNode = chance(10) ? 1 + rnd(3) : 4 + rnd(MAX_NODES - 3);
  for (int i = 0; i < g->nNode; i++) {
    GNode *n = &g->aNode[i];
    n->bLive = true;
    for (int b = 0; b < 4; b++) {
      if (chance(b == 3 ? 20 : 50)) n->labels |= 1u << b;
    }
    n->k = chance(80) ? rnd(4) : -1;
    n->s = chance(70) ? rnd(3) : -1;
    n->l = chance(30) ? rnd(3) : -1;
  }
  g->nRel = g->nNode * 2 + rnd(g->nNode * 2 + 1);
  if (g->nRel > MAX_RELS) g->nRel = MAX_RELS;
  for (int i = 0; i < g->nRel; i++) {
    GRel *r = &g->aRel[i];
    r->bLive = true;
    r->from = rnd(g->nNode);
    r->to = chance(10) ? r->from : rnd(g->nNode);   /* self-loops */
    if (i > 0 && chance(10)) {                       /* parallel relationships */
      r->from = g->aRel[i - 1].from;
      r->to = g->aRel[i - 1].to;
    }
    r->type = rnd(3);
    r->w = chance(60) ? rnd(4) : -1;
  }
  g->indexes = (unsigned)rnd(1 << N_INDEX);
}

/* The statements that build the graph (one CREATE), plus its indexes. */
static char *graphScript(const GraphSpec *g, bool bIndexes) {
  Str s = {0};
  int nItem = 0;
  for (int i = 0; i < g->nNode; i++) {
    const GNode *n = &g->aNode[i];
    if (!n->bLive) continue;
    strAdd(&s, "%s(n%d", nItem++ ? ", " : "CREATE ", i);
    for (int b = 0; b < 4; b++) {
      if (n->labels & (1u << b)) strAdd(&s, ":%c", "ABCD"[b]);
    }
    strAdd(&s, " {uid: %d", i);
    if (n->k >= 0 && i % 5 == 3) strAdd(&s, ", k: %d.5", n->k);   /* floats among the integers */
    else if (n->k >= 0) strAdd(&s, ", k: %d", n->k);
    if (n->s >= 0) strAdd(&s, ", s: '%c'", "abc"[n->s]);
    /* A point from k and the node's number (no draws of its own):
    ** cartesian, or WGS-84 for every second node. */
    if (n->k >= 0 && i % 2 == 1) {
      strAdd(&s, ", p: point({longitude: %d, latitude: %d})", n->k * 60 - 90 + (i % 3 == 2 ? 89 : 0), (i % 3) * 40 - 40);
    } else if (n->k >= 0) {
      strAdd(&s, ", p: point({x: %d, y: %d})", n->k, i % 3);
    }
    if (n->l >= 0) {
      strAdd(&s, ", l: [");
      for (int j = 0; j < n->l; j++) strAdd(&s, "%s%d", j ? ", " : "", (i + j) % 4);
      strAdd(&s, "]");
    }
    strAdd(&s, "})");
  }
  for (int i = 0; i < g->nRel; i++) {
    const GRel *r = &g->aRel[i];
    if (!r->bLive || !g->aNode[r->from].bLive || !g->aNode[r->to].bLive) continue;
    strAdd(&s, ", (n%d)-[:%c", r->from, "RST"[r->type]);
    if (r->w >= 0) strAdd(&s, " {w: %d}", r->w);
    strAdd(&s, "]->(n%d)", r->to);
  }
  strAdd(&s, ";\n");
  for (int i = 0; bIndexes && i < N_INDEX; i++) {
    if (g->indexes & (1u << i)) strAdd(&s, "%s;\n", aIndexDdl[i]);
  }
  return s.z;
}

/* ---- Random queries ------------------------------------------------------- */

/*
** A query is a list of chunks joined by spaces. Shrinking drops chunks; a
** drop that breaks the syntax fails the same way under both plans, so it
** is simply not kept. The TLP chunk holds "\x01" where the partitioning
** predicate goes; the plain query leaves that chunk out.
*/
#define MAX_CHUNKS 48
#define TLP_MARK '\x01'

typedef struct Query {
  int nChunk;
  char *azChunk[MAX_CHUNKS];
  bool bOrdered;           /* ORDER BY fixes the order of every row */
  bool bTlp;               /* a TLP chunk exists and partitioning is valid */
  char *zTlpPred;          /* the partitioning predicate */
  int iParam;              /* value of $p */
} Query;

static void queryFree(Query *q) {
  for (int i = 0; i < q->nChunk; i++) free(q->azChunk[i]);
  free(q->zTlpPred);
  memset(q, 0, sizeof(*q));
}

static void queryAdd(Query *q, char *z) {
  if (q->nChunk == MAX_CHUNKS) {
    free(z);
    return;
  }
  q->azChunk[q->nChunk++] = z;
}

/* The query text; eTlp 0: plain; 1, 2, 3: with p, NOT p, p IS NULL. */
static char *queryText(const Query *q, int eTlp) {
  Str s = {0};
  strAdd(&s, "%s", "");
  for (int i = 0; i < q->nChunk; i++) {
    const char *z = q->azChunk[i];
    const char *zMark = strchr(z, TLP_MARK);
    if (zMark && eTlp == 0) continue;
    if (s.n) strAdd(&s, " ");
    if (zMark) {
      static const char *const azForm[] = {"", "(%s)", "NOT (%s)", "(%s) IS NULL"};
      strAdd(&s, "%.*s", (int)(zMark - z), z);
      strAdd(&s, azForm[eTlp], q->zTlpPred);
      strAdd(&s, "%s", zMark + 1);
    } else {
      strAdd(&s, "%s", z);
    }
  }
  return s.z;
}

/* Variables in scope while generating. */
typedef struct Scope {
  int nNode, nRel, nList, nValue;
  char azNode[12][8];      /* node variables */
  char azRel[12][8];       /* single relationship variables */
  char azList[8][8];       /* variable-length relationship lists */
  char azValue[8][16];     /* integer-valued outer expressions (u, row.k, $p, ...) */
  int nFresh;              /* for new names */
  int nRelBefore;          /* relationship variables bound by earlier clauses */
} Scope;

static const char *anyNode(Scope *sc) { return sc->azNode[rnd(sc->nNode)]; }

static void scopeNewName(Scope *sc, char *zOut, char cPrefix) {
  snprintf(zOut, 8, "%c%d", cPrefix, sc->nFresh++);
}

static const char *aLabelExpr[] = {"", "", "", ":A", ":B", ":A|B", ":C", ":A:B", ":D"};
static const char *aTypeExpr[] = {"", ":R", ":S", ":T", ":R|S", "", ":S|T", ":$('R')", ":$any(['S', 'T'])"};

/* An integer-valued expression that reads only what is bound before the
** pattern (or constants): for property maps and join keys. */
static char *genOuterInt(Scope *sc) {
  if (sc->nValue && chance(70)) return strDup(sc->azValue[rnd(sc->nValue)]);
  return strFmt("%d", rnd(4));
}

/* A property map for a node pattern, or "". */
static char *genNodeProps(Scope *sc) {
  if (!chance(40)) return strDup("");
  char *zV = genOuterInt(sc);
  char *z;
  if (chance(70)) z = strFmt(" {k: %s}", zV);
  else z = strFmt(" {s: '%c'}", "abc"[rnd(3)]);
  free(zV);
  return z;
}

/* One node in a pattern: a new variable, a bound one, or anonymous. */
static char *genNodePattern(Scope *sc, bool bAllowBound) {
  if (bAllowBound && sc->nNode && chance(sc->nNode > 2 ? 30 : 12)) {
    const char *zV = anyNode(sc);
    return chance(20) ? strFmt("(%s%s)", zV, pick(aLabelExpr, 6)) : strFmt("(%s)", zV);
  }
  char *zProps = genNodeProps(sc);
  char *z;
  if (chance(15)) {
    z = strFmt("(%s%s)", pick(aLabelExpr, 9), zProps);
  } else {
    char zName[8];
    scopeNewName(sc, zName, 'n');
    z = strFmt("(%s%s%s)", zName, pick(aLabelExpr, 9), zProps);
    if (sc->nNode < 12) strcpy(sc->azNode[sc->nNode++], zName);
  }
  free(zProps);
  return z;
}

/* One relationship pattern with its arrows. */
static char *genRelPattern(Scope *sc) {
  const char *zType = pick(aTypeExpr, 9);
  char zName[8] = "";
  Str s = {0};
  int eLen = rnd(100);
  bool bVar = eLen < 15;
  const char *zQuant = "";
  if (bVar) {
    static const char *const aRange[] = {"*1..2", "*0..2", "*2", "*..2", "*1"};
    /* Neo4j 5 quantified relationships: the same bounds after the arrow */
    static const char *const aQuant[] = {"{1,2}", "{0,2}", "{2}", "{,2}", "{1}"};
    bool bQuant = chance(40);
    const char *zRange = bQuant ? "" : pick(aRange, 5);
    if (bQuant) zQuant = pick(aQuant, 5);
    if (chance(40) && sc->nList < 8) {
      scopeNewName(sc, zName, 'l');
      strcpy(sc->azList[sc->nList++], zName);
    }
    /* an inline WHERE on a quantified relationship tests each one */
    const char *zWhere = bQuant && zName[0] && chance(30) ? (chance(50) ? " WHERE %s.w = 1" : " WHERE %s.w <> 2") : "";
    char *zW = zWhere[0] ? strFmt(zWhere, zName) : strFmt("%s", "");
    strAdd(&s, "[%s%s%s%s]", zName, zType, zRange, zW);
    free(zW);
  } else if (sc->nRelBefore && chance(8)) {
    /* a relationship bound by an earlier clause, matched again */
    strAdd(&s, "[%s]", sc->azRel[rnd(sc->nRelBefore)]);
  } else {
    if (chance(50) && sc->nRel < 12) {
      scopeNewName(sc, zName, 'r');
      strcpy(sc->azRel[sc->nRel++], zName);
    }
    const char *zProps = chance(10) ? (chance(50) ? " {w: 1}" : " {w: 2}") : "";
    strAdd(&s, "[%s%s%s]", zName, zType, zProps);
  }
  char *zRel = s.z;
  char *z;
  switch (rnd(3)) {
    case 0: z = strFmt("-%s->%s", zRel, zQuant); break;
    case 1: z = strFmt("<-%s-%s", zRel, zQuant); break;
    default: z = strFmt("-%s-%s", zRel, zQuant); break;
  }
  free(zRel);
  return z;
}

/* A Neo4j 5 quantified path pattern ((a)-[:T]->(b) WHERE ...){m,n}: its
** inner node variables become lists (group variables) outside. */
static char *genQpp(Scope *sc) {
  static const char *const aQuant[] = {"{1,2}", "{0,2}", "{2}", "{1}", "{,2}"};
  char zA[8] = "", zB[8] = "";
  bool bNamed = sc->nList < 7 && chance(60);
  if (bNamed) {
    scopeNewName(sc, zA, 'l');
    scopeNewName(sc, zB, 'l');
  }
  const char *zType = pick(aTypeExpr, 9);
  const char *zDir = chance(50) ? "->" : "-";
  char *zWhere = bNamed && chance(50) ? strFmt(" WHERE %s.k <= %s.k", zA, zB) : strFmt("%s", "");
  char *z = strFmt(" ((%s)-[%s]%s(%s%s)%s)%s ", zA, zType, zDir, zB, chance(30) ? ":A" : "", zWhere,
                   pick(aQuant, 5));
  free(zWhere);
  if (bNamed) {
    strcpy(sc->azList[sc->nList++], zA);
    strcpy(sc->azList[sc->nList++], zB);
  }
  return z;
}

/* One pattern part: a chain of 1..3 nodes. */
static char *genPatternPart(Scope *sc) {
  Str s = {0};
  int nNode = chance(40) ? 1 : chance(70) ? 2 : 3;
  char *z = genNodePattern(sc, true);
  strAdd(&s, "%s", z);
  free(z);
  for (int i = 1; i < nNode; i++) {
    char *zRel = chance(8) ? genQpp(sc) : genRelPattern(sc);
    char *zNode = genNodePattern(sc, true);
    strAdd(&s, "%s%s", zRel, zNode);
    free(zRel);
    free(zNode);
  }
  return s.z;
}

/* A predicate over what is in scope (nodes, relationships, outer values). */
static char *genPredicate(Scope *sc, int depth) {
  if (sc->nNode == 0) return strFmt("%d <= %d", rnd(2), rnd(3));
  const char *a = anyNode(sc), *b = anyNode(sc);
  /* Bounds of other types and nulls: index seeks must not match across types. */
  static const char *const aBound[] = {"1", "2.5", "'2'", "null", "0.0/0.0", "-1", "3", "1.0"};
  switch (rnd(depth < 2 ? 39 : 35)) {
    case 26: return strFmt("%s.k >= %d AND %s.k < %s", a, rnd(3), a, pick(aBound, 8));
    case 27: return strFmt("%s < %s.k", pick(aBound, 8), a);
    case 28: return strFmt("%s.s STARTS WITH '%s'", a, pick((const char *const[]){"", "a", "b", "ab"}, 4));
    case 29: return strFmt("%s.k <= %s", a, pick(aBound, 8));
    case 30: return strFmt("%s.k IS NOT NULL", a);
    case 31: return strFmt("%s.s %s '%c'", a, pick((const char *const[]){">", "<=", ">=", "<"}, 4), "abc"[rnd(3)]);
    case 0: return strFmt("%s.k = %s.k", a, b);
    case 1: return strFmt("%s.k < %d", a, rnd(4));
    case 2: return strFmt("%s.s = '%c'", a, "abc"[rnd(3)]);
    case 3: {
      char *zV = genOuterInt(sc);
      char *z = strFmt("%s.k = %s", a, zV);
      free(zV);
      return z;
    }
    case 4: return strFmt("%s.k IN [%d, %d]", a, rnd(4), rnd(4));
    case 5: return strFmt("%s.k IS NULL", a);
    case 6: return strFmt("%s.s IS NOT NULL", a);
    case 7: {
      /* Neo4j 5 label expressions in WHERE (n:A|B, n:!A, n:%). */
      static const char *const aLabelTest[] = {":A", ":B", ":C", ":A|B", ":!A", ":%", ":A&B", ":(A|C)&!B", ":!%", ":A:B"};
      return strFmt("%s%s", a, pick(aLabelTest, 10));
    }
    case 8: return strFmt("%s <> %s", a, b);
    case 9: return strFmt("%s = %s", a, b);
    case 10: return strFmt("EXISTS { (%s)-[%s]->() }", a, pick(aTypeExpr, 9));
    case 11: return strFmt("NOT EXISTS { (%s)-[%s]-(%s) }", a, pick(aTypeExpr, 9), b);
    case 12: return strFmt("(%s)-[%s]->(%s)", a, pick(aTypeExpr, 9), b);
    case 13: return strFmt("COUNT { (%s)--() } > %d", a, rnd(3));
    case 14: return strFmt("%s.k IN %s.l", a, b);
    case 15:
      if (sc->nRel) return strFmt("%s.w >= %d", sc->azRel[rnd(sc->nRel)], rnd(3));
      return strFmt("%s.s < %s.s", a, b);
    case 16:
      if (sc->nList) return strFmt("size(%s) = %d", sc->azList[rnd(sc->nList)], rnd(3));
      return strFmt("%s.k + 1 = %s.k", a, b);
    case 17: return strFmt("NOT EXISTS { MATCH (%s)-[:R]->(x:A) WHERE x.k = %s.k }", a, b);
    case 18: return strFmt("id(%s) = %d", a, rnd(MAX_NODES));
    case 19: return strFmt("id(%s) = id(%s)", a, b);
    case 20:
      if (sc->nRel && chance(50)) return strFmt("type(%s) = '%c'", sc->azRel[rnd(sc->nRel)], "RST"[rnd(3)]);
      if (sc->nRel) {
        /* A type test on a relationship: r:R|S, r:!T. */
        static const char *const aTypeTest[] = {":R", ":R|S", ":!T", ":%", ":S|:T", ":!(R|S)"};
        return strFmt("%s%s", sc->azRel[rnd(sc->nRel)], pick(aTypeTest, 6));
      }
      return strFmt("%s.uid > %s.uid", a, b);
    case 21: return strFmt("CASE WHEN %s.k > 1 THEN true ELSE %s.s = 'a' END", a, b);
    case 22: return strFmt("size([(%s)-[:R|T]->(x) | x.k]) > %d", a, rnd(2));
    case 23: return strFmt("any(x IN %s.l WHERE x = %s.k)", a, b);
    case 24: return strFmt("EXISTS { MATCH (%s)-[r]-(x) WHERE r.w > %d AND x <> %s }", a, rnd(3), b);
    case 25: return strFmt("COUNT { MATCH (%s)-->(x) WHERE x.k = %s.k } >= 1", a, b);
    /* Neo4j 5's COLLECT { }, and UNION inside subquery expressions. */
    case 32: return strFmt("size(COLLECT { MATCH (%s)-[%s]->(x) RETURN x.k }) >= %d", a, pick(aTypeExpr, 9), rnd(3));
    case 33:
      return strFmt("EXISTS { MATCH (%s)-[:R]->(x) RETURN x UNION MATCH (%s)<-[:T]-(x) WHERE x <> %s RETURN x }", a,
                    a, b);
    case 34:
      return strFmt("COUNT { MATCH (%s)-->(x) RETURN x.k AS v UNION%s MATCH (x)-->(%s) RETURN x.k AS v } > %d", a,
                    chance(50) ? " ALL" : "", b, rnd(3));
    default: {
      char *zL = genPredicate(sc, depth + 1), *zR = genPredicate(sc, depth + 1);
      static const char *const aOp[] = {"AND", "OR", "XOR", "OR"};
      char *z = chance(20) ? strFmt("NOT (%s %s %s)", zL, pick(aOp, 4), zR)
                           : strFmt("(%s %s %s)", zL, pick(aOp, 4), zR);
      free(zL);
      free(zR);
      return z;
    }
  }
}

/* A return item reading something in scope; *pbNode: it is an entity. */
static char *genItem(Scope *sc) {
  int e = rnd(16);
  if (e < 2 && sc->nValue) return strDup(sc->azValue[rnd(sc->nValue)]);
  if (sc->nNode == 0) return strFmt("%d", rnd(3));
  const char *a = anyNode(sc);
  switch (e) {
    case 2: return strDup(a);
    case 3: return strFmt("%s.s", a);
    case 4: return strFmt("labels(%s)", a);
    case 5: if (sc->nRel) return strFmt("type(%s)", sc->azRel[rnd(sc->nRel)]); return strFmt("%s.uid", a);
    case 6: if (sc->nRel) return strFmt("%s.w", sc->azRel[rnd(sc->nRel)]); return strFmt("%s.k", a);
    case 7: if (sc->nList) return strFmt("size(%s)", sc->azList[rnd(sc->nList)]); return strFmt("%s.l", a);
    case 8: return strFmt("%s.uid", a);
    case 9: return strFmt("[x IN %s.l WHERE x > 0 | x * 2]", a);
    case 10: return strFmt("size([(%s)--(x) | x])", a);
    case 11: return strFmt("CASE %s.k WHEN 1 THEN 'one' ELSE %s.s END", a, a);
    case 12: return strFmt("coalesce(%s.k, -1)", a);
    default: return strFmt("%s.k", a);
  }
}

static char *genAggregate(Scope *sc) {
  const char *a = sc->nNode ? anyNode(sc) : NULL;
  if (a == NULL) return strDup("count(*)");
  switch (rnd(9)) {
    case 0: return strFmt("count(%s.k)", a);
    case 1: return strFmt("count(DISTINCT %s.k)", a);
    case 2: return strFmt("sum(%s.k)", a);
    case 3: return strFmt("min(%s.s)", a);
    case 4: return strFmt("max(%s.k)", a);
    case 5: return strFmt("size(collect(DISTINCT %s.uid))", a);
    case 6: return strFmt("count(DISTINCT %s)", a);
    default: return strDup("count(*)");
  }
}

/* An optional prefix that binds outer values. */
static void genPrefix(Query *q, Scope *sc) {
  switch (rnd(6)) {
    case 0: {
      static const char *const aList[] = {"[1, 2]", "[0, 1, 1, null]", "[3]", "[2, 0]", "[1]", "[]"};
      queryAdd(q, strFmt("UNWIND %s AS u", pick(aList, chance(90) ? 5 : 6)));
      strcpy(sc->azValue[sc->nValue++], "u");
      break;
    }
    case 1:
      queryAdd(q, strFmt("WITH %d AS u", rnd(4)));
      strcpy(sc->azValue[sc->nValue++], "u");
      break;
    case 2:
      queryAdd(q, strFmt("UNWIND [{k: %d, s: 'a'}, {k: %d, s: 'b'}] AS row", rnd(4), rnd(4)));
      strcpy(sc->azValue[sc->nValue++], "row.k");
      break;
    case 3:
      strcpy(sc->azValue[sc->nValue++], "$p");
      break;
    default:
      break;
  }
}

/* MATCH / OPTIONAL MATCH clauses, a WITH in between, a CALL subquery.
** bTlp: the first MATCH carries the partitioning chunk. */
static void genReading(Query *q, Scope *sc, bool *pbPerRow) {
  int nMatch = chance(50) ? 1 : chance(60) ? 2 : 3;
  for (int m = 0; m < nMatch; m++) {
    bool bOptional = m > 0 && chance(35);
    sc->nRelBefore = sc->nRel;
    if (m > 0 && sc->nNode >= 2 && chance(8)) {
      /* shortest paths between two bound nodes: only their length is
      ** deterministic when several shortest paths exist */
      char zP[8];
      scopeNewName(sc, zP, 'p');
      queryAdd(q, strFmt("%sMATCH %s = %s((%s)-[%s*..3]-(%s))", bOptional ? "OPTIONAL " : "", zP,
                         chance(70) ? "shortestPath" : "allShortestPaths", anyNode(sc),
                         pick(aTypeExpr, 9), anyNode(sc)));
      if (sc->nValue < 8) snprintf(sc->azValue[sc->nValue++], 16, "length(%s)", zP);
      continue;
    }
    if (m > 0 && sc->nNode >= 2 && chance(6)) {
      /* a Neo4j 5 path selector between two bound nodes: only the lengths
      ** are deterministic when several paths tie */
      static const char *const aSel[] = {"SHORTEST 1", "ALL SHORTEST", "SHORTEST 2", "SHORTEST 2 GROUPS", "ANY"};
      char zP[8];
      scopeNewName(sc, zP, 'p');
      queryAdd(q, strFmt("%sMATCH %s = %s (%s)-[%s]-{1,3}(%s)", bOptional ? "OPTIONAL " : "", zP, pick(aSel, 5),
                         anyNode(sc), pick(aTypeExpr, 9), anyNode(sc)));
      if (sc->nValue < 8) snprintf(sc->azValue[sc->nValue++], 16, "length(%s)", zP);
      continue;
    }
    char *zPart = genPatternPart(sc);
    queryAdd(q, strFmt("%sMATCH %s", bOptional ? "OPTIONAL " : "", zPart));
    free(zPart);
    int nPart = chance(40) ? (chance(80) ? 1 : 2) : 0;
    for (int i = 0; i < nPart; i++) {
      zPart = genPatternPart(sc);
      queryAdd(q, strFmt(", %s", zPart));
      free(zPart);
    }
    int nWhere = chance(45) ? 1 + rnd(2) : 0;
    for (int i = 0; i < nWhere; i++) {
      char *zP = genPredicate(sc, 0);
      queryAdd(q, strFmt("%s %s", i ? "AND" : "WHERE", zP));
      free(zP);
    }
    if (m == 0 && !bOptional && q->zTlpPred == NULL) {
      q->zTlpPred = genPredicate(sc, 0);
      queryAdd(q, strFmt("%s %c", nWhere ? "AND" : "WHERE", TLP_MARK));
    }
    if (m + 1 < nMatch && sc->nNode > 0 && sc->nValue < 7 && chance(8)) {
      queryAdd(q, strFmt("UNWIND coalesce(%s.l, [%d]) AS v%d", anyNode(sc), rnd(3), sc->nFresh));
      snprintf(sc->azValue[sc->nValue++], 16, "v%d", sc->nFresh++);
    } else if (m + 1 < nMatch && sc->nNode > 0 && chance(8)) {
      /* an aggregation or a top-k in the middle: no longer per input row */
      *pbPerRow = false;
      const char *zV = anyNode(sc);
      Scope kept;
      memset(&kept, 0, sizeof(kept));
      kept.nFresh = sc->nFresh + 1;
      strcpy(kept.azNode[kept.nNode++], zV);
      if (chance(50)) {
        queryAdd(q, strFmt("WITH %s, count(*) AS w%d", zV, sc->nFresh));
        snprintf(kept.azValue[kept.nValue++], 16, "w%d", sc->nFresh);
      } else {
        queryAdd(q, strFmt("WITH DISTINCT %s ORDER BY %s.uid%s LIMIT %d", zV, zV, chance(50) ? " DESC" : "",
                           1 + rnd(3)));
      }
      *sc = kept;
    } else if (m + 1 < nMatch && chance(15) && sc->nNode > 0) {
      /* narrow the scope: WITH some variables (DISTINCT breaks per-row partitioning) */
      bool bDistinct = chance(30);
      if (bDistinct) *pbPerRow = false;
      int nKeep = 1 + rnd(sc->nNode < 3 ? sc->nNode : 3);
      Str s = {0};
      strAdd(&s, "WITH %s", bDistinct ? "DISTINCT " : "");
      Scope kept = *sc;
      kept.nNode = kept.nRel = kept.nList = 0;
      for (int i = 0; i < nKeep; i++) {
        const char *zV = sc->azNode[(i + rnd(2)) % sc->nNode];
        bool bDup = false;
        for (int k = 0; k < kept.nNode; k++) bDup |= strcmp(kept.azNode[k], zV) == 0;
        if (bDup) continue;
        strAdd(&s, "%s%s", kept.nNode ? ", " : "", zV);
        strcpy(kept.azNode[kept.nNode++], zV);
      }
      for (int i = 0; i < sc->nValue; i++) {
        const char *zV = sc->azValue[i];
        if (strcmp(zV, "u") == 0 || strncmp(zV, "row", 3) == 0) strAdd(&s, ", %s", zV[0] == 'r' ? "row" : "u");
      }
      kept.nValue = 0;
      for (int i = 0; i < sc->nValue; i++) {
        if (sc->azValue[i][0] == 'u' || sc->azValue[i][0] == 'r' || sc->azValue[i][0] == '$') {
          strcpy(kept.azValue[kept.nValue++], sc->azValue[i]);
        }
      }
      *sc = kept;
      queryAdd(q, s.z);
    }
  }
  if (sc->nNode && chance(10) && sc->nValue < 8) {
    const char *a = anyNode(sc);
    char zC[8];
    scopeNewName(sc, zC, 'c');
    queryAdd(q, strFmt("CALL { WITH %s MATCH (%s)-[%s]-(z) RETURN count(z) AS %s }", a, a,
                       pick(aTypeExpr, 9), zC));
    strcpy(sc->azValue[sc->nValue++], zC);
  }
}

/* RETURN: plain items, DISTINCT, or aggregation; maybe ORDER BY (all
** columns) with SKIP/LIMIT. Columns are named c0, c1, ... */
static void genReturn(Query *q, Scope *sc, int nColForced, bool *pbPerRow) {
  int nCol = nColForced ? nColForced : 1 + rnd(3);
  int eMode = rnd(10);   /* 0-5 plain, 6-7 DISTINCT, 8-9 aggregation */
  Str s = {0};
  strAdd(&s, "RETURN %s", eMode == 6 || eMode == 7 ? "DISTINCT " : "");
  if (eMode >= 6) *pbPerRow = false;
  for (int i = 0; i < nCol; i++) {
    bool bAgg = eMode >= 8 && (i == nCol - 1 || chance(30));
    char *zItem = bAgg ? genAggregate(sc) : genItem(sc);
    strAdd(&s, "%s%s AS c%d", i ? ", " : "", zItem, i);
    free(zItem);
  }
  queryAdd(q, s.z);
  if (nColForced == 0 && chance(30)) {
    Str o = {0};
    strAdd(&o, "ORDER BY");
    for (int i = 0; i < nCol; i++) strAdd(&o, "%s c%d%s", i ? "," : "", i, chance(30) ? " DESC" : "");
    queryAdd(q, o.z);
    q->bOrdered = true;
    *pbPerRow = false;
    if (chance(30)) queryAdd(q, strFmt("SKIP %d", rnd(3)));
    if (chance(60)) queryAdd(q, strFmt("LIMIT %d", rnd(5)));
  }
}

/* A single-node read that the index copy answers with a seek: a
** predicate on an indexed key (bounds of every type, two bounds, a
** prefix, IN, IS NOT NULL), and maybe ORDER BY that key, which the seek
** may then give without a sort. Rows are single values, so ties in an
** ordered result cannot differ. */
static void queryIndexSeek(Query *q) {
  static const char *const aBound[] = {"1", "2.5", "'2'", "null", "0.0/0.0", "-1", "3", "1.0", "'a'", "true", "[1]"};
  static const char *const aCmp[] = {"<", "<=", ">", ">=", "="};
  char cLabel = "ABC"[rnd(3)];
  char cKey = chance(70) ? 'k' : 's';
  char *zWhere;
  switch (rnd(7)) {
    case 6:   /* the text index on :B(s) */
      cKey = 's';
      cLabel = chance(70) ? 'B' : cLabel;
      zWhere = strFmt("a.%c %s %s", cKey, chance(50) ? "CONTAINS" : "ENDS WITH",
                      pick((const char *const[]){"''", "'a'", "'b'", "'ab'", "null", "1"}, 6));
      break;
    case 0: zWhere = strFmt("a.%c %s %s", cKey, pick(aCmp, 5), pick(aBound, 11)); break;
    case 1: zWhere = strFmt("%s %s a.%c", pick(aBound, 11), pick(aCmp, 5), cKey); break;
    case 2:
      zWhere = strFmt("a.%c %s %s AND a.%c %s %s", cKey, pick(aCmp, 4), pick(aBound, 11), cKey, pick(aCmp, 4),
                      pick(aBound, 11));
      break;
    case 3: zWhere = strFmt("a.%c STARTS WITH %s", cKey, pick((const char *const[]){"''", "'a'", "'b'", "null", "1"}, 5)); break;
    case 4: zWhere = strFmt("a.%c IN [%s, %s]", cKey, pick(aBound, 11), pick(aBound, 11)); break;
    default: zWhere = strFmt("a.%c IS NOT NULL", cKey); break;
  }
  if (chance(30)) {
    /* The composite index on :D(s, k): = on s, anything on k. */
    char *z = strFmt("a.s %s AND %s", pick((const char *const[]){"= 'a'", "= 'b'", "= null", "STARTS WITH 'a'"}, 4),
                     zWhere);
    free(zWhere);
    zWhere = z;
    cLabel = 'D';
  }
  queryAdd(q, strFmt("MATCH (a:%c) WHERE %s", cLabel, zWhere));
  free(zWhere);
  queryAdd(q, strFmt("RETURN a.%c AS c0", cKey));
  if (chance(60)) {
    queryAdd(q, strFmt("ORDER BY c0%s", chance(50) ? " DESC" : ""));
    if (chance(40)) queryAdd(q, strFmt("LIMIT %d", 1 + rnd(4)));
    q->bOrdered = true;
  }
}

/* A read the index copy may answer with a relationship index seek (on
** -[:R]- or -[:T]-, key w): a predicate on r.w in WHERE or the property
** map, any direction, labelled ends, an end bound before or the same node
** at both ends, a second relationship (uniqueness). */
static void queryRelIndexSeek(Query *q) {
  static const char *const aBound[] = {"1", "2.5", "'2'", "null", "-1", "3", "1.0", "0"};
  static const char *const aCmp[] = {"<", "<=", ">", ">=", "="};
  static const char *const aLeft[] = {"-", "<-"};
  char cType = chance(70) ? 'R' : "ST"[rnd(2)];
  const char *zL = pick(aLeft, 2), *zR = zL[0] == '<' ? "-" : chance(50) ? "->" : "-";
  const char *zA = chance(30) ? ":A" : "", *zB = chance(30) ? ":B" : "";
  char *zRel;
  char *zWhere = NULL;
  if (chance(30)) {
    zRel = strFmt("[r:%c {w: %s}]", cType, pick(aBound, 8));
  } else {
    zRel = strFmt("[r:%c]", cType);
    switch (rnd(5)) {
      case 0: zWhere = strFmt("r.w %s %s", pick(aCmp, 5), pick(aBound, 8)); break;
      case 1: zWhere = strFmt("%s %s r.w", pick(aBound, 8), pick(aCmp, 5)); break;
      case 2:
        zWhere = strFmt("r.w %s %s AND r.w %s %s", pick(aCmp, 4), pick(aBound, 8), pick(aCmp, 4), pick(aBound, 8));
        break;
      case 3: zWhere = strFmt("r.w IN [%s, %s]", pick(aBound, 8), pick(aBound, 8)); break;
      default: zWhere = strFmt("r.w IS NOT NULL"); break;
    }
  }
  switch (rnd(5)) {
    case 0:   /* an end bound before */
      queryAdd(q, strFmt("MATCH (a%s) WHERE a.k %s %d", zA[0] ? zA : ":C", pick(aCmp, 5), rnd(4)));
      queryAdd(q, strFmt("MATCH (a)%s%s%s(b%s)", zL, zRel, zR, zB));
      break;
    case 1:   /* the same node at both ends */
      queryAdd(q, strFmt("MATCH (a%s)%s%s%s(a)", zA, zL, zRel, zR));
      break;
    case 2:   /* a second relationship of the clause */
      queryAdd(q, strFmt("MATCH (a%s)%s%s%s(b%s), (c)-[q:%c]-(d)", zA, zL, zRel, zR, zB, cType));
      break;
    default: queryAdd(q, strFmt("MATCH (a%s)%s%s%s(b%s)", zA, zL, zRel, zR, zB)); break;
  }
  if (zWhere) queryAdd(q, strFmt("WHERE %s", zWhere));
  free(zWhere);
  free(zRel);
  queryAdd(q, strDup(chance(30) ? "RETURN count(*) AS c0" : "RETURN a.uid AS c0, r.w AS c1, id(r) AS c2"));
}

/* A read the index copy may answer with a point index seek on :A(p):
** point.withinBBox() or point.distance() < / <= r, cartesian or WGS-84
** (boxes across the 180th meridian, radii that reach a pole). */
static void queryPointSeek(Query *q) {
  static const char *const aCart[] = {"point({x: 0, y: 0})", "point({x: 1, y: 1})", "point({x: 3, y: 2})",
                                      "point({x: 2, y: 0})", "point({x: 1.5, y: 0.5})", "null"};
  static const char *const aGeo[] = {"point({longitude: 0, latitude: 0})", "point({longitude: 90, latitude: 40})",
                                     "point({longitude: 179, latitude: -40})", "point({longitude: -150, latitude: 0})",
                                     "point({longitude: 30, latitude: 80})", "point({longitude: 60, latitude: 0})",
                                     "point({longitude: 0, latitude: 40})", "point({longitude: -60, latitude: -40})"};
  static const char *const aRadius[] = {"0", "1", "1.5", "2", "2.9", "null", "-1", "0.0/0.0", "'1'"};
  static const char *const aMetres[] = {"1000000", "3500000", "5000000", "7000000", "9000000", "20000000"};
  const char *zCmp = chance(50) ? "<" : "<=";
  char *zWhere;
  bool bGeo = chance(40);
  if (chance(50)) {
    zWhere = bGeo ? strFmt("point.distance(a.p, %s) %s %s", pick(aGeo, 8), zCmp, pick(aMetres, 6))
                  : strFmt("point.distance(%s, a.p) %s %s", pick(aCart, 6), zCmp, pick(aRadius, 9));
  } else if (bGeo) {
    int lo = rnd(5) * 60 - 150, hi = rnd(5) * 60 - 150;   /* lo > hi: across the 180th meridian */
    zWhere = strFmt("point.withinBBox(a.p, point({longitude: %d, latitude: -45}), point({longitude: %d, latitude: %d}))",
                    lo, hi, rnd(3) * 40 - 20);
  } else {
    zWhere = strFmt("point.withinBBox(a.p, %s, %s)", pick(aCart, 6), pick(aCart, 6));
  }
  queryAdd(q, strFmt("MATCH (a:A) WHERE %s", zWhere));
  free(zWhere);
  queryAdd(q, strDup("RETURN a.uid AS c0"));
}

/* An acyclic pattern of 2..5 relationships (a tree; one to three MATCH
** clauses, so relationship uniqueness holds within each only) with
** predicates on single variables, single relationships and their ends,
** and now and then across the pattern; counted, grouped by one variable,
** summed, with an OPTIONAL MATCH or a NOT EXISTS: the shapes
** FactorisedCount answers (plan_factor.c), and those next to them it
** must leave alone. */
static void queryFactor(Query *q) {
  static const char *const aType[] = {"", ":R", ":S", ":T", ":R|S", ":S|T", ":$('R')", ":R|T"};
  static const char *const aOne[] = {":R", ":S", ":T"};
  int nRel = 2 + rnd(4);
  int aParent[6];
  bool bDistinctTypes = chance(60);
  int iTypeBase = rnd(3);
  int nClause = 1 + rnd(3);
  int aClauseOf[6];
  Str m = {0};
  char zN[6][8], zR[6][8];
  bool abNamedRel[6] = {0};
  for (int i = 0; i <= nRel; i++) snprintf(zN[i], 8, "n%d", i);
  int iClause = -1;
  for (int i = 1; i <= nRel; i++) {
    aParent[i] = rnd(i);
    /* clauses in order: each relationship's parent is declared before */
    aClauseOf[i] = i == 1 ? 0 : (aClauseOf[i - 1] + 1 < nClause && chance(35) ? aClauseOf[i - 1] + 1 : aClauseOf[i - 1]);
    const char *zT = bDistinctTypes && i <= 3 ? aOne[(iTypeBase + i) % 3] : pick(aType, 8);
    snprintf(zR[i], 8, "r%d", i);
    abNamedRel[i] = chance(60);
    const char *zProps = chance(12) ? (chance(50) ? " {w: 1}" : " {w: 2}") : "";
    char *zRel = strFmt("[%s%s%s]", abNamedRel[i] ? zR[i] : "", zT, zProps);
    char *zLeft = i == 1 ? strFmt("(%s%s%s)", zN[0], pick(aLabelExpr, 9), chance(20) ? " {k: 1}" : "")
                         : strFmt("(%s)", zN[aParent[i]]);
    char *zRight = strFmt("(%s%s%s)", zN[i], pick(aLabelExpr, 9), chance(20) ? (chance(50) ? " {k: 2}" : " {s: 'a'}") : "");
    if (aParent[i] == 0 && i > 1) {
      free(zLeft);
      zLeft = strFmt("(%s)", zN[0]);
    }
    const char *zFmt = rnd(3) == 0 ? "%s-%s->%s" : rnd(2) ? "%s<-%s-%s" : "%s-%s-%s";
    char *zPart = strFmt(zFmt, zLeft, zRel, zRight);
    if (aClauseOf[i] != iClause) {
      strAdd(&m, "%sMATCH %s", iClause >= 0 ? " " : "", zPart);
      iClause = aClauseOf[i];
    } else {
      strAdd(&m, ", %s", zPart);
    }
    free(zRel);
    free(zLeft);
    free(zRight);
    free(zPart);
  }
  queryAdd(q, m.z);
  int nWhere = rnd(4);
  for (int w = 0; w < nWhere; w++) {
    const char *a = zN[rnd(nRel + 1)];
    int iRel = 1 + rnd(nRel);
    char *zP;
    switch (rnd(16)) {
      case 14: case 15: {
        /* two nodes three relationships apart (a - u - v - b), if any */
        int aDepth[6] = {0}, nPair = 0, aPairA[36], aPairB[36];
        for (int k = 1; k <= nRel; k++) aDepth[k] = aDepth[aParent[k]] + 1;
        for (int x = 0; x <= nRel; x++) {
          for (int y = x + 1; y <= nRel; y++) {
            int px = x, py = y, d = 0;
            while (px != py) {
              if (aDepth[px] >= aDepth[py]) px = aParent[px];
              else py = aParent[py];
              d++;
            }
            if (d == 3) {
              aPairA[nPair] = x;
              aPairB[nPair++] = y;
            }
          }
        }
        if (nPair == 0) {
          zP = strFmt("id(%s) <> id(%s)", zN[aParent[iRel]], zN[iRel]);
          break;
        }
        int k = rnd(nPair);
        zP = chance(70) ? strFmt("id(%s) <> id(%s)", zN[aPairA[k]], zN[aPairB[k]])
                        : strFmt("%s <> %s", zN[aPairB[k]], zN[aPairA[k]]);
        break;
      }
      case 12: case 13: {
        /* two nodes next to one: a sibling, else the middle's parent */
        int j = 1 + rnd(nRel);
        bool bSib = j != iRel && aParent[j] == aParent[iRel];
        int iOther = bSib ? j : aParent[iRel] > 0 ? aParent[aParent[iRel]] : j;
        if (!bSib && aParent[iRel] == 0) {
          /* the middle is n0: another child of it, if any */
          for (int k = 1; k <= nRel; k++) {
            if (k != iRel && aParent[k] == 0) iOther = k;
          }
        }
        zP = chance(70) ? strFmt("id(%s) <> id(%s)", zN[iRel], zN[iOther]) : strFmt("%s <> %s", zN[iOther], zN[iRel]);
        break;
      }
      case 0: zP = strFmt("%s.k < %d", a, rnd(4)); break;
      case 1: zP = strFmt("%s.k IS NOT NULL", a); break;
      case 2: zP = strFmt("%s:%c", a, "ABC"[rnd(3)]); break;
      case 3: zP = strFmt("%s.s = '%c'", a, "abc"[rnd(3)]); break;
      case 4: zP = strFmt("NOT %s:%c", a, "ABD"[rnd(3)]); break;
      case 5:
        zP = abNamedRel[iRel] ? strFmt("%s.w >= %d", zR[iRel], rnd(3)) : strFmt("%s.k IN [1, 2]", a);
        break;
      case 6: zP = strFmt("id(%s) <> id(%s)", zN[aParent[iRel]], zN[iRel]); break;
      case 7: zP = strFmt("%s.k = %s.k", zN[aParent[iRel]], zN[iRel]); break;
      case 8:
        zP = abNamedRel[iRel] ? strFmt("type(%s) <> 'S' AND %s.k <> coalesce(%s.w, 9)", zR[iRel], zN[iRel], zR[iRel])
                              : strFmt("%s.k <> 3", a);
        break;
      case 9: zP = strFmt("%s.k < %s.k", a, zN[rnd(nRel + 1)]); break;   /* across the pattern */
      case 10: zP = strFmt("EXISTS { (%s)-[:T]->() }", a); break;
      default: zP = strFmt("%s.k <> $p", a); break;
    }
    queryAdd(q, strFmt("%s %s", w ? "AND" : "WHERE", zP));
    free(zP);
  }
  if (chance(20)) {
    const char *a = zN[rnd(nRel + 1)];
    char *zWhere = chance(30) ? (chance(50) ? strDup(" WHERE o.k > 0") : strFmt(" WHERE %s.k < 2", a)) : strDup("");
    queryAdd(q, strFmt("OPTIONAL MATCH (%s)%s(o%s)%s%s", a, pick((const char *const[]){"<-[:T]-", "-[:R]->", "--", "-[:S|T]-"}, 4),
                       pick(aLabelExpr, 6), chance(30) ? (chance(50) ? "-[:S]->(o2)" : ", (o)<-[:T]-(o2:A)") : "",
                       zWhere));
    free(zWhere);
  }
  const char *g = zN[rnd(nRel + 1)];
  switch (rnd(8)) {
    case 0: case 1: queryAdd(q, strDup("RETURN count(*) AS c0")); break;
    case 2: queryAdd(q, strFmt("RETURN %s.k AS c0, count(*) AS c1", g)); break;
    case 3:
      queryAdd(q, strFmt("RETURN %s.s AS c0, count(*) AS c1, sum(%s.k) AS c2, min(%s.k) AS c3, max(%s.s) AS c4, "
                         "count(%s.k) AS c5", g, g, g, g, g));
      break;
    case 4: queryAdd(q, strFmt("RETURN sum(%s.k) AS c0, count(*) AS c1, max(%s.k) AS c2", g, g)); break;
    case 5: queryAdd(q, strFmt("RETURN %s AS c0, count(*) AS c1, count(DISTINCT %s.k) AS c2", g, g)); break;
    case 6: queryAdd(q, strFmt("RETURN %s.k AS c0, count(*) AS c1 ORDER BY c0, c1", g)); q->bOrdered = true; break;
    default: queryAdd(q, strFmt("RETURN count(*) AS c0, %s.k %% 2 AS c1", g)); break;
  }
}

/* A predicate on a.KEY that a range index may serve (a seek of any kind,
** two bounds), or one it may not (<>). */
static char *genKeyPred(const char *zVar, char cKey) {
  static const char *const aBound[] = {"1", "2.5", "'2'", "null", "-1", "3", "0", "'a'", "'b'", "2"};
  static const char *const aCmp[] = {"<", "<=", ">", ">=", "="};
  switch (rnd(7)) {
    case 0: return strFmt("%s.%c %s %s", zVar, cKey, pick(aCmp, 5), pick(aBound, 10));
    case 1:
      return strFmt("%s.%c %s %s AND %s.%c %s %s", zVar, cKey, pick(aCmp, 4), pick(aBound, 10), zVar, cKey,
                    pick(aCmp, 4), pick(aBound, 10));
    case 2: return strFmt("%s.%c IN [%s, %s]", zVar, cKey, pick(aBound, 10), pick(aBound, 10));
    case 3: return strFmt("%s.%c IS NOT NULL", zVar, cKey);
    case 4: return strFmt("%s.%c STARTS WITH %s", zVar, cKey, pick((const char *const[]){"''", "'a'", "'1'"}, 3));
    case 5: return strFmt("%s.%c <> %s", zVar, cKey, pick(aBound, 10));
    default: return strFmt("%s.%c = %s", zVar, cKey, pick(aBound, 10));
  }
}

/* A read where several starts apply, which the planner chooses among by
** the indexes' statistics: predicates on both indexed keys of a node
** (:A(k) and :A(s), :B(k) and :B(s)), an extra label whose scan may beat
** the seek, two pattern nodes with seeks (either may start), a value
** known only when running (an average posting), ORDER BY a seeked key. */
static void queryMultiIndex(Query *q) {
  char cLabel = "AB"[rnd(2)];
  const char *zMore = pick((const char *const[]){"", "", ":C", ":D"}, 4);
  char *zK = genKeyPred("a", 'k'), *zS = genKeyPred(chance(70) ? "a" : "b", 's');
  switch (rnd(3)) {
    case 0:
      queryAdd(q, strFmt("MATCH (a:%c%s) WHERE %s AND %s", cLabel, zMore, zK, zS[0] == 'a' ? zS : "true"));
      queryAdd(q, strDup("RETURN a.k AS c0"));
      if (chance(60)) {
        queryAdd(q, strFmt("ORDER BY c0%s", chance(50) ? " DESC" : ""));
        if (chance(40)) queryAdd(q, strFmt("LIMIT %d", 1 + rnd(4)));
        q->bOrdered = true;
      }
      break;
    case 1:
      queryAdd(q, strFmt("MATCH (a:%c%s)-[:%c]-(b:%c) WHERE %s AND %s", cLabel, zMore, "RST"[rnd(3)], "AB"[rnd(2)], zK,
                         zS[0] == 'b' ? zS : "b.s IS NOT NULL"));
      queryAdd(q, strDup("RETURN a.uid AS c0, b.uid AS c1"));
      break;
    default:
      queryAdd(q, strFmt("UNWIND [0, 1, 2, 'a'] AS x MATCH (a:%c%s) WHERE a.%c = x AND %s", cLabel, zMore,
                         chance(50) ? 'k' : 's', zK));
      queryAdd(q, strDup("RETURN x AS c0, a.uid AS c1"));
      break;
  }
  free(zK);
  free(zS);
}

/* A cyclic pattern for worst-case-optimal joins (WcoJoin): a triangle
** or a 4-cycle, sometimes with a chord (a node tied to three bound ones),
** over one to three clauses, with every direction, type lists, labels,
** relationship properties, a var-length or re-matched relationship that
** must stay out of the intersection, and counts or rows returned. */
static void queryCycle(Query *q) {
  static const char *const aType[] = {"", ":R", ":S", ":R|S", ":S|T", ":$('R')", ":R", ":T"};
  static const char *const aDir[] = {"%s-%s->%s", "%s<-%s-%s", "%s-%s-%s", "%s-%s-%s"};
  int nNode = chance(60) ? 3 : 4;
  int aFrom[6], aTo[6], nRel = 0;
  for (int i = 0; i < nNode; i++) {
    aFrom[nRel] = i;
    aTo[nRel++] = (i + 1) % nNode;
  }
  if (nNode == 4 && chance(50)) {
    aFrom[nRel] = 0;
    aTo[nRel++] = 2;
  }
  if (chance(15)) {   /* a parallel pattern relationship between two bound nodes */
    aFrom[nRel] = 1;
    aTo[nRel++] = 2;
  }
  int nClause = 1 + rnd(3);
  int iVarLen = chance(10) ? rnd(nRel) : -1;
  Str m = {0};
  int iClause = -1;
  for (int i = 0; i < nRel; i++) {
    int c = i == 0 ? 0 : (iClause + 1 < nClause && chance(40) ? iClause + 1 : iClause);
    char zN1[16], zN2[16];
    snprintf(zN1, sizeof(zN1), "(n%d%s)", aFrom[i], chance(25) ? pick(aLabelExpr, 9) : "");
    snprintf(zN2, sizeof(zN2), "(n%d%s)", aTo[i], chance(25) ? pick(aLabelExpr, 9) : "");
    const char *zProps = chance(12) ? (chance(50) ? " {w: 1}" : " {w: 2}") : "";
    char *zRel = i == iVarLen ? strFmt("[%s*1..2]", pick(aType, 5))
                              : strFmt("[r%d%s%s]", i, pick(aType, 8), zProps);
    char *zPart = strFmt(pick(aDir, 4), zN1, zRel, zN2);
    if (c != iClause) {
      strAdd(&m, "%sMATCH %s", iClause >= 0 ? " " : "", zPart);
      iClause = c;
    } else {
      strAdd(&m, ", %s", zPart);
    }
    free(zRel);
    free(zPart);
  }
  if (chance(10)) strAdd(&m, " MATCH (n0)-[r0]-(n1)");   /* r0 re-matched: not a leg */
  queryAdd(q, m.z);
  if (chance(40)) {
    int a = rnd(nNode), b = rnd(nNode);
    switch (rnd(4)) {
      case 0: queryAdd(q, strFmt("WHERE n%d.k < n%d.k", a, b)); break;
      case 1: queryAdd(q, strFmt("WHERE id(n%d) <> id(n%d)", a, b)); break;
      case 2: queryAdd(q, strFmt("WHERE r%d.w IS NULL OR n%d:A", iVarLen == 1 ? 0 : 1, a)); break;
      default: queryAdd(q, strFmt("WHERE n%d.s = 'a'", a)); break;
    }
  }
  int g = rnd(nNode);
  switch (rnd(4)) {
    case 0: queryAdd(q, strDup("RETURN count(*) AS c0")); break;
    case 1: queryAdd(q, strFmt("RETURN n%d.k AS c0, count(*) AS c1", g)); break;
    case 2: queryAdd(q, strFmt("RETURN n%d AS c0, count(*) AS c1, sum(n%d.k) AS c2", g, (g + 1) % nNode)); break;
    default:
      queryAdd(q, strFmt("RETURN n0.uid AS c0, n1.uid AS c1, n2.uid AS c2, %s AS c3",
                         iVarLen == 2 ? "r0.w" : "r2.w"));
      break;
  }
}

/* One hop counted straight over a scan (a counting Expand that takes the
** scan's ids in bulk, op_expand.c), once or once per outer row: after an
** UNWIND, in a CALL subquery per node, grouped by what the outer row
** binds; and next to it the shapes that must not take that path (the
** start node read by a key, a filter on the far end). */
static void queryHopCount(Query *q) {
  static const char *const aLeft[] = {"-", "<-", "-"}, *const aRight[] = {"->", "-", "-"};
  int iDir = rnd(3);
  char *zHop = strFmt("(a%s)%s[%s]%s(b%s)", pick(aLabelExpr, 9), aLeft[iDir], pick(aTypeExpr, 9), aRight[iDir],
                      pick(aLabelExpr, 9));
  switch (rnd(5)) {
    case 0: queryAdd(q, strFmt("MATCH %s RETURN count(*) AS c0", zHop)); break;
    case 1:
      queryAdd(q, strFmt("UNWIND range(1, %d) AS x MATCH %s RETURN x %% 2 AS c0, count(*) AS c1", 1 + rnd(3), zHop));
      break;
    case 2:
      queryAdd(q, strFmt("MATCH (z%s) CALL { MATCH %s RETURN count(*) AS c } RETURN z.uid AS c0, c AS c1",
                         pick(aLabelExpr, 9), zHop));
      break;
    case 3: queryAdd(q, strFmt("MATCH %s RETURN a.k AS c0, count(*) AS c1", zHop)); break;
    default: queryAdd(q, strFmt("MATCH %s WHERE b.k < %d RETURN count(*) AS c0", zHop, rnd(4))); break;
  }
  free(zHop);
}

/* ORDER BY a.key ... LIMIT n over a pattern (LSQB's row queries): TopCuts
** below the sort and, under them, a scan of a in key order that the cut
** ends early (op_node_scan.c, op_sort.c). Keys tie, are missing, or mix
** types (integers and floats, strings, points, lists); ascending or
** descending; SKIP counts in the top. Every column is ordered on, so the
** rows kept cannot differ on ties. */
static void queryTopRows(Query *q) {
  static const char *const aKey[] = {"k", "k", "s", "p", "l", "uid"};
  const char *zKey = pick(aKey, 6);
  static const char *const aLeft[] = {"-", "<-", "-"}, *const aRight[] = {"->", "-", "-"};
  int iDir = rnd(3);
  char *zPat = strFmt("(a%s)%s[%s]%s(b%s)", pick(aLabelExpr, 9), aLeft[iDir], pick(aTypeExpr, 9), aRight[iDir],
                      pick(aLabelExpr, 9));
  bool bTwo = chance(40);
  queryAdd(q, strFmt("MATCH %s%s", zPat, bTwo ? "-[]->(c)" : ""));
  free(zPat);
  queryAdd(q, strFmt("RETURN a.%s AS c0, b.uid AS c1, a.%s AS c2, a.uid AS c3%s", zKey, strcmp(zKey, "s") ? "s" : "k",
                     bTwo ? ", c.uid AS c4" : ""));
  /* a's keys first, or b's between them (a cut on one key or on two) */
  bool bAFirst = chance(50);
  queryAdd(q, strFmt("ORDER BY c0%s, %s%s, %s, c3%s", chance(40) ? " DESC" : "", bAFirst ? "c2" : "c1",
                     chance(40) ? " DESC" : "", bAFirst ? "c1" : "c2", bTwo ? ", c4" : ""));
  if (chance(30)) queryAdd(q, strFmt("SKIP %d", rnd(4)));
  queryAdd(q, strFmt("LIMIT %d", rnd(8)));
  q->bOrdered = true;
}

/* `id(a) <> id(b)` on two nodes three relationships apart, a - u - v - b
** (LSQB q5: the tag of a comment and a tag of the message it replies
** to), on small dense graphs where a and b often meet: FactorisedCount
** takes those matches off at u (op_factor_count.c). With another child
** of v, labels, undirected or type-list relationships, grouping by u. */
static void queryCousinCount(Query *q) {
  static const char *const aRel[] = {"-[:R]->", "<-[:S]-", "-[:T]-", "-[:R|S]->", "<-[:S|T]-", "-[]->", "-[:T]->"};
  /* mostly three different types, so that relationship uniqueness needs
  ** no check and the count is factorised */
  static const char *const aDistinct[3][3] = {{"-[:R]->", "<-[:R]-", "-[:R]-"},
                                             {"-[:S]->", "<-[:S]-", "-[:S]-"},
                                             {"-[:T]->", "<-[:T]-", "-[:T]-"}};
  const char *azRel[3];
  int iBase = rnd(3), iStep = 1 + rnd(2);
  for (int i = 0; i < 3; i++) {
    azRel[i] = chance(70) ? aDistinct[(iBase + i * iStep) % 3][rnd(3)] : pick(aRel, 7);
  }
  char *zPat = strFmt("(a%s)%s(u%s)%s(v)%s(b%s)%s", pick(aLabelExpr, 9), azRel[0], pick(aLabelExpr, 9),
                      azRel[1], azRel[2], pick(aLabelExpr, 9), chance(40) ? ", (v)<-[:T]-(w)" : "");
  const char *zNe = chance(70) ? "id(a) <> id(b)" : "b <> a";
  switch (rnd(3)) {
    case 0: queryAdd(q, strFmt("MATCH %s WHERE %s RETURN count(*) AS c0", zPat, zNe)); break;
    case 1: queryAdd(q, strFmt("MATCH %s WHERE %s RETURN u.k AS c0, count(*) AS c1", zPat, zNe)); break;
    default: queryAdd(q, strFmt("MATCH %s WHERE %s AND u.k < %d RETURN sum(u.k) AS c0, count(*) AS c1", zPat, zNe, 1 + rnd(3))); break;
  }
  free(zPat);
}

/* NOT EXISTS { (a)-[...]-(b) } on two nodes next to one (LSQB q9: two
** persons a friend apart who are not friends), with and without
** id(a) <> id(b), counted in total or grouped by a node beyond b (the
** tree rooted there): FactorisedCount takes the joined pairs off at the
** middle, or at b's side (op_factor_count.c). */
static void queryAntiCount(Query *q) {
  static const char *const aAnti[] = {"-[:R]-", "-[:R]->", "<-[:S]-", "-[:T]-", "--", "-[:R|T]-"};
  static const char *const aTree[3][3] = {{"-[:R]->", "<-[:R]-", "-[:R]-"},
                                          {"-[:S]->", "<-[:S]-", "-[:S]-"},
                                          {"-[:T]->", "<-[:T]-", "-[:T]-"}};
  int iBase = rnd(3);
  /* b's relationship to t may share a's type (LSQB q8: both are tags), so
  ** that the two may be one relationship. */
  const char *zR1 = aTree[iBase][rnd(3)], *zR2 = aTree[(iBase + 1) % 3][rnd(3)];
  const char *zR3 = aTree[chance(50) ? iBase : (iBase + 2) % 3][rnd(3)];
  char *zPat = strFmt("(a%s)%s(m%s)%s(b%s)%s(t%s)", pick(aLabelExpr, 9), zR1, pick(aLabelExpr, 9), zR2,
                      pick(aLabelExpr, 9), zR3, pick(aLabelExpr, 9));
  /* id(a) <> id(t) is implied when b's relationship to t has only types
  ** the test names, in its direction from b (plan_factor.c drops it). */
  static const char *const aImplied[] = {"", " AND id(a) <> id(t)", " AND t <> a", " AND id(t) <> id(a)"};
  char *zWhere = strFmt("NOT EXISTS { MATCH (a)%s(b) }%s%s", pick(aAnti, 6),
                        chance(60) ? (chance(50) ? " AND id(a) <> id(b)" : " AND b <> a") : "",
                        pick(aImplied, 4));
  switch (rnd(3)) {
    case 0: queryAdd(q, strFmt("MATCH %s WHERE %s RETURN count(*) AS c0", zPat, zWhere)); break;
    case 1: queryAdd(q, strFmt("MATCH %s WHERE %s RETURN t.k AS c0, count(*) AS c1", zPat, zWhere)); break;
    default: queryAdd(q, strFmt("MATCH %s WHERE %s RETURN a.uid AS c0, count(*) AS c1", zPat, zWhere)); break;
  }
  free(zPat);
  free(zWhere);
}

static void queryRandom(Query *q) {
  memset(q, 0, sizeof(*q));
  q->iParam = rnd(4);
  if (chance(12)) {
    queryFactor(q);
    return;
  }
  if (chance(8)) {
    queryCycle(q);
    return;
  }
  if (chance(8)) {
    queryIndexSeek(q);
    return;
  }
  if (chance(6)) {
    queryPointSeek(q);
    return;
  }
  if (chance(6)) {
    queryRelIndexSeek(q);
    return;
  }
  if (chance(5)) {
    queryMultiIndex(q);
    return;
  }
  if (chance(4)) {
    queryHopCount(q);
    return;
  }
  if (chance(4)) {
    queryCousinCount(q);
    return;
  }
  if (chance(4)) {
    queryAntiCount(q);
    return;
  }
  if (chance(4)) {
    queryTopRows(q);
    return;
  }
  Scope sc;
  memset(&sc, 0, sizeof(sc));
  genPrefix(q, &sc);
  bool bPerRow = true;
  genReading(q, &sc, &bPerRow);
  if (chance(10)) {
    /* UNION [ALL] of two parts with the same number of columns */
    int nCol = 1 + rnd(2);
    genReturn(q, &sc, nCol, &bPerRow);
    queryAdd(q, strDup(chance(50) ? "UNION" : "UNION ALL"));
    Scope sc2;
    memset(&sc2, 0, sizeof(sc2));
    sc2.nFresh = sc.nFresh + 100;
    Query q2;
    memset(&q2, 0, sizeof(q2));
    genPrefix(&q2, &sc2);
    genReading(&q2, &sc2, &bPerRow);
    genReturn(&q2, &sc2, nCol, &bPerRow);
    for (int i = 0; i < q2.nChunk; i++) {
      if (strchr(q2.azChunk[i], TLP_MARK)) continue;   /* one partitioned part only */
      queryAdd(q, q2.azChunk[i]);
      q2.azChunk[i] = NULL;
    }
    queryFree(&q2);
    bPerRow = false;
  } else {
    genReturn(q, &sc, 0, &bPerRow);
  }
  q->bTlp = bPerRow && q->zTlpPred != NULL;
}

/* Random write statements (the write oracle). */
static void writeRandom(Query *q) {
  memset(q, 0, sizeof(*q));
  q->iParam = rnd(4);
  Scope sc;
  memset(&sc, 0, sizeof(sc));
  genPrefix(q, &sc);
  if (chance(80)) {
    /* one MATCH of one part: a write runs to completion, rows held */
    char *zPart = genPatternPart(&sc);
    queryAdd(q, strFmt("MATCH %s", zPart));
    free(zPart);
    if (chance(50)) {
      char *zP = genPredicate(&sc, 0);
      queryAdd(q, strFmt("WHERE %s", zP));
      free(zP);
    }
  }
  free(q->zTlpPred);
  q->zTlpPred = NULL;
  for (int i = 0; i < q->nChunk; i++) {
    char *zMark = strchr(q->azChunk[i], TLP_MARK);
    if (zMark == NULL) continue;
    char *z = strFmt("%.*strue", (int)(zMark - q->azChunk[i]), q->azChunk[i]);
    free(q->azChunk[i]);
    q->azChunk[i] = z;
  }
  int nWrite = 1 + rnd(2);
  for (int w = 0; w < nWrite; w++) {
    const char *a = sc.nNode ? anyNode(&sc) : NULL;
    const char *b = sc.nNode ? anyNode(&sc) : NULL;
    switch (a ? rnd(11) : 9 + rnd(2)) {
      case 0: queryAdd(q, strFmt("SET %s.k = %d", a, rnd(4))); break;
      case 1: queryAdd(q, strFmt("SET %s.k = %s.k + 1", a, a)); break;
      case 2: queryAdd(q, strFmt("SET %s:%c", a, "ABC"[rnd(3)])); break;
      case 3: queryAdd(q, strFmt("REMOVE %s.s", a)); break;
      case 4: queryAdd(q, strFmt("REMOVE %s:A", a)); break;
      case 5:
        if (sc.nRel) queryAdd(q, strFmt("DELETE %s", sc.azRel[rnd(sc.nRel)]));
        else queryAdd(q, strFmt("DETACH DELETE %s", a));
        break;
      case 6: queryAdd(q, strFmt("CREATE (%s)-[:T {w: %d}]->(%s)", a, rnd(3), b)); break;
      case 7: queryAdd(q, strFmt("MERGE (%s)-[:S]->(%s)", a, b)); break;
      case 8: queryAdd(q, strFmt("MERGE (:C {k: coalesce(%s.k, 9)})", a)); break;
      case 9: queryAdd(q, strFmt("CREATE (:D {k: %d})", rnd(3))); break;
      default: queryAdd(q, strFmt("MERGE (m%d:A {k: %d}) ON CREATE SET m%d.s = 'c' ON MATCH SET m%d.s = 'b'",
                                  w, rnd(4), w, w)); break;
    }
    if (a && chance(20)) break;
  }
  if (chance(50)) {
    queryAdd(q, strDup("RETURN count(*) AS c0"));
  }
}

/* ---- Running and comparing ------------------------------------------------ */

#define MAX_ROWS 20000

typedef struct Outcome {
  bool bError;             /* the statement failed */
  bool bTooBig;            /* over MAX_ROWS: not compared */
  char *zError;            /* kind: message */
  int nRow;
  char **azRow;            /* canonical text of each row */
} Outcome;

static void outcomeFree(Outcome *o) {
  for (int i = 0; i < o->nRow; i++) free(o->azRow[i]);
  free(o->azRow);
  free(o->zError);
  memset(o, 0, sizeof(*o));
}

/* Canonical text of a value: entities by id, map keys sorted, so that two
** plans that found the same answer write the same bytes. */
static void canonValue(tg_db *pDb, Str *s, const tg_value *v) {
  switch (tg_value_type(v)) {
    case TG_NULL: strAdd(s, "null"); break;
    case TG_BOOL: strAdd(s, tg_value_bool(v) ? "true" : "false"); break;
    case TG_INT: strAdd(s, "%lld", (long long)tg_value_int(v)); break;
    case TG_FLOAT: strAdd(s, "%.15g", tg_value_double(v)); break;
    case TG_STRING: {
      int n;
      const char *z = tg_value_text(v, &n);
      strAdd(s, "'%.*s'", n, z);
      break;
    }
    case TG_NODE: strAdd(s, "N%lld", (long long)tg_value_id(v)); break;
    case TG_RELATIONSHIP: strAdd(s, "R%lld", (long long)tg_value_id(v)); break;
    case TG_LIST:
    case TG_PATH: {
      strAdd(s, tg_value_type(v) == TG_PATH ? "P[" : "[");
      for (int i = 0; i < tg_value_size(v); i++) {
        if (i) strAdd(s, ",");
        canonValue(pDb, s, tg_value_item(v, i));
      }
      strAdd(s, "]");
      break;
    }
    case TG_MAP: {
      int n = tg_value_size(v);
      int *aOrder = malloc(sizeof(int) * (size_t)(n + 1));
      for (int i = 0; i < n; i++) aOrder[i] = i;
      for (int i = 1; i < n; i++) {   /* insertion sort by key: maps are small */
        for (int j = i; j > 0 && strcmp(tg_value_key(v, aOrder[j - 1]), tg_value_key(v, aOrder[j])) > 0; j--) {
          int t = aOrder[j];
          aOrder[j] = aOrder[j - 1];
          aOrder[j - 1] = t;
        }
      }
      strAdd(s, "{");
      for (int i = 0; i < n; i++) {
        strAdd(s, "%s%s:", i ? "," : "", tg_value_key(v, aOrder[i]));
        canonValue(pDb, s, tg_value_item(v, aOrder[i]));
      }
      strAdd(s, "}");
      free(aOrder);
      break;
    }
    default: {
      char *z = tg_value_format(pDb, v);
      strAdd(s, "%s", z);
      tg_free(z);
      break;
    }
  }
}

/* A statement may not run longer than this: a random query can be a large
** cartesian product, which is no planner bug. It is interrupted and the
** case is skipped. */
#define STATEMENT_SECONDS 2
static tg_db *volatile pRunningDb;

static void onAlarm(int sig) {
  (void)sig;
  tg_db *pDb = pRunningDb;
  if (pDb) tg_interrupt(pDb);
}

static void armWatchdog(tg_db *pDb) {
  struct itimerval t;
  memset(&t, 0, sizeof(t));
  t.it_value.tv_sec = pDb ? STATEMENT_SECONDS : 0;
  pRunningDb = pDb;
  setitimer(ITIMER_REAL, &t, NULL);
}

/* Runs one statement; the outcome lists its rows or its error. */
static void runQuery(tg_db *pDb, const char *zQuery, int iParam, Outcome *o) {
  memset(o, 0, sizeof(*o));
  tg_stmt *pStmt = NULL;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK || pStmt == NULL) {
    o->bError = true;
    o->zError = strFmt("%s: %s", tg_errkind(pDb), tg_errmsg(pDb));
    return;
  }
  for (int i = 0; i < tg_param_count(pStmt); i++) {
    if (strcmp(tg_param_name(pStmt, i), "p") == 0) tg_bind_int(pStmt, "p", iParam);
  }
  int nAlloc = 0, rc;
  int nCol = tg_column_count(pStmt);
  armWatchdog(pDb);
  while ((rc = tg_step(pStmt)) == TG_ROW) {
    if (o->nRow >= MAX_ROWS) {
      o->bTooBig = true;
      break;
    }
    Str s = {0};
    strAdd(&s, "%s", "");
    for (int i = 0; i < nCol; i++) {
      if (i) strAdd(&s, " | ");
      canonValue(pDb, &s, tg_column_value(pStmt, i));
    }
    if (o->nRow == nAlloc) {
      nAlloc = nAlloc ? nAlloc * 2 : 16;
      o->azRow = realloc(o->azRow, sizeof(char *) * (size_t)nAlloc);
      if (o->azRow == NULL) abort();
    }
    o->azRow[o->nRow++] = s.z;
  }
  armWatchdog(NULL);
  if (rc == TG_ERROR && tg_errcode(pDb) == TG_ERR_INTERRUPT) {
    o->bTooBig = true;
  } else if (rc == TG_ERROR) {
    o->bError = true;
    o->zError = strFmt("%s: %s", tg_errkind(pDb), tg_errmsg(pDb));
  }
  tg_finalize(pStmt);
}

static int cmpStr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Do two outcomes agree? Errors on both sides agree (evaluation order may
** pick a different first error); rows compare as multisets unless ordered. */
static bool outcomesAgree(Outcome *a, Outcome *b, bool bOrdered) {
  if (a->bTooBig || b->bTooBig) return true;
  if (a->bError || b->bError) return a->bError && b->bError;
  if (a->nRow != b->nRow) return false;
  if (!bOrdered && a->nRow > 1) {
    qsort(a->azRow, (size_t)a->nRow, sizeof(char *), cmpStr);
    qsort(b->azRow, (size_t)b->nRow, sizeof(char *), cmpStr);
  }
  for (int i = 0; i < a->nRow; i++) {
    if (strcmp(a->azRow[i], b->azRow[i]) != 0) return false;
  }
  return true;
}

/* The union of the three partitions (moves their rows into pAll). */
static void outcomeConcat(Outcome *pAll, Outcome *aPart, int nPart) {
  memset(pAll, 0, sizeof(*pAll));
  for (int i = 0; i < nPart; i++) {
    if (aPart[i].bError) pAll->bError = true;
    if (aPart[i].bTooBig) pAll->bTooBig = true;
    pAll->nRow += aPart[i].nRow;
  }
  pAll->azRow = malloc(sizeof(char *) * (size_t)(pAll->nRow + 1));
  int k = 0;
  for (int i = 0; i < nPart; i++) {
    for (int j = 0; j < aPart[i].nRow; j++) pAll->azRow[k++] = aPart[i].azRow[j];
    aPart[i].nRow = 0;
  }
  if (pAll->bError) pAll->zError = strDup("a partition failed");
}

/* A fingerprint of a whole graph, for the write oracle: every node's labels
** and properties and every relationship with its ends', in canonical rows. */
static const char zFingerprint[] =
    "MATCH (n) RETURN 'node', n:A, n:B, n:C, n:D, properties(n) "
    "UNION ALL MATCH (x)-[r]->(y) RETURN type(r), properties(r), properties(x), properties(y), "
    "x:A AND y:A, x:B AND y:B";

static void graphFingerprint(tg_db *pDb, Outcome *o) {
  tg_config_set(pDb, "planner.reference", 1);
  runQuery(pDb, zFingerprint, 0, o);
  tg_config_set(pDb, "planner.reference", 0);
}

/* ---- Cases ----------------------------------------------------------------- */

/* --show: print each statement with its reference row count. */
static bool bShow;

enum { OR_REF, OR_INDEX, OR_THREADS, OR_TLP, OR_WRITE, OR__COUNT };
static const char *const azOracle[] = {"ref", "index", "threads", "tlp", "write"};

typedef struct Stats {
  long nCase[OR__COUNT];       /* comparisons made */
  long nSkip[OR__COUNT];       /* too large, or failing both ways */
  long nMismatch[OR__COUNT];
  long nQuery;                 /* random statements generated */
} Stats;

/* Opens a database holding graph g (with its indexes when bIndexes). */
static tg_db *openGraph(const GraphSpec *g, bool bIndexes) {
  tg_db *pDb;
  tg_open(&pDb);
  tg_config_set(pDb, "threads", 1);
  char *z = graphScript(g, bIndexes);
  if (tg_exec(pDb, z, "graph") != TG_OK) {
    fprintf(stderr, "difftest: the graph failed to load: %s\n%s", tg_errmsg(pDb), z);
    abort();
  }
  free(z);
  return pDb;
}

/* Read-only oracles share one database per (graph, indexes): reading
** queries leave it as it was. Keyed by the script that built it. */
static struct {
  char *zScript;
  tg_db *pDb;
} aCache[2];

static tg_db *cachedGraph(const GraphSpec *g, bool bIndexes) {
  char *z = graphScript(g, bIndexes);
  int i = bIndexes;
  if (aCache[i].zScript && strcmp(aCache[i].zScript, z) == 0) {
    free(z);
  } else {
    if (aCache[i].pDb) tg_close(aCache[i].pDb);
    free(aCache[i].zScript);
    aCache[i].zScript = z;
    aCache[i].pDb = openGraph(g, bIndexes);
  }
  tg_config_set(aCache[i].pDb, "threads", 1);
  tg_config_set(aCache[i].pDb, "parallel.min_nodes", 0);
  tg_config_set(aCache[i].pDb, "planner.reference", 0);
  return aCache[i].pDb;
}

static void cacheClear(void) {
  for (int i = 0; i < 2; i++) {
    if (aCache[i].pDb) tg_close(aCache[i].pDb);
    free(aCache[i].zScript);
    aCache[i].pDb = NULL;
    aCache[i].zScript = NULL;
  }
}

/*
** Runs one oracle on (graph, query). Returns true when it holds (or was
** skipped); *pzWhy gets a description of a mismatch (caller frees).
*/
static bool checkCase(int eOracle, const GraphSpec *g, const Query *q, bool *pbSkipped, char **pzWhy) {
  *pbSkipped = false;
  if (pzWhy) *pzWhy = NULL;
  if (eOracle == OR_TLP) {
    /* shrinking may drop the partitioning chunk: nothing left to compare */
    bool bMark = false;
    for (int i = 0; i < q->nChunk; i++) bMark |= strchr(q->azChunk[i], TLP_MARK) != NULL;
    if (!bMark) {
      *pbSkipped = true;
      return true;
    }
  }
  char *zText = queryText(q, 0);
  Outcome ref, got;
  bool bOk = true;
  memset(&ref, 0, sizeof(ref));
  memset(&got, 0, sizeof(got));
  if (eOracle == OR_WRITE) {
    tg_db *pOpt = openGraph(g, true), *pRef = openGraph(g, false);
    tg_config_set(pRef, "planner.reference", 1);
    runQuery(pOpt, zText, q->iParam, &got);
    runQuery(pRef, zText, q->iParam, &ref);
    tg_config_set(pRef, "planner.reference", 0);
    if (bShow) printf("# [write] %s -> %s\n", zText, ref.bError ? ref.zError : "ok");
    bOk = outcomesAgree(&got, &ref, false);
    if (bOk && !got.bError) {
      Outcome fa, fb;
      graphFingerprint(pOpt, &fa);
      graphFingerprint(pRef, &fb);
      bOk = outcomesAgree(&fa, &fb, false);
      if (!bOk && pzWhy) *pzWhy = strFmt("the graphs differ after the write (%d against %d entities)", fa.nRow, fb.nRow);
      outcomeFree(&fa);
      outcomeFree(&fb);
    }
    if (got.bError && ref.bError) *pbSkipped = true;
    tg_close(pOpt);
    tg_close(pRef);
  } else {
    tg_db *pDb = cachedGraph(g, eOracle == OR_INDEX);
    if (bShow && eOracle == OR_REF) printf("# [%s] %s\n", azOracle[eOracle], zText);
    tg_config_set(pDb, "planner.reference", 1);
    runQuery(pDb, zText, q->iParam, &ref);
    tg_config_set(pDb, "planner.reference", 0);
    if (bShow && eOracle == OR_REF) {
      if (ref.bError) printf("#   -> %s\n", ref.zError);
      else printf("#   -> %d rows\n", ref.nRow);
    }
    if (eOracle == OR_THREADS) {
      tg_config_set(pDb, "threads", 3);
      tg_config_set(pDb, "parallel.min_nodes", 1);
    }
    if (eOracle == OR_TLP) {
      /* the partitions, optimized, against the plain query, reference */
      Outcome aPart[3];
      for (int i = 0; i < 3; i++) {
        char *zPart = queryText(q, i + 1);
        if (bShow) printf("# [tlp] %s\n", zPart);
        runQuery(pDb, zPart, q->iParam, &aPart[i]);
        free(zPart);
      }
      outcomeConcat(&got, aPart, 3);
      for (int i = 0; i < 3; i++) outcomeFree(&aPart[i]);
    } else {
      runQuery(pDb, zText, q->iParam, &got);
    }
    /* A partition may fail where the plain query does not (p itself can
    ** raise a type error): not comparable, so skipped. */
    if (eOracle == OR_TLP && got.bError && !ref.bError) {
      *pbSkipped = true;
    } else {
      bOk = outcomesAgree(&got, &ref, q->bOrdered && eOracle != OR_TLP);
      *pbSkipped = (got.bError && ref.bError) || got.bTooBig || ref.bTooBig;
    }
  }
  if (!bOk && pzWhy && *pzWhy == NULL) {
    Str s = {0};
    strAdd(&s, "optimized: ");
    if (got.bError) strAdd(&s, "%s", got.zError);
    else strAdd(&s, "%d rows", got.nRow);
    strAdd(&s, "; reference: ");
    if (ref.bError) strAdd(&s, "%s", ref.zError);
    else strAdd(&s, "%d rows", ref.nRow);
    for (int i = 0; i < got.nRow && i < 5; i++) strAdd(&s, "\n# //   optimized row: %s", got.azRow[i]);
    for (int i = 0; i < ref.nRow && i < 5; i++) strAdd(&s, "\n# //   reference row: %s", ref.azRow[i]);
    *pzWhy = s.z;
  }
  outcomeFree(&ref);
  outcomeFree(&got);
  free(zText);
  return bOk;
}

static bool stillFails(int eOracle, const GraphSpec *g, const Query *q) {
  bool bSkipped;
  return !checkCase(eOracle, g, q, &bSkipped, NULL);
}

/* The end of a removable span inside a chunk starting at z[i], or 0: a
** label or type expression (":A", ":A|B"), or a property map (" {...}"). */
static size_t spanEnd(const char *z, size_t i) {
  if (z[i] == ':' && z[i + 1] >= 'A' && z[i + 1] <= 'Z' && (i == 0 || z[i - 1] != ':')) {
    size_t j = i + 2;
    while (z[j] == '|' && z[j + 1] >= 'A' && z[j + 1] <= 'Z') j += 2;
    return j;
  }
  if (z[i] == ' ' && z[i + 1] == '{' && i > 0 && z[i - 1] != ')') {
    const char *zEnd = strchr(z + i, '}');
    return zEnd ? (size_t)(zEnd - z) + 1 : 0;
  }
  return 0;
}

/* Tries deleting each label, type and property map inside each chunk. */
static bool shrinkInsideChunks(int eOracle, const GraphSpec *g, Query *q) {
  bool bProgress = false;
  for (int c = 0; c < q->nChunk; c++) {
    for (size_t i = 0; q->azChunk[c][i]; i++) {
      size_t iEnd = spanEnd(q->azChunk[c], i);
      if (iEnd == 0) continue;
      char *zSaved = q->azChunk[c];
      q->azChunk[c] = strFmt("%.*s%s", (int)i, zSaved, zSaved + iEnd);
      if (stillFails(eOracle, g, q)) {
        free(zSaved);
        bProgress = true;
        i--;   /* look again at what moved here */
      } else {
        free(q->azChunk[c]);
        q->azChunk[c] = zSaved;
      }
    }
  }
  return bProgress;
}

/* Shrinks a failing case: drops relationships, nodes, indexes, query
** chunks and the labels and maps inside them, one at a time while the
** oracle still fails, until nothing more can go. */
static void shrinkCase(int eOracle, GraphSpec *g, Query *q) {
  bool bProgress = true;
  while (bProgress) {
    bProgress = shrinkInsideChunks(eOracle, g, q);
    /* runs of chunks, longest first (a UNION part goes only as a whole) */
    for (int nRun = 6; nRun >= 1; nRun--) {
      for (int i = 0; i + nRun <= q->nChunk; i++) {
        char *azSaved[6];
        memcpy(azSaved, &q->azChunk[i], sizeof(char *) * (size_t)nRun);
        memmove(&q->azChunk[i], &q->azChunk[i + nRun], sizeof(char *) * (size_t)(q->nChunk - i - nRun));
        q->nChunk -= nRun;
        if (stillFails(eOracle, g, q)) {
          for (int k = 0; k < nRun; k++) free(azSaved[k]);
          bProgress = true;
          i--;
          continue;
        }
        memmove(&q->azChunk[i + nRun], &q->azChunk[i], sizeof(char *) * (size_t)(q->nChunk - i));
        memcpy(&q->azChunk[i], azSaved, sizeof(char *) * (size_t)nRun);
        q->nChunk += nRun;
      }
    }
    for (int i = 0; i < g->nRel; i++) {
      if (!g->aRel[i].bLive) continue;
      g->aRel[i].bLive = false;
      if (stillFails(eOracle, g, q)) bProgress = true;
      else g->aRel[i].bLive = true;
    }
    for (int i = 0; i < g->nNode; i++) {
      if (!g->aNode[i].bLive) continue;
      g->aNode[i].bLive = false;
      if (stillFails(eOracle, g, q)) bProgress = true;
      else g->aNode[i].bLive = true;
    }
    for (int i = 0; i < N_INDEX; i++) {
      if (!(g->indexes & (1u << i))) continue;
      g->indexes &= ~(1u << i);
      if (stillFails(eOracle, g, q)) bProgress = true;
      else g->indexes |= 1u << i;
    }
  }
}

/* Prints a shrunk case as a tests/bugs file, commented as TAP diagnostics. */
static void printRepro(int eOracle, uint64_t seed, long iCase, const GraphSpec *g, const Query *q) {
  char *zWhy = NULL;
  bool bSkipped;
  checkCase(eOracle, g, q, &bSkipped, &zWhy);
  char *zGraph = graphScript(g, eOracle == OR_INDEX || eOracle == OR_WRITE);
  printf("# --- mismatch (oracle %s, seed %llu, case %ld); as tests/bugs/NAME.cypher:\n",
         azOracle[eOracle], (unsigned long long)seed, iCase);
  printf("# // tangle: --empty --format csv\n");
  printf("# // difftest --seed %llu, oracle %s: %s\n", (unsigned long long)seed, azOracle[eOracle],
         zWhy ? zWhy : "");
  for (char *z = zGraph; *z;) {
    char *zEnd = strchr(z, '\n');
    printf("# %.*s\n", (int)(zEnd ? zEnd - z : (long)strlen(z)), z);
    z = zEnd ? zEnd + 1 : z + strlen(z);
  }
  if (eOracle == OR_TLP) {
    for (int i = 1; i <= 3; i++) {
      char *zT = queryText(q, i);
      printf("# %s;\n", zT);
      free(zT);
    }
  }
  char *zText = queryText(q, 0);
  if (strstr(zText, "$p")) printf("# :param p => %d\n", q->iParam);
  printf("# %s;\n", zText);
  if (eOracle == OR_WRITE) printf("# %s;\n", zFingerprint);
  printf("# (expected output: the same file run with --reference-plan)\n");
  free(zText);
  free(zGraph);
  free(zWhy);
  fflush(stdout);
}

/* ---- Main ------------------------------------------------------------------ */

int main(int argc, char **argv) {
  uint64_t seed = 1;
  long nQueryMax = 2000;
  double maxSeconds = 0;
  bool bQuiet = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc) nQueryMax = atol(argv[++i]);
    else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) maxSeconds = atof(argv[++i]);
    else if (strcmp(argv[i], "--quiet") == 0) bQuiet = true;
    else if (strcmp(argv[i], "--show") == 0) bShow = true;
    else {
      fprintf(stderr, "usage: difftest [--seed N] [--queries N] [--seconds S] [--quiet] [--show]\n");
      return 2;
    }
  }
  rngState = seed;
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = onAlarm;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  Stats st;
  memset(&st, 0, sizeof(st));
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int nReported = 0;
  long iCase = 0;
  while (st.nQuery < nQueryMax) {
    if (maxSeconds > 0) {
      clock_gettime(CLOCK_MONOTONIC, &t1);
      if ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 > maxSeconds) break;
    }
    GraphSpec g;
    graphRandom(&g);
    if (bShow) {
      char *z = graphScript(&g, true);
      printf("# [graph] %s", z);
      free(z);
    }
    /* Several queries per graph; each is checked by every oracle that fits. */
    for (int iq = 0; iq < 8 && st.nQuery < nQueryMax; iq++, iCase++) {
      Query q;
      bool bWrite = chance(15);
      if (bWrite) writeRandom(&q);
      else queryRandom(&q);
      st.nQuery++;
      int aOracle[4], nOracle = 0;
      if (bWrite) {
        aOracle[nOracle++] = OR_WRITE;
      } else {
        aOracle[nOracle++] = OR_REF;
        if (g.indexes) aOracle[nOracle++] = OR_INDEX;
        aOracle[nOracle++] = OR_THREADS;
        if (q.bTlp) aOracle[nOracle++] = OR_TLP;
      }
      for (int k = 0; k < nOracle; k++) {
        int e = aOracle[k];
        bool bSkipped;
        st.nCase[e]++;
        if (checkCase(e, &g, &q, &bSkipped, NULL)) {
          if (bSkipped) st.nSkip[e]++;
          continue;
        }
        st.nMismatch[e]++;
        if (nReported++ < 3) {
          GraphSpec gs = g;
          Query qs;
          memset(&qs, 0, sizeof(qs));
          qs = q;
          for (int i = 0; i < q.nChunk; i++) qs.azChunk[i] = strDup(q.azChunk[i]);
          qs.zTlpPred = q.zTlpPred ? strDup(q.zTlpPred) : NULL;
          shrinkCase(e, &gs, &qs);
          printRepro(e, seed, iCase, &gs, &qs);
          queryFree(&qs);
        }
        break;   /* one report per query */
      }
      queryFree(&q);
    }
  }
  cacheClear();
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  long nMismatch = 0;
  for (int e = 0; e < OR__COUNT; e++) {
    nMismatch += st.nMismatch[e];
    printf("%s %d - difftest seed %llu oracle %s: %ld comparisons, %ld skipped, %ld mismatches\n",
           st.nMismatch[e] ? "not ok" : "ok", e + 1, (unsigned long long)seed, azOracle[e], st.nCase[e],
           st.nSkip[e], st.nMismatch[e]);
  }
  if (!bQuiet || nMismatch) {
    printf("# difftest: %ld random statements in %.1f s, %ld mismatches\n", st.nQuery, secs, nMismatch);
  }
  return nMismatch ? 1 : 0;
}
