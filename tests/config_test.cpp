// config.h and cli.h: the one Config, read from a YAML file, LONGJING_*
// variables and flags (in that order), and the exit codes of both programs;
// hostile YAML (found by tests/fuzz/config_fuzz) gives an error instead of
// ending the program.
#include "longjing/config.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "longjing/cli.h"
#include "test_support.h"

namespace longjing {
namespace {

using testing::TempDir;
using testing::WriteFile;

// Sets an environment variable for the life of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

Result<cli::CommandLine> Parse(std::vector<std::string> args,
                               const std::vector<std::string>& switches = {}) {
  args.insert(args.begin(), "prog");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  return cli::ParseCommandLine(static_cast<int>(argv.size()), argv.data(), switches);
}

TEST_CASE("LoadConfig: defaults when the optional file is absent, errors name file:line:col") {
  TempDir dir;
  Result<Config> absent = LoadConfig(dir / "none.yaml", false);
  REQUIRE(absent.ok());
  CHECK(absent->port == 8080);
  CHECK(absent->cache_entries == 2048);
  CHECK_FALSE(LoadConfig(dir / "none.yaml", true).ok());

  WriteFile(dir / "good.yaml", "port: 9000\nmax_file_bytes: 2M\nshards: a, b\nwatch: off\n");
  Result<Config> good = LoadConfig(dir / "good.yaml", true);
  REQUIRE_MESSAGE(good.ok(), good.status().ToString());
  CHECK(good->port == 9000);
  CHECK(good->max_file_bytes == 2u << 20);
  CHECK(good->shards == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(good->watch);

  WriteFile(dir / "bad.yaml", "port: 9000\nprot: 1\n");
  Result<Config> bad = LoadConfig(dir / "bad.yaml", true);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Code::kParseError);
  CHECK(bad.status().message() == dir / "bad.yaml" + ":2:1: unknown key 'prot'");
}

TEST_CASE("every key can be set from text; bad values name the key") {
  Config c;
  CHECK(SetKey(c, "batch_size", "5K").ok());
  CHECK(c.batch_size == 5u << 10);
  Status bad = SetKey(c, "port", "70000");
  CHECK(bad.code() == Code::kInvalidArgument);
  CHECK(bad.message().find("port") != std::string::npos);
  CHECK(SetKey(c, "nope", "1").code() == Code::kInvalidArgument);
  CHECK(SetKey(c, "shards", "x").ok());
  CHECK(SetKey(c, "shards", "y", /*append=*/true).ok());
  CHECK(c.shards == std::vector<std::string>{"x", "y"});
}

TEST_CASE("scale-out keys: shard_timeout in seconds, replication_changesets handed to Xapian") {
  Config c;
  CHECK(c.shard_timeout == 2.0);
  CHECK(c.replication_changesets == 0);
  CHECK(SetKey(c, "shard_timeout", "0.5s").ok());
  CHECK(c.shard_timeout == 0.5);
  Status bad = SetKey(c, "shard_timeout", "soon");
  CHECK(bad.code() == Code::kInvalidArgument);
  CHECK(bad.message().find("shard_timeout") != std::string::npos);
  CHECK(SetKey(c, "replication_changesets", "many").code() == Code::kInvalidArgument);

  auto line = Parse({"--replication-changesets", "250"});
  REQUIRE_MESSAGE(line.ok(), line.status().ToString());
  CHECK(line->config.replication_changesets == 250);
  ScopedEnv previous("XAPIAN_MAX_CHANGESETS", "7");
  cli::ExportXapianSettings(Config{});  // 0: what the environment says stays
  CHECK(std::string(::getenv("XAPIAN_MAX_CHANGESETS")) == "7");
  cli::ExportXapianSettings(line->config);
  CHECK(std::string(::getenv("XAPIAN_MAX_CHANGESETS")) == "250");
}

TEST_CASE("flags: --x v and --x=v alike; file < environment < flags") {
  TempDir dir;
  WriteFile(dir / "c.yaml", "port: 9000\nbind: 0.0.0.0\nlog_level: warn\n");
  ScopedEnv env("LONGJING_BIND", "10.0.0.1");
  ScopedEnv env2("LONGJING_LOG_LEVEL", "debug");
  auto line = Parse({"--config", dir / "c.yaml", "--log-level=error", "--max-file-bytes", "1K",
                     "--shard", "s1", "--shard=s2", "--no-watch", "--full"},
                    {"--full"});
  REQUIRE_MESSAGE(line.ok(), line.status().ToString());
  CHECK(line->config.port == 9000);          // file
  CHECK(line->config.bind == "10.0.0.1");    // environment over file
  CHECK(line->config.log_level == "error");  // flag over environment
  CHECK(line->config.max_file_bytes == 1024);
  CHECK(line->config.shards == std::vector<std::string>{"s1", "s2"});
  CHECK_FALSE(line->config.watch);
  CHECK(line->switches.count("--full") == 1);

  auto same = Parse({"--config=" + dir / "c.yaml", "--port", "0"});
  REQUIRE(same.ok());
  CHECK(same->config.port == 0);
}

TEST_CASE("flag errors name the flag") {
  struct Case {
    std::vector<std::string> args;
    std::string field;
  };
  const Case cases[] = {
      {{"--bogus", "1"}, "--bogus"},      {{"--port"}, "--port"},
      {{"--port=x"}, "--port"},           {{"stray"}, "stray"},
      {{"--full=1"}, "--full"},           {{"--config", "/nonexistent/c.yaml"}, ""},
      {{"--no-watch=yes"}, "--no-watch"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.front());
    auto line = Parse(c.args, {"--full"});
    REQUIRE_FALSE(line.ok());
    CHECK(line.status().field() == c.field);
  }
  CHECK(Parse({"--help", "--bogus-but-ignored=1"}).ok() == false);  // still a bad flag
  auto help = Parse({"-h"});
  REQUIRE(help.ok());
  CHECK(help->help);
}

TEST_CASE("exit codes are one table for both programs") {
  CHECK(cli::ExitCodeFor(Status::Ok()) == 0);
  CHECK(cli::ExitCodeFor(Status::Internal("x")) == 1);
  CHECK(cli::ExitCodeFor(Status::IoError("x")) == 1);
  CHECK(cli::ExitCodeFor(Status::InvalidArgument("x")) == 2);
  CHECK(cli::ExitCodeFor(Status::ParseError("x")) == 2);
  CHECK(cli::ExitCodeFor(Status::NotFound("x")) == 2);
  CHECK(cli::ExitCodeFor(Status::Locked("x")) == 3);
}

TEST_CASE("--help lists a flag and a variable for every key") {
  std::string help = cli::ConfigFlagsHelp();
  for (const std::string& key : ConfigKeys()) {
    std::string flag = "--" + key, env = "LONGJING_" + key;
    for (char& c : flag) c = c == '_' ? '-' : c;
    for (char& c : env) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK_MESSAGE(help.find(flag) != std::string::npos, flag);
    CHECK_MESSAGE(help.find(env) != std::string::npos, env);
  }
}

// ---- From the config fuzz target ----

TEST_CASE("the shipped config/longjing.yaml loads with its documented values") {
  auto config = LoadConfig(testing::SourceDir() + "/config/longjing.yaml", true);
  REQUIRE_MESSAGE(config.ok(), config.status().ToString());
  CHECK(config->corpus_dir == "corpus");
  CHECK(config->port == 8080);
  CHECK(config->max_file_bytes == 8u << 20);
  CHECK(config->watch);
}

TEST_CASE("LoadConfig: a missing file is the defaults unless required") {
  testing::TempDir dir;
  auto optional = LoadConfig(dir / "none.yaml", false);
  REQUIRE(optional.ok());
  CHECK(optional->port == Config{}.port);
  auto required = LoadConfig(dir / "none.yaml", true);
  REQUIRE_FALSE(required.ok());
  CHECK(required.status().code() == Code::kIoError);
}

TEST_CASE("ParseConfig: bad input is a ParseError naming where") {
  struct Case {
    const char* yaml;
    const char* message;
  };
  const Case cases[] = {
      {"port: 70000\n", "c.yaml:1:1: port: '70000' is not an integer in 0..65535"},
      {"watch: maybe\n", "c.yaml:1:1: watch: 'maybe' is not a boolean"},
      {"colour: red\n", "c.yaml:1:1: unknown key 'colour'"},
      {"port: {a: 1}\n", "c.yaml:1:1: 'port' must be a single value"},
      {"[1, 2]\n", "c.yaml: expected a mapping of keys to values"},
      {"port: [\n", "c.yaml:2:1:"},
      // Fuzzing found these: a list or a mapping as a key ended the program
      // with an uncaught YAML::TypedBadConversion.
      {"? [a, b]\n: c\n", "c.yaml:1:3: a key must be a plain name"},
      {"{x: 1}: 2\n", "c.yaml:1:1: a key must be a plain name"},
      {"? \n: 1\n", "a key must be a plain name"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    auto config = ParseConfig(c.yaml, "c.yaml");
    REQUIRE_FALSE(config.ok());
    CHECK(config.status().code() == Code::kParseError);
    CHECK(config.status().message().find(c.message) != std::string::npos);
  }
}

TEST_CASE("ParseConfig: sizes and lists") {
  auto config = ParseConfig("max_request_bytes: 2K\nshards: a, b ,, c\n", "c.yaml");
  REQUIRE_MESSAGE(config.ok(), config.status().ToString());
  CHECK(config->max_request_bytes == 2048);
  CHECK(config->shards == std::vector<std::string>{"a", "b", "c"});
  CHECK(ParseConfig("", "c.yaml").ok());
}

}  // namespace
}  // namespace longjing
