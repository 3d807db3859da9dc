// The HTTP connection model. httplib 0.11 gives every connection a pool
// thread for its whole life, so a handful of idle, half-sent or trickling
// connections starved everyone else. Here one gate thread owns every socket
// that is not in the middle of a request: it waits on all of them with
// epoll, buffers each request head itself, applies the head limits and
// deadlines, and only hands a connection to a worker once a complete head is
// buffered. Idle keep-alive connections and slow clients therefore cost a
// few bytes of memory, never a thread; a worker returns its connection to
// the gate as soon as the response is written.
//
// httplib still parses and routes: a worker calls httplib's
// Server::process_request on a Stream that serves the buffered head first
// (GatedServer in app.cpp wires the two together).
//
// Why not an elastic thread pool with a watchdog: idle sockets would still
// each hold a thread (a few thousand would exhaust memory or the thread
// limit), and httplib never tells a task queue which socket a task serves,
// so a watchdog could not find the socket to close. Why not MSG_PEEK on a
// socket httplib then reads: the head would be scanned again after each
// packet and could exceed the kernel's receive buffer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http.h"
#include "request_head.h"

namespace longjing::server {

struct GateOptions {
  size_t workers = 8;
  // Open connections at most; past it the one idle longest is closed to make
  // room (a new connection is refused only when none is idle).
  size_t max_connections = 512;
  std::chrono::milliseconds head_timeout{10000};   // whole head, from its first byte
  std::chrono::milliseconds idle_timeout{5000};    // keep-alive wait for the next request
  std::chrono::milliseconds body_timeout{10000};   // the rest of a request after its head
  std::chrono::milliseconds write_timeout{30000};  // one response
  size_t max_requests_per_connection = 1000;
  HeadLimits limits;
  // The answer to a head the gate refuses (400, 408, 431): returns the
  // content type and body; the default is the message as plain text.
  std::function<std::pair<std::string, std::string>(int status, const std::string& message)>
      error_body;
  // Sent with every answer the gate writes itself (security headers).
  std::vector<std::pair<std::string, std::string>> extra_headers;

  // The whole HTTP response (with Connection: close) for a refused head.
  std::string Answer(int status, const std::string& message) const;
};

// Serves one request whose head is buffered in `strm`; httplib's contract:
// false when the connection must close, connection_closed when the client
// asked for it. Called on a worker thread.
using ServeRequest =
    std::function<bool(httplib::Stream& strm, bool close_connection, bool& connection_closed)>;

struct GateConnection;

// Thread-safety: Admit is called by the accepting thread, Shutdown by anyone.
class HttpGate {
 public:
  HttpGate(GateOptions options, ServeRequest serve);
  ~HttpGate();  // Shutdown()
  HttpGate(const HttpGate&) = delete;
  HttpGate& operator=(const HttpGate&) = delete;

  // Takes ownership of an accepted socket.
  void Admit(int fd);
  // Closes every waiting connection, lets the workers finish the requests
  // already handed to them, joins all threads. Idempotent.
  void Shutdown();

  // Open connections now (waiting + being served): for tests and metrics.
  size_t connections() const;

 private:
  using Clock = std::chrono::steady_clock;
  void GateLoop();
  void WorkerLoop();
  void OnReadable(GateConnection* conn);
  void Park(std::unique_ptr<GateConnection> conn);      // back to the gate
  void Dispatch(std::unique_ptr<GateConnection> conn);  // to a worker
  void ServeConnection(std::unique_ptr<GateConnection> conn);
  void CloseExpired(Clock::time_point now);
  bool EvictOldestIdle();
  void Close(std::unique_ptr<GateConnection> conn);

  GateOptions options_;
  ServeRequest serve_;
  int epoll_fd_ = -1, wake_fd_ = -1;
  mutable std::mutex mu_;  // guards everything below
  std::unordered_map<int, std::unique_ptr<GateConnection>> waiting_;
  std::deque<std::unique_ptr<GateConnection>> ready_;
  std::condition_variable ready_cv_;
  size_t busy_ = 0;
  bool stopping_ = false;
  std::mutex shutdown_mu_;
  bool shut_down_ = false;
  std::thread gate_thread_;
  std::vector<std::thread> workers_;
};

}  // namespace longjing::server
