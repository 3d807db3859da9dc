// The guard in front of the write endpoints (POST/DELETE /api/articles,
// POST /api/reindex): `Authorization: Bearer <token>` where the token is
// Config::admin_token (from LONGJING_ADMIN_TOKEN only).
#pragma once

#include <optional>
#include <string_view>

#include "errors.h"
#include "http.h"

namespace longjing::server {

// nullopt when the request may write. Otherwise, in this order:
// read_only -> 403 read_only; no token configured -> 403 writes_disabled;
// missing or wrong token -> 401 unauthorized.
std::optional<ApiError> CheckWriteAccess(const httplib::Request& req, std::string_view admin_token,
                                         bool read_only);

// nullopt when `token` is empty (no check configured) or the request carries
// `Authorization: Bearer <token>`; otherwise 401 unauthorized.
std::optional<ApiError> CheckBearer(const httplib::Request& req, std::string_view token);

// Compares in time that depends only on the lengths, not on where the
// strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace longjing::server
