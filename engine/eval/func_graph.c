/*
** func_graph.c — functions over graph entities and paths: id, elementId,
** labels, type, properties, keys, nodes, relationships, length, startNode,
** endNode. keys() and properties() also take maps.
*/
#include <stdio.h>

#include "eval/expr.h"
#include "eval/func.h"
#include "syntax/ast.h"
#include "store/graph.h"

/*
** Checks that v is a node or relationship of the wanted kind. An entity the
** statement deleted is an error (DeletedEntityAccess) except for type(),
** which Cypher allows on deleted relationships (bAllowDeleted).
*/
static bool fgEntityEx(FuncCtx *c, const Value *v, int type1, int type2, const char *zFn,
                       bool bAllowDeleted) {
  if (v->type == type1 || v->type == type2) {
    bool bDeleted = v->type == VAL_NODE ? graph_node_deleted(c->pGraph, v->u.id)
                                        : graph_rel_deleted(c->pGraph, v->u.id);
    if (bDeleted && !bAllowDeleted) {
      func_error(c, ERR_DELETED_ENTITY_ACCESS, v->type == VAL_NODE ? "node" : "relationship");
      return false;
    }
    return true;
  }
  func_error(c, ERR_TYPE_INVALID_VALUE, "%s() cannot take a value of type %s", zFn, value_type_name(v->type));
  return false;
}

static bool fgEntity(FuncCtx *c, const Value *v, int type1, int type2, const char *zFn) {
  return fgEntityEx(c, v, type1, type2, zFn, false);
}

static void fgId(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  if (a[0].type != VAL_NODE && a[0].type != VAL_REL) {
    func_error(c, ERR_TYPE_MISMATCH, "id() cannot take a value of type %s", value_type_name(a[0].type));
    return;
  }
  *pOut = value_int(a[0].u.id);
}

static void fgElementId(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  if (a[0].type != VAL_NODE && a[0].type != VAL_REL) {
    func_error(c, ERR_TYPE_MISMATCH, "elementId() cannot take a value of type %s", value_type_name(a[0].type));
    return;
  }
  char z[32];
  snprintf(z, sizeof(z), "%c%u", a[0].type == VAL_NODE ? 'n' : 'r', a[0].u.id);
  *pOut = value_cstr(c->pArena, z);
}

static void fgLabels(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  if (!fgEntity(c, &a[0], VAL_NODE, VAL_NODE, "labels")) return;
  uint32_t nLabel;
  const uint32_t *aLabel = graph_node_labels(c->pGraph, a[0].u.id, &nLabel);
  Value list = value_list_new(c->pArena, nLabel);
  for (uint32_t i = 0; i < nLabel; i++) {
    const char *z = intern_name(&c->pGraph->labels, aLabel[i]);
    list.u.a[i] = value_str(z, (uint32_t)strlen(z));
  }
  *pOut = list;
}

static void fgType(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  if (!fgEntityEx(c, &a[0], VAL_REL, VAL_REL, "type", true)) return;
  const char *z = intern_name(&c->pGraph->types, graph_rel(c->pGraph, a[0].u.id)->type);
  *pOut = value_str(z, (uint32_t)strlen(z));
}

/*
** FUNC_TYPE_MATCHES(r, names, any): the test of a dynamic relationship
** type -[r:$(e)]-. names is a string or a list of strings; a relationship
** has one type, so $(e) (every name) matches when all names are its type,
** $any(e) when one is.
*/
static void fgTypeMatches(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  if (a[0].type == VAL_NULL) {
    *pOut = value_null();
    return;
  }
  if (!fgEntityEx(c, &a[0], VAL_REL, VAL_REL, "type", true)) return;
  const char *zType = intern_name(&c->pGraph->types, graph_rel(c->pGraph, a[0].u.id)->type);
  size_t nType = strlen(zType);
  bool bAny = a[2].type == VAL_BOOL && a[2].u.b;
  uint32_t nItem = a[1].type == VAL_LIST ? a[1].n : 1;
  bool bResult = !bAny;
  for (uint32_t i = 0; i < nItem; i++) {
    const Value *e = a[1].type == VAL_LIST ? &a[1].u.a[i] : &a[1];
    if (e->type != VAL_STRING || e->n == 0) {
      func_error(c, ERR_TYPE_MISMATCH,
                 "a dynamic relationship type needs a non-empty string or a list of them");
      return;
    }
    bool bIs = e->n == nType && memcmp(e->u.z, zType, nType) == 0;
    if (bAny && bIs) bResult = true;
    if (!bAny && !bIs) bResult = false;
  }
  *pOut = value_bool(bResult);
}

static void fgProperties(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  if (a[0].type == VAL_MAP) {
    *pOut = a[0];
    return;
  }
  if (!fgEntity(c, &a[0], VAL_NODE, VAL_REL, "properties")) return;
  *pOut = expr_entity_props(c->pGraph, &a[0], c->pArena);
}

