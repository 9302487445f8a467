/*
** tck_value.c — the TCK runner's value trees (see tck_value.h): a parser
** for the expected-value notation of feature files, conversion of engine
** results through the public API, structural comparison and formatting.
**
** The expected notation is Cypher's literal syntax plus nodes "(:L {k: v})",
** relationships "[:T {k: v}]" and paths "<(a)-[:T]->(b)<-[:S]-(c)>", and
** the floats NaN, Inf and -Inf. Numbers with '.', an exponent, or one of
** those names are floats; all others are integers.
*/
#include "tck_value.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "tck_util.h"

/* ======================================================================
** Types
** ==================================================================== */

/* State of the expected-value parser: a cursor into the text. */
typedef struct TckValueParser {
  const char *zText;  /* the whole text, for messages */
  const char *z;      /* the cursor */
  char *zErr;         /* first error (tg_malloc'd) */
} TckValueParser;

/* Path relationship directions (TckValue.b of a REL item in a PATH). */
#define TCKV_DIR_FORWARD 0   /* -[...]->  */
#define TCKV_DIR_BACKWARD 1  /* <-[...]-  */
#define TCKV_DIR_EITHER 2    /* a self-loop read from the engine */
#define TCKV_DIR_BROKEN 3    /* engine path whose ids do not connect */

static TckValue *tckValueParseAny(TckValueParser *p);

/* ======================================================================
** Construction helpers
** ==================================================================== */

static TckValue *tckValueNew(TckValueType eType) {
  TckValue *p = tg_calloc(1, sizeof(TckValue));
  p->eType = eType;
  p->iId = p->iStart = p->iEnd = -1;
  return p;
}

/* Appends an item (and, for maps, its key, which the value takes over). */
static void tckValueAddItem(TckValue *p, char *zKey, TckValue *pItem) {
  vec_push(&p->aItem, pItem);
  if (zKey) vec_push(&p->aKey, zKey);
}

/* Appends a label to a node (the string is taken over). */
static void tckValueAddLabel(TckValue *p, char *zLabel) {
  vec_push(&p->aKey, zLabel);
}

/* Frees a value tree (see tck_value.h). */
void tck_value_free(TckValue *p) {
  if (p == NULL) return;
  for (uint32_t i = 0; i < p->aItem.n; i++) tck_value_free(p->aItem.a[i]);
  for (uint32_t i = 0; i < p->aKey.n; i++) tg_free(p->aKey.a[i]);
  vec_free(&p->aItem);
  vec_free(&p->aKey);
  tg_free(p->z);
  tg_free(p);
}

/* ======================================================================
** Parsing expected values
** ==================================================================== */

/* Records the first error with the offending position. Returns NULL. */
static TckValue *tckValueParseError(TckValueParser *p, const char *zWhat) {
  if (p->zErr == NULL) {
    StrBuf b = {0};
    strbuf_printf(&b, "%s at offset %d in %s", zWhat, (int)(p->z - p->zText), p->zText);
    p->zErr = strbuf_detach(&b);
  }
  return NULL;
}

/* Skips white space at the cursor. */
static void tckValueSkipSpace(TckValueParser *p) {
  while (isspace((unsigned char)*p->z)) p->z++;
}

/* Consumes c (after spaces) and returns 1, or returns 0. */
static int tckValueEat(TckValueParser *p, char c) {
  tckValueSkipSpace(p);
  if (*p->z != c) return 0;
  p->z++;
  return 1;
}

/* True for bytes that may appear in an unquoted name (UTF-8 included). */
static int tckValueIsNameChar(unsigned char c) {
  return isalnum(c) || c == '_' || c >= 0x80;
}

/* If the cursor is at word w (not followed by a name character), eats it. */
static int tckValueEatWord(TckValueParser *p, const char *zWord) {
  size_t n = strlen(zWord);
  if (strncmp(p->z, zWord, n) == 0 && !tckValueIsNameChar((unsigned char)p->z[n])) {
    p->z += n;
    return 1;
  }
  return 0;
}

