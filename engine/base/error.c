/*
** error.c — the error table and the functions that fill a TgError.
*/
#include "base/error.h"

#include <stdio.h>

typedef struct ErrDef {
  int code;            /* tg_errcode */
  const char *zDetail; /* TCK detail */
  const char *zFmt;    /* message format */
} ErrDef;

static const ErrDef aErrDef[] = {
#define TG_ERRDEF(NAME, KIND, DETAIL, FMT) {TG_ERR_##KIND, DETAIL, FMT},
    TG_ERROR_LIST(TG_ERRDEF)
#undef TG_ERRDEF
};

/* ORDER ERRKIND */
static const char *const azKindName[] = {
    "",                            /* TG_ERR_NONE */
    "SyntaxError",                 /* TG_ERR_SYNTAX */
    "SemanticError",               /* TG_ERR_SEMANTIC */
    "TypeError",                   /* TG_ERR_TYPE */
    "ArgumentError",               /* TG_ERR_ARGUMENT */
    "EntityNotFound",              /* TG_ERR_NOT_FOUND */
    "ConstraintValidationFailed",  /* TG_ERR_CONSTRAINT */
    "ProcedureError",              /* TG_ERR_PROCEDURE */
    "ParameterMissing",            /* TG_ERR_PARAMETER */
    "IOError",                     /* TG_ERR_IO */
    "ResourceLimit",               /* TG_ERR_LIMIT */
    "Interrupted",                 /* TG_ERR_INTERRUPT */
    "InternalError",               /* TG_ERR_INTERNAL */
};
_Static_assert(sizeof(azKindName) / sizeof(azKindName[0]) == TG_ERR__COUNT,
               "azKindName must list every tg_errcode");

void error_clear(TgError *p) {
  memset(p, 0, sizeof(*p));
  p->iOfst = -1;
  p->zDetail = "";
}

const char *error_kind_name(int code) {
  if (code < 0 || code >= TG_ERR__COUNT) return "Error";
  return azKindName[code];
}

int error_kind_of(ErrId eId) { return aErrDef[eId].code; }

void error_locate(TgError *p, const char *zText) {
  if (zText == NULL || p->iOfst < 0) return;
  int iLine = 1, iCol = 1;
  for (int i = 0; i < p->iOfst && zText[i]; i++) {
    unsigned char c = (unsigned char)zText[i];
    if (c == '\n') {
      iLine++;
      iCol = 1;
    } else if ((c & 0xC0) != 0x80) {
      iCol++;  /* count code points: skip UTF-8 continuation bytes */
    }
  }
  p->iLine = iLine;
  p->iCol = iCol;
}

void error_vat(TgError *p, const char *zText, int iOfst, ErrId eId, va_list ap) {
  if (p->code) return;
  const ErrDef *pDef = &aErrDef[eId];
  p->code = pDef->code;
  p->eId = eId;
  p->zDetail = pDef->zDetail;
  if (strcmp(pDef->zFmt, "%s") == 0) {
    /* Free-form entries: the first argument is the message's own format. */
    const char *zUserFmt = va_arg(ap, const char *);
    vsnprintf(p->zMsg, sizeof(p->zMsg), zUserFmt ? zUserFmt : "", ap);
  } else {
    vsnprintf(p->zMsg, sizeof(p->zMsg), pDef->zFmt, ap);
  }
  p->iOfst = iOfst;
  p->iLine = p->iCol = 0;
  error_locate(p, zText);
}

void error_at(TgError *p, const char *zText, int iOfst, ErrId eId, ...) {
  va_list ap;
  va_start(ap, eId);
  error_vat(p, zText, iOfst, eId, ap);
  va_end(ap);
}

bool error_reclassify(TgError *p, ErrId eFrom, ErrId eTo) {
  if (p->code == 0 || p->eId != eFrom) return false;
  p->eId = eTo;
  p->code = aErrDef[eTo].code;
  p->zDetail = aErrDef[eTo].zDetail;
  return true;
}

void error_raw(TgError *p, int code, const char *zDetail, const char *zFmt, ...) {
  if (p->code) return;
  p->code = code;
  p->eId = ERR_UNLISTED;
  p->zDetail = zDetail ? zDetail : "";
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(p->zMsg, sizeof(p->zMsg), zFmt, ap);
  va_end(ap);
  p->iOfst = -1;
  p->iLine = p->iCol = 0;
}

void error_in_file(TgError *p, const char *zFile, int64_t iRow) {
  snprintf(p->zFile, sizeof(p->zFile), "%s", zFile ? zFile : "");
  p->iRow = iRow;
}
