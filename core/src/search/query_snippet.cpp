// The query snippet: a scorer over the stored plain text, in one pass.
//
// Xapian's MSet::snippet stems every word of the text and, with CJK n-grams
// on, looks up each character; on the benchmark corpus that was about
// 0.3 ms a hit. Here a word is stemmed only when its first two letters are
// those of a query stem (a snowball stem keeps the word's first two letters,
// bar "dying" -> "die"), which leaves a few words in a hundred to stem, and
// CJK characters are compared with the query's n-grams as code points.
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "longjing/langdetect.h"
#include "longjing/schema.h"
#include "longjing/text.h"
#include "search/snippet.h"

namespace longjing::search {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kMarkOpen = "<mark>";
constexpr std::string_view kMarkClose = "</mark>";

struct Match {
  size_t begin, end;
  int term;
};

uint64_t Pair(char32_t a, char32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }

bool HasWildcard(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::OP_WILDCARD) return true;
  for (size_t i = 0; i < q.get_num_subqueries(); ++i)
    if (HasWildcard(q.get_subquery(i))) return true;
  return false;
}

// The stemmer the document builder used for `lang`: Latin words in
// Chinese or unidentified articles were stemmed as English.
const Xapian::Stem& StemmerFor(std::string_view lang) {
  // Xapian::Stem is not thread-safe; one set per thread, a handful of languages.
  thread_local std::map<std::string, Xapian::Stem, std::less<>> stemmers;
  std::string name = StemmerName(lang);
  if (name.empty()) name = "english";
  auto it = stemmers.find(name);
  if (it == stemmers.end()) it = stemmers.emplace(name, Xapian::Stem(name)).first;
  return it->second;
}

// ASCII letters, digits and '_' (Xapian's word characters below 0x80).
bool IsAsciiWordChar(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
}

bool IsLatinWordChar(char32_t c) {
  if (c < 0x80) return IsAsciiWordChar(static_cast<unsigned char>(c));
  return Xapian::Unicode::is_wordchar(static_cast<unsigned>(c)) && !text::IsCjk(c);
}

char32_t Lower(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return static_cast<char32_t>(Xapian::Unicode::tolower(static_cast<unsigned>(c)));
}

bool IsSentenceEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F || c == 0x2026;
}

