#!/usr/bin/env python3
"""searchable.py: time from a new article to a search that finds it.

    searchable.py --url http://127.0.0.1:PORT --corpus DIR --token TOKEN [--count 20]

Needs a running longjing-serve that watches DIR (started without --no-watch)
and has LONGJING_ADMIN_TOKEN=TOKEN. Two measurements, each --count times,
each article carrying a word of its own:

  watch  a Markdown file appears in DIR/bench-watch/ (written to a hidden
         temporary, then renamed into place); then GET /api/search?q=<word>
         every --poll-ms until it is found. Time: rename -> found.
  post   POST /api/articles (201 expected); time: the request's round trip.
         Then one GET at once: is it searchable on return?

A first, untimed article of each kind warms up (and creates the folder).
Prints two lines:
  searchable_watch n=.. found=.. median_ms=.. max_ms=..
  searchable_post n=.. created=.. immediate=.. median_ms=.. max_ms=..
Exits 1 when something never became searchable. Python standard library only.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BODY = ("The municipal government announced a new package of measures for the technology sector "
        "this week, with support for research laboratories, young engineers and small manufacturers. "
        "Officials said the programme would be reviewed next year. The word of this article is {word}.")


def search_total(url, word):
    with urllib.request.urlopen("%s/api/search?%s" % (url, urllib.parse.urlencode({"q": word})), timeout=10) as r:
        return json.load(r).get("total", 0)


def unique_words(seed, n):
    rng = random.Random(seed)
    letters = "bcdfghjkmnpqrtvwxz"  # no vowels, no s: nothing for a stemmer to strip
    return ["zq" + "".join(rng.choice(letters) for _ in range(10)) for _ in range(n)]


def drop_file(folder, name, word):
    text = "---\ntitle: \"Searchable benchmark {0}\"\ndate: 2026-01-15\nsource: \"Bench Wire\"\n---\n\n{1}\n".format(
        word, BODY.format(word=word))
    tmp = os.path.join(folder, "." + name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, os.path.join(folder, name))


def wait_found(url, word, poll, timeout):
    """Seconds until a search finds `word`, from now; None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if search_total(url, word) > 0:
                return time.perf_counter() - start
        except (urllib.error.URLError, OSError, ValueError) as e:
            sys.stderr.write("searchable: search failed: %s\n" % e)
        time.sleep(poll)
    return None


def measure_watch(a, words):
    folder = os.path.join(a.corpus, "bench-watch")
    os.makedirs(folder, exist_ok=True)
    times = []
    for k, word in enumerate(words):
        drop_file(folder, "w%03d.md" % k, word)
        dt = wait_found(a.url, word, a.poll_ms / 1000, a.timeout)
        if k > 0:  # the first one warms up
            times.append(dt)
    return times


def post(a, word):
    body = json.dumps({"title": "Posted benchmark " + word, "body": BODY.format(word=word),
                       "lang": "en", "source": "Bench Wire"}).encode()
    req = urllib.request.Request(a.url + "/api/articles", data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + a.token})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status = r.status
            r.read()
    except urllib.error.HTTPError as e:
        status = e.code
        sys.stderr.write("searchable: POST /api/articles: %d %s\n" % (e.code, e.read()[:300]))
    return status, time.perf_counter() - start


def measure_post(a, words):
    times, created, immediate = [], 0, 0
    for k, word in enumerate(words):
        status, dt = post(a, word)
        found = status == 201 and search_total(a.url, word) > 0
        if k == 0:
            continue
        times.append(dt)
        created += status == 201
        immediate += found
    return times, created, immediate


def ms(values):
    """Median and max in ms; a value that never came (None) counts as infinite."""
    got = sorted(float("inf") if v is None else v * 1000 for v in values)
    if not got:
        return "median_ms=nan max_ms=nan"
    return "median_ms=%.1f max_ms=%.1f" % (statistics.median(got), got[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--poll-ms", type=float, default=10)
    ap.add_argument("--timeout", type=float, default=30, help="seconds before a file counts as never found")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    a = ap.parse_args()
    a.url = a.url.rstrip("/")

    words = unique_words(a.seed, 2 * (a.count + 1))
    watch = measure_watch(a, words[:a.count + 1])
    found = sum(t is not None for t in watch)
    print("searchable_watch n=%d found=%d %s" % (len(watch), found, ms(watch)), flush=True)
    post_times, created, immediate = measure_post(a, words[a.count + 1:])
    print("searchable_post n=%d created=%d immediate=%d %s" % (len(post_times), created, immediate, ms(post_times)))
    return 0 if found == len(watch) and created == len(post_times) else 1


if __name__ == "__main__":
    sys.exit(main())
