/*
** test_fulltext.c — the full-text analyzers (textan.c), each language
** and script, and the inverted index (store/fulltext.c): BM25 order, the
** query language, updates through the graph hooks, rollbacks, compaction,
** relationship indexes and tangle.find's ranking.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "base/textan.h"
#include "store/fulltext.h"

/* The terms of z under analyzer e, joined by '|'. */
static const char *terms(Arena *pA, int e, const char *z) {
  TextTokens t = {0};
  textan_run(e, pA, z, strlen(z), 0, &t);
  StrBuf sb;
  strbuf_init(&sb);
  for (uint32_t i = 0; i < t.n; i++) {
    if (i) strbuf_append(&sb, "|", 1);
    strbuf_append(&sb, t.a[i].z, t.a[i].n);
  }
  const char *zOut = arena_strdup(pA, strbuf_cstr(&sb));
  strbuf_free(&sb);
  vec_free(&t);
  return zOut;
}

static void test_analyzer_names(void **state) {
  (void)state;
  assert_int_equal(textan_find("english", 7), TEXTAN_ENGLISH);
  assert_int_equal(textan_find("CJK", 3), TEXTAN_CJK);
  assert_int_equal(textan_find("standard-no-stop-words", 22), TEXTAN_STANDARD_NO_STOP);
  assert_int_equal(textan_find("klingon", 7), -1);
  for (int e = 0; e < TEXTAN__COUNT; e++) {
    const char *z = textan_name(e);
    assert_int_equal(textan_find(z, strlen(z)), e);
  }
}

static void test_standard_and_english(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  /* Folding: case, accents, possessives, punctuation, full-width forms. */
  assert_string_equal(terms(&a, TEXTAN_STANDARD_NO_STOP, "Tesla's Texas Gigafactory"), "tesla|texas|gigafactory");
  assert_string_equal(terms(&a, TEXTAN_STANDARD_NO_STOP, "José’s café, ｘＡＩ!"), "jose|cafe|xai");
  assert_string_equal(terms(&a, TEXTAN_STANDARD_NO_STOP, "the H100 chips"), "the|h100|chips");
  assert_string_equal(terms(&a, TEXTAN_STANDARD, "the H100 chips"), "h100|chips");
  /* English: stop words and plural stemming. */
  assert_string_equal(terms(&a, TEXTAN_ENGLISH, "The companies and their chips"), "company|chip");
  assert_string_equal(terms(&a, TEXTAN_ENGLISH, "horses bus glass news"), "horse|bus|glass|new");
  /* Stop words leave a gap in positions (phrases stay exact). */
  TextTokens t = {0};
  textan_run(TEXTAN_ENGLISH, &a, "chips of Nvidia", 15, 0, &t);
  assert_int_equal(t.n, 2);
  assert_int_equal(t.a[0].iPos, 0);
  assert_int_equal(t.a[1].iPos, 2);
  vec_free(&t);
  /* keyword, whitespace and simple do not fold. */
  assert_string_equal(terms(&a, TEXTAN_KEYWORD, "Elon Musk"), "Elon Musk");
  assert_string_equal(terms(&a, TEXTAN_WHITESPACE, "Elon  Musk's X"), "Elon|Musk's|X");
  assert_string_equal(terms(&a, TEXTAN_SIMPLE, "H100 Café"), "h|café");
  assert_string_equal(terms(&a, TEXTAN_STANDARD, ""), "");
  arena_free(&a);
}

static void test_cjk_bigrams(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  /* Runs of kana and ideographs become bigrams; the middle dot goes. */
  assert_string_equal(terms(&a, TEXTAN_CJK, "テスラ"), "テス|スラ");
  assert_string_equal(terms(&a, TEXTAN_CJK, "テキサス・ギガ"), "テキ|キサ|サス|スギ|ギガ");
  assert_string_equal(terms(&a, TEXTAN_STANDARD_NO_STOP, "社"), "社");
  /* Mixed scripts split where the script changes. */
  assert_string_equal(terms(&a, TEXTAN_CJK, "テスラのTwitter買収"), "テス|スラ|ラの|twitter|買収");
  /* Half-width katakana fold to full width. */
  assert_string_equal(terms(&a, TEXTAN_CJK, "ﾃｽﾗ"), "テス|スラ");
  arena_free(&a);
}

