// The taxonomy over HTTP: GET with its version as ETag, PUT/DELETE of one
// value (auth, validation naming the field, If-Match and 409, the file
// written with a backup, articles re-tagged before the answer), the preview,
// and a hand edit of the file noticed by the running server.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "longjing/taxonomy_edit.h"
#include "server_fixture.h"
#include "taxonomy_editor.h"

namespace longjing::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct TaxonomyServer {
  TempDir tmp;
  std::string file = tmp / "taxonomy.json";
  std::unique_ptr<ServerFixture> s;

  explicit TaxonomyServer(bool watch = true) {
    fs::copy_file(SourceDir() + "/config/taxonomy.json", file);
    ServerOptions o;
    o.watch = watch;
    o.taxonomy_file = file;
    s = std::make_unique<ServerFixture>(o);
    WriteFile(s->corpus + "/extra/quagga.md",
              "---\ntitle: Quagga news\ndate: 2024-05-06\nlang: en\n---\n\n"
              "The Quaggatown science park opened near the river.\n");
    if (!watch) s->BuildIndex();
    s->Start();
  }

  httplib::Result Put(const std::string& path, const std::string& body, httplib::Headers headers) {
    return s->client->Put(path.c_str(), headers, body, "application/json");
  }
  httplib::Headers Auth() { return s->Auth(); }
  httplib::Headers AuthIfMatch(const std::string& etag) {
    httplib::Headers h = s->Auth();
    h.emplace("If-Match", etag);
    return h;
  }
  std::string ETag() {
    auto res = s->Get("/api/taxonomy");
    REQUIRE(res);
    return res->get_header_value("ETag");
  }
  uint64_t CityTotal(const std::string& id) {
    return s->GetJson(Q("city=" + id))["total"].get<uint64_t>();
  }
};

TEST_CASE("If-Match lists, quotes, weak tags and the wildcard") {
  using server::IfMatchAccepts;
  CHECK(IfMatchAccepts("\"abc\"", "abc"));
  CHECK(IfMatchAccepts("abc", "abc"));
  CHECK(IfMatchAccepts("W/\"abc\"", "abc"));
  CHECK(IfMatchAccepts("\"x\", \"abc\"", "abc"));
  CHECK(IfMatchAccepts("*", "abc"));
  CHECK_FALSE(IfMatchAccepts("\"abd\"", "abc"));
  CHECK_FALSE(IfMatchAccepts("", "abc"));
  CHECK_FALSE(IfMatchAccepts("\"ab\"c", "abc"));
}

TEST_CASE("GET /api/taxonomy carries the file's version as ETag") {
  TaxonomyServer t;
  auto res = t.s->Get("/api/taxonomy?aliases=1");
  REQUIRE(res);
  CHECK(res->status == 200);
  std::string version = TaxonomyVersion(ReadFile(t.file));
  CHECK(res->get_header_value("ETag") == "\"" + version + "\"");
  json body = json::parse(res->body);
  CHECK(body["version"] == version);
  CHECK(body["facets"][0]["values"][0].contains("aliases"));
  CHECK_FALSE(t.s->GetJson("/api/taxonomy")["facets"][0]["values"][0].contains("aliases"));
}

TEST_CASE("PUT adds a value: file written with a backup, articles re-tagged at once") {
  TaxonomyServer t;
  std::string before = ReadFile(t.file);
  std::string etag = t.ETag();
  CHECK(t.s->GetJson(Q("q=quaggatown"))["total"] == 1);
  auto res = t.Put("/api/taxonomy/city/quaggatown",
                   R"({"name": "Quaggatown", "aliases": ["夸加镇"]})", t.AuthIfMatch(etag));
  REQUIRE(res);
  CHECK_MESSAGE(res->status == 200, res->body);
  json body = json::parse(res->body);
  CHECK(body["retag"]["retagged"] == 1);
  CHECK(res->get_header_value("ETag") == "\"" + body["version"].get<std::string>() + "\"");
  CHECK(res->get_header_value("ETag") != etag);
  CHECK(t.ETag() == res->get_header_value("ETag"));
  // Searchable and counted when the answer arrives.
  CHECK(t.CityTotal("quaggatown") == 1);
  bool counted = false;
  json found = t.s->GetJson(Q("q=quaggatown"));
  for (const auto& v : found["facets"]["city"])
    counted |= v["id"] == "quaggatown" && v["count"] == 1;
  CHECK(counted);
  // The file is the truth, formatted; the previous one is kept.
  CHECK(ReadFile(t.file + ".bak") == before);
  auto reread = TaxonomyDocument::Load(t.file);
  REQUIRE(reread.ok());
  CHECK(reread->taxonomy().value("city", "quaggatown")->aliases ==
        std::vector<std::string>{"夸加镇"});
  CHECK(ReadFile(t.file).find("\n  \"facets\": {\n") != std::string::npos);

  // A stale version is refused and nothing is written.
  std::string now = ReadFile(t.file);
  auto stale = t.Put("/api/taxonomy/city/quaggatown", R"({"name": "Q"})", t.AuthIfMatch(etag));
  REQUIRE(stale);
  CHECK(stale->status == 409);
  CHECK(json::parse(stale->body)["error"]["code"] == "conflict");
  CHECK(stale->get_header_value("ETag") == res->get_header_value("ETag"));  // what to reload
  CHECK(ReadFile(t.file) == now);
  // Without If-Match the write applies.
  auto blind = t.Put("/api/taxonomy/city/quaggatown", R"({"name": "Quaggaville"})", t.Auth());
  REQUIRE(blind);
  CHECK(blind->status == 200);
  CHECK(t.s->GetJson("/api/taxonomy")["version"] != json::parse(res->body)["version"]);

  // DELETE: the value and its tags go; an unknown id is 404.
  auto del = t.s->client->Delete("/api/taxonomy/city/quaggatown", t.AuthIfMatch(t.ETag()));
  REQUIRE(del);
  CHECK(del->status == 200);
  t.s->GetJson(Q("city=quaggatown"), 400);  // no such value any more
  CHECK(t.s->client->Delete("/api/taxonomy/city/quaggatown", t.Auth())->status == 404);
}

