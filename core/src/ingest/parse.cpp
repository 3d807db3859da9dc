// Dispatch by extension, and the checks and helpers every format shares.
#include "longjing/parse.h"

#include <algorithm>
#include <cctype>

#include "ingest/parse_internal.h"
#include "longjing/text.h"

namespace longjing {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Lowercase extension without the dot, "" when there is none.
std::string Extension(std::string_view rel_path) {
  std::string_view base = BaseName(rel_path);
  size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  return text::LowerAscii(base.substr(dot + 1));
}

bool IsHiddenOrTemp(std::string_view rel_path) {
  size_t start = 0;
  while (start <= rel_path.size()) {
    size_t end = rel_path.find('/', start);
    if (end == std::string_view::npos) end = rel_path.size();
    std::string_view part = rel_path.substr(start, end - start);
    // "." is harmless ("./a.md"); ".." and every other dot-name is hidden.
    if (!part.empty() && part != "." && part[0] == '.') return true;
    start = end + 1;
  }
  std::string base = text::LowerAscii(BaseName(rel_path));
  if (base.empty()) return true;
  if (EndsWith(base, "~") || EndsWith(base, ".swp") || EndsWith(base, ".tmp")) return true;
  // Emacs auto-save files: "#name#".
  return base.size() >= 2 && base.front() == '#' && base.back() == '#';
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Article URLs become links on the page and in the feed: anything but
// http(s) (javascript:, data:...) is dropped with a warning; the article stays.
void DropUnsafeUrls(std::string_view rel_path, ParseOutput& out) {
  for (Article& article : out.articles) {
    if (article.url.empty() || text::IsHttpUrl(article.url)) continue;
    out.warnings.push_back(parse_internal::MakeDiagnostic(
        rel_path, article.line,
        "url '" + text::Excerpt(article.url) + "' dropped: only http(s) URLs are kept"));
    article.url.clear();
  }
}

}  // namespace

bool IsCorpusFile(std::string_view rel_path) {
  if (IsHiddenOrTemp(rel_path)) return false;
  std::string ext = Extension(rel_path);
  return ext == "md" || ext == "markdown" || ext == "txt" || ext == "html" || ext == "htm" ||
         ext == "jsonl" || ext == "pdf" || ext == "docx";
}

bool IsDocumentFile(std::string_view rel_path) {
  std::string ext = Extension(rel_path);
  return ext == "pdf" || ext == "docx";
}

bool IsValidDate(std::string_view ymd) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-') return false;
  std::string_view y = ymd.substr(0, 4), m = ymd.substr(5, 2), d = ymd.substr(8, 2);
  if (!IsDigits(y) || !IsDigits(m) || !IsDigits(d)) return false;
  int year = ToInt(y), month = ToInt(m), day = ToInt(d);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

ParseOutput ParseFile(std::string_view rel_path, std::string_view bytes,
                      const ParseLimits& limits) {
  return parse_internal::Guarded(rel_path, [&]() -> ParseOutput {
    std::string ext = Extension(rel_path);
    ParseOutput out;
    if (ext == "md" || ext == "markdown") {
      out = ParseMarkdown(rel_path, bytes);
    } else if (ext == "txt") {
      out = ParseText(rel_path, bytes);
    } else if (ext == "html" || ext == "htm") {
      out = ParseHtml(rel_path, bytes);
    } else if (ext == "jsonl") {
      out = ParseJsonl(rel_path, bytes);
    } else if (ext == "pdf") {
      out = ParsePdf(rel_path, bytes, limits);
    } else if (ext == "docx") {
      out = ParseDocx(rel_path, bytes);
    } else {
      out.warnings.push_back(parse_internal::MakeDiagnostic(
          rel_path, 0, "not a corpus file (unknown extension '" + ext + "')"));
      return out;
    }
    DropUnsafeUrls(rel_path, out);
    return out;
  });
}

namespace parse_internal {

Diagnostic MakeDiagnostic(std::string_view rel_path, int line, std::string message) {
  Diagnostic d;
  d.path = std::string(rel_path);
  d.line = line;
  d.message = std::move(message);
  return d;
}

Article NewArticle(std::string_view rel_path, std::string_view format) {
  Article a;
  a.id = std::string(rel_path);
  a.path = std::string(rel_path);
  a.format = std::string(format);
  return a;
}

std::string_view StripBom(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes;
}

std::string NormalizeNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  return out;
}

int LineOf(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::optional<Diagnostic> CheckText(std::string_view rel_path, std::string_view text) {
  size_t bad = 0;
  if (!text::IsValidUtf8(text, &bad)) {
    int line = LineOf(text, bad);
    return MakeDiagnostic(rel_path, line, "invalid UTF-8 at line " + std::to_string(line));
  }
  if (text::Trim(text).empty()) return MakeDiagnostic(rel_path, 0, "empty file");
  return std::nullopt;
}

std::string NormalizeDate(std::string_view s) {
  s = text::Trim(s);
  size_t dash1 = s.find('-');
  if (dash1 != 4) return "";
  size_t dash2 = s.find('-', 5);
  if (dash2 == std::string_view::npos) return "";
  std::string_view month = s.substr(5, dash2 - 5);
  size_t day_end = dash2 + 1;
  while (day_end < s.size() && day_end - dash2 <= 3 &&
         std::isdigit(static_cast<unsigned char>(s[day_end])))
    ++day_end;
  std::string_view day = s.substr(dash2 + 1, day_end - dash2 - 1);
  if (month.empty() || month.size() > 2 || day.empty() || day.size() > 2) return "";
  // Only a time of day may follow the date.
  if (day_end < s.size() && s[day_end] != 'T' && s[day_end] != 't' && s[day_end] != ' ' &&
      s[day_end] != '\t')
    return "";
  std::string ymd(s.substr(0, 5));
  ymd += month.size() == 1 ? "0" + std::string(month) : std::string(month);
  ymd += '-';
  ymd += day.size() == 1 ? "0" + std::string(day) : std::string(day);
  return IsValidDate(ymd) ? ymd : "";
}

std::string NormalizeLang(std::string_view s) {
  std::string lang = text::LowerAscii(text::Trim(s));
  size_t sep = lang.find_first_of("-_");
  if (sep != std::string::npos) lang.resize(sep);
  return lang;
}

std::string CleanLine(std::string_view s) { return text::NormalizeSpace(text::Trim(s), false); }

void AppendTagIds(std::string_view s, std::vector<std::string>& ids) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string_view::npos) end = s.size();
    std::string id = CleanLine(s.substr(start, end - start));
    if (!id.empty()) ids.push_back(std::move(id));
    start = end + 1;
  }
}

void AddArticle(ParseOutput& out, Article article) {
  if (article.title.empty() && article.body.empty()) {
    out.warnings.push_back(MakeDiagnostic(article.path, article.line, "no text"));
    return;
  }
  out.articles.push_back(std::move(article));
}

}  // namespace parse_internal

}  // namespace longjing
