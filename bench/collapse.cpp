// bench_collapse: what collapsing near-duplicates adds to a search. Runs the
// query mix through the core's Searcher (the server's own search, without
// HTTP and with its result cache off) with collapse on and off, interleaved
// query by query so both see the same machine, and prints the medians:
//
//   bench_collapse --index DIR --taxonomy FILE --queries FILE [--rounds N]
//   collapse queries=2000 rounds=3 p50_on_ms=... p50_off_ms=... added_pct=...
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "longjing/schema.h"
#include "longjing/search.h"
#include "longjing/taxonomy.h"

namespace {

namespace s = longjing::schema;

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string UrlDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() && Hex(in[i + 1]) >= 0 && Hex(in[i + 2]) >= 0) {
      out += static_cast<char>(Hex(in[i + 1]) * 16 + Hex(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// A line of make_queries.py's queries.txt, as GET /api/search takes it.
longjing::SearchRequest ParseLine(std::string_view line) {
  longjing::SearchRequest r;
  while (!line.empty()) {
    size_t amp = line.find('&');
    std::string_view pair = line.substr(0, amp);
    line = amp == std::string_view::npos ? std::string_view() : line.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
    if (value.empty()) continue;
    if (key == "q")
      r.q = value;
    else if (key == "sort")
      r.sort = value == "newest"   ? longjing::SortOrder::kNewest
               : value == "oldest" ? longjing::SortOrder::kOldest
                                   : longjing::SortOrder::kRelevance;
    else if (key == "from")
      r.from = value;
    else if (key == "to")
      r.to = value;
    else if (s::FindFacet(key))
      r.filters[key].push_back(value);
  }
  return r;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string index, taxonomy_path, queries;
  int rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--index") index = argv[i + 1];
    if (a == "--taxonomy") taxonomy_path = argv[i + 1];
    if (a == "--queries") queries = argv[i + 1];
    if (a == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
  }
  if (index.empty() || taxonomy_path.empty() || queries.empty()) {
    std::cerr << "usage: bench_collapse --index DIR --taxonomy FILE --queries FILE [--rounds N]\n";
    return 2;
  }
  auto taxonomy = longjing::Taxonomy::Load(taxonomy_path);
  if (!taxonomy.ok()) {
    std::cerr << "bench_collapse: " << taxonomy.status().ToString() << "\n";
    return 1;
  }
  auto searcher = longjing::Searcher::Open(
      index, std::make_shared<const longjing::Taxonomy>(std::move(*taxonomy)), {}, 0);
  if (!searcher.ok()) {
    std::cerr << "bench_collapse: " << searcher.status().ToString() << "\n";
    return 1;
  }
  std::vector<longjing::SearchRequest> requests;
  std::ifstream in(queries);
  for (std::string line; std::getline(in, line);) requests.push_back(ParseLine(line));
  std::vector<double> on, off;
  size_t failed = 0;
  auto time_one = [&](longjing::SearchRequest r, bool collapse, std::vector<double>& out) {
    r.collapse = collapse;
    auto start = std::chrono::steady_clock::now();
    auto result = (*searcher)->Search(r);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (result.ok())
      out.push_back(ms);
    else
      ++failed;
  };
  for (const auto& r : requests) time_one(r, true, on);  // warm the caches of the OS and Xapian
  on.clear();
  for (int round = 0; round < rounds; ++round)
    for (size_t i = 0; i < requests.size(); ++i) {
      bool first = (i + static_cast<size_t>(round)) % 2 == 0;  // alternate which goes first
      time_one(requests[i], first, first ? on : off);
      time_one(requests[i], !first, first ? off : on);
    }
  double p_on = Median(on), p_off = Median(off);
  std::printf(
      "collapse queries=%zu rounds=%d failed=%zu p50_on_ms=%.3f p50_off_ms=%.3f added_pct=%.1f\n",
      requests.size(), rounds, failed, p_on, p_off, p_off > 0 ? 100 * (p_on / p_off - 1) : 0);
  return 0;
}
