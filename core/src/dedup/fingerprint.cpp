#include <xxhash.h>

#include <algorithm>
#include <limits>

#include "longjing/duplicates.h"
#include "longjing/text.h"

namespace longjing {
namespace {

// SplitMix64's finaliser: spreads a multiply-add's bits over the word, so
// that the kDupHashes permutations of one shingle hash behave independently.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

struct Seeds {
  std::array<uint64_t, kDupHashes> a{}, b{};
  Seeds() {
    uint64_t s = 0x6c6f6e676a696e67ULL;  // fixed: fingerprints must not change between runs
    for (size_t i = 0; i < kDupHashes; ++i) {
      a[i] = Mix(s += 0x9e3779b97f4a7c15ULL) | 1;
      b[i] = Mix(s += 0x9e3779b97f4a7c15ULL);
    }
  }
};

const Seeds& TheSeeds() {
  static const Seeds seeds;
  return seeds;
}

uint64_t Combine(const std::vector<uint64_t>& tokens, size_t from, size_t n) {
  uint64_t h = 0x9ae16a3b2f90404fULL;
  for (size_t i = from; i < from + n; ++i) h = Mix(h ^ tokens[i]) + i - from;
  return h;
}

// Shingles of one run of tokens; a run shorter than a shingle is one shingle.
void AddShingles(std::vector<uint64_t>& tokens, size_t width, std::vector<uint64_t>& out) {
  if (tokens.empty()) return;
  if (tokens.size() < width) {
    out.push_back(Combine(tokens, 0, tokens.size()));
  } else {
    for (size_t i = 0; i + width <= tokens.size(); ++i) out.push_back(Combine(tokens, i, width));
  }
  tokens.clear();
}

}  // namespace

std::vector<uint64_t> ShingleHashes(std::string_view raw) {
  std::string folded = text::Fold(raw);
  std::string_view s = folded;
  std::vector<uint64_t> out, words, chars;
  std::string word;
  auto end_word = [&] {
    if (word.empty()) return;
    words.push_back(XXH3_64bits(word.data(), word.size()));
    word.clear();
  };
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    char32_t c = text::NextCodePoint(s, i);
    if (text::IsCjk(c)) {
      end_word();
      AddShingles(words, kWordShingle, out);
      chars.push_back(XXH3_64bits(s.data() + at, i - at));
    } else if (text::IsWordChar(c)) {
      AddShingles(chars, kCjkShingle, out);
      word.append(s.substr(at, i - at));
    } else {
      end_word();  // punctuation and spaces end a word, never a run of words
    }
  }
  end_word();
  AddShingles(words, kWordShingle, out);
  AddShingles(chars, kCjkShingle, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<Fingerprint> ComputeFingerprint(std::string_view text) {
  if (!text::IsValidUtf8(text)) return std::nullopt;
  std::vector<uint64_t> shingles = ShingleHashes(text);
  if (shingles.size() < kMinShingles) return std::nullopt;
  const Seeds& seeds = TheSeeds();
  std::array<uint64_t, kDupHashes> low;
  low.fill(std::numeric_limits<uint64_t>::max());
  for (uint64_t x : shingles)
    for (size_t i = 0; i < kDupHashes; ++i)
      low[i] = std::min(low[i], Mix(x * seeds.a[i] + seeds.b[i]));
  // The low 16 bits of each minimum (b-bit minwise hashing): uniform over
  // 65,536 values. The top 16 bits of a minimum over ~1,000 shingles are
  // mostly below 100, so unrelated articles' bands collided, and at 100k
  // articles every write read ~160 candidates through the band terms.
  Fingerprint f;
  for (size_t i = 0; i < kDupHashes; ++i) f.h[i] = static_cast<uint16_t>(low[i]);
  return f;
}

double Similarity(const Fingerprint& a, const Fingerprint& b) {
  size_t same = 0;
  for (size_t i = 0; i < kDupHashes; ++i) same += a.h[i] == b.h[i];
  return static_cast<double>(same) / kDupHashes;
}

std::string EncodeFingerprint(const Fingerprint& f) {
  std::string out(kDupHashes * 2, '\0');
  for (size_t i = 0; i < kDupHashes; ++i) {
    out[2 * i] = static_cast<char>(f.h[i] >> 8);
    out[2 * i + 1] = static_cast<char>(f.h[i] & 0xff);
  }
  return out;
}

std::optional<Fingerprint> DecodeFingerprint(std::string_view bytes) {
  if (bytes.size() != kDupHashes * 2) return std::nullopt;
  Fingerprint f;
  for (size_t i = 0; i < kDupHashes; ++i)
    f.h[i] = static_cast<uint16_t>((static_cast<unsigned char>(bytes[2 * i]) << 8) |
                                   static_cast<unsigned char>(bytes[2 * i + 1]));
  return f;
}

uint32_t BandValue(const Fingerprint& f, size_t b) {
  return (static_cast<uint32_t>(f.h[2 * b]) << 16) | f.h[2 * b + 1];
}

}  // namespace longjing
