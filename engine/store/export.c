/*
** export.c — the graph as neo4j-admin import CSV files (see export.h).
**
** Two passes. The first puts every node in a file of its set of labels and
** every relationship in a file of its type, each file keeping one type per
** property key: an entity goes into the first file of its group whose
** columns agree with the types of its values (adding the keys it brings),
** else into a new file of the group. It also finds what the values need:
** an array delimiter that no label and no string inside a list contains,
** and whether any string holds a line break (then both importers need
** --multiline-fields). The second pass writes each file, as NAME.tmp
** renamed to NAME once whole, then README.txt with the command lines.
**
** Values. Integers as decimal, floats as the shortest text that reads back
** to the same double (NaN, Infinity and -Infinity as Java's parseDouble
** and strtod both read them), booleans as true/false, temporal values in
** Cypher's ISO 8601 text (a datetime keeps its offset and zone name:
** 2015-07-21T21:40:32.142+02:00[Europe/Stockholm]), points as
** neo4j-admin's map text ({x:1.0, y:2.0, crs:cartesian}), lists as their
** elements joined by the array delimiter. A field is quoted (RFC 4180,
** quotes doubled) when it holds the field delimiter, a quote, a line
** break or leading or trailing blanks, and a string property that is the
** empty string is written "" (an empty unquoted field is no property).
**
** Limits, from the format. neo4j-admin reads an empty array field as no
** property and has no escape for the array delimiter; its arrays hold one
** type and no nulls. So a list that is empty, that is one empty string,
** that mixes types or holds null cannot be exported: the export fails
** naming the entity and the key, rather than writing something that would
** read back as another value. Relationship ids are not kept; node ids are
** the :ID column (neo4j-admin and Tangle number the imported nodes anew).
*/
#include "store/export.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/intern.h"
#include "base/mem.h"
#include "base/strbuf.h"
#include "base/vec.h"
#include "value/point.h"
#include "value/temporal.h"

#define EXPORT_FLUSH (256 * 1024)   /* bytes gathered before each write */
#define EXPORT_MAX_STEM 80          /* bytes of labels or type in a file name */

/* Array delimiters to choose from, in order: none of them can appear in
** the text of a number, a boolean or a temporal value. */
static const char zExportDelims[] = ";|^~!#$%&*?@";

/* ======================================================================
** Types
** ==================================================================== */

/* One property column: a key and the type of its values (a VAL_* scalar
** type; bArray for a list of them). */
typedef struct ExpCol {
  uint32_t key;
  uint8_t eType;
  bool bArray;
} ExpCol;

/* One output file. */
typedef struct ExpFile {
  bool bRel;               /* relationships (else nodes) */
  uint32_t iGroup;         /* label-set id (nodes) or type id (relationships) */
  VEC(ExpCol) cols;        /* property columns, in order of first use */
  char *zName;             /* file name within the folder */
  uint32_t nRows;          /* entities in it */
  uint32_t iStart;         /* its entities begin here in Exporter.aOrder */
} ExpFile;

/* The files of one group, in order of creation; also a list of label ids. */
typedef VEC(uint32_t) ExpIds;
typedef VEC(ExpIds) ExpGroups;

typedef struct Exporter {
  const Graph *g;
  TgError *pErr;
  const char *zDir;
  VEC(ExpFile) files;
  Intern labelSets;        /* sorted label ids as bytes -> label-set id */
  ExpGroups nodeGroups;    /* files by label-set id */
  ExpGroups relGroups;     /* files by type id */
  uint32_t *aNodeFile;     /* file of each node slot */
  uint32_t *aRelFile;      /* file of each relationship slot */
  bool abUsed[256];        /* bytes seen in labels and in strings inside lists */
  bool bMultiline;         /* a string holds a line break */
  char cDelim;             /* the array delimiter chosen */
  StrBuf out;              /* the file being written, not yet flushed */
  StrBuf field;            /* scratch: one field before quoting */
  VEC(char *) written;     /* paths written so far (removed on failure) */
} Exporter;

/* ======================================================================
** Values and their column types
** ==================================================================== */

