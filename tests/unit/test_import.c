/*
** test_import.c — bulk import (tg_import) and LOAD CSV, through the C API
** on temporary files: id groups and the id property, labels and types
** from specs, columns and file names, typed and array columns, :IGNORE,
** quoting/BOM/CRLF, a header in a file of its own, bad rows that stop the
** import (file and line reported, graph left empty) or are skipped and
** counted, header errors, the adjacency built by the bulk loader compared
** with graph_add_rel's, LOAD CSV rows as lists and maps, LOAD CSV's
** linenumber() and file(), and its hint to index a MERGE's property; and
** hostile files: a stray quote spoils only its own row (each bad row
** reported), fields that are not UTF-8 are bad rows for the import and
** errors for LOAD CSV, the field and record caps (csv.max_field and
** csv.max_record) stop both with a ResourceLimit naming file and line,
** and a uniqueness constraint is kept by the import, naming the constraint,
** the value and the row, and by LOAD CSV, naming the row too.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/graph.h"
#include "tangle.h"

/* ---- Helpers ------------------------------------------------------------ */

static char zDir[64];

/* Makes the temporary directory for a test. */
static int setupDir(void **state) {
  (void)state;
  snprintf(zDir, sizeof(zDir), "/tmp/tangle_test_import_XXXXXX");
  return mkdtemp(zDir) ? 0 : -1;
}

/* Removes the directory and its files. */
static int teardownDir(void **state) {
  (void)state;
  char zCmd[128];
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDir);
  return system(zCmd) == 0 ? 0 : -1;
}

/* The path of a file in the test directory (a rotating static buffer). */
static const char *path(const char *zName) {
  static char az[8][256];
  static int i;
  char *z = az[i++ % 8];
  snprintf(z, 256, "%s/%s", zDir, zName);
  return z;
}

static void writeFile(const char *zName, const char *zText) {
  FILE *f = fopen(path(zName), "wb");
  assert_non_null(f);
  fputs(zText, f);
  fclose(f);
}

/* Runs a query that returns one value and gives it as text. */
static const char *queryText(tg_db *pDb, const char *zQuery) {
  static char zOut[1024];
  tg_stmt *pStmt = NULL;
  if (tg_prepare(pDb, zQuery, -1, &pStmt, NULL) != TG_OK) {
    snprintf(zOut, sizeof(zOut), "error: %s", tg_errmsg(pDb));
    return zOut;
  }
  zOut[0] = 0;
  int rc;
  while ((rc = tg_step(pStmt)) == TG_ROW) snprintf(zOut, sizeof(zOut), "%s", tg_column_text(pStmt, 0));
  if (rc != TG_DONE) snprintf(zOut, sizeof(zOut), "error: %s", tg_errmsg(pDb));
  tg_finalize(pStmt);
  return zOut;
}

/* Bad rows seen by the callback. */
typedef struct BadRows {
  int n;
  char azFile[8][256];
  int64_t aiLine[8];
  char azMsg[8][256];
} BadRows;

static void onBadRow(void *pArg, const char *zFile, int64_t iLine, const char *zMsg) {
  BadRows *p = pArg;
  if (p->n < 8) {
    snprintf(p->azFile[p->n], 256, "%s", zFile);
    p->aiLine[p->n] = iLine;
    snprintf(p->azMsg[p->n], 256, "%s", zMsg);
  }
  p->n++;
}

/* Import options that skip bad rows, gathering them in *pBad (emptied). */
static tg_import_opts skipBadRows(BadRows *pBad) {
  memset(pBad, 0, sizeof(*pBad));
  tg_import_opts o;
  memset(&o, 0, sizeof(o));
  o.bSkipBadRows = 1;
  o.xBadRow = onBadRow;
  o.pArg = pBad;
  return o;
}

/* ---- Import ------------------------------------------------------------- */

static void test_ids_labels_types_from_names(void **state) {
  (void)state;
  writeFile("Person.csv", "id:ID(Person)|name|born:date|score:double|tags:string[]|ok:boolean\n"
                          "1|Ann|1990-02-03|1.5|a;b|true\n"
                          "2|\"Bob | Jr\"|2000-12-31|-2|c|FALSE\n"
                          "007|Cy||||\n");
  writeFile("City.csv", "id:ID(City){id-type:long}|name|pop:int[]\n1|Oslo|1;2;3\n2|Rome|\n");
  writeFile("Person_knows_Person.csv", ":START_ID(Person)|:END_ID(Person)|since:int\n1|2|2001\n2|007|\n");
  writeFile("Person_livesIn_City.csv", ":START_ID(Person)|:END_ID(City)\n1|1\n2|02\n007|2\n");
  const char *azNode[] = {path("Person.csv"), path("City.csv")};
  const char *azRel[] = {path("Person_knows_Person.csv"), path("Person_livesIn_City.csv")};
  tg_import_opts o;
  memset(&o, 0, sizeof(o));
  o.cDelimiter = '|';
  tg_db *pDb;
  tg_open(&pDb);
  tg_import_stats st;
  assert_int_equal(tg_import(pDb, 2, azNode, 2, azRel, &o, &st), TG_OK);
  assert_int_equal(st.nNodes, 5);
  assert_int_equal(st.nRels, 5);
  assert_int_equal(st.nBadRows, 0);
  assert_string_equal(queryText(pDb, "MATCH (p:Person {name: 'Ann'}) RETURN p"),
                      "(:Person {id: '1', name: 'Ann', born: 1990-02-03, score: 1.5, tags: ['a', 'b'], ok: true})");
  assert_string_equal(queryText(pDb, "MATCH (p:Person {name: 'Cy'}) RETURN p"), "(:Person {id: '007', name: 'Cy'})");
  assert_string_equal(queryText(pDb, "MATCH (p:Person {id: '2'}) RETURN p.name + '/' + toString(p.ok)"), "Bob | Jr/false");
  assert_string_equal(queryText(pDb, "MATCH (p:Person {id: '2'}) RETURN p.born.year"), "2000");
  assert_string_equal(queryText(pDb, "MATCH (c:City {id: 1}) RETURN c.pop"), "[1, 2, 3]");
  assert_string_equal(queryText(pDb, "MATCH (a)-[k:Person_knows_Person]->(b) RETURN collect(a.name + '>' + b.name + ':' + coalesce(toString(k.since), '-'))"),
                      "['Ann>Bob | Jr:2001', 'Bob | Jr>Cy:-']");
  assert_string_equal(queryText(pDb, "MATCH (p)-[:Person_livesIn_City]->(c) RETURN collect(p.name + '@' + c.name)"),
                      "['Ann@Oslo', 'Bob | Jr@Rome', 'Cy@Rome']");
  assert_string_equal(queryText(pDb, "MATCH (p:Person)--(x) RETURN count(*)"), "7");
  tg_close(pDb);
}

