#include "search/search_engine.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>

#include "longjing/schema.h"
#include "longjing/text.h"
#include "search/article_view.h"
#include "search/facet_counter.h"
#include "search/facet_results.h"
#include "search/page_locator.h"
#include "search/related.h"
#include "search/snippet.h"

namespace longjing::search {
namespace {

namespace s = schema;
using Clock = std::chrono::steady_clock;

// Most related articles a reader view may ask for.
constexpr int kMaxRelated = 50;

void SetSort(Xapian::Enquire& enquire, SortOrder order) {
  // reverse = true sorts the value descending. The sort time is the date, or
  // the first-seen time when undated; documents without one (indexed before
  // schema 3) sort lowest. DocSets::Order sorts the same way.
  switch (order) {
    case SortOrder::kRelevance:
      enquire.set_sort_by_relevance_then_value(s::kSlotSortTime, true);
      break;
    case SortOrder::kNewest:
      enquire.set_sort_by_value_then_relevance(s::kSlotSortTime, true);
      break;
    case SortOrder::kOldest:
      enquire.set_sort_by_value_then_relevance(s::kSlotSortTime, false);
      break;
  }
}

// Xapian's time limit only stops a match from checking more documents than
// the page needs (check_at_least): the counts of a match that hit it are
// partial, and RunSearch then answers kTimeout. Remote shards are left
// alone: Xapian 1.4 warns its time limit may misbehave with them.
void LimitTime(Xapian::Enquire& enquire, const EngineContext& ctx) {
  if (!ctx.deadline || ctx.stock_spies) return;
  double left = std::chrono::duration<double>(*ctx.deadline - Clock::now()).count();
  enquire.set_time_limit(std::max(left, 0.001));
}

// Which facets the main pass counts: those without a selection (a selected
// facet is counted in its own pass, without its own filter), and the month
// timeline when exactly one year is selected.
struct FacetPlan {
  std::vector<SlotSpec> specs;
  std::vector<const s::FacetDef*> facets;  // parallel to specs; null for the month
  std::optional<size_t> month;             // index into specs

