// One configuration struct for both executables, loaded from a YAML file
// (config/longjing.yaml), then overridden by environment variables
// (LONGJING_<KEY>), then by command-line flags. docs/configuration.md lists
// every key with its default.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/status.h"

namespace longjing {

struct Config {
  std::string corpus_dir = "corpus";               // LONGJING_CORPUS
  std::string index_dir = "data/index";            // LONGJING_INDEX
  std::string taxonomy_file = "config/taxonomy.json";  // LONGJING_TAXONOMY
  std::string web_dir = "web";                     // LONGJING_WEB
  std::string bind = "127.0.0.1";                  // LONGJING_BIND
  int port = 8080;                                 // LONGJING_PORT
  int threads = 0;                                 // LONGJING_THREADS; 0 = 4 x cores, at least 8
  bool watch = true;                               // LONGJING_WATCH
  size_t max_file_bytes = 8u << 20;                // LONGJING_MAX_FILE_BYTES: larger corpus files are skipped
  size_t max_request_bytes = 1u << 20;             // LONGJING_MAX_REQUEST_BYTES: HTTP body cap (413)
  size_t batch_size = 1000;                        // LONGJING_BATCH_SIZE: documents per commit in bulk builds
  std::string log_level = "info";                  // LONGJING_LOG_LEVEL
  // LONGJING_SHARDS (comma-separated): further Xapian databases searched with
  // the local index, e.g. "tcp://10.0.0.2:6431" served by xapian-tcpsrv.
  std::vector<std::string> shards;
  size_t cache_entries = 2048;                     // LONGJING_CACHE_ENTRIES: result cache size; 0 = off
  // Never read from the file: only from LONGJING_ADMIN_TOKEN, so it stays out of the repository.
  std::string admin_token;
};

// Reads `path` (YAML). When the file does not exist and `required` is false,
// returns the defaults. Errors name the file, line and column.
Result<Config> LoadConfig(const std::string& path, bool required);
// The same, from YAML text; `origin` names it in errors (usually the path).
Result<Config> ParseConfig(std::string_view yaml, const std::string& origin);
// Applies LONGJING_* environment variables. Errors name the variable.
Status ApplyEnvironment(Config& config);

}  // namespace longjing
