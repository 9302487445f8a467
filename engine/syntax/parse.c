/*
** parse.c — the parser driver: lex one statement, settle look-ahead
** tokens, push the tokens into the lemon parser (see parse.h).
**
** Also here: decoding of string literals and backtick names, number
** literals with their overflow rules, and a small parser for Cypher
** literals given as text (parameters on the command line, the TCK).
*/
#include "syntax/parse.h"
#include "syntax/typespec.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "syntax/lexer.h"
#include "syntax/walk.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "parser.h"
#include "base/suggest.h"
#include "base/vec.h"

/* lemon's interface (generated in parser.c). */
void *tgParserAlloc(void *(*xMalloc)(size_t), Parse *pParse);
void tgParser(void *pEngine, int tk, Token tok);
void tgParserFree(void *pEngine, void (*xFree)(void *));

/*
** Expressions and clauses may nest at most this deep. The checker, the
** planner, the evaluator and the unparser each recurse once per level,
** and the grammar's own stack only bounds what nests to the right
** (brackets): a left-associative chain such as 1+1+...+1 or a long OR
** reduces as it goes and builds an AST as deep as it is long.
*/
#define PARSE_MAX_DEPTH 1000   /* parser.y's %stack_size matches */

/* ---- Token array ------------------------------------------------------- */

typedef struct TokArray {
  Token *a;
  uint32_t n;
  uint32_t cap;
} TokArray;

static void parseTokPush(Arena *pA, TokArray *p, const Token *t) {
  if (p->n == p->cap) {
    uint32_t nNew = p->cap ? p->cap * 2 : 64;
    Token *aNew = arena_alloc(pA, sizeof(Token) * nNew);
    if (p->n) memcpy(aNew, p->a, sizeof(Token) * p->n);
    p->a = aNew;
    p->cap = nNew;
  }
  p->a[p->n++] = *t;
}