  size_t IndexOf(const s::FacetDef* def) const {
    return static_cast<size_t>(std::find(facets.begin(), facets.end(), def) - facets.begin());
  }
};

FacetPlan PlanFacets(const Taxonomy& taxonomy, const Filters& filters) {
  FacetPlan plan;
  for (const s::FacetDef* def : ReportedFacets(taxonomy)) {
    if (filters.Selected(def->name)) continue;
    plan.specs.push_back({def->slot, ModeOf(*def)});
    plan.facets.push_back(def);
  }
  const std::vector<std::string>* years = filters.Selected("year");
  if (years && years->size() == 1) {
    plan.month = plan.specs.size();
    plan.specs.push_back({s::kSlotDate, SlotMode::kMonth});
    plan.facets.push_back(nullptr);
  }
  return plan;
}

// Disjunctive counts for a selected facet: every filter but its own.
ValueCounts CountWithoutOwnFilter(const EngineContext& ctx, const TextQuery& text,
                                  const Filters& filters, const s::FacetDef& facet) {
  Xapian::Query others = filters.Combined(&facet);
  if (text.blank && others.empty()) return TermFreqCounts(ctx.db, facet);
  Xapian::Enquire enquire(ctx.db);
  enquire.set_query(ApplyFilter(text.query, others));
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // only counting: skip BM25
  LimitTime(enquire, ctx);
  FacetTally tally({{facet.slot, ModeOf(facet)}}, ctx.stock_spies, ctx.remote_only);
  tally.Attach(enquire);
  enquire.get_mset(0, 0, ctx.db.get_doccount());
  enquire.clear_matchspies();
  return tally.Counts(0);
}

std::vector<FacetResult> AssembleFacets(const EngineContext& ctx, const FacetPlan& plan,
                                        const FacetTally& tally, const TextQuery& text,
                                        const Filters& filters, bool fast) {
  std::vector<FacetResult> out;
  for (const s::FacetDef* def : ReportedFacets(ctx.taxonomy)) {
    const std::vector<std::string>* selected = filters.Selected(def->name);
    ValueCounts counts;
    if (fast)
      counts = TermFreqCounts(ctx.db, *def);
    else if (selected)
      counts = CountWithoutOwnFilter(ctx, text, filters, *def);
    else
      counts = tally.Counts(plan.IndexOf(def));
    out.push_back(MakeFacet(*def, counts, selected, ctx.taxonomy));
  }
  if (plan.month) out.push_back(MakeMonthFacet(tally.Counts(*plan.month)));
  return out;
}

std::string MakeSnippet(const EngineContext& ctx, const Xapian::MSet& mset, const TextQuery& text,
                        const SnippetTerms& terms, const StoredArticle& a) {
  if (text.blank) return LeadSnippet(a.body);
  std::string snippet = terms.has_wildcard()
                            ? XapianSnippet(mset, text::ToSimplified(a.body), a.hit.lang)
                            : QuerySnippet(terms, a.body, a.hit.lang);
  if (HasMark(snippet)) return snippet;
  // No query word in the body (Xapian then shows an arbitrary window): the
  // hit came through a tag or the title.
  std::optional<std::string> mention =
      MentionSnippet(a.body, a.hit.lang, ctx.tagger, text.entities);
  return mention ? *mention : LeadSnippet(a.body);
}

std::vector<Hit> BuildHits(const EngineContext& ctx, Xapian::MSet& mset, bool snippets,
                           const TextQuery& text) {
  std::vector<Hit> hits;
  // Prefetching helps remote shards; but Xapian 1.4.22's MSet::fetch()
  // crashes on an MSet that starts past the first match (page 2 and on).
  if (!mset.empty() && mset.get_firstitem() == 0) mset.fetch();
  std::optional<SnippetTerms> terms;
  if (snippets) terms.emplace(text.query);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    StoredArticle a = ReadStored(it.get_document(), ctx.taxonomy);
    a.hit.score = it.get_weight();
    if (snippets) {
      a.hit.snippet = MakeSnippet(ctx, mset, text, *terms, a);
      a.hit.page = SnippetPage(a.body, a.page_starts, a.hit.snippet);
    }
    hits.push_back(std::move(a.hit));
  }
  return hits;
}

// Hits for browsing: stored articles in the given order, lead snippets.
std::vector<Hit> BrowseHits(const EngineContext& ctx, const std::vector<Xapian::docid>& docids,
                            bool snippets) {
  std::vector<Hit> hits;
  for (Xapian::docid d : docids) {
    StoredArticle a = ReadStored(ctx.db.get_document(d), ctx.taxonomy);
    if (snippets) {
      a.hit.snippet = LeadSnippet(a.body);
      a.hit.page = a.page_starts.empty() ? 0 : 1;
    }
    hits.push_back(std::move(a.hit));
  }
  return hits;
}

std::optional<std::string> CacheKey(const EngineContext& ctx, const SearchRequest& request,
                                    const Filters& filters) {
  if (!ctx.cache || !ctx.revision_key) return std::nullopt;
  return *ctx.revision_key + '\x1f' + request.q + '\x1f' + filters.Key() +
         (request.collapse ? ""
                           : "\x1f"
                             "all");
}

// What, besides q and the filters, decides the page of hits.
std::string PageKey(const SearchRequest& r) {
  return std::to_string(static_cast<int>(
             r.sort.value_or(r.q.empty() ? SortOrder::kNewest : SortOrder::kRelevance))) +
         ':' + std::to_string(r.page) + ':' + std::to_string(r.per_page) + ':' +
         (r.snippets ? '1' : '0');
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

Status ValidatePaging(const SearchRequest& r) {
  if (r.page < 1)
    return Status::InvalidField("page", "page must be 1 or more, not " + std::to_string(r.page));
  if (r.per_page < 1 || r.per_page > kMaxPerPage)
    return Status::InvalidField("per_page", "per_page must be between 1 and " +
                                                std::to_string(kMaxPerPage) + ", not " +
                                                std::to_string(r.per_page));
  if (static_cast<int64_t>(r.page) * r.per_page > kMaxResultWindow)
    return Status::InvalidField("page", "page * per_page must not exceed " +
                                            std::to_string(kMaxResultWindow) + " (deep paging)");
  return Status::Ok();
}

// Queries that find fewer articles than this get a spelling suggestion.
constexpr uint64_t kSuggestBelow = 10;

// A misspelling is a word the index has never seen. Checking that first is a
// B-tree lookup per word, where a spelling suggestion costs milliseconds.
// Every branch of an OR must have one: q's English and French parses are
// ORed, and a French word's English stem is unknown without being a typo.
bool HasUnknownWord(const Xapian::Query& query, const Xapian::Database& db) {
  if (query.get_type() == Xapian::Query::OP_OR && query.get_num_subqueries() > 0) {
    for (size_t i = 0; i < query.get_num_subqueries(); ++i)
      if (!HasUnknownWord(query.get_subquery(i), db)) return false;
    return true;
  }
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    // Field terms (XCITY..., S...) are not words; stems and plain words are.
    if (term.empty() || s::IsFieldTerm(term)) continue;
    if (!db.term_exists(term)) return true;
  }
  return false;
}

namespace {

SortOrder OrderOf(const SearchRequest& req, const TextQuery& text) {
  return req.sort.value_or(text.blank ? SortOrder::kNewest : SortOrder::kRelevance);
}

Xapian::doccount FirstOf(const SearchRequest& req) {
  return static_cast<Xapian::doccount>((req.page - 1) * req.per_page);
}

// Counts and hits from the revision's bitmaps (doc_sets.h). Browsing runs no
// match at all; a text query runs one unfiltered match that records its
// matches and ranks those passing the filters.
void SearchWithSets(const EngineContext& ctx, const SearchRequest& req, const Filters& filters,
                    const TextQuery& text, bool count, SearchResult& out) {
  const DocSets& sets = *ctx.sets;
  SortOrder order = OrderOf(req, text);
  std::optional<Bitmap> matches;  // the text's matches; none: every document
  Bitmap selected;                // ... that pass the filters
  if (text.blank) {
    selected = sets.Select(filters, nullptr);
    std::vector<Xapian::docid> page;
    Xapian::doccount skip = FirstOf(req);
    Collapser keep(req.collapse ? ctx.groups.get() : nullptr);
    // With no text, relevance ties everywhere and falls back to newest first.
    for (Xapian::docid d : sets.Order(order != SortOrder::kOldest)) {
      if (!selected.Test(d) || !keep.Keep(d)) continue;
      if (skip > 0) {
        --skip;
        continue;
      }
      page.push_back(d);
      if (page.size() == static_cast<size_t>(req.per_page)) break;
    }
    out.hits = BrowseHits(ctx, page, req.snippets);
    if (req.collapse && ctx.groups)
      for (size_t i = 0; i < page.size(); ++i)
        out.hits[i].duplicates = ctx.groups->OthersIn(page[i], selected);
  } else {
    std::optional<Bitmap> filter;
    if (!filters.empty()) filter = sets.Select(filters, nullptr);
    matches = sets.Empty();
    DocSetDecider decider(&*matches, filter ? &*filter : nullptr);
    // No count looks past the documents failing two facet filters (or the
    // date range): leave them out before the matcher checks phrases there.
    std::optional<Bitmap> countable;
    std::optional<BitmapSource> source;
    Xapian::Query query = text.query;
    if (filters.facets.size() >= 2 || !filters.date.empty()) {
      countable = sets.Countable(filters);
      source.emplace(&*countable);
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&*source));
    }
    Xapian::Enquire enquire(ctx.db);
    enquire.set_query(query);
    SetSort(enquire, order);
    if (req.collapse) CollapseGroups(enquire, ctx.db);
    LimitTime(enquire, ctx);
    // Every match must reach the decider for the counts to be exact.
    Xapian::MSet mset = enquire.get_mset(FirstOf(req), static_cast<Xapian::doccount>(req.per_page),
                                         ctx.db.get_doccount(), nullptr, &decider);
    selected = *matches;
    if (filter) selected.And(*filter);
    out.hits = BuildHits(ctx, mset, req.snippets, text);
    if (req.collapse && ctx.groups) {
      size_t i = 0;
      for (auto it = mset.begin(); it != mset.end(); ++it, ++i)
        out.hits[i].duplicates = ctx.groups->OthersIn(*it, selected);
    }
  }
  out.total = req.collapse && ctx.groups ? ctx.groups->CollapsedCount(selected) : selected.Count();
  out.total_exact = true;
  if (!count) return;
  const Bitmap* within = matches ? &*matches : nullptr;
  for (const s::FacetDef* def : ReportedFacets(ctx.taxonomy)) {
    const std::vector<std::string>* chosen = filters.Selected(def->name);
    // A selected facet counts as if unselected: disjunctive faceting.
    ValueCounts counts =
        chosen ? sets.Count(def, sets.Select(filters, within, def)) : sets.Count(def, selected);
    out.facets.push_back(MakeFacet(*def, counts, chosen, ctx.taxonomy));
  }
  const std::vector<std::string>* years = filters.Selected("year");
  if (years && years->size() == 1)
    out.facets.push_back(MakeMonthFacet(sets.Count(nullptr, selected)));
}

