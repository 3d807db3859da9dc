#include "longjing/langdetect.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "longjing/text.h"

namespace CLD2 {
// Declared in cld2/internal/lang_script.h, which does not compile on its own.
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace longjing {
namespace {

const KnownLanguage* Find(std::string_view code) {
  for (const auto& l : kLanguages)
    if (code == l.code) return &l;
  return nullptr;
}

// Cuts at a code point boundary so CLD2 never sees half a character.
size_t Utf8Prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return s.size();
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

std::string DetectLanguage(std::string_view text) {
  size_t n = Utf8Prefix(text, kLanguageSampleBytes);
  // CLD2 answers English for no text at all; there is nothing to tell.
  if (text::Trim(text.substr(0, n)).empty()) return "";
  bool reliable = false;
  int valid_prefix = 0;
  CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(
      text.data(), static_cast<int>(n), /*is_plain_text=*/true, &reliable, &valid_prefix);
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return "";
  return NormalizeLanguageCode(CLD2::LanguageCode(lang));
}

std::string NormalizeLanguageCode(std::string_view code) {
  std::string c;
  for (char ch : code) {
    if (ch == '-' || ch == '_') break;
    c += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (c == "eng") c = "en";
  if (c == "fra" || c == "fre") c = "fr";
  if (c == "zho" || c == "chi") c = "zh";
  return Find(c) ? c : "";
}

std::string StemmerName(std::string_view lang) {
  // Xapian 1.4 has no Greek stemmer (1.5 has): naming one the linked library
  // lacks makes Xapian::Stem throw, which failed whole index builds.
  static const std::string available = Xapian::Stem::get_available_languages() + " ";
  const KnownLanguage* l = Find(lang);
  if (!l || l->stemmer.empty()) return "";
  std::string word(l->stemmer);
  word += ' ';
  size_t at = available.find(word);
  // Whole words only: "english" must not match inside "earlyenglish".
  while (at != std::string::npos && at > 0 && available[at - 1] != ' ')
    at = available.find(word, at + 1);
  return at == std::string::npos ? "" : std::string(l->stemmer);
}

std::string LanguageName(std::string_view code) {
  if (code == kUnknownLanguage) return "Unknown";
  const KnownLanguage* l = Find(code);
  return std::string(l ? l->name : code);
}

}  // namespace longjing
