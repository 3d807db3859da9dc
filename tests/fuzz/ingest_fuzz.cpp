// The JSON body of POST /api/articles -> the validated Article -> the
// Markdown file the server would write, read back as the indexer will.
#include "fuzz_support.h"
#include "ingest_request.h"
#include "longjing/parse.h"
#include "longjing/text.h"

using namespace longjing;

namespace {

// The text with every run of white space as one space, none at the ends.
// White space is Longjing's own (text::IsSpace: NBSP, ideographic space...),
// which the Markdown reader trims: a body ending in U+00A0 reads back
// without it (found by this target).
std::string Words(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    char32_t c = text::NextCodePoint(s, i);
    if (text::IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out.append(s.substr(at, i - at));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto taxonomy = fuzz::RealTaxonomy();
  Result<Article> article =
      server::ParseIngestBody(fuzz::AsText(data, size), *taxonomy, "2025-01-02");
  if (!article.ok()) {
    if (article.status().code() != Code::kInvalidArgument)
      fuzz::Fail("unexpected error: " + article.status().ToString());
    return 0;
  }
  article->path = article->id = "ingested/2025-01-02-fuzz.md";
  // ToMarkdown promises the fields read back unchanged: an accepted article
  // that does not would be user text lost or altered.
  ParseOutput back = ParseMarkdown(article->path, ToMarkdown(*article));
  if (back.articles.size() != 1) fuzz::Fail("the written article does not read back");
  // Compared with white space collapsed: Markdown joins the lines of a
  // paragraph, and the reader keeps paragraphs, not line breaks.
  const Article& got = back.articles[0];
  if (Words(got.title) != Words(article->title)) fuzz::Fail("title changed: '" + got.title + "'");
  if (Words(got.body) != Words(article->body)) fuzz::Fail("body changed: '" + got.body + "'");
  if (got.date != article->date) fuzz::Fail("date changed: '" + got.date + "'");
  fuzz::BuildAll(back.articles);
  return 0;
}
