/*
** complete.c — what Tab offers (see complete.h).
**
** The context is found with a light forward scan of the text (quotes,
** comments and the stack of open brackets), then a look at the word
** before the cursor and the character before it. It does not parse
** Cypher; a wrong guess costs a useless list, never a wrong statement.
*/
#include "complete.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "meta.h"
#include "remote.h"

/* ---- Types ------------------------------------------------------------------ */

/* A list of names read from the database (owned strings). */
typedef struct CompleteList {
  char **az;
  int n;
} CompleteList;

/* Names for completion, cached on the Shell. */
struct CompleteCache {
  bool bGraphLoaded;       /* labels, types and keys are loaded */
  unsigned iGen;           /* Shell.iDataGen when they were */
  CompleteList labels;     /* db.labels() */
  CompleteList types;      /* db.relationshipTypes() */
  CompleteList keys;       /* db.propertyKeys() */
  bool bCatalogLoaded;     /* functions and procedures are loaded */
  CompleteList funcs;      /* dbms.functions() */
  CompleteList procs;      /* dbms.procedures() */
};

/* Cypher keywords offered at the start of a word. Single words only. */
static const char *const azCompleteKeyword[] = {
    "ALL", "AND", "ANY", "AS", "ASC", "ASCENDING", "BY", "CALL", "CASE", "CONSTRAINT", "CONTAINS",
    "CREATE", "CSV", "DELETE", "DESC", "DESCENDING", "DETACH", "DIRECTION", "DISTINCT", "DROP",
    "ELSE", "END", "ENDS", "EXISTS", "EXPLAIN", "FALSE", "FIELDTERMINATOR", "FINISH", "FOR", "FOREACH",
    "FROM", "HEADERS", "IF", "IN", "INDEX", "IS", "LIMIT", "LOAD", "MATCH", "MERGE", "NODETACH", "NONE",
    "NOT", "NULL", "ON", "OPTIONAL", "OPTIONS", "OR", "ORDER", "PROFILE", "REDUCE", "REMOVE",
    "RENDER", "REQUIRE", "RETURN", "SET", "SINGLE", "SKIP", "STARTS", "THEN", "TO", "TRUE",
    "UNION", "UNIQUE", "UNWIND", "USING", "WHEN", "WHERE", "WITH", "XOR", "YIELD",
    "shortestPath", "allShortestPaths",
};

/* ---- Candidate lists ------------------------------------------------------------ */

static void completeAdd(CompleteResult *p, const char *z, size_t n, char cAfter) {
  if (p->n == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 32;
    p->a = realloc(p->a, sizeof(CompleteItem) * (size_t)p->nAlloc);
    if (p->a == NULL) abort();
  }
  p->a[p->n].z = strndup(z, n);
  if (p->a[p->n].z == NULL) abort();
  p->a[p->n].cAfter = cAfter;
  p->n++;
}

static int completeCmp(const void *pA, const void *pB) {
  const CompleteItem *a = pA, *b = pB;
  int c = strcasecmp(a->z, b->z);
  return c ? c : strcmp(a->z, b->z);
}

/* Sorts the candidates and drops repeats. */
static void completeFinish(CompleteResult *p) {
  if (p->n > 1) qsort(p->a, (size_t)p->n, sizeof(CompleteItem), completeCmp);
  int j = 0;
  for (int i = 0; i < p->n; i++) {
    if (j > 0 && strcmp(p->a[j - 1].z, p->a[i].z) == 0) {
      free(p->a[i].z);
      continue;
    }
    p->a[j++] = p->a[i];
  }
  p->n = j;
}

void complete_result_free(CompleteResult *p) {
  for (int i = 0; i < p->n; i++) free(p->a[i].z);
  free(p->a);
  memset(p, 0, sizeof(*p));
}

/* Does zName start with zPrefix (nPrefix bytes), ignoring ASCII case? */
static bool completeHasPrefix(const char *zName, const char *zPrefix, size_t nPrefix) {
  return strncasecmp(zName, zPrefix, nPrefix) == 0;
}

