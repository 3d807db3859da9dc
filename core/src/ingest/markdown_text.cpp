// Markdown -> plain text. Not a full CommonMark parser: it recognises the
// constructs articles use (headings, emphasis, code, links, images, lists,
// block quotes, tables, HTML tags) well enough that only their text remains,
// and keeps the paragraph structure.
#include "ingest/markdown_text.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "ingest/parse_internal.h"
#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {

namespace {

constexpr size_t kNpos = std::string_view::npos;
// Link text inside link text inside ...: bounded so hostile input cannot
// recurse deeply.
constexpr int kMaxInlineDepth = 8;
// How far ahead an inline construct (link, code span, tag, entity) may end.
// Without a bound, text full of unmatched '[' or '<' would be scanned to
// its end once per opener: quadratic time on hostile input.
constexpr size_t kMaxInlineSpan = 4096;

// s.find(what, from), but only within kMaxInlineSpan bytes of `from`.
size_t FindNear(std::string_view s, std::string_view what, size_t from) {
  if (from > s.size()) return kNpos;
  return s.substr(0, std::min(s.size(), from + kMaxInlineSpan)).find(what, from);
}

bool IsAsciiPunct(char c) {
  return c > 0x20 && c < 0x7F && std::ispunct(static_cast<unsigned char>(c));
}
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n'; }
// Letters and digits of any script (bytes >= 0x80 belong to non-ASCII letters
// often enough for the intraword test).
bool IsWordByte(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view SkipSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == kNpos) end = s.size();
    lines.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// ---- Inline ---------------------------------------------------------------

// The closer matching every '[' and '(' of a text (backslash escapes
// respected), found in one pass: scanning ahead from each opener instead
// would be quadratic on text full of unmatched '['.
class Pairs {
 public:
  explicit Pairs(std::string_view s) {
    if (s.find_first_of("[(") == kNpos) return;
    close_.assign(s.size(), kNpos);
    std::vector<size_t> brackets, parens;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      std::vector<size_t>& stack = (c == '[' || c == ']') ? brackets : parens;
      if (c == '[' || c == '(') {
        stack.push_back(i);
      } else if ((c == ']' || c == ')') && !stack.empty()) {
        close_[stack.back()] = i;
        stack.pop_back();
      }
    }
  }
  // Index of the closer of the opener at `open`, or npos.
  size_t CloseOf(size_t open) const { return open < close_.size() ? close_[open] : kNpos; }

 private:
  std::vector<size_t> close_;
};

// s.find(what, from) for calls with non-decreasing `from`, each part of the
// text searched once: many unclosed "<!--" stay linear.
class ForwardFinder {
 public:
  ForwardFinder(std::string_view s, std::string_view what) : s_(s), what_(what) {}
  size_t Find(size_t from) {
    if (!searched_ || from < from_ || (found_ != kNpos && found_ < from)) {
      found_ = s_.find(what_, from);
      from_ = from;
      searched_ = true;
    }
    return found_;
  }

 private:
  std::string_view s_, what_;
  bool searched_ = false;
  size_t from_ = 0;
  size_t found_ = kNpos;
};

// End of "[text](dest)" or "[text][ref]" starting at `open`, or npos when
// the brackets are plain text.
size_t LinkEnd(std::string_view s, const Pairs& pairs, size_t open) {
  size_t close = pairs.CloseOf(open);
  if (close == kNpos || close + 1 >= s.size()) return kNpos;
  size_t end = kNpos;
  if (s[close + 1] == '(' || s[close + 1] == '[') end = pairs.CloseOf(close + 1);
  return end == kNpos ? kNpos : end + 1;
}

// `code`: the content verbatim. Returns the index after the span.
size_t CodeSpan(std::string_view s, size_t i, std::string& out) {
  size_t n = 0;
  while (i + n < s.size() && s[i + n] == '`') ++n;
  for (size_t j = i + n; j < s.size() && j - i < kMaxInlineSpan;) {
    size_t k = FindNear(s, "`", j);
    if (k == kNpos) break;
    size_t m = 0;
    while (k + m < s.size() && s[k + m] == '`') ++m;
    if (m == n) {
      out += s.substr(i + n, k - i - n);
      return k + m;
    }
    j = k + m;
  }
  out += s.substr(i, n);
  return i + n;
}

