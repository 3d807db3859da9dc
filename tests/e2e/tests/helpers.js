// Shared set-up for the browser tests: Debian's Chromium through
// playwright-core (no browser download), the server's base URL from
// tests/e2e/run, and small helpers to read the page and the API.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, mkdirSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";

export const BASE = process.env.LONGJING_URL;
if (!BASE) throw new Error("LONGJING_URL is not set: run the tests through tests/e2e/run");
export const ARTIFACTS = process.env.E2E_ARTIFACTS || new URL("../artifacts", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// A fresh Chromium with its own user-data dir; close() removes both.
// bypassCSP: let the test inject scripts the page's own policy forbids.
export async function launch({ bypassCSP = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "longjing-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ["--headless"],
    viewport: { width: 1280, height: 900 },
    locale: "en-GB",
    bypassCSP,
  });
  const errors = [];
  context.on("page", (page) => watchErrors(page, errors));
  for (const page of context.pages()) watchErrors(page, errors);
  return {
    context,
    errors,
    async page() {
      const pages = context.pages();
      return pages.length ? pages[0] : context.newPage();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function watchErrors(page, errors) {
  page.on("pageerror", (err) => errors.push(String(err)));
}

// The search API, fetched directly (what the page should show).
export async function api(path) {
  const res = await fetch(new URL(path, BASE));
  return { status: res.status, body: await res.json() };
}

export async function apiSearch(params) {
  const query = new URLSearchParams(params).toString();
  const { status, body } = await api("api/search" + (query ? "?" + query : ""));
  if (status !== 200) throw new Error(`api/search?${query}: ${status} ${JSON.stringify(body)}`);
  return body;
}

// Waits until the page shows what its URL asks for: the reader's article
// (or its error), or the outcome of the search in the query string (the
// page marks #status with the parameters of the search it rendered).
export async function settled(page) {
  await page.waitForFunction(() => {
    if (document.body.classList.contains("is-loading")) return false;
    const params = new URLSearchParams(location.search);
    const article = params.get("article");
    if (article) {
      const reader = document.getElementById("reader-view");
      return reader.dataset.id === article && ["article", "error"].includes(reader.dataset.state);
    }
    params.delete("article");
    // The Insights view's own choices are not part of the search.
    for (const key of ["view", "rows", "cols", "tfacet", "interval", "cfacet", "ca", "cb"]) params.delete(key);
    const status = document.getElementById("status");
    if (status.dataset.key === undefined || !status.dataset.state) return false;
    const sorted = (p) => JSON.stringify([...p].sort((a, b) => (a[0] + "=" + a[1]).localeCompare(b[0] + "=" + b[1])));
    return sorted(new URLSearchParams(status.dataset.key)) === sorted(params);
  });
}

// Opens the page at `search` ("?q=…") and waits for its results.
export async function open(page, search = "") {
  await page.goto(new URL(search, BASE).href);
  await settled(page);
}

// Total the page shows (from data-total, which mirrors the text).
export async function shownTotal(page) {
  return Number(await page.getAttribute("#status", "data-total"));
}

// {facet: {id: count}} as shown in the sidebar.
export async function shownFacets(page) {
  return page.$$eval("#facets fieldset.facet", (sets) => {
    const out = {};
    for (const set of sets) {
      if (set.hidden) continue;
      const values = {};
      for (const li of set.querySelectorAll(".facet-value")) {
        values[li.querySelector("input").value] = Number(li.querySelector(".facet-count").dataset.count);
      }
      out[set.dataset.facet] = values;
    }
    return out;
  });
}

// The API's facets as {facet: {id: count}}, limited to those the page shows
// (the sidebar shows the top values until "show more").
export function facetCounts(apiFacets, facets = ["city", "company", "policy", "lang", "year"]) {
  const out = {};
  for (const f of facets) {
    if (!apiFacets[f] || !apiFacets[f].length) continue;
    out[f] = Object.fromEntries(apiFacets[f].map((v) => [v.id, v.count]));
  }
  return out;
}

// Expands every "show more" so that all facet values are in the DOM.
export async function expandAllFacets(page) {
  for (const button of await page.$$('#facets .facet-more[aria-expanded="false"]:not([hidden])')) {
    await button.click();
  }
}

export async function hitIds(page) {
  return page.$$eval("#results .hit", (items) => items.map((li) => li.dataset.id));
}

export function currentParams(page) {
  return new URL(page.url()).searchParams;
}

// Starts a server of our own over the test index (for the test that stops it).
// With `writable` ({dir, token}): a writing server over an index of its own in
// dir (built from the test corpus at startup) with a copy of the taxonomy
// there, and the admin token set.
export async function startServer({ writable = null } = {}) {
  const bin = process.env.LONGJING_SERVE;
  const args = ["--port", "0", "--corpus", process.env.LONGJING_CORPUS, "--web", process.env.LONGJING_WEB];
  const env = { ...process.env };
  if (writable) {
    copyFileSync(process.env.LONGJING_TAXONOMY, join(writable.dir, "taxonomy.json"));
    args.push("--index", join(writable.dir, "index"), "--taxonomy", join(writable.dir, "taxonomy.json"));
    env.LONGJING_ADMIN_TOKEN = writable.token;
  } else {
    args.push("--no-watch", "--index", process.env.LONGJING_INDEX, "--taxonomy", process.env.LONGJING_TAXONOMY);
  }
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start: " + output)), 60000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
