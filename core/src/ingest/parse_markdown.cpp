// Markdown with optional YAML front matter, and the way back (ToMarkdown).
// The Markdown-to-text conversion lives in markdown_text.cpp.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "ingest/markdown_text.h"
#include "ingest/parse_internal.h"
#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {

namespace {

using parse_internal::CleanLine;
using parse_internal::MakeDiagnostic;

// The front matter's first YAML line is line 2 of the file (after "---");
// yaml-cpp counts from 0.
constexpr int kYamlFirstFileLine = 2;

struct Split {
  bool has_front_matter = false;
  std::string_view yaml;  // between the "---" lines
  std::string_view body;  // the Markdown after them
};

std::string_view TrimRightAscii(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Split SplitFrontMatter(std::string_view content, std::string_view rel_path, ParseOutput& out) {
  Split split;
  split.body = content;
  size_t eol = content.find('\n');
  if (TrimRightAscii(content.substr(0, eol)) != "---" || eol == std::string_view::npos) {
    if (TrimRightAscii(content) == "---")
      out.warnings.push_back(MakeDiagnostic(rel_path, 1, "front matter not closed"));
    return split;
  }
  size_t pos = eol + 1;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    std::string_view line = TrimRightAscii(content.substr(pos, end - pos));
    if (line == "---" || line == "...") {
      split.has_front_matter = true;
      split.yaml = content.substr(eol + 1, pos - eol - 1);
      split.body = end == std::string_view::npos ? std::string_view() : content.substr(end + 1);
      return split;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  out.warnings.push_back(MakeDiagnostic(
      rel_path, 1,
      "front matter not closed (no second '---' line); the whole file is read as body"));
  return split;
}

class FrontMatterReader {
 public:
  FrontMatterReader(std::string_view rel_path, Article& article, ParseOutput& out)
      : rel_path_(rel_path), article_(article), out_(out) {}

  // Reads the keys Longjing knows; unknown keys are ignored on purpose
  // (other tools put their own keys in front matter).
  void Read(std::string_view yaml) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
      int line = e.mark.is_null() ? 1 : e.mark.line + kYamlFirstFileLine;
      Warn(line, "malformed front matter ignored: " + e.msg);
      return;
    }
    if (root.IsNull()) return;
    if (!root.IsMap()) {
      Warn(kYamlFirstFileLine, "front matter is not a map of 'key: value' lines; ignored");
      return;
    }
    for (const auto& entry : root) {
      if (!entry.first.IsScalar() || entry.second.IsNull()) continue;
      std::string key = entry.first.Scalar();
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      ReadKey(key, entry.second);
    }
  }

 private:
  void ReadKey(const std::string& key, const YAML::Node& value) {
    if (key == "title")
      article_.title = String(key, value);
    else if (key == "source")
      article_.source = String(key, value);
    else if (key == "url")
      article_.url = String(key, value);
    else if (key == "author")
      article_.author = String(key, value);
    else if (key == "lang")
      article_.lang = parse_internal::NormalizeLang(String(key, value));
    else if (key == "id") {
      if (std::string id = String(key, value); !id.empty()) article_.id = id;
    } else if (key == "date")
      ReadDate(value);
    else if (std::find(parse_internal::kTagFacets.begin(), parse_internal::kTagFacets.end(), key) !=
             parse_internal::kTagFacets.end())
      ReadTags(key, value);
  }

  // A scalar, or a list of scalars joined with ", " (several authors).
  std::string String(const std::string& key, const YAML::Node& value) {
    if (value.IsScalar()) return CleanLine(value.Scalar());
    if (value.IsSequence()) {
      std::string joined;
      for (const auto& item : value) {
        if (!item.IsScalar()) return NotAString(key, value);
        if (!joined.empty()) joined += ", ";
        joined += CleanLine(item.Scalar());
      }
      return joined;
    }
    return NotAString(key, value);
  }

  std::string NotAString(const std::string& key, const YAML::Node& value) {
    Warn(LineOf(value), "'" + key + "' is not a string; ignored");
    return "";
  }

  void ReadDate(const YAML::Node& value) {
    std::string raw = value.IsScalar() ? value.Scalar() : YAML::Dump(value);
    article_.date = parse_internal::NormalizeDate(raw);
    if (article_.date.empty())
      Warn(LineOf(value), "bad date '" + raw + "' (want YYYY-MM-DD); date left empty");
  }

  void ReadTags(const std::string& facet, const YAML::Node& value) {
    std::vector<std::string> ids;
    if (value.IsScalar()) {
      parse_internal::AppendTagIds(value.Scalar(), ids);
    } else if (value.IsSequence()) {
      for (const auto& item : value) {
        if (!item.IsScalar()) {
          Warn(LineOf(item), "'" + facet + "' must be a string or a list of strings; ignored");
          return;
        }
        parse_internal::AppendTagIds(item.Scalar(), ids);
      }
    } else {
      Warn(LineOf(value), "'" + facet + "' must be a string or a list of strings; ignored");
      return;
    }
    if (!ids.empty()) article_.explicit_tags[facet] = std::move(ids);
  }

  static int LineOf(const YAML::Node& node) {
    YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + kYamlFirstFileLine;
  }

  void Warn(int line, std::string message) {
    out_.warnings.push_back(MakeDiagnostic(rel_path_, line, std::move(message)));
  }

  std::string_view rel_path_;
  Article& article_;
  ParseOutput& out_;
};

// Title fallback and body: the first heading gives the title when the front
// matter does not, and is dropped from the body when it repeats the title.
void FillFromBody(std::string_view body_md, Article& article) {
  std::optional<markdown::Heading> heading = markdown::FirstHeading(body_md);
  if (article.title.empty())
    article.title = heading ? heading->text : markdown::FirstLineText(body_md);
  if (heading && heading->text == article.title) {
    std::string without(body_md.substr(0, heading->begin));
    without += body_md.substr(heading->end);
    article.body = MarkdownToText(without);
  } else {
    article.body = MarkdownToText(body_md);
  }
}

// Plain text -> Markdown that MarkdownToText turns back into the same text:
// inline syntax characters are backslash-escaped, and so is whatever would
// start a block construct at the beginning of a paragraph.
std::string EscapeParagraph(std::string_view para) {
  std::string out;
  size_t digits = 0;
  while (digits < para.size() && std::isdigit(static_cast<unsigned char>(para[digits]))) ++digits;
  for (size_t i = 0; i < para.size(); ++i) {
    char c = para[i];
    bool block_start = i == 0 && std::string_view("#>-+=|").find(c) != std::string_view::npos;
    bool list_number = digits > 0 && i == digits && (c == '.' || c == ')');
    if (block_start || list_number ||
        std::string_view("\\`*_[<&~").find(c) != std::string_view::npos)
      out += '\\';
    out += c;
  }
  return out;
}

std::string EscapeBody(std::string_view body) {
  std::string text = text::NormalizeSpace(body, true);
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (!out.empty()) out += "\n\n";
    out += EscapeParagraph(std::string_view(text).substr(start, end - start));
    start = end + 2;
  }
  return out;
}

}  // namespace

