/*
** bolt_result.c — a result's values as a Bolt client shows them (see
** bolt_result.h).
**
** A value is first read with ps_read_value(), which takes everything but
** entities, points of unknown CRSs and byte arrays. When it refuses one,
** the value is read again here: lists and maps are opened on an explicit
** stack, as there, and so are the structures this file knows (Node, Relationship,
** UnboundRelationship, Path, Point); every other item (scalars, temporal
** structures) is still read by ps_read_value(). A structure's fields are
** collected in a list; when its last field is in, the structure is turned
** into what it shows as (brFinishStruct): a literal string or a map.
**
** In BOLT_SHOW_TEXT the literal strings of entities carry a private mark
** (BR_VALF_LITERAL) while the value is built, so that a list or map that
** holds them can be written out as one literal at the end, the marked
** strings bare and the others quoted. No marked value leaves this file.
*/
#include "server/bolt_result.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "base/mem.h"
#include "store/valfmt.h"

/* Value.flags of a literal string made here (an entity's text). Private:
** the values returned never carry it. */
#define BR_VALF_LITERAL 0x80

/* Bytes of text one value may become: a path may name the same node many
** times, so its text can outgrow its bytes on the wire. */
#define BR_MAX_TEXT ((size_t)64 << 20)

/* ---- The reader's state ------------------------------------------------------- */

/* An open list, map or structure. */
typedef struct BrFrame {
  Value *pValue;      /* the list or map; for a structure, the list of its fields */
  Value *pSlot;       /* a structure: where what it shows as goes */
  uint32_t i;         /* items read so far */
  uint8_t tag;        /* a structure's tag, 0 for a list or map */
} BrFrame;

typedef struct Br {
  PsReader *r;
  Arena *pA;
  BoltShow eShow;
  bool bLiteral;      /* a marked literal string was made */
  StrBuf text;        /* scratch for literals */
} Br;

/* Records the first error, "PackStream: " and the message, and returns
** false. */
static bool brFail(Br *b, const char *zFmt, ...) TG_PRINTF(2, 3);
static bool brFail(Br *b, const char *zFmt, ...) {
  PsReader *r = b->r;
  if (r->zErr[0] == 0) {
    int n = snprintf(r->zErr, sizeof(r->zErr), "PackStream: ");
    va_list ap;
    va_start(ap, zFmt);
    vsnprintf(r->zErr + n, sizeof(r->zErr) - (size_t)n, zFmt, ap);
    va_end(ap);
  }
  return false;
}

/* ---- Heads ----------------------------------------------------------------------- */

/* Reads an nByte big-endian size. */
static bool brSize(Br *b, int nByte, uint64_t *pn) {
  PsReader *r = b->r;
  if (ps_remaining(r) < (size_t)nByte) {
    return brFail(b, "the message ends inside a value (%d bytes needed, %zu left)", nByte, ps_remaining(r));
  }
  uint64_t x = 0;
  for (int i = 0; i < nByte; i++) x = (x << 8) | r->p[i];
  r->p += nByte;
  *pn = x;
  return true;
}

/* The kinds of head read here; everything else goes to ps_read_value. */
enum { BR_OTHER, BR_LIST, BR_MAP, BR_BYTES, BR_STRUCT };

/* What marker m starts. */
static int brKindOf(int m) {
  if ((m >= 0x90 && m <= 0x9F) || (m >= 0xD4 && m <= 0xD6)) return BR_LIST;
  if ((m >= 0xA0 && m <= 0xAF) || (m >= 0xD8 && m <= 0xDA)) return BR_MAP;
  if (m >= 0xCC && m <= 0xCE) return BR_BYTES;
  if (m >= 0xB0 && m <= 0xBF) return BR_STRUCT;
  return BR_OTHER;
}

/* Reads the head of a list, map or byte array (its marker and size). */
static bool brSizedHead(Br *b, uint64_t *pn) {
  uint8_t m = *b->r->p++;
  static const uint8_t aFirst[] = {0xD4, 0xD8, 0xCC};
  if ((m & 0xF0) == 0x90 || (m & 0xF0) == 0xA0) {
    *pn = m & 0x0F;
    return true;
  }
  for (size_t k = 0; k < sizeof(aFirst); k++) {
    if (m >= aFirst[k] && m <= aFirst[k] + 2) return brSize(b, 1 << (m - aFirst[k]), pn);
  }
  return brFail(b, "unknown marker byte 0x%02X", m);
}

