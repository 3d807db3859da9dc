// Query parameters -> typed core requests. Only the shape is checked here
// (known parameter names, single parameters given once, UTF-8, integers
// where integers go); the core checks the values (ranges, dates, facet
// values, q) and names the parameter at fault (Status::field()).
#pragma once

#include <string>

#include "http.h"
#include "longjing/parse.h"  // IsValidDate, for the other request parsers
#include "longjing/search.h"
#include "longjing/status.h"

namespace longjing::server {

// GET /api/search and /api/feed.atom parameters: q, from, to, sort
// (relevance|newest|oldest), page, per_page, collapse (true|false),
// duplicates_of (an article id) (single), and every facet of
// schema::kFacets (repeatable). Empty values count as absent. Unknown
// parameters, repeated single-valued parameters, invalid UTF-8 anywhere, a
// non-integer page or per_page and an unknown sort are refused.
Result<SearchRequest> ParseSearchRequest(const httplib::Params& params);

}  // namespace longjing::server
