// Searcher: query language, cross-language entities, filters, sorting,
// paging, snippets, spelling, the article view, reopening. Facet counts are
// in facet_test.cpp. Uses the small index of search_fixture.h.
#include "longjing/search.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "longjing/schema.h"
#include "search_fixture.h"

namespace longjing {
namespace {

using testing::SearchIndex;
using Ids = std::set<std::string>;

}  // namespace
}  // namespace longjing

namespace doctest {
template <>
struct StringMaker<std::set<std::string>> {
  static String convert(const std::set<std::string>& ids) {
    std::string out = "{";
    for (const auto& id : ids) out += (out.size() > 1 ? ", " : "") + id;
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace longjing {
namespace {

SearchRequest Query(std::string q) {
  SearchRequest r;
  r.q = std::move(q);
  r.per_page = 100;
  return r;
}

SearchResult Run(const Searcher& s, const SearchRequest& r) {
  Result<SearchResult> res = s.Search(r);
  REQUIRE_MESSAGE(res.ok(), "q='" << r.q << "': " << res.status().ToString());
  return std::move(res).value();
}

Ids HitIds(const SearchResult& r) {
  Ids ids;
  for (const Hit& h : r.hits) ids.insert(h.id);
  return ids;
}

std::vector<std::string> HitOrder(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const Hit& h : r.hits) ids.push_back(h.id);
  return ids;
}

const Hit* FindHit(const SearchResult& r, const std::string& id) {
  for (const Hit& h : r.hits)
    if (h.id == id) return &h;
  return nullptr;
}

// Shared by all test cases: building the index takes a moment.
SearchIndex& Fixture() {
  static SearchIndex index;
  return index;
}

const Searcher& Shared() {
  static std::unique_ptr<Searcher> searcher = Fixture().Open();
  return *searcher;
}

struct QueryCase {
  std::string q;
  Ids expected;
};

TEST_CASE("query language") {
  const QueryCase cases[] = {
      {"electric", {"hz-ev", "chengdu-tourism"}},
      {"ELECTRIC cars", {"hz-ev"}},
      {"\"research in Shenzhen\"", {"sz-huawei"}},
      {"\"Shenzhen research\"", {}},
      {"robots AND noodles", {"robots"}},
      {"robots noodles", {"robots"}},  // default operator is AND
      {"banks OR tourism", {"hk-finance", "chengdu-tourism"}},
      {"electric NOT buses", {"hz-ev"}},
      {"electric -buses", {"hz-ev"}},
      // Exclusions only: everything else (Xapian alone would find the excluded).
      {"-Hangzhou -Shanghai -Shenzhen -Chengdu", {"pekin-ia", "hk-finance", "dual-circ"}},
      {"and", {"dual-circ", "hz-ev"}},  // lowercase "and" is a word, not an operator
      {"elect*", {"hz-ev", "chengdu-tourism"}},
      // Only the French stemmer conflates these with "règles", "chinoises".
      {"règle", {"sh-prosperite"}},
      {"chinois", {"pekin-ia"}},
      // English stemming.
      {"factory", {"hz-ev"}},
      {"title:robots", {"robots"}},
      {"title:Hangzhou", {"hz-ev", "robots"}},
      {"city:hangzhou", {"hz-ev", "hz-deepseek", "robots"}},
      {"city:Hangzhou", {"hz-ev", "hz-deepseek", "robots"}},
      {"city:杭州", {"hz-ev", "hz-deepseek", "robots"}},
      {"company:huawei lang:zh", {"huawei-phone"}},
      {"lang:fr", {"pekin-ia", "sh-prosperite"}},
      {"year:2023", {"script-tags", "sh-prosperite"}},
      {"source:Reuters", {"sz-huawei", "hk-finance", "chengdu-tourism"}},
      {"source:\"Caixin Global\"", {"hz-ev", "robots"}},
      {"city:shanghai city:hong-kong", {"script-tags", "sh-prosperite", "hk-finance"}},
      {"policy:made-in-china-2025", {"hz-ev"}},
      {"2025-01-01..2025-02-15", {"hz-deepseek", "huawei-phone"}},
      {"date:20230101..20231231", {"script-tags", "sh-prosperite"}},
      {"electric 2024-03-01..2024-03-31", {"hz-ev", "chengdu-tourism"}},
  };
  for (const QueryCase& c : cases) {
    CAPTURE(c.q);
    CHECK(HitIds(Run(Shared(), Query(c.q))) == c.expected);
  }
}

TEST_CASE("bad queries are InvalidArgument with the parser's message") {
  for (std::string q : {"electric AND", "OR robots", "2020..2021"}) {
    CAPTURE(q);
    Result<SearchResult> r = Shared().Search(Query(q));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK(r.status().message().find("cannot parse q") != std::string::npos);
  }
  Result<SearchResult> r = Shared().Search(Query("electric AND"));
  CHECK(r.status().message().find("Syntax: <expression> AND <expression>") != std::string::npos);

  Result<SearchResult> too_long = Shared().Search(Query(std::string(kMaxQueryBytes + 1, 'a')));
  CHECK(too_long.status().code() == Code::kInvalidArgument);
  Result<SearchResult> bad_utf8 = Shared().Search(Query("caf\xC3"));
  CHECK(bad_utf8.status().code() == Code::kInvalidArgument);
  CHECK(Shared().Search(Query(std::string(kMaxQueryBytes, 'a'))).ok());
}

TEST_CASE("cross-language entities: any alias finds every language") {
  const QueryCase cases[] = {
      {"杭州", {"hz-ev", "hz-deepseek", "robots"}},
      {"hangzhou", {"hz-ev", "hz-deepseek", "robots"}},
      {"Hangzhou", {"hz-ev", "hz-deepseek", "robots"}},
      {"Beijing", {"pekin-ia"}},
      {"Pékin", {"pekin-ia"}},
      {"pekin", {"pekin-ia"}},
      {"北京", {"pekin-ia"}},
      {"深度求索", {"pekin-ia", "hz-deepseek"}},
      {"\"Hong Kong\"", {"hk-finance"}},
      {"香港", {"hk-finance"}},
      {"Hangzhou robots", {"robots"}},
      {"杭州 NOT robots", {"hz-ev", "hz-deepseek"}},
      {"Shenzhen OR Chengdu", {"sz-huawei", "huawei-phone", "chengdu-tourism"}},
      // Traditional script finds Simplified text (and the tag).
      {"華為", {"huawei-phone", "sz-huawei"}},
      {"華為手機", {"huawei-phone"}},
      // Inside quotes the words are taken literally: no tag expansion.
      {"\"杭州 robots\"", {}},
      {"Made in China 2025", {"hz-ev"}},
      {"中国制造2025", {"hz-ev"}},
      {"prospérité commune", {"sh-prosperite"}},
  };
  for (const QueryCase& c : cases) {
    CAPTURE(c.q);
    CHECK(HitIds(Run(Shared(), Query(c.q))) == c.expected);
  }
  // The tag's wdf (mention count) ranks: the zh article names Hangzhou often.
  SearchResult r = Run(Shared(), Query("杭州"));
  for (const Hit& h : r.hits) CHECK(h.score > 0);
}

TEST_CASE("filters: OR within a facet, AND across, dates, errors") {
  SearchRequest r = Query("");
  r.filters["city"] = {"hangzhou", "shenzhen"};
  CHECK(HitIds(Run(Shared(), r)) ==
        Ids{"hz-ev", "hz-deepseek", "robots", "sz-huawei", "huawei-phone"});
  r.filters["lang"] = {"zh"};
  CHECK(HitIds(Run(Shared(), r)) == Ids{"hz-deepseek", "huawei-phone"});
  r.filters["year"] = {"2025"};
  r.from = "2025-02-01";
  CHECK(HitIds(Run(Shared(), r)) == Ids{"huawei-phone"});
  r.from = "2025-02-11";
  CHECK(Run(Shared(), r).total == 0);

  SearchRequest dated = Query("");
  dated.from = "2025-02-01";
  CHECK(HitIds(Run(Shared(), dated)) == Ids{"pekin-ia", "huawei-phone", "robots"});
  dated.from = "";
  dated.to = "20230601";
  CHECK(HitIds(Run(Shared(), dated)) == Ids{"sh-prosperite"});

  struct Bad {
    std::string facet, value, mentions;
  };
  for (const Bad& b : {Bad{"town", "x", "town"}, Bad{"city", "atlantis", "atlantis"},
                       Bad{"lang", "english", "english"}, Bad{"year", "25", "25"},
                       Bad{"year", "2025-01", "2025-01"}, Bad{"lang", "e1", "e1"}}) {
    SearchRequest bad = Query("");
    bad.filters[b.facet] = {b.value};
    Result<SearchResult> res = Shared().Search(bad);
    CAPTURE(b.facet);
    REQUIRE_FALSE(res.ok());
    CHECK(res.status().code() == Code::kInvalidArgument);
    CHECK(res.status().message().find(b.mentions) != std::string::npos);
  }
  for (auto [from, to] : {std::pair{"2025-13-01", ""}, std::pair{"", "yesterday"},
                          std::pair{"2025-02-30", ""}, std::pair{"2025-03-01", "2025-02-01"}}) {
    SearchRequest bad = Query("");
    bad.from = from;
    bad.to = to;
    CHECK(Shared().Search(bad).status().code() == Code::kInvalidArgument);
  }
}

TEST_CASE("sorting") {
  SearchRequest browse = Query("");
  std::vector<std::string> newest = HitOrder(Run(Shared(), browse));  // default without q
  REQUIRE(newest.size() == 11);
  CHECK(newest.front() == "robots");
  CHECK(newest[1] == "pekin-ia");
  // Undated, it sorts by when it was first seen (2023-11-14T22:13:20Z):
  // after hz-ev (2024-03-15), before script-tags (2023-11-05).
  CHECK(newest[8] == "dual-circ");
  CHECK(newest.back() == "sh-prosperite");

  browse.sort = SortOrder::kOldest;
  std::vector<std::string> oldest = HitOrder(Run(Shared(), browse));
  CHECK(oldest == std::vector<std::string>(newest.rbegin(), newest.rend()));
  CHECK(oldest.front() == "sh-prosperite");
  CHECK(oldest[2] == "dual-circ");
  CHECK(oldest.back() == "robots");
  SearchResult dual = Run(Shared(), Query("dual"));
  const Hit* undated = FindHit(dual, "dual-circ");
  REQUIRE(undated);
  CHECK(undated->date.empty());
  CHECK(undated->first_seen == "2023-11-14T22:13:20Z");

  // Relevance by default with q; equal scores fall back to newest first.
  SearchRequest rel = Query("city:hangzhou");  // boolean only: all scores equal
  CHECK(HitOrder(Run(Shared(), rel)) == std::vector<std::string>{"robots", "hz-deepseek", "hz-ev"});
  SearchResult scored = Run(Shared(), Query("Hangzhou robots"));
  REQUIRE(!scored.hits.empty());
  for (size_t i = 1; i < scored.hits.size(); ++i)
    CHECK(scored.hits[i - 1].score >= scored.hits[i].score);
  SearchRequest by_date = Query("electric");
  by_date.sort = SortOrder::kNewest;
  CHECK(HitOrder(Run(Shared(), by_date)) == std::vector<std::string>{"chengdu-tourism", "hz-ev"});
}

TEST_CASE("paging and limits") {
  SearchRequest r = Query("");
  std::vector<std::string> all = HitOrder(Run(Shared(), r));
  r.per_page = 3;
  r.page = 2;
  SearchResult page2 = Run(Shared(), r);
  CHECK(page2.total == 11);
  CHECK(page2.total_exact);
  CHECK(HitOrder(page2) == std::vector<std::string>(all.begin() + 3, all.begin() + 6));
  r.page = 4;
  CHECK(HitOrder(Run(Shared(), r)) == std::vector<std::string>(all.begin() + 9, all.end()));
  r.page = 5;
  CHECK(Run(Shared(), r).hits.empty());

  struct Limit {
    int page, per_page;
  };
  for (Limit l : {Limit{0, 10}, Limit{-1, 10}, Limit{1, 0}, Limit{1, kMaxPerPage + 1},
                  Limit{kMaxResultWindow / kMaxPerPage + 1, kMaxPerPage}, Limit{1 << 30, 100}}) {
    SearchRequest bad = Query("");
    bad.page = l.page;
    bad.per_page = l.per_page;
    CAPTURE(l.page);
    CAPTURE(l.per_page);
    CHECK(Shared().Search(bad).status().code() == Code::kInvalidArgument);
  }
  SearchRequest edge = Query("");
  edge.page = kMaxResultWindow / kMaxPerPage;
  edge.per_page = kMaxPerPage;
  CHECK(Shared().Search(edge).ok());
}

// One article per letter, each with 250 words starting with it ("a0" ..
// "a249"): every single-letter wildcard meets its cap of 200 terms.
std::vector<Article> VocabularyArticles() {
  std::vector<Article> out;
  for (char c = 'a'; c <= 'z'; ++c) {
    std::string body;
    for (int i = 0; i < 250; ++i) body += std::string(1, c) + std::to_string(i) + " ";
    out.push_back(testing::MakeArticle(std::string("vocab-") + c, "en", "2024-01-01", "Reuters",
                                       "Words", body));
  }
  return out;
}

// ~200 single-letter wildcards ORed, under kMaxQueryBytes.
std::string QueryBomb() {
  std::string q;
  for (int i = 0; q.size() + 6 <= kMaxQueryBytes; ++i)
    q += (q.empty() ? "" : " OR ") + std::string(1, static_cast<char>('a' + i % 26)) + "*";
  return q;
}

TEST_CASE("query bomb: wildcards expanding past the cap are TooComplex, at once") {
  SearchIndex index(VocabularyArticles());
  std::unique_ptr<Searcher> s = index.Open();
  auto start = std::chrono::steady_clock::now();
  Result<SearchResult> bomb = s->Search(Query(QueryBomb()));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.status().code() == Code::kTooComplex);
  CHECK(bomb.status().message().starts_with("q "));
  CHECK(bomb.status().message().find(std::to_string(kMaxExpandedTerms)) != std::string::npos);
  CHECK(seconds < 1.0);
  // Five full wildcards (1,000 terms) are within the cap; a sixth is not.
  CHECK(HitIds(Run(*s, Query("a* OR b* OR c* OR d* OR e*"))).size() == 5);
  CHECK(s->Search(Query("a* OR b* OR c* OR d* OR e* OR f*")).status().code() == Code::kTooComplex);
  // The same wildcard twice costs twice: the matcher expands each.
  CHECK(s->Search(Query("a* OR a* OR a* OR a* OR a* OR a*")).status().code() == Code::kTooComplex);
  // Narrow wildcards count what they match, not the cap.
  CHECK(HitIds(Run(*s, Query("a1* OR b1* OR c1* OR d1* OR e1* OR f1* OR g1*"))).size() == 7);
  // A normal query still works on the fixture.
  CHECK(HitIds(Run(Shared(), Query("elect*"))) == Ids{"hz-ev", "chengdu-tourism"});
}

TEST_CASE("time budget: a search past it is kTimeout, never partial counts") {
  auto s = Searcher::Open(Fixture().dir(), Fixture().taxonomy(), {}, /*cache_entries=*/0,
                          /*time_limit=*/1e-9);
  REQUIRE(s.ok());
  for (std::string q : {"hangzhou", ""}) {
    Result<SearchResult> r = (*s)->Search(Query(q));
    CAPTURE(q);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kTimeout);
    CHECK(r.status().message().find("time budget") != std::string::npos);
  }
  auto unlimited = Searcher::Open(Fixture().dir(), Fixture().taxonomy(), {}, 0, /*time_limit=*/0);
  REQUIRE(unlimited.ok());
  CHECK(Run(**unlimited, Query("hangzhou")).total == 3);
}

TEST_CASE("hits carry document fields and tag names") {
  SearchResult r = Run(Shared(), Query("robots"));
  const Hit* h = FindHit(r, "robots");
  REQUIRE(h);
  CHECK(h->title == "Robots in Hangzhou");
  CHECK(h->date == "2025-02-25");
  CHECK(h->source == "Caixin Global");
  CHECK(h->url == "https://example.com/robots");
  CHECK(h->lang == "en");
  REQUIRE(h->tags.count("city"));
  CHECK(h->tags.at("city")[0].id == "hangzhou");
  CHECK(h->tags.at("city")[0].name == "Hangzhou");
  CHECK(h->tags.at("city")[0].count == 3);
  CHECK(h->tags.at("company")[0].name == "Unitree");
  CHECK(h->score > 0);
}

TEST_CASE("snippets") {
  SearchResult r = Run(Shared(), Query("electric"));
  const Hit* ev = FindHit(r, "chengdu-tourism");
  REQUIRE(ev);
  CHECK(ev->snippet.find("<mark>Electric</mark>") != std::string::npos);

  SearchResult s = Run(Shared(), Query("script"));
  const Hit* sc = FindHit(s, "script-tags");
  REQUIRE(sc);
  CHECK(sc->snippet.find("&lt;<mark>script</mark>&gt;") != std::string::npos);
  CHECK(sc->snippet.find("<script") == std::string::npos);
  CHECK(sc->snippet.find("&amp;") != std::string::npos);

  SearchResult zh = Run(Shared(), Query("杭州"));
  const Hit* hz = FindHit(zh, "hz-deepseek");
  REQUIRE(hz);
  CHECK(hz->snippet.find("<mark>") != std::string::npos);
  CAPTURE(hz->snippet);
  CHECK(hz->snippet.find("<mark>杭州</mark>") != std::string::npos);

  // Matched only through the tag: the mention in the article's own language.
  const Hit* en = FindHit(zh, "hz-ev");
  REQUIRE(en);
  CHECK(en->snippet.starts_with("The city of <mark>Hangzhou</mark> is courting BYD"));
  SearchResult fr = Run(Shared(), Query("Beijing"));
  REQUIRE(fr.hits.size() == 1);
  CHECK(fr.hits[0].snippet.find("<mark>Pékin</mark>, les jeunes pousses") != std::string::npos);
  CHECK(fr.hits[0].snippet.find('\n') == std::string::npos);

  // Browsing: the start of the body, escaped, no marks.
  SearchRequest browse = Query("");
  browse.filters["city"] = {"shanghai"};
  browse.filters["lang"] = {"en"};
  SearchResult b = Run(Shared(), browse);
  REQUIRE(b.hits.size() == 1);
  CHECK(b.hits[0].snippet.starts_with("Never trust input like &lt;script&gt;"));
  CHECK(b.hits[0].snippet.find("<mark>") == std::string::npos);

  SearchRequest none = Query("electric");
  none.snippets = false;
  for (const Hit& h : Run(Shared(), none).hits) CHECK(h.snippet.empty());
}

TEST_CASE("spelling correction") {
  SearchResult r = Run(Shared(), Query("electrc"));
  REQUIRE(r.corrected_q.has_value());
  CHECK(*r.corrected_q == "electric");
  CHECK_FALSE(Run(Shared(), Query("electric")).corrected_q.has_value());
  CHECK_FALSE(Run(Shared(), Query("")).corrected_q.has_value());
}

TEST_CASE("GetArticle: fields, UTF-16 mentions, related") {
  Result<ArticleView> v = Shared().GetArticle("robots", 3);
  REQUIRE_MESSAGE(v.ok(), v.status().ToString());
  CHECK(v->meta.title == "Robots in Hangzhou");
  CHECK(v->meta.snippet.empty());
  CHECK(v->author == "Reporter robots");
  CHECK(v->path == "robots.md");
  CHECK(v->body.starts_with("\xF0\x9F\xA4\x96 Unitree"));
  // "🤖 Unitree builds robots in Hangzhou. Engineers in Hangzhou like 𠮷 noodles."
  // The emoji is two UTF-16 units, so Unitree starts at 3 (bytes: 5).
  REQUIRE(v->mentions.size() == 3);
  CHECK(v->mentions[0].facet == "company");
  CHECK(v->mentions[0].id == "unitree");
  CHECK(v->mentions[0].start == 3);
  CHECK(v->mentions[0].end == 10);
  CHECK(v->mentions[1].id == "hangzhou");
  CHECK(v->mentions[1].start == 28);
  CHECK(v->mentions[1].end == 36);
  CHECK(v->mentions[2].start == 51);
  CHECK(v->related.size() <= 3);
  for (const Hit& h : v->related) {
    CHECK(h.id != "robots");
    CHECK(h.snippet.empty());
  }

  Result<ArticleView> zh = Shared().GetArticle("hz-deepseek");
  REQUIRE(zh.ok());
  // "深度求索总部位于杭州。杭州市政府…": one unit per character.
  REQUIRE(zh->mentions.size() >= 3);
  CHECK(zh->mentions[0].id == "deepseek");
  CHECK(zh->mentions[0].start == 0);
  CHECK(zh->mentions[0].end == 4);
  CHECK(zh->mentions[1].id == "hangzhou");
  CHECK(zh->mentions[1].start == 8);
  CHECK(zh->mentions[1].end == 10);
  CHECK(zh->mentions[2].start == 11);

  // Related: the other Shenzhen/Huawei article shares the most words.
  Result<ArticleView> ev = Shared().GetArticle("hz-ev", 5);
  REQUIRE(ev.ok());
  REQUIRE_FALSE(ev->related.empty());
  for (const Hit& h : ev->related) CHECK(h.id != "hz-ev");
  Result<ArticleView> none = Shared().GetArticle("hz-ev", 0);
  REQUIRE(none.ok());
  CHECK(none->related.empty());

  Result<ArticleView> missing = Shared().GetArticle("no-such-article");
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(Shared().GetArticle("").status().code() == Code::kNotFound);
}

TEST_CASE("no index yet") {
  testing::TempDir tmp;
  auto s = Searcher::Open(tmp.path(), testing::SearchTaxonomy());
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == Code::kNotFound);
  CHECK(s.status().message().find("no index yet") != std::string::npos);
}

TEST_CASE("stats, writes and rebuilds are seen by the next request") {
  SearchIndex index;
  std::unique_ptr<Searcher> s = index.Open();
  Result<IndexStats> before = s->Stats();
  REQUIRE(before.ok());
  CHECK(before->documents == 11);

  index.Add({testing::MakeArticle("hz-new", "en", "2025-03-01", "Reuters", "Hangzhou again",
                                  "Hangzhou opens a tram line.")});
  Result<IndexStats> after = s->Stats();
  REQUIRE(after.ok());
  CHECK(after->documents == 12);
  CHECK(after->revision > before->revision);
  CHECK(HitIds(Run(*s, Query("tram"))) == Ids{"hz-new"});

  // A full rebuild swaps the symlink: the next request opens the new generation.
  index.Rebuild(
      {testing::MakeArticle("only", "en", "2020-01-01", "Reuters", "Only one", "Lonely text.")},
      "gen-000002");
  CHECK(HitIds(Run(*s, Query(""))) == Ids{"only"});
  CHECK(s->Stats()->documents == 1);
}

TEST_CASE("concurrent searches while the index is written") {
  SearchIndex index;
  std::unique_ptr<Searcher> s = index.Open();
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        SearchRequest r = Query(t % 2 ? "hangzhou" : "");
        r.filters["lang"] = {"en"};
        if (!s->Search(r).ok()) ++failures;
      }
    });
  }
  for (int i = 0; i < 10; ++i)
    index.Add(
        {testing::MakeArticle("w" + std::to_string(i), "en", "2025-03-01", "Reuters",
                              "Hangzhou update", "Hangzhou news number " + std::to_string(i))});
  for (auto& th : readers) th.join();
  CHECK(failures == 0);
  CHECK(s->Stats()->documents == 21);
}

}  // namespace
}  // namespace longjing
