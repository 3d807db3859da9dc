// The Insights view: matrix, trends, significant lists and compare drawn for
// the current selection; a matrix cell filters the results; the URL restores
// the view; a 375 px phone and dark mode (screenshots in artifacts/). The
// time from a selection change to all panels drawn is logged, not asserted.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync, statSync, appendFileSync } from "node:fs";
import { launch, open, settled, api, shownTotal, currentParams, ARTIFACTS } from "./helpers.js";

// Waits until every panel is drawn for the page's current URL.
async function drawn(page) {
  await settled(page);
  await page.waitForFunction(() => {
    const root = document.getElementById("insights-view");
    if (root.hidden || root.dataset.state !== "ready") return false;
    const sorted = (p) => [...p].map(([k, v]) => k + "=" + v).filter((kv) => !kv.startsWith("article=")).sort().join("&");
    return sorted(new URLSearchParams(root.dataset.key)) === sorted(new URLSearchParams(location.search));
  });
  return Number(await page.getAttribute("#insights-view", "data-drawn-ms"));
}

function logTiming(what, ms) {
  const line = `insights ${what}: all panels drawn in ${ms} ms`;
  console.log("# " + line);
  appendFileSync(join(ARTIFACTS, "insights-timing.txt"), line + "\n");
}

async function shot(page, name) {
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  assert.ok(existsSync(path) && statSync(path).size > 1000, `${name} written`);
}

describe("insights view", () => {
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

  test("renders the matrix, trends, significant lists and compare for the selection", async () => {
    await open(page, "?view=insights");
    logTiming("landing", await drawn(page));
    const pivot = (await api("api/pivot?rows=city&cols=policy&rows_size=12&cols_size=10")).body;
    const cells = await page.$$eval("#ins-matrix .heat-cell", (els) => els.map((e) => Number(e.dataset.count)));
    assert.deepEqual(cells, pivot.cells.flat(), "the heatmap shows the API's cells");
    assert.equal(await page.$$eval("#ins-matrix table tbody tr", (r) => r.length), pivot.rows.values.length, "a table behind the heatmap");
    assert.ok(await page.$$eval("#ins-trends .trend", (t) => t.length) >= 2, "small multiples");
    assert.match(await page.textContent("#ins-trends .ins-note"), /Articles per year/);
    assert.equal(await page.$$eval("#ins-significant .sig-list", (l) => l.map((x) => x.dataset.facet).join()), "city,company,policy,terms");
    assert.ok(await page.isVisible("#ins-compare .cmp-legend"), "compare shows two selections");
    assert.ok(await page.$$eval("#ins-compare polyline.line", (l) => l.length) === 2, "timelines overlaid");
    assert.equal(await page.isVisible("#results"), false, "the result list steps aside");

    // A selection change redraws every panel for it.
    await page.click("#fv-lang-en");
    const ms = await drawn(page);
    logTiming("after a filter click", ms);
    const total = (await api("api/pivot?rows=city&cols=policy&lang=en")).body.total;
    assert.match(await page.textContent("#ins-matrix .ins-note"), new RegExp(`^${total} articles`));
  });

  test("clicking a matrix cell selects both values and shows the results", async () => {
    await open(page, "?view=insights");
    await drawn(page);
    const cell = page.locator("#ins-matrix .heat-cell:not(.is-zero)").first();
    const count = Number(await cell.getAttribute("data-count"));
    const row = Number(await cell.getAttribute("data-row"));
    const col = Number(await cell.getAttribute("data-col"));
    const pivot = (await api("api/pivot?rows=city&cols=policy&rows_size=12&cols_size=10")).body;
    await cell.click();
    await settled(page);
    const params = currentParams(page);
    assert.deepEqual(params.getAll("city"), [pivot.rows.values[row].id]);
    assert.deepEqual(params.getAll("policy"), [pivot.cols.values[col].id]);
    assert.equal(params.get("view"), null, "back to the results");
    assert.equal(await shownTotal(page), count, "the results are the cell's articles");
    assert.equal(await page.isVisible("#results"), true);
  });

  test("the URL restores the view and its choices", async () => {
    await open(page, "?view=insights&rows=company&cols=city&interval=month&tfacet=policy&cfacet=city&ca=hangzhou&cb=shenzhen");
    await drawn(page);
    assert.equal(await page.inputValue("#ins-rows"), "company");
    assert.equal(await page.inputValue("#ins-columns"), "city");
    assert.equal(await page.inputValue("#ins-per"), "month");
    assert.equal(await page.inputValue("#ins-values"), "policy");
    assert.equal(await page.inputValue("#ins-A"), "hangzhou");
    assert.equal(await page.inputValue("#ins-B"), "shenzhen");
    // Each side counts what the selection narrowed to that value counts.
    const side = async (city) => (await api(`api/search?city=${city}&per_page=1`)).body.total;
    const [ta, tb] = [await side("hangzhou"), await side("shenzhen")];
    assert.match(await page.textContent("#ins-compare .cmp-legend"), new RegExp(`A: Hangzhou \\(${ta}\\).*B: Shenzhen \\(${tb}\\)`));
    // Choosing an axis is a navigation too: back restores the previous one.
    await page.selectOption("#ins-rows", "policy");
    await drawn(page);
    assert.equal(currentParams(page).get("rows"), "policy");
    await page.goBack();
    await drawn(page);
    assert.equal(await page.inputValue("#ins-rows"), "company");
    // A reload lands on the same view.
    await page.reload();
    await drawn(page);
    assert.equal(await page.isVisible("#insights-view"), true);
    assert.equal(await page.getAttribute("#view-insights", "aria-current"), "page");
  });

  test("375 px and dark mode", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.emulateMedia({ colorScheme: "light" });
    await open(page, "?view=insights");
    await drawn(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no horizontal page scrolling (${width}px)`);
    await shot(page, "insights-375-light.png");
    await page.emulateMedia({ colorScheme: "dark" });
    const text = await page.$eval(".heat-label", (e) => getComputedStyle(e).fill);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(text, bg, "labels differ from the background in dark mode");
    await shot(page, "insights-375-dark.png");
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, "insights-1280-dark.png");
    await page.emulateMedia({ colorScheme: "light" });
  });
});
