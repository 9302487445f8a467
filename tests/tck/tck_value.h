/*
** tck_value.h — typed values for the TCK runner: the expected values
** written in feature files and the actual values read back from the
** engine, in one tree type so that they can be compared structurally.
**
** Expected text ("(:A {num: 1})", "[1, 2.0]", "<(:A)-[:T]->()>", "'x'")
** is parsed by tck_value_parse(); engine results are converted with
** tck_value_from_api(), which reads them only through tangle.h. Values
** own all their memory and are freed with tck_value_free().
*/
#ifndef TCK_VALUE_H
#define TCK_VALUE_H

#include <stdint.h>

#include "base/strbuf.h"
#include "tangle.h"
#include "base/vec.h"

/* Kinds of TckValue. ORDER TCKV */
typedef enum TckValueType {
  TCKV_NULL = 0,
  TCKV_BOOL,
  TCKV_INT,
  TCKV_FLOAT,
  TCKV_STRING,
  TCKV_LIST,
  TCKV_MAP,
  TCKV_NODE,
  TCKV_REL,
  TCKV_PATH,
  TCKV_TEMPORAL   /* engine results only: the ISO text in z */
} TckValueType;

/*
** A value tree. Which fields are used depends on eType:
**   BOOL  b;  INT  i;  FLOAT  r;
**   STRING, TEMPORAL  z/nZ (the bytes, NUL-terminated; TEMPORAL text has
**                     no quotes; iTemporal is the tg_type);
**   LIST  aItem;
**   MAP   aItem values and aKey keys (in the order written/read);
**   NODE  aKey labels, aItem.a[0] a MAP of properties (aItem.n = 1);
**   REL   z the type, aItem.a[0] a MAP of properties (aItem.n = 1);
**   PATH  aItem alternating NODE, REL, NODE ...; for each REL item
**         bBackward is set when it points from the later node to the
**         earlier one (written <-[...]-).
** Nodes and relationships read from the engine also carry their ids
** (iId; iStart/iEnd for relationships) so paths can find directions.
*/
typedef struct TckValue TckValue;
struct TckValue {
  TckValueType eType;  /* which fields are used */
  int b;               /* BOOL; REL inside a PATH: bBackward */
  int64_t i;           /* INT */
  double r;            /* FLOAT */
  char *z;             /* STRING/TEMPORAL bytes; REL type */
  int nZ;              /* bytes in z */
  int iTemporal;       /* TEMPORAL: its tg_type */
  VEC(TckValue *) aItem; /* LIST items, MAP values, NODE/REL properties, PATH items */
  VEC(char *) aKey;      /* MAP keys (as many as aItem) or NODE labels */
  int64_t iId, iStart, iEnd; /* engine ids (NODE, REL), -1 when not known */
};

/* Comparison flags for tck_value_equal(). */
#define TCKV_CMP_LIST_UNORDERED 0x01 /* lists compare as multisets */
#define TCKV_CMP_NUMERIC 0x02        /* INT and FLOAT compare by numeric value */

/*
** Parses expected-value text. Returns a new value, or NULL when zText is
** not a value in the TCK notation; then *pzErr (if not NULL) receives a
** message to free with tg_free().
*/
TckValue *tck_value_parse(const char *zText, char **pzErr);

/*
** Converts an engine value (borrowed; it must be current, so call this
** before the next tg_step) into a new TckValue. pDb is the database the
** value came from, used for labels, types and properties.
*/
TckValue *tck_value_from_api(tg_db *pDb, const tg_value *pVal);

/* Frees a value tree. NULL is a no-op. */
void tck_value_free(TckValue *p);

/*
** Compares an expected value with an actual one. Returns 1 when they
** match: same kind (INT 1 is not FLOAT 1.0 unless TCKV_CMP_NUMERIC), NaN
** equals NaN, an expected STRING matches an actual TEMPORAL with the same
** ISO text, nodes match by label set and properties, relationships by
** type and properties, paths item by item including directions.
*/
int tck_value_equal(const TckValue *pExp, const TckValue *pAct, int mFlags);

/* Appends the value in TCK notation to pBuf (the form expected cells use). */
void tck_value_format(StrBuf *pBuf, const TckValue *p);

#endif /* TCK_VALUE_H */
