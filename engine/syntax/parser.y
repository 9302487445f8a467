/*
** parser.y — the lemon grammar of Tangle's Cypher (and its extensions).
**
** Edit this file, never the generated build/gen/parser.c. Actions are one
** line each and call the constructors in ast.c (declared in parse.h), in
** the manner of SQLite's parse.y. Two tokens are produced by parse.c's
** look-ahead rather than by the lexer:
**   LPPAT   a '(' that opens a node pattern which continues into a
**           relationship, e.g. the first '(' of WHERE (a)-->(b);
**   PATHEQ  an '=' that names a path: p = (a)-->(b).
** A grammar conflict fails the build (lemon exits non-zero); read
** build/gen/parser.out to see it.
*/

%include {
#include "syntax/parse.h"
#define YYNOERRORRECOVERY 1
#define YYPARSEFREENEVERNULL 1
/* What an index or constraint is on (see index_target). */
typedef struct SchemaTarget {
  Token var;        /* the pattern's variable (constraints) */
  Token label;      /* the label */
  AstList *pKeys;   /* the indexed keys (indexes) */
  AstNode *pExpr;   /* the constrained expression (constraints) */
  uint32_t flags;   /* AST_F_UNIQUE for IS UNIQUE */
} SchemaTarget;
}

%name tgParser
%token_prefix TK_
%token_type {Token}
%default_type {AstNode*}
%extra_context {Parse *pParse}
%default_destructor { (void)pParse; (void)$$; }
%syntax_error { (void)yymajor; parse_syntax_error(pParse, &TOKEN); }
%stack_overflow { parse_stack_overflow(pParse); }
%stack_size 1000

/* Tokens the lexer reports but no rule uses: parse.c turns them into
** errors with their position. */
%token ILLEGAL BADNUMBER UNTERMINATED.

/* Precedence, lowest first. PATPREC makes a pattern expression keep
** extending (shift) rather than end early; WHERE and PIPE bind pattern
** comprehensions. */
%left PATPREC.
%nonassoc WHERE PIPE.
%left OR.
%left XOR.
%left AND.
%right NOT.
%left EQ NE LT LE GT GE.
%left IN STARTS ENDS CONTAINS IS REGEX DCOLON.
%left PLUS MINUS CONCAT.
%left STAR SLASH PERCENT.
%left CARET.
%right UMINUS.
%left DOT LB COLON LBRACE.
%nonassoc ORDER SKIP OFFSET LIMIT.

/* Keywords that may also be used as names (labels, keys, variables). */
%fallback ID
  MATCH OPTIONAL RETURN WITH UNWIND AS ORDER BY ASC ASCENDING DESC DESCENDING
  SKIP OFFSET LIMIT DISTINCT CREATE MERGE ON SET REMOVE DELETE DETACH CALL YIELD
  UNION ALL AND OR XOR NOT IN STARTS ENDS CONTAINS IS NULL TRUE FALSE CASE
  WHEN THEN ELSE END EXISTS COUNT ANY NONE SINGLE REDUCE SHORTESTPATH
  ALLSHORTESTPATHS EXPLAIN PROFILE FOREACH INDEX CONSTRAINT DROP FOR REQUIRE
  UNIQUE ASSERT IF LOAD CSV HEADERS FROM FIELDTERMINATOR RENDER TO USING
  DIRECTION OPTIONS WHERE NODETACH FINISH NORMALIZED INSERT SHORTEST PATH PATHS GROUP
  GROUPS SHOW RANGE TEXT FULLTEXT EACH.

/* ---- Statements -------------------------------------------------------- */

input ::= stmt(S) SEMI.                          { pParse->pResult = S; }

stmt(A) ::= query(Q).                            { A = Q; }
stmt(A) ::= EXPLAIN(T) query(Q).                 { A = ast_explain(pParse, &T, Q, 0); }
stmt(A) ::= PROFILE(T) query(Q).                 { A = ast_explain(pParse, &T, Q, 1); }
stmt(A) ::= schema_cmd(S).                       { A = S; }
/* SHOW INDEXES / CONSTRAINTS / FUNCTIONS / PROCEDURES (Neo4j 5): a CALL of
** a listing procedure, built by ast_show (show.c). */
stmt(A) ::= SHOW(T) show_what(W) show_yield(Y) show_return(R). { A = ast_show(pParse, &T, W, &Y, R); }
%type show_what {AstList*}
show_what(A) ::= symname(N).                     { A = ast_list(pParse, 0, ast_name_node(pParse, &N)); }
show_what(A) ::= show_what(L) symname(N).        { A = ast_list(pParse, L, ast_name_node(pParse, &N)); }
%type show_yield {ShowYield}
show_yield(A) ::= .                              { memset(&A, 0, sizeof(A)); }
show_yield(A) ::= WHERE expr(E).                 { memset(&A, 0, sizeof(A)); A.pWhere = E; }
show_yield(A) ::= YIELD STAR order_opt(O) skip_opt(S) limit_opt(L) where_opt(W).
  { A.bYield = 1; A.pItems = 0; A.pOrder = O; A.pSkip = S; A.pLimit = L; A.pWhere = W; }
show_yield(A) ::= YIELD yield_list(I) order_opt(O) skip_opt(S) limit_opt(L) where_opt(W).
  { A.bYield = 1; A.pItems = I; A.pOrder = O; A.pSkip = S; A.pLimit = L; A.pWhere = W; }
show_return(A) ::= .                             { A = 0; }
show_return(A) ::= RETURN(T) proj_body(B).       { A = ast_return(pParse, &T, B); }

query(A) ::= single_query(Q).                    { A = Q; }
query(A) ::= query(L) UNION single_query(R).     { A = ast_union(pParse, L, R, 0); }
query(A) ::= query(L) UNION ALL single_query(R). { A = ast_union(pParse, L, R, 1); }
query(A) ::= query(L) UNION DISTINCT single_query(R). { A = ast_union(pParse, L, R, 0); }   /* Neo4j 5, GQL */

single_query(A) ::= clauses(L).                  { A = ast_query(pParse, L); }

%type clauses {AstList*}
clauses(A) ::= clause(C).                        { A = ast_list(pParse, 0, C); }
clauses(A) ::= clauses(L) clause(C).             { A = ast_list(pParse, L, C); }

/* ---- Clauses ----------------------------------------------------------- */

clause(A) ::= MATCH(T) pattern(P) where_opt(W).          { A = ast_match(pParse, &T, P, W, 0); }
clause(A) ::= OPTIONAL(T) MATCH pattern(P) where_opt(W). { A = ast_match(pParse, &T, P, W, 1); }
clause(A) ::= UNWIND(T) expr(E) AS symname(V).           { A = ast_unwind(pParse, &T, E, &V); }
clause(A) ::= WITH(T) proj_body(B) where_opt(W).         { A = ast_with(pParse, &T, B, W); }
/* Neo4j 5's standalone ORDER BY, SKIP (OFFSET) and LIMIT: WITH * with
** just those. After a RETURN or WITH they belong to its body (shift). */
clause(A) ::= ORDER(T) BY sort_list(O) skip_opt(S) limit_opt(L).
  { A = ast_with(pParse, &T, ast_projection(pParse, 0, ast_list(pParse, 0, ast_star(pParse, &T)), O, S, L), 0); }
