"""A one-line progress bar on standard error, for commands that work through many inputs.

Self-written rather than a tqdm dependency: the command line needs one bar,
a count and the time, and messages (a file that cannot be read) printed
above the bar without tearing it.
"""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

#: Below this many inputs the bar is not shown unless asked for.
MIN_INPUTS = 6


def wants_progress(requested: Optional[bool], total: int, stream: TextIO) -> bool:
    """Show a bar when asked (``--progress``), never when refused (``--no-progress``), else for
    more than a handful of inputs on a terminal."""
    if requested is not None:
        return requested
    isatty = getattr(stream, "isatty", None)
    return total >= MIN_INPUTS and bool(isatty and isatty())


class ProgressBar:
    """``kuaiclaims [#####.....] 12/40 | 1 failed | 0:05`` redrawn in place with ``\\r``.

    When disabled, ``update`` does nothing and ``write`` just prints the message.
    """

    def __init__(self, total: int, *, stream: Optional[TextIO] = None, enabled: bool = True,
                 width: int = 24, label: str = "kuaiclaims") -> None:
        self.total, self.width, self.label = total, width, label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.done = self.failed = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._shown = False

    def _line(self) -> str:
        filled = self.width * self.done // self.total if self.total else self.width
        elapsed = int(time.monotonic() - self._started)
        failed = f" | {self.failed} failed" if self.failed else ""
        return (f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}"
                f"{failed} | {elapsed // 60}:{elapsed % 60:02d}")

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn < 0.1):
            return
        self.stream.write("\r" + self._line())
        self.stream.flush()
        self._drawn, self._shown = now, True

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * len(self._line()) + "\r")

    def update(self, failed: bool = False) -> None:
        """One more input done (``failed`` when it produced no output)."""
        self.done += 1
        self.failed += int(failed)
        self._draw(force=self.done == self.total)

    def write(self, message: str) -> None:
        """Print ``message`` on its own line above the bar."""
        self._clear()
        self.stream.write(message.rstrip("\n") + "\n")
        self._draw(force=True)

    def close(self) -> None:
        """Leave the finished bar on its line."""
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
