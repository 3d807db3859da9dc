// Lists the corpus files under a folder, recursively.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "longjing/article.h"

namespace longjing {

struct CorpusFile {
  std::string rel_path;  // '/'-separated, relative to the corpus root
  uintmax_t size = 0;
  int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
  uint64_t inode = 0;
};

// Files the parsers read (IsCorpusFile), sorted by path. Hidden files and
// folders are skipped; symlinked folders are not followed (no loops).
// Folders that cannot be listed become warnings.
std::vector<CorpusFile> WalkCorpus(const std::string& root, std::vector<Diagnostic>* warnings);

}  // namespace longjing