// Counts through a MatchSpy over the matches: for remote shards, whose
// documents the bitmaps cannot hold. A selected facet costs a pass of its own.
void SearchWithSpies(const EngineContext& ctx, const SearchRequest& req, const Filters& filters,
                     const TextQuery& text, bool count, SearchResult& out) {
  bool fast = count && text.blank && filters.empty();
  FacetPlan plan = count && !fast ? PlanFacets(ctx.taxonomy, filters) : FacetPlan{};
  FacetTally tally(plan.specs, ctx.stock_spies, ctx.remote_only);
  Xapian::Enquire enquire(ctx.db);
  enquire.set_query(ApplyFilter(text.query, filters.Combined()));
  SetSort(enquire, OrderOf(req, text));
  bool collapse = req.collapse && CollapseGroups(enquire, ctx.db);
  tally.Attach(enquire);
  LimitTime(enquire, ctx);
  // Exact counts need every match visited; so does the collapsed total.
  bool whole_index = fast && !collapse;
  Xapian::doccount check = (count && !fast) || (fast && collapse) ? ctx.db.get_doccount() : 0;
  // Local documents and remote shards together: counted apart from the page
  // (facet_counter.h, FacetTally).
  std::optional<Xapian::MSet> counted;
  if (count && !fast && ctx.stock_spies && !ctx.remote_only) {
    counted = enquire.get_mset(0, 0, check);
    enquire.clear_matchspies();
  }
  Xapian::MSet mset = enquire.get_mset(FirstOf(req), static_cast<Xapian::doccount>(req.per_page),
                                       counted ? 0 : check);
  enquire.clear_matchspies();
  const Xapian::MSet& all = counted ? *counted : mset;
  out.total = whole_index ? ctx.db.get_doccount() : all.get_matches_estimated();
  out.total_exact = whole_index || all.get_matches_lower_bound() == all.get_matches_upper_bound();
  if (count) out.facets = AssembleFacets(ctx, plan, tally, text, filters, fast);
  out.hits = BuildHits(ctx, mset, req.snippets, text);
  size_t i = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it, ++i)
    out.hits[i].duplicates = it.get_collapse_count();
}

