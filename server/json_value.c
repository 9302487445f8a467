/*
** json_value.c — JSON to Tangle values and back (json_value.h).
**
** Reading a parameter recurses once per list or map level and stops at
** JV_MAX_DEPTH with an error (jansson has already bounded the document's
** nesting while parsing it). Writing keeps an explicit stack of work items
** on the heap, as packstream.c does, so a deeply nested result costs
** memory in proportion to its size and never stack depth.
*/
#include "server/json_value.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "server/http.h"
#include "value/point.h"
#include "value/temporal.h"
#include "value/temporal_parse.h"
#include "value/value.h"

/* ======================================================================
** JSON to values
** ==================================================================== */

/* A conversion under way: where values go and what went wrong where. */
typedef struct JvRead {
  Arena *pA;
  char zMsg[256];    /* the failure */
  char zPath[256];   /* where, built from the inside out: "[2].when" */
} JvRead;

static bool jvFail(JvRead *r, const char *zFmt, const char *zArg) {
  snprintf(r->zMsg, sizeof(r->zMsg), zFmt, zArg);
  return false;
}

/* Puts zSeg in front of the path built so far (cut when it gets long). */
static void jvPathPrepend(JvRead *r, const char *zSeg) {
  size_t nSeg = strlen(zSeg), nPath = strlen(r->zPath);
  if (nSeg + nPath + 1 > sizeof(r->zPath)) return;
  memmove(r->zPath + nSeg, r->zPath, nPath + 1);
  memcpy(r->zPath, zSeg, nSeg);
}

/* Is j a typed value: an object of exactly "$type" (a string) and "_value"? */
static bool jvIsTyped(json_t *j) {
  return json_is_object(j) && json_object_size(j) == 2 && json_is_string(json_object_get(j, "$type")) &&
         json_object_get(j, "_value") != NULL;
}

static bool jvRead(JvRead *r, json_t *j, int depth, Value *pOut);

static bool jvReadList(JvRead *r, json_t *j, int depth, Value *pOut) {
  if (depth >= JV_MAX_DEPTH) return jvFail(r, "lists and maps nest more than %s levels deep", "100");
  size_t n = json_array_size(j);
  if (n > VALUE_MAX_LIST) return jvFail(r, "a list may hold at most %s elements", "100000000");
  *pOut = value_list_new(r->pA, (uint32_t)n);
  for (size_t i = 0; i < n; i++) {
    if (!jvRead(r, json_array_get(j, i), depth + 1, &pOut->u.a[i])) {
      char zSeg[32];
      snprintf(zSeg, sizeof(zSeg), "[%zu]", i);
      jvPathPrepend(r, zSeg);
      return false;
    }
  }
  value_seal_depth(pOut);
  return true;
}

static bool jvReadMap(JvRead *r, json_t *j, int depth, Value *pOut) {
  if (depth >= JV_MAX_DEPTH) return jvFail(r, "lists and maps nest more than %s levels deep", "100");
  *pOut = value_map_new(r->pA, (uint32_t)json_object_size(j));
  uint32_t i = 0;
  const char *zKey;
  json_t *pItem;
  json_object_foreach(j, zKey, pItem) {
    MapEntry *e = &pOut->u.m[i++];
    e->nKey = (uint32_t)strlen(zKey);
    e->zKey = arena_strndup(r->pA, zKey, e->nKey);
    if (!jvRead(r, pItem, depth + 1, &e->v)) {
      char zSeg[80];
      snprintf(zSeg, sizeof(zSeg), ".%.70s", zKey);
      jvPathPrepend(r, zSeg);
      return false;
    }
  }
  value_seal_depth(pOut);
  return true;
}

/* A decimal integer written as a string, all of it, in range. */
static bool jvParseInt(const char *z, int64_t *pi) {
  const char *p = z;
  if (*p == '-' || *p == '+') p++;
  if (*p < '0' || *p > '9') return false;
  for (; *p; p++) {
    if (*p < '0' || *p > '9') return false;
  }
  errno = 0;
  long long i = strtoll(z, NULL, 10);
  if (errno == ERANGE) return false;
  *pi = (int64_t)i;
  return true;
}

/* A float written as a string: decimal notation, NaN or (-)Infinity. */
static bool jvParseFloat(const char *z, double *pf) {
  if (strcmp(z, "NaN") == 0) {
    *pf = NAN;
    return true;
  }
  if (strcmp(z, "Infinity") == 0 || strcmp(z, "+Infinity") == 0) {
    *pf = INFINITY;
    return true;
  }
  if (strcmp(z, "-Infinity") == 0) {
    *pf = -INFINITY;
    return true;
  }
  if (*z == 0 || strspn(z, "0123456789+-.eE") != strlen(z)) return false;
  char *zEnd = NULL;
  *pf = strtod(z, &zEnd);
  return zEnd && *zEnd == 0;
}

