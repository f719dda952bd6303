"""The inputs of ``kuaiclaims extract``: files, folders and standard input, read and analysed in order.

One broken input must never stop the others, so reading is separate from
analysing: every source becomes an ``Outcome`` that holds either its
``Article`` or the reason it could not be read. The texts that could be read
go through ``analyze_many`` (one process, or several with ``jobs``), and the
outcomes come back in input order.
"""
from __future__ import annotations

import itertools
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .batch import analyze_many
from .htmltext import decode_html, html_to_text
from .types import Article

#: File endings that a folder contributes.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")

# Texts per analyze_many batch: small, so that a progress bar moves often.
BATCH_SIZE = 8


@dataclass(frozen=True)
class Source:
    """One input: a file (``path``) or text already read (``text``, e.g. standard input)."""

    name: str
    path: Optional[Path] = None
    text: Optional[str] = None


@dataclass(frozen=True)
class Outcome:
    """What became of one ``Source``: its ``article``, or the ``error`` that stopped it."""

    name: str
    article: Optional[Article] = None
    error: Optional[str] = None


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_inputs(names: Sequence[str], report: Callable[[str], None]) -> tuple[list[Source], int]:
    """The sources named on the command line, and how many names could not be used.

    ``-`` is standard input (UTF-8); a folder gives its ``*.txt``, ``*.html``
    and ``*.htm`` files, recursively and sorted, skipping hidden files and
    folders; a file is used whatever its ending. ``report`` gets one message
    per problem.
    """
    sources: list[Source] = []
    failed = 0
    for name in names:
        if name == "-":
            try:
                sources.append(Source("-", text=sys.stdin.buffer.read().decode("utf-8")))
            except UnicodeDecodeError as exc:
                report(f"kuaiclaims: cannot read standard input: {exc}")
                failed += 1
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted((f for f in path.rglob("*") if f.is_file() and not _is_hidden(f, path)
                            and f.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES), key=lambda f: f.as_posix())
            if not found:
                report(f"kuaiclaims: no .txt or .html files in {name}")
            sources += [Source(str(f), path=f) for f in found]
        elif path.exists():
            sources.append(Source(name, path=path))
        else:
            report(f"kuaiclaims: cannot read {name}: no such file or folder")
            failed += 1
    return sources, failed


def read_source(source: Source) -> str:
    """The text of a source: ``.html``/``.htm`` files stripped to text, others decoded as UTF-8 (strict)."""
    if source.text is not None:
        return source.text
    if source.path is None:
        raise ValueError(f"source {source.name!r} has neither a path nor a text")
    data = source.path.read_bytes()
    if source.path.suffix.lower() in HTML_SUFFIXES:
        return html_to_text(decode_html(data))
    return data.decode("utf-8")


def _read(source: Source) -> tuple[str, Optional[str], Optional[str]]:
    """``(name, text, None)``, or ``(name, None, why it cannot be read)``."""
    try:
        return source.name, read_source(source), None
    except UnicodeDecodeError as exc:
        return source.name, None, (f"cannot read {source.name}: not {exc.encoding} text "
                                   f"({exc.reason} at byte {exc.start})")
    except (OSError, LookupError) as exc:
        return source.name, None, f"cannot read {source.name}: {exc}"


def resolve_jobs(jobs: int, n_inputs: int) -> int:
    """How many processes to use: ``0`` (or less) means one per CPU, never more than there are inputs."""
    wanted = (os.cpu_count() or 1) if jobs <= 0 else jobs
    return max(1, min(wanted, n_inputs))


def run(sources: Iterable[Source], *, jobs: int = 1, published: Optional[str] = None) -> Iterator[Outcome]:
    """An ``Outcome`` for each source, in input order.

    Files are read lazily, a little ahead of the analysis; the readable texts
    stream through ``analyze_many`` with ``jobs`` processes.
    """
    sources = list(sources)
    for_outcomes, for_analysis = itertools.tee(map(_read, sources))
    articles = analyze_many((text for _, text, error in for_analysis if error is None), published=published,
                            n_process=resolve_jobs(jobs, len(sources)), batch_size=BATCH_SIZE)
    for name, _, error in for_outcomes:
        yield Outcome(name, error=error) if error is not None else Outcome(name, article=next(articles))
