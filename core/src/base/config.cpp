#include "longjing/config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace longjing {
namespace {

// One row per key: how to read it from YAML text or an environment variable.
// Keeping file keys and environment names in one table means a new key
// cannot be forgotten in one of the two places.
struct Key {
  const char* name;  // YAML key; environment variable is LONGJING_<NAME upper-cased>
  std::function<Status(Config&, const std::string&)> set;
};

Status ParseSize(const std::string& text, size_t& out, const char* what) {
  try {
    size_t pos = 0;
    unsigned long long v = std::stoull(text, &pos);
    std::string unit = text.substr(pos);
    if (unit == "K" || unit == "KiB" || unit == "k")
      v <<= 10;
    else if (unit == "M" || unit == "MiB")
      v <<= 20;
    else if (unit == "G" || unit == "GiB")
      v <<= 30;
    else if (!unit.empty())
      throw std::invalid_argument(unit);
    out = static_cast<size_t>(v);
    return Status::Ok();
  } catch (const std::exception&) {
    return Status::InvalidArgument(std::string(what) + ": '" + text +
                                   "' is not a size (bytes, or with K/M/G)");
  }
}

Status ParseInt(const std::string& text, int& out, const char* what, int lo, int hi) {
  try {
    size_t pos = 0;
    int v = std::stoi(text, &pos);
    if (pos != text.size() || v < lo || v > hi) throw std::out_of_range(text);
    out = v;
    return Status::Ok();
  } catch (const std::exception&) {
    return Status::InvalidArgument(std::string(what) + ": '" + text + "' is not an integer in " +
                                   std::to_string(lo) + ".." + std::to_string(hi));
  }
}

// "2", "0.5" or "2s": seconds, at most a day.
Status ParseSeconds(const std::string& text, double& out, const char* what) {
  try {
    size_t pos = 0;
    double v = std::stod(text, &pos);
    std::string unit = text.substr(pos);
    if ((unit != "" && unit != "s") || !(v >= 0 && v <= 86400)) throw std::out_of_range(text);
    out = v;
    return Status::Ok();
  } catch (const std::exception&) {
    return Status::InvalidArgument(std::string(what) + ": '" + text +
                                   "' is not a number of seconds from 0 to 86400");
  }
}

Status ParseBool(const std::string& text, bool& out, const char* what) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") {
    out = true;
    return Status::Ok();
  }
  if (text == "false" || text == "0" || text == "no" || text == "off") {
    out = false;
    return Status::Ok();
  }
  return Status::InvalidArgument(std::string(what) + ": '" + text + "' is not a boolean");
}

Status ParseList(const std::string& text, std::vector<std::string>& out) {
  out.clear();
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Status::Ok();
}

const std::vector<Key>& Keys() {
  static const std::vector<Key> keys = {
      {"corpus",
       [](Config& c, const std::string& v) {
         c.corpus_dir = v;
         return Status::Ok();
       }},
      {"index",
       [](Config& c, const std::string& v) {
         c.index_dir = v;
         return Status::Ok();
       }},
      {"taxonomy",
       [](Config& c, const std::string& v) {
         c.taxonomy_file = v;
         return Status::Ok();
       }},
      {"web",
       [](Config& c, const std::string& v) {
         c.web_dir = v;
         return Status::Ok();
       }},
      {"bind",
       [](Config& c, const std::string& v) {
         c.bind = v;
         return Status::Ok();
       }},
      {"port",
       [](Config& c, const std::string& v) { return ParseInt(v, c.port, "port", 0, 65535); }},
      {"threads",
       [](Config& c, const std::string& v) { return ParseInt(v, c.threads, "threads", 0, 1024); }},
      {"watch", [](Config& c, const std::string& v) { return ParseBool(v, c.watch, "watch"); }},
      {"max_file_bytes",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.max_file_bytes, "max_file_bytes");
       }},
      {"max_document_bytes",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.max_document_bytes, "max_document_bytes");
       }},
      {"max_document_pages",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.max_document_pages, "max_document_pages");
       }},
      {"max_upload_bytes",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.max_upload_bytes, "max_upload_bytes");
       }},
      {"max_request_bytes",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.max_request_bytes, "max_request_bytes");
       }},
      {"batch_size",
       [](Config& c, const std::string& v) { return ParseSize(v, c.batch_size, "batch_size"); }},
      {"log_level",
       [](Config& c, const std::string& v) {
         c.log_level = v;
         return Status::Ok();
       }},
      {"shards", [](Config& c, const std::string& v) { return ParseList(v, c.shards); }},
      {"shard_timeout",
       [](Config& c, const std::string& v) {
         return ParseSeconds(v, c.shard_timeout, "shard_timeout");
       }},
      {"replication_changesets",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.replication_changesets, "replication_changesets");
       }},
      {"cache_entries",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.cache_entries, "cache_entries");
       }},
      {"max_connections",
       [](Config& c, const std::string& v) {
         return ParseSize(v, c.max_connections, "max_connections");
       }},
      {"cors_origins",
       [](Config& c, const std::string& v) { return ParseList(v, c.cors_origins); }},
      {"save_from_any_origin",
       [](Config& c, const std::string& v) {
         return ParseBool(v, c.save_from_any_origin, "save_from_any_origin");
       }},
      {"search_time_limit",
       [](Config& c, const std::string& v) {
         return ParseSeconds(v, c.search_time_limit, "search_time_limit");
       }},
  };
  return keys;
}

