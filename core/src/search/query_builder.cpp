#include "search/query_builder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing::search {
namespace {

namespace s = schema;
using QP = Xapian::QueryParser;

// FLAG_BOOLEAN_ANY_CASE stays off so that "and" in a query is a word.
constexpr unsigned kParseFlags = QP::FLAG_PHRASE | QP::FLAG_BOOLEAN | QP::FLAG_LOVEHATE |
                                 QP::FLAG_WILDCARD | QP::FLAG_CJK_NGRAM | QP::FLAG_PURE_NOT;
// What Xapian's STEM_ALL_Z puts before every stem the TermGenerator writes.
constexpr std::string_view kStemPrefix = s::kPrefixStem;

bool AllOf(std::string_view v, int (*pred)(int)) {
  return std::all_of(v.begin(), v.end(),
                     [&](char c) { return pred(static_cast<unsigned char>(c)); });
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::optional<std::string> Unhex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

// "_city:<hex id>", written by RewriteEntities: the value's filter term, as a
// weighted term so that its wdf (the mention count) counts in the ranking.
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit EntityFieldProcessor(const s::FacetDef& facet) : facet_(facet) {}
  Xapian::Query operator()(const std::string& value) override {
    std::optional<std::string> id = Unhex(value);
    return Xapian::Query(s::FilterTerm(facet_, id ? *id : value));
  }

 private:
  const s::FacetDef& facet_;
};

// "city:Beijing", "city:北京", "lang:EN", "source:Caixin Global": ids are
// matched case-insensitively, taxonomy values also by name or alias, sources
// by their slug. A value nobody knows simply matches nothing.
class FilterFieldProcessor : public Xapian::FieldProcessor {
 public:
  FilterFieldProcessor(std::string_view field, std::string_view prefix, const Taxonomy& taxonomy)
      : field_(field), prefix_(prefix), taxonomy_(taxonomy) {}
  Xapian::Query operator()(const std::string& value) override {
    if (field_ == "source") return Xapian::Query(s::SourceTerm(value));
    std::string id = text::LowerAscii(value);
    if (const TaxonomyFacet* facet = taxonomy_.facet(field_);
        facet && !taxonomy_.value(field_, id)) {
      std::string key = text::MatchKey(value);
      for (const TaxonomyValue& v : facet->values) {
        bool named = text::MatchKey(v.name) == key ||
                     std::any_of(v.aliases.begin(), v.aliases.end(),
                                 [&](const std::string& a) { return text::MatchKey(a) == key; });
        if (named) {
          id = v.id;
          break;
        }
      }
    }
    return Xapian::Query(prefix_ + id);
  }

 private:
  std::string field_, prefix_;
  const Taxonomy& taxonomy_;
};

// "_all:1": every document (for OnlyExclusions).
constexpr std::string_view kAllDocuments = "_all:1";

class AllDocumentsFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string&) override { return Xapian::Query(std::string()); }
};

// q after ToSimplified, with the internal field prefixes ("_city:",
// "_company:", "_policy:", "_all:") a user typed turned into plain ones
// ("city:"...): only RewriteEntities and the anchor may use them. Xapian
// 1.4.22 dereferences null on "s +_company:g:n" (a field-processor prefix whose
// value holds ':', loved), which would let any query crash the server.
std::string UserText(std::string_view q) {
  std::string out = text::ToSimplified(q);
  auto word_byte = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t i = out.find('_'); i != std::string::npos; i = out.find('_', i + 1)) {
    if (i > 0 && word_byte(out[i - 1])) continue;
    std::string_view rest = std::string_view(out).substr(i + 1);
    bool internal = rest.starts_with("all:");
    for (size_t f = 0; f < s::kTaxonomyFacetCount && !internal; ++f)
      internal = rest.starts_with(std::string(s::kFacets[f].name) + ":");
    if (internal) out.erase(i, 1);
  }
  return out;
}

