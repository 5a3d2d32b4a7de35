"""Greedy label placement: the most important labels first, each in the first free spot.

Point labels try eight positions around their marker (right first, as
cartographers do); area labels (countries, regions) try their label point
and a few nudges. A label that fits nowhere is left out rather than drawn
over another: an unreadable pile of names helps no reader. Everything is in
display pixels; measuring text is the caller's job (it owns the renderer).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 with y up


@dataclass(frozen=True)
class LabelRequest:
    key: str
    text: str
    x: float
    y: float
    priority: float
    radius: float = 0.0
    area: bool = False


@dataclass(frozen=True)
class Placement:
    key: str
    text: str
    x: float
    y: float
    ha: str
    va: str
    box: Box


# (dx, dy, ha, va): unit offsets from the marker, in the order they are tried.
_POINT_SLOTS: tuple[tuple[float, float, str, str], ...] = (
    (1, 0, "left", "center"), (0.75, 0.75, "left", "bottom"), (0.75, -0.75, "left", "top"),
    (-1, 0, "right", "center"), (-0.75, 0.75, "right", "bottom"), (-0.75, -0.75, "right", "top"),
    (0, 1, "center", "bottom"), (0, -1, "center", "top"),
)
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
    """Anchor points and alignments to try for one label, best first."""
    if req.area:
        return [(req.x + dx * w, req.y + dy * h, "center", "center") for dx, dy in _AREA_NUDGES]
    off = req.radius + gap
    return [(req.x + dx * off, req.y + dy * off, ha, va) for dx, dy, ha, va in _POINT_SLOTS]


def place_labels(requests: list[LabelRequest], measure: Callable[[LabelRequest], tuple[float, float]],
                 frame: Box, obstacles: list[tuple[str, Box]] = (),
                 gap: float = 3.0,
                 accept: Callable[[LabelRequest, Box], bool] | None = None) -> list[Placement]:
    """Place labels by descending priority; skip those that collide everywhere or leave ``frame``.

    ``obstacles`` are (key, box) pairs labels must not cover: markers, legend,
    scale bar. A label may touch the obstacle with its own key (its marker).
    ``accept`` can veto a spot, e.g. an area label nudged off its country.
    """
    placed: list[Placement] = []
    taken: list[tuple[str, Box]] = list(obstacles)
    for req in sorted(requests, key=lambda r: (-r.priority, r.text, r.key)):
        w, h = measure(req)
        for x, y, ha, va in candidates(req, w, h, gap):
            box = _box_at(x, y, w, h, ha, va)
            if (inside(box, frame) and not any(k != req.key and overlaps(box, t) for k, t in taken)
                    and (accept is None or accept(req, box))):
                placed.append(Placement(req.key, req.text, x, y, ha, va, box))
                taken.append((f"label:{req.key}", box))
                break
    return placed
