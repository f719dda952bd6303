"""The ``kuaiclaims`` command: ``extract`` claims from files and folders, ``evaluate``, the ``demo``."""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path
from typing import Optional, Sequence, TextIO

from .frame import COLUMNS, flatten_claim
from .inputs import expand_inputs, run
from .progress import ProgressBar, wants_progress

SAMPLE_NAME = "sample_article.txt"


def _print_table(article, name: str, out) -> None:
    out.write(f"# {name}: {len(article.claims)} claims\n")
    for c in article.claims:
        q = c.value or c.change
        value = c.value.text if c.value else ""
        change = c.change.text if c.change else ""
        who = c.speaker.name or c.speaker.title or c.speaker.kind
        subj = c.subject.canonical if c.subject else ""
        out.write(f"{q.start:>6}  {value or '-':<14} {change or '-':<10} {c.metric or '-':<14} "
                  f"{subj or '-':<10} {c.period or '-':<14} {who:<14} {c.source_type}\n")


class _Output:
    """Writes each article as it comes, in the chosen format."""

    def __init__(self, fmt: str, out: TextIO, *, single: bool) -> None:
        self.fmt, self.out, self.single = fmt, out, single
        self.count = 0
        if fmt == "csv":
            self.csv = csv.writer(out, lineterminator="\n")
            self.csv.writerow(COLUMNS)

    def write(self, name: str, article) -> None:
        if self.fmt == "table":
            _print_table(article, name, self.out)
        elif self.fmt == "csv":
            for c in article.claims:
                self.csv.writerow(["" if v is None else v for v in flatten_claim(c, source=name).values()])
        else:
            record = {"file": name, **article.to_dict()}
            if self.fmt == "jsonl":
                self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                blob = json.dumps(record, ensure_ascii=False, indent=2)
                if not self.single:
                    blob = ("[\n" if self.count == 0 else ",\n") + blob
                self.out.write(blob + ("\n" if self.single else ""))
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json" and not self.single:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")


def cmd_extract(args) -> int:
    """Run every input through the pipeline; report unreadable ones and go on."""
    stderr = sys.stderr
    sources, failed = expand_inputs(args.inputs, lambda msg: print(msg, file=stderr))
    single = len(args.inputs) == 1 and (args.inputs[0] == "-" or not Path(args.inputs[0]).is_dir())
    output = _Output(args.format, sys.stdout, single=single)
    bar = ProgressBar(len(sources), stream=stderr,
                      enabled=wants_progress(args.progress, len(sources), stderr))
    for outcome in run(sources, jobs=args.jobs, published=args.published):
        if outcome.article is None:
            bar.write(f"kuaiclaims: {outcome.error}")
            failed += 1
        else:
            output.write(outcome.name, outcome.article)
        bar.update(failed=outcome.article is None)
    output.close()
    bar.close()
    if failed:
        print(f"kuaiclaims: {failed} input(s) failed", file=stderr)
    return 1 if failed else 0


def cmd_demo(args) -> int:
    from .api import analyze, sample_text

    text = sample_text()
    article = analyze(text)
    meta = article.metadata
    print(f"kuaiclaims demo: {SAMPLE_NAME}, {len(text)} characters")
    print(f"outlet={meta.outlet} author={meta.author} published={meta.published}")
    print(f"{len(article.entities)} entities, {len(article.quantities)} quantities, {len(article.claims)} claims\n")
    _print_table(article, SAMPLE_NAME, sys.stdout)
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate

    report = evaluate(args.gold)
    if args.misses:
        for line in report.misses:
            print(line)
    print(report.summary())
    return 0


def _iso_date(value: str) -> str:
    from .periods import parse_date

    try:
        return parse_date(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of the ``kuaiclaims`` command; returns the exit code."""
    ap = argparse.ArgumentParser(prog="kuaiclaims", description="Numeric claims in Chinese financial news.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="extract claims from files, folders ('-' reads standard input)",
                        description="Claims of every input, in input order. A folder gives its *.txt and *.html "
                                    "files (recursively); .html is stripped to text. An input that cannot be read "
                                    "is reported on standard error and skipped; the exit code is then 1.")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, a folder, or '-' for standard input")
    ex.add_argument("--format", choices=("json", "jsonl", "csv", "table"), default="json",
                    help="json: one object (one input) or an array; jsonl: one article a line; "
                         "csv: one claim a row; table: for reading (default: json)")
    ex.add_argument("--published", default=None, type=_iso_date, metavar="DATE",
                    help="the articles' date, YYYY-MM-DD (else read from each byline)")
    ex.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                    help="worker processes (0: one per CPU; default 1)")
    ex.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="a progress bar on standard error (default: for 6 or more inputs on a terminal)")
    ex.set_defaults(func=cmd_extract)
    demo = sub.add_parser("demo", help="run on the sample article shipped with the package")
    demo.set_defaults(func=cmd_demo)
    ev = sub.add_parser("evaluate", help="score against a gold JSONL file")
    ev.add_argument("gold")
    ev.add_argument("--misses", action="store_true", help="list the misses")
    ev.set_defaults(func=cmd_evaluate)
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # `kuaiclaims extract ... | head`: the reader left, nothing is wrong. Point standard
        # output at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
