// The result list, the active-filter chips, pagination and the empty/error
// messages. Pure builders: they return elements and leave navigation to the
// caller through hrefs (links carry data-nav) and data attributes.
import { h, snippetFragment } from "./dom.js";
import { formatCount } from "./facets.js";
import { TAG_FACETS } from "./state.js";

const CHIPS_PER_FACET = 3; // per facet on a result; fewer on a phone
const CHIPS_NARROW = 2;

// The article's original file, served by the API from the corpus folder.
export function originalHref(id) {
  return "api/files/" + encodeURIComponent(id);
}

export function langAttr(code) {
  return code && code !== "und" ? code : null;
}

// ctx: {articleHref(id), isSelected(facet, id), labels, langName, formatDate}
export function hitItem(hit, index, ctx) {
  const lang = langAttr(hit.lang);
  const titleId = `hit-${index}-title`;
  const meta = [
    hit.date ? h("time", { datetime: hit.date }, ctx.formatDate(hit.date)) : h("span", { class: "undated" }, "Undated"),
    hit.source ? h("span", { class: "hit-source", lang }, hit.source) : null,
    hit.lang ? h("span", { class: "lang-badge" }, ctx.langName(hit.lang)) : null,
    // A PDF's hit says which page its snippet comes from, and links the
    // original file at that page (browsers' PDF viewers read #page=N).
    Number.isInteger(hit.page) && hit.page > 0
      ? h("a", { class: "hit-page", href: `${originalHref(hit.id)}#page=${hit.page}`, target: "_blank", rel: "noopener", title: `Open the original file at page ${hit.page}` }, `p. ${hit.page}`)
      : null,
  ].filter(Boolean);
  const chips = [];
  for (const facet of TAG_FACETS) {
    // Selected values first, so the reason a hit is listed is always visible.
    const all = hit[facet] || [];
    const tags = [...all.filter((t) => ctx.isSelected(facet, t.id)), ...all.filter((t) => !ctx.isSelected(facet, t.id))];
    const facetLabel = (ctx.labels[facet] || facet).toLowerCase();
    tags.slice(0, CHIPS_PER_FACET).forEach((t, i) => {
      const selected = ctx.isSelected(facet, t.id);
      chips.push(
        h(
          "li",
          { class: i >= CHIPS_NARROW ? "wide-only" : null },
          h(
            "button",
            {
              type: "button",
              class: `chip chip-${facet}`,
              "aria-pressed": selected ? "true" : "false",
              "aria-label": `${selected ? "Remove" : "Add"} filter ${ctx.labels[facet] || facet}: ${t.name}`,
              title: `${ctx.labels[facet] || facet}: ${t.name}`,
              dataset: { facet, id: t.id },
            },
            t.name
          )
        )
      );
    });
    // "+N" for the tags left out: fewer chips fit a phone, so it has its own count.
    const more = (from, cls) => {
      const rest = tags.slice(from).map((t) => t.name);
      return rest.length
        ? h("span", { class: cls, title: rest.join(", ") }, `+${rest.length}`, h("span", { class: "sr-only" }, ` more ${facetLabel} tags: ${rest.join(", ")}`))
        : null;
    };
    if (tags.length > CHIPS_NARROW) {
      chips.push(h("li", { class: "chip-more" + (tags.length > CHIPS_PER_FACET ? "" : " narrow-only") },
        more(CHIPS_PER_FACET, "wide-only"), more(CHIPS_NARROW, "narrow-only")));
    }
  }
  return h(
    "li",
    { class: "hit", dataset: { id: hit.id } },
    h(
      "article",
      { "aria-labelledby": titleId },
      h("h2", { class: "hit-title", lang }, h("a", { id: titleId, href: ctx.articleHref(hit.id), dataset: { nav: "", article: hit.id } }, hit.title || hit.id)),
      h("p", { class: "hit-meta" }, meta.map((m) => h("span", { class: "meta-item" }, m))),
      hit.snippet ? h("p", { class: "hit-snippet", lang }, snippetFragment(hit.snippet)) : null,
      // Near-duplicates collapsed into this hit (syndicated copies, a page saved twice).
      hit.duplicates > 0 && ctx.similarHref
        ? h("p", { class: "hit-similar" },
          h("a", { href: ctx.similarHref(hit.id), dataset: { nav: "", similar: hit.id } },
            `Show ${hit.duplicates} similar`, h("span", { class: "sr-only" }, ` to ${hit.title || hit.id}`)))
        : null,
      chips.length ? h("ul", { class: "chips hit-tags", role: "list", "aria-label": "Tags" }, chips) : null
    )
  );
}

