// Query text (the q parameter) -> the query builder -> a search of a small
// real index: validation, entity rewriting, both stemmers, wildcards, date
// ranges, field prefixes, spelling correction and snippets.
#include <memory>

#include "fuzz_support.h"
#include "longjing/search.h"

using namespace longjing;

namespace {
std::unique_ptr<Searcher> searcher;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto s = Searcher::Open(fuzz::SampleIndex(), fuzz::RealTaxonomy(), {}, /*cache_entries=*/0);
  if (!s.ok()) fuzz::Fail("cannot open the sample index: " + s.status().ToString());
  searcher = std::move(s).value();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  SearchRequest request;
  request.q = fuzz::AsText(data, size);
  request.per_page = 5;
  request.facets = false;  // facet counting does not read q; leave it to the tests
  Result<SearchResult> result = searcher->Search(request);
  // A bad query is the caller's error; anything else is a bug.
  if (!result.ok() && result.status().code() != Code::kInvalidArgument)
    fuzz::Fail("search failed: " + result.status().ToString());
  return 0;
}
