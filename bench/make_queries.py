#!/usr/bin/env python3
"""make_queries.py: the benchmark's query mix, from the corpus and its taxonomy.

    make_queries.py --jsonl CORPUS.jsonl --taxonomy TAXONOMY.json --out DIR
                    [--truth TRUTH.jsonl] [--articles N] [--sample 10000] [--mix 2000] [--browse 500] [--seed 7]

Reads the first N articles of make-corpus's --jsonl file (its vocabulary
from the first --sample of them) and writes, deterministically:

  DIR/queries.txt   the mix: one URL query string per line, as GET /api/search
                    takes it ("q=talent+subsidy&city=hangzhou&sort=newest")
  DIR/browse.txt    the filter-only browsing subset: empty q, one or two filters
  DIR/queries.tsv   class<TAB>query string, for reading the mix

The mix: single words (common, rare), two and three words, phrases, OR,
taxonomy names (the server's cross-language entities), Chinese words, and
empty queries (browse); each with none, one or two facet filters
(city/company/policy/lang/year) and one of the sorts. bench_floor and
bench/querymix.lua read the same files. Python standard library only.
"""

import argparse
import collections
import json
import os
import random
import re
import sys
import urllib.parse

WORD = re.compile(r"[^\W\d_]+")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")

# class -> share of the mix
MIX = [
    ("browse", 0.15),
    ("common", 0.15),
    ("rare", 0.10),
    ("two", 0.15),
    ("three", 0.10),
    ("phrase", 0.10),
    ("or", 0.08),
    ("entity", 0.10),
    ("zh", 0.07),
]
FILTER_COUNTS = [(0, 0.5), (1, 0.3), (2, 0.2)]
TEXT_SORTS = [(None, 0.6), ("newest", 0.3), ("oldest", 0.1)]
BROWSE_SORTS = [(None, 0.7), ("oldest", 0.3)]  # browsing defaults to newest
LANGS = [("en", 0.7), ("fr", 0.15), ("zh", 0.15)]
YEARS = [str(y) for y in range(2015, 2027)]


def pick(rng, weighted):
    x = rng.random() * sum(w for _, w in weighted)
    for value, w in weighted:
        x -= w
        if x < 0:
            return value
    return weighted[-1][0]


class Words:
    """One language's words by document frequency."""

    def __init__(self, df, alias_words):
        for w in alias_words:
            df.pop(w, None)
        ranked = [w for w, _ in df.most_common() if len(w) > 1] or ["the"]
        self.common = ranked[:300]
        self.middle = ranked[300:5000] or ranked
        self.rare = sorted(w for w, c in df.items() if c == 1 and len(w) > 3) or ranked[-100:]


class Vocabulary:
    """Document frequencies of English and French words and of Chinese bigrams over a sample."""

    def __init__(self, jsonl, sample, alias_words):
        df = {"en": collections.Counter(), "fr": collections.Counter()}
        zh = collections.Counter()
        self.bigrams = []  # adjacent word pairs seen in English text
        self.articles = 0
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                if self.articles >= sample:
                    break
                self.articles += 1
                a = json.loads(line)
                text = a["title"] + "\n" + a["body"]
                if a["lang"] == "zh":
                    # dict.fromkeys, not set: insertion order breaks ties, whatever PYTHONHASHSEED
                    grams = {}
                    for run in CJK_RUN.findall(text):
                        grams.update(dict.fromkeys(run[i:i + 2] for i in range(len(run) - 1)))
                    zh.update(grams.keys())
                    continue
                df["fr" if a["lang"] == "fr" else "en"].update(dict.fromkeys(w.lower() for w in WORD.findall(text)).keys())
                if a["lang"] == "en" and self.articles % 10 == 1:
                    first = a["body"].split(".")[0]
                    pair = [w.lower() for w in WORD.findall(first)][:2]
                    if len(pair) == 2:
                        self.bigrams.append(" ".join(pair))
        self.words = {lang: Words(c, alias_words) for lang, c in df.items()}
        self.size = sum(len(c) for c in df.values())
        self.zh_size = len(zh)
        self.zh_common = [g for g, _ in zh.most_common(500)] or ["中国"]


