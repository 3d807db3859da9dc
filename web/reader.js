// The reader view: an article's full text with its taxonomy mentions marked,
// its tags, source and related articles. Built from text nodes only: the
// body never passes through innerHTML.
import { h } from "./dom.js";
import { formatCount } from "./facets.js";
import { TAG_FACETS } from "./state.js";
import { originalHref } from "./results.js";

// The mentions that can be marked in a text of `length` UTF-16 units: valid
// ranges, by start; of overlapping ones the first (the longer on a tie) wins.
export function markableMentions(mentions, length) {
  const sorted = [...(mentions || [])]
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end && m.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  let lastEnd = 0;
  for (const m of sorted) {
    if (m.start >= lastEnd) {
      kept.push(m);
      lastEnd = m.end;
    }
  }
  return kept;
}

// Splits `body` into paragraphs (on blank lines) and wraps each mention
// ({facet, id, start, end}, UTF-16 offsets = JS string indices) in
// <mark class="mention mention-<facet>">. Overlapping mentions keep the one
// that starts first (the longer one on a tie); a mention never crosses a
// paragraph break. names: facet -> id -> display name; labels: facet -> label.
export function bodyNodes(body, mentions, names, labels) {
  const text = String(body || "");
  const kept = markableMentions(mentions, text.length);
  const paragraphs = [];
  const breaks = /\n[ \t]*\n\s*/g;
  let start = 0;
  let match;
  const ranges = [];
  while ((match = breaks.exec(text))) {
    ranges.push([start, match.index]);
    start = match.index + match[0].length;
  }
  ranges.push([start, text.length]);
  let k = 0;
  for (const [pStart, pEnd] of ranges) {
    if (pStart >= pEnd) continue;
    const p = h("p");
    let pos = pStart;
    while (k < kept.length && kept[k].end <= pStart) k++;
    for (let j = k; j < kept.length && kept[j].start < pEnd; j++) {
      const m = kept[j];
      const mStart = Math.max(m.start, pStart);
      const mEnd = Math.min(m.end, pEnd);
      if (mStart > pos) p.append(document.createTextNode(text.slice(pos, mStart)));
      const name = (names[m.facet] && names[m.facet][m.id]) || m.id;
      const label = labels[m.facet] || m.facet;
      p.append(
        h(
          "mark",
          { class: `mention mention-${m.facet}`, dataset: { facet: m.facet, id: m.id }, title: `${label}: ${name}` },
          text.slice(mStart, mEnd)
        )
      );
      pos = mEnd;
    }
    if (pos < pEnd) p.append(document.createTextNode(text.slice(pos, pEnd)));
    paragraphs.push(p);
  }
  return paragraphs;
}

// The page's state lives in the query string: an anchor only scrolls, and
// the hash is replaced rather than pushed (a pushed hash would be a
// history entry that re-renders the reader).
function jumpToPage(e) {
  e.preventDefault();
  const id = e.currentTarget.getAttribute("href").slice(1);
  const section = document.getElementById(id);
  if (section) section.scrollIntoView();
  history.replaceState(history.state, "", `${location.pathname}${location.search}#${id}`);
}

// A paged article (PDF): the body cut at `pages` (UTF-16 offsets of each
// page's start), one <section id="page-N"> per page with a "p. N" heading,
// mentions shifted into each page.
export function pagedBodyNodes(body, pages, mentions, names, labels) {
  const text = String(body || "");
  const starts = (pages || []).filter((p) => Number.isInteger(p) && p >= 0 && p <= text.length);
  const all = markableMentions(mentions, text.length);
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const shifted = all.filter((m) => m.start >= start && m.end <= end).map((m) => ({ ...m, start: m.start - start, end: m.end - start }));
    const n = i + 1;
    return h(
      "section",
      { class: "reader-page", id: `page-${n}`, "aria-labelledby": `page-${n}-label` },
      h("h2", { class: "page-label", id: `page-${n}-label` }, h("a", { href: `#page-${n}`, class: "page-anchor", onclick: jumpToPage }, `p. ${n}`)),
      bodyNodes(text.slice(start, end), shifted, names, labels)
    );
  });
}

