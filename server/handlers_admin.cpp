// Operations: reindex, health and metrics.
#include "auth.h"
#include "errors.h"
#include "handlers.h"
#include "json_encode.h"

namespace longjing::server {

void PostReindex(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (auto denied = CheckWriteAccess(req, ctx.config.admin_token, ctx.read_only())) {
    if (denied->code == ApiCode::kUnauthorized) res.set_header("WWW-Authenticate", "Bearer");
    return WriteError(res, *denied);
  }
  Result<IndexSummary> summary = ctx.live->writer().Sync().get();
  if (!summary.ok()) return WriteError(res, summary.status());
  WriteJson(res, summary->ToJson());
}

// A failing writer (full disk, missing or read-only index folder) makes the
// status "degraded" but keeps 200 while reads work: a load balancer should
// keep sending searches; monitoring reads "writer".
void GetHealthz(ServerContext& ctx, const httplib::Request&, httplib::Response& res) {
  nlohmann::json writer;
  if (ctx.live) {
    WriterHealth h = ctx.live->writer().health();
    writer = {{"ok", h.ok}, {"failures", h.failures}, {"retry_paths", h.retry_paths}};
    if (!h.ok) writer.update({{"error", h.error}, {"since", h.since}});
  }
  Result<SearcherRef> searcher = ctx.searcher->Get();
  Result<IndexStats> stats =
      searcher.ok() ? (*searcher)->Stats() : Result<IndexStats>(searcher.status());
  nlohmann::json body;
  int status = 200;
  if (!stats.ok()) {
    body = {{"status", "unavailable"}, {"message", stats.status().message()}};
    status = 503;
  } else {
    body = {{"status", writer.is_null() || writer["ok"] ? "ok" : "degraded"},
            {"documents", stats->documents},
            {"revision", stats->revision},
            {"read_only", ctx.read_only()}};
  }
  if (!writer.is_null()) body["writer"] = writer;
  WriteJson(res, body, status);
}

void GetMetrics(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (auto denied = CheckBearer(req, ctx.config.metrics_token)) {
    res.set_header("WWW-Authenticate", "Bearer");
    return WriteError(res, *denied);
  }
  std::optional<IndexStats> stats;
  if (Result<SearcherRef> searcher = ctx.searcher->Get(); searcher.ok())
    if (Result<IndexStats> s = (*searcher)->Stats(); s.ok()) stats = *s;
  std::optional<WriterHealth> writer;
  if (ctx.live) writer = ctx.live->writer().health();
  res.status = 200;
  res.set_content(ctx.metrics.Render(stats, writer), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace longjing::server
