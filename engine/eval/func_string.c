/*
** func_string.c — the string functions: toUpper(), toLower(), trim(),
** ltrim(), rtrim(), substring(), left(), right(), split() and replace().
**
** Strings are indexed by Unicode code point, never by byte, and no
** function splits a UTF-8 sequence (utf8.h). "Whitespace" is the Unicode
** White_Space property. Case mapping is full and language-independent
** (toUpper('straße') = 'STRASSE'). reverse() and size(), which take
** strings as well as lists, live in func_list.c; toString() in
** func_convert.c.
**
** Null handling follows Neo4j: a null string gives null (the registry
** does that through FUNCF_NULL_IN_NULL_OUT where every argument behaves
** so), but substring(), left() and right() of a non-null string raise a
** type error for a null position or length, because a missing number
** there is a query mistake.
** Results are allocated in pCtx->pArena.
*/
#include <stdio.h>

#include "eval/func.h"
#include "syntax/ast.h"
#include "base/utf8.h"

/* ---- Errors and argument checks ------------------------------------------ */

/* True if p is a string; otherwise raises a type error naming zArg. */
static bool funcStringArgIsString(FuncCtx *pCtx, const char *zFunc, const char *zArg,
                                  const Value *p) {
  if (p->type == VAL_STRING) return true;
  func_type_error(pCtx, zFunc, zArg, "a STRING", p);
  return false;
}

/*
** Reads a non-negative integer argument (a position or a length) into
** *piOut. A value of another type, null included, is a type error; a
** negative one an ArgumentError (NegativeIntegerArgument).
*/
static bool funcStringArgCount(FuncCtx *pCtx, const char *zFunc, const char *zArg,
                               const Value *p, int64_t *piOut) {
  if (p->type != VAL_INT) {
    func_type_error(pCtx, zFunc, zArg, "an INTEGER", p);
    return false;
  }
  if (p->u.i < 0) {
    char zWhat[80];
    snprintf(zWhat, sizeof(zWhat), "%s() %s", zFunc, zArg);
    func_error(pCtx, ERR_NEGATIVE_INTEGER_ARGUMENT, zWhat);
    return false;
  }
  *piOut = p->u.i;
  return true;
}

/* Sets *pOut to the string z[0..n), which must already be in the arena (or
** borrowed from an argument, which lives at least as long). */
static void funcStringResult(Value *pOut, const char *z, size_t n) {
  *pOut = value_str(z, (uint32_t)n);
}

/* Sets *pOut to a copy of z[0..n) in the arena. Used for slices, which
** need their own NUL terminator. */
static void funcStringCopy(FuncCtx *pCtx, Value *pOut, const char *z, size_t n) {
  if (n == 0) {
    funcStringResult(pOut, "", 0);
    return;
  }
  *pOut = value_str_copy(pCtx->pArena, z, n);
}

/* ---- toUpper, toLower --------------------------------------------------- */

static void funcStringToUpper(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  if (!funcStringArgIsString(pCtx, "toUpper", "the argument", &aArg[0])) return;
  size_t n;
  char *z = utf8_upper(pCtx->pArena, aArg[0].u.z, aArg[0].n, &n);
  funcStringResult(pOut, z, n);
}

static void funcStringToLower(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  if (!funcStringArgIsString(pCtx, "toLower", "the argument", &aArg[0])) return;
  size_t n;
  char *z = utf8_lower(pCtx->pArena, aArg[0].u.z, aArg[0].n, &n);
  funcStringResult(pOut, z, n);
}

/* ---- trim, ltrim, rtrim ------------------------------------------------- */

/* Which ends funcStringTrim() strips. */
#define FUNC_TRIM_LEFT 1
#define FUNC_TRIM_RIGHT 2

/* Is code point c one of the characters of pSet (NULL: White_Space)? */
static bool funcStringTrimmed(uint32_t c, const Value *pSet) {
  if (pSet == NULL) return utf8_is_space(c);
  for (size_t k = 0; k < pSet->n;) {
    if (utf8_next(pSet->u.z, pSet->n, &k) == c) return true;
  }
  return false;
}

