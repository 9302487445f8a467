/*
** packstream.c — PackStream v1 writing and reading (see packstream.h).
**
** The wire format, in one table (every multi-byte number is big-endian):
**
**   00..7F  +TINY_INT 0..127       F0..FF  -TINY_INT -16..-1
**   80..8F  string of 0..15 bytes  D0/D1/D2  string, 8/16/32-bit size
**   90..9F  list of 0..15 items    D4/D5/D6  list, 8/16/32-bit count
**   A0..AF  map of 0..15 entries   D8/D9/DA  map, 8/16/32-bit count
**   B0..BF  structure of 0..15 fields, then a tag byte, then the fields
**   C0 null  C1 float64  C2 false  C3 true  C8/C9/CA/CB int 8/16/32/64
**   CC/CD/CE byte array (refused here)  anything else is reserved
**
** Writing walks a value with an explicit stack of work items, so a deep
** value (VALUE_MAX_DEPTH levels) or a long path costs heap, not C stack.
** Nodes, relationships and paths are read out of the database through the
** public API (tangle.h) as they are written.
**
** Reading keeps one frame per open list or map (at most PS_MAX_DEPTH) in
** an array on the C stack; structures are read whole where they are met,
** since every structure a client may send holds scalars only.
*/
#include "server/packstream.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "base/htab.h"
#include "base/mem.h"
#include "base/tzdb.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "value/point.h"
#include "value/temporal.h"
#include "value/temporal_parse.h"

/* ======================================================================
** Writing
** ==================================================================== */

/* Appends the low nByte bytes of x, most significant first. */
static void psPutBigEndian(StrBuf *pOut, uint64_t x, int nByte) {
  char a[8];
  for (int i = 0; i < nByte; i++) a[i] = (char)(x >> (8 * (nByte - 1 - i)));
  strbuf_append(pOut, a, (size_t)nByte);
}

static void psPutByte(StrBuf *pOut, uint8_t b) { strbuf_putc(pOut, (char)b); }

/* A size in the form shared by strings, lists and maps: the tiny marker
** with the size in its low nibble, else the 8-, 16- or 32-bit marker
** (aMarker[0..2]) and the size. */
static void psPutSized(StrBuf *pOut, uint8_t tinyMarker, const uint8_t aMarker[3], uint64_t n) {
  if (n < 16) {
    psPutByte(pOut, (uint8_t)(tinyMarker | n));
  } else if (n <= 0xFF) {
    psPutByte(pOut, aMarker[0]);
    psPutBigEndian(pOut, n, 1);
  } else if (n <= 0xFFFF) {
    psPutByte(pOut, aMarker[1]);
    psPutBigEndian(pOut, n, 2);
  } else {
    psPutByte(pOut, aMarker[2]);
    psPutBigEndian(pOut, n, 4);
  }
}

void ps_put_null(StrBuf *pOut) { psPutByte(pOut, 0xC0); }

void ps_put_bool(StrBuf *pOut, bool b) { psPutByte(pOut, b ? 0xC3 : 0xC2); }

void ps_put_int(StrBuf *pOut, int64_t i) {
  if (i >= -16 && i <= 127) {
    psPutByte(pOut, (uint8_t)i);
  } else if (i >= INT8_MIN && i <= INT8_MAX) {
    psPutByte(pOut, 0xC8);
    psPutBigEndian(pOut, (uint64_t)i, 1);
  } else if (i >= INT16_MIN && i <= INT16_MAX) {
    psPutByte(pOut, 0xC9);
    psPutBigEndian(pOut, (uint64_t)i, 2);
  } else if (i >= INT32_MIN && i <= INT32_MAX) {
    psPutByte(pOut, 0xCA);
    psPutBigEndian(pOut, (uint64_t)i, 4);
  } else {
    psPutByte(pOut, 0xCB);
    psPutBigEndian(pOut, (uint64_t)i, 8);
  }
}

void ps_put_float(StrBuf *pOut, double f) {
  uint64_t u;
  memcpy(&u, &f, sizeof(u));
  psPutByte(pOut, 0xC1);
  psPutBigEndian(pOut, u, 8);
}

void ps_put_string(StrBuf *pOut, const char *z, size_t n) {
  static const uint8_t aMarker[3] = {0xD0, 0xD1, 0xD2};
  assert(n <= UINT32_MAX);
  psPutSized(pOut, 0x80, aMarker, n);
  strbuf_append(pOut, z, n);
}

void ps_put_list_header(StrBuf *pOut, uint32_t nItem) {
  static const uint8_t aMarker[3] = {0xD4, 0xD5, 0xD6};
  psPutSized(pOut, 0x90, aMarker, nItem);
}

void ps_put_map_header(StrBuf *pOut, uint32_t nEntry) {
  static const uint8_t aMarker[3] = {0xD8, 0xD9, 0xDA};
  psPutSized(pOut, 0xA0, aMarker, nEntry);
}

void ps_put_struct_header(StrBuf *pOut, uint8_t tag, uint32_t nField) {
  assert(nField <= PS_MAX_STRUCT_FIELDS);
  psPutByte(pOut, (uint8_t)(0xB0 | (nField & 0x0F)));
  psPutByte(pOut, tag);
}

/* ---- Values: the work stack ------------------------------------------- */

/* What a work item writes when it is popped. */
typedef enum PsWorkKind {
  PSW_VALUE,          /* the Value u.p (lists and maps push their items) */
  PSW_STRING,         /* the string u.z of n bytes (a map key) */
  PSW_INT,            /* the integer u.i */
  PSW_ID_STRING,      /* the element id of u.i: its decimal digits, as a string */
  PSW_LIST_HEADER,    /* a list header of n items (a path's three lists) */
  PSW_NODE,           /* the Node structure of node u.i */
  PSW_UNBOUND_REL     /* the UnboundRelationship structure of relationship u.i */
} PsWorkKind;

typedef struct PsWork {
  uint8_t eKind;      /* PsWorkKind */
  uint32_t n;         /* PSW_STRING, PSW_LIST_HEADER */
  union {
    const Value *p;
    const char *z;
    int64_t i;
  } u;
} PsWork;

