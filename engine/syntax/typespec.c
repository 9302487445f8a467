/*
** typespec.c — the names of Cypher's value types and their synonyms
** (typespec.h).
*/
#include "syntax/typespec.h"

#include <string.h>
#include <strings.h>

static const char *const azTypeName[TYPE__COUNT] = {
    "ANY", "NOTHING", "NULL", "BOOLEAN", "STRING", "INTEGER", "FLOAT", "DATE", "LOCAL TIME", "ZONED TIME",
    "LOCAL DATETIME", "ZONED DATETIME", "DURATION", "POINT", "NODE", "RELATIONSHIP", "MAP", "LIST", "PATH",
    "PROPERTY VALUE",
};

/* Every way of writing a type, as Neo4j 5's manual lists them. */
static const struct {
  const char *zWords;   /* space-separated, capitals */
  TypeName eType;
} aTypeSpelling[] = {
    {"ANY", TYPE_ANY},
    {"ANY VALUE", TYPE_ANY},
    {"NOTHING", TYPE_NOTHING},
    {"NULL", TYPE_NULL},
    {"BOOLEAN", TYPE_BOOLEAN},
    {"BOOL", TYPE_BOOLEAN},
    {"STRING", TYPE_STRING},
    {"VARCHAR", TYPE_STRING},
    {"INTEGER", TYPE_INTEGER},
    {"INT", TYPE_INTEGER},
    {"SIGNED INTEGER", TYPE_INTEGER},
    {"FLOAT", TYPE_FLOAT},
    {"DATE", TYPE_DATE},
    {"LOCAL TIME", TYPE_LOCAL_TIME},
    {"TIME WITHOUT TIME ZONE", TYPE_LOCAL_TIME},
    {"ZONED TIME", TYPE_ZONED_TIME},
    {"TIME WITH TIME ZONE", TYPE_ZONED_TIME},
    {"LOCAL DATETIME", TYPE_LOCAL_DATETIME},
    {"TIMESTAMP WITHOUT TIME ZONE", TYPE_LOCAL_DATETIME},
    {"ZONED DATETIME", TYPE_ZONED_DATETIME},
    {"TIMESTAMP WITH TIME ZONE", TYPE_ZONED_DATETIME},
    {"DURATION", TYPE_DURATION},
    {"POINT", TYPE_POINT},
    {"NODE", TYPE_NODE},
    {"ANY NODE", TYPE_NODE},
    {"VERTEX", TYPE_NODE},
    {"ANY VERTEX", TYPE_NODE},
    {"RELATIONSHIP", TYPE_RELATIONSHIP},
    {"ANY RELATIONSHIP", TYPE_RELATIONSHIP},
    {"EDGE", TYPE_RELATIONSHIP},
    {"ANY EDGE", TYPE_RELATIONSHIP},
    {"MAP", TYPE_MAP},
    {"ANY MAP", TYPE_MAP},
    {"LIST", TYPE_LIST},
    {"ARRAY", TYPE_LIST},
    {"PATH", TYPE_PATH},
    {"PROPERTY VALUE", TYPE_PROPERTY_VALUE},
    {"ANY PROPERTY VALUE", TYPE_PROPERTY_VALUE},
};

const char *typespec_name(TypeName eType) {
  return eType >= 0 && eType < TYPE__COUNT ? azTypeName[eType] : "?";
}

bool typespec_takes_inner(TypeName eType) { return eType == TYPE_LIST || eType == TYPE_ANY; }

/* Do the words match the spelling zWords (all of its words)? */
static bool typespecWordsMatch(const char *zWords, const char *const *azWord, const uint32_t *anWord,
                               uint32_t nWord, uint32_t *pnUsed) {
  uint32_t k = 0;
  const char *z = zWords;
  while (*z) {
    const char *zEnd = strchr(z, ' ');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    if (k >= nWord || anWord[k] != n || strncasecmp(azWord[k], z, n) != 0) return false;
    k++;
    z += n;
    if (*z == ' ') z++;
  }
  *pnUsed = k;
  return true;
}

int typespec_match(const char *const *azWord, const uint32_t *anWord, uint32_t nWord, uint32_t *pnUsed) {
  int eBest = -1;
  uint32_t nBest = 0;
  for (size_t i = 0; i < sizeof(aTypeSpelling) / sizeof(aTypeSpelling[0]); i++) {
    uint32_t nUsed = 0;
    if (typespecWordsMatch(aTypeSpelling[i].zWords, azWord, anWord, nWord, &nUsed) && nUsed > nBest) {
      eBest = (int)aTypeSpelling[i].eType;
      nBest = nUsed;
    }
  }
  *pnUsed = nBest;
  return eBest;
}
