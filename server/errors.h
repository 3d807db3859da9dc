// The one table that turns errors into HTTP: core error codes (longjing::Code)
// and the server's own refusals map to an HTTP status and a stable error-code
// string, and every error body has the same shape:
//   {"error": {"code": "<api code>", "message": "<human text>"}}
// plus "field": "<parameter>" when the error is about one input.
#pragma once

#include <string>
#include <utility>

#include "http.h"
#include "longjing/status.h"

namespace longjing::server {

// Stable API error codes. Clients may switch on the string; never rename one.
enum class ApiCode {
  kInvalidArgument,      // 400
  kUnauthorized,         // 401: missing or wrong bearer token
  kWritesDisabled,       // 403: no admin token configured
  kReadOnly,             // 403: the server runs with --no-watch
  kNotFound,             // 404
  kMethodNotAllowed,     // 405: known path, wrong method
  kConflict,             // 409
  kRequestTimeout,       // 408: the request head did not arrive in time
  kPayloadTooLarge,      // 413
  kHeadersTooLarge,      // 431: too many or too large header fields
  kUnsupportedType,      // 415: an upload of a format Longjing does not read
  kQueryTooComplex,      // 400: q's wildcards expand to too many terms
  kUnavailable,          // 503: no index yet; the index is locked, missing or read-only
  kSearchTimeout,        // 503 with Retry-After: a search ran past its time budget
  kInsufficientStorage,  // 507: the disk is full; retry once space is freed
  kInternal,             // 500: details go to the log, never to the client
};

struct ApiError {
  ApiError(ApiCode c = ApiCode::kInternal, std::string m = {}, std::string f = {})
      : code(c), message(std::move(m)), field(std::move(f)) {}
  ApiCode code;
  std::string message;
  std::string field;  // the parameter or body field at fault, or ""
};

int HttpStatus(ApiCode code);
const char* ApiCodeName(ApiCode code);

// The core code -> API code row of the table. REQUIRES: !status.ok().
ApiError FromStatus(const Status& status);

// Writes the error body with the table's status. Internal errors are logged
// with their detail and answered with a generic message.
void WriteError(httplib::Response& res, const ApiError& error);
void WriteError(httplib::Response& res, const Status& status);

// Bodies for errors httplib raises before any handler runs (400 bad request
// line, 413, 414...): keeps the JSON shape. Leaves bodies already set alone.
void FillErrorBody(const httplib::Request& req, httplib::Response& res);

// The JSON error body for an HTTP status and message, for answers written
// outside httplib (the connection gate): the table's code for the status.
std::string ErrorBodyFor(int http_status, const std::string& message);

}  // namespace longjing::server
