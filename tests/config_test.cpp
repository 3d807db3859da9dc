// Config: the shipped file loads, each key's parser refuses bad values with
// the file, line and column, and hostile YAML (found by tests/fuzz/config_fuzz)
// gives an error instead of ending the program.
#include "longjing/config.h"

#include <doctest/doctest.h>

#include <string>

#include "test_support.h"

namespace longjing {
namespace {

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
