// Longjing's browsing page: wires the search box, the facet sidebar, the
// timeline, the result list and the reader to the JSON API. The whole state
// lives in the URL (state.js): every change is a navigation (pushState), and
// popstate re-renders from the URL, so back/forward and copied links work.
import * as api from "./api.js";
import * as S from "./state.js";
import { ui } from "./state.js";
import { h, replaceChildren } from "./dom.js";
import { FacetSidebar } from "./facets.js";
import { Timeline, yearBuckets, monthBuckets, timelineCaption } from "./timeline.js";
import { renderArticle } from "./reader.js";
import { InsightsView } from "./insights.js";
import { IngestPanel } from "./ingest.js";
import { initTaxonomyEditor } from "./taxonomy.js";
import { hitItem, activeFilterChips, pagination, totalText, messagePanel, langAttr } from "./results.js";

const TYPING_DELAY_MS = 250;
const CACHE_MS = 30_000;
const MAX_WINDOW = 10_000; // the server's page * per_page limit

const $ = (id) => document.getElementById(id);
const els = {
  form: $("search-form"),
  q: $("q"),
  status: $("status"),
  sort: $("sort"),
  feed: $("feed-link"),
  feedAlternate: $("feed-alternate"),
  didYouMean: $("did-you-mean"),
  active: $("active-filters"),
  activeChips: $("active-chips"),
  clearAll: $("clear-all"),
  sidebarClear: $("sidebar-clear"),
  timelineBox: $("timeline-box"),
  timelineCaption: $("timeline-caption"),
  timelineNote: $("timeline-note"),
  timelineUp: $("timeline-up"),
  message: $("message"),
  results: $("results"),
  resultsTitle: $("results-title"),
  pagination: $("pagination"),
  resultsView: $("results-view"),
  readerView: $("reader-view"),
  facets: $("facets"),
  filtersToggle: $("filters-toggle"),
  filtersBadge: $("filters-badge"),
  showResults: $("show-results"),
  main: $("main"),
  insights: $("insights-view"),
  viewResults: $("view-results"),
  viewInsights: $("view-insights"),
};

ui.state = S.parse(location.search);


// ---------- formatting ----------

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "2024-06-03" -> "3 Jun 2024" (and "2024-06" -> "Jun 2024"); anything else as given.
function formatDate(date) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(String(date));
  if (!m || +m[2] < 1 || +m[2] > 12) return String(date);
  const month = `${MONTHS[+m[2] - 1]} ${m[1]}`;
  return m[3] ? `${+m[3]} ${month}` : month;
}

const formatMonth = formatDate;

function langName(code) {
  if (code === "und") return "Unknown language";
  return (ui.taxonomy && ui.taxonomy.names.lang && ui.taxonomy.names.lang[code]) || String(code).toUpperCase();
}

function label(facet) {
  return (ui.taxonomy && ui.taxonomy.labels[facet]) || facet;
}

function valueName(facet, id) {
  const fromResult = ui.lastResult && ui.lastResult.facets && (ui.lastResult.facets[facet] || []).find((v) => v.id === id);
  if (fromResult && fromResult.name) return fromResult.name;
  if (facet === "lang") return langName(id);
  return (ui.taxonomy && ui.taxonomy.names[facet] && ui.taxonomy.names[facet][id]) || id;
}

// ---------- navigation ----------

function listState(s) {
  return { ...S.clone(s), article: "" };
}

function articleHref(id) {
  return S.href({ ...listState(ui.state), article: id });
}

// Moves to `next`: a new history entry unless `replace`. `typing` marks an
// entry made by search-as-you-type, which later keystrokes replace instead
// of piling up entries. scroll: "top" | "keep".
function navigate(next, { replace = false, typing = false, scroll = "top", focus = null } = {}) {
  const url = S.href(next);
  const current = history.state || {};
  history.replaceState({ ...current, scroll: window.scrollY }, "");
  if (url === location.pathname + location.search) {
    history.replaceState({ ...current, typing }, "");
  } else if (replace) {
    history.replaceState({ typing, fromList: !!next.article && !!current.fromList, scroll: 0 }, "", url);
  } else {
    history.pushState({ typing, fromList: !!next.article && !ui.state.article, scroll: 0 }, "", url);
  }
  const previousArticle = ui.state.article;
  ui.state = next;
  render({ scroll, focus, previousArticle });
}