/*
** Parses a name: an identifier or a `backtick quoted` one (`` is a
** backtick). Returns a tg_malloc'd string, or NULL on error.
*/
static char *tckValueParseName(TckValueParser *p) {
  tckValueSkipSpace(p);
  if (*p->z == '`') {
    StrBuf b = {0};
    strbuf_puts(&b, "");
    p->z++;
    for (;;) {
      if (*p->z == 0) {
        strbuf_free(&b);
        tckValueParseError(p, "unterminated `name`");
        return NULL;
      }
      if (p->z[0] == '`' && p->z[1] == '`') {
        strbuf_putc(&b, '`');
        p->z += 2;
      } else if (*p->z == '`') {
        p->z++;
        return strbuf_detach(&b);
      } else {
        strbuf_putc(&b, *p->z++);
      }
    }
  }
  const char *zStart = p->z;
  while (tckValueIsNameChar((unsigned char)*p->z)) p->z++;
  if (p->z == zStart) {
    tckValueParseError(p, "expected a name");
    return NULL;
  }
  return tg_strndup(zStart, (size_t)(p->z - zStart));
}

/*
** string ::= '...' | "..." with Cypher's backslash escapes (\\ \' \" \n
** \t \r \b \f \uXXXX \UXXXXXXXX). An unknown escape keeps its backslash.
*/
static TckValue *tckValueParseString(TckValueParser *p) {
  char cQuote = *p->z++;
  StrBuf b = {0};
  strbuf_puts(&b, "");
  for (;;) {
    char c = *p->z;
    if (c == 0) {
      strbuf_free(&b);
      return tckValueParseError(p, "unterminated string");
    }
    p->z++;
    if (c == cQuote) break;
    if (c != '\\') {
      strbuf_putc(&b, c);
      continue;
    }
    char e = *p->z;
    if (e == 0) continue;
    p->z++;
    switch (e) {
      case '\\': strbuf_putc(&b, '\\'); break;
      case '\'': strbuf_putc(&b, '\''); break;
      case '"': strbuf_putc(&b, '"'); break;
      case 'n': strbuf_putc(&b, '\n'); break;
      case 't': strbuf_putc(&b, '\t'); break;
      case 'r': strbuf_putc(&b, '\r'); break;
      case 'b': strbuf_putc(&b, '\b'); break;
      case 'f': strbuf_putc(&b, '\f'); break;
      case 'u':
      case 'U': {
        int nHex = e == 'u' ? 4 : 8;
        unsigned long cp = 0;
        int k = 0;
        for (; k < nHex && isxdigit((unsigned char)p->z[k]); k++) {
          char h = p->z[k];
          cp = cp * 16 + (unsigned long)(isdigit((unsigned char)h) ? h - '0' : (tolower(h) - 'a' + 10));
        }
        if (k == nHex) {
          char aUtf8[4];
          strbuf_append(&b, aUtf8, (size_t)utf8_encode((uint32_t)cp, aUtf8));
          p->z += nHex;
        } else {
          strbuf_putc(&b, '\\');
          strbuf_putc(&b, e);
        }
        break;
      }
      default:
        strbuf_putc(&b, '\\');
        strbuf_putc(&b, e);
        break;
    }
  }
  TckValue *pVal = tckValueNew(TCKV_STRING);
  pVal->nZ = (int)b.n;
  pVal->z = strbuf_detach(&b);
  return pVal;
}

/* number ::= [-] digits [. digits] [e [+-] digits]; Inf and NaN handled by the caller. */
static TckValue *tckValueParseNumber(TckValueParser *p) {
  const char *zStart = p->z;
  const char *z = p->z;
  int bFloat = 0;
  if (*z == '-' || *z == '+') z++;
  if (!isdigit((unsigned char)*z) && !(*z == '.' && isdigit((unsigned char)z[1]))) {
    return tckValueParseError(p, "expected a number");
  }
  while (isdigit((unsigned char)*z)) z++;
  if (*z == '.' && isdigit((unsigned char)z[1])) {
    bFloat = 1;
    z++;
    while (isdigit((unsigned char)*z)) z++;
  }
  if ((*z == 'e' || *z == 'E') &&
      (isdigit((unsigned char)z[1]) || ((z[1] == '-' || z[1] == '+') && isdigit((unsigned char)z[2])))) {
    bFloat = 1;
    z += 2;
    while (isdigit((unsigned char)*z)) z++;
  }
  char *zNum = tg_strndup(zStart, (size_t)(z - zStart));
  TckValue *pVal;
  errno = 0;
  if (bFloat) {
    pVal = tckValueNew(TCKV_FLOAT);
    pVal->r = strtod(zNum, NULL);
  } else {
    pVal = tckValueNew(TCKV_INT);
    pVal->i = strtoll(zNum, NULL, 10);
    if (errno == ERANGE) {
      tg_free(zNum);
      tck_value_free(pVal);
      return tckValueParseError(p, "integer out of range");
    }
  }
  tg_free(zNum);
  p->z = z;
  return pVal;
}

