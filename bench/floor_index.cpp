// bench_floor_index: the indexing floor. Reads the same Markdown files as
// longjing-index, splits off the YAML front matter (title only), guesses the
// language cheaply (CJK share, then a handful of French function words), and
// runs Xapian's TermGenerator with that language's stemmer over title and body
// on N worker threads; one writer adds every document to a fresh database in
// one batch (DB_NO_SYNC, one commit). No tagging, no language identifier, no
// values, no change hashes: the cost of the term generation and the posting
// lists alone.
//
// With --shards, each thread writes its own database instead (a commit every
// 1,000 documents, DB_NO_SYNC), and Xapian::Compactor merges them into OUT:
// what Xapian's writer can do on every core at once -- the ceiling for any
// indexer of this corpus that keeps positions.
//
//   bench_floor_index --corpus DIR --db OUT [--threads N] [--shards]
//
// Prints one line: "floor_index[_shards] docs=.. bytes=.. seconds=.. docs_per_s=.. mb_per_s=..".
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "longjing/schema.h"

namespace {

namespace fs = std::filesystem;
namespace s = longjing::schema;

struct Parsed {
  std::string title, body;
};

Parsed SplitFrontMatter(const std::string& text) {
  Parsed p;
  if (text.rfind("---\n", 0) != 0) {
    p.body = text;
    return p;
  }
  size_t end = text.find("\n---\n", 3);
  if (end == std::string::npos) {
    p.body = text;
    return p;
  }
  std::string_view fm(text.data() + 4, end - 3);
  size_t t = fm.find("title:");
  if (t != std::string_view::npos) {
    size_t nl = fm.find('\n', t);
    std::string_view v =
        fm.substr(t + 6, nl == std::string_view::npos ? std::string_view::npos : nl - t - 6);
    while (!v.empty() && (v.front() == ' ' || v.front() == '"')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '"')) v.remove_suffix(1);
    p.title = v;
  }
  p.body = text.substr(end + 5);
  return p;
}

// "" (no stemmer: CJK), "french" or "english".
const char* GuessStemmer(std::string_view body) {
  std::string_view sample = body.substr(0, 4096);
  size_t cjk = 0;
  for (unsigned char c : sample)
    if (c >= 0xE3 && c <= 0xE9) ++cjk;         // lead bytes of U+3000..U+9FFF
  if (cjk * 3 * 4 > sample.size()) return "";  // over a quarter CJK
  size_t fr = 0, en = 0;
  for (std::string_view w : {" le ", " la ", " les ", " des ", " et ", " du "}) {
    for (size_t at = sample.find(w); at != std::string_view::npos; at = sample.find(w, at + 1))
      ++fr;
  }
  for (std::string_view w : {" the ", " and ", " of ", " to ", " is ", " in "}) {
    for (size_t at = sample.find(w); at != std::string_view::npos; at = sample.find(w, at + 1))
      ++en;
  }
  return fr > en ? "french" : "english";
}

// A bounded hand-over from the term generators to the one writer.
class Queue {
 public:
  explicit Queue(size_t capacity) : capacity_(capacity) {}
  void Push(Xapian::Document doc) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(doc));
    not_empty_.notify_one();
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  std::optional<Xapian::Document> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    Xapian::Document d = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return d;
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Xapian::Document> items_;
  bool closed_ = false;
};

Xapian::Document MakeDocument(Xapian::TermGenerator& tg, const std::string& id,
                              const std::string& text) {
  Parsed p = SplitFrontMatter(text);
  const char* stemmer = GuessStemmer(p.body);
  Xapian::Document doc;
  tg.set_stemmer(*stemmer ? Xapian::Stem(stemmer) : Xapian::Stem());
  tg.set_document(doc);
  tg.index_text(p.title, 1, std::string(s::kPrefixTitle));
  tg.index_text(p.title);
  tg.increase_termpos(100);
  tg.index_text(p.body);
  doc.add_boolean_term(s::IdTerm(id));
  doc.set_data(p.body);
  return doc;
}

constexpr size_t kShardBatch = 1000;