/*
** Strips White_Space characters (or, with pSet, the characters of that
** string, as Neo4j 5's two-argument btrim/ltrim/rtrim do) from one or both
** ends of the string argument. Scans forward only (a backward scan could
** disagree with the forward decoding on invalid bytes): the right end is
** the end of the last character kept.
*/
static void funcStringTrim(FuncCtx *pCtx, const char *zFunc, int eEnds, const Value *pArg,
                           const Value *pSet, Value *pOut) {
  if (!funcStringArgIsString(pCtx, zFunc, "the argument", pArg)) return;
  if (pSet && !funcStringArgIsString(pCtx, zFunc, "trimCharacterString", pSet)) return;
  const char *z = pArg->u.z;
  size_t n = pArg->n, i = 0;
  size_t iStart = n, iEnd = 0;
  bool bSeen = false;
  while (i < n) {
    size_t iChar = i;
    uint32_t c = utf8_next(z, n, &i);
    if (funcStringTrimmed(c, pSet)) continue;
    if (!bSeen) iStart = iChar;
    bSeen = true;
    iEnd = i;
  }
  if (!bSeen) {
    funcStringResult(pOut, "", 0);
    return;
  }
  if (!(eEnds & FUNC_TRIM_LEFT)) iStart = 0;
  if (!(eEnds & FUNC_TRIM_RIGHT)) iEnd = n;
  if (iStart == 0 && iEnd == n) {
    *pOut = *pArg;   /* unchanged: borrow the argument */
    return;
  }
  funcStringCopy(pCtx, pOut, z + iStart, iEnd - iStart);
}

static void funcStringTrimBoth(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  funcStringTrim(pCtx, "trim", FUNC_TRIM_LEFT | FUNC_TRIM_RIGHT, &aArg[0], NULL, pOut);
}

static void funcStringTrimLeft(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  funcStringTrim(pCtx, "ltrim", FUNC_TRIM_LEFT, &aArg[0], nArg > 1 ? &aArg[1] : NULL, pOut);
}

static void funcStringTrimRight(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  funcStringTrim(pCtx, "rtrim", FUNC_TRIM_RIGHT, &aArg[0], nArg > 1 ? &aArg[1] : NULL, pOut);
}

/* btrim(): trim() under the name of the ISO GQL standard. */
static void funcStringBtrim(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  funcStringTrim(pCtx, "btrim", FUNC_TRIM_LEFT | FUNC_TRIM_RIGHT, &aArg[0], nArg > 1 ? &aArg[1] : NULL,
                 pOut);
}

/* trim([BOTH|LEADING|TRAILING] [c] FROM s) (FUNC_TRIM_FROM(s, end[, c])):
** c, when given, must be exactly one character, as in SQL and GQL. */
static void funcStringTrimFrom(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  const char *zEnd = aArg[1].u.z;
  int eEnds = zEnd[0] == 'L' ? FUNC_TRIM_LEFT : zEnd[0] == 'T' ? FUNC_TRIM_RIGHT : FUNC_TRIM_LEFT | FUNC_TRIM_RIGHT;
  const Value *pSet = nArg > 2 ? &aArg[2] : NULL;
  if (pSet) {
    if (!funcStringArgIsString(pCtx, "trim", "the trim character", pSet)) return;
    size_t i = 0;
    if (pSet->n > 0) utf8_next(pSet->u.z, pSet->n, &i);
    if (pSet->n == 0 || i != pSet->n) {
      char zMsg[160];
      snprintf(zMsg, sizeof zMsg, "trim(): the trim character must be exactly one character, not '%.*s'",
               (int)(pSet->n > 40 ? 40 : pSet->n), pSet->u.z);
      func_error(pCtx, ERR_ARGUMENT_VALUE, zMsg);
      return;
    }
  }
  funcStringTrim(pCtx, "trim", eEnds, &aArg[0], pSet, pOut);
}

/* char_length(): the number of code points of a string (GQL's name). */
static void funcStringCharLength(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  if (!funcStringArgIsString(pCtx, "char_length", "the argument", &aArg[0])) return;
  *pOut = value_int((int64_t)utf8_length(aArg[0].u.z, aArg[0].n));
}

/* ---- substring, left, right ---------------------------------------------- */

/*
** substring(original, start [, length]): the code points from start
** (0-based) on, at most length of them. A start past the end gives '';
** a length past the end stops at the end. A null original gives null;
** otherwise a null or negative start or length is an error.
*/
static void funcStringSubstring(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  int64_t iStart, nLen = INT64_MAX;
  if (aArg[0].type == VAL_NULL) return;   /* *pOut is null */
  if (!funcStringArgIsString(pCtx, "substring", "original", &aArg[0])) return;
  if (!funcStringArgCount(pCtx, "substring", "start", &aArg[1], &iStart)) return;
  if (nArg > 2 && !funcStringArgCount(pCtx, "substring", "length", &aArg[2], &nLen)) return;
  const char *z = aArg[0].u.z;
  size_t n = aArg[0].n;
  size_t iFrom = utf8_offset(z, n, (size_t)iStart);
  size_t iTo = utf8_offset(z + iFrom, n - iFrom, (size_t)nLen) + iFrom;
  if (iFrom == 0 && iTo == n) {
    *pOut = aArg[0];
    return;
  }
  funcStringCopy(pCtx, pOut, z + iFrom, iTo - iFrom);
}

