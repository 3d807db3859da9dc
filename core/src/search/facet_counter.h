// Internal to the searcher: exact facet counts in one pass over the matches.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace longjing::search {

// value -> number of matching documents holding it.
using ValueCounts = std::unordered_map<std::string, uint64_t>;

// How a slot's value becomes facet values.
enum class SlotMode : uint8_t {
  kWhole = 0,  // the value is one facet value ("en", "2025")
  kSplit = 1,  // '\n'-separated ids ("beijing\nshanghai"), each counted once
  kMonth = 2,  // a YYYYMMDD date, counted as "YYYY-MM"
};

struct SlotSpec {
  Xapian::valueno slot;
  SlotMode mode;
};

// A MatchSpy counting, for each of its slots, every facet value of every
// document it sees (Enquire::get_mset with check_at_least = doccount makes
// that every match). Serialisable, so it also runs inside remote shards whose
// server registers it (Xapian::Registry::register_match_spy); the results are
// merged with merge_results().
//
// Thread-safety: as any MatchSpy, one Enquire at a time.
class FacetCounter : public Xapian::MatchSpy {
 public:
  explicit FacetCounter(std::vector<SlotSpec> specs);

  void operator()(const Xapian::Document& doc, double wt) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string serialise() const override;
  Xapian::MatchSpy* unserialise(const std::string& serialised,
                                const Xapian::Registry& context) const override;
  std::string serialise_results() const override;
  void merge_results(const std::string& serialised) override;
  std::string get_description() const override;

  const std::vector<SlotSpec>& specs() const { return specs_; }
  // Counts for specs()[i].
  const ValueCounts& counts(size_t i) const { return counts_[i]; }
  uint64_t documents() const { return documents_; }

 private:
  std::vector<SlotSpec> specs_;
  std::vector<ValueCounts> counts_;
  uint64_t documents_ = 0;
};

// Adds the facet values one slot value holds to `counts`, per `mode`.
void CountSlotValue(std::string_view value, SlotMode mode, uint64_t times, ValueCounts& counts);

// Counts facet values for a set of slots during one Enquire::get_mset().
// Uses a FacetCounter, or -- when stock xapian-tcpsrv shards take part, which
// cannot unserialise a custom spy -- one Xapian::ValueCountMatchSpy per slot,
// whose whole-value counts are split afterwards (exact too, since a document
// never holds one id twice).
class FacetTally {
 public:
  // remote_only (with stock_spies): every document is on a remote shard. Xapian
  // 1.4 merges each shard's counts into the spies and also shows them some of
  // the shards' page documents as the local matcher merges the pages, which
  // a stock spy counts a second time. With remote_only the spies count only
  // what the shards send (one pass, exact); without it, a search that wants
  // a page and exact counts must count in a get_mset of no documents.
  FacetTally(std::vector<SlotSpec> specs, bool stock_spies, bool remote_only = false);
  // Adds the spies to `enquire`; they must stay attached until get_mset returns.
  void Attach(Xapian::Enquire& enquire);
  // Counts for the i-th spec, once get_mset has run.
  ValueCounts Counts(size_t i) const;
  size_t size() const { return specs_.size(); }

 private:
  std::vector<SlotSpec> specs_;
  bool stock_;
  std::unique_ptr<FacetCounter> counter_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> stock_spies_;
};

}  // namespace longjing::search
