// CRC-32C with the CPU's instruction where there is one (SSE 4.2 on x86-64).
// Plain C types only; IndexFormat keeps a portable table version and uses
// this one when `bs_crc32c_hardware()` says it can.
#ifndef BS_CCHECKSUM_H
#define BS_CCHECKSUM_H
#include <stddef.h>
#include <stdint.h>

/// 1 when bs_crc32c_update may be called on this CPU, 0 otherwise.
int bs_crc32c_hardware(void);

/// Continues a CRC-32C over n bytes: `crc` is the running register (already
/// inverted, as the table version keeps it); returns the new register.
uint32_t bs_crc32c_update(uint32_t crc, const void *data, size_t n);

#endif