/* map ::= '{' [name ':' value {',' name ':' value}] '}'  (cursor on '{') */
static TckValue *tckValueParseMap(TckValueParser *p) {
  p->z++;
  TckValue *pMap = tckValueNew(TCKV_MAP);
  if (tckValueEat(p, '}')) return pMap;
  do {
    tckValueSkipSpace(p);
    char *zKey;
    if (*p->z == '\'' || *p->z == '"') {
      TckValue *pKey = tckValueParseString(p);
      if (pKey == NULL) break;
      zKey = pKey->z;
      pKey->z = NULL;
      tck_value_free(pKey);
    } else {
      zKey = tckValueParseName(p);
      if (zKey == NULL) break;
    }
    if (!tckValueEat(p, ':')) {
      tg_free(zKey);
      tckValueParseError(p, "expected ':' in map");
      break;
    }
    TckValue *pItem = tckValueParseAny(p);
    if (pItem == NULL) {
      tg_free(zKey);
      break;
    }
    tckValueAddItem(pMap, zKey, pItem);
  } while (tckValueEat(p, ','));
  if (p->zErr == NULL && !tckValueEat(p, '}')) tckValueParseError(p, "expected '}'");
  if (p->zErr) {
    tck_value_free(pMap);
    return NULL;
  }
  return pMap;
}

/* Parses an optional property map; gives an empty MAP when there is none. */
static TckValue *tckValueParseProps(TckValueParser *p) {
  tckValueSkipSpace(p);
  if (*p->z == '{') return tckValueParseMap(p);
  return tckValueNew(TCKV_MAP);
}

/* Skips an optional variable name in a node or relationship pattern. */
static void tckValueSkipVariable(TckValueParser *p) {
  tckValueSkipSpace(p);
  while (tckValueIsNameChar((unsigned char)*p->z)) p->z++;
}

/* node ::= '(' [var] {':' label} [map] ')'  (cursor on '(') */
static TckValue *tckValueParseNode(TckValueParser *p) {
  p->z++;
  TckValue *pNode = tckValueNew(TCKV_NODE);
  tckValueSkipVariable(p);
  while (tckValueEat(p, ':')) {
    char *zLabel = tckValueParseName(p);
    if (zLabel == NULL) break;
    tckValueAddLabel(pNode, zLabel);
  }
  if (p->zErr == NULL) {
    TckValue *pProps = tckValueParseProps(p);
    if (pProps) tckValueAddItem(pNode, NULL, pProps);
  }
  if (p->zErr == NULL && !tckValueEat(p, ')')) tckValueParseError(p, "expected ')' after node");
  if (p->zErr) {
    tck_value_free(pNode);
    return NULL;
  }
  return pNode;
}

/* relationship ::= '[' [var] ':' type [map] ']'  (cursor on '[') */
static TckValue *tckValueParseRel(TckValueParser *p) {
  p->z++;
  TckValue *pRel = tckValueNew(TCKV_REL);
  tckValueSkipVariable(p);
  if (!tckValueEat(p, ':')) {
    tck_value_free(pRel);
    return tckValueParseError(p, "expected ':' and a relationship type");
  }
  pRel->z = tckValueParseName(p);
  if (pRel->z) {
    pRel->nZ = (int)strlen(pRel->z);
    TckValue *pProps = tckValueParseProps(p);
    if (pProps) tckValueAddItem(pRel, NULL, pProps);
  }
  if (p->zErr == NULL && !tckValueEat(p, ']')) {
    tckValueParseError(p, "expected ']' after relationship");
  }
  if (p->zErr) {
    tck_value_free(pRel);
    return NULL;
  }
  return pRel;
}

/* Is the cursor (on '[') at a relationship rather than a list? */
static int tckValueAtRel(const TckValueParser *p) {
  const char *z = p->z + 1;
  while (isspace((unsigned char)*z)) z++;
  if (*z == ':') return 1;
  /* "[r:T]" — a variable then a type. */
  if (isalpha((unsigned char)*z) || *z == '_') {
    while (tckValueIsNameChar((unsigned char)*z)) z++;
    while (isspace((unsigned char)*z)) z++;
    return *z == ':';
  }
  return 0;
}

