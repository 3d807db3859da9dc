// Taxonomy: loading the good fixture, and one case per validation error,
// checking the message names the file and the line/column or JSON path.
#include "longjing/taxonomy.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace longjing {
namespace {

std::string Fixture(std::string_view name) {
  return testing::SourceDir() + "/tests/data/taxonomy/" + std::string(name);
}

TEST_CASE("the good fixture loads in file order") {
  auto loaded = Taxonomy::Load(Fixture("good.json"));
  REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
  const Taxonomy& t = *loaded;
  REQUIRE(t.facets().size() == 3);
  CHECK(t.facets()[0].name == "city");
  CHECK(t.facets()[1].name == "company");
  CHECK(t.facets()[2].name == "policy");
  CHECK(t.facets()[0].label == "City");
  CHECK(t.facets()[1].label == "Company");  // defaulted
  CHECK(t.facets()[2].label == "Policy type");

  const auto& cities = t.facets()[0].values;
  REQUIRE(cities.size() == 3);
  CHECK(cities[0].id == "hangzhou");
  CHECK(cities[1].id == "beijing");
  CHECK(cities[2].id == "hong-kong");
  CHECK(cities[1].name == "Beijing");
  CHECK(cities[1].aliases == std::vector<std::string>{"Pékin", "Peking", "北京"});

  const TaxonomyValue* deepseek = t.value("company", "deepseek");
  REQUIRE(deepseek != nullptr);
  CHECK(deepseek->aliases.empty());  // the name alone is enough
  CHECK(t.value("company", "nope") == nullptr);
  CHECK(t.value("nope", "huawei") == nullptr);
  REQUIRE(t.facet("policy") != nullptr);
  CHECK(t.facet("policy")->values.size() == 1);
  CHECK(t.facet("lang") == nullptr);

  CHECK(t.fingerprint().size() == 16);
}

TEST_CASE("fingerprint follows content, not layout") {
  auto a = Taxonomy::Parse(R"({"facets": {"city": {"values": [{"id": "x", "name": "X"}]}}})", "a");
  auto b = Taxonomy::Parse(
      "{\n  \"facets\" : {\"city\": {\"label\": \"City\", \"values\": "
      "[{\"name\": \"X\", \"id\": \"x\", \"aliases\": []}]}}\n}",
      "b");
  auto c = Taxonomy::Parse(R"({"facets": {"city": {"values": [{"id": "x", "name": "Y"}]}}})", "c");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(a->fingerprint() == b->fingerprint());
  CHECK(a->fingerprint() != c->fingerprint());
}

TEST_CASE("a missing file is an I/O error naming the path") {
  std::string path = Fixture("no-such-file.json");
  auto loaded = Taxonomy::Load(path);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().code() == Code::kIoError);
  CHECK(loaded.status().message().find(path) != std::string::npos);
}

TEST_CASE("a directory is an I/O error") {
  testing::TempDir dir;
  auto loaded = Taxonomy::Load(dir.path());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().code() == Code::kIoError);
}

TEST_CASE("bad fixtures") {
  struct Case {
    const char* file;
    std::vector<std::string> expected;  // substrings of the message
  };
  const Case cases[] = {
      {"bad_syntax.json", {"bad_syntax.json", "line 5, column 59", "invalid JSON"}},
      {"bad_slug.json",
       {"bad_slug.json", "facets.city.values[3].id: must be a lowercase ASCII slug"}},
      {"duplicate_alias.json",
       {"duplicate_alias.json", "facets.company.values[1].aliases[1]", "北京",
        "company/beijing-auto", "facets.city.values[0].aliases[0]"}},
      {"missing_facets.json", {"missing_facets.json", "facets: required object is missing"}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.file));
    auto loaded = Taxonomy::Load(Fixture(c.file));
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.status().code() == Code::kParseError);
    for (const std::string& e : c.expected) {
      CAPTURE(e);
      CHECK_MESSAGE(loaded.status().message().find(e) != std::string::npos,
                    loaded.status().message());
    }
  }
}

// Found by tests/fuzz/taxonomy_fuzz: nlohmann throws out_of_range, not
// parse_error, for a number that overflows a double; it escaped Parse and
// ended the program (server and indexer) at start-up.
TEST_CASE("a number too large for a double is a parse error") {
  for (const char* json : {R"({"facets": [3e517]})", R"({"facets": {"city": {"x": -1e999}}})"}) {
    CAPTURE(json);
    auto parsed = Taxonomy::Parse(json, "t.json");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == Code::kParseError);
    CHECK(parsed.status().message().find("t.json: invalid JSON") == 0);
    CHECK(parsed.status().message().find("number overflow") != std::string::npos);
  }
}

