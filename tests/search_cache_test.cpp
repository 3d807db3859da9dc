// search_cache.h: the per-revision LRU of counts and pages.
#include "search/search_cache.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

namespace longjing::search {
namespace {

std::shared_ptr<const CachedCounts> Entry(uint64_t total) {
  auto e = std::make_shared<CachedCounts>();
  e->total = total;
  return e;
}

TEST_CASE("a hit returns what was put; a miss is null") {
  SearchCache cache(4);
  CHECK(cache.Get("a") == nullptr);
  cache.Put("a", Entry(7));
  REQUIRE(cache.Get("a") != nullptr);
  CHECK(cache.Get("a")->total == 7);
  cache.Put("a", Entry(8));  // replaced, not duplicated
  CHECK(cache.Get("a")->total == 8);
  CHECK(cache.size() == 1);
}

TEST_CASE("the least recently used entry goes first") {
  SearchCache cache(2);
  cache.Put("a", Entry(1));
  cache.Put("b", Entry(2));
  CHECK(cache.Get("a") != nullptr);  // a is now the most recent
  cache.Put("c", Entry(3));
  CHECK(cache.Get("b") == nullptr);
  CHECK(cache.Get("a") != nullptr);
  CHECK(cache.Get("c") != nullptr);
  CHECK(cache.size() == 2);
}

TEST_CASE("capacity 0 keeps nothing") {
  SearchCache cache(0);
  cache.Put("a", Entry(1));
  CHECK(cache.Get("a") == nullptr);
  CHECK(cache.size() == 0);
}

TEST_CASE("concurrent use stays within capacity") {
  SearchCache cache(16);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 500; ++i) {
        std::string key = std::to_string((i * 7 + t) % 40);
        cache.Put(key, Entry(i));
        if (auto e = cache.Get(key)) CHECK(e->total < 500);
      }
    });
  for (auto& th : threads) th.join();
  CHECK(cache.size() <= 16);
}

}  // namespace
}  // namespace longjing::search