clause(A) ::= SKIP(T) expr(S) limit_opt(L).
  { A = ast_with(pParse, &T, ast_projection(pParse, 0, ast_list(pParse, 0, ast_star(pParse, &T)), 0, S, L), 0); }
clause(A) ::= OFFSET(T) expr(S) limit_opt(L).
  { A = ast_with(pParse, &T, ast_projection(pParse, 0, ast_list(pParse, 0, ast_star(pParse, &T)), 0, S, L), 0); }
clause(A) ::= LIMIT(T) expr(L).
  { A = ast_with(pParse, &T, ast_projection(pParse, 0, ast_list(pParse, 0, ast_star(pParse, &T)), 0, 0, L), 0); }
clause(A) ::= RETURN(T) proj_body(B).                    { A = ast_return(pParse, &T, B); }
clause(A) ::= CREATE(T) pattern(P).                      { A = ast_clause_list(pParse, AST_CREATE, &T, P, 0); }
/* GQL's INSERT, which Neo4j 5 accepts: CREATE by its standard name. */
clause(A) ::= INSERT(T) pattern(P).                      { A = ast_clause_list(pParse, AST_CREATE, &T, P, 0); }
clause(A) ::= MERGE(T) pattern_part(P) merge_actions(L). { A = ast_merge(pParse, &T, P, L); }
clause(A) ::= SET(T) set_items(L).                       { A = ast_clause_list(pParse, AST_SET, &T, L, 0); }
clause(A) ::= REMOVE(T) remove_items(L).                 { A = ast_clause_list(pParse, AST_REMOVE, &T, L, 0); }
clause(A) ::= DELETE(T) exprlist(L).                     { A = ast_clause_list(pParse, AST_DELETE, &T, L, 0); }
clause(A) ::= DETACH(T) DELETE exprlist(L).              { A = ast_clause_list(pParse, AST_DELETE, &T, L, AST_F_DETACH); }
/* Neo4j 5: NODETACH DELETE is DELETE said explicitly; FINISH ends a query
** that returns nothing. */
clause(A) ::= NODETACH(T) DELETE exprlist(L).            { A = ast_clause_list(pParse, AST_DELETE, &T, L, 0); }
clause(A) ::= FINISH(T).                                 { A = ast_clause_list(pParse, AST_FINISH, &T, 0, 0); }
clause(A) ::= CALL(T) proc_name(N) LP RP yield_opt(Y).   { A = ast_call(pParse, &T, N, ast_list(pParse, 0, 0), Y); }
clause(A) ::= CALL(T) proc_name(N) LP exprlist(L) RP yield_opt(Y). { A = ast_call(pParse, &T, N, L, Y); }
clause(A) ::= CALL(T) proc_name(N) yield_opt(Y).         { A = ast_call(pParse, &T, N, 0, Y); }
%type call_subq {AstNode*}
call_subq(A) ::= CALL(T) LBRACE query(Q) RBRACE.            { A = ast_subquery(pParse, &T, AST_CALL_SUBQUERY, Q); }
/* Neo4j 5's scoped subqueries: CALL (x, y) { }, CALL () { }, CALL (*) { },
** and OPTIONAL CALL. */
call_subq(A) ::= CALL(T) LP RP LBRACE query(Q) RBRACE.      { A = ast_call_subquery(pParse, &T, 0, 0, 0, Q); }
call_subq(A) ::= CALL(T) LP STAR RP LBRACE query(Q) RBRACE. { A = ast_call_subquery(pParse, &T, 0, 2, 0, Q); }
call_subq(A) ::= CALL(T) LP exprlist(L) RP LBRACE query(Q) RBRACE. { A = ast_call_subquery(pParse, &T, L, 0, 0, Q); }
call_subq(A) ::= OPTIONAL(T) CALL LBRACE query(Q) RBRACE.   { A = ast_call_subquery(pParse, &T, 0, 1, 1, Q); }
call_subq(A) ::= OPTIONAL(T) CALL LP RP LBRACE query(Q) RBRACE. { A = ast_call_subquery(pParse, &T, 0, 0, 1, Q); }
call_subq(A) ::= OPTIONAL(T) CALL LP STAR RP LBRACE query(Q) RBRACE. { A = ast_call_subquery(pParse, &T, 0, 2, 1, Q); }
call_subq(A) ::= OPTIONAL(T) CALL LP exprlist(L) RP LBRACE query(Q) RBRACE. { A = ast_call_subquery(pParse, &T, L, 0, 1, Q); }
clause(A) ::= call_subq(C).                              { A = C; }
/* CALL { } IN [n CONCURRENT] TRANSACTIONS [OF n ROWS] [ON ERROR ...]
** [REPORT STATUS AS s]: parse.c marks these words (INTX, CONCURRENT,
** TRANSACTIONS, OF, ROWS, ERRORKW, TXMODE, SECONDS, REPORT, STATUS) only
** after a subquery's closing brace, so they stay names everywhere else. */
clause(A) ::= call_subq(C) INTX(T) tx_conc TRANSACTIONS tx_opts(O). { A = ast_in_transactions(pParse, C, &T, O); }
tx_conc ::= .
tx_conc ::= CONCURRENT.
tx_conc ::= expr CONCURRENT.
%type tx_opts {AstNode*}
tx_opts(A) ::= .                                         { A = ast_in_tx_opts(pParse); }
tx_opts(A) ::= tx_opts(O) OF(T) expr(E) ROWS.            { A = ast_in_tx_rows(pParse, O, &T, E); }
tx_opts(A) ::= tx_opts(O) ON ERRORKW TXMODE(M) tx_retry_for(F) tx_then(N). { A = ast_in_tx_on_error(pParse, O, &M, F, &N); }
tx_opts(A) ::= tx_opts(O) REPORT(T) STATUS AS symname(V). { A = ast_in_tx_report(pParse, O, &T, &V); }
%type tx_retry_for {AstNode*}
tx_retry_for(A) ::= .                                    { A = 0; }
tx_retry_for(A) ::= FOR expr(E) SECONDS.                 { A = E; }
%type tx_then {Token}
tx_then(A) ::= .                                         { A.z = 0; A.n = 0; A.iOfst = -1; A.tk = 0; }
tx_then(A) ::= THEN TXMODE(M).                           { A = M; }
clause(A) ::= FOREACH(T) LP symname(V) IN expr(E) PIPE clauses(L) RP. { A = ast_foreach(pParse, &T, &V, E, L); }
clause(A) ::= LOAD(T) CSV FROM expr(U) AS symname(V) fieldterm_opt(F).              { A = ast_load_csv(pParse, &T, 0, U, &V, &F); }
clause(A) ::= LOAD(T) CSV WITH HEADERS FROM expr(U) AS symname(V) fieldterm_opt(F). { A = ast_load_csv(pParse, &T, 1, U, &V, &F); }
clause(A) ::= RENDER(T) exprlist(L) render_opts(O).      { A = ast_render(pParse, &T, L, O); }

%type fieldterm_opt {Token}
fieldterm_opt(A) ::= .                           { A.z = 0; A.n = 0; A.iOfst = -1; A.tk = 0; }
fieldterm_opt(A) ::= FIELDTERMINATOR STRING(S).  { A = S; }

