// json_encode.h: the API's JSON shapes, from core results.
#include "json_encode.h"

#include <doctest/doctest.h>

#include "longjing/langdetect.h"
#include "test_support.h"

namespace longjing::server {
namespace {

using nlohmann::json;

Hit SampleHit() {
  Hit h;
  h.id = "en/a.md";
  h.title = "Robots";
  h.source = "Caixin";
  h.url = "https://example.com/a";
  h.lang = "en";
  h.snippet = "<mark>robots</mark> in Beijing";
  h.score = 1.5;
  h.duplicates = 2;
  h.tags["city"] = {{"beijing", "Beijing", 3}};
  return h;
}

TEST_CASE("a hit: every tag facet present, null date when undated, no counts") {
  json j = EncodeHit(SampleHit());
  CHECK(j["id"] == "en/a.md");
  CHECK(j["date"].is_null());
  CHECK(j["snippet"] == "<mark>robots</mark> in Beijing");
  CHECK(j["score"] == 1.5);
  CHECK(j["duplicates"] == 2);  // near-duplicates collapsed into the hit
  CHECK(j["city"] == json::array({{{"id", "beijing"}, {"name", "Beijing"}}}));
  CHECK(j["company"] == json::array());
  CHECK(j["policy"] == json::array());
}

TEST_CASE("a search result: facets by name, corrected_q null unless given") {
  SearchResult r;
  r.query = "robts";
  r.total = 1;
  r.hits.push_back(SampleHit());
  r.facets.push_back({"lang", "Language", {{"en", "English", 1, true}}});
  json j = EncodeSearchResult(r);
  CHECK(j["total"] == 1);
  CHECK(j["total_exact"] == true);
  CHECK(j["corrected_q"].is_null());
  CHECK(j["hits"].size() == 1);
  CHECK(j["facets"]["lang"][0] ==
        json{{"id", "en"}, {"name", "English"}, {"count", 1}, {"selected", true}});
  r.corrected_q = "robots";
  CHECK(EncodeSearchResult(r)["corrected_q"] == "robots");
}

TEST_CASE("an article: tag counts, mentions, related hits") {
  ArticleView a;
  a.meta = SampleHit();
  a.meta.date = "2024-05-01";
  a.body = "Robots in Beijing.";
  a.mentions.push_back({"city", "beijing", 10, 17});
  a.related.push_back(SampleHit());
  json j = EncodeArticle(a);
  CHECK(j["date"] == "2024-05-01");
  CHECK(j["city"][0]["count"] == 3);
  CHECK(j["mentions"][0] == json{{"facet", "city"}, {"id", "beijing"}, {"start", 10}, {"end", 17}});
  CHECK(j["related"].size() == 1);
  CHECK_FALSE(j.contains("snippet"));
}

TEST_CASE("the taxonomy: the core's catalogue, taxonomy facets then lang, year, month") {
  Result<Taxonomy> t = Taxonomy::Load(testing::SourceDir() + "/tests/data/taxonomy/good.json");
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  json j = EncodeTaxonomy(*t);
  std::vector<std::string> names, kinds;
  for (const json& f : j["facets"]) {
    names.push_back(f["name"]);
    kinds.push_back(f["kind"]);
  }
  REQUIRE(names.size() >= 4);
  CHECK(names.back() == "month");
  CHECK(kinds.back() == "month");
  CHECK(names[names.size() - 2] == "year");
  CHECK(names[names.size() - 3] == "lang");
  CHECK(names.front() == "city");
  CHECK(j["facets"][0]["kind"] == "taxonomy");
  CHECK(j["facets"][0]["values"][0] == json{{"id", "hangzhou"}, {"name", "Hangzhou"}});
  const json& lang = j["facets"][names.size() - 3];
  CHECK(lang["label"] == "Language");
  CHECK(lang["values"].size() == kLanguages.size());
  CHECK(lang["values"][1] == json{{"id", "fr"}, {"name", "Français"}});
}

TEST_CASE("Dump keeps the body valid UTF-8") {
  CHECK(Dump(json("a\xFF"
                  "b")) ==
        "\"a\xEF\xBF\xBD"
        "b\"");
  CHECK(Dump(json{{"k", "杭州"}}) == "{\"k\":\"杭州\"}");
}

}  // namespace
}  // namespace longjing::server
