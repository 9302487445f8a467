/*
** redo.c — building log records from the undo log, and replaying them
** (see redo.h for the record's operations).
*/
#include "store/redo.h"

#include <stdlib.h>

#include "base/mem.h"
#include "store/codec.h"
#include "store/index.h"
#include "store/undo.h"

enum {
  OP_NAME = 1,
  OP_REL_DEL,
  OP_NODE_DEL,
  OP_NODE_NEW,
  OP_LABELS,
  OP_PROP,
  OP_REL_NEW,
  OP_SCHEMA,              /* old form: name, label, key, unique (still read) */
  OP_SCHEMA2              /* descriptors (index.h) */
};

RedoNames redo_names_of(const Graph *g) {
  RedoNames n = {intern_count(&g->labels), intern_count(&g->types), intern_count(&g->keys)};
  return n;
}

/* ======================================================================
** Building
** ==================================================================== */

/* One touched thing: an entity, or one property of one. */
typedef struct Touch {
  uint32_t id;
  uint32_t key;      /* property key, or 0 */
  uint8_t ent;       /* ENT_NODE or ENT_REL */
  uint8_t bNew;      /* created in the transaction */
  uint8_t bLabels;   /* its labels changed */
} Touch;

static int redoCmpTouch(const void *a, const void *b) {
  const Touch *x = a, *y = b;
  if (x->ent != y->ent) return x->ent < y->ent ? -1 : 1;
  if (x->id != y->id) return x->id < y->id ? -1 : 1;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return 0;
}

/* Sorts and merges equal entries, or-ing their flags. */
static void redoUnique(Touch *a, uint32_t *pn) {
  if (*pn == 0) return;
  qsort(a, *pn, sizeof(Touch), redoCmpTouch);
  uint32_t j = 0;
  for (uint32_t i = 1; i < *pn; i++) {
    if (redoCmpTouch(&a[i], &a[j]) == 0) {
      a[j].bNew |= a[i].bNew;
      a[j].bLabels |= a[i].bLabels;
    } else {
      a[++j] = a[i];
    }
  }
  *pn = j + 1;
}

static void redoNames(const Intern *p, uint8_t kind, uint32_t *pnLogged, StrBuf *pOut) {
  uint32_t n = intern_count(p);
  for (uint32_t i = *pnLogged; i < n; i++) {
    const char *z = intern_name(p, i);
    codec_put_u8(pOut, OP_NAME);
    codec_put_u8(pOut, kind);
    codec_put_u32(pOut, i);
    codec_put_str(pOut, z, (uint32_t)strlen(z));
  }
  *pnLogged = n;
}

static void redoAllNames(const Graph *g, RedoNames *pNames, StrBuf *pOut) {
  redoNames(&g->labels, 0, &pNames->nLabel, pOut);
  redoNames(&g->types, 1, &pNames->nType, pOut);
  redoNames(&g->keys, 2, &pNames->nKey, pOut);
}

static void redoPutLabels(const Graph *g, NodeId n, StrBuf *pOut) {
  uint32_t nLabel;
  const uint32_t *a = graph_node_labels(g, n, &nLabel);
  codec_put_u32(pOut, nLabel);
  for (uint32_t i = 0; i < nLabel; i++) codec_put_u32(pOut, a[i]);
}

static void redoPutProps(const Graph *g, int ent, uint32_t id, StrBuf *pOut) {
  const PropList *pl = graph_props(g, ent, id);
  uint32_t n = pl ? pl->n : 0;
  codec_put_u32(pOut, n);
  for (uint32_t i = 0; i < n; i++) {
    codec_put_u32(pOut, pl->a[i].key);
    codec_put_value(pOut, &pl->a[i].v);
  }
}

/* Is the entity alive at commit (neither deleted nor a rolled-back slot)? */
static bool redoAlive(const Graph *g, int ent, uint32_t id) {
  return ent == ENT_NODE ? graph_node_exists(g, id) : graph_rel_exists(g, id);
}

