// Near-duplicate groups, kept in the index itself: each member of a group
// holds the group's key in schema::kSlotDupGroup (the searcher's collapse
// key) and as an XDUPG term (to list the members); an article without
// near-duplicates holds neither. The key is DupGroupKey of the canonical
// member's id, the canonical member being the earliest (CanonicalBefore), so
// the incremental writer and a full build give a group the same key.
//
// A new or changed article joins the group of its most similar article
// among the candidates its fingerprint bands find (if any is similar enough:
// duplicates.h); groups are never merged, so a group is the articles near
// its earliest member or near another member (single link).
//
// Thread-safety: call from the index's one writer. Internal to the core.
#pragma once

#include <xapian.h>

#include <string>
#include <tuple>
#include <unordered_map>

namespace longjing::dedup {

// Candidates read per band term at most: a band shared by very many
// articles (a common boilerplate) must not make one write read them all.
inline constexpr size_t kMaxBandCandidates = 64;

// True when `a` ranks before `b` as a group's canonical member: earlier
// sort time (date, else first-seen), then earlier first-seen, then smaller id.
bool CanonicalBefore(const Xapian::Document& a, const Xapian::Document& b);

// A group's canonical rank: sort time, first-seen time, id (CanonicalBefore).
using CanonicalRank = std::tuple<std::string, double, std::string>;
// The canonical rank of each group a writing pass has joined, by group key:
// with it, joining a large group reads none of its members (a wire story
// reprinted a thousand times would otherwise read the whole group for every
// copy). Kept for one pass of the one writer; the functions below keep it
// right as they change groups.
using GroupRanks = std::unordered_map<std::string, CanonicalRank>;

// Before `doc` replaces whatever the index holds under id `id`: the old
// version leaves its group (dedup/LeaveGroup), then `doc` joins the group of
// its nearest near-duplicate, whose members get the new key when `doc`
// becomes the canonical one. Sets doc's group value and term (or none).
// `doc` must carry its final first-seen and sort times. Returns true when
// `doc` is in a group. May throw Xapian::Error.
bool PlaceInGroup(Xapian::WritableDatabase& db, const std::string& id, Xapian::Document& doc,
                  GroupRanks* ranks = nullptr);

// Before the article `id` is deleted: it leaves its group; a group left
// with one member is dissolved, and a group that lost its canonical member
// is re-keyed after the next earliest. No-op for an unknown id.
void LeaveGroup(Xapian::WritableDatabase& db, const std::string& id, GroupRanks* ranks = nullptr);

// Groups every document of a freshly built database (bulk builds write
// shards in parallel, so grouping waits for the merge): articles are taken
// in canonical order, each joining the group of its most similar earlier
// article. Returns how many articles are in a group. May throw Xapian::Error.
size_t GroupAll(Xapian::WritableDatabase& db);

}  // namespace longjing::dedup
