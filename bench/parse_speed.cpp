// Extraction speed by format: reads up to --files corpus files of each
// extension and times ParseFile on them; then makes PDFs and DOCX files of
// the same articles (tests/doc_fixtures.h: the PDFs carry a text layer as a
// converter writes it, a Type0 font with a ToUnicode map for Chinese) and
// times ParsePdf and ParseDocx. Medians of --repeat rounds. Prints
//   parse_<ext> files=N bytes=B mb_s=X files_s=Y
//   parse_pdf files=N pages=P bytes=B mb_s=X pages_s=Y
//   parse_docx files=N bytes=B mb_s=X files_s=Y
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "doc_fixtures.h"
#include "longjing/parse.h"

namespace fs = std::filesystem;
using namespace longjing;

namespace {

struct Input {
  std::string path, bytes;
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty()      ? 0
         : v.size() % 2 ? v[v.size() / 2]
                        : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Seconds of one pass of ParseFile over `inputs`; *units counts articles'
// pages (or files when unpaged).
double Pass(const std::vector<Input>& inputs, size_t* pages) {
  auto start = std::chrono::steady_clock::now();
  size_t n = 0;
  for (const Input& in : inputs) {
    ParseOutput out = ParseFile(in.path, in.bytes);
    for (const Article& a : out.articles) n += std::max<size_t>(1, a.page_starts.size());
  }
  *pages = n;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Report(const std::string& label, const std::vector<Input>& inputs, int repeat, bool paged) {
  if (inputs.empty()) return;
  size_t bytes = 0;
  for (const Input& in : inputs) bytes += in.bytes.size();
  std::vector<double> secs;
  size_t pages = 0;
  for (int r = 0; r < repeat; ++r) secs.push_back(Pass(inputs, &pages));
  double s = Median(secs);
  std::printf("parse_%s files=%zu bytes=%zu mb_s=%.2f", label.c_str(), inputs.size(), bytes,
              bytes / 1e6 / s);
  if (paged)
    std::printf(" pages=%zu pages_s=%.1f\n", pages, pages / s);
  else
    std::printf(" files_s=%.1f\n", inputs.size() / s);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus;
  size_t per_format = 400;
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--corpus") corpus = argv[i + 1];
    if (flag == "--files") per_format = std::stoul(argv[i + 1]);
    if (flag == "--repeat") repeat = std::stoi(argv[i + 1]);
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "usage: bench_parse_speed --corpus DIR [--files N] [--repeat R]\n");
    return 2;
  }
  std::map<std::string, std::vector<Input>> by_ext;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::string rel = fs::relative(p, corpus).string();
    if (!IsCorpusFile(rel)) continue;
    std::string ext = p.extension().string().substr(1);
    auto& list = by_ext[ext];
    if (list.size() < per_format) list.push_back({rel, ReadAll(p)});
  }
  std::vector<Input> pdfs, docxs;
  for (const auto& [ext, inputs] : by_ext) {
    Report(ext, inputs, repeat, false);
    for (const Input& in : inputs) {
      if (pdfs.size() >= per_format) break;
      for (const Article& a : ParseFile(in.path, in.bytes).articles) {
        testing::PdfSpec pdf;
        pdf.title = a.title;
        pdf.pages = testing::Paginate(a.title + "\n\n" + a.body);
        pdfs.push_back({"bench/" + std::to_string(pdfs.size()) + ".pdf", testing::MakePdf(pdf)});
        testing::DocxSpec docx;
        docx.title = a.title;
        std::istringstream paragraphs(a.body);
        for (std::string line; std::getline(paragraphs, line);)
          if (!line.empty()) docx.paragraphs.push_back({line, ""});
        docxs.push_back(
            {"bench/" + std::to_string(docxs.size()) + ".docx", testing::MakeDocx(docx)});
        break;
      }
    }
  }
  Report("pdf", pdfs, repeat, true);
  Report("docx", docxs, repeat, false);
  return 0;
}