/* The temporal type a $type names, or -1. */
static int jvTemporalType(const char *zType) {
  static const struct {
    const char *zName;
    int type;
  } aType[] = {
      {"Date", VAL_DATE},
      {"Time", VAL_TIME},
      {"LocalTime", VAL_LOCALTIME},
      {"LocalDateTime", VAL_LOCALDATETIME},
      {"OffsetDateTime", VAL_DATETIME},
      {"ZonedDateTime", VAL_DATETIME},
      {"DateTime", VAL_DATETIME},
      {"Duration", VAL_DURATION},
  };
  for (size_t i = 0; i < ARRAY_SIZE(aType); i++) {
    if (strcmp(aType[i].zName, zType) == 0) return aType[i].type;
  }
  return -1;
}

/* A typed value {"$type": T, "_value": V}. */
static bool jvReadTyped(JvRead *r, json_t *j, int depth, Value *pOut) {
  const char *zType = json_string_value(json_object_get(j, "$type"));
  json_t *v = json_object_get(j, "_value");
  int eTemporal = jvTemporalType(zType);
  if (strcmp(zType, "Null") == 0) {
    if (!json_is_null(v)) return jvFail(r, "a %s value must be null", zType);
    *pOut = value_null();
  } else if (strcmp(zType, "Boolean") == 0) {
    if (!json_is_boolean(v)) return jvFail(r, "a %s value must be true or false", zType);
    *pOut = value_bool(json_is_true(v));
  } else if (strcmp(zType, "Integer") == 0) {
    int64_t i = 0;
    if (json_is_integer(v)) {
      i = json_integer_value(v);
    } else if (!json_is_string(v) || !jvParseInt(json_string_value(v), &i)) {
      return jvFail(r, "an %s value must be a decimal integer (as a string) within 64 bits", zType);
    }
    *pOut = value_int(i);
  } else if (strcmp(zType, "Float") == 0) {
    double f = 0;
    if (json_is_number(v)) {
      f = json_number_value(v);
    } else if (!json_is_string(v) || !jvParseFloat(json_string_value(v), &f)) {
      return jvFail(r, "a %s value must be a number (as a string), \"NaN\", \"Infinity\" or \"-Infinity\"", zType);
    }
    *pOut = value_float(f);
  } else if (strcmp(zType, "String") == 0) {
    if (!json_is_string(v)) return jvFail(r, "a %s value must be a string", zType);
    return jvRead(r, v, depth, pOut);
  } else if (strcmp(zType, "List") == 0) {
    if (!json_is_array(v)) return jvFail(r, "a %s value must be an array", zType);
    return jvReadList(r, v, depth, pOut);
  } else if (strcmp(zType, "Map") == 0) {
    if (!json_is_object(v)) return jvFail(r, "a %s value must be an object", zType);
    return jvReadMap(r, v, depth, pOut);
  } else if (eTemporal >= 0) {
    if (!json_is_string(v)) return jvFail(r, "a %s value must be its ISO 8601 text", zType);
    const char *z = json_string_value(v);
    if (!temporal_from_text(r->pA, eTemporal, z, (int)json_string_length(v), pOut)) {
      snprintf(r->zMsg, sizeof(r->zMsg), "\"%.100s\" is not a %s", z, zType);
      return false;
    }
  } else if (strcmp(zType, "Base64") == 0) {
    return jvFail(r, "Tangle has no byte arrays, so a %s value cannot be a parameter", zType);
  } else if (strcmp(zType, "Point") == 0) {
    if (!json_is_string(v)) return jvFail(r, "a %s value must be text such as \"SRID=7203;POINT (1.0 2.0)\"", zType);
    const char *z = json_string_value(v);
    Point pt;
    char zErr[200];
    if (!point_parse_wkt(z, json_string_length(v), &pt)) {
      snprintf(r->zMsg, sizeof(r->zMsg), "\"%.100s\" is not a %s (SRID=7203;POINT (1.0 2.0))", z, zType);
      return false;
    }
    const PointCrs *pCrs = point_crs_by_srid(pt.srid);
    if (pCrs == NULL || pCrs->nDim != pt.nDim) {
      snprintf(r->zMsg, sizeof(r->zMsg), "\"%.100s\": %s", z,
               pCrs ? "wrong number of coordinates for the srid" : "unknown srid");
      return false;
    }
    const char *zWhy = point_check(&pt, zErr, sizeof(zErr));
    if (zWhy) return jvFail(r, "%s", zWhy);
    *pOut = point_value(r->pA, &pt);
  } else if (strcmp(zType, "Node") == 0 || strcmp(zType, "Relationship") == 0 || strcmp(zType, "Path") == 0) {
    return jvFail(r, "a %s cannot be a parameter (pass its elementId and MATCH it)", zType);
  } else {
    snprintf(r->zMsg, sizeof(r->zMsg), "unknown $type \"%.60s\" (Null, Boolean, Integer, Float, String, List, Map, "
             "Date, Time, LocalTime, LocalDateTime, OffsetDateTime, ZonedDateTime, Duration)", zType);
    return false;
  }
  return true;
}

