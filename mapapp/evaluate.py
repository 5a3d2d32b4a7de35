"""Score the geoparser against annotated gold documents (GeoWebNews format).

Recognition is scored with overlapping spans, resolution with the great-circle
error of each matched pair, as in Gritta et al., "A Pragmatic Guide to
Geoparsing Evaluation" (2019): accuracy within 161 km (100 miles), mean and
median error, and the area under the curve of log errors (lower is better).
The scoring functions are pure; only ``evaluate`` and ``cli`` touch files and
the geoparser.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from mapapp.geodesy import great_circle_km
from mapapp.errors import InputError
from mapapp.io.textio import read_bytes_file
from mapapp.text.language import SUPPORTED

#: 100 miles: the tolerance of "accuracy@161km" in the geoparsing literature.
ACCURACY_KM = 161.0
#: Half the Earth's circumference, the largest possible error; used for the AUC scale.
MAX_ERROR_KM = 20039.0


@dataclass(frozen=True)
class Predicted:
    """One mention the geoparser found, with the place it chose."""

    start: int
    end: int
    kind: str = "toponym"
    lat: float | None = None
    lon: float | None = None
    country_code: str = ""
    layer: str = ""
    text: str = ""


@dataclass(frozen=True)
class ErrorItem:
    """A span to inspect: a spurious prediction, a missed gold mention or a wrong place."""

    doc_id: str
    what: str  # "FP", "FN" or "FAR"
    start: int
    end: int
    text: str
    detail: str = ""

    def line(self) -> str:
        extra = f"  {self.detail}" if self.detail else ""
        return f"{self.what:3} {self.doc_id} [{self.start}:{self.end}] {self.text!r}{extra}"


@dataclass
class Scores:
    """Recognition and resolution figures of one gold set."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    true_positives: int = 0
    resolved: int = 0
    correct: int = 0
    errors_km: list[float] = field(default_factory=list)
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def false_positives(self) -> int:
        return self.predicted - self.true_positives

    @property
    def false_negatives(self) -> int:
        return self.gold - self.true_positives

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        """Share of matched pairs with gold coordinates resolved within 161 km."""
        return self.correct / self.resolved if self.resolved else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def auc(self) -> float:
        return error_auc(self.errors_km)

    def summary(self) -> str:
        return (f"documents {self.documents}  gold {self.gold}  predicted {self.predicted}  "
                f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"acc@161 {self.accuracy:.3f} ({self.correct}/{self.resolved})  "
                f"mean {self.mean_km:.0f} km  median {self.median_km:.0f} km  "
                f"AUC {self.auc:.3f}  time {self.seconds:.1f} s")