// duplicates_of: the article's group among the matches, never collapsed,
// without facet counts.
void SearchDuplicates(const EngineContext& ctx, const SearchRequest& req, const Filters& filters,
                      const TextQuery& text, const Xapian::Query& group, SearchResult& out) {
  Xapian::Query filter = filters.Combined();
  filter = filter.empty() ? group : Xapian::Query(Xapian::Query::OP_AND, filter, group);
  Xapian::Enquire enquire(ctx.db);
  enquire.set_query(ApplyFilter(text.query, filter));
  SetSort(enquire, OrderOf(req, text));
  LimitTime(enquire, ctx);
  Xapian::MSet mset = enquire.get_mset(FirstOf(req), static_cast<Xapian::doccount>(req.per_page),
                                       ctx.db.get_doccount());
  out.total = mset.get_matches_estimated();
  out.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  out.hits = BuildHits(ctx, mset, req.snippets, text);
}

}  // namespace

Result<SearchResult> RunSearch(const EngineContext& untimed, const SearchRequest& req) {
  Clock::time_point start = Clock::now();
  EngineContext ctx = untimed;
  if (ctx.time_limit > 0)
    ctx.deadline = start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(ctx.time_limit));
  if (Status st = ValidateRequest(req); !st.ok()) return st;
  Result<Filters> filters = BuildFilters(req, ctx.taxonomy);
  if (!filters.ok()) return filters.status();
  if (!req.duplicates_of.empty()) {
    Result<Xapian::Query> group = DuplicatesFilter(ctx.db, req.duplicates_of);
    if (!group.ok()) return group.status();
    Result<TextQuery> text = ctx.builder.ParseText(req.q, ctx.db, /*want_correction=*/false);
    if (!text.ok()) return text.status();
    SearchResult out;
    out.query = req.q;
    SearchDuplicates(ctx, req, *filters, *text, *group, out);
    out.took_ms = MillisecondsSince(start);
    return out;
  }
  std::optional<std::string> key = CacheKey(ctx, req, *filters);
  std::shared_ptr<const CachedCounts> cached = key ? ctx.cache->Get(*key) : nullptr;
  if (cached && req.facets && !cached->has_facets) cached = nullptr;
  if (cached && cached->page_key == PageKey(req)) {
    SearchResult out;
    out.query = req.q;
    out.total = cached->total;
    out.corrected_q = cached->corrected;
    if (req.facets) out.facets = cached->facets;
    out.hits = cached->hits;
    out.took_ms = MillisecondsSince(start);
    return out;
  }
  Result<TextQuery> text = ctx.builder.ParseText(req.q, ctx.db, /*want_correction=*/false);
  if (!text.ok()) return text.status();

  bool count = req.facets && !cached;
  SearchResult out;
  out.query = req.q;
  if (ctx.sets && (text->blank || (count && ctx.one_database)))
    SearchWithSets(ctx, req, *filters, *text, count, out);
  else
    SearchWithSpies(ctx, req, *filters, *text, count, out);
  if (ctx.deadline && Clock::now() >= *ctx.deadline)
    return Status::Timeout("the search took longer than its time budget of " +
                           Seconds(ctx.time_limit) + "; try again later, or with a narrower q");
  if (cached) {
    out.total = cached->total;
    out.total_exact = true;
    out.corrected_q = cached->corrected;
    if (req.facets) out.facets = cached->facets;
  } else if (!text->blank && out.total < kSuggestBelow && HasUnknownWord(text->query, ctx.db)) {
    // "Did you mean" only where it helps: a query that finds little.
    out.corrected_q = ctx.builder.Correct(req.q, ctx.db);
  }
  if (!cached && key && out.total_exact && count)
    ctx.cache->Put(*key,
                   std::make_shared<CachedCounts>(CachedCounts{
                       out.total, out.facets, true, out.corrected_q, PageKey(req), out.hits}));
  out.took_ms = MillisecondsSince(start);
  return out;
}

