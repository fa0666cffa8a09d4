/* Generates Sources/TextAnalysis/TraditionalToSimplified.swift: the one-to-one
 * Traditional-to-Simplified mappings ICU's "Traditional-Simplified" transform makes
 * for U+3400..U+9FFF. Run: scripts/gen-t2s.sh (needs libicu-dev). */
#include <stdio.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
int main(void) {
  UErrorCode st = U_ZERO_ERROR;
  UChar id[32]; u_uastrcpy(id, "Traditional-Simplified");
  UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
  if (U_FAILURE(st)) { fprintf(stderr, "open %s\n", u_errorName(st)); return 1; }
  int n = 0;
  for (UChar32 c = 0x3400; c <= 0x9FFF; c++) {
    UChar buf[8]; int32_t len = 0; UBool err = 0;
    U16_APPEND(buf, len, 8, c, err);
    int32_t textLen = len, limit = len; st = U_ZERO_ERROR;
    utrans_transUChars(t, buf, &textLen, 8, 0, &limit, &st);
    if (U_FAILURE(st)) continue;
    UChar32 out; int32_t i = 0;
    if (textLen < 1) continue;
    U16_NEXT(buf, i, textLen, out);
    if (i != textLen || out == c) continue;  /* only one-to-one changes */
    printf("%04X %04X\n", c, out); n++;
  }
  fprintf(stderr, "%d pairs\n", n);
  return 0;
}
