// longjing-index as a program: exit codes, messages, and crash safety
// (a SIGKILL at any point leaves the last commit readable and consistent).
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "longjing/index_dir.h"
#include "test_support.h"

namespace fs = std::filesystem;
using longjing::testing::IndexerBinary;
using longjing::testing::RunCommand;
using longjing::testing::Skip;
using longjing::testing::SourceDir;
using longjing::testing::TempDir;
using longjing::testing::WriteFile;

namespace {

std::string Cmd(const TempDir& t, const std::string& extra = "") {
  return IndexerBinary() + " --quiet --corpus " + t / "corpus" + " --index " + t / "index" +
         " --taxonomy " + SourceDir() + "/config/taxonomy.json" + extra;
}

// Distinct, wordy articles so that indexing takes a while.
void WriteArticles(const std::string& dir, int from, int to) {
  static const char* words[] = {"industrial", "policy",   "Hangzhou",      "talent",
                                "subsidy",    "robotics", "semiconductor", "Shenzhen",
                                "venture",    "capital",  "startup",       "model"};
  for (int i = from; i < to; ++i) {
    std::string body;
    for (int w = 0; w < 400; ++w)
      body += std::string(words[(i * 7 + w * 13) % 12]) + (w % 17 ? " " : ".\n\n");
    WriteFile(dir + "/" + std::to_string(i / 100) + "/" + std::to_string(i) + ".md",
              "---\ntitle: Article " + std::to_string(i) + "\ndate: 2024-03-0" +
                  std::to_string(1 + i % 9) + "\nlang: en\n---\n\n" + body);
  }
}

pid_t Spawn(const std::string& command) {
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", ("exec " + command + " >/dev/null 2>&1").c_str(), nullptr);
    _exit(127);
  }
  return pid;
}

Xapian::doccount DocCount(const TempDir& t) {
  auto path = longjing::ResolveCurrent(t / "index");
  REQUIRE(path.ok());
  return Xapian::Database(*path).get_doccount();
}

Xapian::rev Revision(const TempDir& t) {
  auto path = longjing::ResolveCurrent(t / "index");
  if (!path.ok()) return 0;
  try {
    return Xapian::Database(*path).get_revision();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

void CheckConsistent(const TempDir& t) {
  auto path = longjing::ResolveCurrent(t / "index");
  REQUIRE(path.ok());
  std::string out;
  CHECK_MESSAGE(RunCommand("xapian-check " + *path, &out) == 0, out);
  Xapian::Database db(*path);
  // Every document is whole: it has its id term and parseable data.
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    auto doc = db.get_document(*it);
    REQUIRE_FALSE(doc.get_data().empty());
  }
  CHECK(db.get_termfreq("XLANGen") == db.get_doccount());
}

}  // namespace

TEST_CASE("--help documents the exit codes") {
  std::string out;
  CHECK(RunCommand(IndexerBinary() + " --help", &out) == 0);
  CHECK(out.find("Exit codes") != std::string::npos);
  CHECK(out.find("3  another writer") != std::string::npos);
  CHECK(RunCommand(IndexerBinary() + " --bogus", &out) == 2);
  CHECK(out.find("unknown option '--bogus'") != std::string::npos);
  CHECK(out.find("2  usage error") == std::string::npos);  // the error, not the help
  CHECK(RunCommand(IndexerBinary() + " --help", &out) == 0);
  CHECK(out.find("2  usage error") != std::string::npos);  // as longjing-serve says
  CHECK(out.find("--max-file-bytes") != std::string::npos);
}

