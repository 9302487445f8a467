/*
** test_utf8.c — unit tests for utf8.c: validation, decoding and encoding,
** code-point indexing, display width and truncation, case mapping and the
** lookup normalisation (utf8_fold_for_lookup), with Arabic, Japanese and
** accented Latin text.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/utf8.h"

/* ---- Helpers --------------------------------------------------------------- */

static Arena utf8TestArena;

static int utf8TestSetup(void **pState) {
  arena_init(&utf8TestArena);
  *pState = &utf8TestArena;
  return 0;
}

static int utf8TestTeardown(void **pState) {
  arena_free(*pState);
  return 0;
}

/* The lookup key of a C string, NUL-terminated in the arena. */
static const char *utf8TestFold(Arena *pA, const char *z) {
  size_t n;
  char *zOut = utf8_fold_for_lookup(pA, z, strlen(z), &n);
  assert_int_equal(strlen(zOut), n);
  /* Folding is idempotent. */
  size_t n2;
  char *zAgain = utf8_fold_for_lookup(pA, zOut, n, &n2);
  assert_int_equal(n, n2);
  assert_memory_equal(zOut, zAgain, n);
  return zOut;
}

static size_t utf8TestWidth(const char *z) { return utf8_width(z, strlen(z)); }
static size_t utf8TestLength(const char *z) { return utf8_length(z, strlen(z)); }

/* ---- Validation, decoding, encoding -------------------------------------------- */

static void test_valid(void **pState) {
  (void)pState;
  assert_true(utf8_valid("", 0));
  assert_true(utf8_valid("abc", 3));
  assert_true(utf8_valid("إيلون ماسك", strlen("إيلون ماسك")));
  assert_true(utf8_valid("イーロン😀", strlen("イーロン😀")));
  assert_false(utf8_valid("\xC0\x80", 2));            /* overlong NUL */
  assert_false(utf8_valid("\x80", 1));                /* lone continuation */
  assert_false(utf8_valid("\xED\xA0\x80", 3));        /* surrogate D800 */
  assert_false(utf8_valid("\xE3\x82", 2));            /* truncated */
  assert_false(utf8_valid("\xF4\x90\x80\x80", 4));    /* above U+10FFFF */
  assert_false(utf8_valid("a\xFF", 2));
}

static void test_decode_encode(void **pState) {
  (void)pState;
  static const uint32_t aCp[] = {0x00, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x30A4, 0xFFFD, 0xFFFF,
                                 0x10000, 0x1F600, 0x10FFFF};
  for (size_t k = 0; k < sizeof(aCp) / sizeof(aCp[0]); k++) {
    char z[4];
    int n = utf8_encode(aCp[k], z);
    assert_true(n >= 1 && n <= 4);
    assert_true(utf8_valid(z, (size_t)n));
    uint32_t c;
    assert_int_equal(utf8_decode(z, (size_t)n, &c), n);
    assert_int_equal(c, aCp[k]);
  }
  char z[4];
  assert_int_equal(utf8_encode(0xD800, z), 3);   /* surrogate -> U+FFFD */
  assert_memory_equal(z, "\xEF\xBF\xBD", 3);
  assert_int_equal(utf8_encode(0x110000, z), 3);

  uint32_t c;
  assert_int_equal(utf8_decode("\xFF" "a", 2, &c), 1);
  assert_int_equal(c, UTF8_REPLACEMENT);
  assert_int_equal(utf8_decode("\xE3\x82", 2, &c), 2);   /* truncated: maximal prefix */
  assert_int_equal(c, UTF8_REPLACEMENT);

  const char *zText = "aإイ😀";
  size_t n = strlen(zText), i = 0;
  assert_int_equal(utf8_next(zText, n, &i), 'a');
  assert_int_equal(utf8_next(zText, n, &i), 0x0625);
  assert_int_equal(utf8_next(zText, n, &i), 0x30A4);
  assert_int_equal(utf8_next(zText, n, &i), 0x1F600);
  assert_int_equal(i, n);
}

/* ---- Code-point indexing ----------------------------------------------------- */

