/*
** utf8.c — Unicode text helpers on top of GNU libunistring (see utf8.h).
**
** Three groups of functions live here:
**   - decoding, encoding and code-point indexing (utf8_next, utf8_offset),
**     used by the string functions so that they never split a character;
**   - display width for the table writer (utf8_width, utf8_truncate);
**   - case mapping (utf8_upper/lower) and utf8_fold_for_lookup(), the key
**     under which entity names are compared in multilingual search.
**
** Pure-ASCII input takes a fast path everywhere: it needs no normalisation
** and its case mapping is a byte operation. The slow path hands the text
** to libunistring with an output buffer taken from the arena; only when
** the result does not fit does libunistring allocate, and that block is
** copied into the arena and released with free() (utf8AdoptResult).
*/
#include "base/utf8.h"

#include <stdlib.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

/* ---- Decoding and encoding ---------------------------------------------- */

bool utf8_valid(const char *z, size_t n) {
  return u8_check((const uint8_t *)z, n) == NULL;
}

size_t utf8_valid_prefix(const char *z, size_t n) {
  const uint8_t *pBad = u8_check((const uint8_t *)z, n);
  return pBad ? (size_t)(pBad - (const uint8_t *)z) : n;
}

int utf8_decode(const char *z, size_t n, uint32_t *pc) {
  unsigned char c = (unsigned char)z[0];
  if (c < 0x80) {
    *pc = c;
    return 1;
  }
  ucs4_t uc;
  int nLen = u8_mbtouc(&uc, (const uint8_t *)z, n);
  *pc = uc;
  return nLen > 0 ? nLen : 1;
}

uint32_t utf8_next(const char *z, size_t n, size_t *pi) {
  uint32_t c;
  *pi += (size_t)utf8_decode(z + *pi, n - *pi, &c);
  return c;
}

