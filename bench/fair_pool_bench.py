"""How long a reader's short text waits while two long uploads are being mapped on the same server.

Two ~0.7 MB texts go to the app's shared pool (mapapp.app.jobs.GeoparseJobs, the real
geoparse), then a two-place sentence; the sentence's wait is timed with the small-text
lane and without it (every text in one lane of two workers, as before issue 16).

Run: .venv/bin/python bench/fair_pool_bench.py
"""
from __future__ import annotations

import time

from mapapp.app.jobs import SMALL_TEXT_BYTES, GeoparseJobs
from mapapp.io.paths import SEED_FILE
from mapapp.pipeline import geoparse

SMALL = "Im Sommer reisten wir von Berlin nach Wien."


def big_texts() -> list[str]:
    border = "Russland schließt die Grenze zu Kasachstan.\n" * 16_000
    seed = (SEED_FILE.read_text("utf-8") + "\n\n") * 70
    return [border, seed]


def run(text: str, lang: str, **limits):
    return geoparse(text, lang, online=False, **limits)


def small_wait(small_bytes: int) -> tuple[float, float]:
    """Seconds until the short text is mapped, and until both long ones are."""
    jobs = GeoparseJobs(run, small_bytes=small_bytes, alive=lambda reader: True)
    start = time.monotonic()
    big = [jobs.submit(text, "de", reader=f"upload{i}") for i, text in enumerate(big_texts())]
    time.sleep(0.5)   # the long texts are under way when the reader arrives
    arrived = time.monotonic()
    doc = jobs.submit(SMALL, "de", reader="reader").future.result()
    waited = time.monotonic() - arrived
    assert {p.name for p in doc.places} == {"Berlin", "Vienna"}, [p.name for p in doc.places]
    for job in big:
        job.future.result()
    total = time.monotonic() - start
    jobs.shutdown()
    return waited, total


def main() -> None:
    geoparse(SMALL, "de", online=False)   # warm the index and the tagger
    sizes = ", ".join(f"{len(t.encode()) / 1e6:.2f} MB" for t in big_texts())
    print(f"two long texts ({sizes}) under way, then a {len(SMALL)}-character text:")
    for label, small_bytes in (("own lane for texts < 50 KB", SMALL_TEXT_BYTES), ("one lane (before)", 0)):
        waited, total = small_wait(small_bytes)
        print(f"  {label:<28} the short text waited {waited:6.2f} s; both long ones done after {total:6.2f} s")


if __name__ == "__main__":
    main()