render_opts(A) ::= .                             { A = 0; }
render_opts(A) ::= render_opts(O) TO expr(E).        { A = ast_render_opt(pParse, O, 1, E); }
render_opts(A) ::= render_opts(O) AS expr(E).        { A = ast_render_opt(pParse, O, 2, E); }
render_opts(A) ::= render_opts(O) USING expr(E).     { A = ast_render_opt(pParse, O, 3, E); }
render_opts(A) ::= render_opts(O) DIRECTION expr(E). { A = ast_render_opt(pParse, O, 4, E); }
render_opts(A) ::= render_opts(O) OPTIONS expr(E).   { A = ast_render_opt(pParse, O, 5, E); }

where_opt(A) ::= .                               { A = 0; }
where_opt(A) ::= WHERE expr(E).                  { A = E; }

/* RETURN / WITH bodies */
proj_body(A) ::= distinct_opt(D) proj_items(I) order_opt(O) skip_opt(S) limit_opt(L).
                                                 { A = ast_projection(pParse, D, I, O, S, L); }
%type distinct_opt {int}
distinct_opt(A) ::= .                            { A = 0; }
distinct_opt(A) ::= DISTINCT.                    { A = 1; }

%type proj_items {AstList*}
proj_items(A) ::= STAR(T).                       { A = ast_list(pParse, 0, ast_star(pParse, &T)); }
proj_items(A) ::= STAR(T) COMMA proj_list(L).    { A = ast_list_prepend(pParse, L, ast_star(pParse, &T)); }
proj_items(A) ::= proj_list(L).                  { A = L; }
%type proj_list {AstList*}
proj_list(A) ::= proj_item(I).                   { A = ast_list(pParse, 0, I); }
proj_list(A) ::= proj_list(L) COMMA proj_item(I). { A = ast_list(pParse, L, I); }
proj_item(A) ::= expr(E).                        { A = ast_proj_item(pParse, E, 0); }
proj_item(A) ::= expr(E) AS symname(N).          { A = ast_proj_item(pParse, E, &N); }

%type order_opt {AstList*}
order_opt(A) ::= . [PATPREC]                     { A = 0; }
order_opt(A) ::= ORDER BY sort_list(L).          { A = L; }
%type sort_list {AstList*}
sort_list(A) ::= sort_item(I).                   { A = ast_list(pParse, 0, I); }
sort_list(A) ::= sort_list(L) COMMA sort_item(I). { A = ast_list(pParse, L, I); }
sort_item(A) ::= expr(E).                        { A = ast_sort_item(pParse, E, 0); }
sort_item(A) ::= expr(E) ASC.                    { A = ast_sort_item(pParse, E, 0); }
sort_item(A) ::= expr(E) ASCENDING.              { A = ast_sort_item(pParse, E, 0); }
sort_item(A) ::= expr(E) DESC.                   { A = ast_sort_item(pParse, E, 1); }
sort_item(A) ::= expr(E) DESCENDING.             { A = ast_sort_item(pParse, E, 1); }

skip_opt(A) ::= . [PATPREC]                      { A = 0; }
skip_opt(A) ::= SKIP expr(E).                    { A = E; }
skip_opt(A) ::= OFFSET expr(E).                  { A = E; }
limit_opt(A) ::= . [PATPREC]                     { A = 0; }
limit_opt(A) ::= LIMIT expr(E).                  { A = E; }

/* MERGE actions */
%type merge_actions {AstList*}
merge_actions(A) ::= .                           { A = 0; }
merge_actions(A) ::= merge_actions(L) ON(T) CREATE SET set_items(S). { A = ast_list(pParse, L, ast_merge_action(pParse, &T, S, 1)); }
merge_actions(A) ::= merge_actions(L) ON(T) MATCH SET set_items(S).  { A = ast_list(pParse, L, ast_merge_action(pParse, &T, S, 0)); }

/* SET and REMOVE items */
%type set_items {AstList*}
set_items(A) ::= set_item(I).                    { A = ast_list(pParse, 0, I); }
set_items(A) ::= set_items(L) COMMA set_item(I). { A = ast_list(pParse, L, I); }
set_item(A) ::= prop_target(P) EQ expr(E).       { A = ast_set_prop(pParse, P, E); }
set_item(A) ::= symname(V) EQ expr(E).           { A = ast_set_map(pParse, &V, E, 0); }
set_item(A) ::= symname(V) PLUSEQ expr(E).       { A = ast_set_map(pParse, &V, E, 1); }
set_item(A) ::= symname(V) node_labels(L).       { A = ast_labels_item(pParse, AST_SET_LABELS, &V, L); }
set_item(A) ::= symname(V) IS lexpr(L).          { A = ast_labels_item(pParse, AST_SET_LABELS, &V, L); }

prop_target(A) ::= symname(V) DOT symname(K).    { A = ast_prop(pParse, ast_var(pParse, &V), &K); }
prop_target(A) ::= LP(T) expr(E) RP DOT symname(K). { A = ast_prop(pParse, ast_paren(pParse, &T, E), &K); }
/* Neo4j 5's dynamic property: SET n[key] = v, REMOVE n[key]. */
prop_target(A) ::= symname(V) LB expr(K) RB.     { A = ast_index(pParse, ast_var(pParse, &V), K); }

%type remove_items {AstList*}
remove_items(A) ::= remove_item(I).              { A = ast_list(pParse, 0, I); }
remove_items(A) ::= remove_items(L) COMMA remove_item(I). { A = ast_list(pParse, L, I); }
remove_item(A) ::= prop_target(P).               { A = ast_remove_prop(pParse, P); }
remove_item(A) ::= symname(V) node_labels(L).    { A = ast_labels_item(pParse, AST_REMOVE_LABELS, &V, L); }
remove_item(A) ::= symname(V) IS lexpr(L).       { A = ast_labels_item(pParse, AST_REMOVE_LABELS, &V, L); }

/* CALL */
proc_name(A) ::= symname(N).                     { A = ast_name_node(pParse, &N); }
proc_name(A) ::= proc_name(P) DOT symname(N).    { A = ast_dotted_name(pParse, P, &N); }
yield_opt(A) ::= .                               { A = 0; }
yield_opt(A) ::= YIELD STAR.                     { A = ast_yield(pParse, 0, 0, 1); }
yield_opt(A) ::= YIELD yield_list(L) where_opt(W). { A = ast_yield(pParse, L, W, 0); }
%type yield_list {AstList*}
yield_list(A) ::= yield_item(I).                 { A = ast_list(pParse, 0, I); }
yield_list(A) ::= yield_list(L) COMMA yield_item(I). { A = ast_list(pParse, L, I); }
yield_item(A) ::= symname(F).                    { A = ast_yield_item(pParse, &F, 0); }
yield_item(A) ::= symname(F) AS symname(V).      { A = ast_yield_item(pParse, &F, &V); }

/* ---- Schema commands ---------------------------------------------------- */

%type if_not_exists {uint32_t}
if_not_exists(A) ::= .                           { A = 0; }
if_not_exists(A) ::= IF NOT EXISTS.              { A = AST_F_IF_NOT_EXISTS; }
%type if_exists {uint32_t}
if_exists(A) ::= .                               { A = 0; }
if_exists(A) ::= IF EXISTS.                      { A = AST_F_IF_EXISTS; }
/* The target of CREATE INDEX and CREATE CONSTRAINT. Statements without a
** name spell FOR out after the keyword (rather than through an optional
** name that may be empty): FOR is also a valid name, and lemon would take
** it as one, because a fallback is tried before a state's default
** reduction. */
%type index_target {SchemaTarget}
index_target(A) ::= FOR schema_entity(S) ON LP prop_keys(K) RP.
                                                 { A = S; A.pKeys = K; A.pExpr = 0; }