/* The state of one ps_put_value(). The stack starts in aInline and moves
** to the heap when a value needs more. */
typedef struct PsWriter {
  StrBuf *pOut;
  tg_db *pDb;
  int flags;                /* PS_BOLT_* */
  PsWork *aWork;            /* the stack: aInline or a tg_malloc block */
  uint32_t nWork;
  uint32_t nWorkCap;
  PsWork aInline[32];
} PsWriter;

static void psPush(PsWriter *w, PsWork item) {
  if (w->nWork == w->nWorkCap) {
    uint32_t nNew = w->nWorkCap * 2;
    PsWork *aNew = tg_malloc(sizeof(PsWork) * nNew);
    memcpy(aNew, w->aWork, sizeof(PsWork) * w->nWork);
    if (w->aWork != w->aInline) tg_free(w->aWork);
    w->aWork = aNew;
    w->nWorkCap = nNew;
  }
  w->aWork[w->nWork++] = item;
}

static void psPushValue(PsWriter *w, const Value *p) {
  PsWork item = {.eKind = PSW_VALUE, .u.p = p};
  psPush(w, item);
}

static void psPushString(PsWriter *w, const char *z, uint32_t n) {
  PsWork item = {.eKind = PSW_STRING, .n = n, .u.z = z};
  psPush(w, item);
}

static void psPushInt(PsWriter *w, int eKind, int64_t i) {
  PsWork item = {.eKind = (uint8_t)eKind, .u.i = i};
  psPush(w, item);
}

static void psPushListHeader(PsWriter *w, uint32_t n) {
  PsWork item = {.eKind = PSW_LIST_HEADER, .n = n};
  psPush(w, item);
}

/* An element id: Tangle's is the numeric id written in decimal. */
static void psPutElementId(StrBuf *pOut, int64_t id) {
  char z[24];
  int n = snprintf(z, sizeof(z), "%" PRId64, id);
  ps_put_string(pOut, z, (size_t)n);
}

/* Writes the properties map header of an entity and pushes its entries
** (key then value, first entry on top). */
static void psPutProperties(PsWriter *w, const Value *pEntity) {
  static const Value nullValue = {0};
  int nProp = tg_entity_prop_count(w->pDb, pEntity);
  ps_put_map_header(w->pOut, (uint32_t)nProp);
  for (int i = nProp - 1; i >= 0; i--) {
    const char *zKey = tg_entity_prop_key(w->pDb, pEntity, i);
    const Value *pVal = tg_entity_prop_value(w->pDb, pEntity, i);
    if (zKey == NULL) zKey = "";
    psPushValue(w, pVal ? pVal : &nullValue);
    psPushString(w, zKey, (uint32_t)strlen(zKey));
  }
}

/*
** Node {id, labels, properties[, element_id]}. A node that no longer
** exists reads (through tangle.h) as one with no labels and no properties.
*/
static void psPutNode(PsWriter *w, uint32_t id) {
  Value node = value_node(id);
  bool bElementId = (w->flags & PS_BOLT_ELEMENT_ID) != 0;
  ps_put_struct_header(w->pOut, PS_TAG_NODE, bElementId ? 4 : 3);
  ps_put_int(w->pOut, id);
  int nLabel = tg_node_label_count(w->pDb, &node);
  ps_put_list_header(w->pOut, (uint32_t)nLabel);
  for (int i = 0; i < nLabel; i++) {
    const char *zLabel = tg_node_label(w->pDb, &node, i);
    if (zLabel == NULL) zLabel = "";
    ps_put_string(w->pOut, zLabel, strlen(zLabel));
  }
  if (bElementId) psPushInt(w, PSW_ID_STRING, id);
  psPutProperties(w, &node);
}

/*
** Relationship {id, startNodeId, endNodeId, type, properties[,
** element_id, start_node_element_id, end_node_element_id]}, or with
** bUnbound the UnboundRelationship {id, type, properties[, element_id]}
** that paths hold. A relationship past the end of the store reads as
** type NULL with ends -1: it is written with type "".
*/
static void psPutRelationship(PsWriter *w, uint32_t id, bool bUnbound) {
  Value rel = value_rel(id);
  bool bElementId = (w->flags & PS_BOLT_ELEMENT_ID) != 0;
  const char *zType = tg_rel_type(w->pDb, &rel);
  if (zType == NULL) zType = "";
  if (bUnbound) {
    ps_put_struct_header(w->pOut, PS_TAG_UNBOUND_RELATIONSHIP, bElementId ? 4 : 3);
    ps_put_int(w->pOut, id);
    ps_put_string(w->pOut, zType, strlen(zType));
    if (bElementId) psPushInt(w, PSW_ID_STRING, id);
  } else {
    int64_t iStart = tg_rel_start(w->pDb, &rel);
    int64_t iEnd = tg_rel_end(w->pDb, &rel);
    ps_put_struct_header(w->pOut, PS_TAG_RELATIONSHIP, bElementId ? 8 : 5);
    ps_put_int(w->pOut, id);
    ps_put_int(w->pOut, iStart);
    ps_put_int(w->pOut, iEnd);
    ps_put_string(w->pOut, zType, strlen(zType));
    if (bElementId) {
      psPushInt(w, PSW_ID_STRING, iEnd);
      psPushInt(w, PSW_ID_STRING, iStart);
      psPushInt(w, PSW_ID_STRING, id);
    }
  }
  psPutProperties(w, &rel);
}

/* Equality of ids for the de-duplicating tables of psPutPath: entry i of
** the uint32_t array pCtx against the id at pKey. */
static bool psIdEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  return ((const uint32_t *)pCtx)[iEntry] == *(const uint32_t *)pKey;
}

/* The index of id among the distinct ids a[0..*pn-1] (hashed in pTab),
** appending it when new. */
static uint32_t psDistinctIndex(HTab *pTab, uint32_t *a, uint32_t *pn, uint32_t id) {
  uint64_t h = htab_hash_u64(id);
  int64_t i = htab_find(pTab, h, psIdEq, a, &id);
  if (i >= 0) return (uint32_t)i;
  a[*pn] = id;
  htab_insert(pTab, h, *pn);
  return (*pn)++;
}

