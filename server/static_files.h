// Serves the web page from one directory (--web), and never a file outside
// it: the path is checked segment by segment ('..', '.', hidden names, NUL,
// backslashes refused), then canonicalised (symlinks resolved) and required
// to stay under the canonical root. Anything else is a 404.
//
// Thread-safety: immutable after construction; Serve may run on any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http.h"

namespace longjing::server {

class StaticFiles {
 public:
  // root need not exist yet (every request is then a 404).
  explicit StaticFiles(const std::string& root);

  // GET/HEAD of `req.path` (percent-decoded by httplib). Sets Content-Type,
  // Cache-Control ("no-cache" for HTML, "public, max-age=3600" otherwise),
  // ETag and Last-Modified; answers 304 to a matching If-None-Match.
  void Serve(const httplib::Request& req, httplib::Response& res) const;

  // The file a URL path names, or nullopt when it is not a servable file.
  std::optional<std::filesystem::path> Resolve(std::string_view url_path) const;

  static std::string ContentType(const std::filesystem::path& file);

 private:
  std::filesystem::path root_;  // canonical
};

}  // namespace longjing::server