static void test_arabic(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  /* Hamza forms, alef maksura, ta marbuta, harakat and tatweel fold. */
  assert_string_equal(terms(&a, TEXTAN_STANDARD_NO_STOP, "إيلون مـاسك"), "ايلون|ماسك");
  assert_string_equal(terms(&a, TEXTAN_STANDARD_NO_STOP, "شَرِكَة"), "شركه");
  /* The arabic analyzer strips the article, fused prefixes and suffixes,
  ** and stop words. */
  assert_string_equal(terms(&a, TEXTAN_ARABIC, "الشركات والشركة في تسلا"), "شرك|شرك|تسلا");
  assert_string_equal(terms(&a, TEXTAN_ARABIC, "على"), "");
  /* Short words keep their letters. */
  assert_string_equal(terms(&a, TEXTAN_ARABIC, "وال"), "وال");
  arena_free(&a);
}

static void test_indonesian(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  assert_string_equal(terms(&a, TEXTAN_INDONESIAN, "Musk menyakiti Tesla untuk membantu Twitter"),
                      "musk|sakit|tesla|bantu|twitter");
  assert_string_equal(terms(&a, TEXTAN_INDONESIAN, "perusahaannya yang baru"), "usaha|baru");
  assert_string_equal(terms(&a, TEXTAN_INDONESIAN, "bukukah"), "buku");
  arena_free(&a);
}

/* ---- The index ---------------------------------------------------------- */

static NodeId addDoc(Graph *g, const char *zLabel, const char *zTitle) {
  NodeId n = graph_add_node(g);
  graph_add_label(g, n, intern_add(&g->labels, zLabel, (uint32_t)strlen(zLabel)));
  Value v = value_str(zTitle, (uint32_t)strlen(zTitle));
  graph_set_prop(g, ENT_NODE, n, intern_add(&g->keys, "title", 5), &v);
  return n;
}

/* The ids a query finds, in order, as "1,2,3", or "error: ...". */
static const char *query(Arena *pA, Graph *g, const char *zIdx, const char *zQuery) {
  FulltextHits h = {0};
  StrBuf err;
  strbuf_init(&err);
  bool bOk = fulltext_query(g, zIdx, false, zQuery, strlen(zQuery), NULL, &h, &err);
  StrBuf sb;
  strbuf_init(&sb);
  if (!bOk) strbuf_printf(&sb, "error: %s", strbuf_cstr(&err));
  for (uint32_t i = 0; bOk && i < h.n; i++) {
    strbuf_printf(&sb, "%s%u", i ? "," : "", h.a[i].id);
    if (i) assert_true(h.a[i - 1].score >= h.a[i].score);
  }
  const char *z = arena_strdup(pA, strbuf_cstr(&sb));
  strbuf_free(&sb);
  strbuf_free(&err);
  vec_free(&h);
  return z;
}

static Graph *newCorpus(void) {
  Graph *g = graph_new();
  addDoc(g, "A", "tesla");                                  /* 0 */
  addDoc(g, "A", "tesla texas gigafactory");                /* 1 */
  addDoc(g, "A", "elon musk owns tesla and twitter and x"); /* 2 */
  addDoc(g, "B", "nvidia chips for tesla");                 /* 3 */
  addDoc(g, "C", "tesla");                                  /* 4: not indexed */
  const char *azLabel[] = {"A", "B"}, *azKey[] = {"title"};
  StrBuf err;
  strbuf_init(&err);
  assert_true(fulltext_create(g, "t", false, azLabel, 2, azKey, 1, NULL, &err));
  strbuf_free(&err);
  return g;
}