// Links inside the page carry data-nav: a plain click navigates in place,
// a modified click (new tab, …) is left to the browser.
function onLinkClick(e) {
  const a = e.target.closest("a[data-nav], a[data-back], a[data-home]");
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  if (a.hasAttribute("data-back") && history.state && history.state.fromList) {
    history.back();
    return;
  }
  const url = new URL(a.href, location.href);
  const next = S.parse(url.search);
  if (a.hasAttribute("data-home")) els.q.value = "";
  const toPage = a.dataset.page !== undefined;
  navigate(next, { scroll: "top", focus: toPage ? "results" : a.hasAttribute("data-back") ? "back" : null });
  if (!next.article) els.q.value = next.q;
}

window.addEventListener("popstate", () => {
  const previousArticle = ui.state.article;
  ui.state = S.parse(location.search);
  els.q.value = ui.state.q;
  render({ scroll: (history.state && history.state.scroll) || 0, previousArticle, focus: "pop" });
});

// ---------- rendering ----------

function render({ scroll = "top", focus = null, previousArticle = "" } = {}) {
  const seq = ++ui.renderSeq;
  document.body.classList.toggle("reading", !!ui.state.article);
  updateChrome();
  if (ui.state.article) {
    els.resultsView.hidden = true;
    els.readerView.hidden = false;
    loadArticle(seq, scroll);
  } else {
    els.readerView.hidden = true;
    els.resultsView.hidden = false;
    if (ui.articleController) ui.articleController.abort();
    const insightsOn = ui.state.view === "insights";
    document.body.classList.toggle("insights-on", insightsOn);
    els.insights.hidden = !insightsOn;
    if (insightsOn && ui.insights) ui.insights.update(ui.state);
    runSearch(seq, { scroll, focus, previousArticle });
  }
}

// Parts that follow the state alone: sort, feed link, badge, title.
function updateChrome() {
  const sort = S.effectiveSort(ui.state);
  els.sort.value = sort;
  els.sort.querySelector('option[value="relevance"]').disabled = !ui.state.q.trim();
  const feed = api.feedUrl(S.searchParams(ui.state));
  els.feed.href = feed;
  els.feedAlternate.href = feed;
  const n = S.filterCount(ui.state);
  els.filtersBadge.hidden = n === 0;
  els.filtersBadge.textContent = String(n);
  els.sidebarClear.hidden = n === 0;
  const list = listState(ui.state);
  els.viewResults.href = S.href({ ...list, view: "" });
  els.viewInsights.href = S.href({ ...list, view: "insights", page: 1 });
  els.viewResults.toggleAttribute("aria-current", ui.state.view !== "insights");
  els.viewInsights.toggleAttribute("aria-current", ui.state.view === "insights");
  if (els.viewResults.hasAttribute("aria-current")) els.viewResults.setAttribute("aria-current", "page");
  if (els.viewInsights.hasAttribute("aria-current")) els.viewInsights.setAttribute("aria-current", "page");
  if (!ui.state.article) document.title = ui.state.q.trim() ? `${ui.state.q.trim()} — Longjing` : "Longjing";
}

function setLoading(on) {
  document.body.classList.toggle("is-loading", on);
  els.results.setAttribute("aria-busy", on ? "true" : "false");
}

async function runSearch(seq, { scroll, focus, previousArticle }) {
  const params = S.searchParams(ui.state);
  params.set("per_page", String(ui.state.perPage));
  const key = params.toString();
  if (ui.searchController) ui.searchController.abort();
  const hit = ui.cache.get(key);
  let result;
  if (hit && Date.now() - hit.at < CACHE_MS) {
    result = hit.result;
  } else {
    ui.searchController = new AbortController();
    setLoading(true);
    try {
      result = await api.search(params, ui.searchController.signal);
      ui.cache.set(key, { result, at: Date.now() });
      if (ui.cache.size > 30) ui.cache.delete(ui.cache.keys().next().value);
    } catch (err) {
      if (err.kind === "abort" || seq !== ui.renderSeq) return;
      setLoading(false);
      showSearchError(err);
      return;
    }
  }
  if (seq !== ui.renderSeq) return;
  setLoading(false);
  ui.lastResult = result;
  renderResults(result);
  if (typeof scroll === "number") window.scrollTo(0, scroll);
  else if (scroll === "top" && (focus === "results" || previousArticle)) window.scrollTo(0, 0);
  if (focus === "results") els.resultsTitle.focus({ preventScroll: true });
  if (previousArticle && (focus === "back" || focus === "pop")) {
    const link = els.results.querySelector(`a[data-article="${CSS.escape(previousArticle)}"]`);
    if (link) {
      link.focus({ preventScroll: typeof scroll === "number" });
      if (typeof scroll !== "number") link.scrollIntoView({ block: "center" });
    } else els.resultsTitle.focus();
  }
}

