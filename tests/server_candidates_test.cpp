// GET /api/taxonomy/candidates over the shared test server (the demo corpus
// and the test articles): the documented shape, limits, and a 400 naming
// each bad parameter. What the extractor finds: candidates_test.cpp.
#include <doctest/doctest.h>

#include "server_fixture.h"

namespace longjing::testing {
namespace {

using nlohmann::json;

TEST_CASE("candidates: shape of the answer") {
  auto& s = SharedServer();
  json all = s.GetJson("/api/taxonomy/candidates?facet=company");
  CHECK(all["facet"] == "company");
  REQUIRE(all["candidates"].is_array());
  REQUIRE_FALSE(all["candidates"].empty());
  CHECK(all["candidates"].size() <= 20);
  int previous = INT32_MAX;
  for (const json& c : all["candidates"]) {
    CHECK(c["text"].is_string());
    CHECK(c["articles"].get<int>() >= 2);
    CHECK(c["articles"].get<int>() <= previous);  // most articles first
    previous = c["articles"].get<int>();
    CHECK_FALSE(c["languages"].empty());
    REQUIRE(c["examples"].is_array());
    CHECK(c["examples"].size() <= 3);
    for (const json& e : c["examples"])
      CHECK(e.get<std::string>().find("<mark>") != std::string::npos);
    CHECK((c["duplicate_of"].is_null() || c["duplicate_of"].contains("id")));
  }
  // "Black Myth", the game by Game Science, is named in two demo articles
  // and in no taxonomy value.
  bool found = false;
  for (const json& c : all["candidates"]) found = found || c["text"] == "Black Myth";
  CHECK(found);

  json one = s.GetJson("/api/taxonomy/candidates?facet=company&limit=1");
  REQUIRE(one["candidates"].size() == 1);
  CHECK(one["candidates"][0] == all["candidates"][0]);  // the same list, cut
  json city = s.GetJson("/api/taxonomy/candidates?facet=city&limit=200");
  CHECK(city["facet"] == "city");
}

TEST_CASE("candidates: each bad parameter is a 400 naming it") {
  auto& s = SharedServer();
  struct Bad {
    const char* query;
    const char* field;
  };
  for (const Bad& b :
       {Bad{"", "facet"}, Bad{"facet=sector", "facet"}, Bad{"facet=company&limit=0", "limit"},
        Bad{"facet=company&limit=201", "limit"}, Bad{"facet=company&limit=ten", "limit"},
        Bad{"facet=city&size=3", "size"}, Bad{"facet=city&facet=company", "facet"}}) {
    CAPTURE(b.query);
    auto res = s.Get(std::string("/api/taxonomy/candidates?") + b.query);
    REQUIRE(res);
    CHECK(res->status == 400);
    json body = json::parse(res->body);
    CHECK(body["error"]["field"] == b.field);
  }
}

}  // namespace
}  // namespace longjing::testing
