#include "index/bulk_build.h"

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "longjing/schema.h"

namespace fs = std::filesystem;

namespace longjing {
namespace s = schema;
namespace {

constexpr size_t kFilesPerGrab = 16;
// The compactor copies each shard's posting-list chunks as they are, so many
// small shards make a bigger index. Each worker therefore writes one shard,
// committed every commit_docs documents (Xapian's in-memory inverter grows
// slower per document with its size): on 100,000 articles that built in
// 210 s to 1.47 GB, against 233 s and 1.50 GB for a new shard every 10,000.
// A word seen once in the whole corpus is more likely a typo than a
// correction worth offering.
constexpr Xapian::termcount kMinSpellingFreq = 2;

using SpellingCounts = std::unordered_map<std::string, Xapian::termcount>;

// State shared by the workers; every member is guarded by `mu` or atomic.
struct Shared {
  const BulkBuildOptions* options;
  const std::vector<std::string>* files;
  std::atomic<size_t> next{0}, done{0}, added{0}, warnings{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::unordered_set<std::string> ids;  // document ids taken so far
  std::vector<std::string> shards;
  std::string error;
  int error_errno = 0;                   // the system error behind `error`, when known
  std::vector<SpellingCounts> spelling;  // one per worker, merged at the end
};

// Records a worker's failure (the last one is reported), with its errno
// when Xapian's text names one (a full disk answers 507, not 500).
void Fail(Shared& sh, const Xapian::Error& e) {
  std::lock_guard<std::mutex> lock(sh.mu);
  sh.error = e.get_description();
  sh.error_errno = ErrnoFromText(e.get_description());
  sh.failed = true;
}

// One worker's shard, committed every commit_docs documents. Spelling words
// are only counted here:
// Xapian's add_spelling is the costliest call of a write, so each distinct
// word is added once for the whole corpus (AddSpelling below).
class ShardWriter {
 public:
  ShardWriter(Shared& shared, int worker) : shared_(shared), worker_(worker) {}
  ~ShardWriter() { Close(); }

  void Add(BuiltDocument& d) {
    if (!db_) Open();
    db_->add_document(d.doc);
    SpellingCounts& counts = shared_.spelling[worker_];
    for (const auto& [word, freq] : d.spelling) counts[word] += freq;
    if (++count_ % shared_.options->commit_docs == 0) db_->commit();
  }

  Xapian::WritableDatabase& NewShard() {
    Open();
    return *db_;
  }

  void Close() {
    if (!db_) return;
    db_->commit();
    db_->close();
    db_.reset();
    count_ = 0;
  }

 private:
  void Open() {
    std::string path;
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      path = shared_.options->out_path + ".shards/" + std::to_string(worker_) + "-" +
             std::to_string(shared_.shards.size());
      shared_.shards.push_back(path);
    }
    db_ = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  }

