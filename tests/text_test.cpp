// text.h: folding tables (case, accents, Traditional -> Simplified), script
// classes, and the byte-level UTF-8 helpers.
#include "longjing/text.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

namespace longjing::text {
namespace {

// First, so the tables are built here, by several threads at once.
TEST_CASE("first use from many threads") {
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t)
    threads.emplace_back([&results, t] { results[t] = Fold("Pékin 華為"); });
  for (auto& thread : threads) thread.join();
  for (const std::string& r : results) CHECK(r == "pekin 华为");
}

TEST_CASE("Fold") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"", ""},
      {"Hangzhou", "hangzhou"},
      {"PÉKIN Pékin", "pekin pekin"},
      {"Ü ç ï ñ å ø", "u c i n a ø"},  // ø has no decomposition
      {"İstanbul", "istanbul"},
      {"ß ẞ", "ß ß"},  // simple folding only: one code point each
      {"ΆΘΗΝΑ", "αθηνα"},
      {"Shanghai\u2019s Shanghai\u02BCs", "shanghai's shanghai's"},
      {"\uFF28\uFF35\uFF21\uFF37\uFF25\uFF29\uFF01\uFF11", "huawei!1"},
      {"Beijing\u2010based Beijing\u2011based", "beijing-based beijing-based"},
      {"華為 臺灣 國 發展 後", "华为 台湾 国 发展 后"},
      {"华为", "华为"},
      {"\uF900", "\u5C82"},  // compatibility ideograph -> unified -> simplified
      {"ひらがな カタカナ", "ひらがな カタカナ"},  // voicing marks are kept
      {"한국어", "한국어"},
      {"\u3002\uFF0C\u300C\u300D", "\u3002,\u300C\u300D"},  // fullwidth comma is ASCII
      {"a\tb\nc", "a\tb\nc"},
      {"\U00010400", "\U00010428"},  // above the BMP: case only
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.in));
    CHECK(Fold(c.in) == c.out);
  }
}

TEST_CASE("Fold keeps one code point per code point") {
  std::string all;
  for (char32_t c = 0x20; c < 0x30000; c += 7) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    AppendUtf8(all, c);
  }
  std::string folded = Fold(all);
  REQUIRE(IsValidUtf8(folded));
  size_t i = 0, j = 0, n = 0, m = 0;
  while (i < all.size()) NextCodePoint(all, i), ++n;
  while (j < folded.size()) NextCodePoint(folded, j), ++m;
  CHECK(n == m);
}

TEST_CASE("FoldCodePoint") {
  CHECK(FoldCodePoint(U'É') == U'e');
  CHECK(FoldCodePoint(U'A') == U'a');
  CHECK(FoldCodePoint(U'國') == U'国');
  CHECK(FoldCodePoint(U'国') == U'国');
  CHECK(FoldCodePoint(U'5') == U'5');
  CHECK(FoldCodePoint(0xD800) == 0xD800);  // a lone surrogate passes through
  CHECK(FoldCodePoint(0x10FFFF) == 0x10FFFF);
}

TEST_CASE("ToSimplified changes only Chinese") {
  CHECK(ToSimplified("Pékin 華為 HUAWEI ＡＢ 台灣") == "Pékin 华为 HUAWEI ＡＢ 台湾");
  CHECK(ToSimplified("中华人民共和国") == "中华人民共和国");
  CHECK(ToSimplified("") == "");
}

TEST_CASE("IsCjk and IsWordChar") {
  struct Case {
    char32_t c;
    bool cjk;
    bool word;
  };
  const Case cases[] = {
      {U'a', false, true},    {U'Z', false, true},    {U'7', false, true},   {U'é', false, true},
      {0x0301, false, true},  {U'ß', false, true},    {U'ж', false, true},   {U'\'', false, false},
      {U'-', false, false},   {U' ', false, false},   {U'_', false, false},  {U'.', false, false},
      {U'杭', true, false},   {U'國', true, false},   {0x3400, true, false}, {0xF900, true, false},
      {0x20000, true, false}, {0x2A6D6, true, false}, {U'々', true, false},  {U'〇', true, false},
      {U'の', true, false},   {U'カ', true, false},   {U'ー', true, false},  {U'ｶ', true, false},
      {U'한', true, false},   {U'。', false, false},  {U'，', false, false}, {U'「', false, false},
      {U'」', false, false},  {U'、', false, false},  {U'・', false, false}, {0x3000, false, false},
      {U'（', false, false},  {U'Ａ', false, true},
  };
  for (const Case& c : cases) {
    CAPTURE(static_cast<uint32_t>(c.c));
    CHECK(IsCjk(c.c) == c.cjk);
    CHECK(IsWordChar(c.c) == c.word);
  }
}

