// The "Edit taxonomy" panel against a writing server of its own (a copy of
// the taxonomy, its own index): sign-in kept in sessionStorage, a refused
// token, the preview of a new value, saving it (articles re-tagged and
// searchable at once), deleting it, the keyboard, and an axe audit of the
// open dialog.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, startServer } from "./helpers.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TOKEN = "e2e-taxonomy-token";

async function searchTotal(base, params) {
  const res = await fetch(new URL("api/search?" + new URLSearchParams(params), base));
  const body = await res.json();
  return { status: res.status, total: body.total };
}

describe("edit taxonomy panel", () => {
  let server;
  let browser;
  let page;
  let dir;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "longjing-e2e-tax-"));
    server = await startServer({ writable: { dir, token: TOKEN } });
    browser = await launch({ bypassCSP: true });
    page = await browser.page();
    page.on("dialog", (d) => d.accept());
  });
  after(async () => {
    assert.deepEqual(browser.errors, [], "no script errors");
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("sign in, preview, save, search, delete", async () => {
    await page.goto(server.url);
    // Opened from the keyboard.
    await page.focus("#taxonomy-open");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#taxonomy-token");
    assert.equal(await page.evaluate(() => document.activeElement.id), "taxonomy-token");

    await page.fill("#taxonomy-token", "wrong");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /not accepted/.test(document.getElementById("taxonomy-status").textContent));
    assert.equal(await page.evaluate(() => sessionStorage.getItem("longjing.adminToken")), null);

    await page.fill("#taxonomy-token", TOKEN);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#taxonomy-values .tax-value");
    assert.equal(await page.evaluate(() => sessionStorage.getItem("longjing.adminToken")), TOKEN);
    assert.equal(await page.evaluate(() => localStorage.length), 0, "the token never reaches localStorage");
    // Without the candidates endpoint (or with none), a quiet note.
    await page.waitForSelector("#taxonomy-candidates li");

    await page.selectOption("#taxonomy-facet", "city");
    await page.click("#taxonomy-add");
    await page.fill("#taxonomy-name", "Guangdong");
    assert.equal(await page.inputValue("#taxonomy-id"), "guangdong");
    await page.fill("#taxonomy-aliases", "广东");
    await page.click("#taxonomy-preview");
    await page.waitForSelector("#taxonomy-preview-count");
    const previewed = Number(await page.getAttribute("#taxonomy-preview-count", "data-articles"));
    assert.ok(previewed >= 1, "the preview finds the articles naming Guangdong");
    assert.match(await page.innerHTML("#taxonomy-preview-result"), /<mark>Guangdong<\/mark>|<mark>广东<\/mark>/);
    assert.equal((await searchTotal(server.url, [["city", "guangdong"]])).status, 400, "not saved yet");

    await page.click("#taxonomy-save");
    await page.waitForFunction(() => /Saved Guangdong/.test(document.getElementById("taxonomy-status").textContent));
    assert.equal((await searchTotal(server.url, [["city", "guangdong"]])).total, previewed);
    const file = JSON.parse(readFileSync(join(dir, "taxonomy.json"), "utf8"));
    assert.ok(file.facets.city.values.some((v) => v.id === "guangdong" && v.aliases.includes("广东")));

    // The dialog passes the audit with the form open.
    await page.fill("#taxonomy-filter", "guangdong");
    await page.click('#taxonomy-values li[data-id="guangdong"] button:text("Edit")');
    await page.waitForSelector("#taxonomy-form");
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(() =>
      window.axe.run(document.getElementById("taxonomy-dialog"), {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
      })
    );
    assert.deepEqual(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);

    await page.click('#taxonomy-values li[data-id="guangdong"] button:text("Delete")');
    await page.waitForFunction(() => /Deleted Guangdong/.test(document.getElementById("taxonomy-status").textContent));
    assert.equal((await searchTotal(server.url, [["city", "guangdong"]])).status, 400);

    // Escape closes the dialog and gives the focus back.
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.getElementById("taxonomy-dialog").open), false);
  });
});
