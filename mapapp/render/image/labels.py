"""Greedy label placement: the most important labels first, each in the first free spot.

Point labels try eight positions around their marker (right first, as
cartographers do), then spots further out joined to the marker by a leader
line; area labels (countries, regions) try their label point and a few
nudges. A label must not cover another label, a marker, the legend or a line
the caller names (a border): ``crosses`` vetoes such a spot. A point label
that must be shown (``must``) and fits nowhere becomes a numbered callout
whose name goes in the map's key; any other label that fits nowhere is left
out rather than drawn over another. Everything is in display pixels;
measuring text is the caller's job (it owns the renderer).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 with y up
Check = Callable[[Box], bool]


@dataclass(frozen=True)
class LabelRequest:
    key: str
    text: str
    x: float
    y: float
    priority: float
    radius: float = 0.0
    area: bool = False
    #: Shown one way or another: beside the marker, on a leader line, or as a numbered callout.
    must: bool = False
    #: False when the label cannot sit beside its anchor (a country too small for its name): leader only.
    beside: bool = True


@dataclass(frozen=True)
class Placement:
    key: str
    text: str
    x: float
    y: float
    ha: str
    va: str
    box: Box
    #: Where a leader line starts (the marker's edge), or None when the label sits beside its marker.
    leader: tuple[float, float] | None = None
    #: The callout's number when the name went to the key instead of onto the map.
    number: int | None = None


# (dx, dy, ha, va): unit offsets from the marker, in the order they are tried.
_POINT_SLOTS: tuple[tuple[float, float, str, str], ...] = (
    (1, 0, "left", "center"), (0.75, 0.75, "left", "bottom"), (0.75, -0.75, "left", "top"),
    (-1, 0, "right", "center"), (-0.75, 0.75, "right", "bottom"), (-0.75, -0.75, "right", "top"),
    (0, 1, "center", "bottom"), (0, -1, "center", "top"),
)
#: How far out leader-line spots sit, in marker offsets (radius + gap) plus this many gaps.
_LEADER_RINGS: tuple[float, ...] = (3.0, 5.0, 8.0, 12.0)
_AREA_NUDGES: tuple[tuple[float, float], ...] = (
    (0, 0), (0, 1.2), (0, -1.2), (0.5, 0), (-0.5, 0), (0.5, 1.2), (-0.5, -1.2), (0, 2.4), (0, -2.4),
)


def _box_at(x: float, y: float, w: float, h: float, ha: str, va: str) -> Box:
    x0 = {"left": x, "center": x - w / 2, "right": x - w}[ha]
    y0 = {"bottom": y, "center": y - h / 2, "top": y - h}[va]
    return (x0, y0, x0 + w, y0 + h)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: Box, frame: Box) -> bool:
    return a[0] >= frame[0] and a[1] >= frame[1] and a[2] <= frame[2] and a[3] <= frame[3]


def candidates(req: LabelRequest, w: float, h: float, gap: float) -> list[tuple[float, float, str, str]]:
    """Anchor points and alignments to try for one label beside its marker, best first."""
    if req.area:
        return [(req.x + dx * w, req.y + dy * h, "center", "center") for dx, dy in _AREA_NUDGES]
    off = req.radius + gap
    return [(req.x + dx * off, req.y + dy * off, ha, va) for dx, dy, ha, va in _POINT_SLOTS]


def leader_candidates(req: LabelRequest, gap: float) -> list[tuple[float, float, str, str, tuple[float, float]]]:
    """Spots further out, on rings around the marker, each with where its leader line starts."""
    out = []
    for ring in _LEADER_RINGS:
        off = req.radius + ring * gap * 2
        for dx, dy, ha, va in _POINT_SLOTS:
            norm = (dx * dx + dy * dy) ** 0.5
            start = (req.x + dx / norm * req.radius, req.y + dy / norm * req.radius)
            out.append((req.x + dx * off, req.y + dy * off, ha, va, start))
    return out


def _segment_hits(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether segment a-b passes through ``box`` (sampled finely enough for a label's size)."""
    steps = 16
    for i in range(1, steps):
        x = a[0] + (b[0] - a[0]) * i / steps
        y = a[1] + (b[1] - a[1]) * i / steps
        if box[0] < x < box[2] and box[1] < y < box[3]:
            return True
    return False