bool IsInlineTag(std::string_view name) {
  static constexpr std::string_view kInline[] = {
      "a",      "abbr", "b",   "bdi",  "bdo", "cite", "code", "data",  "dfn",
      "em",     "i",    "kbd", "mark", "q",   "s",    "samp", "small", "span",
      "strong", "sub",  "sup", "time", "u",   "var",  "del",  "ins",   "font"};
  for (std::string_view t : kInline)
    if (t == name) return true;
  return false;
}

// "<...>" at s[i]: an autolink keeps its address; an HTML tag or comment
// goes (a block-level tag leaves a paragraph break; <script> and <style>
// take their content with them). Returns the index after it, or npos when
// the '<' is plain text.
size_t HtmlOrAutolink(std::string_view s, size_t i, ForwardFinder& comment_end, std::string& out) {
  if (s.substr(i, 4) == "<!--") {
    size_t end = comment_end.Find(i + 4);
    return end == kNpos ? kNpos : end + 3;
  }
  size_t close = FindNear(s, ">", i);
  if (close == kNpos) return kNpos;
  std::string_view inner = s.substr(i + 1, close - i - 1);
  if (inner.empty()) return kNpos;
  bool closing = inner[0] == '/';
  std::string_view rest = closing ? inner.substr(1) : inner;
  size_t name_len = 0;
  while (name_len < rest.size() &&
         (std::isalnum(static_cast<unsigned char>(rest[name_len])) || rest[name_len] == '-'))
    ++name_len;
  bool has_space = inner.find_first_of(" \t\n") != kNpos;
  if (!closing && name_len > 0 && name_len < rest.size() && rest[name_len] == ':' && !has_space) {
    out += inner;  // <https://example.org>
    return close + 1;
  }
  if (!closing && !has_space && inner.find('@') != kNpos) {
    out += inner;  // <someone@example.org>
    return close + 1;
  }
  if (name_len == 0 || !std::isalpha(static_cast<unsigned char>(rest[0]))) {
    if (inner[0] == '!' || inner[0] == '?') return close + 1;  // <!DOCTYPE>, <?xml?>
    return kNpos;
  }
  std::string name(rest.substr(0, name_len));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!closing && (name == "script" || name == "style")) {
    size_t end = s.find("</" + name, close);
    if (end == kNpos) return s.size();
    size_t gt = s.find('>', end);
    return gt == kNpos ? s.size() : gt + 1;
  }
  if (!IsInlineTag(name)) out += "\n\n";
  return close + 1;
}

// "&amp;", "&#233;", "&#x4E2D;": decoded into out. Returns the index after
// the entity, or npos when it is not one we know.
size_t DecodeEntity(std::string_view s, size_t i, std::string& out) {
  size_t semi = FindNear(s, ";", i);
  if (semi == kNpos || semi - i > 10 || semi == i + 1) return kNpos;
  std::string_view name = s.substr(i + 1, semi - i - 1);
  if (name[0] == '#') {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return kNpos;
    char32_t cp = 0;
    for (char c : digits) {
      int v = IsDigit(c) ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c))
                  ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                  : -1;
      if (v < 0 || cp > 0x10FFFF) return kNpos;
      cp = cp * (hex ? 16 : 10) + v;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kNpos;
    text::AppendUtf8(out, cp);
    return semi + 1;
  }
  static constexpr std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},    {"mdash", 0x2014}, {"ndash", 0x2013},
      {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"rsquo", 0x2019},
      {"lsquo", 0x2018},  {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"copy", 0xA9}};
  for (const auto& [entity, cp] : kNamed) {
    if (entity == name) {
      text::AppendUtf8(out, cp);
      return semi + 1;
    }
  }
  return kNpos;
}

// A run of '*', '_' or '~' at s[i]: dropped when it can open or close
// emphasis (touches a non-space on one side); kept when it is plain text
// ("a * b", "snake_case", "3*4", "~5").
size_t EmphasisRun(std::string_view s, size_t i, std::string& out) {
  char c = s[i];
  size_t j = i;
  while (j < s.size() && s[j] == c) ++j;
  char prev = i > 0 ? s[i - 1] : ' ';
  char next = j < s.size() ? s[j] : ' ';
  bool flanking = !IsBlank(prev) || !IsBlank(next);
  bool intraword = IsWordByte(prev) && IsWordByte(next);
  bool keep;
  if (c == '_')
    keep = intraword || !flanking;
  else if (c == '~')
    keep = j - i < 2 || !flanking;
  else
    keep = !flanking || (IsDigit(prev) && IsDigit(next));
  if (keep) out += s.substr(i, j - i);
  return j;
}