/* ---- The name cache ----------------------------------------------------------------- */

static void completeListFree(CompleteList *p) {
  for (int i = 0; i < p->n; i++) free(p->az[i]);
  free(p->az);
  p->az = NULL;
  p->n = 0;
}

/* Reads the first column of every row of zQuery into *p (replacing it).
** With --connect the server is asked; when it does not answer (inside a
** transaction, where a failing query would end it), the list is kept as
** it was, and the names of functions and procedures (bCatalog) are the
** local engine's. */
static void completeListLoad(Shell *s, CompleteList *p, const char *zQuery, bool bCatalog) {
  if (s->pRemote) {
    int n = 0;
    char **az = remote_query_strings(s, zQuery, &n);
    if (az) {
      completeListFree(p);
      p->az = az;
      p->n = n;
      return;
    }
    if (!bCatalog) return;
  }
  completeListFree(p);
  tg_stmt *pStmt = NULL;
  if (tg_prepare(s->pDb, zQuery, -1, &pStmt, NULL) != TG_OK || pStmt == NULL) return;
  int nAlloc = 0;
  while (tg_step(pStmt) == TG_ROW) {
    const char *z = tg_column_text(pStmt, 0);
    if (z == NULL) continue;
    if (p->n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 64;
      p->az = realloc(p->az, sizeof(char *) * (size_t)nAlloc);
      if (p->az == NULL) abort();
    }
    p->az[p->n] = strdup(z);
    if (p->az[p->n] == NULL) abort();
    p->n++;
  }
  tg_finalize(pStmt);
}

/* The cache, loaded or refreshed as needed. */
static struct CompleteCache *completeCache(Shell *s) {
  struct CompleteCache *c = s->pComplete;
  if (c == NULL) {
    c = calloc(1, sizeof(*c));
    if (c == NULL) abort();
    s->pComplete = c;
  }
  if (!c->bGraphLoaded || c->iGen != s->iDataGen) {
    completeListLoad(s, &c->labels, "CALL db.labels() YIELD label RETURN label", false);
    completeListLoad(s, &c->types, "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType", false);
    completeListLoad(s, &c->keys, "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey", false);
    c->bGraphLoaded = true;
    c->iGen = s->iDataGen;
  }
  if (!c->bCatalogLoaded) {
    completeListLoad(s, &c->funcs, "CALL dbms.functions() YIELD name RETURN name", true);
    completeListLoad(s, &c->procs, "CALL dbms.procedures() YIELD name RETURN name", true);
    c->bCatalogLoaded = true;
  }
  return c;
}

void complete_cache_free(Shell *s) {
  struct CompleteCache *c = s->pComplete;
  if (c == NULL) return;
  completeListFree(&c->labels);
  completeListFree(&c->types);
  completeListFree(&c->keys);
  completeListFree(&c->funcs);
  completeListFree(&c->procs);
  free(c);
  s->pComplete = NULL;
}

/* ---- Words ----------------------------------------------------------------------------- */

/* Can byte c be part of an unquoted Cypher name? (Any non-ASCII byte
** counts: names may be Arabic or Japanese.) */
static bool completeNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (unsigned char)c >= 0x80;
}

/* Is z a name that needs no backticks? */
static bool completePlainName(const char *z) {
  if (*z == 0 || (*z >= '0' && *z <= '9')) return false;
  for (; *z; z++) {
    if (!completeNameChar(*z)) return false;
  }
  return true;
}

/* Adds the names of pList that start with the word, quoted with
** backticks when they need it. */
static void completeAddNames(CompleteResult *p, const CompleteList *pList, const char *zWord,
                             size_t nWord, char cAfter) {
  for (int i = 0; i < pList->n; i++) {
    const char *z = pList->az[i];
    if (!completeHasPrefix(z, zWord, nWord)) continue;
    if (completePlainName(z)) {
      completeAdd(p, z, strlen(z), cAfter);
    } else {
      size_t n = strlen(z);
      char *zQ = malloc(n + 3);
      if (zQ == NULL) abort();
      zQ[0] = '`';
      memcpy(zQ + 1, z, n);
      zQ[n + 1] = '`';
      zQ[n + 2] = 0;
      completeAdd(p, zQ, n + 2, cAfter);
      free(zQ);
    }
  }
}

