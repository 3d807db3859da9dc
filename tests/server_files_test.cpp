// The document side of the HTTP API: PDF hits with their page, the reader's
// pages and the original file (GET /api/files/{id}), uploads (POST
// /api/files), pages saved from the browser (POST /api/articles with url and
// html), the bookmarklet's CORS setting; and a PDF that turns bad keeping
// its last good version in the index.
#include <doctest/doctest.h>

#include <filesystem>

#include "doc_fixtures.h"
#include "longjing/indexer.h"
#include "longjing/search.h"
#include "server_fixture.h"

namespace longjing::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A three-page report; "capybarine" only on page 3, "okapiform" on page 1.
std::string ReportPdf() {
  PdfSpec spec;
  spec.title = "Shenzhen semiconductor report";
  spec.creation_date = "D:20240305000000Z";
  spec.pages = {"Shenzhen semiconductor report\nHuawei and the okapiform programme.\n",
                "Second page about fabs and lithography.\n",
                "Third page: the capybarine subsidy for BYD in Shenzhen.\n"};
  return MakePdf(spec);
}

std::vector<std::string> IngestedFiles(const std::string& corpus) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(corpus + "/ingested", ec))
    names.push_back(e.path().filename().string());
  return names;
}

httplib::Result Upload(ServerFixture& s, const std::string& name, const std::string& content,
                       const httplib::Headers& headers) {
  httplib::MultipartFormDataItems items = {{"file", content, name, "application/octet-stream"}};
  return s.client->Post("/api/files", headers, items);
}

std::string ErrorOf(const httplib::Result& res) {
  json body = json::parse(res->body, nullptr, false);
  return body.is_object() ? body["error"]["message"].get<std::string>() : res->body;
}

TEST_CASE("PDF in the corpus: hit page, reader pages, the original file") {
  ServerFixture s;
  std::string pdf = ReportPdf();
  WriteFile(s.corpus + "/reports/sz.pdf", pdf);
  PdfSpec traditional;
  traditional.pages = {
      "臺積電擴建晶圓廠\n新竹科學園區的晶圓廠於二〇二四年擴建，臺積電表示產能將提升。\n",
      "第二頁：高雄廠房。\n"};
  WriteFile(s.corpus + "/reports/tw.pdf", MakePdf(traditional));
  s.Start();
  // Traditional Chinese is indexed as Simplified: either script finds it.
  for (const char* q : {"q=%E5%8F%B0%E7%A7%AF%E7%94%B5", "q=%E8%87%BA%E7%A9%8D%E9%9B%BB"}) {
    json zh = s.GetJson(Q(q));  // 台积电, 臺積電
    REQUIRE(zh["total"] == 1);
    CHECK(zh["hits"][0]["id"] == "reports/tw.pdf");
    CHECK(zh["hits"][0]["lang"] == "zh");
    CHECK(zh["hits"][0]["title"] == "臺積電擴建晶圓廠");
  }
  json kaohsiung = s.GetJson(Q("q=%E9%AB%98%E9%9B%84"));  // 高雄
  CHECK_MESSAGE(kaohsiung["hits"][0]["page"] == 2, kaohsiung.dump());
  json found = s.GetJson(Q("q=capybarine"));
  REQUIRE(found["total"] == 1);
  const json& hit = found["hits"][0];
  CHECK(hit["id"] == "reports/sz.pdf");
  CHECK(hit["title"] == "Shenzhen semiconductor report");
  CHECK(hit["date"] == "2024-03-05");
  CHECK(hit["page"] == 3);
  CHECK(s.GetJson(Q("q=okapiform"))["hits"][0]["page"] == 1);
  // Tags come from the text of every page.
  std::vector<std::string> companies;
  for (const json& c : hit["company"]) companies.push_back(c["id"]);
  CHECK(std::find(companies.begin(), companies.end(), "byd") != companies.end());
  CHECK(std::find(companies.begin(), companies.end(), "huawei") != companies.end());
  // Markdown hits carry no page.
  CHECK_FALSE(s.GetJson(Q("q=zebrafinch"))["hits"][0].contains("page"));

  json article = s.GetJson("/api/articles/reports%2Fsz.pdf");
  REQUIRE(article["pages"].size() == 3);
  CHECK(article["pages"][0] == 0);
  std::string body = article["body"];
  size_t third = article["pages"][2];
  CHECK(body.substr(third).find("capybarine") != std::string::npos);  // ASCII: units == bytes
  CHECK(body.substr(0, third).find("capybarine") == std::string::npos);

  auto file = s.Get("/api/files/reports%2Fsz.pdf");
  REQUIRE(file);
  CHECK(file->status == 200);
  CHECK(file->get_header_value("Content-Type") == "application/pdf");
  CHECK(file->body == pdf);
  CHECK(file->get_header_value("Content-Security-Policy").find("sandbox") != std::string::npos);
  auto md = s.Get("/api/files/test%2Fhz-2019-en.md");
  REQUIRE(md);
  CHECK(md->get_header_value("Content-Type") == "text/markdown; charset=utf-8");
  // Only indexed articles' files: a path that is no article id is a 404.
  for (const char* bad : {"/api/files/..%2Fsecret.txt", "/api/files/reports%2Fnone.pdf",
                          "/api/files/%2Fetc%2Fpasswd"}) {
    auto res = s.Get(bad);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 404, bad);
    CHECK(res->body.find("TOP SECRET") == std::string::npos);
  }
}

