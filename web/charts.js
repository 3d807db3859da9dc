// SVG charts of the Insights view: a heatmap, small line charts, overlaid
// lines and paired share bars. Drawn from data alone (no external network);
// colours come from CSS classes and variables, so dark mode follows the page.
// Every chart comes with dataTable(), the same numbers as a table for screen
// readers (and anyone who wants the figures).
import { h, svg } from "./dom.js";
import { formatCount } from "./facets.js";

const CELL = 40; // heatmap cell size, px
const ROW_LABEL = 116;
const COL_LABEL = 92;

// "Hong Kong Special…" -> at most n characters, with an ellipsis.
export function clip(text, n) {
  const s = String(text);
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

// A caption, header row and body rows as a <details> holding a real table.
export function dataTable(caption, head, rows) {
  return h(
    "details",
    { class: "chart-table" },
    h("summary", {}, "Table"),
    h(
      "table",
      {},
      h("caption", { class: "sr-only" }, caption),
      h("thead", {}, h("tr", {}, head.map((c, i) => h("th", { scope: "col", class: i ? "num" : null }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c, i) => (i ? h("td", { class: "num" }, c) : h("th", { scope: "row" }, c))))))
    )
  );
}

// Heatmap of pivot cells. onPick(i, j) when a cell is chosen (click, Enter,
// Space); arrows move between cells (one tab stop, roving tabindex).
export function heatmap(pivot, { label, onPick }) {
  const rows = pivot.rows.values;
  const cols = pivot.cols.values;
  const max = Math.max(1, ...pivot.cells.flat());
  const width = ROW_LABEL + cols.length * CELL;
  const height = COL_LABEL + rows.length * CELL;
  const cells = [];
  rows.forEach((r, i) => {
    cols.forEach((c, j) => {
      const n = pivot.cells[i][j];
      const x = ROW_LABEL + j * CELL;
      const y = COL_LABEL + i * CELL;
      const strength = n / max;
      const g = svg(
        "g",
        {
          class: "heat-cell" + (n ? "" : " is-zero") + (strength > 0.55 ? " is-strong" : ""),
          role: "button",
          tabindex: i === 0 && j === 0 ? "0" : "-1",
          "aria-label": `${r.name} and ${c.name}: ${formatCount(n)} article${n === 1 ? "" : "s"}. Show them`,
          dataset: { row: String(i), col: String(j), count: String(n) },
        },
        svg("title", {}, `${r.name} × ${c.name}: ${formatCount(n)}`),
        svg("rect", { class: "heat-bg", x: x + 1, y: y + 1, width: CELL - 2, height: CELL - 2, rx: 4 }),
        svg("rect", { class: "heat-fill", x: x + 1, y: y + 1, width: CELL - 2, height: CELL - 2, rx: 4, "fill-opacity": n ? (0.12 + 0.88 * strength).toFixed(3) : 0 }),
        svg("text", { class: "heat-count", x: x + CELL / 2, y: y + CELL / 2 + 4, "text-anchor": "middle" }, n ? formatCount(n) : "·")
      );
      g.addEventListener("click", () => onPick(i, j));
      g.addEventListener("keydown", (e) => moveInGrid(e, g, rows.length, cols.length, () => onPick(i, j)));
      cells.push(g);
    });
  });
  const rowLabels = rows.map((r, i) =>
    svg("text", { class: "heat-label", x: ROW_LABEL - 8, y: COL_LABEL + i * CELL + CELL / 2 + 4, "text-anchor": "end" }, svg("title", {}, r.name), clip(r.name, 15)));
  const colLabels = cols.map((c, j) => {
    const x = ROW_LABEL + j * CELL + CELL / 2;
    return svg("text", { class: "heat-label", x, y: COL_LABEL - 8, transform: `rotate(-40 ${x} ${COL_LABEL - 8})` }, svg("title", {}, c.name), clip(c.name, 13));
  });
  return svg("svg", { class: "heatmap", width, height, viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": label }, rowLabels, colLabels, cells);
}

function moveInGrid(e, cell, nRows, nCols, pick) {
  const i = Number(cell.dataset.row);
  const j = Number(cell.dataset.col);
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    pick();
    return;
  }
  if (!moves[e.key]) return;
  e.preventDefault();
  const ni = Math.max(0, Math.min(nRows - 1, i + moves[e.key][0]));
  const nj = Math.max(0, Math.min(nCols - 1, j + moves[e.key][1]));
  const next = cell.ownerSVGElement.querySelector(`[data-row="${ni}"][data-col="${nj}"]`);
  cell.setAttribute("tabindex", "-1");
  next.setAttribute("tabindex", "0");
  next.focus();
}

// Points of a polyline through `values` inside w × h (y grows downwards).
function linePoints(values, max, w, h, pad) {
  const n = values.length;
  return values
    .map((v, i) => {
      const x = n === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (n - 1);
      const y = h - pad - (v / max) * (h - 2 * pad);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
}

// A small line chart of one series (optionally over the selection's total,
// drawn faint on the same scale).
export function sparkline(values, { label, width = 160, height = 44, background = null }) {
  const max = Math.max(1, ...values, ...(background || []));
  return svg(
    "svg",
    { class: "spark", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, preserveAspectRatio: "none" },
    background ? svg("polyline", { class: "spark-total", points: linePoints(background, max, width, height, 3) }) : null,
    svg("polyline", { class: "spark-line", points: linePoints(values, max, width, height, 3) })
  );
}

// Lines for several series over shared bucket labels; series[k].cls names
// its colour class. Labels at the first and last bucket.
export function lines(buckets, series, { label, width = 320, height = 120 }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const axis = 16;
  const plot = height - axis;
  return svg(
    "svg",
    { class: "lines", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label },
    svg("line", { class: "axis", x1: 0, x2: width, y1: plot - 2.5, y2: plot - 2.5 }),
    series.map((s) => svg("polyline", { class: "line " + s.cls, points: linePoints(s.values, max, width, plot, 3) })),
    buckets.length
      ? [
          svg("text", { class: "lines-label", x: 2, y: height - 3 }, buckets[0]),
          svg("text", { class: "lines-label", x: width - 2, y: height - 3, "text-anchor": "end" }, buckets[buckets.length - 1]),
        ]
      : null
  );
}

// Two horizontal bars (shares 0..1) for one value, A above B.
export function pairBars(a, b, { label, width = 140 }) {
  const bar = (share, y, cls) => [
    svg("rect", { class: "pair-track", x: 0, y, width, height: 8, rx: 2 }),
    svg("rect", { class: "pair-fill " + cls, x: 0, y, width: Math.max(share > 0 ? 2 : 0, share * width), height: 8, rx: 2 }),
  ];
  return svg("svg", { class: "pair", width, height: 20, viewBox: `0 0 ${width} 20`, role: "img", "aria-label": label }, bar(a, 0, "is-a"), bar(b, 11, "is-b"));
}

export function percent(share) {
  if (!Number.isFinite(share)) return "—";
  const p = share * 100;
  return (p > 0 && p < 1 ? p.toFixed(1) : Math.round(p)) + "%";
}
