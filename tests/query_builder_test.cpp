// The searcher's query builder: entity rewriting, filters and dates. The
// searches themselves are in search_test.cpp.
#include "search/query_builder.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "search/snippet.h"
#include "search_fixture.h"

namespace longjing::search {
namespace {

const Taxonomy& Tax() {
  static std::shared_ptr<const Taxonomy> t = testing::SearchTaxonomy();
  return *t;
}

const Tagger& TheTagger() {
  static Tagger tagger(Tax());
  return tagger;
}

// Hex of the ids used below.
constexpr const char* kHangzhou = "68616e677a686f75";
constexpr const char* kHongKong = "686f6e672d6b6f6e67";

TEST_CASE("RewriteEntities") {
  const std::string hz = std::string("_city:") + kHangzhou;
  struct Case {
    std::string q, expected;
  };
  const Case cases[] = {
      {"electric", "electric"},
      {"Hangzhou", " (Hangzhou OR " + hz + ") "},
      {"杭州市政府", " (杭州 OR " + hz + ") 市政府"},
      {"Hong Kong banks", " (Hong Kong OR _city:" + std::string(kHongKong) + ")  banks"},
      // The whole word, so "'s" does not become a word of its own.
      {"Hangzhou's", " (Hangzhou's OR " + hz + ") "},
      {"-Hangzhou robots", "-(Hangzhou OR " + hz + ")  robots"},
      {"NOT Hangzhou", "NOT  (Hangzhou OR " + hz + ") "},
      // Left alone: quoted, field values, wildcards, NEAR operands.
      {"\"Hangzhou robots\"", "\"Hangzhou robots\""},
      {"title:Hangzhou", "title:Hangzhou"},
      {"city:hangzhou", "city:hangzhou"},
      {"Hangzhou*", "Hangzhou*"},
      {"Hangzhou NEAR robots", "Hangzhou NEAR robots"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.q);
    CHECK(RewriteEntities(c.q, TheTagger()) == c.expected);
  }
}

TEST_CASE("ParseText: stems, entities, blank, errors") {
  testing::SearchIndex index;
  Xapian::Database db(index.db_path());
  QueryBuilder builder(Tax(), &TheTagger());

  Result<TextQuery> blank = builder.ParseText("   ", db, true);
  REQUIRE(blank.ok());
  CHECK(blank->blank);

  Result<TextQuery> fr = builder.ParseText("règles", db, false);
  REQUIRE(fr.ok());
  std::string d = fr->query.get_description();
  CHECK(d.find("Zregl") != std::string::npos);   // French stem
  CHECK(d.find("Zrègle") != std::string::npos);  // English stem
  CHECK(d.find(" OR ") != std::string::npos);

  Result<TextQuery> zh = builder.ParseText("杭州", db, false);
  REQUIRE(zh.ok());
  const schema::FacetDef& city = *schema::FindFacet("city");
  CHECK(zh->query.get_description().find(schema::FilterTerm(city, "hangzhou")) !=
        std::string::npos);
  // Identical parses are not doubled.
  CHECK(zh->query.get_description().find("Zregl") == std::string::npos);

  // A rewrite that would break the syntax falls back to the plain parse.
  Result<TextQuery> near = builder.ParseText("-Hangzhou", db, false);
  REQUIRE(near.ok());
  CHECK(near->query.get_description().find("Zor") == std::string::npos);

  Result<TextQuery> bad = builder.ParseText("robots AND", db, false);
  CHECK(bad.status().code() == Code::kInvalidArgument);
}

// Found by tests/fuzz/query_fuzz: Xapian 1.4.22's QueryParser dereferenced
// null (SIGSEGV, the whole server) on a loved field-processor prefix whose
// value holds ':'. User-typed internal prefixes now act as the plain ones.
TEST_CASE("ParseText: internal prefixes typed in q are plain filters, and cannot crash") {
  testing::SearchIndex index;
  Xapian::Database db(index.db_path());
  QueryBuilder builder(Tax(), &TheTagger());
  for (const char* q : {"s +_company:g:n", "sourc:Reetru +_company:lang:rbots en",
                        "s +_city:\"g:n\"", "s +_all:(g:n)", "x AND _policy:a:b"}) {
    CAPTURE(q);
    Result<TextQuery> parsed = builder.ParseText(q, db, true);
    if (!parsed.ok()) CHECK(parsed.status().code() == Code::kInvalidArgument);
  }
  Result<TextQuery> typed = builder.ParseText("_city:hangzhou", db, false);
  REQUIRE(typed.ok());
  Result<TextQuery> plain = builder.ParseText("city:hangzhou", db, false);
  REQUIRE(plain.ok());
  CHECK(typed->query.get_description() == plain->query.get_description());
}

// Found by tests/fuzz/query_fuzz: the English parse succeeded, the French one
// (wildcards stemmed the French way) threw QueryParserError, and the search
// answered 500 (internal) instead of searching.
TEST_CASE("ParseText: a query only the French parse refuses still searches") {
  testing::SearchIndex index;
  Xapian::Database db(index.db_path());
  QueryBuilder builder(Tax(), &TheTagger());
  const std::string q("fac#tory* OR \x01\0\0\0\0\0\0\x01", 21);
  Result<TextQuery> parsed = builder.ParseText(q, db, true);
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  CHECK_FALSE(parsed->blank);
}

// The ids of the articles `q` finds.
std::set<std::string> Find(const QueryBuilder& builder, const Xapian::Database& db,
                           const std::string& q) {
  Result<TextQuery> parsed = builder.ParseText(q, db, false);
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed->query);
  Xapian::MSet mset = enquire.get_mset(0, 100);
  std::set<std::string> ids;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ids.insert(it.get_document().get_value(schema::kSlotId));
  return ids;
}

TEST_CASE("ParseText matches the index's stems (STEM_ALL_Z)") {
  testing::SearchIndex index;
  Xapian::Database db(index.db_path());
  QueryBuilder builder(Tax(), &TheTagger());
  using Ids = std::set<std::string>;
  struct Case {
    std::string q;
    Ids expected;
  };
  const Case cases[] = {
      // Other forms of a word, capitalised or not.
      {"carmaker", {"hz-ev"}},
      {"Expanding", {"hz-ev", "sz-huawei"}},
      {"\"electric cars\"", {"hz-ev"}},
      {"\"cars electric\"", {}},
      {"electric AND buses", {"chengdu-tourism"}},
      {"electric OR laboratory", {"hz-ev", "chengdu-tourism", "sz-huawei"}},
      {"electric NOT cars", {"chengdu-tourism"}},
      {"+electric -buses", {"hz-ev"}},
      {"engineers NEAR chips", {"sz-huawei"}},
      // Wildcards expand over the stems.
      {"laborat*", {"sz-huawei"}},
      {"carmak*", {"hz-ev"}},
      {"Chengd* visitor*", {"chengdu-tourism"}},
      // A whole word as the pattern still finds it, though its stem is shorter.
      {"factory*", {"hz-ev"}},
      {"expanded*", {"hz-ev", "sz-huawei"}},
      // Title field: words, stems, wildcards, phrases.
      {"title:robots", {"robots"}},
      {"title:robot", {"robots"}},
      {"title:laboratory", {}},
      {"title:expand", {"sz-huawei"}},
      {"title:recov*", {"hk-finance"}},
      {"title:\"electric cars\"", {"hz-ev"}},
      {"title:\"cars electric\"", {}},
      // CJK n-grams, and French stems.
      {"人工智能", {"hz-deepseek"}},
      {"深圳 手机", {"huawei-phone"}},
      // CJK n-grams have no positions: quoted CJK matches as the n-grams' AND.
      {"\"人工智能\"", {"hz-deepseek"}},
      {"title:\"人工智能\"", {"hz-deepseek"}},
      {"\"智能人工\"", {}},
      {"règle", {"sh-prosperite"}},
      {"prospérités", {"sh-prosperite"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.q);
    CHECK(Find(builder, db, c.q) == c.expected);
  }
  // Snippets mark a stemmed match.
  {
    Result<TextQuery> parsed = builder.ParseText("carmaker", db, false);
    REQUIRE(parsed.ok());
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed->query);
    Xapian::MSet mset = enquire.get_mset(0, 1);
    CHECK(XapianSnippet(mset, "Other carmakers came.", "en").find("<mark>carmakers</mark>") !=
          std::string::npos);
    CHECK(QuerySnippet(SnippetTerms(parsed->query), "Other carmakers came.", "en")
              .find("<mark>carmakers</mark>") != std::string::npos);
  }
  // Entities still reach articles naming them in another language.
  Ids hz = Find(builder, db, "Hangzhou");
  CHECK(hz.count("hz-deepseek") == 1);
  CHECK(hz.count("robots") == 1);

  Result<TextQuery> typo = builder.ParseText("electirc buses", db, true);
  REQUIRE(typo.ok());
  CHECK(typo->corrected == std::optional<std::string>("electric buses"));
  CHECK(builder.Correct("laboratroy", db) == std::optional<std::string>("laboratory"));
  CHECK(builder.Correct("electric", db) == std::nullopt);
}

TEST_CASE("BuildFilters and dates") {
  SearchRequest r;
  r.filters["city"] = {"shenzhen", "hangzhou", "hangzhou"};
  r.filters["lang"] = {"EN"};
  r.from = "2024-01-01";
  Result<Filters> f = BuildFilters(r, Tax());
  REQUIRE(f.ok());
  REQUIRE(f->facets.size() == 2);
  CHECK(f->facets[0].values == std::vector<std::string>{"hangzhou", "shenzhen"});
  CHECK(f->facets[1].values == std::vector<std::string>{"en"});
  CHECK(f->from == "20240101");
  CHECK(f->Combined().get_description().find("VALUE_GE 0 20240101") != std::string::npos);
  CHECK(f->Combined(f->facets[0].facet).get_description().find(schema::kPrefixCity) ==
        std::string::npos);

  CHECK(NormalizeDate("2024-02-29") == "20240229");
  CHECK(NormalizeDate("20240229") == "20240229");
  CHECK_FALSE(NormalizeDate("2023-02-29"));
  CHECK_FALSE(NormalizeDate("2023-2-1"));
  CHECK_FALSE(NormalizeDate(""));
}

}  // namespace
}  // namespace longjing::search
