// Internal to the searcher: which page of a paged article (PDF) a snippet
// comes from, and page starts in the units the reader's JavaScript uses.
#pragma once

#include <string_view>
#include <vector>

namespace longjing::search {

// The 1-based page of `body` that the first highlighted word of `snippet`
// (HTML: <mark>, entities, "…" between fragments) comes from: the fragment
// around the mark is looked for with white space ignored (snippets join
// lines), else the marked word alone; in `body`, then in ToSimplified(body),
// which query snippets are made from (the conversion keeps the length of
// nearly every character, so page starts still apply). 1 when the snippet
// highlights nothing or cannot be found; 0 when page_starts is empty (the
// article has no pages).
int SnippetPage(std::string_view body, const std::vector<size_t>& page_starts,
                std::string_view snippet);

// Byte offsets into `body` -> UTF-16 code unit offsets (JavaScript string
// indexes), same order. REQUIRES: offsets ascending, each <= body.size().
std::vector<size_t> Utf16Offsets(std::string_view body, const std::vector<size_t>& byte_offsets);

}  // namespace longjing::search