/*
** path ::= '<' node { ( '-' rel '->' | '<-' rel '-' ) node } '>'
** (cursor on '<')
*/
static TckValue *tckValueParsePath(TckValueParser *p) {
  p->z++;
  TckValue *pPath = tckValueNew(TCKV_PATH);
  tckValueSkipSpace(p);
  TckValue *pNode = *p->z == '(' ? tckValueParseNode(p) : tckValueParseError(p, "expected a node");
  if (pNode) tckValueAddItem(pPath, NULL, pNode);
  while (p->zErr == NULL) {
    tckValueSkipSpace(p);
    if (*p->z == '>') {
      p->z++;
      break;
    }
    int bBackward = 0;
    if (p->z[0] == '<' && p->z[1] == '-') {
      bBackward = 1;
      p->z += 2;
    } else if (p->z[0] == '-') {
      p->z++;
    } else {
      tckValueParseError(p, "expected '-', '<-' or '>' in path");
      break;
    }
    tckValueSkipSpace(p);
    if (*p->z != '[') {
      tckValueParseError(p, "expected '[' in path");
      break;
    }
    TckValue *pRel = tckValueParseRel(p);
    if (pRel == NULL) break;
    pRel->b = bBackward ? TCKV_DIR_BACKWARD : TCKV_DIR_FORWARD;
    tckValueAddItem(pPath, NULL, pRel);
    tckValueSkipSpace(p);
    if (bBackward ? (p->z[0] != '-') : (p->z[0] != '-' || p->z[1] != '>')) {
      tckValueParseError(p, bBackward ? "expected '-' after relationship" : "expected '->'");
      break;
    }
    p->z += bBackward ? 1 : 2;
    tckValueSkipSpace(p);
    pNode = *p->z == '(' ? tckValueParseNode(p) : tckValueParseError(p, "expected a node");
    if (pNode == NULL) break;
    tckValueAddItem(pPath, NULL, pNode);
  }
  if (p->zErr) {
    tck_value_free(pPath);
    return NULL;
  }
  return pPath;
}

/* list ::= '[' [value {',' value}] ']'  (cursor on '[') */
static TckValue *tckValueParseList(TckValueParser *p) {
  p->z++;
  TckValue *pList = tckValueNew(TCKV_LIST);
  if (tckValueEat(p, ']')) return pList;
  do {
    TckValue *pItem = tckValueParseAny(p);
    if (pItem == NULL) break;
    tckValueAddItem(pList, NULL, pItem);
  } while (tckValueEat(p, ','));
  if (p->zErr == NULL && !tckValueEat(p, ']')) tckValueParseError(p, "expected ']'");
  if (p->zErr) {
    tck_value_free(pList);
    return NULL;
  }
  return pList;
}

/* value ::= null | true | false | number | NaN | Inf | string | list | map | node | rel | path */
static TckValue *tckValueParseAny(TckValueParser *p) {
  tckValueSkipSpace(p);
  char c = *p->z;
  TckValue *pVal;
  if (tckValueEatWord(p, "null")) return tckValueNew(TCKV_NULL);
  if (tckValueEatWord(p, "true")) {
    pVal = tckValueNew(TCKV_BOOL);
    pVal->b = 1;
    return pVal;
  }
  if (tckValueEatWord(p, "false")) return tckValueNew(TCKV_BOOL);
  if (tckValueEatWord(p, "NaN")) {
    pVal = tckValueNew(TCKV_FLOAT);
    pVal->r = NAN;
    return pVal;
  }
  if (tckValueEatWord(p, "Inf") || tckValueEatWord(p, "Infinity") || tckValueEatWord(p, "-Inf") ||
      tckValueEatWord(p, "-Infinity")) {
    pVal = tckValueNew(TCKV_FLOAT);
    pVal->r = c == '-' ? -INFINITY : INFINITY;
    return pVal;
  }
  switch (c) {
    case '\'':
    case '"': return tckValueParseString(p);
    case '{': return tckValueParseMap(p);
    case '(': return tckValueParseNode(p);
    case '<': return tckValueParsePath(p);
    case '[': return tckValueAtRel(p) ? tckValueParseRel(p) : tckValueParseList(p);
    default: break;
  }
  if (c == '-' || c == '+' || c == '.' || isdigit((unsigned char)c)) return tckValueParseNumber(p);
  return tckValueParseError(p, "unexpected text");
}

