// Near-duplicate detection: a MinHash fingerprint of each article's text,
// locality-sensitive bands that find candidates through the index, and the
// similarity that decides. docs/duplicates.md gives the reasons and figures.
//
// Thread-safety: the functions are pure; call them from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace longjing {

// Hash functions of the fingerprint, and its bands: band b is the pair of
// hashes 2b, 2b+1 (kDupBands * 2 <= kDupHashes).
inline constexpr size_t kDupHashes = 64;
inline constexpr size_t kDupBands = 32;
// Words (Latin) or characters (CJK) per shingle.
inline constexpr size_t kWordShingle = 3;
inline constexpr size_t kCjkShingle = 4;
// Texts with fewer distinct shingles get no fingerprint (and no group): a
// stub's few shingles say little about its being a copy.
inline constexpr size_t kMinShingles = 12;
// Two fingerprints this similar (estimated Jaccard similarity of the
// shingle sets) are near-duplicates.
inline constexpr double kNearDuplicate = 0.25;

struct Fingerprint {
  std::array<uint16_t, kDupHashes> h{};
  bool operator==(const Fingerprint&) const = default;
};

// The shingles' 64-bit hashes, distinct, of `text` after folding (case,
// accents, Traditional -> Simplified): kWordShingle-word shingles over the
// runs of Latin words, kCjkShingle-character shingles over runs of CJK
// characters. Digits count as words; punctuation separates nothing.
std::vector<uint64_t> ShingleHashes(std::string_view text);

// nullopt when the text has fewer than kMinShingles shingles.
std::optional<Fingerprint> ComputeFingerprint(std::string_view text);

// The share of equal hashes, in [0, 1]: an unbiased estimate of the Jaccard
// similarity of the two shingle sets.
double Similarity(const Fingerprint& a, const Fingerprint& b);
inline bool AreNearDuplicates(const Fingerprint& a, const Fingerprint& b) {
  return Similarity(a, b) >= kNearDuplicate;
}

// The value slot's bytes (schema::kSlotDupSig) and back; nullopt for bytes
// of the wrong size (an empty value: no fingerprint).
std::string EncodeFingerprint(const Fingerprint& f);
std::optional<Fingerprint> DecodeFingerprint(std::string_view bytes);

// Band b's value: hashes 2b and 2b+1. REQUIRES: b < kDupBands.
uint32_t BandValue(const Fingerprint& f, size_t b);

}  // namespace longjing