bool redo_build(const Graph *g, RedoNames *pNames, StrBuf *pOut) {
  const Undo *u = g->pUndo;
  if (u == NULL || u->log.n == 0) return false;
  VEC(Touch) ents = {0}, props = {0};
  for (uint32_t i = 0; i < u->log.n; i++) {
    const UndoRec *r = &u->log.a[i];
    Touch t = {.id = r->id, .ent = r->kind == UNDO_REL_ADD || r->kind == UNDO_REL_DEL ? ENT_REL : ENT_NODE};
    switch (r->kind) {
      case UNDO_NODE_ADD:
      case UNDO_REL_ADD: t.bNew = 1; break;
      case UNDO_LABEL_ADD:
      case UNDO_LABEL_DEL: t.bLabels = 1; break;
      case UNDO_PROP:
        t.ent = r->ent;
        t.key = r->key;
        vec_push(&props, t);
        t.key = 0;
        break;
      default: break;
    }
    vec_push(&ents, t);
  }
  redoUnique(ents.a, &ents.n);
  redoUnique(props.a, &props.n);
  size_t nStart = pOut->n;
  RedoNames namesBefore = *pNames;
  redoAllNames(g, pNames, pOut);
  size_t nNames = pOut->n;
  /* Deletions: relationships, then nodes (ents is sorted nodes first). */
  for (int pass = 0; pass < 2; pass++) {
    int ent = pass == 0 ? ENT_REL : ENT_NODE;
    for (uint32_t i = 0; i < ents.n; i++) {
      const Touch *t = &ents.a[i];
      if (t->ent != ent || t->bNew || redoAlive(g, ent, t->id)) continue;
      codec_put_u8(pOut, ent == ENT_REL ? OP_REL_DEL : OP_NODE_DEL);
      codec_put_u32(pOut, t->id);
    }
  }
  /* Nodes: created ones whole, changed labels as the whole set. */
  for (uint32_t i = 0; i < ents.n; i++) {
    const Touch *t = &ents.a[i];
    if (t->ent != ENT_NODE || !redoAlive(g, ENT_NODE, t->id)) continue;
    if (t->bNew) {
      codec_put_u8(pOut, OP_NODE_NEW);
      codec_put_u32(pOut, t->id);
      redoPutLabels(g, t->id, pOut);
      redoPutProps(g, ENT_NODE, t->id, pOut);
    } else if (t->bLabels) {
      codec_put_u8(pOut, OP_LABELS);
      codec_put_u32(pOut, t->id);
      redoPutLabels(g, t->id, pOut);
    }
  }
  /* Properties of entities that existed before, then new relationships
  ** (whose ends now all exist), then their properties' changes. */
  for (int pass = 0; pass < 2; pass++) {
    int ent = pass == 0 ? ENT_NODE : ENT_REL;
    if (ent == ENT_REL) {
      for (uint32_t i = 0; i < ents.n; i++) {
        const Touch *t = &ents.a[i];
        if (t->ent != ENT_REL || !t->bNew || !redoAlive(g, ENT_REL, t->id)) continue;
        const RelRec *pRel = graph_rel(g, t->id);
        codec_put_u8(pOut, OP_REL_NEW);
        codec_put_u32(pOut, t->id);
        codec_put_u32(pOut, pRel->type);
        codec_put_u32(pOut, pRel->src);
        codec_put_u32(pOut, pRel->dst);
        redoPutProps(g, ENT_REL, t->id, pOut);
      }
    }
    uint32_t j = 0;
    for (uint32_t i = 0; i < props.n; i++) {
      const Touch *t = &props.a[i];
      if (t->ent != ent || !redoAlive(g, ent, t->id)) continue;
      /* Skip properties of entities created here: logged whole above. */
      Touch probe = {.id = t->id, .ent = t->ent};
      while (j < ents.n && redoCmpTouch(&ents.a[j], &probe) < 0) j++;
      if (j < ents.n && ents.a[j].id == t->id && ents.a[j].ent == t->ent && ents.a[j].bNew) continue;
      const Value *pVal = graph_prop(g, ent, t->id, t->key);
      Value vNull = value_null();
      codec_put_u8(pOut, OP_PROP);
      codec_put_u8(pOut, (uint8_t)ent);
      codec_put_u32(pOut, t->id);
      codec_put_u32(pOut, t->key);
      codec_put_value(pOut, pVal ? pVal : &vNull);
    }
  }
  vec_free(&ents);
  vec_free(&props);
  if (pOut->n == nNames) {
    /* Nothing but names (a statement that changed things back): keep the
    ** names for the next record, log nothing now. */
    strbuf_truncate(pOut, nStart);
    *pNames = namesBefore;
    return false;
  }
  return true;
}

void redo_build_schema(const Graph *g, RedoNames *pNames, StrBuf *pOut) {
  redoAllNames(g, pNames, pOut);
  codec_put_u8(pOut, OP_SCHEMA2);
  index_schema_write(g, pOut);
}

/* ======================================================================
** Replaying
** ==================================================================== */

typedef struct RedoApply {
  Graph *g;
  uint64_t nGapBytes;      /* slot records skipped over by creations (redoSlotPlausible) */
  ByteReader b;
  Arena arena;
  const char *zWhere;
  TgError *pErr;
} RedoApply;

