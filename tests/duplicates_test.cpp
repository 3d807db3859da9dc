// Near-duplicates: fingerprint similarity on planted near-copies and
// distinct same-topic articles, and the groups the indexer keeps (full
// builds, then incremental add, change and delete of members).
#include "longjing/duplicates.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "longjing/index_dir.h"
#include "longjing/indexer.h"
#include "longjing/schema.h"
#include "longjing/search.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace s = longjing::schema;
using longjing::AreNearDuplicates;
using longjing::ComputeFingerprint;
using longjing::Similarity;
using longjing::testing::TempDir;
using longjing::testing::WriteFile;

namespace {

// Synthetic news text: frequent function words, a topic's vocabulary and
// rarer words, so that two articles on one topic share many words (and
// some phrases) without being copies.
class TextMaker {
 public:
  explicit TextMaker(unsigned seed) : rng_(seed) {
    const char* syllables[] = {"ka", "lo",  "mi",  "ter", "an", "sho", "ve", "ru", "din", "pa",
                               "el", "tor", "qui", "na",  "bo", "zen", "li", "ma", "so",  "re"};
    for (int i = 0; i < 3000; ++i) {
      std::string w;
      int n = 1 + static_cast<int>(rng_() % 3);
      for (int k = 0; k < n; ++k) w += syllables[rng_() % 20];
      vocab_.push_back(w + std::to_string(i % 7));
    }
  }
  // `words` words; topic t draws a third of its words from 60 topic words.
  std::string Article(int topic, int words) {
    static const char* common[] = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on"};
    std::string out;
    for (int i = 0; i < words; ++i) {
      unsigned r = rng_() % 6;
      std::string w = r < 2   ? common[rng_() % 10]
                      : r < 4 ? vocab_[static_cast<size_t>(topic) * 60 + rng_() % 60]
                              : vocab_[rng_() % vocab_.size()];
      out += (i ? (i % 40 == 0 ? ".\n\n" : " ") : "") + w;
    }
    return out + ".";
  }
  // Changes `share` of the words to random ones.
  std::string Reword(const std::string& text, double share) {
    std::string out, word;
    std::bernoulli_distribution change(share);
    auto flush = [&] {
      if (!word.empty()) out += change(rng_) ? vocab_[rng_() % vocab_.size()] : word;
      word.clear();
    };
    for (char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += c;
      } else {
        flush();
        out += c;
      }
    }
    flush();
    return out;
  }

 private:
  std::mt19937 rng_;
  std::vector<std::string> vocab_;
};

constexpr const char* kBoilerplate =
    "This story was first published by our partner agency and is republished with "
    "permission. Subscribe to our newsletter for the latest analysis of industrial policy.";

double Sim(const std::string& a, const std::string& b) {
  auto fa = ComputeFingerprint(a), fb = ComputeFingerprint(b);
  REQUIRE(fa);
  REQUIRE(fb);
  return Similarity(*fa, *fb);
}

}  // namespace

TEST_CASE("fingerprints: planted near-copies are near, same-topic articles are not") {
  TextMaker maker(7);
  int near = 0, planted = 0, wrongly_near = 0, distinct = 0;
  double lowest_copy = 1, highest_distinct = 0;
  for (int i = 0; i < 100; ++i) {
    int topic = i % 10;
    std::string original = maker.Article(topic, 250 + (i % 5) * 100);
    // 5 to 10 % of the words changed, boilerplate added or removed.
    std::string copy = maker.Reword(original, 0.05 + 0.05 * (i % 6) / 5.0);
    if (i % 2)
      copy += "\n\n" + std::string(kBoilerplate);
    else
      original += "\n\n" + std::string(kBoilerplate);
    double sim = Sim(original, copy);
    lowest_copy = std::min(lowest_copy, sim);
    ++planted;
    near += sim >= longjing::kNearDuplicate;
    std::string other = maker.Article(topic, 250 + (i % 5) * 100);
    double d = Sim(original, other);
    highest_distinct = std::max(highest_distinct, d);
    ++distinct;
    wrongly_near += d >= longjing::kNearDuplicate;
  }
  MESSAGE("lowest copy similarity " << lowest_copy << ", highest distinct " << highest_distinct);
  CHECK(near >= planted * 95 / 100);
  CHECK(wrongly_near == 0);
}

