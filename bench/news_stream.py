#!/usr/bin/env python3
"""news_stream.py: a news stream against a watching server, with queries running.

    news_stream.py --url http://127.0.0.1:PORT --token TOKEN --corpus DIR --queries FILE
                   --mode files|post [--rate 20] [--seconds 300] [--connections 4]
                   [--pid SERVER_PID] [--lua bench/querymix.lua] [--baseline-seconds S]

Needs a running longjing-serve that watches DIR (no --no-watch) with
LONGJING_ADMIN_TOKEN=TOKEN, and wrk. In order:

  1. baseline: wrk with --connections over the query file for --baseline-seconds
     (default --seconds), nothing else: the query p99 without ingest.
  2. the stream: --rate articles a second for --seconds, each with a word of
     its own, as Markdown files renamed into DIR/bench-stream/ (files) or as
     POST /api/articles (post), while the same wrk load runs. A checker polls
     every --poll-ms with one search, an OR of the words not found yet:
     time to searchable = creation (rename or POST sent) -> first search
     that finds it.
  3. RSS of --pid sampled every second over the stream; its slope (least
     squares, MB per minute).

Prints one line (bench/run records it):
  stream_<mode> n=.. found=.. tts_p50_ms=.. tts_p99_ms=.. tts_max_ms=.. errors=..
      query_p99_ms=.. base_query_p99_ms=.. query_p99_ratio=.. query_errors=..
      rss_start_mb=.. rss_end_mb=.. rss_slope_mb_per_min=..
errors counts failed POSTs, failed searches and articles never found (10 s).
Exits 1 when there were errors. Python standard library only.
"""

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse

BODY = ("The provincial government announced a new round of support for local manufacturers "
        "this morning, with loans for equipment and help for exporters. Officials said more "
        "would follow. The word of this article is {word}.")
# Each article's own text after BODY, drawn from these words with its number as
# the seed: articles of one stream are not near-duplicates of each other (one
# template for all made them a single group of thousands, whose upkeep the
# stream then measured).
WORDS = ("battery chip factory export loan subsidy port railway steel solar wind grid "
         "robot vehicle startup fund tax rent land talent campus lab patent software cloud "
         "model data privacy license tariff shipping harbour airport metro bridge tunnel "
         "housing credit bank bond insurer pension hospital school youth farmer village "
         "water river coast mountain tourism museum festival retail platform courier "
         "semiconductor wafer lithography sensor drone satellite rocket engine turbine "
         "hydrogen nuclear coal gas pipeline refinery chemical textile garment furniture "
         "ceramics tea rice pork soybean fishery forest carbon emission quota market "
         "index share profit revenue merger investor venture incubator park zone district "
         "mayor council bureau ministry regulator court lawyer contract dispute strike "
         "wage worker engineer scientist student graduate migrant census survey report").split()
NEVER_MS = 10000


def percentile(values, q):
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(q * len(s))) - 1))]


