// The server goes away under an open page: the page says so plainly instead
// of showing stale or empty results. Uses a server of its own, so the other
// tests keep theirs.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, settled, startServer, shownTotal } from "./helpers.js";

describe("server unreachable", () => {
  let browser;
  let server;
  before(async () => {
    browser = await launch();
    server = await startServer();
  });
  after(async () => {
    await server.stop();
    await browser.close();
  });

  test("a search with the server stopped shows a clear error state", async () => {
    const page = await browser.page();
    await page.goto(server.url + "?q=DeepSeek");
    await settled(page);
    assert.ok((await shownTotal(page)) > 0);

    await server.stop();
    await page.fill("#q", "Hangzhou");
    await page.press("#q", "Enter");
    await page.waitForFunction(() => document.getElementById("status").dataset.state === "error");
    assert.equal(await page.textContent("#status"), "Server unreachable");
    const message = await page.textContent("#message");
    assert.match(message, /Can’t reach the Longjing server/);
    assert.equal(await page.$$eval("#results .hit", (h) => h.length), 0, "no stale results");
    assert.ok(await page.$('#message [role="alert"]'));
    assert.ok(await page.$('#message [data-action="retry"]'));

    // Opening an article fails the same way.
    await page.evaluate(() => {
      history.pushState({}, "", "?article=" + encodeURIComponent("e2e/en-2019-hangzhou-talent-subsidies.md"));
      dispatchEvent(new PopStateEvent("popstate"));
    });
    await page.waitForFunction(() => document.getElementById("reader-view").dataset.state === "error");
    assert.match(await page.textContent("#reader-view"), /Can’t reach the Longjing server/);
    assert.deepEqual(browser.errors, [], "no uncaught script errors");
  });
});