static void test_length_offset(void **pState) {
  (void)pState;
  assert_int_equal(utf8TestLength(""), 0);
  assert_int_equal(utf8TestLength("abc"), 3);
  assert_int_equal(utf8TestLength("إيلون ماسك"), 10);
  assert_int_equal(utf8TestLength("イーロン・マスク"), 8);
  assert_int_equal(utf8TestLength("😀"), 1);
  assert_int_equal(utf8_length("a\xFF" "b", 3), 3);   /* an invalid byte is one */

  const char *z = "イーロン";   /* 3 bytes per code point */
  size_t n = strlen(z);
  assert_int_equal(utf8_offset(z, n, 0), 0);
  assert_int_equal(utf8_offset(z, n, 2), 6);
  assert_int_equal(utf8_offset(z, n, 4), 12);
  assert_int_equal(utf8_offset(z, n, 99), 12);
  const char *zAr = "إيلون";      /* 2 bytes per code point */
  assert_int_equal(utf8_offset(zAr, strlen(zAr), 3), 6);

  assert_true(utf8_is_space(' '));
  assert_true(utf8_is_space('\n'));
  assert_true(utf8_is_space(0x3000));   /* ideographic space */
  assert_true(utf8_is_space(0x00A0));   /* no-break space */
  assert_false(utf8_is_space('x'));
  assert_false(utf8_is_space(0x200B));  /* zero width space is not White_Space */
}

/* ---- Display width -------------------------------------------------------------- */

static void test_width(void **pState) {
  (void)pState;
  assert_int_equal(utf8TestWidth(""), 0);
  assert_int_equal(utf8TestWidth("abc"), 3);
  assert_int_equal(utf8TestWidth("イーロン"), 8);
  assert_int_equal(utf8TestWidth("イーロン・マスク"), 16);
  assert_int_equal(utf8TestWidth("ｲｰﾛﾝ"), 4);          /* half-width katakana */
  assert_int_equal(utf8TestWidth("ｘＡＩ"), 6);         /* full-width Latin */
  assert_int_equal(utf8TestWidth("한국어"), 6);
  assert_int_equal(utf8TestWidth("日本"), 4);
  assert_int_equal(utf8TestWidth("😀"), 2);
  assert_int_equal(utf8TestWidth("e\xCC\x81"), 1);      /* e + combining acute */
  assert_int_equal(utf8TestWidth("élan"), 4);
  assert_int_equal(utf8TestWidth("إيلون ماسك"), 10);
  assert_int_equal(utf8TestWidth("مَدْرَسَة"), 5);       /* harakat take no column */
  assert_int_equal(utf8TestWidth("a\tb\n"), 2);         /* controls: 0 */
  assert_int_equal(utf8TestWidth("a\xE2\x80\x8B" "b"), 2);   /* zero width space */
  assert_int_equal(utf8_char_width(0x1F), 0);
  assert_int_equal(utf8_char_width(0x85), 0);
  assert_int_equal(utf8_char_width(0x3042), 2);
  assert_int_equal(utf8_char_width(0x0301), 0);
  assert_int_equal(utf8_char_width(UTF8_REPLACEMENT), 1);
}

static void test_prefix_width(void **pState) {
  (void)pState;
  const char *z = "イーロンマスク";
  size_t n = strlen(z), nCol;
  assert_int_equal(utf8_prefix_width(z, n, 5, &nCol), 6);   /* 2 chars, 4 columns */
  assert_int_equal(nCol, 4);
  assert_int_equal(utf8_prefix_width(z, n, 6, &nCol), 9);
  assert_int_equal(nCol, 6);
  assert_int_equal(utf8_prefix_width(z, n, 1, &nCol), 0);
  assert_int_equal(nCol, 0);
  assert_int_equal(utf8_prefix_width(z, n, 100, &nCol), n);
  assert_int_equal(nCol, 14);
  /* A combining accent stays with its base. */
  const char *zAcc = "e\xCC\x81x";
  assert_int_equal(utf8_prefix_width(zAcc, strlen(zAcc), 1, NULL), 3);
}

static void test_truncate(void **pState) {
  Arena *pA = *pState;
  size_t n, nCol;
  const char *z = "イーロンマスク";
  const char *zOut = utf8_truncate(pA, z, strlen(z), 7, &n, &nCol);
  assert_string_equal(zOut, "イーロ…");
  assert_int_equal(n, strlen("イーロ…"));
  assert_int_equal(nCol, 7);
  zOut = utf8_truncate(pA, z, strlen(z), 8, &n, &nCol);
  assert_string_equal(zOut, "イーロ…");   /* ロ+ン would need 9 */
  assert_int_equal(nCol, 7);
  zOut = utf8_truncate(pA, z, strlen(z), 14, &n, &nCol);
  assert_ptr_equal(zOut, z);               /* fits: returned as is */
  assert_int_equal(n, strlen(z));
  assert_int_equal(nCol, 14);
  zOut = utf8_truncate(pA, "abcdef", 6, 4, &n, NULL);
  assert_string_equal(zOut, "abc…");
  zOut = utf8_truncate(pA, "abcdef", 6, 0, &n, &nCol);
  assert_int_equal(n, 0);
  assert_int_equal(nCol, 0);
  zOut = utf8_truncate(pA, "abcdef", 6, 1, &n, &nCol);
  assert_string_equal(zOut, "…");
  assert_int_equal(nCol, 1);
  const char *zAr = "إيلون ماسك";
  zOut = utf8_truncate(pA, zAr, strlen(zAr), 6, &n, &nCol);
  assert_string_equal(zOut, "إيلون…");
  assert_int_equal(nCol, 6);
}

