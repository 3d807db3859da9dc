// Operations: reindex, health and metrics.
#include <sys/stat.h>

#include <algorithm>
#include <optional>

#include "auth.h"
#include "errors.h"
#include "handlers.h"
#include "json_encode.h"
#include "longjing/index_dir.h"

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

namespace {

// Seconds from the writer's commit of the served revision to its arrival in
// this index folder: the mtime of the glass version file, which every commit
// and every changeset xapian-replicate applies rewrites. On a replica that is
// the replication lag; on the writer, about 0. nullopt without a commit time.
std::optional<double> ReplicationLag(const std::string& index_dir, const IndexStats& stats) {
  if (stats.commit_time <= 0) return std::nullopt;
  Result<std::string> live = ResolveCurrent(index_dir);
  struct stat st {};
  if (!live.ok() || ::stat((*live + "/iamglass").c_str(), &st) != 0) return std::nullopt;
  double arrived = static_cast<double>(st.st_mtim.tv_sec) + st.st_mtim.tv_nsec / 1e9;
  return std::max(0.0, arrived - stats.commit_time);
}

}  // namespace

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
    if (stats->commit_time > 0) body["commit_time"] = stats->commit_time;
    if (auto lag = ReplicationLag(ctx.config.index_dir, *stats)) body["lag_s"] = *lag;
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
  std::optional<double> lag;
  if (stats) lag = ReplicationLag(ctx.config.index_dir, *stats);
  res.status = 200;
  res.set_content(ctx.metrics.Render(stats, writer, lag),
                  "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace longjing::server
