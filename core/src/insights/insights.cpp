// Selections as bitmaps, the pivot matrix and trends. Every count is a
// popcount or a walk over a selection's members: exact by construction.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "insights/insights_engine.h"
#include "search/facet_results.h"

namespace longjing::search {
namespace {

namespace s = schema;
using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Status CheckSize(std::string_view field, int size, int max) {
  if (size >= 1 && size <= max) return Status::Ok();
  return Status::InvalidArgument(std::string(field) + " must be from 1 to " + std::to_string(max) +
                                 ", got " + std::to_string(size));
}

// The text's matches among `within`, recorded by one unfiltered-by-rank
// match. A MatchDecider sees the docids the bitmaps hold only when the
// local index is the only database; otherwise the MSet's own docids are read.
Bitmap TextMatches(const EngineContext& ctx, const DocSets& sets, const Xapian::Query& text,
                   const Bitmap& within) {
  Bitmap matches = sets.Empty();
  Xapian::Enquire enquire(ctx.db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // only counting
  Xapian::doccount all = ctx.db.get_doccount();
  if (ctx.one_database) {
    BitmapSource source(&within);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, text, Xapian::Query(&source)));
    DocSetDecider decider(&matches, nullptr);
    // Every match must reach the decider for the counts to be exact.
    enquire.get_mset(0, 1, all, nullptr, &decider);
    return matches;
  }
  enquire.set_query(text);
  Xapian::MSet mset = enquire.get_mset(0, all);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    if (within.Test(*it)) matches.Set(*it);
  return matches;
}

// The top `size` values of `facet` in `docs`, then any selected value that
// was not among them.
std::vector<FacetCount> TopValues(const Selection& sel, const s::FacetDef& facet, int size,
                                  const Taxonomy& taxonomy, bool keep_selected) {
  const std::vector<std::string>* selected =
      keep_selected ? sel.filters.Selected(facet.name) : nullptr;
  FacetResult all = MakeFacet(facet, sel.sets->Count(&facet, sel.docs), selected, taxonomy);
  std::vector<FacetCount> out;
  for (FacetCount& v : all.values)
    if (out.size() < static_cast<size_t>(size) || v.selected) out.push_back(std::move(v));
  return out;
}

// ---- trends ----------------------------------------------------------------

// Buckets are numbered years (YYYY) or months since year 0 (YYYY * 12 + MM - 1).
int BucketOf(uint32_t date, TrendInterval interval) {
  int year = static_cast<int>(date / 10000);
  if (interval == TrendInterval::kYear) return year;
  return year * 12 + static_cast<int>(date / 100 % 100) - 1;
}

std::string BucketLabel(int bucket, TrendInterval interval) {
  if (interval == TrendInterval::kYear) return std::to_string(bucket);
  char label[16];
  std::snprintf(label, sizeof label, "%04d-%02d", bucket / 12, bucket % 12 + 1);
  return label;
}

// Counts per bucket of the members of `docs` (indexes from `first`); returns
// the undated ones.
uint64_t CountBuckets(const Bitmap& docs, const std::vector<uint32_t>& dates,
                      TrendInterval interval, int first, std::vector<uint64_t>& counts) {
  uint64_t undated = 0;
  for (Xapian::docid d = docs.NextFrom(1); d != 0; d = docs.NextFrom(d + 1)) {
    uint32_t date = d < dates.size() ? dates[d] : 0;
    if (date == 0) {
      ++undated;
      continue;
    }
    size_t b = static_cast<size_t>(BucketOf(date, interval) - first);
    if (b < counts.size()) ++counts[b];
  }
  return undated;
}

double Change(const std::vector<uint64_t>& counts, const std::vector<uint64_t>& total,
              TrendInterval interval) {
  bool year = interval == TrendInterval::kYear;
  size_t recent = year ? kTrendRecentYears : kTrendRecentMonths;
  size_t baseline = year ? kTrendBaselineYears : kTrendBaselineMonths;
  size_t n = counts.size();
  if (n <= recent) return 0;
  auto share = [&](size_t from, size_t to) {
    double c = 0, t = 0;
    for (size_t i = from; i < to; ++i) {
      c += static_cast<double>(counts[i]);
      t += static_cast<double>(total[i]);
    }
    return (c + 0.5) / (t + 1.0);
  };
  size_t split = n - recent;
  return share(split, n) / share(split > baseline ? split - baseline : 0, split) - 1.0;
}

// Validated series ids: the request's values (normalised, deduplicated), or
// the top values of the facet in the selection.
Result<std::vector<FacetCount>> SeriesValues(const Selection& sel, const s::FacetDef& facet,
                                             const TrendsRequest& req, const Taxonomy& taxonomy) {
  if (req.values.empty()) return TopValues(sel, facet, req.size, taxonomy, false);
  if (req.values.size() > static_cast<size_t>(kMaxTrendSeries))
    return Status::InvalidArgument("value may be given at most " + std::to_string(kMaxTrendSeries) +
                                   " times");
  SearchRequest probe;
  probe.filters[std::string(facet.name)] = req.values;
  Result<Filters> checked = BuildFilters(probe, taxonomy);
  if (!checked.ok()) return Status::InvalidArgument("value: " + checked.status().message());
  if (checked->facets.empty()) return Status::InvalidArgument("value must not be empty");
  const std::vector<std::string>& ids = checked->facets.front().values;
  // Named and in name order (every count is 0 here).
  return MakeFacet(facet, {}, &ids, taxonomy).values;
}

}  // namespace

