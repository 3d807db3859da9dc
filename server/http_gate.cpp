#include "http_gate.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace longjing::server {

using Clock = std::chrono::steady_clock;

struct GateConnection {
  int fd = -1;
  std::string buf;  // received, not yet consumed by httplib
  size_t pos = 0;   // consumed prefix of buf
  Clock::time_point deadline, parked_at;
  bool head_started = false;  // the deadline counts from the head's start
  size_t served = 0;
  HeadScan scan;  // of the head at buf[pos], once complete
  std::string remote_ip, local_ip;
  int remote_port = 0, local_port = 0;

  std::string_view pending() const { return std::string_view(buf).substr(pos); }
  void Compact() {
    buf.erase(0, pos);
    pos = 0;
  }
};

namespace {

constexpr size_t kRecvChunk = 16 * 1024;
constexpr int kMaxEvents = 64;
// How often idle and half-sent connections are checked against their deadlines.
constexpr int kTickMs = 200;

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count()));
}

// Waits for `events` on fd until `deadline`; false on timeout or error.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    int rc = poll(&p, 1, RemainingMs(deadline));
    if (rc > 0) return true;
    if (rc == 0 || errno != EINTR) return false;
  }
}

void AddressOf(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int rc = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                : getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in = reinterpret_cast<sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text);
    port = ntohs(in->sin6_port);
  }
  ip = text;
}

// httplib's Stream over a gated connection: reads the buffered head first,
// then the socket, all before one deadline for the whole request (httplib's
// own timeouts restart with every packet, which let trickling clients
// hold a thread for minutes).
class GateStream : public httplib::Stream {
 public:
  GateStream(GateConnection& conn, Clock::time_point read_deadline,
             std::chrono::milliseconds write_timeout)
      : conn_(conn), read_deadline_(read_deadline), write_deadline_(Clock::now() + write_timeout) {}

  bool is_readable() const override {
    return !conn_.pending().empty() || WaitFor(conn_.fd, POLLIN, read_deadline_);
  }
  bool is_writable() const override { return WaitFor(conn_.fd, POLLOUT, write_deadline_); }

  ssize_t read(char* ptr, size_t size) override {
    if (conn_.pending().empty() && !Fill()) return failed_ ? -1 : 0;
    size_t n = std::min(size, conn_.pending().size());
    std::memcpy(ptr, conn_.buf.data() + conn_.pos, n);
    conn_.pos += n;
    consumed_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    size_t done = 0;
    while (done < size) {
      ssize_t n = send(conn_.fd, ptr + done, size - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        if (!WaitFor(conn_.fd, POLLOUT, write_deadline_)) return failed_ = true, -1;
      } else {
        return failed_ = true, -1;
      }
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = conn_.remote_ip, port = conn_.remote_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = conn_.local_ip, port = conn_.local_port;
  }
  socket_t socket() const override { return conn_.fd; }

  size_t consumed() const { return consumed_; }
  bool failed() const { return failed_; }

 private:
  // Receives more bytes into the connection's buffer; false at EOF, on an
  // error or past the deadline.
  bool Fill() {
    conn_.Compact();
    for (;;) {
      char chunk[kRecvChunk];
      ssize_t n = recv(conn_.fd, chunk, sizeof chunk, 0);
      if (n > 0) {
        conn_.buf.append(chunk, static_cast<size_t>(n));
        return true;
      }
      if (n == 0) return false;
      if (errno == EINTR) continue;
      if (errno != EAGAIN || !WaitFor(conn_.fd, POLLIN, read_deadline_)) {
        failed_ = true;
        return false;
      }
    }
  }

  GateConnection& conn_;
  Clock::time_point read_deadline_, write_deadline_;
  size_t consumed_ = 0;
  bool failed_ = false;
};

const char* Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Service Unavailable";
  }
}

}  // namespace

std::string GateOptions::Answer(int status, const std::string& message) const {
  auto [content_type, body] = error_body
                                  ? error_body(status, message)
                                  : std::pair<std::string, std::string>{"text/plain", message};
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) + "\r\n";
  for (const auto& [name, value] : extra_headers) out += name + ": " + value + "\r\n";
  out += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
  return out;
}

HttpGate::HttpGate(GateOptions options, ServeRequest serve)
    : options_(std::move(options)), serve_(std::move(serve)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  gate_thread_ = std::thread([this] { GateLoop(); });
  for (size_t i = 0; i < std::max<size_t>(1, options_.workers); ++i)
    workers_.emplace_back([this] { WorkerLoop(); });
}

HttpGate::~HttpGate() { Shutdown(); }

size_t HttpGate::connections() const {
  std::lock_guard lock(mu_);
  return waiting_.size() + ready_.size() + busy_;
}

void HttpGate::Admit(int fd) {
  // httplib answers 500 on descriptors select() cannot watch.
  if (fd >= FD_SETSIZE) {
    close(fd);
    return;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  auto conn = std::make_unique<GateConnection>();
  conn->fd = fd;
  AddressOf(fd, true, conn->remote_ip, conn->remote_port);
  AddressOf(fd, false, conn->local_ip, conn->local_port);
  conn->head_started = true;  // a new connection owes its head at once
  {
    std::lock_guard lock(mu_);
    if (waiting_.size() + ready_.size() + busy_ >= options_.max_connections && !EvictOldestIdle()) {
      close(fd);
      return;
    }
  }
  Park(std::move(conn));
}

// REQUIRES: mu_ held.
bool HttpGate::EvictOldestIdle() {
  auto oldest = waiting_.end();
  for (auto it = waiting_.begin(); it != waiting_.end(); ++it)
    if (oldest == waiting_.end() || it->second->parked_at < oldest->second->parked_at) oldest = it;
  if (oldest == waiting_.end()) return false;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, oldest->first, nullptr);
  close(oldest->first);
  waiting_.erase(oldest);
  return true;
}

