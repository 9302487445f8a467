/*
** test_render_api.c — GET /render/style and POST /render (server/
** render_api.c) with requests built by hand, on a connection to a small
** graph: the style JSON parses, holds every label of RENDER's table and
** describes the palette hash exactly (checked against what RENDER draws);
** SVG, DOT, PNG and JSON drawings with the node and relationship ids in
** them; the explorer's statement with list parameters; every refusal
** (writes, RENDER ... TO, transactions, several statements), bad options,
** bad JSON, wrong content type and method, engine errors with their
** positions, caps; and the server's time limit stopping a runaway layout.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/strbuf.h"
#include "server/http.h"
#include "server/render_api.h"
#include "server/serve.h"
#include "tangle.h"

static tg_db *pTestDb;     /* the database */
static tg_db *pTestConn;   /* the request's connection, as http.c makes one */

static const char *zTestGraph =
    "CREATE (m:Person {name: 'Elon Musk'}),"
    "       (x:Firm {name: 'X'}),"
    "       (xai:Firm {name: 'xAI'}),"
    "       (g:Gadget {name: 'Widget'}),"
    "       (c:Claim {id: 'claim-1', text: 'A forecast'}),"
    "       (d:Document {name: 'Email'}),"
    "       (m)-[:OWNS {stake: 0.25}]->(xai),"
    "       (x)-[:OWNS {stake: 0.25}]->(xai),"
    "       (m)-[:MADE]->(c),"
    "       (d)-[:CONTRADICTS]->(c),"
    "       (g)-[:PART_OF]->(x)";

static int setup(void **pState) {
  (void)pState;
  tg_open(&pTestDb);
  if (tg_exec(pTestDb, zTestGraph, NULL) != TG_OK) {
    fprintf(stderr, "setup: %s\n", tg_errmsg(pTestDb));
    return -1;
  }
  return tg_connect(pTestDb, &pTestConn) == TG_OK ? 0 : -1;
}

static int teardown(void **pState) {
  (void)pState;
  tg_close(pTestConn);
  tg_close(pTestDb);
  return 0;
}

/* ---- Requests by hand ------------------------------------------------------ */

/* One reply, as http.c would send it. */
typedef struct Reply {
  HttpReply r;
  json_t *pJson;           /* the body parsed, when it is JSON */
} Reply;

static const char *replyHeader(const Reply *p, const char *zName) {
  for (int i = 0; i < p->r.nHeader; i++) {
    if (strcmp(p->r.azHeaderName[i], zName) == 0) return p->r.azHeaderValue[i];
  }
  return NULL;
}

static void replyFree(Reply *p) {
  strbuf_free(&p->r.body);
  json_decref(p->pJson);
}

/* Runs the handler on a request (pCfg may be NULL). */
static Reply call(const ServeConfig *pCfg, tg_db *pConn, const char *zMethod, const char *zPath,
                  const char *zContentType, const char *zBody) {
  HttpRequest req;
  memset(&req, 0, sizeof(req));
  req.zMethod = zMethod;
  req.zPath = zPath;
  req.zContentType = zContentType;
  req.zAccept = "";
  req.pBody = zBody;
  req.nBody = strlen(zBody);
  req.zUser = "";
  req.eRole = AUTH_ROLE_ADMIN;
  req.zPeer = "test";
  req.pConn = pConn;
  Reply rep;
  memset(&rep, 0, sizeof(rep));
  rep.r.nStatus = 200;
  strbuf_init(&rep.r.body);
  render_api_handle((void *)pCfg, &req, &rep.r);
  assert_false(tg_in_transaction(pConn));
  if (rep.r.zContentType && strcmp(rep.r.zContentType, "application/json") == 0) {
    json_error_t e;
    rep.pJson = json_loadb(rep.r.body.z, rep.r.body.n, 0, &e);
    if (rep.pJson == NULL) fail_msg("reply is not JSON: %s: %.200s", e.text, strbuf_cstr(&rep.r.body));
  }
  return rep;
}

/* POST /render with a JSON body. */
static Reply post(const char *zBody) {
  return call(NULL, pTestConn, "POST", "/render", "application/json", zBody);
}

