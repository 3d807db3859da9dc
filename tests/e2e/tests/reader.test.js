// The reader view and the URL as the page's state: opening an article,
// mentions marked from the API's offsets, tags, related articles, the way
// back to the same list, browser back/forward, and reloading a copied link.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, api, apiSearch, shownTotal, hitIds, BASE } from "./helpers.js";

const LIST = "?q=talent+subsidies&city=hangzhou";

async function article(id) {
  const { status, body } = await api("api/articles/" + encodeURIComponent(id));
  assert.equal(status, 200, `article ${id}`);
  return body;
}

describe("reader and history", () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await browser.page();
  });
  after(async () => {
    assert.deepEqual(browser.errors, [], "no script errors");
    await browser.close();
  });

  test("a result opens in the reader, with mentions marked from the API's offsets", async () => {
    await open(page, LIST);
    const list = await apiSearch([["q", "talent subsidies"], ["city", "hangzhou"]]);
    const first = list.hits[0];
    await page.click(`#results .hit[data-id="${first.id}"] .hit-title a`);
    await page.waitForFunction((id) => new URLSearchParams(location.search).get("article") === id, first.id);
    await settled(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("q"), "talent subsidies", "the list's state stays in the URL");
    assert.equal(url.searchParams.get("city"), "hangzhou");

    const a = await article(first.id);
    assert.equal(await page.textContent("#reader-title"), a.title);
    assert.equal(await page.evaluate(() => document.activeElement.id), "reader-title", "focus moves to the article");
    assert.equal(await page.getAttribute("#reader-title", "lang"), a.lang);
    assert.equal(await page.getAttribute(".reader-body", "lang"), a.lang);
    assert.equal(await page.title(), `${a.title} — Longjing`);
    assert.equal(await page.isHidden("#filters"), true);

    const paragraphs = await page.$$eval(".reader-body p", (ps) => ps.map((p) => p.textContent));
    assert.deepEqual(paragraphs, a.body.split(/\n[ \t]*\n\s*/).filter(Boolean));

    const marks = await page.$$eval(".reader-body mark", (ms) =>
      ms.map((m) => ({ text: m.textContent, cls: m.className, facet: m.dataset.facet, id: m.dataset.id })));
    // The page's own rule for overlapping mentions, imported from its module.
    const expected = await page.evaluate(
      async ({ mentions, length }) => (await import("./reader.js")).markableMentions(mentions, length),
      { mentions: a.mentions, length: a.body.length });
    assert.ok(expected.length > 0, "the article mentions taxonomy values");
    assert.equal(marks.length, expected.length);
    marks.forEach((m, i) => {
      const e = expected[i];
      assert.equal(m.text, a.body.slice(e.start, e.end), `mention ${i} covers the API's offsets`);
      assert.equal(m.cls, `mention mention-${e.facet}`);
      assert.equal(m.facet, e.facet);
      assert.equal(m.id, e.id);
    });
  });

  test("the reader shows tags, the source link and related articles", async () => {
    const id = "e2e/en-2024-deepseek-hangzhou-talent.md";
    await open(page, "?article=" + encodeURIComponent(id));
    const a = await article(id);
    assert.equal(await page.getAttribute(".reader-source a", "href"), a.url);
    assert.equal(await page.getAttribute(".reader-source a", "rel"), "noopener noreferrer");
    for (const facet of ["city", "company", "policy"]) {
      const tags = a[facet] || [];
      const chips = await page.$$eval(`.reader-tags a[data-facet="${facet}"]`, (as) =>
        as.map((x) => ({ id: x.dataset.id, href: x.getAttribute("href") })));
      assert.deepEqual(chips.map((c) => c.id), tags.map((t) => t.id), `${facet} tags`);
      for (const c of chips) assert.equal(new URL(c.href, BASE).searchParams.get(facet), c.id);
    }
    assert.ok((a.company || []).some((t) => t.id === "deepseek"), "the API tags DeepSeek");
    const related = await page.$$eval(".related li a", (as) => as.map((x) => decodeURIComponent(new URL(x.href).searchParams.get("article"))));
    assert.deepEqual(related, a.related.map((r) => r.id));

    // A tag leads to the result list filtered by it.
    await page.click('.reader-tags a[data-facet="company"][data-id="deepseek"]');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("article"));
    await settled(page);
    assert.equal(await shownTotal(page), (await apiSearch({ company: "deepseek" })).total);
    assert.equal(await page.isChecked("#fv-company-deepseek"), true);
  });

  test("back to results returns to the same list; browser back and forward work", async () => {
    await open(page, LIST);
    const ids = await hitIds(page);
    const listUrl = page.url();
    const target = ids[1] || ids[0];
    await page.click(`#results .hit[data-id="${target}"] .hit-title a`);
    await page.waitForFunction(() => new URLSearchParams(location.search).has("article"));
    await settled(page);
    const articleUrl = page.url();

    await page.click(".reader-back a");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("article"));
    await settled(page);
    assert.equal(page.url(), listUrl);
    assert.deepEqual(await hitIds(page), ids);
    assert.equal(await page.evaluate(() => document.activeElement.closest(".hit")?.dataset.id), target, "focus returns to the article's link");

    await page.goForward();
    await settled(page);
    assert.equal(page.url(), articleUrl);
    assert.equal(await page.isVisible("#reader-title"), true);
    await page.goBack();
    await settled(page);
    assert.equal(page.url(), listUrl);
    assert.equal(await page.isVisible("#reader-title"), false);

    // Back and forward across filter changes re-render boxes, chips and results from the URL.
    await page.check("#fv-lang-en");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("lang") === "en");
    await settled(page);
    const narrowed = await shownTotal(page);
    await page.goBack();
    await settled(page);
    assert.equal(await page.isChecked("#fv-lang-en"), false);
    assert.deepEqual(await hitIds(page), ids);
    assert.equal(await page.$$eval("#active-chips button", (b) => b.length), 1);
    await page.goForward();
    await settled(page);
    assert.equal(await page.isChecked("#fv-lang-en"), true);
    assert.equal(await shownTotal(page), narrowed);
    assert.equal(await page.inputValue("#q"), "talent subsidies");
  });

  test("a copied link reopens the same view", async () => {
    await open(page, "?q=DeepSeek&lang=en&sort=oldest&page=2&per_page=3");
    const ids = await hitIds(page);
    assert.deepEqual(ids, (await apiSearch({ q: "DeepSeek", lang: "en", sort: "oldest", page: 2, per_page: 3 })).hits.map((h) => h.id));
    const copied = page.url();
    const other = await browser.context.newPage();
    await other.goto(copied);
    await settled(other);
    assert.deepEqual(await hitIds(other), ids);
    assert.equal(await other.inputValue("#q"), "DeepSeek");
    assert.equal(await other.inputValue("#sort"), "oldest");
    assert.equal(await other.isChecked("#fv-lang-en"), true);
    assert.equal(await other.textContent('#pagination [aria-current="page"]'), "Page 2");

    await page.click(`#results .hit[data-id="${ids[0]}"] .hit-title a`);
    await page.waitForFunction(() => new URLSearchParams(location.search).has("article"));
    await settled(page);
    await other.goto(page.url());
    await settled(other);
    assert.equal(await other.textContent("#reader-title"), await page.textContent("#reader-title"));
    await other.reload();
    await settled(other);
    assert.equal(await other.textContent("#reader-title"), await page.textContent("#reader-title"));
    await other.close();
  });

  test("Chinese and French articles carry their language", async () => {
    await open(page, "?article=" + encodeURIComponent("e2e/zh-2022-hangzhou-rencai.md"));
    assert.equal(await page.getAttribute("#reader-title", "lang"), "zh");
    assert.equal(await page.getAttribute(".reader-body", "lang"), "zh");
    const marks = await page.$$eval(".reader-body mark", (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.includes("杭州"), "a Chinese mention is marked");
    const font = await page.$eval(".reader-body", (el) => getComputedStyle(el).fontFamily);
    assert.match(font, /CJK|PingFang|YaHei|Hei/, "a CJK font stack for Chinese");

    await open(page, "?lang=fr");
    const langs = await page.$$eval("#results .hit-title", (h) => h.map((x) => x.getAttribute("lang")));
    assert.ok(langs.length > 0 && langs.every((l) => l === "fr"));
    const titles = await page.$$eval("#results .hit-title", (h) => h.map((x) => x.textContent));
    assert.ok(titles.some((t) => t.includes("Pékin")), "accents survive");
  });

  test("an unknown article shows 'not found' and a way back", async () => {
    await open(page, "?q=DeepSeek&article=" + encodeURIComponent("no/such-article.md"));
    assert.equal(await page.getAttribute("#reader-view", "data-state"), "error");
    assert.match(await page.textContent("#reader-view"), /Article not found/);
    await page.click("#reader-view a[data-back]");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("article"));
    await settled(page);
    assert.equal(new URL(page.url()).searchParams.get("q"), "DeepSeek");
    assert.equal(await shownTotal(page), (await apiSearch({ q: "DeepSeek" })).total);
  });
});
