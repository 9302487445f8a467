/*
** dump.c — the graph as a Cypher script that recreates it (see dump.h).
*/
#include "store/dump.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/intern.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "store/fulltext.h"
#include "store/index.h"
#include "store/valfmt.h"

#define DUMP_BATCH 500            /* rows per UNWIND statement */
#define DUMP_FLUSH (64 * 1024)    /* bytes gathered before each write */

typedef struct Dump {
  const Graph *g;
  DumpWriteFn xWrite;
  void *pArg;
  StrBuf out;
  bool bFailed;
} Dump;

/* Passes what is gathered to the writer once it is large, or when bAll. */
static void dumpFlush(Dump *d, bool bAll) {
  if (d->bFailed || (!bAll && d->out.n < DUMP_FLUSH) || d->out.n == 0) return;
  if (!d->xWrite(d->pArg, d->out.z, d->out.n)) d->bFailed = true;
  strbuf_truncate(&d->out, 0);
}

static void dumpName(Dump *d, const Intern *pNames, uint32_t id) {
  const char *z = intern_name(pNames, id);
  valfmt_name(&d->out, z, strlen(z), true);
}

/* The properties as a map literal. */
static void dumpProps(Dump *d, const PropList *pl) {
  strbuf_putc(&d->out, '{');
  for (uint32_t i = 0; pl && i < pl->n; i++) {
    if (i) strbuf_puts(&d->out, ", ");
    dumpName(d, &d->g->keys, pl->a[i].key);
    strbuf_puts(&d->out, ": ");
    valfmt_append(&d->out, &pl->a[i].v, d->g, VALFMT_QUOTE | VALFMT_EXPR);
  }
  strbuf_putc(&d->out, '}');
}

static int dumpCmpU64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int dumpCmpU32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* The id of n's set of labels (sorted ids, as text) in pSets. */
static uint32_t dumpLabelSet(const Graph *g, NodeId n, Intern *pSets) {
  uint32_t nLabel;
  const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
  uint32_t aSorted[64], *a = nLabel <= 64 ? aSorted : tg_malloc(sizeof(uint32_t) * nLabel);
  memcpy(a, aLabel, sizeof(uint32_t) * nLabel);
  qsort(a, nLabel, sizeof(uint32_t), dumpCmpU32);
  uint32_t id = intern_add(pSets, (const char *)a, nLabel * (uint32_t)sizeof(uint32_t));
  if (a != aSorted) tg_free(a);
  return id;
}

/* The nodes, grouped by their set of labels, each with its temporary key:
** its position in this order. aDumpId receives that key per node id. */
static void dumpNodes(Dump *d, uint32_t *aDumpId) {
  const Graph *g = d->g;
  Intern sets;
  intern_init(&sets);
  uint64_t *aOrder = tg_malloc(sizeof(uint64_t) * (g->nNodeSlot + 1));
  uint32_t nNode = 0;
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    if (!graph_node_exists(g, n)) continue;
    aOrder[nNode++] = (uint64_t)dumpLabelSet(g, n, &sets) << 32 | n;
  }
  qsort(aOrder, nNode, sizeof(uint64_t), dumpCmpU64);
  for (uint32_t i = 0; i < nNode; i++) {
    NodeId n = (NodeId)(aOrder[i] & 0xFFFFFFFFu);
    uint32_t iSet = (uint32_t)(aOrder[i] >> 32);
    bool bFirst = i == 0 || (uint32_t)(aOrder[i - 1] >> 32) != iSet || i % DUMP_BATCH == 0;
    bool bLast = i + 1 == nNode || (uint32_t)(aOrder[i + 1] >> 32) != iSet || (i + 1) % DUMP_BATCH == 0;
    aDumpId[n] = i;
    strbuf_puts(&d->out, bFirst ? "UNWIND [" : ",\n  ");
    strbuf_printf(&d->out, "{i: %u, p: ", i);
    dumpProps(d, graph_props(g, ENT_NODE, n));
    strbuf_putc(&d->out, '}');
    if (bLast) {
      strbuf_puts(&d->out, "] AS row CREATE (n:`" DUMP_TEMP_LABEL "`");
      uint32_t nLabel;
      const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
      for (uint32_t k = 0; k < nLabel; k++) {
        strbuf_putc(&d->out, ':');
        dumpName(d, &g->labels, aLabel[k]);
      }
      strbuf_puts(&d->out, " {`" DUMP_TEMP_KEY "`: row.i}) SET n += row.p;\n");
    }
    dumpFlush(d, false);
  }
  tg_free(aOrder);
  intern_free(&sets);
}