/* What a schema command is for: (n:Label), or ()-[r:TYPE]-() in any
** direction (flags AST_F_REL). */
%type schema_entity {SchemaTarget}
schema_entity(A) ::= LP symname(V) COLON symname(L) RP.
                                                 { A.var = V; A.label = L; A.pKeys = 0; A.pExpr = 0; A.flags = 0; }
schema_entity(A) ::= LPPAT RP schema_rel_left LB symname(V) COLON symname(L) RB schema_rel_right LP RP.
                                                 { A.var = V; A.label = L; A.pKeys = 0; A.pExpr = 0; A.flags = AST_F_REL; }
schema_rel_left ::= MINUS.
schema_rel_left ::= LT MINUS.
schema_rel_right ::= MINUS.
schema_rel_right ::= MINUS GT.
/* REQUIRE n.p IS UNIQUE, or an expression schema.c reads: n.p IS NOT NULL,
** n.p IS :: TYPE. */
%type constraint_target {SchemaTarget}
constraint_target(A) ::= FOR schema_entity(S) REQUIRE expr(E) IS UNIQUE.
                                                 { A = S; A.pExpr = E; A.flags |= AST_F_UNIQUE; }
constraint_target(A) ::= FOR schema_entity(S) REQUIRE expr(E).
                                                 { A = S; A.pExpr = E; }
/* n.p IS NODE KEY; (n.a, n.b) IS UNIQUE, (n.a, n.b) IS NODE KEY. */
constraint_target(A) ::= FOR schema_entity(S) REQUIRE expr(E) IS symname(W) symname(K).
  { A = S; A.pExpr = E; A.flags |= ast_constraint_words(pParse, &W, &K); }
constraint_target(A) ::= FOR schema_entity(S) REQUIRE LP expr(E) COMMA exprlist(R) RP IS UNIQUE.
  { A = S; A.pKeys = ast_list_prepend(pParse, R, E); A.pExpr = E; A.flags |= AST_F_UNIQUE; }
constraint_target(A) ::= FOR schema_entity(S) REQUIRE LP expr(E) COMMA exprlist(R) RP IS symname(W) symname(K).
  { A = S; A.pKeys = ast_list_prepend(pParse, R, E); A.pExpr = E; A.flags |= ast_constraint_words(pParse, &W, &K); }

schema_cmd(A) ::= CREATE(T) INDEX index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags); }
schema_cmd(A) ::= CREATE(T) INDEX IF NOT EXISTS index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags | AST_F_IF_NOT_EXISTS); }
schema_cmd(A) ::= CREATE(T) INDEX symname(N) if_not_exists(F) index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, &N, &X.label, X.pKeys, X.flags | F); }
schema_cmd(A) ::= CREATE(T) RANGE INDEX index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags); }
schema_cmd(A) ::= CREATE(T) RANGE INDEX IF NOT EXISTS index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags | AST_F_IF_NOT_EXISTS); }
schema_cmd(A) ::= CREATE(T) RANGE INDEX symname(N) if_not_exists(F) index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, &N, &X.label, X.pKeys, X.flags | F); }
/* A text index (CONTAINS, ENDS WITH). */
schema_cmd(A) ::= CREATE(T) TEXT INDEX index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags | AST_F_TEXT); }
schema_cmd(A) ::= CREATE(T) TEXT INDEX IF NOT EXISTS index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags | AST_F_TEXT | AST_F_IF_NOT_EXISTS); }
schema_cmd(A) ::= CREATE(T) TEXT INDEX symname(N) if_not_exists(F) index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, &N, &X.label, X.pKeys, X.flags | AST_F_TEXT | F); }
/* POINTKW: the word POINT between CREATE and INDEX (parse.c marks it). */
schema_cmd(A) ::= CREATE(T) POINTKW INDEX index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags | AST_F_POINT); }
schema_cmd(A) ::= CREATE(T) POINTKW INDEX IF NOT EXISTS index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &X.label, X.pKeys, X.flags | AST_F_POINT | AST_F_IF_NOT_EXISTS); }
schema_cmd(A) ::= CREATE(T) POINTKW INDEX symname(N) if_not_exists(F) index_target(X).
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, &N, &X.label, X.pKeys, X.flags | AST_F_POINT | F); }
schema_cmd(A) ::= CREATE(T) INDEX ON COLON symname(L) LP key_list(K) RP.
                                                 { A = ast_schema_index(pParse, &T, AST_CREATE_INDEX, 0, &L, K, 0); }
schema_cmd(A) ::= DROP(T) INDEX symname(N) if_exists(F).
                                                 { A = ast_schema_index(pParse, &T, AST_DROP_INDEX, &N, 0, 0, F); }
schema_cmd(A) ::= DROP(T) INDEX ON COLON symname(L) LP key_list(K) RP.
                                                 { A = ast_schema_index(pParse, &T, AST_DROP_INDEX, 0, &L, K, 0); }
schema_cmd(A) ::= CREATE(T) CONSTRAINT constraint_target(X).
                                                 { A = ast_schema_constraint(pParse, &T, AST_CREATE_CONSTRAINT, 0, &X.var, &X.label, X.pExpr, X.flags); if (A) A->pList = X.pKeys; }
schema_cmd(A) ::= CREATE(T) CONSTRAINT IF NOT EXISTS constraint_target(X).
                                                 { A = ast_schema_constraint(pParse, &T, AST_CREATE_CONSTRAINT, 0, &X.var, &X.label, X.pExpr, X.flags | AST_F_IF_NOT_EXISTS); if (A) A->pList = X.pKeys; }
schema_cmd(A) ::= CREATE(T) CONSTRAINT symname(N) if_not_exists(F) constraint_target(X).
                                                 { A = ast_schema_constraint(pParse, &T, AST_CREATE_CONSTRAINT, &N, &X.var, &X.label, X.pExpr, X.flags | F); if (A) A->pList = X.pKeys; }
schema_cmd(A) ::= CREATE(T) CONSTRAINT ON LP symname(V) COLON symname(L) RP ASSERT expr(E) IS UNIQUE.
                                                 { A = ast_schema_constraint(pParse, &T, AST_CREATE_CONSTRAINT, 0, &V, &L, E, AST_F_UNIQUE); }
schema_cmd(A) ::= DROP(T) CONSTRAINT symname(N) if_exists(F).
                                                 { A = ast_schema_constraint(pParse, &T, AST_DROP_CONSTRAINT, &N, 0, 0, 0, F); }
schema_cmd(A) ::= DROP(T) CONSTRAINT ON LP symname(V) COLON symname(L) RP ASSERT expr(E) IS UNIQUE.
                                                 { A = ast_schema_constraint(pParse, &T, AST_DROP_CONSTRAINT, 0, &V, &L, E, AST_F_UNIQUE); }

/* Full-text indexes (store/fulltext.h): FOR (n:A|B) or FOR ()-[r:T|U]-(),
** ON EACH [n.p, ...], OPTIONS {indexConfig: {`fulltext.analyzer`: ...}}. */
schema_cmd(A) ::= CREATE(T) FULLTEXT INDEX symname(N) if_not_exists(F) FOR ft_target(X) ON EACH LB prop_keys(K) RB ft_options(O).
                                                 { A = ast_schema_fulltext(pParse, &T, &N, X, K, O, F); }