/* left(original, length) and right(original, length): the first or last
** length code points. Nulls as for substring(). */
static void funcStringLeftRight(FuncCtx *pCtx, const char *zFunc, bool bRight,
                                const Value *aArg, Value *pOut) {
  int64_t nLen;
  if (aArg[0].type == VAL_NULL) return;   /* *pOut is null */
  if (!funcStringArgIsString(pCtx, zFunc, "original", &aArg[0])) return;
  if (!funcStringArgCount(pCtx, zFunc, "length", &aArg[1], &nLen)) return;
  const char *z = aArg[0].u.z;
  size_t n = aArg[0].n;
  size_t iFrom = 0, iTo = n;
  if (bRight) {
    size_t nCp = utf8_length(z, n);
    if ((uint64_t)nLen < nCp) iFrom = utf8_offset(z, n, nCp - (size_t)nLen);
  } else {
    iTo = utf8_offset(z, n, (size_t)nLen);
  }
  if (iFrom == 0 && iTo == n) {
    *pOut = aArg[0];
    return;
  }
  funcStringCopy(pCtx, pOut, z + iFrom, iTo - iFrom);
}

static void funcStringLeft(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  funcStringLeftRight(pCtx, "left", false, aArg, pOut);
}

static void funcStringRight(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  funcStringLeftRight(pCtx, "right", true, aArg, pOut);
}

/* ---- split --------------------------------------------------------------- */

/* A growable list of string slices, kept in the arena while split() runs. */
typedef struct FuncSplitOut {
  Value *a;
  uint32_t n, nCap;
} FuncSplitOut;

static void funcStringSplitPush(FuncCtx *pCtx, FuncSplitOut *p, const char *z, size_t n) {
  if (p->n == p->nCap) {
    uint32_t nNew = p->nCap ? 2 * p->nCap : 8;
    Value *aNew = arena_alloc(pCtx->pArena, sizeof(Value) * nNew);
    if (p->n) memcpy(aNew, p->a, sizeof(Value) * p->n);
    p->a = aNew;
    p->nCap = nNew;
  }
  if (n == 0) {
    p->a[p->n++] = value_str("", 0);
  } else {
    p->a[p->n++] = value_str_copy(pCtx->pArena, z, n);
  }
}

/*
** split(original, delimiter): the pieces of original between occurrences
** of delimiter, empty pieces included ('a,,b' -> ['a', '', 'b'];
** 'a,' -> ['a', '']). The delimiter may also be a list of strings: the
** string is cut wherever any of them occurs (the first in list order that
** matches at a position wins). An empty delimiter (or a list holding only
** empty strings) splits into single code points. An empty original gives
** [''] (Java's rule).
*/
static void funcStringSplit(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  if (!funcStringArgIsString(pCtx, "split", "original", &aArg[0])) return;
  const Value *pDelim = &aArg[1];
  const Value *aDelim;
  uint32_t nDelim;
  if (pDelim->type == VAL_STRING) {
    aDelim = pDelim;
    nDelim = 1;
  } else if (pDelim->type == VAL_LIST) {
    aDelim = pDelim->u.a;
    nDelim = pDelim->n;
    for (uint32_t k = 0; k < nDelim; k++) {
      if (aDelim[k].type != VAL_STRING) {
        func_type_error(pCtx, "split", "each delimiter", "a STRING", &aDelim[k]);
        return;
      }
    }
  } else {
    func_type_error(pCtx, "split", "delimiter", "a STRING or a LIST<STRING>", pDelim);
    return;
  }
  bool bAnyDelim = false;
  for (uint32_t k = 0; k < nDelim; k++) {
    if (aDelim[k].n > 0) bAnyDelim = true;
  }
  const char *z = aArg[0].u.z;
  size_t n = aArg[0].n;
  FuncSplitOut out = {0};
  if (n == 0) {
    funcStringSplitPush(pCtx, &out, "", 0);
  } else if (!bAnyDelim && nDelim > 0) {
    for (size_t i = 0; i < n;) {
      size_t iChar = i;
      utf8_next(z, n, &i);
      funcStringSplitPush(pCtx, &out, z + iChar, i - iChar);
    }
  } else {
    size_t iPiece = 0, i = 0;
    while (i < n) {
      uint32_t nMatch = 0;
      for (uint32_t k = 0; k < nDelim; k++) {
        uint32_t nd = aDelim[k].n;
        if (nd > 0 && nd <= n - i && memcmp(z + i, aDelim[k].u.z, nd) == 0) {
          nMatch = nd;
          break;
        }
      }
      if (nMatch) {
        funcStringSplitPush(pCtx, &out, z + iPiece, i - iPiece);
        i += nMatch;
        iPiece = i;
      } else {
        utf8_next(z, n, &i);   /* advance one code point: never match mid-sequence */
      }
    }
    funcStringSplitPush(pCtx, &out, z + iPiece, n - iPiece);
  }
  Value v = value_list_new(pCtx->pArena, 0);
  v.n = out.n;
  v.u.a = out.a;
  *pOut = v;
}

