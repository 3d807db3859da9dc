// A corpus file (.docx) -> ParseDocx (libzip + libxml2) -> each article
// built into a Xapian document. Broken zips and XML end as one warning.
#include "fuzz_support.h"
#include "longjing/parse.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ParseOutput out = ParseDocx("memos/fuzz.docx", fuzz::AsText(data, size));
  fuzz::CheckParsed(out);
  return 0;
}