def error_auc(errors_km: Sequence[float]) -> float:
    """Area under the sorted curve of log(1 + error), scaled to 0 (perfect) .. 1 (all antipodal)."""
    if not errors_km:
        return 0.0
    ys = sorted(math.log1p(min(e, MAX_ERROR_KM)) for e in errors_km)
    if len(ys) == 1:
        return ys[0] / math.log1p(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:]))
    return area / ((len(ys) - 1) * math.log1p(MAX_ERROR_KM))


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def match_spans(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Predicted]) -> list[tuple[int, int]]:
    """Pairs (gold index, prediction index) of overlapping spans, each side used at most once.

    Largest overlaps are paired first, so a prediction covering two gold spans
    goes to the one it covers most and the other stays a miss.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            ov = _overlap(g["start"], g["end"], p.start, p.end)
            if ov > 0:
                pairs.append((-ov, abs(g["start"] - p.start), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return sorted(out)


def resolution_error(gold: Mapping[str, Any], pred: Predicted) -> float | None:
    """Error in km of one matched pair; None when the gold has no coordinates.

    A gold country (``cc``) resolved to that same country counts as exact, since
    a country has no single right point. A prediction without coordinates gets
    the largest possible error.
    """
    cc = gold.get("cc")
    if cc and pred.layer == "countries" and pred.country_code.upper() == str(cc).upper():
        return 0.0
    if gold.get("lat") is None or gold.get("lon") is None:
        return None
    if pred.lat is None or pred.lon is None:
        return MAX_ERROR_KM
    return great_circle_km(float(gold["lat"]), float(gold["lon"]), pred.lat, pred.lon)


def _counted(preds: Iterable[Predicted]) -> list[Predicted]:
    return [p for p in preds if p.kind != "border"]


def score_document(doc: Mapping[str, Any], predicted: Sequence[Predicted], into: Scores) -> None:
    """Add one document's counts to ``into``. Unscored gold spans neither count nor penalise."""
    doc_id = str(doc.get("id", ""))
    text = doc.get("text", "")
    gold = [m for m in doc.get("mentions", []) if m.get("kind") != "border"]
    preds = _counted(predicted)
    pairs = match_spans(gold, preds)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    unscored_p = {pi for gi, pi in pairs if not gold[gi].get("scored", True)}

    into.documents += 1
    into.gold += sum(1 for m in gold if m.get("scored", True))
    into.predicted += len(preds) - len(unscored_p)
    for gi, m in enumerate(gold):
        if not m.get("scored", True):
            continue
        kind_type = str(m.get("type") or m.get("kind") or "?")
        hit, total = into.by_type.get(kind_type, (0, 0))
        into.by_type[kind_type] = (hit + (gi in matched_g), total + 1)
        if gi not in matched_g:
            into.errors.append(ErrorItem(doc_id, "FN", m["start"], m["end"], m.get("text", ""),
                                         str(m.get("type", ""))))
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            into.errors.append(ErrorItem(doc_id, "FP", p.start, p.end,
                                         p.text or text[p.start:p.end], p.layer))
    for gi, pi in pairs:
        g, p = gold[gi], preds[pi]
        if not g.get("scored", True):
            continue
        into.true_positives += 1
        err = resolution_error(g, p)
        if err is None:
            continue
        into.resolved += 1
        into.errors_km.append(err)
        if err <= ACCURACY_KM:
            into.correct += 1
        else:
            into.errors.append(ErrorItem(
                doc_id, "FAR", g["start"], g["end"], g.get("text", ""),
                f"{err:.0f} km: predicted {p.country_code} {p.layer} "
                f"({_fmt(p.lat)}, {_fmt(p.lon)}) gold ({_fmt(g.get('lat'))}, {_fmt(g.get('lon'))})"))


