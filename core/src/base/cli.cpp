#include "longjing/cli.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace longjing::cli {
namespace {

constexpr std::string_view kDefaultConfigFile = "config/longjing.yaml";

// "--max-file-bytes" -> "max_file_bytes", when that is a config key.
std::optional<std::string> KeyOfFlag(std::string_view flag) {
  if (!flag.starts_with("--")) return std::nullopt;
  std::string key(flag.substr(2));
  std::replace(key.begin(), key.end(), '-', '_');
  std::vector<std::string> keys = ConfigKeys();
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) return std::nullopt;
  return key;
}

struct Arg {
  std::string flag;
  std::optional<std::string> value;  // given with '=' or taken from the next argument
};

bool TakesNoValue(const std::string& flag, const std::vector<std::string>& switches) {
  return flag == "--help" || flag == "-h" || flag == "--version" || flag == "--no-watch" ||
         std::find(switches.begin(), switches.end(), flag) != switches.end();
}

// The list keys with a singular flag that adds one item each time it is given.
std::optional<std::string> RepeatedKey(const std::string& flag) {
  if (flag == "--shard") return "shards";
  if (flag == "--cors-origin") return "cors_origins";
  return std::nullopt;
}

// Splits argv into flags and values; `--x=v` and `--x v` alike.
Result<std::vector<Arg>> Split(int argc, const char* const* argv,
                               const std::vector<std::string>& switches,
                               const std::vector<std::string>& options) {
  std::vector<Arg> out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (!a.starts_with("-")) return Status::InvalidField(a, "unexpected argument '" + a + "'");
    Arg arg;
    if (size_t eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      arg.flag = a.substr(0, eq);
      arg.value = a.substr(eq + 1);
      if (TakesNoValue(arg.flag, switches) && arg.flag != "--no-watch")
        return Status::InvalidField(arg.flag, arg.flag + " takes no value");
    } else {
      arg.flag = a;
      bool known = TakesNoValue(a, switches) || a == "--config" || RepeatedKey(a) ||
                   KeyOfFlag(a).has_value() ||
                   std::find(options.begin(), options.end(), a) != options.end();
      if (!known) return Status::InvalidField(a, "unknown option '" + a + "'");
      if (!TakesNoValue(a, switches)) {
        if (i + 1 >= argc) return Status::InvalidField(a, a + " needs a value");
        arg.value = argv[++i];
      }
    }
    out.push_back(std::move(arg));
  }
  return out;
}

Status Apply(const Arg& arg, Config& config) {
  if (arg.flag == "--config") return Status::Ok();
  if (arg.flag == "--no-watch") {
    if (arg.value) return Status::InvalidField(arg.flag, "--no-watch takes no value");
    config.watch = false;
    return Status::Ok();
  }
  std::optional<std::string> repeated = RepeatedKey(arg.flag);
  std::optional<std::string> key = repeated ? repeated : KeyOfFlag(arg.flag);
  if (!key) return Status::InvalidField(arg.flag, "unknown option '" + arg.flag + "'");
  Status s = SetKey(config, *key, *arg.value, /*append=*/repeated.has_value());
  if (!s.ok()) return Status::InvalidField(arg.flag, arg.flag + ": " + s.message());
  return Status::Ok();
}

}  // namespace

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Code::kOk:
      return kExitOk;
    case Code::kLocked:
      return kExitLocked;
    case Code::kInvalidArgument:
    case Code::kParseError:
    case Code::kNotFound:
      return kExitUsage;
    default:
      return kExitFailed;
  }
}

Result<CommandLine> ParseCommandLine(int argc, const char* const* argv,
                                     const std::vector<std::string>& switches,
                                     const std::vector<std::string>& options) {
  Result<std::vector<Arg>> args = Split(argc, argv, switches, options);
  auto own_option = [&](const std::string& flag) {
    return std::find(options.begin(), options.end(), flag) != options.end();
  };
  if (!args.ok()) return args.status();
  CommandLine out;
  std::string config_file(kDefaultConfigFile);
  bool config_given = false;
  for (const Arg& a : *args) {
    if (a.flag == "--help" || a.flag == "-h")
      out.help = true;
    else if (a.flag == "--version")
      out.version = true;
    else if (a.flag == "--config")
      config_file = *a.value, config_given = true;
    else if (std::find(switches.begin(), switches.end(), a.flag) != switches.end())
      out.switches.insert(a.flag);
    else if (own_option(a.flag))
      out.options[a.flag] = *a.value;
  }
  // Every flag is checked before anything is read, --help or not.
  Config scratch;
  for (const Arg& a : *args) {
    bool own = a.flag == "--help" || a.flag == "-h" || a.flag == "--version" ||
               std::find(switches.begin(), switches.end(), a.flag) != switches.end() ||
               own_option(a.flag);
    if (Status s = own ? Status::Ok() : Apply(a, scratch); !s.ok()) return s;
  }
  if (out.help || out.version) return out;
  // File < environment < flags: the file is known only once --config is.
  Result<Config> loaded = LoadConfig(config_file, config_given);
  if (!loaded.ok()) return loaded.status();
  out.config = std::move(loaded).value();
  if (Status s = ApplyEnvironment(out.config); !s.ok()) return s;
  for (const Arg& a : *args) {
    if (a.flag == "--help" || a.flag == "-h" || a.flag == "--version" ||
        out.switches.count(a.flag) || own_option(a.flag))
      continue;
    if (Status s = Apply(a, out.config); !s.ok()) return s;
  }
  return out;
}