schema_cmd(A) ::= CREATE(T) FULLTEXT INDEX FOR ft_target(X) ON EACH LB prop_keys(K) RB ft_options(O).
                                                 { A = ast_schema_fulltext(pParse, &T, 0, X, K, O, 0); }
schema_cmd(A) ::= CREATE(T) FULLTEXT INDEX IF NOT EXISTS FOR ft_target(X) ON EACH LB prop_keys(K) RB ft_options(O).
                                                 { A = ast_schema_fulltext(pParse, &T, 0, X, K, O, AST_F_IF_NOT_EXISTS); }
ft_target(A) ::= LP symname COLON ft_names(L) RP. { A = ast_fulltext_target(pParse, L, 0); }
ft_target(A) ::= LPPAT RP MINUS LB symname COLON ft_names(L) RB MINUS LP RP. { A = ast_fulltext_target(pParse, L, 1); }
ft_target(A) ::= LPPAT RP MINUS LB symname COLON ft_names(L) RB MINUS GT LP RP. { A = ast_fulltext_target(pParse, L, 1); }
ft_target(A) ::= LPPAT RP LT MINUS LB symname COLON ft_names(L) RB MINUS LP RP. { A = ast_fulltext_target(pParse, L, 1); }
%type ft_names {AstList*}
ft_names(A) ::= symname(N).                      { A = ast_list(pParse, 0, ast_name_node(pParse, &N)); }
ft_names(A) ::= ft_names(L) PIPE symname(N).     { A = ast_list(pParse, L, ast_name_node(pParse, &N)); }
ft_names(A) ::= ft_names(L) LABELPIPE symname(N). { A = ast_list(pParse, L, ast_name_node(pParse, &N)); }
ft_options(A) ::= .                              { A = 0; }
ft_options(A) ::= OPTIONS expr(E).               { A = E; }

%type prop_keys {AstList*}
prop_keys(A) ::= symname DOT symname(K).         { A = ast_list(pParse, 0, ast_name_node(pParse, &K)); }
prop_keys(A) ::= prop_keys(L) COMMA symname DOT symname(K). { A = ast_list(pParse, L, ast_name_node(pParse, &K)); }
%type key_list {AstList*}
key_list(A) ::= symname(K).                      { A = ast_list(pParse, 0, ast_name_node(pParse, &K)); }
key_list(A) ::= key_list(L) COMMA symname(K).    { A = ast_list(pParse, L, ast_name_node(pParse, &K)); }

/* ---- Patterns ----------------------------------------------------------- */

%type pattern {AstList*}
pattern(A) ::= pattern_part(P).                  { A = ast_list(pParse, 0, P); }
pattern(A) ::= pattern(L) COMMA pattern_part(P). { A = ast_list(pParse, L, P); }

pattern_part(A) ::= chain(C).                    { A = ast_path(pParse, 0, C, 0); }
pattern_part(A) ::= symname(V) patheq chain(C).  { A = ast_path(pParse, &V, C, 0); }
pattern_part(A) ::= SHORTESTPATH LP chain(C) RP. { A = ast_path(pParse, 0, C, AST_F_SHORTEST); }
pattern_part(A) ::= ALLSHORTESTPATHS LP chain(C) RP. { A = ast_path(pParse, 0, C, AST_F_ALL_SHORTEST); }
pattern_part(A) ::= symname(V) patheq SHORTESTPATH LP chain(C) RP.     { A = ast_path(pParse, &V, C, AST_F_SHORTEST); }
pattern_part(A) ::= symname(V) patheq ALLSHORTESTPATHS LP chain(C) RP. { A = ast_path(pParse, &V, C, AST_F_ALL_SHORTEST); }
patheq ::= EQ.
patheq ::= PATHEQ.

/* ---- Neo4j 5 quantified path patterns, quantified relationships and
** path selectors (ast_qpp.c). A group ((a)-->(b) WHERE ...){m,n} takes a
** relationship's place in a chain; ast_chain_add fills in the node
** patterns GQL lets one leave out around it. */
pattern_part(A) ::= selector(S) chain(C).        { A = ast_path_select(pParse, 0, C, S); }
pattern_part(A) ::= symname(V) patheq selector(S) chain(C). { A = ast_path_select(pParse, &V, C, S); }
chain(A) ::= qpp(Q).                             { A = ast_chain_add(pParse, 0, Q); }
chain(A) ::= chain(L) qpp(Q).                    { A = ast_chain_add(pParse, L, Q); }
chain(A) ::= chain(L) node_pat(N).               { A = ast_chain_add(pParse, L, N); }
chain(A) ::= chain(L) rel_pat(R) quant(Q) node_pat(N). { A = ast_chain_add(pParse, ast_chain_add(pParse, L, ast_quantify_rel(pParse, R, Q)), N); }
qpp(A) ::= LP(T) chain(C) inline_where(W) RP quant(Q). { A = ast_qpp(pParse, &T, C, W, Q); }
quant(A) ::= PLUS(T).                            { A = ast_quantifier(pParse, &T, 0, 0, 1, 1); }
quant(A) ::= STAR(T).                            { A = ast_quantifier(pParse, &T, 0, 0, 0, 1); }
quant(A) ::= LBRACE(T) INTEGER(N) RBRACE.        { A = ast_quantifier(pParse, &T, &N, 0, 0, 0); }
quant(A) ::= LBRACE(T) INTEGER(N) COMMA INTEGER(M) RBRACE. { A = ast_quantifier(pParse, &T, &N, &M, 0, 1); }
quant(A) ::= LBRACE(T) COMMA INTEGER(M) RBRACE.  { A = ast_quantifier(pParse, &T, 0, &M, 0, 1); }
quant(A) ::= LBRACE(T) INTEGER(N) COMMA RBRACE.  { A = ast_quantifier(pParse, &T, &N, 0, 0, 1); }
quant(A) ::= LBRACE(T) COMMA RBRACE.             { A = ast_quantifier(pParse, &T, 0, 0, 0, 1); }
selector(A) ::= ALL(T) paths_opt.                { A = ast_selector(pParse, &T, PATHSEL_ALL, 0); }
selector(A) ::= ANY(T) paths_opt.                { A = ast_selector(pParse, &T, PATHSEL_ANY, 0); }
selector(A) ::= ANY(T) INTEGER(K) paths_opt.     { A = ast_selector(pParse, &T, PATHSEL_ANY, &K); }
selector(A) ::= ANY(T) SHORTEST paths_opt.       { A = ast_selector(pParse, &T, PATHSEL_SHORTEST, 0); }
selector(A) ::= ALL(T) SHORTEST paths_opt.       { A = ast_selector(pParse, &T, PATHSEL_GROUPS, 0); }
selector(A) ::= SHORTEST(T) INTEGER(K) paths_opt. { A = ast_selector(pParse, &T, PATHSEL_SHORTEST, &K); }
selector(A) ::= SHORTEST(T) INTEGER(K) paths_opt groups. { A = ast_selector(pParse, &T, PATHSEL_GROUPS, &K); }
selector(A) ::= SHORTEST(T) paths_opt groups.    { A = ast_selector(pParse, &T, PATHSEL_GROUPS, 0); }
paths_opt ::= .
paths_opt ::= PATH.
paths_opt ::= PATHS.
groups ::= GROUP.
groups ::= GROUPS.

