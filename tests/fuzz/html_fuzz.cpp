// A corpus file (.html) -> ParseHtml -> each article built into a Xapian
// document, as the indexer does with whatever the corpus holds.
#include "fuzz_support.h"
#include "longjing/parse.h"
#include "longjing/text.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ParseOutput out = ParseHtml("feed/fuzz.html", fuzz::AsText(data, size));
  // Documented: invalid UTF-8 gives a warning, never an article; and the
  // index, the JSON encoder and the page all need valid UTF-8.
  for (const Article& a : out.articles)
    for (const std::string* field : {&a.title, &a.body, &a.date, &a.source, &a.url, &a.author})
      if (!text::IsValidUtf8(*field)) fuzz::Fail("an article field is not UTF-8");
  // Parse* catch every exception as "internal error": a bug, which loses
  // the whole file.
  for (const Diagnostic& w : out.warnings)
    if (w.message.starts_with("internal error")) fuzz::Fail(w.ToString());
  fuzz::BuildAll(out.articles);
  return 0;
}