std::string InlineToText(std::string_view s, int depth = 0) {
  const Pairs pairs(s);
  ForwardFinder comment_end(s, "-->");
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    size_t next = kNpos;
    if (c == '\\' && i + 1 < s.size() && IsAsciiPunct(s[i + 1])) {
      out += s[i + 1];
      next = i + 2;
    } else if (c == '`') {
      next = CodeSpan(s, i, out);
    } else if ((c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) &&
               depth < kMaxInlineDepth) {
      size_t open = c == '!' ? i + 1 : i;
      size_t end = LinkEnd(s, pairs, open);
      if (end != kNpos) {
        size_t close = pairs.CloseOf(open);
        out += InlineToText(s.substr(open + 1, close - open - 1), depth + 1);
        next = end;
      }
    } else if (c == '<') {
      next = HtmlOrAutolink(s, i, comment_end, out);
    } else if (c == '&') {
      next = DecodeEntity(s, i, out);
    } else if (c == '*' || c == '_' || c == '~') {
      next = EmphasisRun(s, i, out);
    }
    if (next == kNpos) {
      out += c;
      next = i + 1;
    }
    i = next;
  }
  return out;
}

// ---- Blocks ---------------------------------------------------------------

struct Fence {
  char marker = 0;  // '`' or '~'; 0 when not in a fence
  size_t length = 0;
};

// "```lang" or "~~~": opens a fenced code block.
bool OpensFence(std::string_view line, Fence& fence) {
  line = SkipSpaces(line);
  if (line.empty() || (line[0] != '`' && line[0] != '~')) return false;
  size_t n = 0;
  while (n < line.size() && line[n] == line[0]) ++n;
  if (n < 3) return false;
  // An info string after ``` may not contain a backtick (that is inline code).
  if (line[0] == '`' && line.find('`', n) != kNpos) return false;
  fence = {line[0], n};
  return true;
}

bool ClosesFence(std::string_view line, const Fence& fence) {
  line = SkipSpaces(line);
  size_t n = 0;
  while (n < line.size() && line[n] == fence.marker) ++n;
  return n >= fence.length && SkipSpaces(line.substr(n)).empty();
}

// "---", "***", "_ _ _" (thematic breaks) and "===" / "---" under a
// paragraph (setext heading underlines): all become a paragraph break.
bool IsRule(std::string_view line, bool after_paragraph) {
  line = SkipSpaces(line);
  if (line.empty()) return false;
  char c = line[0];
  if (c != '-' && c != '*' && c != '_' && c != '=') return false;
  size_t count = 0;
  for (char x : line) {
    if (x == c)
      ++count;
    else if (x != ' ' && x != '\t')
      return false;
  }
  return c == '=' ? after_paragraph : count >= 3;
}

// "## Title ##" -> "Title"; nothing when the line is not an ATX heading.
std::optional<std::string_view> AtxHeading(std::string_view line) {
  size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  if (indent > 3) return std::nullopt;
  line.remove_prefix(indent);
  size_t n = 0;
  while (n < line.size() && line[n] == '#') ++n;
  if (n == 0 || n > 6 || (n < line.size() && line[n] != ' ' && line[n] != '\t'))
    return std::nullopt;
  std::string_view text = line.substr(n);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  size_t hashes = 0;
  while (hashes < text.size() && text[text.size() - 1 - hashes] == '#') ++hashes;
  if (hashes == text.size() || IsBlank(text[text.size() - 1 - hashes])) text.remove_suffix(hashes);
  return SkipSpaces(text);
}

// Removes "> " quote markers.
std::string_view StripQuote(std::string_view line) {
  for (;;) {
    std::string_view rest = SkipSpaces(line);
    if (rest.empty() || rest[0] != '>') return line;
    line = rest.substr(1);
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
  }
}

