#include "security.h"

#include <algorithm>

namespace longjing::server {

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  // img-src allows data: for the SVG favicon some browsers inline;
  // frame-ancestors and X-Frame-Options both, for browsers without CSP 2.
  static const std::vector<std::pair<std::string, std::string>> headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  };
  return headers;
}

void ApplyCors(const std::vector<std::string>& allowed, const httplib::Request& req,
               httplib::Response& res, bool preflight, const std::string& methods,
               bool any_origin) {
  if (allowed.empty() && !any_origin) return;
  std::string origin = req.get_header_value("Origin");
  // Caches must not hand one origin's answer to another.
  res.set_header("Vary", "Origin");
  if (origin.empty()) return;
  if (!any_origin && std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) return;
  res.set_header("Access-Control-Allow-Origin", origin);
  if (!preflight) return;
  res.set_header("Access-Control-Allow-Methods", methods);
  res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
  res.set_header("Access-Control-Max-Age", "600");
  // Chromium's Private Network Access: a public site's page asks before it
  // may reach a server on the user's own machine or network. Only the
  // bookmarklet's route says yes.
  if (any_origin && req.get_header_value("Access-Control-Request-Private-Network") == "true")
    res.set_header("Access-Control-Allow-Private-Network", "true");
}

}  // namespace longjing::server
