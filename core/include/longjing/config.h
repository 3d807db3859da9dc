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
  std::string corpus_dir = "corpus";                   // LONGJING_CORPUS
  std::string index_dir = "data/index";                // LONGJING_INDEX
  std::string taxonomy_file = "config/taxonomy.json";  // LONGJING_TAXONOMY
  std::string web_dir = "web";                         // LONGJING_WEB
  std::string bind = "127.0.0.1";                      // LONGJING_BIND
  int port = 8080;                                     // LONGJING_PORT
  int threads = 0;                   // LONGJING_THREADS; 0 = 4 x cores, at least 8
  bool watch = true;                 // LONGJING_WATCH
  size_t max_file_bytes = 8u << 20;  // LONGJING_MAX_FILE_BYTES: larger corpus files are skipped
  // LONGJING_MAX_DOCUMENT_BYTES: PDF and DOCX files larger than this are
  // skipped (they run larger than text: max_file_bytes caps the others).
  size_t max_document_bytes = 64u << 20;
  // LONGJING_MAX_DOCUMENT_PAGES: PDFs with more pages are skipped.
  size_t max_document_pages = 2000;
  // LONGJING_MAX_UPLOAD_BYTES: one file of POST /api/files (413 beyond).
  size_t max_upload_bytes = 32u << 20;
  size_t max_request_bytes = 1u << 20;  // LONGJING_MAX_REQUEST_BYTES: HTTP body cap (413)
  size_t batch_size = 1000;             // LONGJING_BATCH_SIZE: documents per commit in bulk builds
  std::string log_level = "info";       // LONGJING_LOG_LEVEL
  // LONGJING_SHARDS (comma-separated): further Xapian databases searched with
  // the local index, e.g. "tcp://10.0.0.2:6431" served by xapian-tcpsrv.
  std::vector<std::string> shards;
  // LONGJING_SHARD_TIMEOUT: seconds a tcp:// shard may take to connect and to
  // answer each message; past it the request fails with 503 naming the shard.
  double shard_timeout = 2.0;
  // LONGJING_REPLICATION_CHANGESETS: changesets the writer keeps for
  // xapian-replicate (sets XAPIAN_MAX_CHANGESETS); 0 = none, replicas then
  // take a full copy at every change.
  size_t replication_changesets = 0;
  // LONGJING_CACHE_ENTRIES: result cache size; 0 = off. An entry is ~20 KB
  // with a few hundred facet values: ~40 MB at most.
  size_t cache_entries = 2048;
  // LONGJING_MAX_CONNECTIONS: open HTTP connections at most; past it the one
  // idle longest is closed.
  size_t max_connections = 512;
  // LONGJING_CORS_ORIGINS (comma-separated), --cors-origin: origins allowed to
  // call the API from a browser ("https://a.example"); empty = no CORS headers.
  std::vector<std::string> cors_origins;
  // LONGJING_SAVE_FROM_ANY_ORIGIN: lets pages of any origin call POST
  // /api/articles (CORS), which the "Save to Longjing" bookmarklet needs as it
  // runs in the saved page. The route still requires the admin token; no
  // other route is opened. Off by default.
  bool save_from_any_origin = false;
  double search_time_limit =
      2.0;  // LONGJING_SEARCH_TIME_LIMIT: seconds per search (503 beyond); 0 = none
  // Never read from the file: only from LONGJING_ADMIN_TOKEN, so it stays out of the repository.
  std::string admin_token;
  // From LONGJING_METRICS_TOKEN only: when set, GET /metrics needs
  // `Authorization: Bearer <metrics_token>`.
  std::string metrics_token;
};

// Reads `path` (YAML). When the file does not exist and `required` is false,
// returns the defaults. Errors name the file, line and column.
Result<Config> LoadConfig(const std::string& path, bool required);
// The same, from YAML text; `origin` names it in errors (usually the path).
Result<Config> ParseConfig(std::string_view yaml, const std::string& origin);
// Applies LONGJING_* environment variables. Errors name the variable.
Status ApplyEnvironment(Config& config);
// Sets one key from text, as the file and the environment do ("port",
// "8081"); for "shards" and "cors_origins", `append` adds one item instead of replacing
// the list. InvalidArgument for an unknown key or a bad value.
Status SetKey(Config& config, const std::string& key, const std::string& value,
              bool append = false);
// The keys, in the order docs/configuration.md lists them.
std::vector<std::string> ConfigKeys();

}  // namespace longjing