ParseOutput ParseMarkdown(std::string_view rel_path, std::string_view bytes) {
  return parse_internal::Guarded(rel_path, [&] {
    ParseOutput out;
    std::string content = parse_internal::NormalizeNewlines(parse_internal::StripBom(bytes));
    if (auto problem = parse_internal::CheckText(rel_path, content)) {
      out.warnings.push_back(*problem);
      return out;
    }
    Article article = parse_internal::NewArticle(rel_path, "markdown");
    Split split = SplitFrontMatter(content, rel_path, out);
    if (split.has_front_matter) FrontMatterReader(rel_path, article, out).Read(split.yaml);
    FillFromBody(split.body, article);
    parse_internal::AddArticle(out, std::move(article));
    return out;
  });
}

std::string ToMarkdown(const Article& article) {
  YAML::Emitter yaml;
  yaml << YAML::BeginMap;
  int fields = 0;
  // Double quotes always: a title like "no", "1.0", "- x" or "a: b" must
  // come back as the same string.
  auto put = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    yaml << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
    ++fields;
  };
  put("title", CleanLine(article.title));
  // The path is the default id; only a different id needs saying.
  if (article.id != article.path) put("id", article.id);
  if (IsValidDate(article.date)) {
    yaml << YAML::Key << "date" << YAML::Value << article.date;
    ++fields;
  } else {
    put("date", article.date);
  }
  put("source", CleanLine(article.source));
  put("url", CleanLine(article.url));
  put("author", CleanLine(article.author));
  put("lang", article.lang);
  for (std::string_view facet : parse_internal::kTagFacets) {
    auto it = article.explicit_tags.find(std::string(facet));
    if (it == article.explicit_tags.end() || it->second.empty()) continue;
    yaml << YAML::Key << std::string(facet) << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& id : it->second) yaml << YAML::DoubleQuoted << id;
    yaml << YAML::EndSeq;
    ++fields;
  }
  yaml << YAML::EndMap;
  std::string out = "---\n";
  if (fields > 0) out += std::string(yaml.c_str()) + "\n";
  out += "---\n\n";
  out += EscapeBody(article.body);
  out += "\n";
  return out;
}

}  // namespace longjing
