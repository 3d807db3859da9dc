// A config file (config/longjing.yaml) -> ParseConfig.
#include "fuzz_support.h"
#include "longjing/config.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Result<Config> config = ParseConfig(fuzz::AsText(data, size), "fuzz.yaml");
  if (!config.ok() && config.status().code() != Code::kParseError)
    fuzz::Fail("unexpected error: " + config.status().ToString());
  return 0;
}
