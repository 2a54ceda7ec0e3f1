#!/usr/bin/env python3
"""Format check for the Surligneur evaluation set (tests/eval/*.txt).

Usage: python3 tests/eval/check.py            (checks every *.txt next to this file)
       python3 tests/eval/check.py FILE...

Checks: every passage has a `## register-NNN loaded|neutral` header, IDs are unique and
match the file's register, every `[[text|category]]` is well formed with a known category,
no stray brackets, neutral passages carry no rhetoric span (sentiment only), loaded passages
carry at least two, passages are 30-120 words. Prints counts per file, kind and category.
Standard library only; exit status 1 on any error.
"""
import collections, glob, os, re, sys

CATS = {"war", "loaded", "labeling", "fear", "exaggeration", "flag_waving", "unsourced", "sentiment"}
RHET = CATS - {"sentiment"}
HEADER = re.compile(r"^## ([a-z]+-\d{3}) (loaded|neutral)\s*$")
SPAN = re.compile(r"\[\[([^\[\]|]+)\|([a-z_]+)\]\]")


def main(paths):
    ids, kinds, cats, errs, perfile = set(), collections.Counter(), collections.Counter(), [], {}
    for path in sorted(paths):
        reg = os.path.basename(path)[:-4]
        passages, cur = [], None
        with open(path, encoding="utf-8") as fh:
            for ln, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                m = HEADER.match(line)
                if m:
                    cur = [m.group(1), m.group(2), []]
                    passages.append(cur)
                    if not m.group(1).startswith(reg + "-"):
                        errs.append(f"{path}:{ln}: id {m.group(1)} does not match register {reg}")
                    if m.group(1) in ids:
                        errs.append(f"{path}:{ln}: duplicate id {m.group(1)}")
                    ids.add(m.group(1))
                elif line.startswith("#"):
                    errs.append(f"{path}:{ln}: malformed header: {line!r}")
                elif line.strip():
                    if cur is None:
                        errs.append(f"{path}:{ln}: text before the first header")
                    else:
                        cur[2].append(line)
        perfile[reg] = collections.Counter()
        for pid, kind, lines in passages:
            text = "\n".join(lines)
            spans = SPAN.findall(text)
            rest = SPAN.sub("", text)
            if "[[" in rest or "]]" in rest or "|" in rest:
                errs.append(f"{pid}: malformed span markup")
            for t, c in spans:
                if c not in CATS:
                    errs.append(f"{pid}: unknown category {c!r}")
                if t != t.strip():
                    errs.append(f"{pid}: span {t!r} has surrounding whitespace")
                cats[c] += 1
            nr = sum(c in RHET for _, c in spans)
            if kind == "neutral" and nr:
                errs.append(f"{pid}: neutral passage with rhetoric spans")
            if kind == "loaded" and nr < 2:
                errs.append(f"{pid}: loaded passage with fewer than 2 rhetoric spans")
            plain = SPAN.sub(lambda m: m.group(1), text)
            words = len(re.findall(r"[\w’'-]+", plain))
            if not 30 <= words <= 120:
                errs.append(f"{pid}: {words} words (expected 30-120)")
            kinds[kind] += 1
            perfile[reg][kind] += 1
    for reg, c in perfile.items():
        print(f"{reg:8} loaded={c['loaded']:3} neutral={c['neutral']:3}")
    print(f"total    loaded={kinds['loaded']:3} neutral={kinds['neutral']:3} passages={sum(kinds.values())}")
    for c in sorted(CATS):
        print(f"  {c:13} {cats[c]:4}")
    print(f"  {'(all spans)':13} {sum(cats.values()):4}")
    for e in errs:
        print("ERROR", e)
    return 1 if errs else 0


if __name__ == "__main__":
    args = sys.argv[1:] or glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "*.txt"))
    sys.exit(main(args))
