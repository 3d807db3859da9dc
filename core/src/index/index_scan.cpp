#include "index/index_scan.h"

#include <optional>

#include "longjing/schema.h"

namespace longjing {
namespace s = schema;

// What the index holds, per source path, read from the value streams in one
// sequential pass (much cheaper than fetching every document).
IndexedFiles ScanIndexedFiles(const Xapian::Database& db) {
  IndexedFiles files;
  files.reserve(db.get_doccount());
  auto id = db.valuestream_begin(s::kSlotId);
  auto hash = db.valuestream_begin(s::kSlotHash);
  auto path = db.valuestream_begin(s::kSlotPath);
  for (; id != db.valuestream_end(s::kSlotId); ++id) {
    Xapian::docid d = id.get_docid();
    if (hash != db.valuestream_end(s::kSlotHash) && hash.get_docid() < d) hash.skip_to(d);
    if (path != db.valuestream_end(s::kSlotPath) && path.get_docid() < d) path.skip_to(d);
    std::string h =
        (hash != db.valuestream_end(s::kSlotHash) && hash.get_docid() == d) ? *hash : "";
    std::string p =
        (path != db.valuestream_end(s::kSlotPath) && path.get_docid() == d) ? *path : "";
    files[p].emplace_back(*id, h);
  }
  return files;
}

// Every id's first-seen time in `db`, for a full build to carry into the new
// generation: one pass over three value streams.
FirstSeenTimes ScanFirstSeen(const Xapian::Database& db) {
  FirstSeenTimes out;
  auto first = db.valuestream_begin(s::kSlotFirstSeen);
  auto indexed = db.valuestream_begin(s::kSlotIndexedAt);
  auto at = [](Xapian::ValueIterator& it, const Xapian::Database& d, Xapian::valueno slot,
               Xapian::docid docid) -> std::optional<double> {
    if (it != d.valuestream_end(slot) && it.get_docid() < docid) it.skip_to(docid);
    if (it == d.valuestream_end(slot) || it.get_docid() != docid) return std::nullopt;
    return Xapian::sortable_unserialise(*it);
  };
  for (auto id = db.valuestream_begin(s::kSlotId); id != db.valuestream_end(s::kSlotId); ++id) {
    std::optional<double> t = at(first, db, s::kSlotFirstSeen, id.get_docid());
    if (!t) t = at(indexed, db, s::kSlotIndexedAt, id.get_docid());
    if (t) out.emplace(*id, *t);
  }
  return out;
}

std::unordered_map<std::string, std::string> ScanFileStats(const Xapian::Database& db) {
  std::unordered_map<std::string, std::string> keys;
  keys.reserve(db.get_doccount());
  auto stat = db.valuestream_begin(s::kSlotFileStat);
  const auto stat_end = db.valuestream_end(s::kSlotFileStat);
  for (auto path = db.valuestream_begin(s::kSlotPath); path != db.valuestream_end(s::kSlotPath);
       ++path) {
    Xapian::docid d = path.get_docid();
    if (stat != stat_end && stat.get_docid() < d) stat.skip_to(d);
    std::string key = (stat != stat_end && stat.get_docid() == d) ? *stat : "";
    auto [it, inserted] = keys.emplace(*path, key);
    if (!inserted && it->second != key) it->second.clear();
  }
  return keys;
}

bool RefreshFileStat(Xapian::WritableDatabase& db, const std::string& id, const std::string& key) {
  std::string term = s::IdTerm(id);
  Xapian::PostingIterator p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return false;
  Xapian::Document doc = db.get_document(*p);
  doc.add_value(s::kSlotFileStat, key);
  db.replace_document(*p, doc);
  return true;
}

}  // namespace longjing
