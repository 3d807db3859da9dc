// The one thread that writes the index. The Indexer is single-threaded, so
// every write -- the startup sync, the watcher's batches, ingest, delete and
// POST /api/reindex -- is queued here and runs in order.
//
// Thread-safety: Submit and Stop may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "longjing/indexer.h"
#include "metrics.h"

namespace longjing::server {

class IndexWriter {
 public:
  using Task = std::function<Result<IndexSummary>(Indexer&)>;

  // Takes ownership of the Indexer (and so of the index's writer lock).
  // metrics may be null; it must outlive the writer.
  IndexWriter(std::unique_ptr<Indexer> indexer, Metrics* metrics);
  ~IndexWriter();  // Stop()
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Queues `task` (`what` names it in logs). Its result, or kUnavailable
  // once the writer is stopped, arrives through the future.
  std::future<Result<IndexSummary>> Submit(std::string what, Task task);
  std::future<Result<IndexSummary>> Sync();
  std::future<Result<IndexSummary>> SyncPaths(std::vector<std::string> rel_paths);

  // Runs the tasks already queued, joins the thread and closes the Indexer,
  // which releases the writer lock. Idempotent.
  void Stop();

  const IndexOptions& options() const { return options_; }

 private:
  struct Job {
    std::string what;
    Task task;
    std::promise<Result<IndexSummary>> done;
  };
  void Run();
  void Execute(Job& job);

  IndexOptions options_;
  std::unique_ptr<Indexer> indexer_;
  Metrics* metrics_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace longjing::server
