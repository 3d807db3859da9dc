#!/usr/bin/env python3
"""mutate.py: deterministic edits to a benchmark corpus, for the incremental runs.

    mutate.py change|add|remove --corpus DIR --percent 1 [--seed 11]

Picks files from the sorted list of DIR's NNNN/*.md files, each action its own
disjoint slice, so the three can run one after the other:
  change  appends a paragraph to 1 % of the files (new bytes, same path)
  add     copies 1 % of the files to DIR/bench-added/ with a new title
  remove  deletes 1 % of the files
Files are replaced (write to a hidden temporary, then rename), never edited
in place, so a corpus made of hard links to a generated one (cp -al) leaves
the original untouched. Prints "mutate: <action> <n> files".
"""

import argparse
import os
import random
import sys

ACTIONS = ("change", "add", "remove")


def corpus_files(root):
    files = []
    for folder in sorted(os.listdir(root)):
        path = os.path.join(root, folder)
        if folder.isdigit() and os.path.isdir(path):
            files.extend(os.path.join(folder, f) for f in sorted(os.listdir(path)) if f.endswith(".md"))
    return files


def replace(path, text):
    tmp = os.path.join(os.path.dirname(path), ".mutate-" + os.path.basename(path))
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=ACTIONS)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--percent", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()

    files = corpus_files(a.corpus)
    n = max(1, int(len(files) * a.percent / 100))
    picked = random.Random(a.seed).sample(files, min(len(files), 3 * n))
    mine = picked[ACTIONS.index(a.action) * n:(ACTIONS.index(a.action) + 1) * n]
    for k, rel in enumerate(sorted(mine)):
        path = os.path.join(a.corpus, rel)
        if a.action == "remove":
            os.remove(path)
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if a.action == "change":
            replace(path, text.rstrip("\n") + "\n\nBenchmark revision %d: the paragraph added by bench/mutate.py.\n" % k)
        else:
            dest_dir = os.path.join(a.corpus, "bench-added")
            os.makedirs(dest_dir, exist_ok=True)
            quoted = 'title: "' in text
            text = text.replace('title: "' if quoted else "title: ", ('title: "Added %d ' if quoted else "title: Added %d ") % k, 1)
            replace(os.path.join(dest_dir, "%06d.md" % k), text)
    print("mutate: %s %d files" % (a.action, len(mine)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