/* Does this reader open structures of this tag itself? With the field
** counts it accepts (Bolt 4.4's and 5's), and a name for messages. */
static bool brKnownStruct(uint8_t tag, uint32_t *pnMin, uint32_t *pnMax, const char **pzName) {
  switch (tag) {
    case PS_TAG_NODE: *pnMin = 3, *pnMax = 4, *pzName = "Node"; return true;
    case PS_TAG_RELATIONSHIP: *pnMin = 5, *pnMax = 8, *pzName = "Relationship"; return true;
    case PS_TAG_UNBOUND_RELATIONSHIP: *pnMin = 3, *pnMax = 4, *pzName = "UnboundRelationship"; return true;
    case PS_TAG_PATH: *pnMin = 3, *pnMax = 3, *pzName = "Path"; return true;
    case PS_TAG_POINT_2D: *pnMin = 3, *pnMax = 3, *pzName = "Point2D"; return true;
    case PS_TAG_POINT_3D: *pnMin = 4, *pnMax = 4, *pzName = "Point3D"; return true;
    default: return false;
  }
}

/* ---- Literals ------------------------------------------------------------------------ */

/* A marked literal string in the arena from b->text. */
static Value brLiteral(Br *b) {
  Value v = value_str_copy(b->pA, b->text.z ? b->text.z : "", b->text.n);
  v.flags = BR_VALF_LITERAL;
  b->bLiteral = true;
  return v;
}

static bool brTooLong(Br *b) {
  if (b->text.n <= BR_MAX_TEXT) return false;
  return !brFail(b, "a value's text passes %zu MiB", BR_MAX_TEXT >> 20);
}

/* Appends v as a Cypher literal: strings quoted, marked literals bare,
** lists and maps walked with an explicit stack. */
static bool brFormat(Br *b, const Value *pRoot) {
  enum { MAXDEPTH = PS_MAX_DEPTH + 8 };
  struct {
    const Value *p;
    uint32_t i;
  } aStack[MAXDEPTH];
  int nStack = 0;
  StrBuf *pOut = &b->text;
  const Value *v = pRoot;
  for (;;) {
    if (v) {
      if (v->type == VAL_LIST || v->type == VAL_MAP) {
        if (nStack == MAXDEPTH) return brFail(b, "a value nests too deeply to show");
        strbuf_putc(pOut, v->type == VAL_LIST ? '[' : '{');
        aStack[nStack].p = v;
        aStack[nStack++].i = 0;
      } else if (v->type == VAL_STRING && (v->flags & BR_VALF_LITERAL)) {
        strbuf_append(pOut, v->u.z, v->n);
      } else {
        valfmt_append(pOut, v, NULL, VALFMT_QUOTE);
      }
      if (brTooLong(b)) return false;
      v = NULL;
    }
    if (nStack == 0) return true;
    const Value *pCont = aStack[nStack - 1].p;
    uint32_t i = aStack[nStack - 1].i++;
    if (i == pCont->n) {
      strbuf_putc(pOut, pCont->type == VAL_LIST ? ']' : '}');
      nStack--;
      continue;
    }
    if (i) strbuf_puts(pOut, ", ");
    if (pCont->type == VAL_LIST) {
      v = &pCont->u.a[i];
    } else {
      valfmt_name(pOut, pCont->u.m[i].zKey, pCont->u.m[i].nKey, false);
      strbuf_puts(pOut, ": ");
      v = &pCont->u.m[i].v;
    }
  }
}

/* Appends " {key: value, ...}" for a non-empty property map. */
static bool brFormatProps(Br *b, const Value *pProps) {
  if (pProps->n == 0) return true;
  strbuf_puts(&b->text, " ");
  return brFormat(b, pProps);
}

/* ---- Structures ------------------------------------------------------------------------ */

