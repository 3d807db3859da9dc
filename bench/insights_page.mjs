// Times the page's Insights view in Chromium against a running server: for
// each selection (a line of the query-string file), the time from the view's
// update to all four panels drawn, as the view records it (data-drawn-ms).
// The first selections are a warm-up and not counted.
//   LONGJING_URL=http://127.0.0.1:PORT/ node bench/insights_page.mjs SELECTIONS [N]
// Prints "insights_page n=… p50_ms=… p90_ms=… max_ms=…" (the bench's wrk_result form).
import { readFileSync } from "node:fs";
import { launch, settled } from "../tests/e2e/tests/helpers.js";

const WARMUP = 3;
const [file, limit = "40"] = process.argv.slice(2);
// Consecutive repeats would not change the selection: dropped.
const selections = readFileSync(file, "utf8").replace(/\n$/, "").split("\n").map((l) => l.trim());
const picked = selections.filter((l, i) => i === 0 || l !== selections[i - 1]).slice(0, Number(limit) + WARMUP);

// Waits until every panel is drawn for the page's current URL; returns the view's timing.
async function drawn(page) {
  await settled(page);
  await page.waitForFunction(() => {
    const root = document.getElementById("insights-view");
    if (root.hidden || root.dataset.state !== "ready") return false;
    const sorted = (p) => [...p].map(([k, v]) => k + "=" + v).sort().join("&");
    return sorted(new URLSearchParams(root.dataset.key)) === sorted(new URLSearchParams(location.search));
  }, null, { timeout: 30000 });
  return Number(await page.getAttribute("#insights-view", "data-drawn-ms"));
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const browser = await launch();
try {
  const page = await browser.page();
  const times = [];
  for (const [i, selection] of picked.entries()) {
    // A selection change inside the page, as a user's click makes one: the
    // page is loaded once and then navigated through its own history API.
    const search = "?view=insights" + (selection ? "&" + selection : "");
    if (i === 0) {
      await page.goto(new URL(search, process.env.LONGJING_URL).href);
    } else {
      await page.evaluate((s) => {
        history.pushState(null, "", s);
        dispatchEvent(new PopStateEvent("popstate"));
      }, search);
    }
    const ms = await drawn(page);
    if (i >= WARMUP) times.push(ms);
  }
  if (browser.errors.length) throw new Error("script errors: " + browser.errors.join("; "));
  times.sort((a, b) => a - b);
  console.log(`insights_page n=${times.length} p50_ms=${quantile(times, 0.5)} p90_ms=${quantile(times, 0.9)} max_ms=${times[times.length - 1]}`);
} finally {
  await browser.close();
}
