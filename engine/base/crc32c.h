/*
** crc32c.h — CRC-32C (Castagnoli), the checksum of every snapshot section
** and WAL record.
**
** CRC-32C rather than zlib's CRC-32 because x86-64 computes it in one
** instruction per 8 bytes (SSE 4.2), so checking a snapshot costs little
** next to reading it; other machines use a table, byte at a time.
*/
#ifndef TANGLE_CRC32C_H
#define TANGLE_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* Extends crc (0 to start) over n bytes at p. */
uint32_t crc32c(uint32_t crc, const void *p, size_t n);
/* The same by table only, whatever the processor (for the unit test). */
uint32_t crc32c_portable(uint32_t crc, const void *p, size_t n);

#endif /* TANGLE_CRC32C_H */