std::string EnvName(const char* key) {
  std::string s = "LONGJING_";
  for (const char* p = key; *p; ++p)
    s += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
  return s;
}

}  // namespace

Result<Config> LoadConfig(const std::string& path, bool required) {
  if (!std::filesystem::exists(path)) {
    if (required) return Status::IoError(path + ": no such config file");
    return Config{};
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Status::IoError(path + ": cannot read the config file");
  return ParseConfig(text.str(), path);
}

Result<Config> ParseConfig(std::string_view yaml, const std::string& path) {
  Config config;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    return Status::ParseError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                              std::to_string(e.mark.column + 1) + ": " + e.msg);
  } catch (const YAML::Exception& e) {
    return Status::ParseError(path + ": " + e.what());
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) return Status::ParseError(path + ": expected a mapping of keys to values");
  for (const auto& item : root) {
    auto where = [&] {
      return path + ":" + std::to_string(item.first.Mark().line + 1) + ":" +
             std::to_string(item.first.Mark().column + 1) + ": ";
    };
    // YAML allows lists and mappings as keys ("? [a, b]"); as<string>() on
    // one would throw out of the loader.
    if (!item.first.IsScalar()) return Status::ParseError(where() + "a key must be a plain name");
    const std::string& key = item.first.Scalar();
    const Key* found = nullptr;
    for (const auto& k : Keys())
      if (key == k.name) found = &k;
    if (!found) return Status::ParseError(where() + "unknown key '" + key + "'");
    if (!item.second.IsScalar())
      return Status::ParseError(where() + "'" + key + "' must be a single value");
    Status s = found->set(config, item.second.Scalar());
    if (!s.ok()) return Status::ParseError(where() + s.message());
  }
  return config;
}

Status SetKey(Config& config, const std::string& key, const std::string& value, bool append) {
  if (append && (key == "shards" || key == "cors_origins")) {
    std::vector<std::string>& list = key == "shards" ? config.shards : config.cors_origins;
    std::vector<std::string> more;
    (void)ParseList(value, more);
    list.insert(list.end(), more.begin(), more.end());
    return Status::Ok();
  }
  for (const auto& k : Keys())
    if (key == k.name) return k.set(config, value);
  return Status::InvalidArgument("unknown key '" + key + "'");
}

std::vector<std::string> ConfigKeys() {
  std::vector<std::string> out;
  for (const auto& k : Keys()) out.push_back(k.name);
  return out;
}

Status ApplyEnvironment(Config& config) {
  for (const auto& k : Keys()) {
    std::string name = EnvName(k.name);
    if (const char* v = std::getenv(name.c_str())) {
      Status s = k.set(config, v);
      if (!s.ok()) return Status::InvalidArgument(name + ": " + s.message());
    }
  }
  if (const char* t = std::getenv("LONGJING_ADMIN_TOKEN")) config.admin_token = t;
  if (const char* t = std::getenv("LONGJING_METRICS_TOKEN")) config.metrics_token = t;
  return Status::Ok();
}

}  // namespace longjing
