// The Insights view: a pivot heatmap, trends, significant values and a
// compare panel, all over the page's current selection (q, filters, dates)
// and kept in the URL (state.js: view=insights plus the panels' choices).
// Panels load in parallel and each draws as soon as its answers are in;
// when all are drawn, the root records how long it took (data-drawn-ms) and
// for which URL (data-key), for the browser tests.
import * as api from "./api.js";
import * as S from "./state.js";
import { h, replaceChildren } from "./dom.js";
import { formatCount } from "./facets.js";
import { heatmap, dataTable, sparkline, lines, pairBars, percent, clip } from "./charts.js";

const AXES = ["city", "company", "policy", "lang", "year"];
const TREND_FACETS = ["city", "company", "policy", "lang"];
const SIG_FACETS = ["city", "company", "policy", "terms"];
const COMPARE_FACETS = ["city", "company", "policy"];
// The page marks a series "rising" when its share grew by this much (change
// is documented in docs/api.md) on at least this many recent articles.
const RISING = 0.25;
const RISING_MIN = 2;

export class InsightsView {
  // ctx: {navigate(state, opts), label(facet), names: {facet: {id: name}}}
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.key = "";
    this.controller = null;
    this.panels = {};
    for (const [id, title] of [["matrix", "Matrix"], ["trends", "Trends"], ["significant", "What stands out"], ["compare", "Compare"]]) {
      const body = h("div", { class: "ins-body" });
      const tools = h("div", { class: "ins-tools" });
      const panel = h("section", { class: "ins-panel ins-" + id, id: "ins-" + id, "aria-labelledby": "ins-" + id + "-title" },
        h("div", { class: "ins-head" }, h("h2", { id: "ins-" + id + "-title" }, title), tools), body);
      this.panels[id] = { panel, body, tools };
      root.append(panel);
    }
  }

  // Draws the panels for `state` unless they already show it.
  update(state) {
    const key = S.toSearch({ ...state, article: "" });
    if (key === this.key) return;
    this.key = key;
    this.state = state;
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const signal = this.controller.signal;
    const start = performance.now();
    this.root.dataset.state = "loading";
    this.root.setAttribute("aria-busy", "true");
    // Compare first: its three requests are the most work for the server.
    const jobs = [this.compare(signal), this.matrix(signal), this.trends(signal), this.significant(signal)];
    Promise.allSettled(jobs).then(() => {
      if (signal.aborted) return;
      const ms = Math.round(performance.now() - start);
      this.root.dataset.state = "ready";
      this.root.dataset.key = key;
      this.root.dataset.drawnMs = String(ms);
      this.root.setAttribute("aria-busy", "false");
      console.info(`insights drawn in ${ms} ms`);
    });
  }

  // The selection's API parameters with `extra` set on top.
  params(extra, state = this.state) {
    const p = S.searchParams({ ...state, sort: "", page: 1, perPage: S.DEFAULT_PER_PAGE });
    for (const [k, v] of Object.entries(extra)) {
      if (Array.isArray(v)) for (const x of v) p.append(k, x);
      else p.set(k, String(v));
    }
    return p;
  }

  // The trends panel's facet, interval and request parameters.
  trendChoice() {
    const { ins } = this.state;
    const facet = TREND_FACETS.includes(ins.tfacet) ? ins.tfacet : "city";
    const interval = ins.interval === "month" ? "month" : "year";
    return { facet, interval, params: this.params({ facet, interval, size: 6 }) };
  }

  go(changes, { view = "insights" } = {}) {
    const next = S.withChanges(this.state, {});
    next.view = view;
    Object.assign(next.ins, changes);
    this.ctx.navigate(next, { scroll: "keep" });
  }

  select(name, value, options, onChange) {
    const id = "ins-" + name;
    return h("label", { class: "ins-select", for: id }, h("span", {}, name),
      h("select", { id, onchange: (e) => onChange(e.target.value) },
        options.map(([v, text]) => h("option", { value: v, selected: v === value }, text))));
  }

  async run(panel, signal, fn) {
    const { body } = this.panels[panel];
    body.setAttribute("aria-busy", "true");
    try {
      await fn();
    } catch (err) {
      if (err.kind === "abort" || signal.aborted) return;
      replaceChildren(body, h("p", { class: "ins-error" }, "Could not load: ", h("code", {}, err.message)));
    } finally {
      body.setAttribute("aria-busy", "false");
    }
  }

  // ---- matrix ----

  matrix(signal) {
    const { ins } = this.state;
    const rows = AXES.includes(ins.rows) ? ins.rows : "city";
    const cols = AXES.includes(ins.cols) ? ins.cols : "policy";
    const axisOptions = AXES.map((f) => [f, this.ctx.label(f)]);
    replaceChildren(this.panels.matrix.tools,
      this.select("rows", rows, axisOptions, (v) => this.go({ rows: v })),
      this.select("columns", cols, axisOptions, (v) => this.go({ cols: v })));
    return this.run("matrix", signal, async () => {
      const pivot = await api.pivot(this.params({ rows, cols, rows_size: 12, cols_size: 10 }), signal);
      const body = this.panels.matrix.body;
      if (!pivot.rows.values.length || !pivot.cols.values.length) {
        replaceChildren(body, h("p", { class: "ins-empty" }, "No tagged articles in this selection."));
        return;
      }
      const caption = `${this.ctx.label(rows)} × ${this.ctx.label(cols)}: articles of the selection with both`;
      const chart = heatmap(pivot, { label: caption, onPick: (i, j) => this.pickCell(pivot, i, j) });
      replaceChildren(body,
        h("p", { class: "ins-note" }, `${formatCount(pivot.total)} articles · click a cell to see them`),
        h("div", { class: "heatmap-scroll" }, chart),
        dataTable(caption, [this.ctx.label(rows), ...pivot.cols.values.map((c) => c.name)],
          pivot.rows.values.map((r, i) => [r.name, ...pivot.cells[i].map(formatCount)])));
    });
  }

  // Narrows the selection to the cell's two values and shows the results.
  pickCell(pivot, i, j) {
    let next = S.withChanges(this.state, {});
    next = narrow(next, pivot.rows.facet, pivot.rows.values[i].id);
    next = narrow(next, pivot.cols.facet, pivot.cols.values[j].id);
    next.view = "";
    this.ctx.navigate(next, { scroll: "top" });
  }

  // ---- trends ----

  trends(signal) {
    const { facet, interval, params } = this.trendChoice();
    replaceChildren(this.panels.trends.tools,
      this.select("values", facet, TREND_FACETS.map((f) => [f, this.ctx.label(f)]), (v) => this.go({ tfacet: v })),
      this.select("per", interval, [["year", "Year"], ["month", "Month"]], (v) => this.go({ interval: v })));
    return this.run("trends", signal, async () => {
      const t = await api.trends(params, signal);
      const body = this.panels.trends.body;
      if (!t.buckets.length) {
        replaceChildren(body, h("p", { class: "ins-empty" }, t.undated ? `${formatCount(t.undated)} undated articles only.` : "No dated articles in this selection."));
        return;
      }
      const recent = interval === "year" ? 1 : 3;
      const range = `${t.buckets[0]} – ${t.buckets[t.buckets.length - 1]}`;
      const card = (name, counts, total, change, extra) => {
        const rising = change !== null && change >= RISING && counts.slice(-recent).reduce((a, b) => a + b, 0) >= RISING_MIN;
        return h("li", { class: "trend" + (rising ? " is-rising" : "") + (extra || ""), dataset: rising ? { rising: "" } : {} },
          h("div", { class: "trend-head" }, h("span", { class: "trend-name", title: name }, clip(name, 22)),
            h("span", { class: "trend-total" }, formatCount(total)),
            rising ? h("span", { class: "badge-rising", title: `share up ${percent(change)} in the last ${interval === "year" ? "year" : "3 months"}` }, "↑ rising") : null),
          sparkline(counts, { label: `${name}: ${formatCount(total)} articles, ${range}${rising ? ", rising" : ""}` }));
      };
      const totalAll = t.total.reduce((a, b) => a + b, 0) + t.undated;
      replaceChildren(body,
        h("p", { class: "ins-note" }, `Articles per ${interval}, ${range}`, t.undated ? ` · ${formatCount(t.undated)} undated not shown` : ""),
        h("ul", { class: "trend-grid", role: "list" },
          card("All articles", t.total, totalAll, null, " is-all"),
          t.series.map((s) => card(s.name, s.counts, s.total, s.change))),
        dataTable(`Articles per ${interval}`, [interval === "year" ? "Year" : "Month", "All", ...t.series.map((s) => s.name)],
          t.buckets.map((b, i) => [b, formatCount(t.total[i]), ...t.series.map((s) => formatCount(s.counts[i]))])));
    });
  }

  // ---- significant ----

  significant(signal) {
    replaceChildren(this.panels.significant.tools);
    return this.run("significant", signal, async () => {
      const lists = await Promise.all(SIG_FACETS.map((facet) => api.significant(this.params({ facet, size: 8 }), signal)));
      const body = this.panels.significant.body;
      const block = (sig) => {
        const title = sig.facet === "terms" ? "Words" : this.ctx.label(sig.facet);
        const max = Math.max(1, ...sig.values.map((v) => v.score));
        const items = sig.values.map((v) => {
          const text = `${v.name}: ${formatCount(v.fg)} of ${formatCount(sig.foreground)} here, ${formatCount(v.bg)} of ${formatCount(sig.background)} overall`;
          const name = sig.facet === "terms"
            ? h("span", { class: "sig-name" }, v.name)
            : h("a", { class: "sig-name", href: S.href(withView(S.withFilter(this.state, sig.facet, v.id, true))), dataset: { nav: "" } }, v.name);
          return h("li", { class: "sig-value", title: text }, name,
            h("span", { class: "sig-bar", "aria-hidden": "true" }, h("span", { class: "sig-fill", dataset: { w: String(Math.round((10 * v.score) / max)) } })),
            h("span", { class: "sig-fg" }, `${formatCount(v.fg)} / ${formatCount(v.bg)}`));
        });
        return h("div", { class: "sig-list", dataset: { facet: sig.facet } }, h("h3", {}, title),
          items.length ? h("ol", { role: "list" }, items) : h("p", { class: "ins-empty" }, "Nothing stands out."),
          sig.facet === "terms" && sig.values.length ? h("p", { class: "ins-note" }, `from ${formatCount(sig.foreground)} sampled articles`) : null);
      };
      replaceChildren(body, h("p", { class: "ins-note" }, "Over-represented here against the whole index (G-test). Counts: here / overall."),
        h("div", { class: "sig-grid" }, lists.map(block)));
    });
  }

  // ---- compare ----

  compare(signal) {
    const { ins } = this.state;
    const facet = COMPARE_FACETS.includes(ins.cfacet) ? ins.cfacet : "city";
    return this.run("compare", signal, async () => {
      // One round trip: three pivots of the compare facet's values (rows)
      // against policy, company and year, over the selection with the
      // facet's filter set to the two chosen values (or cleared, when none
      // are chosen, so the rows are the selection's two commonest values).
      // A row's cells are that side's counts: exactly what the selection
      // narrowed to that one value would count.
      const s = S.withChanges(this.state, {});
      s.filters[facet] = ins.ca && ins.cb ? [ins.ca, ins.cb] : [];
      const pivot = (cols, size) =>
        api.pivot(this.params({ rows: facet, cols, rows_size: 2, cols_size: size }, s), signal);
      const [policy, company, year] = await Promise.all([
        pivot("policy", 30), pivot("company", 30), pivot("year", 100)]);
      const rowIds = policy.rows.values.map((v) => v.id);
      const a = ins.ca || rowIds[0] || "";
      const b = ins.cb || rowIds.find((id) => id !== a) || "";
      const names = this.ctx.names[facet] || {};
      const options = Object.entries(names).sort((x, y) => x[1].localeCompare(y[1]));
      replaceChildren(this.panels.compare.tools,
        this.select("compare", facet, COMPARE_FACETS.map((f) => [f, this.ctx.label(f)]), (v) => this.go({ cfacet: v, ca: "", cb: "" })),
        this.select("A", a, options, (v) => this.go({ cfacet: facet, ca: v, cb: b })),
        this.select("B", b, options, (v) => this.go({ cfacet: facet, ca: a, cb: v })));
      const body = this.panels.compare.body;
      if (!a || !b) {
        replaceChildren(body, h("p", { class: "ins-empty" }, "Pick two values to compare."));
        return;
      }
      const side = (id) => ({ id, name: names[id] || id, policy: row(policy, id), company: row(company, id), year: row(year, id) });
      replaceChildren(body, compareBody(side(a), side(b), this.ctx));
    });
  }
}

