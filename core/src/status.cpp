#include "longjing/status.h"

#include "longjing/article.h"

namespace longjing {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kNotFound: return "not_found";
    case Code::kIoError: return "io_error";
    case Code::kParseError: return "parse_error";
    case Code::kLocked: return "locked";
    case Code::kCorrupt: return "corrupt";
    case Code::kConflict: return "conflict";
    case Code::kTooLarge: return "too_large";
    case Code::kUnavailable: return "unavailable";
    case Code::kTooComplex: return "too_complex";
    case Code::kTimeout: return "timeout";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

std::string Diagnostic::ToString() const {
  std::string s = path;
  if (line > 0) s += ":" + std::to_string(line);
  return s + ": " + message;
}

}  // namespace longjing
