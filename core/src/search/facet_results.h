// Internal to the searcher: from raw value counts to the FacetResult lists the
// API returns (labels, names, order, selected values).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "longjing/schema.h"
#include "longjing/search.h"
#include "longjing/taxonomy.h"
#include "search/facet_counter.h"

namespace longjing::search {

// The facets a search reports, in schema order: the taxonomy facets the
// taxonomy defines, then lang and year.
std::vector<const schema::FacetDef*> ReportedFacets(const Taxonomy& taxonomy);

// How the facet's value slot is read.
SlotMode ModeOf(const schema::FacetDef& facet);

// One facet: every value with a count > 0 plus the selected ones (at 0 if
// need be), by count descending then name. Taxonomy ids the taxonomy no
// longer knows are left out. selected may be null.
FacetResult MakeFacet(const schema::FacetDef& facet, const ValueCounts& counts,
                      const std::vector<std::string>* selected, const Taxonomy& taxonomy);
// The "month" facet of the timeline ("YYYY-MM" ids and names).
FacetResult MakeMonthFacet(const ValueCounts& counts);

// Counts over the whole database, from the filter terms' frequencies: exact
// for an unfiltered browse, and visits no document.
ValueCounts TermFreqCounts(const Xapian::Database& db, const schema::FacetDef& facet);

}  // namespace longjing::search
