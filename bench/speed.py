"""How fast is kuaiclaims, against plain jieba on the same texts?

    python bench/speed.py                 # print the figures
    python bench/speed.py --write-docs    # also rewrite docs/performance.md

Corpus: the real articles in ../shared/data/news/real-articles.jsonl when
present, else the team's corpora (corpora/src) and the bundled sample,
repeated until there are --min-mb megabytes of UTF-8 text.

Reported, all in one run on the same texts:
- warm throughput of ``extract_claims`` (chars/s, articles/s) and its ratio
  to ``jieba.lcut`` (best of --rounds rounds each, interleaved);
- cold start: a fresh interpreter importing kuaiclaims and making the first
  ``extract_claims`` call, and that process's peak resident memory after
  processing the whole corpus;
- ``extract_claims_many`` with ``n_process=1`` and ``n_process=2`` over 500 articles;
- scaling: the time for ten passes over the distinct articles against one pass.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL = SHARED / "data" / "news" / "real-articles.jsonl"


def load_corpus(min_mb: float) -> tuple[list[str], str]:
    if REAL.exists():
        base = [json.loads(line)["text"] for line in REAL.open(encoding="utf-8") if line.strip()]
        name = f"{REAL.relative_to(SHARED.parent)} ({len(base)} articles)"
    else:
        files = sorted((ROOT / "corpora" / "src").rglob("*.txt")) + [ROOT / "kuaiclaims" / "data" / "sample_article.txt"]
        base = [p.read_text(encoding="utf-8") for p in files]
        name = f"corpora/src + sample ({len(base)} articles)"
    base = [t for t in base if t.strip()]
    texts: list[str] = []
    size = 0
    while size < min_mb * 1e6:
        for t in base:
            texts.append(t)
            size += len(t.encode("utf-8"))
    return texts, name


def best_of(rounds: int, fn, clock=time.process_time) -> float:
    """Best time of ``rounds`` runs. Single-process work is timed in CPU
    seconds of this process (what it costs, whatever else the machine runs);
    multi-process work in wall seconds."""
    best = float("inf")
    for _ in range(rounds):
        t0 = clock()
        fn()
        best = min(best, clock() - t0)
    return best


_CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import kuaiclaims
kuaiclaims.extract_claims("财报显示，快手全年总收入同比增长11.8%至人民币1269亿元。")
cold = time.perf_counter() - t0
texts = json.load(sys.stdin)
for t in texts:
    kuaiclaims.extract_claims(t)
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cold_s": cold, "peak_rss_mb": rss_mb}))
"""


def cold_start_and_memory(texts: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(texts, ensure_ascii=False),
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import jieba
    import spacy
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"spaCy {spacy.__version__}, jieba {jieba.__version__}, {platform.system()} {platform.release()}")


