#include "word_match.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "longjing/langdetect.h"
#include "longjing/text.h"

namespace longjing::tag {

std::string StemmerFor(std::string_view lang) {
  std::string name = StemmerName(lang);
  return name.empty() ? "english" : name;
}

Xapian::Stem& ThreadStemmer(const std::string& name) {
  thread_local std::map<std::string, Xapian::Stem> stemmers;
  auto it = stemmers.find(name);
  if (it == stemmers.end())
    it = stemmers.emplace(name, name.empty() ? Xapian::Stem() : Xapian::Stem(name)).first;
  return it->second;
}

std::string TokenKey(std::string_view token, bool word, Xapian::Stem& stemmer, bool fold_first) {
  std::string key(word ? "W" : "P");
  if (!word) {
    size_t i = 0;
    char32_t c = text::MatchSymbol(text::NextCodePoint(token, i));
    text::AppendUtf8(key, c);
    return key;
  }
  // ASCII, most words: folding is lower-casing, and there is no accent.
  if (std::all_of(token.begin(), token.end(), [](char c) { return (c & 0x80) == 0; })) {
    std::string lower(token);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    key.append(lower, 0, 4);
    key += '|';
    key += stemmer(lower);
    return key;
  }
  // Snowball wants lower case with its accents (French "foncière" and
  // "foncier" share a stem only then); marks and case go after stemming.
  std::string lower;
  std::string folded;
  int n = 0;
  for (size_t i = 0; i < token.size();) {
    char32_t c = text::NextCodePoint(token, i);
    char32_t f = text::MatchSymbol(c);
    if (f == text::kDropped) continue;
    text::AppendUtf8(folded, f);
    if (n++ < 4) text::AppendUtf8(key, f);
    text::AppendUtf8(lower, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
  }
  key += '|';
  key += text::Fold(stemmer(fold_first ? folded : lower));
  return key;
}

std::vector<Token> Tokenize(std::string_view text, size_t begin, size_t max) {
  std::vector<Token> tokens;
  bool in_word = false;
  for (size_t i = begin; i < text.size();) {
    size_t start = i;
    char32_t sym = text::MatchSymbol(text::NextCodePoint(text, i));
    if (i > text.size()) i = text.size();
    if (sym == text::kDropped) {
      if (in_word) tokens.back().end = i;
      continue;
    }
    bool word = sym < 0x80
                    ? ((sym | 0x20) >= 'a' && (sym | 0x20) <= 'z') || (sym >= '0' && sym <= '9')
                    : text::IsWordChar(sym);
    if (word && in_word) {
      tokens.back().end = i;
      continue;
    }
    in_word = word;
    if (sym == ' ') continue;
    if (max && tokens.size() == max) break;
    tokens.push_back({start, i, word});
  }
  return tokens;
}

Anchor AnchorOf(std::string_view alias, const std::vector<std::string>& stemmers) {
  std::vector<Token> tokens = Tokenize(alias, 0, 1);
  if (tokens.empty()) return {};
  std::string_view first = alias.substr(tokens[0].begin, tokens[0].end - tokens[0].begin);
  std::u32string folded = text::MatchKeyCodePoints(first);
  if (folded.size() < 4 || !tokens[0].word) return {folded, tokens[0].word, tokens[0].word};
  size_t keep = folded.size();
  for (const std::string& name : stemmers) {
    for (bool fold_first : {false, true}) {
      std::string key = TokenKey(first, true, ThreadStemmer(name), fold_first);
      std::u32string stem = text::MatchKeyCodePoints(key.substr(key.find('|') + 1));
      size_t common = 0;
      while (common < stem.size() && common < folded.size() && stem[common] == folded[common])
        ++common;
      // The stem's last letter may be rewritten in an inflected form ("subsidi").
      keep = std::min(keep, common > 0 ? common - 1 : 0);
    }
  }
  folded.resize(std::max<size_t>(4, keep));
  return {folded, true, false};
}

bool Inflects(std::u32string_view word, std::u32string_view alias_word) {
  static constexpr std::u32string_view kEndings[] = {
      U"",   U"s",  U"es",  U"e",   U"y",    U"ie", U"ies", U"x",  U"ux", U"l",
      U"ls", U"le", U"les", U"lle", U"lles", U"f",  U"fs",  U"ve", U"ves"};
  size_t common = 0;
  while (common < word.size() && common < alias_word.size() && word[common] == alias_word[common])
    ++common;
  auto ending = [](std::u32string_view rest) {
    for (std::u32string_view e : kEndings)
      if (rest == e) return true;
    return false;
  };
  return ending(word.substr(common)) && ending(alias_word.substr(common));
}

std::vector<std::vector<std::string>> WordTrie::KeySequences(std::string_view alias) const {
  Xapian::Stem& stemmer = ThreadStemmer(stemmer_);
  std::vector<std::vector<std::string>> sequences(1);
  for (const Token& t : Tokenize(alias)) {
    std::string_view s = alias.substr(t.begin, t.end - t.begin);
    std::string a = TokenKey(s, t.word, stemmer, false);
    std::string b = t.word ? TokenKey(s, true, stemmer, true) : a;
    size_t n = sequences.size();
    if (a != b) {
      for (size_t k = 0; k < n; ++k) sequences.push_back(sequences[k]);
    }
    for (size_t k = 0; k < sequences.size(); ++k) sequences[k].push_back(k < n ? a : b);
  }
  if (sequences.front().empty()) return {};
  return sequences;
}

void WordTrie::Add(std::string_view alias, WordOutput output) {
  for (const std::vector<std::string>& keys : KeySequences(alias)) {
    uint32_t node = 0;
    for (const std::string& key : keys) {
      auto it = nodes_[node].next.find(key);
      if (it == nodes_[node].next.end()) {
        it = nodes_[node].next.emplace(key, static_cast<uint32_t>(nodes_.size())).first;
        nodes_.emplace_back();
      }
      node = it->second;
    }
    Node& end = nodes_[node];
    if (!end.has_output) {  // the same keys twice: the first value keeps them
      end.has_output = true;
      end.output = output;
    }
    if (end.output.facet != output.facet || end.output.value != output.value) continue;
    std::vector<std::u32string> forms;
    for (const Token& t : Tokenize(alias))
      forms.push_back(text::MatchKeyCodePoints(alias.substr(t.begin, t.end - t.begin)));
    if (std::find(end.forms.begin(), end.forms.end(), forms) == end.forms.end())
      end.forms.push_back(std::move(forms));
  }
}

namespace {

// The keys of words already seen on this thread, per stemmer: the words that
// start aliases recur ("subsidies", "tax"), and a lookup costs a tenth of
// stemming. Bounded: cleared when full.
using KeyCache = std::unordered_map<std::string, std::string>;

KeyCache& ThreadKeyCache(const std::string& stemmer_name) {
  thread_local std::map<std::string, KeyCache> caches;
  return caches[stemmer_name];
}

const std::string& CachedKey(KeyCache& cache, Xapian::Stem& stemmer, std::string_view token) {
  constexpr size_t kMaxEntries = 1 << 16;
  thread_local std::string probe;
  probe.assign(token);
  auto it = cache.find(probe);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kMaxEntries) cache.clear();
  return cache.emplace(probe, TokenKey(token, true, stemmer, false)).first->second;
}

}  // namespace

bool WordTrie::MatchAt(std::string_view text, size_t begin, size_t max_tokens, size_t* end,
                       WordOutput* out) const {
  Xapian::Stem& stemmer = ThreadStemmer(stemmer_);
  KeyCache& cache = ThreadKeyCache(stemmer_);
  uint32_t node = 0;
  bool found = false;
  std::vector<std::string_view> walked;  // the tokens matched so far
  std::vector<std::u32string> seen;      // ... folded, filled at the first output
  // One token at a time: most walks end at the first or second.
  for (size_t t = 0, at = begin; t < max_tokens; ++t) {
    std::vector<Token> token = Tokenize(text, at, 1);
    if (token.empty()) break;
    const Token& tok = token[0];
    std::string_view token_text = text.substr(tok.begin, tok.end - tok.begin);
    auto it = nodes_[node].next.find(tok.word ? CachedKey(cache, stemmer, token_text)
                                              : TokenKey(token_text, false, stemmer, false));
    if (it == nodes_[node].next.end()) break;
    node = it->second;
    at = tok.end;
    walked.push_back(token_text);
    const Node& n = nodes_[node];
    if (!n.has_output) continue;
    while (seen.size() < walked.size())
      seen.push_back(text::MatchKeyCodePoints(walked[seen.size()]));
    for (const std::vector<std::u32string>& form : n.forms) {
      bool all = true;
      for (size_t k = 0; k < form.size() && all; ++k) all = Inflects(seen[k], form[k]);
      if (all) {
        found = true;
        *end = tok.end;
        *out = n.output;
        break;
      }
    }
  }
  return found;
}

}  // namespace longjing::tag
