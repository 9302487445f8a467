/*
** textan.c — the full-text analyzers (see textan.h).
**
** Every folding analyzer runs the same three steps:
**   1. the English possessive goes: "Tesla's" -> "Tesla" (an apostrophe
**      and s after a letter, before a non-letter);
**   2. utf8_fold_for_lookup() folds the text as tangle.find folds names;
**   3. the folded text splits into words (runs of letters, digits and
**      marks) and runs of no-space script (kana, ideographs, Thai...),
**      which become character bigrams (a lone character stays a unigram).
** Then each word goes through the analyzer's filter: stop words (dropped,
** leaving a position gap as Lucene does) and a light stemmer. Stemmers
** work on the folded text, so they see no accents, no tatweel and one
** form of alef, ya and ta marbuta.
*/
#include "base/textan.h"

#include <strings.h>
#include <unictype.h>
#include <unicase.h>

#include "base/utf8.h"

static const char *const azTextanName[TEXTAN__COUNT] = {
    "standard-no-stop-words", "standard", "simple", "whitespace", "keyword",
    "english", "arabic", "cjk", "indonesian", "multilingual",
};

int textan_find(const char *z, size_t n) {
  for (int i = 0; i < TEXTAN__COUNT; i++) {
    if (strlen(azTextanName[i]) == n && strncasecmp(azTextanName[i], z, n) == 0) return i;
  }
  return -1;
}

const char *textan_name(int e) {
  return e >= 0 && e < TEXTAN__COUNT ? azTextanName[e] : "?";
}

/* ---- Stop words (in folded form) ---------------------------------------- */

/* Lucene's English stop set, which its standard, English and CJK analyzers use. */
static const char *const azStopEnglish[] = {
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in",
    "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the",
    "their", "then", "there", "these", "they", "this", "to", "was", "will", "with", NULL};

/* Common Arabic function words, folded: على -> علي, إلى -> الي, أن -> ان. */
static const char *const azStopArabic[] = {
    "في", "من", "علي", "الي", "عن", "ان", "هذا", "هذه", "ذلك", "التي", "الذي",
    "مع", "او", "ثم", "كان", "قد", "لا", "ما", "كما", "بعد", "قبل", "عند", "هو",
    "هي", "و", NULL};

static const char *const azStopIndonesian[] = {
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada",
    "adalah", "dalam", "tidak", "akan", "atau", "juga", "oleh", "sebagai",
    "karena", "ada", "bahwa", "telah", "sudah", "saat", "tersebut", "para", NULL};

static bool textanIsStop(const char *const *az, const char *z, size_t n) {
  for (; az && *az; az++) {
    if (strlen(*az) == n && memcmp(*az, z, n) == 0) return true;
  }
  return false;
}

/* ---- Stemmers -------------------------------------------------------------- */

static bool textanEnds(const char *z, size_t n, const char *zSuf) {
  size_t m = strlen(zSuf);
  return n >= m && memcmp(z + n - m, zSuf, m) == 0;
}

/*
** English plural stemming (the "minimal" stemmer): companies -> company,
** chips -> chip, horses -> horse; words ending in -ss or -us and short
** words stay. Returns the new length; may write one byte ('y') in place.
*/
static size_t textanStemEnglish(char *z, size_t n) {
  if (n < 3 || z[n - 1] != 's') return n;
  if (textanEnds(z, n, "ies") && !textanEnds(z, n, "eies") && !textanEnds(z, n, "aies")) {
    z[n - 3] = 'y';
    return n - 2;
  }
  if (textanEnds(z, n, "es") && !textanEnds(z, n, "aes") && !textanEnds(z, n, "ees") &&
      !textanEnds(z, n, "oes")) {
    return n - 1;
  }
  if (textanEnds(z, n, "us") || textanEnds(z, n, "ss")) return n;
  return n - 1;
}

