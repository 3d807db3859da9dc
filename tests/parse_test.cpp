// Tests for parse.h: every corpus format, front matter, HTML boilerplate
// removal, JSONL line handling, ToMarkdown round trips and compatibility
// with bench/make-corpus output.
#include "longjing/parse.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "longjing/text.h"
#include "test_support.h"

namespace longjing {
namespace {

using testing::ReadFile;

// doctest prints a captured const char* as a pointer; show the text instead.
#define CAPTURE_STR(x) INFO(#x " := " << std::string(x))

// All warnings of an output, one per line, for failure messages.
std::string Warnings(const ParseOutput& out) {
  std::string s;
  for (const Diagnostic& d : out.warnings) s += d.ToString() + "\n";
  return s;
}

// Parses a file that must give exactly one article.
Article ParseOne(std::string_view path, std::string_view bytes) {
  ParseOutput out = ParseFile(path, bytes);
  INFO(Warnings(out));
  REQUIRE(out.articles.size() == 1);
  return out.articles[0];
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string DataFile(const std::string& name) {
  return ReadFile(testing::SourceDir() + "/tests/data/parse/" + name);
}

TEST_CASE("IsCorpusFile: extensions, hidden files and editor temporaries") {
  struct Case {
    const char* path;
    bool want;
  };
  const Case cases[] = {
      {"a.md", true},         {"dir/b.markdown", true}, {"c.TXT", true},
      {"d.Html", true},       {"e.htm", true},          {"f.jsonl", true},
      {"g.json", false},      {"h.pdf", true},          {"README", false},
      {".hidden.md", false},  {".git/x.md", false},     {"a/.cache/b.md", false},
      {"a/.#lock.md", false}, {"notes.md~", false},     {"notes.md.swp", false},
      {"notes.tmp", false},   {"#notes.md#", false},    {"2024/01/x.md", true},
      {"md", false},          {"dir.md/", false},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.path);
    CHECK(IsCorpusFile(c.path) == c.want);
  }
}

TEST_CASE("IsValidDate accepts real calendar dates only") {
  struct Case {
    const char* date;
    bool want;
  };
  const Case cases[] = {
      {"2024-05-17", true},   {"2024-02-29", true},  {"2000-02-29", true},  {"1900-02-29", false},
      {"2025-02-30", false},  {"2025-02-29", false}, {"2025-13-01", false}, {"2025-00-10", false},
      {"2025-04-31", false},  {"2025-4-01", false},  {"25-04-01", false},   {"2025/04/01", false},
      {"2025-04-01T", false}, {"", false},           {"abcd-ef-gh", false},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.date);
    CHECK(IsValidDate(c.date) == c.want);
  }
}

TEST_CASE("ParseFile dispatches by extension and refuses unknown ones") {
  CHECK(ParseOne("a.md", "# T\n\nx").format == "markdown");
  CHECK(ParseOne("a.MARKDOWN", "# T\n\nx").format == "markdown");
  CHECK(ParseOne("a.txt", "T\nx").format == "text");
  CHECK(ParseOne("a.htm", "<h1>T</h1><p>x</p>").format == "html");
  CHECK(ParseOne("a.HTML", "<h1>T</h1><p>x</p>").format == "html");
  ParseOutput jl = ParseFile("a.jsonl", R"({"title":"T","body":"x"})");
  REQUIRE(jl.articles.size() == 1);
  CHECK(jl.articles[0].format == "jsonl");
  ParseOutput other = ParseFile("a.doc", "\xD0\xCF\x11\xE0");
  CHECK(other.articles.empty());
  REQUIRE(other.warnings.size() == 1);
  CHECK(Contains(other.warnings[0].message, "unknown extension"));
}

TEST_CASE("ParseFile drops urls that are not http(s), with a warning, and keeps the article") {
  struct Row {
    const char* path;
    std::string bytes;
  } rows[] = {
      {"a.md", "---\ntitle: T\nurl: \"javascript:alert(1)\"\n---\n\nbody"},
      {"a.jsonl", R"({"title":"T","body":"x","url":"data:text/html,<b>x</b>"})"},
      {"a.html",
       "<html><head><link rel=canonical href=\"javascript:alert(1)\"></head>"
       "<body><h1>T</h1><p>x</p></body></html>"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.path);
    ParseOutput out = ParseFile(row.path, row.bytes);
    REQUIRE(out.articles.size() == 1);
    CHECK(out.articles[0].url.empty());
    CHECK(out.articles[0].title == "T");
    REQUIRE(out.warnings.size() == 1);
    CHECK(Contains(out.warnings[0].message, "dropped: only http(s) URLs are kept"));
  }
  ParseOutput kept = ParseFile("b.md", "---\ntitle: T\nurl: https://example.com/x\n---\n\nbody");
  REQUIRE(kept.articles.size() == 1);
  CHECK(kept.articles[0].url == "https://example.com/x");
  CHECK(kept.warnings.empty());
}

TEST_CASE("empty and white-space-only files give one 'empty file' warning") {
  for (const char* path : {"e.md", "e.txt", "e.html", "e.jsonl"}) {
    for (const char* bytes : {"", "  \n\t\r\n  ", "\xEF\xBB\xBF\n"}) {
      CAPTURE_STR(path);
      ParseOutput out = ParseFile(path, bytes);
      CHECK(out.articles.empty());
      REQUIRE(out.warnings.size() == 1);
      CHECK(out.warnings[0].message == "empty file");
      CHECK(out.warnings[0].path == path);
    }
  }
}

TEST_CASE("invalid UTF-8 is reported with its line and gives no article") {
  const std::string bad = "Title line\nsecond line\nthird \xC3\x28 line\n";
  for (const char* path : {"b.md", "b.txt", "b.html"}) {
    CAPTURE_STR(path);
    ParseOutput out = ParseFile(path, bad);
    CHECK(out.articles.empty());
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0].line == 3);
    CHECK(out.warnings[0].message == "invalid UTF-8 at line 3");
  }
  // Overlong encodings and surrogates are invalid too.
  CHECK(ParseFile("o.txt", "a\n\xC0\xAF").warnings.at(0).line == 2);
  CHECK(ParseFile("s.txt", "\xED\xA0\x80").warnings.at(0).message == "invalid UTF-8 at line 1");
}

