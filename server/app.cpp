#include "app.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

#include "longjing/indexer.h"

namespace longjing::server {
namespace {

constexpr time_t kReadTimeoutSeconds = 10;
constexpr time_t kWriteTimeoutSeconds = 30;  // a POST /api/reindex may answer slowly
constexpr time_t kKeepAliveSeconds = 5;
constexpr size_t kKeepAliveMaxRequests = 1000;

Status LockedMessage(const std::string& index_dir, const Status& status) {
  std::smatch m;
  std::string pid;
  if (std::regex_search(status.message(), m, std::regex(R"(pid\D{0,3}(\d+))")))
    pid = " (pid " + m[1].str() + ")";
  return Status::Locked("another longjing process is writing " + index_dir + pid +
                        "; run with --no-watch to serve read-only");
}

}  // namespace

SearcherSource::SearcherSource(std::string index_dir, std::shared_ptr<const Taxonomy> taxonomy,
                               std::vector<std::string> shards, size_t cache_entries)
    : index_dir_(std::move(index_dir)),
      taxonomy_(std::move(taxonomy)),
      shards_(std::move(shards)),
      cache_entries_(cache_entries) {}

Result<const Searcher*> SearcherSource::Get() const {
  std::lock_guard lock(mu_);
  if (searcher_) return static_cast<const Searcher*>(searcher_.get());
  auto opened = Searcher::Open(index_dir_, taxonomy_, shards_, cache_entries_);
  if (!opened.ok()) {
    if (opened.status().code() == Code::kNotFound)
      return Status::Unavailable("no index in " + index_dir_ + " yet; run longjing-index");
    return opened.status();
  }
  searcher_ = std::move(opened).value();
  return static_cast<const Searcher*>(searcher_.get());
}

int HttpThreads(const Config& config) {
  if (config.threads > 0) return config.threads;
  return std::max(8, 4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

Result<std::unique_ptr<App>> App::Open(Config config) {
  std::unique_ptr<App> app(new App());
  app->ctx_ = std::make_unique<ServerContext>();
  ServerContext& ctx = *app->ctx_;
  ctx.config = std::move(config);
  auto taxonomy = Taxonomy::Load(ctx.config.taxonomy_file);
  if (!taxonomy.ok()) return Status::ParseError(taxonomy.status().message());
  ctx.taxonomy = std::make_shared<const Taxonomy>(std::move(taxonomy).value());
  ctx.searcher = std::make_unique<SearcherSource>(ctx.config.index_dir, ctx.taxonomy,
                                                   ctx.config.shards, ctx.config.cache_entries);
  ctx.static_files = std::make_unique<StaticFiles>(ctx.config.web_dir);
  if (ctx.config.watch) {
    if (Status s = app->OpenIndex(); !s.ok()) return s;
    app->StartWatcher();
  } else if (auto searcher = ctx.searcher->Get(); !searcher.ok()) {
    spdlog::warn("read-only: {}; searches fail until the index exists",
                 searcher.status().message());
  }
  if (Status s = app->StartHttp(); !s.ok()) return s;
  return app;
}

Status App::OpenIndex() {
  IndexOptions options = IndexOptionsFrom(ctx_->config);
  options.on_warning = [](const Diagnostic& d) { spdlog::warn("corpus: {}", d.ToString()); };
  auto indexer = Indexer::Open(options, ctx_->taxonomy);
  if (!indexer.ok()) {
    if (indexer.status().code() == Code::kLocked)
      return LockedMessage(options.index_dir, indexer.status());
    return indexer.status();
  }
  ctx_->writer = std::make_unique<IndexWriter>(std::move(indexer).value(), &ctx_->metrics);
  Result<IndexSummary> summary = ctx_->writer->Sync().get();
  if (!summary.ok()) return summary.status();
  spdlog::info("index in step with {}: {}", options.corpus_dir, summary->ToText());
  return Status::Ok();
}

void App::StartWatcher() {
  IndexWriter* writer = ctx_->writer.get();
  auto watcher = CorpusWatcher::Start(ctx_->config.corpus_dir,
                                      [writer](std::vector<std::string> paths, bool rescan) {
                                        // Fire and forget: the writer logs and counts the outcome.
                                        if (rescan)
                                          writer->Sync();
                                        else if (!paths.empty())
                                          writer->SyncPaths(std::move(paths));
                                      });
  if (!watcher.ok()) {
    spdlog::warn("not watching the corpus: {}", watcher.status().message());
    return;
  }
  watcher_ = std::move(watcher).value();
}

Status App::StartHttp() {
  const Config& config = ctx_->config;
  http_ = std::make_unique<httplib::Server>();
  int threads = HttpThreads(config);
  http_->new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  // Without it, Nagle's algorithm and the client's delayed ACK hold every
  // keep-alive response for ~40 ms.
  http_->set_tcp_nodelay(true);
  http_->set_read_timeout(kReadTimeoutSeconds);
  http_->set_write_timeout(kWriteTimeoutSeconds);
  http_->set_keep_alive_timeout(kKeepAliveSeconds);
  http_->set_keep_alive_max_count(kKeepAliveMaxRequests);
  http_->set_payload_max_length(config.max_request_bytes);
  router_ = std::make_unique<Router>(*http_, *ctx_);
  RegisterRoutes(*router_);
  if (config.port == 0) {
    port_ = http_->bind_to_any_port(config.bind);
  } else {
    port_ = http_->bind_to_port(config.bind, config.port) ? config.port : -1;
  }
  if (port_ <= 0)
    return Status::IoError("cannot listen on " + config.bind + ":" + std::to_string(config.port));
  ctx_->config.port = port_;
  spdlog::debug("HTTP pool of {} threads on {}", threads, url());
  return Status::Ok();
}

std::string App::url() const {
  const std::string& bind = ctx_->config.bind;
  std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
  return "http://" + host + ":" + std::to_string(port_) + "/";
}

uint64_t App::documents() const {
  auto searcher = ctx_->searcher->Get();
  if (!searcher.ok()) return 0;
  auto stats = (*searcher)->Stats();
  return stats.ok() ? stats->documents : 0;
}

bool App::Run() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return true;
    running_ = true;
  }
  bool ok = http_->listen_after_bind();
  run_done_ = true;
  return ok;
}

void App::Stop() {
  // Held throughout, so a second caller returns only once the first is done.
  std::lock_guard stopping(stop_mu_);
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  if (running_) {
    // listen_after_bind() may not have marked the server running yet.
    while (!http_->is_running() && !run_done_)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    http_->stop();
  }
  if (watcher_) watcher_->Stop();
  if (ctx_->writer) ctx_->writer->Stop();
  if (running_) spdlog::info("stopped");
}

App::~App() {
  Stop();
  // Workers of the HTTP pool are joined inside Run(); nothing else uses the context now.
}

}  // namespace longjing::server