TEST_CASE("fingerprints: identical texts, Chinese copies, short texts, encoding") {
  std::string en = TextMaker(3).Article(1, 200);
  CHECK(Sim(en, en) == 1.0);
  CHECK(Sim(en, "  " + en + "  ") == 1.0);  // spacing and case do not count
  std::string zh =
      "杭州市政府发布关于加快人工智能产业发展的若干意见，提出到二零二七年培育一批具有国际竞争力的"
      "龙头企业。文件明确，对符合条件的企业给予研发费用补贴和税收优惠，支持建设算力中心和数据交易平"
      "台。"
      "专家认为，这一政策将进一步巩固杭州在数字经济领域的优势地位。";
  std::string zh_copy = zh;
  // A few characters changed, a sentence added; Traditional script reads as Simplified.
  zh_copy.replace(zh_copy.find("龙头企业"), std::string("龙头企业").size(), "领军公司");
  zh_copy += "本文转载自新华社。";
  CHECK(Sim(zh, zh_copy) >= longjing::kNearDuplicate);
  CHECK(Sim(zh,
            "杭州市政府發布關於加快人工智能產業發展的若干意見，提出到二零二七年培育一批具有國際競爭"
            "力的"
            "龍頭企業。文件明確，對符合條件的企業給予研發費用補貼和稅收優惠，支持建設算力中心和數據"
            "交易平台。"
            "專家認為，這一政策將進一步鞏固杭州在數字經濟領域的優勢地位。") == 1.0);
  std::string zh_other =
      "深圳市出台新能源汽车产业扶持办法，对动力电池回收利用项目给予一次性奖励，并鼓励企业参与充电"
      "基础设施建设。业内人士指出，此举有助于完善产业链条，推动绿色低碳转型。";
  CHECK(Sim(zh, zh_other) < longjing::kNearDuplicate);
  CHECK_FALSE(ComputeFingerprint("Too short to say anything."));
  CHECK_FALSE(ComputeFingerprint(std::string("\xff\xfe not UTF-8 ") + en));
  auto f = ComputeFingerprint(en);
  REQUIRE(f);
  CHECK(longjing::DecodeFingerprint(longjing::EncodeFingerprint(*f)) == f);
  CHECK_FALSE(longjing::DecodeFingerprint("short"));
}

namespace {

struct Corpus {
  TempDir tmp;
  std::string corpus = tmp / "corpus";
  std::string index = tmp / "index";
  std::string taxonomy = tmp / "taxonomy.json";
  TextMaker maker{11};

  Corpus() {
    fs::create_directories(corpus);
    WriteFile(taxonomy, R"({"facets": {"city": {"label": "City", "values": []},
      "company": {"label": "Company", "values": []}, "policy": {"label": "Policy", "values": []}}})");
  }
  void Write(const std::string& name, const std::string& title, const std::string& date,
             const std::string& body) {
    WriteFile(corpus + "/" + name,
              "---\ntitle: \"" + title + "\"\ndate: " + date + "\nlang: en\n---\n\n" + body + "\n");
  }
  longjing::IndexSummary Run(bool full, std::vector<std::string> paths = {}) {
    longjing::IndexOptions o;
    o.corpus_dir = corpus;
    o.index_dir = index;
    auto tax = longjing::Taxonomy::Load(taxonomy);
    REQUIRE(tax.ok());
    auto indexer =
        longjing::Indexer::Open(o, std::make_shared<const longjing::Taxonomy>(std::move(*tax)));
    REQUIRE_MESSAGE(indexer.ok(), indexer.status().ToString());
    auto r = full            ? (*indexer)->Rebuild()
             : paths.empty() ? (*indexer)->Sync()
                             : (*indexer)->SyncPaths(paths);
    REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    return *r;
  }
  // Article id -> group key ("" when in no group).
  std::map<std::string, std::string> Groups() {
    auto path = longjing::ResolveCurrent(index);
    REQUIRE(path.ok());
    Xapian::Database db(*path);
    std::map<std::string, std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Xapian::Document d = db.get_document(*it);
      std::string key = d.get_value(s::kSlotDupGroup);
      out[d.get_value(s::kSlotId)] = key;
      // The term and the value agree.
      if (!key.empty()) {
        Xapian::TermIterator t = d.termlist_begin();
        t.skip_to(s::DupGroupTerm(key));
        CHECK((t != d.termlist_end() && *t == s::DupGroupTerm(key)));
      }
    }
    return out;
  }
};

}  // namespace

