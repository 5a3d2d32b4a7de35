"""Errors a user can act on: each carries one line that the CLI and the app show as is.

Anything else that escapes is a bug and is reported as one.
"""
from __future__ import annotations


class UserError(Exception):
    """Bad input, a bad path or a missing resource, explained in one line."""


class InputError(UserError):
    """A text that cannot be read: missing, a folder, binary, too large, undecodable."""


class OutputError(UserError):
    """A place mapapp must not or cannot write to."""


class ExportError(UserError, ValueError):
    """Static export options or sources that cannot be rendered."""


class CorpusInputError(UserError):
    """A corpus input that cannot be read."""


class GazetteerError(UserError):
    """The gazetteer index is missing, damaged or cannot be rebuilt here."""


class ClusterError(UserError):
    """A Dask scheduler or worker that cannot run mapapp (not installed, another index)."""


class GeoparseStopped(UserError):
    """A geoparse stopped early between passages, on request or out of time."""


class GeoparseTimeout(GeoparseStopped):
    """A geoparse ran past the time budget its caller gave it."""


class GeoparseCancelled(GeoparseStopped):
    """A geoparse its caller no longer wants (the reader left or sent another text)."""


class CorrectionsFileError(UserError):
    """A file given to import or to ``--corrections`` is not a corrections file."""


class NotEditor(UserError):
    """Publishing (or changing the published corrections) without the editor token."""
