#include "longjing/corpus_walk.h"

#include <algorithm>
#include <filesystem>

#include "longjing/parse.h"

namespace fs = std::filesystem;

namespace longjing {

std::vector<CorpusFile> WalkCorpus(const std::string& root, std::vector<Diagnostic>* warnings) {
  std::vector<CorpusFile> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    warnings->push_back({root, 0, "cannot list the corpus folder: " + ec.message()});
    return files;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      warnings->push_back({root, 0, "error while listing: " + ec.message()});
      ec.clear();
      continue;
    }
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(p, root, ec).generic_string();
    if (ec || !IsCorpusFile(rel)) continue;
    files.push_back({rel, it->file_size(ec)});
  }
  std::sort(files.begin(), files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.rel_path < b.rel_path; });
  return files;
}

}  // namespace longjing
