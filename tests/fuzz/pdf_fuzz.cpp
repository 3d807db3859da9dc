// A corpus file (.pdf) -> ParsePdf (poppler) -> each article built into a
// Xapian document. Damaged, encrypted and text-less files must end as one
// warning, never a crash or an "internal error".
#include "fuzz_support.h"
#include "longjing/parse.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ParseLimits limits;
  limits.max_pages = 64;  // a mutated /Count must not make one input run for minutes
  ParseOutput out = ParsePdf("reports/fuzz.pdf", fuzz::AsText(data, size), limits);
  fuzz::CheckParsed(out);
  return 0;
}
