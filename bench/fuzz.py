"""Fuzz kuaiclaims.analyze for N seconds and check the contract on every input.

    python bench/fuzz.py SECONDS [--engine atheris|random] [--seed N] [--max-len N]

Inputs come in four shapes, chosen by the fuzzer: arbitrary Unicode (lone
surrogates, controls, emoji included), Chinese-heavy text (CJK, digits,
units, quotes, reporting verbs), real-looking articles with slices inserted,
deleted or duplicated, and long runs of hostile pieces (quotes, ``据``,
digits, ``一``). Each input is analysed twice, once more with a pipeline
whose ``max_length`` is 300 (so in pieces): no exception, every span
satisfies ``text[start:end] == span.text``, every value is finite, the JSON
is strict, and both runs are equal (tests/invariants.py). ``find_quantities``,
``parse_quantity``, ``parse_number`` and ``extract_entities`` get the same
input: offsets exact, values finite, ``ValueError`` the only error.

A failing input is saved as a JSON string under tests/fuzz_regressions/
(tests/test_robustness.py replays every file there) before the error is
raised. The ``atheris`` engine is coverage-guided (libFuzzer); ``random``
needs nothing installed. At the end the number of inputs tried is printed.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"

CJK = "快手收入增长下降同比环比亿万元美元港元百分点季度年月日公司集团科技表示称据显示报道认为指出数据财报显示净利润营收用户股价收盘报收约近超逾不到以上左右第一成倍"
TRAD = "營收億萬元增長據顯示報導淨利潤"
DIGITS = "0123456789０１２３４５６７８９一二两三四五六七八九十百千零〇点"
PUNCT = "，。、；：！？“”「」‘’『』《》（）%％.,-~—…·\n\r\t \u3000\"'"
HOSTILE = ["“", "”", "据", "1", "一", "亿", "表示", "，", "。", "\n", "《", "&nbsp;", "<p>", "😀", "\ud800",
           "\x00", "\r", "１", "他表示", "快手收入增长10%", "1.", "1,", "a", " ", "第"]


class Source:
    """What the generators draw from: atheris's FuzzedDataProvider or a seeded Random."""

    def __init__(self, fdp=None, rng=None):
        self.fdp, self.rng = fdp, rng

    def int(self, lo: int, hi: int) -> int:
        return self.fdp.ConsumeIntInRange(lo, hi) if self.fdp else self.rng.randint(lo, hi)

    def unicode(self, n: int) -> str:
        if self.fdp:
            return self.fdp.ConsumeUnicode(n)
        return "".join(chr(self.rng.choice([self.rng.randint(0, 0x7F), self.rng.randint(0, 0xFFFF),
                                            self.rng.randint(0, 0x10FFFF)])) for _ in range(n))

    def pick(self, seq):
        return seq[self.int(0, len(seq) - 1)]


def _corpus() -> list[str]:
    paths = sorted(glob.glob(str(ROOT / "corpora" / "src" / "*" / "*.txt")))
    paths.append(str(ROOT / "kuaiclaims" / "data" / "sample_article.txt"))
    return [Path(p).read_text(encoding="utf-8") for p in paths]


ARTICLES = _corpus()


def chinese(src: Source, n: int) -> str:
    alphabet = CJK + TRAD + DIGITS + PUNCT
    return "".join(src.pick(alphabet) for _ in range(n))


def mutated(src: Source, max_len: int) -> str:
    text = src.pick(ARTICLES)
    for _ in range(src.int(1, 6)):
        if not text:
            break
        a = src.int(0, len(text))
        b = src.int(a, min(len(text), a + 200))
        op = src.int(0, 3)
        if op == 0:
            text = text[:a] + text[b:]                                   # delete a slice
        elif op == 1:
            text = text[:a] + text[a:b] * src.int(2, 4) + text[b:]      # duplicate it
        elif op == 2:
            text = text[:a] + src.pick(HOSTILE) * src.int(1, 50) + text[a:]   # insert something hostile
        else:
            text = text[:a] + chinese(src, src.int(1, 30)) + text[b:]   # replace it
    return text[:max_len]