TEST_CASE("POST /api/files: upload, indexed before the answer; refusals leave nothing") {
  ServerOptions options;
  options.max_upload_bytes = 200 * 1024;
  ServerFixture s(options);
  s.Start();
  auto res = Upload(s, "Shenzhen Report.pdf", ReportPdf(), s.Auth());
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  json created = json::parse(res->body);
  CHECK(created["path"] == "ingested/shenzhen-report.pdf");
  CHECK(created["id"] == "ingested/shenzhen-report.pdf");
  CHECK(fs::exists(s.corpus + "/ingested/shenzhen-report.pdf"));
  json found = s.GetJson(Q("q=capybarine"));  // no waiting
  REQUIRE(found["total"] == 1);
  CHECK(found["hits"][0]["page"] == 3);
  // The same name again gets a new one.
  auto again = Upload(s, "Shenzhen Report.pdf", ReportPdf(), s.Auth());
  REQUIRE(again);
  CHECK(json::parse(again->body)["path"] == "ingested/shenzhen-report-2.pdf");

  DocxSpec docx;
  docx.title = "Quokkaline memo";
  docx.paragraphs = {{"Hangzhou backs the quokkaline plan of Alibaba.", ""}};
  auto word = Upload(s, "memo.docx", MakeDocx(docx), s.Auth());
  REQUIRE(word);
  CHECK(word->status == 201);
  CHECK(s.GetJson(Q("q=quokkaline"))["total"] == 1);
  auto text = Upload(s, "notes.md", "# Gerenuk notes\n\nShanghai gerenukline.\n", s.Auth());
  REQUIRE(text);
  CHECK(text->status == 201);

  std::vector<std::string> before = IngestedFiles(s.corpus);
  struct Refusal {
    const char* name;
    std::string content;
    httplib::Headers headers;
    int status;
    const char* says;
  };
  const Refusal refusals[] = {
      {"x.pdf", ReportPdf(), {}, 401, "token"},
      {"x.pdf", ReportPdf(), s.Auth("wrong"), 401, "token"},
      {"tool.exe", "MZ", s.Auth(), 415, "unknown format"},
      {"data.jsonl", "{}", s.Auth(), 415, "unknown format"},
      {"big.txt", "Title\n" + std::string(220 * 1024, 'a'), s.Auth(), 413, "max_upload_bytes"},
      {"bad.pdf", "%PDF-1.4\ngarbage", s.Auth(), 400, "damaged"},
      {"fake.pdf", "hello", s.Auth(), 400, "not a PDF"},
      {"memo.docx", "not a zip", s.Auth(), 400, "not a zip"},
      {"empty.html", "<html><nav>Menu</nav><script>x()</script></html>", s.Auth(), 400, "no text"},
  };
  for (const Refusal& r : refusals) {
    INFO(r.name);
    auto bad = Upload(s, r.name, r.content, r.headers);
    REQUIRE(bad);
    CHECK(bad->status == r.status);
    if (r.status != 401)
      CHECK_MESSAGE(ErrorOf(bad).find(r.says) != std::string::npos, ErrorOf(bad));
  }
  auto not_multipart = s.client->Post("/api/files", s.Auth(), "x", "application/pdf");
  REQUIRE(not_multipart);
  CHECK(not_multipart->status == 415);
  CHECK(IngestedFiles(s.corpus) == before);  // nothing partial, no temp file
}

