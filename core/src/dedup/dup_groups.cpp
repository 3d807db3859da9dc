#include "dedup/dup_groups.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "longjing/document_builder.h"
#include "longjing/duplicates.h"
#include "longjing/schema.h"

namespace longjing::dedup {
namespace s = schema;
namespace {

using Rank = CanonicalRank;

Rank RankOf(const Xapian::Document& d) {
  return {d.get_value(s::kSlotSortTime), FirstSeenOf(d).value_or(0), d.get_value(s::kSlotId)};
}

// Gives a stored document the group key `key` ("" for none) and writes it back.
void SetKey(Xapian::WritableDatabase& db, Xapian::docid docid, Xapian::Document doc,
            const std::string& key) {
  std::string old = doc.get_value(s::kSlotDupGroup);
  if (old == key) return;
  if (!old.empty()) {
    try {
      doc.remove_term(s::DupGroupTerm(old));
    } catch (const Xapian::InvalidArgumentError&) {
      // A value without its term: nothing to remove.
    }
  }
  if (key.empty()) {
    doc.remove_value(s::kSlotDupGroup);
  } else {
    doc.add_value(s::kSlotDupGroup, key);
    doc.add_boolean_term(s::DupGroupTerm(key));
  }
  db.replace_document(docid, doc);
}

std::vector<Xapian::docid> Members(const Xapian::Database& db, const std::string& key) {
  std::vector<Xapian::docid> out;
  std::string term = s::DupGroupTerm(key);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) out.push_back(*it);
  return out;
}

std::optional<Xapian::docid> DocidOf(const Xapian::Database& db, const std::string& id) {
  std::string term = s::IdTerm(id);
  Xapian::PostingIterator p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return std::nullopt;
  return *p;
}

// Re-keys `members` after their earliest; a lone member leaves the group.
void Rekey(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& members) {
  if (members.size() == 1) return SetKey(db, members[0], db.get_document(members[0]), "");
  std::vector<Xapian::Document> docs;
  for (Xapian::docid d : members) docs.push_back(db.get_document(d));
  size_t first = 0;
  for (size_t i = 1; i < docs.size(); ++i)
    if (CanonicalBefore(docs[i], docs[first])) first = i;
  std::string key = s::DupGroupKey(docs[first].get_value(s::kSlotId));
  for (size_t i = 0; i < docs.size(); ++i) SetKey(db, members[i], docs[i], key);
}

void Leave(Xapian::WritableDatabase& db, Xapian::docid docid, const Xapian::Document& doc,
           GroupRanks* ranks) {
  std::string key = doc.get_value(s::kSlotDupGroup);
  if (key.empty()) return;
  std::vector<Xapian::docid> rest = Members(db, key);
  rest.erase(std::remove(rest.begin(), rest.end(), docid), rest.end());
  bool was_canonical = key == s::DupGroupKey(doc.get_value(s::kSlotId));
  if (rest.size() == 1 || (was_canonical && !rest.empty())) {
    Rekey(db, rest);
    if (ranks) ranks->erase(key);
  }
}

// The rank of the group `key`'s canonical member, from `ranks` or by reading
// the members (`near`, already read, among them; `skip` not).
const Rank& GroupRank(const Xapian::Database& db, const std::string& key, Xapian::docid near,
                      const Xapian::Document& near_doc, std::optional<Xapian::docid> skip,
                      GroupRanks& ranks) {
  auto it = ranks.find(key);
  if (it != ranks.end()) return it->second;
  Rank best = RankOf(near_doc);
  for (Xapian::docid d : Members(db, key))
    if (d != near && d != skip) best = std::min(best, RankOf(db.get_document(d)));
  return ranks.emplace(key, std::move(best)).first->second;
}

// The stored article most similar to `f`, if near enough; never `exclude`.
std::optional<Xapian::docid> Nearest(const Xapian::Database& db, const Fingerprint& f,
                                     std::optional<Xapian::docid> exclude) {
  std::set<Xapian::docid> seen;
  std::optional<Xapian::docid> best;
  double best_sim = kNearDuplicate;
  for (size_t b = 0; b < kDupBands; ++b) {
    std::string term = s::DupBandTerm(static_cast<unsigned>(b), BandValue(f, b));
    size_t read = 0;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      if (++read > kMaxBandCandidates) break;
      if (*it == exclude || !seen.insert(*it).second) continue;
      std::optional<Fingerprint> other =
          DecodeFingerprint(db.get_document(*it).get_value(s::kSlotDupSig));
      if (!other) continue;
      double sim = Similarity(f, *other);
      if (sim >= best_sim && (!best || sim > best_sim || *it < *best)) {
        best = *it;
        best_sim = sim;
      }
    }
  }
  return best;
}

}  // namespace

bool CanonicalBefore(const Xapian::Document& a, const Xapian::Document& b) {
  return RankOf(a) < RankOf(b);
}

void LeaveGroup(Xapian::WritableDatabase& db, const std::string& id, GroupRanks* ranks) {
  std::optional<Xapian::docid> docid = DocidOf(db, id);
  if (docid) Leave(db, *docid, db.get_document(*docid), ranks);
}

