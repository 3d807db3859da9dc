#include "longjing/corpus_walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "longjing/parse.h"

namespace longjing {
namespace {

// Walks one folder through its descriptor (closed here). Each entry costs
// one fstatat relative to the folder: no path is resolved twice, which is
// what makes a no-op run on a large corpus cheap.
void WalkFolder(int fd, const std::string& root, const std::string& prefix,
                std::vector<CorpusFile>& files, std::vector<Diagnostic>* warnings) {
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    warnings->push_back(
        {root + "/" + prefix, 0, std::string("cannot list: ") + std::strerror(errno)});
    ::close(fd);
    return;
  }
  while (true) {
    errno = 0;
    dirent* e = ::readdir(dir);
    if (!e) {
      if (errno != 0)
        warnings->push_back(
            {root + "/" + prefix, 0, std::string("error while listing: ") + std::strerror(errno)});
      break;
    }
    if (e->d_name[0] == '.') continue;  // hidden, and . and ..
    std::string rel = prefix + e->d_name;
    struct stat st;
    if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // just gone
    if (S_ISDIR(st.st_mode)) {
      int sub = ::openat(::dirfd(dir), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
      if (sub >= 0)
        WalkFolder(sub, root, rel + "/", files, warnings);
      else if (errno != EACCES)  // unreadable folders are skipped quietly, as before
        warnings->push_back(
            {root + "/" + rel, 0, std::string("cannot list: ") + std::strerror(errno)});
      continue;
    }
    // A symlinked file is read through its link; a symlinked folder is not
    // followed (no loops).
    if (S_ISLNK(st.st_mode) && ::fstatat(::dirfd(dir), e->d_name, &st, 0) != 0) continue;
    if (!S_ISREG(st.st_mode) || !IsCorpusFile(rel)) continue;
    files.push_back({std::move(rel), static_cast<uintmax_t>(st.st_size),
                     static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                     static_cast<uint64_t>(st.st_ino)});
  }
  ::closedir(dir);
}

}  // namespace

std::vector<CorpusFile> WalkCorpus(const std::string& root, std::vector<Diagnostic>* warnings) {
  std::vector<CorpusFile> files;
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    warnings->push_back(
        {root, 0, std::string("cannot list the corpus folder: ") + std::strerror(errno)});
    return files;
  }
  WalkFolder(fd, root, "", files, warnings);
  std::sort(files.begin(), files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.rel_path < b.rel_path; });
  return files;
}

}  // namespace longjing