/* neo4j-admin's name for a scalar type. */
static const char *exportTypeName(int eType) {
  switch (eType) {
    case VAL_BOOL: return "boolean";
    case VAL_INT: return "long";
    case VAL_FLOAT: return "double";
    case VAL_STRING: return "string";
    case VAL_DATE: return "date";
    case VAL_LOCALTIME: return "localtime";
    case VAL_TIME: return "time";
    case VAL_LOCALDATETIME: return "localdatetime";
    case VAL_DATETIME: return "datetime";
    case VAL_DURATION: return "duration";
    case VAL_POINT: return "point";
    default: return NULL;
  }
}

/* Marks the bytes of z as used (labels and strings inside lists may not
** contain the array delimiter) and notes line breaks. */
static void exportNoteText(Exporter *x, const char *z, uint32_t n, bool bInList) {
  for (uint32_t i = 0; i < n; i++) {
    uint8_t c = (uint8_t)z[i];
    if (c == '\n' || c == '\r') x->bMultiline = true;
    if (bInList) x->abUsed[c] = true;
  }
}

/*
** The column type of a property value, or NULL with *pzWhy set when the
** format cannot hold it. Notes what its strings need.
*/
static bool exportTypeOf(Exporter *x, const Value *v, ExpCol *pCol, const char **pzWhy) {
  pCol->bArray = v->type == VAL_LIST;
  if (!pCol->bArray) {
    if (exportTypeName(v->type) == NULL) {
      *pzWhy = "a value neo4j-admin import has no type for";
      return false;
    }
    if (v->type == VAL_STRING) exportNoteText(x, v->u.z, v->n, false);
    pCol->eType = v->type;
    return true;
  }
  if (v->n == 0) {
    *pzWhy = "an empty list (neo4j-admin reads an empty array field as no property)";
    return false;
  }
  uint8_t eType = v->u.a[0].type;
  for (uint32_t i = 0; i < v->n; i++) {
    const Value *e = &v->u.a[i];
    if (e->type == VAL_NULL) {
      *pzWhy = "a list holding null (arrays in neo4j cannot hold null)";
      return false;
    }
    if (e->type != eType) {
      *pzWhy = "a list of mixed types (arrays in neo4j hold one type)";
      return false;
    }
    if (e->type == VAL_STRING) exportNoteText(x, e->u.z, e->n, true);
  }
  if (exportTypeName(eType) == NULL) {
    *pzWhy = "a list neo4j-admin import has no type for";
    return false;
  }
  if (eType == VAL_STRING && v->n == 1 && v->u.a[0].n == 0) {
    *pzWhy = "a list of one empty string (written as an empty field, it reads back as no property)";
    return false;
  }
  pCol->eType = eType;
  return true;
}

/* ======================================================================
** Pass 1: entities into files
** ==================================================================== */

/* The label-set id of node n: its label ids in increasing order, interned
** as bytes. */
static uint32_t exportLabelSet(Exporter *x, NodeId n) {
  uint32_t nLabel;
  const uint32_t *aLabel = graph_node_labels(x->g, n, &nLabel);
  ExpIds sorted = {0};
  vec_reserve(&sorted, nLabel + 1);
  for (uint32_t i = 0; i < nLabel; i++) {
    uint32_t k = sorted.n++;
    while (k > 0 && sorted.a[k - 1] > aLabel[i]) {
      sorted.a[k] = sorted.a[k - 1];
      k--;
    }
    sorted.a[k] = aLabel[i];
  }
  uint32_t id = intern_add(&x->labelSets, (const char *)sorted.a, nLabel * (uint32_t)sizeof(uint32_t));
  vec_free(&sorted);
  return id;
}

/* Does every value of pl agree with the file's column of its key? */
static bool exportFits(const ExpFile *f, const PropList *pl, const ExpCol *aType) {
  for (uint32_t i = 0; pl && i < pl->n; i++) {
    for (uint32_t c = 0; c < f->cols.n; c++) {
      const ExpCol *col = &f->cols.a[c];
      if (col->key != pl->a[i].key) continue;
      if (col->eType != aType[i].eType || col->bArray != aType[i].bArray) return false;
      break;
    }
  }
  return true;
}

