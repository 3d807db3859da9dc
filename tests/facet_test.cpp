// Facet counts: the FacetCounter MatchSpy, exact disjunctive counts through
// the Searcher, the month timeline, the unfiltered fast path, the cache, and
// extra databases (local and behind a stock xapian-tcpsrv).
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "longjing/schema.h"
#include "longjing/search.h"
#include "search/facet_counter.h"
#include "search_fixture.h"

namespace longjing {
namespace {

using search::FacetCounter;
using search::SlotMode;
using search::ValueCounts;
using testing::SearchIndex;

SearchResult Run(const Searcher& s, const SearchRequest& r) {
  Result<SearchResult> res = s.Search(r);
  REQUIRE_MESSAGE(res.ok(), res.status().ToString());
  return std::move(res).value();
}

const FacetResult* FindFacet(const SearchResult& r, const std::string& name) {
  for (const FacetResult& f : r.facets)
    if (f.name == name) return &f;
  return nullptr;
}

// The listed count of a value, or -1 when it is not listed.
int64_t Count(const SearchResult& r, const std::string& facet, const std::string& id) {
  const FacetResult* f = FindFacet(r, facet);
  if (!f) return -1;
  for (const FacetCount& c : f->values)
    if (c.id == id) return static_cast<int64_t>(c.count);
  return -1;
}

SearchIndex& Fixture() {
  static SearchIndex index;
  return index;
}

const Searcher& Shared() {
  static std::unique_ptr<Searcher> s = Fixture().Open();
  return *s;
}

std::vector<std::string> Candidates(const std::string& facet, const Taxonomy& taxonomy) {
  if (facet == "lang") return {"en", "fr", "zh"};
  if (facet == "year") return {"2023", "2024", "2025"};
  std::vector<std::string> ids;
  for (const TaxonomyValue& v : taxonomy.facet(facet)->values) ids.push_back(v.id);
  return ids;
}

// The definition of a disjunctive count, checked value by value: the count
// of v in facet f is the number of results of the same request with f's
// selection replaced by v alone. Also checks the order and the selected flags.
void CheckDisjunctive(const Searcher& s, const SearchRequest& request, const Taxonomy& taxonomy) {
  SearchResult r = Run(s, request);
  for (const char* facet : {"city", "company", "policy", "lang", "year"}) {
    CAPTURE(facet);
    const FacetResult* f = FindFacet(r, facet);
    REQUIRE(f);
    auto sel = request.filters.find(facet);
    for (const std::string& v : Candidates(facet, taxonomy)) {
      CAPTURE(v);
      SearchRequest one = request;
      one.filters[facet] = {v};
      one.facets = false;
      uint64_t expected = Run(s, one).total;
      bool selected = sel != request.filters.end() &&
                      std::find(sel->second.begin(), sel->second.end(), v) != sel->second.end();
      int64_t listed = Count(r, facet, v);
      if (expected == 0 && !selected)
        CHECK(listed == -1);
      else
        CHECK(listed == static_cast<int64_t>(expected));
    }
    for (size_t i = 1; i < f->values.size(); ++i) {
      const FacetCount& a = f->values[i - 1];
      const FacetCount& b = f->values[i];
      CHECK((a.count > b.count || (a.count == b.count && a.name <= b.name)));
    }
    for (const FacetCount& c : f->values)
      CHECK(c.selected ==
            (sel != request.filters.end() &&
             std::find(sel->second.begin(), sel->second.end(), c.id) != sel->second.end()));
  }
}

TEST_CASE("FacetCounter counts every value of multi-valued slots") {
  ValueCounts counts;
  search::CountSlotValue("beijing\nshanghai", SlotMode::kSplit, 1, counts);
  search::CountSlotValue("shanghai", SlotMode::kSplit, 2, counts);
  search::CountSlotValue("", SlotMode::kSplit, 1, counts);
  search::CountSlotValue("20250219", SlotMode::kMonth, 1, counts);
  search::CountSlotValue("en", SlotMode::kWhole, 1, counts);
  CHECK(counts == ValueCounts{{"beijing", 1}, {"shanghai", 3}, {"2025-02", 1}, {"en", 1}});

  FacetCounter spy({{schema::kSlotCity, SlotMode::kSplit}, {schema::kSlotDate, SlotMode::kMonth}});
  Xapian::Document d1, d2;
  d1.add_value(schema::kSlotCity, "beijing\nhangzhou");
  d1.add_value(schema::kSlotDate, "20250219");
  d2.add_value(schema::kSlotCity, "hangzhou");
  spy(d1, 1.0);
  spy(d2, 1.0);
  CHECK(spy.documents() == 2);
  CHECK(spy.counts(0) == ValueCounts{{"beijing", 1}, {"hangzhou", 2}});
  CHECK(spy.counts(1) == ValueCounts{{"2025-02", 1}});

  // What a remote shard does: unserialise the parameters, count, send results.
  Xapian::Registry registry;
  std::unique_ptr<Xapian::MatchSpy> remote(spy.unserialise(spy.serialise(), registry));
  CHECK(remote->name() == spy.name());
  (*remote)(d2, 1.0);
  std::unique_ptr<Xapian::MatchSpy> copy(spy.clone());
  CHECK(dynamic_cast<FacetCounter&>(*copy).documents() == 0);
  spy.merge_results(remote->serialise_results());
  CHECK(spy.documents() == 3);
  CHECK(spy.counts(0) == ValueCounts{{"beijing", 1}, {"hangzhou", 3}});
  CHECK_THROWS_AS(spy.merge_results("\x05"), Xapian::SerialisationError);
}

TEST_CASE("browsing without q or filters: counts are the filter terms' frequencies") {
  SearchRequest r;
  SearchResult res = Run(Shared(), r);
  CHECK(res.total == 11);
  Xapian::Database db(Fixture().db_path());
  for (const schema::FacetDef& def : schema::kFacets) {
    CAPTURE(def.name);
    const FacetResult* f = FindFacet(res, std::string(def.name));
    REQUIRE(f);
    CHECK_FALSE(f->values.empty());
    for (const FacetCount& c : f->values)
      CHECK(c.count == db.get_termfreq(schema::FilterTerm(def, c.id)));
  }
  CHECK(Count(res, "city", "hangzhou") == 3);
  CHECK(Count(res, "lang", "en") == 7);
  CHECK(Count(res, "year", "2024") == 4);
  CHECK(FindFacet(res, "city")->label == "City");
  CHECK(FindFacet(res, "policy")->label == "Policy type");
  CHECK(FindFacet(res, "lang")->values[0].name == "English");
  CHECK(FindFacet(res, "month") == nullptr);
  CheckDisjunctive(Shared(), r, *Fixture().taxonomy());
}

TEST_CASE("exact disjunctive counts") {
  const Taxonomy& tax = *Fixture().taxonomy();
  SearchRequest city;
  city.filters["city"] = {"hangzhou"};
  SearchResult r = Run(Shared(), city);
  CHECK(r.total == 3);
  // Own facet: as if unfiltered. Others: within Hangzhou.
  CHECK(Count(r, "city", "hangzhou") == 3);
  CHECK(Count(r, "city", "shenzhen") == 2);
  CHECK(Count(r, "city", "beijing") == 1);
  CHECK(Count(r, "company", "deepseek") == 1);
  CHECK(Count(r, "company", "unitree") == 1);
  CHECK(Count(r, "company", "huawei") == -1);
  CHECK(Count(r, "lang", "zh") == 1);

  std::vector<SearchRequest> requests;
  requests.push_back(city);
  SearchRequest or_within;  // OR within a facet, AND across facets
  or_within.filters["city"] = {"hangzhou", "shenzhen"};
  or_within.filters["lang"] = {"zh", "fr"};
  requests.push_back(or_within);
  SearchRequest with_text;
  with_text.q = "Hangzhou OR Huawei OR Alibaba";
  with_text.filters["year"] = {"2024", "2025"};
  with_text.filters["company"] = {"alibaba"};
  requests.push_back(with_text);
  SearchRequest dated;
  dated.q = "";
  dated.from = "2024-01-01";
  dated.filters["lang"] = {"en"};
  requests.push_back(dated);
  SearchRequest text_only;
  text_only.q = "electric OR 杭州";
  requests.push_back(text_only);
  for (const SearchRequest& req : requests) CheckDisjunctive(Shared(), req, tax);

  SearchResult both = Run(Shared(), or_within);
  CHECK(both.total == 2);  // hz-deepseek, huawei-phone
}

TEST_CASE("selected values are listed even at zero") {
  SearchRequest r;
  r.filters["city"] = {"chengdu"};
  r.filters["lang"] = {"fr"};
  SearchResult res = Run(Shared(), r);
  CHECK(res.total == 0);
  CHECK(Count(res, "city", "chengdu") == 0);  // no French article names Chengdu
  CHECK(Count(res, "lang", "fr") == 0);       // no Chengdu article in French
  CHECK(Count(res, "lang", "en") == 1);
  const FacetResult* city = FindFacet(res, "city");
  REQUIRE(city);
  CHECK(city->values.back().id == "chengdu");
  CHECK(city->values.back().selected);
}

TEST_CASE("order: count descending, then name") {
  SearchResult res = Run(Shared(), SearchRequest{});
  std::vector<std::string> ids;
  for (const FacetCount& c : FindFacet(res, "city")->values) ids.push_back(c.id);
  // 3 Hangzhou; 2 each: Shanghai, Shenzhen; 1 each: Beijing, Chengdu, Hong Kong.
  CHECK(ids == std::vector<std::string>{"hangzhou", "shanghai", "shenzhen", "beijing", "chengdu",
                                        "hong-kong"});
}

TEST_CASE("month timeline when exactly one year is selected") {
  SearchRequest r;
  r.filters["year"] = {"2025"};
  SearchResult res = Run(Shared(), r);
  const FacetResult* month = FindFacet(res, "month");
  REQUIRE(month);
  CHECK(month->label == "Month");
  REQUIRE(month->values.size() == 2);
  CHECK(month->values[0].id == "2025-02");
  CHECK(month->values[0].name == "2025-02");
  CHECK(month->values[0].count == 3);
  CHECK(month->values[1].id == "2025-01");
  CHECK(month->values[1].count == 1);

  r.filters["lang"] = {"zh"};  // computed with all filters applied
  res = Run(Shared(), r);
  CHECK(Count(res, "month", "2025-02") == 1);
  CHECK(Count(res, "month", "2025-01") == 1);

  r.filters["year"] = {"2024", "2025"};
  CHECK(FindFacet(Run(Shared(), r), "month") == nullptr);
}

TEST_CASE("counts do not depend on the page, even past the last hit") {
  SearchRequest r;
  r.q = "Hangzhou OR Shanghai";
  r.filters["lang"] = {"en"};
  SearchResult page1 = Run(*Fixture().Open(), r);  // fresh searchers: no cache
  r.page = 7;
  r.per_page = 3;
  SearchResult past = Run(*Fixture().Open(), r);
  CHECK(past.hits.empty());
  CHECK(past.total == page1.total);
  for (const char* facet : {"city", "company", "policy", "lang", "year"}) {
    CAPTURE(facet);
    const FacetResult* a = FindFacet(page1, facet);
    const FacetResult* b = FindFacet(past, facet);
    REQUIRE((a && b));
    REQUIRE(a->values.size() == b->values.size());
    for (size_t i = 0; i < a->values.size(); ++i) {
      CHECK(a->values[i].id == b->values[i].id);
      CHECK(a->values[i].count == b->values[i].count);
    }
  }
}

TEST_CASE("facets can be skipped") {
  SearchRequest r;
  r.q = "Hangzhou";
  r.facets = false;
  SearchResult res = Run(Shared(), r);
  CHECK(res.facets.empty());
  CHECK(res.total == 3);
}

TEST_CASE("cached counts follow writes (the revision is in the key)") {
  SearchIndex index;
  std::unique_ptr<Searcher> s = index.Open();
  SearchRequest r;
  r.filters["lang"] = {"en"};
  SearchResult first = Run(*s, r);
  SearchResult again = Run(*s, r);  // from the cache
  CHECK(again.total == first.total);
  CHECK(Count(again, "city", "hangzhou") == Count(first, "city", "hangzhou"));
  CHECK(again.facets.size() == first.facets.size());
  CHECK(Count(first, "city", "hangzhou") == 2);

  index.Add({testing::MakeArticle("hz-tram", "en", "2025-03-01", "Reuters", "Hangzhou trams",
                                  "Hangzhou opens a tram line.")});
  SearchResult after = Run(*s, r);
  CHECK(after.total == first.total + 1);
  CHECK(Count(after, "city", "hangzhou") == 3);
  CHECK(Count(after, "year", "2025") == Count(first, "year", "2025") + 1);
  // Paging through the same request reuses the counts.
  r.page = 2;
  r.per_page = 2;
  SearchResult page2 = Run(*s, r);
  CHECK(page2.total == after.total);
  CHECK(Count(page2, "city", "hangzhou") == 3);
  CHECK(page2.hits.size() == 2);
}

TEST_CASE("values dropped from the taxonomy vanish from hits and facets") {
  std::string json(testing::kSearchTaxonomy);
  size_t at = json.find(",\n      {\"id\": \"chengdu\"");
  REQUIRE(at != std::string::npos);
  json.erase(at, json.find('}', at) + 1 - at);
  auto parsed = Taxonomy::Parse(json, "without chengdu");
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  auto s =
      Searcher::Open(Fixture().dir(), std::make_shared<const Taxonomy>(std::move(parsed).value()));
  REQUIRE(s.ok());
  SearchRequest r;
  r.q = "tourism";
  SearchResult res = Run(**s, r);
  REQUIRE(res.hits.size() == 1);
  CHECK(res.hits[0].tags.count("city") == 0);
  CHECK(Count(res, "city", "chengdu") == -1);
  CHECK(Count(res, "lang", "en") == 1);
  SearchRequest f;
  f.filters["city"] = {"chengdu"};
  CHECK((*s)->Search(f).status().code() == Code::kInvalidArgument);
}

// ---- Extra databases ---------------------------------------------------------

std::vector<Article> ShardArticles() {
  return {testing::MakeArticle("shard-hz", "en", "2022-04-01", "Reuters", "Hangzhou shard",
                               "Hangzhou and Huawei in a shard."),
          testing::MakeArticle("shard-bj", "fr", "2022-05-01", "Le Monde", "Pékin",
                               "Pékin et Huawei.")};
}

void CheckShardCounts(const Searcher& s) {
  SearchRequest r;
  r.q = "Huawei";
  r.filters["city"] = {"hangzhou"};
  SearchResult res = Run(s, r);
  CHECK(res.total == 1);
  CHECK(res.hits.at(0).id == "shard-hz");
  CHECK(Count(res, "city", "hangzhou") == 1);
  CHECK(Count(res, "city", "shenzhen") == 2);
  CHECK(Count(res, "city", "beijing") == 1);
  CHECK(Count(res, "year", "2022") == 1);
  SearchResult all = Run(s, SearchRequest{});
  CHECK(all.total == 13);
  CHECK(Count(all, "city", "hangzhou") == 4);
  CHECK(Count(all, "company", "huawei") == 4);
  REQUIRE(s.GetArticle("shard-bj").ok());
  CHECK(s.Stats()->documents == 13);
}

TEST_CASE("extra local database") {
  SearchIndex shard(ShardArticles());
  std::unique_ptr<Searcher> s = Fixture().Open({shard.db_path()});
  CheckShardCounts(*s);
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST_CASE("remote shard behind a stock xapian-tcpsrv") {
  if (::access("/usr/bin/xapian-tcpsrv", X_OK) != 0) {
    testing::Skip("remote shard: xapian-tcpsrv is not installed");
    return;
  }
  SearchIndex shard(ShardArticles());
  int port = FreePort();
  std::string port_text = std::to_string(port), db = shard.db_path();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // Its own process group: on SIGTERM xapian-tcpsrv signals its whole group.
    ::setpgid(0, 0);
    ::execl("/usr/bin/xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1",
            "--port", port_text.c_str(), db.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::unique_ptr<Searcher> s;
  for (int i = 0; i < 50 && !s; ++i) {
    auto opened =
        Searcher::Open(Fixture().dir(), Fixture().taxonomy(), {"tcp://127.0.0.1:" + port_text});
    if (opened.ok())
      s = std::move(opened).value();
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (s) CheckShardCounts(*s);
  CHECK(s != nullptr);
  s.reset();
  ::kill(pid, SIGTERM);
  ::waitpid(pid, nullptr, 0);
}

}  // namespace
}  // namespace longjing