%type chain {AstList*}
chain(A) ::= node_pat(N).                        { A = ast_list(pParse, 0, N); }
chain(A) ::= chain(L) rel_pat(R) node_pat(N).    { A = ast_list(pParse, ast_list(pParse, L, R), N); }

node_pat(A) ::= LP(T) var_opt(V) labels_opt(L) props_opt(P) inline_where(W) RP.
                                                 { A = ast_inline_where(ast_node_pat(pParse, &T, &V, L, P), W); }
node_pat(A) ::= LPPAT(T) var_opt(V) labels_opt(L) props_opt(P) inline_where(W) RP.
                                                 { A = ast_inline_where(ast_node_pat(pParse, &T, &V, L, P), W); }

/* (n:Person WHERE n.age > 30), -[r WHERE r.since < 2000]->: a predicate
** inside a pattern element (Neo4j 5); ast_match and ast_pattern_comp fold
** it into the WHERE, parse.c refuses it anywhere else. */
%type inline_where {AstNode*}
inline_where(A) ::= .                            { A = 0; }
inline_where(A) ::= WHERE expr(E).               { A = E; }

%type var_opt {Token}
var_opt(A) ::= .                                 { A.z = 0; A.n = 0; A.iOfst = -1; A.tk = 0; }
var_opt(A) ::= symname(V).                       { A = V; }

labels_opt(A) ::= .                              { A = 0; }
labels_opt(A) ::= node_labels(L).                { A = L; }
/* GQL's IS for the colon (Neo4j 5): (n IS Person), [r IS KNOWS|LIKES],
** SET n IS Person, WHERE n IS Person|Robot. */
labels_opt(A) ::= IS lexpr(E).                   { A = E; }
node_labels(A) ::= COLON lexpr(E).               { A = E; }
node_labels(A) ::= node_labels(L) COLON lexpr(E). { A = ast_label_op(pParse, AST_LABEL_AND, L, E); }
lexpr(A) ::= lterm(T).                           { A = T; }
lexpr(A) ::= lexpr(L) PIPE lterm(R).             { A = ast_label_op(pParse, AST_LABEL_OR, L, R); }
lexpr(A) ::= lexpr(L) PIPE COLON lterm(R).       { A = ast_label_op(pParse, AST_LABEL_OR, L, R); }
lexpr(A) ::= lexpr(L) LABELPIPE lterm(R).        { A = ast_label_op(pParse, AST_LABEL_OR, L, R); }
lexpr(A) ::= lexpr(L) LABELPIPE COLON lterm(R).  { A = ast_label_op(pParse, AST_LABEL_OR, L, R); }
lterm(A) ::= lfactor(F).                         { A = F; }
lterm(A) ::= lterm(L) AMP lfactor(R).            { A = ast_label_op(pParse, AST_LABEL_AND, L, R); }
lfactor(A) ::= BANG lfactor(F).                  { A = ast_label_op(pParse, AST_LABEL_NOT, F, 0); }
lfactor(A) ::= symname(N).                       { A = ast_label(pParse, &N); }
/* Neo4j 5's dynamic labels and types: $(expr) and $all(expr) need every
** name the expression gives (a string or a list of strings), $any(expr)
** one of them. */
%type dyn_label {AstNode*}
lfactor(A) ::= dyn_label(D).                     { A = D; }
dyn_label(A) ::= DYNLP(T) expr(E) RP.            { A = ast_label_dynamic(pParse, &T, E, 0); }
dyn_label(A) ::= DYNALL(T) expr(E) RP.           { A = ast_label_dynamic(pParse, &T, E, 0); }
dyn_label(A) ::= DYNANY(T) expr(E) RP.           { A = ast_label_dynamic(pParse, &T, E, 1); }
lfactor(A) ::= PERCENT.                          { A = ast_label_op(pParse, AST_LABEL_ANY, 0, 0); }
lfactor(A) ::= LP lexpr(E) RP.                   { A = E; }

props_opt(A) ::= .                               { A = 0; }
props_opt(A) ::= map_lit(M).                     { A = M; }
props_opt(A) ::= PARAM(T).                       { A = ast_param(pParse, &T); }

rel_pat(A) ::= MINUS(T) rel_detail(D) MINUS.        { A = ast_rel_pat(pParse, &T, D, DIR_BOTH); }
rel_pat(A) ::= MINUS(T) rel_detail(D) MINUS GT.     { A = ast_rel_pat(pParse, &T, D, DIR_OUT); }
rel_pat(A) ::= LT(T) MINUS rel_detail(D) MINUS.     { A = ast_rel_pat(pParse, &T, D, DIR_IN); }
rel_pat(A) ::= LT(T) MINUS rel_detail(D) MINUS GT.  { A = ast_rel_pat(pParse, &T, D, DIR_BOTH); }

rel_detail(A) ::= .                              { A = 0; }
rel_detail(A) ::= LB(T) var_opt(V) types_opt(Y) range_opt(R) props_opt(P) inline_where(W) RB.
                                                 { A = ast_inline_where(ast_rel_detail(pParse, &T, &V, Y, R, P), W); }
types_opt(A) ::= .                               { A = 0; }
types_opt(A) ::= COLON lexpr(E).                 { A = E; }
types_opt(A) ::= IS lexpr(E).                    { A = E; }
range_opt(A) ::= .                               { A = 0; }
range_opt(A) ::= STAR(T).                        { A = ast_range(pParse, &T, 0, 0, 1); }
range_opt(A) ::= STAR(T) INTEGER(N).             { A = ast_range(pParse, &T, &N, &N, 0); }
range_opt(A) ::= STAR(T) INTEGER(N) DOTDOT.      { A = ast_range(pParse, &T, &N, 0, 1); }
range_opt(A) ::= STAR(T) INTEGER(N) DOTDOT INTEGER(M). { A = ast_range(pParse, &T, &N, &M, 1); }
range_opt(A) ::= STAR(T) DOTDOT INTEGER(M).      { A = ast_range(pParse, &T, 0, &M, 1); }
range_opt(A) ::= STAR(T) DOTDOT.                 { A = ast_range(pParse, &T, 0, 0, 1); }

/* ---- Expressions ------------------------------------------------------- */

%type exprlist {AstList*}
exprlist(A) ::= expr(E).                         { A = ast_list(pParse, 0, E); }
exprlist(A) ::= exprlist(L) COMMA expr(E).       { A = ast_list(pParse, L, E); }

