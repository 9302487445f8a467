/*
** error.h — the one error record every stage fills in.
**
** A TgError holds the kind (tg_errcode from tangle.h), the openCypher TCK
** detail code, a message in a fixed buffer (reporting never allocates),
** and the place: a byte offset into the statement text from which line and
** column are derived, or a file and row for CSV and script errors.
**
** The first error wins: error_* functions do nothing when an error is
** already set. Every error the engine can raise is listed once in
** TG_ERROR_LIST below with its kind, TCK detail code and message format,
** so tests and the TCK runner can rely on them (the FalkorDB EMSG habit).
** An entry whose format is just "%s" is free-form: its first argument is
** a printf format for the remaining arguments.
*/
#ifndef TANGLE_ERROR_H
#define TANGLE_ERROR_H

#include <stdarg.h>

#include "base/common.h"
#include "tangle.h"

/* X(NAME, KIND, "TckDetail", "message format") */
#define TG_ERROR_LIST(X)                                                                  \
  X(SYNTAX, SYNTAX, "UnexpectedSyntax", "%s")                                            \
  X(SYNTAX_NEAR, SYNTAX, "UnexpectedSyntax", "syntax error near '%s'")                   \
  X(SYNTAX_NEAR_SUGGEST, SYNTAX, "UnexpectedSyntax", "syntax error near '%s'; did you mean %s?") \
  X(TXN_ALONE, SYNTAX, "UnexpectedSyntax", "%s stands alone: end it with ';' before the next statement (BEGIN, COMMIT and ROLLBACK each make a statement of their own)") \
  X(UNSUPPORTED_USE, SYNTAX, "UnexpectedSyntax", "%s is not supported; use %s")          \
  X(SYNTAX_INCOMPLETE, SYNTAX, "UnexpectedSyntax", "incomplete input")                   \
  X(UNRECOGNIZED_TOKEN, SYNTAX, "UnexpectedSyntax", "unrecognized token '%s'")           \
  X(UNTERMINATED, SYNTAX, "UnexpectedSyntax", "unterminated %s")                          \
  X(INVALID_NUMBER, SYNTAX, "InvalidNumberLiteral", "invalid number literal '%s'")       \
  X(INTEGER_LITERAL_OVERFLOW, SYNTAX, "IntegerOverflow", "integer literal '%s' is too large") \
  X(FLOAT_LITERAL_OVERFLOW, SYNTAX, "FloatingPointOverflow", "float literal '%s' is too large") \
  X(INVALID_UNICODE_LITERAL, SYNTAX, "InvalidUnicodeLiteral", "invalid unicode escape '%s'") \
  X(INVALID_UNICODE_CHAR, SYNTAX, "InvalidUnicodeCharacter", "invalid character in %s") \
  X(UNDEFINED_VARIABLE, SYNTAX, "UndefinedVariable", "variable `%s` is not defined")     \
  X(VARIABLE_ALREADY_BOUND, SYNTAX, "VariableAlreadyBound", "variable `%s` is already bound") \
  X(VARIABLE_SHADOWING, SYNTAX, "VariableShadowing",                                      \
    "variable `%s` shadows a variable of the outer scope; rename it")                    \
  X(VARIABLE_TYPE_CONFLICT, SYNTAX, "VariableTypeConflict", "variable `%s` is %s, not %s") \
  X(INVALID_ARGUMENT_TYPE_C, SYNTAX, "InvalidArgumentType", "%s")                        \
  X(UNKNOWN_FUNCTION, SYNTAX, "UnknownFunction", "unknown function '%s'")                \
  X(UNKNOWN_FUNCTION_SUGGEST, SYNTAX, "UnknownFunction", "unknown function '%s'; did you mean %s?") \
  X(WRONG_ARG_COUNT, SYNTAX, "InvalidNumberOfArguments", "%s() takes %s argument%s, got %d") \
  X(INVALID_AGGREGATION, SYNTAX, "InvalidAggregation", "%s")                             \
  X(NESTED_AGGREGATION, SYNTAX, "NestedAggregation", "aggregate functions cannot be nested") \
  X(AMBIGUOUS_AGGREGATION, SYNTAX, "AmbiguousAggregationExpression", "%s")               \
  X(NO_EXPRESSION_ALIAS, SYNTAX, "NoExpressionAlias", "expression in WITH must be aliased (use AS)") \
  X(COLUMN_NAME_CONFLICT, SYNTAX, "ColumnNameConflict", "column name `%s` is used twice") \
  X(NO_VARIABLES_IN_SCOPE, SYNTAX, "NoVariablesInScope", "RETURN * / WITH * with no variables in scope") \
  X(DIFFERENT_COLUMNS_IN_UNION, SYNTAX, "DifferentColumnsInUnion", "all parts of a UNION must return the same column names") \
  X(INVALID_CLAUSE_COMPOSITION, SYNTAX, "InvalidClauseComposition", "%s")               \
  X(NON_CONSTANT_EXPRESSION, SYNTAX, "NonConstantExpression", "%s must be a constant expression") \
  X(NEGATIVE_INTEGER_ARGUMENT_C, SYNTAX, "NegativeIntegerArgument", "%s must not be negative") \
  X(INVALID_ARGUMENT_TYPE_SKIP, SYNTAX, "InvalidArgumentType", "%s must be an integer") \
  X(INVALID_PARAMETER_USE, SYNTAX, "InvalidParameterUse", "%s")                         \
  X(NO_SINGLE_REL_TYPE, SYNTAX, "NoSingleRelationshipType", "a relationship to create needs exactly one type") \
  X(REQUIRES_DIRECTED, SYNTAX, "RequiresDirectedRelationship", "a relationship to create needs a direction") \
  X(CREATING_VAR_LENGTH, SYNTAX, "CreatingVarLength", "variable-length relationships cannot be created") \
  X(INVALID_REL_PATTERN, SYNTAX, "InvalidRelationshipPattern", "%s")                    \
  X(INVALID_DELETE, SYNTAX, "InvalidDelete", "%s")                                      \
  X(REL_UNIQUENESS, SYNTAX, "RelationshipUniquenessViolation", "relationship `%s` appears twice in one pattern") \
  X(UNKNOWN_PROCEDURE, PROCEDURE, "ProcedureNotFound", "unknown procedure '%s'")         \
  X(UNKNOWN_PROCEDURE_SUGGEST, PROCEDURE, "ProcedureNotFound", "unknown procedure '%s'; did you mean %s?") \
  X(INVALID_ARG_PASSING, SYNTAX, "InvalidArgumentPassingMode", "%s")                    \
  X(MISSING_PARAMETER_C, SYNTAX, "MissingParameter", "parameter $%s is not bound")       \
  X(UNSUPPORTED, SYNTAX, "UnexpectedSyntax", "%s is not supported")                    \
  X(SEMANTIC, SEMANTIC, "", "%s")                                                        \
  X(TYPE_MISMATCH, TYPE, "InvalidArgumentType", "%s")                                    \
  X(CANNOT_CONVERT, TYPE, "InvalidArgumentValue", "%s() cannot convert a value of type %s") \
  X(PROPERTY_TYPE, TYPE, "InvalidPropertyType", "%s")                                    \
  X(MAP_ACCESS_NON_STRING, TYPE, "MapElementAccessByNonString", "a map key must be a string, not %s") \
  X(ARGUMENT_VALUE, ARGUMENT, "InvalidArgumentValue", "%s")                              \
  X(ARGUMENT_TYPE, ARGUMENT, "InvalidArgumentType", "%s")                                \
  X(TYPE_INVALID_VALUE, TYPE, "InvalidArgumentValue", "%s")                              \
  X(NUMBER_OUT_OF_RANGE, ARGUMENT, "NumberOutOfRange", "%s")                             \
  X(NEGATIVE_INTEGER_ARGUMENT, ARGUMENT, "NegativeIntegerArgument", "%s must not be negative") \
  X(INTEGER_OVERFLOW, ARGUMENT, "IntegerOverflow", "integer overflow in %s")             \
  X(DIVISION_BY_ZERO, ARGUMENT, "DivisionByZero", "division by zero")                    \
  X(DELETED_ENTITY_ACCESS, NOT_FOUND, "DeletedEntityAccess", "the %s was deleted in this statement") \
  X(DELETE_CONNECTED_NODE, CONSTRAINT, "DeleteConnectedNode", "cannot delete a node that still has relationships (use DETACH DELETE)") \
  X(MERGE_READ_OWN_WRITES, SEMANTIC, "MergeReadOwnWrites", "%s")                         \
  X(CONSTRAINT, CONSTRAINT, "", "%s")                                                   \
  X(PROCEDURE, PROCEDURE, "", "%s")                                                      \
  X(MISSING_PARAMETER, PARAMETER, "MissingParameter", "parameter $%s is not bound")      \
  X(IO, IO, "", "%s")                                                                    \
  X(LIMIT, LIMIT, "", "%s")                                                              \
  X(INTERRUPTED, INTERRUPT, "", "query interrupted")                                    \
  X(INTERNAL, INTERNAL, "", "internal error: %s")

