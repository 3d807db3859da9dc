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

// Runs the repository's bench/make-corpus with `args` (python3). Returns ""
// on success, else what is missing (python3, the word lists scripts/setup
// installs) or the generator's exit status and output: a test REQUIREs it
// empty, so a machine without the tools fails loudly instead of skipping.
std::string MakeCorpus(const std::string& args);

// Marks the running test case as skipped (its caller then returns): the
// reason is printed, doctest counts the case as skipped, and the binary
// exits with kSkipExitCode when nothing failed, which ctest reports as
// "Skipped" (SKIP_RETURN_CODE), never as a pass.
inline constexpr int kSkipExitCode = 77;
void Skip(const std::string& reason);
// True once Skip has been called in this process.
bool AnySkipped();

// Copies the repository's corpus/ into `dir`.
void CopyDemoCorpus(const std::string& dir);

}  // namespace longjing::testing
