/*
** lexer.re — the re2c scanner: UTF-8 query text to tokens.
**
** Generated into build/gen/lexer.c by build.sh (re2c -8): edit this file.
** Keywords are case-insensitive ('match' in re2c's single quotes) and
** come before the identifier rule, so the longest match wins and, at equal
** length, the keyword. Identifiers follow Unicode categories, so Arabic and
** Japanese names lex. The scanner never allocates and never fails: bytes it
** cannot place become ILLEGAL, a malformed number BADNUMBER, an unclosed
** string or comment UNTERMINATED; parse.c turns those into errors with
** their position. Unescaping strings and backtick names is parse.c's job.
*/
#include "syntax/lexer.h"

#include "parser.h"

/*!include:re2c "unicode_categories.re" */

int lex_next(Lexer *L, Token *pTok) {
  for (;;) {
    const unsigned char *zStart = L->cur;
    int tk;
    /*!re2c
      re2c:api:style = free-form;
      re2c:define:YYCTYPE = "unsigned char";
      re2c:define:YYCURSOR = "L->cur";
      re2c:define:YYMARKER = "L->mar";
      re2c:define:YYLIMIT = "L->lim";
      re2c:yyfill:enable = 0;
      re2c:eof = 0;

      id_start = L | Nl | Pc;
      id_part = L | Nl | Mn | Mc | Nd | Pc | Sc;
      ident = id_start id_part*;
      digits = [0-9]+;
      exponent = [eE] [+-]? digits;
      hexnum = "0" [xX] [0-9a-fA-F]+;
      octnum = "0o" [0-7]+;
      space = [ \t\r\n\f\v] | Zs | "\u2028" | "\u2029";

      $ { return 0; }

      space+ { continue; }
      "//" [^\n\x00]* { continue; }
      "/*" ([^*\x00] | "*"+ [^*/\x00])* "*"+ "/" { continue; }
      "/*" { tk = TK_UNTERMINATED; goto done; }

      'match' { tk = TK_MATCH; goto done; }
      'optional' { tk = TK_OPTIONAL; goto done; }
      'where' { tk = TK_WHERE; goto done; }
      'return' { tk = TK_RETURN; goto done; }
      'with' { tk = TK_WITH; goto done; }
      'unwind' { tk = TK_UNWIND; goto done; }
      'as' { tk = TK_AS; goto done; }
      'order' { tk = TK_ORDER; goto done; }
      'by' { tk = TK_BY; goto done; }
      'asc' { tk = TK_ASC; goto done; }
      'ascending' { tk = TK_ASCENDING; goto done; }
      'desc' { tk = TK_DESC; goto done; }
      'descending' { tk = TK_DESCENDING; goto done; }
      'skip' { tk = TK_SKIP; goto done; }
      'limit' { tk = TK_LIMIT; goto done; }
      'offset' { tk = TK_OFFSET; goto done; }
      'distinct' { tk = TK_DISTINCT; goto done; }
      'create' { tk = TK_CREATE; goto done; }
      'insert' { tk = TK_INSERT; goto done; }
      'merge' { tk = TK_MERGE; goto done; }
      'on' { tk = TK_ON; goto done; }
      'set' { tk = TK_SET; goto done; }
      'remove' { tk = TK_REMOVE; goto done; }
      'delete' { tk = TK_DELETE; goto done; }
      'detach' { tk = TK_DETACH; goto done; }
      'nodetach' { tk = TK_NODETACH; goto done; }
      'finish' { tk = TK_FINISH; goto done; }
      'normalized' { tk = TK_NORMALIZED; goto done; }
      'call' { tk = TK_CALL; goto done; }
      'yield' { tk = TK_YIELD; goto done; }
      'union' { tk = TK_UNION; goto done; }
      'all' { tk = TK_ALL; goto done; }
      'and' { tk = TK_AND; goto done; }
      'or' { tk = TK_OR; goto done; }
      'xor' { tk = TK_XOR; goto done; }
      'not' { tk = TK_NOT; goto done; }
      'in' { tk = TK_IN; goto done; }
      'starts' { tk = TK_STARTS; goto done; }
      'ends' { tk = TK_ENDS; goto done; }
      'contains' { tk = TK_CONTAINS; goto done; }
      'is' { tk = TK_IS; goto done; }
      'null' { tk = TK_NULL; goto done; }
      'true' { tk = TK_TRUE; goto done; }
      'false' { tk = TK_FALSE; goto done; }
      'case' { tk = TK_CASE; goto done; }
      'when' { tk = TK_WHEN; goto done; }
      'then' { tk = TK_THEN; goto done; }
      'else' { tk = TK_ELSE; goto done; }
      'end' { tk = TK_END; goto done; }
      'exists' { tk = TK_EXISTS; goto done; }
      'count' { tk = TK_COUNT; goto done; }
      'any' { tk = TK_ANY; goto done; }
      'none' { tk = TK_NONE; goto done; }
      'single' { tk = TK_SINGLE; goto done; }
      'reduce' { tk = TK_REDUCE; goto done; }
      'shortestpath' { tk = TK_SHORTESTPATH; goto done; }
      'allshortestpaths' { tk = TK_ALLSHORTESTPATHS; goto done; }
      'shortest' { tk = TK_SHORTEST; goto done; }
      'path' { tk = TK_PATH; goto done; }
      'paths' { tk = TK_PATHS; goto done; }
      'group' { tk = TK_GROUP; goto done; }
      'groups' { tk = TK_GROUPS; goto done; }
      'explain' { tk = TK_EXPLAIN; goto done; }
      'profile' { tk = TK_PROFILE; goto done; }
      'foreach' { tk = TK_FOREACH; goto done; }
      'index' { tk = TK_INDEX; goto done; }
      'fulltext' { tk = TK_FULLTEXT; goto done; }
      'each' { tk = TK_EACH; goto done; }
      'constraint' { tk = TK_CONSTRAINT; goto done; }
      'drop' { tk = TK_DROP; goto done; }
      'for' { tk = TK_FOR; goto done; }
      'require' { tk = TK_REQUIRE; goto done; }
      'show' { tk = TK_SHOW; goto done; }
      'range' { tk = TK_RANGE; goto done; }
      'text' { tk = TK_TEXT; goto done; }
      'unique' { tk = TK_UNIQUE; goto done; }
      'assert' { tk = TK_ASSERT; goto done; }
      'if' { tk = TK_IF; goto done; }
      'load' { tk = TK_LOAD; goto done; }
      'csv' { tk = TK_CSV; goto done; }
      'headers' { tk = TK_HEADERS; goto done; }
      'from' { tk = TK_FROM; goto done; }
      'fieldterminator' { tk = TK_FIELDTERMINATOR; goto done; }
      'render' { tk = TK_RENDER; goto done; }
      'to' { tk = TK_TO; goto done; }
      'using' { tk = TK_USING; goto done; }
      'direction' { tk = TK_DIRECTION; goto done; }
      'options' { tk = TK_OPTIONS; goto done; }

      ident { tk = TK_ID; goto done; }
      "`" ([^`\x00] | "``")* "`" { tk = TK_QID; goto done; }
      "`" ([^`\x00] | "``")* { tk = TK_UNTERMINATED; goto done; }

      "$(" { tk = TK_DYNLP; goto done; }
      "$" 'all(' { tk = TK_DYNALL; goto done; }
      "$" 'any(' { tk = TK_DYNANY; goto done; }
      "$" (ident | digits) { tk = TK_PARAM; goto done; }
      "$" "`" ([^`\x00] | "``")* "`" { tk = TK_PARAM; goto done; }

      digits | hexnum | octnum { tk = TK_INTEGER; goto done; }
      (digits "." digits exponent?) | ("." digits exponent?) | (digits exponent)
        { tk = TK_FLOAT; goto done; }
      [0-9] [0-9a-zA-Z_]* ("." [0-9a-zA-Z_]+)? { tk = TK_BADNUMBER; goto done; }

      "'" ([^'\\\x00] | "\\" [^\x00])* "'" { tk = TK_STRING; goto done; }
      "\"" ([^"\\\x00] | "\\" [^\x00])* "\"" { tk = TK_STRING; goto done; }
      ["'] { tk = TK_UNTERMINATED; goto done; }

      "<>" { tk = TK_NE; goto done; }
      "!=" { tk = TK_NE; goto done; }
      "<=" { tk = TK_LE; goto done; }
      ">=" { tk = TK_GE; goto done; }
      "=~" { tk = TK_REGEX; goto done; }
      "+=" { tk = TK_PLUSEQ; goto done; }
      ".." { tk = TK_DOTDOT; goto done; }
      "=" { tk = TK_EQ; goto done; }
      "<" { tk = TK_LT; goto done; }
      ">" { tk = TK_GT; goto done; }
      "+" { tk = TK_PLUS; goto done; }
      "-" { tk = TK_MINUS; goto done; }
      "*" { tk = TK_STAR; goto done; }
      "/" { tk = TK_SLASH; goto done; }
      "%" { tk = TK_PERCENT; goto done; }
      "^" { tk = TK_CARET; goto done; }
      "(" { tk = TK_LP; goto done; }
      ")" { tk = TK_RP; goto done; }
      "[" { tk = TK_LB; goto done; }
      "]" { tk = TK_RB; goto done; }
      "{" { tk = TK_LBRACE; goto done; }
      "}" { tk = TK_RBRACE; goto done; }
      "," { tk = TK_COMMA; goto done; }
      "." { tk = TK_DOT; goto done; }
      "::" { tk = TK_DCOLON; goto done; }
      ":" { tk = TK_COLON; goto done; }
      ";" { tk = TK_SEMI; goto done; }
      "||" { tk = TK_CONCAT; goto done; }
      "|" { tk = TK_PIPE; goto done; }
      "&" { tk = TK_AMP; goto done; }
      "!" { tk = TK_BANG; goto done; }

      * { tk = TK_ILLEGAL; goto done; }
    */
  done:
    pTok->tk = tk;
    pTok->z = (const char *)zStart;
    pTok->n = (uint32_t)(L->cur - zStart);
    pTok->iOfst = (int32_t)((const char *)zStart - L->zBase);
    return tk;
  }
}
