#include "longjing/index_writer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace longjing {
namespace {

// Changes indexed in one commit at most; bounds a batch's memory and the
// wait of its first caller.
constexpr size_t kMaxBatch = 256;
constexpr std::chrono::milliseconds kFirstBackoff{100};
constexpr std::chrono::milliseconds kMaxBackoff{5000};

double UnixNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Failures of the system or the index, as opposed to one request's own
// (a name conflict, a bad argument): only these make the writer unhealthy.
bool IsWriterFailure(const Status& status) {
  switch (status.code()) {
    case Code::kNoSpace:
    case Code::kUnavailable:
    case Code::kIoError:
    case Code::kCorrupt:
    case Code::kInternal:
    case Code::kLocked:
      return true;
    default:
      return false;
  }
}

template <typename F>
auto Catching(const std::string& what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::Internal(what + ": " + e.what());
  }
}

}  // namespace

IndexWriter::IndexWriter(std::unique_ptr<Indexer> indexer, WriteObserver* observer)
    : options_(indexer->options()), indexer_(std::move(indexer)), observer_(observer) {
  thread_ = std::thread([this] { Run(); });
}

IndexWriter::~IndexWriter() { Stop(); }

std::future<Result<IndexSummary>> IndexWriter::Enqueue(Job job) {
  auto future = job.done.get_future();
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(job));
      cv_.notify_one();
      return future;
    }
  }
  job.done.set_value(Status::Unavailable("the index writer is shutting down"));
  return future;
}

std::future<Result<IndexSummary>> IndexWriter::Submit(std::string what, Task task) {
  return Enqueue(Job{std::move(what), std::move(task), std::nullopt, {}});
}

std::future<Result<IndexSummary>> IndexWriter::SubmitChange(std::string what, FileChange change) {
  return Enqueue(Job{std::move(what), nullptr, std::move(change), {}});
}

std::future<Result<IndexSummary>> IndexWriter::Sync() {
  return Submit("sync", [](Indexer& indexer) { return indexer.Sync(); });
}

std::future<Result<IndexSummary>> IndexWriter::SyncPaths(std::vector<std::string> rel_paths) {
  std::string what = "sync " + std::to_string(rel_paths.size()) + " path(s)";
  return SubmitChange(std::move(what), {[paths = std::move(rel_paths)] { return paths; }, {}, {}});
}

std::future<Result<IndexSummary>> IndexWriter::Retag(std::shared_ptr<const Taxonomy> taxonomy) {
  return Submit("retag", [taxonomy = std::move(taxonomy)](Indexer& indexer) {
    return indexer.Retag(taxonomy);
  });
}

void IndexWriter::Follow(std::vector<std::string> rel_paths, bool rescan) {
  if (rescan) {
    Submit("rescan", [this](Indexer& indexer) {
      Result<IndexSummary> result = indexer.Sync();
      if (!result.ok() && IsWriterFailure(result.status())) {
        std::lock_guard lock(mu_);
        retry_rescan_ = true;
      }
      return result;
    });
    return;
  }
  if (rel_paths.empty()) return;
  std::string what = "sync " + std::to_string(rel_paths.size()) + " path(s)";
  auto paths = std::make_shared<std::vector<std::string>>(std::move(rel_paths));
  SubmitChange(std::move(what), {[paths] { return *paths; },
                                 [this, paths] {
                                   std::lock_guard lock(mu_);
                                   retry_paths_.insert(paths->begin(), paths->end());
                                 },
                                 {}});
}

void IndexWriter::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  indexer_.reset();
}

WriterHealth IndexWriter::health() const {
  std::lock_guard lock(mu_);
  WriterHealth h = health_;
  h.retry_paths = retry_paths_.size() + (retry_rescan_ ? 1 : 0);
  return h;
}

void IndexWriter::Run() {
  for (;;) {
    std::vector<Job> batch;
    {
      std::unique_lock lock(mu_);
      if (!NextBatch(lock, batch)) return;
    }
    if (batch.empty())
      Retry();
    else if (batch.front().change)
      RunChanges(batch);
    else
      RunTask(batch.front());
  }
}

// Waits for work: a task, a run of consecutive file changes, or (empty
// batch) a due retry while unhealthy. False once stopping and idle.
bool IndexWriter::NextBatch(std::unique_lock<std::mutex>& lock, std::vector<Job>& batch) {
  while (queue_.empty()) {
    if (stopping_) return false;
    if (health_.ok) {
      cv_.wait(lock);
    } else if (Clock::now() >= retry_at_) {
      return true;
    } else {
      cv_.wait_until(lock, retry_at_);
    }
  }
  batch.push_back(std::move(queue_.front()));
  queue_.pop_front();
  if (!batch.front().change) return true;
  while (!queue_.empty() && queue_.front().change && batch.size() < kMaxBatch) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return true;
}

// The last error while a failed writer waits out its backoff: writes then
// fail at once instead of each hammering a full disk.
std::optional<Status> IndexWriter::Backoff() {
  std::lock_guard lock(mu_);
  if (health_.ok || Clock::now() >= retry_at_) return std::nullopt;
  return last_error_;
}

