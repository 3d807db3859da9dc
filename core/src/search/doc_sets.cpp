#include "search/doc_sets.h"

#include <algorithm>
#include <iterator>

#include "search/query_builder.h"

namespace longjing::search {
namespace {

namespace s = schema;

// The month timeline is kept after the schema's facets.
constexpr size_t kMonthIndex = s::kFacets.size();
// The term prefix of values_[f], and a term's value id there (Build and
// Extend read the same terms).
std::string_view PrefixOf(size_t f) {
  return f == kMonthIndex ? s::kPrefixMonth : s::kFacets[f].prefix;
}
std::string ValueIdOf(size_t f, std::string_view term) {
  return f == kMonthIndex ? s::MonthOfTerm(term) : s::ValueOfTerm(term, PrefixOf(f));
}

// Counting by walking a set's postings costs about this many bitmap words
// per member (finding the member, then its ~8 postings).
constexpr uint64_t kSparseCost = 16;

// The counting loops are the searcher's innermost ones: use the CPU's
// popcount instruction where it has one (every x86-64 since 2008), while the
// binary still runs on the baseline.
#if defined(__x86_64__) && defined(__GNUC__)
#define LONGJING_POPCOUNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define LONGJING_POPCOUNT_CLONES
#endif

LONGJING_POPCOUNT_CLONES
uint64_t PopCount(const uint64_t* a, size_t n) {
  uint64_t total = 0;
  for (size_t i = 0; i < n; ++i) total += static_cast<uint64_t>(__builtin_popcountll(a[i]));
  return total;
}

LONGJING_POPCOUNT_CLONES
uint64_t PopCountAnd(const uint64_t* a, const uint64_t* b, size_t n) {
  uint64_t total = 0;
  for (size_t i = 0; i < n; ++i) total += static_cast<uint64_t>(__builtin_popcountll(a[i] & b[i]));
  return total;
}

// Exactly `digits` decimal digits -> their number; 0 for anything else.
uint64_t ParseDigits(std::string_view v, size_t digits) {
  if (v.size() != digits) return 0;
  uint64_t out = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return 0;
    out = out * 10 + static_cast<uint64_t>(c - '0');
  }
  return out;
}

// "20240315" -> 20240315; 0 for anything else (undated).
uint32_t ParseDate(std::string_view v) { return static_cast<uint32_t>(ParseDigits(v, 8)); }

// "YYYYMMDDhhmmss" -> that number; 0 for anything else. Text of 14 digits
// sorts as its number, so this order is Xapian's order of the slot.
uint64_t ParseSortTime(std::string_view v) { return ParseDigits(v, 14); }

}  // namespace

// ---- Bitmap ------------------------------------------------------------------

void Bitmap::And(const Bitmap& other) {
  for (size_t i = 0; i < words_.size(); ++i) words_[i] &= other.words_[i];
}