def place_labels(requests: list[LabelRequest], measure: Callable[[LabelRequest], tuple[float, float]],
                 frame: Box, obstacles: list[tuple[str, Box]] = (),
                 gap: float = 3.0,
                 accept: Callable[[LabelRequest, Box], bool] | None = None,
                 crosses: Check | None = None) -> list[Placement]:
    """Place labels by descending priority; skip those that collide everywhere or leave ``frame``.

    ``obstacles`` are (key, box) pairs labels must not cover: markers, legend,
    scale bar. A label may touch the obstacle with its own key (its marker).
    ``accept`` can veto a spot, e.g. an area label nudged off its country;
    ``crosses`` vetoes a spot a line runs through. Labels marked ``must`` that
    fit nowhere come last as numbered callouts (numbers from 1, by priority).
    """
    placed: list[Placement] = []
    taken: list[tuple[str, Box]] = list(obstacles)
    leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []
    unplaced: list[LabelRequest] = []

    def free(req: LabelRequest, box: Box, on_anchor: bool = True) -> bool:
        return (inside(box, frame) and not any(k != req.key and overlaps(box, t) for k, t in taken)
                and not any(_segment_hits(a, b, box) for a, b in leaders)
                and (crosses is None or not crosses(box))
                and (accept is None or not on_anchor or accept(req, box)))

    ordered = sorted(requests, key=lambda r: (-r.priority, r.text, r.key))
    for req in ordered:
        w, h = measure(req)
        slots = candidates(req, w, h, gap) if req.beside else []
        spot = next(((x, y, ha, va, box) for x, y, ha, va in slots
                     for box in [_box_at(x, y, w, h, ha, va)] if free(req, box)), None)
        if spot is not None:
            placed.append(Placement(req.key, req.text, *spot))
            taken.append((f"label:{req.key}", spot[4]))
        elif req.must:
            unplaced.append(req)
    numbered: list[LabelRequest] = []
    for req in unplaced:
        w, h = measure(req)
        spot = next(((x, y, ha, va, box, start) for x, y, ha, va, start in leader_candidates(req, gap)
                     for box in [_box_at(x, y, w, h, ha, va)]
                     if free(req, box, on_anchor=False) and _leader_clear(req, start, box, taken)), None)
        if spot is None:
            numbered.append(req)
            continue
        x, y, ha, va, box, start = spot
        placed.append(Placement(req.key, req.text, x, y, ha, va, box, leader=start))
        taken.append((f"label:{req.key}", box))
        leaders.append((start, _nearest(box, start)))
    for number, req in enumerate(numbered, start=1):
        placed.append(_callout(req, number, measure, gap, free, taken))
    return placed


def _nearest(box: Box, p: tuple[float, float]) -> tuple[float, float]:
    """The point of ``box`` nearest ``p``: where a leader line ends."""
    return (min(max(p[0], box[0]), box[2]), min(max(p[1], box[1]), box[3]))


def _leader_clear(req: LabelRequest, start: tuple[float, float], box: Box, taken: list[tuple[str, Box]]) -> bool:
    end = _nearest(box, start)
    return not any(k not in (req.key, f"label:{req.key}") and not _holds(t, start) and _segment_hits(start, end, t)
                   for k, t in taken)


def _holds(box: Box, p: tuple[float, float]) -> bool:
    """Whether ``p`` lies in ``box``: a marker the leader starts on (Red Square on Moscow) is no obstacle."""
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def _callout(req: LabelRequest, number: int, measure, gap: float, free, taken: list[tuple[str, Box]]) -> Placement:
    """A small number beside the marker, in the first free slot (the first slot if none is free)."""
    text = str(number)
    w, h = measure(LabelRequest(f"{req.key}#callout", text, req.x, req.y, req.priority))
    slots = [(x, y, ha, va, _box_at(x, y, w, h, ha, va)) for x, y, ha, va in
             candidates(LabelRequest(req.key, text, req.x, req.y, req.priority, req.radius), w, h, gap)]
    x, y, ha, va, box = next((s for s in slots if free(req, s[4])), slots[0])
    taken.append((f"label:{req.key}", box))
    return Placement(req.key, text, x, y, ha, va, box, number=number)
