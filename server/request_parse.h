// Query parameters -> typed core requests, validated before the core sees
// them. Every error is kInvalidArgument and names the parameter.
#pragma once

#include "http.h"

#include <string>
#include <string_view>

#include "longjing/search.h"
#include "longjing/status.h"
#include "longjing/taxonomy.h"

namespace longjing::server {

// GET /api/search and /api/feed.atom parameters:
//   q (single, <= kMaxQueryBytes), city/company/policy (repeatable taxonomy
//   ids), lang (repeatable language codes), year (repeatable YYYY), from/to (YYYY-MM-DD,
//   inclusive), sort (relevance|newest|oldest), page (>= 1), per_page (1..kMaxPerPage), page *
//   per_page <= kMaxResultWindow.
// Empty values count as absent. Unknown parameters, repeated single-valued
// parameters and invalid UTF-8 anywhere are refused.
Result<SearchRequest> ParseSearchRequest(const httplib::Params& params, const Taxonomy& taxonomy);


}  // namespace longjing::server
