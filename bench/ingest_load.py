#!/usr/bin/env python3
"""Sustained ingest: N clients POST /api/articles for S seconds against a
running longjing-serve; prints POST throughput, latency and the index
revisions created per second (read from /healthz before and after), which is
what group commit lowers.

  bench/ingest_load.py --url http://127.0.0.1:8080 --token T [--clients 4] [--seconds 10]
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse


def healthz(host, port):
    c = http.client.HTTPConnection(host, port, timeout=30)
    c.request("GET", "/healthz")
    return json.loads(c.getresponse().read())


def client(host, port, token, worker, deadline, out):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    n = 0
    while time.monotonic() < deadline:
        body = json.dumps({"title": f"Load {worker} {n}",
                           "body": f"Shenzhen load test article {worker} {n}.",
                           "date": "2024-01-01", "lang": "en"})
        start = time.monotonic()
        conn.request("POST", "/api/articles", body, headers)
        res = conn.getresponse()
        res.read()
        out.append((res.status, time.monotonic() - start))
        n += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=10)
    a = ap.parse_args()
    u = urllib.parse.urlparse(a.url)
    before = healthz(u.hostname, u.port)
    deadline = time.monotonic() + a.seconds
    results = [[] for _ in range(a.clients)]
    threads = [threading.Thread(target=client,
                                args=(u.hostname, u.port, a.token, i, deadline, results[i]))
               for i in range(a.clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    after = healthz(u.hostname, u.port)
    all_ = [r for rs in results for r in rs]
    ok = sorted(d for s, d in all_ if s == 201)
    revisions = after["revision"] - before["revision"]
    p = lambda q: ok[min(len(ok) - 1, int(q * len(ok)))] * 1000 if ok else 0
    print(json.dumps({
        "clients": a.clients, "seconds": round(elapsed, 2),
        "posts_201": len(ok), "posts_other": len(all_) - len(ok),
        "posts_per_s": round(len(ok) / elapsed, 1),
        "revisions": revisions, "revisions_per_s": round(revisions / elapsed, 1),
        "p50_ms": round(p(0.5), 1), "p99_ms": round(p(0.99), 1),
        "documents_added": after["documents"] - before["documents"]}))


if __name__ == "__main__":
    main()
