// Internal to the searcher: a small LRU of the expensive, page-independent
// part of a search (exact total, facet counts, spelling correction), keyed by
// the database revision and the normalised request without paging or sort.
// A write moves the revision, so stale entries are never hit again and simply
// age out.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "longjing/search.h"

namespace longjing::search {

struct CachedCounts {
  uint64_t total = 0;
  std::vector<FacetResult> facets;  // empty when the search asked for none
  bool has_facets = false;
  std::optional<std::string> corrected;
  // The page of hits the entry was made with (PageKey of that request), so
  // the same request again — a landing page, a shared link — is answered
  // without running the match at all.
  std::string page_key;
  std::vector<Hit> hits;
};

class SearchCache {
 public:
  explicit SearchCache(size_t capacity) : capacity_(capacity) {}

  // nullptr on a miss.
  std::shared_ptr<const CachedCounts> Get(const std::string& key);
  void Put(const std::string& key, std::shared_ptr<const CachedCounts> value);
  size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const CachedCounts>>;
  const size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace longjing::search
