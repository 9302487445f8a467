/*
** test_render.c — RENDER and tg_render(): the DOT a query produces is read
** back with cgraph (agmemread) and checked node by node and edge by edge:
** captions, shapes and colours per label, edge labels with their key
** property written for people, contradicted claims in red, tooltips, the
** legend; duplicates merged across paths and lists; the layout chosen by
** size; SVG, PNG, PDF and JSON bytes; the ids n<id> and r<id>; files
** written atomically; tg_render's options; and every error (unknown
** format, layout or direction, unwritable path, nothing to draw, over the
** cap, non-constant options) with its kind.
**
** The graph is small and built through the API in the group setup.
*/
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <cgraph.h>

#include "tangle.h"

static tg_db *pTestDb;

static const char *zTestGraph =
    "CREATE (m:Person {name: 'Elon Musk', aliases: ['إيلون ماسك', 'イーロン・マスク']}),"
    "       (x:Firm {name: 'X', former_name: 'Twitter'}),"
    "       (xai:Firm {name: 'xAI'}),"
    "       (t:Firm {name: 'Tesla'}),"
    "       (h:Chip {name: 'H100'}),"
    "       (c:Claim {id: 'claim-h100', text: 'Tesla will raise its number of active H100 "
    "GPUs from 35,000 to 85,000 by the end of 2024, and keep adding more of them "
    "through the next year'}),"
    "       (c2:Claim {id: 'claim-plain', text: 'An uncontested claim'}),"
    "       (e:Document {name: 'Nvidia late-April email'}),"
    "       (g:Gadget {name: 'Widget'}),"
    "       (ar:Person {name: 'ماسك'}),"
    "       (ja:Person {name: 'イーロン・マスク'}),"
    "       (bs:Firm {name: 'Back\\\\slash \\\\N'}),"
    "       (m)-[:OWNS {stake: 0.25}]->(xai),"
    "       (m)-[:ACQUIRED {price_usd: 44000000000, year: 2022}]->(x),"
    "       (x)-[:OWNS {stake: 0.25, qualifier: 'about', status: 'planned'}]->(xai),"
    "       (t)-[:SHIPPED {units: 12000, date: date('2024-04-28')}]->(x),"
    "       (h)-[:DELAYED {value_usd: 500000000, qualifier: 'more than'}]->(t),"
    "       (e)-[:CONTRADICTS {quote: 'conflicts with bookings'}]->(c),"
    "       (m)-[:MADE]->(c),"
    "       (m)-[:MADE]->(c2),"
    "       (ar)-[:KNOWS]->(ja),"
    "       (g)-[:PART_OF]->(t)";

static int renderTestSetup(void **pState) {
  (void)pState;
  tg_open(&pTestDb);
  if (tg_exec(pTestDb, zTestGraph, NULL) != TG_OK) {
    fprintf(stderr, "setup: %s\n", tg_errmsg(pTestDb));
    return -1;
  }
  return 0;
}

static int renderTestTeardown(void **pState) {
  (void)pState;
  tg_close(pTestDb);
  return 0;
}

/* ---- Running queries ------------------------------------------------------ */

/* Bytes of one rendered result, malloc'd (NUL added), and their length. */
typedef struct Rendered {
  char *z;
  int n;
} Rendered;

/*
** Runs a RENDER query with optional string parameter $p and returns the
** first column of its one row. Fails the test if the query fails.
*/
static Rendered renderRun(const char *zQuery, const char *zParam) {
  Rendered r = {NULL, 0};
  tg_stmt *pStmt = NULL;
  if (tg_prepare(pTestDb, zQuery, -1, &pStmt, NULL) != TG_OK) {
    fail_msg("prepare %s: %s", zQuery, tg_errmsg(pTestDb));
  }
  assert_true(tg_stmt_is_render(pStmt));
  if (zParam) tg_bind_text(pStmt, "p", zParam, -1);
  int rc = tg_step(pStmt);
  if (rc != TG_ROW) fail_msg("step %s: %s", zQuery, tg_errmsg(pTestDb));
  r.n = tg_column_bytes(pStmt, 0);
  r.z = malloc((size_t)r.n + 1);
  memcpy(r.z, tg_column_text(pStmt, 0), (size_t)r.n);
  r.z[r.n] = 0;
  assert_int_equal(tg_step(pStmt), TG_DONE);
  tg_finalize(pStmt);
  return r;
}

