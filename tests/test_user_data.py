"""Layers and corrections live in the user data folder, never in the checkout (issue 10);
corrections an older mapapp kept in data/layers/ are still applied."""
from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from mapapp.cli import main
from mapapp.config import settings
from mapapp.corrections import CorrectionStore, text_hash
from mapapp.io import paths

TEXT = "Almaty liegt im Süden, Moskau im Norden."


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    """MAPAPP_DATA_DIR chosen, MAPAPP_LAYERS_DIR unset, settings read again."""
    monkeypatch.setenv("MAPAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MAPAPP_LAYERS_DIR", raising=False)
    settings.cache_clear()
    return tmp_path / "data"


@pytest.fixture()
def legacy(tmp_path: Path, monkeypatch) -> Path:
    """The checkout's data/layers/ as an older mapapp left it (in a temporary copy)."""
    folder = tmp_path / "checkout-layers"
    monkeypatch.setattr(paths, "LEGACY_LAYERS_DIR", folder)
    return folder


def test_layers_default_to_the_platform_user_data_folder(monkeypatch):
    monkeypatch.delenv("MAPAPP_DATA_DIR", raising=False)
    monkeypatch.delenv("MAPAPP_LAYERS_DIR", raising=False)
    settings.cache_clear()
    expected = Path(platformdirs.user_data_dir("mapapp")) / "layers" / "seed"
    assert paths.layers_dir_for(Path("texts/seed.txt")) == expected
    assert paths.ROOT not in expected.parents


def test_data_and_layers_folders_can_be_chosen(data_dir, tmp_path, monkeypatch):
    assert paths.layers_root() == data_dir / "layers"
    monkeypatch.setenv("MAPAPP_LAYERS_DIR", str(tmp_path / "elsewhere"))
    settings.cache_clear()
    assert paths.layers_dir_for(Path("a/b.txt")) == tmp_path / "elsewhere" / "b"


def test_build_writes_into_the_data_folder_and_not_the_checkout(source, data_dir):
    assert main(["build", str(source)]) == 0
    built = data_dir / "layers" / "note"
    assert json.loads((built / "passages.json").read_text(encoding="utf-8"))["text"] == TEXT
    assert not (paths.DATA_DIR / "layers" / "note").exists()


def _old_file(folder: Path, items: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corrections.json").write_text(json.dumps({"corrections": items}), encoding="utf-8")
    return folder / "corrections.json"


def test_corrections_left_in_the_checkout_are_still_applied(source, legacy, data_dir):
    old = _old_file(legacy / "note", [{"start": 0, "end": 6, "text": "Almaty", "choice": None}])
    before = old.read_bytes()

    assert main(["build", str(source)]) == 0
    built = paths.layers_dir_for(source)
    cities = json.loads((built / "cities.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["name"] for f in cities] == ["Moscow"]
    adopted = CorrectionStore().effective(text_hash(TEXT))
    assert [(c.surface, c.choice) for c in adopted] == [("Almaty", None)]
    assert old.read_bytes() == before


def test_a_chosen_layers_folder_never_reads_the_checkout(source, legacy, tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_LAYERS_DIR", str(tmp_path / "layers"))
    settings.cache_clear()
    _old_file(legacy / "note", [{"start": 0, "end": 6, "text": "Almaty", "choice": None}])
    assert main(["build", str(source)]) == 0
    assert CorrectionStore().effective(text_hash(TEXT)) == []


def test_export_without_a_source_uses_the_seed_layers_built_in_the_data_folder(seed_doc, data_dir):
    from mapapp.io.layerfiles import write_layers
    from mapapp.render.image.source import default_source

    assert default_source() == paths.SEED_FILE
    write_layers(seed_doc, paths.layers_dir_for(paths.SEED_FILE), paths.SEED_FILE.name)
    assert default_source() == data_dir / "layers" / paths.SEED_FILE.stem
