/*
** test_query_api.c — the HTTP Query API's handler (query_api.c) called
** directly with hand-made requests, and the JSON conversions under it
** (json_value.c) and the access rule (access.c): plain and typed results,
** every typed value as a parameter and back, errors with their statuses
** and positions, roles, --read-only and access modes, explicit
** transactions (ownership, expiry, statements running past it), the
** limits on replies and open transactions, bad JSON and deep nesting.
*/
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "server/access.h"
#include "server/http.h"
#include "server/json_value.h"
#include "server/query_api.h"
#include "server/serve.h"
#include "tangle.h"

/* ---- the fixture -------------------------------------------------------- */

typedef struct Fx {
  tg_db *pDb;
  tg_db *pConn;          /* the request's connection, as http.c makes one */
  ServeConfig cfg;
  QueryApi *q;
} Fx;

static const char *stubQueryArg(const HttpRequest *pReq, const char *zName) {
  (void)pReq, (void)zName;
  return NULL;
}

static void fxOpen(Fx *f) {
  memset(f, 0, sizeof(*f));
  assert_int_equal(tg_open(&f->pDb), TG_OK);
  assert_int_equal(tg_exec(f->pDb,
                           "CREATE (a:Person {name: 'Ann', age: 42})-[:KNOWS {since: 2001}]->(b:Person {name: 'Bob'}), "
                           "(:Firm {name: 'Acme'}), (:Firm {name: 'Initech'})",
                           NULL),
                   TG_OK);
  serve_config_default(&f->cfg);
  assert_int_equal(tg_connect(f->pDb, &f->pConn), TG_OK);
  serve_configure_conn(f->pConn, &f->cfg);
  f->q = query_api_new(f->pDb, &f->cfg);
}

static void fxClose(Fx *f) {
  query_api_free(f->q);
  tg_close(f->pConn);
  tg_close(f->pDb);
}

/* One request; returns the parsed reply (NULL when it is not JSON) and its
** status and content type. */
typedef struct Call {
  const char *zMethod;
  const char *zPath;
  const char *zBody;
  const char *zAccept;
  const char *zContentType;
  const char *zUser;
  AuthRole eRole;
} Call;

static json_t *fxCall(Fx *f, Call c, int *pnStatus, const char **pzType) {
  HttpRequest req;
  memset(&req, 0, sizeof(req));
  req.zMethod = c.zMethod ? c.zMethod : "POST";
  req.zPath = c.zPath ? c.zPath : "/db/neo4j/query/v2";
  req.zContentType = c.zContentType ? c.zContentType : "application/json";
  req.zAccept = c.zAccept ? c.zAccept : "";
  req.pBody = c.zBody ? c.zBody : "";
  req.nBody = strlen(req.pBody);
  req.zUser = c.zUser ? c.zUser : "ann";
  req.eRole = c.eRole ? c.eRole : AUTH_ROLE_ADMIN;
  req.zPeer = "127.0.0.1";
  req.pConn = f->pConn;
  req.xQueryArg = stubQueryArg;
  HttpReply reply;
  memset(&reply, 0, sizeof(reply));
  reply.nStatus = 200;
  strbuf_init(&reply.body);
  query_api_handle(f->q, &req, &reply);
  assert_false(tg_in_transaction(f->pConn));
  *pnStatus = reply.nStatus;
  if (pzType) *pzType = reply.zContentType;
  json_error_t err;
  json_t *j = json_loads(strbuf_cstr(&reply.body), 0, &err);
  if (j == NULL) fprintf(stderr, "not JSON: %s\n", strbuf_cstr(&reply.body));
  strbuf_free(&reply.body);
  return j;
}

/* POST of a body as admin "ann" to the autocommit endpoint. */
static json_t *fxQuery(Fx *f, const char *zBody, int *pnStatus) {
  Call c = {.zBody = zBody};
  return fxCall(f, c, pnStatus, NULL);
}

/* The error code of a reply, or "". */
static const char *errCode(json_t *j) {
  const char *z = json_string_value(json_object_get(json_array_get(json_object_get(j, "errors"), 0), "code"));
  return z ? z : "";
}

static const char *errMessage(json_t *j) {
  const char *z = json_string_value(json_object_get(json_array_get(json_object_get(j, "errors"), 0), "message"));
  return z ? z : "";
}

/* values[iRow][iCol] */
static json_t *cell(json_t *j, int iRow, int iCol) {
  return json_array_get(json_array_get(json_object_get(json_object_get(j, "data"), "values"), (size_t)iRow),
                        (size_t)iCol);
}

static size_t rowCount(json_t *j) {
  return json_array_size(json_object_get(json_object_get(j, "data"), "values"));
}

/* ---- results -------------------------------------------------------------- */

