// Candidates: fixture articles with a firm planted in several of them but
// absent from the taxonomy, sentence-initial and common-word noise around
// it, Chinese organisation and place patterns, policy phrases, and a name
// written beside the Chinese alias it translates.
#include "longjing/candidates.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "longjing/indexer.h"
#include "test_support.h"

namespace longjing {
namespace {

constexpr std::string_view kTaxonomy = R"({
  "facets": {
    "city": {"values": [
      {"id": "hangzhou", "name": "Hangzhou", "aliases": ["杭州"]},
      {"id": "shenzhen", "name": "Shenzhen", "aliases": ["深圳"]}
    ]},
    "company": {"values": [
      {"id": "unitree", "name": "Unitree Robotics", "aliases": ["Unitree", "宇树科技"]},
      {"id": "agibot", "name": "AgiBot", "aliases": ["智元机器人"]}
    ]},
    "policy": {"values": [
      {"id": "tax", "name": "Tax incentives", "aliases": ["tax break"]}
    ]}
  }
})";

const Taxonomy& Tax() {
  static const Taxonomy taxonomy = [] {
    auto parsed = Taxonomy::Parse(kTaxonomy, "candidates_test");
    REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
    return std::move(parsed).value();
  }();
  return taxonomy;
}

struct Article {
  const char* lang;
  const char* text;
};

// "Moore Threads" is the planted firm (4 articles, two languages); the
// noise: capitalised sentence starts, months, countries, "The".
const std::vector<Article> kArticles = {
    {"en",
     "However, Moore Threads raised money in March. The Hangzhou lab of Unitree grew. "
     "Officials said green loans would follow."},
    {"en",
     "In April, Moore Threads opened an office in Hangzhou. China wants more chips. "
     "Banks offered green loans to suppliers."},
    {"en",
     "Moore Threads & Co. hired engineers. Reform is slow. Analysts expect green loans "
     "next year. Zhiyuan Robotics (智元机器人) showed a humanoid."},
    {"fr",
     "Selon les analystes, Moore Threads accélère. Les prêts verts aident les start-up. "
     "Zhiyuan Robotics (智元机器人) présente un robot."},
    {"zh",
     "天工智能科技在深圳发布新品，星河集团投资了天工智能科技。南湖区和南湖区政府提供住房补贴。"},
    {"zh", "天工智能科技与宇树科技合作；南湖区新设孵化器，人才住房补贴提高。住房补贴覆盖更多人。"},
    {"en", "Reform is slow, but reform continues. Tax breaks <b>help</b> Moore Threads."},
};

std::vector<TaxonomyCandidate> Collect(const std::string& facet, size_t limit = 20) {
  Tagger tagger(Tax());
  CandidateCollector collector(Tax(), tagger, facet);
  for (const Article& a : kArticles) collector.Add(a.text, a.lang);
  return collector.Top(limit);
}

const TaxonomyCandidate* Find(const std::vector<TaxonomyCandidate>& list, const std::string& text) {
  for (const TaxonomyCandidate& c : list)
    if (c.text == text) return &c;
  return nullptr;
}

TEST_CASE("a firm planted in several articles is the top company candidate") {
  auto list = Collect("company");
  REQUIRE_FALSE(list.empty());
  CHECK(list.front().text == "Moore Threads");
  CHECK(list.front().articles == 5);
  CHECK(list.front().languages == std::vector<std::string>{"en", "fr"});
  REQUIRE(list.front().examples.size() == 3);
  CHECK(list.front().examples[0].find("<mark>Moore Threads</mark>") != std::string::npos);
  CHECK_FALSE(list.front().duplicate_of.has_value());
}

TEST_CASE("no sentence-initial, common-word, month or known-name noise") {
  auto list = Collect("company", 200);
  for (const char* noise :
       {"However", "The", "March", "April", "In April", "China", "Reform", "Officials", "Banks",
        "Analysts", "Selon", "Les", "Hangzhou", "Unitree", "Tax"}) {
    CAPTURE(noise);
    CHECK(Find(list, noise) == nullptr);
  }
}

TEST_CASE("a name written beside a value's alias is flagged as its duplicate") {
  auto list = Collect("company");
  const TaxonomyCandidate* zhiyuan = Find(list, "Zhiyuan Robotics");
  REQUIRE(zhiyuan != nullptr);
  REQUIRE(zhiyuan->duplicate_of.has_value());
  CHECK(zhiyuan->duplicate_of->first == "agibot");
  CHECK(zhiyuan->duplicate_of->second == "AgiBot");
}

TEST_CASE("Chinese organisation and place patterns") {
  auto companies = Collect("company");
  const TaxonomyCandidate* tiangong = Find(companies, "天工智能科技");
  REQUIRE(tiangong != nullptr);
  CHECK(tiangong->articles == 2);
  CHECK(tiangong->languages == std::vector<std::string>{"zh"});
  CHECK(Find(companies, "星河集团") == nullptr);  // one article only
  auto cities = Collect("city");
  const TaxonomyCandidate* nanhu = Find(cities, "南湖区");
  REQUIRE(nanhu != nullptr);
  CHECK(nanhu->articles == 2);
}

TEST_CASE("policy phrases near policy vocabulary, and examples are escaped") {
  auto list = Collect("policy");
  const TaxonomyCandidate* green = Find(list, "green loans");
  REQUIRE(green != nullptr);
  CHECK(green->articles == 3);
  CHECK(Find(list, "住房补贴") != nullptr);
  CHECK(Find(list, "Tax breaks") == nullptr);  // already an alias (stemmed)
  auto companies = Collect("company");
  const TaxonomyCandidate* moore = Find(companies, "Moore Threads");
  REQUIRE(moore != nullptr);
  for (const std::string& e : moore->examples) CHECK(e.find("<b>") == std::string::npos);
}

TEST_CASE("SuggestFromIndex reads the stored text of an index") {
  testing::TempDir dir;
  for (size_t i = 0; i < kArticles.size(); ++i) {
    testing::WriteFile(dir.path() + "/corpus/a" + std::to_string(i) + ".md",
                       std::string("---\ntitle: \"Article ") + std::to_string(i) + "\"\nlang: " +
                           kArticles[i].lang + "\n---\n\n" + kArticles[i].text + "\n");
  }
  IndexOptions options;
  options.corpus_dir = dir.path() + "/corpus";
  options.index_dir = dir.path() + "/index";
  auto taxonomy = std::make_shared<const Taxonomy>(Tax());
  auto indexer = Indexer::Open(options, taxonomy);
  REQUIRE_MESSAGE(indexer.ok(), indexer.status().ToString());
  REQUIRE((*indexer)->Sync().ok());
  indexer->reset();

  auto list = SuggestFromIndex(options.index_dir, Tax(), "company", 5);
  REQUIRE_MESSAGE(list.ok(), list.status().ToString());
  CHECK(list->articles == kArticles.size());
  REQUIRE_FALSE(list->candidates.empty());
  CHECK(list->candidates.front().text == "Moore Threads");
  CHECK(list->candidates.size() <= 5);
  auto key = IndexRevisionKey(options.index_dir);
  REQUIRE(key.ok());
  CHECK(*key == list->revision);

  auto bad = SuggestFromIndex(options.index_dir, Tax(), "sector", 5);
  CHECK(bad.status().code() == Code::kInvalidArgument);
  auto missing = SuggestFromIndex(dir.path() + "/nothing", Tax(), "company", 5);
  CHECK_FALSE(missing.ok());
}

}  // namespace
}  // namespace longjing
