// WalkCorpus: which files a run sees, their relative paths and stat fields.
#include "longjing/corpus_walk.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "test_support.h"

namespace fs = std::filesystem;
using longjing::testing::TempDir;
using longjing::testing::WriteFile;

namespace longjing {

TEST_CASE("the walk lists corpus files, sorted, relative, with size, mtime and inode") {
  TempDir tmp;
  std::string root = tmp / "corpus";
  WriteFile(root + "/b.md", "bb");
  WriteFile(root + "/a/z.jsonl", "{}\n");
  WriteFile(root + "/a/y/x.txt", "xyz");
  WriteFile(root + "/notes.pdf.part", "skip");                // not a corpus file
  WriteFile(root + "/.hidden.md", "skip");                    // hidden file
  WriteFile(root + "/.git/c.md", "skip");                     // hidden folder
  fs::create_directory_symlink(root + "/a", root + "/loop");  // not followed
  fs::create_symlink(root + "/b.md", root + "/linked.md");    // a file through its link
  std::vector<Diagnostic> warnings;
  std::vector<CorpusFile> files = WalkCorpus(root, &warnings);
  CHECK(warnings.empty());
  std::vector<std::string> paths;
  for (const CorpusFile& f : files) paths.push_back(f.rel_path);
  CHECK(paths == std::vector<std::string>{"a/y/x.txt", "a/z.jsonl", "b.md", "linked.md"});
  struct stat st;
  REQUIRE(::stat((root + "/a/y/x.txt").c_str(), &st) == 0);
  CHECK(files[0].size == 3);
  CHECK(files[0].inode == st.st_ino);
  CHECK(files[0].mtime_ns ==
        static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec);
}

TEST_CASE("a missing corpus folder is a warning naming it") {
  TempDir tmp;
  std::vector<Diagnostic> warnings;
  CHECK(WalkCorpus(tmp / "nowhere", &warnings).empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].ToString().find("nowhere") != std::string::npos);
}

}  // namespace longjing
