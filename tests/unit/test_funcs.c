/*
** test_funcs.c — unit tests for the string, math, list and conversion
** function families (func_string.c, func_math.c, func_list.c,
** func_convert.c), called the way the evaluator calls them: looked up by
** name with func_lookup() and run through xImpl with a FuncCtx, nulls
** short-circuited for FUNCF_NULL_IN_NULL_OUT. Checks values (Arabic and
** Japanese text included), edge cases, and the error kind and TCK detail
** of every failure.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "eval/func.h"
#include "syntax/ast.h"
#include "base/strbuf.h"
#include "value/temporal.h"

/* ---- Calling functions ------------------------------------------------------ */

static Arena fnTestArena;
static TgError fnTestErr;
static FuncCtx fnTestCtx;

static int fnTestSetup(void **pState) {
  (void)pState;
  arena_init(&fnTestArena);
  error_clear(&fnTestErr);
  memset(&fnTestCtx, 0, sizeof(fnTestCtx));
  fnTestCtx.pArena = &fnTestArena;
  fnTestCtx.pErr = &fnTestErr;
  fnTestCtx.zText = "";
  fnTestCtx.iOfst = 0;
  fnTestCtx.iStmtTimeNs = INT64_C(1700000000123456789);
  fnTestCtx.zLocalZone = "UTC";
  return 0;
}

static int fnTestTeardown(void **pState) {
  (void)pState;
  arena_free(&fnTestArena);
  return 0;
}

/*
** Calls function zName with the nArg values in aArg, as the evaluator
** does, after clearing the error record. The arity must be accepted.
*/
static Value fnCallv(const char *zName, int nArg, const Value *aArg) {
  const FuncDef *pDef = func_lookup(zName, strlen(zName));
  assert_non_null(pDef);
  assert_non_null(pDef->xImpl);
  assert_true(nArg >= pDef->nMinArg);
  assert_true(pDef->nMaxArg < 0 || nArg <= pDef->nMaxArg);
  error_clear(&fnTestErr);
  Value out = value_null();
  if (pDef->flags & FUNCF_NULL_IN_NULL_OUT) {
    for (int i = 0; i < nArg; i++) {
      if (aArg[i].type == VAL_NULL) return out;
    }
  }
  pDef->xImpl(&fnTestCtx, nArg, aArg, &out);
  return out;
}

static Value fnCall0(const char *zName) { return fnCallv(zName, 0, NULL); }
static Value fnCall1(const char *zName, Value a) { return fnCallv(zName, 1, &a); }
static Value fnCall2(const char *zName, Value a, Value b) {
  Value aArg[2] = {a, b};
  return fnCallv(zName, 2, aArg);
}
static Value fnCall3(const char *zName, Value a, Value b, Value c) {
  Value aArg[3] = {a, b, c};
  return fnCallv(zName, 3, aArg);
}

/* Value shorthands. */
static Value S(const char *z) { return value_str(z, (uint32_t)strlen(z)); }
static Value I(int64_t i) { return value_int(i); }
static Value F(double f) { return value_float(f); }
static Value B(bool b) { return value_bool(b); }
static Value N(void) { return value_null(); }

/* A list of n integers from the arguments. */
static Value fnIntList(int n, ...) {
  Value v = value_list_new(&fnTestArena, (uint32_t)n);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) v.u.a[i] = value_int(va_arg(ap, int64_t));
  va_end(ap);
  return v;
}

/* A list of the given values. */
static Value fnList(int n, const Value *a) {
  Value v = value_list_new(&fnTestArena, (uint32_t)n);
  for (int i = 0; i < n; i++) v.u.a[i] = a[i];
  return v;
}

/* ---- Checks ---------------------------------------------------------------------- */

static void fnNoError(void) {
  if (fnTestErr.code) fail_msg("unexpected error: %s", fnTestErr.zMsg);
}

static void fnIsStr(Value v, const char *z) {
  fnNoError();
  assert_int_equal(v.type, VAL_STRING);
  if (v.n != strlen(z) || memcmp(v.u.z, z, v.n) != 0) {
    fail_msg("got '%.*s', expected '%s'", (int)v.n, v.u.z, z);
  }
  assert_int_equal(v.u.z[v.n], 0);   /* NUL-terminated */
}

static void fnIsInt(Value v, int64_t i) {
  fnNoError();
  assert_int_equal(v.type, VAL_INT);
  assert_true(v.u.i == i);
}

static void fnIsFloat(Value v, double f) {
  fnNoError();
  assert_int_equal(v.type, VAL_FLOAT);
  if (isnan(f)) {
    assert_true(isnan(v.u.f));
  } else if (v.u.f != f) {
    fail_msg("got %.17g, expected %.17g", v.u.f, f);
  }
}

static void fnIsNear(Value v, double f) {
  fnNoError();
  assert_int_equal(v.type, VAL_FLOAT);
  assert_true(fabs(v.u.f - f) < 1e-12);
}

static void fnIsBool(Value v, bool b) {
  fnNoError();
  assert_int_equal(v.type, VAL_BOOL);
  assert_int_equal(v.u.b, b);
}

static void fnIsNull(Value v) {
  fnNoError();
  assert_int_equal(v.type, VAL_NULL);
}

/* A list of the n strings az[]. */
static void fnIsStrList(Value v, int n, const char *const *az) {
  fnNoError();
  assert_int_equal(v.type, VAL_LIST);
  assert_int_equal(v.n, n);
  for (int i = 0; i < n; i++) fnIsStr(v.u.a[i], az[i]);
}

