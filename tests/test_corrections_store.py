"""The corrections store: merging under concurrency, undo, clear, readers' sets and publishing,
import/export, damaged files kept aside; and `mapapp build`/corpus applying corrections files."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mapapp.config import settings
from mapapp.corrections import (CorrectionsFileError, CorrectionStore, NotEditor, PlaceRef,
                                make_corrections, new_set_id, text_hash)
from mapapp.corrections.store import dump

TEXT = "Köln und Genf. In Köln regnet es, in Paris nicht."
H = text_hash(TEXT)
KOELN = [(0, 4, "Köln", "koln-2886242"), (18, 22, "Köln", "koln-2886242")]
PARIS = [(37, 42, "Paris", "paris-2988507")]
DEUTZ = PlaceRef("user:" + "d" * 32, "Deutz", "sites", "user", "DE", 50.94, 6.97, "user")


@pytest.fixture()
def store(tmp_path: Path) -> CorrectionStore:
    return CorrectionStore(tmp_path / "corrections")


def surfaces(corrections):
    return [(c.surface, c.choice.id if c.choice else None) for c in corrections]


def test_undo_takes_back_a_whole_action_and_brings_back_what_it_replaced(store):
    first = make_corrections(H, KOELN, None)
    store.add(H, first)
    store.add(H, make_corrections(H, PARIS, None))
    second = make_corrections(H, KOELN, DEUTZ)
    store.add(H, second)
    assert surfaces(store.effective(H)) == [("Köln", DEUTZ.id), ("Köln", DEUTZ.id), ("Paris", None)]
    store.undo(H, second[0].action)
    assert surfaces(store.effective(H)) == [("Köln", None), ("Köln", None), ("Paris", None)]
    store.undo(H, first[0].action)
    assert surfaces(store.effective(H)) == [("Paris", None)]
    assert all(c.made_at for c in store.corrections(H))
    store.clear(H)
    assert store.effective(H) == []


def test_a_readers_set_is_theirs_until_published(store):
    mine, theirs = new_set_id(), new_set_id()
    store.add(H, make_corrections(H, PARIS, None))
    store.add(H, make_corrections(H, PARIS, DEUTZ), set_id=mine)
    assert surfaces(store.effective(H, mine)) == [("Paris", DEUTZ.id)], "the reader's own wins"
    assert surfaces(store.effective(H, theirs)) == [("Paris", None)]
    assert surfaces(store.effective(H)) == [("Paris", None)]
    before = store.version(H)
    store.add(H, make_corrections(H, KOELN[:1], None), set_id=mine)
    assert store.version(H) == before, "a reader's set does not change what others see"
    store.publish(H, mine)
    assert store.version(H) != before
    assert surfaces(store.effective(H, theirs)) == [("Köln", None), ("Paris", DEUTZ.id)]
    assert store.corrections(H, mine) == []


def test_on_a_shared_server_only_the_editor_token_publishes(store, monkeypatch):
    monkeypatch.setenv("MAPAPP_EDITOR_TOKEN", "s3cret-token")
    settings.cache_clear()
    mine = new_set_id()
    store.add(H, make_corrections(H, PARIS, None), set_id=mine)
    for token in (None, "wrong"):
        with pytest.raises(NotEditor):
            store.publish(H, mine, token)
        with pytest.raises(NotEditor):
            store.add(H, make_corrections(H, KOELN, None), token=token)
    assert store.effective(H) == []
    store.publish(H, mine, "s3cret-token")
    assert surfaces(store.effective(H)) == [("Paris", None)]


def test_ids_are_validated_before_any_path_is_built(store):
    assert len(new_set_id()) == 22 and new_set_id() != new_set_id()
    for bad in ("../../../etc/passwd", "a" * 21, "a/b" + "c" * 19):
        with pytest.raises(ValueError):
            store.add(H, make_corrections(H, PARIS, None), set_id=bad)
    with pytest.raises(ValueError):
        store.effective("../" + H[3:])
    with pytest.raises(ValueError):
        store.add(H, make_corrections(text_hash("other"), PARIS, None))


def test_concurrent_saves_from_threads_and_another_process_are_all_kept(store):
    script = (f"from mapapp.corrections import CorrectionStore, make_corrections\n"
              f"s = CorrectionStore({str(store.root)!r})\n"
              f"for i in range(20):\n"
              f"    s.add({H!r}, make_corrections({H!r}, [(1000 + i, 1001 + i, 'p', None)], None))\n")
    proc = subprocess.Popen([sys.executable, "-c", script])

    def add(i: int) -> None:
        for j in range(5):
            store.add(H, make_corrections(H, [(i * 10 + j, i * 10 + j + 1, "t", None)], None))

    threads = [threading.Thread(target=add, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert proc.wait(timeout=120) == 0
    assert len(store.effective(H)) == 8 * 5 + 20


def test_a_damaged_set_is_kept_aside_and_named_in_one_line(store):
    mine = new_set_id()
    store.add(H, make_corrections(H, PARIS, None), set_id=mine)
    path = store.root / H / "sets" / f"{mine}.json"
    path.write_text(path.read_text(encoding="utf-8")[:40], encoding="utf-8")
    damaged = path.read_bytes()
    assert "could not be read" in store.problem(H, mine)
    saved = store.add(H, make_corrections(H, KOELN, None), set_id=mine)
    assert "kept as" in saved.notice and "\n" not in saved.notice
    kept = [f for f in path.parent.iterdir() if ".unreadable-" in f.name]
    assert [f.read_bytes() for f in kept] == [damaged]
    assert surfaces(store.effective(H, mine)) == [("Köln", None), ("Köln", None)]


def test_export_import_round_trip_and_another_texts_corrections_refused(store, tmp_path):
    store.add(H, make_corrections(H, KOELN, DEUTZ))
    data = store.export_bytes(H)
    assert json.loads(data)["text_hash"] == H and json.loads(data)["version"] == 1
    other = text_hash("Moskau ist groß.")
    mixed = dump([*json_corrections(data), *make_corrections(other, [(0, 6, "Moskau", None)], None)])
    elsewhere = CorrectionStore(tmp_path / "elsewhere")
    got = elsewhere.import_bytes(H, mixed)
    assert (got.added, got.refused) == (2, 1)
    assert [(c.id, c.span, c.choice) for c in elsewhere.effective(H)] == \
        [(c.id, c.span, c.choice) for c in store.effective(H)]
    assert elsewhere.effective(other) == []
    assert elsewhere.import_bytes(H, mixed).added == 0, "importing twice adds nothing"
    elsewhere.undo(H, elsewhere.corrections(H)[0].action)
    assert elsewhere.effective(H) == [], "an import is undone in one step"
    with pytest.raises(CorrectionsFileError):
        elsewhere.import_bytes(H, b'{"corrections": []}')


def json_corrections(data: bytes):
    from mapapp.corrections.store import load

    return load(data)[0]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_build_applies_published_and_file_corrections_only_to_their_text(tmp_path, capsys):
    from mapapp.cli import main

    text_a = "Almaty liegt im Süden, Moskau im Norden."
    text_b = "Almaty liegt im Osten, Moskau im Westen."
    a, b = _write(tmp_path / "a" / "note.txt", text_a), _write(tmp_path / "b" / "note.txt", text_b)
    ha = text_hash(text_a)
    CorrectionStore().add(ha, make_corrections(ha, [(23, 29, "Moskau", "moscow-524901")], None))
    fixes = _write(tmp_path / "fix.json", dump(make_corrections(ha, [(0, 6, "Almaty", "almaty-1526384")],
                                                                  DEUTZ)).decode())

    def cities(path: Path, *extra: str) -> list[str]:
        out = tmp_path / "out" / path.parent.name
        assert main(["build", str(path), "--out", str(out), *extra]) == 0
        return sorted(f["properties"]["name"] for f in
                      json.loads((out / "cities.geojson").read_text(encoding="utf-8"))["features"])

    assert cities(a) == ["Almaty"]
    assert "1 corrections applied, 0 orphaned" in capsys.readouterr().out
    assert cities(b) == ["Almaty", "Moscow"], "same file name, same offsets: another text"
    assert cities(a, "--corrections", str(fixes)) == []
    assert "2 corrections applied" in capsys.readouterr().out
    assert cities(b, "--corrections", str(fixes)) == ["Almaty", "Moscow"]
    assert "1 for other texts not applied" in capsys.readouterr().out
    assert main(["build", str(a), "--corrections", str(a)]) == 2


def test_corpus_run_applies_each_documents_corrections(tmp_path):
    import pyarrow.parquet as pq

    from mapapp.corpus.cli import cli

    texts = {"one.txt": "Almaty liegt im Süden.", "two.txt": "Almaty liegt im Osten."}
    folder = tmp_path / "docs"
    for name, text in texts.items():
        _write(folder / name, text)
    h1 = text_hash(texts["one.txt"])
    fixes = _write(tmp_path / "fix.json", dump(make_corrections(h1, [(0, 6, "Almaty", "almaty-1526384")],
                                                                  None)).decode())
    out = tmp_path / "out"
    assert cli([str(folder), "--out", str(out), "--in-process", "--corrections", str(fixes)]) == 0
    docs = {r["source"].rsplit("/", 1)[-1]: r for r in pq.read_table(out / "documents").to_pylist()}
    assert (docs["one.txt"]["mentions"], docs["two.txt"]["mentions"]) == (0, 1)
    assert "1 corrections applied" in docs["one.txt"]["note"]


def test_an_old_offsets_only_file_is_adopted_once_and_only_where_its_words_stand(store, tmp_path):
    from mapapp.corrections import adopt_legacy

    layer_dir = tmp_path / "layers" / "note"
    old = [{"start": 18, "end": 22, "text": "Köln", "choice": None},
           {"start": 9, "end": 13, "text": "Moskau", "choice": None},
           {"start": 37, "end": 42, "text": "Paris", "choice": "paris-4717560"}]
    _write(layer_dir / "corrections.json", json.dumps({"corrections": old}))
    refs = {"paris-4717560": PlaceRef("paris-4717560", "Paris", "cities", "town", "US", 33.66, -95.56, "geonames")}
    got = adopt_legacy(store, TEXT, layer_dir, refs.get)
    assert (got.adopted, got.refused) == (2, 1)
    assert surfaces(store.effective(H)) == [("Köln", None), ("Paris", "paris-4717560")]
    store.clear(H)
    assert adopt_legacy(store, TEXT, layer_dir, refs.get).adopted == 0, "adopted once only"
    assert store.effective(H) == []
