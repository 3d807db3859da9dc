// longjing/watcher.h: the corpus watcher reports written, moved and deleted corpus
// files, debounced; new folders are watched too; a removed folder asks for a
// rescan. Hidden files and files the indexer does not read are ignored.
#include "longjing/watcher.h"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>

#include "test_support.h"

namespace longjing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::TempDir;
using testing::WriteFile;

// Collects what the watcher reports, from its thread.
struct Reports {
  std::mutex mu;
  std::condition_variable cv;
  std::set<std::string> paths;
  bool rescan = false;

  CorpusWatcher::Callback Callback() {
    return [this](std::vector<std::string> rel_paths, bool r) {
      std::lock_guard<std::mutex> lock(mu);
      paths.insert(rel_paths.begin(), rel_paths.end());
      rescan = rescan || r;
      cv.notify_all();
    };
  }
  // Waits up to 5 s for `done` to hold.
  template <typename Pred>
  bool WaitFor(Pred done) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, 5s, [&] { return done(); });
  }
};

TEST_CASE("written, deleted and moved files are reported; others are not") {
  TempDir corpus;
  Reports reports;
  auto watcher = CorpusWatcher::Start(corpus.path(), reports.Callback(), 20ms, 100ms);
  REQUIRE_MESSAGE(watcher.ok(), watcher.status().ToString());
  WriteFile(corpus / ".hidden.md", "# no\n");
  WriteFile(corpus / "notes.bin", "no");
  WriteFile(corpus / "a.md", "# A\n");
  REQUIRE(reports.WaitFor([&] { return reports.paths.count("a.md") > 0; }));
  fs::rename(corpus / "a.md", corpus / "b.md");
  REQUIRE(reports.WaitFor([&] { return reports.paths.count("b.md") > 0; }));
  fs::remove(corpus / "b.md");
  std::this_thread::sleep_for(200ms);
  std::lock_guard<std::mutex> lock(reports.mu);
  CHECK(reports.paths == std::set<std::string>{"a.md", "b.md"});
  CHECK_FALSE(reports.rescan);
}

TEST_CASE("a new folder is watched, and its files reported") {
  TempDir corpus;
  Reports reports;
  auto watcher = CorpusWatcher::Start(corpus.path(), reports.Callback(), 20ms, 100ms);
  REQUIRE(watcher.ok());
  fs::create_directories(corpus / "zh/2024");
  WriteFile(corpus / "zh/2024/c.md", "# C\n");
  REQUIRE(reports.WaitFor([&] { return reports.paths.count("zh/2024/c.md") > 0; }));
  WriteFile(corpus / "zh/2024/d.md", "# D\n");
  CHECK(reports.WaitFor([&] { return reports.paths.count("zh/2024/d.md") > 0; }));
}

TEST_CASE("a removed folder asks for a rescan") {
  TempDir corpus;
  fs::create_directories(corpus / "old");
  WriteFile(corpus / "old/e.md", "# E\n");
  Reports reports;
  auto watcher = CorpusWatcher::Start(corpus.path(), reports.Callback(), 20ms, 100ms);
  REQUIRE(watcher.ok());
  fs::remove_all(corpus / "old");
  CHECK(reports.WaitFor([&] { return reports.rescan; }));
}

TEST_CASE("Stop is idempotent; a missing corpus is an error") {
  TempDir corpus;
  Reports reports;
  auto watcher = CorpusWatcher::Start(corpus.path(), reports.Callback());
  REQUIRE(watcher.ok());
  (*watcher)->Stop();
  (*watcher)->Stop();
  CHECK_FALSE(CorpusWatcher::Start(corpus / "missing", reports.Callback()).ok());
}

}  // namespace
}  // namespace longjing