def wrk(url, lua, queries, connections, seconds):
    """Runs wrk; returns (p99_ms, errors) from querymix.lua's wrk_result line."""
    threads = min(connections, os.cpu_count() or 1)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", "%ds" % seconds,
                          "--timeout", "10s", "-s", lua, url, "--", queries, str(threads)],
                         capture_output=True, text=True, check=False).stdout
    kv = {}
    for line in out.splitlines():
        if line.startswith("wrk_result "):
            kv = dict(w.split("=", 1) for w in line.split()[1:] if "=" in w)
    if not kv:
        raise SystemExit("news_stream: wrk gave no result:\n" + out)
    errors = sum(int(float(kv.get(k, 0))) for k in ("non2xx", "socket_errors", "timeouts"))
    return float(kv["p99_ms"]), errors


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def slope_per_minute(samples):
    """Least-squares slope of (seconds, MB) samples, in MB per minute."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mx = sum(t for t, _ in samples) / n
    my = sum(v for _, v in samples) / n
    den = sum((t - mx) ** 2 for t, _ in samples)
    return 60 * sum((t - mx) * (v - my) for t, v in samples) / den if den else 0.0


class Stream:
    def __init__(self, a):
        self.a = a
        u = urllib.parse.urlparse(a.url)
        self.host, self.port = u.hostname, u.port
        self.lock = threading.Lock()
        self.pending = {}   # word -> creation time
        self.tts = []       # ms
        self.errors = 0
        self.created = 0
        self.done = False
        self.folder = os.path.join(a.corpus, "bench-stream")
        os.makedirs(self.folder, exist_ok=True)
        self.tag = "%x" % (int(time.time()) & 0xFFFFFF)

    def word(self, n):
        # Letters only, unlike any corpus word: "zq" + base-26 of a run tag and n.
        s, v = "", n * 7919 + int(self.tag, 16)
        while v:
            v, r = divmod(v, 26)
            s += chr(97 + r)
        return "zq" + s + "x" + self.a.mode[0]

    def produce(self):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Authorization": "Bearer " + self.a.token, "Content-Type": "application/json"}
        start = time.monotonic()
        total = int(self.a.rate * self.a.seconds)
        for n in range(total):
            time.sleep(max(0.0, start + n / self.a.rate - time.monotonic()))
            word = self.word(n)
            rng = random.Random(n)
            text = BODY.format(word=word) + " " + " ".join(rng.choice(WORDS) for _ in range(120)) + "."
            t0 = time.monotonic()
            if self.a.mode == "files":
                name = "%s-%06d.md" % (self.tag, n)
                path = os.path.join(self.folder, name)
                tmp = os.path.join(self.folder, ".%s-%06d.tmp" % (self.tag, n))
                with open(tmp, "w", encoding="utf-8") as f:
                    f.write("---\ntitle: Stream %d\ndate: 2026-11-30\n---\n\n%s\n" % (n, text))
                with self.lock:
                    self.pending[word] = (time.monotonic(), "bench-stream/" + name)
                os.rename(tmp, path)
            else:
                body = json.dumps({"title": "Stream %d" % n, "body": text, "date": "2026-11-30",
                                   "lang": "en"})
                try:
                    conn.request("POST", "/api/articles", body, headers)
                    res = conn.getresponse()
                    data = res.read()
                    ok = res.status == 201
                    doc_id = json.loads(data).get("id") if ok else None
                except (OSError, http.client.HTTPException, ValueError):
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                    ok, doc_id = False, None
                with self.lock:
                    if ok and doc_id:
                        self.pending[word] = (t0, doc_id)
                    else:
                        self.errors += 1
            self.created += 1

    def check(self):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        while True:
            with self.lock:
                words = list(self.pending.items())
                if self.done and not words:
                    return
            now = time.monotonic()
            # One search a round for every pending word (an OR of them): the
            # checker's own load stays one request per --poll-ms, however
            # many articles wait.
            for at in range(0, len(words), 50):
                batch = words[at:at + 50]
                q = urllib.parse.quote(" OR ".join(w for w, _ in batch))
                found_ids, failed = set(), False
                try:
                    conn.request("GET", "/api/search?q=%s&per_page=50&collapse=false" % q)
                    res = conn.getresponse()
                    data = res.read()
                    failed = res.status != 200
                    if not failed:
                        found_ids = {h.get("id") for h in json.loads(data).get("hits", [])}
                except (OSError, http.client.HTTPException, ValueError):
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                    failed = True
                with self.lock:
                    if failed:
                        self.errors += 1
                    for word, (t0, doc_id) in batch:
                        if doc_id in found_ids:
                            self.tts.append((time.monotonic() - t0) * 1000)
                            self.pending.pop(word, None)
                        elif (now - t0) * 1000 > NEVER_MS:
                            self.errors += 1
                            self.pending.pop(word, None)
            time.sleep(self.a.poll_ms / 1000)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--mode", choices=("files", "post"), required=True)
    ap.add_argument("--rate", type=float, default=20)
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--baseline-seconds", type=int, default=0)
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--poll-ms", type=float, default=20)
    ap.add_argument("--pid", type=int, default=0)
    ap.add_argument("--lua", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "querymix.lua"))
    a = ap.parse_args()
    if a.seconds < 1 or a.rate <= 0:
        raise SystemExit("news_stream: --seconds must be 1 or more and --rate positive")

    base_p99, base_errors = wrk(a.url, a.lua, a.queries, a.connections, a.baseline_seconds or a.seconds)
    s = Stream(a)
    result = {}
    load = threading.Thread(target=lambda: result.update(
        zip(("p99", "errors"), wrk(a.url, a.lua, a.queries, a.connections, a.seconds))))
    producer = threading.Thread(target=s.produce)
    checker = threading.Thread(target=s.check)
    rss, t_start = [], time.monotonic()
    for t in (load, producer, checker):
        t.start()
    while producer.is_alive():
        if a.pid and (v := rss_mb(a.pid)) is not None:
            rss.append((time.monotonic() - t_start, v))
        producer.join(timeout=1.0)
    with s.lock:
        s.done = True
    checker.join()
    load.join()
    ratio = result["p99"] / base_p99 if base_p99 else 0
    fields = {
        "n": s.created, "found": len(s.tts),
        "tts_p50_ms": "%.1f" % percentile(s.tts, 0.50), "tts_p99_ms": "%.1f" % percentile(s.tts, 0.99),
        "tts_max_ms": "%.1f" % max(s.tts or [0]), "errors": s.errors,
        "query_p99_ms": "%.2f" % result["p99"], "base_query_p99_ms": "%.2f" % base_p99,
        "query_p99_ratio": "%.2f" % ratio, "query_errors": result["errors"] + base_errors,
        "rss_start_mb": "%.1f" % (rss[0][1] if rss else 0), "rss_end_mb": "%.1f" % (rss[-1][1] if rss else 0),
        "rss_slope_mb_per_min": "%.2f" % slope_per_minute(rss),
    }
    print("stream_%s %s" % (a.mode, " ".join("%s=%s" % kv for kv in fields.items())))
    return 1 if s.errors or fields["query_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
