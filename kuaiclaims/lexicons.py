"""Data files of the package: loaded once, validated at load time, extendable.

Every lexicon lives in ``kuaiclaims/data/`` (see its README). A broken file
fails loudly here, with the file and line, never later inside a pipeline.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional

import regex


class LexiconError(ValueError):
    """A data file (the package's or the user's) is malformed."""


def data_file(name: str) -> Path:
    return Path(str(resources.files("kuaiclaims") / "data" / name))


def read_tsv(name: str, columns: int) -> list[tuple[str, ...]]:
    """Rows of a tab-separated data file, ``#`` comments and blank lines skipped."""
    path = data_file(name)
    rows = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != columns or not all(cells):
                raise LexiconError(f"{path}:{lineno}: expected {columns} tab-separated cells, got {cells!r}")
            rows.append(tuple(cells))
    return rows


def read_lines(name: str) -> list[str]:
    """Non-comment lines of a one-item-per-line data file."""
    path = data_file(name)
    with path.open(encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with Path(path).open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LexiconError(f"{path}:{lineno}: {exc}") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("canonical"), str) or not obj["canonical"].strip():
                raise LexiconError(f"{path}:{lineno}: an entry needs a non-empty 'canonical'")
            rows.append(obj)
    return rows


# -- entity lexicon -----------------------------------------------------------

LABEL_OF_FILE = {"companies": "COMPANY", "organizations": "COMPANY", "products": "PRODUCT", "people": "PERSON"}


@dataclass(frozen=True)
class LexiconEntry:
    """One company, product or person known by name."""

    canonical: str
    label: str
    aliases: tuple[str, ...] = ()
    type: Optional[str] = None          # company, bank, broker, media, government, ... / app, ai_model / role
    ticker: Optional[str] = None
    organization: Optional[str] = None  # owner of a product, employer of a person
    title: Optional[str] = None         # a person's usual title
    quoted: frozenset = frozenset()     # names that are everyday words: a name only inside 《》 (《财经》)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical,) + self.aliases


def entry_from_dict(obj: dict, label: Optional[str] = None, where: str = "") -> LexiconEntry:
    label = obj.get("label") or label
    if label not in ("COMPANY", "PRODUCT", "PERSON"):
        raise LexiconError(f"{where}: label must be COMPANY, PRODUCT or PERSON, got {label!r}")
    canonical = str(obj.get("canonical") or obj.get("name") or "").strip()
    if not canonical:
        raise LexiconError(f"{where}: an entry needs a 'canonical' name")
    aliases = obj.get("aliases") or []
    if isinstance(aliases, str) or not all(isinstance(a, str) for a in aliases):
        raise LexiconError(f"{where}: 'aliases' must be a list of strings")
    return LexiconEntry(
        canonical=canonical, label=label,
        aliases=tuple(a.strip() for a in aliases if a and a.strip() and a.strip() != canonical),
        type=obj.get("type") or obj.get("role"), ticker=obj.get("ticker"),
        organization=obj.get("organization") or obj.get("owner"), title=obj.get("title"),
        quoted=frozenset(obj.get("quoted") or ()))


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[LexiconEntry, ...]:
    """All companies, organisations, products and people shipped with the package."""
    out = []
    folder = data_file("")
    for path in sorted(folder.glob("*.jsonl")):
        stem = path.stem.split("_")[0]
        label = LABEL_OF_FILE.get(stem)
        if label is None:
            continue
        for i, obj in enumerate(_read_jsonl(path), 1):
            out.append(entry_from_dict(obj, label, f"{path}:{i}"))
    return tuple(out)


def load_user_entries(extra: object) -> tuple[LexiconEntry, ...]:
    """Entries from ``extra_entities``: a list of dicts, or a path to a JSONL file.

    A dict needs ``canonical`` and ``label`` (``COMPANY``, ``PRODUCT``,
    ``PERSON``) and may give ``aliases``, ``type``, ``ticker``,
    ``organization`` and ``title``.
    """
    if extra is None:
        return ()
    if isinstance(extra, (str, Path)):
        rows = _read_jsonl(Path(extra))
        return tuple(entry_from_dict(o, None, f"{extra}:{i}") for i, o in enumerate(rows, 1))
    if isinstance(extra, dict):
        extra = [extra]
    try:
        items = list(extra)  # type: ignore[arg-type]
    except TypeError:
        raise LexiconError("extra_entities must be a list of dicts or a path to a JSONL file") from None
    out = []
    for i, obj in enumerate(items):
        if isinstance(obj, LexiconEntry):
            out.append(obj)
        elif isinstance(obj, dict):
            out.append(entry_from_dict(obj, None, f"extra_entities[{i}]"))
        else:
            raise LexiconError(f"extra_entities[{i}]: expected a dict, got {type(obj).__name__}")
    return tuple(out)


