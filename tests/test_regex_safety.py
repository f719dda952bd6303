"""No catastrophic backtracking: every pattern in the package meets its worst cases in linear time.

Every regular expression of the package is collected automatically, from every
module and from both engines (``regex`` and the standard library's ``re``):
module constants, the cached pattern tables, the data-file cues, the lexicon's
name index, and the literal patterns written inline in ``regex.search(r"…")``
or ``re.match(r"…")`` calls, so a new pattern is tested without anyone listing
it. Each one is fed runs of each character and each character pair written in
it (and of generic units: digits, Han, Latin, spaces, line breaks, marks), in
two shapes: the run, then a barrier no attempt reads through, then the
pattern's own words; and its first word, the run, the barrier, its words. The
words defeat ``regex``'s shortcut of failing at once when a literal the pattern
requires is missing from the rest of the text; ``REVERSE`` patterns get the
mirror images.

A pattern is scanned (``finditer``: an attempt at every position) over runs of
``RUN`` (5,000) and ``SHORT`` (1,250) characters, in CPU time, so that other
processes on the machine do not count. It fails if one pass takes ``BOUND``
(0.25 s; the slowest pattern of the package takes about 10 ms), or if it
takes over ``FLOOR`` (10 ms) and more than ``GROWTH`` (8) times its time on the
short run: linear is 4x, quadratic 16x, and the cheapest quadratic scans found
take over 30 ms on 5,000 characters. A growth failure is measured twice more
before it counts. A pass too quick to judge (``LOW``, 2 ms, to ``FLOOR``) is judged
again on a run four times as long, against the 5,000: a quadratic scan that takes
8 ms here takes over 10 ms on a machine half as fast, and CI's is slower. A pass is stopped soon after the bound (``regex``'s
``timeout``, a CPU-time alarm for ``re``), so a blow-up fails and does not hang. A pattern
with no unbounded repetition (the literal alternations) is linear by
construction and spot-checked on runs a tenth as long.
``test_regex_harness_catches_super_linear_patterns`` feeds the same check
super-linear patterns, among them the ones this package once had, and requires
each to fail it, so the audit cannot silently lose its teeth.

Two lists hold the exceptions, super-linear patterns that are safe by use:

- ``WINDOWED``: only ever applied to a bounded stretch (the clause before a
  figure, the 600-character header), listed with that bound and the line that
  sets it, fed that stretch, and must take under ``WINDOW_BOUND`` there;
- ``ANCHORED``: only tried at one position (``match``): one attempt on the
  runs gets the growth check.

Entries must name current patterns (``test_regex_lists_name_existing_patterns``).

``python tests/test_regex_safety.py [RUN]`` prints the audit table (worst time,
growth, kind, pattern, time spent checking it, worst input).
"""
from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import re
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest
import regex

import kuaiclaims
from kuaiclaims import lexicons, metadata, names, text
from kuaiclaims.pipeline_state import get_lexicon

PACKAGE = Path(kuaiclaims.__file__).parent
# every module of the package (``__main__`` runs the command line when imported)
MODULES = tuple(importlib.import_module(m.name) for m in pkgutil.walk_packages(kuaiclaims.__path__, "kuaiclaims.")
                if not m.name.endswith(".__main__"))

RUN = 5_000           # characters of each worst-case run
SHORT = RUN // 4      # the same run, shorter: linear patterns take a quarter of the time on it, quadratic ones a 16th
GROWTH = 8            # most growth allowed from SHORT to RUN characters (linear: 4x, quadratic: 16x)
FLOOR = 0.010         # seconds below which growth is not judged (timer noise); quadratic scans of RUN take > 30 ms
LOW = 0.002           # seconds above which a run too quick to judge is judged on a run four times as long
BOUND = 0.25          # seconds for one pass over one run, whatever the growth (the package's slowest: ~10 ms)
WINDOW_BOUND = 0.05   # seconds for one pass over a WINDOWED pattern's window
STOP_AFTER = 2        # bounds after which a ``regex`` pass is stopped (its timeout is in wall time)
STOP = "\x00"         # no pattern of the package looks for it: a run ends in it
# ... and then in a character each negated class of the package rejects (test_regex_barrier_...),
# so that no attempt reads on from a run into the words written after it
BARRIER = STOP + "\n,。》>的1"
SAMPLE = 40           # characters, and pairs, of a pattern made into runs; words of it written after them
WORDS = 400           # characters of those words at most

