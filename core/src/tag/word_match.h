// Stemmed alias matching, word by word: the half of the tagger that lets
// "subventions foncières" find « une subvention foncière » (tagger.h has the
// rules). Internal to core/src/tag.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace longjing::tag {

// The stemmer the index uses for an article language: Snowball for the
// language when Xapian has it, English otherwise (document_builder.cpp).
std::string StemmerFor(std::string_view lang);

// One token of text: a word (a run of word characters) or one symbol that is
// neither a word character nor white space (punctuation, a CJK character).
// White space only separates tokens.
struct Token {
  size_t begin;  // byte offsets in the text
  size_t end;
  bool word;
};

// A token's match key: "W<first 4 folded code points>|<folded stem>" for a
// word, "P<folded symbol>" otherwise. The prefix guard keeps stemming from
// joining words that only share a stem ("loi", law, is the French stem of
// "loyer"); words under 4 letters thereby match only themselves.
// `fold_first` stems the folded word instead (the form unaccented text takes).
std::string TokenKey(std::string_view token, bool word, Xapian::Stem& stemmer, bool fold_first);

// The tokens of text[begin..], at most `max` of them (0: all).
std::vector<Token> Tokenize(std::string_view text, size_t begin = 0, size_t max = 0);

// What a token must start with for a match to start there, and whether the
// token must end after it (a word under 4 letters) and start at a word
// boundary (a word). The tagger's automaton looks for these, so only tokens
// that may start an alias are ever stemmed. The prefix is the first 4
// folded code points, or more: what the word keeps of itself in its stem
// under every one of `stemmers` (Snowball only rewrites the end of a word;
// "industrial" -> "industr" for its "industri" stem).
struct Anchor {
  std::u32string prefix;
  bool word;
  bool whole;
};
Anchor AnchorOf(std::string_view alias, const std::vector<std::string>& stemmers);

struct WordOutput {
  uint32_t facet;
  uint32_t value;
};

// Stemmed aliases as sequences of token keys, for one stemmer. Immutable
// once built; Match may run on many threads (stemmers are per thread).
class WordTrie {
 public:
  explicit WordTrie(std::string stemmer) : stemmer_(std::move(stemmer)) {}
  // Adds every key sequence the alias can take (accented and unaccented stems).
  void Add(std::string_view alias, WordOutput output);
  // The longest alias starting with the token at byte `begin` of `text`:
  // true with its end byte and value, false when none. At most `max_tokens`
  // tokens are read.
  bool MatchAt(std::string_view text, size_t begin, size_t max_tokens, size_t* end,
               WordOutput* out) const;
  // Every key sequence of an alias (for collision checks in the taxonomy).
  std::vector<std::vector<std::string>> KeySequences(std::string_view alias) const;

 private:
  struct Node {
    std::unordered_map<std::string, uint32_t> next;
    bool has_output = false;
    WordOutput output{};
    // The folded tokens of each alias ending here: a text matches only if,
    // token by token, it differs from one of them by an inflection (Inflects).
    std::vector<std::vector<std::u32string>> forms;
  };
  std::string stemmer_;
  std::vector<Node> nodes_{1};
};

// True when `word` and `alias_word` (folded) differ only by an inflectional
// ending: past their common start, what is left of each is "", "s", "es",
// "y"/"ies", "x"/"ux"/"l" (fiscal, fiscaux), "e"/"le" (foncier, foncière;
// préférentiel, préférentielle), "f"/"ve" (administratif, administrative)
// or their plurals. Snowball joins derivations too ("incubator" and
// "incubation", "researcher" and "research"): this guard keeps them apart.
bool Inflects(std::u32string_view word, std::u32string_view alias_word);

// Thread-local Xapian stemmer by name ("" = none): Xapian::Stem keeps state
// while stemming, so it cannot be shared between threads.
Xapian::Stem& ThreadStemmer(const std::string& name);

}  // namespace longjing::tag
