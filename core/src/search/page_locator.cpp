#include "search/page_locator.h"

#include <algorithm>
#include <string>

#include "longjing/text.h"

namespace longjing::search {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kMarkOpen = "<mark>";
constexpr std::string_view kMarkClose = "</mark>";

bool IsSpaceByte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// Snippet HTML -> its text without tags, entities decoded, white space dropped.
std::string PlainSqueezed(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    if (c == '&') {
      size_t end = html.find(';', i);
      std::string_view entity = html.substr(i, end == std::string_view::npos ? 1 : end - i + 1);
      char decoded = entity == "&amp;"    ? '&'
                     : entity == "&lt;"   ? '<'
                     : entity == "&gt;"   ? '>'
                     : entity == "&quot;" ? '"'
                     : entity == "&#39;"  ? '\''
                                          : 0;
      if (decoded) {
        out += decoded;
        i += entity.size() - 1;
        continue;
      }
    }
    if (!IsSpaceByte(c)) out += c;
  }
  return out;
}

// The fragment of the snippet (between "…" separators) holding the first mark.
std::string_view MarkedFragment(std::string_view snippet) {
  size_t mark = snippet.find(kMarkOpen);
  if (mark == std::string_view::npos) return {};
  size_t begin = snippet.rfind(kEllipsis, mark);
  begin = begin == std::string_view::npos ? 0 : begin + kEllipsis.size();
  size_t end = snippet.find(kEllipsis, mark);
  if (end == std::string_view::npos) end = snippet.size();
  return snippet.substr(begin, end - begin);
}

// Where the fragment's mark is in `text` (squeezed), page starts counted in
// the same squeezed bytes; npos when neither the fragment nor the mark is there.
size_t FindSqueezed(std::string_view text, const std::vector<size_t>& page_starts,
                    const std::string& needle, size_t mark_in_needle, const std::string& marked,
                    std::vector<size_t>* squeezed_starts) {
  std::string squeezed;
  squeezed.reserve(text.size());
  squeezed_starts->clear();
  size_t page = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    while (page < page_starts.size() && page_starts[page] <= i) {
      squeezed_starts->push_back(squeezed.size());
      ++page;
    }
    if (!IsSpaceByte(text[i])) squeezed += text[i];
  }
  while (squeezed_starts->size() < page_starts.size()) squeezed_starts->push_back(squeezed.size());
  size_t at = needle.empty() ? std::string::npos : squeezed.find(needle);
  if (at != std::string::npos) return at + mark_in_needle;
  return marked.empty() ? std::string::npos : squeezed.find(marked);
}

}  // namespace

int SnippetPage(std::string_view body, const std::vector<size_t>& page_starts,
                std::string_view snippet) {
  if (page_starts.empty()) return 0;
  if (page_starts.size() == 1) return 1;
  std::string_view fragment = MarkedFragment(snippet);
  if (fragment.empty()) return 1;
  size_t open = fragment.find(kMarkOpen);
  size_t close = fragment.find(kMarkClose, open);
  std::string needle = PlainSqueezed(fragment);
  std::string marked = PlainSqueezed(fragment.substr(
      open, close == std::string_view::npos ? std::string_view::npos : close - open));
  size_t mark_in_needle = PlainSqueezed(fragment.substr(0, open)).size();
  std::vector<size_t> starts;
  size_t pos = FindSqueezed(body, page_starts, needle, mark_in_needle, marked, &starts);
  // Query snippets come from the Simplified text the index holds; the
  // conversion keeps lengths for nearly all characters, so the original's
  // page starts still apply.
  if (pos == std::string::npos)
    pos = FindSqueezed(text::ToSimplified(body), page_starts, needle, mark_in_needle, marked,
                       &starts);
  if (pos == std::string::npos) return 1;
  auto it = std::upper_bound(starts.begin(), starts.end(), pos);
  return static_cast<int>(std::max<std::ptrdiff_t>(1, it - starts.begin()));
}

std::vector<size_t> Utf16Offsets(std::string_view body, const std::vector<size_t>& byte_offsets) {
  std::vector<size_t> out;
  out.reserve(byte_offsets.size());
  size_t byte = 0, unit = 0;
  for (size_t target : byte_offsets) {
    while (byte < target && byte < body.size()) {
      char32_t c = text::NextCodePoint(body, byte);
      unit += c >= 0x10000 ? 2 : 1;
    }
    out.push_back(unit);
  }
  return out;
}

}  // namespace longjing::search