/*
** Path {nodes, rels, indices}: the distinct nodes in order of first
** appearance, the distinct relationships likewise (as
** UnboundRelationships), and for each step the relationship's 1-based
** index in rels, negated when the step runs against its direction, then
** the 0-based index in nodes of the node the step reaches. The first
** node of the path is nodes[0]. Everything after the structure header
** goes on the stack, last item first.
*/
static void psPutPath(PsWriter *w, const Value *p) {
  uint32_t nStep = p->n ? (p->n - 1) / 2 : 0;   /* p->n is 2 * nStep + 1 */
  ps_put_struct_header(w->pOut, PS_TAG_PATH, 3);
  uint32_t *aNode = tg_malloc(sizeof(uint32_t) * (nStep + 1));
  uint32_t *aRel = tg_malloc(sizeof(uint32_t) * (nStep + 1));
  int64_t *aIndex = tg_malloc(sizeof(int64_t) * (2 * (size_t)nStep + 1));
  uint32_t nNode = 0, nRel = 0;
  HTab nodeTab, relTab;
  htab_init(&nodeTab);
  htab_init(&relTab);
  if (p->n) psDistinctIndex(&nodeTab, aNode, &nNode, p->u.a[0].u.id);
  for (uint32_t k = 0; k < nStep; k++) {
    const Value *pPrev = &p->u.a[2 * k];
    const Value *pRel = &p->u.a[2 * k + 1];
    const Value *pNext = &p->u.a[2 * k + 2];
    int64_t iRel = psDistinctIndex(&relTab, aRel, &nRel, pRel->u.id) + 1;
    /* Forward unless the relationship ends where the step starts and
    ** does not also start there (a self-loop is forward). */
    int64_t iStart = tg_rel_start(w->pDb, pRel), iEnd = tg_rel_end(w->pDb, pRel);
    bool bForward = iStart == (int64_t)pPrev->u.id || iEnd != (int64_t)pPrev->u.id;
    aIndex[2 * k] = bForward ? iRel : -iRel;
    aIndex[2 * k + 1] = psDistinctIndex(&nodeTab, aNode, &nNode, pNext->u.id);
  }
  htab_free(&nodeTab);
  htab_free(&relTab);
  for (uint32_t i = 2 * nStep; i > 0; i--) psPushInt(w, PSW_INT, aIndex[i - 1]);
  psPushListHeader(w, 2 * nStep);
  for (uint32_t i = nRel; i > 0; i--) psPushInt(w, PSW_UNBOUND_REL, aRel[i - 1]);
  psPushListHeader(w, nRel);
  for (uint32_t i = nNode; i > 0; i--) psPushInt(w, PSW_NODE, aNode[i - 1]);
  psPushListHeader(w, nNode);
  tg_free(aNode);
  tg_free(aRel);
  tg_free(aIndex);
}

/*
** The temporal structures. Temporal records keep local fields (epoch days
** and second of the day on the wall clock, nanos in 0..999999999, the
** offset east of UTC); Bolt wants nanoseconds of the day for times,
** seconds since the epoch for date-times (UTC in Bolt 5, local in the
** legacy forms), and a duration's four fields as they are (seconds carry
** the sign, nanos are never negative, as in java.time).
*/
static void psPutTemporal(PsWriter *w, const Value *p) {
  StrBuf *pOut = w->pOut;
  const Temporal *t = p->u.t;
  /* Local seconds since the epoch, for the types with a date and a time
  ** (whose days lie within Cypher's range: no overflow). */
  int64_t iLocalSecs = 0;
  if (p->type == VAL_LOCALDATETIME || p->type == VAL_DATETIME) {
    iLocalSecs = t->days * TZDB_SECS_PER_DAY + t->seconds;
  }
  switch (p->type) {
    case VAL_DATE:
      ps_put_struct_header(pOut, PS_TAG_DATE, 1);
      ps_put_int(pOut, t->days);
      break;
    case VAL_TIME:
      ps_put_struct_header(pOut, PS_TAG_TIME, 2);
      ps_put_int(pOut, t->seconds * TZDB_NANOS_PER_SEC + t->nanos);
      ps_put_int(pOut, t->offset);
      break;
    case VAL_LOCALTIME:
      ps_put_struct_header(pOut, PS_TAG_LOCAL_TIME, 1);
      ps_put_int(pOut, t->seconds * TZDB_NANOS_PER_SEC + t->nanos);
      break;
    case VAL_LOCALDATETIME:
      ps_put_struct_header(pOut, PS_TAG_LOCAL_DATE_TIME, 2);
      ps_put_int(pOut, iLocalSecs);
      ps_put_int(pOut, t->nanos);
      break;
    case VAL_DATETIME: {
      bool bUtc = (w->flags & PS_BOLT_UTC) != 0;
      uint8_t tag;
      if (t->zZone) {
        tag = bUtc ? PS_TAG_DATE_TIME_ZONE_ID : PS_TAG_LEGACY_DATE_TIME_ZONE_ID;
      } else {
        tag = bUtc ? PS_TAG_DATE_TIME : PS_TAG_LEGACY_DATE_TIME;
      }
      ps_put_struct_header(pOut, tag, 3);
      ps_put_int(pOut, bUtc ? iLocalSecs - t->offset : iLocalSecs);
      ps_put_int(pOut, t->nanos);
      if (t->zZone) {
        ps_put_string(pOut, t->zZone, strlen(t->zZone));
      } else {
        ps_put_int(pOut, t->offset);
      }
      break;
    }
    default:
      assert(p->type == VAL_DURATION);
      ps_put_struct_header(pOut, PS_TAG_DURATION, 4);
      ps_put_int(pOut, t->months);
      ps_put_int(pOut, t->days);
      ps_put_int(pOut, t->seconds);
      ps_put_int(pOut, t->nanos);
      break;
  }
}

