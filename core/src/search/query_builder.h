// Internal to the searcher: turns the text and the filters of a SearchRequest
// into Xapian queries. Stateless apart from the taxonomy and tagger it was
// given; safe to use from many threads (each call builds its own QueryParser).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/schema.h"
#include "longjing/search.h"
#include "longjing/status.h"
#include "longjing/tagger.h"
#include "longjing/taxonomy.h"

namespace longjing::search {

// InvalidArgument when q is longer than kMaxQueryBytes or not UTF-8.
Status ValidateQueryText(std::string_view q);

// A wildcard expands to at most this many terms (the most frequent ones).
inline constexpr Xapian::termcount kMaxWildcardTerms = 200;

// TooComplex naming q when the wildcards of `query` would expand to more than
// kMaxExpandedTerms terms of `db` in all (each wildcard is capped on its own,
// their number is not). Costs one term-list walk per distinct pattern, of at
// most the per-wildcard cap. May throw Xapian::Error.
Status CheckExpansion(const Xapian::Query& query, const Xapian::Database& db);

// Cross-language entities: each taxonomy mention in `q` that is neither inside
// double quotes, nor part of a field:value token, nor followed by a wildcard
// becomes " (<span> OR _<facet>:<hex id>) ", so the query also matches the
// articles tagged with that value whatever language names it. The id is hex
// encoded because the QueryParser cannot lex a field value holding '-'.
// REQUIRES: q is valid UTF-8. When `used` is given, the rewritten mentions
// are appended to it.
struct EntityRef {
  std::string facet, id;
  bool operator==(const EntityRef&) const = default;
};
std::string RewriteEntities(std::string_view q, const Tagger& tagger,
                            std::vector<EntityRef>* used = nullptr);

struct TextQuery {
  Xapian::Query query;  // MatchAll when q is blank
  bool blank = true;    // q had no words
  // The parser's spelling correction of q, when it differs from q.
  std::optional<std::string> corrected;
  // Taxonomy values the query names (and matches through their tags).
  std::vector<EntityRef> entities;
};

class QueryBuilder {
 public:
  // Both must outlive the builder. tagger may be null: no entity rewriting.
  QueryBuilder(const Taxonomy& taxonomy, const Tagger* tagger)
      : taxonomy_(taxonomy), tagger_(tagger) {}

  // Parses q with the English and the French stemmers (ORed when they
  // differ), after ToSimplified and entity rewriting. `db` serves wildcards
  // and spelling. InvalidArgument with the parser's message when q does not
  // parse; TooComplex when its wildcards expand too far (CheckExpansion).
  // May throw Xapian::Error (e.g. DatabaseModifiedError).
  Result<TextQuery> ParseText(std::string_view q, const Xapian::Database& db,
                              bool want_correction) const;
  // Only the "did you mean" part of ParseText: the spelling-corrected query,
  // or nullopt. Spelling lookups are the dearest part of parsing, so the
  // searcher asks only when a query finds few articles.
  std::optional<std::string> Correct(std::string_view q, const Xapian::Database& db) const;

 private:
  Xapian::QueryParser MakeParser(const Xapian::Database& db, const char* stemmer,
                                 bool for_spelling = false) const;
  // `simplified` is q after ToSimplified, `anchored` when the "_all:1" anchor
  // was put before it (OnlyExclusions).
  std::optional<std::string> CorrectParsed(const std::string& simplified, bool anchored,
                                           std::string_view q, const Xapian::Database& db) const;

  const Taxonomy& taxonomy_;
  const Tagger* tagger_;
};

// The request's facet filters and date range, validated.
struct FacetFilter {
  const schema::FacetDef* facet;
  std::vector<std::string> values;  // normalised, sorted, unique
  Xapian::Query query;              // OR of the values' filter terms
};

struct Filters {
  std::vector<FacetFilter> facets;  // in schema::kFacets order, non-empty only
  Xapian::Query date;               // empty Query when neither from nor to
  std::string from, to;             // YYYYMMDD, empty when open

  bool empty() const { return facets.empty() && date.empty(); }
  // Values selected for a facet (empty when none).
  const std::vector<std::string>* Selected(std::string_view facet) const;
  // AND of every facet filter except `except`'s, and of the date range.
  // Empty Query when nothing applies.
  Xapian::Query Combined(const schema::FacetDef* except = nullptr) const;
  // A canonical text form, for cache keys.
  std::string Key() const;
};

// InvalidArgument naming the facet or value for an unknown facet, a value the
// taxonomy does not know, a language that is not a 2-3 letter code, a year
// that is not 4 digits, or a malformed from/to date.
Result<Filters> BuildFilters(const SearchRequest& request, const Taxonomy& taxonomy);

// text FILTER filter; either may be empty (MatchAll text: pure browsing).
Xapian::Query ApplyFilter(const Xapian::Query& text, const Xapian::Query& filter);

// "2025-02-19" or "20250219" -> "20250219"; nullopt unless a real date.
std::optional<std::string> NormalizeDate(std::string_view date);

}  // namespace longjing::search
