#include "json_encode.h"

#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing::server {
namespace {

using nlohmann::json;

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json EncodeTags(const Hit& hit, bool with_counts) {
  json out = json::object();
  for (size_t i = 0; i < schema::kTaxonomyFacetCount; ++i) {
    std::string facet(schema::kFacets[i].name);
    json values = json::array();
    if (auto it = hit.tags.find(facet); it != hit.tags.end()) {
      for (const TagRef& tag : it->second) {
        json v = {{"id", tag.id}, {"name", tag.name}};
        if (with_counts) v["count"] = tag.count;
        values.push_back(std::move(v));
      }
    }
    out[facet] = std::move(values);
  }
  return out;
}

json EncodeMeta(const Hit& hit, bool with_counts) {
  // Indexes built before urls were checked at parse time may hold javascript: ones.
  std::string url = text::IsHttpUrl(hit.url) ? hit.url : "";
  json out = {{"id", hit.id},
              {"title", hit.title},
              {"date", NullIfEmpty(hit.date)},
              {"source", hit.source},
              {"url", url},
              {"lang", hit.lang},

              {"first_seen", NullIfEmpty(hit.first_seen)}};
  json tags = EncodeTags(hit, with_counts);
  for (auto& [facet, values] : tags.items()) out[facet] = values;
  return out;
}

}  // namespace

json EncodeHit(const Hit& hit) {
  json out = EncodeMeta(hit, false);
  out["snippet"] = hit.snippet;
  if (hit.page > 0) out["page"] = hit.page;
  out["score"] = hit.score;
  out["duplicates"] = hit.duplicates;
  return out;
}

json EncodeSearchResult(const SearchResult& result) {
  json hits = json::array();
  for (const Hit& hit : result.hits) hits.push_back(EncodeHit(hit));
  json facets = json::object();
  for (const FacetResult& facet : result.facets) {
    json values = json::array();
    for (const FacetCount& v : facet.values)
      values.push_back(
          {{"id", v.id}, {"name", v.name}, {"count", v.count}, {"selected", v.selected}});
    facets[facet.name] = std::move(values);
  }
  return {{"query", result.query},
          {"total", result.total},
          {"total_exact", result.total_exact},
          {"took_ms", result.took_ms},
          {"corrected_q", result.corrected_q ? json(*result.corrected_q) : json(nullptr)},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)}};
}

json EncodeArticle(const ArticleView& article) {
  json out = EncodeMeta(article.meta, true);
  out["author"] = article.author;
  out["path"] = article.path;
  out["body"] = article.body;
  if (!article.page_starts.empty()) out["pages"] = article.page_starts;
  json mentions = json::array();
  for (const Mention16& m : article.mentions)
    mentions.push_back({{"facet", m.facet}, {"id", m.id}, {"start", m.start}, {"end", m.end}});
  out["mentions"] = std::move(mentions);
  json related = json::array();
  for (const Hit& hit : article.related) related.push_back(EncodeHit(hit));
  out["related"] = std::move(related);
  return out;
}

json EncodeTaxonomy(const Taxonomy& taxonomy) {
  json facets = json::array();
  for (const FacetInfo& facet : FacetCatalogue(taxonomy)) {
    json values = json::array();
    for (const FacetInfo::Value& v : facet.values)
      values.push_back({{"id", v.id}, {"name", v.name}});
    facets.push_back({{"name", facet.name},
                      {"label", facet.label},
                      {"kind", facet.kind},
                      {"values", std::move(values)}});
  }
  return {{"facets", std::move(facets)}};
}

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void WriteJson(httplib::Response& res, const json& value, int status) {
  res.status = status;
  res.set_content(Dump(value), "application/json; charset=utf-8");
}

}  // namespace longjing::server
