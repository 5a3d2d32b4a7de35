"""The layer registry: everything mapapp knows about a layer, in one place.

A layer is a kind of place drawn together (countries, cities, ...). The web
map, the static export, the legend, the downloads, corpus mode and the CLI all
read this registry, so adding a layer is one ``LayerSpec`` entry plus the
gazetteer data that fills it.
"""
from __future__ import annotations

from dataclasses import dataclass

#: How a layer's places are drawn.
AREA, LINE, POINT = "area", "line", "point"


@dataclass(frozen=True)
class LayerSpec:
    """One map layer: its name in files and URLs, how it reads, and how it is drawn."""

    name: str
    label: str
    singular: str
    geometry: str
    color: str
    #: Leaflet path style (areas and lines); points use their marker style.
    web_style: tuple[tuple[str, object], ...] = ()
    #: Static export: fill opacity and line style of areas, stacking order.
    fill_alpha: float = 0.0
    linestyle: str = "-"
    zorder: int = 3
    #: Static export: label priority base (areas); matplotlib font settings of the layer's place
    #: names, over the export's defaults.
    label_priority: float = 0.0
    label_font: tuple[tuple[str, object], ...] = ()
    label_upper: bool = False
    #: Static export: the places are the basemap's countries (matched by country code), so a name
    #: stays on its country's visible part and the countries not named get grey names instead.
    basemap_countries: bool = False

    @property
    def is_point(self) -> bool:
        return self.geometry == POINT

    @property
    def is_area(self) -> bool:
        return self.geometry == AREA

    @property
    def is_line(self) -> bool:
        return self.geometry == LINE

    def web_path_style(self) -> dict[str, object]:
        return dict(self.web_style)

    def font(self) -> dict[str, object]:
        return dict(self.label_font)


#: Every layer, in drawing order (bottom to top).
REGISTRY: tuple[LayerSpec, ...] = (
    LayerSpec("countries", "Countries", "country", AREA, "#4575b4",
              web_style=(("weight", 1.5), ("fillOpacity", 0.25)),
              fill_alpha=0.22, linestyle="-", zorder=3, label_priority=1000.0,
              label_font=(("fontsize", 11), ("fontweight", "bold"), ("color", "#2f4f7f")),
              label_upper=True, basemap_countries=True),
    # Seas, straits and lakes under everything else, so that a coast or a region drawn over them stays crisp.
    LayerSpec("water", "Seas and lakes", "sea or lake", AREA, "#2b8cbe",
              web_style=(("weight", 1), ("fillOpacity", 0.3)),
              fill_alpha=0.3, linestyle="-", zorder=3, label_priority=300.0,
              label_font=(("fontsize", 9.5), ("color", "#1c5f86"))),
    LayerSpec("regions", "Regions", "region", AREA, "#1a9850",
              web_style=(("weight", 2.5), ("fillOpacity", 0.04), ("dashArray", "6 4")),
              fill_alpha=0.25, linestyle="--", zorder=4, label_priority=500.0,
              label_font=(("fontsize", 9.5), ("color", "#14633a"))),
    LayerSpec("landforms", "Land forms", "land form", AREA, "#a6761d",
              web_style=(("weight", 1.5), ("fillOpacity", 0.15), ("dashArray", "2 4")),
              fill_alpha=0.18, linestyle=":", zorder=4, label_priority=400.0,
              label_font=(("fontsize", 9.5), ("color", "#6b4c12"))),
    LayerSpec("rivers", "Rivers", "river", LINE, "#4a90d9",
              web_style=(("weight", 3), ("opacity", 0.9)), zorder=5),
    LayerSpec("borders", "Borders", "border", LINE, "#d73027",
              web_style=(("weight", 4), ("opacity", 0.85)), zorder=5),
    LayerSpec("cities", "Cities", "city", POINT, "#542788", zorder=6),
    # Sites' names are told apart by colour, not italics: every extra font face costs ~0.4 s of PDF subsetting.
    LayerSpec("sites", "Sites", "site", POINT, "#e08214", zorder=6, label_font=(("color", "#7a4005"),)),
)

_BY_NAME: dict[str, LayerSpec] = {spec.name: spec for spec in REGISTRY}

#: Layer names in drawing order; the order of every layer list in files and views.
LAYERS: tuple[str, ...] = tuple(spec.name for spec in REGISTRY)
POINT_LAYERS: tuple[str, ...] = tuple(s.name for s in REGISTRY if s.is_point)
AREA_LAYERS: tuple[str, ...] = tuple(s.name for s in REGISTRY if s.is_area)
LINE_LAYERS: tuple[str, ...] = tuple(s.name for s in REGISTRY if s.is_line)


def spec(name: str) -> LayerSpec:
    """The spec of a layer; KeyError names the known layers."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown layer {name!r}; known layers: {', '.join(LAYERS)}") from None


def is_layer(name: str) -> bool:
    return name in _BY_NAME


def order_of(name: str) -> int:
    """Drawing position; unknown layers sort last."""
    return LAYERS.index(name) if name in _BY_NAME else len(LAYERS)