/* Adds the columns of pl's keys that file f lacks. */
static void exportAddColumns(ExpFile *f, const PropList *pl, const ExpCol *aType) {
  for (uint32_t i = 0; pl && i < pl->n; i++) {
    bool bHave = false;
    for (uint32_t c = 0; c < f->cols.n && !bHave; c++) bHave = f->cols.a[c].key == pl->a[i].key;
    if (!bHave) {
      ExpCol col = aType[i];
      col.key = pl->a[i].key;
      vec_push(&f->cols, col);
    }
  }
}

/*
** Places one entity (ENT_NODE or ENT_REL id, in group iGroup) in a file of
** its group, making one when none fits. Returns false with the error set
** when one of its values cannot be exported.
*/
static bool exportPlace(Exporter *x, int ent, uint32_t id, uint32_t iGroup) {
  const PropList *pl = graph_props(x->g, ent, id);
  ExpCol aStack[16];
  ExpCol *aType = pl && pl->n > 16 ? tg_malloc(sizeof(ExpCol) * pl->n) : aStack;
  bool bOk = true;
  for (uint32_t i = 0; pl && i < pl->n && bOk; i++) {
    const char *zWhy = NULL;
    if (!exportTypeOf(x, &pl->a[i].v, &aType[i], &zWhy)) {
      const char *zKey = intern_name(&x->g->keys, pl->a[i].key);
      error_raw(x->pErr, TG_ERR_ARGUMENT, "",
                "cannot export %s %u: property '%s' holds %s; change or remove it first",
                ent == ENT_NODE ? "node" : "relationship", id, zKey, zWhy);
      bOk = false;
    }
  }
  if (bOk) {
    ExpGroups *pGroups = ent == ENT_NODE ? &x->nodeGroups : &x->relGroups;
    while (pGroups->n <= iGroup) {
      ExpIds empty = {0};
      vec_push(pGroups, empty);
    }
    ExpIds *grp = &pGroups->a[iGroup];
    uint32_t iFile = UINT32_MAX;
    for (uint32_t k = 0; k < grp->n && iFile == UINT32_MAX; k++) {
      if (exportFits(&x->files.a[grp->a[k]], pl, aType)) iFile = grp->a[k];
    }
    if (iFile == UINT32_MAX) {
      ExpFile f;
      memset(&f, 0, sizeof(f));
      f.bRel = ent == ENT_REL;
      f.iGroup = iGroup;
      iFile = x->files.n;
      vec_push(&x->files, f);
      vec_push(grp, iFile);
    }
    ExpFile *f = &x->files.a[iFile];
    exportAddColumns(f, pl, aType);
    f->nRows++;
    (ent == ENT_NODE ? x->aNodeFile : x->aRelFile)[id] = iFile;
  }
  if (aType != aStack) tg_free(aType);
  return bOk;
}

/* Pass 1 over every node and relationship. */
static bool exportPlaceAll(Exporter *x) {
  const Graph *g = x->g;
  for (NodeId n = 0; n < g->nNodeSlot; n++) {
    if (graph_node_exists(g, n) && !exportPlace(x, ENT_NODE, n, exportLabelSet(x, n))) return false;
  }
  for (RelId r = 0; r < g->nRelSlot; r++) {
    if (graph_rel_exists(g, r) && !exportPlace(x, ENT_REL, r, graph_rel(g, r)->type)) return false;
  }
  return true;
}

/* Chooses the array delimiter: the first candidate no label and no string
** inside a list contains. */
static bool exportChooseDelimiter(Exporter *x) {
  for (uint32_t i = 0; i < intern_count(&x->g->labels); i++) {
    const char *z = intern_name(&x->g->labels, i);
    exportNoteText(x, z, (uint32_t)strlen(z), true);
  }
  for (const char *p = zExportDelims; *p; p++) {
    if (!x->abUsed[(uint8_t)*p]) {
      x->cDelim = *p;
      return true;
    }
  }
  error_raw(x->pErr, TG_ERR_ARGUMENT, "",
            "cannot export: labels and strings inside lists use every array delimiter "
            "the export can choose from (%s)", zExportDelims);
  return false;
}

