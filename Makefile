# Makefile — driven by build.sh; see there for the entry points.
#
# Two flavours share one tree of generated sources (build/gen):
#   BUILD=rel  optimized (-O2), assertions off   -> build/rel, ./tangle
#   BUILD=san  AddressSanitizer + UBSan, asserts -> build/san
# Sources are found by wildcard, so adding a file needs no edit here.

BUILD ?= rel
OUT := build/$(BUILD)
GEN := build/gen

CC ?= cc
GV_CFLAGS := $(shell pkg-config --cflags libgvc 2>/dev/null)
GV_LIBS := $(shell pkg-config --libs libgvc 2>/dev/null)
EDIT_CFLAGS := $(shell pkg-config --cflags libedit 2>/dev/null)
EDIT_LIBS := $(shell pkg-config --libs libedit 2>/dev/null)

WARN := -Wall -Wextra -Werror
BASE_CFLAGS := -std=c11 $(WARN) -D_DEFAULT_SOURCE -D_GNU_SOURCE -I. -Iengine -I$(GEN) $(GV_CFLAGS)
ifeq ($(BUILD),san)
  OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
  OPT := -O2 -g -DNDEBUG
endif
CFLAGS_ALL := $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS)
LDLIBS := $(GV_LIBS) -lunistring -lpcre2-8 -lm -lpthread
# The server (server/) adds TLS, password hashing, WebSocket framing, HTTP
# (libmicrohttpd) and JSON parsing (jansson).
SERVER_LIBS := -lssl -lcrypto -largon2 -lwslay -lmicrohttpd -ljansson

ENGINE_SRC := $(wildcard engine/*.c engine/*/*.c)
GEN_SRC := $(GEN)/lexer.c $(GEN)/parser.c
CLI_SRC := $(wildcard cli/*.c)
SERVER_SRC := $(wildcard server/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
TCK_SRC := $(wildcard tests/tck/*.c)
TOOL_SRC := $(wildcard tests/tools/*.c)
BENCH_SRC := $(wildcard bench/*.c)

obj = $(patsubst %.c,$(OUT)/obj/%.o,$(1))
ENGINE_OBJ := $(call obj,$(ENGINE_SRC)) $(patsubst $(GEN)/%.c,$(OUT)/obj/gen/%.o,$(GEN_SRC))
CLI_OBJ := $(call obj,$(CLI_SRC)) $(OUT)/obj/gen/kg_data.o
LIB := $(OUT)/libtangle.a
WEB_FILES := $(sort $(shell find web -type f 2>/dev/null))
SERVER_OBJ := $(call obj,$(SERVER_SRC)) $(if $(SERVER_SRC),$(OUT)/obj/gen/web_assets.o)
SERVER_LIB := $(if $(SERVER_SRC),$(OUT)/libtangle_server.a)

UNIT_BIN := $(patsubst tests/unit/%.c,$(OUT)/tests/%,$(UNIT_SRC))
TOOL_BIN := $(patsubst tests/tools/%.c,$(OUT)/tests/%,$(TOOL_SRC))
TCK_BIN := $(if $(TCK_SRC),$(OUT)/tests/tck_runner)
BENCH_BIN := $(patsubst bench/%.c,$(OUT)/bench/%,$(BENCH_SRC))

.PHONY: all tangle tests bench gen
all: tangle
tangle: $(OUT)/tangle
tests: $(OUT)/tangle $(UNIT_BIN) $(TOOL_BIN) $(TCK_BIN)
bench: $(BENCH_BIN) $(OUT)/tangle
gen: $(GEN_SRC) $(GEN)/kg_data.c

# ---- generated sources -------------------------------------------------
# lemon exits non-zero on a parsing conflict, which fails the build;
# $(GEN)/parser.out explains the conflict.
$(GEN)/parser.c $(GEN)/parser.h &: engine/syntax/parser.y
	@mkdir -p $(GEN)
	lemon -d$(GEN) -T/usr/share/lemon/lempar.c engine/syntax/parser.y || { rm -f $(GEN)/parser.c; exit 1; }
	@touch $(GEN)/parser.c

$(GEN)/lexer.c: engine/syntax/lexer.re $(GEN)/parser.h
	@mkdir -p $(GEN)
	re2c -W -8 --no-generation-date -I /usr/share/re2c/stdlib -o $@ engine/syntax/lexer.re

$(GEN)/embed: tools/embed.c
	@mkdir -p $(GEN)
	$(CC) -O1 -o $@ $<

$(GEN)/kg_data.c: $(GEN)/embed $(wildcard datasets/*.cypher)
	$(GEN)/embed tangle_builtin_kg $(sort $(wildcard datasets/*.cypher)) > $@.tmp && mv $@.tmp $@

$(GEN)/web_assets.c: $(GEN)/embed $(WEB_FILES)
	$(GEN)/embed --assets web $(WEB_FILES) > $@.tmp && mv $@.tmp $@

# ---- objects ------------------------------------------------------------
$(OUT)/obj/%.o: %.c | $(GEN)/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(OUT)/obj/cli/%.o: cli/%.c | $(GEN)/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(EDIT_CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/obj/gen/%.o: $(GEN)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-unused-parameter -MMD -MP -c -o $@ $<

$(LIB): $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SERVER_LIB): $(SERVER_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(OUT)/tangle: $(CLI_OBJ) $(SERVER_LIB) $(LIB)
	$(CC) $(OPT) -o $@ $(CLI_OBJ) $(SERVER_LIB) $(LIB) $(EDIT_LIBS) $(SERVER_LIBS) $(LDLIBS)
ifeq ($(BUILD),rel)
	@cp $@ tangle.tmp && mv tangle.tmp tangle
endif

$(OUT)/tests/%: tests/unit/%.c $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ $< $(SERVER_LIB) $(LIB) -lcmocka $(SERVER_LIBS) $(LDLIBS)

$(OUT)/tests/%: tests/tools/%.c $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ $< $(SERVER_LIB) $(LIB) -lutil $(SERVER_LIBS) $(LDLIBS)

$(OUT)/tests/tck_runner: $(TCK_SRC) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ $(TCK_SRC) $(LIB) $(LDLIBS)

# bench/durability.c compares with SQLite, so it alone links libsqlite3.
$(OUT)/bench/durability: LDLIBS += -lsqlite3

$(OUT)/bench/%: bench/%.c $(SERVER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ $< $(SERVER_LIB) $(LIB) $(SERVER_LIBS) $(LDLIBS)

-include $(shell find $(OUT) -name '*.d' 2>/dev/null)
