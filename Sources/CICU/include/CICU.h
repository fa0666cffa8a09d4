// CICU: the only place that includes ICU headers (see DESIGN.md, "Modules").
// Swift sees opaque handles and plain C types only: ICU renames every symbol
// through a version macro (ubrk_open -> ubrk_open_72) that Swift cannot import,
// and Foundation on Linux bundles its own ICU headers that clash with the system's.
// Calls are per document (batch), never per token.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A word segmenter (ICU word break iterator, locale "zh"). Not thread-safe:
/// one per thread. Close with cicu_segmenter_close.
typedef struct cicu_segmenter cicu_segmenter;

/// Opens a segmenter; NULL with *err set (an ICU UErrorCode) on failure.
cicu_segmenter *cicu_segmenter_open(int32_t *err);
void cicu_segmenter_close(cicu_segmenter *s);

/// Word boundaries of text[0..<len] (UTF-8) as byte offsets, excluding 0,
/// plus ICU's rule status of the span ending at each boundary
/// (0-99 none/punctuation/space, 100 number, 200 letter, 300 kana, 400 ideographic).
/// Returns the count, or -1 with *err set. If the count exceeds cap, only cap
/// entries are written; call again with a larger buffer.
int32_t cicu_breaks(cicu_segmenter *s, const char *text, int32_t len,
                    int32_t *bounds, int32_t *status, int32_t cap, int32_t *err);

/// NFKC-normalizes UTF-8 in[0..<len] into out (UTF-8). Returns the output
/// length; if it exceeds cap, nothing useful is in out: call again with a
/// buffer of that size. -1 with *err set on error (invalid input included).
int32_t cicu_nfkc(const char *in, int32_t len, char *out, int32_t cap, int32_t *err);

/// Converts bytes in charset `charset` (an ICU converter name such as
/// "GB18030" or "UTF-16LE") to UTF-8. Same return convention as cicu_nfkc.
/// Fails (returns -1, *err = U_INVALID_CHAR_FOUND or U_ILLEGAL_CHAR_FOUND)
/// rather than substituting when the input is not valid in that charset.
int32_t cicu_to_utf8(const char *charset, const char *in, int32_t len,
                     char *out, int32_t cap, int32_t *err);

/// Best guess of the charset of in[0..<len] (ICU charset detector); writes a
/// NUL-terminated name into name[0..<cap] and returns the confidence 0-100,
/// or -1 when nothing matched.
int32_t cicu_detect(const char *in, int32_t len, char *name, int32_t cap);

/// ICU's version as "72.1" into buf (at least 17 bytes).
void cicu_version(char *buf);

/// A human-readable name for an ICU error code.
const char *cicu_error_name(int32_t err);

#ifdef __cplusplus
}
#endif
#endif
