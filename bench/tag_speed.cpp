// bench_tag_speed: the tagger's throughput on a JSONL corpus
// (bench/make-corpus --jsonl), and optionally the tags it finds, as JSONL
// {path, lang, city, company, policy} for bench/check-truth.
//
//   bench_tag_speed --taxonomy FILE --jsonl FILE [--rounds N] [--out FILE]
//
// Prints the median over the rounds of MB/s and articles/s on one thread
// (title + "\n" + body, as the indexer tags them).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "longjing/tagger.h"
#include "longjing/taxonomy.h"

namespace {

using json = nlohmann::json;

struct Doc {
  std::string path, lang, text;
};

std::vector<Doc> ReadCorpus(const std::string& path) {
  std::vector<Doc> docs;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json j = json::parse(line);
    docs.push_back({j.value("path", ""), j.value("lang", ""),
                    j.value("title", "") + "\n" + j.value("body", "")});
  }
  return docs;
}

void WriteTags(const longjing::Tagger& tagger, const std::vector<Doc>& docs,
               const std::string& path) {
  std::ofstream out(path);
  for (const Doc& d : docs) {
    json line = {{"path", d.path}, {"lang", d.lang}};
    for (const auto& f : tagger.taxonomy().facets()) line[f.name] = json::array();
    for (const auto& t : tagger.Count(tagger.FindMentions(d.text, d.lang)))
      line[t.facet].push_back(t.id);
    out << line.dump() << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string taxonomy_path, corpus_path, out_path;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--taxonomy")
      taxonomy_path = argv[i + 1];
    else if (a == "--jsonl")
      corpus_path = argv[i + 1];
    else if (a == "--rounds")
      rounds = std::max(1, std::stoi(argv[i + 1]));
    else if (a == "--out")
      out_path = argv[i + 1];
  }
  if (taxonomy_path.empty() || corpus_path.empty() || argc % 2 == 0) {
    std::cerr << "usage: bench_tag_speed --taxonomy FILE --jsonl FILE [--rounds N] [--out FILE]\n";
    return 2;
  }
  auto taxonomy = longjing::Taxonomy::Load(taxonomy_path);
  if (!taxonomy.ok()) {
    std::cerr << taxonomy.status().message() << "\n";
    return 1;
  }
  longjing::Tagger tagger(*taxonomy);
  std::vector<Doc> docs = ReadCorpus(corpus_path);
  size_t bytes = 0;
  for (const Doc& d : docs) bytes += d.text.size();
  std::vector<double> seconds;
  size_t mentions = 0;
  for (int r = 0; r < rounds; ++r) {
    auto start = std::chrono::steady_clock::now();
    mentions = 0;
    for (const Doc& d : docs) mentions += tagger.FindMentions(d.text, d.lang).size();
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  double median = seconds[seconds.size() / 2];
  std::cout << "articles " << docs.size() << " bytes " << bytes << " mentions " << mentions
            << " median_s " << median << " mb_per_s " << bytes / median / 1e6 << " articles_per_s "
            << docs.size() / median << "\n";
  if (!out_path.empty()) WriteTags(tagger, docs, out_path);
  return 0;
}
