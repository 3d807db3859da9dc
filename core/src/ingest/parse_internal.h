// Helpers shared by the per-format parsers (parse_*.cpp). Not part of the
// public API: the indexer and the server only see longjing/parse.h.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/parse.h"
#include "longjing/schema.h"

namespace longjing::parse_internal {

Diagnostic MakeDiagnostic(std::string_view rel_path, int line, std::string message);

// A new article with id, path and format filled in.
Article NewArticle(std::string_view rel_path, std::string_view format);

// Drops a leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view bytes);

// "\r\n" and lone "\r" become "\n" (line numbers are unchanged).
std::string NormalizeNewlines(std::string_view text);

// 1-based line number of the byte at `offset`.
int LineOf(std::string_view text, size_t offset);

// The checks every whole-file format makes first: "empty file" for empty or
// white-space-only input, "invalid UTF-8 at line N" for bad bytes.
// Returns the diagnostic, or nothing when the text may be parsed.
std::optional<Diagnostic> CheckText(std::string_view rel_path, std::string_view text);

// A date as written in a file -> "YYYY-MM-DD", or "" when it is not a real
// calendar date. Accepts "YYYY-MM-DD", YAML's one-digit month/day form
// ("2024-3-5") and timestamps ("2024-03-05T10:00:00Z", "2024-03-05 10:00").
std::string NormalizeDate(std::string_view s);

// "en-US", " FR " -> "en", "fr": the primary language subtag, lowercase.
std::string NormalizeLang(std::string_view s);

// One line of metadata: trimmed, inner white space (newlines too) collapsed.
std::string CleanLine(std::string_view s);

// Explicit tag ids from a string: "a, b" -> {"a", "b"} (empties dropped).
void AppendTagIds(std::string_view s, std::vector<std::string>& ids);

// The facets whose ids a file may list explicitly.
inline constexpr auto& kTagFacets = schema::kTagFacets;

// Adds the article, or a "no text" warning when it has neither title nor body.
void AddArticle(ParseOutput& out, Article article);

// Runs a parser, turning any exception into a Diagnostic (ParseFile and the
// per-format entry points promise never to throw).
template <typename Fn>
ParseOutput Guarded(std::string_view rel_path, Fn&& parse) {
  try {
    return parse();
  } catch (const std::exception& e) {
    ParseOutput out;
    out.warnings.push_back(MakeDiagnostic(rel_path, 0, std::string("internal error: ") + e.what()));
    return out;
  } catch (...) {
    ParseOutput out;
    out.warnings.push_back(MakeDiagnostic(rel_path, 0, "internal error: unknown exception"));
    return out;
  }
}

}  // namespace longjing::parse_internal
