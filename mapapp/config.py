"""Settings read once from the environment, at the edges.

Library code takes what it needs as arguments or asks :func:`settings` (read
on first use, cached); nothing deeper reads ``os.environ``. Tests that change
the environment call ``settings.cache_clear()`` (conftest does it for every test).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

_TRUE = ("1", "true", "yes", "on")

#: The public OpenStreetMap Nominatim: at most one request a second (its usage policy).
DEFAULT_GEOCODER_URL = "https://nominatim.openstreetmap.org"
DEFAULT_MAX_UPLOAD_MB = 5.0


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in _TRUE


def _path(env: Mapping[str, str], name: str) -> Path | None:
    raw = env.get(name, "").strip()
    return Path(raw) if raw else None


def _number(env: Mapping[str, str], name: str, default: float | None) -> float | None:
    raw = env.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    """Every environment variable mapapp reads, with its meaning."""

    #: MAPAPP_INDEX_DIR: the built gazetteer index (default: data/index in the checkout).
    index_dir: Path | None = None
    #: MAPAPP_DATA_DIR: readers' texts, their layers and corrections (default: the user data folder).
    data_dir: Path | None = None
    #: MAPAPP_LAYERS_DIR: where the app looks for and writes layer folders (default: under data_dir).
    layers_dir: Path | None = None
    #: MAPAPP_MAX_UPLOAD_MB: the largest text the app accepts.
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    #: MAPAPP_ONLINE: ask the online geocoder for names the gazetteer does not know.
    online: bool = False
    #: MAPAPP_OFFLINE: never offer online tiles, not even when reachable.
    offline: bool = False
    #: MAPAPP_GEOCODER_URL: a Nominatim-compatible service.
    geocoder_url: str = DEFAULT_GEOCODER_URL
    #: MAPAPP_CACHE_DIR: the geocoder's answer cache (default: the user cache folder).
    cache_dir: Path | None = None
    #: MAPAPP_GEOCODER_MIN_INTERVAL: seconds between requests (default: 1 for the public service).
    geocoder_min_interval: float | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        return cls(
            index_dir=_path(env, "MAPAPP_INDEX_DIR"),
            data_dir=_path(env, "MAPAPP_DATA_DIR"),
            layers_dir=_path(env, "MAPAPP_LAYERS_DIR"),
            max_upload_mb=max(_number(env, "MAPAPP_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)
                              or DEFAULT_MAX_UPLOAD_MB, 0.001),
            online=_flag(env, "MAPAPP_ONLINE"),
            offline=_flag(env, "MAPAPP_OFFLINE"),
            geocoder_url=(env.get("MAPAPP_GEOCODER_URL") or DEFAULT_GEOCODER_URL).rstrip("/"),
            cache_dir=_path(env, "MAPAPP_CACHE_DIR"),
            geocoder_min_interval=_number(env, "MAPAPP_GEOCODER_MIN_INTERVAL", None),
        )


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings.from_env()
