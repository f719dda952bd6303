"""Headless Chromium for the rendering tests, and the docs screenshot.

``python tests/browser.py`` regenerates ``docs/sample-rendering.png`` from the
sample article, with its made-up company added as in the recipe "Adding your
own companies" (needs Debian's ``chromium`` and, for readable Chinese, a CJK
font such as ``fonts-noto-cjk``).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
ROOT = Path(__file__).resolve().parents[1]


def chromium_path() -> str | None:
    """The Chromium binary, or ``None`` when the machine has none."""
    return shutil.which("chromium") or (str(Path("/usr/bin/chromium")) if Path("/usr/bin/chromium").exists() else None)


def run_chromium(url: str, *args: str, timeout: float = 120) -> str:
    """Run headless Chromium on ``url`` with a throw-away profile; its standard output."""
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="kc-chromium-") as profile:
        out = subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args, url],
                             capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"chromium failed ({out.returncode}): {out.stderr[-2000:]}")
    return out.stdout


def dump_dom(html_file: Path) -> str:
    """The DOM of a local HTML file after Chromium parsed it, serialised."""
    return run_chromium(html_file.resolve().as_uri(), "--dump-dom")


def screenshot(html_file: Path, png: Path, size: str = "1200,2000") -> None:
    """A PNG of a local HTML file as Chromium draws it."""
    run_chromium(html_file.resolve().as_uri(), f"--screenshot={png.resolve()}", f"--window-size={size}",
                 "--hide-scrollbars")


def shrink_png(png: Path) -> None:
    """128 colours instead of true colour: a third of the size, the same to the eye (needs Pillow)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as im:
        small = im.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import kuaiclaims

    nlp = kuaiclaims.load(extra_entities=[{"canonical": "星野科技", "label": "COMPANY", "aliases": ["星野"]}])
    html = kuaiclaims.render(kuaiclaims.analyze(kuaiclaims.sample_text(), nlp=nlp), page=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "sample.html"
        page.write_text(html, encoding="utf-8")
        screenshot(page, ROOT / "docs" / "sample-rendering.png")
    shrink_png(ROOT / "docs" / "sample-rendering.png")
    print(ROOT / "docs" / "sample-rendering.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
