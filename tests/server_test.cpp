// The HTTP API, read side: search, facets, sorting, paging, articles, the
// taxonomy, the Atom feed, health, metrics, static files and every error.
// Writes, the watcher, read-only mode and the binary: server_write_test.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "server_fixture.h"

namespace longjing::testing {
namespace {

using nlohmann::json;

ServerFixture& Shared() { return SharedServer(); }

std::set<std::string> Ids(const json& result) {
  std::set<std::string> ids;
  for (const auto& hit : result["hits"]) ids.insert(hit["id"].get<std::string>());
  return ids;
}

// facet name -> value id -> count
std::map<std::string, uint64_t> Counts(const json& result, const std::string& facet) {
  std::map<std::string, uint64_t> out;
  for (const auto& v : result["facets"][facet]) out[v["id"]] = v["count"];
  return out;
}

bool HasTag(const json& hit, const std::string& facet, const std::string& id) {
  for (const auto& t : hit[facet])
    if (t["id"] == id) return true;
  return false;
}

TEST_CASE("search returns hits with every field") {
  auto& s = Shared();
  json r = s.GetJson(Q("q=zebrafinch"));
  CHECK(r["query"] == "zebrafinch");
  REQUIRE(r["total"] == 1);
  CHECK(r["total_exact"] == true);
  CHECK(r["took_ms"].is_number());
  CHECK(r.contains("corrected_q"));
  const json& hit = r["hits"][0];
  CHECK(hit["id"] == "test/hz-2019-en.md");
  CHECK(hit["title"] == "Hangzhou courts Alibaba suppliers");
  CHECK(hit["date"] == "2019-05-10");
  CHECK(hit["source"] == "Test Wire");
  CHECK(hit["url"] == "https://example.com/hz-2019");
  CHECK(hit["lang"] == "en");
  CHECK(hit["score"].is_number());
  CHECK(hit["snippet"].get<std::string>().find("<mark>") != std::string::npos);
  CHECK(HasTag(hit, "city", "hangzhou"));
  CHECK(HasTag(hit, "company", "alibaba"));
  CHECK(hit["city"][0].contains("name"));
  CHECK(hit["policy"].is_array());
  for (const char* facet : {"city", "company", "policy", "lang", "year"})
    CHECK(r["facets"].contains(facet));
}

TEST_CASE("empty query browses everything, newest first") {
  auto& s = Shared();
  json r = s.GetJson(Q("per_page=100"));
  CHECK(r["total"].get<int>() >= 10);
  CHECK(r["hits"].size() == r["total"].get<size_t>());
  json year = s.GetJson(Q("year=2021"));
  CHECK(Ids(year) == std::set<std::string>{"test/sz-2021-en.md"});
}

TEST_CASE("facets: OR within a facet, AND across, disjunctive counts") {
  auto& s = Shared();
  json all = s.GetJson(Q("per_page=100"));
  json hz = s.GetJson(Q("city=hangzhou&per_page=100"));
  // The selected facet keeps the counts it had without its own filter...
  CHECK(Counts(hz, "city") == Counts(all, "city"));
  bool selected = false;
  for (const auto& v : hz["facets"]["city"])
    if (v["id"] == "hangzhou") selected = v["selected"].get<bool>();
  CHECK(selected);
  CHECK(hz["total"] == Counts(all, "city")["hangzhou"]);
  for (const auto& hit : hz["hits"]) CHECK(HasTag(hit, "city", "hangzhou"));
  // ...and narrows the others.
  auto hz_companies = Counts(hz, "company");
  auto all_companies = Counts(all, "company");
  for (const auto& [id, n] : hz_companies) CHECK(n <= all_companies[id]);
  CHECK(hz_companies["byd"] < all_companies["byd"]);

  json sz = s.GetJson(Q("city=shenzhen&per_page=100"));
  json either = s.GetJson(Q("city=hangzhou&city=shenzhen&per_page=100"));
  std::set<std::string> united = Ids(hz);
  united.merge(Ids(sz));
  CHECK(Ids(either) == united);

  json both = s.GetJson(Q("city=hangzhou&company=byd&per_page=100"));
  CHECK(both["total"].get<int>() >= 1);
  CHECK(both["total"].get<int>() < hz["total"].get<int>());
  for (const auto& hit : both["hits"])
    CHECK((HasTag(hit, "city", "hangzhou") && HasTag(hit, "company", "byd")));
  CHECK(Ids(both).count("test/zh-2024.md") == 1);
}

TEST_CASE("date range, sort orders and pagination") {
  auto& s = Shared();
  json range = s.GetJson(Q("from=2021-01-01&to=2023-12-31&per_page=100"));
  for (const auto& hit : range["hits"]) {
    CHECK(hit["date"].get<std::string>() >= "2021-01-01");
    CHECK(hit["date"].get<std::string>() <= "2023-12-31");
  }
  CHECK(Ids(range).count("test/fr-2023.md") == 1);
  CHECK(Ids(range).count("test/hz-2019-en.md") == 0);

  auto dates = [](const json& r) {
    std::vector<std::string> out;
    for (const auto& hit : r["hits"])
      if (hit["date"].is_string()) out.push_back(hit["date"]);
    return out;
  };
  auto newest = dates(s.GetJson(Q("sort=newest&per_page=100")));
  CHECK(newest.size() >= 6);
  CHECK(std::is_sorted(newest.rbegin(), newest.rend()));
  auto oldest = dates(s.GetJson(Q("sort=oldest&per_page=100")));
  CHECK(std::is_sorted(oldest.begin(), oldest.end()));
  CHECK(oldest.front() == "2019-05-10");
  json relevance = s.GetJson(Q("q=hangzhou&sort=relevance"));
  CHECK(relevance["total"].get<int>() >= 2);

  json page1 = s.GetJson(Q("sort=oldest&per_page=3&page=1"));
  json page2 = s.GetJson(Q("sort=oldest&per_page=3&page=2"));
  CHECK(page1["hits"].size() == 3);
  CHECK(page2["hits"].size() == 3);
  CHECK(page1["total"] == page2["total"]);
  std::set<std::string> ids1 = Ids(page1), ids2 = Ids(page2), overlap;
  std::set_intersection(ids1.begin(), ids1.end(), ids2.begin(), ids2.end(),
                        std::inserter(overlap, overlap.begin()));
  CHECK(overlap.empty());
  json past_end = s.GetJson(Q("per_page=10&page=50"));
  CHECK(past_end["hits"].empty());
}

TEST_CASE("entity queries cross languages") {
  auto& s = Shared();
  // Chinese name -> English and French articles naming the same city.
  std::set<std::string> hangzhou = Ids(s.GetJson(Q("per_page=100&q=" + server::UrlEncode("杭州"))));
  CHECK(hangzhou.count("test/hz-2019-en.md") == 1);
  CHECK(hangzhou.count("test/zh-2024.md") == 1);
  std::set<std::string> beijing = Ids(s.GetJson(Q("per_page=100&q=beijing")));
  CHECK(beijing.count("test/fr-2023.md") == 1);  // says "Pékin"
  std::set<std::string> byd = Ids(s.GetJson(Q("per_page=100&q=" + server::UrlEncode("比亚迪"))));
  CHECK(byd.count("test/sz-2021-en.md") == 1);
}

TEST_CASE("article by URL-encoded id") {
  auto& s = Shared();
  json a = s.GetJson("/api/articles/" + server::UrlEncode("test/hz-2019-en.md"));
  CHECK(a["id"] == "test/hz-2019-en.md");
  CHECK(a["path"] == "test/hz-2019-en.md");
  CHECK(a["title"] == "Hangzhou courts Alibaba suppliers");
  CHECK(a["date"] == "2019-05-10");
  CHECK(a["lang"] == "en");
  CHECK(a["author"].is_string());
  CHECK(a["body"].get<std::string>().find("zebrafinch") != std::string::npos);
  REQUIRE(HasTag(a, "city", "hangzhou"));
  for (const auto& t : a["city"])
    if (t["id"] == "hangzhou") CHECK(t["count"] == 3);  // title + body twice
  CHECK(a["mentions"].size() >= 3);
  for (const auto& m : a["mentions"]) {
    CHECK(m["start"].get<int>() < m["end"].get<int>());
    CHECK(m.contains("facet"));
  }
  CHECK(a["related"].is_array());
  // The raw '/' works too: the id is the rest of the path.
  CHECK(s.GetJson("/api/articles/test/zh-2024.md")["title"] == "杭州支持阿里巴巴");
  json missing = s.GetJson("/api/articles/" + server::UrlEncode("nope/missing.md"), 404);
  CHECK(missing["error"]["code"] == "not_found");
}

TEST_CASE("concurrent requests, each on its own Xapian handle") {
  auto& s = Shared();
  int port = s.app->port();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port);
      for (int i = 0; i < 15; ++i) {
        std::string path = (i + t) % 3 == 0   ? "/api/search?q=hangzhou&city=hangzhou"
                           : (i + t) % 3 == 1 ? "/api/articles/test%2Fsz-2021-en.md"
                                              : "/api/search?sort=oldest&per_page=5&page=2";
        auto res = client.Get(path.c_str());
        if (res && res->status == 200) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(ok == 8 * 15);
}

TEST_CASE("taxonomy for the page") {
  json t = Shared().GetJson("/api/taxonomy");
  std::map<std::string, json> facets;
  for (const auto& f : t["facets"]) facets[f["name"]] = f;
  REQUIRE(facets.count("city"));
  CHECK(facets["city"]["label"] == "City");
  bool hangzhou = false;
  for (const auto& v : facets["city"]["values"])
    hangzhou |= v["id"] == "hangzhou" && v["name"] == "Hangzhou";
  CHECK(hangzhou);
  CHECK(facets.count("company"));
  CHECK(facets.count("policy"));
  CHECK(facets["lang"]["label"].is_string());
  CHECK(facets["year"]["label"].is_string());
}

TEST_CASE("Atom feed of a search") {
  auto& s = Shared();
  auto res = s.Get("/api/feed.atom?city=hangzhou&sort=relevance");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").starts_with("application/atom+xml"));
  const std::string& xml = res->body;
  CHECK(xml.starts_with("<?xml"));
  CHECK(xml.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">") != std::string::npos);
  CHECK(xml.find("</feed>") != std::string::npos);
  CHECK(xml.find("[city: hangzhou]") != std::string::npos);
  size_t entries = 0;
  for (size_t pos = 0; (pos = xml.find("<entry>", pos)) != std::string::npos; ++pos) ++entries;
  json hz = s.GetJson(Q("city=hangzhou"));
  CHECK(entries == std::min<size_t>(50, hz["total"].get<size_t>()));
  CHECK(xml.find("<mark>") == std::string::npos);
  CHECK(xml.find("?article=test%2Fhz-2019-en.md") != std::string::npos);
  CHECK(xml.find("href=\"https://example.com/hz-2019\"") != std::string::npos);
  // Newest first whatever the sort asked for: 2024 before 2019.
  CHECK(xml.find("2024-09-30T00:00:00Z") < xml.find("2019-05-10T00:00:00Z"));
  // Every '&' is an entity and tags balance.
  CHECK(std::regex_search(xml, std::regex("&(?!amp;|lt;|gt;|quot;|#39;)")) == false);
  auto count = [&](const std::string& tag) {
    size_t n = 0;
    for (size_t pos = 0; (pos = xml.find(tag, pos)) != std::string::npos; ++pos) ++n;
    return n;
  };
  CHECK(count("<entry>") == count("</entry>"));
  CHECK(count("<summary") == count("</summary>"));
  // Paging parameters are ignored, whatever their values.
  for (std::string paging : {"per_page=0", "page=1001", "page=1001&per_page=100", "page=abc"}) {
    auto paged = s.Get("/api/feed.atom?city=hangzhou&" + paging);
    REQUIRE(paged);
    CHECK_MESSAGE(paged->status == 200, paging);
    // The same entries as without paging (the feed's id and self link differ).
    CHECK(paged->body.substr(paged->body.find("<entry>")) == xml.substr(xml.find("<entry>")));
  }
  CHECK(s.Get("/api/feed.atom?sort=sideways")->status == 400);
}

TEST_CASE("healthz and metrics") {
  auto& s = Shared();
  json h = s.GetJson("/healthz");
  CHECK(h["status"] == "ok");
  CHECK(h["documents"].get<int>() >= 11);
  CHECK(h["revision"].get<int>() >= 1);
  s.Get(Q("q=hangzhou"));
  s.Get("/api/articles/" + server::UrlEncode("test/fr-2023.md"));
  s.Get("/api/articles/nope");
  auto res = s.Get("/metrics");
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Type").starts_with("text/plain"));
  const std::string& m = res->body;
  CHECK(m.find(R"(longjing_http_requests_total{route="/api/search",method="GET",status="200"})") !=
        std::string::npos);
  CHECK(
      m.find(
          R"(longjing_http_requests_total{route="/api/articles/{id}",method="GET",status="200"})") !=
      std::string::npos);
  CHECK(
      m.find(
          R"(longjing_http_requests_total{route="/api/articles/{id}",method="GET",status="404"})") !=
      std::string::npos);
  CHECK(m.find("test/fr-2023") == std::string::npos);  // labels are patterns, not paths
  CHECK(
      m.find(R"(longjing_http_request_duration_seconds_bucket{route="/api/search",le="0.0025"})") !=
      std::string::npos);
  CHECK(m.find(R"(longjing_http_request_duration_seconds_bucket{route="/api/search",le="+Inf"})") !=
        std::string::npos);
  CHECK(m.find("longjing_http_request_duration_seconds_count{route=\"/api/search\"}") !=
        std::string::npos);
  CHECK(std::regex_search(m, std::regex("\nlongjing_documents [1-9][0-9]*\n")));
  CHECK(std::regex_search(m, std::regex("\nlongjing_index_revision [1-9][0-9]*\n")));
  CHECK(std::regex_search(m, std::regex("\nlongjing_last_reindex_timestamp_seconds [1-9]")));
  CHECK(m.find("\nlongjing_last_reindex_success 1\n") != std::string::npos);
  CHECK(std::regex_search(m, std::regex(R"(\nlongjing_reindex_total\{outcome="success"\} [1-9])")));
}

TEST_CASE("static files: types, caching, index.html at /") {
  auto& s = Shared();
  auto root = s.Get("/");
  REQUIRE(root);
  CHECK(root->status == 200);
  CHECK(root->body.find("Longjing test page") != std::string::npos);
  CHECK(root->get_header_value("Cache-Control") == "no-cache");
  CHECK(root->get_header_value("Content-Type") == "text/html; charset=utf-8");
  struct Row {
    const char* path;
    const char* type;
  };
  for (Row row : {Row{"/index.html", "text/html; charset=utf-8"},
                  Row{"/app.js", "text/javascript; charset=utf-8"},
                  Row{"/mod.mjs", "text/javascript; charset=utf-8"},
                  Row{"/style.css", "text/css; charset=utf-8"}, Row{"/icon.svg", "image/svg+xml"},
                  Row{"/logo.png", "image/png"}, Row{"/favicon.ico", "image/x-icon"},
                  Row{"/data.json", "application/json; charset=utf-8"},
                  Row{"/font.woff2", "font/woff2"}, Row{"/robots.txt", "text/plain; charset=utf-8"},
                  Row{"/alias.css", "text/css; charset=utf-8"}}) {
    auto res = s.Get(row.path);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 200, row.path);
    CHECK_MESSAGE(res->get_header_value("Content-Type") == row.type, row.path);
    if (std::string(row.path) != "/index.html")
      CHECK(res->get_header_value("Cache-Control") == "public, max-age=3600");
  }
  auto css = s.Get("/style.css");
  std::string etag = css->get_header_value("ETag");
  CHECK(!etag.empty());
  CHECK(!css->get_header_value("Last-Modified").empty());
  auto again = s.client->Get("/style.css", httplib::Headers{{"If-None-Match", etag}});
  CHECK(again->status == 304);
}

