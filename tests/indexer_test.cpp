// The indexer end to end: incremental add/change/delete, idempotence,
// bad input, the writer lock and crash safety (SIGKILL mid-run).
#include "longjing/indexer.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "longjing/document_builder.h"
#include "longjing/index_dir.h"
#include "longjing/schema.h"
#include "test_support.h"

namespace fs = std::filesystem;
using longjing::testing::RunCommand;
using longjing::testing::TempDir;
using longjing::testing::WriteFile;
namespace s = longjing::schema;

namespace {

const char* kTaxonomy = R"({"facets": {
  "city": {"label": "City", "values": [
    {"id": "hangzhou", "name": "Hangzhou", "aliases": ["杭州"]},
    {"id": "beijing", "name": "Beijing", "aliases": ["Pékin", "北京"]}]},
  "company": {"label": "Company", "values": [
    {"id": "deepseek", "name": "DeepSeek", "aliases": ["深度求索"]}]},
  "policy": {"label": "Policy type", "values": [
    {"id": "tax-incentives", "name": "Tax incentives", "aliases": ["tax incentive", "incitations fiscales"]}]}}})";

std::string Md(const std::string& title, const std::string& body, const std::string& extra = "") {
  return "---\ntitle: \"" + title + "\"\ndate: 2025-02-19\n" + extra + "---\n\n" + body + "\n";
}

struct Fixture {
  TempDir tmp;
  std::string corpus = tmp / "corpus";
  std::string index = tmp / "index";
  std::string taxonomy = tmp / "taxonomy.json";
  std::vector<std::string> warnings;

  Fixture() {
    fs::create_directories(corpus);
    WriteFile(taxonomy, kTaxonomy);
  }
  std::shared_ptr<const longjing::Taxonomy> Tax() {
    auto t = longjing::Taxonomy::Load(taxonomy);
    REQUIRE(t.ok());
    return std::make_shared<const longjing::Taxonomy>(std::move(*t));
  }
  longjing::IndexSummary Sync(bool full = false, size_t max_bytes = 8u << 20) {
    longjing::IndexOptions o;
    o.corpus_dir = corpus;
    o.index_dir = index;
    o.max_file_bytes = max_bytes;
    o.on_warning = [&](const longjing::Diagnostic& d) { warnings.push_back(d.ToString()); };
    auto indexer = longjing::Indexer::Open(o, Tax());
    REQUIRE_MESSAGE(indexer.ok(), indexer.status().ToString());
    auto r = full ? (*indexer)->Rebuild() : (*indexer)->Sync();
    REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    return *r;
  }
  Xapian::Database Db() {
    auto path = longjing::ResolveCurrent(index);
    REQUIRE(path.ok());
    return Xapian::Database(*path);
  }
  nlohmann::json Data(const std::string& id) {
    Xapian::Database db = Db();
    auto it = db.postlist_begin(s::IdTerm(id));
    REQUIRE_MESSAGE(it != db.postlist_end(s::IdTerm(id)), "no document " << id);
    // The fields, with the body put back in as "body".
    const std::string stored = db.get_document(*it).get_data();
    s::DocData parts = s::SplitDocData(stored);
    REQUIRE_FALSE(parts.body_in_fields);
    nlohmann::json data = nlohmann::json::parse(parts.fields);
    data["body"] = std::string(parts.body);
    return data;
  }
  bool HasWarning(const std::string& needle) const {
    for (const auto& w : warnings)
      if (w.find(needle) != std::string::npos) return true;
    return false;
  }
};