static bool raFail(RedoApply *a, const char *zWhat) {
  error_raw(a->pErr, TG_ERR_IO, "", "%s: %s", a->zWhere, zWhat);
  return false;
}

static bool raName(RedoApply *a) {
  uint8_t kind = codec_u8(&a->b);
  uint32_t id = codec_u32(&a->b), n;
  const char *z = codec_str(&a->b, &n);
  if (a->b.bBad || kind > 2 || n == 0) return raFail(a, "a malformed name");
  Intern *p = kind == 0 ? &a->g->labels : kind == 1 ? &a->g->types : &a->g->keys;
  uint32_t nHave = intern_count(p);
  if (id < nHave) {
    const char *zHave = intern_name(p, id);
    if (strlen(zHave) != n || memcmp(zHave, z, n) != 0) return raFail(a, "a name that contradicts the snapshot");
    return true;
  }
  if (id != nHave || intern_find(p, z, n) >= 0) return raFail(a, "a name out of order");
  intern_add(p, z, n);
  return true;
}

/* Reads a label list and gives the node exactly those labels. */
static bool raLabels(RedoApply *a, NodeId n) {
  uint32_t nLabel = codec_u32(&a->b);
  if (nLabel > (a->b.n - a->b.i) / 4) return raFail(a, "a malformed label list");
  uint32_t nKnown = intern_count(&a->g->labels);
  uint32_t aOld[64], nOld;
  const uint32_t *pOld = graph_node_labels(a->g, n, &nOld);
  uint32_t *aRemove = nOld <= 64 ? aOld : tg_malloc(sizeof(uint32_t) * nOld);
  memcpy(aRemove, pOld, sizeof(uint32_t) * nOld);
  uint32_t *aNew = tg_malloc(sizeof(uint32_t) * (nLabel + 1));
  bool bOk = true;
  for (uint32_t i = 0; i < nLabel; i++) {
    aNew[i] = codec_u32(&a->b);
    if (aNew[i] >= nKnown) bOk = false;
  }
  for (uint32_t i = 0; bOk && i < nOld; i++) graph_remove_label(a->g, n, aRemove[i]);
  for (uint32_t i = 0; bOk && i < nLabel; i++) graph_add_label(a->g, n, aNew[i]);
  if (aRemove != aOld) tg_free(aRemove);
  tg_free(aNew);
  return bOk && !a->b.bBad ? true : raFail(a, "a label that was never named");
}

/* Reads one property and sets it (a null removes it). */
static bool raProp(RedoApply *a, int ent, uint32_t id) {
  uint32_t key = codec_u32(&a->b);
  if (a->b.i < a->b.n && a->b.p[a->b.i] == VAL_NULL) {
    a->b.i++;
    if (key >= intern_count(&a->g->keys)) return raFail(a, "a property key that was never named");
    graph_set_prop(a->g, ent, id, key, NULL);
    return true;
  }
  Value v = codec_value(&a->b, &a->arena);
  if (a->b.bBad || key >= intern_count(&a->g->keys)) return raFail(a, "a malformed property");
  graph_set_prop(a->g, ent, id, key, &v);
  return true;
}

static bool raProps(RedoApply *a, int ent, uint32_t id) {
  uint32_t n = codec_u32(&a->b);
  if (n > a->b.n - a->b.i) return raFail(a, "a malformed property list");
  for (uint32_t i = 0; i < n; i++) {
    if (!raProp(a, ent, id)) return false;
  }
  return true;
}

/* Replaces the schema with the one a SCHEMA (bDesc false) or SCHEMA2
** operation holds. */
static bool raSchema(RedoApply *a, bool bDesc) {
  Graph *g = a->g;
  index_schema_clear(g);
  uint32_t n = codec_u32(&a->b);
  for (uint32_t i = 0; bDesc && i < n && !a->b.bBad; i++) {
    IndexDef def;
    bool bOk = index_def_read(&a->b, &def);
    for (uint32_t k = 0; bOk && k < def.d.nTarget; k++) {
      if (def.d.aTarget[k] >= intern_count(def.d.ent == ENT_NODE ? &g->labels : &g->types)) bOk = false;
    }
    for (uint32_t k = 0; bOk && k < def.d.nKey; k++) {
      if (def.d.aKey[k] >= intern_count(&g->keys)) bOk = false;
    }
    bool bViolated, bMade = bOk && index_schema_add(g, &def.d, &bViolated);
    index_def_free(&def);
    if (!bOk) return raFail(a, "a malformed schema");
    if (!bMade) return raFail(a, "an index or constraint that cannot be rebuilt");
  }
  for (uint32_t i = 0; !bDesc && i < n && !a->b.bBad; i++) {
    uint32_t nName;
    const char *zName = codec_str(&a->b, &nName);
    uint32_t label = codec_u32(&a->b), key = codec_u32(&a->b);
    uint8_t bUnique = codec_u8(&a->b);
    if (a->b.bBad || nName == 0 || label >= intern_count(&g->labels) || key >= intern_count(&g->keys)) {
      return raFail(a, "a malformed schema");
    }
    char *z = tg_strndup(zName, nName);
    bool bViolated;
    PropIndex *pIdx = index_find_by_name(g, z) ? NULL : index_create_simple(g, z, label, key, bUnique != 0, &bViolated, NULL);
    tg_free(z);
    if (pIdx == NULL) return raFail(a, "an index or constraint that cannot be rebuilt");
  }
  return !a->b.bBad || raFail(a, "a malformed schema");
}

