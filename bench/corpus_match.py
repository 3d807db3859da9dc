"""The reference matcher of bench/make-corpus and bench/check-truth.

It follows the tagger's rules (core/include/longjing/tagger.h) on the text
the generator writes: fold (accents dropped, lower case, typographic
apostrophe as ', Traditional Chinese as Simplified for the characters the
generator uses), white space collapsed; aliases that start or end with a
letter or digit must not touch another letter or digit there (CJK characters
are not letters for this rule); CJK aliases match anywhere; overlapping
candidates resolve leftmost, then longest. Python 3 standard library only.
"""

import re
import unicodedata
from bisect import bisect_left

import corpus_data

FACETS = ("city", "company", "policy")

_CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_RANGES}]")
_MARKS = re.compile("[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACE = re.compile(r"\s+")
# A letter or digit of folded Latin, Greek or Cyrillic text: the tagger's
# word character, as far as generated text goes (CJK characters are not).
_WORD = "[0-9a-z\u00b5\u00df-\u024f\u0370-\u03ff\u0400-\u04ff]"
_WORD_RUN = re.compile(f"{_WORD}+")



def _fold_table():
    table = {0x2019: "'", 0x02BC: "'", 0x2010: "-", 0x2011: "-"}
    for c in range(0xFF01, 0xFF5F):
        table[c] = chr(c - 0xFF01 + 0x21)
    pairs = "".join(corpus_data.S2T_PAIRS.split())
    for s, t in zip(pairs[0::2], pairs[1::2]):
        table[ord(t)] = s
    return table


_FOLD = _fold_table()


def fold(text):
    """The text as the tagger's automaton sees it (for generated text)."""
    text = unicodedata.normalize("NFD", text.translate(_FOLD))
    text = _MARKS.sub("", text).lower()
    return _SPACE.sub(" ", text).strip()


def is_word_char(c):
    return c.isalnum() and not _CJK.match(c)


def is_cjk(c):
    return bool(_CJK.match(c))


def taxonomy_keys(taxonomy):
    """{folded alias: (facet, id)}; names count as aliases, first value wins."""
    owner = {}
    for facet in FACETS:
        for v in taxonomy["facets"][facet]["values"]:
            for alias in [v["name"]] + v["aliases"]:
                key = fold(alias)
                if key:
                    owner.setdefault(key, (facet, v["id"]))
    return owner


class Matcher:
    """Leftmost-longest alias matching over folded text."""

    def __init__(self, taxonomy):
        self.owner = taxonomy_keys(taxonomy)
        self.sorted_keys = sorted(self.owner)
        # Keys that start with a word character, by their first word (a
        # match must start with a whole word of the text); the others by
        # their first character. Longest first within each list.
        self.by_run, self.by_char = {}, {}
        for key in sorted(self.owner, key=len, reverse=True):
            if is_word_char(key[0]):
                self.by_run.setdefault(_WORD_RUN.match(key).group(), []).append(key)
            else:
                self.by_char.setdefault(key[0], []).append(key)
        self.char_re = re.compile("[" + "".join(re.escape(c) for c in self.by_char) + "]")

    def _longest(self, folded, pos, keys):
        for key in keys:
            end = pos + len(key)
            if folded.startswith(key, pos) and not (
                    end < len(folded) and is_word_char(key[-1]) and is_word_char(folded[end])):
                return key
        return None

    def find(self, folded):
        """[(start, end, facet, id)] of a folded text, in text order."""
        starts = {}
        for m in _WORD_RUN.finditer(folded):
            keys = self.by_run.get(m.group())
            key = keys and self._longest(folded, m.start(), keys)
            if key:
                starts[m.start()] = key
        for m in self.char_re.finditer(folded):
            key = self._longest(folded, m.start(), self.by_char[m.group()])
            if key:
                starts[m.start()] = key
        found, covered = [], 0
        for pos in sorted(starts):
            if pos >= covered:
                key = starts[pos]
                covered = pos + len(key)
                found.append((pos, covered) + self.owner[key])
        return found

    def tags(self, text):
        """{facet: sorted ids} named in an unfolded text."""
        found = {f: set() for f in FACETS}
        for _, _, facet, vid in self.find(fold(text)):
            found[facet].add(vid)
        return {f: sorted(ids) for f, ids in found.items()}

    def extends(self, folded):
        """True when some key starts with a suffix of `folded` (or all of it)
        and is longer: the text that follows could complete that key."""
        for p in range(len(folded)):
            if p and is_word_char(folded[p - 1]) and is_word_char(folded[p]):
                continue  # no alias starts inside a word
            tail = folded[p:]
            i = bisect_left(self.sorted_keys, tail)
            while i < len(self.sorted_keys) and self.sorted_keys[i].startswith(tail):
                if len(self.sorted_keys[i]) > len(tail):
                    return True
                i += 1
        return False