/* A token that can serve as a name: identifiers and keywords. */
static bool parseTokIsWord(const Token *t) {
  if (t->tk == TK_STRING || t->tk == TK_PARAM || t->tk == TK_INTEGER || t->tk == TK_FLOAT) {
    return false;
  }
  unsigned char c = (unsigned char)t->z[0];
  return c == '_' || c == '`' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Does token t spell zWord (ASCII, any case)? */
static bool parseTokIs(const Token *t, const char *zWord) {
  size_t n = strlen(zWord);
  return t->n == n && strncasecmp(t->z, zWord, n) == 0;
}

static bool parseIsOpen(int tk) {
  return tk == TK_LP || tk == TK_LPPAT || tk == TK_LB || tk == TK_LBRACE;
}
static bool parseIsClose(int tk) { return tk == TK_RP || tk == TK_RB || tk == TK_RBRACE; }

/*
** The index of the token closing each bracket, found in one pass with a
** stack: aClose[i] for an opening bracket at i, or -1 when it is never
** closed (closing tokens of any kind count, as the grammar will report a
** mismatch itself). One pass keeps the look-ahead linear in the number of
** tokens; scanning forward from each bracket was quadratic for deep
** nesting (100,000 nested pairs took seconds).
*/
static int64_t *parseCloseIndex(const TokArray *p) {
  int64_t *aClose = tg_malloc(sizeof(int64_t) * (p->n + 1));
  VEC(uint32_t) open = {0};
  for (uint32_t k = 0; k < p->n; k++) {
    aClose[k] = -1;
    if (parseIsOpen(p->a[k].tk)) {
      vec_push(&open, k);
    } else if (parseIsClose(p->a[k].tk) && open.n > 0) {
      aClose[open.a[--open.n]] = k;
    }
  }
  vec_free(&open);
  return aClose;
}

/*
** Does tokens (i, j) — exclusive — look like the inside of a node pattern:
** [name] [:label-expression] [{map} | $param] [WHERE predicate] ?
*/
static bool parseLooksLikeNode(const TokArray *p, const int64_t *aClose, uint32_t i, uint32_t j) {
  uint32_t k = i + 1;
  if (k < j && parseTokIsWord(&p->a[k])) k++;
  bool bAfterOp = false;
  while (k < j) {
    int tk = p->a[k].tk;
    if (tk == TK_COLON || tk == TK_IS || tk == TK_PIPE || tk == TK_LABELPIPE || tk == TK_AMP || tk == TK_BANG) {
      bAfterOp = true;
      k++;
    } else if (tk == TK_PERCENT && bAfterOp) {
      bAfterOp = false;
      k++;
    } else if (bAfterOp && parseTokIsWord(&p->a[k])) {
      bAfterOp = false;
      k++;
    } else if (bAfterOp && tk == TK_LP) {
      int64_t m = aClose[k];
      if (m < 0 || (uint32_t)m >= j) return false;
      k = (uint32_t)m + 1;
      bAfterOp = false;
    } else {
      break;
    }
  }
  if (bAfterOp) return false;
  if (k < j && p->a[k].tk == TK_LBRACE) {
    int64_t m = aClose[k];
    if (m < 0 || (uint32_t)m >= j) return false;
    k = (uint32_t)m + 1;
  } else if (k < j && p->a[k].tk == TK_PARAM) {
    k++;
  }
  if (k < j && p->a[k].tk == TK_WHERE) return true;   /* an inline WHERE runs to the ')' */
  return k == j;
}

/* Do the tokens at k start a relationship pattern (-[ -- -> <- )? */
static bool parseStartsRel(const TokArray *p, uint32_t k) {
  if (k + 1 >= p->n) return false;
  int t0 = p->a[k].tk, t1 = p->a[k + 1].tk;
  if (t0 == TK_MINUS) return t1 == TK_LB || t1 == TK_MINUS;
  if (t0 == TK_LT && t1 == TK_MINUS) {
    return k + 2 < p->n && (p->a[k + 2].tk == TK_LB || p->a[k + 2].tk == TK_MINUS);
  }
  return false;
}

/*
** The look-ahead pass: '(' opening a node pattern that continues into a
** relationship becomes LPPAT; '=' between "[name" and such a pattern
** becomes PATHEQ (a named path in a pattern comprehension).
*/
/* Is t the bare word zWord (a name or keyword, not a string or number)? */
static bool parseWordIs(const Token *t, const char *zWord) {
  return parseTokIsWord(t) && t->z[0] != '`' && parseTokIs(t, zWord);
}

/* The first token from k on (at most IN_TX_SCAN tokens, outside brackets)
** that is the word zA or zB, or -1. Bounded, so a hostile statement costs
** linear time. */
#define IN_TX_SCAN 64
static int64_t parseFindWord(const TokArray *p, uint32_t k, const char *zA, const char *zB) {
  int depth = 0;
  for (uint32_t m = k; m < p->n && m < k + IN_TX_SCAN; m++) {
    if (parseIsOpen(p->a[m].tk)) depth++;
    else if (parseIsClose(p->a[m].tk) && --depth < 0) return -1;
    else if (depth == 0 && (parseWordIs(&p->a[m], zA) || parseWordIs(&p->a[m], zB))) return m;
  }
  return -1;
}

static bool parseIsTxMode(const Token *t) {
  return parseWordIs(t, "CONTINUE") || parseWordIs(t, "BREAK") || parseWordIs(t, "FAIL") ||
         parseWordIs(t, "RETRY");
}

/*
** CALL { } IN [n CONCURRENT] TRANSACTIONS [OF n ROWS] [ON ERROR mode
** [FOR n SECONDS] [THEN mode]] [REPORT STATUS AS s]: the words after a
** closing brace become the grammar's own tokens, so that none of them is
** a keyword anywhere else (a property may still be called rows or status).
*/
static void parseMarkInTransactions(TokArray *p) {
  for (uint32_t i = 0; i + 2 < p->n; i++) {
    if (p->a[i].tk != TK_RBRACE || p->a[i + 1].tk != TK_IN) continue;
    int64_t j = parseFindWord(p, i + 2, "TRANSACTIONS", "TRANSACTION");
    if (j < 0 || (j > i + 2 && !parseWordIs(&p->a[j - 1], "CONCURRENT"))) continue;
    p->a[i + 1].tk = TK_INTX;
    if (j > i + 2) p->a[j - 1].tk = TK_CONCURRENT;
    p->a[j].tk = TK_TRANSACTIONS;
    uint32_t k = (uint32_t)j + 1;
    while (k < p->n) {
      if (parseWordIs(&p->a[k], "OF")) {
        int64_t m = parseFindWord(p, k + 1, "ROWS", "ROW");
        if (m < 0) break;
        p->a[k].tk = TK_OF;
        p->a[m].tk = TK_ROWS;
        k = (uint32_t)m + 1;
      } else if (p->a[k].tk == TK_ON && k + 2 < p->n && parseWordIs(&p->a[k + 1], "ERROR") &&
                 parseIsTxMode(&p->a[k + 2])) {
        p->a[k + 1].tk = TK_ERRORKW;
        p->a[k + 2].tk = TK_TXMODE;
        k += 3;
        if (k < p->n && p->a[k].tk == TK_FOR) {
          int64_t m = parseFindWord(p, k + 1, "SECONDS", "SECOND");
          if (m < 0) break;
          p->a[m].tk = TK_SECONDS;
          k = (uint32_t)m + 1;
        }
        if (k + 1 < p->n && p->a[k].tk == TK_THEN && parseIsTxMode(&p->a[k + 1])) {
          p->a[k + 1].tk = TK_TXMODE;
          k += 2;
        }
      } else if (k + 1 < p->n && parseWordIs(&p->a[k], "REPORT") && parseWordIs(&p->a[k + 1], "STATUS")) {
        p->a[k].tk = TK_REPORT;
        p->a[k + 1].tk = TK_STATUS;
        k += 2;
      } else {
        break;
      }
    }
  }
}

/* Can the token before a label name or group be inside a label expression? */
static bool parseIsLabelOp(int tk) {
  return tk == TK_COLON || tk == TK_IS || tk == TK_LABELPIPE || tk == TK_AMP || tk == TK_BANG;
}

/*
** Label expressions: `n:A|B` in an expression, where '|' would otherwise
** end a comprehension's WHERE ([x IN l WHERE x:A | x.name]). A '|' right
** after a label (a name, %, or a group in parentheses after ':', '|', '&'
** or '!') becomes LABELPIPE, which only label expressions take. Then, in
** a comprehension ([x IN ..., [(a)-->..., [p = ...) whose every '|' at its
** own level became LABELPIPE, the last of them is its separator after all
** and goes back to PIPE. So [x IN l WHERE x:A|B | x] reads A|B as labels
** and the last '|' as the separator. (Neo4j's grammar is ambiguous there
** too; [x IN l WHERE x:A | y:B|C] would need parentheses.)
*/
static void parseMarkLabelPipes(TokArray *p) {
  int64_t *aClose = parseCloseIndex(p);
  int64_t *aOpen = tg_malloc(sizeof(int64_t) * (p->n + 1));
  for (uint32_t k = 0; k < p->n; k++) aOpen[k] = -1;
  for (uint32_t k = 0; k < p->n; k++) {
    if (aClose[k] >= 0) aOpen[aClose[k]] = k;
  }
  for (uint32_t i = 2; i < p->n; i++) {
    if (p->a[i].tk != TK_PIPE) continue;
    const Token *t = &p->a[i - 1];
    int64_t b = i - 1;   /* where the label before '|' begins */
    if (t->tk == TK_RP && aOpen[i - 1] > 0) {
      b = aOpen[i - 1];
      int tkOpen = p->a[b].tk;
      if (tkOpen != TK_LP && tkOpen != TK_DYNLP && tkOpen != TK_DYNALL && tkOpen != TK_DYNANY) continue;
    } else if (!parseTokIsWord(t) && t->tk != TK_PERCENT) {
      continue;
    }
    if (b >= 1 && parseIsLabelOp(p->a[b - 1].tk)) p->a[i].tk = TK_LABELPIPE;
  }
  for (uint32_t i = 0; i + 1 < p->n; i++) {
    if (p->a[i].tk != TK_LB || aClose[i] < 0) continue;
    const Token *t = &p->a[i + 1];
    bool bComp = t->tk == TK_LP || t->tk == TK_LPPAT ||
                 (i + 2 < p->n && (parseTokIsWord(t) && (p->a[i + 2].tk == TK_IN || p->a[i + 2].tk == TK_EQ)));
    if (!bComp) continue;
    int64_t iLast = -1;
    bool bPipe = false;
    for (uint32_t k = i + 1; k < (uint32_t)aClose[i]; k++) {
      if (aClose[k] >= 0) {
        k = (uint32_t)aClose[k];   /* skip a nested bracket */
        continue;
      }
      if (p->a[k].tk == TK_PIPE) bPipe = true;
      if (p->a[k].tk == TK_LABELPIPE) iLast = k;
    }
    /* [x IN l WHERE x:A|B] filters by a label expression: a last '|'
    ** followed by one name and ']' is a label unless the name is the
    ** comprehension's variable ([x IN l WHERE x:A | x]). */
    bool bLabelAtEnd = iLast >= 0 && (uint32_t)iLast + 2 == (uint32_t)aClose[i] &&
                       parseTokIsWord(&p->a[iLast + 1]) && parseTokIsWord(t) && p->a[i + 2].tk == TK_IN &&
                       !(t->n == p->a[iLast + 1].n && memcmp(t->z, p->a[iLast + 1].z, t->n) == 0);
    if (!bPipe && iLast >= 0 && !bLabelAtEnd) p->a[iLast].tk = TK_PIPE;
  }
  tg_free(aOpen);
  tg_free(aClose);
}

/*
** all, any, none and single are keywords only before '(' (all(x IN l
** WHERE ...)) or as path selectors (ALL SHORTEST, ANY 2 PATHS) and in
** UNION ALL. Anywhere else a token that can only follow a value comes
** next, so they are names: WITH [1, 2] AS all RETURN size(all).
*/
static void parseQuantifierNames(TokArray *p) {
  for (uint32_t i = 0; i < p->n; i++) {
    int tk = p->a[i].tk;
    if (tk != TK_ALL && tk != TK_ANY && tk != TK_NONE && tk != TK_SINGLE) continue;
    if (i > 0 && (p->a[i - 1].tk == TK_UNION || p->a[i - 1].tk == TK_SHOW)) continue;
    int tkNext = i + 1 < p->n ? p->a[i + 1].tk : TK_SEMI;
    switch (tkNext) {
      case TK_RP: case TK_COMMA: case TK_AS: case TK_DOT: case TK_RB: case TK_RBRACE: case TK_EQ:
      case TK_NE: case TK_LT: case TK_GT: case TK_LE: case TK_GE: case TK_PLUS: case TK_MINUS:
      case TK_STAR: case TK_SLASH: case TK_PERCENT: case TK_CARET: case TK_LB: case TK_SEMI: case TK_IS:
      case TK_IN: case TK_AND: case TK_OR: case TK_XOR: case TK_CONTAINS: case TK_STARTS: case TK_ENDS:
      case TK_CONCAT: case TK_REGEX: case TK_ORDER: case TK_SKIP: case TK_LIMIT: case TK_OFFSET:
      case TK_WHERE: case TK_RETURN: case TK_WITH:
        p->a[i].tk = TK_ID;
        break;
      default:
        break;
    }
  }
}

static void parseSettleLookahead(TokArray *p) {
  int64_t *aClose = parseCloseIndex(p);
  for (uint32_t i = 0; i < p->n; i++) {
    if (p->a[i].tk != TK_LP) continue;
    int64_t j = aClose[i];
    if (j < 0) continue;
    if (parseLooksLikeNode(p, aClose, i, (uint32_t)j) && parseStartsRel(p, (uint32_t)j + 1)) {
      p->a[i].tk = TK_LPPAT;
    }
  }
  tg_free(aClose);
  for (uint32_t i = 2; i + 1 < p->n; i++) {
    if (p->a[i].tk == TK_EQ && p->a[i + 1].tk == TK_LPPAT && p->a[i - 2].tk == TK_LB &&
        parseTokIsWord(&p->a[i - 1])) {
      p->a[i].tk = TK_PATHEQ;
    }
  }
  /* COLLECT { MATCH ... RETURN x }: "collect" before '{' and a clause
  ** (not a map projection's '.key', 'key:' or '.*'). */
  for (uint32_t i = 0; i + 2 < p->n; i++) {
    int tk2 = p->a[i + 2].tk;
    bool bClause = tk2 == TK_MATCH || tk2 == TK_OPTIONAL || tk2 == TK_WITH || tk2 == TK_UNWIND ||
                   tk2 == TK_CALL || tk2 == TK_RETURN || tk2 == TK_CREATE || tk2 == TK_MERGE;
    if (bClause && p->a[i].tk == TK_ID && parseTokIs(&p->a[i], "COLLECT") && p->a[i + 1].tk == TK_LBRACE &&
        (i + 3 >= p->n || p->a[i + 3].tk != TK_COLON)) {
      p->a[i].tk = TK_COLLECTSUB;
    }
  }
  /* trim(BOTH 'x' FROM s): the end word after "trim(" (when a FROM or an
  ** operand follows it, so a variable named both stays a variable). */
  for (uint32_t i = 0; i + 3 < p->n; i++) {
    const Token *w = &p->a[i + 2];
    int tkNext = p->a[i + 3].tk;
    if (p->a[i].tk == TK_ID && parseTokIs(&p->a[i], "TRIM") && p->a[i + 1].tk == TK_LP && w->tk == TK_ID &&
        (parseTokIs(w, "BOTH") || parseTokIs(w, "LEADING") || parseTokIs(w, "TRAILING")) &&
        tkNext != TK_RP && tkNext != TK_COMMA && tkNext != TK_DOT && tkNext != TK_LB) {
      p->a[i + 2].tk = TK_TRIMSPEC;
    }
  }
  parseMarkInTransactions(p);
  parseMarkLabelPipes(p);
  /* CREATE POINT INDEX: POINT stays a plain name (point(), point.distance) elsewhere. */
  for (uint32_t i = 0; i + 2 < p->n; i++) {
    if (p->a[i].tk == TK_CREATE && p->a[i + 1].tk == TK_ID && parseWordIs(&p->a[i + 1], "POINT") &&
        p->a[i + 2].tk == TK_INDEX) {
      p->a[i + 1].tk = TK_POINTKW;
    }
  }
  /* count(ALL x), sum(ALL x): ALL is the default set quantifier of a
  ** function's argument (Neo4j 5); dropped here, where it cannot be
  ** mistaken for the quantifier all(x IN ...), which a '(' follows. */
  for (uint32_t i = 2; i + 1 < p->n; i++) {
    if (p->a[i].tk == TK_ALL && p->a[i - 1].tk == TK_LP && parseTokIsWord(&p->a[i - 2]) &&
        p->a[i + 1].tk != TK_LP && p->a[i + 1].tk != TK_RP) {
      p->a[i].tk = TK_SEMI;   /* marked: removed below */
      p->a[i].n = 0;
    }
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < p->n; i++) {
    if (!(p->a[i].tk == TK_SEMI && p->a[i].n == 0)) p->a[k++] = p->a[i];
  }
  p->n = k;
}

/* ---- Errors ------------------------------------------------------------ */

/* The keywords a mistyped word is compared with: those that start a
** clause or join its parts, where a slip of the finger shows up as a
** syntax error at a plain name (MACTH, RETRUN, LIMT). */
static const char *const azParseKeyword[] = {
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "ORDER", "BY", "SKIP",
    "LIMIT", "DISTINCT", "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "CALL",
    "YIELD", "UNION", "FOREACH", "LOAD", "CSV", "HEADERS", "FROM", "FIELDTERMINATOR",
    "EXPLAIN", "PROFILE", "RENDER", "INDEX", "CONSTRAINT", "DROP", "CONTAINS", "STARTS",
    "ENDS", "AND", "XOR", "NOT", "NULL", "CASE", "WHEN", "THEN", "ELSE", "END", "EXISTS",
    "ASC", "DESC", "ASCENDING", "DESCENDING", "ON", "AS", "FINISH", "INSERT",
};

/* The keyword a name at a syntax error was probably meant to be, or NULL
** (suggest.h's rule decides what is close enough). */
static const char *parseNearestKeyword(const Token *pTok) {
  Suggest s;
  suggest_init(&s, pTok->z, pTok->n);
  for (size_t i = 0; i < sizeof(azParseKeyword) / sizeof(azParseKeyword[0]); i++) {
    suggest_consider(&s, azParseKeyword[i]);
  }
  return suggest_best(&s);
}

/* ---- Types in type predicates ------------------------------------------ */

/* The type whose name the tokens from j on begin with (typespec_match),
** or -1; *pnUsed receives the tokens its name takes. */
static int parseTypeAt(const TokArray *pToks, uint32_t j, uint32_t *pnUsed) {
  const char *azWord[5];
  uint32_t anWord[5], nWord = 0;
  while (nWord < 5 && j + nWord < pToks->n && parseTokIsWord(&pToks->a[j + nWord])) {
    azWord[nWord] = pToks->a[j + nWord].z;
    anWord[nWord] = pToks->a[j + nWord].n;
    nWord++;
  }
  return typespec_match(azWord, anWord, nWord, pnUsed);
}

/* Do the tokens from j on begin with a type name? */
static bool parseTypeFollows(const TokArray *pToks, uint32_t j) {
  uint32_t nUsed;
  return parseTypeAt(pToks, j, &nUsed) >= 0;
}

/*
** Reads the type after '::' (or IS [NOT] TYPED) at pToks->a[*pi] into its
** canonical text (syntax/typespec.h) and sets *pi past it. The type is
** read in a loop with a depth count (LIST<...> nesting is bounded), never
** by recursion. Returns false after reporting a syntax error.
*/
static bool parseTypeSpec(Parse *p, const TokArray *pToks, uint32_t *pi, StrBuf *pSpec) {
  uint32_t j = *pi;
  int depth = 0;
  for (;;) {
    uint32_t nUsed = 0;
    int eType = parseTypeAt(pToks, j, &nUsed);
    if (eType < 0) {
      const Token *t = j < pToks->n ? &pToks->a[j] : &pToks->a[pToks->n - 1];
      error_at(p->pErr, p->zText, t->iOfst, ERR_SYNTAX,
               "expected a type: BOOLEAN, STRING, INTEGER, FLOAT, DATE, LOCAL TIME, ZONED TIME, LOCAL DATETIME, "
               "ZONED DATETIME, DURATION, POINT, NODE, RELATIONSHIP, MAP, LIST<...>, PATH, PROPERTY VALUE, ANY, "
               "NOTHING or NULL");
      return false;
    }
    j += nUsed;
    strbuf_puts(pSpec, typespec_name((TypeName)eType));
    if (typespec_takes_inner((TypeName)eType) && j < pToks->n && pToks->a[j].tk == TK_LT) {
      if (++depth > TYPESPEC_MAX_DEPTH) {
        error_at(p->pErr, p->zText, pToks->a[j].iOfst, ERR_SYNTAX, "types nest too deeply (at most 16 levels)");
        return false;
      }
      strbuf_puts(pSpec, "<");
      j++;
      continue;
    }
    if (eType == TYPE_LIST) strbuf_puts(pSpec, "<ANY>");
    /* After a type: NOT NULL, then '|' and another type, or the '>' that
    ** closes a LIST<...> or ANY<...>. */
    for (;;) {
      if (j + 1 < pToks->n && pToks->a[j].tk == TK_NOT && pToks->a[j + 1].tk == TK_NULL) {
        strbuf_puts(pSpec, " NOT NULL");
        j += 2;
      }
      /* '|' joins another type, unless no type follows it: then, outside
      ** '<...>', it is a list comprehension's [x IN l WHERE x :: T | ...]. */
      if (j < pToks->n && pToks->a[j].tk == TK_PIPE && (depth > 0 || parseTypeFollows(pToks, j + 1))) {
        strbuf_puts(pSpec, " | ");
        j++;
        break;
      }
      if (depth == 0) {
        *pi = j;
        return true;
      }
      if (j >= pToks->n || pToks->a[j].tk != TK_GT) {
        const Token *t = j < pToks->n ? &pToks->a[j] : &pToks->a[pToks->n - 1];
        error_at(p->pErr, p->zText, t->iOfst, ERR_SYNTAX, "expected '>' to close the type's '<'");
        return false;
      }
      strbuf_puts(pSpec, ">");
      depth--;
      j++;
    }
  }
}

/*
** Type predicates: IS TYPED becomes IS ::, and the type after each '::'
** becomes one TYPESPEC token holding its canonical text (in the arena).
** Returns false after reporting a syntax error.
*/
static bool parseTypeSpecs(Parse *p, TokArray *pToks) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < pToks->n; i++) {
    Token t = pToks->a[i];
    bool bTyped = parseTokIs(&t, "TYPED") && k > 0 &&
                  (pToks->a[k - 1].tk == TK_IS || (pToks->a[k - 1].tk == TK_NOT && k > 1 && pToks->a[k - 2].tk == TK_IS));
    if (bTyped) t.tk = TK_DCOLON;
    pToks->a[k++] = t;
    if (t.tk != TK_DCOLON) continue;
    uint32_t j = i + 1;
    StrBuf spec;
    strbuf_init(&spec);
    if (j >= pToks->n || !parseTypeSpec(p, pToks, &j, &spec)) {
      if (j >= pToks->n && p->pErr->code == 0) {
        error_at(p->pErr, p->zText, t.iOfst, ERR_SYNTAX, "expected a type after '::'");
      }
      strbuf_free(&spec);
      return false;
    }
    Token typeTok = {arena_strdup(p->pArena, strbuf_cstr(&spec)), (uint32_t)spec.n, pToks->a[i + 1].iOfst, TK_TYPESPEC};
    strbuf_free(&spec);
    pToks->a[k++] = typeTok;
    i = j - 1;
  }
  pToks->n = k;
  return true;
}

