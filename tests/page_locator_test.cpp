// Tests for search/page_locator.h: which page a snippet comes from, and page
// starts in UTF-16 units.
#include "search/page_locator.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace longjing::search {
namespace {

TEST_CASE("SnippetPage: the page of the first highlighted fragment") {
  // Three pages; "lithium" on pages 1 and 3, "cobalt" only on page 2.
  std::string body =
      "Page one: lithium prices rose.\n\nMore on page one.\n\n"
      "Page two: cobalt\nmines in the Congo.\n\n"
      "Page three: lithium & cobalt <refining> in Sichuan.";
  std::vector<size_t> starts = {0, body.find("Page two"), body.find("Page three")};
  struct Case {
    const char* snippet;
    int want;
  };
  const Case cases[] = {
      {"Page two: <mark>cobalt</mark> mines in the…", 2},  // the line break became a space
      {"…three: <mark>lithium</mark> &amp; cobalt &lt;refining&gt; in…", 3},
      {"Page one: <mark>lithium</mark> prices rose.", 1},
      {"…unrelated words… Page three: lithium &amp; <mark>cobalt</mark>", 3},
      {"no mark here", 1},
      {"<mark>nowhere</mark> in the body", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.snippet));
    CHECK(SnippetPage(body, starts, c.snippet) == c.want);
  }
  CHECK(SnippetPage(body, {}, "<mark>cobalt</mark>") == 0);  // no pages
  CHECK(SnippetPage(body, {0}, "<mark>cobalt</mark>") == 1);
}

TEST_CASE("SnippetPage: Chinese text with the page break inside a sentence") {
  std::string body = "第一页讲杭州。\n\n第二页讲深圳的半导体产业。";
  std::vector<size_t> starts = {0, body.find("第二页")};
  CHECK(SnippetPage(body, starts, "第二页讲<mark>深圳</mark>的半导体") == 2);
  CHECK(SnippetPage(body, starts, "第一页讲<mark>杭州</mark>。") == 1);
}

TEST_CASE("SnippetPage: a Simplified snippet over Traditional text, across a page break") {
  // Regression: the fragment spans both pages and reads 厂 where the body has 廠.
  std::string body = "臺積電擴建晶圓廠\n\n第二頁：高雄廠房。";
  std::vector<size_t> starts = {0, body.find("第二頁")};
  CHECK(SnippetPage(body, starts, "台积电扩建晶圆厂 第二页：<mark>高雄</mark>厂房…") == 2);
  CHECK(SnippetPage(body, starts, "<mark>台积电</mark>扩建晶圆厂 第二页") == 1);
}

TEST_CASE("Utf16Offsets: bytes to JavaScript string indexes") {
  std::string body = "ab杭州\xF0\x9F\x98\x80x";  // 2 ASCII, 2 BMP CJK, 1 astral, 1 ASCII
  CHECK(Utf16Offsets(body, {0, 2, 5, 8, 12, 13}) == std::vector<size_t>{0, 2, 3, 4, 6, 7});
}

}  // namespace
}  // namespace longjing::search