/*
** Runs zQuery expecting an error of kind zKind (at prepare or at step).
** Returns 1 if the error was raised while compiling, 0 while running.
*/
static int renderRunFails(const char *zQuery, const char *zParam, const char *zKind,
                          const char *zMsgPart) {
  tg_stmt *pStmt = NULL;
  int bCompile = 1;
  if (tg_prepare(pTestDb, zQuery, -1, &pStmt, NULL) == TG_OK) {
    bCompile = 0;
    if (zParam) tg_bind_text(pStmt, "p", zParam, -1);
    int rc = tg_step(pStmt);
    tg_finalize(pStmt);
    if (rc != TG_ERROR) fail_msg("expected %s from %s", zKind, zQuery);
  }
  if (strcmp(tg_errkind(pTestDb), zKind) != 0 || strstr(tg_errmsg(pTestDb), zMsgPart) == NULL) {
    fail_msg("%s: got %s: %s", zQuery, tg_errkind(pTestDb), tg_errmsg(pTestDb));
  }
  return bCompile;
}

/* ---- Reading the DOT back --------------------------------------------------- */

/* cgraph 2.42 takes char *: the casts stay here. agAttr may return NULL;
** agGet returns "" for a missing attribute. */
static char *agAttr(void *pObj, const char *zName) { return agget(pObj, (char *)zName); }
static const char *agGet(void *pObj, const char *zName) {
  const char *z = agAttr(pObj, zName);
  return z ? z : "";
}

/* The node whose label is zLabel, or NULL. */
static Agnode_t *agFindNode(Agraph_t *g, const char *zLabel) {
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
    if (strcmp(agGet(n, "label"), zLabel) == 0) return n;
  }
  return NULL;
}

/* The edge from the node captioned zTail whose label starts with zPrefix. */
static Agedge_t *agFindEdge(Agraph_t *g, const char *zTail, const char *zPrefix) {
  Agnode_t *n = agFindNode(g, zTail);
  if (n == NULL) return NULL;
  for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
    if (strncmp(agGet(e, "label"), zPrefix, strlen(zPrefix)) == 0) return e;
  }
  return NULL;
}

static Agraph_t *readDot(const Rendered *r) {
  assert_true(r->n > 0);
  assert_true(strncmp(r->z, "digraph", 7) == 0);
  Agraph_t *g = agmemread(r->z);
  assert_non_null(g);
  return g;
}

/* ---- Nodes, edges, captions, styles ---------------------------------------- */

