#include "longjing/indexer.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <future>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "dedup/dup_groups.h"
#include "index/bulk_build.h"
#include "index/commit_gate.h"
#include "index/index_scan.h"
#include "index/retag.h"
#include "ingest/file_prep.h"
#include "longjing/corpus_walk.h"
#include "longjing/index_dir.h"
#include "longjing/schema.h"
#include "longjing/tagger.h"

namespace fs = std::filesystem;

namespace longjing {
namespace s = schema;
namespace {

// Files prepared ahead of the writer: enough to keep the workers busy,
// few enough that a chunk's documents fit comfortably in memory.
constexpr size_t kChunkFiles = 256;

double Now() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

// fsync(path); a filesystem that allocates late may report ENOSPC only here.
Status SyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
  if (fd < 0) return ErrnoStatus(errno, "cannot open " + path);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : ErrnoStatus(err, "cannot sync " + path);
}

// An article re-indexed keeps the first-seen time the index holds for its id
// (whichever file held it before).
void CarryFirstSeen(const Xapian::Database& db, BuiltDocument& d) {
  std::string term = s::IdTerm(d.id);
  Xapian::PostingIterator p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return;
  if (std::optional<double> t = FirstSeenOf(db.get_document(*p))) StampFirstSeen(d.doc, *t);
}

// Makes every file of a database durable; bulk builds write without fsync
// and pay for it once here.
Status SyncDirectory(const std::string& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (Status st = SyncPath(e.path().string(), 0); !st.ok()) return st;
  if (ec) return ErrnoStatus(ec.value(), "cannot list " + dir);
  return SyncPath(dir, O_DIRECTORY);
}

// Removes a generation that never became current (and its shard folder).
class GenerationCleanup {
 public:
  explicit GenerationCleanup(std::string path) : path_(std::move(path)) {}
  ~GenerationCleanup() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::remove_all(path_ + ".shards", ec);
  }
  void Dismiss() { path_.clear(); }

 private:
  std::string path_;
};

}  // namespace

class Indexer::Impl {
 public:
  Impl(const IndexOptions& o, std::shared_ptr<const Taxonomy> t, std::unique_ptr<WriterLock> lock)
      : options_(o), lock_(std::move(lock)), stat_salt_(StatSalt()) {
    UseTaxonomy(std::move(t));
  }

  // The taxonomy (and so the tagger and builders) of the next runs.
  void UseTaxonomy(std::shared_ptr<const Taxonomy> taxonomy) {
    taxonomy_ = std::move(taxonomy);
    tagger_ = std::make_shared<Tagger>(*taxonomy_);
    int n = options_.threads > 0
                ? options_.threads
                : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    builders_.clear();
    for (int i = 0; i < n; ++i)
      builders_.push_back(std::make_unique<DocumentBuilder>(taxonomy_, tagger_));
  }

  Status OpenCurrent() {
    auto current = ResolveCurrent(options_.index_dir);
    if (!current.ok()) return current.status();
    db_ = std::make_unique<Xapian::WritableDatabase>(*current, Xapian::DB_OPEN);
    return Status::Ok();
  }

  // Called before every run. After a failure the database handle is gone
  // (Discard); this takes the writer lock again if the index folder was
  // removed and came back, and reopens the last commit. OK with no database
  // when the index has none yet (the run then builds it).
  Status EnsureWritable();
  // Drops the database handle without committing: a run that failed leaves
  // the index at its last commit, and the next run starts from it.
  void Discard();

  // EnsureWritable, then `run`; Xapian and system errors become a Status
  // (kNoSpace, kUnavailable... with the cause), and a failure discards the
  // handle so the next attempt reopens the last commit.
  Result<IndexSummary> Attempt(const std::function<Result<IndexSummary>()>& run);
  Result<IndexSummary> RunAll(bool full);
  Result<IndexSummary> RunFull();
  Result<IndexSummary> RunPaths(const std::vector<std::string>& paths);
  Result<IndexSummary> RunRetag();
  Result<std::optional<std::string>> FindUrl(const std::string& url);