static void testPlainResults(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  const char *zType;
  Call c = {.zBody = "{\"statement\": \"MATCH p = (a:Person {name: 'Ann'})-[r:KNOWS]->(b) RETURN a, r, p, a.age, "
                     "1.5, [1, 'x', null, true], {k: date('2024-02-29')}\"}"};
  json_t *j = fxCall(&f, c, &nStatus, &zType);
  assert_int_equal(nStatus, 202);
  assert_string_equal(zType, "application/json");
  json_t *pFields = json_object_get(json_object_get(j, "data"), "fields");
  assert_int_equal(json_array_size(pFields), 7);
  assert_string_equal(json_string_value(json_array_get(pFields, 0)), "a");
  json_t *a = cell(j, 0, 0);
  const char *zAnn = json_string_value(json_object_get(a, "elementId"));
  assert_non_null(zAnn);
  assert_int_equal(zAnn[0], 'n');
  assert_string_equal(json_string_value(json_array_get(json_object_get(a, "labels"), 0)), "Person");
  assert_int_equal(json_integer_value(json_object_get(json_object_get(a, "properties"), "age")), 42);
  json_t *r = cell(j, 0, 1);
  assert_string_equal(json_string_value(json_object_get(r, "type")), "KNOWS");
  assert_string_equal(json_string_value(json_object_get(r, "startNodeElementId")), zAnn);
  assert_int_equal(json_string_value(json_object_get(r, "elementId"))[0], 'r');
  assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "properties"), "since")), 2001);
  json_t *p = cell(j, 0, 2);
  assert_int_equal(json_array_size(p), 3);
  assert_string_equal(json_string_value(json_object_get(json_array_get(p, 2), "elementId")),
                      json_string_value(json_object_get(r, "endNodeElementId")));
  assert_int_equal(json_integer_value(cell(j, 0, 3)), 42);
  assert_true(json_real_value(cell(j, 0, 4)) == 1.5);
  assert_int_equal(json_array_size(cell(j, 0, 5)), 4);
  assert_true(json_is_null(json_array_get(cell(j, 0, 5), 2)));
  assert_string_equal(json_string_value(json_object_get(cell(j, 0, 6), "k")), "2024-02-29");
  assert_non_null(json_object_get(j, "bookmarks"));

  /* The element id matches elementId() in the next statement. */
  char zBody[300];
  snprintf(zBody, sizeof(zBody),
           "{\"statement\": \"MATCH (n) WHERE elementId(n) = $id RETURN n.name\", \"parameters\": {\"id\": \"%s\"}}",
           zAnn);
  json_t *j2 = fxQuery(&f, zBody, &nStatus);
  assert_int_equal(nStatus, 202);
  assert_string_equal(json_string_value(cell(j2, 0, 0)), "Ann");
  json_decref(j2);
  json_decref(j);

  /* Several rows; NaN and infinities as strings (JSON has no such numbers). */
  j = fxQuery(&f, "{\"statement\": \"MATCH (f:Firm) RETURN f.name ORDER BY f.name\"}", &nStatus);
  assert_int_equal(rowCount(j), 2);
  assert_string_equal(json_string_value(cell(j, 1, 0)), "Initech");
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"RETURN 0.0/0.0, 1.0/0.0, -1e300*1e300, 1e20\"}", &nStatus);
  assert_string_equal(json_string_value(cell(j, 0, 0)), "NaN");
  assert_string_equal(json_string_value(cell(j, 0, 1)), "Infinity");
  assert_string_equal(json_string_value(cell(j, 0, 2)), "-Infinity");
  assert_true(json_real_value(cell(j, 0, 3)) == 1e20);
  json_decref(j);
  /* Points as their well-known text with the srid. */
  j = fxQuery(&f,
              "{\"statement\": \"RETURN point({x: 1, y: 2}), [point({longitude: 1.5, latitude: -2, "
              "height: 3})]\"}",
              &nStatus);
  assert_string_equal(json_string_value(cell(j, 0, 0)), "SRID=7203;POINT (1.0 2.0)");
  assert_string_equal(json_string_value(json_array_get(cell(j, 0, 1), 0)), "SRID=4979;POINT Z (1.5 -2.0 3.0)");
  json_decref(j);
  fxClose(&f);
}

static void testTypedResults(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  const char *zType;
  Call c = {.zBody = "{\"statement\": \"MATCH p = (a {name: 'Ann'})-[r]->(b) RETURN a, r, p, 7, 'x'\"}",
            .zAccept = "application/vnd.neo4j.query"};
  json_t *j = fxCall(&f, c, &nStatus, &zType);
  assert_int_equal(nStatus, 202);
  assert_string_equal(zType, "application/vnd.neo4j.query");
  json_t *a = cell(j, 0, 0);
  assert_string_equal(json_string_value(json_object_get(a, "$type")), "Node");
  json_t *av = json_object_get(a, "_value");
  assert_int_equal(json_string_value(json_object_get(av, "_element_id"))[0], 'n');
  assert_string_equal(json_string_value(json_array_get(json_object_get(av, "_labels"), 0)), "Person");
  json_t *pAge = json_object_get(json_object_get(av, "_properties"), "age");
  assert_string_equal(json_string_value(json_object_get(pAge, "$type")), "Integer");
  assert_string_equal(json_string_value(json_object_get(pAge, "_value")), "42");
  json_t *r = cell(j, 0, 1);
  assert_string_equal(json_string_value(json_object_get(r, "$type")), "Relationship");
  json_t *rv = json_object_get(r, "_value");
  assert_string_equal(json_string_value(json_object_get(rv, "_type")), "KNOWS");
  assert_string_equal(json_string_value(json_object_get(rv, "_start_node_element_id")),
                      json_string_value(json_object_get(av, "_element_id")));
  assert_non_null(json_object_get(rv, "_end_node_element_id"));
  json_t *p = cell(j, 0, 2);
  assert_string_equal(json_string_value(json_object_get(p, "$type")), "Path");
  assert_int_equal(json_array_size(json_object_get(p, "_value")), 3);
  assert_string_equal(json_string_value(json_object_get(cell(j, 0, 3), "_value")), "7");
  assert_string_equal(json_string_value(json_object_get(cell(j, 0, 4), "$type")), "String");
  json_decref(j);
  /* The v1.1 media type is answered in kind. */
  c.zAccept = "text/html, application/vnd.neo4j.query.v1.1;q=0.9";
  c.zBody = "{\"statement\": \"RETURN 1\"}";
  j = fxCall(&f, c, &nStatus, &zType);
  assert_string_equal(zType, "application/vnd.neo4j.query.v1.1");
  json_decref(j);
  fxClose(&f);
}

