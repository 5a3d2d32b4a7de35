"""The multi-machine recipe, on one machine: `dask scheduler` and `dask worker` started as
separate processes from a folder that is not the repository, then `python -m mapapp corpus
--scheduler`. The output matches a local run; a scheduler or worker that cannot import mapapp,
or a worker without the index, is reported by the driver in one line (exit 2).

"Cannot import mapapp" is the README's old failure made honestly: that process runs a Python
environment that has dask and every other dependency but where mapapp is not installed (a
fresh venv whose .pth adds this venv's site-packages, without running its editable-install
hook), started from a folder that is not the repository."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from mapapp.corpus.storage import TABLES, read_table
from mapapp.io.paths import DATA_DIR

DASK = str(Path(sys.executable).with_name("dask"))
START_TIMEOUT = 120.0
RUN_TIMEOUT = 300.0


@dataclass
class Cluster:
    address: str
    folder: Path


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(extra)
    return env


def _start(args: list[str], cwd: Path, log: Path, env: dict[str, str]) -> subprocess.Popen:
    """In its own process group, so the worker's nanny and its child are ended together."""
    with log.open("ab") as fh:
        return subprocess.Popen(args, cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 20)):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


def _wait_for_worker(address: str, log: Path) -> None:
    from distributed import Client

    with Client(address, timeout=START_TIMEOUT) as client:
        try:
            client.wait_for_workers(1, timeout=START_TIMEOUT)
        except TimeoutError:
            pytest.fail(f"no worker joined within {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


def _dask(python: str | None) -> list[str]:
    return [DASK] if python is None else [python, "-m", "dask"]


@contextmanager
def _cluster(tmp_path: Path, scheduler_python: str | None = None, worker_python: str | None = None,
             worker_env: dict[str, str] | None = None) -> Iterator[Cluster]:
    """A scheduler and one worker (``dask`` of this venv unless another Python is given)."""
    folder = tmp_path / "cluster"
    folder.mkdir()
    scheduler_file = folder / "scheduler.json"
    log = folder / "dask.log"
    procs = [_start(_dask(scheduler_python) + [
        "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
        "--scheduler-file", str(scheduler_file)], folder, log, _env())]
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not scheduler_file.exists():
            if procs[0].poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the scheduler did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        procs.append(_start(_dask(worker_python) + [
            "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
            "--local-directory", str(folder / "worker")], folder, log, worker_env or _env()))
        _wait_for_worker(address, log)
        yield Cluster(address, folder)
    finally:
        for proc in reversed(procs):
            _stop(proc)


def _python_without_mapapp(tmp_path: Path) -> str:
    """A Python with this venv's packages on its path but mapapp not installed."""
    venv = tmp_path / "venv-without-mapapp"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=START_TIMEOUT)
    [site] = (venv / "lib").glob("python*/site-packages")
    ours = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "dependencies.pth").write_text("".join(p + "\n" for p in ours))
    python = str(venv / "bin" / "python")
    probe = "import importlib.util, distributed; print(importlib.util.find_spec('mapapp'))"
    found = subprocess.run([python, "-c", probe], cwd=tmp_path, env=_env(), capture_output=True,
                           text=True, timeout=START_TIMEOUT)
    assert found.stdout.strip() == "None", found.stdout + found.stderr
    return python


def _corpus(tmp_path: Path) -> Path:
    docs = []
    for name in ("dev_de.json", "dev_en.json"):
        docs += json.loads((DATA_DIR / "devset" / name).read_text(encoding="utf-8"))[:5]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs),
                    encoding="utf-8")
    return path


def _mapapp_corpus(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mapapp", "corpus", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL)


@pytest.fixture()
def healthy(tmp_path) -> Iterator[Cluster]:
    with _cluster(tmp_path) as cluster:
        yield cluster


def test_separate_scheduler_and_worker_give_the_local_output(tmp_path, healthy):
    src = _corpus(tmp_path)
    local = _mapapp_corpus([str(src), "--out", "local", "--in-process", "--batch-size", "3"], tmp_path)
    assert local.returncode == 0, local.stderr
    remote = _mapapp_corpus([str(src), "--out", "remote", "--scheduler", healthy.address,
                             "--batch-size", "3"], tmp_path)
    assert remote.returncode == 0, remote.stderr
    assert f"on dask {healthy.address}" in remote.stdout
    a, b = tmp_path / "local", tmp_path / "remote"
    assert (a / "places.parquet").read_bytes() == (b / "places.parquet").read_bytes()
    assert pq.read_table(b / "places.parquet").num_rows > 5
    for layer in (a / "layers").glob("*.geojson"):
        assert layer.read_bytes() == (b / "layers" / layer.name).read_bytes()
    for table in TABLES:
        cols = [c for c in read_table(a, table).column_names if c != "geometry"]
        ordered = [(c, "ascending") for c in cols]
        assert read_table(a, table).sort_by(ordered).equals(read_table(b, table).sort_by(ordered))


def _one_line_refusal(result: subprocess.CompletedProcess, out: Path) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mapapp corpus: "), result.stderr
    assert not (out / "documents").exists()
    return lines[0]


def test_a_worker_without_mapapp_is_named_in_one_line(tmp_path):
    with _cluster(tmp_path, worker_python=_python_without_mapapp(tmp_path)) as cluster:
        result = _mapapp_corpus([str(_corpus(tmp_path)), "--out", "out", "--scheduler",
                                 cluster.address], tmp_path)
        line = _one_line_refusal(result, tmp_path / "out")
        assert "worker tcp://127.0.0.1:" in line and "cannot load mapapp" in line
        assert "No module named 'mapapp'" in line and "pip install" in line


def test_a_scheduler_without_mapapp_is_named_in_one_line(tmp_path):
    with _cluster(tmp_path, scheduler_python=_python_without_mapapp(tmp_path)) as cluster:
        result = _mapapp_corpus([str(_corpus(tmp_path)), "--out", "out", "--scheduler",
                                 cluster.address], tmp_path)
        line = _one_line_refusal(result, tmp_path / "out")
        assert f"the scheduler at {cluster.address} cannot load mapapp" in line


def test_a_worker_without_the_index_is_named_in_one_line(tmp_path):
    empty = tmp_path / "no-index"
    empty.mkdir()
    with _cluster(tmp_path, worker_env=_env(MAPAPP_INDEX_DIR=str(empty))) as cluster:
        result = _mapapp_corpus([str(_corpus(tmp_path)), "--out", "out", "--scheduler",
                                 cluster.address], tmp_path)
        line = _one_line_refusal(result, tmp_path / "out")
        assert "gazetteer index missing or stale" in line and "mapapp index" in line