/* Checks an error reply: status, code and a part of the message. */
static void expectError(const char *zBody, int nStatus, const char *zCode, const char *zMsgPart) {
  Reply p = post(zBody);
  if (p.r.nStatus != nStatus) fail_msg("%.100s: status %d: %s", zBody, p.r.nStatus, strbuf_cstr(&p.r.body));
  assert_non_null(p.pJson);
  json_t *pErr = json_array_get(json_object_get(p.pJson, "errors"), 0);
  const char *zGotCode = json_string_value(json_object_get(pErr, "code"));
  const char *zMsg = json_string_value(json_object_get(pErr, "message"));
  assert_non_null(zGotCode);
  assert_non_null(zMsg);
  if (strcmp(zGotCode, zCode) != 0 || strstr(zMsg, zMsgPart) == NULL) {
    fail_msg("%.100s: got %s: %s", zBody, zGotCode, zMsg);
  }
  replyFree(&p);
}

/* ---- GET /render/style ------------------------------------------------------ */

/* FNV-1a 32 as the style JSON describes it. */
static uint32_t fnv1a(const char *z, json_int_t iBasis, json_int_t iPrime) {
  uint32_t h = (uint32_t)iBasis;
  for (; *z; z++) h = (h ^ (unsigned char)*z) * (uint32_t)iPrime;
  return h;
}

static void test_style(void **pState) {
  (void)pState;
  Reply p = call(NULL, pTestConn, "GET", "/render/style", "", "");
  assert_int_equal(p.r.nStatus, 200);
  assert_string_equal(p.r.zContentType, "application/json");
  assert_string_equal(replyHeader(&p, "Cache-Control"), "no-cache");
  json_t *j = p.pJson;
  json_t *pLabels = json_object_get(j, "labels");
  static const char *const azLabel[] = {"Person", "Firm",     "Chip",   "System", "Place",
                                        "Document", "Claim", "Event", "Metric", "Product"};
  for (size_t i = 0; i < sizeof(azLabel) / sizeof(azLabel[0]); i++) {
    json_t *s = json_object_get(pLabels, azLabel[i]);
    if (s == NULL) fail_msg("no style for %s", azLabel[i]);
    for (int k = 0; k < 4; k++) {
      const char *zKey = (const char *[]){"shape", "style", "fill", "line"}[k];
      assert_true(json_is_string(json_object_get(s, zKey)));
    }
  }
  assert_int_equal(json_object_size(pLabels), 10);
  assert_string_equal(json_string_value(json_object_get(json_object_get(pLabels, "Person"), "shape")),
                      "ellipse");
  assert_string_equal(json_string_value(json_object_get(json_object_get(pLabels, "Person"), "fill")),
                      "#dbeafe");
  json_t *pRel = json_object_get(json_object_get(j, "relTypes"), "CONTRADICTS");
  assert_string_equal(json_string_value(json_object_get(pRel, "color")), "#dc2626");
  assert_string_equal(json_string_value(json_object_get(pRel, "style")), "bold");
  assert_true(json_real_value(json_object_get(pRel, "width")) == 2.5);
  assert_true(json_is_object(json_object_get(j, "relDefault")));
  assert_true(json_is_object(json_object_get(j, "noLabel")));
  assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "contradicted"), "penwidth")), 3);
  json_t *pKeys = json_object_get(j, "captionKeys");
  assert_int_equal(json_array_size(pKeys), 4);
  assert_string_equal(json_string_value(json_array_get(pKeys, 0)), "name");
  assert_string_equal(json_string_value(json_array_get(pKeys, 3)), "id");
  assert_non_null(strstr(json_string_value(json_object_get(j, "font")), "Noto Sans CJK JP"));

  /* The hash, computed as described, picks the palette entry RENDER uses
  ** for a label outside the table. */
  json_t *pPalette = json_object_get(j, "palette");
  assert_int_equal(json_array_size(pPalette), 8);
  json_t *pHash = json_object_get(j, "paletteHash");
  uint32_t h = fnv1a("Gadget", json_integer_value(json_object_get(pHash, "offsetBasis")),
                     json_integer_value(json_object_get(pHash, "prime")));
  const char *zFill = json_string_value(
      json_object_get(json_array_get(pPalette, h % json_array_size(pPalette)), "fill"));
  Reply d = post("{\"statement\": \"MATCH (g:Gadget) RETURN g\", \"format\": \"dot\"}");
  assert_int_equal(d.r.nStatus, 200);
  char zWant[64];
  snprintf(zWant, sizeof(zWant), "fillcolor=\"%s\"", zFill);
  if (strstr(strbuf_cstr(&d.r.body), zWant) == NULL) fail_msg("no %s in %s", zWant, strbuf_cstr(&d.r.body));
  replyFree(&d);
  replyFree(&p);

  p = call(NULL, pTestConn, "POST", "/render/style", "application/json", "{}");
  assert_int_equal(p.r.nStatus, 405);
  assert_string_equal(replyHeader(&p, "Allow"), "GET, HEAD");
  replyFree(&p);
}

