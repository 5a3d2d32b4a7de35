"""mapapp: read a text with its map.

``mapapp.geoparse(text)`` turns German or English text into the places it
names, resolved offline, as typed objects with ``to_geojson()``.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["geoparse", "__version__"]


def geoparse(text: str, lang: str | None = None, **kwargs):
    """See :func:`mapapp.pipeline.geoparse`."""
    from mapapp.pipeline import geoparse as _geoparse

    return _geoparse(text, lang, **kwargs)
