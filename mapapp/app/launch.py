"""``mapapp app``: start the Streamlit server on the app script.

Kept apart from the script (mapapp.app.main) so that the command line does not
import Streamlit's page machinery just to start a server.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mapapp.app.arguments import parser
from mapapp.app.sources import max_upload_bytes

SCRIPT = Path(__file__).resolve().with_name("main.py")


def command(argv: list[str]) -> list[str]:
    """The ``streamlit run`` command line for the app with these arguments."""
    parser().parse_args(argv)
    # Streamlit's own limit a little above ours: slightly larger files get our explanation,
    # far larger ones are stopped in the browser instead of being sent to a shared server.
    upload_mb = int(max_upload_bytes() / 2**20) + 2
    # Passed here, not only in .streamlit/config.toml: streamlit reads that from the current
    # folder, and `mapapp app` may be started anywhere.
    return [sys.executable, "-m", "streamlit", "run", str(SCRIPT),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--client.toolbarMode", "minimal",
            "--server.maxUploadSize", str(upload_mb), "--", *argv]


def cli(argv: list[str]) -> int:
    """``mapapp app [FILE] [--corpus DIR]``: serve the app on FILE (default: the seed) and, with
    ``--corpus``, on a corpus output."""
    return subprocess.call(command(argv))
