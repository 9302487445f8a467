/*
** unparse.c — prints expressions and patterns back as Cypher text.
**
** Used by EXPLAIN (filters, projections, sort keys) and by messages that
** name an expression. The output is canonical rather than a copy of the
** source: spacing is normalised and parentheses are added where the tree
** needs them. Slot references made by the planner (which have no name in
** the AST) are printed from the statement's slot-name table.
*/
#include <stdio.h>

#include "syntax/ast.h"
#include "parser.h"
#include "base/strbuf.h"
#include "store/valfmt.h"

static void unparseExpr(StrBuf *pOut, const AstNode *p, const char *const *azSlot);

static void unparseList(StrBuf *pOut, const AstList *pL, const char *const *azSlot) {
  for (uint32_t i = 0; pL && i < pL->n; i++) {
    if (i) strbuf_puts(pOut, ", ");
    unparseExpr(pOut, pL->a[i], azSlot);
  }
}

static void unparseName(StrBuf *pOut, const char *z) {
  bool bPlain = z && z[0] && !(z[0] >= '0' && z[0] <= '9');
  for (const char *c = z; bPlain && *c; c++) {
    unsigned char u = (unsigned char)*c;
    bPlain = u == '_' || u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
             (u >= '0' && u <= '9');
  }
  if (bPlain) {
    strbuf_puts(pOut, z);
  } else {
    strbuf_putc(pOut, '`');
    strbuf_puts(pOut, z ? z : "");
    strbuf_putc(pOut, '`');
  }
}

static void unparseLabels(StrBuf *pOut, const AstNode *p, int iDepth) {
  if (p == NULL) return;
  switch (p->kind) {
    case AST_LABEL: unparseName(pOut, p->z); break;
    case AST_LABEL_ANY: strbuf_putc(pOut, '%'); break;
    case AST_LABEL_DYNAMIC:
      strbuf_puts(pOut, p->op ? "$any(" : "$(");
      unparseExpr(pOut, p->p1, NULL);
      strbuf_putc(pOut, ')');
      break;
    case AST_LABEL_NOT:
      strbuf_putc(pOut, '!');
      unparseLabels(pOut, p->p1, iDepth + 1);
      break;
    default: {
      bool bParen = iDepth > 0;
      if (bParen) strbuf_putc(pOut, '(');
      unparseLabels(pOut, p->p1, iDepth + 1);
      strbuf_puts(pOut, p->kind == AST_LABEL_AND ? "&" : "|");
      unparseLabels(pOut, p->p2, iDepth + 1);
      if (bParen) strbuf_putc(pOut, ')');
    }
  }
}

static void unparseVar(StrBuf *pOut, const AstNode *p, const char *const *azSlot) {
  if (p->z) unparseName(pOut, p->z);
  else if (azSlot && p->iSlot >= 0 && azSlot[p->iSlot]) strbuf_puts(pOut, azSlot[p->iSlot]);
  else if (p->iSlot >= 0) strbuf_printf(pOut, "anon_%d", p->iSlot);
}

static void unparsePath(StrBuf *pOut, const AstNode *pPath, const char *const *azSlot) {
  if (pPath->z) {
    unparseName(pOut, pPath->z);
    strbuf_puts(pOut, " = ");
  }
  const AstList *pChain = pPath->pList;
  for (uint32_t i = 0; pChain && i < pChain->n; i++) {
    const AstNode *e = pChain->a[i];
    if (e->kind == AST_NODE_PAT) {
      strbuf_putc(pOut, '(');
      if (e->z) unparseName(pOut, e->z);
      if (e->p1) {
        strbuf_putc(pOut, ':');
        unparseLabels(pOut, e->p1, 0);
      }
      if (e->p2) {
        strbuf_putc(pOut, ' ');
        unparseExpr(pOut, e->p2, azSlot);
      }
      strbuf_putc(pOut, ')');
    } else {
      strbuf_puts(pOut, e->op == DIR_IN ? "<-[" : "-[");
      if (e->z) unparseName(pOut, e->z);
      if (e->p1) {
        strbuf_putc(pOut, ':');
        unparseLabels(pOut, e->p1, 0);
      }
      if (e->flags & AST_F_VARLEN) {
        strbuf_printf(pOut, "*%lld..", (long long)e->i1);
        if (e->i2 >= 0) strbuf_printf(pOut, "%lld", (long long)e->i2);
      }
      if (e->p2) {
        strbuf_putc(pOut, ' ');
        unparseExpr(pOut, e->p2, azSlot);
      }
      strbuf_puts(pOut, e->op == DIR_OUT ? "]->" : "]-");
    }
  }
}

