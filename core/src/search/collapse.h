// Internal to the searcher: near-duplicate groups at query time. A search
// collapses each group (schema::kSlotDupGroup) to its best hit, the first
// in the result order, which carries the count of its collapsed members.
// docs/duplicates.md says what counts where.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "longjing/search.h"
#include "longjing/status.h"
#include "search/doc_sets.h"

namespace longjing::search {

// One revision's groups, by docid (the docids of DocSets' bitmaps): read
// from the group slot's value stream, which only grouped articles fill, so
// it costs a pass over a few percent of the documents.
// Thread-safety: immutable once built; shared by requests.
class GroupIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  // `key` names the contents (EngineContext::revision_key). May throw Xapian::Error.
  static std::shared_ptr<const GroupIndex> Build(const Xapian::Database& db, std::string key);

  const std::string& key() const { return key_; }
  // The group of `d`, or kNone.
  uint32_t GroupOf(Xapian::docid d) const;
  // The documents of `selected`, each group counted once.
  uint64_t CollapsedCount(const Bitmap& selected) const;
  // The other members of d's group in `selected`.
  uint64_t OthersIn(Xapian::docid d, const Bitmap& selected) const;

 private:
  std::string key_;
  std::unordered_map<Xapian::docid, uint32_t> group_of_;
  std::vector<std::vector<Xapian::docid>> members_;
};

// Walks documents in result order and keeps the first of each group.
class Collapser {
 public:
  // groups null: keeps everything.
  explicit Collapser(const GroupIndex* groups) : groups_(groups) {}
  bool Keep(Xapian::docid d);

 private:
  const GroupIndex* groups_;
  std::unordered_set<uint32_t> seen_;
};

// Makes the match keep one document per group (Xapian's collapse key), and
// returns true; false (and nothing set) when `db` holds no group at all,
// since a collapse key costs Xapian its exact match counts even then.
bool CollapseGroups(Xapian::Enquire& enquire, const Xapian::Database& db);

// The filter that keeps article `id` and its near-duplicates (the
// duplicates_of parameter). kNotFound for an unknown id.
Result<Xapian::Query> DuplicatesFilter(const Xapian::Database& db, const std::string& id);

}  // namespace longjing::search