def run(args) -> dict:
    sys.path.insert(0, str(ROOT))
    import jieba

    import kuaiclaims

    texts, corpus = load_corpus(args.min_mb)
    chars = sum(map(len, texts))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {corpus}, repeated to {len(texts)} texts, {chars:,} chars, {mb:.2f} MB", file=sys.stderr)

    cold = cold_start_and_memory(texts)

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    kuaiclaims.extract_claims("预热：快手收入增长10%。")

    def pipeline(ts):
        for t in ts:
            kuaiclaims.extract_claims(t)

    t_jieba, t_pipe = float("inf"), float("inf")
    for _ in range(args.rounds):  # interleaved, so both see the same machine load
        t_jieba = min(t_jieba, best_of(1, lambda: [jieba.lcut(t) for t in texts]))
        t_pipe = min(t_pipe, best_of(1, lambda: pipeline(texts)))

    # Scaling: one pass over the distinct articles against ten passes over them, so that both
    # sides read the same mix of articles (a slice of the corpus would compare other texts).
    base = list(dict.fromkeys(texts))
    t_one = best_of(args.rounds, lambda: pipeline(base))
    t_ten = best_of(max(1, args.rounds - 1), lambda: pipeline(base * 10))
    scale = t_ten / t_one / 10

    many = (texts * (500 // len(texts) + 1))[:500]
    wall = time.perf_counter
    t_n1 = best_of(args.rounds, lambda: sum(1 for _ in kuaiclaims.extract_claims_many(many, n_process=1)), wall)
    t_n2 = best_of(args.rounds, lambda: sum(1 for _ in kuaiclaims.extract_claims_many(many, n_process=2)), wall)
    t_wall_jieba = best_of(1, lambda: [jieba.lcut(t) for t in texts], wall)
    t_wall_pipe = best_of(1, lambda: pipeline(texts), wall)

    return {
        "date": dt.date.today().isoformat(), "machine": machine(), "corpus": corpus, "texts": len(texts),
        "chars": chars, "mb": round(mb, 2),
        "jieba_s": t_jieba, "pipeline_s": t_pipe, "ratio": t_pipe / t_jieba,
        "chars_per_s": chars / t_pipe, "articles_per_s": len(texts) / t_pipe,
        "jieba_chars_per_s": chars / t_jieba,
        "cold_s": cold["cold_s"], "peak_rss_mb": cold["peak_rss_mb"],
        "one_pass_s": t_one, "ten_passes_s": t_ten, "scale_per_size": scale,
        "many_n1_s": t_n1, "many_n2_s": t_n2, "many_speedup": t_n1 / t_n2,
        "wall_jieba_s": t_wall_jieba, "wall_pipeline_s": t_wall_pipe, "wall_ratio": t_wall_pipe / t_wall_jieba,
    }


def report(r: dict) -> str:
    return f"""| measure | value | target (issue 8) |
|---|---|---|
| corpus | {r['corpus']}, repeated to {r['texts']} texts, {r['chars']:,} chars ({r['mb']} MB) | >= 2 MB |
| plain `jieba.lcut` | {r['jieba_s']:.2f} s ({r['jieba_chars_per_s']:,.0f} chars/s) | |
| `extract_claims`, warm | {r['pipeline_s']:.2f} s ({r['chars_per_s']:,.0f} chars/s, {r['articles_per_s']:.0f} articles/s) | |
| ratio to `jieba.lcut` (CPU time) | **{r['ratio']:.2f}x** | <= 2.0x |
| the same in wall-clock time (one round) | {r['wall_ratio']:.2f}x ({r['wall_pipeline_s']:.2f} s / {r['wall_jieba_s']:.2f} s) | |
| cold start (import + first call, fresh process) | **{r['cold_s']:.2f} s** | <= 2.0 s |
| peak resident memory (that process, after the whole corpus) | **{r['peak_rss_mb']:.0f} MB** | <= 300 MB |
| `extract_claims_many`, 500 articles, `n_process=1` / `2` | {r['many_n1_s']:.2f} s / {r['many_n2_s']:.2f} s = **{r['many_speedup']:.2f}x** | >= 1.6x |
| scaling: (time for 10 passes / time for 1 pass over the articles) / 10 | **{r['scale_per_size']:.2f}** (10x text: {r['scale_per_size'] * 10:.1f}x time) | <= 1.1 |

Machine: {r['machine']}. Measured {r['date']} with `python bench/speed.py`
(best of the rounds; jieba and the pipeline interleaved in the same process;
single-process times are CPU seconds of the benchmark process, the
`n_process` comparison is wall-clock).
"""


def write_docs(r: dict) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- speed:begin -->", "<!-- speed:end -->"
    block = f"{start}\n{report(r)}{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text + ("\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-mb", type=float, default=2.0, help="megabytes of text to process (default 2)")
    ap.add_argument("--rounds", type=int, default=2, help="rounds per measure, best kept (default 2)")
    ap.add_argument("--write-docs", action="store_true", help="rewrite the table in docs/performance.md")
    ap.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = ap.parse_args(argv)
    r = run(args)
    print(json.dumps(r, indent=2) if args.json else report(r))
    if args.write_docs:
        write_docs(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
