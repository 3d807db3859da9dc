#include "test_support.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace longjing::testing {

namespace {
bool g_skipped = false;
}  // namespace

void Skip(const std::string& reason) {
  g_skipped = true;
  std::fprintf(stderr, "SKIPPED: %s\n", reason.c_str());
}

bool AnySkipped() { return g_skipped; }

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "longjing-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::operator/(std::string_view rel) const {
  return path_ + "/" + std::string(rel);
}

void WriteFile(const std::string& path, std::string_view content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string SourceDir() { return LONGJING_SOURCE_DIR; }
std::string BinaryDir() { return LONGJING_BINARY_DIR; }

std::string IndexerBinary() {
  if (const char* env = std::getenv("LONGJING_INDEX_BIN")) return env;
  return BinaryDir() + "/longjing-index";
}

std::string MakeCorpus(const std::string& args) {
  const std::string script = SourceDir() + "/bench/make-corpus";
  std::string missing;
  if (RunCommand("python3 --version") != 0) missing += " python3";
  for (const char* f : {"/usr/share/dict/american-english", "/usr/share/dict/french"})
    if (!fs::exists(f)) missing += std::string(" ") + f;
  if (!fs::exists(script)) missing += " " + script;
  if (!missing.empty())
    return "bench/make-corpus cannot run, missing:" + missing + " (run scripts/setup)";
  std::string log;
  int rc = RunCommand("python3 " + script + " " + args, &log);
  return rc == 0 ? "" : "bench/make-corpus " + args + " exited " + std::to_string(rc) + ":\n" + log;
}

int RunCommand(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buf;
  std::string out;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  if (output) *output = out;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

void CopyDemoCorpus(const std::string& dir) {
  fs::create_directories(dir);
  fs::copy(SourceDir() + "/corpus", dir,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

}  // namespace longjing::testing
