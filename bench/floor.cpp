// bench_floor: the query floor. Runs a query mix (one URL query string per
// line, as the server takes them: "q=talent+subsidy&city=hangzhou&sort=newest")
// straight through Xapian, in process: QueryParser, the facet filters (OR
// within a facet, AND across), exact facet counts for city/company/policy/lang/
// year with one extra disjunctive pass per selected facet, the top hits with
// snippets. Like the server, it ORs the English and the French parse of q.
// No HTTP, no JSON output, no cross-language entity rewriting, no caching:
// what this engine can do on this machine, the limit the server is held to.
//
//   bench_floor --index DIR --queries FILE [--threads N] [--duration S]
//               [--warmup S] [--label NAME] [--no-snippets] [--shard tcp://HOST:PORT]...
//
// --no-snippets: the hits' stored data is still read, but the text shown is
// the first 200 bytes: the floor of a search whose snippets cost nothing.
//
// With --shard (repeatable; --index then optional) it searches those
// xapian-tcpsrv shards (and the index, if given) and counts with Xapian's
// stock ValueCountMatchSpy, the one spy xapian-tcpsrv runs: the floor of a
// query node over remote shards.
// Prints one line: "floor label=.. threads=.. requests=.. qps=.. p50_ms=..".
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "longjing/index_dir.h"
#include "longjing/schema.h"

namespace {

namespace s = longjing::schema;
using Clock = std::chrono::steady_clock;

enum class Sort { kDefault, kRelevance, kNewest, kOldest };

struct Options {
  std::string index, queries, label = "mix";
  std::vector<std::string> shards;  // tcp://host:port
  int threads = 1;
  double duration = 10, warmup = 5;
  bool snippets = true;
};

struct Request {
  std::string q;
  std::vector<std::vector<std::string>> filters =
      std::vector<std::vector<std::string>>(s::kFacets.size());
  Sort sort = Sort::kDefault;
  int page = 1, per_page = 10;
};

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

Request ParseLine(std::string_view line) {
  Request r;
  while (!line.empty()) {
    size_t amp = line.find('&');
    std::string_view pair = line.substr(0, amp);
    line = amp == std::string_view::npos ? std::string_view() : line.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
    if (value.empty()) continue;  // the server treats empty values as absent
    if (key == "q")
      r.q = value;
    else if (key == "sort")
      r.sort = value == "newest"   ? Sort::kNewest
               : value == "oldest" ? Sort::kOldest
                                   : Sort::kRelevance;
    else if (key == "page")
      r.page = std::max(1, std::atoi(value.c_str()));
    else if (key == "per_page")
      r.per_page = std::clamp(std::atoi(value.c_str()), 1, 100);
    else if (const s::FacetDef* f = s::FindFacet(key))
      r.filters[f - s::kFacets.data()].push_back(value);
  }
  return r;
}

// Counts the facet values of every matching document, per slot; ids in a
// multi-valued slot are '\n'-separated (schema.h).
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(std::vector<size_t> facets)
      : facets_(std::move(facets)), counts_(facets_.size()) {}
  void operator()(const Xapian::Document& doc, double) override {
    for (size_t i = 0; i < facets_.size(); ++i) {
      std::string v = doc.get_value(s::kFacets[facets_[i]].slot);
      std::string_view rest = v;
      while (!rest.empty()) {
        size_t nl = rest.find('\n');
        if (nl != 0) ++counts_[i][std::string(rest.substr(0, nl))];
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
      }
    }
  }
  // The values of facets()[i] by count, descending: what a page would show.
  std::vector<std::pair<std::string, uint64_t>> Sorted(size_t i) const {
    std::vector<std::pair<std::string, uint64_t>> v(counts_[i].begin(), counts_[i].end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return v;
  }
  size_t size() const { return facets_.size(); }

 private:
  std::vector<size_t> facets_;
  std::vector<std::unordered_map<std::string, uint64_t>> counts_;
};

// One per thread: Xapian handles are not thread-safe.
class Floor {
 public:
  explicit Floor(const Options& o)
      : db_(Open(o)), remote_(!o.shards.empty()), en_("english"), snippets_(o.snippets) {
    for (auto [qp, stem] : {std::pair{&en_qp_, "english"}, std::pair{&fr_qp_, "french"}}) {
      qp->set_database(db_);
      qp->set_stemmer(Xapian::Stem(stem));
      // The index holds "Z" + stem for every word and CJK n-gram
      // (STEM_ALL_Z); STEM_SOME would look capitalised words, phrases and
      // CJK up unstemmed and find nothing. The searcher parses the same way.
      qp->set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
      qp->add_prefix("", std::string(s::kPrefixStem));
      qp->set_default_op(Xapian::Query::OP_AND);
    }
  }

