// SuggestFromIndex: the candidate collector over an index's stored text.
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "longjing/candidates.h"
#include "longjing/index_dir.h"
#include "longjing/schema.h"

namespace longjing {
namespace {

using json = nlohmann::json;

std::string Field(const json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::string> OpenCurrent(const std::string& index_dir, Xapian::Database& db) {
  auto current = ResolveCurrent(index_dir);
  if (!current.ok()) return current.status();
  try {
    db = Xapian::Database(*current);
    return *current + "@" + std::to_string(db.get_revision());
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Status::NotFound("no index in " + index_dir + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::IoError("cannot open the index in " + index_dir + ": " + e.get_msg());
  }
}

}  // namespace

Result<std::string> IndexRevisionKey(const std::string& index_dir) {
  Xapian::Database db;
  return OpenCurrent(index_dir, db);
}

Result<CandidateList> SuggestFromIndex(const std::string& index_dir, const Taxonomy& taxonomy,
                                       const std::string& facet, size_t limit) {
  if (!IsCandidateFacet(facet))
    return Status::InvalidField("facet", "must be company, city or policy, not \"" + facet + "\"");
  Xapian::Database db;
  auto revision = OpenCurrent(index_dir, db);
  if (!revision.ok()) return revision.status();
  Tagger tagger(taxonomy);
  CandidateCollector collector(taxonomy, tagger, facet);
  CandidateList list;
  list.revision = *revision;
  try {
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      std::string stored = db.get_document(*it).get_data();
      schema::DocData parts = schema::SplitDocData(stored);
      json data = json::parse(parts.fields, nullptr, /*allow_exceptions=*/false);
      if (!data.is_object()) continue;
      std::string body = parts.body_in_fields ? Field(data, "body") : std::string(parts.body);
      // As the indexer tags it (document_builder.cpp): title, newline, body.
      collector.Add(Field(data, "title") + "\n" + body, Field(data, "lang"));
      ++list.articles;
    }
  } catch (const Xapian::Error& e) {
    return Status::IoError("cannot read the index in " + index_dir + ": " + e.get_msg());
  }
  list.candidates = collector.Top(limit);
  return list;
}

}  // namespace longjing
