// Turns the bytes of one corpus file into articles. Formats by extension:
// .md/.markdown (YAML front matter + Markdown), .txt, .html/.htm, .jsonl.
// Never throws; problems become Diagnostics and the rest of the file goes on
// (a bad .jsonl line skips that line only). Empty files, invalid UTF-8 and
// files with neither title nor text give a warning and no article.
// Thread-safe: the parsers share no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "longjing/article.h"

namespace longjing {

struct ParseOutput {
  std::vector<Article> articles;
  std::vector<Diagnostic> warnings;  // each names the file (and line)
};

// True when the extension is one the indexer reads (case-insensitive) and the
// file is neither hidden (any path component starting with '.') nor an editor
// temporary (ending in '~', ".swp", ".tmp"; "#name#").
bool IsCorpusFile(std::string_view rel_path);

// True when `ymd` is "YYYY-MM-DD" and a real calendar date (2025-02-30 is not).
bool IsValidDate(std::string_view ymd);

// rel_path: path relative to the corpus root, '/'-separated; it becomes the id.
// An unknown extension gives a warning and no article. A url that is not
// http(s) (text::IsHttpUrl) is dropped with a warning; the article is kept.
ParseOutput ParseFile(std::string_view rel_path, std::string_view bytes);

// The per-format parsers, for tests and for the ingest endpoint. They keep
// urls as written: ParseFile does the url check.
ParseOutput ParseMarkdown(std::string_view rel_path, std::string_view bytes);
ParseOutput ParseText(std::string_view rel_path, std::string_view bytes);
ParseOutput ParseHtml(std::string_view rel_path, std::string_view bytes);
ParseOutput ParseJsonl(std::string_view rel_path, std::string_view bytes);

// Markdown source -> plain text (headings, emphasis, links, images, code
// fences and HTML tags reduced to their text; paragraphs kept).
std::string MarkdownToText(std::string_view markdown);

// Writes an article as Markdown with YAML front matter, the form ParseMarkdown
// reads back to the same fields (used by POST /api/articles). The body is
// plain text: Markdown syntax in it is escaped, so it reads back verbatim.
// `id` is written only when it differs from `path`; an article without a
// title reads back with the first line of its body as title.
std::string ToMarkdown(const Article& article);

}  // namespace longjing
