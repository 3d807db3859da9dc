// Raw bytes of a connection -> the connection gate's request-head scanner
// (server/request_head.h), which runs before httplib sees a request.
// Contracts: a complete head ends with its blank line inside the buffer and
// within the limits; the verdict does not depend on bytes after the head;
// a rejection carries 400 or 431 and a message.
#include "fuzz_support.h"
#include "request_head.h"

using namespace longjing;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view buf = fuzz::AsText(data, size);
  server::HeadLimits limits;
  limits.max_head_bytes = 2048;
  limits.max_header_fields = 16;
  server::HeadScan scan = server::ScanRequestHead(buf, limits);
  switch (scan.kind) {
    case server::HeadScan::kComplete: {
      if (scan.head_bytes < 4 || scan.head_bytes > buf.size() ||
          buf.substr(scan.head_bytes - 4, 4) != "\r\n\r\n")
        fuzz::Fail("a complete head does not end with its blank line");
      if (scan.head_bytes > limits.max_head_bytes) fuzz::Fail("a head over the byte cap passed");
      if (scan.chunked && scan.content_length != 0)
        fuzz::Fail("Content-Length together with chunked passed");
      server::HeadScan again = server::ScanRequestHead(buf.substr(0, scan.head_bytes), limits);
      if (again.kind != scan.kind || again.head_bytes != scan.head_bytes ||
          again.content_length != scan.content_length || again.chunked != scan.chunked)
        fuzz::Fail("the verdict depends on bytes after the head");
      break;
    }
    case server::HeadScan::kReject:
      if ((scan.status != 400 && scan.status != 431) || scan.message.empty())
        fuzz::Fail("a rejection without 400/431 and a message");
      break;
    case server::HeadScan::kIncomplete:
      if (buf.size() > limits.max_head_bytes)
        fuzz::Fail("more bytes than the head cap and still incomplete");
      break;
  }
  return 0;
}
