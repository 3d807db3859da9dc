// A thin layer over httplib::Server that knows every route by its pattern,
// so that it can answer 405 with an Allow header, label metrics with the
// route pattern (never the raw path), log one access line per request, and
// turn exceptions and httplib's own errors into JSON error bodies.
// routes.cpp registers the routes themselves, all in one function.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "context.h"
#include "http.h"

namespace longjing::server {

class Router {
 public:
  using Handler = void (*)(ServerContext&, const httplib::Request&, httplib::Response&);

  // Both must outlive the Router.
  Router(httplib::Server& server, ServerContext& ctx);

  // regex: matched against the whole percent-decoded path (captures reach
  // the handler in req.matches); label: the pattern shown in metrics and
  // logs, e.g. "/api/articles/{id}". GET routes answer HEAD too.
  void Get(const std::string& regex, std::string label, Handler handler);
  void Post(const std::string& regex, std::string label, Handler handler);
  void Put(const std::string& regex, std::string label, Handler handler);
  void Delete(const std::string& regex, std::string label, Handler handler);
  // GET/HEAD of a path no route matched. Other methods there get a 405
  // (Allow: GET, HEAD), or a 404 under /api/. OPTIONS anywhere gets 204 with
  // Allow (and CORS headers for an allowed Origin). Every refusal is made
  // before the request body is read.
  void Fallback(std::string label, Handler handler);

  // Installs the pre-routing (405, route label, timer), logger (access log,
  // metrics), error and exception hooks. Call once, after the routes.
  void InstallHooks();

 private:
  struct Route {
    std::string method;
    std::regex regex;
    std::string label;
  };
  void Add(const std::string& method, const std::string& regex, std::string label, Handler handler);
  // True when it answered a POST/PUT/DELETE that may not write (see auth.h).
  bool RefuseUnauthorizedWrite(const httplib::Request& req, httplib::Response& res);
  // POST /api/articles (and its preflight) when Config::save_from_any_origin.
  bool SaveRoute(const httplib::Request& req) const;
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res);
  void AfterResponse(const httplib::Request& req, const httplib::Response& res);
  void Invoke(Handler handler, const httplib::Request& req, httplib::Response& res);

  httplib::Server& server_;
  ServerContext& ctx_;
  std::vector<Route> routes_;
  std::string fallback_label_;
};

// routes.cpp: the whole API on one screen.
void RegisterRoutes(Router& router);

}  // namespace longjing::server