/* Checks that field i of a structure has the type wanted. */
static bool brField(Br *b, const char *zStruct, const Value *aField, int i, int type, const char *zWhat) {
  if (aField[i].type == type) return true;
  return brFail(b, "%s: %s must be %s, not %s", zStruct, zWhat, value_type_name(type),
                value_type_name(aField[i].type));
}

/* Does every item of list p have the type wanted? */
static bool brItemsAre(const Value *p, int type) {
  for (uint32_t i = 0; i < p->n; i++) {
    if (p->u.a[i].type != type) return false;
  }
  return true;
}

/* A map of nEntry entries named azKey, with the values aVal. */
static Value brMap(Br *b, int nEntry, const char *const *azKey, const Value *aVal) {
  Value m = value_map_new(b->pA, (uint32_t)nEntry);
  for (int i = 0; i < nEntry; i++) {
    m.u.m[i].zKey = azKey[i];
    m.u.m[i].nKey = (uint32_t)strlen(azKey[i]);
    m.u.m[i].v = aVal[i];
  }
  value_seal_depth(&m);
  return m;
}

static const char *const azNodeKey[] = {"id", "labels", "properties"};
static const char *const azRelKey[] = {"id", "type", "start", "end", "properties"};
static const char *const azUnboundKey[] = {"id", "type", "properties"};

/* A node: id, labels, properties[, element id]. */
static bool brNode(Br *b, const Value *f, Value *pOut) {
  if (!brField(b, "Node", f, 0, VAL_INT, "id") || !brField(b, "Node", f, 1, VAL_LIST, "labels") ||
      !brField(b, "Node", f, 2, VAL_MAP, "properties")) {
    return false;
  }
  if (!brItemsAre(&f[1], VAL_STRING)) return brFail(b, "Node: labels must be strings");
  if (b->eShow == BOLT_SHOW_MAP) {
    *pOut = brMap(b, 3, azNodeKey, f);
    return true;
  }
  strbuf_truncate(&b->text, 0);
  strbuf_putc(&b->text, '(');
  for (uint32_t i = 0; i < f[1].n; i++) {
    strbuf_putc(&b->text, ':');
    valfmt_name(&b->text, f[1].u.a[i].u.z, f[1].u.a[i].n, false);
  }
  if (!brFormatProps(b, &f[2])) return false;
  strbuf_putc(&b->text, ')');
  *pOut = brLiteral(b);
  return true;
}

/* A relationship's "[:TYPE {props}]" into b->text. */
static bool brRelText(Br *b, const Value *pType, const Value *pProps) {
  strbuf_truncate(&b->text, 0);
  strbuf_puts(&b->text, "[:");
  valfmt_name(&b->text, pType->u.z, pType->n, false);
  if (!brFormatProps(b, pProps)) return false;
  strbuf_putc(&b->text, ']');
  return true;
}

/* A relationship: id, start, end, type, properties[, element ids], or
** unbound (in a path): id, type, properties[, element id]. */
static bool brRel(Br *b, bool bUnbound, const Value *f, Value *pOut) {
  const char *zName = bUnbound ? "UnboundRelationship" : "Relationship";
  int iType = bUnbound ? 1 : 3;
  if (!brField(b, zName, f, 0, VAL_INT, "id") || !brField(b, zName, f, iType, VAL_STRING, "type") ||
      !brField(b, zName, f, iType + 1, VAL_MAP, "properties")) {
    return false;
  }
  if (!bUnbound && (!brField(b, zName, f, 1, VAL_INT, "start") || !brField(b, zName, f, 2, VAL_INT, "end"))) {
    return false;
  }
  if (b->eShow == BOLT_SHOW_MAP) {
    if (bUnbound) {
      *pOut = brMap(b, 3, azUnboundKey, f);
    } else {
      Value a[5] = {f[0], f[3], f[1], f[2], f[4]};
      *pOut = brMap(b, 5, azRelKey, a);
    }
    return true;
  }
  if (!brRelText(b, &f[iType], &f[iType + 1])) return false;
  *pOut = brLiteral(b);
  return true;
}

