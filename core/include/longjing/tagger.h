// Finds taxonomy values named in a text, in one pass (Aho-Corasick over
// folded code points), whatever the number of aliases.
//
// Matching rules: case- and accent-insensitive; Traditional and Simplified
// Chinese alike; aliases in spaced scripts match only at word boundaries
// ("Shanghai's" and "Beijing-based" match, "Hangzhouese" does not);
// CJK aliases match anywhere; overlapping candidates resolve leftmost-longest.
// Aliases of values that are not exact (Taxonomy::IsExact: policy phrases by
// default) and that hold no CJK character match word by word on Snowball
// stems in the text's language ("subventions foncières" finds « subvention
// foncière »), each word also keeping its first four letters (so "loyer"
// never finds "loi"); exact aliases match code point by code point.
//
// Thread-safety: a built Tagger is immutable; Tag() may run on many threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "longjing/taxonomy.h"

namespace longjing {

struct Mention {
  size_t facet;  // index into Taxonomy::facets()
  size_t value;  // index into that facet's values
  size_t begin;  // byte offsets of the matched alias in the input text
  size_t end;
};

struct TagCount {
  std::string facet;  // facet name
  std::string id;     // value id
  int count = 0;      // mentions in the text
};

class Tagger {
 public:
  explicit Tagger(const Taxonomy& taxonomy);  // keeps a reference: taxonomy must outlive it
  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // Non-overlapping mentions in text order. `lang` is the text's ISO 639-1
  // code: it picks the stemmer as the index does (tag::StemmerFor: English
  // for Chinese, unknown or "" text). REQUIRES: valid UTF-8.
  std::vector<Mention> FindMentions(std::string_view text, std::string_view lang = "") const;
  // Mentions grouped per value, in taxonomy order.
  std::vector<TagCount> Count(const std::vector<Mention>& mentions) const;

  const Taxonomy& taxonomy() const { return taxonomy_; }

 private:
  struct Automaton;
  struct Words;
  const Taxonomy& taxonomy_;
  Automaton* automaton_;
  Words* words_;  // the stemmed aliases, one trie per stemmer
};

}  // namespace longjing