# Names shorter than this (after folding) are too ambiguous to match on their own.
MIN_NAME_LEN = 2


def _needs_word_bounds(name: str) -> bool:
    return bool(regex.match(r"[A-Za-z0-9]", name[0])) or bool(regex.match(r"[A-Za-z0-9]", name[-1]))


@dataclass
class EntityLexicon:
    """Name -> entry lookup and a ``NameIndex`` that finds every name in a text.

    Matching runs over ASCII-lower-cased text (length preserving), longest name
    first; names that start or end with a Latin letter or digit must stand at
    word boundaries, so ``Meta`` does not match inside ``Metaverse``.
    """

    entries: tuple[LexiconEntry, ...]
    by_name: dict[str, LexiconEntry] = field(default_factory=dict)
    by_canonical: dict[str, LexiconEntry] = field(default_factory=dict)
    by_ticker: dict[str, LexiconEntry] = field(default_factory=dict)
    index: Optional["NameIndex"] = None

    @classmethod
    def build(cls, entries: Iterable[LexiconEntry]) -> "EntityLexicon":
        from .text import fold, fold_case

        lex = cls(entries=tuple(entries))
        # Later entries (user additions) win over earlier ones for the same name.
        for e in lex.entries:
            lex.by_canonical[e.canonical] = e
        for e in lex.entries:
            for name in e.names:
                key = fold_case(fold(name))
                if len(key) >= MIN_NAME_LEN:
                    lex.by_name[key] = e
            if e.ticker:
                # 0700.HK, META.US: the full ticker and its symbol (tickers are not matched in
                # text, where a bare number is a number, but they name a company: canonical_name)
                ticker = fold_case(fold(str(e.ticker)))
                lex.by_ticker.setdefault(ticker, e)
                lex.by_ticker.setdefault(ticker.split(".")[0], e)
        lex.index = NameIndex(lex.by_name.keys())
        return lex

    def lookup(self, name: str) -> Optional[LexiconEntry]:
        """The entry one of whose names is ``name`` (full-width forms and case folded)."""
        entry = self.by_name.get(name)
        if entry is not None or (name.lower() == name and not _foldable().search(name)):
            return entry  # most names asked about are plain Han text: nothing to fold
        from .text import fold, fold_case
        return self.by_name.get(fold_case(fold(name)))


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@lru_cache(maxsize=1)
def _foldable():
    """The characters ``text.fold`` changes."""
    from .text import FOLD_TABLE
    return regex.compile("[" + "".join(regex.escape(chr(c)) for c, to in FOLD_TABLE.items() if c != to) + "]")


class NameIndex:
    """Leftmost-longest, non-overlapping matching of many names in one pass.

    Names are indexed by their first two characters, so each text position
    costs one dictionary lookup, and only positions where some name starts
    try the (few) name lengths for that prefix, longest first. A name that
    starts or ends with a Latin letter or digit must stand at a word
    boundary, so ``meta`` does not match inside ``metaverse``. A regex
    alternation of thousands of names is an order of magnitude slower.
    """

    def __init__(self, names: Iterable[str]):
        self.names = frozenset(n for n in names if len(n) >= 2)
        lengths: dict[str, set] = {}
        for name in self.names:
            lengths.setdefault(name[:2], set()).add(len(name))
        self._lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        # positions whose first character can start a name and whose second can follow one:
        # found by the standard library's ``re`` (its large character sets are bitmaps, much
        # faster here than ``regex``), so Python visits a third of the positions, not all
        firsts = "".join(sorted({n[0] for n in self.names}))
        seconds = "".join(sorted({n[1] for n in self.names}))
        self._starts = re.compile(f"(?=[{re.escape(firsts)}][{re.escape(seconds)}])") if self.names else None

    def finditer(self, key: str, starts: Optional[set] = None) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every name in ``key`` (a ``fold_case(fold(text))`` string)."""
        if self._starts is None:
            return
        names, lengths, alnum = self.names, self._lengths, _ALNUM
        n = len(key)
        pos = 0
        for m in self._starts.finditer(key):
            i = m.start()
            if i < pos or (starts is not None and i not in starts):
                continue
            cands = lengths.get(key[i:i + 2])
            if cands is None or (key[i] in alnum and i > 0 and key[i - 1] in alnum):
                continue
            for length in cands:
                j = i + length
                if j <= n and key[i:j] in names and not (key[j - 1] in alnum and j < n and key[j] in alnum):
                    yield i, j
                    pos = j
                    break