/* A list of the n integers a[]. */
static void fnIsIntList(Value v, int n, const int64_t *a) {
  fnNoError();
  assert_int_equal(v.type, VAL_LIST);
  assert_int_equal(v.n, n);
  for (int i = 0; i < n; i++) fnIsInt(v.u.a[i], a[i]);
}

/* The call failed with error kind eCode and TCK detail zDetail. */
static void fnIsError(int eCode, const char *zDetail) {
  if (fnTestErr.code != eCode) {
    fail_msg("expected %s, got %s (%s)", error_kind_name(eCode), error_kind_name(fnTestErr.code),
             fnTestErr.zMsg);
  }
  assert_string_equal(fnTestErr.zDetail, zDetail);
  assert_true(fnTestErr.bRuntime);
  assert_true(fnTestErr.zMsg[0] != 0);
}

static void fnIsTypeError(void) { fnIsError(TG_ERR_TYPE, "InvalidArgumentType"); }
static void fnIsInvalidValue(void) { fnIsError(TG_ERR_TYPE, "InvalidArgumentValue"); }

/* ---- Registry ----------------------------------------------------------------------- */

static void fnCheckFamily(const FuncDef *aDef, int nDef) {
  for (int i = 0; i < nDef; i++) {
    const FuncDef *p = &aDef[i];
    /* The name is written as in the signature; lookup ignores case. */
    size_t n = strlen(p->zName);
    assert_int_equal(strncmp(p->zSignature, p->zName, n), 0);
    assert_int_equal(p->zSignature[n], '(');
    assert_ptr_equal(func_lookup(p->zName, n), p);
    char zUpper[64];
    for (size_t k = 0; k <= n && k < sizeof(zUpper); k++) {
      char c = p->zName[k];
      zUpper[k] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    assert_ptr_equal(func_lookup(zUpper, n), p);
    assert_non_null(p->xImpl);
    assert_true(p->zSignature && strchr(p->zSignature, '(') != NULL);
    assert_true(p->zDescription && p->zDescription[0]);
    assert_true(p->nMaxArg < 0 || p->nMaxArg >= p->nMinArg);
  }
}

static void test_registry(void **pState) {
  (void)pState;
  fnCheckFamily(func_string_defs, func_string_count);
  fnCheckFamily(func_math_defs, func_math_count);
  fnCheckFamily(func_list_defs, func_list_count);
  fnCheckFamily(func_convert_defs, func_convert_count);
  assert_non_null(func_lookup("TOUPPER", 7));
  assert_non_null(func_lookup("toUpper", 7));
  assert_ptr_equal(func_lookup("ToInteger", 9), func_lookup("tointeger", 9));
  assert_null(func_lookup("toupperx", 8));
  assert_true(func_lookup("rand", 4)->flags & FUNCF_VOLATILE);
  assert_false(func_lookup("coalesce", 8)->flags & FUNCF_NULL_IN_NULL_OUT);
}

/* ---- Strings ------------------------------------------------------------------------------ */

static void test_case_functions(void **pState) {
  (void)pState;
  fnIsStr(fnCall1("toUpper", S("élan")), "ÉLAN");
  fnIsStr(fnCall1("toUpper", S("straße")), "STRASSE");
  fnIsStr(fnCall1("toUpper", S("abc XYZ 1")), "ABC XYZ 1");
  fnIsStr(fnCall1("toLower", S("ÀÉÎ Abc")), "àéî abc");
  fnIsStr(fnCall1("toLower", S("ΣΊΣΥΦΟΣ")), "σίσυφος");
  fnIsStr(fnCall1("toUpper", S("إيلون ماسك")), "إيلون ماسك");
  fnIsStr(fnCall1("toLower", S("")), "");
  fnIsNull(fnCall1("toUpper", N()));
  fnCall1("toUpper", I(1));
  fnIsTypeError();
  fnCall1("toLower", fnIntList(1, (int64_t)1));
  fnIsTypeError();
}

static void test_trim(void **pState) {
  (void)pState;
  fnIsStr(fnCall1("trim", S("  a b  ")), "a b");
  fnIsStr(fnCall1("ltrim", S("  a b  ")), "a b  ");
  fnIsStr(fnCall1("rtrim", S("  a b  ")), "  a b");
  fnIsStr(fnCall1("trim", S("\t\nx\r\n")), "x");
  fnIsStr(fnCall1("trim", S("　イーロン　")), "イーロン");   /* ideographic spaces */
  fnIsStr(fnCall1("trim", S("   ")), "");
  fnIsStr(fnCall1("ltrim", S("")), "");
  fnIsStr(fnCall1("rtrim", S("abc")), "abc");
  fnIsNull(fnCall1("trim", N()));
  fnCall1("trim", F(1.5));
  fnIsTypeError();
  /* Neo4j 5's second argument: the characters to strip, any order. */
  fnIsStr(fnCall2("btrim", S("xxyyhelloxyxy"), S("xy")), "hello");
  fnIsStr(fnCall2("ltrim", S("xxhixx"), S("x")), "hixx");
  fnIsStr(fnCall2("rtrim", S("xxhixx"), S("x")), "xxhi");
  fnIsStr(fnCall2("btrim", S("éaé"), S("é")), "a");   /* whole code points */
  fnIsStr(fnCall2("btrim", S("  a  "), S("")), "  a  ");
  fnIsStr(fnCall2("btrim", S("xx"), S("x")), "");
  fnIsNull(fnCall2("btrim", S("x"), N()));
  fnCall2("btrim", S("x"), I(1));
  fnIsTypeError();
}

/* nullIf(v1, v2): null when v1 = v2 is true, else v1. */
static void test_null_if(void **pState) {
  (void)pState;
  fnIsNull(fnCall2("nullIf", I(4), I(4)));
  fnIsNull(fnCall2("nullIf", I(4), F(4.0)));   /* = compares numbers by value */
  fnIsStr(fnCall2("nullIf", S("abc"), S("def")), "abc");
  Value v = fnCall2("nullIf", I(1), N());        /* 1 = null is null, not true */
  assert_int_equal(v.type, VAL_INT);
  assert_int_equal(v.u.i, 1);
  fnIsNull(fnCall2("nullIf", N(), I(1)));
}

static void test_substring(void **pState) {
  (void)pState;
  fnIsStr(fnCall2("substring", S("0123456789"), I(1)), "123456789");
  fnIsStr(fnCall3("substring", S("0123456789"), I(1), I(3)), "123");
  fnIsStr(fnCall3("substring", S("إيلون ماسك"), I(0), I(5)), "إيلون");
  fnIsStr(fnCall2("substring", S("إيلون ماسك"), I(6)), "ماسك");
  fnIsStr(fnCall3("substring", S("イーロン・マスク"), I(5), I(2)), "マス");
  fnIsStr(fnCall2("substring", S("abc"), I(3)), "");
  fnIsStr(fnCall2("substring", S("abc"), I(10)), "");
  fnIsStr(fnCall3("substring", S("abc"), I(1), I(100)), "bc");
  fnIsStr(fnCall3("substring", S("abc"), I(1), I(0)), "");
  fnIsStr(fnCall3("substring", S("abc"), I(0), I(3)), "abc");
  fnIsNull(fnCall2("substring", N(), I(1)));
  fnIsNull(fnCall3("substring", N(), N(), N()));
  fnCall2("substring", S("abc"), I(-1));
  fnIsError(TG_ERR_ARGUMENT, "NegativeIntegerArgument");
  fnCall3("substring", S("abc"), I(0), I(-2));
  fnIsError(TG_ERR_ARGUMENT, "NegativeIntegerArgument");
  fnCall2("substring", S("abc"), N());
  fnIsTypeError();
  fnCall2("substring", S("abc"), F(1.0));
  fnIsTypeError();
  fnCall2("substring", I(123), I(1));
  fnIsTypeError();
}

static void test_left_right(void **pState) {
  (void)pState;
  fnIsStr(fnCall2("left", S("イーロンマスク"), I(4)), "イーロン");
  fnIsStr(fnCall2("right", S("イーロンマスク"), I(3)), "マスク");
  fnIsStr(fnCall2("left", S("إيلون ماسك"), I(5)), "إيلون");
  fnIsStr(fnCall2("right", S("إيلون ماسك"), I(4)), "ماسك");
  fnIsStr(fnCall2("left", S("abc"), I(10)), "abc");
  fnIsStr(fnCall2("right", S("abc"), I(10)), "abc");
  fnIsStr(fnCall2("left", S("abc"), I(0)), "");
  fnIsStr(fnCall2("right", S("abc"), I(0)), "");
  fnIsNull(fnCall2("left", N(), I(1)));
  fnIsNull(fnCall2("right", N(), N()));
  fnCall2("left", S("abc"), I(-1));
  fnIsError(TG_ERR_ARGUMENT, "NegativeIntegerArgument");
  fnCall2("right", S("abc"), N());
  fnIsTypeError();
  fnCall2("right", B(true), I(1));
  fnIsTypeError();
}

static void test_split(void **pState) {
  (void)pState;
  static const char *const az1[] = {"one", "two"};
  fnIsStrList(fnCall2("split", S("one1two"), S("1")), 2, az1);
  static const char *const az2[] = {"a", "", "b", ""};
  fnIsStrList(fnCall2("split", S("a,,b,"), S(",")), 4, az2);
  static const char *const az3[] = {"日", "本", "語"};
  fnIsStrList(fnCall2("split", S("日本語"), S("")), 3, az3);
  static const char *const az4[] = {"a", "b", "c"};
  Value aDelim[2] = {S("-"), S("_")};
  fnIsStrList(fnCall2("split", S("a-b_c"), fnList(2, aDelim)), 3, az4);
  static const char *const az5[] = {""};
  fnIsStrList(fnCall2("split", S(""), S(",")), 1, az5);
  static const char *const az6[] = {"イーロン", "マスク"};
  fnIsStrList(fnCall2("split", S("イーロン・マスク"), S("・")), 2, az6);
  static const char *const az7[] = {"abc"};
  fnIsStrList(fnCall2("split", S("abc"), S("xyz")), 1, az7);
  static const char *const az8[] = {"", ""};
  fnIsStrList(fnCall2("split", S("--"), S("--")), 2, az8);
  fnIsNull(fnCall2("split", N(), S(",")));
  fnIsNull(fnCall2("split", S("a"), N()));
  fnCall2("split", S("abc"), I(1));
  fnIsTypeError();
  Value aBad[2] = {S(","), I(1)};
  fnCall2("split", S("abc"), fnList(2, aBad));
  fnIsTypeError();
}

static void test_replace(void **pState) {
  (void)pState;
  fnIsStr(fnCall3("replace", S("hello"), S("l"), S("L")), "heLLo");
  fnIsStr(fnCall3("replace", S("aaa"), S("aa"), S("b")), "ba");
  fnIsStr(fnCall3("replace", S("abc"), S(""), S("-")), "-a-b-c-");
  fnIsStr(fnCall3("replace", S("日本"), S(""), S("|")), "|日|本|");
  fnIsStr(fnCall3("replace", S(""), S(""), S("x")), "x");
  fnIsStr(fnCall3("replace", S("イーロン・マスク"), S("・"), S(" ")), "イーロン マスク");
  fnIsStr(fnCall3("replace", S("abc"), S("x"), S("y")), "abc");
  fnIsStr(fnCall3("replace", S("abcabc"), S("abc"), S("")), "");
  fnIsNull(fnCall3("replace", S("abc"), N(), S("y")));
  fnCall3("replace", S("abc"), S("a"), I(1));
  fnIsTypeError();
}

/* ---- Lists ------------------------------------------------------------------------------------ */

static void test_size_head_last_tail(void **pState) {
  (void)pState;
  fnIsInt(fnCall1("size", S("イーロン")), 4);
  fnIsInt(fnCall1("size", S("إيلون ماسك")), 10);
  fnIsInt(fnCall1("size", S("")), 0);
  fnIsInt(fnCall1("size", fnIntList(3, (int64_t)1, (int64_t)2, (int64_t)3)), 3);
  fnIsInt(fnCall1("size", fnIntList(0)), 0);
  fnIsNull(fnCall1("size", N()));
  fnCall1("size", I(3));
  fnIsTypeError();
  fnCall1("size", value_map_new(&fnTestArena, 0));
  fnIsTypeError();

  Value l = fnIntList(3, (int64_t)1, (int64_t)2, (int64_t)3);
  fnIsInt(fnCall1("head", l), 1);
  fnIsInt(fnCall1("last", l), 3);
  static const int64_t a23[] = {2, 3};
  fnIsIntList(fnCall1("tail", l), 2, a23);
  fnIsIntList(fnCall1("tail", fnCall1("tail", fnCall1("tail", l))), 0, NULL);
  fnIsNull(fnCall1("head", fnIntList(0)));
  fnIsNull(fnCall1("last", fnIntList(0)));
  fnIsIntList(fnCall1("tail", fnIntList(0)), 0, NULL);
  fnIsNull(fnCall1("head", N()));
  fnCall1("head", S("abc"));
  fnIsTypeError();
  fnCall1("tail", S("abc"));
  fnIsTypeError();
}

static void test_range(void **pState) {
  (void)pState;
  static const int64_t a1[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  fnIsIntList(fnCall2("range", I(0), I(10)), 11, a1);
  static const int64_t a2[] = {1381, 83, -1215, -2513};
  fnIsIntList(fnCall3("range", I(1381), I(-3412), I(-1298)), 4, a2);
  static const int64_t a3[] = {-10, -7, -4, -1, 2, 5, 8};
  fnIsIntList(fnCall3("range", I(-10), I(10), I(3)), 7, a3);
  static const int64_t a4[] = {0};
  fnIsIntList(fnCall3("range", I(0), I(1), I(2)), 1, a4);
  fnIsIntList(fnCall3("range", I(0), I(0), I(-1)), 1, a4);
  fnIsIntList(fnCall3("range", I(0), I(1), I(-1)), 0, NULL);
  fnIsIntList(fnCall2("range", I(0), I(-123)), 0, NULL);
  static const int64_t a5[] = {INT64_MAX - 1, INT64_MAX};
  fnIsIntList(fnCall2("range", I(INT64_MAX - 1), I(INT64_MAX)), 2, a5);
  static const int64_t a6[] = {0, INT64_MAX};
  fnIsIntList(fnCall3("range", I(0), I(INT64_MAX), I(INT64_MAX)), 2, a6);
  static const int64_t a7[] = {INT64_MAX, -1};
  fnIsIntList(fnCall3("range", I(INT64_MAX), I(INT64_MIN), I(INT64_MIN)), 2, a7);
  fnIsNull(fnCall2("range", N(), I(1)));

  fnCall3("range", I(2), I(8), I(0));
  fnIsError(TG_ERR_ARGUMENT, "NumberOutOfRange");
  fnCall3("range", I(0), I(0), I(0));
  fnIsError(TG_ERR_ARGUMENT, "NumberOutOfRange");
  fnCall2("range", I(INT64_MIN), I(INT64_MAX));
  fnIsError(TG_ERR_LIMIT, "");
  fnCall2("range", I(0), I(100000000));   /* 100000001 elements */
  fnIsError(TG_ERR_LIMIT, "");
  fnCall3("range", F(0.0), I(1), I(1));
  fnIsTypeError();
  fnCall3("range", I(0), F(-0.0), I(1));
  fnIsTypeError();
  fnCall3("range", I(0), I(1), F(1.1));
  fnIsTypeError();
  fnCall3("range", B(true), I(1), I(1));
  fnIsTypeError();
  fnCall3("range", I(0), S("xyz"), I(1));
  fnIsTypeError();
}

static void test_reverse(void **pState) {
  (void)pState;
  fnIsStr(fnCall1("reverse", S("raksO")), "Oskar");
  fnIsStr(fnCall1("reverse", S("إيلون")), "نوليإ");
  fnIsStr(fnCall1("reverse", S("イーロン")), "ンローイ");
  fnIsStr(fnCall1("reverse", S("a😀b")), "b😀a");
  fnIsStr(fnCall1("reverse", S("")), "");
  static const int64_t a[] = {3, 2, 1};
  fnIsIntList(fnCall1("reverse", fnIntList(3, (int64_t)1, (int64_t)2, (int64_t)3)), 3, a);
  fnIsIntList(fnCall1("reverse", fnIntList(0)), 0, NULL);
  fnIsNull(fnCall1("reverse", N()));
  fnCall1("reverse", I(12));
  fnIsTypeError();
}

/* ---- Math ------------------------------------------------------------------------------------------ */

static void test_abs_sign(void **pState) {
  (void)pState;
  fnIsInt(fnCall1("abs", I(-1)), 1);
  fnIsInt(fnCall1("abs", I(5)), 5);
  fnIsInt(fnCall1("abs", I(INT64_MAX)), INT64_MAX);
  fnIsFloat(fnCall1("abs", F(-1.5)), 1.5);
  fnIsFloat(fnCall1("abs", F(-0.0)), 0.0);
  fnIsNull(fnCall1("abs", N()));
  fnCall1("abs", I(INT64_MIN));
  fnIsError(TG_ERR_ARGUMENT, "IntegerOverflow");
  fnCall1("abs", S("-1"));
  fnIsTypeError();

  fnIsInt(fnCall1("sign", I(-3)), -1);
  fnIsInt(fnCall1("sign", I(0)), 0);
  fnIsInt(fnCall1("sign", I(7)), 1);
  fnIsInt(fnCall1("sign", F(2.5)), 1);
  fnIsInt(fnCall1("sign", F(-0.1)), -1);
  fnIsInt(fnCall1("sign", F(0.0)), 0);
  fnIsInt(fnCall1("sign", F(NAN)), 0);
  fnCall1("sign", B(true));
  fnIsTypeError();

  fnIsBool(fnCall1("isNaN", F(NAN)), true);
  fnIsBool(fnCall1("isNaN", F(1.0)), false);
  fnIsBool(fnCall1("isNaN", I(1)), false);
}

static void test_ceil_floor_round(void **pState) {
  (void)pState;
  fnIsFloat(fnCall1("ceil", F(1.2)), 2.0);
  fnIsFloat(fnCall1("ceil", I(1)), 1.0);   /* a FLOAT even for an INTEGER */
  fnIsFloat(fnCall1("ceil", F(1.7)), 2.0);
  fnIsFloat(fnCall1("floor", F(-1.5)), -2.0);
  fnIsFloat(fnCall1("floor", I(3)), 3.0);

  fnIsFloat(fnCall1("round", F(3.141592)), 3.0);
  fnIsFloat(fnCall1("round", F(2.5)), 3.0);
  fnIsFloat(fnCall1("round", F(-1.5)), -1.0);   /* ties towards +infinity */
  fnIsFloat(fnCall1("round", F(-2.5)), -2.0);
  fnIsFloat(fnCall1("round", F(0.49999999999999994)), 0.0);
  fnIsFloat(fnCall1("round", I(7)), 7.0);
  fnIsFloat(fnCall1("round", F(NAN)), NAN);
  fnIsFloat(fnCall1("round", F(INFINITY)), INFINITY);
  Value r = fnCall1("round", F(-0.4));
  fnIsFloat(r, 0.0);
  assert_false(signbit(r.u.f));

  fnIsFloat(fnCall2("round", F(3.141592), I(3)), 3.142);
  fnIsFloat(fnCall2("round", F(-3.141592), I(3)), -3.142);
  fnIsFloat(fnCall2("round", F(2.675), I(2)), 2.68);          /* decimal, not binary */
  fnIsFloat(fnCall2("round", F(-1.55), I(1)), -1.6);          /* HALF_UP: away from zero */
  fnIsFloat(fnCall2("round", F(-1.5), I(0)), -1.0);           /* precision 0: like round(x) */
  fnIsFloat(fnCall2("round", F(1234.5678), I(-2)), 1200.0);
  fnIsFloat(fnCall2("round", F(9.99), I(1)), 10.0);
  fnIsFloat(fnCall2("round", F(1.5), I(400)), 1.5);
  fnIsFloat(fnCall2("round", I(12345), I(-3)), 12000.0);
  r = fnCall2("round", F(-0.001), I(2));
  fnIsFloat(r, 0.0);
  assert_false(signbit(r.u.f));

  fnIsFloat(fnCall3("round", F(-1.5), I(0), S("HALF_UP")), -2.0);
  fnIsFloat(fnCall3("round", F(-3.141592), I(3), S("HALF_DOWN")), -3.142);
  fnIsFloat(fnCall3("round", F(-1.25), I(1), S("HALF_DOWN")), -1.2);
  fnIsFloat(fnCall3("round", F(2.5), I(0), S("HALF_EVEN")), 2.0);
  fnIsFloat(fnCall3("round", F(3.5), I(0), S("HALF_EVEN")), 4.0);
  fnIsFloat(fnCall3("round", F(0.05), I(1), S("HALF_EVEN")), 0.0);
  fnIsFloat(fnCall3("round", F(1.21), I(1), S("UP")), 1.3);
  fnIsFloat(fnCall3("round", F(-1.21), I(1), S("UP")), -1.3);
  fnIsFloat(fnCall3("round", F(1.29), I(1), S("DOWN")), 1.2);
  fnIsFloat(fnCall3("round", F(-1.21), I(1), S("CEILING")), -1.2);
  fnIsFloat(fnCall3("round", F(-1.21), I(1), S("FLOOR")), -1.3);
  fnIsFloat(fnCall3("round", F(0.001), I(0), S("UP")), 1.0);
  fnIsFloat(fnCall3("round", F(1.5), I(0), S("half_even")), 2.0);

  fnIsNull(fnCall2("round", F(1.5), N()));
  fnCall3("round", F(1.5), I(0), S("SIDEWAYS"));
  fnIsError(TG_ERR_ARGUMENT, "InvalidArgumentValue");
  fnCall2("round", F(1.5), F(1.0));
  fnIsTypeError();
  fnCall1("round", S("1.5"));
  fnIsTypeError();
}

static void test_float_functions(void **pState) {
  (void)pState;
  fnIsFloat(fnCall1("sqrt", F(12.96)), 3.6);
  fnIsFloat(fnCall1("sqrt", I(16)), 4.0);
  fnIsFloat(fnCall1("sqrt", I(-1)), NAN);
  fnIsFloat(fnCall1("exp", I(0)), 1.0);
  fnIsFloat(fnCall1("log", I(0)), -INFINITY);
  fnIsFloat(fnCall1("log", F(M_E)), 1.0);
  fnIsFloat(fnCall1("log10", I(1000)), 3.0);
  fnIsFloat(fnCall1("sin", I(0)), 0.0);
  fnIsFloat(fnCall1("cos", I(0)), 1.0);
  fnIsNear(fnCall1("tan", F(M_PI / 4)), 1.0);
  fnIsFloat(fnCall1("cot", I(0)), INFINITY);
  fnIsNear(fnCall1("cot", F(M_PI / 4)), 1.0);
  fnIsNear(fnCall1("asin", I(1)), M_PI / 2);
  fnIsFloat(fnCall1("asin", I(2)), NAN);
  fnIsNear(fnCall1("acos", I(-1)), M_PI);
  fnIsNear(fnCall1("atan", I(1)), M_PI / 4);
  fnIsNear(fnCall2("atan2", I(1), I(1)), M_PI / 4);
  fnIsNear(fnCall2("atan2", F(0.0), F(-1.0)), M_PI);
  fnIsFloat(fnCall1("haversin", I(0)), 0.0);
  fnIsNear(fnCall1("haversin", F(M_PI)), 1.0);
  fnIsNear(fnCall1("degrees", F(M_PI)), 180.0);
  fnIsNear(fnCall1("radians", I(180)), M_PI);
  fnIsFloat(fnCall0("pi"), M_PI);
  fnIsFloat(fnCall0("e"), M_E);
  fnIsNull(fnCall1("sqrt", N()));
  fnIsNull(fnCall2("atan2", I(1), N()));
  fnCall1("sqrt", S("4"));
  fnIsTypeError();
  fnCall2("atan2", I(1), B(false));
  fnIsTypeError();
}

static void test_rand(void **pState) {
  (void)pState;
  double fMin = 1.0, fMax = 0.0;
  bool bDiffer = false;
  double fPrev = -1.0;
  for (int i = 0; i < 1000; i++) {
    Value v = fnCall0("rand");
    fnNoError();
    assert_int_equal(v.type, VAL_FLOAT);
    assert_true(v.u.f >= 0.0 && v.u.f < 1.0);
    if (v.u.f < fMin) fMin = v.u.f;
    if (v.u.f > fMax) fMax = v.u.f;
    if (i > 0 && v.u.f != fPrev) bDiffer = true;
    fPrev = v.u.f;
  }
  assert_true(bDiffer);
  assert_true(fMin < 0.05 && fMax > 0.95);
}

/* The GQL/Neo4j 5 names people also write: lower, upper, btrim,
** char_length, isEmpty, randomUUID. */
static void test_gql_names(void **pState) {
  (void)pState;
  fnIsStr(fnCall1("lower", S("ÀB")), "àb");
  fnIsStr(fnCall1("UPPER", S("straße")), "STRASSE");
  fnIsStr(fnCall1("btrim", S("　x ")), "x");
  fnIsInt(fnCall1("char_length", S("イーロン")), 4);
  fnIsInt(fnCall1("character_length", S("")), 0);
  fnCall1("char_length", I(3));
  fnIsTypeError();
  fnIsBool(fnCall1("isEmpty", S("")), true);
  fnIsBool(fnCall1("isEmpty", S(" ")), false);
  fnIsBool(fnCall1("isEmpty", fnIntList(0)), true);
  fnIsBool(fnCall1("isEmpty", fnIntList(1, (int64_t)7)), false);
  fnIsNull(fnCall1("isEmpty", N()));
  fnCall1("isEmpty", I(0));
  fnIsTypeError();
  Value a = fnCall0("randomUUID"), b = fnCall0("randomUUID");
  fnNoError();
  assert_int_equal(a.type, VAL_STRING);
  assert_int_equal(a.n, 36);
  for (uint32_t i = 0; i < a.n; i++) {
    char c = a.u.z[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) assert_int_equal(c, '-');
    else assert_true((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
  assert_int_equal(a.u.z[14], '4');                   /* version 4 */
  assert_non_null(strchr("89ab", a.u.z[19]));         /* RFC 4122 variant */
  assert_true(memcmp(a.u.z, b.u.z, 36) != 0);
}

/* ---- Conversions ------------------------------------------------------------------------------- */

static void test_to_string(void **pState) {
  (void)pState;
  fnIsStr(fnCall1("toString", I(42)), "42");
  fnIsStr(fnCall1("toString", I(-9223372036854775807 - 1)), "-9223372036854775808");
  fnIsStr(fnCall1("toString", F(1.0)), "1.0");
  fnIsStr(fnCall1("toString", F(2.3)), "2.3");
  fnIsStr(fnCall1("toString", F(-0.5)), "-0.5");
  fnIsStr(fnCall1("toString", F(NAN)), "NaN");
  fnIsStr(fnCall1("toString", B(true)), "true");
  fnIsStr(fnCall1("toString", B(false)), "false");
  fnIsStr(fnCall1("toString", S("apa")), "apa");
  fnIsStr(fnCall1("toString", S("イーロン")), "イーロン");
  fnIsNull(fnCall1("toString", N()));
  fnCall1("toString", fnIntList(1, (int64_t)1));
  fnIsInvalidValue();
  fnCall1("toString", value_map_new(&fnTestArena, 0));
  fnIsInvalidValue();
  fnCall1("toString", value_node(1));
  fnIsInvalidValue();
  fnCall1("toString", value_rel(1));
  fnIsInvalidValue();
  fnCall1("toString", value_path_new(&fnTestArena, 0));
  fnIsInvalidValue();
  fnIsNull(fnCall1("toStringOrNull", fnIntList(1, (int64_t)1)));
  fnIsStr(fnCall1("toStringOrNull", I(7)), "7");

  /* Temporal values print as ISO 8601. */
  Temporal t = {0};
  t.days = 5397;   /* 1984-10-11 */
  fnIsStr(fnCall1("toString", temporal_value(&fnTestArena, VAL_DATE, &t)), "1984-10-11");
  Temporal d = {0};
  d.months = 12 * 12 + 5;
  d.days = 14;
  d.seconds = 16 * 3600 + 13 * 60 + 10;
  d.nanos = 1;
  fnIsStr(fnCall1("toString", temporal_value(&fnTestArena, VAL_DURATION, &d)),
          "P12Y5M14DT16H13M10.000000001S");
}

static void test_to_integer(void **pState) {
  (void)pState;
  fnIsInt(fnCall1("toInteger", F(82.9)), 82);
  fnIsInt(fnCall1("toInteger", F(-2.9)), -2);
  fnIsInt(fnCall1("toInteger", I(2)), 2);
  fnIsInt(fnCall1("toInteger", S("42")), 42);
  fnIsInt(fnCall1("toInteger", S(" 42 ")), 42);
  fnIsInt(fnCall1("toInteger", S("-17")), -17);
  fnIsInt(fnCall1("toInteger", S("1.7")), 1);
  fnIsInt(fnCall1("toInteger", S("2.9")), 2);
  fnIsInt(fnCall1("toInteger", S("1e3")), 1000);
  fnIsInt(fnCall1("toInteger", S("9223372036854775807")), INT64_MAX);
  fnIsInt(fnCall1("toInteger", S("-9223372036854775808")), INT64_MIN);
  fnIsInt(fnCall1("toInteger", B(true)), 1);
  fnIsInt(fnCall1("toInteger", B(false)), 0);
  fnIsNull(fnCall1("toInteger", S("foo")));
  fnIsNull(fnCall1("toInteger", S("")));
  fnIsNull(fnCall1("toInteger", S("9223372036854775808")));
  fnIsNull(fnCall1("toInteger", S("NaN")));
  fnIsNull(fnCall1("toInteger", S("12abc")));
  fnIsNull(fnCall1("toInteger", S("0x1F")));
  fnIsNull(fnCall1("toInteger", N()));
  fnCall1("toInteger", F(1e20));
  fnIsError(TG_ERR_ARGUMENT, "NumberOutOfRange");
  fnCall1("toInteger", F(NAN));
  fnIsError(TG_ERR_ARGUMENT, "NumberOutOfRange");
  fnCall1("toInteger", fnIntList(0));
  fnIsInvalidValue();
  fnCall1("toInteger", value_map_new(&fnTestArena, 0));
  fnIsInvalidValue();
  fnCall1("toInteger", value_node(0));
  fnIsInvalidValue();
  fnIsNull(fnCall1("toIntegerOrNull", F(1e20)));
  fnIsNull(fnCall1("toIntegerOrNull", fnIntList(0)));
  fnIsInt(fnCall1("toIntegerOrNull", S("5")), 5);
}

static void test_to_float(void **pState) {
  (void)pState;
  fnIsFloat(fnCall1("toFloat", I(3)), 3.0);
  fnIsFloat(fnCall1("toFloat", F(3.4)), 3.4);
  fnIsFloat(fnCall1("toFloat", S("5")), 5.0);
  fnIsFloat(fnCall1("toFloat", S("1e3")), 1000.0);
  fnIsFloat(fnCall1("toFloat", S(" -2.5 ")), -2.5);
  fnIsFloat(fnCall1("toFloat", S(".5")), 0.5);
  fnIsFloat(fnCall1("toFloat", S("5.")), 5.0);
  fnIsFloat(fnCall1("toFloat", S("NaN")), NAN);
  fnIsFloat(fnCall1("toFloat", S("-Infinity")), -INFINITY);
  fnIsFloat(fnCall1("toFloat", S("1e400")), INFINITY);
  fnIsNull(fnCall1("toFloat", S("foo")));
  fnIsNull(fnCall1("toFloat", S("")));
  fnIsNull(fnCall1("toFloat", S("1e")));
  fnIsNull(fnCall1("toFloat", S("inf")));
  fnIsNull(fnCall1("toFloat", S(".")));
  fnIsNull(fnCall1("toFloat", N()));
  fnCall1("toFloat", B(true));
  fnIsInvalidValue();
  fnCall1("toFloat", fnIntList(0));
  fnIsInvalidValue();
  fnIsNull(fnCall1("toFloatOrNull", B(true)));
  fnIsFloat(fnCall1("toFloatOrNull", S("2")), 2.0);
}

static void test_to_boolean(void **pState) {
  (void)pState;
  fnIsBool(fnCall1("toBoolean", B(true)), true);
  fnIsBool(fnCall1("toBoolean", B(false)), false);
  fnIsBool(fnCall1("toBoolean", S("true")), true);
  fnIsBool(fnCall1("toBoolean", S("false")), false);
  fnIsBool(fnCall1("toBoolean", S("TRUE")), true);
  fnIsBool(fnCall1("toBoolean", I(1)), true);
  fnIsBool(fnCall1("toBoolean", I(0)), false);
  fnIsNull(fnCall1("toBoolean", S("")));
  fnIsNull(fnCall1("toBoolean", S(" tru ")));
  fnIsNull(fnCall1("toBoolean", S("f alse")));
  fnIsNull(fnCall1("toBoolean", N()));
  fnCall1("toBoolean", F(1.0));
  fnIsInvalidValue();
  fnCall1("toBoolean", fnIntList(0));
  fnIsInvalidValue();
  fnCall1("toBoolean", value_rel(3));
  fnIsInvalidValue();
  fnIsNull(fnCall1("toBooleanOrNull", F(1.0)));
  fnIsBool(fnCall1("toBooleanOrNull", S("false")), false);
}

static void test_to_lists(void **pState) {
  (void)pState;
  Value aIn[5] = {S("1"), S("x"), F(2.5), B(true), fnIntList(0)};
  Value v = fnCall1("toIntegerList", fnList(5, aIn));
  fnNoError();
  assert_int_equal(v.n, 5);
  fnIsInt(v.u.a[0], 1);
  fnIsNull(v.u.a[1]);
  fnIsInt(v.u.a[2], 2);
  fnIsInt(v.u.a[3], 1);
  fnIsNull(v.u.a[4]);
  Value aIn2[3] = {I(1), fnIntList(0), N()};
  v = fnCall1("toStringList", fnList(3, aIn2));
  fnNoError();
  assert_int_equal(v.n, 3);
  fnIsStr(v.u.a[0], "1");
  fnIsNull(v.u.a[1]);
  fnIsNull(v.u.a[2]);
  v = fnCall1("toFloatList", fnIntList(2, (int64_t)1, (int64_t)2));
  fnIsFloat(v.u.a[1], 2.0);
  v = fnCall1("toBooleanList", fnList(1, (Value[]){S("true")}));
  fnIsBool(v.u.a[0], true);
  fnIsNull(fnCall1("toIntegerList", N()));
  fnCall1("toIntegerList", I(1));
  fnIsTypeError();
}

static void test_coalesce_timestamp(void **pState) {
  (void)pState;
  Value a[4] = {N(), N(), I(3), I(4)};
  fnIsInt(fnCallv("coalesce", 4, a), 3);
  fnIsNull(fnCall1("coalesce", N()));
  fnIsStr(fnCall2("coalesce", S("x"), N()), "x");

  fnIsInt(fnCall0("timestamp"), INT64_C(1700000000123));
  fnTestCtx.iStmtTimeNs = -1;   /* 1 ns before the epoch: rounds down */
  fnIsInt(fnCall0("timestamp"), -1);
  fnTestCtx.iStmtTimeNs = 0;
  fnIsInt(fnCall0("timestamp"), 0);
}

/* normalize() and the function behind IS NORMALIZED (Neo4j 5). */
static void test_normalize(void **pState) {
  (void)pState;
  fnIsStr(fnCall1("normalize", S("e\xCC\x81")), "\xC3\xA9");                /* NFC by default */
  fnIsStr(fnCall2("normalize", S("\xC3\xA9"), S("NFD")), "e\xCC\x81");
  fnIsStr(fnCall2("normalize", S("\xEF\xAC\x81"), S("nfkc")), "fi");        /* any case */
  fnIsStr(fnCall2("normalize", S("\xE2\x91\xA0"), S("NFKD")), "1");
  fnIsStr(fnCall1("normalize", S("plain ascii")), "plain ascii");
  fnIsStr(fnCall1("normalize", S("bad \xFF byte")), "bad \xEF\xBF\xBD byte");  /* invalid UTF-8 */
  fnIsNull(fnCall1("normalize", N()));
  fnCall2("normalize", S("x"), S("NFY"));
  fnIsError(TG_ERR_ARGUMENT, "InvalidArgumentValue");
  fnCall1("normalize", I(1));
  fnIsTypeError();
  fnIsBool(fnCall2(FUNC_IS_NORMALIZED, S("\xC3\xA9"), S("NFC")), true);
  fnIsBool(fnCall2(FUNC_IS_NORMALIZED, S("\xC3\xA9"), S("NFD")), false);
  fnIsBool(fnCall2(FUNC_IS_NORMALIZED, S("e\xCC\x81"), S("NFD")), true);
  fnIsNull(fnCall2(FUNC_IS_NORMALIZED, I(1), S("NFC")));
  fnIsNull(fnCall2(FUNC_IS_NORMALIZED, N(), S("NFC")));
}

int main(void) {
#define FN_TEST(X) cmocka_unit_test_setup_teardown(X, fnTestSetup, fnTestTeardown)
  const struct CMUnitTest aTest[] = {
      FN_TEST(test_registry),         FN_TEST(test_case_functions), FN_TEST(test_trim), FN_TEST(test_null_if), FN_TEST(test_normalize),
      FN_TEST(test_substring),        FN_TEST(test_left_right),     FN_TEST(test_split),
      FN_TEST(test_replace),          FN_TEST(test_size_head_last_tail),
      FN_TEST(test_range),            FN_TEST(test_reverse),        FN_TEST(test_abs_sign),
      FN_TEST(test_ceil_floor_round), FN_TEST(test_float_functions), FN_TEST(test_rand),
      FN_TEST(test_to_string),        FN_TEST(test_to_integer),     FN_TEST(test_to_float),
      FN_TEST(test_to_boolean),       FN_TEST(test_to_lists),       FN_TEST(test_coalesce_timestamp),
      FN_TEST(test_gql_names),
  };
#undef FN_TEST
  return cmocka_run_group_tests_name("funcs", aTest, NULL, NULL);
}
