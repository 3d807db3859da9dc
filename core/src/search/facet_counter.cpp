#include "search/facet_counter.h"

#include <string_view>

namespace longjing::search {
namespace {

// Wire format (serialise / serialise_results): unsigned LEB128 varints and
// length-prefixed strings, all within this file.
void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

uint64_t GetVarint(std::string_view& in) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) throw Xapian::SerialisationError("FacetCounter: truncated data");
    auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
  throw Xapian::SerialisationError("FacetCounter: bad varint");
}

std::string_view GetBytes(std::string_view& in) {
  uint64_t n = GetVarint(in);
  if (n > in.size()) throw Xapian::SerialisationError("FacetCounter: truncated string");
  std::string_view s = in.substr(0, n);
  in.remove_prefix(n);
  return s;
}

}  // namespace

void CountSlotValue(std::string_view value, SlotMode mode, uint64_t times, ValueCounts& counts) {
  if (value.empty()) return;
  switch (mode) {
    case SlotMode::kWhole:
      counts[std::string(value)] += times;
      return;
    case SlotMode::kMonth:
      if (value.size() >= 6)
        counts[std::string(value.substr(0, 4)) + "-" + std::string(value.substr(4, 2))] += times;
      return;
    case SlotMode::kSplit:
      while (!value.empty()) {
        size_t nl = value.find('\n');
        std::string_view id = value.substr(0, nl);
        if (!id.empty()) counts[std::string(id)] += times;
        if (nl == std::string_view::npos) break;
        value.remove_prefix(nl + 1);
      }
      return;
  }
}

FacetCounter::FacetCounter(std::vector<SlotSpec> specs)
    : specs_(std::move(specs)), counts_(specs_.size()) {}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
  ++documents_;
  for (size_t i = 0; i < specs_.size(); ++i)
    CountSlotValue(doc.get_value(specs_[i].slot), specs_[i].mode, 1, counts_[i]);
}

Xapian::MatchSpy* FacetCounter::clone() const { return new FacetCounter(specs_); }

std::string FacetCounter::name() const { return "Longjing::FacetCounter"; }

std::string FacetCounter::serialise() const {
  std::string out;
  PutVarint(out, specs_.size());
  for (const SlotSpec& s : specs_) {
    PutVarint(out, s.slot);
    PutVarint(out, static_cast<uint64_t>(s.mode));
  }
  return out;
}

Xapian::MatchSpy* FacetCounter::unserialise(const std::string& serialised,
                                            const Xapian::Registry&) const {
  std::string_view in = serialised;
  uint64_t n = GetVarint(in);
  std::vector<SlotSpec> specs;
  for (uint64_t i = 0; i < n; ++i) {
    auto slot = static_cast<Xapian::valueno>(GetVarint(in));
    uint64_t mode = GetVarint(in);
    if (mode > static_cast<uint64_t>(SlotMode::kMonth))
      throw Xapian::SerialisationError("FacetCounter: unknown slot mode");
    specs.push_back({slot, static_cast<SlotMode>(mode)});
  }
  if (!in.empty()) throw Xapian::SerialisationError("FacetCounter: junk after parameters");
  return new FacetCounter(std::move(specs));
}

std::string FacetCounter::serialise_results() const {
  std::string out;
  PutVarint(out, documents_);
  for (const ValueCounts& counts : counts_) {
    PutVarint(out, counts.size());
    for (const auto& [value, n] : counts) {
      PutVarint(out, value.size());
      out += value;
      PutVarint(out, n);
    }
  }
  return out;
}

void FacetCounter::merge_results(const std::string& serialised) {
  std::string_view in = serialised;
  documents_ += GetVarint(in);
  for (ValueCounts& counts : counts_) {
    uint64_t entries = GetVarint(in);
    for (uint64_t e = 0; e < entries; ++e) {
      std::string_view value = GetBytes(in);
      counts[std::string(value)] += GetVarint(in);
    }
  }
  if (!in.empty()) throw Xapian::SerialisationError("FacetCounter: junk after results");
}

std::string FacetCounter::get_description() const {
  return "FacetCounter(" + std::to_string(specs_.size()) + " slots, " + std::to_string(documents_) +
         " documents)";
}

// ---- FacetTally --------------------------------------------------------------

namespace {

// A ValueCountMatchSpy to xapian-tcpsrv (same name, same serialisation) that
// ignores the documents the local matcher shows it: with every document on a
// remote shard, the shards' merged counts are the whole count.
class ShardCountsSpy : public Xapian::ValueCountMatchSpy {
 public:
  explicit ShardCountsSpy(Xapian::valueno slot) : Xapian::ValueCountMatchSpy(slot), slot_(slot) {}
  void operator()(const Xapian::Document&, double) override {}
  Xapian::MatchSpy* clone() const override { return new ShardCountsSpy(slot_); }

 private:
  Xapian::valueno slot_;
};

}  // namespace

FacetTally::FacetTally(std::vector<SlotSpec> specs, bool stock_spies, bool remote_only)
    : specs_(std::move(specs)), stock_(stock_spies) {
  if (!stock_) {
    counter_ = std::make_unique<FacetCounter>(specs_);
    return;
  }
  for (const SlotSpec& s : specs_) {
    if (remote_only)
      stock_spies_.push_back(std::make_unique<ShardCountsSpy>(s.slot));
    else
      stock_spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s.slot));
  }
}

void FacetTally::Attach(Xapian::Enquire& enquire) {
  if (specs_.empty()) return;
  if (counter_) enquire.add_matchspy(counter_.get());
  for (auto& spy : stock_spies_) enquire.add_matchspy(spy.get());
}

ValueCounts FacetTally::Counts(size_t i) const {
  if (counter_) return counter_->counts(i);
  ValueCounts out;
  const Xapian::ValueCountMatchSpy& spy = *stock_spies_[i];
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
    CountSlotValue(*v, specs_[i].mode, v.get_termfreq(), out);
  return out;
}

}  // namespace longjing::search
