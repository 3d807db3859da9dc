#include "errors.h"

#include <spdlog/spdlog.h>

#include <array>
#include <nlohmann/json.hpp>

namespace longjing::server {
namespace {

struct ApiRow {
  ApiCode code;
  int http_status;
  const char* name;
  const char* retry_after = nullptr;  // seconds, for answers worth retrying
};

constexpr std::array<ApiRow, 16> kApiTable = {{
    {ApiCode::kInvalidArgument, 400, "invalid_argument"},
    {ApiCode::kQueryTooComplex, 400, "query_too_complex"},
    {ApiCode::kUnauthorized, 401, "unauthorized"},
    {ApiCode::kWritesDisabled, 403, "writes_disabled"},
    {ApiCode::kReadOnly, 403, "read_only"},
    {ApiCode::kNotFound, 404, "not_found"},
    {ApiCode::kMethodNotAllowed, 405, "method_not_allowed"},
    {ApiCode::kConflict, 409, "conflict"},
    {ApiCode::kRequestTimeout, 408, "request_timeout"},
    {ApiCode::kPayloadTooLarge, 413, "payload_too_large"},
    {ApiCode::kHeadersTooLarge, 431, "headers_too_large"},
    {ApiCode::kUnsupportedType, 415, "unsupported_media_type"},
    {ApiCode::kUnavailable, 503, "unavailable"},
    {ApiCode::kInsufficientStorage, 507, "insufficient_storage"},
    {ApiCode::kSearchTimeout, 503, "search_timeout", "1"},
    {ApiCode::kInternal, 500, "internal"},
}};

// Core codes -> API codes. kParseError is the caller's malformed input (a
// request body, a query); kIoError/kCorrupt are ours, so they stay internal.
struct CoreRow {
  Code core;
  ApiCode api;
};

constexpr std::array<CoreRow, 13> kCoreTable = {{
    {Code::kInvalidArgument, ApiCode::kInvalidArgument},
    {Code::kParseError, ApiCode::kInvalidArgument},
    {Code::kNotFound, ApiCode::kNotFound},
    {Code::kConflict, ApiCode::kConflict},
    {Code::kTooLarge, ApiCode::kPayloadTooLarge},
    {Code::kLocked, ApiCode::kUnavailable},
    {Code::kUnavailable, ApiCode::kUnavailable},
    {Code::kNoSpace, ApiCode::kInsufficientStorage},
    {Code::kTooComplex, ApiCode::kQueryTooComplex},
    {Code::kTimeout, ApiCode::kSearchTimeout},
    {Code::kIoError, ApiCode::kInternal},
    {Code::kCorrupt, ApiCode::kInternal},
    {Code::kInternal, ApiCode::kInternal},
}};

const ApiRow& Row(ApiCode code) {
  for (const auto& row : kApiTable)
    if (row.code == code) return row;
  return kApiTable.back();
}

ApiCode FromHttpStatus(int status) {
  for (const auto& row : kApiTable)
    if (row.http_status == status) return row.code;
  return status >= 500 ? ApiCode::kInternal : ApiCode::kInvalidArgument;
}

}  // namespace

int HttpStatus(ApiCode code) { return Row(code).http_status; }
const char* ApiCodeName(ApiCode code) { return Row(code).name; }

static std::string ErrorJson(ApiCode code, const std::string& message,
                             const std::string& field = "") {
  nlohmann::json body = {{"error", {{"code", ApiCodeName(code)}, {"message", message}}}};
  if (!field.empty()) body["error"]["field"] = field;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiError FromStatus(const Status& status) {
  for (const auto& row : kCoreTable)
    if (row.core == status.code()) return {row.api, status.message(), status.field()};
  return {ApiCode::kInternal, status.ToString()};
}

void WriteError(httplib::Response& res, const ApiError& error) {
  std::string message = error.message;
  if (error.code == ApiCode::kInternal) {
    spdlog::error("internal error: {}", error.message);
    message = "internal error; see the server log";
  }
  res.status = HttpStatus(error.code);
  if (const char* retry = Row(error.code).retry_after) res.set_header("Retry-After", retry);
  res.set_content(ErrorJson(error.code, message, error.field), "application/json; charset=utf-8");
}

std::string ErrorBodyFor(int http_status, const std::string& message) {
  return ErrorJson(FromHttpStatus(http_status), message);
}

void WriteError(httplib::Response& res, const Status& status) {
  WriteError(res, FromStatus(status));
}

void FillErrorBody(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;
  int status = res.status;
  ApiCode code = FromHttpStatus(status);
  std::string message = "bad request";
  if (status == 404) message = "no such route: " + req.path;
  if (status == 413) message = "request body too large";
  if (status == 414) message = "request URI too long";
  if (status >= 500) message = "internal error";
  WriteError(res, ApiError{code, message});
  res.status = status;  // keep httplib's own status (414, 416...) when not in the table
}

}  // namespace longjing::server
