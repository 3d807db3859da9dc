#include "longjing/document_builder.h"

#include <xapian/unicode.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "longjing/duplicates.h"
#include "longjing/langdetect.h"
#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing {
namespace {

using json = nlohmann::json;
namespace s = schema;

// Title words count as much as this many body occurrences.
constexpr Xapian::termcount kTitleWeight = 2;
// Spelling suggestions come from plain words of reasonable length only:
// numbers, n-grams and very long tokens make poor corrections.
constexpr size_t kMinSpellingBytes = 3, kMaxSpellingBytes = 24;

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) out += sep;
    out += x;
  }
  return out;
}

bool IsSpellingWord(const std::string& word) {
  if (word.size() < kMinSpellingBytes || word.size() > kMaxSpellingBytes) return false;
  size_t i = 0;
  while (i < word.size()) {
    char32_t c = text::NextCodePoint(word, i);
    if (text::IsCjk(c) || !text::IsWordChar(c) || (c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool IsCjkCodePoint(unsigned c) { return text::IsCjk(static_cast<char32_t>(c)); }

// The lowercased words of `text` as the QueryParser sees them, each counted
// `weight` times. With STEM_ALL_Z the termlist holds only stems, and a second
// TermGenerator pass would cost about as much as the first, so the words are
// cut here along the same lines: runs of word characters, ended by a CJK
// character; "don't", "R&D" stay one (rejected) token as Xapian keeps them.
void CollectWords(std::string_view text, Xapian::termcount weight,
                  std::vector<std::pair<std::string, Xapian::termcount>>& out) {
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  std::string word;
  while (it != end) {
    unsigned c = *it;
    if (!Xapian::Unicode::is_wordchar(c) || IsCjkCodePoint(c)) {
      ++it;
      continue;
    }
    word.clear();
    while (true) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(c));
      if (++it == end) break;
      c = *it;
      if (Xapian::Unicode::is_wordchar(c) && !IsCjkCodePoint(c)) continue;
      if (c == '+' || c == '#') {
        // "C++", "C#": up to three of them before a word end join the word.
        Xapian::Utf8Iterator next = it;
        size_t n = 0;
        while (next != end && (*next == '+' || *next == '#') && n <= 3) ++next, ++n;
        if (n <= 3 && (next == end || !Xapian::Unicode::is_wordchar(*next))) word += '+';
        break;
      }
      if (c != '\'' && c != 0x2019 && c != '&') break;
      Xapian::Utf8Iterator next = it;
      if (++next == end || !Xapian::Unicode::is_wordchar(*next) || IsCjkCodePoint(*next)) break;
      word += '\'';  // any glue will do: the token is no spelling word
      it = next;
      c = *it;
    }
    if (IsSpellingWord(word)) out.emplace_back(word, weight);
  }
}

// Sorts and sums repeats, so that each word reaches add_spelling once.
void MergeWords(std::vector<std::pair<std::string, Xapian::termcount>>& words) {
  std::sort(words.begin(), words.end());
  size_t kept = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    if (kept > 0 && words[kept - 1].first == words[i].first) {
      words[kept - 1].second += words[i].second;
    } else {
      if (kept != i) words[kept] = std::move(words[i]);
      ++kept;
    }
  }
  words.resize(kept);
}

// Positions between runs of CJK and other text, so that no phrase matches
// across a run that has none.
constexpr Xapian::termpos kRunGap = 8;

// Indexes `text` with positions except in its runs of CJK characters: their
// n-grams go in without positions. Bigrams already record which characters
// are adjacent, so the searcher matches quoted CJK as an AND of n-grams
// (query_builder.cpp) and needs no positions there; they were a third of
// the position table and a tenth of the indexing time on the benchmark
// corpus, where one article in six is Chinese.
void IndexMixed(Xapian::TermGenerator& tg, std::string_view text, Xapian::termcount weight,
                const std::string& prefix) {
  size_t run_start = 0;
  bool run_cjk = false;
  auto flush = [&](size_t end) {
    if (end <= run_start) return;
    std::string run(text.substr(run_start, end - run_start));
    if (run_cjk) {
      tg.index_text_without_positions(run, weight, prefix);
      tg.increase_termpos(kRunGap);
    } else {
      tg.index_text(run, weight, prefix);
    }
  };
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    char32_t c = text::NextCodePoint(text, i);
    bool cjk = text::IsCjk(c);
    // Spaces and punctuation stay with the run they are in.
    if (cjk == run_cjk || (!cjk && !text::IsWordChar(c))) continue;
    flush(at);
    run_start = at;
    run_cjk = cjk;
  }
  flush(text.size());
}