// Row `id` of a pivot answer: the side's article count and its nonzero
// cells as [{id, name, count}], commonest first.
function row(pivot, id) {
  const i = pivot.rows.values.findIndex((v) => v.id === id);
  if (i < 0) return { total: 0, cells: [] };
  const cells = pivot.cols.values.map((c, j) => ({ id: c.id, name: c.name, count: pivot.cells[i][j] }))
    .filter((c) => c.count > 0).sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
  return { total: pivot.rows.values[i].count, cells };
}

function withView(state) {
  return { ...state, view: "insights", ins: { ...state.ins } };
}

// The state narrowed to `id` of `facet`, AND-ed with what is selected: a
// second value of an already filtered facet goes into q as facet:"id"
// (filters OR within a facet; the query ANDs).
export function narrow(state, facet, id) {
  const values = state.filters[facet];
  if (!values.length) {
    state.filters[facet] = [id];
  } else if (!(values.length === 1 && values[0] === id)) {
    state.q = `${state.q} ${facet}:"${id}"`.trim();
  }
  return state;
}

// Each value's share of the side's articles, by id.
function shares(side, key) {
  const out = new Map();
  const { total, cells } = side[key];
  for (const c of cells) out.set(c.id, { name: c.name, share: total ? c.count / total : 0, count: c.count });
  return out;
}

