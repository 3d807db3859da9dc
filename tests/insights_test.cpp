// Insights against ground truth: a generated corpus of Markdown files whose
// front matter gives every article's cities, companies, policies, language and
// date, indexed with the real Indexer; pivot cells and trend buckets must equal
// counts made directly from that truth, for several selections. Significance:
// a planted company and a planted word rank first for their city, a uniform
// company does not rank.
#include "longjing/insights.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "insights/term_tally.h"
#include "longjing/indexer.h"
#include "longjing/schema.h"
#include "search_fixture.h"

namespace longjing::testing {
namespace {

struct Truth {
  std::map<std::string, std::set<std::string>> tags;  // city, company, policy, lang, year
  std::string date;                                   // YYYY-MM-DD or empty
  bool semiconductor = false;                         // the body has the word
};

using Pick = std::function<bool(const Truth&)>;

constexpr int kArticles = 320;

std::string List(const std::set<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) out += (out.size() > 1 ? ", " : "") + id;
  return out + "]";
}

// Deterministic: the same corpus every run.
std::vector<Truth> MakeCorpus(const std::string& dir) {
  std::mt19937 rng(20240611);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const std::vector<std::string> cities = {"beijing",  "shanghai",  "hangzhou",
                                           "shenzhen", "hong-kong", "chengdu"};
  const std::vector<std::string> policies = {"made-in-china-2025", "common-prosperity",
                                             "dual-circulation"};
  std::vector<Truth> truth;
  for (int i = 0; i < kArticles; ++i) {
    Truth t;
    for (const std::string& c : cities)
      if (chance(0.3)) t.tags["city"].insert(c);
    bool chengdu = t.tags["city"].contains("chengdu");
    // The planted signal: Unitree goes with Chengdu; BYD is everywhere alike.
    if (chance(chengdu ? 0.8 : 0.03)) t.tags["company"].insert("unitree");
    if (i % 3 == 0) t.tags["company"].insert("byd");
    for (const char* c : {"huawei", "deepseek", "alibaba"})
      if (chance(0.25)) t.tags["company"].insert(c);
    for (const std::string& p : policies)
      if (chance(0.3)) t.tags["policy"].insert(p);
    std::string lang = i % 4 == 3 ? "fr" : "en";
    t.tags["lang"] = {lang};
    if (i % 10 != 7) {
      char date[11];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2019 + static_cast<int>(rng() % 6),
                    1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
      t.date = date;
      t.tags["year"] = {t.date.substr(0, 4)};
    }
    t.semiconductor = chance(0.35);
    std::string body = std::string("This note about ") +
                       (t.semiconductor ? "semiconductor" : "agriculture") +
                       " covers markets and factories.";
    if (chance(chengdu ? 0.9 : 0.02)) body += " Graphene makers grow quickly.";
    std::string md = "---\ntitle: \"Note " + std::to_string(i) + "\"\nlang: " + lang + "\n";
    if (!t.date.empty()) md += "date: " + t.date + "\n";
    for (const char* f : {"city", "company", "policy"})
      if (!t.tags[f].empty()) md += std::string(f) + ": " + List(t.tags[f]) + "\n";
    WriteFile(dir + "/note-" + std::to_string(i) + ".md", md + "---\n\n" + body + "\n");
    truth.push_back(std::move(t));
  }
  return truth;
}

class Fixture {
 public:
  Fixture() : taxonomy_(SearchTaxonomy()) {
    truth = MakeCorpus(tmp_ / "corpus");
    IndexOptions options;
    options.corpus_dir = tmp_ / "corpus";
    options.index_dir = tmp_ / "index";
    options.threads = 1;
    auto indexer = Indexer::Open(options, taxonomy_);
    REQUIRE_MESSAGE(indexer.ok(), indexer.status().ToString());
    auto summary = (*indexer)->Sync();
    REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
    REQUIRE(summary->documents == kArticles);
    auto searcher = Searcher::Open(tmp_ / "index", taxonomy_);
    REQUIRE_MESSAGE(searcher.ok(), searcher.status().ToString());
    searcher_ = std::move(searcher).value();
  }
  const Searcher& searcher() const { return *searcher_; }

  std::vector<Truth> truth;

