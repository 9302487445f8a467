/*
** render_api.h — RENDER over HTTP, for the explorer page and for curl:
**
**   GET  /render/style   RENDER's drawing conventions as JSON
**                        (tg_render_style_json), so that the page draws
**                        nodes and relationships as RENDER does;
**   POST /render         {"statement": "...", "parameters": {...},
**                        "format": "svg"|"dot"|"png"|"json"|"pdf",
**                        "layout": "dot"|"sfdp"|..., "direction": "LR"|...,
**                        "title": "...", "legend": true|false,
**                        "maxNodes": n, "maxRelationships": n}
**                        runs the read statement and answers with the
**                        drawing of every node, relationship and path its
**                        rows hold (tg_render_stmt), or an error as the
**                        Query API writes one.
*/
#ifndef TANGLE_SERVER_RENDER_API_H
#define TANGLE_SERVER_RENDER_API_H

#include "server/http.h"

/* The handler of /render and /render/style (an HttpHandlerFn): pArg is
** the server's const ServeConfig * (or NULL: no time limit beyond the
** connection's own timeout setting). */
void render_api_handle(void *pArg, const HttpRequest *pReq, HttpReply *pReply);

#endif /* TANGLE_SERVER_RENDER_API_H */