/* ---- POST /render: formats ----------------------------------------------------- */

#define MUSK_XAI "MATCH p = (:Person {name: 'Elon Musk'})-[:OWNS]->(:Firm {name: 'xAI'}) RETURN p"

static void test_formats(void **pState) {
  (void)pState;
  Reply p = post("{\"statement\": \"" MUSK_XAI "\"}");   /* svg by default */
  assert_int_equal(p.r.nStatus, 200);
  assert_string_equal(p.r.zContentType, "image/svg+xml");
  const char *z = strbuf_cstr(&p.r.body);
  assert_non_null(strstr(z, "</svg>"));
  assert_non_null(strstr(z, "<g id=\"n0\" class=\"node\">"));
  assert_non_null(strstr(z, "<g id=\"n2\" class=\"node\">"));
  assert_non_null(strstr(z, "<g id=\"r0\" class=\"edge\">"));
  assert_non_null(strstr(z, ">Elon Musk</text>"));
  replyFree(&p);

  p = post("{\"statement\": \"" MUSK_XAI "\", \"format\": \"dot\", \"direction\": \"TB\", "
           "\"title\": \"Who owns xAI\", \"legend\": false}");
  assert_int_equal(p.r.nStatus, 200);
  assert_string_equal(p.r.zContentType, "text/vnd.graphviz");
  z = strbuf_cstr(&p.r.body);
  assert_non_null(strstr(z, "digraph tangle {"));
  assert_non_null(strstr(z, "rankdir=TB"));
  assert_non_null(strstr(z, "label=\"Who owns xAI\""));
  assert_null(strstr(z, "<TABLE"));   /* no legend */
  replyFree(&p);

  p = post("{\"statement\": \"" MUSK_XAI "\", \"format\": \"png\", \"layout\": \"neato\"}");
  assert_int_equal(p.r.nStatus, 200);
  assert_string_equal(p.r.zContentType, "image/png");
  assert_memory_equal(p.r.body.z, "\x89PNG\r\n\x1a\n", 8);
  replyFree(&p);

  p = post("{\"statement\": \"" MUSK_XAI "\", \"format\": \"json\", \"layout\": \"sfdp\"}");
  assert_int_equal(p.r.nStatus, 200);
  assert_string_equal(p.r.zContentType, "application/json");
  json_t *pObjects = json_object_get(p.pJson, "objects");
  json_t *pEdges = json_object_get(p.pJson, "edges");
  assert_int_equal(json_array_size(pObjects), 2);
  assert_int_equal(json_array_size(pEdges), 1);
  assert_string_equal(json_string_value(json_object_get(json_array_get(pObjects, 0), "id")), "n0");
  assert_string_equal(json_string_value(json_object_get(json_array_get(pObjects, 1), "id")), "n2");
  assert_true(json_is_string(json_object_get(json_array_get(pObjects, 0), "pos")));
  assert_true(json_is_string(json_object_get(json_array_get(pObjects, 0), "width")));
  json_t *pEdge = json_array_get(pEdges, 0);
  assert_string_equal(json_string_value(json_object_get(pEdge, "id")), "r0");
  assert_int_equal(json_integer_value(json_object_get(pEdge, "tail")), 0);
  assert_int_equal(json_integer_value(json_object_get(pEdge, "head")), 1);
  assert_non_null(strstr(json_string_value(json_object_get(pEdge, "pos")), "e,"));
  assert_string_equal(json_string_value(json_object_get(p.pJson, "layout")), "sfdp");
  replyFree(&p);
}

