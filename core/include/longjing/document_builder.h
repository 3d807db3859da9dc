// Turns a parsed Article into a Xapian::Document following schema.h:
// language detection, tagging, terms, value slots and document data.
//
// Thread-safety: not thread-safe (it owns a TermGenerator); give each
// indexing thread its own builder. The Tagger and Taxonomy are shared.
#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "longjing/article.h"
#include "longjing/tagger.h"
#include "longjing/taxonomy.h"

namespace longjing {

struct BuiltDocument {
  std::string id;
  std::string lang;
  std::vector<TagCount> tags;
  // Unprefixed words worth offering as spelling corrections, with their
  // frequency in this article; the single writer adds them to the database.
  std::vector<std::pair<std::string, Xapian::termcount>> spelling;
  Xapian::Document doc;
};

class DocumentBuilder {
 public:
  DocumentBuilder(std::shared_ptr<const Taxonomy> taxonomy, std::shared_ptr<const Tagger> tagger);

  // `hash` is stored in kSlotHash (the change detector); `indexed_at` in
  // kSlotIndexedAt and, until a writer says otherwise, as the first-seen time
  // (StampFirstSeen). Warnings (unknown explicit tag ids, unknown language)
  // are appended to *warnings; the article is always built.
  BuiltDocument Build(const Article& article, const std::string& hash, double indexed_at,
                      std::vector<Diagnostic>* warnings);

  // Seconds this builder spent computing near-duplicate fingerprints.
  double fingerprint_seconds() const { return fingerprint_seconds_; }

 private:
  std::string ChooseLanguage(const Article& article, std::vector<Diagnostic>* warnings) const;
  void IndexText(const Article& article, const std::string& lang, BuiltDocument& out);

  std::shared_ptr<const Taxonomy> taxonomy_;
  std::shared_ptr<const Tagger> tagger_;
  Xapian::TermGenerator termgen_;
  double fingerprint_seconds_ = 0;
};

// Sets the article's first-seen time (kSlotFirstSeen, unix seconds) and
// the sort time derived from it and the date (kSlotSortTime). Build stamps
// the indexing time; a writer that finds the id already indexed stamps the
// time kept there instead.
void StampFirstSeen(Xapian::Document& doc, double first_seen);
// The first-seen time a stored document holds (kSlotIndexedAt for documents
// of schema 2, written before first-seen times were kept); nullopt if none.
std::optional<double> FirstSeenOf(const Xapian::Document& doc);

// The change hash of one corpus file: its bytes and the schema version. The
// taxonomy is not part of it: the index records the taxonomy its tags follow
// (schema::kMetaTaxonomy) and a new one re-tags the documents (retag.h)
// without reading the corpus again.
std::string ChangeHash(std::string_view file_bytes);

// The tags of an article: the tagger's mentions in title + "\n" + body
// (stemmed aliases matched in `lang`, the article's language code), then the explicit tags (count 0
// unless also mentioned). Explicit ids the taxonomy does not know are skipped and told to `warn`
// (may be empty).
std::vector<TagCount> ComputeTags(
    const Tagger& tagger, std::string_view title, std::string_view body, std::string_view lang,
    const std::map<std::string, std::vector<std::string>>& explicit_tags,
    const std::function<void(const std::string&)>& warn);
// Writes tags into `doc` as schema.h says -- one facet term per value (wdf =
// mentions) and the multi-valued slots -- and returns the document data's
// "tags" object. REQUIRES: doc holds no facet term yet.
nlohmann::json ApplyTags(Xapian::Document& doc, const std::vector<TagCount>& tags);

}  // namespace longjing
