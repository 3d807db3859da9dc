// Language identification (CLD2). Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace longjing {

// DetectLanguage reads only this much of its text: CLD2 is confident after a
// few kilobytes, and the rest of a long article only costs time (8 KB
// samples made CLD2 6 % of indexing).
inline constexpr size_t kLanguageSampleBytes = 3072;

// ISO 639-1 code of the text's main language ("en", "fr", "zh", ...), or ""
// when CLD2 cannot tell (too short, mixed, or unknown).
std::string DetectLanguage(std::string_view text);

// Normalises an explicit code ("EN", "fr-FR", "zh-Hant", "zh-CN" -> "en", "fr", "zh").
// Returns "" for a code Longjing does not know.
std::string NormalizeLanguageCode(std::string_view code);

// The Xapian stemmer name for a code ("en" -> "english"), "" when none or
// when the linked Xapian lacks it (Greek in 1.4): always safe for Xapian::Stem.
std::string StemmerName(std::string_view lang);

}  // namespace longjing
