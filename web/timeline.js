// The timeline: an SVG bar chart of matching articles per year, or per month
// when exactly one year is selected, drawn at the container's pixel width.
// Bars are buttons: one tab stop (roving tabindex), arrows move between bars,
// Enter/Space or a click picks one.
import { svg, replaceChildren } from "./dom.js";
import { formatCount } from "./facets.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const HEIGHT = 112;
const TOP_PAD = 16; // room for the count above the tallest bar
const AXIS = 20; // room for the labels under the bars
const MAX_BAR = 44; // a few wide slots still get slim bars

// Years from the year facet, gaps filled with empty bars, oldest first.
export function yearBuckets(yearFacet, selectedYears) {
  const counts = new Map((yearFacet || []).map((v) => [Number(v.id), v.count]));
  const years = [...counts.keys()].filter((y) => Number.isInteger(y));
  if (!years.length) return [];
  const out = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) {
    out.push({
      id: String(y),
      label: String(y),
      longLabel: String(y),
      count: counts.get(y) || 0,
      selected: selectedYears.includes(String(y)),
    });
  }
  return out;
}

// The twelve months of `year` from the month facet ("YYYY-MM" ids).
export function monthBuckets(monthFacet, year, selectedMonth) {
  const counts = new Map((monthFacet || []).map((v) => [v.id, v.count]));
  return MONTHS.map((name, i) => {
    const id = `${year}-${String(i + 1).padStart(2, "0")}`;
    return { id, label: name, longLabel: `${name} ${year}`, count: counts.get(id) || 0, selected: id === selectedMonth };
  });
}

export class Timeline {
  // onPick(bucket) is called when a bar is chosen.
  constructor(container, onPick) {
    this.container = container;
    this.onPick = onPick;
    this.buckets = [];
    this.unit = "year";
    this.width = 0;
    if (typeof ResizeObserver === "function") {
      this.observer = new ResizeObserver(() => {
        if (this.container.clientWidth !== this.width) this.draw();
      });
      this.observer.observe(container);
    }
  }

  // unit: "year" | "month"
  update(buckets, unit) {
    this.buckets = buckets;
    this.unit = unit;
    this.draw();
  }

  draw() {
    const focused = this.container.contains(document.activeElement) ? document.activeElement.dataset.id : null;
    this.width = this.container.clientWidth;
    const buckets = this.buckets;
    if (!buckets.length || !this.width) {
      this.container.replaceChildren();
      return;
    }
    const width = this.width;
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const slot = width / buckets.length;
    const gap = Math.min(8, Math.max(2, slot * 0.2));
    const barWidth = Math.max(2, Math.min(MAX_BAR, slot - gap));
    const plot = HEIGHT - TOP_PAD - AXIS;
    // Label every bar when there is room, else every n-th.
    const labelEvery = Math.max(1, Math.ceil((this.unit === "year" ? 34 : 26) / slot));
    const showCounts = slot >= 22;
    const current = buckets.findIndex((b) => b.selected);
    const tabIndex = current >= 0 ? current : buckets.length - 1;

    const bars = buckets.map((b, i) => {
      const x = i * slot + (slot - barWidth) / 2;
      const barHeight = b.count ? Math.max(2, (b.count / max) * plot) : 0;
      const y = TOP_PAD + plot - barHeight;
      const action = b.selected && this.unit === "month" ? "Show the whole year" : `Show only ${b.longLabel}`;
      const g = svg(
        "g",
        {
          class: "bar" + (b.selected ? " is-selected" : "") + (b.count ? "" : " is-empty"),
          role: "button",
          tabindex: i === tabIndex ? "0" : "-1",
          "aria-pressed": b.selected ? "true" : "false",
          "aria-label": `${b.longLabel}: ${formatCount(b.count)} article${b.count === 1 ? "" : "s"}. ${action}`,
          dataset: { id: b.id, index: String(i) },
        },
        svg("title", {}, `${b.longLabel}: ${formatCount(b.count)}`),
        svg("rect", { class: "bar-hit", x: i * slot, y: 0, width: slot, height: HEIGHT }),
        svg("rect", { class: "bar-track", x, y: TOP_PAD, width: barWidth, height: plot, rx: 3 }),
        svg("rect", { class: "bar-fill", x, y, width: barWidth, height: barHeight, rx: 3 }),
        showCounts && b.count
          ? svg("text", { class: "bar-count", x: x + barWidth / 2, y: y - 4, "text-anchor": "middle" }, formatCount(b.count))
          : null,
        i % labelEvery === 0 || b.selected
          ? svg("text", { class: "bar-label", x: x + barWidth / 2, y: HEIGHT - 5, "text-anchor": "middle" }, b.label)
          : null
      );
      g.addEventListener("click", () => this.onPick(b));
      g.addEventListener("keydown", (e) => this.onKey(e, i));
      return g;
    });
    const chart = svg(
      "svg",
      {
        class: "timeline-chart",
        width,
        height: HEIGHT,
        viewBox: `0 0 ${width} ${HEIGHT}`,
        role: "group",
        "aria-label": this.unit === "year" ? "Articles per year" : "Articles per month",
      },
      svg("line", { class: "axis", x1: 0, x2: width, y1: TOP_PAD + plot + 0.5, y2: TOP_PAD + plot + 0.5 }),
      bars
    );
    replaceChildren(this.container, chart);
    if (focused) {
      const el = this.container.querySelector(`[data-id="${CSS.escape(focused)}"]`);
      if (el) el.focus();
    }
  }

  onKey(e, i) {
    const bars = [...this.container.querySelectorAll(".bar")];
    let next = -1;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = Math.min(bars.length - 1, i + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = Math.max(0, i - 1);
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = bars.length - 1;
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      this.onPick(this.buckets[i]);
      return;
    } else return;
    e.preventDefault();
    for (const bar of bars) bar.setAttribute("tabindex", "-1");
    bars[next].setAttribute("tabindex", "0");
    bars[next].focus();
  }
}

export function timelineCaption(unit, year) {
  return unit === "month" ? `Articles per month, ${year}` : "Articles per year";
}
