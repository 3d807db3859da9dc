// The user's taxonomy (config/taxonomy.json): facets, their values, and the
// aliases that name each value in every language of the corpus.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/status.h"

namespace longjing {

struct TaxonomyValue {
  std::string id;    // lowercase ASCII slug
  std::string name;  // display name
  // Surface forms, any language, as in the file (trimmed). The name is always
  // matched too, whether or not it is listed here.
  std::vector<std::string> aliases;
  // "exact" as in the file: true matches the aliases as written (no
  // stemming), false stems them; absent, the facet decides (IsExact).
  std::optional<bool> exact;
};

struct TaxonomyFacet {
  std::string name;   // "city", "company", "policy"
  std::string label;  // "City", "Company", "Policy type"
  std::vector<TaxonomyValue> values;
  // "exact" as in the file: the default of its values. Absent: stemmed for
  // the facet named "policy", exact for every other (names of firms and
  // places must not be stemmed).
  std::optional<bool> exact;
};

class Taxonomy {
 public:
  // Reads and validates a taxonomy file. Errors name the file and, for JSON
  // syntax errors, the line and column; for bad content, the JSON path
  // ("facets.city.values[3].id: ..."). A missing file is kIoError, anything
  // else kParseError.
  //
  // Shape: {"facets": {"<slug>": {"label": "...", "values": [{"id": "<slug>",
  // "name": "...", "aliases": ["...", ...], "exact": bool}], "exact": bool}}}.
  // "label" defaults to the facet name capitalised, "aliases" to [], "exact"
  // as IsExact says. Facet and value order is kept. Unknown
  // keys are errors (a typo would silently drop aliases), except keys starting
  // with '_' or '$', which are comments. Ids are unique within a facet; no two
  // values may share an alias (or name) once folded (text::MatchKey), nor,
  // for stemmed values, once stemmed in English or French.
  static Result<Taxonomy> Load(const std::string& path);
  static Result<Taxonomy> Parse(std::string_view json, const std::string& origin);

  const std::vector<TaxonomyFacet>& facets() const { return facets_; }
  // Whether a value's aliases match as written (true) or on stems (false):
  // the value's "exact", else the facet's, else false for "policy" only.
  // Aliases holding a CJK character always match as written (HasCjk).
  static bool IsExact(const TaxonomyFacet& facet, const TaxonomyValue& value);
  static bool HasCjk(std::string_view alias);
  // nullptr when absent.
  const TaxonomyFacet* facet(std::string_view name) const;
  const TaxonomyValue* value(std::string_view facet, std::string_view id) const;
  // XXH3 of the canonical content: part of each document's change hash, so
  // editing the taxonomy re-tags every article on the next run.
  const std::string& fingerprint() const { return fingerprint_; }
  // The JSON text it was parsed from. The index keeps it
  // (schema::kMetaTaxonomy) so that a later taxonomy can be compared with it.
  const std::string& source() const { return source_; }

 private:
  std::vector<TaxonomyFacet> facets_;
  std::string fingerprint_;
  std::string source_;
};

}  // namespace longjing
