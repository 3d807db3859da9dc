#include "static_files.h"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <fstream>
#include <sstream>

#include "errors.h"

namespace fs = std::filesystem;

namespace longjing::server {
namespace {

struct MimeRow {
  std::string_view ext;
  std::string_view type;
};

constexpr std::array<MimeRow, 13> kMimeTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".json", "application/json; charset=utf-8"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
}};

bool SafeRelative(std::string_view rel) {
  if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos)
    return false;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    std::string_view segment = rel.substr(start, end - start);
    // Empty segments ("//", a leading '/') would make the path absolute or ambiguous.
    if (segment.empty() || segment.front() == '.') return false;
    start = end + 1;
  }
  return true;
}

std::string HttpDate(fs::file_time_type mtime) {
  auto sys = std::chrono::file_clock::to_sys(mtime);
  std::time_t t = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(sys));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(fs::absolute(root), ec);
  if (ec) root_ = fs::absolute(root).lexically_normal();
}

std::optional<fs::path> StaticFiles::Resolve(std::string_view url_path) const {
  if (url_path.empty() || url_path.front() != '/') return std::nullopt;
  std::string rel(url_path.substr(1));
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  if (!SafeRelative(rel)) return std::nullopt;
  std::error_code ec;
  fs::path file = fs::weakly_canonical(root_ / rel, ec);
  if (ec) return std::nullopt;
  // Prefix check on whole components: "/srv/web-evil" is not under "/srv/web".
  auto [root_end, file_it] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  if (root_end != root_.end() || file_it == file.end()) return std::nullopt;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

std::string StaticFiles::ContentType(const fs::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& row : kMimeTypes)
    if (row.ext == ext) return std::string(row.type);
  return "application/octet-stream";
}

void StaticFiles::Serve(const httplib::Request& req, httplib::Response& res) const {
  std::optional<fs::path> file = Resolve(req.path);
  if (!file) return WriteError(res, ApiError{ApiCode::kNotFound, "no such file: " + req.path});
  std::error_code ec;
  auto size = fs::file_size(*file, ec);
  auto mtime = fs::last_write_time(*file, ec);
  if (ec) return WriteError(res, ApiError{ApiCode::kNotFound, "no such file: " + req.path});
  std::string etag =
      fmt::format("\"{:x}-{:x}\"", size, static_cast<uint64_t>(mtime.time_since_epoch().count()));
  std::string type = ContentType(*file);
  res.set_header("Cache-Control",
                 type.starts_with("text/html") ? "no-cache" : "public, max-age=3600");
  res.set_header("ETag", etag);
  res.set_header("Last-Modified", HttpDate(mtime));
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  std::ifstream in(*file, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  if (!in) return WriteError(res, ApiError{ApiCode::kInternal, "cannot read " + file->string()});
  res.status = 200;
  res.set_content(body.str(), type);
}

}  // namespace longjing::server
