"""Build the gold corpora from anchor-based annotation sources.

Each article lives in ``corpora/src/<split>/<id>.txt`` (the exact text, byte
for byte, ``\\r\\n`` and all) beside ``<id>.ann.json``::

    {"id": "dev-001-earnings", "published": "2025-03-27",
     "entities": [["快手科技", "COMPANY", "快手"], ...],
     "quantities": [
        {"anchor": "同比增长11.8%至人民币1269亿元", "q": "11.8%", "value": 11.8,
         "unit": "%", "role": "change", "basis": "yoy", "metric": "总收入",
         "subject": "快手", "period": "2024年",
         "speaker": "快手", "kind": "document", "source": "financial_report"},
        ...]}

A quantity is named by a short ``anchor`` that occurs exactly once in the text
and by its surface ``q`` inside the anchor, so nobody counts characters.
``nth`` (0-based) picks an occurrence of ``q`` inside the anchor when it
occurs there more than once. Optional keys and their defaults: ``upper``
(null), ``qualifier`` (null), ``role`` ("value"), ``metric``, ``subject``,
``period``, ``basis`` (null), ``speaker`` (null), ``kind`` ("author"),
``source`` ("journalist"), ``alt_source``/``alt_unit``/``alt_speaker`` ([]),
``optional`` (false). Entities are ``[surface, label, canonical]``; every
occurrence of the surface is tagged, longest surfaces first, without overlap.

Usage: ``python corpora/tools/build.py`` writes ``corpora/dev.jsonl`` and
``corpora/test.jsonl`` and then validates them. The ``real`` and
``real-test`` splits annotate real articles from
``../shared/data/news/real-articles.jsonl``: only their annotations live here
(``src/real/<id>.ann.json``, ``src/real-test/<id>.ann.json``); they are built,
with the texts, into ``bench/out/real.jsonl`` and ``bench/out/real-test.jsonl``
(ignored by git) when the shared file is present, and skipped otherwise.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("dev", "test")
# the real articles the ``real`` split annotates, and where that split is built (never committed)
REAL_NEWS = ROOT.parent.parent / "shared" / "data" / "news" / "real-articles.jsonl"
REAL_SPLITS = ("real", "real-test")
REAL_OUT = ROOT.parent / "bench" / "out"

_QUANTITY_KEYS = {
    "anchor", "q", "nth", "value", "unit", "upper", "qualifier", "role", "metric",
    "subject", "period", "basis", "speaker", "kind", "source", "alt_source",
    "alt_unit", "alt_speaker", "optional", "note",
}


class AnnotationError(ValueError):
    pass


def locate(text: str, anchor: str, q: str, nth: int = 0) -> tuple[int, int]:
    """Return the character span of ``q`` inside the unique ``anchor``."""
    count = text.count(anchor)
    if count != 1:
        raise AnnotationError(f"anchor {anchor!r} occurs {count} times")
    base = text.index(anchor)
    pos = -1
    for _ in range(nth + 1):
        pos = anchor.find(q, pos + 1)
        if pos < 0:
            raise AnnotationError(f"{q!r} (occurrence {nth}) not inside anchor {anchor!r}")
    return base + pos, base + pos + len(q)


def build_quantity(text: str, ann: dict) -> dict:
    unknown = set(ann) - _QUANTITY_KEYS
    if unknown:
        raise AnnotationError(f"unknown keys {sorted(unknown)} in {ann.get('anchor')!r}")
    start, end = locate(text, ann["anchor"], ann["q"], ann.get("nth", 0))
    return {
        "start": start, "end": end, "text": text[start:end],
        "value": ann["value"], "upper": ann.get("upper"), "unit": ann["unit"],
        "qualifier": ann.get("qualifier"), "role": ann.get("role", "value"),
        "metric": ann.get("metric"), "subject": ann.get("subject"),
        "period": ann.get("period"), "basis": ann.get("basis"),
        "speaker": {"name": ann.get("speaker"), "kind": ann.get("kind", "author")},
        "source_type": ann.get("source", "journalist"),
        "alt": {"source_type": list(ann.get("alt_source", [])),
                "unit": list(ann.get("alt_unit", [])),
                "speaker": list(ann.get("alt_speaker", []))},
        "optional": bool(ann.get("optional", False)),
    }


def build_entities(text: str, spans: list) -> list[dict]:
    out, taken = [], set()
    for surface, label, canonical in sorted(spans, key=lambda s: -len(s[0])):
        start = 0
        while True:
            i = text.find(surface, start)
            if i < 0:
                break
            start = i + 1
            rng = set(range(i, i + len(surface)))
            if rng & taken:
                continue
            taken |= rng
            out.append({"start": i, "end": i + len(surface), "text": surface,
                        "label": label, "canonical": canonical})
    return sorted(out, key=lambda e: e["start"])


def build_article(txt_path: Path) -> dict:
    text = txt_path.read_bytes().decode("utf-8")
    ann_path = txt_path.with_suffix(".ann.json")
    ann = json.loads(ann_path.read_text(encoding="utf-8"))
    if ann["id"] != txt_path.stem:
        raise AnnotationError(f"{ann_path}: id {ann['id']!r} differs from file name")
    return build_from(text, ann, ann_path)


def build_real(news: Path = REAL_NEWS, split: str = "real") -> list[dict]:
    """A real split (``real``, ``real-test``): annotations in ``src/<split>/``, texts read from the
    shared news file by id (real articles are never copied into the repository)."""
    texts = {}
    with news.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    rows = []
    for ann_path in sorted((ROOT / "src" / split).glob("*.ann.json")):
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        if ann["id"] not in texts:
            raise AnnotationError(f"{ann_path}: no article {ann['id']!r} in {news}")
        rows.append(build_from(texts[ann["id"]], ann, ann_path))
    return rows


def build_from(text: str, ann: dict, ann_path: Path) -> dict:
    quantities = []
    for q in ann["quantities"]:
        try:
            quantities.append(build_quantity(text, q))
        except (AnnotationError, KeyError) as exc:
            raise AnnotationError(f"{ann_path}: {exc}") from None
    return {
        "id": ann["id"], "published": ann.get("published"), "text": text,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "entities": build_entities(text, ann.get("entities", [])),
        "quantities": sorted(quantities, key=lambda q: (q["start"], q["role"])),
    }


def build_split(split: str) -> list[dict]:
    src = ROOT / "src" / split
    return [build_article(p) for p in sorted(src.glob("*.txt"))]


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from validate import validate_rows  # noqa: E402  (sibling script)

    failed = False
    splits = list(SPLITS) + (list(REAL_SPLITS) if REAL_NEWS.exists() else [])
    if not REAL_NEWS.exists():
        print(f"real, real-test: skipped ({REAL_NEWS} is not here)")
    for split in splits:
        try:
            rows = build_real(split=split) if split in REAL_SPLITS else build_split(split)
        except AnnotationError as exc:
            print(f"{split}: {exc}")
            failed = True
            continue
        out = REAL_OUT / f"{split}.jsonl" if split in REAL_SPLITS else ROOT / f"{split}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        problems = validate_rows(rows)
        for p in problems:
            print(f"{split}: {p}")
        failed |= bool(problems)
        nq = sum(len(r["quantities"]) for r in rows)
        print(f"{split}: {len(rows)} articles, {nq} gold quantities -> {out.relative_to(ROOT.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