TEST_CASE("groups: a full build groups planted copies under the earliest member") {
  Corpus c;
  std::string story = c.maker.Article(1, 300);
  c.Write("a.md", "Hangzhou sets out AI plan", "2025-03-02", story);
  c.Write("b.md", "AI plan for Hangzhou", "2025-03-01",
          c.maker.Reword(story, 0.08) + "\n\n" + kBoilerplate);
  c.Write("c.md", "Hangzhou's AI plan, in full", "2025-03-05", c.maker.Reword(story, 0.05));
  c.Write("d.md", "Another story on the same topic", "2025-03-01", c.maker.Article(1, 300));
  c.Write("e.md", "Too short", "2025-03-01", "A stub.");
  longjing::IndexSummary sum = c.Run(true);
  CHECK(sum.grouped == 3);
  auto g = c.Groups();
  // b is the earliest by date: the canonical member, whose id keys the group.
  CHECK(g["a.md"] == s::DupGroupKey("b.md"));
  CHECK(g["b.md"] == s::DupGroupKey("b.md"));
  CHECK(g["c.md"] == s::DupGroupKey("b.md"));
  CHECK(g["d.md"].empty());
  CHECK(g["e.md"].empty());

  SUBCASE("an incremental pass gives the same groups") {
    fs::remove_all(c.index);
    c.Run(true);  // an empty corpus would not do: build, then re-add one by one
    for (const char* name : {"a.md", "b.md", "c.md"})
      fs::rename(c.corpus + "/" + name, c.tmp / name);
    c.Run(false);
    CHECK(c.Groups().size() == 2);
    for (const char* name : {"c.md", "a.md", "b.md"}) {
      fs::rename(c.tmp / name, c.corpus + "/" + name);
      c.Run(false, {name});
    }
    CHECK(c.Groups() == g);
  }
  SUBCASE("deleting the canonical member promotes the next earliest") {
    fs::remove(c.corpus + "/b.md");
    c.Run(false, {"b.md"});
    auto after = c.Groups();
    CHECK(after.count("b.md") == 0);
    CHECK(after["a.md"] == s::DupGroupKey("a.md"));
    CHECK(after["c.md"] == s::DupGroupKey("a.md"));
    SUBCASE("a group left with one member dissolves") {
      fs::remove(c.corpus + "/c.md");
      c.Run(false);
      CHECK(c.Groups()["a.md"].empty());
    }
  }
  SUBCASE("a member rewritten into another story leaves; a new copy joins") {
    c.Write("c.md", "Now a different story", "2025-03-05", c.maker.Article(2, 300));
    c.Write("f.md", "Syndicated again", "2025-04-01", c.maker.Reword(story, 0.1));
    c.Run(false);
    auto after = c.Groups();
    CHECK(after["c.md"].empty());
    CHECK(after["f.md"] == s::DupGroupKey("b.md"));
    CHECK(after["a.md"] == s::DupGroupKey("b.md"));
  }
  SUBCASE("an earlier copy added later becomes canonical; the group is re-keyed") {
    c.Write("z.md", "The first report", "2025-02-20", c.maker.Reword(story, 0.06));
    c.Run(false, {"z.md"});
    auto after = c.Groups();
    for (const char* id : {"a.md", "b.md", "c.md", "z.md"})
      CHECK(after[id] == s::DupGroupKey("z.md"));
    CHECK(after["d.md"].empty());
  }
}

TEST_CASE(
    "groups: many copies in one incremental pass, in any date order, group as a full build does") {
  Corpus c;
  std::string story = c.maker.Article(3, 300);
  // Names in walk order, dates not: the canonical member changes twice
  // during the pass (copies 4 and 9 are earlier than all before them).
  const char* dates[] = {"2025-05-10", "2025-05-12", "2025-05-11", "2025-05-20",
                         "2025-05-01", "2025-05-03", "2025-05-01", "2025-06-01",
                         "2025-05-02", "2025-04-28", "2025-05-15", "2025-04-28"};
  for (int i = 0; i < 12; ++i)
    c.Write("copy-" + std::to_string(10 + i) + ".md", "Copy " + std::to_string(i), dates[i],
            c.maker.Reword(story, 0.03 * (i % 4)));
  c.Write("other.md", "Another story", "2025-05-01", c.maker.Article(4, 300));
  c.Run(true);
  auto full = c.Groups();
  CHECK(full["copy-10.md"] == s::DupGroupKey("copy-19.md"));  // the earliest date, then id

  fs::remove_all(c.index);
  fs::create_directories(c.tmp / "held");
  for (int i = 0; i < 12; ++i) {
    std::string name = "copy-" + std::to_string(10 + i) + ".md";
    fs::rename(c.corpus + "/" + name, c.tmp / ("held/" + name));
  }
  c.Run(true);
  for (int i = 0; i < 12; ++i) {
    std::string name = "copy-" + std::to_string(10 + i) + ".md";
    fs::rename(c.tmp / ("held/" + name), c.corpus + "/" + name);
  }
  CHECK(c.Run(false).added == 12);
  CHECK(c.Groups() == full);

  // One more pass: the canonical copy is rewritten into another story, a
  // new earliest copy arrives, and a member is deleted, all at once.
  c.Write("copy-19.md", "Now something else", "2025-04-28", c.maker.Article(5, 300));
  c.Write("copy-30.md", "The very first", "2025-04-01", c.maker.Reword(story, 0.02));
  fs::remove(c.corpus + "/copy-12.md");
  c.Run(false);
  auto incremental = c.Groups();
  c.Run(true);
  CHECK(incremental == c.Groups());
  CHECK(incremental["copy-10.md"] == s::DupGroupKey("copy-30.md"));
}

