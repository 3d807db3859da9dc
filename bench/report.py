#!/usr/bin/env python3
"""report.py: turns bench/run's measurements into one table and docs/BENCHMARKS.md.

    report.py --work DIR [--out FILE]

Reads DIR/results.txt (key=value lines written by bench/run), DIR/meta.txt
(the machine and the run) and DIR/commands.txt (every command, in order),
prints the table with PASS/MISS beside the targeted figures, and writes the
Markdown report to --out (DIR/BENCHMARKS.md by default). Exits 1 when a
stage left no numbers (the figure shows as "—"), 0 otherwise: targets
missed are reported, never a failure. Python standard library only.
"""

import argparse
import math
import os
import sys

GB = 1e9
MB = 1e6


def load_kv(path):
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, sep, value = line.rstrip("\n").partition("=")
                if sep:
                    out[key] = value
    return out


class Results:
    def __init__(self, kv):
        self.kv = kv
        self.missing = []

    def num(self, key):
        """The value as a float, or None (remembered as missing)."""
        try:
            v = float(self.kv[key])
            if math.isnan(v):
                raise ValueError
            return v
        except (KeyError, ValueError):
            self.missing.append(key)
            return None

    def opt(self, key):
        """As num, for a stage that may not have run (not counted as missing)."""
        try:
            v = float(self.kv[key])
            return None if math.isnan(v) else v
        except (KeyError, ValueError):
            return None

    def text(self, key, default="—"):
        return self.kv.get(key, default)


def fmt(v, unit="", digits=1):
    if v is None:
        return "—"
    if abs(v) >= 1000 and digits <= 1:
        s = "{:,.0f}".format(v)
    else:
        s = "{:,.{d}f}".format(v, d=digits)
    return s + (" " + unit if unit else "")