TEST_CASE("markdown: front matter fields") {
  Article a = ParseOne("news/a.md",
                       "---\n"
                       "title: \"Hefei: talent & tax\"\n"
                       "date: 2024-03-05\n"
                       "source: Le Journal\n"
                       "url: https://example.org/a\n"
                       "author: [Claire Dubois, Wang Wei]\n"
                       "lang: fr-FR\n"
                       "comments: {x: 1}\n"
                       "---\n\n"
                       "First paragraph with *emphasis*.\n\n"
                       "Second   paragraph\nwrapped.\n");
  CHECK(a.id == "news/a.md");
  CHECK(a.path == "news/a.md");
  CHECK(a.line == 0);
  CHECK(a.format == "markdown");
  CHECK(a.title == "Hefei: talent & tax");
  CHECK(a.date == "2024-03-05");
  CHECK(a.source == "Le Journal");
  CHECK(a.url == "https://example.org/a");
  CHECK(a.author == "Claire Dubois, Wang Wei");
  CHECK(a.lang == "fr");
  CHECK(a.body == "First paragraph with emphasis.\n\nSecond paragraph wrapped.");
  CHECK(a.explicit_tags.empty());
}

TEST_CASE("markdown: date forms") {
  struct Case {
    const char* yaml;
    const char* want;
  };
  const Case cases[] = {
      {"date: 2024-03-05", "2024-03-05"},
      {"date: \"2024-03-05\"", "2024-03-05"},
      {"date: '2024-3-5'", "2024-03-05"},
      {"date: 2024-03-05T10:20:30Z", "2024-03-05"},
      {"date: 2024-03-05 10:20:30 +8", "2024-03-05"},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.yaml);
    ParseOutput out = ParseMarkdown("d.md", std::string("---\ntitle: T\n") + c.yaml + "\n---\nx\n");
    CHECK(out.warnings.empty());
    REQUIRE(out.articles.size() == 1);
    CHECK(out.articles[0].date == c.want);
  }
}

TEST_CASE("markdown: a bad date is a warning naming its line; the article stays") {
  for (const char* date : {"2025-02-30", "March 5, 2024", "2024-03-05x", "[2024]"}) {
    CAPTURE_STR(date);
    ParseOutput out = ParseMarkdown(
        "d.md", std::string("---\ntitle: T\nsource: S\ndate: ") + date + "\n---\nbody\n");
    REQUIRE(out.articles.size() == 1);
    CHECK(out.articles[0].date.empty());
    CHECK(out.articles[0].source == "S");
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0].line == 4);
    CHECK(Contains(out.warnings[0].message, "bad date '"));
  }
}