/* The explorer lays out what it shows: nodes and relationships by id. */
static void test_explorer_statement(void **pState) {
  (void)pState;
  Reply p = post("{\"statement\": \"UNWIND $nodes AS i MATCH (n) WHERE id(n) = i "
                 "OPTIONAL MATCH (n)-[r]-(m) WHERE id(r) IN $rels AND id(m) IN $nodes RETURN n, r\", "
                 "\"parameters\": {\"nodes\": [0, 2, 1], \"rels\": [0, 1, 4]}, \"format\": \"dot\"}");
  assert_int_equal(p.r.nStatus, 200);
  const char *z = strbuf_cstr(&p.r.body);
  assert_non_null(strstr(z, "n0 -> n2"));
  assert_non_null(strstr(z, "n1 -> n2"));
  assert_null(strstr(z, "r4"));   /* Widget is not among the nodes */
  assert_null(strstr(z, "n3"));
  replyFree(&p);

  /* Scalars, strings, maps and nested lists bind too. */
  p = post("{\"statement\": \"MATCH (n) WHERE n.name = $name AND $flag AND $m.k[1][0] = 'it\\\\'s' "
           "AND $f > 1.0 AND $nothing IS NULL RETURN n\", \"format\": \"dot\", "
           "\"parameters\": {\"name\": \"xAI\", \"flag\": true, \"m\": {\"k\": [[1], [\"it's\"]]}, "
           "\"f\": 1.5, \"nothing\": null, \"unused\": 1}}");
  if (p.r.nStatus != 200) fail_msg("%s", strbuf_cstr(&p.r.body));
  assert_non_null(strstr(strbuf_cstr(&p.r.body), "label=xAI"));
  replyFree(&p);
}

/* ---- POST /render: refusals and errors ------------------------------------------ */

static void test_refusals(void **pState) {
  (void)pState;
  expectError("{\"statement\": \"CREATE (n:Person {name: 'Mallory'}) RETURN n\"}", 403,
              "Neo.ClientError.Security.Forbidden", "only reads");
  expectError("{\"statement\": \"MATCH (n:Firm) SET n.hacked = true RETURN n\"}", 403,
              "Neo.ClientError.Security.Forbidden", "only reads");
  expectError("{\"statement\": \"CREATE INDEX FOR (n:Firm) ON (n.name)\"}", 403,
              "Neo.ClientError.Security.Forbidden", "only reads");
  expectError("{\"statement\": \"MATCH (n:Firm) RENDER n TO '/tmp/render-api-test.svg'\"}", 403,
              "Neo.ClientError.Security.Forbidden", "or a file");
  expectError("{\"statement\": \"MATCH (n:Firm) RENDER n\"}", 400, "Neo.ClientError.Request.Invalid",
              "end it with RETURN, not RENDER");
  expectError("{\"statement\": \"BEGIN\"}", 400, "Neo.ClientError.Request.Invalid", "transaction");
  expectError("{\"statement\": \"MATCH (n) RETURN n; MATCH (m) DETACH DELETE m\"}", 400,
              "Neo.ClientError.Request.Invalid", "one statement");
  expectError("{\"statement\": \"  // nothing\"}", 400, "Neo.ClientError.Request.Invalid", "empty");
  /* Nothing was written. */
  tg_stmt *pStmt = NULL;
  assert_int_equal(tg_prepare(pTestConn, "MATCH (n) WHERE n.name = 'Mallory' OR n.hacked RETURN count(n)",
                              -1, &pStmt, NULL), TG_OK);
  assert_int_equal(tg_step(pStmt), TG_ROW);
  assert_int_equal(tg_column_int(pStmt, 0), 0);
  tg_finalize(pStmt);
  /* A statement followed by a comment is one statement. */
  Reply p = post("{\"statement\": \"MATCH (n:Firm) RETURN n; // done\", \"format\": \"dot\"}");
  assert_int_equal(p.r.nStatus, 200);
  replyFree(&p);
}