// Removes "- ", "* ", "+ ", "1. ", "1) " and a task box "[ ] ". True when
// the line was a list item.
bool StripListMarker(std::string_view& line) {
  std::string_view rest = SkipSpaces(line);
  size_t n = 0;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+')) {
    n = 1;
  } else {
    while (n < rest.size() && n < 9 && IsDigit(rest[n])) ++n;
    if (n == 0 || n >= rest.size() || (rest[n] != '.' && rest[n] != ')')) return false;
    ++n;
  }
  if (n < rest.size() && rest[n] != ' ' && rest[n] != '\t') return false;
  rest = SkipSpaces(rest.substr(n));
  if (rest.size() >= 3 && rest[0] == '[' && rest[2] == ']' &&
      (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X'))
    rest = SkipSpaces(rest.substr(3));
  line = rest;
  return true;
}

// "[label]: https://..." (a link reference definition; footnotes "[^1]: text"
// are text).
bool IsReferenceDefinition(std::string_view line) {
  line = SkipSpaces(line);
  if (line.size() < 4 || line[0] != '[' || line[1] == '^') return false;
  size_t close = Pairs(line).CloseOf(0);
  return close != kNpos && close + 1 < line.size() && line[close + 1] == ':';
}

// "|---|:--:|": the row under a table header.
bool IsTableSeparator(std::string_view line) {
  line = SkipSpaces(line);
  if (line.find('|') == kNpos || line.find('-') == kNpos) return false;
  return line.find_first_not_of("|-: \t") == kNpos;
}

// Accumulates paragraphs; code is kept verbatim, the rest goes through
// InlineToText when the paragraph ends (emphasis and links may span lines).
class BlockWriter {
 public:
  void AddText(std::string_view line) {
    if (!para_.empty()) para_ += '\n';
    para_ += line;
  }
  void AddCode(std::string_view line) {
    out_ += line;
    out_ += '\n';
  }
  bool HasParagraph() const { return !para_.empty(); }
  void EndParagraph() {
    out_ += InlineToText(para_);
    out_ += "\n\n";
    para_.clear();
  }
  std::string Finish() {
    EndParagraph();
    return text::NormalizeSpace(out_, true);
  }

 private:
  std::string para_;
  std::string out_;
};

}  // namespace

std::string MarkdownToText(std::string_view markdown) {
  std::string md = parse_internal::NormalizeNewlines(markdown);
  BlockWriter writer;
  Fence fence;
  for (std::string_view raw : SplitLines(md)) {
    std::string_view line = StripQuote(raw);
    if (fence.marker) {
      if (ClosesFence(line, fence)) {
        fence.marker = 0;
        writer.EndParagraph();
      } else {
        writer.AddCode(line);
      }
      continue;
    }
    if (SkipSpaces(line).empty() || OpensFence(line, fence) ||
        IsRule(line, writer.HasParagraph())) {
      writer.EndParagraph();
      continue;
    }
    if (auto heading = AtxHeading(line)) {
      writer.EndParagraph();
      writer.AddText(*heading);
      writer.EndParagraph();
      continue;
    }
    if (IsReferenceDefinition(line) || IsTableSeparator(line)) continue;
    if (StripListMarker(line)) writer.EndParagraph();
    if (!line.empty() && SkipSpaces(line)[0] == '|') {
      std::string row(line);
      for (char& c : row)
        if (c == '|') c = ' ';
      writer.AddText(row);
    } else {
      writer.AddText(line);
    }
  }
  return writer.Finish();
}

namespace markdown {

std::optional<Heading> FirstHeading(std::string_view md) {
  std::vector<std::string_view> lines = SplitLines(md);
  Fence fence;
  bool prev_blank = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    size_t begin = static_cast<size_t>(line.data() - md.data());
    if (fence.marker) {
      if (ClosesFence(line, fence)) fence.marker = 0;
      continue;
    }
    if (OpensFence(line, fence)) continue;
    bool blank = SkipSpaces(line).empty();
    std::optional<std::string_view> atx = AtxHeading(line);
    std::string_view item = line;
    bool setext = !atx && !blank && prev_blank && i + 1 < lines.size() && !StripListMarker(item) &&
                  IsRule(lines[i + 1], true) && SkipSpaces(lines[i + 1])[0] != '*' &&
                  SkipSpaces(lines[i + 1])[0] != '_';
    if (atx || setext) {
      std::string_view last = setext ? lines[i + 1] : lines[i];
      size_t end =
          std::min(md.size(), static_cast<size_t>(last.data() - md.data()) + last.size() + 1);
      return Heading{begin, end, parse_internal::CleanLine(InlineToText(atx ? *atx : line))};
    }
    prev_blank = blank;
  }
  return std::nullopt;
}

std::string FirstLineText(std::string_view md) {
  Fence fence;
  for (std::string_view line : SplitLines(md)) {
    // Code is no title.
    if (fence.marker) {
      if (ClosesFence(line, fence)) fence.marker = 0;
      continue;
    }
    if (OpensFence(line, fence)) continue;
    std::string text = parse_internal::CleanLine(MarkdownToText(line));
    if (!text.empty()) return text;
  }
  return "";
}

}  // namespace markdown

}  // namespace longjing
