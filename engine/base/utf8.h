/*
** utf8.h — Unicode text helpers: decoding, code-point indexing, display
** width for terminal tables, case mapping and the lookup normalisation
** used for multilingual entity search.
**
** Cypher strings are UTF-8 and are indexed by code point, never by byte:
** substring(), left(), size() and friends go through utf8_offset() and
** utf8_length() so that they never split a multi-byte sequence. The table
** writer measures cells with utf8_width() (East Asian wide characters take
** two columns, combining marks none) and shortens them with
** utf8_truncate().
**
** Everything here is built on GNU libunistring (link with -lunistring).
** Decoding is lenient: a byte that does not start a valid sequence decodes
** as U+FFFD, consuming the maximal invalid prefix (libunistring's rule),
** so every function accepts any bytes and no function reads past z[n-1].
** Functions that allocate take an Arena and return arena memory, always
** NUL-terminated, valid as long as the arena (see arena.h).
*/
#ifndef TANGLE_UTF8_H
#define TANGLE_UTF8_H

#include "base/arena.h"
#include "base/common.h"

#define UTF8_REPLACEMENT 0xFFFDu   /* what an invalid byte decodes to */

/* ---- Decoding and encoding -------------------------------------------- */

/* True if z[0..n) is well-formed UTF-8 (no surrogates, nothing > U+10FFFF,
** no overlong forms). */
bool utf8_valid(const char *z, size_t n);

/* Bytes of the longest well-formed prefix of z[0..n): n when it is all
** valid, else the offset of the first byte of the first bad sequence. */
size_t utf8_valid_prefix(const char *z, size_t n);

/* Decodes the code point at z (n > 0 bytes available) into *pc and returns
** the number of bytes it takes, 1..4. An invalid or truncated sequence
** gives UTF8_REPLACEMENT. */
int utf8_decode(const char *z, size_t n, uint32_t *pc);

/* Decodes the code point at byte offset *pi of z[0..n) and advances *pi
** past it. *pi must be < n. */
uint32_t utf8_next(const char *z, size_t n, size_t *pi);

/* Writes c as UTF-8 into z (room for 4 bytes) and returns the byte count.
** Surrogates and values above U+10FFFF are written as U+FFFD. */
int utf8_encode(uint32_t c, char *z);

/* ---- Code-point indexing ----------------------------------------------- */

/* Number of code points in z[0..n). */
size_t utf8_length(const char *z, size_t n);

/* Byte offset of the k-th code point (0-based) of z[0..n); n when the
** string has k code points or fewer. */
size_t utf8_offset(const char *z, size_t n, size_t k);

/* True for characters with the Unicode White_Space property (space, tab,
** newlines, no-break space, ideographic space, ...). */
bool utf8_is_space(uint32_t c);

/* ---- Display width ------------------------------------------------------ */

/* Columns a terminal uses for code point c: 2 for East Asian wide and
** full-width characters, 0 for combining marks, zero-width format
** characters and control characters, 1 otherwise (including U+FFFD).
** Control characters count 0 because a table writer must escape them
** (\n, \t) before printing; it measures the escaped text instead. */
int utf8_char_width(uint32_t c);

/* Display width of z[0..n) in terminal columns (sum of utf8_char_width). */
size_t utf8_width(const char *z, size_t n);

/* Byte length of the longest prefix of z[0..n) whose display width is at
** most nMaxCol. Zero-width characters that follow the last character kept
** (combining accents) stay with it. If pnCol is not NULL it receives the
** width of that prefix. */
size_t utf8_prefix_width(const char *z, size_t n, size_t nMaxCol, size_t *pnCol);

/* Fits z[0..n) into nMaxCol columns for a table cell: returns z itself
** when it fits, otherwise the longest prefix that fits in nMaxCol-1
** columns followed by "…" (U+2026, one column), copied into pA. *pnOut
** receives the byte length; pnCol, if not NULL, the display width (<=
** nMaxCol; it may be one less when a wide character did not fit). */
const char *utf8_truncate(Arena *pA, const char *z, size_t n, size_t nMaxCol,
                          size_t *pnOut, size_t *pnCol);

/* ---- Case mapping and lookup normalisation ------------------------------ */

/* Full Unicode upper/lower case mapping of z[0..n), language-independent
** (ß -> SS, Σ at the end of a word -> ς). The result may be longer than
** the input. Returns arena memory; *pnOut receives its byte length. */
char *utf8_upper(Arena *pA, const char *z, size_t n, size_t *pnOut);
char *utf8_lower(Arena *pA, const char *z, size_t n, size_t *pnOut);

/* Unicode normalisation forms, for utf8_normalize. */
typedef enum Utf8NormalForm { UTF8_NFC = 0, UTF8_NFD, UTF8_NFKC, UTF8_NFKD } Utf8NormalForm;

/* Reads a normal form's name (NFC, NFD, NFKC or NFKD, in any case) into
** *pe, returning its spelling in capitals; NULL when z[0..n) is none. */
const char *utf8_normal_form_named(const char *z, size_t n, Utf8NormalForm *pe);

/* z[0..n) in normal form eForm (invalid bytes become U+FFFD first), in
** arena memory; *pnOut receives its byte length. */
char *utf8_normalize(Arena *pA, Utf8NormalForm eForm, const char *z, size_t n, size_t *pnOut);

/* The key under which a name is looked up, so that spelling variants of one
** name compare equal with memcmp: 'Elon Musk' / 'elon  musk',
** 'イーロン・マスク' / 'イーロンマスク', 'ｘＡＩ' / 'xAI', 'José' / 'Jose',
** 'أحمد' / 'احمد'. Steps (documented in utf8.c): NFKC, case folding,
** removal of accents and other non-spacing marks, Arabic normalisation,
** punctuation and word-joiner removal, whitespace collapsing and trimming,
** then NFC. Idempotent: folding a folded key gives the same key. Returns
** arena memory; *pnOut receives its byte length. */
char *utf8_fold_for_lookup(Arena *pA, const char *z, size_t n, size_t *pnOut);

#endif /* TANGLE_UTF8_H */
