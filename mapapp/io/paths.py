"""Where mapapp keeps its files: the repository's data/ it reads, and the user data folder it writes.

Generated layers and readers' corrections live in the user data folder
(``MAPAPP_DATA_DIR``, default ``platformdirs.user_data_dir("mapapp")``), never
in the checkout: the repository holds only what is curated by hand.
"""
from __future__ import annotations

from pathlib import Path

import platformdirs

from mapapp.config import settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
SEED_FILE = SEEDS_DIR / "kazakhstan_commentary_de.txt"
#: Where mapapp wrote layers and corrections before they moved to the user data folder.
LEGACY_LAYERS_DIR = DATA_DIR / "layers"


def index_dir() -> Path:
    """The built gazetteer index; ``MAPAPP_INDEX_DIR`` overrides ``data/index``."""
    path = settings().index_dir or DATA_DIR / "index"
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The user data folder mapapp writes to (``MAPAPP_DATA_DIR`` overrides it)."""
    return settings().data_dir or Path(platformdirs.user_data_dir("mapapp"))


def corrections_root() -> Path:
    """Readers' corrections, one folder per text hash: ``data_dir()/corrections``."""
    return data_dir() / "corrections"


def layers_root() -> Path:
    """The folder of layer folders, one per text (``MAPAPP_LAYERS_DIR``, else ``data_dir()/layers``)."""
    return settings().layers_dir or data_dir() / "layers"


def layers_dir_for(source: Path) -> Path:
    """Where the layers of a text file are built and read: ``layers_root()/<stem>``."""
    return layers_root() / Path(source).stem


def legacy_layers_dir(layer_dir: Path) -> Path | None:
    """``data/layers/<name>`` of the checkout for a layer folder in the default place, else None.

    Corrections saved there by an older mapapp are still found. With
    ``MAPAPP_LAYERS_DIR`` set there is none: that folder was always used as is.
    """
    layer_dir = Path(layer_dir)
    if settings().layers_dir is not None or layer_dir.parent.resolve() != layers_root().resolve():
        return None
    old = LEGACY_LAYERS_DIR / layer_dir.name
    return None if old.resolve() == layer_dir.resolve() else old
