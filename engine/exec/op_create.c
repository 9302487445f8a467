/*
** op_create.c — Create: for each input row, creates the nodes and
** relationships of a pattern (reusing nodes bound earlier), sets their
** labels and properties, and binds the new variables and named paths.
*/
#include "eval/expr.h"
#include "exec/op.h"
#include "value/point.h"

/*
** A property holds a simple value or a homogeneous list of them, as in
** Neo4j: a list mixing types (1 and 'a', or 1 and 2.5) or holding null is
** refused, since it could not be stored as one typed array.
*/
bool op_check_property_value(ExecCtx *pCtx, int iOfst, const Value *pVal) {
  switch (pVal->type) {
    case VAL_NULL: case VAL_BOOL: case VAL_INT: case VAL_FLOAT: case VAL_STRING: case VAL_POINT:
      return true;
    case VAL_LIST: {
      for (uint32_t i = 0; i < pVal->n; i++) {
        const Value *e = &pVal->u.a[i];
        if (e->type == VAL_LIST || e->type == VAL_MAP || e->type == VAL_NODE ||
            e->type == VAL_REL || e->type == VAL_PATH) {
          exec_error(pCtx, iOfst, ERR_PROPERTY_TYPE,
                     "a property list may only hold numbers, strings, booleans, temporals and points");
          return false;
        }
        if (e->type == VAL_NULL) {
          exec_error(pCtx, iOfst, ERR_PROPERTY_TYPE, "a property list cannot hold null");
          return false;
        }
        if (e->type != pVal->u.a[0].type) {
          exec_error(pCtx, iOfst, ERR_PROPERTY_TYPE,
                     "a property list must hold values of one type, not %s and %s",
                     value_type_name(pVal->u.a[0].type), value_type_name(e->type));
          return false;
        }
        /* As in Neo4j, the points of one list share a CRS. */
        if (e->type == VAL_POINT && e->u.pt->srid != pVal->u.a[0].u.pt->srid) {
          exec_error(pCtx, iOfst, ERR_PROPERTY_TYPE,
                     "Collections containing point values with different CRS can not be stored in properties.");
          return false;
        }
      }
      return true;
    }
    default:
      if (value_is_temporal(pVal)) return true;
      exec_error(pCtx, iOfst, ERR_PROPERTY_TYPE, "a property cannot hold a %s",
                 value_type_name(pVal->type));
      return false;
  }
}

/* expr_dynamic_names' callbacks: a label to add or remove, a type to take. */
typedef struct DynamicWrite {
  Graph *g;
  NodeId n;
  bool bRemove;
  int64_t type;            /* the relationship type chosen, -1 before */
  uint32_t nNames;
} DynamicWrite;

static bool createDynamicLabel(const char *z, uint32_t nz, void *pArg) {
  DynamicWrite *w = pArg;
  if (w->bRemove) {
    int32_t id = intern_find(&w->g->labels, z, nz);
    if (id >= 0) graph_remove_label(w->g, w->n, (uint32_t)id);
  } else {
    graph_add_label(w->g, w->n, intern_add(&w->g->labels, z, nz));
  }
  return true;
}

bool op_dynamic_labels(ExecCtx *pCtx, Arena *pA, uint32_t nDynamic, const AstNode **apDynamic, NodeId n,
                       bool bRemove) {
  DynamicWrite w = {pCtx->pGraph, n, bRemove, -1, 0};
  for (uint32_t i = 0; i < nDynamic; i++) {
    if (!expr_dynamic_names(pCtx, apDynamic[i], pA, createDynamicLabel, &w)) return false;
  }
  return true;
}

static bool createDynamicType(const char *z, uint32_t nz, void *pArg) {
  DynamicWrite *w = pArg;
  w->nNames++;
  if (w->type < 0) w->type = intern_add(&w->g->types, z, nz);
  return true;
}

/* The type a relationship to create gets from -[:$(e)]->: one name. */
static bool createDynamicTypeOf(ExecCtx *pCtx, Arena *pA, const AstNode *pDyn, uint32_t *pType) {
  DynamicWrite w = {pCtx->pGraph, 0, false, -1, 0};
  if (!expr_dynamic_names(pCtx, pDyn, pA, createDynamicType, &w)) return false;
  if (w.nNames != 1) {
    exec_error(pCtx, pDyn->iOfst, ERR_TYPE_MISMATCH,
               "a relationship to create needs exactly one type, and $(...) gave %u", w.nNames);
    return false;
  }
  *pType = (uint32_t)w.type;
  return true;
}

