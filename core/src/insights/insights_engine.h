// Internal to the searcher: the insights (longjing/insights.h) against an
// open database handle. Like search_engine.h, these let Xapian errors
// propagate; the Searcher re-runs them on DatabaseModifiedError.
#pragma once

#include <memory>
#include <string_view>

#include "longjing/insights.h"
#include "search/doc_sets.h"
#include "search/query_builder.h"
#include "search/search_engine.h"

namespace longjing::search {

// A request's selection as a bitmap over the revision's documents.
struct Selection {
  std::shared_ptr<const DocSets> sets;  // never null
  Filters filters;
  TextQuery text;
  Bitmap docs;  // the documents matching q, every facet filter and the date range
};

// Validates q and the filters as RunSearch does. Unavailable with remote
// shards. When the revision's bitmaps are being built by another request,
// builds a private copy rather than answer inexactly.
Result<Selection> SelectDocs(const EngineContext& ctx, const SearchRequest& request);

// The facet named `name`, for the request field `field`; InvalidArgument
// naming the field unless it is one of city, company, policy (when the
// taxonomy has it), lang, year.
Result<const schema::FacetDef*> InsightFacet(std::string_view field, std::string_view name,
                                             const Taxonomy& taxonomy);

Result<PivotResult> RunPivot(const EngineContext& ctx, const PivotRequest& request);
Result<TrendsResult> RunTrends(const EngineContext& ctx, const TrendsRequest& request);
Result<SignificantResult> RunSignificant(const EngineContext& ctx,
                                         const SignificantRequest& request);

}  // namespace longjing::search
