// PDF and DOCX files made in memory, so the tests and the benchmark need no
// fixture files and no converter: a small PDF writer (standard Helvetica for
// ASCII text, a Type0 font with a ToUnicode map for anything else, as CJK
// PDFs carry) and a DOCX writer over libzip.
#pragma once

#include <string>
#include <vector>

namespace longjing::testing {

struct PdfSpec {
  std::vector<std::string> pages;  // UTF-8 text of each page; '\n' starts a line
  std::string title, author;       // document information; empty = absent
  std::string creation_date;       // PDF date "D:20240305120000Z"; empty = absent
  // An /Encrypt dictionary whose empty user password does not open it.
  bool encrypted = false;
  // Pages drawn as shapes only, the text left out (a scan has no text layer).
  bool no_text_layer = false;
  // Non-ASCII text in the non-embedded STSong-Light with the predefined
  // UniGB-UCS2-H CMap and no ToUnicode map, as many Chinese office and
  // government PDFs are written: text extraction then needs poppler-data's
  // Adobe-GB1 tables. REQUIRES: BMP characters only.
  bool predefined_cmap = false;
};
std::string MakePdf(const PdfSpec& spec);

// `text` cut into lines of at most `line_chars` characters (at spaces where
// there are any) and pages of `page_lines` lines.
std::vector<std::string> Paginate(const std::string& text, size_t line_chars = 90,
                                  size_t page_lines = 50);

struct DocxParagraph {
  std::string text;
  std::string style;  // "Title", "Heading1", or empty
};
struct DocxSpec {
  std::vector<DocxParagraph> paragraphs;
  // docProps/core.xml; left out of the zip when all four are empty.
  std::string title, creator, created, language;  // created: "2024-03-05T10:00:00Z"
};
// REQUIRES: libzip can write a temporary file under $TMPDIR.
std::string MakeDocx(const DocxSpec& spec);

}  // namespace longjing::testing