int utf8_encode(uint32_t c, char *z) {
  if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = UTF8_REPLACEMENT;
  if (c < 0x80) {
    z[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    z[0] = (char)(0xC0 | (c >> 6));
    z[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    z[0] = (char)(0xE0 | (c >> 12));
    z[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    z[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  z[0] = (char)(0xF0 | (c >> 18));
  z[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  z[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  z[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* ---- Code-point indexing ------------------------------------------------ */

size_t utf8_length(const char *z, size_t n) {
  size_t nCp = 0, i = 0;
  while (i < n) {
    if ((unsigned char)z[i] < 0x80) {
      i++;
    } else {
      uint32_t c;
      i += (size_t)utf8_decode(z + i, n - i, &c);
    }
    nCp++;
  }
  return nCp;
}

size_t utf8_offset(const char *z, size_t n, size_t k) {
  size_t i = 0;
  while (k > 0 && i < n) {
    if ((unsigned char)z[i] < 0x80) {
      i++;
    } else {
      uint32_t c;
      i += (size_t)utf8_decode(z + i, n - i, &c);
    }
    k--;
  }
  return i;
}

bool utf8_is_space(uint32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  return uc_is_property_white_space(c);
}

/* ---- Display width ------------------------------------------------------ */

int utf8_char_width(uint32_t c) {
  if (c >= 0x20 && c < 0x7F) return 1;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;   /* C0, DEL, C1 */
  int w = uc_width(c, "UTF-8");   /* UTF-8: ambiguous-width characters are narrow */
  return w < 0 ? 0 : w;
}

size_t utf8_width(const char *z, size_t n) {
  size_t nCol = 0, i = 0;
  while (i < n) {
    unsigned char b = (unsigned char)z[i];
    if (b >= 0x20 && b < 0x7F) {
      nCol++;
      i++;
    } else {
      nCol += (size_t)utf8_char_width(utf8_next(z, n, &i));
    }
  }
  return nCol;
}

size_t utf8_prefix_width(const char *z, size_t n, size_t nMaxCol, size_t *pnCol) {
  size_t nCol = 0, i = 0;
  while (i < n) {
    size_t iNext = i;
    size_t w = (size_t)utf8_char_width(utf8_next(z, n, &iNext));
    if (nCol + w > nMaxCol) break;
    nCol += w;
    i = iNext;
  }
  if (pnCol) *pnCol = nCol;
  return i;
}

const char *utf8_truncate(Arena *pA, const char *z, size_t n, size_t nMaxCol,
                          size_t *pnOut, size_t *pnCol) {
  size_t nWidth = utf8_width(z, n);
  if (nWidth <= nMaxCol) {
    *pnOut = n;
    if (pnCol) *pnCol = nWidth;
    return z;
  }
  if (nMaxCol == 0) {
    *pnOut = 0;
    if (pnCol) *pnCol = 0;
    return "";
  }
  size_t nCol;
  size_t nKeep = utf8_prefix_width(z, n, nMaxCol - 1, &nCol);
  char *zOut = arena_alloc(pA, nKeep + 4);
  memcpy(zOut, z, nKeep);
  memcpy(zOut + nKeep, "\xE2\x80\xA6", 4);   /* U+2026 and the NUL */
  *pnOut = nKeep + 3;
  if (pnCol) *pnCol = nCol + 1;
  return zOut;
}

/* ---- Results from libunistring ------------------------------------------ */

/*
** Takes the result of a libunistring call that was offered pBuf (nBuf+1
** bytes from the arena) as its result buffer, and returns it as a
** NUL-terminated arena string of *pnOut bytes. If the result did not fit,
** libunistring allocated it with malloc: it is copied and released with
** free(), the one place outside mem.c that frees, because the block comes
** from the library's allocator. A NULL result (errno set; only on memory
** exhaustion, since invalid input decodes as U+FFFD) falls back to a copy
** of the input zIn[0..nIn).
*/
static char *utf8AdoptResult(Arena *pA, uint8_t *pRes, uint8_t *pBuf, size_t nRes,
                             const char *zIn, size_t nIn, size_t *pnOut) {
  if (pRes == NULL) {
    *pnOut = nIn;
    return arena_strndup(pA, zIn, nIn);
  }
  if (pRes == pBuf) {
    pBuf[nRes] = 0;
    *pnOut = nRes;
    return (char *)pBuf;
  }
  char *zOut = arena_strndup(pA, (const char *)pRes, nRes);
  free(pRes);
  *pnOut = nRes;
  return zOut;
}

static bool utf8IsAscii(const char *z, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if ((unsigned char)z[i] >= 0x80) return false;
  }
  return true;
}

/*
** Returns z[0..n) itself when it is valid UTF-8, else an arena copy in
** which each invalid sequence is replaced by U+FFFD (*pn is updated).
** The slow paths below run on valid text only, so their output is valid
** and the size bounds they rely on hold.
*/
static const char *utf8Sanitize(Arena *pA, const char *z, size_t *pn) {
  size_t n = *pn;
  if (utf8_valid(z, n)) return z;
  char *zOut = arena_alloc(pA, 3 * n + 1);
  size_t nOut = 0, i = 0;
  while (i < n) nOut += (size_t)utf8_encode(utf8_next(z, n, &i), zOut + nOut);
  zOut[nOut] = 0;
  *pn = nOut;
  return zOut;
}

/* A libunistring case-mapping function (u8_toupper, u8_tolower, u8_casefold). */
typedef uint8_t *(*Utf8CaseFn)(const uint8_t *, size_t, const char *, uninorm_t, uint8_t *,
                               size_t *);

/*
** Applies xCase to z[0..n) with normalisation nf, into arena memory. The
** buffer offered is three times the input plus slack, which holds every
** full case mapping (the largest, such as U+0390 -> three code points,
** triple the bytes) and most decompositions.
*/
static char *utf8CaseMap(Arena *pA, Utf8CaseFn xCase, uninorm_t nf, const char *z, size_t n,
                         size_t *pnOut) {
  size_t nBuf = 3 * n + 16;
  uint8_t *pBuf = arena_alloc(pA, nBuf + 1);
  size_t nRes = nBuf;
  uint8_t *pRes = xCase((const uint8_t *)z, n, NULL, nf, pBuf, &nRes);
  return utf8AdoptResult(pA, pRes, pBuf, nRes, z, n, pnOut);
}

/* Normalises z[0..n) to form nf, into arena memory. */
static char *utf8Normalize(Arena *pA, uninorm_t nf, const char *z, size_t n, size_t *pnOut) {
  size_t nBuf = 2 * n + 16;
  uint8_t *pBuf = arena_alloc(pA, nBuf + 1);
  size_t nRes = nBuf;
  uint8_t *pRes = u8_normalize(nf, (const uint8_t *)z, n, pBuf, &nRes);
  return utf8AdoptResult(pA, pRes, pBuf, nRes, z, n, pnOut);
}

const char *utf8_normal_form_named(const char *z, size_t n, Utf8NormalForm *pe) {
  static const char *const azForm[] = {"NFC", "NFD", "NFKC", "NFKD"};
  for (int i = 0; i < 4; i++) {
    if (strlen(azForm[i]) == n && strncasecmp(azForm[i], z, n) == 0) {
      *pe = (Utf8NormalForm)i;
      return azForm[i];
    }
  }
  return NULL;
}

char *utf8_normalize(Arena *pA, Utf8NormalForm eForm, const char *z, size_t n, size_t *pnOut) {
  const uninorm_t apForm[] = {UNINORM_NFC, UNINORM_NFD, UNINORM_NFKC, UNINORM_NFKD};
  if (utf8IsAscii(z, n)) {
    /* ASCII is the same in every form. */
    char *zOut = arena_alloc(pA, n + 1);
    memcpy(zOut, z, n);
    zOut[n] = 0;
    *pnOut = n;
    return zOut;
  }
  z = utf8Sanitize(pA, z, &n);
  return utf8Normalize(pA, apForm[eForm], z, n, pnOut);
}

/* ---- Case mapping ------------------------------------------------------- */

char *utf8_upper(Arena *pA, const char *z, size_t n, size_t *pnOut) {
  if (utf8IsAscii(z, n)) {
    char *zOut = arena_alloc(pA, n + 1);
    for (size_t i = 0; i < n; i++) {
      char c = z[i];
      zOut[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    zOut[n] = 0;
    *pnOut = n;
    return zOut;
  }
  z = utf8Sanitize(pA, z, &n);
  return utf8CaseMap(pA, u8_toupper, NULL, z, n, pnOut);
}

char *utf8_lower(Arena *pA, const char *z, size_t n, size_t *pnOut) {
  if (utf8IsAscii(z, n)) {
    char *zOut = arena_alloc(pA, n + 1);
    for (size_t i = 0; i < n; i++) {
      char c = z[i];
      zOut[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    zOut[n] = 0;
    *pnOut = n;
    return zOut;
  }
  z = utf8Sanitize(pA, z, &n);
  return utf8CaseMap(pA, u8_tolower, NULL, z, n, pnOut);
}

/* ---- Lookup normalisation ----------------------------------------------- */

/* What utf8FoldClass() decides for one code point of case-folded text. */
#define UTF8_FOLD_KEEP 0    /* copy it (possibly mapped to another letter) */
#define UTF8_FOLD_DROP 1    /* remove it; the neighbours join */
#define UTF8_FOLD_SPACE 2   /* a word break: becomes (at most) one space */

/*
** True for non-spacing marks that are part of the spelling rather than
** optional decoration, and so are kept: the kana voicing marks (ガ is not
** カ) and the vowel signs, viramas and tone marks of the Brahmic and
** Southeast Asian scripts (Devanagari to Sinhala, Thai, Lao, Tibetan,
** Myanmar, Khmer, Balinese ... and the historic Brahmi scripts in the
** supplementary plane). Dropping those would merge different words.
*/
static bool utf8FoldKeepMark(uint32_t c) {
  return c == 0x3099 || c == 0x309A || (c >= 0x0900 && c <= 0x0FFF) ||
         (c >= 0x1000 && c <= 0x109F) || (c >= 0x1700 && c <= 0x17FF) ||
         (c >= 0x1900 && c <= 0x1AAF) || (c >= 0x1B00 && c <= 0x1C4F) ||
         (c >= 0xA800 && c <= 0xABFF) || (c >= 0x11000 && c <= 0x11FFF);
}

/*
** True for characters of scripts written without spaces between words
** (kana, CJK ideographs, Thai, Lao, Myanmar, Khmer). A space between two
** of them is dropped, so 'イーロン マスク' folds like 'イーロンマスク'.
*/
static bool utf8FoldNoSpaceScript(uint32_t c) {
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0x0E00 && c <= 0x0EFF) ||
         (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF);
}

/*
** Step (d): Arabic letter variants that a searcher types interchangeably.
** Alef with madda/hamza above/hamza below (آ أ إ), waw and yeh with hamza
** (ؤ ئ) never reach here: NFKD splits off their hamza/madda, a
** non-spacing mark that step (c) removes. What is left: alef wasla ٱ ->
** alef ا, alef maksura ى -> yeh ي, teh marbuta ة -> heh ه, and the Persian
** letters yeh ی -> ي and keheh ک -> ك (same letters, other code points).
** The first three forms are listed too in case a caller skipped NFKD.
*/
static uint32_t utf8FoldArabic(uint32_t c) {
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
    case 0x0624: return 0x0648;
    case 0x0626: case 0x0649: case 0x06CC: return 0x064A;
    case 0x0629: return 0x0647;
    case 0x06A9: return 0x0643;
    default: return c;
  }
}

/*
** Steps (c) to (f) for one code point c of case-folded NFKD text: what
** becomes of it. Returns UTF8_FOLD_*.
**   - Non-spacing and enclosing marks (accents, Arabic harakat
**     U+064B..U+065F and U+0670, Hebrew points, variation selectors) are
**     dropped, except those utf8FoldKeepMark() keeps.
**   - Format characters (zero-width joiners, soft hyphen, bidi marks) and
**     other non-space control characters are dropped.
**   - Arabic tatweel U+0640 (a stretching stroke) is dropped.
**   - Word-internal punctuation is dropped so that its parts join: the
**     middle dots (· ・ ‧ and friends, so イーロン・マスク = イーロンマスク),
**     the full stop (J.R.R. = JRR), apostrophes and quotation marks
**     (O'Neil = ONeil), primes and the Hebrew geresh/gershayim.
**   - White space, dashes, connectors, brackets and separating
**     punctuation (, ; : ! ? / and their CJK and Arabic forms) become a
**     word break. Other punctuation and all symbols are kept, so 'C#',
**     'AT&T' and 'C++' keep their meaning.
*/
static int utf8FoldClass(uint32_t c) {
  if (c < 0x80) {
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return UTF8_FOLD_SPACE;
    if (c < 0x20 || c == 0x7F) return UTF8_FOLD_DROP;
    switch (c) {
      case '.': case '\'': case '"': case '`': return UTF8_FOLD_DROP;
      case ',': case ';': case ':': case '!': case '?': case '/': case '-': case '_':
      case '(': case ')': case '[': case ']': case '{': case '}': return UTF8_FOLD_SPACE;
      default: return UTF8_FOLD_KEEP;
    }
  }
  switch (c) {
    case 0x00B7: case 0x0387: case 0x2027: case 0x2E31: case 0x2E33: case 0x30FB:
    case 0xFF65:                                         /* middle dots */
    case 0x02B9: case 0x02BA: case 0x02BB: case 0x02BC: /* modifier apostrophes */
    case 0x2032: case 0x2033: case 0x2034: case 0x2035: /* primes */
    case 0x05F3: case 0x05F4:                            /* geresh, gershayim */
    case 0x0640:                                         /* Arabic tatweel */
      return UTF8_FOLD_DROP;
    case 0x00A1: case 0x00BF: case 0x060C: case 0x061B: case 0x061F: case 0x3001:
    case 0x3002: case 0x203D:   /* ¡ ¿ ، ؛ ؟ 、 。 ‽ */
      return UTF8_FOLD_SPACE;
    default: break;
  }
  if (uc_is_property_white_space(c)) return UTF8_FOLD_SPACE;
  if (uc_is_general_category(c, UC_CATEGORY_Mn) || uc_is_general_category(c, UC_CATEGORY_Me)) {
    return utf8FoldKeepMark(c) ? UTF8_FOLD_KEEP : UTF8_FOLD_DROP;
  }
  if (uc_is_general_category(c, UC_CATEGORY_Cf) || uc_is_general_category(c, UC_CATEGORY_Cc)) {
    return UTF8_FOLD_DROP;
  }
  if (uc_is_general_category(c, UC_CATEGORY_Pi) || uc_is_general_category(c, UC_CATEGORY_Pf)) {
    return UTF8_FOLD_DROP;   /* quotation marks ‘ ’ “ ” « » */
  }
  if (uc_is_general_category(c, UC_CATEGORY_Pd) || uc_is_general_category(c, UC_CATEGORY_Pc) ||
      uc_is_general_category(c, UC_CATEGORY_Ps) || uc_is_general_category(c, UC_CATEGORY_Pe)) {
    return UTF8_FOLD_SPACE;
  }
  return UTF8_FOLD_KEEP;
}

/*
** Steps (c) to (f) over a whole string: copies z[0..n) (case-folded NFKD
** text, or ASCII that is lower-cased here) into zOut, which has room for n
** bytes (the output is never longer: every mapping keeps or shrinks the
** byte count). Runs of word breaks become one space; a break between two
** characters of a no-space script (utf8FoldNoSpaceScript) vanishes; and
** leading and trailing breaks are trimmed. Returns the bytes written.
*/
static size_t utf8FoldFilter(const char *z, size_t n, char *zOut) {
  size_t nOut = 0, i = 0;
  bool bPendingSpace = false;
  bool bPrevNoSpace = false;   /* the last character written is no-space script */
  while (i < n) {
    uint32_t c = utf8_next(z, n, &i);
    if (c >= 'A' && c <= 'Z') c += 32;
    int eClass = utf8FoldClass(c);
    if (eClass == UTF8_FOLD_DROP) continue;
    if (eClass == UTF8_FOLD_SPACE) {
      bPendingSpace = nOut > 0;
      continue;
    }
    c = utf8FoldArabic(c);
    bool bNoSpace = utf8FoldNoSpaceScript(c);
    if (bPendingSpace && !(bPrevNoSpace && bNoSpace)) zOut[nOut++] = ' ';
    bPendingSpace = false;
    nOut += (size_t)utf8_encode(c, zOut + nOut);
    bPrevNoSpace = bNoSpace;
  }
  return nOut;
}

/*
** The lookup key, step by step:
**   (a) NFKC: compatibility forms unify: full-width and half-width forms
**       (ｘＡＩ -> xAI, ｲｰﾛﾝ -> イーロン), ligatures (ﬁ -> fi), Arabic
**       presentation forms, ideographic space -> space.
**   (b) Full case folding (Straße -> strasse, İ -> i̇), with the result
**       in NFKD so that accents become separate combining marks.
**   (c) Non-spacing marks are dropped: é -> e, ñ -> n, Arabic harakat,
**       and the hamza/madda of أ إ آ ؤ ئ (see utf8FoldClass).
**   (d) Arabic letter variants unify and tatweel goes (utf8FoldArabic).
**   (e) Middle dots, full stops, apostrophes and quotes are removed;
**       dashes, brackets and separating punctuation become spaces.
**   (f) Whitespace runs collapse to one space, the ends are trimmed, and
**       a space between kana/ideographs/Thai... is removed.
** Finally the text is recomposed to NFC (a kept voicing mark rejoins its
** kana: ガ stays one character). ASCII input skips (a), (b) and NFC,
** which do nothing to it but lower-casing, done by the filter.
*/
char *utf8_fold_for_lookup(Arena *pA, const char *z, size_t n, size_t *pnOut) {
  if (utf8IsAscii(z, n)) {
    char *zOut = arena_alloc(pA, n + 1);
    size_t nOut = utf8FoldFilter(z, n, zOut);
    zOut[nOut] = 0;
    *pnOut = nOut;
    return zOut;
  }
  size_t nNfkc, nFold;
  z = utf8Sanitize(pA, z, &n);
  char *zNfkc = utf8Normalize(pA, UNINORM_NFKC, z, n, &nNfkc);
  char *zFold = utf8CaseMap(pA, u8_casefold, UNINORM_NFKD, zNfkc, nNfkc, &nFold);
  char *zFilt = arena_alloc(pA, nFold + 1);
  size_t nFilt = utf8FoldFilter(zFold, nFold, zFilt);
  zFilt[nFilt] = 0;
  if (utf8IsAscii(zFilt, nFilt)) {
    *pnOut = nFilt;
    return zFilt;
  }
  return utf8Normalize(pA, UNINORM_NFC, zFilt, nFilt, pnOut);
}
