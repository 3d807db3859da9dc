// The "Edit taxonomy" panel: a modal dialog for holders of the admin token.
// The token is kept in sessionStorage only (gone with the tab). Values with
// their aliases; add, rename, merge, delete; a preview of what aliases would
// tag before saving; the candidates the server suggests. Every write sends
// the taxonomy's version (If-Match), so an edit made meanwhile elsewhere is
// never overwritten: a 409 reloads the list.
import { h, replaceChildren, snippetFragment } from "./dom.js";

const TOKEN_KEY = "longjing.adminToken";
const FACETS = ["city", "company", "policy"];
const SHOWN = 60; // values listed at once; the filter finds the rest

const $ = (id) => document.getElementById(id);

function slug(text) {
  return String(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

function lines(text) {
  return String(text)
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
}

class TaxonomyEditor {
  constructor() {
    this.dialog = $("taxonomy-dialog");
    this.body = $("taxonomy-body");
    this.status = $("taxonomy-status");
    this.version = "";
    this.facets = [];
    this.facet = "city";
    this.filter = "";
    this.editing = null; // {id, isNew}
    $("taxonomy-open").addEventListener("click", () => this.open());
    $("taxonomy-close").addEventListener("click", () => this.dialog.close());
  }

  get token() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  }

  say(text, kind = "info") {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  async request(method, path, body, { ifMatch = false } = {}) {
    const headers = { Accept: "application/json", Authorization: "Bearer " + this.token };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (ifMatch && this.version) headers["If-Match"] = `"${this.version}"`;
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      return { status: 0, body: { error: { message: "The Longjing server did not answer." } } };
    }
    let json = null;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    return { status: res.status, body: json || {} };
  }

  errorText(r) {
    const e = (r.body && r.body.error) || {};
    return (e.field ? e.field + ": " : "") + (e.message || `HTTP ${r.status}`);
  }

  async open() {
    if (!this.dialog.open) this.dialog.showModal();
    if (!this.token) return this.showSignIn();
    await this.load();
  }

  showSignIn(message = "") {
    const input = h("input", { id: "taxonomy-token", type: "password", autocomplete: "off", required: true });
    const form = h(
      "form",
      { class: "tax-signin", id: "taxonomy-signin" },
      h("p", {}, "Editing the taxonomy needs the server's admin token. It is kept for this tab only."),
      h("label", { for: "taxonomy-token" }, "Admin token"),
      input,
      h("button", { type: "submit", class: "tax-primary" }, "Sign in")
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      this.signIn(input.value.trim());
    });
    replaceChildren(this.body, form);
    this.say(message, message ? "error" : "info");
    input.focus();
  }

  async signIn(token) {
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    // An empty preview: 400 once the token is accepted, 401/403 otherwise.
    const r = await this.request("POST", "api/taxonomy/preview", { facet: "city", aliases: [] });
    if (r.status === 401 || r.status === 403) {
      sessionStorage.removeItem(TOKEN_KEY);
      return this.showSignIn(r.status === 401 ? "That token was not accepted." : this.errorText(r));
    }
    await this.load();
  }

  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    this.showSignIn("Signed out.");
  }

  async load(message = "") {
    const r = await this.request("GET", "api/taxonomy?aliases=1");
    if (r.status !== 200) return this.say(this.errorText(r), "error");
    this.version = r.body.version || "";
    this.facets = (r.body.facets || []).filter((f) => FACETS.includes(f.name));
    this.render();
    if (message) this.say(message);
    this.loadCandidates();
  }

  values() {
    const f = this.facets.find((x) => x.name === this.facet);
    return f ? f.values : [];
  }

  render() {
    const select = h(
      "select",
      { id: "taxonomy-facet" },
      this.facets.map((f) => h("option", { value: f.name, selected: f.name === this.facet }, f.label))
    );
    select.addEventListener("change", () => {
      this.facet = select.value;
      this.editing = null;
      this.render();
      this.loadCandidates();
    });
    const filter = h("input", { id: "taxonomy-filter", type: "search", value: this.filter });
    filter.addEventListener("input", () => {
      this.filter = filter.value;
      this.renderList();
    });
    const add = h("button", { type: "button", id: "taxonomy-add", class: "tax-primary" }, "New value");
    add.addEventListener("click", () => this.edit(null));
    const out = h("button", { type: "button", class: "link-button", id: "taxonomy-signout" }, "Sign out");
    out.addEventListener("click", () => this.signOut());
    replaceChildren(
      this.body,
      h(
        "div",
        { class: "tax-toolbar" },
        h("label", { for: "taxonomy-facet" }, "Facet"),
        select,
        h("label", { for: "taxonomy-filter" }, "Find"),
        filter,
        add,
        out
      ),
      h("div", { id: "taxonomy-form-box" }),
      h("ul", { id: "taxonomy-values", class: "tax-values", "aria-label": "Values" }),
      h("section", { class: "tax-candidates", "aria-labelledby": "taxonomy-cand-title" },
        h("h3", { id: "taxonomy-cand-title" }, "Candidates found in the corpus"),
        h("ul", { id: "taxonomy-candidates", class: "tax-values" }))
    );
    this.renderList();
    if (this.editing) this.edit(this.editing.isNew ? null : this.editing.id, this.editing.prefill);
  }

  renderList() {
    const needle = this.filter.trim().toLowerCase();
    const all = this.values().filter(
      (v) =>
        !needle ||
        v.id.includes(needle) ||
        v.name.toLowerCase().includes(needle) ||
        (v.aliases || []).some((a) => a.toLowerCase().includes(needle))
    );
    const items = all.slice(0, SHOWN).map((v) => {
      const edit = h("button", { type: "button", class: "link-button", "aria-label": `Edit ${v.name}` }, "Edit");
      edit.addEventListener("click", () => this.edit(v.id));
      const del = h("button", { type: "button", class: "link-button tax-danger", "aria-label": `Delete ${v.name}` }, "Delete");
      del.addEventListener("click", () => this.remove(v));
      return h(
        "li",
        { class: "tax-value", dataset: { id: v.id } },
        h("span", { class: "tax-name" }, v.name),
        " ",
        h("code", {}, v.id),
        h("span", { class: "tax-aliases" }, (v.aliases || []).join(" · ")),
        h("span", { class: "tax-actions" }, edit, " ", del)
      );
    });
    if (all.length > SHOWN) items.push(h("li", { class: "tax-more" }, `${all.length - SHOWN} more: narrow with Find.`));
    replaceChildren($("taxonomy-values"), items);
  }

  // The form for value `id` (null: a new one), optionally prefilled.
  edit(id, prefill = {}) {
    const v = id ? this.values().find((x) => x.id === id) : null;
    this.editing = { id, isNew: !v, prefill };
    const name = h("input", { id: "taxonomy-name", value: prefill.name ?? (v ? v.name : ""), required: true });
    const idInput = h("input", {
      id: "taxonomy-id",
      value: v ? v.id : prefill.id ?? "",
      readonly: !!v,
      pattern: "[a-z0-9-]+",
      "aria-describedby": "taxonomy-id-help",
    });
    if (!v) name.addEventListener("input", () => (idInput.value = slug(name.value)));
    const aliases = h("textarea", { id: "taxonomy-aliases", rows: 5 });
    aliases.value = [...(v ? v.aliases || [] : []), ...(prefill.aliases || [])].join("\n");
    const preview = h("button", { type: "button", id: "taxonomy-preview" }, "Preview");
    const save = h("button", { type: "submit", class: "tax-primary", id: "taxonomy-save" }, "Save");
    const cancel = h("button", { type: "button", id: "taxonomy-cancel" }, "Cancel");
    const result = h("div", { id: "taxonomy-preview-result", class: "tax-preview", "aria-live": "polite" });
    const others = this.values().filter((x) => x.id !== id);
    const target = h("select", { id: "taxonomy-merge-target" }, others.map((x) => h("option", { value: x.id }, x.name)));
    const merge = h("button", { type: "button", id: "taxonomy-merge" }, "Merge");
    const form = h(
      "form",
      { class: "tax-form", id: "taxonomy-form", "aria-labelledby": "taxonomy-form-title" },
      h("h3", { id: "taxonomy-form-title" }, v ? `Edit ${v.name}` : "New value"),
      h("label", { for: "taxonomy-name" }, "Name"),
      name,
      h("label", { for: "taxonomy-id" }, "Id"),
      idInput,
      h("p", { id: "taxonomy-id-help", class: "tax-help" }, "Lowercase letters, digits and hyphens; fixed once saved."),
      h("label", { for: "taxonomy-aliases" }, "Aliases, one per line"),
      aliases,
      h("div", { class: "tax-buttons" }, preview, save, cancel),
      result,
      v && others.length
        ? h("div", { class: "tax-merge" }, h("label", { for: "taxonomy-merge-target" }, `Merge ${v.name} into`), target, merge)
        : null
    );
    const values = () => ({ name: name.value.trim(), aliases: lines(aliases.value) });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      this.save(idInput.value.trim(), values());
    });
    preview.addEventListener("click", () => this.preview(v, values(), result));
    cancel.addEventListener("click", () => {
      this.editing = null;
      replaceChildren($("taxonomy-form-box"));
    });
    merge.addEventListener("click", () => this.merge(v, target.value));
    replaceChildren($("taxonomy-form-box"), form);
    name.focus();
  }

  async preview(v, { name, aliases }, box) {
    // Only what the value does not have yet: its own aliases would collide.
    const have = new Set(v ? [v.name, ...(v.aliases || [])].map((s) => s.toLowerCase()) : []);
    const fresh = [name, ...aliases].filter((a) => a && !have.has(a.toLowerCase()));
    if (!fresh.length) return replaceChildren(box, h("p", {}, "Nothing new to preview."));
    replaceChildren(box, h("p", {}, "Counting…"));
    const r = await this.request("POST", "api/taxonomy/preview", { facet: this.facet, aliases: fresh });
    if (r.status !== 200) return replaceChildren(box, h("p", { class: "tax-error" }, this.errorText(r)));
    const p = r.body;
    replaceChildren(
      box,
      h("p", { id: "taxonomy-preview-count", dataset: { articles: p.articles } },
        `${p.exact ? "" : "About "}${p.articles} article${p.articles === 1 ? "" : "s"} would be tagged by ${fresh.join(", ")}.`),
      h("ul", { class: "tax-examples" },
        (p.examples || []).map((e) => h("li", {}, h("strong", {}, e.title || e.id), " — ", snippetFragment(e.snippet))))
    );
  }

  async save(id, body) {
    const r = await this.request("PUT", `api/taxonomy/${encodeURIComponent(this.facet)}/${encodeURIComponent(id)}`, body, { ifMatch: true });
    if (!(await this.handleWrite(r))) return;
    this.editing = null;
    await this.load(`Saved ${body.name}: ${r.body.retag ? r.body.retag.retagged : 0} article(s) re-tagged.`);
  }

  async remove(v) {
    if (!window.confirm(`Delete ${v.name} (${v.id})? Its articles lose this tag.`)) return;
    const r = await this.request("DELETE", `api/taxonomy/${encodeURIComponent(this.facet)}/${encodeURIComponent(v.id)}`, undefined, { ifMatch: true });
    if (!(await this.handleWrite(r))) return;
    await this.load(`Deleted ${v.name}.`);
  }

  // Merge: the target gains the source's name and aliases, then the source goes.
  async merge(source, targetId) {
    const target = this.values().find((x) => x.id === targetId);
    if (!source || !target) return;
    const aliases = [...(target.aliases || [])];
    for (const a of [source.name, ...(source.aliases || [])]) if (!aliases.includes(a) && a !== target.name) aliases.push(a);
    // The source first gives its aliases up, so that no alias is claimed twice.
    let r = await this.request("DELETE", `api/taxonomy/${this.facet}/${encodeURIComponent(source.id)}`, undefined, { ifMatch: true });
    if (!(await this.handleWrite(r))) return;
    this.version = r.body.version;
    r = await this.request("PUT", `api/taxonomy/${this.facet}/${encodeURIComponent(target.id)}`, { name: target.name, aliases }, { ifMatch: true });
    if (r.status !== 200) {
      // Put the source back as it was, so that nothing is lost.
      this.version = "";
      await this.request("PUT", `api/taxonomy/${this.facet}/${encodeURIComponent(source.id)}`, { name: source.name, aliases: source.aliases || [] });
      await this.handleWrite(r);
      return;
    }
    this.editing = null;
    await this.load(`Merged ${source.name} into ${target.name}.`);
  }

  // True on success; otherwise says why (a 409 reloads the list first).
  async handleWrite(r) {
    if (r.status === 200) return true;
    if (r.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      this.showSignIn("The token was refused; sign in again.");
      return false;
    }
    if (r.status === 409) {
      await this.load();
      this.say("The taxonomy changed meanwhile; the list is reloaded. Check it and try again.", "error");
      return false;
    }
    this.say(this.errorText(r), "error");
    return false;
  }

  async loadCandidates() {
    const list = $("taxonomy-candidates");
    if (!list) return;
    const r = await this.request("GET", `api/taxonomy/candidates?facet=${encodeURIComponent(this.facet)}&limit=20`);
    const found = r.status === 200 && Array.isArray(r.body.candidates) ? r.body.candidates : [];
    if (!found.length) return replaceChildren(list, h("li", { class: "tax-more", id: "taxonomy-no-candidates" }, "No candidates."));
    replaceChildren(
      list,
      found.map((c) => {
        const asNew = h("button", { type: "button", class: "link-button" }, "Add as new value");
        asNew.addEventListener("click", () => this.edit(null, { name: c.text, id: slug(c.text) }));
        const dup = c.duplicate_of && c.duplicate_of.id;
        const target = h("select", { "aria-label": `Value to add ${c.text} to` },
          this.values().map((v) => h("option", { value: v.id, selected: v.id === dup }, v.name)));
        const asAlias = h("button", { type: "button", class: "link-button" }, "Add as alias of");
        asAlias.addEventListener("click", () => this.edit(target.value, { aliases: [c.text] }));
        return h(
          "li",
          { class: "tax-value" },
          h("span", { class: "tax-name" }, c.text),
          h("span", { class: "tax-aliases" }, `${c.articles} article${c.articles === 1 ? "" : "s"}`),
          c.examples && c.examples[0] ? h("span", { class: "tax-example" }, snippetFragment(c.examples[0])) : null,
          h("span", { class: "tax-actions" }, asNew, " ", asAlias, " ", target)
        );
      })
    );
  }
}

export function initTaxonomyEditor() {
  if (!$("taxonomy-dialog")) return null;
  return new TaxonomyEditor();
}