static void test_nodes_edges_and_styles(void **pState) {
  (void)pState;
  Rendered r =
      renderRun("MATCH (m:Person {name: 'Elon Musk'})-[o:OWNS|ACQUIRED]->(f) RENDER o", NULL);
  Agraph_t *g = readDot(&r);
  /* Two OWNS/ACQUIRED relationships bring their three end nodes. */
  assert_int_equal(agnnodes(g), 3);
  assert_int_equal(agnedges(g), 2);
  Agnode_t *m = agFindNode(g, "Elon Musk");
  Agnode_t *x = agFindNode(g, "X");
  Agnode_t *xai = agFindNode(g, "xAI");
  assert_non_null(m);
  assert_non_null(x);
  assert_non_null(xai);
  /* One shape and colour per label. */
  assert_string_equal(agGet(m, "shape"), "ellipse");
  assert_string_equal(agGet(m, "fillcolor"), "#dbeafe");
  assert_string_equal(agGet(x, "shape"), "box");
  assert_string_equal(agGet(x, "style"), "rounded,filled");
  assert_string_equal(agGet(x, "fillcolor"), agGet(xai, "fillcolor"));
  assert_string_not_equal(agGet(x, "fillcolor"), agGet(m, "fillcolor"));
  /* Fonts that cover Arabic and Japanese. */
  assert_non_null(strstr(agGet(m, "fontname"), "Noto Naskh Arabic"));
  assert_non_null(strstr(agGet(m, "fontname"), "Noto Sans CJK JP"));
  /* Tooltips hold every property, including the non-Latin aliases. */
  const char *zTip = agGet(m, "tooltip");
  assert_non_null(strstr(zTip, ":Person"));
  assert_non_null(strstr(zTip, "name: Elon Musk"));
  assert_non_null(strstr(zTip, "إيلون ماسك"));
  assert_non_null(strstr(zTip, "イーロン・マスク"));
  /* Edges: type and key property. */
  Agedge_t *pOwns = agFindEdge(g, "Elon Musk", "OWNS");
  assert_non_null(pOwns);
  assert_string_equal(agGet(pOwns, "label"), "OWNS\\n25%");
  assert_ptr_equal(aghead(pOwns), xai);
  assert_non_null(strstr(agGet(pOwns, "tooltip"), "stake: 0.25"));
  Agedge_t *pAcq = agFindEdge(g, "Elon Musk", "ACQUIRED");
  assert_non_null(pAcq);
  assert_string_equal(agGet(pAcq, "label"), "ACQUIRED\\n$44B · 2022");
  /* The default layout for a small picture is dot, left to right. */
  assert_string_equal(agGet(g, "layout"), "dot");
  assert_string_equal(agGet(g, "rankdir"), "LR");
  agclose(g);
  free(r.z);
}

static void test_key_properties_for_people(void **pState) {
  (void)pState;
  Rendered r = renderRun("MATCH ()-[r:OWNS|SHIPPED|DELAYED]->() RENDER r", NULL);
  Agraph_t *g = readDot(&r);
  Agedge_t *e = agFindEdge(g, "X", "OWNS");
  assert_non_null(e);
  assert_string_equal(agGet(e, "label"), "OWNS\\nabout 25% (planned)");
  e = agFindEdge(g, "Tesla", "SHIPPED");
  assert_non_null(e);
  assert_string_equal(agGet(e, "label"), "SHIPPED\\n12,000 · 28 Apr 2024");
  e = agFindEdge(g, "H100", "DELAYED");
  assert_non_null(e);
  assert_string_equal(agGet(e, "label"), "DELAYED\\nmore than $500M");
  agclose(g);
  free(r.z);
}

static void test_contradicted_claims_stand_out(void **pState) {
  (void)pState;
  Rendered r = renderRun("MATCH p = (:Person {name: 'Elon Musk'})-[:MADE]->(:Claim) "
                         "OPTIONAL MATCH q = (:Document)-[:CONTRADICTS]->(:Claim) "
                         "RENDER p, q", NULL);
  Agraph_t *g = readDot(&r);
  assert_int_equal(agnnodes(g), 4);
  assert_int_equal(agnedges(g), 3);
  Agnode_t *pPlain = agFindNode(g, "An uncontested claim");
  assert_non_null(pPlain);
  assert_string_equal(agGet(pPlain, "color"), "#be185d");
  assert_string_equal(agGet(pPlain, "style"), "filled,dashed");
  /* The contradicted claim: red and thick, whatever its caption. */
  Agnode_t *pContra = NULL;
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
    if (strstr(agGet(n, "tooltip"), "claim-h100")) pContra = n;
  }
  assert_non_null(pContra);
  assert_string_equal(agGet(pContra, "color"), "#dc2626");
  assert_string_equal(agGet(pContra, "penwidth"), "3");
  assert_non_null(strstr(agGet(pContra, "tooltip"), "contradicted"));
  Agedge_t *e = agFindEdge(g, "Nvidia late-April email", "CONTRADICTS");
  assert_non_null(e);
  assert_string_equal(agGet(e, "color"), "#dc2626");
  assert_string_equal(agGet(e, "style"), "bold");
  /* Long text is wrapped into at most four lines and shortened with "…". */
  const char *zCap = agGet(pContra, "label");
  assert_non_null(strstr(zCap, "…"));
  int nLine = 1;
  for (const char *z = zCap; (z = strstr(z, "\\n")) != NULL; z += 2) nLine++;
  assert_int_equal(nLine, 4);
  assert_true(strncmp(zCap, "Tesla will raise its", 20) == 0);
  agclose(g);
  free(r.z);
}

