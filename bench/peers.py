"""Money and percentages: kuaiclaims against two offline peers, on the same gold texts.

Two parts, two interpreters (the peers are not dependencies of kuaiclaims):

    PEERS=/work/peers-venv/bin/python     # has jionlp and recognizers-text-suite (emoji<2)
    $PEERS bench/peers.py extract --peer jionlp GOLD.jsonl > jionlp.jsonl
    $PEERS bench/peers.py extract --peer recognizers GOLD.jsonl > recognizers.jsonl
    python bench/peers.py score GOLD.jsonl jionlp.jsonl recognizers.jsonl [--misses]
    python bench/peers.py report --peers-python $PEERS [--misses FILE]   # seed, dev, test: the tables

Classes, by the gold row's own unit: ``money`` is a currency code, alone or as a price per
something (``CNY``, ``HKD``, ``CNY/股``, ``USD/盎司``); ``percent`` is ``%`` (not ``pp``). A
prediction is in a class by its unit. Within a class, spans are matched as
``shared/tools/score.py`` matches them (overlap, largest first, one to one) but roles are
ignored: peers have none. Optional gold rows neither count nor penalise; a prediction that
only overlaps an optional gold row, or one whose ``alt`` units admit the class, is not a
false positive. On matched rows a value is right when its magnitudes (value, and upper for
a range, either order) equal gold's and, for money, its currency equals gold's (or an alt's);
signs of changes and qualifiers are not compared, since the peers have neither.

kuaiclaims is scored twice: ``analyze(...).quantities`` (every figure it recognises, the
like-for-like comparison with recognisers) and the quantities of its claims (what users get).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"seed": ROOT.parent / "shared" / "seeds" / "kuaishou-kling-2025.gold.jsonl",
           "dev": ROOT / "corpora" / "dev.jsonl", "test": ROOT / "corpora" / "test.jsonl"}
PEER_CLASSES = {"jionlp": ("money",), "recognizers": ("money", "percent")}
PEER_NAMES = {"jionlp": "jionlp", "recognizers": "Recognizers-Text"}
CLASSES = ("money", "percent")

# jionlp's currency words (its CURRENCY_CASE, after parse_money's aliases) as ISO 4217 codes.
JIONLP_CURRENCY = {"元": "CNY", "港元": "HKD", "美元": "USD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP",
                   "韩元": "KRW", "新台币": "TWD", "澳元": "AUD", "澳大利亚元": "AUD", "澳门元": "MOP",
                   "新加坡元": "SGD", "加元": "CAD", "新西兰元": "NZD", "卢布": "RUB", "泰铢": "THB"}
JIONLP_QUALIFIER = {"accurate": None, "blur": "approx", "blur+": "gt", "blur-": "lt"}
RANGE_JOIN = re.compile(r"\s*(?:-|－|—|–|~|～|至|到)\s*")


# ---------------------------------------------------------------- reading

def load_gold(path) -> list[dict]:
    """The articles of a gold JSONL file (texts inline, spec section 5)."""
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def span(text, start, end, value, unit, upper=None, qualifier=None) -> dict:
    return {"start": start, "end": end, "text": text[start:end], "value": value, "upper": upper,
            "unit": unit, "qualifier": qualifier}


# ---------------------------------------------------------------- peers (run in the peers' venv)

def jionlp_spans(text: str) -> list[dict]:
    """Money by ``jionlp.ner.extract_money`` (it is not at the top level in 1.5.x), parsed."""
    import jionlp
    out = []
    for m in jionlp.ner.extract_money(text, with_parsing=True):
        d = m["detail"]
        num = d["num"] if isinstance(d["num"], list) else [d["num"]]
        unit = JIONLP_CURRENCY.get(d["case"], d["case"])
        out.append(span(text, *m["offset"], float(num[0]), unit, float(num[1]) if len(num) > 1 else None,
                        JIONLP_QUALIFIER.get(d["definition"], d["definition"])))
    return out


def recognizers_spans(text: str) -> list[dict]:
    """Percentages (``recognize_percentage``) and money (``recognize_currency``), Chinese culture.

    Recognizers-Text gives inclusive ends. ``recognize_number`` is not used: bare numbers carry
    no unit to class them by.
    """
    from recognizers_number import Culture, recognize_percentage
    from recognizers_number_with_unit import recognize_currency
    out = []
    for r in recognize_percentage(text, Culture.Chinese):
        out.append(span(text, r.start, r.end + 1, float(r.resolution["value"].rstrip("%")), "%"))
    for r in recognize_currency(text, Culture.Chinese):
        res = r.resolution or {}
        if res.get("value") is not None:  # a bare 人民币 has no value
            out.append(span(text, r.start, r.end + 1, float(res["value"]), res.get("isoCurrency") or res.get("unit")))
    return sorted(out, key=lambda s: s["start"])


def join_ranges(spans: list[dict], text: str) -> list[dict]:
    """Adjacent spans of one unit separated only by a range mark become one range.

    Applied to both peers: Recognizers-Text returns each end of ``8%-12%`` on its own, jionlp each
    end of ``150亿元至180亿元``, where gold (and kuaiclaims) have one range with value and upper.
    """
    out: list[dict] = []
    for s in spans:
        prev = out[-1] if out else None
        if (prev and prev["upper"] is None and s["upper"] is None and prev["unit"] == s["unit"]
                and prev["end"] <= s["start"] and RANGE_JOIN.fullmatch(text[prev["end"]:s["start"]])
                and prev["text"].endswith("百分点") == s["text"].endswith("百分点")):  # 提升5.2个百分点至31.5%
            out[-1] = span(text, prev["start"], s["end"], prev["value"], s["unit"], s["value"])
        else:
            out.append(s)
    return out


def peer_version(peer: str) -> str:
    from importlib.metadata import version
    return version("jionlp") if peer == "jionlp" else version("recognizers-text-number-with-unit")


def extract(peer: str, gold_path) -> None:
    """One JSON line per article: the peer's spans, normalised like kuaiclaims' quantities."""
    find = {"jionlp": jionlp_spans, "recognizers": recognizers_spans}[peer]
    ver = peer_version(peer)
    with contextlib.redirect_stdout(sys.stderr):  # jionlp prints a banner when imported
        find("")
    for row in load_gold(gold_path):
        spans = join_ranges(find(row["text"]), row["text"])
        print(json.dumps({"id": row["id"], "peer": peer, "version": ver, "spans": spans}, ensure_ascii=False))


# ---------------------------------------------------------------- kuaiclaims (run in our venv)

def kuaiclaims_spans(rows: list[dict]) -> dict[str, dict[str, list[dict]]]:
    """Per layer ("quantities", "claims"), per article id, kuaiclaims' spans."""
    import kuaiclaims
    out = {"quantities": {}, "claims": {}}
    for row in rows:
        art = kuaiclaims.analyze(row["text"], published=row.get("published"))
        out["quantities"][row["id"]] = [q.to_dict() for q in art.quantities]
        seen = {}
        for c in art.claims:
            for q in (c.value, c.change):
                if q is not None:
                    seen.setdefault((q.start, q.end), q.to_dict())
        out["claims"][row["id"]] = list(seen.values())
    return out


