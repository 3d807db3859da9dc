// The server's wiring: taxonomy -> searcher -> live index (the core's writer
// thread and corpus watcher) -> HTTP routes. main.cpp turns flags into a Config and runs
// an App; the tests run one in-process on a free port.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "context.h"
#include "http.h"
#include "longjing/config.h"
#include "router.h"

namespace longjing::server {

class App {
 public:
  // Loads the taxonomy, takes the index's writer lock and syncs the index
  // with the corpus (unless config.watch is false: read-only), opens the
  // searcher, starts the corpus watcher and binds the listening socket
  // (config.port 0 picks a free port). Does not serve yet.
  // Errors: kParseError for the taxonomy (its message names file:line:col),
  // kLocked when another process writes the index, others as they come.
  static Result<std::unique_ptr<App>> Open(Config config);
  ~App();  // Stop()
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  int port() const { return port_; }
  // "http://<bind>:<port>/"
  std::string url() const;
  // Documents in the index now (0 when there is none yet).
  uint64_t documents() const;

  // Serves on the calling thread until Stop(). False if the server failed.
  bool Run();
  // Stops accepting, stops the watcher, finishes the queued index writes and
  // releases the writer lock. Thread-safe and idempotent; may come before,
  // during or after Run().
  void Stop();

  ServerContext& context() { return *ctx_; }

 private:
  App() = default;
  Status OpenLiveIndex();
  Status StartHttp();

  std::unique_ptr<ServerContext> ctx_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<Router> router_;
  int port_ = 0;
  std::mutex mu_, stop_mu_;
  bool stopped_ = false;
  std::atomic<bool> running_{false}, run_done_{false};
};

// Threads for the HTTP pool: config.threads, or max(8, 4 x cores) when 0.
int HttpThreads(const Config& config);

}  // namespace longjing::server
