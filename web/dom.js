// Small DOM helpers. Every string reaches the page as a text node or an
// attribute value; nothing here parses HTML.

// h("a", {href: "…", class: "x", onclick: fn}, "text", childNode, [more])
// Attributes: `class`, `dataset`, `on<event>` handlers, booleans (true sets
// an empty attribute, false/null/undefined omits it); children: strings,
// numbers, nodes, arrays of those, null/false (skipped).
export function h(tag, attrs, ...children) {
  const el = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function svg(tag, attrs, ...children) {
  return h("svg:" + tag, attrs, ...children);
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", apos: "'" };

export function decodeEntities(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_, name) => ENTITIES[name]);
}

// The server sends snippets as HTML-escaped text with matches wrapped in
// <mark>…</mark>. Only those two tags become markup: the snippet is split on
// them, every other piece is entity-decoded and inserted as a text node (so a
// stray "<b>" would show as text, never as an element). Returns a fragment.
export function snippetFragment(snippet) {
  const frag = document.createDocumentFragment();
  let mark = null;
  for (const part of String(snippet || "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") {
      if (!mark) {
        mark = document.createElement("mark");
        frag.append(mark);
      }
    } else if (part === "</mark>") {
      mark = null;
    } else if (part) {
      (mark || frag).append(document.createTextNode(decodeEntities(part)));
    }
  }
  return frag;
}

// Text-only equivalent of a snippet (for titles and aria labels).
export function snippetText(snippet) {
  return decodeEntities(String(snippet || "").replace(/<\/?mark>/g, ""));
}
