// bench_floor_update: the floor of an incremental run. On an index that
// longjing-index built, Xapian alone changes 1 % of the documents the way an
// incremental run does, one commit per step, with the indexer's own open
// flags (DB_OPEN, durable commits):
//   change  every hundredth document rewritten with the same content: a new
//           Xapian::Document with the old one's terms, positions, values and
//           data, replace_document on its docid (the postings go out and back);
//   add     as many new documents, copies of those under new id terms;
//   remove  another 1 %, spread over the index as the first, deleted by docid.
// No parsing, tagging, hashing, grouping, spelling or file walk: what the
// engine needs to move 1 % of the postings of this index on this machine.
//
//   bench_floor_update --index DIR [--percent P]
//
// Prints one line per step: "floor_update step=change docs=.. seconds=..
// write_seconds=.. commit_seconds=..". Works on a copy: it changes DIR.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "longjing/index_dir.h"
#include "longjing/schema.h"

namespace {

namespace s = longjing::schema;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A document with `from`'s terms (wdf and positions), values and data, not
// tied to `from`'s docid, so that Xapian writes every posting again.
Xapian::Document Copy(const Xapian::Document& from, const std::string& id_suffix) {
  Xapian::Document doc;
  for (auto t = from.termlist_begin(); t != from.termlist_end(); ++t) {
    std::string term = *t;
    if (!id_suffix.empty() && term.rfind(s::kPrefixId, 0) == 0) term += id_suffix;
    Xapian::termcount positions = 0;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p, ++positions)
      doc.add_posting(term, *p, 0);
    Xapian::termcount wdf = t.get_wdf();
    if (positions < wdf) doc.add_term(term, wdf - positions);
    if (wdf == 0 && positions == 0) doc.add_boolean_term(term);
  }
  for (auto v = from.values_begin(); v != from.values_end(); ++v)
    doc.add_value(v.get_valueno(), *v);
  doc.set_data(from.get_data());
  return doc;
}

void Report(const char* step, size_t docs, double start, double written, double end) {
  std::printf("floor_update step=%s docs=%zu seconds=%.3f write_seconds=%.3f commit_seconds=%.3f\n",
              step, docs, end - start, written - start, end - written);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string index;
  double percent = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--index") {
      index = argv[i + 1];
    } else if (flag == "--percent") {
      percent = std::atof(argv[i + 1]);
    } else {
      std::fprintf(stderr, "bench_floor_update: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (index.empty() || percent <= 0 || percent > 100) {
    std::fprintf(stderr, "usage: bench_floor_update --index DIR [--percent P (0-100]]\n");
    return 2;
  }
  auto path = longjing::ResolveCurrent(index);
  if (!path.ok()) {
    std::fprintf(stderr, "bench_floor_update: %s\n", path.status().ToString().c_str());
    return 1;
  }
  try {
    Xapian::WritableDatabase db(*path, Xapian::DB_OPEN);
    std::vector<Xapian::docid> chosen, removed;
    size_t step = static_cast<size_t>(100 / percent);
    size_t n = 0;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p, ++n) {
      if (n % step == 0) chosen.push_back(*p);
      if (n % step == step / 2) removed.push_back(*p);
    }

    // The new versions are made before the clock starts: an indexer has
    // them from its own parse, not from the index.
    std::vector<Xapian::Document> same, copies;
    for (Xapian::docid d : chosen) {
      Xapian::Document doc = db.get_document(d);
      same.push_back(Copy(doc, ""));
      copies.push_back(Copy(doc, "+"));
    }

    double start = Now();
    for (size_t i = 0; i < chosen.size(); ++i) db.replace_document(chosen[i], same[i]);
    double written = Now();
    db.commit();
    Report("change", chosen.size(), start, written, Now());

    start = Now();
    for (const Xapian::Document& doc : copies) db.add_document(doc);
    written = Now();
    db.commit();
    Report("add", copies.size(), start, written, Now());

    start = Now();
    for (Xapian::docid d : removed) db.delete_document(d);
    written = Now();
    db.commit();
    Report("remove", removed.size(), start, written, Now());
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "bench_floor_update: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
