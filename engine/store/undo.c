/*
** undo.c — reversing or releasing a statement's changes (see undo.h).
*/
#include "store/undo.h"

#include "store/index.h"
#include "store/fulltext.h"
#include "base/mem.h"

void undo_push(Undo *u, const UndoRec *pRec) { vec_push(&u->log, *pRec); }

/* Puts back the property value a record replaced (or removes the one the
** statement added), without logging. */
static void undoRestoreProp(Graph *g, UndoRec *r) {
  PropList **ppl = graph_raw_props(g, r->ent, r->id);
  PropList *pl = *ppl;
  int64_t iAt = -1;
  for (uint32_t i = 0; pl && i < pl->n; i++) {
    if (pl->a[i].key == r->key) {
      iAt = i;
      break;
    }
  }
  const Value *pCur = iAt >= 0 ? &pl->a[iAt].v : NULL;
  if (g->pIndexes->aIndex.n) {
    index_on_prop(g, r->ent, r->id, r->key, pCur, r->bHadOld ? &r->old : NULL);
  }
  fulltext_touch_prop(g, r->ent, r->id, r->key);
  if (iAt >= 0) {
    value_heap_free(&pl->a[iAt].v);
    if (r->bHadOld) {
      pl->a[iAt].v = r->old;
    } else {
      memmove(&pl->a[iAt], &pl->a[iAt + 1], sizeof(Prop) * (pl->n - (uint32_t)iAt - 1));
      pl->n--;
    }
  } else if (r->bHadOld) {
    /* The statement removed the property: append it again. The list may
    ** have been shrunk in place only, so capacity is there or grows. */
    graph_raw_prop_room(ppl);
    pl = *ppl;
    pl->a[pl->n].key = r->key;
    pl->a[pl->n].v = r->old;
    pl->n++;
  }
  r->old = value_null();
}

void undo_rollback(Undo *u, Graph *g) { undo_rollback_to(u, g, 0); }

void undo_rollback_to(Undo *u, Graph *g, uint32_t iKeep) {
  for (uint32_t i = u->log.n; i-- > iKeep;) {
    UndoRec *r = &u->log.a[i];
    switch (r->kind) {
      case UNDO_NODE_ADD:
        g->nNodeLive--;
        graph_raw_free_node_slot(g, r->id);
        break;
      case UNDO_REL_ADD:
        if (g->pIndexes->aIndex.n) index_on_rel(g, r->id, false);
        graph_raw_unlink_rel(g, r->id);
        g->nRelLive--;
        graph_raw_free_rel_slot(g, r->id);
        break;
      case UNDO_NODE_DEL:
        graph_raw_restore_node(g, r->id);
        break;
      case UNDO_REL_DEL:
        graph_rel_rec(g, r->id)->flags &= ~(uint32_t)RELF_DELETED;
        graph_raw_link_rel(g, r->id);
        if (g->pIndexes->aIndex.n) index_on_rel(g, r->id, true);
        g->nRelLive++;
        fulltext_touch(g, ENT_REL, r->id);
        break;
      case UNDO_PROP:
        undoRestoreProp(g, r);
        break;
      case UNDO_LABEL_ADD:
        graph_raw_label(g, r->id, r->key, false);
        break;
      case UNDO_LABEL_DEL:
        graph_raw_label(g, r->id, r->key, true);
        break;
    }
  }
  u->log.n = iKeep;
}

void undo_commit(Undo *u, Graph *g) {
  for (uint32_t i = 0; i < u->log.n; i++) {
    UndoRec *r = &u->log.a[i];
    switch (r->kind) {
      case UNDO_PROP:
        value_heap_free(&r->old);
        break;
      case UNDO_NODE_DEL:
        graph_raw_free_node_slot(g, r->id);
        break;
      case UNDO_REL_DEL:
        graph_raw_free_rel_slot(g, r->id);
        break;
      default:
        break;
    }
  }
  u->log.n = 0;
}
