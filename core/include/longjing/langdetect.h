// Language identification (CLD2). Thread-safe.
#pragma once

#include <array>
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

// The languages Longjing knows by code: the one list behind language
// detection, stemming, the facet's display names and the catalogue that
// /api/taxonomy serves. Chinese, Japanese and Korean have no stemmer: they
// are indexed through CJK n-grams.
struct KnownLanguage {
  std::string_view code;     // ISO 639-1
  std::string_view name;     // in the language itself
  std::string_view stemmer;  // Xapian::Stem name, "" for none
};
inline constexpr std::array<KnownLanguage, 24> kLanguages = {{
    {"en", "English", "english"},
    {"fr", "Français", "french"},
    {"zh", "中文", ""},
    {"de", "Deutsch", "german"},
    {"es", "Español", "spanish"},
    {"it", "Italiano", "italian"},
    {"pt", "Português", "portuguese"},
    {"nl", "Nederlands", "dutch"},
    {"ru", "Русский", "russian"},
    {"sv", "Svenska", "swedish"},
    {"no", "Norsk", "norwegian"},
    {"da", "Dansk", "danish"},
    {"fi", "Suomi", "finnish"},
    {"hu", "Magyar", "hungarian"},
    {"ro", "Română", "romanian"},
    {"tr", "Türkçe", "turkish"},
    {"ar", "العربية", "arabic"},
    {"ja", "日本語", ""},
    {"ko", "한국어", ""},
    {"ca", "Català", "catalan"},
    {"id", "Bahasa Indonesia", "indonesian"},
    {"ga", "Gaeilge", "irish"},
    {"lt", "Lietuvių", "lithuanian"},
    {"el", "Ελληνικά", "greek"},
}};
// The code articles get when no language is known.
inline constexpr std::string_view kUnknownLanguage = "und";

// Display name of a code: "en" -> "English", "zh" -> "中文", "und" ->
// "Unknown"; the code itself when Longjing does not know it.
std::string LanguageName(std::string_view code);

}  // namespace longjing
