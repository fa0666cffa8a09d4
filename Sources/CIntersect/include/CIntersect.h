// The inner loops of the query engine's phrase merge
// (QueryEngine/PhraseMerge.swift) over 64-bit keys doc << 32 | position.
// Intersection of two ascending arrays of distinct keys: with AVX2 four keys
// of each side are compared against each other per step, else a merge
// without branches. Plain C types only.
#ifndef CINTERSECT_H
#define CINTERSECT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes the keys of a[0..<n] that are also in b[0..<m] to out, ascending,
/// and returns how many. out must not overlap a or b, and must have room
/// for n + 3 keys (whole vectors are stored; lanes past the result are junk).
size_t cintersect_u64(const uint64_t *a, size_t n, const uint64_t *b, size_t m, uint64_t *out);

/// The same without SIMD (the fallback, and the reference in tests).
size_t cintersect_u64_scalar(const uint64_t *a, size_t n, const uint64_t *b, size_t m, uint64_t *out);

/// 1 when cintersect_u64 uses AVX2 on this CPU.
int cintersect_has_simd(void);

/// Writes the doc (the high 32 bits) of each of keys[0..<m] (ascending) to
/// out once, ascending, and returns how many. out has room for m.
size_t cunique_docs(const uint64_t *keys, size_t m, uint32_t *out);

/// Keeps, in place and in order, the keys of keys[0..<m] whose doc d (the
/// high 32 bits) has bit d - first set in bits, where first <= d <= last;
/// returns how many. bits holds (last - first) / 64 + 1 words.
size_t ckeep_marked_docs(uint64_t *keys, size_t m, const uint64_t *bits, uint32_t first, uint32_t last);

#ifdef __cplusplus
}
#endif

#endif
