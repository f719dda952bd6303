"""Time ``kuaiclaims.analyze`` on repeated real-looking text of growing length.

    python bench/scale.py [SIZE ...]          # characters, default 1000000 5000000

The text repeats real articles (``../shared/data/news/real-articles.jsonl``
when present, else the project's dev corpus) separated by blank lines, cut to
each size. Prints seconds, characters per second, the number of pieces
(texts over ``max_length`` are analysed in pieces) and claims, so that time
proportional to length shows as a steady characters-per-second.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "news" / "real-articles.jsonl"


def base_text() -> tuple[str, str]:
    if REAL.is_file():
        with REAL.open(encoding="utf-8") as f:
            return "\n\n".join(json.loads(line)["text"] for line in f if line.strip()), str(REAL)
    paths = sorted((ROOT / "corpora" / "src" / "dev").glob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8") for p in paths), "corpora/src/dev"


def main(argv=None) -> int:
    import kuaiclaims
    from kuaiclaims.chunking import pieces

    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [1_000_000, 5_000_000]
    base, where = base_text()
    nlp = kuaiclaims.default_pipeline()
    kuaiclaims.analyze(base[:5000])   # warm: jieba's dictionary, lexicon patterns
    print(f"text: {where} ({len(base)} characters) repeated; max_length {nlp.max_length}")
    for n in sizes:
        text = (base * (n // len(base) + 1))[:n]
        t = time.perf_counter()
        art = kuaiclaims.analyze(text)
        dt = time.perf_counter() - t
        print(f"{n:>10} chars  {dt:8.1f} s  {n / dt:9.0f} chars/s  {len(pieces(text, nlp.max_length))} pieces  "
              f"{len(art.claims)} claims", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
