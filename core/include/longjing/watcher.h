// Watches the corpus folder recursively with inotify and reports changed
// files, debounced, so the index follows the corpus. New subdirectories get
// watches of their own (and the files already in them are reported); a
// removed or moved-away directory, or a queue overflow, asks for a full
// rescan because the files it held are no longer known. Hidden files and
// files the indexer does not read (IsCorpusFile) are ignored.
//
// Thread-safety: the callback runs on the watcher's own thread.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "longjing/status.h"

namespace longjing {

class CorpusWatcher {
 public:
  // rel_paths: files (relative to the corpus root, '/'-separated) written,
  // moved or deleted since the last call; rescan: the whole corpus must be
  // synced.
  using Callback = std::function<void(std::vector<std::string> rel_paths, bool rescan)>;

  // Starts watching. The callback fires once no event has arrived for
  // `debounce`, or at the latest `max_delay` after the first pending event.
  static Result<std::unique_ptr<CorpusWatcher>> Start(
      const std::string& corpus_dir, Callback callback,
      std::chrono::milliseconds debounce = std::chrono::milliseconds(100),
      std::chrono::milliseconds max_delay = std::chrono::milliseconds(500));
  ~CorpusWatcher();  // Stop()
  CorpusWatcher(const CorpusWatcher&) = delete;
  CorpusWatcher& operator=(const CorpusWatcher&) = delete;

  // Stops the thread and closes the inotify descriptor. Idempotent.
  void Stop();

 private:
  CorpusWatcher(std::string root, Callback callback, int inotify_fd, int stop_fd,
                std::chrono::milliseconds debounce, std::chrono::milliseconds max_delay);
  void Run();
  void ReadEvents();
  void HandleEvent(int wd, uint32_t mask, const std::string& name);
  // Watches `rel_dir` and every directory below it; with report_files, also
  // queues the corpus files found (they may predate the watch).
  void AddTree(const std::string& rel_dir, bool report_files);
  void RemoveTree(const std::string& rel_dir);
  void Flush();

  std::string root_;
  Callback callback_;
  int fd_;
  int stop_fd_;
  std::chrono::milliseconds debounce_, max_delay_;
  std::map<int, std::string> dirs_;  // watch descriptor -> directory relative to root ("" = root)
  std::set<std::string> pending_;
  bool rescan_ = false;
  std::chrono::steady_clock::time_point first_event_, last_event_;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
};

}  // namespace longjing
