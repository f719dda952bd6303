"""Rebuild the two data files names.py derives from jieba's own dictionary and POS model.

    python bench/name_chars.py            # rewrite kuaiclaims/data/name_chars.tsv and jieba_names.txt
    python bench/name_chars.py --check    # exit 1 if a shipped file differs

``name_chars.tsv``: how person-like is a character as the given name of a
Chinese name? For every character, two log-ratios:

- ``mid``: log P(char | first given-name character, jieba's ``M``/``nr``
  state) minus log P(char) in general text;
- ``end``: the same for the last character of a name (``E``/``nr``).

P(char | state) is the emission table of ``jieba.posseg``'s HMM; P(char)
is each character's share of the word frequencies in jieba's ``dict.txt``.
A character jieba's model saw but never in a name has an empty cell
(names.py reads it as -3); a character missing from the table is one the
model never saw at all, rare enough to be read as neutral (0).

``jieba_names.txt``: the full names in jieba's dictionary (tagged ``nr`` or
``nrfg``, three characters, a common surname first), so that a name jieba
keeps whole (``周星驰``) is known without a title or a verb next to it. Only
names whose given name is name-like (``name_chars.tsv`` >= 0), that jieba
uses rarely (frequency <= 100: common words tagged ``nr``, like ``许可证``,
are more frequent), that are not a form of address (``黄先生``) and not a
transliteration (every character a transliteration character: ``莫斯科``).

Both files come from jieba, which ships under the MIT licence, so they may
ship with kuaiclaims (see kuaiclaims/data/README.md). No CLUENER data is read.
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kuaiclaims" / "data"
CHARS = DATA / "name_chars.tsv"
NAMES = DATA / "jieba_names.txt"
MAX_FREQ = 100


def _dictionary():
    import jieba

    with Path(jieba.__file__).with_name("dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, n, tag = line.split()
            yield word, int(n), tag


def build_chars() -> str:
    import jieba
    from jieba.posseg import emit_P

    freq: Counter = Counter()
    for word, n, _tag in _dictionary():
        for ch in word:
            freq[ch] += n
    total = sum(freq.values())
    mid, end = emit_P[("M", "nr")], emit_P[("E", "nr")]

    def ratio(table, ch):
        if ch not in table:
            return None
        return table[ch] - math.log((freq.get(ch, 0) + 1) / total)

    rows = []
    seen = {ch for table in emit_P.values() for ch in table}
    for ch in sorted(seen):
        if not ("\u4e00" <= ch <= "\u9fff"):
            continue
        m, e = ratio(mid, ch), ratio(end, ch)
        rows.append(f"{ch}\t{'' if m is None else round(m, 1)}\t{'' if e is None else round(e, 1)}")
    head = ("# Given-name characters: log P(char | jieba posseg state M/nr or E/nr) - log P(char).\n"
            "# Built by bench/name_chars.py from jieba " + jieba.__version__ + " (MIT). An empty cell: no emission.\n"
            "# char\tmid\tend\n")
    return head + "\n".join(rows) + "\n"


def build_names(chars_text: str) -> str:
    import jieba

    sys.path.insert(0, str(ROOT))
    from kuaiclaims.lexicons import read_lines

    chars = {}
    for line in chars_text.splitlines():
        if line.startswith("#"):
            continue
        ch, m, e = line.split("\t")
        chars[ch] = (float(m) if m else -3.0, float(e) if e else -3.0)
    surnames = [s for line in read_lines("surnames.txt") for s in line.split() if len(s) == 1][:120]
    translit = set("".join(w for line in read_lines("translit_chars.txt") for w in line.split()))
    address = {"先生", "女士", "小姐", "太太", "老师", "师傅", "大哥", "大爷", "阿姨", "经理", "主任", "同志"}
    names = []
    for word, n, tag in _dictionary():
        if tag not in ("nr", "nrfg") or len(word) != 3 or word[0] not in surnames or n > MAX_FREQ:
            continue
        given = word[1:]
        shape = min(chars.get(given[0], (0.0, 0.0))[0], chars.get(given[1], (0.0, 0.0))[1])
        if shape < 0 or given in address or all(ch in translit for ch in word):
            continue
        names.append(word)
    head = ("# Full names in jieba's dictionary (nr/nrfg, three characters, a common surname first, a\n"
            "# name-like given name, frequency <= 100, no address form, not a transliteration).\n"
            "# Built by bench/name_chars.py from jieba " + jieba.__version__ + " (MIT).\n")
    return head + "\n".join(sorted(set(names))) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing them")
    args = ap.parse_args(argv)
    chars = build_chars()
    outputs = {CHARS: chars, NAMES: build_names(chars)}
    if args.check:
        stale = [p.name for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        print("up to date" if not stale else f"differ: {', '.join(stale)}: run bench/name_chars.py")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({sum(1 for ln in text.splitlines() if not ln.startswith('#'))} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