static void fgKeys(FuncCtx *c, int n, const Value *a, Value *pOut) {
  Value props;
  fgProperties(c, n, a, &props);
  if (c->pErr->code) return;
  Value list = value_list_new(c->pArena, props.n);
  for (uint32_t i = 0; i < props.n; i++) list.u.a[i] = value_str(props.u.m[i].zKey, props.u.m[i].nKey);
  *pOut = list;
}

/* nodes(p) / relationships(p): every other item of the path. */
static void fgPathItems(FuncCtx *c, const Value *a, Value *pOut, uint32_t iFirst, const char *zFn) {
  if (a[0].type != VAL_PATH) {
    func_error(c, ERR_TYPE_MISMATCH, "%s() needs a path, not %s", zFn, value_type_name(a[0].type));
    return;
  }
  uint32_t nOut = (a[0].n - iFirst + 1) / 2;
  Value list = value_list_new(c->pArena, nOut);
  for (uint32_t i = 0; i < nOut; i++) list.u.a[i] = a[0].u.a[iFirst + 2 * i];
  *pOut = list;
}

static void fgNodes(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  fgPathItems(c, a, pOut, 0, "nodes");
}

static void fgRelationships(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  fgPathItems(c, a, pOut, 1, "relationships");
}

static void fgLength(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  if (a[0].type != VAL_PATH) {
    func_error(c, ERR_TYPE_MISMATCH, "length() needs a path, not %s", value_type_name(a[0].type));
    return;
  }
  *pOut = value_int((a[0].n - 1) / 2);
}

static void fgEndpoint(FuncCtx *c, const Value *a, Value *pOut, bool bStart, const char *zFn) {
  if (!fgEntity(c, &a[0], VAL_REL, VAL_REL, zFn)) return;
  const RelRec *r = graph_rel(c->pGraph, a[0].u.id);
  *pOut = value_node(bStart ? r->src : r->dst);
}

static void fgStartNode(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  fgEndpoint(c, a, pOut, true, "startNode");
}

static void fgEndNode(FuncCtx *c, int n, const Value *a, Value *pOut) {
  (void)n;
  fgEndpoint(c, a, pOut, false, "endNode");
}

const FuncDef func_graph_defs[] = {
    {"elementId", 1, 1, FUNCF_NULL_IN_NULL_OUT, fgElementId,
     "elementId(e :: NODE | RELATIONSHIP) :: STRING", "a textual identifier of a node or relationship"},
    {"endNode", 1, 1, FUNCF_NULL_IN_NULL_OUT | FUNCF_GRAPH, fgEndNode,
     "endNode(r :: RELATIONSHIP) :: NODE", "the node a relationship points to"},
    {"id", 1, 1, FUNCF_NULL_IN_NULL_OUT, fgId, "id(e :: NODE | RELATIONSHIP) :: INTEGER",
     "the id of a node or relationship"},
    {"keys", 1, 1, FUNCF_NULL_IN_NULL_OUT | FUNCF_GRAPH, fgKeys,
     "keys(e :: NODE | RELATIONSHIP | MAP) :: LIST OF STRING", "property keys or map keys"},
    {"labels", 1, 1, FUNCF_NULL_IN_NULL_OUT | FUNCF_GRAPH, fgLabels,
     "labels(n :: NODE) :: LIST OF STRING", "the labels of a node"},
    {"length", 1, 1, FUNCF_NULL_IN_NULL_OUT, fgLength, "length(p :: PATH) :: INTEGER",
     "the number of relationships in a path"},
    {"nodes", 1, 1, FUNCF_NULL_IN_NULL_OUT, fgNodes, "nodes(p :: PATH) :: LIST OF NODE",
     "the nodes of a path"},
    {"properties", 1, 1, FUNCF_NULL_IN_NULL_OUT | FUNCF_GRAPH, fgProperties,
     "properties(e :: NODE | RELATIONSHIP | MAP) :: MAP", "all properties as a map"},
    {"relationships", 1, 1, FUNCF_NULL_IN_NULL_OUT, fgRelationships,
     "relationships(p :: PATH) :: LIST OF RELATIONSHIP", "the relationships of a path"},
    {"startNode", 1, 1, FUNCF_NULL_IN_NULL_OUT | FUNCF_GRAPH, fgStartNode,
     "startNode(r :: RELATIONSHIP) :: NODE", "the node a relationship starts from"},
    {"type", 1, 1, FUNCF_NULL_IN_NULL_OUT | FUNCF_GRAPH, fgType,
     "type(r :: RELATIONSHIP) :: STRING", "the type of a relationship"},
    {FUNC_TYPE_MATCHES, 3, 3, FUNCF_GRAPH | FUNCF_HIDDEN, fgTypeMatches,
     FUNC_TYPE_MATCHES "(r :: RELATIONSHIP, names :: STRING | LIST<STRING>, any :: BOOLEAN) :: BOOLEAN",
     "-[r:$(names)]-: does the relationship have the type(s)?"},
};
const int func_graph_count = ARRAY_SIZE(func_graph_defs);
