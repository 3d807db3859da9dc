#include "fuzz_support.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "longjing/document_builder.h"
#include "longjing/indexer.h"
#include "longjing/tagger.h"
#include "longjing/text.h"

namespace fs = std::filesystem;

namespace longjing::fuzz {
namespace {

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Shared {
  std::shared_ptr<const Taxonomy> taxonomy;
  std::shared_ptr<const Tagger> tagger;
  std::unique_ptr<DocumentBuilder> builder;
};

Shared& Get() {
  static Shared* shared = [] {
    auto* s = new Shared;
    std::string path = std::string(LONGJING_SOURCE_DIR) + "/config/taxonomy.json";
    Result<Taxonomy> t = Taxonomy::Load(path);
    if (!t.ok()) Fail("cannot load " + path + ": " + t.status().ToString());
    s->taxonomy = std::make_shared<const Taxonomy>(std::move(t).value());
    s->tagger = std::make_shared<const Tagger>(*s->taxonomy);
    s->builder = std::make_unique<DocumentBuilder>(s->taxonomy, s->tagger);
    return s;
  }();
  return *shared;
}

// Removes the sample index when the fuzzer exits normally.
struct TempTree {
  fs::path root;
  ~TempTree() {
    std::error_code ec;
    if (!root.empty()) fs::remove_all(root, ec);
  }
};

}  // namespace

std::shared_ptr<const Taxonomy> RealTaxonomy() { return Get().taxonomy; }

void BuildAll(const std::vector<Article>& articles) {
  std::vector<Diagnostic> warnings;
  for (const Article& a : articles) Get().builder->Build(a, "fuzz", 0, &warnings);
}

std::string SampleIndex() {
  static TempTree tree;
  if (!tree.root.empty()) return (tree.root / "index").string();
  std::string pattern = (fs::temp_directory_path() / "longjing-fuzz.XXXXXX").string();
  if (!mkdtemp(pattern.data())) Fail("cannot make a temporary directory");
  tree.root = pattern;
  fs::path corpus = tree.root / "corpus";
  fs::create_directories(corpus);
  const fs::path src(LONGJING_SOURCE_DIR);
  for (const fs::path& dir : {src / "corpus", src / "tests/e2e/fixtures"})
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".md")
        std::ofstream(corpus / entry.path().filename(), std::ios::binary) << ReadAll(entry.path());
  IndexOptions options;
  options.corpus_dir = corpus.string();
  options.index_dir = (tree.root / "index").string();
  options.threads = 1;
  auto indexer = Indexer::Open(options, RealTaxonomy());
  if (!indexer.ok()) Fail("cannot open the sample index: " + indexer.status().ToString());
  auto summary = (*indexer)->Sync();
  if (!summary.ok() || summary->documents == 0) Fail("cannot index the sample articles");
  return options.index_dir;
}

void CheckParsed(const ParseOutput& out) {
  for (const Article& a : out.articles)
    for (const std::string* field : {&a.title, &a.body, &a.date, &a.source, &a.url, &a.author})
      if (!text::IsValidUtf8(*field)) Fail("an article field is not UTF-8");
  // Paged articles: ascending starts inside the body, the first 0 (article.h).
  for (const Article& a : out.articles) {
    if (!a.page_starts.empty() && a.page_starts[0] != 0) Fail("the first page does not start at 0");
    for (size_t i = 0; i < a.page_starts.size(); ++i)
      if (a.page_starts[i] > a.body.size() || (i > 0 && a.page_starts[i] < a.page_starts[i - 1]))
        Fail("a page start is out of order or past the body");
  }
  for (const Diagnostic& w : out.warnings)
    if (w.message.starts_with("internal error")) Fail(w.ToString());
  BuildAll(out.articles);
}

}  // namespace longjing::fuzz
