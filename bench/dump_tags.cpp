// bench_dump_tags: writes the tags Longjing stored for every article as JSONL
// {path, lang, date, city, company, policy, group} -- the shape of
// bench/make-corpus's --truth file, for bench/check-truth, plus the article's
// near-duplicate group key for bench/check-dupes. Reads the document data (schema.h), so
// it scores what the index really holds.
//
//   bench_dump_tags --index DIR [--out FILE]    (default: standard output)
#include <xapian.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "longjing/index_dir.h"
#include "longjing/schema.h"

namespace {

namespace s = longjing::schema;
using json = nlohmann::json;

json TagLine(const json& data) {
  json line = {{"path", data.value("path", "")},
               {"lang", data.value("lang", "")},
               {"date", data.value("date", "")}};
  const json& tags = data.contains("tags") ? data["tags"] : json::object();
  for (size_t f = 0; f < s::kTaxonomyFacetCount; ++f) {
    std::string facet(s::kFacets[f].name);
    json ids = json::array();
    if (tags.contains(facet))
      for (const json& t : tags[facet]) ids.push_back(t.value("id", ""));
    line[facet] = std::move(ids);
  }
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  std::string index, out_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--index")
      index = argv[i + 1];
    else if (a == "--out")
      out_path = argv[i + 1];
  }
  if (index.empty() || argc % 2 == 0) {
    std::cerr << "usage: bench_dump_tags --index DIR [--out FILE]\n";
    return 2;
  }
  auto current = longjing::ResolveCurrent(index);
  if (current.ok()) index = *current;
  std::ofstream file;
  if (!out_path.empty()) file.open(out_path);
  std::ostream& out = out_path.empty() ? std::cout : file;
  try {
    Xapian::Database db(index);
    size_t n = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it, ++n) {
      Xapian::Document doc = db.get_document(*it);
      const std::string stored = doc.get_data();
      json data = json::parse(longjing::schema::SplitDocData(stored).fields, nullptr, false);
      if (data.is_discarded()) {
        std::cerr << "bench_dump_tags: document " << *it << " has no JSON data\n";
        return 1;
      }
      json line = TagLine(data);
      line["group"] = doc.get_value(s::kSlotDupGroup);
      out << line.dump() << '\n';
    }
    out.flush();
    if (!out) {
      std::cerr << "bench_dump_tags: cannot write " << out_path << "\n";
      return 1;
    }
    std::cerr << "bench_dump_tags: " << n << " documents\n";
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "bench_dump_tags: " << e.get_description() << "\n";
    return 1;
  }
}
