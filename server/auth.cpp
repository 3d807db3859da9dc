#include "auth.h"

#include <string>

namespace longjing::server {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Always walk the expected length so a short guess costs the same time.
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < b.size(); ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ static_cast<unsigned char>(b[i]));
  }
  return diff == 0;
}

std::optional<ApiError> CheckWriteAccess(const httplib::Request& req, std::string_view admin_token,
                                         bool read_only) {
  if (read_only)
    return ApiError{
        ApiCode::kReadOnly,
        "this server is read-only (--no-watch); run longjing-index to change the index"};
  if (admin_token.empty())
    return ApiError{ApiCode::kWritesDisabled,
                    "writes are disabled: set LONGJING_ADMIN_TOKEN to enable them"};
  return CheckBearer(req, admin_token);
}

std::optional<ApiError> CheckBearer(const httplib::Request& req, std::string_view token) {
  if (token.empty()) return std::nullopt;
  std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() < kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), header.begin(),
                  [](char x, char y) { return std::tolower(x) == std::tolower(y); }))
    return ApiError{ApiCode::kUnauthorized, "missing bearer token"};
  if (!ConstantTimeEquals(std::string_view(header).substr(kScheme.size()), token))
    return ApiError{ApiCode::kUnauthorized, "wrong bearer token"};
  return std::nullopt;
}

}  // namespace longjing::server
