/*
** op_set.c — SetProperties: applies SET and REMOVE items to each input
** row: a property, all properties from a map (= replaces, += merges), or
** labels. Setting a property to null removes it. Items apply in order.
*/
#include "eval/expr.h"
#include "exec/op.h"

/* Evaluates a SET target: a live node or relationship, or null (skip). */
static bool setTarget(ExecCtx *pCtx, Arena *pA, const SetItem *it, Value *pOut) {
  if (!expr_eval(pCtx, it->pTarget, pA, pOut)) return false;
  if (pOut->type == VAL_NULL) return true;
  bool bNodeOnly = it->eKind == SETK_LABELS || it->eKind == SETK_UNLABEL;
  if (pOut->type != VAL_NODE && (bNodeOnly || pOut->type != VAL_REL)) {
    exec_error(pCtx, it->iOfst, ERR_TYPE_MISMATCH, "cannot set %s on a %s",
               bNodeOnly ? "labels" : "properties", value_type_name(pOut->type));
    return false;
  }
  Graph *g = pCtx->pGraph;
  bool bLive = pOut->type == VAL_NODE ? graph_node_exists(g, pOut->u.id) : graph_rel_exists(g, pOut->u.id);
  if (!bLive) {
    exec_error(pCtx, it->iOfst, ERR_DELETED_ENTITY_ACCESS,
               pOut->type == VAL_NODE ? "node" : "relationship");
    return false;
  }
  return true;
}

/* SET e = map / SET e += map. */
static bool setFromMap(ExecCtx *pCtx, Arena *pA, const SetItem *it, const Value *pEnt) {
  Graph *g = pCtx->pGraph;
  int ent = pEnt->type == VAL_NODE ? ENT_NODE : ENT_REL;
  Value src;
  if (!expr_eval(pCtx, it->pValue, pA, &src)) return false;
  if (src.type == VAL_NODE || src.type == VAL_REL) {
    src = expr_entity_props(g, &src, pA);
    src = value_copy(pA, &src);   /* the source may be the target itself */
  } else if (src.type == VAL_NULL && it->eKind == SETK_REPLACE) {
    src = value_map_new(pA, 0);
  } else if (src.type != VAL_MAP) {
    exec_error(pCtx, it->pValue->iOfst, ERR_TYPE_MISMATCH,
               "SET needs a map of properties, got %s", value_type_name(src.type));
    return false;
  }
  for (uint32_t i = 0; i < src.n; i++) {
    if (!op_check_property_value(pCtx, it->pValue->iOfst, &src.u.m[i].v)) return false;
  }
  if (it->eKind == SETK_REPLACE) {
    /* Remove the properties the map does not mention. */
    const PropList *pl = graph_props(g, ent, pEnt->u.id);
    while (pl) {
      uint32_t k = 0;
      for (; k < pl->n; k++) {
        const char *zKey = intern_name(&g->keys, pl->a[k].key);
        if (value_map_get(&src, zKey, (uint32_t)strlen(zKey)) == NULL) break;
      }
      if (k == pl->n) break;
      graph_set_prop(g, ent, pEnt->u.id, pl->a[k].key, NULL);
      pl = graph_props(g, ent, pEnt->u.id);
    }
  }
  for (uint32_t i = 0; i < src.n; i++) {
    uint32_t key = intern_add(&g->keys, src.u.m[i].zKey, src.u.m[i].nKey);
    graph_set_prop(g, ent, pEnt->u.id, key, &src.u.m[i].v);
  }
  return true;
}

bool op_set_apply(ExecCtx *pCtx, Arena *pA, uint32_t nItem, const SetItem *aItem) {
  Graph *g = pCtx->pGraph;
  for (uint32_t i = 0; i < nItem; i++) {
    const SetItem *it = &aItem[i];
    Value ent;
    if (!setTarget(pCtx, pA, it, &ent)) return false;
    if (ent.type == VAL_NULL) continue;
    exec_note_write_site(pCtx, it->iOfst);
    switch (it->eKind) {
      case SETK_PROP: {
        uint32_t key = it->key;
        if (it->pKey) {
          Value k;
          if (!expr_eval(pCtx, it->pKey, pA, &k)) return false;
          if (k.type != VAL_STRING) {
            exec_error(pCtx, it->pKey->iOfst, ERR_TYPE_MISMATCH, "a property key must be a STRING");
            return false;
          }
          key = intern_add(&g->keys, k.u.z, k.n);
        }
        Value v = value_null();
        if (it->pValue && !expr_eval(pCtx, it->pValue, pA, &v)) return false;
        if (!op_check_property_value(pCtx, it->pValue ? it->pValue->iOfst : it->iOfst, &v)) {
          return false;
        }
        graph_set_prop(g, ent.type == VAL_NODE ? ENT_NODE : ENT_REL, ent.u.id, key, &v);
        break;
      }
      case SETK_REPLACE:
      case SETK_MERGE:
        if (!setFromMap(pCtx, pA, it, &ent)) return false;
        break;
      case SETK_LABELS:
        for (uint32_t k = 0; k < it->nLabel; k++) graph_add_label(g, ent.u.id, it->aLabel[k]);
        if (!op_dynamic_labels(pCtx, pA, it->nDynamic, it->apDynamic, ent.u.id, false)) return false;
        break;
      case SETK_UNLABEL:
        for (uint32_t k = 0; k < it->nLabel; k++) graph_remove_label(g, ent.u.id, it->aLabel[k]);
        if (!op_dynamic_labels(pCtx, pA, it->nDynamic, it->apDynamic, ent.u.id, true)) return false;
        break;
    }
  }
  return true;
}

typedef struct OpSet {
  Op base;
  uint32_t nItem;
  SetItem *aItem;
} OpSet;

static void setOpen(Op *p) { op_open(p->pChild); }

static int setNext(Op *p) {
  OpSet *s = (OpSet *)p;
  int rc = op_next(p->pChild);
  if (rc != OP_ROW) return rc;
  arena_reset(&p->scratch);
  return op_set_apply(p->pCtx, &p->scratch, s->nItem, s->aItem) ? OP_ROW : OP_ERROR;
}

static void setClose(Op *p) { op_close(p->pChild); }

static const OpVtab setVtab = {"SetProperties", setOpen, setNext, setClose, NULL, NULL};

Op *op_set(ExecCtx *pCtx, Op *pChild, uint32_t nItem, const SetItem *aItem) {
  OpSet *s = (OpSet *)op_alloc(pCtx, sizeof(OpSet), &setVtab, pChild);
  s->nItem = nItem;
  s->aItem = arena_alloc(pCtx->pArena, sizeof(SetItem) * (nItem + 1));
  memcpy(s->aItem, aItem, sizeof(SetItem) * nItem);
  return &s->base;
}
