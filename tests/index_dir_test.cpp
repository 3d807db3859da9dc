// index_dir.h: the index directory's generations, the current symlink and
// the writer lock.
#include "longjing/index_dir.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>

#include "test_support.h"

namespace longjing {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// An empty Xapian database at `path`, as a build leaves it.
void MakeDatabase(const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  db.commit();
}

TEST_CASE("no index yet is NotFound") {
  TempDir dir;
  Result<std::string> current = ResolveCurrent(dir.path());
  REQUIRE_FALSE(current.ok());
  CHECK(current.status().code() == Code::kNotFound);
  CHECK(ReadCurrentLink(dir.path()).empty());
}

TEST_CASE("SwapCurrent points current at the new generation and drops the old one") {
  TempDir dir;
  auto lock = WriterLock::Acquire(dir.path());
  REQUIRE(lock.ok());
  Result<std::string> first = NewGenerationPath(dir.path());
  REQUIRE(first.ok());
  MakeDatabase(*first);
  REQUIRE(SwapCurrent(dir.path(), *first).ok());
  Result<std::string> current = ResolveCurrent(dir.path());
  REQUIRE(current.ok());
  CHECK(fs::equivalent(*current, *first));
  std::string first_link = ReadCurrentLink(dir.path());
  CHECK(fs::path(first_link).filename() == fs::path(*first).filename());

  Result<std::string> second = NewGenerationPath(dir.path());
  REQUIRE(second.ok());
  CHECK(*second != *first);
  MakeDatabase(*second);
  REQUIRE(SwapCurrent(dir.path(), *second).ok());
  CHECK(fs::equivalent(*ResolveCurrent(dir.path()), *second));
  CHECK_FALSE(fs::exists(*first));
  // The link's text moves with the swap: readers re-resolve on that.
  CHECK(ReadCurrentLink(dir.path()) != first_link);
  CHECK(fs::path(ReadCurrentLink(dir.path())).filename() == fs::path(*second).filename());
}

TEST_CASE("current pointing at something that is not a database is Corrupt") {
  TempDir dir;
  fs::create_directories(dir / "gen-000001");
  fs::create_directory_symlink("gen-000001", dir / "current");
  Result<std::string> current = ResolveCurrent(dir.path());
  REQUIRE_FALSE(current.ok());
  CHECK(current.status().code() == Code::kCorrupt);
}

TEST_CASE("RemoveStaleGenerations keeps the current generation only") {
  TempDir dir;
  auto lock = WriterLock::Acquire(dir.path());
  REQUIRE(lock.ok());
  std::string live = *NewGenerationPath(dir.path());
  MakeDatabase(live);
  REQUIRE(SwapCurrent(dir.path(), live).ok());
  std::string stale = *NewGenerationPath(dir.path());
  fs::create_directories(stale);  // a rebuild that never swapped
  RemoveStaleGenerations(dir.path());
  CHECK(fs::exists(live));
  CHECK_FALSE(fs::exists(stale));
}

TEST_CASE("one writer at a time; the lock is released with its holder") {
  TempDir dir;
  {
    auto first = WriterLock::Acquire(dir.path());
    REQUIRE(first.ok());
    auto second = WriterLock::Acquire(dir.path());
    REQUIRE_FALSE(second.ok());
    CHECK(second.status().code() == Code::kLocked);
  }
  CHECK(WriterLock::Acquire(dir.path()).ok());
}

}  // namespace
}  // namespace longjing