void ExportXapianSettings(const Config& config) {
  if (config.replication_changesets > 0)
    ::setenv("XAPIAN_MAX_CHANGESETS", std::to_string(config.replication_changesets).c_str(), 1);
}

std::string ConfigFlagsHelp() {
  const Config d;
  auto size = [](size_t bytes) {
    if (bytes && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + "M";
    if (bytes && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + "K";
    return std::to_string(bytes);
  };
  struct Row {
    std::string flag, env, value;
  };
  const Row rows[] = {
      {"--corpus DIR", "LONGJING_CORPUS", d.corpus_dir},
      {"--index DIR", "LONGJING_INDEX", d.index_dir},
      {"--taxonomy F", "LONGJING_TAXONOMY", d.taxonomy_file},
      {"--web DIR", "LONGJING_WEB", d.web_dir},
      {"--bind ADDR", "LONGJING_BIND", d.bind},
      {"--port N", "LONGJING_PORT", std::to_string(d.port) + " (0: a free port)"},
      {"--threads N", "LONGJING_THREADS", "0 (max(8, 4 x cores))"},
      {"--watch B, --no-watch", "LONGJING_WATCH", d.watch ? "true" : "false"},
      {"--max-file-bytes N", "LONGJING_MAX_FILE_BYTES", size(d.max_file_bytes)},
      {"--max-document-bytes N", "LONGJING_MAX_DOCUMENT_BYTES", size(d.max_document_bytes)},
      {"--max-document-pages N", "LONGJING_MAX_DOCUMENT_PAGES",
       std::to_string(d.max_document_pages)},
      {"--max-upload-bytes N", "LONGJING_MAX_UPLOAD_BYTES", size(d.max_upload_bytes)},
      {"--max-request-bytes N", "LONGJING_MAX_REQUEST_BYTES", size(d.max_request_bytes)},
      {"--batch-size N", "LONGJING_BATCH_SIZE", std::to_string(d.batch_size)},
      {"--log-level L", "LONGJING_LOG_LEVEL", d.log_level},
      {"--shards LIST, --shard DB", "LONGJING_SHARDS", "none"},
      {"--shard-timeout S", "LONGJING_SHARD_TIMEOUT",
       fmt::format("{:g} (seconds)", d.shard_timeout)},
      {"--replication-changesets N", "LONGJING_REPLICATION_CHANGESETS",
       std::to_string(d.replication_changesets) + " (0: none kept)"},
      {"--cache-entries N", "LONGJING_CACHE_ENTRIES",
       std::to_string(d.cache_entries) + " (0: off)"},
      {"--search-time-limit S", "LONGJING_SEARCH_TIME_LIMIT",
       fmt::format("{:g} (seconds; 0: none)", d.search_time_limit)},
      {"--max-connections N", "LONGJING_MAX_CONNECTIONS", std::to_string(d.max_connections)},
      {"--cors-origins LIST, --cors-origin O", "LONGJING_CORS_ORIGINS", "none (no CORS)"},
      {"--save-from-any-origin B", "LONGJING_SAVE_FROM_ANY_ORIGIN",
       d.save_from_any_origin ? "true" : "false"},
  };
  std::string out;
  for (const Row& r : rows) {
    std::string line = "  " + r.flag;
    line.resize(std::max<size_t>(line.size() + 1, 30), ' ');
    line += r.env;
    line.resize(std::max<size_t>(line.size() + 1, 58), ' ');
    out += line + "default " + r.value + "\n";
  }
  return out;
}

}  // namespace longjing::cli