static void test_header_file_specs_and_columns(void **state) {
  (void)state;
  /* A header file of its own, parts without headers, Label=, TYPE=, a
  ** :LABEL column with several labels, :IGNORE, quoting, BOM and CRLF. */
  writeFile("people_header.csv", "pid:ID,:LABEL,name,:IGNORE,age:long\r\n");
  writeFile("part1.csv", "\xEF\xBB\xBF" "a,Admin;User,\"Ann \"\"A\"\"\",junk,30\r\n");
  writeFile("part2.csv", "b,User,\"Bob\nsecond line\",junk,\r\n");
  writeFile("things.csv", ":ID,kind\nt1,box\n");
  writeFile("edges.csv", ":START_ID,:END_ID,:TYPE,w:float\na,b,LIKES,0.5\nb,t1,,2\n");
  const char *azNode[] = {path("people_header.csv") , path("Thing:Item=") };
  char zSpec[600], zThings[300];
  snprintf(zSpec, sizeof(zSpec), "%s,%s,%s", path("people_header.csv"), path("part1.csv"), path("part2.csv"));
  snprintf(zThings, sizeof(zThings), "Thing:Item=%s", path("things.csv"));
  azNode[0] = zSpec;
  azNode[1] = zThings;
  char zEdges[300];
  snprintf(zEdges, sizeof(zEdges), "OWNS=%s", path("edges.csv"));
  const char *azRel[] = {zEdges};
  tg_db *pDb;
  tg_open(&pDb);
  tg_import_opts o;
  memset(&o, 0, sizeof(o));
  o.bMultilineFields = 1;   /* "Bob\nsecond line" */
  assert_int_equal(tg_import(pDb, 2, azNode, 1, azRel, &o, NULL), TG_OK);
  assert_string_equal(queryText(pDb, "MATCH (n:Admin) RETURN n"), "(:Admin:User {pid: 'a', name: 'Ann \"A\"', age: 30})");
  assert_string_equal(queryText(pDb, "MATCH (n:User {pid: 'b'}) RETURN n.name"), "Bob\nsecond line");
  assert_string_equal(queryText(pDb, "MATCH (n:User) RETURN count(n)"), "2");
  assert_string_equal(queryText(pDb, "MATCH (n:Thing:Item) RETURN n"), "(:Thing:Item {kind: 'box'})");
  assert_string_equal(queryText(pDb, "MATCH ()-[r]->() RETURN collect(type(r) + ':' + toString(r.w))"),
                      "['LIKES:0.5', 'OWNS:2.0']");
  tg_close(pDb);
}

/* Runs an import expected to fail on one file and line; the graph must
** be left empty. */
static void expectFailure(const char *zNodeSpec, const char *zRelSpec, const char *zFile,
                          int64_t iLine, const char *zMsgPart) {
  tg_db *pDb;
  tg_open(&pDb);
  const char *azNode[] = {zNodeSpec};
  const char *azRel[] = {zRelSpec};
  tg_import_stats st;
  assert_int_equal(tg_import(pDb, 1, azNode, zRelSpec ? 1 : 0, azRel, NULL, &st), TG_ERROR);
  assert_non_null(tg_error_file(pDb));
  assert_string_equal(tg_error_file(pDb), zFile);
  assert_int_equal(tg_error_file_line(pDb), iLine);
  if (strstr(tg_errmsg(pDb), zMsgPart) == NULL) fail_msg("message '%s' lacks '%s'", tg_errmsg(pDb), zMsgPart);
  char zWhere[300];
  snprintf(zWhere, sizeof(zWhere), "%s:%lld:", zFile, (long long)iLine);
  if (iLine && strstr(tg_errmsg(pDb), zWhere) == NULL) fail_msg("message '%s' lacks '%s'", tg_errmsg(pDb), zWhere);
  assert_int_equal(tg_node_count(pDb), 0);
  assert_int_equal(tg_relationship_count(pDb), 0);
  assert_int_equal(st.nNodes, 0);
  assert_string_equal(queryText(pDb, "MATCH (n) RETURN count(n)"), "0");
  tg_close(pDb);
}

/* Point columns as neo4j-admin writes them: a map of coordinates and an
** optional crs or srid, the header's {crs:...} as the default, arrays
** split on the array delimiter. */
static void test_points(void **state) {
  (void)state;
  writeFile("P.csv",
            "id:ID,at:point,geo:point{crs:WGS-84},trail:point[]\n"
            "a,\"{x:1, y:2}\",\"{x:12.99, y:55.61}\",\"{x:1,y:1};{x:2, y:2}\"\n"
            "b,\"{latitude:55.6, longitude:13.0, height:12, crs:'WGS-84-3D'}\",\"{longitude:1, latitude:2}\",\n"
            "c,\"{x:1, y:2, z:3, srid:9157}\",,\n");
  const char *azNode[] = {path("P.csv")};
  tg_db *pDb;
  tg_open(&pDb);
  tg_import_opts o;
  memset(&o, 0, sizeof(o));
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, &o, NULL), TG_OK);
  assert_string_equal(queryText(pDb, "MATCH (n {id: 'a'}) RETURN [n.at, n.geo]"),
                      "[point({x: 1.0, y: 2.0, crs: 'cartesian'}), point({x: 12.99, y: 55.61, crs: 'wgs-84'})]");
  assert_string_equal(queryText(pDb, "MATCH (n {id: 'a'}) RETURN n.trail"),
                      "[point({x: 1.0, y: 1.0, crs: 'cartesian'}), point({x: 2.0, y: 2.0, crs: 'cartesian'})]");
  assert_string_equal(queryText(pDb, "MATCH (n {id: 'b'}) RETURN [n.at, n.geo]"),
                      "[point({x: 13.0, y: 55.6, z: 12.0, crs: 'wgs-84-3d'}), point({x: 1.0, y: 2.0, crs: 'wgs-84'})]");
  assert_string_equal(queryText(pDb, "MATCH (n {id: 'c'}) RETURN n.at.crs"), "cartesian-3d");
  tg_close(pDb);
}