TEST_CASE("markdown: malformed YAML is reported at its file line; the article is kept") {
  struct Case {
    const char* text;
    int line;
  };
  const Case cases[] = {
      {"---\ntitle: T\n  bad: indent\n---\n# Heading\n\nBody text.\n", 3},
      {"---\ntitle: T\ndate: 2024-01-01\nsource: [unclosed\n---\n# Heading\n\nBody text.\n", 5},
      {"---\ntitle: a: b\n---\n# Heading\n\nBody text.\n", 2},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.text);
    ParseOutput out = ParseMarkdown("m.md", c.text);
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0].line == c.line);
    CHECK(Contains(out.warnings[0].message, "front matter ignored"));
    REQUIRE(out.articles.size() == 1);
    CHECK(out.articles[0].title == "Heading");
    CHECK(out.articles[0].body == "Body text.");
    CHECK(out.articles[0].date.empty());
  }
  // Without a heading the first line of the body is the title.
  ParseOutput out = ParseMarkdown("m.md", "---\n: : :\n\t- x\n---\nFirst *line*\nmore\n");
  REQUIRE(out.articles.size() == 1);
  CHECK(out.articles[0].title == "First line");
}

TEST_CASE("markdown: unclosed front matter is a warning; the whole file is body") {
  ParseOutput out = ParseMarkdown("u.md", "---\ntitle: T\n\nSome text.\n");
  REQUIRE(out.warnings.size() == 1);
  CHECK(out.warnings[0].line == 1);
  CHECK(Contains(out.warnings[0].message, "not closed"));
  REQUIRE(out.articles.size() == 1);
  CHECK(out.articles[0].title == "title: T");
  CHECK(Contains(out.articles[0].body, "Some text."));
}

TEST_CASE("markdown: explicit tags, explicit id, '...' closer, unknown keys") {
  ParseOutput out = ParseMarkdown("t.md",
                                  "---\n"
                                  "title: Tags\n"
                                  "id: custom-42\n"
                                  "city: [beijing, \"hong-kong\"]\n"
                                  "company: huawei, byd\n"
                                  "policy:\n  - tax\n  - talent\n"
                                  "tags: [ignored]\n"
                                  "...\n"
                                  "text\n");
  CHECK(out.warnings.empty());
  REQUIRE(out.articles.size() == 1);
  const Article& a = out.articles[0];
  CHECK(a.id == "custom-42");
  CHECK(a.path == "t.md");
  using Ids = std::vector<std::string>;
  CHECK(a.explicit_tags.at("city") == Ids{"beijing", "hong-kong"});
  CHECK(a.explicit_tags.at("company") == Ids{"huawei", "byd"});
  CHECK(a.explicit_tags.at("policy") == Ids{"tax", "talent"});
  CHECK(a.explicit_tags.count("tags") == 0);

  ParseOutput bad = ParseMarkdown("t.md", "---\ntitle: T\ncity: {a: b}\n---\nx\n");
  REQUIRE(bad.warnings.size() == 1);
  CHECK(bad.warnings[0].line == 3);
  CHECK(bad.articles.at(0).explicit_tags.empty());
}

TEST_CASE("markdown: title fallback and the repeated heading") {
  struct Case {
    const char* text;
    const char* title;
    const char* body;
  };
  const Case cases[] = {
      {"# The Title\n\nBody.\n", "The Title", "Body."},
      {"Intro line\n\n# Heading\n\nBody.\n", "Heading", "Intro line\n\nBody."},
      {"Just a first line\nand more.\n", "Just a first line", "Just a first line and more."},
      {"The Title\n=========\n\nBody.\n", "The Title", "Body."},
      {"```\n# not a heading\n```\nText.\n", "Text.", "# not a heading\n\nText."},
      {"---\ntitle: Front\n---\n# Front\n\nBody.\n", "Front", "Body."},
      {"---\ntitle: Front\n---\n# Other\n\nBody.\n", "Front", "Other\n\nBody."},
      {"---\ntitle: ''\n---\n## *Styled* heading ##\nBody.\n", "Styled heading", "Body."},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.text);
    Article a = ParseOne("h.md", c.text);
    CHECK(a.title == c.title);
    CHECK(a.body == c.body);
  }
}