function renderResults(result) {
  const q = ui.state.q.trim();
  const hits = result.hits || [];
  // What is on screen, for tests and styling: the search it answers and its outcome.
  els.status.dataset.total = String(result.total);
  els.status.dataset.key = S.searchParams(ui.state).toString();
  els.status.dataset.state = hits.length ? "results" : "empty";
  replaceChildren(
    els.status,
    h("strong", {}, totalText(result)),
    q ? [" for ", h("q", { class: "status-query" }, q)] : null,
    ui.state.dupOf
      ? [" · near-duplicates of one article · ",
        h("a", { href: S.href(S.withChanges(ui.state, { dupOf: "" })), dataset: { nav: "" }, class: "similar-back" }, "Show all results")]
      : null,
    h("span", { class: "took" }, ` · ${Math.max(0, Math.round(Number(result.took_ms) || 0))} ms`)
  );
  renderDidYouMean(result.corrected_q);
  renderActiveFilters();
  ui.sidebar.update(result.facets || {});
  renderTimeline(result);
  const ctx = {
    articleHref,
    similarHref: (id) => S.href(S.withChanges(ui.state, { dupOf: id })),
    isSelected: (facet, id) => ui.state.filters[facet].includes(id),
    labels: ui.taxonomy.labels,
    langName,
    formatDate,
  };
  replaceChildren(els.results, hits.map((hit, i) => hitItem(hit, i, ctx)));
  replaceChildren(els.message);
  if (!hits.length) showEmpty(result);
  const lastPage = Math.max(1, Math.min(Math.ceil(result.total / ui.state.perPage), Math.floor(MAX_WINDOW / ui.state.perPage)));
  replaceChildren(els.pagination, pagination(ui.state.page, lastPage, (p) => S.href({ ...listState(ui.state), page: p })));
  els.pagination.hidden = lastPage <= 1 || !hits.length;
}

function renderDidYouMean(corrected) {
  if (!corrected || corrected === ui.state.q) {
    els.didYouMean.hidden = true;
    return;
  }
  const next = S.withChanges(ui.state, { q: corrected });
  replaceChildren(els.didYouMean, "Did you mean ", h("a", { href: S.href(next), dataset: { nav: "" }, class: "did-you-mean-link" }, corrected), "?");
  els.didYouMean.hidden = false;
}

function activeChipData() {
  const chips = [];
  for (const facet of S.FILTER_FACETS) {
    for (const id of ui.state.filters[facet]) {
      chips.push({ key: `${facet}:${id}`, facet, facetLabel: label(facet), name: valueName(facet, id), lang: facet === "lang" ? langAttr(id) : null });
    }
  }
  if (ui.state.from || ui.state.to) {
    const month = S.selectedMonth(ui.state);
    let name;
    if (month) name = formatMonth(month);
    else if (ui.state.from && ui.state.to) name = `${formatDate(ui.state.from)} – ${formatDate(ui.state.to)}`;
    else if (ui.state.from) name = `from ${formatDate(ui.state.from)}`;
    else name = `until ${formatDate(ui.state.to)}`;
    chips.push({ key: "dates", facet: "", facetLabel: "Date", name });
  }
  return chips;
}

function renderActiveFilters() {
  const chips = activeChipData();
  els.active.hidden = chips.length === 0;
  replaceChildren(els.activeChips, activeFilterChips(chips));
}