/* ---- Case mapping ------------------------------------------------------------------ */

static void test_case(void **pState) {
  Arena *pA = *pState;
  size_t n;
  assert_string_equal(utf8_upper(pA, "élan", strlen("élan"), &n), "ÉLAN");
  assert_int_equal(n, strlen("ÉLAN"));
  assert_string_equal(utf8_upper(pA, "straße", strlen("straße"), &n), "STRASSE");
  assert_string_equal(utf8_upper(pA, "hello, World 1", 14, &n), "HELLO, WORLD 1");
  assert_string_equal(utf8_lower(pA, "ÀÉÎ", strlen("ÀÉÎ"), &n), "àéî");
  assert_string_equal(utf8_lower(pA, "ΣΊΣΥΦΟΣ", strlen("ΣΊΣΥΦΟΣ"), &n), "σίσυφος");
  assert_string_equal(utf8_lower(pA, "ABC", 3, &n), "abc");
  assert_string_equal(utf8_upper(pA, "إيلون", strlen("إيلون"), &n), "إيلون");   /* no case */
  assert_string_equal(utf8_upper(pA, "ｘａｉ", strlen("ｘａｉ"), &n), "ＸＡＩ");
  assert_string_equal(utf8_upper(pA, "\xCE\x90", 2, &n), "\xCE\x99\xCC\x88\xCC\x81");   /* one -> three */
  assert_int_equal(n, 6);
  assert_string_equal(utf8_upper(pA, "", 0, &n), "");
  assert_int_equal(n, 0);
  /* Invalid bytes become U+FFFD rather than failing. */
  assert_string_equal(utf8_upper(pA, "\xFF" "é", 3, &n), "\xEF\xBF\xBD" "É");
}

/* ---- Lookup normalisation ------------------------------------------------------------- */

static void test_fold_latin(void **pState) {
  Arena *pA = *pState;
  assert_string_equal(utf8TestFold(pA, "Elon Musk"), "elon musk");
  assert_string_equal(utf8TestFold(pA, "  Elon \t  Musk \n"), "elon musk");
  assert_string_equal(utf8TestFold(pA, "elon musk"), "elon musk");
  assert_string_equal(utf8TestFold(pA, "ｘＡＩ"), "xai");
  assert_string_equal(utf8TestFold(pA, "xAI"), "xai");
  assert_string_equal(utf8TestFold(pA, "José Ñandú"), "jose nandu");
  assert_string_equal(utf8TestFold(pA, "Jose\xCC\x81"), "jose");   /* decomposed input */
  assert_string_equal(utf8TestFold(pA, "Straße"), "strasse");
  assert_string_equal(utf8TestFold(pA, "İstanbul"), "istanbul");
  assert_string_equal(utf8TestFold(pA, "naïve café"), "naive cafe");
  assert_string_equal(utf8TestFold(pA, "O'Neil"), "oneil");
  assert_string_equal(utf8TestFold(pA, "O’Neil"), "oneil");
  assert_string_equal(utf8TestFold(pA, "J.R.R. Tolkien"), "jrr tolkien");
  assert_string_equal(utf8TestFold(pA, "Jean-Luc"), "jean luc");
  assert_string_equal(utf8TestFold(pA, "«Le Monde»"), "le monde");
  assert_string_equal(utf8TestFold(pA, "C#"), "c#");
  assert_string_equal(utf8TestFold(pA, "AT&T"), "at&t");
  assert_string_equal(utf8TestFold(pA, "ﬁnance"), "finance");
  assert_string_equal(utf8TestFold(pA, "ΣΊΣΥΦΟΣ"), "σισυφοσ");
  assert_string_equal(utf8TestFold(pA, ""), "");
  assert_string_equal(utf8TestFold(pA, " \t "), "");
  assert_string_equal(utf8TestFold(pA, "a\xE2\x80\x8B" "b"), "ab");   /* zero width space */
  /* Spaces still separate Latin words. */
  assert_string_not_equal(utf8TestFold(pA, "elon musk"), utf8TestFold(pA, "elonmusk"));
}