TEST_CASE("markdown: CRLF line ends and a byte order mark") {
  Article a = ParseOne(
      "w.md", "\xEF\xBB\xBF---\r\ntitle: Windows\r\ndate: 2024-01-02\r\n---\r\n\r\nA\r\n\r\nB\r\n");
  CHECK(a.title == "Windows");
  CHECK(a.date == "2024-01-02");
  CHECK(a.body == "A\n\nB");
}

TEST_CASE("MarkdownToText reduces Markdown to its text") {
  struct Case {
    const char* md;
    const char* want;
  };
  const Case cases[] = {
      {"## Heading ##\ntext", "Heading\n\ntext"},
      {"*a* **b** ***c*** _d_ __e__ ~~f~~", "a b c d e f"},
      {"snake_case and 2 * 3 and 3*4 and ~5", "snake_case and 2 * 3 and 3*4 and ~5"},
      {"use `a*b_c` here", "use a*b_c here"},
      {"see [the *site*](https://x.org/a_(b)) now", "see the site now"},
      {"![a chart](img.png \"t\") and [ref][1]\n\n[1]: https://x.org", "a chart and ref"},
      {"a <span class=\"x\">b</span> c<br>d <!-- hidden --> e", "a b c\n\nd e"},
      {"<script>alert(1)</script>kept", "kept"},
      {"auto <https://x.org/p> and <me@x.org>", "auto https://x.org/p and me@x.org"},
      {"- one\n- two\n* three\n1. four\n2) five\n- [x] done",
       "one\n\ntwo\n\nthree\n\nfour\n\nfive\n\ndone"},
      {"> quoted\n> > nested", "quoted nested"},
      {"```python\nx = a_b * 2\n```\nafter", "x = a_b * 2\n\nafter"},
      {"~~~\n*kept*\n~~~", "*kept*"},
      {"| a | b |\n|---|:-:|\n| 1 | 2 |", "a b 1 2"},
      {"AT&amp;T &lt;tag&gt; &#233;t&#xE9; R&D &bogus;", "AT&T <tag> été R&D &bogus;"},
      {"\\*literal\\* \\# \\[x\\]", "*literal* # [x]"},
      {"para\n\n---\n\nnext\n***\nlast", "para\n\nnext\n\nlast"},
      {"中文，*强调*。\n\nÉté à Pékin", "中文，强调。\n\nÉté à Pékin"},
      {"[^1]: a footnote", "[^1]: a footnote"},
      {"a < b > c", "a < b > c"},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.md);
    CHECK(MarkdownToText(c.md) == c.want);
  }
}

TEST_CASE("text: first non-empty line is the title, the rest the body") {
  Article a = ParseOne("notes/a.txt",
                       "\n\n   A   plain title  \r\nLine one\r\nline two\r\n\r\n\r\nNext para\n");
  CHECK(a.id == "notes/a.txt");
  CHECK(a.format == "text");
  CHECK(a.title == "A plain title");
  CHECK(a.body == "Line one line two\n\nNext para");
  CHECK(a.date.empty());
  Article only = ParseOne("b.txt", "Only a title");
  CHECK(only.title == "Only a title");
  CHECK(only.body.empty());
}

TEST_CASE("html: boilerplate is removed, article text and metadata kept") {
  Article a = ParseOne("web/news.html", DataFile("news.html"));
  CHECK(a.format == "html");
  CHECK(a.title == "Hefei attire les talents");
  CHECK(a.date == "2024-05-17");
  CHECK(a.source == "Le Journal");
  CHECK(a.author == "Claire Dubois");
  CHECK(a.url == "https://example.org/le-journal/hefei-talents.html");
  CHECK(a.lang == "fr");
  CHECK(a.body ==
        "La ville de Hefei offre des aides au logement aux docteurs & chercheurs.\n\n"
        "Deuxième paragraphe, sur plusieurs lignes.\n\nAprès un saut.\n\n"
        "Premier point\n\nSecond point");
  for (const char* noise : {"STYLE_TEXT", "SCRIPT_TEXT", "HEADER_TEXT", "NAV_TEXT", "ROLE_NAV_TEXT",
                            "ASIDE_TEXT", "BUTTON_TEXT", "NOSCRIPT_TEXT", "SVG_TEXT", "IFRAME_TEXT",
                            "TEMPLATE_TEXT", "FOOTER_TEXT", "CONTENTINFO_TEXT", "Accueil"}) {
    CAPTURE_STR(noise);
    CHECK_FALSE(Contains(a.body, noise));
  }
}