/* Parses a whole cell: one value and nothing after it (see tck_value.h). */
TckValue *tck_value_parse(const char *zText, char **pzErr) {
  TckValueParser p = {zText, zText, NULL};
  TckValue *pVal = tckValueParseAny(&p);
  if (pVal) {
    tckValueSkipSpace(&p);
    if (*p.z != 0) {
      tck_value_free(pVal);
      pVal = tckValueParseError(&p, "unexpected text after the value");
    }
  }
  if (pVal == NULL) {
    if (pzErr) {
      *pzErr = p.zErr;
      p.zErr = NULL;
    }
  }
  tg_free(p.zErr);
  return pVal;
}

/* ======================================================================
** Conversion from engine values
** ==================================================================== */

/* Reads an entity's properties into a new MAP. */
static TckValue *tckValueApiProps(tg_db *pDb, const tg_value *pEntity) {
  TckValue *pMap = tckValueNew(TCKV_MAP);
  int n = tg_entity_prop_count(pDb, pEntity);
  for (int i = 0; i < n; i++) {
    const char *zKey = tg_entity_prop_key(pDb, pEntity, i);
    const tg_value *pItem = tg_entity_prop_value(pDb, pEntity, i);
    tckValueAddItem(pMap, tck_strdup(zKey ? zKey : "?"), tck_value_from_api(pDb, pItem));
  }
  return pMap;
}

/*
** Converts an engine value through tangle.h accessors (see tck_value.h).
** Temporal values become TEMPORAL with the ISO text of tg_value_format().
*/
TckValue *tck_value_from_api(tg_db *pDb, const tg_value *pVal) {
  if (pVal == NULL) return tckValueNew(TCKV_NULL);
  int eType = tg_value_type(pVal);
  TckValue *p;
  switch (eType) {
    case TG_NULL: return tckValueNew(TCKV_NULL);
    case TG_BOOL:
      p = tckValueNew(TCKV_BOOL);
      p->b = tg_value_bool(pVal) != 0;
      return p;
    case TG_INT:
      p = tckValueNew(TCKV_INT);
      p->i = tg_value_int(pVal);
      return p;
    case TG_FLOAT:
      p = tckValueNew(TCKV_FLOAT);
      p->r = tg_value_double(pVal);
      return p;
    case TG_STRING: {
      int n = 0;
      const char *z = tg_value_text(pVal, &n);
      p = tckValueNew(TCKV_STRING);
      p->z = tg_strndup(z ? z : "", z ? (size_t)n : 0);
      p->nZ = z ? n : 0;
      return p;
    }
    case TG_LIST: {
      p = tckValueNew(TCKV_LIST);
      int n = tg_value_size(pVal);
      for (int i = 0; i < n; i++) tckValueAddItem(p, NULL, tck_value_from_api(pDb, tg_value_item(pVal, i)));
      return p;
    }
    case TG_MAP: {
      p = tckValueNew(TCKV_MAP);
      int n = tg_value_size(pVal);
      for (int i = 0; i < n; i++) {
        const char *zKey = tg_value_key(pVal, i);
        tckValueAddItem(p, tck_strdup(zKey ? zKey : "?"), tck_value_from_api(pDb, tg_value_item(pVal, i)));
      }
      return p;
    }
    case TG_NODE: {
      p = tckValueNew(TCKV_NODE);
      p->iId = tg_value_id(pVal);
      int n = tg_node_label_count(pDb, pVal);
      for (int i = 0; i < n; i++) {
        const char *zLabel = tg_node_label(pDb, pVal, i);
        tckValueAddLabel(p, tck_strdup(zLabel ? zLabel : "?"));
      }
      tckValueAddItem(p, NULL, tckValueApiProps(pDb, pVal));
      return p;
    }
    case TG_RELATIONSHIP: {
      p = tckValueNew(TCKV_REL);
      const char *zType = tg_rel_type(pDb, pVal);
      p->z = tck_strdup(zType ? zType : "?");
      p->nZ = (int)strlen(p->z);
      p->iId = tg_value_id(pVal);
      p->iStart = tg_rel_start(pDb, pVal);
      p->iEnd = tg_rel_end(pDb, pVal);
      tckValueAddItem(p, NULL, tckValueApiProps(pDb, pVal));
      return p;
    }
    case TG_PATH: {
      p = tckValueNew(TCKV_PATH);
      int n = tg_value_size(pVal);
      for (int i = 0; i < n; i++) tckValueAddItem(p, NULL, tck_value_from_api(pDb, tg_value_item(pVal, i)));
      /* Each relationship's direction relative to the walk. */
      for (uint32_t i = 1; i + 1 < p->aItem.n; i += 2) {
        TckValue *pRel = p->aItem.a[i];
        if (pRel->eType != TCKV_REL) continue;
        int64_t iPrev = p->aItem.a[i - 1]->iId, iNext = p->aItem.a[i + 1]->iId;
        if (pRel->iStart == pRel->iEnd && pRel->iStart == iPrev && iPrev == iNext) {
          pRel->b = TCKV_DIR_EITHER;
        } else if (pRel->iStart == iPrev && pRel->iEnd == iNext) {
          pRel->b = TCKV_DIR_FORWARD;
        } else if (pRel->iStart == iNext && pRel->iEnd == iPrev) {
          pRel->b = TCKV_DIR_BACKWARD;
        } else {
          pRel->b = TCKV_DIR_BROKEN;
        }
      }
      return p;
    }
    default: {
      /* Temporal values compare by their ISO text. */
      char *z = tg_value_format(pDb, pVal);
      const char *zText = z ? z : "";
      size_t n = strlen(zText);
      if (n >= 2 && (zText[0] == '\'' || zText[0] == '"') && zText[n - 1] == zText[0]) {
        zText++;
        n -= 2;
      }
      p = tckValueNew(TCKV_TEMPORAL);
      p->z = tg_strndup(zText, n);
      p->nZ = (int)n;
      p->iTemporal = eType;
      tg_free(z);
      return p;
    }
  }
}