TEST_CASE("a missing or malformed taxonomy or config stops the run with its position") {
  TempDir t;
  fs::create_directories(t / "corpus");
  std::string out;
  CHECK(RunCommand(IndexerBinary() + " --corpus " + t / "corpus" + " --index " + t / "index" +
                       " --taxonomy " + t / "nope.json",
                   &out) == 2);
  CHECK(out.find(t / "nope.json") != std::string::npos);

  WriteFile(t / "bad.json", "{\"facets\": {\n  \"city\": {\"values\": [}\n}}");
  CHECK(RunCommand(IndexerBinary() + " --corpus " + t / "corpus" + " --index " + t / "index" +
                       " --taxonomy " + t / "bad.json",
                   &out) == 2);
  CHECK(out.find("bad.json") != std::string::npos);
  CHECK(out.find("line 2") != std::string::npos);

  WriteFile(t / "bad.yaml", "corpus: corpus\nport: [1, 2\n");
  CHECK(RunCommand(Cmd(t, " --config " + t / "bad.yaml"), &out) == 2);
  CHECK(out.find("bad.yaml:") != std::string::npos);
  WriteFile(t / "unknown.yaml", "corpus: corpus\nprot: 8080\n");
  CHECK(RunCommand(Cmd(t, " --config " + t / "unknown.yaml"), &out) == 2);
  CHECK(out.find("unknown.yaml:2:1: unknown key 'prot'") != std::string::npos);
  CHECK(RunCommand(Cmd(t, " --config " + t / "missing.yaml"), &out) == 2);
}

TEST_CASE("--suggest lists candidates as a table or JSON; bad values are usage errors") {
  TempDir t;
  for (int i = 0; i < 3; ++i)
    WriteFile(t / ("corpus/a" + std::to_string(i) + ".md"),
              "---\ntitle: Article " + std::to_string(i) +
                  "\nlang: en\n---\n\nInvestors said Moore Threads raised money in Hangzhou.\n");
  std::string out;
  REQUIRE(RunCommand(Cmd(t), &out) == 0);
  CHECK(RunCommand(Cmd(t, " --suggest"), &out) == 0);
  CHECK(out.find("Moore Threads") != std::string::npos);
  CHECK(out.find("from 3 articles") != std::string::npos);
  CHECK(RunCommand(Cmd(t, " --suggest --facet company --limit 5 --json"), &out) == 0);
  CHECK(out.find("\"text\": \"Moore Threads\"") != std::string::npos);
  CHECK(out.find("\"articles\": 3") != std::string::npos);
  CHECK(RunCommand(Cmd(t, " --suggest --facet sector"), &out) == 2);
  CHECK(out.find("--facet") != std::string::npos);
  CHECK(RunCommand(Cmd(t, " --suggest --limit 0"), &out) == 2);
  CHECK(out.find("--limit") != std::string::npos);
  CHECK(RunCommand(Cmd(t, " --suggest --limit"), &out) == 2);  // a value is needed
}

