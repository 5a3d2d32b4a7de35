"""Corpus mode isolates each document (issue 16, item 4): a bad character, a text over the size
cap or past the time limit fails that document only, with its input line; a second driver into
the same output is refused; ids are compared as strings and the dropped duplicate is named."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mapapp.corpus.cli import cli
from mapapp.corpus.driver import run_corpus
from mapapp.corpus.reader import load_corpus
from mapapp.corpus.storage import read_table
from mapapp.corpus.inputs import DocRef
from mapapp.corpus.worker import DocLimits, process_batch

BERLIN = "Die Delegation reiste von Berlin weiter nach Warschau."
ROME = "Der Papst empfing die Gäste in Rom."


def _write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _ok_ids(out: Path) -> set[str]:
    docs = read_table(out, "documents", ["doc_id", "status"]).to_pylist()
    return {d["doc_id"] for d in docs if d["status"] == "ok"}


def _place_names(out: Path) -> set[str]:
    return {f["properties"]["name"] for f in load_corpus(out).places_geojson()["features"]}


def test_a_lone_surrogate_fails_only_its_document_with_its_line(tmp_path):
    # json.dumps writes "\ud800" as the escape the issue describes; the file itself is valid UTF-8.
    src = _write_lines(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": BERLIN}),
        json.dumps({"id": "bad", "title": "T", "text": "Paris \ud800 und Lyon."}),
        json.dumps({"id": "c", "text": ROME}),
    ])
    out = tmp_path / "out"
    summary = run_corpus([str(src)], out, batch_size=10)
    assert summary.batch_failures == [] and (summary.done, summary.failed) == (3, 1)
    assert _ok_ids(out) == {"a", "c"}
    [failure] = _manifest(out)["failures"]
    assert (failure["doc_id"], failure["source"], failure["line"]) == ("bad", str(src), 2)
    assert "surrogate" in failure["error"] and "line 2" in failure["error"]
    assert {"Berlin", "Rom"} <= _place_names(out) or {"Berlin", "Rome"} <= _place_names(out)


def test_a_surrogate_in_the_id_or_title_fails_only_that_document(tmp_path):
    src = _write_lines(tmp_path / "in.jsonl", [
        json.dumps({"id": "x\udc80", "text": BERLIN}),
        json.dumps({"id": "ok", "text": ROME}),
        json.dumps({"id": "t", "title": "\udfff", "text": BERLIN}),
    ])
    out = tmp_path / "out"
    run_corpus([str(src)], out, batch_size=10)
    assert _ok_ids(out) == {"ok"}
    failures = _manifest(out)["failures"]
    assert sorted((f["doc_id"], f["line"]) for f in failures) == [(f"{src}:1", 1), ("t", 3)]


def test_a_document_over_the_size_cap_is_recorded_and_its_batch_kept(tmp_path):
    big = BERLIN + " " + "Ein langer Satz ohne Orte. " * 100
    src = _write_lines(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": ROME}),
        json.dumps({"id": "big", "text": big}),
        json.dumps({"id": "c", "text": BERLIN}),
    ])
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "long.txt").write_text(big, encoding="utf-8")
    out = tmp_path / "out"
    rc = cli([str(src), str(tmp_path / "texts"), "--out", str(out), "--in-process",
              "--max-chars", "1000", "--batch-size", "10"], io.StringIO())
    assert rc == 0
    assert _ok_ids(out) == {"a", "c"}
    failures = {f["doc_id"]: f for f in _manifest(out)["failures"]}
    assert set(failures) == {"big", str(tmp_path / "texts" / "long.txt")}
    assert failures["big"]["line"] == 2
    assert all("--max-chars" in f["error"] for f in failures.values())


def test_a_document_past_the_time_limit_is_stopped_and_the_rest_kept(tmp_path):
    # About 15 s of geoparsing on this machine if let run; the limit stops it after one.
    slow = (BERLIN + "\n") * 40_000
    src = _write_lines(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": ROME}),
        json.dumps({"id": "slow", "text": slow}),
        json.dumps({"id": "c", "text": BERLIN}),
    ])
    out = tmp_path / "out"
    started = time.monotonic()
    summary = run_corpus([str(src)], out, batch_size=10, limits=DocLimits(seconds=1.0))
    assert time.monotonic() - started < 10
    assert (summary.done, summary.failed, summary.batch_failures) == (3, 1, [])
    assert _ok_ids(out) == {"a", "c"}
    [failure] = _manifest(out)["failures"]
    assert failure["doc_id"] == "slow" and failure["line"] == 2 and "--doc-timeout" in failure["error"]


def test_help_states_the_default_limits(capsys):
    with pytest.raises(SystemExit):
        cli(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--max-chars" in text and "default: 5,000,000 characters" in text
    assert "--doc-timeout" in text and "default: 300 s" in text


def test_ids_are_compared_as_strings_and_the_dropped_one_is_named(tmp_path):
    src = _write_lines(tmp_path / "in.jsonl", [
        json.dumps({"id": 12345, "text": ROME}),
        json.dumps({"id": "12345", "text": BERLIN}),
    ])
    out = tmp_path / "out"
    summary = run_corpus([str(src)], out)
    assert (summary.sent, summary.duplicates) == (1, 1)
    manifest = _manifest(out)
    assert manifest["duplicates"] == [{"doc_id": "12345", "source": str(src), "line": 2,
                                       "same_id_as": f"{src}:1"}]
    rerun = run_corpus([str(src)], out)
    assert (rerun.sent, rerun.skipped, rerun.duplicates) == (0, 1, 1)
    assert _manifest(out)["duplicates"] == manifest["duplicates"]


def test_an_id_already_in_the_output_from_another_input_is_named(tmp_path):
    first = _write_lines(tmp_path / "a.jsonl", [json.dumps({"id": "7", "text": ROME})])
    second = _write_lines(tmp_path / "b.jsonl", [json.dumps({"id": 7, "text": BERLIN})])
    out = tmp_path / "out"
    run_corpus([str(first)], out)
    summary = run_corpus([str(second)], out)
    assert (summary.sent, summary.duplicates) == (0, 1)
    assert _manifest(out)["duplicates"] == [{"doc_id": "7", "source": str(second), "line": 1,
                                             "same_id_as": f"{first}:1"}]


def test_a_second_driver_into_the_same_output_is_refused(tmp_path, capsys):
    src = _write_lines(tmp_path / "in.jsonl",
                       [json.dumps({"id": f"d{i}", "text": f"{BERLIN} {i}"}) for i in range(300)])
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "mapapp", "corpus", str(src), "--out", str(out),
                              "--in-process", "--batch-size", "5"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (out / "documents").is_dir() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None, "the first run ended before the second could start"
        assert cli([str(src), "--out", str(out), "--in-process"], io.StringIO()) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "in use by another corpus run" in err
        _, first_err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=30)
    assert first.returncode == 0, first_err
    counts = _manifest(out)["counts"]
    assert (counts["documents"], counts["ok"]) == (300, 300)


def test_a_file_name_that_is_not_utf8_keeps_its_batch(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "good.txt").write_text(ROME, encoding="utf-8")
    bad_name = Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))
    bad_name.write_text(BERLIN, encoding="utf-8")
    out = tmp_path / "out"
    summary = run_corpus([str(folder)], out, batch_size=10)
    assert (summary.done, summary.failed, summary.batch_failures) == (2, 0, [])
    assert str(folder / "caf\\xe9.txt") in _ok_ids(out)


def test_a_worker_keeps_the_batch_when_one_document_cannot_be_stored():
    refs = [DocRef("a", "s", text=BERLIN), DocRef("b", "s", text="Paris \ud800 und Lyon.", line=2),
            DocRef("c", "s", text=ROME)]
    docs = process_batch(refs, DocLimits()).get("documents").to_pylist()
    assert [(d["doc_id"], d["status"]) for d in docs] == [("a", "ok"), ("b", "failed"), ("c", "ok")]
    assert "surrogates not allowed" in docs[1]["error"] and docs[1]["line"] == 2
