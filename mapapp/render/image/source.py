"""What an export draws: a folder of built layers read as is, or a text file geoparsed now.

Either way the places come through ``mapapp.geojson`` (or straight from the
``Document``), so the export reads feature properties nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mapapp.errors import ExportError, InputError
from mapapp.geojson import places_from_collections
from mapapp.model import Place


@dataclass
class Source:
    """The places to draw, the name the title defaults to, and what went wrong reading them."""

    places: list[Place]
    name: str
    warnings: list[str] = field(default_factory=list)


def default_source() -> Path:
    """The seed's built layers, or the seed text itself while they are not built."""
    from mapapp.io.paths import SEED_FILE, layers_dir_for

    folder = layers_dir_for(SEED_FILE)
    return folder if folder.is_dir() else SEED_FILE


def load_source(source: Path | str | None) -> Source:
    """A folder of built layers is read as is (broken files and features named in warnings);
    a text file is geoparsed now."""
    path = Path(source) if source is not None else default_source()
    if path.is_dir():
        return _layer_folder(path)
    if path.is_file():
        return _text_file(path)
    raise ExportError(f"no such file or folder: {path}")


def _layer_folder(path: Path) -> Source:
    from mapapp.io.layerfiles import read_layers

    layer_set = read_layers(path)
    if not layer_set.layers:
        raise ExportError(f"no layer files (*.geojson) in {path}")
    warnings = list(layer_set.errors)
    places = places_from_collections(layer_set.layers, warnings)
    record = layer_set.passages if isinstance(layer_set.passages, dict) else {}
    return Source(places, str(record.get("source") or path.name), warnings)


def _text_file(path: Path) -> Source:
    from mapapp import geoparse
    from mapapp.io.textio import read_text_file

    try:
        decoded = read_text_file(path)
    except InputError as exc:
        raise ExportError(str(exc)) from None
    doc = geoparse(decoded.text)
    return Source(doc.places, path.name, list(decoded.warnings))


#: A file name's last word that only says the text's language, left out of the title.
LANGUAGE_TAGS = frozenset({"de", "en"})


def title_from_name(name: str) -> str:
    """A readable default title from a file name, the same in the app and the CLI:
    kazakhstan_commentary_de.txt -> Kazakhstan commentary (a trailing language tag is dropped)."""
    words = Path(name).stem.replace("_", " ").replace("-", " ").split()
    if len(words) > 1 and words[-1].lower() in LANGUAGE_TAGS:
        words = words[:-1]
    text = " ".join(words) or name
    return text[:1].upper() + text[1:]
