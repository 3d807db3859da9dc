// Searcher: every read path keeps answering while a writer commits as fast as
// it can (DatabaseModifiedError and transient DatabaseCorruptError are
// retried with a reopen and a backoff, never reported).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "longjing/search.h"
#include "search_fixture.h"

namespace longjing {
namespace {

using Clock = std::chrono::steady_clock;

// Enough articles that a request reads many blocks, which a commit may
// rewrite under it.
std::vector<Article> ManyArticles(int n) {
  std::vector<Article> out = testing::SearchArticles();
  const char* cities[] = {"Hangzhou", "Shanghai", "Shenzhen", "Beijing", "Chengdu"};
  for (int i = 0; i < n; ++i) {
    std::string city = cities[i % 5];
    std::string date = "2024-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) +
                       "-1" + std::to_string(i % 9);
    out.push_back(testing::MakeArticle(
        "filler-" + std::to_string(i), "en", i % 7 ? date : "", "Reuters",
        city + " factories report " + std::to_string(i),
        city + " factories and electric carmakers expanded output in quarter " +
            std::to_string(i % 40) + ". Officials in " + city + " praised exporters."));
  }
  return out;
}

// What one reader thread does, in turn: a text search with facets, the feed
// (browsing newest first, no facets), an article with related ones, stats.
Status ReadOnce(const Searcher& s, int i) {
  switch (i % 5) {
    case 0: {
      SearchRequest r;
      r.q = "factories electric";
      r.filters["city"] = {"hangzhou", "shanghai"};
      return s.Search(r).status();
    }
    case 1: {
      SearchRequest r;
      r.sort = SortOrder::kNewest;
      r.per_page = 50;
      r.facets = false;
      return s.Search(r).status();
    }
    case 2:
      return s.GetArticle("filler-" + std::to_string(i % 300), 5).status();
    case 3:
      return s.Stats().status();
    default: {
      SearchRequest r;
      r.q = "exporters OR carmakers";
      r.sort = SortOrder::kOldest;
      return s.Search(r).status();
    }
  }
}

TEST_CASE("8 readers never fail while a writer commits in a tight loop") {
  testing::SearchIndex index(ManyArticles(1500));
  std::unique_ptr<Searcher> searcher = index.Open();
  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, failures{0}, commits{0};
  std::mutex mu;
  std::string first_error;

  std::thread writer([&] {
    // No fsync: as many commits a second as the disk allows.
    Xapian::WritableDatabase db(index.db_path(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (int round = 0; !stop; ++round) {
      for (int k = 0; k < 5; ++k) {
        int n = (round * 5 + k) % 1500;
        index.Write(db, testing::MakeArticle("filler-" + std::to_string(n), "en", "2025-01-01",
                                             "Reuters", "Rewritten " + std::to_string(round),
                                             "Shanghai factories rewritten in round " +
                                                 std::to_string(round) + "."));
      }
      db.commit();
      ++commits;
    }
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t)
    readers.emplace_back([&, t] {
      for (int i = t; !stop; ++i) {
        Status st = ReadOnce(*searcher, i);
        ++requests;
        if (st.ok()) continue;
        ++failures;
        std::lock_guard<std::mutex> lock(mu);
        if (first_error.empty()) first_error = st.ToString();
      }
    });
  std::this_thread::sleep_for(std::chrono::seconds(3));
  stop = true;
  writer.join();
  for (auto& r : readers) r.join();

  MESSAGE(requests.load() << " requests, " << commits.load() << " commits, " << failures.load()
                          << " failures");
  CHECK_MESSAGE(failures == 0, first_error);
  CHECK(commits > 20);
  CHECK(requests > 100);
}

}  // namespace
}  // namespace longjing
