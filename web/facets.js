// The facet sidebar: one group of checkboxes per facet, in the order and with
// the labels the server's /api/taxonomy gives. Counts are the API's own
// (disjunctive: a facet's counts ignore its own selection). Groups are built
// once and their lists re-rendered on each result, so the filter boxes, the
// "show more" state and keyboard focus survive a new search.
import { h, replaceChildren } from "./dom.js";

const TOP = 6; // values shown before "show more"
const SLACK = 2; // a list only this much longer is shown whole

export function foldText(text) {
  return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function valueDomId(facet, id) {
  return `fv-${facet}-${String(id).replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

export class FacetSidebar {
  // container: element to fill; facets: [{name, label}] in display order;
  // onToggle(facet, id, checked) is called when a box is ticked or unticked.
  constructor(container, facets, onToggle) {
    this.container = container;
    this.onToggle = onToggle;
    this.groups = new Map();
    this.empty = h("p", { class: "facets-empty", hidden: true }, "No filters apply to these results.");
    const nodes = facets.map((facet) => this.buildGroup(facet));
    replaceChildren(container, nodes, this.empty);
  }

  buildGroup({ name, label }) {
    const legendId = `facet-${name}-label`;
    const filter = h("input", {
      type: "search",
      class: "facet-filter",
      placeholder: `Search ${label.toLowerCase()}…`,
      "aria-label": `Search ${label} values`,
      autocomplete: "off",
      spellcheck: "false",
      hidden: true,
    });
    const list = h("ul", { class: "facet-list", role: "list" });
    const none = h("p", { class: "facet-none", hidden: true }, "No match.");
    const more = h("button", { type: "button", class: "facet-more link-button", "aria-expanded": "false", hidden: true });
    const root = h(
      "fieldset",
      { class: "facet", dataset: { facet: name }, hidden: true },
      h("legend", { id: legendId, class: "facet-label" }, label),
      filter,
      list,
      none,
      more
    );
    const group = { name, label, root, filter, list, none, more, expanded: false, values: [] };
    filter.addEventListener("input", () => this.renderList(group));
    filter.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && filter.value) {
        filter.value = "";
        this.renderList(group);
        e.stopPropagation();
      }
    });
    more.addEventListener("click", () => {
      group.expanded = !group.expanded;
      this.renderList(group);
    });
    list.addEventListener("change", (e) => {
      const box = e.target;
      if (box.matches('input[type="checkbox"]')) this.onToggle(name, box.value, box.checked);
    });
    this.groups.set(name, group);
    return root;
  }

  // facets: the API's `facets` object ({city: [{id, name, count, selected}], …}).
  update(facets) {
    const focusedId = document.activeElement && this.container.contains(document.activeElement)
      ? document.activeElement.id
      : "";
    let shown = 0;
    for (const group of this.groups.values()) {
      let values = (facets && facets[group.name]) || [];
      if (group.name === "year") values = [...values].sort((a, b) => String(b.id).localeCompare(String(a.id)));
      group.values = values;
      group.root.hidden = values.length === 0;
      if (values.length) shown += 1;
      group.filter.hidden = values.length <= TOP + SLACK;
      if (group.filter.hidden) group.filter.value = "";
      this.renderList(group);
    }
    this.empty.hidden = shown > 0;
    if (focusedId) {
      const el = document.getElementById(focusedId);
      if (el) el.focus();
    }
  }

  renderList(group) {
    const needle = foldText(group.filter.value.trim());
    let values = group.values;
    let hiddenCount = 0;
    if (needle) {
      values = values.filter((v) => foldText(v.name).includes(needle) || foldText(v.id).includes(needle));
    } else if (!group.expanded && values.length > TOP + SLACK) {
      // The top values by count, plus any selected value further down.
      const top = values.filter((v, i) => i < TOP || v.selected);
      hiddenCount = values.length - top.length;
      values = top;
    }
    const items = values.map((v) => {
      const id = valueDomId(group.name, v.id);
      return h(
        "li",
        { class: "facet-value" + (v.selected ? " is-selected" : "") + (v.count === 0 ? " is-zero" : "") },
        h("input", { type: "checkbox", id, value: v.id, checked: !!v.selected }),
        h(
          "label",
          { for: id, title: v.name || v.id },
          h("span", { class: "facet-name", lang: group.name === "lang" ? v.id : null }, v.name || v.id),
          h("span", { class: "facet-count", dataset: { count: String(v.count) } }, formatCount(v.count))
        )
      );
    });
    // A checkbox's `checked` attribute only sets its default state; set the
    // property too so a re-render after back/forward shows the right state.
    for (const li of items) {
      const box = li.querySelector("input");
      box.checked = box.hasAttribute("checked");
    }
    replaceChildren(group.list, items);
    group.none.hidden = !(needle && values.length === 0);
    const expandable = !needle && group.values.length > TOP + SLACK;
    group.more.hidden = !expandable;
    if (expandable) {
      group.more.setAttribute("aria-expanded", String(group.expanded));
      group.more.textContent = group.expanded ? "Show fewer" : `Show ${hiddenCount} more`;
    }
  }
}

export function formatCount(n) {
  return Number(n || 0).toLocaleString("en-US");
}
