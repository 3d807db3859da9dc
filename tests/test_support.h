// Fixtures shared by the tests: a unique temporary directory, file helpers,
// and the paths of the source tree and the built programs.
#pragma once

#include <string>
#include <string_view>

namespace longjing::testing {

// A fresh directory under $TMPDIR (mkdtemp), removed with everything in it
// when the object dies. Never a fixed path, so tests can run in parallel.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // path() + "/" + rel
  std::string operator/(std::string_view rel) const;

 private:
  std::string path_;
};

// Writes `content` to `path`, creating parent directories.
void WriteFile(const std::string& path, std::string_view content);
std::string ReadFile(const std::string& path);

// The repository root and build directory (set by CMake).
std::string SourceDir();
std::string BinaryDir();
// Path of the built longjing-index program.
std::string IndexerBinary();

// Runs a shell command, returns its exit status (WEXITSTATUS, or 128+signal);
// captures stdout+stderr into *output when given.
int RunCommand(const std::string& command, std::string* output = nullptr);

// Copies the repository's corpus/ into `dir`.
void CopyDemoCorpus(const std::string& dir);

}  // namespace longjing::testing