/* Every typed value as a parameter, returned as it came. */
static void testTypedRoundTrip(void **state) {
  (void)state;
  static const char *const azValue[] = {
      "{\"$type\": \"Null\", \"_value\": null}",
      "{\"$type\": \"Boolean\", \"_value\": true}",
      "{\"$type\": \"Integer\", \"_value\": \"-9223372036854775808\"}",
      "{\"$type\": \"Float\", \"_value\": \"4.56\"}",
      "{\"$type\": \"Float\", \"_value\": \"NaN\"}",
      "{\"$type\": \"Float\", \"_value\": \"-Infinity\"}",
      "{\"$type\": \"String\", \"_value\": \"Hello, \\u00e9l\\u00e8ve \\u0645\\u0631\\u062d\\u0628\\u0627 \\\"q\\\"\"}",
      "{\"$type\": \"List\", \"_value\": [{\"$type\": \"String\", \"_value\": \"A\"}, {\"$type\": \"Integer\", "
      "\"_value\": \"1\"}]}",
      "{\"$type\": \"Map\", \"_value\": {\"fieldA\": {\"$type\": \"String\", \"_value\": \"A\"}, \"n\": {\"$type\": "
      "\"Map\", \"_value\": {}}}}",
      "{\"$type\": \"Date\", \"_value\": \"2015-03-26\"}",
      "{\"$type\": \"Time\", \"_value\": \"12:50:35.556+01:00\"}",
      "{\"$type\": \"LocalTime\", \"_value\": \"12:50:35.556\"}",
      "{\"$type\": \"LocalDateTime\", \"_value\": \"2015-07-04T19:32:24\"}",
      "{\"$type\": \"OffsetDateTime\", \"_value\": \"2024-01-01T21:40:32-01:00\"}",
      "{\"$type\": \"ZonedDateTime\", \"_value\": \"2015-11-21T21:40:32.142+01:00[Europe/Berlin]\"}",
      "{\"$type\": \"Duration\", \"_value\": \"P14DT16H12M\"}",
      "{\"$type\": \"Point\", \"_value\": \"SRID=7203;POINT (1.0 2.5)\"}",
      "{\"$type\": \"Point\", \"_value\": \"SRID=4326;POINT (12.56459 55.672874)\"}",
      "{\"$type\": \"Point\", \"_value\": \"SRID=9157;POINT Z (1.0 2.0 -3.5)\"}",
      "{\"$type\": \"Point\", \"_value\": \"SRID=4979;POINT Z (-0.5 0.25 1000.0)\"}",
  };
  Fx f;
  fxOpen(&f);
  for (size_t i = 0; i < sizeof(azValue) / sizeof(azValue[0]); i++) {
    char zBody[1000];
    snprintf(zBody, sizeof(zBody), "{\"statement\": \"RETURN $p\", \"parameters\": {\"p\": %s}}", azValue[i]);
    Call c = {.zBody = zBody, .zAccept = "application/vnd.neo4j.query",
              .zContentType = "application/vnd.neo4j.query; charset=utf-8"};
    int nStatus;
    json_t *j = fxCall(&f, c, &nStatus, NULL);
    json_t *pWant = json_loads(azValue[i], 0, NULL);
    assert_non_null(pWant);
    if (nStatus != 202 || !json_equal(cell(j, 0, 0), pWant)) {
      char *zGot = json_dumps(j, 0);
      fprintf(stderr, "round trip of %s gave %s\n", azValue[i], zGot);
      free(zGot);
      fail();
    }
    json_decref(pWant);
    json_decref(j);
  }
  /* Plain parameters of every JSON type, and typed values inside plain ones. */
  int nStatus;
  json_t *j = fxQuery(&f,
                      "{\"statement\": \"RETURN $i + 1, $f * 2, $s, $b, $n IS NULL, $l[1], $m.k.z, $mixed[0] + "
                      "duration('P1D')\", \"parameters\": {\"i\": 41, \"f\": 1.25, \"s\": \"\\u65e5\\u672c\", \"b\": "
                      "false, \"n\": null, \"l\": [1, [2]], \"m\": {\"k\": {\"z\": 3}}, \"mixed\": [{\"$type\": "
                      "\"Date\", \"_value\": \"2024-02-28\"}], \"unused\": 1}}",
                      &nStatus);
  assert_int_equal(nStatus, 202);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 42);
  assert_true(json_real_value(cell(j, 0, 1)) == 2.5);
  assert_string_equal(json_string_value(cell(j, 0, 2)), "\xe6\x97\xa5\xe6\x9c\xac");
  assert_true(json_is_false(cell(j, 0, 3)));
  assert_true(json_is_true(cell(j, 0, 4)));
  assert_int_equal(json_integer_value(json_array_get(cell(j, 0, 5), 0)), 2);
  assert_int_equal(json_integer_value(cell(j, 0, 6)), 3);
  assert_string_equal(json_string_value(cell(j, 0, 7)), "2024-02-29");
  json_decref(j);
  fxClose(&f);
}

