// DOCX: a zip (libzip) of XML parts (libxml2). The text is the paragraphs
// of word/document.xml; metadata comes from docProps/core.xml.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <cstring>
#include <memory>
#include <optional>

#include "ingest/parse_internal.h"
#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {
namespace {

using parse_internal::CleanLine;

// A part larger than this once inflated is refused: a zip bomb would
// otherwise take all memory (real documents' XML is a few MB).
constexpr zip_uint64_t kMaxPartBytes = 128u << 20;
constexpr size_t kMaxTitleBytes = 200;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using XmlPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

struct Part {
  std::optional<std::string> bytes;  // nullopt: no such part
  std::string error;                 // set when the part exists but cannot be read
};

Part ReadPart(zip_t* zip, const char* name) {
  Part part;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name, 0, &st) != 0) return part;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) {
    part.error = std::string(name) + " is over 128 MB uncompressed";
    return part;
  }
  zip_file_t* file = zip_fopen(zip, name, 0);
  if (!file) {
    part.error = std::string(name) + ": " + zip_strerror(zip);
    return part;
  }
  std::string out;
  char buf[64 * 1024];
  zip_int64_t n;
  // The size in the directory may lie; the cap holds for what inflates.
  while ((n = zip_fread(file, buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > kMaxPartBytes) break;
  }
  if (n < 0) part.error = std::string(name) + ": " + zip_file_strerror(file);
  zip_fclose(file);
  if (out.size() > kMaxPartBytes) part.error = std::string(name) + " is over 128 MB uncompressed";
  if (part.error.empty()) part.bytes = std::move(out);
  return part;
}

// No network, no entity expansion, no DTD loading: a document's XML can
// reach nothing outside itself.
XmlPtr ParseXml(const std::string& bytes, const char* name) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return nullptr;
  return XmlPtr(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), name, nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

bool Is(const xmlNode* node, const char* local_name) {
  return node->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(node->name), local_name) == 0;
}

std::string Attr(const xmlNode* node, const char* local_name) {
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), local_name) != 0) continue;
    xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }
  return "";
}

std::string Content(const xmlNode* node) {
  xmlChar* v = xmlNodeGetContent(node);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

struct Paragraph {
  std::string text;
  bool heading = false;  // styled Title or Heading 1
};

// Text of one <w:p>: runs' <w:t>, tabs and breaks; deleted text (<w:delText>)
// and field codes (<w:instrText>) are not shown by Word either.
void CollectRuns(const xmlNode* node, Paragraph& p) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Is(c, "t")) {
      p.text += Content(c);
    } else if (Is(c, "tab")) {
      p.text += '\t';
    } else if (Is(c, "br") || Is(c, "cr")) {
      p.text += '\n';
    } else if (Is(c, "pStyle")) {
      std::string style = text::LowerAscii(Attr(c, "val"));
      p.heading = style == "title" || style == "heading1" || style == "heading 1";
    } else if (!Is(c, "delText") && !Is(c, "instrText")) {
      CollectRuns(c, p);
    }
  }
}

void CollectParagraphs(const xmlNode* node, std::vector<Paragraph>& out) {
  for (const xmlNode* c = node; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Is(c, "p")) {
      Paragraph p;
      CollectRuns(c, p);
      p.text = text::NormalizeSpace(p.text, false);
      if (!text::Trim(p.text).empty()) out.push_back(std::move(p));
    } else {
      CollectParagraphs(c->children, out);
    }
  }
}

void ReadCoreProperties(const xmlNode* root, Article& a) {
  if (!root) return;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (Is(c, "title")) a.title = CleanLine(Content(c));
    if (Is(c, "creator")) a.author = CleanLine(Content(c));
    if (Is(c, "language")) a.lang = parse_internal::NormalizeLang(Content(c));
    if (Is(c, "created") && a.date.empty())
      a.date = parse_internal::NormalizeDate(CleanLine(Content(c)));
  }
}

// Without a title in the properties, the first Title/Heading 1 paragraph,
// else a short first paragraph, becomes the title and leaves the body.
void TakeTitleAndBody(const std::vector<Paragraph>& paragraphs, Article& article) {
  size_t title_at = paragraphs.size();
  if (article.title.empty()) {
    for (size_t i = 0; i < paragraphs.size() && title_at == paragraphs.size(); ++i)
      if (paragraphs[i].heading) title_at = i;
    if (title_at == paragraphs.size() && !paragraphs.empty() &&
        paragraphs[0].text.size() <= kMaxTitleBytes)
      title_at = 0;
    if (title_at < paragraphs.size()) article.title = CleanLine(paragraphs[title_at].text);
  }
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i == title_at) continue;
    if (!article.body.empty()) article.body += "\n\n";
    article.body += paragraphs[i].text;
  }
}

ParseOutput Refuse(std::string_view rel_path, std::string reason) {
  ParseOutput out;
  out.warnings.push_back(parse_internal::MakeDiagnostic(rel_path, 0, std::move(reason)));
  return out;
}

ZipPtr OpenZip(std::string_view bytes, std::string* error) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* zip = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  if (!zip) {
    *error = zip_error_strerror(&err);
    if (src) zip_source_free(src);
  }
  zip_error_fini(&err);
  return ZipPtr(zip);
}

}  // namespace

ParseOutput ParseDocx(std::string_view rel_path, std::string_view bytes) {
  return parse_internal::Guarded(rel_path, [&]() -> ParseOutput {
    if (bytes.empty()) return Refuse(rel_path, "empty file");
    if (bytes.substr(0, 4) == "\xD0\xCF\x11\xE0")
      return Refuse(rel_path,
                    "not a DOCX: an OLE compound file (a password-protected document or an old "
                    ".doc); skipped");
    std::string error;
    ZipPtr zip = OpenZip(bytes, &error);
    if (!zip) return Refuse(rel_path, "not a DOCX (not a zip archive: " + error + ")");
    Part document = ReadPart(zip.get(), "word/document.xml");
    if (!document.error.empty()) return Refuse(rel_path, "damaged DOCX: " + document.error);
    if (!document.bytes) return Refuse(rel_path, "not a DOCX (no word/document.xml in the zip)");
    XmlPtr xml = ParseXml(*document.bytes, "word/document.xml");
    if (!xml) return Refuse(rel_path, "damaged DOCX: word/document.xml is not well-formed XML");
    Article article = parse_internal::NewArticle(rel_path, "docx");
    Part core = ReadPart(zip.get(), "docProps/core.xml");
    if (core.bytes) {
      XmlPtr props = ParseXml(*core.bytes, "docProps/core.xml");
      if (props) ReadCoreProperties(xmlDocGetRootElement(props.get()), article);
    }
    std::vector<Paragraph> paragraphs;
    CollectParagraphs(xmlDocGetRootElement(xml.get()), paragraphs);
    TakeTitleAndBody(paragraphs, article);
    if (!text::IsValidUtf8(article.body) || !text::IsValidUtf8(article.title))
      return Refuse(rel_path, "damaged DOCX (invalid UTF-8 text)");
    if (article.date.empty()) article.date = FindDateInText(article.title + "\n" + article.body);
    ParseOutput out;
    parse_internal::AddArticle(out, std::move(article));
    return out;
  });
}

}  // namespace longjing