 private:
  struct Run;
  std::vector<FileResult> Prepare(const std::vector<std::string>& paths,
                                  const IndexedFiles& indexed);
  void Write(Run& run, FileResult& r);
  void Commit(Run& run);
  void FlushSpelling(Run& run);
  void Finish(Run& run, IndexSummary& summary);
  void Warn(Run& run, const Diagnostic& d);
  // Brings the documents' tags to the current taxonomy when the index
  // records another one (schema::kMetaTaxonomy): only the articles the
  // change may touch (retag.h). Before the rest of an incremental pass, in
  // its transaction, so readers see the new tags with its commit.
  void CatchUpTags(Run& run);
  // Records in the commit about to be made whether it only added documents
  // (schema::kMetaAppendSince).
  void MarkCommit(Run& run);
  // Opens an incremental pass on db_: one transaction, tags caught up first.
  void BeginIncremental(Run& run);

  // The builders' fingerprint time, per builder (they run in parallel).
  double FingerprintSeconds() const {
    double total = 0;
    for (const auto& b : builders_) total += b->fingerprint_seconds();
    return total / static_cast<double>(builders_.size());
  }
  // Deletes the documents of a file's earlier pass, except those in `keep`
  // and those another file claimed in this run (seen_ids).
  void DeleteStale(Run& run, const IndexedFile& before, const std::set<std::string>& keep = {});
  std::vector<CorpusFile> Walk(Run& run);

  IndexOptions options_;
  std::shared_ptr<const Taxonomy> taxonomy_;
  std::unique_ptr<WriterLock> lock_;
  std::shared_ptr<const Tagger> tagger_;
  std::vector<std::unique_ptr<DocumentBuilder>> builders_;
  std::unique_ptr<Xapian::WritableDatabase> db_;
  std::string stat_salt_;  // StatSalt(): kSlotFileStat values of this schema
};

// The state of one pass.
struct Indexer::Impl::Run {
  Xapian::WritableDatabase* db = nullptr;
  // Incremental runs write inside a transaction, so a failed run's changes
  // are dropped with the handle instead of riding along with a later commit.
  bool in_transaction = false;
  IndexedFiles indexed;
  std::unordered_map<std::string, std::string> stat_keys;  // kSlotFileStat by path (ScanFileStats)
  std::unordered_set<std::string> seen_ids;                // ids written or kept in this pass
  std::unordered_set<std::string> known_ids;               // ids in the index before the pass
  IndexSummary summary;
  size_t pending = 0;  // changes since the last commit
  // updated + deleted + retagged at the last commit: when the sum has moved,
  // the next commit touched documents already in the index (MarkCommit).
  size_t touched_at_commit = 0;
  dedup::GroupRanks group_ranks;  // the groups this pass joined (dup_groups.h)
  // Spelling words of the documents written since the last commit: added
  // once per distinct word (add_spelling is Xapian's costliest write call).
  std::unordered_map<std::string, Xapian::termcount> spelling;
  double indexed_at = 0;
};

