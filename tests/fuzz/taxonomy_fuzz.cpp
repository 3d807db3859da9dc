// A taxonomy file -> Taxonomy::Parse -> a Tagger built from it, run over a
// sample text and over the file's own bytes.
#include "fuzz_support.h"
#include "longjing/tagger.h"
#include "longjing/text.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json = fuzz::AsText(data, size);
  Result<Taxonomy> taxonomy = Taxonomy::Parse(json, "fuzz.json");
  if (!taxonomy.ok()) {
    if (taxonomy.status().code() != Code::kParseError)
      fuzz::Fail("unexpected error: " + taxonomy.status().ToString());
    return 0;
  }
  Tagger tagger(*taxonomy);
  tagger.Count(tagger.FindMentions(
      "Hangzhou 杭州 杭州市 Pékin, Shenzhen's DeepSeek et Alibaba — 深圳 北京 上海"));
  if (text::IsValidUtf8(json)) tagger.Count(tagger.FindMentions(json));
  return 0;
}
