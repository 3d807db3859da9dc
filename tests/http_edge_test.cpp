// The HTTP edge, driven over raw sockets: slow and idle clients cannot lock
// others out (the connection gate), head limits, request framing (405,
// Content-Length, Transfer-Encoding), deeply nested JSON, security headers,
// CORS, the metrics token, and hostile markup and URLs in ingested articles.
#include <doctest/doctest.h>
#include <poll.h>

#include <atomic>
#include <numeric>

#include "http_gate.h"
#include "request_head.h"
#include "server_fixture.h"

namespace longjing::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

bool SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Everything the server sends until it closes or `limit_ms` pass.
std::string ReadReply(int fd, int limit_ms = 5000) {
  std::string reply;
  auto start = Clock::now();
  for (;;) {
    int left = limit_ms - static_cast<int>(MsSince(start));
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, left) <= 0) break;
    char buf[4096];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<size_t>(n));
  }
  return reply;
}

int StatusOf(const std::string& reply) {
  return reply.size() >= 12 && reply.starts_with("HTTP/1.") ? std::stoi(reply.substr(9, 3)) : -1;
}

// Sends `request` on a fresh connection; returns the whole reply.
std::string Exchange(int port, const std::string& request, int limit_ms = 5000) {
  int fd = Connect(port);
  SendAll(fd, request);
  std::string reply = ReadReply(fd, limit_ms);
  close(fd);
  return reply;
}

bool HasHeader(const std::string& reply, const std::string& line) {
  return reply.find("\r\n" + line + "\r\n") != std::string::npos;
}

// The slowest of a few GET /healthz over new connections, in ms.
double SlowestHealthz(ServerFixture& s, int tries = 5) {
  double worst = 0;
  for (int i = 0; i < tries; ++i) {
    httplib::Client c("127.0.0.1", s.app->port());
    c.set_read_timeout(60, 0);
    auto start = Clock::now();
    auto res = c.Get("/healthz");
    double ms = MsSince(start);
    CHECK_MESSAGE((res && res->status == 200), "healthz failed behind slow clients");
    worst = std::max(worst, ms);
  }
  return worst;
}

TEST_CASE("slow clients: idle, half-sent and trickling connections do not delay others") {
  ServerFixture s;  // 4 worker threads
  s.Start();
  constexpr int kEach = 32;
  std::vector<int> fds;
  for (int i = 0; i < kEach; ++i) fds.push_back(Connect(s.app->port()));  // idle
  for (int i = 0; i < kEach; ++i) {                                       // a head that never ends
    int fd = Connect(s.app->port());
    SendAll(fd, "GET /api/search?q=a HTTP/1.1\r\nHost: x\r\n");
    fds.push_back(fd);
  }
  std::vector<int> tricklers;
  for (int i = 0; i < kEach; ++i) tricklers.push_back(Connect(s.app->port()));
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    for (int i = 0; i < kEach; ++i) SendAll(tricklers[i], "GET / HTTP/1.1\r\n");
    for (int line = 0; !stop; ++line) {
      for (int fd : tricklers) SendAll(fd, "X-Slow-" + std::to_string(line) + ": 1\r\n");
      for (int t = 0; t < 10 && !stop; ++t)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));  // let them all settle in
  double worst = SlowestHealthz(s);
  MESSAGE("slowest GET /healthz behind " << 3 * kEach << " slow connections: " << worst << " ms");
  CHECK(worst < 1000);
  stop = true;
  trickle.join();
  for (int fd : fds) close(fd);
  for (int fd : tricklers) close(fd);
}

TEST_CASE("head limits: 10,000 header fields get 431 at once, the server carries on") {
  ServerFixture s;
  s.Start();
  std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 10000; ++i) request += "X-H" + std::to_string(i) + ": v\r\n";
  request += "\r\n";
  auto start = Clock::now();
  std::string reply = Exchange(s.app->port(), request);
  CHECK(StatusOf(reply) == 431);
  CHECK(reply.find("\"headers_too_large\"") != std::string::npos);
  CHECK(MsSince(start) < 2000);
  // One long header line over the whole head limit, too.
  std::string big = "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(40 * 1024, 'a') + "\r\n\r\n";
  CHECK(StatusOf(Exchange(s.app->port(), big)) == 431);
  CHECK(s.GetJson("/healthz")["status"] == "ok");
}