  Shared& shared_;
  int worker_;
  std::unique_ptr<Xapian::WritableDatabase> db_;
  size_t count_ = 0;
};

void Warn(Shared& sh, const Diagnostic& d) {
  std::lock_guard<std::mutex> lock(sh.mu);
  ++sh.warnings;
  if (sh.options->on_warning) sh.options->on_warning(d);
}

void WriteFileDocs(Shared& sh, ShardWriter& shard, FileResult& r) {
  for (const auto& w : r.warnings) Warn(sh, w);
  if (r.kind != FileResult::Kind::kBuilt) return;
  for (auto& d : r.docs) {
    std::string problem = ClaimId(d.id, [&sh](const std::string& id) {
      std::lock_guard<std::mutex> lock(sh.mu);
      return sh.ids.insert(id).second;
    });
    if (!problem.empty()) {
      Warn(sh, {r.rel_path, 0, problem});
      continue;
    }
    if (const FirstSeenTimes* seen = sh.options->first_seen) {
      auto it = seen->find(d.id);
      if (it != seen->end()) StampFirstSeen(d.doc, it->second);
    }
    shard.Add(d);
    ++sh.added;
  }
}

void Work(Shared& sh, DocumentBuilder& builder, int worker) {
  try {
    ShardWriter shard(sh, worker);
    const auto& files = *sh.files;
    for (size_t begin; (begin = sh.next.fetch_add(kFilesPerGrab)) < files.size();) {
      for (size_t i = begin; i < std::min(files.size(), begin + kFilesPerGrab); ++i) {
        FileResult r = PrepareFile(sh.options->context, files[i], nullptr, builder);
        WriteFileDocs(sh, shard, r);
        ++sh.done;
      }
    }
    shard.Close();
  } catch (const Xapian::Error& e) {
    Fail(sh, e);
  }
}

// Merges the workers' word counts and writes them into spelling-only
// shards, one per thread, which the compactor folds in with the rest.
void AddSpelling(Shared& sh, size_t threads) {
  SpellingCounts all = std::move(sh.spelling[0]);
  for (size_t w = 1; w < sh.spelling.size(); ++w)
    for (const auto& [word, freq] : sh.spelling[w]) all[word] += freq;
  std::vector<std::vector<std::pair<std::string, Xapian::termcount>>> parts(threads);
  size_t i = 0;
  for (auto& [word, freq] : all)
    if (freq >= kMinSpellingFreq) parts[i++ % threads].emplace_back(word, freq);
  std::vector<std::thread> writers;
  for (size_t t = 0; t < threads; ++t)
    writers.emplace_back([&sh, &parts, t] {
      try {
        ShardWriter shard(sh, static_cast<int>(100 + t));
        Xapian::WritableDatabase& db = shard.NewShard();
        for (const auto& [word, freq] : parts[t]) db.add_spelling(word, freq);
        shard.Close();
      } catch (const Xapian::Error& e) {
        Fail(sh, e);
      }
    });
  for (auto& w : writers) w.join();
}

}  // namespace

Status BulkBuild(const BulkBuildOptions& options, const std::vector<std::string>& files,
                 std::vector<std::unique_ptr<DocumentBuilder>>& builders, BulkCounts* counts) {
  Shared sh;
  sh.options = &options;
  sh.files = &files;
  std::string shard_dir = options.out_path + ".shards";
  std::error_code ec;
  fs::remove_all(shard_dir, ec);
  fs::create_directories(shard_dir, ec);
  if (ec) return Status::IoError("cannot create " + shard_dir + ": " + ec.message());

  sh.spelling.resize(builders.size());
  auto since = [start = std::chrono::steady_clock::now()] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<std::thread> threads;
  for (size_t t = 0; t < builders.size(); ++t)
    threads.emplace_back(Work, std::ref(sh), std::ref(*builders[t]), static_cast<int>(t));
  while (sh.done < files.size() && !sh.failed) {
    if (options.on_progress) options.on_progress(sh.done, files.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (auto& t : threads) t.join();
  if (options.on_progress) options.on_progress(files.size(), files.size());
  counts->documents_seconds = since();
  if (!sh.failed) AddSpelling(sh, builders.size());
  counts->spelling_seconds = since() - counts->documents_seconds;
  if (!sh.error.empty()) {
    fs::remove_all(shard_dir, ec);
    std::string what = "cannot write a shard in " + shard_dir + " (" + sh.error + ")";
    return sh.error_errno ? ErrnoStatus(sh.error_errno, what) : Status::Internal(what);
  }

  Xapian::Database all;
  for (const auto& shard : sh.shards) all.add_database(Xapian::Database(shard));
  if (sh.shards.empty()) {
    Xapian::WritableDatabase empty(options.out_path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    empty.commit();
  } else {
    Xapian::Compactor compactor;
    all.compact(options.out_path, Xapian::DBCOMPACT_MULTIPASS, 0, compactor);
  }
  all.close();
  counts->merge_seconds = since() - counts->documents_seconds - counts->spelling_seconds;
  fs::remove_all(shard_dir, ec);
  counts->added = sh.added;
  counts->warnings = sh.warnings;
  counts->files_seen = files.size();
  return Status::Ok();
}

}  // namespace longjing
