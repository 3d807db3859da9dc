// Documents on the page: drag-and-drop upload with the token (POST
// /api/files), a PDF hit's "p. N" label, the reader by page with the
// original file, and the "Save to Longjing" bookmarklet's request from
// another origin. Runs a writable server of its own over a fresh corpus.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { launch, settled } from "./helpers.js";

const TOKEN = "e2e-documents-token-0123456789";

// A small PDF, Helvetica text, one string per line; pages: arrays of lines.
function makePdf(pages, title) {
  const objects = [];
  const add = (body) => objects.push(body) && objects.length;
  const esc = (s) => s.replace(/[\\()]/g, (c) => "\\" + c);
  add(""); // catalog
  add(""); // pages
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const kids = [];
  for (const lines of pages) {
    const content = "BT /F1 11 Tf 14 TL 72 740 Td " + lines.map((l) => `(${esc(l)}) '`).join(" ") + " ET";
    const c = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${c} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`));
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => k + " 0 R").join(" ")}] /Count ${kids.length} >>`;
  const info = add(`<< /Title (${esc(title)}) >>`);
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += String(off).padStart(10, "0") + " 00000 n \n";
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

async function startWritable(work) {
  const corpus = join(work, "corpus");
  mkdirSync(join(corpus, "notes"), { recursive: true });
  writeFileSync(join(corpus, "notes", "start.md"), "---\ntitle: Start note\ndate: 2024-01-02\n---\n\nShanghai note.\n");
  const args = ["--port", "0", "--index", join(work, "index"), "--corpus", corpus, "--taxonomy",
    process.env.LONGJING_TAXONOMY, "--web", process.env.LONGJING_WEB, "--save-from-any-origin", "true"];
  const child = spawn(process.env.LONGJING_SERVE, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LONGJING_ADMIN_TOKEN: TOKEN } });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start: " + output)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return {
    url,
    corpus,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}

describe("documents: upload, pages, bookmarklet", () => {
  let work, server, browser, page;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), "longjing-e2e-docs-"));
    server = await startWritable(work);
    browser = await launch();
    page = await browser.page();
  });
  after(async () => {
    if (browser) {
      assert.deepEqual(browser.errors, [], "no script errors");
      await browser.close();
    }
    if (server) await server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test("upload with the token: a PDF is searchable at once, its hit says p. 2", async () => {
    await page.goto(server.url);
    await settled(page);
    await page.click("#ingest summary");
    await page.fill("#ingest-token", TOKEN);
    const pdf = makePdf([["Kudu report on Chengdu", "First page about fabs."], ["Second page: the kudustripe subsidy for BYD."]], "Kudu report");
    await page.setInputFiles("#ingest-files", [
      { name: "Kudu Report.pdf", mimeType: "application/pdf", buffer: pdf },
      { name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") },
    ]);
    await page.waitForSelector("#ingest-results li.ingest-ok");
    await page.waitForSelector("#ingest-results li.ingest-error");
    assert.match(await page.textContent("#ingest-results li.ingest-ok"), /ingested\/kudu-report\.pdf/);
    assert.match(await page.textContent("#ingest-results li.ingest-error"), /tool\.exe: .*unknown format/);
    assert.deepEqual(readdirSync(join(server.corpus, "ingested")), ["kudu-report.pdf"], "the refused file left nothing");

    await page.goto(server.url + "?q=kudustripe");
    await settled(page);
    const label = page.locator('#results .hit[data-id="ingested/kudu-report.pdf"] .hit-page');
    assert.equal(await label.textContent(), "p. 2");
    assert.equal(await label.getAttribute("href"), "api/files/ingested%2Fkudu-report.pdf#page=2");
  });

  test("the reader shows the PDF by page and links the original file", async () => {
    await page.goto(server.url + "?q=kudustripe&article=" + encodeURIComponent("ingested/kudu-report.pdf"));
    await settled(page);
    assert.equal(await page.locator(".reader-page").count(), 2);
    assert.match(await page.textContent("#page-2"), /kudustripe/);
    assert.doesNotMatch(await page.textContent("#page-1"), /kudustripe/);
    const href = await page.getAttribute(".reader-original a", "href");
    const res = await fetch(new URL(href, server.url));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/pdf");
    await page.click('#page-2-label a');
    assert.match(page.url(), /#page-2$/);
    assert.equal(new URL(page.url()).searchParams.get("article"), "ingested/kudu-report.pdf", "the reader stays open");
  });

  test("the bookmarklet posts the tab's url and html from another origin", async () => {
    await page.goto(server.url);
    await settled(page);
    await page.click("#ingest summary");
    await page.fill("#ingest-token", TOKEN);
    const href = await page.getAttribute("#bookmarklet", "href");
    assert.ok(href.startsWith("javascript:"));
    // Another origin: a page served on another port, as a news site would be.
    const site = createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<!doctype html><html lang=en><head><title>Story</title></head><body><nav>Menu</nav>" +
        "<article><h1>Nanjing gnuline plant</h1><p>Nanjing opened the gnuline battery plant with CATL.</p></article></body></html>");
    });
    await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
    const foreign = `http://127.0.0.1:${site.address().port}/news/story.html`;
    const other = await browser.context.newPage();
    await other.goto(foreign);
    const dialog = other.waitForEvent("dialog");
    let request = other.waitForRequest((r) => r.url().endsWith("/api/articles") && r.method() === "POST");
    await other.evaluate(decodeURIComponent(href.slice("javascript:".length)));
    request = await request;
    const sent = JSON.parse(request.postData());
    assert.equal(sent.url, foreign);
    assert.match(sent.html, /gnuline battery plant/);
    assert.equal(request.headers()["authorization"], "Bearer " + TOKEN);
    const d = await dialog;
    assert.match(d.message(), /^Saved to Longjing: ingested\/.*nanjing-gnuline-plant\.html$/);
    await d.dismiss();
    await other.close();
    site.close();
    const found = await (await fetch(server.url + "api/search?q=gnuline")).json();
    assert.equal(found.total, 1);
    assert.equal(found.hits[0].url, foreign);
  });
});
