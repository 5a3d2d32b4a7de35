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
#: The geocoder's bounds: a whole request (connect to last byte), one answer, the answer cache.
DEFAULT_GEOCODER_DEADLINE = 10.0
DEFAULT_GEOCODER_MAX_ANSWER_MB = 2.0
DEFAULT_GEOCODER_CACHE_MB = 20.0


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
    """Every environment variable mapapp reads, with its meaning (unset or empty = the default).

    Flags are on for ``1``, ``true``, ``yes`` or ``on``; numbers that do not
    parse fall back to their default rather than stopping the app.
    """

    #: MAPAPP_INDEX_DIR: the built gazetteer index (default: data/index in the checkout).
    index_dir: Path | None = None
    #: MAPAPP_DATA_DIR: what mapapp writes for its users, kept out of the repository:
    #: the layers of readers' texts and of ``mapapp build``, and their corrections
    #: (default: ``platformdirs.user_data_dir("mapapp")``, e.g. ~/.local/share/mapapp).
    data_dir: Path | None = None
    #: MAPAPP_LAYERS_DIR: the folder of layer folders, one per text (default: data_dir/layers).
    layers_dir: Path | None = None
    #: MAPAPP_MAX_UPLOAD_MB: the largest text the app accepts, in MB (default 5).
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    #: MAPAPP_ONLINE: ask the online geocoder for names the gazetteer does not know (default off).
    online: bool = False
    #: MAPAPP_TILES: offer online tile layers over the offline basemap when their servers
    #: answer (default off: no connection is attempted at all).
    tiles: bool = False
    #: MAPAPP_OFFLINE: never offer online tiles, even with MAPAPP_TILES on.
    offline: bool = False
    #: MAPAPP_GEOCODER_URL: a Nominatim-compatible service (default: the public OpenStreetMap one).
    geocoder_url: str = DEFAULT_GEOCODER_URL
    #: MAPAPP_CACHE_DIR: the geocoder's answer cache (default: the user cache folder).
    cache_dir: Path | None = None
    #: MAPAPP_GEOCODER_MIN_INTERVAL: seconds between requests (default: 1 for the public service).
    geocoder_min_interval: float | None = None
    #: MAPAPP_GEOCODER_DEADLINE: seconds one geocoder request may take in all, from
    #: connecting to the last byte, redirects included (default 10).
    geocoder_deadline: float = DEFAULT_GEOCODER_DEADLINE
    #: MAPAPP_GEOCODER_MAX_ANSWER_MB: a larger answer is dropped unread and not cached (default 2).
    geocoder_max_answer_mb: float = DEFAULT_GEOCODER_MAX_ANSWER_MB
    #: MAPAPP_GEOCODER_CACHE_MB: the answers kept on disk, oldest evicted first (default 20; 0 keeps none).
    geocoder_cache_mb: float = DEFAULT_GEOCODER_CACHE_MB
    #: MAPAPP_EDITOR_TOKEN: on a shared server, the token an editor gives to publish readers'
    #: corrections to everyone (unset: the one local user is the editor).
    editor_token: str | None = None

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
            tiles=_flag(env, "MAPAPP_TILES"),
            offline=_flag(env, "MAPAPP_OFFLINE"),
            geocoder_url=(env.get("MAPAPP_GEOCODER_URL") or DEFAULT_GEOCODER_URL).rstrip("/"),
            cache_dir=_path(env, "MAPAPP_CACHE_DIR"),
            geocoder_min_interval=_number(env, "MAPAPP_GEOCODER_MIN_INTERVAL", None),
            geocoder_deadline=max(_number(env, "MAPAPP_GEOCODER_DEADLINE", DEFAULT_GEOCODER_DEADLINE)
                                  or DEFAULT_GEOCODER_DEADLINE, 0.001),
            geocoder_max_answer_mb=max(_number(env, "MAPAPP_GEOCODER_MAX_ANSWER_MB",
                                               DEFAULT_GEOCODER_MAX_ANSWER_MB)
                                       or DEFAULT_GEOCODER_MAX_ANSWER_MB, 0.001),
            geocoder_cache_mb=max(_number(env, "MAPAPP_GEOCODER_CACHE_MB", DEFAULT_GEOCODER_CACHE_MB)
                                  or 0.0, 0.0),
            editor_token=env.get("MAPAPP_EDITOR_TOKEN", "").strip() or None,
        )


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings.from_env()


def online_enabled(flag: bool | None = None) -> bool:
    """Whether to ask the online geocoder: an explicit flag (CLI ``--online``, the app's toggle)
    wins over ``MAPAPP_ONLINE``. Here, not in mapapp.geocode, so that an offline geoparse
    never imports the HTTP stack."""
    return settings().online if flag is None else flag