static void test_bad_rows_stop_and_leave_graph_empty(void **state) {
  (void)state;
  writeFile("N.csv", "id:ID,age:int\n1,10\n2,20\n3,30\n");
  writeFile("N_fields.csv", "id:ID,age:int\n1,10\n2\n3,30\n");
  writeFile("N_int.csv", "id:ID,age:int\n1,10\n2,2O\n");
  writeFile("N_range.csv", "id:ID,age:int\n1,3000000000\n");
  writeFile("N_dup.csv", "id:ID,age:int\n1,10\n1,20\n");
  writeFile("R_missing.csv", ":START_ID,:END_ID\n1,2\n2,3\n3,99\n");
  writeFile("R_group.csv", ":START_ID(X),:END_ID\n1,2\n");
  writeFile("N_type.csv", "id:ID,at:pt\n");
  writeFile("N_point.csv", "id:ID,at:point\n1,\"{x:1, y:2}\"\n2,\"{latitude:95, longitude:1}\"\n");
  writeFile("N_point_text.csv", "id:ID,at:point\n1,\"{x:1, y:2\"\n");
  writeFile("N_point_crs.csv", "id:ID,at:point{crs:mars}\n");
  writeFile("N_quote.csv", "id:ID,name\n1,\"ok\"\n2,\"bad\"x\n");
  expectFailure(path("N_fields.csv"), NULL, path("N_fields.csv"), 3, "expected 2 fields");
  expectFailure(path("N_int.csv"), NULL, path("N_int.csv"), 3, "'2O' is not an integer");
  expectFailure(path("N_range.csv"), NULL, path("N_range.csv"), 2, "out of range");
  expectFailure(path("N_dup.csv"), NULL, path("N_dup.csv"), 3, "duplicate id '1'");
  expectFailure(path("N.csv"), path("R_missing.csv"), path("R_missing.csv"), 4, "end node '99' not found");
  expectFailure(path("N.csv"), path("R_group.csv"), path("R_group.csv"), 1, "unknown id group 'X'");
  expectFailure(path("N_type.csv"), NULL, path("N_type.csv"), 1, "unknown type 'pt'");
  expectFailure(path("N_point.csv"), NULL, path("N_point.csv"), 3, "Valid range for Y coordinate is [-90, 90]");
  expectFailure(path("N_point_text.csv"), NULL, path("N_point_text.csv"), 2, "expected ',' or '}' in a point");
  expectFailure(path("N_point_crs.csv"), NULL, path("N_point_crs.csv"), 1, "unknown coordinate reference system");
  expectFailure(path("N_quote.csv"), NULL, path("N_quote.csv"), 3, "after a closing quote");
  expectFailure(path("missing.csv"), NULL, path("missing.csv"), 0, "cannot open");
}

static void test_skip_bad_rows_counts_them(void **state) {
  (void)state;
  writeFile("S.csv", "id:ID,age:int\n1,10\n2\n3,x\n4,40\n4,41\n");
  writeFile("S_rel.csv", ":START_ID,:END_ID\n1,4\n1,3\n9,1\n");
  const char *azNode[] = {path("S.csv")};
  const char *azRel[] = {path("S_rel.csv")};
  BadRows bad;
  tg_import_opts o = skipBadRows(&bad);
  tg_db *pDb;
  tg_open(&pDb);
  tg_import_stats st;
  assert_int_equal(tg_import(pDb, 1, azNode, 1, azRel, &o, &st), TG_OK);
  assert_int_equal(st.nNodes, 2);
  assert_int_equal(st.nRels, 1);
  assert_int_equal(st.nBadRows, 5);
  assert_int_equal(bad.n, 5);
  int64_t aiWant[] = {3, 4, 6, 3, 4};
  for (int i = 0; i < 5; i++) {
    assert_string_equal(bad.azFile[i], path(i < 3 ? "S.csv" : "S_rel.csv"));
    assert_int_equal(bad.aiLine[i], aiWant[i]);
  }
  assert_non_null(strstr(bad.azMsg[0], "expected 2 fields"));
  assert_non_null(strstr(bad.azMsg[1], "not an integer"));
  assert_non_null(strstr(bad.azMsg[2], "duplicate id"));
  assert_non_null(strstr(bad.azMsg[3], "end node '3' not found"));
  assert_non_null(strstr(bad.azMsg[4], "start node '9' not found"));
  assert_string_equal(queryText(pDb, "MATCH (a)-[r]->(b) RETURN a.id + type(r) + b.id"), "1S_rel4");
  tg_close(pDb);
}

