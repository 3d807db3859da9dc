// A small multilingual index for the searcher's tests: eleven hand-made
// articles in English, French and Chinese, built with the real
// DocumentBuilder into <tmp>/index/gen-000001 behind a "current" symlink.
// Header-only: each test binary compiles only its own source file.
#pragma once

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "longjing/article.h"
#include "longjing/document_builder.h"
#include "longjing/schema.h"
#include "longjing/search.h"
#include "longjing/tagger.h"
#include "longjing/taxonomy.h"
#include "test_support.h"

namespace longjing::testing {

inline constexpr std::string_view kSearchTaxonomy = R"({
  "facets": {
    "city": {"label": "City", "values": [
      {"id": "beijing", "name": "Beijing", "aliases": ["Pékin", "Peking", "北京"]},
      {"id": "shanghai", "name": "Shanghai", "aliases": ["上海"]},
      {"id": "hangzhou", "name": "Hangzhou", "aliases": ["杭州"]},
      {"id": "shenzhen", "name": "Shenzhen", "aliases": ["深圳"]},
      {"id": "hong-kong", "name": "Hong Kong", "aliases": ["香港"]},
      {"id": "chengdu", "name": "Chengdu", "aliases": ["成都"]}
    ]},
    "company": {"label": "Company", "values": [
      {"id": "huawei", "name": "Huawei", "aliases": ["华为"]},
      {"id": "deepseek", "name": "DeepSeek", "aliases": ["深度求索"]},
      {"id": "byd", "name": "BYD", "aliases": ["比亚迪"]},
      {"id": "alibaba", "name": "Alibaba", "aliases": ["阿里巴巴"]},
      {"id": "unitree", "name": "Unitree", "aliases": ["宇树科技"]}
    ]},
    "policy": {"label": "Policy type", "values": [
      {"id": "made-in-china-2025", "name": "Made in China 2025", "aliases": ["中国制造2025"]},
      {"id": "common-prosperity", "name": "Common prosperity", "aliases": ["prospérité commune", "共同富裕"]},
      {"id": "dual-circulation", "name": "Dual circulation", "aliases": ["双循环"]}
    ]}
  }
})";

inline std::shared_ptr<const Taxonomy> SearchTaxonomy() {
  auto parsed = Taxonomy::Parse(kSearchTaxonomy, "search_fixture");
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  return std::make_shared<const Taxonomy>(std::move(parsed).value());
}

inline Article MakeArticle(std::string id, std::string lang, std::string date, std::string source,
                           std::string title, std::string body) {
  Article a;
  a.id = id;
  a.path = id + ".md";
  a.format = "markdown";
  a.lang = std::move(lang);
  a.date = std::move(date);
  a.source = std::move(source);
  a.title = std::move(title);
  a.body = std::move(body);
  a.url = "https://example.com/" + id;
  a.author = "Reporter " + id;
  return a;
}

// Tags come from the tagger over title and body; the comments say which.
inline std::vector<Article> SearchArticles() {
  return {
      // hangzhou x4, byd, made-in-china-2025
      MakeArticle("hz-ev", "en", "2024-03-15", "Caixin Global", "Hangzhou bets on electric cars",
                  "The city of Hangzhou is courting BYD and other carmakers.\n\n"
                  "Hangzhou officials say the Made in China 2025 plan still guides them. "
                  "Local factories in Hangzhou expanded."),
      // shenzhen x3, huawei x2
      MakeArticle(
          "sz-huawei", "en", "2024-06-02", "Reuters", "Huawei expands research in Shenzhen",
          "Huawei opened a new laboratory in Shenzhen. The company said the Shenzhen campus "
          "will host engineers working on chips."),
      // beijing, deepseek
      MakeArticle("pekin-ia", "fr", "2025-02-19", "Le Monde", "L'intelligence artificielle à Pékin",
                  "À Pékin, les jeunes pousses comme DeepSeek attirent les investisseurs. "
                  "Les villes chinoises rivalisent pour les talents."),
      // hangzhou x3, deepseek
      MakeArticle("hz-deepseek", "zh", "2025-01-20", "新华社", "杭州的人工智能企业",
                  "深度求索总部位于杭州。杭州市政府支持人工智能产业发展。"),
      // huawei x2, shenzhen
      MakeArticle("huawei-phone", "zh", "2025-02-10", "新华社", "华为发布新手机",
                  "华为在深圳发布了新款手机，销量很好。"),
      // shanghai
      MakeArticle("script-tags", "en", "2023-11-05", "Tech Blog", "Security notes on script tags",
                  "Never trust input like <script>alert(1)</script> in Shanghai web forms. "
                  "Escaping matters & saves time."),
      // shanghai x2, alibaba, common-prosperity x2
      MakeArticle("sh-prosperite", "fr", "2023-05-10", "Le Monde",
                  "Shanghai et la prospérité commune",
                  "La prospérité commune reste un slogan à Shanghai. "
                  "Les entreprises comme Alibaba s'adaptent aux nouvelles règles."),
      // hong-kong x3, alibaba
      MakeArticle(
          "hk-finance", "en", "2024-09-09", "Reuters", "Hong Kong finance hub recovers",
          "Banks in Hong Kong reported stronger profits. Alibaba listed more shares in Hong Kong."),
      // dual-circulation x2; undated
      MakeArticle("dual-circ", "en", "", "Tech Blog", "Dual circulation explained",
                  "The dual circulation strategy aims to boost domestic demand and consumption."),
      // hangzhou x3, unitree; astral characters before the mentions
      MakeArticle("robots", "en", "2025-02-25", "Caixin Global", "Robots in Hangzhou",
                  "\xF0\x9F\xA4\x96 Unitree builds robots in Hangzhou. Engineers in Hangzhou "
                  "like \xF0\xA0\xAE\xB7 noodles."),
      // chengdu x2
      MakeArticle("chengdu-tourism", "en", "2024-03-20", "Reuters", "Chengdu tourism grows",
                  "Chengdu welcomed record visitors in spring. Electric buses run across Chengdu."),
  };
}

