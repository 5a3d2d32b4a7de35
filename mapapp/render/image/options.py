"""What a static export is asked for, checked once so drawing code can trust it."""
from __future__ import annotations

from dataclasses import dataclass

from mapapp.errors import ExportError
from mapapp.layers import LAYERS
from mapapp.render.image.projection import Bbox, check_bbox

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
MIN_PX, MAX_PX = 200, 12000
MIN_DPI, MAX_DPI = 30, 1200

__all__ = ["FORMATS", "ExportError", "ExportOptions"]


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
        if self.bbox is not None:
            try:
                self.bbox = check_bbox(tuple(float(v) for v in self.bbox))  # type: ignore[arg-type]
            except (ValueError, TypeError) as exc:
                raise ExportError(str(exc)) from None

    def wants(self, layer: str) -> bool:
        """Whether ``layer`` is drawn: every layer unless a subset was chosen."""
        return not self.layers or layer in self.layers