/* Writes one value; lists, maps and entities push what follows their
** header. */
static void psPutOne(PsWriter *w, const Value *p) {
  StrBuf *pOut = w->pOut;
  switch (p->type) {
    case VAL_NULL: ps_put_null(pOut); break;
    case VAL_BOOL: ps_put_bool(pOut, p->u.b); break;
    case VAL_INT: ps_put_int(pOut, p->u.i); break;
    case VAL_FLOAT: ps_put_float(pOut, p->u.f); break;
    case VAL_STRING: ps_put_string(pOut, p->u.z, p->n); break;
    case VAL_LIST:
      ps_put_list_header(pOut, p->n);
      for (uint32_t i = p->n; i > 0; i--) psPushValue(w, &p->u.a[i - 1]);
      break;
    case VAL_MAP:
      ps_put_map_header(pOut, p->n);
      for (uint32_t i = p->n; i > 0; i--) {
        psPushValue(w, &p->u.m[i - 1].v);
        psPushString(w, p->u.m[i - 1].zKey, p->u.m[i - 1].nKey);
      }
      break;
    case VAL_NODE: psPutNode(w, p->u.id); break;
    case VAL_REL: psPutRelationship(w, p->u.id, false); break;
    case VAL_PATH: psPutPath(w, p); break;
    case VAL_POINT: {
      /* Point2D {srid, x, y} or Point3D {srid, x, y, z} */
      const Point *pt = p->u.pt;
      ps_put_struct_header(pOut, pt->nDim == 3 ? PS_TAG_POINT_3D : PS_TAG_POINT_2D,
                           (uint32_t)pt->nDim + 1);
      ps_put_int(pOut, pt->srid);
      for (int i = 0; i < pt->nDim; i++) ps_put_float(pOut, pt->a[i]);
      break;
    }
    default:
      if (value_is_temporal(p)) {
        psPutTemporal(w, p);
      } else {
        ps_put_null(pOut);   /* no other type exists; keep the stream well formed */
      }
      break;
  }
}

/* Does *p hold a node, relationship or path at any depth? Walks lists and
** maps with an explicit stack (of heap memory bounded by the value). */
static bool psHasEntity(const Value *p) {
  if (p->type == VAL_NODE || p->type == VAL_REL || p->type == VAL_PATH) return true;
  if (p->type != VAL_LIST && p->type != VAL_MAP) return false;
  VEC(const Value *) stack = {0};
  vec_push(&stack, p);
  bool bFound = false;
  while (stack.n && !bFound) {
    const Value *q = stack.a[--stack.n];
    for (uint32_t i = 0; i < q->n && !bFound; i++) {
      const Value *pItem = q->type == VAL_MAP ? &q->u.m[i].v : &q->u.a[i];
      if (pItem->type == VAL_NODE || pItem->type == VAL_REL || pItem->type == VAL_PATH) {
        bFound = true;
      } else if ((pItem->type == VAL_LIST || pItem->type == VAL_MAP) && pItem->n) {
        vec_push(&stack, pItem);
      }
    }
  }
  vec_free(&stack);
  return bFound;
}

bool ps_put_value(StrBuf *pOut, tg_db *pDb, const Value *p, int flags, char *zErr, size_t nErr) {
  if (pDb == NULL && psHasEntity(p)) {
    if (nErr) {
      snprintf(zErr, nErr, "PackStream: writing a node, relationship or path needs the database");
    }
    return false;
  }
  PsWriter w;
  w.pOut = pOut;
  w.pDb = pDb;
  w.flags = flags;
  w.aWork = w.aInline;
  w.nWork = 0;
  w.nWorkCap = ARRAY_SIZE(w.aInline);
  psPushValue(&w, p);
  while (w.nWork) {
    PsWork item = w.aWork[--w.nWork];
    switch (item.eKind) {
      case PSW_VALUE: psPutOne(&w, item.u.p); break;
      case PSW_STRING: ps_put_string(pOut, item.u.z, item.n); break;
      case PSW_INT: ps_put_int(pOut, item.u.i); break;
      case PSW_ID_STRING: psPutElementId(pOut, item.u.i); break;
      case PSW_LIST_HEADER: ps_put_list_header(pOut, item.n); break;
      case PSW_NODE: psPutNode(&w, (uint32_t)item.u.i); break;
      default:
        assert(item.eKind == PSW_UNBOUND_REL);
        psPutRelationship(&w, (uint32_t)item.u.i, true);
        break;
    }
  }
  if (w.aWork != w.aInline) tg_free(w.aWork);
  if (nErr) zErr[0] = 0;
  return true;
}

/* ======================================================================
** Reading
** ==================================================================== */

void ps_reader_init(PsReader *r, const void *p, size_t n) {
  r->p = p;
  r->pEnd = r->p + n;
  r->zErr[0] = 0;
}

int ps_peek_marker(const PsReader *r) { return r->p < r->pEnd ? *r->p : -1; }

/* Records the first error ("PackStream: " and the message) and returns
** false, so that a reader can `return psFail(r, ...)`. */
static bool psFail(PsReader *r, const char *zFmt, ...) TG_PRINTF(2, 3);
static bool psFail(PsReader *r, const char *zFmt, ...) {
  if (r->zErr[0] == 0) {
    static const char zPrefix[] = "PackStream: ";
    memcpy(r->zErr, zPrefix, sizeof(zPrefix));
    va_list ap;
    va_start(ap, zFmt);
    vsnprintf(r->zErr + sizeof(zPrefix) - 1, sizeof(r->zErr) - (sizeof(zPrefix) - 1), zFmt, ap);
    va_end(ap);
  }
  return false;
}

/* Reads an nByte big-endian unsigned number. */
static bool psGetBigEndian(PsReader *r, int nByte, uint64_t *pX) {
  if (ps_remaining(r) < (size_t)nByte) {
    return psFail(r, "the message ends inside a value (%d bytes needed, %zu left)", nByte,
                  ps_remaining(r));
  }
  uint64_t x = 0;
  for (int i = 0; i < nByte; i++) x = (x << 8) | r->p[i];
  r->p += nByte;
  *pX = x;
  return true;
}

/* What a marker announces. */
typedef enum PsKind {
  PSK_NULL, PSK_BOOL, PSK_INT, PSK_FLOAT, PSK_STRING, PSK_LIST, PSK_MAP, PSK_STRUCT, PSK_BYTES
} PsKind;

