"""Where mapapp keeps its files: the repository's data/ and the built index."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
SEED_FILE = SEEDS_DIR / "kazakhstan_commentary_de.txt"
LAYERS_DIR = DATA_DIR / "layers"


def index_dir() -> Path:
    """The built gazetteer index; ``MAPAPP_INDEX_DIR`` overrides ``data/index``."""
    path = Path(os.environ.get("MAPAPP_INDEX_DIR") or DATA_DIR / "index")
    path.mkdir(parents=True, exist_ok=True)
    return path


def layers_dir_for(source: Path) -> Path:
    """Default folder of the built layers of a text file: ``data/layers/<stem>``."""
    return LAYERS_DIR / source.stem