Result<ArticleView> RunGetArticle(const EngineContext& ctx, const std::string& id, int related) {
  std::string id_term = s::IdTerm(id);
  if (id.empty() || id_term.size() > s::kMaxTermBytes || !text::IsValidUtf8(id))
    return Status::NotFound("no article with id '" + id + "'");
  Xapian::PostingIterator p = ctx.db.postlist_begin(id_term);
  if (p == ctx.db.postlist_end(id_term)) return Status::NotFound("no article with id '" + id + "'");
  Xapian::docid docid = *p;
  StoredArticle a = ReadStored(ctx.db.get_document(docid), ctx.taxonomy);
  ArticleView view;
  view.meta = std::move(a.hit);
  view.author = std::move(a.author);
  view.path = std::move(a.path);
  view.body = std::move(a.body);
  view.page_starts = Utf16Offsets(view.body, a.page_starts);
  if (text::IsValidUtf8(view.body))
    view.mentions = MentionsUtf16(view.body, view.meta.lang, ctx.tagger);
  Xapian::MSet similar = FindRelated(ctx.db, docid, id_term, std::clamp(related, 0, kMaxRelated));
  if (!similar.empty()) similar.fetch();  // an MSet not from an Enquire throws
  for (auto it = similar.begin(); it != similar.end(); ++it) {
    StoredArticle r = ReadStored(it.get_document(), ctx.taxonomy);
    r.hit.score = it.get_weight();
    view.related.push_back(std::move(r.hit));
  }
  return view;
}

}  // namespace longjing::search

namespace longjing {

Status ValidateRequest(const SearchRequest& request) {
  if (Status st = search::ValidatePaging(request); !st.ok()) return st;
  return search::ValidateQueryText(request.q);
}

}  // namespace longjing