static void test_bad_requests(void **pState) {
  (void)pState;
  expectError("{\"statement\": \"" MUSK_XAI "\", \"format\": \"gif\"}", 400,
              "Neo.ClientError.Request.Invalid", "unknown format \"gif\" (use svg, dot, png, json or pdf)");
  expectError("{\"statement\": \"" MUSK_XAI "\", \"layout\": \"spring\"}", 400,
              "Neo.ClientError.Statement.ArgumentError", "unknown RENDER layout 'spring'");
  expectError("{\"statement\": \"" MUSK_XAI "\", \"direction\": \"up\"}", 400,
              "Neo.ClientError.Statement.ArgumentError", "unknown RENDER direction 'up'");
  expectError("{\"statement\": \"" MUSK_XAI "\", \"direction\": \"TB\", \"layout\": \"neato\"}", 400,
              "Neo.ClientError.Statement.ArgumentError", "DIRECTION applies to the dot layout only");
  expectError("{\"statement\": \"" MUSK_XAI "\", \"legend\": \"no\"}", 400,
              "Neo.ClientError.Request.Invalid", "\"legend\" must be true or false");
  expectError("{\"statement\": \"" MUSK_XAI "\", \"maxNodes\": -1}", 400,
              "Neo.ClientError.Request.Invalid", "\"maxNodes\" must be a positive integer");
  expectError("{\"statement\": \"" MUSK_XAI "\", \"title\": 7}", 400, "Neo.ClientError.Request.Invalid",
              "\"title\" must be a string");
  expectError("{\"statement\": \"" MUSK_XAI "\", \"colour\": \"red\"}", 400,
              "Neo.ClientError.Request.Invalid", "unknown field \"colour\" (known: statement,");
  expectError("{\"statement\": 42}", 400, "Neo.ClientError.Request.Invalid", "\"statement\" must be a string");
  expectError("{}", 400, "Neo.ClientError.Request.Invalid", "\"statement\" must be a string");
  expectError("[1, 2]", 400, "Neo.ClientError.Request.Invalid", "takes a JSON object");
  expectError("{\"statement\": \"RETURN 1\", \"parameters\": [1]}", 400, "Neo.ClientError.Request.Invalid",
              "\"parameters\" must be an object");
  expectError("{\"statement\": \"MATCH (n) RETURN n\",\n \"format\": }", 400,
              "Neo.ClientError.Request.InvalidFormat", "the body is not valid JSON: line 2, column");
  expectError("{\"statement\": \"a\", \"statement\": \"b\"}", 400, "Neo.ClientError.Request.InvalidFormat",
              "duplicate object key");
  expectError("", 400, "Neo.ClientError.Request.InvalidFormat", "line 1, column 0");
  /* Deeply nested JSON: jansson's own depth limit, not a crash. */
  StrBuf deep;
  strbuf_init(&deep);
  strbuf_puts(&deep, "{\"statement\": \"RETURN $p\", \"parameters\": {\"p\": ");
  for (int i = 0; i < 5000; i++) strbuf_putc(&deep, '[');
  for (int i = 0; i < 5000; i++) strbuf_putc(&deep, ']');
  strbuf_puts(&deep, "}}");
  expectError(strbuf_cstr(&deep), 400, "Neo.ClientError.Request.InvalidFormat", "maximum parsing depth reached");
  /* Nested past the binder's limit, within jansson's. */
  strbuf_truncate(&deep, 0);
  strbuf_puts(&deep, "{\"statement\": \"RETURN $p\", \"parameters\": {\"p\": ");
  for (int i = 0; i < 150; i++) strbuf_putc(&deep, '[');
  for (int i = 0; i < 150; i++) strbuf_putc(&deep, ']');
  strbuf_puts(&deep, "}}");
  expectError(strbuf_cstr(&deep), 400, "Neo.ClientError.Statement.ArgumentError", "lists and maps nest more than");
  strbuf_free(&deep);

  /* Engine errors, with their position in the statement. */
  expectError("{\"statement\": \"MATCH (n)\\nRETURN m\"}", 400, "Neo.ClientError.Statement.SyntaxError",
              "line 2, column 8");
  expectError("{\"statement\": \"MATCH (n) WHERE id(n) IN $ids RETURN n\"}", 400,
              "Neo.ClientError.Statement.ParameterMissing", "ids");
  expectError("{\"statement\": \"MATCH (n:Firm) RETURN n.name\"}", 400,
              "Neo.ClientError.Statement.ArgumentError", "nothing to draw");
  expectError("{\"statement\": \"MATCH (n) RETURN n\", \"maxNodes\": 2}", 400,
              "Neo.ClientError.Statement.ResourceLimit", "more than 2 nodes");
  expectError("{\"statement\": \"MATCH ()-[r]->() RETURN r\", \"maxRelationships\": 1}", 400,
              "Neo.ClientError.Statement.ResourceLimit", "more than 1 relationships");

  Reply p = call(NULL, pTestConn, "POST", "/render", "text/plain", "{\"statement\": \"RETURN 1\"}");
  assert_int_equal(p.r.nStatus, 415);
  replyFree(&p);
  p = call(NULL, pTestConn, "POST", "/render", "application/jsonx", "{\"statement\": \"RETURN 1\"}");
  assert_int_equal(p.r.nStatus, 415);
  replyFree(&p);
  p = call(NULL, pTestConn, "POST", "/render", "Application/JSON; charset=utf-8",
           "{\"statement\": \"" MUSK_XAI "\", \"format\": \"dot\"}");
  assert_int_equal(p.r.nStatus, 200);
  replyFree(&p);
  p = call(NULL, pTestConn, "GET", "/render", "", "");
  assert_int_equal(p.r.nStatus, 405);
  assert_string_equal(replyHeader(&p, "Allow"), "POST");
  replyFree(&p);
}

