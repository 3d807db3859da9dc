"""A loopback cluster (scripts/cluster) for the tests in this folder: start, stop, ask."""
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLUSTER = os.path.join(REPO, "scripts", "cluster")
TOKEN = "cluster-test-token"
SKIP = 77  # ctest's SKIP_RETURN_CODE


def log(*args):
    print(*args, flush=True)


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr, flush=True)
    sys.exit(1)


def need_tools():
    missing = [t for t in ("xapian-replicate", "xapian-replicate-server", "xapian-tcpsrv",
                           "xapian-check", "haproxy", "curl") if not shutil.which(t)]
    if missing:
        print("SKIP: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        sys.exit(SKIP)


def free_base(span=40):
    """A base port with `span` free ports above it (the cluster's layout)."""
    rng = random.Random(os.getpid() ^ time.time_ns())
    for _ in range(200):
        base = rng.randrange(20000, 60000 - span)
        try:
            for p in range(base, base + span):
                with socket.socket() as s:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(("127.0.0.1", p))
        except OSError:
            continue
        return base
    fail("no free range of ports on 127.0.0.1")


def request(method, url, body=None, headers=None, timeout=30):
    """Returns (status, bytes); a connection error is status 0."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (OSError, urllib.error.URLError) as e:
        return 0, str(e).encode()


class Cluster:
    """scripts/cluster up in a temporary folder; down (and the folder removed) on exit."""

    def __init__(self, count, seed=11, build=None, keep=False):
        self.work = tempfile.mkdtemp(prefix="longjing-cluster-")
        self.build = build or os.path.join(REPO, "build")
        self.keep = keep
        self.base = free_base()
        self.taxonomy = os.path.join(self.work, "taxonomy.json")
        corpus = os.path.join(self.work, "corpus")
        started = time.monotonic()
        r = subprocess.run([os.path.join(REPO, "bench", "make-corpus"), "--out", corpus,
                            "--count", str(count), "--seed", str(seed), "--quiet",
                            "--taxonomy-out", self.taxonomy],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode:
            fail("make-corpus: " + r.stdout[-500:])
        self.dir = os.path.join(self.work, "cluster")
        env = dict(os.environ, LONGJING_ADMIN_TOKEN=TOKEN)
        r = self.cli("up", "--corpus", corpus, "--taxonomy", self.taxonomy, "--base-port",
                     str(self.base), "--build", self.build, env=env, check=False)
        if r.returncode:
            self.down()
            fail("scripts/cluster up: " + r.stdout[-1500:])
        self.ports = {}
        with open(os.path.join(self.dir, "run", "ports")) as f:
            for line in f:
                k, v = line.strip().split("=")
                self.ports[k] = int(v)
        log(f"cluster of {count} articles up on ports {self.base}.. in "
            f"{time.monotonic() - started:.1f} s")

    def cli(self, *args, env=None, check=True):
        r = subprocess.run([CLUSTER, *args, "--dir", self.dir], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, env=env)
        if check and r.returncode:
            fail(f"scripts/cluster {' '.join(args)}: {r.stdout[-800:]}")
        return r

    def stop(self, name, kill=False):
        self.cli("stop", name, *(["--kill"] if kill else []))

    def start(self, name):
        self.cli("start", name, env=dict(os.environ, LONGJING_ADMIN_TOKEN=TOKEN))

    def pid(self, name):
        with open(os.path.join(self.dir, "run", name + ".pid")) as f:
            return int(f.read())

    def url(self, port_name, path):
        return f"http://127.0.0.1:{self.ports[port_name]}{path}"

    def get(self, port_name, path, timeout=30):
        return request("GET", self.url(port_name, path), timeout=timeout)

    def get_json(self, port_name, path, timeout=30):
        status, body = self.get(port_name, path, timeout)
        if status != 200:
            fail(f"GET {path} on {port_name}: {status} {body[:300]!r}")
        return json.loads(body)

    def health(self, port_name):
        status, body = self.get(port_name, "/healthz", timeout=5)
        return json.loads(body) if status == 200 else None

    def wait_until(self, what, predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        fail(f"{what}: not within {timeout} s")

    def ingest(self, title, body):
        status, answer = request("POST", self.url("WRITER", "/api/articles"),
                                 {"title": title, "body": body},
                                 {"Authorization": "Bearer " + TOKEN})
        if status != 201:
            fail(f"POST /api/articles: {status} {answer[:300]!r}")
        return json.loads(answer)["id"]

    def log_tail(self, name, n=1500):
        try:
            with open(os.path.join(self.dir, "run", name + ".log"), errors="replace") as f:
                return f.read()[-n:]
        except OSError:
            return ""

    def down(self):
        self.cli("down", check=False)
        if not self.keep:
            shutil.rmtree(self.work, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.down()


def tie_runs(hits, cut, by_score=None):
    """Hits as runs of equal sort keys (score; the date when browsing), each run's ids
    as a set; the last run is "(cut)" when the list was cut there (ties aside)."""
    if by_score is None:
        by_score = any(h.get("score") for h in hits)
    # Not first_seen: two indexes built at different times saw the articles at other times.
    keys = [(round(h.get("score", 0), 6),) if by_score else (h.get("date", ""),) for h in hits]
    runs = []
    for key, h in zip(keys, hits):
        if runs and runs[-1][0] == list(key):
            runs[-1][1].append(h["id"])
        else:
            runs.append([list(key), [h["id"]]])
    for run in runs:
        run[1].sort()
    if runs and cut:
        runs[-1][1] = "(cut)"
    return runs


def comparable(search):
    """A search answer without what may differ between equal indexes: timing, and which
    of the hits that tie at the end of the page made it."""
    out = dict(search)
    out.pop("took_ms", None)
    hits = out.pop("hits", [])
    out["hits"] = tie_runs(hits, len(hits) < search.get("total", 0))
    return out


def queries(taxonomy_path, words=("talent", "semiconductor", "subsidy", "robot", "battery")):
    """Text searches, browsing by each facet's first values, and a text + filter mix."""
    with open(taxonomy_path) as f:
        facets = json.load(f)["facets"]
    qs = ["/api/search"]
    qs += [f"/api/search?q={w}" for w in words]
    for name, facet in facets.items():
        for v in facet["values"][:2]:
            qs.append(f"/api/search?{name}={urllib.parse.quote(v['id'])}")
    names = list(facets)
    if len(names) >= 2:
        a, b = names[0], names[1]
        qs.append(f"/api/search?{a}={facets[a]['values'][0]['id']}&{b}={facets[b]['values'][0]['id']}")
        qs.append(f"/api/search?q={words[0]}&{a}={facets[a]['values'][0]['id']}&sort=newest")
    qs.append("/api/search?lang=fr")
    qs.append("/api/search?sort=oldest&per_page=20")
    qs.append("/api/search?sort=newest&per_page=50")
    return qs


def first_difference(a, b, path=""):
    """Where two JSON values first differ, as 'path: a != b' (for failure messages)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path or '.'}: {json.dumps(a)[:300]} != {json.dumps(b)[:300]}"
