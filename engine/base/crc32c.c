/*
** crc32c.c — CRC-32C with the reflected polynomial 0x82F63B78 (see
** crc32c.h). The hardware path and the table give the same result; the
** unit test checks both against the published check value of "123456789".
*/
#include "base/crc32c.h"

#include <string.h>

static uint32_t aCrcTable[256];
static int bCrcTableReady;

static void crcBuildTable(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    aCrcTable[i] = c;
  }
  bCrcTableReady = 1;
}

/* The portable path: one table look-up per byte. */
static uint32_t crcBytes(uint32_t c, const uint8_t *p, size_t n) {
  if (!bCrcTableReady) crcBuildTable();
  while (n--) c = aCrcTable[(c ^ *p++) & 0xFF] ^ (c >> 8);
  return c;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) static uint32_t crcHardware(uint32_t c, const uint8_t *p, size_t n) {
  uint64_t c64 = c;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    c64 = __builtin_ia32_crc32di(c64, w);
    p += 8;
    n -= 8;
  }
  c = (uint32_t)c64;
  while (n--) c = __builtin_ia32_crc32qi(c, *p++);
  return c;
}
#endif

/* crc32c.h: the instruction where the processor has it, else the table. */
uint32_t crc32c(uint32_t crc, const void *p, size_t n) {
  uint32_t c = ~crc;
#if defined(__x86_64__)
  static int eHardware = -1;
  if (eHardware < 0) {
    __builtin_cpu_init();
    eHardware = __builtin_cpu_supports("sse4.2") ? 1 : 0;
  }
  if (eHardware) return ~crcHardware(c, p, n);
#endif
  return ~crcBytes(c, p, n);
}

/* The table path alone (crc32c.h), so the unit test can compare. */
uint32_t crc32c_portable(uint32_t crc, const void *p, size_t n) { return ~crcBytes(~crc, p, n); }
