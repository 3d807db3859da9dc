// Full builds, the fast way: every worker thread prepares files and writes
// them into small shard databases of its own (a flush into an empty database
// is cheap, and the shards are written on all cores at once), then
// Xapian::Compactor merges the shards into the target in one linear pass.
// (Internal to the core.)
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/file_prep.h"
#include "longjing/status.h"

namespace longjing {

// Document id -> first-seen time (unix seconds), from the index being rebuilt.
using FirstSeenTimes = std::unordered_map<std::string, double>;

struct BulkBuildOptions {
  PrepContext context;
  std::string out_path;       // the new database; must not exist yet
  size_t commit_docs = 1000;  // documents per commit; a shard takes several
  // Articles found here keep their first-seen time; others get the run's.
  // May be null. Read by all workers; must outlive BulkBuild.
  const FirstSeenTimes* first_seen = nullptr;
  // Serialised by the builder: called by one thread at a time.
  std::function<void(const Diagnostic&)> on_warning;
  std::function<void(size_t done, size_t total)> on_progress;  // from the calling thread
};

// What a bulk build did, for the indexer's summary.
struct BulkCounts {
  size_t files_seen = 0;
  size_t added = 0;     // documents written
  size_t warnings = 0;  // problems reported through on_warning
  // Wall seconds of the phases: the documents (every worker), the spelling
  // table (words counted by the workers, written once each), the merge.
  double documents_seconds = 0, spelling_seconds = 0, merge_seconds = 0;
};

// Counts go into *counts. One builder per thread.
Status BulkBuild(const BulkBuildOptions& options, const std::vector<std::string>& files,
                 std::vector<std::unique_ptr<DocumentBuilder>>& builders, BulkCounts* counts);

}  // namespace longjing
