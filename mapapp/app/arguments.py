"""The app script's own arguments (after ``--`` in ``streamlit run``), parsed in one place."""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from mapapp.io.paths import SEED_FILE
from mapapp.io.textio import InputError


@dataclass(frozen=True)
class AppArgs:
    """The text file the text page opens, and the corpus output the corpus page opens (if any)."""

    file: Path
    corpus: Path | None = None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise InputError(f"app arguments: {message}")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="mapapp app", description="Serve the map app on a text, or on a corpus output.")
    p.add_argument("file", nargs="?", type=Path, default=SEED_FILE,
                   help="a UTF-8 (or Windows-1252, UTF-16) text file (default: the seed text)")
    p.add_argument("--corpus", type=Path, metavar="DIR",
                   help="a folder written by `mapapp corpus`: opens on the corpus page")
    return p


def parse_args(argv: Sequence[str]) -> AppArgs:
    """AppArgs, or InputError in one line for arguments the app does not take."""
    ns = parser().parse_args(list(argv))
    return AppArgs(ns.file, ns.corpus)