static void test_legend_lists_what_is_drawn(void **pState) {
  (void)pState;
  Rendered r = renderRun("MATCH p = (:Person {name: 'Elon Musk'})-[:MADE]->(:Claim)"
                         "<-[:CONTRADICTS]-() "
                         "RENDER p OPTIONS {title: 'Claims & emails'}", NULL);
  Agraph_t *g = readDot(&r);
  char *zLegend = agAttr(g, "label");
  assert_non_null(zLegend);
  assert_true(aghtmlstr(zLegend));
  assert_non_null(strstr(zLegend, "Claims &amp; emails"));
  assert_non_null(strstr(zLegend, "● Person<"));
  assert_non_null(strstr(zLegend, "■ Document<"));
  assert_non_null(strstr(zLegend, "■ Claim, contradicted<"));
  assert_non_null(strstr(zLegend, "━ MADE<"));
  assert_non_null(strstr(zLegend, "━ CONTRADICTS<"));
  /* Only what is drawn: no Firm, no OWNS, and no plain Claim (the one
  ** claim drawn is contradicted). */
  assert_null(strstr(zLegend, "Firm<"));
  assert_null(strstr(zLegend, "OWNS<"));
  assert_null(strstr(zLegend, "■ Claim<"));
  agclose(g);
  free(r.z);

  /* Without a legend the title is a plain label. */
  r = renderRun("MATCH (n:Firm {name: 'X'}) RENDER n OPTIONS {legend: false, title: 'Just X'}",
                NULL);
  g = readDot(&r);
  assert_false(aghtmlstr(agAttr(g, "label")));
  assert_string_equal(agGet(g, "label"), "Just X");
  agclose(g);
  free(r.z);
}

static void test_other_labels_use_the_palette(void **pState) {
  (void)pState;
  Rendered r = renderRun("MATCH (g:Gadget) RENDER g", NULL);
  Rendered r2 = renderRun("MATCH p = (:Gadget)-->() RENDER p", NULL);
  Agraph_t *g = readDot(&r), *g2 = readDot(&r2);
  Agnode_t *n = agFindNode(g, "Widget"), *n2 = agFindNode(g2, "Widget");
  assert_non_null(n);
  assert_non_null(n2);
  assert_string_equal(agGet(n, "shape"), "box");
  assert_string_equal(agGet(n, "fillcolor"), agGet(n2, "fillcolor"));
  assert_true(agGet(n, "fillcolor")[0] == '#');
  agclose(g);
  agclose(g2);
  free(r.z);
  free(r2.z);
}

static void test_duplicates_merged_across_values(void **pState) {
  (void)pState;
  /* The same path three ways, its nodes again, and a list of lists. */
  Rendered r = renderRun("MATCH p = (:Person {name: 'Elon Musk'})-[:OWNS]->(:Firm)"
                         "<-[:OWNS]-(:Firm) "
                         "WITH collect(p) AS ps "
                         "RENDER ps, ps[0], [nodes(ps[0]), [relationships(ps[0])]], {k: ps}", NULL);
  Agraph_t *g = readDot(&r);
  assert_int_equal(agnnodes(g), 3);
  assert_int_equal(agnedges(g), 2);
  agclose(g);
  free(r.z);
  /* Rows are gathered across the whole input. */
  r = renderRun("MATCH (f:Firm) RENDER f", NULL);
  g = readDot(&r);
  assert_int_equal(agnnodes(g), 4);
  assert_int_equal(agnedges(g), 0);
  agclose(g);
  free(r.z);
}

static void test_escapes_survive(void **pState) {
  (void)pState;
  /* A name with backslashes must not become Graphviz escapes (\N is the
  ** node's id) in either the label or the tooltip. */
  Rendered r = renderRun("MATCH (n:Firm) WHERE n.name STARTS WITH 'Back' RENDER n AS 'svg'", NULL);
  assert_non_null(strstr(r.z, ">Back\\slash \\N<"));
  assert_non_null(strstr(r.z, "name: Back\\slash \\N"));
  free(r.z);
}

