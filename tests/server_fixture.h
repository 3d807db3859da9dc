// An in-process longjing-serve for the server's tests: a temp dir holding a
// copy of the demo corpus plus a few test articles (en/fr/zh, several cities
// and companies, four years), an index, a small web/ folder and a file
// outside it; the App serves on 127.0.0.1 on a free port, on its own thread.
// Header-only: each test binary compiles only its own source file.
#pragma once

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "app.h"
#include "atom.h"
#include "http.h"
#include "longjing/config.h"
#include "longjing/indexer.h"
#include "longjing/search.h"
#include "test_support.h"

namespace longjing::testing {

inline constexpr char kTestToken[] = "test-admin-token-0123456789";

// Test articles; each has one made-up word so a query finds exactly it.
inline void WriteTestArticles(const std::string& corpus) {
  WriteFile(corpus + "/test/hz-2019-en.md",
            "---\ntitle: \"Hangzhou courts Alibaba suppliers\"\ndate: 2019-05-10\n"
            "source: \"Test Wire\"\nurl: \"https://example.com/hz-2019\"\nlang: en\n---\n\n"
            "Hangzhou officials offered tax incentives to suppliers of Alibaba. "
            "The zebrafinch programme in Hangzhou is new.\n");
  WriteFile(corpus + "/test/sz-2021-en.md",
            "---\ntitle: \"Shenzhen carmakers expand\"\ndate: 2021-07-01\nlang: en\n---\n\n"
            "In Shenzhen, BYD and Huawei expanded factories. The marmosetline plan helps.\n");
  WriteFile(
      corpus + "/test/fr-2023.md",
      "---\ntitle: \"Pékin soutient Huawei\"\ndate: 2023-02-14\nlang: fr\n---\n\n"
      "À Pékin, le gouvernement soutient Huawei et BYD. Le programme ornithorynque continue.\n");
  WriteFile(corpus + "/test/zh-2024.md",
            "---\ntitle: \"杭州支持阿里巴巴\"\ndate: 2024-09-30\nlang: zh\n---\n\n"
            "杭州市政府支持阿里巴巴和比亚迪的发展。深圳也在竞争。\n");
  WriteFile(
      corpus + "/test/batch.jsonl",
      R"({"title": "Shanghai jsonl one", "body": "Shanghai wombatquill story.", "date": "2022-01-01", "lang": "en"})"
      "\n"
      R"({"title": "Shanghai jsonl two", "body": "Shanghai second story.", "date": "2022-01-02", "lang": "en"})"
      "\n");
}

// A web/ folder with one file per content type, a symlink inside and one
// pointing outside, next to a secret file the server must never serve.
inline void WriteTestWeb(const std::string& root) {
  std::string web = root + "/web";
  WriteFile(web + "/index.html", "<!doctype html><title>Longjing test page</title>");
  WriteFile(web + "/app.js", "console.log('app');");
  WriteFile(web + "/mod.mjs", "export const x = 1;");
  WriteFile(web + "/style.css", "body { color: black; }");
  WriteFile(web + "/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  WriteFile(web + "/logo.png", "\x89PNG\r\n");
  WriteFile(web + "/favicon.ico", "ico");
  WriteFile(web + "/data.json", "{}");
  WriteFile(web + "/font.woff2", "wOF2");
  WriteFile(web + "/robots.txt", "User-agent: *");
  WriteFile(web + "/.hidden", "hidden");
  WriteFile(root + "/secret.txt", "TOP SECRET");
  std::filesystem::create_symlink(root + "/secret.txt", web + "/leak.txt");
  std::filesystem::create_symlink("style.css", web + "/alias.css");
}

struct ServerOptions {
  bool watch = true;
  std::string admin_token = kTestToken;
  size_t max_request_bytes = 64 * 1024;
  std::vector<std::string> cors_origins;
  std::string metrics_token;
  double search_time_limit = kDefaultSearchTimeLimit;
  size_t max_upload_bytes = Config().max_upload_bytes;
  bool save_from_any_origin = false;
  std::string taxonomy_file;  // default: the repository's config/taxonomy.json
};

class ServerFixture {
 public:
  explicit ServerFixture(ServerOptions options = {}) : options_(options) {
    corpus = dir / "corpus";
    index = dir / "index";
    CopyDemoCorpus(corpus);
    WriteTestArticles(corpus);
    WriteTestWeb(dir.path());
  }
  ~ServerFixture() { Stop(); }

  Config MakeConfig() const {
    Config c;
    c.corpus_dir = corpus;
    c.index_dir = index;
    c.taxonomy_file = options_.taxonomy_file.empty() ? SourceDir() + "/config/taxonomy.json"
                                                     : options_.taxonomy_file;
    c.web_dir = dir / "web";
    c.bind = "127.0.0.1";
    c.port = 0;
    c.threads = 4;
    c.watch = options_.watch;
    c.max_request_bytes = options_.max_request_bytes;
    c.search_time_limit = options_.search_time_limit;
    c.admin_token = options_.admin_token;
    c.cors_origins = options_.cors_origins;
    c.metrics_token = options_.metrics_token;
    c.max_upload_bytes = options_.max_upload_bytes;
    c.save_from_any_origin = options_.save_from_any_origin;
    return c;
  }

  // Builds the index without a server (for read-only runs), then releases the lock.
  void BuildIndex() {
    auto taxonomy = Taxonomy::Load(SourceDir() + "/config/taxonomy.json");
    REQUIRE_MESSAGE(taxonomy.ok(), taxonomy.status().ToString());
    IndexOptions options;
    options.corpus_dir = corpus;
    options.index_dir = index;
    auto indexer =
        Indexer::Open(options, std::make_shared<const Taxonomy>(std::move(taxonomy).value()));
    REQUIRE_MESSAGE(indexer.ok(), indexer.status().ToString());
    auto summary = (*indexer)->Sync();
    REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  }

  void Start() {
    auto opened = server::App::Open(MakeConfig());
    REQUIRE_MESSAGE(opened.ok(), opened.status().ToString());
    app = std::move(opened).value();
    runner_ = std::thread([this] { app->Run(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", app->port());
    client->set_read_timeout(30, 0);
    for (int i = 0; i < 200 && !client->Get("/healthz"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  void Stop() {
    if (!app) return;
    app->Stop();
    if (runner_.joinable()) runner_.join();
    client.reset();
    app.reset();
  }

  httplib::Result Get(const std::string& path) { return client->Get(path.c_str()); }

  // GET expecting `status`, body parsed as JSON.
  nlohmann::json GetJson(const std::string& path, int status = 200) {
    auto res = Get(path);
    REQUIRE_MESSAGE(res, "no response for " << path);
    CHECK_MESSAGE(res->status == status, path << " -> " << res->status << " " << res->body);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    auto json = nlohmann::json::parse(res->body, nullptr, false);
    REQUIRE_MESSAGE(!json.is_discarded(), res->body);
    return json;
  }

  httplib::Headers Auth(const std::string& token = kTestToken) const {
    return {{"Authorization", "Bearer " + token}};
  }

  // Sends `request_line` byte for byte (no client-side encoding) and returns the status.
  int RawStatus(const std::string& target) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(app->port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    REQUIRE(write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size()));
    std::string reply;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) reply.append(buf, static_cast<size_t>(n));
    close(fd);
    if (reply.size() < 12) return -1;
    return std::stoi(reply.substr(9, 3));
  }

  // Polls the search every 50 ms until q finds `total` articles; returns the
  // milliseconds it took, or -1 after `limit_ms`.
  double WaitForTotal(const std::string& q, uint64_t total, int limit_ms = 3000) {
    auto start = std::chrono::steady_clock::now();
    for (;;) {
      auto res = Get("/api/search?q=" + server::UrlEncode(q));
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      if (res && res->status == 200 && nlohmann::json::parse(res->body)["total"] == total)
        return ms;
      if (ms > limit_ms) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  TempDir dir;
  std::string corpus, index;
  std::unique_ptr<server::App> app;
  std::unique_ptr<httplib::Client> client;

 private:
  ServerOptions options_;
  std::thread runner_;
};

inline std::string Q(const std::string& query) { return "/api/search?" + query; }

// One started server for a whole test file whose tests only read. Stopped
// at exit, before the statics it uses (spdlog) are destroyed.
inline ServerFixture& SharedServer() {
  static ServerFixture* shared = nullptr;
  if (!shared) {
    shared = new ServerFixture();
    shared->Start();
    std::atexit([] {
      delete shared;
      shared = nullptr;
    });
  }
  return *shared;
}

}  // namespace longjing::testing