/* ======================================================================
** Comparison
** ==================================================================== */

/* Compares two maps: same keys, matching values. */
static int tckValueMapEqual(const TckValue *pExp, const TckValue *pAct, int mFlags) {
  if (pExp->aItem.n != pAct->aItem.n) return 0;
  for (uint32_t i = 0; i < pExp->aItem.n; i++) {
    int bFound = 0;
    for (uint32_t j = 0; j < pAct->aItem.n; j++) {
      if (strcmp(pExp->aKey.a[i], pAct->aKey.a[j]) == 0) {
        if (!tck_value_equal(pExp->aItem.a[i], pAct->aItem.a[j], mFlags)) return 0;
        bFound = 1;
        break;
      }
    }
    if (!bFound) return 0;
  }
  return 1;
}

/* The property MAP of a node or relationship (an empty one if missing). */
static const TckValue *tckValueProps(const TckValue *p) {
  static const TckValue emptyMap = {.eType = TCKV_MAP, .iId = -1, .iStart = -1, .iEnd = -1};
  return p->aItem.n > 0 ? p->aItem.a[0] : &emptyMap;
}

/*
** Compares two lists as multisets. Matching is an equivalence here, so a
** greedy assignment of each expected item to the first unused equal
** actual item finds a complete matching whenever one exists.
*/
static int tckValueBagEqual(const TckValue *pExp, const TckValue *pAct, int mFlags) {
  if (pExp->aItem.n != pAct->aItem.n) return 0;
  char *aUsed = tg_calloc((size_t)pAct->aItem.n + 1, 1);
  int bOk = 1;
  for (uint32_t i = 0; i < pExp->aItem.n && bOk; i++) {
    bOk = 0;
    for (uint32_t j = 0; j < pAct->aItem.n; j++) {
      if (!aUsed[j] && tck_value_equal(pExp->aItem.a[i], pAct->aItem.a[j], mFlags)) {
        aUsed[j] = 1;
        bOk = 1;
        break;
      }
    }
  }
  tg_free(aUsed);
  return bOk;
}

