// Turns the bytes of one corpus file into articles. Formats by extension:
// .md/.markdown (YAML front matter + Markdown), .txt, .html/.htm, .jsonl,
// .pdf (poppler) and .docx (libzip + libxml2). A PDF without a text layer,
// an encrypted or damaged PDF and a DOCX that is not a zip give one warning
// naming the reason, and no article.
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

// True for the binary document formats (.pdf, .docx), which have their own
// caps (Config::max_document_bytes, max_document_pages).
bool IsDocumentFile(std::string_view rel_path);

// Caps the parsers apply beyond the file size (which the caller checks).
struct ParseLimits {
  size_t max_pages = 2000;  // PDFs with more pages give a warning and no article
};

// True when `ymd` is "YYYY-MM-DD" and a real calendar date (2025-02-30 is not).
bool IsValidDate(std::string_view ymd);

// rel_path: path relative to the corpus root, '/'-separated; it becomes the id.
// An unknown extension gives a warning and no article. A url that is not
// http(s) (text::IsHttpUrl) is dropped with a warning; the article is kept.
ParseOutput ParseFile(std::string_view rel_path, std::string_view bytes,
                      const ParseLimits& limits = {});

// The per-format parsers, for tests and for the ingest endpoint. They keep
// urls as written: ParseFile does the url check.
ParseOutput ParseMarkdown(std::string_view rel_path, std::string_view bytes);
ParseOutput ParseText(std::string_view rel_path, std::string_view bytes);
ParseOutput ParseHtml(std::string_view rel_path, std::string_view bytes);
ParseOutput ParseJsonl(std::string_view rel_path, std::string_view bytes);
// Title from the document information, else the first heading-like line of
// the text; date from the information's creation date, else the first date
// in the text (FindDateInText). Text kept per page (Article::page_starts).
ParseOutput ParsePdf(std::string_view rel_path, std::string_view bytes,
                     const ParseLimits& limits = {});
// word/document.xml's paragraphs; title, date, author and language from
// docProps/core.xml, else the first Title/Heading paragraph and the first
// date in the text. No pages (Word lays them out when it renders).
ParseOutput ParseDocx(std::string_view rel_path, std::string_view bytes);

// The first date written out in `text` -> "YYYY-MM-DD", or "" when none:
// "5 March 2024", "March 5, 2024", "5 mars 2024", "1er mars 2024",
// "2024年3月5日" (also with full-width digits) and "2024-03-05". Only the
// first 64 KB are read.
std::string FindDateInText(std::string_view text);

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