// True when every word of q is an exclusion ("-beijing -shanghai").
bool OnlyExclusions(std::string_view q) {
  bool any = false;
  size_t i = 0;
  while ((i = q.find_first_not_of(" \t\r\n", i)) != std::string_view::npos) {
    size_t end = q.find_first_of(" \t\r\n", i);
    std::string_view word = q.substr(i, end == std::string_view::npos ? end : end - i);
    if (word.size() < 2 || word[0] != '-') return false;
    any = true;
    i = end;
  }
  return any;
}

// Characters that glue onto a word in a spaced script: "Shanghai's",
// "Beijing-based", "JD.com". CJK characters never glue.
bool Glued(char32_t c) {
  if (c == '\'' || c == 0x2019 || c == '-' || c == '_' || c == '.' || c == '&') return true;
  return text::IsWordChar(c) && !text::IsCjk(c);
}

bool IsQuote(char32_t c) { return c == '"' || c == 0x201C || c == 0x201D; }

// The code point that ends just before byte i. REQUIRES: i > 0, valid UTF-8.
char32_t PrevCodePoint(std::string_view q, size_t& i) {
  size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(q[start]) & 0xC0) == 0x80) --start;
  size_t j = start;
  char32_t c = text::NextCodePoint(q, j);
  i = start;
  return c;
}

struct Span {
  size_t begin, end;
};

// The mention grown to the whole word it sits in, without a leading +/-
// (those are operators), so that "Shanghai's" stays one token.
Span GrowToWord(std::string_view q, Span m) {
  while (m.begin > 0) {
    size_t i = m.begin;
    if (!Glued(PrevCodePoint(q, i))) break;
    m.begin = i;
  }
  while (m.end < q.size()) {
    size_t i = m.end;
    if (!Glued(text::NextCodePoint(q, i))) break;
    m.end = i;
  }
  while (m.begin < m.end && (q[m.begin] == '-' || q[m.begin] == '+' || q[m.begin] == '_'))
    ++m.begin;
  return m;
}

bool InsideQuotes(std::string_view q, size_t pos) {
  bool inside = false;
  for (size_t i = 0; i < pos;) {
    if (IsQuote(text::NextCodePoint(q, i))) inside = !inside;
  }
  return inside;
}

// True when the word w is the value of a field:value token, or an end of a
// range a..b.
bool InFieldToken(std::string_view q, Span w) {
  size_t i = w.begin;
  while (i > 0) {
    size_t j = i;
    char32_t c = PrevCodePoint(q, j);
    if (text::IsSpace(c) || c == '(') break;
    if (c == ':') return true;
    i = j;
  }
  std::string_view rest = q.substr(w.end);
  return rest.starts_with(":") || rest.starts_with("..");
}

// NEAR and ADJ take terms, not a bracketed group.
bool NextToOperator(std::string_view q, Span w) {
  auto is_op = [](std::string_view word) {
    return word.starts_with("NEAR") || word.starts_with("ADJ");
  };
  size_t b = q.find_last_not_of(" \t", w.begin == 0 ? std::string_view::npos : w.begin - 1);
  if (w.begin > 0 && b != std::string_view::npos) {
    size_t a = q.find_last_of(" \t(", b);
    a = a == std::string_view::npos ? 0 : a + 1;
    if (is_op(q.substr(a, b + 1 - a))) return true;
  }
  size_t a = q.find_first_not_of(" \t", w.end);
  return a != std::string_view::npos && w.end != a && is_op(q.substr(a));
}

}  // namespace