namespace {

std::unique_ptr<longjing::Searcher> OpenSearcher(Corpus& c) {
  auto tax = longjing::Taxonomy::Load(c.taxonomy);
  REQUIRE(tax.ok());
  auto searcher = longjing::Searcher::Open(
      c.index, std::make_shared<const longjing::Taxonomy>(std::move(*tax)));
  REQUIRE_MESSAGE(searcher.ok(), searcher.status().ToString());
  return std::move(searcher).value();
}

longjing::SearchResult Search(const longjing::Searcher& s, longjing::SearchRequest r) {
  auto res = s.Search(r);
  REQUIRE_MESSAGE(res.ok(), res.status().ToString());
  return std::move(res).value();
}

std::map<std::string, uint64_t> HitDuplicates(const longjing::SearchResult& r) {
  std::map<std::string, uint64_t> out;
  for (const auto& h : r.hits) out[h.id] = h.duplicates;
  return out;
}

uint64_t LangCount(const longjing::SearchResult& r, const std::string& lang) {
  for (const auto& f : r.facets)
    if (f.name == "lang")
      for (const auto& v : f.values)
        if (v.id == lang) return v.count;
  return 0;
}

}  // namespace

TEST_CASE("search: groups collapse to their best hit, with counts; collapse=false shows all") {
  Corpus c;
  std::string story = c.maker.Article(1, 300);
  c.Write("a.md", "Hangzhou sets out AI plan", "2025-03-02", story + " zephyrword");
  c.Write("b.md", "AI plan for Hangzhou", "2025-03-01",
          c.maker.Reword(story, 0.08) + " zephyrword");
  c.Write("c.md", "Hangzhou's AI plan, in full", "2025-03-05",
          c.maker.Reword(story, 0.05) + " zephyrword");
  c.Write("d.md", "Another story", "2025-03-03", c.maker.Article(1, 300) + " zephyrword");
  c.Write("e.md", "A third story", "2025-03-04", c.maker.Article(2, 300));
  c.Run(true);
  REQUIRE(c.Groups()["a.md"] == s::DupGroupKey("b.md"));
  auto searcher = OpenSearcher(c);

  for (std::string q : {"", "zephyrword"}) {
    CAPTURE(q);
    longjing::SearchRequest r;
    r.q = q;
    r.sort = longjing::SortOrder::kNewest;
    longjing::SearchResult collapsed = Search(*searcher, r);
    auto dup = HitDuplicates(collapsed);
    // Newest first: c (2025-03-05) stands for its group.
    CHECK(collapsed.hits.front().id == "c.md");
    CHECK(dup.count("c.md") == 1);
    CHECK(dup["c.md"] == 2);
    CHECK(dup.count("a.md") == 0);
    CHECK(dup.count("b.md") == 0);
    CHECK(dup["d.md"] == 0);
    CHECK(collapsed.total == (q.empty() ? 3u : 2u));
    CHECK(collapsed.total_exact);
    // Facet counts count articles, collapsed ones too.
    CHECK(LangCount(collapsed, "en") == (q.empty() ? 5u : 4u));

    r.collapse = false;
    longjing::SearchResult all = Search(*searcher, r);
    CHECK(all.total == (q.empty() ? 5u : 4u));
    for (const auto& h : all.hits) CHECK(h.duplicates == 0);
    CHECK(LangCount(all, "en") == LangCount(collapsed, "en"));

    // Paging walks the collapsed list: one hit per page, no member twice.
    r.collapse = true;
    r.per_page = 1;
    std::set<std::string> seen;
    for (r.page = 1; r.page <= 4; ++r.page)
      for (const auto& h : Search(*searcher, r).hits) seen.insert(h.id);
    CHECK(seen.size() == collapsed.total);

    // Without facet counts a text query takes Xapian's own collapse.
    r.page = 1;
    r.per_page = 10;
    r.facets = false;
    auto plain = HitDuplicates(Search(*searcher, r));
    CHECK(plain == dup);
  }
  SUBCASE("duplicates_of lists the group among the matches, uncollapsed") {
    longjing::SearchRequest r;
    r.duplicates_of = "a.md";
    r.sort = longjing::SortOrder::kOldest;
    longjing::SearchResult group = Search(*searcher, r);
    REQUIRE(group.hits.size() == 3);
    CHECK(group.total == 3);
    CHECK(group.hits[0].id == "b.md");
    CHECK(group.hits[1].id == "a.md");
    CHECK(group.hits[2].id == "c.md");
    r.duplicates_of = "d.md";  // no near-duplicate: itself alone
    CHECK(Search(*searcher, r).hits.size() == 1);
    r.duplicates_of = "nope.md";
    auto missing = searcher->Search(r);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().code() == longjing::Code::kNotFound);
  }
}
