// What the handlers share: configuration, taxonomy, the searcher, the live
// index (absent when read-only), metrics and the static file root.
// Owned by App; lives as long as the HTTP server.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "longjing/config.h"
#include "longjing/live_index.h"
#include "longjing/search.h"
#include "longjing/taxonomy.h"
#include "metrics.h"
#include "static_files.h"
#include "taxonomy_editor.h"

namespace longjing::server {

// Shared so a request keeps its Searcher alive while the source swaps it.
using SearcherRef = std::shared_ptr<const Searcher>;

// Opens the Searcher on first use, so a read-only server started before the
// first `longjing-index` run starts answering once the index appears. Checks
// the index folder at every Get: while it (or its `current` database) is
// missing, Get fails with kUnavailable naming the cause; a folder that comes
// back as a different directory (a restored copy) gets a fresh Searcher.
//
// Thread-safety: Get may be called from any thread; the Searcher itself
// keeps one Xapian handle per thread and reopens it per request.
class SearcherSource {
 public:
  SearcherSource(std::string index_dir, std::shared_ptr<const Taxonomy> taxonomy,
                 std::vector<std::string> shards = {}, size_t cache_entries = kDefaultCacheEntries,
                 double time_limit = kDefaultSearchTimeLimit,
                 double shard_timeout = kDefaultShardTimeout);
  Result<SearcherRef> Get() const;
  // The taxonomy of the Searchers opened from now on; the current one is
  // dropped (requests holding it finish with it).
  void SetTaxonomy(std::shared_ptr<const Taxonomy> taxonomy);

 private:
  std::string index_dir_;
  std::shared_ptr<const Taxonomy> taxonomy_;
  std::vector<std::string> shards_;
  size_t cache_entries_;
  double time_limit_;
  double shard_timeout_;
  mutable std::mutex mu_;
  mutable SearcherRef searcher_;
  mutable std::pair<uint64_t, uint64_t> folder_id_{0, 0};  // st_dev, st_ino of index_dir_
};

struct ServerContext {
  Config config;
  std::unique_ptr<SearcherSource> searcher;
  Metrics metrics;                  // before live: the live index's writer reports to it
  std::unique_ptr<LiveIndex> live;  // null with --no-watch
  std::unique_ptr<StaticFiles> static_files;
  std::unique_ptr<TaxonomyEditor> taxonomy_editor;  // after live: it submits re-tags to it

  bool read_only() const { return live == nullptr; }
  // The taxonomy now; a request keeps the one it took while an edit swaps it.
  std::shared_ptr<const Taxonomy> taxonomy() const {
    std::lock_guard lock(taxonomy_mu_);
    return taxonomy_;
  }
  // Also the searcher's.
  void set_taxonomy(std::shared_ptr<const Taxonomy> taxonomy) {
    {
      std::lock_guard lock(taxonomy_mu_);
      taxonomy_ = taxonomy;
    }
    if (searcher) searcher->SetTaxonomy(std::move(taxonomy));
  }

 private:
  mutable std::mutex taxonomy_mu_;
  std::shared_ptr<const Taxonomy> taxonomy_;
};

}  // namespace longjing::server
