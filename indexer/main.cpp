// longjing-index: brings the index in step with the corpus folder.
// Thin by design: options -> Config -> core Indexer -> exit code.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#include "longjing/config.h"
#include "longjing/indexer.h"
#include "longjing/taxonomy.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitLocked = 3;

const char* kUsage = R"(Usage: longjing-index [options]

Brings the Longjing index in step with the corpus folder: adds new articles,
re-indexes changed ones (by content), deletes removed ones, and prints what
it did. Problems with single files are warnings; the run goes on.

Options:
  --config F     configuration file (default config/longjing.yaml, optional)
  --corpus DIR   corpus folder (default from config: corpus)
  --index DIR    index directory (default from config: data/index)
  --taxonomy F   taxonomy file (default from config: config/taxonomy.json)
  --full         rebuild into a fresh index and swap it in atomically
  --quiet        print only warnings and errors
  --help         this text
  --version      print the version

Environment: LONGJING_CORPUS, LONGJING_INDEX, LONGJING_TAXONOMY,
LONGJING_MAX_FILE_BYTES, LONGJING_BATCH_SIZE, ... (see docs/configuration.md).

Exit codes:
  0  the index matches the corpus (warnings about single files may have been printed)
  1  indexing failed (I/O error, damaged index); the last committed index is intact
  2  usage error, or a missing or malformed config or taxonomy file
  3  another writer (longjing-index or a watching longjing-serve) holds the index
)";

struct Flags {
  std::string config = "config/longjing.yaml";
  bool config_given = false;
  std::string corpus, index, taxonomy;
  bool full = false, quiet = false;
};

// Returns -1 to go on, or an exit code.
int ParseFlags(int argc, char** argv, Flags& f) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        std::cerr << "longjing-index: " << a << " needs a value\n" << kUsage;
        return false;
      }
      out = argv[++i];
      return true;
    };
    if (a == "--help" || a == "-h") { std::cout << kUsage; return kExitOk; }
    if (a == "--version") { std::cout << "longjing-index " << LONGJING_VERSION << "\n"; return kExitOk; }
    if (a == "--full") { f.full = true; continue; }
    if (a == "--quiet" || a == "-q") { f.quiet = true; continue; }
    bool ok = true;
    if (a == "--config") { ok = value(f.config); f.config_given = true; }
    else if (a == "--corpus") ok = value(f.corpus);
    else if (a == "--index") ok = value(f.index);
    else if (a == "--taxonomy") ok = value(f.taxonomy);
    else {
      std::cerr << "longjing-index: unknown option '" << a << "'\n" << kUsage;
      return kExitUsage;
    }
    if (!ok) return kExitUsage;
  }
  return -1;
}

// A one-line bar on a terminal; nothing when stderr is a file or a pipe.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  void Update(size_t done, size_t total) {
    if (!enabled_ || total == 0) return;
    auto now = Clock::now();
    if (done != total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    int width = 30, filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r[%s%s] %3zu%% %zu/%zu files  %.0f files/s ",
                 std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
                 done * 100 / total, done, total, secs > 0 ? done / secs : 0.0);
    drawn_ = true;
  }
  void Clear() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_, drawn_ = false;
  Clock::time_point start_, last_;
};

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) then fails the write with EFBIG, reported
  // like a full disk, instead of killing the run mid-write.
  signal(SIGXFSZ, SIG_IGN);
  Flags flags;
  if (int rc = ParseFlags(argc, argv, flags); rc >= 0) return rc;

  auto config = longjing::LoadConfig(flags.config, flags.config_given);
  if (!config.ok()) { std::cerr << "longjing-index: " << config.status().message() << "\n"; return kExitUsage; }
  if (auto st = longjing::ApplyEnvironment(*config); !st.ok()) {
    std::cerr << "longjing-index: " << st.message() << "\n";
    return kExitUsage;
  }
  if (!flags.corpus.empty()) config->corpus_dir = flags.corpus;
  if (!flags.index.empty()) config->index_dir = flags.index;
  if (!flags.taxonomy.empty()) config->taxonomy_file = flags.taxonomy;

  auto taxonomy = longjing::Taxonomy::Load(config->taxonomy_file);
  if (!taxonomy.ok()) { std::cerr << "longjing-index: " << taxonomy.status().message() << "\n"; return kExitUsage; }

  Progress progress(!flags.quiet && ::isatty(STDERR_FILENO));
  longjing::IndexOptions options;
  options.corpus_dir = config->corpus_dir;
  options.index_dir = config->index_dir;
  options.max_file_bytes = config->max_file_bytes;
  options.batch_size = config->batch_size;
  options.on_warning = [&](const longjing::Diagnostic& d) {
    progress.Clear();
    std::cerr << "warning: " << d.ToString() << "\n";
  };
  options.on_progress = [&](size_t done, size_t total) { progress.Update(done, total); };

  auto indexer = longjing::Indexer::Open(
      options, std::make_shared<const longjing::Taxonomy>(std::move(*taxonomy)));
  if (!indexer.ok()) {
    std::cerr << "longjing-index: " << indexer.status().message() << "\n";
    return indexer.status().code() == longjing::Code::kLocked ? kExitLocked
           : indexer.status().code() == longjing::Code::kNotFound ? kExitUsage
                                                                  : kExitFailed;
  }
  auto summary = flags.full ? (*indexer)->Rebuild() : (*indexer)->Sync();
  progress.Clear();
  if (!summary.ok()) {
    std::cerr << "longjing-index: " << summary.status().message() << "\n";
    return summary.status().code() == longjing::Code::kLocked ? kExitLocked : kExitFailed;
  }
  if (!flags.quiet) std::cout << "longjing-index: " << summary->ToText() << "\n";
  return kExitOk;
}