/* Structural comparison of expected and actual values (see tck_value.h). */
int tck_value_equal(const TckValue *pExp, const TckValue *pAct, int mFlags) {
  if (pExp->eType == TCKV_STRING && pAct->eType == TCKV_TEMPORAL) {
    return pExp->nZ == pAct->nZ && memcmp(pExp->z, pAct->z, (size_t)pExp->nZ) == 0;
  }
  if ((mFlags & TCKV_CMP_NUMERIC) && pExp->eType != pAct->eType &&
      (pExp->eType == TCKV_INT || pExp->eType == TCKV_FLOAT) &&
      (pAct->eType == TCKV_INT || pAct->eType == TCKV_FLOAT)) {
    double a = pExp->eType == TCKV_INT ? (double)pExp->i : pExp->r;
    double b = pAct->eType == TCKV_INT ? (double)pAct->i : pAct->r;
    return a == b;
  }
  if (pExp->eType != pAct->eType) return 0;
  switch (pExp->eType) {
    case TCKV_NULL: return 1;
    case TCKV_BOOL: return (pExp->b != 0) == (pAct->b != 0);
    case TCKV_INT: return pExp->i == pAct->i;
    case TCKV_FLOAT: return (isnan(pExp->r) && isnan(pAct->r)) || pExp->r == pAct->r;
    case TCKV_STRING:
    case TCKV_TEMPORAL:
      return pExp->nZ == pAct->nZ && memcmp(pExp->z, pAct->z, (size_t)pExp->nZ) == 0;
    case TCKV_LIST:
      if (mFlags & TCKV_CMP_LIST_UNORDERED) return tckValueBagEqual(pExp, pAct, mFlags);
      if (pExp->aItem.n != pAct->aItem.n) return 0;
      for (uint32_t i = 0; i < pExp->aItem.n; i++) {
        if (!tck_value_equal(pExp->aItem.a[i], pAct->aItem.a[i], mFlags)) return 0;
      }
      return 1;
    case TCKV_MAP: return tckValueMapEqual(pExp, pAct, mFlags);
    case TCKV_NODE:
      if (pExp->aKey.n != pAct->aKey.n) return 0;
      for (uint32_t i = 0; i < pExp->aKey.n; i++) {
        int bFound = 0;
        for (uint32_t j = 0; j < pAct->aKey.n && !bFound; j++) bFound = strcmp(pExp->aKey.a[i], pAct->aKey.a[j]) == 0;
        if (!bFound) return 0;
      }
      return tckValueMapEqual(tckValueProps(pExp), tckValueProps(pAct), mFlags);
    case TCKV_REL:
      if (strcmp(pExp->z, pAct->z) != 0) return 0;
      return tckValueMapEqual(tckValueProps(pExp), tckValueProps(pAct), mFlags);
    case TCKV_PATH:
      if (pExp->aItem.n != pAct->aItem.n) return 0;
      for (uint32_t i = 0; i < pExp->aItem.n; i++) {
        const TckValue *pE = pExp->aItem.a[i], *pA = pAct->aItem.a[i];
        if (!tck_value_equal(pE, pA, mFlags)) return 0;
        if (pE->eType == TCKV_REL && pA->b != TCKV_DIR_EITHER && pE->b != pA->b) return 0;
      }
      return 1;
  }
  return 0;
}

/* ======================================================================
** Formatting
** ==================================================================== */

/* Appends a string in single quotes with TCK escapes. */
static void tckValueFormatString(StrBuf *pBuf, const char *z, int n) {
  strbuf_putc(pBuf, '\'');
  for (int i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    switch (c) {
      case '\\': strbuf_puts(pBuf, "\\\\"); break;
      case '\'': strbuf_puts(pBuf, "\\'"); break;
      case '\n': strbuf_puts(pBuf, "\\n"); break;
      case '\t': strbuf_puts(pBuf, "\\t"); break;
      case '\r': strbuf_puts(pBuf, "\\r"); break;
      default:
        if (c < 0x20) {
          strbuf_printf(pBuf, "\\u%04x", c);
        } else {
          strbuf_putc(pBuf, (char)c);
        }
    }
  }
  strbuf_putc(pBuf, '\'');
}

/* Appends a name, in backticks unless it is a plain identifier. */
static void tckValueFormatName(StrBuf *pBuf, const char *z) {
  int bPlain = *z != 0 && !isdigit((unsigned char)*z);
  for (const char *zc = z; *zc && bPlain; zc++) bPlain = tckValueIsNameChar((unsigned char)*zc);
  if (bPlain) {
    strbuf_puts(pBuf, z);
    return;
  }
  strbuf_putc(pBuf, '`');
  for (; *z; z++) {
    if (*z == '`') strbuf_putc(pBuf, '`');
    strbuf_putc(pBuf, *z);
  }
  strbuf_putc(pBuf, '`');
}

