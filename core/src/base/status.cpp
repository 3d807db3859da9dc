#include "longjing/status.h"

#include <cerrno>
#include <cstring>

#include "longjing/article.h"

namespace longjing {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kNotFound:
      return "not_found";
    case Code::kIoError:
      return "io_error";
    case Code::kParseError:
      return "parse_error";
    case Code::kLocked:
      return "locked";
    case Code::kCorrupt:
      return "corrupt";
    case Code::kConflict:
      return "conflict";
    case Code::kTooLarge:
      return "too_large";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kTooComplex:
      return "too_complex";
    case Code::kTimeout:
      return "timeout";
    case Code::kInternal:
      return "internal";
    case Code::kNoSpace:
      return "no_space";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status ErrnoStatus(int err, const std::string& what) {
  std::string message = what + ": " + std::strerror(err);
  switch (err) {
    case ENOSPC:
    case EFBIG:
    case EDQUOT:
      return Status::NoSpace(std::move(message));
    case EROFS:
    case EACCES:
    case EPERM:
    case ENOENT:
      return Status::Unavailable(std::move(message));
    default:
      return Status::IoError(std::move(message));
  }
}

int ErrnoFromText(const std::string& text) {
  for (int err : {ENOSPC, EFBIG, EDQUOT, EROFS, EACCES, EPERM, EIO})
    if (text.find(std::strerror(err)) != std::string::npos) return err;
  return 0;
}

std::string Diagnostic::ToString() const {
  std::string s = path;
  if (line > 0) s += ":" + std::to_string(line);
  return s + ": " + message;
}

}  // namespace longjing
