"""Score kuaiclaims against a gold JSONL file (spec section 5).

The definitions follow the team's scorer (``shared/tools/score.py``): a
prediction matches a gold row when their spans overlap and their roles
agree (largest overlap first, one to one); optional gold rows neither count
nor penalise; value, speaker, source, subject and metric are judged on
matched rows; entities on exact spans per label.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _same_name(a, b) -> bool:
    if not a or not b:
        return not a and not b
    a, b = a.lower().replace(" ", ""), b.lower().replace(" ", "")
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.8


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _rows_of_claims(claims) -> list[dict]:
    out = []
    for c in claims:
        subj = c.subject.canonical if c.subject else None
        for role in ("value", "change"):
            q = getattr(c, role)
            if q is None:
                continue
            out.append({"start": q.start, "end": q.end, "value": q.value, "upper": q.upper, "unit": q.unit,
                        "qualifier": q.qualifier, "role": role, "metric": c.metric, "subject": subj,
                        "speaker": {"name": c.speaker.name, "kind": c.speaker.kind},
                        "source_type": c.source_type})
    return out


def _match(golds, preds):
    cand = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0 and g["role"] == p["role"]:
                cand.append((-ov, gi, pi))
    cand.sort()
    pairs, gu, pu = [], set(), set()
    for _, gi, pi in cand:
        if gi not in gu and pi not in pu:
            gu.add(gi)
            pu.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class Report:
    """Scores of one gold file, and the misses worth reading."""

    figures: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)

    def summary(self) -> str:
        return " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in self.figures.items())


def evaluate(gold_path: str, *, nlp=None) -> Report:
    """Score the library on ``gold_path`` (JSONL with texts, spec section 5)."""
    from .api import extract_claims, extract_entities

    with open(gold_path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    t = dict(tp=0, fp=0, fn=0, norm=0, qual=0, spk=0, src=0, subj=0, subj_n=0, met=0, met_n=0)
    ent: dict[str, list[int]] = {}
    misses = []
    for r in rows:
        text = r["text"]
        preds = _rows_of_claims(extract_claims(text, published=r.get("published"), nlp=nlp))
        golds = r["quantities"]
        pairs = _match(golds, preds)
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            if g.get("optional"):
                continue
            t["tp"] += 1
            units = [g["unit"]] + list(g.get("alt", {}).get("unit", []))
            ok_norm = p["unit"] in units and ((_close(p["value"], g["value"]) and _close(p["upper"], g["upper"]))
                                              or (g["upper"] is not None and _close(p["value"], g["upper"])
                                                  and _close(p["upper"], g["value"])))
            t["norm"] += ok_norm
            t["qual"] += (p["qualifier"] or None) == (g["qualifier"] or None)
            cands = [g["speaker"]] + list(g.get("alt", {}).get("speaker", []))
            ok_spk = any(p["speaker"]["kind"] == c.get("kind") and (c.get("name") is None or _same_name(
                p["speaker"]["name"], c.get("name"))) for c in cands)
            t["spk"] += ok_spk
            ok_src = p["source_type"] in [g["source_type"]] + list(g.get("alt", {}).get("source_type", []))
            t["src"] += ok_src
            if g.get("subject"):
                t["subj_n"] += 1
                t["subj"] += _same_name(p["subject"], g["subject"])
            if g.get("metric"):
                t["met_n"] += 1
                pm = p["metric"] or ""
                t["met"] += bool(pm) and (pm in g["metric"] or g["metric"] in pm
                                          or SequenceMatcher(None, pm, g["metric"]).ratio() >= 0.5)
            if not (ok_norm and ok_spk and ok_src):
                misses.append(f"{r['id']} | {g['text']} | " + ("norm " if not ok_norm else "")
                              + (f"speaker {p['speaker']} vs {g['speaker']} " if not ok_spk else "")
                              + (f"source {p['source_type']} vs {g['source_type']}" if not ok_src else ""))
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, g in enumerate(golds):
            if gi not in matched_g and not g.get("optional"):
                t["fn"] += 1
                misses.append(f"{r['id']} | MISSED {g['text']} | {text[max(0, g['start'] - 12):g['end'] + 6]!r}")
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                t["fp"] += 1
                misses.append(f"{r['id']} | EXTRA {text[p['start']:p['end']]} | "
                              f"{text[max(0, p['start'] - 12):p['end'] + 6]!r}")
        if r.get("entities") is not None:
            ps = {(e.start, e.end, e.label) for e in extract_entities(text, nlp=nlp)}
            gs = {(e["start"], e["end"], e["label"]) for e in r["entities"]}
            for lab in ("COMPANY", "PRODUCT", "PERSON"):
                d = ent.setdefault(lab, [0, 0, 0])
                P = {x for x in ps if x[2] == lab}
                G = {x for x in gs if x[2] == lab}
                d[0] += len(P & G)
                d[1] += len(P - G)
                d[2] += len(G - P)
    tp = t["tp"]
    prec, rec, f1 = _prf(tp, t["fp"], t["fn"])
    fig = {"articles": len(rows), "gold": tp + t["fn"], "P": prec, "R": rec, "F1": f1,
           "norm": t["norm"] / tp if tp else 0.0, "qualifier": t["qual"] / tp if tp else 0.0,
           "speaker": t["spk"] / tp if tp else 0.0, "source": t["src"] / tp if tp else 0.0,
           "subject": t["subj"] / t["subj_n"] if t["subj_n"] else 0.0,
           "metric": t["met"] / t["met_n"] if t["met_n"] else 0.0}
    for lab, counts in ent.items():
        fig[f"ent_{lab}_F1"] = _prf(*counts)[2]
    fig["ent_F1"] = _prf(*(sum(v[i] for v in ent.values()) for i in range(3)))[2]
    return Report(fig, misses)
