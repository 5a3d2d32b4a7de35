"""Readers' corrections of the geoparse: re-assign, remove or add a mention, anchored to one text.

``model`` (the data and its JSON), ``anchor`` (where a correction applies, pure),
``apply`` (a corrected Document, pure), ``store`` (correction sets and published
corrections on disk), ``rights`` (who may publish), ``legacy`` (the old per-folder file).
"""
from mapapp.corrections.apply import Applied, apply_corrections, latest
from mapapp.corrections.legacy import adopt_legacy
from mapapp.corrections.model import Correction, PlaceRef, make_corrections, text_hash
from mapapp.corrections.rights import editor_required, is_editor
from mapapp.corrections.store import CorrectionStore, Imported, Saved, new_set_id, read_file
from mapapp.errors import CorrectionsFileError, NotEditor

__all__ = ["Applied", "Correction", "CorrectionStore", "CorrectionsFileError", "Imported",
           "NotEditor", "PlaceRef", "Saved", "adopt_legacy", "apply_corrections", "editor_required",
           "is_editor", "latest", "make_corrections", "new_set_id", "read_file", "text_hash"]
