// The HTTP API of the insights: /api/pivot, /api/trends, /api/significant --
// their answers agree with /api/search on the same selection, and every bad
// parameter is a 400 naming it. Exactness against ground truth: insights_test.cpp.
#include <doctest/doctest.h>

#include "longjing/insights.h"
#include "server_fixture.h"

namespace longjing::testing {
namespace {

using nlohmann::json;

ServerFixture& Shared() { return SharedServer(); }

uint64_t FacetCount(const json& search, const std::string& facet, const std::string& id) {
  for (const auto& v : search["facets"][facet])
    if (v["id"] == id) return v["count"];
  return 0;
}

TEST_CASE("pivot: shape, and cells that agree with /api/search") {
  auto& s = Shared();
  json p = s.GetJson("/api/pivot?rows=city&cols=policy&rows_size=5&cols_size=4");
  REQUIRE(p["rows"]["values"].size() <= 5);
  REQUIRE(!p["rows"]["values"].empty());
  CHECK(p["rows"]["facet"] == "city");
  CHECK(p["cols"]["facet"] == "policy");
  CHECK(p["cells"].size() == p["rows"]["values"].size());
  json all = s.GetJson(Q("per_page=1"));
  CHECK(p["total"] == all["total"]);
  // Cell (i, j) is the total of a search filtered by both values.
  for (size_t i = 0; i < 2 && i < p["rows"]["values"].size(); ++i) {
    const json& row = p["rows"]["values"][i];
    CHECK(row["count"] == FacetCount(all, "city", row["id"]));
    CHECK(row.contains("name"));
    for (size_t j = 0; j < p["cols"]["values"].size(); ++j) {
      std::string id = p["cols"]["values"][j]["id"];
      json both = s.GetJson(Q("per_page=1&city=" + row["id"].get<std::string>() + "&policy=" + id));
      CHECK_MESSAGE(p["cells"][i][j] == both["total"], row["id"] << " x " << id);
    }
  }
}

TEST_CASE("pivot with a text query and filters is the search's selection") {
  auto& s = Shared();
  json p = s.GetJson("/api/pivot?rows=company&cols=company&q=Shenzhen&lang=en");
  json search = s.GetJson(Q("q=Shenzhen&lang=en&per_page=1"));
  CHECK(p["total"] == search["total"]);
  for (size_t i = 0; i < p["rows"]["values"].size(); ++i)  // a facet crossed with itself
    CHECK(p["cells"][i][i] == p["rows"]["values"][i]["count"]);
}

TEST_CASE("trends: contiguous buckets that add up with the undated to the total") {
  auto& s = Shared();
  json t = s.GetJson("/api/trends?facet=city&interval=year&size=3");
  CHECK(t["facet"] == "city");
  CHECK(t["interval"] == "year");
  CHECK(t["series"].size() == 3);
  uint64_t sum = t["undated"];
  for (const auto& n : t["total"]) sum += n.get<uint64_t>();
  CHECK(sum == s.GetJson(Q("per_page=1"))["total"]);
  const json& b = t["buckets"];
  REQUIRE(b.size() >= 2);
  CHECK(std::stoi(b.back().get<std::string>()) - std::stoi(b.front().get<std::string>()) + 1 ==
        static_cast<int>(b.size()));
  for (const auto& series : t["series"]) {
    CHECK(series["counts"].size() == b.size());
    CHECK(series["change"].is_number());
    CHECK(series["total"] == FacetCount(s.GetJson(Q("per_page=1")), "city", series["id"]));
  }
  json m = s.GetJson("/api/trends?facet=company&interval=month&value=huawei&value=byd&year=2021");
  CHECK(m["series"].size() == 2);
  for (const auto& label : m["buckets"]) CHECK(label.get<std::string>().rfind("2021-", 0) == 0);
}

TEST_CASE("significant: an answer for every facet and for words") {
  auto& s = Shared();
  for (const char* facet : {"city", "company", "policy", "terms"}) {
    json r = s.GetJson(std::string("/api/significant?facet=") + facet + "&city=hangzhou&size=5");
    CHECK(r["facet"] == facet);
    CHECK(r["background"] == s.GetJson(Q("per_page=1"))["total"]);
    CHECK(r["values"].size() <= 5);
    double last = 1e300;
    for (const auto& v : r["values"]) {
      CHECK(v["score"].get<double>() <= last);
      last = v["score"];
      CHECK(v["fg"].get<uint64_t>() >= kMinSignificantForeground);
      // The selected city is no finding (for words, "hangzhou" may well be one).
      if (std::string(facet) == "city") CHECK(v["id"] != "hangzhou");
    }
  }
}

TEST_CASE("insights errors are 400s naming the parameter") {
  auto& s = Shared();
  struct Row {
    const char* path;
    const char* expect;
  };
  const Row rows[] = {
      {"/api/pivot?cols=policy", "rows"},
      {"/api/pivot?rows=town&cols=policy", "rows"},
      {"/api/pivot?rows=city&cols=month", "cols"},
      {"/api/pivot?rows=city&cols=policy&rows_size=101", "rows_size"},
      {"/api/pivot?rows=city&cols=policy&cols_size=0", "cols_size"},
      {"/api/pivot?rows=city&cols=policy&rows_size=ten", "rows_size"},
      {"/api/pivot?rows=city&rows=company&cols=policy", "rows"},
      {"/api/pivot?rows=city&cols=policy&page=2", "page"},
      {"/api/pivot?rows=city&cols=policy&city=atlantis", "atlantis"},
      {"/api/trends?facet=city&interval=week", "interval"},
      {"/api/trends?facet=town", "facet"},
      {"/api/trends?facet=city&size=31", "size"},
      {"/api/trends?facet=city&value=atlantis", "value"},
      {"/api/trends?facet=city&from=2024-02-30", "from"},
      {"/api/significant?facet=year", "facet"},
      {"/api/significant", "facet"},
      {"/api/significant?facet=terms&size=51", "size"},
      {"/api/significant?facet=city&sort=newest", "sort"},
  };
  for (const Row& row : rows) {
    json e = s.GetJson(row.path, 400);
    CHECK(e["error"]["code"] == "invalid_argument");
    CHECK_MESSAGE(e["error"]["message"].get<std::string>().find(row.expect) != std::string::npos,
                  row.path << ": " << e["error"]["message"]);
  }
}

}  // namespace
}  // namespace longjing::testing