typedef enum ErrId {
#define TG_ERRID_ENUM(NAME, KIND, DETAIL, FMT) ERR_##NAME,
  TG_ERROR_LIST(TG_ERRID_ENUM)
#undef TG_ERRID_ENUM
  ERR__COUNT,
  ERR_UNLISTED = ERR__COUNT  /* raised by error_raw(): kind and detail chosen by the caller */
} ErrId;

/* The error record. Zero-initialised means "no error". */
typedef struct TgError {
  int code;              /* TG_ERR_*; TG_ERR_NONE when clear */
  ErrId eId;             /* which TG_ERROR_LIST entry: code that must tell
                            errors apart compares this, never the text */
  bool bRuntime;         /* raised while running rather than compiling */
  const char *zDetail;   /* TCK detail code (static string) or "" */
  char zMsg[512];        /* message, NUL-terminated */
  int iOfst;             /* byte offset into the text, -1 if none */
  int iLine;             /* 1-based line, 0 if unknown */
  int iCol;              /* 1-based column in code points, 0 if unknown */
  char zFile[256];       /* file the error is in, "" if none */
  int64_t iRow;          /* 1-based row/line in zFile, 0 if none */
} TgError;

void error_clear(TgError *p);

/* Sets error eId with the message built from its format and the extra
** arguments. iOfst is the byte offset into zText (or -1); the line and
** column are computed from zText when it is given. No-op if set. */
void error_at(TgError *p, const char *zText, int iOfst, ErrId eId, ...);
void error_vat(TgError *p, const char *zText, int iOfst, ErrId eId, va_list ap);

/* Sets an error of a given kind and detail with a free-form message. */
void error_raw(TgError *p, int code, const char *zDetail, const char *zFmt, ...)
    TG_PRINTF(4, 5);

/* When p holds error eFrom, makes it error eTo (its kind and TCK detail)
** keeping the message and place, and returns true. For errors whose
** meaning depends on where they arose: an undefined variable in SKIP is a
** NonConstantExpression. */
bool error_reclassify(TgError *p, ErrId eFrom, ErrId eTo);

/* Records the file and row an error belongs to (CSV, scripts). */
void error_in_file(TgError *p, const char *zFile, int64_t iRow);

/* Fills iLine/iCol from iOfst for text zText. */
void error_locate(TgError *p, const char *zText);

const char *error_kind_name(int code);
int error_kind_of(ErrId eId);           /* the tg_errcode an ErrId raises */

#endif /* TANGLE_ERROR_H */