/* ---- replace ------------------------------------------------------------- */

/*
** replace(original, search, replace): every occurrence of search, left to
** right and not overlapping, replaced. An empty search matches before
** every code point and at the end ('abc', '', '-' -> '-a-b-c-'), as in
** Java and Neo4j. Results longer than VALUE_MAX_STRING are refused.
*/
static void funcStringReplace(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  static const char *const azArg[] = {"original", "search", "replace"};
  for (int k = 0; k < 3; k++) {
    if (!funcStringArgIsString(pCtx, "replace", azArg[k], &aArg[k])) return;
  }
  const char *z = aArg[0].u.z, *zFind = aArg[1].u.z, *zWith = aArg[2].u.z;
  size_t n = aArg[0].n, nFind = aArg[1].n, nWith = aArg[2].n;

  /* First pass: count matches, to size the result exactly. */
  uint64_t nMatch = 0;
  if (nFind == 0) {
    nMatch = utf8_length(z, n) + 1;
  } else {
    for (size_t i = 0; i + nFind <= n;) {
      if (memcmp(z + i, zFind, nFind) == 0) {
        nMatch++;
        i += nFind;
      } else {
        i++;
      }
    }
  }
  if (nMatch == 0) {
    *pOut = aArg[0];
    return;
  }
  uint64_t nResult = (uint64_t)n - nMatch * nFind + nMatch * nWith;
  if (nResult > VALUE_MAX_STRING) {
    char zMsg[120];
    snprintf(zMsg, sizeof(zMsg), "replace() would build a string of %llu bytes (limit %u)",
             (unsigned long long)nResult, VALUE_MAX_STRING);
    func_error(pCtx, ERR_LIMIT, zMsg);
    return;
  }

  /* Second pass: build it. */
  char *zOut = arena_alloc(pCtx->pArena, (size_t)nResult + 1);
  size_t nOut = 0;
  if (nFind == 0) {
    for (size_t i = 0; i < n;) {
      memcpy(zOut + nOut, zWith, nWith);
      nOut += nWith;
      size_t iChar = i;
      utf8_next(z, n, &i);
      memcpy(zOut + nOut, z + iChar, i - iChar);
      nOut += i - iChar;
    }
    memcpy(zOut + nOut, zWith, nWith);
    nOut += nWith;
  } else {
    size_t i = 0;
    while (i < n) {
      if (i + nFind <= n && memcmp(z + i, zFind, nFind) == 0) {
        memcpy(zOut + nOut, zWith, nWith);
        nOut += nWith;
        i += nFind;
      } else {
        zOut[nOut++] = z[i++];
      }
    }
  }
  assert(nOut == nResult);
  zOut[nOut] = 0;
  funcStringResult(pOut, zOut, nOut);
}

/* normalize(s [, form]): s in a Unicode normal form, NFC by default. The
** form is written as a bare word (normalize(s, NFKC)); the parser turns
** it into a string (ast_func). */
static void funcStringNormalize(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  Utf8NormalForm eForm = UTF8_NFC;
  if (!funcStringArgIsString(pCtx, "normalize", "the first argument", &aArg[0])) return;
  if (nArg > 1 && (aArg[1].type != VAL_STRING || !utf8_normal_form_named(aArg[1].u.z, aArg[1].n, &eForm))) {
    func_error(pCtx, ERR_ARGUMENT_VALUE, "normalize() takes a normal form, NFC, NFD, NFKC or NFKD, as its second argument");
    return;
  }
  size_t nOut;
  char *zOut = utf8_normalize(pCtx->pArena, eForm, aArg[0].u.z, aArg[0].n, &nOut);
  funcStringResult(pOut, zOut, nOut);
}

