// POST /api/articles: the JSON body -> a typed Article. Writing it into the
// corpus is the core's (longjing/corpus_write.h).
#pragma once

#include <string>
#include <string_view>

#include "longjing/article.h"
#include "longjing/status.h"
#include "longjing/taxonomy.h"

namespace longjing::server {

// Parses and validates {title, body, date?, source?, url?, author?, lang?,
// city?, company?, policy?}. title and body: non-empty strings; date:
// YYYY-MM-DD, default `today`; url: http(s) only (text::IsHttpUrl); lang: a
// code Longjing knows; nesting capped (ParseJsonBody); city, company,
// policy: arrays of taxonomy ids. Errors are kInvalidArgument naming the field.
Result<Article> ParseIngestBody(std::string_view body, const Taxonomy& taxonomy,
                                const std::string& today);

// Today's date in UTC, YYYY-MM-DD.
std::string TodayUtc();

}  // namespace longjing::server
