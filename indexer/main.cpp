// longjing-index: brings the index in step with the corpus folder.
// Thin by design: options -> Config -> core Indexer -> exit code.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "longjing/candidates.h"
#include "longjing/cli.h"
#include "longjing/config.h"
#include "longjing/indexer.h"
#include "longjing/taxonomy.h"

namespace {

using longjing::cli::kExitLocked;
using longjing::cli::kExitOk;
using longjing::cli::kExitUsage;

const char* kUsage = R"(Usage: longjing-index [options]

Brings the Longjing index in step with the corpus folder: adds new articles,
re-indexes changed ones (by content), deletes removed ones, and prints what
it did. Problems with single files are warnings; the run goes on.

Options (each flag as --flag VALUE or --flag=VALUE):
  --config F     configuration file (default config/longjing.yaml, optional;
                 required when given)
  --full         rebuild into a fresh index and swap it in atomically
  --suggest      index nothing: list names that recur in the index but match no
                 taxonomy value (docs/taxonomy.md, "Candidates")
    --facet F    company (default), city or policy
    --limit N    how many, 1-200 (default 20)
    --json       print them as JSON (the shape of GET /api/taxonomy/candidates)
  --quiet, -q    print only warnings and errors
  --help, -h     this text
  --version      print the version

Settings (file < environment < flag; docs/configuration.md). longjing-index
reads corpus, index, taxonomy, max_file_bytes, batch_size and
replication_changesets; it accepts every
key so that both programs share one config:
)";

const char* kExitCodes = R"(
Exit codes (the same for longjing-serve):
  0  the index matches the corpus (warnings about single files may have been printed)
  1  indexing failed (I/O error, damaged index); the last committed index is intact
  2  usage error: a bad flag or value, a missing or malformed config or taxonomy
     file, or a missing corpus folder
  3  another writer (longjing-index or a watching longjing-serve) holds the index
)";

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

// --suggest: the candidates as a table or as JSON, on standard output.
int Suggest(const longjing::cli::CommandLine& line, const longjing::Taxonomy& taxonomy) {
  auto option = [&](const char* flag, const char* fallback) {
    auto it = line.options.find(flag);
    return it == line.options.end() ? std::string(fallback) : it->second;
  };
  std::string facet = option("--facet", "company");
  if (!longjing::IsCandidateFacet(facet)) {
    std::cerr << "longjing-index: --facet: must be company, city or policy, not '" << facet
              << "'\n";
    return kExitUsage;
  }
  std::string limit_text = option("--limit", "20");
  size_t used = 0;
  int limit = 0;
  try {
    limit = std::stoi(limit_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != limit_text.size() || limit < 1 || limit > 200) {
    std::cerr << "longjing-index: --limit: must be a whole number from 1 to 200, not '"
              << limit_text << "'\n";
    return kExitUsage;
  }
  auto list = longjing::SuggestFromIndex(line.config.index_dir, taxonomy, facet, limit);
  if (!list.ok()) {
    std::cerr << "longjing-index: " << list.status().message() << "\n";
    return longjing::cli::ExitCodeFor(list.status());
  }
  if (line.switches.count("--json")) {
    nlohmann::json out = {{"facet", facet}, {"candidates", nlohmann::json::array()}};
    for (const auto& c : list->candidates) {
      nlohmann::json dup = nullptr;
      if (c.duplicate_of) dup = {{"id", c.duplicate_of->first}, {"name", c.duplicate_of->second}};
      out["candidates"].push_back({{"text", c.text},
                                   {"articles", c.articles},
                                   {"languages", c.languages},
                                   {"examples", c.examples},
                                   {"duplicate_of", dup}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%-32s %8s  %-10s %s\n", "candidate", "articles", "languages", "duplicate of");
  for (const auto& c : list->candidates) {
    std::string langs;
    for (const auto& l : c.languages) langs += (langs.empty() ? "" : ",") + l;
    std::printf("%-32s %8d  %-10s %s\n", c.text.c_str(), c.articles, langs.c_str(),
                c.duplicate_of
                    ? (c.duplicate_of->first + " (" + c.duplicate_of->second + ")").c_str()
                    : "-");
  }
  std::printf("(%s: %zu candidates from %zu articles)\n", facet.c_str(), list->candidates.size(),
              list->articles);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) then fails the write with EFBIG, reported
  // like a full disk, instead of killing the run mid-write.
  signal(SIGXFSZ, SIG_IGN);
  auto line = longjing::cli::ParseCommandLine(
      argc, argv, {"--full", "--quiet", "-q", "--suggest", "--json"}, {"--facet", "--limit"});
  if (!line.ok()) {
    std::cerr << "longjing-index: " << line.status().message() << "\n(try --help)\n";
    return kExitUsage;
  }
  if (line->help) {
    std::cout << kUsage << longjing::cli::ConfigFlagsHelp() << kExitCodes;
    return kExitOk;
  }
  if (line->version) {
    std::cout << "longjing-index " << LONGJING_VERSION << "\n";
    return kExitOk;
  }
  const longjing::Config& config = line->config;
  longjing::cli::ExportXapianSettings(config);
  bool full = line->switches.count("--full") > 0;
  bool quiet = line->switches.count("--quiet") + line->switches.count("-q") > 0;

  auto taxonomy = longjing::Taxonomy::Load(config.taxonomy_file);
  if (!taxonomy.ok()) {
    std::cerr << "longjing-index: " << taxonomy.status().message() << "\n";
    return kExitUsage;
  }

  if (line->switches.count("--suggest")) return Suggest(*line, *taxonomy);

  Progress progress(!quiet && ::isatty(STDERR_FILENO));
  longjing::IndexOptions options = longjing::IndexOptionsFrom(config);
  options.on_warning = [&](const longjing::Diagnostic& d) {
    progress.Clear();
    std::cerr << "warning: " << d.ToString() << "\n";
  };
  options.on_progress = [&](size_t done, size_t total) { progress.Update(done, total); };

  auto indexer = longjing::Indexer::Open(
      options, std::make_shared<const longjing::Taxonomy>(std::move(*taxonomy)));
  if (!indexer.ok()) {
    std::cerr << "longjing-index: " << indexer.status().message() << "\n";
    return longjing::cli::ExitCodeFor(indexer.status());
  }
  auto summary = full ? (*indexer)->Rebuild() : (*indexer)->Sync();
  progress.Clear();
  if (!summary.ok()) {
    std::cerr << "longjing-index: " << summary.status().message() << "\n";
    return longjing::cli::ExitCodeFor(summary.status());
  }
  if (!quiet) std::cout << "longjing-index: " << summary->ToText() << "\n";
  return kExitOk;
}
