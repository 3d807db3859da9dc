// The page's pure pieces, table-driven, run inside Chromium by importing the
// modules the server serves: the snippet sanitiser, mention marking on UTF-16
// offsets, the URL state, and the timeline's buckets.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, BASE } from "./helpers.js";

describe("page modules", () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await browser.page();
    await page.goto(BASE); // the modules are imported from the page's own origin
  });
  after(async () => {
    await browser.close();
  });

  test("snippets: only <mark> becomes markup, everything else is text", async () => {
    const cases = [
      ["plain", "plain", "plain"],
      ["<mark>talent</mark> subsidies", "talent subsidies", "<mark>talent</mark> subsidies"],
      ["a &amp; b &lt;b&gt; &quot;c&quot; &#39;d&#39;", `a & b <b> "c" 'd'`, "a &amp; b &lt;b&gt; \"c\" 'd'"],
      ["<b>bold</b> <mark>x</mark>", "<b>bold</b> x", "&lt;b&gt;bold&lt;/b&gt; <mark>x</mark>"],
      ["<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
      ["<mark><mark>nested</mark></mark>", "nested", "<mark>nested</mark>"],
      ["</mark>stray<mark>open", "strayopen", "stray<mark>open</mark>"],
      ["&lt;mark&gt;not a tag&lt;/mark&gt;", "<mark>not a tag</mark>", "&lt;mark&gt;not a tag&lt;/mark&gt;"],
      ["&amp;lt; stays &amp;lt;", "&lt; stays &lt;", "&amp;lt; stays &amp;lt;"],
      ["杭州<mark>人才</mark>补贴", "杭州人才补贴", "杭州<mark>人才</mark>补贴"],
      ["", "", ""],
    ];
    const results = await page.evaluate(async (cases) => {
      const { snippetFragment } = await import("./dom.js");
      return cases.map(([input]) => {
        const div = document.createElement("div");
        div.append(snippetFragment(input));
        return { text: div.textContent, html: div.innerHTML, tags: [...div.querySelectorAll("*")].map((e) => e.tagName) };
      });
    }, cases);
    results.forEach((r, i) => {
      assert.equal(r.text, cases[i][1], `text of ${JSON.stringify(cases[i][0])}`);
      assert.equal(r.html, cases[i][2], `markup of ${JSON.stringify(cases[i][0])}`);
      assert.ok(r.tags.every((t) => t === "MARK"));
    });
  });

  test("mentions: UTF-16 offsets, paragraphs, overlaps", async () => {
    const body = "Hangzhou and 杭州.\n\n𠀀 DeepSeek in Hangzhou.\n\nNo mentions here.";
    const at = (s, from = 0) => [body.indexOf(s, from), body.indexOf(s, from) + s.length];
    const [h1s, h1e] = at("Hangzhou");
    const [zs, ze] = at("杭州");
    const [ds, de] = at("DeepSeek");
    const [h2s, h2e] = at("Hangzhou", ds);
    const mentions = [
      { facet: "city", id: "hangzhou", start: h2s, end: h2e },
      { facet: "company", id: "deepseek", start: ds, end: de },
      { facet: "city", id: "hangzhou", start: h1s, end: h1e },
      { facet: "city", id: "hangzhou", start: zs, end: ze },
      { facet: "policy", id: "x", start: ds + 1, end: de + 2 }, // overlaps DeepSeek: dropped
      { facet: "policy", id: "y", start: 5, end: 5 }, // empty: dropped
      { facet: "policy", id: "z", start: body.length - 2, end: body.length + 5 }, // past the end: dropped
    ];
    const out = await page.evaluate(async ({ body, mentions }) => {
      const { bodyNodes } = await import("./reader.js");
      const ps = bodyNodes(body, mentions, { city: { hangzhou: "Hangzhou" }, company: { deepseek: "DeepSeek" } }, { city: "City", company: "Company" });
      return ps.map((p) => ({
        text: p.textContent,
        marks: [...p.querySelectorAll("mark")].map((m) => [m.textContent, m.className, m.title]),
        html: p.innerHTML,
      }));
    }, { body, mentions });
    assert.deepEqual(out.map((p) => p.text), ["Hangzhou and 杭州.", "𠀀 DeepSeek in Hangzhou.", "No mentions here."]);
    assert.deepEqual(out[0].marks, [["Hangzhou", "mention mention-city", "City: Hangzhou"], ["杭州", "mention mention-city", "City: Hangzhou"]]);
    assert.deepEqual(out[1].marks, [["DeepSeek", "mention mention-company", "Company: DeepSeek"], ["Hangzhou", "mention mention-city", "City: Hangzhou"]]);
    assert.deepEqual(out[2].marks, []);
    // Text around the marks is kept exactly, the astral character included.
    assert.ok(out[1].html.startsWith("𠀀 <mark"));
  });

  test("a mention across a paragraph break is cut at the break", async () => {
    const body = "one two\n\nthree";
    const out = await page.evaluate(async (body) => {
      const { bodyNodes } = await import("./reader.js");
      return bodyNodes(body, [{ facet: "city", id: "c", start: 4, end: 13 }], {}, {}).map((p) => p.innerHTML);
    }, body);
    assert.equal(out.length, 2);
    assert.match(out[0], /^one <mark[^>]*>two<\/mark>$/);
    assert.match(out[1], /^<mark[^>]*>thre<\/mark>e$/);
  });

  test("URL state: parse and serialise are inverses; defaults stay out", async () => {
    const cases = [
      ["", ""],
      ["?q=talent+subsidies", "?q=talent+subsidies"],
      ["?city=hangzhou&q=x&city=shanghai", "?q=x&city=hangzhou&city=shanghai"],
      ["?q=x&page=1&sort=bogus&per_page=10", "?q=x"],
      ["?year=2024&from=2024-06-01&to=2024-06-30&page=3", "?year=2024&from=2024-06-01&to=2024-06-30&page=3"],
      ["?from=June&to=2024-13-45x", ""],
      ["?article=e2e%2Fa+b.md&q=%E6%9D%AD%E5%B7%9E", "?q=%E6%9D%AD%E5%B7%9E&article=e2e%2Fa+b.md"],
      ["?city=hangzhou&city=hangzhou", "?city=hangzhou"],
      ["?per_page=500", "?per_page=100"],
      ["?duplicates_of=e2e%2Fa.md&q=x", "?q=x&duplicates_of=e2e%2Fa.md"],
    ];
    const out = await page.evaluate(async (cases) => {
      const S = await import("./state.js");
      S.setCatalogue((await (await fetch("api/taxonomy")).json()).facets); // facet names come from the server
      return cases.map(([input]) => {
        const state = S.parse(input);
        return { search: S.toSearch(state), again: S.toSearch(S.parse(S.toSearch(state))), month: S.selectedMonth(state) };
      });
    }, cases);
    out.forEach((r, i) => {
      assert.equal(r.search, cases[i][1], cases[i][0]);
      assert.equal(r.again, r.search);
    });
    assert.equal(out[4].month, "2024-06");
  });

  test("URL state: derived states", async () => {
    const out = await page.evaluate(async () => {
      const S = await import("./state.js");
      S.setCatalogue((await (await fetch("api/taxonomy")).json()).facets); // facet names come from the server
      const base = S.parse("?q=x&city=hangzhou&page=4&article=a.md&sort=oldest");
      return {
        add: S.toSearch(S.withFilter(base, "city", "shanghai", true)),
        remove: S.toSearch(S.withFilter(base, "city", "hangzhou", false)),
        year: S.toSearch(S.withOnlyYear(S.parse("?year=2023&year=2024&from=2024-01-01"), "2025")),
        feb: S.toSearch(S.withMonth(S.parse("?year=2024"), "2024-02")),
        febOld: S.toSearch(S.withMonth(S.parse("?year=2023"), "2023-02")),
        dec: S.toSearch(S.withMonth(S.parse("?year=2024"), "2024-12")),
        cleared: S.toSearch(S.clearedFilters(S.parse("?q=x&city=a&lang=en&from=2024-01-01&sort=newest"))),
        sortDefault: [S.effectiveSort(S.parse("")), S.effectiveSort(S.parse("?q=x")), S.effectiveSort(S.parse("?q=x&sort=oldest"))],
        notMonth: S.selectedMonth(S.parse("?from=2024-06-02&to=2024-06-30")),
        leaveSimilar: S.toSearch(S.withFilter(S.parse("?q=x&duplicates_of=a.md"), "city", "hangzhou", true)),
        pageSimilar: S.toSearch(S.withChanges(S.parse("?q=x&duplicates_of=a.md"), { page: 2 })),
      };
    });
    assert.equal(out.add, "?q=x&city=hangzhou&city=shanghai&sort=oldest", "a new filter goes back to page 1 and closes the article");
    assert.equal(out.remove, "?q=x&sort=oldest");
    assert.equal(out.year, "?year=2025");
    assert.equal(out.feb, "?year=2024&from=2024-02-01&to=2024-02-29");
    assert.equal(out.febOld, "?year=2023&from=2023-02-01&to=2023-02-28");
    assert.equal(out.dec, "?year=2024&from=2024-12-01&to=2024-12-31");
    assert.equal(out.cleared, "?q=x&sort=newest");
    assert.deepEqual(out.sortDefault, ["newest", "relevance", "oldest"]);
    assert.equal(out.notMonth, "");
    assert.equal(out.leaveSimilar, "?q=x&city=hangzhou", "a new filter leaves the list of near-duplicates");
    assert.equal(out.pageSimilar, "?q=x&page=2&duplicates_of=a.md", "paging stays in it");
  });

  test("timeline buckets fill the gaps", async () => {
    const out = await page.evaluate(async () => {
      const T = await import("./timeline.js");
      return {
        years: T.yearBuckets([{ id: "2025", count: 2 }, { id: "2019", count: 1 }, { id: "2023", count: 4 }], ["2023"]),
        none: T.yearBuckets([], []),
        months: T.monthBuckets([{ id: "2024-06", count: 3 }], "2024", "2024-06"),
      };
    });
    assert.deepEqual(out.years.map((b) => [b.id, b.count, b.selected]), [
      ["2019", 1, false], ["2020", 0, false], ["2021", 0, false], ["2022", 0, false], ["2023", 4, true], ["2024", 0, false], ["2025", 2, false],
    ]);
    assert.deepEqual(out.none, []);
    assert.equal(out.months.length, 12);
    assert.deepEqual(out.months[5], { id: "2024-06", label: "Jun", longLabel: "Jun 2024", count: 3, selected: true });
    assert.equal(out.months[0].count, 0);
  });
});