/* Each kind with its article, for messages ("found a list"). */
static const char *const psKindName[] = {
  "null", "a boolean", "an integer", "a float", "a string", "a list", "a map", "a structure",
  "a byte array"
};

/* A value's head: the marker and what follows it up to the payload
** (strings and byte arrays) or the items (lists, maps, structures). */
typedef struct PsHead {
  PsKind eKind;
  uint64_t n;         /* string/bytes size, list/map count, struct field count */
  int64_t i;          /* integer value */
  double f;           /* float value */
  bool b;             /* boolean value */
  uint8_t tag;        /* structure tag */
} PsHead;

/* Reads the size that follows an 8/16/32-bit sized marker: nByte is 1, 2
** or 4 for marker offsets 0, 1 and 2 from the family's first marker. */
static bool psGetSize(PsReader *r, uint8_t marker, uint8_t first, uint64_t *pN) {
  static const int aByte[3] = {1, 2, 4};
  return psGetBigEndian(r, aByte[marker - first], pN);
}

/* Reads one value's head (see PsHead). Reserved markers are errors. */
static bool psReadHead(PsReader *r, PsHead *h) {
  if (r->p >= r->pEnd) return psFail(r, "the message ends where a value should start");
  uint8_t m = *r->p++;
  memset(h, 0, sizeof(*h));
  uint64_t x = 0;
  if (m <= 0x7F || m >= 0xF0) {
    h->eKind = PSK_INT;
    h->i = (int8_t)m;
    return true;
  }
  switch (m >> 4) {
    case 0x8: h->eKind = PSK_STRING; h->n = m & 0x0F; return true;
    case 0x9: h->eKind = PSK_LIST; h->n = m & 0x0F; return true;
    case 0xA: h->eKind = PSK_MAP; h->n = m & 0x0F; return true;
    case 0xB:
      h->eKind = PSK_STRUCT;
      h->n = m & 0x0F;
      if (!psGetBigEndian(r, 1, &x)) return false;
      h->tag = (uint8_t)x;
      return true;
    default: break;
  }
  switch (m) {
    case 0xC0: h->eKind = PSK_NULL; return true;
    case 0xC1:
      if (!psGetBigEndian(r, 8, &x)) return false;
      h->eKind = PSK_FLOAT;
      memcpy(&h->f, &x, sizeof(h->f));
      return true;
    case 0xC2: case 0xC3: h->eKind = PSK_BOOL; h->b = m == 0xC3; return true;
    case 0xC8: case 0xC9: case 0xCA: case 0xCB: {
      int nByte = 1 << (m - 0xC8);
      if (!psGetBigEndian(r, nByte, &x)) return false;
      /* Sign-extend from nByte bytes. */
      int nShift = 64 - 8 * nByte;
      h->eKind = PSK_INT;
      h->i = nShift ? (int64_t)(x << nShift) >> nShift : (int64_t)x;
      return true;
    }
    case 0xCC: case 0xCD: case 0xCE:
      h->eKind = PSK_BYTES;
      return psGetSize(r, m, 0xCC, &h->n);
    case 0xD0: case 0xD1: case 0xD2:
      h->eKind = PSK_STRING;
      return psGetSize(r, m, 0xD0, &h->n);
    case 0xD4: case 0xD5: case 0xD6:
      h->eKind = PSK_LIST;
      return psGetSize(r, m, 0xD4, &h->n);
    case 0xD8: case 0xD9: case 0xDA:
      h->eKind = PSK_MAP;
      return psGetSize(r, m, 0xD8, &h->n);
    case 0xDC: case 0xDD:
      return psFail(r, "structures of more than %d fields are not supported",
                    PS_MAX_STRUCT_FIELDS);
    default:
      return psFail(r, "unknown marker byte 0x%02X", m);
  }
}

/* The n bytes of a string whose head was just read, borrowed from the
** message, checked to be UTF-8. */
static bool psGetStringBytes(PsReader *r, uint64_t n, const char **pz) {
  if (n > ps_remaining(r)) {
    return psFail(r, "string of %" PRIu64 " bytes in %zu bytes", n, ps_remaining(r));
  }
  if (n > VALUE_MAX_STRING) return psFail(r, "string of %" PRIu64 " bytes is too long", n);
  const char *z = (const char *)r->p;
  if (!utf8_valid(z, (size_t)n)) return psFail(r, "a string is not valid UTF-8");
  r->p += n;
  *pz = z;
  return true;
}

bool ps_read_struct_header(PsReader *r, uint8_t *pTag, uint32_t *pnField) {
  PsHead h;
  if (!psReadHead(r, &h)) return false;
  if (h.eKind != PSK_STRUCT) {
    return psFail(r, "expected a structure, found %s", psKindName[h.eKind]);
  }
  *pTag = h.tag;
  *pnField = (uint32_t)h.n;
  return true;
}

bool ps_read_int(PsReader *r, int64_t *pI) {
  PsHead h;
  if (!psReadHead(r, &h)) return false;
  if (h.eKind != PSK_INT) return psFail(r, "expected an integer, found %s", psKindName[h.eKind]);
  *pI = h.i;
  return true;
}

bool ps_read_string(PsReader *r, Arena *pA, Value *pOut) {
  PsHead h;
  if (!psReadHead(r, &h)) return false;
  if (h.eKind != PSK_STRING) return psFail(r, "expected a string, found %s", psKindName[h.eKind]);
  const char *z;
  if (!psGetStringBytes(r, h.n, &z)) return false;
  *pOut = value_str_copy(pA, z, (size_t)h.n);
  return true;
}

/* ---- Temporal structures ---------------------------------------------- */

/* Nanoseconds in a day. */
#define PS_NANOS_PER_DAY (TZDB_SECS_PER_DAY * TZDB_NANOS_PER_SEC)

/* Reads the next field of a structure, which must be an integer; zWhat
** names it in the error. */
static bool psFieldInt(PsReader *r, const char *zStruct, const char *zWhat, int64_t *pI) {
  PsHead h;
  if (!psReadHead(r, &h)) return false;
  if (h.eKind != PSK_INT) {
    return psFail(r, "%s: %s must be an integer, not %s", zStruct, zWhat, psKindName[h.eKind]);
  }
  *pI = h.i;
  return true;
}

