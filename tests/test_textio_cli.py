"""Bad input and the command line, as a user meets them: one clear line, exit 2, no partial files."""
from __future__ import annotations

import errno
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mapapp.cli import DELEGATED, main
from mapapp.errors import OutputError
from mapapp.text.passages import split_passages
from mapapp.io.textio import InputError, decode_bytes, read_text_file

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mapapp", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_passages_keep_offsets():
    text = "\n\nErster Absatz.\nNoch Zeile.\n\n\n  Zweiter Absatz.  \n"
    passages = split_passages(text)
    assert [p.text for p in passages] == ["Erster Absatz.\nNoch Zeile.", "Zweiter Absatz."]
    assert all(text[p.start:p.end] == p.text for p in passages)


def test_one_paragraph_per_line_texts_split_on_lines():
    assert len(split_passages("Berlin.\nParis.\nRom.")) == 3


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "x.png")


def test_latin1_text_is_decoded_with_a_warning():
    decoded = decode_bytes("Grüße aus Köln und Düsseldorf, schöne Grüße.".encode("latin-1"), "x.txt")
    assert "Köln" in decoded.text and decoded.warnings


def test_bom_is_dropped():
    assert decode_bytes("\ufeffMoskau".encode("utf-8")).text == "Moskau"


def test_missing_and_directory_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)


def test_geoparse_to_stdout_is_geojson():
    out = run("geoparse", "seeds/kazakhstan_commentary_de.txt")
    assert out.returncode == 0, out.stderr
    fc = json.loads(out.stdout)
    assert any(f["properties"]["id"] == "baikonur-cosmodrome" for f in fc["features"])


def test_geoparse_several_files_into_a_folder(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.md"
    a.write_text("Der Zug fuhr von Berlin nach Warschau.", encoding="utf-8")
    b.write_text("Flights from London to Nairobi resumed.", encoding="utf-8")
    assert main(["geoparse", str(a), str(b), "--output-dir", str(tmp_path / "out")]) == 0
    names_a = {f["properties"]["name"] for f in json.loads((tmp_path / "out/a.geojson").read_text())["features"]}
    names_b = {f["properties"]["name"] for f in json.loads((tmp_path / "out/b.geojson").read_text())["features"]}
    assert names_a == {"Berlin", "Warsaw"} and names_b == {"London", "Nairobi"}


def test_empty_file_gives_empty_collection(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "out.geojson"
    assert main(["geoparse", str(empty), "-o", str(out)]) == 0
    assert json.loads(out.read_text()) == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("make", ["missing", "binary", "directory"])
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path, make):
    target = tmp_path / "input"
    if make == "binary":
        target.write_bytes(bytes(range(256)) * 10)
    elif make == "directory":
        target.mkdir()
    out_file = tmp_path / "out.geojson"
    result = run("geoparse", str(target), "-o", str(out_file))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("mapapp: ")
    assert "Traceback" not in result.stderr
    assert not out_file.exists() and not list(tmp_path.glob(".out.geojson*"))


def test_build_writes_every_layer_and_passages(tmp_path):
    src = tmp_path / "note.txt"
    src.write_text("Russland und Kasachstan teilen eine lange Landgrenze.\n\nAlmaty liegt im Süden.",
                   encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "layers")]) == 0
    files = sorted(p.name for p in (tmp_path / "layers").iterdir())
    from mapapp.layers import LAYERS

    assert files == sorted([f"{layer}.geojson" for layer in LAYERS] + ["passages.json"])
    passages = json.loads((tmp_path / "layers/passages.json").read_text())
    assert len(passages["passages"]) == 2 and passages["lang"] == "de"
    borders = json.loads((tmp_path / "layers/borders.geojson").read_text())["features"]
    assert [f["properties"]["id"] for f in borders] == ["border-kz-ru"]


def test_unsupported_language_is_refused(tmp_path):
    result = run("geoparse", "seeds/kazakhstan_commentary_de.txt", "--lang", "fr")
    assert result.returncode == 2


@pytest.mark.parametrize("command", sorted(DELEGATED))
def test_every_command_reports_a_user_error_in_one_line(command, monkeypatch, capsys):
    def refuse(argv):
        raise OutputError(f"cannot write {command}.out: it is a FIFO (named pipe), not a regular file")

    monkeypatch.setattr(importlib.import_module(DELEGATED[command]), "cli", refuse)
    assert main([command, "x"]) == 2
    err = capsys.readouterr().err
    # (the app's module may log a Streamlit warning on import; the message is still one line)
    assert err.splitlines()[-1] == f"mapapp: cannot write {command}.out: it is a FIFO (named pipe), not a regular file"
    assert err.count("mapapp: ") == 1 and "Traceback" not in err


def test_an_os_error_on_a_path_is_one_line_and_any_other_is_a_bug(monkeypatch, capsys):
    import mapapp.evaluate

    def disk_full(argv):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "scores.txt")

    monkeypatch.setattr(mapapp.evaluate, "cli", disk_full)
    assert main(["evaluate", "gold.json"]) == 2
    assert capsys.readouterr().err == f"mapapp: scores.txt: {os.strerror(errno.ENOSPC)}\n"

    def bug(argv):
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    monkeypatch.setattr(mapapp.evaluate, "cli", bug)
    with pytest.raises(OSError):
        main(["evaluate", "gold.json"])


def test_geoparse_into_a_reader_that_stops_early_prints_no_traceback(tmp_path):
    """`mapapp geoparse x | head -c 100`: the pipe closes before the GeoJSON is all written."""
    source = tmp_path / "long.txt"
    source.write_text("Wir flogen von Almaty nach Moskau und weiter nach Paris.\n\n" * 400, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mapapp", "geoparse", str(source)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(100).startswith(b'{"type": "FeatureCollection"')
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) != 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err
