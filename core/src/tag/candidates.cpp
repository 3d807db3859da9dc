#include "longjing/candidates.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "candidate_words.h"
#include "longjing/text.h"

namespace longjing {
namespace {

using namespace tag::candidates;  // NOLINT: the word lists

constexpr size_t kMaxExamples = 3;
constexpr size_t kSnippetContext = 60;  // bytes each side of the mention

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return text::IsWordChar(c);
}

std::string FoldWord(std::string_view word) {
  if (std::any_of(word.begin(), word.end(), [](char c) { return (c & 0x80) != 0; }))
    return text::Fold(word);
  std::string out(word);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Word {
  size_t begin, end;
  std::string folded;
  bool capital;
  bool sentence_start;
  bool cjk;
};

// Words of a spaced script (with inner '-', '.', '\'' kept: "Pony.ai",
// "Xi'an") and runs of CJK characters, with whether each starts a sentence.
std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  bool sentence_start = true;
  size_t i = 0;
  while (i < text.size()) {
    size_t begin = i;
    char32_t c = text::NextCodePoint(text, i);
    bool cjk = c >= 0x80 && text::IsCjk(c);
    if (!cjk && !IsWordCodePoint(c)) {
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == 0x3002 || c == 0xFF01 ||
          c == 0xFF1F)
        sentence_start = true;
      continue;
    }
    size_t end = i;
    while (end < text.size()) {
      size_t next = end;
      char32_t d = text::NextCodePoint(text, next);
      if (cjk ? text::IsCjk(d) : IsWordCodePoint(d)) {
        end = next;
        continue;
      }
      if (!cjk && (d == '-' || d == '.' || d == '\'' || d == 0x2019) && next < text.size()) {
        size_t after = next;
        if (text::IsWordChar(text::NextCodePoint(text, after))) {
          end = after;
          continue;
        }
      }
      break;
    }
    i = std::min(end, text.size());
    // "China's", "China’s": the possessive is not part of the name.
    for (std::string_view possessive : {"'s", "\xE2\x80\x99s"}) {
      if (!cjk && end - begin > possessive.size() + 1 &&
          text.substr(end - possessive.size(), possessive.size()) == possessive)
        end -= possessive.size();
    }
    words.push_back({begin, end, FoldWord(text.substr(begin, end - begin)),
                     !cjk && u_isupper(static_cast<UChar32>(c)), sentence_start, cjk});
    sentence_start = false;
  }
  return words;
}

// Only spaces, quotes and at least one bracket or slash.
bool IsTranslationGap(std::string_view gap) {
  bool bracket = false;
  for (size_t i = 0; i < gap.size();) {
    char32_t c = text::NextCodePoint(gap, i);
    if (c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 || c == '/') {
      bracket = true;
      continue;
    }
    if (!(text::IsSpace(c) || c == '"' || c == 0x201C || c == 0x201D || c == 0x300C || c == 0x300D))
      return false;
  }
  return bracket;
}

std::string Snippet(std::string_view text, size_t begin, size_t end) {
  auto boundary = [&](size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
      --at;
    return at;
  };
  size_t from = boundary(begin > kSnippetContext ? begin - kSnippetContext : 0);
  size_t to = boundary(std::min(text.size(), end + kSnippetContext));
  // One line, white space collapsed but kept at the edges of the mark.
  auto flat = [](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
      size_t at = i;
      char32_t c = text::NextCodePoint(s, i);
      if (!text::IsSpace(c)) {
        out.append(s.substr(at, i - at));
      } else if (out.empty() || out.back() != ' ') {
        out += ' ';
      }
    }
    return text::EscapeMarkup(out);
  };
  return std::string(from > 0 ? "… " : "") + flat(text.substr(from, begin - from)) + "<mark>" +
         flat(text.substr(begin, end - begin)) + "</mark>" + flat(text.substr(end, to - end)) +
         (to < text.size() ? " …" : "");
}

