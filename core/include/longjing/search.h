// Faceted search over a Longjing index (and, for scale-out, further Xapian
// databases such as remote shards served by xapian-tcpsrv).
//
// Thread-safety: Searcher is shared by all server threads. Each request
// borrows a Xapian::Database handle from a pool and gives it back at the end,
// so no two threads ever use one handle at once (Xapian handles are not
// thread-safe) and N server threads settle on N handles. The handle is
// re-resolved (index_dir.h) and reopened at the start of every request, and
// the whole request is re-run, after a short backoff, when a concurrent commit
// disturbs it (DatabaseModifiedError, or a DatabaseCorruptError from a block
// being rewritten): readers never fail because a writer commits, unless it
// disturbs 20 runs in a row. Exact totals and facet
// counts are cached per (database revision, request without paging or sort),
// so a write invalidates them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "longjing/config.h"
#include "longjing/status.h"
#include "longjing/taxonomy.h"

namespace longjing {

enum class SortOrder { kRelevance, kNewest, kOldest };

struct SearchRequest {
  std::string q;  // may be empty: browse everything
  // Facet name ("city", "company", "policy", "lang", "year") -> selected
  // values. OR within a facet, AND across facets.
  std::map<std::string, std::vector<std::string>> filters;
  std::string from, to;  // "YYYY-MM-DD", inclusive; empty = open
  // default: relevance with q, newest without. newest/oldest order by date,
  // undated articles by their first-seen time (schema::kSlotSortTime).
  std::optional<SortOrder> sort;
  int page = 1;       // 1-based
  int per_page = 10;  // 1..100
  bool snippets = true;
  bool facets = true;  // compute facet counts
  // Near-duplicates (docs/duplicates.md): by default each group of
  // near-duplicate articles shows as its best hit (the first in the result
  // order), whose Hit::duplicates counts the others the search matched;
  // total then counts hits after collapsing, facet counts still count every
  // article. false: every article is a hit.
  bool collapse = true;
  // Non-empty: only article `duplicates_of` and its near-duplicates (with q
  // and the filters applied, never collapsed, no facet counts). Search fails
  // with kNotFound when no article has that id.
  std::string duplicates_of;
};

// Limits the searcher enforces (and the server reports as 400s).
inline constexpr size_t kMaxQueryBytes = 1000;
// Each wildcard of q expands to at most 200 terms, and all of them together
// to at most this many (kTooComplex beyond): five full wildcards, ~0.3 s of
// matching on 5,000 articles (a busy 2-core machine).
inline constexpr size_t kMaxExpandedTerms = 1000;
inline constexpr int kMaxPerPage = 100;
inline constexpr int kMaxResultWindow = 10000;  // page * per_page
// The checks Search makes before it touches the index: page >= 1, per_page
// in 1..kMaxPerPage, page * per_page <= kMaxResultWindow, q at most
// kMaxQueryBytes of UTF-8. Search also refuses unknown facets and values and
// malformed or reversed from/to. Every refusal is Status::InvalidField naming
// the request field ("page", "q", "city", "from"...).
Status ValidateRequest(const SearchRequest& request);

// The default is Config::cache_entries (config.h), where every default lives.
inline const size_t kDefaultCacheEntries = Config().cache_entries;
// Time budget of one search, in seconds (kTimeout beyond); 0 = none.
inline const double kDefaultSearchTimeLimit = Config().search_time_limit;
// Seconds a remote shard may take to connect and to answer each message.
inline const double kDefaultShardTimeout = Config().shard_timeout;

struct TagRef {
  std::string id;
  std::string name;
  int count = 0;  // mentions in the article
};

struct Hit {
  std::string id, title, date, source, url, lang;
  // When the index first saw the article, "YYYY-MM-DDThh:mm:ssZ"; empty for
  // documents indexed before first-seen times were kept.
  std::string first_seen;
  std::string snippet;  // HTML-escaped text, matches wrapped in <mark>
  // Paged articles (PDF): the 1-based page the snippet comes from (1 for a
  // lead snippet); 0 for articles without pages.
  int page = 0;
  std::map<std::string, std::vector<TagRef>> tags;  // "city" | "company" | "policy"
  double score = 0;
  // Near-duplicates of this hit that the search matched and collapsed into
  // it (0 when not collapsing).
  uint64_t duplicates = 0;
};

struct FacetCount {
  std::string id;
  std::string name;
  uint64_t count = 0;
  bool selected = false;
};

struct FacetResult {
  std::string name;  // "city", ..., and "month" when exactly one year is selected
  std::string label;
  std::vector<FacetCount> values;  // by count desc, then name; selected always present
};

struct SearchResult {
  std::string query;
  uint64_t total = 0;
  bool total_exact = true;
  double took_ms = 0;
  std::optional<std::string> corrected_q;
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;
};

struct Mention16 {
  std::string facet, id;
  size_t start = 0, end = 0;  // UTF-16 code units into ArticleView::body
};

struct ArticleView {
  Hit meta;  // snippet empty; tags with mention counts
  std::string author, path, body;
  // Paged articles (PDF): where each page starts in body, in UTF-16 code
  // units (as mentions); empty for articles without pages.
  std::vector<size_t> page_starts;
  std::vector<Mention16> mentions;
  std::vector<Hit> related;  // most similar articles
};

// Insights (insights.h).
struct PivotRequest;
struct PivotResult;
struct TrendsRequest;
struct TrendsResult;
struct SignificantRequest;
struct SignificantResult;

// One facet of the catalogue that /api/taxonomy serves, so that the page
// names filters, tags and languages without a copy of these lists.
struct FacetInfo {
  struct Value {
    std::string id, name;
  };
  std::string name;           // the API parameter ("city", "lang", "year") or "month"
  std::string label;          // "City", "Language", ...
  std::string kind;           // "taxonomy" | "language" | "year" | "month"
  std::vector<Value> values;  // taxonomy values or known languages; empty for year and month
};

// Every facet a search may report: the taxonomy's facets in its order, then
// lang (every language Longjing knows), year and month (the timeline's, only
// reported when one year is selected).
std::vector<FacetInfo> FacetCatalogue(const Taxonomy& taxonomy);

struct IndexStats {
  uint64_t documents = 0;
  uint64_t revision = 0;   // of the local index (a replica's: the writer's it copied)
  double commit_time = 0;  // Unix seconds when the writer committed `revision`; 0 = unknown
};

class Searcher {
 public:
  // index_dir: a Longjing index directory (see index_dir.h). extra: further
  // Xapian databases searched together with it (paths, stub files, or
  // "tcp://host:port" for xapian-tcpsrv). Fails with kNotFound when no index exists.
  // cache_entries bounds the per-revision result cache (facet counts and the
  // page of hits per query and filters); 0 turns it off. time_limit: seconds
  // one search may take before it fails with kTimeout; 0 = no limit.
  // shard_timeout: seconds a tcp:// shard may take to connect and to answer
  // each message. A shard that is down, fails or is slower fails the request
  // with kUnavailable naming it ("shard tcp://host:port ..."): never partial
  // results. The next request connects again, so a shard that returns is used
  // again without a restart.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& index_dir,
                                                std::shared_ptr<const Taxonomy> taxonomy,
                                                std::vector<std::string> extra = {},
                                                size_t cache_entries = kDefaultCacheEntries,
                                                double time_limit = kDefaultSearchTimeLimit,
                                                double shard_timeout = kDefaultShardTimeout);
  ~Searcher();

  // kInvalidArgument for a bad request, kTooComplex when q's wildcards
  // expand to more than kMaxExpandedTerms terms, kTimeout past time_limit.
  Result<SearchResult> Search(const SearchRequest& request) const;
  // kNotFound for an unknown id.
  Result<ArticleView> GetArticle(const std::string& id, int related = 5) const;
  Result<IndexStats> Stats() const;
  // Insights over a selection (insights.h): InvalidArgument naming the bad
  // field, Unavailable with remote shards.
  Result<PivotResult> Pivot(const PivotRequest& request) const;
  Result<TrendsResult> Trends(const TrendsRequest& request) const;
  Result<SignificantResult> Significant(const SignificantRequest& request) const;

 private:
  class Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace longjing