std::vector<FileResult> Indexer::Impl::Prepare(const std::vector<std::string>& paths,
                                               const IndexedFiles& indexed) {
  PrepContext ctx = MakePrepContext(options_, taxonomy_.get(), Now());
  std::vector<FileResult> out(paths.size());
  std::atomic<size_t> next{0};
  auto work = [&](DocumentBuilder& builder) {
    for (size_t i; (i = next.fetch_add(1)) < paths.size();) {
      auto it = indexed.find(paths[i]);
      out[i] = PrepareFile(ctx, paths[i], it == indexed.end() ? nullptr : &it->second, builder);
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < builders_.size(); ++t) threads.emplace_back(work, std::ref(*builders_[t]));
  work(*builders_[0]);
  for (auto& t : threads) t.join();
  return out;
}

void Indexer::Impl::Warn(Run& run, const Diagnostic& d) {
  ++run.summary.warnings;
  if (options_.on_warning) options_.on_warning(d);
}

void Indexer::Impl::DeleteStale(Run& run, const IndexedFile& before,
                                const std::set<std::string>& keep) {
  for (const auto& [id, hash] : before) {
    if (keep.count(id) || run.seen_ids.count(id)) continue;
    double start = Now();
    dedup::LeaveGroup(*run.db, id, &run.group_ranks);
    run.summary.dedup_seconds += Now() - start;
    run.db->delete_document(s::IdTerm(id));
    ++run.summary.deleted;
    ++run.pending;
  }
}

void Indexer::Impl::FlushSpelling(Run& run) {
  for (const auto& [word, freq] : run.spelling) run.db->add_spelling(word, freq);
  run.spelling.clear();
}

void Indexer::Impl::MarkCommit(Run& run) {
  size_t touched = run.summary.updated + run.summary.deleted + run.summary.retagged;
  const std::string key(s::kMetaAppendSince);
  if (run.summary.full || touched != run.touched_at_commit || run.db->get_metadata(key).empty())
    run.db->set_metadata(key, std::to_string(run.db->get_revision() + 1));
  run.touched_at_commit = touched;
}

void Indexer::Impl::Commit(Run& run) {
  FlushSpelling(run);
  MarkCommit(run);
  std::unique_lock gate(index::CommitGate(options_.index_dir));
  if (run.in_transaction) {
    run.db->commit_transaction();
    run.db->begin_transaction();
  } else {
    run.db->commit();
  }
  run.pending = 0;
}

void Indexer::Impl::Write(Run& run, FileResult& r) {
  for (const auto& w : r.warnings) Warn(run, w);
  auto it = run.indexed.find(r.rel_path);
  const IndexedFile* before = it == run.indexed.end() ? nullptr : &it->second;
  using K = FileResult::Kind;
  if (r.kind == K::kUnchanged || r.kind == K::kFailed) {
    if (!before) return;
    for (const auto& [id, hash] : *before) run.seen_ids.insert(id);
    auto known = run.stat_keys.find(r.rel_path);
    if (r.kind == K::kUnchanged && !r.stat_key.empty() &&
        (known == run.stat_keys.end() || known->second != r.stat_key)) {
      // Same content, new stat: next time the stat alone will do.
      for (const auto& [id, hash] : *before)
        run.pending += RefreshFileStat(*run.db, id, r.stat_key);
    }
    (r.kind == K::kUnchanged ? run.summary.unchanged : run.summary.kept) += before->size();
    return;
  }
  std::set<std::string> now;
  for (auto& d : r.docs) {
    std::string problem =
        ClaimId(d.id, [&run](const std::string& id) { return run.seen_ids.insert(id).second; });
    if (!problem.empty()) {
      Warn(run, {r.rel_path, 0, problem});
      continue;
    }
    now.insert(d.id);
    CarryFirstSeen(*run.db, d);
    double start = Now();
    run.summary.grouped += dedup::PlaceInGroup(*run.db, d.id, d.doc, &run.group_ranks);
    run.summary.dedup_seconds += Now() - start;
    run.db->replace_document(s::IdTerm(d.id), d.doc);
    for (const auto& [word, freq] : d.spelling) run.spelling[word] += freq;
    ++(run.known_ids.count(d.id) ? run.summary.updated : run.summary.added);
    ++run.pending;
  }
  if (before) DeleteStale(run, *before, now);
  if (run.pending >= options_.batch_size) Commit(run);
}

void Indexer::Impl::Finish(Run& run, IndexSummary& summary) {
  FlushSpelling(run);
  run.summary.documents = run.db->get_doccount();
  // A pass that changed nothing leaves the revision alone, so readers'
  // caches and replicas see no new version.
  if (!run.summary.full && run.summary.added + run.summary.updated + run.summary.deleted == 0 &&
      run.pending == 0) {
    if (run.in_transaction) run.db->cancel_transaction();
    run.in_transaction = false;
    run.summary.revision = run.db->get_revision();
    summary = run.summary;
    return;
  }
  run.summary.revision = run.db->get_revision() + 1;
  run.db->set_metadata(std::string(s::kMetaSchema), std::to_string(s::kSchemaVersion));
  run.db->set_metadata(std::string(s::kMetaTaxonomy), taxonomy_->source());
  run.db->set_metadata(std::string(s::kMetaLastRun), run.summary.ToJson().dump());
  run.db->set_metadata(std::string(s::kMetaCommitTime), std::to_string(Now()));
  MarkCommit(run);
  {
    std::unique_lock gate(index::CommitGate(options_.index_dir));
    if (run.in_transaction)
      run.db->commit_transaction();
    else
      run.db->commit();
  }
  run.in_transaction = false;
  run.summary.revision = run.db->get_revision();
  summary = run.summary;
}

void Indexer::Impl::BeginIncremental(Run& run) {
  run.db = db_.get();
  run.db->begin_transaction();
  run.in_transaction = true;
  CatchUpTags(run);
}

Result<IndexSummary> Indexer::Impl::RunAll(bool full) {
  if (full || !db_) return RunFull();
  double start = Now();
  Run run;
  BeginIncremental(run);
  run.indexed = ScanIndexedFiles(*run.db);
  run.stat_keys = ScanFileStats(*run.db);
  // Sized once: a no-op pass over 100k articles spent a fifth of its time
  // growing these two sets.
  run.known_ids.reserve(run.db->get_doccount());
  run.seen_ids.reserve(run.db->get_doccount());
  for (const auto& [path, docs] : run.indexed)
    for (const auto& [id, hash] : docs) run.known_ids.insert(id);
  std::vector<CorpusFile> files = Walk(run);

  // A file whose stat matches what the index recorded is unchanged unread;
  // the others are read, and their content hash decides.
  std::vector<std::vector<std::string>> chunks;
  size_t done = 0;
  for (const CorpusFile& f : files) {
    auto known = run.stat_keys.find(f.rel_path);
    if (known != run.stat_keys.end() && !known->second.empty() &&
        known->second == FileStatKey(f.size, f.mtime_ns, f.inode, stat_salt_)) {
      FileResult same;
      same.rel_path = f.rel_path;
      same.kind = FileResult::Kind::kUnchanged;
      same.stat_key = known->second;
      Write(run, same);
      ++done;
      continue;
    }
    if (chunks.empty() || chunks.back().size() == kChunkFiles) chunks.emplace_back();
    chunks.back().push_back(f.rel_path);
  }
  // Prepare chunk k+1 on the workers while the writer writes chunk k.
  double fingerprints_before = FingerprintSeconds();
  std::future<std::vector<FileResult>> ahead;
  if (!chunks.empty())
    ahead = std::async(std::launch::async, [&] { return Prepare(chunks[0], run.indexed); });
  for (size_t k = 0; k < chunks.size(); ++k) {
    std::vector<FileResult> results = ahead.get();
    if (k + 1 < chunks.size())
      ahead =
          std::async(std::launch::async, [&, k] { return Prepare(chunks[k + 1], run.indexed); });
    for (auto& r : results) Write(run, r);
    done += results.size();
    if (options_.on_progress) options_.on_progress(done, files.size());
  }
  // Files that vanished since the last pass.
  std::unordered_set<std::string> walked;
  for (const auto& f : files) walked.insert(f.rel_path);
  for (const auto& [path, docs] : run.indexed)
    if (!walked.count(path)) DeleteStale(run, docs);
  run.summary.dedup_seconds += FingerprintSeconds() - fingerprints_before;
  IndexSummary summary;
  Finish(run, summary);
  summary.seconds = Now() - start;
  return summary;
}

std::vector<CorpusFile> Indexer::Impl::Walk(Run& run) {
  std::vector<Diagnostic> walk_warnings;
  std::vector<CorpusFile> files = WalkCorpus(options_.corpus_dir, &walk_warnings);
  for (const auto& w : walk_warnings) Warn(run, w);
  run.summary.files_seen = files.size();
  return files;
}

Result<IndexSummary> Indexer::Impl::RunFull() {
  double start = Now();
  Run run;
  run.summary.full = true;
  RemoveStaleGenerations(options_.index_dir);
  auto generation = NewGenerationPath(options_.index_dir);
  if (!generation.ok()) return generation.status();
  // A build that fails (a full disk, most likely) leaves the previous
  // generation current and removes its own partial one.
  GenerationCleanup cleanup(*generation);
  std::vector<CorpusFile> files = Walk(run);
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.rel_path);

  // The generation being replaced says when each article was first seen.
  FirstSeenTimes first_seen;
  if (db_) first_seen = ScanFirstSeen(*db_);
  BulkBuildOptions bulk;
  bulk.context = MakePrepContext(options_, taxonomy_.get(), Now());
  bulk.first_seen = &first_seen;
  bulk.out_path = *generation;
  bulk.commit_docs = options_.batch_size;
  bulk.on_warning = options_.on_warning;
  bulk.on_progress = options_.on_progress;
  BulkCounts counts;
  double fingerprints_before = FingerprintSeconds();
  Status built = BulkBuild(bulk, paths, builders_, &counts);
  if (!built.ok()) return built;
  run.summary.added += counts.added;
  run.summary.warnings += counts.warnings;
  run.summary.files_seen = counts.files_seen;
  run.summary.documents_seconds = counts.documents_seconds;
  run.summary.spelling_seconds = counts.spelling_seconds;
  run.summary.merge_seconds = counts.merge_seconds;

  // The merged database gets its metadata, then one fsync for everything,
  // then the atomic swap: readers never see a half-built generation.
  {
    Xapian::WritableDatabase db(*generation, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    run.db = &db;
    // Grouping waits for the merged database: the shards saw only their own articles.
    double group_start = Now();
    run.summary.grouped = dedup::GroupAll(db);
    run.summary.dedup_seconds = FingerprintSeconds() - fingerprints_before + (Now() - group_start);
    IndexSummary summary;
    Finish(run, summary);
    run.summary = summary;
    db.close();
  }
  if (Status st = SyncDirectory(*generation); !st.ok()) return st;
  Status st = SwapCurrent(options_.index_dir, *generation);
  if (!st.ok()) return st;
  cleanup.Dismiss();
  Discard();
  Status open = OpenCurrent();
  if (!open.ok()) return open;
  run.summary.seconds = Now() - start;
  return run.summary;
}

Status Indexer::Impl::EnsureWritable() {
  if (!lock_->StillHeld(options_.index_dir)) {
    Discard();
    std::error_code ec;
    // Not recreated here: an operator who moved the folder away (to restore
    // a backup, say) gets it back as they left it.
    if (!fs::is_directory(options_.index_dir, ec))
      return Status::Unavailable("the index folder " + options_.index_dir +
                                 " is missing; writes resume once it is back");
    auto lock = WriterLock::Acquire(options_.index_dir);
    if (!lock.ok()) return lock.status();
    lock_ = std::move(lock).value();
  }
  if (db_) return Status::Ok();
  Status st = OpenCurrent();
  return st.code() == Code::kNotFound ? Status::Ok() : st;
}

void Indexer::Impl::Discard() {
  if (!db_) return;
  try {
    // close() aborts an open transaction rather than committing it.
    db_->close();
  } catch (const Xapian::Error&) {
    // Already closed by Xapian after a failed write: nothing to drop.
  }
  db_.reset();
}

Result<IndexSummary> Indexer::Impl::RunPaths(const std::vector<std::string>& paths) {
  if (!db_) return RunFull();
  double start = Now();
  Run run;
  BeginIncremental(run);
  // Only the named files' documents, found through their file terms.
  for (const auto& p : paths) {
    IndexedFile& entry = run.indexed[p];
    std::string term = s::FileTerm(p);
    for (auto it = run.db->postlist_begin(term); it != run.db->postlist_end(term); ++it) {
      Xapian::Document doc = run.db->get_document(*it);
      entry.emplace_back(doc.get_value(s::kSlotId), doc.get_value(s::kSlotHash));
      std::string key = doc.get_value(s::kSlotFileStat);
      auto [known, inserted] = run.stat_keys.emplace(p, key);
      if (!inserted && known->second != key) known->second.clear();
      run.known_ids.insert(entry.back().first);
    }
    if (entry.empty()) run.indexed.erase(p);
  }
  double fingerprints_before = FingerprintSeconds();
  std::vector<FileResult> results = Prepare(paths, run.indexed);
  run.summary.dedup_seconds += FingerprintSeconds() - fingerprints_before;
  for (auto& r : results) {
    if (r.kind == FileResult::Kind::kMissing) {
      auto it = run.indexed.find(r.rel_path);
      if (it != run.indexed.end()) DeleteStale(run, it->second);
      continue;
    }
    ++run.summary.files_seen;
    // Ids of other files are not loaded here; don't mistake one of them for
    // a duplicate, replace_document keeps ids unique regardless.
    Write(run, r);
  }
  IndexSummary summary;
  Finish(run, summary);
  summary.seconds = Now() - start;
  return summary;
}

void Indexer::Impl::CatchUpTags(Run& run) {
  if (run.db->get_metadata(std::string(s::kMetaSchema)) != std::to_string(s::kSchemaVersion))
    return;  // every document is re-indexed from its file in this pass
  std::string recorded = run.db->get_metadata(std::string(s::kMetaTaxonomy));
  if (recorded == taxonomy_->source()) return;
  Result<Taxonomy> before = Taxonomy::Parse(recorded, "the index's taxonomy");
  index::RetagPlan plan = index::PlanRetag(before.ok() ? &*before : nullptr, *taxonomy_);
  double start = Now();
  index::RetagCounts counts = index::Retag(*run.db, *tagger_, plan);
  run.summary.updated += counts.changed;
  run.summary.retagged += counts.changed;
  run.summary.retag_examined += counts.examined;
  run.summary.retag_seconds += Now() - start;
  ++run.pending;  // the new taxonomy is recorded even when no tag changed
}

Result<IndexSummary> Indexer::Impl::RunRetag() {
  if (!db_) return RunFull();
  double start = Now();
  Run run;
  BeginIncremental(run);
  IndexSummary summary;
  Finish(run, summary);
  summary.seconds = Now() - start;
  return summary;
}

Result<std::optional<std::string>> Indexer::Impl::FindUrl(const std::string& url) {
  if (Status st = EnsureWritable(); !st.ok()) return st;
  if (!db_ || url.empty()) return std::optional<std::string>();
  std::string term = s::UrlTerm(url);
  Xapian::PostingIterator p = db_->postlist_begin(term);
  if (p == db_->postlist_end(term)) return std::optional<std::string>();
  return std::optional<std::string>(db_->get_document(*p).get_value(s::kSlotId));
}

IndexOptions IndexOptionsFrom(const Config& config) {
  IndexOptions options;
  options.corpus_dir = config.corpus_dir;
  options.index_dir = config.index_dir;
  options.max_file_bytes = config.max_file_bytes;
  options.max_document_bytes = config.max_document_bytes;
  options.max_document_pages = config.max_document_pages;
  options.batch_size = config.batch_size;
  return options;
}

Indexer::Indexer(IndexOptions options, std::unique_ptr<Impl> impl)
    : options_(std::move(options)), impl_(std::move(impl)) {}
Indexer::~Indexer() = default;

Result<std::unique_ptr<Indexer>> Indexer::Open(const IndexOptions& options,
                                               std::shared_ptr<const Taxonomy> taxonomy) {
  std::error_code ec;
  if (!fs::is_directory(options.corpus_dir, ec))
    return Status::NotFound("corpus folder " + options.corpus_dir + " does not exist");
  auto lock = WriterLock::Acquire(options.index_dir);
  if (!lock.ok()) return lock.status();
  // A rebuild killed before its swap leaves a generation nobody points at.
  RemoveStaleGenerations(options.index_dir);
  if (Status st = WriteStub(options.index_dir); !st.ok()) return st;
  auto impl = std::make_unique<Impl>(options, std::move(taxonomy), std::move(*lock));
  try {
    Status st = impl->OpenCurrent();
    if (!st.ok() && st.code() != Code::kNotFound) return st;
  } catch (const Xapian::Error& e) {
    if (int err = ErrnoFromText(e.get_description()))
      return ErrnoStatus(
          err, "cannot open the index in " + options.index_dir + " (" + e.get_msg() + ")");
    return Status::Corrupt("cannot open the index in " + options.index_dir + ": " +
                           e.get_description());
  }
  return std::unique_ptr<Indexer>(new Indexer(options, std::move(impl)));
}

namespace {
// A system error (a full disk, a read-only folder) keeps its cause so the
// caller can tell "retry later" from a bug.
Status FromXapian(const std::string& index_dir, const Xapian::Error& e) {
  int err = ErrnoFromText(e.get_description());
  std::string what =
      "cannot write the index in " + index_dir + " (" + e.get_type() + ": " + e.get_msg() + ")";
  if (err) return ErrnoStatus(err, what);
  if (std::string(e.get_type()) == "DatabaseLockError")
    return Status::Locked("the index in " + index_dir +
                          " is locked by another writer: " + e.get_msg());
  return Status::Internal("indexing " + index_dir + " failed: " + e.get_description());
}

template <typename F>
Result<IndexSummary> Guard(const std::string& index_dir, F&& f) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    return FromXapian(index_dir, e);
  } catch (const std::system_error& e) {  // std::filesystem
    return ErrnoStatus(e.code().value(),
                       std::string("indexing ") + index_dir + " failed (" + e.what() + ")");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("indexing failed: ") + e.what());
  }
}
}  // namespace