/* A point: srid and two or three coordinates. */
static bool brPoint(Br *b, uint8_t tag, const Value *f, Value *pOut) {
  const char *zName = tag == PS_TAG_POINT_2D ? "Point2D" : "Point3D";
  int nCoord = tag == PS_TAG_POINT_2D ? 2 : 3;
  static const char *const azKey[] = {"srid", "x", "y", "z"};
  if (!brField(b, zName, f, 0, VAL_INT, "srid")) return false;
  for (int i = 1; i <= nCoord; i++) {
    if (!value_is_number(&f[i])) return brFail(b, "%s: %s must be a number", zName, azKey[i]);
  }
  Value m = brMap(b, 1 + nCoord, azKey, f);
  if (b->eShow == BOLT_SHOW_MAP) {
    *pOut = m;
    return true;
  }
  strbuf_truncate(&b->text, 0);
  strbuf_puts(&b->text, "point(");
  if (!brFormat(b, &m)) return false;
  strbuf_putc(&b->text, ')');
  *pOut = brLiteral(b);
  return true;
}

/*
** A path: its distinct nodes, its distinct unbound relationships, and the
** indices that walk them (a relationship index, 1-based and negative when
** it is crossed against its direction, then a node index, per step). The
** text is "<(a)-[:R]->(b)<-[:S]-(c)>"; the map is {nodes, relationships}
** in walking order, each relationship with its start and end filled in.
*/
static bool brPath(Br *b, const Value *f, Value *pOut) {
  if (!brField(b, "Path", f, 0, VAL_LIST, "nodes") || !brField(b, "Path", f, 1, VAL_LIST, "relationships") ||
      !brField(b, "Path", f, 2, VAL_LIST, "indices")) {
    return false;
  }
  const Value *pNodes = &f[0], *pRels = &f[1], *pIdx = &f[2];
  bool bMap = b->eShow == BOLT_SHOW_MAP;
  /* Each item must be what a Node or UnboundRelationship became. */
  for (uint32_t i = 0; i < pNodes->n + pRels->n; i++) {
    bool bNode = i < pNodes->n;
    const Value *v = bNode ? &pNodes->u.a[i] : &pRels->u.a[i - pNodes->n];
    bool bOk = bMap ? v->type == VAL_MAP && v->n == 3 && v->u.m[0].v.type == VAL_INT
                    : v->type == VAL_STRING && (v->flags & BR_VALF_LITERAL);
    if (!bOk) return brFail(b, "Path: its %s must be %s structures", bNode ? "nodes" : "relationships",
                            bNode ? "Node" : "UnboundRelationship");
  }
  if (pNodes->n == 0) return brFail(b, "Path: a path has at least one node");
  if (pIdx->n % 2 != 0) return brFail(b, "Path: %" PRIu32 " indices (an even number expected)", pIdx->n);
  uint32_t nStep = pIdx->n / 2;
  for (uint32_t i = 0; i < pIdx->n; i++) {
    const Value *v = &pIdx->u.a[i];
    bool bRel = i % 2 == 0;
    int64_t k = v->type == VAL_INT ? v->u.i : 0;
    bool bOk = v->type == VAL_INT && (bRel ? k != 0 && k >= -(int64_t)pRels->n && k <= (int64_t)pRels->n
                                           : k >= 0 && k < (int64_t)pNodes->n);
    if (!bOk) return brFail(b, "Path: index %" PRIu32 " is out of range", i);
  }
  if (bMap) {
    /* A relationship map per (relationship, direction), made once, so a
    ** path that crosses one many times costs a slot per step. */
    Value *aMade = arena_zalloc(b->pA, sizeof(Value) * 2 * (size_t)pRels->n);
    Value nodes = value_list_new(b->pA, nStep + 1), rels = value_list_new(b->pA, nStep);
    nodes.u.a[0] = pNodes->u.a[0];
    uint32_t iPrev = 0;
    for (uint32_t s = 0; s < nStep; s++) {
      int64_t k = pIdx->u.a[2 * s].u.i;
      uint32_t iNext = (uint32_t)pIdx->u.a[2 * s + 1].u.i;
      uint32_t iRel = (uint32_t)(k > 0 ? k - 1 : -k - 1);
      Value *pMade = &aMade[2 * iRel + (k < 0)];
      if (pMade->type != VAL_MAP) {
        const Value *u = &pRels->u.a[iRel];
        const Value *pFrom = &pNodes->u.a[k > 0 ? iPrev : iNext].u.m[0].v;
        const Value *pTo = &pNodes->u.a[k > 0 ? iNext : iPrev].u.m[0].v;
        Value a[5] = {u->u.m[0].v, u->u.m[1].v, *pFrom, *pTo, u->u.m[2].v};
        *pMade = brMap(b, 5, azRelKey, a);
      }
      rels.u.a[s] = *pMade;
      nodes.u.a[s + 1] = pNodes->u.a[iNext];
      iPrev = iNext;
    }
    value_seal_depth(&nodes);
    value_seal_depth(&rels);
    static const char *const azPathKey[] = {"nodes", "relationships"};
    Value a[2] = {nodes, rels};
    *pOut = brMap(b, 2, azPathKey, a);
    return true;
  }
  StrBuf *t = &b->text;
  strbuf_truncate(t, 0);
  strbuf_putc(t, '<');
  strbuf_append(t, pNodes->u.a[0].u.z, pNodes->u.a[0].n);
  for (uint32_t s = 0; s < nStep; s++) {
    int64_t k = pIdx->u.a[2 * s].u.i;
    const Value *pRel = &pRels->u.a[k > 0 ? k - 1 : -k - 1];
    const Value *pNode = &pNodes->u.a[pIdx->u.a[2 * s + 1].u.i];
    strbuf_puts(t, k > 0 ? "-" : "<-");
    strbuf_append(t, pRel->u.z, pRel->n);
    strbuf_puts(t, k > 0 ? "->" : "-");
    strbuf_append(t, pNode->u.z, pNode->n);
    if (brTooLong(b)) return false;
  }
  strbuf_putc(t, '>');
  *pOut = brLiteral(b);
  return true;
}