TEST_CASE("UTF-8 helpers") {
  size_t bad = 99;
  CHECK(IsValidUtf8("Pékin 北京 \U0001F600"));
  CHECK_FALSE(IsValidUtf8("ab\xC3", &bad));
  CHECK(bad == 2);
  CHECK_FALSE(IsValidUtf8("\xC0\xAF", &bad));  // overlong '/'
  CHECK(bad == 0);
  CHECK_FALSE(IsValidUtf8("x\xED\xA0\x80", &bad));  // surrogate
  CHECK(bad == 1);

  for (char32_t c : {U'a', U'é', U'北', U'\U0001F600', char32_t{0x10FFFF}}) {
    std::string s;
    AppendUtf8(s, c);
    size_t i = 0;
    CHECK(NextCodePoint(s, i) == c);
    CHECK(i == s.size());
  }
}

TEST_CASE("Trim and NormalizeSpace") {
  CHECK(Trim("  a b \n") == "a b");
  CHECK(Trim("\u3000北京\u00A0") == "北京");
  CHECK(Trim(" \t ") == "");
  CHECK(NormalizeSpace(" a  b\tc ", false) == "a b c");
  CHECK(NormalizeSpace("a\n\n b\nc", true) == "a\n\nb c");
  CHECK(NormalizeSpace("a\n\n b", false) == "a b");
}

TEST_CASE("HashHex") {
  std::string h = HashHex("longjing");
  CHECK(h.size() == 16);
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(HashHex("longjing") == h);
  CHECK(HashHex("Longjing") != h);
}

}  // namespace
}  // namespace longjing::text

TEST_CASE("IsHttpUrl: only absolute http(s) URLs with a host") {
  for (const char* ok :
       {"http://example.com", "https://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM/",
        "https://user@example.com:8443/x", "https://例子.中国/路径"}) {
    CAPTURE(ok);
    CHECK(longjing::text::IsHttpUrl(ok));
  }
  for (const char* bad : {"", "javascript:alert(1)", "JavaScript:alert(1)", " https://example.com",
                          "https://exa mple.com", "https://example.com/\n", "data:text/html,x",
                          "//example.com", "/relative", "http://", "https:///path", "http://user@/",
                          "http://:80/", "ftp://example.com", "vbscript:x"}) {
    CAPTURE(bad);
    CHECK(!longjing::text::IsHttpUrl(bad));
  }
  CHECK(!longjing::text::IsHttpUrl("https://example.com/" + std::string(3000, 'a')));
  CHECK(!longjing::text::IsHttpUrl("https://example.com/\xff"));
}

TEST_CASE("Excerpt cuts on a character boundary") {
  CHECK(longjing::text::Excerpt("short") == "short");
  CHECK(longjing::text::Excerpt(std::string(100, 'a'), 10) == std::string(10, 'a') + "...");
  CHECK(longjing::text::Excerpt("ab\xE4\xB8\xAD", 3) == "ab...");  // never half of 中
}

namespace longjing::text {
namespace {

TEST_CASE("IsSpace: one set of white space for trimming, tagging and queries") {
  for (char32_t c : {U' ', U'\t', U'\n', U'\r', U'\v', U'\f', U'\u00A0', U'\u3000', U'\u2003',
                     U'\u200B', U'\u2028', U'\u202F', U'\u205F', U'\uFEFF', U'\u0085'})
    CHECK(IsSpace(c));
  for (char32_t c : {U'a', U'-', U'\u00AD', U'\u200D', U'人', U'\0'}) CHECK_FALSE(IsSpace(c));
}

TEST_CASE("LowerAscii leaves non-ASCII bytes alone") {
  CHECK(LowerAscii("HangZhou-2024") == "hangzhou-2024");
  CHECK(LowerAscii("PÉKIN") == "pÉkin");
  CHECK(LowerAscii("").empty());
}

TEST_CASE("MatchKey: a zero-width space inside a name is dropped, not a space") {
  CHECK(MatchKey("Hang\u200Bzhou") == "hangzhou");
  CHECK(MatchKey("Hang\u00A0 zhou") == "hang zhou");
  CHECK(MatchSymbol(U'\u0301') == kDropped);
}

}  // namespace
}  // namespace longjing::text