static void test_refuses_non_empty_database(void **state) {
  (void)state;
  writeFile("E.csv", "id:ID\n1\n");
  const char *azNode[] = {path("E.csv")};
  tg_db *pDb;
  tg_open(&pDb);
  assert_int_equal(tg_exec(pDb, "CREATE (:Keep)", NULL), TG_OK);
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, NULL, NULL), TG_ERROR);
  assert_non_null(strstr(tg_errmsg(pDb), "not empty"));
  assert_int_equal(tg_node_count(pDb), 1);   /* untouched */
  /* Emptied by statements (leaving dead slots behind): the import may
  ** run, and an index made before it is kept and filled. */
  assert_int_equal(tg_exec(pDb, "MATCH (k:Keep) CREATE (k)-[:R]->(:Keep)-[:R]->(:Other)", NULL), TG_OK);
  assert_int_equal(tg_exec(pDb, "MATCH (n) DETACH DELETE n", NULL), TG_OK);
  assert_int_equal(tg_exec(pDb, "CREATE INDEX idx FOR (n:E) ON (n.id)", NULL), TG_OK);
  writeFile("E_E.csv", ":START_ID,:END_ID\n1,2\n2,2\n");
  writeFile("E.csv", "id:ID\n1\n2\n");
  const char *azRel[] = {path("E_E.csv")};
  assert_int_equal(tg_import(pDb, 1, azNode, 1, azRel, NULL, NULL), TG_OK);
  assert_int_equal(tg_node_count(pDb), 2);
  assert_int_equal(tg_relationship_count(pDb), 2);
  assert_string_equal(queryText(pDb, "MATCH (a:E {id: '2'})<-[:E_E]-(b) RETURN collect(b.id)"), "['1', '2']");
  assert_string_equal(queryText(pDb, "CALL db.indexes() YIELD label, property RETURN label + '.' + property"), "E.id");
  assert_string_equal(queryText(pDb, "MATCH (a:E {id: '2'}) RETURN count(a)"), "1");   /* by the index */
  tg_close(pDb);
}

static int cmpU64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* n's adjacency of one type as text, sorted (order within a type is not
** part of the contract); for type -1, checks the groups come by
** ascending type and returns the count. */
static void adjText(const Graph *g, NodeId n, int d, int64_t t, char *z, size_t nz) {
  const AdjEntry *a;
  uint32_t k = graph_adj(g, n, d, t, &a);
  static uint64_t aKey[4096];
  assert_true(k <= 4096);
  for (uint32_t i = 0; i < k; i++) {
    aKey[i] = (uint64_t)a[i].rel << 32 | a[i].nbr;
    if (t < 0 && i) assert_true(graph_rel(g, a[i - 1].rel)->type <= graph_rel(g, a[i].rel)->type);
  }
  qsort(aKey, k, sizeof(uint64_t), cmpU64);
  size_t o = (size_t)snprintf(z, nz, "%u: ", k);
  for (uint32_t i = 0; i < k && o < nz; i++) {
    o += (size_t)snprintf(z + o, nz - o, "%u>%u ", (uint32_t)(aKey[i] >> 32), (uint32_t)aKey[i]);
  }
}

static void test_bulk_adjacency_matches_graph_add_rel(void **state) {
  (void)state;
  /* Three types interleaved through a :TYPE column, self-loops,
  ** parallel relationships. */
  FILE *f = fopen(path("G.csv"), "w");
  fputs(":ID\n", f);
  for (int i = 0; i < 50; i++) fprintf(f, "%d\n", i);
  fclose(f);
  f = fopen(path("GR.csv"), "w");
  fputs(":START_ID,:END_ID,:TYPE\n", f);
  unsigned x = 12345;
  for (int i = 0; i < 2000; i++) {
    x = x * 1103515245u + 12345u;
    int a = (int)(x >> 8) % 50, b = (int)(x >> 16) % 50, t = (int)(x >> 4) % 3;
    if (i % 97 == 0) b = a;
    fprintf(f, "%d,%d,T%d\n", a, b, t);
  }
  fclose(f);
  const char *azNode[] = {path("G.csv")};
  const char *azRel[] = {path("GR.csv")};
  tg_db *pDb;
  tg_open(&pDb);
  assert_int_equal(tg_import(pDb, 1, azNode, 1, azRel, NULL, NULL), TG_OK);
  Graph *g = pDb->pGraph;
  /* The same relationships through graph_add_rel, then compacted. */
  Graph *h = graph_new();
  for (uint32_t i = 0; i < intern_count(&g->types); i++) {
    const char *z = intern_name(&g->types, i);
    intern_add(&h->types, z, (uint32_t)strlen(z));
  }
  for (NodeId n = 0; n < g->nNodeSlot; n++) graph_add_node(h);
  for (RelId r = 0; r < g->nRelSlot; r++) {
    const RelRec *p = graph_rel(g, r);
    assert_int_equal(graph_add_rel(h, p->type, p->src, p->dst), r);
  }
  graph_compact(h);
  char zA[65536], zB[65536];
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    for (int d = 0; d < 2; d++) {
      for (int64_t t = -1; t < 3; t++) {
        adjText(g, n, d, t, zA, sizeof(zA));
        adjText(h, n, d, t, zB, sizeof(zB));
        assert_string_equal(zA, zB);
      }
    }
  }
  for (uint32_t t = 0; t < 3; t++) assert_int_equal(graph_type_count(g, t), graph_type_count(h, t));
  graph_free(h);
  /* The loaded graph takes writes afterwards (lists leave the slab). */
  assert_int_equal(tg_exec(pDb, "MATCH (a {id: '1'}), (b {id: '2'}) CREATE (a)-[:T0]->(b)", NULL), TG_OK);
  assert_int_equal(tg_exec(pDb, "MATCH ()-[r:T1]->() DELETE r", NULL), TG_OK);
  assert_string_equal(queryText(pDb, "MATCH ()-[r:T1]->() RETURN count(r)"), "0");
  tg_close(pDb);
}

/* Every bad row of an import, and the graph it left, as one text. */
static void onBadRowText(void *pArg, const char *zFile, int64_t iLine, const char *zMsg) {
  char *z = pArg;
  const char *zBase = strrchr(zFile, '/');
  size_t n = strlen(z);
  snprintf(z + n, 65536 - n, "bad %s:%lld %s\n", zBase ? zBase + 1 : zFile, (long long)iLine, zMsg);
}