void HttpGate::Park(std::unique_ptr<GateConnection> conn) {
  auto now = Clock::now();
  conn->parked_at = now;
  conn->deadline = now + (conn->head_started ? options_.head_timeout : options_.idle_timeout);
  std::lock_guard lock(mu_);
  if (stopping_) return Close(std::move(conn));
  int fd = conn->fd;
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.fd = fd;
  waiting_[fd] = std::move(conn);
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
    Close(std::move(waiting_[fd]));
    waiting_.erase(fd);
  }
}

void HttpGate::Close(std::unique_ptr<GateConnection> conn) {
  if (!conn) return;
  shutdown(conn->fd, SHUT_RDWR);
  close(conn->fd);
}

void HttpGate::GateLoop() {
  epoll_event events[kMaxEvents];
  for (;;) {
    int n = epoll_wait(epoll_fd_, events, kMaxEvents, kTickMs);
    std::lock_guard lock(mu_);
    if (stopping_) return;
    for (int i = 0; i < n; ++i) {
      auto it = waiting_.find(events[i].data.fd);
      if (it != waiting_.end()) OnReadable(it->second.get());
    }
    CloseExpired(Clock::now());
  }
}

// REQUIRES: mu_ held. May remove `conn` from waiting_.
void HttpGate::OnReadable(GateConnection* conn) {
  int fd = conn->fd;
  bool eof = false;
  while (conn->buf.size() <= options_.limits.max_head_bytes) {
    char chunk[kRecvChunk];
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      conn->buf.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
    eof = true;
    break;
  }
  if (!conn->head_started && !conn->buf.empty()) {
    conn->head_started = true;
    conn->deadline = Clock::now() + options_.head_timeout;
  }
  HeadScan scan = ScanRequestHead(conn->pending(), options_.limits);
  if (scan.kind == HeadScan::kIncomplete && !eof) return;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  std::unique_ptr<GateConnection> owned = std::move(waiting_[fd]);
  waiting_.erase(fd);
  if (scan.kind == HeadScan::kReject) {
    std::string answer = options_.Answer(scan.status, scan.message);
    send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
  // A client may half-close after a complete request; it still gets its answer.
  if (scan.kind != HeadScan::kComplete) return Close(std::move(owned));
  owned->scan = scan;
  ready_.push_back(std::move(owned));
  ready_cv_.notify_one();
}

// REQUIRES: mu_ held.
void HttpGate::CloseExpired(Clock::time_point now) {
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    GateConnection& conn = *it->second;
    if (conn.deadline > now) {
      ++it;
      continue;
    }
    if (!conn.pending().empty()) {
      std::string answer = options_.Answer(408, "the request head was not complete in time");
      send(conn.fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, conn.fd, nullptr);
    Close(std::move(it->second));
    it = waiting_.erase(it);
  }
}

void HttpGate::WorkerLoop() {
  for (;;) {
    std::unique_ptr<GateConnection> conn;
    {
      std::unique_lock lock(mu_);
      ready_cv_.wait(lock, [&] { return !ready_.empty() || stopping_; });
      if (ready_.empty()) return;
      conn = std::move(ready_.front());
      ready_.pop_front();
      ++busy_;
    }
    ServeConnection(std::move(conn));
    std::lock_guard lock(mu_);
    --busy_;
  }
}

void HttpGate::ServeConnection(std::unique_ptr<GateConnection> conn) {
  for (;;) {
    const HeadScan scan = conn->scan;
    GateStream strm(*conn, Clock::now() + options_.body_timeout, options_.write_timeout);
    bool last = conn->served + 1 >= options_.max_requests_per_connection;
    {
      std::lock_guard lock(mu_);
      last = last || stopping_;
    }
    bool closed = false;
    bool ok = serve_(strm, last, closed);
    ++conn->served;
    // A body the handler did not read (an early error answer) would be taken
    // for the next request; a chunked one cannot be skipped cheaply either.
    bool body_left = scan.chunked || strm.consumed() < scan.head_bytes + scan.content_length;
    if (!ok || closed || last || strm.failed() || body_left) return Close(std::move(conn));
    conn->Compact();
    HeadScan next = ScanRequestHead(conn->pending(), options_.limits);
    if (next.kind == HeadScan::kComplete) {
      conn->scan = next;  // pipelined: already here, serve it now
      continue;
    }
    if (next.kind == HeadScan::kReject) {
      std::string answer = options_.Answer(next.status, next.message);
      send(conn->fd, answer.data(), answer.size(), MSG_NOSIGNAL);
      return Close(std::move(conn));
    }
    conn->head_started = !conn->pending().empty();
    return Park(std::move(conn));
  }
}

void HttpGate::Shutdown() {
  {
    std::lock_guard lock(shutdown_mu_);
    if (shut_down_) return;
    shut_down_ = true;
  }
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof one);
  if (gate_thread_.joinable()) gate_thread_.join();
  ready_cv_.notify_all();
  for (auto& t : workers_)
    if (t.joinable()) t.join();
  std::lock_guard lock(mu_);
  for (auto& [fd, conn] : waiting_) Close(std::move(conn));
  waiting_.clear();
  close(epoll_fd_);
  close(wake_fd_);
}

}  // namespace longjing::server