// chips: [{key, facetLabel, name, facet, id}] → removable buttons.
export function activeFilterChips(chips) {
  return chips.map((c) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "chip chip-active" + (c.facet ? ` chip-${c.facet}` : ""),
          "aria-label": `Remove filter ${c.facetLabel}: ${c.name}`,
          dataset: { remove: c.key },
        },
        h("span", { class: "chip-facet" }, c.facetLabel),
        h("span", { class: "chip-name", lang: c.lang || null }, c.name),
        h("span", { class: "chip-x", "aria-hidden": "true" }, "×")
      )
    )
  );
}

// Page links: 1 … p-1 p p+1 … last, with previous/next.
export function pagination(page, lastPage, pageHref) {
  if (lastPage <= 1) return [];
  const pages = new Set([1, lastPage, page - 1, page, page + 1]);
  if (page <= 3) [2, 3, 4].forEach((p) => pages.add(p));
  if (page >= lastPage - 2) [lastPage - 3, lastPage - 2, lastPage - 1].forEach((p) => pages.add(p));
  const sorted = [...pages].filter((p) => p >= 1 && p <= lastPage).sort((a, b) => a - b);
  const items = [];
  items.push(
    h("li", {}, page > 1
      ? h("a", { class: "page-link page-prev", href: pageHref(page - 1), rel: "prev", dataset: { nav: "", page: String(page - 1) } }, h("span", { "aria-hidden": "true" }, "‹ "), "Previous")
      : h("span", { class: "page-link page-prev", "aria-disabled": "true" }, h("span", { "aria-hidden": "true" }, "‹ "), "Previous"))
  );
  let prev = 0;
  for (const p of sorted) {
    if (p - prev > 1) items.push(h("li", { class: "page-gap", "aria-hidden": "true" }, "…"));
    items.push(
      h("li", {}, p === page
        ? h("span", { class: "page-link is-current", "aria-current": "page" }, h("span", { class: "sr-only" }, "Page "), String(p))
        : h("a", { class: "page-link", href: pageHref(p), dataset: { nav: "", page: String(p) } }, h("span", { class: "sr-only" }, "Page "), String(p)))
    );
    prev = p;
  }
  items.push(
    h("li", {}, page < lastPage
      ? h("a", { class: "page-link page-next", href: pageHref(page + 1), rel: "next", dataset: { nav: "", page: String(page + 1) } }, "Next", h("span", { "aria-hidden": "true" }, " ›"))
      : h("span", { class: "page-link page-next", "aria-disabled": "true" }, "Next", h("span", { "aria-hidden": "true" }, " ›")))
  );
  return h("ul", { class: "pages", role: "list" }, items);
}

export function totalText(result) {
  const n = result.total;
  return `${result.total_exact === false ? "About " : ""}${formatCount(n)} result${n === 1 ? "" : "s"}`;
}

// A message panel: kind "empty" | "error" | "notfound"; actions are elements.
export function messagePanel(kind, title, lines, actions) {
  return h(
    "div",
    { class: `message message-${kind}`, role: kind === "empty" ? null : "alert" },
    h("div", { class: "message-icon", "aria-hidden": "true" }, kind === "empty" ? "∅" : "!"),
    h("div", { class: "message-text" },
      h("h2", { class: "message-title", tabindex: "-1" }, title),
      (lines || []).map((line) => (line instanceof Node ? line : h("p", {}, line))),
      actions && actions.length ? h("p", { class: "message-actions" }, actions) : null)
  );
}