/*
** Transaction control run together with a query (stmt.c reads BEGIN,
** COMMIT and ROLLBACK only as statements of their own), which would
** otherwise fail as a bare "syntax error near 'BEGIN'": says what to do
** instead. Returns true after raising the error.
*/
static bool parseUnsupportedCommand(Parse *p, const TokArray *pToks) {
  const Token *t = &pToks->a[0];
  if (t->tk != TK_ID) return false;
  if (parseTokIs(t, "BEGIN") || parseTokIs(t, "COMMIT") || parseTokIs(t, "ROLLBACK") ||
      (parseTokIs(t, "START") && pToks->n > 1 && parseTokIs(&pToks->a[1], "TRANSACTION"))) {
    char zWord[24];
    snprintf(zWord, sizeof(zWord), "%.*s", (int)t->n, t->z);
    if (parseTokIs(t, "START")) snprintf(zWord, sizeof(zWord), "START TRANSACTION");
    for (char *z = zWord; *z; z++) *z = (char)toupper((unsigned char)*z);
    error_at(p->pErr, p->zText, t->iOfst, ERR_TXN_ALONE, zWord);
    return true;
  }
  return false;
}

void parse_syntax_error(Parse *p, const Token *pTok) {
  if (p->iRelBracket > 0 && (pTok->tk == TK_DOTDOT || pTok->tk == TK_MINUS || pTok->tk == TK_INTEGER)) {
    /* Inside [...] of a relationship: a malformed length range. */
    error_at(p->pErr, p->zText, pTok->iOfst, ERR_INVALID_REL_PATTERN,
             "a variable length needs the form *, *n, *n..m, *..m or *n..");
    return;
  }
  if (pTok->n == 0 || (pTok->tk == TK_SEMI && pTok->iOfst >= p->nText)) {
    error_at(p->pErr, p->zText, pTok->iOfst, ERR_SYNTAX_INCOMPLETE);
  } else {
    char zNear[64];
    uint32_t n = pTok->n < sizeof(zNear) - 1 ? pTok->n : (uint32_t)sizeof(zNear) - 1;
    memcpy(zNear, pTok->z, n);
    zNear[n] = 0;
    const char *zMeant = pTok->tk == TK_ID ? parseNearestKeyword(pTok) : NULL;
    if (zMeant) error_at(p->pErr, p->zText, pTok->iOfst, ERR_SYNTAX_NEAR_SUGGEST, zNear, zMeant);
    else error_at(p->pErr, p->zText, pTok->iOfst, ERR_SYNTAX_NEAR, zNear);
  }
}

