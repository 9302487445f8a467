/*
** func_math.c — the numeric functions: abs(), ceil(), floor(), round(),
** sign(), isNaN(), sqrt(), exp(), log(), log10(), the trigonometric
** functions (sin ... atan2, cot, haversin), degrees(), radians(), and the
** constants pi() and e(), plus rand().
**
** Result types follow Cypher (Neo4j): abs() keeps the argument's type
** (INTEGER stays INTEGER; abs of the most negative integer overflows);
** sign() is always an INTEGER; everything else is a FLOAT, including
** ceil(), floor() and round() of an integer. Out-of-domain arguments give
** IEEE results rather than errors (sqrt(-1) is NaN, log(0) is -Infinity,
** cot(0) is Infinity), as in Neo4j. A null argument gives null.
**
** round() has three forms. round(x) rounds ties towards positive infinity
** (Java's Math.round: round(-1.5) = -1.0). round(x, precision) rounds to
** that many decimal places with ties away from zero (HALF_UP), except that
** precision 0 behaves like round(x). round(x, precision, mode) takes one
** of Java's RoundingMode names. Decimal rounding works on the shortest
** decimal text of x, as Java's BigDecimal.valueOf(double) does, so
** round(2.675, 2) is 2.68 although the double 2.675 is slightly less.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "eval/func.h"

/* ---- Argument checks ------------------------------------------------------- */

/* Reads a number (INTEGER or FLOAT) as a double into *pf; otherwise raises
** a type error and returns false. */
static bool funcMathArg(FuncCtx *pCtx, const char *zFunc, const char *zArg, const Value *p,
                        double *pf) {
  if (!value_is_number(p)) {
    func_type_error(pCtx, zFunc, zArg, "a number", p);
    return false;
  }
  *pf = value_as_double(p);
  return true;
}

/* ---- abs, sign, isNaN ------------------------------------------------------ */

static void funcMathAbs(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type == VAL_INT) {
    if (p->u.i == INT64_MIN) {
      func_error(pCtx, ERR_INTEGER_OVERFLOW, "abs()");
      return;
    }
    *pOut = value_int(p->u.i < 0 ? -p->u.i : p->u.i);
    return;
  }
  double x;
  if (!funcMathArg(pCtx, "abs", "the argument", p, &x)) return;
  *pOut = value_float(fabs(x));
}

/* sign(): -1, 0 or 1 as an INTEGER, for integers and floats (NaN gives 0). */
static void funcMathSign(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  const Value *p = &aArg[0];
  if (p->type == VAL_INT) {
    *pOut = value_int(p->u.i > 0 ? 1 : p->u.i < 0 ? -1 : 0);
    return;
  }
  double x;
  if (!funcMathArg(pCtx, "sign", "the argument", p, &x)) return;
  *pOut = value_int(x > 0 ? 1 : x < 0 ? -1 : 0);
}

static void funcMathIsNaN(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  double x;
  if (!funcMathArg(pCtx, "isNaN", "the argument", &aArg[0], &x)) return;
  *pOut = value_bool(isnan(x));
}

/* ---- Functions of one float ------------------------------------------------ */

static double funcMathCotOf(double x) { return 1.0 / tan(x); }
static double funcMathHaversinOf(double x) { return (1.0 - cos(x)) / 2.0; }
static double funcMathDegreesOf(double x) { return x * (180.0 / M_PI); }
static double funcMathRadiansOf(double x) { return x * (M_PI / 180.0); }

/* Defines FUNC, a one-argument function returning XFN(x) as a FLOAT;
** ZNAME names it in error messages. */
#define FUNC_MATH_UNARY(FUNC, ZNAME, XFN)                                    \
  static void FUNC(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) { \
    (void)nArg;                                                              \
    double x;                                                                \
    if (!funcMathArg(pCtx, ZNAME, "the argument", &aArg[0], &x)) return;    \
    *pOut = value_float(XFN(x));                                             \
  }

FUNC_MATH_UNARY(funcMathCeil, "ceil", ceil)
FUNC_MATH_UNARY(funcMathFloor, "floor", floor)
FUNC_MATH_UNARY(funcMathSqrt, "sqrt", sqrt)
FUNC_MATH_UNARY(funcMathExp, "exp", exp)
FUNC_MATH_UNARY(funcMathLog, "log", log)
FUNC_MATH_UNARY(funcMathLog10, "log10", log10)
FUNC_MATH_UNARY(funcMathSin, "sin", sin)
FUNC_MATH_UNARY(funcMathCos, "cos", cos)
FUNC_MATH_UNARY(funcMathTan, "tan", tan)
FUNC_MATH_UNARY(funcMathCot, "cot", funcMathCotOf)
FUNC_MATH_UNARY(funcMathAsin, "asin", asin)
FUNC_MATH_UNARY(funcMathAcos, "acos", acos)
FUNC_MATH_UNARY(funcMathAtan, "atan", atan)
FUNC_MATH_UNARY(funcMathHaversin, "haversin", funcMathHaversinOf)
FUNC_MATH_UNARY(funcMathDegrees, "degrees", funcMathDegreesOf)
FUNC_MATH_UNARY(funcMathRadians, "radians", funcMathRadiansOf)

