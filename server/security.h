// What every answer says to browsers: the security headers, and CORS only
// for the origins an operator allowed (Config::cors_origins).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "http.h"

namespace longjing::server {

// Sent with every response, errors included: no MIME sniffing; a
// Content-Security-Policy that allows scripts, styles, images and fetches
// from this origin only (no inline script, no foreign origin, no framing);
// no Referer to the sites the reader links to.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

// When `req` carries an Origin listed in `allowed` (exact match, e.g.
// "https://news.example"), adds Access-Control-Allow-Origin for it (and, for
// a preflight, the allowed methods and headers). Adds nothing otherwise.
// With `any_origin` (Config::save_from_any_origin, for the bookmarklet's
// route only) every Origin is allowed. No credentials are ever allowed: the
// API authenticates with the bearer token, never with cookies.
void ApplyCors(const std::vector<std::string>& allowed, const httplib::Request& req,
               httplib::Response& res, bool preflight, const std::string& methods,
               bool any_origin = false);

}  // namespace longjing::server
