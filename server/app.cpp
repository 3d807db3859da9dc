#include "app.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <regex>
#include <thread>

#include "errors.h"
#include "http_gate.h"
#include "longjing/index_dir.h"
#include "longjing/indexer.h"
#include "security.h"

namespace longjing::server {

// Room for the multipart framing and headers around one uploaded file.
constexpr size_t kMultipartOverheadBytes = 64 * 1024;
namespace {

constexpr std::chrono::seconds kHeadTimeout{10};   // a whole request head
constexpr std::chrono::seconds kBodyTimeout{10};   // a whole request body
constexpr std::chrono::seconds kWriteTimeout{30};  // a POST /api/reindex may answer slowly
constexpr std::chrono::seconds kKeepAlive{5};
constexpr size_t kKeepAliveMaxRequests = 1000;
// How often the taxonomy file is checked for edits made by hand.
constexpr std::chrono::milliseconds kTaxonomyCheckPeriod{1000};

// httplib accepts connections and parses requests; the gate (http_gate.h)
// owns connections between requests. httplib hands every accepted socket to
// the private virtual process_and_close_socket through its task queue: this
// override gives the socket to the gate instead, and the inline queue runs
// that hand-over on the accepting thread (it only registers the socket).
class GatedServer : public httplib::Server {
 public:
  explicit GatedServer(GateOptions options) {
    gate_ = std::make_unique<HttpGate>(std::move(options),
                                       [this](httplib::Stream& strm, bool close, bool& closed) {
                                         return process_request(strm, close, closed, nullptr);
                                       });
    new_task_queue = [this] { return new InlineQueue(*gate_); };
  }
  ~GatedServer() override { gate_->Shutdown(); }

 private:
  class InlineQueue : public httplib::TaskQueue {
   public:
    explicit InlineQueue(HttpGate& gate) : gate_(gate) {}
    void enqueue(std::function<void()> fn) override { fn(); }
    // listen_after_bind() returns only once every request in flight is done.
    void shutdown() override { gate_.Shutdown(); }

   private:
    HttpGate& gate_;
  };

  bool process_and_close_socket(socket_t sock) override {
    gate_->Admit(sock);
    return true;
  }