  // Returns a checksum-ish number (total + counted values) so nothing is optimised away.
  uint64_t Run(const Request& r) {
    using QP = Xapian::QueryParser;
    constexpr unsigned kFlags = QP::FLAG_PHRASE | QP::FLAG_BOOLEAN | QP::FLAG_LOVEHATE |
                                QP::FLAG_WILDCARD | QP::FLAG_CJK_NGRAM | QP::FLAG_PURE_NOT;
    // English and French stems, ORed when they differ, so that the floor
    // matches what the server matches (bar its cross-language entities).
    Xapian::Query text;
    if (!r.q.empty()) {
      text = en_qp_.parse_query(r.q, kFlags);
      Xapian::Query fr = fr_qp_.parse_query(r.q, kFlags);
      if (fr.get_description() != text.get_description())
        text = Xapian::Query(Xapian::Query::OP_OR, text, fr);
    }
    bool blank = text.empty();
    Xapian::doccount all = db_.get_doccount();

    std::vector<size_t> unselected;
    for (size_t f = 0; f < s::kFacets.size(); ++f)
      if (r.filters[f].empty()) unselected.push_back(f);

    Xapian::Enquire enquire(db_);
    enquire.set_query(Filtered(text, Combined(r, SIZE_MAX)));
    Sort sort = r.sort == Sort::kDefault ? (blank ? Sort::kNewest : Sort::kRelevance) : r.sort;
    if (sort != Sort::kRelevance) {
      bool reverse = sort == Sort::kNewest;
      if (blank)
        enquire.set_sort_by_value(s::kSlotDate, reverse);
      else
        enquire.set_sort_by_value_then_relevance(s::kSlotDate, reverse);
    }
    FacetSpy spy(unselected);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> stock;
    if (remote_) {
      for (size_t f : unselected)
        stock.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s::kFacets[f].slot));
      for (auto& one : stock) enquire.add_matchspy(one.get());
    } else {
      enquire.add_matchspy(&spy);
    }
    Xapian::MSet mset = enquire.get_mset((r.page - 1) * r.per_page, r.per_page, all);
    uint64_t sum = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string stored = it.get_document().get_data();
      s::DocData parts = s::SplitDocData(stored);
      auto data = nlohmann::json::parse(parts.fields);
      std::string body(parts.body);
      // As the server: the first 200 bytes when browsing, else Xapian's
      // snippet without the background model, in the document's language.
      std::string snippet =
          blank || !snippets_
              ? body.substr(0, 200)
              : mset.snippet(body, 200, Stemmer(data.value("lang", "")),
                             Xapian::MSet::SNIPPET_CJK_NGRAM, "<mark>", "</mark>", "…");
      sum += snippet.size() + data.value("title", "").size();
    }
    for (size_t i = 0; i < spy.size(); ++i) sum += spy.Sorted(i).size();
    for (auto& one : stock) sum += one->get_total();

    // Disjunctive facets: a selected facet counts as if it were not selected,
    // under all the other filters.
    for (size_t f = 0; f < s::kFacets.size(); ++f) {
      if (r.filters[f].empty()) continue;
      Xapian::Enquire e(db_);
      e.set_query(Filtered(text, Combined(r, f)));
      e.set_weighting_scheme(Xapian::BoolWeight());
      FacetSpy one({f});
      Xapian::ValueCountMatchSpy stock_one(s::kFacets[f].slot);
      if (remote_)
        e.add_matchspy(&stock_one);
      else
        e.add_matchspy(&one);
      e.get_mset(0, 0, all);
      sum += one.Sorted(0).size() + stock_one.get_total();
    }
    return sum;
  }

 private:
  static Xapian::Database Open(const Options& o) {
    if (o.shards.empty()) return Xapian::Database(o.index);
    Xapian::Database db;
    if (!o.index.empty()) db.add_database(Xapian::Database(o.index));
    for (const std::string& spec : o.shards) {
      std::string hostport = spec.substr(spec.rfind('/') + 1);
      size_t colon = hostport.rfind(':');
      db.add_database(
          Xapian::Remote::open(hostport.substr(0, colon), std::atoi(hostport.c_str() + colon + 1)));
    }
    return db;
  }

  // AND across facets of (OR within a facet), skipping facet `except`.
  static Xapian::Query Combined(const Request& r, size_t except) {
    std::vector<Xapian::Query> parts;
    for (size_t f = 0; f < s::kFacets.size(); ++f) {
      if (f == except || r.filters[f].empty()) continue;
      std::vector<Xapian::Query> terms;
      for (const std::string& v : r.filters[f]) terms.emplace_back(s::FilterTerm(s::kFacets[f], v));
      parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    return parts.empty() ? Xapian::Query()
                         : Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }

  // Browsing with filters needs no MatchAll posting list: the filter itself, unweighted.
  static Xapian::Query Filtered(const Xapian::Query& text, const Xapian::Query& filter) {
    if (text.empty() && filter.empty()) return Xapian::Query::MatchAll;
    if (text.empty()) return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0);
    if (filter.empty()) return text;
    return Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
  }

  const Xapian::Stem& Stemmer(const std::string& lang) {
    auto it = stemmers_.find(lang);
    if (it != stemmers_.end()) return it->second;
    Xapian::Stem stem;
    try {
      stem = Xapian::Stem(lang);
    } catch (const Xapian::InvalidArgumentError&) {
      // zh, und: no stemmer
    }
    return stemmers_.emplace(lang, stem).first->second;
  }

  Xapian::Database db_;
  bool remote_;
  Xapian::Stem en_;
  std::unordered_map<std::string, Xapian::Stem> stemmers_;
  Xapian::QueryParser en_qp_, fr_qp_;
  bool snippets_;
};

