// Insights over a selection of articles: a pivot matrix of two facets, trends
// per year or month, and the values over-represented in the selection.
//
// A selection is what /api/search selects (q, facet filters, from/to); every
// count is exact and computed from the searcher's per-revision bitmaps
// (doc_sets.h). The Searcher entry points (search.h) validate the requests
// and answer InvalidArgument naming the field that is wrong. With remote
// shards (whose documents the bitmaps cannot hold) they answer Unavailable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "longjing/search.h"

namespace longjing {

// Limits, enforced by the core and reported by the server as 400s.
inline constexpr int kDefaultPivotSize = 15;
inline constexpr int kMaxPivotSize = 100;
inline constexpr int kDefaultTrendSeries = 8;
inline constexpr int kMaxTrendSeries = 30;
inline constexpr int kDefaultSignificant = 10;
inline constexpr int kMaxSignificant = 50;
// Significant terms read the terms of at most this many articles of the
// selection: the best-matching ones for a text query, else evenly spaced ones.
inline constexpr int kSignificantTermSample = 300;
// A value needs at least this many foreground articles to rank...
inline constexpr uint64_t kMinSignificantForeground = 3;
// ... and a G-test statistic of at least this (p < 0.01 with one degree of freedom).
inline constexpr double kMinSignificantScore = 6.63;

// ---- Pivot -------------------------------------------------------------------

struct PivotRequest {
  SearchRequest selection;  // paging, sort and snippets are ignored
  std::string rows, cols;   // facet names: city, company, policy, lang, year (may be equal)
  int rows_size = kDefaultPivotSize;  // 1..kMaxPivotSize
  int cols_size = kDefaultPivotSize;
};

struct PivotAxis {
  std::string facet;
  // The top values by count within the selection (count desc, then name),
  // then any value selected in the request that was not among them.
  std::vector<FacetCount> values;
};

struct PivotResult {
  uint64_t total = 0;  // articles in the selection
  PivotAxis rows, cols;
  // cells[i][j]: articles of the selection tagged with rows.values[i] and cols.values[j].
  std::vector<std::vector<uint64_t>> cells;
  double took_ms = 0;
};

// ---- Trends ------------------------------------------------------------------

enum class TrendInterval { kYear, kMonth };

struct TrendsRequest {
  SearchRequest selection;
  std::string facet;  // city, company, policy, lang, year
  TrendInterval interval = TrendInterval::kYear;
  int size = kDefaultTrendSeries;   // 1..kMaxTrendSeries; ignored when values are given
  std::vector<std::string> values;  // explicit series; at most kMaxTrendSeries
};

struct TrendSeries {
  std::string id, name;
  std::vector<uint64_t> counts;  // parallel to TrendsResult::buckets
  uint64_t total = 0;            // dated and undated articles of the selection with the value
  // How the value's share of the selection moved: the share over the recent
  // window (the last bucket by year, the last 3 by month) divided by its
  // share over the baseline (the up to 3 years / 12 months before the
  // window), minus 1; shares smoothed by +0.5 article / +1 article so that a
  // new value is finite. 0 when there is no baseline. +1.0 = share doubled.
  double change = 0;
};

struct TrendsResult {
  std::string facet;
  TrendInterval interval = TrendInterval::kYear;
  // "YYYY" or "YYYY-MM", contiguous from the first to the last dated article
  // of the selection; empty when none is dated.
  std::vector<std::string> buckets;
  std::vector<uint64_t> total;  // articles of the selection per bucket
  std::vector<TrendSeries> series;
  uint64_t undated = 0;  // articles of the selection without a date
  double took_ms = 0;
};

// Window and baseline of TrendSeries::change, in buckets.
inline constexpr int kTrendRecentYears = 1, kTrendBaselineYears = 3;
inline constexpr int kTrendRecentMonths = 3, kTrendBaselineMonths = 12;

// ---- Significant values ------------------------------------------------------

struct SignificantRequest {
  SearchRequest selection;
  std::string facet;               // city, company, policy or "terms"
  int size = kDefaultSignificant;  // 1..kMaxSignificant
};

struct SignificantValue {
  std::string id;    // a taxonomy id, or for terms the indexed stem
  std::string name;  // display name; for terms an unstemmed form seen in the sample
  uint64_t fg = 0;   // foreground articles holding it
  uint64_t bg = 0;   // articles of the whole index holding it
  // Log-likelihood ratio (G-test) of the 2x2 table foreground vs the rest of
  // the index, holding / not holding the value. Only over-represented values
  // (fg/foreground > bg/background) with fg >= kMinSignificantForeground and
  // score >= kMinSignificantScore are listed.
  double score = 0;
};

struct SignificantResult {
  std::string facet;
  uint64_t foreground = 0;  // articles of the selection (for terms: the sample size)
  uint64_t background = 0;  // articles in the index
  uint64_t selection = 0;   // articles of the selection (= foreground except for terms)
  std::vector<SignificantValue> values;  // by score desc
  double took_ms = 0;
};

// G = 2 * sum O ln(O/E) over the 2x2 table (a, b; c, d), with a = fg,
// b = foreground - fg, c = bg - fg, d = background - foreground - c. Exposed
// for the tests.
double GTest(uint64_t fg, uint64_t foreground, uint64_t bg, uint64_t background);

}  // namespace longjing