def hostile(src: Source, max_len: int) -> str:
    parts = [src.pick(HOSTILE) * src.int(1, 400) for _ in range(src.int(1, 6))]
    return "".join(parts)[:max_len]


def make_input(src: Source, max_len: int) -> str:
    shape = src.int(0, 3)
    if shape == 0:
        return src.unicode(src.int(0, min(max_len, 400)))
    if shape == 1:
        return chinese(src, src.int(0, min(max_len, 600)))
    if shape == 2:
        return mutated(src, max_len)
    return hostile(src, max_len)


def save(text: str, error: BaseException) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    path = REGRESSIONS / f"{digest}.json"
    path.write_text(json.dumps({"text": text, "error": f"{type(error).__name__}: {error}"[:500]}) + "\n",
                    encoding="ascii")
    return path


class Runner:
    def __init__(self, max_len: int):
        import kuaiclaims
        from invariants import check_article

        self.kuaiclaims, self.check = kuaiclaims, check_article
        self.max_len = max_len
        self.count = 0
        self.lengths = 0
        kuaiclaims.default_pipeline()
        self.small = kuaiclaims.load()
        self.small.max_length = 300   # longer inputs go through chunking

    def parsers(self, text: str) -> None:
        from decimal import Decimal

        kc = self.kuaiclaims
        for m in kc.find_quantities(text):
            q = m.quantity
            assert text[q.start:q.end] == q.text, f"find_quantities span {q!r}"
            self.check(text, kc.Article(text=text, quantities=(q,)))
        for e in kc.extract_entities(text):
            assert text[e.start:e.end] == e.text, f"extract_entities span {e!r}"
        kc.parse_quantity(text[:60])
        for piece in (text[:30], text[-30:]):
            try:
                d = kc.parse_number(piece)
            except ValueError:
                continue
            assert isinstance(d, Decimal) and d.is_finite(), f"parse_number({piece!r}) = {d!r}"

    def one(self, src: Source) -> None:
        text = make_input(src, self.max_len)
        self.count += 1
        self.lengths += len(text)
        try:
            art = self.kuaiclaims.analyze(text)
            self.check(text, art)
            assert self.kuaiclaims.analyze(text) == art, "two runs differ"
            self.check(text, self.kuaiclaims.analyze(text, nlp=self.small))
            self.parsers(text)
        except BaseException as exc:
            path = save(text, exc)
            print(f"\nFAILURE after {self.count} inputs, saved to {path}: {type(exc).__name__}: {exc}"[:800],
                  file=sys.stderr, flush=True)
            raise


def run_random(seconds: float, seed: int, max_len: int) -> Runner:
    runner = Runner(max_len)
    src = Source(rng=random.Random(seed))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        runner.one(src)
    return runner


def run_atheris(seconds: float, max_len: int) -> Runner:
    import atheris

    with atheris.instrument_imports(include=["kuaiclaims"]):
        import kuaiclaims  # noqa: F401
    runner = Runner(max_len)
    start = time.monotonic()

    def test_one_input(data: bytes) -> None:
        runner.one(Source(fdp=atheris.FuzzedDataProvider(data)))
        if runner.count % 2000 == 0:
            print(f"[fuzz] {runner.count} inputs, {time.monotonic() - start:.0f}s", file=sys.stderr, flush=True)

    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds)}", f"-max_len={max_len}",
                   "-len_control=0", "-rss_limit_mb=4096", "-print_final_stats=1"], test_one_input)
    atheris.Fuzz()   # libFuzzer exits the process itself and prints "Done N runs in S second(s)"
    return runner


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seconds", type=float)
    ap.add_argument("--engine", choices=("atheris", "random"), default="random")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-len", type=int, default=4096)
    args = ap.parse_args(argv)
    start = time.monotonic()
    if args.engine == "atheris":
        runner = run_atheris(args.seconds, args.max_len)
    else:
        runner = run_random(args.seconds, args.seed, args.max_len)
    took = time.monotonic() - start
    print(f"[fuzz] tried {runner.count} inputs ({runner.lengths} characters) in {took:.0f}s: no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