function renderTimeline(result) {
  const facets = result.facets || {};
  const years = ui.state.filters.year;
  let buckets;
  if (years.length === 1 && Array.isArray(facets.month)) {
    ui.timelineUnit = "month";
    buckets = monthBuckets(facets.month, years[0], S.selectedMonth(ui.state));
  } else {
    ui.timelineUnit = "year";
    buckets = yearBuckets(facets.year, years);
  }
  els.timelineBox.hidden = buckets.length === 0 || !result.total;
  els.timelineCaption.textContent = timelineCaption(ui.timelineUnit, years[0]);
  els.timelineUp.hidden = ui.timelineUnit !== "month";
  let note = "";
  if (ui.timelineUnit === "year" && !years.length && !ui.state.from && !ui.state.to && result.total_exact !== false) {
    const dated = (facets.year || []).reduce((sum, v) => sum + v.count, 0);
    const undated = result.total - dated;
    if (undated > 0) note = `${undated} undated not shown`;
  }
  els.timelineNote.textContent = note;
  if (!els.timelineBox.hidden) ui.timeline.update(buckets, ui.timelineUnit);
}

function pickBar(bucket) {
  if (ui.timelineUnit === "month") {
    navigate(bucket.selected ? S.withChanges(ui.state, { from: "", to: "" }) : S.withMonth(ui.state, bucket.id), { scroll: "keep" });
  } else if (!(bucket.selected && ui.state.filters.year.length === 1)) {
    navigate(S.withOnlyYear(ui.state, bucket.id), { scroll: "keep" });
  }
}

function showEmpty(result) {
  const q = ui.state.q.trim();
  const lines = [];
  const actions = [];
  if (ui.state.page > 1 && result.total > 0) {
    lines.push(`There are only ${totalText(result).toLowerCase()}.`);
    actions.push(h("a", { href: S.href({ ...listState(ui.state), page: 1 }), dataset: { nav: "" }, class: "button" }, "Go to the first page"));
  } else {
    if (q) lines.push("Check the spelling, or try fewer or more general words.");
    if (S.filterCount(ui.state)) {
      lines.push("Some filters may be narrowing the search too much.");
      actions.push(h("button", { type: "button", class: "button", dataset: { action: "clear-filters" } }, "Clear all filters"));
    }
    if (q) actions.push(h("a", { href: S.href(S.withChanges(ui.state, { q: "" })), dataset: { nav: "" }, class: "button button-quiet" }, "Browse without the search words"));
  }
  const title = ui.state.page > 1 && result.total > 0 ? "This page is past the last result" : q ? `No articles match “${q}”` : "No articles match these filters";
  replaceChildren(els.message, messagePanel("empty", title, lines, actions));
}

function showSearchError(err) {
  els.status.dataset.total = "";
  els.status.dataset.key = S.searchParams(ui.state).toString();
  els.status.dataset.state = "error";
  replaceChildren(els.status, err.kind === "network" ? "Server unreachable" : "Search failed");
  replaceChildren(els.results);
  replaceChildren(els.pagination);
  els.timelineBox.hidden = true;
  els.didYouMean.hidden = true;
  const retry = h("button", { type: "button", class: "button", dataset: { action: "retry" } }, "Try again");
  let panel;
  if (err.kind === "network") {
    panel = messagePanel("error", "Can’t reach the Longjing server", [
      `Nothing answered at ${location.host}. Check that longjing-serve is running, then try again.`,
    ], [retry]);
  } else if (err.status === 400) {
    panel = messagePanel("error", "The server could not run this search", [
      h("p", { class: "server-message" }, h("code", {}, err.message)),
      ui.state.q ? "Check for unbalanced quotes or brackets, or a search made only of operators such as AND, OR and NOT." : null,
    ].filter(Boolean), ui.state.q
      ? [h("a", { href: S.href(S.withChanges(ui.state, { q: "" })), dataset: { nav: "" }, class: "button button-quiet" }, "Clear the search")]
      : [h("button", { type: "button", class: "button", dataset: { action: "clear-filters" } }, "Clear all filters")]);
  } else {
    panel = messagePanel("error", "Something went wrong", [h("p", { class: "server-message" }, h("code", {}, err.message))], [retry]);
  }
  panel.classList.add("message-" + (err.kind === "network" ? "network" : "rejected"));
  replaceChildren(els.message, panel);
}

// ---------- reader ----------