/* Reads the next field of a structure, which must be a float (an integer
** is taken as one too). */
static bool psFieldFloat(PsReader *r, const char *zStruct, const char *zWhat, double *pF) {
  PsHead h;
  if (!psReadHead(r, &h)) return false;
  if (h.eKind == PSK_INT) {
    *pF = (double)h.i;
    return true;
  }
  if (h.eKind != PSK_FLOAT) {
    return psFail(r, "%s: %s must be a float, not %s", zStruct, zWhat, psKindName[h.eKind]);
  }
  *pF = h.f;
  return true;
}

/* Reads a zone name field and finds the zone; an unknown name is an error. */
static bool psFieldZone(PsReader *r, const char *zStruct, const TzZone **ppZone) {
  PsHead h;
  if (!psReadHead(r, &h)) return false;
  if (h.eKind != PSK_STRING) {
    return psFail(r, "%s: tz_id must be a string, not %s", zStruct, psKindName[h.eKind]);
  }
  const char *z;
  if (!psGetStringBytes(r, h.n, &z)) return false;
  char zName[80];
  const TzZone *pZone = NULL;
  if (h.n < sizeof(zName) && memchr(z, 0, (size_t)h.n) == NULL) {
    memcpy(zName, z, (size_t)h.n);
    zName[h.n] = 0;
    pZone = tzdb_find(zName);
  }
  if (pZone == NULL) {
    /* At most 60 bytes of the name, cut at a character boundary so the
    ** message stays UTF-8. */
    int nShow = (int)utf8_valid_prefix(z, (size_t)TG_MIN(h.n, 60));
    return psFail(r, "%s: unknown time zone '%.*s'", zStruct, nShow, z);
  }
  *ppZone = pZone;
  return true;
}

static bool psNanosOk(PsReader *r, const char *zStruct, int64_t nanos) {
  if (nanos >= 0 && nanos < TZDB_NANOS_PER_SEC) return true;
  return psFail(r, "%s: nanoseconds %" PRId64 " out of range (0..999999999)", zStruct, nanos);
}

static bool psOffsetOk(PsReader *r, const char *zStruct, int64_t offset) {
  if (offset >= -TZDB_MAX_OFFSET && offset <= TZDB_MAX_OFFSET) return true;
  return psFail(r, "%s: offset of %" PRId64 " seconds out of range (-18:00..+18:00)", zStruct,
                offset);
}

/* Splits seconds since the epoch (local wall clock) into a record's epoch
** days and second of the day, refusing dates outside Cypher's range. */
static bool psLocalSeconds(PsReader *r, const char *zStruct, int64_t iLocal, Temporal *pT) {
  pT->days = tzdb_floor_div(iLocal, TZDB_SECS_PER_DAY);
  pT->seconds = tzdb_floor_mod(iLocal, TZDB_SECS_PER_DAY);
  if (temporal_days_ok(pT->days)) return true;
  return psFail(r, "%s: %" PRId64 " seconds is outside the supported range of dates", zStruct,
                iLocal);
}

/* UTC seconds plus an offset, without overflow. */
static bool psAddOffset(PsReader *r, const char *zStruct, int64_t iUtc, int64_t offset,
                        int64_t *pLocal) {
  if (__builtin_add_overflow(iUtc, offset, pLocal)) {
    return psFail(r, "%s: %" PRId64 " seconds is outside the supported range of dates", zStruct,
                  iUtc);
  }
  return true;
}

/* Is iSecs (seconds since the epoch) within a day or so of Cypher's
** range of dates? Checked before a zone is asked about the instant. */
static bool psSecondsNearRange(PsReader *r, const char *zStruct, int64_t iSecs) {
  int64_t days = tzdb_floor_div(iSecs, TZDB_SECS_PER_DAY);
  if (days >= tzdb_min_days() - 2 && days <= tzdb_max_days() + 2) return true;
  return psFail(r, "%s: %" PRId64 " seconds is outside the supported range of dates", zStruct,
                iSecs);
}

/* The field count of a structure, which must be n. */
static bool psFieldCount(PsReader *r, const char *zStruct, uint64_t nGot, uint64_t nWant) {
  if (nGot == nWant) return true;
  return psFail(r, "%s structure with %" PRIu64 " fields (expected %" PRIu64 ")", zStruct, nGot,
                nWant);
}

/* A Point2D or Point3D structure: srid and 2 or 3 coordinates, checked
** as point() checks them. */
static bool psReadPoint(PsReader *r, Arena *pA, const PsHead *h, Value *pOut) {
  static const char *const azCoord[] = {"x", "y", "z"};
  const char *zName = h->tag == PS_TAG_POINT_3D ? "Point3D" : "Point2D";
  Point pt;
  memset(&pt, 0, sizeof(pt));
  pt.nDim = h->tag == PS_TAG_POINT_3D ? 3 : 2;
  int64_t srid = 0;
  if (!psFieldCount(r, zName, h->n, (uint64_t)pt.nDim + 1) || !psFieldInt(r, zName, "srid", &srid)) {
    return false;
  }
  for (int i = 0; i < pt.nDim; i++) {
    if (!psFieldFloat(r, zName, azCoord[i], &pt.a[i])) return false;
  }
  const PointCrs *pCrs = point_crs_by_srid(srid);
  if (pCrs == NULL) return psFail(r, "%s: unknown coordinate reference system %" PRId64, zName, srid);
  if (pCrs->nDim != pt.nDim) {
    return psFail(r, "%s: srid %" PRId64 " is a %dD coordinate reference system", zName, srid,
                  pCrs->nDim);
  }
  pt.srid = (int32_t)srid;
  char zErr[200];
  const char *zWhy = point_check(&pt, zErr, sizeof(zErr));
  if (zWhy) return psFail(r, "%s: %s", zName, zWhy);
  *pOut = point_value(pA, &pt);
  return true;
}

