"""Shared helpers for Longjing's fault tests and the soak tool (Python 3 stdlib only).

They start the real programs (longjing-index, longjing-serve), kill them, and
check what a user would see afterwards: the index opens, `xapian-check`
passes, the server answers.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def log(*args):
    print(*args, flush=True)


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr, flush=True)
    sys.exit(1)


def make_corpus_path(given):
    """The corpus generator: the option, then $LONGJING_MAKE_CORPUS, then the repository's."""
    path = (given or os.environ.get("LONGJING_MAKE_CORPUS")
            or os.path.join(REPO, "bench", "make-corpus"))
    if not os.access(path, os.X_OK):
        fail(f"corpus generator {path} is missing or not executable "
             "(give --make-corpus or set LONGJING_MAKE_CORPUS)")
    return path


def generate_corpus(generator, out, count, seed, taxonomy_out=None):
    """Writes `count` generated articles into `out` (deterministic by seed)."""
    # The generator takes its output folder as `--out DIR` or as its first argument.
    helptext = subprocess.run([generator, "--help"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True).stdout
    where = ["--out", out] if "--out" in helptext else [out]
    cmd = [generator, *where, "--count", str(count), "--seed", str(seed)]
    if taxonomy_out:
        cmd += ["--taxonomy-out", taxonomy_out]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        fail(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()[-500:]}")


def corpus_articles(corpus):
    """Paths (relative) of the article files, as the indexer would see them."""
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if not f.startswith(".") and f.endswith((".md", ".markdown", ".txt", ".html", ".htm")):
                out.append(os.path.relpath(os.path.join(root, f), corpus))
    return out


class Programs:
    def __init__(self, build, corpus, index, taxonomy, env=None):
        # Absolute: the programs run in the work folder.
        self.index_bin = os.path.abspath(os.path.join(build, "longjing-index"))
        self.serve_bin = os.path.abspath(os.path.join(build, "longjing-serve"))
        for b in (self.index_bin, self.serve_bin):
            if not os.access(b, os.X_OK):
                fail(f"{b} is not built (scripts/build longjing-index longjing-serve)")
        self.corpus, self.index, self.taxonomy = corpus, index, taxonomy
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.cwd = os.path.dirname(os.path.abspath(index))  # no config/longjing.yaml there

    def index_cmd(self, full=False):
        cmd = [self.index_bin, "--corpus", self.corpus, "--index", self.index,
               "--taxonomy", self.taxonomy]
        return cmd + (["--full"] if full else [])

    def start_index(self, full=False):
        return subprocess.Popen(self.index_cmd(full), cwd=self.cwd, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run_index(self, full=False):
        """Runs the indexer to the end; returns (seconds, documents) or fails."""
        start = time.monotonic()
        r = subprocess.run(self.index_cmd(full), cwd=self.cwd, env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        secs = time.monotonic() - start
        if r.returncode != 0:
            fail(f"longjing-index exited {r.returncode}: {r.stderr.strip()[-800:]}")
        m = re.search(r"(\d+) documents at revision", r.stdout)
        if not m:
            fail(f"longjing-index printed no summary: {r.stdout!r}")
        return secs, int(m.group(1))

    def start_server(self, watch=False, token=None, extra=()):
        """Starts longjing-serve on a free port; returns Server once it listens."""
        cmd = [self.serve_bin, "--corpus", self.corpus, "--index", self.index,
               "--taxonomy", self.taxonomy, "--web", os.path.join(REPO, "web"),
               "--port", "0", *extra]
        if not watch:
            cmd.append("--no-watch")
        env = dict(self.env)
        env.pop("LONGJING_ADMIN_TOKEN", None)
        if token:
            env["LONGJING_ADMIN_TOKEN"] = token
        return Server(cmd, self.cwd, env)


class Server:
    def __init__(self, cmd, cwd, env, timeout=120):
        self.stderr_path = os.path.join(cwd, f"serve-{time.time_ns()}.log")
        self.stderr = open(self.stderr_path, "w")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                                     stderr=self.stderr, text=True)
        line = self.proc.stdout.readline()  # "Longjing serving N articles at http://H:P/"
        m = re.search(r"serving (\d+) articles at (http://\S+?)/?$", line.strip())
        if not m:
            self.proc.kill()
            self.proc.wait()
            fail(f"longjing-serve did not start (exit {self.proc.returncode}): "
                 f"{line!r} {self.log_tail()}")
        self.articles = int(m.group(1))
        self.base = m.group(2)

    def log_tail(self):
        self.stderr.flush()
        with open(self.stderr_path, errors="replace") as f:
            return f.read()[-800:]

    def log_lines(self, word):
        """The server log's lines containing `word`."""
        self.stderr.flush()
        with open(self.stderr_path, errors="replace") as f:
            return [line.rstrip() for line in f if word in line]

    def get(self, path, timeout=30):
        return request("GET", self.base + path, timeout=timeout)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()
        os.unlink(self.stderr_path)
        return self.proc.returncode


def request(method, url, body=None, headers=None, timeout=30):
    """Returns (status, bytes); connection errors raise OSError."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def quote(s):
    return urllib.parse.quote(s, safe="")


def xapian_check(db_path):
    """Runs xapian-check on a database; returns '' when clean, else its complaint."""
    exe = shutil.which("xapian-check")
    if not exe:
        fail("xapian-check is not installed (Debian package xapian-tools)")
    r = subprocess.run([exe, db_path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0 or "No errors found" not in r.stdout:
        return (r.stdout.strip().splitlines() or ["(no output)"])[-1]
    return ""


def current_generation(index_dir):
    """The database `current` points at (see core/src/index/index_dir.cpp), or None."""
    link = os.path.join(index_dir, "current")
    if not os.path.islink(link):
        return None
    return os.path.realpath(link)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0
