// The Unicode-table half of text.h: folding, Traditional -> Simplified,
// script classes. The byte-level half is in text_basic.cpp.
//
// Everything for the Basic Multilingual Plane is precomputed into two
// 64K-entry tables on first use, so FoldCodePoint is one array lookup on the
// tagger's and the indexer's hot paths.
#include <spdlog/spdlog.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <opencc/SimpleConverter.hpp>
#include <vector>

#include "longjing/text.h"

namespace longjing::text {
namespace {

constexpr char32_t kBmpSize = 0x10000;
// OpenCC's data directory is searched for a bare file name.
constexpr const char* kOpenCcConfig = "t2s.json";

bool InHanRangesForOpenCc(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

bool IsCombiningMark(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

// Per-code-point Traditional -> Simplified for the BMP, from OpenCC's
// character table. Every ideograph goes on its own line so the phrase
// dictionary never sees two characters together; only one-to-one results
// are kept (the tables must preserve code point counts).
void FillSimplified(std::vector<char16_t>& table) {
  std::string input;
  input.reserve(30000 * 4);
  std::vector<char32_t> sources;
  for (char32_t c = 0x3400; c < kBmpSize; ++c) {
    if (!InHanRangesForOpenCc(c)) continue;
    if (!sources.empty()) input += '\n';
    AppendUtf8(input, c);
    sources.push_back(c);
  }
  std::string output;
  try {
    opencc::SimpleConverter converter(kOpenCcConfig);
    output = converter.Convert(input);
  } catch (const std::exception& e) {
    spdlog::error(
        "OpenCC {} unavailable ({}): Traditional Chinese will not be folded to Simplified",
        kOpenCcConfig, e.what());
    return;
  }
  size_t line = 0, pos = 0;
  while (pos <= output.size() && line < sources.size()) {
    size_t nl = output.find('\n', pos);
    if (nl == std::string::npos) nl = output.size();
    std::string_view piece(output.data() + pos, nl - pos);
    size_t i = 0;
    if (!piece.empty() && IsValidUtf8(piece)) {
      char32_t to = NextCodePoint(piece, i);
      if (i == piece.size() && to < kBmpSize) table[sources[line]] = static_cast<char16_t>(to);
    }
    ++line;
    pos = nl + 1;
  }
  if (line != sources.size())
    spdlog::error("OpenCC returned {} lines for {} characters: T->S table incomplete", line,
                  sources.size());
}

// Case fold, then keep the base of a canonical decomposition when the rest
// is combining marks ('é' = 'e' + U+0301 -> 'e'; also maps compatibility
// ideographs U+F900.. to their unified twins, which are singletons).
char32_t FoldCaseAndAccents(char32_t c, const icu::Normalizer2& nfd) {
  if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // fullwidth ASCII
  if (c == 0x2019 || c == 0x02BC) return '\'';
  if (c == 0x2010 || c == 0x2011) return '-';
  c = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
  // Kana voicing marks are not accents: が and か are different syllables.
  if (c >= 0x3040 && c <= 0x30FF) return c;
  icu::UnicodeString decomposition;
  if (!nfd.getDecomposition(static_cast<UChar32>(c), decomposition)) return c;
  UChar32 base = decomposition.char32At(0);
  for (int32_t i = decomposition.moveIndex32(0, 1); i < decomposition.length();
       i = decomposition.moveIndex32(i, 1)) {
    if (!IsCombiningMark(static_cast<char32_t>(decomposition.char32At(i)))) return c;
  }
  // Again: 'İ' only decomposes to an upper-case 'I'.
  return static_cast<char32_t>(u_foldCase(base, U_FOLD_CASE_DEFAULT));
}

struct Tables {
  std::vector<char16_t> simplified;  // T -> S only
  std::vector<char16_t> fold;        // case, accents, then T -> S
  const icu::Normalizer2* nfd = nullptr;
};

Tables BuildTables() {
  auto start = std::chrono::steady_clock::now();
  Tables t;
  t.simplified.resize(kBmpSize);
  for (char32_t c = 0; c < kBmpSize; ++c) t.simplified[c] = static_cast<char16_t>(c);
  FillSimplified(t.simplified);

  UErrorCode status = U_ZERO_ERROR;
  t.nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    spdlog::error("ICU NFD data unavailable ({}): accents will not be folded", u_errorName(status));
    t.nfd = nullptr;
  }
  t.fold.resize(kBmpSize);
  for (char32_t c = 0; c < kBmpSize; ++c) {
    char32_t f = c;
    bool surrogate = c >= 0xD800 && c <= 0xDFFF;
    if (!surrogate) {
      f = t.nfd ? FoldCaseAndAccents(c, *t.nfd)
                : static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
      if (f >= kBmpSize) f = c;  // never happens with Unicode 15 data; keeps the table 16-bit
      f = t.simplified[f];
    }
    t.fold[c] = static_cast<char16_t>(f);
  }
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  spdlog::debug("text fold tables built in {:.1f} ms", ms.count());
  return t;
}

const Tables& GetTables() {
  static const Tables tables = BuildTables();
  return tables;
}

std::string MapEach(std::string_view s, char32_t (*map)(char32_t)) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) AppendUtf8(out, map(NextCodePoint(s, i)));
  return out;
}

}  // namespace

