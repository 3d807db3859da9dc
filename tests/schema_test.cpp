// schema.h: the helpers that spell and read terms and values, so that no
// other file has to.
#include "longjing/schema.h"

#include <doctest/doctest.h>

namespace longjing::schema {
namespace {

TEST_CASE("ValueOfTerm and MonthOfTerm read back what the term helpers write") {
  const FacetDef& city = *FindFacet("city");
  CHECK(ValueOfTerm(FilterTerm(city, "hangzhou"), city.prefix) == "hangzhou");
  CHECK(ValueOfTerm("XCITY:Hangzhou", kPrefixCity) == "Hangzhou");  // Xapian's ':' convention
  CHECK(ValueOfTerm("XCITY", kPrefixCity).empty());
  CHECK(MonthOfTerm(MonthTerm("2024-03-09")) == "2024-03");
  CHECK(MonthOfTerm("XMONTH2024") == "2024");  // malformed: left as it is
}

TEST_CASE("stems and field terms") {
  struct Case {
    const char* term;
    bool body_stem, field;
  };
  const Case cases[] = {
      {"Zpolici", true, false},       {"ZSpolici", false, false},
      {"ZApolici", false, false},     {"Z", false, false},
      {"XCITYhangzhou", false, true}, {"Qen-1", false, true},
      {"policy", false, false},       {"", false, false},
      {"Z人工", true, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.term);
    CHECK(IsBodyStem(c.term) == c.body_stem);
    CHECK(IsFieldTerm(c.term) == c.field);
  }
}

TEST_CASE("DateValue") {
  CHECK(DateValue("2025-02-19") == "20250219");
  CHECK(DateValue("").empty());
}

}  // namespace
}  // namespace longjing::schema