expr(A) ::= expr(L) OR expr(R).                  { A = ast_binary(pParse, TK_OR, L, R); }
expr(A) ::= expr(L) XOR expr(R).                 { A = ast_binary(pParse, TK_XOR, L, R); }
expr(A) ::= expr(L) AND expr(R).                 { A = ast_binary(pParse, TK_AND, L, R); }
expr(A) ::= NOT(T) expr(E).                      { A = ast_unary(pParse, &T, TK_NOT, E); }
expr(A) ::= expr(L) EQ expr(R).                  { A = ast_compare(pParse, TK_EQ, L, R); }
expr(A) ::= expr(L) NE expr(R).                  { A = ast_compare(pParse, TK_NE, L, R); }
expr(A) ::= expr(L) LT expr(R).                  { A = ast_compare(pParse, TK_LT, L, R); }
expr(A) ::= expr(L) LE expr(R).                  { A = ast_compare(pParse, TK_LE, L, R); }
expr(A) ::= expr(L) GT expr(R).                  { A = ast_compare(pParse, TK_GT, L, R); }
expr(A) ::= expr(L) GE expr(R).                  { A = ast_compare(pParse, TK_GE, L, R); }
expr(A) ::= expr(L) IN expr(R).                  { A = ast_binary(pParse, TK_IN, L, R); }
expr(A) ::= expr(L) STARTS WITH expr(R).         { A = ast_binary(pParse, TK_STARTS, L, R); }
expr(A) ::= expr(L) ENDS WITH expr(R).           { A = ast_binary(pParse, TK_ENDS, L, R); }
expr(A) ::= expr(L) CONTAINS expr(R).            { A = ast_binary(pParse, TK_CONTAINS, L, R); }
expr(A) ::= expr(L) REGEX expr(R).               { A = ast_binary(pParse, TK_REGEX, L, R); }
expr(A) ::= expr(L) IS NULL.                     { A = ast_is_null(pParse, L, 0); }
expr(A) ::= expr(L) IS NOT NULL.                 { A = ast_is_null(pParse, L, 1); }
/* x IS [NOT] [NFC|NFD|NFKC|NFKD] NORMALIZED: the forms are names, not
** keywords, so they stay usable as names; ast_is_normalized checks them. */
expr(A) ::= expr(L) IS NORMALIZED(K).            { A = ast_is_normalized(pParse, L, 0, 0, &K); }
expr(A) ::= expr(L) IS NOT NORMALIZED(K).        { A = ast_is_normalized(pParse, L, 1, 0, &K); }
expr(A) ::= expr(L) IS ID(F) NORMALIZED(K).      { A = ast_is_normalized(pParse, L, 0, &F, &K); }
expr(A) ::= expr(L) IS NOT ID(F) NORMALIZED(K). { A = ast_is_normalized(pParse, L, 1, &F, &K); }
/* Type predicates: x IS [NOT] :: T, x :: T (IS TYPED is read as IS ::, and
** the type T as one TYPESPEC token, by parse.c). */
expr(A) ::= expr(L) IS DCOLON TYPESPEC(T).       { A = ast_is_typed(pParse, L, 0, &T); }
expr(A) ::= expr(L) IS NOT DCOLON TYPESPEC(T).   { A = ast_is_typed(pParse, L, 1, &T); }
expr(A) ::= expr(L) DCOLON TYPESPEC(T).          { A = ast_is_typed(pParse, L, 0, &T); }
expr(A) ::= expr(L) PLUS expr(R).                { A = ast_binary(pParse, TK_PLUS, L, R); }
expr(A) ::= expr(L) MINUS expr(R).               { A = ast_binary(pParse, TK_MINUS, L, R); }
expr(A) ::= expr(L) STAR expr(R).                { A = ast_binary(pParse, TK_STAR, L, R); }
expr(A) ::= expr(L) SLASH expr(R).               { A = ast_binary(pParse, TK_SLASH, L, R); }
expr(A) ::= expr(L) PERCENT expr(R).             { A = ast_binary(pParse, TK_PERCENT, L, R); }
expr(A) ::= expr(L) CARET expr(R).               { A = ast_binary(pParse, TK_CARET, L, R); }
expr(A) ::= expr(L) CONCAT expr(R).              { A = ast_binary(pParse, TK_CONCAT, L, R); }
expr(A) ::= MINUS(T) expr(E). [UMINUS]           { A = ast_unary(pParse, &T, TK_MINUS, E); }
expr(A) ::= PLUS(T) expr(E). [UMINUS]            { A = ast_unary(pParse, &T, TK_PLUS, E); }
expr(A) ::= expr(E) DOT symname(K).              { A = ast_prop(pParse, E, &K); }
expr(A) ::= expr(E) LB expr(I) RB.               { A = ast_index(pParse, E, I); }
expr(A) ::= expr(E) LB expr(F) DOTDOT expr(T) RB. { A = ast_slice(pParse, E, F, T); }
expr(A) ::= expr(E) LB DOTDOT expr(T) RB.        { A = ast_slice(pParse, E, 0, T); }
expr(A) ::= expr(E) LB expr(F) DOTDOT RB.        { A = ast_slice(pParse, E, F, 0); }
expr(A) ::= expr(E) expr_labels(L). [UMINUS]     { A = ast_has_labels(pParse, E, L); }
expr(A) ::= expr(E) IS elexpr(L). [UMINUS]       { A = ast_has_labels(pParse, E, L); }

/* A label expression in an expression (WHERE n:A|B&!C, n:%): its '|' is
** LABELPIPE, which parse.c tells apart from a comprehension's PIPE. */
expr_labels(A) ::= COLON elexpr(E).              { A = E; }
expr_labels(A) ::= expr_labels(L) COLON elexpr(E). { A = ast_label_op(pParse, AST_LABEL_AND, L, E); }
elexpr(A) ::= lterm(T).                          { A = T; }
elexpr(A) ::= elexpr(L) LABELPIPE lterm(R).      { A = ast_label_op(pParse, AST_LABEL_OR, L, R); }
elexpr(A) ::= elexpr(L) LABELPIPE COLON lterm(R). { A = ast_label_op(pParse, AST_LABEL_OR, L, R); }

/* Atoms */
expr(A) ::= INTEGER(T).                          { A = ast_int(pParse, &T); }
expr(A) ::= FLOAT(T).                            { A = ast_float(pParse, &T); }
expr(A) ::= STRING(T).                           { A = ast_string(pParse, &T); }
expr(A) ::= TRUE(T).                             { A = ast_literal(pParse, &T, value_bool(true)); }
expr(A) ::= FALSE(T).                            { A = ast_literal(pParse, &T, value_bool(false)); }
expr(A) ::= NULL(T).                             { A = ast_literal(pParse, &T, value_null()); }
expr(A) ::= PARAM(T).                            { A = ast_param(pParse, &T); }
expr(A) ::= symname(N).                          { A = ast_var(pParse, &N); }
expr(A) ::= COUNT(T).                            { A = ast_var(pParse, &T); }
expr(A) ::= LP(T) expr(E) RP.                    { A = ast_paren(pParse, &T, E); }
expr(A) ::= map_lit(M).                          { A = M; }

/* Lists and comprehensions */
expr(A) ::= LB(T) RB.                            { A = ast_list_lit(pParse, &T, 0); }
expr(A) ::= LB(T) exprlist(L) RB.                { A = ast_list_lit(pParse, &T, L); }
expr(A) ::= LB(T) expr(X) PIPE expr(P) RB.       { A = ast_list_comp(pParse, &T, X, 0, P); }
expr(A) ::= LB(T) expr(X) WHERE expr(W) RB.      { A = ast_list_comp(pParse, &T, X, W, 0); }
expr(A) ::= LB(T) expr(X) WHERE expr(W) PIPE expr(P) RB. { A = ast_list_comp(pParse, &T, X, W, P); }
expr(A) ::= LB(T) pat_chain(C) PIPE expr(P) RB.  { A = ast_pattern_comp(pParse, &T, 0, C, 0, P); }
expr(A) ::= LB(T) pat_chain(C) WHERE expr(W) PIPE expr(P) RB. { A = ast_pattern_comp(pParse, &T, 0, C, W, P); }
expr(A) ::= LB(T) symname(V) PATHEQ pat_chain(C) PIPE expr(P) RB. { A = ast_pattern_comp(pParse, &T, &V, C, 0, P); }
expr(A) ::= LB(T) symname(V) PATHEQ pat_chain(C) WHERE expr(W) PIPE expr(P) RB. { A = ast_pattern_comp(pParse, &T, &V, C, W, P); }