/* Adds keywords starting with the word, in the word's case: all lower
** case if the word is, else as written in the table. */
static void completeAddKeywords(CompleteResult *p, const char *zWord, size_t nWord) {
  bool bLower = false, bUpper = false;
  for (size_t i = 0; i < nWord; i++) {
    bLower |= zWord[i] >= 'a' && zWord[i] <= 'z';
    bUpper |= zWord[i] >= 'A' && zWord[i] <= 'Z';
  }
  for (size_t i = 0; i < sizeof(azCompleteKeyword) / sizeof(azCompleteKeyword[0]); i++) {
    const char *zKw = azCompleteKeyword[i];
    if (!completeHasPrefix(zKw, zWord, nWord)) continue;
    char zBuf[32];
    size_t n = strlen(zKw);
    if (n >= sizeof(zBuf)) continue;
    memcpy(zBuf, zKw, n + 1);
    bool bAllCaps = true;
    for (size_t k = 0; k < n; k++) bAllCaps &= !(zKw[k] >= 'a' && zKw[k] <= 'z');
    if (bLower && !bUpper && bAllCaps) {
      for (size_t k = 0; k < n; k++) {
        if (zBuf[k] >= 'A' && zBuf[k] <= 'Z') zBuf[k] = (char)(zBuf[k] - 'A' + 'a');
      }
    }
    completeAdd(p, zBuf, n, bAllCaps ? ' ' : '(');
  }
}

/* Adds the variables the statement names so far: a name right after '('
** or '[' (a pattern variable), after AS, or before '=' (a path
** variable), other than the word itself at iWord. */
static void completeAddVariables(CompleteResult *p, const char *zText, size_t iWord,
                                 const char *zWord, size_t nWord) {
  size_t n = strlen(zText);
  for (size_t i = 0; i < n;) {
    if (!completeNameChar(zText[i]) || (i > 0 && completeNameChar(zText[i - 1]))) {
      i++;
      continue;
    }
    size_t iEnd = i;
    while (iEnd < n && completeNameChar(zText[iEnd])) iEnd++;
    bool bVar = false;
    size_t k = i;
    while (k > 0 && (zText[k - 1] == ' ' || zText[k - 1] == '\t' || zText[k - 1] == '\n')) k--;
    if (k > 0 && (zText[k - 1] == '(' || zText[k - 1] == '[') && (k < 2 || zText[k - 2] != '$')) bVar = true;
    if (k >= 3 && strncasecmp(zText + k - 3, " AS", 3) == 0) bVar = true;
    size_t j = iEnd;
    while (j < n && (zText[j] == ' ' || zText[j] == '\t')) j++;
    if (j < n && zText[j] == '=' && (j + 1 >= n || zText[j + 1] != '~')) bVar = true;
    if (i > 0 && (zText[i - 1] == ':' || zText[i - 1] == '.' || zText[i - 1] == '$')) bVar = false;
    if (zText[i] >= '0' && zText[i] <= '9') bVar = false;
    if (bVar && i != iWord && iEnd - i > nWord && completeHasPrefix(zText + i, zWord, nWord)) {
      completeAdd(p, zText + i, iEnd - i, 0);
    }
    i = iEnd;
  }
}

