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

The mix (issue 13's classes): single common words (in 5-40 % of the sampled
articles), mid-frequency words (0.5-5 %), two- and three-word ANDs, two-word
phrases, ORs of two or three rarer words (0.05-0.5 %), entity names as free
text, French words, Chinese two-character words and Chinese aliases, and
filter-only browsing. About 40 % of the text queries carry a city or a company
filter, some of them one more (policy/lang/year); each with one of the sorts.
bench_floor and bench/querymix.lua read the same files; queries.tsv names
each line's class, for per-class figures (bench/run's classes stage).
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
    ("browse", 0.12),
    ("common", 0.12),
    ("mid", 0.12),
    ("two", 0.12),
    ("three", 0.08),
    ("phrase", 0.10),
    ("or", 0.08),
    ("entity", 0.10),
    ("fr", 0.08),
    ("zh", 0.08),
]
# Share of text queries with a city or company filter, and of those with one more.
ENTITY_FILTER = 0.4
EXTRA_FILTER = 0.3
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
    """One language's words by the share of sampled articles they are in."""

    def __init__(self, df, alias_words, articles):
        for w in alias_words:
            df.pop(w, None)
        ranked = [w for w, _ in df.most_common() if len(w) > 1] or ["the"]
        n = max(1, articles)

        def band(lo, hi):
            return [w for w in ranked if lo <= df[w] / n <= hi] or ranked

        self.common = band(0.05, 0.40)
        self.middle = band(0.005, 0.05)
        self.rarer = band(0.0005, 0.005)


class Vocabulary:
    """Document frequencies of English and French words and of Chinese bigrams over a sample."""

    def __init__(self, jsonl, sample, alias_words):
        df = {"en": collections.Counter(), "fr": collections.Counter()}
        seen = {"en": 0, "fr": 0}
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
                seen["fr" if a["lang"] == "fr" else "en"] += 1
                df["fr" if a["lang"] == "fr" else "en"].update(dict.fromkeys(w.lower() for w in WORD.findall(text)).keys())
                if a["lang"] == "en" and self.articles % 10 == 1:
                    first = a["body"].split(".")[0]
                    pair = [w.lower() for w in WORD.findall(first)][:2]
                    if len(pair) == 2:
                        self.bigrams.append(" ".join(pair))
        self.words = {lang: Words(c, alias_words, seen[lang]) for lang, c in df.items()}
        self.size = sum(len(c) for c in df.values())
        self.zh_size = len(zh)
        self.zh_common = [g for g, _ in zh.most_common(500)] or ["中国"]


def text_query(rng, cls, vocab, names, zh_aliases):
    w = vocab.words["en"]
    if cls == "common":
        return rng.choice(w.common)
    if cls == "mid":
        return rng.choice(w.middle)
    if cls == "two":
        return " ".join(rng.choice(w.middle) for _ in range(2))
    if cls == "three":
        return " ".join([rng.choice(w.common), rng.choice(w.middle), rng.choice(w.middle)])
    if cls == "phrase":
        return '"%s"' % rng.choice(vocab.bigrams or w.common)
    if cls == "or":
        return " OR ".join(rng.choice(w.rarer) for _ in range(rng.choice((2, 3))))
    if cls == "entity":
        name = rng.choice(names)
        return name if rng.random() < 0.6 else name + " " + rng.choice(w.middle)
    if cls == "fr":
        f = vocab.words["fr"]
        return rng.choice(f.common if rng.random() < 0.5 else f.middle)
    if cls == "zh":
        return rng.choice(zh_aliases) if zh_aliases and rng.random() < 0.3 else rng.choice(vocab.zh_common)
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


def filters(rng, weights, count, facets=None):
    """`count` filters on distinct facets (from `facets`), values as popular as in the corpus."""
    facets = rng.sample(facets or ["city", "company", "policy", "lang", "year"], count)
    out = []
    for facet in sorted(facets):
        if facet == "lang":
            out.append((facet, pick(rng, LANGS)))
        elif facet == "year":
            out.append((facet, rng.choice(YEARS[-6:]) if rng.random() < 0.8 else rng.choice(YEARS)))
        else:
            out.append((facet, pick(rng, weights[facet])))
    return out


def text_filters(rng, weights):
    """ENTITY_FILTER of text queries get a city or company filter, some of them one more."""
    if rng.random() >= ENTITY_FILTER:
        return []
    out = filters(rng, weights, 1, ["city", "company"])
    if rng.random() < EXTRA_FILTER:
        out += filters(rng, weights, 1, ["policy", "lang", "year"])
    return sorted(out)


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
    alias_words, names, zh_aliases = set(), [], []
    for facet in taxonomy["facets"].values():
        for v in facet["values"]:
            names.append(v["name"])
            for alias in [v["name"]] + v.get("aliases", []):
                alias_words.update(w.lower() for w in WORD.findall(alias))
                if alias != v["name"] and not CJK_RUN.fullmatch(alias):
                    names.append(alias)
                elif CJK_RUN.fullmatch(alias):
                    zh_aliases.append(alias)
    sample = min(a.sample, a.articles) if a.articles else a.sample
    vocab = Vocabulary(a.jsonl, sample, alias_words)
    weights = tag_weights(taxonomy, a.truth, a.articles)

    rng = random.Random(a.seed)
    mix = []
    for _ in range(a.mix):
        cls = pick(rng, MIX)
        q = text_query(rng, cls, vocab, names, zh_aliases)
        if cls == "browse":
            filt = filters(rng, weights, pick(rng, [(0, 0.2), (1, 0.5), (2, 0.3)]))
        else:
            filt = text_filters(rng, weights)
        sort = pick(rng, BROWSE_SORTS if cls == "browse" else TEXT_SORTS)
        mix.append((cls, query_string(q, filt, sort)))
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