TEST_CASE("POST /api/articles with url and html: a saved page") {
  ServerFixture s;
  s.Start();
  std::string html =
      "<!doctype html><html lang=en><head><title>Tab title</title>"
      "<meta property=\"article:published_time\" content=\"2024-06-01T08:00:00Z\">"
      "<meta property=\"og:site_name\" content=\"Example News\"></head><body>"
      "<nav>Home | World | dikdikmenu</nav><article><h1>Wuhan bets on the dikdikline</h1>"
      "<p>Wuhan and Huawei unveiled the dikdikline battery plant.</p></article>"
      "<footer>Copyright dikdikfooter</footer><script>track('dikdikscript')</script></body></html>";
  json page = {{"url", "https://news.example/wuhan?utm=x"}, {"html", html}};
  auto res = s.client->Post("/api/articles", s.Auth(), page.dump(), "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  json created = json::parse(res->body);
  std::string path = created["path"];
  CHECK(path == "ingested/2024-06-01-wuhan-bets-on-the-dikdikline.html");
  std::string stored = ReadFile(s.corpus + "/" + path);
  CHECK(stored.find("https://news.example/wuhan?utm=x") != std::string::npos);
  CHECK(stored.find(html) != std::string::npos);  // the page as the browser had it
  json found = s.GetJson(Q("q=dikdikline"));
  REQUIRE(found["total"] == 1);
  CHECK(found["hits"][0]["url"] == "https://news.example/wuhan?utm=x");
  CHECK(found["hits"][0]["title"] == "Wuhan bets on the dikdikline");
  CHECK(found["hits"][0]["source"] == "Example News");
  CHECK(found["hits"][0]["date"] == "2024-06-01");
  for (const char* furniture : {"dikdikmenu", "dikdikfooter", "dikdikscript"})
    CHECK(s.GetJson(Q(std::string("q=") + furniture))["total"] == 0);

  std::vector<std::string> before = IngestedFiles(s.corpus);
  struct Bad {
    json body;
    httplib::Headers headers;
    int status;
    const char* says;
  };
  const Bad bad[] = {
      {page, {}, 401, ""},
      {{{"html", html}}, s.Auth(), 400, "url"},
      {{{"url", "javascript:alert(1)"}, {"html", html}}, s.Auth(), 400, "url"},
      {{{"url", "https://a.example/"}, {"html", ""}}, s.Auth(), 400, "html"},
      {{{"url", "https://a.example/"}, {"html", 5}}, s.Auth(), 400, "html"},
      {{{"url", "https://a.example/"}, {"html", html}, {"title", "x"}}, s.Auth(), 400, "title"},
      {{{"url", "https://a.example/"}, {"html", "<nav>menu</nav><script>x</script>"}},
       s.Auth(),
       400,
       "no text"},
  };
  for (const Bad& b : bad) {
    CAPTURE(b.body.dump());
    auto r = s.client->Post("/api/articles", b.headers, b.body.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == b.status);
    if (b.status == 400) CHECK(ErrorOf(r).find(b.says) != std::string::npos);
  }
  CHECK(IngestedFiles(s.corpus) == before);
}

TEST_CASE("CORS for the bookmarklet: off by default, only POST /api/articles when on") {
  httplib::Headers preflight = {{"Origin", "https://news.example"},
                                {"Access-Control-Request-Method", "POST"},
                                {"Access-Control-Request-Headers", "authorization, content-type"},
                                {"Access-Control-Request-Private-Network", "true"}};
  {
    ServerFixture s;
    s.Start();
    auto res = s.client->Options("/api/articles", preflight);
    REQUIRE(res);
    CHECK_FALSE(res->has_header("Access-Control-Allow-Origin"));
    CHECK_FALSE(res->has_header("Access-Control-Allow-Private-Network"));
  }
  ServerOptions options;
  options.save_from_any_origin = true;
  ServerFixture s(options);
  s.Start();
  auto res = s.client->Options("/api/articles", preflight);
  REQUIRE(res);
  CHECK(res->get_header_value("Access-Control-Allow-Origin") == "https://news.example");
  CHECK(res->get_header_value("Access-Control-Allow-Headers").find("Authorization") !=
        std::string::npos);
  CHECK_FALSE(res->has_header("Access-Control-Allow-Credentials"));
  CHECK(res->get_header_value("Access-Control-Allow-Private-Network") == "true");
  auto other_route = s.client->Options("/api/files", preflight);
  REQUIRE(other_route);
  CHECK_FALSE(other_route->has_header("Access-Control-Allow-Origin"));
  httplib::Headers origin = {{"Origin", "https://news.example"}};
  auto search = s.client->Get("/api/search?q=x", origin);
  REQUIRE(search);
  CHECK_FALSE(search->has_header("Access-Control-Allow-Origin"));  // reads stay closed
  httplib::Headers post = s.Auth();
  post.emplace("Origin", "https://news.example");
  json page = {{"url", "https://news.example/a"},
               {"html", "<h1>Elandline</h1><p>Chengdu elandline story.</p>"}};
  auto saved = s.client->Post("/api/articles", post, page.dump(), "application/json");
  REQUIRE(saved);
  CHECK(saved->status == 201);
  CHECK(saved->get_header_value("Access-Control-Allow-Origin") == "https://news.example");
}

TEST_CASE("a PDF that turns bad keeps its last good version; the run goes on") {
  TempDir dir;
  std::string corpus = dir / "corpus";
  WriteFile(corpus + "/good.pdf", ReportPdf());
  WriteFile(corpus + "/note.md", "# Note\n\nA note about Tianjin.\n");
  auto taxonomy = Taxonomy::Load(SourceDir() + "/config/taxonomy.json");
  REQUIRE(taxonomy.ok());
  auto shared = std::make_shared<const Taxonomy>(std::move(taxonomy).value());
  std::vector<Diagnostic> warnings;
  IndexOptions options;
  options.corpus_dir = corpus;
  options.index_dir = dir / "index";
  options.on_warning = [&](const Diagnostic& d) { warnings.push_back(d); };
  {
    auto indexer = Indexer::Open(options, shared);
    REQUIRE(indexer.ok());
    REQUIRE((*indexer)->Sync().ok());
  }
  PdfSpec locked;
  locked.pages = {"secret"};
  locked.encrypted = true;
  WriteFile(corpus + "/good.pdf", MakePdf(locked));
  WriteFile(corpus + "/scan.pdf", [] {
    PdfSpec scan;
    scan.pages = {"image only"};
    scan.no_text_layer = true;
    return MakePdf(scan);
  }());
  WriteFile(corpus + "/note2.md", "# Note two\n\nAnother note.\n");
  {
    auto indexer = Indexer::Open(options, shared);
    REQUIRE(indexer.ok());
    auto summary = (*indexer)->Sync();
    REQUIRE(summary.ok());
  }
  std::string seen;
  for (const Diagnostic& d : warnings) seen += d.ToString() + "\n";
  INFO(seen);
  CHECK(seen.find("good.pdf: encrypted PDF") != std::string::npos);
  CHECK(seen.find("scan.pdf: PDF has no text layer") != std::string::npos);
  auto searcher = Searcher::Open(dir / "index", shared);
  REQUIRE(searcher.ok());
  SearchRequest request;
  request.q = "capybarine";
  auto result = (*searcher)->Search(request);
  REQUIRE(result.ok());
  CHECK(result->total == 1);  // the last good version
  request.q = "another";
  CHECK((*searcher)->Search(request)->total == 1);  // the run went on
}

}  // namespace
}  // namespace longjing::testing
