#include "request_parse.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "longjing/parse.h"
#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing::server {
namespace {

// The single-valued parameters; every schema facet is a repeatable one. No
// "month" parameter: the month facet is browsed with from/to.
constexpr std::array<std::string_view, 8> kSingle = {
    "q", "from", "to", "sort", "page", "per_page", "collapse", "duplicates_of"};

bool IsSingle(std::string_view key) {
  return std::find(kSingle.begin(), kSingle.end(), key) != kSingle.end();
}

// Only the type: whether the number is in range is the core's to say.
Status ParseInt(const std::string& name, const std::string& value, int& out) {
  int v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size())
    return Status::InvalidField(name, name + " must be an integer, got '" + value + "'");
  out = v;
  return Status::Ok();
}

Status ApplySingle(const std::string& key, const std::string& value, SearchRequest& out) {
  if (key == "q") {
    out.q = value;
  } else if (key == "from" || key == "to") {
    (key == "from" ? out.from : out.to) = value;
  } else if (key == "sort") {
    if (value == "relevance")
      out.sort = SortOrder::kRelevance;
    else if (value == "newest")
      out.sort = SortOrder::kNewest;
    else if (value == "oldest")
      out.sort = SortOrder::kOldest;
    else
      return Status::InvalidField(key,
                                  "sort must be relevance, newest or oldest, got '" + value + "'");
  } else if (key == "collapse") {
    if (value != "true" && value != "false")
      return Status::InvalidField(key, "collapse must be true or false, got '" + value + "'");
    out.collapse = value == "true";
  } else if (key == "duplicates_of") {
    out.duplicates_of = value;
  } else if (key == "page") {
    return ParseInt(key, value, out.page);
  } else if (key == "per_page") {
    return ParseInt(key, value, out.per_page);
  }
  return Status::Ok();
}

Status ApplyParam(const std::string& key, const std::string& value, std::set<std::string>& seen,
                  SearchRequest& out) {
  if (!text::IsValidUtf8(key)) return Status::InvalidArgument("invalid UTF-8 in a parameter name");
  bool single = IsSingle(key);
  if (!single && !schema::FindFacet(key))
    return Status::InvalidField(key, "unknown parameter '" + key + "'");
  if (!text::IsValidUtf8(value))
    return Status::InvalidField(key, "invalid UTF-8 in parameter " + key);
  if (single && !seen.insert(key).second)
    return Status::InvalidField(key, "parameter " + key + " given more than once");
  if (value.empty()) return Status::Ok();
  if (single) return ApplySingle(key, value, out);
  auto& values = out.filters[key];
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  return Status::Ok();
}

}  // namespace

Result<SearchRequest> ParseSearchRequest(const httplib::Params& params) {
  SearchRequest out;
  std::set<std::string> seen;
  for (const auto& [key, value] : params)
    if (Status s = ApplyParam(key, value, seen, out); !s.ok()) return s;
  return out;
}

}  // namespace longjing::server