static void funcMathAtan2(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg;
  double y, x;
  if (!funcMathArg(pCtx, "atan2", "y", &aArg[0], &y)) return;
  if (!funcMathArg(pCtx, "atan2", "x", &aArg[1], &x)) return;
  *pOut = value_float(atan2(y, x));
}

static void funcMathPi(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)pCtx, (void)nArg, (void)aArg;
  *pOut = value_float(M_PI);
}

static void funcMathE(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)pCtx, (void)nArg, (void)aArg;
  *pOut = value_float(M_E);
}

/* ---- round ------------------------------------------------------------------ */

/* Rounding modes of round(x, precision, mode), Java's RoundingMode names. */
typedef enum FuncRoundMode {
  FUNC_ROUND_UP,        /* away from zero */
  FUNC_ROUND_DOWN,      /* towards zero */
  FUNC_ROUND_CEILING,   /* towards +infinity */
  FUNC_ROUND_FLOOR,     /* towards -infinity */
  FUNC_ROUND_HALF_UP,   /* nearest; ties away from zero */
  FUNC_ROUND_HALF_DOWN, /* nearest; ties towards zero */
  FUNC_ROUND_HALF_EVEN  /* nearest; ties to the even neighbour */
} FuncRoundMode;

static const char *const azFuncRoundMode[] = {"UP",      "DOWN",      "CEILING",  "FLOOR",
                                              "HALF_UP", "HALF_DOWN", "HALF_EVEN"};

/* round(x): nearest integer, ties towards +infinity (Java Math.round). */
static double funcMathRoundHalfCeiling(double x) {
  double r = floor(x);
  if (x - r >= 0.5) r += 1.0;   /* exact: x - floor(x) is representable */
  return r == 0.0 ? 0.0 : r;     /* no negative zero: Java returns a long */
}

/*
** Rounds x to iPrec decimal places (iPrec < 0 rounds to tens, hundreds...)
** with mode eMode, working on the shortest decimal text of x (the digits
** Java's BigDecimal.valueOf(x) sees). The kept digits are incremented or
** not from the first discarded digit, whether any later one is non-zero,
** the sign and the mode; the result is read back with strtod, which gives
** the double nearest the decimal result. A zero result is +0.0 (BigDecimal
** has no negative zero).
*/
static double funcMathRoundDecimal(double x, int64_t iPrec, FuncRoundMode eMode) {
  if (isnan(x) || isinf(x) || x == 0.0) return x == 0.0 ? 0.0 : x;
  if (iPrec > 400) return x;             /* beyond every double's last digit */
  if (iPrec < -400) iPrec = -400;        /* the result is 0 or infinite either way */

  /* Shortest round-trip scientific text: "-d.ddde+XX". */
  char zSci[40];
  for (int p = 0; p <= 17; p++) {
    snprintf(zSci, sizeof(zSci), "%.*e", p, x);
    if (strtod(zSci, NULL) == x) break;
  }
  bool bNeg = x < 0;
  char aDigit[24];
  int nDigit = 0;
  const char *z = zSci + (bNeg ? 1 : 0);
  for (; *z && *z != 'e'; z++) {
    if (*z != '.') aDigit[nDigit++] = *z;
  }
  int iExp = atoi(z + 1);   /* x = d0.d1d2... * 10^iExp */

  /* Digits at or above 10^-iPrec are kept. */
  int64_t nKeep = (int64_t)iExp + 1 + iPrec;
  if (nKeep >= nDigit) return x;   /* already exact at this precision */

  int iFirst = 0;          /* first discarded digit */
  bool bRest = false;      /* any discarded digit after it non-zero */
  if (nKeep >= 0) {
    iFirst = aDigit[nKeep] - '0';
    for (int i = (int)nKeep + 1; i < nDigit; i++) bRest |= aDigit[i] != '0';
  } else {
    bRest = true;          /* everything discarded, and below half a unit */
    nKeep = 0;
  }
  bool bAny = iFirst != 0 || bRest;
  int iLastKept = nKeep > 0 ? aDigit[nKeep - 1] - '0' : 0;
  bool bInc = false;
  switch (eMode) {
    case FUNC_ROUND_UP: bInc = bAny; break;
    case FUNC_ROUND_DOWN: bInc = false; break;
    case FUNC_ROUND_CEILING: bInc = bAny && !bNeg; break;
    case FUNC_ROUND_FLOOR: bInc = bAny && bNeg; break;
    case FUNC_ROUND_HALF_UP: bInc = iFirst >= 5; break;
    case FUNC_ROUND_HALF_DOWN: bInc = iFirst > 5 || (iFirst == 5 && bRest); break;
    case FUNC_ROUND_HALF_EVEN:
      bInc = iFirst > 5 || (iFirst == 5 && (bRest || (iLastKept & 1))); break;
  }

  /* The kept digits as an integer, plus one if incrementing, times
  ** 10^-iPrec. */
  char zNum[64];
  int n = 0;
  zNum[n++] = '0';   /* room for a carry out of the top digit */
  for (int i = 0; i < nKeep; i++) zNum[n++] = aDigit[i];
  if (bInc) {
    int i = n - 1;
    while (zNum[i] == '9') zNum[i--] = '0';
    zNum[i]++;
  }
  zNum[n] = 0;
  bool bZero = true;
  for (int i = 0; i < n; i++) bZero &= zNum[i] == '0';
  if (bZero) return 0.0;
  char zText[96];
  snprintf(zText, sizeof(zText), "%s%se%lld", bNeg ? "-" : "", zNum, (long long)-iPrec);
  return strtod(zText, NULL);
}

