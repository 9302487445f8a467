/*
** packstream.h — PackStream v1, the binary value format that Bolt
** messages are made of, to and from the engine's Values.
**
** Writing (ps_put_*) appends to a StrBuf: the scalar and header writers
** the Bolt layer uses to build its messages (a SUCCESS is a struct header
** and a map, a RECORD a struct header and a list), and ps_put_value(),
** which writes any engine Value, nodes, relationships and paths included,
** as the Bolt version in use expects them (PS_BOLT_* flags below). Integers
** always take their smallest form.
**
** Reading (ps_read_*) takes bytes from a PsReader over one message. Every
** reader returns false on bad input and leaves the first error in the
** reader's zErr ("PackStream: list of 4294967295 items in 12 bytes").
** Values read land in an Arena the caller owns. The reader never
** recurses: lists and maps nest through an explicit stack, at most
** PS_MAX_DEPTH levels, and every size on the wire is checked against the
** bytes left before anything is allocated, so memory stays within a small
** multiple of the message's size. What a client may send as a value is
** what a Cypher parameter may hold: scalars, lists, maps with string keys,
** the temporal structures (both DateTime forms) and points (Point2D,
** Point3D); nodes, relationships, paths and byte arrays are refused with
** a message.
*/
#ifndef TANGLE_SERVER_PACKSTREAM_H
#define TANGLE_SERVER_PACKSTREAM_H

#include "base/arena.h"
#include "base/strbuf.h"
#include "value/value.h"

/* Levels of lists and maps a value read from the wire may nest. */
#define PS_MAX_DEPTH 100

/* Fields a structure may have (the tiny struct marker's 4 bits). */
#define PS_MAX_STRUCT_FIELDS 15

/* How ps_put_value() writes the structures whose form changed between
** Bolt versions; Bolt 5.x wants both, 4.4 neither (4.3 and 4.4 with the
** "utc" patch want PS_BOLT_UTC alone). */
#define PS_BOLT_ELEMENT_ID 0x01   /* nodes and relationships carry element ids */
#define PS_BOLT_UTC 0x02          /* DateTime as UTC seconds (tags 'I', 'i'),
                                     else local seconds (legacy 'F', 'f') */
#define PS_BOLT_V5 (PS_BOLT_ELEMENT_ID | PS_BOLT_UTC)
#define PS_BOLT_V4 0

/* Structure tags. */
#define PS_TAG_NODE 0x4E
#define PS_TAG_RELATIONSHIP 0x52
#define PS_TAG_UNBOUND_RELATIONSHIP 0x72
#define PS_TAG_PATH 0x50
#define PS_TAG_DATE 0x44
#define PS_TAG_TIME 0x54
#define PS_TAG_LOCAL_TIME 0x74
#define PS_TAG_LOCAL_DATE_TIME 0x64
#define PS_TAG_DATE_TIME 0x49           /* Bolt 5: UTC seconds, offset */
#define PS_TAG_DATE_TIME_ZONE_ID 0x69   /* Bolt 5: UTC seconds, zone name */
#define PS_TAG_LEGACY_DATE_TIME 0x46    /* Bolt 4: local seconds, offset */
#define PS_TAG_LEGACY_DATE_TIME_ZONE_ID 0x66  /* Bolt 4: local seconds, zone name */
#define PS_TAG_DURATION 0x45
#define PS_TAG_POINT_2D 0x58
#define PS_TAG_POINT_3D 0x59

/* ---- Writing ------------------------------------------------------------ */

void ps_put_null(StrBuf *pOut);
void ps_put_bool(StrBuf *pOut, bool b);
void ps_put_int(StrBuf *pOut, int64_t i);        /* smallest form */
void ps_put_float(StrBuf *pOut, double f);
void ps_put_string(StrBuf *pOut, const char *z, size_t n);   /* n < 2^32, UTF-8 */
void ps_put_list_header(StrBuf *pOut, uint32_t nItem);       /* nItem values follow */
void ps_put_map_header(StrBuf *pOut, uint32_t nEntry);       /* nEntry key, value pairs follow */
void ps_put_struct_header(StrBuf *pOut, uint8_t tag, uint32_t nField); /* nField <= 15 */

/*
** Writes *p with the structure forms that flags (PS_BOLT_*) choose. Nodes,
** relationships and paths are looked up in pDb (labels, type, ends,
** properties); an entity that no longer exists there is written with no
** labels and no properties (a relationship with type "" and the ends
** pDb reports, -1 for a slot past the end). Returns false only when p
** holds an entity and pDb is NULL, with a message in zErr (nErr bytes),
** having written nothing.
*/
bool ps_put_value(StrBuf *pOut, tg_db *pDb, const Value *p, int flags, char *zErr, size_t nErr);

/* ---- Reading ------------------------------------------------------------ */

#define PS_ERR_MAX 160

/* A cursor over the bytes of one message. zErr is "" until a reader fails. */
typedef struct PsReader {
  const uint8_t *p;       /* next byte */
  const uint8_t *pEnd;    /* one past the last byte */
  char zErr[PS_ERR_MAX];  /* the first error, "PackStream: ..." */
} PsReader;

void ps_reader_init(PsReader *r, const void *p, size_t n);
static inline size_t ps_remaining(const PsReader *r) { return (size_t)(r->pEnd - r->p); }

/* The marker byte of the next value, or -1 at the end: lets a caller
** tell a null or a map from another value before reading it. */
int ps_peek_marker(const PsReader *r);

/* A struct header: its tag and field count (0..15). */
bool ps_read_struct_header(PsReader *r, uint8_t *pTag, uint32_t *pnField);

/* An integer (any of its forms). */
bool ps_read_int(PsReader *r, int64_t *pI);

/* A string, copied into pA as a VAL_STRING (NUL-terminated). Bytes that
** are not UTF-8 are an error. */
bool ps_read_string(PsReader *r, Arena *pA, Value *pOut);

/* Any value a client may send, into pA (see the top of this file). Map
** keys are unique: when the wire repeats one, the last value wins, at the
** key's first place. */
bool ps_read_value(PsReader *r, Arena *pA, Value *pOut);

/* A value that must be a map (the metadata of HELLO, RUN, BEGIN ...). */
bool ps_read_map(PsReader *r, Arena *pA, Value *pOut);

#endif /* TANGLE_SERVER_PACKSTREAM_H */