/* The relationships, grouped by type; their ends found by temporary key. */
static void dumpRels(Dump *d, const uint32_t *aDumpId) {
  const Graph *g = d->g;
  uint64_t *aOrder = tg_malloc(sizeof(uint64_t) * (g->nRelSlot + 1));
  uint32_t nRel = 0;
  for (RelId r = 0; r < g->nRelSlot; r++) {
    if (graph_rel_exists(g, r)) aOrder[nRel++] = (uint64_t)graph_rel(g, r)->type << 32 | r;
  }
  qsort(aOrder, nRel, sizeof(uint64_t), dumpCmpU64);
  for (uint32_t i = 0; i < nRel; i++) {
    RelId r = (RelId)(aOrder[i] & 0xFFFFFFFFu);
    const RelRec *pRec = graph_rel(g, r);
    bool bFirst = i == 0 || (uint32_t)(aOrder[i - 1] >> 32) != pRec->type || i % DUMP_BATCH == 0;
    bool bLast = i + 1 == nRel || (uint32_t)(aOrder[i + 1] >> 32) != pRec->type || (i + 1) % DUMP_BATCH == 0;
    strbuf_puts(&d->out, bFirst ? "UNWIND [" : ",\n  ");
    strbuf_printf(&d->out, "{s: %u, d: %u, p: ", aDumpId[pRec->src], aDumpId[pRec->dst]);
    dumpProps(d, graph_props(g, ENT_REL, r));
    strbuf_putc(&d->out, '}');
    if (bLast) {
      strbuf_puts(&d->out, "] AS row MATCH (a:`" DUMP_TEMP_LABEL "` {`" DUMP_TEMP_KEY "`: row.s}), (b:`"
                  DUMP_TEMP_LABEL "` {`" DUMP_TEMP_KEY "`: row.d}) CREATE (a)-[r:");
      dumpName(d, &g->types, pRec->type);
      strbuf_puts(&d->out, "]->(b) SET r += row.p;\n");
    }
    dumpFlush(d, false);
  }
  tg_free(aOrder);
}

/* The graph's own indexes and constraints, in the current syntax. */
static void dumpSchema(Dump *d) {
  const IndexSet *pSet = d->g->pIndexes;
  for (uint32_t i = 0; i < pSet->aIndex.n; i++) {
    const PropIndex *p = pSet->aIndex.a[i];
    bool bIndex = p->kind == IDX_RANGE || p->kind == IDX_TEXT || p->kind == IDX_POINT;
    strbuf_puts(&d->out, p->kind == IDX_TEXT    ? "CREATE TEXT INDEX "
                         : p->kind == IDX_POINT ? "CREATE POINT INDEX "
                         : bIndex               ? "CREATE INDEX "
                                                : "CREATE CONSTRAINT ");
    valfmt_name(&d->out, p->zName, strlen(p->zName), true);
    bool bRel = p->ent == ENT_REL;
    strbuf_puts(&d->out, bRel ? " FOR ()-[r:" : " FOR (n:");
    dumpName(d, bRel ? &d->g->types : &d->g->labels, p->label);
    if (bRel) strbuf_puts(&d->out, "]-(");
    strbuf_puts(&d->out, bIndex ? ") ON (" : p->keys.n > 1 ? ") REQUIRE (" : ") REQUIRE ");
    for (uint32_t k = 0; k < p->keys.n; k++) {
      strbuf_puts(&d->out, k ? (bRel ? ", r." : ", n.") : (bRel ? "r." : "n."));
      dumpName(d, &d->g->keys, p->keys.a[k]);
    }
    if (p->keys.n > 1 && !bIndex) strbuf_puts(&d->out, ")");
    if (bIndex) strbuf_puts(&d->out, ");\n");
    else if (p->kind == IDX_UNIQUE) strbuf_puts(&d->out, " IS UNIQUE;\n");
    else if (p->kind == IDX_KEY) strbuf_puts(&d->out, bRel ? " IS RELATIONSHIP KEY;\n" : " IS NODE KEY;\n");
    else if (p->kind == IDX_EXISTS) strbuf_puts(&d->out, " IS NOT NULL;\n");
    else strbuf_printf(&d->out, " IS :: %s;\n", p->zOptions);
  }
  for (uint32_t i = 0; i < fulltext_count(d->g); i++) {
    FulltextDef f;
    fulltext_def(d->g, i, &f);
    strbuf_puts(&d->out, "CREATE FULLTEXT INDEX ");
    valfmt_name(&d->out, f.zName, strlen(f.zName), true);
    strbuf_puts(&d->out, f.bRels ? " FOR ()-[r:" : " FOR (n:");
    for (uint32_t k = 0; k < f.nLabel; k++) {
      if (k) strbuf_puts(&d->out, "|");
      valfmt_name(&d->out, f.azLabel[k], strlen(f.azLabel[k]), true);
    }
    strbuf_puts(&d->out, f.bRels ? "]-() ON EACH [" : ") ON EACH [");
    for (uint32_t k = 0; k < f.nKey; k++) {
      strbuf_puts(&d->out, k ? (f.bRels ? ", r." : ", n.") : (f.bRels ? "r." : "n."));
      valfmt_name(&d->out, f.azKey[k], strlen(f.azKey[k]), true);
    }
    strbuf_printf(&d->out, "] OPTIONS {indexConfig: {`fulltext.analyzer`: '%s'}};\n", f.zAnalyzer);
  }
}

