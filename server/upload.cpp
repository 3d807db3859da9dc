#include "upload.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "longjing/parse.h"
#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing::server {
namespace {

using nlohmann::json;

std::string Extension(std::string_view file_name) {
  return text::LowerAscii(std::filesystem::path(std::string(file_name)).extension().string());
}

std::string JoinWarnings(const ParseOutput& parsed) {
  std::string out;
  for (const Diagnostic& d : parsed.warnings) {
    if (!out.empty()) out += "; ";
    out += d.message;
  }
  return out.empty() ? "no article in the file" : out;
}

std::optional<ApiError> ParseChecked(const Config& config, CheckedFile* file,
                                     const std::string& what) {
  ParseLimits limits;
  limits.max_pages = config.max_document_pages;
  ParseOutput parsed = ParseFile(file->name, *file->bytes, limits);
  if (parsed.articles.empty())
    return ApiError{ApiCode::kInvalidArgument, what + ": " + JoinWarnings(parsed), "file"};
  file->ids.clear();
  for (const Article& a : parsed.articles) file->ids.push_back(a.id);
  return std::nullopt;
}

}  // namespace

bool IsUploadFormat(std::string_view file_name) {
  std::string ext = Extension(file_name);
  for (const char* ok : {".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"})
    if (ext == ok) return true;
  return false;
}

std::optional<ApiError> CheckUpload(const Config& config, const std::string& file_name,
                                    std::string content, CheckedFile* out) {
  std::string base = std::filesystem::path(file_name).filename().string();
  if (base.empty() || !text::IsValidUtf8(base))
    return ApiError{ApiCode::kInvalidArgument, "the file part needs a file name (UTF-8)", "file"};
  if (!IsUploadFormat(base))
    return ApiError{ApiCode::kUnsupportedType,
                    "'" + text::Excerpt(base) +
                        "': unknown format; upload PDF, DOCX, HTML, Markdown or text files",
                    "file"};
  size_t cap = config.max_upload_bytes;
  const char* key = "max_upload_bytes";
  if (IsDocumentFile(base) && config.max_document_bytes < cap) {
    cap = config.max_document_bytes;
    key = "max_document_bytes";
  }
  if (content.size() > cap)
    return ApiError{ApiCode::kPayloadTooLarge,
                    "'" + text::Excerpt(base) + "' is " + std::to_string(content.size()) +
                        " bytes, over the " + key + " cap of " + std::to_string(cap),
                    "file"};
  out->name = base;
  out->bytes = std::make_shared<const std::string>(std::move(content));
  return ParseChecked(config, out, "'" + text::Excerpt(base) + "' has no article");
}

std::optional<ApiError> CheckSavedPage(const Config& config, const json& obj,
                                       const std::string& today, CheckedFile* out) {
  for (const auto& [key, value] : obj.items())
    if (key != "url" && key != "html")
      return ApiError{ApiCode::kInvalidArgument,
                      "unknown field '" + text::Excerpt(key) + "' (a saved page has url and html)",
                      key};
  if (!obj.contains("url") || !obj["url"].is_string() ||
      !text::IsHttpUrl(std::string(text::Trim(obj["url"].get<std::string>()))))
    return ApiError{ApiCode::kInvalidArgument, "url is required and must be an http(s) URL", "url"};
  if (!obj["html"].is_string() || text::Trim(obj["html"].get<std::string>()).empty())
    return ApiError{ApiCode::kInvalidArgument, "html must be a non-empty string", "html"};
  std::string url(text::Trim(obj["url"].get<std::string>()));
  std::string content = "<meta name=\"longjing:source-url\" content=\"" + text::EscapeMarkup(url) +
                        "\">\n" + obj["html"].get<std::string>();
  ParseOutput page = ParseHtml("page.html", content);
  if (page.articles.empty())
    return ApiError{ApiCode::kInvalidArgument,
                    "the page has no text once navigation, scripts and comments are dropped (" +
                        JoinWarnings(page) + ")",
                    "html"};
  const Article& a = page.articles[0];
  std::string slug = schema::Slugify(a.title);
  out->name = (a.date.empty() ? today : a.date) + "-" + (slug.empty() ? "page" : slug) + ".html";
  out->bytes = std::make_shared<const std::string>(std::move(content));
  return ParseChecked(config, out, "the page has no text");
}

std::vector<std::string> MoveIds(const CheckedFile& file, const std::string& rel) {
  std::vector<std::string> ids;
  for (const std::string& id : file.ids) ids.push_back(id == file.name ? rel : id);
  return ids;
}

}  // namespace longjing::server
