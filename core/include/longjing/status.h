// Errors as values at the core boundary (the LevelDB way). Xapian and library
// exceptions are caught where those libraries are called and turned into a
// Status here; nothing above the core sees a Xapian::Error.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace longjing {

enum class Code {
  kOk = 0,
  kInvalidArgument,  // the caller's input is wrong (bad query, bad date, bad id)
  kNotFound,         // no such article, file or facet value
  kIoError,          // a file could not be read or written
  kParseError,       // a config, taxonomy or article file is malformed
  kLocked,           // another writer holds the index
  kCorrupt,          // the index or a file is damaged
  kConflict,         // the thing already exists
  kTooLarge,         // a size cap was exceeded
  kUnavailable,      // switched off by configuration, or a resource (the index
                     // folder) is missing or read-only for now
  kNoSpace,          // the disk (or quota, or file-size limit) is full; retry later
  kTooComplex,       // a request would cost more than the caps allow (e.g. a query's wildcards)
  kTimeout,          // a request ran past its time budget; it may succeed later
  kInternal,         // a bug or an unexpected library error
};

// Stable lower_snake names, used in logs and as API error codes.
const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  // kInvalidArgument about one named input (a request parameter such as
  // "page", or a body field): the server reports the name as the error's field.
  static Status InvalidField(std::string field, std::string m) {
    Status s(Code::kInvalidArgument, std::move(m));
    s.field_ = std::move(field);
    return s;
  }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status ParseError(std::string m) { return {Code::kParseError, std::move(m)}; }
  static Status Locked(std::string m) { return {Code::kLocked, std::move(m)}; }
  static Status Corrupt(std::string m) { return {Code::kCorrupt, std::move(m)}; }
  static Status Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
  static Status TooLarge(std::string m) { return {Code::kTooLarge, std::move(m)}; }
  static Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
  static Status TooComplex(std::string m) { return {Code::kTooComplex, std::move(m)}; }
  static Status Timeout(std::string m) { return {Code::kTimeout, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }
  static Status NoSpace(std::string m) { return {Code::kNoSpace, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input the error is about (InvalidField), or "".
  const std::string& field() const { return field_; }
  // "code: message", for logs and command-line output.
  std::string ToString() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

// `what` (e.g. "cannot write /x/y") + ": " + strerror(err), with a code for
// what the caller can do about it: kNoSpace for ENOSPC/EFBIG/EDQUOT,
// kUnavailable for a read-only or vanished folder (EROFS, EACCES, EPERM,
// ENOENT), kIoError otherwise.
Status ErrnoStatus(int err, const std::string& what);

// The errno whose strerror() text appears in a library's error message
// (Xapian nests the system error of a failed write inside its description);
// only the codes ErrnoStatus singles out, and EIO; 0 when none is found.
int ErrnoFromText(const std::string& text);

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: REQUIRES !status.ok()
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace longjing