/* Does a node hold the temporary label or key already? */
static bool dumpNamesInUse(const Graph *g) {
  int32_t label = intern_find(&g->labels, DUMP_TEMP_LABEL, (uint32_t)strlen(DUMP_TEMP_LABEL));
  int32_t key = intern_find(&g->keys, DUMP_TEMP_KEY, (uint32_t)strlen(DUMP_TEMP_KEY));
  if (label < 0 && key < 0) return false;
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    if (!graph_node_exists(g, n)) continue;
    uint32_t nLabel;
    const uint32_t *aLabel = graph_node_labels(g, n, &nLabel);
    for (uint32_t k = 0; k < nLabel; k++) {
      if ((int64_t)aLabel[k] == label) return true;
    }
    const PropList *pl = graph_props(g, ENT_NODE, n);
    for (uint32_t k = 0; pl && k < pl->n; k++) {
      if ((int64_t)pl->a[k].key == key) return true;
    }
  }
  return false;
}

int dump_graph(const Graph *g, DumpWriteFn xWrite, void *pArg) {
  if (dumpNamesInUse(g)) return DUMP_NAME_IN_USE;
  Dump d = {g, xWrite, pArg, {0}, false};
  strbuf_init(&d.out);
  strbuf_printf(&d.out,
                "// A Tangle dump: %llu nodes, %llu relationships, %u indexes and constraints.\n"
                "// Run it on an empty graph, e.g. tangle --empty -f FILE.\n",
                (unsigned long long)g->nNodeLive, (unsigned long long)g->nRelLive,
                g->pIndexes->aIndex.n + fulltext_count(g));
  bool bAny = g->nNodeLive > 0;
  if (bAny) {
    strbuf_puts(&d.out, "CREATE CONSTRAINT `" DUMP_TEMP_KEY "` FOR (n:`" DUMP_TEMP_LABEL
                        "`) REQUIRE n.`" DUMP_TEMP_KEY "` IS UNIQUE;\n");
    uint32_t *aDumpId = tg_calloc(g->nNodeSlot + 1, sizeof(uint32_t));
    dumpNodes(&d, aDumpId);
    dumpRels(&d, aDumpId);
    tg_free(aDumpId);
    strbuf_puts(&d.out, "MATCH (n:`" DUMP_TEMP_LABEL "`) REMOVE n:`" DUMP_TEMP_LABEL "`, n.`"
                        DUMP_TEMP_KEY "`;\nDROP CONSTRAINT `" DUMP_TEMP_KEY "`;\n");
  }
  dumpSchema(&d);
  dumpFlush(&d, true);
  strbuf_free(&d.out);
  return d.bFailed ? DUMP_WRITE_FAILED : DUMP_OK;
}
