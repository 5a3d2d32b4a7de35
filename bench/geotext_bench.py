"""mapapp against geotext as whole processes on the same texts: medians, peak RSS and the ratios.

geotext (a dev requirement) is the reference for what a gazetteer look-up over a
text costs in Python: its bare ``GeoText(text)`` (a regex and dictionary hits)
and the same with what a map needs on top, the offsets of every hit and its
namesakes' coordinates from geotext's own cities table, written out as JSON.
mapapp runs as ``python -m mapapp geoparse FILE`` with its GeoJSON discarded.
The machine is shared and noisy, so the runs alternate and the ratios taken in
the same run are the figure, not the seconds.

Run: .venv/bin/python bench/geotext_bench.py [--runs 5] [--only news,seed] [--against DIR]
(``--against`` adds the mapapp package of another checkout, e.g. a ``git worktree`` of an older
commit, to the alternation, run with this virtualenv: ``python -m`` imports the package of its
working folder.)  CPU seconds (user + system of the child) are printed beside wall seconds: on a
loaded machine they vary far less, and the least CPU time of each tool is the figure least
disturbed by other jobs (they can only add to it).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "kazakhstan_commentary_de.txt"
GEOWEBNEWS = ROOT.parent / "shared" / "corpora" / "geowebnews.json"
NEWS_BYTES = 1_000_000

GEOTEXT_BARE = "import sys\nfrom geotext import GeoText\nGeoText(open(sys.argv[1], encoding='utf-8').read())\n"
#: geotext's own candidates with offsets, and every namesake's position from its cities table.
GEOTEXT_MAP = r"""
import json, re, sys
from geotext import GeoText
from geotext.geotext import get_data_path
namesakes = {}
with open(get_data_path('cities15000.txt'), encoding='utf-8') as fh:
    for line in fh:
        cols = line.split('\t')
        namesakes.setdefault(cols[1].lower(), []).append((cols[8], float(cols[4]), float(cols[5])))
text = open(sys.argv[1], encoding='utf-8').read()
index = GeoText.index
hits = []
for m in re.finditer(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*", text):
    name = m.group().strip().lower()
    if name in index.countries or name in index.cities:
        hits.append({"start": m.start(), "end": m.start() + len(m.group().strip()), "name": name,
                     "country": index.countries.get(name) or index.cities[name],
                     "namesakes": namesakes.get(name, [])})
sys.stdout.write(json.dumps(hits))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    peak_mib: float


def news_text() -> str:
    """GeoWebNews's 200 English articles, repeated and cut to 1 MB (at a character boundary)."""
    articles = [d["text"] for d in json.loads(GEOWEBNEWS.read_text(encoding="utf-8"))]
    block = "\n\n".join(articles)
    copies = NEWS_BYTES // len(block.encode()) + 1
    return "\n\n".join([block] * copies).encode()[:NEWS_BYTES].decode("utf-8", "ignore")


def run(command: list[str], cwd: Path) -> Run:
    """One whole process, output discarded; peak RSS is this child's own (wait4), not the maximum so far."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def commands(path: Path, lang: str, against: list[Path]) -> dict[str, tuple[list[str], Path]]:
    """Each tool's command and the folder it runs in."""
    py = sys.executable
    mapapp = [py, "-m", "mapapp", "geoparse", "--lang", lang, str(path)]
    tools = {"mapapp": (mapapp, ROOT)}
    tools.update({f"mapapp@{folder.name}": (mapapp, folder) for folder in against})
    tools["geotext"] = ([py, "-c", GEOTEXT_BARE, str(path)], ROOT)
    tools["geotext+map"] = ([py, "-c", GEOTEXT_MAP, str(path)], ROOT)
    return tools


def compare(name: str, path: Path, lang: str, runs: int, against: list[Path]) -> None:
    tools = commands(path, lang, against)
    results: dict[str, list[Run]] = {tool: [] for tool in tools}
    for command, folder in tools.values():  # the first process may find the index's pages cold on disk
        run(command, folder)
    for _ in range(runs):
        for tool, (command, folder) in tools.items():
            results[tool].append(run(command, folder))
    size = path.stat().st_size
    print(f"{name} ({size / 1e6:.2f} MB, {runs} runs each, alternating)")
    wall = {tool: statistics.median(r.seconds for r in rs) for tool, rs in results.items()}
    cpu = {tool: statistics.median(r.cpu for r in rs) for tool, rs in results.items()}
    low = {tool: min(r.cpu for r in rs) for tool, rs in results.items()}
    for tool, rs in results.items():
        print(f"  {tool:16s} wall median {wall[tool]:6.2f} s (min {min(r.seconds for r in rs):.2f})  "
              f"CPU median {cpu[tool]:6.2f} s (min {low[tool]:.2f})  peak RSS {max(r.peak_mib for r in rs):5.0f} MiB")
    for tool in tools:
        if tool.startswith("mapapp"):
            print(f"  {tool}: {wall[tool] / wall['geotext']:.1f}x geotext, "
                  f"{wall[tool] / wall['geotext+map']:.1f}x geotext+map by wall clock; "
                  f"{cpu[tool] / cpu['geotext']:.1f}x, {cpu[tool] / cpu['geotext+map']:.1f}x by CPU time; "
                  f"{low[tool] / low['geotext']:.1f}x geotext by the least CPU time of each "
                  "(other jobs only ever add to it)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="news,seed")
    parser.add_argument("--against", type=Path, action="append", default=[])
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        if "news" in wanted:
            news = Path(tmp) / "news_1mb_en.txt"
            news.write_text(news_text(), encoding="utf-8")
            compare("1 MB English news (GeoWebNews repeated)", news, "en", args.runs, args.against)
        if "seed" in wanted:
            compare("the seed, cold", SEED, "de", args.runs, args.against)


if __name__ == "__main__":
    main()
