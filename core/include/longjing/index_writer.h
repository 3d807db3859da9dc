// The one thread that writes the index. The Indexer is single-threaded, so
// every write -- the startup sync, the watcher's batches, ingest, delete and
// POST /api/reindex -- is queued here and runs in order.
//
// Group commit: file changes (ingest, delete, the watcher's paths) queued
// while a commit runs are applied together and indexed in one commit, so
// under sustained writes readers see one new revision per batch instead of
// one per article; each caller still gets its answer only after the commit
// holding its change.
//
// Failures: a failed write leaves the index at its last commit, undoes the
// file changes of its batch, and marks the writer unhealthy (health()).
// The next write reopens the database; until one succeeds, writes arriving
// within the backoff (100 ms doubling to 5 s) fail at once with the last
// error, and the writer retries by itself once the backoff passes: the
// watcher's pending paths, or else a probe of the index folder.
//
// Thread-safety: every public method may be called from any thread.
//
// Part of the live index (core/src/live/): with the corpus watcher
// (watcher.h) and the corpus writes (corpus_write.h) it keeps the index in
// step with the corpus while a server answers searches.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "longjing/indexer.h"

namespace longjing {

// What /healthz and /metrics report about the index writer.
struct WriterHealth {
  bool ok = true;
  std::string error;       // the last failure while !ok
  double since = 0;        // Unix time the writer became unhealthy; 0 while ok
  uint64_t failures = 0;   // failed writes since start
  size_t retry_paths = 0;  // watcher paths (and rescans) waiting for a retry
};

// Told of every index write: the startup sync, the watcher's batches,
// ingest, delete, reindex and the writer's own retries (not its probes of
// the index folder). The server's metrics implement it.
// Thread-safety: called on the writer thread; must not block.
class WriteObserver {
 public:
  virtual ~WriteObserver() = default;
  virtual void ObserveReindex(bool success, double unix_seconds) = 0;
};

// A write that changes corpus files before indexing them. `apply` runs on
// the writer thread and returns the corpus paths (relative) to index; `undo`
// (may be empty) reverses it when indexing fails, so no unacknowledged file
// stays in the corpus.
struct FileChange {
  std::function<Result<std::vector<std::string>>()> apply;
  std::function<void()> undo;
  // May be empty. Runs on the writer thread just before `apply`, with every
  // change queued before it already indexed (a batch is split there): a
  // failure refuses the change, which is then neither applied nor undone.
  std::function<Status(Indexer&)> check;
};

class IndexWriter {
 public:
  using Task = std::function<Result<IndexSummary>(Indexer&)>;

  // Takes ownership of the Indexer (and so of the index's writer lock).
  // observer may be null; it must outlive the writer.
  IndexWriter(std::unique_ptr<Indexer> indexer, WriteObserver* observer);
  ~IndexWriter();  // Stop()
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Queues `task` (`what` names it in logs). Its result, or kUnavailable
  // once the writer is stopped, arrives through the future.
  std::future<Result<IndexSummary>> Submit(std::string what, Task task);
  // Queues a file change, committed together with its neighbours in the queue.
  std::future<Result<IndexSummary>> SubmitChange(std::string what, FileChange change);
  std::future<Result<IndexSummary>> Sync();
  std::future<Result<IndexSummary>> SyncPaths(std::vector<std::string> rel_paths);
  // Indexer::Retag: the index re-tagged for `taxonomy`, in one commit.
  std::future<Result<IndexSummary>> Retag(std::shared_ptr<const Taxonomy> taxonomy);
  // For the corpus watcher: indexes these paths (or the whole corpus with
  // rescan); a failure keeps them and retries after the backoff until it
  // succeeds, so no change is lost to a full disk.
  void Follow(std::vector<std::string> rel_paths, bool rescan);

  // Runs the tasks already queued, joins the thread and closes the Indexer,
  // which releases the writer lock. Idempotent.
  void Stop();

  WriterHealth health() const;
  const IndexOptions& options() const { return options_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Job {
    std::string what;
    Task task;                         // set for a task
    std::optional<FileChange> change;  // set for a file change
    std::promise<Result<IndexSummary>> done;
  };
  // Queues `job`, or answers it kUnavailable at once when stopping.
  std::future<Result<IndexSummary>> Enqueue(Job job);
  void Run();
  bool NextBatch(std::unique_lock<std::mutex>& lock, std::vector<Job>& batch);
  void RunTask(Job& job);
  void RunChanges(std::vector<Job>& batch);
  // Indexes the paths of the applied changes in one commit and answers them.
  void IndexApplied(std::vector<Job*>& applied, std::vector<std::string>& paths,
                    Clock::time_point start);
  void Retry();
  // Logs an outcome and updates the health and backoff; probes (is_write
  // false) are not counted as failed writes.
  void Record(const std::string& what, const Status& status, double ms, bool is_write);
  std::optional<Status> Backoff();
  Status Outcome(const Result<IndexSummary>& result);

  IndexOptions options_;
  std::unique_ptr<Indexer> indexer_;
  WriteObserver* observer_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  // Guarded by mu_: the health, the backoff and the watcher's retries.
  WriterHealth health_;
  Status last_error_;
  Clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_{0};
  std::set<std::string> retry_paths_;
  bool retry_rescan_ = false;
  std::thread thread_;
};

}  // namespace longjing
