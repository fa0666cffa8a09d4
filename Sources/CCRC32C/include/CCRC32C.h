// CCRC32C: CRC-32C (Castagnoli) with the CPU's instruction (SSE 4.2 `crc32`
// on x86-64, the CRC extension on AArch64), for the checksums IndexFormat
// verifies on every open (the manifest's footer) and every stored block.
// IndexFormat's Swift table version (CRC32C.swift) is the reference and the
// fallback when the CPU lacks the instruction; both give the same values.
#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 if ccrc32c_update may be called on this CPU, else 0.
int ccrc32c_available(void);

/// CRC-32C of data[0..<len] continuing from `seed` (a previous result, 0 to
/// start): the same contract as CRC32C.checksum(_:seed:).
uint32_t ccrc32c_update(uint32_t seed, const void *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif
