// Re-tagging after a taxonomy edit: the index holds exactly what a fresh
// full build with the new taxonomy holds (tag terms and their wdf, the facet
// slots, the document data), a one-alias change reads only the articles
// that may contain the alias, and a later pass finds every file unchanged.
#include "index/retag.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

#include "longjing/index_dir.h"
#include "longjing/indexer.h"
#include "longjing/schema.h"
#include "longjing/taxonomy_edit.h"
#include "test_support.h"

namespace longjing {
namespace {

namespace s = schema;
namespace fs = std::filesystem;

// Articles the generated corpus lacks: explicit tags, elision, accents,
// Traditional script, and the words the edits below add.
void WriteExtras(const std::string& corpus) {
  testing::WriteFile(corpus + "/extra/explicit.md",
                     "---\ntitle: Explicit\ndate: 2025-01-02\ncity: [shenzhen, hefei]\n"
                     "company: [alibaba]\n---\n\nA note on Hefei and the Dragon Valley park.\n");
  testing::WriteFile(corpus + "/extra/fr.md",
                     "---\ntitle: Parc\ndate: 2025-01-03\nlang: fr\n---\n\n"
                     "Le parc d'Alibaba près de Pékin accueille la Vallée du Dragon.\n");
  testing::WriteFile(corpus + "/extra/zh.md",
                     "---\ntitle: 園區\ndate: 2025-01-04\nlang: zh\n---\n\n"
                     "龍谷科技園位於深圳。\n");
}

struct Tags {
  std::string data, city, company, policy;
  std::map<std::string, Xapian::termcount> terms;
  bool operator==(const Tags& o) const {
    return data == o.data && city == o.city && company == o.company && policy == o.policy &&
           terms == o.terms;
  }
};

std::map<std::string, Tags> ReadTags(const std::string& index_dir) {
  auto path = ResolveCurrent(index_dir);
  REQUIRE(path.ok());
  Xapian::Database db(*path);
  std::map<std::string, Tags> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    Tags& t = out[doc.get_value(s::kSlotId)];
    t.data = doc.get_data();
    t.city = doc.get_value(s::kSlotCity);
    t.company = doc.get_value(s::kSlotCompany);
    t.policy = doc.get_value(s::kSlotPolicy);
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
      for (size_t f = 0; f < s::kTaxonomyFacetCount; ++f)
        if ((*term).rfind(std::string(s::kFacets[f].prefix), 0) == 0)
          t.terms[*term] = term.get_wdf();
  }
  return out;
}

class Fixture {
 public:
  Fixture() {
    std::string error =
        testing::MakeCorpus("--quiet --jobs 1 --seed 11 --count 300 --out " + corpus_);
    INFO(error);
    REQUIRE(error.empty());
    WriteExtras(corpus_);
    fs::copy_file(testing::SourceDir() + "/config/taxonomy.json", taxonomy_);
    REQUIRE(Open(index_).ok());
  }

  std::shared_ptr<const Taxonomy> Load() {
    auto t = Taxonomy::Load(taxonomy_);
    REQUIRE_MESSAGE(t.ok(), t.status().ToString());
    return std::make_shared<const Taxonomy>(std::move(t).value());
  }
  Result<IndexSummary> Open(const std::string& index, bool full = false) {
    IndexOptions o;
    o.corpus_dir = corpus_;
    o.index_dir = index;
    o.threads = 1;
    auto indexer = Indexer::Open(o, Load());
    REQUIRE_MESSAGE(indexer.ok(), indexer.status().ToString());
    return full ? (*indexer)->Rebuild() : (*indexer)->Sync();
  }
  // Applies `edit` to the file, re-tags the index and checks it against a
  // fresh build of the corpus with the new file.
  IndexSummary EditAndCompare(const std::function<void(TaxonomyDocument&)>& edit) {
    auto doc = TaxonomyDocument::Load(taxonomy_);
    REQUIRE(doc.ok());
    edit(*doc);
    REQUIRE(WriteFileAtomically(taxonomy_, doc->Serialize()).ok());
    IndexOptions o;
    o.corpus_dir = corpus_;
    o.index_dir = index_;
    auto indexer = Indexer::Open(o, Load());
    REQUIRE(indexer.ok());
    Result<IndexSummary> retagged = (*indexer)->Retag(Load());
    REQUIRE_MESSAGE(retagged.ok(), retagged.status().ToString());
    indexer->reset();
    testing::TempDir fresh;
    REQUIRE(Open(fresh / "index", true).ok());
    std::map<std::string, Tags> want = ReadTags(fresh / "index"), got = ReadTags(index_);
    REQUIRE(got.size() == want.size());
    size_t differ = 0;
    for (const auto& entry : want) {
      // Not a structured binding: clang 14 (the sanitized build) cannot capture one.
      const std::string& id = entry.first;
      const Tags& tags = entry.second;
      CAPTURE(id);
      if (!(got[id] == tags)) ++differ;
      CHECK(got[id].data == tags.data);
      CHECK(got[id].terms == tags.terms);
    }
    CHECK(differ == 0);
    return *retagged;
  }
  size_t Documents() { return ReadTags(index_).size(); }
  std::string index() const { return index_; }

 private:
  testing::TempDir tmp_;
  std::string corpus_ = tmp_ / "corpus";
  std::string index_ = tmp_ / "index";
  std::string taxonomy_ = tmp_ / "taxonomy.json";
};

TaxonomyValueEdit ValueOf(const Taxonomy& t, const std::string& facet, const std::string& id) {
  const TaxonomyValue* v = t.value(facet, id);
  REQUIRE(v != nullptr);
  return {v->name, v->aliases, std::nullopt};
}

TEST_CASE("re-tagged indexes equal fresh builds with the edited taxonomy") {
  Fixture f;
  size_t documents = f.Documents();
  REQUIRE(documents == 303);

  SUBCASE("one new value: only the articles with its words are read") {
    IndexSummary sum = f.EditAndCompare([](TaxonomyDocument& doc) {
      REQUIRE(doc.Put("company", "dragon-valley",
                      {"Dragon Valley", {"Vallée du Dragon", "龍谷"}, std::nullopt})
                  .ok());
    });
    CHECK(sum.updated == 3);  // the three extras, in English, French, Traditional Chinese
    auto path = ResolveCurrent(f.index());
    REQUIRE(path.ok());
    std::vector<Xapian::docid> read = index::AliasCandidates(
        Xapian::Database(*path), {"Dragon Valley", "Vallée du Dragon", "龍谷"});
    CHECK(read.size() >= 3);
    CHECK(read.size() < documents / 10);
    // Elided and accented forms are found too.
    CHECK(index::AliasCandidates(Xapian::Database(*path), {"Alibaba", "Pekin"}).size() >= 2);
  }
  SUBCASE("an alias every English policy article may hold, a rename, a delete") {
    f.EditAndCompare([](TaxonomyDocument& doc) {
      TaxonomyValueEdit talent = ValueOf(doc.taxonomy(), "policy", "talent");
      talent.aliases.push_back("talents");
      talent.aliases.push_back("policy");
      REQUIRE(doc.Put("policy", "talent", talent).ok());
      TaxonomyValueEdit beijing = ValueOf(doc.taxonomy(), "city", "beijing");
      beijing.name = "Peking";
      REQUIRE(doc.Put("city", "beijing", beijing).ok());
      REQUIRE(doc.Delete("city", "hefei").ok());  // explicit in one file, mentioned in others
    });
  }
  SUBCASE("an alias moved from one value to another") {
    f.EditAndCompare([](TaxonomyDocument& doc) {
      TaxonomyValueEdit beijing = ValueOf(doc.taxonomy(), "city", "beijing");
      std::vector<std::string> moved = {"北京"};
      beijing.aliases.erase(std::find(beijing.aliases.begin(), beijing.aliases.end(), "北京"));
      REQUIRE(doc.Put("city", "beijing", beijing).ok());
      TaxonomyValueEdit shanghai = ValueOf(doc.taxonomy(), "city", "shanghai");
      shanghai.aliases.push_back("北京");
      REQUIRE(doc.Put("city", "shanghai", shanghai).ok());
    });
  }
  // The file hashes leave the taxonomy out: nothing is parsed again.
  IndexSummary again = f.Open(f.index()).value();
  CHECK(again.unchanged == documents);
  CHECK(again.updated == 0);
}

TEST_CASE("a retag plan names the changed values only") {
  auto a = Taxonomy::Parse(R"({"facets": {"city": {"values": [
      {"id": "a", "name": "A"}, {"id": "b", "name": "B", "_c": 1}]}}})",
                           "a");
  auto b = Taxonomy::Parse(R"({"facets": {"city": {"label": "Town", "values": [
      {"id": "a", "name": "A"}, {"id": "b", "name": "B", "_c": 2}, {"id": "c", "name": "C"}]}}})",
                           "b");
  auto reordered = Taxonomy::Parse(R"({"facets": {"city": {"values": [
      {"id": "b", "name": "B"}, {"id": "a", "name": "A"}]}}})",
                                   "r");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(reordered.ok());
  index::RetagPlan plan = index::PlanRetag(&*a, *b);
  CHECK_FALSE(plan.full);
  REQUIRE(plan.values.size() == 1);  // comments and labels do not tag
  CHECK(plan.values[0].facet == "city");
  CHECK(plan.values[0].id == "c");
  CHECK_FALSE(plan.values[0].read_tagged);
  CHECK(plan.values[0].query == std::vector<std::string>{"C"});
  CHECK(index::PlanRetag(&*a, *reordered).full);

  // A gained alias is looked for; a lost one reads the value's articles.
  auto gained = Taxonomy::Parse(R"({"facets": {"city": {"values": [
      {"id": "a", "name": "A", "aliases": ["Ay"]}, {"id": "b", "name": "B2"}]}}})",
                                "g");
  REQUIRE(gained.ok());
  plan = index::PlanRetag(&*a, *gained);
  REQUIRE(plan.values.size() == 2);
  CHECK_FALSE(plan.values[0].read_tagged);
  CHECK(plan.values[0].query == std::vector<std::string>{"Ay"});
  CHECK(plan.values[1].read_tagged);  // renamed: "B" is gone
  CHECK(plan.values[1].query == std::vector<std::string>{"B2"});
  plan = index::PlanRetag(&*gained, *a);
  CHECK(plan.values[0].read_tagged);
  CHECK(plan.values[0].query.empty());
  CHECK(index::PlanRetag(nullptr, *a).full);
}

}  // namespace
}  // namespace longjing