char32_t SimplifyCodePoint(char32_t c) { return c < kBmpSize ? GetTables().simplified[c] : c; }

char32_t FoldCodePoint(char32_t c) {
  if (c < kBmpSize) return GetTables().fold[c];
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

std::string Fold(std::string_view s) { return MapEach(s, FoldCodePoint); }

std::string ToSimplified(std::string_view s) {
  // ASCII maps to itself: most English text skips the decoding.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(s);
  return MapEach(s, SimplifyCodePoint);
}

bool IsCjk(char32_t c) {
  if (c < 0x1100) return false;
  // Han, with the iteration and numeral marks that are letters (々〆〇〡..〩).
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
      (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3038 && c <= 0x303B))
    return true;
  // Kana; U+30A0 (double hyphen) and U+30FB (middle dot) are punctuation.
  if ((c >= 0x3041 && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB) ||
      (c >= 0x3031 && c <= 0x3035) || (c >= 0x31F0 && c <= 0x31FF) ||
      (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x1B000 && c <= 0x1B16F))
    return true;
  // Hangul syllables and jamo.
  return (c >= 0xAC00 && c <= 0xD7FF) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3131 && c <= 0x318E) || (c >= 0xA960 && c <= 0xA97F) ||
         (c >= 0xFFA0 && c <= 0xFFDC);
}

bool IsWordChar(char32_t c) {
  if (IsCjk(c)) return false;
  return u_isalnum(static_cast<UChar32>(c)) || IsCombiningMark(c);
}

namespace {

// Dropped from both aliases and text, so decomposed (NFD) text matches like
// composed text and a soft hyphen or zero-width joiner inside a name does not
// hide it. Only the generic diacritic blocks: marks that are letters of
// their script (Indic vowel signs, kana voicing) are kept.
bool IsIgnorable(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || c == 0x00AD || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xFE20 && c <= 0xFE2F) || c == 0xFEFF || (c >= 0xE0100 && c <= 0xE01EF);
}

}  // namespace

// Ignorable first: the zero-width space and the BOM are white space to
// Trim, but inside a name they must not split it.
char32_t MatchSymbol(char32_t c) {
  if (IsIgnorable(c)) return kDropped;
  if (IsSpace(c)) return ' ';
  return FoldCodePoint(c);
}

std::u32string MatchKeyCodePoints(std::string_view s) {
  std::u32string key;
  size_t i = 0;
  while (i < s.size()) {
    char32_t sym = MatchSymbol(NextCodePoint(s, i));
    if (sym == kDropped) continue;
    if (sym == ' ' && (key.empty() || key.back() == ' ')) continue;
    key.push_back(sym);
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

std::string MatchKey(std::string_view s) {
  std::string out;
  for (char32_t c : MatchKeyCodePoints(s)) AppendUtf8(out, c);
  return out;
}

}  // namespace longjing::text
