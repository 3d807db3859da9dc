// langdetect.h: language identification, code normalisation, stemmers and
// the language names the facet catalogue serves.
#include "longjing/langdetect.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace longjing {
namespace {

TEST_CASE("DetectLanguage: the corpus languages, and nothing for too little text") {
  CHECK(DetectLanguage("Hangzhou is offering new subsidies to attract software engineers and "
                       "researchers who move to the city's technology districts this year.") ==
        "en");
  CHECK(DetectLanguage("La ville de Shenzhen accorde de nouvelles subventions aux entreprises "
                       "qui investissent dans la recherche et le développement cette année.") ==
        "fr");
  CHECK(DetectLanguage(
            "杭州市政府今年出台了新的人才补贴政策，吸引软件工程师和研究人员到科技园区工作。") ==
        "zh");
  CHECK(DetectLanguage("").empty());
}

TEST_CASE("NormalizeLanguageCode") {
  struct Case {
    const char *in, *out;
  };
  const Case cases[] = {{"EN", "en"},    {"fr-FR", "fr"}, {"zh-Hant", "zh"},
                        {"zh-CN", "zh"}, {"xx", ""},      {"", ""}};
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(NormalizeLanguageCode(c.in) == c.out);
  }
}

TEST_CASE("one language table: stemmers and names") {
  CHECK(StemmerName("en") == "english");
  CHECK(StemmerName("fr") == "french");
  CHECK(StemmerName("zh").empty());  // n-grams, no stemmer
  CHECK(StemmerName("xx").empty());
  CHECK(LanguageName("en") == "English");
  CHECK(LanguageName("fr") == "Français");
  CHECK(LanguageName("zh") == "中文");
  CHECK(LanguageName(kUnknownLanguage) == "Unknown");
  CHECK(LanguageName("xx") == "xx");
  std::set<std::string_view> codes;
  for (const KnownLanguage& l : kLanguages) {
    CAPTURE(l.code);
    CHECK(codes.insert(l.code).second);  // no code twice
    CHECK_FALSE(l.name.empty());
    CHECK(NormalizeLanguageCode(l.code) == l.code);
  }
}

}  // namespace
}  // namespace longjing
