/*
** codec.h — the binary encoding shared by the snapshot and the WAL:
** little-endian fixed-width integers, length-prefixed strings, and
** property values.
**
** Writing appends to a StrBuf. Reading goes through a ByteReader that
** checks every length against the bytes that remain and turns any
** overrun, impossible length, bad UTF-8 or unknown tag into a sticky
** "bad" flag instead of a crash: the readers are fuzzed
** (tests/tools/fuzz_store.c) and a damaged file is an error, never a
** wild read.
**
** A value is a type byte (ValType) then its payload: BOOL one byte;
** INT and FLOAT eight; STRING a u32 length and the bytes; LIST a u32
** count and the items; MAP a u32 count and (key string, value) pairs;
** the temporal types months, days, seconds (i64 each), nanoseconds and
** offset (i32 each) and the zone name (string, empty when none); POINT
** its srid (u32) and its 2 or 3 coordinates (doubles). Lists and
** maps nest at most VALUE_MAX_DEPTH levels, as in memory.
*/
#ifndef TANGLE_CODEC_H
#define TANGLE_CODEC_H

#include "base/arena.h"
#include "base/strbuf.h"
#include "value/value.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "the snapshot and WAL formats are little-endian and written by memcpy");

void codec_put_u8(StrBuf *p, uint8_t x);
void codec_put_u32(StrBuf *p, uint32_t x);
void codec_put_u64(StrBuf *p, uint64_t x);
void codec_put_str(StrBuf *p, const char *z, uint32_t n);
/* Appends a property value (never a node, relationship or path). */
void codec_put_value(StrBuf *p, const Value *pVal);

typedef struct ByteReader {
  const uint8_t *p;    /* the bytes */
  size_t n;            /* how many */
  size_t i;            /* read position */
  bool bBad;           /* an overrun or a malformed item was met */
} ByteReader;

static inline void codec_reader(ByteReader *r, const void *p, size_t n) {
  r->p = p;
  r->n = n;
  r->i = 0;
  r->bBad = false;
}
static inline bool codec_at_end(const ByteReader *r) { return r->bBad || r->i == r->n; }

uint8_t codec_u8(ByteReader *r);
uint32_t codec_u32(ByteReader *r);
uint64_t codec_u64(ByteReader *r);
/* A string borrowed from the reader's bytes (not NUL-terminated): its
** length in *pn; NULL (and bad) unless it is valid UTF-8 within bounds. */
const char *codec_str(ByteReader *r, uint32_t *pn);
/* A property value, built in pA. Null (and bad) when malformed. */
Value codec_value(ByteReader *r, Arena *pA);

#endif /* TANGLE_CODEC_H */