Status ValidateQueryText(std::string_view q) {
  if (q.size() > kMaxQueryBytes)
    return Status::InvalidField("q", "q is " + std::to_string(q.size()) +
                                         " bytes long; the limit is " +
                                         std::to_string(kMaxQueryBytes));
  size_t bad = 0;
  if (!text::IsValidUtf8(q, &bad))
    return Status::InvalidField("q", "q is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  return Status::Ok();
}

std::string RewriteEntities(std::string_view q, const Tagger& tagger,
                            std::vector<EntityRef>* used) {
  const auto& facets = tagger.taxonomy().facets();
  std::string out;
  size_t done = 0;
  for (const Mention& m : tagger.FindMentions(q)) {
    const TaxonomyFacet& facet = facets[m.facet];
    const s::FacetDef* def = s::FindFacet(facet.name);
    if (!def || def->kind != s::FacetKind::kTaxonomy || m.begin < done) continue;
    Span w = GrowToWord(q, {m.begin, m.end});
    if (w.begin < done || w.begin >= w.end) continue;
    if (InsideQuotes(q, w.begin) || InFieldToken(q, w) || NextToOperator(q, w)) continue;
    if (w.end < q.size() && q[w.end] == '*') continue;  // a wildcard: leave it alone
    out.append(q.substr(done, w.begin - done));
    bool after_sign = w.begin > 0 && (q[w.begin - 1] == '-' || q[w.begin - 1] == '+');
    out += after_sign ? "(" : " (";
    out.append(q.substr(w.begin, w.end - w.begin));
    out += " OR _" + facet.name + ":" + Hex(facet.values[m.value].id) + ") ";
    done = w.end;
    if (used) used->push_back({facet.name, facet.values[m.value].id});
  }
  out.append(q.substr(done));
  return out;
}

// The index keeps no positions for CJK n-grams (document_builder.cpp), so a
// quoted phrase holding CJK would match nothing: its quotes go, and the
// n-grams are ANDed as for unquoted CJK, the bigrams standing in for
// adjacency. Unbalanced quotes are left to the parser.
std::string UnquoteCjk(std::string_view q) {
  std::vector<std::pair<size_t, size_t>> drop;  // quote characters to remove
  size_t open = std::string::npos, open_len = 0;
  bool cjk = false;
  for (size_t i = 0; i < q.size();) {
    size_t at = i;
    char32_t c = text::NextCodePoint(q, i);
    if (!IsQuote(c)) {
      cjk = cjk || text::IsCjk(c);
      continue;
    }
    if (open == std::string::npos) {
      open = at;
      open_len = i - at;
      cjk = false;
      continue;
    }
    if (cjk) {
      drop.emplace_back(open, open_len);
      drop.emplace_back(at, i - at);
    }
    open = std::string::npos;
  }
  std::string out(q);
  for (auto it = drop.rbegin(); it != drop.rend(); ++it) out.erase(it->first, it->second);
  return out;
}

// The index holds stems only, so "policy*" (looking for stems that start
// with "policy") would miss "policy" itself, whose stem is "polici". Each bare
// wildcard word becomes "(word* OR stem*)": broader than a prefix of words
// (running* also finds "run"), never narrower. Quoted text, field values and
// words after +/- are left as they are.
std::string StemWildcards(std::string_view q, const Xapian::Stem& stemmer) {
  std::string out;
  size_t done = 0;
  bool quoted = false;
  for (size_t i = 0; i < q.size();) {
    size_t at = i;
    char32_t c = text::NextCodePoint(q, i);
    if (IsQuote(c)) quoted = !quoted;
    if (c != '*' || quoted) continue;
    size_t begin = at;
    while (begin > done) {
      size_t j = begin;
      if (!text::IsWordChar(PrevCodePoint(q, j))) break;
      begin = j;
    }
    if (begin == at) continue;
    if (begin > 0) {
      char before = q[begin - 1];
      if (before == ':' || before == '+' || before == '-' || before == '_') continue;
    }
    std::string word(q.substr(begin, at - begin));
    std::string stem = stemmer(text::Fold(word));
    if (stem.empty() || stem == text::Fold(word)) continue;
    out.append(q.substr(done, begin - done));
    out += "(" + word + "* OR " + stem + "*)";
    done = i;
  }
  out.append(q.substr(done));
  return out;
}

// The text one parser reads, after the entity rewrite (which leaves quoted
// text alone, so quoted CJK is still taken literally).
std::string ForParser(std::string_view q, const Xapian::Stem& stemmer) {
  return StemWildcards(UnquoteCjk(q), stemmer);
}

Xapian::QueryParser QueryBuilder::MakeParser(const Xapian::Database& db, const char* stemmer,
                                             bool for_spelling) const {
  QP qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem(stemmer));
  // The index holds "Z" + stem for every word (STEM_ALL_Z). STEM_ALL_Z here
  // would write the same word terms but leave the Z off two kinds: wildcard
  // patterns ("polic*" would look for unstemmed words, which no longer
  // exist) and CJK n-grams (which the TermGenerator does stem and prefix).
  // STEM_ALL with "Z" as the prefix of every field puts it on all three.
  // Xapian corrects the spelling of default-field words only when that field
  // has no prefix, so the spelling parser keeps STEM_ALL_Z (and its query,
  // missing wildcards and CJK, is never run).
  if (for_spelling) {
    qp.set_stemming_strategy(QP::STEM_ALL_Z);
  } else {
    qp.set_stemming_strategy(QP::STEM_ALL);
    qp.add_prefix("", std::string(kStemPrefix));
  }
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       QP::FLAG_WILDCARD | QP::FLAG_PARTIAL);
  qp.add_prefix("title", std::string(kStemPrefix) + std::string(s::kPrefixTitle));
  qp.add_prefix("author", std::string(kStemPrefix) + std::string(s::kPrefixAuthor));
  for (const s::FacetDef& def : s::kFacets) {
    qp.add_boolean_prefix(std::string(def.name),
                          (new FilterFieldProcessor(def.name, def.prefix, taxonomy_))->release());
    if (def.kind == s::FacetKind::kTaxonomy)
      qp.add_prefix("_" + std::string(def.name), (new EntityFieldProcessor(def))->release());
  }
  qp.add_prefix("_all", (new AllDocumentsFieldProcessor())->release());
  qp.add_boolean_prefix(
      "source", (new FilterFieldProcessor("source", s::kPrefixSource, taxonomy_))->release());
  // "date:2024-01-01..2024-06-30" or the bare range; also YYYYMMDD.
  qp.add_rangeprocessor((new Xapian::DateRangeProcessor(s::kSlotDate, "date:"))->release());
  qp.add_rangeprocessor((new Xapian::DateRangeProcessor(s::kSlotDate))->release());
  return qp;
}

