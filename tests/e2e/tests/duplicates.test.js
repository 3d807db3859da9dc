// Near-duplicates on the page: a syndicated copy collapses into its
// original's hit, whose "Show n similar" link lists both; "Show all results"
// goes back. Fixtures: en-2024-quokkaport-battery-plant*.md.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, apiSearch, shownTotal, hitIds, currentParams } from "./helpers.js";

describe("near-duplicates", () => {
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

  test("a group shows once with 'Show 1 similar', which lists the group", async () => {
    const collapsed = await apiSearch({ q: "quokkaport" });
    const all = await apiSearch({ q: "quokkaport", collapse: "false" });
    assert.equal(all.total, 2, "both fixtures match");
    assert.equal(collapsed.total, 1, "the server groups the copy with its original");
    const best = collapsed.hits[0];
    assert.equal(best.duplicates, 1);

    await open(page, "?q=quokkaport");
    assert.equal(await shownTotal(page), 1);
    assert.deepEqual(await hitIds(page), [best.id]);
    const link = page.locator(`#results a[data-similar="${best.id}"]`);
    assert.match(await link.textContent(), /^Show 1 similar/);

    await link.click();
    await page.waitForFunction(() => new URLSearchParams(location.search).has("duplicates_of"));
    await settled(page);
    const params = currentParams(page);
    assert.equal(params.get("duplicates_of"), best.id);
    assert.equal(params.get("q"), "quokkaport", "the list keeps the search");
    const group = await apiSearch({ q: "quokkaport", duplicates_of: best.id });
    assert.equal(group.total, 2);
    assert.equal(await shownTotal(page), 2);
    assert.deepEqual(await hitIds(page), group.hits.map((h) => h.id));
    assert.equal(await page.locator("#results a[data-similar]").count(), 0, "the list is not collapsed");

    await page.click("#status a.similar-back");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("duplicates_of"));
    await settled(page);
    assert.deepEqual(await hitIds(page), [best.id]);
    // Back in history returns to the list of similar articles.
    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams(location.search).has("duplicates_of"));
    await settled(page);
    assert.equal(await shownTotal(page), 2);
  });
});