 private:
  TempDir tmp_;
  std::shared_ptr<const Taxonomy> taxonomy_;
  std::unique_ptr<Searcher> searcher_;
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

struct Case {
  const char* name;
  SearchRequest selection;
  Pick pick;
};

bool Any(const Truth& t, const std::string& facet, std::initializer_list<const char*> ids) {
  auto it = t.tags.find(facet);
  if (it == t.tags.end()) return false;
  return std::any_of(ids.begin(), ids.end(),
                     [&](const char* id) { return it->second.contains(id); });
}

std::vector<Case> Cases() {
  std::vector<Case> out;
  out.push_back({"browse", {}, [](const Truth&) { return true; }});
  SearchRequest text;
  text.q = "semiconductor";
  out.push_back({"text query", text, [](const Truth& t) { return t.semiconductor; }});
  SearchRequest multi;
  multi.filters = {{"city", {"hangzhou", "shenzhen"}}, {"policy", {"dual-circulation"}}};
  out.push_back(
      {"multi-value filters", multi, [](const Truth& t) {
         return Any(t, "city", {"hangzhou", "shenzhen"}) && Any(t, "policy", {"dual-circulation"});
       }});
  SearchRequest year;
  year.filters = {{"year", {"2021"}}};
  out.push_back({"one year", year, [](const Truth& t) { return Any(t, "year", {"2021"}); }});
  SearchRequest range;
  range.from = "2020-03-15";
  range.to = "2022-08-01";
  out.push_back({"from/to", range, [](const Truth& t) {
                   return !t.date.empty() && t.date >= "2020-03-15" && t.date <= "2022-08-01";
                 }});
  SearchRequest mixed;
  mixed.q = "semiconductor";
  mixed.filters = {{"company", {"byd"}}, {"year", {"2022", "2023"}}};
  out.push_back(
      {"text, company and years", mixed, [](const Truth& t) {
         return t.semiconductor && Any(t, "company", {"byd"}) && Any(t, "year", {"2022", "2023"});
       }});
  return out;
}

uint64_t CountTruth(const std::vector<Truth>& truth, const Pick& pick) {
  return static_cast<uint64_t>(std::count_if(truth.begin(), truth.end(), pick));
}

// Every value of `facet` in the selection with its true count.
std::map<std::string, uint64_t> TrueCounts(const std::vector<Truth>& truth, const Pick& pick,
                                           const std::string& facet) {
  std::map<std::string, uint64_t> out;
  for (const Truth& t : truth)
    if (pick(t) && t.tags.contains(facet))
      for (const std::string& id : t.tags.at(facet)) ++out[id];
  return out;
}

TEST_CASE("pivot cells equal the truth for every selection and facet pair") {
  Fixture& f = Shared();
  const std::pair<const char*, const char*> pairs[] = {
      {"city", "policy"}, {"company", "city"}, {"city", "city"}, {"year", "lang"}};
  for (const Case& c : Cases()) {
    // Plain copies: clang 14 cannot capture structured bindings in lambdas.
    for (const auto& pair : pairs) {
      const std::string rows = pair.first, cols = pair.second;
      CAPTURE(c.name);
      CAPTURE(rows);
      CAPTURE(cols);
      PivotRequest req{c.selection, rows, cols, 4, 30};
      auto result = f.searcher().Pivot(req);
      REQUIRE_MESSAGE(result.ok(), result.status().ToString());
      CHECK(result->total == CountTruth(f.truth, c.pick));
      std::map<std::string, uint64_t> row_truth = TrueCounts(f.truth, c.pick, rows);
      // The top rows by count, plus any value the selection names (shown even
      // with no article, then last): none left out counts more than the
      // last shown.
      std::vector<std::string> chosen;
      if (auto it = c.selection.filters.find(rows); it != c.selection.filters.end())
        chosen = it->second;
      size_t zero_chosen = static_cast<size_t>(
          std::count_if(chosen.begin(), chosen.end(),
                        [&](const std::string& id) { return !row_truth.count(id); }));
      size_t least = std::min<size_t>(4, row_truth.size() + zero_chosen);
      REQUIRE(result->rows.values.size() >= least);
      REQUIRE(result->rows.values.size() <= least + chosen.size());
      for (const std::string& id : chosen)
        CHECK(std::any_of(result->rows.values.begin(), result->rows.values.end(),
                          [&](const FacetCount& v) { return v.id == id; }));
      uint64_t smallest = UINT64_MAX;
      for (const FacetCount& v : result->rows.values) {
        CHECK(v.count == row_truth[v.id]);
        smallest = std::min(smallest, v.count);
      }
      for (const auto& truth_row : row_truth) {
        const std::string& id = truth_row.first;
        if (std::none_of(result->rows.values.begin(), result->rows.values.end(),
                         [&](const FacetCount& v) { return v.id == id; }))
          CHECK(truth_row.second <= smallest);
      }
      CHECK(result->cols.values.size() == TrueCounts(f.truth, c.pick, cols).size());
      for (size_t i = 0; i < result->rows.values.size(); ++i)
        for (size_t j = 0; j < result->cols.values.size(); ++j) {
          const std::string& r = result->rows.values[i].id;
          const std::string& k = result->cols.values[j].id;
          uint64_t expect = CountTruth(f.truth, [&](const Truth& t) {
            return c.pick(t) && t.tags.contains(rows) && t.tags.at(rows).contains(r) &&
                   t.tags.contains(cols) && t.tags.at(cols).contains(k);
          });
          CHECK_MESSAGE(result->cells[i][j] == expect, r << " x " << k);
        }
    }
  }
}

TEST_CASE("a selected value is always a pivot row, even outside the top") {
  Fixture& f = Shared();
  PivotRequest req;
  req.selection.filters = {{"city", {"chengdu"}}};
  req.rows = "company";
  req.cols = "policy";
  req.rows_size = 1;
  req.selection.filters["company"] = {"alibaba", "unitree"};
  auto result = f.searcher().Pivot(req);
  REQUIRE(result.ok());
  std::set<std::string> ids;
  for (const FacetCount& v : result->rows.values) ids.insert(v.id);
  CHECK(ids.contains("alibaba"));
  CHECK(ids.contains("unitree"));
}

std::string Bucket(const std::string& date, TrendInterval interval) {
  return date.substr(0, interval == TrendInterval::kYear ? 4 : 7);
}

TEST_CASE("trend buckets equal the truth, by year and by month") {
  Fixture& f = Shared();
  for (const Case& c : Cases()) {
    for (TrendInterval interval : {TrendInterval::kYear, TrendInterval::kMonth}) {
      CAPTURE(c.name);
      CAPTURE(interval == TrendInterval::kYear ? "year" : "month");
      TrendsRequest req{c.selection, "city", interval, 3, {}};
      auto result = f.searcher().Trends(req);
      REQUIRE_MESSAGE(result.ok(), result.status().ToString());
      std::map<std::string, uint64_t> total;
      uint64_t undated = 0;
      for (const Truth& t : f.truth) {
        if (!c.pick(t)) continue;
        if (t.date.empty())
          ++undated;
        else
          ++total[Bucket(t.date, interval)];
      }
      CHECK(result->undated == undated);
      REQUIRE(result->total.size() == result->buckets.size());
      if (!total.empty()) {
        CHECK(result->buckets.front() == total.begin()->first);
        CHECK(result->buckets.back() == total.rbegin()->first);
      }
      for (size_t b = 0; b < result->buckets.size(); ++b)
        CHECK_MESSAGE(result->total[b] == total[result->buckets[b]], result->buckets[b]);
      // Contiguous: one month (or year) after another.
      if (interval == TrendInterval::kYear && !total.empty())
        CHECK(result->buckets.size() == static_cast<size_t>(std::stoi(total.rbegin()->first) -
                                                            std::stoi(total.begin()->first) + 1));
      CHECK(result->series.size() ==
            std::min<size_t>(3, TrueCounts(f.truth, c.pick, "city").size()));
      for (const TrendSeries& s : result->series) {
        CHECK(s.total == TrueCounts(f.truth, c.pick, "city")[s.id]);
        for (size_t b = 0; b < result->buckets.size(); ++b) {
          uint64_t expect = CountTruth(f.truth, [&](const Truth& t) {
            return c.pick(t) && !t.date.empty() && Bucket(t.date, interval) == result->buckets[b] &&
                   t.tags.contains("city") && t.tags.at("city").contains(s.id);
          });
          CHECK_MESSAGE(s.counts[b] == expect, s.id << " " << result->buckets[b]);
        }
      }
    }
  }
}

TEST_CASE("trends of listed values, and the change measure") {
  Fixture& f = Shared();
  TrendsRequest req;
  req.facet = "company";
  req.values = {"unitree", "byd"};
  auto result = f.searcher().Trends(req);
  REQUIRE(result.ok());
  REQUIRE(result->series.size() == 2);
  std::set<std::string> ids{result->series[0].id, result->series[1].id};
  CHECK(ids == std::set<std::string>{"unitree", "byd"});
  // change: smoothed share in the last year over the share in the 3 before, minus 1.
  for (const TrendSeries& s : result->series) {
    size_t n = s.counts.size();
    REQUIRE(n >= 5);
    double recent = (static_cast<double>(s.counts[n - 1]) + 0.5) /
                    (static_cast<double>(result->total[n - 1]) + 1);
    double c = 0, t = 0;
    for (size_t i = n - 4; i < n - 1; ++i) {
      c += static_cast<double>(s.counts[i]);
      t += static_cast<double>(result->total[i]);
    }
    CHECK(s.change == doctest::Approx(recent / ((c + 0.5) / (t + 1)) - 1));
  }
  req.values = {"nobody-knows"};
  CHECK(f.searcher().Trends(req).status().code() == Code::kInvalidArgument);
}

TEST_CASE("the planted company and word rank first for their city; a uniform company does not") {
  Fixture& f = Shared();
  SignificantRequest req;
  req.selection.filters = {{"city", {"chengdu"}}};
  req.facet = "company";
  auto companies = f.searcher().Significant(req);
  REQUIRE_MESSAGE(companies.ok(), companies.status().ToString());
  REQUIRE(!companies->values.empty());
  CHECK(companies->values[0].id == "unitree");
  CHECK(companies->values[0].name == "Unitree");
  CHECK(companies->foreground ==
        TrueCounts(
            f.truth, [](const Truth&) { return true; }, "city")["chengdu"]);
  CHECK(companies->background == kArticles);
  CHECK(companies->values[0].fg == TrueCounts(
                                       f.truth,
                                       [](const Truth& t) { return Any(t, "city", {"chengdu"}); },
                                       "company")["unitree"]);
  for (const SignificantValue& v : companies->values) CHECK(v.id != "byd");

  req.facet = "city";  // the selected city itself is not "significant"
  auto cities = f.searcher().Significant(req);
  REQUIRE(cities.ok());
  for (const SignificantValue& v : cities->values) CHECK(v.id != "chengdu");

  req.facet = "terms";
  auto terms = f.searcher().Significant(req);
  REQUIRE_MESSAGE(terms.ok(), terms.status().ToString());
  REQUIRE(!terms->values.empty());
  CHECK(terms->values[0].name == "graphene");
  CHECK(terms->foreground <= static_cast<uint64_t>(kSignificantTermSample));
  for (const SignificantValue& v : terms->values) {
    CHECK(v.name != "the");
    CHECK(v.name != "markets");  // in every article: not over-represented
  }

  SignificantRequest everything;
  everything.facet = "company";
  auto all = f.searcher().Significant(everything);
  REQUIRE(all.ok());
  CHECK(all->values.empty());  // the whole index is not unusual against itself
}

TEST_CASE("the term tally counts like a map, through growth") {
  search::TermTally tally(4);  // starts small, so the table grows several times
  std::map<std::string, uint64_t> want;
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string key = "Z";
    key += std::to_string(rng() % 3000);
    if (i % 7 == 0) key += std::string(rng() % 40, 'x');  // longer than the small-string buffer
    tally.Add(key);
    ++want[key];
  }
  tally.Add("");
  ++want[""];
  std::map<std::string, uint64_t> got;
  tally.ForEach([&](std::string_view key, uint64_t count) { got[std::string(key)] += count; });
  CHECK(tally.size() == want.size());
  CHECK(got == want);
}

TEST_CASE("the G-test") {
  CHECK(GTest(50, 100, 100, 1000) > 50);
  CHECK(GTest(10, 100, 100, 1000) == doctest::Approx(0).epsilon(1e-9));
  CHECK(GTest(30, 100, 300, 1000) < 1e-6);
  CHECK(GTest(5, 10, 5, 10) == 0);  // foreground = background: nothing to compare
}

TEST_CASE("bad requests name the field") {
  Fixture& f = Shared();
  struct Row {
    std::function<Status()> run;
    const char* field;
  };
  auto pivot = [&](std::string rows, std::string cols, int rs, int cs) {
    return [&f, rows, cols, rs, cs] {
      PivotRequest r;
      r.rows = rows;
      r.cols = cols;
      r.rows_size = rs;
      r.cols_size = cs;
      return f.searcher().Pivot(r).status();
    };
  };
  auto trends = [&](std::string facet, int size) {
    return [&f, facet, size] {
      TrendsRequest r;
      r.facet = facet;
      r.size = size;
      return f.searcher().Trends(r).status();
    };
  };
  auto significant = [&](std::string facet, int size) {
    return [&f, facet, size] {
      SignificantRequest r;
      r.facet = facet;
      r.size = size;
      return f.searcher().Significant(r).status();
    };
  };
  std::vector<Row> rows = {
      {pivot("town", "policy", 5, 5), "rows"},
      {pivot("city", "month", 5, 5), "cols"},
      {pivot("city", "policy", 0, 5), "rows_size"},
      {pivot("city", "policy", 5, 101), "cols_size"},
      {trends("source", 5), "facet"},
      {trends("city", 31), "size"},
      {significant("lang", 5), "facet"},
      {significant("terms", 0), "size"},
  };
  for (const Row& row : rows) {
    Status st = row.run();
    CHECK(st.code() == Code::kInvalidArgument);
    CHECK_MESSAGE(st.message().rfind(row.field, 0) == 0, st.message());
  }
}

}  // namespace
}  // namespace longjing::testing
