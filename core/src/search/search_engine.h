// Internal to the searcher: one search or article lookup against an open
// database handle. The Searcher (searcher.cpp) owns the handles, reopens them
// and re-runs these functions on DatabaseModifiedError; they let Xapian
// errors propagate.
#pragma once

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>

#include "longjing/search.h"
#include "longjing/tagger.h"
#include "longjing/taxonomy.h"
#include "search/collapse.h"
#include "search/doc_sets.h"
#include "search/query_builder.h"
#include "search/search_cache.h"

namespace longjing::search {

struct EngineContext {
  const Xapian::Database& db;  // the local index plus any extra databases
  const Taxonomy& taxonomy;
  const Tagger& tagger;
  const QueryBuilder& builder;
  // Stock xapian-tcpsrv shards take part: no custom MatchSpy.
  bool stock_spies = false;
  SearchCache* cache = nullptr;
  // Identifies the databases' current contents (uuid and revision of each);
  // nullopt disables the cache.
  std::optional<std::string> revision_key;
  uint64_t local_revision = 0;  // of the local index alone
  // The revision's facet bitmaps and date order; null when not available
  // (remote shards, or another request is building them), and searches then
  // count through a MatchSpy.
  std::shared_ptr<const DocSets> sets;
  // Only the local index: a MatchDecider then sees the docids the bitmaps
  // hold (with several databases it sees each one's own).
  bool one_database = true;
  // Seconds one search may take; 0: no limit. RunSearch turns it into the
  // deadline every match of the search is held to.
  double time_limit = 0;
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // With stock spies: every document is on a remote shard (the local
  // databases are empty, as on a query node), so only the shards' own counts
  // count (facet_counter.h).
  bool remote_only = false;
  // The revision's near-duplicate groups, by the bitmaps' docids; null
  // whenever sets is (searches then collapse through Xapian alone).
  std::shared_ptr<const GroupIndex> groups;
};

// InvalidArgument for page < 1, per_page outside 1..kMaxPerPage, or
// page * per_page > kMaxResultWindow.
Status ValidatePaging(const SearchRequest& request);

// kTooComplex when q's wildcards expand too far; kTimeout when the search
// ran past ctx.time_limit (its counts would be partial).
Result<SearchResult> RunSearch(const EngineContext& ctx, const SearchRequest& request);

// kNotFound for an unknown id.
Result<ArticleView> RunGetArticle(const EngineContext& ctx, const std::string& id, int related);

}  // namespace longjing::search