// The body alone: copies of one story often differ in their headline. The
// group itself is the writer's to decide (dedup/dup_groups.h).
void AddFingerprint(const Article& a, Xapian::Document& doc) {
  std::optional<Fingerprint> f = ComputeFingerprint(a.body);
  if (!f) return;
  doc.add_value(s::kSlotDupSig, EncodeFingerprint(*f));
  for (size_t b = 0; b < kDupBands; ++b)
    doc.add_boolean_term(s::DupBandTerm(static_cast<unsigned>(b), BandValue(*f, b)));
}

}  // namespace

std::string ChangeHash(std::string_view file_bytes) {
  std::string salt = "longjing-schema-" + std::to_string(s::kSchemaVersion) + "\n";
  std::string all;
  all.reserve(salt.size() + file_bytes.size());
  all += salt;
  all += file_bytes;
  return text::HashHex(all);
}

DocumentBuilder::DocumentBuilder(std::shared_ptr<const Taxonomy> taxonomy,
                                 std::shared_ptr<const Tagger> tagger)
    : taxonomy_(std::move(taxonomy)), tagger_(std::move(tagger)) {
  // Must match the QueryParser's flags in the searcher, or CJK queries miss.
  termgen_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  // Stems only, with positions: one term per word instead of two (the word
  // and its stem) makes bulk builds faster and the index smaller. The
  // QueryParser stems every query word the same way (query_builder.cpp).
  termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

std::string DocumentBuilder::ChooseLanguage(const Article& a,
                                            std::vector<Diagnostic>* warnings) const {
  if (!a.lang.empty()) {
    std::string code = NormalizeLanguageCode(a.lang);
    if (!code.empty()) return code;
    warnings->push_back(
        {a.path, a.line, "unknown language '" + a.lang + "', detecting it instead"});
  }
  std::string code = DetectLanguage(a.title + "\n" + a.body.substr(0, kLanguageSampleBytes));
  if (code.empty()) {
    warnings->push_back(
        {a.path, a.line, "could not identify the language; indexed without stemming"});
    return std::string(kUnknownLanguage);
  }
  return code;
}

void DocumentBuilder::IndexText(const Article& a, const std::string& lang, BuiltDocument& out) {
  // Languages without a stemmer (Chinese, unknown) still carry Latin words,
  // mostly English ones; stemming them as English lets the searcher's
  // stemmed queries find them.
  std::string stemmer = StemmerName(lang);
  termgen_.set_stemmer(Xapian::Stem(stemmer.empty() ? "english" : stemmer));
  termgen_.set_document(out.doc);
  // Traditional and Simplified Chinese index alike, so either script finds both.
  std::string title = text::ToSimplified(a.title);
  std::string body = text::ToSimplified(a.body);
  IndexMixed(termgen_, title, kTitleWeight, std::string());
  // The title field keeps its positions although they are only about 1 % of
  // the position table: without them Xapian matches no phrase in it, neither
  // title:"a b" nor the phrase it makes of title:covid-19 or title:jd.com.
  IndexMixed(termgen_, title, 1, std::string(s::kPrefixTitle));
  termgen_.increase_termpos(100);
  IndexMixed(termgen_, body, 1, std::string());
  if (!a.author.empty())
    termgen_.index_text_without_positions(a.author, 1, std::string(s::kPrefixAuthor));
  if (lang == "zh" || lang == "ja" || lang == "ko") return;  // n-grams make no spelling words
  CollectWords(title, kTitleWeight, out.spelling);
  CollectWords(body, 1, out.spelling);
  MergeWords(out.spelling);
}

BuiltDocument DocumentBuilder::Build(const Article& a, const std::string& hash, double indexed_at,
                                     std::vector<Diagnostic>* warnings) {
  BuiltDocument out;
  out.id = a.id;
  out.lang = ChooseLanguage(a, warnings);
  IndexText(a, out.lang, out);
  Xapian::Document& doc = out.doc;

  out.tags =
      ComputeTags(*tagger_, a.title, a.body, out.lang, a.explicit_tags, [&](const std::string& m) {
        warnings->push_back({a.path, a.line, m});
      });
  json tags = ApplyTags(doc, out.tags);

  doc.add_boolean_term(s::IdTerm(a.id));
  doc.add_boolean_term(s::FileTerm(a.path));
  doc.add_boolean_term(s::FilterTerm(*s::FindFacet("lang"), out.lang));
  doc.add_value(s::kSlotLang, out.lang);
  if (!a.date.empty()) {
    std::string year = a.date.substr(0, 4);
    doc.add_boolean_term(s::FilterTerm(*s::FindFacet("year"), year));
    doc.add_boolean_term(s::MonthTerm(a.date));
    doc.add_value(s::kSlotYear, year);
    doc.add_value(s::kSlotDate, s::DateValue(a.date));
  }
  if (!a.source.empty()) {
    doc.add_boolean_term(s::SourceTerm(a.source));
    doc.add_value(s::kSlotSource, s::Slugify(a.source));
  }
  if (!a.url.empty()) doc.add_boolean_term(s::UrlTerm(a.url));
  auto fp_start = std::chrono::steady_clock::now();
  AddFingerprint(a, doc);
  fingerprint_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - fp_start).count();
  doc.add_value(s::kSlotId, a.id);
  doc.add_value(s::kSlotHash, hash);
  doc.add_value(s::kSlotPath, a.path);
  doc.add_value(s::kSlotIndexedAt, Xapian::sortable_serialise(indexed_at));
  StampFirstSeen(doc, indexed_at);

  json fields = {{"id", a.id},         {"path", a.path},     {"title", a.title},
                 {"date", a.date},     {"source", a.source}, {"url", a.url},
                 {"author", a.author}, {"lang", out.lang},   {"tags", std::move(tags)}};
  if (!a.page_starts.empty()) fields[std::string(s::kFieldPages)] = a.page_starts;
  // Kept so that a re-tag (retag.h) merges them in again without the file.
  if (!a.explicit_tags.empty()) fields["explicit"] = a.explicit_tags;
  doc.set_data(s::JoinDocData(fields.dump(-1, ' ', false, json::error_handler_t::replace), a.body));
  return out;
}