/* Turns a structure whose fields are all read into what it shows as. */
static bool brFinishStruct(Br *b, uint8_t tag, const Value *aField, Value *pOut) {
  switch (tag) {
    case PS_TAG_NODE: return brNode(b, aField, pOut);
    case PS_TAG_RELATIONSHIP: return brRel(b, false, aField, pOut);
    case PS_TAG_UNBOUND_RELATIONSHIP: return brRel(b, true, aField, pOut);
    case PS_TAG_PATH: return brPath(b, aField, pOut);
    default: return brPoint(b, tag, aField, pOut);
  }
}

/* ---- Values ---------------------------------------------------------------------------- */

/*
** Reads one item into *pSlot. A list, map or known structure is opened:
** pushed on aStack (with its items still to read). Counts are checked
** against the bytes left before anything is allocated.
*/
static bool brReadItem(Br *b, Value *pSlot, BrFrame *aStack, int *pnStack) {
  PsReader *r = b->r;
  int m = ps_peek_marker(r);
  if (m < 0) return brFail(b, "the message ends where a value should start");
  int eKind = brKindOf(m);
  uint64_t n = 0;
  BrFrame f = {NULL, NULL, 0, 0};
  switch (eKind) {
    case BR_LIST:
    case BR_MAP:
      if (!brSizedHead(b, &n)) return false;
      if (n > ps_remaining(r) / (eKind == BR_MAP ? 2 : 1)) {
        return brFail(b, "%s of %" PRIu64 " items in %zu bytes", eKind == BR_MAP ? "map" : "list", n,
                      ps_remaining(r));
      }
      if (n > VALUE_MAX_LIST) return brFail(b, "list of %" PRIu64 " items is too long", n);
      *pSlot = eKind == BR_MAP ? value_map_new(b->pA, (uint32_t)n) : value_list_new(b->pA, (uint32_t)n);
      f.pValue = pSlot;
      break;
    case BR_BYTES: {
      if (!brSizedHead(b, &n)) return false;
      if (n > ps_remaining(r)) return brFail(b, "byte array of %" PRIu64 " bytes in %zu bytes", n, ps_remaining(r));
      *pSlot = value_list_new(b->pA, (uint32_t)n);
      for (uint64_t i = 0; i < n; i++) pSlot->u.a[i] = value_int(r->p[i]);
      r->p += n;
      value_seal_depth(pSlot);
      return true;
    }
    case BR_STRUCT: {
      uint32_t nMin, nMax;
      const char *zName;
      if (ps_remaining(r) < 2 || !brKnownStruct(r->p[1], &nMin, &nMax, &zName)) {
        return ps_read_value(r, b->pA, pSlot);   /* temporal, or its error */
      }
      uint8_t tag;
      uint32_t nField;
      if (!ps_read_struct_header(r, &tag, &nField)) return false;
      if (nField < nMin || nField > nMax) {
        return brFail(b, "a %s structure with %" PRIu32 " fields", zName, nField);
      }
      Value *pFields = arena_alloc(b->pA, sizeof(Value));
      *pFields = value_list_new(b->pA, nField);
      f.pValue = pFields;
      f.pSlot = pSlot;
      f.tag = tag;
      break;
    }
    default: return ps_read_value(r, b->pA, pSlot);
  }
  if (*pnStack >= PS_MAX_DEPTH) {
    return brFail(b, "lists, maps and structures nested deeper than %d levels", PS_MAX_DEPTH);
  }
  aStack[(*pnStack)++] = f;
  return true;
}

