// POST /api/articles: a JSON body becomes a Markdown file in the corpus.
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

// Writes `article` (ToMarkdown) to <corpus>/ingested/<date>-<slug>.md,
// adding -2, -3... to the name when taken. The file appears complete or not
// at all (written to a hidden temporary file, then linked into place, which
// never replaces an existing file). Sets article.id and article.path and
// returns the path relative to the corpus root.
// REQUIRES: called from the index writer thread (names are chosen there).
Result<std::string> WriteIngestedArticle(const std::string& corpus_dir, Article& article);

// Removes the temporary files a writer killed mid-ingest left in
// <corpus>/ingested (their articles were never acknowledged); returns how many.
// REQUIRES: the caller holds the index's writer lock, so no other process is
// ingesting into this corpus.
int RemoveStaleIngestTemps(const std::string& corpus_dir);

// Today's date in UTC, YYYY-MM-DD.
std::string TodayUtc();

}  // namespace longjing::server
