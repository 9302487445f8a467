/*
** parse.h — the parse context and the AST constructors the grammar calls.
**
** parse.c drives the pipeline text -> tokens (lexer.re) -> AST (parser.y).
** It lexes one statement (up to the first ';'), settles the two tokens
** whose meaning needs look-ahead (a '(' that opens a node pattern inside an
** expression becomes LPPAT; an '=' that names a path becomes PATHEQ), then
** pushes the tokens into the lemon parser, stopping at the first error.
**
** Constructors take the Parse first (for the arena and the error), tolerate
** NULL children (after an error), and stamp each node with its offset.
*/
#ifndef TANGLE_PARSE_H
#define TANGLE_PARSE_H

#include "syntax/ast.h"
#include "base/error.h"

/* A token: points into the statement text, no copy. */
typedef struct Token {
  const char *z;         /* first byte */
  uint32_t n;            /* bytes */
  int32_t iOfst;         /* offset of z in the parsed text */
  int tk;                /* TK_* code */
} Token;

typedef struct Parse {
  Arena *pArena;         /* statement arena: the AST lives here */
  const char *zText;     /* the text being parsed (all of it) */
  int nText;             /* its length */
  TgError *pErr;         /* first error wins */
  AstNode *pResult;      /* the statement, when the parse succeeds */
  int32_t iPrevEnd;      /* end offset of the last token pushed before the current one */
  int nDepth;            /* expression nesting, to refuse absurd depth */
  int iRelBracket;       /* inside -[ ... ] of a relationship pattern */
} Parse;

/*
** Parses the first statement of zText. On success returns the AST (or NULL
** for text holding only spaces and comments) and sets *piTail to the offset
** just past the statement's ';' (or the end). On error returns NULL with
** pErr set (a SyntaxError with line and column).
*/
AstNode *parse_statement(Arena *pArena, const char *zText, int nText, TgError *pErr,
                         int *piTail);

/* Parses a Cypher literal (for parameters given as text). */
bool parse_literal(Arena *pArena, const char *zText, Value *pOut, TgError *pErr);

/* Called by the grammar. */
void parse_syntax_error(Parse *p, const Token *pTok);
void parse_stack_overflow(Parse *p);

/* ---- Constructors (ast.c) ------------------------------------------- */

AstList *ast_list(Parse *p, AstList *pList, AstNode *pNode);   /* append (pList may be NULL) */
AstList *ast_list_prepend(Parse *p, AstList *pList, AstNode *pNode);
const char *ast_name(Parse *p, const Token *pTok, uint32_t *pn);  /* identifier text, unescaped */

AstNode *ast_query(Parse *p, AstList *pClauses);
AstNode *ast_is_normalized(Parse *p, AstNode *pExpr, int bNot, const Token *pForm, const Token *pWord);
AstNode *ast_in_tx_opts(Parse *p);
AstNode *ast_in_tx_rows(Parse *p, AstNode *pOpts, const Token *pTok, AstNode *pRows);
AstNode *ast_in_tx_on_error(Parse *p, AstNode *pOpts, const Token *pMode, AstNode *pFor, const Token *pThen);
AstNode *ast_in_tx_report(Parse *p, AstNode *pOpts, const Token *pTok, const Token *pVar);
AstNode *ast_in_transactions(Parse *p, AstNode *pCall, const Token *pIn, AstNode *pOpts);
AstNode *ast_trim_from(Parse *p, const Token *pName, const Token *pSpec, AstNode *pChar, AstNode *pSource);
AstNode *ast_is_typed(Parse *p, AstNode *pExpr, int bNot, const Token *pType);
AstNode *ast_call_subquery(Parse *p, const Token *pTok, AstList *pImports, int bAll /* 2: CALL (*) */, int bOptional, AstNode *pQuery);
AstNode *ast_union(Parse *p, AstNode *pLeft, AstNode *pRight, int bAll);
AstNode *ast_explain(Parse *p, const Token *pTok, AstNode *pStmt, int bProfile);
AstNode *ast_match(Parse *p, const Token *pTok, AstList *pPattern, AstNode *pWhere, int bOptional);
AstNode *ast_unwind(Parse *p, const Token *pTok, AstNode *pExpr, const Token *pVar);
AstNode *ast_projection(Parse *p, int bDistinct, AstList *pItems, AstList *pOrder,
                        AstNode *pSkip, AstNode *pLimit);