TEST_CASE("bad edits: 400 naming the field, 401 without the token, 413; nothing written") {
  TaxonomyServer t;
  std::string before = ReadFile(t.file);
  struct Case {
    std::string path, body, field;
  };
  const std::vector<Case> cases = {
      {"/api/taxonomy/town/x", R"({"name": "X"})", "facet"},
      {"/api/taxonomy/city/Bad%20Id", R"({"name": "X"})", "id"},
      {"/api/taxonomy/city/x", R"({"name": "  "})", "name"},
      {"/api/taxonomy/city/x", R"({"aliases": []})", "name"},
      {"/api/taxonomy/city/x", R"({"name": "X", "aliases": ["a", 3]})", "aliases[1]"},
      {"/api/taxonomy/city/x", R"({"name": "X", "colour": "red"})", "colour"},
      {"/api/taxonomy/city/x", R"({"name": "X", "aliases": ["Pékin"]})",
       "facets.city.values[" +
           std::to_string(TaxonomyDocument::Load(t.file)->taxonomy().facet("city")->values.size()) +
           "].aliases[0]"},
      {"/api/taxonomy/city/x", "{\"name\": \"X\xff\"}", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CAPTURE(c.body);
    auto res = t.Put(c.path, c.body, t.Auth());
    REQUIRE(res);
    CHECK(res->status == 400);
    json error = json::parse(res->body)["error"];
    CHECK(error["code"] == "invalid_argument");
    if (!c.field.empty()) CHECK(error["field"] == c.field);
  }
  auto big = t.Put("/api/taxonomy/city/x",
                   R"({"name": "X", "aliases": [")" + std::string(70000, 'a') + R"("]})", t.Auth());
  REQUIRE(big);
  CHECK(big->status == 413);
  auto anonymous = t.Put("/api/taxonomy/city/x", R"({"name": "X"})", {});
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(t.s->client->Delete("/api/taxonomy/city/beijing")->status == 401);
  CHECK(
      t.s->client
          ->Post("/api/taxonomy/preview", R"({"facet":"city","aliases":["x"]})", "application/json")
          ->status == 401);
  CHECK(ReadFile(t.file) == before);
  CHECK_FALSE(fs::exists(t.file + ".bak"));
}

TEST_CASE("a read-only server refuses edits") {
  TaxonomyServer t(/*watch=*/false);
  auto res = t.Put("/api/taxonomy/city/x", R"({"name": "X"})", t.Auth());
  REQUIRE(res);
  CHECK(res->status == 403);
}

TEST_CASE("preview: how many articles some aliases would tag, with snippets") {
  TaxonomyServer t;
  auto res =
      t.s->client->Post("/api/taxonomy/preview", t.Auth(),
                        R"({"facet": "city", "aliases": ["Quaggatown"]})", "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  json body = json::parse(res->body);
  CHECK(body["articles"] == 1);
  CHECK(body["exact"] == true);
  REQUIRE(body["examples"].size() == 1);
  CHECK(body["examples"][0]["id"] == "extra/quagga.md");
  CHECK(body["examples"][0]["snippet"].get<std::string>().find("<mark>Quaggatown</mark>") !=
        std::string::npos);
  // An alias another value owns is named.
  auto taken = t.s->client->Post("/api/taxonomy/preview", t.Auth(),
                                 R"({"facet": "city", "aliases": ["Quaggatown", "Pékin"]})",
                                 "application/json");
  REQUIRE(taken);
  CHECK(taken->status == 400);
  CHECK(json::parse(taken->body)["error"]["field"] == "aliases[1]");
}

TEST_CASE("the running server notices a hand edit of the taxonomy file") {
  TaxonomyServer t;
  std::string etag = t.ETag();
  auto doc = TaxonomyDocument::Load(t.file);
  REQUIRE(doc.ok());
  REQUIRE(doc->Put("city", "quaggatown", {"Quaggatown", {}, std::nullopt}).ok());
  REQUIRE(WriteFileAtomically(t.file, doc->Serialize()).ok());
  auto start = std::chrono::steady_clock::now();
  while (t.ETag() == etag && std::chrono::steady_clock::now() - start < std::chrono::seconds(20))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(t.ETag() != etag);
  CHECK(t.CityTotal("quaggatown") == 1);
  // A broken file is ignored: the server keeps the last good taxonomy.
  WriteFile(t.file, "{ not json");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(t.CityTotal("quaggatown") == 1);
  CHECK(t.s->GetJson("/healthz")["status"] == "ok");
}

}  // namespace
}  // namespace longjing::testing
