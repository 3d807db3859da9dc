"""dupes.py: planted near-duplicates for bench/make-corpus --dupes.

Writes DIR/dupes/*.md and a truth file, one JSON line per planted pair
{a, b, kind, how} (paths relative to DIR):
  kind "copy"      b is a near-copy of a: headline reworded, 5-10 % of the
                   words (Chinese: characters) changed, and boilerplate
                   added (a syndication line before, a newsletter line after)
                   or removed (a copy of a copy that drops it). Longjing
                   should group the pair.
  kind "distinct"  b is another article on a's topic: a's headline, date and
                   first sentence, then text of its own. Longjing must not
                   group the pair.
Deterministic for a seed; reads nothing but make-corpus's model.
"""

import datetime
import json
import os
import random

BOILERPLATE = {
    "en": ("This story was first published by {src} and is republished with permission.",
           "Subscribe to our newsletter for daily analysis of China's industrial policy, "
           "and follow us for updates."),
    "fr": ("Cet article a d'abord été publié par {src} et il est reproduit avec son autorisation.",
           "Abonnez-vous à notre lettre d'information pour recevoir chaque jour nos analyses "
           "de la politique industrielle chinoise."),
    "zh": ("本文首发于{src}，经授权转载。", "欢迎订阅我们的每日简报，获取更多关于中国产业政策的分析和评论。"),
}
HEADLINE_PREFIX = {"en": "Update: ", "fr": "Mise à jour : ", "zh": "快讯："}


def shift(iso, days):
    if not iso:
        return ""
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


def write_md(out, rel, title, date, source, url, body):
    front = ["---", "title: " + json.dumps(title, ensure_ascii=False)]
    if date:
        front.append(f"date: {date}")
    front += ["source: " + json.dumps(source, ensure_ascii=False), f"url: {url}", "---", ""]
    with open(os.path.join(out, rel), "w", encoding="utf-8") as f:
        f.write("\n".join(front) + "\n" + body + "\n")


def reword(model, rng, lang, text, share):
    """`share` of the words (Chinese: characters) replaced by others."""
    if lang == "zh":
        chars = list(text)
        for i, c in enumerate(chars):
            if "\u4e00" <= c <= "\u9fff" and rng.random() < share:
                chars[i] = rng.choice(rng.choice(model.lexicon_table))
        return "".join(chars)
    paragraphs = []
    for para in text.split("\n\n"):
        words = para.split(" ")
        for i, w in enumerate(words):
            if rng.random() < share:
                core = w.rstrip(".,?;:")
                words[i] = rng.choice(model.vocab_table[lang]) + w[len(core):]
        paragraphs.append(" ".join(words))
    return "\n\n".join(paragraphs)


def reword_headline(model, rng, lang, title):
    if lang == "zh":
        return HEADLINE_PREFIX[lang] + reword(model, rng, lang, title, 0.2)
    words = title.split(" ")
    if len(words) > 2:
        i, j = rng.sample(range(len(words)), 2)
        words[i], words[j] = words[j], words[i]
        words[rng.randrange(len(words))] = rng.choice(model.vocab_table[lang])
    return HEADLINE_PREFIX[lang] + " ".join(words)


def with_boilerplate(lang, body, source):
    head, foot = BOILERPLATE[lang]
    sep = "\n\n"
    return head.format(src=source) + sep + body + sep + foot


def first_sentence(lang, body):
    end = "。" if lang == "zh" else ". "
    at = body.find(end)
    return body if at < 0 else body[:at + len(end)].strip()


def plant(model, make_article, out, count, seed, pairs, truth_path):
    """Plants `pairs` copy pairs (half of them as a copy of a copy, which
    adds a pair) and `pairs` distinct pairs; returns the files written."""
    rng = random.Random(seed * 7919 + 17)
    os.makedirs(os.path.join(out, "dupes"), exist_ok=True)
    picks = rng.sample(range(count), min(count, 2 * pairs))
    truth, files, fresh = [], 0, count + 1_000_000

    def new_file(kind, title, date, source, url, body):
        nonlocal files
        files += 1
        rel = f"dupes/{kind}-{files:06d}.md"
        write_md(out, rel, title, date, source, url, body)
        return rel

    for k, i in enumerate(picks[:pairs]):
        a = make_article(i, seed)[2]
        lang, share = a["lang"], rng.uniform(0.05, 0.10)
        title = reword_headline(model, rng, lang, a["title"])
        url = f"https://syndication.example/{seed}/{k}"
        if k % 2 == 0:
            body = with_boilerplate(lang, reword(model, rng, lang, a["body"], share), a["source"])
            b = new_file("copy", title, shift(a["date"], 1), "Syndicated", url, body)
            truth.append({"a": a["path"], "b": b, "kind": "copy",
                          "how": f"headline reworded, {share:.0%} of words changed, boilerplate added"})
        else:
            syndicated = with_boilerplate(lang, a["body"], a["source"])
            s1 = new_file("copy", title, shift(a["date"], 1), "Syndicated", url, syndicated)
            body = reword(model, rng, lang, a["body"], share)
            s2 = new_file("copy", a["title"], shift(a["date"], 2), "Resyndicated", url + "/b", body)
            truth.append({"a": a["path"], "b": s1, "kind": "copy", "how": "boilerplate added"})
            truth.append({"a": s1, "b": s2, "kind": "copy",
                          "how": f"boilerplate removed, headline restored, {share:.0%} of words changed"})
    for k, j in enumerate(picks[pairs:]):
        t = make_article(j, seed)[2]
        for _ in range(200):
            other = make_article(fresh, seed)[2]
            fresh += 1
            if other["lang"] == t["lang"]:
                break
        body = first_sentence(t["lang"], t["body"]) + ("" if t["lang"] == "zh" else " ") + other["body"]
        b = new_file("topic", t["title"], t["date"], other["source"],
                     f"https://other.example/{seed}/{k}", body)
        truth.append({"a": t["path"], "b": b, "kind": "distinct",
                      "how": "same headline, date and first sentence; own text"})
    with open(truth_path, "w", encoding="utf-8") as f:
        for row in truth:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return files
