// The demo corpus end to end: indexing corpus/ with config/taxonomy.json
// gives every seed article the language, title and tags its text supports
// (tests/data/seed_tags.json, checked by reading each article).
#include <doctest/doctest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <set>

#include "longjing/index_dir.h"
#include "longjing/indexer.h"
#include "longjing/schema.h"
#include "test_support.h"

using longjing::testing::ReadFile;
using longjing::testing::SourceDir;
using longjing::testing::TempDir;
using json = nlohmann::json;

TEST_CASE("every seed article gets the tags its text supports") {
  TempDir t;
  auto taxonomy = longjing::Taxonomy::Load(SourceDir() + "/config/taxonomy.json");
  REQUIRE_MESSAGE(taxonomy.ok(), taxonomy.status().ToString());
  longjing::IndexOptions o;
  o.corpus_dir = SourceDir() + "/corpus";
  o.index_dir = t / "index";
  std::vector<std::string> warnings;
  o.on_warning = [&](const longjing::Diagnostic& d) { warnings.push_back(d.ToString()); };
  auto indexer =
      longjing::Indexer::Open(o, std::make_shared<const longjing::Taxonomy>(std::move(*taxonomy)));
  REQUIRE(indexer.ok());
  auto summary = (*indexer)->Sync();
  REQUIRE(summary.ok());
  CHECK_MESSAGE(warnings.empty(), (warnings.empty() ? "" : warnings.front()));

  json expected = json::parse(ReadFile(SourceDir() + "/tests/data/seed_tags.json"));
  CHECK(summary->documents == expected.size());
  Xapian::Database db(*longjing::ResolveCurrent(t / "index"));
  // Not a structured binding: clang 14 (the sanitized build) cannot capture one.
  for (const auto& item : expected.items()) {
    const std::string path = item.key();
    const json& want = item.value();
    CAPTURE(path);
    auto it = db.postlist_begin(longjing::schema::IdTerm(path));
    REQUIRE(it != db.postlist_end(longjing::schema::IdTerm(path)));
    const std::string stored = db.get_document(*it).get_data();
    json got = json::parse(longjing::schema::SplitDocData(stored).fields);
    CHECK(got["lang"] == want["lang"]);
    CHECK(got["title"] == want["title"]);
    for (const char* facet : {"city", "company", "policy"}) {
      CAPTURE(facet);
      std::set<std::string> got_ids, want_ids(want[facet].begin(), want[facet].end());
      for (const auto& tag : got["tags"][facet]) got_ids.insert(tag["id"].get<std::string>());
      CHECK(got_ids == want_ids);
      for (const auto& trap : want["must_not"][facet])
        CHECK_FALSE(got_ids.count(trap.get<std::string>()));
    }
  }
}
