#!/usr/bin/env python3
"""replication_lag.py: ingest at a steady rate on the writer, time each article's arrival
on every replica.

    replication_lag.py --writer URL --replica URL [--replica URL...] --token T
                       [--rate 10] [--seconds 20]

POSTs --rate articles a second to the writer's /api/articles for --seconds, one at a
time; each answer 201 comes after the writer's commit. Meanwhile one poller per replica
counts, every 50 ms, the articles with the run's marker word. Commits reach a replica in
order, so when the count first reaches k the k-th article has arrived: its lag on that
replica is that moment minus its 201.
Prints one line: "lag n=N p50_ms=.. p99_ms=.. max_ms=.. missing=M posted=P rate=R"
(missing: articles not seen on a replica within 30 s of the last post).
"""
import argparse
import json
import secrets
import threading
import time
import urllib.request


def call(method, url, body=None, token=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--writer", required=True)
    p.add_argument("--replica", action="append", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--rate", type=float, default=10.0)
    p.add_argument("--seconds", type=float, default=20.0)
    a = p.parse_args()
    marker = "zqlag" + secrets.token_hex(4)
    committed = []  # monotonic time of each 201, in order
    seen = [[] for _ in a.replica]  # per replica: when the count first reached k + 1
    stop = threading.Event()

    def poll(i, base):
        url = f"{base}/api/search?q={marker}&per_page=1"
        while not stop.is_set():
            try:
                total = call("GET", url)["total"]
            except OSError:
                total = 0
            now = time.monotonic()
            while len(seen[i]) < total:
                seen[i].append(now)
            time.sleep(0.05)

    pollers = [threading.Thread(target=poll, args=(i, r.rstrip("/")), daemon=True)
               for i, r in enumerate(a.replica)]
    for t in pollers:
        t.start()
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < a.seconds:
        due = start + n / a.rate
        if due > time.monotonic():
            time.sleep(due - time.monotonic())
        answer = call("POST", a.writer.rstrip("/") + "/api/articles",
                      {"title": f"Lag probe {n}",
                       "body": f"Replication lag probe {n} with the word {marker}."},
                      token=a.token)
        if not answer.get("id"):
            raise SystemExit(f"replication_lag: POST answered {answer}")
        committed.append(time.monotonic())
        n += 1
    rate = n / (time.monotonic() - start)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(len(s) >= len(committed) for s in seen):
        time.sleep(0.1)
    stop.set()
    lags = sorted((s[k] - t) * 1000 for s in seen for k, t in enumerate(committed) if k < len(s))
    missing = sum(max(0, len(committed) - len(s)) for s in seen)

    def pct(q):
        return lags[min(len(lags) - 1, int(q * len(lags)))] if lags else float("nan")

    print(f"lag n={len(lags)} p50_ms={pct(0.5):.0f} p99_ms={pct(0.99):.0f} "
          f"max_ms={(lags[-1] if lags else float('nan')):.0f} missing={missing} posted={n} "
          f"rate={rate:.1f}")


if __name__ == "__main__":
    main()
