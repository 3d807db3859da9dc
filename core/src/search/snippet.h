// Internal to the searcher: the text shown under each hit.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/tagger.h"
#include "search/query_builder.h"

namespace longjing::search {

// Bytes of text a snippet aims at (markup and escaping come on top).
inline constexpr size_t kSnippetBytes = 200;

// The start of the body on one line, cut near max_bytes at a word (or, in
// CJK text, character) boundary, HTML-escaped, "…" appended when cut. For
// browsing without a query.
std::string LeadSnippet(std::string_view body, size_t max_bytes = kSnippetBytes);

// Xapian's snippet around the matches of mset's query in `indexed_text`,
// which must be the text as indexed (ToSimplified(body)); matches wrapped in
// <mark>…</mark>, the rest HTML-escaped, "…" where text was left out.
// `lang` picks the stemmer, as the document builder did. On one line.
std::string QuerySnippet(const Xapian::MSet& mset, const std::string& indexed_text,
                         std::string_view lang);

// True when a snippet highlights something.
bool HasMark(std::string_view snippet);

// For a hit that matched only through a tag (q=杭州, an English article
// saying "Hangzhou"): the body around the first mention of one of
// `entities`, that mention marked, escaped, on one line. nullopt when the
// body names none of them.
std::optional<std::string> MentionSnippet(std::string_view body, std::string_view lang,
                                          const Tagger& tagger,
                                          const std::vector<EntityRef>& entities,
                                          size_t max_bytes = kSnippetBytes);

}  // namespace longjing::search
