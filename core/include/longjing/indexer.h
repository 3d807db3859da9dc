// Keeps a Xapian index in step with a corpus folder: walk -> parse -> tag ->
// write. Idempotent the omindex way: a unique id term per article,
// replace_document, skip articles whose change hash is unchanged, delete the
// articles whose files are gone. Articles of a file that could not be read
// this time are kept, never deleted.
//
// Thread-safety: one Indexer is used by one thread at a time. It holds the
// index's WriterLock for its whole life, so a second writer (another process
// or another Indexer) fails at Open() with kLocked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "longjing/article.h"
#include "longjing/config.h"
#include "longjing/status.h"
#include "longjing/taxonomy.h"

namespace longjing {

struct IndexOptions {
  std::string corpus_dir;
  std::string index_dir;
  // Defaults: Config's (config.h), where every default lives.
  size_t max_file_bytes = Config().max_file_bytes;
  size_t max_document_bytes = Config().max_document_bytes;  // PDF, DOCX
  size_t max_document_pages = Config().max_document_pages;
  size_t batch_size = Config().batch_size;  // documents per commit in bulk runs
  int threads = 0;                          // parse/tag workers; 0 = number of cores
  // Called from the indexing thread, for each problem with an input file.
  std::function<void(const Diagnostic&)> on_warning;
  // Called from the indexing thread now and then: files done, files in total.
  std::function<void(size_t done, size_t total)> on_progress;
};

// The one path from configuration to indexing options, for longjing-index
// and longjing-serve alike (callbacks left empty).
IndexOptions IndexOptionsFrom(const Config& config);

struct IndexSummary {
  size_t files_seen = 0;  // corpus files looked at
  size_t added = 0;       // articles new to the index
  size_t updated = 0;     // articles whose content or tags changed
  size_t unchanged = 0;   // articles skipped because their hash matched
  size_t deleted = 0;     // articles whose file (or line) is gone
  size_t kept = 0;        // articles kept because their file failed to read this time
  size_t warnings = 0;    // problems reported through on_warning
  // A taxonomy change caught up with (Indexer::Retag): articles whose text
  // went through the tagger again, those re-tagged (also counted in
  // updated), and the time it took.
  size_t retag_examined = 0;
  size_t retagged = 0;
  double retag_seconds = 0;
  size_t documents = 0;   // documents in the index after the run
  uint64_t revision = 0;  // Xapian revision after the run
  double seconds = 0;
  bool full = false;  // a rebuild rather than an incremental pass
  // Articles written into a near-duplicate group (a full build: every
  // article in a group), and the seconds spent on near-duplicates: the
  // fingerprints (CPU time over the worker threads, divided by their number)
  // plus the grouping.
  size_t grouped = 0;
  double dedup_seconds = 0;
  // A full build's phases, wall seconds: the documents on every core, the
  // spelling table, the shards' merge (zero for incremental passes).
  double documents_seconds = 0, spelling_seconds = 0, merge_seconds = 0;
  nlohmann::json ToJson() const;
  std::string ToText() const;  // one human line: "added 3, updated 1, ..."

 private:
  std::string Phases() const;
};

class Indexer {
 public:
  // Takes the writer lock and opens (or creates) the index. The taxonomy is
  // shared with the caller; it is replaced only through Retag().
  static Result<std::unique_ptr<Indexer>> Open(const IndexOptions& options,
                                               std::shared_ptr<const Taxonomy> taxonomy);
  ~Indexer();

  // Incremental pass over the whole corpus.
  Result<IndexSummary> Sync();
  // Only these files (paths relative to the corpus root): indexed if they
  // exist, their articles deleted if they don't. For the watcher and ingest.
  Result<IndexSummary> SyncPaths(const std::vector<std::string>& rel_paths);
  // Rebuilds into a fresh generation and swaps it in atomically.
  Result<IndexSummary> Rebuild();
  // Makes `taxonomy` the Indexer's (for this and every later run) and
  // re-tags the index's documents for it from their stored text, without
  // reading the corpus: only the articles the change may touch (tagged with
  // a changed value, or containing one of its aliases' words), rewriting
  // those whose tags changed, in one commit. Every incremental pass does
  // the same first when the index records another taxonomy (an edited file
  // noticed at startup). Builds the index from the corpus if there is none.
  // summary.updated counts the re-tagged articles.
  Result<IndexSummary> Retag(std::shared_ptr<const Taxonomy> taxonomy);
  // OK when a write would succeed now: the index folder is there (the lock
  // is taken again if it was removed and came back), the last commit opens,
  // and the folder has room for a commit (ProbeWritable). Commits nothing.
  Status CheckWritable();
  // The id of an indexed article whose source URL is `url` as
  // schema::NormalizeUrl compares them, or nullopt (also for an index not
  // built yet). Sees the writes of this Indexer, committed or not.
  Result<std::optional<std::string>> FindUrl(const std::string& url);

  // Every method above leaves the index at its last commit when it fails.
  // Failures caused by the system carry its cause: kNoSpace (disk, quota or
  // file-size limit full), kUnavailable (index folder missing or read-only).
  // The next call reopens the database, so writes resume when the cause goes.

  const IndexOptions& options() const { return options_; }

 private:
  class Impl;
  Indexer(IndexOptions options, std::unique_ptr<Impl> impl);
  IndexOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace longjing
