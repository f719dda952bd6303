"""Many inputs, one article each, in input order, optionally over several processes.

This is the engine of ``kuaiclaims extract``: read a source (a file, a saved
web page, standard input), analyse it, and hand back an ``Outcome`` that
holds either the ``Article`` or the reason it failed, so one broken file never
stops the others. ``run`` is the only place that knows about processes;
when ``extract_claims_many(texts, n_process=...)`` exists it can take over
there without the command line changing.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .htmltext import decode_html, html_to_text
from .types import Article

#: File endings that ``kuaiclaims extract`` picks up in a folder.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")


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


def process(source: Source, published: Optional[str] = None) -> Outcome:
    """Read and analyse one source; never raises for a bad file or an odd text."""
    from .api import analyze

    try:
        text = read_source(source)
    except UnicodeDecodeError as exc:
        return Outcome(source.name, error=f"cannot read {source.name}: not {exc.encoding} text "
                                          f"({exc.reason} at byte {exc.start})")
    except (OSError, LookupError) as exc:
        return Outcome(source.name, error=f"cannot read {source.name}: {exc}")
    try:
        return Outcome(source.name, article=analyze(text, published=published))
    except Exception as exc:  # a bug on one article must not lose the others
        return Outcome(source.name, error=f"failed on {source.name}: {type(exc).__name__}: {exc}")


def _load_pipeline_once() -> None:
    """Worker initializer: build the default pipeline before the first article arrives."""
    from .api import default_pipeline

    default_pipeline()


def resolve_jobs(jobs: int, n_inputs: int) -> int:
    """How many processes to use: ``0`` means one per CPU, never more than there are inputs."""
    wanted = (os.cpu_count() or 1) if jobs <= 0 else jobs
    return max(1, min(wanted, n_inputs))


def run(sources: Iterable[Source], *, jobs: int = 1, published: Optional[str] = None) -> Iterator[Outcome]:
    """An ``Outcome`` for each source, in input order.

    With ``jobs > 1`` the sources are shared among worker processes, each of
    which loads the pipeline once; results still come back in input order.
    """
    sources = list(sources)
    work = partial(process, published=published)
    n = resolve_jobs(jobs, len(sources))
    if n == 1:
        yield from map(work, sources)
        return
    with ProcessPoolExecutor(max_workers=n, initializer=_load_pipeline_once) as pool:
        yield from pool.map(work, sources, chunksize=1)
