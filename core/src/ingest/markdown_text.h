// Internal helpers of the Markdown reader (parse_markdown.cpp), implemented
// next to MarkdownToText in markdown_text.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace longjing::markdown {

struct Heading {
  size_t begin = 0;  // byte range of the heading's line(s) in the Markdown,
  size_t end = 0;    // newline included
  std::string text;  // plain text, white space collapsed
};

// The first ATX ("# x") or setext ("x\n===") heading outside code fences.
// REQUIRES: '\n' line ends.
std::optional<Heading> FirstHeading(std::string_view md);

// The plain text of the first line outside code fences that has any, white
// space collapsed.
std::string FirstLineText(std::string_view md);

}  // namespace longjing::markdown
