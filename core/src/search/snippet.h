// Internal to the searcher: the text shown under each hit.
#pragma once

#include <xapian.h>

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// What a query snippet looks for, read once per query from the parsed
// query: the stems of its free-text words and its CJK n-grams ("Z" terms);
// title:, author: and filter terms are left out. Read-only once built.
class SnippetTerms {
 public:
  explicit SnippetTerms(const Xapian::Query& query);

  // Nothing to look for: q had no free-text word.
  bool empty() const { return count_ == 0; }
  // Distinct terms; ids run from 0 to count() - 1.
  int count() const { return count_; }
  // Wildcards expand at match time, out of this class's sight: QuerySnippet
  // cannot mark them, XapianSnippet can.
  bool has_wildcard() const { return wildcard_; }

  // False when no query stem can come from a word starting with these
  // (lowercased) code points; c1 is 0 for a one-letter word.
  bool Candidate(char32_t c0, char32_t c1) const;
  // The second test, on the whole lowercased word: it starts with all but
  // the last two letters of a query stem (short stems pass).
  bool Candidate(std::string_view lower_word) const;
  // The term id of a stem, or -1.
  int StemId(const std::string& stem) const;
  // The term id of the bigram prev+c (bigram) or of c alone, or -1. Both
  // Simplified.
  int CjkId(char32_t prev, char32_t c, bool bigram) const;
  bool has_cjk() const { return !bigrams_.empty() || !unigrams_.empty(); }

 private:
  std::unordered_map<std::string, int> stems_;
  struct Prefix {
    uint64_t first_two;  // the first two code points of a stem
    std::string head;    // all but its last two code points ("" when short)
  };
  std::vector<Prefix> prefixes_;
  std::unordered_map<uint64_t, int> bigrams_;
  std::unordered_map<char32_t, int> unigrams_;  // only characters in no query bigram
  // The last character of every CJK term, hashed: most characters skip the maps.
  std::bitset<4096> cjk_filter_;
  int count_ = 0;
  bool wildcard_ = false;
};

// The window of `body` (the stored text, either Chinese script) with the
// most distinct query terms, starting at the start of a sentence or a word,
// about max_bytes long; every match inside it wrapped in <mark>…</mark>, the
// rest HTML-escaped, white space collapsed, "…" where text was left out.
// Words match when their stem (the stemmer of `lang`, as the document builder
// chose it) is a query stem; CJK text through the query's n-grams. Empty
// when nothing in the body matches.
std::string QuerySnippet(const SnippetTerms& terms, std::string_view body, std::string_view lang,
                         size_t max_bytes = kSnippetBytes);

// Xapian's snippet (MSet::snippet) around the matches of mset's query in
// `indexed_text`, which must be the text as indexed (ToSimplified(body));
// marked, escaped and on one line as QuerySnippet. For queries with
// wildcards, whose expansions only the match knows.
std::string XapianSnippet(const Xapian::MSet& mset, const std::string& indexed_text,
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
