// Read-only handlers: search, the Atom feed and static files.
#include <algorithm>

#include "atom.h"
#include "errors.h"
#include "handlers.h"
#include "json_encode.h"
#include "request_parse.h"

namespace longjing::server {
namespace {

constexpr int kFeedEntries = 50;

// "http://<Host>", with a Host header that could only be a host[:port];
// anything else falls back to the address the server is bound to.
std::string BaseUrl(const ServerContext& ctx, const httplib::Request& req) {
  std::string host = req.get_header_value("Host");
  bool ok = !host.empty() && host.size() < 256 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
           c == '[' || c == ']';
  });
  if (!ok) host = ctx.config.bind + ":" + std::to_string(ctx.config.port);
  return "http://" + host;
}

}  // namespace

void GetSearch(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Result<SearchRequest> request = ParseSearchRequest(req.params);
  if (!request.ok()) return WriteError(res, request.status());
  Result<SearcherRef> searcher = ctx.searcher->Get();
  if (!searcher.ok()) return WriteError(res, searcher.status());
  Result<SearchResult> result = (*searcher)->Search(*request);
  if (!result.ok()) return WriteError(res, result.status());
  WriteJson(res, EncodeSearchResult(*result));
}

void GetFeed(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  // A feed is always the newest matches; page and per_page are accepted so
  // the page can link the feed of its current search, and ignored, whatever
  // they hold (page=1001 would fail the paging checks).
  httplib::Params params = req.params;
  params.erase("page");
  params.erase("per_page");
  Result<SearchRequest> request = ParseSearchRequest(params);
  if (!request.ok()) return WriteError(res, request.status());
  request->sort = SortOrder::kNewest;
  request->page = 1;
  request->per_page = kFeedEntries;
  request->facets = false;
  Result<SearcherRef> searcher = ctx.searcher->Get();
  if (!searcher.ok()) return WriteError(res, searcher.status());
  Result<SearchResult> result = (*searcher)->Search(*request);
  if (!result.ok()) return WriteError(res, result.status());
  FeedLinks links{BaseUrl(ctx, req), req.target.empty() ? req.path : req.target};
  res.status = 200;
  res.set_content(RenderAtomFeed(*request, *result, links), "application/atom+xml; charset=utf-8");
}

void GetStatic(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (req.path == "/api" || req.path.starts_with("/api/"))
    return WriteError(res, ApiError{ApiCode::kNotFound, "no such API route: " + req.path});
  ctx.static_files->Serve(req, res);
}

}  // namespace longjing::server