// Generates the documents of the files it takes from `next`; hands them to
// `out`, or (out null) writes them into `shard`.
void Generate(const fs::path& root, const std::vector<std::string>& files,
              std::atomic<size_t>* next, std::atomic<uint64_t>* bytes, Queue* out,
              Xapian::WritableDatabase* shard) {
  size_t in_shard = 0;
  Xapian::TermGenerator tg;
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);  // as the document builder
  for (size_t i = next->fetch_add(1); i < files.size(); i = next->fetch_add(1)) {
    std::ifstream in(root / files[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    *bytes += text.size();
    Xapian::Document doc = MakeDocument(tg, files[i], text);
    if (out) {
      out->Push(std::move(doc));
      continue;
    }
    shard->add_document(doc);
    if (++in_shard % kShardBatch == 0) shard->commit();
  }
  if (shard) shard->commit();
}

std::vector<std::string> ListFiles(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), root).generic_string();
    if (rel.size() > 3 && rel.ends_with(".md") && rel[0] != '.') files.push_back(rel);
  }
  std::sort(files.begin(), files.end());
  return files;
}

int Usage() {
  std::cerr << "usage: bench_floor_index --corpus DIR --db OUT [--threads N] [--shards]\n";
  return 2;
}

void Report(const char* label, size_t docs, uint64_t bytes, double secs, int threads) {
  std::printf("%s docs=%zu bytes=%llu seconds=%.3f docs_per_s=%.1f mb_per_s=%.2f threads=%d\n",
              label, docs, static_cast<unsigned long long>(bytes), secs, docs / secs,
              bytes / 1e6 / secs, threads);
}

struct Run {
  size_t docs = 0;
  uint64_t bytes = 0;
};

// Every document through one writer, in one batch.
Run RunOneWriter(const std::string& corpus, const std::string& db_path, int threads) {
  std::vector<std::string> files = ListFiles(corpus);
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  Queue queue(1024);
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> bytes{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back(Generate, fs::path(corpus), std::cref(files), &next, &bytes, &queue,
                         nullptr);
  std::thread closer([&] {
    for (auto& w : workers) w.join();
    queue.Close();
  });
  size_t docs = 0;
  while (auto doc = queue.Pop()) {
    db.add_document(*doc);
    ++docs;
  }
  closer.join();
  db.commit();
  return {docs, bytes.load()};
}

// One database per thread, then one compaction.
Run RunShards(const std::string& corpus, const std::string& db_path, int threads) {
  std::vector<std::string> files = ListFiles(corpus);
  const std::string dir = db_path + ".shards";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::unique_ptr<Xapian::WritableDatabase>> shards;
  for (int t = 0; t < threads; ++t)
    shards.push_back(std::make_unique<Xapian::WritableDatabase>(
        dir + "/" + std::to_string(t), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC));
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> bytes{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back(Generate, fs::path(corpus), std::cref(files), &next, &bytes, nullptr,
                         shards[t].get());
  for (auto& w : workers) w.join();
  shards.clear();  // closes them
  Xapian::Database all;
  for (int t = 0; t < threads; ++t)
    all.add_database(Xapian::Database(dir + "/" + std::to_string(t)));
  Xapian::Compactor compactor;
  all.compact(db_path, Xapian::DBCOMPACT_MULTIPASS, 0, compactor);
  Run run{all.get_doccount(), bytes.load()};
  all.close();
  fs::remove_all(dir);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus, db_path;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool shards = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--shards") {
      shards = true;
      continue;
    }
    if (i + 1 >= argc) return Usage();
    std::string v = argv[++i];
    if (a == "--corpus")
      corpus = v;
    else if (a == "--db")
      db_path = v;
    else if (a == "--threads")
      threads = std::max(1, std::atoi(v.c_str()));
    else
      return Usage();
  }
  if (corpus.empty() || db_path.empty()) return Usage();
  try {
    auto start = std::chrono::steady_clock::now();
    Run run = shards ? RunShards(corpus, db_path, threads) : RunOneWriter(corpus, db_path, threads);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Report(shards ? "floor_index_shards" : "floor_index", run.docs, run.bytes, secs, threads);
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "bench_floor_index: " << e.get_description() << "\n";
    return 1;
  }
}