/* x IS [form] NORMALIZED (parsed into this hidden function, ast.h): is the
** string already in that form? null for anything but a string, as other
** string predicates give. */
static void funcStringIsNormalized(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  Utf8NormalForm eForm = UTF8_NFC;
  if (aArg[0].type != VAL_STRING || aArg[1].type != VAL_STRING ||
      !utf8_normal_form_named(aArg[1].u.z, aArg[1].n, &eForm)) {
    *pOut = value_null();
    return;
  }
  size_t nOut;
  char *zOut = utf8_normalize(pCtx->pArena, eForm, aArg[0].u.z, aArg[0].n, &nOut);
  *pOut = value_bool(nOut == aArg[0].n && memcmp(zOut, aArg[0].u.z, nOut) == 0);
}

/* ---- The table ------------------------------------------------------------ */

#define NN FUNCF_NULL_IN_NULL_OUT

const FuncDef func_string_defs[] = {
    {"btrim", 1, 2, NN, funcStringBtrim, "btrim(input :: STRING, trimCharacterString :: STRING?) :: STRING",
     "The string with leading and trailing whitespace (or the given characters) removed."},
    {"char_length", 1, 1, NN, funcStringCharLength, "char_length(input :: STRING) :: INTEGER",
     "The number of code points in a string."},
    {"character_length", 1, 1, NN, funcStringCharLength, "character_length(input :: STRING) :: INTEGER",
     "The number of code points in a string (same as char_length)."},
    {"left", 2, 2, 0, funcStringLeft, "left(original :: STRING, length :: INTEGER) :: STRING",
     "The first length code points of a string."},
    {"lower", 1, 1, NN, funcStringToLower, "lower(input :: STRING) :: STRING",
     "The string in lower case (same as toLower)."},
    {"ltrim", 1, 2, NN, funcStringTrimLeft, "ltrim(input :: STRING, trimCharacterString :: STRING?) :: STRING",
     "The string with leading whitespace (or the given characters) removed."},
    {FUNC_TRIM_FROM, 2, 3, NN | FUNCF_HIDDEN, funcStringTrimFrom,
     FUNC_TRIM_FROM "(input :: STRING, ends :: STRING, trimCharacter :: STRING?) :: STRING", "trim(... FROM ...)"},
    {FUNC_IS_NORMALIZED, 2, 2, NN | FUNCF_HIDDEN, funcStringIsNormalized,
     FUNC_IS_NORMALIZED "(input :: STRING, normalForm :: STRING) :: BOOLEAN",
     "input IS [NFC|NFD|NFKC|NFKD] NORMALIZED: is the string in that normal form?"},
    {"normalize", 1, 2, NN, funcStringNormalize, "normalize(input :: STRING, normalForm = NFC :: [NFC, NFD, NFKC, NFKD]) :: STRING",
     "the string in a Unicode normal form (NFC unless another is named)"},
    {"replace", 3, 3, NN, funcStringReplace,
     "replace(original :: STRING, search :: STRING, replace :: STRING) :: STRING",
     "The string with every occurrence of search replaced."},
    {"right", 2, 2, 0, funcStringRight, "right(original :: STRING, length :: INTEGER) :: STRING",
     "The last length code points of a string."},
    {"rtrim", 1, 2, NN, funcStringTrimRight, "rtrim(input :: STRING, trimCharacterString :: STRING?) :: STRING",
     "The string with trailing whitespace (or the given characters) removed."},
    {"split", 2, 2, NN, funcStringSplit,
     "split(original :: STRING, splitDelimiters :: STRING | LIST<STRING>) :: LIST<STRING>",
     "The pieces of a string between occurrences of the delimiter(s)."},
    {"substring", 2, 3, 0, funcStringSubstring,
     "substring(original :: STRING, start :: INTEGER, length :: INTEGER?) :: STRING",
     "Part of a string, by 0-based code-point position and length."},
    {"toLower", 1, 1, NN, funcStringToLower, "toLower(input :: STRING) :: STRING",
     "The string in lower case (full Unicode case mapping)."},
    {"toUpper", 1, 1, NN, funcStringToUpper, "toUpper(input :: STRING) :: STRING",
     "The string in upper case (full Unicode case mapping)."},
    {"trim", 1, 1, NN, funcStringTrimBoth, "trim(input :: STRING) :: STRING",
     "The string with leading and trailing whitespace removed."},
    {"upper", 1, 1, NN, funcStringToUpper, "upper(input :: STRING) :: STRING",
     "The string in upper case (same as toUpper)."},
};

const int func_string_count = ARRAY_SIZE(func_string_defs);