/* ---- Formats, fonts, layouts -------------------------------------------------- */

static void test_svg_png_pdf(void **pState) {
  (void)pState;
  Rendered r = renderRun("MATCH p = (:Person)-[:KNOWS]->(:Person) RENDER p AS 'svg'", NULL);
  assert_true(r.n > 500);
  assert_non_null(strstr(r.z, "<svg"));
  assert_non_null(strstr(r.z, "ماسك"));
  assert_non_null(strstr(r.z, "イーロン・マスク"));
  /* The text elements name the families fontconfig resolves for Arabic and
  ** Japanese, so a browser falls back to them too. */
  assert_non_null(strstr(r.z, "font-family=\"Noto Sans,Noto Naskh Arabic,Noto Sans CJK JP\""));
  /* Tooltips (SVG <a xlink:title>) carry the properties. */
  assert_non_null(strstr(r.z, "xlink:title=\":Person · node"));
  free(r.z);

  r = renderRun("MATCH p = (:Person)-[:KNOWS]->(:Person) RENDER p AS 'png'", NULL);
  assert_true(r.n > 1000);
  assert_memory_equal(r.z, "\x89PNG\r\n\x1a\n", 8);
  free(r.z);

  r = renderRun("MATCH p = (:Person)-[:KNOWS]->(:Person) RENDER p AS 'pdf'", NULL);
  assert_true(r.n > 500);
  assert_memory_equal(r.z, "%PDF", 4);
  free(r.z);
}

static void test_layouts_and_direction(void **pState) {
  (void)pState;
  static const char *azLayout[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};
  char zQuery[200];
  for (size_t i = 0; i < sizeof(azLayout) / sizeof(azLayout[0]); i++) {
    snprintf(zQuery, sizeof(zQuery),
             "MATCH p = (:Person {name: 'Elon Musk'})-->() RENDER p AS 'svg' USING '%s'",
             azLayout[i]);
    Rendered r = renderRun(zQuery, NULL);
    assert_non_null(strstr(r.z, "</svg>"));
    free(r.z);
  }
  Rendered r = renderRun(
      "MATCH p = (:Person {name: 'Elon Musk'})-->() RENDER p DIRECTION 'top-to-bottom'", NULL);
  Agraph_t *g = readDot(&r);
  assert_string_equal(agGet(g, "rankdir"), "TB");
  agclose(g);
  free(r.z);
  /* Options may be parameters. */
  r = renderRun("MATCH (n:Chip) RENDER n USING $p", "NEATO");
  g = readDot(&r);
  assert_string_equal(agGet(g, "layout"), "neato");
  assert_string_equal(agGet(g, "overlap"), "false");
  agclose(g);
  free(r.z);
}

static void test_big_pictures_use_sfdp(void **pState) {
  (void)pState;
  tg_db *pSave = pTestDb;
  tg_open(&pTestDb);
  assert_int_equal(tg_exec(pTestDb,
                           "UNWIND range(1, 160) AS i CREATE (:Item {name: 'item ' + toString(i)})",
                           NULL),
                   TG_OK);
  Rendered r = renderRun("MATCH (n:Item) RENDER n", NULL);
  Agraph_t *g = readDot(&r);
  assert_int_equal(agnnodes(g), 160);
  assert_string_equal(agGet(g, "layout"), "sfdp");
  agclose(g);
  free(r.z);
  r = renderRun("MATCH (n:Item) RENDER n USING 'dot'", NULL);
  g = readDot(&r);
  assert_string_equal(agGet(g, "layout"), "dot");
  agclose(g);
  free(r.z);
  /* The cap: the setting, and OPTIONS above it. */
  assert_int_equal(tg_config_set(pTestDb, "render.max_nodes", 100), TG_OK);
  renderRunFails("MATCH (n:Item) RENDER n", NULL, "ResourceLimit", "more than 100 nodes");
  r = renderRun("MATCH (n:Item) RENDER n OPTIONS {maxNodes: 1000}", NULL);
  free(r.z);
  renderRunFails("MATCH (n:Item) RENDER n OPTIONS {maxNodes: 5}", NULL, "ResourceLimit",
                 "OPTIONS maxNodes");
  tg_close(pTestDb);
  pTestDb = pSave;
}

