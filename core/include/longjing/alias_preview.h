// What a taxonomy edit would do before it is saved: how many articles of
// the index some aliases would tag, with examples (the edit panel's preview).
//
// Thread-safety: PreviewAliases opens its own database handle; any thread.
#pragma once

#include <string>
#include <vector>

#include "longjing/status.h"
#include "longjing/taxonomy.h"

namespace longjing {

struct AliasExample {
  std::string id;  // article id
  std::string title;
  std::string snippet;  // HTML-escaped text around the mention, the alias in <mark>
};

struct AliasPreview {
  size_t articles = 0;    // articles the aliases would tag (estimated when !exact)
  bool exact = true;      // false when only a sample of the candidates was read
  size_t candidates = 0;  // articles holding the aliases' words (retag.h)
  size_t examined = 0;    // candidates read and tagged
  std::vector<AliasExample> examples;
};

// Tags the index's articles in `index_dir` with `current` plus one new value
// of `facet` named by `aliases` (so longer existing aliases still win, as
// they would after the edit) and counts the articles that value would get.
// At most `max_examined` candidates are read (in docid order, an even
// sample of the corpus order); past that the count is extrapolated.
// Errors: kInvalidArgument (field "aliases[i]" or "facet") when the aliases
// could not be added -- empty, or already another value's (the message names
// it); kUnavailable without an index.
Result<AliasPreview> PreviewAliases(const std::string& index_dir, const Taxonomy& current,
                                    const std::string& facet,
                                    const std::vector<std::string>& aliases,
                                    size_t max_examples = 5, size_t max_examined = 4000);

}  // namespace longjing