TEST_CASE("protocol: unknown methods 405, bad or doubled framing 400 at once") {
  ServerFixture s;
  s.Start();
  int port = s.app->port();
  std::string trace = Exchange(port, "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(StatusOf(trace) == 405);
  CHECK(HasHeader(trace, "Allow: GET, HEAD"));
  std::string trace_api =
      Exchange(port, "TRACE /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(StatusOf(trace_api) == 405);
  CHECK(HasHeader(trace_api, "Allow: GET, HEAD"));
  // The feed ignores paging, whatever it holds.
  for (const char* paging : {"page=1001", "page=0&per_page=5000", "per_page=abc"}) {
    CAPTURE(paging);
    auto feed = s.Get(std::string("/api/feed.atom?q=hangzhou&") + paging);
    REQUIRE(feed);
    CHECK(feed->status == 200);
  }
  CHECK(StatusOf(Exchange(port,
                          "PUT /api/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                          "Content-Length: 2\r\n\r\n{}")) == 404);

  struct Case {
    const char* what;
    std::string head;
  } cases[] = {
      {"negative length", "Content-Length: -1\r\n"},
      {"not a number", "Content-Length: 12abc\r\n"},
      {"two lengths", "Content-Length: 2\r\nContent-Length: 5\r\n"},
      {"length and chunked", "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n"},
      {"unknown coding", "Transfer-Encoding: gzip\r\n"},
      {"space before colon", "Content-Length : 2\r\n"},
      {"folded line", "X-A: 1\r\n  folded\r\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    auto start = Clock::now();
    std::string reply =
        Exchange(port, "POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           std::string(kTestToken) + "\r\n" + c.head + "\r\n{}");
    CHECK(StatusOf(reply) == 400);
    CHECK(reply.find("\"invalid_argument\"") != std::string::npos);
    CHECK(HasHeader(reply, "X-Content-Type-Options: nosniff"));
    CHECK(MsSince(start) < 1000);
  }
  // A chunked body on its own is still read.
  std::string chunked =
      Exchange(port, "POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                         std::string(kTestToken) +
                         "\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                         "2\r\n{}\r\n0\r\n\r\n");
  CHECK(StatusOf(chunked) == 400);
  CHECK(chunked.find("title is required") != std::string::npos);
}

TEST_CASE("keep-alive and pipelining still work through the gate") {
  ServerFixture s;
  s.Start();
  int fd = Connect(s.app->port());
  std::string two =
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/taxonomy HTTP/1.1\r\nHost: x\r\n\r\n";
  REQUIRE(SendAll(fd, two));
  std::string reply = ReadReply(fd, 1500);
  CHECK(StatusOf(reply) == 200);
  CHECK(reply.find("HTTP/1.1 200", 12) != std::string::npos);  // the second answer
  // The same connection serves a third request after a pause.
  REQUIRE(SendAll(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  CHECK(StatusOf(ReadReply(fd, 3000)) == 200);
  close(fd);
  // An unauthorized POST is refused before its body is read, and the
  // connection closes rather than reading that body as the next request.
  std::string refused =
      Exchange(s.app->port(),
               "POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n"
               "GET /");
  CHECK(StatusOf(refused) == 401);
  CHECK(refused.find("HTTP/1.1", 12) == std::string::npos);
}

std::string Nested(const std::string& open, const std::string& close, int depth) {
  std::string s;
  s.reserve(depth * (open.size() + close.size()));
  for (int i = 0; i < depth; ++i) s += open;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

TEST_CASE("JSON bodies: 100,000 levels of nesting get 400 naming the field, no crash") {
  ServerFixture s({.max_request_bytes = 1 << 20});
  s.Start();
  auto post = [&](const std::string& body) {
    return s.client->Post("/api/articles", s.Auth(), body, "application/json");
  };
  auto res = post(R"({"title": "t", "body": "b", "city": )" + Nested("[", "]", 100000) + "}");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(res->body.find("field 'city' is nested deeper than 32 levels") != std::string::npos);
  res = post(Nested("{\"a\":", "}", 50000).replace(50000 * 5, 0, "1"));
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(res->body.find("nested deeper") != std::string::npos);
  // An unknown id that is itself large is quoted cut short, never dumped whole.
  res = post(R"({"title": "t", "body": "b", "city": [")" + std::string(100000, 'x') + R"("]})");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(res->body.size() < 400);
  res = post(R"({"title": "t", "body": "b", "city": [[["hangzhou"]]]})");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(res->body.find("unknown city id an array") != std::string::npos);
  CHECK(s.GetJson("/healthz")["status"] == "ok");
}

TEST_CASE("security headers on every answer; CORS only for configured origins") {
  ServerFixture s;
  s.Start();
  for (const char* path : {"/", "/index.html", "/api/search?q=hangzhou", "/nope.txt", "/metrics"}) {
    CAPTURE(path);
    auto res = s.client->Get(path, {{"Origin", "https://evil.example"}});
    REQUIRE(res);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    std::string csp = res->get_header_value("Content-Security-Policy");
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(!res->has_header("Access-Control-Allow-Origin"));
  }
  s.Stop();

  ServerFixture cors({.cors_origins = {"https://news.example"}});
  cors.Start();
  auto allowed = cors.client->Get("/api/search?q=hangzhou", {{"Origin", "https://news.example"}});
  REQUIRE(allowed);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://news.example");
  CHECK(allowed->get_header_value("Vary") == "Origin");
  auto other = cors.client->Get("/api/search?q=hangzhou", {{"Origin", "https://evil.example"}});
  REQUIRE(other);
  CHECK(!other->has_header("Access-Control-Allow-Origin"));
  auto preflight = cors.client->Options(
      "/api/articles",
      {{"Origin", "https://news.example"}, {"Access-Control-Request-Method", "POST"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Methods") == "POST");
  CHECK(preflight->get_header_value("Access-Control-Allow-Headers").find("Authorization") !=
        std::string::npos);
}

TEST_CASE("metrics token: /metrics needs it when set") {
  ServerFixture s({.metrics_token = "metrics-secret"});
  s.Start();
  auto res = s.Get("/metrics");
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(res->get_header_value("WWW-Authenticate") == "Bearer");
  res = s.client->Get("/metrics", {{"Authorization", "Bearer metrics-secret"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body.find("longjing_") != std::string::npos);
  res = s.client->Get("/metrics", s.Auth());  // the admin token is not the metrics token
  REQUIRE(res);
  CHECK(res->status == 401);
}

TEST_CASE("hostile markup and URLs: rejected or escaped in JSON and Atom") {
  ServerFixture s;
  s.Start();
  const std::string title = "<script>window.__pwned=1</script> quokkabrine";
  const std::string body =
      "<img src=x onerror=\"window.__pwned=1\"> quokkabrine <a href=\"javascript:alert(1)\">x</a>";
  auto post = [&](const json& article) {
    return s.client->Post("/api/articles", s.Auth(), article.dump(), "application/json");
  };
  for (const char* url :
       {"javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
        "data:text/html,<script>x</script>", "//evil.example/", "http://", "https:///nohost"}) {
    CAPTURE(url);
    auto res = post({{"title", title}, {"body", body}, {"url", url}});
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(res->body.find("url must be an http:// or https:// URL") != std::string::npos);
  }
  auto res = post({{"title", title}, {"body", body}, {"url", "https://example.com/a?b=<c>"}});
  REQUIRE(res);
  REQUIRE(res->status == 201);
  // A corpus file whose front matter carries a javascript: url keeps its text, loses the url.
  WriteFile(s.corpus + "/test/hostile.md",
            "---\ntitle: \"<img src=x onerror=alert(1)> quokkabrine file\"\n"
            "url: \"javascript:alert(document.cookie)\"\n---\n\nquokkabrine body.\n");
  REQUIRE(s.WaitForTotal("quokkabrine", 2) >= 0);

  json found = s.GetJson("/api/search?q=quokkabrine");
  std::set<std::string> titles;
  for (const json& hit : found["hits"]) {
    titles.insert(hit["title"].get<std::string>());
    CHECK(hit["url"].get<std::string>().find("javascript:") == std::string::npos);
  }
  CHECK(titles.count(title) == 1);  // the exact text, carried as a JSON string
  json file = s.GetJson("/api/articles/test/hostile.md");
  CHECK(file["url"] == "");
  auto raw = s.Get("/api/search?q=quokkabrine");
  REQUIRE(raw);
  CHECK(raw->get_header_value("Content-Type") == "application/json; charset=utf-8");

  auto feed = s.Get("/api/feed.atom?q=quokkabrine");
  REQUIRE(feed);
  CHECK(feed->status == 200);
  CHECK(feed->body.find("<script") == std::string::npos);
  CHECK(feed->body.find("<img") == std::string::npos);
  CHECK(feed->body.find("&lt;script&gt;window.__pwned=1&lt;/script&gt;") != std::string::npos);
  // The body's own text may mention javascript: (escaped); no link may point there.
  CHECK(feed->body.find("href=\"javascript:") == std::string::npos);
  CHECK(feed->body.find("href=\"JaVaScRiPt:") == std::string::npos);
  CHECK(feed->body.find("&lt;a href=&quot;javascript:alert(1)&quot;&gt;") != std::string::npos);
  CHECK(feed->body.find("href=\"https://example.com/a?b=&lt;c&gt;\"") != std::string::npos);
}

// The gate on its own, with short deadlines and a small connection cap.
struct GateHarness {
  explicit GateHarness(server::GateOptions options) {
    listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    listen(listener, 128);
    gate = std::make_unique<server::HttpGate>(
        options, [this](httplib::Stream& strm, bool, bool& closed) {
          char c;
          while (strm.read(&c, 1) == 1 && c != '\n') {
          }
          // Skip the rest of the head.
          std::string line;
          while (strm.read(&c, 1) == 1) {
            line += c;
            if (line.ends_with("\r\n")) {
              if (line == "\r\n") break;
              line.clear();
            }
          }
          ++served;
          closed = false;
          std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
          return strm.write(ok.data(), ok.size()) == static_cast<ssize_t>(ok.size());
        });
    acceptor = std::thread([this] {
      for (;;) {
        int fd = accept(listener, nullptr, nullptr);
        if (fd < 0) return;
        gate->Admit(fd);
      }
    });
  }
  ~GateHarness() {
    shutdown(listener, SHUT_RDWR);
    close(listener);
    acceptor.join();
    gate->Shutdown();
  }
  int listener = -1, port = 0;
  std::atomic<int> served{0};
  std::unique_ptr<server::HttpGate> gate;
  std::thread acceptor;
};

TEST_CASE(
    "gate: a head not finished in time gets 408; idle connections close; oldest idle evicted") {
  server::GateOptions options;
  options.workers = 1;
  options.max_connections = 4;
  options.head_timeout = std::chrono::milliseconds(400);
  options.idle_timeout = std::chrono::milliseconds(300);
  GateHarness h(options);

  int partial = Connect(h.port);
  SendAll(partial, "GET / HTTP/1.1\r\nHost: x\r\n");
  auto start = Clock::now();
  std::string reply = ReadReply(partial, 3000);
  CHECK(StatusOf(reply) == 408);
  CHECK(MsSince(start) < 1500);
  close(partial);

  // A trickler does not extend its deadline by sending more.
  int trickler = Connect(h.port);
  SendAll(trickler, "GET / HTTP/1.1\r\n");
  start = Clock::now();
  bool closed = false;
  for (int i = 0; i < 20 && !closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    closed = !SendAll(trickler, "X: 1\r\n") || StatusOf(ReadReply(trickler, 1)) == 408;
  }
  CHECK(closed);
  CHECK(MsSince(start) < 1500);
  close(trickler);

  // Keep-alive: served, then closed after the idle timeout.
  int keep = Connect(h.port);
  SendAll(keep, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  start = Clock::now();
  reply = ReadReply(keep, 3000);  // ends when the gate closes the idle connection
  CHECK(StatusOf(reply) == 200);
  CHECK(MsSince(start) < 1500);
  close(keep);

  // Past max_connections the oldest idle connection makes room.
  std::vector<int> idle;
  for (int i = 0; i < 4; ++i) idle.push_back(Connect(h.port));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  int fresh = Connect(h.port);
  SendAll(fresh, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(StatusOf(ReadReply(fresh, 2000)) == 200);
  CHECK(ReadReply(idle[0], 200).empty());  // closed: EOF, no bytes
  pollfd p{idle[0], POLLIN, 0};
  CHECK(poll(&p, 1, 0) == 1);
  char byte;
  CHECK(recv(idle[0], &byte, 1, MSG_DONTWAIT) == 0);
  close(fresh);
  for (int fd : idle) close(fd);
}

TEST_CASE("ScanRequestHead: table") {
  server::HeadLimits limits;
  limits.max_header_fields = 3;
  limits.max_head_bytes = 200;
  struct Row {
    std::string buf;
    server::HeadScan::Kind kind;
    int status;
  } rows[] = {
      {"GET / HTTP/1.1\r\nHost: x\r\n", server::HeadScan::kIncomplete, 0},
      {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", server::HeadScan::kComplete, 0},
      {"GET / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n",
       server::HeadScan::kComplete, 0},
      {"GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n", server::HeadScan::kReject, 431},
      {"GET / HTTP/1.1\r\nA: " + std::string(300, 'a'), server::HeadScan::kReject, 431},
      {"GET / HTTP/1.1\nHost: x\n\n", server::HeadScan::kReject, 400},
      {"GET / HTTP/1.1\r\nContent-Length: +3\r\n\r\n", server::HeadScan::kReject, 400},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       server::HeadScan::kReject, 400},
      {"GET / HTTP/1.1\r\nno colon here\r\n\r\n", server::HeadScan::kReject, 400},
  };
  for (const Row& row : rows) {
    CAPTURE(row.buf);
    server::HeadScan scan = server::ScanRequestHead(row.buf, limits);
    CHECK(scan.kind == row.kind);
    CHECK(scan.status == row.status);
  }
  server::HeadScan scan =
      server::ScanRequestHead("POST / HTTP/1.1\r\ncontent-length:  12 \r\n\r\nbody", limits);
  CHECK(scan.kind == server::HeadScan::kComplete);
  CHECK(scan.content_length == 12);
  CHECK(scan.head_bytes == 41);
}

}  // namespace
}  // namespace longjing::testing