static void importAsText(const char *zChunk, const char *zThreads, char *zOut) {
  if (zChunk) setenv("TANGLE_IMPORT_CHUNK", zChunk, 1);
  else unsetenv("TANGLE_IMPORT_CHUNK");
  setenv("TANGLE_IMPORT_THREADS", zThreads, 1);
  zOut[0] = 0;
  tg_import_opts o;
  memset(&o, 0, sizeof(o));
  o.bSkipBadRows = 1;
  o.xBadRow = onBadRowText;
  o.pArg = zOut;
  const char *azNode[] = {path("CN.csv"), path("CH.csv") /* header only */};
  char zSpec[600];
  snprintf(zSpec, sizeof(zSpec), "%s,%s", path("CH.csv"), path("CP.csv"));
  azNode[1] = zSpec;
  const char *azRel[] = {path("CR.csv")};
  tg_db *pDb;
  tg_open(&pDb);
  tg_import_stats st;
  assert_int_equal(tg_import(pDb, 2, azNode, 1, azRel, &o, &st), TG_OK);
  size_t n = strlen(zOut);
  snprintf(zOut + n, 65536 - n, "%lld nodes %lld rels %lld bad\n%s\n", (long long)st.nNodes,
           (long long)st.nRels, (long long)st.nBadRows,
           queryText(pDb, "MATCH (n) WITH n ORDER BY id(n) "
                          "RETURN reduce(s = '', x IN collect(toString(id(n)) + labels(n)[0] + ':' + n.id + "
                          "coalesce(n.name, '-')) | s + x + ' ')"));
  n = strlen(zOut);
  snprintf(zOut + n, 65536 - n, "%s\n",
           queryText(pDb, "MATCH (a)-[r]->(b) WITH a, r, b ORDER BY id(r) "
                          "RETURN reduce(s = '', x IN collect(toString(id(r)) + ':' + a.id + '>' + b.id) | s + x + ' ')"));
  tg_close(pDb);
  unsetenv("TANGLE_IMPORT_CHUNK");
  unsetenv("TANGLE_IMPORT_THREADS");
}

/* A large file is parsed in ranges by several workers (impPlanUnits): cut
** at every possible place, the import must give the same nodes with the
** same ids, the same relationships, and the same bad rows on the same
** lines as reading each file whole on one thread. The files hold CRLF and
** LF lines, blank lines, quoted delimiters, a stray quote, rows with too
** few fields, a bad integer, a duplicate id, dangling ends, and a row
** whose start is missing and whose later column is also bad (the first
** column's error is the one reported). */
static void test_chunked_files_load_as_one(void **state) {
  (void)state;
  FILE *f = fopen(path("CN.csv"), "wb");
  fputs("\xEF\xBB\xBFid:ID,name,age:int\r\n", f);
  for (int i = 0; i < 300; i++) {
    if (i % 41 == 7) fputs("\n", f);                        /* blank line */
    if (i % 53 == 11) fprintf(f, "x%d,\"a, b\"\r\n", i);      /* too few fields */
    if (i % 67 == 5) fprintf(f, "y%d,\"open,1\n", i);          /* stray quote */
    if (i % 71 == 3) fprintf(f, "z%d,n,notint\n", i);          /* bad integer */
    if (i % 89 == 9) fprintf(f, "%d,dup,1\n", i - 1);          /* duplicate id */
    fprintf(f, i % 2 ? "%d,\"n%d, q\",%d\r\n" : "%d,n%d,%d\n", i, i, i);
  }
  fclose(f);
  writeFile("CH.csv", "id:ID,name\n");
  f = fopen(path("CP.csv"), "wb");
  for (int i = 0; i < 40; i++) fprintf(f, "s-%d,p%d\n", i, i);
  fclose(f);
  f = fopen(path("CR.csv"), "wb");
  fputs(":START_ID,:END_ID,w:int\n", f);
  for (int i = 0; i < 400; i++) {
    if (i % 37 == 2) fprintf(f, "%d,missing%d,1\n", i % 300, i);   /* dangling end */
    if (i % 43 == 4) fprintf(f, "nope%d,%d,bad\n", i, i % 300);   /* dangling start, bad w */
    fprintf(f, "%d,%s,%d\n", (i * 7) % 300, i % 5 == 0 ? "s-3" : "17", i);
  }
  fclose(f);
  static char zWhole[65536], zCut[65536];
  importAsText(NULL, "0", zWhole);
  assert_non_null(strstr(zWhole, "start node 'nope4' not found"));
  assert_non_null(strstr(zWhole, "bad CN.csv:5 column 'age:int'"));   /* the BOM shifts no line */
  const char *azChunk[] = {"1", "2", "3", "5", "8", "13", "64", "333", "4096"};
  for (size_t i = 0; i < sizeof(azChunk) / sizeof(azChunk[0]); i++) {
    importAsText(azChunk[i], i % 2 ? "2" : "3", zCut);
    assert_string_equal(zCut, zWhole);
  }
}

/* ---- LOAD CSV --------------------------------------------------------- */

static void test_load_csv_rows(void **state) {
  (void)state;
  writeFile("l.csv", "name,age,city\r\n\"Smith, J\",42,\r\nLee,,\"\"\r\n");
  writeFile("t.tsv", "a\tb\n1\t2\n");
  tg_db *pDb;
  tg_open(&pDb);
  char zQ[600];
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM '%s' AS row RETURN collect(row)", path("l.csv"));
  assert_string_equal(queryText(pDb, zQ),
                      "[['name', 'age', 'city'], ['Smith, J', '42', null], ['Lee', null, '']]");
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM 'file://%s' AS row RETURN collect(row)", path("l.csv"));
  assert_string_equal(queryText(pDb, zQ),
                      "[{name: 'Smith, J', age: '42', city: null}, {name: 'Lee', age: null, city: ''}]");
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS r FIELDTERMINATOR '\\t' RETURN r.a + r.b", path("t.tsv"));
  assert_string_equal(queryText(pDb, zQ), "12");
  /* Writing from the rows, and a file per incoming row. */
  snprintf(zQ, sizeof(zQ), "UNWIND [1, 2] AS i LOAD CSV WITH HEADERS FROM '%s' AS r "
           "CREATE (:P {name: r.name, age: toInteger(r.age), i: i})", path("l.csv"));
  assert_int_equal(tg_exec(pDb, zQ, NULL), TG_OK);
  assert_string_equal(queryText(pDb, "MATCH (p:P) RETURN count(p) + sum(p.age)"), "88");
  tg_close(pDb);
}

