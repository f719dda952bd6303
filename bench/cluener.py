"""Score kuaiclaims' COMPANY and PERSON tags against CLUENER2020.

    python bench/cluener.py                      # dev split: P/R/F1 per label
    python bench/cluener.py --split train --sample 2000 --misses 40

CLUENER2020 (../shared/data/cluener/, see its README) labels short Sina News
fragments with ten entity types. Two of them are ours: ``company`` is
COMPANY and ``name`` is PERSON. Scoring is on exact spans:

- a COMPANY prediction is right when CLUENER labels the same span
  ``company``; on a span CLUENER labels ``organization`` or ``government``
  it counts neither for nor against (our COMPANY covers every organisation,
  CLUENER splits them), so it is dropped;
- a PERSON prediction is right when the span is labelled ``name``;
- PRODUCT predictions are not scored (CLUENER's ``game``, ``movie`` and
  ``book`` are narrower than our products).

CLUENER states no licence: it is used here to measure, never to build
anything the package ships. Develop on ``--split train`` (or a sample of it)
and report on ``dev``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLUENER = ROOT.parent / "shared" / "data" / "cluener"
LABELS = {"COMPANY": ("company",), "PERSON": ("name",)}
NEUTRAL = {"COMPANY": ("organization", "government")}


def read_split(split: str) -> list[dict]:
    path = CLUENER / f"{split}.json"
    if not path.exists():
        raise FileNotFoundError(path)
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def spans(row: dict, kinds) -> set[tuple[int, int]]:
    """``(start, end)`` with ``end`` exclusive: CLUENER's ends are inclusive."""
    out = set()
    for kind in kinds:
        for name, places in (row.get("label") or {}).get(kind, {}).items():
            for s, e in places:
                assert row["text"][s:e + 1] == name, (row["text"], name, s, e)
                out.add((s, e + 1))
    return out


def score(rows: list[dict], extract) -> tuple[dict, list]:
    counts = {lab: [0, 0, 0] for lab in LABELS}  # tp, fp, fn
    misses = []
    for i, row in enumerate(rows):
        text = row["text"]
        ents = extract(text)
        for lab, kinds in LABELS.items():
            gold = spans(row, kinds)
            neutral = spans(row, NEUTRAL.get(lab, ()))
            pred = {(e.start, e.end) for e in ents if e.label == lab} - (neutral - gold)
            tp, fp, fn = pred & gold, pred - gold, gold - pred
            counts[lab][0] += len(tp)
            counts[lab][1] += len(fp)
            counts[lab][2] += len(fn)
            for kind, group in (("FP", fp), ("FN", fn)):
                for s, e in sorted(group):
                    misses.append((lab, kind, text[s:e], i, text))
    return counts, misses


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--sample", type=int, default=0, help="score a random sample of N rows (seeded)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--misses", type=int, default=0, metavar="N", help="print N false positives and N false negatives per label")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    try:
        rows = read_split(args.split)
    except FileNotFoundError as exc:
        print(f"CLUENER2020 is not here ({exc}); see bench/cluener.py's docstring.", file=sys.stderr)
        return 0
    if args.sample and args.sample < len(rows):
        rows = random.Random(args.seed).sample(rows, args.sample)

    sys.path.insert(0, str(ROOT))
    import kuaiclaims

    nlp = kuaiclaims.default_pipeline()
    t0 = time.process_time()
    counts, misses = score(rows, lambda t: kuaiclaims.extract_entities(t, nlp=nlp))
    secs = time.process_time() - t0

    figures = {lab: dict(zip(("tp", "fp", "fn"), c), **dict(zip(("p", "r", "f1"), prf(*c))))
               for lab, c in counts.items()}
    if args.json:
        print(json.dumps({"split": args.split, "rows": len(rows), "labels": figures}, indent=2))
    else:
        print(f"CLUENER2020 {args.split}: {len(rows)} rows, {secs:.1f} s")
        print("| label | CLUENER | gold | P | R | F1 |")
        print("|---|---|---|---|---|---|")
        for lab, f in figures.items():
            print(f"| {lab} | {'/'.join(LABELS[lab])} | {f['tp'] + f['fn']} | "
                  f"{f['p']:.3f} | {f['r']:.3f} | {f['f1']:.3f} |")
    if args.misses:
        for lab in LABELS:
            for kind in ("FP", "FN"):
                shown = [m for m in misses if m[0] == lab and m[1] == kind][: args.misses]
                for _, _, name, i, text in shown:
                    print(f"{lab} {kind} {name!r:14} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
