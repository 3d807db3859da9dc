#include "request_parse.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing::server {
namespace {

constexpr std::array<std::string_view, 6> kSingle = {"q", "from", "to", "sort", "page", "per_page"};
// No "month" parameter: the month facet is browsed with from/to.
constexpr std::array<std::string_view, 5> kRepeatable = {"city", "company", "policy", "lang",
                                                         "year"};

bool IsIn(std::string_view key, const auto& list) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status ParseInt(const std::string& name, const std::string& value, int low, int high, int& out) {
  int v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < low || v > high)
    return Status::InvalidArgument(name + " must be an integer from " + std::to_string(low) +
                                   " to " + std::to_string(high) + ", got '" + value + "'");
  out = v;
  return Status::Ok();
}

Status CheckFacetValue(const std::string& facet, const std::string& value,
                       const Taxonomy& taxonomy) {
  bool ok = false;
  if (facet == "lang") {
    ok = value.size() >= 2 && value.size() <= 3 &&
         std::all_of(value.begin(), value.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  } else if (facet == "year") {
    ok = value.size() == 4 && AllDigits(value);
  } else {
    ok = taxonomy.value(facet, value) != nullptr;
  }
  if (!ok) return Status::InvalidArgument("unknown " + facet + " value '" + value + "'");
  return Status::Ok();
}

Status ApplySingle(const std::string& key, const std::string& value, SearchRequest& out) {
  if (key == "q") {
    if (value.size() > kMaxQueryBytes)
      return Status::InvalidArgument("q is longer than " + std::to_string(kMaxQueryBytes) +
                                     " bytes");
    out.q = value;
  } else if (key == "from" || key == "to") {
    if (!IsValidDate(value))
      return Status::InvalidArgument(key + " must be a date YYYY-MM-DD, got '" + value + "'");
    (key == "from" ? out.from : out.to) = value;
  } else if (key == "sort") {
    if (value == "relevance")
      out.sort = SortOrder::kRelevance;
    else if (value == "newest")
      out.sort = SortOrder::kNewest;
    else if (value == "oldest")
      out.sort = SortOrder::kOldest;
    else
      return Status::InvalidArgument("sort must be relevance, newest or oldest, got '" + value +
                                     "'");
  } else if (key == "page") {
    return ParseInt(key, value, 1, kMaxResultWindow, out.page);
  } else if (key == "per_page") {
    return ParseInt(key, value, 1, kMaxPerPage, out.per_page);
  }
  return Status::Ok();
}

Status ApplyParam(const std::string& key, const std::string& value, const Taxonomy& taxonomy,
                  std::set<std::string>& seen, SearchRequest& out) {
  if (!text::IsValidUtf8(key)) return Status::InvalidArgument("invalid UTF-8 in a parameter name");
  bool single = IsIn(key, kSingle);
  if (!single && !IsIn(key, kRepeatable))
    return Status::InvalidArgument("unknown parameter '" + key + "'");
  if (!text::IsValidUtf8(value))
    return Status::InvalidArgument("invalid UTF-8 in parameter " + key);
  if (single && !seen.insert(key).second)
    return Status::InvalidArgument("parameter " + key + " given more than once");
  if (value.empty()) return Status::Ok();
  if (single) return ApplySingle(key, value, out);
  if (Status s = CheckFacetValue(key, value, taxonomy); !s.ok()) return s;
  auto& values = out.filters[key];
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  return Status::Ok();
}

}  // namespace

Result<SearchRequest> ParseSearchRequest(const httplib::Params& params, const Taxonomy& taxonomy) {
  SearchRequest out;
  std::set<std::string> seen;
  for (const auto& [key, value] : params)
    if (Status s = ApplyParam(key, value, taxonomy, seen, out); !s.ok()) return s;
  if (!out.from.empty() && !out.to.empty() && out.from > out.to)
    return Status::InvalidArgument("from (" + out.from + ") is after to (" + out.to + ")");
  if (static_cast<long>(out.page) * out.per_page > kMaxResultWindow)
    return Status::InvalidArgument("page * per_page must not exceed " +
                                   std::to_string(kMaxResultWindow) + " (deep paging)");
  return out;
}

}  // namespace longjing::server
