// PDF via poppler's C++ API: text per page in reading order, title and date
// from the document information dictionary.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <ctime>
#include <memory>
#include <mutex>

#include "ingest/parse_internal.h"
#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {
namespace {

using parse_internal::CleanLine;

// A heading is short; longer first lines are running text.
constexpr size_t kMaxTitleBytes = 200;

// poppler prints every syntax error of a damaged file to stderr; the parser
// reports one warning per file instead.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Control characters other than line breaks (form feeds between columns,
// NULs from broken ToUnicode maps) become spaces.
std::string CleanPageText(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') c = ' ';
  return text::NormalizeSpace(text, true);
}

std::string UtcDate(time_t t) {
  if (t <= 0) return "";
  std::tm utc{};
  if (!gmtime_r(&t, &utc)) return "";
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return IsValidDate(buf) ? buf : "";
}

// Page numbers, running heads made only of digits and punctuation, are no title.
bool HasLetter(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    char32_t c = text::NextCodePoint(line, i);
    if (c >= 0x80 ? (text::IsCjk(c) || text::IsWordChar(c)) && !(c >= 0xFF10 && c <= 0xFF19)
                  : std::isalpha(static_cast<int>(c)))
      return true;
  }
  return false;
}

std::string FirstHeadingLine(std::string_view body) {
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string line = CleanLine(body.substr(start, end - start));
    for (char& c : line)
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    if (!line.empty() && line.size() <= kMaxTitleBytes && HasLetter(line)) return line;
    if (line.size() > kMaxTitleBytes) return "";
    start = end + 1;
  }
  return "";
}

// Converters fill the title with the source file's name ("Microsoft Word -
// report.docx"), which is no title.
std::string MetadataTitle(std::string title) {
  std::string lower = text::LowerAscii(title);
  for (std::string_view ext : {".doc", ".docx", ".odt", ".rtf", ".pdf", ".tex", ".indd"})
    if (lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0)
      return "";
  if (lower == "untitled") return "";
  return title;
}

// One warning and no article; the reason names what is wrong with the file.
ParseOutput Refuse(std::string_view rel_path, std::string reason) {
  ParseOutput out;
  out.warnings.push_back(parse_internal::MakeDiagnostic(rel_path, 0, std::move(reason)));
  return out;
}

}  // namespace

ParseOutput ParsePdf(std::string_view rel_path, std::string_view bytes, const ParseLimits& limits) {
  return parse_internal::Guarded(rel_path, [&]() -> ParseOutput {
    SilencePoppler();
    if (bytes.empty()) return Refuse(rel_path, "empty file");
    if (bytes.size() > static_cast<size_t>(INT_MAX)) return Refuse(rel_path, "PDF over 2 GB");
    if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
      return Refuse(rel_path, "not a PDF (no %PDF- header)");
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return Refuse(rel_path, "damaged PDF (poppler cannot open it)");
    if (doc->is_locked()) return Refuse(rel_path, "encrypted PDF (needs a password); skipped");
    int pages = doc->pages();
    if (pages <= 0) return Refuse(rel_path, "damaged PDF (no pages)");
    if (static_cast<size_t>(pages) > limits.max_pages)
      return Refuse(rel_path, "PDF has " + std::to_string(pages) +
                                  " pages, over the max_document_pages cap of " +
                                  std::to_string(limits.max_pages) + "; skipped");
    Article article = parse_internal::NewArticle(rel_path, "pdf");
    std::string first_line;
    for (int i = 0; i < pages; ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      std::string raw =
          page ? Utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout))
               : std::string();
      // The heading is looked for in the lines as laid out, before running
      // text is joined.
      if (first_line.empty()) first_line = FirstHeadingLine(raw);
      std::string text = CleanPageText(std::move(raw));
      if (!article.body.empty()) article.body += "\n\n";
      article.page_starts.push_back(article.body.size());
      article.body += text;
    }
    if (text::Trim(article.body).empty())
      return Refuse(rel_path, "PDF has no text layer (scanned pages?); skipped");
    if (!text::IsValidUtf8(article.body)) return Refuse(rel_path, "damaged PDF (invalid text)");
    article.title = MetadataTitle(CleanLine(Utf8(doc->get_title())));
    if (article.title.empty()) article.title = first_line;
    article.author = CleanLine(Utf8(doc->get_author()));
    article.date = UtcDate(doc->get_creation_date_t());
    if (article.date.empty()) article.date = FindDateInText(article.body);
    ParseOutput out;
    parse_internal::AddArticle(out, std::move(article));
    return out;
  });
}

}  // namespace longjing
