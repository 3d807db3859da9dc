#include "longjing/document_builder.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

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

bool IsSpellingWord(const std::string& term) {
  if (term.size() < kMinSpellingBytes || term.size() > kMaxSpellingBytes) return false;
  if (std::isupper(static_cast<unsigned char>(term[0]))) return false;  // a prefixed term
  size_t i = 0;
  while (i < term.size()) {
    char32_t c = text::NextCodePoint(term, i);
    if (text::IsCjk(c) || !text::IsWordChar(c) || (c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace

std::string ChangeHash(std::string_view file_bytes, const Taxonomy& taxonomy) {
  std::string salt = "longjing-schema-" + std::to_string(s::kSchemaVersion) + "\n" +
                     taxonomy.fingerprint() + "\n";
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
  termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

std::string DocumentBuilder::ChooseLanguage(const Article& a,
                                            std::vector<Diagnostic>* warnings) const {
  if (!a.lang.empty()) {
    std::string code = NormalizeLanguageCode(a.lang);
    if (!code.empty()) return code;
    warnings->push_back({a.path, a.line, "unknown language '" + a.lang + "', detecting it instead"});
  }
  std::string sample = a.title + "\n" + a.body.substr(0, 8192);
  std::string code = DetectLanguage(sample);
  if (code.empty()) {
    warnings->push_back({a.path, a.line, "could not identify the language; indexed without stemming"});
    return "und";
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
  termgen_.index_text(title, 1, std::string(s::kPrefixTitle));
  termgen_.index_text(title, kTitleWeight);
  termgen_.increase_termpos(100);
  termgen_.index_text(text::ToSimplified(a.body));
  if (!a.author.empty()) termgen_.index_text_without_positions(a.author, 1, std::string(s::kPrefixAuthor));
  if (lang == "zh" || lang == "ja" || lang == "ko") return;  // n-grams make no spelling words
  for (auto t = out.doc.termlist_begin(); t != out.doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (IsSpellingWord(term)) out.spelling.emplace_back(term, t.get_wdf());
  }
}

BuiltDocument DocumentBuilder::Build(const Article& a, const std::string& hash, double indexed_at,
                                     std::vector<Diagnostic>* warnings) {
  BuiltDocument out;
  out.id = a.id;
  out.lang = ChooseLanguage(a, warnings);
  IndexText(a, out.lang, out);
  Xapian::Document& doc = out.doc;

  // Tags found in the text, then explicit ones from the file merged in.
  out.tags = tagger_->Count(tagger_->FindMentions(a.title + "\n" + a.body));
  for (const auto& [facet, ids] : a.explicit_tags) {
    for (const auto& id : ids) {
      if (!taxonomy_->value(facet, id)) {
        warnings->push_back({a.path, a.line, "unknown " + facet + " id '" + id + "' (not in the taxonomy), ignored"});
        continue;
      }
      bool have = std::any_of(out.tags.begin(), out.tags.end(),
                              [&](const TagCount& t) { return t.facet == facet && t.id == id; });
      if (!have) out.tags.push_back({facet, id, 0});
    }
  }

  json tags = json::object();
  for (size_t f = 0; f < s::kTaxonomyFacetCount; ++f) {
    const s::FacetDef& def = s::kFacets[f];
    std::vector<std::string> ids;
    json list = json::array();
    for (const auto& t : out.tags) {
      if (t.facet != def.name) continue;
      ids.push_back(t.id);
      // wdf = mention count, so an entity query (the searcher's alias
      // expansion) ranks articles that name it often higher.
      doc.add_term(s::FilterTerm(def, t.id), static_cast<Xapian::termcount>(t.count));
      list.push_back({{"id", t.id}, {"count", t.count}});
    }
    doc.add_value(def.slot, Join(ids, '\n'));
    tags[std::string(def.name)] = std::move(list);
  }

  doc.add_boolean_term(s::IdTerm(a.id));
  doc.add_boolean_term(s::FileTerm(a.path));
  doc.add_boolean_term(s::FilterTerm(*s::FindFacet("lang"), out.lang));
  doc.add_value(s::kSlotLang, out.lang);
  if (!a.date.empty()) {
    std::string year = a.date.substr(0, 4);
    doc.add_boolean_term(s::FilterTerm(*s::FindFacet("year"), year));
    doc.add_boolean_term(s::MonthTerm(a.date));
    doc.add_value(s::kSlotYear, year);
    std::string ymd = a.date.substr(0, 4) + a.date.substr(5, 2) + a.date.substr(8, 2);
    doc.add_value(s::kSlotDate, ymd);
  }
  if (!a.source.empty()) {
    doc.add_boolean_term(s::SourceTerm(a.source));
    doc.add_value(s::kSlotSource, s::Slugify(a.source));
  }
  doc.add_value(s::kSlotId, a.id);
  doc.add_value(s::kSlotHash, hash);
  doc.add_value(s::kSlotPath, a.path);
  doc.add_value(s::kSlotIndexedAt, Xapian::sortable_serialise(indexed_at));

  json data = {{"id", a.id},       {"path", a.path},     {"title", a.title},
               {"date", a.date},   {"source", a.source}, {"url", a.url},
               {"author", a.author}, {"lang", out.lang}, {"body", a.body},
               {"tags", std::move(tags)}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return out;
}

}  // namespace longjing
