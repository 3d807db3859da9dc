#include "metrics.h"

#include <fmt/format.h>

namespace longjing::server {
namespace {

std::string Escape(std::string_view label) {
  std::string out;
  for (char c : label) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

}  // namespace

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                             double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(route), std::string(method), status}];
  Histogram& h = durations_[std::string(route)];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::ObserveReindex(bool success, double unix_seconds) {
  std::lock_guard lock(mu_);
  ++(success ? reindex_success_ : reindex_failure_);
  last_reindex_time_ = unix_seconds;
  last_reindex_ok_ = success;
}

std::string Metrics::Render(const std::optional<IndexStats>& stats,
                            const std::optional<WriterHealth>& writer,
                            std::optional<double> lag) const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP longjing_http_requests_total HTTP requests by route pattern, method and status.\n";
  out += "# TYPE longjing_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out +=
        fmt::format("longjing_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                    Escape(route), Escape(method), status, n);
  }
  out += "# HELP longjing_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE longjing_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations_) {
    std::string r = Escape(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += fmt::format(
          "longjing_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", r,
          kBuckets[i], cumulative);
    }
    out += fmt::format(
        "longjing_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", r,
        h.count);
    out += fmt::format("longjing_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", r, h.sum);
    out += fmt::format("longjing_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", r,
                       h.count);
  }
  if (stats) {
    out += "# HELP longjing_documents Documents in the index.\n# TYPE longjing_documents gauge\n";
    out += fmt::format("longjing_documents {}\n", stats->documents);
    out += "# HELP longjing_index_revision Xapian revision of the index.\n";
    out += "# TYPE longjing_index_revision gauge\n";
    out += fmt::format("longjing_index_revision {}\n", stats->revision);
    if (stats->commit_time > 0) {
      out += "# HELP longjing_index_commit_timestamp_seconds Unix time the writer committed ";
      out += "the revision served.\n# TYPE longjing_index_commit_timestamp_seconds gauge\n";
      out += fmt::format("longjing_index_commit_timestamp_seconds {:.3f}\n", stats->commit_time);
    }
  }
  if (lag) {
    out += "# HELP longjing_replication_lag_seconds From the writer's commit of the revision ";
    out += "served to its arrival in this index folder.\n";
    out += "# TYPE longjing_replication_lag_seconds gauge\n";
    out += fmt::format("longjing_replication_lag_seconds {:.3f}\n", *lag);
  }
  if (writer) {
    out +=
        "# HELP longjing_writer_healthy 1 while index writes succeed, 0 after a failed write "
        "(full disk, missing or read-only index folder) until one succeeds.\n";
    out += "# TYPE longjing_writer_healthy gauge\n";
    out += fmt::format("longjing_writer_healthy {}\n", writer->ok ? 1 : 0);
    out += "# HELP longjing_writer_failures_total Index writes that failed.\n";
    out += "# TYPE longjing_writer_failures_total counter\n";
    out += fmt::format("longjing_writer_failures_total {}\n", writer->failures);
    out += "# HELP longjing_writer_retry_paths Watched corpus changes waiting for a retry.\n";
    out += "# TYPE longjing_writer_retry_paths gauge\n";
    out += fmt::format("longjing_writer_retry_paths {}\n", writer->retry_paths);
  }
  out += "# HELP longjing_last_reindex_timestamp_seconds Unix time of the last index run.\n";
  out += "# TYPE longjing_last_reindex_timestamp_seconds gauge\n";
  out += fmt::format("longjing_last_reindex_timestamp_seconds {}\n", last_reindex_time_);
  out += "# HELP longjing_last_reindex_success 1 if the last index run succeeded.\n";
  out += "# TYPE longjing_last_reindex_success gauge\n";
  out += fmt::format("longjing_last_reindex_success {}\n", last_reindex_ok_ ? 1 : 0);
  out +=
      "# HELP longjing_reindex_total Index runs by outcome.\n# TYPE longjing_reindex_total "
      "counter\n";
  out += fmt::format("longjing_reindex_total{{outcome=\"success\"}} {}\n", reindex_success_);
  out += fmt::format("longjing_reindex_total{{outcome=\"failure\"}} {}\n", reindex_failure_);
  return out;
}

}  // namespace longjing::server
