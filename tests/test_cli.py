"""The command line: demo, extract over files, folders and standard input, the progress bar."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import kuaiclaims
from kuaiclaims.cli import main
from kuaiclaims.frame import flatten_claim
from kuaiclaims.progress import ProgressBar, wants_progress


def _run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "kuaiclaims", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def test_demo_prints_claims():
    out = _run("demo")
    assert out.returncode == 0, out.stderr
    assert "claims" in out.stdout and "financial_report" in out.stdout


def test_extract_jsonl_and_unreadable_file(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("财报显示，网易一季度营收288亿元。", encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    out = _run("extract", str(good), str(bad), "--format", "jsonl")
    assert out.returncode == 1
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["claims"][0]["value"]["value"] == 28800000000
    assert "b.txt" in out.stderr


def test_extract_reads_stdin():
    out = _run("extract", "-", "--format", "json", stdin="据彭博社报道，该基金规模达50亿美元。")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert doc["claims"][0]["source_type"] == "media_report"


# -- folders, formats, broken files --------------------------------------------------------------

GOOD_TXT = "财报显示，网易一季度营收288亿元。"
GOOD_HTML = ("<html><head><title>快讯</title><script>var x = '999亿元';</script><style>p{}</style></head>"
             "<body><h1>快讯</h1><p>据彭博社报道，该基金规模达50亿美元。</p></body></html>")


@pytest.fixture()
def folder(tmp_path):
    """Good .txt, a .html, a nested folder, an undecodable file, a hidden folder and a file of another kind."""
    root = tmp_path / "news"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    (root / "sub" / "b.html").write_text(GOOD_HTML, encoding="utf-8")
    (root / "sub" / "deeper" / "c.txt").write_text("截至收盘，腾讯股价报收380.2港元。", encoding="utf-8")
    (root / "sub" / "broken.txt").write_bytes("营收288亿元".encode("gbk") + b"\xff\xfe")
    (root / ".cache" / "d.txt").write_text(GOOD_TXT, encoding="utf-8")
    (root / "notes.md").write_text(GOOD_TXT, encoding="utf-8")
    return root


def _main(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _files_of(fmt: str, stdout: str) -> list[str]:
    if fmt == "json":
        return [r["file"] for r in json.loads(stdout)]
    if fmt == "jsonl":
        return [json.loads(line)["file"] for line in stdout.splitlines()]
    if fmt == "csv":
        return list(dict.fromkeys(r["source"] for r in csv.DictReader(io.StringIO(stdout))))
    return [line.split()[1].rstrip(":") for line in stdout.splitlines() if line.startswith("# ")]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_cli_extract_folder_skips_the_broken_file(capsys, folder, fmt):
    code, stdout, stderr = _main(capsys, "extract", str(folder), "--format", fmt)
    assert code == 1
    assert "broken.txt" in stderr and "not utf-8 text" in stderr
    names = [Path(f).relative_to(folder).as_posix() for f in _files_of(fmt, stdout)]
    assert names == ["a.txt", "sub/b.html", "sub/deeper/c.txt"]


def test_cli_extract_html_is_stripped_to_text(capsys, folder):
    code, stdout, _ = _main(capsys, "extract", str(folder / "sub" / "b.html"), "--format", "json")
    assert code == 0
    record = json.loads(stdout)
    assert record["text"] == "快讯\n\n据彭博社报道，该基金规模达50亿美元。\n"
    assert [c["value"]["value"] for c in record["claims"]] == [5000000000]


def test_cli_extract_csv_rows_are_flatten_claim(capsys, folder):
    code, stdout, _ = _main(capsys, "extract", str(folder / "a.txt"), "--format", "csv", "--published", "2025-05-20")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout)))
    claims = kuaiclaims.extract_claims(GOOD_TXT, published="2025-05-20")
    expected = [{k: "" if v is None else str(v) for k, v in flatten_claim(c, source=str(folder / "a.txt")).items()}
                for c in claims]
    assert rows == expected


@pytest.mark.parametrize("argv, message", [
    (["--published", "2025-13-01"], "published must be an ISO date"),
    (["--format", "xml"], "invalid choice"),
], ids=["bad-date", "bad-format"])
def test_cli_extract_usage_errors_exit_2(capsys, folder, argv, message):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(folder / "a.txt"), *argv])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_extract_missing_path_and_empty_folder(capsys, tmp_path, folder):
    (tmp_path / "empty").mkdir()
    code, stdout, stderr = _main(capsys, "extract", str(tmp_path / "nope.txt"), str(tmp_path / "empty"),
                                 str(folder / "a.txt"), "--format", "jsonl")
    assert code == 1
    assert "nope.txt: no such file or folder" in stderr and "no .txt or .html files in" in stderr
    assert len(stdout.splitlines()) == 1


def test_cli_extract_jobs_progress_in_input_order(folder, tmp_path):
    """The real command: worker processes that load the pipeline themselves, a progress bar, input order."""
    for i in range(4):
        (folder / f"z{i}.txt").write_text(f"财报显示，网易一季度营收{i + 1}00亿元。", encoding="utf-8")
    out = _run("extract", str(folder), "--format", "csv", "--jobs", "2", "--progress")
    assert out.returncode == 1, out.stderr
    assert "broken.txt" in out.stderr and "8/8" in out.stderr and "1 failed" in out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    names = [Path(r["source"]).relative_to(folder).as_posix() for r in rows]
    assert names == ["a.txt", "sub/b.html", "sub/deeper/c.txt", "z0.txt", "z1.txt", "z2.txt", "z3.txt"]
    assert [r["value"] for r in rows[3:]] == ["10000000000", "20000000000", "30000000000", "40000000000"]


# -- progress bar ------------------------------------------------------------------------------

@pytest.mark.parametrize("requested, total, tty, shown", [
    (None, 5, True, False),
    (None, 6, True, True),
    (None, 50, False, False),
    (True, 1, False, True),
    (False, 50, True, False),
], ids=["few-inputs", "enough-inputs", "not-a-terminal", "asked-for", "refused"])
def test_progress_shown_when(requested, total, tty, shown):
    class Stream(io.StringIO):
        def isatty(self):
            return tty
    assert wants_progress(requested, total, Stream()) is shown


def test_progress_messages_print_above_the_bar():
    stream = io.StringIO()
    bar = ProgressBar(3, stream=stream)
    bar.update()
    bar.write("kuaiclaims: cannot read x.txt")
    bar.update(failed=True)
    bar.update()
    bar.close()
    lines = stream.getvalue().split("\n")
    assert lines[0].endswith("kuaiclaims: cannot read x.txt")
    assert lines[1].split("\r")[-1].startswith("kuaiclaims [########################] 3/3 | 1 failed")


def test_progress_disabled_writes_only_messages():
    stream = io.StringIO()
    bar = ProgressBar(3, stream=stream, enabled=False)
    bar.update()
    bar.write("hello")
    bar.close()
    assert stream.getvalue() == "hello\n"