/* ---- Files ------------------------------------------------------------------ */

/* Counts directory entries other than . and .. */
static int countEntries(const char *zDir) {
  DIR *d = opendir(zDir);
  assert_non_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  closedir(d);
  return n;
}

static void test_files_are_written_atomically(void **pState) {
  (void)pState;
  char zDir[] = "/tmp/tangle-render-XXXXXX";
  assert_non_null(mkdtemp(zDir));
  char zFile[256], zQuery[512];
  snprintf(zFile, sizeof(zFile), "%s/x-xai.svg", zDir);
  snprintf(zQuery, sizeof(zQuery),
           "MATCH p = (:Person {name: 'Elon Musk'})-[:OWNS]->(:Firm {name: 'xAI'}) "
           "RENDER p TO '%s'",
           zFile);
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pTestDb, zQuery, -1, &pStmt, NULL), TG_OK);
  assert_int_equal(tg_column_count(pStmt), 4);
  assert_string_equal(tg_column_name(pStmt, 0), "file");
  assert_string_equal(tg_column_name(pStmt, 3), "relationships");
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_string_equal(tg_column_text(pStmt, 0), zFile);
  assert_string_equal(tg_column_text(pStmt, 1), "svg");
  assert_int_equal(tg_column_int(pStmt, 2), 2);
  assert_int_equal(tg_column_int(pStmt, 3), 1);
  assert_int_equal(tg_step(pStmt), TG_DONE);
  tg_finalize(pStmt);
  struct stat st;
  assert_int_equal(stat(zFile, &st), 0);
  assert_true(st.st_size > 500);
  FILE *f = fopen(zFile, "rb");
  char zHead[6] = {0};
  assert_int_equal(fread(zHead, 1, 5, f), 5);
  fclose(f);
  assert_string_equal(zHead, "<?xml");
  assert_int_equal(countEntries(zDir), 1);   /* no temporary file left */

  /* A directory in the way, and a missing directory: IOError naming the
  ** path, no file and no temporary left behind. */
  char zSub[300];
  snprintf(zSub, sizeof(zSub), "%s/sub.svg", zDir);
  assert_int_equal(mkdir(zSub, 0755), 0);
  snprintf(zQuery, sizeof(zQuery), "MATCH (n:Chip) RENDER n TO '%s'", zSub);
  renderRunFails(zQuery, NULL, "IOError", zSub);
  assert_int_equal(countEntries(zDir), 2);
  assert_int_equal(countEntries(zSub), 0);
  snprintf(zQuery, sizeof(zQuery), "MATCH (n:Chip) RENDER n TO '%s/missing/x.png'", zDir);
  renderRunFails(zQuery, NULL, "IOError", "No such file or directory");
  rmdir(zSub);
  unlink(zFile);
  rmdir(zDir);
}

/* ---- Errors ----------------------------------------------------------------- */