namespace {

// True when `rewritten` only adds entity terms to `original`: if the rewrite
// broke the syntax, Xapian silently re-parses it as plain words ("or" and all),
// and that parse must not be used.
bool OnlyAddsEntities(const Xapian::Query& rewritten, const Xapian::Query& original) {
  std::set<std::string> known(original.get_unique_terms_begin(), original.get_unique_terms_end());
  for (auto t = rewritten.get_unique_terms_begin(); t != rewritten.get_unique_terms_end(); ++t) {
    if (known.count(*t)) continue;
    bool entity = false;
    for (size_t f = 0; f < s::kTaxonomyFacetCount; ++f)
      entity = entity || std::string_view(*t).starts_with(s::kFacets[f].prefix);
    if (!entity) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> QueryBuilder::Correct(std::string_view q,
                                                 const Xapian::Database& db) const {
  std::string simplified = UserText(q);
  if (text::Trim(simplified).empty()) return std::nullopt;
  bool anchored = OnlyExclusions(simplified);
  if (anchored) simplified = std::string(kAllDocuments) + " " + simplified;
  return CorrectParsed(simplified, anchored, q, db);
}

std::optional<std::string> QueryBuilder::CorrectParsed(const std::string& simplified, bool anchored,
                                                       std::string_view q,
                                                       const Xapian::Database& db) const {
  QP en = MakeParser(db, "english", /*for_spelling=*/true);
  try {
    en.parse_query(simplified, kParseFlags | QP::FLAG_SPELLING_CORRECTION);
  } catch (const Xapian::QueryParserError&) {
    return std::nullopt;
  }
  std::string corrected = en.get_corrected_query_string();
  if (anchored && corrected.starts_with(kAllDocuments))
    corrected.erase(0, kAllDocuments.size() + 1);
  if (corrected.empty() || corrected == q) return std::nullopt;
  return corrected;
}

Result<TextQuery> QueryBuilder::ParseText(std::string_view q, const Xapian::Database& db,
                                          bool want_correction) const {
  if (Status st = ValidateQueryText(q); !st.ok()) return st;
  TextQuery out;
  // Not Xapian::Query::MatchAll: copying that shared global from several
  // threads races on its (non-atomic) reference count. Query("") is the same.
  out.query = Xapian::Query(std::string());
  std::string simplified = UserText(q);
  if (text::Trim(simplified).empty()) return out;
  // Xapian refuses a query of exclusions only ("-beijing") and silently
  // re-parses it as plain words, finding just what was excluded: anchor it.
  bool anchored = OnlyExclusions(simplified);
  if (anchored) simplified = std::string(kAllDocuments) + " " + simplified;

  const Xapian::Stem english_stem("english"), french_stem("french");
  QP en = MakeParser(db, "english");
  Xapian::Query original;
  try {
    original = en.parse_query(ForParser(simplified, english_stem), kParseFlags);
  } catch (const Xapian::QueryParserError& e) {
    return Status::InvalidField("q", "cannot parse q: " + e.get_msg());
  }
  if (want_correction) out.corrected = CorrectParsed(simplified, anchored, q, db);

  std::string text = simplified;
  Xapian::Query english = original;
  if (tagger_) {
    std::vector<EntityRef> entities;
    std::string rewritten = RewriteEntities(simplified, *tagger_, &entities);
    if (rewritten != simplified) {
      try {
        Xapian::Query r =
            MakeParser(db, "english").parse_query(ForParser(rewritten, english_stem), kParseFlags);
        if (OnlyAddsEntities(r, original)) {
          english = r;
          text = rewritten;
          out.entities = std::move(entities);
        }
      } catch (const Xapian::QueryParserError&) {
        // Keep the original parse: the rewrite only broadens the query.
      }
    }
  }
  if (english.empty()) return out;
  // The French parse only broadens the English one, and its wildcards are
  // stemmed differently, so it may fail where English did not: keep English.
  Xapian::Query french = english;
  try {
    french = MakeParser(db, "french").parse_query(ForParser(text, french_stem), kParseFlags);
  } catch (const Xapian::QueryParserError&) {
  }
  bool same = french.get_description() == english.get_description();
  out.query = same ? english : Xapian::Query(Xapian::Query::OP_OR, english, french);
  // Counted over the final query: a wildcard in both stemmers' parses is
  // expanded twice by the matcher, so it costs twice.
  if (Status st = CheckExpansion(out.query, db); !st.ok()) return st;
  out.blank = false;
  return out;
}

// ---- Filters ---------------------------------------------------------------

std::optional<std::string> NormalizeDate(std::string_view date) {
  std::string dashed(date);
  if (date.size() == 8 && AllOf(date, std::isdigit))
    dashed = std::string(date.substr(0, 4)) + "-" + std::string(date.substr(4, 2)) + "-" +
             std::string(date.substr(6, 2));
  if (!IsValidDate(dashed)) return std::nullopt;
  return s::DateValue(dashed);
}

namespace {

Result<std::string> NormalizeValue(const s::FacetDef& facet, std::string_view raw,
                                   const Taxonomy& taxonomy) {
  std::string v = text::LowerAscii(text::Trim(raw));
  bool ok = false;
  switch (facet.kind) {
    case s::FacetKind::kTaxonomy:
      ok = taxonomy.value(facet.name, v) != nullptr;
      break;
    case s::FacetKind::kLanguage:
      ok = (v.size() == 2 || v.size() == 3) && AllOf(v, std::islower);
      break;
    case s::FacetKind::kYear:
      ok = v.size() == 4 && AllOf(v, std::isdigit);
      break;
  }
  if (!ok)
    return Status::InvalidField(std::string(facet.name), "unknown " + std::string(facet.name) +
                                                             " value '" + std::string(raw) + "'");
  return v;
}

Status AddDateRange(const SearchRequest& r, Filters& f) {
  for (auto [name, raw, out] :
       {std::tuple{"from", &r.from, &f.from}, std::tuple{"to", &r.to, &f.to}}) {
    if (raw->empty()) continue;
    std::optional<std::string> ymd = NormalizeDate(*raw);
    if (!ymd)
      return Status::InvalidField(
          name, std::string(name) + " must be a date YYYY-MM-DD, not '" + *raw + "'");
    *out = *ymd;
  }
  if (!f.from.empty() && !f.to.empty() && f.from > f.to)
    return Status::InvalidField("from", "from (" + r.from + ") is after to (" + r.to + ")");
  if (!f.from.empty() && !f.to.empty())
    f.date = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, s::kSlotDate, f.from, f.to);
  else if (!f.from.empty())
    f.date = Xapian::Query(Xapian::Query::OP_VALUE_GE, s::kSlotDate, f.from);
  else if (!f.to.empty())
    f.date = Xapian::Query(Xapian::Query::OP_VALUE_LE, s::kSlotDate, f.to);
  return Status::Ok();
}

}  // namespace

Result<Filters> BuildFilters(const SearchRequest& request, const Taxonomy& taxonomy) {
  Filters f;
  for (const auto& [name, values] : request.filters) {
    const s::FacetDef* def = s::FindFacet(name);
    if (!def || (def->kind == s::FacetKind::kTaxonomy && !taxonomy.facet(name)))
      return Status::InvalidField(name, "unknown facet '" + name + "'");
  }
  for (const s::FacetDef& def : s::kFacets) {
    auto it = request.filters.find(std::string(def.name));
    if (it == request.filters.end() || it->second.empty()) continue;
    std::set<std::string> unique;
    for (const std::string& raw : it->second) {
      Result<std::string> v = NormalizeValue(def, raw, taxonomy);
      if (!v.ok()) return v.status();
      unique.insert(*v);
    }
    FacetFilter ff{&def, {unique.begin(), unique.end()}, {}};
    std::vector<Xapian::Query> terms;
    for (const std::string& v : ff.values) terms.emplace_back(s::FilterTerm(def, v));
    ff.query = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    f.facets.push_back(std::move(ff));
  }
  if (Status st = AddDateRange(request, f); !st.ok()) return st;
  return f;
}

const std::vector<std::string>* Filters::Selected(std::string_view facet) const {
  for (const FacetFilter& ff : facets)
    if (ff.facet->name == facet) return &ff.values;
  return nullptr;
}

Xapian::Query Filters::Combined(const s::FacetDef* except) const {
  std::vector<Xapian::Query> parts;
  for (const FacetFilter& ff : facets)
    if (ff.facet != except) parts.push_back(ff.query);
  if (!date.empty()) parts.push_back(date);
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts[0];
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

std::string Filters::Key() const {
  std::string key;
  for (const FacetFilter& ff : facets) {
    key += ff.facet->name;
    key += '=';
    for (const std::string& v : ff.values) key += v + ",";
    key += ';';
  }
  return key + "from=" + from + ";to=" + to;
}

Xapian::Query ApplyFilter(const Xapian::Query& text, const Xapian::Query& filter) {
  if (filter.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
}

}  // namespace longjing::search