// Largest i <= n at a UTF-8 character boundary of s.
size_t CharBoundary(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

char32_t CodePointBefore(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t at = CharBoundary(s, i - 1);
  return text::NextCodePoint(s, at);
}

char32_t CodePointAt(std::string_view s, size_t i) {
  return i < s.size() ? text::NextCodePoint(s, i) : 0;
}

// End of the word that starts at `i`, cut as the TermGenerator cuts it:
// word characters, joined across an apostrophe or '&' between two of them.
size_t WordEnd(std::string_view s, size_t i) {
  while (i < s.size()) {
    if (IsAsciiWordChar(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t next = i;
    char32_t c = text::NextCodePoint(s, next);
    if (IsLatinWordChar(c)) {
      i = next;
      continue;
    }
    if ((c == '\'' || c == 0x2019 || c == '&') && next < s.size() &&
        IsLatinWordChar(CodePointAt(s, next))) {
      i = next;
      continue;
    }
    if (c == '+' || c == '#') {
      // "C++", "C#": up to three of them before a word end, as the index has them.
      size_t end = i, n = 0;
      while (end < s.size() && (s[end] == '+' || s[end] == '#') && n <= 3) ++end, ++n;
      if (n <= 3 && (end == s.size() || !IsLatinWordChar(CodePointAt(s, end)))) i = end;
    }
    break;
  }
  return i;
}

// The word lowercased as the TermGenerator does, U+2019 as '\''.
std::string LowerWord(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (size_t i = 0; i < w.size();) {
    char32_t c = text::NextCodePoint(w, i);
    if (c == 0x2019) c = '\'';
    if (c < 0x80)
      out += static_cast<char>(Lower(c));
    else
      Xapian::Unicode::append_utf8(out, Lower(c));
  }
  return out;
}

}  // namespace

SnippetTerms::SnippetTerms(const Xapian::Query& query) {
  wildcard_ = HasWildcard(query);
  std::vector<std::pair<std::u32string, int>> cjk;
  int next_id = 0;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    // Free text is "Z" + stem or n-gram; "Z" + a capital is another field
    // (title:, author:), and filters have prefixes of their own.
    if (term.size() < 2 || term.compare(0, schema::kPrefixStem.size(), schema::kPrefixStem) != 0)
      continue;
    std::string_view t = std::string_view(term).substr(schema::kPrefixStem.size());
    if (t[0] >= 'A' && t[0] <= 'Z') continue;
    std::u32string cps;
    for (size_t i = 0; i < t.size();) cps += text::NextCodePoint(t, i);
    if (text::IsCjk(cps[0])) {
      if (cps.size() <= 2) cjk.emplace_back(cps, next_id++);
      continue;
    }
    stems_.emplace(std::string(t), next_id);
    // All but the last two code points: what the word must start with.
    size_t fixed = 0;
    for (size_t n = 0, i = 0; cps.size() > 3 && n + 2 < cps.size(); ++n) {
      text::NextCodePoint(t, i);
      fixed = i;
    }
    prefixes_.push_back(
        {Pair(cps[0], cps.size() > 1 ? cps[1] : 0), std::string(t.substr(0, fixed))});
    ++next_id;
  }
  // A character that is part of a query bigram is no match alone: "杭州"
  // marks 杭州, not every 州. Characters the query holds alone do match.
  for (const auto& [cps, id] : cjk) {
    if (cps.size() == 2) {
      bigrams_.emplace(Pair(cps[0], cps[1]), id);
      cjk_filter_.set(cps[1] % cjk_filter_.size());
      continue;
    }
    // `c = cps[0]`: clang 14 (the sanitized build) cannot capture a structured binding.
    bool in_bigram = std::any_of(cjk.begin(), cjk.end(), [c = cps[0]](const auto& other) {
      return other.first.size() == 2 && other.first.find(c) != std::u32string::npos;
    });
    if (in_bigram) continue;
    unigrams_.emplace(cps[0], id);
    cjk_filter_.set(cps[0] % cjk_filter_.size());
  }
  count_ = next_id;
}

bool SnippetTerms::Candidate(char32_t c0, char32_t c1) const {
  for (const Prefix& p : prefixes_) {
    if (static_cast<char32_t>(p.first_two >> 32) != c0) continue;
    char32_t p1 = static_cast<char32_t>(p.first_two & 0xFFFFFFFF);
    if (p1 == c1 || c1 == 'y' || p1 == 0) return true;
  }
  return false;
}

bool SnippetTerms::Candidate(std::string_view lower_word) const {
  for (const Prefix& p : prefixes_)
    if (!p.head.empty() && lower_word.starts_with(p.head)) return true;
  return std::any_of(prefixes_.begin(), prefixes_.end(),
                     [](const Prefix& p) { return p.head.empty(); });
}

int SnippetTerms::StemId(const std::string& stem) const {
  auto it = stems_.find(stem);
  return it == stems_.end() ? -1 : it->second;
}

int SnippetTerms::CjkId(char32_t prev, char32_t c, bool bigram) const {
  if (!cjk_filter_.test(c % cjk_filter_.size())) return -1;
  if (bigram) {
    auto it = bigrams_.find(Pair(prev, c));
    return it == bigrams_.end() ? -1 : it->second;
  }
  auto it = unigrams_.find(c);
  return it == unigrams_.end() ? -1 : it->second;
}

namespace {

// Bytes after an ASCII run that may still belong to the word.
bool MayContinueWord(unsigned char b) {
  return b >= 0x80 || b == '\'' || b == '&' || b == '+' || b == '#';
}

// body[begin, end) is a word whose first letters can give a query stem:
// stemmed (once per distinct word) and, when it is a query stem, a match.
void MatchWord(const SnippetTerms& terms, std::string_view body, size_t begin, size_t end,
               const Xapian::Stem& stemmer, std::vector<std::pair<std::string, int>>& stemmed,
               std::vector<Match>& out) {
  std::string word = LowerWord(body.substr(begin, end - begin));
  if (!terms.Candidate(word)) return;
  // Words repeat ("which", "where"...): each is stemmed once.
  auto known =
      std::find_if(stemmed.begin(), stemmed.end(), [&](const auto& w) { return w.first == word; });
  int id = known != stemmed.end() ? known->second : terms.StemId(stemmer(word));
  if (known == stemmed.end() && stemmed.size() < 64) stemmed.emplace_back(word, id);
  if (id >= 0) out.push_back({begin, end, id});
}

// Every match of `terms` in `body`, by start.
std::vector<Match> FindMatches(const SnippetTerms& terms, std::string_view body,
                               const Xapian::Stem& stemmer) {
  std::vector<Match> out;
  std::vector<std::pair<std::string, int>> stemmed;
  char32_t prev_cjk = 0;
  size_t prev_begin = 0;
  for (size_t i = 0; i < body.size();) {
    size_t at = i;
    unsigned char b = static_cast<unsigned char>(body[i]);
    if (b < 0x80 && !IsAsciiWordChar(b)) {  // most bytes of Latin text: spaces, punctuation
      prev_cjk = 0;
      ++i;
      continue;
    }
    if (b < 0x80) {
      // An ASCII word start, the common case: the word's ASCII run read
      // inline, WordEnd only for what may join it (accents, "'s", "C++").
      prev_cjk = 0;
      size_t end = at + 1;
      while (end < body.size() && IsAsciiWordChar(static_cast<unsigned char>(body[end]))) ++end;
      if (end < body.size() && MayContinueWord(static_cast<unsigned char>(body[end])))
        end = WordEnd(body, end);
      unsigned char b1 = at + 1 < end ? static_cast<unsigned char>(body[at + 1]) : 0;
      size_t second = at + 1;
      char32_t c1 = b1 < 0x80 ? b1 : text::NextCodePoint(body, second);
      if (terms.Candidate(Lower(b), c1 == '\'' || c1 == 0x2019 ? 0 : Lower(c1)))
        MatchWord(terms, body, at, end, stemmer, stemmed, out);
      i = end;
      continue;
    }
    char32_t c = text::NextCodePoint(body, i);
    if (text::IsCjk(c)) {
      if (!terms.has_cjk()) {
        prev_cjk = 0;
        continue;
      }
      char32_t s = text::SimplifyCodePoint(c);
      int id;
      if (prev_cjk && (id = terms.CjkId(prev_cjk, s, true)) >= 0)
        out.push_back({prev_begin, i, id});
      if ((id = terms.CjkId(0, s, false)) >= 0) out.push_back({at, i, id});
      prev_cjk = s;
      prev_begin = at;
      continue;
    }
    prev_cjk = 0;
    if (!IsLatinWordChar(c)) continue;
    size_t end = WordEnd(body, i);
    size_t second = i;
    char32_t c1 = second < end ? text::NextCodePoint(body, second) : 0;
    if (terms.Candidate(Lower(c), c1 == '\'' || c1 == 0x2019 ? 0 : Lower(c1)))
      MatchWord(terms, body, at, end, stemmer, stemmed, out);
    i = end;
  }
  return out;
}

// Where a window showing the match at `pos` starts: the start of the text
// or of a sentence when one is near, else a word start a little before.
size_t WindowStart(std::string_view body, size_t pos, size_t max_bytes) {
  if (pos <= max_bytes / 3) return 0;
  size_t from = CharBoundary(body, pos - max_bytes / 3);
  size_t sentence = std::string_view::npos;
  for (size_t i = from; i < pos;) {
    char32_t c = text::NextCodePoint(body, i);
    if (!IsSentenceEnd(c)) continue;
    // "3.5" and "e.g." are no sentence end; Chinese full stops need no space.
    if (c < 0x80 && c != '\n' && i < pos && !text::IsSpace(CodePointAt(body, i))) continue;
    sentence = i;
  }
  size_t start =
      sentence != std::string_view::npos ? sentence : CharBoundary(body, pos - max_bytes / 6);
  if (sentence == std::string_view::npos && IsLatinWordChar(CodePointAt(body, start)) &&
      IsLatinWordChar(CodePointBefore(body, start))) {
    // Inside a word: start at the next one (or at the match itself).
    while (start < pos) {
      size_t next = start;
      if (text::IsSpace(text::NextCodePoint(body, next))) break;
      start = next;
    }
  }
  while (start < pos) {
    size_t next = start;
    char32_t c = text::NextCodePoint(body, next);
    if (!text::IsSpace(c) &&
        !(c < 0x80 && std::ispunct(static_cast<int>(c)) && c != '"' && c != '(' && c != '\''))
      break;
    start = next;
  }
  return CharBoundary(body, start);
}

// Where a window from `start` that must show up to `min_end` ends: after a
// sentence or at a space in its last third, else at a character boundary
// between CJK characters, never inside a Latin word.
size_t WindowEnd(std::string_view body, size_t start, size_t min_end, size_t max_bytes) {
  if (start + max_bytes >= body.size()) return body.size();
  size_t cut = std::max(CharBoundary(body, start + max_bytes), min_end);
  size_t floor = CharBoundary(body, std::max(min_end, start + max_bytes * 2 / 3));
  size_t sentence = 0, space = 0;
  for (size_t i = floor; i < cut;) {
    size_t at = i;
    char32_t c = text::NextCodePoint(body, i);
    if (IsSentenceEnd(c) && (c >= 0x80 || i >= cut || text::IsSpace(CodePointAt(body, i))))
      sentence = i;
    if (text::IsSpace(c)) space = at;
  }
  if (sentence) return sentence;
  if (space) return space;
  if (!IsLatinWordChar(CodePointBefore(body, cut)) || !IsLatinWordChar(CodePointAt(body, cut)))
    return cut;
  size_t end = WordEnd(body, cut);  // a word longer than the last third: show all of it
  return end;
}

// The window with the most distinct terms, then the most matches, then the
// earliest; [begin, end) of body.
std::pair<size_t, size_t> ChooseWindow(std::string_view body, const std::vector<Match>& matches,
                                       int terms, size_t max_bytes) {
  std::vector<size_t> seen(static_cast<size_t>(terms), SIZE_MAX);
  size_t best_start = 0, best_last = 0;
  int best_distinct = -1, best_total = -1;
  size_t lo = 0;
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i > 0 && matches[i].begin == matches[i - 1].begin) continue;
    size_t start = WindowStart(body, matches[i].begin, max_bytes);
    while (lo < i && matches[lo].begin < start) ++lo;
    while (lo > 0 && matches[lo - 1].begin >= start) --lo;
    int distinct = 0, total = 0;
    size_t last = matches[i].end;
    for (size_t j = lo; j < matches.size() && matches[j].end <= start + max_bytes; ++j) {
      if (seen[matches[j].term] != i) ++distinct;
      seen[matches[j].term] = i;
      ++total;
      last = std::max(last, matches[j].end);
    }
    if (distinct > best_distinct || (distinct == best_distinct && total > best_total)) {
      best_distinct = distinct;
      best_total = total;
      best_start = start;
      best_last = last;
    }
  }
  return {best_start, WindowEnd(body, best_start, best_last, max_bytes)};
}