_HEAD = metadata._HEAD_CHARS
_CLAUSE = text.MAX_CLAUSE
_METRIC_PHRASE = 14 + max(len(h) for h in lexicons.read_lines("metrics.txt"))

# The exceptions: patterns that are super-linear on a long run (they fail the scan check) and safe
# only because of how the code uses them. Every other pattern gets the scan check, whatever its use:
# it is the strongest, and it still holds if a call site later scans a whole text.

# Applied only to a bounded stretch of text: name -> (longest stretch, what bounds it). They are fed
# that stretch: quadratic in it (a search for ``…\Z`` tries every start), a constant per call.
WINDOWED = {
    "numbers._MODEL_LEFT": (12, "numbers._read_quantity: search(ftext, start - 12, start)"),
    "attribution._OWN_SPEAKER_AFTER": (30, "attribution._extend_over_quotes: match(ftext[q.end:q.end + 30])"),
    "attribution._PRONOUN_AFTER": (30, "attribution._extend_over_quotes: match(ftext[q.end:q.end + 30])"),
    "claims._METRIC_TRIM": (_METRIC_PHRASE, "claims.find_metric, noun_phrase_before: a head and at most 14 "
                                            "characters before it"),
    "claims._COMPARISON_TAIL": (12, "claims.noun_phrase_before: sub on the phrase read back, max_len (12) characters"),
    "claims._ADVERB_TAIL": (12, "claims.noun_phrase_before: sub on the phrase read back, max_len (12) characters"),
    "changes._FIGURE": (_CLAUSE, "changes.classify_change: search(left, v.end()), left = the clause before the figure"),
    "metadata._AUTHOR": (_HEAD, "metadata.parse_metadata: the first 600 characters"),
    "metadata._OUTLET": (_HEAD, "metadata.parse_metadata: the first 600 characters"),
    "metadata._EDITOR": (_HEAD, "metadata.parse_metadata: the first or last 600 characters"),
}

# Only ever tried at one position (``match``/``fullmatch``): each call is one attempt, which must not
# blow up on a long run (the same growth check); the callers try them once per figure or paragraph.
ANCHORED = {
    "attribution._CARRY_OVER",  # attribution._paragraph_reach: match(ctx.ftext, nxt.start), a paragraph's start
    "numbers._PERCENT_AT",  # numbers._read_quantity: match(ftext, rm.end()), after a range's 至/到
    "periods.inline:\\s*(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})",  # periods.parse_date: match(value)
}

# Call sites that build a pattern from data or an f-string: each must be reachable from a module
# constant, a cached table or an entry of _extra() (below), so that all_patterns() finds it. Update with care.
BUILT_SITES = 35

_INLINE_CALLS = {"search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split", "compile"}
_ENGINES = {"regex": regex, "re": re}
_PATTERN_TYPES = (regex.Pattern, re.Pattern)

# Patterns built outside module constants and cached tables.
_NO_FREQ: dict = {}  # kept alive: names._split_words caches by id()


def _extra() -> dict:
    return {
        "lexicons.NameIndex._starts": get_lexicon().index._starts,
        # every suffix and product word (a dictionary that holds none of them): the largest such pattern
        "names._split_words": names._split_words(_NO_FREQ),
    }


def _module_name(mod) -> str:
    return mod.__name__.removeprefix("kuaiclaims.")


def _walk(value, prefix, out):
    if isinstance(value, _PATTERN_TYPES):
        out[prefix] = value
    elif isinstance(value, dict):
        for k, v in value.items():
            _walk(v, f"{prefix}.{k}", out)
    elif isinstance(value, (list, tuple)) and len(value) < 100:
        for i, v in enumerate(value):
            _walk(v, f"{prefix}[{i}]", out)


def _short(pattern: str) -> str:
    head = pattern.split("|")[0] if len(pattern) > 60 else pattern
    return head[:60]