/* Adds file names that complete zWord (a path, maybe starting "~/"). */
static void completeAddFiles(CompleteResult *p, const char *zWord) {
  const char *zSlash = strrchr(zWord, '/');
  size_t nDir = zSlash ? (size_t)(zSlash - zWord + 1) : 0;
  const char *zBase = zWord + nDir;
  size_t nBase = strlen(zBase);
  char zDir[4096];
  const char *zHome = getenv("HOME");
  if (nDir == 0) {
    snprintf(zDir, sizeof(zDir), ".");
  } else if (zWord[0] == '~' && zWord[1] == '/' && zHome) {
    snprintf(zDir, sizeof(zDir), "%s%.*s", zHome, (int)nDir - 1, zWord + 1);
  } else {
    snprintf(zDir, sizeof(zDir), "%.*s", (int)nDir, zWord);
  }
  DIR *d = opendir(zDir);
  if (d == NULL) return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    const char *zName = e->d_name;
    if (strcmp(zName, ".") == 0 || strcmp(zName, "..") == 0) continue;
    if (zName[0] == '.' && zBase[0] != '.') continue;
    if (strncmp(zName, zBase, nBase) != 0) continue;
    bool bDir = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
      char zPath[8192];
      struct stat st;
      snprintf(zPath, sizeof(zPath), "%s/%s", zDir, zName);
      bDir = stat(zPath, &st) == 0 && S_ISDIR(st.st_mode);
    }
    size_t n = nDir + strlen(zName) + 2;
    char *z = malloc(n);
    if (z == NULL) abort();
    snprintf(z, n, "%.*s%s%s", (int)nDir, zWord, zName, bDir ? "/" : "");
    completeAdd(p, z, strlen(z), bDir ? 0 : ' ');
    free(z);
  }
  closedir(d);
}

/* ---- Commands ---------------------------------------------------------------------------- */

/* Completes a :command line (zText starts with ':' after spaces). */
static void completeCommand(Shell *s, const char *zText, CompleteResult *p) {
  const char *zColon = strchr(zText, ':');
  const char *zName = zColon + 1;
  size_t nName = strcspn(zName, " \t");
  if (zName[nName] == 0) {
    /* Still typing the command name. */
    p->iStart = (size_t)(zColon - zText);
    for (int i = 0; i < meta_command_count; i++) {
      const MetaCommand *c = &meta_commands[i];
      if (strncmp(c->zName, zName, nName) != 0) continue;
      char zBuf[64];
      snprintf(zBuf, sizeof(zBuf), ":%s", c->zName);
      completeAdd(p, zBuf, strlen(zBuf), c->eArg == META_ARG_NONE ? 0 : ' ');
    }
    return;
  }
  char zCmd[64];
  snprintf(zCmd, sizeof(zCmd), "%.*s", (int)(nName < 63 ? nName : 63), zName);
  const MetaCommand *c = meta_find(zCmd);
  if (c == NULL) return;
  const char *zArgStart = zName + nName;
  while (*zArgStart == ' ' || *zArgStart == '\t') zArgStart++;
  /* The argument word: for files, the whole argument; else the last word. */
  const char *zWord = zArgStart;
  if (c->eArg != META_ARG_FILE) {
    const char *zSp = strrchr(zArgStart, ' ');
    if (zSp) zWord = zSp + 1;
  }
  size_t nWord = strlen(zWord);
  p->iStart = (size_t)(zWord - zText);
  switch (c->eArg) {
    case META_ARG_NONE: break;
    case META_ARG_TOPIC:
      for (int i = 0; i < meta_command_count; i++) {
        if (strncmp(meta_commands[i].zName, zWord, nWord) == 0) {
          completeAdd(p, meta_commands[i].zName, strlen(meta_commands[i].zName), 0);
        }
      }
      for (int i = 0; i < meta_topic_count; i++) {
        if (strncmp(meta_topics[i].zName, zWord, nWord) == 0) {
          completeAdd(p, meta_topics[i].zName, strlen(meta_topics[i].zName), 0);
        }
      }
      break;
    case META_ARG_FILE: completeAddFiles(p, zWord); break;
    case META_ARG_FORMAT:
      for (int i = 0; i < FORMAT__COUNT; i++) {
        const char *z = format_kind_name((FormatKind)i);
        if (strncmp(z, zWord, nWord) == 0) completeAdd(p, z, strlen(z), 0);
      }
      break;
    case META_ARG_ONOFF:
      if (strncmp("on", zWord, nWord) == 0) completeAdd(p, "on", 2, 0);
      if (strncmp("off", zWord, nWord) == 0) completeAdd(p, "off", 3, 0);
      break;
    case META_ARG_PARAM:
      if (zWord != zArgStart) break;   /* only the name is completed */
      for (int i = 0; i < s->nParam; i++) {
        if (strncmp(s->aParam[i].zName, zWord, nWord) == 0) {
          completeAdd(p, s->aParam[i].zName, strlen(s->aParam[i].zName), ' ');
        }
      }
      break;
    case META_ARG_WORDS:
      for (const char *z = c->zWords; z && *z;) {
        size_t n = strcspn(z, " ");
        if (n >= nWord && strncmp(z, zWord, nWord) == 0) completeAdd(p, z, n, 0);
        z += n;
        while (*z == ' ') z++;
      }
      break;
  }
}

