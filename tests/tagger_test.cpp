// Tagger: matching rules (folding, word boundaries, CJK, leftmost-longest),
// byte offsets into the original text, counts. Uses its own small taxonomy,
// not config/taxonomy.json, so editing the real one never breaks these tests.
#include "longjing/tagger.h"

#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "longjing/text.h"
#include "test_support.h"

namespace longjing {
namespace {

constexpr std::string_view kTaxonomy = R"({
  "facets": {
    "city": {"values": [
      {"id": "beijing", "name": "Beijing", "aliases": ["Pékin", "Peking", "北京"]},
      {"id": "shanghai", "name": "Shanghai", "aliases": ["上海"]},
      {"id": "hangzhou", "name": "Hangzhou", "aliases": ["杭州"]},
      {"id": "shenzhen", "name": "Shenzhen", "aliases": ["深圳"]},
      {"id": "hong-kong", "name": "Hong Kong", "aliases": ["香港"]},
      {"id": "taiwan", "name": "Taiwan", "aliases": ["台湾"]}
    ]},
    "company": {"values": [
      {"id": "huawei", "name": "Huawei", "aliases": ["華為"]},
      {"id": "boe", "name": "BOE", "aliases": ["京东方", "BOE Technology"]},
      {"id": "jd", "name": "JD.com", "aliases": ["京东"]},
      {"id": "unitree", "name": "Unitree Robotics", "aliases": ["Unitree", "宇树科技"]},
      {"id": "deepseek", "name": "DeepSeek", "aliases": ["深度求索"]},
      {"id": "ant", "name": "Ant Group", "aliases": ["Ant"]}
    ]},
    "policy": {"label": "Policy type", "values": [
      {"id": "made-in-china-2025", "name": "Made in China 2025", "aliases": ["中国制造2025"]}
    ]}
  }
})";

const Taxonomy& TestTaxonomy() {
  static const Taxonomy taxonomy = [] {
    auto parsed = Taxonomy::Parse(kTaxonomy, "tagger_test");
    REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
    return std::move(parsed).value();
  }();
  return taxonomy;
}

const Tagger& TestTagger() {
  static const Tagger tagger(TestTaxonomy());
  return tagger;
}

// "facet/id" of each mention, in order.
std::vector<std::string> Tags(std::string_view text) {
  std::vector<std::string> out;
  const auto& facets = TestTaxonomy().facets();
  for (const Mention& m : TestTagger().FindMentions(text))
    out.push_back(facets[m.facet].name + "/" + facets[m.facet].values[m.value].id);
  return out;
}