bool PlaceInGroup(Xapian::WritableDatabase& db, const std::string& id, Xapian::Document& doc,
                  GroupRanks* ranks) {
  std::optional<Xapian::docid> old = DocidOf(db, id);
  if (old) Leave(db, *old, db.get_document(*old), ranks);
  std::optional<Fingerprint> f = DecodeFingerprint(doc.get_value(s::kSlotDupSig));
  if (!f) return false;
  std::optional<Xapian::docid> near = Nearest(db, *f, old);
  if (!near) return false;
  Xapian::Document near_doc = db.get_document(*near);
  std::string key = near_doc.get_value(s::kSlotDupGroup);
  // Joining a group after its canonical member changes no other member.
  if (ranks && !key.empty()) {
    if (!(RankOf(doc) < GroupRank(db, key, *near, near_doc, old, *ranks))) {
      doc.add_value(s::kSlotDupGroup, key);
      doc.add_boolean_term(s::DupGroupTerm(key));
      return true;
    }
    ranks->erase(key);
  }
  std::vector<Xapian::docid> members = key.empty() ? std::vector{*near} : Members(db, key);
  if (old) members.erase(std::remove(members.begin(), members.end(), *old), members.end());
  // The canonical member: the new article, or the group's earliest.
  Xapian::Document first = doc;
  std::vector<Xapian::Document> docs;
  for (Xapian::docid d : members) {
    docs.push_back(d == *near ? near_doc : db.get_document(d));
    if (CanonicalBefore(docs.back(), first)) first = docs.back();
  }
  std::string new_key = s::DupGroupKey(first.get_value(s::kSlotId));
  for (size_t i = 0; i < members.size(); ++i) SetKey(db, members[i], docs[i], new_key);
  doc.add_value(s::kSlotDupGroup, new_key);
  doc.add_boolean_term(s::DupGroupTerm(new_key));
  if (ranks) (*ranks)[new_key] = RankOf(first);
  return true;
}

namespace {

struct Entry {
  Xapian::docid docid;
  Rank rank;
  Fingerprint f;
};

// Every fingerprinted document with its rank, in canonical order: one pass
// over four value streams.
std::vector<Entry> ReadEntries(const Xapian::Database& db) {
  std::vector<Entry> out;
  auto value_at = [&db](Xapian::ValueIterator& it, Xapian::valueno slot, Xapian::docid d) {
    if (it != db.valuestream_end(slot) && it.get_docid() < d) it.skip_to(d);
    return it != db.valuestream_end(slot) && it.get_docid() == d ? *it : std::string();
  };
  auto sort = db.valuestream_begin(s::kSlotSortTime);
  auto first = db.valuestream_begin(s::kSlotFirstSeen);
  auto id = db.valuestream_begin(s::kSlotId);
  for (auto sig = db.valuestream_begin(s::kSlotDupSig); sig != db.valuestream_end(s::kSlotDupSig);
       ++sig) {
    std::optional<Fingerprint> f = DecodeFingerprint(*sig);
    if (!f) continue;
    Xapian::docid d = sig.get_docid();
    std::string seen = value_at(first, s::kSlotFirstSeen, d);
    out.push_back(
        {d,
         {value_at(sort, s::kSlotSortTime, d),
          seen.empty() ? 0 : Xapian::sortable_unserialise(seen), value_at(id, s::kSlotId, d)},
         *f});
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
  return out;
}

// For each entry, the earlier entries sharing a band with it (at most
// kMaxBandCandidates per band), found by sorting each band's values.
std::vector<std::vector<uint32_t>> EarlierCandidates(const std::vector<Entry>& entries) {
  std::vector<std::vector<uint32_t>> out(entries.size());
  std::vector<std::pair<uint32_t, uint32_t>> band(entries.size());
  for (size_t b = 0; b < kDupBands; ++b) {
    for (uint32_t i = 0; i < entries.size(); ++i) band[i] = {BandValue(entries[i].f, b), i};
    std::sort(band.begin(), band.end());
    for (size_t start = 0; start < band.size();) {
      size_t end = start;
      while (end < band.size() && band[end].first == band[start].first) ++end;
      for (size_t j = start + 1; j < end; ++j)
        for (size_t i = start; i < std::min(j, start + kMaxBandCandidates); ++i)
          out[band[j].second].push_back(band[i].second);
      start = end;
    }
  }
  return out;
}

}  // namespace

size_t GroupAll(Xapian::WritableDatabase& db) {
  std::vector<Entry> entries = ReadEntries(db);
  std::vector<std::vector<uint32_t>> candidates = EarlierCandidates(entries);
  std::vector<uint32_t> root(entries.size());
  std::vector<uint32_t> size(entries.size(), 0);
  for (uint32_t j = 0; j < entries.size(); ++j) {
    root[j] = j;
    double best_sim = kNearDuplicate;
    std::optional<uint32_t> best;
    std::vector<uint32_t>& c = candidates[j];
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    for (uint32_t i : c) {
      if (i >= j) continue;  // ties in rank: only earlier entries lead
      double sim = Similarity(entries[i].f, entries[j].f);
      if (sim >= best_sim && (!best || sim > best_sim)) best = i, best_sim = sim;
    }
    if (best) root[j] = root[*best];
    ++size[root[j]];
  }
  size_t grouped = 0;
  for (uint32_t j = 0; j < entries.size(); ++j) {
    if (size[root[j]] < 2) continue;
    ++grouped;
    std::string key = s::DupGroupKey(std::get<2>(entries[root[j]].rank));
    SetKey(db, entries[j].docid, db.get_document(entries[j].docid), key);
  }
  return grouped;
}

}  // namespace longjing::dedup