def _fmt(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def score(gold_docs: Sequence[Mapping[str, Any]],
          predicted: Mapping[str, Sequence[Predicted]]) -> Scores:
    """Score predictions (by document id) against gold documents."""
    scores = Scores()
    for doc in gold_docs:
        score_document(doc, predicted.get(str(doc.get("id", "")), []), scores)
    return scores


def predictions_from_document(document: Any) -> list[Predicted]:
    """Every mention of a geoparsed ``Document``, carrying its place's coordinates."""
    return [Predicted(start=m.start, end=m.end, kind=m.kind, lat=place.lat, lon=place.lon,
                      country_code=place.country_code, layer=place.layer, text=m.text)
            for m, place in document.mentions()]


#: Gold files can hold thousands of documents; larger is surely not a gold file.
MAX_GOLD_BYTES = 200 * 1024 * 1024


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _mention_problem(m: Any, text_len: int) -> str | None:
    if not isinstance(m, dict):
        return "is not an object"
    start, end = m.get("start"), m.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return "needs whole-number start and end"
    if any(m.get(k) is not None and not _number(m[k]) for k in ("lat", "lon")):
        return "lat and lon must be numbers"
    return None


def _document_problem(doc: Any) -> str | None:
    if not isinstance(doc, dict):
        return "is not an object"
    if not isinstance(doc.get("text"), str):
        return 'needs a "text" string'
    if doc.get("lang") not in (None, "", "auto", *SUPPORTED):
        return f"has an unsupported lang {doc.get('lang')!r} (de, en or auto)"
    mentions = doc.get("mentions", [])
    if not isinstance(mentions, list):
        return '"mentions" must be a list'
    for j, m in enumerate(mentions, 1):
        problem = _mention_problem(m, len(doc["text"]))
        if problem:
            return f"mention {j} {problem}"
    return None


def _outside(m: dict[str, Any], text_len: int) -> bool:
    return not 0 <= m["start"] <= m["end"] <= text_len


def drop_outside_spans(docs: list[dict[str, Any]], name: str) -> list[str]:
    """Remove gold mentions whose span lies outside their text, naming each in a warning.

    Published corpora carry the odd broken annotation (GeoWebNews' gwn123 has a span at
    -139:-131); one bad mention must not stop the file from being scored, and it cannot be
    scored, so it is left out and said so.
    """
    warnings = []
    for i, doc in enumerate(docs, 1):
        kept = []
        for j, m in enumerate(doc.get("mentions", []), 1):
            if _outside(m, len(doc["text"])):
                label = f" ({doc['id']})" if "id" in doc else ""
                warnings.append(f"{name}: document {i}{label} mention {j} [{m['start']}:{m['end']}] "
                                "is outside the text; not scored")
            else:
                kept.append(m)
        if "mentions" in doc:
            doc["mentions"] = kept
    return warnings


def check_gold(docs: Any, name: str) -> list[dict[str, Any]]:
    """``docs`` when shaped as gold documents (GeoWebNews format), else InputError naming the first fault."""
    if not isinstance(docs, list):
        raise InputError(f"{name}: expected a JSON list of gold documents, found {type(docs).__name__}")
    for i, doc in enumerate(docs, 1):
        problem = _document_problem(doc)
        if problem:
            label = f" ({doc['id']})" if isinstance(doc, dict) and "id" in doc else ""
            raise InputError(f"{name}: document {i}{label} {problem}")
    return docs


def load_gold(path: Path | str, lang: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold documents read and checked; a file that is not gold is an InputError of one line."""
    data = read_bytes_file(path, MAX_GOLD_BYTES)
    try:
        docs = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8, so not a gold JSON file") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    docs = check_gold(docs, str(path))
    for warning in drop_outside_spans(docs, str(path)):
        print(f"mapapp: warning: {warning}", file=sys.stderr)
    if lang:
        docs = [d for d in docs if d.get("lang") == lang]
    return docs[:limit] if limit is not None else docs


def evaluate(gold_path: Path | str, lang: str | None = None, limit: int | None = None) -> Scores:
    """Geoparse every gold document and score the result; time covers the geoparsing."""
    from mapapp import collector, geoparse

    docs = load_gold(gold_path, lang, limit)
    predicted: dict[str, list[Predicted]] = {}
    started = time.perf_counter()
    for doc in docs:
        with collector.paused():
            parsed = geoparse(doc["text"], lang=doc.get("lang"))
        predicted[str(doc.get("id", ""))] = predictions_from_document(parsed)
    seconds = time.perf_counter() - started
    scores = score(docs, predicted)
    scores.seconds = seconds
    return scores


def report(name: str, scores: Scores, show_errors: bool = False) -> str:
    lines = [f"{name}: {scores.summary()}"]
    types = ", ".join(f"{t} {h}/{n}" for t, (h, n) in sorted(scores.by_type.items()))
    lines.append(f"  recall by type: {types}")
    if show_errors:
        lines.extend("  " + e.line() for e in scores.errors)
    return "\n".join(lines)


def cli(argv: list[str]) -> int:
    """``mapapp evaluate GOLD.json [GOLD2.json ...] [--errors] [--limit N] [--lang de]``."""
    parser = argparse.ArgumentParser(prog="mapapp evaluate",
                                     description="Score the geoparser against gold JSON files.")
    parser.add_argument("gold", nargs="+", type=Path, help="gold documents (GeoWebNews JSON format)")
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives and far misses")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents of each file")
    parser.add_argument("--lang", default=None, help="score only documents in this language")
    args = parser.parse_args(argv)
    status = 0
    for path in args.gold:
        try:
            scores = evaluate(path, lang=args.lang, limit=args.limit)
        except InputError as exc:
            print(f"mapapp: {exc}", file=sys.stderr)
            status = 2
            continue
        print(report(str(path), scores, args.errors), flush=True)
    return status