// body[begin, end) HTML-escaped, white space runs as one space.
void AppendText(std::string& out, std::string_view body, size_t begin, size_t end) {
  for (size_t i = begin; i < end;) {
    size_t at = i;
    char32_t c = text::NextCodePoint(body, i);
    if (text::IsSpace(c)) {
      if (out.empty() || out.back() != ' ') out += ' ';
      continue;
    }
    if (!text::AppendMarkupEntity(out, c)) out.append(body.data() + at, i - at);
  }
}

}  // namespace

std::string QuerySnippet(const SnippetTerms& terms, std::string_view body, std::string_view lang,
                         size_t max_bytes) {
  if (terms.empty() || !text::IsValidUtf8(body)) return std::string();
  std::vector<Match> matches = FindMatches(terms, body, StemmerFor(lang));
  if (matches.empty()) return std::string();
  auto [begin, end] = ChooseWindow(body, matches, terms.count(), max_bytes);
  std::string out;
  out.reserve(end - begin + 64);
  if (begin > 0) out += kEllipsis;
  size_t pos = begin;
  auto m = std::lower_bound(matches.begin(), matches.end(), begin,
                            [](const Match& a, size_t b) { return a.begin < b; });
  while (m != matches.end() && m->end <= end) {
    // Overlapping and touching matches (a run of CJK bigrams) share one mark.
    size_t mark_begin = m->begin, mark_end = m->end;
    for (++m; m != matches.end() && m->begin <= mark_end && m->end <= end; ++m)
      mark_end = std::max(mark_end, m->end);
    if (mark_begin < pos) mark_begin = pos;
    AppendText(out, body, pos, mark_begin);
    out += kMarkOpen;
    AppendText(out, body, mark_begin, mark_end);
    out += kMarkClose;
    pos = mark_end;
  }
  AppendText(out, body, pos, end);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (end < body.size()) out += kEllipsis;
  return out;
}

}  // namespace longjing::search
