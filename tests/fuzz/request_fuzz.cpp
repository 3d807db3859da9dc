// An HTTP query string, split by httplib as the server's router does, ->
// the typed SearchRequest -> the core's validated filters.
#include "fuzz_support.h"
#include "query_builder.h"
#include "request_parse.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  httplib::Params params;
  httplib::detail::parse_query_text(std::string(fuzz::AsText(data, size)), params);
  auto taxonomy = fuzz::RealTaxonomy();
  Result<SearchRequest> request = server::ParseSearchRequest(params, *taxonomy);
  if (!request.ok()) {
    if (request.status().code() != Code::kInvalidArgument)
      fuzz::Fail("unexpected error: " + request.status().ToString());
    return 0;
  }
  if (request->page < 1 || request->per_page < 1 || request->per_page > kMaxPerPage ||
      static_cast<long>(request->page) * request->per_page > kMaxResultWindow ||
      request->q.size() > kMaxQueryBytes)
    fuzz::Fail("a request outside the documented limits was accepted");
  // What the server accepted, the core must accept too (else a 400 would
  // name a parameter the server's own checks let through).
  Result<search::Filters> filters = search::BuildFilters(*request, *taxonomy);
  if (!filters.ok()) fuzz::Fail("accepted request, refused filters: " + filters.status().ToString());
  return 0;
}