/* Parameters that cannot be: each a 400 naming the parameter and place. */
static void testBadParameters(void **state) {
  (void)state;
  static const struct {
    const char *zParam;
    const char *zNeedle;
  } aCase[] = {
      {"{\"$type\": \"Base64\", \"_value\": \"A2+/\"}", "byte arrays"},
      {"{\"$type\": \"Point\", \"_value\": {}}", "a Point value must be text"},
      {"{\"$type\": \"Point\", \"_value\": \"POINT (1 2)\"}", "is not a Point"},
      {"{\"$type\": \"Point\", \"_value\": \"SRID=1234;POINT (1 2)\"}", "unknown srid"},
      {"{\"$type\": \"Point\", \"_value\": \"SRID=9157;POINT (1 2)\"}", "wrong number of coordinates"},
      {"{\"$type\": \"Point\", \"_value\": \"SRID=4326;POINT (1 95)\"}", "Valid range for Y"},
      {"{\"$type\": \"Node\", \"_value\": {}}", "elementId"},
      {"{\"$type\": \"Widget\", \"_value\": 1}", "unknown $type \"Widget\""},
      {"{\"$type\": \"Integer\", \"_value\": \"12x\"}", "decimal integer"},
      {"{\"$type\": \"Integer\", \"_value\": \"99999999999999999999\"}", "64 bits"},
      {"{\"$type\": \"Float\", \"_value\": \"0x10\"}", "number"},
      {"[1, {\"a\": [{\"$type\": \"Date\", \"_value\": \"2024-13-01\"}]}]", "$p[1].a[0]: \"2024-13-01\" is not a Date"},
      {"{\"$type\": \"Boolean\", \"_value\": \"yes\"}", "true or false"},
  };
  Fx f;
  fxOpen(&f);
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    char zBody[600];
    snprintf(zBody, sizeof(zBody), "{\"statement\": \"RETURN $p\", \"parameters\": {\"p\": %s}}", aCase[i].zParam);
    int nStatus;
    json_t *j = fxQuery(&f, zBody, &nStatus);
    assert_int_equal(nStatus, 400);
    assert_string_equal(errCode(j), "Neo.ClientError.Request.Invalid");
    if (strstr(errMessage(j), aCase[i].zNeedle) == NULL) {
      fprintf(stderr, "%s: %s\n", aCase[i].zParam, errMessage(j));
      fail();
    }
    json_decref(j);
  }
  /* A parameter the statement needs but the request lacks. */
  int nStatus;
  json_t *j = fxQuery(&f, "{\"statement\": \"RETURN $missing\"}", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Statement.ParameterMissing");
  json_decref(j);
  fxClose(&f);
}

/* ---- errors --------------------------------------------------------------- */

