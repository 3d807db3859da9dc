// Candidates for the taxonomy: names that recur in the corpus but match no
// value yet (docs/taxonomy.md, "Candidates", has the method and its limits).
//
//   company, city: capitalised names in English/French ("Moore Threads",
//     "Zhiyuan Robotics"; a single word only when the corpus never writes it
//     in lower case and it does not start a sentence) and Chinese
//     organisation and place patterns (…公司, …集团, …科技, …市, …区);
//   policy: recurring noun phrases ending in policy vocabulary ("green
//     loans", « prêts verts », …补贴, …政策).
//
// Thread-safety: a CandidateCollector is used by one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/status.h"
#include "longjing/tagger.h"
#include "longjing/taxonomy.h"

namespace longjing {

struct TaxonomyCandidate {
  std::string text;                    // the form most often written
  int articles = 0;                    // articles naming it
  std::vector<std::string> languages;  // ISO 639-1 codes, most frequent first
  // Up to 3 snippets on one line, HTML-escaped, the mention in <mark>…</mark>.
  std::vector<std::string> examples;
  // The existing value it most likely duplicates (another script or
  // spelling of one of its aliases), when any.
  std::optional<std::pair<std::string, std::string>> duplicate_of;  // id, name
};

// The facets candidates can be listed for.
bool IsCandidateFacet(std::string_view facet);

class CandidateCollector {
 public:
  // REQUIRES: IsCandidateFacet(facet). Keeps references: taxonomy and tagger
  // must outlive it.
  CandidateCollector(const Taxonomy& taxonomy, const Tagger& tagger, std::string facet);
  ~CandidateCollector();
  CandidateCollector(const CandidateCollector&) = delete;
  CandidateCollector& operator=(const CandidateCollector&) = delete;

  // One article's title and body (as the indexer tags them) and language.
  // Invalid UTF-8 is skipped.
  void Add(std::string_view text, std::string_view lang);
  // The names seen in at least `min_articles` articles, most articles first,
  // at most `limit`.
  std::vector<TaxonomyCandidate> Top(size_t limit, int min_articles = 2) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Names the revision of the index in `index_dir` that SuggestFromIndex
// would read ("<database path>@<revision>"): a cache key. kNotFound without
// an index.
Result<std::string> IndexRevisionKey(const std::string& index_dir);

struct CandidateList {
  std::string revision;  // IndexRevisionKey of the database read
  size_t articles = 0;   // articles read
  std::vector<TaxonomyCandidate> candidates;
};

// Candidates over every article of the index in `index_dir` (its current
// database), from the stored title and body, each tagged in its stored
// language. kNotFound without an index; kInvalidArgument for a facet that
// is not IsCandidateFacet. Reads the whole index: seconds at 100k articles.
Result<CandidateList> SuggestFromIndex(const std::string& index_dir, const Taxonomy& taxonomy,
                                       const std::string& facet, size_t limit);

}  // namespace longjing
