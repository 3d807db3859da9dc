// longjing/corpus_write.h: ingested articles become Markdown files in
// <corpus>/ingested that read back as the same article, under unique names,
// never leaving a temporary file; the ingest change undoes its file; the
// delete change refuses files of several articles and paths outside the corpus.
#include "longjing/corpus_write.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "longjing/parse.h"
#include "test_support.h"

namespace longjing {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

Article MakeArticle(std::string title) {
  Article a;
  a.title = std::move(title);
  a.date = "2024-05-06";
  a.body = "Hangzhou subsidises robot makers.\n\nA second paragraph.";
  a.source = "Test Daily";
  a.lang = "en";
  a.format = "markdown";
  a.explicit_tags["city"] = {"hangzhou"};
  return a;
}

// Names of every entry in <corpus>/ingested, hidden ones included.
std::set<std::string> Listing(const TempDir& corpus) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(corpus / "ingested", ec))
    names.insert(e.path().filename().string());
  return names;
}

TEST_CASE("WriteIngestedArticle writes a file that parses back as the article") {
  TempDir corpus;
  Article a = MakeArticle("Robots in Hangzhou");
  Result<std::string> rel = WriteIngestedArticle(corpus.path(), a);
  REQUIRE(rel.ok());
  CHECK(*rel == "ingested/2024-05-06-robots-in-hangzhou.md");
  CHECK(a.id == *rel);
  CHECK(a.path == *rel);
  ParseOutput back = ParseFile(*rel, ReadFile(corpus / *rel));
  REQUIRE(back.articles.size() == 1);
  const Article& b = back.articles.front();
  CHECK(b.title == a.title);
  CHECK(b.date == a.date);
  CHECK(b.source == a.source);
  CHECK(b.lang == "en");
  CHECK(b.body == a.body);
  CHECK(b.explicit_tags.at("city") == std::vector<std::string>{"hangzhou"});
  CHECK(Listing(corpus) == std::set<std::string>{"2024-05-06-robots-in-hangzhou.md"});
}

TEST_CASE("WriteIngestedArticle never replaces a file: taken names get -2, -3") {
  TempDir corpus;
  WriteFile(corpus / "ingested/2024-05-06-robots-in-hangzhou.md", "someone else's file\n");
  Article a = MakeArticle("Robots in Hangzhou");
  Article b = MakeArticle("Robots in Hangzhou");
  REQUIRE(WriteIngestedArticle(corpus.path(), a).ok());
  REQUIRE(WriteIngestedArticle(corpus.path(), b).ok());
  CHECK(a.path == "ingested/2024-05-06-robots-in-hangzhou-2.md");
  CHECK(b.path == "ingested/2024-05-06-robots-in-hangzhou-3.md");
  CHECK(ReadFile(corpus / "ingested/2024-05-06-robots-in-hangzhou.md") == "someone else's file\n");
  CHECK(Listing(corpus).size() == 3);  // no temporary file left
}

TEST_CASE("A title with no usable characters gets the name 'article'") {
  TempDir corpus;
  Article a = MakeArticle("!!!");
  REQUIRE(WriteIngestedArticle(corpus.path(), a).ok());
  CHECK(a.path == "ingested/2024-05-06-article.md");
}

TEST_CASE("RemoveStaleIngestTemps removes only the ingest temporary files") {
  TempDir corpus;
  CHECK(RemoveStaleIngestTemps(corpus.path()) == 0);  // no ingested/ folder yet
  WriteFile(corpus / "ingested/.ingest-123-456.tmp", "half an article");
  WriteFile(corpus / "ingested/.ingest-9-9.tmp", "");
  WriteFile(corpus / "ingested/2024-01-01-kept.md", "# kept\n");
  WriteFile(corpus / "ingested/.ingest-notes", "not a temporary file");
  WriteFile(corpus / "ingested/other.tmp", "not ours");
  CHECK(RemoveStaleIngestTemps(corpus.path()) == 2);
  CHECK(Listing(corpus) ==
        std::set<std::string>{"2024-01-01-kept.md", ".ingest-notes", "other.tmp"});
}

TEST_CASE("The ingest change writes on apply and removes its file on undo") {
  TempDir corpus;
  auto article = std::make_shared<Article>(MakeArticle("Compute vouchers"));
  FileChange change = IngestArticleChange(corpus.path(), article);
  Result<std::vector<std::string>> paths = change.apply();
  REQUIRE(paths.ok());
  REQUIRE(paths->size() == 1);
  CHECK(paths->front() == article->path);
  CHECK(fs::exists(corpus / article->path));
  REQUIRE(change.undo);
  change.undo();
  CHECK_FALSE(fs::exists(corpus / article->path));
  // The name is free again for a retry.
  auto retry = std::make_shared<Article>(MakeArticle("Compute vouchers"));
  REQUIRE(IngestArticleChange(corpus.path(), retry).apply().ok());
  CHECK(retry->path == article->path);
}

TEST_CASE("The delete change removes one article's file, and refuses the others") {
  TempDir corpus;
  WriteFile(corpus / "news/a.md", "# A\n\nbody\n");
  WriteFile(corpus / "news/batch.jsonl", "{}\n");
  WriteFile(corpus.path() + "-outside.md", "# outside\n");

  Result<FileChange> several =
      DeleteArticleChange(corpus.path(), "news/batch.jsonl#1", "news/batch.jsonl");
  REQUIRE_FALSE(several.ok());
  CHECK(several.status().code() == Code::kConflict);
  CHECK(several.status().message().find("one of several in news/batch.jsonl") != std::string::npos);

  std::string outside = "../" + fs::path(corpus.path()).filename().string() + "-outside.md";
  Result<FileChange> escape = DeleteArticleChange(corpus.path(), "x", outside);
  REQUIRE_FALSE(escape.ok());
  CHECK(escape.status().code() == Code::kConflict);
  CHECK(fs::exists(corpus.path() + "-outside.md"));
  fs::remove(corpus.path() + "-outside.md");

  Result<FileChange> one = DeleteArticleChange(corpus.path(), "news/a.md", "news/a.md");
  REQUIRE(one.ok());
  CHECK_FALSE(one->undo);  // the watcher retries a failed delete instead
  Result<std::vector<std::string>> paths = one->apply();
  REQUIRE(paths.ok());
  CHECK(*paths == std::vector<std::string>{"news/a.md"});
  CHECK_FALSE(fs::exists(corpus / "news/a.md"));
  CHECK(fs::exists(corpus / "news/batch.jsonl"));
}

}  // namespace
}  // namespace longjing
