"""Building the index, and what happens when the file on disk is damaged (issue 16, items 6 and 7).

Every test works on a copy of the fixture index in its own folder, built in
milliseconds by the same code that builds the full one.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from fixture_gazetteer import BORDERS, RECORDS, build_fixture_index
from shapely.geometry import Polygon

from mapapp.errors import GazetteerError
from mapapp.gazetteer.build import INDEX_FILE, ensure_index, index_problem, write_index
from mapapp.gazetteer.integrity import is_intact, stamp_path, stat_key, write_stamp
from mapapp.gazetteer.query import Gazetteer
from mapapp.gazetteer.sources import Record

PAGE = 4096


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_fixture_index(tmp_path_factory.mktemp("built") / INDEX_FILE)


@pytest.fixture()
def index(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the fixture index (copied, so its stamp's stat differs: the slow path)."""
    path = tmp_path / "index" / INDEX_FILE
    path.parent.mkdir()
    shutil.copy(built, path)
    shutil.copy(built.with_name(INDEX_FILE + ".check"), path.with_name(INDEX_FILE + ".check"))
    return path


def scribble(path: Path, count: int = 2000, seed: int = 16) -> None:
    """Overwrite ``count`` random bytes after the header page, as the adversarial run did."""
    rng = random.Random(seed)
    data = bytearray(path.read_bytes())
    for _ in range(count):
        data[rng.randrange(PAGE, len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))


def wreck(path: Path) -> None:
    """Every page but the header replaced by noise, and the stamp rewritten to match: damage
    only SQLite itself can see, so it must be caught at the query boundary."""
    rng = random.Random(7)
    data = path.read_bytes()
    path.write_bytes(data[:PAGE] + bytes(rng.randrange(256) for _ in range(len(data) - PAGE)))
    write_stamp(path)


@contextmanager
def read_only(folder: Path):
    """The folder as on a read-only disk; root ignores permissions, so it also gets the immutable flag."""
    folder.chmod(0o555)
    immutable = sys.platform == "linux" and os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_fixture_index_built_by_the_real_build_code_answers_and_checks(built, tmp_path):
    path = build_fixture_index(tmp_path / INDEX_FILE)
    gaz = Gazetteer(path)
    assert [h.entry.id for h in gaz.lookup("paris")] == ["paris-2988507", "paris-4717560", "paris-4647963"]
    assert index_problem(path) == ""


def test_an_intact_copy_is_checked_once_then_opens_on_its_stamp(index):
    assert json.loads(stamp_path(index).read_text())["stat"] != stat_key(index)
    assert is_intact(index)
    assert json.loads(stamp_path(index).read_text())["stat"] == stat_key(index)
    assert Gazetteer(index).country("KZ").name == "Kazakhstan"


def test_random_bytes_are_found_at_open_and_reported_in_one_line(index):
    scribble(index)
    with pytest.raises(GazetteerError) as err:
        Gazetteer(index)
    message = str(err.value)
    assert "damaged" in message and "mapapp index --force" in message and "\n" not in message


def test_a_damaged_index_is_rebuilt_with_a_progress_message(index, capsys):
    scribble(index)
    ensure_index(index, build=build_fixture_index)
    assert "damaged" in capsys.readouterr().err
    gaz = Gazetteer(index)
    assert {h.entry.country_code for h in gaz.lookup("paris")} == {"FR", "US"}


def test_damage_sqlite_finds_in_a_query_is_reported_not_raised_raw(index):
    wreck(index)
    gaz = Gazetteer(index)
    with pytest.raises(GazetteerError, match="mapapp index --force"):
        gaz.lookup("paris")


def test_damage_sqlite_finds_in_a_query_is_repaired_and_the_query_answered(index, capsys):
    wreck(index)

    def repair(path: Path, reason: str, seen) -> None:
        ensure_index(path, build=build_fixture_index, damaged=reason, seen=seen)

    gaz = Gazetteer(index, repair=repair)
    assert [h.entry.id for h in gaz.lookup("moskau")] == ["moscow-524901"]
    assert gaz.generation == 1 and "rebuilding" in capsys.readouterr().err


def test_a_damaged_index_in_a_read_only_folder_is_one_line_at_once(index):
    scribble(index)
    calls = []
    started = time.perf_counter()
    with read_only(index.parent), pytest.raises(GazetteerError) as err:
        ensure_index(index, build=lambda path: calls.append(path))
    assert time.perf_counter() - started < 5 and calls == []
    message = str(err.value)
    assert "mapapp index --force" in message and "\n" not in message


def test_the_command_line_says_one_line_for_a_damaged_read_only_index(index, tmp_path):
    scribble(index)
    text = tmp_path / "text.txt"
    text.write_text("Paris liegt in Frankreich.", encoding="utf-8")
    env = {"MAPAPP_INDEX_DIR": str(index.parent), "PATH": "/usr/bin:/bin"}
    with read_only(index.parent):
        done = subprocess.run([sys.executable, "-m", "mapapp", "geoparse", str(text)], env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "mapapp index --force" in done.stderr


def test_an_intact_index_in_a_read_only_folder_opens(index):
    with read_only(index.parent):
        assert Gazetteer(index).by_id("almaty-1526384").country_code == "KZ"


def test_a_self_intersecting_outline_is_stored_valid_and_polygonal(tmp_path):
    bow_tie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    assert not bow_tie.is_valid
    tied = Record("test-bow-tie", "Bowtie", "", "regions", "region", "", 1.0, 1.0, 0, "test",
                  geometry=bow_tie, names=(("Bowtie", True),))
    gaz = Gazetteer(write_index(tmp_path / INDEX_FILE, (*RECORDS, tied), BORDERS))
    stored = gaz.stored_geometry(gaz.by_id("test-bow-tie")).decode()
    assert stored.is_valid and stored.geom_type in ("Polygon", "MultiPolygon")
    assert stored.area == pytest.approx(2.0)