def load_peer(path) -> tuple[str, str, dict[str, list[dict]]]:
    lines = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return lines[0]["peer"], lines[0]["version"], {x["id"]: x["spans"] for x in lines}


# ---------------------------------------------------------------- scoring

def unit_class(unit) -> str | None:
    """``money`` for a currency code (alone or per something), ``percent`` for %, else None."""
    if unit == "%":
        return "percent"
    if unit and re.fullmatch(r"[A-Z]{3}(/.+)?", unit):
        return "money"
    return None


def currency(unit) -> str:
    return (unit or "").split("/")[0]


def close(a, b) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def ends(q: dict) -> list[float]:
    return sorted(abs(float(x)) for x in (q["value"], q["upper"]) if x is not None)


def same_value(pred: dict, gold: dict) -> bool:
    """Magnitudes equal (a range's ends in either order); for money, the currency too."""
    if unit_class(gold["unit"]) == "money":
        units = [gold["unit"], *gold.get("alt", {}).get("unit", [])]
        if currency(pred["unit"]) not in {currency(u) for u in units}:
            return False
    a, b = ends(pred), ends(gold)
    return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))


def overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match(golds: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    """score.py's matching (overlap, largest first, one to one; as ``kuaiclaims.evaluate``) without roles."""
    from kuaiclaims.evaluate import _match
    return _match([{**g, "role": None} for g in golds], [{**p, "role": None} for p in preds])


def excused(pred: dict, golds: list[dict], cls: str) -> bool:
    """A prediction over an optional gold row, or over one whose alt units admit the class."""
    return any(overlap(g, pred) > 0 and (g.get("optional") or cls in map(unit_class, g.get("alt", {}).get("unit", [])))
               for g in golds)


def describe(q: dict) -> str:
    v = "–".join(f"{x:g}" for x in (q["value"], q["upper"]) if x is not None)
    return f"{q['text']} = {v or '?'} {q['unit']}".replace("\r", "").replace("\n", "⏎")


def score_article(row: dict, preds: list[dict], cls: str) -> tuple[dict, list[tuple]]:
    """Counts (tp fp fn value) and disagreements for one article, one class."""
    text, all_golds = row["text"], row["quantities"]
    golds = [g for g in all_golds if unit_class(g["unit"]) == cls]
    mine = [p for p in preds if unit_class(p["unit"]) == cls]
    pairs = match(golds, mine)
    n = dict(tp=0, fp=0, fn=0, value=0)
    out = []

    def ctx(q):
        return text[max(0, q["start"] - 12):q["end"] + 6].replace("\r", "").replace("\n", "⏎")

    for gi, pi in pairs:
        g, p = golds[gi], mine[pi]
        if g.get("optional"):
            continue
        n["tp"] += 1
        ok = same_value(p, g)
        n["value"] += ok
        if not ok:
            out.append(("VALUE", describe(p), "gold " + describe(g), ctx(g)))
    for gi in sorted(set(range(len(golds))) - {gi for gi, _ in pairs}):
        if not golds[gi].get("optional"):
            n["fn"] += 1
            out.append(("MISSED", describe(golds[gi]), "", ctx(golds[gi])))
    for pi in sorted(set(range(len(mine))) - {pi for _, pi in pairs}):
        if not excused(mine[pi], all_golds, cls):
            n["fp"] += 1
            under = [g for g in all_golds if overlap(g, mine[pi]) > 0]
            out.append(("EXTRA", describe(mine[pi]), "gold " + describe(under[0]) if under else "no gold row",
                        ctx(mine[pi])))
    return n, out


def figures(n: dict) -> dict:
    tp, fp, fn = n["tp"], n["fp"], n["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"gold": tp + fn, "tp": tp, "fp": fp, "fn": fn, "P": p, "R": r,
            "F1": 2 * p * r / (p + r) if p + r else 0.0, "value": n["value"] / tp if tp else 0.0}


def score_system(rows: list[dict], preds: dict[str, list[dict]], cls: str) -> tuple[dict, list[tuple]]:
    total, misses = dict(tp=0, fp=0, fn=0, value=0), []
    for row in rows:
        n, out = score_article(row, preds.get(row["id"], []), cls)
        total = {k: total[k] + n[k] for k in total}
        misses += [(row["id"], *m) for m in out]
    return figures(total), misses


def systems(rows: list[dict], peer_files: list) -> list[tuple[str, tuple, dict]]:
    """(name, classes, predictions by article id) for kuaiclaims' two layers and each peer file."""
    ours = kuaiclaims_spans(rows)
    out = [("kuaiclaims quantities", CLASSES, ours["quantities"]), ("kuaiclaims claims", CLASSES, ours["claims"])]
    for path in peer_files:
        peer, ver, preds = load_peer(path)
        out.append((f"{PEER_NAMES[peer]} {ver}", PEER_CLASSES[peer], preds))
        if peer == "recognizers":
            out.append((f"{PEER_NAMES[peer]}, 百分点 as pp", ("percent",), points_as_pp(preds)))
    return out


def points_as_pp(preds: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The definitional view: Recognizers-Text resolves ``2个百分点`` to 2 %, gold to 2 pp."""
    return {k: [dict(p, unit="pp") if p["text"].endswith("百分点") else p for p in v] for k, v in preds.items()}


def table(results: list[tuple[str, str, dict]]) -> str:
    lines = ["| class | system | gold | P | R | F1 | value acc. (of matched) |", "|---|---|---|---|---|---|---|"]
    for cls, name, f in results:
        lines.append(f"| {cls} | {name} | {f['gold']} | {f['P']:.3f} | {f['R']:.3f} | {f['F1']:.3f} "
                     f"| {f['value']:.3f} ({f['tp']}) |")
    return "\n".join(lines)


def score(gold_path, peer_files: list) -> tuple[str, list[str]]:
    """The markdown table for one gold file, and its disagreements as lines."""
    rows = load_gold(gold_path)
    runs = systems(rows, peer_files)
    results, lines = [], []
    for cls in CLASSES:
        for name, classes, preds in runs:
            if cls in classes:
                f, misses = score_system(rows, preds, cls)
                results.append((cls, name, f))
                lines += [" | ".join([name, cls, *m]) for m in misses]
    return table(results), lines


# ---------------------------------------------------------------- command line

def report(peers_python: str, misses_path: str | None) -> None:
    """Extract with each peer and score, on the seed, dev and test: the markdown of docs/benchmarks.md."""
    tmp = ROOT / "bench" / "out"
    tmp.mkdir(exist_ok=True)
    all_misses = []
    for corpus, gold in CORPORA.items():
        if not gold.exists():
            print(f"\n#### {corpus}: {gold} is not present", file=sys.stderr)
            continue
        files = []
        for peer in PEER_CLASSES:
            path = tmp / f"{corpus}.{peer}.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                subprocess.run([peers_python, __file__, "extract", "--peer", peer, str(gold)], stdout=fh, check=True)
            files.append(path)
        md, lines = score(gold, files)
        print(f"\n#### {corpus}\n\n{md}")
        all_misses += [f"{corpus} | {line}" for line in lines]
    if misses_path:
        Path(misses_path).write_text("\n".join(all_misses) + "\n", encoding="utf-8")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="peer spans as JSONL (run with the peers' python)")
    ex.add_argument("--peer", choices=sorted(PEER_CLASSES), required=True)
    ex.add_argument("gold")
    sc = sub.add_parser("score", help="tables of kuaiclaims and the peers' files (run with ours)")
    sc.add_argument("gold")
    sc.add_argument("peer_files", nargs="*")
    sc.add_argument("--misses", action="store_true", help="also print every disagreement")
    rp = sub.add_parser("report", help="extract and score on seed, dev and test")
    rp.add_argument("--peers-python", required=True)
    rp.add_argument("--misses", metavar="FILE", help="write every disagreement to FILE")
    a = ap.parse_args(argv)
    if a.cmd != "extract":
        sys.path.insert(0, str(ROOT))  # score this checkout's kuaiclaims
    if a.cmd == "extract":
        extract(a.peer, a.gold)
    elif a.cmd == "score":
        md, lines = score(a.gold, a.peer_files)
        print(md)
        if a.misses:
            print("\n".join(lines))
    else:
        report(a.peers_python, a.misses)


if __name__ == "__main__":
    main()
