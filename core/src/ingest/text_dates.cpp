// Dates written out in running text, for formats whose metadata may have
// none (PDF, DOCX): English, French and Chinese forms.
#include <array>
#include <cctype>
#include <string>

#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {
namespace {

constexpr size_t kScanBytes = 64 * 1024;

struct MonthName {
  std::string_view name;
  int month;
};

// Lowercase; French names without accents too, as OCR and ASCII-only
// authors write them. Longest first where one is a prefix of another.
constexpr std::array<MonthName, 34> kMonths = {{
    {"january", 1},   {"february", 2},  {"march", 3},     {"april", 4},     {"may", 5},
    {"june", 6},      {"july", 7},      {"august", 8},    {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"janvier", 1},   {"février", 2},   {"fevrier", 2},
    {"mars", 3},      {"avril", 4},     {"mai", 5},       {"juin", 6},      {"juillet", 7},
    {"août", 8},      {"aout", 8},      {"septembre", 9}, {"octobre", 10},  {"novembre", 11},
    {"décembre", 12}, {"decembre", 12}, {"sept", 9},      {"jan", 1},       {"feb", 2},
    {"apr", 4},       {"aug", 8},       {"oct", 10},      {"dec", 12},
}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_len ASCII digits at `i`; advances i. -1 when none.
int ReadNumber(std::string_view s, size_t& i, size_t max_len) {
  size_t start = i;
  int n = 0;
  while (i < s.size() && IsDigit(s[i]) && i - start < max_len) n = n * 10 + (s[i++] - '0');
  if (i == start || (i < s.size() && IsDigit(s[i]))) return -1;
  return n;
}

// A month name at `i` as a whole word (case-insensitive); advances i past it
// and a following '.'. 0 when none.
int ReadMonth(std::string_view s, size_t& i) {
  for (const MonthName& m : kMonths) {
    if (i + m.name.size() > s.size()) continue;
    if (text::LowerAscii(s.substr(i, m.name.size())) != m.name) continue;
    size_t end = i + m.name.size();
    if (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) continue;
    i = end;
    if (i < s.size() && s[i] == '.') ++i;
    return m.month;
  }
  return 0;
}

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
  return i;
}

std::string Ymd(int y, int m, int d) {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return IsValidDate(buf) ? buf : "";
}

// "5 March 2024", "1er mars 2024" at i (a digit that starts a word).
std::string DayMonthYear(std::string_view s, size_t i) {
  int day = ReadNumber(s, i, 2);
  if (day < 0) return "";
  if (s.substr(i, 2) == "er") i += 2;
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (text::LowerAscii(s.substr(i, 2)) == suffix) i += 2;
  size_t j = SkipSpaces(s, i);
  if (j == i) return "";
  int month = ReadMonth(s, j);
  if (!month) return "";
  size_t k = SkipSpaces(s, j);
  if (k < s.size() && s[k] == ',') k = SkipSpaces(s, k + 1);
  return Ymd(ReadNumber(s, k, 4), month, day);
}

// "March 5, 2024" at i (a letter that starts a word).
std::string MonthDayYear(std::string_view s, size_t i) {
  int month = ReadMonth(s, i);
  if (!month) return "";
  size_t j = SkipSpaces(s, i);
  if (j == i) return "";
  int day = ReadNumber(s, j, 2);
  if (day < 0) return "";
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (text::LowerAscii(s.substr(j, 2)) == suffix) j += 2;
  if (j < s.size() && s[j] == ',') ++j;
  size_t k = SkipSpaces(s, j);
  if (k == j) return "";
  return Ymd(ReadNumber(s, k, 4), month, day);
}

// "2024年3月5日" and "2024-03-05" at i (a digit that starts a number).
std::string YearFirst(std::string_view s, size_t i) {
  int year = ReadNumber(s, i, 4);
  if (year < 0) return "";
  constexpr std::string_view kYear = "年", kMonth = "月", kDay = "日";
  if (s.substr(i, kYear.size()) == kYear) {
    i = SkipSpaces(s, i + kYear.size());
    int month = ReadNumber(s, i, 2);
    if (month < 0 || s.substr(i, kMonth.size()) != kMonth) return "";
    i = SkipSpaces(s, i + kMonth.size());
    int day = ReadNumber(s, i, 2);
    if (day < 0 || s.substr(i, kDay.size()) != kDay) return "";
    return Ymd(year, month, day);
  }
  if (i < s.size() && s[i] == '-') {
    int month = ReadNumber(s, ++i, 2);
    if (month < 0 || i >= s.size() || s[i] != '-') return "";
    return Ymd(year, month, ReadNumber(s, ++i, 2));
  }
  return "";
}

// Full-width digits (０-９, U+FF10..U+FF19) as ASCII, so one scanner reads both.
std::string AsciiDigits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      unsigned char c = static_cast<unsigned char>(s[i + 2]);
      if (c >= 0x90 && c <= 0x99) {
        out += static_cast<char>('0' + (c - 0x90));
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::string FindDateInText(std::string_view input) {
  std::string s = AsciiDigits(input.substr(0, kScanBytes));
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
    if (!word_start) continue;
    std::string date;
    if (IsDigit(s[i])) {
      date = YearFirst(s, i);
      if (date.empty()) date = DayMonthYear(s, i);
    } else if (std::isalpha(c)) {
      date = MonthDayYear(s, i);
    }
    if (!date.empty()) return date;
  }
  return "";
}

}  // namespace longjing