// Folded, spaces and hyphens out, corporate suffixes dropped: "Unitree
// Robotics Co." and "unitree" compare equal.
std::string Comparable(std::string_view name) {
  std::string folded = text::Fold(name);
  std::vector<std::string> parts;
  std::string cur;
  for (char c : folded + " ") {
    if (c == ' ' || c == '-' || c == '.' || c == ',') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  while (parts.size() > 1 && IsCompanySuffix(parts.back())) parts.pop_back();
  std::string out;
  for (const std::string& p : parts) out += p;
  for (const std::u32string& suffix : kHanCompanySuffixes) {
    std::string s;
    for (char32_t c : suffix) text::AppendUtf8(s, c);
    if (out.size() > s.size() + 3 && out.compare(out.size() - s.size(), s.size(), s) == 0)
      out.resize(out.size() - s.size());
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

bool IsCandidateFacet(std::string_view facet) {
  return facet == "company" || facet == "city" || facet == "policy";
}

struct CandidateCollector::State {
  const Taxonomy& taxonomy;
  const Tagger& tagger;
  std::string facet;
  size_t facet_index = SIZE_MAX;
  int article = 0;  // ordinal of the current article

  struct Entry {
    int articles = 0;
    int last_article = -1;
    int place_votes = 0;  // Latin names: occurrences after "in", "à", ...
    int occurrences = 0;
    bool single_latin = false;
    std::map<std::string, int> forms;
    std::map<std::string, int> languages;
    std::vector<std::string> examples;
    std::map<size_t, int> next_to;  // value index -> occurrences beside its mention
  };
  std::unordered_map<std::string, Entry> entries;
  // Every word seen in lower case, by hash: a capitalised word also in here
  // is a common word. (A collision only hides a candidate.)
  std::unordered_set<size_t> lower_words;
  std::unordered_set<std::string> known_names;  // folded Latin aliases of 4+ bytes, every facet

  // "Hangzhouese", "Sinopecers": a known name with letters glued on is a
  // demonym or a pun, not a new name.
  bool GluedToKnownName(const std::string& folded) const {
    for (size_t n = 4; n < folded.size(); ++n)
      if (known_names.count(folded.substr(0, n))) return true;
    return false;
  }

  State(const Taxonomy& t, const Tagger& g, std::string f)
      : taxonomy(t), tagger(g), facet(std::move(f)) {
    for (size_t i = 0; i < t.facets().size(); ++i) {
      if (t.facets()[i].name == facet) facet_index = i;
      for (const TaxonomyValue& v : t.facets()[i].values) {
        std::vector<std::string> names = v.aliases;
        names.push_back(v.name);
        for (const std::string& n : names) {
          std::string folded = text::Fold(n);
          if (folded.size() >= 4 && !Taxonomy::HasCjk(n)) known_names.insert(folded);
        }
      }
    }
  }

  void Note(std::string_view text, std::string_view lang, size_t begin, size_t end,
            const std::vector<Mention>& mentions, bool place_vote, bool single_latin) {
    std::string surface(text.substr(begin, end - begin));
    std::string key = text::ToSimplified(text::Fold(surface));
    Entry& e = entries[key];
    ++e.occurrences;
    e.place_votes += place_vote;
    e.single_latin = single_latin;
    ++e.forms[text::ToSimplified(surface)];
    if (e.last_article != article) {
      e.last_article = article;
      ++e.articles;
      ++e.languages[std::string(lang.empty() ? "und" : lang)];
      if (e.examples.size() < kMaxExamples) e.examples.push_back(Snippet(text, begin, end));
    }
    for (const Mention& m : mentions) {
      if (m.facet != facet_index) continue;
      // A mention in brackets or after a slash right beside the name:
      // "Zhiyuan Robotics (智元机器人)", "智元机器人（AgiBot）".
      std::string_view gap;
      if (m.end <= begin && begin - m.end <= 8)
        gap = text.substr(m.end, begin - m.end);
      else if (m.begin >= end && m.begin - end <= 8)
        gap = text.substr(end, m.begin - end);
      else
        continue;
      if (IsTranslationGap(gap)) ++e.next_to[m.value];
    }
  }

  void AddLatinNames(std::string_view text, std::string_view lang, const std::vector<Word>& words,
                     const std::vector<Mention>& mentions, const std::vector<bool>& tagged);
  void AddHanNames(std::string_view text, std::string_view lang, const std::vector<Word>& words,
                   const std::vector<Mention>& mentions);
  void AddPolicyPhrases(std::string_view text, std::string_view lang,
                        const std::vector<Word>& words, const std::vector<Mention>& mentions,
                        const std::vector<bool>& tagged);
  void NoteHanSuffixes(std::string_view text, std::string_view lang, const std::u32string& run,
                       const std::vector<size_t>& offsets,
                       const std::vector<std::u32string>& suffixes,
                       const std::vector<Mention>& mentions);
  static bool InMention(size_t byte, const std::vector<Mention>& mentions) {
    for (const Mention& m : mentions)
      if (m.begin <= byte && byte < m.end) return true;
    return false;
  }
  std::optional<std::pair<std::string, std::string>> DuplicateOf(const std::string& text,
                                                                 const Entry& e) const;

  // Of the starts noted for one Chinese name (天工智能科技, 工智能科技,
  // 智能科技), the longest found as often as any shorter one: a longer start
  // seen less often took in a word before the name (提供住房补贴 vs 住房补贴),
  // a shorter one as often is part of the name.
  bool BestHanStart(const std::string& key, const Entry& e,
                    const std::unordered_map<std::string, int>& longer_max) const {
    size_t i = 0;
    text::NextCodePoint(key, i);
    for (size_t at = i; at < key.size(); text::NextCodePoint(key, at)) {
      auto shorter = entries.find(key.substr(at));
      if (shorter != entries.end() && shorter->second.articles > e.articles) return false;
    }
    // A longer start as often: this one is part of it.
    auto longer = longer_max.find(key);
    return longer == longer_max.end() || longer->second < e.articles;
  }
};

void CandidateCollector::State::AddLatinNames(std::string_view text, std::string_view lang,
                                              const std::vector<Word>& words,
                                              const std::vector<Mention>& mentions,
                                              const std::vector<bool>& tagged) {
  size_t w = 0;
  while (w < words.size()) {
    if (words[w].cjk || !words[w].capital || tagged[w]) {
      ++w;
      continue;
    }
    // A run of capitalised words, one space apart, none of them tagged.
    size_t last = w;
    while (last + 1 < words.size() && !words[last + 1].cjk && words[last + 1].capital &&
           !tagged[last + 1] && !words[last + 1].sentence_start &&
           text.substr(words[last].end, words[last + 1].begin - words[last].end) == " ")
      ++last;
    size_t first = w;
    w = last + 1;
    // Function words, months and days are capitalised at a sentence start or
    // in titles, not because they name anything.
    while (first <= last && IsNoiseWord(words[first].folded)) ++first;
    while (last >= first && last > 0 && IsNoiseWord(words[last].folded)) --last;
    if (first > last || last == SIZE_MAX) continue;
    bool single = first == last;
    if (single && (words[first].sentence_start || words[first].folded.size() < 3)) continue;
    if (single && (IsCompanySuffix(words[first].folded) || GluedToKnownName(words[first].folded)))
      continue;
    if (!single && GluedToKnownName(text::Fold(
                       text.substr(words[first].begin, words[last].end - words[first].begin))))
      continue;
    bool place = first > 0 && IsPlacePreposition(words[first - 1].folded) &&
                 !IsCompanySuffix(words[last].folded);
    if (IsPlaceSuffix(words[last].folded)) place = true;
    Note(text, lang, words[first].begin, words[last].end, mentions, place, single);
  }
}

void CandidateCollector::State::AddHanNames(std::string_view text, std::string_view lang,
                                            const std::vector<Word>& words,
                                            const std::vector<Mention>& mentions) {
  const auto& suffixes = facet == "city" ? kHanPlaceSuffixes : kHanCompanySuffixes;
  for (const Word& word : words) {
    if (!word.cjk) continue;
    std::u32string run = text::MatchKeyCodePoints(text.substr(word.begin, word.end - word.begin));
    std::vector<size_t> offsets;  // byte offset of each code point in text, and the end
    for (size_t i = word.begin; i < word.end;) {
      offsets.push_back(i);
      text::NextCodePoint(text, i);
    }
    offsets.push_back(word.end);
    if (offsets.size() != run.size() + 1) continue;  // marks dropped: offsets would not line up
    NoteHanSuffixes(text, lang, run, offsets, suffixes, mentions);
  }
}

void CandidateCollector::State::NoteHanSuffixes(std::string_view text, std::string_view lang,
                                                const std::u32string& run,
                                                const std::vector<size_t>& offsets,
                                                const std::vector<std::u32string>& suffixes,
                                                const std::vector<Mention>& mentions) {
  for (size_t end = 0; end < run.size(); ++end) {
    for (const std::u32string& suffix : suffixes) {
      size_t n = suffix.size();
      if (end + 1 < n || run.compare(end + 1 - n, n, suffix) != 0) continue;
      // The name: up to 4 characters before the suffix, not across a
      // function character or a known name ("在杭州的天工科技" -> 天工科技).
      size_t stem_end = end + 1 - n, start = stem_end;
      while (start > 0 && stem_end - start < 4 && !IsHanStop(run[start - 1]) &&
             !InMention(offsets[start - 1], mentions))
        --start;
      // Where the name starts is unknown (no spaces): every start of 2 to
      // 4 characters is noted, and Top keeps the one the corpus agrees on.
      for (size_t from = start; from + 2 <= stem_end; ++from)
        Note(text, lang, offsets[from], offsets[end + 1], mentions, false, false);
      break;
    }
  }
}

void CandidateCollector::State::AddPolicyPhrases(std::string_view text, std::string_view lang,
                                                 const std::vector<Word>& words,
                                                 const std::vector<Mention>& mentions,
                                                 const std::vector<bool>& tagged) {
  for (size_t w = 0; w < words.size(); ++w) {
    const Word& head = words[w];
    if (tagged[w]) continue;
    if (head.cjk) {
      std::u32string run = text::MatchKeyCodePoints(text.substr(head.begin, head.end - head.begin));
      std::vector<size_t> offsets;
      for (size_t i = head.begin; i < head.end;) {
        offsets.push_back(i);
        text::NextCodePoint(text, i);
      }
      offsets.push_back(head.end);
      if (offsets.size() == run.size() + 1)
        NoteHanSuffixes(text, lang, run, offsets, kHanPolicySuffixes, mentions);
      continue;
    }
    if (!IsPolicyHead(head.folded)) continue;
    auto plain = [&](size_t i) {
      return !words[i].cjk && !words[i].capital && !tagged[i] && !IsNoiseWord(words[i].folded) &&
             words[i].folded.size() > 2;
    };
    auto adjacent = [&](size_t a, size_t b) {
      return text.substr(words[a].end, words[b].begin - words[a].end) == " ";
    };
    // English: modifiers before the head ("green loans"); French: an
    // adjective after it (« prêts verts »).
    if (lang == "fr") {
      if (w + 1 < words.size() && plain(w + 1) && adjacent(w, w + 1))
        Note(text, lang, head.begin, words[w + 1].end, mentions, false, false);
      continue;
    }
    size_t first = w;
    // One modifier: a second is most often a verb ("offered green loans").
    while (first > 0 && w - first < 1 && plain(first - 1) && adjacent(first - 1, first)) --first;
    if (first < w) Note(text, lang, words[first].begin, head.end, mentions, false, false);
  }
}

CandidateCollector::CandidateCollector(const Taxonomy& taxonomy, const Tagger& tagger,
                                       std::string facet)
    : state_(std::make_unique<State>(taxonomy, tagger, std::move(facet))) {}

CandidateCollector::~CandidateCollector() = default;

void CandidateCollector::Add(std::string_view text, std::string_view lang) {
  if (!text::IsValidUtf8(text)) return;
  State& s = *state_;
  ++s.article;
  std::vector<Mention> mentions = s.tagger.FindMentions(text, lang);
  std::vector<Word> words = SplitWords(text);
  // Words inside a mention of any value: known names, never candidates.
  std::vector<bool> tagged(words.size(), false);
  size_t m = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    while (m < mentions.size() && mentions[m].end <= words[w].begin) ++m;
    tagged[w] = m < mentions.size() && mentions[m].begin < words[w].end;
    if (!words[w].cjk && !words[w].capital)
      s.lower_words.insert(std::hash<std::string>()(words[w].folded));
  }
  if (s.facet == "policy") {
    s.AddPolicyPhrases(text, lang, words, mentions, tagged);
  } else {
    s.AddLatinNames(text, lang, words, mentions, tagged);
    s.AddHanNames(text, lang, words, mentions);
  }
}

std::optional<std::pair<std::string, std::string>> CandidateCollector::State::DuplicateOf(
    const std::string& name, const Entry& e) const {
  if (facet_index == SIZE_MAX) return std::nullopt;
  const TaxonomyFacet& f = taxonomy.facets()[facet_index];
  // Named beside one value in at least half its occurrences: another
  // script or spelling of it.
  for (const auto& [value, n] : e.next_to) {
    if (n * 2 >= e.occurrences && n >= 2)
      return std::make_pair(f.values[value].id, f.values[value].name);
  }
  std::string mine = Comparable(name);
  if (mine.size() < 4) return std::nullopt;
  for (const TaxonomyValue& v : f.values) {
    std::vector<std::string> names = v.aliases;
    names.push_back(v.name);
    for (const std::string& alias : names) {
      std::string theirs = Comparable(alias);
      if (theirs.size() < 4) continue;
      size_t allowed = std::min(mine.size(), theirs.size()) >= 8 ? 2 : 1;
      if (mine == theirs || EditDistance(mine, theirs) <= allowed)
        return std::make_pair(v.id, v.name);
    }
  }
  return std::nullopt;
}

std::vector<TaxonomyCandidate> CandidateCollector::Top(size_t limit, int min_articles) const {
  const State& s = *state_;
  // For each Chinese key, the most articles of a longer key ending with it.
  std::unordered_map<std::string, int> longer_max;
  for (const auto& [key, e] : s.entries) {
    if (e.articles < min_articles || !IsHanKey(key)) continue;
    size_t at = 0;
    text::NextCodePoint(key, at);
    for (; at < key.size(); text::NextCodePoint(key, at)) {
      int& most = longer_max[key.substr(at)];
      most = std::max(most, e.articles);
    }
  }
  std::vector<std::pair<const std::string*, const State::Entry*>> kept;
  for (const auto& [key, e] : s.entries) {
    if (e.articles < min_articles) continue;
    if (IsHanKey(key) && !s.BestHanStart(key, e, longer_max)) continue;
    // A single capitalised word the corpus also writes in lower case is a
    // common word ("Reform", "Tech"), not a name.
    if (e.single_latin && s.lower_words.count(std::hash<std::string>()(key))) continue;
    bool place = e.place_votes * 2 > e.occurrences;
    if (s.facet == "company" && place && !IsHanKey(key)) continue;
    if (s.facet == "city" && !place && !IsHanKey(key)) continue;
    kept.push_back({&key, &e});
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second->articles != b.second->articles ? a.second->articles > b.second->articles
                                                    : *a.first < *b.first;
  });
  if (kept.size() > limit) kept.resize(limit);
  std::vector<TaxonomyCandidate> out;
  for (const auto& [key, e] : kept) {
    TaxonomyCandidate c;
    c.text = std::max_element(e->forms.begin(), e->forms.end(), [](const auto& a, const auto& b) {
               return a.second < b.second;
             })->first;
    c.articles = e->articles;
    std::vector<std::pair<int, std::string>> langs;
    for (const auto& [lang, n] : e->languages) langs.push_back({-n, lang});
    std::sort(langs.begin(), langs.end());
    for (const auto& l : langs) c.languages.push_back(l.second);
    c.examples = e->examples;
    c.duplicate_of = s.DuplicateOf(c.text, *e);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace longjing
