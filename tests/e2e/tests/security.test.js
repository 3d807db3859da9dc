// Hostile markup and URLs in an article (tests/e2e/fixtures/en-2023-hostile-payloads.md:
// <script>, <img onerror>, javascript: links in its title, source, body and
// url) never execute on the page, and no javascript: link exists; the page is
// served with a Content-Security-Policy that forbids inline script.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, apiSearch, BASE } from "./helpers.js";

const Q = "wallabyquartz";

async function assertNothingRan(page) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no payload ran");
  const links = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(links.every((h) => !/^\s*javascript:/i.test(h)), `javascript: link among ${links}`);
  assert.equal((await page.$$("main script, main img[onerror], main svg[onload]")).length, 0);
}

describe("hostile content", () => {
  let browser, page;
  before(async () => {
    browser = await launch();
    page = await browser.page();
  });
  after(async () => browser && browser.close());

  test("the page carries a CSP without inline script, framing or foreign origins", async () => {
    const res = await fetch(BASE);
    const csp = res.headers.get("content-security-policy") || "";
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|\*/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.ok(res.headers.get("referrer-policy"));
  });

  test("results: title, source and snippet show as text and run nothing", async () => {
    const api = await apiSearch({ q: Q });
    assert.equal(api.total, 1);
    assert.equal(api.hits[0].url, "", "the javascript: url was dropped at indexing");
    await open(page, "?q=" + Q);
    const title = await page.$eval("#results .hit-title", (h) => h.textContent);
    assert.ok(title.includes("<script>window.__pwned = 'title'</script>"), title);
    await assertNothingRan(page);
  });

  test("reader: the article runs nothing and has no source link", async () => {
    const api = await apiSearch({ q: Q });
    await open(page, "?article=" + encodeURIComponent(api.hits[0].id));
    await settled(page);
    assert.equal(await page.getAttribute("#reader-view", "data-state"), "article");
    assert.equal(await page.$(".reader-source"), null, "no 'Read at the source' link");
    const body = await page.textContent("#reader-view");
    assert.ok(body.includes("onerror"), "the markup is shown as text");
    await assertNothingRan(page);
    assert.deepEqual(browser.errors, []);
  });
});