Result<const s::FacetDef*> InsightFacet(std::string_view field, std::string_view name,
                                        const Taxonomy& taxonomy) {
  const s::FacetDef* def = s::FindFacet(name);
  if (!def || (def->kind == s::FacetKind::kTaxonomy && !taxonomy.facet(name))) {
    std::string known;
    for (const s::FacetDef* f : ReportedFacets(taxonomy))
      known += (known.empty() ? "" : ", ") + std::string(f->name);
    return Status::InvalidArgument(std::string(field) + " must be one of " + known + ", got '" +
                                   std::string(name) + "'");
  }
  return def;
}

Result<Selection> SelectDocs(const EngineContext& ctx, const SearchRequest& req) {
  if (ctx.stock_spies)
    return Status::Unavailable(
        "insights need the local index's bitmaps and are not available with remote shards");
  if (Status st = ValidateQueryText(req.q); !st.ok()) return st;
  Result<Filters> filters = BuildFilters(req, ctx.taxonomy);
  if (!filters.ok()) return filters.status();
  Result<TextQuery> text = ctx.builder.ParseText(req.q, ctx.db, /*want_correction=*/false);
  if (!text.ok()) return text.status();
  Selection sel{ctx.sets, std::move(filters).value(), std::move(text).value(), {}};
  // Another request is building this revision's bitmaps: an exact answer
  // is worth building our own (~0.2 s per 100k articles) once.
  if (!sel.sets) sel.sets = DocSets::Build(ctx.db, ctx.revision_key.value_or(""));
  sel.docs = sel.sets->Select(sel.filters, nullptr);
  if (!sel.text.blank) sel.docs = TextMatches(ctx, *sel.sets, sel.text.query, sel.docs);
  return sel;
}

Result<PivotResult> RunPivot(const EngineContext& ctx, const PivotRequest& req) {
  Clock::time_point start = Clock::now();
  Result<const s::FacetDef*> rows = InsightFacet("rows", req.rows, ctx.taxonomy);
  if (!rows.ok()) return rows.status();
  Result<const s::FacetDef*> cols = InsightFacet("cols", req.cols, ctx.taxonomy);
  if (!cols.ok()) return cols.status();
  if (Status st = CheckSize("rows_size", req.rows_size, kMaxPivotSize); !st.ok()) return st;
  if (Status st = CheckSize("cols_size", req.cols_size, kMaxPivotSize); !st.ok()) return st;
  Result<Selection> sel = SelectDocs(ctx, req.selection);
  if (!sel.ok()) return sel.status();

  PivotResult out;
  out.total = sel->docs.Count();
  out.rows = {std::string(req.rows), TopValues(*sel, **rows, req.rows_size, ctx.taxonomy, true)};
  out.cols = {std::string(req.cols), TopValues(*sel, **cols, req.cols_size, ctx.taxonomy, true)};
  std::vector<const Bitmap*> col_docs;
  for (const FacetCount& c : out.cols.values)
    col_docs.push_back(sel->sets->ValueDocs(**cols, c.id));
  for (const FacetCount& r : out.rows.values) {
    std::vector<uint64_t>& row = out.cells.emplace_back(out.cols.values.size(), 0);
    const Bitmap* docs = sel->sets->ValueDocs(**rows, r.id);
    if (!docs) continue;
    Bitmap in_row = sel->docs;
    in_row.And(*docs);
    for (size_t j = 0; j < col_docs.size(); ++j)
      if (col_docs[j]) row[j] = in_row.CountAnd(*col_docs[j]);
  }
  out.took_ms = MillisecondsSince(start);
  return out;
}

Result<TrendsResult> RunTrends(const EngineContext& ctx, const TrendsRequest& req) {
  Clock::time_point start = Clock::now();
  Result<const s::FacetDef*> facet = InsightFacet("facet", req.facet, ctx.taxonomy);
  if (!facet.ok()) return facet.status();
  if (req.values.empty())
    if (Status st = CheckSize("size", req.size, kMaxTrendSeries); !st.ok()) return st;
  Result<Selection> sel = SelectDocs(ctx, req.selection);
  if (!sel.ok()) return sel.status();
  Result<std::vector<FacetCount>> values = SeriesValues(*sel, **facet, req, ctx.taxonomy);
  if (!values.ok()) return values.status();

  TrendsResult out;
  out.facet = req.facet;
  out.interval = req.interval;
  const std::vector<uint32_t>& dates = sel->sets->dates();
  int first = INT32_MAX, last = INT32_MIN;
  for (Xapian::docid d = sel->docs.NextFrom(1); d != 0; d = sel->docs.NextFrom(d + 1)) {
    if (d >= dates.size() || dates[d] == 0) continue;
    int b = BucketOf(dates[d], req.interval);
    first = std::min(first, b);
    last = std::max(last, b);
  }
  size_t n = first <= last ? static_cast<size_t>(last - first + 1) : 0;
  for (size_t i = 0; i < n; ++i)
    out.buckets.push_back(BucketLabel(first + static_cast<int>(i), req.interval));
  out.total.assign(n, 0);
  out.undated = CountBuckets(sel->docs, dates, req.interval, first, out.total);
  for (FacetCount& v : *values) {
    TrendSeries series{v.id, v.name, std::vector<uint64_t>(n, 0), 0, 0};
    if (const Bitmap* docs = sel->sets->ValueDocs(**facet, v.id)) {
      Bitmap with = sel->docs;
      with.And(*docs);
      uint64_t undated = CountBuckets(with, dates, req.interval, first, series.counts);
      for (uint64_t c : series.counts) series.total += c;
      series.total += undated;
    }
    series.change = Change(series.counts, out.total, req.interval);
    out.series.push_back(std::move(series));
  }
  out.took_ms = MillisecondsSince(start);
  return out;
}

}  // namespace longjing::search
