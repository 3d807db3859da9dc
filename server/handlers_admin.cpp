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
  Result<IndexSummary> summary = ctx.writer->Sync().get();
  if (!summary.ok()) return WriteError(res, summary.status());
  WriteJson(res, summary->ToJson());
}

void GetHealthz(ServerContext& ctx, const httplib::Request&, httplib::Response& res) {
  Result<const Searcher*> searcher = ctx.searcher->Get();
  Result<IndexStats> stats =
      searcher.ok() ? (*searcher)->Stats() : Result<IndexStats>(searcher.status());
  if (!stats.ok()) {
    WriteJson(res, {{"status", "unavailable"}, {"message", stats.status().message()}}, 503);
    return;
  }
  WriteJson(res, {{"status", "ok"},
                  {"documents", stats->documents},
                  {"revision", stats->revision},
                  {"read_only", ctx.read_only()}});
}

void GetMetrics(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (auto denied = CheckBearer(req, ctx.config.metrics_token)) {
    res.set_header("WWW-Authenticate", "Bearer");
    return WriteError(res, *denied);
  }
  std::optional<IndexStats> stats;
  if (Result<const Searcher*> searcher = ctx.searcher->Get(); searcher.ok())
    if (Result<IndexStats> s = (*searcher)->Stats(); s.ok()) stats = *s;
  res.status = 200;
  res.set_content(ctx.metrics.Render(stats), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace longjing::server