static void testErrors(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  const char *zType;
  /* A syntax error, with its place. */
  json_t *j = fxQuery(&f, "{\"statement\": \"MATCH (n)\\nRETURN n +\"}", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Statement.SyntaxError");
  json_t *pPos = json_object_get(json_array_get(json_object_get(j, "errors"), 0), "position");
  assert_int_equal(json_integer_value(json_object_get(pPos, "line")), 2);
  assert_true(json_integer_value(json_object_get(pPos, "column")) >= 9);
  assert_true(json_integer_value(json_object_get(pPos, "offset")) >= 18);
  json_decref(j);
  /* A run-time error. */
  j = fxQuery(&f, "{\"statement\": \"UNWIND [1, 'a'] AS x RETURN x - 1\"}", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Statement.TypeError");
  json_decref(j);

  static const struct {
    Call c;
    int nStatus;
    const char *zCode;
    const char *zNeedle;
  } aCase[] = {
      {{.zBody = "{\"statement\": \"RETURN 1\",}"}, 400, "Neo.ClientError.Request.InvalidFormat", "line 1, column 26"},
      {{.zBody = "{\"statement\":\n \"RETURN 1\"\n"}, 400, "Neo.ClientError.Request.InvalidFormat", "line 3"},
      {{.zBody = "[1]"}, 400, "Neo.ClientError.Request.Invalid", "JSON object"},
      {{.zBody = "{\"statement\": 1}"}, 400, "Neo.ClientError.Request.Invalid", "must be a string"},
      {{.zBody = "{\"statement\": \"RETURN 1\", \"statement\": \"RETURN 2\"}"}, 400,
       "Neo.ClientError.Request.InvalidFormat", "duplicate"},
      {{.zBody = "{\"statment\": \"RETURN 1\"}"}, 400, "Neo.ClientError.Request.Invalid", "unknown field \"statment\""},
      {{.zBody = "{}"}, 400, "Neo.ClientError.Request.Invalid", "no \"statement\""},
      {{.zBody = ""}, 400, "Neo.ClientError.Request.Invalid", "empty"},
      {{.zBody = "{\"statement\": \"  // nothing\"}"}, 400, "Neo.ClientError.Statement.SyntaxError", "empty"},
      {{.zBody = "{\"statement\": \"RETURN 1; RETURN 2\"}"}, 400, "Neo.ClientError.Statement.SyntaxError",
       "one statement"},
      {{.zBody = "{\"statement\": \"RETURN 1\", \"parameters\": [1]}"}, 400, "Neo.ClientError.Request.Invalid",
       "\"parameters\""},
      {{.zBody = "{\"statement\": \"RETURN 1\", \"accessMode\": \"SOMETIMES\"}"}, 400,
       "Neo.ClientError.Request.Invalid", "accessMode"},
      {{.zBody = "{\"statement\": \"RETURN 1\", \"bookmarks\": [1]}"}, 400, "Neo.ClientError.Request.Invalid",
       "bookmarks"},
      {{.zBody = "{\"statement\": \"RETURN 1\", \"includeCounters\": 1}"}, 400, "Neo.ClientError.Request.Invalid",
       "includeCounters"},
      {{.zBody = "{\"statement\": \"RETURN 1\", \"impersonatedUser\": \"bob\"}"}, 403,
       "Neo.ClientError.Security.Forbidden", "impersonation"},
      {{.zBody = "{\"statement\": \"RETURN 1\"}", .zContentType = "text/plain"}, 415,
       "Neo.ClientError.Request.InvalidFormat", "text/plain"},
      {{.zBody = "{\"statement\": \"RETURN 1\"}", .zAccept = "text/html"}, 406, "Neo.ClientError.Request.Invalid",
       "Accept"},
      {{.zBody = "{\"statement\": \"RETURN 1\"}", .zPath = "/db/system/query/v2"}, 404,
       "Neo.ClientError.Database.DatabaseNotFound", "'system'"},
      {{.zBody = "{\"statement\": \"RETURN 1\"}", .zPath = "/db/neo4j/query/v3"}, 404,
       "Neo.ClientError.Request.Invalid", "No such resource"},
      {{.zBody = "{\"statement\": \"RETURN 1\"}", .zPath = "/db/neo4j/query/v2/tx/abc/commit/more"}, 404,
       "Neo.ClientError.Request.Invalid", "No such resource"},
      {{.zMethod = "GET"}, 405, "Neo.ClientError.Request.Invalid", "POST"},
      {{.zMethod = "DELETE", .zPath = "/db/neo4j/query/v2/tx"}, 405, "Neo.ClientError.Request.Invalid", "POST"},
      {{.zMethod = "GET", .zPath = "/db/neo4j/query/v2/tx/abc"}, 405, "Neo.ClientError.Request.Invalid", "DELETE"},
      {{.zPath = "/db/neo4j/query/v2/tx/nosuchid"}, 404, "Neo.ClientError.Transaction.TransactionNotFound",
       "nosuchid"},
  };
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    j = fxCall(&f, aCase[i].c, &nStatus, &zType);
    if (nStatus != aCase[i].nStatus || strcmp(errCode(j), aCase[i].zCode) != 0 ||
        strstr(errMessage(j), aCase[i].zNeedle) == NULL) {
      fprintf(stderr, "case %zu: %d %s: %s\n", i, nStatus, errCode(j), errMessage(j));
      fail();
    }
    assert_string_equal(zType, "application/json");
    json_decref(j);
  }
  fxClose(&f);
}

/* ---- who may do what ---------------------------------------------------------- */

static void testAccess(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  const char *zWrite = "{\"statement\": \"CREATE (:Nope)\"}";
  const char *zSchema = "{\"statement\": \"CREATE INDEX FOR (n:Person) ON (n.name)\"}";
  Call c = {.zBody = zWrite, .zUser = "rita", .eRole = AUTH_ROLE_READER};
  json_t *j = fxCall(&f, c, &nStatus, NULL);
  assert_int_equal(nStatus, 403);
  assert_string_equal(errCode(j), "Neo.ClientError.Security.Forbidden");
  json_decref(j);
  /* A reader reads; an EXPLAIN of a write writes nothing. */
  c.zBody = "{\"statement\": \"MATCH (n) RETURN count(n)\"}";
  j = fxCall(&f, c, &nStatus, NULL);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  c.zBody = "{\"statement\": \"EXPLAIN CREATE (:Nope)\"}";
  j = fxCall(&f, c, &nStatus, NULL);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  /* An editor writes but may not change the schema. */
  c.eRole = AUTH_ROLE_EDITOR;
  c.zBody = zSchema;
  j = fxCall(&f, c, &nStatus, NULL);
  assert_int_equal(nStatus, 403);
  assert_non_null(strstr(errMessage(j), "Schema"));
  json_decref(j);
  /* READ access mode refuses writes. */
  j = fxQuery(&f, "{\"statement\": \"CREATE (:Nope)\", \"accessMode\": \"READ\"}", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Statement.AccessMode");
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"BEGIN\"}", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Statement.SemanticError");
  json_decref(j);
  /* --read-only refuses every write, even an admin's, and still reads. */
  f.cfg.bReadOnly = true;
  j = fxQuery(&f, zWrite, &nStatus);
  assert_int_equal(nStatus, 403);
  assert_string_equal(errCode(j), "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase");
  assert_non_null(strstr(errMessage(j), "--read-only"));
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n) RENDER n TO 'x.svg'\"}", &nStatus);
  assert_int_equal(nStatus, 403);
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n) RETURN count(n)\"}", &nStatus);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  f.cfg.bReadOnly = false;
  /* Nothing was written. */
  j = fxQuery(&f, "{\"statement\": \"MATCH (n:Nope) RETURN count(n)\"}", &nStatus);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 0);
  json_decref(j);
  fxClose(&f);
}

