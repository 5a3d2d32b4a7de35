"""The collector paused per document in batch commands, and always given back."""
from __future__ import annotations

import gc
import threading

import pytest

from mapapp import collector
from mapapp.cli import main


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_running_again_after():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_and_concurrent_pauses_end_with_the_last():
    entered, leave = threading.Event(), threading.Event()

    def other():
        with collector.paused():
            entered.set()
            leave.wait(5)

    worker = threading.Thread(target=other)
    with collector.paused():
        worker.start()
        entered.wait(5)
        with collector.paused():
            assert not gc.isenabled()
    assert not gc.isenabled()  # the other document is still being read
    leave.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_an_error_inside_gives_the_collector_back():
    with pytest.raises(ValueError):
        with collector.paused():
            raise ValueError("bad document")
    assert gc.isenabled()


def test_the_geoparse_command_pauses_it_per_document_and_gives_it_back(tmp_path, monkeypatch):
    import mapapp.pipeline as pipeline

    seen, real = [], pipeline.geoparse

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "geoparse", watched)
    text = tmp_path / "a.txt"
    text.write_text("Die Regierung in Almaty sprach mit Moskau.", encoding="utf-8")
    frozen = gc.get_freeze_count()
    assert main(["geoparse", str(text), "-o", str(tmp_path / "a.geojson")]) == 0
    assert seen == [False] and gc.isenabled()
    assert gc.get_freeze_count() == frozen, "a command run in a longer-lived process freezes nothing"
    assert "Almaty" in (tmp_path / "a.geojson").read_text(encoding="utf-8")


def test_several_files_are_collected_between_documents_and_not_after_the_last(tmp_path, monkeypatch):
    collections = []
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(gc.isenabled()) or 0)
    names = []
    for n, text in enumerate(("Almaty liegt in Kasachstan.", "Moskau ist groß.", "Paris, Texas.")):
        names.append(tmp_path / f"{n}.txt")
        names[-1].write_text(text, encoding="utf-8")
    assert main(["geoparse", *map(str, names), "--output-dir", str(tmp_path / "out")]) == 0
    assert collections == [False, False] and gc.isenabled()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["0.geojson", "1.geojson", "2.geojson"]


def test_the_process_entry_leaves_the_shutdown_nothing_to_collect(tmp_path):
    """After a command the heap moves to the permanent generation, which the interpreter's
    shutdown collections skip; `geoparse` moves it there while the collector is still paused,
    so that switching it back on does not walk the memos either. The output is as before."""
    import subprocess
    import sys

    text = tmp_path / "a.txt"
    text.write_text("Die Regierung in Almaty sprach mit Moskau.", encoding="utf-8")
    script = ("import atexit, gc, sys\n"
              "from mapapp import collector\n"
              "calls, real = [], collector.before_exit\n"
              "collector.before_exit = lambda: calls.append(gc.isenabled()) or real()\n"
              "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 1000, *calls))\n"
              "from mapapp.cli import run\n"
              f"sys.argv = ['mapapp', 'geoparse', {str(text)!r}, '-o', {str(tmp_path / 'a.geojson')!r}]\n"
              "run()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.split() == ["frozen", "True", "False", "True"]
    assert "Almaty" in (tmp_path / "a.geojson").read_text(encoding="utf-8")