/* Sets the properties of a new entity from a map expression. */
static bool createSetProps(ExecCtx *pCtx, Arena *pA, int ent, uint32_t id,
                           const AstNode *pProps, bool bMerge) {
  if (pProps == NULL) return true;
  Value map;
  if (!expr_eval(pCtx, pProps, pA, &map)) return false;
  if (map.type == VAL_NULL) return true;
  if (map.type != VAL_MAP) {
    exec_error(pCtx, pProps->iOfst, ERR_TYPE_MISMATCH, "properties must be a map, got %s",
               value_type_name(map.type));
    return false;
  }
  Graph *g = pCtx->pGraph;
  exec_note_write_site(pCtx, pProps->iOfst);   /* a node without properties breaks no constraint */
  for (uint32_t i = 0; i < map.n; i++) {
    const MapEntry *e = &map.u.m[i];
    if (e->v.type == VAL_NULL) {
      if (bMerge) {
        exec_error(pCtx, pProps->iOfst, ERR_MERGE_READ_OWN_WRITES,
                   "cannot merge using a null property value");
        return false;
      }
      continue;
    }
    if (!op_check_property_value(pCtx, pProps->iOfst, &e->v)) return false;
    graph_set_prop(g, ent, id, intern_add(&g->keys, e->zKey, e->nKey), &e->v);
  }
  return true;
}

bool op_create_apply(ExecCtx *pCtx, Arena *pA, const CreateSpec *pSpec, bool bMerge) {
  Graph *g = pCtx->pGraph;
  Value *aSlot = pCtx->aSlot;
  for (uint32_t i = 0; i < pSpec->nNode; i++) {
    const CreateNode *cn = &pSpec->aNode[i];
    NodeId n = graph_add_node(g);
    for (uint32_t k = 0; k < cn->nLabel; k++) graph_add_label(g, n, cn->aLabel[k]);
    if (!op_dynamic_labels(pCtx, pA, cn->nDynamic, cn->apDynamic, n, false)) return false;
    aSlot[cn->iSlot] = value_node(n);
    if (!createSetProps(pCtx, pA, ENT_NODE, n, cn->pProps, bMerge)) return false;
  }
  for (uint32_t i = 0; i < pSpec->nRel; i++) {
    const CreateRel *cr = &pSpec->aRel[i];
    const Value *pFrom = &aSlot[cr->iFrom], *pTo = &aSlot[cr->iTo];
    if (pFrom->type != VAL_NODE || pTo->type != VAL_NODE) {
      exec_error(pCtx, cr->iOfst, ERR_TYPE_MISMATCH,
                 "a relationship needs two nodes at its ends, got %s",
                 value_type_name(pFrom->type != VAL_NODE ? pFrom->type : pTo->type));
      return false;
    }
    if (!graph_node_exists(g, pFrom->u.id) || !graph_node_exists(g, pTo->u.id)) {
      exec_error(pCtx, cr->iOfst, ERR_DELETED_ENTITY_ACCESS, "node");
      return false;
    }
    uint32_t type = cr->type;
    if (cr->pDynamicType && !createDynamicTypeOf(pCtx, pA, cr->pDynamicType, &type)) return false;
    RelId r = graph_add_rel(g, type, pFrom->u.id, pTo->u.id);
    aSlot[cr->iSlot] = value_rel(r);
    if (!createSetProps(pCtx, pA, ENT_REL, r, cr->pProps, bMerge)) return false;
  }
  for (uint32_t i = 0; i < pSpec->nPath; i++) {
    if (!expr_eval(pCtx, pSpec->aPath[i].pBuild, pA, &aSlot[pSpec->aPath[i].iSlot])) return false;
  }
  return true;
}

typedef struct OpCreate {
  Op base;
  CreateSpec spec;
} OpCreate;

static void createOpen(Op *p) { op_open(p->pChild); }

static int createNext(Op *p) {
  OpCreate *c = (OpCreate *)p;
  int rc = op_next(p->pChild);
  if (rc != OP_ROW) return rc;
  arena_reset(&p->scratch);
  return op_create_apply(p->pCtx, &p->scratch, &c->spec, false) ? OP_ROW : OP_ERROR;
}

static void createClose(Op *p) { op_close(p->pChild); }

static void createExplain(Op *p, StrBuf *pOut) {
  OpCreate *c = (OpCreate *)p;
  strbuf_printf(pOut, "nodes=%u relationships=%u", c->spec.nNode, c->spec.nRel);
}

static const OpVtab createVtab = {"Create", createOpen, createNext, createClose, createExplain,
                                  NULL};

Op *op_create(ExecCtx *pCtx, Op *pChild, const CreateSpec *pSpec) {
  OpCreate *c = (OpCreate *)op_alloc(pCtx, sizeof(OpCreate), &createVtab, pChild);
  c->spec = *pSpec;
  return &c->base;
}