def _calls(tree):
    """``regex.f(...)`` and ``re.f(...)`` calls of the matching functions: (engine, call)."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id in _ENGINES
                and node.func.attr in _INLINE_CALLS and node.args):
            yield _ENGINES[node.func.value.id], node


def _literal(node) -> Optional[str | bytes]:
    arg = node.args[0]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, (str, bytes)) else None


def inline_patterns(module) -> dict[str, regex.Pattern | re.Pattern]:
    """Literal patterns written inline: ``regex.search(r"…", …)``, ``re.match(r"…", …)`` and friends."""
    out = {}
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    for engine, node in _calls(tree):
        src = _literal(node)
        if node.func.attr != "compile" and src is not None:
            out[f"{_module_name(module)}.inline:{_short(str(src))}"] = engine.compile(src)
    return out


def _assigned(module) -> set[str]:
    """Names a module assigns at its top level (a pattern imported from another module is that one's)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}


@functools.lru_cache(maxsize=1)
def all_patterns() -> dict[str, regex.Pattern | re.Pattern]:
    """Every compiled pattern reachable from the package's modules, by a readable name."""
    out: dict = {}
    for mod in MODULES:
        short = _module_name(mod)
        own = _assigned(mod)
        for name, obj in vars(mod).items():
            if isinstance(obj, _PATTERN_TYPES) and name in own:
                out[f"{short}.{name}"] = obj
            elif (callable(obj) and hasattr(obj, "cache_info") and getattr(obj, "__module__", None) == mod.__name__
                    and not inspect.signature(obj).parameters):
                _walk(obj(), f"{short}.{name}", out)
        out.update(inline_patterns(mod))
    out.update(_extra())
    return out


def _sites():
    """(constant pattern sources, number of sites that build a pattern otherwise) in the package's source."""
    constants, built = set(), 0
    for path in sorted(PACKAGE.rglob("*.py")):
        for _, node in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            src = _literal(node)
            if src is not None:
                constants.add(src)
            else:
                built += 1
    return constants, built


# -- worst cases ------------------------------------------------------------------

_CLASS_REPS = {r"\d": "1", r"\w": "a的", r"\s": " ", r"\p{Han}": "的", "[^": "x的", ".": "a"}
_GENERIC = ["1", "的", "a", "A", " ", "一", "亿", "1,", "1.", "一点", "数十", "“", "《", "据", "表示", "快手", "10%",
            "aA", "a ", "a.", "a-", "-1", "\n", "\r", "。", "，"]
# what is not literal text in a pattern: classes by name, group openings, flags, quantifiers, metacharacters
_META = (r"\\[pP]\{[^}]*\}|\\[dwsDWSbBAZ]|\(\?P<[^>]*>|\(\?<?[:=!>]|\(\?[a-zA-Z-]+[:)]|\{\d*(?:,\d*)?\}"
         r"|[\\()|?*+{}\[\]^$.]")
_CLASS = r"\[(?:\\.|[^\]])*\]"


def _spread(items: list[str], k: int) -> list[str]:
    """At most ``k`` of ``items``, evenly spread (a big alternation has thousands of characters)."""
    step = max(1, -(-len(items) // k))
    return items[::step]


def _source(pat) -> str:
    return pat.pattern.decode("latin-1") if isinstance(pat.pattern, bytes) else pat.pattern


def _reverse(pat) -> bool:
    return isinstance(pat, regex.Pattern) and bool(pat.flags & regex.REVERSE)


@functools.lru_cache(maxsize=None)
def _shape(pat) -> tuple[list[str], str, str, str]:
    """(units, first word, last word, words) of a pattern.

    units: each character and each written pair of the pattern, the characters its classes
    stand for, generic units; words: its literal words (outside classes), joined by STOP."""
    pattern = _source(pat)
    literal = regex.sub(_META, " ", pattern)
    chars = sorted({c for c in literal if not c.isspace()})
    pairs = sorted({a + b for a, b in zip(literal, literal[1:]) if not a.isspace() and not b.isspace() and a != b})
    units = set(_GENERIC)
    units.update(_spread(chars, SAMPLE))
    units.update(_spread(pairs, SAMPLE))
    for cls, rep in _CLASS_REPS.items():
        if cls in pattern:
            units.update(rep)
            units.add(rep)
    words = regex.sub(_META, " ", regex.sub(_CLASS, " ", pattern)).split()
    first, last = (words[0], words[-1]) if words else ("", "")
    return sorted(units), first, last, STOP.join(_spread(list(dict.fromkeys(words)), SAMPLE))[:WORDS]


def worst_inputs(pat, n: int = RUN) -> list:
    """Runs of ``n`` characters of each unit, in two shapes: the run, then BARRIER (STOP, a character
    no pattern looks for, and characters that end any negated class) and the pattern's words; its
    first word, the run, BARRIER and its words (an attempt from the first word reads the whole run).
    The words are there so that ``regex`` cannot skip the scan for want of a literal the pattern
    requires. A ``REVERSE`` pattern gets the mirror images (it reads from the end): its words, BARRIER,
    the run; the same and its last word. UTF-8 bytes for a bytes pattern."""
    units, first, last, words = _shape(pat)
    out = []
    for u in units:
        run = (u * (n // len(u) + 1))[:n]
        if _reverse(pat):
            out += [words + BARRIER[::-1] + run, words + BARRIER[::-1] + run + last]
        else:
            out += [run + BARRIER + words, first + run + BARRIER + words]
    if isinstance(pat.pattern, bytes):
        out = [s.encode("utf-8") for s in out]
    return out


def bounded_width(pat) -> bool:
    """No ``*``, ``+`` or ``{n,}`` outside character classes, no ``{m,n}`` over 100: each attempt
    reads a short stretch, so a scan is linear by construction (the cue alternations)."""
    bare = regex.sub(r"\\.|" + _CLASS, "", _source(pat))
    return (not regex.search(r"[*+]|\{\d*,\}", bare)
            and all(int(n) <= 100 for n in regex.findall(r"\{(?:\d*,)?(\d+)\}", bare)))


# -- timing -----------------------------------------------------------------------

class _Stopped(Exception):
    pass


def _alarm(signum, frame):
    raise _Stopped


def _scan(pat, s, limit) -> None:
    kw = {"timeout": limit} if isinstance(pat, regex.Pattern) else {}
    for _ in pat.finditer(s, **kw):
        pass


def _attempt(pat, s, limit) -> None:
    kw = {"timeout": limit} if isinstance(pat, regex.Pattern) else {}
    pat.match(s, **kw)
    pat.fullmatch(s, **kw)


def _timed(fn, pat, s, limit: float) -> float:
    """CPU seconds ``fn`` took on ``s`` (this thread's: other processes on the machine do not count),
    at least ``limit`` when it had to be stopped (a blow-up fails, it does not hang): ``regex`` by its
    ``timeout`` after ``STOP_AFTER`` limits of wall time, ``re`` by an alarm signal after ``limit`` of
    CPU time (its matcher checks for signals)."""
    alarm = (isinstance(pat, re.Pattern) and hasattr(signal, "setitimer")
             and threading.current_thread() is threading.main_thread())
    if alarm:
        previous = signal.signal(signal.SIGVTALRM, _alarm)
    stopped = False
    t = time.thread_time()
    try:
        try:
            if alarm:
                signal.setitimer(signal.ITIMER_VIRTUAL, limit)
            fn(pat, s, STOP_AFTER * limit)
        finally:
            if alarm:
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    except (TimeoutError, _Stopped):
        stopped = True
    finally:
        dt = time.thread_time() - t
        if alarm:
            signal.signal(signal.SIGVTALRM, previous)
    return max(dt, limit) if stopped else dt


@dataclass
class Verdict:
    seconds: float = 0.0    # on the worst input
    growth: float = 0.0     # its time on RUN characters over its time on SHORT
    worst: object = ""      # that input
    failure: str = ""       # why it fails, or ""


def kind(name: str) -> str:
    return "windowed" if name in WINDOWED else "anchored" if name in ANCHORED else "scanned"


def _judge(seconds: float, growth: float, limit: float, windowed: bool) -> str:
    if seconds >= limit:
        return f"took {seconds:.3f}s (bound {limit}s)"
    if not windowed and seconds > FLOOR and growth > GROWTH:
        return f"took {seconds:.3f}s, {growth:.0f}x its time on a run a quarter as long (linear: 4x)"
    return ""


def check(pat, how: str = "scanned", size: int = RUN, stop: bool = True) -> Verdict:
    """The worst of the pattern's worst inputs (the first that fails, with ``stop``).

    ``scanned``: every match in a run (``finditer`` tries each position); ``anchored``: one ``match`` and
    one ``fullmatch`` at its start; both on runs of ``SHORT`` and ``size`` characters: a failure takes
    ``BOUND`` or more, or grows more than ``GROWTH`` times from the short run to the long one.
    ``windowed``: every match in a run of ``size`` characters (the window), within ``WINDOW_BOUND``.
    A scanned bounded-width pattern (a literal alternation) is linear by construction: a run of a tenth
    spot-checks it. Times are CPU times; a growth that fails is measured twice more (noise)."""
    windowed = how == "windowed"
    if how == "scanned" and bounded_width(pat):
        size //= 10
    fn = _attempt if how == "anchored" else _scan
    limit = WINDOW_BOUND if windowed else BOUND
    longs = worst_inputs(pat, size)
    shorts = [None] * len(longs) if windowed else worst_inputs(pat, size * SHORT // RUN)
    out = Verdict()
    for i, (s, short) in enumerate(zip(longs, shorts)):
        v = _measure(fn, pat, s, short, limit, windowed)
        if not v.failure and not windowed and LOW < v.seconds < FLOOR:
            # too quick to judge here, and a slower machine would judge it: a quadratic scan taking
            # 8 ms on RUN characters takes 30 ms on a machine twice as slow. Judge it on a run four
            # times as long, against this one.
            longer = worst_inputs(pat, size * 4)[i]
            v = _measure(fn, pat, longer, s, limit * 4, windowed)
            v = Verdict(v.seconds, v.growth, longer, v.failure)
        # a failure outranks any time; among failures, or among passes, the slowest
        if (bool(v.failure), v.seconds) > (bool(out.failure), out.seconds):
            out = v
        if v.failure and stop:
            return out
    return out


def _measure(fn, pat, s, short, limit: float, windowed: bool) -> Verdict:
    """``fn`` on ``s`` and, when it is slow enough to judge, on ``short`` (a quarter as long); a
    growth that fails is measured twice more (noise)."""
    for attempt in range(3):
        t_long = _timed(fn, pat, s, limit)
        t_short = _timed(fn, pat, short, limit) if short is not None and FLOOR < t_long < limit else 0.0
        growth = t_long / t_short if t_short else 0.0
        why = _judge(t_long, growth, limit, windowed)
        if not why or t_long >= limit:
            break  # over the bound in CPU time: no noise does that to a linear pattern
    return Verdict(t_long, growth, s, why)


def audit(n: int = RUN):
    """(name, kind, verdict, seconds the check took) for every pattern, slowest first."""
    rows = []
    for name, pat in all_patterns().items():
        how = kind(name)
        t = time.perf_counter()
        v = check(pat, how, WINDOWED[name][0] if how == "windowed" else n, stop=False)
        rows.append((name, how, v, time.perf_counter() - t))
    return sorted(rows, key=lambda r: -r[2].seconds)


# -- tests --------------------------------------------------------------------------

def test_regex_every_pattern_is_collected():
    pats = all_patterns()
    constants, built = _sites()
    sources = {p.pattern for p in pats.values()}
    assert constants <= sources, f"not collected: {sorted(constants - sources, key=str)}"
    assert built == BUILT_SITES, "a pattern is built in a new place: make it reachable, then update BUILT_SITES"


def test_regex_lists_name_existing_patterns():
    """WINDOWED and ANCHORED name current patterns (a renamed pattern must be listed under its new name)."""
    pats = all_patterns()
    stale = [name for name in list(WINDOWED) + sorted(ANCHORED) if name not in pats]
    assert not stale, f"stale entries: {stale}"
    assert not set(WINDOWED) & ANCHORED


_OPEN = r"\[\^(?:\\.|[^\]])*\]|\\[DWS]"  # what reads any character but a few
_DOTALL = r"\(\?[a-zA-Z]*s[a-zA-Z-]*[:)]"


def test_regex_barrier_stops_every_negated_class():
    """After each run comes BARRIER: every negated class (``[^…]``, ``\\D``, ``\\W``, ``\\S``) of the package
    rejects one of its characters, and no ``.`` matches a newline (no DOTALL), so an attempt ends there."""
    for name, pat in all_patterns().items():
        src = _source(pat)
        assert not pat.flags & re.DOTALL and not regex.search(_DOTALL, src), f"{name}: DOTALL"
        for atom in regex.findall(_OPEN, src):
            reads = regex.compile(atom)
            assert not all(reads.fullmatch(c) for c in BARRIER), f"{name}: {atom} reads through BARRIER: extend it"


def _fail(name, v: Verdict, where: str = "") -> str:
    head = v.worst[:10]
    return f"{name} {v.failure} on {head!r}… ({len(v.worst)} chars){where}"


@pytest.mark.parametrize("name", sorted(set(all_patterns()) - set(WINDOWED) - ANCHORED))
def test_regex_scan_is_linear_on_worst_cases(name):
    v = check(all_patterns()[name])
    assert not v.failure, _fail(name, v)


@pytest.mark.parametrize("name", sorted(WINDOWED))
def test_regex_windowed_is_fast_on_its_window(name):
    size, where = WINDOWED[name]
    v = check(all_patterns()[name], "windowed", size)
    assert not v.failure, _fail(name, v, f": {where}")


@pytest.mark.parametrize("name", sorted(ANCHORED))
def test_regex_anchored_attempt_is_linear_on_worst_cases(name):
    v = check(all_patterns()[name], "anchored")
    assert not v.failure, _fail(name, v)


# Super-linear patterns, each of which the check above must fail: shapes this package once had
# (docs/robustness.md) or keeps only in a window, and textbook ones. Some fail by growth only
# (a few tens of milliseconds on RUN characters), some by the bound, the exponential one is stopped;
# ``\d+X`` fails in ``regex`` only because the pattern's words follow the run.
QUADRATIC = {
    "e-mail read from every position (numbers._MASKS before)": r"[\w.+-]+@[\w-]+\.[\w.]+",
    "version read from every digit (numbers._MASKS before)": r"\d+(?:\.\d+)+版",
    "numerals read from every position (numbers._FRACTION before)":
        r"(?P<den>[零一二三四五六七八九十百千万亿]+|\d+)分之(?P<num>[零一二三四五六七八九十百千万亿点]+|\d+(?:\.\d+)?)",
    "white space read from every position (htmltext._CJK_BREAK before)":
        r"(?<=[\u2e80-\u9fff])[ \t]*[\r\n][ \t\r\n]*|[ \t]*[\r\n][ \t\r\n]*(?=[\u2e80-\u9fff])",
    "two fillers around an optional word (changes.rate_before before)": r"增长(?:了|\s)*(?:是|在)?(?:了|\s)*\Z",
    "the same, matched right to left": r"(?r)增长(?:了|\s)*(?:是|在)?(?:了|\s)*\Z",
    "a filler of words, matched right to left (changes.rate_before before session 4)":
        r"(?r)(?:增长率|增幅)(?:了|达|高达|\s)*\Z",
    "lookahead over a run (changes._FIGURE, windowed)": r"\d(?![\d.]*\s?[年月日号季])",
    "lazy filler before a verb (attribution._OWN_SPEAKER_AFTER, windowed)": r"\s*[^,，。]{1,20}?(?:表示|称)",
    "a run, then a letter that does not come": r"\d+X",
    "a run of runs (exponential)": r"(?:\d+)+X",
}


@pytest.mark.parametrize("label,engine", [(label, engine) for label, src in sorted(QUADRATIC.items())
                                          for engine in ("regex", "re") if engine == "regex" or "(?r)" not in src])
def test_regex_harness_catches_super_linear_patterns(label, engine):
    """The audit has teeth: each of these fails the check the package's patterns pass."""
    v = check(_ENGINES[engine].compile(QUADRATIC[label]))
    assert v.failure, f"{label} ({engine}): {v.seconds * 1000:.1f} ms, {v.growth:.1f}x: the check would miss it"


def test_regex_harness_catches_a_super_linear_single_attempt():
    for engine in (regex, re):
        v = check(engine.compile(r"\d*\d*X"), "anchored")
        assert v.failure, f"{engine.__name__}: {v.seconds * 1000:.1f} ms, {v.growth:.1f}x"


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else RUN
    print(f"runs of {n:,} characters ({n * SHORT // RUN:,} for growth), windows at their size; bound {BOUND}s, "
          f"window bound {WINDOW_BOUND}s, growth {GROWTH}x above {FLOOR}s")
    rows = audit(n)
    print(f"{'worst':>12s} {'growth':>6s}  {'kind':8s}  {'pattern':60s} {'checked in':>10s}  worst input")
    for name, how, v, spent in rows:
        flag = "  FAIL: " + v.failure if v.failure else ""
        growth = f"{v.growth:5.1f}x" if v.growth else "     -"  # measured above FLOOR only
        print(f"{v.seconds * 1000:9.2f} ms {growth}  {how:8s}  {name[:60]:60s} {spent:9.2f}s  {v.worst[:6]!r}{flag}")
    failing = sum(bool(r[2].failure) for r in rows)
    print(f"{len(rows)} patterns checked in {sum(r[3] for r in rows):.1f}s, {failing} failing")