/* The part of a file name a label or type gives: ASCII letters, digits,
** '-' and '_' and UTF-8 as they are, other bytes as '_'. */
static void exportStemAppend(StrBuf *p, const char *z) {
  for (; *z && p->n < EXPORT_MAX_STEM; z++) {
    uint8_t c = (uint8_t)*z;
    bool bKeep = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '-' || c == '_';
    strbuf_putc(p, bKeep ? (char)c : '_');
  }
  /* Do not end inside a UTF-8 sequence. */
  size_t n = p->n;
  while (n > 0 && ((uint8_t)p->z[n - 1] & 0xC0) == 0x80) n--;
  if (n > 0 && (uint8_t)p->z[n - 1] >= 0xC0) {
    uint8_t lead = (uint8_t)p->z[n - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (p->n - (n - 1) < need) strbuf_truncate(p, n - 1);
  }
}

/* Sorts a label set's ids by label name (for file names and :LABEL). */
static void exportSortByName(const Graph *g, uint32_t *a, uint32_t n) {
  for (uint32_t i = 1; i < n; i++) {
    uint32_t v = a[i], k = i;
    while (k > 0 && strcmp(intern_name(&g->labels, a[k - 1]), intern_name(&g->labels, v)) > 0) {
      a[k] = a[k - 1];
      k--;
    }
    a[k] = v;
  }
}

/* The label ids of label set iSet, sorted by name, into *pOut. */
static void exportSetLabels(const Exporter *x, uint32_t iSet, ExpIds *pOut) {
  const char *z = intern_name(&x->labelSets, iSet);
  uint32_t n = intern_name_len(&x->labelSets, iSet) / (uint32_t)sizeof(uint32_t);
  pOut->n = 0;
  vec_reserve(pOut, n + 1);
  memcpy(pOut->a, z, n * sizeof(uint32_t));
  pOut->n = n;
  exportSortByName(x->g, pOut->a, n);
}

/* Gives every file a distinct name: nodes_A_B.csv, nodes.csv (no labels),
** relationships_T.csv, with _2, _3 ... when taken. */
static void exportNameFiles(Exporter *x) {
  Intern taken;
  intern_init(&taken);
  StrBuf stem;
  strbuf_init(&stem);
  ExpIds labels = {0};
  for (uint32_t i = 0; i < x->files.n; i++) {
    ExpFile *f = &x->files.a[i];
    strbuf_truncate(&stem, 0);
    if (f->bRel) {
      strbuf_puts(&stem, "relationships_");
      exportStemAppend(&stem, intern_name(&x->g->types, f->iGroup));
    } else {
      strbuf_puts(&stem, "nodes");
      exportSetLabels(x, f->iGroup, &labels);
      for (uint32_t k = 0; k < labels.n; k++) {
        strbuf_putc(&stem, '_');
        exportStemAppend(&stem, intern_name(&x->g->labels, labels.a[k]));
      }
    }
    StrBuf name;
    strbuf_init(&name);
    for (int iTry = 1;; iTry++) {
      strbuf_truncate(&name, 0);
      strbuf_append(&name, stem.z, stem.n);
      if (iTry > 1) strbuf_printf(&name, "_%d", iTry);
      strbuf_puts(&name, ".csv");
      if (intern_find(&taken, name.z, (uint32_t)name.n) < 0) break;
    }
    intern_add(&taken, name.z, (uint32_t)name.n);
    f->zName = strbuf_detach(&name);
  }
  vec_free(&labels);
  strbuf_free(&stem);
  intern_free(&taken);
}

/* ======================================================================
** Pass 2: writing
** ==================================================================== */

/* Appends field x->field to the output, quoted when it must be
** (bAlwaysQuote: an empty string, which unquoted would mean no value). */
static void exportPutField(Exporter *x, bool bAlwaysQuote) {
  const char *z = x->field.z ? x->field.z : "";
  size_t n = x->field.n;
  bool bQuote = bAlwaysQuote || (n > 0 && (z[0] == ' ' || z[0] == '\t' || z[n - 1] == ' ' ||
                                           z[n - 1] == '\t'));
  for (size_t i = 0; i < n && !bQuote; i++) {
    bQuote = z[i] == ',' || z[i] == '"' || z[i] == '\n' || z[i] == '\r';
  }
  if (!bQuote) {
    strbuf_append(&x->out, z, n);
    return;
  }
  strbuf_putc(&x->out, '"');
  for (size_t i = 0; i < n; i++) {
    if (z[i] == '"') strbuf_putc(&x->out, '"');
    strbuf_putc(&x->out, z[i]);
  }
  strbuf_putc(&x->out, '"');
}

/* Appends the text of one scalar value to x->field. */
static void exportScalarText(Exporter *x, const Value *v) {
  char zNum[64];
  switch (v->type) {
    case VAL_BOOL: strbuf_puts(&x->field, v->u.b ? "true" : "false"); break;
    case VAL_INT: strbuf_printf(&x->field, "%lld", (long long)v->u.i); break;
    case VAL_FLOAT:
      value_format_double(zNum, sizeof(zNum), v->u.f);
      strbuf_puts(&x->field, zNum);
      break;
    case VAL_STRING: strbuf_append(&x->field, v->u.z, v->n); break;
    case VAL_POINT: point_format_map_text(&x->field, v->u.pt); break;
    default: temporal_format(&x->field, v); break;
  }
}

/* Appends one property field: empty when absent, "" for an empty string. */
static void exportValue(Exporter *x, const Value *v) {
  strbuf_truncate(&x->field, 0);
  if (v == NULL) return;
  if (v->type == VAL_LIST) {
    for (uint32_t i = 0; i < v->n; i++) {
      if (i) strbuf_putc(&x->field, x->cDelim);
      exportScalarText(x, &v->u.a[i]);
    }
  } else {
    exportScalarText(x, v);
  }
  exportPutField(x, v->type == VAL_STRING && v->n == 0);
}

/* The value of key in pl, or NULL. */
static const Value *exportFind(const PropList *pl, uint32_t key) {
  for (uint32_t i = 0; pl && i < pl->n; i++) {
    if (pl->a[i].key == key) return &pl->a[i].v;
  }
  return NULL;
}

/* The header line of a file. */
static void exportHeader(Exporter *x, const ExpFile *f) {
  strbuf_puts(&x->out, f->bRel ? ":START_ID,:END_ID,:TYPE" : ":ID,:LABEL");
  for (uint32_t c = 0; c < f->cols.n; c++) {
    const ExpCol *col = &f->cols.a[c];
    strbuf_putc(&x->out, ',');
    strbuf_truncate(&x->field, 0);
    strbuf_puts(&x->field, intern_name(&x->g->keys, col->key));
    strbuf_putc(&x->field, ':');
    strbuf_puts(&x->field, exportTypeName(col->eType));
    if (col->bArray) strbuf_puts(&x->field, "[]");
    exportPutField(x, false);
  }
  strbuf_putc(&x->out, '\n');
}

/* One row: the node's id and labels, or the relationship's ends and type,
** then its properties in the file's column order. */
static void exportRow(Exporter *x, const ExpFile *f, uint32_t id, ExpIds *pLabels) {
  const Graph *g = x->g;
  const PropList *pl;
  if (f->bRel) {
    const RelRec *pRec = graph_rel(g, id);
    strbuf_printf(&x->out, "%u,%u,", pRec->src, pRec->dst);
    strbuf_truncate(&x->field, 0);
    strbuf_puts(&x->field, intern_name(&g->types, pRec->type));
    exportPutField(x, false);
    pl = graph_props(g, ENT_REL, id);
  } else {
    strbuf_printf(&x->out, "%u,", id);
    strbuf_truncate(&x->field, 0);
    for (uint32_t k = 0; k < pLabels->n; k++) {
      if (k) strbuf_putc(&x->field, x->cDelim);
      strbuf_puts(&x->field, intern_name(&g->labels, pLabels->a[k]));
    }
    exportPutField(x, false);
    pl = graph_props(g, ENT_NODE, id);
  }
  for (uint32_t c = 0; c < f->cols.n; c++) {
    strbuf_putc(&x->out, ',');
    exportValue(x, exportFind(pl, f->cols.a[c].key));
  }
  strbuf_putc(&x->out, '\n');
}

/* zDir/zName, heap-allocated. */
static char *exportPath(const Exporter *x, const char *zName, const char *zSuffix) {
  StrBuf p;
  strbuf_init(&p);
  strbuf_printf(&p, "%s/%s%s", x->zDir, zName, zSuffix);
  return strbuf_detach(&p);
}

/* Writes what is gathered to f once it is large (or when bAll). */
static bool exportFlush(Exporter *x, FILE *f, bool bAll) {
  if (x->out.n == 0 || (!bAll && x->out.n < EXPORT_FLUSH)) return true;
  bool bOk = fwrite(x->out.z, 1, x->out.n, f) == x->out.n;
  strbuf_truncate(&x->out, 0);
  return bOk;
}

/*
** Writes file pFile (its header and rows, the entities aOrder lists for
** it) or, when pFile is NULL, what x->out holds, into zDir/zName.tmp, then
** renames it to zName. Returns false with an IOError naming the file; the
** .tmp file is removed then.
*/
static bool exportWriteFile(Exporter *x, const char *zName, const ExpFile *pFile,
                            const uint32_t *aOrder) {
  char *zTmp = exportPath(x, zName, ".tmp");
  char *zFinal = exportPath(x, zName, "");
  FILE *f = fopen(zTmp, "w");
  bool bOk = f != NULL;
  if (bOk && pFile) {
    strbuf_truncate(&x->out, 0);
    ExpIds labels = {0};
    if (!pFile->bRel) exportSetLabels(x, pFile->iGroup, &labels);
    exportHeader(x, pFile);
    for (uint32_t i = 0; i < pFile->nRows && bOk; i++) {
      exportRow(x, pFile, aOrder[pFile->iStart + i], &labels);
      bOk = exportFlush(x, f, false);
    }
    vec_free(&labels);
  }
  if (bOk) bOk = exportFlush(x, f, true);
  int iErr = errno;
  if (f && fclose(f) != 0 && bOk) {
    bOk = false;
    iErr = errno;
  }
  if (bOk && rename(zTmp, zFinal) != 0) {
    bOk = false;
    iErr = errno;
  }
  if (bOk) {
    vec_push(&x->written, zFinal);
    zFinal = NULL;
  } else {
    if (f) unlink(zTmp);
    error_raw(x->pErr, TG_ERR_IO, "", "cannot write %s: %s", zTmp, strerror(iErr ? iErr : EIO));
  }
  tg_free(zTmp);
  tg_free(zFinal);
  return bOk;
}

/* README.txt: what was written and the two command lines that load it. */
static void exportReadme(Exporter *x, const ExportStats *st) {
  StrBuf *o = &x->out;
  strbuf_truncate(o, 0);
  if (x->files.n == 0) {
    strbuf_puts(o, "Tangle export: the graph was empty, so there is nothing to import.\n");
    return;
  }
  strbuf_printf(o,
                "Tangle export: %llu nodes and %llu relationships in %u files, in the CSV format\n"
                "of neo4j-admin import (array delimiter '%c'). Run either command in this folder.\n\n"
                "Into Neo4j (the database must not exist yet):\n\n"
                "  neo4j-admin database import full --array-delimiter='%c'%s",
                (unsigned long long)st->nNodes, (unsigned long long)st->nRels, st->nFiles, x->cDelim,
                x->cDelim, x->bMultiline ? " --multiline-fields=true" : "");
  for (int bRel = 0; bRel < 2; bRel++) {
    for (uint32_t i = 0; i < x->files.n; i++) {
      if (x->files.a[i].bRel != bRel) continue;
      strbuf_printf(o, " \\\n      --%s=%s", bRel ? "relationships" : "nodes", x->files.a[i].zName);
    }
  }
  strbuf_printf(o, " \\\n      neo4j\n\nInto Tangle:\n\n  tangle --array-delimiter '%c'%s", x->cDelim,
                x->bMultiline ? " --multiline-fields" : "");
  for (int bRel = 0; bRel < 2; bRel++) {
    for (uint32_t i = 0; i < x->files.n; i++) {
      if (x->files.a[i].bRel != bRel) continue;
      strbuf_printf(o, " \\\n      --%s %s", bRel ? "relationships" : "nodes", x->files.a[i].zName);
    }
  }
  strbuf_puts(o, "\n");
}

/* Sorts the entities by file (a counting sort on the file index) into
** aOrder, and sets each file's iStart. */
static void exportOrder(Exporter *x, uint32_t *aOrder) {
  uint32_t iPos = 0;
  for (uint32_t i = 0; i < x->files.n; i++) {
    x->files.a[i].iStart = iPos;
    iPos += x->files.a[i].nRows;
  }
  uint32_t *aNext = tg_malloc(sizeof(uint32_t) * (x->files.n + 1));
  for (uint32_t i = 0; i < x->files.n; i++) aNext[i] = x->files.a[i].iStart;
  for (NodeId n = 0; n < x->g->nNodeSlot; n++) {
    if (graph_node_exists(x->g, n)) aOrder[aNext[x->aNodeFile[n]]++] = n;
  }
  for (RelId r = 0; r < x->g->nRelSlot; r++) {
    if (graph_rel_exists(x->g, r)) aOrder[aNext[x->aRelFile[r]]++] = r;
  }
  tg_free(aNext);
}

/* Creates zDir, or checks that it is an empty folder. */
static bool exportOpenDir(Exporter *x) {
  if (mkdir(x->zDir, 0777) == 0) return true;
  if (errno != EEXIST) {
    error_raw(x->pErr, TG_ERR_IO, "", "cannot create the folder %s: %s", x->zDir, strerror(errno));
    return false;
  }
  DIR *d = opendir(x->zDir);
  if (d == NULL) {
    error_raw(x->pErr, TG_ERR_IO, "", "cannot use %s: %s", x->zDir, strerror(errno));
    return false;
  }
  bool bEmpty = true;
  struct dirent *e;
  while (bEmpty && (e = readdir(d)) != NULL) {
    bEmpty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
  }
  closedir(d);
  if (!bEmpty) {
    error_raw(x->pErr, TG_ERR_IO, "",
              "the folder %s is not empty: export into a new or empty folder", x->zDir);
  }
  return bEmpty;
}

/* ======================================================================
** The entry point
** ==================================================================== */

bool export_csv(const Graph *g, const char *zDir, TgError *pErr, ExportStats *pStats) {
  Exporter x;
  memset(&x, 0, sizeof(x));
  x.g = g;
  x.pErr = pErr;
  x.zDir = zDir;
  intern_init(&x.labelSets);
  strbuf_init(&x.out);
  strbuf_init(&x.field);
  x.aNodeFile = tg_malloc(sizeof(uint32_t) * (g->nNodeSlot + 1));
  x.aRelFile = tg_malloc(sizeof(uint32_t) * (g->nRelSlot + 1));
  ExportStats st;
  memset(&st, 0, sizeof(st));

  bool bOk = exportPlaceAll(&x) && exportChooseDelimiter(&x) && exportOpenDir(&x);
  if (bOk) {
    exportNameFiles(&x);
    uint32_t *aOrder = tg_malloc(sizeof(uint32_t) * (g->nNodeLive + g->nRelLive + 1));
    exportOrder(&x, aOrder);
    for (uint32_t i = 0; i < x.files.n && bOk; i++) {
      const ExpFile *f = &x.files.a[i];
      bOk = exportWriteFile(&x, f->zName, f, aOrder);
      if (bOk) *(f->bRel ? &st.nRels : &st.nNodes) += f->nRows;
    }
    tg_free(aOrder);
    st.nFiles = x.files.n;
    st.cArrayDelim = x.cDelim;
    if (bOk) {
      exportReadme(&x, &st);
      bOk = exportWriteFile(&x, "README.txt", NULL, NULL);
    }
  }
  if (!bOk) {
    for (uint32_t i = 0; i < x.written.n; i++) unlink(x.written.a[i]);
    memset(&st, 0, sizeof(st));
  }
  if (pStats) *pStats = st;

  for (uint32_t i = 0; i < x.written.n; i++) tg_free(x.written.a[i]);
  vec_free(&x.written);
  for (uint32_t i = 0; i < x.files.n; i++) {
    vec_free(&x.files.a[i].cols);
    tg_free(x.files.a[i].zName);
  }
  vec_free(&x.files);
  for (uint32_t i = 0; i < x.nodeGroups.n; i++) vec_free(&x.nodeGroups.a[i]);
  for (uint32_t i = 0; i < x.relGroups.n; i++) vec_free(&x.relGroups.a[i]);
  vec_free(&x.nodeGroups);
  vec_free(&x.relGroups);
  tg_free(x.aNodeFile);
  tg_free(x.aRelFile);
  intern_free(&x.labelSets);
  strbuf_free(&x.out);
  strbuf_free(&x.field);
  return bOk;
}