  std::unique_ptr<HttpGate> gate_;
};

GateOptions MakeGateOptions(const Config& config) {
  GateOptions options;
  options.workers = static_cast<size_t>(HttpThreads(config));
  options.max_connections = std::max<size_t>(config.max_connections, options.workers);
  options.head_timeout = kHeadTimeout;
  options.idle_timeout = kKeepAlive;
  options.body_timeout = kBodyTimeout;
  options.write_timeout = kWriteTimeout;
  options.max_requests_per_connection = kKeepAliveMaxRequests;
  options.error_body = [](int status, const std::string& message) {
    return std::pair<std::string, std::string>{"application/json; charset=utf-8",
                                               ErrorBodyFor(status, message)};
  };
  options.extra_headers = SecurityHeaders();
  return options;
}

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
                               std::vector<std::string> shards, size_t cache_entries,
                               double time_limit, double shard_timeout)
    : index_dir_(std::move(index_dir)),
      taxonomy_(std::move(taxonomy)),
      shards_(std::move(shards)),
      cache_entries_(cache_entries),
      time_limit_(time_limit),
      shard_timeout_(shard_timeout) {}

void SearcherSource::SetTaxonomy(std::shared_ptr<const Taxonomy> taxonomy) {
  std::lock_guard lock(mu_);
  taxonomy_ = std::move(taxonomy);
  searcher_.reset();
}

Result<SearcherRef> SearcherSource::Get() const {
  struct stat folder {};
  if (::stat(index_dir_.c_str(), &folder) != 0) {
    Status missing = ErrnoStatus(errno, "the index folder " + index_dir_ + " is not there");
    std::lock_guard lock(mu_);
    searcher_.reset();
    return Status::Unavailable(missing.message());
  }
  std::pair<uint64_t, uint64_t> id{folder.st_dev, folder.st_ino};
  // The usual case: the Searcher is open on this folder and `current` is a
  // link; the Searcher checks where it points (Searcher::Refresh).
  if (!ReadCurrentLink(index_dir_).empty()) {
    std::lock_guard lock(mu_);
    if (searcher_ && folder_id_ == id) return searcher_;
  }
  if (Result<std::string> current = ResolveCurrent(index_dir_); !current.ok()) {
    std::lock_guard lock(mu_);
    searcher_.reset();
    if (current.status().code() == Code::kNotFound)
      return Status::Unavailable("no index in " + index_dir_ + " yet; run longjing-index");
    return Status::Unavailable(current.status().message());
  }
  std::lock_guard lock(mu_);
  if (searcher_ && folder_id_ == id) return searcher_;
  auto opened =
      Searcher::Open(index_dir_, taxonomy_, shards_, cache_entries_, time_limit_, shard_timeout_);
  if (!opened.ok()) {
    if (opened.status().code() == Code::kNotFound)
      return Status::Unavailable("no index in " + index_dir_ + " yet; run longjing-index");
    return opened.status();
  }
  searcher_ = std::move(opened).value();
  folder_id_ = id;
  return searcher_;
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
  auto file = TaxonomyDocument::Load(ctx.config.taxonomy_file);
  if (!file.ok()) return Status::ParseError(file.status().message());
  auto taxonomy = std::make_shared<const Taxonomy>(file->taxonomy());
  ctx.set_taxonomy(taxonomy);
  ctx.searcher = std::make_unique<SearcherSource>(
      ctx.config.index_dir, taxonomy, ctx.config.shards, ctx.config.cache_entries,
      ctx.config.search_time_limit, ctx.config.shard_timeout);
  ctx.static_files = std::make_unique<StaticFiles>(ctx.config.web_dir);
  if (ctx.config.watch) {
    if (Status s = app->OpenLiveIndex(); !s.ok()) return s;
  } else if (auto searcher = ctx.searcher->Get(); !searcher.ok()) {
    spdlog::warn("read-only: {}; searches fail until the index exists",
                 searcher.status().message());
  }
  ctx.taxonomy_editor = std::make_unique<TaxonomyEditor>(ctx, file->taxonomy().source());
  ctx.taxonomy_editor->StartWatching(kTaxonomyCheckPeriod);
  if (Status s = app->StartHttp(); !s.ok()) return s;
  return app;
}

Status App::OpenLiveIndex() {
  IndexOptions options = IndexOptionsFrom(ctx_->config);
  options.on_warning = [](const Diagnostic& d) { spdlog::warn("corpus: {}", d.ToString()); };
  auto live = LiveIndex::Open(options, ctx_->taxonomy(), &ctx_->metrics);
  if (!live.ok()) {
    if (live.status().code() == Code::kLocked)
      return LockedMessage(options.index_dir, live.status());
    return live.status();
  }
  ctx_->live = std::move(live).value();
  return Status::Ok();
}

Status App::StartHttp() {
  const Config& config = ctx_->config;
  int threads = HttpThreads(config);
  http_ = std::make_unique<GatedServer>(MakeGateOptions(config));
  // Without it, Nagle's algorithm and the client's delayed ACK hold every
  // keep-alive response for ~40 ms (the gate sets it on each connection too).
  http_->set_tcp_nodelay(true);
  // Uploads and saved pages may be larger than other bodies; each handler
  // checks its own cap. Only token holders get a body read at all (Router).
  http_->set_payload_max_length(
      std::max(config.max_request_bytes, config.max_upload_bytes + kMultipartOverheadBytes));
  httplib::Headers headers;
  for (const auto& [name, value] : SecurityHeaders()) headers.emplace(name, value);
  http_->set_default_headers(std::move(headers));
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
  spdlog::debug("HTTP: {} workers, at most {} connections, on {}", threads,
                std::max<size_t>(config.max_connections, static_cast<size_t>(threads)), url());
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
  if (ctx_->taxonomy_editor) ctx_->taxonomy_editor->Stop();
  if (ctx_->live) ctx_->live->Stop();
  if (running_) spdlog::info("stopped");
}

App::~App() {
  Stop();
  // Workers of the HTTP pool are joined inside Run(); nothing else uses the context now.
}

}  // namespace longjing::server