function compareBody(A, B, ctx) {
  const pa = shares(A, "policy");
  const pb = shares(B, "policy");
  const policyIds = [...new Set([...pa.keys(), ...pb.keys()])];
  const legend = h("p", { class: "cmp-legend" },
    h("span", { class: "key is-a" }), `A: ${A.name} (${formatCount(A.policy.total)})`, " ",
    h("span", { class: "key is-b" }), `B: ${B.name} (${formatCount(B.policy.total)})`);
  const mix = policyIds.map((id) => {
    const x = pa.get(id) || { share: 0, name: (pb.get(id) || {}).name };
    const y = pb.get(id) || { share: 0 };
    return { id, name: x.name, a: x.share, b: y.share };
  }).sort((p, q) => Math.max(q.a, q.b) - Math.max(p.a, p.b)).slice(0, 10);
  const mixList = h("ul", { class: "cmp-mix", role: "list" }, mix.map((m) =>
    h("li", {}, h("span", { class: "cmp-name", title: m.name }, clip(m.name, 28)),
      pairBars(m.a, m.b, { label: `${m.name}: A ${percent(m.a)}, B ${percent(m.b)}` }),
      h("span", { class: "cmp-num" }, `${percent(m.a)} · ${percent(m.b)}`))));
  const companies = (side) => h("ol", { class: "cmp-top", role: "list" },
    side.company.cells.slice(0, 8).map((c) => h("li", {}, h("span", {}, c.name), " ", h("span", { class: "cmp-num" }, formatCount(c.count)))));
  // Timelines on a shared axis of years.
  const years = [...new Set([...A.year.cells, ...B.year.cells].map((c) => c.id))].sort();
  const along = (side) => years.map((y) => (side.year.cells.find((c) => c.id === y) || { count: 0 }).count);
  const va = along(A);
  const vb = along(B);
  // Values that differ most: policies and companies by share difference.
  const ca = shares(A, "company");
  const cb = shares(B, "company");
  const diffs = [];
  for (const [kind, x, y] of [["policy", pa, pb], ["company", ca, cb]]) {
    for (const id of new Set([...x.keys(), ...y.keys()])) {
      const p = x.get(id) || { share: 0 };
      const q = y.get(id) || { share: 0 };
      diffs.push({ kind, name: p.name || q.name, a: p.share, b: q.share, d: p.share - q.share });
    }
  }
  diffs.sort((p, q) => Math.abs(q.d) - Math.abs(p.d));
  const top = diffs.slice(0, 6);
  return [
    legend,
    h("div", { class: "cmp-grid" },
      h("div", {}, h("h3", {}, "Policy mix (share of articles)"), mixList,
        dataTable("Policy mix", [ctx.label("policy"), "A", "B"], mix.map((m) => [m.name, percent(m.a), percent(m.b)]))),
      h("div", {}, h("h3", {}, "Top companies"), h("div", { class: "cmp-pair" },
        h("div", {}, h("h4", {}, "A: " + A.name), companies(A)), h("div", {}, h("h4", {}, "B: " + B.name), companies(B)))),
      h("div", {}, h("h3", {}, "Articles per year"),
        years.length ? lines(years, [{ cls: "is-a", values: va }, { cls: "is-b", values: vb }], { label: `Articles per year, A ${A.name} and B ${B.name}` }) : h("p", { class: "ins-empty" }, "No dated articles."),
        dataTable("Articles per year", ["Year", "A", "B"], years.map((y, i) => [y, formatCount(va[i]), formatCount(vb[i])]))),
      h("div", {}, h("h3", {}, "Differ most"),
        h("ul", { class: "cmp-diff", role: "list" }, top.map((t) =>
          h("li", {}, h("span", { class: "cmp-name" }, t.name), " ",
            h("span", { class: "cmp-num" }, `${percent(t.a)} vs ${percent(t.b)}`), " ",
            h("span", { class: t.d > 0 ? "more-a" : "more-b" }, t.d > 0 ? "more in A" : "more in B")))))),
  ];
}