void IndexWriter::RunTask(Job& job) {
  if (auto failing = Backoff()) return job.done.set_value(*failing);
  auto start = Clock::now();
  Result<IndexSummary> result = Catching(job.what, [&] { return job.task(*indexer_); });
  Record(job.what, Outcome(result),
         std::chrono::duration<double, std::milli>(Clock::now() - start).count(), true);
  if (result.ok()) spdlog::info("index {}: {}", job.what, result->ToText());
  job.done.set_value(std::move(result));
}

void IndexWriter::RunChanges(std::vector<Job>& batch) {
  auto start = Clock::now();
  std::vector<std::string> paths;
  std::vector<Job*> applied;
  for (Job& job : batch) {
    if (auto failing = Backoff()) {
      job.done.set_value(*failing);
      continue;
    }
    if (job.change->check) {
      // The check must see every change before it in the index.
      if (!applied.empty()) {
        IndexApplied(applied, paths, start);
        start = Clock::now();
      }
      Status ok = Catching(job.what, [&] { return job.change->check(*indexer_); });
      if (!ok.ok()) {
        job.done.set_value(ok);
        continue;
      }
    }
    Result<std::vector<std::string>> changed =
        Catching(job.what, [&] { return job.change->apply(); });
    if (!changed.ok()) {
      Record(job.what, changed.status(), 0, true);
      job.done.set_value(changed.status());
      continue;
    }
    for (auto& p : *changed)
      if (std::find(paths.begin(), paths.end(), p) == paths.end()) paths.push_back(p);
    applied.push_back(&job);
  }
  if (!applied.empty()) IndexApplied(applied, paths, start);
}

void IndexWriter::IndexApplied(std::vector<Job*>& applied, std::vector<std::string>& paths,
                               Clock::time_point start) {
  std::string what =
      applied.size() == 1 ? applied.front()->what : fmt::format("{} changes", applied.size());
  Result<IndexSummary> result = Catching(what, [&]() -> Result<IndexSummary> {
    if (paths.empty()) return IndexSummary{};
    return indexer_->SyncPaths(paths);
  });
  Record(what, Outcome(result),
         std::chrono::duration<double, std::milli>(Clock::now() - start).count(), true);
  if (result.ok()) spdlog::info("index {}: {}", what, result->ToText());
  for (Job* job : applied) {
    if (!result.ok() && job->change->undo) job->change->undo();
    job->done.set_value(result);
  }
  applied.clear();
  paths.clear();
}

// Due while unhealthy and idle: the watcher's failed paths if any, else a
// probe of the index folder, so the health clears once space is back even
// when nobody writes.
void IndexWriter::Retry() {
  std::vector<std::string> paths;
  bool rescan = false;
  {
    std::lock_guard lock(mu_);
    paths.assign(retry_paths_.begin(), retry_paths_.end());
    retry_paths_.clear();
    rescan = std::exchange(retry_rescan_, false);
  }
  auto start = Clock::now();
  Status status;
  std::string what = "probe";
  if (rescan || !paths.empty()) {
    what = rescan ? "retry of the rescan" : fmt::format("retry of {} path(s)", paths.size());
    Result<IndexSummary> result =
        Catching(what, [&] { return rescan ? indexer_->Sync() : indexer_->SyncPaths(paths); });
    status = Outcome(result);
    if (result.ok()) {
      spdlog::info("index {}: {}", what, result->ToText());
    } else {
      std::lock_guard lock(mu_);
      retry_paths_.insert(paths.begin(), paths.end());
      retry_rescan_ = retry_rescan_ || rescan;
    }
  } else {
    status = Catching(what, [&] { return indexer_->CheckWritable(); });
  }
  Record(what, status, std::chrono::duration<double, std::milli>(Clock::now() - start).count(),
         what != "probe");
}

// A run that wrote nothing proves nothing about a writer that had failed
// (a watched file's removal is such a run): then the folder is probed.
Status IndexWriter::Outcome(const Result<IndexSummary>& result) {
  if (!result.ok()) return result.status();
  {
    std::lock_guard lock(mu_);
    if (health_.ok) return Status::Ok();
  }
  if (result->full || result->added + result->updated + result->deleted > 0) return Status::Ok();
  return Catching("probe", [&] { return indexer_->CheckWritable(); });
}

void IndexWriter::Record(const std::string& what, const Status& status, double ms, bool is_write) {
  if (!status.ok()) spdlog::warn("index {} failed ({:.0f} ms): {}", what, ms, status.ToString());
  if (is_write && observer_) observer_->ObserveReindex(status.ok(), UnixNow());
  std::lock_guard lock(mu_);
  if (status.ok()) {
    if (!health_.ok) spdlog::info("index writer recovered after {}", what);
    health_.ok = true;
    health_.error.clear();
    health_.since = 0;
    backoff_ = std::chrono::milliseconds(0);
    return;
  }
  if (!IsWriterFailure(status)) return;
  if (is_write) ++health_.failures;
  if (health_.ok) health_.since = UnixNow();
  health_.ok = false;
  health_.error = status.message();
  last_error_ = status;
  backoff_ = backoff_.count() == 0 ? kFirstBackoff : std::min(kMaxBackoff, backoff_ * 2);
  retry_at_ = Clock::now() + backoff_;
}

}  // namespace longjing
