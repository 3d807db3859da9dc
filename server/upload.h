// What POST /api/files and the saved-page form of POST /api/articles write
// into the corpus: a file checked before it is written, so that a refused
// one leaves nothing behind.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"
#include "longjing/config.h"

namespace longjing::server {

struct CheckedFile {
  std::string name;                          // as it will be written (WriteIngestedFile)
  std::shared_ptr<const std::string> bytes;  // the file's content
  // The articles' ids as parsed under `name`: ids equal to the path are
  // replaced by the path the file gets (MoveIds).
  std::vector<std::string> ids;
};

// The extensions an upload may have: pdf, docx, html, htm, md, markdown, txt.
bool IsUploadFormat(std::string_view file_name);

// Checks an uploaded file: a known extension (else 415 naming it), within
// max_upload_bytes and, for PDF and DOCX, max_document_bytes (else 413), and
// at least one article when parsed (else 400 with the parser's warnings).
// On success fills *out.
std::optional<ApiError> CheckUpload(const Config& config, const std::string& file_name,
                                    std::string content, CheckedFile* out);

// The saved-page form of POST /api/articles, {"url", "html"}: url http(s),
// html a non-empty string, no other field (400 naming the field). The file
// is the page with <meta name="longjing:source-url"> before it (which the
// HTML reader prefers to the page's own URLs), named <date>-<title slug>.html
// (date from the page, else `today`); checked as CheckUpload does (400 "the
// page has no text" when nothing is left once the furniture is dropped).
// REQUIRES: body is the request's JSON, already parsed (ParseJsonBody).
std::optional<ApiError> CheckSavedPage(const Config& config, const nlohmann::json& body,
                                       const std::string& today, CheckedFile* out);

// The ids of *file once written at `rel` (ids that were the file name become rel).
std::vector<std::string> MoveIds(const CheckedFile& file, const std::string& rel);

}  // namespace longjing::server
