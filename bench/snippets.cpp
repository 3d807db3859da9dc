// bench_snippets: the cost of a query snippet on its own, per hit. For each
// text query of a query file (URL query strings, as bench_floor reads them;
// filters and sorts are ignored) it takes the top hits and times, per hit:
//   read     the stored document data (decompressed) split into fields and body
//   longjing QuerySnippet: Longjing's scorer over the stored text
//   xapian   MSet::snippet over the text as indexed (what Longjing used before,
//            and what bench_floor runs)
// and counts the hits each one marks. Times are thread CPU time per hit,
// averaged over each query's page; the percentiles are over queries. Queries are parsed as the
// searcher parses them: English and French stems behind "Z", ORed, CJK n-grams.
//
//   bench_snippets --index DIR --queries FILE [--hits N] [--rounds N]
//
// Prints one line: "snippets hits=.. read_us_p50=.. longjing_us_p50=.. ...".
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "longjing/index_dir.h"
#include "longjing/schema.h"
#include "longjing/text.h"
#include "search/snippet.h"

namespace {

namespace s = longjing::schema;
namespace search = longjing::search;

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The decoded q of a URL query string ("" when it has none).
std::string QueryText(std::string_view line) {
  while (!line.empty()) {
    size_t amp = line.find('&');
    std::string_view pair = line.substr(0, amp);
    line = amp == std::string_view::npos ? std::string_view() : line.substr(amp + 1);
    if (!pair.starts_with("q=")) continue;
    std::string out;
    for (size_t i = 2; i < pair.size(); ++i) {
      if (pair[i] == '+') {
        out += ' ';
      } else if (pair[i] == '%' && i + 2 < pair.size() && Hex(pair[i + 1]) >= 0 &&
                 Hex(pair[i + 2]) >= 0) {
        out += static_cast<char>(Hex(pair[i + 1]) * 16 + Hex(pair[i + 2]));
        i += 2;
      } else {
        out += pair[i];
      }
    }
    return out;
  }
  return "";
}

Xapian::QueryParser Parser(const Xapian::Database& db, const char* stemmer) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem(stemmer));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  qp.add_prefix("", std::string(s::kPrefixStem));
  qp.set_default_op(Xapian::Query::OP_AND);
  return qp;
}

double CpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

struct Series {
  std::vector<double> us;
  void Print(const char* name) {
    std::sort(us.begin(), us.end());
    double sum = 0;
    for (double x : us) sum += x;
    auto at = [&](double p) {
      return us.empty() ? 0 : us[static_cast<size_t>(p * (us.size() - 1))];
    };
    std::printf(" %s_us_p50=%.1f %s_us_p99=%.1f %s_us_mean=%.1f", name, at(0.5), name, at(0.99),
                name, us.empty() ? 0 : sum / us.size());
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string index, queries;
  int hits = 10, rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--index")
      index = v;
    else if (a == "--queries")
      queries = v;
    else if (a == "--hits")
      hits = std::max(1, std::atoi(v.c_str()));
    else if (a == "--rounds")
      rounds = std::max(1, std::atoi(v.c_str()));
  }
  if (index.empty() || queries.empty()) {
    std::cerr << "usage: bench_snippets --index DIR --queries FILE [--hits N] [--rounds N]\n";
    return 2;
  }
  if (auto current = longjing::ResolveCurrent(index); current.ok()) index = *current;
  try {
    Xapian::Database db(index);
    Xapian::QueryParser en = Parser(db, "english"), fr = Parser(db, "french");
    constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE |
                                Xapian::QueryParser::FLAG_BOOLEAN |
                                Xapian::QueryParser::FLAG_CJK_NGRAM;
    Series read, ours, xapian;
    size_t n_hits = 0, marked_ours = 0, marked_xapian = 0, n_queries = 0;
    std::ifstream in(queries);
    std::vector<std::string> texts;
    for (std::string line; std::getline(in, line);)
      if (std::string q = QueryText(line); !q.empty()) texts.push_back(q);
    for (int round = 0; round < rounds; ++round) {
      for (const std::string& q : texts) {
        Xapian::Query query = en.parse_query(q, kFlags);
        Xapian::Query other = fr.parse_query(q, kFlags);
        if (other.get_description() != query.get_description())
          query = Xapian::Query(Xapian::Query::OP_OR, query, other);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        Xapian::MSet mset = enquire.get_mset(0, hits);
        ++n_queries;
        if (mset.empty()) continue;
        double n = static_cast<double>(mset.size());
        // Each stage over the whole page, timed in thread CPU time: the
        // machine is shared, and wall time counts other programs' turns.
        double t0 = CpuMicros();
        std::vector<std::string> stored, langs;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          stored.push_back(it.get_document().get_data());
          s::DocData parts = s::SplitDocData(stored.back());
          auto fields = nlohmann::json::parse(parts.fields, nullptr, false);
          langs.push_back(fields.is_object() ? fields.value("lang", "") : "");
        }
        double t1 = CpuMicros();
        search::SnippetTerms terms(query);
        std::vector<std::string> a, b;
        for (size_t i = 0; i < stored.size(); ++i)
          a.push_back(search::QuerySnippet(terms, s::SplitDocData(stored[i]).body, langs[i]));
        double t2 = CpuMicros();
        for (size_t i = 0; i < stored.size(); ++i)
          b.push_back(search::XapianSnippet(
              mset, longjing::text::ToSimplified(s::SplitDocData(stored[i]).body), langs[i]));
        double t3 = CpuMicros();
        read.us.push_back((t1 - t0) / n);
        ours.us.push_back((t2 - t1) / n);
        xapian.us.push_back((t3 - t2) / n);
        if (round == 0) {
          n_hits += stored.size();
          for (size_t i = 0; i < stored.size(); ++i) {
            marked_ours += search::HasMark(a[i]);
            marked_xapian += search::HasMark(b[i]);
          }
        }
      }
    }
    std::printf("snippets queries=%zu hits=%zu marked_longjing=%zu marked_xapian=%zu", n_queries,
                n_hits, marked_ours, marked_xapian);
    read.Print("read");
    ours.Print("longjing");
    xapian.Print("xapian");
    std::printf("\n");
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "bench_snippets: " << e.get_description() << "\n";
    return 1;
  }
}