// An index directory holding the articles, writable by the test.
class SearchIndex {
 public:
  // The indexing time of every article: 2023-11-14T22:13:20Z.
  static constexpr double kIndexedAt = 1700000000.0;

  // first_seen(i): when the index first saw articles[i] (unix seconds);
  // kIndexedAt for all when not given.
  explicit SearchIndex(const std::vector<Article>& articles = SearchArticles(),
                       const std::function<double(size_t)>& first_seen = nullptr)
      : taxonomy_(SearchTaxonomy()),
        tagger_(std::make_shared<const Tagger>(*taxonomy_)),
        builder_(taxonomy_, tagger_),
        dir_(tmp_ / "index") {
    std::filesystem::create_directories(dir_ + "/gen-000001");
    Xapian::WritableDatabase db(dir_ + "/gen-000001", Xapian::DB_CREATE_OR_OPEN);
    for (size_t i = 0; i < articles.size(); ++i)
      Write(db, articles[i], first_seen ? first_seen(i) : kIndexedAt);
    db.commit();
    std::filesystem::create_directory_symlink("gen-000001", dir_ + "/current");
  }

  const std::string& dir() const { return dir_; }
  std::string db_path() const { return std::filesystem::canonical(dir_ + "/current").string(); }
  std::shared_ptr<const Taxonomy> taxonomy() const { return taxonomy_; }
  const Tagger& tagger() const { return *tagger_; }

  // Adds (or replaces) articles in the live database, one commit.
  void Add(const std::vector<Article>& articles) {
    Xapian::WritableDatabase db(db_path(), Xapian::DB_OPEN);
    for (const Article& a : articles) Write(db, a);
    db.commit();
  }

  // Builds a new generation with `articles` and points "current" at it.
  void Rebuild(const std::vector<Article>& articles, const std::string& generation) {
    std::string path = dir_ + "/" + generation;
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
      for (const Article& a : articles) Write(db, a);
      db.commit();
    }
    std::filesystem::create_directory_symlink(generation, dir_ + "/current.tmp");
    std::filesystem::rename(dir_ + "/current.tmp", dir_ + "/current");
  }

  std::unique_ptr<Searcher> Open(std::vector<std::string> extra = {}) const {
    auto s = Searcher::Open(dir_, taxonomy_, std::move(extra));
    REQUIRE_MESSAGE(s.ok(), s.status().ToString());
    return std::move(s).value();
  }

  // Adds or replaces one article in `db`, uncommitted. Not thread-safe (one
  // DocumentBuilder): one writing thread at a time.
  void Write(Xapian::WritableDatabase& db, const Article& a, double first_seen = kIndexedAt) {
    std::vector<Diagnostic> warnings;
    BuiltDocument built = builder_.Build(a, "hash-" + a.id, kIndexedAt, &warnings);
    StampFirstSeen(built.doc, first_seen);
    for (const auto& [word, freq] : built.spelling) db.add_spelling(word, freq);
    db.replace_document(schema::IdTerm(a.id), built.doc);
  }

 private:
  TempDir tmp_;
  std::shared_ptr<const Taxonomy> taxonomy_;
  std::shared_ptr<const Tagger> tagger_;
  DocumentBuilder builder_;
  std::string dir_;
};

}  // namespace longjing::testing