/* Code points of Arabic affixes (folded forms). */
static const uint32_t aArPrefix[][4] = {
    {3, 0x0648, 0x0627, 0x0644}, /* وال */
    {3, 0x0628, 0x0627, 0x0644}, /* بال */
    {3, 0x0643, 0x0627, 0x0644}, /* كال */
    {3, 0x0641, 0x0627, 0x0644}, /* فال */
    {2, 0x0627, 0x0644, 0},      /* ال */
    {2, 0x0644, 0x0644, 0},      /* لل */
    {1, 0x0648, 0, 0},           /* و */
};
static const uint32_t aArSuffix[][3] = {
    {2, 0x0647, 0x0627}, /* ها */
    {2, 0x0627, 0x0646}, /* ان */
    {2, 0x0627, 0x062A}, /* ات */
    {2, 0x0648, 0x0646}, /* ون */
    {2, 0x064A, 0x0646}, /* ين */
    {2, 0x064A, 0x0647}, /* يه (and ية, folded) */
    {1, 0x0647, 0},      /* ه (and ة) */
    {1, 0x064A, 0},      /* ي */
};

/*
** Arabic light stemming: one prefix (the article and the conjunctions
** and prepositions fused to it: ال وال بال كال فال لل, or و before a word
** of four letters or more), then each suffix of the list once, as long as
** two letters remain. الشركات -> شرك, والشركة -> شرك. Works on a copy in
** code points; writes the result back over z and returns its length.
*/
static size_t textanStemArabic(char *z, size_t n) {
  uint32_t a[64];
  size_t nc = 0, i = 0;
  while (i < n) {
    if (nc == ARRAY_SIZE(a)) return n;   /* too long to be a word: left alone */
    a[nc++] = utf8_next(z, n, &i);
  }
  size_t iStart = 0;
  for (size_t k = 0; k < ARRAY_SIZE(aArPrefix); k++) {
    size_t m = aArPrefix[k][0];
    size_t nMin = m == 1 ? 4 : m + 2;
    if (nc < nMin) continue;
    bool bMatch = true;
    for (size_t j = 0; j < m && bMatch; j++) bMatch = a[j] == aArPrefix[k][1 + j];
    if (bMatch) {
      iStart = m;
      break;
    }
  }
  size_t nEnd = nc;
  for (size_t k = 0; k < ARRAY_SIZE(aArSuffix); k++) {
    size_t m = aArSuffix[k][0];
    if (nEnd - iStart < m + 2) continue;
    bool bMatch = true;
    for (size_t j = 0; j < m && bMatch; j++) bMatch = a[nEnd - m + j] == aArSuffix[k][1 + j];
    if (bMatch) nEnd -= m;
  }
  size_t nOut = 0;
  for (size_t j = iStart; j < nEnd; j++) nOut += (size_t)utf8_encode(a[j], z + nOut);
  return nOut;
}

static size_t textanVowels(const char *z, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += strchr("aeiou", z[i]) != NULL && z[i] != 0;
  return k;
}

static bool textanStarts(const char *z, size_t n, const char *zPre) {
  size_t m = strlen(zPre);
  return n >= m && memcmp(z, zPre, m) == 0;
}

/*
** Indonesian affix stemming, light: the particles -kah -lah -pun, the
** possessives -ku -mu -nya, one derivational prefix (meng- meny- men- mem-
** me- peng- peny- pen- pem- di- ter- ke- ber- per- se-, with the nasal
** assimilations meny-/peny- -> s and mem-/pem- + vowel -> p) and one suffix
** (-kan -an -i), each only while the word keeps more than two syllables
** (vowels). menyakiti -> sakit, membantu -> bantu, perusahaannya -> usaha.
** Works in place (only the front may change: the result is z+*piStart).
*/
static size_t textanStemIndonesian(char *z, size_t n, size_t *piStart) {
  size_t iS = 0;
  const char *const azPart[] = {"kah", "lah", "pun"};
  const char *const azPoss[] = {"nya", "ku", "mu"};
  for (int k = 0; k < 3; k++) {
    if (textanVowels(z, n) > 2 && textanEnds(z, n, azPart[k])) {
      n -= strlen(azPart[k]);
      break;
    }
  }
  for (int k = 0; k < 3; k++) {
    if (textanVowels(z, n) > 2 && textanEnds(z, n, azPoss[k])) {
      n -= strlen(azPoss[k]);
      break;
    }
  }
  if (textanVowels(z, n) > 2) {
    static const char *const azPre[] = {"meng", "meny", "men", "mem", "me", "peng", "peny", "pen",
                                        "pem", "di", "ter", "ke", "ber", "per", "se"};
    for (size_t k = 0; k < ARRAY_SIZE(azPre); k++) {
      size_t m = strlen(azPre[k]);
      if (!textanStarts(z, n, azPre[k]) || n < m + 3) continue;
      bool bVowelNext = strchr("aeiou", z[m]) != NULL;
      if ((k == 1 || k == 6) && bVowelNext) {
        z[m - 1] = 's';   /* meny-/peny- + vowel: the s of the root was assimilated */
        iS = m - 1;
      } else if ((k == 3 || k == 8) && bVowelNext) {
        z[m - 1] = 'p';   /* mem-/pem- + vowel: the p of the root was assimilated */
        iS = m - 1;
      } else {
        iS = m;
      }
      break;
    }
  }
  if (textanVowels(z + iS, n - iS) > 2) {
    if (textanEnds(z + iS, n - iS, "kan")) {
      n -= 3;
    } else if (textanEnds(z + iS, n - iS, "an")) {
      n -= 2;
    } else if (textanEnds(z + iS, n - iS, "i") && n - iS > 4) {
      n -= 1;
    }
  }
  *piStart = iS;
  return n - iS;
}

