#include "longjing/watcher.h"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "longjing/parse.h"

namespace fs = std::filesystem;

namespace longjing {
namespace {

constexpr uint32_t kDirMask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ONLYDIR;

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

bool Hidden(const std::string& name) { return name.empty() || name.front() == '.'; }

}  // namespace

Result<std::unique_ptr<CorpusWatcher>> CorpusWatcher::Start(const std::string& corpus_dir,
                                                            Callback callback,
                                                            std::chrono::milliseconds debounce,
                                                            std::chrono::milliseconds max_delay) {
  std::error_code ec;
  if (!fs::is_directory(corpus_dir, ec))
    return Status::NotFound("cannot watch " + corpus_dir + ": not a directory");
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Status::IoError(std::string("inotify_init1: ") + std::strerror(errno));
  int stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (stop_fd < 0) {
    close(fd);
    return Status::IoError(std::string("eventfd: ") + std::strerror(errno));
  }
  std::unique_ptr<CorpusWatcher> watcher(
      new CorpusWatcher(corpus_dir, std::move(callback), fd, stop_fd, debounce, max_delay));
  watcher->AddTree("", false);
  if (watcher->dirs_.empty()) return Status::IoError("cannot watch " + corpus_dir);
  watcher->thread_ = std::thread([w = watcher.get()] { w->Run(); });
  return watcher;
}

CorpusWatcher::CorpusWatcher(std::string root, Callback callback, int inotify_fd, int stop_fd,
                             std::chrono::milliseconds debounce,
                             std::chrono::milliseconds max_delay)
    : root_(std::move(root)),
      callback_(std::move(callback)),
      fd_(inotify_fd),
      stop_fd_(stop_fd),
      debounce_(debounce),
      max_delay_(max_delay) {}

CorpusWatcher::~CorpusWatcher() { Stop(); }

void CorpusWatcher::Stop() {
  if (stopped_.exchange(true)) return;
  uint64_t one = 1;
  if (write(stop_fd_, &one, sizeof one) < 0) spdlog::warn("watcher: cannot signal stop");
  if (thread_.joinable()) thread_.join();
  close(fd_);
  close(stop_fd_);
}

void CorpusWatcher::AddTree(const std::string& rel_dir, bool report_files) {
  fs::path dir = rel_dir.empty() ? fs::path(root_) : fs::path(root_) / rel_dir;
  int wd = inotify_add_watch(fd_, dir.c_str(), kDirMask);
  if (wd < 0) {
    spdlog::warn("watcher: cannot watch {}: {}", dir.string(), std::strerror(errno));
    return;
  }
  dirs_[wd] = rel_dir;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (Hidden(name)) continue;
    std::string rel = Join(rel_dir, name);
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      AddTree(rel, report_files);
    } else if (report_files && IsCorpusFile(rel)) {
      pending_.insert(rel);
    }
  }
}

void CorpusWatcher::RemoveTree(const std::string& rel_dir) {
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    const std::string& d = it->second;
    if (d == rel_dir || d.starts_with(rel_dir + "/")) {
      inotify_rm_watch(fd_, it->first);
      it = dirs_.erase(it);
    } else {
      ++it;
    }
  }
}

void CorpusWatcher::HandleEvent(int wd, uint32_t mask, const std::string& name) {
  if (mask & IN_Q_OVERFLOW) {
    rescan_ = true;
    return;
  }
  auto it = dirs_.find(wd);
  if (it == dirs_.end()) return;
  if (mask & IN_IGNORED) {
    dirs_.erase(it);
    return;
  }
  if (Hidden(name)) return;
  std::string rel = Join(it->second, name);
  if (mask & IN_ISDIR) {
    if (mask & (IN_CREATE | IN_MOVED_TO)) AddTree(rel, true);
    if (mask & (IN_DELETE | IN_MOVED_FROM)) {
      RemoveTree(rel);
      rescan_ = true;
    }
    return;
  }
  // IN_CREATE alone means a file still being written; its IN_CLOSE_WRITE follows.
  if ((mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)) && IsCorpusFile(rel))
    pending_.insert(rel);
}

void CorpusWatcher::ReadEvents() {
  alignas(inotify_event) char buf[64 * 1024];
  for (;;) {
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n <= 0) return;
    for (char* p = buf; p < buf + n;) {
      auto* event = reinterpret_cast<inotify_event*>(p);
      std::string name = event->len ? std::string(event->name) : std::string();
      HandleEvent(event->wd, event->mask, name);
      p += sizeof(inotify_event) + event->len;
    }
  }
}

void CorpusWatcher::Flush() {
  std::vector<std::string> paths(pending_.begin(), pending_.end());
  bool rescan = rescan_;
  pending_.clear();
  rescan_ = false;
  try {
    callback_(std::move(paths), rescan);
  } catch (const std::exception& e) {
    spdlog::error("watcher: callback failed: {}", e.what());
  }
}

void CorpusWatcher::Run() {
  using Clock = std::chrono::steady_clock;
  pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  for (;;) {
    bool waiting = !pending_.empty() || rescan_;
    int timeout = -1;
    if (waiting) {
      auto now = Clock::now();
      auto due = std::min(last_event_ + debounce_, first_event_ + max_delay_);
      timeout = static_cast<int>(std::max<int64_t>(
          0, std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count()));
    }
    int ready = poll(fds, 2, timeout);
    if (ready < 0 && errno != EINTR) {
      spdlog::error("watcher: poll: {}", std::strerror(errno));
      return;
    }
    if (fds[1].revents & POLLIN) return;
    if (ready > 0 && (fds[0].revents & POLLIN)) {
      ReadEvents();
      bool now_waiting = !pending_.empty() || rescan_;
      if (now_waiting && !waiting) first_event_ = Clock::now();
      last_event_ = Clock::now();
      continue;
    }
    if (waiting && ready == 0) Flush();
  }
}

}  // namespace longjing