Result<IndexSummary> Indexer::Impl::Attempt(const std::function<Result<IndexSummary>()>& run) {
  Result<IndexSummary> result = Guard(options_.index_dir, [&]() -> Result<IndexSummary> {
    if (Status st = EnsureWritable(); !st.ok()) return st;
    return run();
  });
  if (!result.ok()) Discard();
  return result;
}

Result<IndexSummary> Indexer::Sync() {
  return impl_->Attempt([&] { return impl_->RunAll(false); });
}

Result<IndexSummary> Indexer::Rebuild() {
  return impl_->Attempt([&] { return impl_->RunAll(true); });
}

Result<IndexSummary> Indexer::SyncPaths(const std::vector<std::string>& rel_paths) {
  return impl_->Attempt([&] { return impl_->RunPaths(rel_paths); });
}

Result<IndexSummary> Indexer::Retag(std::shared_ptr<const Taxonomy> taxonomy) {
  impl_->UseTaxonomy(std::move(taxonomy));
  return impl_->Attempt([&] { return impl_->RunRetag(); });
}

Result<std::optional<std::string>> Indexer::FindUrl(const std::string& url) {
  std::optional<std::string> found;
  Result<IndexSummary> run = impl_->Attempt([&]() -> Result<IndexSummary> {
    Result<std::optional<std::string>> r = impl_->FindUrl(url);
    if (!r.ok()) return r.status();
    found = *r;
    return IndexSummary{};
  });
  if (!run.ok()) return run.status();
  return found;
}

Status Indexer::CheckWritable() {
  Result<IndexSummary> probe = impl_->Attempt([&]() -> Result<IndexSummary> {
    if (Status st = ProbeWritable(options_.index_dir); !st.ok()) return st;
    return IndexSummary{};
  });
  return probe.ok() ? Status::Ok() : probe.status();
}

}  // namespace longjing