TEST_CASE("html: without <article> or <main> the body is read, furniture still skipped") {
  Article a = ParseOne("p.html",
                       "<html><head><title> Page  title </title></head><body>"
                       "<nav>Menu</nav><div>First</div><div>Second <i>part</i></div>"
                       "<table><tr><td>c1</td><td>c2</td></tr></table>"
                       "<footer>Foot</footer></body></html>");
  CHECK(a.title == "Page title");
  CHECK(a.body == "First\n\nSecond part\n\nc1 c2");
  CHECK(a.lang.empty());
  CHECK(a.date.empty());
}

TEST_CASE("html: title preference is og:title, then <h1>, then <title>") {
  struct Case {
    const char* head;
    const char* body;
    const char* want;
  };
  const Case cases[] = {
      {"<title>T</title><meta property=\"og:title\" content=\"OG\">", "<h1>H</h1>", "OG"},
      {"<title>T | Site</title>", "<h1>H</h1><p>x</p>", "H"},
      {"<title>T | Site</title>", "<p>x</p>", "T | Site"},
      {"<title>T</title>", "<h1>Outside</h1><article><h1>Inside</h1><p>x</p></article>", "Inside"},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.head);
    std::string html =
        std::string("<html><head>") + c.head + "</head><body>" + c.body + "</body></html>";
    CHECK(ParseOne("t.html", html).title == c.want);
  }
}

TEST_CASE("html: publication date from meta tags and <time>") {
  struct Case {
    const char* markup;
    const char* want;
  };
  const Case cases[] = {
      {"<meta property=\"article:published_time\" content=\"2024-05-17T08:30:00Z\">", "2024-05-17"},
      {"<meta property=\"og:published_time\" content=\"2023-01-02\">", "2023-01-02"},
      {"<meta name=\"date\" content=\"2022-12-31\">", "2022-12-31"},
      {"<meta name=\"DC.date\" content=\"2021-06-07\">", "2021-06-07"},
      {"<meta name=\"DC.date.issued\" content=\"2021-06-08\">", "2021-06-08"},
      {"<meta name=\"pubdate\" content=\"2020-02-29\">", "2020-02-29"},
      {"<meta name=\"publishdate\" content=\"2019-03-04 10:00\">", "2019-03-04"},
      {"<meta name=\"citation_publication_date\" content=\"2018-11-12\">", "2018-11-12"},
      {"<meta name=\"date\" content=\"2025-02-30\"><meta name=\"pubdate\" content=\"2025-03-01\">",
       "2025-03-01"},
      {"<meta name=\"date\" content=\"yesterday\">", ""},
      {"<meta name=\"date\" content=\"2020-01-01\"><meta property=\"article:published_time\" "
       "content=\"2024-04-04\">",
       "2024-04-04"},
  };
  for (const Case& c : cases) {
    CAPTURE_STR(c.markup);
    std::string html =
        std::string("<html><head>") + c.markup + "</head><body><p>x</p></body></html>";
    CHECK(ParseOne("d.html", html).date == c.want);
  }
  Article timed = ParseOne("t.html",
                           "<body><article><p>x <time datetime=\"bad\">?</time>"
                           "<time datetime=\"2017-08-09T10:00\">then</time></p></article></body>");
  CHECK(timed.date == "2017-08-09");
  CHECK(timed.body == "x ?then");
}

TEST_CASE("html: og:url when there is no canonical link; a page with no text") {
  Article a = ParseOne(
      "u.html", "<head><meta property=\"og:url\" content=\" https://x.org/u \"></head><p>x</p>");
  CHECK(a.url == "https://x.org/u");
  ParseOutput empty = ParseHtml("e.html", "<html><body><nav>only a menu</nav></body></html>");
  CHECK(empty.articles.empty());
  REQUIRE(empty.warnings.size() == 1);
  CHECK(empty.warnings[0].message == "no text");
}

// Found while fixing what tests/fuzz/taxonomy_fuzz found (the same nlohmann
// exception): a number too large for a double lost every line of the file.
TEST_CASE("jsonl: a number that overflows a double skips its line only") {
  ParseOutput out = ParseJsonl("a.jsonl",
                               "{\"title\":\"One\",\"body\":\"x\",\"n\":1e999}\n"
                               "{\"title\":\"Two\",\"body\":\"y\"}\n");
  REQUIRE(out.articles.size() == 1);
  CHECK(out.articles[0].title == "Two");
  REQUIRE(out.warnings.size() == 1);
  CHECK(out.warnings[0].line == 1);
  CHECK(out.warnings[0].message.find("number overflow") != std::string::npos);
}