/* ---- Tokenizing --------------------------------------------------------- */

/* Scripts written without spaces: their runs become bigrams. */
static bool textanNoSpaceScript(uint32_t c) {
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0x0E00 && c <= 0x0EFF) ||
         (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF);
}

/* Part of a word: letters, digits and marks. */
static bool textanWordChar(uint32_t c, bool bLettersOnly) {
  if (c < 0x80) {
    if (bLettersOnly) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  }
  if (uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_M)) return true;
  return !bLettersOnly && uc_is_general_category(c, UC_CATEGORY_N);
}

/* An apostrophe at z[i] (', ’, ʼ or ＇): its byte length, else 0. */
static int textanApostrophe(const char *z, size_t n, size_t i) {
  unsigned char c = (unsigned char)z[i];
  if (c == '\'') return 1;
  if (c == 0xE2 && i + 2 < n && (unsigned char)z[i + 1] == 0x80 && (unsigned char)z[i + 2] == 0x99) return 3;
  if (c == 0xCA && i + 1 < n && (unsigned char)z[i + 1] == 0xBC) return 2;
  if (c == 0xEF && i + 2 < n && (unsigned char)z[i + 1] == 0xBC && (unsigned char)z[i + 2] == 0x87) return 3;
  return 0;
}

static bool textanAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Step 1: z[0..n) without English possessives ('s after a letter, before
** a non-letter), in pA. */
static char *textanDropPossessive(Arena *pA, const char *z, size_t n, size_t *pnOut) {
  char *zOut = arena_alloc(pA, n + 1);
  size_t nOut = 0;
  for (size_t i = 0; i < n;) {
    int m = textanApostrophe(z, n, i);
    if (m && nOut > 0 && (textanAsciiAlnum((unsigned char)zOut[nOut - 1]) || (unsigned char)zOut[nOut - 1] >= 0x80) &&
        i + (size_t)m < n && (z[i + m] == 's' || z[i + m] == 'S') &&
        (i + (size_t)m + 1 == n || !textanAsciiAlnum((unsigned char)z[i + m + 1]))) {
      i += (size_t)m + 1;
      continue;
    }
    zOut[nOut++] = z[i++];
  }
  zOut[nOut] = 0;
  *pnOut = nOut;
  return zOut;
}

/* Emits one word through the analyzer's filter. */
static void textanWord(int e, Arena *pA, const char *z, size_t n, uint32_t iPos, TextTokens *pOut) {
  const char *const *azStop = NULL;
  switch (e) {
    case TEXTAN_STANDARD: case TEXTAN_ENGLISH: case TEXTAN_CJK: azStop = azStopEnglish; break;
    case TEXTAN_ARABIC: azStop = azStopArabic; break;
    case TEXTAN_INDONESIAN: azStop = azStopIndonesian; break;
    default: break;
  }
  if (azStop && textanIsStop(azStop, z, n)) return;
  char *zW = arena_strndup(pA, z, n);
  size_t iStart = 0;
  bool bArabicScript = n >= 2 && (unsigned char)z[0] >= 0xD8 && (unsigned char)z[0] <= 0xDB;
  if (e == TEXTAN_ENGLISH || (e == TEXTAN_MULTILINGUAL && (unsigned char)z[0] < 0x80)) {
    n = textanStemEnglish(zW, n);
  } else if (e == TEXTAN_INDONESIAN) {
    n = textanStemIndonesian(zW, n, &iStart);
  } else if ((e == TEXTAN_ARABIC || e == TEXTAN_MULTILINGUAL) && bArabicScript) {
    n = textanStemArabic(zW, n);
  }
  if (n == 0) return;
  zW[iStart + n] = 0;
  TextToken t = {zW + iStart, (uint32_t)n, iPos};
  vec_push(pOut, t);
}