static void funcMathRound(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  double x;
  if (!funcMathArg(pCtx, "round", "value", &aArg[0], &x)) return;
  if (nArg == 1) {
    *pOut = value_float(funcMathRoundHalfCeiling(x));
    return;
  }
  if (aArg[1].type != VAL_INT) {
    func_type_error(pCtx, "round", "precision", "an INTEGER", &aArg[1]);
    return;
  }
  int64_t iPrec = aArg[1].u.i;
  FuncRoundMode eMode = FUNC_ROUND_HALF_UP;
  if (nArg == 3) {
    if (aArg[2].type != VAL_STRING) {
      func_type_error(pCtx, "round", "mode", "a STRING", &aArg[2]);
      return;
    }
    int i;
    for (i = 0; i < ARRAY_SIZE(azFuncRoundMode); i++) {
      if (strlen(azFuncRoundMode[i]) == aArg[2].n &&
          strncasecmp(azFuncRoundMode[i], aArg[2].u.z, aArg[2].n) == 0) {
        break;
      }
    }
    if (i == ARRAY_SIZE(azFuncRoundMode)) {
      char zMsg[200];
      snprintf(zMsg, sizeof(zMsg),
               "round(): unknown rounding mode '%.60s' (use UP, DOWN, CEILING, FLOOR, "
               "HALF_UP, HALF_DOWN or HALF_EVEN)",
               aArg[2].u.z);
      func_error(pCtx, ERR_ARGUMENT_VALUE, zMsg);
      return;
    }
    eMode = (FuncRoundMode)i;
  } else if (iPrec == 0) {
    *pOut = value_float(funcMathRoundHalfCeiling(x));
    return;
  }
  *pOut = value_float(funcMathRoundDecimal(x, iPrec, eMode));
}

/* ---- rand ------------------------------------------------------------------- */

/*
** rand(): a uniformly distributed FLOAT in [0, 1). Each thread has its own
** xorshift64* generator, seeded on first use from the clock and the
** address of its state, so concurrent queries need no lock.
*/
static _Thread_local uint64_t funcMathRandState;

/* The next 64 random bits of this thread's generator. */
static uint64_t funcMathRandom64(void) {
  uint64_t x = funcMathRandState;
  if (x == 0) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    x = ((uint64_t)ts.tv_sec * 1000000007u) ^ (uint64_t)ts.tv_nsec ^
        (uint64_t)(uintptr_t)&funcMathRandState;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;   /* splitmix64 finaliser */
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    if (x == 0) x = 0x9E3779B97F4A7C15ull;
  }
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  funcMathRandState = x;
  return x * 0x2545F4914F6CDD1Dull;
}

static void funcMathRand(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)pCtx, (void)nArg, (void)aArg;
  *pOut = value_float((double)(funcMathRandom64() >> 11) * 0x1.0p-53);
}

