#include "search/facet_results.h"

#include <algorithm>
#include <utility>

#include "longjing/langdetect.h"

namespace longjing::search {
namespace {

namespace s = schema;

std::string Label(const s::FacetDef& facet, const Taxonomy& taxonomy) {
  switch (facet.kind) {
    case s::FacetKind::kTaxonomy:
      if (const TaxonomyFacet* f = taxonomy.facet(facet.name)) return f->label;
      return std::string(facet.name);
    case s::FacetKind::kLanguage:
      return "Language";
    case s::FacetKind::kYear:
      return "Year";
  }
  return std::string(facet.name);
}

constexpr std::string_view kMonthFacet = "month", kMonthLabel = "Month";

std::string KindName(s::FacetKind kind) {
  switch (kind) {
    case s::FacetKind::kTaxonomy:
      return "taxonomy";
    case s::FacetKind::kLanguage:
      return "language";
    case s::FacetKind::kYear:
      return "year";
  }
  return "taxonomy";
}

// The display name of a value, or nullopt when the taxonomy dropped it.
std::optional<std::string> ValueName(const s::FacetDef& facet, const std::string& id,
                                     const Taxonomy& taxonomy) {
  switch (facet.kind) {
    case s::FacetKind::kTaxonomy:
      if (const TaxonomyValue* v = taxonomy.value(facet.name, id)) return v->name;
      return std::nullopt;
    case s::FacetKind::kLanguage:
      return LanguageName(id);
    case s::FacetKind::kYear:
      return id;
  }
  return id;
}

void SortValues(std::vector<FacetCount>& values) {
  std::sort(values.begin(), values.end(), [](const FacetCount& a, const FacetCount& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.name != b.name) return a.name < b.name;
    return a.id < b.id;
  });
}

}  // namespace

std::vector<const s::FacetDef*> ReportedFacets(const Taxonomy& taxonomy) {
  std::vector<const s::FacetDef*> out;
  for (const s::FacetDef& def : s::kFacets)
    if (def.kind != s::FacetKind::kTaxonomy || taxonomy.facet(def.name)) out.push_back(&def);
  return out;
}

SlotMode ModeOf(const s::FacetDef& facet) {
  return facet.multi_valued ? SlotMode::kSplit : SlotMode::kWhole;
}

FacetResult MakeFacet(const s::FacetDef& facet, const ValueCounts& counts,
                      const std::vector<std::string>* selected, const Taxonomy& taxonomy) {
  FacetResult out{std::string(facet.name), Label(facet, taxonomy), {}};
  auto is_selected = [&](const std::string& id) {
    return selected && std::find(selected->begin(), selected->end(), id) != selected->end();
  };
  for (const auto& [id, n] : counts) {
    if (n == 0) continue;
    std::optional<std::string> name = ValueName(facet, id, taxonomy);
    if (name) out.values.push_back({id, *name, n, is_selected(id)});
  }
  if (selected) {
    for (const std::string& id : *selected) {
      auto it = counts.find(id);
      if (it != counts.end() && it->second > 0) continue;
      std::optional<std::string> name = ValueName(facet, id, taxonomy);
      out.values.push_back({id, name ? *name : id, 0, true});
    }
  }
  SortValues(out.values);
  return out;
}

FacetResult MakeMonthFacet(const ValueCounts& counts) {
  FacetResult out{std::string(kMonthFacet), std::string(kMonthLabel), {}};
  for (const auto& [id, n] : counts)
    if (n > 0) out.values.push_back({id, id, n, false});
  SortValues(out.values);
  return out;
}

ValueCounts TermFreqCounts(const Xapian::Database& db, const s::FacetDef& facet) {
  ValueCounts out;
  const std::string prefix(facet.prefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    out[s::ValueOfTerm(*t, prefix)] += t.get_termfreq();
  }
  return out;
}

}  // namespace longjing::search

namespace longjing {

std::vector<FacetInfo> FacetCatalogue(const Taxonomy& taxonomy) {
  namespace s = schema;
  using search::KindName;
  std::vector<FacetInfo> out;
  for (const TaxonomyFacet& facet : taxonomy.facets()) {
    FacetInfo info{facet.name, facet.label, KindName(s::FacetKind::kTaxonomy), {}};
    for (const TaxonomyValue& v : facet.values) info.values.push_back({v.id, v.name});
    out.push_back(std::move(info));
  }
  for (const s::FacetDef& def : s::kFacets) {
    if (def.kind == s::FacetKind::kTaxonomy) continue;
    FacetInfo info{std::string(def.name), search::Label(def, taxonomy), KindName(def.kind), {}};
    if (def.kind == s::FacetKind::kLanguage)
      for (const KnownLanguage& l : kLanguages)
        info.values.push_back({std::string(l.code), std::string(l.name)});
    out.push_back(std::move(info));
  }
  out.push_back({std::string(search::kMonthFacet), std::string(search::kMonthLabel), "month", {}});
  return out;
}

}  // namespace longjing
