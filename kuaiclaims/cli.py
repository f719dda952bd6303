"""The ``kuaiclaims`` command: ``extract`` claims from files, run the ``demo``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from .lexicons import data_file


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_bytes().decode("utf-8")


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


def cmd_extract(args) -> int:
    from .api import analyze

    failed = 0
    for i, path in enumerate(args.files):
        try:
            text = _read(path)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"kuaiclaims: cannot read {path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        article = analyze(text, published=args.published)
        if args.format == "table":
            _print_table(article, path, sys.stdout)
            continue
        record = {"file": path, **article.to_dict()}
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0


def cmd_demo(args) -> int:
    from .api import analyze

    path = data_file("sample_article.txt")
    text = path.read_text(encoding="utf-8")
    article = analyze(text)
    meta = article.metadata
    print(f"kuaiclaims demo: {path.name}, {len(text)} characters")
    print(f"outlet={meta.outlet} author={meta.author} published={meta.published}")
    print(f"{len(article.entities)} entities, {len(article.quantities)} quantities, {len(article.claims)} claims\n")
    _print_table(article, path.name, sys.stdout)
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate

    report = evaluate(args.gold)
    if args.misses:
        for line in report.misses:
            print(line)
    print(report.summary())
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="kuaiclaims", description="Numeric claims in Chinese financial news.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="extract claims from files ('-' reads standard input)")
    ex.add_argument("files", nargs="+")
    ex.add_argument("--format", choices=("json", "jsonl", "table"), default="json")
    ex.add_argument("--published", default=None, help="the articles' date, YYYY-MM-DD")
    ex.set_defaults(func=cmd_extract)
    demo = sub.add_parser("demo", help="run on the sample article shipped with the package")
    demo.set_defaults(func=cmd_demo)
    ev = sub.add_parser("evaluate", help="score against a gold JSONL file")
    ev.add_argument("gold")
    ev.add_argument("--misses", action="store_true", help="list the misses")
    ev.set_defaults(func=cmd_evaluate)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