TEST_CASE("content errors name the JSON path") {
  struct Case {
    const char* json;
    const char* expected;
  };
  const Case cases[] = {
      // Syntax, with line and column in characters (not bytes).
      {"", "t.json: line 1, column 1: invalid JSON"},
      {"{\n  \"facets\": {\"城市\": tru}\n}", "t.json: line 2, column 23: invalid JSON"},
      {"{\"facets\": {}", "line 1, column 13"},
      {"{\"facets\": {}} x", "line 1, column 16"},
      // Shape.
      {"[]", "t.json: (top level): must be an object"},
      {"{\"facets\": []}", "t.json: facets: must be an object"},
      {"{\"facets\": {}, \"facet\": {}}", "t.json: facet: unknown key (expected facets)"},
      {"{\"facets\": {\"city\": []}}", "facets.city: must be an object"},
      {"{\"facets\": {\"City\": {\"values\": []}}}",
       "facets.City: facet name must be a lowercase ASCII slug"},
      {"{\"facets\": {\"city\": {}}}", "facets.city.values: required array is missing"},
      {"{\"facets\": {\"city\": {\"values\": {}}}}", "facets.city.values: must be an array"},
      {"{\"facets\": {\"city\": {\"label\": \"\", \"values\": []}}}",
       "facets.city.label: must be a non-empty string"},
      {"{\"facets\": {\"city\": {\"lable\": \"City\", \"values\": []}}}",
       "facets.city.lable: unknown key (expected label, values, exact)"},
      // Values.
      {R"({"facets": {"city": {"values": ["hangzhou"]}}})",
       "facets.city.values[0]: must be an object"},
      {R"({"facets": {"city": {"values": [{"name": "X"}]}}})",
       "facets.city.values[0].id: required string is missing"},
      {R"({"facets": {"city": {"values": [{"id": "", "name": "X"}]}}})",
       "facets.city.values[0].id: must be a lowercase ASCII slug (a-z, 0-9, '-')"},
      {R"({"facets": {"city": {"values": [{"id": "hang_zhou", "name": "X"}]}}})",
       "facets.city.values[0].id: must be a lowercase ASCII slug"},
      {R"({"facets": {"city": {"values": [{"id": 7, "name": "X"}]}}})",
       "facets.city.values[0].id: must be a lowercase ASCII slug"},
      {R"({"facets": {"city": {"values": [{"id": "x"}]}}})",
       "facets.city.values[0].name: required string is missing"},
      {R"({"facets": {"city": {"values": [{"id": "x", "name": "  "}]}}})",
       "facets.city.values[0].name: must be a non-empty string"},
      {R"({"facets": {"city": {"values": [{"id": "x", "name": "X", "aliases": "Y"}]}}})",
       "facets.city.values[0].aliases: must be an array of strings"},
      {R"({"facets": {"city": {"values": [{"id": "x", "name": "X", "aliases": ["Y", 3]}]}}})",
       "facets.city.values[0].aliases[1]: must be a string"},
      {R"({"facets": {"city": {"values": [{"id": "x", "name": "X", "alias": ["Y"]}]}}})",
       "facets.city.values[0].alias: unknown key (expected id, name, aliases, exact)"},
      {R"({"facets": {"city": {"values": [{"id": "x", "name": "X", "aliases": [" "]}]}}})",
       "facets.city.values[0].aliases[0]: alias \"\" is empty once folded"},
      {R"({"facets": {"city": {"values": [{"id": "x", "name": "X"}, {"id": "x", "name": "Y"}]}}})",
       "facets.city.values[1].id: duplicate id \"x\" (also facets.city.values[0])"},
      // Ambiguous aliases, once folded (case, accents, Traditional, spaces).
      {R"({"facets": {"city": {"values": [
           {"id": "a", "name": "A", "aliases": ["Pékin"]},
           {"id": "b", "name": "B", "aliases": ["PEKIN"]}]}}})",
       "facets.city.values[1].aliases[0]: alias \"PEKIN\" of city/b folds to \"pekin\", "
       "already an alias of facets.city.values[0].aliases[0]"},
      {R"({"facets": {"city": {"values": [{"id": "a", "name": "華為"}]},
                      "company": {"values": [{"id": "b", "name": "B", "aliases": ["华为"]}]}}})",
       "facets.company.values[0].aliases[0]: alias \"华为\" of company/b folds to \"华为\", "
       "already an alias of facets.city.values[0].name"},
      {R"({"facets": {"city": {"values": [
           {"id": "a", "name": "Hong Kong"},
           {"id": "b", "name": "Hong  Kong"}]}}})",
       "facets.city.values[1].name: alias \"Hong  Kong\" of city/b"},
      // Duplicate keys would otherwise be silently merged.
      {R"({"facets": {"city": {"values": [{"id": "a", "name": "A", "id": "b"}]}}})",
       "t.json: facets.city.values[0]: duplicate key \"id\""},
      {R"({"facets": {}, "facets": {}})", "t.json: (top level): duplicate key \"facets\""},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.json));
    auto parsed = Taxonomy::Parse(c.json, "t.json");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == Code::kParseError);
    CHECK_MESSAGE(parsed.status().message().find(c.expected) != std::string::npos,
                  parsed.status().message());
  }
}

TEST_CASE("accepted variations") {
  const char* ok[] = {
      R"({"facets": {}})",
      R"({"facets": {"city": {"values": []}}})",
      // The same alias twice on one value, or equal to its name, is harmless.
      R"({"facets": {"city": {"values": [{"id": "a", "name": "A", "aliases": ["A", "a", "Ａ"]}]}}})",
      // Comment keys.
      R"({"$schema": "x", "facets": {"_note": 1, "city": {"_c": [], "values": [
           {"id": "a-1", "name": "A", "_why": "because"}]}}})",
      // A UTF-8 byte order mark.
      "\xEF\xBB\xBF{\"facets\": {}}",
  };
  for (const char* json : ok) {
    CAPTURE(std::string(json));
    auto parsed = Taxonomy::Parse(json, "t.json");
    CHECK_MESSAGE(parsed.ok(), parsed.status().ToString());
  }
  auto parsed = Taxonomy::Parse(
      R"({"facets": {"policy-type": {"values": [{"id": "a", "name": " A ", "aliases": [" b "]}]}}})",
      "t.json");
  REQUIRE(parsed.ok());
  CHECK(parsed->facets()[0].label == "Policy-type");
  CHECK(parsed->facets()[0].values[0].name == "A");
  CHECK(parsed->facets()[0].values[0].aliases == std::vector<std::string>{"b"});
}

}  // namespace
}  // namespace longjing