void Bitmap::Or(const Bitmap& other) {
  for (size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
}

uint64_t Bitmap::Count() const { return PopCount(words_.data(), words_.size()); }

Xapian::docid Bitmap::NextFrom(Xapian::docid d) const {
  size_t w = d >> 6;
  if (w >= words_.size()) return 0;
  uint64_t bits = words_[w] & (~uint64_t{0} << (d & 63));
  while (bits == 0) {
    if (++w == words_.size()) return 0;
    bits = words_[w];
  }
  return static_cast<Xapian::docid>((w << 6) + static_cast<size_t>(__builtin_ctzll(bits)));
}

uint64_t Bitmap::CountAnd(const Bitmap& other) const {
  return PopCountAnd(words_.data(), other.words_.data(),
                     std::min(words_.size(), other.words_.size()));
}

// ---- DocSets -----------------------------------------------------------------

std::shared_ptr<const DocSets> DocSets::Build(const Xapian::Database& db, std::string key) {
  std::shared_ptr<DocSets> sets(new DocSets());
  sets->key_ = std::move(key);
  sets->last_ = db.get_lastdocid();
  sets->all_ = Bitmap(sets->last_);
  std::vector<Xapian::docid>& newest = sets->newest_;  // sorted below
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    sets->all_.Set(*p);
    newest.push_back(*p);
  }

  sets->values_.resize(kMonthIndex + 1);
  for (size_t f = 0; f <= kMonthIndex; ++f) {
    const std::string prefix(PrefixOf(f));
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      Value v{ValueIdOf(f, *t), Bitmap(sets->last_)};
      for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) v.docs.Set(*p);
      sets->values_[f].push_back(std::move(v));
    }
  }

  // Value indexes are 16-bit: a taxonomy beyond that counts by bitmaps only.
  if (std::all_of(sets->values_.begin(), sets->values_.end(),
                  [](const std::vector<Value>& v) { return v.size() <= UINT16_MAX; }))
    sets->BuildPostings();

  sets->dates_.assign(static_cast<size_t>(sets->last_) + 1, 0);
  for (auto v = db.valuestream_begin(s::kSlotDate); v != db.valuestream_end(s::kSlotDate); ++v)
    sets->dates_[v.get_docid()] = ParseDate(*v);
  // The orders follow the sort time (the date, or the first-seen time when
  // undated), as Xapian's sort on kSlotSortTime does; 0 (no value) sorts lowest.
  std::vector<uint64_t>& times = sets->times_;
  times.assign(static_cast<size_t>(sets->last_) + 1, 0);
  for (auto v = db.valuestream_begin(s::kSlotSortTime); v != db.valuestream_end(s::kSlotSortTime);
       ++v)
    times[v.get_docid()] = ParseSortTime(*v);

  // Xapian's value sort breaks ties between equal values by ascending docid,
  // in both directions; so do these orders.
  std::vector<Xapian::docid>& oldest = sets->oldest_ = newest;
  std::stable_sort(newest.begin(), newest.end(),
                   [&times](Xapian::docid a, Xapian::docid b) { return times[a] > times[b]; });
  std::stable_sort(oldest.begin(), oldest.end(),
                   [&times](Xapian::docid a, Xapian::docid b) { return times[a] < times[b]; });
  return sets;
}

