#include "request_head.h"

#include <algorithm>
#include <cctype>

namespace longjing::server {
namespace {

HeadScan Reject(int status, std::string message) {
  HeadScan scan;
  scan.kind = HeadScan::kReject;
  scan.status = status;
  scan.message = std::move(message);
  return scan;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Applies one "name: value" line to `scan`; false with scan set to a reject.
bool ReadField(std::string_view line, bool& has_length, bool& has_encoding, HeadScan& scan) {
  if (line.front() == ' ' || line.front() == '\t') {
    scan = Reject(400, "folded header lines are not accepted");
    return false;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || line[colon - 1] == ' ' ||
      line[colon - 1] == '\t') {
    scan = Reject(400, "malformed header line");
    return false;
  }
  std::string_view name = line.substr(0, colon), value = TrimOws(line.substr(colon + 1));
  if (EqualsIgnoreCase(name, "Content-Length")) {
    constexpr size_t kMaxDigits = 18;  // fits uint64_t; no body is that big anyway
    bool digits =
        !value.empty() && value.size() <= kMaxDigits &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      scan = Reject(400, "Content-Length must be a non-negative decimal number");
      return false;
    }
    uint64_t n = std::stoull(std::string(value));
    if (has_length && n != scan.content_length) {
      scan = Reject(400, "conflicting Content-Length headers");
      return false;
    }
    has_length = true;
    scan.content_length = n;
  } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
    if (has_encoding || !EqualsIgnoreCase(value, "chunked")) {
      scan = Reject(400, "only one Transfer-Encoding: chunked is supported");
      return false;
    }
    has_encoding = true;
    scan.chunked = true;
  }
  return true;
}

}  // namespace

HeadScan ScanRequestHead(std::string_view buf, const HeadLimits& limits) {
  size_t end = buf.find("\r\n\r\n");
  std::string_view head = buf.substr(0, end == std::string_view::npos ? buf.size() : end + 2);
  // Counted before the blank line arrives, so a client cannot make the
  // server buffer a huge head first.
  size_t lines = static_cast<size_t>(std::count(head.begin(), head.end(), '\n'));
  if (head.size() > limits.max_head_bytes || lines > limits.max_header_fields + 1)
    return Reject(431, "request header fields too large (at most " +
                           std::to_string(limits.max_header_fields) + " fields, " +
                           std::to_string(limits.max_head_bytes / 1024) + " KiB in all)");
  size_t lf = head.find('\n');
  for (size_t i = lf; i != std::string_view::npos; i = head.find('\n', i + 1))
    if (i == 0 || head[i - 1] != '\r') return Reject(400, "request lines must end with CRLF");
  if (end == std::string_view::npos) return HeadScan{};
  HeadScan scan;
  bool has_length = false, has_encoding = false;
  size_t pos = head.find("\r\n") + 2;  // skip the request line
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    std::string_view line = head.substr(pos, eol - pos);
    if (!ReadField(line, has_length, has_encoding, scan)) return scan;
    pos = eol + 2;
  }
  if (has_length && has_encoding)
    return Reject(400, "Content-Length and Transfer-Encoding together are not accepted");
  scan.kind = HeadScan::kComplete;
  scan.head_bytes = end + 4;
  return scan;
}

}  // namespace longjing::server
