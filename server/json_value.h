/*
** json_value.h — JSON to Tangle values and back, as Neo4j's Query API
** writes them: for the HTTP handlers (query_api.c, render_api.c).
**
** Two forms:
**   plain JSON   null, true, 1, 1.5, "text", [...], {...}; a node is
**                {"elementId","labels","properties"}, a relationship
**                {"elementId","startNodeElementId","endNodeElementId",
**                "type","properties"}, a path the list of its nodes and
**                relationships in order, a temporal value its ISO 8601
**                text, a point its well-known text with the srid
**                ("SRID=4326;POINT (12.5 55.6)", "SRID=9157;POINT Z (1.0
**                2.0 3.0)");
**   typed JSON   every value is {"$type": T, "_value": V} (the media type
**                application/vnd.neo4j.query): Null, Boolean, Integer
**                (V a decimal string), Float (V a string: "1.5", "NaN",
**                "Infinity"), String, List, Map, Date, Time, LocalTime,
**                LocalDateTime, OffsetDateTime, ZonedDateTime, Duration
**                (V ISO text), Point (V the text above), Node
**                {_element_id, _labels, _properties},
**                Relationship {_element_id, _start_node_element_id,
**                _end_node_element_id, _type, _properties}, Path.
** Element ids are elementId()'s: "n12" for node 12, "r7" for relationship
** 7, so an id read from a reply matches `elementId(n) = $id`.
**
** Parameters may be written in either form, mixed: an object of exactly
** the two keys "$type" and "_value" is a typed value, any other object a
** map. Tangle has no byte arrays: Base64 is refused, as are Node,
** Relationship and Path (not values a client can make).
** Both directions bound their depth: parameters nest at most
** JV_MAX_DEPTH lists and maps (an error past it), and the writer keeps
** its own stack on the heap.
*/
#ifndef TANGLE_SERVER_JSON_VALUE_H
#define TANGLE_SERVER_JSON_VALUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "tangle.h"

/* Lists and maps a parameter may nest. */
#define JV_MAX_DEPTH 100

/*
** Binds the members of the JSON object pParams (NULL: none) to the
** parameters pStmt uses, by name; members the statement does not use are
** ignored, and parameters left unbound fail the statement when it runs
** (ParameterMissing). False on a value that cannot be a parameter, with
** zErr naming the parameter and the place inside it:
** "parameter $p[2].when: "2024-13-01" is not a Date".
*/
bool jv_bind_params(tg_stmt *pStmt, json_t *pParams, char *zErr, size_t nErr);

/* Appends v to pOut as plain (bTyped false) or typed JSON. pDb reads the
** labels, types and properties of nodes and relationships. */
void jv_write_value(StrBuf *pOut, tg_db *pDb, const tg_value *v, bool bTyped);

#endif /* TANGLE_SERVER_JSON_VALUE_H */