// The matched bytes of the original text, in order.
std::vector<std::string> Spans(std::string_view text) {
  std::vector<std::string> out;
  for (const Mention& m : TestTagger().FindMentions(text))
    out.emplace_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

using V = std::vector<std::string>;

struct Case {
  const char* name;
  std::string text;
  V tags;
};

TEST_CASE("matching rules") {
  const Case cases[] = {
      // Case, accents, exonyms.
      {"upper case accented", "PÉKIN", {"city/beijing"}},
      {"lower case bare", "pekin", {"city/beijing"}},
      {"accented", "à Pékin, hier", {"city/beijing"}},
      {"decomposed accent", "Pe\u0301kin", {"city/beijing"}},
      {"other alias", "Peking University", {"city/beijing"}},
      // Word boundaries that allow a match.
      {"possessive", "Shanghai's port", {"city/shanghai"}},
      {"curly possessive", "Shanghai\u2019s port", {"city/shanghai"}},
      {"hyphenated", "a Beijing-based firm", {"city/beijing"}},
      {"unicode hyphen", "a Beijing\u2010based firm", {"city/beijing"}},
      {"parentheses", "(Hangzhou)", {"city/hangzhou"}},
      {"start and end of text", "Hangzhou", {"city/hangzhou"}},
      {"sentence end", "They moved to Hangzhou.", {"city/hangzhou"}},
      {"dotted name", "JD.com said", {"company/jd"}},
      {"quoted", "\"DeepSeek\"", {"company/deepseek"}},
      // Substrings of longer words do not match.
      {"suffix letters", "Hangzhouese cuisine", {}},
      {"suffix junk", "Shenzhenxyz", {}},
      {"prefix letters", "SuperDeepSeek", {}},
      {"short alias inside words", "Giant ants in Antarctica", {}},
      {"digit after", "Made in China 20251", {}},
      {"accented letter after", "Hangzhoué", {}},
      {"accent is not a letter", "Hangzhou\u0301", {"city/hangzhou"}},
      {"short alias alone", "the Ant IPO", {"company/ant"}},
      // Chinese: no word boundaries, Traditional = Simplified.
      {"cjk inside a phrase", "在杭州市", {"city/hangzhou"}},
      {"cjk next to latin", "DeepSeek总部在杭州", {"company/deepseek", "city/hangzhou"}},
      {"traditional text", "華為在深圳", {"company/huawei", "city/shenzhen"}},
      {"traditional alias, simplified text", "华为", {"company/huawei"}},
      {"traditional taiwan", "台灣", {"city/taiwan"}},
      {"cjk with digits", "中国制造2025计划", {"policy/made-in-china-2025"}},
      // Leftmost-longest.
      {"longest cjk", "京东方", {"company/boe"}},
      {"shorter cjk alone", "京东商城", {"company/jd"}},
      {"longest multi-word", "Unitree Robotics unveiled", {"company/unitree"}},
      {"shorter multi-word", "Unitree unveiled", {"company/unitree"}},
      {"longest over word boundary failure", "BOE Technologyx", {"company/boe"}},
      {"leftmost overlapping", "北京东路", {"city/beijing"}},
      {"adjacent", "北京上海", {"city/beijing", "city/shanghai"}},
      // White space in multi-word aliases.
      {"newline inside alias", "in Hong\nKong", {"city/hong-kong"}},
      {"double space inside alias", "in Hong  Kong", {"city/hong-kong"}},
      {"nbsp inside alias", "in Hong\u00A0Kong", {"city/hong-kong"}},
      {"tab and ideographic space", "Made\tin\u3000China 2025", {"policy/made-in-china-2025"}},
      {"no space is not a space", "HongKong", {}},
      // Odd input.
      {"fullwidth letters", "\uFF28\uFF35\uFF21\uFF37\uFF25\uFF29", {"company/huawei"}},
      {"soft hyphen inside", "Hang\u00ADzhou", {"city/hangzhou"}},
      {"empty", "", {}},
      {"only cjk punctuation", "\u3002\uFF0C\u300C\u300D\u3001\uFF1F", {}},
      {"only spaces", " \n\t ", {}},
      {"counts every mention",
       "Beijing, PEKIN and 北京",
       {"city/beijing", "city/beijing", "city/beijing"}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    CAPTURE(c.text);
    CHECK(Tags(c.text) == c.tags);
  }
}

TEST_CASE("offsets are bytes of the original text") {
  CHECK(Spans("à Pékin, hier") == V{"Pékin"});
  CHECK(Spans("華為在深圳") == V{"華為", "深圳"});
  CHECK(Spans("ＨＵＡＷＥＩ!") == V{"ＨＵＡＷＥＩ"});
  CHECK(Spans("(Hangzhou)") == V{"Hangzhou"});
  CHECK(Spans("in Hong \n Kong now") == V{"Hong \n Kong"});
  // Trailing combining marks belong to the match.
  CHECK(Spans("Pe\u0301kine\u0301 x") == V{});
  CHECK(Spans("Beijin\u0301g\u0301, x") == V{"Beijin\u0301g\u0301"});

  // Input breaking the valid-UTF-8 contract still yields offsets inside it.
  std::string truncated = "Hangzhou \xE6\x9D";
  for (const Mention& m : TestTagger().FindMentions(truncated)) CHECK(m.end <= truncated.size());

  std::string text = "Rapport: la ville de Pékin et 華為.";
  auto mentions = TestTagger().FindMentions(text);
  REQUIRE(mentions.size() == 2);
  CHECK(mentions[0].begin == text.find("Pékin"));
  CHECK(mentions[0].end == text.find("Pékin") + std::string("Pékin").size());
  CHECK(mentions[1].begin == text.find("華為"));
  CHECK(mentions[1].end == text.find("華為") + std::string("華為").size());
}

TEST_CASE("counts in taxonomy order") {
  const Tagger& tagger = TestTagger();
  auto mentions = tagger.FindMentions(
      "華為 and Huawei met BOE in Shenzhen; 北京, Beijing and Pékin watched. Huawei again.");
  auto counts = tagger.Count(mentions);
  REQUIRE(counts.size() == 4);
  CHECK(counts[0].facet == "city");
  CHECK(counts[0].id == "beijing");
  CHECK(counts[0].count == 3);
  CHECK(counts[1].id == "shenzhen");
  CHECK(counts[1].count == 1);
  CHECK(counts[2].facet == "company");
  CHECK(counts[2].id == "huawei");
  CHECK(counts[2].count == 3);
  CHECK(counts[3].id == "boe");
  CHECK(counts[3].count == 1);
  CHECK(tagger.Count({}).empty());
}

TEST_CASE("match keys") {
  CHECK(text::MatchKey("  Hong \n  Kong ") == "hong kong");
  CHECK(text::MatchKey("Pe\u0301kin") == "pekin");
  CHECK(text::MatchKey("PÉKIN") == "pekin");
  CHECK(text::MatchKey("華為") == "华为");
  CHECK(text::MatchKey("\u0301 \t") == "");
}

TEST_CASE("empty taxonomy tags nothing") {
  auto empty = Taxonomy::Parse(R"({"facets": {}})", "empty");
  REQUIRE(empty.ok());
  Tagger tagger(*empty);
  CHECK(tagger.FindMentions("Beijing 北京").empty());
}

TEST_CASE("large text in one pass") {
  // About 5 MB; a quadratic scan would not finish in reasonable time.
  const std::string paragraph =
      "Les usines de Pékin et de Shanghai’s suppliers, 华为 et 京东方, "
      "ainsi que Hangzhouese restaurants et Unitree  Robotics. ";
  std::string text;
  int repeats = 0;
  while (text.size() < 5'000'000) {
    text += paragraph;
    ++repeats;
  }
  const Tagger& tagger = TestTagger();
  auto counts = tagger.Count(tagger.FindMentions(text));
  REQUIRE(counts.size() == 5);
  for (const TagCount& c : counts) {
    CAPTURE(c.id);
    CHECK(c.count == repeats);
  }
  CHECK(counts[0].id == "beijing");
  CHECK(counts[1].id == "shanghai");
  CHECK(counts[2].id == "huawei");
  CHECK(counts[3].id == "boe");
  CHECK(counts[4].id == "unitree");

  // A long run of near-misses (fail links all the way down).
  std::string near(2'000'000, 'x');
  for (size_t i = 0; i + 8 < near.size(); i += 9) near.replace(i, 8, "Hangzhou");
  CHECK(tagger.FindMentions(near).empty());
}

// The benchmark corpus plants every hard case the rules above cover (words
// that start with an alias, singular and plural aliases, possessives and
// "-based", aliases quoted in the other script, Traditional script): its
// truth is what the tagger must find, with the generator's own taxonomy.
TEST_CASE("the generated corpus is tagged exactly as its truth says") {
  testing::TempDir dir;
  std::string error = testing::MakeCorpus(
      "--quiet --jobs 1 --seed 7 --count 400 --out " + dir / "c" + " --jsonl " + dir / "c.jsonl" +
      " --truth " + dir / "truth.jsonl" + " --taxonomy-out " + dir / "taxonomy.json");
  INFO(error);
  REQUIRE(error.empty());
  auto taxonomy = Taxonomy::Load(dir / "taxonomy.json");
  REQUIRE(taxonomy.ok());
  Tagger tagger(*taxonomy);
  std::istringstream articles(testing::ReadFile(dir / "c.jsonl"));
  std::istringstream truths(testing::ReadFile(dir / "truth.jsonl"));
  std::string article_line, truth_line;
  std::set<std::string> cases;
  int checked = 0;
  while (std::getline(articles, article_line) && std::getline(truths, truth_line)) {
    auto article = nlohmann::json::parse(article_line);
    auto truth = nlohmann::json::parse(truth_line);
    CAPTURE(article_line);
    REQUIRE(article["path"] == truth["path"]);
    std::map<std::string, std::set<std::string>> got;
    std::string text =
        article["title"].get<std::string>() + "\n" + article["body"].get<std::string>();
    for (const TagCount& c : tagger.Count(tagger.FindMentions(text))) got[c.facet].insert(c.id);
    for (const char* facet : {"city", "company", "policy"}) {
      CAPTURE(facet);
      CHECK(got[facet] == truth[facet].get<std::set<std::string>>());
    }
    for (const auto& c : truth["cases"]) cases.insert(c.get<std::string>());
    ++checked;
  }
  CHECK(checked == 400);
  // The sample really holds every hard case.
  for (const char* c : {"affix", "hant", "infl", "mixed", "trap", "undated"}) {
    CAPTURE(c);
    CHECK(cases.count(c) == 1);
  }
}

// Stemmed aliases (policy, by default) and exact ones, in English and French.
constexpr std::string_view kStemTaxonomy = R"({
  "facets": {
    "city": {"values": [
      {"id": "hangzhou", "name": "Hangzhou", "aliases": ["杭州"]},
      {"id": "canton", "name": "Guangzhou", "aliases": ["Canton", "广州"]}
    ]},
    "company": {"values": [
      {"id": "unitree", "name": "Unitree Robotics", "aliases": ["Unitree"]},
      {"id": "deepseek", "name": "DeepSeek", "aliases": ["DeepSeeks"]},
      {"id": "stemmed-co", "name": "Micro Systems", "exact": false}
    ]},
    "policy": {"values": [
      {"id": "land-rent", "name": "Land and rent subsidies",
       "aliases": ["land subsidy", "subvention foncière", "loyers", "aide au loyer", "租金补贴"]},
      {"id": "tax", "name": "Tax incentives", "aliases": ["tax incentive", "incitation fiscale"]},
      {"id": "incubation", "name": "Startup incubation", "aliases": ["business incubator", "incubator", "incubateur"]},
      {"id": "rnd", "name": "R&D subsidies", "aliases": ["R&D subsidy", "research grant"]},
      {"id": "sandbox", "name": "Sandbox rules", "exact": true,
       "aliases": ["regulatory sandbox"]}
    ]}
  }
})";

