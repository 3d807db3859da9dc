// Looks and access: landmarks and labels, a 375 px phone (filters behind a
// toggle, no sideways scrolling), dark mode, everything served locally, and
// screenshots kept in tests/e2e/artifacts/ for a person to look at.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync, statSync } from "node:fs";
import { launch, open, settled, ARTIFACTS, BASE } from "./helpers.js";

const LIST = "?q=talent+subsidies&city=hangzhou";

function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function shot(page, name) {
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  assert.ok(existsSync(path) && statSync(path).size > 1000, `${name} written`);
}

describe("layout and accessibility", () => {
  let browser;
  let page;
  const requests = [];
  before(async () => {
    browser = await launch();
    page = await browser.page();
    browser.context.on("request", (r) => requests.push(r.url()));
  });
  after(async () => {
    assert.deepEqual(browser.errors, [], "no script errors");
    await browser.close();
  });

  test("landmarks, labels and a live result count", async () => {
    await open(page, LIST);
    for (const selector of ["header", "main", "aside", 'form[role="search"]']) {
      assert.equal(await page.$$eval(selector, (els) => els.length), 1, selector);
    }
    // Two navigation landmarks (the view tabs, the pagination): each needs its own label.
    const navLabels = await page.$$eval("nav", (els) => els.map((e) => e.getAttribute("aria-label") || ""));
    assert.deepEqual(navLabels, ["View", "Pagination"], "labelled nav landmarks");
    assert.equal(await page.getAttribute("#status", "aria-live"), "polite");
    assert.equal(await page.$eval("#q", (q) => q.labels.length), 1, "the search box has a label");
    const unlabelled = await page.$$eval("input, select", (els) =>
      els.filter((e) => e.type !== "hidden" && !e.labels?.length && !e.getAttribute("aria-label")).map((e) => e.outerHTML));
    assert.deepEqual(unlabelled, []);
    const boxes = await page.$$eval("#facets input[type=checkbox]", (els) => els.map((e) => e.labels[0]?.textContent.trim()));
    assert.ok(boxes.length > 0 && boxes.every(Boolean), "every facet box has a label");
    assert.equal(await page.$$eval("#facets legend", (l) => l.map((x) => x.textContent).slice(0, 3).join()), "City,Company,Policy type",
      "facet names and labels come from the server's taxonomy");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    // Tab order: skip link, brand, search box, then the filters before the results.
    await page.focus("#q");
    const order = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
    }
    assert.ok(order.some((x) => String(x).startsWith("fv-")), "the facet boxes are reached by Tab: " + order);
  });

  test("the feed link follows the current search", async () => {
    await open(page, LIST + "&sort=oldest&page=2");
    const href = await page.getAttribute("#feed-link", "href");
    const feed = new URL(href, BASE);
    assert.equal(feed.pathname, "/api/feed.atom");
    assert.equal(feed.searchParams.get("q"), "talent subsidies");
    assert.equal(feed.searchParams.get("city"), "hangzhou");
    assert.equal(feed.searchParams.has("page"), false);
    const res = await fetch(feed);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type"), /atom/);
    assert.equal(await page.getAttribute("link[rel=alternate]", "href"), href);
  });

  test("desktop, light and dark", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    await open(page, LIST);
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.ok(luminance(light) > 200, "light background " + light);
    assert.equal(await page.isVisible("#filters"), true);
    assert.equal(await page.isVisible("#filters-toggle"), false);
    await shot(page, "desktop-1280-light.png");
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.ok(luminance(dark) < 60, "dark background " + dark);
    await shot(page, "desktop-1280-dark.png");
    await open(page, "?article=" + encodeURIComponent("e2e/en-2019-hangzhou-talent-subsidies.md"));
    await shot(page, "reader-1280-dark.png");
    await page.emulateMedia({ colorScheme: "light" });
    await shot(page, "reader-1280-light.png");
  });

  test("a 375 px phone: filters behind a toggle, nothing wider than the screen", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.emulateMedia({ colorScheme: "light" });
    await open(page, LIST);
    const toggle = page.locator("#filters-toggle");
    assert.equal(await toggle.isVisible(), true);
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.match(await toggle.textContent(), /Filters\s*1/, "the toggle counts the active filters");
    assert.equal(await page.isVisible("#filters"), false);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no horizontal scrolling (${width}px)`);
    await shot(page, "phone-375-light.png");

    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.equal(await page.isVisible("#filters"), true);
    assert.equal(await page.isVisible("#fv-city-hangzhou"), true);
    await shot(page, "phone-375-filters-light.png");
    await page.click("#show-results");
    assert.equal(await page.isVisible("#filters"), false);

    await page.emulateMedia({ colorScheme: "dark" });
    await shot(page, "phone-375-dark.png");
    await open(page, "?article=" + encodeURIComponent("e2e/zh-2022-hangzhou-rencai.md"));
    const readerWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(readerWidth <= 375, `reader fits (${readerWidth}px)`);
    await shot(page, "phone-375-reader-zh-dark.png");
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("everything the page loads comes from its own server", async () => {
    await open(page, LIST);
    await settled(page);
    const origin = new URL(BASE).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("about:"));
    assert.deepEqual(foreign, []);
    assert.ok(requests.some((u) => u.includes("/api/taxonomy")), "facet names come from /api/taxonomy");
  });
});
