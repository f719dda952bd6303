"""The command line: demo and extract."""
import json
import subprocess
import sys


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
