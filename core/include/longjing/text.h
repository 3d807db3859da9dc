// Unicode helpers shared by parsing, tagging, indexing and querying.
// All strings are UTF-8. Thread-safe after the first call (tables are built
// once, under a static initialiser).
#pragma once

#include <string>
#include <string_view>

namespace longjing::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
// On failure, *bad_offset (if given) receives the byte offset of the first bad byte.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// Decodes the code point at s[i], advancing i. REQUIRES: valid UTF-8.
char32_t NextCodePoint(std::string_view s, size_t& i);
void AppendUtf8(std::string& out, char32_t c);

// Case-folds, strips diacritics and maps Traditional to Simplified Chinese,
// one code point to one code point (so offsets can be mapped back):
// 'É' -> 'e', 'ü' -> 'u', '國' -> '国'. Uses ICU and OpenCC's character table.
// Also: fullwidth ASCII -> ASCII ('Ａ' -> 'a'), U+2019 and U+02BC -> '\'',
// U+2010/U+2011 -> '-'. Multi-code-point folds are not done ('ß' stays), nor
// is kana voicing stripped. Above the BMP: case folding only.
char32_t FoldCodePoint(char32_t c);
std::string Fold(std::string_view s);

// Traditional -> Simplified, code point by code point (same table as Fold,
// without case or accent folding). Used for CJK text before indexing and
// for queries, so either script finds the other.
std::string ToSimplified(std::string_view s);
// ToSimplified for one code point.
char32_t SimplifyCodePoint(char32_t c);

// A Han ideograph, kana or hangul: text with no spaces between words.
bool IsCjk(char32_t c);
// A letter or digit of a spaced script: part of a word for boundary tests.
// CJK characters are not word characters (they never glue to Latin words).
bool IsWordChar(char32_t c);

// White space, ASCII and Unicode (NBSP, ideographic space, the U+2000 block,
// line and paragraph separators, zero-width space, BOM...).
bool IsSpace(char32_t c);
// ASCII letters lowercased, every other byte as it is.
std::string LowerAscii(std::string_view s);

// Trims ASCII and Unicode white space at both ends.
std::string_view Trim(std::string_view s);
// Collapses runs of white space into one space (keeps "\n\n" paragraph breaks
// when keep_paragraphs is set).
std::string NormalizeSpace(std::string_view s, bool keep_paragraphs);

// Tagging keys. MatchSymbol is what the tagger's automaton sees for one code
// point: ' ' for any white space, kDropped for combining accents and
// invisible format characters (so NFD text and a soft hyphen inside a name
// still match), else FoldCodePoint(c). MatchKey is a whole text that way,
// white-space runs collapsed to one space, trimmed: two aliases with the
// same key are one alias to the tagger (the taxonomy refuses a key shared by
// two values); an empty key never matches.
inline constexpr char32_t kDropped = 0xFFFFFFFF;
char32_t MatchSymbol(char32_t c);
std::u32string MatchKeyCodePoints(std::string_view s);
std::string MatchKey(std::string_view s);

// Escapes & < > " ' for HTML and XML text and attribute values.
std::string EscapeMarkup(std::string_view s);
// Appends the entity of c when it is one EscapeMarkup escapes (& < > " ')
// and returns true; returns false (and appends nothing) for any other c.
bool AppendMarkupEntity(std::string& out, char32_t c);

// True for an absolute http:// or https:// URL (scheme in any case) with a
// non-empty host, at most 2048 bytes, valid UTF-8, and no white space or
// control characters. Every other scheme (javascript:, data:, file:...) and
// every relative reference is false: article URLs become links on the page
// and in the feed, so only these two may pass.
bool IsHttpUrl(std::string_view url);

// `s` cut to at most `max_bytes` (on a UTF-8 boundary) with "..." appended
// when cut: for quoting untrusted input in messages.
std::string Excerpt(std::string_view s, size_t max_bytes = 64);

// 64-bit XXH3 of the bytes, as 16 lowercase hex digits.
std::string HashHex(std::string_view bytes);

}  // namespace longjing::text
