// Re-tagging the documents of an index after a taxonomy change, without
// reading the corpus: each document's stored title and body (schema.h,
// document data) go through the new tagger again, and only documents whose
// tags changed are rewritten (facet terms, the facet slots, the data's
// "tags"), exactly as DocumentBuilder would have written them.
//
// Which documents: a change to some values can only alter the tags of the
// documents tagged with one of them now, and of those naming one of their
// new aliases. The latter are found through the index (candidates below),
// so adding one alias reads only the articles that contain its words.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "longjing/tagger.h"
#include "longjing/taxonomy.h"

namespace longjing::index {

// A value whose matching changed, and where the articles it may re-tag are.
struct ValueChange {
  std::string facet, id;
  // The articles tagged with it now: when it lost a name or alias, or was
  // removed, or any other key of it changed (one that decides how it matches).
  bool read_tagged = false;
  // The articles holding these aliases' words: the names and aliases it
  // gained (all of them for a new value or another key changed).
  std::vector<std::string> query;
};

struct RetagPlan {
  bool full = true;  // every document
  std::vector<ValueChange> values;
};

// Compares the taxonomies' source text value by value (every key of a value
// or facet object counts but comments and labels). A null `before`, values
// reordered, or a change found nowhere else (a safety net) plan a full pass.
// Adding an alias reads only the articles holding its words: an article
// tagged with the value and without them keeps its tags.
RetagPlan PlanRetag(const Taxonomy* before, const Taxonomy& after);

// Documents that may contain one of `aliases`, a superset of those the
// tagger finds them in: per alias, the AND of its index terms (as the
// TermGenerator makes them, under every stemmer the index's languages use,
// for the alias as written and folded), each term OR'ed with the index's
// terms that fold to it or hold it after an apostrophe ("d'alibaba").
// Known gap: a word written unaccented in the alias and accented in the
// text whose stemmer strips the two spellings differently.
std::vector<Xapian::docid> AliasCandidates(const Xapian::Database& db,
                                           const std::vector<std::string>& aliases);

struct RetagCounts {
  bool full = false;
  size_t examined = 0;  // documents whose text went through the tagger
  size_t changed = 0;   // documents rewritten
};

// Re-tags per plan with `tagger` (built on the new taxonomy). Writes with
// replace_document; commits nothing (the caller commits once, so readers
// see the old tags or the new ones, never a mix). Throws Xapian::Error.
RetagCounts Retag(Xapian::WritableDatabase& db, const Tagger& tagger, const RetagPlan& plan);

}  // namespace longjing::index