static void test_load_csv_errors(void **state) {
  (void)state;
  writeFile("bad.csv", "a,b\n1,2\n\"3,4\n");
  tg_db *pDb;
  tg_open(&pDb);
  char zQ[600], zWant[600];
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM '%s' AS row RETURN count(*)", path("nope.csv"));
  queryText(pDb, zQ);
  assert_string_equal(tg_errkind(pDb), "IOError");
  assert_non_null(strstr(tg_errmsg(pDb), path("nope.csv")));
  assert_int_equal(tg_error_runtime(pDb), 1);
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM '%s' AS row RETURN count(*)", path("bad.csv"));
  queryText(pDb, zQ);
  snprintf(zWant, sizeof(zWant), "%s:3: the quoted field is never closed", path("bad.csv"));
  if (strstr(tg_errmsg(pDb), zWant) == NULL) fail_msg("'%s' lacks '%s'", tg_errmsg(pDb), zWant);
  assert_string_equal(tg_error_file(pDb), path("bad.csv"));
  assert_int_equal(tg_error_file_line(pDb), 3);
  assert_string_equal(queryText(pDb, "LOAD CSV FROM 'http://example.com/x.csv' AS r RETURN r"),
                      "error: LOAD CSV: cannot read 'http://example.com/x.csv': only local files are supported");
  assert_non_null(strstr(queryText(pDb, "LOAD CSV FROM 'x' AS r FIELDTERMINATOR ';;' RETURN r"), "FIELDTERMINATOR"));
  assert_non_null(strstr(queryText(pDb, "LOAD CSV FROM 42 AS r RETURN r"), "needs a string"));
  tg_close(pDb);
}


/* linenumber() counts lines from 1 with the header included, skips blank
** lines and gives a quoted multi-line record its first line; file() is the
** path as FROM names it. Both are null outside LOAD CSV, and survive the
** eager barrier a read-then-write query gets. */
static void test_load_csv_linenumber_file(void **state) {
  (void)state;
  writeFile("n.csv", "name\nAda\n\nBob\n\"Two\nlines\"\nEve\n");
  tg_db *pDb;
  tg_open(&pDb);
  char zQ[600], zWant[600];
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS r RETURN collect([r.name, linenumber()])",
           path("n.csv"));
  assert_string_equal(queryText(pDb, zQ), "[['Ada', 2], ['Bob', 4], ['Two\\nlines', 5], ['Eve', 7]]");
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM '%s' AS r RETURN collect(linenumber())", path("n.csv"));
  assert_string_equal(queryText(pDb, zQ), "[1, 2, 4, 5, 7]");
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM 'file://%s' AS r WITH r LIMIT 1 RETURN file()", path("n.csv"));
  assert_string_equal(queryText(pDb, zQ), path("n.csv"));
  assert_string_equal(queryText(pDb, "RETURN [linenumber(), file()]"), "[null, null]");
  /* After the last row, an aggregate's result is outside LOAD CSV. */
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM '%s' AS r WITH count(*) AS n RETURN [n, linenumber()]",
           path("n.csv"));
  assert_string_equal(queryText(pDb, zQ), "[5, null]");
  /* MATCH then CREATE on one label puts an Eager barrier in between. */
  assert_int_equal(tg_exec(pDb, "CREATE (:L)", NULL), TG_OK);
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM '%s' AS r MATCH (:L) CREATE (:L {line: linenumber(), f: file()})",
           path("n.csv"));
  assert_int_equal(tg_exec(pDb, zQ, NULL), TG_OK);
  snprintf(zWant, sizeof(zWant), "[[1, 2, 4, 5, 7], ['%s']]", path("n.csv"));
  assert_string_equal(queryText(pDb, "MATCH (n:L) WHERE n.line IS NOT NULL "
                                     "RETURN [collect(n.line), collect(DISTINCT n.f)]"),
                      zWant);
  tg_close(pDb);
}

/* Runs zQuery to the end; returns the code of its only notification, ""
** when it has none, or "several". */
static const char *runNotification(tg_db *pDb, const char *zQuery, char *zMsg, size_t nMsg) {
  static char zCode[16];
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pDb, zQuery, -1, &pStmt, NULL), TG_OK);
  while (tg_step(pStmt) == TG_ROW) {
  }
  int n = tg_stmt_notification_count(pStmt);
  snprintf(zCode, sizeof(zCode), "%s", n == 0 ? "" : n > 1 ? "several" : tg_stmt_notification_code(pStmt, 0));
  snprintf(zMsg, nMsg, "%s", n == 1 ? tg_stmt_notification(pStmt, 0) : "");
  tg_finalize(pStmt);
  return zCode;
}