/*
** A structure a client sent as a value: the temporal ones become
** temporal Values in pA (the reverse of psPutTemporal, accepting both
** DateTime forms), points become points; the rest are errors.
*/
static bool psReadStruct(PsReader *r, Arena *pA, const PsHead *h, Value *pOut) {
  Temporal t;
  memset(&t, 0, sizeof(t));
  int64_t a = 0, b = 0, c = 0, d = 0;
  const TzZone *pZone = NULL;
  int type;
  const char *zName;
  switch (h->tag) {
    case PS_TAG_DATE:
      zName = "Date";
      if (!psFieldCount(r, zName, h->n, 1) || !psFieldInt(r, zName, "days", &a)) return false;
      if (!temporal_days_ok(a)) return psFail(r, "Date: %" PRId64 " days is out of range", a);
      t.days = a;
      type = VAL_DATE;
      break;
    case PS_TAG_TIME:
    case PS_TAG_LOCAL_TIME:
      zName = h->tag == PS_TAG_TIME ? "Time" : "LocalTime";
      if (!psFieldCount(r, zName, h->n, h->tag == PS_TAG_TIME ? 2 : 1) ||
          !psFieldInt(r, zName, "nanoseconds", &a)) {
        return false;
      }
      if (a < 0 || a >= PS_NANOS_PER_DAY) {
        return psFail(r, "%s: %" PRId64 " nanoseconds is not a time of day", zName, a);
      }
      t.seconds = a / TZDB_NANOS_PER_SEC;
      t.nanos = (int32_t)(a % TZDB_NANOS_PER_SEC);
      if (h->tag == PS_TAG_TIME) {
        if (!psFieldInt(r, zName, "tz_offset_seconds", &b) || !psOffsetOk(r, zName, b)) {
          return false;
        }
        t.offset = (int32_t)b;
      }
      type = h->tag == PS_TAG_TIME ? VAL_TIME : VAL_LOCALTIME;
      break;
    case PS_TAG_LOCAL_DATE_TIME:
      zName = "LocalDateTime";
      if (!psFieldCount(r, zName, h->n, 2) || !psFieldInt(r, zName, "seconds", &a) ||
          !psFieldInt(r, zName, "nanoseconds", &b) || !psNanosOk(r, zName, b) ||
          !psLocalSeconds(r, zName, a, &t)) {
        return false;
      }
      t.nanos = (int32_t)b;
      type = VAL_LOCALDATETIME;
      break;
    case PS_TAG_DATE_TIME:
    case PS_TAG_LEGACY_DATE_TIME: {
      bool bUtc = h->tag == PS_TAG_DATE_TIME;
      zName = bUtc ? "DateTime" : "legacy DateTime";
      if (!psFieldCount(r, zName, h->n, 3) || !psFieldInt(r, zName, "seconds", &a) ||
          !psFieldInt(r, zName, "nanoseconds", &b) || !psNanosOk(r, zName, b) ||
          !psFieldInt(r, zName, "tz_offset_seconds", &c) || !psOffsetOk(r, zName, c)) {
        return false;
      }
      int64_t iLocal = a;
      if (bUtc && !psAddOffset(r, zName, a, c, &iLocal)) return false;
      if (!psLocalSeconds(r, zName, iLocal, &t)) return false;
      t.nanos = (int32_t)b;
      t.offset = (int32_t)c;
      type = VAL_DATETIME;
      break;
    }
    case PS_TAG_DATE_TIME_ZONE_ID:
    case PS_TAG_LEGACY_DATE_TIME_ZONE_ID: {
      bool bUtc = h->tag == PS_TAG_DATE_TIME_ZONE_ID;
      zName = bUtc ? "DateTimeZoneId" : "legacy DateTimeZoneId";
      if (!psFieldCount(r, zName, h->n, 3) || !psFieldInt(r, zName, "seconds", &a) ||
          !psFieldInt(r, zName, "nanoseconds", &b) || !psNanosOk(r, zName, b) ||
          !psFieldZone(r, zName, &pZone) || !psSecondsNearRange(r, zName, a)) {
        return false;
      }
      int32_t offset;
      int64_t iUtc;
      if (bUtc) {
        iUtc = a;
        offset = tzdb_offset_at(pZone, iUtc);
      } else {
        /* Local wall-clock seconds: resolved as java.time does (the
        ** earlier offset in an overlap, moved later across a gap). */
        iUtc = tzdb_local_to_utc(pZone, a, false, 0, &offset);
      }
      if (!psLocalSeconds(r, zName, iUtc + offset, &t)) return false;
      t.nanos = (int32_t)b;
      t.offset = offset;
      t.zZone = tzdb_name(pZone);
      type = VAL_DATETIME;
      break;
    }
    case PS_TAG_DURATION:
      zName = "Duration";
      if (!psFieldCount(r, zName, h->n, 4) || !psFieldInt(r, zName, "months", &a) ||
          !psFieldInt(r, zName, "days", &b) || !psFieldInt(r, zName, "seconds", &c) ||
          !psFieldInt(r, zName, "nanoseconds", &d)) {
        return false;
      }
      /* Any nanoseconds: whole seconds move into seconds, leaving 0..999999999. */
      if (__builtin_add_overflow(c, tzdb_floor_div(d, TZDB_NANOS_PER_SEC), &t.seconds)) {
        return psFail(r, "Duration: seconds out of range");
      }
      t.months = a;
      t.days = b;
      t.nanos = (int32_t)tzdb_floor_mod(d, TZDB_NANOS_PER_SEC);
      type = VAL_DURATION;
      break;
    case PS_TAG_POINT_2D:
    case PS_TAG_POINT_3D:
      return psReadPoint(r, pA, h, pOut);
    case PS_TAG_NODE:
      return psFail(r, "a node cannot be sent as a value");
    case PS_TAG_RELATIONSHIP:
    case PS_TAG_UNBOUND_RELATIONSHIP:
      return psFail(r, "a relationship cannot be sent as a value");
    case PS_TAG_PATH:
      return psFail(r, "a path cannot be sent as a value");
    default:
      return psFail(r, "unknown structure tag 0x%02X", h->tag);
  }
  *pOut = temporal_value(pA, type, &t);
  return true;
}

