// Searching and narrowing: the search box, facets (counts compared with the
// API's own answer), chips, sort, pagination, the timeline, "did you mean",
// escaping, and a query the server rejects.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, open, settled, apiSearch, api, shownTotal, shownFacets, facetCounts, expandAllFacets, hitIds,
  currentParams,
} from "./helpers.js";

const Q = "talent subsidies";

describe("search", () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await browser.page();
    page.on("dialog", (dialog) => {
      browser.errors.push("unexpected dialog: " + dialog.message());
      dialog.dismiss();
    });
  });
  after(async () => {
    assert.deepEqual(browser.errors, [], "no script errors or dialogs");
    await browser.close();
  });

  test("opens with the search box focused and every article listed", async () => {
    await open(page, "");
    assert.equal(await page.evaluate(() => document.activeElement.id), "q");
    const all = await apiSearch({});
    assert.ok(all.total > 10, "the test corpus fills more than one page");
    assert.equal(await shownTotal(page), all.total);
    assert.deepEqual(await hitIds(page), all.hits.map((h) => h.id));
    // Without a query the server sorts newest first and relevance makes no sense.
    assert.equal(await page.inputValue("#sort"), "newest");
    assert.equal(await page.$eval('#sort option[value="relevance"]', (o) => o.disabled), true);
  });

  test("'/' focuses the search box; typing searches as you type", async () => {
    await open(page, "");
    await page.click(".status");
    assert.notEqual(await page.evaluate(() => document.activeElement.id), "q");
    const before = await page.evaluate(() => history.length);
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "q");
    await page.keyboard.type(Q, { delay: 40 });
    await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, Q);
    await settled(page);
    const expected = await apiSearch({ q: Q });
    assert.equal(await shownTotal(page), expected.total);
    assert.deepEqual(await hitIds(page), expected.hits.map((h) => h.id));
    assert.match(await page.textContent("#status"), /talent subsidies/);
    assert.match(await page.textContent("#status"), /\d+ ms/);
    assert.ok((await page.$$("#results .hit-snippet mark")).length > 0, "snippets keep the server's highlighting");
    // Typing one query made one history entry, not one per keystroke.
    assert.equal(await page.evaluate(() => history.length), before + 1);
  });

  test("Enter searches at once", async () => {
    await open(page, "");
    await page.fill("#q", "DeepSeek");
    await page.press("#q", "Enter");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "DeepSeek");
    await settled(page);
    assert.equal(await shownTotal(page), (await apiSearch({ q: "DeepSeek" })).total);
  });

  test("facet counts match the API, and ticking and unticking filters follows it (OR within, AND across)", async () => {
    await open(page, "?q=" + encodeURIComponent(Q));
    const plain = await apiSearch({ q: Q });
    await expandAllFacets(page);
    assert.deepEqual(await shownFacets(page), facetCounts(plain.facets));

    await page.check("#fv-city-hangzhou");
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll("city").join() === "hangzhou");
    await settled(page);
    assert.equal(await page.evaluate(() => document.activeElement.id), "fv-city-hangzhou", "focus stays on the box");
    const hz = await apiSearch([["q", Q], ["city", "hangzhou"]]);
    assert.ok(hz.total <= plain.total, "a city never widens the search");
    assert.equal(await shownTotal(page), hz.total);
    assert.deepEqual(await hitIds(page), hz.hits.map((h) => h.id));
    await expandAllFacets(page);
    const shown = await shownFacets(page);
    assert.deepEqual(shown, facetCounts(hz.facets));
    // Disjunctive: the city counts ignore the city selection itself.
    assert.deepEqual(shown.city, facetCounts(plain.facets).city);

    await page.check("#fv-city-shanghai");
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll("city").join() === "hangzhou,shanghai");
    await settled(page);
    const either = await apiSearch([["q", Q], ["city", "hangzhou"], ["city", "shanghai"]]);
    assert.ok(either.total >= hz.total, "OR within a facet widens");
    assert.equal(await shownTotal(page), either.total);

    await page.check("#fv-lang-en");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("lang") === "en");
    await settled(page);
    const both = await apiSearch([["q", Q], ["city", "hangzhou"], ["city", "shanghai"], ["lang", "en"]]);
    assert.equal(await shownTotal(page), both.total);
    await expandAllFacets(page);
    const shownBoth = await shownFacets(page);
    assert.deepEqual(shownBoth, facetCounts(both.facets));
    // The city counts now are those of the search narrowed by language alone:
    // AND across facets, each facet's own selection left out.
    const cityOnly = await apiSearch([["q", Q], ["lang", "en"]]);
    assert.deepEqual(shownBoth.city, facetCounts(cityOnly.facets).city);

    await page.uncheck("#fv-city-hangzhou");
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll("city").join() === "shanghai");
    await settled(page);
    const sh = await apiSearch([["q", Q], ["city", "shanghai"], ["lang", "en"]]);
    assert.equal(await shownTotal(page), sh.total);
    assert.equal(await page.isChecked("#fv-city-hangzhou"), false);
    assert.equal(await page.isChecked("#fv-city-shanghai"), true);
  });

  test("selected filters show as removable chips, with clear all", async () => {
    await open(page, "?q=" + encodeURIComponent(Q) + "&city=hangzhou&lang=en");
    const chips = await page.$$eval("#active-chips button", (bs) => bs.map((b) => b.textContent));
    assert.equal(chips.length, 2);
    assert.match(chips[0], /City\s*Hangzhou/);
    assert.match(chips[1], /Language\s*English/);
    await page.click('#active-chips button[data-remove="city:hangzhou"]');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("city"));
    await settled(page);
    assert.equal(await shownTotal(page), (await apiSearch([["q", Q], ["lang", "en"]])).total);
    assert.equal(await page.isChecked("#fv-lang-en"), true);
    await page.click("#clear-all");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("lang"));
    await settled(page);
    assert.equal(await page.isHidden("#active-filters"), true);
    assert.equal(new URL(page.url()).search, "?q=" + new URLSearchParams({ q: Q }).toString().slice(2));
    assert.equal(await shownTotal(page), (await apiSearch({ q: Q })).total);
  });

  test("a long facet list shows its top values, 'show more' and a filter box", async () => {
    await open(page, "");
    const all = await apiSearch({});
    assert.ok(all.facets.company.length > 8, "many companies in the test corpus");
    const shown = await page.$$eval('[data-facet="company"] .facet-value', (li) => li.length);
    assert.ok(shown < all.facets.company.length);
    const first = await page.$$eval('[data-facet="company"] .facet-value input', (i) => i.map((x) => x.value));
    assert.deepEqual(first, all.facets.company.slice(0, first.length).map((v) => v.id), "top values first");
    const more = page.locator('[data-facet="company"] .facet-more');
    assert.equal(await more.getAttribute("aria-expanded"), "false");
    await more.click();
    assert.equal(await more.getAttribute("aria-expanded"), "true");
    assert.equal(await page.$$eval('[data-facet="company"] .facet-value', (li) => li.length), all.facets.company.length);
    await more.click();

    await page.fill('[data-facet="company"] .facet-filter', "uni");
    const names = await page.$$eval('[data-facet="company"] .facet-name', (s) => s.map((x) => x.textContent));
    const expected = all.facets.company.filter((v) => /uni/i.test(v.name) || /uni/i.test(v.id)).map((v) => v.name);
    assert.ok(names.includes("Unitree Robotics"));
    assert.deepEqual(names, expected);
    await page.fill('[data-facet="company"] .facet-filter', "");
  });

  test("clicking an article's tag chip adds that filter", async () => {
    await open(page, "");
    const all = await apiSearch({});
    const hit = all.hits.find((h) => (h.company || []).length);
    assert.ok(hit, "the API's hits carry their company tags");
    const tag = hit.company[0];
    const chip = `#results .hit[data-id="${hit.id}"] button[data-facet="company"][data-id="${tag.id}"]`;
    assert.equal((await page.textContent(chip)).trim(), tag.name);
    await page.click(chip);
    await page.waitForFunction((id) => new URLSearchParams(location.search).get("company") === id, tag.id);
    await settled(page);
    const narrowed = await apiSearch({ company: tag.id });
    assert.equal(await shownTotal(page), narrowed.total);
    assert.equal(await page.isChecked(`#fv-company-${tag.id}`), true);
    assert.equal(await page.getAttribute(chip.replace(`.hit[data-id="${hit.id}"] `, ".hit "), "aria-pressed"), "true");
    // City and policy chips are there too, coloured by facet.
    for (const facet of ["city", "policy"]) {
      const withTag = narrowed.hits.find((h) => (h[facet] || []).length);
      if (withTag) assert.ok(await page.$(`#results button.chip-${facet}[data-facet="${facet}"]`), `${facet} chips`);
    }
  });

  test("sort: relevance, newest, oldest", async () => {
    await open(page, "?q=" + encodeURIComponent(Q));
    assert.equal(await page.inputValue("#sort"), "relevance");
    for (const sort of ["oldest", "newest", "relevance"]) {
      await page.selectOption("#sort", sort);
      await page.waitForFunction((s) => new URLSearchParams(location.search).get("sort") === s, sort);
      await settled(page);
      assert.deepEqual(await hitIds(page), (await apiSearch({ q: Q, sort })).hits.map((h) => h.id), sort);
    }
    const dates = (await apiSearch({ sort: "oldest" })).hits.map((h) => h.date).filter(Boolean);
    assert.deepEqual(dates, [...dates].sort(), "the API's oldest-first is by date");
  });

  test("pagination", async () => {
    await open(page, "");
    const all = await apiSearch({});
    const last = Math.ceil(all.total / 10);
    assert.equal(await page.textContent('#pagination [aria-current="page"]'), "Page 1");
    await page.click('#pagination a[data-page="2"]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get("page") === "2");
    await settled(page);
    assert.deepEqual(await hitIds(page), (await apiSearch({ page: 2 })).hits.map((h) => h.id));
    assert.equal(await page.textContent('#pagination [aria-current="page"]'), "Page 2");
    assert.equal(await page.evaluate(() => document.activeElement.id), "results-title", "focus moves to the results");
    if (last === 2) assert.equal(await page.getAttribute("#pagination .page-next", "aria-disabled"), "true");
    await page.click("#pagination a.page-prev");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("page"));
    await settled(page);
    assert.deepEqual(await hitIds(page), all.hits.map((h) => h.id));
  });

  test("timeline: a year bar selects the year, then a month bar sets from/to", async () => {
    await open(page, "");
    const all = await apiSearch({});
    const bars = await page.$$eval("#timeline .bar", (g) => g.map((b) => b.dataset.id));
    const years = all.facets.year.map((v) => Number(v.id));
    assert.equal(bars[0], String(Math.min(...years)));
    assert.equal(bars[bars.length - 1], String(Math.max(...years)));
    const y2024 = all.facets.year.find((v) => v.id === "2024");
    assert.match(await page.getAttribute('#timeline .bar[data-id="2024"]', "aria-label"), new RegExp(`^2024: ${y2024.count} article`));

    await page.click('#timeline .bar[data-id="2024"]');
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll("year").join() === "2024");
    await settled(page);
    const year = await apiSearch({ year: "2024" });
    assert.equal(await shownTotal(page), year.total);
    assert.ok(Array.isArray(year.facets.month), "the API gives months for one selected year");
    assert.match(await page.textContent("#timeline-caption"), /month/i);
    const months = await page.$$eval("#timeline .bar", (g) => g.map((b) => b.dataset.id));
    assert.equal(months.length, 12);
    assert.equal(months[0], "2024-01");
    const busy = year.facets.month.find((m) => m.count > 0);
    assert.match(await page.getAttribute(`#timeline .bar[data-id="${busy.id}"]`, "aria-label"), new RegExp(`: ${busy.count} article`));

    // Keyboard: the bars are one tab stop; arrows move, Enter picks.
    await page.focus(`#timeline .bar[data-id="2024-01"]`);
    const index = Number(busy.id.slice(5)) - 1;
    for (let i = 0; i < index; i++) await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), busy.id);
    await page.keyboard.press("Enter");
    const [from, to] = [busy.id + "-01", busy.id + "-" + new Date(Date.UTC(2024, index + 1, 0)).getUTCDate()];
    await page.waitForFunction(([f, t]) => {
      const p = new URLSearchParams(location.search);
      return p.get("from") === f && p.get("to") === t;
    }, [from, to]);
    await settled(page);
    const month = await apiSearch({ year: "2024", from, to });
    // The bar counts articles; the list shows near-duplicates once (docs/duplicates.md).
    assert.equal((await apiSearch({ year: "2024", from, to, collapse: "false" })).total, busy.count);
    assert.ok(month.total <= busy.count);
    assert.equal(await shownTotal(page), month.total);
    assert.match(await page.textContent('#active-chips [data-remove="dates"]'), /Date\s*\w{3} 2024/);

    await page.click("#timeline-up");
    await page.waitForFunction(() => !location.search.includes("year") && !location.search.includes("from"));
    await settled(page);
    assert.equal(await shownTotal(page), all.total);
  });

  test("'did you mean' offers the server's correction", async () => {
    const misspelt = "hangzhuo";
    const answer = await apiSearch({ q: misspelt });
    if (!answer.corrected_q) return; // the index has no correction to offer for this word
    await open(page, "?q=" + misspelt);
    assert.equal(await page.isVisible("#did-you-mean"), true);
    assert.equal(await page.textContent("#did-you-mean a"), answer.corrected_q);
    await page.click("#did-you-mean a");
    await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, answer.corrected_q);
    await settled(page);
    assert.equal(await shownTotal(page), (await apiSearch({ q: answer.corrected_q })).total);
    assert.equal(await page.inputValue("#q"), answer.corrected_q);
  });

  test("no matches: a clear empty state", async () => {
    await open(page, "?q=zzzqqqxxx&city=hangzhou");
    assert.equal(await shownTotal(page), 0);
    assert.match(await page.textContent("#message"), /No articles match/);
    assert.ok(await page.$('#message [data-action="clear-filters"]'));
    assert.equal(await page.isHidden("#pagination"), true);
  });

  test("article text is shown as text, never as markup", async () => {
    await open(page, "?q=Tianjin");
    const title = "Markup like <b>bold</b> & <script>alert(1)</script> stays text in Tianjin";
    const titles = await page.$$eval("#results .hit-title", (h) => h.map((x) => x.textContent));
    assert.ok(titles.includes(title), "the title reads as written");
    assert.equal((await page.$$("#results b, #results script, #results img")).length, 0);
    const hit = (await apiSearch({ q: "Tianjin" })).hits.find((h) => h.title === title);
    const snippet = await page.$eval(`#results .hit[data-id="${hit.id}"] .hit-snippet`, (p) => ({
      text: p.textContent,
      tags: [...p.querySelectorAll("*")].map((e) => e.tagName),
    }));
    const expected = hit.snippet.replace(/<\/?mark>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
    assert.equal(snippet.text, expected);
    assert.ok(snippet.tags.every((t) => t === "MARK"), "only <mark> becomes markup");
  });

  test("a query the server rejects shows the server's message", async () => {
    const rejected = await api("api/search?q=AND");
    assert.equal(rejected.status, 400);
    await open(page, "?q=AND");
    assert.equal(await page.getAttribute("#status", "data-state"), "error");
    const message = await page.textContent("#message");
    assert.match(message, /could not run this search/);
    assert.ok(message.includes(rejected.body.error.message), "the server's own words");
    assert.ok(await page.$('#message [role="alert"], #message .message[role="alert"]'));
    // And the page recovers on the next search.
    await page.fill("#q", Q);
    await page.press("#q", "Enter");
    await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, Q);
    await settled(page);
    assert.equal(await page.getAttribute("#status", "data-state"), "results");
  });

  test("keyboard: Space on a focused facet box filters and keeps focus there", async () => {
    await open(page, "");
    await page.focus("#fv-lang-fr");
    await page.keyboard.press("Space");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("lang") === "fr");
    await settled(page);
    assert.equal(await page.evaluate(() => document.activeElement.id), "fv-lang-fr");
    assert.equal(await shownTotal(page), (await apiSearch({ lang: "fr" })).total);
    assert.equal(currentParams(page).get("lang"), "fr");
    // "/" still jumps to the search box from a checkbox.
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  });
});