/* A MERGE or MATCH on a property without an index, under a LOAD CSV of
** more than 5,000 rows, gets the 03N93 hint naming the CREATE INDEX to
** run; 5,000 rows, or an index, get none. */
static void test_load_csv_index_hint(void **state) {
  (void)state;
  FILE *f = fopen(path("big.csv"), "wb");
  assert_non_null(f);
  fputs("name\n", f);
  for (int i = 0; i < 5001; i++) fprintf(f, "p%d\n", i);
  fclose(f);
  f = fopen(path("5000.csv"), "wb");
  assert_non_null(f);
  fputs("name\n", f);
  for (int i = 0; i < 5000; i++) fprintf(f, "p%d\n", i);
  fclose(f);
  tg_db *pDb;
  tg_open(&pDb);
  char zQ[600], zMsg[512];
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS row MERGE (p:Person {name: row.name})",
           path("5000.csv"));
  assert_string_equal(runNotification(pDb, zQ, zMsg, sizeof(zMsg)), "");
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS row MERGE (p:Person {name: row.name})",
           path("big.csv"));
  assert_string_equal(runNotification(pDb, zQ, zMsg, sizeof(zMsg)), "03N93");
  assert_non_null(strstr(zMsg, "MERGE on :Person(name)"));
  assert_non_null(strstr(zMsg, "CREATE INDEX FOR (n:Person) ON (n.name)"));
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS row MATCH (p:Person {name: row.name}) "
           "RETURN count(p)", path("big.csv"));
  assert_string_equal(runNotification(pDb, zQ, zMsg, sizeof(zMsg)), "03N93");
  assert_non_null(strstr(zMsg, "MATCH on :Person(name)"));
  /* Names that need quoting are quoted in the statement to run. */
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS row MERGE (:`Big Firm` {`full name`: row.name})",
           path("big.csv"));
  runNotification(pDb, zQ, zMsg, sizeof(zMsg));
  assert_non_null(strstr(zMsg, "CREATE INDEX FOR (n:`Big Firm`) ON (n.`full name`)"));
  /* With the index the hint names, no hint. */
  assert_int_equal(tg_exec(pDb, "CREATE INDEX FOR (n:Person) ON (n.name)", NULL), TG_OK);
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS row MERGE (p:Person {name: row.name})",
           path("big.csv"));
  assert_string_equal(runNotification(pDb, zQ, zMsg, sizeof(zMsg)), "");
  tg_close(pDb);
}

/* One stray quote: without bMultilineFields its row is the only bad one
** and every later row loads; each bad row is reported with its line. With
** it, the quote swallows the rest of the file into one bad row. */
static void test_stray_quote_spoils_one_row(void **state) {
  (void)state;
  FILE *f = fopen(path("stray.csv"), "wb");
  assert_non_null(f);
  fputs("id:ID,name\n1,\"Ann\n", f);
  for (int i = 2; i <= 1001; i++) fprintf(f, "%d,n%d\n", i, i);
  fputs("1002,\"Bo\n1003,ok\n", f);
  fclose(f);
  const char *azNode[] = {path("stray.csv")};
  BadRows bad;
  tg_import_opts o = skipBadRows(&bad);
  tg_db *pDb;
  tg_open(&pDb);
  tg_import_stats st;
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, &o, &st), TG_OK);
  assert_int_equal(st.nNodes, 1001);
  assert_int_equal(st.nBadRows, 2);
  assert_int_equal(bad.n, 2);
  assert_int_equal(bad.aiLine[0], 2);
  assert_int_equal(bad.aiLine[1], 1003);
  assert_string_equal(bad.azFile[1], path("stray.csv"));
  assert_non_null(strstr(bad.azMsg[0], "not closed on its line"));
  assert_non_null(strstr(bad.azMsg[0], "--multiline-fields"));
  tg_close(pDb);

  o = skipBadRows(&bad);
  o.bMultilineFields = 1;
  tg_open(&pDb);
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, &o, &st), TG_OK);
  assert_int_equal(st.nBadRows, 1);   /* the quote closes only at 1002: 1,001 rows are one bad one */
  assert_int_equal(st.nNodes, 1);     /* 1003 */
  tg_close(pDb);

  /* Without skipping, the first stray quote stops the import there. */
  o.bMultilineFields = 0;
  o.bSkipBadRows = 0;
  tg_open(&pDb);
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, &o, &st), TG_ERROR);
  assert_string_equal(tg_error_file(pDb), path("stray.csv"));
  assert_int_equal(tg_error_file_line(pDb), 2);
  assert_int_equal(tg_node_count(pDb), 0);
  tg_close(pDb);
}

/* A field that is not UTF-8 is a bad row of the import (file and line)
** and an error of LOAD CSV (file and line); nothing invalid is stored. */
static void test_invalid_utf8(void **state) {
  (void)state;
  writeFile("latin1.csv", "id:ID,name\n1,caf\xE9\n2,ok\n");
  expectFailure(path("latin1.csv"), NULL, path("latin1.csv"), 2, "field 2 is not valid UTF-8: byte 0xE9");
  const char *azNode[] = {path("latin1.csv")};
  BadRows bad;
  tg_import_opts o = skipBadRows(&bad);
  tg_db *pDb;
  tg_open(&pDb);
  tg_import_stats st;
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, &o, &st), TG_OK);
  assert_int_equal(st.nNodes, 1);
  assert_int_equal(bad.n, 1);
  assert_int_equal(bad.aiLine[0], 2);
  assert_string_equal(queryText(pDb, "MATCH (n) RETURN n.name"), "ok");
  char zQ[600];
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS row RETURN count(*)", path("latin1.csv"));
  queryText(pDb, zQ);
  assert_string_equal(tg_errkind(pDb), "IOError");
  assert_non_null(strstr(tg_errmsg(pDb), ":2: field 2 is not valid UTF-8"));
  assert_string_equal(tg_error_file(pDb), path("latin1.csv"));
  assert_int_equal(tg_error_file_line(pDb), 2);
  tg_close(pDb);
}