/* randomUUID(): a version-4 (random) UUID as its 36-character text. */
static void funcMathRandomUuid(FuncCtx *pCtx, int nArg, const Value *aArg, Value *pOut) {
  (void)nArg, (void)aArg;
  uint8_t a[16];
  uint64_t hi = funcMathRandom64(), lo = funcMathRandom64();
  for (int i = 0; i < 8; i++) {
    a[i] = (uint8_t)(hi >> (8 * i));
    a[8 + i] = (uint8_t)(lo >> (8 * i));
  }
  a[6] = (uint8_t)((a[6] & 0x0f) | 0x40);   /* version 4 */
  a[8] = (uint8_t)((a[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
  char z[37];
  int n = 0;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) z[n++] = '-';
    n += snprintf(z + n, sizeof(z) - (size_t)n, "%02x", a[i]);
  }
  *pOut = value_str_copy(pCtx->pArena, z, (size_t)n);
}

/* ---- The table ------------------------------------------------------------------ */

#define NN FUNCF_NULL_IN_NULL_OUT

const FuncDef func_math_defs[] = {
    {"abs", 1, 1, NN, funcMathAbs, "abs(input :: INTEGER | FLOAT) :: INTEGER | FLOAT",
     "The absolute value of a number, of the same type."},
    {"acos", 1, 1, NN, funcMathAcos, "acos(input :: FLOAT) :: FLOAT",
     "The arccosine of a number, in radians."},
    {"asin", 1, 1, NN, funcMathAsin, "asin(input :: FLOAT) :: FLOAT",
     "The arcsine of a number, in radians."},
    {"atan", 1, 1, NN, funcMathAtan, "atan(input :: FLOAT) :: FLOAT",
     "The arctangent of a number, in radians."},
    {"atan2", 2, 2, NN, funcMathAtan2, "atan2(y :: FLOAT, x :: FLOAT) :: FLOAT",
     "The arctangent2 of a set of coordinates, in radians."},
    {"ceil", 1, 1, NN, funcMathCeil, "ceil(input :: FLOAT) :: FLOAT",
     "The smallest integral FLOAT greater than or equal to a number."},
    {"cos", 1, 1, NN, funcMathCos, "cos(input :: FLOAT) :: FLOAT", "The cosine of an angle in radians."},
    {"cot", 1, 1, NN, funcMathCot, "cot(input :: FLOAT) :: FLOAT",
     "The cotangent of an angle in radians."},
    {"degrees", 1, 1, NN, funcMathDegrees, "degrees(input :: FLOAT) :: FLOAT",
     "Converts radians to degrees."},
    {"e", 0, 0, 0, funcMathE, "e() :: FLOAT", "Euler's number, the base of the natural logarithm."},
    {"exp", 1, 1, NN, funcMathExp, "exp(input :: FLOAT) :: FLOAT", "e raised to the power of a number."},
    {"floor", 1, 1, NN, funcMathFloor, "floor(input :: FLOAT) :: FLOAT",
     "The largest integral FLOAT less than or equal to a number."},
    {"haversin", 1, 1, NN, funcMathHaversin, "haversin(input :: FLOAT) :: FLOAT",
     "Half the versine of a number."},
    {"isNaN", 1, 1, NN, funcMathIsNaN, "isNaN(input :: INTEGER | FLOAT) :: BOOLEAN",
     "Whether a number is NaN."},
    {"log", 1, 1, NN, funcMathLog, "log(input :: FLOAT) :: FLOAT", "The natural logarithm of a number."},
    {"log10", 1, 1, NN, funcMathLog10, "log10(input :: FLOAT) :: FLOAT",
     "The common (base 10) logarithm of a number."},
    {"pi", 0, 0, 0, funcMathPi, "pi() :: FLOAT", "The mathematical constant pi."},
    {"radians", 1, 1, NN, funcMathRadians, "radians(input :: FLOAT) :: FLOAT",
     "Converts degrees to radians."},
    {"rand", 0, 0, FUNCF_VOLATILE, funcMathRand, "rand() :: FLOAT",
     "A random FLOAT in the range from 0 (inclusive) to 1 (exclusive)."},
    {"randomUUID", 0, 0, FUNCF_VOLATILE, funcMathRandomUuid, "randomUUID() :: STRING",
     "A random (version 4) UUID, e.g. '3f2a…-4…'."},
    {"round", 1, 3, NN, funcMathRound,
     "round(value :: FLOAT, precision :: INTEGER?, mode :: STRING?) :: FLOAT",
     "A number rounded to the nearest integer, or to a precision with a rounding mode."},
    {"sign", 1, 1, NN, funcMathSign, "sign(input :: INTEGER | FLOAT) :: INTEGER",
     "The signum of a number: -1, 0 or 1."},
    {"sin", 1, 1, NN, funcMathSin, "sin(input :: FLOAT) :: FLOAT", "The sine of an angle in radians."},
    {"sqrt", 1, 1, NN, funcMathSqrt, "sqrt(input :: FLOAT) :: FLOAT", "The square root of a number."},
    {"tan", 1, 1, NN, funcMathTan, "tan(input :: FLOAT) :: FLOAT",
     "The tangent of an angle in radians."},
};

const int func_math_count = ARRAY_SIZE(func_math_defs);