TEST_CASE("jsonl: good lines become articles; bad lines are skipped with their line number") {
  const std::string jsonl =
      R"({"title":"One","body":"First body.\n\nSecond para.","date":"2024-01-02","lang":"EN"})"
      "\n"
      "\n"
      R"({"title":"Broken", "body": )"
      "\n"
      R"({"title":"No body","source":"S"})"
      "\n"
      R"({"title":"Empty body","body":"   "})"
      "\n"
      R"({"title":"Four","body":"x","id":"explicit","city":["beijing","shanghai"],"company":"huawei"})"
      "\n"
      R"({"title":"Bad date","body":"y","date":"2024-13-01","path":"ignored.md","author":["A","B"]})"
      "\n"
      "[1, 2]\n"
      "{\"title\":\"Bad\xFF\",\"body\":\"z\"}\n"
      "  \r\n"
      R"({"title":"Last","body":"end","url":"https://x.org","source":"Src"})"
      "\r\n";
  ParseOutput out = ParseJsonl("feed/a.jsonl", jsonl);
  REQUIRE(out.articles.size() == 4);
  const Article& one = out.articles[0];
  CHECK(one.id == "feed/a.jsonl#1");
  CHECK(one.path == "feed/a.jsonl");
  CHECK(one.line == 1);
  CHECK(one.format == "jsonl");
  CHECK(one.title == "One");
  CHECK(one.body == "First body.\n\nSecond para.");
  CHECK(one.date == "2024-01-02");
  CHECK(one.lang == "en");
  const Article& four = out.articles[1];
  CHECK(four.id == "explicit");
  CHECK(four.line == 6);
  CHECK(four.explicit_tags.at("city") == std::vector<std::string>{"beijing", "shanghai"});
  CHECK(four.explicit_tags.at("company") == std::vector<std::string>{"huawei"});
  const Article& dated = out.articles[2];
  CHECK(dated.id == "feed/a.jsonl#7");
  CHECK(dated.path == "feed/a.jsonl");
  CHECK(dated.date.empty());
  CHECK(dated.author == "A, B");
  const Article& last = out.articles[3];
  CHECK(last.id == "feed/a.jsonl#11");
  CHECK(last.url == "https://x.org");
  CHECK(last.source == "Src");

  INFO(Warnings(out));
  std::map<int, std::string> by_line;
  for (const Diagnostic& d : out.warnings) {
    CHECK(d.path == "feed/a.jsonl");
    by_line[d.line] = d.message;
  }
  REQUIRE(out.warnings.size() == 6);
  CHECK(Contains(by_line[3], "parse error"));
  CHECK_FALSE(Contains(by_line[3], "line 1,"));
  CHECK(Contains(by_line[4], "body"));
  CHECK(Contains(by_line[5], "body"));
  CHECK(Contains(by_line[7], "bad date '2024-13-01'"));
  CHECK(Contains(by_line[8], "not a JSON object"));
  CHECK(by_line[9] == "invalid UTF-8 at line 9");
}

TEST_CASE("ToMarkdown: ParseMarkdown reads back every field") {
  const char* titles[] = {
      "Plain title",
      "He said \"yes\": it's done",
      "# not a heading",
      "- leading dash",
      "key: value, [brackets] & {braces}",
      "null",
      "2024-01-01",
      "true",
      "  spaced\n title\twith\r\nbreaks  ",
      "北京发布人才政策：博士住房补贴",
      "Été à Pékin : « la réforme du hukou »",
      "back\\slash and 'single' quotes",
      "---",
  };
  for (const char* title : titles) {
    CAPTURE_STR(title);
    Article a;
    a.id = a.path = "in/x.md";
    a.format = "markdown";
    a.title = title;
    a.date = "2024-02-29";
    a.source = "Source: \"The\" #1";
    a.url = "https://example.org/a?b=c&d=e#frag";
    a.author = "Zoë O'Brien";
    a.lang = "fr";
    a.body =
        "First *para* with _under_ and `code` and [link](x) and <b>tag</b> & AT&amp;T.\n\n"
        "# hash start\n\n- dash start\n\n1. number start\n\n> quote\n\n=====\n\n"
        "| pipe |\n\n```\n\n~~strike~~ a\\b 北京，上海。";
    a.explicit_tags["city"] = {"beijing", "hong-kong"};
    a.explicit_tags["policy"] = {"tax"};
    std::string md = ToMarkdown(a);
    INFO(md);
    ParseOutput out = ParseMarkdown(a.path, md);
    INFO(Warnings(out));
    CHECK(out.warnings.empty());
    REQUIRE(out.articles.size() == 1);
    const Article& b = out.articles[0];
    CHECK(b.id == a.id);
    CHECK(b.title == text::NormalizeSpace(text::Trim(a.title), false));
    CHECK(b.date == a.date);
    CHECK(b.source == a.source);
    CHECK(b.url == a.url);
    CHECK(b.author == a.author);
    CHECK(b.lang == a.lang);
    CHECK(b.body == a.body);
    CHECK(b.explicit_tags == a.explicit_tags);
  }
}

