"""What a static export is asked for, checked once so drawing code can trust it."""
from __future__ import annotations

from dataclasses import dataclass

from mapapp.errors import ExportError
from mapapp.layers import LAYERS
from mapapp.render.image.projection import Bbox, check_bbox

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
MIN_PX, MAX_PX = 200, 12000
MIN_DPI, MAX_DPI = 30, 1200
MAX_TEXT = 300


@dataclass(frozen=True)
class Preset:
    """A named page size: what a newsroom places the map into."""

    label: str
    width_px: int
    height_px: int
    dpi: int


#: Sizes a newsroom asks for; the default (no preset) stays 1800x1100 at 150 dpi.
PRESETS: dict[str, Preset] = {
    "article": Preset("Article, 1200 × 800", 1200, 800, 120),
    "square": Preset("Square, 1080 × 1080", 1080, 1080, 120),
    "a4": Preset("Print, A4 landscape at 300 dpi", 3508, 2480, 300),
}

__all__ = ["FORMATS", "PRESETS", "ExportError", "ExportOptions", "with_preset"]


@dataclass
class ExportOptions:
    """Format, size and content of one export; a bad value raises ExportError with one line."""

    fmt: str
    width_px: int = 1800
    height_px: int = 1100
    dpi: int = 150
    layers: tuple[str, ...] | None = None
    bbox: Bbox | None = None
    title: str | None = None
    subtitle: str | None = None
    #: The newsroom's own credit ("Map: J. Doe / Daily"); the data attribution is always printed too.
    credit: str | None = None
    #: Country codes to bring forward (e.g. ("KZ", "RU")); None: the text's most-named countries.
    focus: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        self.fmt = str(self.fmt).lower()
        if self.fmt not in FORMATS:
            raise ExportError(f"unknown format {self.fmt!r}; choose one of {', '.join(FORMATS)}")
        for name, value in (("width", self.width_px), ("height", self.height_px)):
            if not MIN_PX <= int(value) <= MAX_PX:
                raise ExportError(f"{name} must be between {MIN_PX} and {MAX_PX} pixels, got {value}")
        if not MIN_DPI <= int(self.dpi) <= MAX_DPI:
            raise ExportError(f"dpi must be between {MIN_DPI} and {MAX_DPI}, got {self.dpi}")
        if self.layers is not None:
            unknown = [name for name in self.layers if name not in LAYERS]
            if unknown:
                raise ExportError(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
            self.layers = tuple(self.layers)
        for name in ("title", "subtitle", "credit"):
            value = getattr(self, name)
            if value is not None and len(str(value)) > MAX_TEXT:
                raise ExportError(f"{name} is longer than {MAX_TEXT} characters")
        if self.focus is not None:
            codes = tuple(str(c).strip().upper() for c in self.focus if str(c).strip())
            bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
            if bad or not codes:
                raise ExportError(f"focus needs two-letter country codes such as KZ,RU, got {', '.join(bad) or 'none'}")
            self.focus = codes
        if self.bbox is not None:
            try:
                self.bbox = check_bbox(tuple(float(v) for v in self.bbox))  # type: ignore[arg-type]
            except (ValueError, TypeError) as exc:
                raise ExportError(str(exc)) from None

    def wants(self, layer: str) -> bool:
        """Whether ``layer`` is drawn: every layer unless a subset was chosen."""
        return not self.layers or layer in self.layers


def with_preset(fmt: str, preset: str, **fields) -> ExportOptions:
    """Options at a named size; raises ExportError naming the presets when ``preset`` is unknown."""
    if preset not in PRESETS:
        raise ExportError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    p = PRESETS[preset]
    return ExportOptions(fmt, p.width_px, p.height_px, p.dpi, **fields)
