#!/usr/bin/env python3
"""Recall and precision of the lexicons on the development set (lexicons/dev/*.md).

    cargo build --release && python3 scripts/dev-eval.py [--misses] [--fp] [--lexicons=DIR] [FILES...]

A passage starts with `## ID KIND` (KIND: loaded or neutral); gold spans are written
inline as [[exact text|category]]. The CLI (target/release/surligneur --json) runs on the
text without the marks; a found span and a gold span match when they overlap (UTF-16
offsets) and have the same category. Recall per gold category, precision per found
category; a span found with another category counts as a miss and as a false positive
(and is listed as `confused`). This is the team's development set, not the evaluation
(tests/eval/ is never read here). --lexicons=DIR runs the CLI on DIR's *.tsv instead of
the embedded lexicons (to compare with an older version: `git show REV:lexicons/war.tsv`…).
"""
import glob, json, os, re, subprocess, sys, tempfile
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATS = ["war", "loaded", "labeling", "fear", "exaggeration", "flag_waving", "unsourced", "sentiment"]
MARK = re.compile(r"\[\[([^\]|]+)\|([a-z_]+)\]\]")

def u16(s):
    return len(s.encode("utf-16-le")) // 2

def parse(path):
    passages, cur = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^## (\S+) (loaded|neutral)\s*$", line)
        if m:
            cur = {"id": m.group(1), "kind": m.group(2), "raw": ""}
            passages.append(cur)
        elif cur is not None:
            cur["raw"] += line
    for p in passages:
        raw, text, gold, pos = p["raw"].strip(), "", [], 0
        for m in MARK.finditer(raw):
            text += raw[pos:m.start()]
            start = u16(text)
            text += m.group(1)
            assert m.group(2) in CATS, (p["id"], m.group(2))
            gold.append((start, u16(text), m.group(2), m.group(1)))
            pos = m.end()
        text += raw[pos:]
        assert "[[" not in text and "]]" not in text, p["id"]
        p["text"], p["gold"] = text, gold
    return passages

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    lexdir = next((a.split("=", 1)[1] for a in flags if a.startswith("--lexicons=")), None)
    files = args or sorted(glob.glob(os.path.join(ROOT, "lexicons/dev/*.md")))
    files = [f for f in files if not f.endswith("README.md")]
    passages = [p for f in files for p in parse(f)]
    exe = os.path.join(ROOT, "target/release/surligneur")
    extra = []
    if lexdir:
        extra = ["--no-embedded", "--rules", os.path.join(lexdir, "rules.tsv")]
        for c in CATS:
            extra += ["--lexicon", os.path.join(lexdir, f"{c}.tsv")]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, p in enumerate(passages):
            path = os.path.join(tmp, f"{i:04d}.txt")
            open(path, "w", encoding="utf-8").write(p["text"])
            paths.append(path)
        out = subprocess.run([exe, "--json", *extra, *paths], capture_output=True, text=True, check=True).stdout
        by_source = {}
        for line in out.splitlines():
            obj = json.loads(line)
            by_source[obj.get("source", paths[0])] = obj
        for p, path in zip(passages, paths):
            p["found"] = [(s["start"], s["end"], s["category"], s["text"]) for s in by_source[path]["spans"]]
    tp_g, n_g, tp_f, n_f = Counter(), Counter(), Counter(), Counter()
    misses, fps, confused = [], [], []
    neutral_fp = 0
    for p in passages:
        for g in p["gold"]:
            n_g[g[2]] += 1
            hits = [f for f in p["found"] if f[0] < g[1] and g[0] < f[1]]
            if any(f[2] == g[2] for f in hits):
                tp_g[g[2]] += 1
            else:
                misses.append((p["id"], g))
                if hits:
                    confused.append((p["id"], g[3], g[2], [(f[3], f[2]) for f in hits]))
        for f in p["found"]:
            n_f[f[2]] += 1
            if any(g[0] < f[1] and f[0] < g[1] and g[2] == f[2] for g in p["gold"]):
                tp_f[f[2]] += 1
            else:
                fps.append((p["id"], f))
                if p["kind"] == "neutral":
                    neutral_fp += 1
    print(f"{len(passages)} passages ({sum(p['kind'] == 'loaded' for p in passages)} loaded), "
          f"{sum(n_g.values())} gold spans, {sum(n_f.values())} found")
    print(f"{'category':<13} {'gold':>5} {'found':>5} {'recall':>7} {'prec':>6} {'F1':>6}")
    def row(name, tg, ng, tf, nf):
        r = tg / ng if ng else 0.0
        pr = tf / nf if nf else 0.0
        f1 = 2 * r * pr / (r + pr) if r + pr else 0.0
        print(f"{name:<13} {ng:>5} {nf:>5} {r:>7.3f} {pr:>6.3f} {f1:>6.3f}")
    for c in CATS:
        row(c, tp_g[c], n_g[c], tp_f[c], n_f[c])
    row("all", sum(tp_g.values()), sum(n_g.values()), sum(tp_f.values()), sum(n_f.values()))
    print(f"spans in neutral passages: {neutral_fp}; found with another category: {len(confused)}")
    if "--misses" in flags:
        print("\nmisses (gold not found in its category):")
        for pid, g in misses:
            print(f"  {pid:<18} {g[2]:<13} {g[3]}")
        print("\nconfused:")
        for c in confused:
            print(f"  {c[0]:<18} {c[2]:<13} {c[1]} <- {c[3]}")
    if "--fp" in flags:
        print("\nfound, not gold:")
        for pid, f in fps:
            print(f"  {pid:<18} {f[2]:<13} {f[3]}")

main()
