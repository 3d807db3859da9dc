// "Add documents": the admin token, drag-and-drop upload (POST /api/files)
// and the "Save to Longjing" bookmarklet (POST /api/articles with the tab's
// url and html). The token stays in this tab's sessionStorage; the
// bookmarklet carries its own copy (it runs on other sites, where this
// page's storage is out of reach), so it is made from the field on demand.
import { h, replaceChildren } from "./dom.js";

const TOKEN_KEY = "longjing.token";

// The bookmarklet's script: posts the current tab's address and HTML to
// `apiBase` ("http://host:port/") with the token, and says what happened.
// The server must allow any origin on this route (save_from_any_origin),
// and the saved site's own Content-Security-Policy may forbid the request.
export function bookmarkletSource(apiBase, token) {
  const target = JSON.stringify(new URL("api/articles", apiBase).href);
  const auth = JSON.stringify("Bearer " + token);
  return (
    "(()=>{" +
    `fetch(${target},{method:"POST",headers:{"Authorization":${auth},"Content-Type":"application/json"},` +
    "body:JSON.stringify({url:location.href,html:document.documentElement.outerHTML})})" +
    '.then(r=>r.json().then(j=>alert(r.ok?"Saved to Longjing: "+j.id:"Longjing refused the page: "+(j.error&&j.error.message))))' +
    '.catch(e=>alert("Longjing: no answer ("+e.message+"). The server needs save_from_any_origin, and this site may block the request."))' +
    "})()"
  );
}

export function bookmarkletHref(apiBase, token) {
  return "javascript:" + encodeURIComponent(bookmarkletSource(apiBase, token));
}

// Uploads one file; resolves to {ok, name, id?, message?}.
export async function uploadFile(file, token) {
  const form = new FormData();
  form.append("file", file, file.name);
  let response;
  try {
    response = await fetch("api/files", { method: "POST", headers: { Authorization: "Bearer " + token }, body: form });
  } catch (err) {
    return { ok: false, name: file.name, message: "The Longjing server did not answer." };
  }
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null;
  }
  if (response.ok && body) return { ok: true, name: file.name, id: body.id };
  const message = (body && body.error && body.error.message) || `HTTP ${response.status}`;
  return { ok: false, name: file.name, message };
}

export class IngestPanel {
  // root: the element to fill; articleHref(id) links a saved article.
  constructor(root, { articleHref }) {
    this.root = root;
    this.articleHref = articleHref;
    this.token = h("input", { id: "ingest-token", type: "password", autocomplete: "off", spellcheck: "false", value: sessionStorage.getItem(TOKEN_KEY) || "", oninput: () => this.onToken() });
    this.fileInput = h("input", { id: "ingest-files", type: "file", multiple: true, accept: ".pdf,.docx,.html,.htm,.md,.markdown,.txt", onchange: () => this.send([...this.fileInput.files]) });
    this.drop = h(
      "div",
      { class: "dropzone", id: "ingest-drop", ondragover: (e) => this.onDragOver(e), ondragleave: () => this.drop.classList.remove("is-over"), ondrop: (e) => this.onDrop(e) },
      h("p", {}, "Drop PDF, Word, HTML, Markdown or text files here, or "),
      h("label", { for: "ingest-files", class: "button" }, "choose files"),
      this.fileInput
    );
    this.results = h("ul", { class: "ingest-results", id: "ingest-results", role: "list", "aria-live": "polite" });
    this.bookmarklet = h("a", { class: "bookmarklet", id: "bookmarklet", title: "Drag this link to your bookmarks bar" }, "Save to Longjing");
    replaceChildren(
      root,
      h("p", { class: "ingest-token" }, h("label", { for: "ingest-token" }, "Admin token"), this.token),
      this.drop,
      this.results,
      h(
        "p",
        { class: "ingest-bookmarklet" },
        this.bookmarklet,
        h("span", { class: "ingest-note" }, " — drag it to your bookmarks bar; on any page it saves the page as you see it. It holds your token, and the server must run with save_from_any_origin.")
      )
    );
    this.onToken();
  }

  onToken() {
    const token = this.token.value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    this.drop.classList.toggle("is-disabled", !token);
    if (token) this.bookmarklet.setAttribute("href", bookmarkletHref(location.href, token));
    else this.bookmarklet.removeAttribute("href");
  }

  onDragOver(e) {
    e.preventDefault();
    this.drop.classList.add("is-over");
  }

  onDrop(e) {
    e.preventDefault();
    this.drop.classList.remove("is-over");
    this.send([...((e.dataTransfer && e.dataTransfer.files) || [])]);
  }

  async send(files) {
    const token = this.token.value.trim();
    if (!token) {
      this.results.append(h("li", { class: "ingest-error" }, "Enter the admin token first."));
      this.token.focus();
      return;
    }
    for (const file of files) {
      const item = h("li", { class: "ingest-pending", dataset: { name: file.name } }, `${file.name}: uploading…`);
      this.results.append(item);
      const r = await uploadFile(file, token);
      item.className = r.ok ? "ingest-ok" : "ingest-error";
      replaceChildren(item, r.ok ? [`${r.name}: added as `, h("a", { href: this.articleHref(r.id), dataset: { nav: "" } }, r.id)] : `${r.name}: ${r.message}`);
    }
    this.fileInput.value = "";
  }
}