TEST_CASE("an unreadable file is a warning and the others are indexed") {
  if (geteuid() == 0 && RunCommand("command -v setpriv") != 0) {
    Skip("unreadable file: running as root without setpriv, every file is readable");
    return;
  }
  TempDir t;
  WriteFile(t / "corpus/ok.md", "---\ntitle: Ok\n---\nHangzhou.\n");
  WriteFile(t / "corpus/secret.md", "---\ntitle: Secret\n---\nBeijing.\n");
  fs::permissions(t / "corpus/secret.md", fs::perms::none);
  std::string prefix;
  if (geteuid() == 0) {
    // Root reads everything: run as nobody so that permissions apply.
    fs::permissions(t.path(), fs::perms::all);
    fs::create_directories(t / "index");
    fs::permissions(t / "index", fs::perms::all);
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  // The taxonomy from inside the temp dir: a clone in a private folder
  // (mktemp -d is 0700) is unreadable to nobody.
  fs::copy_file(SourceDir() + "/config/taxonomy.json", t / "taxonomy.json");
  fs::permissions(t / "taxonomy.json", fs::perms::all);
  std::string out;
  int rc = RunCommand(prefix + Cmd(t, " --taxonomy " + t / "taxonomy.json"), &out);
  CHECK_MESSAGE(rc == 0, out);
  CHECK(out.find("secret.md: cannot read") != std::string::npos);
  CHECK(DocCount(t) == 1);
}

TEST_CASE("SIGKILL during an incremental run leaves a consistent index; the next run completes") {
  TempDir t;
  WriteArticles(t / "corpus", 0, 200);
  REQUIRE(RunCommand(Cmd(t)) == 0);
  REQUIRE(DocCount(t) == 200);
  WriteArticles(t / "corpus", 200, 4200);
  Xapian::rev start = Revision(t);
  pid_t pid = Spawn("env LONGJING_BATCH_SIZE=100 " + Cmd(t));
  // Kill once at least two batches are committed, mid-run.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Revision(t) < start + 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  CheckConsistent(t);
  Xapian::doccount after_kill = DocCount(t);
  CHECK(after_kill > 200);
  CHECK(after_kill < 4200);

  std::string out;
  REQUIRE(RunCommand(IndexerBinary() + " --corpus " + t / "corpus" + " --index " + t / "index" +
                         " --taxonomy " + SourceDir() + "/config/taxonomy.json",
                     &out) == 0);
  CHECK(out.find("unchanged " + std::to_string(after_kill)) != std::string::npos);
  CHECK(out.find("added " + std::to_string(4200 - after_kill)) != std::string::npos);
  CHECK(DocCount(t) == 4200);
  CheckConsistent(t);
}

TEST_CASE("SIGKILL during --full keeps the old index live") {
  TempDir t;
  WriteArticles(t / "corpus", 0, 3000);
  REQUIRE(RunCommand(Cmd(t)) == 0);
  auto before = longjing::ResolveCurrent(t / "index");
  pid_t pid = Spawn(Cmd(t, " --full"));
  // Wait until the new generation exists, then kill mid-build.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto generations = [&] {
    int n = 0;
    for (const auto& e : fs::directory_iterator(t / "index"))
      n += e.path().filename().string().rfind("gen-", 0) == 0;
    return n;
  };
  while (generations() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  CHECK(*longjing::ResolveCurrent(t / "index") == *before);
  CHECK(DocCount(t) == 3000);
  CheckConsistent(t);
  std::string out;
  REQUIRE(RunCommand(Cmd(t, "").replace(Cmd(t, "").find(" --quiet"), 8, ""), &out) == 0);
  CHECK(out.find("unchanged 3000") != std::string::npos);
  CHECK(generations() == 1);  // the orphaned generation was removed
}

namespace {

// `longjing-index` under a file-size limit of 4 KB (ulimit -f counts 1 KB
// blocks): the article files exist already, every Xapian block write fails
// with EFBIG, as on a full disk.
std::string OnFullDisk(const std::string& command) {
  return "bash -c 'ulimit -f 4; exec " + command + "'";
}

size_t Generations(const TempDir& t) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(t / "index")) {
    std::string name = e.path().filename().string();
    n += name.rfind("gen-", 0) == 0;
  }
  return n;
}

}  // namespace

TEST_CASE(
    "a full disk fails an incremental run with the path and the cause; the last commit stays") {
  TempDir t;
  WriteArticles(t / "corpus", 0, 200);
  REQUIRE(RunCommand(Cmd(t)) == 0);
  Xapian::rev revision = Revision(t);
  WriteArticles(t / "corpus", 200, 400);
  std::string out;
  CHECK(RunCommand(OnFullDisk(Cmd(t)), &out) == 1);
  CHECK_MESSAGE(out.find(t / "index") != std::string::npos, out);
  CHECK_MESSAGE(out.find("File too large") != std::string::npos, out);
  CHECK(Revision(t) == revision);
  CHECK(DocCount(t) == 200);
  CheckConsistent(t);
  // Space is back: the next run completes the work.
  REQUIRE(RunCommand(Cmd(t), &out) == 0);
  CHECK(DocCount(t) == 400);
}

TEST_CASE("a full disk fails --full, keeps the previous generation and removes its own") {
  TempDir t;
  WriteArticles(t / "corpus", 0, 200);
  REQUIRE(RunCommand(Cmd(t)) == 0);
  auto before = longjing::ResolveCurrent(t / "index");
  REQUIRE(before.ok());
  std::string out;
  CHECK(RunCommand(OnFullDisk(Cmd(t, " --full")), &out) == 1);
  CHECK_MESSAGE(out.find(t / "index") != std::string::npos, out);
  CHECK_MESSAGE(out.find("File too large") != std::string::npos, out);
  CHECK(*longjing::ResolveCurrent(t / "index") == *before);
  CHECK(Generations(t) == 1);
  for (const auto& e : fs::directory_iterator(t / "index"))
    CHECK_MESSAGE(e.path().extension() != ".shards", e.path());
  CHECK(DocCount(t) == 200);
  CheckConsistent(t);
  REQUIRE(RunCommand(Cmd(t, " --full"), &out) == 0);
  CHECK(DocCount(t) == 200);
  CHECK(Generations(t) == 1);
}
