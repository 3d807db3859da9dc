// Shared by the libFuzzer targets (tests/fuzz/*_fuzz.cpp): the real taxonomy
// and a small real index, made once per process in LLVMFuzzerInitialize.
// A target aborts (a crash libFuzzer records) when a documented contract is
// broken; a clean error Status is a normal outcome, never a finding.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "longjing/article.h"
#include "longjing/parse.h"
#include "longjing/taxonomy.h"

namespace longjing::fuzz {

// The repository's config/taxonomy.json, loaded on first use (aborts if it
// does not load: the target could test nothing).
std::shared_ptr<const Taxonomy> RealTaxonomy();

// Builds every article through DocumentBuilder (language detection, tagging,
// terms), as the indexer does with whatever a corpus file held.
void BuildAll(const std::vector<Article>& articles);
// The contracts every corpus-file parser keeps, then BuildAll: articles hold
// valid UTF-8 only (invalid input is a warning, never an article; the index,
// the JSON encoder and the page need it), and no warning is an "internal
// error" (Parse* turn any exception into one: a bug that loses the file);
// page starts (PDF) ascend from 0 and stay inside the body.
void CheckParsed(const ParseOutput& out);

// An index of the repository's sample articles (corpus/ and
// tests/e2e/fixtures/) in a temporary directory removed at exit; returns
// the index directory.
std::string SampleIndex();

// libFuzzer's inputs are bytes; the parsers take text.
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Reports a broken contract and aborts, so libFuzzer keeps the input.
[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  std::abort();
}

}  // namespace longjing::fuzz