/* ---- Cypher ------------------------------------------------------------------------------- */

/* What the forward scan learns about the end of the text. */
typedef struct CompleteScan {
  bool bInQuote;           /* the end is inside a string or quoted name */
  bool bInComment;         /* ... or inside a comment */
  char cBracket;           /* innermost open bracket: '(', '[', '{' or 0 */
  bool bRelBracket;        /* that '[' opens a relationship pattern */
} CompleteScan;

/* Scans z[0..n) as the lexer would (quotes, comments, brackets) and
** reports the state at its end. Brackets nested deeper than 64 are
** counted, not remembered. */
static void completeScan(const char *z, size_t n, CompleteScan *pOut) {
  enum { MAXDEPTH = 64 };
  char aStack[MAXDEPTH];
  bool abRel[MAXDEPTH];
  int nStack = 0, nOver = 0;
  char cQuote = 0;
  bool bLine = false, bBlock = false;
  for (size_t i = 0; i < n; i++) {
    char c = z[i], cNext = i + 1 < n ? z[i + 1] : 0;
    if (bLine) {
      bLine = c != '\n';
      continue;
    }
    if (bBlock) {
      if (c == '*' && cNext == '/') bBlock = false, i++;
      continue;
    }
    if (cQuote) {
      if (c == '\\' && cQuote != '`') i++;
      else if (c == cQuote) cQuote = 0;
      continue;
    }
    if (c == '/' && cNext == '/') bLine = true, i++;
    else if (c == '/' && cNext == '*') bBlock = true, i++;
    else if (c == '\'' || c == '"' || c == '`') cQuote = c;
    else if (c == '(' || c == '[' || c == '{') {
      if (nStack == MAXDEPTH) {
        nOver++;
        continue;
      }
      size_t k = i;
      while (k > 0 && (z[k - 1] == ' ' || z[k - 1] == '\t' || z[k - 1] == '\n')) k--;
      abRel[nStack] = c == '[' && k > 0 && (z[k - 1] == '-' || z[k - 1] == '<');
      aStack[nStack++] = c;
    } else if (c == ')' || c == ']' || c == '}') {
      if (nOver) nOver--;
      else if (nStack) nStack--;
    }
  }
  pOut->bInQuote = cQuote != 0;
  pOut->bInComment = bLine || bBlock;
  pOut->cBracket = nStack ? aStack[nStack - 1] : 0;
  pOut->bRelBracket = nStack ? abRel[nStack - 1] : false;
}

/* Where the run of name characters that ends at z + iEnd starts. */
static size_t completeWordStart(const char *z, size_t iEnd) {
  size_t i = iEnd;
  while (i > 0 && completeNameChar(z[i - 1])) i--;
  return i;
}

