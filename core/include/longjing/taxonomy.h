// The user's taxonomy (config/taxonomy.json): facets, their values, and the
// aliases that name each value in every language of the corpus.
#pragma once

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
};

struct TaxonomyFacet {
  std::string name;   // "city", "company", "policy"
  std::string label;  // "City", "Company", "Policy type"
  std::vector<TaxonomyValue> values;
};

class Taxonomy {
 public:
  // Reads and validates a taxonomy file. Errors name the file and, for JSON
  // syntax errors, the line and column; for bad content, the JSON path
  // ("facets.city.values[3].id: ..."). A missing file is kIoError, anything
  // else kParseError.
  //
  // Shape: {"facets": {"<slug>": {"label": "...", "values": [{"id": "<slug>",
  // "name": "...", "aliases": ["...", ...]}]}}}. "label" defaults to the facet
  // name capitalised, "aliases" to []. Facet and value order is kept. Unknown
  // keys are errors (a typo would silently drop aliases), except keys starting
  // with '_' or '$', which are comments. Ids are unique within a facet; no two
  // values may share an alias (or name) once folded (text::MatchKey).
  static Result<Taxonomy> Load(const std::string& path);
  static Result<Taxonomy> Parse(std::string_view json, const std::string& origin);

  const std::vector<TaxonomyFacet>& facets() const { return facets_; }
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