static void test_fold_japanese(void **pState) {
  Arena *pA = *pState;
  const char *zKey = utf8TestFold(pA, "イーロンマスク");
  assert_string_equal(zKey, "イーロンマスク");
  assert_string_equal(utf8TestFold(pA, "イーロン・マスク"), zKey);
  assert_string_equal(utf8TestFold(pA, "イーロン･マスク"), zKey);   /* half-width dot */
  assert_string_equal(utf8TestFold(pA, "イーロン マスク"), zKey);
  assert_string_equal(utf8TestFold(pA, "イーロン　マスク"), zKey);  /* ideographic space */
  assert_string_equal(utf8TestFold(pA, "ｲｰﾛﾝ･ﾏｽｸ"), zKey);        /* half-width kana */
  /* Voicing marks are part of the spelling. */
  assert_string_equal(utf8TestFold(pA, "ガンダム"), "ガンダム");
  assert_string_not_equal(utf8TestFold(pA, "ガ"), utf8TestFold(pA, "カ"));
  assert_string_equal(utf8TestFold(pA, "ｶﾞﾝﾀﾞﾑ"), "ガンダム");
  assert_string_equal(utf8TestFold(pA, "東京 タワー"), "東京タワー");
  assert_string_equal(utf8TestFold(pA, "한국어"), "한국어");   /* Hangul recomposed */
  assert_string_equal(utf8TestFold(pA, "नमस्ते"), "नमस्ते");    /* Indic signs kept */
}

static void test_fold_arabic(void **pState) {
  Arena *pA = *pState;
  const char *zAhmad = utf8TestFold(pA, "احمد");
  assert_string_equal(zAhmad, "احمد");
  assert_string_equal(utf8TestFold(pA, "أحمد"), zAhmad);   /* hamza above */
  assert_string_equal(utf8TestFold(pA, "إحمد"), zAhmad);   /* hamza below */
  assert_string_equal(utf8TestFold(pA, "آحمد"), zAhmad);   /* madda */
  assert_string_equal(utf8TestFold(pA, "ٱحمد"), zAhmad);   /* wasla */
  assert_string_equal(utf8TestFold(pA, "أَحْمَد"), zAhmad);  /* harakat */
  assert_string_equal(utf8TestFold(pA, "إيلون ماسك"), "ايلون ماسك");
  assert_string_equal(utf8TestFold(pA, "مَدْرَسَة"), utf8TestFold(pA, "مدرسه"));
  assert_string_equal(utf8TestFold(pA, "الـعـربـيـة"), "العربيه");   /* tatweel */
  assert_string_equal(utf8TestFold(pA, "مصطفى"), "مصطفي");           /* alef maksura */
  assert_string_equal(utf8TestFold(pA, "سؤال"), "سوال");
  assert_string_equal(utf8TestFold(pA, "مسئول"), "مسيول");
  assert_string_equal(utf8TestFold(pA, "ایران"), "ايران");           /* Persian yeh */
  assert_string_equal(utf8TestFold(pA, "ﺍﺣﻤﺪ"), zAhmad);              /* presentation forms */
  assert_string_equal(utf8TestFold(pA, "القاهرة، مصر"), "القاهره مصر");  /* Arabic comma */
  /* U+FDFA expands elevenfold under NFKC: the result outgrows the arena
  ** buffer offered to libunistring and comes back through its malloc. */
  assert_string_equal(utf8TestFold(pA, "ﷺ"), "صلي الله عليه وسلم");
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_decode_encode),
      cmocka_unit_test(test_length_offset),
      cmocka_unit_test(test_width),
      cmocka_unit_test(test_prefix_width),
      cmocka_unit_test_setup_teardown(test_truncate, utf8TestSetup, utf8TestTeardown),
      cmocka_unit_test_setup_teardown(test_case, utf8TestSetup, utf8TestTeardown),
      cmocka_unit_test_setup_teardown(test_fold_latin, utf8TestSetup, utf8TestTeardown),
      cmocka_unit_test_setup_teardown(test_fold_japanese, utf8TestSetup, utf8TestTeardown),
      cmocka_unit_test_setup_teardown(test_fold_arabic, utf8TestSetup, utf8TestTeardown),
  };
  return cmocka_run_group_tests_name("utf8", aTest, NULL, NULL);
}