AstNode *ast_with(Parse *p, const Token *pTok, AstNode *pProj, AstNode *pWhere);
AstNode *ast_return(Parse *p, const Token *pTok, AstNode *pProj);
AstNode *ast_proj_item(Parse *p, AstNode *pExpr, const Token *pAlias);
AstNode *ast_star(Parse *p, const Token *pTok);
AstNode *ast_sort_item(Parse *p, AstNode *pExpr, int bDesc);
AstNode *ast_clause_list(Parse *p, int kind, const Token *pTok, AstList *pList, uint32_t flags);
AstNode *ast_merge(Parse *p, const Token *pTok, AstNode *pPath, AstList *pActions);
AstNode *ast_merge_action(Parse *p, const Token *pTok, AstList *pItems, int bOnCreate);
AstNode *ast_set_prop(Parse *p, AstNode *pTarget, AstNode *pValue);
AstNode *ast_set_map(Parse *p, const Token *pVar, AstNode *pValue, int bPlus);
AstNode *ast_labels_item(Parse *p, int kind, const Token *pVar, AstNode *pLabels);
AstNode *ast_remove_prop(Parse *p, AstNode *pTarget);
AstNode *ast_call(Parse *p, const Token *pTok, AstNode *pName, AstList *pArgs, AstNode *pYield);
AstNode *ast_yield(Parse *p, AstList *pItems, AstNode *pWhere, int bStar);
AstNode *ast_yield_item(Parse *p, const Token *pField, const Token *pAlias);
AstNode *ast_foreach(Parse *p, const Token *pTok, const Token *pVar, AstNode *pList, AstList *pClauses);
AstNode *ast_load_csv(Parse *p, const Token *pTok, int bHeaders, AstNode *pUrl,
                      const Token *pVar, const Token *pTerm);
AstNode *ast_render(Parse *p, const Token *pTok, AstList *pExprs, AstNode *pOpts);
AstNode *ast_render_opt(Parse *p, AstNode *pOpts, int iWhich, AstNode *pValue);

AstNode *ast_path(Parse *p, const Token *pVar, AstList *pChain, uint32_t flags);
AstNode *ast_node_pat(Parse *p, const Token *pTok, const Token *pVar, AstNode *pLabels,
                      AstNode *pProps);
AstNode *ast_rel_pat(Parse *p, const Token *pTok, AstNode *pDetail, int iDir);
AstNode *ast_rel_detail(Parse *p, const Token *pTok, const Token *pVar, AstNode *pTypes,
                        AstNode *pRange, AstNode *pProps);
AstNode *ast_range(Parse *p, const Token *pTok, const Token *pMin, const Token *pMax, int bDots);
AstNode *ast_label(Parse *p, const Token *pName);
AstNode *ast_label_dynamic(Parse *p, const Token *pTok, AstNode *pExpr, int bAny);
AstNode *ast_label_op(Parse *p, int kind, AstNode *pLeft, AstNode *pRight);

AstNode *ast_int(Parse *p, const Token *pTok);
AstNode *ast_float(Parse *p, const Token *pTok);
AstNode *ast_string(Parse *p, const Token *pTok);
AstNode *ast_literal(Parse *p, const Token *pTok, Value v);
AstNode *ast_param(Parse *p, const Token *pTok);
AstNode *ast_var(Parse *p, const Token *pTok);
AstNode *ast_prop(Parse *p, AstNode *pExpr, const Token *pKey);
AstNode *ast_index(Parse *p, AstNode *pExpr, AstNode *pIndex);
AstNode *ast_slice(Parse *p, AstNode *pExpr, AstNode *pFrom, AstNode *pTo);
AstNode *ast_binary(Parse *p, int op, AstNode *pLeft, AstNode *pRight);
AstNode *ast_compare(Parse *p, int op, AstNode *pLeft, AstNode *pRight);
AstNode *ast_unary(Parse *p, const Token *pTok, int op, AstNode *pExpr);
AstNode *ast_is_null(Parse *p, AstNode *pExpr, int bNot);
AstNode *ast_has_labels(Parse *p, AstNode *pExpr, AstNode *pLabels);
AstNode *ast_paren(Parse *p, const Token *pTok, AstNode *pExpr);
AstNode *ast_list_lit(Parse *p, const Token *pTok, AstList *pItems);
AstNode *ast_list_comp(Parse *p, const Token *pTok, AstNode *pIn, AstNode *pWhere, AstNode *pProj);
AstNode *ast_pattern_comp(Parse *p, const Token *pTok, const Token *pVar, AstList *pChain,
                          AstNode *pWhere, AstNode *pProj);