std::vector<std::string> StemTags(std::string_view text, std::string_view lang) {
  static const Taxonomy taxonomy = [] {
    auto parsed = Taxonomy::Parse(kStemTaxonomy, "stem_test");
    REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
    return std::move(parsed).value();
  }();
  static const Tagger tagger(taxonomy);
  std::vector<std::string> out;
  for (const Mention& m : tagger.FindMentions(text, lang)) {
    const auto& f = taxonomy.facets()[m.facet];
    out.push_back(f.name + "/" + f.values[m.value].id + "=" +
                  std::string(text.substr(m.begin, m.end - m.begin)));
  }
  return out;
}

TEST_CASE("stemmed aliases find inflected forms; exact ones and traps do not over-match") {
  struct StemCase {
    const char* name;
    const char* lang;
    std::string text;
    V expected;
  };
  const std::vector<StemCase> cases = {
      {"EN plural of a singular alias",
       "en",
       "New land subsidies were paid.",
       {"policy/land-rent=land subsidies"}},
      {"EN case and plural", "en", "TAX INCENTIVES, they said", {"policy/tax=TAX INCENTIVES"}},
      {"EN plural of a two-word alias",
       "en",
       "Two business incubators opened",
       {"policy/incubation=business incubators"}},
      {"EN punctuation inside an alias", "en", "more R&D subsidies", {"policy/rnd=R&D subsidies"}},
      {"FR plural and feminine agreement",
       "fr",
       "des subventions foncières pour les start-up",
       {"policy/land-rent=subventions foncières"}},
      {"FR without accents",
       "fr",
       "des subventions foncieres",
       {"policy/land-rent=subventions foncieres"}},
      {"FR plural adjective",
       "fr",
       "les incitations fiscales",
       {"policy/tax=incitations fiscales"}},
      {"FR plural noun", "fr", "les incubateurs de Paris", {"policy/incubation=incubateurs"}},
      {"FR loyers", "fr", "une réduction des loyers", {"policy/land-rent=loyers"}},
      {"FR: loi (law) is not loyer", "fr", "la loi sur les aides au loi", {}},
      {"FR alias in an English article still matches as written",
       "en",
       "une subvention foncière",
       {"policy/land-rent=subvention foncière"}},
      {"EN plural of a one-word alias", "en", "the incubators", {"policy/incubation=incubators"}},
      {"a derivation is not an inflection", "en", "the incubation period", {}},
      {"nor is an agent noun", "en", "Researchers granted the award", {}},
      {"EN inflection of both words", "en", "research grants", {"policy/rnd=research grants"}},
      {"word boundary: no stem inside a longer word", "en", "landsubsidy and taxincentives", {}},
      {"a different word sharing the stem's start", "en", "the land subsidiary", {}},
      {"exact value: plural does not match", "en", "regulatory sandboxes", {}},
      {"exact value: as written",
       "en",
       "a regulatory sandbox",
       {"policy/sandbox=regulatory sandbox"}},
      {"exact company: no inflection", "en", "Unitrees and Hangzhouese", {}},
      {"exact company: affix still counts",
       "en",
       "Unitree's robots in Hangzhou-based labs",
       {"company/unitree=Unitree", "city/hangzhou=Hangzhou"}},
      {"exact: DeepSeeks is its own alias", "en", "DeepSeeks", {"company/deepseek=DeepSeeks"}},
      {"company marked stemmed",
       "en",
       "two micro system makers",
       {"company/stemmed-co=micro system"}},
      {"Canton the city, not cantonal", "fr", "le conseil cantonal", {}},
      {"Chinese stays substring", "zh", "提供租金补贴。", {"policy/land-rent=租金补贴"}},
      {"Traditional Chinese", "zh", "提供租金補貼", {"policy/land-rent=租金補貼"}},
      {"longest first across stemmed aliases",
       "en",
       "Land and rent subsidies matter",
       {"policy/land-rent=Land and rent subsidies"}},
  };
  for (const StemCase& c : cases) {
    std::string name = c.name;
    V got = StemTags(c.text, c.lang);
    std::string shown;
    for (const std::string& g : got) shown += "[" + g + "]";
    CAPTURE(name);
    CAPTURE(shown);
    CHECK(got == c.expected);
  }
}