async function loadArticle(seq, scroll) {
  if (ui.articleController) ui.articleController.abort();
  if (ui.searchController) ui.searchController.abort();
  ui.articleController = new AbortController();
  setLoading(true);
  const id = ui.state.article;
  if (!els.readerView.firstChild || els.readerView.dataset.id !== id || els.readerView.dataset.state !== "article") {
    els.readerView.dataset.id = id;
    els.readerView.dataset.state = "loading";
    replaceChildren(els.readerView, h("div", { class: "reader reader-loading", "aria-busy": "true" }, h("p", { class: "skeleton skeleton-title" }), h("p", { class: "skeleton" }), h("p", { class: "skeleton" }), h("p", { class: "skeleton short" })));
  }
  let article;
  try {
    article = await api.article(id, ui.articleController.signal);
  } catch (err) {
    if (err.kind === "abort" || seq !== ui.renderSeq) return;
    setLoading(false);
    showArticleError(err);
    return;
  }
  if (seq !== ui.renderSeq) return;
  setLoading(false);
  const list = listState(ui.state);
  const view = renderArticle(article, {
    labels: ui.taxonomy.labels,
    langName,
    formatDate,
    backHref: S.href(list),
    tagHref: (facet, tagId) => S.href(S.withFilter(list, facet, tagId, true)),
    articleHref,
  });
  els.readerView.dataset.id = id;
  els.readerView.dataset.state = "article";
  replaceChildren(els.readerView, view);
  document.title = `${article.title || article.id} — Longjing`;
  window.scrollTo(0, typeof scroll === "number" ? scroll : 0);
  // A link to one page of a PDF ("…&article=x#page-3") opens there.
  const pageSection = /^#page-\d+$/.test(location.hash) ? document.getElementById(location.hash.slice(1)) : null;
  if (pageSection) pageSection.scrollIntoView();
  const title = $("reader-title");
  if (title && document.activeElement !== els.q) title.focus({ preventScroll: true });
}

function showArticleError(err) {
  const back = h("a", { href: S.href(listState(ui.state)), class: "button", dataset: { back: "" } }, "Back to results");
  let panel;
  if (err.kind === "network") {
    panel = messagePanel("error", "Can’t reach the Longjing server", [`Nothing answered at ${location.host}. Check that longjing-serve is running, then try again.`], [h("button", { type: "button", class: "button", dataset: { action: "retry" } }, "Try again"), back]);
  } else if (err.status === 404) {
    panel = messagePanel("notfound", "Article not found", [h("p", {}, "There is no article ", h("code", {}, ui.state.article), " in the index. It may have been removed from the corpus.")], [back]);
  } else {
    panel = messagePanel("error", "Could not open this article", [h("p", { class: "server-message" }, h("code", {}, err.message))], [back]);
  }
  els.readerView.dataset.id = ui.state.article;
  els.readerView.dataset.state = "error";
  replaceChildren(els.readerView, h("div", { class: "reader" }, panel));
  document.title = "Article unavailable — Longjing";
}

// ---------- events ----------

function commitQuery({ typing }) {
  clearTimeout(ui.typingTimer);
  const q = els.q.value;
  if (q === ui.state.q && !ui.state.article) {
    if (!typing) {
      // Enter on an unchanged query: the typing entry becomes a normal one, and the search reruns.
      history.replaceState({ ...(history.state || {}), typing: false }, "");
      ui.cache.clear();
      render({ scroll: "keep" });
    }
    return;
  }
  const next = S.withChanges(ui.state, { q });
  const replace = !!(history.state && history.state.typing) && !ui.state.article;
  navigate(next, { replace, typing, scroll: "keep" });
}

