#include "index/retag.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "longjing/document_builder.h"
#include "longjing/langdetect.h"
#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing::index {
namespace {

namespace s = schema;
using json = nlohmann::json;
using OJson = nlohmann::ordered_json;

bool IsCommentKey(std::string_view key) { return !key.empty() && (key[0] == '_' || key[0] == '$'); }

// A facet or value object without what cannot change matching: comments,
// the label and (for a facet) its values.
OJson MatchingKeys(const OJson& object) {
  OJson out = OJson::object();
  for (const auto& [key, value] : object.items())
    if (!IsCommentKey(key) && key != "label" && key != "values") out[key] = value;
  return out;
}

struct FacetValues {
  OJson facet_keys;
  std::vector<std::string> order;      // ids in file order
  std::map<std::string, OJson> by_id;  // matching keys per id
};

std::map<std::string, FacetValues> ReadValues(const Taxonomy& taxonomy) {
  std::map<std::string, FacetValues> out;
  OJson root = OJson::parse(taxonomy.source(), nullptr, false);
  if (!root.is_object() || !root.contains("facets")) return out;
  for (const auto& [name, facet] : root["facets"].items()) {
    if (IsCommentKey(name) || !facet.is_object()) continue;
    FacetValues& fv = out[name];
    fv.facet_keys = MatchingKeys(facet);
    for (const OJson& v : facet.value("values", OJson::array())) {
      std::string id = v.value("id", "");
      fv.order.push_back(id);
      fv.by_id[id] = MatchingKeys(v);
    }
  }
  return out;
}

// The ids both lists hold, in `order`'s order.
std::vector<std::string> Common(const std::vector<std::string>& order,
                                const std::map<std::string, OJson>& other) {
  std::vector<std::string> out;
  for (const auto& id : order)
    if (other.count(id)) out.push_back(id);
  return out;
}

// A value's name and aliases by match key (text::MatchKey: what the tagger
// compares).
std::map<std::string, std::string> Names(const OJson& value) {
  std::map<std::string, std::string> out;
  if (value.contains("name") && value["name"].is_string()) {
    std::string name = value["name"];
    out.emplace(text::MatchKey(name), name);
  }
  if (value.contains("aliases") && value["aliases"].is_array())
    for (const OJson& a : value["aliases"])
      if (a.is_string()) out.emplace(text::MatchKey(a.get<std::string>()), a.get<std::string>());
  return out;
}

// Equal but for the name and the aliases.
bool SameOtherKeys(OJson a, OJson b) {
  for (OJson* v : {&a, &b}) {
    v->erase("name");
    v->erase("aliases");
  }
  return a == b;
}

}  // namespace

RetagPlan PlanRetag(const Taxonomy* before, const Taxonomy& after) {
  RetagPlan plan;
  if (!before) return plan;
  auto old_values = ReadValues(*before), new_values = ReadValues(after);
  std::set<std::string> facets;
  for (const auto& [name, unused] : old_values) facets.insert(name);
  for (const auto& [name, unused] : new_values) facets.insert(name);
  for (const std::string& facet : facets) {
    FacetValues& o = old_values[facet];
    FacetValues& n = new_values[facet];
    // Tags are listed in taxonomy order: a reorder rewrites every article.
    if (Common(o.order, n.by_id) != Common(n.order, o.by_id)) return RetagPlan{};
    bool all = o.facet_keys != n.facet_keys;
    std::set<std::string> ids(o.order.begin(), o.order.end());
    ids.insert(n.order.begin(), n.order.end());
    for (const std::string& id : ids) {
      auto a = o.by_id.find(id), b = n.by_id.find(id);
      bool had = a != o.by_id.end(), has = b != n.by_id.end();
      if (had && has && !all && a->second == b->second) continue;
      ValueChange change{facet, id, had, {}};
      if (has) {
        std::map<std::string, std::string> gained = Names(b->second);
        if (had && !all && SameOtherKeys(a->second, b->second)) {
          std::map<std::string, std::string> lost = Names(a->second);
          for (const auto& [key, unused] : Names(b->second)) lost.erase(key);
          for (const auto& [key, unused] : Names(a->second)) gained.erase(key);
          change.read_tagged = !lost.empty();
        }
        for (auto& [key, alias] : gained) change.query.push_back(alias);
      }
      plan.values.push_back(std::move(change));
    }
  }
  if (plan.values.empty() && before->fingerprint() != after.fingerprint()) return RetagPlan{};
  plan.full = false;
  return plan;
}

namespace {

// The stemmers the index's documents were indexed with (document_builder.cpp:
// a language without one is stemmed as English).
std::vector<std::string> IndexStemmers(const Xapian::Database& db) {
  std::set<std::string> names{"english"};
  std::string prefix(s::kPrefixLang);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    std::string name = StemmerName(s::ValueOfTerm(*t, prefix));
    names.insert(name.empty() ? "english" : name);
  }
  return {names.begin(), names.end()};
}

// Index terms that the plain term of a word would miss: accented ones (by
// their folded form) and elided ones ("d'alibaba", by each part).
using Irregular = std::unordered_map<std::string, std::vector<std::string>>;