void parse_stack_overflow(Parse *p) {
  error_at(p->pErr, p->zText, p->iPrevEnd, ERR_SYNTAX,
           "the statement nests more than %d levels deep here", PARSE_MAX_DEPTH);
}

/* Reports a token the lexer could not place. */
static void parseBadToken(Parse *p, const Token *t, bool bBeforeColon) {
  char z[64];
  uint32_t n = t->n < sizeof(z) - 1 ? t->n : (uint32_t)sizeof(z) - 1;
  memcpy(z, t->z, n);
  z[n] = 0;
  if (t->tk == TK_BADNUMBER && bBeforeColon) {
    /* {1B2c:1}: a key cannot start with a digit. */
    error_at(p->pErr, p->zText, t->iOfst, ERR_SYNTAX_NEAR, z);
  } else if (t->tk == TK_BADNUMBER) {
    error_at(p->pErr, p->zText, t->iOfst, ERR_INVALID_NUMBER, z);
  } else if (t->tk == TK_UNTERMINATED) {
    const char *zWhat = t->z[0] == '/' ? "comment" : t->z[0] == '`' ? "quoted name" : "string";
    error_at(p->pErr, p->zText, t->iOfst, ERR_UNTERMINATED, zWhat);
  } else {
    unsigned char c = (unsigned char)t->z[0];
    if (c >= 0x80) {
      error_at(p->pErr, p->zText, t->iOfst, ERR_INVALID_UNICODE_CHAR, "the query text");
    } else {
      error_at(p->pErr, p->zText, t->iOfst, ERR_UNRECOGNIZED_TOKEN, z);
    }
  }
}

