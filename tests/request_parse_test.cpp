// request_parse.h: query parameters -> SearchRequest. Only the shape is the
// server's to check; values are the core's (tests/search_test.cpp).
#include "request_parse.h"

#include <doctest/doctest.h>

#include <string>

namespace longjing::server {
namespace {

httplib::Params P(std::initializer_list<std::pair<std::string, std::string>> items) {
  httplib::Params params;
  for (const auto& [k, v] : items) params.emplace(k, v);
  return params;
}

TEST_CASE("every parameter lands in its field") {
  Result<SearchRequest> r = ParseSearchRequest(P({{"q", "robots"},
                                                  {"city", "hangzhou"},
                                                  {"city", "shenzhen"},
                                                  {"city", "hangzhou"},
                                                  {"lang", "fr"},
                                                  {"year", "2024"},
                                                  {"from", "2024-01-01"},
                                                  {"to", "2024-06-30"},
                                                  {"sort", "oldest"},
                                                  {"page", "3"},
                                                  {"per_page", "20"}}));
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  CHECK(r->q == "robots");
  CHECK(r->filters.at("city") == std::vector<std::string>{"hangzhou", "shenzhen"});
  CHECK(r->filters.at("lang") == std::vector<std::string>{"fr"});
  CHECK(r->filters.at("year") == std::vector<std::string>{"2024"});
  CHECK(r->from == "2024-01-01");
  CHECK(r->to == "2024-06-30");
  CHECK(r->sort == SortOrder::kOldest);
  CHECK(r->page == 3);
  CHECK(r->per_page == 20);
}

TEST_CASE("empty values count as absent; defaults stay") {
  Result<SearchRequest> r = ParseSearchRequest(P({{"q", ""}, {"city", ""}, {"page", ""}}));
  REQUIRE(r.ok());
  CHECK(r->q.empty());
  CHECK(r->filters.count("city") == 0);
  CHECK(r->page == 1);
  CHECK(r->per_page == 10);
  CHECK_FALSE(r->sort.has_value());
}

TEST_CASE("values are passed on unchecked: the core judges them once") {
  Result<SearchRequest> r = ParseSearchRequest(P({{"page", "0"},
                                                  {"per_page", "1000"},
                                                  {"from", "yesterday"},
                                                  {"city", "atlantis"},
                                                  {"q", std::string(5000, 'a')}}));
  REQUIRE(r.ok());
  CHECK(r->page == 0);
  CHECK(r->per_page == 1000);
  CHECK(r->from == "yesterday");
  CHECK(r->filters.at("city") == std::vector<std::string>{"atlantis"});
  CHECK(ValidateRequest(*r).field() == "page");
}

TEST_CASE("shape errors name the parameter") {
  struct Case {
    httplib::Params params;
    std::string field, message;
  };
  const Case cases[] = {
      {P({{"foo", "1"}}), "foo", "unknown parameter 'foo'"},
      {P({{"month", "2024-01"}}), "month", "unknown parameter 'month'"},
      {P({{"q", "a"}, {"q", "b"}}), "q", "parameter q given more than once"},
      {P({{"page", "abc"}}), "page", "page must be an integer, got 'abc'"},
      {P({{"per_page", "9999999999999"}}), "per_page",
       "per_page must be an integer, got '9999999999999'"},
      {P({{"sort", "random"}}), "sort", "sort must be relevance, newest or oldest, got 'random'"},
      {P({{"city", "\xC3"}}), "city", "invalid UTF-8 in parameter city"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    Result<SearchRequest> r = ParseSearchRequest(c.params);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK(r.status().field() == c.field);
    CHECK(r.status().message() == c.message);
  }
  CHECK_FALSE(ParseSearchRequest(P({{"\xFF", "1"}})).ok());
}

TEST_CASE("collapse and duplicates_of: near-duplicates shown once by default") {
  Result<SearchRequest> r = ParseSearchRequest(P({}));
  REQUIRE(r.ok());
  CHECK(r->collapse);
  CHECK(r->duplicates_of.empty());
  r = ParseSearchRequest(P({{"collapse", "false"}, {"duplicates_of", "en/a b.md"}}));
  REQUIRE(r.ok());
  CHECK_FALSE(r->collapse);
  CHECK(r->duplicates_of == "en/a b.md");
  for (const char* bad : {"no", "1", "False"}) {
    Result<SearchRequest> wrong = ParseSearchRequest(P({{"collapse", bad}}));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.status().field() == "collapse");
  }
  CHECK_FALSE(ParseSearchRequest(P({{"collapse", "true"}, {"collapse", "false"}})).ok());
}

}  // namespace
}  // namespace longjing::server