/* Completes inside a Cypher statement. */
static void completeCypher(Shell *s, const char *zText, CompleteResult *p) {
  size_t n = strlen(zText);
  CompleteScan scan;
  completeScan(zText, n, &scan);
  if (scan.bInQuote || scan.bInComment) return;
  size_t iWord = completeWordStart(zText, n);
  const char *zWord = zText + iWord;
  size_t nWord = n - iWord;
  char cBefore = iWord > 0 ? zText[iWord - 1] : 0;
  p->iStart = iWord;
  struct CompleteCache *c = completeCache(s);

  if (cBefore == '$') {
    for (int i = 0; i < s->nParam; i++) {
      if (completeHasPrefix(s->aParam[i].zName, zWord, nWord)) {
        completeAdd(p, s->aParam[i].zName, strlen(s->aParam[i].zName), 0);
      }
    }
    return;
  }
  /* After ':' (or '|' between alternatives): a label or a type. Spaces may
  ** come between the ':' and the word. */
  size_t k = iWord;
  while (k > 0 && (zText[k - 1] == ' ' || zText[k - 1] == '\t')) k--;
  char cSep = k > 0 ? zText[k - 1] : 0;
  if ((cSep == ':' || cSep == '|') && scan.cBracket != '{') {
    bool bType = scan.cBracket == '[' && scan.bRelBracket;
    if (cSep == '|' && !bType && scan.cBracket != '(') return;
    completeAddNames(p, bType ? &c->types : &c->labels, zWord, nWord, 0);
    return;
  }
  /* A dotted name: a function or procedure (date.truncate, db.labels) or
  ** a property (n.name). */
  size_t iDotted = iWord;
  while (iDotted > 1 && zText[iDotted - 1] == '.' && completeNameChar(zText[iDotted - 2])) {
    iDotted = completeWordStart(zText, iDotted - 1);
  }
  size_t iPrev = iDotted;
  while (iPrev > 0 && (zText[iPrev - 1] == ' ' || zText[iPrev - 1] == '\t' || zText[iPrev - 1] == '\n')) iPrev--;
  size_t iPrevWord = completeWordStart(zText, iPrev);
  bool bAfterCall = iPrev - iPrevWord == 4 && strncasecmp(zText + iPrevWord, "CALL", 4) == 0;
  if (iDotted < iWord) {
    const char *zDotted = zText + iDotted;
    size_t nDotted = n - iDotted, nHead = iWord - 1 - iDotted;
    bool bNamespace = false;
    for (int pass = 0; pass < 2; pass++) {
      const CompleteList *pList = pass == 0 ? &c->procs : &c->funcs;
      if (pass == 1 && bAfterCall) break;
      for (int i = 0; i < pList->n; i++) {
        const char *zName = pList->az[i];
        if (strncasecmp(zName, zDotted, nHead + 1) == 0) bNamespace = true;
        if (completeHasPrefix(zName, zDotted, nDotted)) completeAdd(p, zName, strlen(zName), '(');
      }
    }
    if (bNamespace || bAfterCall) {
      p->iStart = iDotted;
      return;
    }
    completeAddNames(p, &c->keys, zWord, nWord, 0);
    return;
  }
  if (bAfterCall) {
    for (int i = 0; i < c->procs.n; i++) {
      if (completeHasPrefix(c->procs.az[i], zWord, nWord)) {
        completeAdd(p, c->procs.az[i], strlen(c->procs.az[i]), '(');
      }
    }
    return;
  }
  if (nWord == 0) return;   /* everything would be too much */
  if (zWord[0] >= '0' && zWord[0] <= '9') return;
  completeAddKeywords(p, zWord, nWord);
  for (int i = 0; i < c->funcs.n; i++) {
    const char *zName = c->funcs.az[i];
    if (strchr(zName, '.') == NULL && completeHasPrefix(zName, zWord, nWord)) {
      completeAdd(p, zName, strlen(zName), '(');
    }
  }
  completeAddVariables(p, zText, iWord, zWord, nWord);
}

/* ---- API ------------------------------------------------------------------------------------- */

void complete_find(Shell *s, const char *zText, CompleteResult *p) {
  p->n = 0;
  p->iStart = strlen(zText);
  const char *z = zText + strspn(zText, " \t");
  if (*z == ':' && strchr(z, '\n') == NULL) completeCommand(s, zText, p);
  else completeCypher(s, zText, p);
  completeFinish(p);
}