/* Maps and map projections */
map_lit(A) ::= LBRACE(T) RBRACE.                 { A = ast_map_lit(pParse, &T, 0); }
map_lit(A) ::= LBRACE(T) map_entries(L) RBRACE.  { A = ast_map_lit(pParse, &T, L); }
%type map_entries {AstList*}
map_entries(A) ::= symname(K) COLON expr(E).     { A = ast_list(pParse, 0, ast_map_entry(pParse, &K, E)); }
map_entries(A) ::= map_entries(L) COMMA symname(K) COLON expr(E). { A = ast_list(pParse, L, ast_map_entry(pParse, &K, E)); }

expr(A) ::= symname(V) LBRACE RBRACE.            { A = ast_map_proj(pParse, &V, 0); }
expr(A) ::= symname(V) LBRACE mp_items(L) RBRACE. { A = ast_map_proj(pParse, &V, L); }
%type mp_items {AstList*}
mp_items(A) ::= mp_item(I).                      { A = ast_list(pParse, 0, I); }
mp_items(A) ::= mp_items(L) COMMA mp_item(I).    { A = ast_list(pParse, L, I); }
mp_item(A) ::= DOT symname(K).                   { A = ast_mp_item(pParse, AST_MP_PROP, &K, 0); }
mp_item(A) ::= DOT(T) STAR.                      { A = ast_mp_item(pParse, AST_MP_ALL, &T, 0); }
mp_item(A) ::= symname(K) COLON expr(E).         { A = ast_mp_item(pParse, AST_MP_ENTRY, &K, E); }
mp_item(A) ::= symname(K).                       { A = ast_mp_item(pParse, AST_MP_VAR, &K, 0); }

/* Function calls */
expr(A) ::= symname(N) LP RP.                    { A = ast_func(pParse, &N, 0, 0); }
expr(A) ::= symname(N) LP distinct_opt(D) exprlist(L) RP. { A = ast_func(pParse, &N, L, D); }
expr(A) ::= expr(P) DOT symname(N) LP RP.        { A = ast_func_dotted(pParse, P, &N, 0, 0); }
expr(A) ::= expr(P) DOT symname(N) LP distinct_opt(D) exprlist(L) RP. { A = ast_func_dotted(pParse, P, &N, L, D); }
/* trim([[BOTH|LEADING|TRAILING] [c] FROM] s): parse.c makes the end word
** after "trim(" a TRIMSPEC token. */
expr(A) ::= symname(N) LP TRIMSPEC(K) expr(C) FROM expr(S) RP. { A = ast_trim_from(pParse, &N, &K, C, S); }
expr(A) ::= symname(N) LP TRIMSPEC(K) FROM expr(S) RP.         { A = ast_trim_from(pParse, &N, &K, 0, S); }
expr(A) ::= symname(N) LP distinct_opt(D) exprlist(L) FROM expr(S) RP.
  { A = (D || L->n != 1) ? ast_trim_from(pParse, &N, 0, 0, 0) : ast_trim_from(pParse, &N, 0, L->a[0], S); }
expr(A) ::= COUNT(T) LP STAR RP.                 { A = ast_count_star(pParse, &T); }
expr(A) ::= COUNT(T) LP distinct_opt(D) exprlist(L) RP. { A = ast_func(pParse, &T, L, D); }
expr(A) ::= COUNT(T) LBRACE subquery_body(B) RBRACE. { A = ast_subquery(pParse, &T, AST_COUNT_SUB, B); }
/* COLLECT { query }: parse.c makes the name "collect" before '{' and a
** clause into this token. */
expr(A) ::= COLLECTSUB(T) LBRACE query(Q) RBRACE. { A = ast_subquery(pParse, &T, AST_COLLECT_SUB, Q); }
expr(A) ::= EXISTS(T) LP exprlist(L) RP.         { A = ast_func(pParse, &T, L, 0); }
expr(A) ::= EXISTS(T) LBRACE subquery_body(B) RBRACE. { A = ast_subquery(pParse, &T, AST_EXISTS, B); }

subquery_body(A) ::= query(Q).                   { A = Q; }
subquery_body(A) ::= pattern(P) where_opt(W).    { A = ast_pattern_where(pParse, P, W); }

/* Quantifiers and reduce */
expr(A) ::= ALL(T) LP symname(V) IN expr(L) where_opt(W) RP.    { A = ast_quant(pParse, &T, &V, L, W); }
expr(A) ::= ANY(T) LP symname(V) IN expr(L) where_opt(W) RP.    { A = ast_quant(pParse, &T, &V, L, W); }
expr(A) ::= NONE(T) LP symname(V) IN expr(L) where_opt(W) RP.   { A = ast_quant(pParse, &T, &V, L, W); }
expr(A) ::= SINGLE(T) LP symname(V) IN expr(L) where_opt(W) RP. { A = ast_quant(pParse, &T, &V, L, W); }
expr(A) ::= REDUCE(T) LP symname(C) EQ expr(I) COMMA symname(V) IN expr(L) PIPE expr(S) RP.
                                                 { A = ast_reduce(pParse, &T, &C, I, &V, L, S); }

/* CASE */
expr(A) ::= CASE(T) when_list(L) else_opt(E) END.          { A = ast_case(pParse, &T, 0, L, E); }
expr(A) ::= CASE(T) expr(X) when_list(L) else_opt(E) END.  { A = ast_case(pParse, &T, X, L, E); }
%type when_list {AstList*}
/* WHEN a, b THEN r: several values (a simple CASE's; check.c refuses them
** in a searched CASE). */
when_list(A) ::= WHEN exprlist(C) THEN expr(R).      { A = ast_list(pParse, 0, ast_when(pParse, C, R)); }
when_list(A) ::= when_list(L) WHEN exprlist(C) THEN expr(R). { A = ast_list(pParse, L, ast_when(pParse, C, R)); }
else_opt(A) ::= .                                { A = 0; }
else_opt(A) ::= ELSE expr(E).                    { A = E; }

/* Pattern expressions (pattern predicates) */
expr(A) ::= pat_chain(C). [PATPREC]              { A = ast_pattern_expr(pParse, C); }
%type pat_chain {AstList*}
pat_chain(A) ::= pat_start(N) rel_pat(R) node_pat(M). { A = ast_list(pParse, ast_list(pParse, ast_list(pParse, 0, N), R), M); }
pat_chain(A) ::= pat_chain(L) rel_pat(R) node_pat(M). { A = ast_list(pParse, ast_list(pParse, L, R), M); }
pat_start(A) ::= LPPAT(T) var_opt(V) labels_opt(L) props_opt(P) inline_where(W) RP.
                                                 { A = ast_inline_where(ast_node_pat(pParse, &T, &V, L, P), W); }

/* Names */
%type symname {Token}
symname(A) ::= ID(T).                            { A = T; }
symname(A) ::= QID(T).                           { A = T; }
