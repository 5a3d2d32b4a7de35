"""Where mapapp writes and what it reads (issue 16, item 3): only regular files, one line on refusal,
the old file intact and no temporary file left on any error."""
from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mapapp.cli import main
from mapapp.errors import OutputError
from mapapp.io.atomic import write_text_atomic

ROOT = Path(__file__).resolve().parents[1]
SMALL = "Almaty liegt im Süden."
BIG = "Russland und Kasachstan teilen eine lange Landgrenze.\n\nAlmaty liegt im Süden."


@pytest.fixture()
def small_text(tmp_path: Path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("mapapp: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob(".*.tmp")]


def _mount_tmpfs(folder: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture()
def full_disk(tmp_path: Path, monkeypatch):
    """A folder whose disk is full past 64 KB: a real 64 KB tmpfs where mounting is allowed,
    else writes into it fail with ENOSPC past 64 KB, as the kernel's would."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if _mount_tmpfs(folder, "size=64k"):
        yield folder
        subprocess.run(["umount", str(folder)], check=True)
        return
    real_write, used = os.write, [0]

    def write(fd: int, data) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(folder)):
            used[0] += len(data)
            if used[0] > 64 * 1024:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    yield folder


@pytest.fixture()
def read_only_dir(tmp_path: Path):
    """A folder nobody may write into: a read-only mount as root (root ignores permissions), else mode 555."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if _mount_tmpfs(folder, "ro,size=64k"):
        yield folder
        subprocess.run(["umount", str(folder)], check=True)
        return
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_a_device_node_as_output_is_refused_and_survives(tmp_path, small_text, capsys):
    dev = tmp_path / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert main(["geoparse", str(small_text), "-o", str(dev)]) == 2
    assert "character device" in one_line_error(capsys)
    info = os.lstat(dev)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)


def test_a_fifo_and_a_socket_as_output_are_refused(tmp_path, small_text, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert main(["geoparse", str(small_text), "-o", str(fifo)]) == 2
    assert "FIFO" in one_line_error(capsys) and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock"))
        assert main(["geoparse", str(small_text), "-o", str(tmp_path / "sock")]) == 2
        assert "socket" in one_line_error(capsys) and stat.S_ISSOCK(os.lstat(tmp_path / "sock").st_mode)


def test_a_folder_as_output_file_and_a_file_as_output_folder_are_refused(tmp_path, small_text, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "keep.txt").write_text("kept")
    assert main(["geoparse", str(small_text), "-o", str(folder)]) == 2
    assert "directory" in one_line_error(capsys)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    assert main(["geoparse", str(small_text), "--output-dir", str(small_text)]) == 2
    assert "not a directory" in one_line_error(capsys)
    assert small_text.read_text(encoding="utf-8") == SMALL


def test_output_is_written_through_a_symlink_which_stays_a_link(tmp_path, small_text):
    target = tmp_path / "real" / "out.geojson"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.geojson"
    link.symlink_to(target)
    assert main(["geoparse", str(small_text), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    names = [f["properties"]["name"] for f in json.loads(target.read_text(encoding="utf-8"))["features"]]
    assert names == ["Almaty"]
    assert no_temporary_files(tmp_path)


def test_a_symlink_to_a_device_is_refused(tmp_path, small_text, capsys):
    dev = tmp_path / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    link = tmp_path / "out.geojson"
    link.symlink_to(dev)
    assert main(["geoparse", str(small_text), "-o", str(link)]) == 2
    assert "links to" in one_line_error(capsys)
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)


def test_a_read_only_folder_and_proc_are_refused_in_one_line(read_only_dir, small_text, capsys):
    assert main(["geoparse", str(small_text), "-o", str(read_only_dir / "out.geojson")]) == 2
    assert "not writable" in one_line_error(capsys)
    assert main(["geoparse", str(small_text), "-o", "/proc/mapapp-out.geojson"]) == 2
    one_line_error(capsys)
    assert not os.path.exists("/proc/mapapp-out.geojson")


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(full_disk, tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text(BIG, encoding="utf-8")
    out = full_disk / "out.geojson"
    out.write_text("the old map", encoding="utf-8")
    assert main(["geoparse", str(big), "-o", str(out)]) == 2
    assert "disk is full" in one_line_error(capsys)
    assert out.read_text(encoding="utf-8") == "the old map"
    assert [p.name for p in full_disk.iterdir()] == ["out.geojson"]


def test_a_full_disk_during_build_keeps_the_old_layers(full_disk, tmp_path, small_text, capsys):
    layers = full_disk / "layers"
    assert main(["build", str(small_text), "--out", str(layers)]) == 0
    before = {p.name: p.read_bytes() for p in layers.iterdir()}
    capsys.readouterr()
    big = tmp_path / "big.txt"
    big.write_text(BIG, encoding="utf-8")
    assert main(["build", str(big), "--out", str(layers)]) == 2
    assert "disk is full" in one_line_error(capsys)
    assert {p.name: p.read_bytes() for p in layers.iterdir()} == before
    assert no_temporary_files(full_disk)


def test_a_fifo_as_input_is_refused_at_once(tmp_path):
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "mapapp", "geoparse", str(fifo)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "FIFO" in done.stderr and done.stderr.count("\n") == 1


def test_a_device_as_input_is_refused(tmp_path, capsys):
    dev = tmp_path / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert main(["geoparse", str(dev)]) == 2
    assert "character device" in one_line_error(capsys)


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_write_text_atomic_refuses_what_is_not_a_regular_file(tmp_path, kind):
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    mode = os.lstat(target).st_mode
    with pytest.raises(OutputError, match="cannot write"):
        write_text_atomic(target, "data")
    assert os.lstat(target).st_mode == mode and no_temporary_files(tmp_path)


def test_write_text_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "private.json"
    path.write_text("old")
    path.chmod(0o600)
    write_text_atomic(path, "new")
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_fifo_among_layer_files_is_named_not_waited_for(seed_doc, tmp_layers):
    from mapapp.io.layerfiles import read_layers, write_layers

    write_layers(seed_doc, tmp_layers, "seed.txt")
    fifo = tmp_layers / "cities.geojson"
    fifo.unlink()
    os.mkfifo(fifo)
    found = []
    reader = threading.Thread(target=lambda: found.append(read_layers(tmp_layers)), daemon=True)
    reader.start()
    reader.join(30)
    if reader.is_alive():
        with open(fifo, "w"):
            pass  # let the blocked reader go before failing
        reader.join()
    assert not reader.is_alive() and found[0].errors == ["cities.geojson: is a FIFO (named pipe), not a text file"]
    assert "sites" in found[0].layers
