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

from mapapp.geojson import document_from_geojson, is_feature_collection, layer_collections, passages_record
from mapapp.errors import InputError
from mapapp.io.atomic import Staged, commit, discard, output_dir, stage
from mapapp.io.textio import read_bytes_file
from mapapp.layers import LAYERS
from mapapp.model import Document

PASSAGES_FILE = "passages.json"
#: A corpus's countries layer can be tens of MB; far beyond this a file is not ours.
MAX_LAYER_FILE_BYTES = 1024 * 1024 * 1024


@dataclass
class LayerSet:
    """Layers read back from a folder, with the problems met while reading."""

    layers: dict[str, dict[str, Any]]
    passages: dict[str, Any] | None
    errors: list[str] = field(default_factory=list)


def write_layers(doc: Document, out_dir: Path, source_name: str = "") -> list[Path]:
    """Write every layer (empty ones too) and passages.json; returns the paths written.

    All files are serialised and staged first and only then renamed into place,
    so a build that fails (a full disk) or is killed while writing leaves the
    previous layers as they were, not a mix of old and new, and no temporary file.
    """
    out_dir = output_dir(Path(out_dir))
    passages = passages_record(doc, source_name)
    contents = [(f"{layer}.geojson", fc) for layer, fc in layer_collections(doc).items()]
    contents.append((PASSAGES_FILE, passages))
    staged: list[Staged] = []
    try:
        for name, data in contents:
            text = json.dumps(data, ensure_ascii=False, indent=1)
            staged.append(stage(out_dir / name, text.encode("utf-8")))
        for item in staged:
            commit(item)
    except BaseException:
        for item in staged:
            discard(item)
        raise
    return [out_dir / name for name, _ in contents]


def _read_json(path: Path) -> Any:
    """A layer folder's JSON file; only a regular file is read (a FIFO there would block forever)."""
    try:
        data = read_bytes_file(path, MAX_LAYER_FILE_BYTES)
    except InputError as exc:
        raise ValueError(str(exc).removeprefix(f"{path}: ")) from None
    return json.loads(data.decode("utf-8"))


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
            fc = _read_json(path)
            if not is_feature_collection(fc):
                raise ValueError("not a GeoJSON FeatureCollection")
            layers[layer] = fc
        except (ValueError, AttributeError) as exc:
            errors.append(f"{path.name}: {exc}")
    passages = None
    ppath = layer_dir / PASSAGES_FILE
    if ppath.exists():
        try:
            passages = _read_json(ppath)
        except ValueError as exc:
            errors.append(f"{ppath.name}: {exc}")
    return LayerSet(layers=layers, passages=passages, errors=errors)


@dataclass
class LoadedLayers:
    """A Document read from built layers, or None, and each problem met, by file name."""

    doc: Document | None
    errors: list[str] = field(default_factory=list)


def load_layers(layer_dir: Path, text: str | None = None) -> LoadedLayers:
    """Built layers as a Document, skipping (and naming) broken files and features.

    A hand-edited or corrupt layer file must not take the app down: the other
    layers are still shown. Without a readable passages.json of the same text
    there is nothing to show from disk (the caller geoparses instead).
    """
    ls = read_layers(layer_dir)
    errors = list(ls.errors)
    record = ls.passages
    if not isinstance(record, dict) or not ls.layers and not errors:
        return LoadedLayers(None, errors)
    if text is not None and record.get("text") != text:
        return LoadedLayers(None, errors)
    try:
        doc = document_from_geojson(ls.layers, record, errors)
    except (KeyError, TypeError, ValueError) as exc:
        return LoadedLayers(None, errors + [f"passages.json: bad passage ({exc!r})"])
    return LoadedLayers(doc, errors)


def document_from_layers(layer_dir: Path, text: str | None = None) -> Document | None:
    """The Document saved in a layer folder, or None when missing, broken or of another text."""
    loaded = load_layers(layer_dir, text)
    return None if loaded.errors else loaded.doc
