// See include/CIntersect.h. The SIMD step (Lemire, Boytsov and Kurz, "SIMD
// compression and the intersection of sorted integers", 2016; Schlegel et
// al.'s all-pairs compare): compare 4 keys of a with the 4 keys of b in
// every rotation, keep the keys of a found (a shuffle from a 16-entry
// table), then advance the side whose last key is smaller (both when equal).
// Keys are distinct within each array, so a key of a matches at most once.
#include "CIntersect.h"

size_t cintersect_u64_scalar(const uint64_t *a, size_t n, const uint64_t *b, size_t m, uint64_t *out) {
  size_t i = 0, j = 0, k = 0;
  while (i < n && j < m) {
    uint64_t x = a[i], y = b[j];
    out[k] = x;  // kept only when counted
    k += (x == y);
    i += (x <= y);
    j += (y <= x);
  }
  return k;
}

#if defined(__x86_64__)
#include <immintrin.h>

// For each 4-bit mask of found keys: the 32-bit lanes that move the found
// 64-bit keys to the front (in order).
static int32_t shuffle[16][8];

__attribute__((constructor)) static void build_shuffle(void) {
  for (int mask = 0; mask < 16; mask++) {
    int w = 0;
    for (int e = 0; e < 4; e++)
      if (mask & (1 << e)) {
        shuffle[mask][2 * w] = 2 * e;
        shuffle[mask][2 * w + 1] = 2 * e + 1;
        w++;
      }
    for (; w < 4; w++) {
      shuffle[mask][2 * w] = 0;
      shuffle[mask][2 * w + 1] = 1;
    }
  }
}

__attribute__((target("avx2,popcnt"))) static size_t intersect_avx2(
    const uint64_t *a, size_t n, const uint64_t *b, size_t m, uint64_t *out) {
  size_t i = 0, j = 0, k = 0;
  int found = 0;  // keys of the current block of a found so far (a mask)
  while (i + 4 <= n && j + 4 <= m) {
    __m256i va = _mm256_loadu_si256((const __m256i *)(a + i));
    __m256i vb = _mm256_loadu_si256((const __m256i *)(b + j));
    __m256i eq = _mm256_cmpeq_epi64(va, vb);
    eq = _mm256_or_si256(eq, _mm256_cmpeq_epi64(va, _mm256_permute4x64_epi64(vb, 0x39)));  // b rotated by 1
    eq = _mm256_or_si256(eq, _mm256_cmpeq_epi64(va, _mm256_permute4x64_epi64(vb, 0x4E)));  // by 2
    eq = _mm256_or_si256(eq, _mm256_cmpeq_epi64(va, _mm256_permute4x64_epi64(vb, 0x93)));  // by 3
    found |= _mm256_movemask_pd(_mm256_castsi256_pd(eq));
    // The found keys of this block of a, in order, to out + k on every step;
    // k moves past them once the block is done (a later step or result
    // overwrites the lanes past them). No branch on the data: which side
    // advances is as good as random.
    __m256i idx = _mm256_loadu_si256((const __m256i *)shuffle[found]);
    _mm256_storeu_si256((__m256i *)(out + k), _mm256_permutevar8x32_epi32(va, idx));
    uint64_t la = a[i + 3], lb = b[j + 3];
    size_t done = la <= lb;
    k += done * (size_t)__builtin_popcount(found);
    found &= (int)done - 1;
    i += done * 4;
    j += (size_t)(lb <= la) * 4;
  }
  if (found) {
    // A block of a left with keys found in earlier blocks of b: those come
    // first; the rest of b is compared below.
    __m256i va = _mm256_loadu_si256((const __m256i *)(a + i));
    __m256i idx = _mm256_loadu_si256((const __m256i *)shuffle[found]);
    _mm256_storeu_si256((__m256i *)(out + k), _mm256_permutevar8x32_epi32(va, idx));
    k += (size_t)__builtin_popcount(found);
  }
  return k + cintersect_u64_scalar(a + i, n - i, b + j, m - j, out + k);
}

static int has_avx2 = -1;

int cintersect_has_simd(void) {
  if (has_avx2 < 0) has_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  return has_avx2;
}

size_t cintersect_u64(const uint64_t *a, size_t n, const uint64_t *b, size_t m, uint64_t *out) {
  if (cintersect_has_simd()) return intersect_avx2(a, n, b, m, out);
  return cintersect_u64_scalar(a, n, b, m, out);
}

#else

int cintersect_has_simd(void) { return 0; }

size_t cintersect_u64(const uint64_t *a, size_t n, const uint64_t *b, size_t m, uint64_t *out) {
  return cintersect_u64_scalar(a, n, b, m, out);
}

#endif

// Both loops below run once per key of a merge window, and whether the next
// key starts a new doc, or is a wanted doc, is unpredictable: they store
// every key and count only the kept ones, without a branch per key.

size_t cunique_docs(const uint64_t *restrict keys, size_t m, uint32_t *restrict out) {
  size_t n = 0;
  uint32_t last = UINT32_MAX;  // no doc id: ids are below the doc count, itself below 2^32
  for (size_t i = 0; i < m; i++) {
    uint32_t doc = (uint32_t)(keys[i] >> 32);
    out[n] = doc;
    n += (doc != last);
    last = doc;
  }
  return n;
}

size_t ckeep_marked_docs(uint64_t *keys, size_t m, const uint64_t *bits, uint32_t first, uint32_t last) {
  uint32_t span = last - first;
  size_t kept = 0;
  for (size_t i = 0; i < m; i++) {
    uint64_t key = keys[i];
    uint32_t rel = (uint32_t)(key >> 32) - first;  // wraps to a large value below first
    uint32_t inside = rel <= span;
    uint32_t at = inside ? rel : 0;
    keys[kept] = key;
    kept += ((bits[at >> 6] >> (at & 63)) & 1) & inside;
  }
  return kept;
}
