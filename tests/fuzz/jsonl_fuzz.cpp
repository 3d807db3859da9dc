// A corpus file (.jsonl) -> ParseJsonl -> each article built into a Xapian
// document, as the indexer does with whatever the corpus holds.
#include "fuzz_support.h"
#include "longjing/parse.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ParseOutput out = ParseJsonl("feed/fuzz.jsonl", fuzz::AsText(data, size));
  fuzz::CheckParsed(out);
  return 0;
}
