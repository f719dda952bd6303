"""Rebuild ``kuaiclaims/data/name_chars.tsv`` from jieba's own dictionary and POS model.

    python bench/name_chars.py            # rewrite the data file
    python bench/name_chars.py --check    # exit 1 if the shipped file differs

How person-like is a character as the given name of a Chinese name? For
every character, the table holds two log-ratios:

- ``mid``: log P(char | first given-name character, jieba's ``M``/``nr``
  state) minus log P(char) in general text;
- ``end``: the same for the last character of a name (``E``/``nr``).

P(char | state) is the emission table of ``jieba.posseg``'s HMM; P(char)
is each character's share of the word frequencies in jieba's ``dict.txt``.
Both ship with jieba under the MIT licence, so the derived table may ship
with kuaiclaims (see kuaiclaims/data/README.md). No CLUENER data is read.
A character jieba's model never saw in a name has an empty cell (names.py
reads it as -9); a character missing from the table is one the model never
saw at all, rare enough to be read as neutral (0).
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kuaiclaims" / "data" / "name_chars.tsv"


def build() -> str:
    import jieba
    from jieba.posseg import emit_P

    dict_path = Path(jieba.__file__).with_name("dict.txt")
    freq: Counter = Counter()
    with dict_path.open(encoding="utf-8") as f:
        for line in f:
            word, n, _tag = line.split()
            for ch in word:
                freq[ch] += int(n)
    total = sum(freq.values())
    mid, end = emit_P[("M", "nr")], emit_P[("E", "nr")]

    def ratio(table, ch):
        if ch not in table:
            return None
        return table[ch] - math.log((freq.get(ch, 0) + 1) / total)

    rows = []
    seen = set(mid) | set(end) | {ch for state, table in emit_P.items() for ch in table}
    for ch in sorted(seen):
        if not ("\u4e00" <= ch <= "\u9fff"):
            continue
        m, e = ratio(mid, ch), ratio(end, ch)
        rows.append(f"{ch}\t{'' if m is None else round(m, 1)}\t{'' if e is None else round(e, 1)}")
    head = ("# Given-name characters: log P(char | jieba posseg state M/nr or E/nr) - log P(char).\n"
            "# Built by bench/name_chars.py from jieba " + jieba.__version__ + " (MIT). An empty cell: no emission.\n"
            "# char\tmid\tend\n")
    return head + "\n".join(rows) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = ap.parse_args(argv)
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("name_chars.tsv is up to date" if same else "name_chars.tsv differs: run bench/name_chars.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 3} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