function bindEvents() {
  els.q.addEventListener("input", () => {
    clearTimeout(ui.typingTimer);
    ui.typingTimer = setTimeout(() => commitQuery({ typing: true }), TYPING_DELAY_MS);
  });
  els.form.addEventListener("submit", (e) => {
    e.preventDefault();
    commitQuery({ typing: false });
  });
  els.sort.addEventListener("change", () => navigate(S.withChanges(ui.state, { sort: els.sort.value }), { scroll: "keep" }));
  els.clearAll.addEventListener("click", () => {
    navigate(S.clearedFilters(ui.state), { scroll: "keep" });
    els.resultsTitle.focus({ preventScroll: true });
  });
  els.sidebarClear.addEventListener("click", () => navigate(S.clearedFilters(ui.state), { scroll: "keep" }));
  els.activeChips.addEventListener("click", (e) => {
    const chip = e.target.closest("[data-remove]");
    if (!chip) return;
    const key = chip.dataset.remove;
    const index = [...els.activeChips.querySelectorAll("[data-remove]")].indexOf(chip);
    let next;
    if (key === "dates") next = S.withChanges(ui.state, { from: "", to: "" });
    else {
      const [facet, ...rest] = key.split(":");
      next = S.withFilter(ui.state, facet, rest.join(":"), false);
    }
    navigate(next, { scroll: "keep" });
    // Keep the keyboard near where it was: the next chip, else the results.
    requestAnimationFrame(() => {
      const chips = els.activeChips.querySelectorAll("[data-remove]");
      (chips[Math.min(index, chips.length - 1)] || els.resultsTitle).focus();
    });
  });
  els.results.addEventListener("click", (e) => {
    const chip = e.target.closest("button[data-facet]");
    if (!chip) return;
    const { facet, id } = chip.dataset;
    navigate(S.withFilter(ui.state, facet, id, !ui.state.filters[facet].includes(id)), { scroll: "keep" });
  });
  els.timelineUp.addEventListener("click", () => {
    const next = S.withChanges(ui.state, { from: "", to: "" });
    next.filters.year = [];
    navigate(next, { scroll: "keep" });
  });
  document.addEventListener("click", (e) => {
    const action = e.target.closest("[data-action]");
    if (action) {
      if (action.dataset.action === "retry") {
        ui.cache.clear();
        if (!ui.taxonomy) boot();
        else render({ scroll: "keep" });
      } else if (action.dataset.action === "clear-filters") {
        navigate(S.clearedFilters(ui.state), { scroll: "keep" });
      }
      return;
    }
    onLinkClick(e);
  });
  els.filtersToggle.addEventListener("click", () => setFiltersOpen(!document.body.classList.contains("filters-open")));
  els.showResults.addEventListener("click", () => {
    setFiltersOpen(false);
    els.resultsTitle.focus();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.target)) {
      e.preventDefault();
      els.q.focus();
      els.q.select();
    } else if (e.key === "Escape" && document.body.classList.contains("filters-open") && !isEditable(e.target)) {
      setFiltersOpen(false);
      els.filtersToggle.focus();
    }
  });
}

function setFiltersOpen(open) {
  document.body.classList.toggle("filters-open", open);
  els.filtersToggle.setAttribute("aria-expanded", String(open));
}

// Where "/" is typed text rather than the shortcut.
function isEditable(el) {
  if (!el) return false;
  if (el.tagName === "INPUT") return !["checkbox", "radio", "button", "submit", "reset"].includes(el.type);
  return el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT";
}

function onFacetToggle(facet, id, checked) {
  navigate(S.withFilter(ui.state, facet, id, checked), { scroll: "keep" });
}

// ---------- start ----------

async function boot() {
  setLoading(true);
  replaceChildren(els.message);
  replaceChildren(els.status, "Loading…");
  if (!ui.state.article) {
    const card = () => h("li", { class: "hit hit-skeleton", "aria-hidden": "true" },
      h("p", { class: "skeleton skeleton-title" }), h("p", { class: "skeleton" }), h("p", { class: "skeleton short" }));
    replaceChildren(els.results, card(), card(), card());
  }
  let tax;
  try {
    tax = await api.taxonomy();
  } catch (err) {
    setLoading(false);
    showSearchError(err);
    return;
  }
  S.setCatalogue(tax.facets || []);
  // The URL's filters are read again now that the facet names are known.
  ui.state = S.parse(location.search);
  const labels = {};
  const names = {};
  for (const facet of tax.facets || []) {
    labels[facet.name] = facet.label || facet.name;
    names[facet.name] = Object.fromEntries((facet.values || []).map((v) => [v.id, v.name]));
  }
  const order = (tax.facets || []).map((f) => f.name).filter((name) => S.FILTER_FACETS.includes(name));
  ui.taxonomy = { labels, names, order };
  ui.sidebar = new FacetSidebar(els.facets, order.map((name) => ({ name, label: labels[name] })), onFacetToggle);
  ui.timeline = new Timeline($("timeline"), pickBar);
  ui.insights = new InsightsView(els.insights, { navigate, label, names });
  new IngestPanel($("ingest-panel"), { articleHref });
  render({ scroll: "keep" });
}

if ("scrollRestoration" in history) history.scrollRestoration = "manual";
els.q.value = ui.state.q;
bindEvents();
initTaxonomyEditor();
if (!ui.state.article) els.q.focus();
boot();