static void test_errors(void **pState) {
  (void)pState;
  /* Literal options are checked when the query is compiled. */
  assert_int_equal(renderRunFails("MATCH (n:Chip) RENDER n AS 'gif'", NULL, "ArgumentError",
                                  "unknown RENDER format 'gif'"), 1);
  assert_int_equal(renderRunFails("MATCH (n:Chip) RENDER n USING 'spring'", NULL, "ArgumentError",
                                  "unknown RENDER layout 'spring'"), 1);
  renderRunFails("MATCH (n:Chip) RENDER n DIRECTION 'up'", NULL, "ArgumentError",
                 "unknown RENDER direction");
  renderRunFails("MATCH (n:Chip) RENDER n USING 'neato' DIRECTION 'TB'", NULL, "ArgumentError",
                 "dot layout only");
  renderRunFails("MATCH (n:Chip) RENDER n TO '/tmp/picture.txt'", NULL, "ArgumentError",
                 "cannot tell the format");
  renderRunFails("MATCH (n:Chip) RENDER n OPTIONS {colour: 'red'}", NULL, "ArgumentError",
                 "unknown RENDER option 'colour'");
  renderRunFails("MATCH (n:Chip) RENDER n TO n.name", NULL, "SyntaxError", "constant");
  renderRunFails("MATCH (n:Chip) RENDER n AS 42", NULL, "SyntaxError", "expects a string");
  renderRunFails("RENDER 'just text'", NULL, "SyntaxError", "not STRING");
  renderRunFails("MATCH (n:Chip) RENDER count(n)", NULL, "SyntaxError", "");
  /* Parameters are checked when the query runs. */
  assert_int_equal(renderRunFails("MATCH (n:Chip) RENDER n AS $p", "gif", "ArgumentError",
                                  "unknown RENDER format 'gif'"), 0);
  renderRunFails("MATCH (n:Chip) RENDER n OPTIONS {maxNodes: 0}", NULL, "ArgumentError",
                 "positive integer");
  /* Nothing graph-like. */
  renderRunFails("MATCH (n:Chip) RENDER n.name", NULL, "ArgumentError", "nothing to draw");
  renderRunFails("MATCH (n:NoSuchLabel) RENDER n", NULL, "ArgumentError", "nothing to draw");
  /* RENDER ends the query. */
  renderRunFails("MATCH (n:Chip) RENDER n RETURN n", NULL, "SyntaxError", "");
}

/* ---- The C API ---------------------------------------------------------------- */