TEST_CASE("the exact key: per facet, per value, and a clear error") {
  auto parsed = Taxonomy::Parse(
      R"({"facets": {"policy": {"exact": true, "values": [{"id": "a", "name": "tax break"}]},
                     "city": {"values": [{"id": "b", "name": "Brest", "exact": false}]}}})",
      "t.json");
  REQUIRE(parsed.ok());
  const Taxonomy& t = *parsed;
  CHECK(Taxonomy::IsExact(*t.facet("policy"), t.facet("policy")->values[0]));
  CHECK_FALSE(Taxonomy::IsExact(*t.facet("city"), t.facet("city")->values[0]));
  Tagger tagger(t);
  CHECK(tagger.FindMentions("tax breaks", "en").empty());
  CHECK(tagger.FindMentions("Brests", "fr").size() == 1);

  auto bad = Taxonomy::Parse(
      R"({"facets": {"policy": {"values": [{"id": "a", "name": "A", "exact": "yes"}]}}})",
      "t.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("facets.policy.values[0].exact: must be true or false") !=
        std::string::npos);
  auto clash = Taxonomy::Parse(
      R"({"facets": {"policy": {"values": [{"id": "a", "name": "industrial fund"},
                                           {"id": "b", "name": "industrial funds"}]}}})",
      "t.json");
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.status().message().find("facets.policy.values[1].name") != std::string::npos);
  CHECK(clash.status().message().find("same stems") != std::string::npos);
}

}  // namespace
}  // namespace longjing