/* access_refusal's answers, one rule at a time. */
static void testAccessRule(void **state) {
  (void)state;
  tg_db *pDb;
  assert_int_equal(tg_open(&pDb), TG_OK);
  tg_stmt *pRead, *pWrite, *pSchema, *pRender;
  assert_int_equal(tg_prepare(pDb, "MATCH (n) RETURN n", -1, &pRead, NULL), TG_OK);
  assert_int_equal(tg_prepare(pDb, "CREATE (n)", -1, &pWrite, NULL), TG_OK);
  assert_int_equal(tg_prepare(pDb, "CREATE INDEX FOR (n:A) ON (n.b)", -1, &pSchema, NULL), TG_OK);
  assert_int_equal(tg_prepare(pDb, "MATCH (n) RENDER n TO 'x.svg'", -1, &pRender, NULL), TG_OK);
  const char *zCode = NULL;
  assert_null(access_refusal(AUTH_ROLE_READER, true, true, true, pRead, &zCode));
  assert_null(access_refusal(AUTH_ROLE_EDITOR, false, false, true, pWrite, &zCode));
  assert_null(access_refusal(AUTH_ROLE_ADMIN, false, false, false, pSchema, &zCode));
  assert_non_null(access_refusal(AUTH_ROLE_ADMIN, false, false, true, pSchema, &zCode));
  assert_string_equal(zCode, "Neo.ClientError.Transaction.ForbiddenDueToTransactionType");
  assert_non_null(access_refusal(AUTH_ROLE_READER, false, false, false, pRender, &zCode));
  assert_string_equal(zCode, "Neo.ClientError.Security.Forbidden");
  assert_non_null(access_refusal(AUTH_ROLE_ADMIN, true, false, false, pWrite, &zCode));
  assert_string_equal(zCode, "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase");
  assert_non_null(access_refusal(AUTH_ROLE_EDITOR, false, true, false, pWrite, &zCode));
  assert_string_equal(zCode, "Neo.ClientError.Statement.AccessMode");
  tg_finalize(pRead);
  tg_finalize(pWrite);
  tg_finalize(pSchema);
  tg_finalize(pRender);
  tg_close(pDb);
}

/* ---- counters and notifications --------------------------------------------- */

static void testCountersAndNotifications(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  json_t *j = fxQuery(&f, "{\"statement\": \"CREATE (n:Person {name: $n}) RETURN n.name\", \"parameters\": {\"n\": "
                          "\"Peter\"}, \"includeCounters\": true}", &nStatus);
  assert_int_equal(nStatus, 202);
  json_t *pC = json_object_get(j, "counters");
  assert_true(json_is_true(json_object_get(pC, "containsUpdates")));
  assert_int_equal(json_integer_value(json_object_get(pC, "nodesCreated")), 1);
  assert_int_equal(json_integer_value(json_object_get(pC, "propertiesSet")), 1);
  assert_int_equal(json_integer_value(json_object_get(pC, "labelsAdded")), 1);
  assert_null(json_object_get(j, "notifications"));
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n:Persn) RETURN n\"}", &nStatus);
  assert_int_equal(nStatus, 202);
  assert_null(json_object_get(j, "counters"));
  json_t *pNote = json_array_get(json_object_get(j, "notifications"), 0);
  assert_string_equal(json_string_value(json_object_get(pNote, "code")),
                      "Neo.ClientNotification.Statement.UnknownLabelWarning");
  assert_string_equal(json_string_value(json_object_get(pNote, "gqlStatus")), "01N50");
  json_decref(j);
  fxClose(&f);
}

/* ---- transactions --------------------------------------------------------------- */

/* The id of a transaction a reply reports, copied to zId. */
static void txId(json_t *j, char *zId, size_t nId) {
  const char *z = json_string_value(json_object_get(json_object_get(j, "transaction"), "id"));
  assert_non_null(z);
  snprintf(zId, nId, "%s", z);
}

static json_t *txCall(Fx *f, const char *zMethod, const char *zId, const char *zSuffix, const char *zBody,
                      const char *zUser, int *pnStatus) {
  char zPath[200];
  snprintf(zPath, sizeof(zPath), "/db/neo4j/query/v2/tx%s%s%s", zId ? "/" : "", zId ? zId : "", zSuffix);
  Call c = {.zMethod = zMethod, .zPath = zPath, .zBody = zBody, .zUser = zUser};
  return fxCall(f, c, pnStatus, NULL);
}