static void test_c_api(void **pState) {
  (void)pState;
  tg_stmt *pStmt = NULL;
  const char *zQuery = "MATCH p = (:Person {name: 'Elon Musk'})-[:OWNS]->(f) RETURN p, f";
  assert_int_equal(tg_prepare(pTestDb, zQuery, -1, &pStmt, NULL), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  const tg_value *apVal[3] = {tg_column_value(pStmt, 0), tg_column_value(pStmt, 1), NULL};
  char *z = NULL;
  int n = 0;
  assert_int_equal(tg_render(pTestDb, apVal, 3, NULL, &z, &n), TG_OK);
  assert_true(n > 0 && (int)strlen(z) == n);
  Rendered r = {z, n};
  Agraph_t *g = readDot(&r);
  assert_int_equal(agnnodes(g), 2);
  assert_int_equal(agnedges(g), 1);
  agclose(g);
  tg_free(z);

  tg_render_opts opts = {.zFormat = "svg", .zLayout = "neato"};
  assert_int_equal(tg_render(pTestDb, apVal, 2, &opts, &z, &n), TG_OK);
  assert_non_null(strstr(z, "</svg>"));
  tg_free(z);

  tg_render_opts bad = {.zLayout = "spring"};
  assert_int_equal(tg_render(pTestDb, apVal, 2, &bad, &z, &n), TG_ERROR);
  assert_string_equal(tg_errkind(pTestDb), "ArgumentError");
  assert_null(z);
  assert_int_equal(tg_render(pTestDb, apVal + 2, 1, NULL, &z, &n), TG_ERROR);
  assert_non_null(strstr(tg_errmsg(pTestDb), "nothing to draw"));

  char zFile[] = "/tmp/tangle-render-api-XXXXXX.png";
  int fd = mkstemps(zFile, 4);
  assert_true(fd >= 0);
  close(fd);
  tg_render_opts toFile = {.zFile = zFile};
  assert_int_equal(tg_render(pTestDb, apVal, 2, &toFile, NULL, NULL), TG_OK);
  FILE *f = fopen(zFile, "rb");
  unsigned char aMagic[4] = {0};
  assert_int_equal(fread(aMagic, 1, 4, f), 4);
  fclose(f);
  assert_memory_equal(aMagic, "\x89PNG", 4);
  unlink(zFile);
  tg_finalize(pStmt);
}

/* AS 'json', the ids every node and edge carries, and tg_render's
** OPTIONS fields (title, legend, caps). */
static void test_json_ids_and_options(void **pState) {
  (void)pState;
  Rendered r = renderRun("MATCH p = (:Person {name: 'Elon Musk'})-[:OWNS]->() RENDER p AS 'json'", NULL);
  assert_true(r.n > 0 && r.z[0] == '{');
  assert_non_null(strstr(r.z, "\"bb\": \"0,0,"));
  assert_non_null(strstr(r.z, "\"pos\": \"e,"));   /* an edge's spline */
  assert_non_null(strstr(r.z, "\"label\": \"xAI\""));
  assert_null(strstr(r.z, "\"_draw_\""));          /* positions, no drawing operations */
  free(r.z);

  /* Each node is named and identified n<id>, each edge keyed and identified r<id>. */
  r = renderRun("MATCH p = (:Person {name: 'Elon Musk'})-[:OWNS]->() RENDER p", NULL);
  Agraph_t *g = readDot(&r);
  int nEdge = 0;
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
    assert_string_equal(agGet(n, "id"), agnameof(n));
    assert_int_equal(agnameof(n)[0], 'n');
    for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
      assert_string_equal(agGet(e, "id"), agnameof(e));
      assert_int_equal(agnameof(e)[0], 'r');
      nEdge++;
    }
  }
  assert_int_equal(nEdge, 1);
  agclose(g);
  free(r.z);
  r = renderRun("MATCH p = (:Person {name: 'Elon Musk'})-[:OWNS]->() RENDER p AS 'svg'", NULL);
  assert_non_null(strstr(r.z, "<g id=\"n0\" class=\"node\">"));
  assert_non_null(strstr(r.z, "<g id=\"r0\" class=\"edge\">"));
  free(r.z);

  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pTestDb, "MATCH (n:Firm) RETURN n", -1, &pStmt, NULL), TG_OK);
  const tg_value *apVal[8];
  int nVal = 0;
  while (nVal < 8 && tg_step(pStmt) == TG_ROW) apVal[nVal++] = tg_value_dup(tg_column_value(pStmt, 0));
  assert_int_equal(nVal, 4);
  char *z = NULL;
  int n = 0;
  tg_render_opts o = {.zTitle = "Firms <all>", .bNoLegend = 1};
  assert_int_equal(tg_render(pTestDb, apVal, nVal, &o, &z, &n), TG_OK);
  Rendered rr = {z, n};
  g = readDot(&rr);
  assert_string_equal(agGet(g, "label"), "Firms <all>");   /* plain title, no legend table */
  agclose(g);
  tg_free(z);
  o.bNoLegend = 0;
  o.zFormat = "json";
  assert_int_equal(tg_render(pTestDb, apVal, nVal, &o, &z, &n), TG_OK);
  assert_non_null(strstr(z, "Firms &lt;all&gt;"));   /* the title heads the legend */
  tg_free(z);
  tg_render_opts cap = {.nMaxNodes = 3};
  assert_int_equal(tg_render(pTestDb, apVal, nVal, &cap, &z, &n), TG_ERROR);
  assert_string_equal(tg_errkind(pTestDb), "ResourceLimit");
  assert_non_null(strstr(tg_errmsg(pTestDb), "more than 3 nodes (the limit set by OPTIONS maxNodes)"));
  for (int i = 0; i < nVal; i++) tg_value_free((tg_value *)apVal[i]);
  tg_finalize(pStmt);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_nodes_edges_and_styles),
      cmocka_unit_test(test_key_properties_for_people),
      cmocka_unit_test(test_contradicted_claims_stand_out),
      cmocka_unit_test(test_legend_lists_what_is_drawn),
      cmocka_unit_test(test_other_labels_use_the_palette),
      cmocka_unit_test(test_duplicates_merged_across_values),
      cmocka_unit_test(test_escapes_survive),
      cmocka_unit_test(test_svg_png_pdf),
      cmocka_unit_test(test_layouts_and_direction),
      cmocka_unit_test(test_big_pictures_use_sfdp),
      cmocka_unit_test(test_files_are_written_atomically),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_c_api),
      cmocka_unit_test(test_json_ids_and_options),
  };
  return cmocka_run_group_tests_name("render", aTest, renderTestSetup, renderTestTeardown);
}