/* ---- Values ---------------------------------------------------------- */

/*
** Reads one value into *pSlot. A list or map comes back with its items
** still null and *pbOpen set: the caller fills them in. Sizes are checked
** against the bytes left (each item takes at least one byte, each map
** entry two) before anything is allocated.
*/
static bool psReadItem(PsReader *r, Arena *pA, Value *pSlot, bool *pbOpen) {
  PsHead h;
  *pbOpen = false;
  if (!psReadHead(r, &h)) return false;
  switch (h.eKind) {
    case PSK_NULL: *pSlot = value_null(); return true;
    case PSK_BOOL: *pSlot = value_bool(h.b); return true;
    case PSK_INT: *pSlot = value_int(h.i); return true;
    case PSK_FLOAT: *pSlot = value_float(h.f); return true;
    case PSK_STRING: {
      const char *z;
      if (!psGetStringBytes(r, h.n, &z)) return false;
      *pSlot = value_str_copy(pA, z, (size_t)h.n);
      return true;
    }
    case PSK_LIST:
      if (h.n > ps_remaining(r)) {
        return psFail(r, "list of %" PRIu64 " items in %zu bytes", h.n, ps_remaining(r));
      }
      if (h.n > VALUE_MAX_LIST) return psFail(r, "list of %" PRIu64 " items is too long", h.n);
      *pSlot = value_list_new(pA, (uint32_t)h.n);
      *pbOpen = true;
      return true;
    case PSK_MAP:
      if (h.n > ps_remaining(r) / 2) {
        return psFail(r, "map of %" PRIu64 " entries in %zu bytes", h.n, ps_remaining(r));
      }
      *pSlot = value_map_new(pA, (uint32_t)h.n);
      *pbOpen = true;
      return true;
    case PSK_STRUCT: return psReadStruct(r, pA, &h, pSlot);
    default:
      assert(h.eKind == PSK_BYTES);
      return psFail(r, "byte arrays are not supported");
  }
}

/* Key equality for psMapDedup's table: entry i of the MapEntry array
** pCtx against the MapEntry at pKey. */
static bool psKeyEq(const void *pCtx, uint32_t iEntry, const void *pKey) {
  const MapEntry *a = &((const MapEntry *)pCtx)[iEntry];
  const MapEntry *b = pKey;
  return a->nKey == b->nKey && memcmp(a->zKey, b->zKey, a->nKey) == 0;
}

/* Makes a map's keys unique: a repeated key keeps its first place and
** takes the last value. Small maps compare pairwise, larger ones hash. */
static void psMapDedup(Value *pMap) {
  MapEntry *e = pMap->u.m;
  uint32_t n = pMap->n, nOut = 0;
  if (n < 2) return;
  if (n <= 16) {
    for (uint32_t i = 0; i < n; i++) {
      uint32_t j = 0;
      while (j < nOut && !psKeyEq(e, j, &e[i])) j++;
      if (j < nOut) {
        e[j].v = e[i].v;
      } else {
        e[nOut++] = e[i];
      }
    }
  } else {
    HTab tab;
    htab_init(&tab);
    for (uint32_t i = 0; i < n; i++) {
      uint64_t h = htab_hash_bytes(e[i].zKey, e[i].nKey);
      int64_t j = htab_find(&tab, h, psKeyEq, e, &e[i]);
      if (j >= 0) {
        e[j].v = e[i].v;
      } else {
        e[nOut] = e[i];
        htab_insert(&tab, h, nOut++);
      }
    }
    htab_free(&tab);
  }
  pMap->n = nOut;
}

/* An open list or map being filled in by ps_read_value. */
typedef struct PsFrame {
  Value *pValue;      /* the list or map (in the arena, or the caller's root) */
  uint32_t i;         /* items read so far */
} PsFrame;

bool ps_read_value(PsReader *r, Arena *pA, Value *pOut) {
  PsFrame aStack[PS_MAX_DEPTH];
  int nStack = 0;
  Value root = value_null();
  bool bOpen;
  if (!psReadItem(r, pA, &root, &bOpen)) return false;
  if (bOpen) aStack[nStack++] = (PsFrame){&root, 0};
  while (nStack > 0) {
    PsFrame *f = &aStack[nStack - 1];
    Value *pCont = f->pValue;
    if (f->i == pCont->n) {
      if (pCont->type == VAL_MAP) psMapDedup(pCont);
      value_seal_depth(pCont);   /* at most PS_MAX_DEPTH < VALUE_MAX_DEPTH levels */
      nStack--;
      continue;
    }
    Value *pSlot;
    if (pCont->type == VAL_MAP) {
      MapEntry *e = &pCont->u.m[f->i];
      PsHead h;
      const char *z;
      if (!psReadHead(r, &h)) return false;
      if (h.eKind != PSK_STRING) {
        return psFail(r, "a map key must be a string, not %s", psKindName[h.eKind]);
      }
      if (!psGetStringBytes(r, h.n, &z)) return false;
      e->zKey = arena_strndup(pA, z, (size_t)h.n);
      e->nKey = (uint32_t)h.n;
      pSlot = &e->v;
    } else {
      pSlot = &pCont->u.a[f->i];
    }
    f->i++;
    if (!psReadItem(r, pA, pSlot, &bOpen)) return false;
    if (bOpen) {
      if (nStack >= PS_MAX_DEPTH) {
        return psFail(r, "lists and maps nested deeper than %d levels", PS_MAX_DEPTH);
      }
      aStack[nStack++] = (PsFrame){pSlot, 0};
    }
  }
  *pOut = root;
  return true;
}

bool ps_read_map(PsReader *r, Arena *pA, Value *pOut) {
  int m = ps_peek_marker(r);
  bool bMap = (m >= 0xA0 && m <= 0xAF) || m == 0xD8 || m == 0xD9 || m == 0xDA;
  if (!bMap) {
    if (m < 0) return psFail(r, "the message ends where a map should start");
    PsHead h;
    if (!psReadHead(r, &h)) return false;
    return psFail(r, "expected a map, found %s", psKindName[h.eKind]);
  }
  return ps_read_value(r, pA, pOut);
}
