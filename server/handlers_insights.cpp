// Insights handlers: /api/pivot, /api/trends, /api/significant. Each takes
// the selection parameters of /api/search (parsed by ParseSearchRequest) plus
// its own; paging and sort mean nothing here and are refused.
#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "errors.h"
#include "handlers.h"
#include "json_encode.h"
#include "longjing/insights.h"
#include "request_parse.h"

namespace longjing::server {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 3> kNotSelection = {"sort", "page", "per_page"};

struct Split {
  httplib::Params own;        // the route's own parameters
  httplib::Params selection;  // everything else, for ParseSearchRequest
};

// Separates the route's `own` parameters from the selection; a single-valued
// own parameter given twice is refused.
Result<Split> SplitParams(const httplib::Request& req, std::initializer_list<std::string_view> own,
                          std::initializer_list<std::string_view> repeatable = {}) {
  Split out;
  std::set<std::string> seen;
  for (const auto& [key, value] : req.params) {
    if (std::find(kNotSelection.begin(), kNotSelection.end(), key) != kNotSelection.end())
      return Status::InvalidArgument("unknown parameter '" + key + "'");
    bool mine = std::find(own.begin(), own.end(), key) != own.end();
    bool many = std::find(repeatable.begin(), repeatable.end(), key) != repeatable.end();
    if (!mine && !many) {
      out.selection.emplace(key, value);
      continue;
    }
    if (mine && !seen.insert(key).second)
      return Status::InvalidArgument("parameter " + key + " given more than once");
    out.own.emplace(key, value);
  }
  return out;
}

std::string Param(const httplib::Params& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? std::string() : it->second;
}

// An absent or empty parameter keeps `out`; anything but an integer in
// [low, high] is an error naming the parameter.
Status IntParam(const httplib::Params& params, const std::string& key, int low, int high,
                int& out) {
  std::string value = Param(params, key);
  if (value.empty()) return Status::Ok();
  int v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < low || v > high)
    return Status::InvalidArgument(key + " must be an integer from " + std::to_string(low) +
                                   " to " + std::to_string(high) + ", got '" + value + "'");
  out = v;
  return Status::Ok();
}

Status RequiredParam(const httplib::Params& params, const std::string& key, std::string& out) {
  out = Param(params, key);
  if (out.empty()) return Status::InvalidArgument("parameter " + key + " is required");
  return Status::Ok();
}

json Values(const std::vector<FacetCount>& values) {
  json out = json::array();
  for (const FacetCount& v : values)
    out.push_back({{"id", v.id}, {"name", v.name}, {"count", v.count}});
  return out;
}

// Parses the selection and the route's own parameters into `T`, runs it and
// writes the answer, or the first error.
template <typename T, typename Parse, typename Run, typename Encode>
void Serve(ServerContext& ctx, httplib::Response& res, Parse&& parse, Run&& run, Encode&& encode) {
  T request;
  if (Status st = parse(request); !st.ok()) return WriteError(res, st);
  Result<SearcherRef> searcher = ctx.searcher->Get();
  if (!searcher.ok()) return WriteError(res, searcher.status());
  auto result = run(**searcher, request);
  if (!result.ok()) return WriteError(res, result.status());
  WriteJson(res, encode(*result));
}

Status ParseSelection(const ServerContext& ctx, const httplib::Params& params, SearchRequest& out) {
  Result<SearchRequest> selection = ParseSearchRequest(params);
  if (!selection.ok()) return selection.status();
  out = std::move(selection).value();
  return Status::Ok();
}

}  // namespace

void GetPivot(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto parse = [&](PivotRequest& r) -> Status {
    Result<Split> split = SplitParams(req, {"rows", "cols", "rows_size", "cols_size"});
    if (!split.ok()) return split.status();
    if (Status st = RequiredParam(split->own, "rows", r.rows); !st.ok()) return st;
    if (Status st = RequiredParam(split->own, "cols", r.cols); !st.ok()) return st;
    if (Status st = IntParam(split->own, "rows_size", 1, kMaxPivotSize, r.rows_size); !st.ok())
      return st;
    if (Status st = IntParam(split->own, "cols_size", 1, kMaxPivotSize, r.cols_size); !st.ok())
      return st;
    return ParseSelection(ctx, split->selection, r.selection);
  };
  auto encode = [](const PivotResult& p) {
    return json{{"total", p.total},
                {"rows", {{"facet", p.rows.facet}, {"values", Values(p.rows.values)}}},
                {"cols", {{"facet", p.cols.facet}, {"values", Values(p.cols.values)}}},
                {"cells", p.cells},
                {"took_ms", p.took_ms}};
  };
  Serve<PivotRequest>(
      ctx, res, parse, [](const Searcher& s, const PivotRequest& r) { return s.Pivot(r); }, encode);
}

void GetTrends(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto parse = [&](TrendsRequest& r) -> Status {
    Result<Split> split = SplitParams(req, {"facet", "interval", "size"}, {"value"});
    if (!split.ok()) return split.status();
    if (Status st = RequiredParam(split->own, "facet", r.facet); !st.ok()) return st;
    std::string interval = Param(split->own, "interval");
    if (interval == "month")
      r.interval = TrendInterval::kMonth;
    else if (interval.empty() || interval == "year")
      r.interval = TrendInterval::kYear;
    else
      return Status::InvalidArgument("interval must be year or month, got '" + interval + "'");
    if (Status st = IntParam(split->own, "size", 1, kMaxTrendSeries, r.size); !st.ok()) return st;
    for (auto [it, end] = split->own.equal_range("value"); it != end; ++it)
      if (!it->second.empty()) r.values.push_back(it->second);
    return ParseSelection(ctx, split->selection, r.selection);
  };
  auto encode = [](const TrendsResult& t) {
    json series = json::array();
    for (const TrendSeries& s : t.series)
      series.push_back({{"id", s.id},
                        {"name", s.name},
                        {"counts", s.counts},
                        {"total", s.total},
                        {"change", s.change}});
    return json{{"facet", t.facet},
                {"interval", t.interval == TrendInterval::kMonth ? "month" : "year"},
                {"buckets", t.buckets},
                {"total", t.total},
                {"series", std::move(series)},
                {"undated", t.undated},
                {"took_ms", t.took_ms}};
  };
  Serve<TrendsRequest>(
      ctx, res, parse, [](const Searcher& s, const TrendsRequest& r) { return s.Trends(r); },
      encode);
}

void GetSignificant(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto parse = [&](SignificantRequest& r) -> Status {
    Result<Split> split = SplitParams(req, {"facet", "size"});
    if (!split.ok()) return split.status();
    if (Status st = RequiredParam(split->own, "facet", r.facet); !st.ok()) return st;
    if (Status st = IntParam(split->own, "size", 1, kMaxSignificant, r.size); !st.ok()) return st;
    return ParseSelection(ctx, split->selection, r.selection);
  };
  auto encode = [](const SignificantResult& sig) {
    json values = json::array();
    for (const SignificantValue& v : sig.values)
      values.push_back(
          {{"id", v.id}, {"name", v.name}, {"fg", v.fg}, {"bg", v.bg}, {"score", v.score}});
    return json{{"facet", sig.facet},           {"foreground", sig.foreground},
                {"background", sig.background}, {"selection", sig.selection},
                {"values", std::move(values)},  {"took_ms", sig.took_ms}};
  };
  Serve<SignificantRequest>(
      ctx, res, parse,
      [](const Searcher& s, const SignificantRequest& r) { return s.Significant(r); }, encode);
}

}  // namespace longjing::server
