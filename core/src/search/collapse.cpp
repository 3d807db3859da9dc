#include "search/collapse.h"

#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing::search {
namespace s = schema;

std::shared_ptr<const GroupIndex> GroupIndex::Build(const Xapian::Database& db, std::string key) {
  auto out = std::make_shared<GroupIndex>();
  out->key_ = std::move(key);
  std::unordered_map<std::string, uint32_t> ordinal;
  for (auto it = db.valuestream_begin(s::kSlotDupGroup); it != db.valuestream_end(s::kSlotDupGroup);
       ++it) {
    auto [at, added] = ordinal.emplace(*it, static_cast<uint32_t>(out->members_.size()));
    if (added) out->members_.emplace_back();
    out->members_[at->second].push_back(it.get_docid());
    out->group_of_[it.get_docid()] = at->second;
  }
  return out;
}

uint32_t GroupIndex::GroupOf(Xapian::docid d) const {
  auto it = group_of_.find(d);
  return it == group_of_.end() ? kNone : it->second;
}

uint64_t GroupIndex::CollapsedCount(const Bitmap& selected) const {
  uint64_t count = selected.Count();
  for (const auto& members : members_) {
    uint64_t in = 0;
    for (Xapian::docid d : members) in += selected.Test(d);
    if (in > 1) count -= in - 1;
  }
  return count;
}

uint64_t GroupIndex::OthersIn(Xapian::docid d, const Bitmap& selected) const {
  uint32_t g = GroupOf(d);
  if (g == kNone) return 0;
  uint64_t n = 0;
  for (Xapian::docid m : members_[g]) n += m != d && selected.Test(m);
  return n;
}

bool Collapser::Keep(Xapian::docid d) {
  if (!groups_) return true;
  uint32_t g = groups_->GroupOf(d);
  return g == GroupIndex::kNone || seen_.insert(g).second;
}

bool CollapseGroups(Xapian::Enquire& enquire, const Xapian::Database& db) {
  try {
    if (db.get_value_freq(s::kSlotDupGroup) == 0) return false;
  } catch (const Xapian::UnimplementedError&) {
    // A backend without value statistics: collapse anyway.
  }
  // Documents with an empty value (no near-duplicate) are never collapsed.
  enquire.set_collapse_key(s::kSlotDupGroup);
  return true;
}

Result<Xapian::Query> DuplicatesFilter(const Xapian::Database& db, const std::string& id) {
  std::string id_term = s::IdTerm(id);
  if (id.empty() || id_term.size() > s::kMaxTermBytes || !text::IsValidUtf8(id))
    return Status::NotFound("duplicates_of: no article with id '" + text::Excerpt(id) + "'");
  Xapian::PostingIterator p = db.postlist_begin(id_term);
  if (p == db.postlist_end(id_term))
    return Status::NotFound("duplicates_of: no article with id '" + text::Excerpt(id) + "'");
  std::string key = db.get_document(*p).get_value(s::kSlotDupGroup);
  return Xapian::Query(key.empty() ? id_term : s::DupGroupTerm(key));
}

}  // namespace longjing::search
