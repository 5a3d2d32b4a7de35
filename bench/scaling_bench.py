"""Does every step stay linear? Geoparse N, 2N, 4N … copies of a text and print the time ratio per doubling.

A ratio near 2.0 means the step is linear in its input; near 4.0, quadratic. One
hostile upload with a quadratic step blocks a shared server for minutes, so
every step of the path a text takes is timed: passages, recognition,
resolution, borders, the whole ``geoparse``, ``Document.mentions``, writing
the layer files, and the app's passage highlighting.

Run: .venv/bin/python bench/scaling_bench.py [--doublings 2] [--scale 1.0] [--only border,seed,news]
"""
from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mapapp.gazetteer.query import get_gazetteer
from mapapp.io.layerfiles import write_layers
from mapapp.io.paths import SEED_FILE
from mapapp.mentions.recognize import Recognizer
from mapapp.model import Document
from mapapp.pipeline import geoparse
from mapapp.places.borders import border_places
from mapapp.places.resolve import resolve_spans
from mapapp.render.html import passages_html, shown_passage, spans_by_passage
from mapapp.text.passages import split_passages

ROOT = Path(__file__).resolve().parents[1]
BORDER_SENTENCE = "Russland schließt die Grenze zu Kasachstan.\n"


@dataclass(frozen=True)
class Corpus:
    """A unit of text repeated ``base`` times at the smallest size."""

    name: str
    unit: str
    lang: str
    base: int


def corpora() -> list[Corpus]:
    news = "\n\n".join(d["text"] for d in json.loads((ROOT / "data/devset/dev_en.json").read_text("utf-8")))
    return [Corpus("border", BORDER_SENTENCE, "de", 2000),
            Corpus("seed", SEED_FILE.read_text("utf-8") + "\n\n", "de", 25),
            Corpus("news", news + "\n\n", "en", 25)]


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of ``fn`` (steadier than wall time on a shared machine) and its result; the
    garbage left by earlier steps is collected first so that its cost is not charged to ``fn``."""
    gc.collect()
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def stage_times(text: str, lang: str) -> dict[str, float]:
    """Seconds per step for one text: the pipeline's steps one by one, then the whole and its outputs."""
    gaz = get_gazetteer()
    rec = Recognizer(gaz)
    t: dict[str, float] = {}
    t["passages"], passages = _timed(lambda: split_passages(text))
    t["recognize"], spans = _timed(lambda: [s for p in passages for s in rec.spans(p.text, p.index, p.start, lang)])
    t["resolve"], (resolved, _) = _timed(lambda: resolve_spans(spans, gaz, lang))
    countries = [(s, c.country_code) for s, c, _ in resolved if s.kind == "toponym" and c.layer == "countries"]
    borders = [s for s in spans if s.kind == "border"]
    t["borders"], _ = _timed(lambda: border_places(borders, countries, text, gaz))
    t["geoparse"], doc = _timed(lambda: geoparse(text, lang, gazetteer=gaz, online=False))
    assert isinstance(doc, Document)
    t["mentions"], _ = _timed(doc.mentions)
    with tempfile.TemporaryDirectory() as tmp:
        t["write"], _ = _timed(lambda: write_layers(doc, Path(tmp)))
    t["highlight"], _ = _timed(lambda: passages_html([shown_passage(p, spans) for spans in [spans_by_passage(doc)]
                                                       for p in doc.passages]))
    return t


def run(corpus: Corpus, doublings: int, scale: float) -> None:
    geoparse(corpus.unit, corpus.lang, online=False)   # warm the index, the tagger and the memos
    rows: list[tuple[int, int, dict[str, float]]] = []
    n = max(1, round(corpus.base * scale))
    for _ in range(doublings + 1):
        text = corpus.unit * n
        rows.append((n, len(text.encode("utf-8")), stage_times(text, corpus.lang)))
        n *= 2
    steps = list(rows[0][2])
    print(f"\n{corpus.name}: {len(corpus.unit.encode())} bytes × N ({corpus.lang})")
    print(f"{'N':>7} {'KB':>7} " + " ".join(f"{s:>10}" for s in steps))
    for i, (n, size, t) in enumerate(rows):
        print(f"{n:>7} {size / 1024:>7.0f} " + " ".join(f"{t[s]:>9.2f}s" for s in steps))
        if i:
            prev = rows[i - 1][2]
            ratios = [t[s] / prev[s] if prev[s] > 0.005 else float("nan") for s in steps]
            print(f"{'ratio':>15} " + " ".join(f"{r:>10.2f}" for r in ratios))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--doublings", type=int, default=2, help="how many times to double N (default 2)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every corpus's smallest N")
    parser.add_argument("--only", default="", help="comma-separated corpus names (border, seed, news)")
    args = parser.parse_args()
    wanted = {w for w in args.only.split(",") if w}
    print("CPU time per step in seconds; 'ratio' = time / time at half the size (2.0 = linear, 4.0 = quadratic)")
    for corpus in corpora():
        if not wanted or corpus.name in wanted:
            run(corpus, args.doublings, args.scale)


if __name__ == "__main__":
    main()
