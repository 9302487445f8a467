/*
** web_assets.h — the explorer page's files (web/), compiled into the
** binary by tools/embed.c so `tangle serve --http` works offline and
** needs no files beside it. http.c serves them at their paths.
*/
#ifndef TANGLE_SERVER_WEB_ASSETS_H
#define TANGLE_SERVER_WEB_ASSETS_H

typedef struct WebAsset {
  const char *zPath;           /* "/index.html", "/app.js", ... */
  const char *zContentType;    /* from the extension */
  const unsigned char *aData;  /* the bytes (NUL-terminated, not counted) */
  unsigned nData;
} WebAsset;

extern const WebAsset web_assets[];
extern const unsigned web_assets_count;

#endif /* TANGLE_SERVER_WEB_ASSETS_H */
