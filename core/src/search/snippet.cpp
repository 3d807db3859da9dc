#include "search/snippet.h"

#include <algorithm>

#include "longjing/langdetect.h"
#include "longjing/text.h"

namespace longjing::search {
namespace {

constexpr const char* kEllipsis = "…";
constexpr std::string_view kMarkOpen = "<mark>";
constexpr std::string_view kMarkClose = "</mark>";

// Largest i <= n at a UTF-8 character boundary of s.
size_t CharBoundary(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

std::string LeadSnippet(std::string_view body, size_t max_bytes) {
  // Only the head is normalised: bodies can be long.
  size_t window = CharBoundary(body, 2 * max_bytes + 64);
  std::string head(text::Trim(text::NormalizeSpace(body.substr(0, window), false)));
  if (window == body.size() && head.size() <= max_bytes) return text::EscapeMarkup(head);
  size_t cut = CharBoundary(head, max_bytes);
  // Prefer a word boundary in the last third; CJK text may have none.
  size_t space = head.rfind(' ', cut);
  if (space != std::string::npos && space > max_bytes * 2 / 3) cut = space;
  std::string_view kept = text::Trim(std::string_view(head).substr(0, cut));
  return text::EscapeMarkup(kept) + kEllipsis;
}

std::string XapianSnippet(const Xapian::MSet& mset, const std::string& indexed_text,
                          std::string_view lang) {
  std::string stemmer = StemmerName(lang);
  // Every document was indexed with FLAG_CJK_NGRAM (CJK runs inside English
  // text too), so CJK n-gram matching is on for all. SNIPPET_EXHAUSTIVE and
  // SNIPPET_BACKGROUND_MODEL stay off: the first good window is good enough,
  // and the background model costs a term-frequency lookup per word.
  unsigned flags = Xapian::MSet::SNIPPET_CJK_NGRAM;
  std::string out = mset.snippet(indexed_text, kSnippetBytes,
                                 stemmer.empty() ? Xapian::Stem() : Xapian::Stem(stemmer), flags,
                                 std::string(kMarkOpen), std::string(kMarkClose), kEllipsis);
  // CJK matches come one character at a time: "<mark>杭</mark><mark>州</mark>".
  std::string merged;
  merged.reserve(out.size());
  const std::string_view seam = "</mark><mark>";
  for (size_t i = 0; i < out.size();) {
    if (std::string_view(out).substr(i, seam.size()) == seam) {
      i += seam.size();
      continue;
    }
    merged += out[i++];
  }
  return text::NormalizeSpace(merged, false);
}

bool HasMark(std::string_view snippet) { return snippet.find(kMarkOpen) != std::string_view::npos; }

std::optional<std::string> MentionSnippet(std::string_view body, std::string_view lang,
                                          const Tagger& tagger,
                                          const std::vector<EntityRef>& entities,
                                          size_t max_bytes) {
  if (entities.empty() || !text::IsValidUtf8(body)) return std::nullopt;
  const auto& facets = tagger.taxonomy().facets();
  for (const Mention& m : tagger.FindMentions(body, lang)) {
    const TaxonomyFacet& f = facets[m.facet];
    if (std::find(entities.begin(), entities.end(), EntityRef{f.name, f.values[m.value].id}) ==
        entities.end())
      continue;
    // About a third of the window before the mention, starting at a word.
    size_t begin = m.begin > max_bytes / 3 ? CharBoundary(body, m.begin - max_bytes / 3) : 0;
    size_t space = body.find(' ', begin);
    if (begin > 0 && space != std::string_view::npos && space < m.begin) begin = space + 1;
    size_t end = CharBoundary(body, std::max(m.end, begin + max_bytes));
    space = body.rfind(' ', end);
    if (end < body.size() && space != std::string_view::npos && space > m.end) end = space;
    std::string out = begin > 0 ? kEllipsis : "";
    out += text::EscapeMarkup(body.substr(begin, m.begin - begin));
    out += kMarkOpen;
    out += text::EscapeMarkup(body.substr(m.begin, m.end - m.begin));
    out += kMarkClose;
    out += text::EscapeMarkup(body.substr(m.end, end - m.end));
    if (end < body.size()) out += kEllipsis;
    return text::NormalizeSpace(out, false);
  }
  return std::nullopt;
}

}  // namespace longjing::search