def text_query(rng, cls, vocab, names):
    w = vocab.words["fr" if rng.random() < 0.2 else "en"]
    if cls == "common":
        return rng.choice(w.common)
    if cls == "rare":
        return rng.choice(w.rare)
    if cls == "two":
        return " ".join(rng.choice(w.middle) for _ in range(2))
    if cls == "three":
        return " ".join([rng.choice(w.common), rng.choice(w.middle), rng.choice(w.middle)])
    if cls == "phrase":
        return '"%s"' % rng.choice(vocab.bigrams or w.common)
    if cls == "or":
        return "%s OR %s" % (rng.choice(w.middle), rng.choice(w.rare))
    if cls == "entity":
        name = rng.choice(names)
        return name if rng.random() < 0.6 else name + " " + rng.choice(vocab.words["en"].middle)
    if cls == "zh":
        return rng.choice(vocab.zh_common)
    return ""


def tag_weights(taxonomy, truth, articles):
    """facet -> [(id, weight)]: how many articles carry each value (1 each without --truth)."""
    counts = collections.Counter()
    if truth:
        with open(truth, encoding="utf-8") as f:
            for n, line in enumerate(f):
                if articles and n >= articles:
                    break
                t = json.loads(line)
                for facet in taxonomy["facets"]:
                    counts.update((facet, i) for i in t.get(facet, []))
    return {facet: [(v["id"], counts[(facet, v["id"])] if truth else 1) for v in spec["values"]]
            for facet, spec in taxonomy["facets"].items()}


def filters(rng, weights, count):
    """`count` filters on distinct facets, values as popular as they are in the corpus."""
    facets = rng.sample(["city", "company", "policy", "lang", "year"], count)
    out = []
    for facet in sorted(facets):
        if facet == "lang":
            out.append((facet, pick(rng, LANGS)))
        elif facet == "year":
            out.append((facet, rng.choice(YEARS[-6:]) if rng.random() < 0.8 else rng.choice(YEARS)))
        else:
            out.append((facet, pick(rng, weights[facet])))
    return out


def query_string(q, filt, sort):
    params = [("q", q)] + filt + ([("sort", sort)] if sort else [])
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote_plus)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jsonl", required=True)
    ap.add_argument("--taxonomy", required=True)
    ap.add_argument("--truth", help="make-corpus --truth file: filter values as popular as in the corpus")
    ap.add_argument("--out", required=True)
    ap.add_argument("--articles", type=int, default=0, help="articles in the benchmark corpus (0: all)")
    ap.add_argument("--sample", type=int, default=10000, help="articles read for the vocabulary")
    ap.add_argument("--mix", type=int, default=2000)
    ap.add_argument("--browse", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    with open(a.taxonomy, encoding="utf-8") as f:
        taxonomy = json.load(f)
    alias_words, names = set(), []
    for facet in taxonomy["facets"].values():
        for v in facet["values"]:
            names.append(v["name"])
            for alias in [v["name"]] + v.get("aliases", []):
                alias_words.update(w.lower() for w in WORD.findall(alias))
                if alias != v["name"] and not CJK_RUN.fullmatch(alias):
                    names.append(alias)
    sample = min(a.sample, a.articles) if a.articles else a.sample
    vocab = Vocabulary(a.jsonl, sample, alias_words)
    weights = tag_weights(taxonomy, a.truth, a.articles)

    rng = random.Random(a.seed)
    mix = []
    for _ in range(a.mix):
        cls = pick(rng, MIX)
        q = text_query(rng, cls, vocab, names)
        n = pick(rng, FILTER_COUNTS) if cls != "browse" else pick(rng, [(0, 0.2), (1, 0.5), (2, 0.3)])
        sort = pick(rng, BROWSE_SORTS if cls == "browse" else TEXT_SORTS)
        mix.append((cls, query_string(q, filters(rng, weights, n), sort)))
    browse = []
    for _ in range(a.browse):
        n = pick(rng, [(1, 0.6), (2, 0.4)])
        browse.append(query_string("", filters(rng, weights, n), pick(rng, BROWSE_SORTS)))

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "queries.txt"), "w", encoding="utf-8") as f:
        f.writelines(qs + "\n" for _, qs in mix)
    with open(os.path.join(a.out, "queries.tsv"), "w", encoding="utf-8") as f:
        f.writelines("%s\t%s\n" % (cls, qs) for cls, qs in mix)
    with open(os.path.join(a.out, "browse.txt"), "w", encoding="utf-8") as f:
        f.writelines(qs + "\n" for qs in browse)
    counts = collections.Counter(cls for cls, _ in mix)
    print("make_queries: %d queries (%s), %d browse; vocabulary from %d articles: %d words, %d zh bigrams"
          % (len(mix), ", ".join("%s %d" % (c, counts[c]) for c, _ in MIX), len(browse), vocab.articles,
             vocab.size, vocab.zh_size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