/* The caps: settings csv.max_field and csv.max_record; a file past them
** stops the import and fails LOAD CSV with a ResourceLimit naming the
** file and line; /dev/zero ends at once instead of filling memory. */
static void test_field_and_record_caps(void **state) {
  (void)state;
  tg_db *pDb;
  tg_open(&pDb);
  assert_int_equal(tg_config_get(pDb, "csv.max_field"), 4 << 20);
  assert_int_equal(tg_config_get(pDb, "csv.max_record"), 16 << 20);
  assert_int_equal(tg_config_set(pDb, "csv.max_field", 0), TG_ERROR);
  assert_int_equal(tg_config_set(pDb, "csv.max_record", ((int64_t)1 << 30) + 1), TG_ERROR);
  assert_int_equal(tg_config_set(pDb, "csv.max_field", 8), TG_OK);
  writeFile("wide.csv", "id:ID,name\n1,short\n2,much too long\n");
  const char *azNode[] = {path("wide.csv")};
  tg_import_opts o;
  memset(&o, 0, sizeof(o));
  o.bSkipBadRows = 1;   /* a cap stops the import even so */
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, &o, NULL), TG_ERROR);
  assert_string_equal(tg_errkind(pDb), "ResourceLimit");
  assert_int_equal(tg_error_file_line(pDb), 3);
  assert_non_null(strstr(tg_errmsg(pDb), ":3: field 2 is larger than 8 bytes"));
  assert_int_equal(tg_node_count(pDb), 0);
  char zQ[600];
  snprintf(zQ, sizeof(zQ), "LOAD CSV FROM '%s' AS row RETURN count(*)", path("wide.csv"));
  queryText(pDb, zQ);
  assert_string_equal(tg_errkind(pDb), "ResourceLimit");
  assert_int_equal(tg_error_file_line(pDb), 3);
  assert_int_equal(tg_config_set(pDb, "csv.max_field", 4 << 20), TG_OK);
  assert_string_equal(queryText(pDb, zQ), "3");
  tg_close(pDb);

  tg_open(&pDb);
  const char *azZero[] = {"/dev/zero"};
  assert_int_equal(tg_import(pDb, 1, azZero, 0, NULL, NULL, NULL), TG_ERROR);
  assert_string_equal(tg_errkind(pDb), "ResourceLimit");
  assert_non_null(strstr(tg_errmsg(pDb), "/dev/zero:1: header: field 1 is larger than 4 MiB"));
  assert_non_null(strstr(queryText(pDb, "LOAD CSV FROM '/dev/zero' AS row RETURN count(*)"),
                         "LOAD CSV: /dev/zero:1: field 1 is larger than 4 MiB"));
  assert_string_equal(tg_errkind(pDb), "ResourceLimit");
  assert_true(tg_memory_used() < (64 << 20));
  tg_close(pDb);
}

/* A uniqueness constraint holds through the import: the row that would
** break it is bad (skipped, or the import stops as a ConstraintViolation),
** and the message names the constraint, label, key and value. LOAD CSV's
** error also names the row being written and the place in the query. */
static void test_uniqueness_constraint_named(void **state) {
  (void)state;
  writeFile("U.csv", "id:ID,email\n1,a@x\n2,b@x\n3,a@x\n4,c@x\n");
  const char *azNode[] = {path("U.csv")};
  tg_db *pDb;
  tg_open(&pDb);
  assert_string_equal(queryText(pDb, "CREATE CONSTRAINT mail FOR (u:U) REQUIRE u.email IS UNIQUE"), "");
  BadRows bad;
  tg_import_opts o = skipBadRows(&bad);
  tg_import_stats st;
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, &o, &st), TG_OK);
  assert_int_equal(st.nNodes, 3);
  assert_int_equal(bad.n, 1);
  assert_int_equal(bad.aiLine[0], 4);
  if (strstr(bad.azMsg[0], "uniqueness constraint mail: :U nodes") == NULL ||
      strstr(bad.azMsg[0], "email = 'a@x'") == NULL) {
    fail_msg("message '%s'", bad.azMsg[0]);
  }
  assert_string_equal(queryText(pDb, "MATCH (u:U) RETURN collect(u.id)"), "['1', '2', '4']");
  assert_string_equal(queryText(pDb, "MATCH (u:U {id: '4'}) RETURN u.email"), "c@x");
  tg_close(pDb);

  tg_open(&pDb);
  queryText(pDb, "CREATE CONSTRAINT mail FOR (u:U) REQUIRE u.email IS UNIQUE");
  assert_int_equal(tg_import(pDb, 1, azNode, 0, NULL, NULL, &st), TG_ERROR);
  assert_string_equal(tg_errkind(pDb), "ConstraintValidationFailed");
  assert_int_equal(tg_error_file_line(pDb), 4);
  assert_non_null(strstr(tg_errmsg(pDb), "email = 'a@x'"));
  assert_int_equal(tg_node_count(pDb), 0);
  /* The failed import left the database as it was: the constraint stays. */
  assert_string_equal(queryText(pDb, "CALL db.indexes() YIELD name RETURN collect(name)"), "['mail']");

  char zQ[600];
  snprintf(zQ, sizeof(zQ), "LOAD CSV WITH HEADERS FROM '%s' AS row\nCREATE (:U {email: row.email})",
           path("U.csv"));
  queryText(pDb, zQ);
  assert_string_equal(tg_errkind(pDb), "ConstraintValidationFailed");
  assert_int_equal(tg_error_line(pDb), 2);
  assert_int_equal(tg_error_column(pDb), 12);   /* the properties that wrote the value */
  assert_string_equal(tg_error_file(pDb), path("U.csv"));
  assert_int_equal(tg_error_file_line(pDb), 4);
  char zWant[400];
  snprintf(zWant, sizeof(zWant), "(writing the LOAD CSV row at %s:4)", path("U.csv"));
  if (strstr(tg_errmsg(pDb), zWant) == NULL || strstr(tg_errmsg(pDb), "mail: :U nodes 0 and 2") == NULL) {
    fail_msg("message '%s'", tg_errmsg(pDb));
  }
  assert_int_equal(tg_node_count(pDb), 0);   /* rolled back */
  tg_close(pDb);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ids_labels_types_from_names),
      cmocka_unit_test(test_header_file_specs_and_columns),
      cmocka_unit_test(test_points),
      cmocka_unit_test(test_bad_rows_stop_and_leave_graph_empty),
      cmocka_unit_test(test_skip_bad_rows_counts_them),
      cmocka_unit_test(test_refuses_non_empty_database),
      cmocka_unit_test(test_bulk_adjacency_matches_graph_add_rel),
      cmocka_unit_test(test_load_csv_rows),
      cmocka_unit_test(test_load_csv_errors),
      cmocka_unit_test(test_load_csv_linenumber_file),
      cmocka_unit_test(test_load_csv_index_hint),
      cmocka_unit_test(test_stray_quote_spoils_one_row),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_field_and_record_caps),
      cmocka_unit_test(test_uniqueness_constraint_named),
      cmocka_unit_test(test_chunked_files_load_as_one),
  };
  return cmocka_run_group_tests(tests, setupDir, teardownDir);
}