/* Any JSON value, plain or typed. */
static bool jvRead(JvRead *r, json_t *j, int depth, Value *pOut) {
  if (json_is_string(j) && json_string_length(j) > VALUE_MAX_STRING) {
    return jvFail(r, "a string may hold at most %s bytes", "256 MiB");
  }
  switch (json_typeof(j)) {
    case JSON_NULL: *pOut = value_null(); return true;
    case JSON_TRUE: *pOut = value_bool(true); return true;
    case JSON_FALSE: *pOut = value_bool(false); return true;
    case JSON_INTEGER: *pOut = value_int(json_integer_value(j)); return true;
    case JSON_REAL: *pOut = value_float(json_real_value(j)); return true;
    case JSON_STRING: *pOut = value_str_copy(r->pA, json_string_value(j), json_string_length(j)); return true;
    case JSON_ARRAY: return jvReadList(r, j, depth, pOut);
    case JSON_OBJECT: return jvIsTyped(j) ? jvReadTyped(r, j, depth, pOut) : jvReadMap(r, j, depth, pOut);
  }
  return jvFail(r, "%s", "not a JSON value");
}

bool jv_bind_params(tg_stmt *pStmt, json_t *pParams, char *zErr, size_t nErr) {
  if (nErr) zErr[0] = 0;
  if (pParams == NULL || json_is_null(pParams)) return true;
  if (!json_is_object(pParams)) {
    snprintf(zErr, nErr, "\"parameters\" must be an object of parameter names and values");
    return false;
  }
  Arena a;
  arena_init(&a);
  bool bOk = true;
  for (int i = 0; bOk && i < tg_param_count(pStmt); i++) {
    const char *zName = tg_param_name(pStmt, i);
    json_t *j = json_object_get(pParams, zName);
    if (j == NULL) continue;
    JvRead r;
    memset(&r, 0, sizeof(r));
    r.pA = &a;
    Value v;
    if (!jvRead(&r, j, 0, &v)) {
      snprintf(zErr, nErr, "parameter $%s%s: %s", zName, r.zPath, r.zMsg);
      bOk = false;
    } else if (tg_bind_value(pStmt, zName, &v) != TG_OK) {
      snprintf(zErr, nErr, "parameter $%s: %s", zName, tg_errmsg(tg_stmt_db(pStmt)));
      bOk = false;
    }
    arena_reset(&a);
  }
  arena_free(&a);
  return bOk;
}

/* ======================================================================
** Values to JSON
** ==================================================================== */

/* What a work item writes when it is popped. */
typedef enum JvWorkKind {
  JW_VALUE,   /* the value u.p */
  JW_TEXT,    /* the static text u.z */
  JW_KEY      /* the object key u.z of n bytes, and ':' */
} JvWorkKind;

typedef struct JvWork {
  uint8_t eKind;
  uint32_t n;
  union {
    const Value *p;
    const char *z;
  } u;
} JvWork;

typedef struct JvWriter {
  StrBuf *pOut;
  tg_db *pDb;
  bool bTyped;
  JvWork *aWork;      /* aInline or a tg_malloc block */
  uint32_t nWork, nWorkCap;
  JvWork aInline[32];
} JvWriter;

static void jvPush(JvWriter *w, JvWork item) {
  if (w->nWork == w->nWorkCap) {
    uint32_t nNew = w->nWorkCap * 2;
    JvWork *aNew = tg_malloc(sizeof(JvWork) * nNew);
    memcpy(aNew, w->aWork, sizeof(JvWork) * w->nWork);
    if (w->aWork != w->aInline) tg_free(w->aWork);
    w->aWork = aNew;
    w->nWorkCap = nNew;
  }
  w->aWork[w->nWork++] = item;
}

