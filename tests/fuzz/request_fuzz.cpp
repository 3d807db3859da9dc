// An HTTP query string, split by httplib as the server's router does, ->
// the typed SearchRequest (server) -> the core's checks and filters: the
// same path /api/search takes before any index is read.
#include "fuzz_support.h"
#include "request_parse.h"
#include "search/query_builder.h"

using namespace longjing;

namespace {

void ExpectInvalidArgument(const Status& st, const char* stage) {
  if (st.code() != Code::kInvalidArgument)
    fuzz::Fail(std::string("unexpected error from ") + stage + ": " + st.ToString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  httplib::Params params;
  httplib::detail::parse_query_text(std::string(fuzz::AsText(data, size)), params);
  auto taxonomy = fuzz::RealTaxonomy();
  Result<SearchRequest> request = server::ParseSearchRequest(params);
  if (!request.ok()) {
    ExpectInvalidArgument(request.status(), "ParseSearchRequest");
    return 0;
  }
  if (Status st = ValidateRequest(*request); !st.ok()) {
    ExpectInvalidArgument(st, "ValidateRequest");
    return 0;
  }
  if (request->page < 1 || request->per_page < 1 || request->per_page > kMaxPerPage ||
      static_cast<long>(request->page) * request->per_page > kMaxResultWindow ||
      request->q.size() > kMaxQueryBytes)
    fuzz::Fail("a request outside the documented limits was accepted");
  Result<search::Filters> filters = search::BuildFilters(*request, *taxonomy);
  if (!filters.ok()) ExpectInvalidArgument(filters.status(), "BuildFilters");
  return 0;
}