/* Reads one value with entities (see the top of the file). */
static bool brReadValue(Br *b, Value *pOut) {
  BrFrame aStack[PS_MAX_DEPTH];
  int nStack = 0;
  Value root = value_null();
  if (!brReadItem(b, &root, aStack, &nStack)) return false;
  while (nStack > 0) {
    BrFrame *f = &aStack[nStack - 1];
    Value *pCont = f->pValue;
    if (f->i == pCont->n) {
      BrFrame done = *f;
      nStack--;
      if (done.tag == 0) {
        value_seal_depth(pCont);
      } else if (!brFinishStruct(b, done.tag, pCont->u.a, done.pSlot)) {
        return false;
      }
      continue;
    }
    Value *pSlot;
    if (pCont->type == VAL_MAP) {
      MapEntry *e = &pCont->u.m[f->i];
      Value key;
      if (!ps_read_string(b->r, b->pA, &key)) return false;
      e->zKey = key.u.z;
      e->nKey = key.n;
      pSlot = &e->v;
    } else {
      pSlot = &pCont->u.a[f->i];
    }
    f->i++;
    if (!brReadItem(b, pSlot, aStack, &nStack)) return false;
  }
  if (b->eShow == BOLT_SHOW_TEXT && b->bLiteral) {
    if (root.type == VAL_LIST || root.type == VAL_MAP) {
      /* A collection that holds entities shows as one literal. */
      strbuf_truncate(&b->text, 0);
      if (!brFormat(b, &root)) return false;
      root = value_str_copy(b->pA, b->text.z ? b->text.z : "", b->text.n);
    }
    root.flags = 0;
  }
  *pOut = root;
  return true;
}

bool bolt_result_read_value(PsReader *r, Arena *pA, BoltShow eShow, Value *pOut) {
  const uint8_t *pStart = r->p;
  if (ps_read_value(r, pA, pOut)) return true;
  /* Read it again, entities and all. */
  r->p = pStart;
  r->zErr[0] = 0;
  Br b = {r, pA, eShow, false, {0}};
  strbuf_init(&b.text);
  bool bOk = brReadValue(&b, pOut);
  strbuf_free(&b.text);
  return bOk;
}

bool bolt_result_read_record(PsReader *r, Arena *pA, BoltShow eShow, Value **paField,
                             uint32_t *pnField) {
  Br b = {r, pA, eShow, false, {0}};
  uint64_t n = 0;
  if (brKindOf(ps_peek_marker(r)) != BR_LIST) return brFail(&b, "a RECORD's fields must be a list");
  if (!brSizedHead(&b, &n)) return false;
  if (n > ps_remaining(r)) return brFail(&b, "a record of %" PRIu64 " fields in %zu bytes", n, ps_remaining(r));
  Value *a = arena_alloc(pA, sizeof(Value) * (size_t)(n ? n : 1));
  for (uint64_t i = 0; i < n; i++) {
    if (!bolt_result_read_value(r, pA, eShow, &a[i])) return false;
  }
  *paField = a;
  *pnField = (uint32_t)n;
  return true;
}