// options: labels (facet -> label), langName(code), formatDate(date),
// backHref, tagHref(facet, id), articleHref(id)
export function renderArticle(article, options) {
  const { labels, langName, formatDate, backHref, tagHref, articleHref } = options;
  const lang = article.lang && article.lang !== "und" ? article.lang : null;
  const names = {};
  for (const facet of TAG_FACETS) {
    names[facet] = Object.fromEntries((article[facet] || []).map((t) => [t.id, t.name]));
  }
  const meta = [
    article.date ? h("time", { datetime: article.date }, formatDate(article.date)) : h("span", {}, "Undated"),
    article.source ? h("span", { lang }, article.source) : null,
    article.author ? h("span", { lang }, "by ", article.author) : null,
    article.lang ? h("span", { class: "lang-badge" }, langName(article.lang)) : null,
  ].filter(Boolean);

  const tagGroups = TAG_FACETS.filter((f) => (article[f] || []).length).map((facet) =>
    h(
      "div",
      { class: "tag-group" },
      h("dt", {}, h("span", { class: `swatch mention-${facet}`, "aria-hidden": "true" }), labels[facet] || facet),
      h(
        "dd",
        {},
        h(
          "ul",
          { class: "chips", role: "list" },
          (article[facet] || []).map((t) =>
            h(
              "li",
              {},
              h(
                "a",
                {
                  class: `chip chip-${facet}`,
                  href: tagHref(facet, t.id),
                  dataset: { facet, id: t.id, nav: "" },
                  title: t.count ? `Mentioned ${t.count} time${t.count === 1 ? "" : "s"} — show articles with this tag` : null,
                },
                t.name,
                t.count ? h("span", { class: "chip-count" }, formatCount(t.count)) : null
              )
            )
          )
        )
      )
    )
  );

  const related = (article.related || []).map((hit) =>
    h(
      "li",
      {},
      h("a", { href: articleHref(hit.id), lang: hit.lang && hit.lang !== "und" ? hit.lang : null, dataset: { nav: "" } }, hit.title || hit.id),
      h(
        "span",
        { class: "related-meta" },
        [hit.date ? formatDate(hit.date) : null, hit.source, hit.lang ? langName(hit.lang) : null].filter(Boolean).join(" · ")
      )
    )
  );

  return h(
    "article",
    { class: "reader", "aria-labelledby": "reader-title" },
    h("p", { class: "reader-back" }, h("a", { href: backHref, class: "back-link", dataset: { back: "" } }, "← Back to results")),
    h("h1", { id: "reader-title", tabindex: "-1", lang }, article.title || article.id),
    h("p", { class: "reader-meta" }, meta.map((m) => h("span", { class: "meta-item" }, m))),
    /^https?:\/\//i.test(article.url || "")
      ? h("p", { class: "reader-source" }, h("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "Read at the source", h("span", { "aria-hidden": "true" }, " ↗"), h("span", { class: "sr-only" }, " (opens in a new tab)")))
      : null,
    tagGroups.length ? h("section", { class: "reader-tags", "aria-label": "Tags" }, h("dl", {}, tagGroups)) : null,
    h("p", { class: "reader-original" }, h("a", { href: originalHref(article.id), target: "_blank", rel: "noopener" }, "Original file", article.path ? ` (${article.path.split("/").pop()})` : "", h("span", { class: "sr-only" }, " (opens in a new tab)"))),
    h(
      "div",
      { class: "reader-body", lang },
      Array.isArray(article.pages) && article.pages.length
        ? pagedBodyNodes(article.body, article.pages, article.mentions, names, labels)
        : bodyNodes(article.body, article.mentions, names, labels)
    ),
    related.length
      ? h("section", { class: "related", "aria-labelledby": "related-title" }, h("h2", { id: "related-title" }, "Related articles"), h("ul", { role: "list" }, related))
      : null,
    h("p", { class: "reader-back reader-back-bottom" }, h("a", { href: backHref, class: "back-link", dataset: { back: "" } }, "← Back to results"))
  );
}