static void testTransactions(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  char zId[64];
  /* Begin with a statement, run another, commit with a third. */
  json_t *j = txCall(&f, "POST", NULL, "", "{\"statement\": \"CREATE (n:T {v: 1}) RETURN n.v\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 1);
  txId(j, zId, sizeof(zId));
  assert_int_equal(strlen(zId), 16);
  const char *zExpires = json_string_value(json_object_get(json_object_get(j, "transaction"), "expires"));
  assert_non_null(zExpires);
  assert_int_equal(zExpires[strlen(zExpires) - 1], 'Z');
  json_decref(j);
  j = txCall(&f, "POST", zId, "", "{\"statement\": \"CREATE (n:T {v: 2})\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  assert_non_null(json_object_get(j, "transaction"));
  json_decref(j);
  /* Another user's request for it finds nothing. */
  j = txCall(&f, "POST", zId, "", "{\"statement\": \"CREATE (n:T {v: 99})\"}", "mallory", &nStatus);
  assert_int_equal(nStatus, 404);
  assert_string_equal(errCode(j), "Neo.ClientError.Transaction.TransactionNotFound");
  json_decref(j);
  j = txCall(&f, "DELETE", zId, "", NULL, "mallory", &nStatus);
  assert_int_equal(nStatus, 404);
  json_decref(j);
  j = txCall(&f, "POST", zId, "/commit", "{\"statement\": \"MATCH (n:T) RETURN sum(n.v)\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 3);
  assert_null(json_object_get(j, "transaction"));
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n:T) RETURN count(n)\"}", &nStatus);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 2);
  json_decref(j);
  /* Committed: the id is gone. */
  j = txCall(&f, "POST", zId, "/commit", NULL, "ann", &nStatus);
  assert_int_equal(nStatus, 404);
  json_decref(j);

  /* Begin with an empty body, write, roll back. */
  j = txCall(&f, "POST", NULL, "", NULL, "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  txId(j, zId, sizeof(zId));
  json_decref(j);
  j = txCall(&f, "POST", zId, "", "{\"statement\": \"CREATE (:T {v: 10})\"}", "ann", &nStatus);
  json_decref(j);
  j = txCall(&f, "DELETE", zId, "", NULL, "ann", &nStatus);
  assert_int_equal(nStatus, 200);
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n:T) RETURN count(n)\"}", &nStatus);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 2);
  json_decref(j);

  /* An error ends the transaction and undoes it. */
  j = txCall(&f, "POST", NULL, "", "{\"statement\": \"CREATE (:T {v: 20})\"}", "ann", &nStatus);
  txId(j, zId, sizeof(zId));
  json_decref(j);
  j = txCall(&f, "POST", zId, "", "{\"statement\": \"RETURN 1/0\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 400);
  json_decref(j);
  j = txCall(&f, "POST", zId, "/commit", NULL, "ann", &nStatus);
  assert_int_equal(nStatus, 404);
  json_decref(j);
  /* A schema command inside one is refused (and ends it). */
  j = txCall(&f, "POST", NULL, "", "{\"statement\": \"CREATE INDEX FOR (n:T) ON (n.v)\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Transaction.ForbiddenDueToTransactionType");
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n:T) RETURN count(n)\"}", &nStatus);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 2);
  json_decref(j);

  /* A READ transaction takes no lock: a write elsewhere goes on meanwhile. */
  j = txCall(&f, "POST", NULL, "", "{\"statement\": \"MATCH (n:T) RETURN count(n)\", \"accessMode\": \"READ\"}",
             "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  txId(j, zId, sizeof(zId));
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"CREATE (:T {v: 30})\"}", &nStatus);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  j = txCall(&f, "POST", zId, "", "{\"statement\": \"CREATE (:T)\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Statement.AccessMode");
  json_decref(j);
  /* A transaction left open is rolled back by query_api_free. */
  j = txCall(&f, "POST", NULL, "", "{\"statement\": \"CREATE (:Left)\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  query_api_free(f.q);
  f.q = query_api_new(f.pDb, &f.cfg);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n:Left) RETURN count(n)\"}", &nStatus);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 0);
  json_decref(j);
  fxClose(&f);
}

static void testExpiry(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  f.cfg.nTxTimeoutMs = 150;
  int nStatus;
  char zId[64];
  /* Idle past its expiry: rolled back at a tick. */
  json_t *j = txCall(&f, "POST", NULL, "", "{\"statement\": \"CREATE (:Gone)\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  txId(j, zId, sizeof(zId));
  json_decref(j);
  query_api_tick(f.q);   /* not yet */
  j = txCall(&f, "POST", zId, "", "{\"statement\": \"RETURN 1\"}", "ann", &nStatus);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  usleep(250 * 1000);
  query_api_tick(f.q);
  j = txCall(&f, "POST", zId, "/commit", NULL, "ann", &nStatus);
  assert_int_equal(nStatus, 404);
  assert_non_null(strstr(errMessage(j), "expired"));
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"MATCH (n:Gone) RETURN count(n)\"}", &nStatus);
  assert_int_equal(nStatus, 202);
  assert_int_equal(json_integer_value(cell(j, 0, 0)), 0);
  json_decref(j);
  /* A statement running past it is stopped, and the transaction ends. */
  j = txCall(&f, "POST", NULL, "", NULL, "ann", &nStatus);
  txId(j, zId, sizeof(zId));
  json_decref(j);
  j = txCall(&f, "POST", zId, "", "{\"statement\": \"UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)\"}", "ann",
             &nStatus);
  assert_int_equal(nStatus, 503);
  assert_string_equal(errCode(j), "Neo.TransientError.Transaction.TransactionTimedOut");
  assert_non_null(strstr(errMessage(j), "150 ms"));
  json_decref(j);
  j = txCall(&f, "DELETE", zId, "", NULL, "ann", &nStatus);
  assert_int_equal(nStatus, 404);
  json_decref(j);
  /* Autocommit statements have the same limit. */
  j = fxQuery(&f, "{\"statement\": \"UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)\"}", &nStatus);
  assert_int_equal(nStatus, 503);
  json_decref(j);
  fxClose(&f);
}

