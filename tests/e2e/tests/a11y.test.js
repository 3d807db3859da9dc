// Accessibility audit: axe-core (pinned in package.json, injected from
// node_modules, so nothing is fetched at test time) checks WCAG 2.1 A and AA
// on the main views, results, filters and reader, in light and dark mode at
// 1280 and 375 px. Any violation fails, listing the rule and the elements.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, open, apiSearch } from "./helpers.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const LIST = "?q=talent+subsidies&city=hangzhou";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// Runs axe on the page as it is now; a readable list of what failed.
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS
  );
  return found.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`).join("\n")
  );
}

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  let browser;
  let page;
  let articleId;
  before(async () => {
    // axe is injected as a script, which the page's Content-Security-Policy
    // rightly refuses; the audit is of the markup (security.test.js checks
    // the policy itself).
    browser = await launch({ bypassCSP: true });
    page = await browser.page();
    articleId = (await apiSearch([["q", "talent subsidies"], ["city", "hangzhou"]])).hits[0].id;
  });
  after(async () => {
    assert.deepEqual(browser.errors, [], "no script errors");
    await browser.close();
  });

  for (const scheme of ["light", "dark"]) {
    for (const width of [1280, 375]) {
      test(`results, filters and reader: ${scheme}, ${width} px`, async () => {
        await page.setViewportSize({ width, height: width > 400 ? 900 : 812 });
        await page.emulateMedia({ colorScheme: scheme });

        await open(page, LIST);
        assert.deepEqual(await violations(page), [], "results view");

        // The filters: on a phone behind their toggle; every list expanded.
        if (await page.isVisible("#filters-toggle")) await page.click("#filters-toggle");
        for (const more of await page.$$('#facets .facet-more[aria-expanded="false"]:not([hidden])')) await more.click();
        assert.equal(await page.isVisible("#filters"), true);
        assert.deepEqual(await violations(page), [], "filters");

        await open(page, `${LIST}&article=${encodeURIComponent(articleId)}`);
        assert.deepEqual(await violations(page), [], "reader view");
      });
    }
  }
});
