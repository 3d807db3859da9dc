// The bitmap search (doc_sets.h) against the MatchSpy search it replaces for
// local indexes: over a few hundred articles and every combination of text,
// filters, date range, sort and page, both must return the same total, the
// same hits in the same order and the same facet counts.
#include "search/doc_sets.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "search/search_engine.h"
#include "search_fixture.h"

namespace longjing {
namespace {

using search::Bitmap;
using search::DocSets;
using search::EngineContext;
using testing::MakeArticle;
using testing::SearchIndex;

// Articles naming random cities, companies and policies, in English and
// French, on a few hundred dates (many shared, some missing: those sort by
// their first-seen times, FirstSeen below).
std::vector<Article> GeneratedArticles() {
  const std::vector<std::string> cities = {"Beijing",  "Shanghai",  "Hangzhou",
                                           "Shenzhen", "Hong Kong", "Chengdu"};
  const std::vector<std::string> firms = {"Huawei", "DeepSeek", "BYD", "Alibaba", "Unitree"};
  const std::vector<std::string> policies = {"Made in China 2025", "common prosperity",
                                             "dual circulation"};
  const std::vector<std::string> words = {"factory", "electric", "cars",   "chips",  "export",
                                          "rules",   "growth",   "robots", "market", "subsidy"};
  std::mt19937 rng(7);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<Article> out = testing::SearchArticles();
  for (int i = 0; i < 300; ++i) {
    std::string body;
    for (size_t k = pick(4); k > 0; --k) body += cities[pick(cities.size())] + " ";
    for (size_t k = pick(3); k > 0; --k) body += firms[pick(firms.size())] + " ";
    if (pick(3) == 0) body += policies[pick(policies.size())] + " ";
    for (size_t k = 3 + pick(12); k > 0; --k) body += words[pick(words.size())] + " ";
    std::string date;
    if (pick(10) != 0)
      date = std::to_string(2022 + pick(4)) + "-0" + std::to_string(1 + pick(9)) + "-1" +
             std::to_string(pick(10));
    std::string title = words[pick(words.size())] + " " + words[pick(words.size())];
    out.push_back(MakeArticle("gen-" + std::to_string(i), pick(4) == 0 ? "fr" : "en", date, "Wire",
                              title, body + "."));
  }
  return out;
}

// First seen every 4.5 days from 2022-01-01, so undated articles fall
// between dated ones; every tenth exactly at a midnight, tying with the
// articles dated that day.
double FirstSeen(size_t i) {
  double t = 1640995200.0 + static_cast<double>(i) * 4.5 * 86400;
  return i % 10 == 0 ? t - std::fmod(t, 86400.0) : t;
}

std::string Describe(const SearchResult& r) {
  std::string out = "total=" + std::to_string(r.total) + (r.total_exact ? "" : "~") + " hits=";
  for (const Hit& h : r.hits) out += h.id + ",";
  for (const FacetResult& f : r.facets) {
    out += " " + f.name + ":";
    for (const FacetCount& c : f.values)
      out += c.id + "=" + std::to_string(c.count) + (c.selected ? "*" : "") + ",";
  }
  return out;
}

std::vector<std::map<std::string, std::vector<std::string>>> FilterCombinations() {
  return {{},
          {{"city", {"hangzhou"}}},
          {{"city", {"beijing", "shanghai"}}},
          {{"company", {"huawei"}}, {"city", {"shenzhen"}}},
          {{"company", {"byd", "alibaba"}}, {"lang", {"fr"}}},
          {{"policy", {"common-prosperity"}}},
          {{"year", {"2024"}}},
          {{"year", {"2023", "2025"}}, {"city", {"chengdu", "hong-kong"}}},
          {{"lang", {"en"}}, {"year", {"2022"}}, {"company", {"unitree"}}}};
}

TEST_CASE("bitmap search returns what the MatchSpy search returns") {
  SearchIndex index(GeneratedArticles(), FirstSeen);
  Xapian::Database db(index.db_path());
  const Taxonomy& taxonomy = *index.taxonomy();
  search::QueryBuilder builder(taxonomy, &index.tagger());
  EngineContext spies{db, taxonomy, index.tagger(), builder};
  EngineContext sets = spies;
  sets.sets = DocSets::Build(db, "test");
  REQUIRE(sets.sets->all().Count() == db.get_doccount());

  int compared = 0;
  for (const char* q : {"", "Hangzhou", "factory", "chips OR robots", "\"electric cars\"",
                        "market -Beijing", "nothingatall"}) {
    for (const auto& filters : FilterCombinations()) {
      for (std::optional<SortOrder> sort :
           {std::optional<SortOrder>(), std::optional(SortOrder::kNewest),
            std::optional(SortOrder::kOldest), std::optional(SortOrder::kRelevance)}) {
        // Not a structured binding: clang 14 (the sanitized build) cannot capture one.
        for (const auto& range : std::vector<std::pair<std::string, std::string>>{
                 {"", ""}, {"2023-03-01", ""}, {"2022-05-10", "2024-02-12"}}) {
          const std::string& from = range.first;
          const std::string& to = range.second;
          for (int page : {1, 3}) {
            SearchRequest r;
            r.q = q;
            r.filters = filters;
            r.sort = sort;
            r.from = from;
            r.to = to;
            r.page = page;
            r.per_page = 7;
            Result<SearchResult> a = search::RunSearch(spies, r);
            Result<SearchResult> b = search::RunSearch(sets, r);
            REQUIRE(a.ok());
            REQUIRE(b.ok());
            CAPTURE(q);
            CAPTURE(page);
            CAPTURE(from);
            CAPTURE(to);
            CHECK(Describe(*b) == Describe(*a));
            ++compared;
          }
        }
      }
    }
  }
  CHECK(compared == 7 * 9 * 4 * 3 * 2);
}

TEST_CASE("counts of small and large sets: postings walk and bitmap pass agree with the index") {
  SearchIndex index(GeneratedArticles());
  Xapian::Database db(index.db_path());
  auto sets = DocSets::Build(db, "k");
  std::mt19937 rng(3);
  // From one document (counted by walking its postings) to all of them (by
  // ANDing every value's bitmap).
  for (size_t members : {1u, 2u, 5u, 20u, 80u, 200u, 311u}) {
    CAPTURE(members);
    Bitmap mask = sets->Empty();
    std::vector<Xapian::docid> docs;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) docs.push_back(*p);
    std::shuffle(docs.begin(), docs.end(), rng);
    docs.resize(std::min(members, docs.size()));
    for (Xapian::docid d : docs) mask.Set(d);
    for (const schema::FacetDef& def : schema::kFacets) {
      CAPTURE(def.name);
      search::ValueCounts want;
      std::string prefix(def.prefix);
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p)
          if (mask.Test(*p)) ++want[(*t).substr(prefix.size())];
      CHECK(sets->Count(&def, mask) == want);
    }
    // The month timeline: ~40 values, so the walk serves up to ~12 members.
    search::ValueCounts want;
    std::string prefix(schema::kPrefixMonth);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
      for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p)
        if (mask.Test(*p)) {
          std::string ym = (*t).substr(prefix.size());
          ++want[ym.substr(0, 4) + "-" + ym.substr(4)];
        }
    CHECK(sets->Count(nullptr, mask) == want);
  }
}

