// JSON Lines: one article per line. A bad line is reported and skipped; the
// lines after it are still read.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "ingest/parse_internal.h"
#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {

namespace {

using nlohmann::json;
using parse_internal::MakeDiagnostic;

struct LineContext {
  std::string_view rel_path;
  int line;
  ParseOutput* out;

  void Warn(std::string message) const {
    out->warnings.push_back(MakeDiagnostic(rel_path, line, std::move(message)));
  }
};

// A string field, or "" when absent or null. A number is taken as written;
// anything else is reported. Authors may come as a list of strings.
std::string StringField(const json& obj, const char* key, const LineContext& ctx) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  if (it->is_array() && std::string_view(key) == "author") {
    std::string joined;
    for (const json& item : *it) {
      if (!item.is_string()) continue;
      if (!joined.empty()) joined += ", ";
      joined += item.get<std::string>();
    }
    return joined;
  }
  ctx.Warn(std::string("field '") + key + "' is not a string; ignored");
  return "";
}

void ReadTags(const json& obj, Article& article, const LineContext& ctx) {
  for (std::string_view facet : parse_internal::kTagFacets) {
    auto it = obj.find(std::string(facet));
    if (it == obj.end() || it->is_null()) continue;
    std::vector<std::string> ids;
    if (it->is_string()) {
      parse_internal::AppendTagIds(it->get<std::string>(), ids);
    } else if (it->is_array() &&
               std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_string(); })) {
      for (const json& v : *it) parse_internal::AppendTagIds(v.get<std::string>(), ids);
    } else {
      ctx.Warn("field '" + std::string(facet) + "' is not a string or a list of strings; ignored");
      continue;
    }
    if (!ids.empty()) article.explicit_tags[std::string(facet)] = std::move(ids);
  }
}

// nlohmann counts lines within the one line we gave it; "at line 1, column 7"
// would contradict the file line the diagnostic carries.
std::string JsonMessage(const json::parse_error& e) {
  std::string msg = e.what();
  const std::string_view kNoise = "line 1, column";
  if (size_t at = msg.find(kNoise); at != std::string::npos)
    msg.replace(at, kNoise.size(), "column");
  return msg;
}

void ParseLine(std::string_view line_text, const LineContext& ctx) {
  json obj;
  try {
    obj = json::parse(line_text);
  } catch (const json::parse_error& e) {
    ctx.Warn(JsonMessage(e));
    return;
  } catch (const json::exception& e) {
    // out_of_range for a number too large for a double ("1e999"): it used to
    // leave the line, and Guarded turned the whole file into one warning.
    ctx.Warn(std::string("invalid JSON: ") + e.what());
    return;
  }
  if (!obj.is_object()) {
    ctx.Warn("not a JSON object");
    return;
  }
  Article article = parse_internal::NewArticle(ctx.rel_path, "jsonl");
  article.line = ctx.line;
  article.body = text::NormalizeSpace(StringField(obj, "body", ctx), true);
  if (article.body.empty()) {
    ctx.Warn("missing or empty 'body'; line skipped");
    return;
  }
  std::string id = parse_internal::CleanLine(StringField(obj, "id", ctx));
  article.id = id.empty() ? std::string(ctx.rel_path) + "#" + std::to_string(ctx.line) : id;
  article.title = parse_internal::CleanLine(StringField(obj, "title", ctx));
  article.source = parse_internal::CleanLine(StringField(obj, "source", ctx));
  article.url = parse_internal::CleanLine(StringField(obj, "url", ctx));
  article.author = parse_internal::CleanLine(StringField(obj, "author", ctx));
  article.lang = parse_internal::NormalizeLang(StringField(obj, "lang", ctx));
  std::string date = StringField(obj, "date", ctx);
  if (!date.empty()) {
    article.date = parse_internal::NormalizeDate(date);
    if (article.date.empty())
      ctx.Warn("bad date '" + date + "' (want YYYY-MM-DD); date left empty");
  }
  ReadTags(obj, article, ctx);
  ctx.out->articles.push_back(std::move(article));
}

}  // namespace

ParseOutput ParseJsonl(std::string_view rel_path, std::string_view bytes) {
  return parse_internal::Guarded(rel_path, [&] {
    ParseOutput out;
    std::string_view rest = parse_internal::StripBom(bytes);
    size_t bad = 0;
    if (text::IsValidUtf8(rest, &bad) && text::Trim(rest).empty()) {
      out.warnings.push_back(MakeDiagnostic(rel_path, 0, "empty file"));
      return out;
    }
    for (int line = 1; !rest.empty(); ++line) {
      size_t eol = rest.find('\n');
      std::string_view line_text = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      if (!line_text.empty() && line_text.back() == '\r') line_text.remove_suffix(1);
      LineContext ctx{rel_path, line, &out};
      if (!text::IsValidUtf8(line_text)) {
        ctx.Warn("invalid UTF-8 at line " + std::to_string(line));
        continue;
      }
      if (text::Trim(line_text).empty()) continue;
      ParseLine(line_text, ctx);
    }
    return out;
  });
}

}  // namespace longjing
