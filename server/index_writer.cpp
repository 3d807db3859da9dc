#include "index_writer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>

namespace longjing::server {

IndexWriter::IndexWriter(std::unique_ptr<Indexer> indexer, Metrics* metrics)
    : options_(indexer->options()), indexer_(std::move(indexer)), metrics_(metrics) {
  thread_ = std::thread([this] { Run(); });
}

IndexWriter::~IndexWriter() { Stop(); }

std::future<Result<IndexSummary>> IndexWriter::Submit(std::string what, Task task) {
  Job job{std::move(what), std::move(task), {}};
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

std::future<Result<IndexSummary>> IndexWriter::Sync() {
  return Submit("sync", [](Indexer& indexer) { return indexer.Sync(); });
}

std::future<Result<IndexSummary>> IndexWriter::SyncPaths(std::vector<std::string> rel_paths) {
  std::string what = "sync " + std::to_string(rel_paths.size()) + " path(s)";
  return Submit(std::move(what), [paths = std::move(rel_paths)](Indexer& indexer) {
    return indexer.SyncPaths(paths);
  });
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

void IndexWriter::Run() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    Execute(job);
  }
}

void IndexWriter::Execute(Job& job) {
  auto start = std::chrono::steady_clock::now();
  Result<IndexSummary> result = Status::Internal("task did not run");
  try {
    result = job.task(*indexer_);
  } catch (const std::exception& e) {
    result = Status::Internal(job.what + ": " + e.what());
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (result.ok()) {
    spdlog::info("index {}: {} ({:.0f} ms)", job.what, result->ToText(), ms);
  } else {
    spdlog::warn("index {} failed: {}", job.what, result.status().ToString());
  }
  if (metrics_) {
    double now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    metrics_->ObserveReindex(result.ok(), now);
  }
  job.done.set_value(std::move(result));
}

}  // namespace longjing::server
