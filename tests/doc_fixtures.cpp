#include "doc_fixtures.h"

#include <fmt/format.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "longjing/text.h"

namespace longjing::testing {
namespace {

std::vector<char32_t> CodePoints(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string Utf16Hex(char32_t cp) {
  if (cp < 0x10000) return fmt::format("{:04X}", static_cast<unsigned>(cp));
  cp -= 0x10000;
  return fmt::format("{:04X}{:04X}", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
}

std::string LiteralString(const std::string& s) {
  std::string out = "(";
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

std::vector<std::string> Lines(const std::string& page) {
  std::vector<std::string> lines;
  std::stringstream in(page);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Stream(const std::string& data) {
  return fmt::format("<< /Length {} >>\nstream\n{}\nendstream", data.size(), data);
}

// UTF-16BE with a byte order mark: the one PDF text-string form for any script.
std::string TextString(const std::string& s) {
  std::string hex = "<FEFF";
  for (char32_t cp : CodePoints(s)) hex += Utf16Hex(cp);
  return hex + ">";
}

// Objects numbered from 1 in the order added; Serialize writes the xref.
class PdfBuilder {
 public:
  explicit PdfBuilder(const PdfSpec& spec) : spec_(spec) {
    for (const std::string& p : spec.pages)
      for (char c : p) ascii_ = ascii_ && static_cast<unsigned char>(c) < 0x80;
    if (!ascii_ && !spec.predefined_cmap)
      for (const std::string& p : spec.pages)
        for (char32_t cp : CodePoints(p))
          if (cp != '\n') cids_.emplace(cp, 0);
    int next_cid = 1;
    for (auto& [cp, cid] : cids_) cid = next_cid++;
  }

  std::string Build() {
    int catalog = Add(""), pages = Add(""), font = Add("");
    bodies_[font - 1] = FontObject();
    std::string kids;
    for (const std::string& page : spec_.pages) {
      int contents = Add(Stream(PageContent(page)));
      kids += fmt::format(
          "{} 0 R ", Add(fmt::format("<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] "
                                     "/Contents {} 0 R /Resources << /Font << /F1 {} 0 R >> >> >>",
                                     pages, contents, font)));
    }
    bodies_[catalog - 1] = fmt::format("<< /Type /Catalog /Pages {} 0 R >>", pages);
    bodies_[pages - 1] =
        fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, spec_.pages.size());
    std::string trailer = fmt::format("/Root {} 0 R", catalog);
    if (!spec_.title.empty() || !spec_.author.empty() || !spec_.creation_date.empty()) {
      std::string dict = "<<";
      if (!spec_.title.empty()) dict += " /Title " + TextString(spec_.title);
      if (!spec_.author.empty()) dict += " /Author " + TextString(spec_.author);
      if (!spec_.creation_date.empty())
        dict += " /CreationDate " + LiteralString(spec_.creation_date);
      trailer += fmt::format(" /Info {} 0 R", Add(dict + " >>"));
    }
    if (spec_.encrypted) {
      int encrypt = Add("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" +
                        std::string(64, 'A') + "> /U <" + std::string(64, 'B') + "> >>");
      trailer += fmt::format(
          " /Encrypt {} 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
          "<0123456789ABCDEF0123456789ABCDEF>]",
          encrypt);
    }
    return Serialize(trailer);
  }

 private:
  int Add(std::string body) {
    bodies_.push_back(std::move(body));
    return static_cast<int>(bodies_.size());
  }

  // Helvetica for ASCII; else STSong-Light with a predefined CMap, or a Type0
  // font whose ToUnicode map gives each code point its own CID.
  std::string FontObject() {
    if (ascii_)
      return "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    if (spec_.predefined_cmap) {
      int cid_font = Add(
          "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
          "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 "
          "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
          "/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
          "/StemV 93 >> >>");
      return fmt::format(
          "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H "
          "/Encoding /UniGB-UCS2-H /DescendantFonts [{} 0 R] >>",
          cid_font);
    }
    int to_unicode = Add(Stream(ToUnicodeCMap()));
    int descriptor = Add(
        "<< /Type /FontDescriptor /FontName /LongjingTestCJK /Flags 4 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>");
    int cid_font =
        Add(fmt::format("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LongjingTestCJK "
                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                        "/FontDescriptor {} 0 R /DW 1000 /CIDToGIDMap /Identity >>",
                        descriptor));
    return fmt::format(
        "<< /Type /Font /Subtype /Type0 /BaseFont /LongjingTestCJK /Encoding /Identity-H "
        "/DescendantFonts [{} 0 R] /ToUnicode {} 0 R >>",
        cid_font, to_unicode);
  }

  std::string ToUnicodeCMap() const {
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::pair<char32_t, int>> all(cids_.begin(), cids_.end());
    for (size_t i = 0; i < all.size(); i += 100) {
      size_t n = std::min<size_t>(100, all.size() - i);
      cmap += fmt::format("{} beginbfchar\n", n);
      for (size_t k = i; k < i + n; ++k)
        cmap += fmt::format("<{:04X}> <{}>\n", all[k].second, Utf16Hex(all[k].first));
      cmap += "endbfchar\n";
    }
    return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
  }

  std::string PageContent(const std::string& page) {
    std::string content;
    if (spec_.no_text_layer) {
      content = "0.2 0.2 0.2 rg\n";
      for (size_t i = 0; i < Lines(page).size(); ++i)
        content += fmt::format("72 {} 400 9 re f\n", 720 - 14 * static_cast<int>(i));
      return content;
    }
    content = "BT\n/F1 11 Tf\n14 TL\n72 740 Td\n";
    for (const std::string& line : Lines(page)) {
      if (ascii_) {
        content += LiteralString(line) + " '\n";
        continue;
      }
      std::string hex;
      for (char32_t cp : CodePoints(line))
        hex += fmt::format("{:04X}", spec_.predefined_cmap ? static_cast<unsigned>(cp)
                                                           : static_cast<unsigned>(cids_[cp]));
      content += "<" + hex + "> '\n";
    }
    return content + "ET";
  }

  std::string Serialize(const std::string& trailer) const {
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < bodies_.size(); ++i) {
      offsets.push_back(out.size());
      out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, bodies_[i]);
    }
    size_t xref = out.size();
    out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", bodies_.size() + 1);
    for (size_t off : offsets) out += fmt::format("{:010d} 00000 n \n", off);
    out += fmt::format("trailer\n<< /Size {} {} >>\nstartxref\n{}\n%%EOF\n", bodies_.size() + 1,
                       trailer, xref);
    return out;
  }

  const PdfSpec& spec_;
  bool ascii_ = true;
  std::map<char32_t, int> cids_;  // Type0 font: code point -> CID
  std::vector<std::string> bodies_;
};

}  // namespace

std::string MakePdf(const PdfSpec& spec) { return PdfBuilder(spec).Build(); }

std::vector<std::string> Paginate(const std::string& text, size_t line_chars, size_t page_lines) {
  std::vector<std::string> lines;
  for (const std::string& paragraph : Lines(text)) {
    std::vector<char32_t> cps = CodePoints(paragraph);
    std::string line;
    size_t count = 0, last_space = std::string::npos;
    for (size_t i = 0; i < paragraph.size();) {
      unsigned char c = static_cast<unsigned char>(paragraph[i]);
      size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (count >= line_chars) {
        if (last_space != std::string::npos) {
          lines.push_back(line.substr(0, last_space));
          line = line.substr(last_space + 1);
        } else {
          lines.push_back(line);
          line.clear();
        }
        count = CodePoints(line).size();
        last_space = std::string::npos;
      }
      if (c == ' ') last_space = line.size();
      line.append(paragraph, i, n);
      ++count;
      i += n;
    }
    lines.push_back(line);
  }
  std::vector<std::string> pages;
  for (size_t i = 0; i < lines.size(); i += page_lines) {
    std::string page;
    for (size_t k = i; k < std::min(lines.size(), i + page_lines); ++k) page += lines[k] + "\n";
    pages.push_back(page);
  }
  return pages;
}

namespace {

std::string DocumentXml(const DocxSpec& spec) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body>";
  for (const DocxParagraph& p : spec.paragraphs) {
    xml += "<w:p>";
    if (!p.style.empty())
      xml += "<w:pPr><w:pStyle w:val=\"" + longjing::text::EscapeMarkup(p.style) + "\"/></w:pPr>";
    xml += "<w:r><w:t xml:space=\"preserve\">" + longjing::text::EscapeMarkup(p.text) +
           "</w:t></w:r></w:p>";
  }
  return xml + "<w:sectPr/></w:body></w:document>";
}

std::string CoreXml(const DocxSpec& spec) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  if (!spec.title.empty())
    xml += "<dc:title>" + longjing::text::EscapeMarkup(spec.title) + "</dc:title>";
  if (!spec.creator.empty())
    xml += "<dc:creator>" + longjing::text::EscapeMarkup(spec.creator) + "</dc:creator>";
  if (!spec.language.empty())
    xml += "<dc:language>" + longjing::text::EscapeMarkup(spec.language) + "</dc:language>";
  if (!spec.created.empty())
    xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
           longjing::text::EscapeMarkup(spec.created) + "</dcterms:created>";
  return xml + "</cp:coreProperties>";
}

}  // namespace

std::string MakeDocx(const DocxSpec& spec) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/longjing-docx-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_TRUNCATE, &err);
  if (!zip) throw std::runtime_error("zip_open failed");
  // The buffers must live until zip_close.
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"word/document.xml", DocumentXml(spec)}};
  if (!spec.title.empty() || !spec.creator.empty() || !spec.created.empty() ||
      !spec.language.empty())
    parts.emplace_back("docProps/core.xml", CoreXml(spec));
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (!src || zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0)
      throw std::runtime_error("zip_file_add failed");
  }
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close failed");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::remove(path.c_str());
  return bytes.str();
}

}  // namespace longjing::testing