TEST_CASE("static files never leave web/") {
  auto& s = Shared();
  CHECK(s.RawStatus("/../secret.txt") == 404);
  CHECK(s.RawStatus("/%2e%2e/secret.txt") == 404);
  CHECK(s.RawStatus("/%2E%2E%2Fsecret.txt") == 404);
  CHECK(s.RawStatus("/app.js/../../secret.txt") == 404);
  CHECK(s.RawStatus("//etc/passwd") == 404);
  CHECK(s.RawStatus("/%2Fetc%2Fpasswd") == 404);
  CHECK(s.RawStatus("/index.html%00.png") == 404);
  CHECK(s.RawStatus("/..%5csecret.txt") == 404);
  CHECK(s.RawStatus("/leak.txt") == 404);  // symlink pointing outside
  CHECK(s.RawStatus("/.hidden") == 404);
  CHECK(s.RawStatus("/missing.html") == 404);
  CHECK(s.Get("/leak.txt")->body.find("TOP SECRET") == std::string::npos);
}

TEST_CASE("Atom feed: undated articles are updated when first seen, stable across polls") {
  auto& s = Shared();
  // Past the second the index was built in, so "now" would differ from it.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  json hits = s.GetJson(Q("q=deepseek&sort=newest&per_page=50"))["hits"];
  std::vector<std::pair<std::string, std::string>> undated;  // id, first_seen
  std::vector<std::string> order;
  for (const json& hit : hits) {
    order.push_back(server::UrlEncode(hit["id"].get<std::string>()));
    REQUIRE(hit["first_seen"].is_string());
    if (hit["date"].is_null()) undated.emplace_back(order.back(), hit["first_seen"]);
  }
  REQUIRE(undated.size() >= 2);  // the demo corpus has undated articles
  auto feed = s.Get("/api/feed.atom?q=deepseek");
  REQUIRE(feed);
  const std::string& xml = feed->body;
  for (const auto& entry_of : undated) {
    const std::string& id = entry_of.first;
    const std::string& first_seen = entry_of.second;
    size_t entry = xml.find("?article=" + id + "</id>");
    REQUIRE_MESSAGE(entry != std::string::npos, id);
    size_t updated = xml.find("<updated>", entry);
    CHECK(xml.substr(updated + 9, first_seen.size()) == first_seen);
  }
  // Entries in the search's newest-first order, undated ones by first-seen time.
  size_t at = 0;
  for (const std::string& id : order) {
    size_t next = xml.find("?article=" + id + "</id>");
    CHECK_MESSAGE(next > at, id);
    at = next;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(s.Get("/api/feed.atom?q=deepseek")->body == xml);
}

TEST_CASE("400 invalid_argument, naming the problem") {
  auto& s = Shared();
  struct Row {
    std::string query;
    std::string expect;  // in the message
  };
  std::vector<Row> rows = {
      {"per_page=0", "per_page"},
      {"per_page=101", "per_page"},
      {"page=0", "page"},
      {"page=abc", "page"},
      {"page=1001&per_page=10", "10000"},
      {"from=2024-13-01", "from"},
      {"to=0000-01-01", "to"},
      {"to=2023-02-30", "to"},
      {"from=2024-01-01&to=2023-01-01", "after"},
      {"from=yesterday", "from"},
      {"sort=random", "sort"},
      {"city=atlantis", "atlantis"},
      {"company=nobody", "nobody"},
      {"lang=english", "english"},
      {"year=20x4", "year"},
      {"foo=1", "foo"},
      {"q=a&q=b", "q"},
      {"month=2024-01", "month"},
      {"q=" + std::string(1001, 'a'), "1000"},
  };
  for (const Row& row : rows) {
    json e = s.GetJson(Q(row.query), 400);
    CHECK(e["error"]["code"] == "invalid_argument");
    CHECK_MESSAGE(e["error"].contains("field"), row.query);
    CHECK_MESSAGE(e["error"]["message"].get<std::string>().find(row.expect) != std::string::npos,
                  row.query << ": " << e["error"]["message"]);
  }
  CHECK(s.GetJson(Q("q=" + std::string(1000, 'a')), 200)["total"] == 0);
  // The field names the parameter, whether the server (shape) or the core
  // (values) refused it.
  const std::pair<std::string, std::string> fields[] = {
      {"per_page=0", "per_page"},
      {"page=abc", "page"},
      {"page=1001&per_page=10", "page"},
      {"to=2023-02-30", "to"},
      {"sort=random", "sort"},
      {"city=atlantis", "city"},
      {"foo=1", "foo"},
      {"q=a&q=b", "q"},
      {"q=" + std::string(1001, 'a'), "q"},
      {"from=2024-01-01&to=2023-01-01", "from"},
  };
  for (const auto& row : fields) {
    const std::string query = row.first;  // clang 14: no structured binding in a doctest message
    CHECK_MESSAGE(s.GetJson(Q(query), 400)["error"]["field"] == row.second, query);
  }
  CHECK(s.GetJson(Q("per_page=0"), 400)["error"]["message"] ==
        "per_page must be between 1 and 100, not 0");
  CHECK(s.RawStatus("/api/search?q=%FF%FE") == 400);
  CHECK(s.RawStatus("/api/search?city=%C3") == 400);
  CHECK(s.RawStatus("/api/search?%FF=1") == 400);
  CHECK(s.RawStatus("/api/articles/%FF") == 400);
  // A query Xapian cannot parse is the caller's error, never a 500.
  for (std::string q : {"\"unbalanced", "title:(", "AND OR NOT", "((((", "a NEAR/ b"}) {
    auto res = s.Get(Q("q=" + server::UrlEncode(q)));
    CHECK_MESSAGE((res->status == 200 || res->status == 400), q);
  }
}

TEST_CASE(
    "query bomb: 400 query_too_complex naming q; past the time budget: 503 with Retry-After") {
  auto& s = Shared();
  std::string bomb;
  for (int i = 0; bomb.size() + 6 <= kMaxQueryBytes; ++i)
    bomb += (bomb.empty() ? "" : " OR ") + std::string(1, static_cast<char>('a' + i % 26)) + "*";
  auto start = std::chrono::steady_clock::now();
  json e = s.GetJson(Q("q=" + server::UrlEncode(bomb)), 400);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  CHECK(e["error"]["code"] == "query_too_complex");
  CHECK(e["error"]["message"].get<std::string>().starts_with("q is too complex"));
  CHECK(s.GetJson(Q("q=hangzhou"))["total"].get<int>() > 0);

  ServerOptions options;
  options.watch = false;
  options.search_time_limit = 1e-9;
  ServerFixture slow(options);
  slow.BuildIndex();
  slow.Start();
  auto res = slow.Get(Q("q=hangzhou"));
  REQUIRE(res);
  CHECK(res->status == 503);
  CHECK(res->get_header_value("Retry-After") == "1");
  json body = json::parse(res->body);
  CHECK(body["error"]["code"] == "search_timeout");
  CHECK(body["error"]["message"].get<std::string>().find("time budget") != std::string::npos);
}

TEST_CASE("404, 405 with Allow, 413") {
  auto& s = Shared();
  CHECK(s.GetJson("/api/nope", 404)["error"]["code"] == "not_found");
  CHECK(s.GetJson("/api/search/extra", 404)["error"]["code"] == "not_found");
  CHECK(s.Get("/no-such-page")->status == 404);
  auto post = s.client->Post("/api/search", "{}", "application/json");
  CHECK(post->status == 405);
  CHECK(post->get_header_value("Allow") == "GET, HEAD");
  CHECK(json::parse(post->body)["error"]["code"] == "method_not_allowed");
  auto del = s.client->Delete("/api/taxonomy");
  CHECK(del->status == 405);
  auto put = s.client->Put("/api/articles/x.md", "{}", "application/json");
  CHECK(put->status == 405);
  CHECK(put->get_header_value("Allow") == "DELETE, GET, HEAD");
  auto get_reindex = s.Get("/api/reindex");
  CHECK(get_reindex->status == 405);
  CHECK(get_reindex->get_header_value("Allow") == "POST");
  std::string big(128 * 1024, 'x');
  auto large = s.client->Post("/api/articles", s.Auth(), big, "application/json");
  REQUIRE(large);
  CHECK(large->status == 413);
  CHECK(json::parse(large->body)["error"]["code"] == "payload_too_large");
}

}  // namespace
}  // namespace longjing::testing