TEST_CASE("bitmaps: counting, intersection, date order") {
  SearchIndex index;
  Xapian::Database db(index.db_path());
  auto sets = DocSets::Build(db, "k");
  CHECK(sets->key() == "k");
  CHECK(sets->last_docid() == db.get_lastdocid());

  Bitmap a(100), b(100);
  for (Xapian::docid d : {1u, 3u, 5u, 64u, 65u}) a.Set(d);
  for (Xapian::docid d : {3u, 64u, 66u}) b.Set(d);
  CHECK(a.Count() == 5);
  CHECK(a.CountAnd(b) == 2);
  CHECK(a.Test(64));
  CHECK_FALSE(a.Test(2));
  CHECK_FALSE(a.Test(100000));  // past the end: not a member
  a.And(b);
  CHECK(a.Count() == 2);

  // Newest first: sort times (the date, or the first-seen time when undated)
  // descending; oldest first is the other way round.
  auto date_of = [&db](Xapian::docid d) {
    return db.get_document(d).get_value(schema::kSlotSortTime);
  };
  const std::vector<Xapian::docid>& newest = sets->Order(true);
  REQUIRE(newest.size() == db.get_doccount());
  for (size_t i = 1; i < newest.size(); ++i) CHECK(date_of(newest[i - 1]) >= date_of(newest[i]));
  // The undated article (first seen in 2023-11) is not simply put last.
  CHECK_FALSE(db.get_document(newest.back()).get_value(schema::kSlotDate).empty());
  const std::vector<Xapian::docid>& oldest = sets->Order(false);
  for (size_t i = 1; i < oldest.size(); ++i) CHECK(date_of(oldest[i - 1]) <= date_of(oldest[i]));

  // A facet's counts over all documents are its terms' frequencies.
  const schema::FacetDef* city = schema::FindFacet("city");
  search::ValueCounts counts = sets->Count(city, sets->all());
  REQUIRE_FALSE(counts.empty());
  for (const auto& [id, n] : counts) CHECK(n == db.get_termfreq(schema::FilterTerm(*city, id)));
}