/* ---- Driver ------------------------------------------------------------ */

static void *parseMalloc(size_t n) { return tg_malloc(n); }



/* Nodes and relationships one MATCH may name. The planner orders a
** pattern's parts by trying each remaining one at every step, which is
** quadratic in their number: 100,000 hops ran out of memory after 32 s. */
#define PARSE_MAX_PATTERN 1000
/* ... and a whole statement (consecutive MATCH clauses are planned as one
** pattern; 200 clauses of 400 hops took 22 s to refuse). */
#define PARSE_MAX_PATTERN_TOTAL 5000

/* Nodes and relationships in the pattern parts of list pL (AST_PATH items). */
static uint32_t parsePatternSize(const AstList *pL) {
  uint32_t n = 0;
  for (uint32_t i = 0; pL && i < pL->n; i++) {
    const AstNode *pPart = pL->a[i];
    n += pPart->kind == AST_PATH && pPart->pList ? pPart->pList->n : 1;
  }
  return n;
}

/* What parseCheckBounds' walk keeps. */
typedef struct ParseBounds {
  Parse *p;
  uint32_t nTotal;     /* pattern elements so far */
} ParseBounds;

static int parseBoundsNode(AstWalker *w, AstNode *q) {
  ParseBounds *b = w->pArg;
  if (w->nDepth > PARSE_MAX_DEPTH) {
    error_at(b->p->pErr, b->p->zText, q->iOfst, ERR_SYNTAX,
             "the statement nests more than %d levels deep here; a long chain of operators "
             "nests too (for many alternatives, use IN with a list)",
             PARSE_MAX_DEPTH);
    return WALK_ABORT;
  }
  if ((q->kind == AST_NODE_PAT || q->kind == AST_REL_PAT) && q->p3) {
    /* Not folded into a WHERE: the pattern is not a MATCH's (or an
    ** EXISTS, COUNT or pattern comprehension's). */
    error_at(b->p->pErr, b->p->zText, q->p3->iOfst, ERR_SYNTAX,
             "WHERE inside a pattern is allowed only in MATCH, OPTIONAL MATCH, EXISTS { }, COUNT { } "
             "and pattern comprehensions");
    return WALK_ABORT;
  }
  uint32_t nPattern = q->kind == AST_MATCH ? parsePatternSize(q->pList)
                      : q->kind == AST_PATH && q->pList ? q->pList->n : 0;
  if (q->kind == AST_PATH) b->nTotal += nPattern;
  if (nPattern > PARSE_MAX_PATTERN) {
    error_at(b->p->pErr, b->p->zText, q->iOfst, ERR_LIMIT,
             "this pattern names %u nodes and relationships, more than the %d one MATCH may hold",
             nPattern, PARSE_MAX_PATTERN);
    return WALK_ABORT;
  }
  if (b->nTotal > PARSE_MAX_PATTERN_TOTAL) {
    error_at(b->p->pErr, b->p->zText, q->iOfst, ERR_LIMIT,
             "the statement's patterns name more than %d nodes and relationships by here; "
             "split it into several statements", PARSE_MAX_PATTERN_TOTAL);
    return WALK_ABORT;
  }
  return WALK_CONTINUE;
}

