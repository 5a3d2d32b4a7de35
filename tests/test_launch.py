"""`mapapp app` starts Streamlit on the app script with privacy and upload settings of its own."""
from __future__ import annotations

import subprocess
import sys

import pytest

from mapapp.app.launch import SCRIPT, command
from mapapp.errors import InputError


def test_the_command_serves_the_app_script_with_no_usage_statistics(monkeypatch):
    monkeypatch.setenv("MAPAPP_MAX_UPLOAD_MB", "3")
    from mapapp.config import settings

    settings.cache_clear()
    cmd = command(["seeds/kazakhstan_commentary_de.txt"])
    assert cmd[:4] == [sys.executable, "-m", "streamlit", "run"] and cmd[4] == str(SCRIPT)
    assert SCRIPT.name == "main.py" and SCRIPT.exists()
    assert cmd[cmd.index("--browser.gatherUsageStats") + 1] == "false"
    assert cmd[cmd.index("--server.maxUploadSize") + 1] == "5"  # ours + 2 MB
    assert cmd[-2:] == ["--", "seeds/kazakhstan_commentary_de.txt"]


def test_bad_arguments_are_refused_before_a_server_starts():
    with pytest.raises(InputError):
        command(["--no-such-flag"])


def test_help_is_printed_without_streamlit_noise():
    done = subprocess.run([sys.executable, "-m", "mapapp", "app", "--help"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: mapapp app")
    assert "ScriptRunContext" not in done.stderr