static void jvPushValue(JvWriter *w, const Value *p) {
  JvWork item = {.eKind = JW_VALUE, .u.p = p};
  jvPush(w, item);
}

static void jvPushText(JvWriter *w, const char *z) {
  JvWork item = {.eKind = JW_TEXT, .u.z = z};
  jvPush(w, item);
}

static void jvPushKey(JvWriter *w, const char *z, uint32_t n) {
  JvWork item = {.eKind = JW_KEY, .n = n, .u.z = z};
  jvPush(w, item);
}

/* Pushes items[0..n-1] (values) with commas between, first on top. */
static void jvPushItems(JvWriter *w, const Value *a, uint32_t n) {
  for (uint32_t i = n; i > 0; i--) {
    jvPushValue(w, &a[i - 1]);
    if (i > 1) jvPushText(w, ",");
  }
}

/* Opens a typed value: {"$type":"T","_value": — and pushes its "}". */
static void jvOpenTyped(JvWriter *w, const char *zType) {
  strbuf_printf(w->pOut, "{\"$type\":\"%s\",\"_value\":", zType);
  jvPushText(w, "}");
}

/* Pushes an entity's properties as the entries of an object whose "{" is
** written; its "}" is the caller's. */
static void jvPushProperties(JvWriter *w, const Value *pEntity) {
  int nProp = tg_entity_prop_count(w->pDb, pEntity);
  for (int i = nProp - 1; i >= 0; i--) {
    const char *zKey = tg_entity_prop_key(w->pDb, pEntity, i);
    const Value *pVal = tg_entity_prop_value(w->pDb, pEntity, i);
    if (zKey == NULL || pVal == NULL) continue;
    jvPushValue(w, pVal);
    jvPushKey(w, zKey, (uint32_t)strlen(zKey));
    if (i > 0) jvPushText(w, ",");
  }
}

/* A node: its element id, labels and properties (a node deleted since
** reads as one with none). */
static void jvPutNode(JvWriter *w, uint32_t id) {
  StrBuf *pOut = w->pOut;
  Value node = value_node(id);
  if (w->bTyped) jvOpenTyped(w, "Node");
  strbuf_printf(pOut, w->bTyped ? "{\"_element_id\":\"n%" PRIu32 "\",\"_labels\":[" : "{\"elementId\":\"n%" PRIu32 "\",\"labels\":[", id);
  int nLabel = tg_node_label_count(w->pDb, &node);
  for (int i = 0; i < nLabel; i++) {
    const char *zLabel = tg_node_label(w->pDb, &node, i);
    if (zLabel == NULL) zLabel = "";
    if (i) strbuf_putc(pOut, ',');
    http_json_string(pOut, zLabel, strlen(zLabel));
  }
  strbuf_puts(pOut, w->bTyped ? "],\"_properties\":{" : "],\"properties\":{");
  jvPushText(w, "}}");
  jvPushProperties(w, &node);
}

/* A relationship: its element id, ends, type and properties. */
static void jvPutRel(JvWriter *w, uint32_t id) {
  StrBuf *pOut = w->pOut;
  Value rel = value_rel(id);
  const char *zType = tg_rel_type(w->pDb, &rel);
  int64_t iStart = tg_rel_start(w->pDb, &rel), iEnd = tg_rel_end(w->pDb, &rel);
  if (w->bTyped) jvOpenTyped(w, "Relationship");
  strbuf_printf(pOut,
                w->bTyped ? "{\"_element_id\":\"r%" PRIu32 "\",\"_start_node_element_id\":\"n%" PRId64
                            "\",\"_end_node_element_id\":\"n%" PRId64 "\",\"_type\":"
                          : "{\"elementId\":\"r%" PRIu32 "\",\"startNodeElementId\":\"n%" PRId64
                            "\",\"endNodeElementId\":\"n%" PRId64 "\",\"type\":",
                id, iStart, iEnd);
  if (zType == NULL) zType = "";
  http_json_string(pOut, zType, strlen(zType));
  strbuf_puts(pOut, w->bTyped ? ",\"_properties\":{" : ",\"properties\":{");
  jvPushText(w, "}}");
  jvPushProperties(w, &rel);
}

/* The $type of a temporal value. */
static const char *jvTemporalName(const Value *p) {
  switch (p->type) {
    case VAL_DATE: return "Date";
    case VAL_TIME: return "Time";
    case VAL_LOCALTIME: return "LocalTime";
    case VAL_LOCALDATETIME: return "LocalDateTime";
    case VAL_DATETIME: return p->u.t->zZone ? "ZonedDateTime" : "OffsetDateTime";
    default: return "Duration";
  }
}

