// Internal to the searcher: what a hit and the reader show, from a stored
// document.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "longjing/search.h"
#include "longjing/tagger.h"
#include "longjing/taxonomy.h"

namespace longjing::search {

struct StoredArticle {
  Hit hit;  // no snippet, score 0
  std::string author, path, body;
  std::vector<size_t> page_starts;  // byte offsets into body (schema::kFieldPages)
};

// Reads the document data (schema.h). Tags the taxonomy no longer knows are
// left out; names come from the taxonomy. A document whose data is not JSON
// yields the id from kSlotId and empty fields.
StoredArticle ReadStored(const Xapian::Document& doc, const Taxonomy& taxonomy);

// The tagger's mentions in `body`, with offsets in UTF-16 code units (what
// JavaScript strings index), in text order. REQUIRES: body is valid UTF-8.
std::vector<Mention16> MentionsUtf16(std::string_view body, std::string_view lang,
                                     const Tagger& tagger);

}  // namespace longjing::search