/* Appends " {k: v, ...}" for a non-empty property map. */
static void tckValueFormatProps(StrBuf *pBuf, const TckValue *pEntity) {
  const TckValue *pMap = tckValueProps(pEntity);
  if (pMap->aItem.n == 0) return;
  strbuf_putc(pBuf, ' ');
  tck_value_format(pBuf, pMap);
}

/* Appends a float so that it reads back as the same double, with a '.'
** or an exponent so that it cannot be mistaken for an integer. */
static void tckValueFormatFloat(StrBuf *pBuf, double r) {
  if (isnan(r)) {
    strbuf_puts(pBuf, "NaN");
    return;
  }
  if (isinf(r)) {
    strbuf_puts(pBuf, r < 0 ? "-Inf" : "Inf");
    return;
  }
  char a[40];
  snprintf(a, sizeof(a), "%.15g", r);
  if (strtod(a, NULL) != r) snprintf(a, sizeof(a), "%.17g", r);
  strbuf_puts(pBuf, a);
  if (strpbrk(a, ".e") == NULL) strbuf_puts(pBuf, ".0");
}

/* Appends a value in the notation of expected cells (see tck_value.h). */
void tck_value_format(StrBuf *pBuf, const TckValue *p) {
  switch (p->eType) {
    case TCKV_NULL: strbuf_puts(pBuf, "null"); break;
    case TCKV_BOOL: strbuf_puts(pBuf, p->b ? "true" : "false"); break;
    case TCKV_INT: strbuf_printf(pBuf, "%lld", (long long)p->i); break;
    case TCKV_FLOAT: tckValueFormatFloat(pBuf, p->r); break;
    case TCKV_STRING: tckValueFormatString(pBuf, p->z, p->nZ); break;
    case TCKV_TEMPORAL:
      strbuf_printf(pBuf, "%s ", tg_type_name(p->iTemporal));
      tckValueFormatString(pBuf, p->z, p->nZ);
      break;
    case TCKV_LIST:
      strbuf_putc(pBuf, '[');
      for (uint32_t i = 0; i < p->aItem.n; i++) {
        if (i) strbuf_puts(pBuf, ", ");
        tck_value_format(pBuf, p->aItem.a[i]);
      }
      strbuf_putc(pBuf, ']');
      break;
    case TCKV_MAP:
      strbuf_putc(pBuf, '{');
      for (uint32_t i = 0; i < p->aItem.n; i++) {
        if (i) strbuf_puts(pBuf, ", ");
        tckValueFormatName(pBuf, p->aKey.a[i]);
        strbuf_puts(pBuf, ": ");
        tck_value_format(pBuf, p->aItem.a[i]);
      }
      strbuf_putc(pBuf, '}');
      break;
    case TCKV_NODE:
      strbuf_putc(pBuf, '(');
      for (uint32_t i = 0; i < p->aKey.n; i++) {
        strbuf_putc(pBuf, ':');
        tckValueFormatName(pBuf, p->aKey.a[i]);
      }
      if (p->aKey.n == 0 && tckValueProps(p)->aItem.n > 0) {
        tck_value_format(pBuf, tckValueProps(p));
      } else {
        tckValueFormatProps(pBuf, p);
      }
      strbuf_putc(pBuf, ')');
      break;
    case TCKV_REL:
      strbuf_puts(pBuf, "[:");
      tckValueFormatName(pBuf, p->z);
      tckValueFormatProps(pBuf, p);
      strbuf_putc(pBuf, ']');
      break;
    case TCKV_PATH:
      strbuf_putc(pBuf, '<');
      for (uint32_t i = 0; i < p->aItem.n; i++) {
        const TckValue *pItem = p->aItem.a[i];
        if (pItem->eType != TCKV_REL) {
          tck_value_format(pBuf, pItem);
          continue;
        }
        strbuf_puts(pBuf, pItem->b == TCKV_DIR_BACKWARD ? "<-" : "-");
        tck_value_format(pBuf, pItem);
        strbuf_puts(pBuf, pItem->b == TCKV_DIR_BACKWARD ? "-"
                           : pItem->b == TCKV_DIR_BROKEN ? "-?"
                                                        : "->");
      }
      strbuf_putc(pBuf, '>');
      break;
  }
}
