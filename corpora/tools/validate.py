"""Validate gold JSONL files against the contract (spec section 5).

Checks every row: offsets inside the text, ``text[start:end]`` equal to the
stored surface, enums (labels, roles, speaker kinds, source types, bases,
qualifiers), units (ISO currency codes, the unit words of the spec, a
price per unit ``CNY/股``), values finite, ranges with ``upper``. With
``--stats`` it also prints the corpus counts that issue 6 asks for.

Usage: ``python corpora/tools/validate.py corpora/dev.jsonl corpora/test.jsonl --stats``
"""
from __future__ import annotations

import collections
import json
import math
import re
import sys

LABELS = {"COMPANY", "PRODUCT", "PERSON"}
ROLES = {"value", "change"}
KINDS = {"person", "organization", "anonymous", "document", "author"}
SOURCE_TYPES = {
    "earnings_call", "financial_report", "company_statement", "third_party_data",
    "analyst_report", "government", "media_report", "anonymous_source", "expert",
    "market_data", "journalist",
}
BASES = {None, "yoy", "qoq"}
QUALIFIERS = {None, "gt", "ge", "lt", "le", "approx"}
UNIT_WORDS = {
    "%", "pp", "x", "ratio", "rank", "second", "minute", "hour", "day", "week",
    "month", "year", "point", "bp", "number", "count",
}
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PER_UNIT = re.compile(r"^[A-Z]{3}/\S+$")


def unit_ok(unit) -> bool:
    if not isinstance(unit, str) or not unit:
        return False
    if unit in UNIT_WORDS or _CURRENCY.match(unit) or _PER_UNIT.match(unit):
        return True
    # a physical measure keeps its unit as written: 吨, 平方米, 千瓦时, GB
    return not unit.isascii() or unit.isalpha()


def _finite(x) -> bool:
    return x is None or (isinstance(x, (int, float)) and math.isfinite(x))


def validate_rows(rows: list[dict]) -> list[str]:
    problems = []
    seen_ids = set()
    for r in rows:
        rid = r.get("id")
        if rid in seen_ids:
            problems.append(f"{rid}: duplicate id")
        seen_ids.add(rid)
        text = r.get("text")
        if not isinstance(text, str):
            problems.append(f"{rid}: no text")
            continue
        for e in r.get("entities", []):
            where = f"{rid}: entity {e.get('text')!r}@{e.get('start')}"
            if text[e["start"]:e["end"]] != e["text"]:
                problems.append(f"{where}: offsets do not match the text")
            if e.get("label") not in LABELS:
                problems.append(f"{where}: label {e.get('label')!r}")
            if not e.get("canonical"):
                problems.append(f"{where}: no canonical name")
        for q in r.get("quantities", []):
            where = f"{rid}: quantity {q.get('text')!r}@{q.get('start')}"
            if not (0 <= q["start"] < q["end"] <= len(text)) or text[q["start"]:q["end"]] != q["text"]:
                problems.append(f"{where}: offsets do not match the text")
            if q.get("role") not in ROLES:
                problems.append(f"{where}: role {q.get('role')!r}")
            if not _finite(q.get("value")) or not _finite(q.get("upper")):
                problems.append(f"{where}: value/upper not finite numbers")
            if q.get("value") is None and q.get("upper") is None:
                problems.append(f"{where}: neither value nor upper")
            if not unit_ok(q.get("unit")):
                problems.append(f"{where}: unit {q.get('unit')!r}")
            for u in q.get("alt", {}).get("unit", []):
                if not unit_ok(u):
                    problems.append(f"{where}: alt unit {u!r}")
            if q.get("qualifier") not in QUALIFIERS:
                problems.append(f"{where}: qualifier {q.get('qualifier')!r}")
            if q.get("basis") not in BASES:
                problems.append(f"{where}: basis {q.get('basis')!r}")
            sp = q.get("speaker") or {}
            if sp.get("kind") not in KINDS:
                problems.append(f"{where}: speaker kind {sp.get('kind')!r}")
            if sp.get("kind") == "author" and sp.get("name"):
                problems.append(f"{where}: an author speaker has no name")
            if q.get("source_type") not in SOURCE_TYPES:
                problems.append(f"{where}: source type {q.get('source_type')!r}")
            for s in q.get("alt", {}).get("source_type", []):
                if s not in SOURCE_TYPES:
                    problems.append(f"{where}: alt source type {s!r}")
            for s in q.get("alt", {}).get("speaker", []):
                if s.get("kind") not in KINDS:
                    problems.append(f"{where}: alt speaker kind {s.get('kind')!r}")
    return problems


def stats(rows: list[dict]) -> dict:
    src = collections.Counter(q["source_type"] for r in rows for q in r["quantities"])
    units = collections.Counter(q["unit"] for r in rows for q in r["quantities"])
    quals = collections.Counter(q["qualifier"] for r in rows for q in r["quantities"])
    lengths = [len(r["text"]) for r in rows]
    return {
        "articles": len(rows),
        "quantities": sum(len(r["quantities"]) for r in rows),
        "entities": sum(len(r["entities"]) for r in rows),
        "chars_min_max": (min(lengths), max(lengths)) if lengths else None,
        "crlf_articles": sum("\r\n" in r["text"] for r in rows),
        "source_types": dict(src.most_common()),
        "units": dict(units.most_common()),
        "qualifiers": dict(quals.most_common()),
    }


def main(argv: list[str]) -> int:
    show = "--stats" in argv
    paths = [a for a in argv if not a.startswith("--")]
    all_rows, bad = [], 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        problems = validate_rows(rows)
        for p in problems:
            print(f"{path}: {p}")
        bad += len(problems)
        all_rows += rows
        print(f"{path}: {len(rows)} articles, {len(problems)} problems")
    if show:
        print(json.dumps(stats(all_rows), ensure_ascii=False, indent=1))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
