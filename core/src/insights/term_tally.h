// Internal to the searcher: counts how many times each distinct string is
// added, for significant terms (insights_significant.cpp), where a sample's
// ~150,000 term occurrences pour in per request. A std::unordered_map of
// std::string spent most of the request allocating nodes and chasing
// pointers; this is one open-addressing table of small slots whose keys
// live in one arena, so an Add is a hash and, mostly, one cache line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace longjing::search {

class TermTally {
 public:
  // Room for about `expected` distinct keys before the table grows.
  explicit TermTally(size_t expected) {
    size_t slots = 16;
    while (slots < 2 * expected) slots *= 2;
    slots_.assign(slots, Slot{});
    arena_.reserve(expected * 8);
  }

  // Counts one more `key`. Keys of 2^16 bytes or more are ignored (terms are
  // at most 245 bytes).
  void Add(std::string_view key) {
    if (key.size() >= (1u << 16)) return;
    uint32_t hash = Hash(key);
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.count == 0) {
        s = {hash, 1, static_cast<uint32_t>(arena_.size()), static_cast<uint16_t>(key.size())};
        arena_.append(key);
        if (++size_ * 2 > slots_.size()) Grow();
        return;
      }
      if (s.hash == hash && Key(s) == key) {
        ++s.count;
        return;
      }
    }
  }

  size_t size() const { return size_; }

  // Calls fn(key, count) for every key added, in no particular order. The
  // views stay valid until the next Add.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Slot& s : slots_)
      if (s.count != 0) fn(Key(s), static_cast<uint64_t>(s.count));
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t count = 0;   // 0: empty
    uint32_t offset = 0;  // into arena_
    uint16_t length = 0;
  };

  // FNV-1a: terms are short, so a simple byte loop beats a block hash.
  static uint32_t Hash(std::string_view key) {
    uint32_t h = 2166136261u;
    for (unsigned char c : key) h = (h ^ c) * 16777619u;
    return h ^ (h >> 15);
  }

  std::string_view Key(const Slot& s) const { return {arena_.data() + s.offset, s.length}; }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.count == 0) continue;
      size_t i = s.hash & mask;
      while (slots_[i].count != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::string arena_;  // the keys, back to back
  size_t size_ = 0;
};

}  // namespace longjing::search