def ratio(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def verdict(ok):
    return "—" if ok is None else ("PASS" if ok else "MISS")


def check(v, limit, op):
    if v is None or limit is None:
        return None
    return v <= limit if op == "<=" else v >= limit


class Table:
    def __init__(self):
        self.rows = []

    def section(self, title):
        self.rows.append(("**%s**" % title, "", "", ""))

    def add(self, what, value, target="", ok=None):
        self.rows.append((what, value, target, verdict(ok) if target else ""))

    def markdown(self):
        lines = ["| measure | value | target | |", "| --- | ---: | --- | --- |"]
        lines += ["| %s | %s | %s | %s |" % r for r in self.rows]
        return "\n".join(lines)

    def text(self):
        body = [r for r in self.rows if not r[0].startswith("**")] or [("",) * 4]
        w = [max(len(r[i]) for r in body) for i in range(4)]
        out = []
        for r in self.rows:
            cells = [c.replace("**", "") for c in r]
            if r[0].startswith("**"):
                out.append("")
                out.append(cells[0])
                continue
            out.append("  %-*s  %*s  %-*s  %s" % (w[0], cells[0], w[1], cells[1], w[2], cells[2], cells[3]))
        return "\n".join(out)


def issue13_rows(t, r, n):
    """One row per target of issue 13, PASS or MISS with the figure it is judged on."""
    t.section("0. Issue 13 targets (the size targets are for 100k; smaller runs scale the index)")
    us = r.num("snippets_longjing_us_p50")
    t.add("1. snippet per hit, p50 / p99 CPU (read of the stored data: %s µs; Xapian's snippet: %s µs)"
          % (fmt(r.num("snippets_read_us_p50")), fmt(r.num("snippets_xapian_us_p50"))),
          "%s / %s µs" % (fmt(us), fmt(r.num("snippets_longjing_us_p99"))), "≤ 50 µs", check(us, 50, "<="))
    f50, f99, f8 = r.num("floor_ns_t1_p50_ms"), r.num("floor_ns_t1_p99_ms"), r.num("floor_ns_t8_qps")
    p50, p99 = r.num("server_c1_p50_ms"), r.num("server_c1_p99_ms")
    t.add("2. query c=1 p50 / floor without snippets", "%s / %s (%s)" % (
        fmt(p50, "ms", 2), fmt(f50, "ms", 2), fmt(ratio(p50, f50), "×", 2)), "≤ 1.1 ×",
        check(ratio(p50, f50), 1.1, "<="))
    t.add("2. query c=1 p99 / floor without snippets", "%s / %s (%s)" % (
        fmt(p99, "ms", 2), fmt(f99, "ms", 2), fmt(ratio(p99, f99), "×", 2)), "≤ 1.0 ×",
        check(ratio(p99, f99), 1.0, "<="))
    q8, e8 = r.num("server_c8_qps"), r.num("server_c8_errors")
    ok = None if q8 is None or f8 is None or e8 is None else q8 >= f8 and e8 == 0
    t.add("3. c=8 QPS / floor 8 threads without snippets, errors", "%s / %s (%s), %s" % (
        fmt(q8), fmt(f8), fmt(ratio(q8, f8), "×", 2), fmt(e8, digits=0)), "≥ 1.0 ×, no errors", ok)
    secs, docs = r.num("index_full_seconds"), r.num("index_full_docs")
    dps = ratio(docs, secs)
    t.add("4. full index docs/s", fmt(dps), "≥ 1,000", check(dps, 1000, ">="))
    ibytes = r.num("index_bytes")
    scaled = ibytes * 100000 / n if ibytes is not None and n else None
    floor_db = r.opt("floor_index_shards_db_bytes")
    floor_scaled = floor_db * 100000 / n if floor_db is not None and n else None
    t.add("5. index size at 100k%s (the floor's index, text only: %s)" % (
        "" if n == 100000 else " (scaled from %s)" % fmt(n, digits=0),
        fmt(floor_scaled and floor_scaled / GB, "GB", 2)),
          fmt(scaled and scaled / GB, "GB", 2), "≤ 1.2 GB", check(scaled, 1.2 * GB, "<="))
    tables = [(k, r.opt("index_table_%s_bytes" % k))
              for k in ("position", "postlist", "termlist", "docdata", "spelling")]
    if all(v is not None for _, v in tables):
        t.add("5. index tables: position / postlist / termlist / docdata / spelling",
              " / ".join(fmt(v / MB, "MB") for _, v in tables))
    inc = [r.num("index_%s_seconds" % k) for k in ("change", "add", "remove")]
    worst = max(inc) if all(v is not None for v in inc) else None
    floors = [r.opt("floor_update_%s_seconds" % k) for k in ("change", "add", "remove")]
    floor = max(floors) if all(v is not None for v in floors) else None
    t.add("6. incremental 1 %%, slowest of changed / added / removed (Xapian alone: %s)"
          % fmt(floor, "s", 2), fmt(worst, "s", 2), "≤ 2 s", check(worst, 2, "<="))
    noop = r.num("index_noop_seconds")
    t.add("6. no-op re-run", fmt(noop, "s", 2), "≤ 0.5 s", check(noop, 0.5, "<="))
    for mode, what in (("files", "file drops"), ("post", "POST /api/articles")):
        tts, errs = r.opt("stream_%s_tts_p99_ms" % mode), r.opt("stream_%s_errors" % mode)
        qr, slope = r.opt("stream_%s_query_p99_ratio" % mode), r.opt("stream_%s_rss_slope_mb_per_min" % mode)
        ok = None
        if None not in (tts, errs, qr):
            ok = tts <= 1000 and errs == 0 and qr <= 1.5
        t.add("7. news stream, %s: searchable p99, errors, query p99 / without ingest, RSS slope" % what,
              "%s, %s, %s, %s" % (fmt(tts, "ms"), fmt(errs, digits=0), fmt(qr, "×", 2), fmt(slope, "MB/min", 2)),
              "≤ 1 s, 0, ≤ 1.5 ×", ok)


def class_rows(t, r):
    classes = r.text("query_classes", "").split()
    if not classes:
        return
    t.section("0b. Per query class: server c=1 (cache off) against the floor without snippets")
    for c in classes:
        s50, s99 = r.opt("server_cls_%s_p50_ms" % c), r.opt("server_cls_%s_p99_ms" % c)
        f50, f99 = r.opt("floor_cls_%s_p50_ms" % c), r.opt("floor_cls_%s_p99_ms" % c)
        t.add("%s: p50 server / floor; p99 server / floor" % c, "%s / %s (%s); %s / %s (%s)" % (
            fmt(s50, "ms", 2), fmt(f50, "ms", 2), fmt(ratio(s50, f50), "×", 2),
            fmt(s99, "ms", 2), fmt(f99, "ms", 2), fmt(ratio(s99, f99), "×", 2)))
    for key, what in (("http", "fixed cost: GET /healthz (an HTTP round trip, no search)"),
                      ("nomatch", "fixed cost: a search for a word in no article")):
        s50, s99 = r.opt("server_fixed_%s_p50_ms" % key), r.opt("server_fixed_%s_p99_ms" % key)
        if s50 is not None:
            t.add("%s, p50 / p99" % what, "%s / %s" % (fmt(s50, "ms", 2), fmt(s99, "ms", 2)))


def indexing_rows(t, r, n):
    t.section("1. Full index (%s articles)" % fmt(n, digits=0))
    secs, docs = r.num("index_full_seconds"), r.num("index_full_docs")
    cbytes, ibytes = r.num("corpus_bytes"), r.num("index_bytes")
    dps = ratio(docs, secs)
    t.add("wall time", fmt(secs, "s"))
    scale = "" if n == 100000 else " (target is for 100k)"
    t.add("docs/s", fmt(dps), "≥ 1,000 docs/s" + scale, check(dps, 1000, ">="))
    t.add("input MB/s", fmt(ratio(cbytes, secs * MB if secs else None), digits=2))
    t.add("peak RSS", fmt(r.num("index_full_peak_rss_kb") and r.num("index_full_peak_rss_kb") / 1024, "MB"))
    t.add("corpus size", fmt(cbytes and cbytes / MB, "MB"))
    scaled = ibytes * 100000 / n if ibytes is not None and n else None
    t.add("index size", fmt(ibytes and ibytes / MB, "MB"),
          "≤ 1.7 GB at 100k" + ("" if n == 100000 else " (scaled: %s)" % fmt(scaled and scaled / GB, "GB", 2)),
          check(scaled, 1.7 * GB, "<="))
    t.add("index / corpus", fmt(ratio(ibytes, cbytes), "×", 2))
    return dps


def incremental_rows(t, r, n):
    t.section("2. Incremental runs")
    noop = r.num("index_noop_seconds")
    t.add("no-op re-run (median of %s)" % r.text("index_noop_count", "3"), fmt(noop, "s", 2),
          "≤ 3 s" + ("" if n == 100000 else " (target is for 100k)"), check(noop, 3, "<="))
    for key, what in (("change", "changed"), ("add", "added"), ("remove", "removed")):
        t.add("1 %% of files %s (%s files)" % (what, r.text("index_%s_files" % key)),
              fmt(r.num("index_%s_seconds" % key), "s", 2))
        floor = r.opt("floor_update_%s_seconds" % key)
        if floor is not None:
            t.add("  floor: Xapian alone, the same share of documents (write + commit)",
                  "%s (%s + %s)" % (fmt(floor, "s", 2), fmt(r.opt("floor_update_%s_write_seconds" % key), "s", 2),
                                    fmt(r.opt("floor_update_%s_commit_seconds" % key), "s", 2)))
    scale = "" if n == 100000 else " (target is for 100k)"
    for key, what, target in (("one", "one alias no article holds", 5),
                              ("every", "aliases in nearly every article", 60)):
        secs = r.num("retag_%s_seconds" % key)  # the whole longjing-index run, commit included
        t.add("taxonomy edit, %s (%s re-tagged in %s s)" % (
                  what, r.text("retag_%s_articles" % key), r.text("retag_%s_retag_seconds" % key)),
              fmt(secs, "s", 2), "≤ %d s%s" % (target, scale), check(secs, target, "<="))


def tagging_rows(t, r):
    t.section("3. Tagging against make-corpus --truth and the held-out set")
    for facet in ("city", "company", "policy"):
        p, rc = r.num("tags_%s_precision" % facet), r.num("tags_%s_recall" % facet)
        t.add("%s precision / recall" % facet, "%s / %s" % (fmt(p, digits=4), fmt(rc, digits=4)))
    t.add("language accuracy", fmt(r.num("tags_lang_accuracy"), digits=4))
    t.add("date accuracy", fmt(r.num("tags_date_accuracy"), digits=4))
    for facet in ("city", "company", "policy"):
        p, rc = r.num("heldout_%s_precision" % facet), r.num("heldout_%s_recall" % facet)
        t.add("held-out set (bench/tagging): %s precision / recall" % facet,
              "%s / %s" % (fmt(p, digits=4), fmt(rc, digits=4)),
              "≥ 0.99 / ≥ 0.95", None if p is None or rc is None else p >= 0.99 and rc >= 0.95)
    t.add("tagger throughput, 1 thread", "%s MB/s (%s articles/s)" % (
        fmt(r.num("tag_mb_per_s"), digits=1), fmt(r.num("tag_articles_per_s"))))


def format_rows(t, r):
    t.section("3b. Extraction speed by format (ParseFile, one thread, medians of 3)")
    for ext in ("md", "txt", "html", "jsonl", "docx"):
        if "parse_%s_mb_s" % ext not in r.kv:
            continue  # the generated corpus has no files of that format
        mb = r.num("parse_%s_mb_s" % ext)
        t.add("%s (%s files)" % (ext, r.text("parse_%s_files" % ext)),
              "%s (%s files/s)" % (fmt(mb, "MB/s", 1), fmt(r.num("parse_%s_files_s" % ext))))
    pages = r.num("parse_pdf_pages_s")
    if pages is not None:
        t.add("pdf (%s files, %s pages, generated)" % (r.text("parse_pdf_files"), r.text("parse_pdf_pages")),
              "%s, %s" % (fmt(pages, "pages/s"), fmt(r.num("parse_pdf_mb_s"), "MB/s", 1)))


def floor_rows(t, r):
    t.section("4. Floor: the same queries straight through Xapian, in process")
    t.add("1 thread p50 / p99", "%s / %s" % (fmt(r.num("floor_t1_p50_ms"), "ms", 2), fmt(r.num("floor_t1_p99_ms"), "ms", 2)))
    t.add("1 thread QPS", fmt(r.num("floor_t1_qps")))
    t.add("8 threads QPS / p99", "%s / %s" % (fmt(r.num("floor_t8_qps")), fmt(r.num("floor_t8_p99_ms"), "ms", 2)))
    t.add("without snippets: 1 thread p50 / p99",
          "%s / %s" % (fmt(r.num("floor_ns_t1_p50_ms"), "ms", 2), fmt(r.num("floor_ns_t1_p99_ms"), "ms", 2)))
    t.add("without snippets: 8 threads QPS", fmt(r.num("floor_ns_t8_qps")))
    t.add("filter-only browsing, 1 thread p50 / p99",
          "%s / %s" % (fmt(r.num("floor_browse_p50_ms"), "ms", 2), fmt(r.num("floor_browse_p99_ms"), "ms", 2)))


def server_rows(t, r):
    t.section("5. Server under load (wrk, query mix)")
    f50, f99, f8 = r.num("floor_t1_p50_ms"), r.num("floor_t1_p99_ms"), r.num("floor_t8_qps")
    for c in (1, 8, 32):
        p50, p99 = r.num("server_c%d_p50_ms" % c), r.num("server_c%d_p99_ms" % c)
        qps, errs = r.num("server_c%d_qps" % c), r.num("server_c%d_errors" % c)
        t.add("c=%d p50" % c, fmt(p50, "ms", 2), "≤ 1.25 × floor p50 (%s)" % fmt(f50 and 1.25 * f50, "ms", 2) if c == 1 else "",
              check(p50, f50 and 1.25 * f50, "<=") if c == 1 else None)
        t.add("c=%d p99" % c, fmt(p99, "ms", 2), "≤ 1.25 × floor p99 (%s)" % fmt(f99 and 1.25 * f99, "ms", 2) if c == 1 else "",
              check(p99, f99 and 1.25 * f99, "<=") if c == 1 else None)
        ok = None
        if c == 8 and qps is not None and f8 is not None and errs is not None:
            ok = qps >= 0.9 * f8 and errs == 0
        t.add("c=%d QPS, errors" % c, "%s, %s" % (fmt(qps), fmt(errs, digits=0)),
              "≥ 0.9 × floor 8-thread QPS (%s), no errors" % fmt(f8 and 0.9 * f8) if c == 8 else "", ok)
    t.add("filter-only browsing, cache off, c=1 p50 / p99",
          "%s / %s" % (fmt(r.num("server_browse_cold_p50_ms"), "ms", 2), fmt(r.num("server_browse_cold_p99_ms"), "ms", 2)))
    bp99 = r.num("server_browse_p99_ms")
    t.add("filter-only browsing, as shipped, c=1 p50 / p99",
          "%s / %s" % (fmt(r.num("server_browse_p50_ms"), "ms", 2), fmt(bp99, "ms", 2)), "p99 ≤ 5 ms", check(bp99, 5, "<="))
    rss = r.num("server_rss_max_kb")
    hwm = r.num("server_hwm_kb")
    peak = max(v for v in (rss, hwm, 0) if v is not None) / 1024 if rss or hwm else None
    t.add("server RSS max sampled / VmHWM", "%s / %s" % (fmt(rss and rss / 1024, "MB"), fmt(hwm and hwm / 1024, "MB")),
          "≤ 300 MB", check(peak, 300, "<="))


def insights_rows(t, r):
    t.section("5b. Insights (wrk c=1, cache off; targets for 100k)")
    search99 = r.num("insights_search_text_p99_ms")
    t.add("text queries as /api/search, p50 / p99",
          "%s / %s" % (fmt(r.num("insights_search_text_p50_ms"), "ms", 2), fmt(search99, "ms", 2)))
    rows = [("pivot city × policy, browse", "pivot_browse", 10, None),
            ("pivot city × policy, text query", "pivot_text", None, 1.5),
            ("trends by month, top 8, browse", "trends_browse", 10, None),
            ("trends by month, top 8, text query", "trends_text", None, 1.5),
            ("significant facets, browse", "sig_facets_browse", 15, None),
            ("significant facets, text query", "sig_facets_text", 15, None),
            ("significant terms", "sig_terms", 150, None)]
    for what, key, limit, times in rows:
        p50, p99 = r.num("insights_%s_p50_ms" % key), r.num("insights_%s_p99_ms" % key)
        value = "%s / %s" % (fmt(p50, "ms", 2), fmt(p99, "ms", 2))
        if times:
            value += " (%s of search)" % fmt(ratio(p99, search99), "×", 2)
            bound = search99 and times * search99
            t.add(what + ", p50 / p99", value, "p99 ≤ %g × search p99 (%s)" % (times, fmt(bound, "ms", 2)),
                  check(p99, bound, "<="))
        else:
            if key == "sig_facets_text":
                value += " (%s of search)" % fmt(ratio(p99, search99), "×", 2)
            t.add(what + ", p50 / p99", value, "p99 ≤ %g ms" % limit, check(p99, limit, "<="))
    page = r.num("insights_page_p50_ms")
    t.add("page: Insights view drawn after a selection change (Chromium), p50 / p90 / max of %s"
          % fmt(r.num("insights_page_n"), "", 0),
          "%s / %s / %s" % (fmt(page, "ms"), fmt(r.num("insights_page_p90_ms"), "ms"),
                            fmt(r.num("insights_page_max_ms"), "ms")),
          "≤ 300 ms", check(page, 300, "<="))


def cluster_rows(t, r):
    t.section("5c. Cluster on loopback (scripts/cluster; cache off; 2 replicas, 3 shards)")
    for what, key in (("search", "c1"), ("browsing", "browse")):
        l50, l99 = r.num("cluster_local_%s_p50_ms" % key), r.num("cluster_local_%s_p99_ms" % key)
        s50, s99 = r.num("cluster_remote_%s_p50_ms" % key), r.num("cluster_remote_%s_p99_ms" % key)
        t.add("%s c=1, one local index p50 / p99" % what, "%s / %s" % (fmt(l50, "ms", 2), fmt(l99, "ms", 2)))
        t.add("%s c=1, 3 remote shards p50 / p99" % what,
              "%s / %s (p50 %s local)" % (fmt(s50, "ms", 2), fmt(s99, "ms", 2), fmt(ratio(s50, l50), "×", 2)),
              "p50 ≤ 2 × local", check(ratio(s50, l50), 2, "<="))
    f50, r50 = r.num("cluster_floor_local_p50_ms"), r.num("cluster_floor_remote_p50_ms")
    t.add("floor (bench_floor, 1 thread): one index, custom spy p50 / p99",
          "%s / %s" % (fmt(f50, "ms", 2), fmt(r.num("cluster_floor_local_p99_ms"), "ms", 2)))
    t.add("floor: 3 remote shards, stock spies p50 / p99",
          "%s / %s (p50 %s local floor)" % (fmt(r50, "ms", 2), fmt(r.num("cluster_floor_remote_p99_ms"), "ms", 2),
                                             fmt(ratio(r50, f50), "×", 2)))
    t.add("3 remote shards, c=8 QPS, errors", "%s, %s" % (
        fmt(r.num("cluster_remote_c8_qps")), fmt(r.num("cluster_remote_c8_errors"), digits=0)))
    q2, q1 = r.num("cluster_lb2_c8_qps"), r.num("cluster_lb1_c8_qps")
    t.add("balancer c=8 QPS: 2 replicas / 1 replica", "%s / %s (%s)" % (fmt(q2), fmt(q1), fmt(ratio(q2, q1), "×", 2)))
    t.add("balancer c=8 errors: 2 replicas / 1 replica", "%s / %s" % (
        fmt(r.num("cluster_lb2_c8_errors"), digits=0), fmt(r.num("cluster_lb1_c8_errors"), digits=0)))
    t.add("replication lag at %s articles/s, p50 / p99 / max" % fmt(r.num("cluster_lag_rate")),
          "%s / %s / %s" % (fmt(r.num("cluster_lag_p50_ms"), "ms", 0), fmt(r.num("cluster_lag_p99_ms"), "ms", 0),
                            fmt(r.num("cluster_lag_max_ms"), "ms", 0)))
    t.add("articles not replicated within 30 s", fmt(r.num("cluster_lag_missing"), digits=0), "0",
          check(r.num("cluster_lag_missing"), 0, "<="))
    b = r.num("cluster_fullcopy_bytes")
    t.add("full copy to a new replica: time, size", "%s, %s" % (
        fmt(r.num("cluster_fullcopy_seconds"), "s", 2), fmt(b and b / MB, "MB")))
    t.add("cluster up (5 index builds, 14 processes)", fmt(r.num("cluster_up_seconds"), "s"))


def ratio_rows(t, r, dps):
    t.section("6. Ratios (same run)")
    t.add("server c=1 p50 / floor p50", fmt(ratio(r.num("server_c1_p50_ms"), r.num("floor_t1_p50_ms")), "×", 2))
    fdps = r.num("floor_index_docs_per_s")
    t.add("floor indexer (TermGenerator only) docs/s", fmt(fdps))
    t.add("Longjing docs/s / floor docs/s", fmt(ratio(dps, fdps), "×", 2))
    sdps = r.num("floor_index_shards_docs_per_s")
    t.add("floor indexer, one database per core + compaction, docs/s", fmt(sdps))
    t.add("Longjing docs/s / that floor", fmt(ratio(dps, sdps), "×", 2))


def searchable_rows(t, r):
    t.section("7. Time to searchable")
    n = r.text("searchable_watch_n")
    wmax = r.num("searchable_watch_max_ms")
    t.add("file dropped in the corpus, median / max of %s (found %s)" % (n, r.text("searchable_watch_found")),
          "%s / %s" % (fmt(r.num("searchable_watch_median_ms"), "ms"), fmt(wmax, "ms")),
          "max ≤ 1 s", check(wmax, 1000, "<="))
    pmax = r.num("searchable_post_max_ms")
    pn, immediate = r.num("searchable_post_n"), r.num("searchable_post_immediate")
    t.add("POST /api/articles, median / max of %s" % r.text("searchable_post_n"),
          "%s / %s" % (fmt(r.num("searchable_post_median_ms"), "ms"), fmt(pmax, "ms")),
          "max ≤ 1 s", check(pmax, 1000, "<="))
    t.add("POSTs searchable on return", "%s of %s" % (fmt(immediate, digits=0), fmt(pn, digits=0)), "all",
          check(immediate, pn, ">=") if pn is not None else None)


def growth_rows(t, r, sizes):
    t.section("8. Growth (server c=1 with the same query mix)")
    for n in sizes:
        secs = r.num("growth_%d_index_seconds" % n)
        t.add("%s articles: full index" % fmt(n, digits=0), "%s (%s docs/s)" % (fmt(secs, "s"), fmt(ratio(n, secs))))
        t.add("%s articles: query p50 / p99" % fmt(n, digits=0), "%s / %s" % (
            fmt(r.num("growth_%d_p50_ms" % n), "ms", 2), fmt(r.num("growth_%d_p99_ms" % n), "ms", 2)))


def dupes_rows(t, r):
    if r.num("dupes_articles") is None:
        return
    t.section("9. Near-duplicates (make-corpus --dupes, %s articles; docs/duplicates.md)"
              % fmt(r.num("dupes_articles"), digits=0))
    recall, wrong = r.num("dupes_recall"), r.num("dupes_distinct_grouped")
    t.add("planted copy pairs grouped (recall, of %s)" % fmt(r.num("dupes_copy_pairs"), digits=0),
          fmt(recall, digits=4), ">= 0.95", check(recall, 0.95, ">="))
    t.add("distinct same-topic pairs grouped (of %s)" % fmt(r.num("dupes_distinct_pairs"), digits=0),
          fmt(wrong, digits=0), "0", check(wrong, 0, "<="))
    t.add("articles in groups", fmt(r.num("dupes_grouped"), digits=0))
    pct = r.num("dupes_dedup_pct")
    t.add("fingerprints + grouping, share of the full build",
          "%s (%s of %s)" % (fmt(pct, "%"), fmt(r.num("dupes_dedup_seconds"), "s", 2),
                             fmt(r.num("dupes_index_seconds"), "s", 1)),
          "<= 10 %", check(pct, 10, "<="))
    for what in ("add", "remove"):
        secs, dedup = r.num("dupes_incr_%s_seconds" % what), r.num("dupes_incr_%s_dedup_seconds" % what)
        t.add("incremental: 1 %% of the articles as copies, %s (group upkeep of the pass)"
              % ("added" if what == "add" else "removed again"),
              "%s of %s" % (fmt(dedup, "s", 2), fmt(secs, "s", 2)))
    added = r.num("collapse_added_pct")
    t.add("query p50, collapse on / off (bench_collapse)",
          "%s / %s" % (fmt(r.num("collapse_p50_on_ms"), "ms", 3), fmt(r.num("collapse_p50_off_ms"), "ms", 3)))
    t.add("collapsing adds to the query p50", fmt(added, "%"), "<= 10 %", check(added, 10, "<="))


def build_table(r, meta):
    n = int(float(meta.get("articles", "0") or 0))
    t = Table()
    issue13_rows(t, r, n)
    class_rows(t, r)
    dps = indexing_rows(t, r, n)
    incremental_rows(t, r, n)
    tagging_rows(t, r)
    format_rows(t, r)
    floor_rows(t, r)
    server_rows(t, r)
    insights_rows(t, r)
    cluster_rows(t, r)
    ratio_rows(t, r, dps)
    searchable_rows(t, r)
    sizes = [int(s) for s in meta.get("growth_sizes", "").split()]
    growth_rows(t, r, sizes)
    dupes_rows(t, r)
    return t


HISTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "history.md")


