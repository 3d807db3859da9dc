// The query snippet (search/snippet.h): which window it shows, where that
// window starts and ends, what it marks and escapes, in Latin and CJK text.
// Queries are parsed as the searcher parses them: stems behind "Z", CJK
// n-grams.
#include "search/snippet.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <iterator>
#include <random>
#include <string>

#include "longjing/text.h"

namespace longjing::search {
namespace {

SnippetTerms Terms(const std::string& q, const char* stemmer = "english") {
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem(stemmer));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  qp.add_prefix("", "Z");
  qp.add_prefix("title", "ZS");
  qp.set_default_op(Xapian::Query::OP_AND);
  return SnippetTerms(qp.parse_query(q, Xapian::QueryParser::FLAG_PHRASE |
                                            Xapian::QueryParser::FLAG_BOOLEAN |
                                            Xapian::QueryParser::FLAG_CJK_NGRAM));
}

// The snippet's text without marks, ellipses unchanged.
std::string Unmarked(std::string s) {
  for (std::string_view tag : {"<mark>", "</mark>"})
    for (size_t at; (at = s.find(tag)) != std::string::npos;) s.erase(at, tag.size());
  return s;
}

size_t Count(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

std::string Filler(int sentences) {
  std::string out;
  for (int i = 0; i < sentences; ++i)
    out += "Nothing of note happened in the harbour district that week. ";
  return out;
}

}  // namespace

TEST_CASE("the window with the most distinct query terms wins over an earlier one") {
  std::string body = "Battery makers met. " + Filler(6) +
                     "Battery subsidies and export quotas were the talk of the fair. " + Filler(6) +
                     "Battery battery battery everywhere.";
  std::string s = QuerySnippet(Terms("battery subsidy quota"), body, "en");
  CAPTURE(s);
  CHECK(
      s.starts_with("…<mark>Battery</mark> <mark>subsidies</mark> and export "
                    "<mark>quotas</mark> were the talk of the fair."));
  // Same distinct terms: the window with more matches wins, then the earliest.
  std::string t = QuerySnippet(Terms("battery"), body, "en");
  CAPTURE(t);
  CHECK(Count(t, "<mark>") == 3);
}

TEST_CASE("windows start at a sentence or a word and end at one") {
  struct Case {
    std::string body;
    std::string q;
    std::string starts_with;
  };
  const Case cases[] = {
      // A sentence start within reach is where the window starts.
      {Filler(4) + "In Hefei, the carmaker opened a plant.", "carmaker",
       "…In Hefei, the <mark>carmaker</mark>"},
      // Deep inside a long sentence: the start of a word, never half a word.
      {"The " + std::string(60, 'x') + " and then " + std::string(300, 'y') +
           " alongside wonderful carmakers were there",
       "carmaker", "…"},
      // Near the top: the text's own start, no ellipsis.
      {"Carmakers gathered in Wuhu. " + Filler(5), "carmaker", "<mark>Carmakers</mark> gathered"},
  };
  for (const Case& c : cases) {
    std::string s = QuerySnippet(Terms(c.q), c.body, "en");
    CAPTURE(s);
    CHECK(s.starts_with(c.starts_with));
    std::string plain = Unmarked(s);
    std::string_view core = plain;
    bool cut_before = core.starts_with("…"), cut_after = core.ends_with("…");
    if (cut_before) core.remove_prefix(std::string_view("…").size());
    if (cut_after) core.remove_suffix(std::string_view("…").size());
    size_t at = c.body.find(core);
    REQUIRE(at != std::string::npos);  // one piece of the body, in order
    CHECK(cut_before == (at > 0));
    CHECK(cut_after == (at + core.size() < c.body.size()));
    // Word boundaries on both sides.
    if (at > 0) CHECK_FALSE(std::isalnum(static_cast<unsigned char>(c.body[at - 1])));
    size_t end = at + core.size();
    if (end < c.body.size()) CHECK_FALSE(std::isalnum(static_cast<unsigned char>(c.body[end])));
    CHECK(plain.size() <= kSnippetBytes + 2 * std::string_view("…").size());
  }
}

TEST_CASE("every match in the window is marked, stems and inflections alike") {
  std::string s = QuerySnippet(Terms("subsidy"), "One subsidy, two subsidies; Subsidies.", "en");
  CAPTURE(s);
  CHECK(s == "One <mark>subsidy</mark>, two <mark>subsidies</mark>; <mark>Subsidies</mark>.");
  // French stems, accents kept.
  std::string fr =
      QuerySnippet(Terms("économie", "french"), "Une économie et les économies d'échelle.", "fr");
  CAPTURE(fr);
  CHECK(fr.find("<mark>économie</mark>") != std::string::npos);
  CHECK(fr.find("<mark>économies</mark>") != std::string::npos);
  // The possessive joins the word as in the index, and the stemmer drops it.
  std::string pos = QuerySnippet(Terms("shanghai"), "Shanghai's and Shanghai’s port.", "en");
  CAPTURE(pos);
  CHECK(Count(pos, "<mark>") == 2);
  // Words cut as the index cuts them: "C++" is one, "C" another.
  std::string cpp = QuerySnippet(Terms("C++"), "C and C++ and C#.", "en");
  CAPTURE(cpp);
  CHECK(cpp == "C and <mark>C++</mark> and C#.");
  // Other fields and filters of the query mark nothing in the body.
  CHECK(QuerySnippet(Terms("title:port"), "A port city.", "en").empty());
  // No match: empty, so the caller can fall back to a mention or the lead.
  CHECK(QuerySnippet(Terms("tariff"), "Nothing here.", "en").empty());
}

TEST_CASE("the text is HTML-escaped, marks included, on one line") {
  std::string s = QuerySnippet(Terms("script"),
                               "Never trust <script>alert('x')</script> & \"R&D\"\n\nlines.", "en");
  CAPTURE(s);
  CHECK(s ==
        "Never trust &lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt; "
        "&amp; &quot;R&amp;D&quot; lines.");
}

TEST_CASE("Chinese: n-gram matches, either script, the same window rules") {
  // A query bigram marks the pair, not each character on its own elsewhere.
  std::string s = QuerySnippet(Terms("杭州"), "州府说，杭州市的企业很多。", "zh");
  CAPTURE(s);
  CHECK(s == "州府说，<mark>杭州</mark>市的企业很多。");
  // A three-character word: overlapping bigrams make one mark.
  std::string t = QuerySnippet(Terms("杭州市"), "今天杭州市很热。", "zh");
  CAPTURE(t);
  CHECK(t == "今天<mark>杭州市</mark>很热。");
  // Traditional text matches the Simplified query and is shown as written.
  std::string tw = QuerySnippet(Terms("台湾"), "臺灣的晶片產業。", "zh");
  CAPTURE(tw);
  CHECK(tw == "<mark>臺灣</mark>的晶片產業。");
  // Latin words inside Chinese text are stemmed as English.
  std::string mixed = QuerySnippet(Terms("robot"), "深圳的Robots公司。", "zh");
  CAPTURE(mixed);
  CHECK(mixed == "深圳的<mark>Robots</mark>公司。");
  // A long Chinese text: the window starts after a sentence end, cut on a
  // character boundary, within the byte budget.
  std::string filler;
  for (int i = 0; i < 30; ++i) filler += "今天天气很好，我们去公园散步。";
  std::string body = filler + "比亚迪在深圳发布了新的电池。" + filler;
  std::string w = QuerySnippet(Terms("比亚迪 电池"), body, "zh");
  CAPTURE(w);
  CHECK(w.starts_with("…<mark>比亚迪</mark>在深圳发布了新的<mark>电池</mark>。"));
  CHECK(w.ends_with("…"));
  CHECK(text::IsValidUtf8(w));
  CHECK(Unmarked(w).size() <= kSnippetBytes + 2 * std::string_view("…").size());
}

TEST_CASE("windows start and end on character boundaries, whatever the byte offsets") {
  // Two- and three-byte characters around the match, shifted one byte at a
  // time: every cut must fall between characters.
  for (int shift = 0; shift < 12; ++shift) {
    std::string body(shift, 'x');
    body += " ";
    for (int i = 0; i < 40; ++i) body += "été 北京 ";
    body += "the battery plant ";
    for (int i = 0; i < 40; ++i) body += "ça 杭州 é ";
    std::string s = QuerySnippet(Terms("battery"), body, "en");
    CAPTURE(shift);
    CAPTURE(s);
    CHECK(text::IsValidUtf8(s));
    CHECK(s.find("<mark>battery</mark>") != std::string::npos);
  }
}

TEST_CASE("random texts: valid UTF-8, balanced marks, nothing unescaped, bounded") {
  const char* pieces[] = {"battery", "Battery's", "subsidies", "été",  "Économie", "杭州", "臺灣",
                          "市",      "。",        "，",        "<b>",  "&",        "\"",   "'",
                          " ",       "  ",        "\n",        ".",    "C++",      "x",    "naïve",
                          "ß",       "📈",         "3.5",       "e.g.", "…",        "—",    "R&D"};
  const char* queries[] = {"battery", "subsidy battery", "杭州", "台湾 市", "économie", "C++ x"};
  std::mt19937 rng(13);
  for (int round = 0; round < 3000; ++round) {
    std::string body;
    int n = static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) body += pieces[rng() % std::size(pieces)];
    const char* q = queries[rng() % std::size(queries)];
    std::string out = QuerySnippet(Terms(q), body, rng() % 2 ? "en" : "zh", 40 + rng() % 200);
    CAPTURE(body);
    CAPTURE(q);
    REQUIRE(text::IsValidUtf8(out));
    REQUIRE(Count(out, "<mark>") == Count(out, "</mark>"));
    std::string plain = Unmarked(out);
    REQUIRE(plain.find('<') == std::string::npos);
    REQUIRE(plain.find('\n') == std::string::npos);
  }
}

TEST_CASE("wildcards are left to Xapian's snippet") {
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("english"));
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document d;
  d.add_term("Zpolicy");
  db.add_document(d);
  qp.set_database(db);
  qp.add_prefix("", "Z");
  SnippetTerms wild(qp.parse_query("polic*", Xapian::QueryParser::FLAG_WILDCARD));
  CHECK(wild.has_wildcard());
  CHECK_FALSE(Terms("policy").has_wildcard());
}

}  // namespace longjing::search