/* Operator text for a binary node. */
static const char *unparseOp(int op) {
  switch (op) {
    case TK_OR: return "OR";
    case TK_XOR: return "XOR";
    case TK_AND: return "AND";
    case TK_EQ: return "=";
    case TK_NE: return "<>";
    case TK_LT: return "<";
    case TK_LE: return "<=";
    case TK_GT: return ">";
    case TK_GE: return ">=";
    case TK_IN: return "IN";
    case TK_STARTS: return "STARTS WITH";
    case TK_ENDS: return "ENDS WITH";
    case TK_CONTAINS: return "CONTAINS";
    case TK_REGEX: return "=~";
    case TK_PLUS: return "+";
    case TK_MINUS: return "-";
    case TK_STAR: return "*";
    case TK_SLASH: return "/";
    case TK_PERCENT: return "%";
    case TK_CARET: return "^";
    case TK_CONCAT: return "||";
    default: return "?";
  }
}

/* Operands that are themselves operators get parentheses. */
static void unparseOperand(StrBuf *pOut, const AstNode *p, const char *const *azSlot) {
  bool bParen = p->kind == AST_BINARY || p->kind == AST_UNARY;
  if (bParen) strbuf_putc(pOut, '(');
  unparseExpr(pOut, p, azSlot);
  if (bParen) strbuf_putc(pOut, ')');
}

/* " KEYWORD expr" when the optional part p is there (WHERE, ELSE, | ...). */
static void unparseOptional(StrBuf *pOut, const char *zKeyword, const AstNode *p,
                            const char *const *azSlot) {
  if (p == NULL) return;
  strbuf_puts(pOut, zKeyword);
  unparseExpr(pOut, p, azSlot);
}

/* "name IN list" of comprehensions, quantifiers and reduce(). */
static void unparseIn(StrBuf *pOut, const char *zName, const AstNode *pList,
                      const char *const *azSlot) {
  unparseName(pOut, zName);
  strbuf_puts(pOut, " IN ");
  unparseExpr(pOut, pList, azSlot);
}

