#include "search/article_view.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing::search {
namespace {

using json = nlohmann::json;

std::string Field(const json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<TagRef> ReadTags(const json& list, const std::string& facet, const Taxonomy& taxonomy) {
  std::vector<TagRef> out;
  if (!list.is_array()) return out;
  for (const json& t : list) {
    if (!t.is_object() || !t.contains("id") || !t["id"].is_string()) continue;
    std::string id = t["id"].get<std::string>();
    const TaxonomyValue* v = taxonomy.value(facet, id);
    if (!v) continue;
    int count = t.contains("count") && t["count"].is_number_integer() ? t["count"].get<int>() : 0;
    out.push_back({id, v->name, count});
  }
  return out;
}

std::string Rfc3339(double unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

// Ascending offsets within the body, the first 0; anything else (a damaged
// or foreign document) reads as no pages.
std::vector<size_t> PageStarts(const json& data, size_t body_size) {
  std::vector<size_t> out;
  auto it = data.find(std::string(schema::kFieldPages));
  if (it == data.end() || !it->is_array()) return out;
  for (const json& v : *it) {
    if (!v.is_number_unsigned()) return {};
    size_t offset = v.get<size_t>();
    if (offset > body_size || (out.empty() ? offset != 0 : offset < out.back())) return {};
    out.push_back(offset);
  }
  return out;
}

}  // namespace

StoredArticle ReadStored(const Xapian::Document& doc, const Taxonomy& taxonomy) {
  StoredArticle a;
  std::string first_seen = doc.get_value(schema::kSlotFirstSeen);
  if (!first_seen.empty()) a.hit.first_seen = Rfc3339(Xapian::sortable_unserialise(first_seen));
  const std::string stored = doc.get_data();
  schema::DocData parts = schema::SplitDocData(stored);
  json data = json::parse(parts.fields, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) {
    a.hit.id = doc.get_value(schema::kSlotId);
    return a;
  }
  a.hit.id = Field(data, "id");
  a.hit.title = Field(data, "title");
  a.hit.date = Field(data, "date");
  a.hit.source = Field(data, "source");
  a.hit.url = Field(data, "url");
  a.hit.lang = Field(data, "lang");
  a.author = Field(data, "author");
  a.path = Field(data, "path");
  a.body = parts.body_in_fields ? Field(data, "body") : std::string(parts.body);
  a.page_starts = PageStarts(data, a.body.size());
  auto tags = data.find("tags");
  for (size_t f = 0; f < schema::kTaxonomyFacetCount; ++f) {
    std::string facet(schema::kFacets[f].name);
    if (tags == data.end() || !tags->is_object() || !tags->contains(facet)) continue;
    std::vector<TagRef> refs = ReadTags((*tags)[facet], facet, taxonomy);
    if (!refs.empty()) a.hit.tags[facet] = std::move(refs);
  }
  return a;
}

std::vector<Mention16> MentionsUtf16(std::string_view body, std::string_view lang,
                                     const Tagger& tagger) {
  std::vector<Mention16> out;
  const auto& facets = tagger.taxonomy().facets();
  // One forward walk: mentions come in text order and never overlap.
  size_t byte = 0, unit = 0;
  auto advance_to = [&](size_t target) {
    while (byte < target && byte < body.size()) {
      char32_t c = text::NextCodePoint(body, byte);
      unit += c >= 0x10000 ? 2 : 1;
    }
    return unit;
  };
  for (const Mention& m : tagger.FindMentions(body, lang)) {
    const TaxonomyFacet& facet = facets[m.facet];
    size_t start = advance_to(m.begin);
    size_t end = advance_to(m.end);
    out.push_back({facet.name, facet.values[m.value].id, start, end});
  }
  return out;
}

}  // namespace longjing::search
