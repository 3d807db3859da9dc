#include "longjing/index_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace longjing {
namespace {

constexpr const char* kCurrent = "current";
constexpr const char* kStub = "XAPIANDB";
constexpr const char* kLockFile = "write.lock";
constexpr const char* kGenPrefix = "gen-";

std::string CurrentLink(const std::string& dir) { return dir + "/" + kCurrent; }

int GenerationNumber(const std::string& name) {
  if (name.rfind(kGenPrefix, 0) != 0) return -1;
  try {
    return std::stoi(name.substr(4));
  } catch (const std::exception&) {
    return -1;
  }
}

// The database a stub file names: its first line that is not a comment,
// "auto PATH" or "glass PATH" (what xapian-replicate and WriteStub write).
// Empty when the file is missing or names something else.
std::string StubTarget(const std::string& stub_path) {
  std::ifstream in(stub_path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    for (const char* type : {"auto ", "glass "})
      if (line.rfind(type, 0) == 0) return line.substr(std::strlen(type));
    return "";
  }
  return "";
}

}  // namespace

std::string ReadCurrentLink(const std::string& index_dir) {
  char buf[4096];
  ssize_t n = ::readlink(CurrentLink(index_dir).c_str(), buf, sizeof buf);
  return n > 0 && static_cast<size_t>(n) < sizeof buf ? std::string(buf, static_cast<size_t>(n))
                                                      : std::string();
}

Result<std::string> ResolveCurrent(const std::string& index_dir) {
  std::error_code ec;
  fs::path target = fs::read_symlink(CurrentLink(index_dir), ec);
  std::string named = CurrentLink(index_dir);
  if (ec) {
    named = index_dir + "/" + kStub;
    target = StubTarget(named);
    if (target.empty())
      return Status::NotFound("no index yet at " + index_dir + " (run longjing-index)");
  }
  fs::path real = target.is_absolute() ? target : fs::path(index_dir) / target;
  if (!fs::exists(real / "iamglass", ec))
    return Status::Corrupt(named + " points at " + real.string() +
                           ", which is not a Xapian database");
  return fs::absolute(real).lexically_normal().string();
}

Result<std::unique_ptr<WriterLock>> WriterLock::Acquire(const std::string& index_dir) {
  std::error_code ec;
  fs::create_directories(index_dir, ec);
  if (ec) return Status::IoError("cannot create " + index_dir + ": " + ec.message());
  std::string path = index_dir + "/" + kLockFile;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {0};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd);
    return Status::Locked("another Longjing writer holds " + index_dir +
                          (holder.empty() ? "" : " (pid " + holder + ")") +
                          "; only one indexer or watching server may write an index at a time");
  }
  // The pid is informational only: the flock is what excludes other writers,
  // and the kernel drops it if this process dies, even by SIGKILL.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    ssize_t ignored = ::pwrite(fd, pid.data(), pid.size(), 0);
    (void)ignored;
  }
  return std::unique_ptr<WriterLock>(new WriterLock(fd));
}

bool WriterLock::StillHeld(const std::string& index_dir) const {
  struct stat held {
  }, there{};
  std::string path = index_dir + "/" + kLockFile;
  if (::fstat(fd_, &held) != 0 || ::stat(path.c_str(), &there) != 0) return false;
  return held.st_dev == there.st_dev && held.st_ino == there.st_ino;
}

WriterLock::~WriterLock() {
  if (::ftruncate(fd_, 0) != 0) { /* the pid is only a hint */
  }
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

Status ProbeWritable(const std::string& index_dir) {
  // Two glass blocks: the least a commit writes.
  constexpr size_t kProbeBytes = 16 * 1024;
  std::string path = index_dir + "/write.probe";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(errno, "cannot create " + path);
  std::string block(kProbeBytes, '\0');
  size_t done = 0;
  int err = 0;
  while (done < block.size()) {
    ssize_t n = ::write(fd, block.data() + done, block.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : ENOSPC;
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (!err && ::fsync(fd) != 0) err = errno;
  ::close(fd);
  ::unlink(path.c_str());
  return err ? ErrnoStatus(err, "cannot write " + path) : Status::Ok();
}

Result<std::string> NewGenerationPath(const std::string& index_dir) {
  int highest = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(index_dir, ec))
    highest = std::max(highest, GenerationNumber(e.path().filename().string()));
  if (ec) return Status::IoError("cannot list " + index_dir + ": " + ec.message());
  char name[32];
  std::snprintf(name, sizeof name, "%s%06d", kGenPrefix, highest + 1);
  return (fs::absolute(index_dir) / name).lexically_normal().string();
}

Status SwapCurrent(const std::string& index_dir, const std::string& generation_path) {
  std::string link = CurrentLink(index_dir);
  std::string tmp = link + ".tmp";
  std::error_code ec;
  fs::remove(tmp, ec);
  // A relative target keeps the index directory movable (and mountable as a
  // volume at another path).
  fs::create_directory_symlink(fs::path(generation_path).filename(), tmp, ec);
  if (ec) return Status::IoError("cannot create " + tmp + ": " + ec.message());
  if (::rename(tmp.c_str(), link.c_str()) != 0)
    return Status::IoError("cannot swap " + link + ": " + std::strerror(errno));
  if (Status st = WriteStub(index_dir); !st.ok()) return st;
  // Make the rename itself durable before old generations go away.
  int dfd = ::open(index_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  RemoveStaleGenerations(index_dir);
  return Status::Ok();
}

Status WriteStub(const std::string& index_dir) {
  std::error_code ec;
  fs::path target = fs::read_symlink(CurrentLink(index_dir), ec);
  if (ec) return Status::Ok();
  std::string stub = index_dir + "/" + kStub;
  if (StubTarget(stub) == target.string()) return Status::Ok();
  std::string tmp = stub + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# Written by Longjing: the live generation, for xapian-replicate-server.\n"
        << "auto " << target.string() << "\n";
    out.flush();
    if (!out) return Status::IoError("cannot write " + tmp);
  }
  if (::rename(tmp.c_str(), stub.c_str()) != 0)
    return Status::IoError("cannot replace " + stub + ": " + std::strerror(errno));
  return Status::Ok();
}

void RemoveStaleGenerations(const std::string& index_dir) {
  auto current = ResolveCurrent(index_dir);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(index_dir, ec)) {
    std::string name = e.path().filename().string();
    if (GenerationNumber(name) < 0) continue;
    if (current.ok() && fs::equivalent(e.path(), *current, ec)) continue;
    // Readers that still have the old generation open keep their file
    // descriptors; on POSIX the files live on until they close them.
    fs::remove_all(e.path(), ec);
  }
}

}  // namespace longjing