std::shared_ptr<const DocSets> DocSets::Extend(const DocSets& base, const Xapian::Database& db,
                                               std::string key) {
  const Xapian::docid last = db.get_lastdocid();
  // Without postings rows the values outgrew 16-bit indexes: build afresh.
  if (last < base.last_ || base.offsets_.empty()) return nullptr;
  std::shared_ptr<DocSets> sets(new DocSets());
  sets->key_ = std::move(key);
  sets->last_ = last;
  sets->all_ = Bitmap(base.all_, last);
  sets->values_.resize(base.values_.size());
  // Value ids to their indexes, for the new documents' terms.
  std::vector<std::unordered_map<std::string, uint16_t>> index(base.values_.size());
  for (size_t f = 0; f < base.values_.size(); ++f) {
    for (const Value& v : base.values_[f]) {
      index[f].emplace(v.id, static_cast<uint16_t>(sets->values_[f].size()));
      sets->values_[f].push_back({v.id, Bitmap(v.docs, last)});
    }
  }
  sets->entries_ = base.entries_;
  sets->offsets_ = base.offsets_;
  sets->offsets_.resize(static_cast<size_t>(last) + 2, base.offsets_.back());
  sets->dates_ = base.dates_;
  sets->dates_.resize(static_cast<size_t>(last) + 1, 0);
  sets->times_ = base.times_;
  sets->times_.resize(static_cast<size_t>(last) + 1, 0);

  std::vector<Xapian::docid> added;
  for (Xapian::docid d = base.last_ + 1; d <= last; ++d) {
    sets->offsets_[d + 1] = sets->offsets_[d];
    Xapian::Document doc;
    try {
      doc = db.get_document(d);
    } catch (const Xapian::DocNotFoundError&) {
      continue;  // added and deleted again since: never seen
    }
    sets->all_.Set(d);
    added.push_back(d);
    // Every prefixed term of a facet (or the month timeline), as Build reads
    // them from the term list: each value's bitmap and the document's row.
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string& term = *t;
      if (term.empty() || term[0] != 'X') continue;
      for (size_t f = 0; f <= kMonthIndex; ++f) {
        std::string_view prefix = PrefixOf(f);
        if (term.compare(0, prefix.size(), prefix) != 0) continue;
        std::string id = ValueIdOf(f, term);
        auto [it, fresh] = index[f].emplace(id, static_cast<uint16_t>(sets->values_[f].size()));
        if (fresh) {
          if (sets->values_[f].size() >= UINT16_MAX) return nullptr;
          sets->values_[f].push_back({id, Bitmap(last)});
        }
        sets->values_[f][it->second].docs.Set(d);
        sets->entries_.push_back({static_cast<uint8_t>(f), it->second});
        ++sets->offsets_[d + 1];
      }
    }
    sets->dates_[d] = ParseDate(doc.get_value(s::kSlotDate));
    sets->times_[d] = ParseSortTime(doc.get_value(s::kSlotSortTime));
  }

  // The new documents merged into both orders. Ties keep ascending docids, as
  // Build's stable sorts do: every new docid is above every earlier one, and
  // std::merge takes from its first range on a tie.
  const std::vector<uint64_t>& times = sets->times_;
  auto newer = [&times](Xapian::docid a, Xapian::docid b) { return times[a] > times[b]; };
  auto older = [&times](Xapian::docid a, Xapian::docid b) { return times[a] < times[b]; };
  std::vector<Xapian::docid> fresh = added;
  std::stable_sort(fresh.begin(), fresh.end(), newer);
  sets->newest_.reserve(base.newest_.size() + fresh.size());
  std::merge(base.newest_.begin(), base.newest_.end(), fresh.begin(), fresh.end(),
             std::back_inserter(sets->newest_), newer);
  std::stable_sort(added.begin(), added.end(), older);
  sets->oldest_.reserve(base.oldest_.size() + added.size());
  std::merge(base.oldest_.begin(), base.oldest_.end(), added.begin(), added.end(),
             std::back_inserter(sets->oldest_), older);
  return sets;
}

// Documents' postings, counted and then filled in (compressed rows).
void DocSets::BuildPostings() {
  offsets_.assign(static_cast<size_t>(last_) + 2, 0);
  auto each_posting = [this](auto&& fn) {
    for (size_t f = 0; f < values_.size(); ++f)
      for (size_t v = 0; v < values_[f].size(); ++v) {
        const Bitmap& docs = values_[f][v].docs;
        for (Xapian::docid d = docs.NextFrom(1); d != 0; d = docs.NextFrom(d + 1)) fn(f, v, d);
      }
  };
  each_posting([this](size_t, size_t, Xapian::docid d) { ++offsets_[d + 1]; });
  for (size_t d = 1; d < offsets_.size(); ++d) offsets_[d] += offsets_[d - 1];
  entries_.resize(offsets_.back());
  std::vector<uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  each_posting([this, &fill](size_t f, size_t v, Xapian::docid d) {
    entries_[fill[d]++] = {static_cast<uint8_t>(f), static_cast<uint16_t>(v)};
  });
}

const std::vector<DocSets::Value>& DocSets::ValuesOf(const s::FacetDef* facet) const {
  return values_[facet ? static_cast<size_t>(facet - s::kFacets.data()) : kMonthIndex];
}

Bitmap DocSets::AnyOf(const s::FacetDef& facet, const std::vector<std::string>& ids) const {
  Bitmap out(last_);
  for (const Value& v : ValuesOf(&facet))
    if (std::find(ids.begin(), ids.end(), v.id) != ids.end()) out.Or(v.docs);
  return out;
}