/* ---- limits ------------------------------------------------------------------------ */

static void testLimits(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  /* A reply past --max-message fails cleanly. */
  f.cfg.nMaxMessage = 2000;
  json_t *j = fxQuery(&f, "{\"statement\": \"UNWIND range(1, 100000) AS x RETURN x\"}", &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Statement.ResourceLimit");
  assert_non_null(strstr(errMessage(j), "2000 bytes"));
  json_decref(j);
  j = fxQuery(&f, "{\"statement\": \"UNWIND range(1, 10) AS x RETURN x\"}", &nStatus);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  f.cfg.nMaxMessage = 16 << 20;
  /* One user may hold QUERY_API_MAX_TX_USER transactions open; READ ones
  ** take no lock, so they can be open together. */
  const char *zRead = "{\"accessMode\": \"READ\"}";
  for (int i = 0; i < QUERY_API_MAX_TX_USER; i++) {
    j = txCall(&f, "POST", NULL, "", zRead, "ann", &nStatus);
    assert_int_equal(nStatus, 202);
    json_decref(j);
  }
  j = txCall(&f, "POST", NULL, "", zRead, "ann", &nStatus);
  assert_int_equal(nStatus, 429);
  assert_string_equal(errCode(j), "Neo.TransientError.Transaction.MaximumTransactionLimitReached");
  json_decref(j);
  /* ... and the server QUERY_API_MAX_TX. */
  char zUser[32];
  int nOpen = QUERY_API_MAX_TX_USER;
  for (int u = 1; nOpen < QUERY_API_MAX_TX; u++) {
    snprintf(zUser, sizeof(zUser), "user%d", u);
    for (int i = 0; i < QUERY_API_MAX_TX_USER && nOpen < QUERY_API_MAX_TX; i++, nOpen++) {
      j = txCall(&f, "POST", NULL, "", zRead, zUser, &nStatus);
      assert_int_equal(nStatus, 202);
      json_decref(j);
    }
  }
  j = txCall(&f, "POST", NULL, "", zRead, "newcomer", &nStatus);
  assert_int_equal(nStatus, 429);
  assert_non_null(strstr(errMessage(j), "on this server"));
  json_decref(j);
  fxClose(&f);
}

/* Deep nesting: refused past JV_MAX_DEPTH in parameters, fine below it,
** and the writer handles the deepest value the engine builds. */
static void testDeepNesting(void **state) {
  (void)state;
  Fx f;
  fxOpen(&f);
  int nStatus;
  StrBuf b;
  strbuf_init(&b);
  strbuf_puts(&b, "{\"statement\": \"RETURN $p\", \"parameters\": {\"p\": ");
  for (int i = 0; i < JV_MAX_DEPTH + 5; i++) strbuf_puts(&b, i % 2 ? "{\"k\":" : "[");
  strbuf_puts(&b, "1");
  for (int i = JV_MAX_DEPTH + 4; i >= 0; i--) strbuf_puts(&b, i % 2 ? "}" : "]");
  strbuf_puts(&b, "}}");
  json_t *j = fxQuery(&f, strbuf_cstr(&b), &nStatus);
  assert_int_equal(nStatus, 400);
  assert_non_null(strstr(errMessage(j), "nest more than 100"));
  json_decref(j);
  strbuf_truncate(&b, 0);
  strbuf_puts(&b, "{\"statement\": \"RETURN $p\", \"parameters\": {\"p\": ");
  for (int i = 0; i < JV_MAX_DEPTH - 1; i++) strbuf_puts(&b, "[");
  for (int i = 0; i < JV_MAX_DEPTH - 1; i++) strbuf_puts(&b, "]");
  strbuf_puts(&b, "}}");
  j = fxQuery(&f, strbuf_cstr(&b), &nStatus);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  /* Past jansson's own depth: bad JSON, not a crash. */
  strbuf_truncate(&b, 0);
  strbuf_puts(&b, "{\"statement\": \"RETURN $p\", \"parameters\": {\"p\": ");
  for (int i = 0; i < 100000; i++) strbuf_putc(&b, '[');
  j = fxQuery(&f, strbuf_cstr(&b), &nStatus);
  assert_int_equal(nStatus, 400);
  assert_string_equal(errCode(j), "Neo.ClientError.Request.InvalidFormat");
  json_decref(j);
  strbuf_free(&b);
  /* The engine nests up to 1000 levels; both writers take them. */
  const char *zDeep = "{\"statement\": \"RETURN reduce(l = [], x IN range(1, 998) | [l])\"}";
  j = fxQuery(&f, zDeep, &nStatus);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  Call c = {.zBody = zDeep, .zAccept = "application/vnd.neo4j.query"};
  j = fxCall(&f, c, &nStatus, NULL);
  assert_int_equal(nStatus, 202);
  json_decref(j);
  fxClose(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(testPlainResults),
      cmocka_unit_test(testTypedResults),
      cmocka_unit_test(testTypedRoundTrip),
      cmocka_unit_test(testBadParameters),
      cmocka_unit_test(testErrors),
      cmocka_unit_test(testAccess),
      cmocka_unit_test(testAccessRule),
      cmocka_unit_test(testCountersAndNotifications),
      cmocka_unit_test(testTransactions),
      cmocka_unit_test(testExpiry),
      cmocka_unit_test(testLimits),
      cmocka_unit_test(testDeepNesting),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
