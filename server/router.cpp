#include "router.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <set>

#include "auth.h"
#include "errors.h"
#include "security.h"

namespace longjing::server {
namespace {

// httplib runs the pre-routing hook, the handler and the logger of one
// request on the same worker thread, so the timer and the route label can
// travel between them in thread-local storage.
struct RequestTrace {
  std::chrono::steady_clock::time_point start;
  std::string route;
  bool active = false;
};
thread_local RequestTrace trace;

std::string JoinAllowed(const std::set<std::string>& methods) {
  std::string out;
  for (const auto& m : methods) out += (out.empty() ? "" : ", ") + m;
  return out;
}

}  // namespace

Router::Router(httplib::Server& server, ServerContext& ctx) : server_(server), ctx_(ctx) {}

void Router::Invoke(Handler handler, const httplib::Request& req, httplib::Response& res) {
  try {
    handler(ctx_, req, res);
  } catch (const std::exception& e) {
    WriteError(res, ApiError{ApiCode::kInternal, req.method + " " + req.path + ": " + e.what()});
  }
}

void Router::Add(const std::string& method, const std::string& regex, std::string label,
                 Handler handler) {
  routes_.push_back({method, std::regex(regex), std::move(label)});
  auto wrapped = [this, handler](const httplib::Request& req, httplib::Response& res) {
    Invoke(handler, req, res);
  };
  if (method == "GET")
    server_.Get(regex, wrapped);
  else if (method == "POST")
    server_.Post(regex, wrapped);
  else if (method == "PUT")
    server_.Put(regex, wrapped);
  else if (method == "DELETE")
    server_.Delete(regex, wrapped);
}

void Router::Get(const std::string& regex, std::string label, Handler handler) {
  Add("GET", regex, std::move(label), handler);
}
void Router::Post(const std::string& regex, std::string label, Handler handler) {
  Add("POST", regex, std::move(label), handler);
}
void Router::Put(const std::string& regex, std::string label, Handler handler) {
  Add("PUT", regex, std::move(label), handler);
}
void Router::Delete(const std::string& regex, std::string label, Handler handler) {
  Add("DELETE", regex, std::move(label), handler);
}

void Router::Fallback(std::string label, Handler handler) {
  fallback_label_ = std::move(label);
  // Registered last, so every named route is tried first.
  server_.Get("/.*", [this, handler](const httplib::Request& req, httplib::Response& res) {
    Invoke(handler, req, res);
  });
}

bool Router::SaveRoute(const httplib::Request& req) const {
  return ctx_.config.save_from_any_origin && req.path == "/api/articles";
}

bool Router::RefuseUnauthorizedWrite(const httplib::Request& req, httplib::Response& res) {
  // Every POST, PUT and DELETE route writes (or, for the taxonomy preview,
  // serves the editors). Checked here, before httplib reads the body, so
  // that only a token holder can make a worker wait on one.
  if (req.method != "POST" && req.method != "PUT" && req.method != "DELETE") return false;
  auto denied = CheckWriteAccess(req, ctx_.config.admin_token, ctx_.read_only());
  if (!denied) return false;
  if (denied->code == ApiCode::kUnauthorized) res.set_header("WWW-Authenticate", "Bearer");
  WriteError(res, *denied);
  return true;
}

httplib::Server::HandlerResponse Router::PreRoute(const httplib::Request& req,
                                                  httplib::Response& res) {
  trace = {std::chrono::steady_clock::now(), "unmatched", true};
  std::string method = req.method == "HEAD" ? "GET" : req.method;
  std::set<std::string> allowed;
  std::string first_label;
  for (const Route& route : routes_) {
    if (!std::regex_match(req.path, route.regex)) continue;
    if (route.method == method) {
      trace.route = route.label;
      ApplyCors(ctx_.config.cors_origins, req, res, false, "", SaveRoute(req));
      return RefuseUnauthorizedWrite(req, res) ? httplib::Server::HandlerResponse::Handled
                                               : httplib::Server::HandlerResponse::Unhandled;
    }
    if (first_label.empty()) first_label = route.label;
    allowed.insert(route.method);
    if (route.method == "GET") allowed.insert("HEAD");
  }
  if (allowed.empty()) {
    // No named route: the fallback serves GET/HEAD of static files; unknown
    // /api/ paths are 404 for every method; elsewhere only GET and HEAD exist.
    if (method == "GET" && !fallback_label_.empty()) {
      trace.route = fallback_label_;
      return httplib::Server::HandlerResponse::Unhandled;
    }
    if (req.path.starts_with("/api/")) {
      WriteError(res, ApiError{ApiCode::kNotFound, "no such route: " + req.path});
      return httplib::Server::HandlerResponse::Handled;
    }
    trace.route = fallback_label_;
    first_label = fallback_label_;
    allowed = {"GET", "HEAD"};
  }
  trace.route = first_label;
  std::string methods = JoinAllowed(allowed);
  res.set_header("Allow", methods);
  if (req.method == "OPTIONS") {
    ApplyCors(ctx_.config.cors_origins, req, res, true, methods, SaveRoute(req));
    res.status = 204;
    return httplib::Server::HandlerResponse::Handled;
  }
  // Answered before any body is read: unknown methods (TRACE...) included.
  WriteError(res, ApiError{ApiCode::kMethodNotAllowed,
                           req.method + " is not allowed on " + first_label + "; use " + methods});
  return httplib::Server::HandlerResponse::Handled;
}

void Router::AfterResponse(const httplib::Request& req, const httplib::Response& res) {
  double seconds = 0;
  std::string route = "unmatched";
  if (trace.active) {
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - trace.start).count();
    route = trace.route;
  }
  trace.active = false;
  ctx_.metrics.ObserveRequest(route, req.method, res.status, seconds);
  // The decoded path may hold control characters: keep one request per log line.
  std::string path = req.path;
  for (char& c : path)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  spdlog::info("{} {} {} {:.1f}ms", req.method, path, res.status, seconds * 1000);
}

void Router::InstallHooks() {
  server_.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res); });
  server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    AfterResponse(req, res);
  });
  server_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        FillErrorBody(req, res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        WriteError(res, ApiError{ApiCode::kInternal, req.method + " " + req.path + ": " + what});
      });
}

}  // namespace longjing::server