Bitmap DocSets::DateRange(const Filters& filters) const {
  if (filters.from.empty() && filters.to.empty()) return all_;
  uint32_t from = filters.from.empty() ? 1 : ParseDate(filters.from);
  uint32_t to = filters.to.empty() ? UINT32_MAX : ParseDate(filters.to);
  Bitmap range(last_);
  for (Xapian::docid d = 1; d <= last_; ++d)
    if (dates_[d] >= from && dates_[d] <= to) range.Set(d);
  return range;
}

Bitmap DocSets::Select(const Filters& filters, const Bitmap* within,
                       const s::FacetDef* except) const {
  Bitmap out = DateRange(filters);
  if (within) out.And(*within);
  for (const FacetFilter& f : filters.facets)
    if (f.facet != except) out.And(AnyOf(*f.facet, f.values));
  return out;
}

Bitmap DocSets::Countable(const Filters& filters) const {
  Bitmap out = DateRange(filters);
  if (filters.facets.size() < 2) return out;
  std::vector<Bitmap> groups;
  for (const FacetFilter& f : filters.facets) groups.push_back(AnyOf(*f.facet, f.values));
  Bitmap any = Empty();
  for (size_t i = 0; i < groups.size(); ++i) {
    Bitmap others = all_;
    for (size_t j = 0; j < groups.size(); ++j)
      if (j != i) others.And(groups[j]);
    any.Or(others);
  }
  out.And(any);
  return out;
}

ValueCounts DocSets::Count(const s::FacetDef* facet, const Bitmap& mask) const {
  ValueCounts out;
  const std::vector<Value>& values = ValuesOf(facet);
  uint64_t members = mask.Count();
  if (members == 0 || values.empty()) return out;
  // A few matches: walk their postings rather than AND every value's bitmap.
  if (!offsets_.empty() && members * kSparseCost < values.size() * mask.words()) {
    size_t f = facet ? static_cast<size_t>(facet - s::kFacets.data()) : kMonthIndex;
    std::vector<uint64_t> tally(values.size(), 0);
    for (Xapian::docid d = mask.NextFrom(1); d != 0; d = mask.NextFrom(d + 1)) {
      if (d + 1 >= offsets_.size()) break;  // past the end
      for (uint32_t e = offsets_[d]; e < offsets_[d + 1]; ++e)
        if (entries_[e].facet == f) ++tally[entries_[e].value];
    }
    for (size_t v = 0; v < values.size(); ++v)
      if (tally[v]) out[values[v].id] = tally[v];
    return out;
  }
  for (const Value& v : values)
    if (uint64_t n = v.docs.CountAnd(mask)) out[v.id] = n;
  return out;
}

// ---- BitmapSource ------------------------------------------------------------

BitmapSource::BitmapSource(const Bitmap* docs)
    : docs_(docs), count_(static_cast<Xapian::doccount>(docs->Count())) {}

void BitmapSource::init(const Xapian::Database&) {
  at_ = 0;
  started_ = false;
}

void BitmapSource::next(double) {
  at_ = docs_->NextFrom(started_ ? at_ + 1 : 1);
  started_ = true;
}

void BitmapSource::skip_to(Xapian::docid did, double) {
  if (started_ && (at_ == 0 || did <= at_)) return;
  at_ = docs_->NextFrom(did);
  started_ = true;
}

std::string BitmapSource::get_description() const {
  return "BitmapSource(" + std::to_string(count_) + " documents)";
}

// ---- DocSetDecider -----------------------------------------------------------

bool DocSetDecider::operator()(const Xapian::Document& doc) const {
  Xapian::docid d = doc.get_docid();
  if (d >> 6 >= matches_->words()) return false;  // newer than the sets: not countable
  matches_->Set(d);
  return !filter_ || filter_->Test(d);
}

}  // namespace longjing::search