def history():
    """bench/history.md: the hand-kept record of what changed and what it did."""
    if not os.path.exists(HISTORY):
        return []
    with open(HISTORY, encoding="utf-8") as f:
        return ["## Before and after", ""] + [line.rstrip("\n") for line in f] + [""]


def markdown(table, meta, commands):
    m = meta.get
    out = [
        "# Benchmarks",
        "",
        "Written by `bench/run` (%s run, %s articles); re-run it to refresh this page. "
        "Timings are of one run on a shared machine: read them as orders of magnitude, "
        "and compare figures of the same run (the floors and the ratios) rather than runs."
        % (m("mode", "?"), m("articles", "?")),
        "",
        "## Machine",
        "",
        "| | |", "| --- | --- |",
        "| date | %s |" % m("date", "?"),
        "| CPU | %s × %s |" % (m("nproc", "?"), m("cpu", "?")),
        "| RAM | %s |" % m("ram", "?"),
        "| kernel | %s |" % m("kernel", "?"),
        "| OS | %s |" % m("os", "?"),
        "| Xapian | %s |" % m("xapian", "?"),
        "| compiler | %s |" % m("compiler", "?"),
        "| source | %s |" % m("git", "?"),
        "| load average at start | %s |" % m("loadavg", "?"),
        "",
        "## Results",
        "",
        table.markdown(),
        "",
    ] + history() + [
        "## How it was measured",
        "",
        "- Corpus: `bench/make-corpus` (seed %s; English, French, Chinese in Simplified and "
        "Traditional script, with the hard cases described in bench/README.md); the first N "
        "articles of the largest corpus are the corpus of N (hard-linked copies)." % m("seed", "?"),
        "- Full index: `longjing-index --full` under `/usr/bin/time -v` (peak RSS); sizes with `du -sb`.",
        "- Incremental: `longjing-index` again (no-op, median of 3), then 1 % of the files changed, 1 % "
        "added, 1 % removed (`bench/mutate.py`), one run each.",
        "- Tagging: `bench_dump_tags` reads every document's data; `bench/check-truth` scores it "
        "against the generator's truth, with the generator's taxonomy (`--taxonomy-out`).",
        "- Query mix: `bench/make_queries.py` (%s queries, %s filter-only browsing queries, from the "
        "corpus vocabulary and the taxonomy); `bench_floor` and `wrk -s bench/querymix.lua` read the same "
        "files. Floor and server both cycle through the list for %s s after a warm-up."
        % (m("mix_size", "?"), m("browse_size", "?"), m("duration", "?")),
        "- Floor (`bench_floor`): Xapian's QueryParser (English and French parses ORed, as the server "
        "does), the same filters, exact counts for city/company/policy/lang/year with one disjunctive "
        "pass per selected facet, top 10 with snippets; no HTTP, no JSON, no cache, no cross-language "
        "entities. Floor indexer (`bench_floor_index`): TermGenerator with a guessed language's stemmer, "
        "one thread per core plus one writer, one batch with `DB_NO_SYNC`; with `--shards`, one "
        "database per thread (a commit per 1,000 documents, `DB_NO_SYNC`) merged by `Xapian::Compactor`.",
        "- The server counts facets from per-revision bitmaps of the facet values "
        "(`docs/architecture.md`); the floor counts as a straightforward program does, with a "
        "MatchSpy over the matches.",
        "- The query mix (c=1, 8, 32 and growth) runs with the server's result cache off "
        "(`LONGJING_CACHE_ENTRIES=0`), so every request runs the match as the floor does. "
        "Filter-only browsing runs cold (cache off) and as shipped (per-revision cache of counts "
        "and first pages, 2,048 entries).",
        "- Server: `longjing-serve --no-watch --threads %s`; wrk with 1, 8 and 32 connections "
        "(`--timeout 10s`); errors are non-2xx answers plus socket errors and timeouts; RSS sampled "
        "from `/proc/<pid>/status` every 0.25 s." % m("server_threads", "?"),
        "- Snippets on their own (`bench_snippets`): each text query's top 10 hits, thread CPU time "
        "per hit for reading the stored data, Longjing's `QuerySnippet` and Xapian's `MSet::snippet`.",
        "- Floor without snippets (`bench_floor --no-snippets`): the same work, the hits' data still "
        "read, the first 200 bytes shown. Per query class (`queries.tsv`): each class's own list, "
        "the floor without snippets and the server at c=1 with the cache off.",
        "- Time to searchable: a watching server (`LONGJING_ADMIN_TOKEN` set) on the benchmark corpus; "
        "`bench/searchable.py` polls `/api/search` every 10 ms.",
        "- Cluster: `scripts/cluster up` over the run's corpus on 127.0.0.1 (cache off everywhere); "
        "wrk at c=1 against the writer (one index) and the query node (3 `xapian-tcpsrv` shards), "
        "`bench_floor` on the index and with `--shard` on the shards, wrk at c=8 through HAProxy "
        "with 2 replicas then 1; `bench/replication_lag.py` posts 10 articles/s to the writer and "
        "counts their arrival on each replica every 50 ms; a full copy is `xapian-replicate "
        "--one-shot` into an empty folder. `docs/scaling.md` reads the figures.",
        "",
        "## Commands",
        "",
        "```sh",
        "bench/run %s" % m("args", ""),
        "```",
        "",
        "<details><summary>Every command the run executed</summary>",
        "",
        "```sh",
    ] + commands + ["```", "", "</details>", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", required=True)
    ap.add_argument("--out")
    a = ap.parse_args()
    r = Results(load_kv(os.path.join(a.work, "results.txt")))
    meta = load_kv(os.path.join(a.work, "meta.txt"))
    commands = []
    cpath = os.path.join(a.work, "commands.txt")
    if os.path.exists(cpath):
        with open(cpath, encoding="utf-8") as f:
            commands = [line.rstrip("\n") for line in f]
    table = build_table(r, meta)
    print(table.text())
    out = a.out or os.path.join(a.work, "BENCHMARKS.md")
    with open(out, "w", encoding="utf-8") as f:
        f.write(markdown(table, meta, commands))
    print("\nreport: %s" % out)
    missing = sorted(set(r.missing))
    if missing:
        print("report: no numbers for: " + ", ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
