/*
** test_arena.c — bump allocation: alignment, large requests, marks and
** rewinds that reuse chunks, reset.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/mem.h"

static void test_alignment_and_large_blocks(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  for (int i = 1; i < 100; i++) {
    char *p = arena_alloc(&a, (size_t)i);
    assert_int_equal((uintptr_t)p % 16, 0);
    memset(p, 0xab, (size_t)i);
  }
  char *pBig = arena_alloc(&a, 1 << 20);
  memset(pBig, 1, 1 << 20);
  assert_string_equal(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
  arena_free(&a);
}

static void test_rewind_reuses_memory(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  arena_strdup(&a, "keep");
  ArenaMark m = arena_mark(&a);
  int64_t before = mem_in_use();
  for (int round = 0; round < 50; round++) {
    for (int i = 0; i < 100; i++) arena_alloc(&a, 1000);   /* needs several chunks */
    arena_rewind(&a, m);
  }
  /* After the first round, rewinding keeps the chunks: no growth. */
  int64_t grown = mem_in_use() - before;
  for (int i = 0; i < 100; i++) arena_alloc(&a, 1000);
  arena_rewind(&a, m);
  assert_int_equal(mem_in_use() - before, grown);
  char *z = arena_strdup(&a, "after");
  assert_string_equal(z, "after");
  arena_reset(&a);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_alignment_and_large_blocks),
      cmocka_unit_test(test_rewind_reuses_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
