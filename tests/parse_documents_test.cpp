// Tests for the document formats of parse.h: PDF (poppler) and DOCX (libzip
// + libxml2), their refusals, and FindDateInText. Every fixture is made here
// (doc_fixtures.h): text, Chinese (Simplified and Traditional), multi-page,
// encrypted, without a text layer, damaged.
#include <doctest/doctest.h>

#include <string>

#include "doc_fixtures.h"
#include "longjing/parse.h"

namespace longjing {
namespace {

using testing::DocxSpec;
using testing::MakeDocx;
using testing::MakePdf;
using testing::PdfSpec;

std::string Warnings(const ParseOutput& out) {
  std::string s;
  for (const Diagnostic& d : out.warnings) s += d.ToString() + "\n";
  return s;
}

Article ParseOne(std::string_view path, std::string_view bytes) {
  ParseOutput out = ParseFile(path, bytes);
  INFO(Warnings(out));
  REQUIRE(out.articles.size() == 1);
  return out.articles[0];
}

// The single warning a refused file gives; REQUIREs no article.
std::string RefusalOf(std::string_view path, std::string_view bytes,
                      const ParseLimits& limits = {}) {
  ParseOutput out = ParseFile(path, bytes, limits);
  INFO(Warnings(out));
  REQUIRE(out.articles.empty());
  REQUIRE(out.warnings.size() == 1);
  CHECK(out.warnings[0].path == path);
  return out.warnings[0].message;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string PageText(const Article& a, size_t page) {
  size_t begin = a.page_starts.at(page);
  size_t end = page + 1 < a.page_starts.size() ? a.page_starts[page + 1] : a.body.size();
  return a.body.substr(begin, end - begin);
}

TEST_CASE("FindDateInText: English, French and Chinese forms") {
  struct Case {
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"Published on 5 March 2024 in Beijing", "2024-03-05"},
      {"Issued March 5, 2024.", "2024-03-05"},
      {"le 5 mars 2024, le ministère", "2024-03-05"},
      {"Paris, le 1er août 2023", "2023-08-01"},
      {"Paris, le 1er aout 2023", "2023-08-01"},
      {"国务院办公厅 2024年3月5日 发布", "2024-03-05"},
      {"发布日期：２０２４年１２月３１日", "2024-12-31"},
      {"Ref 2024-02-29 (leap)", "2024-02-29"},
      {"31 February 2024 is no date, but 1 May 2024 is", "2024-05-01"},
      {"Section 5 March forward 2024", ""},
      {"2023年13月5日", ""},
      {"12345 March 2024", ""},
      {"no date here", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(FindDateInText(c.text) == c.want);
  }
}

TEST_CASE("PDF: metadata title and date, text per page") {
  PdfSpec spec;
  spec.title = "Made in China 2025: a review";
  spec.author = "Policy Desk";
  spec.creation_date = "D:20240305103000Z";
  spec.pages = {"Made in China 2025\nHuawei opened a plant in Shenzhen.\n",
                "Page two talks about semiconductors.\n",
                "The third page mentions Hangzhou and Alibaba.\n"};
  Article a = ParseOne("reports/mic.pdf", MakePdf(spec));
  CHECK(a.format == "pdf");
  CHECK(a.id == "reports/mic.pdf");
  CHECK(a.title == "Made in China 2025: a review");
  CHECK(a.author == "Policy Desk");
  CHECK(a.date == "2024-03-05");
  REQUIRE(a.page_starts.size() == 3);
  CHECK(a.page_starts[0] == 0);
  CHECK(Contains(PageText(a, 0), "Huawei opened a plant in Shenzhen."));
  CHECK(Contains(PageText(a, 1), "semiconductors"));
  CHECK_FALSE(Contains(PageText(a, 1), "Hangzhou"));
  CHECK(Contains(PageText(a, 2), "Hangzhou and Alibaba"));
}

TEST_CASE(
    "PDF: without metadata the title is the first heading-like line, the date from the text") {
  PdfSpec spec;
  spec.pages = {"12\nNotice on the digital economy\nIssued on 7 June 2023 by the council.\n"};
  Article a = ParseOne("notice.pdf", MakePdf(spec));
  CHECK(a.title == "Notice on the digital economy");
  CHECK(a.date == "2023-06-07");
  CHECK(a.page_starts.size() == 1);
}

TEST_CASE("PDF: a file name as metadata title is ignored") {
  PdfSpec spec;
  spec.title = "Microsoft Word - draft_v3.docx";
  spec.pages = {"Le plan quinquennal\nPublié le 5 mars 2024 à Pékin.\n"};
  Article a = ParseOne("plan.pdf", MakePdf(spec));
  CHECK(a.title == "Le plan quinquennal");
  CHECK(a.date == "2024-03-05");
}

TEST_CASE("PDF: Chinese text, Simplified and Traditional, through the ToUnicode map") {
  PdfSpec simplified;
  simplified.pages = {
      "关于促进人工智能产业发展的通知\n2024年3月5日\n杭州市将支持阿里巴巴等企业。\n",
      "第二页：深圳华为公司。\n"};
  Article a = ParseOne("zh/notice.pdf", MakePdf(simplified));
  CHECK(a.title == "关于促进人工智能产业发展的通知");
  CHECK(a.date == "2024-03-05");
  REQUIRE(a.page_starts.size() == 2);
  CHECK(Contains(PageText(a, 0), "杭州市将支持阿里巴巴等企业"));
  CHECK(Contains(PageText(a, 1), "深圳华为公司"));

  PdfSpec traditional;
  traditional.title = "臺灣半導體產業報告";
  traditional.pages = {"臺積電在新竹擴建晶圓廠。\n"};
  Article b = ParseOne("zh/tw.pdf", MakePdf(traditional));
  CHECK(b.title == "臺灣半導體產業報告");
  CHECK(Contains(b.body, "臺積電在新竹擴建晶圓廠"));
}

TEST_CASE("PDF: Chinese in a predefined CMap without ToUnicode (poppler-data)") {
  PdfSpec spec;
  spec.predefined_cmap = true;
  spec.pages = {"国务院关于加快发展先进制造业的意见\n二〇二四年 杭州 深圳\n"};
  Article a = ParseOne("zh/gov.pdf", MakePdf(spec));
  CHECK(a.title == "国务院关于加快发展先进制造业的意见");
  CHECK(Contains(a.body, "杭州"));
}

TEST_CASE("PDF: refusals name the file and the reason") {
  PdfSpec spec;
  spec.pages = {"Some text\n"};
  SUBCASE("encrypted") {
    spec.encrypted = true;
    CHECK(Contains(RefusalOf("locked.pdf", MakePdf(spec)), "encrypted"));
  }
  SUBCASE("no text layer") {
    spec.no_text_layer = true;
    CHECK(Contains(RefusalOf("scan.pdf", MakePdf(spec)), "no text layer"));
  }
  SUBCASE("damaged") {
    CHECK(Contains(RefusalOf("bad.pdf", "%PDF-1.4\n1 0 obj << /Type /Catal"), "damaged"));
  }
  SUBCASE("not a PDF at all") {
    CHECK(Contains(RefusalOf("fake.pdf", "<html>not a pdf</html>"), "not a PDF"));
  }
  SUBCASE("empty") { CHECK(Contains(RefusalOf("empty.pdf", ""), "empty")); }
  SUBCASE("over the page cap") {
    spec.pages = {"one\n", "two\n", "three\n"};
    ParseLimits limits;
    limits.max_pages = 2;
    std::string reason = RefusalOf("long.pdf", MakePdf(spec), limits);
    CHECK(Contains(reason, "3 pages"));
    CHECK(Contains(reason, "max_document_pages"));
  }
}

TEST_CASE("DOCX: properties, heading title, paragraphs") {
  DocxSpec spec;
  spec.title = "Semiconductor subsidies in Shenzhen";
  spec.creator = "Analyst";
  spec.created = "2024-03-05T09:00:00Z";
  spec.language = "en-GB";
  spec.paragraphs = {{"Semiconductor subsidies", "Title"},
                     {"Shenzhen announced new support for chip makers.", ""},
                     {"Huawei & SMIC <benefit>.", ""}};
  Article a = ParseOne("memo.docx", MakeDocx(spec));
  CHECK(a.format == "docx");
  CHECK(a.title == "Semiconductor subsidies in Shenzhen");
  CHECK(a.author == "Analyst");
  CHECK(a.date == "2024-03-05");
  CHECK(a.lang == "en");
  CHECK(a.page_starts.empty());
  CHECK(Contains(a.body,
                 "Shenzhen announced new support for chip makers.\n\nHuawei & SMIC <benefit>."));

  DocxSpec bare;
  bare.paragraphs = {{"Intro line that is not styled", ""},
                     {"关于数字经济的意见", "Heading1"},
                     {"2023年11月2日，北京。", ""}};
  Article b = ParseOne("zh/memo.docx", MakeDocx(bare));
  CHECK(b.title == "关于数字经济的意见");
  CHECK(b.date == "2023-11-02");
  CHECK(Contains(b.body, "Intro line that is not styled"));
  CHECK_FALSE(Contains(b.body, "关于数字经济的意见"));
}

TEST_CASE("DOCX: refusals name the file and the reason") {
  CHECK(Contains(RefusalOf("plain.docx", "just some text, no zip"), "not a zip"));
  CHECK(Contains(RefusalOf("old.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "x"),
                 "OLE compound file"));
  DocxSpec spec;
  spec.paragraphs = {{"text", ""}};
  std::string zip = MakeDocx(spec);
  CHECK(Contains(RefusalOf("cut.docx", zip.substr(0, zip.size() / 2)), "DOCX"));
  CHECK(Contains(RefusalOf("empty.docx", ""), "empty"));
  DocxSpec nothing;
  CHECK(Contains(RefusalOf("blank.docx", MakeDocx(nothing)), "no text"));
}

TEST_CASE("IsCorpusFile and IsDocumentFile know the document formats") {
  CHECK(IsCorpusFile("a/report.pdf"));
  CHECK(IsCorpusFile("memo.DOCX"));
  CHECK_FALSE(IsCorpusFile("memo.doc"));
  CHECK(IsDocumentFile("x.PDF"));
  CHECK_FALSE(IsDocumentFile("x.md"));
}

}  // namespace
}  // namespace longjing
