/*
** typespec.h — Cypher's value types as Neo4j 5 writes them in type
** predicates (x IS :: INTEGER, x :: LIST<STRING> NOT NULL, x IS TYPED
** ANY<NODE | RELATIONSHIP>).
**
** The parser (parse.c) reads a type from the statement's tokens, names
** and synonyms in any case, into one canonical text: names in capitals,
** "LIST<T>", "ANY<T | U>", unions joined by " | ", " NOT NULL" after a
** type that excludes null. That text is what the predicate carries to run
** time (eval/func_convert.c checks values against it) and what EXPLAIN
** and column names show. Nesting is bounded by TYPESPEC_MAX_DEPTH.
*/
#ifndef TANGLE_TYPESPEC_H
#define TANGLE_TYPESPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TYPESPEC_MAX_DEPTH 16   /* LIST<LIST<...>> levels */

/* The types, one per canonical name. */
typedef enum TypeName {
  TYPE_ANY = 0, TYPE_NOTHING, TYPE_NULL, TYPE_BOOLEAN, TYPE_STRING, TYPE_INTEGER, TYPE_FLOAT,
  TYPE_DATE, TYPE_LOCAL_TIME, TYPE_ZONED_TIME, TYPE_LOCAL_DATETIME, TYPE_ZONED_DATETIME,
  TYPE_DURATION, TYPE_POINT, TYPE_NODE, TYPE_RELATIONSHIP, TYPE_MAP, TYPE_LIST, TYPE_PATH,
  TYPE_PROPERTY_VALUE, TYPE__COUNT
} TypeName;

/* The canonical spelling of a type ("LOCAL DATETIME"). */
const char *typespec_name(TypeName eType);

/*
** Which type the words azWord[0..nWord) begin with (each word with its
** length in anWord; any case): the longest name or synonym that matches
** ("TIME WITHOUT TIME ZONE" is LOCAL TIME). Sets *pnUsed to the words it
** takes; returns -1 when no type name starts there.
*/
int typespec_match(const char *const *azWord, const uint32_t *anWord, uint32_t nWord, uint32_t *pnUsed);

/* Can this type be followed by <...> (LIST, and ANY for a union)? */
bool typespec_takes_inner(TypeName eType);

#endif /* TANGLE_TYPESPEC_H */