Irregular IrregularTerms(const Xapian::Database& db) {
  Irregular out;
  std::string prefix(s::kPrefixStem);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string& term = *it;
    // "ZS", "ZA": the title and author copies of words also indexed plain.
    if (term.size() < 2 || (term[1] >= 'A' && term[1] <= 'Z')) continue;
    bool plain = true;
    for (size_t i = 1; i < term.size() && plain; ++i)
      plain = static_cast<unsigned char>(term[i]) < 0x80 && term[i] != '\'';
    if (plain) continue;
    std::string key = text::Fold(std::string_view(term).substr(1));
    if (key != std::string_view(term).substr(1)) out[key].push_back(term);
    if (key.find('\'') == std::string::npos) continue;
    size_t start = 0;
    for (size_t i = 0; i <= key.size(); ++i) {
      if (i < key.size() && key[i] != '\'') continue;
      if (i > start) out[key.substr(start, i - start)].push_back(term);
      start = i + 1;
    }
  }
  return out;
}

Xapian::Query FormQuery(const std::string& form, const std::string& stemmer,
                        const Irregular& irregular) {
  Xapian::TermGenerator tg;
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  tg.set_stemmer(Xapian::Stem(stemmer));
  Xapian::Document scratch;
  tg.set_document(scratch);
  tg.index_text(form);
  std::vector<Xapian::Query> all;
  for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
    std::vector<Xapian::Query> any{Xapian::Query(*t)};
    if (auto it = irregular.find((*t).substr(1)); it != irregular.end())
      for (const auto& other : it->second) any.emplace_back(other);
    all.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (all.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

}  // namespace

std::vector<Xapian::docid> AliasCandidates(const Xapian::Database& db,
                                           const std::vector<std::string>& aliases) {
  if (aliases.empty()) return {};
  std::vector<std::string> stemmers = IndexStemmers(db);
  Irregular irregular = IrregularTerms(db);
  std::vector<Xapian::Query> any;
  for (const std::string& alias : aliases) {
    std::set<std::string> forms{text::ToSimplified(alias), text::Fold(alias)};
    for (const std::string& form : forms)
      for (const std::string& stemmer : stemmers) {
        Xapian::Query q = FormQuery(form, stemmer, irregular);
        if (!q.empty()) any.push_back(std::move(q));
      }
  }
  if (any.empty()) return {};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Xapian::docid> out;
  out.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

namespace {

// Re-tags one document; true when its tags changed (and it was rewritten).
bool RetagDocument(Xapian::WritableDatabase& db, Xapian::docid did, const Tagger& tagger) {
  Xapian::Document doc = db.get_document(did);
  const std::string data = doc.get_data();
  s::DocData split = s::SplitDocData(data);
  // Schema 1 kept the body in the JSON; such an index is rebuilt from the corpus.
  if (split.body_in_fields) return false;
  json fields = json::parse(split.fields, nullptr, false);
  if (!fields.is_object()) return false;
  std::map<std::string, std::vector<std::string>> explicit_tags;
  if (auto e = fields.find("explicit"); e != fields.end() && e->is_object())
    explicit_tags = e->get<std::map<std::string, std::vector<std::string>>>();
  std::string title = fields.value("title", "");
  std::string lang = fields.value("lang", "");
  std::vector<TagCount> tags = ComputeTags(tagger, title, split.body, lang, explicit_tags, nullptr);
  Xapian::Document scratch;
  json now = ApplyTags(scratch, tags);
  if (fields.contains("tags") && fields["tags"] == now) return false;
  for (size_t f = 0; f < s::kTaxonomyFacetCount; ++f) {
    const s::FacetDef& def = s::kFacets[f];
    auto old = fields["tags"].find(std::string(def.name));
    if (old == fields["tags"].end() || !old->is_array()) continue;
    for (const json& t : *old) {
      try {
        doc.remove_term(s::FilterTerm(def, t.value("id", "")));
      } catch (const Xapian::InvalidArgumentError&) {
        // Not there: nothing to remove.
      }
    }
  }
  fields["tags"] = ApplyTags(doc, tags);
  doc.set_data(
      s::JoinDocData(fields.dump(-1, ' ', false, json::error_handler_t::replace), split.body));
  db.replace_document(did, doc);
  return true;
}

}  // namespace

RetagCounts Retag(Xapian::WritableDatabase& db, const Tagger& tagger, const RetagPlan& plan) {
  RetagCounts counts;
  counts.full = plan.full;
  std::vector<Xapian::docid> docs;
  if (plan.full) {
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) docs.push_back(*it);
  } else {
    std::set<Xapian::docid> set;
    std::vector<std::string> aliases;
    for (const ValueChange& change : plan.values) {
      const s::FacetDef* def = s::FindFacet(change.facet);
      if (def && change.read_tagged) {
        std::string term = s::FilterTerm(*def, change.id);
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) set.insert(*it);
      }
      aliases.insert(aliases.end(), change.query.begin(), change.query.end());
    }
    for (Xapian::docid d : AliasCandidates(db, aliases)) set.insert(d);
    docs.assign(set.begin(), set.end());
  }
  for (Xapian::docid d : docs) {
    ++counts.examined;
    if (RetagDocument(db, d, tagger)) ++counts.changed;
  }
  return counts;
}

}  // namespace longjing::index