std::set<std::string> Ids(const nlohmann::json& tags) {
  std::set<std::string> out;
  for (const auto& t : tags) out.insert(t["id"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("document data: JSON fields, a newline, the body") {
  std::string body = "First line.\n\nSecond {\"quoted\"} paragraph.";
  std::string data = s::JoinDocData(R"({"id":"a","title":"T"})", body);
  s::DocData parts = s::SplitDocData(data);
  CHECK(parts.fields == R"({"id":"a","title":"T"})");
  CHECK(parts.body == body);
  CHECK_FALSE(parts.body_in_fields);
  // Schema 1 data: one JSON object holding the body.
  s::DocData old = s::SplitDocData(R"({"id":"a","body":"x"})");
  CHECK(old.body_in_fields);
  CHECK(old.fields == R"({"id":"a","body":"x"})");
  CHECK(old.body.empty());
}

TEST_CASE("a first run indexes every article with tags, language and filter terms") {
  Fixture f;
  WriteFile(f.corpus + "/en/a.md", Md("Hangzhou rising",
                                      "DeepSeek, the Hangzhou-based startup, got a tax incentive "
                                      "in Hangzhou. The startup grew."));
  WriteFile(
      f.corpus + "/fr.md",
      Md("Pékin", "Pékin et Hangzhou offrent des incitations fiscales aux start-up de la ville."));
  WriteFile(f.corpus + "/zh.txt",
            "杭州的深度求索\n深度求索是一家位于杭州的人工智能公司，北京也有办公室。\n");
  auto sum = f.Sync();
  CHECK(sum.added == 3);
  CHECK(sum.documents == 3);
  auto a = f.Data("en/a.md");
  CHECK(a["lang"] == "en");
  CHECK(Ids(a["tags"]["city"]) == std::set<std::string>{"hangzhou"});
  CHECK(a["tags"]["city"][0]["count"] == 3);  // title + "Hangzhou-based" + "in Hangzhou"
  CHECK(Ids(a["tags"]["company"]) == std::set<std::string>{"deepseek"});
  CHECK(Ids(a["tags"]["policy"]) == std::set<std::string>{"tax-incentives"});
  auto fr = f.Data("fr.md");
  CHECK(fr["lang"] == "fr");
  CHECK(Ids(fr["tags"]["city"]) == std::set<std::string>{"beijing", "hangzhou"});
  auto zh = f.Data("zh.txt");
  CHECK(zh["lang"] == "zh");
  CHECK(zh["title"] == "杭州的深度求索");
  CHECK(Ids(zh["tags"]["city"]) == std::set<std::string>{"beijing", "hangzhou"});
  Xapian::Database db = f.Db();
  CHECK(db.get_termfreq("XCITYhangzhou") == 3);
  CHECK(db.get_termfreq("XLANGfr") == 1);
  CHECK(db.get_termfreq("XYEAR2025") == 2);
  CHECK(db.get_termfreq("XMONTH202502") == 2);
  CHECK(db.get_termfreq("Zincub") == 0);
  CHECK(db.get_termfreq("Z杭州") >= 1);  // CJK n-grams, stemmed (unchanged) and Z-prefixed
  CHECK(db.get_spelling_suggestion("startap") == "startup");
}

// Found by tests/fuzz/jsonl_fuzz: Greek is a language Longjing knows, but
// Xapian 1.4 has no Greek stemmer; Xapian::Stem("greek") threw and the whole
// build failed ("writing a shard failed"), in bulk and incremental runs.
TEST_CASE("articles in a language Xapian cannot stem (Greek) are indexed") {
  Fixture f;
  WriteFile(f.corpus + "/el.md", Md("Hangzhou", "Hangzhou robots.", "lang: el\n"));
  WriteFile(f.corpus + "/el.txt",
            "Η Αθήνα\nΗ Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας.\n");
  WriteFile(f.corpus + "/en.md", Md("Beijing", "Beijing factories grow."));
  for (bool full : {true, false}) {
    CAPTURE(full);
    auto sum = f.Sync(full);
    CHECK(sum.documents == 3);
    CHECK(f.Data("el.md")["lang"] == "el");
    CHECK(f.Data("el.txt")["lang"] == "el");
    CHECK(f.Db().get_termfreq("XLANGel") == 2);
    WriteFile(f.corpus + "/el.md", Md("Hangzhou", "Hangzhou robots again.", "lang: el\n"));
  }
}

TEST_CASE("incremental runs add, change and delete only what moved") {
  Fixture f;
  WriteFile(f.corpus + "/a.md", Md("A", "Hangzhou story one."));
  WriteFile(f.corpus + "/b.md", Md("B", "Beijing story two."));
  WriteFile(f.corpus + "/c.md", Md("C", "Story three about nothing."));
  CHECK(f.Sync().added == 3);

  auto again = f.Sync();  // nothing changed
  CHECK(again.unchanged == 3);
  CHECK(again.added + again.updated + again.deleted == 0);

  WriteFile(f.corpus + "/a.md", Md("A", "Now it is about Beijing."));
  fs::remove(f.corpus + "/b.md");
  WriteFile(f.corpus + "/d/e.md", Md("E", "A new one in Hangzhou."));
  // Touching without changing the bytes is not a change.
  fs::last_write_time(f.corpus + "/c.md", fs::file_time_type::clock::now());
  auto sum = f.Sync();
  CHECK(sum.updated == 1);
  CHECK(sum.deleted == 1);
  CHECK(sum.added == 1);
  CHECK(sum.unchanged == 1);
  CHECK(sum.documents == 3);
  CHECK(Ids(f.Data("a.md")["tags"]["city"]) == std::set<std::string>{"beijing"});
  CHECK(f.Db().get_termfreq(s::IdTerm("b.md")) == 0);
}

TEST_CASE("each commit records whether it only added documents (for the readers' bitmaps)") {
  Fixture f;
  auto since = [&f] {
    Xapian::Database db = f.Db();
    return std::make_pair(db.get_metadata(std::string(s::kMetaAppendSince)), db.get_revision());
  };
  WriteFile(f.corpus + "/a.md", Md("A", "Hangzhou story one."));
  f.Sync();
  auto [built, built_rev] = since();
  CHECK(built == std::to_string(built_rev));  // a first build: nothing to extend from

  // Additions only: the mark stays where it was, over two commits.
  WriteFile(f.corpus + "/b.md", Md("B", "Beijing story two."));
  f.Sync();
  WriteFile(f.corpus + "/c.md", Md("C", "Story three."));
  f.Sync();
  auto [added, added_rev] = since();
  CHECK(added_rev > built_rev + 1);
  CHECK(added == built);

  // A changed file, a deleted one: the mark moves to that commit.
  WriteFile(f.corpus + "/a.md", Md("A", "Now about Beijing."));
  f.Sync();
  auto [changed, changed_rev] = since();
  CHECK(changed == std::to_string(changed_rev));
  fs::remove(f.corpus + "/b.md");
  f.Sync();
  auto [deleted, deleted_rev] = since();
  CHECK(deleted == std::to_string(deleted_rev));

  // A taxonomy edit that re-tags: the mark moves too.
  std::string edited = kTaxonomy;
  const std::string alias = "\"深度求索\"]";
  edited.replace(edited.find(alias), alias.size(), "\"深度求索\", \"story three\"]");
  WriteFile(f.taxonomy, edited);
  CHECK(f.Sync().retagged == 1);
  auto [retagged, retagged_rev] = since();
  CHECK(retagged_rev > deleted_rev);
  CHECK(retagged == std::to_string(retagged_rev));
}

std::string FileStat(Fixture& f, const std::string& id) {
  Xapian::Database db = f.Db();
  auto it = db.postlist_begin(s::IdTerm(id));
  REQUIRE(it != db.postlist_end(s::IdTerm(id)));
  return db.get_document(*it).get_value(s::kSlotFileStat);
}

TEST_CASE("a file whose size, mtime and inode are as recorded is not read again") {
  Fixture f;
  std::string a = f.corpus + "/a.md";
  WriteFile(a, Md("A", "Hangzhou story one."));
  REQUIRE(f.Sync().added == 1);
  std::string recorded = FileStat(f, "a.md");
  CHECK_FALSE(recorded.empty());

  // Same size, same mtime, same inode, other bytes: taken as unchanged
  // unread (the shortcut's contract; editors and copies move the mtime).
  auto mtime = fs::last_write_time(a);
  {
    std::string same_size = Md("A", "Beijing story, one.");
    REQUIRE(same_size.size() == fs::file_size(a));
    std::ofstream out(a, std::ios::binary | std::ios::in | std::ios::out);
    out << same_size;
  }
  fs::last_write_time(a, mtime);
  auto quiet = f.Sync();
  CHECK(quiet.unchanged == 1);
  CHECK(quiet.updated == 0);
  CHECK(Ids(f.Data("a.md")["tags"]["city"]) == std::set<std::string>{"hangzhou"});

  // The mtime moves: the file is read, its hash differs, it is re-indexed.
  fs::last_write_time(a, mtime + std::chrono::seconds(5));
  CHECK(f.Sync().updated == 1);
  CHECK(Ids(f.Data("a.md")["tags"]["city"]) == std::set<std::string>{"beijing"});
  std::string after_edit = FileStat(f, "a.md");
  CHECK(after_edit != recorded);

  // A touch alone: read and hashed, unchanged, and the new stat recorded so
  // the next run needs no read.
  fs::last_write_time(a, mtime + std::chrono::seconds(10));
  auto touched = f.Sync();
  CHECK(touched.unchanged == 1);
  CHECK(touched.updated == 0);
  CHECK(FileStat(f, "a.md") != after_edit);
  CHECK(Ids(f.Data("a.md")["tags"]["city"]) == std::set<std::string>{"beijing"});
}

TEST_CASE("editing the taxonomy re-tags unchanged files") {
  Fixture f;
  WriteFile(f.corpus + "/a.md", Md("A", "Hangzhou and Shenzhen."));
  f.Sync();
  CHECK(Ids(f.Data("a.md")["tags"]["city"]) == std::set<std::string>{"hangzhou"});
  std::string t = kTaxonomy;
  t.replace(t.find("{\"id\": \"beijing\""), 0,
            R"({"id": "shenzhen", "name": "Shenzhen", "aliases": ["深圳"]}, )");
  WriteFile(f.taxonomy, t);
  longjing::IndexSummary sum = f.Sync();
  CHECK(sum.updated == 1);
  // Re-tagged from the stored text, not parsed again: only the article
  // holding the new value's words was read, and the file counts as unchanged.
  CHECK(sum.retagged == 1);
  CHECK(sum.retag_examined == 1);
  CHECK(sum.unchanged == 1);
  CHECK(Ids(f.Data("a.md")["tags"]["city"]) == std::set<std::string>{"hangzhou", "shenzhen"});
}

TEST_CASE("jsonl lines are articles with stable ids; explicit tags merge in") {
  Fixture f;
  WriteFile(
      f.corpus + "/feed.jsonl",
      R"({"title": "One", "body": "About Hangzhou.", "date": "2024-01-02", "city": ["beijing"]})"
      "\n"
      R"({"title": "Two", "body": "Nothing here.", "id": "custom-two", "company": ["nosuchfirm"]})"
      "\n");
  auto sum = f.Sync();
  CHECK(sum.added == 2);
  CHECK(Ids(f.Data("feed.jsonl#1")["tags"]["city"]) ==
        std::set<std::string>{"beijing", "hangzhou"});
  CHECK(f.Data("custom-two")["title"] == "Two");
  CHECK(f.HasWarning("feed.jsonl:2: unknown company id 'nosuchfirm'"));
  // Dropping a line deletes its article only.
  WriteFile(
      f.corpus + "/feed.jsonl",
      R"({"title": "One", "body": "About Hangzhou.", "date": "2024-01-02", "city": ["beijing"]})"
      "\n");
  auto again = f.Sync();
  CHECK(again.deleted == 1);
  CHECK(again.documents == 1);
}

TEST_CASE("bad input is a warning naming the file, and the run goes on") {
  Fixture f;
  WriteFile(f.corpus + "/good.md", Md("Good", "Hangzhou is fine."));
  WriteFile(f.corpus + "/empty.md", "");
  WriteFile(f.corpus + "/badutf8.txt", std::string("Title\nBody \xff\xfe here\n"));
  WriteFile(f.corpus + "/big.txt", "Big\n" + std::string(5000, 'x'));
  WriteFile(f.corpus + "/badfm.md", "---\ntitle: [unclosed\n---\nBody about Beijing.\n");
  WriteFile(f.corpus + "/nolang.md",
            Md("Lang", "Hangzhou text in English, truly English text here.", "lang: xx\n"));
  auto sum = f.Sync(false, 4000);
  CHECK(f.HasWarning("empty.md"));
  CHECK(f.HasWarning("badutf8.txt:2"));
  CHECK(f.HasWarning("big.txt: file is"));
  CHECK_MESSAGE(f.HasWarning("badfm.md:3: malformed front matter"), [&] {
    std::string all;
    for (auto& w : f.warnings) all += w + "\n";
    return all;
  }());
  CHECK(f.HasWarning("nolang.md: unknown language 'xx'"));
  CHECK(f.Data("good.md")["title"] == "Good");
  CHECK(f.Data("badfm.md")["body"].get<std::string>().find("Beijing") != std::string::npos);
  CHECK(f.Data("nolang.md")["lang"] == "en");
  CHECK(sum.documents == 3);
}

TEST_CASE("a file that turns bad keeps its last good version") {
  Fixture f;
  WriteFile(f.corpus + "/a.txt", "Title\nHangzhou body.\n");
  f.Sync();
  WriteFile(f.corpus + "/a.txt", std::string("Title\n\xc3\x28 broken\n"));
  auto sum = f.Sync();
  CHECK(sum.kept == 1);
  CHECK(sum.deleted == 0);
  CHECK(f.Data("a.txt")["body"] == "Hangzhou body.");
}

TEST_CASE("a second writer fails at once with a clear message") {
  Fixture f;
  WriteFile(f.corpus + "/a.md", Md("A", "Hangzhou."));
  longjing::IndexOptions o;
  o.corpus_dir = f.corpus;
  o.index_dir = f.index;
  auto first = longjing::Indexer::Open(o, f.Tax());
  REQUIRE(first.ok());
  auto second = longjing::Indexer::Open(o, f.Tax());
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == longjing::Code::kLocked);
  CHECK(second.status().message().find("another Longjing writer") != std::string::npos);
  std::string out;
  int rc = RunCommand(longjing::testing::IndexerBinary() + " --corpus " + f.corpus + " --index " +
                          f.index + " --taxonomy " + f.taxonomy,
                      &out);
  CHECK(rc == 3);
  CHECK(out.find("pid " + std::to_string(getpid())) != std::string::npos);
}

TEST_CASE("--full rebuilds into a new generation and swaps it in") {
  Fixture f;
  WriteFile(f.corpus + "/a.md", Md("A", "Hangzhou."));
  f.Sync();
  auto before = longjing::ResolveCurrent(f.index);
  auto sum = f.Sync(true);
  CHECK(sum.full);
  CHECK(sum.added == 1);
  auto after = longjing::ResolveCurrent(f.index);
  CHECK(*before != *after);
  CHECK_FALSE(fs::exists(*before));  // the old generation is cleaned up
  CHECK(f.Data("a.md")["title"] == "A");
}

namespace {

double WallClock() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// (first-seen time, sort time) of a document.
std::pair<double, std::string> Seen(Fixture& f, const std::string& id) {
  Xapian::Database db = f.Db();
  auto it = db.postlist_begin(s::IdTerm(id));
  REQUIRE_MESSAGE(it != db.postlist_end(s::IdTerm(id)), "no document " << id);
  Xapian::Document doc = db.get_document(*it);
  std::optional<double> t = longjing::FirstSeenOf(doc);
  REQUIRE(t);
  return {*t, doc.get_value(s::kSlotSortTime)};
}

}  // namespace

TEST_CASE("first-seen time: kept across re-index, --full and restarts; new articles get theirs") {
  Fixture f;
  const std::string undated = "---\ntitle: \"Undated\"\n---\n\nHangzhou news.\n";
  WriteFile(f.corpus + "/u.md", undated);
  WriteFile(f.corpus + "/d.md", Md("Dated", "Beijing news."));
  double before = WallClock();
  f.Sync();
  auto [u0, u_sort] = Seen(f, "u.md");
  CHECK(u0 >= before - 1);
  CHECK(u0 <= WallClock() + 1);
  CHECK(u_sort == s::SortTime("", u0));
  CHECK(u_sort.size() == 14);
  CHECK(Seen(f, "d.md").second == "20250219000000");  // dated: the date at midnight

  // A changed file is re-indexed (by a new Indexer: a restart) and keeps it.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  WriteFile(f.corpus + "/u.md", undated + "More text.\n");
  CHECK(f.Sync().updated == 1);
  CHECK(f.Data("u.md")["body"].get<std::string>().find("More text.") != std::string::npos);
  CHECK(Seen(f, "u.md").first == u0);

  // A new article gets the time of its first indexing.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  WriteFile(f.corpus + "/n.md", "---\ntitle: \"New\"\n---\n\nShenzhen news.\n");
  double before_new = WallClock();
  CHECK(f.Sync().added == 1);
  double n0 = Seen(f, "n.md").first;
  CHECK(n0 >= before_new - 1);
  CHECK(n0 > u0);

  // A full rebuild writes a new generation and carries both over by id.
  CHECK(f.Sync(true).full);
  CHECK(Seen(f, "u.md").first == u0);
  CHECK(Seen(f, "n.md").first == n0);
  CHECK(Seen(f, "u.md").second == u_sort);
}

namespace {

// Every spelling word of the database with its frequency.
std::map<std::string, Xapian::termcount> Spellings(const Xapian::Database& db) {
  std::map<std::string, Xapian::termcount> out;
  for (auto t = db.spellings_begin(); t != db.spellings_end(); ++t) out[*t] = t.get_termfreq();
  return out;
}

}  // namespace

TEST_CASE("free text is stems with positions; spelling words come from the text") {
  for (bool full : {false, true}) {
    CAPTURE(full);
    Fixture f;
    // Each word twice over the corpus: bulk builds drop words seen once.
    for (const char* name : {"a.md", "b.md"})
      WriteFile(f.corpus + "/" + name, Md("Housing Policies",
                                          "New policies don't help R&D in Face++ or C# at 3pm. "
                                          "Hangzhou-based ÉCOLES 杭州startup"));
    WriteFile(f.corpus + "/zh.txt", "杭州的深度求索\n深度求索是一家位于杭州的公司。\n");
    f.Sync(full);
    Xapian::Database db = f.Db();
    // Only stems, each with positions; the title also under its prefix.
    CHECK(db.get_termfreq("Zpolici") == 2);
    CHECK(db.get_termfreq("policies") == 0);
    CHECK(db.get_termfreq("ZShous") == 2);
    Xapian::docid first = *db.postlist_begin("Zpolici");
    CHECK(db.positionlist_begin(first, "Zpolici") != db.positionlist_end(first, "Zpolici"));
    CHECK(db.positionlist_begin(first, "ZSpolici") != db.positionlist_end(first, "ZSpolici"));
    // CJK n-grams go in without positions, the Latin words around them with.
    CHECK(db.get_termfreq("Z杭州") == 3);
    CHECK(db.positionlist_begin(first, "Z杭州") == db.positionlist_end(first, "Z杭州"));
    CHECK(db.positionlist_begin(first, "Zstartup") != db.positionlist_end(first, "Zstartup"));
    CHECK(db.positionlist_begin(first, "Zhangzhou") != db.positionlist_end(first, "Zhangzhou"));
    // ...and no phrase spans the CJK run: "ÉCOLES 杭州startup" is not "écoles startup".
    Xapian::Enquire phrase(db);
    auto phrase_of = [](const char* a, const char* b) {
      std::vector<Xapian::Query> terms = {Xapian::Query(a), Xapian::Query(b)};
      return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), 2);
    };
    phrase.set_query(phrase_of("Zécol", "Zstartup"));
    CHECK(phrase.get_mset(0, 10).empty());
    phrase.set_query(phrase_of("Zhangzhou", "Zbase"));
    CHECK(phrase.get_mset(0, 10).size() == 2);

    auto words = Spellings(db);
    // Lowercased and unstemmed; title words count kTitleWeight (2) times.
    CHECK(words["policies"] == 2 * (2 + 1));
    CHECK(words["housing"] == 2 * 2);
    CHECK(words.count("ecoles") == 0);
    CHECK(words["écoles"] == 2);
    CHECK(words["hangzhou"] == 2);
    CHECK(words["startup"] == 2);  // a CJK character ends a word
    // Not words: with an apostrophe, '&' or "++", digits, fewer than 3 bytes, CJK.
    for (const char* no : {"don", "don't", "face", "face++", "3pm", "pm", "杭州"}) {
      CAPTURE(no);
      CHECK(words.count(no) == 0);
    }
    CHECK(db.get_spelling_suggestion("polcies") == "policies");
  }
}