AstNode *ast_map_lit(Parse *p, const Token *pTok, AstList *pEntries);
AstNode *ast_map_entry(Parse *p, const Token *pKey, AstNode *pValue);
AstNode *ast_func(Parse *p, const Token *pName, AstList *pArgs, int bDistinct);
AstNode *ast_func_dotted(Parse *p, AstNode *pPrefix, const Token *pName, AstList *pArgs,
                         int bDistinct);
AstNode *ast_count_star(Parse *p, const Token *pTok);
AstNode *ast_case(Parse *p, const Token *pTok, AstNode *pTest, AstList *pWhens, AstNode *pElse);
AstNode *ast_when(Parse *p, AstList *pConds, AstNode *pResult);
/* Gives a node or relationship pattern its inline WHERE (p3); returns it. */
AstNode *ast_inline_where(AstNode *pElem, AstNode *pWhere);   /* WHEN a[, b ...] THEN r */
AstNode *ast_quant(Parse *p, const Token *pTok, const Token *pVar, AstNode *pList, AstNode *pWhere);
AstNode *ast_reduce(Parse *p, const Token *pTok, const Token *pAcc, AstNode *pInit,
                    const Token *pVar, AstNode *pList, AstNode *pStep);
AstNode *ast_pattern_expr(Parse *p, AstList *pChain);
AstNode *ast_subquery(Parse *p, const Token *pTok, int kind, AstNode *pBody);
AstNode *ast_pattern_where(Parse *p, AstList *pPattern, AstNode *pWhere);
AstNode *ast_map_proj(Parse *p, const Token *pVar, AstList *pItems);
AstNode *ast_mp_item(Parse *p, int kind, const Token *pName, AstNode *pValue);
AstNode *ast_name_node(Parse *p, const Token *pName);
AstNode *ast_dotted_name(Parse *p, AstNode *pPrefix, const Token *pName);
/* CREATE FULLTEXT INDEX: the target (labels or types, bRels) first, then
** the whole command (see AST_CREATE_FULLTEXT). */
AstNode *ast_fulltext_target(Parse *p, AstList *pNames, int bRels);
AstNode *ast_schema_fulltext(Parse *p, const Token *pTok, const Token *pName, AstNode *pTarget,
                             AstList *pKeys, AstNode *pOptions, uint32_t flags);
AstNode *ast_schema_index(Parse *p, const Token *pTok, int kind, const Token *pName,
                          const Token *pLabel, AstList *pKeys, uint32_t flags);
AstNode *ast_schema_constraint(Parse *p, const Token *pTok, int kind, const Token *pName,
                               const Token *pVar, const Token *pLabel, AstNode *pProp,
                               uint32_t flags);

/* The YIELD part of a SHOW command (show.c). */
typedef struct ShowYield {
  int bYield;              /* YIELD was written */
  AstList *pItems;         /* YIELD a, b AS c; NULL for YIELD * or none */
  AstList *pOrder;
  AstNode *pSkip, *pLimit, *pWhere;
} ShowYield;
/* The flags for `IS W K` closing a constraint: AST_F_KEY for NODE KEY (a
** syntax error for anything else). */
uint32_t ast_constraint_words(Parse *p, const Token *pW, const Token *pK);
/* SHOW [words] WHAT [YIELD ...] [RETURN ...] as the query it stands for. */
AstNode *ast_show(Parse *p, const Token *pTok, AstList *pWords, const ShowYield *pY, AstNode *pReturn);
/* Quantified path patterns and path selectors (ast_qpp.c). */
AstList *ast_chain_add(Parse *p, AstList *pChain, AstNode *pElem);
AstList *ast_chain_end(Parse *p, AstList *pChain);
AstNode *ast_quantifier(Parse *p, const Token *pTok, const Token *pMin, const Token *pMax,
                        int64_t iDefMin, int bUnbounded);
AstNode *ast_quantify_rel(Parse *p, AstNode *pRel, AstNode *pQuant);
AstNode *ast_qpp(Parse *p, const Token *pTok, AstList *pChain, AstNode *pWhere, AstNode *pQuant);
AstNode *ast_selector(Parse *p, const Token *pTok, int eKind, const Token *pK);
AstNode *ast_path_select(Parse *p, const Token *pVar, AstList *pChain, AstNode *pSel);
bool ast_pattern_has_qpp(const AstList *pPattern);

#endif /* TANGLE_PARSE_H */