static void unparseExpr(StrBuf *pOut, const AstNode *p, const char *const *azSlot) {
  if (p == NULL) return;
  switch (p->kind) {
    case AST_LITERAL: valfmt_append(pOut, &p->lit, NULL, VALFMT_QUOTE); break;
    case AST_PARAM:
      strbuf_putc(pOut, '$');
      unparseName(pOut, p->z);
      break;
    case AST_VAR:
    case AST_MP_VAR: unparseVar(pOut, p, azSlot); break;
    case AST_PROP:
      unparseOperand(pOut, p->p1, azSlot);
      strbuf_putc(pOut, '.');
      unparseName(pOut, p->z);
      break;
    case AST_INDEX:
      unparseOperand(pOut, p->p1, azSlot);
      strbuf_putc(pOut, '[');
      unparseExpr(pOut, p->p2, azSlot);
      strbuf_putc(pOut, ']');
      break;
    case AST_SLICE:
      unparseOperand(pOut, p->p1, azSlot);
      strbuf_putc(pOut, '[');
      unparseExpr(pOut, p->p2, azSlot);
      strbuf_puts(pOut, "..");
      unparseExpr(pOut, p->p3, azSlot);
      strbuf_putc(pOut, ']');
      break;
    case AST_BINARY:
      unparseOperand(pOut, p->p1, azSlot);
      strbuf_printf(pOut, " %s ", unparseOp(p->op));
      unparseOperand(pOut, p->p2, azSlot);
      break;
    case AST_UNARY:
      strbuf_puts(pOut, p->op == TK_NOT ? "NOT " : p->op == TK_MINUS ? "-" : "+");
      unparseOperand(pOut, p->p1, azSlot);
      break;
    case AST_IS_NULL:
      unparseOperand(pOut, p->p1, azSlot);
      strbuf_puts(pOut, (p->flags & AST_F_NOT) ? " IS NOT NULL" : " IS NULL");
      break;
    case AST_HAS_LABELS:
      unparseOperand(pOut, p->p1, azSlot);
      strbuf_putc(pOut, ':');
      unparseLabels(pOut, p->p2, 0);
      break;
    case AST_LIST:
      strbuf_putc(pOut, '[');
      unparseList(pOut, p->pList, azSlot);
      strbuf_putc(pOut, ']');
      break;
    case AST_MAP:
      strbuf_putc(pOut, '{');
      for (uint32_t i = 0; p->pList && i < p->pList->n; i++) {
        if (i) strbuf_puts(pOut, ", ");
        unparseName(pOut, p->pList->a[i]->z);
        strbuf_puts(pOut, ": ");
        unparseExpr(pOut, p->pList->a[i]->p1, azSlot);
      }
      strbuf_putc(pOut, '}');
      break;
    case AST_FUNC:
      if (strcmp(p->z, FUNC_IS_NORMALIZED) == 0 && p->pList->n == 2 && p->pList->a[1]->kind == AST_LITERAL) {
        unparseOperand(pOut, p->pList->a[0], azSlot);
        strbuf_printf(pOut, " IS %s NORMALIZED", p->pList->a[1]->lit.u.z);
        break;
      }
      if (strcmp(p->z, FUNC_IS_TYPED) == 0 && p->pList->n == 2 && p->pList->a[1]->kind == AST_LITERAL) {
        unparseOperand(pOut, p->pList->a[0], azSlot);
        strbuf_printf(pOut, " IS :: %s", p->pList->a[1]->lit.u.z);
        break;
      }
      if (strcmp(p->z, FUNC_TRIM_FROM) == 0 && p->pList->n >= 2 && p->pList->a[1]->kind == AST_LITERAL) {
        strbuf_printf(pOut, "trim(%s ", p->pList->a[1]->lit.u.z);
        if (p->pList->n == 3) {
          unparseExpr(pOut, p->pList->a[2], azSlot);
          strbuf_putc(pOut, ' ');
        }
        strbuf_puts(pOut, "FROM ");
        unparseExpr(pOut, p->pList->a[0], azSlot);
        strbuf_putc(pOut, ')');
        break;
      }
      strbuf_puts(pOut, p->z);
      strbuf_putc(pOut, '(');
      if (p->flags & AST_F_DISTINCT) strbuf_puts(pOut, "DISTINCT ");
      if (p->flags & AST_F_STAR) strbuf_putc(pOut, '*');
      unparseList(pOut, p->pList, azSlot);
      strbuf_putc(pOut, ')');
      break;
    case AST_CASE:
      strbuf_puts(pOut, "CASE");
      if (p->p1) {
        strbuf_putc(pOut, ' ');
        unparseExpr(pOut, p->p1, azSlot);
      }
      for (uint32_t i = 0; p->pList && i < p->pList->n; i++) {
        strbuf_puts(pOut, " WHEN ");
        unparseExpr(pOut, p->pList->a[i]->p1, azSlot);
        if (p->pList->a[i]->pList) {
          strbuf_puts(pOut, ", ");
          unparseList(pOut, p->pList->a[i]->pList, azSlot);
        }
        strbuf_puts(pOut, " THEN ");
        unparseExpr(pOut, p->pList->a[i]->p2, azSlot);
      }
      unparseOptional(pOut, " ELSE ", p->p2, azSlot);
      strbuf_puts(pOut, " END");
      break;
    case AST_LIST_COMP:
      strbuf_putc(pOut, '[');
      unparseIn(pOut, p->z, p->p1, azSlot);
      unparseOptional(pOut, " WHERE ", p->p2, azSlot);
      unparseOptional(pOut, " | ", p->p3, azSlot);
      strbuf_putc(pOut, ']');
      break;
    case AST_QUANT:
      strbuf_printf(pOut, "%s(", p->op == TK_ALL ? "all" : p->op == TK_ANY ? "any"
                                 : p->op == TK_NONE ? "none" : "single");
      unparseIn(pOut, p->z, p->p1, azSlot);
      unparseOptional(pOut, " WHERE ", p->p2, azSlot);
      strbuf_putc(pOut, ')');
      break;
    case AST_REDUCE:
      strbuf_puts(pOut, "reduce(");
      unparseName(pOut, p->z);
      strbuf_puts(pOut, " = ");
      unparseExpr(pOut, p->p1, azSlot);
      strbuf_puts(pOut, ", ");
      unparseIn(pOut, p->p4->z, p->p2, azSlot);
      unparseOptional(pOut, " | ", p->p3, azSlot);
      strbuf_putc(pOut, ')');
      break;
    case AST_PATTERN_EXPR: unparsePath(pOut, p->p1, azSlot); break;
    case AST_PATTERN_COMP:
      strbuf_putc(pOut, '[');
      unparsePath(pOut, p->p1, azSlot);
      unparseOptional(pOut, " WHERE ", p->p2, azSlot);
      unparseOptional(pOut, " | ", p->p3, azSlot);
      strbuf_putc(pOut, ']');
      break;
    case AST_EXISTS:
    case AST_COUNT_SUB:
    case AST_COLLECT_SUB:
      strbuf_puts(pOut, p->kind == AST_EXISTS ? "EXISTS { ... }" : p->kind == AST_COUNT_SUB ? "COUNT { ... }" : "COLLECT { ... }");
      break;
    case AST_MAP_PROJ:
      unparseExpr(pOut, p->p1, azSlot);
      strbuf_puts(pOut, "{");
      for (uint32_t i = 0; p->pList && i < p->pList->n; i++) {
        const AstNode *it = p->pList->a[i];
        if (i) strbuf_puts(pOut, ", ");
        if (it->kind == AST_MP_ALL) {
          strbuf_puts(pOut, ".*");
        } else if (it->kind == AST_MP_PROP) {
          strbuf_putc(pOut, '.');
          unparseName(pOut, it->z);
        } else if (it->kind == AST_MP_ENTRY) {
          unparseName(pOut, it->z);
          strbuf_puts(pOut, ": ");
          unparseExpr(pOut, it->p1, azSlot);
        } else {
          unparseVar(pOut, it, azSlot);
        }
      }
      strbuf_puts(pOut, "}");
      break;
    case AST_PATH_BUILD:
      strbuf_puts(pOut, "path(");
      unparseList(pOut, p->pList, azSlot);
      strbuf_putc(pOut, ')');
      break;
    case AST_LABEL:
    case AST_LABEL_AND:
    case AST_LABEL_OR:
    case AST_LABEL_NOT:
    case AST_LABEL_DYNAMIC:
    case AST_LABEL_ANY: unparseLabels(pOut, p, 0); break;
    case AST_PROPS_MATCH:
      unparseExpr(pOut, p->p1, azSlot);
      strbuf_puts(pOut, " matches ");
      unparseExpr(pOut, p->p2, azSlot);
      break;
    default:
      strbuf_printf(pOut, "<%s>", ast_kind_name(p->kind));
      break;
  }
}

void ast_print(StrBuf *pOut, const AstNode *p, const char *const *azSlotName) {
  unparseExpr(pOut, p, azSlotName);
}