/* Writes one value; lists, maps, paths and entities push what follows. */
static void jvPutOne(JvWriter *w, const Value *p) {
  StrBuf *pOut = w->pOut;
  bool bTyped = w->bTyped;
  char zNum[64];
  switch (p->type) {
    case VAL_NULL:
      strbuf_puts(pOut, bTyped ? "{\"$type\":\"Null\",\"_value\":null}" : "null");
      break;
    case VAL_BOOL:
      if (bTyped) strbuf_puts(pOut, "{\"$type\":\"Boolean\",\"_value\":");
      strbuf_puts(pOut, p->u.b ? "true" : "false");
      if (bTyped) strbuf_putc(pOut, '}');
      break;
    case VAL_INT:
      if (bTyped) {
        strbuf_printf(pOut, "{\"$type\":\"Integer\",\"_value\":\"%" PRId64 "\"}", p->u.i);
      } else {
        strbuf_printf(pOut, "%" PRId64, p->u.i);
      }
      break;
    case VAL_FLOAT:
      value_format_double(zNum, sizeof(zNum), p->u.f);
      if (bTyped) {
        strbuf_printf(pOut, "{\"$type\":\"Float\",\"_value\":\"%s\"}", zNum);
      } else if (isfinite(p->u.f)) {
        strbuf_puts(pOut, zNum);
      } else {
        strbuf_printf(pOut, "\"%s\"", zNum);   /* JSON has no NaN or infinities */
      }
      break;
    case VAL_STRING:
      if (bTyped) strbuf_puts(pOut, "{\"$type\":\"String\",\"_value\":");
      http_json_string(pOut, p->u.z, p->n);
      if (bTyped) strbuf_putc(pOut, '}');
      break;
    case VAL_LIST:
    case VAL_PATH:
      if (bTyped) jvOpenTyped(w, p->type == VAL_LIST ? "List" : "Path");
      strbuf_putc(pOut, '[');
      jvPushText(w, "]");
      jvPushItems(w, p->u.a, p->n);
      break;
    case VAL_MAP:
      if (bTyped) jvOpenTyped(w, "Map");
      strbuf_putc(pOut, '{');
      jvPushText(w, "}");
      for (uint32_t i = p->n; i > 0; i--) {
        jvPushValue(w, &p->u.m[i - 1].v);
        jvPushKey(w, p->u.m[i - 1].zKey, p->u.m[i - 1].nKey);
        if (i > 1) jvPushText(w, ",");
      }
      break;
    case VAL_NODE: jvPutNode(w, p->u.id); break;
    case VAL_REL: jvPutRel(w, p->u.id); break;
    case VAL_POINT: {
      /* Well-known text with the srid, as the Query API writes points. */
      if (bTyped) strbuf_puts(pOut, "{\"$type\":\"Point\",\"_value\":");
      StrBuf wkt;
      strbuf_init(&wkt);
      point_format_wkt(&wkt, p->u.pt);
      http_json_string(pOut, wkt.z ? wkt.z : "", wkt.n);
      strbuf_free(&wkt);
      if (bTyped) strbuf_putc(pOut, '}');
      break;
    }
    default:
      if (value_is_temporal(p)) {
        if (bTyped) strbuf_printf(pOut, "{\"$type\":\"%s\",\"_value\":", jvTemporalName(p));
        StrBuf iso;
        strbuf_init(&iso);
        temporal_format(&iso, p);
        http_json_string(pOut, iso.z ? iso.z : "", iso.n);
        strbuf_free(&iso);
        if (bTyped) strbuf_putc(pOut, '}');
      } else {
        strbuf_puts(pOut, "null");   /* no other type exists; keep the JSON well formed */
      }
      break;
  }
}

void jv_write_value(StrBuf *pOut, tg_db *pDb, const tg_value *v, bool bTyped) {
  JvWriter w;
  w.pOut = pOut;
  w.pDb = pDb;
  w.bTyped = bTyped;
  w.aWork = w.aInline;
  w.nWork = 0;
  w.nWorkCap = ARRAY_SIZE(w.aInline);
  jvPushValue(&w, v);
  while (w.nWork) {
    JvWork item = w.aWork[--w.nWork];
    switch (item.eKind) {
      case JW_VALUE: jvPutOne(&w, item.u.p); break;
      case JW_TEXT: strbuf_puts(pOut, item.u.z); break;
      default:
        http_json_string(pOut, item.u.z, item.n);
        strbuf_putc(pOut, ':');
        break;
    }
  }
  if (w.aWork != w.aInline) tg_free(w.aWork);
}