// Every count the sets can give, over all documents and over a few (the
// postings walk), with both orders and the dates: equal for two sets of the
// same index, however they were made.
std::string Contents(const DocSets& sets, const Xapian::Database& db) {
  std::string out = "last=" + std::to_string(sets.last_docid()) +
                    " all=" + std::to_string(sets.all().Count()) + "\n";
  Bitmap few = sets.Empty();
  for (Xapian::docid d = 1; d <= sets.last_docid(); d += 7)
    if (sets.all().Test(d)) few.Set(d);
  std::vector<const schema::FacetDef*> facets = {nullptr};  // the months
  for (const schema::FacetDef& def : schema::kFacets) facets.push_back(&def);
  for (const schema::FacetDef* def : facets) {
    out += def ? std::string(def->name) : "month";
    for (const Bitmap* mask : std::vector<const Bitmap*>{&sets.all(), &few}) {
      search::ValueCounts counts = sets.Count(def, *mask);
      for (const auto& [id, n] : std::map<std::string, uint64_t>(counts.begin(), counts.end()))
        out += " " + id + "=" + std::to_string(n);
    }
    out += "\n";
  }
  for (bool newest : {true, false}) {
    for (Xapian::docid d : sets.Order(newest)) out += std::to_string(d) + ",";
    out += "\n";
  }
  for (Xapian::docid d = 1; d <= sets.last_docid(); ++d)
    if (sets.dates()[d]) out += std::to_string(d) + ":" + std::to_string(sets.dates()[d]) + " ";
  CHECK(sets.all().Count() == db.get_doccount());
  return out;
}

TEST_CASE("sets extended over added documents equal sets built afresh") {
  std::vector<Article> articles = GeneratedArticles();
  const size_t first = articles.size() / 2;
  SearchIndex index(std::vector<Article>(articles.begin(), articles.begin() + first), FirstSeen);
  Xapian::Database db(index.db_path());
  std::shared_ptr<const DocSets> sets = DocSets::Build(db, "r1");

  // Three commits of additions; the last brings values no earlier document
  // had (new years and months) and articles dated before and after the
  // others and undated, so both orders interleave.
  std::vector<std::vector<Article>> rounds = {
      std::vector<Article>(articles.begin() + first, articles.begin() + first + 40),
      std::vector<Article>(articles.begin() + first + 40, articles.end()),
      {}};
  rounds[2].push_back(testing::MakeArticle("late", "en", "2031-07-04", "New Wire", "Chengdu robots",
                                           "Chengdu robots and factory chips."));
  rounds[2].push_back(testing::MakeArticle("early", "fr", "1999-01-02", "Wire", "Pékin",
                                           "Pékin et Huawei, usine."));
  rounds[2].push_back(testing::MakeArticle("undated", "en", "", "Wire", "market", "Market rules."));
  int round = 0;
  for (const auto& added : rounds) {
    CAPTURE(round);
    index.Add(added);
    db.reopen();
    std::string key = "r" + std::to_string(round + 2);
    std::shared_ptr<const DocSets> extended = DocSets::Extend(*sets, db, key);
    REQUIRE(extended);
    CHECK(extended->key() == key);
    std::shared_ptr<const DocSets> fresh = DocSets::Build(db, key);
    CHECK(Contents(*extended, db) == Contents(*fresh, db));
    sets = extended;
    ++round;
  }
  CHECK(sets->ValueDocs(*schema::FindFacet("year"), "2031") != nullptr);
}

TEST_CASE("sets are not extended backwards") {
  SearchIndex index;
  Xapian::Database db(index.db_path());
  std::shared_ptr<const DocSets> sets = DocSets::Build(db, "k");
  std::shared_ptr<const DocSets> same = DocSets::Extend(*sets, db, "k2");
  REQUIRE(same);  // nothing added: the same contents
  CHECK(Contents(*same, db) == Contents(*sets, db));
}

}  // namespace
}  // namespace longjing