/* Step 3 over folded text: words and bigrams. Returns the next position. */
static uint32_t textanSplit(int e, Arena *pA, const char *z, size_t n, uint32_t iPos, TextTokens *pOut) {
  bool bLetters = e == TEXTAN_SIMPLE;
  size_t i = 0;
  while (i < n) {
    size_t iAt = i;
    uint32_t c = utf8_next(z, n, &i);
    if (!bLetters && textanNoSpaceScript(c)) {
      /* A run of no-space script: bigrams of its characters. */
      size_t aOfs[3] = {iAt, i, 0};
      size_t nRun = 1;
      while (i < n) {
        size_t j = i;
        uint32_t d = utf8_next(z, n, &j);
        if (!textanNoSpaceScript(d)) break;
        nRun++;
        aOfs[2] = j;
        TextToken t = {arena_strndup(pA, z + aOfs[0], aOfs[2] - aOfs[0]), (uint32_t)(aOfs[2] - aOfs[0]), iPos++};
        vec_push(pOut, t);
        aOfs[0] = aOfs[1];
        aOfs[1] = j;
        i = j;
      }
      if (nRun == 1) {
        TextToken t = {arena_strndup(pA, z + iAt, i - iAt), (uint32_t)(i - iAt), iPos++};
        vec_push(pOut, t);
      }
      continue;
    }
    if (!textanWordChar(c, bLetters)) continue;
    size_t iEnd = i;
    while (iEnd < n) {
      size_t j = iEnd;
      uint32_t d = utf8_next(z, n, &j);
      if (!textanWordChar(d, bLetters) || (!bLetters && textanNoSpaceScript(d))) break;
      iEnd = j;
    }
    textanWord(e, pA, z + iAt, iEnd - iAt, iPos++, pOut);
    i = iEnd;
  }
  return iPos;
}

uint32_t textan_run(int e, Arena *pA, const char *z, size_t n, uint32_t iPos0, TextTokens *pOut) {
  if (e == TEXTAN_KEYWORD) {
    if (n == 0) return iPos0;
    TextToken t = {arena_strndup(pA, z, n), (uint32_t)n, iPos0};
    vec_push(pOut, t);
    return iPos0 + 1;
  }
  if (e == TEXTAN_WHITESPACE) {
    uint32_t iPos = iPos0;
    size_t i = 0;
    while (i < n) {
      size_t iAt = i;
      uint32_t c = utf8_next(z, n, &i);
      if (utf8_is_space(c)) continue;
      size_t iEnd = i;
      while (iEnd < n) {
        size_t j = iEnd;
        if (utf8_is_space(utf8_next(z, n, &j))) break;
        iEnd = j;
      }
      TextToken t = {arena_strndup(pA, z + iAt, iEnd - iAt), (uint32_t)(iEnd - iAt), iPos++};
      vec_push(pOut, t);
      i = iEnd;
    }
    return iPos;
  }
  if (e == TEXTAN_SIMPLE) {
    size_t nLow;
    char *zLow = utf8_lower(pA, z, n, &nLow);
    return textanSplit(e, pA, zLow, nLow, iPos0, pOut);
  }
  size_t nP, nF;
  char *zP = textanDropPossessive(pA, z, n, &nP);
  char *zF = utf8_fold_for_lookup(pA, zP, nP, &nF);
  return textanSplit(e, pA, zF, nF, iPos0, pOut);
}

char *textan_fold_prefix(int e, Arena *pA, const char *z, size_t n, size_t *pnOut) {
  if (e == TEXTAN_KEYWORD || e == TEXTAN_WHITESPACE) {
    *pnOut = n;
    return arena_strndup(pA, z, n);
  }
  size_t nF;
  char *zF = e == TEXTAN_SIMPLE ? utf8_lower(pA, z, n, &nF) : utf8_fold_for_lookup(pA, z, n, &nF);
  size_t nOut = 0;
  for (size_t i = 0; i < nF; i++) {
    if (zF[i] != ' ') zF[nOut++] = zF[i];
  }
  zF[nOut] = 0;
  *pnOut = nOut;
  return zF;
}