/*
** May a replayed creation land at slot id, nSlot being the slots so far?
** Creations take slots in order, so a record names a slot beyond the end
** only when its transaction also created (and deleted) every slot in
** between: millions of them, in one statement that creates and deletes.
** That statement held the records of all those slots within its memory
** budget, so one record's gaps together (*pnGapBytes, counted here) fit
** in the default budget; more is damage, refused before allocating for it.
*/
static bool redoSlotPlausible(uint32_t id, uint32_t nSlot, size_t nRecBytes, uint64_t *pnGapBytes) {
  if (id < nSlot) return true;
  *pnGapBytes += (uint64_t)(id - nSlot) * nRecBytes;
  return *pnGapBytes <= (uint64_t)mem_default_budget();
}

bool redo_apply(Graph *g, const uint8_t *p, size_t n, const char *zWhere, TgError *pErr) {
  RedoApply a = {.g = g, .zWhere = zWhere, .pErr = pErr};
  codec_reader(&a.b, p, n);
  arena_init(&a.arena);
  bool bOk = true;
  while (bOk && !codec_at_end(&a.b)) {
    uint8_t op = codec_u8(&a.b);
    uint32_t id = op == OP_NAME || op == OP_SCHEMA || op == OP_SCHEMA2 || op == OP_PROP ? 0 : codec_u32(&a.b);
    switch (op) {
      case OP_NAME: bOk = raName(&a); break;
      case OP_REL_DEL:
        if (!graph_rel_exists(g, id)) bOk = raFail(&a, "deletes a relationship that does not exist");
        else graph_delete_rel(g, id);
        break;
      case OP_NODE_DEL:
        if (!graph_node_exists(g, id) || !graph_delete_node(g, id)) {
          bOk = raFail(&a, "deletes a node that does not exist or still has relationships");
        }
        break;
      case OP_NODE_NEW:
        if (!redoSlotPlausible(id, g->nNodeSlot, sizeof(NodeRec), &a.nGapBytes)) bOk = raFail(&a, "creates a node at an id far beyond the graph");
        else if (!graph_add_node_at(g, id)) bOk = raFail(&a, "creates a node whose id is taken");
        else bOk = raLabels(&a, id) && raProps(&a, ENT_NODE, id);
        break;
      case OP_LABELS:
        if (!graph_node_exists(g, id)) bOk = raFail(&a, "changes a node that does not exist");
        else bOk = raLabels(&a, id);
        break;
      case OP_PROP: {
        uint8_t ent = codec_u8(&a.b);
        id = codec_u32(&a.b);
        bool bLive = ent == ENT_NODE ? graph_node_exists(g, id) : ent == ENT_REL && graph_rel_exists(g, id);
        if (!bLive) bOk = raFail(&a, "sets a property of something that does not exist");
        else bOk = raProp(&a, ent, id);
        break;
      }
      case OP_REL_NEW: {
        uint32_t type = codec_u32(&a.b), src = codec_u32(&a.b), dst = codec_u32(&a.b);
        if (a.b.bBad || type >= intern_count(&g->types) || !redoSlotPlausible(id, g->nRelSlot, sizeof(RelRec), &a.nGapBytes) ||
            !graph_add_rel_at(g, id, type, src, dst)) {
          bOk = raFail(&a, "creates a relationship that does not fit the graph");
        } else {
          bOk = raProps(&a, ENT_REL, id);
        }
        break;
      }
      case OP_SCHEMA: bOk = raSchema(&a, false); break;
      case OP_SCHEMA2: bOk = raSchema(&a, true); break;
      default: bOk = raFail(&a, "an unknown operation"); break;
    }
    if (bOk && a.b.bBad) bOk = raFail(&a, "a record cut short");
    arena_reset(&a.arena);
  }
  if (bOk && index_violated(g)) bOk = raFail(&a, "breaks a constraint");
  arena_free(&a.arena);
  return bOk;
}
