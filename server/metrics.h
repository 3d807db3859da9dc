// Counters and histograms for GET /metrics, in the Prometheus text
// exposition format (version 0.0.4).
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "longjing/index_writer.h"  // WriteObserver, WriterHealth
#include "longjing/search.h"

namespace longjing::server {

// The index writer reports its runs here (WriteObserver).
class Metrics : public WriteObserver {
 public:
  // Upper bounds (seconds) of longjing_http_request_duration_seconds.
  static constexpr std::array<double, 11> kBuckets = {.001, .0025, .005, .01, .025, .05,
                                                      .1,   .25,   .5,   1,   2.5};

  // route: the route pattern ("/api/articles/{id}"), never the raw path.
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);
  // One index run (startup sync, watcher, ingest, delete or POST /api/reindex).
  void ObserveReindex(bool success, double unix_seconds) override;

  // The exposition text. `stats`, `writer` and `lag` (seconds from the
  // writer's commit of the served revision to its arrival here) are read by
  // the caller at scrape time; nullopt when no index is open, the server is
  // read-only, or the index has no commit time (their gauges are then left out).
  std::string Render(const std::optional<IndexStats>& stats,
                     const std::optional<WriterHealth>& writer = std::nullopt,
                     std::optional<double> lag = std::nullopt) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> durations_;
  uint64_t reindex_success_ = 0, reindex_failure_ = 0;
  double last_reindex_time_ = 0;
  bool last_reindex_ok_ = false;
};

}  // namespace longjing::server