std::vector<TagCount> ComputeTags(
    const Tagger& tagger, std::string_view title, std::string_view body, std::string_view lang,
    const std::map<std::string, std::vector<std::string>>& explicit_tags,
    const std::function<void(const std::string&)>& warn) {
  std::string text;
  text.reserve(title.size() + 1 + body.size());
  text.append(title).append("\n").append(body);
  std::vector<TagCount> tags = tagger.Count(tagger.FindMentions(text, lang));
  for (const auto& [facet, ids] : explicit_tags) {
    for (const auto& id : ids) {
      if (!tagger.taxonomy().value(facet, id)) {
        if (warn) warn("unknown " + facet + " id '" + id + "' (not in the taxonomy), ignored");
        continue;
      }
      // `&f = facet`: clang 14 (the sanitized build) cannot capture a structured binding.
      bool have = std::any_of(tags.begin(), tags.end(), [&, &f = facet](const TagCount& t) {
        return t.facet == f && t.id == id;
      });
      if (!have) tags.push_back({facet, id, 0});
    }
  }
  return tags;
}

nlohmann::json ApplyTags(Xapian::Document& doc, const std::vector<TagCount>& tags) {
  json out = json::object();
  for (size_t f = 0; f < s::kTaxonomyFacetCount; ++f) {
    const s::FacetDef& def = s::kFacets[f];
    std::vector<std::string> ids;
    json list = json::array();
    for (const auto& t : tags) {
      if (t.facet != def.name) continue;
      ids.push_back(t.id);
      // wdf = mention count, so an entity query (the searcher's alias
      // expansion) ranks articles that name it often higher.
      doc.add_term(s::FilterTerm(def, t.id), static_cast<Xapian::termcount>(t.count));
      list.push_back({{"id", t.id}, {"count", t.count}});
    }
    doc.add_value(def.slot, Join(ids, '\n'));
    out[std::string(def.name)] = std::move(list);
  }
  return out;
}

void StampFirstSeen(Xapian::Document& doc, double first_seen) {
  doc.add_value(s::kSlotFirstSeen, Xapian::sortable_serialise(first_seen));
  doc.add_value(s::kSlotSortTime, s::SortTime(doc.get_value(s::kSlotDate), first_seen));
}

std::optional<double> FirstSeenOf(const Xapian::Document& doc) {
  for (Xapian::valueno slot : {s::kSlotFirstSeen, s::kSlotIndexedAt}) {
    std::string v = doc.get_value(slot);
    if (!v.empty()) return Xapian::sortable_unserialise(v);
  }
  return std::nullopt;
}

}  // namespace longjing