struct ThreadResult {
  std::vector<double> ms;
  uint64_t errors = 0, checksum = 0;
};

// One worker: starts at its own place in the list, cycles through it until
// the deadline.
// `deadline` is read once `go` is set.
void Work(const Options& o, const std::vector<Request>& reqs, size_t start,
          const Clock::time_point* deadline_at, std::atomic<bool>* go, ThreadResult* out) {
  Floor floor(o);
  while (!go->load()) std::this_thread::yield();
  const Clock::time_point deadline = *deadline_at;
  size_t i = start;
  while (Clock::now() < deadline) {
    auto t0 = Clock::now();
    try {
      out->checksum += floor.Run(reqs[i]);
    } catch (const Xapian::Error& e) {
      if (out->errors++ == 0) std::cerr << "bench_floor: " << e.get_description() << "\n";
    } catch (const std::exception& e) {  // bad document data
      if (out->errors++ == 0) std::cerr << "bench_floor: " << e.what() << "\n";
    }
    out->ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    i = (i + 1) % reqs.size();
  }
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * sorted.size()));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

int Usage() {
  std::cerr << "usage: bench_floor --index DIR --queries FILE [--threads N] [--duration S] "
               "[--warmup S] [--label NAME] [--no-snippets] [--shard tcp://HOST:PORT]...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--no-snippets") {
      o.snippets = false;
      continue;
    }
    if (i + 1 >= argc) return Usage();
    std::string v = argv[++i];
    if (a == "--index")
      o.index = v;
    else if (a == "--queries")
      o.queries = v;
    else if (a == "--label")
      o.label = v;
    else if (a == "--threads")
      o.threads = std::max(1, std::atoi(v.c_str()));
    else if (a == "--duration")
      o.duration = std::atof(v.c_str());
    else if (a == "--warmup")
      o.warmup = std::atof(v.c_str());
    else if (a == "--shard")
      o.shards.push_back(v);
    else
      return Usage();
  }
  if ((o.index.empty() && o.shards.empty()) || o.queries.empty()) return Usage();
  // A Longjing index directory, or a plain Xapian database.
  if (auto current = longjing::ResolveCurrent(o.index); !o.index.empty() && current.ok())
    o.index = *current;

  std::vector<Request> reqs;
  std::ifstream in(o.queries);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') reqs.push_back(ParseLine(line));
  if (reqs.empty()) {
    std::cerr << "bench_floor: no queries in " << o.queries << "\n";
    return 1;
  }
  try {
    auto after = [](double secs) {
      return Clock::now() +
             std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(secs));
    };
    // Warm the page cache (and the library) first, untimed.
    std::atomic<bool> go{true};
    ThreadResult warm;
    Clock::time_point deadline = after(o.warmup);
    Work(o, reqs, 0, &deadline, &go, &warm);

    go = false;
    std::vector<ThreadResult> results(o.threads);
    std::vector<std::thread> threads;
    for (int t = 0; t < o.threads; ++t)
      threads.emplace_back(Work, std::cref(o), std::cref(reqs), t * reqs.size() / o.threads,
                           &deadline, &go, &results[t]);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(100));  // let every thread open its database
    auto start = Clock::now();
    deadline = after(o.duration);
    go = true;
    for (auto& t : threads) t.join();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    std::vector<double> all;
    uint64_t errors = 0, checksum = 0;
    for (const auto& r : results) {
      all.insert(all.end(), r.ms.begin(), r.ms.end());
      errors += r.errors;
      checksum += r.checksum;
    }
    std::sort(all.begin(), all.end());
    double mean = 0;
    for (double x : all) mean += x;
    mean /= std::max<size_t>(1, all.size());
    std::printf(
        "floor label=%s threads=%d snippets=%d queries=%zu requests=%zu seconds=%.3f qps=%.1f "
        "p50_ms=%.3f "
        "p99_ms=%.3f max_ms=%.3f mean_ms=%.3f errors=%llu checksum=%llu\n",
        o.label.c_str(), o.threads, o.snippets ? 1 : 0, reqs.size(), all.size(), seconds,
        all.size() / seconds, Percentile(all, 50), Percentile(all, 99),
        all.empty() ? 0 : all.back(), mean, static_cast<unsigned long long>(errors),
        static_cast<unsigned long long>(checksum));
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "bench_floor: " << e.get_description() << "\n";
    return 1;
  }
}
