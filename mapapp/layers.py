"""Built layers on disk: one GeoJSON file per layer plus passages.json.

This is the hand-over format between the geoparser and every view (map app,
static export, downloads). Files are written atomically so an interrupted
build leaves the previous layers intact.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mapapp.model import LAYERS, Document

PASSAGES_FILE = "passages.json"


@dataclass
class LayerSet:
    """Layers read back from a folder, with the problems met while reading."""

    layers: dict[str, dict[str, Any]]
    passages: dict[str, Any] | None
    errors: list[str] = field(default_factory=list)


def _staged(path: Path, text: str) -> Path:
    """``text`` fully written and flushed to a temporary file beside ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(text.encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o644)
    return Path(tmp)


def write_layers(doc: Document, out_dir: Path, source_name: str = "") -> list[Path]:
    """Write every layer (empty ones too) and passages.json; returns the paths written.

    All files are serialised and staged first and only then renamed into place,
    so a build that fails or is killed while writing leaves the previous layers
    as they were, not a mix of old and new.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    passages = {"source": source_name, "lang": doc.lang, "text": doc.text,
                "passages": [p.to_dict() for p in doc.passages]}
    contents = [(f"{layer}.geojson", fc) for layer, fc in doc.layer_collections().items()]
    contents.append((PASSAGES_FILE, passages))
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in contents:
            path = out_dir / name
            staged.append((_staged(path, json.dumps(data, ensure_ascii=False, indent=1)), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
    return [path for _, path in staged]


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