/* The server's time limit stops a layout that would run for minutes. */
static void test_time_limit(void **pState) {
  (void)pState;
  tg_db *pDb = NULL, *pConn = NULL;
  tg_open(&pDb);
  assert_int_equal(tg_exec(pDb,
                           "UNWIND range(1, 300) AS i CREATE (:V {i: i}) WITH count(*) AS c "
                           "MATCH (a:V), (b:V) WHERE a.i < b.i AND (a.i * 7919 + b.i * 104729) % 5 = 0 "
                           "CREATE (a)-[:E]->(b)",
                           NULL),
                   TG_OK);
  assert_int_equal(tg_connect(pDb, &pConn), TG_OK);
  ServeConfig cfg;
  serve_config_default(&cfg);
  cfg.nTxTimeoutMs = 500;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  Reply p = call(&cfg, pConn, "POST", "/render", "application/json",
                 "{\"statement\": \"MATCH p = ()-[:E]->() RETURN p\", \"layout\": \"dot\", "
                 "\"maxRelationships\": 10000}");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  if (p.r.nStatus != 503) fail_msg("status %d: %s", p.r.nStatus, strbuf_cstr(&p.r.body));
  assert_non_null(strstr(strbuf_cstr(&p.r.body), "Neo.TransientError.Transaction.TransactionTimedOut"));
  assert_non_null(strstr(strbuf_cstr(&p.r.body), "time limit"));
  assert_true(ms < 10000);
  replyFree(&p);
  /* The connection's own setting is as it was. */
  assert_int_equal(tg_config_get(pConn, "timeout"), 0);
  tg_close(pConn);
  tg_close(pDb);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_style),
      cmocka_unit_test(test_formats),
      cmocka_unit_test(test_explorer_statement),
      cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_bad_requests),
      cmocka_unit_test(test_time_limit),
  };
  return cmocka_run_group_tests_name("render_api", aTest, setup, teardown);
}
