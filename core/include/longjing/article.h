// An article as read from the corpus, before tagging and indexing.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace longjing {

struct Article {
  // Stable document id: the path relative to the corpus root ("a/b.md"),
  // "<path>#<line>" for a .jsonl line, or the article's explicit `id`.
  std::string id;
  std::string path;    // relative to the corpus root, '/'-separated
  int line = 0;        // 1-based line for .jsonl articles, 0 otherwise
  std::string format;  // "markdown", "text", "html", "jsonl", "pdf" or "docx"
  std::string title;
  std::string date;  // "YYYY-MM-DD", or empty when unknown
  std::string source;
  std::string url;
  std::string author;
  std::string lang;  // explicit language code from the file, empty if absent
  std::string body;  // plain text, paragraphs separated by "\n\n"
  // Paged formats (PDF): the byte offset in `body` where each page starts,
  // ascending, the first 0; page N (1-based) is body[starts[N-1], starts[N]).
  // Empty for formats without pages.
  std::vector<size_t> page_starts;
  // Explicit tags from the file: facet name ("city", "company", "policy") -> ids.
  std::map<std::string, std::vector<std::string>> explicit_tags;
};

// A problem with one input file (or one line of it). The run goes on.
struct Diagnostic {
  std::string path;  // relative to the corpus root
  int line = 0;      // 1-based, 0 when the whole file is concerned
  std::string message;
  // "path:line: message" or "path: message".
  std::string ToString() const;
};

}  // namespace longjing
