"""Built layers on disk: one GeoJSON file per layer plus passages.json.

This is the hand-over format between the geoparser and every view (map app,
static export, downloads). Files are written atomically so an interrupted
build leaves the previous layers intact.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mapapp.atomic import write_text_atomic
from mapapp.model import LAYERS, Document

PASSAGES_FILE = "passages.json"


@dataclass
class LayerSet:
    """Layers read back from a folder, with the problems met while reading."""

    layers: dict[str, dict[str, Any]]
    passages: dict[str, Any] | None
    errors: list[str] = field(default_factory=list)


def write_layers(doc: Document, out_dir: Path, source_name: str = "") -> list[Path]:
    """Write every layer (empty ones too) and passages.json; returns the paths written."""
    out_dir = Path(out_dir)
    written = []
    for layer, fc in doc.layer_collections().items():
        path = out_dir / f"{layer}.geojson"
        write_text_atomic(path, json.dumps(fc, ensure_ascii=False, indent=1))
        written.append(path)
    passages = {"source": source_name, "lang": doc.lang, "text": doc.text,
                "passages": [p.to_dict() for p in doc.passages]}
    path = out_dir / PASSAGES_FILE
    write_text_atomic(path, json.dumps(passages, ensure_ascii=False, indent=1))
    written.append(path)
    return written


def read_layers(layer_dir: Path) -> LayerSet:
    """Read a folder of built layers; a missing or corrupt file is reported by name, not raised."""
    layer_dir = Path(layer_dir)
    layers: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    for layer in LAYERS:
        path = layer_dir / f"{layer}.geojson"
        if not path.exists():
            continue
        try:
            fc = json.loads(path.read_text(encoding="utf-8"))
            if fc.get("type") != "FeatureCollection" or not isinstance(fc.get("features"), list):
                raise ValueError("not a GeoJSON FeatureCollection")
            layers[layer] = fc
        except (ValueError, UnicodeDecodeError, AttributeError) as exc:
            errors.append(f"{path.name}: {exc}")
    passages = None
    ppath = layer_dir / PASSAGES_FILE
    if ppath.exists():
        try:
            passages = json.loads(ppath.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            errors.append(f"{ppath.name}: {exc}")
    return LayerSet(layers=layers, passages=passages, errors=errors)