TEST_CASE("ToMarkdown: explicit id kept, empty fields left out") {
  Article a;
  a.id = "custom";
  a.path = "p.md";
  a.title = "T";
  a.body = "B";
  std::string md = ToMarkdown(a);
  CHECK_FALSE(Contains(md, "date"));
  CHECK_FALSE(Contains(md, "source"));
  CHECK_FALSE(Contains(md, "city"));
  Article b = ParseOne("p.md", md);
  CHECK(b.id == "custom");
  CHECK(b.title == "T");
  CHECK(b.body == "B");
}

TEST_CASE("parsers never throw, whatever the bytes") {
  std::string junk;
  unsigned state = 12345;
  for (int i = 0; i < 4000; ++i) {
    state = state * 1103515245u + 12345u;
    const char pool[] = "<>[]()*_`~#-=|!&;:\\\"'{}\n\n  ab\xC3\xA9";
    junk += pool[(state >> 16) % (sizeof pool - 1)];
  }
  std::string deep_html;
  for (int i = 0; i < 3000; ++i) deep_html += "<div>";
  // Unmatched openers: inline scans are bounded, so these stay fast.
  std::string openers;
  for (const char* opener : {"[", "<", "&", "` ", "](", "<!--", "*a", "![x]("})
    for (int i = 0; i < 20000; ++i) openers += opener;
  for (const char* path : {"j.md", "j.txt", "j.html", "j.jsonl"}) {
    CAPTURE_STR(path);
    for (const std::string& bytes : {junk, openers, deep_html, std::string("---\n---\n")}) {
      ParseOutput out;
      CHECK_NOTHROW(out = ParseFile(path, bytes));
      CHECK(out.articles.size() + out.warnings.size() >= 1);
    }
  }
}

// make-corpus writes the benchmark corpora; every file must parse with no
// warning and agree with the JSONL copy the generator writes alongside.
TEST_CASE("make-corpus output parses unchanged") {
  testing::TempDir dir;
  std::string error = testing::MakeCorpus("--quiet --jobs 1 --count 200 --out " + dir / "corpus" +
                                          " --jsonl " + dir / "corpus.jsonl");
  INFO(error);
  REQUIRE(error.empty());
  std::istringstream lines(ReadFile(dir / "corpus.jsonl"));
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    nlohmann::json want = nlohmann::json::parse(line);
    std::string rel = want["path"];
    CAPTURE(rel);
    REQUIRE(IsCorpusFile(rel));
    ParseOutput out = ParseFile(rel, ReadFile(dir / ("corpus/" + rel)));
    INFO(Warnings(out));
    CHECK(out.warnings.empty());
    REQUIRE(out.articles.size() == 1);
    const Article& a = out.articles[0];
    CHECK(a.id == rel);
    CHECK(a.title == want["title"].get<std::string>());
    CHECK(a.date == want["date"].get<std::string>());
    CHECK(a.source == want["source"].get<std::string>());
    CHECK(a.url == want["url"].get<std::string>());
    CHECK(a.body == text::NormalizeSpace(want["body"].get<std::string>(), true));
    ++checked;
  }
  CHECK(checked == 200);
  // The same records as JSONL parse too (the generator's side file).
  ParseOutput jl = ParseJsonl("corpus.jsonl", ReadFile(dir / "corpus.jsonl"));
  CHECK(jl.warnings.empty());
  CHECK(jl.articles.size() == 200);
}

}  // namespace
}  // namespace longjing
