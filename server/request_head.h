// Checks a raw HTTP/1.1 request head before httplib parses it: the gate
// (http_gate.h) buffers the head itself, so these limits and framing rules
// apply before any worker thread is spent on the request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace longjing::server {

struct HeadLimits {
  size_t max_head_bytes = 32 * 1024;  // request line + all header lines
  size_t max_header_fields = 100;
};

struct HeadScan {
  enum Kind { kIncomplete, kComplete, kReject };
  Kind kind = kIncomplete;
  size_t head_bytes = 0;  // kComplete: bytes up to and including the blank line
  int status = 0;         // kReject: 400 or 431
  std::string message;    // kReject: what was wrong, for the error body
  bool chunked = false;   // kComplete: Transfer-Encoding: chunked
  uint64_t content_length = 0;
};

// Scans `buf` (bytes received so far on a connection) for one request head.
// kIncomplete: no blank line yet and no limit passed. kReject with 431 when
// the head is over max_head_bytes or has over max_header_fields fields; with
// 400 for framing that a proxy in front could read differently (request
// smuggling): a Content-Length that is not a plain decimal number, two
// different Content-Lengths, Content-Length together with
// Transfer-Encoding, a Transfer-Encoding other than "chunked", folded
// (obs-fold) lines, a field without ':' or with space before it, bare-LF
// line ends.
HeadScan ScanRequestHead(std::string_view buf, const HeadLimits& limits);

}  // namespace longjing::server
