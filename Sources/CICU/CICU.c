// Thin C wrappers over the system ICU (libicu-dev). Every function converts
// at the edge and returns plain C values; see include/CICU.h for contracts.
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

struct cicu_segmenter {
  UBreakIterator *bi;
};

cicu_segmenter *cicu_segmenter_open(int32_t *err) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
  if (U_FAILURE(status)) {
    *err = status;
    return NULL;
  }
  cicu_segmenter *s = malloc(sizeof *s);
  if (!s) {
    ubrk_close(bi);
    *err = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  s->bi = bi;
  return s;
}

void cicu_segmenter_close(cicu_segmenter *s) {
  if (!s) return;
  ubrk_close(s->bi);
  free(s);
}

int32_t cicu_breaks(cicu_segmenter *s, const char *text, int32_t len,
                    int32_t *bounds, int32_t *status, int32_t cap, int32_t *err) {
  UErrorCode st = U_ZERO_ERROR;
  // UText over UTF-8 keeps every boundary a UTF-8 byte offset: no UTF-16
  // index mapping (SQLite's fts3_icu.c has to map back; we don't).
  UText *ut = utext_openUTF8(NULL, text, len, &st);
  if (U_FAILURE(st)) { *err = st; return -1; }
  ubrk_setUText(s->bi, ut, &st);
  if (U_FAILURE(st)) { utext_close(ut); *err = st; return -1; }
  int32_t n = 0;
  ubrk_first(s->bi);
  for (int32_t b = ubrk_next(s->bi); b != UBRK_DONE; b = ubrk_next(s->bi)) {
    if (n < cap) {
      bounds[n] = b;
      status[n] = ubrk_getRuleStatus(s->bi);
    }
    n++;
  }
  // Detach the text before closing it so the iterator holds no dangling pointer.
  UErrorCode st2 = U_ZERO_ERROR;
  ubrk_setText(s->bi, NULL, 0, &st2);
  utext_close(ut);
  return n;
}

// UTF-8 -> UTF-16 into a malloc'd buffer; *outLen set. NULL on error.
static UChar *to_utf16(const char *in, int32_t len, int32_t *outLen, UErrorCode *st) {
  int32_t need = 0;
  UErrorCode pre = U_ZERO_ERROR;
  u_strFromUTF8(NULL, 0, &need, in, len, &pre);
  if (pre != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(pre)) { *st = pre; return NULL; }
  UChar *buf = malloc(sizeof(UChar) * (size_t)(need + 1));
  if (!buf) { *st = U_MEMORY_ALLOCATION_ERROR; return NULL; }
  u_strFromUTF8(buf, need + 1, outLen, in, len, st);
  if (U_FAILURE(*st)) { free(buf); return NULL; }
  return buf;
}

// UTF-16 -> UTF-8 into out; returns required length (may exceed cap).
static int32_t from_utf16(const UChar *in, int32_t len, char *out, int32_t cap, UErrorCode *st) {
  int32_t outLen = 0;
  u_strToUTF8(out, cap, &outLen, in, len, st);
  if (*st == U_BUFFER_OVERFLOW_ERROR || *st == U_STRING_NOT_TERMINATED_WARNING) *st = U_ZERO_ERROR;
  return outLen;
}

int32_t cicu_nfkc(const char *in, int32_t len, char *out, int32_t cap, int32_t *err) {
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
  if (U_FAILURE(st)) { *err = st; return -1; }
  int32_t srcLen = 0;
  UChar *src = to_utf16(in, len, &srcLen, &st);
  if (!src) { *err = st; return -1; }
  int32_t dstCap = srcLen * 3 + 16;  // NFKC expands by at most 18x in theory; retry below
  UChar *dst = malloc(sizeof(UChar) * (size_t)dstCap);
  int32_t dstLen = dst ? unorm2_normalize(nfkc, src, srcLen, dst, dstCap, &st) : 0;
  if (dst && st == U_BUFFER_OVERFLOW_ERROR) {
    free(dst);
    st = U_ZERO_ERROR;
    dstCap = dstLen + 1;
    dst = malloc(sizeof(UChar) * (size_t)dstCap);
    if (dst) dstLen = unorm2_normalize(nfkc, src, srcLen, dst, dstCap, &st);
  }
  free(src);
  if (!dst) { *err = U_MEMORY_ALLOCATION_ERROR; return -1; }
  if (U_FAILURE(st)) { free(dst); *err = st; return -1; }
  int32_t n = from_utf16(dst, dstLen, out, cap, &st);
  free(dst);
  if (U_FAILURE(st)) { *err = st; return -1; }
  return n;
}

int32_t cicu_to_utf8(const char *charset, const char *in, int32_t len,
                     char *out, int32_t cap, int32_t *err) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter *cnv = ucnv_open(charset, &st);
  if (U_FAILURE(st)) { *err = st; return -1; }
  // Stop on the first unmappable or illegal sequence instead of inserting
  // U+FFFD: a file that does not decode is reported, not silently mangled.
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
  int32_t u16Cap = len + 16;
  UChar *u16 = malloc(sizeof(UChar) * (size_t)u16Cap);
  if (!u16) { ucnv_close(cnv); *err = U_MEMORY_ALLOCATION_ERROR; return -1; }
  int32_t u16Len = ucnv_toUChars(cnv, u16, u16Cap, in, len, &st);
  ucnv_close(cnv);
  if (U_FAILURE(st)) { free(u16); *err = st; return -1; }
  int32_t n = from_utf16(u16, u16Len, out, cap, &st);
  free(u16);
  if (U_FAILURE(st)) { *err = st; return -1; }
  return n;
}

int32_t cicu_detect(const char *in, int32_t len, char *name, int32_t cap) {
  UErrorCode st = U_ZERO_ERROR;
  UCharsetDetector *det = ucsdet_open(&st);
  if (U_FAILURE(st)) return -1;
  ucsdet_setText(det, in, len, &st);
  const UCharsetMatch *m = ucsdet_detect(det, &st);
  int32_t conf = -1;
  if (U_SUCCESS(st) && m) {
    const char *n = ucsdet_getName(m, &st);
    conf = ucsdet_getConfidence(m, &st);
    if (U_SUCCESS(st) && n && cap > 0) {
      strncpy(name, n, (size_t)cap - 1);
      name[cap - 1] = 0;
    } else {
      conf = -1;
    }
  }
  ucsdet_close(det);
  return conf;
}

void cicu_version(char *buf) {
  UVersionInfo v;
  u_getVersion(v);
  u_versionToString(v, buf);
}

const char *cicu_error_name(int32_t err) { return u_errorName((UErrorCode)err); }
