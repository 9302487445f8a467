/*
** proc.h — procedures callable with CALL.
**
** A procedure has a dotted name, typed inputs and typed outputs (none for
** a VOID procedure). Built-in ones (db.labels(), db.relationshipTypes(),
** db.propertyKeys(), db.indexes(), dbms.procedures(), dbms.functions(),
** tangle.find()) are C functions here; embedders and the TCK runner add
** theirs through tg_create_procedure(). A call runs once per input row and
** yields zero or more rows of outputs.
*/
#ifndef TANGLE_PROC_H
#define TANGLE_PROC_H

#include "base/vec.h"
#include "eval/exec_ctx.h"
#include "tangle.h"

typedef struct ProcParam {
  const char *zName;       /* parameter or output name */
  TypeMask tm;             /* accepted types (null included when nullable) */
  const char *zType;       /* as declared, for listings */
  bool bOptional;          /* "name = default :: T": may be left out (then null) */
} ProcParam;

struct tg_proc_ctx;

typedef struct ProcDef {
  char *zName;             /* dotted name, case-sensitive as registered */
  uint32_t nIn, nOut;
  uint32_t nRequired;      /* leading inputs a call must give (the rest are optional) */
  ProcParam *aIn, *aOut;
  /* Built-in implementation: emits rows through proc_emit(). */
  bool (*xBuiltin)(struct tg_proc_ctx *pCall, const Value *aArg);
  tg_proc_fn xProc;        /* embedder's implementation */
  void *pArg;
  void (*xDestroy)(void *);
  const char *zDescription;
  char *zSignature;        /* "(a :: INTEGER?) :: (b :: STRING?)" */
} ProcDef;

/* What a running call sees. */
struct tg_proc_ctx {
  ExecCtx *pCtx;
  const ProcDef *pDef;
  Arena *pA;               /* output values live here */
  VEC(Value *) rows;       /* emitted rows (nOut values each) */
  bool bFailed;
};

void proc_register_builtins(struct tg_db *pDb);
void proc_free_all(struct tg_db *pDb);
const ProcDef *proc_find(struct tg_db *pDb, const char *zName);
int proc_create(struct tg_db *pDb, const char *zName, const char *zSignature, tg_proc_fn xProc,
                void *pArg, void (*xDestroy)(void *), TgError *pErr);
/* Appends one output row (values are copied). */
void proc_emit(struct tg_proc_ctx *pCall, const Value *aOut);

#endif /* TANGLE_PROC_H */
