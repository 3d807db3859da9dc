// Plain text: the first non-empty line is the title, the rest is the body.
#include "ingest/parse_internal.h"
#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {

using parse_internal::CheckText;

ParseOutput ParseText(std::string_view rel_path, std::string_view bytes) {
  return parse_internal::Guarded(rel_path, [&] {
    ParseOutput out;
    std::string content = parse_internal::NormalizeNewlines(parse_internal::StripBom(bytes));
    if (auto problem = CheckText(rel_path, content)) {
      out.warnings.push_back(*problem);
      return out;
    }
    Article article = parse_internal::NewArticle(rel_path, "text");
    std::string_view rest = content;
    while (article.title.empty() && !rest.empty()) {
      size_t eol = rest.find('\n');
      std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      article.title = parse_internal::CleanLine(line);
    }
    article.body = text::NormalizeSpace(rest, true);
    parse_internal::AddArticle(out, std::move(article));
    return out;
  });
}

}  // namespace longjing