static void test_index_queries(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  Graph *g = newCorpus();
  /* BM25: the shorter document ranks first; C is not indexed. */
  assert_string_equal(query(&a, g, "t", "tesla"), "0,1,3,2");
  assert_string_equal(query(&a, g, "t", "TESLA gigafactory"), "1,0,3,2");
  assert_string_equal(query(&a, g, "t", "tesla AND texas"), "1");
  assert_string_equal(query(&a, g, "t", "tesla && !texas"), "0,3,2");
  assert_string_equal(query(&a, g, "t", "+tesla -musk -nvidia"), "0,1");
  assert_string_equal(query(&a, g, "t", "\"texas gigafactory\""), "1");
  assert_string_equal(query(&a, g, "t", "\"gigafactory texas\""), "");
  assert_string_equal(query(&a, g, "t", "giga* OR nvid*"), "1,3");
  assert_string_equal(query(&a, g, "t", "title:musk"), "2");
  assert_string_equal(query(&a, g, "t", "body:musk"), "");
  assert_string_equal(query(&a, g, "t", "(musk OR nvidia) AND (chips OR twitter)"), "3,2");
  assert_string_equal(query(&a, g, "t", "NOT tesla"), "");
  assert_string_equal(query(&a, g, "t", "texas^10 OR nvidia"), "1,3");
  assert_string_equal(query(&a, g, "t", ""), "");
  /* Bad query text. */
  assert_string_equal(query(&a, g, "t", "(tesla"),
                      "error: invalid full-text query: unbalanced '(' at character 1 of \"(tesla\"");
  assert_string_equal(query(&a, g, "t", "tesla)"),
                      "error: invalid full-text query: unbalanced ')' at character 6 of \"tesla)\"");
  assert_string_equal(query(&a, g, "t", "tesla OR"),
                      "error: invalid full-text query: an operator with no term after it at character 9 of \"tesla OR\"");
  assert_string_equal(query(&a, g, "t", "tesla~2"),
                      "error: invalid full-text query: unexpected '~' (ranges, fuzzy and ? wildcards are not supported) at character 6 of \"tesla~2\"");
  assert_string_equal(query(&a, g, "nope", "tesla"), "error: there is no full-text index named nope");
  /* Deep nesting is refused, not recursed into. */
  char zDeep[200];
  memset(zDeep, '(', sizeof(zDeep) - 1);
  zDeep[sizeof(zDeep) - 1] = 0;
  assert_non_null(strstr(query(&a, g, "t", zDeep), "nested too deeply"));
  /* Definitions. */
  FulltextDef d;
  assert_int_equal(fulltext_count(g), 1);
  assert_true(fulltext_def(g, 0, &d));
  assert_string_equal(d.zName, "t");
  assert_int_equal(d.nLabel, 2);
  assert_string_equal(d.azLabel[1], "B");
  assert_string_equal(d.zAnalyzer, "standard-no-stop-words");
  StrBuf err;
  strbuf_init(&err);
  const char *azLabel[] = {"A"}, *azKey[] = {"title"};
  assert_false(fulltext_create(g, "t", false, azLabel, 1, azKey, 1, NULL, &err));
  assert_false(fulltext_create(g, "u", false, azLabel, 1, azKey, 1, "klingon", &err));
  strbuf_free(&err);
  assert_true(fulltext_drop(g, "t"));
  assert_false(fulltext_drop(g, "t"));
  assert_int_equal(fulltext_count(g), 0);
  graph_free(g);
  arena_free(&a);
}

static void test_index_follows_writes_and_rollbacks(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  Graph *g = newCorpus();
  uint32_t title = (uint32_t)intern_find(&g->keys, "title", 5);
  uint32_t labelA = (uint32_t)intern_find(&g->labels, "A", 1);
  /* A statement that sets, labels, deletes, then rolls back. */
  graph_begin(g);
  Value v = value_str("zebra", 5);
  graph_set_prop(g, ENT_NODE, 1, title, &v);
  graph_add_label(g, 4, labelA);
  graph_delete_node(g, 0);
  NodeId nNew = addDoc(g, "A", "zebra crossing");
  char zExpect[32];
  snprintf(zExpect, sizeof(zExpect), "1,%u", nNew);
  assert_string_equal(query(&a, g, "t", "zebra"), zExpect);
  assert_string_equal(query(&a, g, "t", "tesla"), "4,3,2");
  graph_rollback(g);
  assert_string_equal(query(&a, g, "t", "zebra"), "");
  assert_string_equal(query(&a, g, "t", "tesla"), "0,1,3,2");
  /* Committed: removing the property and the label. */
  graph_begin(g);
  graph_set_prop(g, ENT_NODE, 2, title, NULL);
  graph_remove_label(g, 1, labelA);
  graph_commit(g);
  assert_string_equal(query(&a, g, "t", "tesla"), "0,3");
  /* Many rewrites: dead documents are compacted away, results stay. */
  for (int i = 0; i < 2000; i++) {
    char z[32];
    snprintf(z, sizeof(z), "tesla word%d", i);
    Value w = value_str(z, (uint32_t)strlen(z));
    graph_set_prop(g, ENT_NODE, 3, title, &w);
    if (i % 100 == 0) assert_string_equal(query(&a, g, "t", "tesla"), "0,3");
  }
  assert_string_equal(query(&a, g, "t", "word1999"), "3");
  assert_string_equal(query(&a, g, "t", "word5"), "");
  /* The graph emptied: nothing found; the definition stays. */
  graph_clear(g);
  assert_string_equal(query(&a, g, "t", "tesla"), "");
  assert_int_equal(fulltext_count(g), 1);
  graph_free(g);
  arena_free(&a);
}

