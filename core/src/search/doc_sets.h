// Internal to the searcher: the index's facet postings and dates held in
// memory as bitmaps, one per facet value, built once per database revision.
//
// Why: exact disjunctive facet counts are set algebra. With them, a count is
// popcount(value AND filters-but-its-own AND query-matches) -- a few hundred
// thousand word operations for a 100k-article index -- instead of reading
// value slots for every matching document, once per selected facet. Browsing
// (no text) never runs a match at all: the page of hits is the first set bits
// in date order. A text query runs one match, unfiltered, that only records
// which documents match (DocSetDecider); everything else is bitmaps.
//
// Memory: one bit per document id per facet value (and per month), plus two
// docid orders and a date per document: ~5 MB for 100k articles with 350
// values.
//
// Thread-safety: immutable once built; shared by all requests of a revision.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "longjing/schema.h"
#include "longjing/search.h"
#include "search/facet_counter.h"

namespace longjing::search {

struct Filters;

// A set of document ids, one bit each.
class Bitmap {
 public:
  Bitmap() = default;
  explicit Bitmap(Xapian::docid last) : words_((static_cast<size_t>(last) >> 6) + 1, 0) {}
  // `other`'s members in a bitmap sized for ids up to `last` (>= other's).
  Bitmap(const Bitmap& other, Xapian::docid last) : Bitmap(last) {
    std::copy(other.words_.begin(), other.words_.end(), words_.begin());
  }
  Bitmap(const Bitmap&) = default;
  Bitmap(Bitmap&&) = default;
  Bitmap& operator=(const Bitmap&) = default;
  Bitmap& operator=(Bitmap&&) = default;

  void Set(Xapian::docid d) { words_[d >> 6] |= uint64_t{1} << (d & 63); }
  bool Test(Xapian::docid d) const {
    size_t w = d >> 6;
    return w < words_.size() && (words_[w] >> (d & 63)) & 1;
  }
  // this &= other / this |= other; both must have the same size.
  void And(const Bitmap& other);
  void Or(const Bitmap& other);
  uint64_t Count() const;
  // The first member >= d, or 0 when there is none.
  Xapian::docid NextFrom(Xapian::docid d) const;
  // popcount(this AND other) without building the intersection.
  uint64_t CountAnd(const Bitmap& other) const;
  size_t words() const { return words_.size(); }

 private:
  std::vector<uint64_t> words_;
};

class DocSets {
 public:
  // Reads every facet value's posting list and the date slot of `db` (the
  // local index plus any further local databases). `key` names the contents
  // (EngineContext::revision_key). May throw Xapian::Error.
  static std::shared_ptr<const DocSets> Build(const Xapian::Database& db, std::string key);

  // The sets of `db` made from `base`, the sets of an earlier revision of the
  // same single database, by reading only the documents added since: those
  // with docids above base.last_docid(). Right only when every commit since
  // base's revision added documents and changed none (the writer records
  // this as schema::kMetaAppendSince; the caller checks it). A new article
  // every second would otherwise rebuild every bitmap every second. Null
  // when the values outgrow the postings' 16-bit indexes (build afresh).
  // May throw Xapian::Error.
  static std::shared_ptr<const DocSets> Extend(const DocSets& base, const Xapian::Database& db,
                                               std::string key);

  const std::string& key() const { return key_; }
  Xapian::docid last_docid() const { return last_; }
  const Bitmap& all() const { return all_; }
  Bitmap Empty() const { return Bitmap(last_); }

  // The documents passing `filters` (every facet filter and the date range),
  // optionally within `within`; `except` leaves that facet's filter out.
  Bitmap Select(const Filters& filters, const Bitmap* within,
                const schema::FacetDef* except = nullptr) const;

  // The documents some count can see: those within the date range that fail
  // at most one facet filter (a selected facet counts without its own).
  Bitmap Countable(const Filters& filters) const;

  // For each value of `facet` (or of the month timeline when facet is null),
  // the number of documents of `mask` holding it; zero counts are left out.
  ValueCounts Count(const schema::FacetDef* facet, const Bitmap& mask) const;

  // The documents holding `id` of `facet`; null when no document does.
  const Bitmap* ValueDocs(const schema::FacetDef& facet, std::string_view id) const {
    for (const Value& v : ValuesOf(&facet))
      if (v.id == id) return &v.docs;
    return nullptr;
  }
  // YYYYMMDD by docid (0 = undated), for every docid up to last_docid().
  const std::vector<uint32_t>& dates() const { return dates_; }

  // All documents, newest first (oldest first when !newest) by sort time
  // (schema::kSlotSortTime: the date, or the first-seen time when undated),
  // ties by ascending docid, as Xapian's value sort does.
  const std::vector<Xapian::docid>& Order(bool newest) const { return newest ? newest_ : oldest_; }

 private:
  struct Value {
    std::string id;  // as in the API: "hangzhou", "en", "2024", "2024-03"
    Bitmap docs;
  };

  DocSets() = default;
  void BuildPostings();
  const std::vector<Value>& ValuesOf(const schema::FacetDef* facet) const;
  // Documents holding any of `ids` of `facet`.
  Bitmap AnyOf(const schema::FacetDef& facet, const std::vector<std::string>& ids) const;
  Bitmap DateRange(const Filters& filters) const;  // all_ when the range is open

  std::string key_;
  Xapian::docid last_ = 0;
  Bitmap all_;
  std::vector<std::vector<Value>> values_;  // parallel to schema::kFacets, then the months
  // The same postings by document, for counting small sets without a pass
  // over every value's bitmap: document d's (facet, value) indexes are
  // entries_[offsets_[d] .. offsets_[d + 1]).
  struct Entry {
    uint8_t facet;
    uint16_t value;
  };
  std::vector<uint32_t> offsets_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> dates_;  // YYYYMMDD by docid; 0 = undated
  std::vector<uint64_t> times_;  // sort time (YYYYMMDDhhmmss) by docid; 0 = none
  std::vector<Xapian::docid> newest_, oldest_;
};

// A bitmap as a Xapian posting list, to restrict a match to its documents
// (Query::OP_FILTER) before positional checks run. Local databases only.
class BitmapSource : public Xapian::PostingSource {
 public:
  explicit BitmapSource(const Bitmap* docs);
  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return count_; }
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return at_ == 0 && started_; }
  Xapian::docid get_docid() const override { return at_; }
  BitmapSource* clone() const override { return new BitmapSource(docs_); }
  std::string get_description() const override;

 private:
  const Bitmap* docs_;
  Xapian::doccount count_;
  Xapian::docid at_ = 0;
  bool started_ = false;
};

// Records every document a match visits into a bitmap, and lets through only
// those in `filter` (null: all). With check_at_least = doccount the matcher
// hands it every document matching the query, so one unfiltered match yields
// both the query's full match set and the filtered ranking.
class DocSetDecider : public Xapian::MatchDecider {
 public:
  DocSetDecider(Bitmap* matches, const Bitmap* filter) : matches_(matches), filter_(filter) {}
  bool operator()(const Xapian::Document& doc) const override;

 private:
  Bitmap* matches_;
  const Bitmap* filter_;
};

}  // namespace longjing::search
