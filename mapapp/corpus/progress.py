"""The driver's progress line: a bar on a terminal, one line every few seconds in a log."""
from __future__ import annotations

import time
from typing import IO


def format_progress(done: int, total: int, elapsed: float, failed: int = 0, width: int = 24) -> str:
    """``[#####-----] 1,200/10,000 docs  45.3 docs/s  ETA 3:14  2 failed``."""
    fraction = done / total if total else 1.0
    bar = "#" * round(width * fraction) + "-" * (width - round(width * fraction))
    rate = done / elapsed if elapsed > 0 else 0.0
    if done >= total:
        eta = "done"
    elif rate > 0:
        secs = int(round((total - done) / rate))
        eta = f"ETA {secs // 3600}:{secs // 60 % 60:02d}:{secs % 60:02d}"
    else:
        eta = "ETA --:--:--"
    tail = f"  {failed:,} failed" if failed else ""
    return f"[{bar}] {done:,}/{total:,} docs  {rate:.1f} docs/s  {eta}{tail}"


class Progress:
    """A progress line on a terminal, or one line every ``interval`` seconds in a log."""

    def __init__(self, total: int, stream: IO[str] | None, interval: float | None = None) -> None:
        self.total, self.stream = total, stream
        self.tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.start = self.last = time.monotonic()

    def update(self, done: int, failed: int, final: bool = False) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if not final and now - self.last < self.interval:
            return
        self.last = now
        line = format_progress(done, self.total, now - self.start, failed)
        end = "\n" if final or not self.tty else ""
        self.stream.write(("\r" if self.tty else "") + line + end)
        self.stream.flush()
