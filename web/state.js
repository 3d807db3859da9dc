// The page's whole state lives in the URL's query string:
//   ?q=…&city=…&city=…&company=…&policy=…&lang=…&year=…&from=…&to=…
//    &sort=…&page=…&per_page=…&duplicates_of=<id>&article=<id>
//    &view=insights&rows=…&cols=…&tfacet=…&interval=…&cfacet=…&ca=…&cb=…
// parse() and toSearch() are inverses; defaults are left out of the URL.
// This module also holds the rest of the page's module-level state (`ui`).

// Facet names come from the server's catalogue (/api/taxonomy), read once at
// start: the filter parameters (every facet but the timeline's month) and the
// tag groups of a hit (the taxonomy facets). Empty until setCatalogue().
export let FILTER_FACETS = [];
export let TAG_FACETS = [];

// catalogue: /api/taxonomy's `facets` array.
export function setCatalogue(catalogue) {
  FILTER_FACETS = catalogue.filter((f) => f.kind !== "month").map((f) => f.name);
  TAG_FACETS = catalogue.filter((f) => f.kind === "taxonomy").map((f) => f.name);
}

// The page's mutable state besides the URL, shared by app.js's handlers.
export const ui = {
  state: null, // parse(location.search): what is shown
  taxonomy: null, // {labels: {facet: label}, names: {facet: {id: name}}, order: [facet]}
  sidebar: null, // FacetSidebar
  timeline: null, // Timeline
  insights: null, // InsightsView
  timelineUnit: "year",
  lastResult: null, // the last search response shown
  searchController: null, // AbortController of the search in flight
  articleController: null, // ... of the article in flight
  typingTimer: 0,
  renderSeq: 0, // bumped by every render; stale responses are dropped
  cache: new Map(), // search params -> {result, at}
};
export const SORTS = ["relevance", "newest", "oldest"];
export const DEFAULT_PER_PAGE = 10;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// The Insights view's own choices (insights.js reads and validates them).
export const INSIGHT_KEYS = ["rows", "cols", "tfacet", "interval", "cfacet", "ca", "cb"];

export function emptyState() {
  const filters = {};
  for (const f of FILTER_FACETS) filters[f] = [];
  // dupOf: the article whose near-duplicates are listed ("show n similar").
  return { q: "", filters, from: "", to: "", sort: "", page: 1, perPage: DEFAULT_PER_PAGE, dupOf: "", article: "", view: "", ins: {} };
}

export function parse(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = params.get("q") || "";
  for (const f of FILTER_FACETS) {
    for (const v of params.getAll(f)) if (v && !state.filters[f].includes(v)) state.filters[f].push(v);
  }
  const from = params.get("from") || "";
  const to = params.get("to") || "";
  state.from = DATE.test(from) ? from : "";
  state.to = DATE.test(to) ? to : "";
  const sort = params.get("sort") || "";
  state.sort = SORTS.includes(sort) ? sort : "";
  state.page = positiveInt(params.get("page"), 1);
  state.perPage = Math.min(100, positiveInt(params.get("per_page"), DEFAULT_PER_PAGE));
  state.dupOf = params.get("duplicates_of") || "";
  state.article = params.get("article") || "";
  state.view = params.get("view") === "insights" ? "insights" : "";
  for (const k of INSIGHT_KEYS) if (params.get(k)) state.ins[k] = params.get(k);
  return state;
}

function positiveInt(text, fallback) {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

// Parameters of the search itself (what the API takes), without the article.
export function searchParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.append("q", state.q);
  for (const f of FILTER_FACETS) for (const v of state.filters[f]) params.append(f, v);
  if (state.from) params.append("from", state.from);
  if (state.to) params.append("to", state.to);
  if (state.sort) params.append("sort", state.sort);
  if (state.page > 1) params.append("page", String(state.page));
  if (state.perPage !== DEFAULT_PER_PAGE) params.append("per_page", String(state.perPage));
  if (state.dupOf) params.append("duplicates_of", state.dupOf);
  return params;
}

// "?q=…&…" for the address bar ("" when everything is default).
export function toSearch(state) {
  const params = searchParams(state);
  if (state.article) params.append("article", state.article);
  if (state.view) params.append("view", state.view);
  for (const k of INSIGHT_KEYS) if (state.ins && state.ins[k]) params.append(k, state.ins[k]);
  const text = params.toString();
  return text ? "?" + text : "";
}

export function href(state) {
  return location.pathname + toSearch(state);
}

export function clone(state) {
  return { ...state, ins: { ...state.ins }, filters: Object.fromEntries(FILTER_FACETS.map((f) => [f, [...state.filters[f]]])) };
}

// Derive a new state; any change to what is searched goes back to page 1,
// and from a list of near-duplicates back to the whole result list.
export function withChanges(state, changes) {
  const next = clone(state);
  Object.assign(next, changes);
  if (!("dupOf" in changes) && !("page" in changes) && !("article" in changes)) next.dupOf = "";
  if (!("page" in changes)) next.page = 1;
  if (!("article" in changes)) next.article = "";
  return next;
}

export function withFilter(state, facet, id, on) {
  const next = withChanges(state, {});
  const values = next.filters[facet];
  const has = values.includes(id);
  if (on && !has) values.push(id);
  if (!on && has) values.splice(values.indexOf(id), 1);
  return next;
}

export function withOnlyYear(state, year) {
  const next = withChanges(state, { from: "", to: "" });
  next.filters.year = [String(year)];
  return next;
}

export function withMonth(state, ym) {
  const [y, m] = ym.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return withChanges(state, { from: `${ym}-01`, to: `${ym}-${String(last).padStart(2, "0")}` });
}

export function clearedFilters(state) {
  const next = withChanges(state, { from: "", to: "" });
  for (const f of FILTER_FACETS) next.filters[f] = [];
  return next;
}

export function filterCount(state) {
  let n = FILTER_FACETS.reduce((sum, f) => sum + state.filters[f].length, 0);
  if (state.from || state.to) n += 1;
  return n;
}

// The sort the server applies when none is given.
export function effectiveSort(state) {
  return state.sort || (state.q.trim() ? "relevance" : "newest");
}

// When from/to cover exactly one calendar month, that month ("YYYY-MM").
export function selectedMonth(state) {
  if (!state.from || !state.to || state.from.slice(0, 7) !== state.to.slice(0, 7)) return "";
  const ym = state.from.slice(0, 7);
  return withMonth(state, ym).to === state.to && state.from.endsWith("-01") ? ym : "";
}

export function sameSearch(a, b) {
  return searchParams(a).toString() === searchParams(b).toString();
}