static void test_relationship_index(void **state) {
  (void)state;
  Graph *g = graph_new();
  NodeId n0 = graph_add_node(g), n1 = graph_add_node(g);
  uint32_t tS = intern_add(&g->types, "S", 1), tM = intern_add(&g->types, "M", 1);
  uint32_t note = intern_add(&g->keys, "note", 4);
  RelId r0 = graph_add_rel(g, tS, n0, n1), r1 = graph_add_rel(g, tM, n0, n1);
  Value v = value_str("h100 chips", 10);
  graph_set_prop(g, ENT_REL, r0, note, &v);
  graph_set_prop(g, ENT_REL, r1, note, &v);
  const char *azType[] = {"S"}, *azKey[] = {"note"};
  StrBuf err;
  strbuf_init(&err);
  assert_true(fulltext_create(g, "r", true, azType, 1, azKey, 1, "standard", &err));
  FulltextHits h = {0};
  assert_true(fulltext_query(g, "r", true, "chips", 5, NULL, &h, &err));
  assert_int_equal(h.n, 1);
  assert_int_equal(h.a[0].id, r0);
  h.n = 0;
  assert_false(fulltext_query(g, "r", false, "chips", 5, NULL, &h, &err));
  graph_begin(g);
  graph_delete_rel(g, r0);
  assert_true(fulltext_query(g, "r", true, "chips", 5, NULL, &h, &err));
  assert_int_equal(h.n, 0);
  graph_rollback(g);
  assert_true(fulltext_query(g, "r", true, "chips", 5, NULL, &h, &err));
  assert_int_equal(h.n, 1);
  vec_free(&h);
  strbuf_free(&err);
  graph_free(g);
}

static void test_find_ranking(void **state) {
  (void)state;
  Graph *g = graph_new();
  uint32_t name = intern_add(&g->keys, "name", 4);
  const char *az[] = {"Tesla", "Texas", "Texas Gigafactory", "Tesla Gigafactory Berlin"};
  for (int i = 0; i < 4; i++) {
    NodeId n = graph_add_node(g);
    Value v = value_str(az[i], (uint32_t)strlen(az[i]));
    graph_set_prop(g, ENT_NODE, n, name, &v);
  }
  FulltextHits h = {0};
  const char *zQ = "Tesla's Texas Gigafactory";
  fulltext_find(g, zQ, strlen(zQ), &h);
  assert_int_equal(h.n, 4);
  uint32_t iBest = 0;
  for (uint32_t i = 1; i < h.n; i++) {
    if (h.a[i].score > h.a[iBest].score) iBest = i;
  }
  assert_int_equal(h.a[iBest].id, 2);
  /* A whole name scores 1; aliases added later are found. */
  h.n = 0;
  fulltext_find(g, "TEXAS", 5, &h);
  for (uint32_t i = 0; i < h.n; i++) {
    if (h.a[i].id == 1) assert_true(h.a[i].score == 1.0);
    if (h.a[i].id != 1) assert_true(h.a[i].score < 0.9);
  }
  h.n = 0;
  fulltext_find(g, "テキサス", strlen("テキサス"), &h);
  assert_int_equal(h.n, 0);
  vec_free(&h);
  graph_free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_analyzer_names),
      cmocka_unit_test(test_standard_and_english),
      cmocka_unit_test(test_cjk_bigrams),
      cmocka_unit_test(test_arabic),
      cmocka_unit_test(test_indonesian),
      cmocka_unit_test(test_index_queries),
      cmocka_unit_test(test_index_follows_writes_and_rollbacks),
      cmocka_unit_test(test_relationship_index),
      cmocka_unit_test(test_find_ranking),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