/* Fails the parse when the tree is deeper than PARSE_MAX_DEPTH, naming the
** first node past the bound, or when a MATCH or a pattern names more than
** PARSE_MAX_PATTERN nodes and relationships (PARSE_MAX_PATTERN_TOTAL in all
** its patterns). The walk is iterative: the depth is what it measures. */
static bool parseCheckBounds(Parse *p, AstNode *pRoot) {
  ParseBounds b = {p, 0};
  AstWalker w = {parseBoundsNode, NULL, &b, 0};
  return ast_walk(pRoot, &w) != WALK_ABORT;
}


/*
** Refuses text the lexer would misread: a NUL byte (a C string would end
** there, dropping what follows) or bytes that are not UTF-8, in the first
** n bytes. Returns false with a SyntaxError at the first such byte.
*/
static bool parseCheckText(Parse *p, int n) {
  const char *z = p->zText;
  for (int i = 0; i < n;) {
    unsigned char c = (unsigned char)z[i];
    if (c == 0) {
      error_at(p->pErr, z, i, ERR_SYNTAX, "the text holds a NUL byte here");
      return false;
    }
    if (c < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    int nByte = utf8_decode(z + i, (size_t)(n - i), &cp);
    if (cp == UTF8_REPLACEMENT && !utf8_valid(z + i, (size_t)nByte)) {
      error_at(p->pErr, z, i, ERR_SYNTAX, "the text is not valid UTF-8 here");
      return false;
    }
    i += nByte;
  }
  return true;
}

/*
** Lexes from zText[iStart] to the first ';' (inclusive) or the end.
** Returns false after reporting a lexical error.
*/
static bool parseLexStatement(Parse *p, int iStart, TokArray *pToks) {
  Lexer L;
  L.zBase = p->zText;
  L.cur = (const unsigned char *)p->zText + iStart;
  L.mar = L.cur;
  L.lim = (const unsigned char *)p->zText + p->nText;
  Token t;
  for (;;) {
    int tk = lex_next(&L, &t);
    if (tk == 0) break;
    if ((const unsigned char *)t.z >= L.lim) break;   /* NUL inside the text */
    if (tk == TK_ILLEGAL || tk == TK_BADNUMBER || tk == TK_UNTERMINATED) {
      Lexer peek = L;
      Token next;
      bool bColon = lex_next(&peek, &next) == TK_COLON;
      parseBadToken(p, &t, bColon);
      return false;
    }
    parseTokPush(p->pArena, pToks, &t);
    if (tk == TK_SEMI) break;
  }
  return true;
}

AstNode *parse_statement(Arena *pArena, const char *zText, int nText, TgError *pErr,
                         int *piTail) {
  Parse sParse;
  memset(&sParse, 0, sizeof(sParse));
  sParse.pArena = pArena;
  sParse.zText = zText;
  sParse.nText = nText;
  sParse.pErr = pErr;
  *piTail = nText;

  /* Only this statement's text is checked (tg_exec prepares a long script
  ** one statement at a time); when lexing failed, the whole text, so that
  ** a NUL or a bad byte is named as such rather than as a bad token. */
  TokArray toks = {0};
  if (!parseLexStatement(&sParse, 0, &toks)) {
    TgError lexErr = *pErr;
    error_clear(pErr);
    if (parseCheckText(&sParse, nText)) *pErr = lexErr;
    return NULL;
  }
  const Token *pLast = toks.n ? &toks.a[toks.n - 1] : NULL;
  if (!parseCheckText(&sParse, pLast ? pLast->iOfst + (int)pLast->n : nText)) return NULL;
  if (toks.n && toks.a[toks.n - 1].tk == TK_SEMI) {
    *piTail = toks.a[toks.n - 1].iOfst + 1;
  }
  if (toks.n == 0 || (toks.n == 1 && toks.a[0].tk == TK_SEMI)) return NULL;
  if (parseUnsupportedCommand(&sParse, &toks)) return NULL;
  parseSettleLookahead(&toks);
  if (!parseTypeSpecs(&sParse, &toks)) return NULL;
  parseQuantifierNames(&toks);

  void *pEngine = tgParserAlloc(parseMalloc, &sParse);
  bool bSemi = false;
  for (uint32_t i = 0; i < toks.n && pErr->code == 0; i++) {
    /* Track relationship brackets (-[ ... ]) for error messages. */
    if (toks.a[i].tk == TK_LB && i > 0 && toks.a[i - 1].tk == TK_MINUS) sParse.iRelBracket++;
    tgParser(pEngine, toks.a[i].tk, toks.a[i]);
    if (toks.a[i].tk == TK_RB && sParse.iRelBracket > 0) sParse.iRelBracket--;
    sParse.iPrevEnd = toks.a[i].iOfst + (int32_t)toks.a[i].n;
    if (toks.a[i].tk == TK_SEMI) bSemi = true;
  }
  if (pErr->code == 0 && !bSemi) {
    Token semi = {";", 0, nText, TK_SEMI};
    tgParser(pEngine, TK_SEMI, semi);
  }
  if (pErr->code == 0) {
    Token eof = {"", 0, nText, 0};
    tgParser(pEngine, 0, eof);
  }
  tgParserFree(pEngine, tg_free);
  if (pErr->code) return NULL;
  if (sParse.pResult && !parseCheckBounds(&sParse, sParse.pResult)) return NULL;
  return sParse.pResult;
}

/* ---- Literal text -------------------------------------------------------- */


static int parseHexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Reads nDigit hex digits at z; -1 if they are not all hex. */
static int64_t parseHexRun(const char *z, const char *zEnd, int nDigit) {
  int64_t v = 0;
  for (int i = 0; i < nDigit; i++) {
    if (z + i >= zEnd) return -1;
    int d = parseHexDigit(z[i]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/*
** Decodes a quoted string token (quotes included) into arena memory.
** Returns false after reporting a bad escape at its position.
*/
static bool parseDecodeString(Parse *p, const Token *t, Value *pOut) {
  const char *z = t->z + 1;
  const char *zEnd = t->z + t->n - 1;
  char *zOut = arena_alloc(p->pArena, t->n + 1);
  uint32_t n = 0;
  while (z < zEnd) {
    if (*z != '\\') {
      zOut[n++] = *z++;
      continue;
    }
    const char *zEsc = z;
    z++;
    char c = *z++;
    switch (c) {
      case '\\': zOut[n++] = '\\'; break;
      case '\'': zOut[n++] = '\''; break;
      case '"': zOut[n++] = '"'; break;
      case 'b': case 'B': zOut[n++] = '\b'; break;
      case 'f': case 'F': zOut[n++] = '\f'; break;
      case 'n': case 'N': zOut[n++] = '\n'; break;
      case 'r': case 'R': zOut[n++] = '\r'; break;
      case 't': case 'T': zOut[n++] = '\t'; break;
      case 'u': case 'U': {
        int nDigit = c == 'u' ? 4 : 8;
        int64_t cp = parseHexRun(z, zEnd, nDigit);
        if (cp >= 0) z += nDigit;
        if (cp >= 0xD800 && cp <= 0xDBFF && c == 'u' && z + 1 < zEnd && z[0] == '\\' &&
            z[1] == 'u') {
          /* A UTF-16 surrogate pair written as two escapes. */
          int64_t lo = parseHexRun(z + 2, zEnd, 4);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            z += 6;
          }
        }
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          int nShow = (int)(z - zEsc) + (cp < 0 ? 1 : 0);
          char zBad[16];
          snprintf(zBad, sizeof(zBad), "%.*s", nShow > 10 ? 10 : nShow, zEsc);
          error_at(p->pErr, p->zText, (int)(zEsc - p->zText), ERR_INVALID_UNICODE_LITERAL, zBad);
          return false;
        }
        n += (uint32_t)utf8_encode((uint32_t)cp, zOut + n);
        break;
      }
      default:
        error_at(p->pErr, p->zText, (int)(zEsc - p->zText), ERR_SYNTAX,
                 "invalid escape sequence in a string");
        return false;
    }
  }
  zOut[n] = 0;
  *pOut = value_str(zOut, n);
  return true;
}

/* Decodes identifier text: backtick names lose their quotes and `` -> `. */
const char *ast_name(Parse *p, const Token *pTok, uint32_t *pn) {
  if (pTok->n >= 2 && pTok->z[0] == '`') {
    char *z = arena_alloc(p->pArena, pTok->n);
    uint32_t n = 0;
    for (uint32_t i = 1; i + 1 < pTok->n; i++) {
      z[n++] = pTok->z[i];
      if (pTok->z[i] == '`') i++;   /* `` stands for one backtick */
    }
    z[n] = 0;
    *pn = n;
    return z;
  }
  *pn = pTok->n;
  return arena_strndup(p->pArena, pTok->z, pTok->n);
}

/*
** Converts an integer token (decimal, 0x hex, 0o octal) to its magnitude.
** Returns 0 on success, 1 when it equals 2^63 (valid only negated), 2 when
** larger.
*/
static int parseIntMagnitude(const Token *t, uint64_t *pOut) {
  const char *z = t->z;
  uint32_t n = t->n;
  unsigned base = 10;
  if (n > 2 && z[0] == '0' && (z[1] == 'x' || z[1] == 'X')) {
    base = 16;
    z += 2;
    n -= 2;
  } else if (n > 2 && z[0] == '0' && z[1] == 'o') {
    base = 8;
    z += 2;
    n -= 2;
  }
  uint64_t v = 0;
  for (uint32_t i = 0; i < n; i++) {
    unsigned d = (unsigned)parseHexDigit(z[i]);
    if (v > (UINT64_MAX - d) / base) return 2;
    v = v * base + d;
  }
  *pOut = v;
  if (v == (uint64_t)1 << 63) return 1;
  return v > (uint64_t)INT64_MAX ? 2 : 0;
}

AstNode *ast_int(Parse *p, const Token *pTok) {
  AstNode *pNode = ast_new(p->pArena, AST_LITERAL, pTok->iOfst);
  uint64_t v = 0;
  int rc = parseIntMagnitude(pTok, &v);
  if (rc == 2) {
    char z[64];
    snprintf(z, sizeof(z), "%.*s", (int)TG_MIN(pTok->n, 60u), pTok->z);
    error_at(p->pErr, p->zText, pTok->iOfst, ERR_INTEGER_LITERAL_OVERFLOW, z);
    return pNode;
  }
  if (rc == 1) {
    pNode->flags |= AST_F_INT_MIN;
    pNode->lit = value_int(INT64_MIN);
  } else {
    pNode->lit = value_int((int64_t)v);
  }
  pNode->iEnd = pTok->iOfst + (int32_t)pTok->n;
  return pNode;
}

AstNode *ast_float(Parse *p, const Token *pTok) {
  AstNode *pNode = ast_new(p->pArena, AST_LITERAL, pTok->iOfst);
  char *z = arena_strndup(p->pArena, pTok->z, pTok->n);
  errno = 0;
  double f = strtod(z, NULL);
  if (isinf(f) || (errno == ERANGE && fabs(f) > 1.0)) {
    error_at(p->pErr, p->zText, pTok->iOfst, ERR_FLOAT_LITERAL_OVERFLOW, z);
  }
  pNode->lit = value_float(f);
  pNode->iEnd = pTok->iOfst + (int32_t)pTok->n;
  return pNode;
}

AstNode *ast_string(Parse *p, const Token *pTok) {
  AstNode *pNode = ast_new(p->pArena, AST_LITERAL, pTok->iOfst);
  Value v;
  if (parseDecodeString(p, pTok, &v)) pNode->lit = v;
  pNode->iEnd = pTok->iOfst + (int32_t)pTok->n;
  return pNode;
}

/* ---- Literal parser (parameters given as text) ------------------------- */

typedef struct LitParser {
  Parse *p;
  TokArray toks;
  uint32_t i;
  uint32_t nDepth;      /* lists and maps open around the current item */
} LitParser;

/* Lists and maps a literal may nest: the reader recurses once per level,
** so the input must not choose the depth. */
#define LIT_MAX_DEPTH 1000

static bool litValue(LitParser *lp, Value *pOut);

static const Token *litPeek(LitParser *lp) {
  static const Token eof = {"", 0, 0, 0};
  return lp->i < lp->toks.n ? &lp->toks.a[lp->i] : &eof;
}

static bool litFail(LitParser *lp) {
  const Token *t = litPeek(lp);
  if (t->tk == 0) {
    error_at(lp->p->pErr, lp->p->zText, lp->p->nText, ERR_SYNTAX_INCOMPLETE);
  } else {
    parse_syntax_error(lp->p, t);
  }
  return false;
}

static bool litValue(LitParser *lp, Value *pOut) {
  const Token *t = litPeek(lp);
  Arena *pA = lp->p->pArena;
  bool bNeg = false;
  if (t->tk == TK_MINUS) {
    bNeg = true;
    lp->i++;
    t = litPeek(lp);
  }
  switch (t->tk) {
    case TK_INTEGER: {
      uint64_t v = 0;
      int rc = parseIntMagnitude(t, &v);
      lp->i++;
      if (rc == 2 || (rc == 1 && !bNeg)) {
        char z[64];
        snprintf(z, sizeof(z), "%.*s", (int)TG_MIN(t->n, 60u), t->z);
        error_at(lp->p->pErr, lp->p->zText, t->iOfst, ERR_INTEGER_LITERAL_OVERFLOW, z);
        return false;
      }
      *pOut = value_int(rc == 1 ? INT64_MIN : bNeg ? -(int64_t)v : (int64_t)v);
      return true;
    }
    case TK_FLOAT: {
      AstNode *pNode = ast_float(lp->p, t);
      lp->i++;
      *pOut = value_float(bNeg ? -pNode->lit.u.f : pNode->lit.u.f);
      return lp->p->pErr->code == 0;
    }
    default:
      break;
  }
  if (bNeg) return litFail(lp);
  if (t->tk == TK_STRING) {
    lp->i++;
    return parseDecodeString(lp->p, t, pOut);
  }
  if (t->tk == TK_TRUE || t->tk == TK_FALSE || t->tk == TK_NULL) {
    lp->i++;
    *pOut = t->tk == TK_NULL ? value_null() : value_bool(t->tk == TK_TRUE);
    return true;
  }
  if (t->n == 3 && (memcmp(t->z, "NaN", 3) == 0)) {
    lp->i++;
    *pOut = value_float(NAN);
    return true;
  }
  if ((t->tk == TK_LB || t->tk == TK_LBRACE) && lp->nDepth >= LIT_MAX_DEPTH) {
    error_at(lp->p->pErr, lp->p->zText, t->iOfst, ERR_SYNTAX,
             "the value nests more than %d lists and maps deep here", LIT_MAX_DEPTH);
    return false;
  }
  if (t->tk == TK_LB) {
    lp->i++;
    VEC(Value) items = {0};
    if (litPeek(lp)->tk != TK_RB) {
      for (;;) {
        Value v;
        lp->nDepth++;
        bool bOk = litValue(lp, &v);
        lp->nDepth--;
        if (!bOk) {
          vec_free(&items);
          return false;
        }
        vec_push(&items, v);
        if (litPeek(lp)->tk == TK_COMMA) {
          lp->i++;
          continue;
        }
        break;
      }
    }
    if (litPeek(lp)->tk != TK_RB) {
      vec_free(&items);
      return litFail(lp);
    }
    lp->i++;
    *pOut = value_list_new(pA, items.n);
    if (items.n) memcpy(pOut->u.a, items.a, sizeof(Value) * items.n);
    vec_free(&items);
    value_seal_depth(pOut);   /* LIT_MAX_DEPTH keeps it within bounds */
    return true;
  }
  if (t->tk == TK_LBRACE) {
    lp->i++;
    VEC(MapEntry) entries = {0};
    if (litPeek(lp)->tk != TK_RBRACE) {
      for (;;) {
        const Token *k = litPeek(lp);
        if (!parseTokIsWord(k) && k->tk != TK_STRING) {
          vec_free(&entries);
          return litFail(lp);
        }
        lp->i++;
        MapEntry e;
        memset(&e, 0, sizeof(e));
        if (k->tk == TK_STRING) {
          Value vk;
          if (!parseDecodeString(lp->p, k, &vk)) {
            vec_free(&entries);
            return false;
          }
          e.zKey = vk.u.z;
          e.nKey = vk.n;
        } else {
          e.zKey = ast_name(lp->p, k, &e.nKey);
        }
        if (litPeek(lp)->tk != TK_COLON) {
          vec_free(&entries);
          return litFail(lp);
        }
        lp->i++;
        lp->nDepth++;
        bool bOk = litValue(lp, &e.v);
        lp->nDepth--;
        if (!bOk) {
          vec_free(&entries);
          return false;
        }
        vec_push(&entries, e);
        if (litPeek(lp)->tk == TK_COMMA) {
          lp->i++;
          continue;
        }
        break;
      }
    }
    if (litPeek(lp)->tk != TK_RBRACE) {
      vec_free(&entries);
      return litFail(lp);
    }
    lp->i++;
    *pOut = value_map_new(pA, entries.n);
    if (entries.n) memcpy(pOut->u.m, entries.a, sizeof(MapEntry) * entries.n);
    vec_free(&entries);
    value_seal_depth(pOut);
    return true;
  }
  return litFail(lp);
}

bool parse_literal(Arena *pArena, const char *zText, Value *pOut, TgError *pErr) {
  Parse sParse;
  memset(&sParse, 0, sizeof(sParse));
  sParse.pArena = pArena;
  sParse.zText = zText;
  sParse.nText = (int)strlen(zText);
  sParse.pErr = pErr;
  LitParser lp;
  memset(&lp, 0, sizeof(lp));
  lp.p = &sParse;
  if (!parseLexStatement(&sParse, 0, &lp.toks)) return false;
  if (lp.toks.n && lp.toks.a[lp.toks.n - 1].tk == TK_SEMI) lp.toks.n--;
  if (!litValue(&lp, pOut)) return false;
  if (lp.i != lp.toks.n) return litFail(&lp);
  return true;
}
